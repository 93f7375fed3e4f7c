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
#include "clock.h"

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
    cf_day gap, const char *limit, struct cf_verdict *v)
{
	char to[11];

	/*
	 * The limit's last day was not found before `gap`, so fewer than n
	 * unpaused working days lie between the acceptance and `gap`: a
	 * completion before `gap` used fewer than n, and the last day is on
	 * or after `gap`.
	 */
	cf_error_clear();
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

/*
 * The limit as an auditor checks it by hand: "10 working days + 4
 * paused (特别程序 2026-03-03 to 2026-03-09) + 10 extended".  The paused
 * count is the working days up to the last day that the pauses took,
 * i.e. all working days to it less those counted; the pauses named are
 * the first ones the log opened, with their opening and closing days.
 */
static void
limit_detail(const struct cf_audit_env *env, const struct cf_case *c,
    const struct cf_procedure *p, const struct cf_clock *k, int n,
    cf_day due, bool extended, char *buf, size_t size)
{
	struct cf_buf b = CF_BUF_INIT;
	int all = 0, ext = extended ? p->extension.days : 0;
	cf_day accepted = cf_tz_day(env->tz, c->accepted.sec);
	char d1[11], d2[11];

	limit_text(n, buf, size);
	cf_buf_adds(&b, buf);
	if (k->nspans > 0 &&
	    cf_cal_count(env->cal, accepted, due, &all) == 0 &&
	    all - n - ext > 0) {
		cf_buf_addf(&b, " + %d paused (", all - n - ext);
		for (size_t i = 0; i < k->npauses && i < CF_CLOCK_SHOWN;
		     i++) {
			cf_day_format(k->shown[i].opened, d1);
			cf_day_format(k->shown[i].closed, d2);
			cf_buf_addf(&b, "%s%s %s to %s", i ? "; " : "",
			    k->shown[i].name, d1, d2);
		}
		if (k->npauses > CF_CLOCK_SHOWN)
			cf_buf_addf(&b, "; %zu more",
			    k->npauses - CF_CLOCK_SHOWN);
		cf_buf_adds(&b, ")");
	}
	cf_error_clear();
	if (extended)
		cf_buf_addf(&b, " + %d extended", ext);
	snprintf(buf, size, "%s", b.s);
	cf_buf_release(&b);
}

/* The open pause a pending case waits in: "paused since 2026-03-20
 * (特别程序)". */
static void
open_pause_text(const struct cf_clock *k, char *buf, size_t size)
{
	char d[11];

	snprintf(buf, size, "paused");
	for (size_t i = k->npauses < CF_CLOCK_SHOWN ? k->npauses
						     : CF_CLOCK_SHOWN;
	     i-- > 0;)
		if (k->shown[i].closed == CF_DAY_OPEN) {
			cf_day_format(k->shown[i].opened, d);
			snprintf(buf, size, "paused since %s (%s)", d,
			    k->shown[i].name);
			return;
		}
}

/*
 * A limit of n working days judged for the case, pauses and a counted
 * extension included (doc/checks.md on-time); `what` is "limit" or
 * "statutory limit".  `ahead` is the result of a pending case whose
 * limit ends on --to or later: na for on-time (not judged yet), pass for
 * statutory-time (late on the promise, within the law).
 */
static void
judge_limit(const struct cf_audit_env *env, const struct cf_case *c,
    const struct cf_procedure *p, const struct cf_clock *k, int n,
    const char *what, enum cf_result ahead, struct cf_verdict *v)
{
	cf_day due = 0, gap = 0;
	char limit[CF_DETAIL_MAX / 2], due_s[11], to[11], when[32], paused[96];
	bool extended, late_ext;
	int rc;

	rc = cf_clock_limit(k, env, c, p, n, &due, &gap, &extended,
	    &late_ext);
	if (rc == CF_ENOTFOUND) {
		char l[64];
		snprintf(l, sizeof l, "%d working day%s", n, n == 1 ? "" : "s");
		judge_uncovered(env, c, gap, l, v);
		return;
	}
	if (rc < 0) {
		cf_verdict_set(v, CF_RESULT_ERROR, "%s", cf_error_message());
		return;
	}
	/* In time: nothing to say (most cases; no text is made). */
	if (rc == 0 && c->completed &&
	    cf_tz_day(env->tz, c->completed_at.sec) <= due) {
		cf_verdict_set(v, CF_RESULT_PASS, NULL);
		return;
	}
	cf_day_format(env->to, to);
	if (rc == 1) {
		/* Only a pending case can wait in an open pause. */
		open_pause_text(k, paused, sizeof paused);
		cf_verdict_set(v, CF_RESULT_NA,
		    "pending on %s, %s: no deadline yet", to, paused);
		return;
	}
	limit_detail(env, c, p, k, n, due, extended, limit, sizeof limit);
	cf_day_format(due, due_s);
	if (c->completed) {
		minute_text(env->tz, &c->completed_at, when, sizeof when);
		cf_verdict_set(v, CF_RESULT_FAIL, "completed %s, %s %s ended %s%s",
		    when, what, limit, due_s,
		    late_ext ? "; the extension came after it" : "");
		return;
	}
	if (due < env->to)
		cf_verdict_set(v, CF_RESULT_FAIL,
		    "pending on %s, %s %s ended %s%s", to, what, limit, due_s,
		    late_ext ? "; the extension came after it" : "");
	else
		cf_verdict_set(v, ahead, "pending on %s, %s %s ends %s", to,
		    what, limit, due_s);
}

void
cf_check_on_time(const struct cf_audit_env *env, const struct cf_case *c,
    const struct cf_procedure *p, struct cf_verdict *v)
{
	struct cf_clock local;
	const struct cf_clock *k;

	if (cf_check__no_procedure(env, c, p, v))
		return;
	if (!p->has_time_limit || p->committed < 0) {
		cf_verdict_set(v, CF_RESULT_ERROR, "no committed time limit");
		return;
	}
	k = cf_clock_of(env, c, p, &local);
	judge_limit(env, c, p, k, p->committed, "limit", CF_RESULT_NA, v);
	cf_clock_release(&local);
}

void
cf_check_statutory_time(const struct cf_audit_env *env,
    const struct cf_case *c, const struct cf_procedure *p,
    struct cf_verdict *v)
{
	struct cf_clock local;
	const struct cf_clock *k;

	if (cf_check__no_procedure(env, c, p, v))
		return;
	if (!p->has_time_limit || p->statutory < 0) {
		cf_verdict_set(v, CF_RESULT_ERROR, "no statutory time limit");
		return;
	}
	k = cf_clock_of(env, c, p, &local);
	if (!c->completed) {
		/* Exactly the pending cases on-time judges: those it
		 * fails. */
		struct cf_verdict ot;
		if (p->committed < 0) {
			cf_verdict_set(v, CF_RESULT_ERROR,
			    "no committed time limit: a pending case is "
			    "judged when on-time judges it");
			goto out;
		}
		judge_limit(env, c, p, k, p->committed, "limit", CF_RESULT_NA,
		    &ot);
		if (ot.result != CF_RESULT_FAIL) {
			if (ot.result == CF_RESULT_ERROR)
				*v = ot;
			else
				cf_verdict_set(v, CF_RESULT_NA,
				    "not judged: %s", ot.detail);
			goto out;
		}
	}
	judge_limit(env, c, p, k, p->statutory, "statutory limit",
	    CF_RESULT_PASS, v);
out:
	cf_clock_release(&local);
}

/* "2026-03-20" of an event. */
static void
event_day(const struct cf_audit_env *env, const struct cf_event *e, char *buf)
{
	cf_day_format(cf_tz_day(env->tz, e->ts.sec), buf);
}

void
cf_check_extension(const struct cf_audit_env *env, const struct cf_case *c,
    const struct cf_procedure *p, struct cf_verdict *v)
{
	struct cf_clock local;
	const struct cf_clock *k;
	struct cf_buf b = CF_BUF_INIT;
	cf_day due = 0, gap = 0, eday;
	char ed[11], dd[11];
	int rc;

	if (cf_check__no_procedure(env, c, p, v))
		return;
	/* Without an <extension> nothing is an extension event: the same
	 * na as a case without one (cf_check_quiet_na). */
	k = cf_clock_of(env, c, p, &local);
	if (!p->has_extension || k->ext == NULL) {
		cf_verdict_set(v, CF_RESULT_NA, CF_QUIET_NA_EXTENSION);
		goto out;
	}
	if (!p->has_time_limit || p->committed < 0) {
		cf_verdict_set(v, CF_RESULT_ERROR, "no committed time limit");
		goto out;
	}
	eday = cf_tz_day(env->tz, k->ext->ts.sec);
	cf_day_format(eday, ed);
	rc = cf_cal_deadline_paused(env->cal,
	    cf_tz_day(env->tz, c->accepted.sec), p->committed, k->spans,
	    k->nspans, &due, &gap);
	if (rc == CF_ENOTFOUND && eday >= gap) {
		cf_verdict_set(v, CF_RESULT_ERROR, "no calendar covers %d",
		    cf_day_year(gap));
		goto out;
	}
	if (rc < 0 && rc != CF_ENOTFOUND) {
		cf_verdict_set(v, CF_RESULT_ERROR, "%s", cf_error_message());
		goto out;
	}
	cf_error_clear();
	if (rc == 0 && eday > due) {
		char l[32];
		limit_text(p->committed, l, sizeof l);
		cf_day_format(due, dd);
		cf_buf_addf(&b, "extended %s, after the limit of %s ended %s",
		    ed, l, dd);
	}
	if (k->ext->role && strcmp(k->ext->role, p->extension.role) != 0)
		cf_buf_addf(&b, "%sextension by role '%s', expected '%s'",
		    b.len ? "; " : "", k->ext->role, p->extension.role);
	if (k->next > 1)
		cf_buf_addf(&b, "%s%zu extension events from %s; a limit is "
		    "extended once", b.len ? "; " : "", k->next, ed);
	if (b.len)
		cf_verdict_set(v, CF_RESULT_FAIL, "%s", b.s);
	else if (k->ext->role == NULL)
		cf_verdict_set(v, CF_RESULT_ERROR, "role not recorded");
	else
		cf_verdict_set(v, CF_RESULT_PASS, "extended %s by %s, %d working "
		    "day%s", ed, k->ext->role, p->extension.days,
		    p->extension.days == 1 ? "" : "s");
	cf_buf_release(&b);
out:
	cf_clock_release(&local);
}

void
cf_check_supplement(const struct cf_audit_env *env, const struct cf_case *c,
    const struct cf_procedure *p, struct cf_verdict *v)
{
	struct cf_clock local;
	const struct cf_clock *k;
	struct cf_buf b = CF_BUF_INIT;
	cf_day rday, sday, last = 0;
	char sd[11], s2[11], rd[11], ld[11];
	int w, rc;

	if (cf_check__no_procedure(env, c, p, v))
		return;
	k = cf_clock_of(env, c, p, &local);
	if (!p->has_supplement || k->nsup == 0) {
		cf_verdict_set(v, CF_RESULT_NA, CF_QUIET_NA_SUPPLEMENT);
		goto out;
	}
	w = p->supplement.within;
	sday = cf_tz_day(env->tz, k->sup[0]->ts.sec);
	cf_day_format(sday, sd);
	if (k->nsup > 1) {
		event_day(env, k->sup[1], s2);
		cf_buf_addf(&b, "%zu supplement notices (%s, %s%s); what is "
		    "missing is told once", k->nsup, sd, s2,
		    k->nsup > 2 ? ", …" : "");
	}
	if (!c->received) {
		if (b.len)
			cf_verdict_set(v, CF_RESULT_FAIL, "%s", b.s);
		else
			cf_verdict_set(v, CF_RESULT_ERROR,
			    "received_at not recorded");
		goto done;
	}
	rday = cf_tz_day(env->tz, c->received_at.sec);
	cf_day_format(rday, rd);
	rc = cf_cal_deadline(env->cal, rday, w, &last);
	if (rc == CF_ENOTFOUND) {
		cf_day gap = cf_cal_first_uncovered_after(env->cal, rday);
		cf_error_clear();
		if (sday >= gap && b.len == 0) {
			cf_verdict_set(v, CF_RESULT_ERROR,
			    "no calendar covers %d", cf_day_year(gap));
			goto done;
		}
	} else if (rc < 0) {
		cf_verdict_set(v, CF_RESULT_ERROR, "%s", cf_error_message());
		goto done;
	} else if (sday > last) {
		cf_day_format(last, ld);
		cf_buf_addf(&b, "%snotified %s, after the %d%s working day "
		    "from receipt %s (%s)", b.len ? "; " : "", sd, w,
		    w % 10 == 1 && w % 100 != 11 ? "st"
		    : w % 10 == 2 && w % 100 != 12 ? "nd"
		    : w % 10 == 3 && w % 100 != 13 ? "rd" : "th", rd, ld);
	}
	if (b.len)
		cf_verdict_set(v, CF_RESULT_FAIL, "%s", b.s);
	else
		cf_verdict_set(v, CF_RESULT_PASS, NULL);
done:
	cf_buf_release(&b);
out:
	cf_clock_release(&local);
}

void
cf_check_on_time_rate(const struct cf_check *chk, int64_t on_time,
    int64_t judged, struct cf_verdict *v)
{
	char rate[48], min[48];
	bool failed;

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
	failed = cf_check__percent_against_min(chk, on_time, judged, rate, min);
	cf_verdict_set(v, failed ? CF_RESULT_FAIL : CF_RESULT_PASS,
	    "on time %" PRId64 " of %" PRId64 " (%s %%), minimum %s %%",
	    on_time, judged, rate, min);
}

void
cf_check_on_the_spot_volume(const struct cf_check *chk, int64_t spot,
    int64_t total, struct cf_verdict *v)
{
	char rate[48], min[48];
	bool failed;

	if (!chk->has_min) {
		cf_verdict_set(v, CF_RESULT_ERROR, "no minimum in the check");
		return;
	}
	if (total == 0) {
		cf_verdict_set(v, CF_RESULT_NA,
		    "no case with a version in force");
		return;
	}
	failed = cf_check__percent_against_min(chk, spot, total, rate, min);
	cf_verdict_set(v, failed ? CF_RESULT_FAIL : CF_RESULT_PASS,
	    "on the spot %" PRId64 " of %" PRId64 " cases (%s %%), minimum "
	    "%s %%",
	    spot, total, rate, min);
}

void
cf_check_actual_compression(const struct cf_check *chk, int64_t used,
    int64_t statutory, int64_t cases, int64_t left_out, int left_out_year,
    struct cf_verdict *v)
{
	char rate[48], min[48], out[96] = "";
	bool failed;

	if (!chk->has_min) {
		cf_verdict_set(v, CF_RESULT_ERROR, "no minimum in the check");
		return;
	}
	if (left_out > 0)
		snprintf(out, sizeof out,
		    "; %" PRId64 " case%s left out: no calendar covers %d",
		    left_out, left_out == 1 ? "" : "s", left_out_year);
	if (cases == 0 || statutory <= 0) {
		cf_verdict_set(v, CF_RESULT_NA,
		    "no completed case with a statutory limit%s", out);
		return;
	}
	/* 1 - used/statutory < min, that is (statutory - used)/statutory. */
	failed = cf_check__percent_against_min(chk, statutory - used, statutory, rate,
	    min);
	cf_verdict_set(v, failed ? CF_RESULT_FAIL : CF_RESULT_PASS,
	    "used %" PRId64 " of %" PRId64 " statutory working days over "
	    "%" PRId64 " case%s, %s %% compressed, minimum %s %%%s",
	    used, statutory, cases, cases == 1 ? "" : "s", rate, min, out);
}

int
cf_check_used_days(const struct cf_audit_env *env, const struct cf_case *c,
    const struct cf_procedure *p, int *used, int *year)
{
	struct cf_clock local;
	const struct cf_clock *k;
	cf_day gap = 0;
	int rc;

	k = cf_clock_of(env, c, p, &local);
	rc = cf_cal_count_paused(env->cal, cf_tz_day(env->tz, c->accepted.sec),
	    cf_tz_day(env->tz, c->completed_at.sec), k->spans, k->nspans, used,
	    &gap);
	cf_clock_release(&local);
	if (rc == CF_ENOTFOUND) {
		*year = cf_day_year(gap);
		cf_error_clear();
	}
	return rc;
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
