/* SPDX-License-Identifier: MIT */
/*
 * text.h - small text facts every module needs: UTF-8 validity and
 * display width, trimming, and the glob used by scopes and applies-to.
 * (Amounts and ratios are in amount.h.)
 *
 * It sits below the error convention: nothing here fails, so error.c
 * can use it to keep messages one line of UTF-8.
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

/*
 * The same for text that may span lines (a CSV cell, XML and HTML text,
 * a paragraph printed on the terminal): line feeds and tabs are kept,
 * every other control character - C0, DEL and the C1 controls U+0080 to
 * U+009F, which terminals may obey - is written as a visible escape
 * ("\r", "\x1B", "\u007F", "\u009B"), and a byte of an invalid UTF-8 sequence as
 * "\xNN".  Old stores may hold such values (doc/hardening.md); no output
 * carries them raw.  cf_text_visible() is true when `s` needs nothing.
 */
void cf_text_add_visible(struct cf_buf *b, const char *s, size_t n);
bool cf_text_visible(const char *s, size_t n);

/* Terminal columns a UTF-8 string takes (East Asian wide = 2). */
size_t cf_utf8_width(const char *s);

/* A pointer/length pair of `s` without leading and trailing blanks. */
void cf_trim(const char **s, size_t *n);

/* True when `s` is NULL or only white space. */
bool cf_blank(const char *s);

/* Whether the `n` bytes at `s` are all lower-case hex digits (0-9, a-f). */
bool cf_is_hex_lower(const char *s, size_t n);

/* Shell-style glob (*, ?, [..]) over ids; '/' is an ordinary byte. */
bool cf_glob_match(const char *pattern, const char *s);

#endif
