/* SPDX-License-Identifier: MIT */
/*
 * rows.h - a case log file read into checked rows: the half of an import
 * that needs no database.
 *
 * cf_rows_read() reads one CSV file or one sheet of an .xlsx workbook
 * (cases, events or evaluations, told by its header) or one XES log and turns every record into a cf_row: a case
 * or an event with its times parsed (doc/cases.md forms; no offset = the
 * workspace zone) and its local time and day computed, its fields
 * trimmed, the materials normalised, the other columns or attributes
 * as a JSON object; or a bad row saying what is wrong and what was
 * expected.  Rules that need the store or the rest of the import (a
 * case id used twice, a case stored before, an event's case) are the
 * importer's (import.c).
 *
 * Through an import profile (o->profile) a CSV file's columns are
 * mapped onto the fields by the profile, not told by the header.
 *
 * The rows of an XES trace come as its case row followed by its event
 * rows.  A workbook's rows are preceded by a CF_ROW_SHEET row naming the
 * sheet, so that the importer can name places as FILE:SHEET:ROW.  The last row of a file is CF_ROW_END, with the file's format,
 * counts and status.  Rows can be packed into a byte buffer and read
 * back (cf_row_put / cf_row_get), which is how they cross from the
 * reading thread to the writing one (pipe.h).
 *
 * The zone `tz` is used (through the C library) by the reading thread
 * only while a file is read; the caller must not use time zones on
 * another thread meanwhile.
 */
#ifndef CF_ROWS_H
#define CF_ROWS_H

#include <stdbool.h>
#include <stdint.h>

#include "casedb.h"
#include "finals.h"
#include "date.h"
#include "document.h"
#include "mem.h"

enum cf_row_type {
	CF_ROW_CASE = 1,
	CF_ROW_EVENT,
	CF_ROW_BAD,
	CF_ROW_END,
	CF_ROW_SHEET, /* a workbook's sheet (in `sheet`), before its rows */
	CF_ROW_EVAL,  /* an evaluation (doc/cases.md "Evaluations") */
};

struct cf_row {
	enum cf_row_type type;
	int line;
	struct cf_caserow c;  /* CF_ROW_CASE; batch unset */
	struct cf_eventrow e; /* CF_ROW_EVENT; seq and batch unset */
	struct cf_evalrow v;  /* CF_ROW_EVAL; batch unset */
	const char *msg;      /* BAD: what is wrong; END: the error or NULL */
	const char *case_id;  /* BAD: the id a bad case row gives, or NULL */
	int status;	      /* END: 0, or the negative CF_E* code */
	int format;	      /* END: enum cf_row_format */
	int64_t rows, traces, empty_traces; /* END */
	/* SHEET, BAD and END: the sheet read, for a workbook; else NULL */
	const char *sheet;
};

enum cf_row_format {
	CF_ROW_CASES_CSV,
	CF_ROW_EVENTS_CSV,
	CF_ROW_XES,
	CF_ROW_EVALUATIONS_CSV,
};

/* "cases-csv", "events-csv", "xes", "evaluations-csv". */
const char *cf_row_format_name(int format);

typedef int (*cf_row_fn)(const struct cf_row *r, void *payload);

struct cf_rows_opts {
	bool xes;
	struct cf_tz *tz;
	const struct cf_strv *known; /* known procedure ids, sorted */
	const char *procedure;	     /* --procedure, for XES traces */
	/* the final steps (finals.h), for XES traces without completed_at;
	 * NULL: the last event completes every one */
	const struct cf_finals *finals;
	/*
	 * The encoding a profile declares for CSV files (decode.h names:
	 * "UTF-8", "GB18030", "GBK", ...); NULL: none declared, the file
	 * must be UTF-8 and one that is not is refused naming the profile
	 * attribute encoding="GB18030" (doc/cases.md#encodings).
	 */
	const char *encoding;
	/*
	 * The sheet of an .xlsx workbook to read (an import profile's
	 * sheet="NAME"); NULL: the first.  A CSV file ignores it.
	 */
	const char *sheet;
	/*
	 * batch > 0: each case and event row carries the hash of the row
	 * the import would insert for it (doc/integrity.md), made here on
	 * the reader's thread: cases as batch `batch`, events numbered
	 * from `seq_first` in the order they come.
	 */
	int64_t batch, seq_first;
	/*
	 * A CSV file read through an import profile (document.h,
	 * doc/cases.md "Import profiles"): its kind says cases or events,
	 * its fields say which column is which, the value maps and date
	 * formats apply, every other column is an attribute, and bad rows
	 * name the column as the file does.  NULL: the header's own names.
	 */
	const struct cf_profile *profile;
};

/*
 * Reads the file on `fd` (from offset 0; not closed), calling `fn` for
 * every row and last for CF_ROW_END.  A negative return of `fn` stops
 * the reading and is returned (without the END row); else 0.
 */
int cf_rows_read(int fd, const char *name, const struct cf_rows_opts *o,
    cf_row_fn fn, void *payload);

/* Appends the row, strings included, to `b`. */
void cf_row_put(struct cf_buf *b, const struct cf_row *r);

/*
 * Reads the row at *pos of buf[0..len) into *out, its strings pointing
 * into `buf`, and advances *pos; false at the end of the buffer.
 */
bool cf_row_get(const char *buf, size_t len, size_t *pos, struct cf_row *out);

/*
 * A material list as the store keeps it (doc/cases.md): s[0..n) split
 * on ';' and on the full-width '；' (U+FF1B), each item trimmed of ASCII
 * blanks, U+00A0 and U+3000, empty items dropped, the rest joined by
 * ';' in the given order ("M1； M2;;M3 " -> "M1;M2;M3").  The result is
 * in `b` (reset first), or "" when no item is left.
 */
const char *cf_materials_norm(struct cf_buf *b, const char *s, size_t n);

/*
 * The local wall-clock seconds of the instant in `tz` and (when `day` is
 * not NULL) its local day: what the store keeps beside each instant.
 */
void cf_rows_local(struct cf_tz *tz, const struct cf_time *t, int64_t *wall,
    cf_day *day);

#endif
