/* SPDX-License-Identifier: MIT */
/*
 * check_csv.c - the streaming CSV reader (core/csv.c): RFC 4180 quoting,
 * BOM, line ends, empty lines, physical line numbers, every refusal with
 * its line, reading on after a bad record, records across the 256 KiB
 * block boundary, the 1 MiB record limit, and read errors (CF_ERROR,
 * exit 4, naming the file: not "not found").
 */
#include "conform.h"
#include "check_suites.h"
#include "check_util.h"
#include "csv.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static struct cf_csv *
open_text(const char *text, size_t len)
{
	struct cf_csv *c;
	FILE *f = fopen(tmp_path("t.csv"), "wb");

	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(text, 1, len, f), len);
	ck_assert_int_eq(fclose(f), 0);
	ck_assert_int_eq(cf_csv_open(&c, tmp_path("t.csv")), 0);
	return c;
}

#define OPEN(s) open_text((s), sizeof(s) - 1)

static void
expect_fields(struct cf_csv *c, int line, size_t n, const char *const *want)
{
	ck_assert_int_eq(cf_csv_next(c), 1);
	ck_assert_int_eq(cf_csv_line(c), line);
	ck_assert_uint_eq(cf_csv_count(c), n);
	for (size_t i = 0; i < n; i++) {
		size_t len;
		const char *v = cf_csv_value(c, i, &len);
		ck_assert_str_eq(v, want[i]);
		ck_assert_uint_eq(len, strlen(want[i]));
	}
}

START_TEST(test_quoting)
{
	struct cf_csv *c = OPEN("a,b,c\n"
				"\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n"
				"\"\",,\n"
				"last,row,\"\"\"\"");

	expect_fields(c, 1, 3, (const char *[]){ "a", "b", "c" });
	expect_fields(c, 2, 3,
	    (const char *[]){ "x, y", "say \"hi\"", "two\nlines" });
	expect_fields(c, 4, 3, (const char *[]){ "", "", "" });
	expect_fields(c, 5, 3, (const char *[]){ "last", "row", "\"" });
	ck_assert_int_eq(cf_csv_next(c), 0);
	ck_assert_int_eq(cf_csv_next(c), 0);
	cf_csv_free(c);
}
END_TEST

START_TEST(test_bom_line_ends_empty_lines)
{
	/* BOM, CRLF, a lone CR, empty lines, CRLF inside quotes. */
	struct cf_csv *c = OPEN("\xEF\xBB\xBF"
				"id,名称\r\n"
				"\r\n"
				"1,\"甲\r\n乙\"\r\n"
				"2,丙\r"
				"3,丁\n\n\n");

	expect_fields(c, 1, 2, (const char *[]){ "id", "名称" });
	expect_fields(c, 3, 2, (const char *[]){ "1", "甲\r\n乙" });
	expect_fields(c, 5, 2, (const char *[]){ "2", "丙" });
	expect_fields(c, 6, 2, (const char *[]){ "3", "丁" });
	ck_assert_int_eq(cf_csv_next(c), 0);
	cf_csv_free(c);
}
END_TEST

START_TEST(test_bom_only_at_start)
{
	/* A BOM elsewhere is data, and stays. */
	struct cf_csv *c = OPEN("a\n\xEF\xBB\xBFx\n");

	expect_fields(c, 1, 1, (const char *[]){ "a" });
	expect_fields(c, 2, 1, (const char *[]){ "\xEF\xBB\xBFx" });
	cf_csv_free(c);
}
END_TEST

START_TEST(test_refusals_and_resume)
{
	struct cf_csv *c = OPEN("h1,h2\n"
				"ok,1\n"
				"bad\"quote,2\n"
				"\"closed\"x,3\n"
				"w\xff,4\n"
				"nul\x00z,5\n"
				"\"multi\nline\xC3\",6\n"
				"ok,7\n"
				"\"open,8\n"
				"never,seen\n");

	expect_fields(c, 1, 2, (const char *[]){ "h1", "h2" });
	expect_fields(c, 2, 2, (const char *[]){ "ok", "1" });
	ck_assert_int_eq(cf_csv_next(c), CF_EINVALID);
	ck_assert_int_eq(cf_csv_line(c), 3);
	ck_assert(strstr(cf_error_message(), "inside an unquoted field"));
	ck_assert_int_eq(cf_csv_next(c), CF_EINVALID);
	ck_assert_int_eq(cf_csv_line(c), 4);
	ck_assert(strstr(cf_error_message(), "after a closing quote"));
	ck_assert_int_eq(cf_csv_next(c), CF_EINVALID);
	ck_assert_int_eq(cf_csv_line(c), 5);
	ck_assert(strstr(cf_error_message(), "invalid UTF-8 (byte 0xFF)"));
	ck_assert_int_eq(cf_csv_next(c), CF_EINVALID);
	ck_assert_int_eq(cf_csv_line(c), 6);
	ck_assert(strstr(cf_error_message(), "NUL byte in field 1"));
	/* The bad byte is on the second line of a two-line record. */
	ck_assert_int_eq(cf_csv_next(c), CF_EINVALID);
	ck_assert_int_eq(cf_csv_line(c), 8);
	ck_assert(strstr(cf_error_message(), "invalid UTF-8 (byte 0xC3)"));
	expect_fields(c, 9, 2, (const char *[]){ "ok", "7" });
	/* An unterminated quote names the line it opens on and ends it. */
	ck_assert_int_eq(cf_csv_next(c), CF_EINVALID);
	ck_assert_int_eq(cf_csv_line(c), 10);
	ck_assert(strstr(cf_error_message(), "unterminated quoted field"));
	ck_assert_int_eq(cf_csv_next(c), 0);
	cf_csv_free(c);
}
END_TEST

START_TEST(test_block_boundaries)
{
	/* Records of every length around the 256 KiB block edge, quoted
	 * and not, must come back whole. */
	struct cf_buf b = CF_BUF_INIT;
	size_t rows = 0;
	struct cf_csv *c;

	while (b.len < 3 * 256 * 1024) {
		cf_buf_addf(&b, "%zu,", rows);
		if (rows % 3 == 0)
			cf_buf_addf(&b, "\"q\"\"%zu\n\"\r\n", rows);
		else
			cf_buf_addf(&b, "plain%zu\n", rows);
		rows++;
	}
	c = open_text(b.s, b.len);
	for (size_t i = 0; i < rows; i++) {
		char want[64];
		ck_assert_int_eq(cf_csv_next(c), 1);
		ck_assert_uint_eq(cf_csv_count(c), 2);
		snprintf(want, sizeof want, "%zu", i);
		ck_assert_str_eq(cf_csv_value(c, 0, NULL), want);
		if (i % 3 == 0)
			snprintf(want, sizeof want, "q\"%zu\n", i);
		else
			snprintf(want, sizeof want, "plain%zu", i);
		ck_assert_str_eq(cf_csv_value(c, 1, NULL), want);
	}
	ck_assert_int_eq(cf_csv_next(c), 0);
	cf_csv_free(c);
	cf_buf_release(&b);
}
END_TEST

START_TEST(test_record_limit)
{
	/* An unbalanced quote must not pull the rest of the file in. */
	struct cf_buf b = CF_BUF_INIT;
	struct cf_csv *c;

	cf_buf_adds(&b, "a,b\n1,\"open\n");
	while (b.len < CF_CSV_MAX_RECORD + 4096)
		cf_buf_adds(&b, "more,text,without,a,closing,quote\n");
	c = open_text(b.s, b.len);
	ck_assert_int_eq(cf_csv_next(c), 1);
	ck_assert_int_eq(cf_csv_next(c), CF_EINVALID);
	ck_assert_int_eq(cf_csv_line(c), 2);
	ck_assert(strstr(cf_error_message(), "longer than 1 MiB"));
	ck_assert_int_eq(cf_csv_next(c), 0);
	cf_csv_free(c);
	cf_buf_release(&b);
}
END_TEST

START_TEST(test_missing_file)
{
	struct cf_csv *c;

	ck_assert_int_eq(cf_csv_open(&c, tmp_path("nope.csv")), CF_ENOTFOUND);
	ck_assert_ptr_null(c);
	cf_csv_free(NULL);
}
END_TEST

/*
 * A read error is an I/O failure (CF_ERROR, exit 4) naming the file and
 * the system's reason, never the "not found" of a missing file; reading
 * ends there.  A directory opens but read(2) fails with EISDIR.
 */
START_TEST(test_read_error)
{
	struct cf_csv *c;
	const char *dir = tmp_path("dir.csv");
	char *want;

	ck_assert_int_eq(mkdir(dir, 0700), 0);
	ck_assert_int_eq(cf_csv_open(&c, dir), 0);
	ck_assert_int_eq(cf_csv_next(c), CF_ERROR);
	ck_assert_int_eq(cf_error_exit_code(cf_error_code()), CF_EXIT_INTERNAL);
	want = cf_xasprintf("cannot read '%s': %s", dir, strerror(EISDIR));
	ck_assert_str_eq(cf_error_message(), want);
	free(want);
	ck_assert_int_eq(cf_csv_next(c), 0); /* reading ended there */
	cf_csv_free(c);
}
END_TEST

/* The same through a descriptor that cannot be read (EBADF). */
START_TEST(test_read_error_fd)
{
	struct cf_csv *c;
	int fd = open(tmp_path("w.csv"), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
	char *want;

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, "a,b\n", 4), 4);
	ck_assert_int_eq(cf_csv_open_fd(&c, fd, "w.csv"), 0);
	ck_assert_int_eq(cf_csv_next(c), CF_ERROR);
	want = cf_xasprintf("cannot read 'w.csv': %s", strerror(EBADF));
	ck_assert_str_eq(cf_error_message(), want);
	free(want);
	cf_csv_free(c);
	close(fd);
}
END_TEST

/*
 * After a bad record the reader skips to the next line; with old Mac
 * line ends (a lone CR) it skipped to the end of the file, so later
 * records were never read and their problems never reported.
 */
START_TEST(test_csv_resume_after_lone_cr)
{
	struct cf_csv *c;
	int fd = tmp_fd("cr.csv", "h1,h2\rbad\"q,1\rok,2\r\"x\"y,3\rlast,4\r");

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

/* CSV for people (doc/reports.md): formulas neutralised, plain numbers
 * kept, control characters visible, the reading side untouched. */
static char *
cell(const char *v)
{
	struct cf_buf b = CF_BUF_INIT;

	cf_csv_cell(&b, v);
	return cf_buf_detach(&b);
}

START_TEST(test_cell_for_people)
{
	static const char *const cases[][2] = {
		{ "=1+1", "\"'=1+1\"" },
		{ "+cmd", "\"'+cmd\"" },
		{ "-2+3", "\"'-2+3\"" },
		{ "@SUM(A1)", "\"'@SUM(A1)\"" },
		{ "\tx", "\"'\tx\"" },
		{ "\rx", "\\rx" },
		{ "=HYPERLINK(\"u\")", "\"'=HYPERLINK(\"\"u\"\")\"" },
		{ "-12", "-12" },
		{ "-3.5", "-3.5" },
		{ "-", "\"'-\"" },
		{ "-1e5", "\"'-1e5\"" },
		{ "C003\x1b[2J", "C003\\x1B[2J" },
		{ "a\xc2\x9b", "a\\u009B" },
		{ "a\x7f", "a\\u007F" },
		{ "a,b", "\"a,b\"" },
		{ "", "" },
		{ "x=1", "x=1" },
	};
	for (size_t i = 0; i < CF_ARRAY_LEN(cases); i++) {
		char *got = cell(cases[i][0]);
		ck_assert_msg(strcmp(got, cases[i][1]) == 0,
		    "cell %zu: got [%s], want [%s]", i, got, cases[i][1]);
		free(got);
	}
	/* The machine side stays byte-exact. */
	struct cf_buf b = CF_BUF_INIT;
	cf_csv_field(&b, "=1+1");
	ck_assert_str_eq(b.s, "=1+1");
	cf_buf_release(&b);
}
END_TEST

Suite *
csv_suite(void)
{
	Suite *s = suite_create("csv");
	TCase *tc = tcase_create("read");

	tcase_add_checked_fixture(tc, tmp_setup, tmp_teardown);
	tcase_add_test(tc, test_quoting);
	tcase_add_test(tc, test_bom_line_ends_empty_lines);
	tcase_add_test(tc, test_bom_only_at_start);
	tcase_add_test(tc, test_refusals_and_resume);
	tcase_add_test(tc, test_block_boundaries);
	tcase_add_test(tc, test_record_limit);
	tcase_add_test(tc, test_missing_file);
	tcase_add_test(tc, test_read_error);
	tcase_add_test(tc, test_read_error_fd);
	tcase_add_test(tc, test_csv_resume_after_lone_cr);
	tcase_add_test(tc, test_cell_for_people);
	suite_add_tcase(s, tc);
	return s;
}
