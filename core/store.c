/* SPDX-License-Identifier: MIT */
/*
 * store.c - opening, migrating and transacting (see store.h).
 */
#include "conform.h"
#include "store.h"
#include "store-schema.h"

#include <errno.h>
#include <stdio.h>
#include <sys/resource.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define BUSY_TIMEOUT_MS 10000

struct cached_stmt {
	const char *sql; /* the literal's address is the key */
	sqlite3_stmt *stmt;
};

struct cf_store {
	sqlite3 *db;
	char *path;
	bool readonly;
	struct cached_stmt *cache;
	size_t ncache, acache;
};

/*
 * How long a writer waits for another to finish: BUSY_TIMEOUT_MS, or
 * CONFORM_BUSY_TIMEOUT (milliseconds; tests of the busy path set it
 * short).
 */
static int
busy_timeout_ms(void)
{
	const char *env = getenv("CONFORM_BUSY_TIMEOUT");
	char *end;
	long v;

	if (env && *env) {
		v = strtol(env, &end, 10);
		if (*end == '\0' && v >= 0 && v <= 3600000)
			return (int)v;
	}
	return BUSY_TIMEOUT_MS;
}

int
cf_store_latest_version(void)
{
	return (int)cf_store_schema_count();
}

int
cf_store_error(struct cf_store *st, const char *what)
{
	int ext = sqlite3_extended_errcode(st->db);
	int prim = ext & 0xff;

	if (prim == SQLITE_BUSY || prim == SQLITE_LOCKED)
		return cf_error_set(CF_EBUSY,
		    "%s: database '%s' is busy (another conform is writing; "
		    "waited %d s); nothing was changed, try again",
		    what, st->path, (busy_timeout_ms() + 999) / 1000);
	if (prim == SQLITE_READONLY)
		return cf_error_set(CF_ERROR,
		    "%s: database '%s' is read-only (no write permission on it "
		    "or its folder?)",
		    what, st->path);
	if (prim == SQLITE_FULL)
		return cf_error_set(CF_ERROR, "%s: disk full writing '%s'",
		    what, st->path);
	if (prim == SQLITE_IOERR || prim == SQLITE_CANTOPEN) {
		/* Say which file, and the likely cause: "disk I/O error"
		 * alone helps nobody.  (SQLite's errno is not reliable by
		 * the time we see it, so the limit is looked up.) */
		struct rlimit rl;
		char why[96] = "";
		if (ext == SQLITE_IOERR_WRITE &&
		    getrlimit(RLIMIT_FSIZE, &rl) == 0 &&
		    rl.rlim_cur != RLIM_INFINITY)
			snprintf(why, sizeof why,
			    " (the file-size limit, ulimit -f, is %llu bytes)",
			    (unsigned long long)rl.rlim_cur);
		return cf_error_set(CF_ERROR, "%s: %s on database '%s'%s", what,
		    sqlite3_errmsg(st->db), st->path, why);
	}
	return cf_error_set(CF_ERROR, "%s: %s", what, sqlite3_errmsg(st->db));
}

int
cf_store_exec(struct cf_store *st, const char *sql)
{
	if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return cf_store_error(st, "database");
	return 0;
}

int
cf_store_prepare(struct cf_store *st, sqlite3_stmt **out, const char *sql)
{
	if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, out,
		NULL) != SQLITE_OK) {
		*out = NULL;
		return cf_store_error(st, "database");
	}
	return 0;
}

int
cf_store_stmt(struct cf_store *st, sqlite3_stmt **out, const char *sql)
{
	int rc;

	for (size_t i = 0; i < st->ncache; i++)
		if (st->cache[i].sql == sql) {
			*out = st->cache[i].stmt;
			sqlite3_reset(*out);
			sqlite3_clear_bindings(*out);
			return 0;
		}
	if ((rc = cf_store_prepare(st, out, sql)) < 0)
		return rc;
	CF_GROW(st->cache, st->ncache + 1, st->acache);
	st->cache[st->ncache].sql = sql;
	st->cache[st->ncache].stmt = *out;
	st->ncache++;
	return 0;
}

bool
cf_store_in_tx(struct cf_store *st)
{
	return !sqlite3_get_autocommit(st->db);
}

int
cf_store_begin(struct cf_store *st)
{
	if (sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) !=
	    SQLITE_OK)
		return cf_store_error(st, "starting a write");
	return 0;
}

int
cf_store_commit(struct cf_store *st)
{
	if (sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		int rc = cf_store_error(st, "writing the database");
		/* A failed COMMIT may leave the transaction open: end it,
		 * so that nothing of it is kept. */
		cf_store_rollback(st);
		return rc;
	}
	return 0;
}

int
cf_store_rollback(struct cf_store *st)
{
	if (!cf_store_in_tx(st))
		return 0;
	/* Keep the error that caused the rollback. */
	sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	return 0;
}

int
cf_store_version(struct cf_store *st, int *out)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = cf_store_prepare(st, &s, "PRAGMA user_version")) < 0)
		return rc;
	if (sqlite3_step(s) != SQLITE_ROW) {
		rc = cf_store_error(st, "reading the schema version");
		sqlite3_finalize(s);
		return rc;
	}
	*out = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return 0;
}

/* CF_ERROR when a row refers to a row that is not there. */
static int
foreign_key_check(struct cf_store *st)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = cf_store_prepare(st, &s, "PRAGMA foreign_key_check")) < 0)
		return rc;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		rc = cf_error_set(CF_ERROR,
		    "a row of table '%s' refers to a row of '%s' that is not "
		    "there",
		    (const char *)sqlite3_column_text(s, 0),
		    (const char *)sqlite3_column_text(s, 2));
	else if (rc == SQLITE_DONE)
		rc = 0;
	else
		rc = cf_store_error(st, "checking foreign keys");
	sqlite3_finalize(s);
	return rc;
}

static int
migrate(struct cf_store *st)
{
	int have, latest = cf_store_latest_version(), rc;

	if ((rc = cf_store_version(st, &have)) < 0)
		return rc;
	if (have > latest)
		return cf_error_set(CF_ERROR,
		    "database '%s' has schema version %d, newer than this "
		    "conform knows (%d); upgrade conform",
		    st->path, have, latest);
	if (have == latest)
		return 0;
	/*
	 * Foreign keys off while the steps run (a pragma is a no-op inside
	 * a transaction): a step that rebuilds a table other tables refer
	 * to drops the old one first.  Every key is checked before the
	 * commit instead.
	 */
	if ((rc = cf_store_foreign_keys(st, false)) < 0)
		return rc;
	if ((rc = cf_store_begin(st)) < 0)
		goto fail;
	/* Another process may have migrated while we waited for the lock. */
	if ((rc = cf_store_version(st, &have)) < 0)
		goto fail;
	for (int v = have; v < latest; v++) {
		if ((rc = cf_store_exec(st, cf_store_schema_step((size_t)v))) <
		    0) {
			cf_error_prefix("migrating the database to version %d",
			    v + 1);
			goto fail;
		}
	}
	char *pragma = sqlite3_mprintf("PRAGMA user_version = %d", latest);
	rc = cf_store_exec(st, pragma);
	sqlite3_free(pragma);
	if (rc < 0)
		goto fail;
	if ((rc = foreign_key_check(st)) < 0)
		goto fail;
	if ((rc = cf_store_commit(st)) < 0)
		goto fail;
	return cf_store_foreign_keys(st, true);
fail:
	if (cf_store_in_tx(st))
		cf_store_rollback(st);
	cf_store_foreign_keys(st, true);
	return rc;
}

/* "file:" + `path` with the bytes a URI reserves escaped. */
static char *
file_uri(const char *path)
{
	struct cf_buf b = CF_BUF_INIT;

	cf_buf_adds(&b, "file:");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++)
		if (*p == '%' || *p == '?' || *p == '#' || *p <= 0x20 ||
		    *p >= 0x7f)
			cf_buf_addf(&b, "%%%02X", *p);
		else
			cf_buf_addc(&b, (char)*p);
	cf_buf_adds(&b, "?immutable=1");
	return cf_buf_detach(&b);
}

/* The schema as text: every object's type, name, table and SQL. */
static int
schema_text(sqlite3 *db, struct cf_buf *out)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if (sqlite3_prepare_v2(db,
		"SELECT type, name, tbl_name, sql FROM sqlite_schema "
		"WHERE name NOT LIKE 'sqlite\\_stat%' ESCAPE '\\' "
		"ORDER BY type, name",
		-1, &s, NULL) != SQLITE_OK)
		return CF_ERROR;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		for (int i = 0; i < 4; i++) {
			const char *t = (const char *)sqlite3_column_text(s, i);
			cf_buf_addf(out, "%zu:%s,", t ? strlen(t) : 0,
			    t ? t : "");
		}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : CF_ERROR;
}

/*
 * A database that is hostile input: opened read-only and immutable (no
 * journal, WAL or lock file is read or made beside it), defensive, no
 * extension loading, no trusted schema, cell sizes checked, every
 * length limited; then its integrity (quick_check) and its schema,
 * which must be exactly what this build's migrations make, so that no
 * view, trigger or changed table stands in for a table the checks read.
 */
static int
open_untrusted(struct cf_store **out, const char *path)
{
	struct cf_buf want = CF_BUF_INIT, have = CF_BUF_INIT;
	struct cf_store *st, *fresh = NULL;
	char *uri = file_uri(path);
	sqlite3_stmt *s = NULL;
	int rc;

	st = cf_xcalloc(1, sizeof *st);
	st->path = cf_xstrdup(path);
	st->readonly = true;
	rc = sqlite3_open_v2(uri, &st->db,
	    SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX |
		SQLITE_OPEN_EXRESCODE,
	    NULL);
	free(uri);
	if (rc != SQLITE_OK) {
		rc = cf_error_set(CF_EINVALID, "cannot open: %s",
		    st->db ? sqlite3_errmsg(st->db) : "out of memory");
		goto fail;
	}
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_db_config(st->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(st->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	sqlite3_db_config(st->db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0,
	    NULL);
	sqlite3_db_config(st->db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
	sqlite3_db_config(st->db, SQLITE_DBCONFIG_ENABLE_VIEW, 1, NULL);
	sqlite3_limit(st->db, SQLITE_LIMIT_LENGTH, 1 << 26);
	sqlite3_limit(st->db, SQLITE_LIMIT_SQL_LENGTH, 1 << 20);
	sqlite3_limit(st->db, SQLITE_LIMIT_ATTACHED, 0);
	if (cf_store_exec(st, "PRAGMA trusted_schema = OFF;"
			      "PRAGMA cell_size_check = ON;"
			      "PRAGMA mmap_size = 0;"
			      "PRAGMA query_only = ON") < 0) {
		rc = cf_error_set(CF_EINVALID, "not a conform database: %s",
		    cf_error_message());
		goto fail;
	}
	if (sqlite3_prepare_v2(st->db, "PRAGMA quick_check", -1, &s, NULL) !=
		SQLITE_OK ||
	    sqlite3_step(s) != SQLITE_ROW ||
	    strcmp((const char *)sqlite3_column_text(s, 0), "ok") != 0) {
		rc = cf_error_set(CF_EINVALID,
		    "not an intact SQLite database: %s",
		    s && sqlite3_column_text(s, 0)
			? (const char *)sqlite3_column_text(s, 0)
			: sqlite3_errmsg(st->db));
		goto fail;
	}
	sqlite3_finalize(s);
	s = NULL;
	if ((rc = cf_store_open(&fresh, ":memory:", CF_STORE_CREATE)) < 0)
		goto fail;
	if (schema_text(fresh->db, &want) < 0 ||
	    schema_text(st->db, &have) < 0) {
		rc = cf_error_set(CF_EINVALID, "its schema cannot be read");
		goto fail;
	}
	{
		int v = -1;
		if (cf_store_version(st, &v) < 0 ||
		    v != cf_store_latest_version()) {
			rc = cf_error_set(CF_EINVALID,
			    "schema version %d, this conform reads %d", v,
			    cf_store_latest_version());
			goto fail;
		}
	}
	if (want.len != have.len || memcmp(want.s, have.s, want.len)) {
		rc = cf_error_set(CF_EINVALID,
		    "its schema is not conform's (tables, views or triggers "
		    "were changed)");
		goto fail;
	}
	cf_buf_release(&want);
	cf_buf_release(&have);
	cf_store_free(fresh);
	*out = st;
	return 0;
fail:
	sqlite3_finalize(s);
	cf_buf_release(&want);
	cf_buf_release(&have);
	cf_store_free(fresh);
	cf_store_free(st);
	return rc;
}

int
cf_store_copy(struct cf_store *st, const char *path)
{
	sqlite3_stmt *s;
	int rc;

	if (access(path, F_OK) == 0)
		return cf_error_set(CF_EEXISTS, "'%s' exists", path);
	if ((rc = cf_store_prepare(st, &s, "VACUUM INTO ?1")) < 0)
		return rc;
	sqlite3_bind_text(s, 1, path, -1, SQLITE_STATIC);
	rc = sqlite3_step(s) == SQLITE_DONE
	    ? 0
	    : cf_store_error(st, "copying the records");
	sqlite3_finalize(s);
	return rc;
}

int
cf_store_open(struct cf_store **out, const char *path, int flags)
{
	struct cf_store *st;
	int oflags = SQLITE_OPEN_EXRESCODE | SQLITE_OPEN_NOMUTEX;
	int rc;

	*out = NULL;
	bool exists = access(path, F_OK) == 0;
	if (!(flags & CF_STORE_CREATE) && !exists)
		return cf_error_set(CF_ENOTFOUND, "database '%s' not found: %s",
		    path, strerror(errno));
	if (flags & CF_STORE_UNTRUSTED)
		return open_untrusted(out, path);
	if (flags & CF_STORE_READONLY)
		oflags |= SQLITE_OPEN_READONLY;
	else
		oflags |= SQLITE_OPEN_READWRITE |
		    ((flags & CF_STORE_CREATE) ? SQLITE_OPEN_CREATE : 0);
	st = cf_xcalloc(1, sizeof *st);
	st->path = cf_xstrdup(path);
	st->readonly = flags & CF_STORE_READONLY;
	if (sqlite3_open_v2(path, &st->db, oflags, NULL) != SQLITE_OK) {
		rc = cf_error_set(CF_ERROR, "cannot open database '%s': %s",
		    path, st->db ? sqlite3_errmsg(st->db) : "out of memory");
		cf_store_free(st);
		return rc;
	}
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_busy_timeout(st->db, busy_timeout_ms());
	sqlite3_db_config(st->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(st->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	/*
	 * A new database gets 32 KiB pages (before WAL mode fixes the
	 * size): records are written in bulk and read in long ordered
	 * scans, and each WAL frame costs two system calls and each
	 * checkpoint page two more, so fewer, larger pages make an import
	 * of millions of rows markedly cheaper (a million generated cases:
	 * about 10 % less CPU than with 16 KiB pages and 25 % less than with
	 * 4 KiB; 64 KiB gained nothing more).
	 */
	if (!exists && !st->readonly &&
	    (rc = cf_store_exec(st, "PRAGMA page_size = 32768")) < 0)
		goto fail;
	if ((!st->readonly &&
		(rc = cf_store_exec(st, "PRAGMA journal_mode = WAL")) < 0) ||
	    (rc = cf_store_exec(st,
		 "PRAGMA foreign_keys = ON;"
		 "PRAGMA synchronous = FULL;"
		 "PRAGMA trusted_schema = OFF")) < 0) {
		/* "database: ..." says nothing of when: say it. */
		char msg[1024];
		snprintf(msg, sizeof msg, "%s", cf_error_message());
		rc = cf_error_set(rc, "opening the records: %s",
		    strncmp(msg, "database: ", 10) == 0 ? msg + 10 : msg);
		goto fail;
	}
	if (!st->readonly && (rc = migrate(st)) < 0)
		goto fail;
	*out = st;
	return 0;
fail:
	cf_store_free(st);
	return rc;
}

void
cf_store_free(struct cf_store *st)
{
	if (st == NULL)
		return;
	for (size_t i = 0; i < st->ncache; i++)
		sqlite3_finalize(st->cache[i].stmt);
	free(st->cache);
	if (st->db) {
		if (cf_store_in_tx(st))
			sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
		sqlite3_close_v2(st->db);
	}
	free(st->path);
	free(st);
}

sqlite3 *
cf_store_db(struct cf_store *st)
{
	return st->db;
}

int
cf_store_meta_get(struct cf_store *st, const char *key, char **out)
{
	sqlite3_stmt *s;
	int rc;

	*out = NULL;
	if ((rc = cf_store_prepare(st, &s,
		 "SELECT value FROM meta WHERE key = ?1")) < 0)
		return rc;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*out = cf_xstrdup((const char *)sqlite3_column_text(s, 0));
		rc = 0;
	} else if (rc == SQLITE_DONE)
		rc = cf_error_set(CF_ENOTFOUND, "no '%s' in the database", key);
	else
		rc = cf_store_error(st, "reading meta");
	sqlite3_finalize(s);
	return rc;
}

int
cf_store_meta_set(struct cf_store *st, const char *key, const char *val)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = cf_store_prepare(st, &s,
		 "INSERT INTO meta(key, value) VALUES (?1, ?2) "
		 "ON CONFLICT(key) DO UPDATE SET value = excluded.value")) < 0)
		return rc;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, val, -1, SQLITE_STATIC);
	rc = sqlite3_step(s) == SQLITE_DONE
	    ? 0
	    : cf_store_error(st, "writing meta");
	sqlite3_finalize(s);
	return rc;
}

int
cf_store_cache_size(struct cf_store *st, int kib)
{
	char sql[64];

	snprintf(sql, sizeof sql, "PRAGMA cache_size = -%d", kib);
	return cf_store_exec(st, sql);
}

int
cf_store_foreign_keys(struct cf_store *st, bool on)
{
	return cf_store_exec(st,
	    on ? "PRAGMA foreign_keys = ON" : "PRAGMA foreign_keys = OFF");
}

char *
cf_store_col_dup(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	return t ? cf_xstrdup((const char *)t) : NULL;
}

int
cf_store_text_pairs(struct cf_store *st, const char *sql, int64_t id,
    struct cf_strv *a, struct cf_strv *b, const char *what)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = cf_store_prepare(st, &s, sql)) < 0)
		return rc;
	sqlite3_bind_int64(s, 1, id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *x = (const char *)sqlite3_column_text(s, 0);
		const char *y = (const char *)sqlite3_column_text(s, 1);
		cf_strv_push(a, x ? x : "");
		cf_strv_push(b, y ? y : "");
	}
	rc = rc == SQLITE_DONE ? 0 : cf_store_error(st, what);
	sqlite3_finalize(s);
	return rc;
}
