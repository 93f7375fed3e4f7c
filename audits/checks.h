/* SPDX-License-Identifier: MIT */
/*
 * checks.h - the judging rules of doc/checks.md, as pure functions.
 *
 * Each function judges one subject and fills a struct cf_verdict: the
 * result and a detail a person can act on ("completed 2026-03-17 14:02,
 * limit 5 working days ended 2026-03-12").  They read only their
 * arguments (no store, no git, no printing), so the runner can call
 * them in its one pass over the cases, and tests can call them
 * directly.  No floating point in any judgement: amounts are fen, rates
 * are compared by cross-multiplying integers.  Details are formatted
 * without the locale, so they are the same bytes on every run.
 *
 * Case checks receive the procedure version in force on the case's
 * acceptance day, already resolved by the runner; the runner itself
 * gives `error` from every case check when that version does not
 * validate.  When there is no version in force, the runner may pass
 * p = NULL: every case check but in-force then gives `error` ("no
 * version of P-BIZ-001 in force on 2025-12-20"), as doc/checks.md requires.
 *
 * The rules the contract leaves open are decided as doc/checks.md says; each
 * function's comment below is the short form.  Pass verdicts of case checks
 * carry no detail (there are millions of them) unless nothing could be
 * compared; aggregates always state their numbers.
 *
 * Thread-safety: the functions keep no state; env->tz is not
 * thread-safe (it caches offsets), so give each thread its own.
 */
#ifndef CF_CHECKS_H
#define CF_CHECKS_H

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
struct cf_clock;

struct cf_audit_env {
	cf_day from, to;	  /* the resolved period, inclusive */
	struct cf_tz *tz;	  /* the workspace timezone */
	const struct cf_cal *cal; /* the committed working-day calendar */
	/* The clock of the case being judged, read once for all its
	 * checks (audits/clock.h); NULL when none was read. */
	const struct cf_clock *clock;
};

/*
 * Sets the verdict.  The detail is formatted (fmt NULL: empty) and, when
 * longer than CF_DETAIL_MAX - 1 bytes, cut at a UTF-8 boundary.
 */
void cf_verdict_set(struct cf_verdict *v, enum cf_result r, const char *fmt,
    ...) __attribute__((format(printf, 3, 4)));

/*
 * The one na reason of a case check that says only "nothing to judge"
 * ("no extension recorded" for extension, "no supplement notice
 * recorded" for supplement, "no bad evaluation due" for bad-review,
 * "no step with not-same-actor-as in the procedure" for four-eyes), by
 * type name; NULL for the other types.
 * Such a verdict is kept in the case's row only, as a pass is, and
 * listed with this text (doc/audits.md "What is stored"): on a center
 * where few cases are extended, storing it for every case would be a
 * million rows that say nothing.
 */
const char *cf_check_quiet_na(const char *type);
#define CF_QUIET_NA_EXTENSION "no extension recorded"
#define CF_QUIET_NA_SUPPLEMENT "no supplement notice recorded"
#define CF_QUIET_NA_BAD_REVIEW "no bad evaluation due"
#define CF_QUIET_NA_FOUR_EYES "no step with not-same-actor-as in the procedure"

/* ---- case checks (subject: the case id) ---- */

/*
 * on-time: the limit is the procedure's committed time limit (error "no
 * committed time limit" without one), ending on the committed-th working
 * day after the local acceptance day that is not paused, or with a
 * counted extension the (committed + days)-th (doc/working-days.md
 * "Pauses, extensions and supplementation", audits/clock.h).  A
 * completed case passes when its local completion day is not after that
 * day, else fails ("completed 2026-03-20 16:00, limit 10 working days +
 * 4 paused (特别程序 2026-03-03 to 2026-03-09) + 10 extended ended
 * 2026-04-07"; without pauses or extension "limit 5 working days ended
 * 2026-03-12").  A pending case fails when the last day is before
 * env->to, else is na; na too while an open pause leaves no deadline yet.
 * When the limit runs into a year no calendar covers: a case completed
 * before that year having used fewer working days than its limit
 * passes, a pending case is na when that year starts on or after
 * env->to, anything else is error "no calendar covers 2027".
 */
void cf_check_on_time(const struct cf_audit_env *env, const struct cf_case *c,
    const struct cf_procedure *p, struct cf_verdict *v);

/*
 * statutory-time: on-time with the statutory limit in place of the
 * committed one (the extension counts when it came on or before the
 * statutory deadline).  It judges the cases on-time judges: completed
 * cases; a pending case only when on-time fails it, and then fails when
 * its statutory deadline is before env->to, else passes (na while no
 * statutory deadline exists yet).  Error "no statutory time limit".
 */
void cf_check_statutory_time(const struct cf_audit_env *env,
    const struct cf_case *c, const struct cf_procedure *p,
    struct cf_verdict *v);

/*
 * extension: judges the first extension event of completed and pending
 * cases.  Fails when it came after the committed deadline (pauses in),
 * when its role differs from the procedure's, or when there is more than
 * one extension event (each reason named, joined by "; "); else error
 * "role not recorded" when its role is empty, else passes.  na without
 * an extension event or an <extension> in the procedure.
 */
void cf_check_extension(const struct cf_audit_env *env,
    const struct cf_case *c, const struct cf_procedure *p,
    struct cf_verdict *v);

/*
 * supplement: fails when there is more than one supplement notice, or
 * the first one's local day is after the within-th working day after the
 * local day of received_at ("notified 2026-03-10, after the 5th working
 * day from receipt 2026-03-02 (2026-03-09)"); error "received_at not
 * recorded" for a single notice without it; na without a notice or a
 * <supplement> in the procedure.  Completed and pending cases.
 */
void cf_check_supplement(const struct cf_audit_env *env,
    const struct cf_case *c, const struct cf_procedure *p,
    struct cf_verdict *v);

/*
 * fee (completed cases; pending: na): fails when the fen charged differ
 * from the procedure's ("charged 80.00, fee 50.00"); error "fee not
 * recorded" or "no fee amount in the procedure".
 */
void cf_check_fee(const struct cf_audit_env *env, const struct cf_case *c,
    const struct cf_procedure *p, struct cf_verdict *v);

/*
 * materials (completed cases): fails naming every required material id
 * not received, in the procedure's order ("required materials M2, M3
 * missing"); ids compare exactly (case-sensitive).  Error "materials not
 * recorded" or "no materials list in the procedure"; an empty
 * <materials/> requires nothing.
 */
void cf_check_materials(const struct cf_audit_env *env, const struct cf_case *c,
    const struct cf_procedure *p, struct cf_verdict *v);

/*
 * steps (completed cases): the events, in the order given, are placed
 * left to right on the steps; the detail names the first event that
 * cannot be placed ("'approve' before 'review'", "'review' repeated",
 * "'check' after 'approve'", "unknown activity 'recheck'") or else the
 * first required step missing ("required step 'issue' missing").  Error
 * "no events recorded" when there are none.
 */
void cf_check_steps(const struct cf_audit_env *env, const struct cf_case *c,
    const struct cf_procedure *p, struct cf_verdict *v);

/*
 * roles (completed cases): fails at the first event of a step with a
 * role whose recorded role differs ("step 'review' by role 'clerk',
 * expected 'reviewer'"); events without a role, of no step, or of a step
 * without a role are not judged.  na when the case has no events.
 */
void cf_check_roles(const struct cf_audit_env *env, const struct cf_case *c,
    const struct cf_procedure *p, struct cf_verdict *v);

/*
 * four-eyes (completed cases): for every step with not-same-actor-as,
 * fails when one actor did any event of both steps ("actor r02 did
 * review and approve", steps in procedure order); na when either step
 * has no event; error "actor not recorded" when a step has events but
 * none with an actor.  Several pairs: fail if any fails, else error if
 * any errs, else pass if any was judged, else na.
 */
void cf_check_four_eyes(const struct cf_audit_env *env, const struct cf_case *c,
    const struct cf_procedure *p, struct cf_verdict *v);

/*
 * in-force: `in_force` is the version in force on the acceptance day, or
 * NULL.  Fails with "no version of P-BIZ-001 in force on 2025-12-20" or,
 * for a deletion, "P-BIZ-001 withdrawn on 2026-05-01"; an invalid
 * version gives error with its `invalid` text.
 */
void cf_check_in_force(const struct cf_audit_env *env, const struct cf_case *c,
    const struct cf_docversion *in_force, struct cf_verdict *v);

/*
 * late-record (doc/checks.md): fails a case one of whose records - an
 * event, or its completion - was imported more than chk->within
 * working days after it happened: the working days after the local day
 * it happened up to the local day its batch was imported (the
 * event's `imported`, the case's `completed_imported`), counted with
 * the calendar as on-time counts.  The detail names the first late
 * record, events in their order and then the completion ("completion
 * 2026-03-20 imported 2026-06-02, 51 working days later, expected
 * within 5"), and how many more are late.  Passes when every record
 * came in time; error when a record's batch is unknown or the calendar
 * does not cover the days between.  It needs no procedure.
 */
void cf_check_late_record(const struct cf_audit_env *env,
    const struct cf_check *chk, const struct cf_case *c, struct cf_verdict *v);

/*
 * bad-review (doc/checks.md "Evaluations"): over the case's evaluations
 * seen at the end of --to (record.h), those rated chk->max or lower
 * (default 2) are due when their deadline, the chk->within-th working
 * day (default 15) after the local rated day, is before env->to.  A due
 * one is handled when rectified and, when real-name or the check says
 * revisit="all", revisited, each on or before its deadline day.  Fails
 * naming the first due one not handled ("rated 1 on 2026-03-02,
 * rectified 2026-03-30, deadline 2026-03-23 (15 working days)") and how
 * many more; error "no calendar covers 2027" when a deadline cannot be
 * found and the handling does not settle it; pass when every due one
 * was handled; na CF_QUIET_NA_BAD_REVIEW when none is due, or "N bad
 * evaluations not yet due (deadline DAY)" when some are pending.
 * Completed and pending cases alike; it needs no procedure.
 */
void cf_check_bad_review(const struct cf_audit_env *env,
    const struct cf_check *chk, const struct cf_case *c, struct cf_verdict *v);

/*
 * Whether evaluation e counts as satisfied for satisfaction-rate chk:
 * rated 4 or 5, or 3 with count-basic="yes".
 */
bool cf_check_satisfied(const struct cf_check *chk,
    const struct cf_evaluation *e);

/* ---- procedure checks (subject: the procedure id) ---- */

/*
 * guide-complete: fails listing every missing or empty item among
 * legal-basis, time-limit, fee, materials, steps, complaint-phone, in
 * that order ("missing: legal-basis, complaint-phone").  A time-limit
 * needs statutory and committed, a fee its amount, a legal basis at
 * least one non-blank element; <materials/> is complete.
 */
void
cf_check_guide_complete(const struct cf_procedure *p, struct cf_verdict *v);

/*
 * limits-consistent: fails when committed > statutory ("committed 20
 * working days exceeds the statutory 15"); error "no complete
 * time-limit" when either is absent.
 */
void
cf_check_limits_consistent(const struct cf_procedure *p, struct cf_verdict *v);

/*
 * review-current: fails when `review_due` is before env->to ("review
 * was due 2026-03-15"); error "no review-due date" for CF_DAY_NONE.
 */
void cf_check_review_current(const struct cf_audit_env *env, cf_day review_due,
    struct cf_verdict *v);

/*
 * approved, for procedures and standards: `ver` is the version in force
 * on --to.  Fails with "no Approved-by" or "approved by its author NAME
 * <email>"; passes with "approved by NAME <email>".
 */
void cf_check_approved(const struct cf_docversion *ver, struct cf_verdict *v);

/* ---- period aggregates (subject: "*") ---- */

/*
 * on-time-rate: on_time and judged count the on-time results pass and
 * pass+fail.  na when judged is 0; fails when on_time/judged < chk->min
 * ("on time 940 of 1000 (94.0 %), minimum 95 %").
 */
void cf_check_on_time_rate(const struct cf_check *chk, int64_t on_time,
    int64_t judged, struct cf_verdict *v);

/*
 * satisfaction-rate: satisfied and rated count the evaluations seen of
 * the cases of the period and scope (cf_check_satisfied) and all of
 * them.  na "no evaluation seen" when rated is 0; fails when
 * satisfied/rated < chk->min ("satisfied 940 of 1000 evaluations
 * (94.0 %), minimum 95 %; 4 and 5 count").
 */
void cf_check_satisfaction_rate(const struct cf_check *chk, int64_t satisfied,
    int64_t rated, struct cf_verdict *v);

/*
 * evaluation-coverage: evaluated and completed count the completed
 * cases of the period and scope with at least one evaluation seen, and
 * all of them.  na "no completed case" when completed is 0; fails when
 * evaluated/completed < chk->min ("evaluated 800 of 1000 completed
 * cases (80.0 %), minimum 90 %").
 */
void cf_check_evaluation_coverage(const struct cf_check *chk,
    int64_t evaluated, int64_t completed, struct cf_verdict *v);

/*
 * on-the-spot-volume: spot and total count the cases of the period and
 * scope whose valid version in force is on the spot, and those with a
 * valid version in force.  na when total is 0; fails when spot/total <
 * chk->min ("on the spot 700 of 1000 cases (70.0 %), minimum 60 %").
 */
void cf_check_on_the_spot_volume(const struct cf_check *chk, int64_t spot,
    int64_t total, struct cf_verdict *v);

/*
 * actual-compression: used and statutory sum the unpaused working days
 * used and the statutory limits of `cases` completed commitment cases
 * with a statutory limit above 0; `left_out` cases whose days no
 * calendar covers were not summed (the first such year in
 * `left_out_year`).  Fails when 1 - used/statutory < chk->min ("used
 * 3210 of 6400 statutory working days over 320 cases, 49.8 %
 * compressed, minimum 40 %"); na when no case was summed.
 */
void cf_check_actual_compression(const struct cf_check *chk, int64_t used,
    int64_t statutory, int64_t cases, int64_t left_out, int left_out_year,
    struct cf_verdict *v);

/*
 * The working days a completed case used (the unpaused working days
 * after its acceptance day up to its completion day), for
 * actual-compression.  0 with *used; CF_ENOTFOUND with *year the first
 * year no calendar covers.
 */
int cf_check_used_days(const struct cf_audit_env *env, const struct cf_case *c,
    const struct cf_procedure *p, int *used, int *year);

/*
 * on-the-spot-ratio: procs are the procedures in scope with a valid
 * version in force on --to.  Fails when the on-the-spot ones are fewer
 * than chk->min of them ("5 of 16 procedures on the spot, minimum
 * 0.30"); error "no procedure in force" when n is 0.
 */
void cf_check_on_the_spot_ratio(const struct cf_check *chk,
    const struct cf_procedure *const *procs, size_t n, struct cf_verdict *v);

/*
 * limit-compression: over the commitment procedures among procs with
 * both limits, fails when 1 - sum(committed) / sum(statutory) <
 * chk->min ("compression 0.66 (Σ committed 80 / Σ statutory 235),
 * minimum 0.40"); error when none is left or the statutory sum is 0.
 */
void cf_check_limit_compression(const struct cf_check *chk,
    const struct cf_procedure *const *procs, size_t n, struct cf_verdict *v);

#endif
