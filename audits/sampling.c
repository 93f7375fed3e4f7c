/* SPDX-License-Identifier: MIT */
/*
 * sampling.c - attribute sample size, reproducible selection and the
 * upper deviation limit (see sampling.h).
 *
 * The binomial CDF.  P(X <= k) is a sum of terms C(n,j) p^j q^(n-j)
 * that rises to the mode floor((n+1)p) and falls after it.  The sum is
 * taken relative to its largest term m = min(k, mode): the other terms
 * follow from m by the ratios
 *     t(j-1) / t(j) = j q / ((n-j+1) p),   t(j+1) / t(j) = (n-j) p / ((j+1) q),
 * all at most 1 going away from m, and the sum stops once a term no
 * longer changes it.  Only the largest term is taken through logarithms
 * (lgammal, log1pl), so (1-p)^n for n = 10^6 is no underflow.
 *
 * The sample size.  For a fixed acceptance number c, BinomCDF(c, n, t)
 * falls as n grows; c = ceil(n e) is constant on runs of n.  So the
 * search walks c = 0, 1, 2, ..., tests the last n of each run, and
 * within the first run that reaches the confidence finds the smallest
 * n by bisection: a few thousand CDFs even for expected rates close to
 * the tolerable one, where a plain scan would take millions.
 */
#include "conform.h"
#include "hash.h"
#include "sampling.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__extension__ typedef __int128 i128;

/* log C(n, j). */
static long double
log_choose(int64_t n, int64_t j)
{
	int sign;

	return lgammal_r((long double)n + 1, &sign) -
	    lgammal_r((long double)j + 1, &sign) -
	    lgammal_r((long double)(n - j) + 1, &sign);
}

long double
cf_binom_cdf(int64_t k, int64_t n, long double p)
{
	long double lq, odds, sum = 1, r;
	int64_t m;

	if (k < 0)
		return 0;
	if (k >= n || p <= 0)
		return 1;
	if (p >= 1)
		return 0;
	lq = log1pl(-p);
	odds = p / (1 - p);
	m = (int64_t)(((long double)n + 1) * p);
	if (m > k)
		m = k;
	/* Down from the largest term ... */
	r = 1;
	for (int64_t j = m; j > 0; j--) {
		r *= (long double)j / ((long double)(n - j + 1) * odds);
		sum += r;
		if (r <= sum * 1e-30L)
			break;
	}
	/* ... and up to k (only when the mode lies below k). */
	r = 1;
	for (int64_t j = m; j < k; j++) {
		r *= (long double)(n - j) * odds / (long double)(j + 1);
		sum += r;
		if (r <= sum * 1e-30L)
			break;
	}
	return expl(log_choose(n, m) + (long double)m * logl(p) +
	    (long double)(n - m) * lq + logl(sum));
}

/* ceil(a * num / den) for non-negative values, exactly. */
static int64_t
ceil_mul(int64_t a, struct cf_ratio r)
{
	i128 x = (i128)a * r.num;

	return (int64_t)((x + r.den - 1) / r.den);
}

int64_t
cf_sample_acceptance(int64_t n, struct cf_ratio expected)
{
	return ceil_mul(n, expected);
}

static long double
ratio_ld(struct cf_ratio r)
{
	return (long double)r.num / (long double)r.den;
}

/* 0 < r < 1 (or 0 <= r < 1 with zero_ok). */
static bool
proper(struct cf_ratio r, bool zero_ok)
{
	return r.den > 0 && r.num >= 0 && r.num < r.den &&
	    (zero_ok || r.num > 0);
}

/* Whether a CDF reaches the risk, ties (to rounding) included. */
static bool
enough(long double cdf, long double risk)
{
	return cdf <= risk * (1 + 1e-10L);
}

int
cf_sample_size(int64_t *out, struct cf_ratio confidence,
    struct cf_ratio tolerable, struct cf_ratio expected)
{
	long double t = ratio_ld(tolerable);
	long double risk = (long double)(confidence.den - confidence.num) /
	    (long double)confidence.den;

	if (!proper(confidence, false) || !proper(tolerable, false) ||
	    !proper(expected, true))
		return cf_error_set(CF_EINVALID,
		    "sampling rates must lie between 0 and 1");
	/* expected < tolerable, cross-multiplied. */
	if ((i128)expected.num * tolerable.den >=
	    (i128)tolerable.num * expected.den)
		return cf_error_set(CF_EINVALID,
		    "the expected deviation rate must be below the tolerable "
		    "rate");
	for (int64_t c = 0;; c++) {
		/* The run of n with ceil(n e) = c: (c-1)/e < n <= c/e. */
		int64_t lo = 1, hi = CF_SAMPLE_MAX;
		if (expected.num == 0 && c > 0)
			break; /* every n has c = 0 */
		if (expected.num > 0) {
			i128 h = (i128)c * expected.den / expected.num;
			if (c > 0)
				lo = (int64_t)((i128)(c - 1) * expected.den /
					 expected.num) +
				    1;
			if (h < hi)
				hi = (int64_t)h;
		}
		if (lo > CF_SAMPLE_MAX)
			break;
		if (lo > hi || !enough(cf_binom_cdf(c, hi, t), risk))
			continue;
		while (lo < hi) {
			int64_t mid = lo + (hi - lo) / 2;
			if (enough(cf_binom_cdf(c, mid, t), risk))
				hi = mid;
			else
				lo = mid + 1;
		}
		*out = lo;
		return 0;
	}
	return cf_error_set(CF_EINVALID,
	    "no sample of up to %d cases gives that confidence; raise the "
	    "tolerable rate or lower the expected one",
	    CF_SAMPLE_MAX);
}

int
cf_sample_upper_limit(int32_t *bp, int64_t d, int64_t n,
    struct cf_ratio confidence)
{
	long double risk, lo = 0, hi = 1;

	if (n < 1 || d < 0 || d > n || !proper(confidence, false))
		return cf_error_set(CF_EINVALID,
		    "invalid sample: %lld deviations in %lld cases at "
		    "confidence %lld/%lld",
		    (long long)d, (long long)n, (long long)confidence.num,
		    (long long)confidence.den);
	if (d == n) {
		*bp = 10000;
		return 0;
	}
	risk = (long double)(confidence.den - confidence.num) /
	    (long double)confidence.den;
	/* BinomCDF(d, n, p) falls from 1 to 0 as p goes from 0 to 1. */
	for (int i = 0; i < 128 && hi - lo > 1e-18L; i++) {
		long double mid = (lo + hi) / 2;
		if (cf_binom_cdf(d, n, mid) > risk)
			lo = mid;
		else
			hi = mid;
	}
	*bp = (int32_t)floorl((lo + hi) / 2 * 10000 + 0.5L);
	return 0;
}

bool
cf_sample_within(int64_t d, int64_t n, struct cf_ratio confidence,
    struct cf_ratio tolerable)
{
	long double risk;

	if (n < 1 || d < 0 || d > n || !proper(confidence, false) ||
	    !proper(tolerable, false))
		return false;
	risk = (long double)(confidence.den - confidence.num) /
	    (long double)confidence.den;
	return enough(cf_binom_cdf(d, n, ratio_ld(tolerable)), risk);
}

void
cf_sample_bp_format(int32_t bp, char *buf, size_t size)
{
	snprintf(buf, size, "%d.%02d %%", (int)(bp / 100), (int)(bp % 100));
}

/* ---- selection ---- */

struct entry {
	uint8_t h[CF_SHA256_LEN];
	char *id;
};

struct cf_sampler {
	char *seed;
	size_t want;
	struct entry *v; /* a max-heap on (digest, id) until finished */
	size_t n, alloc;
	size_t population;
	bool finished; /* v sorted by id */
};

struct cf_sampler *
cf_sampler_new(const char *seed, size_t n)
{
	struct cf_sampler *s = cf_xcalloc(1, sizeof *s);

	s->seed = cf_xstrdup(seed);
	s->want = n;
	return s;
}

void
cf_sampler_free(struct cf_sampler *s)
{
	if (s == NULL)
		return;
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i].id);
	free(s->v);
	free(s->seed);
	free(s);
}

/* Orders by digest, then (for equal digests, i.e. equal ids) by id. */
static int
entry_cmp(const struct entry *a, const struct entry *b)
{
	int c = memcmp(a->h, b->h, CF_SHA256_LEN);

	return c ? c : strcmp(a->id, b->id);
}

static void
swap(struct entry *a, struct entry *b)
{
	struct entry t = *a;

	*a = *b;
	*b = t;
}

static void
sift_down(struct entry *v, size_t n, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, big = i;
		if (l < n && entry_cmp(&v[l], &v[big]) > 0)
			big = l;
		if (r < n && entry_cmp(&v[r], &v[big]) > 0)
			big = r;
		if (big == i)
			return;
		swap(&v[i], &v[big]);
		i = big;
	}
}

void
cf_sampler_add(struct cf_sampler *s, const char *case_id)
{
	struct cf_sha256 h;
	struct entry e;

	if (s->finished)
		abort(); /* a programming error: the population was closed */
	s->population++;
	if (s->want == 0)
		return;
	cf_sha256_init(&h);
	cf_sha256_update(&h, s->seed, strlen(s->seed));
	cf_sha256_update(&h, ":", 1);
	cf_sha256_update(&h, case_id, strlen(case_id));
	cf_sha256_final(&h, e.h);
	e.id = (char *)case_id; /* compared only, until it is kept */
	if (s->n < s->want) {
		size_t i = s->n;
		CF_GROW(s->v, s->n + 1, s->alloc);
		e.id = cf_xstrdup(case_id);
		s->v[s->n++] = e;
		while (i > 0 && entry_cmp(&s->v[(i - 1) / 2], &s->v[i]) < 0) {
			swap(&s->v[(i - 1) / 2], &s->v[i]);
			i = (i - 1) / 2;
		}
	} else if (entry_cmp(&e, &s->v[0]) < 0) {
		free(s->v[0].id);
		e.id = cf_xstrdup(case_id);
		s->v[0] = e;
		sift_down(s->v, s->n, 0);
	}
}

static int
by_id(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->id,
	    ((const struct entry *)b)->id);
}

void
cf_sampler_finish(struct cf_sampler *s)
{
	if (s->finished)
		return;
	if (s->n)
		qsort(s->v, s->n, sizeof *s->v, by_id);
	s->finished = true;
}

size_t
cf_sampler_population(const struct cf_sampler *s)
{
	return s->population;
}

size_t
cf_sampler_count(const struct cf_sampler *s)
{
	return s->n;
}

const char *
cf_sampler_id(const struct cf_sampler *s, size_t i)
{
	return i < s->n ? s->v[i].id : NULL;
}

bool
cf_sampler_contains(const struct cf_sampler *s, const char *case_id)
{
	size_t lo = 0, hi = s->n;

	if (!s->finished)
		abort(); /* a programming error: finish the population first */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(case_id, s->v[mid].id);
		if (c == 0)
			return true;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return false;
}
