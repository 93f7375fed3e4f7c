/* SPDX-License-Identifier: MIT */
/*
 * check_xes.c - the streaming XES reader (cases/xes.c) on what fuzzing
 * and the hardening of issue 8 found: an attribute without a key, line
 * numbers past libxml2's 16 bits, the bounds on one trace (events and
 * text) that keep memory bounded, logs that are not ASCII-compatible,
 * and bytes after the gzip data.  The import of XES logs as a whole
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

#include <zlib.h>

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

/* A file of n bytes (NULs included), open for reading. */
static int
bytes_fd(const char *name, const void *b, size_t n)
{
	int fd = open(tmp_path(name), O_WRONLY | O_CREAT | O_TRUNC, 0644);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, b, n), (ssize_t)n);
	close(fd);
	fd = open(tmp_path(name), O_RDONLY);
	ck_assert_int_ge(fd, 0);
	return fd;
}

/* The gzip member of s, appended to `out` (a buffer of `size`). */
static size_t
gzip_member(const char *s, unsigned char *out, size_t size)
{
	z_stream z;

	memset(&z, 0, sizeof z);
	ck_assert_int_eq(deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8,
			     Z_DEFAULT_STRATEGY),
	    Z_OK);
	z.next_in = (Bytef *)s;
	z.avail_in = (uInt)strlen(s);
	z.next_out = out;
	z.avail_out = (uInt)size;
	ck_assert_int_eq(deflate(&z, Z_FINISH), Z_STREAM_END);
	size_t n = size - z.avail_out;
	deflateEnd(&z);
	return n;
}

static const char tiny[] = "<log><trace><string key=\"concept:name\" "
			   "value=\"C1\"/><event/></trace></log>\n";

/*
 * A log that does not start ASCII-compatible is refused before libxml2
 * guesses its encoding: UTF-16 without a byte order mark and EBCDIC
 * went through the prolog scan and were read (doc/cases.md).
 */
START_TEST(test_xes_not_ascii_compatible)
{
	static const struct {
		const char *name;
		const char *b;
		size_t n;
	} t[] = {
		{ "utf16le", "<\0l\0o\0g\0/\0>\0", 12 },
		{ "utf16be", "\0<\0l\0o\0g\0/\0>", 12 },
		{ "utf16bom", "\xFF\xFE<\0l\0o\0g\0/\0>\0", 14 },
		{ "utf32le", "<\0\0\0l\0\0\0", 8 },
		{ "ebcdic", "\x4C\x93\x96\x87\x61\x6E", 6 }, /* <log/> */
		{ "bom-then-16", "\xEF\xBB\xBF<\0l\0", 7 },
		{ "nul-in-prolog", "<?xml version=\"1.0\"?>\0<log/>", 28 },
	};
	for (size_t i = 0; i < CF_ARRAY_LEN(t); i++) {
		struct traces tr = { 0 };
		int line, fd = bytes_fd(t[i].name, t[i].b, t[i].n);
		ck_assert_int_eq(cf_xes_read(fd, t[i].name, on_trace, &tr,
				     &line),
		    CF_EINVALID);
		ck_assert_msg(strstr(cf_error_message(),
				  "not an ASCII-compatible encoding"),
		    "%s: %s", t[i].name, cf_error_message());
		ck_assert_int_eq(tr.n, 0);
		close(fd);
	}
	/* a UTF-8 byte order mark, white space: fine */
	struct traces tr = { 0 };
	int line, fd = bytes_fd("bom", "\xEF\xBB\xBF \n<log/>", 11);
	ck_assert_int_eq(cf_xes_read(fd, "bom", on_trace, &tr, &line), 0);
	close(fd);
}
END_TEST

/*
 * gzread ignores what follows the last gzip member: trailing bytes were
 * accepted.  Several members are one gzip file; anything else after
 * the last is refused.
 */
START_TEST(test_xes_gzip_trailing)
{
	unsigned char b[4096];
	size_t half = strlen(tiny) / 2, n;
	char first[256];
	struct traces tr = { 0 };
	int line, fd;

	/* two members: the log cut in two */
	snprintf(first, sizeof first, "%.*s", (int)half, tiny);
	n = gzip_member(first, b, sizeof b);
	n += gzip_member(tiny + half, b + n, sizeof b - n);
	fd = bytes_fd("two.xes.gz", b, n);
	ck_assert_int_eq(cf_xes_read(fd, "two.xes.gz", on_trace, &tr, &line),
	    0);
	ck_assert_int_eq(tr.n, 1);
	close(fd);
	/* one member, then garbage, zeros, or half a magic */
	static const struct {
		const char *b;
		size_t n;
	} tails[] = { { "garbage", 7 }, { "\0\0\0\0", 4 }, { "\x1f", 1 },
		{ "\x1f\x8c", 2 } };
	for (size_t i = 0; i < CF_ARRAY_LEN(tails); i++) {
		char want[128];
		n = gzip_member(tiny, b, sizeof b);
		snprintf(want, sizeof want, "bytes after the end of the gzip "
		    "data (from offset %zu of the file)", n);
		memcpy(b + n, tails[i].b, tails[i].n);
		memset(&tr, 0, sizeof tr);
		fd = bytes_fd("t.xes.gz", b, n + tails[i].n);
		ck_assert_int_eq(cf_xes_read(fd, "t.xes.gz", on_trace, &tr,
				     &line),
		    CF_EINVALID);
		ck_assert_msg(strstr(cf_error_message(), want), "%zu: %s", i,
		    cf_error_message());
		close(fd);
	}
	/* cut short inside the member: damaged, as before */
	n = gzip_member(tiny, b, sizeof b);
	fd = bytes_fd("cut.xes.gz", b, n - 6);
	ck_assert_int_eq(cf_xes_read(fd, "cut.xes.gz", on_trace, &tr, &line),
	    CF_EINVALID);
	ck_assert_msg(strstr(cf_error_message(), "gzip data damaged or cut "
						 "short"),
	    "%s", cf_error_message());
	close(fd);
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
	tcase_add_test(tc, test_xes_not_ascii_compatible);
	tcase_add_test(tc, test_xes_gzip_trailing);
	suite_add_tcase(s, tc);
	/* (a million events and 76 MB of XES, under ASan too) */
	tc = tcase_create("bounds");
	tcase_add_checked_fixture(tc, tmp_setup, tmp_teardown);
	tcase_set_timeout(tc, 600);
	tcase_add_test(tc, test_xes_trace_bound);
	suite_add_tcase(s, tc);
	return s;
}
