/* SPDX-License-Identifier: MIT */
/*
 * sqlcheck.h - user-written `sql` checks, sandboxed (doc/checks.md,
 * doc/hardening.md).
 *
 * A sql check is a SELECT written by a quality officer.  It runs on a
 * connection of its own, a private in-memory database that holds two
 * tables and nothing else: `cases` and `events`, the columns of the
 * store's views, filled by the audit (cf_sqlbox_fill) with the cases of
 * the checklist's scope accepted on or before the end of --to and their
 * events, as they stood then.  There is no other table to read, and
 * SQLite's authorizer still refuses, when the query is prepared, all
 * but SELECT, reading those two tables and a list of plain scalar,
 * aggregate and window functions (no PRAGMA, ATTACH, writes, DDL,
 * transactions, fts3_tokenizer, load_extension, ...).  While a query
 * runs it is bounded in time (a timer thread interrupts it, a progress
 * handler too) and memory (SQLite's heap limit, the length of a value,
 * the size of its result); passing a bound is a failure of that run,
 * not of the audit.  The only parameters are :from and :to (the period,
 * YYYY-MM-DD).  The rules are enforced by SQLite itself, never by
 * reading the text.
 */
#ifndef CF_SQLCHECK_H
#define CF_SQLCHECK_H

#include <stdbool.h>
#include <stdint.h>

#include "date.h"
#include "mem.h"
#include "store.h"

#define CF_SQL_TIMEOUT_MS 10000
/* What a query may allocate beyond what the connection holds (bytes). */
#define CF_SQL_HEAP_MAX ((int64_t)256 << 20)
/* The longest string or blob a query may make (bytes). */
#define CF_SQL_VALUE_MAX (16 << 20)
/* The most bytes of subjects one run may return. */
#define CF_SQL_RESULT_MAX ((size_t)64 << 20)

/* The sandbox connection: the views' data and nothing else. */
struct cf_sqlbox;
struct cf_sqlcheck;

/*
 * An empty sandbox: the two tables, no rows.  `timeout_ms` <= 0 means
 * CF_SQL_TIMEOUT_MS.  Queries prepared on an empty sandbox are checked
 * as the audit would check them (doc commit, doc check).
 */
int cf_sqlbox_new(struct cf_sqlbox **out, int timeout_ms);

/*
 * Fills the sandbox from the store, through the audit's case reader
 * (reader.h: the same cut at the end of `to`, the same --as-of rule):
 * the cases whose procedure matches `scope` accepted on local days up
 * to `to` (every earlier day included) and their events.  Once, before
 * any query runs.  `as_of` < 0: every record.
 */
int cf_sqlbox_fill(struct cf_sqlbox *b, struct cf_store *st, struct cf_tz *tz,
    const char *scope, cf_day to, int64_t as_of);

/*
 * Adds one case and its events (what cf_sqlbox_fill does for each case
 * the reader yields; the tests and the fuzz target build a sandbox with
 * it).  Before any query runs.
 */
struct cf_case;
int cf_sqlbox_add(struct cf_sqlbox *b, struct cf_tz *tz,
    const struct cf_case *c);

void cf_sqlbox_free(struct cf_sqlbox *b);

/*
 * Prepares `query` for check `name` on the sandbox (which must outlive
 * it).  CF_EINVALID with a message naming the check and what is not
 * allowed ("check S1: PRAGMA is not allowed; a sql check may only
 * SELECT from the views cases, events and evaluations").
 */
int cf_sqlcheck_prepare(struct cf_sqlcheck **out, struct cf_sqlbox *b,
    const char *name, const char *query);

/*
 * Runs the query with :from and :to bound.  `subjects` receives each
 * distinct non-NULL value of the first column, sorted bytewise; each
 * must be text (doc/checks.md: UTF-8 without control characters, not a
 * blob, at most CF_SQL_SUBJECT_MAX bytes).  Any failure - out of time,
 * out of memory, a subject that is not text, an SQL error - is CF_ERROR
 * with a message for the check's `error` finding, and `subjects` is
 * left empty.
 */
#define CF_SQL_SUBJECT_MAX 1000
int cf_sqlcheck_run(struct cf_sqlcheck *q, const char *from, const char *to,
    struct cf_strv *subjects);

void cf_sqlcheck_free(struct cf_sqlcheck *q);

/*
 * Prepares `query` on an empty sandbox, as an audit would, and drops
 * it: 0, or CF_EINVALID saying why it can never run (doc commit and doc
 * check use it through cf_doc_set_query_check, document.h).
 */
int cf_sqlcheck_validate(const char *name, const char *query);

/*
 * 0 when the program SQLite compiled for the prepared query opens no
 * b-tree but those of `cases`, `events` and their indexes, writes none
 * and opens no virtual table; CF_ERROR saying what otherwise.  Checked
 * without the authorizer (EXPLAIN): the fuzz target's oracle.
 */
int cf_sqlcheck_reads_only_views(struct cf_sqlcheck *q);

#endif
