/* SPDX-License-Identifier: MIT */
/*
 * casedb.c - the import's SQL (see casedb.h).
 *
 * One struct holds every prepared statement; each function is bind,
 * step, reset.  Text is bound SQLITE_STATIC (the caller's strings live
 * through the call, and every statement is reset before returning), and
 * NULL pointers bind as SQL NULL, which is how "not recorded" is stored.
 */
#include "conform.h"
#include "casedb.h"
#include "json.h"
#include "recdigest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
	S_BATCH_BY_SHA,
	S_BATCH_INSERT,
	S_BATCH_UPDATE,
	S_NEXT_SEQ,
	S_OTHER_ZONE,
	S_CASE_INSERT,
	S_CASE_GET,
	S_CASE_KEEP,
	S_CASE_UPDATE,
	S_CASE_EXISTS,
	S_EVENT_INSERT,
	S_EVENT_STORED,
	S_ATTRS_CONFLICT,
	S_ATTRS_MERGE,
	S_CASE_EVENTS,
	S_CASE_EVENTS_COUNT,
	S_EVAL_INSERT,
	S_EVAL_GET,
	S_EVAL_KEEP,
	S_EVAL_UPDATE,
	S_BATCH_EVALS,
	S_CASES_FROM,
	S_COUNT
};

/* Every column of case_rec and case_hist, in schema order. */
#define CASE_COLS                                                           \
	"case_id, procedure_id, accepted_sec, accepted_nsec, accepted_off, " \
	"accepted_wall, accepted_day, completed_sec, completed_nsec, "      \
	"completed_off, completed_wall, completed_day, fee_fen, materials, " \
	"window, channel, attrs, batch_id, line, wrote_batch, wrote_line, "  \
	"completed_batch"

/*
 * The received columns (store migration 13), after them in schema
 * order; a row encodes them only when they are not all NULL
 * (doc/integrity.md).
 */
#define RECV_COLS "received_sec, received_nsec, received_off, received_wall"
#define NCASE_COLS 22
#define NRECV_COLS 4

/* Every column of eval_rec and eval_hist, in schema order (migration 14). */
#define EVAL_COLS                                                           \
	"case_id, rated_sec, rated_nsec, channel, rated_off, rated_wall, "  \
	"rating, real_name, revisit_sec, revisit_nsec, revisit_off, "        \
	"revisit_wall, rectified_sec, rectified_nsec, rectified_off, "       \
	"rectified_wall, comment, attrs, batch_id, line, wrote_batch, "      \
	"wrote_line"
#define NEVAL_COLS 22

static const char *const sql[S_COUNT] = {
	[S_BATCH_BY_SHA] = "SELECT batch_id, file, imported_at "
			   "FROM import_batch WHERE sha256 = ?1",
	[S_BATCH_INSERT] =
	    "INSERT INTO import_batch (file, sha256, bytes, format, rows, "
	    "traces, empty_traces, cases_new, cases_updated, events_new, "
	    "events_skipped, seq_first, seq_end, imported_at, timezone, "
	    "profile_id, profile_commit) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
	    "?14, ?15, ?16, ?17)",
	[S_BATCH_UPDATE] =
	    "UPDATE import_batch SET format = ?2, rows = ?3, traces = ?4, "
	    "empty_traces = ?5, cases_new = ?6, cases_updated = ?7, "
	    "events_new = ?8, events_skipped = ?9, seq_end = ?10 "
	    "WHERE batch_id = ?1",
	[S_NEXT_SEQ] = "SELECT coalesce(max(seq_end), 1) FROM import_batch",
	[S_OTHER_ZONE] = "SELECT timezone FROM import_batch "
			 "WHERE timezone <> ?1 LIMIT 1",
	[S_CASE_INSERT] =
	    "INSERT INTO case_rec (case_id, procedure_id, accepted_sec, "
	    "accepted_nsec, accepted_off, accepted_wall, accepted_day, "
	    "completed_sec, completed_nsec, completed_off, completed_wall, "
	    "completed_day, fee_fen, materials, window, channel, attrs, "
	    "batch_id, line, wrote_batch, wrote_line, completed_batch, "
	    RECV_COLS ") "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
	    "?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26) "
	    "ON CONFLICT (case_id) DO NOTHING",
	[S_CASE_GET] =
	    "SELECT procedure_id, accepted_sec, accepted_nsec, accepted_off, "
	    "accepted_wall, accepted_day, completed_sec, completed_nsec, "
	    "completed_off, completed_wall, completed_day, fee_fen, "
	    "materials, window, channel, attrs, batch_id, line, " RECV_COLS
	    " FROM case_rec WHERE case_id = ?1",
	[S_CASE_KEEP] =
	    "INSERT INTO case_hist (" CASE_COLS ", " RECV_COLS ") "
	    "SELECT " CASE_COLS ", " RECV_COLS " FROM case_rec "
	    "WHERE case_id = ?1",
	[S_CASE_UPDATE] =
	    "UPDATE case_rec SET completed_sec = ?2, completed_nsec = ?3, "
	    "completed_off = ?4, completed_wall = ?5, completed_day = ?6, "
	    "fee_fen = ?7, materials = ?8, window = ?9, channel = ?10, "
	    "attrs = ?11, wrote_batch = ?12, wrote_line = ?13, "
	    "completed_batch = CASE WHEN completed_sec IS NULL AND ?2 IS NOT "
	    "NULL THEN ?12 ELSE completed_batch END, received_sec = ?14, "
	    "received_nsec = ?15, received_off = ?16, received_wall = ?17 "
	    "WHERE case_id = ?1 "
	    "RETURNING " CASE_COLS ", " RECV_COLS,
	[S_CASE_EXISTS] = "SELECT 1 FROM case_rec WHERE case_id = ?1",
	[S_EVENT_INSERT] =
	    "INSERT INTO event_rec (case_id, sec, nsec, seq, off, ts_wall, "
	    "activity, actor, role, attrs, batch_id, line) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
	[S_EVENT_STORED] =
	    "SELECT 1 FROM event_rec WHERE case_id = ?1 AND sec = ?2 AND "
	    "nsec = ?3 AND seq < ?4 AND activity = ?5 AND actor IS ?6 LIMIT 1",
	[S_ATTRS_CONFLICT] =
	    "SELECT n.key FROM json_each(?1) AS n JOIN json_each(?2) AS o "
	    "ON o.key = n.key WHERE o.value IS NOT n.value "
	    "OR o.type IS NOT n.type LIMIT 1",
	[S_ATTRS_MERGE] = "SELECT json_patch(?1, ?2)",
	[S_CASE_EVENTS] = "SELECT batch_id, line FROM event_rec "
			  "WHERE case_id = ?1 AND seq >= ?2 "
			  "ORDER BY batch_id, line LIMIT ?3",
	[S_CASE_EVENTS_COUNT] = "SELECT count(*) FROM event_rec "
				"WHERE case_id = ?1 AND seq >= ?2",
	[S_EVAL_INSERT] =
	    "INSERT INTO eval_rec (" EVAL_COLS ") VALUES (?1, ?2, ?3, ?4, ?5, "
	    "?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, "
	    "?20, ?21, ?22) ON CONFLICT DO NOTHING",
	[S_EVAL_GET] = "SELECT " EVAL_COLS " FROM eval_rec WHERE case_id = ?1 "
		       "AND rated_sec = ?2 AND rated_nsec = ?3 AND channel = ?4",
	[S_EVAL_KEEP] = "INSERT INTO eval_hist (" EVAL_COLS ") SELECT " EVAL_COLS
			" FROM eval_rec WHERE case_id = ?1 AND rated_sec = ?2 "
			"AND rated_nsec = ?3 AND channel = ?4",
	[S_EVAL_UPDATE] =
	    "UPDATE eval_rec SET revisit_sec = ?5, revisit_nsec = ?6, "
	    "revisit_off = ?7, revisit_wall = ?8, rectified_sec = ?9, "
	    "rectified_nsec = ?10, rectified_off = ?11, rectified_wall = ?12, "
	    "wrote_batch = ?13, wrote_line = ?14 WHERE case_id = ?1 AND "
	    "rated_sec = ?2 AND rated_nsec = ?3 AND channel = ?4 "
	    "RETURNING " EVAL_COLS,
	/* The evaluations of the import in eval_rec's key order and the
	 * stored case ids from ?1 on, merged (cf_casedb_orphan_evals). */
	[S_BATCH_EVALS] = "SELECT case_id, batch_id, line FROM eval_rec "
			  "WHERE batch_id >= ?1 ORDER BY case_id",
	[S_CASES_FROM] = "SELECT case_id FROM case_rec WHERE case_id >= ?1 "
			 "ORDER BY case_id",
};

struct cf_casedb {
	struct cf_store *st;
	sqlite3_stmt *s[S_COUNT];
};

int
cf_casedb_open(struct cf_casedb **out, struct cf_store *st)
{
	struct cf_casedb *db = cf_xcalloc(1, sizeof *db);
	int rc;

	*out = NULL;
	db->st = st;
	for (int i = 0; i < S_COUNT; i++)
		if ((rc = cf_store_prepare(st, &db->s[i], sql[i])) < 0) {
			cf_casedb_free(db);
			return rc;
		}
	*out = db;
	return 0;
}

void
cf_casedb_free(struct cf_casedb *db)
{
	if (db == NULL)
		return;
	for (int i = 0; i < S_COUNT; i++)
		sqlite3_finalize(db->s[i]);
	free(db);
}

static void
bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, i);
}

/* Steps a statement that returns no row, then resets it. */
static int
run(struct cf_casedb *db, sqlite3_stmt *s, const char *what)
{
	int rc = sqlite3_step(s);

	if (rc != SQLITE_DONE) {
		rc = cf_store_error(db->st, what);
		sqlite3_reset(s);
		return rc;
	}
	sqlite3_reset(s);
	return 0;
}

int
cf_casedb_batch_by_sha(struct cf_casedb *db, const char *sha256, int64_t *id,
    char **file, int64_t *imported_at)
{
	sqlite3_stmt *s = db->s[S_BATCH_BY_SHA];
	int rc;

	*file = NULL;
	bind_text(s, 1, sha256);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(s, 0);
		*file = cf_store_col_dup(s, 1);
		*imported_at = sqlite3_column_int64(s, 2);
		rc = 0;
	} else if (rc == SQLITE_DONE)
		rc = CF_ENOTFOUND;
	else
		rc = cf_store_error(db->st, "looking up a batch");
	sqlite3_reset(s);
	return rc;
}

int
cf_casedb_batch_insert(struct cf_casedb *db, struct cf_batchrow *b)
{
	sqlite3_stmt *s = db->s[S_BATCH_INSERT];
	int rc;

	bind_text(s, 1, b->file);
	bind_text(s, 2, b->sha256);
	sqlite3_bind_int64(s, 3, b->bytes);
	bind_text(s, 4, b->format);
	sqlite3_bind_int64(s, 5, b->rows);
	sqlite3_bind_int64(s, 6, b->traces);
	sqlite3_bind_int64(s, 7, b->empty_traces);
	sqlite3_bind_int64(s, 8, b->cases_new);
	sqlite3_bind_int64(s, 9, b->cases_updated);
	sqlite3_bind_int64(s, 10, b->events_new);
	sqlite3_bind_int64(s, 11, b->events_skipped);
	sqlite3_bind_int64(s, 12, b->seq_first);
	sqlite3_bind_int64(s, 13, b->seq_end);
	sqlite3_bind_int64(s, 14, b->imported_at);
	bind_text(s, 15, b->timezone);
	bind_text(s, 16, b->profile_id);
	bind_text(s, 17, b->profile_commit);
	if ((rc = run(db, s, "recording a batch")) < 0)
		return rc;
	b->id = sqlite3_last_insert_rowid(cf_store_db(db->st));
	return 0;
}

int
cf_casedb_batch_update(struct cf_casedb *db, const struct cf_batchrow *b)
{
	sqlite3_stmt *s = db->s[S_BATCH_UPDATE];

	sqlite3_bind_int64(s, 1, b->id);
	bind_text(s, 2, b->format);
	sqlite3_bind_int64(s, 3, b->rows);
	sqlite3_bind_int64(s, 4, b->traces);
	sqlite3_bind_int64(s, 5, b->empty_traces);
	sqlite3_bind_int64(s, 6, b->cases_new);
	sqlite3_bind_int64(s, 7, b->cases_updated);
	sqlite3_bind_int64(s, 8, b->events_new);
	sqlite3_bind_int64(s, 9, b->events_skipped);
	sqlite3_bind_int64(s, 10, b->seq_end);
	return run(db, s, "recording a batch");
}

static int
one_int(struct cf_casedb *db, sqlite3_stmt *s, int64_t *out, const char *what)
{
	int rc = sqlite3_step(s);

	if (rc == SQLITE_ROW) {
		*out = sqlite3_column_int64(s, 0);
		rc = 0;
	} else
		rc = cf_store_error(db->st, what);
	sqlite3_reset(s);
	return rc;
}

int
cf_casedb_next_seq(struct cf_casedb *db, int64_t *out)
{
	return one_int(db, db->s[S_NEXT_SEQ], out,
	    "reading the event sequence");
}

int
cf_casedb_other_zone(struct cf_casedb *db, const char *tz, char **out)
{
	sqlite3_stmt *s = db->s[S_OTHER_ZONE];
	int rc;

	*out = NULL;
	bind_text(s, 1, tz);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*out = cf_store_col_dup(s, 0);
		rc = 0;
	} else if (rc == SQLITE_DONE)
		rc = 0;
	else
		rc = cf_store_error(db->st, "reading the batches");
	sqlite3_reset(s);
	return rc;
}

/* The four received columns from parameter i on (NULL: not recorded). */
static void
bind_received(sqlite3_stmt *s, int i, const struct cf_caserow *c)
{
	if (c->received) {
		sqlite3_bind_int64(s, i, c->received_at.sec);
		sqlite3_bind_int(s, i + 1, c->received_at.nsec);
		sqlite3_bind_int(s, i + 2, c->received_at.off_sec);
		sqlite3_bind_int64(s, i + 3, c->received_wall);
	} else
		for (int k = 0; k < NRECV_COLS; k++)
			sqlite3_bind_null(s, i + k);
}

int
cf_casedb_case_insert(struct cf_casedb *db, const struct cf_caserow *c,
    bool *inserted)
{
	sqlite3_stmt *s = db->s[S_CASE_INSERT];
	int rc;

	bind_text(s, 1, c->id);
	bind_text(s, 2, c->procedure);
	sqlite3_bind_int64(s, 3, c->accepted.sec);
	sqlite3_bind_int(s, 4, c->accepted.nsec);
	sqlite3_bind_int(s, 5, c->accepted.off_sec);
	sqlite3_bind_int64(s, 6, c->accepted_wall);
	sqlite3_bind_int(s, 7, c->accepted_day);
	if (c->completed) {
		sqlite3_bind_int64(s, 8, c->completed_at.sec);
		sqlite3_bind_int(s, 9, c->completed_at.nsec);
		sqlite3_bind_int(s, 10, c->completed_at.off_sec);
		sqlite3_bind_int64(s, 11, c->completed_wall);
		sqlite3_bind_int(s, 12, c->completed_day);
	} else
		for (int i = 8; i <= 12; i++)
			sqlite3_bind_null(s, i);
	if (c->has_fee)
		sqlite3_bind_int64(s, 13, c->fee_fen);
	else
		sqlite3_bind_null(s, 13);
	bind_text(s, 14, c->materials);
	bind_text(s, 15, c->window);
	bind_text(s, 16, c->channel);
	bind_text(s, 17, c->attrs);
	sqlite3_bind_int64(s, 18, c->batch);
	sqlite3_bind_int(s, 19, c->line);
	sqlite3_bind_int64(s, 20, c->wrote_batch);
	sqlite3_bind_int(s, 21, c->wrote_line);
	if (c->completed_batch)
		sqlite3_bind_int64(s, 22, c->completed_batch);
	else
		sqlite3_bind_null(s, 22);
	bind_received(s, 23, c);
	if ((rc = run(db, s, "storing a case")) < 0)
		return rc;
	*inserted = sqlite3_changes(cf_store_db(db->st)) > 0;
	return 0;
}

int
cf_casedb_case_get(struct cf_casedb *db, const char *id, struct cf_caserow *c)
{
	sqlite3_stmt *s = db->s[S_CASE_GET];
	int rc;

	memset(c, 0, sizeof *c);
	bind_text(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_DONE) {
		sqlite3_reset(s);
		return CF_ENOTFOUND;
	}
	if (rc != SQLITE_ROW) {
		rc = cf_store_error(db->st, "reading a case");
		sqlite3_reset(s);
		return rc;
	}
	c->id = cf_xstrdup(id);
	c->procedure = cf_store_col_dup(s, 0);
	c->accepted.sec = sqlite3_column_int64(s, 1);
	c->accepted.nsec = sqlite3_column_int(s, 2);
	c->accepted.off_sec = sqlite3_column_int(s, 3);
	c->accepted.has_off = true;
	c->accepted_wall = sqlite3_column_int64(s, 4);
	c->accepted_day = sqlite3_column_int(s, 5);
	c->completed = sqlite3_column_type(s, 6) != SQLITE_NULL;
	if (c->completed) {
		c->completed_at.sec = sqlite3_column_int64(s, 6);
		c->completed_at.nsec = sqlite3_column_int(s, 7);
		c->completed_at.off_sec = sqlite3_column_int(s, 8);
		c->completed_at.has_off = true;
		c->completed_wall = sqlite3_column_int64(s, 9);
		c->completed_day = sqlite3_column_int(s, 10);
	}
	c->has_fee = sqlite3_column_type(s, 11) != SQLITE_NULL;
	c->fee_fen = sqlite3_column_int64(s, 11);
	c->materials = cf_store_col_dup(s, 12);
	c->window = cf_store_col_dup(s, 13);
	c->channel = cf_store_col_dup(s, 14);
	c->attrs = cf_store_col_dup(s, 15);
	c->batch = sqlite3_column_int64(s, 16);
	c->line = sqlite3_column_int(s, 17);
	c->received = sqlite3_column_type(s, 18) != SQLITE_NULL;
	if (c->received) {
		c->received_at.sec = sqlite3_column_int64(s, 18);
		c->received_at.nsec = sqlite3_column_int(s, 19);
		c->received_at.off_sec = sqlite3_column_int(s, 20);
		c->received_at.has_off = true;
		c->received_wall = sqlite3_column_int64(s, 21);
	}
	sqlite3_reset(s);
	return 0;
}

void
cf_caserow_release(struct cf_caserow *c)
{
	free((char *)c->id);
	free((char *)c->procedure);
	free((char *)c->materials);
	free((char *)c->window);
	free((char *)c->channel);
	free((char *)c->attrs);
	memset(c, 0, sizeof *c);
}

/* Text or NULL, into reserved memory. */
static char *
put_text(char *o, const char *s, size_t n)
{
	return s ? cf_rec_put_textn(o, s, n) : cf_rec_put_null(o);
}

static size_t
len_of(const char *s)
{
	return s ? strlen(s) : 0;
}

void
cf_casedb_case_encode(const struct cf_caserow *c, struct cf_buf *b)
{
	size_t lid = len_of(c->id), lp = len_of(c->procedure),
	       lm = len_of(c->materials), lw = len_of(c->window),
	       lc = len_of(c->channel), la = len_of(c->attrs);
	char *o;

	cf_buf_grow(b, 27 * CF_REC_INT_MAX + lid + lp + lm + lw + lc + la);
	o = b->s + b->len;
	o = put_text(o, c->id, lid);
	o = put_text(o, c->procedure, lp);
	o = cf_rec_put_int(o, c->accepted.sec);
	o = cf_rec_put_int(o, c->accepted.nsec);
	o = cf_rec_put_int(o, c->accepted.off_sec);
	o = cf_rec_put_int(o, c->accepted_wall);
	o = cf_rec_put_int(o, c->accepted_day);
	if (c->completed) {
		o = cf_rec_put_int(o, c->completed_at.sec);
		o = cf_rec_put_int(o, c->completed_at.nsec);
		o = cf_rec_put_int(o, c->completed_at.off_sec);
		o = cf_rec_put_int(o, c->completed_wall);
		o = cf_rec_put_int(o, c->completed_day);
	} else
		for (int i = 0; i < 5; i++)
			o = cf_rec_put_null(o);
	o = c->has_fee ? cf_rec_put_int(o, c->fee_fen) : cf_rec_put_null(o);
	o = put_text(o, c->materials, lm);
	o = put_text(o, c->window, lw);
	o = put_text(o, c->channel, lc);
	o = put_text(o, c->attrs, la);
	o = cf_rec_put_int(o, c->batch);
	o = cf_rec_put_int(o, c->line);
	o = cf_rec_put_int(o, c->wrote_batch);
	o = cf_rec_put_int(o, c->wrote_line);
	o = c->completed_batch ? cf_rec_put_int(o, c->completed_batch)
			       : cf_rec_put_null(o);
	if (c->received) {
		o = cf_rec_put_int(o, c->received_at.sec);
		o = cf_rec_put_int(o, c->received_at.nsec);
		o = cf_rec_put_int(o, c->received_at.off_sec);
		o = cf_rec_put_int(o, c->received_wall);
	}
	*o = '\0';
	b->len = (size_t)(o - b->s);
}

void
cf_casedb_event_encode(const struct cf_eventrow *e, struct cf_buf *b)
{
	size_t lid = len_of(e->case_id), lac = len_of(e->activity),
	       lat = len_of(e->actor), lr = len_of(e->role),
	       la = len_of(e->attrs);
	char *o;

	cf_buf_grow(b, 13 * CF_REC_INT_MAX + lid + lac + lat + lr + la);
	o = b->s + b->len;
	o = put_text(o, e->case_id, lid);
	o = cf_rec_put_int(o, e->ts.sec);
	o = cf_rec_put_int(o, e->ts.nsec);
	o = cf_rec_put_int(o, e->seq);
	o = cf_rec_put_int(o, e->ts.off_sec);
	o = cf_rec_put_int(o, e->ts_wall);
	o = put_text(o, e->activity, lac);
	o = put_text(o, e->actor, lat);
	o = put_text(o, e->role, lr);
	o = put_text(o, e->attrs, la);
	o = cf_rec_put_int(o, e->batch);
	o = cf_rec_put_int(o, e->line);
	*o = '\0';
	b->len = (size_t)(o - b->s);
}

int
cf_casedb_case_update(struct cf_casedb *db, const struct cf_caserow *c,
    struct cf_buf *enc)
{
	sqlite3_stmt *s = db->s[S_CASE_KEEP];
	int rc;

	bind_text(s, 1, c->id);
	if ((rc = run(db, s, "keeping a case's earlier state")) < 0)
		return rc;
	s = db->s[S_CASE_UPDATE];
	bind_text(s, 1, c->id);
	if (c->completed) {
		sqlite3_bind_int64(s, 2, c->completed_at.sec);
		sqlite3_bind_int(s, 3, c->completed_at.nsec);
		sqlite3_bind_int(s, 4, c->completed_at.off_sec);
		sqlite3_bind_int64(s, 5, c->completed_wall);
		sqlite3_bind_int(s, 6, c->completed_day);
	} else
		for (int i = 2; i <= 6; i++)
			sqlite3_bind_null(s, i);
	if (c->has_fee)
		sqlite3_bind_int64(s, 7, c->fee_fen);
	else
		sqlite3_bind_null(s, 7);
	bind_text(s, 8, c->materials);
	bind_text(s, 9, c->window);
	bind_text(s, 10, c->channel);
	bind_text(s, 11, c->attrs);
	sqlite3_bind_int64(s, 12, c->batch);
	sqlite3_bind_int(s, 13, c->line);
	bind_received(s, 14, c);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		if (enc) {
			cf_rec_stmt(enc, s, 0, NCASE_COLS);
			cf_rec_stmt_opt(enc, s, NCASE_COLS, NRECV_COLS);
		}
		rc = sqlite3_step(s);
	}
	if (rc != SQLITE_DONE) {
		rc = cf_store_error(db->st, "updating a case");
		sqlite3_reset(s);
		return rc;
	}
	sqlite3_reset(s);
	return 0;
}

int
cf_casedb_case_exists(struct cf_casedb *db, const char *id, bool *out)
{
	sqlite3_stmt *s = db->s[S_CASE_EXISTS];
	int rc;

	bind_text(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW || rc == SQLITE_DONE) {
		*out = rc == SQLITE_ROW;
		rc = 0;
	} else
		rc = cf_store_error(db->st, "looking up a case");
	sqlite3_reset(s);
	return rc;
}

int
cf_casedb_event_insert(struct cf_casedb *db, const struct cf_eventrow *e)
{
	sqlite3_stmt *s = db->s[S_EVENT_INSERT];

	bind_text(s, 1, e->case_id);
	sqlite3_bind_int64(s, 2, e->ts.sec);
	sqlite3_bind_int(s, 3, e->ts.nsec);
	sqlite3_bind_int64(s, 4, e->seq);
	sqlite3_bind_int(s, 5, e->ts.off_sec);
	sqlite3_bind_int64(s, 6, e->ts_wall);
	bind_text(s, 7, e->activity);
	bind_text(s, 8, e->actor);
	bind_text(s, 9, e->role);
	bind_text(s, 10, e->attrs);
	sqlite3_bind_int64(s, 11, e->batch);
	sqlite3_bind_int(s, 12, e->line);
	return run(db, s, "storing an event");
}

int
cf_casedb_event_stored(struct cf_casedb *db, const struct cf_eventrow *e,
    int64_t seq_before, bool *out)
{
	sqlite3_stmt *s = db->s[S_EVENT_STORED];
	int rc;

	bind_text(s, 1, e->case_id);
	sqlite3_bind_int64(s, 2, e->ts.sec);
	sqlite3_bind_int(s, 3, e->ts.nsec);
	sqlite3_bind_int64(s, 4, seq_before);
	bind_text(s, 5, e->activity);
	bind_text(s, 6, e->actor);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW || rc == SQLITE_DONE) {
		*out = rc == SQLITE_ROW;
		rc = 0;
	} else
		rc = cf_store_error(db->st, "looking up an event");
	sqlite3_reset(s);
	return rc;
}

int
cf_casedb_attrs_merge(struct cf_casedb *db, const char *was, const char *now,
    char **conflict, char **merged)
{
	sqlite3_stmt *s;
	int rc;

	*conflict = *merged = NULL;
	if (now == NULL || was == NULL) {
		*merged = now ? cf_xstrdup(now) : was ? cf_xstrdup(was) : NULL;
		return 0;
	}
	s = db->s[S_ATTRS_CONFLICT];
	bind_text(s, 1, now);
	bind_text(s, 2, was);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*conflict = cf_store_col_dup(s, 0);
	else if (rc != SQLITE_DONE) {
		rc = cf_store_error(db->st, "comparing attributes");
		sqlite3_reset(s);
		return rc;
	}
	sqlite3_reset(s);
	s = db->s[S_ATTRS_MERGE];
	bind_text(s, 1, was);
	bind_text(s, 2, now);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*merged = cf_store_col_dup(s, 0);
	rc = rc == SQLITE_ROW ? 0
			      : cf_store_error(db->st, "merging attributes");
	sqlite3_reset(s);
	return rc;
}

int
cf_casedb_case_events(struct cf_casedb *db, const char *id, int64_t seq_from,
    int limit, void (*fn)(int64_t, int, void *), void *payload, int64_t *count)
{
	sqlite3_stmt *s = db->s[S_CASE_EVENTS];
	int rc;

	bind_text(s, 1, id);
	sqlite3_bind_int64(s, 2, seq_from);
	sqlite3_bind_int(s, 3, limit);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		fn(sqlite3_column_int64(s, 0), sqlite3_column_int(s, 1),
		    payload);
	if (rc != SQLITE_DONE) {
		rc = cf_store_error(db->st, "reading events");
		sqlite3_reset(s);
		return rc;
	}
	sqlite3_reset(s);
	s = db->s[S_CASE_EVENTS_COUNT];
	bind_text(s, 1, id);
	sqlite3_bind_int64(s, 2, seq_from);
	return one_int(db, s, count, "counting events");
}

/* ---- evaluations ---- */

static void
bind_time4(sqlite3_stmt *s, int i, bool set, const struct cf_time *t,
    int64_t wall)
{
	if (set) {
		sqlite3_bind_int64(s, i, t->sec);
		sqlite3_bind_int(s, i + 1, t->nsec);
		sqlite3_bind_int(s, i + 2, t->off_sec);
		sqlite3_bind_int64(s, i + 3, wall);
	} else
		for (int k = 0; k < 4; k++)
			sqlite3_bind_null(s, i + k);
}

/* The identity (?1 to ?4) of an evaluation. */
static void
bind_eval_key(sqlite3_stmt *s, const struct cf_evalrow *v)
{
	bind_text(s, 1, v->case_id);
	sqlite3_bind_int64(s, 2, v->rated_at.sec);
	sqlite3_bind_int(s, 3, v->rated_at.nsec);
	sqlite3_bind_text(s, 4, v->channel ? v->channel : "", -1,
	    SQLITE_STATIC);
}

int
cf_casedb_eval_insert(struct cf_casedb *db, const struct cf_evalrow *v,
    bool *inserted)
{
	sqlite3_stmt *s = db->s[S_EVAL_INSERT];
	int rc;

	bind_eval_key(s, v);
	sqlite3_bind_int(s, 5, v->rated_at.off_sec);
	sqlite3_bind_int64(s, 6, v->rated_wall);
	sqlite3_bind_int(s, 7, v->rating);
	if (v->real_name >= 0)
		sqlite3_bind_int(s, 8, v->real_name);
	else
		sqlite3_bind_null(s, 8);
	bind_time4(s, 9, v->revisited, &v->revisit_at, v->revisit_wall);
	bind_time4(s, 13, v->rectified, &v->rectified_at, v->rectified_wall);
	bind_text(s, 17, v->comment);
	bind_text(s, 18, v->attrs);
	sqlite3_bind_int64(s, 19, v->batch);
	sqlite3_bind_int(s, 20, v->line);
	sqlite3_bind_int64(s, 21, v->wrote_batch);
	sqlite3_bind_int(s, 22, v->wrote_line);
	if ((rc = run(db, s, "storing an evaluation")) < 0)
		return rc;
	*inserted = sqlite3_changes(cf_store_db(db->st)) > 0;
	return 0;
}

static bool
col_time4(sqlite3_stmt *s, int i, struct cf_time *t, int64_t *wall)
{
	if (sqlite3_column_type(s, i) == SQLITE_NULL)
		return false;
	t->sec = sqlite3_column_int64(s, i);
	t->nsec = sqlite3_column_int(s, i + 1);
	t->off_sec = sqlite3_column_int(s, i + 2);
	t->has_off = true;
	*wall = sqlite3_column_int64(s, i + 3);
	return true;
}

int
cf_casedb_eval_get(struct cf_casedb *db, const struct cf_evalrow *key,
    struct cf_evalrow *v)
{
	sqlite3_stmt *s = db->s[S_EVAL_GET];
	const char *ch;
	int rc;

	memset(v, 0, sizeof *v);
	bind_eval_key(s, key);
	rc = sqlite3_step(s);
	if (rc != SQLITE_ROW) {
		rc = rc == SQLITE_DONE ? CF_ENOTFOUND
				       : cf_store_error(db->st,
					     "reading an evaluation");
		sqlite3_reset(s);
		return rc;
	}
	v->case_id = cf_store_col_dup(s, 0);
	v->rated_at.sec = sqlite3_column_int64(s, 1);
	v->rated_at.nsec = sqlite3_column_int(s, 2);
	ch = (const char *)sqlite3_column_text(s, 3);
	v->channel = ch && *ch ? cf_xstrdup(ch) : NULL;
	v->rated_at.off_sec = sqlite3_column_int(s, 4);
	v->rated_at.has_off = true;
	v->rated_wall = sqlite3_column_int64(s, 5);
	v->rating = sqlite3_column_int(s, 6);
	v->real_name = sqlite3_column_type(s, 7) == SQLITE_NULL
	    ? -1
	    : sqlite3_column_int(s, 7);
	v->revisited = col_time4(s, 8, &v->revisit_at, &v->revisit_wall);
	v->rectified = col_time4(s, 12, &v->rectified_at, &v->rectified_wall);
	v->comment = cf_store_col_dup(s, 16);
	v->attrs = cf_store_col_dup(s, 17);
	v->batch = sqlite3_column_int64(s, 18);
	v->line = sqlite3_column_int(s, 19);
	v->wrote_batch = sqlite3_column_int64(s, 20);
	v->wrote_line = sqlite3_column_int(s, 21);
	sqlite3_reset(s);
	return 0;
}

void
cf_evalrow_release(struct cf_evalrow *v)
{
	free((char *)v->case_id);
	free((char *)v->channel);
	free((char *)v->comment);
	free((char *)v->attrs);
	memset(v, 0, sizeof *v);
}

int
cf_casedb_eval_update(struct cf_casedb *db, const struct cf_evalrow *v,
    struct cf_buf *enc)
{
	sqlite3_stmt *s = db->s[S_EVAL_KEEP];
	int rc;

	bind_eval_key(s, v);
	if ((rc = run(db, s, "keeping an evaluation's earlier state")) < 0)
		return rc;
	s = db->s[S_EVAL_UPDATE];
	bind_eval_key(s, v);
	bind_time4(s, 5, v->revisited, &v->revisit_at, v->revisit_wall);
	bind_time4(s, 9, v->rectified, &v->rectified_at, v->rectified_wall);
	sqlite3_bind_int64(s, 13, v->wrote_batch);
	sqlite3_bind_int(s, 14, v->wrote_line);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		if (enc)
			cf_rec_stmt(enc, s, 0, NEVAL_COLS);
		rc = sqlite3_step(s);
	}
	if (rc != SQLITE_DONE) {
		rc = cf_store_error(db->st, "updating an evaluation");
		sqlite3_reset(s);
		return rc;
	}
	sqlite3_reset(s);
	return 0;
}

static char *
put_time4(char *o, bool set, const struct cf_time *t, int64_t wall)
{
	if (!set) {
		for (int i = 0; i < 4; i++)
			o = cf_rec_put_null(o);
		return o;
	}
	o = cf_rec_put_int(o, t->sec);
	o = cf_rec_put_int(o, t->nsec);
	o = cf_rec_put_int(o, t->off_sec);
	return cf_rec_put_int(o, wall);
}

void
cf_casedb_eval_encode(const struct cf_evalrow *v, struct cf_buf *b)
{
	const char *ch = v->channel ? v->channel : "";
	size_t lid = len_of(v->case_id), lch = strlen(ch),
	       lco = len_of(v->comment), la = len_of(v->attrs);
	char *o;

	cf_buf_grow(b, 23 * CF_REC_INT_MAX + lid + lch + lco + la);
	o = b->s + b->len;
	o = put_text(o, v->case_id, lid);
	o = cf_rec_put_int(o, v->rated_at.sec);
	o = cf_rec_put_int(o, v->rated_at.nsec);
	o = put_text(o, ch, lch);
	o = cf_rec_put_int(o, v->rated_at.off_sec);
	o = cf_rec_put_int(o, v->rated_wall);
	o = cf_rec_put_int(o, v->rating);
	o = v->real_name >= 0 ? cf_rec_put_int(o, v->real_name)
			      : cf_rec_put_null(o);
	o = put_time4(o, v->revisited, &v->revisit_at, v->revisit_wall);
	o = put_time4(o, v->rectified, &v->rectified_at, v->rectified_wall);
	o = put_text(o, v->comment, lco);
	o = put_text(o, v->attrs, la);
	o = cf_rec_put_int(o, v->batch);
	o = cf_rec_put_int(o, v->line);
	o = cf_rec_put_int(o, v->wrote_batch);
	o = cf_rec_put_int(o, v->wrote_line);
	*o = '\0';
	b->len = (size_t)(o - b->s);
}

/*
 * The import's evaluations whose case is not stored, found by merging
 * two ordered walks instead of looking each case up: eval_rec in its
 * key order (case_id first) and case_rec's ids from there on.  Both are
 * in the BINARY collation, which is strcmp's order for ids without NUL.
 * The case walk steps forward while it is a few ids behind, and seeks
 * again when it is further behind (a small import into a large store).
 * fn is called in case id order; the caller orders what it reports.
 */
#define ORPHAN_STEPS 16

int
cf_casedb_orphan_evals(struct cf_casedb *db, int64_t batch_from,
    void (*fn)(const char *, int64_t, int, void *), void *payload)
{
	sqlite3_stmt *e = db->s[S_BATCH_EVALS], *c = db->s[S_CASES_FROM];
	struct cf_buf last = CF_BUF_INIT;
	int rc, state = 0; /* 0: to seek, 1: on a case, 2: no more cases */
	bool have_last = false, last_found = false;

	sqlite3_bind_int64(e, 1, batch_from);
	while ((rc = sqlite3_step(e)) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(e, 0);
		bool found = false;
		if (have_last && strcmp(id, last.s) == 0)
			found = last_found;
		else {
			for (int steps = 0; state != 2;) {
				int r = SQLITE_ROW;
				if (state == 0) {
					sqlite3_reset(c);
					sqlite3_bind_text(c, 1, id, -1,
					    SQLITE_TRANSIENT);
					r = sqlite3_step(c);
				} else if (state == 1 && steps > 0)
					r = sqlite3_step(c);
				if (r != SQLITE_ROW && r != SQLITE_DONE) {
					rc = r;
					goto out;
				}
				if ((state = r == SQLITE_ROW ? 1 : 2) == 2)
					break;
				int cmp = strcmp(
				    (const char *)sqlite3_column_text(c, 0), id);
				if (cmp >= 0) {
					found = cmp == 0;
					break;
				}
				if (++steps > ORPHAN_STEPS)
					state = 0;
			}
			cf_buf_reset(&last);
			cf_buf_adds(&last, id);
			have_last = true;
			last_found = found;
		}
		if (!found)
			fn(id, sqlite3_column_int64(e, 1), sqlite3_column_int(e, 2),
			    payload);
	}
out:
	rc = rc == SQLITE_DONE ? 0 : cf_store_error(db->st, "reading evaluations");
	sqlite3_reset(e);
	sqlite3_reset(c);
	cf_buf_release(&last);
	return rc;
}

/* ---- the batches bound ---- */

int
cf_cases_batch_profile(struct cf_store *st, const char *sha256,
    char **profile_id, char **profile_commit)
{
	sqlite3_stmt *s;
	int rc;

	*profile_id = *profile_commit = NULL;
	if ((rc = cf_store_prepare(st, &s,
		 "SELECT profile_id, profile_commit FROM import_batch "
		 "WHERE sha256 = ?1 AND profile_id IS NOT NULL")) < 0)
		return rc;
	bind_text(s, 1, sha256);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		const char *a = (const char *)sqlite3_column_text(s, 0);
		const char *b = (const char *)sqlite3_column_text(s, 1);
		*profile_id = cf_xstrdup(a ? a : "");
		*profile_commit = cf_xstrdup(b ? b : "");
		rc = 0;
	} else if (rc == SQLITE_DONE)
		rc = 0;
	else
		rc = cf_store_error(st, "reading a batch's profile");
	sqlite3_finalize(s);
	return rc;
}

int
cf_cases_batch_rows(struct cf_store *st, int64_t id, cf_batch_row_fn fn,
    void *arg)
{
	static const char cols[] =
	    "SELECT batch_id, file, sha256, bytes, format, rows, traces, "
	    "empty_traces, cases_new, cases_updated, events_new, "
	    "events_skipped, seq_first, seq_end, imported_at, timezone, "
	    "profile_id, profile_commit "
	    "FROM import_batch ";
	const int nbase = 16; /* the columns before profile_id */
	sqlite3_stmt *s;
	char *text = cf_xasprintf("%s%s", cols,
	    id ? "WHERE batch_id = ?1" : "ORDER BY batch_id");
	int rc;

	rc = cf_store_prepare(st, &s, text);
	free(text);
	if (rc < 0)
		return rc;
	if (id)
		sqlite3_bind_int64(s, 1, id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct cf_json *j = cf_json_new();
		char *row;
		cf_rec_stmt_json(j, s, 0, nbase);
		if (sqlite3_column_type(s, nbase) != SQLITE_NULL)
			cf_rec_stmt_json(j, s, nbase, 2);
		row = cf_json_text(j);
		cf_json_free(j);
		rc = fn(sqlite3_column_int64(s, 0),
		    (const char *)sqlite3_column_text(s, 1),
		    (const char *)sqlite3_column_text(s, 2), row, arg);
		free(row);
		if (rc != 0) {
			sqlite3_finalize(s);
			return rc;
		}
	}
	if (rc != SQLITE_DONE)
		rc = cf_store_error(st, "reading the batches");
	else
		rc = 0;
	sqlite3_finalize(s);
	return rc;
}

/*
 * Every row of `text`: its first `n - nopt` columns and, when one is
 * not NULL, its last `nopt` (cf_rec_stmt_opt).
 */
static int
row_hashes(struct cf_store *st, const char *text, int nopt, int gcol,
    int ocol, cf_rowhash_fn fn, void *arg)
{
	struct cf_recdigest d;
	sqlite3_stmt *s;
	uint8_t h[CF_SHA256_LEN];
	int rc, n;

	if ((rc = cf_store_prepare(st, &s, text)) < 0)
		return rc;
	n = sqlite3_column_count(s);
	cf_recdigest_init(&d);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		cf_rec_stmt(&d.enc, s, 0, n - nopt);
		cf_rec_stmt_opt(&d.enc, s, n - nopt, nopt);
		cf_recdigest_rowhash(&d, h);
		fn(sqlite3_column_int64(s, gcol), sqlite3_column_int64(s, ocol),
		    h, arg);
	}
	rc = rc == SQLITE_DONE ? 0 : cf_store_error(st, "reading the records");
	sqlite3_finalize(s);
	cf_recdigest_release(&d);
	return rc;
}

int
cf_cases_write_hashes(struct cf_store *st, cf_rowhash_fn fn, void *arg)
{
	int rc = row_hashes(st,
	    "SELECT " CASE_COLS ", " RECV_COLS " FROM case_rec", NRECV_COLS,
	    19, 20, fn, arg);

	if (rc == 0)
		rc = row_hashes(st,
		    "SELECT " CASE_COLS ", " RECV_COLS " FROM case_hist",
		    NRECV_COLS, 19, 20, fn, arg);
	return rc;
}

int
cf_cases_event_hashes(struct cf_store *st, cf_rowhash_fn fn, void *arg)
{
	return row_hashes(st,
	    "SELECT case_id, sec, nsec, seq, off, ts_wall, activity, actor, "
	    "role, attrs, batch_id, line FROM event_rec",
	    0, 10, 3, fn, arg);
}

int
cf_cases_eval_hashes(struct cf_store *st, cf_rowhash_fn fn, void *arg)
{
	int rc = row_hashes(st, "SELECT " EVAL_COLS " FROM eval_rec", 0, 20,
	    21, fn, arg);

	if (rc == 0)
		rc = row_hashes(st, "SELECT " EVAL_COLS " FROM eval_hist", 0,
		    20, 21, fn, arg);
	return rc;
}

/* ---- cases stats ---- */

/* One GROUP BY per group of cf_cases_stats(), in the order given. */
static const struct {
	const char *by;
	const char *sql;
} groups[] = {
	{ "procedure",
	    "SELECT procedure_id, count(*), count(completed_sec) "
	    "FROM case_rec GROUP BY 1 ORDER BY 1" },
	{ "window",
	    "SELECT window, count(*), count(completed_sec) "
	    "FROM case_rec GROUP BY 1 ORDER BY 1" },
	{ "channel",
	    "SELECT channel, count(*), count(completed_sec) "
	    "FROM case_rec GROUP BY 1 ORDER BY 1" },
	{ "month",
	    "SELECT strftime('%Y-%m', accepted_wall, 'unixepoch'), count(*), "
	    "count(completed_sec) FROM case_rec GROUP BY 1 ORDER BY 1" },
	{ "all", "SELECT NULL, count(*), count(completed_sec) FROM case_rec" },
};

int
cf_cases_stats(struct cf_store *st, cf_stats_fn fn, void *payload)
{
	for (size_t g = 0; g < CF_ARRAY_LEN(groups); g++) {
		sqlite3_stmt *s;
		int rc;

		if ((rc = cf_store_prepare(st, &s, groups[g].sql)) < 0)
			return rc;
		while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			struct cf_stats_row row;
			row.by = groups[g].by;
			row.value = (const char *)sqlite3_column_text(s, 0);
			row.cases = sqlite3_column_int64(s, 1);
			row.completed = sqlite3_column_int64(s, 2);
			row.pending = row.cases - row.completed;
			fn(&row, payload);
		}
		if (rc != SQLITE_DONE) {
			rc = cf_store_error(st, "counting cases");
			sqlite3_finalize(s);
			return rc;
		}
		sqlite3_finalize(s);
	}
	return 0;
}

/* ---- cases stats --evaluations ---- */

/* A bad evaluation handled: rectified, and revisited when real-name. */
#define EVAL_HANDLED                                                       \
	"e.rectified_sec IS NOT NULL AND "                                 \
	"(e.real_name IS NOT 1 OR e.revisit_sec IS NOT NULL)"
#define EVAL_COUNTS                                                        \
	"count(*), count(*) FILTER (WHERE e.rating = 1), "                 \
	"count(*) FILTER (WHERE e.rating = 2), "                           \
	"count(*) FILTER (WHERE e.rating = 3), "                           \
	"count(*) FILTER (WHERE e.rating = 4), "                           \
	"count(*) FILTER (WHERE e.rating = 5), "                           \
	"count(*) FILTER (WHERE e.rating <= 2), "                          \
	"count(*) FILTER (WHERE e.rating <= 2 AND " EVAL_HANDLED "), "      \
	"count(*) FILTER (WHERE e.rating <= 2 AND e.rectified_sec IS NULL), " \
	"count(*) FILTER (WHERE e.rating <= 2 AND e.rated_wall < ?1 AND "   \
	"NOT (" EVAL_HANDLED ")) "

static const struct {
	const char *by;
	const char *sql;
} eval_groups[] = {
	{ "procedure",
	    "SELECT c.procedure_id, " EVAL_COUNTS "FROM eval_rec e "
	    "JOIN case_rec c ON c.case_id = e.case_id GROUP BY 1 ORDER BY 1" },
	{ "window",
	    "SELECT c.window, " EVAL_COUNTS "FROM eval_rec e "
	    "JOIN case_rec c ON c.case_id = e.case_id GROUP BY 1 ORDER BY 1" },
	{ "month",
	    "SELECT strftime('%Y-%m', e.rated_wall, 'unixepoch'), " EVAL_COUNTS
	    "FROM eval_rec e GROUP BY 1 ORDER BY 1" },
	{ "all", "SELECT NULL, " EVAL_COUNTS "FROM eval_rec e" },
};

int
cf_cases_eval_stats(struct cf_store *st, int64_t due_before,
    cf_eval_stats_fn fn, void *payload)
{
	bool known = due_before > INT64_MIN; /* else nothing is before it */

	for (size_t g = 0; g < CF_ARRAY_LEN(eval_groups); g++) {
		sqlite3_stmt *s;
		int rc;

		if ((rc = cf_store_prepare(st, &s, eval_groups[g].sql)) < 0)
			return rc;
		sqlite3_bind_int64(s, 1, due_before);
		while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			struct cf_eval_stats_row row;
			row.by = eval_groups[g].by;
			row.value = (const char *)sqlite3_column_text(s, 0);
			row.evaluations = sqlite3_column_int64(s, 1);
			for (int k = 0; k < 5; k++)
				row.rating[k] = sqlite3_column_int64(s, 2 + k);
			row.bad = sqlite3_column_int64(s, 7);
			row.handled = sqlite3_column_int64(s, 8);
			row.open = sqlite3_column_int64(s, 9);
			row.overdue = known ? sqlite3_column_int64(s, 10) : -1;
			fn(&row, payload);
		}
		if (rc != SQLITE_DONE) {
			rc = cf_store_error(st, "counting evaluations");
			sqlite3_finalize(s);
			return rc;
		}
		sqlite3_finalize(s);
	}
	return 0;
}
