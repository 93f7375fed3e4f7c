/* SPDX-License-Identifier: MIT */
/*
 * import.c - the import transaction (see import.h).
 *
 * Two threads per file: a reader (rows.c, on a thread of its own) turns
 * the file into checked rows and packs them into chunks (pipe.h); this
 * thread takes the chunks and applies the rules that need the import as
 * a whole or the store, and writes.  Reading and checking cost about as
 * much as writing, so the two overlap.  SQLite is only ever used from
 * this thread, and time zones only from the reader while it runs.
 *
 * Every file is opened once; its SHA-256 is taken from that descriptor
 * before the transaction starts (so the slow part holds no lock), and
 * the same descriptor is then read from the start again, so the bytes
 * hashed are the bytes imported.
 *
 * A bad row is counted and written nowhere, and one bad row anywhere
 * makes the end a ROLLBACK; reading goes on so that every bad row is
 * found.  The first CF_IMPORT_SHOWN by position are kept (a bounded set:
 * when full, a row replaces the last one if it comes earlier), so
 * memory does not grow with the number of bad rows.
 *
 * Case ids go into an in-memory set (caseset.h) with what the import
 * knows of them: defined here (new, or re-imported), only named by
 * events (stored, or not known yet), or bad.  An event row then costs
 * no query for its case unless the case is neither in the import so
 * far nor looked up before: one query per distinct case.  An event
 * whose case is still unknown after the last file is a bad row.  Events
 * of a case stored before are compared with the stored ones (one
 * indexed lookup each), the only per-row query.
 *
 * Evaluations (doc/cases.md "Evaluations") cost no query for their
 * case: an insert each (ON CONFLICT DO NOTHING on the identity), and at
 * the end one pass names those of the import whose case is not stored.
 * Only an identity already stored costs a read (and, when it comes
 * again from an earlier import, an entry in a second set, which tells a
 * third appearance in the import from a second).
 * Events are written through a batch (evbatch.h): as they come while
 * they come in event_rec's key order, else held back and written a
 * sorted batch at a time, the last when the file ends.  Each has its
 * seq and is in its batch's digest before that, and nothing reads this
 * import's events back before the file's last batch is written
 * (doc/cases.md#import-speed).  The read-ahead (NCHUNKS) covers about a
 * batch, so the reader goes on while a batch is written.
 *
 * Referential integrity (every event's case and every row's batch
 * exist) is what the case set guarantees before COMMIT, so the import
 * turns SQLite's per-row foreign-key enforcement off for its own
 * transaction (the keys stay declared, for PRAGMA foreign_key_check);
 * that saves two b-tree searches per event.
 */
#include "conform.h"
#include "casedb.h"
#include "caseset.h"
#include "docindex.h"
#include "evbatch.h"
#include "finals.h"
#include "import.h"
#include "json.h"
#include "trail.h"
#include "pipe.h"
#include "recdigest.h"
#include "rows.h"
#include "amount.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CHUNK_BYTES (256u * 1024)
#define NCHUNKS 32
#define IMPORT_CACHE_KIB 16384

struct badrow {
	size_t file;
	int line;
	size_t seq;
	char *msg;
};

/* What a batch wrote, as its trail entry binds it (doc/integrity.md). */
struct bound {
	int64_t writes, events, evals;
	char cases_digest[CF_SHA256_HEX], events_digest[CF_SHA256_HEX];
	char evals_digest[CF_SHA256_HEX];
};

struct imp {
	struct cf_store *st;
	struct cf_tz *tz;
	const struct cf_import_opts *o;
	struct cf_casedb *db;
	struct cf_caseset *ids;
	struct cf_evbatch *evb; /* events held back, written sorted */
	char *const *paths;
	size_t n;
	struct cf_import_result *res;
	int64_t *batch_of; /* per file: its batch id, or 0 */
	char **sheet_of;   /* per file: a workbook's sheet, or NULL */
	struct cf_docindex *idx;  /* for XES files, when o->repo is given */
	struct cf_finals *finals; /* its final steps */
	int64_t seq_first; /* the first sequence number of this import */
	int64_t seq;	   /* the next one */
	size_t fi;	   /* the file being read */
	struct cf_import_file *cur;
	struct cf_caseent *last_ent;
	/* the digests of the file being imported, then of each file */
	struct cf_recdigest dcases, devents, devals;
	int64_t first_batch; /* the first batch of this import (0: none yet) */
	struct cf_caseset *evals; /* the evaluation identities met */
	struct cf_buf evkey;
	struct bound *bound;
	/* bad rows */
	struct badrow shown[CF_IMPORT_SHOWN];
	size_t nshown;
	size_t nbad;
	size_t badseq;
};

/* ---- bad rows ---- */

static int
pos_cmp(const struct badrow *a, const struct badrow *b)
{
	if (a->file != b->file)
		return a->file < b->file ? -1 : 1;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static void
add_bad(struct imp *im, size_t file, int line, char *msg)
{
	struct badrow r = { file, line, im->badseq++, msg };
	size_t worst = 0;

	im->nbad++;
	if (im->nshown < CF_IMPORT_SHOWN) {
		im->shown[im->nshown++] = r;
		return;
	}
	for (size_t i = 1; i < im->nshown; i++)
		if (pos_cmp(&im->shown[i], &im->shown[worst]) > 0)
			worst = i;
	if (pos_cmp(&r, &im->shown[worst]) < 0) {
		free(im->shown[worst].msg);
		im->shown[worst] = r;
	} else
		free(msg);
}

static void bad(struct imp *im, int line, const char *fmt, ...) CF_PRINTF(3, 4);

static void
bad(struct imp *im, int line, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = cf_xvasprintf(fmt, ap);
	va_end(ap);
	add_bad(im, im->fi, line, msg);
}

static int
shown_cmp(const void *a, const void *b)
{
	return pos_cmp(a, b);
}

/*
 * Where a file's rows are named: its path, and for a workbook
 * PATH:SHEET, so that a place reads FILE:LINE for CSV and FILE:SHEET:ROW
 * for a sheet (doc/cases.md "Spreadsheets").  The caller frees it.
 */
static char *
place(const struct imp *im, size_t file)
{
	const char *sheet = im->sheet_of ? im->sheet_of[file] : NULL;

	return sheet ? cf_xasprintf("%s:%s", im->paths[file], sheet)
		     : cf_xstrdup(im->paths[file]);
}

static void
publish_bad(struct imp *im)
{
	cf_sort(im->shown, im->nshown, sizeof im->shown[0], shown_cmp);
	for (size_t i = 0; i < im->nshown; i++) {
		char *file = place(im, im->shown[i].file);
		cf_diags_add(&im->res->bad, file, im->shown[i].line, 0, "%s",
		    im->shown[i].msg);
		free(file);
		free(im->shown[i].msg);
	}
	im->nshown = 0;
	im->res->nbad = im->nbad;
}

static const char *
where(struct imp *im, const struct cf_caseent *e, char *buf, size_t size)
{
	char *file = place(im, e->file);

	snprintf(buf, size, "%s:%u", file, e->line);
	free(file);
	return buf;
}

/* ---- cases ---- */

static bool
same_time(const struct cf_time *a, const struct cf_time *b)
{
	return cf_time_cmp(a, b) == 0;
}

/*
 * A stored case comes again: same procedure and acceptance, else a bad
 * row; each other field empty in the import keeps the store's, empty
 * in the store takes the import's, and given in both must agree.
 */
static int
reimport(struct imp *im, const struct cf_caserow *c, int line, bool *ok)
{
	struct cf_caserow was, now = *c;
	char *conflict = NULL, *merged = NULL, a[32], b[32];
	struct cf_buf norm = CF_BUF_INIT;
	bool fill = false;
	int rc;

	*ok = false;
	if ((rc = cf_casedb_case_get(im->db, c->id, &was)) < 0)
		return rc;
	if (strcmp(was.procedure, c->procedure) != 0) {
		bad(im, line,
		    "case '%s' is stored with procedure_id '%s', expected the "
		    "same procedure_id when a case comes again, not '%s'",
		    c->id, was.procedure, c->procedure);
		goto out;
	}
	if (!same_time(&was.accepted, &c->accepted)) {
		cf_wall_format(was.accepted_wall, a);
		cf_wall_format(c->accepted_wall, b);
		bad(im, line,
		    "case '%s' is stored with accepted_at %s, expected the "
		    "same accepted_at when a case comes again, not %s",
		    c->id, a, b);
		goto out;
	}
	if (c->completed && was.completed &&
	    !same_time(&c->completed_at, &was.completed_at)) {
		cf_wall_format(was.completed_wall, a);
		cf_wall_format(c->completed_wall, b);
		bad(im, line,
		    "case '%s' is stored with completed_at %s, expected the "
		    "same or an empty completed_at, not %s",
		    c->id, a, b);
		goto out;
	}
	if (!c->completed && was.completed) {
		now.completed = true;
		now.completed_at = was.completed_at;
		now.completed_wall = was.completed_wall;
		now.completed_day = was.completed_day;
	} else if (c->completed && !was.completed)
		fill = true;
	if (c->received && was.received &&
	    !same_time(&c->received_at, &was.received_at)) {
		cf_wall_format(was.received_wall, a);
		cf_wall_format(c->received_wall, b);
		bad(im, line,
		    "case '%s' is stored with received_at %s, expected the "
		    "same or an empty received_at, not %s",
		    c->id, a, b);
		goto out;
	}
	if (was.received) { /* the stored one stays, offset and all */
		now.received = true;
		now.received_at = was.received_at;
		now.received_wall = was.received_wall;
	} else if (c->received)
		fill = true;
	if (c->has_fee && was.has_fee && c->fee_fen != was.fee_fen) {
		cf_amount_format(was.fee_fen, a, sizeof a);
		cf_amount_format(c->fee_fen, b, sizeof b);
		bad(im, line,
		    "case '%s' is stored with fee_charged %s, expected the "
		    "same or an empty fee_charged, not %s",
		    c->id, a, b);
		goto out;
	}
	if (!c->has_fee && was.has_fee) {
		now.has_fee = true;
		now.fee_fen = was.fee_fen;
	} else if (c->has_fee && !was.has_fee)
		fill = true;
	struct {
		const char *name;
		const char **now;
		const char *was;
	} texts[] = {
		{ "materials", &now.materials, was.materials },
		{ "window", &now.window, was.window },
		{ "channel", &now.channel, was.channel },
	};
	for (size_t i = 0; i < CF_ARRAY_LEN(texts); i++) {
		const char *n = *texts[i].now, *w = texts[i].was, *wn = w;
		bool n_empty = n == NULL || *n == '\0';
		bool w_empty = w == NULL || *w == '\0';
		/* Materials compare as lists: a list stored before the
		 * full-width separator was one ("M1；M2") equals the same
		 * list read now ("M1;M2"), and the stored text stays. */
		if (i == 0 && !w_empty)
			wn = cf_materials_norm(&norm, w, strlen(w));
		if (!n_empty && !w_empty && strcmp(n, wn) != 0) {
			bad(im, line,
			    "case '%s' is stored with %s '%s', expected the "
			    "same or an empty %s, not '%s'",
			    c->id, texts[i].name, w, texts[i].name, n);
			goto out;
		}
		if (!w_empty && (n_empty || strcmp(n, w) != 0))
			*texts[i].now = w;
		else if (!n_empty && w_empty)
			fill = true;
		else if (n && !w) /* "" (none received) for not recorded */
			fill = true;
	}
	if ((rc = cf_casedb_attrs_merge(im->db, was.attrs, c->attrs, &conflict,
		 &merged)) < 0)
		goto out;
	if (conflict) {
		bad(im, line,
		    "case '%s' is stored with another value of attribute "
		    "'%s', expected the same value when a case comes again",
		    c->id, conflict);
		goto out;
	}
	if (merged && (was.attrs == NULL || strcmp(merged, was.attrs) != 0))
		fill = true;
	now.attrs = merged;
	*ok = true;
	if (fill) {
		if ((rc = cf_casedb_case_update(im->db, &now,
			 &im->dcases.enc)) == 0)
			cf_recdigest_row(&im->dcases);
		im->cur->cases_updated++;
	} else
		im->cur->cases_unchanged++;
out:
	cf_buf_release(&norm);
	free(conflict);
	free(merged);
	cf_caserow_release(&was);
	return rc;
}

/* A case row that passed the row checks. */
static int
accept_case(struct imp *im, struct cf_caserow *c, int line)
{
	struct cf_caseent *e;
	bool created, inserted, ok;
	char at[600];
	int rc;

	e = cf_caseset_get(im->ids, c->id, strlen(c->id), &created);
	im->last_ent = e;
	if (!created &&
	    (e->kind == CF_CASE_NEW || e->kind == CF_CASE_REIMPORT ||
		e->kind == CF_CASE_BAD)) {
		bad(im, line,
		    "case '%s' appears twice in this import (first at %s), "
		    "expected each case once",
		    c->id, where(im, e, at, sizeof at));
		return 0;
	}
	bool stored = !created && e->kind == CF_CASE_STORED;
	e->file = (uint16_t)im->fi;
	e->line = (uint32_t)line;
	c->batch = c->wrote_batch = im->cur->batch;
	c->line = c->wrote_line = line;
	c->completed_batch = c->completed ? c->batch : 0;
	if (!stored) {
		if ((rc = cf_casedb_case_insert(im->db, c, &inserted)) < 0)
			return rc;
		if (inserted) {
			e->kind = CF_CASE_NEW;
			im->cur->cases_new++;
			/* the reader hashed the row as inserted, or we do */
			if (c->hashed)
				cf_recdigest_hash(&im->dcases, c->hash);
			else {
				cf_casedb_case_encode(c, &im->dcases.enc);
				cf_recdigest_row(&im->dcases);
			}
			return 0;
		}
	}
	if ((rc = reimport(im, c, line, &ok)) < 0)
		return rc;
	e->kind = ok ? CF_CASE_REIMPORT : CF_CASE_BAD;
	return 0;
}

/* The id of a bad case row: its events make no noise of their own. */
static void
bad_case_id(struct imp *im, const char *id, int line)
{
	struct cf_caseent *e;
	bool created;

	e = cf_caseset_get(im->ids, id, strlen(id), &created);
	if (created || e->kind == CF_CASE_STORED ||
	    e->kind == CF_CASE_UNRESOLVED) {
		e->kind = CF_CASE_BAD;
		e->file = (uint16_t)im->fi;
		e->line = (uint32_t)line;
	}
}

/* ---- events ---- */

static int
write_event(void *db, const struct cf_eventrow *e)
{
	return cf_casedb_event_insert(db, e);
}

static int
accept_event(struct imp *im, struct cf_eventrow *ev)
{
	struct cf_caseent *e = im->last_ent;
	size_t len = strlen(ev->case_id);
	bool created, found, stored;
	int rc;

	if (e == NULL || memcmp(e->id, ev->case_id, len + 1) != 0) {
		e = cf_caseset_find(im->ids, ev->case_id, len);
		if (e == NULL) {
			if ((rc = cf_casedb_case_exists(im->db, ev->case_id,
				 &found)) < 0)
				return rc;
			e = cf_caseset_get(im->ids, ev->case_id, len, &created);
			e->kind = found ? CF_CASE_STORED : CF_CASE_UNRESOLVED;
			e->file = (uint16_t)im->fi;
			e->line = (uint32_t)ev->line;
		}
		im->last_ent = e;
	}
	switch (e->kind) {
	case CF_CASE_BAD:
		return 0; /* its case row is reported already */
	case CF_CASE_REIMPORT:
	case CF_CASE_STORED:
		if ((rc = cf_casedb_event_stored(im->db, ev, im->seq_first,
			 &stored)) < 0)
			return rc;
		if (stored) {
			im->cur->events_skipped++;
			return 0;
		}
		break;
	default:
		break;
	}
	/* The reader's hash holds if it guessed this seq (no event of
	 * the file skipped or dropped before this one). */
	bool hashed = ev->hashed && ev->seq == im->seq &&
	    ev->batch == im->cur->batch;
	ev->seq = im->seq++;
	ev->batch = im->cur->batch;
	if ((rc = cf_evbatch_add(im->evb, ev)) < 0)
		return rc;
	if (hashed)
		cf_recdigest_hash(&im->devents, ev->hash);
	else {
		cf_casedb_event_encode(ev, &im->devents.enc);
		cf_recdigest_row(&im->devents);
	}
	im->cur->events_new++;
	return 0;
}

/* ---- evaluations ---- */

/* "case 'C' rated at T" and " by channel 'X'" when one is recorded. */
static char *
eval_name(const struct cf_evalrow *v)
{
	char at[32];

	cf_wall_format(v->rated_wall, at);
	return v->channel ? cf_xasprintf("evaluation of case '%s' rated at %s "
					 "by channel '%s'",
				v->case_id, at, v->channel)
			  : cf_xasprintf("evaluation of case '%s' rated at %s",
				v->case_id, at);
}

/* The file index of batch `batch` of this import (0 if none). */
static size_t
file_of(const struct imp *im, int64_t batch)
{
	for (size_t i = 0; i < im->n; i++)
		if (im->batch_of[i] == batch)
			return i;
	return 0;
}

/* A time of an evaluation that comes again: may fill, else must agree. */
static bool
refill_time(struct imp *im, int line, const char *name, const char *col,
    bool now_set, const struct cf_time *now, int64_t now_wall, bool *was_set,
    struct cf_time *was, int64_t *was_wall, bool *fill)
{
	char a[32], b[32];

	if (!now_set)
		return true; /* an empty cell keeps the stored value */
	if (!*was_set) {
		*was_set = true;
		*was = *now;
		*was_wall = now_wall;
		*fill = true;
		return true;
	}
	if (same_time(now, was))
		return true;
	cf_wall_format(*was_wall, a);
	cf_wall_format(now_wall, b);
	bad(im, line,
	    "%s is stored with %s %s, expected the same or an empty %s, "
	    "not %s",
	    name, col, a, col, b);
	return false;
}

/*
 * A stored evaluation comes again (doc/cases.md "Evaluations"): its
 * empty revisit_at / rectified_at may be filled; an empty cell keeps the
 * stored value; any other difference is a bad row.
 */
static int
eval_again(struct imp *im, const struct cf_evalrow *v, bool *ok)
{
	struct cf_evalrow was;
	char *name = eval_name(v), *conflict = NULL, *merged = NULL;
	bool fill = false;
	int rc, line = v->line;

	*ok = false;
	if ((rc = cf_casedb_eval_get(im->db, v, &was)) < 0) {
		free(name);
		return rc;
	}
	if (was.rating != v->rating) {
		bad(im, line,
		    "%s is stored with rating %d, expected the same rating "
		    "when an evaluation comes again, not %d",
		    name, was.rating, v->rating);
		goto out;
	}
	if (v->real_name >= 0 && v->real_name != was.real_name) {
		bad(im, line,
		    "%s is stored with real_name %s, expected the same or "
		    "an empty real_name, not %s",
		    name,
		    was.real_name < 0 ? "not recorded"
			: was.real_name ? "yes"
					: "no",
		    v->real_name ? "yes" : "no");
		goto out;
	}
	if (v->comment &&
	    (was.comment == NULL || strcmp(v->comment, was.comment) != 0)) {
		bad(im, line,
		    "%s is stored with %s comment, expected the same or an "
		    "empty comment",
		    name, was.comment ? "another" : "no");
		goto out;
	}
	if ((rc = cf_casedb_attrs_merge(im->db, was.attrs, v->attrs, &conflict,
		 &merged)) < 0)
		goto out;
	if (conflict || (merged && (was.attrs == NULL ||
				       strcmp(merged, was.attrs) != 0))) {
		bad(im, line,
		    "%s is stored with %s, expected the same attributes when "
		    "an evaluation comes again",
		    name,
		    conflict ? "another value of an attribute"
			     : "fewer attributes");
		goto out;
	}
	if (!refill_time(im, line, name, "revisit_at", v->revisited,
		&v->revisit_at, v->revisit_wall, &was.revisited,
		&was.revisit_at, &was.revisit_wall, &fill) ||
	    !refill_time(im, line, name, "rectified_at", v->rectified,
		&v->rectified_at, v->rectified_wall, &was.rectified,
		&was.rectified_at, &was.rectified_wall, &fill))
		goto out;
	*ok = true;
	if (fill) {
		was.wrote_batch = im->cur->batch;
		was.wrote_line = line;
		if ((rc = cf_casedb_eval_update(im->db, &was,
			 &im->devals.enc)) == 0)
			cf_recdigest_row(&im->devals);
		im->cur->evals_updated++;
	} else
		im->cur->evals_unchanged++;
out:
	free(name);
	free(conflict);
	free(merged);
	cf_evalrow_release(&was);
	return rc;
}

/*
 * An evaluation row that passed the row checks.  No query for its case:
 * one of this import known bad is skipped (its case row is reported),
 * and those whose case is not stored at the end are named then
 * (report_unresolved), one pass for the whole import.  Its identity is
 * new (the insert's usual case), stored by this import (twice in it), or
 * stored before: it comes again, and the set of those met in this
 * import (only ever such re-imports) tells a third time from a second.
 */
static int
accept_eval(struct imp *im, struct cf_evalrow *v)
{
	struct cf_caseent *e = im->last_ent;
	size_t len = strlen(v->case_id);
	struct cf_evalrow was;
	bool created, inserted, ok;
	char at[600], *name;
	int rc;

	if (e == NULL || memcmp(e->id, v->case_id, len + 1) != 0) {
		e = cf_caseset_find(im->ids, v->case_id, len);
		if (e)
			im->last_ent = e;
	}
	if (e && e->kind == CF_CASE_BAD)
		return 0;
	/* The reader's hash holds if it made the row of this batch. */
	bool hashed = v->hashed && v->batch == im->cur->batch;
	v->batch = v->wrote_batch = im->cur->batch;
	v->wrote_line = v->line;
	if ((rc = cf_casedb_eval_insert(im->db, v, &inserted)) < 0)
		return rc;
	if (inserted) {
		if (hashed)
			cf_recdigest_hash(&im->devals, v->hash);
		else {
			cf_casedb_eval_encode(v, &im->devals.enc);
			cf_recdigest_row(&im->devals);
		}
		im->cur->evals_new++;
		return 0;
	}
	if ((rc = cf_casedb_eval_get(im->db, v, &was)) < 0)
		return rc;
	struct cf_caseent *k = NULL;
	if (was.batch >= im->first_batch) {
		char *file = place(im, file_of(im, was.batch));
		snprintf(at, sizeof at, "%s:%d", file, was.line);
		free(file);
	} else {
		/* "CASE\x1fSEC.NSEC\x1fCHANNEL": ids hold no control char */
		cf_buf_reset(&im->evkey);
		cf_buf_addf(&im->evkey, "%s\x1f%lld.%d\x1f%s", v->case_id,
		    (long long)v->rated_at.sec, v->rated_at.nsec,
		    v->channel ? v->channel : "");
		k = cf_caseset_get(im->evals, im->evkey.s, im->evkey.len,
		    &created);
		if (created) {
			k->file = (uint16_t)im->fi;
			k->line = (uint32_t)v->line;
			k = NULL;
		} else
			where(im, k, at, sizeof at);
	}
	cf_evalrow_release(&was);
	if (k != NULL || was.batch >= im->first_batch) {
		name = eval_name(v);
		bad(im, v->line,
		    "%s appears twice in this import (first at %s), expected "
		    "each evaluation once",
		    name, at);
		free(name);
		return 0;
	}
	return eval_again(im, v, &ok);
}

/* ---- rows from the reader ---- */

static int
on_row(const struct cf_row *r, struct imp *im)
{
	struct cf_caserow c;
	struct cf_eventrow e;

	switch (r->type) {
	case CF_ROW_CASE:
		c = r->c;
		return accept_case(im, &c, r->line);
	case CF_ROW_EVENT:
		e = r->e;
		return accept_event(im, &e);
	case CF_ROW_EVAL: {
		struct cf_evalrow v = r->v;
		return accept_eval(im, &v);
	}
	case CF_ROW_SHEET:
		if (im->sheet_of[im->fi] == NULL)
			im->sheet_of[im->fi] = cf_xstrdup(r->sheet);
		return 0;
	case CF_ROW_BAD:
		bad(im, r->line, "%s", r->msg);
		if (r->case_id)
			bad_case_id(im, r->case_id, r->line);
		return 0;
	case CF_ROW_END:
		/* a workbook's batch says so (doc/cases.md "Spreadsheets") */
		im->cur->format = r->sheet == NULL ? cf_row_format_name(r->format)
		    : r->format == CF_ROW_EVENTS_CSV  ? "events-xlsx"
		    : r->format == CF_ROW_EVALUATIONS_CSV
			? "evaluations-xlsx"
			: "cases-xlsx";
		im->cur->rows = r->rows;
		im->cur->traces = r->traces;
		im->cur->empty_traces = r->empty_traces;
		if (r->status < 0)
			return cf_error_set(r->status, "%s",
			    r->msg ? r->msg : "cannot read the file");
		return 0;
	}
	return 0;
}

struct reader {
	int fd;
	const char *name;
	struct cf_rows_opts o;
	struct cf_pipe *p;
	struct cf_buf *chunk;
};

static int
pack_row(const struct cf_row *r, void *payload)
{
	struct reader *rd = payload;

	if (rd->chunk == NULL && (rd->chunk = cf_pipe_take(rd->p)) == NULL)
		return CF_ERROR; /* the writer gave up */
	cf_row_put(rd->chunk, r);
	if (rd->chunk->len >= CHUNK_BYTES || r->type == CF_ROW_END) {
		cf_pipe_put(rd->p, rd->chunk);
		rd->chunk = NULL;
	}
	return 0;
}

static void
read_file(struct cf_pipe *p, void *arg)
{
	struct reader *rd = arg;

	rd->p = p;
	cf_rows_read(rd->fd, rd->name, &rd->o, pack_row, rd);
	if (rd->chunk)
		cf_pipe_put(p, rd->chunk);
	cf_pipe_close(p);
}

/* Reads file im->fi on a second thread and applies its rows here. */
static int
import_file(struct imp *im, int fd, bool xes)
{
	/*
	 * Which thread hashes the rows (doc/integrity.md): for CSV the
	 * reader, which waits on the writer; for XES the writer, which
	 * waits on the reader (XML and gzip cost more than the writes).
	 */
	const struct cf_profile *pf = xes ? NULL : im->o->profile;
	struct reader rd = { fd, im->paths[im->fi],
		{ .xes = xes, .tz = im->tz, .known = im->o->known,
		    .procedure = im->o->procedure, .finals = im->finals,
		    .encoding = pf ? pf->encoding : NULL,
		    .sheet = pf ? pf->sheet : NULL,
		    .batch = xes ? 0 : im->cur->batch, .seq_first = im->seq,
		    .profile = pf },
		NULL, NULL };
	struct cf_pipe *p;
	struct cf_buf *b;
	int rc = 0;

	if ((rc = cf_pipe_start(&p, NCHUNKS, read_file, &rd)) < 0)
		return rc;
	while ((b = cf_pipe_get(p)) != NULL) {
		size_t pos = 0;
		struct cf_row r;
		while (rc == 0 && cf_row_get(b->s, b->len, &pos, &r))
			rc = on_row(&r, im);
		cf_pipe_give(p, b);
		if (rc < 0)
			break;
	}
	cf_pipe_free(p);
	return rc;
}

/* ---- files ---- */

static bool
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && strcmp(s + n - k, suffix) == 0;
}

static bool
looks_like_xes(const char *path, int fd)
{
	unsigned char b[64];
	ssize_t got;
	size_t i = 0, n;

	if (ends_with(path, ".xes") || ends_with(path, ".xes.gz") ||
	    ends_with(path, ".XES") || ends_with(path, ".gz"))
		return true;
	if (ends_with(path, ".csv") || ends_with(path, ".CSV"))
		return false;
	got = pread(fd, b, sizeof b, 0);
	n = got > 0 ? (size_t)got : 0;
	if (n >= 2 && b[0] == 0x1f && b[1] == 0x8b)
		return true;
	if (n >= 3 && memcmp(b, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < n &&
	    (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n'))
		i++;
	return i < n && b[i] == '<';
}

/*
 * The SHA-256 of the file on `fd` and its size.  (Read, not mapped: a
 * file truncated meanwhile must give an error, not SIGBUS.)
 */
static int
hash_fd(int fd, char out[CF_SHA256_HEX], int64_t *bytes)
{
	struct cf_sha256 h;
	uint8_t md[CF_SHA256_LEN];
	char *buf = cf_xmalloc(1 << 20);
	ssize_t n;
	int rc = 0;

	*bytes = 0;
	cf_sha256_init(&h);
	while ((n = read(fd, buf, 1 << 20)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			rc = CF_ERROR;
			break;
		}
		cf_sha256_update(&h, buf, (size_t)n);
		*bytes += n;
	}
	cf_sha256_final(&h, md);
	cf_hex(md, CF_SHA256_LEN, out);
	free(buf);
	return rc;
}

/* The events of cases that no file defined and the store lacks. */
struct unres {
	struct imp *im;
	const char *id;
};

static void
unresolved_event(int64_t batch, int line, void *payload)
{
	struct unres *u = payload;
	struct imp *im = u->im;
	size_t file = 0;

	for (size_t i = 0; i < im->n; i++)
		if (im->batch_of[i] == batch)
			file = i;
	add_bad(im, file, line,
	    cf_xasprintf("event of case '%s', which is neither in this "
			 "import nor stored, expected the case in a cases "
			 "file",
		u->id));
}

static void
unresolved_eval(const char *id, int64_t batch, int line, void *payload)
{
	struct imp *im = payload;
	struct cf_caseent *e = cf_caseset_find(im->ids, id, strlen(id));

	if (e && e->kind == CF_CASE_BAD)
		return; /* its case row is reported */
	add_bad(im, file_of(im, batch), line,
	    cf_xasprintf("evaluation of case '%s', which is neither in this "
			 "import nor stored, expected the case in a cases "
			 "file",
		id));
}

static int
report_unresolved(struct imp *im)
{
	size_t n = cf_caseset_count(im->ids);
	int rc;

	for (size_t i = 0; i < n; i++) {
		struct cf_caseent *e = cf_caseset_at(im->ids, i);
		struct unres u = { im, e->id };
		int64_t count;
		size_t before = im->nbad;
		if (e->kind != CF_CASE_UNRESOLVED)
			continue;
		if ((rc = cf_casedb_case_events(im->db, e->id, im->seq_first,
			 CF_IMPORT_SHOWN, unresolved_event, &u, &count)) < 0)
			return rc;
		size_t listed = im->nbad - before;
		if ((size_t)count > listed)
			im->nbad += (size_t)count - listed;
	}
	if (im->first_batch > 0 &&
	    (rc = cf_casedb_orphan_evals(im->db, im->first_batch,
		 unresolved_eval, im)) < 0)
		return rc;
	return 0;
}

static void
add_totals(struct cf_import_file *t, const struct cf_import_file *f)
{
	t->rows += f->rows;
	t->traces += f->traces;
	t->empty_traces += f->empty_traces;
	t->cases_new += f->cases_new;
	t->cases_updated += f->cases_updated;
	t->cases_unchanged += f->cases_unchanged;
	t->events_new += f->events_new;
	t->events_skipped += f->events_skipped;
	t->evals_new += f->evals_new;
	t->evals_updated += f->evals_updated;
	t->evals_unchanged += f->evals_unchanged;
}

static bool
known(const struct cf_strv *ids, const char *id)
{
	for (size_t i = 0; ids && i < ids->n; i++)
		if (strcmp(ids->v[i], id) == 0)
			return true;
	return false;
}

/* Opens and hashes every file; refuses copies among them. */
static int
open_all(struct imp *im, int *fds, int64_t *bytes, bool *skip, bool *xes)
{
	struct cf_import_result *res = im->res;
	bool any_xes = false;

	for (size_t i = 0; i < im->n; i++) {
		struct cf_import_file *f = &res->files[i];
		struct stat sb;
		im->fi = i;
		f->name = cf_xstrdup(im->paths[i]);
		f->format = "";
		fds[i] = open(im->paths[i], O_RDONLY | O_CLOEXEC);
		if (fds[i] < 0 || fstat(fds[i], &sb) < 0 ||
		    S_ISDIR(sb.st_mode)) {
			bad(im, 0,
			    "cannot read the file (%s), expected a "
			    "readable file",
			    fds[i] < 0 ? strerror(errno) : "a directory");
			skip[i] = true;
			continue;
		}
		if (hash_fd(fds[i], f->sha256, &bytes[i]) < 0)
			return cf_error_set(CF_ERROR, "cannot read '%s': %s",
			    im->paths[i], strerror(errno));
		/* through a profile every file is CSV (doc/cases.md) */
		xes[i] = im->o->profile == NULL &&
		    (im->o->format == CF_IMPORT_XES ||
		    (im->o->format == CF_IMPORT_AUTO &&
			looks_like_xes(im->paths[i], fds[i])));
		any_xes |= xes[i];
		for (size_t k = 0; k < i; k++)
			if (!skip[k] &&
			    strcmp(res->files[k].sha256, f->sha256) == 0) {
				bad(im, 0,
				    "same bytes (SHA-256 %.12s) as '%s' of this "
				    "import, expected each file once",
				    f->sha256, im->paths[k]);
				skip[i] = true;
				break;
			}
	}
	if (im->o->procedure && !any_xes && im->nbad == 0)
		return cf_error_set(CF_EUSAGE,
		    "--procedure applies to XES logs and no FILE is one (a "
		    "cases CSV names the procedure in its procedure_id "
		    "column)");
	return 0;
}

/* Imports file i (not skipped) inside the transaction. */
static int
one_file(struct imp *im, size_t i, int fd, int64_t bytes, bool xes)
{
	struct cf_import_file *f = &im->res->files[i];
	struct cf_batchrow b;
	char *oldfile = NULL;
	int64_t old;
	int rc;

	memset(&b, 0, sizeof b);
	im->fi = i;
	im->cur = f;
	im->last_ent = NULL;
	rc = cf_casedb_batch_by_sha(im->db, f->sha256, &old, &oldfile,
	    &b.imported_at);
	if (rc == 0) {
		char when[32];
		struct cf_time t = { b.imported_at, 0, 0, false };
		cf_time_format_local(&t, im->tz, false, when, sizeof when);
		bad(im, 0,
		    "already imported as batch %lld ('%s', %s), expected a "
		    "file not imported before",
		    (long long)old, oldfile, when);
		free(oldfile);
		return 0;
	}
	if (rc != CF_ENOTFOUND)
		return rc;
	/* The file's own name: where it lay on this machine is no record. */
	const char *slash = strrchr(im->paths[i], '/');
	b.file = slash && slash[1] ? slash + 1 : im->paths[i];
	b.sha256 = f->sha256;
	b.bytes = bytes;
	b.format = xes ? "xes" : "cases-csv";
	b.seq_first = b.seq_end = im->seq;
	b.imported_at = cf_now();
	b.timezone = cf_tz_name(im->tz);
	if (!xes && im->o->profile) {
		b.profile_id = im->o->profile->id;
		b.profile_commit = im->o->profile_commit;
	}
	if ((rc = cf_casedb_batch_insert(im->db, &b)) < 0)
		return rc;
	f->batch = im->batch_of[i] = b.id;
	if (im->first_batch == 0)
		im->first_batch = b.id;
	f->format = b.format;
	cf_recdigest_init(&im->dcases);
	cf_recdigest_init(&im->devents);
	cf_recdigest_init(&im->devals);
	rc = import_file(im, fd, xes);
	im->bound[i].writes = im->dcases.n;
	im->bound[i].events = im->devents.n;
	im->bound[i].evals = im->devals.n;
	cf_recdigest_final(&im->dcases, im->bound[i].cases_digest);
	cf_recdigest_final(&im->devents, im->bound[i].events_digest);
	cf_recdigest_final(&im->devals, im->bound[i].evals_digest);
	if (rc < 0 || (rc = cf_evbatch_flush(im->evb)) < 0)
		return rc;
	b.format = f->format;
	b.rows = f->rows;
	b.traces = f->traces;
	b.empty_traces = f->empty_traces;
	b.cases_new = f->cases_new;
	b.cases_updated = f->cases_updated;
	b.events_new = f->events_new;
	b.events_skipped = f->events_skipped;
	b.seq_end = im->seq;
	if ((rc = cf_casedb_batch_update(im->db, &b)) < 0)
		return rc;
	add_totals(&im->res->total, f);
	return 0;
}

static int
batch_row(int64_t id, const char *file, const char *sha256, const char *row,
    void *arg)
{
	(void)id;
	(void)file;
	(void)sha256;
	cf_json_raw(arg, "import_batch", row);
	return 0;
}

/*
 * One trail entry per batch, in the import's transaction, binding the
 * batch's row (read back: one row) and the digests of the case writes
 * and events it made (doc/integrity.md).
 */
static int
record_batches(struct imp *im, const char *actor)
{
	int rc = 0;

	for (size_t i = 0; i < im->res->nfiles && rc == 0; i++) {
		const struct cf_import_file *f = &im->res->files[i];
		const struct bound *bd = &im->bound[i];
		struct cf_json *j;
		char *data;
		if (f->batch <= 0)
			continue;
		j = cf_json_new();
		if ((rc = cf_cases_batch_rows(im->st, f->batch, batch_row,
			 j)) < 0) {
			cf_json_free(j);
			break;
		}
		cf_rec_json_digest(j, "cases", "writes", bd->writes,
		    bd->cases_digest);
		cf_rec_json_digest(j, "events", "count", bd->events,
		    bd->events_digest);
		/* only an evaluations batch binds evaluation writes, so a
		 * cases or events batch's entry reads as before */
		bool evals = strncmp(f->format, "evaluations", 11) == 0;
		if (evals)
			cf_rec_json_digest(j, "evaluations", "writes",
			    bd->evals, bd->evals_digest);
		cf_json_int(j, "batch", f->batch);
		cf_json_str(j, "file", f->name);
		cf_json_str(j, "format", f->format);
		cf_json_int(j, "rows", f->rows);
		cf_json_int(j, "traces", f->traces);
		cf_json_int(j, "cases_new", f->cases_new);
		cf_json_int(j, "cases_updated", f->cases_updated);
		cf_json_int(j, "events_new", f->events_new);
		cf_json_int(j, "events_skipped", f->events_skipped);
		if (evals) {
			cf_json_int(j, "evaluations_new", f->evals_new);
			cf_json_int(j, "evaluations_updated",
			    f->evals_updated);
		}
		data = cf_json_text(j);
		rc = cf_trail_append(im->st, cf_now(),
		    actor ? actor : "unknown", "import.batch", f->sha256, data,
		    NULL);
		free(data);
		cf_json_free(j);
	}
	return rc;
}

int
cf_import_run(struct cf_store *st, struct cf_tz *tz,
    const struct cf_import_opts *o, char *const *paths, size_t n,
    struct cf_import_result *res)
{
	struct imp im;
	size_t m = n ? n : 1;
	int *fds = cf_xcalloc(m, sizeof *fds);
	int64_t *bytes = cf_xcalloc(m, sizeof *bytes);
	bool *skip = cf_xcalloc(m, sizeof *skip);
	bool *xes = cf_xcalloc(m, sizeof *xes);
	bool fk_off = false;
	char *other = NULL;
	int rc = 0;

	memset(&im, 0, sizeof im);
	memset(res, 0, sizeof *res);
	res->files = cf_xcalloc(m, sizeof *res->files);
	res->nfiles = n;
	im.st = st;
	im.tz = tz;
	im.o = o;
	im.paths = paths;
	im.n = n;
	im.res = res;
	im.batch_of = cf_xcalloc(m, sizeof *im.batch_of);
	im.sheet_of = cf_xcalloc(m, sizeof *im.sheet_of);
	im.bound = cf_xcalloc(m, sizeof *im.bound);
	for (size_t i = 0; i < n; i++)
		fds[i] = -1;
	if (n > UINT16_MAX) {
		rc = cf_error_set(CF_EUSAGE, "too many files (at most %u)",
		    UINT16_MAX);
		goto out;
	}
	if (o->procedure && !known(o->known, o->procedure)) {
		rc = cf_error_set(CF_ENOTFOUND,
		    "--procedure '%s' names no procedure committed on main, "
		    "expected the id of procedures/ID.xml",
		    o->procedure);
		goto out;
	}
	/* Open and hash every file before taking the write lock. */
	if ((rc = open_all(&im, fds, bytes, skip, xes)) < 0)
		goto out;
	/* The final steps, read before any file (finals.h).  The index is
	 * built without the store's cache: an import that is refused
	 * leaves the store as it was, cache included. */
	for (size_t i = 0; i < n && o->repo && im.finals == NULL; i++)
		if (xes[i] && !skip[i] &&
		    ((rc = cf_docindex_open(&im.idx, o->repo, NULL, tz)) < 0 ||
			(rc = cf_finals_build(&im.finals, im.idx)) < 0))
			goto out;
	if ((rc = cf_casedb_open(&im.db, st)) < 0)
		goto out;
	/* Outside the transaction: pragmas are no-ops inside one. */
	if ((rc = cf_store_cache_size(st, IMPORT_CACHE_KIB)) < 0 ||
	    (rc = cf_store_foreign_keys(st, false)) < 0)
		goto out;
	fk_off = true;
	if ((rc = cf_store_begin(st)) < 0)
		goto out;
	if ((rc = cf_casedb_other_zone(im.db, cf_tz_name(tz), &other)) < 0)
		goto out;
	if (other) {
		rc = cf_error_set(CF_EINVALID,
		    "the stored records were imported under timezone '%s' "
		    "but the workspace timezone is now '%s'; local dates "
		    "would disagree, expected the timezone they were "
		    "imported under",
		    other, cf_tz_name(tz));
		goto out;
	}
	if ((rc = cf_casedb_next_seq(im.db, &im.seq_first)) < 0)
		goto out;
	im.seq = im.seq_first;
	im.ids = cf_caseset_new();
	im.evals = cf_caseset_new();
	im.evb = cf_evbatch_new(0, write_event, im.db);
	for (size_t i = 0; i < n; i++)
		if (!skip[i] &&
		    (rc = one_file(&im, i, fds[i], bytes[i], xes[i])) < 0)
			goto out;
	if ((rc = report_unresolved(&im)) < 0)
		goto out;
	if (im.nbad > 0) {
		cf_store_rollback(st);
		publish_bad(&im);
		rc = cf_error_set(CF_EINVALID,
		    "%zu bad row%s; nothing imported", im.nbad,
		    im.nbad == 1 ? "" : "s");
		goto out;
	}
	if ((rc = record_batches(&im, o->actor)) < 0)
		goto out;
	rc = cf_store_commit(st);
out:
	if (rc < 0 && cf_store_in_tx(st))
		cf_store_rollback(st);
	/* Back to the settings the store opens connections with. */
	if (fk_off && cf_store_foreign_keys(st, true) == 0)
		cf_store_cache_size(st, CF_STORE_CACHE_KIB);
	for (size_t i = 0; i < im.nshown; i++)
		free(im.shown[i].msg);
	for (size_t i = 0; i < n; i++)
		if (fds[i] >= 0)
			close(fds[i]);
	free(fds);
	free(bytes);
	free(skip);
	free(xes);
	free(other);
	free(im.batch_of);
	for (size_t i = 0; im.sheet_of && i < n; i++)
		free(im.sheet_of[i]);
	free(im.sheet_of);
	free(im.bound);
	cf_caseset_free(im.ids);
	cf_caseset_free(im.evals);
	cf_buf_release(&im.evkey);
	cf_evbatch_free(im.evb);
	cf_casedb_free(im.db);
	cf_finals_free(im.finals);
	cf_docindex_free(im.idx);
	return rc;
}

void
cf_import_result_release(struct cf_import_result *res)
{
	for (size_t i = 0; i < res->nfiles; i++)
		free(res->files[i].name);
	free(res->files);
	cf_diags_release(&res->bad);
	memset(res, 0, sizeof *res);
}
