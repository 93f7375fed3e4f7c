/* SPDX-License-Identifier: MIT */
/*
 * xlsxout.h - a listing as an Excel workbook (libxlsxwriter), the
 * `--format xlsx` backend of listing.c (doc/command-line.md#output-files).
 * The only file that speaks libxlsxwriter (tests/layers.py).
 *
 * One sheet, named after the listing; the header row bold, frozen and
 * under an autofilter; columns as wide as their widest cell (East Asian
 * wide characters count two), within bounds.  Cells are strings,
 * numbers, or dates and instants as Excel date cells shown in the ISO
 * form the CSV writes ("2026-03-02", "2026-03-02 09:05"), so a sheet
 * sorts and filters by date and shows what the CSV holds.
 *
 * The workbook is built in a temporary file (libxlsxwriter writes to a
 * name, and a zip needs a seekable file) and copied to the stream at the
 * end, so the caller decides where it lands (an output file written
 * whole or not at all, cf_outfile).
 */
#ifndef CF_XLSXOUT_H
#define CF_XLSXOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct cf_xlsxout;

/* A workbook of one sheet `sheet` with `ncols` columns; never NULL (a
 * failure to start is reported by cf_xlsxout_end). */
struct cf_xlsxout *cf_xlsxout_new(const char *sheet, size_t ncols);

/* Row 0 is the header.  Cells of one row may come in any column order;
 * rows in increasing order. */
void cf_xlsxout_header(struct cf_xlsxout *x, size_t col, const char *name);
void cf_xlsxout_string(struct cf_xlsxout *x, size_t row, size_t col,
    const char *s);
void cf_xlsxout_number(struct cf_xlsxout *x, size_t row, size_t col,
    double v);
/* "YYYY-MM-DD" (`with_time` false) or "YYYY-MM-DD HH:MM" as a date cell;
 * anything else is written as a string. */
void cf_xlsxout_date(struct cf_xlsxout *x, size_t row, size_t col,
    const char *s, bool with_time);

/* Closes the workbook of `nrows` rows (header included), copies it to
 * `f` and frees; 0 or CF_ERROR/CF_EINVALID with the message set. */
int cf_xlsxout_end(struct cf_xlsxout *x, size_t nrows, FILE *f);

#endif
