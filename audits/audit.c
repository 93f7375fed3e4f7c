/* SPDX-License-Identifier: MIT */
/*
 * audit.c - the audit runner (see audit.h).
 *
 * The pass holds one BEGIN IMMEDIATE transaction from the first read to
 * the commit: the records it reads are one snapshot, nothing else writes
 * meanwhile (an import waits, or says the store is busy), and the audit
 * is stored whole or not at all.  Per case it costs one binary search
 * for the version in force, the checks, and one or two short rows; no
 * query per case.
 */
#include "conform.h"
#include "amount.h"
#include "audit.h"
#include "auditdb.h"
#include "calendar.h"
#include "checks.h"
#include "clock.h"
#include "conclusion.h"
#include "docindex.h"
#include "docset.h"
#include "json.h"
#include "ncr.h"
#include "ncrdb.h"
#include "reader.h"
#include "repo.h"
#include "sampling.h"
#include "sqlcheck.h"
#include "store.h"
#include "text.h"
#include "trail.h"
#include "workspace.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Version numbers of this audit: an open-addressing map keyed by the
 * version's address (versions live as long as the index). */
struct vermap {
	const struct cf_docversion **keys;
	int *vids;
	size_t cap, n;
};

static int
vermap_get(struct vermap *m, const struct cf_docversion *v)
{
	size_t mask, i;

	if (m->n * 2 >= m->cap) {
		struct vermap bigger = { NULL, NULL, m->cap ? m->cap * 2 : 64,
			0 };
		bigger.keys = cf_xcalloc(bigger.cap, sizeof *bigger.keys);
		bigger.vids = cf_xcalloc(bigger.cap, sizeof *bigger.vids);
		for (size_t k = 0; k < m->cap; k++) {
			if (m->keys[k] == NULL)
				continue;
			size_t j = ((uintptr_t)m->keys[k] >> 4) &
			    (bigger.cap - 1);
			while (bigger.keys[j])
				j = (j + 1) & (bigger.cap - 1);
			bigger.keys[j] = m->keys[k];
			bigger.vids[j] = m->vids[k];
		}
		bigger.n = m->n;
		free(m->keys);
		free(m->vids);
		*m = bigger;
	}
	mask = m->cap - 1;
	for (i = ((uintptr_t)v >> 4) & mask; m->keys[i]; i = (i + 1) & mask)
		if (m->keys[i] == v)
			return m->vids[i];
	m->keys[i] = v;
	m->vids[i] = (int)m->n++;
	return m->vids[i];
}

struct checkstate {
	const struct cf_check *chk;
	int64_t n[4];
	struct cf_sqlcheck *sql;
	bool is_case;
	const char *quiet; /* cf_check_quiet_na() of its type, or NULL */
	int measure;	   /* its measure in the scorecard, or -1 */
};

/* The scorecard's counts for one window (doc/checks.md): per measure,
 * the value is num/den. */
struct wincount {
	char *window;
	int64_t *num, *den;
};

struct runner {
	struct cf_ws *ws;
	struct cf_store *st;
	struct cf_tz *tz;
	struct cf_repo *repo;
	struct cf_docindex *idx;
	struct cf_cal *cal;
	const struct cf_checklist *list;
	const struct cf_docversion *listv;
	struct cf_audit_env env;
	struct cf_audit_head head;
	struct checkstate *cs;
	size_t ncs;
	struct vermap vers;
	struct cf_strv sample; /* sorted, when sampling */
	bool sampling;
	int64_t ot_pass, ot_judged; /* on-time over every case (rates) */
	bool need_on_time;
	/* on-the-spot-volume and actual-compression, over every case. */
	bool need_volume, need_compression;
	int64_t spot_cases, inforce_cases;
	int64_t used_days, statutory_days, compressed_cases, left_out;
	int left_out_year;
	bool need_imports; /* a late-record check: the reader names batches */
	/* The 好差评 checks and measures, over every case of the period
	 * and scope whether or not a version was in force. */
	bool need_evaluations;
	size_t *measure_check; /* per measure: its check's position */
	int64_t ev_rated, ev_rating[6], ev_completed, ev_covered;
	/* The scorecard: the windows seen, by window as bytes. */
	struct wincount *wins;
	size_t nwins, wins_alloc;
	int64_t as_of;	   /* --as-of: the last batch read; -1 otherwise */
	int64_t ncr_before; /* --as-of: NCRs opened from then on are later */
	char *letters;
	struct cf_audit_result *out;
	struct cf_auditdb_stream *ds; /* the digests bound (integrity.md) */
	struct cf_sqlbox *box; /* the sql checks' sandbox, when there are any */
	char *box_error;       /* why it could not be filled */
	bool scope_empty;      /* the scope matches no procedure in force */
};

static int
vid_of(struct runner *r, const struct cf_docversion *v)
{
	return v ? vermap_get(&r->vers, v) : -1;
}

/* Records one result of check k for `subject`. */
static int
result(struct runner *r, size_t k, const char *subject,
    const struct cf_verdict *v, int vid)
{
	r->cs[k].n[v->result]++;
	if (v->result == CF_RESULT_FAIL)
		r->out->fails[r->cs[k].chk->severity]++;
	/* A pass is kept in the case row, except a materials pass that
	 * names items which name no material (doc/checks.md): that
	 * detail is a finding of the record and is stored as one. */
	if (r->cs[k].is_case && v->result == CF_RESULT_PASS &&
	    !(r->cs[k].chk->type == CF_CHECK_MATERIALS && v->detail[0]))
		return 0;
	/* So is an na that only says there was nothing to judge. */
	if (r->cs[k].is_case && v->result == CF_RESULT_NA && r->cs[k].quiet &&
	    strcmp(v->detail, r->cs[k].quiet) == 0)
		return 0;
	return cf_auditdb_finding_streamed(r->st, r->ds, r->head.id, (int)k,
	    subject, v->result, vid, v->detail);
}

static bool
in_sample(const struct runner *r, const char *id)
{
	size_t lo = 0, hi = r->sample.n;

	if (!r->sampling)
		return true;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(r->sample.v[mid], id);
		if (c == 0)
			return true;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

/* ---- the pass over the cases ---- */

/* The counts of `window`, made on first sight (few windows, many
 * cases: a binary search over the sorted windows). */
static struct wincount *
window_counts(struct runner *r, const char *window)
{
	size_t lo = 0, hi = r->nwins, nm = r->list->nmeasures;
	struct wincount *w;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(r->wins[mid].window, window);
		if (c == 0)
			return &r->wins[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	CF_GROW(r->wins, r->nwins + 1, r->wins_alloc);
	memmove(&r->wins[lo + 1], &r->wins[lo],
	    (r->nwins - lo) * sizeof *r->wins);
	r->nwins++;
	w = &r->wins[lo];
	w->window = cf_xstrdup(window);
	w->num = cf_xcalloc(nm + 1, sizeof *w->num);
	w->den = cf_xcalloc(nm + 1, sizeof *w->den);
	return w;
}

/* How many of the case's evaluations check chk counts as satisfied. */
static int64_t
satisfied_of(const struct cf_check *chk, const struct cf_case *c)
{
	int64_t n = 0;

	for (size_t i = 0; i < c->nevaluations; i++)
		n += cf_check_satisfied(chk, &c->evaluations[i]);
	return n;
}

/*
 * The period's evaluation counts and the scorecard's rates for the
 * case's window (the case checks' measures are counted as they are
 * judged).  `ontime` is the case's on-time verdict, when judged.
 */
static void
count_evaluations(struct runner *r, const struct cf_case *c,
    const struct cf_verdict *ontime, struct wincount *w)
{
	if (r->need_evaluations) {
		r->ev_rated += (int64_t)c->nevaluations;
		for (size_t i = 0; i < c->nevaluations; i++) {
			int g = c->evaluations[i].rating;
			r->ev_rating[g >= 1 && g <= 5 ? g : 0]++;
		}
		if (c->completed) {
			r->ev_completed++;
			r->ev_covered += c->nevaluations > 0;
		}
	}
	if (w == NULL)
		return;
	for (size_t m = 0; m < r->list->nmeasures; m++) {
		const struct cf_check *k = r->cs[r->measure_check[m]].chk;
		switch (k->type) {
		case CF_CHECK_ON_TIME_RATE:
			if (ontime && (ontime->result == CF_RESULT_PASS ||
					  ontime->result == CF_RESULT_FAIL)) {
				w->den[m]++;
				w->num[m] += ontime->result == CF_RESULT_PASS;
			}
			break;
		case CF_CHECK_SATISFACTION_RATE:
			w->den[m] += (int64_t)c->nevaluations;
			w->num[m] += satisfied_of(k, c);
			break;
		case CF_CHECK_EVALUATION_COVERAGE:
			if (c->completed) {
				w->den[m]++;
				w->num[m] += c->nevaluations > 0;
			}
			break;
		default:
			break; /* a case check: counted as judged */
		}
	}
}

static int judge_case_clocked(struct runner *r, const struct cf_case *c,
    const struct cf_docversion *v, const struct cf_procedure *p,
    const char *invalid, int vid);

/*
 * The version in force on the acceptance day, and the case's clock
 * (audits/clock.h) read once for every check that needs it.
 */
static int
judge_case(struct runner *r, const struct cf_case *c)
{
	cf_day day = cf_tz_day(r->tz, c->accepted.sec);
	const struct cf_docversion *v = cf_docindex_in_force(r->idx,
	    CF_DOC_PROCEDURE, c->procedure_id, day);
	const struct cf_procedure *p = NULL;
	const char *invalid = NULL;
	struct cf_clock clock;
	int vid = -1, rc;

	if (v && !v->deleted) {
		const struct cf_doc *doc;
		vid = vid_of(r, v);
		if (v->invalid)
			invalid = v->invalid;
		else if (cf_docindex_doc(r->idx, v, &doc) < 0)
			invalid = cf_error_message();
		else
			p = &doc->u.proc;
	}
	cf_clock_read(&clock, &r->env, c, p);
	r->env.clock = &clock;
	rc = judge_case_clocked(r, c, v, p, invalid, vid);
	r->env.clock = NULL;
	cf_clock_release(&clock);
	return rc;
}

static int
judge_case_clocked(struct runner *r, const struct cf_case *c,
    const struct cf_docversion *v, const struct cf_procedure *p,
    const char *invalid, int vid)
{
	struct cf_verdict verdict, ontime;
	bool sampled = in_sample(r, c->id), have_ontime = false;
	struct wincount *w = NULL;
	int rc = 0;

	if (r->need_on_time && !invalid) {
		cf_check_on_time(&r->env, c, p, &ontime);
		have_ontime = true;
		if (ontime.result == CF_RESULT_PASS ||
		    ontime.result == CF_RESULT_FAIL) {
			r->ot_judged++;
			r->ot_pass += ontime.result == CF_RESULT_PASS;
		}
	}
	if (r->need_volume && p) {
		r->inforce_cases++;
		r->spot_cases += p->kind == CF_KIND_ON_THE_SPOT;
	}
	if (r->need_compression && p && c->completed &&
	    p->kind == CF_KIND_COMMITMENT && p->has_time_limit &&
	    p->statutory > 0) {
		int used = 0, year = 0;
		if (cf_check_used_days(&r->env, c, p, &used, &year) == 0) {
			r->used_days += used;
			r->statutory_days += p->statutory;
			r->compressed_cases++;
		} else {
			if (r->left_out++ == 0 || year < r->left_out_year)
				r->left_out_year = year;
			cf_error_clear();
		}
	}
	if (r->list->has_scorecard && c->window)
		w = window_counts(r, c->window);
	count_evaluations(r, c, have_ontime ? &ontime : NULL, w);
	if (!sampled)
		return 0;
	for (size_t k = 0; k < r->ncs && rc == 0; k++) {
		if (!r->cs[k].is_case) {
			r->letters[k] = '-';
			continue;
		}
		if (invalid) {
			cf_verdict_set(&verdict, CF_RESULT_ERROR, "%s",
			    invalid);
		} else {
			switch (r->cs[k].chk->type) {
			case CF_CHECK_ON_TIME:
				verdict = ontime;
				if (!have_ontime)
					cf_check_on_time(&r->env, c, p,
					    &verdict);
				break;
			case CF_CHECK_FEE:
				cf_check_fee(&r->env, c, p, &verdict);
				break;
			case CF_CHECK_MATERIALS:
				cf_check_materials(&r->env, c, p, &verdict);
				break;
			case CF_CHECK_STEPS:
				cf_check_steps(&r->env, c, p, &verdict);
				break;
			case CF_CHECK_ROLES:
				cf_check_roles(&r->env, c, p, &verdict);
				break;
			case CF_CHECK_FOUR_EYES:
				cf_check_four_eyes(&r->env, c, p, &verdict);
				break;
			case CF_CHECK_LATE_RECORD:
				cf_check_late_record(&r->env, r->cs[k].chk, c,
				    &verdict);
				break;
			case CF_CHECK_STATUTORY_TIME:
				cf_check_statutory_time(&r->env, c, p,
				    &verdict);
				break;
			case CF_CHECK_EXTENSION:
				cf_check_extension(&r->env, c, p, &verdict);
				break;
			case CF_CHECK_SUPPLEMENT:
				cf_check_supplement(&r->env, c, p, &verdict);
				break;
			case CF_CHECK_BAD_REVIEW:
				cf_check_bad_review(&r->env, r->cs[k].chk, c,
				    &verdict);
				break;
			case CF_CHECK_IN_FORCE:
			default:
				cf_check_in_force(&r->env, c, v, &verdict);
				break;
			}
		}
		r->letters[k] = cf_result_letter(verdict.result);
		if (w && r->cs[k].measure >= 0 &&
		    (verdict.result == CF_RESULT_PASS ||
			verdict.result == CF_RESULT_FAIL)) {
			w->den[r->cs[k].measure]++;
			w->num[r->cs[k].measure] += verdict.result ==
			    CF_RESULT_PASS;
		}
		rc = result(r, k, c->id, &verdict, vid);
	}
	if (rc == 0)
		rc = cf_auditdb_case_streamed(r->st, r->ds, r->head.id, c->id,
		    vid, r->letters);
	return rc;
}

static int
pass_over_cases(struct runner *r)
{
	struct cf_case_reader *rd = NULL;
	struct cf_case_reader_opts o = { .as_of = r->as_of,
		.imports = r->need_imports,
		.evaluations = r->need_evaluations };
	const struct cf_case *c;
	int rc;

	if ((rc = cf_case_reader_open_with(&rd, r->st, r->tz, r->list->scope,
		 r->env.from, r->env.to, &o)) < 0)
		return rc;
	while ((rc = cf_case_reader_next(rd, &c)) == 1) {
		r->head.population++;
		if ((rc = judge_case(r, c)) < 0)
			break;
	}
	cf_case_reader_free(rd);
	return rc < 0 ? rc : 0;
}

/* ---- documents, aggregates, NCRs, sql ---- */

/* The valid procedures in scope in force on --to, by id. */
static int
procedures_in_force(struct runner *r, const struct cf_procedure ***out,
    size_t *n)
{
	size_t nids;
	const char *const *ids = cf_docindex_ids(r->idx, CF_DOC_PROCEDURE,
	    &nids);

	*out = cf_xcalloc(nids + 1, sizeof **out);
	*n = 0;
	for (size_t i = 0; i < nids; i++) {
		const struct cf_docversion *v;
		const struct cf_doc *doc;
		if (!cf_glob_match(r->list->scope, ids[i]))
			continue;
		v = cf_docindex_in_force(r->idx, CF_DOC_PROCEDURE, ids[i],
		    r->env.to);
		if (v == NULL || v->deleted || v->invalid ||
		    cf_docindex_doc(r->idx, v, &doc) < 0) {
			cf_error_clear();
			continue;
		}
		(*out)[*n] = &doc->u.proc;
		(*n)++;
	}
	return 0;
}

/* One document check over the procedures (and standards) in force. */
static int
document_check(struct runner *r, size_t k)
{
	enum cf_check_type t = r->cs[k].chk->type;
	int rc = 0;

	for (int pass = 0; pass < 2 && rc == 0; pass++) {
		enum cf_doc_type dt = pass ? CF_DOC_STANDARD : CF_DOC_PROCEDURE;
		size_t nids;
		const char *const *ids;

		if (pass == 1 && t != CF_CHECK_APPROVED)
			break; /* standards only for approved */
		ids = cf_docindex_ids(r->idx, dt, &nids);
		for (size_t i = 0; i < nids && rc == 0; i++) {
			const struct cf_docversion *v;
			const struct cf_doc *doc = NULL;
			struct cf_verdict verdict;
			if (dt == CF_DOC_PROCEDURE &&
			    !cf_glob_match(r->list->scope, ids[i]))
				continue;
			v = cf_docindex_in_force(r->idx, dt, ids[i], r->env.to);
			if (v == NULL || v->deleted)
				continue; /* not in force: not judged */
			if (v->invalid) {
				cf_verdict_set(&verdict, CF_RESULT_ERROR, "%s",
				    v->invalid);
			} else if (cf_docindex_doc(r->idx, v, &doc) < 0) {
				cf_verdict_set(&verdict, CF_RESULT_ERROR, "%s",
				    cf_error_message());
			} else if (t == CF_CHECK_APPROVED) {
				cf_check_approved(v, &verdict);
			} else if (t == CF_CHECK_GUIDE_COMPLETE) {
				cf_check_guide_complete(&doc->u.proc, &verdict);
			} else if (t == CF_CHECK_LIMITS_CONSISTENT) {
				cf_check_limits_consistent(&doc->u.proc,
				    &verdict);
			} else {
				cf_check_review_current(&r->env,
				    doc->u.proc.review_due, &verdict);
			}
			rc = result(r, k, ids[i], &verdict, vid_of(r, v));
		}
	}
	return rc;
}

static int
capa_check(struct runner *r, size_t k)
{
	struct cf_ncr *v = NULL;
	size_t n = 0, judged = 0;
	struct cf_verdict verdict;
	char name[32], due[11];
	int rc;

	if ((rc = cf_ncr_list(r->st, &v, &n)) < 0)
		return rc;
	for (size_t i = 0; i < n && rc == 0; i++) {
		if (!cf_ncr_is_open(&v[i]) || v[i].due == CF_DAY_NONE)
			continue;
		if (r->as_of >= 0 && v[i].opened_at >= r->ncr_before)
			continue; /* opened after the audit re-run started */
		judged++;
		cf_ncr_name(v[i].number, name, sizeof name);
		cf_day_format(v[i].due, due);
		if (v[i].due < r->env.to)
			cf_verdict_set(&verdict, CF_RESULT_FAIL,
			    "due %s, still %s", due,
			    cf_ncr_state_name(v[i].state));
		else
			cf_verdict_set(&verdict, CF_RESULT_PASS, "due %s, %s",
			    due, cf_ncr_state_name(v[i].state));
		rc = result(r, k, name, &verdict, -1);
	}
	if (rc == 0 && judged == 0) {
		cf_verdict_set(&verdict, CF_RESULT_NA,
		    "no open NCR with a due date");
		rc = result(r, k, "*", &verdict, -1);
	}
	for (size_t i = 0; i < n; i++)
		cf_ncr_release(&v[i]);
	free(v);
	return rc;
}

static int
sql_check(struct runner *r, size_t k)
{
	struct cf_strv subjects = CF_STRV_INIT;
	struct cf_verdict verdict;
	char from[11], to[11];
	int rc = 0;

	cf_day_format(r->env.from, from);
	cf_day_format(r->env.to, to);
	/* The sandbox holds a copy this transaction read (fill_box); a run
	 * past a bound or with a subject that is not text is an error of
	 * this check only (doc/checks.md#sql). */
	if (r->box_error || cf_sqlcheck_run(r->cs[k].sql, from, to,
				&subjects) < 0) {
		cf_verdict_set(&verdict, CF_RESULT_ERROR, "%s",
		    r->box_error ? r->box_error : cf_error_message());
		cf_error_clear();
		return result(r, k, "*", &verdict, -1);
	}
	if (subjects.n == 0) {
		cf_verdict_set(&verdict, CF_RESULT_PASS,
		    "the query returned no "
		    "row");
		rc = result(r, k, "*", &verdict, -1);
	}
	for (size_t i = 0; i < subjects.n && rc == 0; i++) {
		cf_verdict_set(&verdict, CF_RESULT_FAIL,
		    "returned by the query");
		rc = result(r, k, subjects.v[i], &verdict, -1);
	}
	cf_strv_release(&subjects);
	return rc;
}

static int
other_checks(struct runner *r)
{
	const struct cf_procedure **procs = NULL;
	size_t nprocs = 0;
	struct cf_verdict verdict;
	int rc = procedures_in_force(r, &procs, &nprocs);

	for (size_t k = 0; k < r->ncs && rc == 0; k++) {
		if (r->scope_empty) {
			char to[11];
			cf_day_format(r->env.to, to);
			cf_verdict_set(&verdict, CF_RESULT_ERROR,
			    "the scope '%s' matches no procedure in force on "
			    "%s; expected the id or a glob of a committed "
			    "procedure",
			    r->list->scope, to);
			rc = result(r, k, "*", &verdict, -1);
			continue;
		}
		switch (r->cs[k].chk->type) {
		case CF_CHECK_GUIDE_COMPLETE:
		case CF_CHECK_LIMITS_CONSISTENT:
		case CF_CHECK_APPROVED:
		case CF_CHECK_REVIEW_CURRENT:
			rc = document_check(r, k);
			break;
		case CF_CHECK_ON_TIME_RATE:
			cf_check_on_time_rate(r->cs[k].chk, r->ot_pass,
			    r->ot_judged, &verdict);
			rc = result(r, k, "*", &verdict, -1);
			break;
		case CF_CHECK_ON_THE_SPOT_RATIO:
			cf_check_on_the_spot_ratio(r->cs[k].chk, procs, nprocs,
			    &verdict);
			rc = result(r, k, "*", &verdict, -1);
			break;
		case CF_CHECK_LIMIT_COMPRESSION:
			cf_check_limit_compression(r->cs[k].chk, procs, nprocs,
			    &verdict);
			rc = result(r, k, "*", &verdict, -1);
			break;
		case CF_CHECK_ON_THE_SPOT_VOLUME:
			cf_check_on_the_spot_volume(r->cs[k].chk,
			    r->spot_cases, r->inforce_cases, &verdict);
			rc = result(r, k, "*", &verdict, -1);
			break;
		case CF_CHECK_ACTUAL_COMPRESSION:
			cf_check_actual_compression(r->cs[k].chk,
			    r->used_days, r->statutory_days,
			    r->compressed_cases, r->left_out,
			    r->left_out_year, &verdict);
			rc = result(r, k, "*", &verdict, -1);
			break;
		case CF_CHECK_SATISFACTION_RATE: {
			int64_t sat = r->ev_rating[4] + r->ev_rating[5] +
			    (r->cs[k].chk->count_basic ? r->ev_rating[3] : 0);
			cf_check_satisfaction_rate(r->cs[k].chk, sat,
			    r->ev_rated, &verdict);
			rc = result(r, k, "*", &verdict, -1);
			break;
		}
		case CF_CHECK_EVALUATION_COVERAGE:
			cf_check_evaluation_coverage(r->cs[k].chk,
			    r->ev_covered, r->ev_completed, &verdict);
			rc = result(r, k, "*", &verdict, -1);
			break;
		case CF_CHECK_CAPA_TIMELY:
			rc = capa_check(r, k);
			break;
		case CF_CHECK_SQL:
			rc = sql_check(r, k);
			break;
		default:
			break; /* case checks: done in the pass */
		}
	}
	free(procs);
	return rc;
}

/* ---- set-up and storing ---- */

/*
 * The checklist as committed: its latest version on main, or with
 * `commit` (--as-of) the version the audit used, which must be the
 * latest in the history up to the audit's documents commit.
 */
static int
load_checklist(struct runner *r, const char *id, const char *commit)
{
	struct cf_docversion *const *h;
	const struct cf_doc *doc;
	size_t n;
	int rc;

	h = cf_docindex_history(r->idx, CF_DOC_CHECKLIST, id, &n);
	if (n == 0 || h[n - 1]->deleted)
		return cf_error_set(CF_ENOTFOUND,
		    "no checklist '%s' committed on main%s", id,
		    n ? " (it was deleted)" : "");
	if (commit && strcmp(h[n - 1]->commit, commit) != 0)
		return cf_error_set(CF_EINVALID,
		    "the audit names checklist '%s' of commit %.12s, but its "
		    "documents commit holds the version of %.12s",
		    id, commit, h[n - 1]->commit);
	r->listv = h[n - 1];
	if ((rc = cf_docindex_doc(r->idx, r->listv, &doc)) < 0)
		return cf_error_set(CF_EINVALID,
		    "checklist '%s' does not validate: %s", id,
		    cf_error_message());
	r->list = &doc->u.list;
	return 0;
}

/*
 * The queries are prepared on the empty sandbox before the audit starts
 * (a refused query stores nothing); the sandbox is made only when the
 * checklist has a sql check, and filled once (fill_box).
 */
static int
prepare_checks(struct runner *r)
{
	int rc = 0;

	r->ncs = r->list->nchecks;
	r->cs = cf_xcalloc(r->ncs + 1, sizeof *r->cs);
	r->letters = cf_xcalloc(r->ncs + 1, 1);
	r->measure_check = cf_xcalloc(r->list->nmeasures + 1,
	    sizeof *r->measure_check);
	for (size_t k = 0; k < r->ncs && rc == 0; k++) {
		const struct cf_check *c = &r->list->checks[k];
		r->cs[k].chk = c;
		r->cs[k].is_case = cf_check_type_is_case(c->type);
		r->cs[k].quiet = cf_check_quiet_na(cf_check_type_name(c->type));
		if (c->type == CF_CHECK_ON_TIME_RATE)
			r->need_on_time = true;
		if (c->type == CF_CHECK_ON_THE_SPOT_VOLUME)
			r->need_volume = true;
		if (c->type == CF_CHECK_ACTUAL_COMPRESSION)
			r->need_compression = true;
		if (c->type == CF_CHECK_LATE_RECORD)
			r->need_imports = true;
		if (c->type == CF_CHECK_BAD_REVIEW ||
		    c->type == CF_CHECK_SATISFACTION_RATE ||
		    c->type == CF_CHECK_EVALUATION_COVERAGE)
			r->need_evaluations = true;
		r->cs[k].measure = -1;
		if (c->type != CF_CHECK_SQL)
			continue;
		if (r->box == NULL &&
		    (rc = cf_sqlbox_new(&r->box, CF_SQL_TIMEOUT_MS)) < 0)
			break;
		rc = cf_sqlcheck_prepare(&r->cs[k].sql, r->box, c->id,
		    c->query);
	}
	/* The measures, each to its check (doc check made sure it is
	 * one of the checklist's, a case check or one of the rates). */
	for (size_t m = 0; m < r->list->nmeasures && rc == 0; m++) {
		const struct cf_check *c = cf_checklist_find(r->list,
		    r->list->measures[m].check);
		if (c == NULL)
			return cf_error_set(CF_EINVALID,
			    "measure '%s' names no check of checklist '%s'",
			    r->list->measures[m].check, r->list->id);
		r->measure_check[m] = (size_t)(c - r->list->checks);
		r->cs[r->measure_check[m]].measure = (int)m;
	}
	return rc;
}

/*
 * Whether the scope matches a procedure in force on --to (doc/checks.md:
 * none is an error of every check), and the sql checks' copy of the
 * records of the scope up to the end of --to, read in this transaction.
 * Records that cannot be copied whole (a case over the events an audit
 * reads) are an error of each sql check.
 */
static int
fill_box(struct runner *r)
{
	size_t nids;
	const char *const *ids = cf_docindex_ids(r->idx, CF_DOC_PROCEDURE,
	    &nids);
	int rc;

	r->scope_empty = true;
	for (size_t i = 0; i < nids && r->scope_empty; i++) {
		const struct cf_docversion *v;
		if (!cf_glob_match(r->list->scope, ids[i]))
			continue;
		v = cf_docindex_in_force(r->idx, CF_DOC_PROCEDURE, ids[i],
		    r->env.to);
		if (v && !v->deleted)
			r->scope_empty = false;
	}
	if (r->box == NULL || r->scope_empty)
		return 0;
	if ((rc = cf_sqlbox_fill(r->box, r->st, r->tz, r->list->scope,
		 r->env.to, r->as_of)) == CF_EINVALID) {
		/* Records it cannot copy whole; a store failure fails. */
		r->box_error = cf_xstrdup(cf_error_message());
		cf_error_clear();
		rc = 0;
	}
	return rc;
}

static int
draw_sample(struct runner *r)
{
	struct cf_strv ids = CF_STRV_INIT;
	struct cf_sampler *s;
	int64_t n;
	int rc;

	if ((rc = cf_sample_size(&n, r->list->confidence, r->list->tolerable,
		 r->list->expected)) < 0)
		return rc;
	if ((rc = cf_cases_ids(r->st, r->list->scope, r->env.from, r->env.to,
		 r->as_of, &ids)) < 0)
		return rc;
	s = cf_sampler_new(r->list->seed, (size_t)n);
	for (size_t i = 0; i < ids.n; i++)
		cf_sampler_add(s, ids.v[i]);
	cf_sampler_finish(s);
	for (size_t i = 0; i < cf_sampler_count(s); i++)
		cf_strv_push(&r->sample, cf_sampler_id(s, i));
	cf_strv_sort(&r->sample);
	r->head.sample_size = (int64_t)cf_sampler_count(s);
	r->head.sampled = true;
	r->head.seed = cf_xstrdup(r->list->seed);
	r->head.confidence = cf_ratio_format(r->list->confidence);
	r->head.tolerable = cf_ratio_format(r->list->tolerable);
	r->head.expected = cf_ratio_format(r->list->expected);
	r->sampling = true;
	cf_sampler_free(s);
	cf_strv_release(&ids);
	return 0;
}

static int
store_rest(struct runner *r)
{
	struct cf_strv sha = CF_STRV_INIT, files = CF_STRV_INIT;
	int rc = cf_cases_batches(r->st, r->as_of, &sha, &files);

	for (size_t i = 0; i < sha.n && rc == 0; i++)
		rc = cf_auditdb_batch(r->st, r->head.id, sha.v[i], files.v[i]);
	cf_strv_release(&sha);
	cf_strv_release(&files);
	for (size_t i = 0; i < r->vers.cap && rc == 0; i++) {
		const struct cf_docversion *v = r->vers.keys[i];
		if (v)
			rc = cf_auditdb_version(r->st, r->head.id,
			    r->vers.vids[i], v->id, v->commit);
	}
	for (size_t k = 0; k < r->ncs && rc == 0; k++) {
		struct cf_audit_checkrow row = { 0 };
		const struct cf_check *c = r->cs[k].chk;
		struct cf_sample_figure fig;
		char limit[32];
		row.pos = (int)k;
		row.check_id = c->id;
		row.type = (char *)cf_check_type_name(c->type);
		row.severity = (char *)cf_severity_name(c->severity);
		row.clause = c->clause;
		row.title = c->title;
		memcpy(row.n, r->cs[k].n, sizeof row.n);
		/* From the cases this check judged, not the sample size
		 * (doc/audits.md#sampling); none judged: no limit. */
		if (cf_sample_figure_of(&r->head, &row, &fig) == 1 &&
		    fig.standing != CF_SAMPLE_NOTHING) {
			memcpy(limit, fig.limit, sizeof fig.limit);
			row.upper_limit = limit;
		}
		cf_error_clear();
		rc = cf_auditdb_check(r->st, r->head.id, &row);
	}
	for (size_t m = 0; m < r->list->nmeasures && rc == 0; m++)
		rc = cf_auditdb_measure(r->st, r->head.id, (int)m,
		    r->list->measures[m].check, (int)r->measure_check[m],
		    r->list->measures[m].weight, r->list->awards);
	for (size_t i = 0; i < r->nwins && rc == 0; i++)
		for (size_t m = 0; m < r->list->nmeasures && rc == 0; m++)
			rc = cf_auditdb_score(r->st, r->head.id,
			    r->wins[i].window, (int)m, r->wins[i].num[m],
			    r->wins[i].den[m]);
	return rc;
}

static int
record_trail(struct runner *r)
{
	struct cf_json *j = cf_json_new();
	char d[11], subject[32], *data;
	int64_t fails = 0, errors = 0;
	int rc;

	for (size_t k = 0; k < r->ncs; k++) {
		fails += r->cs[k].n[CF_RESULT_FAIL];
		errors += r->cs[k].n[CF_RESULT_ERROR];
	}
	cf_json_str(j, "checklist", r->head.checklist_id);
	cf_json_str(j, "checklist_commit", r->head.checklist_commit);
	cf_json_str(j, "documents_commit", r->head.documents_commit);
	cf_day_format(r->head.from, d);
	cf_json_str(j, "from", d);
	cf_day_format(r->head.to, d);
	cf_json_str(j, "to", d);
	cf_json_int(j, "cases", r->head.population);
	cf_json_bool(j, "sampled", r->head.sampled);
	cf_json_int(j, "fail", fails);
	cf_json_int(j, "error", errors);
	cf_json_int(j, "ncr_opened", r->out->ncr_opened);
	cf_json_int(j, "ncr_joined", r->out->ncr_joined);
	cf_json_int(j, "ncr_listed", r->out->ncr_listed);
	/* What the audit stored, read back (doc/integrity.md). */
	if ((rc = cf_auditdb_bind(r->st, r->head.id, r->ds, j)) < 0 ||
	    (rc = cf_ncrdb_bind_audit(r->st, r->head.id, j)) < 0) {
		cf_json_free(j);
		return rc;
	}
	data = cf_json_text(j);
	snprintf(subject, sizeof subject, "audit %lld", (long long)r->head.id);
	rc = cf_trail_append(r->st, r->head.finished_at, r->head.actor,
	    "audit.store", subject, data, NULL);
	free(data);
	cf_json_free(j);
	return rc;
}

static void
runner_release(struct runner *r)
{
	for (size_t k = 0; k < r->ncs; k++)
		cf_sqlcheck_free(r->cs[k].sql);
	cf_sqlbox_free(r->box);
	free(r->box_error);
	free(r->cs);
	free(r->letters);
	free(r->measure_check);
	for (size_t i = 0; i < r->nwins; i++) {
		free(r->wins[i].window);
		free(r->wins[i].num);
		free(r->wins[i].den);
	}
	free(r->wins);
	free(r->vers.keys);
	free(r->vers.vids);
	cf_strv_release(&r->sample);
	cf_cal_free(r->cal);
	cf_docindex_free(r->idx);
	cf_repo_free(r->repo);
	cf_audit_head_release(&r->head);
	cf_auditdb_stream_free(r->ds);
}

/*
 * --as-of: the stored audit's head, its documents and calendar as
 * committed at its documents commit, its checklist version.
 */
static int
set_up_as_of(struct runner *r, const struct cf_audit_request *req,
    struct cf_audit_head *old)
{
	int rc;

	if ((rc = cf_auditdb_head(r->st, req->as_of, old)) < 0)
		return rc;
	if (old->last_batch < 0)
		return cf_error_set(CF_EINVALID,
		    "audit %lld was stored before audits kept the last import "
		    "batch they saw, so the records it saw are not known; "
		    "expected an audit stored by this version of conform",
		    (long long)req->as_of);
	r->as_of = old->last_batch;
	r->ncr_before = old->started_at;
	if ((rc = cf_repo_open(&r->repo, cf_ws_root(r->ws))) < 0 ||
	    (rc = cf_docindex_open_at(&r->idx, r->repo, r->st, r->tz,
		 old->documents_commit)) < 0 ||
	    (rc = load_checklist(r, old->checklist_id,
		 old->checklist_commit)) < 0 ||
	    (rc = prepare_checks(r)) < 0)
		return rc;
	return cf_docset_calendar_rev(r->ws, old->documents_commit, &r->cal);
}

int
cf_audit_run(struct cf_ws *ws, const struct cf_audit_request *req,
    struct cf_audit_result *out)
{
	struct runner r;
	struct cf_ncr_recorded rec;
	struct cf_audit_head old;
	bool has_from = req->has_from, has_to = req->has_to,
	     sample = req->sample;
	cf_day from = req->from, to = req->to;
	int rc;

	memset(&r, 0, sizeof r);
	memset(&old, 0, sizeof old);
	memset(out, 0, sizeof *out);
	r.ws = ws;
	r.out = out;
	r.as_of = -1;
	r.ds = cf_auditdb_stream_new();
	if ((rc = cf_ws_store(ws, &r.st)) < 0 || (rc = cf_ws_tz(ws, &r.tz)) < 0)
		goto out;
	if (req->as_of > 0) {
		/* Refusals first, as below; nothing is stored at all. */
		if ((rc = set_up_as_of(&r, req, &old)) < 0)
			goto out;
		has_from = has_to = true;
		from = old.from;
		to = old.to;
		sample = old.sampled;
	} else {
		if ((rc = cf_docindex_open_ws(ws, &r.repo, &r.idx)) < 0)
			goto out;
		/* Refusals first: nothing is stored for them. */
		if ((rc = load_checklist(&r, req->checklist_id, NULL)) < 0 ||
		    (rc = prepare_checks(&r)) < 0)
			goto out;
		if ((rc = cf_docset_calendar(ws, &r.cal)) < 0)
			goto out;
	}

	/*
	 * The one transaction starts here, before the first read of the
	 * records (the default --from is one): an import that commits
	 * meanwhile is seen whole or not at all.
	 */
	if ((rc = cf_store_begin(r.st)) < 0)
		goto out;
	r.env.tz = r.tz;
	r.env.cal = r.cal;
	r.env.to = has_to ? to : cf_tz_today(r.tz);
	if (has_from)
		r.env.from = from;
	else if ((rc = cf_cases_first_day(r.st, &r.env.from)) == CF_ENOTFOUND) {
		cf_error_clear();
		r.env.from = r.env.to;
	} else if (rc < 0)
		goto fail;
	if (r.env.from > r.env.to) {
		char f[11], t[11];
		cf_day_format(r.env.from, f);
		cf_day_format(r.env.to, t);
		rc = cf_error_set(CF_EUSAGE,
		    "the period starts (%s) after it ends "
		    "(%s)",
		    f, t);
		goto fail;
	}

	r.head.checklist_id = cf_xstrdup(r.list->id);
	r.head.checklist_title = r.list->title ? cf_xstrdup(r.list->title)
					       : NULL;
	memcpy(r.head.checklist_commit, r.listv->commit, 41);
	memcpy(r.head.documents_commit, cf_docindex_head(r.idx), 41);
	r.head.from = r.env.from;
	r.head.to = r.env.to;
	r.head.scope = cf_xstrdup(r.list->scope);
	r.head.actor = cf_ws_actor(ws);
	r.head.timezone = cf_xstrdup(cf_tz_name(r.tz));
	r.head.started_at = cf_now();
	r.head.finished_at = r.head.started_at;
	/* The records this audit sees: every batch up to the last now. */
	if (r.as_of >= 0)
		r.head.last_batch = r.as_of;
	else if ((rc = cf_cases_last_batch(r.st, &r.head.last_batch)) < 0)
		goto fail;

	if (sample && (rc = draw_sample(&r)) < 0)
		goto fail;
	if ((rc = cf_auditdb_insert(r.st, &r.head)) < 0 ||
	    (rc = pass_over_cases(&r)) < 0 || (rc = fill_box(&r)) < 0 ||
	    (rc = other_checks(&r)) < 0)
		goto fail;
	r.head.finished_at = cf_now();
	if ((rc = cf_auditdb_finished(r.st, &r.head)) < 0 ||
	    (rc = store_rest(&r)) < 0)
		goto fail;
	if (r.as_of >= 0) {
		/* Printed from the rows as a stored audit is, then undone. */
		rc = req->print ? req->print(r.st, r.head.id, req->print_arg)
				: 0;
		cf_store_rollback(r.st);
		goto out;
	}
	if ((rc = cf_ncr_record_audit(r.st, r.head.id, r.head.finished_at,
		 r.head.actor, &rec)) < 0)
		goto fail;
	out->ncr_opened = rec.opened;
	out->ncr_joined = rec.joined;
	out->ncr_listed = rec.listed;
	if (req->dry_run) {
		/* What it would find, NCRs included, printed; then undone. */
		rc = req->print ? req->print(r.st, r.head.id, req->print_arg)
				: 0;
		cf_store_rollback(r.st);
		goto out;
	}
	if ((rc = record_trail(&r)) < 0 || (rc = cf_store_commit(r.st)) < 0)
		goto fail;
	out->id = r.head.id;
	goto out;
fail:
	cf_store_rollback(r.st);
out:
	cf_audit_head_release(&old);
	runner_release(&r);
	return rc;
}
