/* SPDX-License-Identifier: MIT */
/*
 * store.h - the SQLite database of a workspace (.conform/conform.db).
 *
 * Records (cases, events, audits, findings, NCRs, the trail) live here;
 * documents live in git.  The store is opened in WAL mode with foreign
 * keys on, a busy timeout, the defensive flag, trusted_schema off and
 * synchronous=FULL (records must survive a power loss).  Its schema
 * version is PRAGMA user_version, migrated forward in one BEGIN
 * IMMEDIATE transaction when opened; a database newer than this build
 * is refused.
 *
 * Every write a command makes goes through cf_store_begin() (BEGIN
 * IMMEDIATE, so the busy timeout applies at BEGIN) and ends in
 * cf_store_commit() or cf_store_rollback(): a command happens whole or
 * not at all.  All SQL is prepared with bound parameters.  The store's
 * SQL stays in core/store*.c and in the modules' own statements; the
 * views that `sql` checks see are part of the schema.
 */
#ifndef CF_STORE_H
#define CF_STORE_H

#include <stdbool.h>

#include <sqlite3.h>

struct cf_store;

/* The schema version this build writes. */
int cf_store_latest_version(void);

enum {
	CF_STORE_CREATE = 1,   /* create the file if missing */
	CF_STORE_READONLY = 2, /* open read-only; no migration */
	CF_STORE_UNTRUSTED = 4, /* hostile input (an evidence pack's copy):
				   read-only and immutable, defensive, no
				   extensions, cell size checks, and its
				   schema must be exactly this build's */
};

/*
 * Opens (and with CF_STORE_CREATE creates) the database at `path` and
 * migrates it to the latest version.  CF_ENOTFOUND when the file is
 * missing and not to be created; CF_EBUSY when it stays locked.
 */
int cf_store_open(struct cf_store **out, const char *path, int flags);
void cf_store_free(struct cf_store *st);

/* The connection, borrowed (valid until cf_store_free). */
sqlite3 *cf_store_db(struct cf_store *st);

int cf_store_version(struct cf_store *st, int *out);

/*
 * Writes a copy of the whole database to the new file `path` (VACUUM
 * INTO: one consistent snapshot, compacted, in rollback-journal mode).
 * CF_EEXISTS when `path` exists.
 */
int cf_store_copy(struct cf_store *st, const char *path);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK. */
int cf_store_begin(struct cf_store *st);
int cf_store_commit(struct cf_store *st);
int cf_store_rollback(struct cf_store *st);
bool cf_store_in_tx(struct cf_store *st);

/* Runs SQL without parameters (DDL, pragmas). */
int cf_store_exec(struct cf_store *st, const char *sql);

/*
 * Prepares `sql` (SQLITE_PREPARE_PERSISTENT).  The caller finalizes the
 * statement before cf_store_free.
 */
int cf_store_prepare(struct cf_store *st, sqlite3_stmt **out, const char *sql);

/*
 * A statement for `sql` from the store's cache, reset and with its
 * bindings cleared: prepared on first use, kept until cf_store_free.
 * `sql` must be a string literal (the cache keys on its address).  The
 * caller never finalizes it.  For statements run many times (a row per
 * case).
 */
int cf_store_stmt(struct cf_store *st, sqlite3_stmt **out, const char *sql);

/*
 * Records the connection's last error as the conform error (CF_EBUSY
 * for a lock, else CF_ERROR) prefixed by `what`, and returns the code.
 */
int cf_store_error(struct cf_store *st, const char *what);

/* meta(key, value): small facts about the workspace. */
/* A copy of text column `i` of the current row, or NULL for SQL NULL;
 * the caller frees it.  For the store modules reading rows. */
char *cf_store_col_dup(sqlite3_stmt *s, int i);

struct cf_strv;

/*
 * The two text columns of every row of `sql` (one integer parameter,
 * ?1 = `id`) appended to `a` and `b`, in the statement's order; an SQL
 * NULL reads as "".  `what` names the read in an error ("reading an
 * NCR").
 */
int cf_store_text_pairs(struct cf_store *st, const char *sql, int64_t id,
    struct cf_strv *a, struct cf_strv *b, const char *what);

int cf_store_meta_get(struct cf_store *st, const char *key, char **out);
int cf_store_meta_set(struct cf_store *st, const char *key, const char *val);

/*
 * Connection settings for a bulk write (the import), made outside any
 * transaction: SQLite ignores these pragmas inside one.  The page cache
 * in KiB (the store opens with CF_STORE_CACHE_KIB, SQLite's default),
 * and whether foreign keys are enforced (on when the store opens).
 */
#define CF_STORE_CACHE_KIB 2000
int cf_store_cache_size(struct cf_store *st, int kib);
int cf_store_foreign_keys(struct cf_store *st, bool on);

#endif
