/* SPDX-License-Identifier: MIT */
/*
 * sampling.h - the attribute sample of doc/audits.md `--sample` (DOMAIN.md
 * section 2): how many cases, which ones, and what the deviations found
 * in them say about the population.
 *
 * Size.  The smallest n whose acceptance number c = ceil(n * expected)
 * still gives the stated confidence that the deviation rate is below
 * `tolerable`: BinomCDF(c, n, tolerable) <= 1 - confidence.  With
 * expected 0 this is the zero-acceptance plan (59 at 95 % / 5 %); with
 * expected > 0 it reproduces the AICPA tables (93 at 95 % / 5 % / 1 %).
 *
 * Selection.  The sample is the n cases with the smallest SHA-256 of
 * "<seed>:<case_id>" (digests compared as bytes); a population of n or
 * fewer is taken whole.  Anyone with the seed and the case ids can
 * redraw it, and the draw does not depend on the order the ids come in.
 * struct cf_sampler takes the ids one by one and keeps the n smallest
 * in a heap: O(population * log n) time, O(n) memory.
 *
 * Evaluation.  The upper deviation limit at the stated confidence for d
 * deviations in a sample of n is the exact one-sided (Clopper-Pearson)
 * bound: the rate p with BinomCDF(d, n, p) = 1 - confidence.  0 in 59
 * at 95 % gives 4.95 %.  n is the number of cases a check judged (pass
 * + fail), not the sample size: a check that found nothing to judge in
 * 21 of 59 cases has 38 to speak for it, and 0 in 38 gives 7.58 %
 * (doc/audits.md#sampling).
 *
 * The binomial is computed in long double, in log space around its
 * largest term, so n in the millions neither overflows nor underflows.
 * Floating point is used here only: for a sample size and a bound, not
 * for any verdict.  Results are returned as integers (n, basis points).
 */
#ifndef CF_SAMPLING_H
#define CF_SAMPLING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "amount.h"

/* The largest sample cf_sample_size() will propose. */
#define CF_SAMPLE_MAX 1000000

/*
 * P(X <= k) for X ~ Binomial(n, p), n >= 0, 0 <= p <= 1 (1 for k >= n,
 * 0 for k < 0).  Relative error below 1e-15 + n * 2e-18 (about 1e-12
 * at n = 10^6, where lgammal's rounding of log n! dominates): ample for
 * sample sizes, which are decided on gaps many orders larger.
 */
long double cf_binom_cdf(int64_t k, int64_t n, long double p);

/* The acceptance number of a sample of n: ceil(n * expected), exactly. */
int64_t cf_sample_acceptance(int64_t n, struct cf_ratio expected);

/*
 * The sample size for `confidence` (0 < c < 1), `tolerable` (0 < t < 1)
 * and `expected` (0 <= e < t).  Returns 0 and *n, or CF_EINVALID when
 * the rates are out of range or no n up to CF_SAMPLE_MAX will do.
 * A CDF equal to 1 - confidence (to 1e-10, relative) counts as enough,
 * so exact ties (0.5^2 = 0.25) are not lost to rounding.
 */
int cf_sample_size(int64_t *n, struct cf_ratio confidence,
    struct cf_ratio tolerable, struct cf_ratio expected);

/*
 * The upper deviation limit, in basis points (1/100 of a per cent,
 * rounded to the nearest), for `deviations` found in a sample of n at
 * `confidence`.  10000 when every case deviates.  Returns 0 or
 * CF_EINVALID (n < 1, deviations outside 0..n, confidence not in (0,1)).
 */
int cf_sample_upper_limit(int32_t *bp, int64_t deviations, int64_t n,
    struct cf_ratio confidence);

/*
 * Whether `deviations` found among `n` judged cases still give the stated
 * confidence that the deviation rate is below `tolerable`, i.e. whether
 * the upper deviation limit is at or below it: BinomCDF(d, n, t) <=
 * 1 - confidence (ties to rounding included, as for the size).  Decided
 * on the exact bound, not on the rounded basis points.  False for n < 1
 * (nothing judged shows nothing) and for rates out of range.
 */
bool cf_sample_within(int64_t deviations, int64_t n, struct cf_ratio confidence,
    struct cf_ratio tolerable);

/* Basis points as a percentage with two decimals: "4.95 %". */
void cf_sample_bp_format(int32_t bp, char *buf, size_t size);

/* ---- selection ---- */

struct cf_sampler;

/* A selector of the `n` cases with the smallest SHA-256("<seed>:<id>"). */
struct cf_sampler *cf_sampler_new(const char *seed, size_t n);
void cf_sampler_free(struct cf_sampler *s);

/*
 * Offers one case id of the population (each id once; the order does not
 * matter).  Not after cf_sampler_finish().
 */
void cf_sampler_add(struct cf_sampler *s, const char *case_id);

/*
 * Ends the population: the sample is then sorted by case id (bytewise)
 * and can be read and searched.  Calling it again does nothing.
 */
void cf_sampler_finish(struct cf_sampler *s);

/* The number of ids offered so far (the population). */
size_t cf_sampler_population(const struct cf_sampler *s);

/* After finish: the size of the sample (min(n, population)) ... */
size_t cf_sampler_count(const struct cf_sampler *s);
/* ... its i-th id in case id order (borrowed from the sampler) ... */
const char *cf_sampler_id(const struct cf_sampler *s, size_t i);
/* ... and whether `case_id` is in it, in O(log n). */
bool cf_sampler_contains(const struct cf_sampler *s, const char *case_id);

#endif
