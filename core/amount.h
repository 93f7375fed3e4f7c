/* SPDX-License-Identifier: MIT */
/*
 * amount.h - exact decimal amounts of money and ratios.
 *
 * Amounts are never floating point: "50", "50.0" and "50.00" all parse
 * to 5000 fen.  Ratios ("0.70") parse to an exact fraction num/den with
 * den a power of ten, so that judgements compare integers only.
 */
#ifndef CF_AMOUNT_H
#define CF_AMOUNT_H

#include <stddef.h>
#include <stdint.h>

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

#endif
