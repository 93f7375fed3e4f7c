/* SPDX-License-Identifier: MIT */
/*
 * rows.c - reading CSV and XES case logs into checked rows (see rows.h).
 *
 * CSV: the header decides the kind of file (procedure_id: cases, else
 * activity: events, else rating: evaluations, else refused) and where each known column is;
 * columns may come in any order, and the others are kept as attributes.
 * Known fields are trimmed of blanks (attributes are kept exactly as
 * given).  Each data row is checked in the order a person would fix it:
 * the number of fields, the required values, the procedure, the times,
 * the amounts; the first problem found is the row's message.
 *
 * Through an import profile (doc/cases.md "Import profiles") the
 * profile's kind decides the kind of file and its fields which column
 * is which (by the name the header gives, trimmed); the others are
 * attributes.  A field's value map replaces a trimmed value it lists, a
 * field's format reads its times strictly, and every message about a
 * field names its column as the file does: "受理时间 (accepted_at)".
 *
 * An .xlsx workbook (xlsx.h, told by its zip magic) is read as a CSV
 * file whose records are the rows of one sheet: the same header, the
 * same checks; its "lines" are the sheet's row numbers, which the
 * importer shows as FILE:SHEET:ROW.
 *
 * XES: a trace is a case; its procedure is --procedure, else its
 * `procedure` attribute; acceptance and completion are the first and
 * last event instants unless the trace's accepted_at / completed_at say
 * otherwise (an empty completed_at: pending); its received_at, like a
 * cases file's column, is the receipt, on or before the acceptance.  An event without an
 * activity or a time makes its whole trace bad (the case would be
 * judged on part of its record otherwise).
 *
 * A row's strings live in scratch buffers reused from row to row; the
 * callback must copy what it keeps (cf_row_put does).
 */
#include "conform.h"
#include "amount.h"
#include "attrs.h"
#include "csv.h"
#include "decode.h"
#include "hash.h"
#include "profile.h"
#include "rows.h"
#include "text.h"
#include "xes.h"
#include "xlsx.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const format_names[] = { "cases-csv", "events-csv", "xes",
	"evaluations-csv" };

const char *
cf_row_format_name(int format)
{
	return format >= 0 && format < (int)CF_ARRAY_LEN(format_names)
	    ? format_names[format]
	    : "?";
}

/* A field as pointer and length. */
struct span {
	const char *s;
	size_t n;
};

enum {
	C_CASE_ID,
	C_PROCEDURE_ID,
	C_ACCEPTED_AT,
	C_COMPLETED_AT,
	C_FEE_CHARGED,
	C_MATERIALS,
	C_WINDOW,
	C_CHANNEL,
	C_RECEIVED_AT,
	NCASECOLS
};
/* In the order of the profile's fields (cf_profile_fields). */
static const char *const case_cols[NCASECOLS] = { "case_id", "procedure_id",
	"accepted_at", "completed_at", "fee_charged", "materials", "window",
	"channel", "received_at" };

enum { V_CASE_ID, V_ACTIVITY, V_TIMESTAMP, V_ACTOR, V_ROLE, NEVCOLS };
static const char *const event_cols[NEVCOLS] = { "case_id", "activity",
	"timestamp", "actor", "role" };

/* In the order of the profile's fields of kind evaluations. */
enum {
	W_CASE_ID,
	W_RATED_AT,
	W_RATING,
	W_CHANNEL,
	W_REAL_NAME,
	W_REVISIT_AT,
	W_RECTIFIED_AT,
	W_COMMENT,
	NEVALCOLS
};
static const char *const eval_cols[NEVALCOLS] = { "case_id", "rated_at",
	"rating", "channel", "real_name", "revisit_at", "rectified_at",
	"comment" };

enum { B_ID, B_PROC, B_WINDOW, B_CHANNEL, B_ACTIVITY, B_ACTOR, B_ROLE,
	B_COMMENT, NBUFS };

struct rd {
	const struct cf_rows_opts *o;
	const char *name;
	cf_row_fn fn;
	void *payload;
	int format;
	int64_t rows, traces, empty_traces;
	int64_t nevents; /* events emitted: the next one's seq - seq_first */
	struct cf_buf enc;
	struct cf_buf msg, mat, bufs[NBUFS];
	struct cf_attrs attrs;
	struct cf_time *times;
	size_t atimes;
	const char *last_known;
	/* CSV header */
	int col[NCASECOLS]; /* -1: absent (NCASECOLS >= NEVCOLS, NEVALCOLS) */
	/* through a profile: each field's mapping (NULL: unmapped) and
	 * its name in messages, "COLUMN (field)"; without one the field */
	const struct cf_profile_field *pf[NCASECOLS];
	const char *label[NCASECOLS];
	char *labels[NCASECOLS];
	size_t nheader;
	struct cf_strv names;
	bool *known;
	/* a workbook's: its sheet's name */
	bool xlsx;
	char *sheet;
};

/* ---- helpers ---- */

static struct span
trimmed(const char *s, size_t n)
{
	struct span sp = { s, n };

	if (s == NULL) {
		sp.n = 0;
		return sp;
	}
	cf_trim(&sp.s, &sp.n);
	return sp;
}

static struct span
trimmed_z(const char *s)
{
	return trimmed(s, s ? strlen(s) : 0);
}

/* A NUL-terminated copy of a non-empty span in `b`, else NULL. */
static const char *
span_str(struct cf_buf *b, struct span sp)
{
	if (sp.n == 0)
		return NULL;
	cf_buf_reset(b);
	cf_buf_add(b, sp.s, sp.n);
	return b->s;
}

static int64_t
floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;

	return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

void
cf_rows_local(struct cf_tz *tz, const struct cf_time *t, int64_t *wall,
    cf_day *day)
{
	*wall = t->sec + cf_tz_offset(tz, t->sec);
	if (day)
		*day = (cf_day)floor_div(*wall, 86400);
}

static int
known_cmp(const void *key, const void *elem)
{
	return strcmp(key, *(char *const *)elem);
}

static bool
known_procedure(struct rd *r, const char *id)
{
	char **hit;

	if (r->last_known && strcmp(r->last_known, id) == 0)
		return true;
	if (r->o->known == NULL || r->o->known->n == 0)
		return false;
	hit = bsearch(id, r->o->known->v, r->o->known->n, sizeof(char *),
	    known_cmp);
	if (hit)
		r->last_known = *hit;
	return hit != NULL;
}

/*
 * The blank a material item is trimmed of at s[0..n): ASCII white space
 * (1 byte), U+00A0 no-break space (2) or U+3000 ideographic space (3),
 * as a Chinese input method types them; 0 when s does not start with one.
 */
static size_t
blank_at(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;

	if (n && (u[0] == ' ' || u[0] == '\t' || u[0] == '\n' ||
		     u[0] == '\r' || u[0] == '\f' || u[0] == '\v'))
		return 1;
	if (n >= 2 && u[0] == 0xC2 && u[1] == 0xA0)
		return 2;
	if (n >= 3 && u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80)
		return 3;
	return 0;
}

/* The same, ending at s[n). */
static size_t
blank_before(const char *s, size_t n)
{
	if (n >= 3 && blank_at(s + n - 3, 3) == 3)
		return 3;
	if (n >= 2 && blank_at(s + n - 2, 2) == 2)
		return 2;
	return n && blank_at(s + n - 1, 1) == 1 ? 1 : 0;
}

/* The next separator (';' or the full-width U+FF1B) in s[0..n), or NULL. */
static const char *
next_separator(const char *s, size_t n, size_t *len)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == ';') {
			*len = 1;
			return s + i;
		}
		if (i + 2 < n && (unsigned char)s[i] == 0xEF &&
		    (unsigned char)s[i + 1] == 0xBC &&
		    (unsigned char)s[i + 2] == 0x9B) {
			*len = 3;
			return s + i;
		}
	}
	return NULL;
}

const char *
cf_materials_norm(struct cf_buf *b, const char *s, size_t n)
{
	const char *p = s, *end = s + n;

	cf_buf_reset(b);
	while (p < end) {
		size_t seplen = 0, k;
		const char *sep = next_separator(p, (size_t)(end - p), &seplen);
		const char *q = sep ? sep : end, *a = p;
		while ((k = blank_at(a, (size_t)(q - a))) > 0)
			a += k;
		while ((k = blank_before(a, (size_t)(q - a))) > 0)
			q -= k;
		if (q > a) {
			if (b->len)
				cf_buf_addc(b, ';');
			cf_buf_add(b, a, (size_t)(q - a));
		}
		if (sep == NULL)
			break;
		p = sep + seplen;
	}
	return b->len ? b->s : "";
}

/* ---- emitting ---- */

static int bad(struct rd *r, int line, const char *case_id, const char *fmt,
    ...) CF_PRINTF(4, 5);

static int
bad(struct rd *r, int line, const char *case_id, const char *fmt, ...)
{
	struct cf_row row;
	va_list ap;

	memset(&row, 0, sizeof row);
	cf_buf_reset(&r->msg);
	va_start(ap, fmt);
	cf_buf_vaddf(&r->msg, fmt, ap);
	va_end(ap);
	row.type = CF_ROW_BAD;
	row.line = line;
	row.msg = r->msg.s;
	row.case_id = case_id;
	row.sheet = r->sheet;
	return r->fn(&row, r->payload);
}

/*
 * The first control character in s[0..n): a C0 control (U+0000 to
 * U+001F), DEL (U+007F) or a C1 control (U+0080 to U+009F, C2 80 to
 * C2 9F in UTF-8), with its code point and its position in characters
 * (from 1).  False when there is none.
 */
static bool
control_in(const char *s, size_t n, unsigned *cp, size_t *at)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t chars = 0;

	for (size_t i = 0; i < n; i++) {
		if ((u[i] & 0xC0) != 0x80)
			chars++;
		if (u[i] < 0x20 || u[i] == 0x7F) {
			*cp = u[i];
			*at = chars;
			return true;
		}
		if (u[i] == 0xC2 && i + 1 < n && u[i + 1] >= 0x80 &&
		    u[i + 1] <= 0x9F) {
			*cp = u[i + 1];
			*at = chars;
			return true;
		}
	}
	return false;
}

/*
 * Identifiers hold no control character (doc/cases.md): 1 when the
 * value of `what` (a column, or an XES key and `of` whose) has none;
 * else the bad row is emitted, naming it but not quoting it, and 0 (or
 * the callback's negative return) comes back.
 */
static int
ident_ok(struct rd *r, int line, const char *case_id, const char *what,
    const char *of, struct span sp)
{
	unsigned cp;
	size_t at;
	int rc;

	if (!control_in(sp.s, sp.n, &cp, &at))
		return 1;
	rc = bad(r, line, case_id,
	    "%s%s: control character U+%04X at character %zu, expected an "
	    "identifier without control characters (C0, DEL or C1)",
	    what, of, cp, at);
	return rc < 0 ? rc : 0;
}

static int
emit_case(struct rd *r, int line, const struct cf_caserow *c)
{
	struct cf_row row;

	memset(&row, 0, sizeof row);
	row.type = CF_ROW_CASE;
	row.line = line;
	row.c = *c;
	row.c.line = line;
	if (r->o->batch > 0) {
		row.c.batch = row.c.wrote_batch = r->o->batch;
		row.c.wrote_line = line;
		row.c.completed_batch = c->completed ? r->o->batch : 0;
		cf_buf_reset(&r->enc);
		cf_casedb_case_encode(&row.c, &r->enc);
		cf_sha256_short(r->enc.s, r->enc.len, row.c.hash);
		row.c.hashed = true;
	}
	return r->fn(&row, r->payload);
}

static int
emit_event(struct rd *r, int line, const struct cf_eventrow *e)
{
	struct cf_row row;

	memset(&row, 0, sizeof row);
	row.type = CF_ROW_EVENT;
	row.line = line;
	row.e = *e;
	row.e.line = line;
	cf_rows_local(r->o->tz, &e->ts, &row.e.ts_wall, NULL);
	if (r->o->batch > 0) {
		row.e.batch = r->o->batch;
		row.e.seq = r->o->seq_first + r->nevents++;
		cf_buf_reset(&r->enc);
		cf_casedb_event_encode(&row.e, &r->enc);
		cf_sha256_short(r->enc.s, r->enc.len, row.e.hash);
		row.e.hashed = true;
	}
	return r->fn(&row, r->payload);
}

/*
 * Parses a timestamp; 1 when it parses, else the bad row is emitted and
 * 0 (or the callback's negative return) comes back.
 */
static int
parse_time(struct rd *r, int line, const char *case_id, const char *what,
    struct span sp, struct cf_time *out)
{
	int rc;

	/* CSV files also carry the dates spreadsheets write (date.h);
	 * XES times are xs:dateTime. */
	if ((r->format == CF_ROW_XES ? cf_time_parse(out, sp.s, sp.n, r->o->tz)
				     : cf_time_parse_excel(out, sp.s, sp.n,
					   r->o->tz)) == 0)
		return 1;
	rc = bad(r, line, case_id, "%s: %s", what, cf_error_message());
	return rc < 0 ? rc : 0;
}

/* A value as a message quotes it: "VALUE", or its size when it is long
 * or holds a control character. */
static void
quote_value(struct cf_buf *b, struct span sp)
{
	unsigned cp;
	size_t at;

	if (sp.n > 64 || control_in(sp.s, sp.n, &cp, &at))
		cf_buf_addf(b, "a value of %zu bytes", sp.n);
	else
		cf_buf_addf(b, "\"%.*s\"", (int)sp.n, sp.s);
}

/*
 * Whether a workbook's cell is written as the sheet reader writes a date
 * cell, YYYY-MM-DDTHH:MM:SS (xlsx.h): a date the sheet holds as a date,
 * which a profile's format (written for the text of a CSV export) does
 * not describe (doc/cases.md "Spreadsheets").
 */
static bool
sheet_time(struct span sp)
{
	static const char form[] = "dddd-dd-ddTdd:dd:dd";

	if (sp.n != sizeof form - 1)
		return false;
	for (size_t i = 0; i < sp.n; i++)
		if (form[i] == 'd' ? sp.s[i] < '0' || sp.s[i] > '9'
				   : sp.s[i] != form[i])
			return false;
	return true;
}

/*
 * The time of CSV column `c`: by its profile field's format when it has
 * one (but a workbook's date cell by its date), else by doc/cases.md's
 * forms.  As parse_time.
 */
static int
parse_col_time(struct rd *r, int line, const char *case_id, int c,
    struct span sp, struct cf_time *out)
{
	const struct cf_profile_field *f = r->pf[c];
	struct cf_buf q;
	int rc;

	if (f == NULL || f->format == NULL || (r->xlsx && sheet_time(sp)))
		return parse_time(r, line, case_id, r->label[c], sp, out);
	if (cf_profile_time_parse(out, sp.s, sp.n, f->format, r->o->tz) == 0)
		return 1;
	cf_error_clear();
	cf_buf_init(&q);
	quote_value(&q, sp);
	rc = bad(r, line, case_id,
	    "%s: %s is not a %s of the form %s, expected one that exists "
	    "written that way (the format of profile %s)",
	    r->label[c], q.s, strstr(f->format, "%H") ? "time" : "date",
	    f->format, r->o->profile->id);
	cf_buf_release(&q);
	return rc < 0 ? rc : 0;
}

/*
 * An optional instant of the case in column `col` (XES: attribute
 * `key`), its local wall time and day, which must lie on the `side` of
 * the acceptance (1: at or after it, the completion; -1: at or before
 * it, the receipt).  1 when fine; else as parse_time.
 */
static int
case_instant(struct rd *r, int line, const struct cf_caserow *c,
    struct span sp, int col, const char *key, int side, struct cf_time *t,
    int64_t *wall, cf_day *day)
{
	char a[32], b[32];
	int rc;

	if ((rc = r->format == CF_ROW_XES
		    ? parse_time(r, line, c->id, key, sp, t)
		    : parse_col_time(r, line, c->id, col, sp, t)) <= 0)
		return rc;
	cf_rows_local(r->o->tz, t, wall, day);
	if (cf_time_cmp(t, &c->accepted) * side >= 0)
		return 1;
	cf_wall_format(*wall, a);
	cf_wall_format(c->accepted_wall, b);
	rc = bad(r, line, c->id, "%s %s is %s %s %s, expected %s",
	    r->format == CF_ROW_XES ? key : r->label[col], a,
	    side > 0 ? "before" : "after",
	    r->format == CF_ROW_XES ? "accepted_at" : r->label[C_ACCEPTED_AT],
	    b,
	    side > 0 ? "completion at or after acceptance"
		     : "receipt on or before acceptance");
	return rc < 0 ? rc : 0;
}

/*
 * The optional fields of a case.  1 when they are fine; else as
 * parse_time.
 */
static int
case_optional(struct rd *r, int line, struct cf_caserow *c,
    struct span completed, struct span received, bool has_materials,
    struct span fee, struct span materials, struct span window,
    struct span channel)
{
	int rc;

	if (completed.n) {
		if ((rc = case_instant(r, line, c, completed, C_COMPLETED_AT,
			 "completed_at", 1, &c->completed_at,
			 &c->completed_wall, &c->completed_day)) <= 0)
			return rc;
		c->completed = true;
	}
	/* The receipt: on or before the acceptance (doc/cases.md). */
	if (received.n) {
		if ((rc = case_instant(r, line, c, received, C_RECEIVED_AT,
			 "received_at", -1, &c->received_at, &c->received_wall,
			 NULL)) <= 0)
			return rc;
		c->received = true;
	}
	if (fee.n) {
		if (cf_amount_parse(&c->fee_fen, fee.s, fee.n) < 0) {
			rc = bad(r, line, c->id, "%s: %s",
			    r->format == CF_ROW_XES ? "fee_charged"
						    : r->label[C_FEE_CHARGED],
			    cf_error_message());
			return rc < 0 ? rc : 0;
		}
		c->has_fee = true;
	}
	c->materials = has_materials
	    ? cf_materials_norm(&r->mat, materials.s, materials.n)
	    : NULL;
	c->window = span_str(&r->bufs[B_WINDOW], window);
	c->channel = span_str(&r->bufs[B_CHANNEL], channel);
	return 1;
}

/* ---- CSV ---- */

/* The records of a table: a CSV file's, or an .xlsx sheet's rows. */
struct table {
	struct cf_csv *csv;
	struct cf_xlsx *xlsx;
	struct cf_decode *dec; /* a CSV file not in UTF-8 */
};

/*
 * The header read through the profile: each of its fields is the column
 * the header names as the profile does; a required field's column
 * missing is the header's one bad row.
 */
static int
profile_header(struct rd *r, int line)
{
	const struct cf_profile *p = r->o->profile;
	size_t nreq;
	const char *const *fields = cf_profile_fields(p->kind, &nreq);
	size_t ncols = p->kind == CF_PROFILE_EVENTS ? NEVCOLS
	    : p->kind == CF_PROFILE_EVALUATIONS	   ? NEVALCOLS
						   : NCASECOLS;

	r->format = p->kind == CF_PROFILE_EVENTS ? CF_ROW_EVENTS_CSV
	    : p->kind == CF_PROFILE_EVALUATIONS	 ? CF_ROW_EVALUATIONS_CSV
						 : CF_ROW_CASES_CSV;
	for (size_t c = 0; c < ncols; c++) {
		const struct cf_profile_field *f = cf_profile_find(p,
		    fields[c]);
		r->col[c] = -1;
		r->pf[c] = f;
		r->label[c] = fields[c];
		if (f == NULL)
			continue;
		r->labels[c] = cf_xasprintf("%s (%s)", f->column, fields[c]);
		r->label[c] = r->labels[c];
		for (size_t i = 0; i < r->names.n; i++)
			if (strcmp(r->names.v[i], f->column) == 0) {
				r->col[c] = (int)i;
				r->known[i] = true;
			}
		if (r->col[c] < 0 && c < nreq)
			return bad(r, line, NULL,
			    "the header has no column '%s', which profile %s "
			    "reads as the required field %s, expected a "
			    "column named so (or a profile for this export)",
			    f->column, p->id, fields[c]);
	}
	return 1;
}

/*
 * The message of bytes not valid in the file's encoding: the reader's,
 * and for a file read as UTF-8 the fix (doc/cases.md#encodings).  Such
 * a row is the file's verdict: read in the wrong encoding, nearly every
 * row would fail the same way, so the rest of the file is not read.
 */
static int
bad_encoding(struct rd *r, int line, const char *what)
{
	const char *enc = cf_encoding_canon(r->o->encoding);

	if (enc == NULL)
		return bad(r, line, NULL,
		    "%s; a file saved in GBK or GB18030 (as Excel on "
		    "Chinese Windows does) needs an import profile "
		    "(--profile ID) with encoding=\"GB18030\"",
		    what);
	if (strcmp(enc, "UTF-8") == 0)
		return bad(r, line, NULL,
		    "%s, as the profile declares (encoding=\"%s\"); a file "
		    "in GBK or GB18030 needs encoding=\"GB18030\"",
		    what, r->o->encoding);
	if (strstr(what, "encoding=\"") != NULL)
		return bad(r, line, NULL, "%s", what);
	return bad(r, line, NULL, "%s (encoding=\"%s\")", what,
	    r->o->encoding);
}

static int
tab_next(struct table *t)
{
	return t->xlsx ? cf_xlsx_next(t->xlsx) : cf_csv_next(t->csv);
}

static size_t
tab_count(const struct table *t)
{
	return t->xlsx ? cf_xlsx_count(t->xlsx) : cf_csv_count(t->csv);
}

static const char *
tab_value(const struct table *t, size_t i, size_t *len)
{
	return t->xlsx ? cf_xlsx_value(t->xlsx, i, len)
		       : cf_csv_value(t->csv, i, len);
}

static int
tab_line(const struct table *t)
{
	return t->xlsx ? cf_xlsx_row(t->xlsx) : cf_csv_line(t->csv);
}

static int
read_header(struct rd *r, struct table *csv)
{
	const char *const *cols;
	size_t ncols;
	int line, rc = tab_next(csv);

	if (rc == 0)
		return bad(r, 1, NULL,
		    "empty file, expected a header row (case_id, "
		    "procedure_id, accepted_at, ... or case_id, activity, "
		    "timestamp, ... or case_id, rated_at, rating, ...)");
	if (rc == CF_EINVALID && csv->csv && cf_csv_encoding_error(csv->csv)) {
		rc = bad_encoding(r, tab_line(csv), cf_error_message());
		return rc < 0 ? rc : 0;
	}
	if (rc == CF_EINVALID)
		return bad(r, tab_line(csv), NULL, "header row: %s",
		    cf_error_message());
	if (rc < 0)
		return rc;
	line = tab_line(csv);
	r->nheader = tab_count(csv);
	r->known = cf_xcalloc(r->nheader, sizeof *r->known);
	for (size_t i = 0; i < r->nheader; i++) {
		size_t n;
		const char *s = tab_value(csv, i, &n);
		struct span sp = trimmed(s, n);
		if (sp.n == 0)
			return bad(r, line, NULL,
			    "column %zu has no name in the header, expected "
			    "a name for every column",
			    i + 1);
		char *name = cf_xstrndup(sp.s, sp.n);
		for (size_t k = 0; k < r->names.n; k++)
			if (strcmp(r->names.v[k], name) == 0) {
				rc = bad(r, line, NULL,
				    "column '%s' appears twice in the header, "
				    "expected each column once",
				    name);
				free(name);
				return rc;
			}
		cf_strv_push_owned(&r->names, name);
	}
	if (r->o->profile)
		return profile_header(r, line);
	bool has_proc = false, has_act = false, has_rating = false;
	for (size_t i = 0; i < r->names.n; i++) {
		has_proc |= strcmp(r->names.v[i], "procedure_id") == 0;
		has_act |= strcmp(r->names.v[i], "activity") == 0;
		has_rating |= strcmp(r->names.v[i], "rating") == 0;
	}
	if (!has_proc && !has_act && !has_rating)
		return bad(r, line, NULL,
		    "the header names neither procedure_id (a cases file) "
		    "nor activity (an events file) nor rating (an "
		    "evaluations file), expected one of them");
	r->format = has_proc ? CF_ROW_CASES_CSV
	    : has_act	     ? CF_ROW_EVENTS_CSV
			     : CF_ROW_EVALUATIONS_CSV;
	cols = has_proc ? case_cols : has_act ? event_cols : eval_cols;
	ncols = has_proc ? NCASECOLS : has_act ? NEVCOLS : NEVALCOLS;
	for (size_t c = 0; c < ncols; c++) {
		r->col[c] = -1;
		r->label[c] = cols[c];
		for (size_t i = 0; i < r->names.n; i++)
			if (strcmp(r->names.v[i], cols[c]) == 0) {
				r->col[c] = (int)i;
				r->known[i] = true;
			}
	}
	/* The three required columns come first in both tables. */
	for (size_t k = 0; k < 3; k++)
		if (r->col[k] < 0)
			return bad(r, line, NULL,
			    "missing required column '%s' in the header of "
			    "%s file, expected %s, %s and %s",
			    cols[k],
			    has_proc	? "a cases"
				: has_act ? "an events"
					  : "an evaluations",
			    cols[0], cols[1], cols[2]);
	return 1;
}

static struct span
col(struct rd *r, struct table *csv, int c)
{
	size_t n;
	const char *s;

	struct span sp;

	if (r->col[c] < 0)
		return trimmed(NULL, 0);
	s = tab_value(csv, (size_t)r->col[c], &n);
	sp = trimmed(s, n);
	if (r->pf[c])
		for (size_t k = 0; k < r->pf[c]->nmaps; k++) {
			const struct cf_profile_map *m = &r->pf[c]->maps[k];
			if (strlen(m->from) == sp.n &&
			    memcmp(m->from, sp.s, sp.n) == 0)
				return trimmed_z(m->to);
		}
	return sp;
}

/* The unknown columns' non-empty values, as JSON (NULL when none). */
static const char *
csv_attrs(struct rd *r, struct table *csv)
{
	cf_attrs_reset(&r->attrs);
	for (size_t i = 0; i < r->nheader; i++) {
		size_t n;
		const char *s;
		if (r->known[i])
			continue;
		s = tab_value(csv, i, &n);
		if (n)
			cf_attrs_add(&r->attrs, r->names.v[i],
			    strlen(r->names.v[i]), s, n);
	}
	return cf_attrs_json(&r->attrs);
}

/* The first required value that is empty, or -1. */
static int
missing(const struct span *v)
{
	for (int k = 0; k < 3; k++)
		if (v[k].n == 0)
			return k;
	return -1;
}

/*
 * A CSV row's values v checked alike in every kind of file: each of
 * idents[0..n) a well-formed identifier, the first three (the required
 * columns, named cols[k] in the message) present.  1 when they are,
 * else as bad().
 */
static int
checked(struct rd *r, int line, const char *case_id, const struct span *v,
    const int *idents, size_t n, const char *const *cols)
{
	int k, rc;

	for (size_t i = 0; i < n; i++)
		if ((rc = ident_ok(r, line, case_id, r->label[idents[i]], "",
			 v[idents[i]])) <= 0)
			return rc;
	if ((k = missing(v)) >= 0)
		return bad(r, line, case_id,
		    "missing value for '%s', expected a non-empty %s",
		    r->label[k], cols[k]);
	return 1;
}

static int
csv_case_row(struct rd *r, struct table *csv, int line)
{
	struct span v[NCASECOLS];
	struct cf_caserow c;
	int k, rc;

	memset(&c, 0, sizeof c);
	for (k = 0; k < NCASECOLS; k++)
		v[k] = col(r, csv, k);
	c.id = span_str(&r->bufs[B_ID], v[C_CASE_ID]);
	static const int idents[] = { C_CASE_ID, C_PROCEDURE_ID, C_MATERIALS,
		C_WINDOW, C_CHANNEL };
	if ((rc = checked(r, line, c.id, v, idents, CF_ARRAY_LEN(idents),
		 case_cols)) <= 0)
		return rc;
	c.procedure = span_str(&r->bufs[B_PROC], v[C_PROCEDURE_ID]);
	if (!known_procedure(r, c.procedure))
		return bad(r, line, c.id,
		    "unknown %s '%s', expected a procedure "
		    "committed on main (procedures/%s.xml)",
		    r->label[C_PROCEDURE_ID], c.procedure, c.procedure);
	if ((rc = parse_col_time(r, line, c.id, C_ACCEPTED_AT,
		 v[C_ACCEPTED_AT], &c.accepted)) <= 0)
		return rc;
	cf_rows_local(r->o->tz, &c.accepted, &c.accepted_wall, &c.accepted_day);
	if ((rc = case_optional(r, line, &c, v[C_COMPLETED_AT],
		 v[C_RECEIVED_AT], r->col[C_MATERIALS] >= 0, v[C_FEE_CHARGED],
		 v[C_MATERIALS],
		 v[C_WINDOW], v[C_CHANNEL])) <= 0)
		return rc;
	c.attrs = csv_attrs(r, csv);
	return emit_case(r, line, &c);
}

static int
csv_event_row(struct rd *r, struct table *csv, int line)
{
	struct span v[NEVCOLS];
	struct cf_eventrow e;
	int k, rc;

	memset(&e, 0, sizeof e);
	for (k = 0; k < NEVCOLS; k++)
		v[k] = col(r, csv, k);
	static const int idents[] = { V_CASE_ID, V_ACTIVITY, V_ACTOR, V_ROLE };
	if ((rc = checked(r, line, NULL, v, idents, CF_ARRAY_LEN(idents),
		 event_cols)) <= 0)
		return rc;
	if ((rc = parse_col_time(r, line, NULL, V_TIMESTAMP, v[V_TIMESTAMP],
		 &e.ts)) <= 0)
		return rc;
	e.case_id = span_str(&r->bufs[B_ID], v[V_CASE_ID]);
	e.activity = span_str(&r->bufs[B_ACTIVITY], v[V_ACTIVITY]);
	e.actor = span_str(&r->bufs[B_ACTOR], v[V_ACTOR]);
	e.role = span_str(&r->bufs[B_ROLE], v[V_ROLE]);
	e.attrs = csv_attrs(r, csv);
	return emit_event(r, line, &e);
}

/*
 * An evaluation's time `c` (revisit_at, rectified_at): not before the
 * rating.  1 when it is absent or fine (*set tells which), else as
 * parse_time.
 */
static int
eval_time(struct rd *r, int line, struct cf_evalrow *v, int c, struct span sp,
    bool *set, struct cf_time *t, int64_t *wall)
{
	int rc;

	*set = false;
	if (sp.n == 0)
		return 1;
	if ((rc = parse_col_time(r, line, NULL, c, sp, t)) <= 0)
		return rc;
	*set = true;
	cf_rows_local(r->o->tz, t, wall, NULL);
	if (cf_time_cmp(t, &v->rated_at) < 0) {
		char a[32], b[32];
		cf_wall_format(*wall, a);
		cf_wall_format(v->rated_wall, b);
		rc = bad(r, line, NULL,
		    "%s %s is before %s %s, expected a %s at or after the "
		    "rating",
		    r->label[c], a, r->label[W_RATED_AT], b,
		    c == W_REVISIT_AT ? "revisit" : "rectification");
		return rc < 0 ? rc : 0;
	}
	return 1;
}

static int
csv_eval_row(struct rd *r, struct table *csv, int line)
{
	struct span v[NEVALCOLS];
	struct cf_evalrow e;
	struct cf_buf q;
	struct cf_row row;
	int k, rc;

	memset(&e, 0, sizeof e);
	for (k = 0; k < NEVALCOLS; k++)
		v[k] = col(r, csv, k);
	static const int idents[] = { W_CASE_ID, W_CHANNEL };
	if ((rc = checked(r, line, NULL, v, idents, CF_ARRAY_LEN(idents),
		 eval_cols)) <= 0)
		return rc;
	if ((rc = parse_col_time(r, line, NULL, W_RATED_AT, v[W_RATED_AT],
		 &e.rated_at)) <= 0)
		return rc;
	cf_rows_local(r->o->tz, &e.rated_at, &e.rated_wall, NULL);
	/* An integer 1..5, as written: "5", not "5.0" or "05". */
	if (v[W_RATING].n != 1 || v[W_RATING].s[0] < '1' ||
	    v[W_RATING].s[0] > '5') {
		cf_buf_init(&q);
		quote_value(&q, v[W_RATING]);
		rc = bad(r, line, NULL,
		    "%s: %s is not a rating, expected an integer from 1 "
		    "(非常不满意) to 5 (非常满意)",
		    r->label[W_RATING], q.s);
		cf_buf_release(&q);
		return rc;
	}
	e.rating = v[W_RATING].s[0] - '0';
	struct span rn = v[W_REAL_NAME];
	if (rn.n == 0)
		e.real_name = -1;
	else if (rn.n == 3 && memcmp(rn.s, "yes", 3) == 0)
		e.real_name = 1;
	else if (rn.n == 2 && memcmp(rn.s, "no", 2) == 0)
		e.real_name = 0;
	else {
		cf_buf_init(&q);
		quote_value(&q, rn);
		rc = bad(r, line, NULL,
		    "%s: %s is neither yes nor no, expected yes, no or an "
		    "empty cell (not recorded)",
		    r->label[W_REAL_NAME], q.s);
		cf_buf_release(&q);
		return rc;
	}
	if ((rc = eval_time(r, line, &e, W_REVISIT_AT, v[W_REVISIT_AT],
		 &e.revisited, &e.revisit_at, &e.revisit_wall)) <= 0 ||
	    (rc = eval_time(r, line, &e, W_RECTIFIED_AT, v[W_RECTIFIED_AT],
		 &e.rectified, &e.rectified_at, &e.rectified_wall)) <= 0)
		return rc;
	e.case_id = span_str(&r->bufs[B_ID], v[W_CASE_ID]);
	e.channel = span_str(&r->bufs[B_CHANNEL], v[W_CHANNEL]);
	e.comment = span_str(&r->bufs[B_COMMENT], v[W_COMMENT]);
	e.attrs = csv_attrs(r, csv);
	e.line = line;
	if (r->o->batch > 0) { /* as the import inserts it (import.h) */
		e.batch = e.wrote_batch = r->o->batch;
		e.wrote_line = line;
		cf_buf_reset(&r->enc);
		cf_casedb_eval_encode(&e, &r->enc);
		cf_sha256_short(r->enc.s, r->enc.len, e.hash);
		e.hashed = true;
	}
	memset(&row, 0, sizeof row);
	row.type = CF_ROW_EVAL;
	row.line = line;
	row.v = e;
	return r->fn(&row, r->payload);
}

/*
 * A CSV reader on `fd`, or for a workbook (by its zip magic) the sheet
 * reader; 1, or 0 when the workbook is refused (its bad row emitted).
 */
static int
open_table(struct rd *r, int fd, struct table *t)
{
	unsigned char magic[4];
	ssize_t got = pread(fd, magic, sizeof magic, 0);
	const char *enc = cf_encoding_canon(r->o->encoding);
	int rc;

	memset(t, 0, sizeof *t);
	if (got > 0 && cf_xlsx_magic(magic, (size_t)got)) {
		r->xlsx = true;
		rc = cf_xlsx_open(&t->xlsx, fd, r->name, r->o->sheet);
		if (rc == CF_EINVALID)
			rc = bad(r, 0, NULL, "%s", cf_error_message());
		if (rc < 0)
			return rc;
		if (t->xlsx == NULL)
			return 0;
		r->sheet = cf_xstrdup(cf_xlsx_sheet(t->xlsx));
		struct cf_row row;
		memset(&row, 0, sizeof row);
		row.type = CF_ROW_SHEET;
		row.sheet = r->sheet;
		return (rc = r->fn(&row, r->payload)) < 0 ? rc : 1;
	}
	if (r->o->encoding && enc == NULL)
		return bad(r, 1, NULL,
		    "encoding '%s' is not one conform reads, expected UTF-8 "
		    "or GB18030 (GBK, "
		    "GB2312 and CP936 are read as GB18030)",
		    r->o->encoding);
	/* UTF-8 needs no decoder: the reader drops the BOM and checks it. */
	if (enc && strcmp(enc, "UTF-8") != 0) {
		if ((rc = cf_decode_open(&t->dec, fd, r->name, enc)) < 0)
			return rc;
		cf_csv_open_decode(&t->csv, t->dec, r->name);
	} else
		cf_csv_open_fd(&t->csv, fd, r->name);
	return 1;
}

/*
 * For a workbook's bad cell, "COLUMN: " with the column as the header
 * names it (and as the profile reads it: "受理时间 (accepted_at)"), so
 * that a bad row names its column as a CSV one does; else "".
 */
static const char *
cell_column(struct rd *r, const struct table *t)
{
	int c = t->xlsx ? cf_xlsx_bad_column(t->xlsx) : -1;
	const char *name;

	if (c < 0 || (size_t)c >= r->names.n)
		return "";
	name = r->names.v[c];
	for (int f = 0; f < NCASECOLS; f++)
		if (r->col[f] == c && r->label[f]) {
			name = r->label[f];
			break;
		}
	cf_buf_reset(&r->bufs[B_ID]);
	cf_buf_addf(&r->bufs[B_ID], "%s: ", name);
	return r->bufs[B_ID].s;
}

static int
read_csv(struct rd *r, int fd)
{
	struct table t, *csv = &t;
	int rc;

	r->format = CF_ROW_CASES_CSV;
	if ((rc = open_table(r, fd, &t)) <= 0)
		return rc;
	if ((rc = read_header(r, csv)) <= 0)
		goto out;
	while ((rc = tab_next(csv)) != 0) {
		int line = tab_line(csv);
		if (rc == CF_EINVALID && t.csv &&
		    cf_csv_encoding_error(t.csv)) {
			rc = bad_encoding(r, line, cf_error_message());
			goto out;
		}
		if (rc == CF_EINVALID) {
			if ((rc = bad(r, line, NULL, "%s%s",
				 cell_column(r, &t), cf_error_message())) < 0)
				goto out;
			continue;
		}
		if (rc < 0)
			goto out;
		r->rows++;
		if (tab_count(csv) != r->nheader)
			rc = bad(r, line,
			    r->format == CF_ROW_CASES_CSV &&
				    (size_t)r->col[C_CASE_ID] <
					tab_count(csv)
				? span_str(&r->bufs[B_ID],
				      col(r, csv, C_CASE_ID))
				: NULL,
			    "%zu field%s, expected %zu as in the header",
			    tab_count(csv),
			    tab_count(csv) == 1 ? "" : "s", r->nheader);
		else if (r->format == CF_ROW_EVENTS_CSV)
			rc = csv_event_row(r, csv, line);
		else if (r->format == CF_ROW_EVALUATIONS_CSV)
			rc = csv_eval_row(r, csv, line);
		else
			rc = csv_case_row(r, csv, line);
		if (rc < 0)
			goto out;
	}
out:
	cf_csv_free(t.csv);
	cf_xlsx_free(t.xlsx);
	cf_decode_free(t.dec);
	return rc;
}

/* ---- XES ---- */

/* The identifiers of an XES event, as ident_ok. */
static int
event_idents(struct rd *r, const struct cf_xes_event *ev, const char *id)
{
	const struct {
		const char *key, *value;
	} f[] = {
		{ "concept:name", ev->activity },
		{ "org:resource", ev->actor },
		{ "org:role", ev->role },
	};
	int rc = 1;

	for (size_t i = 0; i < CF_ARRAY_LEN(f) && rc == 1; i++)
		rc = ident_ok(r, ev->line, id, f[i].key, " of the event",
		    trimmed_z(f[i].value));
	return rc;
}

static int
xes_trace(const struct cf_xes_trace *t, void *payload)
{
	struct rd *r = payload;
	struct cf_caserow c;
	const char *id = span_str(&r->bufs[B_ID], trimmed_z(t->id));
	size_t first = 0, last = 0;
	bool ok = true;
	int rc;

	r->traces++;
	r->rows += (int64_t)t->nevents;
	if (t->nevents == 0) {
		r->empty_traces++;
		return 0;
	}
	if (id == NULL)
		return bad(r, t->line, NULL,
		    "trace without concept:name, expected the case id in a "
		    "<string key=\"concept:name\"> of the trace (globals do "
		    "not supply it)");
	/* Identifiers first: the trace's, then each event's below. */
	const struct {
		const char *key, *value;
	} tids[] = {
		{ "concept:name", t->id },
		{ "procedure", r->o->procedure ? NULL : t->procedure },
		{ "materials", t->materials },
		{ "window", t->window },
		{ "channel", t->channel },
	};
	for (size_t i = 0; i < CF_ARRAY_LEN(tids); i++)
		if ((rc = ident_ok(r, t->line, id, tids[i].key, " of the trace",
			 trimmed_z(tids[i].value))) <= 0)
			return rc;
	memset(&c, 0, sizeof c);
	c.id = id;
	c.procedure = r->o->procedure;
	if (c.procedure == NULL) {
		c.procedure = span_str(&r->bufs[B_PROC],
		    trimmed_z(t->procedure));
		if (c.procedure == NULL)
			return bad(r, t->line, id,
			    "trace '%s' has no procedure, expected a "
			    "'procedure' attribute or --procedure ID",
			    id);
		if (!known_procedure(r, c.procedure))
			return bad(r, t->line, id,
			    "unknown procedure '%s', expected a procedure "
			    "committed on main (procedures/%s.xml)",
			    c.procedure, c.procedure);
	}
	/* Every event needs an activity and a time. */
	CF_GROW(r->times, t->nevents, r->atimes);
	for (size_t i = 0; i < t->nevents; i++) {
		const struct cf_xes_event *ev = &t->events[i];
		struct span ts = trimmed_z(ev->timestamp);
		if (trimmed_z(ev->activity).n == 0)
			rc = bad(r, ev->line, id,
			    "event without concept:name, expected its "
			    "activity");
		else
			rc = event_idents(r, ev, id);
		if (rc == 1 && ts.n == 0)
			rc = bad(r, ev->line, id,
			    "event without time:timestamp, expected its time "
			    "(globals do not supply it)");
		else if (rc == 1)
			rc = parse_time(r, ev->line, id, "time:timestamp", ts,
			    &r->times[i]);
		if (rc < 0)
			return rc;
		if (rc == 0) {
			ok = false;
			continue;
		}
		if (cf_time_cmp(&r->times[i], &r->times[first]) < 0)
			first = i;
		if (cf_time_cmp(&r->times[i], &r->times[last]) >= 0)
			last = i;
	}
	if (!ok)
		return 0;
	struct span acc = trimmed_z(t->accepted_at);
	if (acc.n) {
		if ((rc = parse_time(r, t->line, id, "accepted_at", acc,
			 &c.accepted)) <= 0)
			return rc;
	} else
		c.accepted = r->times[first];
	cf_rows_local(r->o->tz, &c.accepted, &c.accepted_wall, &c.accepted_day);
	/*
	 * Completion: the last event, unless completed_at says otherwise;
	 * where the version in force marks final steps, only when the
	 * last event is one, else the case is pending (doc/cases.md): a
	 * log still growing completes its case in a later export.
	 */
	struct span comp = trimmed_z(t->completed_at);
	if (t->completed_at == NULL &&
	    cf_finals_judge(r->o->finals, c.procedure, c.accepted_day,
		span_str(&r->bufs[B_ACTIVITY],
		    trimmed_z(t->events[last].activity))) == CF_FINAL_NO)
		comp.n = 0;
	else if (t->completed_at == NULL) {
		c.completed = true;
		c.completed_at = r->times[last];
		cf_rows_local(r->o->tz, &c.completed_at, &c.completed_wall,
		    &c.completed_day);
		if (cf_time_cmp(&c.completed_at, &c.accepted) < 0) {
			char a[32], b[32];
			cf_wall_format(c.completed_wall, a);
			cf_wall_format(c.accepted_wall, b);
			return bad(r, t->line, id,
			    "the last event (%s) is before accepted_at %s, "
			    "expected completion at or after acceptance",
			    a, b);
		}
		comp.n = 0;
	}
	if ((rc = case_optional(r, t->line, &c, comp,
		 trimmed_z(t->received_at), t->materials != NULL,
		 trimmed_z(t->fee_charged), trimmed_z(t->materials),
		 trimmed_z(t->window), trimmed_z(t->channel))) <= 0)
		return rc;
	c.attrs = t->attrs;
	if ((rc = emit_case(r, t->line, &c)) < 0)
		return rc;
	for (size_t i = 0; i < t->nevents; i++) {
		const struct cf_xes_event *xe = &t->events[i];
		struct cf_eventrow e;
		memset(&e, 0, sizeof e);
		e.case_id = id;
		e.activity = span_str(&r->bufs[B_ACTIVITY],
		    trimmed_z(xe->activity));
		e.ts = r->times[i];
		e.actor = span_str(&r->bufs[B_ACTOR], trimmed_z(xe->actor));
		e.role = span_str(&r->bufs[B_ROLE], trimmed_z(xe->role));
		e.attrs = xe->attrs;
		if ((rc = emit_event(r, xe->line, &e)) < 0)
			return rc;
	}
	return 0;
}

static int
read_xes(struct rd *r, int fd)
{
	int line, rc;

	r->format = CF_ROW_XES;
	rc = cf_xes_read(fd, r->name, xes_trace, r, &line);
	if (rc == CF_EINVALID)
		rc = bad(r, line, NULL, "%s", cf_error_message());
	return rc;
}

int
cf_rows_read(int fd, const char *name, const struct cf_rows_opts *o,
    cf_row_fn fn, void *payload)
{
	struct rd r;
	struct cf_row end;
	int rc;

	memset(&r, 0, sizeof r);
	r.o = o;
	r.name = name;
	r.fn = fn;
	r.payload = payload;
	cf_buf_init(&r.msg);
	cf_buf_init(&r.mat);
	cf_buf_init(&r.enc);
	for (int i = 0; i < NBUFS; i++)
		cf_buf_init(&r.bufs[i]);
	if (lseek(fd, 0, SEEK_SET) != 0)
		rc = cf_error_set(CF_ERROR, "cannot read '%s'", name);
	else
		rc = o->xes ? read_xes(&r, fd) : read_csv(&r, fd);
	if (rc > 0)
		rc = 0;
	memset(&end, 0, sizeof end);
	end.type = CF_ROW_END;
	end.status = rc;
	end.msg = rc < 0 ? cf_error_message() : NULL;
	end.format = r.format;
	end.sheet = r.sheet;
	end.rows = r.rows;
	end.traces = r.traces;
	end.empty_traces = r.empty_traces;
	int rc2 = fn(&end, payload);
	if (rc == 0 && rc2 < 0)
		rc = rc2;
	cf_buf_release(&r.msg);
	cf_buf_release(&r.mat);
	cf_buf_release(&r.enc);
	for (int i = 0; i < NBUFS; i++)
		cf_buf_release(&r.bufs[i]);
	cf_attrs_release(&r.attrs);
	cf_strv_release(&r.names);
	for (int i = 0; i < NCASECOLS; i++)
		free(r.labels[i]);
	free(r.known);
	free(r.times);
	free(r.sheet);
	return rc;
}

/* ---- packing rows into chunks ---- */

#define NULL_LEN UINT32_MAX

static void
put_str(struct cf_buf *b, const char *s)
{
	uint32_t n = s ? (uint32_t)strlen(s) : NULL_LEN;

	cf_buf_add(b, &n, sizeof n);
	if (s)
		cf_buf_add(b, s, (size_t)n + 1);
}

static const char *
get_str(const char *buf, size_t *pos)
{
	uint32_t n;
	const char *s;

	memcpy(&n, buf + *pos, sizeof n);
	*pos += sizeof n;
	if (n == NULL_LEN)
		return NULL;
	s = buf + *pos;
	*pos += (size_t)n + 1;
	return s;
}

void
cf_row_put(struct cf_buf *b, const struct cf_row *r)
{
	unsigned char type = (unsigned char)r->type;

	cf_buf_add(b, &type, 1);
	switch (r->type) {
	case CF_ROW_CASE:
		cf_buf_add(b, &r->c, sizeof r->c);
		put_str(b, r->c.id);
		put_str(b, r->c.procedure);
		put_str(b, r->c.materials);
		put_str(b, r->c.window);
		put_str(b, r->c.channel);
		put_str(b, r->c.attrs);
		break;
	case CF_ROW_EVENT:
		cf_buf_add(b, &r->e, sizeof r->e);
		put_str(b, r->e.case_id);
		put_str(b, r->e.activity);
		put_str(b, r->e.actor);
		put_str(b, r->e.role);
		put_str(b, r->e.attrs);
		break;
	case CF_ROW_EVAL:
		cf_buf_add(b, &r->v, sizeof r->v);
		put_str(b, r->v.case_id);
		put_str(b, r->v.channel);
		put_str(b, r->v.comment);
		put_str(b, r->v.attrs);
		break;
	default:
		cf_buf_add(b, r, sizeof *r);
		put_str(b, r->msg);
		put_str(b, r->case_id);
		put_str(b, r->sheet);
		break;
	}
}

bool
cf_row_get(const char *buf, size_t len, size_t *pos, struct cf_row *out)
{
	unsigned char type;

	if (*pos >= len)
		return false;
	type = (unsigned char)buf[(*pos)++];
	switch (type) {
	case CF_ROW_CASE:
		memset(out, 0, sizeof *out);
		memcpy(&out->c, buf + *pos, sizeof out->c);
		*pos += sizeof out->c;
		out->type = CF_ROW_CASE;
		out->line = out->c.line;
		out->c.id = get_str(buf, pos);
		out->c.procedure = get_str(buf, pos);
		out->c.materials = get_str(buf, pos);
		out->c.window = get_str(buf, pos);
		out->c.channel = get_str(buf, pos);
		out->c.attrs = get_str(buf, pos);
		break;
	case CF_ROW_EVENT:
		memset(out, 0, sizeof *out);
		memcpy(&out->e, buf + *pos, sizeof out->e);
		*pos += sizeof out->e;
		out->type = CF_ROW_EVENT;
		out->line = out->e.line;
		out->e.case_id = get_str(buf, pos);
		out->e.activity = get_str(buf, pos);
		out->e.actor = get_str(buf, pos);
		out->e.role = get_str(buf, pos);
		out->e.attrs = get_str(buf, pos);
		break;
	case CF_ROW_EVAL:
		memset(out, 0, sizeof *out);
		memcpy(&out->v, buf + *pos, sizeof out->v);
		*pos += sizeof out->v;
		out->type = CF_ROW_EVAL;
		out->line = out->v.line;
		out->v.case_id = get_str(buf, pos);
		out->v.channel = get_str(buf, pos);
		out->v.comment = get_str(buf, pos);
		out->v.attrs = get_str(buf, pos);
		break;
	default:
		memcpy(out, buf + *pos, sizeof *out);
		*pos += sizeof *out;
		out->msg = get_str(buf, pos);
		out->case_id = get_str(buf, pos);
		out->sheet = get_str(buf, pos);
		break;
	}
	return true;
}
