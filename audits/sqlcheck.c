/* SPDX-License-Identifier: MIT */
/*
 * sqlcheck.c - the sql check sandbox (see sqlcheck.h, doc/hardening.md).
 *
 * The sandbox is a private in-memory database: the store's connection
 * never meets a user's query, so no view, CTE or schema trick can reach
 * meta, the trail, NCRs or sqlite_master - they are not there.  The
 * copy is made through the audit's case reader, so a sql check sees the
 * records exactly as the other checks do (scope, the cut at the end of
 * --to, --as-of), and each value goes in through a bound parameter.
 *
 * The authorizer is the second wall: while the sandbox is set up it
 * allows everything (our own statements), afterwards it allows SELECT,
 * reading `cases` and `events`, and
 * the functions of the list below; the first refusal's reason is kept
 * so the message says what was refused, not just "not authorized".
 *
 * The bounds of a run: a timer thread calls sqlite3_interrupt at the
 * deadline (an operation that runs long between two virtual machine
 * steps is stopped too), and the progress handler checks the same
 * deadline; sqlite3_hard_heap_limit64 caps what SQLite may allocate
 * during the run (the limit is process-wide, so it is set to what is in
 * use plus CF_SQL_HEAP_MAX and put back afterwards; the audit's own
 * connection does nothing meanwhile); SQLITE_LIMIT_LENGTH caps one
 * value; temporary data stays in memory, under the same cap.
 */
#include "conform.h"
#include "reader.h"
#include "sqlcheck.h"
#include "text.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <sqlite3.h>

struct cf_sqlbox {
	sqlite3 *db;
	sqlite3_stmt *ins_case, *ins_event;
	sqlite3_stmt *nop; /* SELECT 1: clears a late interrupt */
	int timeout_ms;
	bool setup;	 /* our own statements: the authorizer allows all */
	bool filled;
	struct cf_buf mats; /* a case's materials, joined */
	char why[256];	    /* the first refusal of the last prepare */
};

struct cf_sqlcheck {
	struct cf_sqlbox *box;
	sqlite3_stmt *stmt;
	char *name;
	struct timespec deadline; /* CLOCK_MONOTONIC */
	bool timed_out;
};

/*
 * The functions a query may call: SQLite's core scalar, aggregate and
 * window functions, date and time, math and JSON - the ones that only
 * compute a value from their arguments.  Not: load_extension,
 * fts3_tokenizer (it hands out and takes pointers), sqlite_offset,
 * sqlite_version, sqlite_source_id, sqlite_compileoption_*, changes,
 * total_changes, last_insert_rowid (facts about the connection), nor
 * any function an extension adds.  Sorted for bsearch (strcasecmp).
 */
static const char *const allowed_functions[] = {
	"->", "->>", "abs", "acos", "acosh", "asin", "asinh", "atan", "atan2",
	"atanh", "avg", "ceil", "ceiling", "char", "coalesce", "concat",
	"concat_ws", "cos", "cosh", "count", "cume_dist", "current_date",
	"current_time", "current_timestamp", "date", "datetime", "degrees",
	"dense_rank", "exp", "first_value", "floor", "format", "glob",
	"group_concat", "hex", "ifnull", "iif", "instr", "json",
	"json_array", "json_array_length", "json_error_position",
	"json_extract", "json_group_array", "json_group_object", "json_insert",
	"json_object", "json_patch", "json_quote", "json_remove",
	"json_replace", "json_set", "json_type", "json_valid",
	"julianday", "lag", "last_value", "lead", "length", "like",
	"likelihood", "likely", "ln", "log", "log10", "log2", "lower", "ltrim",
	"max", "min", "mod", "nth_value", "ntile", "nullif", "octet_length",
	"percent_rank", "pi", "pow", "power", "printf", "quote", "radians",
	"random", "randomblob", "rank", "replace", "round", "row_number",
	"rtrim", "sign", "sin", "sinh", "soundex", "sqrt", "strftime",
	"string_agg", "substr", "substring", "sum", "tan", "tanh", "time",
	"timediff", "total", "trim", "trunc", "typeof", "unhex", "unicode",
	"unixepoch", "unlikely", "upper", "zeroblob",
};

static int
name_cmp(const void *key, const void *elem)
{
	return strcasecmp(key, *(const char *const *)elem);
}

static bool
function_allowed(const char *name)
{
	return name &&
	    bsearch(name, allowed_functions,
		sizeof allowed_functions / sizeof *allowed_functions,
		sizeof *allowed_functions, name_cmp) != NULL;
}

static bool
table_allowed(const char *s)
{
	return s && (strcmp(s, "cases") == 0 || strcmp(s, "events") == 0);
}

/* Keeps the first refusal: "WHAT" or "WHAT 'NAME'". */
static int
deny(struct cf_sqlbox *b, const char *what, const char *name)
{
	if (b->why[0] == '\0') {
		if (name)
			snprintf(b->why, sizeof b->why, "%s '%s'", what, name);
		else
			snprintf(b->why, sizeof b->why, "%s", what);
	}
	return SQLITE_DENY;
}

static int
authorize(void *ctx, int action, const char *a1, const char *a2, const char *db,
    const char *view)
{
	struct cf_sqlbox *b = ctx;

	(void)view;
	if (b->setup)
		return SQLITE_OK;
	switch (action) {
	case SQLITE_SELECT:
		return SQLITE_OK;
	case SQLITE_READ:
		if (db && strcmp(db, "main") != 0)
			return deny(b, "reading database", db);
		if (table_allowed(a1))
			return SQLITE_OK;
		return deny(b, "reading table", a1);
	case SQLITE_FUNCTION:
		if (function_allowed(a2))
			return SQLITE_OK;
		return deny(b, "the function", a2);
	case SQLITE_RECURSIVE:
		return SQLITE_OK; /* WITH RECURSIVE; the bounds hold it */
	case SQLITE_PRAGMA:
		return deny(b, "PRAGMA", NULL);
	case SQLITE_ATTACH:
	case SQLITE_DETACH:
		return deny(b, "ATTACH and DETACH", NULL);
	case SQLITE_INSERT:
	case SQLITE_UPDATE:
	case SQLITE_DELETE:
		return deny(b, "writing to", a1);
	case SQLITE_TRANSACTION:
	case SQLITE_SAVEPOINT:
		return deny(b, "transactions", NULL);
	default:
		return deny(b, "statements other than SELECT", NULL);
	}
}

/* ---- the sandbox ---- */

static const char schema_sql[] =
    "PRAGMA temp_store = MEMORY; PRAGMA journal_mode = OFF;"
    "PRAGMA synchronous = OFF; PRAGMA cache_size = -16384;"
    "CREATE TABLE cases (case_id TEXT PRIMARY KEY, procedure_id TEXT, "
    "accepted_at TEXT, completed_at TEXT, fee_fen INTEGER, materials TEXT, "
    "window TEXT, channel TEXT, received_at TEXT);"
    "CREATE TABLE events (case_id TEXT, activity TEXT, ts TEXT, "
    "actor TEXT, role TEXT);"
    "CREATE INDEX events_case ON events (case_id, ts);";

static int
box_error(struct cf_sqlbox *b, const char *what)
{
	return cf_error_set(CF_ERROR, "the sql check sandbox: %s: %s", what,
	    b->db ? sqlite3_errmsg(b->db) : "out of memory");
}

int
cf_sqlbox_new(struct cf_sqlbox **out, int timeout_ms)
{
	struct cf_sqlbox *b = cf_xcalloc(1, sizeof *b);
	int rc;

	*out = NULL;
	b->timeout_ms = timeout_ms > 0 ? timeout_ms : CF_SQL_TIMEOUT_MS;
	b->setup = true;
	cf_buf_init(&b->mats);
	if (sqlite3_open_v2("", &b->db,
		SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
		    SQLITE_OPEN_NOMUTEX,
		NULL) != SQLITE_OK) {
		rc = box_error(b, "cannot open");
		goto fail;
	}
	sqlite3_db_config(b->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(b->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	sqlite3_db_config(b->db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0,
	    NULL);
	sqlite3_set_authorizer(b->db, authorize, b);
	if (sqlite3_exec(b->db, schema_sql, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(b->db,
		"INSERT INTO cases VALUES (?1, ?2, datetime(?3, 'unixepoch'), "
		"datetime(?4, 'unixepoch'), ?5, ?6, ?7, ?8, "
		"datetime(?9, 'unixepoch'))",
		-1, &b->ins_case, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(b->db,
		"INSERT INTO events VALUES (?1, ?2, datetime(?3, "
		"'unixepoch'), ?4, ?5)",
		-1, &b->ins_event, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(b->db, "SELECT 1", -1, &b->nop, NULL) !=
		SQLITE_OK) {
		rc = box_error(b, "cannot make the tables");
		goto fail;
	}
	sqlite3_limit(b->db, SQLITE_LIMIT_ATTACHED, 0);
	sqlite3_limit(b->db, SQLITE_LIMIT_SQL_LENGTH, 100000);
	sqlite3_limit(b->db, SQLITE_LIMIT_LENGTH, CF_SQL_VALUE_MAX);
	sqlite3_limit(b->db, SQLITE_LIMIT_COLUMN, 200);
	sqlite3_limit(b->db, SQLITE_LIMIT_WORKER_THREADS, 0);
	b->setup = false;
	*out = b;
	return 0;
fail:
	cf_sqlbox_free(b);
	return rc;
}

void
cf_sqlbox_free(struct cf_sqlbox *b)
{
	if (b == NULL)
		return;
	sqlite3_finalize(b->ins_case);
	sqlite3_finalize(b->ins_event);
	sqlite3_finalize(b->nop);
	sqlite3_close_v2(b->db);
	cf_buf_release(&b->mats);
	free(b);
}

static void
bind_opt(sqlite3_stmt *s, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, i);
}

static int
step_insert(struct cf_sqlbox *b, sqlite3_stmt *s)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return rc == SQLITE_DONE ? 0 : box_error(b, "cannot copy a record");
}

/* One case and its events, local wall times as the store's views. */
int
cf_sqlbox_add(struct cf_sqlbox *b, struct cf_tz *tz, const struct cf_case *c)
{
	sqlite3_stmt *s = b->ins_case;
	struct cf_buf *mats = &b->mats;
	int rc;

	if (c->events_over)
		return cf_error_set(CF_EINVALID,
		    "case '%s' has %zu events recorded, more than the %d an "
		    "audit reads; a sql check does not run on part of the "
		    "records",
		    c->id, c->events_over, CF_CASE_MAX_EVENTS);
	sqlite3_bind_text(s, 1, c->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, c->procedure_id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3,
	    c->accepted.sec + cf_tz_offset(tz, c->accepted.sec));
	if (c->completed)
		sqlite3_bind_int64(s, 4,
		    c->completed_at.sec +
			cf_tz_offset(tz, c->completed_at.sec));
	if (c->fee_recorded)
		sqlite3_bind_int64(s, 5, c->fee_fen);
	if (c->materials_recorded) {
		/* The stored list, "M1;M2", as the reader split it. */
		cf_buf_reset(mats);
		cf_buf_adds(mats, "");
		for (size_t i = 0; i < c->nmaterials; i++) {
			if (i)
				cf_buf_addc(mats, ';');
			cf_buf_adds(mats, c->materials[i]);
		}
		sqlite3_bind_text(s, 6, mats->s, (int)mats->len,
		    SQLITE_STATIC);
	}
	bind_opt(s, 7, c->window);
	bind_opt(s, 8, c->channel);
	if (c->received)
		sqlite3_bind_int64(s, 9,
		    c->received_at.sec + cf_tz_offset(tz, c->received_at.sec));
	if ((rc = step_insert(b, s)) < 0)
		return rc;
	s = b->ins_event;
	for (size_t i = 0; i < c->nevents; i++) {
		const struct cf_event *e = &c->events[i];
		sqlite3_bind_text(s, 1, c->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, e->activity, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 3, e->ts.sec + cf_tz_offset(tz, e->ts.sec));
		bind_opt(s, 4, e->actor);
		bind_opt(s, 5, e->role);
		if ((rc = step_insert(b, s)) < 0)
			return rc;
	}
	return 0;
}

int
cf_sqlbox_fill(struct cf_sqlbox *b, struct cf_store *st, struct cf_tz *tz,
    const char *scope, cf_day to, int64_t as_of)
{
	struct cf_case_reader *rd = NULL;
	struct cf_case_reader_opts o = { .as_of = as_of, .evaluations = true };
	const struct cf_case *c;
	int rc;

	if (b->filled)
		return cf_error_set(CF_ERROR,
		    "the sql check sandbox is filled once");
	b->filled = true;
	if ((rc = cf_case_reader_open_with(&rd, st, tz, scope, INT32_MIN, to,
		 &o)) < 0)
		return rc;
	b->setup = true;
	if (sqlite3_exec(b->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		rc = box_error(b, "cannot begin");
	else {
		while ((rc = cf_case_reader_next(rd, &c)) == 1)
			if ((rc = cf_sqlbox_add(b, tz, c)) < 0)
				break;
		if (rc == 0 &&
		    sqlite3_exec(b->db,
			"COMMIT; PRAGMA query_only = 1;",
			NULL, NULL, NULL) != SQLITE_OK)
			rc = box_error(b, "cannot commit the copy");
		if (rc < 0)
			sqlite3_exec(b->db, "ROLLBACK", NULL, NULL, NULL);
	}
	b->setup = false;
	cf_case_reader_free(rd);
	return rc < 0 ? rc : 0;
}

/* ---- one check ---- */

void
cf_sqlcheck_free(struct cf_sqlcheck *q)
{
	if (q == NULL)
		return;
	sqlite3_finalize(q->stmt);
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

int
cf_sqlcheck_prepare(struct cf_sqlcheck **out, struct cf_sqlbox *b,
    const char *name, const char *query)
{
	struct cf_sqlcheck *q = cf_xcalloc(1, sizeof *q);
	const char *tail = NULL;
	int rc;

	*out = NULL;
	q->box = b;
	q->name = cf_xstrdup(name);
	b->why[0] = '\0';
	rc = sqlite3_prepare_v2(b->db, query, -1, &q->stmt, &tail);
	if (rc != SQLITE_OK || q->stmt == NULL) {
		if (b->why[0])
			rc = cf_error_set(CF_EINVALID,
			    "check %s: %s is not allowed; a sql check may only "
			    "SELECT from the views cases and events",
			    name, b->why);
		else
			rc = cf_error_set(CF_EINVALID, "check %s: %s", name,
			    q->stmt == NULL && rc == SQLITE_OK
				? "the query is empty"
				: sqlite3_errmsg(b->db));
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

int
cf_sqlcheck_validate(const char *name, const char *query)
{
	struct cf_sqlbox *b;
	struct cf_sqlcheck *q;
	int rc;

	if ((rc = cf_sqlbox_new(&b, 0)) < 0)
		return rc;
	rc = cf_sqlcheck_prepare(&q, b, name, query);
	cf_sqlcheck_free(q);
	cf_sqlbox_free(b);
	return rc;
}

/*
 * The oracle of the fuzz target and the tests, independent of the
 * authorizer: the program SQLite compiled for the query (EXPLAIN of its
 * text) opens no b-tree but those of the two tables and their indexes,
 * writes none and opens no virtual table.
 */
int
cf_sqlcheck_reads_only_views(struct cf_sqlcheck *q)
{
	struct cf_sqlbox *b = q->box;
	sqlite3_stmt *s = NULL;
	int64_t roots[8];
	size_t nroots = 0;
	char *sql;
	int rc = 0;

	b->setup = true;
	if (sqlite3_prepare_v2(b->db,
		"SELECT rootpage FROM sqlite_master WHERE tbl_name IN "
		"('cases', 'events') AND rootpage > 0",
		-1, &s, NULL) != SQLITE_OK) {
		b->setup = false;
		return box_error(b, "cannot read its schema");
	}
	while (sqlite3_step(s) == SQLITE_ROW && nroots < 8)
		roots[nroots++] = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	/* SQLite keeps the empty statements before the first one in the
	 * statement's text (";SELECT 1"); EXPLAIN takes it without them. */
	const char *text = sqlite3_sql(q->stmt);
	while (*text == ';' || *text == ' ' || *text == '\t' ||
	    *text == '\n' || *text == '\r' || *text == '\f')
		text++;
	sql = cf_xasprintf("EXPLAIN %s", text);
	if (sqlite3_prepare_v2(b->db, sql, -1, &s, NULL) != SQLITE_OK)
		rc = box_error(b, "cannot explain the query");
	free(sql);
	b->setup = false;
	while (rc == 0 && sqlite3_step(s) == SQLITE_ROW) {
		const char *op = (const char *)sqlite3_column_text(s, 1);
		int64_t p2 = sqlite3_column_int64(s, 3);
		int64_t p3 = sqlite3_column_int64(s, 4);
		bool known = false;
		if (op == NULL)
			continue;
		if (strcmp(op, "OpenWrite") == 0 || strcmp(op, "VOpen") == 0 ||
		    strcmp(op, "VUpdate") == 0 || strcmp(op, "ParseSchema") == 0)
			rc = cf_error_set(CF_ERROR, "check %s: the query's "
			    "program has %s", q->name, op);
		else if (strcmp(op, "OpenRead") == 0 ||
		    strcmp(op, "ReopenIdx") == 0) {
			for (size_t i = 0; i < nroots; i++)
				known |= roots[i] == p2;
			if (!known || p3 != 0)
				rc = cf_error_set(CF_ERROR,
				    "check %s: the query's program opens "
				    "b-tree %lld of database %lld",
				    q->name, (long long)p2, (long long)p3);
		}
	}
	sqlite3_finalize(s);
	return rc;
}

/* ---- the bounds of a run ---- */

static bool
past(const struct timespec *deadline)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec > deadline->tv_sec ||
	    (now.tv_sec == deadline->tv_sec && now.tv_nsec >= deadline->tv_nsec);
}

static int
progress(void *ctx)
{
	struct cf_sqlcheck *q = ctx;

	if (past(&q->deadline)) {
		q->timed_out = true;
		return 1;
	}
	return 0;
}

struct timer {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	bool done, fired;
	struct cf_sqlcheck *q;
};

static void *
timer_main(void *arg)
{
	struct timer *t = arg;

	pthread_mutex_lock(&t->mu);
	while (!t->done) {
		int rc = pthread_cond_timedwait(&t->cv, &t->mu,
		    &t->q->deadline);
		if (rc == ETIMEDOUT && !t->done) {
			t->fired = true;
			sqlite3_interrupt(t->q->box->db);
			break;
		}
	}
	pthread_mutex_unlock(&t->mu);
	return NULL;
}

static bool
timer_start(struct timer *t, pthread_t *th, struct cf_sqlcheck *q)
{
	pthread_condattr_t a;

	memset(t, 0, sizeof *t);
	t->q = q;
	pthread_mutex_init(&t->mu, NULL);
	pthread_condattr_init(&a);
	pthread_condattr_setclock(&a, CLOCK_MONOTONIC);
	pthread_cond_init(&t->cv, &a);
	pthread_condattr_destroy(&a);
	if (pthread_create(th, NULL, timer_main, t) != 0) {
		/* The progress handler alone holds the deadline then. */
		pthread_cond_destroy(&t->cv);
		pthread_mutex_destroy(&t->mu);
		return false;
	}
	return true;
}

static void
timer_stop(struct timer *t, pthread_t th)
{
	pthread_mutex_lock(&t->mu);
	t->done = true;
	pthread_cond_signal(&t->cv);
	pthread_mutex_unlock(&t->mu);
	pthread_join(th, NULL);
	pthread_cond_destroy(&t->cv);
	pthread_mutex_destroy(&t->mu);
}

static int
strp_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Why row `row`'s first column is no subject, or NULL when it is one. */
static const char *
not_a_subject(sqlite3_stmt *s, const unsigned char **text, size_t *n)
{
	*text = NULL;
	*n = 0;
	if (sqlite3_column_type(s, 0) == SQLITE_BLOB)
		return "a blob";
	*text = sqlite3_column_text(s, 0);
	*n = (size_t)sqlite3_column_bytes(s, 0);
	if (*text == NULL)
		return NULL; /* out of memory: the step's error says so */
	if (*n > CF_SQL_SUBJECT_MAX)
		return "too long";
	if (memchr(*text, '\0', *n))
		return "text with a NUL byte";
	if (!cf_utf8_valid((const char *)*text, *n, NULL))
		return "not valid UTF-8";
	if (!cf_text_printable((const char *)*text, *n))
		return "text with a control character";
	if (*n == 0)
		return "empty";
	return NULL;
}

static int
bad_subject(struct cf_sqlcheck *q, int64_t row, const char *why,
    const unsigned char *text, size_t n)
{
	struct cf_buf b;
	int rc;

	cf_buf_init(&b);
	if (text) {
		size_t k = n > 40 ? cf_utf8_cut((const char *)text, 40) : n;
		cf_text_add_printable(&b, (const char *)text, k);
		if (k < n)
			cf_buf_adds(&b, "...");
	}
	rc = cf_error_set(CF_ERROR,
	    "row %lld of the result: the subject is %s (\"%s\"), expected "
	    "UTF-8 text without control characters, at most %d bytes",
	    (long long)row, why, b.s ? b.s : "", CF_SQL_SUBJECT_MAX);
	cf_buf_release(&b);
	return rc;
}

int
cf_sqlcheck_run(struct cf_sqlcheck *q, const char *from, const char *to,
    struct cf_strv *subjects)
{
	struct cf_strv all = CF_STRV_INIT;
	sqlite3 *db = q->box->db;
	struct timer t;
	pthread_t th;
	bool timer;
	int64_t heap_before, row = 0;
	size_t bytes = 0;
	int i, rc, err = 0;

	if ((i = sqlite3_bind_parameter_index(q->stmt, ":from")) > 0)
		sqlite3_bind_text(q->stmt, i, from, -1, SQLITE_TRANSIENT);
	if ((i = sqlite3_bind_parameter_index(q->stmt, ":to")) > 0)
		sqlite3_bind_text(q->stmt, i, to, -1, SQLITE_TRANSIENT);
	clock_gettime(CLOCK_MONOTONIC, &q->deadline);
	q->deadline.tv_sec += q->box->timeout_ms / 1000;
	q->deadline.tv_nsec += (long)(q->box->timeout_ms % 1000) * 1000000L;
	if (q->deadline.tv_nsec >= 1000000000L) {
		q->deadline.tv_sec++;
		q->deadline.tv_nsec -= 1000000000L;
	}
	q->timed_out = false;
	heap_before = sqlite3_hard_heap_limit64(-1);
	{
		int64_t lim = sqlite3_memory_used() + CF_SQL_HEAP_MAX;
		if (heap_before > 0 && heap_before < lim)
			lim = heap_before;
		sqlite3_hard_heap_limit64(lim);
	}
	sqlite3_progress_handler(db, 1000, progress, q);
	timer = timer_start(&t, &th, q);
	while ((rc = sqlite3_step(q->stmt)) == SQLITE_ROW) {
		const unsigned char *v;
		size_t n;
		const char *why;
		row++;
		if (sqlite3_column_type(q->stmt, 0) == SQLITE_NULL)
			continue;
		if ((why = not_a_subject(q->stmt, &v, &n)) != NULL) {
			err = bad_subject(q, row, why, v, n);
			break;
		}
		if (v == NULL) {
			rc = SQLITE_NOMEM;
			break;
		}
		if ((bytes += n + 1) > CF_SQL_RESULT_MAX) {
			err = cf_error_set(CF_ERROR,
			    "the query returned more than %zu MiB of subjects",
			    CF_SQL_RESULT_MAX >> 20);
			break;
		}
		cf_strv_push(&all, (const char *)v);
	}
	if (timer) {
		timer_stop(&t, th);
		q->timed_out |= t.fired && rc != SQLITE_DONE;
	}
	sqlite3_progress_handler(db, 0, NULL, NULL);
	sqlite3_reset(q->stmt);
	if (timer && t.fired) {
		/* The interrupt may have come after the statement ended: it
		 * would then refuse the next prepare.  A statement that starts
		 * with none running clears it. */
		sqlite3_step(q->box->nop);
		sqlite3_reset(q->box->nop);
	}
	sqlite3_hard_heap_limit64(heap_before);
	if (err == 0 && rc != SQLITE_DONE) {
		if (q->timed_out && q->box->timeout_ms % 1000 == 0)
			err = cf_error_set(CF_ERROR,
			    "the query ran out of time (%d s)",
			    q->box->timeout_ms / 1000);
		else if (q->timed_out)
			err = cf_error_set(CF_ERROR,
			    "the query ran out of time (%d ms)",
			    q->box->timeout_ms);
		else if (rc == SQLITE_NOMEM)
			err = cf_error_set(CF_ERROR,
			    "the query ran out of memory (more than %lld MiB)",
			    (long long)(CF_SQL_HEAP_MAX >> 20));
		else if (rc == SQLITE_TOOBIG)
			err = cf_error_set(CF_ERROR,
			    "the query made a value longer than %d MiB",
			    CF_SQL_VALUE_MAX >> 20);
		else
			err = cf_error_set(CF_ERROR, "%s", sqlite3_errmsg(db));
	}
	if (err < 0) {
		cf_strv_release(&all);
		return err;
	}
	if (all.n > 1)
		qsort(all.v, all.n, sizeof *all.v, strp_cmp);
	for (size_t k = 0; k < all.n; k++)
		if (k == 0 || strcmp(all.v[k], all.v[k - 1]) != 0)
			cf_strv_push(subjects, all.v[k]);
	cf_strv_release(&all);
	return 0;
}
