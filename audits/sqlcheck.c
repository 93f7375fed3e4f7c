/* SPDX-License-Identifier: MIT */
/*
 * sqlcheck.c - the sql check sandbox (see sqlcheck.h).
 *
 * The authorizer sees every action SQLite's compiler needs.  Reading a
 * view's underlying table is reported with the view as the "inner-most
 * view" argument, which is how reading case data through `cases` is
 * allowed while reading it directly is not.  The first refusal's reason
 * is kept so the message says what was refused, not just "not
 * authorized".
 */
#include "conform.h"
#include "sqlcheck.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

struct cf_sqlcheck {
	sqlite3 *db;
	sqlite3_stmt *stmt;
	char *name;
	int timeout_ms;
	struct timespec deadline;
	bool timed_out;
	char why[256]; /* the first refusal */
};

static bool
is_record_view(const char *s)
{
	return s && (strcmp(s, "cases") == 0 || strcmp(s, "events") == 0);
}

/* Keeps the first refusal: "WHAT" or "WHAT 'NAME'". */
static int
deny(struct cf_sqlcheck *q, const char *what, const char *name)
{
	if (q->why[0] == '\0') {
		if (name)
			snprintf(q->why, sizeof q->why, "%s '%s'", what, name);
		else
			snprintf(q->why, sizeof q->why, "%s", what);
	}
	return SQLITE_DENY;
}

static int
authorize(void *ctx, int action, const char *a1, const char *a2, const char *db,
    const char *view)
{
	struct cf_sqlcheck *q = ctx;

	(void)a2;
	switch (action) {
	case SQLITE_SELECT:
		return SQLITE_OK;
	case SQLITE_READ:
		if (db && strcmp(db, "main") != 0 && strcmp(db, "temp") != 0)
			return deny(q, "reading database", db);
		if (is_record_view(a1) || is_record_view(view))
			return SQLITE_OK;
		return deny(q, "reading table", a1);
	case SQLITE_FUNCTION:
		return SQLITE_OK; /* built-in functions only: no extensions */
	case SQLITE_RECURSIVE:
		return SQLITE_OK; /* WITH RECURSIVE; the time limit bounds it */
	case SQLITE_PRAGMA:
		return deny(q, "PRAGMA", NULL);
	case SQLITE_ATTACH:
	case SQLITE_DETACH:
		return deny(q, "ATTACH and DETACH", NULL);
	case SQLITE_INSERT:
	case SQLITE_UPDATE:
	case SQLITE_DELETE:
		return deny(q, "writing to", a1);
	case SQLITE_TRANSACTION:
	case SQLITE_SAVEPOINT:
		return deny(q, "transactions", NULL);
	default:
		return deny(q, "statements other than SELECT", NULL);
	}
}

static int
progress(void *ctx)
{
	struct cf_sqlcheck *q = ctx;
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (now.tv_sec > q->deadline.tv_sec ||
	    (now.tv_sec == q->deadline.tv_sec &&
		now.tv_nsec >= q->deadline.tv_nsec)) {
		q->timed_out = true;
		return 1;
	}
	return 0;
}

void
cf_sqlcheck_free(struct cf_sqlcheck *q)
{
	if (q == NULL)
		return;
	sqlite3_finalize(q->stmt);
	sqlite3_close_v2(q->db);
	free(q->name);
	free(q);
}

/* True when `s` holds only white space and SQL comments. */
static bool
only_comments(const char *s)
{
	while (*s) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' ||
		    *s == ';')
			s++;
		else if (s[0] == '-' && s[1] == '-') {
			while (*s && *s != '\n')
				s++;
		} else if (s[0] == '/' && s[1] == '*') {
			const char *e = strstr(s + 2, "*/");
			if (e == NULL)
				return true;
			s = e + 2;
		} else
			return false;
	}
	return true;
}

/*
 * The records as of batch `as_of` (audit run --as-of, doc/audits.md):
 * temporary views named as the record views, which the names in a
 * query find first (SQLite looks in temp before main), made before the
 * sandbox closes.  They are the views of store migration 7 over the
 * rows the batches up to `as_of` wrote: each case in the state of its
 * latest write up to it (case_rec, or the case_hist row it replaced),
 * the events those batches added.  A view takes no parameter, so the
 * batch id, an integer, is written into the text.
 */
static int
as_of_views(sqlite3 *db, const char *name, int64_t as_of)
{
	char *sql = cf_xasprintf(
	    "CREATE TEMP VIEW cases (case_id, procedure_id, accepted_at, "
	    "completed_at, fee_fen, materials, window, channel) AS "
	    "SELECT case_id, procedure_id, datetime(accepted_wall, "
	    "'unixepoch'), datetime(completed_wall, 'unixepoch'), fee_fen, "
	    "materials, window, channel FROM main.case_rec "
	    "WHERE batch_id <= %lld AND wrote_batch <= %lld "
	    "UNION ALL "
	    "SELECT case_id, procedure_id, datetime(accepted_wall, "
	    "'unixepoch'), datetime(completed_wall, 'unixepoch'), fee_fen, "
	    "materials, window, channel FROM main.case_hist h "
	    "WHERE batch_id <= %lld AND wrote_batch = (SELECT "
	    "max(x.wrote_batch) FROM main.case_hist x WHERE x.case_id = "
	    "h.case_id AND x.wrote_batch <= %lld) AND (SELECT r.wrote_batch "
	    "FROM main.case_rec r WHERE r.case_id = h.case_id) > %lld;"
	    "CREATE TEMP VIEW events (case_id, activity, ts, actor, role) AS "
	    "SELECT case_id, activity, datetime(ts_wall, 'unixepoch'), actor, "
	    "role FROM main.event_rec WHERE batch_id <= %lld;",
	    (long long)as_of, (long long)as_of, (long long)as_of,
	    (long long)as_of, (long long)as_of, (long long)as_of);
	int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);

	free(sql);
	if (rc != SQLITE_OK)
		return cf_error_set(CF_ERROR,
		    "check %s: cannot read the records as of batch %lld: %s",
		    name, (long long)as_of, sqlite3_errmsg(db));
	return 0;
}

int
cf_sqlcheck_prepare(struct cf_sqlcheck **out, const char *dbpath,
    const char *name, const char *query, int timeout_ms)
{
	return cf_sqlcheck_prepare_as_of(out, dbpath, name, query, timeout_ms,
	    -1);
}

int
cf_sqlcheck_prepare_as_of(struct cf_sqlcheck **out, const char *dbpath,
    const char *name, const char *query, int timeout_ms, int64_t as_of)
{
	struct cf_sqlcheck *q = cf_xcalloc(1, sizeof *q);
	const char *tail = NULL;
	int rc;

	*out = NULL;
	q->name = cf_xstrdup(name);
	q->timeout_ms = timeout_ms > 0 ? timeout_ms : CF_SQL_TIMEOUT_MS;
	if (sqlite3_open_v2(dbpath, &q->db,
		SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX,
		NULL) != SQLITE_OK) {
		rc = cf_error_set(CF_ERROR, "check %s: cannot open '%s': %s",
		    name, dbpath, q->db ? sqlite3_errmsg(q->db) : "no memory");
		goto fail;
	}
	sqlite3_busy_timeout(q->db, 10000);
	sqlite3_db_config(q->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(q->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	sqlite3_db_config(q->db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0,
	    NULL);
	if (as_of >= 0 && (rc = as_of_views(q->db, name, as_of)) < 0)
		goto fail;
	sqlite3_exec(q->db, "PRAGMA query_only = 1", NULL, NULL, NULL);
	sqlite3_limit(q->db, SQLITE_LIMIT_ATTACHED, 0);
	sqlite3_limit(q->db, SQLITE_LIMIT_SQL_LENGTH, 100000);
	sqlite3_set_authorizer(q->db, authorize, q);
	rc = sqlite3_prepare_v2(q->db, query, -1, &q->stmt, &tail);
	if (rc != SQLITE_OK || q->stmt == NULL) {
		if (q->why[0])
			rc = cf_error_set(CF_EINVALID,
			    "check %s: %s is not allowed; a sql check may only "
			    "SELECT from the views cases and events",
			    name, q->why);
		else
			rc = cf_error_set(CF_EINVALID, "check %s: %s", name,
			    q->stmt == NULL && rc == SQLITE_OK
				? "the query is empty"
				: sqlite3_errmsg(q->db));
		goto fail;
	}
	if (tail && !only_comments(tail)) {
		rc = cf_error_set(CF_EINVALID,
		    "check %s: one SELECT only, found more after it", name);
		goto fail;
	}
	if (!sqlite3_stmt_readonly(q->stmt)) {
		rc = cf_error_set(CF_EINVALID, "check %s: the query writes",
		    name);
		goto fail;
	}
	if (sqlite3_column_count(q->stmt) < 1) {
		rc = cf_error_set(CF_EINVALID,
		    "check %s: the query returns no column", name);
		goto fail;
	}
	for (int i = 1; i <= sqlite3_bind_parameter_count(q->stmt); i++) {
		const char *p = sqlite3_bind_parameter_name(q->stmt, i);
		if (p == NULL || (strcmp(p, ":from") && strcmp(p, ":to"))) {
			rc = cf_error_set(CF_EINVALID,
			    "check %s: unknown parameter %s, expected :from or "
			    ":to",
			    name, p ? p : "?");
			goto fail;
		}
	}
	*out = q;
	return 0;
fail:
	cf_sqlcheck_free(q);
	return rc;
}

static int
strp_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
cf_sqlcheck_run(struct cf_sqlcheck *q, const char *from, const char *to,
    struct cf_strv *subjects, bool *timed_out)
{
	struct cf_strv all = CF_STRV_INIT;
	int i, rc;

	*timed_out = false;
	if ((i = sqlite3_bind_parameter_index(q->stmt, ":from")) > 0)
		sqlite3_bind_text(q->stmt, i, from, -1, SQLITE_TRANSIENT);
	if ((i = sqlite3_bind_parameter_index(q->stmt, ":to")) > 0)
		sqlite3_bind_text(q->stmt, i, to, -1, SQLITE_TRANSIENT);
	clock_gettime(CLOCK_MONOTONIC, &q->deadline);
	q->deadline.tv_sec += q->timeout_ms / 1000;
	q->deadline.tv_nsec += (long)(q->timeout_ms % 1000) * 1000000L;
	if (q->deadline.tv_nsec >= 1000000000L) {
		q->deadline.tv_sec++;
		q->deadline.tv_nsec -= 1000000000L;
	}
	q->timed_out = false;
	sqlite3_progress_handler(q->db, 1000, progress, q);
	while ((rc = sqlite3_step(q->stmt)) == SQLITE_ROW) {
		const unsigned char *v = sqlite3_column_text(q->stmt, 0);
		if (v)
			cf_strv_push(&all, (const char *)v);
	}
	sqlite3_progress_handler(q->db, 0, NULL, NULL);
	sqlite3_reset(q->stmt);
	if (rc != SQLITE_DONE) {
		cf_strv_release(&all);
		if (q->timed_out) {
			*timed_out = true;
			return 0;
		}
		return cf_error_set(CF_ERROR, "check %s: %s", q->name,
		    sqlite3_errmsg(q->db));
	}
	if (all.n > 1)
		qsort(all.v, all.n, sizeof *all.v, strp_cmp);
	for (size_t k = 0; k < all.n; k++)
		if (k == 0 || strcmp(all.v[k], all.v[k - 1]) != 0)
			cf_strv_push(subjects, all.v[k]);
	cf_strv_release(&all);
	return 0;
}
