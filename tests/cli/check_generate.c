/* SPDX-License-Identifier: MIT */
/*
 * check_generate.c - the synthetic case logs (cli/generate.c): the
 * same seed gives the same bytes, every kind of deviation is planted,
 * the files import, and - the point of planted.csv - each case is
 * judged here with simple versions of the audit's rules: a case without
 * a planted deviation passes all of them, and a case with one fails
 * exactly the rule of its kind.  The evaluations are judged from
 * evaluations.csv itself, as of the end of the year, by bad-review's
 * rule with its defaults, counted day by day.
 */
#include "conform.h"
#include "calendar.h"
#include "caseset.h"
#include "check_suites.h"
#include "check_util.h"
#include "csv.h"
#include "docset.h"
#include "document.h"
#include "generate.h"
#include "import.h"
#include "reader.h"
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const names[] = { "P-BIZ-001", "P-BIZ-002", "P-BIZ-003",
	"P-CIV-001", "P-CIV-002", "P-CON-001", "P-CON-002", "P-HEA-001",
	"P-HR-001", "P-HR-002", "P-PSB-001", "P-RE-001", "P-RE-002",
	"P-TAX-001", "P-TRA-001", "P-TRA-002" };

static struct cf_doc *docs[CF_ARRAY_LEN(names)];
static const struct cf_procedure *procs[CF_ARRAY_LEN(names)];
static struct cf_cal *cal;
static struct cf_tz *tz;

static void
setup(void)
{
	struct cf_diags d = CF_DIAGS_INIT;

	tmp_setup();
	for (size_t i = 0; i < CF_ARRAY_LEN(names); i++) {
		char rel[64];
		snprintf(rel, sizeof rel, "procedures/%s.xml", names[i]);
		ck_assert_int_eq(cf_doc_load_file(&docs[i], example_path(rel),
				     rel, &d),
		    0);
		procs[i] = &docs[i]->u.proc;
	}
	cf_diags_release(&d);
	ck_assert_int_eq(cf_docset_calendar(NULL, &cal), 0);
	ck_assert_int_eq(cf_tz_open(&tz, "Asia/Shanghai"), 0);
}

static void
teardown(void)
{
	for (size_t i = 0; i < CF_ARRAY_LEN(names); i++)
		cf_doc_free(docs[i]);
	cf_cal_free(cal);
	cf_tz_free(tz);
	tmp_teardown();
}

static cf_day
D(const char *s)
{
	cf_day d;

	ck_assert_int_eq(cf_day_parse(&d, s, strlen(s)), 0);
	return d;
}

static void
gen(const char *dir, const char *seed, uint64_t n, int permille,
    struct cf_gen_counts *c)
{
	struct cf_gen_opts o = { .ncases = n, .seed = seed,
		.deviation_permille = permille, .from = D("2026-01-01"),
		.to = D("2026-12-31"), .dir = dir, .paused_permille = 300,
		.rated_permille = 600 };

	ck_assert_int_eq(cf_gen_run(&o, procs, CF_ARRAY_LEN(procs), cal, tz, c),
	    0);
}

static bool
same_file(const char *a, const char *b)
{
	return run("cmp -s '%s' '%s'", a, b) == 0;
}

START_TEST(test_deterministic)
{
	struct cf_gen_counts a, b, c;
	const char *files[] = { "cases.csv", "events.csv", "planted.csv",
		"evaluations.csv" };

	gen(tmp_path("a"), "s1", 3000, 30, &a);
	gen(tmp_path("b"), "s1", 3000, 30, &b);
	gen(tmp_path("c"), "s2", 3000, 30, &c);
	ck_assert(memcmp(&a, &b, sizeof a) == 0);
	for (size_t i = 0; i < CF_ARRAY_LEN(files); i++) {
		char pa[4096], pb[4096], pc[4096];
		snprintf(pa, sizeof pa, "%s/%s", tmp_path("a"), files[i]);
		snprintf(pb, sizeof pb, "%s/%s", tmp_path("b"), files[i]);
		snprintf(pc, sizeof pc, "%s/%s", tmp_path("c"), files[i]);
		ck_assert_msg(same_file(pa, pb), "%s differs", files[i]);
		ck_assert_msg(!same_file(pa, pc), "%s same for two seeds",
		    files[i]);
	}
	ck_assert_int_eq(a.cases, 3000);
	/* Some cases are still open at the end of the year. */
	ck_assert_int_gt(a.pending, 0);
	ck_assert_int_lt(a.pending, 300);
	/* About 3.5 events per case. */
	ck_assert_int_gt(a.events, 3000 * 3);
	ck_assert_int_lt(a.events, 3000 * 9 / 2);
}
END_TEST

/* ---- the judge ---- */

static const struct cf_procedure *
proc_of(const char *id)
{
	for (size_t i = 0; i < CF_ARRAY_LEN(procs); i++)
		if (strcmp(procs[i]->id, id) == 0)
			return procs[i];
	return NULL;
}

static int
step_of(const struct cf_procedure *p, const char *activity)
{
	for (size_t s = 0; s < p->nsteps; s++)
		if (strcmp(p->steps[s].activity, activity) == 0)
			return (int)s;
	return -1;
}

/* A marker of the time-limit law: no step (doc/checks.md). */
static bool
is_marker(const struct cf_procedure *p, const char *a)
{
	for (size_t i = 0; i < p->npauses; i++)
		if (!strcmp(p->pauses[i].start, a) || !strcmp(p->pauses[i].end, a))
			return true;
	return (p->has_extension && !strcmp(p->extension.activity, a)) ||
	    (p->has_supplement && !strcmp(p->supplement.activity, a));
}

/* Left-to-right matching of doc/checks.md `steps`: true when they follow. */
static bool
steps_ok(const struct cf_case *c, const struct cf_procedure *p)
{
	int last = -1;

	for (size_t i = 0; i < c->nevents; i++) {
		int k = step_of(p, c->events[i].activity);
		if (k < 0 && is_marker(p, c->events[i].activity))
			continue;
		if (k < 0) {
			if (p->steps_open)
				continue;
			return false;
		}
		if (k == last) {
			if (!p->steps[k].repeatable)
				return false;
			continue;
		}
		if (k < last)
			return false;
		for (int j = last + 1; j < k; j++)
			if (!p->steps[j].optional)
				return false;
		last = k;
	}
	for (size_t j = (size_t)(last + 1); j < p->nsteps; j++)
		if (!p->steps[j].optional)
			return false;
	return true;
}

static bool
roles_ok(const struct cf_case *c, const struct cf_procedure *p)
{
	for (size_t i = 0; i < c->nevents; i++) {
		int k = step_of(p, c->events[i].activity);
		if (k >= 0 && c->events[i].role && p->steps[k].role &&
		    strcmp(c->events[i].role, p->steps[k].role) != 0)
			return false;
	}
	return true;
}

static bool
four_eyes_ok(const struct cf_case *c, const struct cf_procedure *p)
{
	for (size_t s = 0; s < p->nsteps; s++) {
		if (p->steps[s].nsa < 0)
			continue;
		for (size_t i = 0; i < c->nevents; i++)
			for (size_t j = 0; j < c->nevents; j++)
				if (step_of(p, c->events[i].activity) ==
					(int)s &&
				    step_of(p, c->events[j].activity) ==
					p->steps[s].nsa &&
				    c->events[i].actor && c->events[j].actor &&
				    strcmp(c->events[i].actor,
					c->events[j].actor) == 0)
					return false;
	}
	return true;
}

static bool
materials_ok(const struct cf_case *c, const struct cf_procedure *p)
{
	for (size_t m = 0; m < p->nmaterials; m++) {
		bool have = false;
		if (!p->materials[m].required)
			continue;
		for (size_t k = 0; k < c->nmaterials; k++)
			have |= strcmp(c->materials[k], p->materials[m].id) ==
			    0;
		if (!have)
			return false;
	}
	return true;
}

/* ---- the time-limit law, day by day (doc/working-days.md) ---- */

struct iv {
	cf_day from, to; /* paused: from < d <= to; to = CF_DAY_OPEN */
};

/* The pauses of the case, each as the log opens and closes it. */
static size_t
pauses_of(const struct cf_case *c, const struct cf_procedure *p,
    struct iv *iv, size_t max)
{
	cf_day open[8];
	size_t n = 0;

	ck_assert_uint_le(p->npauses, 8);
	for (size_t k = 0; k < p->npauses; k++)
		open[k] = CF_DAY_NONE;
	for (size_t i = 0; i < c->nevents; i++) {
		const struct cf_event *e = &c->events[i];
		if (c->completed && cf_time_cmp(&e->ts, &c->completed_at) > 0)
			break;
		for (size_t k = 0; k < p->npauses; k++) {
			cf_day d = cf_tz_day(tz, e->ts.sec);
			if (open[k] == CF_DAY_NONE &&
			    !strcmp(e->activity, p->pauses[k].start))
				open[k] = d;
			else if (open[k] != CF_DAY_NONE &&
			    !strcmp(e->activity, p->pauses[k].end)) {
				ck_assert_uint_lt(n, max);
				iv[n++] = (struct iv){ open[k], d };
				open[k] = CF_DAY_NONE;
			}
		}
	}
	for (size_t k = 0; k < p->npauses; k++)
		if (open[k] != CF_DAY_NONE) {
			ck_assert_uint_lt(n, max);
			iv[n++] = (struct iv){ open[k],
				c->completed ? cf_tz_day(tz, c->completed_at.sec)
					     : CF_DAY_OPEN };
		}
	return n;
}

/* The n-th unpaused working day after a, walking day by day: 0 found,
 * 1 no deadline yet (an open pause), -1 a year no calendar covers. */
static int
walk_deadline(cf_day a, int n, const struct iv *iv, size_t niv, cf_day *out)
{
	int k = 0;

	if (n == 0) {
		*out = a;
		return 0;
	}
	for (cf_day d = a + 1;; d++) {
		bool paused = false, open = false, w;
		for (size_t i = 0; i < niv; i++)
			if (iv[i].from < d && d <= iv[i].to) {
				paused = true;
				open |= iv[i].to == CF_DAY_OPEN;
			}
		if (open)
			return 1;
		if (paused)
			continue;
		if (cf_cal_is_workday(cal, d, &w) < 0) {
			cf_error_clear();
			return -1;
		}
		if (w && ++k == n) {
			*out = d;
			return 0;
		}
	}
}

/* The first event of `activity` up to the completion and their count. */
static const struct cf_event *
first_of(const struct cf_case *c, const char *activity, int *count)
{
	const struct cf_event *first = NULL;

	*count = 0;
	for (size_t i = 0; i < c->nevents; i++) {
		const struct cf_event *e = &c->events[i];
		if (c->completed && cf_time_cmp(&e->ts, &c->completed_at) > 0)
			break;
		if (strcmp(e->activity, activity) == 0 && (*count)++ == 0)
			first = e;
	}
	return first;
}

/* The limit of n with the extension counted as the law says. */
static int
limit_end(const struct cf_case *c, const struct cf_procedure *p, int n,
    const struct iv *iv, size_t niv, cf_day *due)
{
	cf_day a = cf_tz_day(tz, c->accepted.sec);
	int rc = walk_deadline(a, n, iv, niv, due), count = 0;
	const struct cf_event *x = p->has_extension
	    ? first_of(c, p->extension.activity, &count)
	    : NULL;

	if (x && (rc == 1 || (rc == 0 && cf_tz_day(tz, x->ts.sec) <= *due)))
		rc = walk_deadline(a, n + p->extension.days, iv, niv, due);
	return rc;
}

enum judged {
	J_ON_TIME, J_STATUTORY, J_EXTENSION, J_SUPPLEMENT, J_FEE,
	J_MATERIALS, J_STEPS, J_ROLES, J_FOUR_EYES, J_IN_FORCE, J_BAD_REVIEW,
	J_N
};
static const char *const judged_names[J_N] = { "on-time", "statutory-time",
	"extension", "supplement", "fee", "materials", "steps", "roles",
	"four-eyes", "in-force", "bad-review" };

/* planted.csv's expect ("on-time;statutory-time") as a set. */
static uint32_t
expect_set(const char *s)
{
	uint32_t set = 0;

	while (s && *s) {
		size_t n = strcspn(s, ";");
		int k;
		for (k = 0; k < J_N; k++)
			if (strlen(judged_names[k]) == n &&
			    !strncmp(s, judged_names[k], n))
				break;
		ck_assert_msg(k < J_N, "unknown check in expect: %s", s);
		set |= 1u << k;
		s += n + (s[n] == ';');
	}
	return set;
}

/* The checks case c fails, judged here without the audit's code. */
static uint32_t
judge(const struct cf_case *c, const struct cf_procedure *p, cf_day to)
{
	struct iv iv[64];
	size_t niv = pauses_of(c, p, iv, CF_ARRAY_LEN(iv));
	cf_day acc = cf_tz_day(tz, c->accepted.sec), due = 0, dues = 0;
	uint32_t set = 0;
	int rn, rs = -1, count;

	if (acc < p->effective_from)
		return 1u << J_IN_FORCE; /* the rest is error: no version */
	rn = limit_end(c, p, p->committed, iv, niv, &due);
	if (p->statutory >= 0)
		rs = limit_end(c, p, p->statutory, iv, niv, &dues);
	if (c->completed) {
		cf_day done = cf_tz_day(tz, c->completed_at.sec);
		if (rn == 0 && done > due)
			set |= 1u << J_ON_TIME;
		if (rs == 0 && done > dues)
			set |= 1u << J_STATUTORY;
		if (!c->fee_recorded || c->fee_fen != p->fee_fen)
			set |= 1u << J_FEE;
		if (!materials_ok(c, p))
			set |= 1u << J_MATERIALS;
		if (!steps_ok(c, p))
			set |= 1u << J_STEPS;
		if (!roles_ok(c, p))
			set |= 1u << J_ROLES;
		if (!four_eyes_ok(c, p))
			set |= 1u << J_FOUR_EYES;
	} else if (rn == 0 && due < to) {
		set |= 1u << J_ON_TIME;
		if (rs == 0 && dues < to)
			set |= 1u << J_STATUTORY;
	}
	if (p->has_extension) {
		const struct cf_event *x = first_of(c, p->extension.activity,
		    &count);
		cf_day d0;
		if (x &&
		    ((walk_deadline(acc, p->committed, iv, niv, &d0) == 0 &&
			 cf_tz_day(tz, x->ts.sec) > d0) ||
			(x->role && strcmp(x->role, p->extension.role)) ||
			count > 1))
			set |= 1u << J_EXTENSION;
	}
	if (p->has_supplement) {
		const struct cf_event *x = first_of(c,
		    p->supplement.activity, &count);
		cf_day last;
		if (x &&
		    (count > 1 ||
			(c->received &&
			    walk_deadline(cf_tz_day(tz, c->received_at.sec),
				p->supplement.within, NULL, 0, &last) == 0 &&
			    cf_tz_day(tz, x->ts.sec) > last)))
			set |= 1u << J_SUPPLEMENT;
	}
	return set;
}

/* ---- bad-review, day by day (doc/checks.md, with its defaults) ---- */

/* What the evaluations of one case come to: bit 0 a due bad one, bit 1
 * one not handled (bad-review fails), bit 2 one not handled when every
 * bad one must be revisited (revisit="all"); bits 8 on: the
 * evaluations an audit of the period sees. */
enum { EV_DUE = 1, EV_FAIL = 2, EV_FAIL_ALL = 4 };

/* A local time of the file as its day; false for an empty cell. */
static bool
day_of(const char *s, cf_day *d)
{
	if (s == NULL || *s == '\0')
		return false;
	ck_assert_int_eq(cf_day_parse(d, s, 10), 0);
	return true;
}

/*
 * One row of evaluations.csv judged as the audit at the end of `to`
 * must: seen when rated on or before `to`; a revisit or rectification
 * after `to` is not set; bad when rated 2 or less; due when its 15th
 * working day after the rated day comes before `to` (counted day by
 * day, the days after `to` never needed); handled when rectified, and
 * revisited if real-name (or always, for revisit="all"), each on or
 * before that day.
 */
static uint32_t
judge_eval(struct cf_csv *csv, cf_day to, bool *seen)
{
	cf_day rd, dl = 0, rv, rc;
	int rating = atoi(cf_csv_value(csv, 2, NULL)), k = 0;
	bool due = false, w, has_rv, has_rc, real;
	uint32_t v = 0;

	ck_assert(day_of(cf_csv_value(csv, 1, NULL), &rd));
	ck_assert_int_ge(rating, 1);
	ck_assert_int_le(rating, 5);
	*seen = rd <= to;
	if (!*seen || rating > 2)
		return 0;
	for (cf_day d = rd + 1; d < to && !due; d++) {
		ck_assert_int_eq(cf_cal_is_workday(cal, d, &w), 0);
		if (w && ++k == 15) {
			due = true;
			dl = d;
		}
	}
	if (!due)
		return 0;
	has_rv = day_of(cf_csv_value(csv, 5, NULL), &rv) && rv <= to;
	has_rc = day_of(cf_csv_value(csv, 6, NULL), &rc) && rc <= to;
	real = strcmp(cf_csv_value(csv, 4, NULL), "yes") == 0;
	v = EV_DUE;
	if (!has_rc || rc > dl || (real && (!has_rv || rv > dl)))
		v |= EV_FAIL;
	if (!has_rc || rc > dl || !has_rv || rv > dl)
		v |= EV_FAIL_ALL;
	return v;
}

/* evaluations.csv judged case by case: entry line = the bits above,
 * with the number of evaluations seen from bit 8 on. */
static struct cf_caseset *
load_evaluations(const char *dir, cf_day to, int64_t *rows, int64_t *good,
    int64_t *nseen)
{
	struct cf_caseset *set = cf_caseset_new();
	struct cf_csv *csv;
	char path[4096];

	*rows = *good = *nseen = 0;
	snprintf(path, sizeof path, "%s/evaluations.csv", dir);
	ck_assert_int_eq(cf_csv_open(&csv, path), 0);
	ck_assert_int_eq(cf_csv_next(csv), 1);
	ck_assert_str_eq(cf_csv_value(csv, 0, NULL), "case_id");
	ck_assert_str_eq(cf_csv_value(csv, 7, NULL), "comment");
	while (cf_csv_next(csv) == 1) {
		bool created, seen;
		size_t n;
		const char *id = cf_csv_value(csv, 0, &n);
		uint32_t v = judge_eval(csv, to, &seen);
		struct cf_caseent *e = cf_caseset_get(set, id, n, &created);
		if (created)
			e->line = 0;
		e->line |= v;
		if (seen) {
			e->line += 1u << 8;
			(*nseen)++;
			*good += atoi(cf_csv_value(csv, 2, NULL)) >= 4;
		}
		(*rows)++;
	}
	cf_csv_free(csv);
	return set;
}

static int
kind_of(const char *name)
{
	for (int k = 0; k < CF_GEN_NKINDS; k++)
		if (strcmp(cf_gen_kind_name((enum cf_gen_kind)k), name) == 0)
			return k;
	return -1;
}

/* planted.csv into a set: entry kind = 1 + the planted kind; the
 * entry's `line` holds the expect column as a set of enum judged. */
static struct cf_caseset *
load_planted(const char *dir, int64_t *count)
{
	struct cf_caseset *set = cf_caseset_new();
	struct cf_csv *csv;
	char path[4096];

	*count = 0;
	snprintf(path, sizeof path, "%s/planted.csv", dir);
	ck_assert_int_eq(cf_csv_open(&csv, path), 0);
	ck_assert_int_eq(cf_csv_next(csv), 1); /* header */
	while (cf_csv_next(csv) == 1) {
		bool created;
		size_t n;
		const char *id = cf_csv_value(csv, 0, &n);
		int k = kind_of(cf_csv_value(csv, 1, NULL));
		ck_assert_int_ge(k, 0);
		struct cf_caseent *e = cf_caseset_get(set, id, n, &created);
		ck_assert(created);
		e->kind = (uint8_t)(k + 1);
		e->line = expect_set(cf_csv_value(csv, 3, NULL));
		(*count)++;
	}
	cf_csv_free(csv);
	return set;
}

START_TEST(test_planted_and_judged)
{
	struct cf_gen_counts gc;
	struct cf_store *st;
	struct cf_strv known = CF_STRV_INIT;
	struct cf_import_result res;
	struct cf_import_opts o = { .format = CF_IMPORT_CSV, .procedure = NULL,
	    .known = &known, .actor = "test" };
	struct cf_case_reader_opts ro = { .as_of = -1, .evaluations = true };
	char cases[4096], events[4096], evals[4096];
	char *paths[3] = { cases, events, evals };
	int64_t nevals, ngood, nseen, rated = 0, nfail = 0;
	struct cf_case_reader *r;
	const struct cf_case *c;
	int64_t nplanted, seen = 0, fails[CF_GEN_NKINDS] = { 0 }, nmarked = 0;
	const char *dir = tmp_path("g");
	cf_day to = D("2026-12-31");
	int rc;

	gen(dir, "judge", 8000, 150, &gc);
	for (int k = 0; k < CF_GEN_NKINDS; k++)
		ck_assert_msg(gc.planted[k] > 0, "no '%s' planted",
		    cf_gen_kind_name((enum cf_gen_kind)k));
	/* The files import as they are. */
	for (size_t i = 0; i < CF_ARRAY_LEN(names); i++)
		cf_strv_push(&known, names[i]);
	snprintf(cases, sizeof cases, "%s/cases.csv", dir);
	snprintf(events, sizeof events, "%s/events.csv", dir);
	snprintf(evals, sizeof evals, "%s/evaluations.csv", dir);
	ck_assert_int_eq(cf_store_open(&st, tmp_path("db"), CF_STORE_CREATE),
	    0);
	ck_assert_int_eq(cf_import_run(st, tz, &o, paths, 3, &res), 0);
	ck_assert_int_eq(res.total.cases_new, (int64_t)gc.cases);
	ck_assert_int_eq(res.total.events_new, (int64_t)gc.events);
	ck_assert_int_eq(res.total.evals_new, (int64_t)gc.evaluations);
	cf_import_result_release(&res);
	struct cf_caseset *planted = load_planted(dir, &nplanted);
	ck_assert_int_gt(nplanted, 8000 * 10 / 100);
	struct cf_caseset *ev = load_evaluations(dir, to, &nevals, &ngood,
	    &nseen);
	ck_assert_int_eq(nevals, (int64_t)gc.evaluations);
	/* Some 60 % of the cases rated, a few twice; most 4 or 5 (fewer
	 * here, with 15 % planted, most bad). */
	ck_assert_int_gt(nevals, 8000 * 55 / 100);
	ck_assert_int_lt(nevals, 8000 * 70 / 100);
	ck_assert_int_gt(ngood * 100, nseen * 65);
	ck_assert_int_lt(ngood * 100, nseen * 95);
	/* Judge every case as the audit would at the end of the year. */
	ck_assert_int_eq(cf_case_reader_open_with(&r, st, tz, NULL,
			     D("2025-01-01"), to, &ro),
	    0);
	while ((rc = cf_case_reader_next(r, &c)) == 1) {
		const struct cf_procedure *p = proc_of(c->procedure_id);
		struct cf_caseent *e = cf_caseset_find(planted, c->id,
		    strlen(c->id));
		int kind = e ? e->kind - 1 : -1;
		uint32_t want = e ? e->line : 0, got;
		struct cf_caseent *ee = cf_caseset_find(ev, c->id,
		    strlen(c->id));
		uint32_t v = ee ? ee->line : 0;
		ck_assert_ptr_nonnull(p);
		got = judge(c, p, to);
		if (v & EV_FAIL)
			got |= 1u << J_BAD_REVIEW;
		/* The reader sees what is rated by the end of --to. */
		ck_assert_uint_eq(c->nevaluations, v >> 8);
		rated += ee != NULL;
		nfail += (v & EV_FAIL) != 0;
		/* revisit="all" fails the anonymous one too, and no more. */
		ck_assert_msg(((v & EV_FAIL_ALL) != 0) ==
			((v & EV_FAIL) != 0 || kind == CF_GEN_REVIEW_ANONYMOUS),
		    "case %s (planted '%s'): revisit=\"all\" %s", c->id,
		    kind < 0 ? "none" : cf_gen_kind_name(kind),
		    v & EV_FAIL_ALL ? "fails" : "passes");
		/* The kinds that are not judged are not due, or not seen. */
		if (kind == CF_GEN_REVIEW_NOT_DUE)
			ck_assert_msg(ee && !(v & EV_DUE), "%s due", c->id);
		if (kind == CF_GEN_REVIEW_RATED_AFTER_TO)
			ck_assert_msg(ee && (v >> 8) == 0, "%s seen", c->id);
		if (kind == CF_GEN_REVIEW_DEADLINE_DAY ||
		    kind == CF_GEN_REVIEW_ANONYMOUS)
			ck_assert_msg(v & EV_DUE, "%s not due", c->id);
		for (int k = 0; k < J_N; k++)
			ck_assert_msg(((got >> k) & 1) == ((want >> k) & 1),
			    "case %s (planted '%s'): rule '%s' %s", c->id,
			    kind < 0 ? "none" : cf_gen_kind_name(kind),
			    judged_names[k],
			    (got >> k) & 1 ? "fails" : "passes");
		/* Every deviation fails some rule; only the law's lawful
		 * edge cases pass them all. */
		if (kind >= 0 && kind != CF_GEN_PAUSE_HOLIDAY &&
		    kind != CF_GEN_PAUSE_OPEN &&
		    kind != CF_GEN_EXT_DEADLINE_DAY &&
		    kind != CF_GEN_REVIEW_ANONYMOUS &&
		    kind != CF_GEN_REVIEW_NOT_DUE &&
		    kind != CF_GEN_REVIEW_RATED_AFTER_TO &&
		    kind != CF_GEN_REVIEW_DEADLINE_DAY)
			ck_assert_msg(got != 0, "case %s (planted '%s') fails "
			    "nothing", c->id, cf_gen_kind_name(kind));
		if (kind >= 0)
			fails[kind]++;
		seen++;
		nmarked += c->received;
	}
	ck_assert_int_eq(rc, 0);
	ck_assert_int_eq(seen, (int64_t)gc.cases);
	ck_assert_int_eq(rated, (int64_t)gc.rated);
	ck_assert_int_gt(nfail, 0);
	for (int k = 0; k < CF_GEN_NKINDS; k++)
		ck_assert_int_eq(fails[k], (int64_t)gc.planted[k]);
	/* received_at is imported, and left out for some. */
	ck_assert_int_gt(nmarked, seen / 2);
	ck_assert_int_lt(nmarked, seen);
	cf_case_reader_free(r);
	cf_caseset_free(planted);
	cf_caseset_free(ev);
	cf_strv_release(&known);
	cf_store_free(st);
}
END_TEST

START_TEST(test_refusals)
{
	struct cf_gen_counts c;
	struct cf_gen_opts o = { .ncases = 10, .seed = "x",
		.from = D("2026-12-31"), .to = D("2026-01-01"),
		.dir = tmp_path("r") };

	ck_assert_int_eq(cf_gen_run(&o, procs, CF_ARRAY_LEN(procs), cal, tz,
			     &c),
	    CF_EUSAGE);
	/* A period no calendar covers is not guessed. */
	o.from = D("2030-01-01");
	o.to = D("2030-01-31");
	ck_assert_int_eq(cf_gen_run(&o, procs, CF_ARRAY_LEN(procs), cal, tz,
			     &c),
	    CF_ENOTFOUND);
	ck_assert(strstr(cf_error_message(), "no calendar covers 2030"));
	/* A period before every procedure given (P-CIV-002: 2026). */
	o.from = D("2025-03-03");
	o.to = D("2025-03-04");
	ck_assert_str_eq(procs[4]->id, "P-CIV-002");
	ck_assert_int_eq(cf_gen_run(&o, &procs[4], 1, cal, tz, &c),
	    CF_EINVALID);
	ck_assert(strstr(cf_error_message(), "no procedure in force"));
	ck_assert_int_eq(cf_gen_run(&o, procs, 0, cal, tz, &c), CF_EINVALID);
}
END_TEST

Suite *
generate_suite(void)
{
	Suite *s = suite_create("generate");
	TCase *tc = tcase_create("generate");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_deterministic);
	tcase_add_test(tc, test_planted_and_judged);
	tcase_add_test(tc, test_refusals);
	suite_add_tcase(s, tc);
	return s;
}
