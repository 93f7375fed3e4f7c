/* SPDX-License-Identifier: MIT */
/*
 * checks-evaluations.c - bad-review, satisfaction-rate and
 * evaluation-coverage (doc/checks.md "Evaluations (好差评)").
 *
 * The evaluations come as the reader saw them at the end of --to: rated
 * on or before it, with only the revisit and rectification that are on
 * or before it.  So a bad evaluation rectified after --to is, for this
 * audit, not rectified, and the verdict does not change however much
 * is imported later.
 *
 * A bad evaluation's deadline is the within-th working day after its
 * local rated day (the rated day does not count), found as on-time
 * finds a limit's last day (core/calendar.h).  It is judged only when
 * that day is before --to: an audit on the deadline day itself cannot
 * yet know whether the office will still rectify before midnight.  A
 * deadline in a year no calendar covers is never guessed: when the
 * first uncovered day is on or after --to the evaluation cannot be due;
 * when it was handled before that day it was handled in time whatever
 * the year holds; anything else is an error naming the year.
 */
#include "conform.h"
#include "checks-impl.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#define DEFAULT_MAX 2
#define DEFAULT_WITHIN 15

/* What one bad evaluation comes to. */
enum judged { NOT_BAD, NOT_DUE, HANDLED, LATE, UNKNOWN };

/*
 * Judges evaluation e.  *deadline is set for NOT_DUE, HANDLED and
 * LATE; for UNKNOWN *gap is the first day no calendar covers.
 */
static enum judged
judge_one(const struct cf_audit_env *env, const struct cf_check *chk,
    const struct cf_evaluation *e, cf_day *deadline, cf_day *gap)
{
	int max = chk->max > 0 ? chk->max : DEFAULT_MAX;
	int within = chk->within >= 0 ? chk->within : DEFAULT_WITHIN;
	bool need_revisit = e->real_name == 1 || chk->revisit_all;
	cf_day rated = cf_tz_day(env->tz, e->rated_at.sec);
	cf_day last = CF_DAY_OPEN; /* the latest day the handling needs */
	bool done = e->rectified && (!need_revisit || e->revisited);
	int rc;

	if (e->rating > max)
		return NOT_BAD;
	if (done) {
		last = cf_tz_day(env->tz, e->rectified_at.sec);
		if (need_revisit) {
			cf_day r = cf_tz_day(env->tz, e->revisit_at.sec);
			if (r > last)
				last = r;
		}
	}
	rc = cf_cal_deadline(env->cal, rated, within, deadline);
	if (rc == CF_ENOTFOUND) {
		/* Fewer than `within` working days lie before the gap, so
		 * the deadline is on or after it. */
		cf_error_clear();
		*deadline = CF_DAY_OPEN; /* not known */
		*gap = cf_cal_first_uncovered_after(env->cal, rated);
		if (*gap >= env->to)
			return NOT_DUE;
		if (done && last < *gap)
			return HANDLED;
		return UNKNOWN;
	}
	if (rc < 0) {
		cf_error_clear();
		*gap = rated;
		return UNKNOWN;
	}
	if (*deadline >= env->to)
		return NOT_DUE;
	return done && last <= *deadline ? HANDLED : LATE;
}

/* The failure's detail, as an auditor checks it against the records. */
static void
late_text(const struct cf_audit_env *env, const struct cf_check *chk,
    const struct cf_evaluation *e, cf_day deadline, struct cf_buf *b)
{
	int within = chk->within >= 0 ? chk->within : DEFAULT_WITHIN;
	char d[11];

	cf_day_format(cf_tz_day(env->tz, e->rated_at.sec), d);
	cf_buf_addf(b, "rated %d on %s", e->rating, d);
	if (e->real_name == 1)
		cf_buf_adds(b, " (real name)");
	if (e->rectified) {
		cf_day_format(cf_tz_day(env->tz, e->rectified_at.sec), d);
		cf_buf_addf(b, ", rectified %s", d);
	} else
		cf_buf_adds(b, ", not rectified");
	if (e->real_name == 1 || chk->revisit_all) {
		if (e->revisited) {
			cf_day_format(cf_tz_day(env->tz, e->revisit_at.sec), d);
			cf_buf_addf(b, ", revisited %s", d);
		} else
			cf_buf_adds(b, ", not revisited");
	}
	cf_day_format(deadline, d);
	cf_buf_addf(b, ", deadline %s (%d working day%s)", d, within,
	    within == 1 ? "" : "s");
}

void
cf_check_bad_review(const struct cf_audit_env *env, const struct cf_check *chk,
    const struct cf_case *c, struct cf_verdict *v)
{
	struct cf_buf b = CF_BUF_INIT;
	size_t late = 0, handled = 0, pending = 0, unknown = 0;
	cf_day first_pending = CF_DAY_OPEN, first_gap = 0;
	char d[11];

	for (size_t i = 0; i < c->nevaluations; i++) {
		const struct cf_evaluation *e = &c->evaluations[i];
		cf_day deadline = 0, gap = 0;
		switch (judge_one(env, chk, e, &deadline, &gap)) {
		case NOT_BAD:
			break;
		case NOT_DUE:
			pending++;
			if (deadline < first_pending)
				first_pending = deadline;
			break;
		case HANDLED:
			handled++;
			break;
		case LATE:
			if (late++ == 0)
				late_text(env, chk, e, deadline, &b);
			break;
		case UNKNOWN:
			if (unknown++ == 0)
				first_gap = gap;
			break;
		}
	}
	if (late) {
		if (late > 1)
			cf_buf_addf(&b, "; %zu more bad evaluation%s not "
					"handled in time",
			    late - 1, late == 2 ? "" : "s");
		cf_verdict_set(v, CF_RESULT_FAIL, "%s", b.s);
	} else if (unknown) {
		cf_verdict_set(v, CF_RESULT_ERROR, "no calendar covers %d",
		    cf_day_year(first_gap));
	} else if (handled) {
		cf_verdict_set(v, CF_RESULT_PASS, NULL);
	} else if (pending) {
		/* A deadline in an uncovered year is not known: not named. */
		if (first_pending == CF_DAY_OPEN) {
			cf_verdict_set(v, CF_RESULT_NA,
			    "%zu bad evaluation%s not yet due", pending,
			    pending == 1 ? "" : "s");
		} else {
			cf_day_format(first_pending, d);
			cf_verdict_set(v, CF_RESULT_NA,
			    "%zu bad evaluation%s not yet due (deadline %s)",
			    pending, pending == 1 ? "" : "s", d);
		}
	} else {
		cf_verdict_set(v, CF_RESULT_NA, CF_QUIET_NA_BAD_REVIEW);
	}
	cf_buf_release(&b);
}

bool
cf_check_satisfied(const struct cf_check *chk, const struct cf_evaluation *e)
{
	return e->rating >= 4 || (chk->count_basic && e->rating == 3);
}

void
cf_check_satisfaction_rate(const struct cf_check *chk, int64_t satisfied,
    int64_t rated, struct cf_verdict *v)
{
	char rate[48], min[48];
	bool failed;

	if (!chk->has_min) {
		cf_verdict_set(v, CF_RESULT_ERROR, "no minimum in the check");
		return;
	}
	if (satisfied < 0 || rated < satisfied) {
		cf_verdict_set(v, CF_RESULT_ERROR,
		    "inconsistent counts: %" PRId64 " satisfied of %" PRId64,
		    satisfied, rated);
		return;
	}
	if (rated == 0) {
		cf_verdict_set(v, CF_RESULT_NA, "no evaluation seen");
		return;
	}
	failed = cf_check__percent_against_min(chk, satisfied, rated, rate,
	    min);
	cf_verdict_set(v, failed ? CF_RESULT_FAIL : CF_RESULT_PASS,
	    "satisfied %" PRId64 " of %" PRId64 " evaluation%s (%s %%), "
	    "minimum %s %%; %s count",
	    satisfied, rated, rated == 1 ? "" : "s", rate, min,
	    chk->count_basic ? "3, 4 and 5" : "4 and 5");
}

void
cf_check_evaluation_coverage(const struct cf_check *chk, int64_t evaluated,
    int64_t completed, struct cf_verdict *v)
{
	char rate[48], min[48];
	bool failed;

	if (!chk->has_min) {
		cf_verdict_set(v, CF_RESULT_ERROR, "no minimum in the check");
		return;
	}
	if (evaluated < 0 || completed < evaluated) {
		cf_verdict_set(v, CF_RESULT_ERROR,
		    "inconsistent counts: %" PRId64 " evaluated of %" PRId64,
		    evaluated, completed);
		return;
	}
	if (completed == 0) {
		cf_verdict_set(v, CF_RESULT_NA, "no completed case");
		return;
	}
	failed = cf_check__percent_against_min(chk, evaluated, completed, rate,
	    min);
	cf_verdict_set(v, failed ? CF_RESULT_FAIL : CF_RESULT_PASS,
	    "evaluated %" PRId64 " of %" PRId64 " completed case%s (%s %%), "
	    "minimum %s %%",
	    evaluated, completed, completed == 1 ? "" : "s", rate, min);
}
