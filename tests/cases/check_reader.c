/* SPDX-License-Identifier: MIT */
/*
 * check_reader.c - the audit's one-pass reader (cases/reader.c): cases
 * in byte order of their ids, events merged in (instant, seq) order,
 * the period and the procedure glob, the cut at the end of --to
 * (doc/working-days.md), fields not recorded, the earliest acceptance day, and
 * that it asks SQLite for no sort, reading as of a batch with the import
 * times.  Records come in through the import.
 */
#include "conform.h"
#include "check_suites.h"
#include "check_util.h"
#include "checks.h"
#include "document.h"
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
	struct cf_import_opts o = { .format = CF_IMPORT_CSV, .procedure = NULL,
	    .known = &known, .actor = "test" };
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

/* The first case's receipt, read plainly or as of a batch. */
static const struct cf_case *
first_case(struct cf_case_reader **r, int64_t as_of)
{
	struct cf_case_reader_opts o = { .as_of = as_of, .imports = true };
	const struct cf_case *c;

	ck_assert_int_eq(cf_case_reader_open_with(r, st, tz, NULL,
			     D("2026-03-01"), D("2026-03-31"), &o),
	    0);
	ck_assert_int_eq(cf_case_reader_next(*r, &c), 1);
	return c;
}

/*
 * received_at (doc/cases.md): read with its fraction and offset, not
 * recorded when empty, and filled by a later import, which a reader as
 * of the earlier batch does not see.
 */
START_TEST(test_received)
{
	struct cf_case_reader *r;
	const struct cf_case *c;

	import("case_id,procedure_id,accepted_at,received_at\n"
	       "N,P-A,2026-03-02 09:00,\n"
	       "R,P-A,2026-03-02 09:00,2026-02-27 16:30:00.25\n",
	    "case_id,activity,timestamp\n");
	ck_assert_int_eq(cf_case_reader_open(&r, st, tz, NULL, D("2026-03-01"),
			     D("2026-03-31")),
	    0);
	ck_assert_int_eq(cf_case_reader_next(r, &c), 1);
	ck_assert_str_eq(c->id, "N");
	ck_assert(!c->received);
	ck_assert_int_eq(cf_case_reader_next(r, &c), 1);
	ck_assert_str_eq(c->id, "R");
	ck_assert(c->received);
	ck_assert_int_eq(c->accepted.sec - c->received_at.sec,
	    2 * 86400 + 16 * 3600 + 30 * 60);
	ck_assert_int_eq(c->received_at.nsec, 250000000);
	ck_assert_int_eq(c->received_at.off_sec, 28800);
	ck_assert(c->received_at.has_off);
	ck_assert_int_eq(cf_case_reader_next(r, &c), 0);
	cf_case_reader_free(r);

	import("case_id,procedure_id,accepted_at,received_at\n"
	       "N,P-A,2026-03-02 09:00,2026-03-02 08:00+08:00\n",
	    "case_id,activity,timestamp,actor\n");
	c = first_case(&r, -1);
	ck_assert(c->received);
	ck_assert_int_eq(c->accepted.sec - c->received_at.sec, 3600);
	cf_case_reader_free(r);
	c = first_case(&r, 2);
	ck_assert_str_eq(c->id, "N");
	ck_assert(!c->received);
	cf_case_reader_free(r);
	c = first_case(&r, 4);
	ck_assert(c->received);
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

/* A procedure of two steps, the second not by the first's actor. */
static struct cf_step review_approve[2] = {
	{ .id = (char *)"review", .activity = (char *)"review", .nsa = -1 },
	{ .id = (char *)"approve",
	    .activity = (char *)"approve",
	    .not_same_actor_as = (char *)"review",
	    .nsa = 0 },
};

/*
 * The audit held every event of a case in memory: a case with ten
 * million events (a CSV can bring them) took a gigabyte.  It holds at
 * most CF_CASE_MAX_EVENTS, and the checks that read events say so.
 */
START_TEST(test_reader_event_bound)
{
	SKIP_UNDER_VALGRIND(); /* (before anything is allocated) */
	struct cf_store *big;
	struct cf_tz *utc;
	struct cf_case_reader *r;
	const struct cf_case *c;
	sqlite3_stmt *s;
	struct cf_procedure p = { 0 };
	struct cf_audit_env env = { 0 };
	struct cf_verdict v;
	cf_day day = cf_day_from_ymd(2026, 3, 2);
	int64_t sec = (int64_t)day * 86400;

	ck_assert_int_eq(cf_store_open(&big, tmp_path("db"), CF_STORE_CREATE),
	    0);
	ck_assert_int_eq(cf_tz_open(&utc, "UTC"), 0);
	ck_assert_int_eq(cf_store_begin(big), 0);
	ck_assert_int_eq(cf_store_exec(big,
			     "INSERT INTO import_batch (batch_id, file, sha256, "
			     "bytes, format, rows, traces, empty_traces, "
			     "cases_new, cases_updated, events_new, "
			     "events_skipped, seq_first, seq_end, imported_at, "
			     "timezone) VALUES (1, 'f', "
			     "printf('%064d', 0), 0, 'events-csv', 0, 0, 0, 0, "
			     "0, 0, 0, 0, 0, 0, 'UTC')"),
	    0);
	for (int k = 0; k < 2; k++) {
		char *sql = cf_xasprintf(
		    "INSERT INTO case_rec (case_id, procedure_id, accepted_sec, "
		    "accepted_nsec, accepted_off, accepted_wall, accepted_day, "
		    "completed_sec, completed_nsec, completed_off, "
		    "completed_wall, completed_day, batch_id, line) VALUES "
		    "('%s', 'P', %lld, 0, 0, %lld, %d, %lld, 0, 0, %lld, %d, "
		    "1, 1)",
		    k ? "SMALL" : "BIG", (long long)sec, (long long)sec, day,
		    (long long)sec + 36000, (long long)sec + 36000, day);
		ck_assert_int_eq(cf_store_exec(big, sql), 0);
		free(sql);
	}
	ck_assert_int_eq(cf_store_prepare(big, &s,
			     "INSERT INTO event_rec VALUES (?1, ?2, 0, ?3, 0, "
			     "?2, ?4, 'r', NULL, NULL, 1, 1)"),
	    0);
	for (long i = 0; i < CF_CASE_MAX_EVENTS + 2L; i++) {
		sqlite3_bind_text(s, 1, "BIG", -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 2, sec + i % 30000);
		sqlite3_bind_int64(s, 3, i);
		sqlite3_bind_text(s, 4, i % 2 ? "approve" : "review", -1,
		    SQLITE_STATIC);
		ck_assert_int_eq(sqlite3_step(s), SQLITE_DONE);
		sqlite3_reset(s);
	}
	sqlite3_bind_text(s, 1, "SMALL", -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, sec);
	sqlite3_bind_int64(s, 3, CF_CASE_MAX_EVENTS + 5L);
	sqlite3_bind_text(s, 4, "review", -1, SQLITE_STATIC);
	ck_assert_int_eq(sqlite3_step(s), SQLITE_DONE);
	sqlite3_finalize(s);
	ck_assert_int_eq(cf_store_commit(big), 0);

	p.id = (char *)"P";
	p.steps = review_approve;
	p.nsteps = 2;
	env.to = day;
	env.tz = utc;
	ck_assert_int_eq(cf_case_reader_open(&r, big, utc, NULL, day, day), 0);
	ck_assert_int_eq(cf_case_reader_next(r, &c), 1);
	ck_assert_str_eq(c->id, "BIG");
	ck_assert_uint_eq(c->nevents, 0);
	ck_assert_uint_eq(c->events_over, CF_CASE_MAX_EVENTS + 2);
	cf_check_steps(&env, c, &p, &v);
	ck_assert_int_eq(v.result, CF_RESULT_ERROR);
	ck_assert_str_eq(v.detail,
	    "1000002 events recorded, more than the "
	    "1000000 an audit holds of one case; not "
	    "judged");
	cf_check_four_eyes(&env, c, &p, &v);
	ck_assert_int_eq(v.result, CF_RESULT_ERROR);
	cf_check_roles(&env, c, &p, &v);
	ck_assert_int_eq(v.result, CF_RESULT_ERROR);
	/* The next case is read whole, as ever. */
	ck_assert_int_eq(cf_case_reader_next(r, &c), 1);
	ck_assert_str_eq(c->id, "SMALL");
	ck_assert_uint_eq(c->nevents, 1);
	ck_assert_uint_eq(c->events_over, 0);
	ck_assert_str_eq(c->events[0].activity, "review");
	ck_assert_int_eq(cf_case_reader_next(r, &c), 0);
	cf_case_reader_free(r);
	cf_tz_free(utc);
	cf_store_free(big);
}
END_TEST

/* "id:ev1,ev2" as of batch `as_of` with the import times: a completion
 * imported at 1 is written "@1", an event "ev@1" (times are 1, 2, ...
 * for the test's clock). */
static const char *
walk_as_of(int64_t as_of, const char *from, const char *to)
{
	static char out[4096];
	struct cf_case_reader_opts o = { .as_of = as_of, .imports = true };
	struct cf_case_reader *r;
	const struct cf_case *c;
	size_t n = 0;
	int rc;

	out[0] = '\0';
	ck_assert_int_eq(cf_case_reader_open_with(&r, st, tz, NULL, D(from),
			     D(to), &o),
	    0);
	while ((rc = cf_case_reader_next(r, &c)) == 1) {
		n += (size_t)snprintf(out + n, sizeof out - n, "%s%s",
		    n ? " " : "", c->id);
		if (c->completed)
			n += (size_t)snprintf(out + n, sizeof out - n, "@%lld",
			    (long long)(c->completed_imported - 1767225600) /
				86400);
		else
			n += (size_t)snprintf(out + n, sizeof out - n,
			    "(pending)");
		n += (size_t)snprintf(out + n, sizeof out - n, ":");
		for (size_t i = 0; i < c->nevents; i++)
			n += (size_t)snprintf(out + n, sizeof out - n,
			    "%s%s@%lld", i ? "," : "", c->events[i].activity,
			    (long long)(c->events[i].imported - 1767225600) /
				86400);
	}
	ck_assert_int_eq(rc, 0);
	cf_case_reader_free(r);
	return out;
}

START_TEST(test_as_of_and_import_times)
{
	struct cf_strv ids = CF_STRV_INIT, sha = CF_STRV_INIT,
		       files = CF_STRV_INIT;
	int64_t last;

	/* Batches 1 and 2 on day 10 (from 2026-01-01), 3 and 4 on day 20. */
	clock_set(1767225600 + 10 * 86400);
	import("case_id,procedure_id,accepted_at,completed_at,fee_charged,"
	       "materials,window,channel\n"
	       "X,P-A,2026-03-02 09:00,,,,,\n"
	       "Y,P-A,2026-03-02 09:00,2026-03-03 09:00,,,,\n",
	    "case_id,activity,timestamp,actor,role\n"
	    "X,accept,2026-03-02 09:00,,\n"
	    "Y,accept,2026-03-02 09:00,,\n");
	clock_set(1767225600 + 20 * 86400);
	import("case_id,procedure_id,accepted_at,completed_at,fee_charged,"
	       "materials,window,channel\n"
	       "X,P-A,2026-03-02 09:00,2026-03-04 09:00,50,M1,,\n"
	       "Z,P-A,2026-03-03 09:00,,,,,\n",
	    "case_id,activity,timestamp,actor,role\n"
	    "X,review,2026-03-03 09:00,,\n"
	    "Z,accept,2026-03-03 09:00,,\n");
	clock_release();
	ck_assert_int_eq(cf_cases_last_batch(st, &last), 0);
	ck_assert_int_eq(last, 4);
	/* As of batch 2: X as batch 1 left it (the state in case_hist),
	 * without the later event; no Z. */
	ck_assert_str_eq(walk_as_of(2, "2026-03-01", "2026-03-31"),
	    "X(pending):accept@10 Y@10:accept@10");
	/* As of 4 (and every record): X's completion came with batch 3. */
	ck_assert_str_eq(walk_as_of(4, "2026-03-01", "2026-03-31"),
	    "X@20:accept@10,review@20 Y@10:accept@10 Z(pending):accept@20");
	char *all = cf_xstrdup(walk_as_of(-1, "2026-03-01", "2026-03-31"));
	ck_assert_str_eq(all, walk_as_of(4, "2026-03-01", "2026-03-31"));
	free(all);
	/* As of batch 0: nothing. */
	ck_assert_str_eq(walk_as_of(0, "2026-03-01", "2026-03-31"), "");
	ck_assert_int_eq(cf_cases_ids(st, NULL, D("2026-03-01"),
			     D("2026-03-31"), 2, &ids),
	    0);
	ck_assert_uint_eq(ids.n, 2);
	ck_assert_int_eq(cf_cases_batches(st, 3, &sha, &files), 0);
	ck_assert_uint_eq(sha.n, 3);
	cf_strv_release(&ids);
	cf_strv_release(&sha);
	cf_strv_release(&files);
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
	tcase_add_test(tc, test_received);
	tcase_add_test(tc, test_first_day);
	tcase_add_test(tc, test_no_sort_in_the_plan);
	tcase_add_test(tc, test_zone_mismatch);
	tcase_add_test(tc, test_as_of_and_import_times);
	suite_add_tcase(s, tc);
	/* (a million events written to SQLite, under ASan too) */
	tc = tcase_create("bounds");
	tcase_add_checked_fixture(tc, tmp_setup, tmp_teardown);
	tcase_set_timeout(tc, 600);
	tcase_add_test(tc, test_reader_event_bound);
	suite_add_tcase(s, tc);
	return s;
}
