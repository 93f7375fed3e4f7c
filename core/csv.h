/* SPDX-License-Identifier: MIT */
/*
 * csv.h - a streaming RFC 4180 reader.
 *
 * Case logs are exported by other systems and can be larger than
 * memory, so the reader holds one record at a time: it reads the file
 * in large blocks and hands out the fields of one record, unquoted, each
 * NUL-terminated.  What it accepts:
 *   - fields separated by ',', records ended by CRLF, LF or a lone CR;
 *   - quoted fields ("a, b", "say ""hi""", line breaks inside quotes);
 *   - a UTF-8 byte order mark at the very start, which is dropped;
 *   - empty lines between records, which are skipped (they are not
 *     records: every file conform reads has several columns).
 * What it refuses, each as CF_EINVALID naming the line and what was
 * expected: a quote inside an unquoted field, anything but ',' or a line
 * end after a closing quote, a quoted field still open at the end of the
 * file, bytes that are not UTF-8, a NUL byte, and a record longer than
 * CF_CSV_MAX_RECORD (an unbalanced quote would otherwise swallow the
 * rest of the file).  After such an error the reader has skipped to the
 * next line, so that a caller may go on and report every bad row; after
 * an unterminated quote or an over-long record it is at the end.
 *
 * Lines are physical lines, counted from 1: cf_csv_line() is the line a
 * record starts on (or the line of the problem), so that callers can
 * write FILE:LINE as an editor shows it; the error message itself says
 * only what is wrong and what was expected.
 */
#ifndef CF_CSV_H
#define CF_CSV_H

#include <stdbool.h>
#include <stddef.h>

#define CF_CSV_MAX_RECORD (1u << 20)

struct cf_csv;

/*
 * Reads from the open descriptor `fd` from its current offset; `name` is
 * the file name read errors name.  The reader does not close `fd`.
 */
int cf_csv_open_fd(struct cf_csv **out, int fd, const char *name);

/*
 * Reads the UTF-8 that decoder `d` makes of its file (decode.h), which
 * the reader uses but does not free.  A byte not valid in the file's
 * encoding is CF_EINVALID from cf_csv_next() with the decoder's message
 * and line, and the reader is then at the end.
 */
struct cf_decode;
int cf_csv_open_decode(struct cf_csv **out, struct cf_decode *d,
    const char *name);

/*
 * Whether the last CF_EINVALID of cf_csv_next() was about the bytes of
 * the file's encoding (invalid UTF-8, or a decoder's bad byte) rather
 * than the CSV syntax: a caller may take it as the file's verdict, since
 * a file in another encoding fails on most records.
 */
bool cf_csv_encoding_error(const struct cf_csv *c);

/* Opens `path` (CF_ENOTFOUND when it cannot be opened). */
int cf_csv_open(struct cf_csv **out, const char *path);

void cf_csv_free(struct cf_csv *c);

/*
 * Reads the next record.  Returns 1 with the record's fields available,
 * 0 at the end of the file, CF_EINVALID for a malformed record (the
 * message says what and cf_csv_line() where; reading may go on), or
 * CF_ERROR for a read error.
 */
int cf_csv_next(struct cf_csv *c);

/* The number of fields of the current record. */
size_t cf_csv_count(const struct cf_csv *c);

/*
 * Field `i` of the current record, NUL-terminated, and its length in
 * `len` (which may be NULL).  Valid until the next cf_csv_next().
 */
const char *cf_csv_value(const struct cf_csv *c, size_t i, size_t *len);

/* The line the current record (or the last error) starts on. */
int cf_csv_line(const struct cf_csv *c);

/*
 * Appends `s` to `b` as one CSV field (RFC 4180), quoted only when it
 * holds a comma, a quote, CR or LF; quotes doubled; NULL is an empty
 * field.  The writing side of
 * the format, for every CSV conform writes.
 */
struct cf_buf;
void cf_csv_field(struct cf_buf *b, const char *s);

/*
 * Appends `s` as one cell of a CSV meant for people (reports, registers,
 * `--format csv` listings; doc/reports.md): control characters become
 * visible escapes (cf_text_add_visible), and a cell that starts with
 * '=', '+', '-', '@', a tab or CR, unless it is a plain decimal number
 * ("-12", "3.5"), is written quoted with a leading "'" so that a
 * spreadsheet shows it as text instead of running it as a formula.
 * cf_csv_field() stays byte-exact for the files conform reads back.
 */
void cf_csv_cell(struct cf_buf *b, const char *s);

#endif
