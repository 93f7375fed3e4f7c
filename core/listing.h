/* SPDX-License-Identifier: MIT */
/*
 * listing.h - every listing conform prints, in three formats
 * (doc/command-line.md):
 *
 *   table  aligned text for people (East Asian wide characters count
 *          two columns, so Chinese titles line up; a control character
 *          in a cell is an escape, "\x1B", "\n");
 *   csv    a header row, RFC 4180 quoting only where needed, LF ends;
 *          cells for people (cf_csv_cell: formulas neutralised, control
 *          characters as visible escapes);
 *   json   one JSON document: an array of objects keyed by the headers;
 *   xlsx   an Excel workbook of one sheet named after the listing
 *          (xlsxout.h): numbers as numbers, days and instants as date
 *          cells, every other cell the text the CSV holds (without the
 *          CSV's leading quote against formulas: a string cell is never
 *          run).  It is a zip, so it needs a file, not a pipe
 *          (doc/command-line.md#output-files); `f` must be one.
 *
 * CSV and JSON rows stream straight to the file; the table is buffered
 * (it needs the column widths), the workbook built in a temporary file
 * and copied to `f` at the end.  Usage: cf_listing_new(),
 * then per row cf_listing_row() and one cf_listing_cell*() per column,
 * then cf_listing_end(), which writes what is left and frees.
 */
#ifndef CF_LISTING_H
#define CF_LISTING_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

enum cf_format {
	CF_FORMAT_TABLE,
	CF_FORMAT_CSV,
	CF_FORMAT_JSON,
	CF_FORMAT_XLSX,
};

/* Parses "table", "csv", "json" or "xlsx" (NULL gives `def`); CF_EUSAGE
 * else. */
int cf_format_parse(enum cf_format *out, const char *s, enum cf_format def);

/*
 * The UTF-8 byte order mark that CSV meant for people starts with: Excel
 * on a Chinese Windows reads a CSV without it as GBK and shows the
 * Chinese cells garbled (doc/reports.md#csv-for-people).  conform's own
 * CSV reader drops it.
 */
#define CF_UTF8_BOM "\xEF\xBB\xBF"

/*
 * --format S and --excel together: `excel` asks for CSV for Excel (the
 * caller writes CF_UTF8_BOM first), so it implies csv when S is NULL
 * and goes with csv only (CF_EUSAGE with table or json).
 */
int cf_format_parse_excel(enum cf_format *out, const char *s, bool excel,
    enum cf_format def);

/* The format's name, "table" ... "xlsx". */
const char *cf_format_name(enum cf_format f);

/*
 * --format S, --excel and -o PATH together (PATH NULL: stdout), as
 * doc/command-line.md#output-files says: PATH's extension (.txt for
 * table, .csv, .json, .xlsx, any case) gives the format when S is
 * absent and must match it when given; --excel goes with csv only; xlsx
 * needs a PATH other than "-".  CF_EUSAGE else.
 */
int cf_format_for_output(enum cf_format *out, const char *s, bool excel,
    const char *path, enum cf_format def);

enum cf_col_type {
	CF_COL_TEXT, /* JSON string */
	CF_COL_INT,  /* JSON number, right-aligned in tables */
	/* Text everywhere but in a workbook, where it is a date cell:
	 * "YYYY-MM-DD" and local "YYYY-MM-DD HH:MM" (xlsxout.h). */
	CF_COL_DAY,
	CF_COL_MINUTE,
};

struct cf_column {
	const char *name;
	enum cf_col_type type;
};

struct cf_listing;

struct cf_listing *cf_listing_new(FILE *f, enum cf_format fmt,
    const struct cf_column *cols, size_t ncols);
/* The same, naming the listing: the sheet of a workbook (at most 31
 * characters, none of []:*?/\); cf_listing_new names it "listing". */
struct cf_listing *cf_listing_new_named(FILE *f, enum cf_format fmt,
    const char *name, const struct cf_column *cols, size_t ncols);
void cf_listing_row(struct cf_listing *l);
/* NULL means "not recorded": empty in text and CSV, null in JSON. */
void cf_listing_cell(struct cf_listing *l, const char *s);
void cf_listing_cellf(struct cf_listing *l, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void cf_listing_cell_int(struct cf_listing *l, int64_t v);
/* Writes the rest and frees; 0 or CF_ERROR on a write error. */
int cf_listing_end(struct cf_listing *l);

struct cf_buf;

#endif
