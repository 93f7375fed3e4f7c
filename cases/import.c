/* SPDX-License-Identifier: MIT */
/*
 * import.c - the import transaction (see import.h).
 *
 * Every file is opened once; its SHA-256 is taken from that descriptor
 * before the transaction starts (so the slow part holds no lock), and
 * the same descriptor is then read again from the start, so the bytes
 * hashed are the bytes imported (short of someone rewriting the file in
 * place meanwhile).
 *
 * Rows are checked and written as they are read; a bad row is counted
 * and written nowhere, and the first bad row makes the end a ROLLBACK,
 * but reading goes on to find every other bad row.  Of those, the first
 * CF_IMPORT_SHOWN by position are kept (a bounded set: when full, a new
 * row replaces the last one if it comes earlier), so memory does not
 * grow with the number of bad rows.
 *
 * Case ids go into an in-memory set (caseset.h) with what the import
 * knows about them: defined here (new, or re-imported), only named by
 * events (stored, or not known yet), or bad.  So an event row costs no
 * query for its case unless the case is neither in the import so far
 * nor looked up before; that lookup is one query per distinct case, and
 * an event whose case is still unknown at the end of the last file is
 * a bad row.  Events of a case that was stored before are compared with
 * the stored ones (one indexed lookup each), the only per-row query.
 */
#include "conform.h"
#include "casedb.h"
#include "caseset.h"
#include "attrs.h"
#include "csv.h"
#include "import.h"
#include "text.h"
#include "xes.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct badrow {
	size_t file;
	int line;
	size_t seq;
	char *msg;
};

/* A field as a pointer and length, trimmed. */
struct span {
	const char *s;
	size_t n;
};

enum { C_CASE_ID, C_PROCEDURE_ID, C_ACCEPTED_AT, C_COMPLETED_AT,
	C_FEE_CHARGED, C_MATERIALS, C_WINDOW, C_CHANNEL, NCASECOLS };
static const char *const case_cols[NCASECOLS] = { "case_id", "procedure_id",
	"accepted_at", "completed_at", "fee_charged", "materials", "window",
	"channel" };

enum { V_CASE_ID, V_ACTIVITY, V_TIMESTAMP, V_ACTOR, V_ROLE, NEVCOLS };
static const char *const event_cols[NEVCOLS] = { "case_id", "activity",
	"timestamp", "actor", "role" };

struct imp {
	struct cf_store *st;
	struct cf_tz *tz;
	const struct cf_import_opts *o;
	struct cf_casedb *db;
	struct cf_caseset *ids;
	char *const *paths;
	size_t n;
	struct cf_import_result *res;
	int64_t *batch_of; /* per file: its batch id, or 0 */
	int64_t seq_first; /* the first sequence number of this import */
	int64_t seq;	   /* the next one */
	size_t fi;	   /* the file being read */
	struct cf_import_file *cur;
	/* bad rows */
	struct badrow shown[CF_IMPORT_SHOWN];
	size_t nshown;
	size_t nbad;
	size_t badseq;
	/* scratch, reused row after row */
	struct cf_buf mat, id;
	struct cf_attrs attrs;
	struct cf_time *times;
	size_t atimes;
	const char *last_known; /* the last procedure id found known */
	struct cf_caseent *last_ent;
};

/* ---- bad rows ---- */

static int
pos_cmp(const struct badrow *a, const struct badrow *b)
{
	if (a->file != b->file)
		return a->file < b->file ? -1 : 1;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static void
add_bad(struct imp *im, size_t file, int line, char *msg)
{
	struct badrow r = { file, line, im->badseq++, msg };
	size_t worst = 0;

	im->nbad++;
	if (im->nshown < CF_IMPORT_SHOWN) {
		im->shown[im->nshown++] = r;
		return;
	}
	for (size_t i = 1; i < im->nshown; i++)
		if (pos_cmp(&im->shown[i], &im->shown[worst]) > 0)
			worst = i;
	if (pos_cmp(&r, &im->shown[worst]) < 0) {
		free(im->shown[worst].msg);
		im->shown[worst] = r;
	} else
		free(msg);
}

static void bad(struct imp *im, int line, const char *fmt, ...)
    CF_PRINTF(3, 4);

static void
bad(struct imp *im, int line, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = cf_xvasprintf(fmt, ap);
	va_end(ap);
	add_bad(im, im->fi, line, msg);
}

static int
shown_cmp(const void *a, const void *b)
{
	return pos_cmp(a, b);
}

static void
publish_bad(struct imp *im)
{
	qsort(im->shown, im->nshown, sizeof im->shown[0], shown_cmp);
	for (size_t i = 0; i < im->nshown; i++) {
		cf_diags_add(&im->res->bad, im->paths[im->shown[i].file],
		    im->shown[i].line, 0, "%s", im->shown[i].msg);
		free(im->shown[i].msg);
	}
	im->nshown = 0;
	im->res->nbad = im->nbad;
}

/* ---- small helpers ---- */

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

/* A trimmed copy, NUL-terminated, in `b` (borrowed until b changes). */
static const char *
span_str(struct cf_buf *b, struct span sp)
{
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
cf_import_local(struct cf_tz *tz, const struct cf_time *t, char out[20],
    cf_day *day)
{
	int64_t wall = t->sec + cf_tz_offset(tz, t->sec);
	cf_day d = (cf_day)floor_div(wall, 86400);
	int rem = (int)(wall - (int64_t)d * 86400);
	int hh = rem / 3600, mm = rem / 60 % 60, ss = rem % 60;

	cf_day_format(d, out);
	out[10] = ' ';
	out[11] = (char)('0' + hh / 10);
	out[12] = (char)('0' + hh % 10);
	out[13] = ':';
	out[14] = (char)('0' + mm / 10);
	out[15] = (char)('0' + mm % 10);
	out[16] = ':';
	out[17] = (char)('0' + ss / 10);
	out[18] = (char)('0' + ss % 10);
	out[19] = '\0';
	*day = d;
}

static int
known_cmp(const void *key, const void *elem)
{
	return strcmp(key, *(char *const *)elem);
}

static bool
known_procedure(struct imp *im, const char *id)
{
	char **hit;

	if (im->last_known && strcmp(im->last_known, id) == 0)
		return true;
	if (im->o->known == NULL || im->o->known->n == 0)
		return false;
	hit = bsearch(id, im->o->known->v, im->o->known->n, sizeof(char *),
	    known_cmp);
	if (hit)
		im->last_known = *hit;
	return hit != NULL;
}

/* "M1; M2;;M3 " -> "M1;M2;M3" in im->mat. */
static const char *
norm_materials(struct imp *im, struct span sp)
{
	const char *p = sp.s, *end = sp.s + sp.n;

	cf_buf_reset(&im->mat);
	while (p <= end) {
		const char *semi = memchr(p, ';', (size_t)(end - p));
		const char *q = semi ? semi : end;
		struct span item = trimmed(p, (size_t)(q - p));
		if (item.n) {
			if (im->mat.len)
				cf_buf_addc(&im->mat, ';');
			cf_buf_add(&im->mat, item.s, item.n);
		}
		p = q + 1;
	}
	return im->mat.len ? im->mat.s : "";
}

static const char *
where(struct imp *im, const struct cf_caseent *e)
{
	static _Thread_local char buf[512];

	snprintf(buf, sizeof buf, "%s:%u", im->paths[e->file], e->line);
	return buf;
}

/* ---- cases ---- */

/* The parts of a case row as read, before the store is consulted. */
struct casein {
	const char *id;
	struct cf_caserow row;
};

static bool
same_time(const struct cf_time *a, const struct cf_time *b)
{
	return cf_time_cmp(a, b) == 0;
}

/* A stored case again: compare, fill what is empty.  false: bad row. */
static int
reimport(struct imp *im, struct cf_caserow *c, int line, bool *ok)
{
	struct cf_caserow was;
	struct cf_caserow now = *c;
	char *conflict = NULL, *merged = NULL;
	bool fill = false;
	int rc;

	*ok = false;
	if ((rc = cf_casedb_case_get(im->db, c->id, &was)) < 0)
		return rc;
	if (strcmp(was.procedure, c->procedure) != 0) {
		bad(im, line,
		    "case '%s' is stored with procedure_id '%s', expected the "
		    "same procedure_id when a case comes again, not '%s'",
		    c->id, was.procedure, c->procedure);
		goto out;
	}
	if (!same_time(&was.accepted, &c->accepted)) {
		bad(im, line,
		    "case '%s' is stored with accepted_at %s, expected the "
		    "same accepted_at when a case comes again, not %s",
		    c->id, was.accepted_local, c->accepted_local);
		goto out;
	}
	/* Each field: empty in the import keeps the store; empty in the
	 * store takes the import; both given must agree. */
	if (c->completed && was.completed &&
	    !same_time(&c->completed_at, &was.completed_at)) {
		bad(im, line,
		    "case '%s' is stored with completed_at %s, expected the "
		    "same or an empty completed_at, not %s",
		    c->id, was.completed_local, c->completed_local);
		goto out;
	}
	if (!c->completed && was.completed) {
		now.completed = true;
		now.completed_at = was.completed_at;
		memcpy(now.completed_local, was.completed_local,
		    sizeof now.completed_local);
		now.completed_day = was.completed_day;
	} else if (c->completed && !was.completed)
		fill = true;
	if (c->has_fee && was.has_fee && c->fee_fen != was.fee_fen) {
		char a[32], b[32];
		cf_amount_format(was.fee_fen, a, sizeof a);
		cf_amount_format(c->fee_fen, b, sizeof b);
		bad(im, line,
		    "case '%s' is stored with fee_charged %s, expected the "
		    "same or an empty fee_charged, not %s",
		    c->id, a, b);
		goto out;
	}
	if (!c->has_fee && was.has_fee) {
		now.has_fee = true;
		now.fee_fen = was.fee_fen;
	} else if (c->has_fee && !was.has_fee)
		fill = true;
	struct {
		const char *name;
		const char **now;
		const char *was;
	} texts[] = {
		{ "materials", &now.materials, was.materials },
		{ "window", &now.window, was.window },
		{ "channel", &now.channel, was.channel },
	};
	for (size_t i = 0; i < CF_ARRAY_LEN(texts); i++) {
		const char *n = *texts[i].now, *w = texts[i].was;
		bool n_empty = n == NULL || *n == '\0';
		bool w_empty = w == NULL || *w == '\0';
		if (!n_empty && !w_empty && strcmp(n, w) != 0) {
			bad(im, line,
			    "case '%s' is stored with %s '%s', expected the "
			    "same or an empty %s, not '%s'",
			    c->id, texts[i].name, w, texts[i].name, n);
			goto out;
		}
		if (n_empty && !w_empty)
			*texts[i].now = w;
		else if (!n_empty && w_empty)
			fill = true;
		else if (n && !w) /* "" (none received) for not recorded */
			fill = true;
	}
	if ((rc = cf_casedb_attrs_merge(im->db, was.attrs, c->attrs, &conflict,
		 &merged)) < 0)
		goto out;
	if (conflict) {
		bad(im, line,
		    "case '%s' is stored with another value of attribute "
		    "'%s', expected the same value when a case comes again",
		    c->id, conflict);
		goto out;
	}
	if (merged && (was.attrs == NULL || strcmp(merged, was.attrs) != 0))
		fill = true;
	now.attrs = merged;
	*ok = true;
	if (fill) {
		rc = cf_casedb_case_update(im->db, &now);
		im->cur->cases_updated++;
	} else
		im->cur->cases_unchanged++;
out:
	free(conflict);
	free(merged);
	cf_caserow_release(&was);
	return rc;
}

/*
 * A case row (or XES trace) that passed the row checks.  *ent gets its
 * entry when it was stored (new or re-imported), else NULL.
 */
static int
accept_case(struct imp *im, struct cf_caserow *c, int line,
    struct cf_caseent **ent)
{
	struct cf_caseent *e;
	bool created, inserted, ok;
	int rc;

	*ent = NULL;
	e = cf_caseset_get(im->ids, c->id, strlen(c->id), &created);
	if (!created && (e->kind == CF_CASE_NEW ||
			    e->kind == CF_CASE_REIMPORT ||
			    e->kind == CF_CASE_BAD)) {
		bad(im, line,
		    "case '%s' appears twice in this import (first at %s), "
		    "expected each case once",
		    c->id, where(im, e));
		return 0;
	}
	bool stored = !created && e->kind == CF_CASE_STORED;
	e->file = (uint16_t)im->fi;
	e->line = (uint32_t)line;
	c->batch = im->cur->batch;
	c->line = line;
	if (!stored) {
		if ((rc = cf_casedb_case_insert(im->db, c, &inserted)) < 0)
			return rc;
		if (inserted) {
			e->kind = CF_CASE_NEW;
			im->cur->cases_new++;
			*ent = e;
			return 0;
		}
	}
	if ((rc = reimport(im, c, line, &ok)) < 0)
		return rc;
	e->kind = ok ? CF_CASE_REIMPORT : CF_CASE_BAD;
	if (ok)
		*ent = e;
	return 0;
}

/* Registers the id of a bad case row, so its events raise no noise. */
static void
bad_case_id(struct imp *im, const char *id, int line)
{
	struct cf_caseent *e;
	bool created;

	if (id == NULL || *id == '\0')
		return;
	e = cf_caseset_get(im->ids, id, strlen(id), &created);
	if (created || e->kind == CF_CASE_STORED ||
	    e->kind == CF_CASE_UNRESOLVED) {
		e->kind = CF_CASE_BAD;
		e->file = (uint16_t)im->fi;
		e->line = (uint32_t)line;
	}
}

/* Parses a timestamp field; false (and a bad row) when it does not. */
static bool
parse_time(struct imp *im, int line, const char *what, struct span sp,
    struct cf_time *out)
{
	if (cf_time_parse(out, sp.s, sp.n, im->tz) == 0)
		return true;
	bad(im, line, "%s: %s", what, cf_error_message());
	return false;
}

/*
 * Fills the optional fields of a case from their spans.  false (and a
 * bad row) when one does not parse.
 */
static bool
case_optional(struct imp *im, int line, struct cf_caserow *c,
    struct span completed, bool has_materials, struct span fee,
    struct span materials, struct span window, struct span channel,
    struct cf_buf *wbuf, struct cf_buf *cbuf)
{
	if (completed.n) {
		if (!parse_time(im, line, "completed_at", completed,
			&c->completed_at))
			return false;
		c->completed = true;
		cf_import_local(im->tz, &c->completed_at, c->completed_local,
		    &c->completed_day);
		if (cf_time_cmp(&c->completed_at, &c->accepted) < 0) {
			bad(im, line,
			    "completed_at %s is before accepted_at %s, "
			    "expected completion at or after acceptance",
			    c->completed_local, c->accepted_local);
			return false;
		}
	}
	if (fee.n) {
		if (cf_amount_parse(&c->fee_fen, fee.s, fee.n) < 0) {
			bad(im, line, "fee_charged: %s", cf_error_message());
			return false;
		}
		c->has_fee = true;
	}
	c->materials = has_materials ? norm_materials(im, materials) : NULL;
	c->window = window.n ? span_str(wbuf, window) : NULL;
	c->channel = channel.n ? span_str(cbuf, channel) : NULL;
	return true;
}

/* ---- events ---- */

/*
 * One event of case `e` (NULL: look the case up by `case_id`).  The
 * row's strings are borrowed.
 */
static int
accept_event(struct imp *im, struct cf_caseent *e, struct cf_eventrow *ev)
{
	bool created, found, stored;
	int rc;

	if (e == NULL) {
		size_t len = strlen(ev->case_id);
		e = im->last_ent;
		if (e == NULL || memcmp(e->id, ev->case_id, len + 1) != 0)
			e = cf_caseset_find(im->ids, ev->case_id, len);
		if (e == NULL) {
			if ((rc = cf_casedb_case_exists(im->db, ev->case_id,
				 &found)) < 0)
				return rc;
			e = cf_caseset_get(im->ids, ev->case_id, len, &created);
			e->kind = found ? CF_CASE_STORED : CF_CASE_UNRESOLVED;
			e->file = (uint16_t)im->fi;
			e->line = (uint32_t)ev->line;
		}
		im->last_ent = e;
	}
	switch (e->kind) {
	case CF_CASE_BAD:
		return 0; /* its case row is already reported */
	case CF_CASE_REIMPORT:
	case CF_CASE_STORED:
		if ((rc = cf_casedb_event_stored(im->db, ev, im->seq_first,
			 &stored)) < 0)
			return rc;
		if (stored) {
			im->cur->events_skipped++;
			return 0;
		}
		break;
	default:
		break;
	}
	cf_import_local(im->tz, &ev->ts, ev->ts_local, &(cf_day){ 0 });
	ev->seq = im->seq++;
	ev->batch = im->cur->batch;
	if ((rc = cf_casedb_event_insert(im->db, ev)) < 0)
		return rc;
	im->cur->events_new++;
	return 0;
}

/* ---- CSV ---- */

struct csvmap {
	bool events;
	int col[NCASECOLS]; /* -1: absent (NCASECOLS >= NEVCOLS) */
	size_t nheader;
	struct cf_strv names; /* header names */
	bool *known;	      /* per header column: interpreted */
};

static void
csvmap_release(struct csvmap *m)
{
	cf_strv_release(&m->names);
	free(m->known);
}

static int
read_header(struct imp *im, struct cf_csv *csv, struct csvmap *m)
{
	const char *const *cols;
	size_t ncols;
	int rc = cf_csv_next(csv);

	if (rc == 0) {
		bad(im, 1,
		    "empty file, expected a header row (case_id, "
		    "procedure_id, accepted_at, ... or case_id, activity, "
		    "timestamp, ...)");
		return 1;
	}
	if (rc == CF_EINVALID) {
		bad(im, cf_csv_line(csv), "header row: %s", cf_error_message());
		return 1;
	}
	if (rc < 0)
		return rc;
	m->nheader = cf_csv_count(csv);
	m->known = cf_xcalloc(m->nheader, sizeof *m->known);
	for (size_t i = 0; i < m->nheader; i++) {
		size_t n;
		const char *s = cf_csv_field(csv, i, &n);
		struct span sp = trimmed(s, n);
		char *name = cf_xstrndup(sp.s, sp.n);
		if (sp.n == 0) {
			bad(im, cf_csv_line(csv),
			    "column %zu has no name in the header, expected "
			    "a name for every column",
			    i + 1);
			free(name);
			return 1;
		}
		for (size_t k = 0; k < m->names.n; k++)
			if (strcmp(m->names.v[k], name) == 0) {
				bad(im, cf_csv_line(csv),
				    "column '%s' appears twice in the header, "
				    "expected each column once",
				    name);
				free(name);
				return 1;
			}
		cf_strv_push_owned(&m->names, name);
	}
	bool has_proc = false, has_act = false;
	for (size_t i = 0; i < m->names.n; i++) {
		has_proc |= strcmp(m->names.v[i], "procedure_id") == 0;
		has_act |= strcmp(m->names.v[i], "activity") == 0;
	}
	if (!has_proc && !has_act) {
		bad(im, cf_csv_line(csv),
		    "the header names neither procedure_id (a cases file) "
		    "nor activity (an events file), expected one of them");
		return 1;
	}
	m->events = !has_proc;
	cols = m->events ? event_cols : case_cols;
	ncols = m->events ? NEVCOLS : NCASECOLS;
	for (size_t c = 0; c < ncols; c++) {
		m->col[c] = -1;
		for (size_t i = 0; i < m->names.n; i++)
			if (strcmp(m->names.v[i], cols[c]) == 0) {
				m->col[c] = (int)i;
				m->known[i] = true;
			}
	}
	static const int case_req[] = { C_CASE_ID, C_PROCEDURE_ID,
		C_ACCEPTED_AT };
	static const int ev_req[] = { V_CASE_ID, V_ACTIVITY, V_TIMESTAMP };
	const int *req = m->events ? ev_req : case_req;
	for (size_t k = 0; k < 3; k++)
		if (m->col[req[k]] < 0) {
			bad(im, cf_csv_line(csv),
			    "missing required column '%s' in the header of "
			    "%s file, expected %s, %s and %s",
			    cols[req[k]], m->events ? "an events" : "a cases",
			    cols[req[0]], cols[req[1]], cols[req[2]]);
			return 1;
		}
	im->cur->format = m->events ? "events-csv" : "cases-csv";
	return 0;
}

static struct span
col(struct cf_csv *csv, const struct csvmap *m, int c)
{
	size_t n;
	const char *s;

	if (m->col[c] < 0)
		return trimmed(NULL, 0);
	s = cf_csv_field(csv, (size_t)m->col[c], &n);
	return trimmed(s, n);
}

/* The unknown columns' non-empty values, as JSON (NULL when none). */
static const char *
csv_attrs(struct imp *im, struct cf_csv *csv, const struct csvmap *m)
{
	cf_attrs_reset(&im->attrs);
	for (size_t i = 0; i < m->nheader; i++) {
		size_t n;
		const char *s;
		if (m->known[i])
			continue;
		s = cf_csv_field(csv, i, &n);
		if (n)
			cf_attrs_add(&im->attrs, m->names.v[i],
			    strlen(m->names.v[i]), s, n);
	}
	return cf_attrs_json(&im->attrs);
}

/* Checks that the required fields are there; false and a bad row if not. */
static bool
required(struct imp *im, int line, const struct span *v, const int *req,
    const char *const *cols)
{
	for (size_t k = 0; k < 3; k++)
		if (v[req[k]].n == 0) {
			bad(im, line, "missing value for '%s', expected a "
				      "non-empty %s",
			    cols[req[k]], cols[req[k]]);
			return false;
		}
	return true;
}

static int
csv_case_row(struct imp *im, struct cf_csv *csv, const struct csvmap *m,
    int line, struct cf_buf *bufs)
{
	static const int req[] = { C_CASE_ID, C_PROCEDURE_ID, C_ACCEPTED_AT };
	struct span v[NCASECOLS];
	struct cf_caserow c = { 0 };
	struct cf_caseent *e;

	for (int k = 0; k < NCASECOLS; k++)
		v[k] = col(csv, m, k);
	const char *id = v[C_CASE_ID].n ? span_str(&bufs[0], v[C_CASE_ID])
					: NULL;
	if (!required(im, line, v, req, case_cols))
		goto bad_row;
	c.id = id;
	c.procedure = span_str(&bufs[1], v[C_PROCEDURE_ID]);
	if (!known_procedure(im, c.procedure)) {
		bad(im, line,
		    "unknown procedure_id '%s', expected a procedure "
		    "committed on main (procedures/%s.xml)",
		    c.procedure, c.procedure);
		goto bad_row;
	}
	if (!parse_time(im, line, "accepted_at", v[C_ACCEPTED_AT], &c.accepted))
		goto bad_row;
	cf_import_local(im->tz, &c.accepted, c.accepted_local, &c.accepted_day);
	if (!case_optional(im, line, &c, v[C_COMPLETED_AT],
		m->col[C_MATERIALS] >= 0, v[C_FEE_CHARGED], v[C_MATERIALS],
		v[C_WINDOW], v[C_CHANNEL], &bufs[2], &bufs[3]))
		goto bad_row;
	c.attrs = csv_attrs(im, csv, m);
	return accept_case(im, &c, line, &e);
bad_row:
	bad_case_id(im, id, line);
	return 0;
}

static int
csv_event_row(struct imp *im, struct cf_csv *csv, const struct csvmap *m,
    int line, struct cf_buf *bufs)
{
	static const int req[] = { V_CASE_ID, V_ACTIVITY, V_TIMESTAMP };
	struct span v[NEVCOLS];
	struct cf_eventrow ev = { 0 };

	for (int k = 0; k < NEVCOLS; k++)
		v[k] = col(csv, m, k);
	if (!required(im, line, v, req, event_cols))
		return 0;
	if (!parse_time(im, line, "timestamp", v[V_TIMESTAMP], &ev.ts))
		return 0;
	ev.case_id = span_str(&bufs[0], v[V_CASE_ID]);
	ev.activity = span_str(&bufs[1], v[V_ACTIVITY]);
	ev.actor = v[V_ACTOR].n ? span_str(&bufs[2], v[V_ACTOR]) : NULL;
	ev.role = v[V_ROLE].n ? span_str(&bufs[3], v[V_ROLE]) : NULL;
	ev.attrs = csv_attrs(im, csv, m);
	ev.line = line;
	return accept_event(im, NULL, &ev);
}

static int
import_csv(struct imp *im, int fd)
{
	struct cf_csv *csv = NULL;
	struct csvmap m = { 0 };
	struct cf_buf bufs[4] = { CF_BUF_INIT, CF_BUF_INIT, CF_BUF_INIT,
		CF_BUF_INIT };
	int rc;

	cf_csv_open_fd(&csv, fd, im->paths[im->fi]);
	if ((rc = read_header(im, csv, &m)) != 0) {
		rc = rc > 0 ? 0 : rc;
		goto out;
	}
	while ((rc = cf_csv_next(csv)) != 0) {
		int line = cf_csv_line(csv);
		if (rc == CF_EINVALID) {
			bad(im, line, "%s", cf_error_message());
			continue;
		}
		if (rc < 0)
			goto out;
		im->cur->rows++;
		if (cf_csv_count(csv) != m.nheader) {
			bad(im, line,
			    "%zu field%s, expected %zu as in the header",
			    cf_csv_count(csv), cf_csv_count(csv) == 1 ? "" : "s",
			    m.nheader);
			continue;
		}
		rc = m.events ? csv_event_row(im, csv, &m, line, bufs)
			      : csv_case_row(im, csv, &m, line, bufs);
		if (rc < 0)
			goto out;
	}
out:
	for (int i = 0; i < 4; i++)
		cf_buf_release(&bufs[i]);
	csvmap_release(&m);
	cf_csv_free(csv);
	return rc;
}

/* ---- XES ---- */

struct xesctx {
	struct imp *im;
	struct cf_buf bufs[7];
};

static int
xes_trace(const struct cf_xes_trace *t, void *payload)
{
	struct xesctx *x = payload;
	struct imp *im = x->im;
	struct cf_caserow c = { 0 };
	struct cf_caseent *e;
	struct span id = trimmed(t->id, t->id ? strlen(t->id) : 0);
	const char *idstr = id.n ? span_str(&x->bufs[0], id) : NULL;
	bool ok = true;
	int rc;

	im->cur->traces++;
	im->cur->rows += (int64_t)t->nevents;
	if (t->nevents == 0) {
		im->cur->empty_traces++;
		return 0;
	}
	if (idstr == NULL) {
		bad(im, t->line,
		    "trace without concept:name, expected the case id in a "
		    "<string key=\"concept:name\"> of the trace (globals do "
		    "not supply it)");
		return 0;
	}
	const char *proc = im->o->procedure;
	if (proc == NULL) {
		struct span p = trimmed(t->procedure,
		    t->procedure ? strlen(t->procedure) : 0);
		if (p.n == 0) {
			bad(im, t->line,
			    "trace '%s' has no procedure, expected a "
			    "'procedure' attribute or --procedure ID",
			    idstr);
			goto bad_trace;
		}
		proc = span_str(&x->bufs[1], p);
		if (!known_procedure(im, proc)) {
			bad(im, t->line,
			    "unknown procedure '%s', expected a procedure "
			    "committed on main (procedures/%s.xml)",
			    proc, proc);
			goto bad_trace;
		}
	}
	c.id = idstr;
	c.procedure = proc;
	/* Every event needs an activity and a time. */
	CF_GROW(im->times, t->nevents, im->atimes);
	size_t first = 0, last = 0;
	for (size_t i = 0; i < t->nevents; i++) {
		const struct cf_xes_event *ev = &t->events[i];
		struct span ts = trimmed(ev->timestamp,
		    ev->timestamp ? strlen(ev->timestamp) : 0);
		if (ev->activity == NULL || trimmed(ev->activity,
						strlen(ev->activity)).n == 0) {
			bad(im, ev->line,
			    "event without concept:name, expected its "
			    "activity");
			ok = false;
			continue;
		}
		if (ts.n == 0) {
			bad(im, ev->line,
			    "event without time:timestamp, expected its time "
			    "(globals do not supply it)");
			ok = false;
			continue;
		}
		if (!parse_time(im, ev->line, "time:timestamp", ts,
			&im->times[i])) {
			ok = false;
			continue;
		}
		if (cf_time_cmp(&im->times[i], &im->times[first]) < 0)
			first = i;
		if (cf_time_cmp(&im->times[i], &im->times[last]) >= 0)
			last = i;
	}
	if (!ok)
		goto bad_trace;
	/* Acceptance and completion: the first and last event, unless the
	 * trace says otherwise (an empty completed_at: pending). */
	struct span acc = trimmed(t->accepted_at,
	    t->accepted_at ? strlen(t->accepted_at) : 0);
	if (acc.n) {
		if (!parse_time(im, t->line, "accepted_at", acc, &c.accepted))
			goto bad_trace;
	} else
		c.accepted = im->times[first];
	cf_import_local(im->tz, &c.accepted, c.accepted_local, &c.accepted_day);
	struct span comp;
	char lastbuf[64];
	if (t->completed_at)
		comp = trimmed(t->completed_at, strlen(t->completed_at));
	else {
		/* The last event's instant, with its own offset. */
		cf_time_format_iso(&im->times[last], lastbuf, sizeof lastbuf);
		comp.s = lastbuf;
		comp.n = strlen(lastbuf);
	}
	struct span fee = trimmed(t->fee_charged,
	    t->fee_charged ? strlen(t->fee_charged) : 0);
	struct span mat = trimmed(t->materials,
	    t->materials ? strlen(t->materials) : 0);
	struct span win = trimmed(t->window, t->window ? strlen(t->window) : 0);
	struct span chan = trimmed(t->channel,
	    t->channel ? strlen(t->channel) : 0);
	if (!case_optional(im, t->line, &c, comp, t->materials != NULL, fee,
		mat, win, chan, &x->bufs[2], &x->bufs[3]))
		goto bad_trace;
	if (!t->completed_at) /* exact, fractions beyond the ISO text too */
		c.completed_at = im->times[last];
	c.attrs = t->attrs;
	if ((rc = accept_case(im, &c, t->line, &e)) < 0)
		return rc;
	if (e == NULL)
		return 0;
	for (size_t i = 0; i < t->nevents; i++) {
		const struct cf_xes_event *xe = &t->events[i];
		struct cf_eventrow ev = { 0 };
		ev.case_id = idstr;
		ev.activity = span_str(&x->bufs[4],
		    trimmed(xe->activity, strlen(xe->activity)));
		ev.ts = im->times[i];
		struct span a = trimmed(xe->actor, xe->actor ? strlen(xe->actor)
							     : 0);
		struct span r = trimmed(xe->role, xe->role ? strlen(xe->role) : 0);
		ev.actor = a.n ? span_str(&x->bufs[5], a) : NULL;
		ev.role = r.n ? span_str(&x->bufs[6], r) : NULL;
		ev.attrs = xe->attrs;
		ev.line = xe->line;
		if ((rc = accept_event(im, e, &ev)) < 0)
			return rc;
	}
	return 0;
bad_trace:
	bad_case_id(im, idstr, t->line);
	return 0;
}

static int
import_xes(struct imp *im, int fd)
{
	struct xesctx x = { im, { CF_BUF_INIT, CF_BUF_INIT, CF_BUF_INIT,
				    CF_BUF_INIT, CF_BUF_INIT, CF_BUF_INIT,
				    CF_BUF_INIT } };
	int line, rc;

	im->cur->format = "xes";
	rc = cf_xes_read(fd, im->paths[im->fi], xes_trace, &x, &line);
	if (rc == CF_EINVALID) {
		bad(im, line, "%s", cf_error_message());
		rc = 0;
	}
	for (size_t i = 0; i < CF_ARRAY_LEN(x.bufs); i++)
		cf_buf_release(&x.bufs[i]);
	return rc;
}

/* ---- files ---- */

static bool
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && strcmp(s + n - k, suffix) == 0;
}

static bool
looks_like_xes(const char *path, int fd)
{
	unsigned char b[64];
	ssize_t n;
	size_t i = 0;

	if (ends_with(path, ".xes") || ends_with(path, ".xes.gz") ||
	    ends_with(path, ".XES") || ends_with(path, ".gz"))
		return true;
	if (ends_with(path, ".csv") || ends_with(path, ".CSV"))
		return false;
	n = pread(fd, b, sizeof b, 0);
	if (n >= 2 && b[0] == 0x1f && b[1] == 0x8b)
		return true;
	if (n >= 3 && memcmp(b, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < (size_t)(n > 0 ? n : 0) &&
	    (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n'))
		i++;
	return i < (size_t)(n > 0 ? n : 0) && b[i] == '<';
}

static int
hash_fd(int fd, char out[CF_SHA256_HEX], int64_t *bytes)
{
	struct cf_sha256 h;
	uint8_t md[CF_SHA256_LEN];
	char *buf = cf_xmalloc(1 << 20);
	ssize_t n;
	int rc = 0;

	*bytes = 0;
	cf_sha256_init(&h);
	while ((n = read(fd, buf, 1 << 20)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			rc = CF_ERROR;
			break;
		}
		cf_sha256_update(&h, buf, (size_t)n);
		*bytes += n;
	}
	cf_sha256_final(&h, md);
	cf_hex(md, CF_SHA256_LEN, out);
	free(buf);
	if (rc == 0 && lseek(fd, 0, SEEK_SET) != 0)
		rc = CF_ERROR;
	return rc;
}

/* Reports the events of cases that no file defined and the store lacks. */
struct unres {
	struct imp *im;
	const char *id;
};

static void
unresolved_event(int64_t batch, int line, void *payload)
{
	struct unres *u = payload;
	struct imp *im = u->im;
	size_t file = 0;

	for (size_t i = 0; i < im->n; i++)
		if (im->batch_of[i] == batch)
			file = i;
	add_bad(im, file, line,
	    cf_xasprintf("event of case '%s', which is neither in this "
			 "import nor stored, expected the case in a cases "
			 "file",
		u->id));
}

static int
report_unresolved(struct imp *im)
{
	size_t n = cf_caseset_count(im->ids);
	int rc;

	for (size_t i = 0; i < n; i++) {
		struct cf_caseent *e = cf_caseset_at(im->ids, i);
		struct unres u = { im, e->id };
		int64_t count;
		size_t before = im->nbad;
		if (e->kind != CF_CASE_UNRESOLVED)
			continue;
		if ((rc = cf_casedb_case_events(im->db, e->id, im->seq_first,
			 CF_IMPORT_SHOWN, unresolved_event, &u, &count)) < 0)
			return rc;
		size_t listed = im->nbad - before;
		if ((size_t)count > listed)
			im->nbad += (size_t)count - listed;
	}
	return 0;
}

static void
add_totals(struct cf_import_file *t, const struct cf_import_file *f)
{
	t->rows += f->rows;
	t->traces += f->traces;
	t->empty_traces += f->empty_traces;
	t->cases_new += f->cases_new;
	t->cases_updated += f->cases_updated;
	t->cases_unchanged += f->cases_unchanged;
	t->events_new += f->events_new;
	t->events_skipped += f->events_skipped;
}

int
cf_import_run(struct cf_store *st, struct cf_tz *tz,
    const struct cf_import_opts *o, char *const *paths, size_t n,
    struct cf_import_result *res)
{
	struct imp im = { 0 };
	int *fds = cf_xcalloc(n ? n : 1, sizeof *fds);
	int64_t *bytes = cf_xcalloc(n ? n : 1, sizeof *bytes);
	bool *skip = cf_xcalloc(n ? n : 1, sizeof *skip);
	char *other = NULL;
	int rc = 0;

	memset(res, 0, sizeof *res);
	res->files = cf_xcalloc(n ? n : 1, sizeof *res->files);
	res->nfiles = n;
	im.st = st;
	im.tz = tz;
	im.o = o;
	im.paths = paths;
	im.n = n;
	im.res = res;
	im.batch_of = cf_xcalloc(n ? n : 1, sizeof *im.batch_of);
	for (size_t i = 0; i < n; i++)
		fds[i] = -1;
	if (n > UINT16_MAX) {
		rc = cf_error_set(CF_EUSAGE, "too many files (at most %u)",
		    UINT16_MAX);
		goto out;
	}
	if (o->procedure && !known_procedure(&im, o->procedure)) {
		rc = cf_error_set(CF_ENOTFOUND,
		    "--procedure '%s' names no procedure committed on main, "
		    "expected the id of procedures/ID.xml",
		    o->procedure);
		goto out;
	}
	/* Open and hash every file before taking the write lock. */
	for (size_t i = 0; i < n; i++) {
		struct cf_import_file *f = &res->files[i];
		struct stat sb;
		im.fi = i;
		f->name = cf_xstrdup(paths[i]);
		fds[i] = open(paths[i], O_RDONLY | O_CLOEXEC);
		if (fds[i] < 0 || fstat(fds[i], &sb) < 0 || S_ISDIR(sb.st_mode)) {
			bad(&im, 0, "cannot read the file (%s), expected a "
				    "readable file",
			    fds[i] < 0 ? strerror(errno) : "a directory");
			skip[i] = true;
			continue;
		}
		if (hash_fd(fds[i], f->sha256, &bytes[i]) < 0) {
			rc = cf_error_set(CF_ERROR, "cannot read '%s': %s",
			    paths[i], strerror(errno));
			goto out;
		}
		for (size_t k = 0; k < i; k++)
			if (!skip[k] && strcmp(res->files[k].sha256,
					    f->sha256) == 0) {
				bad(&im, 0,
				    "same bytes (SHA-256 %.12s) as '%s' of this "
				    "import, expected each file once",
				    f->sha256, paths[k]);
				skip[i] = true;
				break;
			}
	}
	if ((rc = cf_casedb_open(&im.db, st)) < 0)
		goto out;
	if ((rc = cf_store_begin(st)) < 0)
		goto out;
	if ((rc = cf_casedb_other_zone(im.db, cf_tz_name(tz), &other)) < 0)
		goto out;
	if (other) {
		rc = cf_error_set(CF_EINVALID,
		    "the stored records were imported under timezone '%s' "
		    "but the workspace timezone is now '%s'; local dates "
		    "would disagree, expected the timezone they were "
		    "imported under",
		    other, cf_tz_name(tz));
		goto out;
	}
	if ((rc = cf_casedb_next_seq(im.db, &im.seq_first)) < 0)
		goto out;
	im.seq = im.seq_first;
	im.ids = cf_caseset_new();
	for (size_t i = 0; i < n; i++) {
		struct cf_import_file *f = &res->files[i];
		struct cf_batchrow b = { 0 };
		int64_t old;
		char *oldfile = NULL;
		im.fi = i;
		im.cur = f;
		im.last_ent = NULL;
		if (skip[i])
			continue;
		rc = cf_casedb_batch_by_sha(im.db, f->sha256, &old, &oldfile,
		    &b.imported_at);
		if (rc == 0) {
			char when[32];
			struct cf_time t = { b.imported_at, 0, 0, false };
			cf_time_format_local(&t, tz, false, when, sizeof when);
			bad(&im, 0,
			    "already imported as batch %lld ('%s', %s), "
			    "expected a file not imported before",
			    (long long)old, oldfile, when);
			free(oldfile);
			continue;
		}
		if (rc != CF_ENOTFOUND)
			goto out;
		bool xes = o->format == CF_IMPORT_XES ||
		    (o->format == CF_IMPORT_AUTO &&
			looks_like_xes(paths[i], fds[i]));
		b.file = paths[i];
		b.sha256 = f->sha256;
		b.bytes = bytes[i];
		b.format = xes ? "xes" : "cases-csv";
		b.seq_first = b.seq_end = im.seq;
		b.imported_at = cf_now();
		b.timezone = cf_tz_name(tz);
		if ((rc = cf_casedb_batch_insert(im.db, &b)) < 0)
			goto out;
		f->batch = im.batch_of[i] = b.id;
		f->format = b.format;
		rc = xes ? import_xes(&im, fds[i]) : import_csv(&im, fds[i]);
		if (rc < 0)
			goto out;
		b.format = f->format;
		b.rows = f->rows;
		b.traces = f->traces;
		b.empty_traces = f->empty_traces;
		b.cases_new = f->cases_new;
		b.cases_updated = f->cases_updated;
		b.events_new = f->events_new;
		b.events_skipped = f->events_skipped;
		b.seq_end = im.seq;
		if ((rc = cf_casedb_batch_update(im.db, &b)) < 0)
			goto out;
		add_totals(&res->total, f);
	}
	if ((rc = report_unresolved(&im)) < 0)
		goto out;
	if (im.nbad > 0) {
		cf_store_rollback(st);
		publish_bad(&im);
		rc = cf_error_set(CF_EINVALID,
		    "%zu bad row%s; nothing imported", im.nbad,
		    im.nbad == 1 ? "" : "s");
		goto out;
	}
	if ((rc = cf_store_commit(st)) < 0)
		goto out;
	rc = 0;
out:
	if (rc < 0 && cf_store_in_tx(st))
		cf_store_rollback(st);
	for (size_t i = 0; i < im.nshown; i++)
		free(im.shown[i].msg);
	for (size_t i = 0; i < n; i++)
		if (fds[i] >= 0)
			close(fds[i]);
	free(fds);
	free(bytes);
	free(skip);
	free(other);
	free(im.batch_of);
	free(im.times);
	cf_buf_release(&im.mat);
	cf_buf_release(&im.id);
	cf_attrs_release(&im.attrs);
	cf_caseset_free(im.ids);
	cf_casedb_free(im.db);
	return rc;
}

void
cf_import_result_release(struct cf_import_result *res)
{
	for (size_t i = 0; i < res->nfiles; i++)
		free(res->files[i].name);
	free(res->files);
	cf_diags_release(&res->bad);
	memset(res, 0, sizeof *res);
}
