/* SPDX-License-Identifier: MIT */
/*
 * sqlcheck.h - user-written `sql` checks, sandboxed (doc/checks.md).
 *
 * A sql check is a SELECT written by a quality officer.  It runs on its
 * own read-only connection with query_only on, the defensive flag, no
 * attached databases, and SQLite's authorizer allowing nothing but
 * SELECT and reading the two record views `cases` and `events` (and the
 * tables under them, only through them).  PRAGMA, ATTACH, writes, DDL,
 * transactions and every other table are refused when the query is
 * prepared — before the audit starts, so a refused query stores
 * nothing.  A progress handler enforces the time limit while it runs.
 * The only parameters are :from and :to (the period, YYYY-MM-DD).  The
 * rules are enforced by SQLite itself, never by reading the text.
 */
#ifndef CF_SQLCHECK_H
#define CF_SQLCHECK_H

#include <stdbool.h>
#include <stdint.h>

#include "mem.h"

#define CF_SQL_TIMEOUT_MS 10000

struct cf_sqlcheck;

/*
 * Opens `dbpath` read-only and prepares `query` for check `name`.
 * CF_EINVALID with a message naming the check and what is not allowed
 * ("check S1: PRAGMA is not allowed; a sql check may only SELECT from
 * the views cases and events").
 */
int cf_sqlcheck_prepare(struct cf_sqlcheck **out, const char *dbpath,
    const char *name, const char *query, int timeout_ms);

/*
 * The same over the records as of batch `as_of` (< 0: every record):
 * `cases` and `events` show what the batches up to it stored, each case
 * in the state its latest write up to it left (reader.h's rule).
 */
int cf_sqlcheck_prepare_as_of(struct cf_sqlcheck **out, const char *dbpath,
    const char *name, const char *query, int timeout_ms, int64_t as_of);

/*
 * Runs the query with :from and :to bound.  `subjects` receives each
 * distinct non-NULL value of the first column as text, sorted bytewise.
 * A time-out returns 0 with *timed_out set; other failures CF_ERROR.
 */
int cf_sqlcheck_run(struct cf_sqlcheck *q, const char *from, const char *to,
    struct cf_strv *subjects, bool *timed_out);

void cf_sqlcheck_free(struct cf_sqlcheck *q);

#endif
