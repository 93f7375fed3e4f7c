/* SPDX-License-Identifier: MIT */
/*
 * clock.c - a case's clock under the time-limit law (see clock.h).
 *
 * The per-pause state is a small array on the stack (a procedure names a
 * handful of pauses; more than CF_CLOCK_INLINE are kept on the heap for
 * the read).  A procedure without markers costs one test per case.
 */
#include "conform.h"
#include "clock.h"

#include <stdlib.h>
#include <string.h>

/* Equal activities; the first byte settles most comparisons (every
 * event of every case with markers meets this). */
static inline bool
same(const char *a, const char *b)
{
	return a != NULL && b != NULL && a[0] == b[0] && strcmp(a, b) == 0;
}

bool
cf_clock_is_marker(const struct cf_procedure *p, const char *activity)
{
	if (activity == NULL)
		return false;
	for (size_t i = 0; i < p->npauses; i++)
		if (same(p->pauses[i].start, activity) ||
		    same(p->pauses[i].end, activity))
			return true;
	return (p->has_extension && same(p->extension.activity, activity)) ||
	    (p->has_supplement && same(p->supplement.activity, activity));
}

/* Appends the span (from, to], joining one it touches or overlaps. */
static void
add_span(struct cf_clock *k, cf_day from, cf_day to)
{
	if (to <= from)
		return; /* opened and closed the same day: no day paused */
	if (k->nspans > 0 && from <= k->spans[k->nspans - 1].to) {
		if (to > k->spans[k->nspans - 1].to)
			k->spans[k->nspans - 1].to = to;
		return;
	}
	if (k->nspans == k->aspans) {
		size_t a = k->aspans * 2;
		if (k->spans == k->inline_spans) {
			k->spans = cf_xreallocarray(NULL, a, sizeof *k->spans);
			memcpy(k->spans, k->inline_spans,
			    sizeof k->inline_spans);
		} else {
			k->spans = cf_xreallocarray(k->spans, a,
			    sizeof *k->spans);
		}
		k->aspans = a;
	}
	k->spans[k->nspans].from = from;
	k->spans[k->nspans].to = to;
	k->nspans++;
}

void
cf_clock_read(struct cf_clock *k, const struct cf_audit_env *env,
    const struct cf_case *c, const struct cf_procedure *p)
{
	cf_day small[CF_CLOCK_INLINE], *opened = small; /* per pause */
	size_t depth = 0;
	cf_day span_from = 0;

	memset(k, 0, sizeof *k);
	k->spans = k->inline_spans;
	k->aspans = CF_CLOCK_INLINE;
	k->c = c;
	k->p = p;
	if (p == NULL ||
	    (p->npauses == 0 && !p->has_extension && !p->has_supplement))
		return;
	if (p->npauses > CF_CLOCK_INLINE)
		opened = cf_xreallocarray(NULL, p->npauses, sizeof *opened);
	for (size_t i = 0; i < p->npauses; i++)
		opened[i] = CF_DAY_NONE;
	bool after = false;
	for (size_t e = 0; e < c->nevents; e++) {
		const struct cf_event *ev = &c->events[e];
		cf_day day = CF_DAY_NONE;
		if (ev->activity == NULL)
			continue;
		if (!after && c->completed &&
		    cf_time_cmp(&ev->ts, &c->completed_at) > 0)
			after = true;
		if (after) {
			/* Ignored by the law's rules; still no step. */
			k->nmarkers += cf_clock_is_marker(p, ev->activity);
			continue;
		}
		bool marker = false;
		if (p->has_extension &&
		    same(ev->activity, p->extension.activity)) {
			marker = true;
			if (k->next++ == 0)
				k->ext = ev;
		}
		if (p->has_supplement &&
		    same(ev->activity, p->supplement.activity)) {
			marker = true;
			if (k->nsup < 2)
				k->sup[k->nsup] = ev;
			k->nsup++;
		}
		for (size_t i = 0; i < p->npauses && !marker; i++)
			marker = same(ev->activity, p->pauses[i].start) ||
			    same(ev->activity, p->pauses[i].end);
		k->nmarkers += marker;
		if (!marker || p->npauses == 0)
			continue;
		for (size_t i = 0; i < p->npauses; i++) {
			const struct cf_pause *q = &p->pauses[i];
			if (opened[i] == CF_DAY_NONE &&
			    same(ev->activity, q->start)) {
				if (day == CF_DAY_NONE)
					day = cf_tz_day(env->tz, ev->ts.sec);
				opened[i] = day;
				if (k->npauses < CF_CLOCK_SHOWN) {
					k->shown[k->npauses].name = q->name;
					k->shown[k->npauses].opened = day;
					k->shown[k->npauses].closed =
					    CF_DAY_OPEN;
				}
				k->npauses++;
				if (depth++ == 0)
					span_from = day;
			} else if (opened[i] != CF_DAY_NONE &&
			    same(ev->activity, q->end)) {
				if (day == CF_DAY_NONE)
					day = cf_tz_day(env->tz, ev->ts.sec);
				/* Which shown pause this closes: the last
				 * one of this name still open. */
				for (size_t s = k->npauses < CF_CLOCK_SHOWN
					? k->npauses
					: CF_CLOCK_SHOWN;
				     s-- > 0;)
					if (k->shown[s].name == q->name &&
					    k->shown[s].closed == CF_DAY_OPEN &&
					    k->shown[s].opened == opened[i]) {
						k->shown[s].closed = day;
						break;
					}
				opened[i] = CF_DAY_NONE;
				if (--depth == 0)
					add_span(k, span_from, day);
			}
		}
	}
	if (depth > 0) {
		cf_day end = CF_DAY_OPEN;
		if (c->completed) {
			end = cf_tz_day(env->tz, c->completed_at.sec);
			for (size_t s = 0;
			     s < k->npauses && s < CF_CLOCK_SHOWN; s++)
				if (k->shown[s].closed == CF_DAY_OPEN)
					k->shown[s].closed = end;
		}
		/* An end before the opening day cannot be (events are in
		 * order); keep the span well formed all the same. */
		add_span(k, span_from, end < span_from ? span_from : end);
	}
	if (opened != small)
		free(opened);
}

const struct cf_clock *
cf_clock_of(const struct cf_audit_env *env, const struct cf_case *c,
    const struct cf_procedure *p, struct cf_clock *local)
{
	if (env->clock && env->clock->c == c && env->clock->p == p) {
		local->spans = local->inline_spans; /* nothing to release */
		return env->clock;
	}
	cf_clock_read(local, env, c, p);
	return local;
}

void
cf_clock_release(struct cf_clock *k)
{
	if (k->spans != k->inline_spans)
		free(k->spans);
	k->spans = k->inline_spans;
	k->nspans = 0;
}

int
cf_clock_limit(const struct cf_clock *k, const struct cf_audit_env *env,
    const struct cf_case *c, const struct cf_procedure *p, int n,
    cf_day *due, cf_day *gap, bool *extended, bool *ext_late)
{
	cf_day accepted = cf_tz_day(env->tz, c->accepted.sec), eday;
	int rc;

	*extended = *ext_late = false;
	rc = cf_cal_deadline_paused(env->cal, accepted, n, k->spans,
	    k->nspans, due, gap);
	if (k->ext == NULL || !p->has_extension || rc < 0)
		return rc;
	eday = cf_tz_day(env->tz, k->ext->ts.sec);
	if (rc == 0 && eday > *due) {
		*ext_late = true;
		return 0;
	}
	*extended = true;
	return cf_cal_deadline_paused(env->cal, accepted,
	    n + p->extension.days, k->spans, k->nspans, due, gap);
}
