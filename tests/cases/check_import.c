/* SPDX-License-Identifier: MIT */
/*
 * check_import.c - cases/import.c and what it stands on (rows, xes,
 * casedb, caseset, attrs, stats): a real store in a temporary folder,
 * the fixtures of tests/data/cases and files written by the tests.
 *
 * Every bad-input kind of doc/cases.md is imported after a good import and
 * must leave the store exactly as it was (same rows, no new batch).
 */
#include "conform.h"
#include "attrs.h"
#include "casedb.h"
#include "caseset.h"
#include "check_suites.h"
#include "check_util.h"
#include "hash.h"
#include "import.h"
#include "rows.h"
#include "paths.h"
#include "store-schema.h"
#include "store.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <zlib.h>

static struct cf_store *st;
static struct cf_tz *tz;
static struct cf_strv known = CF_STRV_INIT;
static struct cf_import_result res;

static void
setup(void)
{
	tmp_setup();
	ck_assert_int_eq(cf_store_open(&st, tmp_path("db"), CF_STORE_CREATE),
	    0);
	ck_assert_int_eq(cf_tz_open(&tz, "Asia/Shanghai"), 0);
	cf_strv_push(&known, "P-T-001");
	cf_strv_push(&known, "P-T-002");
	memset(&res, 0, sizeof res);
}

static void
teardown(void)
{
	cf_import_result_release(&res);
	cf_strv_release(&known);
	cf_tz_free(tz);
	cf_store_free(st);
	tmp_teardown();
}

static const char *
fx(const char *name)
{
	static char bufs[8][4096];
	static int k;
	char *b = bufs[k++ % 8];

	snprintf(b, sizeof bufs[0], "%s", testdata(name));
	return b;
}

/* Imports the NULL-terminated list of files. */
static int
import_opts(const char *procedure, enum cf_import_format fmt, ...)
{
	struct cf_import_opts o = { .format = fmt, .procedure = procedure,
	    .known = &known, .actor = "test" };
	char *paths[16];
	size_t n = 0;
	va_list ap;
	const char *p;

	va_start(ap, fmt);
	while ((p = va_arg(ap, const char *)) != NULL)
		paths[n++] = (char *)p;
	va_end(ap);
	cf_import_result_release(&res);
	return cf_import_run(st, tz, &o, paths, n, &res);
}

#define IMPORT(...) import_opts(NULL, CF_IMPORT_AUTO, __VA_ARGS__, NULL)

static int64_t
q_int(const char *sql)
{
	sqlite3_stmt *s;
	int64_t v;

	ck_assert_int_eq(cf_store_prepare(st, &s, sql), 0);
	ck_assert_int_eq(sqlite3_step(s), SQLITE_ROW);
	v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

/* The text of the first column of the first row ("(null)" for NULL). */
static const char *
q_text(const char *sql)
{
	static char buf[4][1024];
	static int k;
	char *b = buf[k++ % 4];
	sqlite3_stmt *s;
	const unsigned char *t;

	ck_assert_int_eq(cf_store_prepare(st, &s, sql), 0);
	ck_assert_int_eq(sqlite3_step(s), SQLITE_ROW);
	t = sqlite3_column_text(s, 0);
	snprintf(b, sizeof buf[0], "%s", t ? (const char *)t : "(null)");
	sqlite3_finalize(s);
	return b;
}

struct counts {
	int64_t cases, events, batches;
};

static struct counts
counts(void)
{
	struct counts c = { q_int("SELECT count(*) FROM case_rec"),
		q_int("SELECT count(*) FROM event_rec"),
		q_int("SELECT count(*) FROM import_batch") };
	return c;
}

static void
same_counts(struct counts a, struct counts b)
{
	ck_assert_int_eq(a.cases, b.cases);
	ck_assert_int_eq(a.events, b.events);
	ck_assert_int_eq(a.batches, b.batches);
}

/* The i-th bad row is at FILE (the fixture) LINE and says `what`. */
static void
bad_row(size_t i, const char *file, int line, const char *what)
{
	ck_assert_uint_gt(res.bad.n, i);
	ck_assert_str_eq(res.bad.v[i].file, file);
	ck_assert_int_eq(res.bad.v[i].line, line);
	ck_assert_msg(strstr(res.bad.v[i].msg, what), "'%s' lacks '%s'",
	    res.bad.v[i].msg, what);
}

static void
import_good(void)
{
	ck_assert_int_eq(IMPORT(fx("cases/good-cases.csv"),
			     fx("cases/good-events.csv")),
	    0);
}

START_TEST(test_good_csv)
{
	char sha[CF_SHA256_HEX];

	import_good();
	ck_assert_uint_eq(res.nfiles, 2);
	ck_assert_str_eq(res.files[0].format, "cases-csv");
	ck_assert_str_eq(res.files[1].format, "events-csv");
	ck_assert_int_eq(res.total.cases_new, 3);
	ck_assert_int_eq(res.total.events_new, 6);
	ck_assert_int_eq(res.files[0].rows, 3);
	ck_assert_int_eq(res.files[1].rows, 6);
	struct counts c = counts();
	ck_assert_int_eq(c.cases, 3);
	ck_assert_int_eq(c.events, 6);
	ck_assert_int_eq(c.batches, 2);
	/* Each batch: the file's SHA-256 as on disk, its rows. */
	ck_assert_int_eq(cf_sha256_file(fx("cases/good-cases.csv"), sha), 0);
	ck_assert_str_eq(sha, res.files[0].sha256);
	ck_assert_str_eq(q_text("SELECT sha256 FROM import_batch WHERE "
				"batch_id = 1"),
	    sha);
	ck_assert_int_eq(q_int("SELECT rows FROM import_batch WHERE "
			       "format = 'events-csv'"),
	    6);
	/* Columns in any order, quoted comma, trimmed materials list. */
	ck_assert_str_eq(q_text("SELECT accepted_at || '|' || completed_at || "
				"'|' || fee_fen || '|' || materials || '|' || "
				"window || '|' || channel FROM cases WHERE "
				"case_id = 'T-0001'"),
	    "2026-03-02 09:15:00|2026-03-03 10:00:00|2000|M1;M2|W01|window");
	/* A UTC time that is the next local day; a pending case. */
	ck_assert_str_eq(q_text("SELECT accepted_at FROM cases WHERE case_id "
				"= 'T-0002'"),
	    "2026-03-03 01:30:00");
	ck_assert_int_eq(q_int("SELECT accepted_day FROM case_rec WHERE "
			       "case_id = 'T-0002'"),
	    cf_day_from_ymd(2026, 3, 3));
	ck_assert_str_eq(q_text("SELECT completed_at FROM cases WHERE case_id "
				"= 'T-0002'"),
	    "(null)");
	ck_assert_int_eq(q_int("SELECT accepted_sec FROM case_rec WHERE "
			       "case_id = 'T-0002'"),
	    1772472600); /* 2026-03-02T17:30:00Z */
	/* No offset: the workspace zone (+08:00); fractions kept. */
	ck_assert_int_eq(q_int("SELECT accepted_sec FROM case_rec WHERE "
			       "case_id = 'T-0001'"),
	    1772414100); /* 2026-03-02T01:15:00Z */
	ck_assert_int_eq(q_int("SELECT accepted_off FROM case_rec WHERE "
			       "case_id = 'T-0001'"),
	    28800);
	ck_assert_int_eq(q_int("SELECT completed_nsec FROM case_rec WHERE "
			       "case_id = 'T-0003'"),
	    250000000);
	/* Empty cells: fee and window not recorded, materials none. */
	ck_assert_str_eq(q_text("SELECT coalesce(fee_fen, 'null') || '|' || "
				"quote(materials) || '|' || "
				"coalesce(window, 'null') FROM cases WHERE "
				"case_id = 'T-0003'"),
	    "null|''|null");
	/* Unknown columns kept, byte for byte (quotes, CRLF, Chinese). */
	ck_assert_str_eq(q_text("SELECT attrs FROM case_rec WHERE case_id = "
				"'T-0001'"),
	    "{\"备注\":\"加急, 当日办结\"}");
	ck_assert_str_eq(q_text("SELECT json_extract(attrs, '$.备注') FROM "
				"case_rec WHERE case_id = 'T-0002'"),
	    "第一行\r\n第二行 \"引号\"");
	ck_assert_str_eq(q_text("SELECT attrs FROM event_rec WHERE case_id = "
				"'T-0001' AND activity = 'accept'"),
	    "{\"设备\":\"窗口终端1\"}");
	ck_assert_str_eq(q_text("SELECT actor FROM events WHERE case_id = "
				"'T-0003' AND activity = 'accept'"),
	    "赵, 六");
	ck_assert_str_eq(q_text("SELECT coalesce(role, 'null') FROM events "
				"WHERE case_id = 'T-0002'"),
	    "null");
	/* 03:00:00.5Z is 11:00:00 local; the fraction is kept. */
	ck_assert_str_eq(q_text("SELECT ts FROM events WHERE activity = "
				"'approve'"),
	    "2026-03-02 11:00:00");
	ck_assert_int_eq(q_int("SELECT nsec FROM event_rec WHERE activity = "
			       "'approve'"),
	    500000000);
	/* The import leaves foreign keys as it found them, and sound. */
	ck_assert_int_eq(q_int("PRAGMA foreign_keys"), 1);
	ck_assert_int_eq(q_int("SELECT count(*) FROM pragma_foreign_key_check"),
	    0);
}
END_TEST

/* Every bad-input kind: its fixture, the first bad line and message. */
static const struct {
	const char *file;
	int line;
	const char *what;
	size_t nbad;
} kinds[] = {
	{ "cases/bad-column-count.csv", 3,
	    "7 fields, expected 8 as in the "
	    "header",
	    1 },
	{ "cases/bad-missing-column.csv", 1,
	    "missing required column "
	    "'accepted_at'",
	    1 },
	{ "cases/bad-missing-value.csv", 3,
	    "missing value for "
	    "'accepted_at'",
	    1 },
	{ "cases/bad-unknown-procedure.csv", 3,
	    "unknown procedure_id "
	    "'P-NONE-9'",
	    1 },
	{ "cases/bad-timestamp.csv", 3,
	    "accepted_at: timestamp '02/03/2026 09:10' is ambiguous "
	    "(month/day/year or day/month/year)",
	    1 },
	{ "cases/bad-date.csv", 3, "date '2026-02-30' does not exist", 1 },
	{ "cases/bad-completion-before.csv", 2,
	    "completed_at 2026-03-02 "
	    "08:59:59 is before "
	    "accepted_at 2026-03-02 "
	    "09:00:00",
	    1 },
	{ "cases/bad-duplicate-case.csv", 4,
	    "case 'B-1' appears twice in "
	    "this import (first at ",
	    1 },
	{ "cases/bad-unknown-case.csv", 3,
	    "event of case 'NOSUCH-1', which "
	    "is neither in this import nor "
	    "stored",
	    2 },
	{ "cases/bad-utf8.csv", 3, "invalid UTF-8 (byte 0xFF)", 1 },
	{ "cases/bad-unterminated.csv", 3, "unterminated quoted field", 1 },
	{ "cases/bad-header.csv", 1, "neither procedure_id", 1 },
	{ "cases/bad-amount.csv", 2, "fee_charged: invalid amount", 1 },
	{ "cases/bad-cut.xes", 30, "breaks off at the end of the file", 1 },
	{ "cases/bad-doctype.xes", 2, "DOCTYPE not allowed", 1 },
	{ "cases/bad-no-name.xes", 6, "trace without concept:name", 1 },
	{ "cases/bad-no-timestamp.xes", 13, "event without time:timestamp", 1 },
};

START_TEST(test_bad_kind)
{
	struct counts before;
	const char *file = fx(kinds[_i].file);

	import_good();
	before = counts();
	ck_assert_int_eq(IMPORT(file), CF_EINVALID);
	ck_assert_uint_eq(res.nbad, kinds[_i].nbad);
	bad_row(0, file, kinds[_i].line, kinds[_i].what);
	same_counts(counts(), before);
	ck_assert_int_eq(q_int("SELECT count(*) FROM import_batch WHERE "
			       "file LIKE '%bad%'"),
	    0);
	ck_assert(strstr(cf_error_message(), "nothing imported"));
}
END_TEST

START_TEST(test_unknown_case_lines)
{
	/* Both events of the unknown case are reported, by line. */
	const char *file = fx("cases/bad-unknown-case.csv");

	import_good();
	ck_assert_int_eq(IMPORT(file), CF_EINVALID);
	bad_row(0, file, 3, "'NOSUCH-1'");
	bad_row(1, file, 4, "'NOSUCH-1'");
}
END_TEST

START_TEST(test_atomic_across_files)
{
	const char *bad = fx("cases/bad-date.csv");

	/* A good cases file, a good events file and one bad file: the
	 * good ones do not land either. */
	ck_assert_int_eq(IMPORT(fx("cases/good-cases.csv"),
			     fx("cases/good-events.csv"), bad),
	    CF_EINVALID);
	ck_assert_uint_eq(res.nbad, 1);
	bad_row(0, bad, 3, "does not exist");
	struct counts c = counts();
	ck_assert_int_eq(c.cases, 0);
	ck_assert_int_eq(c.events, 0);
	ck_assert_int_eq(c.batches, 0);
	/* And then they import fine on their own. */
	import_good();
}
END_TEST

START_TEST(test_duplicate_batch)
{
	const char *cases = fx("cases/good-cases.csv");
	struct counts before;

	import_good();
	before = counts();
	ck_assert_int_eq(IMPORT(cases), CF_EINVALID);
	bad_row(0, cases, 0, "already imported as batch 1 ('");
	same_counts(counts(), before);
	/* A copy under another name is the same batch. */
	write_file(tmp_path("copy.csv"), "");
	ck_assert_int_eq(run("cp '%s' '%s'", cases, tmp_path("copy.csv")), 0);
	ck_assert_int_eq(IMPORT(tmp_path("copy.csv")), CF_EINVALID);
	bad_row(0, tmp_path("copy.csv"), 0, "already imported as batch 1");
	/* The same bytes twice in one command. */
	write_file(tmp_path("a.csv"),
	    "case_id,procedure_id,accepted_at\n"
	    "N-1,P-T-001,2026-03-02\n");
	write_file(tmp_path("b.csv"),
	    "case_id,procedure_id,accepted_at\n"
	    "N-1,P-T-001,2026-03-02\n");
	ck_assert_int_eq(IMPORT(tmp_path("a.csv"), tmp_path("b.csv")),
	    CF_EINVALID);
	ck_assert_uint_eq(res.nbad, 1);
	bad_row(0, tmp_path("b.csv"), 0, "same bytes (SHA-256 ");
	same_counts(counts(), before);
}
END_TEST

START_TEST(test_reimport_fills)
{
	write_file(tmp_path("m1.csv"),
	    "case_id,procedure_id,accepted_at,completed_at,fee_charged,"
	    "window\n"
	    "R-1,P-T-001,2026-03-02 09:00,,,W01\n"
	    "R-2,P-T-001,2026-03-02 10:00,2026-03-03 10:00,20,\n");
	ck_assert_int_eq(IMPORT(tmp_path("m1.csv")), 0);
	ck_assert_int_eq(res.total.cases_new, 2);
	/* Next month: R-1 completed, R-2 repeated as it was, window
	 * filled in; a new case. */
	write_file(tmp_path("m2.csv"),
	    "case_id,procedure_id,accepted_at,completed_at,fee_charged,"
	    "window,channel\n"
	    "R-1,P-T-001,2026-03-02T01:00:00Z,2026-03-06 16:00,20.00,,online\n"
	    "R-2,P-T-001,2026-03-02 10:00,,,W01,\n"
	    "R-3,P-T-001,2026-04-01 10:00,,,,\n");
	ck_assert_int_eq(IMPORT(tmp_path("m2.csv")), 0);
	ck_assert_int_eq(res.total.cases_new, 1);
	ck_assert_int_eq(res.total.cases_updated, 2);
	ck_assert_str_eq(q_text("SELECT completed_at || '|' || fee_fen || "
				"'|' || window || '|' || channel FROM cases "
				"WHERE case_id = 'R-1'"),
	    "2026-03-06 16:00:00|2000|W01|online");
	ck_assert_str_eq(q_text("SELECT completed_at || '|' || fee_fen || "
				"'|' || window FROM cases WHERE case_id = "
				"'R-2'"),
	    "2026-03-03 10:00:00|2000|W01");
	/* The same again changes nothing. */
	write_file(tmp_path("m3.csv"),
	    "case_id,procedure_id,accepted_at\n"
	    "R-1,P-T-001,2026-03-02 09:00\n");
	ck_assert_int_eq(IMPORT(tmp_path("m3.csv")), 0);
	ck_assert_int_eq(res.total.cases_unchanged, 1);
	ck_assert_int_eq(res.total.cases_updated, 0);
	/* Any other difference is a bad row. */
	struct counts before = counts();
	write_file(tmp_path("m4.csv"),
	    "case_id,procedure_id,accepted_at,completed_at,fee_charged\n"
	    "R-1,P-T-002,2026-03-02 09:00,,\n"
	    "R-2,P-T-001,2026-03-02 10:00:01,,\n"
	    "R-3,P-T-001,2026-04-01 10:00,2026-04-01 09:59,\n"
	    "R-3b,P-T-001,2026-04-01 10:00,,\n");
	ck_assert_int_eq(IMPORT(tmp_path("m4.csv")), CF_EINVALID);
	ck_assert_uint_eq(res.nbad, 3);
	bad_row(0, tmp_path("m4.csv"), 2,
	    "stored with procedure_id 'P-T-001', expected the same");
	bad_row(1, tmp_path("m4.csv"), 3,
	    "stored with accepted_at 2026-03-02 "
	    "10:00:00");
	bad_row(2, tmp_path("m4.csv"), 4, "is before accepted_at");
	same_counts(counts(), before);
	write_file(tmp_path("m5.csv"),
	    "case_id,procedure_id,accepted_at,completed_at,fee_charged\n"
	    "R-1,P-T-001,2026-03-02 09:00,2026-03-07 16:00,\n"
	    "R-2,P-T-001,2026-03-02 10:00,,50\n");
	ck_assert_int_eq(IMPORT(tmp_path("m5.csv")), CF_EINVALID);
	bad_row(0, tmp_path("m5.csv"), 2,
	    "stored with completed_at 2026-03-06 "
	    "16:00:00");
	bad_row(1, tmp_path("m5.csv"), 3,
	    "stored with fee_charged 20.00, "
	    "expected the same or an empty "
	    "fee_charged, not 50.00");
	same_counts(counts(), before);
}
END_TEST

/*
 * received_at (doc/cases.md): a cases column and an XES trace attribute,
 * stored with its fraction and offset, NULL when empty; after the
 * acceptance it is a bad row; a case again fills an empty one and must
 * repeat a stored one.
 */
START_TEST(test_received)
{
	write_file(tmp_path("r1.csv"),
	    "case_id,procedure_id,accepted_at,received_at\n"
	    "V-1,P-T-001,2026-03-02 09:00,2026-02-27 16:30:00.5+08:00\n"
	    "V-2,P-T-001,2026-03-02 10:00,\n"
	    "V-3,P-T-001,2026-03-02 10:00,2026-03-02T02:00:00Z\n");
	ck_assert_int_eq(IMPORT(tmp_path("r1.csv")), 0);
	ck_assert_str_eq(q_text("SELECT received_sec || '|' || received_nsec "
				"|| '|' || received_off || '|' || received_at "
				"FROM case_rec JOIN cases USING (case_id) "
				"WHERE case_id = 'V-1'"),
	    "1772181000|500000000|28800|2026-02-27 16:30:00");
	ck_assert_int_eq(q_int("SELECT count(*) FROM case_rec WHERE case_id = "
			       "'V-2' AND received_sec IS NULL AND "
			       "received_wall IS NULL"),
	    1);
	/* on the acceptance instant, in another offset: fine, offset kept */
	ck_assert_str_eq(q_text("SELECT received_off || '|' || received_at "
				"FROM case_rec JOIN cases USING (case_id) "
				"WHERE case_id = 'V-3'"),
	    "0|2026-03-02 10:00:00");
	/* later than the acceptance: a bad row, nothing stored */
	struct counts before = counts();
	write_file(tmp_path("r2.csv"),
	    "case_id,procedure_id,accepted_at,received_at\n"
	    "V-4,P-T-001,2026-03-02 10:00,2026-03-03 09:00\n"
	    "V-5,P-T-001,2026-03-02 10:00,2026-03-02 10:00:00.001\n"
	    "V-6,P-T-001,2026-03-02 10:00,2026-02-30 09:00\n");
	ck_assert_int_eq(IMPORT(tmp_path("r2.csv")), CF_EINVALID);
	ck_assert_uint_eq(res.nbad, 3);
	bad_row(0, tmp_path("r2.csv"), 2,
	    "received_at 2026-03-03 09:00:00 is after accepted_at 2026-03-02 "
	    "10:00:00, expected receipt on or before acceptance");
	bad_row(1, tmp_path("r2.csv"), 3, "received_at 2026-03-02 10:00:00 is "
					  "after accepted_at");
	bad_row(2, tmp_path("r2.csv"), 4,
	    "received_at: date '2026-02-30' does not exist");
	same_counts(counts(), before);
	/* A case again: an empty cell keeps, an empty store takes, a
	 * different instant is a bad row. */
	write_file(tmp_path("r3.csv"),
	    "case_id,procedure_id,accepted_at,received_at,window\n"
	    "V-1,P-T-001,2026-03-02 09:00,,\n"
	    "V-2,P-T-001,2026-03-02 10:00,2026-03-01 10:00,\n"
	    "V-3,P-T-001,2026-03-02 10:00,2026-03-02 10:00+08:00,W9\n");
	ck_assert_int_eq(IMPORT(tmp_path("r3.csv")), 0);
	ck_assert_int_eq(res.total.cases_updated, 2);
	ck_assert_int_eq(res.total.cases_unchanged, 1);
	/* the same instant in another offset: the stored receipt stays */
	ck_assert_str_eq(q_text("SELECT received_off || '|' || window FROM "
				"case_rec WHERE case_id = 'V-3'"),
	    "0|W9");
	ck_assert_str_eq(q_text("SELECT group_concat(coalesce(received_at, "
				"'-'), ',') FROM (SELECT received_at FROM cases "
				"ORDER BY case_id)"),
	    "2026-02-27 16:30:00,2026-03-01 10:00:00,2026-03-02 10:00:00");
	ck_assert_int_eq(q_int("SELECT count(*) FROM case_hist WHERE case_id = "
			       "'V-2' AND received_sec IS NULL"),
	    1);
	write_file(tmp_path("r4.csv"),
	    "case_id,procedure_id,accepted_at,received_at\n"
	    "V-1,P-T-001,2026-03-02 09:00,2026-02-27 16:30\n");
	ck_assert_int_eq(IMPORT(tmp_path("r4.csv")), CF_EINVALID);
	bad_row(0, tmp_path("r4.csv"), 2,
	    "case 'V-1' is stored with received_at 2026-02-27 16:30:00, "
	    "expected the same or an empty received_at, not 2026-02-27 "
	    "16:30:00");
	/* XES: the trace attribute, against the acceptance the first
	 * event gives. */
	static const char xes[] =
	    "<log xes.version=\"1.0\">\n"
	    "<trace><string key=\"concept:name\" value=\"%s\"/>\n"
	    "<string key=\"procedure\" value=\"P-T-001\"/>\n"
	    "<date key=\"received_at\" value=\"%s\"/>\n"
	    "<event><string key=\"concept:name\" value=\"accept\"/>\n"
	    "<date key=\"time:timestamp\" "
	    "value=\"2026-03-05T09:00:00+08:00\"/></event>\n"
	    "</trace>\n</log>\n";
	char text[1024];
	snprintf(text, sizeof text, xes, "XR-1", "2026-03-04T17:00:00+08:00");
	write_file(tmp_path("r.xes"), text);
	ck_assert_int_eq(IMPORT(tmp_path("r.xes")), 0);
	ck_assert_str_eq(q_text("SELECT received_at FROM cases WHERE case_id "
				"= 'XR-1'"),
	    "2026-03-04 17:00:00");
	snprintf(text, sizeof text, xes, "XR-2", "2026-03-05T09:00:01+08:00");
	write_file(tmp_path("bad.xes"), text);
	ck_assert_int_eq(IMPORT(tmp_path("bad.xes")), CF_EINVALID);
	ck_assert_uint_eq(res.nbad, 1);
	bad_row(0, tmp_path("bad.xes"), 2,
	    "received_at 2026-03-05 09:00:01 is after accepted_at 2026-03-05 "
	    "09:00:00, expected receipt on or before acceptance");
}
END_TEST

START_TEST(test_events_skip_and_order)
{
	write_file(tmp_path("c.csv"),
	    "case_id,procedure_id,accepted_at\n"
	    "E-1,P-T-001,2026-03-02 09:00\n");
	/* Events file first: its case comes in a later file. */
	write_file(tmp_path("e1.csv"),
	    "case_id,activity,timestamp,actor\n"
	    "E-1,accept,2026-03-02 09:00,a\n"
	    "E-1,review,2026-03-02 10:00,b\n"
	    "E-1,review,2026-03-02 10:00,b\n");
	ck_assert_int_eq(IMPORT(tmp_path("e1.csv"), tmp_path("c.csv")), 0);
	/* Equal rows within one import are two events. */
	ck_assert_int_eq(res.total.events_new, 3);
	ck_assert_int_eq(q_int("SELECT count(*) FROM events"), 3);
	/* A later file: one event equal to a stored one (skipped), one
	 * differing only in its actor, one with a fraction more. */
	write_file(tmp_path("e2.csv"),
	    "case_id,activity,timestamp,actor\n"
	    "E-1,review,2026-03-02T02:00:00Z,b\n"
	    "E-1,review,2026-03-02 10:00,c\n"
	    "E-1,approve,2026-03-02 10:00:00.001,d\n");
	ck_assert_int_eq(IMPORT(tmp_path("e2.csv")), 0);
	ck_assert_int_eq(res.total.events_skipped, 1);
	ck_assert_int_eq(res.total.events_new, 2);
	ck_assert_int_eq(q_int("SELECT events_skipped FROM import_batch "
			       "ORDER BY batch_id DESC LIMIT 1"),
	    1);
	/* seq grows with the import position, across imports. */
	ck_assert_str_eq(q_text("SELECT group_concat(actor, '') FROM (SELECT "
				"actor FROM event_rec ORDER BY case_id, sec, "
				"nsec, seq)"),
	    "abbcd");
	ck_assert_int_eq(q_int("SELECT count(DISTINCT seq) FROM event_rec"), 5);
	ck_assert_int_eq(q_int("SELECT min(seq) FROM event_rec WHERE actor = "
			       "'c'"),
	    1 + q_int("SELECT max(seq) FROM event_rec WHERE actor = 'b'"));
	/* An events file alone, for a stored case. */
	write_file(tmp_path("e3.csv"),
	    "case_id,activity,timestamp\n"
	    "E-1,issue,2026-03-03 09:00\n");
	ck_assert_int_eq(IMPORT(tmp_path("e3.csv")), 0);
	ck_assert_int_eq(q_int("SELECT count(*) FROM events"), 6);
	/* No actor on either side is equal too. */
	write_file(tmp_path("e4.csv"),
	    "case_id,activity,timestamp,actor\n"
	    "E-1,issue,2026-03-03 09:00,\n");
	ck_assert_int_eq(IMPORT(tmp_path("e4.csv")), 0);
	ck_assert_int_eq(res.total.events_skipped, 1);
	ck_assert_int_eq(q_int("SELECT count(DISTINCT seq) FROM event_rec"), 6);
}
END_TEST

START_TEST(test_bad_rows_bounded_and_ordered)
{
	struct cf_buf b = CF_BUF_INIT;
	const char *p = tmp_path("many.csv"), *q = tmp_path("ev.csv");

	/* 250 bad dates, then events of a case nobody defines: the 100
	 * rows shown are the first 100 by position. */
	cf_buf_adds(&b, "case_id,procedure_id,accepted_at\n");
	for (int i = 0; i < 250; i++)
		cf_buf_addf(&b, "M-%d,P-T-001,2026-02-3%d\n", i, i % 2);
	write_file(p, b.s);
	write_file(q,
	    "case_id,activity,timestamp\n"
	    "GHOST,accept,2026-03-02\n");
	ck_assert_int_eq(IMPORT(q, p), CF_EINVALID);
	ck_assert_uint_eq(res.nbad, 251);
	ck_assert_uint_eq(res.bad.n, CF_IMPORT_SHOWN);
	bad_row(0, q, 2, "'GHOST'");
	for (int i = 1; i < CF_IMPORT_SHOWN; i++)
		bad_row((size_t)i, p, i + 1, "does not exist");
	cf_buf_release(&b);
}
END_TEST

START_TEST(test_timezone)
{
	struct cf_tz *ams;
	struct cf_import_opts o = { .format = CF_IMPORT_AUTO, .procedure = NULL,
	    .known = &known, .actor = "test" };
	char *path;

	write_file(tmp_path("z.csv"),
	    "case_id,procedure_id,accepted_at,completed_at\n"
	    "Z-1,P-T-001,2026-03-02,2026-03-02T16:30:00Z\n"
	    "Z-2,P-T-001,2026-03-02 23:59:59+01:00,\n");
	ck_assert_int_eq(IMPORT(tmp_path("z.csv")), 0);
	/* A date alone is 00:00 local; 16:30Z is 00:30 the next day. */
	ck_assert_str_eq(q_text("SELECT accepted_at || '|' || completed_at "
				"FROM cases WHERE case_id = 'Z-1'"),
	    "2026-03-02 00:00:00|2026-03-03 00:30:00");
	ck_assert_int_eq(q_int("SELECT completed_day - accepted_day FROM "
			       "case_rec WHERE case_id = 'Z-1'"),
	    1);
	/* The offset the source gave is kept with the instant. */
	ck_assert_int_eq(q_int("SELECT accepted_off FROM case_rec WHERE "
			       "case_id = 'Z-2'"),
	    3600);
	ck_assert_int_eq(q_int("SELECT completed_off FROM case_rec WHERE "
			       "case_id = 'Z-1'"),
	    0);
	ck_assert_str_eq(q_text("SELECT accepted_at FROM cases WHERE case_id "
				"= 'Z-2'"),
	    "2026-03-03 06:59:59");
	/* Records of one zone are not mixed with another's. */
	ck_assert_int_eq(cf_tz_open(&ams, "Europe/Amsterdam"), 0);
	write_file(tmp_path("z2.csv"),
	    "case_id,procedure_id,accepted_at\n"
	    "Z-3,P-T-001,2026-03-02\n");
	path = (char *)tmp_path("z2.csv");
	cf_import_result_release(&res);
	ck_assert_int_eq(cf_import_run(st, ams, &o, &path, 1, &res),
	    CF_EINVALID);
	ck_assert(strstr(cf_error_message(),
	    "imported under timezone 'Asia/Shanghai'"));
	ck_assert_int_eq(q_int("SELECT count(*) FROM case_rec"), 2);
	cf_tz_free(ams);
}
END_TEST

START_TEST(test_xes_good)
{
	const char *file = fx("cases/good.xes");

	ck_assert_int_eq(IMPORT(file), 0);
	ck_assert_str_eq(res.files[0].format, "xes");
	ck_assert_int_eq(res.files[0].traces, 4);
	ck_assert_int_eq(res.files[0].empty_traces, 2);
	ck_assert_int_eq(res.files[0].rows, 4);
	ck_assert_int_eq(res.total.cases_new, 2);
	ck_assert_int_eq(res.total.events_new, 4);
	ck_assert_int_eq(q_int("SELECT empty_traces FROM import_batch"), 2);
	/* Acceptance: the earliest event (not the first in the file);
	 * completion: the latest, with its own offset. */
	ck_assert_str_eq(q_text("SELECT accepted_at || '|' || completed_at || "
				"'|' || fee_fen || '|' || materials || '|' || "
				"window FROM cases WHERE case_id = 'X-1'"),
	    "2026-03-02 09:15:00|2026-03-03 10:00:00|2000|M1;M2|W01");
	/* A trace-scope global is a default (channel), never the id. */
	ck_assert_str_eq(q_text("SELECT group_concat(channel) FROM cases"),
	    "desk,desk");
	ck_assert_int_eq(q_int("SELECT count(*) FROM case_rec WHERE case_id = "
			       "'UNKNOWN'"),
	    0);
	/* Keys with spaces and nested attributes, as parent/child. */
	ck_assert_str_eq(q_text("SELECT attrs FROM case_rec WHERE case_id = "
				"'X-1'"),
	    "{\"case type\":\"加急 件\",\"applicant/name\":\"张三\","
	    "\"applicant/id type\":\"身份证\"}");
	ck_assert_str_eq(q_text("SELECT attrs FROM event_rec WHERE activity = "
				"'review'"),
	    "{\"checks/item\":\"a\",\"checks/item[2]\":\"b\"}");
	/* An event-scope global supplies the actor, not the time. */
	ck_assert_str_eq(q_text("SELECT actor FROM events WHERE activity = "
				"'approve'"),
	    "UNKNOWN");
	ck_assert_int_eq(q_int("SELECT nsec FROM event_rec WHERE activity = "
			       "'review'"),
	    250000000);
	/* accepted_at from the trace; an empty completed_at: pending. */
	ck_assert_str_eq(q_text("SELECT accepted_at || '|' || "
				"coalesce(completed_at, 'pending') FROM cases "
				"WHERE case_id = 'X-3'"),
	    "2026-03-04 09:00:00|pending");
	ck_assert_int_eq(q_int("SELECT nsec FROM event_rec WHERE case_id = "
			       "'X-3'"),
	    123456789);
	ck_assert_int_eq(q_int("SELECT line FROM event_rec WHERE activity = "
			       "'approve'"),
	    45);
}
END_TEST

/* gzip-compresses `src` into `dst`, keeping only `keep` bytes if > 0. */
static void
gzip_file(const char *src, const char *dst, long keep)
{
	char *buf;
	size_t len;
	gzFile gz;
	FILE *f;

	ck_assert_int_eq(cf_read_file(src, 1 << 20, &buf, &len), 0);
	gz = gzopen(dst, "wb");
	ck_assert_ptr_nonnull(gz);
	ck_assert_int_eq(gzwrite(gz, buf, (unsigned)len), (int)len);
	ck_assert_int_eq(gzclose(gz), Z_OK);
	free(buf);
	if (keep > 0) {
		ck_assert_int_eq(cf_read_file(dst, 1 << 20, &buf, &len), 0);
		f = fopen(dst, "wb");
		ck_assert_ptr_nonnull(f);
		ck_assert_uint_eq(fwrite(buf, 1, (size_t)keep, f),
		    (size_t)keep);
		ck_assert_int_eq(fclose(f), 0);
		free(buf);
	}
}

START_TEST(test_xes_gzip)
{
	const char *gz = tmp_path("log.xes.gz"), *cut = tmp_path("cut.xes.gz");

	gzip_file(fx("cases/good.xes"), gz, 0);
	gzip_file(fx("cases/good.xes"), cut, 400);
	ck_assert_int_eq(IMPORT(cut), CF_EINVALID);
	ck_assert_uint_eq(res.nbad, 1);
	ck_assert(strstr(res.bad.v[0].msg, "gzip data damaged or cut short"));
	ck_assert_int_eq(q_int("SELECT count(*) FROM case_rec"), 0);
	ck_assert_int_eq(IMPORT(gz), 0);
	ck_assert_int_eq(res.total.cases_new, 2);
	ck_assert_int_eq(res.total.events_new, 4);
	/* The batch hashes the bytes on disk (compressed). */
	char sha[CF_SHA256_HEX];
	ck_assert_int_eq(cf_sha256_file(gz, sha), 0);
	ck_assert_str_eq(res.files[0].sha256, sha);
}
END_TEST

START_TEST(test_xes_attacks)
{
	const char *names[] = { "cases/billion-laughs.xes", "cases/xxe.xes" };

	for (size_t i = 0; i < CF_ARRAY_LEN(names); i++) {
		const char *file = fx(names[i]);
		clock_t t0 = clock();
		ck_assert_int_eq(IMPORT(file), CF_EINVALID);
		ck_assert_msg(clock() - t0 < CLOCKS_PER_SEC, "%s slow", file);
		ck_assert_uint_eq(res.nbad, 1);
		bad_row(0, file, i == 0 ? 2 : 3, "DOCTYPE not allowed");
		ck_assert(!strstr(res.bad.v[0].msg, "root:"));
		ck_assert_int_eq(q_int("SELECT count(*) FROM case_rec"), 0);
		ck_assert_int_eq(q_int("SELECT count(*) FROM import_batch"), 0);
	}
}
END_TEST

START_TEST(test_xes_procedure_option)
{
	const char *file = tmp_path("noproc.xes");

	write_file(file,
	    "<log><trace><string key=\"concept:name\" "
	    "value=\"P-1\"/><event><string key=\"concept:name\" "
	    "value=\"accept\"/><date key=\"time:timestamp\" "
	    "value=\"2026-03-02T09:00:00+08:00\"/></event>"
	    "</trace></log>\n");
	ck_assert_int_eq(IMPORT(file), CF_EINVALID);
	bad_row(0, file, 1, "trace 'P-1' has no procedure");
	ck_assert_int_eq(import_opts("P-NONE", CF_IMPORT_AUTO, file, NULL),
	    CF_ENOTFOUND);
	ck_assert(strstr(cf_error_message(), "--procedure 'P-NONE'"));
	ck_assert_int_eq(import_opts("P-T-002", CF_IMPORT_AUTO,
			     fx("cases/good-cases.csv"), NULL),
	    CF_EUSAGE);
	ck_assert_int_eq(import_opts("P-T-002", CF_IMPORT_AUTO, file, NULL), 0);
	ck_assert_str_eq(q_text("SELECT procedure_id FROM cases"), "P-T-002");
	/* --format xes reads a file whatever its name. */
	write_file(tmp_path("log.txt"),
	    "<log><trace><string key=\"concept:name\" value=\"P-2\"/>"
	    "<string key=\"procedure\" value=\"P-T-001\"/><event><string "
	    "key=\"concept:name\" value=\"a\"/><date key=\"time:timestamp\" "
	    "value=\"2026-03-02\"/></event></trace></log>");
	ck_assert_int_eq(import_opts(NULL, CF_IMPORT_CSV, tmp_path("log.txt"),
			     NULL),
	    CF_EINVALID);
	ck_assert_int_eq(import_opts(NULL, CF_IMPORT_XES, tmp_path("log.txt"),
			     NULL),
	    0);
}
END_TEST

START_TEST(test_missing_file)
{
	ck_assert_int_eq(IMPORT(tmp_path("nope.csv")), CF_EINVALID);
	bad_row(0, tmp_path("nope.csv"), 0,
	    "cannot read the file (No such "
	    "file");
}
END_TEST

struct statrow {
	char by[16], value[32];
	int64_t cases, completed, pending;
};

static void
collect_stats(const struct cf_stats_row *r, void *payload)
{
	struct statrow *rows = payload;
	size_t i = 0;

	while (rows[i].by[0])
		i++;
	snprintf(rows[i].by, sizeof rows[i].by, "%s", r->by);
	snprintf(rows[i].value, sizeof rows[i].value, "%s",
	    r->value ? r->value : "-");
	rows[i].cases = r->cases;
	rows[i].completed = r->completed;
	rows[i].pending = r->pending;
}

START_TEST(test_stats)
{
	struct statrow rows[32];

	memset(rows, 0, sizeof rows);
	ck_assert_int_eq(cf_cases_stats(st, collect_stats, rows), 0);
	ck_assert_str_eq(rows[0].by, "all");
	ck_assert_int_eq(rows[0].cases, 0);
	import_good();
	memset(rows, 0, sizeof rows);
	ck_assert_int_eq(cf_cases_stats(st, collect_stats, rows), 0);
	/* procedure, window (null first), channel, month, all */
	const char *want[] = { "procedure P-T-001 3 2 1", "window - 1 1 0",
		"window W01 2 1 1", "channel - 1 1 0", "channel online 1 0 1",
		"channel window 1 1 0", "month 2026-03 3 2 1", "all - 3 2 1" };
	for (size_t i = 0; i < CF_ARRAY_LEN(want); i++) {
		char got[160];
		snprintf(got, sizeof got, "%.15s %.31s %lld %lld %lld",
		    rows[i].by, rows[i].value, (long long)rows[i].cases,
		    (long long)rows[i].completed, (long long)rows[i].pending);
		ck_assert_str_eq(got, want[i]);
	}
	ck_assert_str_eq(rows[CF_ARRAY_LEN(want)].by, "");
}
END_TEST

START_TEST(test_caseset)
{
	struct cf_caseset *set = cf_caseset_new();
	struct cf_caseent *first;
	bool created;
	char id[32];

	first = cf_caseset_get(set, "C-0", 3, &created);
	ck_assert(created);
	first->kind = CF_CASE_STORED;
	for (int i = 1; i < 200000; i++) {
		int n = snprintf(id, sizeof id, "C-%d", i);
		struct cf_caseent *e = cf_caseset_get(set, id, (size_t)n,
		    &created);
		ck_assert(created);
		e->line = (uint32_t)i;
	}
	ck_assert_uint_eq(cf_caseset_count(set), 200000);
	/* Entries do not move while the table grows. */
	ck_assert_ptr_eq(cf_caseset_find(set, "C-0", 3), first);
	ck_assert_int_eq(first->kind, CF_CASE_STORED);
	ck_assert_ptr_eq(cf_caseset_get(set, "C-0", 3, &created), first);
	ck_assert(!created);
	ck_assert_uint_eq(cf_caseset_find(set, "C-199999", 8)->line, 199999);
	ck_assert_ptr_null(cf_caseset_find(set, "C-200000", 8));
	/* A prefix is not a match. */
	ck_assert_ptr_null(cf_caseset_find(set, "C-1999999", 8 + 1));
	ck_assert_ptr_null(cf_caseset_find(set, "C-", 2));
	ck_assert_str_eq(cf_caseset_at(set, 12345)->id, "C-12345");
	cf_caseset_free(set);
	cf_caseset_free(NULL);
}
END_TEST

/* Ids longer than an arena chunk (an XES trace name may be 10 MB) get a
 * chunk of their own, between and among short ones; ids that share a
 * hash are told apart by their bytes. */
START_TEST(test_caseset_long_ids)
{
	struct cf_caseset *set = cf_caseset_new();
	size_t big = 3u << 20;
	char *a = cf_xmalloc(big + 1), *b = cf_xmalloc(big + 1);
	struct cf_caseent *ea, *eb, *es;
	bool created;

	memset(a, 'a', big);
	a[big] = '\0';
	memcpy(b, a, big + 1);
	b[big - 1] = 'b';
	es = cf_caseset_get(set, "short-0", 7, &created);
	ea = cf_caseset_get(set, a, big, &created);
	ck_assert(created);
	ck_assert(cf_caseset_get(set, "short-1", 7, &created) != NULL);
	eb = cf_caseset_get(set, b, big, &created);
	ck_assert(created);
	ck_assert(cf_caseset_get(set, "short-2", 7, &created) != NULL);
	ck_assert_ptr_eq(cf_caseset_find(set, a, big), ea);
	ck_assert_ptr_eq(cf_caseset_find(set, b, big), eb);
	ck_assert_ptr_eq(cf_caseset_find(set, "short-0", 7), es);
	ck_assert_ptr_null(cf_caseset_find(set, a, big - 1));
	ck_assert_uint_eq(strlen(cf_caseset_at(set, 3)->id), big);
	ck_assert_str_eq(cf_caseset_at(set, 4)->id, "short-2");
	/* "costarring" and "liquid" share their FNV-1a hash */
	ck_assert(cf_caseset_get(set, "costarring", 10, &created) && created);
	ck_assert(cf_caseset_get(set, "liquid", 6, &created) && created);
	ck_assert_str_eq(cf_caseset_find(set, "liquid", 6)->id, "liquid");
	ck_assert_str_eq(cf_caseset_find(set, "costarring", 10)->id,
	    "costarring");
	free(a);
	free(b);
	cf_caseset_free(set);
}
END_TEST

START_TEST(test_attrs_json)
{
	struct cf_attrs a = CF_ATTRS_INIT;

	ck_assert_ptr_null(cf_attrs_json(&a));
	cf_attrs_add(&a, "k", 1, "a\"b\\c\n\t\x01", 8);
	cf_attrs_add(&a, "名", 3, "值", 3);
	cf_attrs_add(&a, "k", 1, "second", 6);
	ck_assert_str_eq(cf_attrs_json(&a),
	    "{\"k\":\"a\\\"b\\\\c\\n\\t\\u0001\",\"名\":\"值\","
	    "\"k[2]\":\"second\"}");
	/* Reading the object does not end it. */
	cf_attrs_add(&a, "k", 1, "", 0);
	ck_assert_str_eq(cf_attrs_json(&a),
	    "{\"k\":\"a\\\"b\\\\c\\n\\t\\u0001\",\"名\":\"值\","
	    "\"k[2]\":\"second\",\"k[3]\":\"\"}");
	cf_attrs_reset(&a);
	ck_assert_ptr_null(cf_attrs_json(&a));
	cf_attrs_add(&a, "x", 1, "y", 1);
	ck_assert_str_eq(cf_attrs_json(&a), "{\"x\":\"y\"}");
	cf_attrs_release(&a);
}
END_TEST

START_TEST(test_migrate_text_layout)
{
	/* A store made by migration 2 alone, with records in its layout
	 * (local times as text), is converted by the later steps. */
	sqlite3 *db;
	struct cf_store *s2;
	const char *path = tmp_path("v2.db");

	ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(db, cf_store_schema_step(0), NULL, NULL,
			     NULL),
	    SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(db, cf_store_schema_step(1), NULL, NULL,
			     NULL),
	    SQLITE_OK);
	ck_assert_int_eq(
	    sqlite3_exec(db,
		"PRAGMA user_version = 2;"
		"INSERT INTO import_batch VALUES (1, 'c.csv', "
		"'" /* 64 hex */
		"0000000000000000000000000000000000000000000000000000000000000000"
		"', 10, 'cases-csv', 2, 0, 0, 2, 0, 2, 0, 1, 3, "
		"1772400000, 'Asia/Shanghai');"
		"INSERT INTO case_rec VALUES ('A', 'P-T-001', "
		"1772414100, 0, 28800, '2026-03-02 09:15:00', 20514, "
		"1772503200, 5, 0, '2026-03-03 10:00:00', 20515, "
		"2000, 'M1', 'W01', NULL, '{\"k\":\"v\"}', 1, 2),"
		"('B', 'P-T-001', 1772414100, 0, 28800, "
		"'2026-03-02 09:15:00', 20514, NULL, NULL, NULL, "
		"NULL, NULL, NULL, NULL, NULL, NULL, NULL, 1, 3);"
		"INSERT INTO event_rec VALUES ('A', 1772414100, 0, 1, "
		"28800, '2026-03-02 09:15:00', 'accept', '张三', NULL, "
		"NULL, 1, 2),('A', 1772420400, 7, 2, 0, "
		"'2026-03-02 11:00:00', 'review', NULL, 'r', NULL, 1, "
		"3);",
		NULL, NULL, NULL),
	    SQLITE_OK);
	sqlite3_close(db);
	ck_assert_int_eq(cf_store_open(&s2, path, 0), 0);
	cf_store_free(st);
	st = s2;
	ck_assert_str_eq(q_text(
			     "SELECT group_concat(case_id || '|' || "
			     "accepted_at || '|' || coalesce(completed_at, "
			     "'-') || '|' || coalesce(fee_fen, '-'), ' ') FROM "
			     "(SELECT * FROM cases ORDER BY case_id)"),
	    "A|2026-03-02 09:15:00|2026-03-03 10:00:00|2000 "
	    "B|2026-03-02 09:15:00|-|-");
	ck_assert_int_eq(q_int("SELECT accepted_wall - accepted_sec FROM "
			       "case_rec WHERE case_id = 'A'"),
	    28800);
	ck_assert_int_eq(q_int("SELECT completed_wall FROM case_rec WHERE "
			       "case_id = 'A'"),
	    1772503200 + 28800);
	ck_assert_str_eq(q_text(
			     "SELECT group_concat(ts || ' ' || activity || "
			     "' ' || coalesce(actor, '-'), ', ') FROM (SELECT "
			     "* FROM events ORDER BY ts)"),
	    "2026-03-02 09:15:00 accept 张三, 2026-03-02 11:00:00 review -");
	ck_assert_str_eq(q_text("SELECT attrs FROM case_rec WHERE case_id = "
				"'A'"),
	    "{\"k\":\"v\"}");
	ck_assert_int_eq(q_int("SELECT nsec FROM event_rec WHERE activity = "
			       "'review'"),
	    7);
	ck_assert_int_eq(q_int("SELECT count(*) FROM pragma_foreign_key_check"),
	    0);
	ck_assert_int_eq(q_int("SELECT count(*) FROM sqlite_temp_master"), 0);
	/* And the import goes on where it was. */
	import_good();
	ck_assert_int_eq(q_int("SELECT min(seq) FROM event_rec WHERE case_id "
			       "LIKE 'T-%'"),
	    3);
}
END_TEST

/* Material lists (doc/cases.md): the separators, the blanks, the rest. */
START_TEST(test_materials_norm)
{
	static const struct {
		const char *in, *out;
	} t[] = {
		{ "M1;M2", "M1;M2" },
		{ "M1；M2", "M1;M2" },		 /* U+FF1B */
		{ " M1 ；　M2　; ;；", "M1;M2" }, /* U+3000 around items */
		{ "\xC2\xA0M1\xC2\xA0;M2", "M1;M2" }, /* U+00A0 */
		{ "M1，M2", "M1，M2" },		 /* a comma separates nothing */
		{ "M1, M2", "M1, M2" },
		{ "M1 M2", "M1 M2" },		 /* blanks inside an item stay */
		{ "M1　M2", "M1　M2" },
		{ "；", "" },
		{ "", "" },
		{ "M2;M1;M2", "M2;M1;M2" },	 /* order and repeats as given */
		{ "\xEF\xBC", "\xEF\xBC" },	 /* half a separator is text */
	};
	struct cf_buf b = CF_BUF_INIT;

	for (size_t i = 0; i < CF_ARRAY_LEN(t); i++)
		ck_assert_str_eq(cf_materials_norm(&b, t[i].in, strlen(t[i].in)),
		    t[i].out);
	cf_buf_release(&b);
}
END_TEST

Suite *
import_suite(void)
{
	Suite *s = suite_create("import");
	TCase *tc = tcase_create("csv");
	TCase *tb = tcase_create("bad");
	TCase *tx = tcase_create("xes");
	TCase *tu = tcase_create("parts");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_good_csv);
	tcase_add_test(tc, test_atomic_across_files);
	tcase_add_test(tc, test_duplicate_batch);
	tcase_add_test(tc, test_reimport_fills);
	tcase_add_test(tc, test_received);
	tcase_add_test(tc, test_events_skip_and_order);
	tcase_add_test(tc, test_bad_rows_bounded_and_ordered);
	tcase_add_test(tc, test_timezone);
	tcase_add_test(tc, test_missing_file);
	tcase_add_test(tc, test_stats);
	tcase_add_test(tc, test_migrate_text_layout);
	suite_add_tcase(s, tc);
	tcase_add_checked_fixture(tb, setup, teardown);
	tcase_add_loop_test(tb, test_bad_kind, 0, (int)CF_ARRAY_LEN(kinds));
	tcase_add_test(tb, test_unknown_case_lines);
	suite_add_tcase(s, tb);
	tcase_add_checked_fixture(tx, setup, teardown);
	tcase_add_test(tx, test_xes_good);
	tcase_add_test(tx, test_xes_gzip);
	tcase_add_test(tx, test_xes_attacks);
	tcase_add_test(tx, test_xes_procedure_option);
	suite_add_tcase(s, tx);
	tcase_add_test(tu, test_caseset);
	tcase_add_test(tu, test_caseset_long_ids);
	tcase_add_test(tu, test_attrs_json);
	tcase_add_test(tu, test_materials_norm);
	suite_add_tcase(s, tu);
	return s;
}
