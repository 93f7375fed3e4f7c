/* SPDX-License-Identifier: MIT */
/*
 * checks-impl.h - what the checks-*.c files share and nobody else
 * needs: the error for a case without a procedure version, and the
 * exact decimal formatting of the aggregates.  Semi-private names
 * (cf_check__*), as libgit2 marks them.
 */
#ifndef CF_CHECKS_IMPL_H
#define CF_CHECKS_IMPL_H

#include <stdbool.h>

#include "checks.h"

/*
 * For case checks given no procedure version (p == NULL): sets the
 * verdict to error "no version of P in force on DAY" and returns true.
 */
bool
cf_check__no_procedure(const struct cf_audit_env *env, const struct cf_case *c,
    const struct cf_procedure *p, struct cf_verdict *v);

/*
 * For the checks that judge completed cases only: when the case is
 * pending, sets na "pending on TO" and returns true.
 */
bool cf_check__pending(const struct cf_audit_env *env, const struct cf_case *c,
    struct cf_verdict *v);

/* "no version of P in force on DAY" into buf, DAY the acceptance day. */
void cf_check__not_in_force(const struct cf_audit_env *env,
    const struct cf_case *c, char *buf, size_t size);

/* The k of a ratio's den = 10^k: how many decimals it was written with. */
int cf_check__decimals(struct cf_ratio r);

/* A ratio as it was written in the checklist ("0.30"). */
void cf_check__ratio_text(struct cf_ratio r, char *buf, size_t size);

/* A ratio as a percentage with the decimals it was written with ("95"). */
void cf_check__ratio_percent(struct cf_ratio r, char *buf, size_t size);

/*
 * Formats num/den (den > 0) times `scale` with `decimals` decimals,
 * rounded half up.  When `failed` is set and the rounded value would
 * reach the minimum min (at the same scale), the value is truncated
 * instead, so that a failing measure never prints as good as its
 * minimum; negative values are rounded away from zero for the same
 * reason.  Exact integer arithmetic throughout.
 */
void cf_check__measure(int64_t num, int64_t den, int scale, int decimals,
    struct cf_ratio min, bool failed, char *buf, size_t size);

/*
 * num/den (den > 0) against chk->min as percentages: whether it is below
 * the minimum, in exact integers, and both texts with at least one
 * decimal and as many as the minimum was given (a failing value never
 * printed as reaching it).
 */
bool cf_check__percent_against_min(const struct cf_check *chk, int64_t num,
    int64_t den, char rate[48], char min[48]);

#endif
