/* SPDX-License-Identifier: MIT */
/*
 * check_sqlcheck.c - the sql check sandbox (audits/sqlcheck.c): a real
 * database with the two record views; every forbidden thing is refused
 * when prepared, with a message saying what; the time limit holds.
 */
#include "conform.h"
#include "check_suites.h"
#include "check_util.h"
#include "sqlcheck.h"

#include <string.h>

#include <sqlite3.h>

static const char *db;

static void
setup(void)
{
	sqlite3 *h;

	tmp_setup();
	db = tmp_path("s.db");
	ck_assert_int_eq(sqlite3_open(db, &h), SQLITE_OK);
	ck_assert_int_eq(
	    sqlite3_exec(h,
		"PRAGMA journal_mode=WAL;"
		"CREATE TABLE case_rec(id TEXT, proc TEXT, acc TEXT, fee INTEGER);"
		"CREATE TABLE secret(x TEXT);"
		"INSERT INTO secret VALUES ('top');"
		"INSERT INTO case_rec VALUES ('C3','P-1','2026-03-02 09:00:00',0),"
		"('C1','P-1','2026-03-01 09:00:00',5000),"
		"('C2','P-2','2026-04-01 09:00:00',5000),"
		"('C1','P-1','2026-03-01 09:00:00',5000);"
		"CREATE VIEW cases(case_id, procedure_id, accepted_at, fee_fen) AS "
		"SELECT id, proc, acc, fee FROM case_rec;"
		"CREATE VIEW events(case_id, activity) AS SELECT id, 'x' FROM case_rec;",
		NULL, NULL, NULL),
	    SQLITE_OK);
	sqlite3_close(h);
}

static void
teardown(void)
{
	tmp_teardown();
}

static void
refused(const char *query, const char *why)
{
	struct cf_sqlcheck *q = (void *)1;

	ck_assert_int_eq(cf_sqlcheck_prepare(&q, db, "S1", query, 1000),
	    CF_EINVALID);
	ck_assert_ptr_null(q);
	ck_assert_msg(strstr(cf_error_message(), why), "'%s': %s", query,
	    cf_error_message());
	ck_assert_msg(strncmp(cf_error_message(), "check S1: ", 10) == 0, "%s",
	    cf_error_message());
}

START_TEST(test_select_with_period)
{
	struct cf_sqlcheck *q;
	struct cf_strv s = CF_STRV_INIT;
	bool to;

	ck_assert_int_eq(cf_sqlcheck_prepare(&q, db, "S1",
			     "SELECT case_id FROM cases WHERE fee_fen > 0 AND "
			     "substr(accepted_at,1,10) BETWEEN :from AND :to "
			     "-- a comment\n;",
			     1000),
	    0);
	ck_assert_int_eq(cf_sqlcheck_run(q, "2026-03-01", "2026-12-31", &s,
			     &to),
	    0);
	ck_assert(!to);
	ck_assert_uint_eq(s.n, 2); /* C1 twice counts once */
	ck_assert_str_eq(s.v[0], "C1");
	ck_assert_str_eq(s.v[1], "C2");
	cf_strv_release(&s);
	ck_assert_int_eq(cf_sqlcheck_run(q, "2027-01-01", "2027-12-31", &s,
			     &to),
	    0);
	ck_assert_uint_eq(s.n, 0);
	cf_sqlcheck_free(q);
	/* Joins of the two views and CTEs are fine. */
	ck_assert_int_eq(cf_sqlcheck_prepare(&q, db, "S1",
			     "WITH x AS (SELECT case_id FROM cases) SELECT "
			     "e.case_id FROM events e JOIN x USING (case_id)",
			     1000),
	    0);
	cf_sqlcheck_free(q);
}
END_TEST

START_TEST(test_forbidden)
{
	refused("PRAGMA table_info(cases)", "PRAGMA is not allowed");
	refused("SELECT * FROM pragma_table_info('cases')", "not allowed");
	refused("ATTACH DATABASE '/tmp/x.db' AS x", "ATTACH and DETACH");
	refused("INSERT INTO case_rec VALUES ('X','P',NULL,0)", "not allowed");
	refused("UPDATE case_rec SET fee = 0", "not allowed");
	refused("DELETE FROM case_rec", "not allowed");
	refused("CREATE TABLE t(x)", "not allowed");
	refused("DROP VIEW cases", "not allowed");
	refused("BEGIN", "transactions");
	refused("SELECT x FROM secret", "reading table 'secret'");
	refused("SELECT id FROM case_rec", "reading table 'case_rec'");
	refused("SELECT name FROM sqlite_master",
	    "reading table 'sqlite_master'");
	refused("SELECT case_id FROM cases; DELETE FROM case_rec",
	    "one SELECT only");
	refused("SELECT case_id FROM cases WHERE fee_fen > :min",
	    "unknown parameter :min");
	refused("SELEKT 1", "syntax error");
	refused("", "empty");
}
END_TEST

START_TEST(test_time_limit)
{
	struct cf_sqlcheck *q;
	struct cf_strv s = CF_STRV_INIT;
	bool to = false;

	ck_assert_int_eq(cf_sqlcheck_prepare(&q, db, "S1",
			     "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL "
			     "SELECT i + 1 FROM n) SELECT i FROM n WHERE i < 0",
			     200),
	    0);
	ck_assert_int_eq(cf_sqlcheck_run(q, "2026-01-01", "2026-12-31", &s,
			     &to),
	    0);
	ck_assert(to);
	ck_assert_uint_eq(s.n, 0);
	cf_sqlcheck_free(q);
}
END_TEST

START_TEST(test_no_extension_loading)
{
	struct cf_sqlcheck *q;
	struct cf_strv s = CF_STRV_INIT;
	bool to;

	ck_assert_int_eq(cf_sqlcheck_prepare(&q, db, "S1",
			     "SELECT load_extension('/nonexistent/evil.so')",
			     1000),
	    0);
	ck_assert_int_eq(cf_sqlcheck_run(q, "", "", &s, &to), CF_ERROR);
	ck_assert(strstr(cf_error_message(), "not authorized"));
	cf_sqlcheck_free(q);
}
END_TEST

Suite *
sqlcheck_suite(void)
{
	Suite *s = suite_create("sqlcheck");
	TCase *tc = tcase_create("sandbox");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_select_with_period);
	tcase_add_test(tc, test_forbidden);
	tcase_add_test(tc, test_time_limit);
	tcase_add_test(tc, test_no_extension_loading);
	suite_add_tcase(s, tc);
	return s;
}
