/* SPDX-License-Identifier: MIT */
/*
 * text.h - small text facts every module needs: UTF-8 validity and
 * display width, trimming, exact decimal amounts and ratios, and the
 * glob used by scopes and applies-to.
 *
 * Amounts are never floating point: "50", "50.0" and "50.00" all parse
 * to 5000 fen.  Ratios ("0.70") parse to an exact fraction num/den with
 * den a power of ten, so that judgements compare integers only.
 */
#ifndef CF_TEXT_H
#define CF_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Returns true when s[0..n) is well-formed UTF-8 (no overlongs, no
 * surrogates, nothing above U+10FFFF).  On false, *bad_at (if not NULL)
 * is the byte offset of the first bad sequence.
 */
bool cf_utf8_valid(const char *s, size_t n, size_t *bad_at);

/*
 * The length of the longest prefix of s[0..n) that does not end inside
 * a UTF-8 sequence: what is left after cutting a longer text to fit a
 * buffer (snprintf) without leaving half a character.
 */
size_t cf_utf8_cut(const char *s, size_t n);

/*
 * True when s[0..n) is fit to print in a one-line message as it is:
 * valid UTF-8 without control bytes.
 */
bool cf_text_printable(const char *s, size_t n);

/*
 * Appends s[0..n) to `b` made fit for a one-line message: valid UTF-8
 * is copied, a control byte becomes an escape ("\n", "\r", "\t",
 * "\x01") and each byte of an invalid sequence "\xNN".  Errors quote
 * their input; this keeps a quoted line break or stray byte from
 * breaking the line or the encoding of what conform prints.
 */
struct cf_buf;
void cf_text_add_printable(struct cf_buf *b, const char *s, size_t n);

/* Terminal columns a UTF-8 string takes (East Asian wide = 2). */
size_t cf_utf8_width(const char *s);

/* A pointer/length pair of `s` without leading and trailing blanks. */
void cf_trim(const char **s, size_t *n);

/* True when `s` is NULL or only white space. */
bool cf_blank(const char *s);

/*
 * Parses a decimal amount ("50", "50.5", "50.00", optional leading
 * spaces trimmed) into fen.  At most two decimals; no sign, no
 * exponent, no thousands separator.  Returns 0 or CF_EINVALID.
 */
int cf_amount_parse(int64_t *fen, const char *s, size_t n);

/* Formats fen as "yuan.ff" into buf (at least 24 bytes). */
void cf_amount_format(int64_t fen, char *buf, size_t size);

/* An exact non-negative decimal fraction: num / den, den = 10^k. */
struct cf_ratio {
	int64_t num;
	int64_t den;
};

/* Parses "0.95", "1", ".5" is refused.  Returns 0 or CF_EINVALID. */
int cf_ratio_parse(struct cf_ratio *out, const char *s);

/* The ratio as the decimal it was written as ("0.95"); caller frees. */
char *cf_ratio_format(struct cf_ratio r);

/* Shell-style glob (*, ?, [..]) over ids; '/' is an ordinary byte. */
bool cf_glob_match(const char *pattern, const char *s);

#endif
