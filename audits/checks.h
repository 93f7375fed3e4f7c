/* SPDX-License-Identifier: MIT */
/*
 * check.h - the judging rules of SPEC section 6, as pure functions.
 *
 * Each function judges one subject and fills a struct cf_verdict: the
 * result and a detail a person can act on ("completed 2026-03-17 14:02,
 * limit 5 working days ended 2026-03-12").  They read only their
 * arguments (no store, no git, no printing), so the runner can call
 * them in its one pass over the cases, and tests can call them
 * directly.  No floating point in any judgement: amounts are fen, rates
 * are compared by cross-multiplying integers.
 *
 * Case checks receive the procedure version in force on the case's
 * acceptance day, already resolved by the runner; the runner itself
 * gives `error` from every case check when that version does not
 * validate, and from every case check but in-force when there is none.
 */
#ifndef CF_CHECK_H
#define CF_CHECK_H

#include <stdint.h>

#include "calendar.h"
#include "date.h"
#include "docindex.h"
#include "document.h"
#include "record.h"

enum cf_result {
	CF_RESULT_PASS,
	CF_RESULT_FAIL,
	CF_RESULT_NA,
	CF_RESULT_ERROR,
};

const char *cf_result_name(enum cf_result r); /* "pass", "fail", ... */

#define CF_DETAIL_MAX 512

struct cf_verdict {
	enum cf_result result;
	char detail[CF_DETAIL_MAX]; /* "" when there is nothing to say */
};

/* What every check may need to know about the audit. */
struct cf_audit_env {
	cf_day from, to;	 /* the resolved period, inclusive */
	struct cf_tz *tz;	 /* the workspace timezone */
	const struct cf_cal *cal; /* the committed working-day calendar */
};

/* Sets the verdict; the detail is formatted and cut at a UTF-8 boundary. */
void cf_verdict_set(struct cf_verdict *v, enum cf_result r, const char *fmt,
    ...) __attribute__((format(printf, 3, 4)));

/* ---- case checks (subject: the case id) ---- */

void cf_check_on_time(const struct cf_audit_env *env, const struct cf_case *c,
    const struct cf_procedure *p, struct cf_verdict *v);
void cf_check_fee(const struct cf_audit_env *env, const struct cf_case *c,
    const struct cf_procedure *p, struct cf_verdict *v);
void cf_check_materials(const struct cf_audit_env *env,
    const struct cf_case *c, const struct cf_procedure *p,
    struct cf_verdict *v);
void cf_check_steps(const struct cf_audit_env *env, const struct cf_case *c,
    const struct cf_procedure *p, struct cf_verdict *v);
void cf_check_roles(const struct cf_audit_env *env, const struct cf_case *c,
    const struct cf_procedure *p, struct cf_verdict *v);
void cf_check_four_eyes(const struct cf_audit_env *env,
    const struct cf_case *c, const struct cf_procedure *p,
    struct cf_verdict *v);
/* `in_force` is the version in force on the acceptance day, or NULL. */
void cf_check_in_force(const struct cf_audit_env *env,
    const struct cf_case *c, const struct cf_docversion *in_force,
    struct cf_verdict *v);

/* ---- procedure checks (subject: the procedure id) ---- */

void cf_check_guide_complete(const struct cf_procedure *p,
    struct cf_verdict *v);
void cf_check_limits_consistent(const struct cf_procedure *p,
    struct cf_verdict *v);
void cf_check_review_current(const struct cf_audit_env *env, cf_day review_due,
    struct cf_verdict *v);
/* For procedures and standards: the version in force on --to. */
void cf_check_approved(const struct cf_docversion *ver, struct cf_verdict *v);

/* ---- period aggregates (subject: "*") ---- */

/* on_time and judged count the on-time results pass and pass+fail. */
void cf_check_on_time_rate(const struct cf_check *chk, int64_t on_time,
    int64_t judged, struct cf_verdict *v);
/* procs: the procedures in scope with a valid version in force on --to. */
void cf_check_on_the_spot_ratio(const struct cf_check *chk,
    const struct cf_procedure *const *procs, size_t n, struct cf_verdict *v);
void cf_check_limit_compression(const struct cf_check *chk,
    const struct cf_procedure *const *procs, size_t n, struct cf_verdict *v);

#endif
