/* SPDX-License-Identifier: MIT */
/*
 * check_store.c - the SQLite store (core/store.c): creation, pragmas,
 * migration to the latest version, refusal of a newer database,
 * transactions, meta.  Real database files in a temporary directory.
 */
#include "conform.h"
#include "check_suites.h"
#include "check_util.h"
#include "paths.h"
#include "store-schema.h"
#include "store.h"
#include "workspace.h"

#include <stdlib.h>
#include <string.h>

static int
int_query(struct cf_store *st, const char *sql)
{
	sqlite3_stmt *s;
	int v;

	ck_assert_int_eq(cf_store_prepare(st, &s, sql), 0);
	ck_assert_int_eq(sqlite3_step(s), SQLITE_ROW);
	v = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return v;
}

START_TEST(test_create_and_migrate)
{
	struct cf_store *st;
	sqlite3_stmt *s;
	int v = -1;

	ck_assert_int_eq(cf_store_open(&st, tmp_path("a.db"), 0), CF_ENOTFOUND);
	ck_assert_int_eq(cf_store_open(&st, tmp_path("a.db"), CF_STORE_CREATE),
	    0);
	ck_assert_int_eq(cf_store_version(st, &v), 0);
	ck_assert_int_eq(v, cf_store_latest_version());
	ck_assert_int_ge(v, 1);
	ck_assert_int_eq(int_query(st, "PRAGMA foreign_keys"), 1);
	ck_assert_int_eq(int_query(st, "PRAGMA synchronous"), 2); /* FULL */
	ck_assert_int_eq(cf_store_prepare(st, &s, "PRAGMA journal_mode"), 0);
	ck_assert_int_eq(sqlite3_step(s), SQLITE_ROW);
	ck_assert_str_eq((const char *)sqlite3_column_text(s, 0), "wal");
	sqlite3_finalize(s);
	cf_store_free(st);
	/* Reopening migrates nothing and keeps the data. */
	ck_assert_int_eq(cf_store_open(&st, tmp_path("a.db"), 0), 0);
	ck_assert_int_eq(cf_store_version(st, &v), 0);
	ck_assert_int_eq(v, cf_store_latest_version());
	cf_store_free(st);
}
END_TEST

/*
 * A store of version 10 with a batch, a case and an event, migrated: the
 * rebuilt import_batch (step 12, a workbook's formats, after step 11's
 * profile columns) keeps every row,
 * the keys that refer to it still hold and are enforced again after.
 */
START_TEST(test_migrate_batches_kept)
{
	struct cf_store *st;
	sqlite3 *db;
	int v = -1;

	ck_assert_int_eq(sqlite3_open(tmp_path("m.db"), &db), SQLITE_OK);
	for (size_t i = 0; i < 10; i++)
		ck_assert_msg(sqlite3_exec(db, cf_store_schema_step(i), NULL,
				  NULL, NULL) == SQLITE_OK,
		    "step %zu: %s", i + 1, sqlite3_errmsg(db));
	ck_assert_int_eq(sqlite3_exec(db,
			     "PRAGMA foreign_keys = ON;"
			     "INSERT INTO import_batch VALUES (1, 'a.csv', "
			     "  printf('%064d', 1), 10, 'cases-csv', 1, 0, 0, 1, 0,"
			     "  1, 0, 1, 2, 0, 'UTC');"
			     "INSERT INTO case_rec (case_id, procedure_id,"
			     "  accepted_sec, accepted_nsec, accepted_off,"
			     "  accepted_wall, accepted_day, batch_id, line,"
			     "  wrote_batch, wrote_line)"
			     "  VALUES ('C-1', 'P-1', 0, 0, 0, 0, 0, 1, 2, 1, 2);"
			     "INSERT INTO event_rec VALUES ('C-1', 0, 0, 1, 0, 0,"
			     "  'accept', NULL, NULL, NULL, 1, 2);"
			     "PRAGMA user_version = 10;",
			     NULL, NULL, NULL),
	    SQLITE_OK);
	sqlite3_close(db);
	ck_assert_int_eq(cf_store_open(&st, tmp_path("m.db"), 0), 0);
	ck_assert_int_eq(cf_store_version(st, &v), 0);
	ck_assert_int_eq(v, cf_store_latest_version());
	ck_assert_int_eq(int_query(st, "PRAGMA foreign_keys"), 1);
	ck_assert_int_eq(int_query(st,
			     "SELECT count(*) FROM import_batch JOIN case_rec "
			     "USING (batch_id) JOIN event_rec USING (case_id) "
			     "WHERE format = 'cases-csv'"),
	    1);
	ck_assert_int_eq(int_query(st,
			     "SELECT count(*) FROM pragma_foreign_key_check"),
	    0);
	/* a workbook's format is allowed, a made-up one still is not */
	ck_assert_int_eq(cf_store_exec(st,
			     "INSERT INTO import_batch VALUES (2, 'a.xlsx', "
			     "printf('%064d', 2), 10, 'events-xlsx', 1, 0, 0, "
			     "0, 0, 1, 0, 2, 3, 0, 'UTC', NULL, NULL)"),
	    0);
	ck_assert_int_eq(cf_store_exec(st,
			     "INSERT INTO import_batch VALUES (3, 'a.ods', "
			     "printf('%064d', 3), 10, 'cases-ods', 1, 0, 0, "
			     "0, 0, 1, 0, 3, 4, 0, 'UTC', NULL, NULL)"),
	    CF_ERROR);
	/* the batch a case names cannot go */
	ck_assert_int_lt(cf_store_exec(st,
			     "DELETE FROM import_batch WHERE batch_id = 1"),
	    0);
	cf_store_free(st);
}
END_TEST

/*
 * A store of version 12 (before receipts) with a case and a state it
 * replaced, migrated (step 13): both keep their values and have no
 * receipt (NULL), the `cases` view shows received_at as NULL, and a
 * receipt after the acceptance, or recorded in part, is refused.
 */
START_TEST(test_migrate_received)
{
	struct cf_store *st;
	sqlite3 *db;
	int v = -1;

	ck_assert_int_eq(sqlite3_open(tmp_path("r.db"), &db), SQLITE_OK);
	for (size_t i = 0; i < 12; i++)
		ck_assert_msg(sqlite3_exec(db, cf_store_schema_step(i), NULL,
				  NULL, NULL) == SQLITE_OK,
		    "step %zu: %s", i + 1, sqlite3_errmsg(db));
	ck_assert_int_eq(sqlite3_exec(db,
			     "INSERT INTO import_batch VALUES (1, 'a.csv', "
			     "  printf('%064d', 1), 10, 'cases-csv', 1, 0, 0, 1, 0,"
			     "  0, 0, 1, 1, 0, 'UTC', NULL, NULL);"
			     "INSERT INTO case_rec (case_id, procedure_id,"
			     "  accepted_sec, accepted_nsec, accepted_off,"
			     "  accepted_wall, accepted_day, batch_id, line,"
			     "  wrote_batch, wrote_line)"
			     "  VALUES ('C-1', 'P-1', 86400, 0, 0, 86400, 1, 1, 2,"
			     "  1, 2);"
			     "INSERT INTO case_hist SELECT * FROM case_rec;"
			     "PRAGMA user_version = 12;",
			     NULL, NULL, NULL),
	    SQLITE_OK);
	sqlite3_close(db);
	ck_assert_int_eq(cf_store_open(&st, tmp_path("r.db"), 0), 0);
	ck_assert_int_eq(cf_store_version(st, &v), 0);
	ck_assert_int_eq(v, cf_store_latest_version());
	ck_assert_int_ge(v, 13);
	ck_assert_int_eq(int_query(st,
			     "SELECT count(*) FROM case_rec WHERE case_id = "
			     "'C-1' AND accepted_sec = 86400 AND received_sec "
			     "IS NULL AND received_nsec IS NULL AND received_off "
			     "IS NULL AND received_wall IS NULL"),
	    1);
	ck_assert_int_eq(int_query(st,
			     "SELECT count(*) FROM case_hist WHERE "
			     "received_sec IS NULL AND received_wall IS NULL"),
	    1);
	ck_assert_int_eq(int_query(st,
			     "SELECT count(*) FROM cases WHERE case_id = 'C-1' "
			     "AND accepted_at = '1970-01-02 00:00:00' AND "
			     "received_at IS NULL"),
	    1);
	/* received on the acceptance instant: allowed, and shown */
	ck_assert_int_eq(cf_store_exec(st,
			     "UPDATE case_rec SET received_sec = 86400, "
			     "received_nsec = 0, received_off = 0, "
			     "received_wall = 86400"),
	    0);
	ck_assert_int_eq(int_query(st,
			     "SELECT count(*) FROM cases WHERE received_at = "
			     "'1970-01-02 00:00:00'"),
	    1);
	/* a second later, or in part: refused */
	ck_assert_int_eq(cf_store_exec(st,
			     "UPDATE case_rec SET received_sec = 86401, "
			     "received_wall = 86401"),
	    CF_ERROR);
	ck_assert_int_eq(cf_store_exec(st,
			     "UPDATE case_rec SET received_off = NULL"),
	    CF_ERROR);
	cf_error_clear();
	cf_store_free(st);
}
END_TEST

START_TEST(test_newer_database_refused)
{
	struct cf_store *st;

	ck_assert_int_eq(cf_store_open(&st, tmp_path("b.db"), CF_STORE_CREATE),
	    0);
	char *sql = sqlite3_mprintf("PRAGMA user_version = %d",
	    cf_store_latest_version() + 1);
	ck_assert_int_eq(cf_store_exec(st, sql), 0);
	sqlite3_free(sql);
	cf_store_free(st);
	ck_assert_int_eq(cf_store_open(&st, tmp_path("b.db"), 0), CF_ERROR);
	ck_assert(strstr(cf_error_message(), "newer than this conform"));
}
END_TEST

START_TEST(test_meta_and_rollback)
{
	struct cf_store *st;
	char *v;

	ck_assert_int_eq(cf_store_open(&st, tmp_path("c.db"), CF_STORE_CREATE),
	    0);
	ck_assert_int_eq(cf_store_meta_get(st, "k", &v), CF_ENOTFOUND);
	ck_assert_int_eq(cf_store_begin(st), 0);
	ck_assert(cf_store_in_tx(st));
	ck_assert_int_eq(cf_store_meta_set(st, "k", "办结"), 0);
	ck_assert_int_eq(cf_store_rollback(st), 0);
	ck_assert_int_eq(cf_store_meta_get(st, "k", &v), CF_ENOTFOUND);
	ck_assert_int_eq(cf_store_begin(st), 0);
	ck_assert_int_eq(cf_store_meta_set(st, "k", "办结"), 0);
	ck_assert_int_eq(cf_store_meta_set(st, "k", "已办结"), 0);
	ck_assert_int_eq(cf_store_commit(st), 0);
	ck_assert_int_eq(cf_store_meta_get(st, "k", &v), 0);
	ck_assert_str_eq(v, "已办结");
	free(v);
	cf_store_free(st);
}
END_TEST

START_TEST(test_busy_is_reported)
{
	struct cf_store *a, *b;

	ck_assert_int_eq(cf_store_open(&a, tmp_path("d.db"), CF_STORE_CREATE),
	    0);
	ck_assert_int_eq(cf_store_open(&b, tmp_path("d.db"), 0), 0);
	sqlite3_busy_timeout(cf_store_db(b), 50);
	ck_assert_int_eq(cf_store_begin(a), 0);
	ck_assert_int_eq(cf_store_begin(b), CF_EBUSY);
	ck_assert(strstr(cf_error_message(), "busy"));
	ck_assert_int_eq(cf_store_commit(a), 0);
	cf_store_free(b);
	cf_store_free(a);
}
END_TEST

START_TEST(test_workspace_records)
{
	struct cf_ws *ws;
	struct cf_store *st;
	struct cf_tz *tz;
	char *v;

	ck_assert_int_eq(cf_ws_find(&ws, test_tmp), CF_ENOTFOUND);
	ck_assert(strstr(cf_error_message(), "not a conform workspace"));
	ck_assert_int_eq(cf_ws_create_records(test_tmp, "Mars/Base"),
	    CF_EINVALID);
	ck_assert_int_eq(cf_ws_create_records(test_tmp, "Asia/Shanghai"), 0);
	ck_assert_int_eq(cf_ws_create_records(test_tmp, "Asia/Shanghai"),
	    CF_EEXISTS);
	ck_assert_int_eq(cf_mkdirs(tmp_path(".git"), 0755), 0);
	ck_assert_int_eq(cf_mkdirs(tmp_path("procedures/sub"), 0755), 0);
	/* Found from a subfolder, like git. */
	ck_assert_int_eq(cf_ws_find(&ws, tmp_path("procedures/sub")), 0);
	ck_assert_str_eq(cf_ws_config(ws, "timezone", "x"), "Asia/Shanghai");
	ck_assert_str_eq(cf_ws_config(ws, "nothing", "dflt"), "dflt");
	ck_assert_int_eq(cf_ws_store(ws, &st), 0);
	ck_assert_int_eq(cf_store_meta_get(st, "conform-version", &v), 0);
	ck_assert_str_eq(v, PACKAGE_VERSION);
	free(v);
	ck_assert_int_eq(cf_ws_tz(ws, &tz), 0);
	ck_assert_str_eq(cf_tz_name(tz), "Asia/Shanghai");
	cf_ws_free(ws);
}
END_TEST

START_TEST(test_bad_config_line)
{
	struct cf_ws *ws;

	ck_assert_int_eq(cf_mkdirs(tmp_path(".git"), 0755), 0);
	write_file(tmp_path(".conform/config"),
	    "# comment\n\ntimezone = UTC\nthis line is wrong\n");
	ck_assert_int_eq(cf_ws_find(&ws, test_tmp), CF_EINVALID);
	ck_assert(
	    strstr(cf_error_message(), "config:4: expected 'key = value'"));
}
END_TEST

Suite *
store_suite(void)
{
	Suite *s = suite_create("store");
	TCase *tc = tcase_create("sqlite");

	tcase_add_checked_fixture(tc, tmp_setup, tmp_teardown);
	tcase_add_test(tc, test_create_and_migrate);
	tcase_add_test(tc, test_migrate_batches_kept);
	tcase_add_test(tc, test_migrate_received);
	tcase_add_test(tc, test_newer_database_refused);
	tcase_add_test(tc, test_meta_and_rollback);
	tcase_add_test(tc, test_busy_is_reported);
	tcase_add_test(tc, test_workspace_records);
	tcase_add_test(tc, test_bad_config_line);
	suite_add_tcase(s, tc);
	return s;
}
