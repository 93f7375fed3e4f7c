/* SPDX-License-Identifier: MIT */
/*
 * reader.c - the audit's one-pass read of cases and events (see
 * reader.h).
 *
 * Both statements walk their table along its primary key (case_rec is
 * clustered by case_id, event_rec by case_id, sec, nsec, seq), so SQLite
 * sorts nothing; the merge compares case ids as bytes, as SQLite's
 * BINARY collation does.  The events statement runs one row ahead: the
 * row that ends a case is kept for the next one.  Strings of the current
 * case go into one arena buffer as offsets and become pointers when the
 * case is complete, so the buffer may move while it grows.
 *
 * The normal audit runs the two statements below unchanged; reading as
 * of a batch or with the import times picks other text (the columns
 * added at the end, so the column numbers above them stay), and the
 * batch times are one array read before the pass.
 */
#include "conform.h"
#include "reader.h"
#include "rows.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>

#define NOFF SIZE_MAX

struct evoff {
	size_t activity, actor, role;
};

struct cf_case_reader {
	struct cf_store *st;
	sqlite3_stmt *cs, *es;
	sqlite3_stmt *vs; /* evaluations, when asked for; else NULL */
	bool ev_row_v, ev_end_v; /* vs holds a row not yet used; at its end */
	struct cf_evaluation *evals;
	size_t *evoffs_ch; /* each evaluation's channel, in the arena */
	size_t *evoffs_cm; /* and its comment: column EVAL_COMMENT, which
			      only cf_case_reader_open_one selects */
	size_t aevals;
	char *glob;
	int64_t cut; /* the first instant after the end of `to` (UTC s) */
	bool ev_row; /* es holds a row not yet used */
	bool ev_end;
	struct cf_case c;
	struct cf_buf arena;
	struct cf_buf id; /* the current case id */
	size_t off_id, off_proc, off_window, off_channel, off_mat;
	struct cf_event *events;
	struct evoff *evoffs;
	size_t aev;
	const char **mats;
	size_t amats;
	struct cf_buf mat; /* the current case's materials, normalised */
	bool imports;	   /* the statements name each row's batch */
	int64_t *imported; /* imported_at by batch id, when imports */
	int64_t nimported;
};

static const char case_sql[] =
    "SELECT case_id, procedure_id, accepted_sec, accepted_nsec, "
    "accepted_off, completed_sec, completed_nsec, completed_off, fee_fen, "
    "materials, window, channel, received_sec, received_nsec, received_off "
    "FROM case_rec WHERE accepted_day BETWEEN ?1 AND ?2 ORDER BY case_id";

static const char event_sql[] =
    "SELECT case_id, sec, nsec, off, activity, actor, role FROM event_rec "
    "WHERE sec < ?1 ORDER BY case_id, sec, nsec, seq";

#define CASE_COLS                                                         \
	"case_id, procedure_id, accepted_sec, accepted_nsec, accepted_off, " \
	"completed_sec, completed_nsec, completed_off, fee_fen, materials, " \
	"window, channel, received_sec, received_nsec, received_off, "       \
	"completed_batch"

/* With the batch of each row (column 15 of a case, 7 of an event). */
static const char case_imports_sql[] =
    "SELECT " CASE_COLS " FROM case_rec "
    "WHERE accepted_day BETWEEN ?1 AND ?2 ORDER BY case_id";

static const char event_imports_sql[] =
    "SELECT case_id, sec, nsec, off, activity, actor, role, batch_id "
    "FROM event_rec WHERE sec < ?1 ORDER BY case_id, sec, nsec, seq";

/*
 * As of batch ?3: the rows no later batch rewrote, and for the others
 * the state the latest write up to ?3 left (case_hist is keyed by
 * (case_id, wrote_batch), so both subqueries are one lookup).
 */
static const char case_as_of_sql[] =
    "SELECT " CASE_COLS " FROM case_rec "
    "WHERE accepted_day BETWEEN ?1 AND ?2 AND batch_id <= ?3 "
    "AND wrote_batch <= ?3 "
    "UNION ALL "
    "SELECT " CASE_COLS " FROM case_hist h "
    "WHERE accepted_day BETWEEN ?1 AND ?2 AND batch_id <= ?3 "
    "AND wrote_batch = (SELECT max(x.wrote_batch) FROM case_hist x "
    "  WHERE x.case_id = h.case_id AND x.wrote_batch <= ?3) "
    "AND (SELECT r.wrote_batch FROM case_rec r "
    "  WHERE r.case_id = h.case_id) > ?3 "
    "ORDER BY case_id";

static const char event_as_of_sql[] =
    "SELECT case_id, sec, nsec, off, activity, actor, role, batch_id "
    "FROM event_rec WHERE sec < ?1 AND batch_id <= ?2 "
    "ORDER BY case_id, sec, nsec, seq";

/* Evaluations rated before ?1 (the cut), by case, rated_at, channel. */
#define EVAL_COLS                                                          \
	"case_id, rated_sec, rated_nsec, rated_off, rating, channel, "      \
	"real_name, revisit_sec, revisit_nsec, revisit_off, rectified_sec, " \
	"rectified_nsec, rectified_off"
#define EVAL_COMMENT 13 /* the column after EVAL_COLS */

static const char eval_sql[] =
    "SELECT " EVAL_COLS " FROM eval_rec WHERE rated_sec < ?1 "
    "ORDER BY case_id, rated_sec, rated_nsec, channel";

/* As of batch ?2, as case_as_of_sql (eval_hist is keyed by the
 * identity and wrote_batch). */
static const char eval_as_of_sql[] =
    "SELECT " EVAL_COLS " FROM eval_rec "
    "WHERE rated_sec < ?1 AND batch_id <= ?2 AND wrote_batch <= ?2 "
    "UNION ALL "
    "SELECT " EVAL_COLS " FROM eval_hist h "
    "WHERE rated_sec < ?1 AND batch_id <= ?2 "
    "AND wrote_batch = (SELECT max(x.wrote_batch) FROM eval_hist x "
    "  WHERE x.case_id = h.case_id AND x.rated_sec = h.rated_sec AND "
    "  x.rated_nsec = h.rated_nsec AND x.channel = h.channel AND "
    "  x.wrote_batch <= ?2) "
    "AND (SELECT r.wrote_batch FROM eval_rec r WHERE r.case_id = h.case_id "
    "  AND r.rated_sec = h.rated_sec AND r.rated_nsec = h.rated_nsec AND "
    "  r.channel = h.channel) > ?2 "
    "ORDER BY 1, 2, 3, 6";

/* imported_at of every batch, by id, into r->imported. */
static int
load_import_times(struct cf_case_reader *r)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = cf_store_prepare(r->st, &s,
		 "SELECT batch_id, imported_at FROM import_batch "
		 "ORDER BY batch_id")) < 0)
		return rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(s, 0);
		if (id < 0 || id > INT32_MAX)
			continue; /* not an id the import gives */
		if (id >= r->nimported) {
			int64_t n = r->nimported ? r->nimported : 64;
			while (n <= id)
				n *= 2;
			r->imported = cf_xreallocarray(r->imported, (size_t)n,
			    sizeof *r->imported);
			memset(r->imported + r->nimported, 0,
			    (size_t)(n - r->nimported) * sizeof *r->imported);
			r->nimported = n;
		}
		r->imported[id] = sqlite3_column_int64(s, 1);
	}
	rc = rc == SQLITE_DONE ? 0 : cf_store_error(r->st, "reading batches");
	sqlite3_finalize(s);
	return rc;
}

/* The import time of the batch in column `col` (0: none known). */
static int64_t
import_time(const struct cf_case_reader *r, sqlite3_stmt *s, int col)
{
	int64_t id;

	if (sqlite3_column_type(s, col) == SQLITE_NULL)
		return 0;
	id = sqlite3_column_int64(s, col);
	return id >= 0 && id < r->nimported ? r->imported[id] : 0;
}

static int
zone_check(struct cf_store *st, const char *zone)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = cf_store_prepare(st, &s,
		 "SELECT timezone FROM import_batch WHERE timezone <> ?1 "
		 "LIMIT 1")) < 0)
		return rc;
	sqlite3_bind_text(s, 1, zone, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		rc = cf_error_set(CF_EINVALID,
		    "the stored records were imported under timezone '%s' "
		    "but the workspace timezone is now '%s', expected the "
		    "timezone they were imported under",
		    (const char *)sqlite3_column_text(s, 0), zone);
	else if (rc == SQLITE_DONE)
		rc = 0;
	else
		rc = cf_store_error(st, "reading the batches");
	sqlite3_finalize(s);
	return rc;
}

int
cf_case_reader_open(struct cf_case_reader **out, struct cf_store *st,
    struct cf_tz *tz, const char *glob, cf_day from, cf_day to)
{
	return cf_case_reader_open_with(out, st, tz, glob, from, to, NULL);
}

int
cf_case_reader_open_with(struct cf_case_reader **out, struct cf_store *st,
    struct cf_tz *tz, const char *glob, cf_day from, cf_day to,
    const struct cf_case_reader_opts *opts)
{
	struct cf_case_reader *r;
	int64_t as_of = opts ? opts->as_of : -1;
	const char *csql = case_sql, *esql = event_sql;
	int rc;

	*out = NULL;
	if ((rc = zone_check(st, cf_tz_name(tz))) < 0)
		return rc;
	r = cf_xcalloc(1, sizeof *r);
	r->st = st;
	r->glob = glob && strcmp(glob, "*") != 0 ? cf_xstrdup(glob) : NULL;
	r->cut = cf_tz_from_local(tz, ((int64_t)to + 1) * 86400, NULL);
	cf_buf_init(&r->arena);
	cf_buf_init(&r->id);
	cf_buf_init(&r->mat);
	if (as_of >= 0) {
		csql = case_as_of_sql;
		esql = event_as_of_sql;
		r->imports = true; /* the statements name the batches */
	} else if (opts && opts->imports) {
		csql = case_imports_sql;
		esql = event_imports_sql;
		r->imports = true;
	}
	if ((r->imports && (rc = load_import_times(r)) < 0) ||
	    (rc = cf_store_prepare(st, &r->cs, csql)) < 0 ||
	    (rc = cf_store_prepare(st, &r->es, esql)) < 0) {
		cf_case_reader_free(r);
		return rc;
	}
	if (opts && opts->evaluations &&
	    (rc = cf_store_prepare(st, &r->vs,
		 as_of >= 0 ? eval_as_of_sql : eval_sql)) < 0) {
		cf_case_reader_free(r);
		return rc;
	}
	if (r->vs) {
		sqlite3_bind_int64(r->vs, 1, r->cut);
		if (as_of >= 0)
			sqlite3_bind_int64(r->vs, 2, as_of);
	}
	sqlite3_bind_int(r->cs, 1, from);
	sqlite3_bind_int(r->cs, 2, to);
	sqlite3_bind_int64(r->es, 1, r->cut);
	if (as_of >= 0) {
		sqlite3_bind_int64(r->cs, 3, as_of);
		sqlite3_bind_int64(r->es, 2, as_of);
	}
	*out = r;
	return 0;
}

int
cf_case_reader_open_one(struct cf_case_reader **out, struct cf_store *st,
    const char *id)
{
	struct cf_case_reader *r = cf_xcalloc(1, sizeof *r);
	int rc;

	*out = NULL;
	r->st = st;
	r->cut = INT64_MAX;
	cf_buf_init(&r->arena);
	cf_buf_init(&r->id);
	cf_buf_init(&r->mat);
	if ((rc = cf_store_prepare(st, &r->cs,
		 "SELECT case_id, procedure_id, accepted_sec, accepted_nsec, "
		 "accepted_off, completed_sec, completed_nsec, completed_off, "
		 "fee_fen, materials, window, channel, received_sec, "
		 "received_nsec, received_off FROM case_rec "
		 "WHERE case_id = ?1")) < 0 ||
	    (rc = cf_store_prepare(st, &r->es,
		 "SELECT case_id, sec, nsec, off, activity, actor, role "
		 "FROM event_rec WHERE case_id = ?1 "
		 "ORDER BY sec, nsec, seq")) < 0 ||
	    (rc = cf_store_prepare(st, &r->vs,
		 "SELECT " EVAL_COLS ", comment FROM eval_rec "
		 "WHERE case_id = ?1 "
		 "ORDER BY rated_sec, rated_nsec, channel")) < 0) {
		cf_case_reader_free(r);
		return rc;
	}
	sqlite3_bind_text(r->cs, 1, id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(r->es, 1, id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(r->vs, 1, id, -1, SQLITE_TRANSIENT);
	*out = r;
	return 0;
}

void
cf_case_reader_free(struct cf_case_reader *r)
{
	if (r == NULL)
		return;
	sqlite3_finalize(r->cs);
	sqlite3_finalize(r->es);
	sqlite3_finalize(r->vs);
	free(r->evals);
	free(r->evoffs_ch);
	free(r->evoffs_cm);
	free(r->glob);
	cf_buf_release(&r->arena);
	cf_buf_release(&r->id);
	cf_buf_release(&r->mat);
	free(r->events);
	free(r->evoffs);
	free(r->mats);
	free(r->imported);
	free(r);
}

/* Bytewise order of two ids, as SQLite's BINARY collation. */
static int
id_cmp(const void *a, size_t an, const void *b, size_t bn)
{
	int c = memcmp(a, b, an < bn ? an : bn);

	if (c)
		return c;
	return an < bn ? -1 : an > bn;
}

static size_t
keep(struct cf_case_reader *r, sqlite3_stmt *s, int col)
{
	const unsigned char *t = sqlite3_column_text(s, col);
	size_t off;

	if (t == NULL)
		return NOFF;
	off = r->arena.len;
	cf_buf_add(&r->arena, t, (size_t)sqlite3_column_bytes(s, col));
	cf_buf_addc(&r->arena, '\0');
	return off;
}

/* An optional text: NULL when absent or empty. */
static const char *
opt(struct cf_case_reader *r, size_t off)
{
	if (off == NOFF || r->arena.s[off] == '\0')
		return NULL;
	return r->arena.s + off;
}

static int
step_events(struct cf_case_reader *r)
{
	int rc = sqlite3_step(r->es);

	if (rc == SQLITE_ROW) {
		r->ev_row = true;
		return 0;
	}
	r->ev_row = false;
	if (rc == SQLITE_DONE) {
		r->ev_end = true;
		return 0;
	}
	return cf_store_error(r->st, "reading events");
}

/* Collects the events of the case whose id is id[0..n). */
static int
collect_events(struct cf_case_reader *r, const char *id, size_t n,
    size_t *count)
{
	size_t start = r->arena.len;
	int rc;

	*count = 0;
	for (;;) {
		if (!r->ev_row && !r->ev_end && (rc = step_events(r)) < 0)
			return rc;
		if (r->ev_end)
			return 0;
		const void *eid = sqlite3_column_text(r->es, 0);
		int c = id_cmp(eid, (size_t)sqlite3_column_bytes(r->es, 0), id,
		    n);
		if (c > 0)
			return 0; /* a later case's: keep it */
		r->ev_row = false;
		if (c < 0)
			continue;		    /* a case out of scope */
		if (*count >= CF_CASE_MAX_EVENTS) { /* count on, keep none */
			if (*count == CF_CASE_MAX_EVENTS)
				r->arena.len = start; /* drop their strings */
			(*count)++;
			continue;
		}
		if (*count == r->aev) {
			r->aev = r->aev ? 2 * r->aev : 64;
			r->events = cf_xreallocarray(r->events, r->aev,
			    sizeof *r->events);
			r->evoffs = cf_xreallocarray(r->evoffs, r->aev,
			    sizeof *r->evoffs);
		}
		struct cf_event *e = &r->events[*count];
		struct evoff *o = &r->evoffs[*count];
		e->ts.sec = sqlite3_column_int64(r->es, 1);
		e->ts.nsec = sqlite3_column_int(r->es, 2);
		e->ts.off_sec = sqlite3_column_int(r->es, 3);
		e->ts.has_off = true;
		o->activity = keep(r, r->es, 4);
		o->actor = keep(r, r->es, 5);
		o->role = keep(r, r->es, 6);
		e->imported = r->imports ? import_time(r, r->es, 7) : 0;
		(*count)++;
	}
}

/* A time of columns col.. (sec, nsec, off) when set and before the cut. */
static bool
cut_time(const struct cf_case_reader *r, sqlite3_stmt *s, int col,
    struct cf_time *t)
{
	if (sqlite3_column_type(s, col) == SQLITE_NULL ||
	    sqlite3_column_int64(s, col) >= r->cut)
		return false;
	t->sec = sqlite3_column_int64(s, col);
	t->nsec = sqlite3_column_int(s, col + 1);
	t->off_sec = sqlite3_column_int(s, col + 2);
	t->has_off = true;
	return true;
}

/* Collects the evaluations of the case whose id is id[0..n). */
static int
collect_evals(struct cf_case_reader *r, const char *id, size_t n,
    size_t *count)
{
	sqlite3_stmt *s = r->vs;
	int rc;

	*count = 0;
	for (;;) {
		if (!r->ev_row_v && !r->ev_end_v) {
			rc = sqlite3_step(s);
			if (rc == SQLITE_ROW)
				r->ev_row_v = true;
			else if (rc == SQLITE_DONE)
				r->ev_end_v = true;
			else
				return cf_store_error(r->st,
				    "reading evaluations");
		}
		if (r->ev_end_v)
			return 0;
		int c = id_cmp(sqlite3_column_text(s, 0),
		    (size_t)sqlite3_column_bytes(s, 0), id, n);
		if (c > 0)
			return 0; /* a later case's: keep it */
		r->ev_row_v = false;
		if (c < 0)
			continue; /* a case out of scope */
		if (*count == r->aevals) {
			r->aevals = r->aevals ? 2 * r->aevals : 16;
			r->evals = cf_xreallocarray(r->evals, r->aevals,
			    sizeof *r->evals);
			r->evoffs_ch = cf_xreallocarray(r->evoffs_ch,
			    r->aevals, sizeof *r->evoffs_ch);
			r->evoffs_cm = cf_xreallocarray(r->evoffs_cm,
			    r->aevals, sizeof *r->evoffs_cm);
		}
		struct cf_evaluation *v = &r->evals[*count];
		memset(v, 0, sizeof *v);
		v->rated_at.sec = sqlite3_column_int64(s, 1);
		v->rated_at.nsec = sqlite3_column_int(s, 2);
		v->rated_at.off_sec = sqlite3_column_int(s, 3);
		v->rated_at.has_off = true;
		v->rating = sqlite3_column_int(s, 4);
		r->evoffs_ch[*count] = keep(r, s, 5);
		r->evoffs_cm[*count] = sqlite3_column_count(s) > EVAL_COMMENT
		    ? keep(r, s, EVAL_COMMENT)
		    : NOFF;
		v->real_name = sqlite3_column_type(s, 6) == SQLITE_NULL
		    ? -1
		    : sqlite3_column_int(s, 6);
		v->revisited = cut_time(r, s, 7, &v->revisit_at);
		v->rectified = cut_time(r, s, 10, &v->rectified_at);
		(*count)++;
	}
}

/*
 * Splits the stored "M1;M2".  The import stores the list normalised;
 * it is normalised again here (a no-op for those), so that a list
 * stored before the full-width separator was one ("M1；M2") is judged
 * by today's rule (doc/cases.md).
 */
static void
split_materials(struct cf_case_reader *r)
{
	size_t n = 0;
	const char *stored;

	r->c.materials_recorded = r->off_mat != NOFF;
	r->c.nmaterials = 0;
	r->c.materials = NULL;
	if (r->off_mat == NOFF || r->arena.s[r->off_mat] == '\0')
		return;
	stored = r->arena.s + r->off_mat;
	if (*cf_materials_norm(&r->mat, stored, strlen(stored)) == '\0')
		return;
	for (char *p = r->mat.s;; p++) {
		if (n + 1 >= r->amats) {
			r->amats = r->amats ? 2 * r->amats : 16;
			r->mats = cf_xreallocarray(r->mats, r->amats,
			    sizeof *r->mats);
		}
		r->mats[n++] = p;
		char *semi = strchr(p, ';');
		if (semi == NULL)
			break;
		*semi = '\0';
		p = semi;
	}
	r->c.materials = r->mats;
	r->c.nmaterials = n;
}

int
cf_case_reader_next(struct cf_case_reader *r, const struct cf_case **out)
{
	sqlite3_stmt *s = r->cs;
	struct cf_case *c = &r->c;
	size_t nev;
	int rc;

	*out = NULL;
	for (;;) {
		rc = sqlite3_step(s);
		if (rc == SQLITE_DONE)
			return 0;
		if (rc != SQLITE_ROW)
			return cf_store_error(r->st, "reading cases");
		if (r->glob == NULL ||
		    cf_glob_match(r->glob,
			(const char *)sqlite3_column_text(s, 1)))
			break;
	}
	cf_buf_reset(&r->arena);
	memset(c, 0, sizeof *c);
	r->off_id = keep(r, s, 0);
	r->off_proc = keep(r, s, 1);
	c->accepted.sec = sqlite3_column_int64(s, 2);
	c->accepted.nsec = sqlite3_column_int(s, 3);
	c->accepted.off_sec = sqlite3_column_int(s, 4);
	c->accepted.has_off = true;
	if (sqlite3_column_type(s, 5) != SQLITE_NULL &&
	    sqlite3_column_int64(s, 5) < r->cut) {
		c->completed = true;
		c->completed_at.sec = sqlite3_column_int64(s, 5);
		c->completed_at.nsec = sqlite3_column_int(s, 6);
		c->completed_at.off_sec = sqlite3_column_int(s, 7);
		c->completed_at.has_off = true;
		if (r->imports)
			c->completed_imported = import_time(r, s, 15);
	}
	c->fee_recorded = sqlite3_column_type(s, 8) != SQLITE_NULL;
	c->fee_fen = sqlite3_column_int64(s, 8);
	/* Received on or before the acceptance (the import's rule), so
	 * before the end of --to: never cut. */
	if (sqlite3_column_type(s, 12) != SQLITE_NULL) {
		c->received = true;
		c->received_at.sec = sqlite3_column_int64(s, 12);
		c->received_at.nsec = sqlite3_column_int(s, 13);
		c->received_at.off_sec = sqlite3_column_int(s, 14);
		c->received_at.has_off = true;
	}
	r->off_mat = keep(r, s, 9);
	r->off_window = keep(r, s, 10);
	r->off_channel = keep(r, s, 11);
	/* The arena grows while events are collected: compare a copy. */
	cf_buf_reset(&r->id);
	cf_buf_adds(&r->id, r->arena.s + r->off_id);
	if ((rc = collect_events(r, r->id.s, r->id.len, &nev)) < 0)
		return rc;
	if (nev > CF_CASE_MAX_EVENTS) {
		c->events_over = nev;
		nev = 0;
	}
	size_t nv = 0;
	if (r->vs && (rc = collect_evals(r, r->id.s, r->id.len, &nv)) < 0)
		return rc;
	/* The arena is complete: offsets become pointers. */
	c->id = r->arena.s + r->off_id;
	c->procedure_id = r->arena.s + r->off_proc;
	c->window = opt(r, r->off_window);
	c->channel = opt(r, r->off_channel);
	split_materials(r);
	for (size_t i = 0; i < nev; i++) {
		r->events[i].activity = r->arena.s + r->evoffs[i].activity;
		r->events[i].actor = opt(r, r->evoffs[i].actor);
		r->events[i].role = opt(r, r->evoffs[i].role);
	}
	c->events = r->events;
	c->nevents = nev;
	for (size_t i = 0; i < nv; i++) {
		r->evals[i].channel = opt(r, r->evoffs_ch[i]);
		r->evals[i].comment = opt(r, r->evoffs_cm[i]);
	}
	c->evaluations = nv ? r->evals : NULL;
	c->nevaluations = nv;
	*out = c;
	return 1;
}

int
cf_cases_first_day(struct cf_store *st, cf_day *out)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = cf_store_prepare(st, &s,
		 "SELECT min(accepted_day) FROM case_rec")) < 0)
		return rc;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW && sqlite3_column_type(s, 0) != SQLITE_NULL) {
		*out = sqlite3_column_int(s, 0);
		rc = 0;
	} else if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		rc = cf_error_set(CF_ENOTFOUND, "no case records imported yet");
	else
		rc = cf_store_error(st, "reading cases");
	sqlite3_finalize(s);
	return rc;
}

int
cf_cases_ids(struct cf_store *st, const char *glob, cf_day from, cf_day to,
    int64_t as_of, struct cf_strv *ids)
{
	sqlite3_stmt *s;
	bool all = glob == NULL || strcmp(glob, "*") == 0;
	int rc;

	if ((rc = cf_store_prepare(st, &s,
		 "SELECT case_id, procedure_id FROM case_rec WHERE "
		 "accepted_day BETWEEN ?1 AND ?2 AND (?3 < 0 OR batch_id <= ?3) "
		 "ORDER BY case_id")) < 0)
		return rc;
	sqlite3_bind_int(s, 1, from);
	sqlite3_bind_int(s, 2, to);
	sqlite3_bind_int64(s, 3, as_of);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if (all ||
		    cf_glob_match(glob,
			(const char *)sqlite3_column_text(s, 1)))
			cf_strv_push(ids,
			    (const char *)sqlite3_column_text(s, 0));
	rc = rc == SQLITE_DONE ? 0 : cf_store_error(st, "reading cases");
	sqlite3_finalize(s);
	return rc;
}

int
cf_cases_batches(struct cf_store *st, int64_t as_of, struct cf_strv *sha,
    struct cf_strv *files)
{
	return cf_store_text_pairs(st,
	    "SELECT sha256, file FROM import_batch "
	    "WHERE ?1 < 0 OR batch_id <= ?1 ORDER BY batch_id",
	    as_of, sha, files, "reading batches");
}

int
cf_cases_last_batch(struct cf_store *st, int64_t *out)
{
	sqlite3_stmt *s;
	int rc;

	*out = 0;
	if ((rc = cf_store_prepare(st, &s,
		 "SELECT coalesce(max(batch_id), 0) FROM import_batch")) < 0)
		return rc;
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*out = sqlite3_column_int64(s, 0);
		rc = 0;
	} else
		rc = cf_store_error(st, "reading batches");
	sqlite3_finalize(s);
	return rc;
}
