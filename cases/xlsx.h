/* SPDX-License-Identifier: MIT */
/*
 * xlsx.h - one sheet of an Office Open XML workbook (.xlsx) read as rows
 * of cell strings, the way the CSV reader (csv.h) hands out records.
 *
 * The workbook is a zip (libzip) of XML parts streamed with libxml2's
 * reader under the same rules as every XML conform reads (xml.h: no
 * DTD, no entity, no network; a DOCTYPE is refused before it is
 * parsed).  The sheet read is the first of the workbook (its <sheets>
 * order), or the one named.  Cells come out as the text a CSV export of
 * the sheet would hold (doc/cases.md "Spreadsheets"):
 *   - shared and inline strings as written (rich-text runs joined,
 *     phonetic runs dropped);
 *   - numbers in their shortest decimal form ("12.5", "3");
 *   - booleans as TRUE / FALSE, error values as written (#N/A);
 *   - a number whose cell style has a date or time format (built-in
 *     formats 14-22, 27-36, 45-47, 50-58, or a custom format with y, m,
 *     d, h or s outside quotes and brackets) as the local time
 *     YYYY-MM-DDTHH:MM:SS (to the second, no offset), from the 1900
 *     system (serial 60 is Excel's non-existent 1900-02-29, refused) or
 *     the 1904 one (workbook.xml date1904);
 *   - a cell the sheet skips (by its r reference) as empty; a row is
 *     padded with empty cells to the first row's width; a row without
 *     any non-empty cell is skipped, as CSV's empty lines are; the cells
 *     of a merged range other than its top-left one are empty, as Excel
 *     keeps them.
 * cf_xlsx_row() is the sheet's row number (its r attribute), what an
 * editor shows and bad rows name as FILE:SHEET:ROW.
 *
 * Limits (a workbook is a compressed file and may be a bomb): a part
 * larger than CF_XLSX_MAX_PART uncompressed, or compressed more than
 * CF_XLSX_MAX_RATIO to one (above 1 MiB), is refused before a byte is
 * inflated, and the bytes actually inflated are counted against the
 * size the zip declares; shared strings take at most
 * CF_XLSX_MAX_STRINGS bytes; a row at most CF_CSV_MAX_RECORD bytes and
 * CF_XLSX_MAX_COLS cells, as a CSV record.
 */
#ifndef CF_XLSX_H
#define CF_XLSX_H

#include <stdbool.h>
#include <stddef.h>

#define CF_XLSX_MAX_PART (2048ull * 1024 * 1024)
#define CF_XLSX_MAX_RATIO 200
#define CF_XLSX_MAX_STRINGS (256u * 1024 * 1024)
#define CF_XLSX_MAX_COLS 16384

struct cf_xlsx;

/* True when the bytes start like a zip archive (PK\3\4). */
bool cf_xlsx_magic(const void *buf, size_t n);

/*
 * Opens the workbook on `fd` (not closed, its offset unchanged) and
 * gets the sheet `sheet` (NULL: the first) ready: workbook, relations,
 * styles and shared strings are read here.  `name` is the file's name in
 * messages.  CF_EINVALID (the message says what is wrong and what was
 * expected) for what is not a readable workbook or has no such sheet,
 * CF_ERROR for a read error.
 */
int cf_xlsx_open(struct cf_xlsx **out, int fd, const char *name,
    const char *sheet);

void cf_xlsx_free(struct cf_xlsx *x);

/* The name of the sheet being read, as the workbook gives it. */
const char *cf_xlsx_sheet(const struct cf_xlsx *x);

/*
 * Reads the next non-empty row.  1 with its cells available, 0 at the
 * end of the sheet, CF_EINVALID for a bad cell (a date that does not
 * exist, a shared string index out of range, a cell out of order, a row
 * too long: the message says which cell; reading may go on with the
 * next row) or for a broken sheet or a bomb (cf_xlsx_fatal() is then
 * true and the next call returns 0), CF_ERROR for a read error.
 */
int cf_xlsx_next(struct cf_xlsx *x);

/* Whether the last CF_EINVALID ended the sheet. */
bool cf_xlsx_fatal(const struct cf_xlsx *x);

/* The number of cells of the current row. */
size_t cf_xlsx_count(const struct cf_xlsx *x);

/* Cell `i` of the current row, NUL-terminated, its length in `len`. */
const char *cf_xlsx_value(const struct cf_xlsx *x, size_t i, size_t *len);

/* The sheet's row number of the current row (or of the last error). */
int cf_xlsx_row(const struct cf_xlsx *x);

/*
 * After a bad row (CF_EINVALID, not fatal): the column (from 0) of the
 * cell its message is about, so that the caller can name the column as
 * the header does; -1 when the problem is the row's, not a cell's.
 */
int cf_xlsx_bad_column(const struct cf_xlsx *x);

/*
 * The local date and time of the serial `v` as YYYY-MM-DDTHH:MM:SS in
 * out[20] (to the nearest second); false for a serial that names no
 * time (negative, Excel's 1900-02-29, beyond 9999).
 */
bool cf_xlsx_serial(double v, bool date1904, char out[20]);

/* Whether the number format `code` (a numFmt formatCode) shows a date. */
bool cf_xlsx_date_format(const char *code);

#endif
