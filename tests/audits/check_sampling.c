/* SPDX-License-Identifier: MIT */
/*
 * check_sampling.c - the attribute sample (audits/sampling.c): sizes
 * against DOMAIN.md section 2's table and the AICPA values, the
 * binomial CDF and the upper deviation limit against values computed
 * independently with python3, and the selection's reproducibility.
 *
 * Reference values were computed while writing these tests:
 *   - CDFs and bounds for n <= 1000 with python3's fractions (exact
 *     rational sums of C(n,j) p^j q^(n-j)), the bounds by 90 bisection
 *     steps on that exact CDF in 60-digit decimal arithmetic;
 *   - CDFs for n = 10^6 with mpmath at 40 digits, summing the terms
 *     exp(loggamma(n+1) - loggamma(j+1) - loggamma(n-j+1) + j log p +
 *     (n-j) log q);
 *   - selections with hashlib.sha256(f"{seed}:{id}".encode()).digest(),
 *     sorted, the first n taken.
 */
#include "conform.h"
#include "amount.h"
#include "auditdb.h"
#include "check_suites.h"
#include "conclusion.h"
#include "sampling.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct cf_ratio
R(const char *s) {
	struct cf_ratio r;

	ck_assert_int_eq(cf_ratio_parse(&r, s), 0);
	return r;
}

static int64_t
size_of(const char *conf, const char *tol, const char *exp)
{
	int64_t n = -1;

	ck_assert_msg(cf_sample_size(&n, R(conf), R(tol), R(exp)) == 0, "%s",
	    cf_error_message());
	return n;
}

START_TEST(test_size_domain_table)
{
	/* DOMAIN.md section 2, zero expected deviations. */
	const char *tol[] = { "0.02", "0.03", "0.04", "0.05", "0.06", "0.07",
		"0.08", "0.10", "0.15", "0.20" };
	const int64_t at95[] = { 149, 99, 74, 59, 49, 42, 36, 29, 19, 14 };
	const int64_t at90[] = { 114, 76, 57, 45, 38, 32, 28, 22, 15, 11 };

	for (size_t i = 0; i < CF_ARRAY_LEN(tol); i++) {
		ck_assert_msg(size_of("0.95", tol[i], "0") == at95[i],
		    "95 %% / %s: %lld, expected %lld", tol[i],
		    (long long)size_of("0.95", tol[i], "0"),
		    (long long)at95[i]);
		ck_assert_msg(size_of("0.90", tol[i], "0") == at90[i],
		    "90 %% / %s: %lld, expected %lld", tol[i],
		    (long long)size_of("0.90", tol[i], "0"),
		    (long long)at90[i]);
	}
}
END_TEST

START_TEST(test_size_with_expected_deviations)
{
	/* DOMAIN.md: 93 (1) at 95 % / 5 % / 1 %, 46 (1) at 10 %. */
	ck_assert_int_eq(size_of("0.95", "0.05", "0.01"), 93);
	ck_assert_int_eq(cf_sample_acceptance(93, R("0.01")), 1);
	ck_assert_int_eq(size_of("0.95", "0.10", "0.01"), 46);
	ck_assert_int_eq(cf_sample_acceptance(46, R("0.01")), 1);
	/* The AICPA values DOMAIN.md checked. */
	ck_assert_int_eq(size_of("0.95", "0.04", "0.01"), 156);
	ck_assert_int_eq(size_of("0.95", "0.05", "0.02"), 181);
	ck_assert_int_eq(size_of("0.90", "0.07", "0.03"), 94);
	ck_assert_int_eq(size_of("0.90", "0.08", "0.04"), 98);
	/* Same answers however the rates are written. */
	ck_assert_int_eq(size_of("0.950", "0.0500", "0.000"), 59);
}
END_TEST

START_TEST(test_size_zero_acceptance_formula)
{
	/* With 0 expected: n = ceil(ln(1 - c) / ln(1 - t)) (DOMAIN.md). */
	const char *conf[] = { "0.80", "0.90", "0.95", "0.99" };
	char tol[16];

	for (size_t i = 0; i < CF_ARRAY_LEN(conf); i++)
		for (int t = 1; t <= 30; t++) {
			snprintf(tol, sizeof tol, "0.%02d", t);
			double c = atof(conf[i]);
			int64_t want = (int64_t)ceil(
			    log(1 - c) / log(1 - t / 100.0));
			ck_assert_msg(size_of(conf[i], tol, "0") == want,
			    "%s / %s", conf[i], tol);
		}
}
END_TEST

START_TEST(test_size_exact_tie)
{
	/* 0.5^2 = 0.25 = 1 - 0.75 exactly: 2 cases are enough. */
	ck_assert_int_eq(size_of("0.75", "0.5", "0"), 2);
	/* 0.9^1 = 0.9 = 1 - 0.1. */
	ck_assert_int_eq(size_of("0.1", "0.1", "0"), 1);
	/* 0.1^2 = 0.01 and 0.1^3 = 0.001: in long double logarithms these
	 * land a hair above the risk, and only the tie rule keeps them. */
	ck_assert_int_eq(size_of("0.99", "0.9", "0"), 2);
	ck_assert_int_eq(size_of("0.999", "0.9", "0"), 3);
}
END_TEST

START_TEST(test_size_refused)
{
	int64_t n;

	ck_assert_int_eq(cf_sample_size(&n, R("1"), R("0.05"), R("0")),
	    CF_EINVALID);
	ck_assert_int_eq(cf_sample_size(&n, R("0"), R("0.05"), R("0")),
	    CF_EINVALID);
	ck_assert_int_eq(cf_sample_size(&n, R("0.95"), R("0"), R("0")),
	    CF_EINVALID);
	ck_assert_int_eq(cf_sample_size(&n, R("0.95"), R("0.05"), R("0.05")),
	    CF_EINVALID);
	ck_assert_str_eq(cf_error_message(),
	    "the expected deviation rate must be below the tolerable rate");
	/* Possible in principle, but beyond a million cases. */
	ck_assert_int_eq(cf_sample_size(&n, R("0.99"), R("0.000001"), R("0")),
	    CF_EINVALID);
	ck_assert_int_eq(cf_sample_size(&n, R("0.95"), R("0.05"), R("0.0499")),
	    CF_EINVALID);
}
END_TEST

/*
 * True when long double arithmetic is really double: valgrind runs the
 * x87's 80-bit operations in 64 bits (a documented limitation), so under
 * `make valgrind` the sums carry double's rounding.
 */
static bool
long_double_is_double(void)
{
	volatile long double one = 1.0L, eps = LDBL_EPSILON;

	return one + eps == one;
}

/* Within the documented relative error: 1e-15, plus n * 2e-18 (with
 * double's rounding instead under valgrind: 1e-12, plus n * 2e-15). */
static void
assert_cdf(int64_t k, int64_t n, long double p, long double want)
{
	long double got = cf_binom_cdf(k, n, p);
	long double rel = long_double_is_double()
	    ? 1e-12L + (long double)n * 2e-15L
	    : 1e-15L + (long double)n * 2e-18L;

	ck_assert_msg(fabsl(got - want) <= want * rel,
	    "BinomCDF(%lld, %lld, %Lg) = %.20Lg, expected %.20Lg", (long long)k,
	    (long long)n, p, got, want);
}

START_TEST(test_binom_cdf)
{
	/* Exact rational sums (python3 fractions). */
	assert_cdf(0, 59, 0.05L, 0.04849452524942323768219612889678767L);
	assert_cdf(1, 93, 0.05L, 0.04997579524261653978525264894921989L);
	assert_cdf(2, 181, 0.05L, 0.005169461344003677397318266245300218L);
	assert_cdf(5, 100, 0.5L, 6.261622562692680167641143908668953e-23L);
	assert_cdf(500, 1000, 0.5L, 0.5126125090891804009534208443810512L);
	assert_cdf(3, 20, 0.1L, 0.86704667656566492231L);
	assert_cdf(7, 50, 0.3L, 0.007264203067604207645419134205982427L);
	/* n = 10^6 (mpmath, 40 digits). */
	assert_cdf(40000, 1000000, 0.04L, 0.5013300803671716878435093L);
	assert_cdf(39500, 1000000, 0.04L, 0.00533496378706143827326849L);
	assert_cdf(0, 1000000, 0.000001L, 0.3678792572316450942857981L);
	assert_cdf(2, 1000000, 0.000001L, 0.9196986948985504026198036L);
	/* The edges. */
	ck_assert(cf_binom_cdf(-1, 10, 0.5L) == 0);
	ck_assert(cf_binom_cdf(10, 10, 0.5L) == 1);
	ck_assert(cf_binom_cdf(3, 10, 0) == 1);
	ck_assert(cf_binom_cdf(3, 10, 1) == 0);
}
END_TEST

static void
assert_upper(int64_t d, int64_t n, const char *conf, int32_t want,
    const char *text)
{
	int32_t bp = -1;
	char buf[32];

	ck_assert_int_eq(cf_sample_upper_limit(&bp, d, n, R(conf)), 0);
	ck_assert_msg(bp == want, "%lld in %lld at %s: %d bp, expected %d",
	    (long long)d, (long long)n, conf, bp, want);
	cf_sample_bp_format(bp, buf, sizeof buf);
	ck_assert_str_eq(buf, text);
}

START_TEST(test_upper_limit)
{
	/* DOMAIN.md: 0 in 59 at 95 % is 4.95 % (4.950760988822694...). */
	assert_upper(0, 59, "0.95", 495, "4.95 %");
	/* python3, exact CDF, bisection (percent values in comments). */
	assert_upper(0, 149, "0.95", 199, "1.99 %");  /* 1.990481622068 */
	assert_upper(1, 93, "0.95", 500, "5.00 %");   /* 4.999397838798 */
	assert_upper(2, 181, "0.95", 344, "3.44 %");  /* 3.437291287944 */
	assert_upper(0, 45, "0.90", 499, "4.99 %");   /* 4.988149268185 */
	assert_upper(3, 100, "0.90", 656, "6.56 %");  /* 6.558575150289 */
	assert_upper(5, 200, "0.95", 518, "5.18 %");  /* 5.184333912029 */
	assert_upper(4, 156, "0.95", 577, "5.77 %");  /* 5.771242157264 */
	assert_upper(1, 10, "0.95", 3942, "39.42 %"); /* 39.41633024365 */
	assert_upper(7, 50, "0.99", 2920, "29.20 %"); /* 29.19578618881 */
	assert_upper(0, 1, "0.95", 9500, "95.00 %");  /* 1 - 0.05 */
	assert_upper(10, 10, "0.95", 10000, "100.00 %");
}
END_TEST

START_TEST(test_upper_limit_refused)
{
	int32_t bp;

	ck_assert_int_eq(cf_sample_upper_limit(&bp, 0, 0, R("0.95")),
	    CF_EINVALID);
	ck_assert_int_eq(cf_sample_upper_limit(&bp, 3, 2, R("0.95")),
	    CF_EINVALID);
	ck_assert_int_eq(cf_sample_upper_limit(&bp, -1, 2, R("0.95")),
	    CF_EINVALID);
	ck_assert_int_eq(cf_sample_upper_limit(&bp, 0, 59, R("1")),
	    CF_EINVALID);
}
END_TEST

START_TEST(test_within_tolerable)
{
	/* 0.95^59 = 0.0485 <= 0.05, 0.95^58 = 0.0510 > 0.05. */
	ck_assert(cf_sample_within(0, 59, R("0.95"), R("0.05")));
	ck_assert(!cf_sample_within(0, 58, R("0.95"), R("0.05")));
	ck_assert(!cf_sample_within(0, 38, R("0.95"), R("0.05")));
	/* 1 in 93 is 4.9994 %: within, the AICPA plan's own edge. */
	ck_assert(cf_sample_within(1, 93, R("0.95"), R("0.05")));
	ck_assert(!cf_sample_within(2, 93, R("0.95"), R("0.05")));
	/* nothing judged shows nothing; bad rates are never within */
	ck_assert(!cf_sample_within(0, 0, R("0.95"), R("0.05")));
	ck_assert(!cf_sample_within(0, 59, R("1"), R("0.05")));
}
END_TEST

/* The figure of one case check of a sampled audit of 59 cases. */
static int
figure(const char *type, int64_t pass, int64_t fail, int64_t na, int64_t error,
    const char *tolerable, struct cf_sample_figure *out)
{
	struct cf_audit_head h = { 0 };
	struct cf_audit_checkrow c = { 0 };

	h.sampled = true;
	h.sample_size = 59;
	h.confidence = (char *)"0.95";
	h.tolerable = (char *)tolerable;
	c.type = (char *)type;
	c.n[CF_RESULT_PASS] = pass;
	c.n[CF_RESULT_FAIL] = fail;
	c.n[CF_RESULT_NA] = na;
	c.n[CF_RESULT_ERROR] = error;
	return cf_sample_figure_of(&h, &c, out);
}

START_TEST(test_figure_per_check)
{
	struct cf_sample_figure f;

	/* The demo's four-eyes: 38 judged of 59 (20 na, 1 error), no
	 * deviation: 1 - 0.05^(1/38) = 7.5808 %, not 0 in 59's 4.95 %. */
	ck_assert_int_eq(figure("four-eyes", 38, 0, 20, 1, "0.05", &f), 1);
	ck_assert_int_eq(f.judged, 38);
	ck_assert_int_eq(f.sampled, 59);
	ck_assert_int_eq(f.deviations, 0);
	ck_assert_int_eq(f.limit_bp, 758);
	ck_assert_str_eq(f.limit, "7.58 %");
	ck_assert_str_eq(f.tolerable, "5 %");
	ck_assert_int_eq(f.standing, CF_SAMPLE_ABOVE);
	/* All 59 judged, none deviating: 4.95 %, within. */
	ck_assert_int_eq(figure("fee", 59, 0, 0, 0, "0.05", &f), 1);
	ck_assert_int_eq(f.limit_bp, 495);
	ck_assert_int_eq(f.standing, CF_SAMPLE_WITHIN);
	/* 56 judged: 5.21 %, above; errors and na are not judged. */
	ck_assert_int_eq(figure("steps", 56, 0, 2, 1, "0.05", &f), 1);
	ck_assert_int_eq(f.judged, 56);
	ck_assert_int_eq(f.limit_bp, 521);
	ck_assert_int_eq(f.standing, CF_SAMPLE_ABOVE);
	/* Deviations count among the judged: 1 in 93 (AICPA), 5.00 %. */
	ck_assert_int_eq(figure("on-time", 92, 1, 0, 0, "0.05", &f), 1);
	ck_assert_int_eq(f.judged, 93);
	ck_assert_int_eq(f.limit_bp, 500);
	ck_assert_int_eq(f.standing, CF_SAMPLE_WITHIN);
	/* Nothing judged: no limit, and it shows nothing. */
	ck_assert_int_eq(figure("four-eyes", 0, 0, 58, 1, "0.05", &f), 1);
	ck_assert_int_eq(f.judged, 0);
	ck_assert_str_eq(f.limit, "");
	ck_assert_int_eq(f.standing, CF_SAMPLE_NOTHING);
	/* The tolerable rate as a percentage, exactly. */
	ck_assert_int_eq(figure("fee", 59, 0, 0, 0, "0.025", &f), 1);
	ck_assert_str_eq(f.tolerable, "2.5 %");
	ck_assert_int_eq(f.standing, CF_SAMPLE_ABOVE);
	ck_assert_int_eq(figure("fee", 59, 0, 0, 0, "0.1", &f), 1);
	ck_assert_str_eq(f.tolerable, "10 %");
	ck_assert_int_eq(figure("fee", 59, 0, 0, 0, "0.0499", &f), 1);
	ck_assert_str_eq(f.tolerable, "4.99 %");
	/* Rates and documents have no figure; nor has an unsampled audit. */
	ck_assert_int_eq(figure("on-time-rate", 1, 0, 0, 0, "0.05", &f), 0);
	ck_assert_int_eq(figure("approved", 20, 1, 0, 0, "0.05", &f), 0);
	{
		struct cf_audit_head h = { 0 };
		struct cf_audit_checkrow c = { 0 };
		c.type = (char *)"fee";
		ck_assert_int_eq(cf_sample_figure_of(&h, &c, &f), 0);
	}
}
END_TEST

/* ---- selection ---- */

static struct cf_sampler *
draw(const char *seed, size_t n, const char *const *ids, size_t nids,
    const size_t *order)
{
	struct cf_sampler *s = cf_sampler_new(seed, n);

	for (size_t i = 0; i < nids; i++)
		cf_sampler_add(s, ids[order ? order[i] : i]);
	cf_sampler_finish(s);
	return s;
}

static void
assert_sample(const struct cf_sampler *s, const char *const *want, size_t n)
{
	ck_assert_uint_eq(cf_sampler_count(s), n);
	for (size_t i = 0; i < n; i++)
		ck_assert_str_eq(cf_sampler_id(s, i), want[i]);
	ck_assert_ptr_null(cf_sampler_id(s, n));
}

/* C-0001 ... C-0050. */
static const char *const *
ids50(void)
{
	static char buf[50][8];
	static const char *v[50];

	for (int i = 0; i < 50; i++) {
		snprintf(buf[i], sizeof buf[i], "C-%04d", i + 1);
		v[i] = buf[i];
	}
	return v;
}

START_TEST(test_select_known)
{
	const char *const *ids = ids50();
	const char *want3[] = { "C-0009", "C-0019", "C-0020" };
	const char *want5[] = { "C-0009", "C-0019", "C-0020", "C-0034",
		"C-0043" };
	const char *wantq[] = { "C-0019", "C-0021", "C-0045", "C-0050" };
	struct cf_sampler *s;

	s = draw("2026", 3, ids, 50, NULL);
	assert_sample(s, want3, 3);
	ck_assert_uint_eq(cf_sampler_population(s), 50);
	ck_assert(cf_sampler_contains(s, "C-0019"));
	ck_assert(!cf_sampler_contains(s, "C-0018"));
	ck_assert(!cf_sampler_contains(s, "C-00190"));
	ck_assert(!cf_sampler_contains(s, ""));
	cf_sampler_free(s);
	s = draw("2026", 5, ids, 50, NULL);
	assert_sample(s, want5, 5);
	cf_sampler_free(s);
	s = draw("IA-2026-Q1", 4, ids, 50, NULL);
	assert_sample(s, wantq, 4);
	cf_sampler_free(s);

	/* UTF-8 ids: bytes hashed, bytes compared. */
	char buf[20][16];
	const char *cn[20];
	const char *wantcn[] = { "办件-002", "办件-015", "办件-017" };
	for (int i = 0; i < 20; i++) {
		snprintf(buf[i], sizeof buf[i], "办件-%03d", i + 1);
		cn[i] = buf[i];
	}
	s = draw("2026", 3, cn, 20, NULL);
	assert_sample(s, wantcn, 3);
	cf_sampler_free(s);
}
END_TEST

START_TEST(test_select_order_independent)
{
	const char *const *ids = ids50();
	size_t rev[50], perm[50];
	struct cf_sampler *a, *b, *c;

	for (size_t i = 0; i < 50; i++) {
		rev[i] = 49 - i;
		perm[i] = (i * 17 + 5) % 50; /* 17 is prime to 50 */
	}
	for (size_t n = 1; n <= 50; n += 7) {
		a = draw("2026", n, ids, 50, NULL);
		b = draw("2026", n, ids, 50, rev);
		c = draw("2026", n, ids, 50, perm);
		ck_assert_uint_eq(cf_sampler_count(a), n);
		for (size_t i = 0; i < n; i++) {
			ck_assert_str_eq(cf_sampler_id(a, i),
			    cf_sampler_id(b, i));
			ck_assert_str_eq(cf_sampler_id(a, i),
			    cf_sampler_id(c, i));
			if (i)
				ck_assert_int_lt(strcmp(cf_sampler_id(a, i - 1),
						     cf_sampler_id(a, i)),
				    0);
		}
		cf_sampler_free(a);
		cf_sampler_free(b);
		cf_sampler_free(c);
	}
}
END_TEST

START_TEST(test_select_nested_and_seeded)
{
	const char *const *ids = ids50();
	struct cf_sampler *small = draw("2026", 10, ids, 50, NULL);
	struct cf_sampler *big = draw("2026", 20, ids, 50, NULL);
	struct cf_sampler *other = draw("2027", 10, ids, 50, NULL);
	size_t same = 0;

	/* The smallest 10 digests are among the smallest 20. */
	for (size_t i = 0; i < 10; i++)
		ck_assert(cf_sampler_contains(big, cf_sampler_id(small, i)));
	/* Another seed, another sample. */
	for (size_t i = 0; i < 10; i++)
		same += cf_sampler_contains(small, cf_sampler_id(other, i));
	ck_assert_uint_lt(same, 10);
	cf_sampler_free(small);
	cf_sampler_free(big);
	cf_sampler_free(other);
}
END_TEST

START_TEST(test_select_whole_population)
{
	const char *const *ids = ids50();
	struct cf_sampler *s = draw("2026", 59, ids, 50, NULL);

	/* 50 cases, a sample of 59: all of them, in id order. */
	assert_sample(s, ids, 50);
	cf_sampler_free(s);
	s = draw("2026", 50, ids, 50, NULL);
	assert_sample(s, ids, 50);
	cf_sampler_free(s);
	s = draw("2026", 59, ids, 0, NULL);
	ck_assert_uint_eq(cf_sampler_count(s), 0);
	ck_assert(!cf_sampler_contains(s, "C-0001"));
	cf_sampler_free(s);
	s = draw("2026", 0, ids, 50, NULL);
	ck_assert_uint_eq(cf_sampler_count(s), 0);
	ck_assert_uint_eq(cf_sampler_population(s), 50);
	cf_sampler_free(s);
	cf_sampler_free(NULL);
}
END_TEST

START_TEST(test_select_large)
{
	/* 100,000 ids, a sample of 59, drawn twice: the same. */
	enum { N = 100000 };
	char(*buf)[12] = cf_xcalloc(N, sizeof *buf);
	struct cf_sampler *a = cf_sampler_new("IA-2026-Q1", 59);
	struct cf_sampler *b = cf_sampler_new("IA-2026-Q1", 59);

	for (int i = 0; i < N; i++)
		snprintf(buf[i], sizeof buf[i], "K%08d", i);
	for (int i = 0; i < N; i++) {
		cf_sampler_add(a, buf[i]);
		cf_sampler_add(b, buf[N - 1 - i]);
	}
	cf_sampler_finish(a);
	cf_sampler_finish(b);
	cf_sampler_finish(a); /* again: nothing changes */
	ck_assert_uint_eq(cf_sampler_count(a), 59);
	for (size_t i = 0; i < 59; i++)
		ck_assert_str_eq(cf_sampler_id(a, i), cf_sampler_id(b, i));
	cf_sampler_free(a);
	cf_sampler_free(b);
	free(buf);
}
END_TEST

Suite *
sampling_suite(void)
{
	Suite *s = suite_create("sampling");
	TCase *tc = tcase_create("size");

	tcase_add_test(tc, test_size_domain_table);
	tcase_add_test(tc, test_size_with_expected_deviations);
	tcase_add_test(tc, test_size_zero_acceptance_formula);
	tcase_add_test(tc, test_size_exact_tie);
	tcase_add_test(tc, test_size_refused);
	tcase_add_test(tc, test_binom_cdf);
	tcase_add_test(tc, test_upper_limit);
	tcase_add_test(tc, test_upper_limit_refused);
	tcase_add_test(tc, test_within_tolerable);
	tcase_add_test(tc, test_figure_per_check);
	suite_add_tcase(s, tc);
	tc = tcase_create("selection");
	tcase_add_test(tc, test_select_known);
	tcase_add_test(tc, test_select_order_independent);
	tcase_add_test(tc, test_select_nested_and_seeded);
	tcase_add_test(tc, test_select_whole_population);
	tcase_add_test(tc, test_select_large);
	suite_add_tcase(s, tc);
	return s;
}
