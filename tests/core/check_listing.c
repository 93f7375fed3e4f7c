/* SPDX-License-Identifier: MIT */
/*
 * check_listing.c - the listings every command prints (core/listing.c),
 * in its three formats: the table aligned by terminal columns (Chinese
 * characters take two), numbers right-aligned, no trailing blanks; CSV
 * quoted only where RFC 4180 needs it; JSON an array of objects keyed by
 * the headers, numbers bare, "not recorded" as null; a bad format name
 * refused; a write error reported.
 */
#include "conform.h"
#include "check_suites.h"
#include "listing.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct cf_column cols[] = {
	{ "id", CF_COL_TEXT },
	{ "title", CF_COL_TEXT },
	{ "cases", CF_COL_INT },
	{ "note", CF_COL_TEXT },
};

/* Three rows: Chinese and ASCII titles, numbers, notes missing. */
static char *
listing(enum cf_format fmt)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	struct cf_listing *l;

	ck_assert_ptr_nonnull(f);
	l = cf_listing_new(f, fmt, cols, 4);
	cf_listing_row(l);
	cf_listing_cell(l, "P-BIZ-001");
	cf_listing_cell(l, "企业设立登记");
	cf_listing_cell_int(l, 1234);
	cf_listing_cell(l, "a, \"b\"");
	cf_listing_row(l);
	cf_listing_cell(l, "P-HR-2");
	cf_listing_cell(l, "Permit");
	cf_listing_cell_int(l, -5);
	cf_listing_cell(l, NULL); /* not recorded */
	cf_listing_row(l);
	cf_listing_cellf(l, "P-%s-%03d", "TAX", 7);
	cf_listing_cell(l, "税务登记");
	cf_listing_cell_int(l, 0);
	/* (the last cell left out: not recorded either) */
	ck_assert_int_eq(cf_listing_end(l), 0);
	ck_assert_int_eq(fclose(f), 0);
	return out;
}

/* The display column (0-based) where `needle` starts in `line`. */
static size_t
column_of(const char *line, const char *needle)
{
	const char *p = strstr(line, needle);
	char *head;
	size_t w;

	ck_assert_ptr_nonnull(p);
	head = cf_xstrndup(line, (size_t)(p - line));
	w = cf_utf8_width(head);
	free(head);
	return w;
}

START_TEST(test_table_wide_characters)
{
	char *s = listing(CF_FORMAT_TABLE);

	/* 企业设立登记 is 6 characters, 18 bytes and 12 columns wide: the
	 * columns after it line up by columns, not bytes or characters. */
	ck_assert_str_eq(s,
	    "id         title         cases  note\n"
	    "P-BIZ-001  企业设立登记   1234  a, \"b\"\n"
	    "P-HR-2     Permit           -5\n"
	    "P-TAX-007  税务登记          0\n");
	/* The same, said another way: the numbers end where the header
	 * does, the notes start at one column. */
	char *l1 = strchr(s, '\n') + 1, *l2 = strchr(l1, '\n') + 1;
	ck_assert_uint_eq(column_of(s, "note"), column_of(l1, "a, "));
	ck_assert_uint_eq(column_of(l1, "1234") + 4, column_of(s, "cases") + 5);
	ck_assert_uint_eq(column_of(l2, "-5") + 2, column_of(s, "cases") + 5);
	free(s);
}
END_TEST

START_TEST(test_table_empty)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	ck_assert_int_eq(cf_listing_end(cf_listing_new(f, CF_FORMAT_TABLE, cols,
			     4)),
	    0);
	fclose(f);
	ck_assert_str_eq(out, "id  title  cases  note\n");
	free(out);
	ck_assert_int_eq(cf_listing_end(NULL), 0);
}
END_TEST

START_TEST(test_csv)
{
	char *s = listing(CF_FORMAT_CSV);
	char *out = NULL;
	size_t len = 0;
	FILE *f;
	struct cf_listing *l;
	static const struct cf_column one[] = { { "v", CF_COL_TEXT } };
	const char *vals[] = { "plain", " spaced ", "a,b", "say \"x\"",
		"two\nlines", "cr\rhere", "中文", "" };

	ck_assert_str_eq(s,
	    "id,title,cases,note\n"
	    "P-BIZ-001,企业设立登记,1234,\"a, \"\"b\"\"\"\n"
	    "P-HR-2,Permit,-5,\n"
	    "P-TAX-007,税务登记,0,\n");
	free(s);
	/* Quoted only where a comma, a quote or LF asks for it; a CR is
	 * shown as an escape (a CSV for people, doc/reports.md). */
	f = open_memstream(&out, &len);
	l = cf_listing_new(f, CF_FORMAT_CSV, one, 1);
	for (size_t i = 0; i < sizeof vals / sizeof *vals; i++) {
		cf_listing_row(l);
		cf_listing_cell(l, vals[i]);
	}
	ck_assert_int_eq(cf_listing_end(l), 0);
	fclose(f);
	ck_assert_str_eq(out,
	    "v\nplain\n spaced \n\"a,b\"\n\"say \"\"x\"\"\"\n\"two\nlines\"\n"
	    "cr\\rhere\n中文\n\n");
	free(out);
}
END_TEST

START_TEST(test_json)
{
	char *s = listing(CF_FORMAT_JSON);
	char *out = NULL;
	size_t len = 0;
	FILE *f;

	ck_assert_str_eq(s,
	    "[\n"
	    "  {\"id\": \"P-BIZ-001\", \"title\": \"企业设立登记\", "
	    "\"cases\": 1234, \"note\": \"a, \\\"b\\\"\"},\n"
	    "  {\"id\": \"P-HR-2\", \"title\": \"Permit\", \"cases\": -5, "
	    "\"note\": null},\n"
	    "  {\"id\": \"P-TAX-007\", \"title\": \"税务登记\", \"cases\": 0, "
	    "\"note\": null}\n"
	    "]\n");
	free(s);
	/* No rows: an empty array, still one JSON document. */
	f = open_memstream(&out, &len);
	ck_assert_int_eq(cf_listing_end(cf_listing_new(f, CF_FORMAT_JSON, cols,
			     4)),
	    0);
	fclose(f);
	ck_assert_str_eq(out, "[]\n");
	free(out);
}
END_TEST

START_TEST(test_format_names)
{
	enum cf_format f = CF_FORMAT_JSON;

	ck_assert_int_eq(cf_format_parse(&f, NULL, CF_FORMAT_TABLE), 0);
	ck_assert_int_eq(f, CF_FORMAT_TABLE);
	ck_assert_int_eq(cf_format_parse(&f, "csv", CF_FORMAT_TABLE), 0);
	ck_assert_int_eq(f, CF_FORMAT_CSV);
	ck_assert_int_eq(cf_format_parse(&f, "json", CF_FORMAT_TABLE), 0);
	ck_assert_int_eq(f, CF_FORMAT_JSON);
	ck_assert_int_eq(cf_format_parse(&f, "table", CF_FORMAT_CSV), 0);
	ck_assert_int_eq(f, CF_FORMAT_TABLE);
	f = CF_FORMAT_CSV;
	ck_assert_int_eq(cf_format_parse(&f, "xml", CF_FORMAT_TABLE),
	    CF_EUSAGE);
	ck_assert_str_eq(cf_error_message(),
	    "unknown format 'xml', expected table, csv, json or xlsx");
	ck_assert_int_eq(f, CF_FORMAT_CSV); /* untouched */
	ck_assert_int_eq(cf_format_parse(&f, "", CF_FORMAT_TABLE), CF_EUSAGE);
	ck_assert_int_eq(cf_format_parse(&f, "xlsx", CF_FORMAT_TABLE), 0);
	ck_assert_int_eq(f, CF_FORMAT_XLSX);
	cf_error_clear();
}
END_TEST

/* -o FILE's extension and --format, --excel (doc/command-line.md#output-files). */
START_TEST(test_output_names)
{
	enum cf_format f;
	static const struct {
		const char *fmt;
		bool excel;
		const char *path;
		int rc;
		enum cf_format want;
	} t[] = {
		{ NULL, false, NULL, 0, CF_FORMAT_TABLE },
		{ NULL, false, "-", 0, CF_FORMAT_TABLE },
		{ NULL, false, "out/ncr.xlsx", 0, CF_FORMAT_XLSX },
		{ NULL, false, "NCR.XLSX", 0, CF_FORMAT_XLSX },
		{ NULL, false, "ncr.csv", 0, CF_FORMAT_CSV },
		{ NULL, false, "ncr.json", 0, CF_FORMAT_JSON },
		{ NULL, false, "ncr.txt", 0, CF_FORMAT_TABLE },
		{ NULL, false, "ncr", 0, CF_FORMAT_TABLE },
		{ NULL, false, "v1.2/ncr", 0, CF_FORMAT_TABLE },
		{ NULL, false, ".ncr", 0, CF_FORMAT_TABLE },
		{ "json", false, "ncr", 0, CF_FORMAT_JSON },
		{ "xlsx", false, "ncr.xlsx", 0, CF_FORMAT_XLSX },
		{ NULL, true, NULL, 0, CF_FORMAT_CSV },
		{ NULL, true, "ncr.csv", 0, CF_FORMAT_CSV },
		{ NULL, true, "ncr", 0, CF_FORMAT_CSV },
		{ "csv", true, "ncr.csv", 0, CF_FORMAT_CSV },
		/* refused */
		{ "xlsx", false, NULL, CF_EUSAGE, 0 },
		{ "xlsx", false, "-", CF_EUSAGE, 0 },
		{ "xlsx", false, "ncr", 0, CF_FORMAT_XLSX },
		{ "csv", false, "ncr.xlsx", CF_EUSAGE, 0 },
		{ "xlsx", false, "ncr.csv", CF_EUSAGE, 0 },
		{ "table", false, "ncr.json", CF_EUSAGE, 0 },
		{ NULL, false, "ncr.pdf", CF_EUSAGE, 0 },
		{ NULL, false, "ncr.xls", CF_EUSAGE, 0 },
		{ NULL, true, "ncr.xlsx", CF_EUSAGE, 0 },
		{ NULL, true, "ncr.txt", CF_EUSAGE, 0 },
		{ "json", true, NULL, CF_EUSAGE, 0 },
		{ "pdf", false, "ncr.pdf", CF_EUSAGE, 0 },
	};

	for (size_t i = 0; i < CF_ARRAY_LEN(t); i++) {
		int rc = cf_format_for_output(&f, t[i].fmt, t[i].excel,
		    t[i].path, CF_FORMAT_TABLE);
		ck_assert_msg(rc == t[i].rc, "case %zu (%s): %d %s", i,
		    t[i].path ? t[i].path : "stdout", rc, cf_error_message());
		if (rc == 0)
			ck_assert_msg(f == t[i].want, "case %zu: format %d", i,
			    (int)f);
		cf_error_clear();
	}
	ck_assert_int_eq(cf_format_for_output(&f, "csv", false, "a/n.xlsx",
			     CF_FORMAT_TABLE),
	    CF_EUSAGE);
	ck_assert_str_eq(cf_error_message(),
	    "-o a/n.xlsx: '.xlsx' does not match --format csv; expected .csv");
	ck_assert_int_eq(cf_format_for_output(&f, NULL, false, "n.pdf",
			     CF_FORMAT_TABLE),
	    CF_EUSAGE);
	ck_assert_str_eq(cf_error_message(),
	    "-o n.pdf: '.pdf' names no format this command writes; expected "
	    ".txt, .csv, .json or .xlsx (or --format and a name to match)");
	ck_assert_int_eq(cf_format_for_output(&f, "xlsx", false, NULL,
			     CF_FORMAT_TABLE),
	    CF_EUSAGE);
	ck_assert_str_eq(cf_error_message(),
	    "--format xlsx writes a workbook, which needs a file: give -o "
	    "FILE.xlsx");
	cf_error_clear();
}
END_TEST

/* A workbook: a zip, whatever stream it is copied to. */
START_TEST(test_xlsx)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	static const struct cf_column dcols[] = {
		{ "day", CF_COL_DAY },
		{ "at", CF_COL_MINUTE },
		{ "n", CF_COL_INT },
		{ "title", CF_COL_TEXT },
	};
	struct cf_listing *l = cf_listing_new_named(f, CF_FORMAT_XLSX, "t",
	    dcols, 4);

	cf_listing_row(l);
	cf_listing_cell(l, "2026-03-02");
	cf_listing_cell(l, "2026-03-02 09:05");
	cf_listing_cell_int(l, 42);
	cf_listing_cell(l, "企业设立登记");
	cf_listing_row(l);
	cf_listing_cell(l, "not a day"); /* written as text */
	ck_assert_int_eq(cf_listing_end(l), 0);
	fclose(f);
	ck_assert_uint_gt(len, 1000);
	ck_assert_int_eq(memcmp(out, "PK\x03\x04", 4), 0);
	free(out);
}
END_TEST

/* A cell longer than Excel holds: refused, nothing written. */
START_TEST(test_xlsx_long_cell)
{
	char *out = NULL, *big = cf_xmalloc(40001);
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	struct cf_listing *l = cf_listing_new_named(f, CF_FORMAT_XLSX, "t",
	    cols, 4);

	memset(big, 'x', 40000);
	big[40000] = '\0';
	cf_listing_row(l);
	cf_listing_cell(l, "P-BIZ-001");
	cf_listing_cell(l, big);
	ck_assert_int_eq(cf_listing_end(l), CF_EINVALID);
	ck_assert_ptr_nonnull(strstr(cf_error_message(), "32,767 characters"));
	fclose(f);
	ck_assert_uint_eq(len, 0);
	free(out);
	free(big);
	cf_error_clear();
}
END_TEST

/* A listing that cannot be written says so (here: /dev/full). */
START_TEST(test_write_error)
{
	FILE *f = fopen("/dev/full", "w");
	struct cf_listing *l;

	if (f == NULL) {
		mark_point(); /* (no /dev/full here) */
		return;
	}
	l = cf_listing_new(f, CF_FORMAT_CSV, cols, 4);
	/* More than stdio buffers, so the rows reach the device. */
	for (int i = 0; i < 5000; i++) {
		cf_listing_row(l);
		cf_listing_cellf(l, "P-%05d", i);
		cf_listing_cell(l, "企业设立登记");
		cf_listing_cell_int(l, i);
		cf_listing_cell(l, NULL);
	}
	ck_assert_int_eq(cf_listing_end(l), CF_ERROR);
	ck_assert_str_eq(cf_error_message(), "cannot write the listing");
	fclose(f);
	cf_error_clear();
}
END_TEST

Suite *
listing_suite(void)
{
	Suite *s = suite_create("listing");
	TCase *tc = tcase_create("formats");

	tcase_add_test(tc, test_table_wide_characters);
	tcase_add_test(tc, test_table_empty);
	tcase_add_test(tc, test_csv);
	tcase_add_test(tc, test_json);
	tcase_add_test(tc, test_format_names);
	tcase_add_test(tc, test_write_error);
	tcase_add_test(tc, test_output_names);
	tcase_add_test(tc, test_xlsx);
	tcase_add_test(tc, test_xlsx_long_cell);
	suite_add_tcase(s, tc);
	return s;
}
