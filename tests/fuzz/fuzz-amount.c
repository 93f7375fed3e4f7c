/* SPDX-License-Identifier: MIT */
/*
 * fuzz-amount.c - the exact decimal parsers (core/amount.c): amounts in
 * fen (cf_amount_parse, fees in procedures and case logs) and ratios
 * (cf_ratio_parse, the minimums of rate checks and the sampling
 * parameters).  Promises checked: what parses formats back to text
 * that parses to the same value; no overflow (UBSan); errors are one
 * line of UTF-8.
 */
#include "fuzz.h"
#include "amount.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	char *z = cf_xstrndup(s, size), *f;
	char buf[32];
	int64_t fen, again;
	struct cf_ratio r, r2;

	if (cf_amount_parse(&fen, s, size) == 0) {
		FUZZ_CHECK(fen >= 0, "negative amount %lld", (long long)fen);
		cf_amount_format(fen, buf, sizeof buf);
		FUZZ_CHECK(cf_amount_parse(&again, buf, strlen(buf)) == 0 &&
			again == fen,
		    "amount %lld written as '%s' reads back otherwise",
		    (long long)fen, buf);
	} else
		fuzz_check_message("amount error", cf_error_message());
	if (strlen(z) == size && cf_ratio_parse(&r, z) == 0) {
		FUZZ_CHECK(r.num >= 0 && r.den >= 1, "ratio %lld/%lld",
		    (long long)r.num, (long long)r.den);
		f = cf_ratio_format(r);
		FUZZ_CHECK(cf_ratio_parse(&r2, f) == 0 && r2.num == r.num &&
			r2.den == r.den,
		    "ratio '%s' written as '%s' reads back otherwise", z, f);
		free(f);
	} else if (strlen(z) == size)
		fuzz_check_message("ratio error", cf_error_message());
	free(z);
	cf_error_clear();
	return 0;
}
