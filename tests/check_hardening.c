/* SPDX-License-Identifier: MIT */
/*
 * check_hardening.c - regression tests for what fuzzing and the
 * hardening work of issue 8 found (README "Hardening"): each test names
 * the bug it keeps fixed.  The inputs that first showed them are kept
 * in tests/fuzz/regress/ and replayed by tests/cli/fuzz-replay.sh too.
 */
#include "conform.h"
#include "amount.h"
#include "attrs.h"
#include "check_suites.h"
#include "check_util.h"
#include "csv.h"
#include "date.h"
#include "text.h"
#include "xes.h"
#include "checks.h"
#include "document.h"
#include "import.h"
#include "reader.h"
#include "store.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/*
 * The tests of size limits (a million rows, 60 MB of XES) skip
 * themselves under `make valgrind` (CONFORM_VALGRIND): there they would
 * take most of an hour, and make check runs them, natively and under
 * ASan and UBSan.
 */
#define SKIP_UNDER_VALGRIND()                                                  \
	do {                                                                   \
		if (getenv("CONFORM_VALGRIND")) {                              \
			mark_point();                                          \
			return;                                                \
		}                                                              \
	} while (0)

/* True when s is one line of UTF-8 without control bytes. */
static bool
one_line_utf8(const char *s)
{
	return cf_text_printable(s, strlen(s));
}

/*
 * Errors quote their input: a field with a line break or bytes that are
 * not UTF-8 made a message of several lines, or one that is not UTF-8
 * (fuzz-time, fuzz-amount: "invalid amount '\xBA'").
 */
START_TEST(test_messages_one_line_utf8)
{
	struct cf_diags d = CF_DIAGS_INIT;
	int64_t fen;
	cf_day day;

	cf_error_set(CF_EINVALID, "unknown procedure_id '%s'", "P\nX\r\t\x01");
	ck_assert_str_eq(cf_error_message(),
	    "unknown procedure_id 'P\\nX\\r\\t\\x01'");
	ck_assert_int_eq(cf_amount_parse(&fen, "\xBA", 1), CF_EINVALID);
	ck_assert(one_line_utf8(cf_error_message()));
	ck_assert(strstr(cf_error_message(), "'\\xBA'"));
	/* A long value is cut at a character, not inside one. */
	const char *zh =
	    "2026-03-02 上午九点一刻左右受理的申请件号码为一二三四";
	ck_assert_int_eq(cf_time_parse(&(struct cf_time){ 0 }, zh, strlen(zh),
			     NULL),
	    CF_EINVALID);
	ck_assert(one_line_utf8(cf_error_message()));
	ck_assert(strstr(cf_error_message(), "\\x") == NULL);
	ck_assert_int_eq(cf_day_parse(&day, zh, strlen(zh)), CF_EINVALID);
	ck_assert(one_line_utf8(cf_error_message()));
	/* Escaping makes a message longer: still cut at a character. */
	struct cf_buf lng = CF_BUF_INIT;
	for (int i = 0; i < 301; i++)
		cf_buf_adds(&lng, "\n");
	for (int i = 0; i < 300; i++)
		cf_buf_adds(&lng, "中");
	for (int pad = 0; pad < 3; pad++) {
		cf_error_set(CF_EINVALID, "%.*s%s", pad, "xx", lng.s);
		ck_assert(one_line_utf8(cf_error_message()));
	}
	cf_buf_release(&lng);
	/* Diagnostics: the message and the file name as printed. */
	cf_diags_add(&d, "a\nb.csv", 3, 0, "bad '%s'", "x\ny\xff");
	char *s = cf_diag_format(&d.v[0]);
	ck_assert_str_eq(s, "a\\nb.csv:3: bad 'x\\ny\\xFF'");
	free(s);
	/* Chinese text passes through untouched. */
	cf_diags_add(&d, "程序.xml", 1, 0, "标题 '%s'", "企业设立登记");
	s = cf_diag_format(&d.v[1]);
	ck_assert_str_eq(s, "程序.xml:1: 标题 '企业设立登记'");
	free(s);
	cf_diags_release(&d);
	cf_error_clear();
}
END_TEST

static int
fd_of(const char *name, const char *text)
{
	int fd;

	write_file(tmp_path(name), text);
	fd = open(tmp_path(name), O_RDONLY);
	ck_assert_int_ge(fd, 0);
	return fd;
}

/*
 * After a bad record the reader skips to the next line; with old Mac
 * line ends (a lone CR) it skipped to the end of the file, so later
 * records were never read and their problems never reported.
 */
START_TEST(test_csv_resume_after_lone_cr)
{
	struct cf_csv *c;
	int fd = fd_of("cr.csv", "h1,h2\rbad\"q,1\rok,2\r\"x\"y,3\rlast,4\r");

	cf_csv_open_fd(&c, fd, "cr.csv");
	ck_assert_int_eq(cf_csv_next(c), 1);
	ck_assert_int_eq(cf_csv_next(c), CF_EINVALID);
	ck_assert_int_eq(cf_csv_line(c), 2);
	ck_assert_int_eq(cf_csv_next(c), 1);
	ck_assert_int_eq(cf_csv_line(c), 3);
	ck_assert_str_eq(cf_csv_value(c, 0, NULL), "ok");
	ck_assert_int_eq(cf_csv_next(c), CF_EINVALID);
	ck_assert_int_eq(cf_csv_line(c), 4);
	ck_assert_int_eq(cf_csv_next(c), 1);
	ck_assert_int_eq(cf_csv_line(c), 5);
	ck_assert_str_eq(cf_csv_value(c, 0, NULL), "last");
	ck_assert_int_eq(cf_csv_next(c), 0);
	cf_csv_free(c);
	close(fd);
}
END_TEST

/*
 * A log may itself name a key "k[3]"; the third "k" became "k[3]" as
 * well, and a JSON object with a key twice loses one value.  And keys
 * were looked for in a list: an event of a million attributes took
 * hours; now a hash set (a second, with ASan).
 */
START_TEST(test_attrs_keys_unique)
{
	struct cf_attrs a = CF_ATTRS_INIT, z;
	time_t t0 = time(NULL);

	cf_attrs_add(&a, "k[3]", 4, "given", 5);
	cf_attrs_add(&a, "k", 1, "1", 1);
	cf_attrs_add(&a, "k", 1, "2", 1);
	cf_attrs_add(&a, "k", 1, "3", 1);
	cf_attrs_add(&a, "k[2]", 4, "x", 1);
	ck_assert_str_eq(cf_attrs_json(&a),
	    "{\"k[3]\":\"given\",\"k\":\"1\",\"k[2]\":\"2\",\"k[4]\":\"3\","
	    "\"k[2][2]\":\"x\"}");
	cf_attrs_release(&a);
	/* A zeroed struct works as CF_ATTRS_INIT does (the readers'). */
	memset(&z, 0, sizeof z);
	for (int i = 0; i < 1000000; i++) {
		char k[16];
		int n = snprintf(k, sizeof k, "k%d", i % 500000);
		cf_attrs_add(&z, k, (size_t)n, "v", 1);
	}
	ck_assert(strstr(cf_attrs_json(&z), "\"k499999[2]\":\"v\"}"));
	cf_attrs_reset(&z);
	cf_attrs_add(&z, "k0", 2, "w", 1);
	ck_assert_str_eq(cf_attrs_json(&z), "{\"k0\":\"w\"}");
	cf_attrs_release(&z);
	ck_assert_int_lt(time(NULL) - t0, 30);
}
END_TEST

struct traces {
	int n;
	char id[64];
	char attrs[256];
	size_t events;
	int last_line;
};

static int
on_trace(const struct cf_xes_trace *t, void *payload)
{
	struct traces *tr = payload;

	tr->n++;
	snprintf(tr->id, sizeof tr->id, "%s", t->id ? t->id : "(none)");
	snprintf(tr->attrs, sizeof tr->attrs, "%s", t->attrs ? t->attrs : "");
	tr->events += t->nevents;
	if (t->nevents)
		tr->last_line = t->events[t->nevents - 1].line;
	return 0;
}

/*
 * An XES attribute element without a key, before any with one, made
 * the import read a NULL key: conform crashed (SIGSEGV) on such a log
 * (fuzz-xes; tests/fuzz/regress/xes/keyless-attribute.xes).
 */
START_TEST(test_xes_keyless_attribute)
{
	struct traces tr = { 0 };
	int line,
	    fd = fd_of("k.xes",
		"<log><trace><string value=\"x\"/>"
		"<string key=\"concept:name\" value=\"C1\"/>"
		"<event><int value=\"7\"/>"
		"<string key=\"concept:name\" value=\"accept\"/>"
		"</event></trace></log>");

	ck_assert_int_eq(cf_xes_read(fd, "k.xes", on_trace, &tr, &line), 0);
	ck_assert_int_eq(tr.n, 1);
	ck_assert_str_eq(tr.id, "C1");
	ck_assert_str_eq(tr.attrs, "{\"\":\"x\"}");
	ck_assert_uint_eq(tr.events, 1);
	close(fd);
}
END_TEST

/*
 * libxml2 2.9 keeps an element's line in 16 bits: every XES problem
 * past line 65535 was reported at line 65535.
 */
START_TEST(test_xes_lines_past_65535)
{
	struct traces tr = { 0 };
	FILE *f = fopen(tmp_path("lines.xes"), "w");
	int line, fd;

	ck_assert_ptr_nonnull(f);
	fputs("<log>\n<trace><string key=\"concept:name\" value=\"L\"/>\n", f);
	for (int i = 0; i < 70000; i++)
		fputs("<event><string key=\"concept:name\" value=\"a\"/>"
		      "</event>\n",
		    f);
	fputs("</trace></log>\n", f);
	ck_assert_int_eq(fclose(f), 0);
	fd = open(tmp_path("lines.xes"), O_RDONLY);
	ck_assert_int_eq(cf_xes_read(fd, "lines.xes", on_trace, &tr, &line), 0);
	ck_assert_uint_eq(tr.events, 70000);
	/* The last event is on line 70002; the parser may be ahead. */
	ck_assert_int_ge(tr.last_line, 70002);
	ck_assert_int_le(tr.last_line, 70002 + 20);
	close(fd);
}
END_TEST

/*
 * A timestamp near the ends of the calendar had a local date of year 0
 * or 10000, stored as "0000-01-01 ..." - a date nothing reads back
 * (fuzz-time: '9999-12-31T23:59:59-18:00').
 */
START_TEST(test_time_range)
{
	struct cf_tz *utc;
	struct cf_time t;

	ck_assert_int_eq(cf_tz_open(&utc, "UTC"), 0);
	ck_assert_int_eq(cf_time_parse(&t, "9999-12-31T23:59:59-18:00", 25,
			     utc),
	    CF_EINVALID);
	ck_assert(strstr(cf_error_message(), "out of range"));
	ck_assert_int_eq(cf_time_parse(&t, "0001-01-01T00:00+01:00", 22, utc),
	    CF_EINVALID);
	ck_assert_int_eq(cf_time_parse(&t, "0001-01-02", 10, utc), 0);
	ck_assert_int_eq(cf_time_parse(&t, "9999-12-30T23:59:59Z", 20, utc), 0);
	ck_assert_int_eq(cf_time_parse(&t, "2026-03-02T09:15:00+08:00", 25,
			     utc),
	    0);
	cf_tz_free(utc);
	cf_error_clear();
}
END_TEST

/*
 * Memory holds one XES trace: a trace of more than CF_XES_MAX_EVENTS
 * events is refused where it goes past the bound, not read until
 * memory runs out (10 million events in one trace took 1.7 GB).
 */
START_TEST(test_xes_trace_bound)
{
	SKIP_UNDER_VALGRIND(); /* (before anything is allocated) */
	struct traces tr = { 0 };
	const char *ev = "<event><string key=\"concept:name\" value=\"a\"/>"
			 "</event>\n";
	FILE *f = fopen(tmp_path("long.xes"), "w");
	int line, fd;

	ck_assert_ptr_nonnull(f);
	fputs("<log>\n<trace><string key=\"concept:name\" value=\"L\"/>\n", f);
	for (long i = 0; i < CF_XES_MAX_EVENTS + 10L; i++)
		fputs(ev, f);
	fputs("</trace></log>\n", f);
	ck_assert_int_eq(fclose(f), 0);
	fd = open(tmp_path("long.xes"), O_RDONLY);
	ck_assert_int_eq(cf_xes_read(fd, "long.xes", on_trace, &tr, &line),
	    CF_EINVALID);
	ck_assert_int_eq(tr.n, 0);
	/* (past line 65535, libxml2 2.9 knows the parser's line only: a
	 * few lines ahead at most) */
	ck_assert_int_ge(line, CF_XES_MAX_EVENTS + 3);
	ck_assert_int_le(line, CF_XES_MAX_EVENTS + 3 + 20);
	ck_assert(strstr(cf_error_message(),
	    "the trace of line 2 has more than 1000000 events"));
	close(fd);

	/* And at most 64 MiB of text: eight values of 9.5 MB (libxml2
	 * refuses one of 10 MB or more). */
	char *big = cf_xmalloc(9500001);
	memset(big, 'v', 9500000);
	big[9500000] = '\0';
	f = fopen(tmp_path("wide.xes"), "w");
	fputs("<log>\n<trace><string key=\"concept:name\" value=\"W\"/>\n", f);
	for (int i = 0; i < 8; i++)
		fprintf(f, "<string key=\"k%d\" value=\"%s\"/>\n", i, big);
	fputs("<event><string key=\"concept:name\" value=\"a\"/></event>\n"
	      "</trace></log>\n",
	    f);
	ck_assert_int_eq(fclose(f), 0);
	free(big);
	fd = open(tmp_path("wide.xes"), O_RDONLY);
	tr.n = 0;
	ck_assert_int_eq(cf_xes_read(fd, "wide.xes", on_trace, &tr, &line),
	    CF_EINVALID);
	ck_assert_int_eq(tr.n, 0);
	ck_assert(strstr(cf_error_message(),
	    "the trace of line 2 holds more than 64 MiB of text"));
	close(fd);
	cf_error_clear();
}
END_TEST

/* A procedure of two steps, the second not by the first's actor. */
static struct cf_step two_steps[2] = {
	{ .id = (char *)"review", .activity = (char *)"review", .nsa = -1 },
	{ .id = (char *)"approve",
	    .activity = (char *)"approve",
	    .not_same_actor_as = (char *)"review",
	    .nsa = 0 },
};

/*
 * four-eyes compared every event with every other: a case of 200,000
 * events took hours (n^2); now each step's actors are sorted once.
 */
START_TEST(test_four_eyes_many_events)
{
	SKIP_UNDER_VALGRIND(); /* (before anything is allocated) */
	struct cf_procedure p = { 0 };
	struct cf_audit_env env = { 0 };
	struct cf_case c = { 0 };
	struct cf_verdict v;
	size_t n = 200000;
	struct cf_event *ev = cf_xcalloc(n, sizeof *ev);
	char(*names)[16] = cf_xcalloc(n, sizeof *names);
	time_t t0 = time(NULL);

	p.id = (char *)"P";
	p.steps = two_steps;
	p.nsteps = 2;
	for (size_t i = 0; i < n; i++) {
		ev[i].activity = i % 2 ? "approve" : "review";
		snprintf(names[i], sizeof names[i], "%c%zu", i % 2 ? 'b' : 'a',
		    i / 2);
		ev[i].actor = names[i];
	}
	c.id = "C";
	c.procedure_id = "P";
	c.completed = true;
	c.events = ev;
	c.nevents = n;
	env.to = cf_day_from_ymd(2026, 12, 31);
	ck_assert_int_eq(cf_tz_open(&env.tz, "UTC"), 0);
	cf_check_four_eyes(&env, &c, &p, &v);
	ck_assert_int_eq(v.result, CF_RESULT_PASS);
	/* The last approval by the first reviewer: found, and named. */
	ev[n - 1].actor = names[0];
	cf_check_four_eyes(&env, &c, &p, &v);
	ck_assert_int_eq(v.result, CF_RESULT_FAIL);
	ck_assert_str_eq(v.detail, "actor a0 did review and approve");
	ck_assert_int_lt(time(NULL) - t0, 10);
	cf_tz_free(env.tz);
	free(ev);
	free(names);
}
END_TEST

/*
 * The audit held every event of a case in memory: a case with ten
 * million events (a CSV can bring them) took a gigabyte.  It holds at
 * most CF_CASE_MAX_EVENTS, and the checks that read events say so.
 */
START_TEST(test_reader_event_bound)
{
	SKIP_UNDER_VALGRIND(); /* (before anything is allocated) */
	struct cf_store *st;
	struct cf_tz *tz;
	struct cf_case_reader *r;
	const struct cf_case *c;
	sqlite3_stmt *s;
	struct cf_procedure p = { 0 };
	struct cf_audit_env env = { 0 };
	struct cf_verdict v;
	cf_day day = cf_day_from_ymd(2026, 3, 2);
	int64_t sec = (int64_t)day * 86400;

	ck_assert_int_eq(cf_store_open(&st, tmp_path("db"), CF_STORE_CREATE),
	    0);
	ck_assert_int_eq(cf_tz_open(&tz, "UTC"), 0);
	ck_assert_int_eq(cf_store_begin(st), 0);
	ck_assert_int_eq(cf_store_exec(st,
			     "INSERT INTO import_batch VALUES (1, 'f', "
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
		ck_assert_int_eq(cf_store_exec(st, sql), 0);
		free(sql);
	}
	ck_assert_int_eq(cf_store_prepare(st, &s,
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
	ck_assert_int_eq(cf_store_commit(st), 0);

	p.id = (char *)"P";
	p.steps = two_steps;
	p.nsteps = 2;
	env.to = day;
	env.tz = tz;
	ck_assert_int_eq(cf_case_reader_open(&r, st, tz, NULL, day, day), 0);
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
	cf_tz_free(tz);
	cf_store_free(st);
}
END_TEST

Suite *
hardening_suite(void)
{
	Suite *s = suite_create("hardening");
	TCase *tc = tcase_create("regressions");

	tcase_add_checked_fixture(tc, tmp_setup, tmp_teardown);
	/* (a million rows, under ASan and valgrind too) */
	tcase_set_timeout(tc, 600);
	tcase_add_test(tc, test_messages_one_line_utf8);
	tcase_add_test(tc, test_csv_resume_after_lone_cr);
	tcase_add_test(tc, test_attrs_keys_unique);
	tcase_add_test(tc, test_xes_keyless_attribute);
	tcase_add_test(tc, test_time_range);
	tcase_add_test(tc, test_xes_lines_past_65535);
	tcase_add_test(tc, test_xes_trace_bound);
	tcase_add_test(tc, test_four_eyes_many_events);
	tcase_add_test(tc, test_reader_event_bound);
	suite_add_tcase(s, tc);
	return s;
}
