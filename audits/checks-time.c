/* SPDX-License-Identifier: MIT */
/*
 * checks-time.c - on-time, on-time-rate and late-record
 * (doc/working-days.md and doc/checks.md).
 *
 * Every day here is a local day in the workspace timezone: the
 * acceptance day, the completion day and the last day of the limit,
 * which cf_cal_deadline() finds without a loop per day.  The limit ends
 * at the end of its last day, so comparing days is comparing instants
 * against 23:59:59 of that day.
 *
 * A year no calendar covers is never guessed.  Only two verdicts are
 * still certain without it, and both are given: a case completed before
 * the uncovered year, having used fewer working days than its limit,
 * was on time whatever that year holds; and a pending case whose limit
 * runs into a year that starts on or after --to cannot have a last day
 * before --to, so it is not judged (na).  Everything else is an error
 * naming the year.
 */
#include "conform.h"
#include "checks-impl.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

/* "5 working days", "1 working day". */
static void
limit_text(int n, char *buf, size_t size)
{
	snprintf(buf, size, "%d working day%s", n, n == 1 ? "" : "s");
}

/* The local wall time of `t` to the minute: "2026-03-17 14:02". */
static void
minute_text(struct cf_tz *tz, const struct cf_time *t, char *buf, size_t size)
{
	char full[32];

	cf_time_format_local(t, tz, false, full, sizeof full);
	full[16] = '\0'; /* drop ":SS" */
	snprintf(buf, size, "%s", full);
}

/* The verdict when the limit runs into a year no calendar covers. */
static void
judge_uncovered(const struct cf_audit_env *env, const struct cf_case *c,
    cf_day accepted, const char *limit, struct cf_verdict *v)
{
	cf_day gap = cf_cal_first_uncovered_after(env->cal, accepted);
	char to[11];

	/*
	 * The limit's last day was not found before `gap`, so fewer than n
	 * working days lie between the acceptance and `gap`: a completion
	 * before `gap` used fewer than n, and the last day is on or after
	 * `gap`.
	 */
	if (c->completed) {
		if (cf_tz_day(env->tz, c->completed_at.sec) < gap) {
			cf_verdict_set(v, CF_RESULT_PASS, NULL);
			return;
		}
	} else if (gap >= env->to) {
		cf_day_format(env->to, to);
		cf_verdict_set(v, CF_RESULT_NA,
		    "pending on %s, limit %s ends in %d or later", to, limit,
		    cf_day_year(gap));
		return;
	}
	cf_verdict_set(v, CF_RESULT_ERROR, "no calendar covers %d",
	    cf_day_year(gap));
}

void
cf_check_on_time(const struct cf_audit_env *env, const struct cf_case *c,
    const struct cf_procedure *p, struct cf_verdict *v)
{
	cf_day accepted, due;
	char limit[32], due_s[11], to[11], when[32];
	int n, rc;

	if (cf_check__no_procedure(env, c, p, v))
		return;
	if (!p->has_time_limit || p->committed < 0) {
		cf_verdict_set(v, CF_RESULT_ERROR, "no committed time limit");
		return;
	}
	n = p->committed;
	limit_text(n, limit, sizeof limit);
	accepted = cf_tz_day(env->tz, c->accepted.sec);
	rc = cf_cal_deadline(env->cal, accepted, n, &due);
	if (rc == CF_ENOTFOUND) {
		judge_uncovered(env, c, accepted, limit, v);
		return;
	}
	if (rc < 0) {
		cf_verdict_set(v, CF_RESULT_ERROR, "%s", cf_error_message());
		return;
	}
	cf_day_format(due, due_s);
	if (c->completed) {
		if (cf_tz_day(env->tz, c->completed_at.sec) <= due) {
			cf_verdict_set(v, CF_RESULT_PASS, NULL);
			return;
		}
		minute_text(env->tz, &c->completed_at, when, sizeof when);
		cf_verdict_set(v, CF_RESULT_FAIL,
		    "completed %s, limit %s ended %s", when, limit, due_s);
		return;
	}
	cf_day_format(env->to, to);
	if (due < env->to)
		cf_verdict_set(v, CF_RESULT_FAIL,
		    "pending on %s, limit %s ended %s", to, limit, due_s);
	else
		cf_verdict_set(v, CF_RESULT_NA,
		    "pending on %s, limit %s ends %s", to, limit, due_s);
}

void
cf_check_on_time_rate(const struct cf_check *chk, int64_t on_time,
    int64_t judged, struct cf_verdict *v)
{
	__extension__ typedef __int128 i128;
	char rate[48], min[48];
	bool failed;
	int k;

	if (!chk->has_min) {
		cf_verdict_set(v, CF_RESULT_ERROR, "no minimum in the check");
		return;
	}
	if (on_time < 0 || judged < on_time) {
		cf_verdict_set(v, CF_RESULT_ERROR,
		    "inconsistent counts: %" PRId64 " on time of %" PRId64,
		    on_time, judged);
		return;
	}
	if (judged == 0) {
		cf_verdict_set(v, CF_RESULT_NA, "no case judged");
		return;
	}
	/* on_time / judged < num / den, in exact integers. */
	failed = (i128)on_time * chk->min.den < (i128)chk->min.num * judged;
	/* At least one decimal, and as many as the minimum was given. */
	k = cf_check__decimals(chk->min) - 2;
	cf_check__measure(on_time, judged, 100, k > 1 ? k : 1, chk->min, failed,
	    rate, sizeof rate);
	cf_check__ratio_percent(chk->min, min, sizeof min);
	cf_verdict_set(v, failed ? CF_RESULT_FAIL : CF_RESULT_PASS,
	    "on time %" PRId64 " of %" PRId64 " (%s %%), minimum %s %%",
	    on_time, judged, rate, min);
}

/*
 * late-record: whether one record (happened at `happened`, its batch
 * imported at `imported`, UTC s) came more than `within` working days
 * after it happened, counted as on-time counts: from the local day it
 * happened (which does not count) to the local day of the import.
 * 0 in time; 1 late, *days the working days between (-1 when a year
 * between is not covered, past the last day); -1 with the verdict set
 * when it cannot be said.
 */
static int
lateness(const struct cf_audit_env *env, int within, int64_t happened,
    int64_t imported, int *days, struct cf_verdict *v)
{
	cf_day h = cf_tz_day(env->tz, happened);
	cf_day i = cf_tz_day(env->tz, imported), late;
	int rc;

	if (i <= h)
		return 0;
	/* Late from the (within + 1)-th working day on: a weekend after
	 * the within-th is not late yet. */
	rc = cf_cal_deadline(env->cal, h, within + 1, &late);
	if (rc == 0) {
		if (i < late)
			return 0;
		if (cf_cal_count(env->cal, h, i, days) < 0) {
			cf_error_clear();
			*days = -1;
		}
		return 1;
	}
	if (rc == CF_ENOTFOUND) {
		/* Fewer than within + 1 working days lie before the gap. */
		cf_day gap = cf_cal_first_uncovered_after(env->cal, h);
		cf_error_clear();
		if (i < gap)
			return 0;
		cf_verdict_set(v, CF_RESULT_ERROR, "no calendar covers %d",
		    cf_day_year(gap));
		return -1;
	}
	cf_verdict_set(v, CF_RESULT_ERROR, "%s", cf_error_message());
	return -1;
}

void
cf_check_late_record(const struct cf_audit_env *env, const struct cf_check *chk,
    const struct cf_case *c, struct cf_verdict *v)
{
	char what[CF_DETAIL_MAX / 2], hday[11], iday[11], later[48];
	size_t late = 0;
	int days = 0, first_days = 0, rc;
	int64_t first_h = 0, first_i = 0;

	if (chk->within < 0) {
		cf_verdict_set(v, CF_RESULT_ERROR, "no within in the check");
		return;
	}
	if (c->events_over) {
		cf_verdict_set(v, CF_RESULT_ERROR,
		    "%zu events recorded, more than the %d an audit holds of "
		    "one case; not judged",
		    c->events_over, CF_CASE_MAX_EVENTS);
		return;
	}
	what[0] = '\0';
	/* The events in their order, then the completion. */
	for (size_t k = 0; k <= c->nevents; k++) {
		const struct cf_event *e = k < c->nevents ? &c->events[k] : NULL;
		int64_t h, i;
		if (e == NULL && !c->completed)
			break;
		h = e ? e->ts.sec : c->completed_at.sec;
		i = e ? e->imported : c->completed_imported;
		if (i == 0) {
			if (e)
				cf_verdict_set(v, CF_RESULT_ERROR,
				    "event '%s': the batch that brought it is "
				    "not recorded",
				    e->activity);
			else
				cf_verdict_set(v, CF_RESULT_ERROR,
				    "completion: the batch that brought it is "
				    "not recorded");
			return;
		}
		if ((rc = lateness(env, chk->within, h, i, &days, v)) < 0)
			return;
		if (rc == 0 || late++ > 0)
			continue;
		if (e)
			snprintf(what, sizeof what, "event '%s'", e->activity);
		else
			snprintf(what, sizeof what, "completion");
		first_h = h;
		first_i = i;
		first_days = days;
	}
	if (late == 0) {
		cf_verdict_set(v, CF_RESULT_PASS, NULL);
		return;
	}
	cf_day_format(cf_tz_day(env->tz, first_h), hday);
	cf_day_format(cf_tz_day(env->tz, first_i), iday);
	if (first_days < 0)
		snprintf(later, sizeof later, "more than %d working days later",
		    chk->within);
	else
		snprintf(later, sizeof later, "%d working day%s later",
		    first_days, first_days == 1 ? "" : "s");
	if (late == 1)
		cf_verdict_set(v, CF_RESULT_FAIL,
		    "%s %s imported %s, %s, expected within %d", what, hday,
		    iday, later, chk->within);
	else
		cf_verdict_set(v, CF_RESULT_FAIL,
		    "%s %s imported %s, %s, expected within %d; %zu more "
		    "record%s late",
		    what, hday, iday, later, chk->within, late - 1,
		    late == 2 ? "" : "s");
}
