/* SPDX-License-Identifier: MIT */
/*
 * check_reader.c - the audit's one-pass reader (cases/reader.c): cases
 * in byte order of their ids, events merged in (instant, seq) order,
 * the period and the procedure glob, the cut at the end of --to (SPEC
 * 4), fields not recorded, the earliest acceptance day, and that it
 * asks SQLite for no sort.  Records come in through the import.
 */
#include "conform.h"
#include "check_suites.h"
#include "check_util.h"
#include "import.h"
#include "reader.h"
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct cf_store *st;
static struct cf_tz *tz;
static struct cf_strv known = CF_STRV_INIT;

static void
setup(void)
{
	tmp_setup();
	ck_assert_int_eq(cf_store_open(&st, tmp_path("db"), CF_STORE_CREATE),
	    0);
	ck_assert_int_eq(cf_tz_open(&tz, "Asia/Shanghai"), 0);
	cf_strv_push(&known, "P-A");
	cf_strv_push(&known, "P-B");
	cf_strv_push(&known, "Q-A");
}

static void
teardown(void)
{
	cf_strv_release(&known);
	cf_tz_free(tz);
	cf_store_free(st);
	tmp_teardown();
}

static void
import(const char *cases, const char *events)
{
	struct cf_import_opts o = { CF_IMPORT_CSV, NULL, &known, "test" };
	struct cf_import_result res;
	char *paths[2] = { (char *)tmp_path("c.csv"),
		(char *)tmp_path("e.csv") };

	write_file(paths[0], cases);
	write_file(paths[1], events);
	ck_assert_int_eq(cf_import_run(st, tz, &o, paths, 2, &res), 0);
	cf_import_result_release(&res);
}

static cf_day
D(const char *s)
{
	cf_day d;

	ck_assert_int_eq(cf_day_parse(&d, s, strlen(s)), 0);
	return d;
}

/* "id:ev1,ev2 id2:..." of every case the reader yields. */
static const char *
walk(const char *glob, const char *from, const char *to)
{
	static char out[4096];
	struct cf_case_reader *r;
	const struct cf_case *c;
	size_t n = 0;
	int rc;

	out[0] = '\0';
	ck_assert_int_eq(cf_case_reader_open(&r, st, tz, glob, D(from), D(to)),
	    0);
	while ((rc = cf_case_reader_next(r, &c)) == 1) {
		n += (size_t)snprintf(out + n, sizeof out - n,
		    "%s%s%s:", n ? " " : "", c->id,
		    c->completed ? "" : "(pending)");
		for (size_t i = 0; i < c->nevents; i++)
			n += (size_t)snprintf(out + n, sizeof out - n, "%s%s",
			    i ? "," : "", c->events[i].activity);
	}
	ck_assert_int_eq(rc, 0);
	cf_case_reader_free(r);
	return out;
}

static const char cases_csv[] =
    "case_id,procedure_id,accepted_at,completed_at,fee_charged,materials,"
    "window,channel\n"
    "b,P-A,2026-03-02 09:00,2026-03-02 10:00,20.5,M1; M2 ;,W01,online\n"
    "B,P-A,2026-03-02 09:00,2026-04-01 00:00,,,,\n"
    "a,P-A,2026-03-02 09:00,2026-03-31 23:59:59.999,0,,W02,\n"
    "\xC3\x81,P-B,2026-03-02 09:00,,,,,\n"
    "q,Q-A,2026-03-02 09:00,,,,,\n"
    "late,P-A,2026-03-31T16:00:00Z,,,,,\n"
    "early,P-A,2026-02-28 23:59:59,,,,,\n";

static const char events_csv[] = "case_id,activity,timestamp,actor,role\n"
				 "b,second,2026-03-02 09:30,x,\n"
				 "b,first,2026-03-02 09:10,x,r\n"
				 "b,tie-1,2026-03-02 09:40,y,r\n"
				 "b,tie-2,2026-03-02T01:40:00Z,,\n"
				 "q,q1,2026-03-02 09:10,,\n"
				 "a,in,2026-03-31 23:59:59.999,,\n"
				 "a,out,2026-04-01 00:00:00,,\n"
				 "B,B1,2026-03-05 10:00,,\n"
				 "late,l1,2026-04-01 00:00:01,,\n";

START_TEST(test_order_merge_and_cut)
{
	import(cases_csv, events_csv);
	/* Bytes order: 'B' < 'a' < 'b' < 'q' < U+00C1; events by instant,
	 * ties in import order; "a" completed in the last millisecond of
	 * March, "B" at midnight after it: pending at the end of --to.
	 * "late" is accepted on April 1st local, "early" in February. */
	ck_assert_str_eq(walk(NULL, "2026-03-01", "2026-03-31"),
	    "B(pending):B1 a:in b:first,second,tie-1,tie-2 q(pending):q1 "
	    "\xC3\x81(pending):");
	/* The same records a day later: B is complete, more is seen. */
	ck_assert_str_eq(walk("*", "2026-03-01", "2026-04-01"),
	    "B:B1 a:in,out b:first,second,tie-1,tie-2 late(pending):l1 "
	    "q(pending):q1 \xC3\x81(pending):");
	/* The glob, between in-scope cases and after them. */
	ck_assert_str_eq(walk("P-A", "2026-03-01", "2026-03-31"),
	    "B(pending):B1 a:in b:first,second,tie-1,tie-2");
	ck_assert_str_eq(walk("P-[B]*", "2026-01-01", "2026-12-31"),
	    "\xC3\x81(pending):");
	ck_assert_str_eq(walk("Q-*", "2026-03-01", "2026-03-31"),
	    "q(pending):q1");
	ck_assert_str_eq(walk(NULL, "2026-02-28", "2026-02-28"),
	    "early(pending):");
	ck_assert_str_eq(walk(NULL, "2027-01-01", "2027-12-31"), "");
}
END_TEST

START_TEST(test_fields)
{
	struct cf_case_reader *r;
	const struct cf_case *c;

	import(cases_csv, events_csv);
	ck_assert_int_eq(cf_case_reader_open(&r, st, tz, "P-A", D("2026-03-02"),
			     D("2026-03-02")),
	    0);
	/* B: nothing but the required fields recorded. */
	ck_assert_int_eq(cf_case_reader_next(r, &c), 1);
	ck_assert_str_eq(c->id, "B");
	ck_assert(!c->fee_recorded);
	ck_assert(c->materials_recorded); /* the column is there, empty */
	ck_assert_uint_eq(c->nmaterials, 0);
	ck_assert_ptr_null(c->window);
	ck_assert_ptr_null(c->channel);
	/* a: a zero fee is a recorded fee. */
	ck_assert_int_eq(cf_case_reader_next(r, &c), 1);
	ck_assert_str_eq(c->id, "a");
	ck_assert(c->fee_recorded);
	ck_assert_int_eq(c->fee_fen, 0);
	ck_assert_str_eq(c->window, "W02");
	ck_assert(!c->completed); /* after the end of 03-02 */
	/* b: everything, materials trimmed and split. */
	ck_assert_int_eq(cf_case_reader_next(r, &c), 1);
	ck_assert_str_eq(c->id, "b");
	ck_assert_str_eq(c->procedure_id, "P-A");
	ck_assert(c->completed);
	ck_assert_int_eq(c->completed_at.sec - c->accepted.sec, 3600);
	ck_assert_int_eq(c->accepted.off_sec, 28800);
	ck_assert_int_eq(c->fee_fen, 2050);
	ck_assert_uint_eq(c->nmaterials, 2);
	ck_assert_str_eq(c->materials[0], "M1");
	ck_assert_str_eq(c->materials[1], "M2");
	ck_assert_str_eq(c->channel, "online");
	ck_assert_uint_eq(c->nevents, 4);
	ck_assert_str_eq(c->events[0].actor, "x");
	ck_assert_str_eq(c->events[0].role, "r");
	ck_assert_ptr_null(c->events[1].role);
	ck_assert_ptr_null(c->events[3].actor);
	ck_assert_int_eq(c->events[2].ts.sec, c->events[3].ts.sec);
	ck_assert_int_eq(cf_case_reader_next(r, &c), 0);
	cf_case_reader_free(r);
}
END_TEST

START_TEST(test_materials_not_recorded)
{
	struct cf_case_reader *r;
	const struct cf_case *c;

	import("case_id,procedure_id,accepted_at\nm,P-A,2026-03-02\n",
	    "case_id,activity,timestamp\n");
	ck_assert_int_eq(cf_case_reader_open(&r, st, tz, NULL, D("2026-03-01"),
			     D("2026-03-31")),
	    0);
	ck_assert_int_eq(cf_case_reader_next(r, &c), 1);
	ck_assert(!c->materials_recorded);
	ck_assert_uint_eq(c->nevents, 0);
	ck_assert_int_eq(cf_case_reader_next(r, &c), 0);
	cf_case_reader_free(r);
}
END_TEST

START_TEST(test_first_day)
{
	cf_day d;

	ck_assert_int_eq(cf_cases_first_day(st, &d), CF_ENOTFOUND);
	import(cases_csv, events_csv);
	ck_assert_int_eq(cf_cases_first_day(st, &d), 0);
	ck_assert_int_eq(d, D("2026-02-28"));
}
END_TEST

START_TEST(test_no_sort_in_the_plan)
{
	/* Both statements must walk a primary key: no temporary b-tree. */
	static const char *const sql[] = {
		"EXPLAIN QUERY PLAN SELECT case_id FROM case_rec WHERE "
		"accepted_day BETWEEN 1 AND 2 ORDER BY case_id",
		"EXPLAIN QUERY PLAN SELECT case_id FROM event_rec WHERE sec < 1 "
		"ORDER BY case_id, sec, nsec, seq",
	};

	for (size_t i = 0; i < CF_ARRAY_LEN(sql); i++) {
		sqlite3_stmt *s;
		ck_assert_int_eq(cf_store_prepare(st, &s, sql[i]), 0);
		while (sqlite3_step(s) == SQLITE_ROW) {
			const char *d = (const char *)sqlite3_column_text(s, 3);
			ck_assert_msg(!strstr(d, "TEMP B-TREE"), "%s", d);
		}
		sqlite3_finalize(s);
	}
}
END_TEST

START_TEST(test_zone_mismatch)
{
	struct cf_case_reader *r;
	struct cf_tz *utc;

	import(cases_csv, events_csv);
	ck_assert_int_eq(cf_tz_open(&utc, "UTC"), 0);
	ck_assert_int_eq(cf_case_reader_open(&r, st, utc, NULL, D("2026-03-01"),
			     D("2026-03-31")),
	    CF_EINVALID);
	ck_assert_ptr_null(r);
	ck_assert(strstr(cf_error_message(), "'Asia/Shanghai'"));
	cf_tz_free(utc);
}
END_TEST

Suite *
reader_suite(void)
{
	Suite *s = suite_create("reader");
	TCase *tc = tcase_create("read");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_order_merge_and_cut);
	tcase_add_test(tc, test_fields);
	tcase_add_test(tc, test_materials_not_recorded);
	tcase_add_test(tc, test_first_day);
	tcase_add_test(tc, test_no_sort_in_the_plan);
	tcase_add_test(tc, test_zone_mismatch);
	suite_add_tcase(s, tc);
	return s;
}
