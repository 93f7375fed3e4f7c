/* SPDX-License-Identifier: MIT */
/*
 * check_xes.c - the streaming XES reader (cases/xes.c) on what fuzzing
 * and the hardening of issue 8 found: an attribute without a key, line
 * numbers past libxml2's 16 bits, and the bounds on one trace (events
 * and text) that keep memory bounded.  The import of XES logs as a whole
 * is tested in check_import.c.
 */
#include "conform.h"
#include "check_suites.h"
#include "check_util.h"
#include "xes.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
	    fd = tmp_fd("k.xes",
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

Suite *
xes_suite(void)
{
	Suite *s = suite_create("xes");
	TCase *tc = tcase_create("read");

	tcase_add_checked_fixture(tc, tmp_setup, tmp_teardown);
	tcase_add_test(tc, test_xes_keyless_attribute);
	tcase_add_test(tc, test_xes_lines_past_65535);
	suite_add_tcase(s, tc);
	/* (a million events and 76 MB of XES, under ASan too) */
	tc = tcase_create("bounds");
	tcase_add_checked_fixture(tc, tmp_setup, tmp_teardown);
	tcase_set_timeout(tc, 600);
	tcase_add_test(tc, test_xes_trace_bound);
	suite_add_tcase(s, tc);
	return s;
}
