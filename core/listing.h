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
 *   json   one JSON document: an array of objects keyed by the headers.
 *
 * CSV and JSON rows stream straight to the file; only the table is
 * buffered (it needs the column widths).  Usage: cf_listing_new(),
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
};

/* Parses "table", "csv" or "json" (NULL gives `def`); CF_EUSAGE else. */
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

enum cf_col_type {
	CF_COL_TEXT, /* JSON string */
	CF_COL_INT,  /* JSON number, right-aligned in tables */
};

struct cf_column {
	const char *name;
	enum cf_col_type type;
};

struct cf_listing;

struct cf_listing *cf_listing_new(FILE *f, enum cf_format fmt,
    const struct cf_column *cols, size_t ncols);
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
