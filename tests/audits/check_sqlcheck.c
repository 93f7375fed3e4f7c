/* SPDX-License-Identifier: MIT */
/*
 * check_sqlcheck.c - the sql check sandbox (audits/sqlcheck.c) over the
 * known-answers workspace (tests/data/audit): the sandbox holds the
 * cases of the scope up to the end of --to and nothing else, as they
 * stood then; every forbidden thing is refused when prepared, with a
 * message saying what; a run past its time or memory, or with a subject
 * that is not text, fails that run with a message and leaves the
 * sandbox usable.
 */
#include "conform.h"
#include "check_suites.h"
#include "check_util.h"
#include "record.h"
#include "sqlcheck.h"
#include "workspace.h"

#include <string.h>

static struct cf_ws *ws;
static struct cf_sqlbox *box;

static void
fill(const char *scope, cf_day to, int timeout_ms)
{
	struct cf_store *st;
	struct cf_tz *tz;

	ck_assert_int_eq(cf_ws_store(ws, &st), 0);
	ck_assert_int_eq(cf_ws_tz(ws, &tz), 0);
	cf_sqlbox_free(box);
	ck_assert_int_eq(cf_sqlbox_new(&box, timeout_ms), 0);
	ck_assert_int_eq(cf_sqlbox_fill(box, st, tz, scope, to, -1), 0);
}

static void
setup(void)
{
	char v1[41], v2[41];

	tmp_setup();
	ws_known_answers(tmp_path("ws"), v1, v2);
	ck_assert_int_eq(cf_ws_find(&ws, tmp_path("ws")), 0);
	fill("*", cf_day_from_ymd(2026, 3, 31), 1000);
}

static void
teardown(void)
{
	cf_sqlbox_free(box);
	box = NULL;
	cf_ws_free(ws);
	tmp_teardown();
}

/* The subjects of `query` joined by ",", or "ERROR: message". */
static char *
run_query(const char *query)
{
	struct cf_sqlcheck *q;
	struct cf_strv s = CF_STRV_INIT;
	struct cf_buf b;

	ck_assert_msg(cf_sqlcheck_prepare(&q, box, "S1", query) == 0, "%s: %s",
	    query, cf_error_message());
	ck_assert_msg(cf_sqlcheck_reads_only_views(q) == 0, "%s: %s", query,
	    cf_error_message());
	cf_buf_init(&b);
	cf_buf_adds(&b, "");
	if (cf_sqlcheck_run(q, "2026-03-01", "2026-03-31", &s) < 0) {
		cf_buf_adds(&b, "ERROR: ");
		cf_buf_adds(&b, cf_error_message());
		ck_assert_uint_eq(s.n, 0);
	}
	for (size_t i = 0; i < s.n; i++) {
		if (i)
			cf_buf_addc(&b, ',');
		cf_buf_adds(&b, s.v[i]);
	}
	cf_strv_release(&s);
	cf_sqlcheck_free(q);
	return b.s;
}

static void
expect(const char *query, const char *want)
{
	char *got = run_query(query);

	ck_assert_msg(strcmp(got, want) == 0, "%s: got '%s', want '%s'", query,
	    got, want);
	free(got);
}

static void
expect_error(const char *query, const char *want)
{
	char *got = run_query(query);

	ck_assert_msg(strncmp(got, "ERROR: ", 7) == 0 && strstr(got, want),
	    "%s: got '%s', want an error with '%s'", query, got, want);
	free(got);
}

static void
refused(const char *query, const char *why)
{
	struct cf_sqlcheck *q = (void *)1;

	ck_assert_int_eq(cf_sqlcheck_prepare(&q, box, "S1", query),
	    CF_EINVALID);
	ck_assert_ptr_null(q);
	ck_assert_msg(strstr(cf_error_message(), why), "'%s': %s", query,
	    cf_error_message());
	ck_assert_msg(strncmp(cf_error_message(), "check S1: ", 10) == 0, "%s",
	    cf_error_message());
}

START_TEST(test_select_with_period)
{
	expect("SELECT case_id FROM cases WHERE fee_fen > 5000 AND "
	       "substr(accepted_at,1,10) BETWEEN :from AND :to -- a comment\n;",
	    "C005");
	/* Reads of the views as a whole run (they were refused as reads of
	 * the table under the view). */
	expect("SELECT COUNT(*) FROM cases", "15");
	expect("SELECT 'x' WHERE EXISTS (SELECT 1 FROM events)", "x");
	expect("SELECT count(*) FROM events e JOIN cases c USING (case_id) "
	       "WHERE c.case_id = 'C001'",
	    "4");
	/* The columns as the store's views give them. */
	expect("SELECT accepted_at || '|' || coalesce(completed_at, '-') || '|' "
	       "|| fee_fen || '|' || materials || '|' || window || '|' || "
	       "channel FROM cases WHERE case_id = 'C001'",
	    "2026-02-10 09:00:00|2026-02-13 10:00:00|5000|M1;M2|W01|window");
	expect("SELECT accepted_at FROM cases WHERE case_id = 'C007'",
	    "2026-03-02 01:30:00");
	expect("SELECT typeof(materials) FROM cases WHERE case_id = 'C007'",
	    "text");
	expect("SELECT json_extract('{\"a\":\"C1\"}', '$.a')", "C1");
}
END_TEST

START_TEST(test_scope_and_cut)
{
	/* The scope: P-B-001's two cases only. */
	fill("P-B-*", cf_day_from_ymd(2026, 3, 31), 1000);
	expect("SELECT case_id FROM cases", "C007,C008");
	expect("SELECT DISTINCT case_id FROM events", "C007,C008");
	/* Up to the end of --to, earlier periods included: at 20 February
	 * C002 (completed the 24th) is pending and C001's events after the
	 * 20th are absent; cases accepted later are not there. */
	fill("P-A-*", cf_day_from_ymd(2026, 2, 20), 1000);
	expect("SELECT case_id FROM cases", "C001,C002,C003,C004");
	expect("SELECT case_id FROM cases WHERE completed_at IS NULL",
	    "C002,C003,C004");
	expect("SELECT case_id FROM events WHERE ts > '2026-02-21'", "");
	ck_assert_int_eq(cf_sqlbox_fill(box, NULL, NULL, "*", 0, -1),
	    CF_ERROR); /* once */
}
END_TEST

START_TEST(test_forbidden)
{
	refused("PRAGMA table_info(cases)", "PRAGMA is not allowed");
	refused("SELECT * FROM pragma_table_info('cases')", "not allowed");
	refused("ATTACH DATABASE '/tmp/x.db' AS x", "ATTACH and DETACH");
	refused("INSERT INTO cases (case_id) VALUES ('X')", "not allowed");
	refused("UPDATE cases SET fee_fen = 0", "not allowed");
	refused("DELETE FROM events", "not allowed");
	refused("CREATE TABLE t(x)", "not allowed");
	refused("DROP TABLE cases", "not allowed");
	refused("BEGIN", "transactions");
	refused("SELECT name FROM sqlite_master",
	    "reading table 'sqlite_master'");
	refused("SELECT name FROM sqlite_temp_master", "not allowed");
	refused("SELECT case_id FROM cases; DELETE FROM cases",
	    "one SELECT only");
	refused("SELECT case_id FROM cases WHERE fee_fen > :min",
	    "unknown parameter :min");
	refused("SELEKT 1", "syntax error");
	refused("", "empty");
	/* The CTE that shadowed a view to read the store: nothing to read. */
	refused("WITH cases AS (SELECT key||'='||value AS x FROM meta) "
		"SELECT x FROM cases",
	    "no such table: meta");
	refused("WITH events AS (SELECT * FROM trail) SELECT 1 FROM events",
	    "no such table: trail");
	refused("SELECT * FROM ncr", "no such table: ncr");
	refused("SELECT * FROM case_rec", "no such table: case_rec");
	/* Functions that are not plain SQL. */
	refused("SELECT fts3_tokenizer('simple')",
	    "the function 'fts3_tokenizer' is not allowed");
	refused("SELECT load_extension('/nonexistent/evil.so')",
	    "the function 'load_extension' is not allowed");
	refused("SELECT sqlite_version()", "not allowed");
	refused("SELECT sqlite_source_id()", "not allowed");
	refused("SELECT value FROM json_each('[1]')", "not allowed");
	refused("SELECT total_changes()", "not allowed");
}
END_TEST

START_TEST(test_bounds)
{
	/* Out of time: an endless recursion, a slow cross join. */
	fill("*", cf_day_from_ymd(2026, 3, 31), 200);
	expect_error("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL "
		     "SELECT i + 1 FROM n) SELECT i FROM n WHERE i < 0",
	    "the query ran out of time");
	expect_error("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 "
		     "FROM n WHERE i < 100000) SELECT count(*) FROM n a, n b, "
		     "n c WHERE a.i + b.i = c.i",
	    "the query ran out of time");
	/* Values too long, however fast they are made. */
	expect_error("SELECT length(zeroblob(2000000000))", "longer than");
	expect_error("SELECT length(randomblob(2000000000))", "longer than");
	expect_error("SELECT length(hex(zeroblob(10000000)))",
	    "longer than");
}
END_TEST

START_TEST(test_memory_bound)
{
	SKIP_UNDER_VALGRIND(); /* 256 MiB of sorting: minutes there */
	/* Out of memory: a sort of an endless recursion in memory. */
	fill("*", cf_day_from_ymd(2026, 3, 31), 600000);
	expect_error("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 "
		     "FROM n) SELECT i || randomblob(100) FROM n ORDER BY 1",
	    "the query ran out of memory");
	/* The sandbox still answers. */
	expect("SELECT count(*) FROM cases", "15");
}
END_TEST

START_TEST(test_subjects_are_text)
{
	expect("SELECT 42", "42");
	expect("SELECT NULL UNION ALL SELECT 'C1'", "C1");
	expect("SELECT '受理-1'", "受理-1");
	expect_error("SELECT x'43303031'", "row 1 of the result: the subject "
					   "is a blob");
	expect_error("SELECT 'C1' UNION ALL SELECT char(27) || '[31mX'",
	    "row 2 of the result: the subject is text with a control "
	    "character (\"\\x1B[31mX\")");
	expect_error("SELECT 'a' || char(10) || 'b'", "control character");
	expect_error("SELECT CAST(x'ff41' AS TEXT)", "not valid UTF-8");
	expect_error("SELECT CAST(x'410042' AS TEXT)", "NUL byte");
	expect_error("SELECT ''", "empty");
	expect_error("SELECT printf('%.*c', 2000, 'x')", "too long");
}
END_TEST

/*
 * received_at: the last column of `cases`, local wall time in the text
 * of accepted_at, NULL when not recorded (doc/checks.md).
 */
START_TEST(test_received_column)
{
	struct cf_tz *tz;
	struct cf_case c;

	ck_assert_int_eq(cf_ws_tz(ws, &tz), 0);
	cf_sqlbox_free(box);
	ck_assert_int_eq(cf_sqlbox_new(&box, 1000), 0);
	memset(&c, 0, sizeof c);
	c.id = "R1";
	c.procedure_id = "P-1";
	c.accepted.sec = 1772416800; /* 2026-03-02 10:00 +08:00 */
	c.accepted.has_off = true;
	c.received = true;
	c.received_at.sec = 1772328600; /* 2026-03-01 09:30 +08:00 */
	c.received_at.nsec = 500000000;
	c.received_at.has_off = true;
	ck_assert_int_eq(cf_sqlbox_add(box, tz, &c), 0);
	c.id = "R2";
	c.received = false;
	ck_assert_int_eq(cf_sqlbox_add(box, tz, &c), 0);
	expect("SELECT accepted_at || '|' || received_at FROM cases "
	       "WHERE case_id = 'R1'",
	    "2026-03-02 10:00:00|2026-03-01 09:30:00");
	expect("SELECT case_id FROM cases WHERE received_at IS NULL", "R2");
	expect("SELECT case_id FROM cases WHERE substr(received_at, 1, 10) < "
	       "substr(accepted_at, 1, 10)",
	    "R1");
}
END_TEST

START_TEST(test_empty_sandbox_prepares)
{
	struct cf_sqlbox *b;
	struct cf_sqlcheck *q;
	struct cf_strv s = CF_STRV_INIT;

	ck_assert_int_eq(cf_sqlbox_new(&b, 0), 0);
	ck_assert_int_eq(cf_sqlcheck_prepare(&q, b, "S1",
			     "SELECT case_id FROM cases WHERE EXISTS (SELECT 1 "
			     "FROM events)"),
	    0);
	ck_assert_int_eq(cf_sqlcheck_run(q, "2026-01-01", "2026-12-31", &s),
	    0);
	ck_assert_uint_eq(s.n, 0);
	cf_sqlcheck_free(q);
	cf_sqlbox_free(b);
}
END_TEST

Suite *
sqlcheck_suite(void)
{
	Suite *s = suite_create("sqlcheck");
	TCase *tc = tcase_create("sandbox");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_select_with_period);
	tcase_add_test(tc, test_scope_and_cut);
	tcase_add_test(tc, test_forbidden);
	tcase_add_test(tc, test_bounds);
	tcase_add_test(tc, test_memory_bound);
	tcase_add_test(tc, test_subjects_are_text);
	tcase_add_test(tc, test_empty_sandbox_prepares);
	tcase_add_test(tc, test_received_column);
	suite_add_tcase(s, tc);
	return s;
}
