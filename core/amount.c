/* SPDX-License-Identifier: MIT */
/*
 * amount.c - amounts in fen and exact ratios (see amount.h).
 *
 * Both parsers read digits into int64_t with an explicit bound before
 * each step, so no input overflows: an amount refuses more yuan than
 * fit in fen, a ratio more than 9 digits in all (so that the product of
 * two ratios still fits).
 */
#include "conform.h"
#include "amount.h"
#include "text.h"

#include <stdio.h>

int
cf_amount_parse(int64_t *fen, const char *s, size_t n)
{
	int64_t yuan = 0, frac = 0;
	size_t i = 0, digits = 0, fdigits = 0;

	cf_trim(&s, &n);
	for (; i < n && s[i] >= '0' && s[i] <= '9'; i++, digits++) {
		if (yuan > (INT64_MAX / 100 - 9) / 10)
			return cf_error_set(CF_EINVALID, "amount too large");
		yuan = yuan * 10 + (s[i] - '0');
	}
	if (digits == 0)
		goto bad;
	if (i < n && s[i] == '.') {
		for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
			if (++fdigits > 2)
				goto bad;
			frac = frac * 10 + (s[i] - '0');
		}
		if (fdigits == 0)
			goto bad;
		if (fdigits == 1)
			frac *= 10;
	}
	if (i != n)
		goto bad;
	*fen = yuan * 100 + frac;
	return 0;
bad:
	return cf_error_set(CF_EINVALID,
	    "invalid amount '%.*s', expected a decimal such as 50 or 50.00",
	    (int)cf_utf8_cut(s, n > 40 ? 40 : n), s);
}

void
cf_amount_format(int64_t fen, char *buf, size_t size)
{
	const char *sign = fen < 0 ? "-" : "";
	uint64_t v = fen < 0 ? (uint64_t)0 - (uint64_t)fen : (uint64_t)fen;

	snprintf(buf, size, "%s%llu.%02llu", sign,
	    (unsigned long long)(v / 100), (unsigned long long)(v % 100));
}

int
cf_ratio_parse(struct cf_ratio *out, const char *s)
{
	int64_t num = 0, den = 1;
	size_t i = 0, digits = 0;

	/* At most 9 digits in all, so products of two ratios fit int64. */
	for (; s[i] >= '0' && s[i] <= '9'; i++, digits++) {
		if (digits >= 9)
			goto bad;
		num = num * 10 + (s[i] - '0');
	}
	if (digits == 0)
		goto bad;
	if (s[i] == '.') {
		size_t f = 0;
		for (i++; s[i] >= '0' && s[i] <= '9'; i++, f++, digits++) {
			if (digits >= 9)
				goto bad;
			num = num * 10 + (s[i] - '0');
			den *= 10;
		}
		if (f == 0)
			goto bad;
	}
	if (s[i] != '\0')
		goto bad;
	out->num = num;
	out->den = den;
	return 0;
bad:
	return cf_error_set(CF_EINVALID,
	    "invalid ratio '%s', expected a decimal such as 0.95", s);
}

char *
cf_ratio_format(struct cf_ratio r)
{
	int digits = 0;

	for (int64_t x = r.den; x > 1; x /= 10)
		digits++;
	if (digits == 0)
		return cf_xasprintf("%lld", (long long)r.num);
	return cf_xasprintf("%lld.%0*lld", (long long)(r.num / r.den), digits,
	    (long long)(r.num % r.den));
}
