/* SPDX-License-Identifier: MIT */
/*
 * generate.c - synthetic case logs (see generate.h).
 *
 * Cases are made in acceptance order: the working days of the period
 * share the cases evenly, and within a day the acceptance times rise
 * slot by slot through the working hours, so ids ("DF" + day + global
 * number) sort as the cases were accepted, as real registers do.  The
 * procedure of a case is drawn among those in force that day, on-the-
 * spot items twice as often as commitment items (a center handles many
 * more of the quick ones).
 *
 * A case is built in this order: procedure, acceptance, its on-time
 * completion, then (if it is to carry a deviation) the kind among those
 * that apply to it, then its steps, actors, roles and times.  Each
 * deviation changes one thing only, so planted.csv is an exact list of
 * what an audit must find (and a check that fails elsewhere is a bug).
 * Event times are spread evenly from the acceptance to the completion
 * and are strictly increasing, so the order of the file is the order of
 * time (except for a planted "order" deviation, which swaps two steps).
 *
 * Randomness: xoshiro256** (Blackman and Vigna), seeded from the SHA-256
 * of the seed text; numbers below n by the multiply-high method.  No
 * floating point, so the output is the same on every machine.
 */
#include "conform.h"
#include "calendar.h"
#include "csv.h"
#include "generate.h"
#include "hash.h"
#include "paths.h"
#include "amount.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MORNING_START (9 * 3600)
#define MORNING_END (12 * 3600)
#define AFTERNOON_START (13 * 3600 + 1800)
#define AFTERNOON_END (17 * 3600)
#define WORK_SECONDS                                                           \
	((MORNING_END - MORNING_START) + (AFTERNOON_END - AFTERNOON_START))
#define STAFF_PER_ROLE 8
#define MAX_EVENTS 64
#define MAX_MARKERS 8
/* The kinds planted on the case itself; the evaluations' come after. */
#define CASE_KINDS CF_GEN_REVIEW_LATE

static const char *const kind_names[CF_GEN_NKINDS] = { "late", "fee",
	"material", "order", "repeat", "missing", "unknown-activity", "role",
	"four-eyes", "before-effective", "pending-late", "paused-late",
	"pause-same-day", "pause-end-only", "pause-overlap", "pause-holiday",
	"pause-open", "extension-deadline-day", "extension-late",
	"extension-twice", "extension-role", "supplement-twice",
	"supplement-late", "statutory-late", "review-late",
	"review-no-revisit", "review-anonymous", "review-not-due",
	"review-revisit-after-to", "review-rated-after-to",
	"review-deadline-day" };

const char *
cf_gen_kind_name(enum cf_gen_kind k)
{
	return (unsigned)k < CF_GEN_NKINDS ? kind_names[k] : "?";
}

/* ---- randomness ---- */

struct rng {
	uint64_t s[4];
};

static uint64_t
rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static uint64_t
next64(struct rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

/* A number in [0, n). */
static uint64_t
below(struct rng *r, uint64_t n)
{
	return n ? (uint64_t)(((unsigned __int128)next64(r) * n) >> 64) : 0;
}

/* True with probability num/den. */
static bool
chance(struct rng *r, uint64_t num, uint64_t den)
{
	return below(r, den) < num;
}

static void
seed_rng(struct rng *r, const char *seed)
{
	uint8_t md[CF_SHA256_LEN];

	cf_sha256(seed, strlen(seed), md);
	for (int i = 0; i < 4; i++) {
		r->s[i] = 0;
		for (int k = 0; k < 8; k++)
			r->s[i] = (r->s[i] << 8) | md[8 * i + k];
	}
	if ((r->s[0] | r->s[1] | r->s[2] | r->s[3]) == 0)
		r->s[0] = 1;
}

/* ---- the model ---- */

struct proc {
	const struct cf_procedure *p;
	int committed; /* working days (0: on the spot) */
	int statutory; /* -1 when the procedure has none */
	bool law;      /* it declares a pause, an extension or a supplement */
	int weight;
	size_t nrequired_steps;		   /* required steps after the first */
	bool has_role, has_nsa, has_plain; /* a step with a role, nsa, not
					      repeatable */
	int *role_of_step;		   /* index into roles, -1 none */
};

struct gev {
	int step; /* -1: an activity that is no step; -2: a marker */
	const char *activity;
	int role;     /* index into roles, -1 none */
	const char *rolename; /* a marker's role, NULL none */
	int actor;    /* staff number, -1 none */
	int64_t wall; /* local wall seconds */
};

struct gen {
	const struct cf_gen_opts *o;
	const struct cf_cal *cal;
	struct cf_tz *tz;
	struct rng rng;
	struct rng erng; /* the evaluations' own */
	struct proc *procs; /* sorted by effective-from */
	size_t nprocs;
	int64_t *cumw; /* cumulative weights in that order */
	struct cf_strv roles;
	cf_day *days; /* the working days of the period */
	size_t ndays;
	FILE *cases, *events, *planted, *evals;
	struct cf_gen_counts *counts;
	struct cf_buf line;
	char unknown_activity[32];
};

static int
proc_cmp(const void *a, const void *b)
{
	const struct proc *x = a, *y = b;

	if (x->p->effective_from != y->p->effective_from)
		return x->p->effective_from < y->p->effective_from ? -1 : 1;
	return strcmp(x->p->id, y->p->id);
}

static int
role_index(struct gen *g, const char *role)
{
	if (role == NULL || *role == '\0')
		return -1;
	for (size_t i = 0; i < g->roles.n; i++)
		if (strcmp(g->roles.v[i], role) == 0)
			return (int)i;
	cf_strv_push(&g->roles, role);
	return (int)g->roles.n - 1;
}

static int
setup_procs(struct gen *g, const struct cf_procedure *const *procs, size_t n)
{
	g->procs = cf_xcalloc(n ? n : 1, sizeof *g->procs);
	for (size_t i = 0; i < n; i++) {
		const struct cf_procedure *p = procs[i];
		struct proc *q;
		if (p->nsteps == 0)
			continue;
		q = &g->procs[g->nprocs++];
		q->p = p;
		q->committed = p->has_time_limit && p->committed >= 0
		    ? p->committed
		    : p->has_time_limit && p->statutory >= 0 ? p->statutory
							     : 5;
		q->statutory = p->has_time_limit ? p->statutory : -1;
		q->law = p->npauses > 0 || p->has_extension ||
		    p->has_supplement;
		q->weight = p->kind == CF_KIND_ON_THE_SPOT ? 2 : 1;
		q->role_of_step = cf_xcalloc(p->nsteps, sizeof(int));
	}
	if (g->nprocs == 0)
		return cf_error_set(CF_EINVALID,
		    "no committed procedure with steps, expected at least "
		    "one in procedures/");
	qsort(g->procs, g->nprocs, sizeof *g->procs, proc_cmp);
	g->cumw = cf_xcalloc(g->nprocs, sizeof *g->cumw);
	for (size_t i = 0; i < g->nprocs; i++) {
		struct proc *q = &g->procs[i];
		const struct cf_procedure *p = q->p;
		for (size_t s = 0; s < p->nsteps; s++) {
			q->role_of_step[s] = role_index(g, p->steps[s].role);
			q->has_role |= q->role_of_step[s] >= 0;
			q->has_nsa |= p->steps[s].nsa >= 0;
			q->has_plain |= !p->steps[s].repeatable;
			if (s > 0 && !p->steps[s].optional)
				q->nrequired_steps++;
		}
		g->cumw[i] = (i ? g->cumw[i - 1] : 0) + q->weight;
	}
	/* An activity that no procedure has. */
	for (int k = 0;; k++) {
		bool used = false;
		snprintf(g->unknown_activity, sizeof g->unknown_activity,
		    k ? "recheck-%d" : "recheck", k);
		for (size_t i = 0; i < g->nprocs && !used; i++)
			for (size_t s = 0; s < g->procs[i].p->nsteps; s++)
				used |= strcmp(g->procs[i].p->steps[s].activity,
					    g->unknown_activity) == 0;
		if (!used)
			break;
	}
	return 0;
}

static int
setup_days(struct gen *g)
{
	const struct cf_gen_opts *o = g->o;

	if (o->to < o->from)
		return cf_error_set(CF_EUSAGE,
		    "the period ends before it starts, expected --from <= --to");
	g->days = cf_xcalloc((size_t)(o->to - o->from + 1), sizeof *g->days);
	for (cf_day d = o->from; d <= o->to; d++) {
		bool work;
		int rc = cf_cal_is_workday(g->cal, d, &work);
		if (rc < 0)
			return rc;
		if (work)
			g->days[g->ndays++] = d;
	}
	if (g->ndays == 0)
		return cf_error_set(CF_EINVALID,
		    "no working day in the period, expected at least one");
	return 0;
}

/* A procedure in force on `day`, by weight; NULL when none is. */
static struct proc *
pick_proc(struct gen *g, cf_day day)
{
	size_t k = 0;

	while (k < g->nprocs && g->procs[k].p->effective_from <= day)
		k++;
	if (k == 0)
		return NULL;
	int64_t r = (int64_t)below(&g->rng, (uint64_t)g->cumw[k - 1]);
	for (size_t i = 0; i < k; i++)
		if (r < g->cumw[i])
			return &g->procs[i];
	return &g->procs[k - 1];
}

/* A random time of the working hours, seconds after midnight. */
static int
work_time_of(struct rng *r)
{
	int s = (int)below(r, WORK_SECONDS);

	return s < MORNING_END - MORNING_START
	    ? MORNING_START + s
	    : AFTERNOON_START + s - (MORNING_END - MORNING_START);
}

static int
work_time(struct gen *g)
{
	return work_time_of(&g->rng);
}

/* The working-time second of slot k of n in a day. */
static int
slot_time(struct gen *g, uint64_t k, uint64_t n)
{
	uint64_t width = WORK_SECONDS / (n ? n : 1);
	uint64_t s = k * WORK_SECONDS / (n ? n : 1) +
	    (width > 1 ? below(&g->rng, width) : 0);

	if (s >= WORK_SECONDS)
		s = WORK_SECONDS - 1;
	return s < MORNING_END - MORNING_START
	    ? MORNING_START + (int)s
	    : AFTERNOON_START + (int)s - (MORNING_END - MORNING_START);
}

static int64_t
wall(cf_day day, int secs)
{
	return (int64_t)day * 86400 + secs;
}

/*
 * The on-time completion of a case accepted at `acc` (wall seconds):
 * within `limit` working days.  false when the calendar does not reach.
 */
static bool
complete_within(struct gen *g, int64_t acc, int limit, int extra, int64_t *out)
{
	cf_day day = (cf_day)(acc / 86400), end;
	int d = extra ? limit + extra
		      : (int)below(&g->rng, (uint64_t)limit + 1);

	if (cf_cal_deadline(g->cal, day, d, &end) < 0) {
		cf_error_clear();
		return false;
	}
	if (d == 0) {
		/* The same day: 5 minutes to 2 hours later. */
		*out = acc + 300 + (int64_t)below(&g->rng, 6900);
		return true;
	}
	*out = wall(end, work_time(g));
	return true;
}

static cf_day
deadline_of(struct gen *g, cf_day acc, int limit, bool *ok)
{
	cf_day end;

	*ok = cf_cal_deadline(g->cal, acc, limit, &end) == 0;
	if (!*ok)
		cf_error_clear();
	return *ok ? end : CF_DAY_NONE;
}

/* A working day in the 10 days before `day`, or CF_DAY_NONE. */
static cf_day
workday_before(struct gen *g, cf_day day)
{
	int skip = (int)below(&g->rng, 3);

	for (cf_day d = day - 1; d >= day - 10; d--) {
		bool w;
		if (cf_cal_is_workday(g->cal, d, &w) < 0) {
			cf_error_clear();
			return CF_DAY_NONE;
		}
		if (w && skip-- == 0)
			return d;
	}
	return CF_DAY_NONE;
}

/* ---- writing ---- */

static void
put_wall(struct cf_buf *b, int64_t w)
{
	cf_day d = (cf_day)(w / 86400);
	int s = (int)(w - (int64_t)d * 86400);
	char buf[32];

	cf_day_format(d, buf);
	buf[10] = ' ';
	buf[11] = (char)('0' + s / 36000);
	buf[12] = (char)('0' + s / 3600 % 10);
	buf[13] = ':';
	buf[14] = (char)('0' + s / 60 % 60 / 10);
	buf[15] = (char)('0' + s / 60 % 10);
	buf[16] = ':';
	buf[17] = (char)('0' + s % 60 / 10);
	buf[18] = (char)('0' + s % 10);
	cf_buf_add(b, buf, 19);
}

static int
flush_line(struct gen *g, FILE *f)
{
	if (fwrite(g->line.s, 1, g->line.len, f) != g->line.len)
		return cf_error_set(CF_ERROR, "cannot write in '%s': %s",
		    g->o->dir, strerror(errno));
	cf_buf_reset(&g->line);
	return 0;
}

/* ---- one case ---- */

struct gcase {
	char id[48];
	struct proc *q;
	int64_t acc, done; /* wall seconds; done < 0: pending */
	int64_t fee_fen;
	bool has_fee;
	int drop_material; /* index of a required material left out, or -1 */
	bool online;
	int kind; /* enum cf_gen_kind, or -1 */
	char detail[160];
	char expect[96]; /* the checks that must fail, ";" between */
	struct gev ev[MAX_EVENTS];
	size_t nev;
	/* The time-limit law: the receipt, and the marker events, merged
	 * into ev[] by time once the steps have theirs. */
	int64_t recv; /* wall seconds; < 0: not recorded */
	struct gev mk[MAX_MARKERS];
	size_t nmk;
};

static void
insert_event(struct gcase *c, size_t at, const struct gev *e)
{
	if (c->nev >= MAX_EVENTS)
		return;
	memmove(&c->ev[at + 1], &c->ev[at], (c->nev - at) * sizeof c->ev[0]);
	c->ev[at] = *e;
	c->nev++;
}

static void
remove_events_of(struct gcase *c, int step)
{
	size_t k = 0;

	for (size_t i = 0; i < c->nev; i++)
		if (c->ev[i].step != step)
			c->ev[k++] = c->ev[i];
	c->nev = k;
}

static bool
has_step(const struct gcase *c, int step)
{
	for (size_t i = 0; i < c->nev; i++)
		if (c->ev[i].step == step)
			return true;
	return false;
}

/* Puts an event of `step` back if an optional step was left out. */
static void
ensure_step(struct gen *g, struct gcase *c, int step)
{
	struct gev e = { 0 };
	size_t at = 0;

	if (has_step(c, step))
		return;
	e.step = step;
	e.activity = c->q->p->steps[step].activity;
	e.role = c->q->role_of_step[step];
	e.actor = e.role >= 0
	    ? e.role * 100 + (int)below(&g->rng, STAFF_PER_ROLE)
	    : (int)below(&g->rng, 100);
	while (at < c->nev && c->ev[at].step < step)
		at++;
	insert_event(c, at, &e);
}

/* The steps the case goes through, with actors and roles. */
static void
build_steps(struct gen *g, struct gcase *c)
{
	const struct cf_procedure *p = c->q->p;
	int person[64];

	for (size_t r = 0; r < g->roles.n && r < 64; r++)
		person[r] = (int)below(&g->rng, STAFF_PER_ROLE);
	c->nev = 0;
	for (size_t s = 0; s < p->nsteps; s++) {
		const struct cf_step *st = &p->steps[s];
		int times = 1;
		if (st->optional && !chance(&g->rng, 3, 5))
			times = 0;
		if (times && st->repeatable && chance(&g->rng, 1, 5))
			times = 2;
		for (int k = 0; k < times && c->nev < MAX_EVENTS; k++) {
			struct gev *e = &c->ev[c->nev++];
			int role = c->q->role_of_step[s];
			e->step = (int)s;
			e->activity = st->activity;
			e->role = role;
			e->actor = role >= 0 && role < 64
			    ? role * 100 + person[role]
			    : (int)below(&g->rng, 100);
			/* Same role on both steps of a four-eyes pair:
			 * another person for the second. */
			if (st->nsa >= 0 && c->q->role_of_step[st->nsa] == role)
				e->actor = role * 100 +
				    (person[role] + 1) % STAFF_PER_ROLE;
		}
	}
}

/* The kinds of deviation case `c` can carry. */
static size_t
applicable(struct gen *g, const struct gcase *c, int *kinds)
{
	const struct proc *q = c->q;
	const struct cf_procedure *p = q->p;
	bool completed = c->done >= 0;
	size_t n = 0, nreq = 0;
	bool ok;

	for (size_t m = 0; m < p->nmaterials; m++)
		nreq += p->materials[m].required;
	cf_day acc = (cf_day)(c->acc / 86400);
	cf_day dl = deadline_of(g, acc, q->committed + 3, &ok);
	if (completed && ok && dl <= g->o->to)
		kinds[n++] = CF_GEN_LATE;
	if (completed && p->has_fee && p->fee_fen >= 0)
		kinds[n++] = CF_GEN_FEE;
	if (completed && nreq > 0)
		kinds[n++] = CF_GEN_MATERIAL;
	if (completed && p->nsteps >= 2)
		kinds[n++] = CF_GEN_ORDER;
	if (completed && q->has_plain)
		kinds[n++] = CF_GEN_REPEAT;
	if (completed && q->nrequired_steps > 0)
		kinds[n++] = CF_GEN_MISSING;
	if (completed && !p->steps_open)
		kinds[n++] = CF_GEN_UNKNOWN;
	if (completed && q->has_role && g->roles.n >= 2)
		kinds[n++] = CF_GEN_ROLE;
	if (completed && q->has_nsa)
		kinds[n++] = CF_GEN_FOUR_EYES;
	/* Only when the day before it lies in the period: an audit of the
	 * period must be able to see it. */
	cf_day before = workday_before(g, p->effective_from);
	if (completed && before != CF_DAY_NONE && before >= g->o->from)
		kinds[n++] = CF_GEN_BEFORE_EFFECTIVE;
	dl = deadline_of(g, acc, q->committed, &ok);
	if (ok && dl < g->o->to)
		kinds[n++] = CF_GEN_PENDING_LATE;
	if (completed && q->statutory >= 0) {
		dl = deadline_of(g, acc, q->statutory + 3, &ok);
		if (ok && dl <= g->o->to)
			kinds[n++] = CF_GEN_STATUTORY_LATE;
	}
	return n;
}

/* Indexes of events whose step satisfies `pred`, into idx. */
static size_t
events_where(const struct gcase *c,
    bool (*pred)(const struct gcase *, const struct gev *), size_t *idx)
{
	size_t n = 0;

	for (size_t i = 0; i < c->nev; i++)
		if (pred(c, &c->ev[i]))
			idx[n++] = i;
	return n;
}

static bool
plain_step(const struct gcase *c, const struct gev *e)
{
	return e->step >= 0 && !c->q->p->steps[e->step].repeatable;
}

static bool
role_step(const struct gcase *c, const struct gev *e)
{
	(void)c;
	return e->step >= 0 && e->role >= 0;
}

/* Applies the deviation of kind `k` (after the steps are built). */
static void
plant_events(struct gen *g, struct gcase *c, int k)
{
	const struct cf_procedure *p = c->q->p;
	size_t idx[MAX_EVENTS], n;

	switch (k) {
	case CF_GEN_ORDER:
		/* Two neighbouring events of different steps swap places. */
		n = 0;
		for (size_t i = 0; i + 1 < c->nev; i++)
			if (c->ev[i].step != c->ev[i + 1].step)
				idx[n++] = i;
		if (n) {
			size_t i = idx[below(&g->rng, n)];
			struct gev t = c->ev[i];
			c->ev[i] = c->ev[i + 1];
			c->ev[i + 1] = t;
			snprintf(c->detail, sizeof c->detail,
			    "'%s' before '%s'", c->ev[i].activity,
			    c->ev[i + 1].activity);
		}
		break;
	case CF_GEN_REPEAT:
		if ((n = events_where(c, plain_step, idx)) > 0) {
			size_t i = idx[below(&g->rng, n)];
			struct gev e = c->ev[i];
			insert_event(c, i + 1, &e);
			snprintf(c->detail, sizeof c->detail, "'%s' repeated",
			    e.activity);
		}
		break;
	case CF_GEN_MISSING: {
		int req[64];
		size_t nr = 0;
		for (size_t s = 1; s < p->nsteps && nr < 64; s++)
			if (!p->steps[s].optional)
				req[nr++] = (int)s;
		int s = req[below(&g->rng, nr)];
		remove_events_of(c, s);
		snprintf(c->detail, sizeof c->detail,
		    "required step '%s' missing", p->steps[s].id);
		break;
	}
	case CF_GEN_UNKNOWN: {
		struct gev e = c->ev[0];
		e.step = -1;
		e.activity = g->unknown_activity;
		insert_event(c, c->nev ? 1 + below(&g->rng, c->nev) : 0, &e);
		snprintf(c->detail, sizeof c->detail, "unknown activity '%s'",
		    g->unknown_activity);
		break;
	}
	case CF_GEN_ROLE:
		if ((n = events_where(c, role_step, idx)) > 0) {
			struct gev *e = &c->ev[idx[below(&g->rng, n)]];
			int other = (e->role + 1 +
					(int)below(&g->rng, g->roles.n - 1)) %
			    (int)g->roles.n;
			snprintf(c->detail, sizeof c->detail,
			    "'%s' by role '%s', expected '%s'", e->activity,
			    g->roles.v[other], g->roles.v[e->role]);
			e->role = other;
		}
		break;
	case CF_GEN_FOUR_EYES: {
		int pairs[64], np = 0;
		for (size_t st = 0; st < p->nsteps && np < 64; st++)
			if (p->steps[st].nsa >= 0)
				pairs[np++] = (int)st;
		int s = pairs[below(&g->rng, (uint64_t)np)];
		int t = p->steps[s].nsa;
		/* Both steps must be there to be compared. */
		ensure_step(g, c, t);
		ensure_step(g, c, s);
		int actor = -1;
		for (size_t i = 0; i < c->nev && actor < 0; i++)
			if (c->ev[i].step == t)
				actor = c->ev[i].actor;
		for (size_t i = 0; i < c->nev; i++)
			if (c->ev[i].step == s || c->ev[i].step == t)
				c->ev[i].actor = actor;
		snprintf(c->detail, sizeof c->detail,
		    "'%s' and '%s' by the same actor", p->steps[t].id,
		    p->steps[s].id);
		break;
	}
	default:
		break;
	}
}

/* Seconds of working time from the start of the day to `secs`. */
static int64_t
work_of_day(int secs)
{
	if (secs <= MORNING_START)
		return 0;
	if (secs <= MORNING_END)
		return secs - MORNING_START;
	if (secs <= AFTERNOON_START)
		return MORNING_END - MORNING_START;
	if (secs <= AFTERNOON_END)
		return (MORNING_END - MORNING_START) + secs - AFTERNOON_START;
	return WORK_SECONDS;
}

static int
clock_of_work(int64_t w)
{
	return w < MORNING_END - MORNING_START
	    ? MORNING_START + (int)w
	    : AFTERNOON_START + (int)w - (MORNING_END - MORNING_START);
}

/*
 * A position on the working-time clock that starts on `day0`: working
 * days after day0 times the working seconds of a day, plus the working
 * seconds of its own day.  false when the calendar does not reach.
 */
static bool
work_pos(struct gen *g, cf_day day0, int64_t w, int64_t *out)
{
	cf_day day = (cf_day)(w / 86400);
	int n;

	if (cf_cal_count(g->cal, day0, day, &n) < 0) {
		cf_error_clear();
		return false;
	}
	*out = (int64_t)n * WORK_SECONDS +
	    work_of_day((int)(w - (int64_t)day * 86400));
	return true;
}

static bool
wall_of_pos(struct gen *g, cf_day day0, int64_t pos, int64_t *out)
{
	int64_t k = pos / WORK_SECONDS, r = pos % WORK_SECONDS;
	cf_day day = day0;

	if (k > 0 && cf_cal_deadline(g->cal, day0, (int)k, &day) < 0) {
		cf_error_clear();
		return false;
	}
	*out = wall(day, clock_of_work(r));
	return true;
}

/*
 * Spreads the events from the acceptance to `last` evenly in working
 * time (so none falls at night), the last one exactly at `last`.
 */
static void
set_times(struct gen *g, struct gcase *c, int64_t last)
{
	cf_day day0 = (cf_day)(c->acc / 86400);
	int64_t p0, p1;
	bool clock = work_pos(g, day0, c->acc, &p0) &&
	    work_pos(g, day0, last, &p1) && p1 >= p0;

	for (size_t i = 0; i < c->nev; i++) {
		int64_t t;
		if (i == 0)
			t = c->acc;
		else if (i + 1 == c->nev)
			t = last;
		else if (!clock ||
		    !wall_of_pos(g, day0,
			p0 + (p1 - p0) * (int64_t)i / (int64_t)(c->nev - 1),
			&t))
			t = c->acc +
			    (last - c->acc) * (int64_t)i /
				(int64_t)(c->nev - 1);
		if (i > 0 && t <= c->ev[i - 1].wall)
			t = c->ev[i - 1].wall + 1;
		c->ev[i].wall = t;
	}
}

/*
 * A pending case's steps spread over its limit plus one working day of
 * working time; a step that falls where the calendar no longer reaches
 * is after the period (whose days the calendar covers) and is dropped
 * with the other steps after it.
 */
static void
set_times_pending(struct gen *g, struct gcase *c)
{
	cf_day day0 = (cf_day)(c->acc / 86400);
	int64_t p0, span = ((int64_t)c->q->committed + 1) * WORK_SECONDS;
	const int64_t after = INT64_MAX / 4;

	if (!work_pos(g, day0, c->acc, &p0)) {
		set_times(g, c, c->acc + span);
		return;
	}
	for (size_t i = 0; i < c->nev; i++) {
		int64_t t = c->acc;
		if (i > 0 &&
		    !wall_of_pos(g, day0,
			p0 +
			    span * (int64_t)i /
				(int64_t)(c->nev > 1 ? c->nev - 1 : 1),
			&t))
			t = after;
		if (i > 0 && t <= c->ev[i - 1].wall)
			t = c->ev[i - 1].wall + 1;
		c->ev[i].wall = t;
	}
}

static int
write_case(struct gen *g, struct gcase *c)
{
	const struct cf_procedure *p = c->q->p;
	struct cf_buf *b = &g->line;
	char fee[32], actor[16];
	int64_t end_of_period = wall(g->o->to + 1, 0);
	int rc;

	/* cases.csv */
	cf_buf_adds(b, c->id);
	cf_buf_addc(b, ',');
	cf_csv_field(b, p->id);
	cf_buf_addc(b, ',');
	put_wall(b, c->acc);
	cf_buf_addc(b, ',');
	if (c->done >= 0)
		put_wall(b, c->done);
	cf_buf_addc(b, ',');
	if (c->has_fee) {
		cf_amount_format(c->fee_fen, fee, sizeof fee);
		cf_buf_adds(b, fee);
	}
	cf_buf_addc(b, ',');
	bool first = true;
	int req = 0;
	for (size_t m = 0; m < p->nmaterials; m++) {
		const struct cf_material *mt = &p->materials[m];
		bool give = mt->required ? req++ != c->drop_material
					 : chance(&g->rng, 1, 2);
		if (!give)
			continue;
		if (!first)
			cf_buf_addc(b, ';');
		cf_csv_field(b, mt->id);
		first = false;
	}
	cf_buf_addc(b, ',');
	cf_csv_field(b, p->window);
	cf_buf_addc(b, ',');
	cf_buf_adds(b, c->online ? "online" : "window");
	cf_buf_addc(b, ',');
	if (c->recv >= 0)
		put_wall(b, c->recv);
	cf_buf_addc(b, '\n');
	if ((rc = flush_line(g, g->cases)) < 0)
		return rc;
	/* events.csv: what happened by the end of the period */
	for (size_t i = 0; i < c->nev; i++) {
		const struct gev *e = &c->ev[i];
		if (e->wall >= end_of_period)
			break;
		cf_buf_adds(b, c->id);
		cf_buf_addc(b, ',');
		cf_csv_field(b, e->activity);
		cf_buf_addc(b, ',');
		put_wall(b, e->wall);
		cf_buf_addc(b, ',');
		if (e->actor >= 0) {
			snprintf(actor, sizeof actor, "S%04d", e->actor);
			cf_buf_adds(b, actor);
		}
		cf_buf_addc(b, ',');
		if (e->rolename)
			cf_csv_field(b, e->rolename);
		else if (e->role >= 0)
			cf_csv_field(b, g->roles.v[e->role]);
		cf_buf_addc(b, '\n');
		g->counts->events++;
	}
	if ((rc = flush_line(g, g->events)) < 0)
		return rc;
	if (c->kind >= 0) {
		cf_buf_adds(b, c->id);
		cf_buf_addc(b, ',');
		cf_buf_adds(b, kind_names[c->kind]);
		cf_buf_addc(b, ',');
		cf_csv_field(b, c->detail);
		cf_buf_addc(b, ',');
		cf_csv_field(b, c->expect);
		cf_buf_addc(b, '\n');
		if ((rc = flush_line(g, g->planted)) < 0)
			return rc;
		g->counts->planted[c->kind]++;
	}
	g->counts->cases++;
	if (c->done < 0)
		g->counts->pending++;
	return 0;
}

/* ---- the time-limit law (doc/working-days.md) ---- */

/*
 * What a case's markers make of its limits, as planted: the paused
 * spans (their union, sorted), the first extension day and whether its
 * role is the procedure's, the extension and supplement counts, and the
 * first supplement day.  The generator places the markers, so it knows
 * these without reading them back.
 */
struct law {
	struct cf_span sp[2];
	size_t nsp;
	cf_day ext; /* CF_DAY_NONE: no extension */
	bool ext_role_ok;
	int next, nsup;
	cf_day sup; /* the first notice's day */
};

/* The n-th working day after d (n = 0: d). */
static bool
wd_after(struct gen *g, cf_day d, int n, cf_day *out)
{
	if (n >= 0 && cf_cal_deadline(g->cal, d, n, out) == 0)
		return true;
	cf_error_clear();
	return false;
}

/* The working day n >= 1 working days before d, or CF_DAY_NONE. */
static cf_day
wd_before(struct gen *g, cf_day d, int n)
{
	for (cf_day x = d - 1; x >= d - 60; x--) {
		bool w;
		if (cf_cal_is_workday(g->cal, x, &w) < 0) {
			cf_error_clear();
			return CF_DAY_NONE;
		}
		if (w && --n == 0)
			return x;
	}
	return CF_DAY_NONE;
}

static void
add_marker(struct gen *g, struct gcase *c, const char *activity, int64_t w,
    const char *role)
{
	struct gev *e;

	if (c->nmk >= MAX_MARKERS)
		return;
	e = &c->mk[c->nmk++];
	memset(e, 0, sizeof *e);
	e->step = -2;
	e->activity = activity;
	e->role = -1;
	e->rolename = role;
	e->actor = 900 + (int)below(&g->rng, STAFF_PER_ROLE);
	e->wall = w;
}

/* A time on day d: the morning or the afternoon, after the acceptance
 * when d is its day. */
static int64_t
time_on(struct gen *g, const struct gcase *c, cf_day d, bool afternoon)
{
	int64_t w = wall(d,
	    (afternoon ? 14 * 3600 : 9 * 3600) + (int)below(&g->rng, 7200));

	return w <= c->acc ? c->acc + 60 + (int64_t)below(&g->rng, 600) : w;
}

/* Pause i opened on o and closed on cl (CF_DAY_NONE: left open). */
static void
put_pause(struct gen *g, struct gcase *c, size_t i, cf_day o, cf_day cl)
{
	const struct cf_pause *q = &c->q->p->pauses[i];
	int64_t wo = time_on(g, c, o, false);

	add_marker(g, c, q->start, wo, NULL);
	if (cl == o)
		add_marker(g, c, q->end, wo + 3600, NULL);
	else if (cl != CF_DAY_NONE)
		add_marker(g, c, q->end, time_on(g, c, cl, true), NULL);
}

/* The deadline of n working days, the law's pauses and extension in
 * (doc/working-days.md): 0 found, 1 none yet, -1 not covered. */
static int
law_deadline(struct gen *g, const struct gcase *c, const struct law *L,
    int n, cf_day *due)
{
	const struct cf_procedure *p = c->q->p;
	cf_day a = (cf_day)(c->acc / 86400), gap;
	int rc = cf_cal_deadline_paused(g->cal, a, n, L->sp, L->nsp, due,
	    &gap);

	if (rc == 0 && L->ext != CF_DAY_NONE && L->ext <= *due)
		rc = cf_cal_deadline_paused(g->cal, a,
		    n + p->extension.days, L->sp, L->nsp, due, &gap);
	else if (rc == 1 && L->ext != CF_DAY_NONE)
		rc = 1;
	if (rc < 0) {
		cf_error_clear();
		return -1;
	}
	return rc;
}

static void
expect_add(struct gcase *c, const char *check)
{
	size_t n = strlen(c->expect);

	snprintf(c->expect + n, sizeof c->expect - n, "%s%s", n ? ";" : "",
	    check);
}

/*
 * Which of on-time, statutory-time, extension and supplement must fail
 * for the case as planted, appended to c->expect.  A limit that runs
 * into a year no calendar covers fails neither on-time nor
 * statutory-time here: the period's cases end before it (a completion
 * before it is in time; a pending case is na).  false only when the
 * committed limit cannot be found at all.
 */
static bool
law_expect(struct gen *g, struct gcase *c, const struct law *L)
{
	const struct proc *q = c->q;
	cf_day to = g->o->to, done = (cf_day)(c->done / 86400), dn = 0,
	       ds = 0;
	int rn, rs = -2;
	bool late;

	rn = law_deadline(g, c, L, q->committed, &dn);
	if (q->statutory >= 0)
		rs = law_deadline(g, c, L, q->statutory, &ds);
	if (rn < 0 && c->q->law && (L->nsp || L->next))
		return false; /* the law's kinds need the deadline */
	if (c->done >= 0) {
		late = rn == 0 && done > dn;
		if (late)
			expect_add(c, "on-time");
		if (rs == 0 && done > ds)
			expect_add(c, "statutory-time");
	} else {
		late = rn == 0 && dn < to;
		if (late)
			expect_add(c, "on-time");
		if (late && rs == 0 && ds < to)
			expect_add(c, "statutory-time");
	}
	if (L->next > 0) {
		struct law plain = *L;
		cf_day d0 = 0;
		plain.ext = CF_DAY_NONE;
		int r0 = law_deadline(g, c, &plain, q->committed, &d0);
		if ((r0 == 0 && L->ext > d0) || !L->ext_role_ok ||
		    L->next > 1)
			expect_add(c, "extension");
	}
	if (L->nsup > 0) {
		cf_day last;
		bool known = wd_after(g, (cf_day)(c->recv / 86400),
		    q->p->supplement.within, &last);
		if (L->nsup > 1 || (known && L->sup > last))
			expect_add(c, "supplement");
	}
	return true;
}

/* The receipt n working days before the acceptance (0: an hour or two
 * before it, the same day), and a notice of what is missing on `day`. */
static void
receive(struct gen *g, struct gcase *c, cf_day r)
{
	cf_day a = (cf_day)(c->acc / 86400);

	c->recv = r >= a ? c->acc - 3600 - (int64_t)below(&g->rng, 3600)
			 : wall(r, work_time(g));
	if (c->recv >= c->acc)
		c->recv = c->acc - 1;
}

static void
notify(struct gen *g, struct gcase *c, struct law *L, cf_day d)
{
	cf_day a = (cf_day)(c->acc / 86400);
	int64_t w = a == d ? c->acc - 600 + (int64_t)below(&g->rng, 300)
			   : c->recv + 600;

	/* In working hours, after the receipt, not after the acceptance. */
	if (a == d && w < wall(a, MORNING_START))
		w = wall(a, MORNING_START);
	if (w <= c->recv)
		w = c->recv + 1;
	if (a == d && w > c->acc)
		w = c->acc;
	add_marker(g, c, c->q->p->supplement.activity, w, NULL);
	if (L->nsup++ == 0)
		L->sup = d;
}

static void
extend(struct gen *g, struct gcase *c, struct law *L, cf_day d,
    const char *role)
{
	const struct cf_extension *x = &c->q->p->extension;

	add_marker(g, c, x->activity, time_on(g, c, d, false),
	    role ? role : x->role);
	if (L->next++ == 0) {
		L->ext = d;
		L->ext_role_ok = role == NULL;
	}
}

/*
 * A pause from a working day o among the limit's first days to a
 * working day cl >= o + 14 such that (o, cl] holds a holiday weekday and
 * a make-up working day (a Spring Festival).  false when the case's
 * limit is nowhere near one.
 */
static bool
holiday_span(struct gen *g, cf_day a, int n, cf_day *o, cf_day *cl)
{
	for (int r = 0; r < n && r < 5; r++) {
		bool off = false, makeup = false, w;
		if (!wd_after(g, a, r, o))
			return false;
		for (cf_day d = *o + 1; d <= *o + 24; d++) {
			if (cf_cal_is_workday(g->cal, d, &w) < 0) {
				cf_error_clear();
				return false;
			}
			off |= !w && cf_day_weekday(d) < 5;
			makeup |= w && cf_day_weekday(d) >= 5;
			if (off && makeup && d >= *o + 14 && w) {
				*cl = d;
				return true;
			}
		}
	}
	return false;
}

/* A working day of the law's kinds: after `lo`, within `n` more. */
static bool
some_day_after(struct gen *g, cf_day lo, int n, cf_day *out)
{
	return wd_after(g, lo, 1 + (int)below(&g->rng, (uint64_t)(n > 0 ? n : 1)),
	    out);
}

/*
 * Plants the law's kind k on case c (markers, completion, receipt) and
 * says in L what was planted; false when the case cannot carry it (the
 * caller then keeps it plain).
 */
static bool
plant_law(struct gen *g, struct gcase *c, int k, struct law *L)
{
	const struct cf_procedure *p = c->q->p;
	int n = c->q->committed, x = p->has_extension ? p->extension.days : 0;
	cf_day a = (cf_day)(c->acc / 86400), pd, o, cl, o2, cl2, d, e, e2, r;
	cf_day to = g->o->to;
	char od[11];

	if (!wd_after(g, a, n, &pd))
		return false;
	switch (k) {
	case CF_GEN_PAUSED_LATE:
		if (!wd_after(g, a, (int)below(&g->rng, (uint64_t)n), &o) ||
		    !some_day_after(g, o, 5, &cl))
			return false;
		put_pause(g, c, 0, o, cl);
		L->sp[L->nsp++] = (struct cf_span){ o, cl };
		if (law_deadline(g, c, L, n, &d) != 0 ||
		    !some_day_after(g, d, 3, &d))
			return false;
		cf_day_format(o, od);
		snprintf(c->detail, sizeof c->detail,
		    "paused from %s, completed after the limit of %d working "
		    "days and the paused ones", od, n);
		break;
	case CF_GEN_PAUSE_SAME_DAY:
	case CF_GEN_PAUSE_END_ONLY:
		if (!some_day_after(g, a, n, &o) || !wd_after(g, pd, 1, &d))
			return false;
		if (k == CF_GEN_PAUSE_SAME_DAY)
			put_pause(g, c, 0, o, o);
		else
			add_marker(g, c, p->pauses[0].end,
			    time_on(g, c, o, false), NULL);
		cf_day_format(o, od);
		snprintf(c->detail, sizeof c->detail,
		    k == CF_GEN_PAUSE_SAME_DAY
			? "pause opened and closed on %s pauses nothing; "
			  "completed a working day after the limit"
			: "a pause ended on %s without a start pauses "
			  "nothing; completed a working day after the limit",
		    od);
		break;
	case CF_GEN_PAUSE_OVERLAP:
		if (!wd_after(g, a, (int)below(&g->rng, (uint64_t)n), &o) ||
		    !wd_after(g, o, 2 + (int)below(&g->rng, 3), &cl) ||
		    !wd_after(g, o, 1, &o2) || !some_day_after(g, cl, 3, &cl2))
			return false;
		put_pause(g, c, 0, o, cl);
		put_pause(g, c, 1, o2, cl2);
		L->sp[L->nsp++] = (struct cf_span){ o, cl2 };
		if (law_deadline(g, c, L, n, &d) != 0 || !wd_after(g, d, 1, &d))
			return false;
		snprintf(c->detail, sizeof c->detail,
		    "two pauses overlapping (each day counts once); "
		    "completed a working day after the limit");
		break;
	case CF_GEN_PAUSE_HOLIDAY:
		if (!holiday_span(g, a, n, &o, &cl))
			return false;
		put_pause(g, c, 0, o, cl);
		L->sp[L->nsp++] = (struct cf_span){ o, cl };
		if (law_deadline(g, c, L, n, &d) != 0)
			return false;
		cf_day_format(o, od);
		snprintf(c->detail, sizeof c->detail,
		    "paused from %s over a holiday and a make-up working day; "
		    "completed on the last day of the limit", od);
		break;
	case CF_GEN_PAUSE_OPEN:
		if (pd >= to ||
		    !wd_after(g, a, (int)below(&g->rng, (uint64_t)n), &o))
			return false;
		put_pause(g, c, 0, o, CF_DAY_NONE);
		L->sp[L->nsp++] = (struct cf_span){ o, CF_DAY_OPEN };
		c->done = -1;
		cf_day_format(o, od);
		snprintf(c->detail, sizeof c->detail,
		    "pending past the limit without the pause, paused since "
		    "%s: no deadline yet", od);
		return true;
	case CF_GEN_EXT_DEADLINE_DAY:
		extend(g, c, L, pd, NULL);
		if (!some_day_after(g, pd, x, &d))
			return false;
		snprintf(c->detail, sizeof c->detail,
		    "extended on the last day of the limit; completed within "
		    "the extension");
		break;
	case CF_GEN_EXT_LATE:
		if (!wd_after(g, pd, 1, &e) ||
		    !some_day_after(g, e, x > 1 ? x - 1 : 1, &d))
			return false;
		extend(g, c, L, e, NULL);
		snprintf(c->detail, sizeof c->detail,
		    "extended a working day after the limit ended");
		break;
	case CF_GEN_EXT_TWICE:
	case CF_GEN_EXT_ROLE:
		if (!some_day_after(g, a, n, &e) || !wd_after(g, e, 1, &e2) ||
		    !some_day_after(g, pd, x, &d))
			return false;
		if (d <= e2 && !wd_after(g, e2, 1, &d))
			return false;
		if (k == CF_GEN_EXT_TWICE) {
			extend(g, c, L, e, NULL);
			extend(g, c, L, e2, NULL);
			snprintf(c->detail, sizeof c->detail,
			    "extended twice; a limit is extended once");
		} else {
			/* Any role but the extension's. */
			const char *role = "clerk";
			for (size_t i = 0; i < g->roles.n; i++)
				if (strcmp(g->roles.v[i], p->extension.role)) {
					role = g->roles.v[i];
					break;
				}
			extend(g, c, L, e, role);
			snprintf(c->detail, sizeof c->detail,
			    "extended by role '%s', expected '%s'", role,
			    p->extension.role);
		}
		break;
	case CF_GEN_SUP_TWICE:
	case CF_GEN_SUP_LATE: {
		int w = p->supplement.within;
		r = k == CF_GEN_SUP_LATE ? wd_before(g, a, w + 1)
		    : w > 0		 ? wd_before(g, a, 1 + (int)below(&g->rng,
							(uint64_t)w))
					 : a;
		if (r == CF_DAY_NONE || c->done < 0)
			return false;
		receive(g, c, r);
		if (k == CF_GEN_SUP_TWICE)
			notify(g, c, L, r);
		notify(g, c, L, a);
		snprintf(c->detail, sizeof c->detail,
		    k == CF_GEN_SUP_TWICE
			? "told what is missing twice"
			: "told what is missing on working day %d after "
			  "receipt, expected within %d",
		    w + 1, w);
		d = (cf_day)(c->done / 86400);
		break;
	}
	case CF_GEN_STATUTORY_LATE:
		if (c->q->statutory < 0 ||
		    !wd_after(g, a, c->q->statutory, &d) ||
		    !some_day_after(g, d, 3, &d))
			return false;
		snprintf(c->detail, sizeof c->detail,
		    "completed after the statutory limit of %d working days",
		    c->q->statutory);
		break;
	default:
		return false;
	}
	if (d > to)
		return false; /* it would be pending: not what is planted */
	if (k != CF_GEN_SUP_TWICE && k != CF_GEN_SUP_LATE)
		c->done = wall(d, work_time(g));
	return true;
}

/*
 * A case without a deviation whose procedure declares markers goes
 * through them lawfully: a pause among the limit's first days, an
 * extension within the limit, a notice of what is missing within
 * `within` working days of receipt; completed within what they allow,
 * before the end of the period (else it is left plain).
 */
static bool
lawful(struct gen *g, struct gcase *c, struct law *L)
{
	const struct cf_procedure *p = c->q->p;
	int n = c->q->committed;
	cf_day a = (cf_day)(c->acc / 86400), lo = a, o, cl, e, r, d;

	if (n < 1 || c->done < 0)
		return false;
	if (p->npauses > 0 && chance(&g->rng, 2, 3)) {
		size_t i = (size_t)below(&g->rng, p->npauses);
		if (!wd_after(g, a, (int)below(&g->rng, (uint64_t)n), &o) ||
		    !some_day_after(g, o, 5, &cl))
			return false;
		put_pause(g, c, i, o, cl);
		L->sp[L->nsp++] = (struct cf_span){ o, cl };
		lo = cl;
	}
	if (p->has_extension && (L->nsp == 0 || chance(&g->rng, 1, 3))) {
		if (!some_day_after(g, a, n, &e))
			return false;
		extend(g, c, L, e, NULL);
		if (e > lo)
			lo = e;
	}
	if (p->has_supplement && chance(&g->rng, 1, 3)) {
		int w = p->supplement.within;
		r = w > 0 ? wd_before(g, a, (int)below(&g->rng,
					    (uint64_t)w + 1))
			  : a;
		receive(g, c, r == CF_DAY_NONE ? a : r);
		notify(g, c, L, a);
	}
	if (L->nsp == 0 && L->next == 0)
		return L->nsup > 0;
	int cnt;
	if (law_deadline(g, c, L, n, &d) != 0 ||
	    cf_cal_count(g->cal, lo, d, &cnt) < 0 || cnt < 1) {
		cf_error_clear();
		return false;
	}
	if (!wd_after(g, lo, 1 + (int)below(&g->rng, (uint64_t)cnt), &d) ||
	    d > g->o->to)
		return false;
	c->done = wall(d, work_time(g));
	return true;
}

/* The law's kinds case c can carry (its on-time completion known). */
static size_t
law_kinds(struct gen *g, const struct gcase *c, int *kinds)
{
	const struct proc *q = c->q;
	const struct cf_procedure *p = q->p;
	cf_day a = (cf_day)(c->acc / 86400), pd, o, cl, ds;
	size_t n = 0;
	bool completed = c->done >= 0;

	if (!q->law || q->committed < 1 || !wd_after(g, a, q->committed, &pd))
		return 0;
	if (p->npauses > 0) {
		if (completed) {
			kinds[n++] = CF_GEN_PAUSED_LATE;
			kinds[n++] = CF_GEN_PAUSE_SAME_DAY;
			kinds[n++] = CF_GEN_PAUSE_END_ONLY;
			if (p->npauses > 1)
				kinds[n++] = CF_GEN_PAUSE_OVERLAP;
			if (holiday_span(g, a, q->committed, &o, &cl))
				kinds[n++] = CF_GEN_PAUSE_HOLIDAY;
		}
		if (pd < g->o->to)
			kinds[n++] = CF_GEN_PAUSE_OPEN;
	}
	if (p->has_extension && completed) {
		kinds[n++] = CF_GEN_EXT_DEADLINE_DAY;
		kinds[n++] = CF_GEN_EXT_LATE;
		kinds[n++] = CF_GEN_EXT_TWICE;
		if (g->roles.n > 0)
			kinds[n++] = CF_GEN_EXT_ROLE;
	}
	if (p->has_supplement && completed) {
		kinds[n++] = CF_GEN_SUP_TWICE;
		kinds[n++] = CF_GEN_SUP_LATE;
	}
	(void)ds;
	return n;
}

/* The checks a planted kind fails besides the time-limit law's. */
static void
base_expect(struct gcase *c)
{
	static const char *const check[CF_GEN_NKINDS] = {
		[CF_GEN_FEE] = "fee",
		[CF_GEN_MATERIAL] = "materials",
		[CF_GEN_ORDER] = "steps",
		[CF_GEN_REPEAT] = "steps",
		[CF_GEN_MISSING] = "steps",
		[CF_GEN_UNKNOWN] = "steps",
		[CF_GEN_ROLE] = "roles",
		[CF_GEN_FOUR_EYES] = "four-eyes",
		[CF_GEN_BEFORE_EFFECTIVE] = "in-force",
	};

	c->expect[0] = '\0';
	if (c->kind >= 0 && check[c->kind])
		expect_add(c, check[c->kind]);
}

/* Whether what the law's kind k was to show is what the case shows. */
static bool
law_as_planted(const struct gcase *c, int k)
{
	switch (k) {
	case CF_GEN_PAUSE_HOLIDAY:
	case CF_GEN_PAUSE_OPEN:
	case CF_GEN_EXT_DEADLINE_DAY:
		return c->expect[0] == '\0';
	case CF_GEN_EXT_LATE:
		return strstr(c->expect, "extension") &&
		    strstr(c->expect, "on-time");
	case CF_GEN_EXT_TWICE:
	case CF_GEN_EXT_ROLE:
		return strcmp(c->expect, "extension") == 0;
	case CF_GEN_SUP_TWICE:
	case CF_GEN_SUP_LATE:
		return strcmp(c->expect, "supplement") == 0;
	case CF_GEN_STATUTORY_LATE:
		return strstr(c->expect, "statutory-time") != NULL;
	default: /* the pause kinds that are late */
		return strncmp(c->expect, "on-time", 7) == 0;
	}
}

/* ---- evaluations (好差评, doc/cases.md "Synthetic logs") ---- */

#define REVIEW_WITHIN 15 /* bad-review's default limit, working days */

struct geval {
	int64_t rated, revisit, rectified; /* wall seconds; < 0: empty */
	int rating;
	const char *channel, *real_name;
};

static void
put_eval(struct gen *g, const struct gcase *c, const struct geval *e)
{
	struct cf_buf *b = &g->line;

	cf_buf_adds(b, c->id);
	cf_buf_addc(b, ',');
	put_wall(b, e->rated);
	cf_buf_addc(b, ',');
	cf_buf_addc(b, (char)('0' + e->rating));
	cf_buf_addc(b, ',');
	cf_buf_adds(b, e->channel);
	cf_buf_addc(b, ',');
	cf_buf_adds(b, e->real_name);
	cf_buf_addc(b, ',');
	if (e->revisit >= 0)
		put_wall(b, e->revisit);
	cf_buf_addc(b, ',');
	if (e->rectified >= 0)
		put_wall(b, e->rectified);
	cf_buf_addc(b, ',');
	/* The comment: none for most, a few fixed words (one with a
	 * comma, quoted) for some. */
	const char *w = "";
	if (e->rating >= 4 && below(&g->erng, 4) == 0)
		w = below(&g->erng, 2) ? "thank you" : "fast, friendly";
	else if (e->rating <= 2)
		w = below(&g->erng, 2) ? "waited too long" : "wrong form given";
	cf_csv_field(b, w);
	cf_buf_addc(b, '\n');
	g->counts->evaluations++;
}

/* A channel and its real_name: the window's evaluator is anonymous,
 * the app, the web and the 12345 hotline know the applicant; one in
 * ten not recorded. */
static void
draw_channel(struct gen *g, struct geval *e, const char *not)
{
	static const char *const ch[] = { "window", "window", "window",
		"window", "app", "app", "app", "web", "12345", "12345" };

	do
		e->channel = ch[below(&g->erng, CF_ARRAY_LEN(ch))];
	while (not && strcmp(e->channel, not) == 0);
	e->real_name = below(&g->erng, 10) == 0 ? ""
	    : strcmp(e->channel, "window") == 0 ? "no"
						: "yes";
}

/* A rating: 5 for most, 4, 3 for some, 2 or 1 for a few. */
static int
draw_rating(struct gen *g)
{
	uint64_t r = below(&g->erng, 100);

	return r < 62 ? 5 : r < 85 ? 4 : r < 94 ? 3 : r < 97 ? 2 : 1;
}

/* At a working-hours time of the n-th working day after d (< 0 when
 * the calendar does not reach). */
static int64_t
at_workday(struct gen *g, cf_day d, int n)
{
	cf_day x;

	return wd_after(g, d, n, &x) ? wall(x, work_time_of(&g->erng)) : -1;
}

/* A plain evaluation: a bad one rectified and revisited (anonymous
 * ones too: the platform has a number) within the limit. */
static void
plain_eval(struct gen *g, struct geval *e)
{
	cf_day rd = (cf_day)(e->rated / 86400);

	e->rating = draw_rating(g);
	e->revisit = e->rectified = -1;
	if (e->rating <= 2) {
		e->rectified = at_workday(g, rd,
		    1 + (int)below(&g->erng, REVIEW_WITHIN));
		e->revisit = at_workday(g, rd,
		    1 + (int)below(&g->erng, REVIEW_WITHIN));
	}
}

/*
 * The evaluation kinds of a case rated on rd: the five that need a due
 * evaluation (its 15th working day before --to), or the two that need
 * one not yet due.  *dl is the deadline, CF_DAY_NONE past the calendars.
 */
static size_t
review_kinds(struct gen *g, cf_day rd, cf_day *dl, int *kinds)
{
	size_t n = 0;

	if (!wd_after(g, rd, REVIEW_WITHIN, dl))
		*dl = CF_DAY_NONE;
	if (*dl != CF_DAY_NONE && *dl < g->o->to) {
		cf_day late;
		if (wd_after(g, *dl, 1, &late) && late <= g->o->to)
			kinds[n++] = CF_GEN_REVIEW_LATE;
		kinds[n++] = CF_GEN_REVIEW_NO_REVISIT;
		kinds[n++] = CF_GEN_REVIEW_ANONYMOUS;
		kinds[n++] = CF_GEN_REVIEW_REVISIT_AFTER_TO;
		kinds[n++] = CF_GEN_REVIEW_DEADLINE_DAY;
	} else {
		kinds[n++] = CF_GEN_REVIEW_NOT_DUE;
		kinds[n++] = CF_GEN_REVIEW_RATED_AFTER_TO;
	}
	return n;
}

/* Plants kind k on the evaluation e of case c (deadline dl). */
static void
plant_review(struct gen *g, struct gcase *c, struct geval *e, int k, cf_day dl)
{
	cf_day rd = (cf_day)(e->rated / 86400), to = g->o->to, x;
	char a[11], b[11];
	int n;

	e->rating = 1 + (int)below(&g->erng, 2);
	e->revisit = e->rectified = -1;
	if (k == CF_GEN_REVIEW_NO_REVISIT || k == CF_GEN_REVIEW_REVISIT_AFTER_TO ||
	    k == CF_GEN_REVIEW_NOT_DUE) {
		draw_channel(g, e, "window");
		e->real_name = "yes";
	} else if (k == CF_GEN_REVIEW_ANONYMOUS) {
		e->channel = "window";
		e->real_name = "no";
	}
	if (k != CF_GEN_REVIEW_NOT_DUE && k != CF_GEN_REVIEW_RATED_AFTER_TO)
		e->rectified = at_workday(g, rd,
		    1 + (int)below(&g->erng, REVIEW_WITHIN));
	cf_day_format(dl == CF_DAY_NONE ? to : dl, b);
	switch (k) {
	case CF_GEN_REVIEW_LATE:
		/* Rectified 1 to 3 working days late, by --to. */
		n = 1 + (int)below(&g->erng, 3);
		while (n > 1 && (!wd_after(g, dl, n, &x) || x > to))
			n--;
		e->rectified = at_workday(g, dl, n);
		e->revisit = at_workday(g, rd,
		    1 + (int)below(&g->erng, REVIEW_WITHIN));
		cf_day_format((cf_day)(e->rectified / 86400), a);
		snprintf(c->detail, sizeof c->detail,
		    "bad review rectified on %s, %d working day%s after its "
		    "deadline %s",
		    a, n, n > 1 ? "s" : "", b);
		expect_add(c, "bad-review");
		break;
	case CF_GEN_REVIEW_NO_REVISIT:
		snprintf(c->detail, sizeof c->detail,
		    "real-name bad review rectified, never revisited (due %s)",
		    b);
		expect_add(c, "bad-review");
		break;
	case CF_GEN_REVIEW_ANONYMOUS:
		snprintf(c->detail, sizeof c->detail,
		    "anonymous bad review rectified, not revisited (due %s): "
		    "passes bad-review, fails it with revisit=\"all\"",
		    b);
		break;
	case CF_GEN_REVIEW_NOT_DUE:
		snprintf(c->detail, sizeof c->detail,
		    dl == CF_DAY_NONE
			? "bad review neither rectified nor revisited, due "
			  "after --to: not yet due, not judged"
			: "bad review neither rectified nor revisited, due %s, "
			  "on or after --to: not yet due, not judged",
		    b);
		break;
	case CF_GEN_REVIEW_REVISIT_AFTER_TO:
		e->revisit = wall(to + 1 + (cf_day)below(&g->erng, 10),
		    work_time_of(&g->erng));
		cf_day_format((cf_day)(e->revisit / 86400), a);
		snprintf(c->detail, sizeof c->detail,
		    "real-name bad review revisited on %s, after --to: an "
		    "audit of the period does not see it (due %s)",
		    a, b);
		expect_add(c, "bad-review");
		break;
	case CF_GEN_REVIEW_RATED_AFTER_TO:
		e->rated = wall(to + 1 + (cf_day)below(&g->erng, 10),
		    work_time_of(&g->erng));
		e->rating = 1;
		cf_day_format((cf_day)(e->rated / 86400), a);
		snprintf(c->detail, sizeof c->detail,
		    "rated 1 on %s, after --to: an audit of the period does "
		    "not see it",
		    a);
		break;
	case CF_GEN_REVIEW_DEADLINE_DAY:
		/* In the evening of the deadline day: the end of the day
		 * counts. */
		e->rectified = wall(dl, 20 * 3600 + (int)below(&g->erng, 3600));
		e->revisit = wall(dl, 22 * 3600 + (int)below(&g->erng, 7199));
		snprintf(c->detail, sizeof c->detail,
		    "bad review rectified and revisited in the evening of its "
		    "deadline %s: in time",
		    b);
		break;
	default:
		break;
	}
}

/*
 * The evaluations of case c (before write_case: a planted one names the
 * case in planted.csv): a completed case is rated with the share of
 * --rated soon after its completion, some a second time on another
 * channel; one without a deviation of its own may carry one in its
 * evaluation.
 */
static int
rate_case(struct gen *g, struct gcase *c)
{
	struct geval e = { 0 }, e2;
	int kinds[8];
	cf_day dl;

	if (c->done < 0 ||
	    !chance(&g->erng, (uint64_t)g->o->rated_permille, 1000))
		return 0;
	g->counts->rated++;
	e.rated = c->done + 60 + (int64_t)below(&g->erng, 7200);
	if (e.rated / 86400 != c->done / 86400)
		e.rated = c->done + 1;
	draw_channel(g, &e, NULL);
	if (c->kind < 0 &&
	    chance(&g->erng, (uint64_t)g->o->deviation_permille, 1000)) {
		size_t n = review_kinds(g, (cf_day)(e.rated / 86400), &dl,
		    kinds);
		c->kind = kinds[below(&g->erng, n)];
		plant_review(g, c, &e, c->kind, dl);
		put_eval(g, c, &e);
		return flush_line(g, g->evals);
	}
	plain_eval(g, &e);
	put_eval(g, c, &e);
	if (below(&g->erng, 16) == 0) {
		e2 = e;
		e2.rated = e.rated + 600 + (int64_t)below(&g->erng, 3000);
		draw_channel(g, &e2, e.channel);
		plain_eval(g, &e2);
		put_eval(g, c, &e2);
	}
	return flush_line(g, g->evals);
}

static int
one_case(struct gen *g, uint64_t no, cf_day day, int secs)
{
	struct gcase c;
	int kinds[CF_GEN_NKINDS];
	bool ok;

	memset(&c, 0, sizeof c);
	c.kind = -1;
	c.drop_material = -1;
	c.q = pick_proc(g, day);
	if (c.q == NULL)
		return cf_error_set(CF_EINVALID,
		    "no procedure in force on the first days of the period, "
		    "expected effective-from dates before --to");
	bool deviates = chance(&g->rng, (uint64_t)g->o->deviation_permille,
	    1000);
	/*
	 * A case accepted before its procedure came into force can only be
	 * a case of a procedure that comes into force during the period:
	 * one deviating case in CASE_KINDS becomes one (its procedure is
	 * settled here, before anything depends on it), so that every
	 * kind is planted about as often.
	 */
	struct proc *late = NULL;
	if (deviates && below(&g->rng, CASE_KINDS) == 0)
		for (size_t i = 0; i < g->nprocs && late == NULL; i++) {
			cf_day d = workday_before(g,
			    g->procs[i].p->effective_from);
			if (d != CF_DAY_NONE && d >= g->o->from)
				late = &g->procs[i];
		}
	if (late)
		c.q = late;
	c.acc = wall(day, secs);
	if (!complete_within(g, c.acc, c.q->committed, 0, &c.done) ||
	    c.done >= wall(g->o->to + 1, 0))
		c.done = -1; /* not completed by the end of the period */
	c.online = chance(&g->rng, 1, 4);
	c.has_fee = c.q->p->has_fee && c.q->p->fee_fen >= 0;
	c.fee_fen = c.has_fee ? c.q->p->fee_fen : 0;
	/* Received an hour or less before the acceptance; not recorded
	 * for one case in eight. */
	c.recv = chance(&g->rng, 1, 8) ? -1
				       : c.acc - (int64_t)below(&g->rng, 3600);
	if (late)
		c.kind = CF_GEN_BEFORE_EFFECTIVE;
	else if (deviates) {
		size_t n = applicable(g, &c, kinds);
		int lk[CF_GEN_NKINDS];
		size_t nl = law_kinds(g, &c, lk), hol = nl;
		for (size_t i = 0; i < nl; i++)
			if (lk[i] == CF_GEN_PAUSE_HOLIDAY)
				hol = i;
		/* A procedure with markers is where the law's kinds can
		 * be planted: mostly those; a Spring Festival is rare. */
		if (nl && chance(&g->rng, 5, 6))
			c.kind = hol < nl && chance(&g->rng, 1, 2)
			    ? CF_GEN_PAUSE_HOLIDAY
			    : lk[below(&g->rng, nl)];
		else if (n)
			c.kind = kinds[below(&g->rng, n)];
	}
	/* Deviations of the case itself, before its steps. */
	switch (c.kind) {
	case CF_GEN_LATE:
		if (!complete_within(g, c.acc, c.q->committed,
			1 + (int)below(&g->rng, 3), &c.done))
			c.kind = -1;
		else
			snprintf(c.detail, sizeof c.detail,
			    "completed after the limit of %d working days",
			    c.q->committed);
		break;
	case CF_GEN_FEE: {
		char a[32], b[32];
		c.fee_fen += c.fee_fen ? 1000 : 500;
		cf_amount_format(c.fee_fen, a, sizeof a);
		cf_amount_format(c.q->p->fee_fen, b, sizeof b);
		snprintf(c.detail, sizeof c.detail, "fee %s, expected %s", a,
		    b);
		break;
	}
	case CF_GEN_MATERIAL: {
		size_t nreq = 0;
		for (size_t m = 0; m < c.q->p->nmaterials; m++)
			nreq += c.q->p->materials[m].required;
		c.drop_material = (int)below(&g->rng, nreq);
		for (size_t m = 0, r = 0; m < c.q->p->nmaterials; m++)
			if (c.q->p->materials[m].required &&
			    (int)r++ == c.drop_material)
				snprintf(c.detail, sizeof c.detail,
				    "required material '%s' missing",
				    c.q->p->materials[m].id);
		break;
	}
	case CF_GEN_BEFORE_EFFECTIVE: {
		cf_day d = workday_before(g, c.q->p->effective_from);
		char eff[11];
		if (d == CF_DAY_NONE) {
			c.kind = -1;
			break;
		}
		c.acc = wall(d, work_time(g));
		if (!complete_within(g, c.acc, c.q->committed, 0, &c.done))
			c.done = -1;
		cf_day_format(c.q->p->effective_from, eff);
		snprintf(c.detail, sizeof c.detail,
		    "accepted before effective-from %s", eff);
		break;
	}
	case CF_GEN_PENDING_LATE: {
		char dl[11];
		cf_day d = deadline_of(g, day, c.q->committed, &ok);
		c.done = -1;
		cf_day_format(d, dl);
		snprintf(c.detail, sizeof c.detail,
		    "pending after its deadline %s", dl);
		break;
	}
	default:
		break;
	}
	/* A case moved before its procedure's effective-from was
	 * received when it was accepted. */
	if (c.recv > c.acc)
		c.recv = c.acc - (int64_t)below(&g->rng, 3600);
	/* The time-limit law: a planted kind, or lawful markers. */
	struct law L = { .ext = CF_DAY_NONE, .ext_role_ok = true };
	int64_t done0 = c.done, recv0 = c.recv;
	bool law_kind = c.kind >= CF_GEN_PAUSED_LATE;
	bool planted = false;
	if (law_kind)
		planted = plant_law(g, &c, c.kind, &L);
	else if (c.kind < 0 && c.q->law &&
	    chance(&g->rng, (uint64_t)g->o->paused_permille, 1000))
		planted = lawful(g, &c, &L);
	base_expect(&c);
	if (planted &&
	    (!law_expect(g, &c, &L) ||
		(law_kind ? !law_as_planted(&c, c.kind) : c.expect[0] != 0))) {
		c.expect[0] = '\0';
		planted = false;
	}
	if ((law_kind || c.kind < 0) && !planted) {
		/* Left plain. */
		memset(&L, 0, sizeof L);
		L.ext = CF_DAY_NONE;
		L.ext_role_ok = true;
		c.nmk = 0;
		c.done = done0;
		c.recv = recv0;
		if (law_kind) {
			c.kind = -1;
			c.detail[0] = '\0';
		}
		base_expect(&c);
		if (!law_expect(g, &c, &L))
			c.expect[0] = '\0';
	} else if (!law_kind && c.kind != CF_GEN_BEFORE_EFFECTIVE &&
	    !law_expect(g, &c, &L)) {
		/* on-time and statutory-time of the other kinds: a limit
		 * past the calendars fails neither. */
		base_expect(&c);
	}
	/* The id carries the acceptance day and the case number. */
	{
		char ymd[11];
		cf_day_format((cf_day)(c.acc / 86400), ymd);
		snprintf(c.id, sizeof c.id, "DF%.4s%.2s%.2s-%07llu", ymd,
		    ymd + 5, ymd + 8, (unsigned long long)no);
	}
	build_steps(g, &c);
	if (c.kind >= 0)
		plant_events(g, &c, c.kind);
	if (c.kind == CF_GEN_PENDING_LATE || c.kind == CF_GEN_PAUSE_OPEN) {
		/* Stopped after the first steps. */
		if (c.nev > 2)
			c.nev = 2;
		set_times(g, &c, c.acc + 3600 * (int64_t)c.nev);
	} else if (c.done >= 0)
		set_times(g, &c, c.done);
	else
		set_times_pending(g, &c);
	/* The markers among the steps, by time. */
	for (size_t i = 0; i < c.nmk; i++) {
		size_t at = 0;
		while (at < c.nev && c.ev[at].wall <= c.mk[i].wall)
			at++;
		insert_event(&c, at, &c.mk[i]);
	}
	if (c.done >= 0 && c.nev > 0 && c.ev[c.nev - 1].wall > c.done)
		c.done = c.ev[c.nev - 1].wall;
	int rc = rate_case(g, &c);
	return rc < 0 ? rc : write_case(g, &c);
}

static FILE *
open_out(struct gen *g, const char *name, const char *header, int *rc)
{
	char *path = cf_path_join(g->o->dir, name);
	FILE *f = fopen(path, "w");

	if (f == NULL) {
		*rc = cf_error_set(CF_ERROR, "cannot create '%s': %s", path,
		    strerror(errno));
		free(path);
		return NULL;
	}
	setvbuf(f, NULL, _IOFBF, 1 << 16);
	free(path);
	if (fputs(header, f) < 0)
		*rc = cf_error_set(CF_ERROR, "cannot write '%s'", name);
	return f;
}

static int
close_out(FILE *f, const char *name, int rc)
{
	if (f == NULL)
		return rc;
	if (fclose(f) != 0 && rc == 0)
		rc = cf_error_set(CF_ERROR, "cannot write '%s': %s", name,
		    strerror(errno));
	return rc;
}

int
cf_gen_run(const struct cf_gen_opts *o, const struct cf_procedure *const *procs,
    size_t nprocs, const struct cf_cal *cal, struct cf_tz *tz,
    struct cf_gen_counts *out)
{
	struct gen g = { 0 };
	int rc = 0;

	memset(out, 0, sizeof *out);
	g.o = o;
	g.cal = cal;
	g.tz = tz;
	g.counts = out;
	cf_buf_init(&g.line);
	seed_rng(&g.rng, o->seed ? o->seed : "");
	{
		char *es = cf_xasprintf("%s/evaluations", o->seed ? o->seed : "");
		seed_rng(&g.erng, es);
		free(es);
	}
	if ((rc = setup_procs(&g, procs, nprocs)) < 0 ||
	    (rc = setup_days(&g)) < 0)
		goto out;
	if ((rc = cf_mkdirs(o->dir, 0755)) < 0)
		goto out;
	g.cases = open_out(&g, "cases.csv",
	    "case_id,procedure_id,accepted_at,completed_at,fee_charged,"
	    "materials,window,channel,received_at\n",
	    &rc);
	if (rc == 0)
		g.events = open_out(&g, "events.csv",
		    "case_id,activity,timestamp,actor,role\n", &rc);
	if (rc == 0)
		g.planted = open_out(&g, "planted.csv",
		    "case_id,kind,detail,expect\n", &rc);
	if (rc == 0)
		g.evals = open_out(&g, "evaluations.csv",
		    "case_id,rated_at,rating,channel,real_name,revisit_at,"
		    "rectified_at,comment\n",
		    &rc);
	/* Day k of the period takes cases [k*N/D, (k+1)*N/D). */
	for (size_t k = 0; k < g.ndays && rc == 0; k++) {
		uint64_t lo = o->ncases * k / g.ndays;
		uint64_t hi = o->ncases * (k + 1) / g.ndays;
		for (uint64_t no = lo; no < hi && rc == 0; no++)
			rc = one_case(&g, no + 1, g.days[k],
			    slot_time(&g, no - lo, hi - lo));
	}
out:
	rc = close_out(g.cases, "cases.csv", rc);
	rc = close_out(g.events, "events.csv", rc);
	rc = close_out(g.planted, "planted.csv", rc);
	rc = close_out(g.evals, "evaluations.csv", rc);
	for (size_t i = 0; i < g.nprocs; i++)
		free(g.procs[i].role_of_step);
	free(g.procs);
	free(g.cumw);
	free(g.days);
	cf_strv_release(&g.roles);
	cf_buf_release(&g.line);
	return rc;
}
