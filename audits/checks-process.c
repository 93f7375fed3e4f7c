/* SPDX-License-Identifier: MIT */
/*
 * checks-process.c - steps, roles and four-eyes (doc/checks.md): how
 * a case moved through the procedure's steps, read from its events in
 * the order the record gives them (by instant, then by position in the
 * import; equal instants are never reordered here).
 *
 * An event belongs to the step whose activity equals its activity (a
 * step's activity defaults to its id; no two steps share one).
 *
 * steps places the events left to right.  `pos` is the last step
 * matched (none at the start).  An event of
 *   - the step at pos is fine when that step is repeatable, else
 *     "'X' repeated";
 *   - a later step is fine when every step strictly between is
 *     optional, else "'X' before 'Y'", Y the first required step
 *     skipped; pos moves to it;
 *   - an earlier step is "'X' repeated" when X was matched before, else
 *     "'X' after 'Z'", Z the step at pos;
 *   - no step is "unknown activity 'A'", unless the steps are open
 *     (then the event is ignored).
 * After the last event, the first required step after pos is "required
 * step 'X' missing".  Marker events (a pause, the extension, the
 * supplement: clock.h) are no steps and are skipped by steps and roles.  Details name steps by id (what the procedure
 * says), and unknown activities by activity (what the log says).
 */
#include "conform.h"
#include "checks-impl.h"
#include "clock.h"

#include <stdlib.h>
#include <string.h>

/* The index of the step whose activity is `activity`, or -1. */
static int
step_of(const struct cf_procedure *p, const char *activity)
{
	if (activity == NULL)
		return -1;
	for (size_t i = 0; i < p->nsteps; i++)
		if (strcmp(p->steps[i].activity, activity) == 0)
			return (int)i;
	return -1;
}

/*
 * A case with more events than an audit holds (record.h) is not judged
 * on part of its record: error, saying so.
 */
static bool
too_many_events(const struct cf_case *c, struct cf_verdict *v)
{
	if (c->events_over == 0)
		return false;
	cf_verdict_set(v, CF_RESULT_ERROR,
	    "%zu events recorded, more than the %d an audit holds of one "
	    "case; not judged",
	    c->events_over, CF_CASE_MAX_EVENTS);
	return true;
}

/* The events that are no markers (all of them for most procedures). */
static size_t
step_events(const struct cf_audit_env *env, const struct cf_case *c,
    const struct cf_procedure *p)
{
	struct cf_clock local;
	const struct cf_clock *k;
	size_t n;

	if (p->npauses == 0 && !p->has_extension && !p->has_supplement)
		return c->nevents;
	k = cf_clock_of(env, c, p, &local);
	n = c->nevents - k->nmarkers;
	cf_clock_release(&local);
	return n;
}

/* The first required step in (from, to), or -1. */
static int
first_required(const struct cf_procedure *p, int from, int to)
{
	for (int j = from + 1; j < to; j++)
		if (!p->steps[j].optional)
			return j;
	return -1;
}

/*
 * Places the events; returns true when they all fit, else false with
 * the failure detail set.
 */
static bool
place_events(const struct cf_case *c, const struct cf_procedure *p,
    bool *matched, struct cf_verdict *v)
{
	const struct cf_step *s = p->steps;
	int pos = -1, k, y;

	for (size_t i = 0; i < c->nevents; i++) {
		const char *act = c->events[i].activity;
		if ((k = step_of(p, act)) < 0 && cf_clock_is_marker(p, act))
			continue;
		if (k < 0) {
			if (p->steps_open)
				continue;
			cf_verdict_set(v, CF_RESULT_FAIL,
			    "unknown activity '%s'", act ? act : "");
			return false;
		}
		if (k == pos) {
			if (s[k].repeatable)
				continue;
			cf_verdict_set(v, CF_RESULT_FAIL, "'%s' repeated",
			    s[k].id);
			return false;
		}
		if (k < pos) {
			if (matched[k])
				cf_verdict_set(v, CF_RESULT_FAIL,
				    "'%s' repeated", s[k].id);
			else
				cf_verdict_set(v, CF_RESULT_FAIL,
				    "'%s' after '%s'", s[k].id, s[pos].id);
			return false;
		}
		if ((y = first_required(p, pos, k)) >= 0) {
			cf_verdict_set(v, CF_RESULT_FAIL, "'%s' before '%s'",
			    s[k].id, s[y].id);
			return false;
		}
		matched[k] = true;
		pos = k;
	}
	if ((y = first_required(p, pos, (int)p->nsteps)) >= 0) {
		cf_verdict_set(v, CF_RESULT_FAIL, "required step '%s' missing",
		    s[y].id);
		return false;
	}
	return true;
}

void
cf_check_steps(const struct cf_audit_env *env, const struct cf_case *c,
    const struct cf_procedure *p, struct cf_verdict *v)
{
	bool small[64] = { false }, *matched = small;

	if (cf_check__no_procedure(env, c, p, v) ||
	    cf_check__pending(env, c, v))
		return;
	if (too_many_events(c, v))
		return;
	if (step_events(env, c, p) == 0) {
		cf_verdict_set(v, CF_RESULT_ERROR, c->nevents
			? "no events recorded but markers"
			: "no events recorded");
		return;
	}
	if (p->nsteps > CF_ARRAY_LEN(small))
		matched = cf_xcalloc(p->nsteps, sizeof *matched);
	if (place_events(c, p, matched, v))
		cf_verdict_set(v, CF_RESULT_PASS, NULL);
	if (matched != small)
		free(matched);
}

void
cf_check_roles(const struct cf_audit_env *env, const struct cf_case *c,
    const struct cf_procedure *p, struct cf_verdict *v)
{
	size_t judged = 0;

	if (cf_check__no_procedure(env, c, p, v) ||
	    cf_check__pending(env, c, v))
		return;
	if (too_many_events(c, v))
		return;
	if (step_events(env, c, p) == 0) {
		cf_verdict_set(v, CF_RESULT_NA, c->nevents
			? "no events recorded but markers"
			: "no events recorded");
		return;
	}
	for (size_t i = 0; i < c->nevents; i++) {
		const struct cf_event *e = &c->events[i];
		int k = step_of(p, e->activity);
		if (k < 0 || p->steps[k].role == NULL || e->role == NULL)
			continue;
		judged++;
		if (strcmp(e->role, p->steps[k].role) != 0) {
			cf_verdict_set(v, CF_RESULT_FAIL,
			    "step '%s' by role '%s', expected '%s'",
			    p->steps[k].id, e->role, p->steps[k].role);
			return;
		}
	}
	/* Only a case without events is na (doc/checks.md); say what was
	 * seen. */
	if (judged == 0)
		cf_verdict_set(v, CF_RESULT_PASS,
		    "no event with a role to judge");
	else
		cf_verdict_set(v, CF_RESULT_PASS, NULL);
}

static int
actor_cmp(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* The actors of the events of step `k`, sorted (the caller frees). */
static const char **
actors_of(const struct cf_case *c, const int *step, int k, size_t *n)
{
	const char **v = NULL;
	size_t alloc = 0;

	*n = 0;
	for (size_t i = 0; i < c->nevents; i++)
		if (step[i] == k && c->events[i].actor) {
			CF_GROW(v, *n + 1, alloc);
			v[(*n)++] = c->events[i].actor;
		}
	if (*n > 1)
		qsort(v, *n, sizeof *v, actor_cmp);
	return v;
}

/*
 * Judges one pair of steps a and b (a before b in the procedure); `step`
 * holds each event's step index.  On fail, *who is the actor who did
 * both (the first such event in order).  Each step's actors are sorted
 * once and searched per event: n log n, not n^2, so a case with a
 * hundred thousand events is judged in milliseconds, not hours.
 */
static enum cf_result
judge_pair(const struct cf_case *c, const int *step, int a, int b,
    const char **who)
{
	bool seen_a = false, seen_b = false, actor_a = false, actor_b = false;
	enum cf_result r = CF_RESULT_PASS;
	const char **va, **vb;
	size_t na, nb;

	for (size_t i = 0; i < c->nevents; i++) {
		bool has = c->events[i].actor != NULL;
		if (step[i] == a)
			seen_a = true, actor_a |= has;
		else if (step[i] == b)
			seen_b = true, actor_b |= has;
	}
	if (!seen_a || !seen_b)
		return CF_RESULT_NA;
	if (!actor_a || !actor_b)
		return CF_RESULT_ERROR;
	va = actors_of(c, step, a, &na);
	vb = actors_of(c, step, b, &nb);
	for (size_t i = 0; i < c->nevents; i++) {
		const char *actor = c->events[i].actor;
		if (actor == NULL || (step[i] != a && step[i] != b))
			continue;
		const char **other = step[i] == a ? vb : va;
		size_t n = step[i] == a ? nb : na;
		if (bsearch(&actor, other, n, sizeof *other, actor_cmp)) {
			*who = actor;
			r = CF_RESULT_FAIL;
			break;
		}
	}
	free(va);
	free(vb);
	return r;
}

void
cf_check_four_eyes(const struct cf_audit_env *env, const struct cf_case *c,
    const struct cf_procedure *p, struct cf_verdict *v)
{
	int small[64], *step = small;
	bool error = false, judged = false, pairs = false;

	if (cf_check__no_procedure(env, c, p, v) ||
	    cf_check__pending(env, c, v) || too_many_events(c, v))
		return;
	if (c->nevents > CF_ARRAY_LEN(small))
		step = cf_xreallocarray(NULL, c->nevents, sizeof *step);
	for (size_t i = 0; i < c->nevents; i++)
		step[i] = step_of(p, c->events[i].activity);
	for (size_t s = 0; s < p->nsteps; s++) {
		int t = p->steps[s].nsa;
		if (t < 0 || (size_t)t == s)
			continue;
		/* a and b in procedure order */
		int a = t < (int)s ? t : (int)s, b = t < (int)s ? (int)s : t;
		const char *who = NULL;
		pairs = true;
		switch (judge_pair(c, step, a, b, &who)) {
		case CF_RESULT_FAIL:
			cf_verdict_set(v, CF_RESULT_FAIL,
			    "actor %s did %s and %s", who, p->steps[a].id,
			    p->steps[b].id);
			goto out;
		case CF_RESULT_ERROR:
			error = true;
			break;
		case CF_RESULT_PASS:
			judged = true;
			break;
		case CF_RESULT_NA:
			break;
		}
	}
	if (error)
		cf_verdict_set(v, CF_RESULT_ERROR, "actor not recorded");
	else if (judged)
		cf_verdict_set(v, CF_RESULT_PASS, NULL);
	else if (pairs)
		cf_verdict_set(v, CF_RESULT_NA,
		    "no pair with both steps performed");
	else
		cf_verdict_set(v, CF_RESULT_NA, CF_QUIET_NA_FOUR_EYES);
out:
	if (step != small)
		free(step);
}
