/* SPDX-License-Identifier: MIT */
/*
 * casedb.h - every SQL statement the import runs against the case
 * tables (import_batch, case_rec, event_rec; schema in
 * core/store-schema.c), prepared once per import and reused for every
 * row, and the counts of `cases stats`.  Each function binds, steps and
 * resets one statement; none opens or ends a transaction (the import
 * does, through cf_store_begin).
 *
 * Strings passed in are borrowed for the call only (SQLITE_STATIC is
 * safe because every statement is reset before the function returns).
 */
#ifndef CF_CASEDB_H
#define CF_CASEDB_H

#include <stdbool.h>
#include <stdint.h>

#include "date.h"
#include "hash.h"
#include "store.h"

/* One case row as stored. */
struct cf_caserow {
	const char *id;
	const char *procedure;
	struct cf_time accepted;
	int64_t accepted_wall; /* local wall-clock seconds, workspace zone */
	cf_day accepted_day;   /* its local day */
	bool completed;
	struct cf_time completed_at;
	int64_t completed_wall;
	cf_day completed_day;
	bool has_fee;
	int64_t fee_fen;
	const char *materials; /* "M1;M2", "" none, NULL not recorded */
	const char *window;    /* NULL: not recorded */
	const char *channel;
	const char *attrs; /* JSON object or NULL */
	int64_t batch;
	int line;
	/* the write that left the row so (doc/integrity.md) */
	int64_t wrote_batch;
	int wrote_line;
	int64_t completed_batch; /* 0: no completion */
	/* when the application was received (doc/cases.md); false: not
	 * recorded, and the received columns are NULL */
	bool received;
	struct cf_time received_at;
	int64_t received_wall;
	/* the hash of the row as inserted, when the reader made it */
	bool hashed;
	uint8_t hash[CF_SHA256_LEN];
};

/* One event row as stored. */
struct cf_eventrow {
	const char *case_id;
	const char *activity;
	struct cf_time ts;
	int64_t ts_wall;   /* local wall-clock seconds, workspace zone */
	const char *actor; /* NULL: not recorded */
	const char *role;
	const char *attrs;
	int64_t seq;
	int64_t batch;
	int line;
	/* the hash of the row with this seq and batch, when the reader
	 * made it (the writer uses it if it gives the event that seq) */
	bool hashed;
	uint8_t hash[CF_SHA256_LEN];
};

/*
 * One 好差评 evaluation row as stored (doc/cases.md "Evaluations"),
 * identified by (case_id, rated_at instant, channel).
 */
struct cf_evalrow {
	const char *case_id;
	struct cf_time rated_at;
	int64_t rated_wall; /* local wall-clock seconds, workspace zone */
	const char *channel; /* NULL: not recorded (stored as '') */
	int rating;	     /* 1..5 */
	int real_name;	     /* 1 yes, 0 no, -1 not recorded */
	bool revisited;
	struct cf_time revisit_at;
	int64_t revisit_wall;
	bool rectified;
	struct cf_time rectified_at;
	int64_t rectified_wall;
	const char *comment; /* NULL: not recorded */
	const char *attrs;   /* JSON object or NULL */
	int64_t batch;
	int line;
	/* the write that left the row so (doc/integrity.md) */
	int64_t wrote_batch;
	int wrote_line;
	/* the hash of the row as inserted, when the reader made it */
	bool hashed;
	uint8_t hash[CF_SHA256_LEN];
};

/* A batch (one imported file) and its counts. */
struct cf_batchrow {
	int64_t id;
	const char *file;
	const char *sha256;
	int64_t bytes;
	const char *format; /* "cases-csv", "events-csv", "xes", "cases-xlsx",
			     * "events-xlsx", "evaluations-csv",
			     * "evaluations-xlsx" */
	int64_t rows, traces, empty_traces;
	int64_t cases_new, cases_updated, events_new, events_skipped;
	int64_t seq_first, seq_end;
	int64_t imported_at;
	const char *timezone;
	/* the import profile read through, and its commit; NULL: none */
	const char *profile_id, *profile_commit;
};

struct cf_casedb;

int cf_casedb_open(struct cf_casedb **out, struct cf_store *st);
void cf_casedb_free(struct cf_casedb *db);

/*
 * The batch whose file had this SHA-256: 0 with its id, file name (the
 * caller frees it) and time, or CF_ENOTFOUND.
 */
int cf_casedb_batch_by_sha(struct cf_casedb *db, const char *sha256,
    int64_t *id, char **file, int64_t *imported_at);

/* Inserts a batch; b->id gets its id. */
int cf_casedb_batch_insert(struct cf_casedb *db, struct cf_batchrow *b);

/* Writes the counts and seq_end of batch b->id. */
int cf_casedb_batch_update(struct cf_casedb *db, const struct cf_batchrow *b);

/* The first event sequence number no batch has used yet (1 if none). */
int cf_casedb_next_seq(struct cf_casedb *db, int64_t *out);

/*
 * A zone other than `tz` that some batch was imported under (the caller
 * frees it), or NULL when all batches used `tz`.
 */
int cf_casedb_other_zone(struct cf_casedb *db, const char *tz, char **out);

/*
 * Inserts a case unless one with its id is stored; *inserted tells
 * which.  The insert is the case's first write: the caller sets
 * c->wrote_batch, c->wrote_line (= c->batch, c->line) and
 * c->completed_batch (the batch, when the row carries a completion).
 */
int cf_casedb_case_insert(struct cf_casedb *db, const struct cf_caserow *c,
    bool *inserted);

/*
 * The row encodings of recdigest.h, of exactly what the insert binds:
 * every column of case_rec (or event_rec) in schema order, appended to
 * b; the received columns, the last four, only when the case's receipt
 * is recorded (doc/integrity.md), so a case without one encodes as
 * before they existed.
 */
void cf_casedb_case_encode(const struct cf_caserow *c, struct cf_buf *b);
void cf_casedb_event_encode(const struct cf_eventrow *e, struct cf_buf *b);

/*
 * Reads the stored case `id` into *out; its strings are allocated and
 * freed by cf_caserow_release().  CF_ENOTFOUND when there is none.
 */
int cf_casedb_case_get(struct cf_casedb *db, const char *id,
    struct cf_caserow *out);
void cf_caserow_release(struct cf_caserow *c);

/*
 * Rewrites the fields a re-import may fill: completion, fee, materials,
 * window, channel, attrs, receipt.  It is a write of batch c->batch at line
 * c->line (wrote_batch, wrote_line; the row's batch_id and line stay
 * those of the batch that brought the case): the row's state before it
 * is kept in case_hist first, and a completion it brings names the
 * batch in completed_batch (doc/integrity.md).  The row's whole state
 * after the write, as stored, is appended to `enc` (recdigest.h; NULL:
 * not wanted).
 */
int cf_casedb_case_update(struct cf_casedb *db, const struct cf_caserow *c,
    struct cf_buf *enc);

int cf_casedb_case_exists(struct cf_casedb *db, const char *id, bool *out);

/*
 * Inserts an evaluation unless one with its identity is stored;
 * *inserted tells which.  The caller sets wrote_batch and wrote_line
 * (= batch, line): the insert is its first write.
 */
int cf_casedb_eval_insert(struct cf_casedb *db, const struct cf_evalrow *v,
    bool *inserted);

/*
 * The stored evaluation with the identity of `key` into *out, its
 * strings allocated (cf_evalrow_release); CF_ENOTFOUND when none.
 */
int cf_casedb_eval_get(struct cf_casedb *db, const struct cf_evalrow *key,
    struct cf_evalrow *out);
void cf_evalrow_release(struct cf_evalrow *v);

/*
 * Rewrites the revisit and rectification of the stored evaluation with
 * v's identity, as a write of batch v->wrote_batch at line
 * v->wrote_line: its state before is kept in eval_hist first, and its
 * whole state after, as stored, is appended to `enc` (NULL: not wanted).
 */
int cf_casedb_eval_update(struct cf_casedb *db, const struct cf_evalrow *v,
    struct cf_buf *enc);

/* The row encoding (recdigest.h) of an evaluation as the insert binds it:
 * every column of eval_rec in schema order. */
void cf_casedb_eval_encode(const struct cf_evalrow *v, struct cf_buf *b);

/*
 * The evaluations brought by batches from `batch_from` on whose case is
 * not stored: calls fn(case_id, batch, line) for each, in case id order
 * (the import's report of unknown cases, one pass at its end, which
 * orders what it shows by file and line).
 */
int cf_casedb_orphan_evals(struct cf_casedb *db, int64_t batch_from,
    void (*fn)(const char *, int64_t, int, void *), void *payload);

int cf_casedb_event_insert(struct cf_casedb *db, const struct cf_eventrow *e);

/*
 * Whether an event equal to `e` (case, activity, instant, actor) was
 * stored by an earlier import, i.e. with a sequence number below
 * `seq_before`.
 */
int cf_casedb_event_stored(struct cf_casedb *db, const struct cf_eventrow *e,
    int64_t seq_before, bool *out);

/*
 * Compares the attributes `now` (JSON object or NULL) with the stored
 * `was`: *conflict gets a key both have with different values (the
 * caller frees it; NULL when none), and *merged the union (the caller
 * frees it; NULL when both are NULL).
 */
int cf_casedb_attrs_merge(struct cf_casedb *db, const char *was,
    const char *now, char **conflict, char **merged);

/*
 * The events of case `id` with sequence numbers from `seq_from`: calls
 * fn(batch, line) for at most `limit` of them in import order, and sets
 * *count to how many there are.
 */
int
cf_casedb_case_events(struct cf_casedb *db, const char *id, int64_t seq_from,
    int limit, void (*fn)(int64_t, int, void *), void *payload, int64_t *count);

/*
 * The import_batch rows bound to the trail (doc/integrity.md): for
 * batch `id` (0: every batch, in order of id) calls fn with its id,
 * file, SHA-256 and the canonical JSON of the whole row (every column,
 * by name; borrowed for the call).  profile_id and profile_commit are
 * members only when the batch was read through a profile, so a batch
 * bound before they existed reads as it was bound.  A non-zero return of fn stops the
 * walk and is returned.
 */
/*
 * The import profile the batch of this SHA-256 was read through: its id
 * and commit (the caller frees both), or both NULL when it was read by
 * its own header or as XES, or is not stored.
 */
int cf_cases_batch_profile(struct cf_store *st, const char *sha256,
    char **profile_id, char **profile_commit);

typedef int (*cf_batch_row_fn)(int64_t id, const char *file,
    const char *sha256, const char *row, void *arg);
int cf_cases_batch_rows(struct cf_store *st, int64_t id, cf_batch_row_fn fn,
    void *arg);

/*
 * One pass over a table for `trail verify` (doc/integrity.md): every
 * row's hash (recdigest.h, all its columns in schema order) with the
 * batch it belongs to and its place in that batch's digest.  Case
 * writes: every row of case_rec and case_hist, by wrote_batch and
 * wrote_line; events: every row of event_rec, by batch_id and seq.
 * Rows come in the tables' order, not the digests': the caller sorts.
 */
typedef void (*cf_rowhash_fn)(int64_t batch, int64_t order,
    const uint8_t hash[CF_SHA256_LEN], void *arg);
int cf_cases_write_hashes(struct cf_store *st, cf_rowhash_fn fn, void *arg);
int cf_cases_event_hashes(struct cf_store *st, cf_rowhash_fn fn, void *arg);
/* Evaluation writes: every row of eval_rec and eval_hist, by wrote_batch
 * and wrote_line. */
int cf_cases_eval_hashes(struct cf_store *st, cf_rowhash_fn fn, void *arg);

/*
 * Counts of the stored cases (`conform cases stats`), one GROUP BY over
 * case_rec per group, a full scan (a million cases take a fraction of
 * a second).
 *
 * Per procedure, window, channel and month of acceptance (local, the
 * workspace zone the records were imported under), then all cases:
 * how many cases, how many completed, how many pending (no completion
 * recorded).  Groups come in that order, each sorted by its value as
 * bytes; a value not recorded (no window, no channel) is a group of its
 * own, given as NULL, sorted first.  The "all" row comes even when no
 * case is stored (with zeros).
 */
struct cf_stats_row {
	const char *by; /* "procedure", "window", "channel", "month", "all" */
	const char *value; /* NULL: not recorded (or "all") */
	int64_t cases, completed, pending;
};

typedef void (*cf_stats_fn)(const struct cf_stats_row *row, void *payload);

/* Calls fn once per group; the row is borrowed for the call. */
int cf_cases_stats(struct cf_store *st, cf_stats_fn fn, void *payload);

/*
 * Counts of the stored evaluations (`cases stats --evaluations`,
 * doc/cases.md "Evaluations"), per procedure and window of their case,
 * per month of rating (local) and all, as cf_cases_stats groups them:
 * how many, how many of each rating 1..5, how many bad (rating 2 or
 * less), handled (bad, rectified, and revisited when real_name is yes)
 * and open (bad, not rectified), and overdue: bad, not handled, rated
 * before `due_before` (a local wall time: the caller finds, from the
 * calendar, the first rated day whose limit has not yet run out; below
 * INT64_MIN + 1 nothing is counted and `overdue` is -1, not known).
 * Whether a bad one was handled in time is the bad-review check's
 * judgment, not a count.
 */
struct cf_eval_stats_row {
	const char *by;	   /* "procedure", "window", "month", "all" */
	const char *value; /* NULL: not recorded (or "all") */
	int64_t evaluations, rating[5], bad, handled, open;
	int64_t overdue; /* -1: not known (no calendar for the limit) */
};

typedef void (*cf_eval_stats_fn)(const struct cf_eval_stats_row *row,
    void *payload);

int cf_cases_eval_stats(struct cf_store *st, int64_t due_before,
    cf_eval_stats_fn fn, void *payload);

#endif
