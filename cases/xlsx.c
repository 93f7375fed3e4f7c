/* SPDX-License-Identifier: MIT */
/*
 * xlsx.c - one sheet of a workbook read as rows (see xlsx.h).
 *
 * Opening reads, in order: _rels/.rels (where the workbook part is),
 * the workbook (its sheets in order, date1904), the workbook's
 * relations (each sheet's part, the shared strings, the styles), the
 * styles (which cell formats show dates) and the shared strings (into
 * one arena, offsets aside).  The sheet itself is then streamed: one
 * xmlTextReader over its inflating zip entry, advanced by
 * cf_xlsx_next() one <row> at a time, the row's cells copied into a
 * record buffer as the CSV reader does (NUL-terminated, offsets aside).
 *
 * Every part goes through part_open(): the zip's declared sizes are
 * checked first (too large, compressed too well), and the read callback
 * counts the inflated bytes against the declared size and scans the
 * prolog for "<!" that is not a comment (a DOCTYPE), refusing it before
 * libxml2 parses a DTD; the reader is made with XML_PARSE_NONET and
 * nothing that loads or substitutes entities.
 */
#include "conform.h"
#include "csv.h"
#include "date.h"
#include "xlsx.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>
#include <zip.h>

#if LIBXML_VERSION >= 21200
#define CF_XMLERR const xmlError
#else
#define CF_XMLERR xmlError
#endif

/* ---- one part: a zip entry as an XML reader ---- */

enum { PS_TEXT, PS_LT, PS_PI, PS_PI_Q, PS_BANG, PS_COMMENT, PS_DONE };

struct part {
	const char *path;
	zip_file_t *zf;
	zip_uint64_t declared, got;
	xmlTextReaderPtr r;
	int ps, dashes;
	bool over, doctype, read_error;
	bool xerr;
	int xline;
	char xmsg[200];
};

static void
scan_prolog(struct part *p, const unsigned char *s, size_t n)
{
	for (size_t i = 0; i < n && p->ps != PS_DONE; i++) {
		unsigned char c = s[i];
		switch (p->ps) {
		case PS_TEXT:
			if (c == '<')
				p->ps = PS_LT;
			break;
		case PS_LT:
			p->ps = c == '?' ? PS_PI : c == '!' ? PS_BANG : PS_DONE;
			break;
		case PS_PI:
			if (c == '?')
				p->ps = PS_PI_Q;
			break;
		case PS_PI_Q:
			p->ps = c == '>' ? PS_TEXT : c == '?' ? PS_PI_Q : PS_PI;
			break;
		case PS_BANG:
			/* "<!-" begins a comment; anything else is a DOCTYPE
			 * (or worse) before the root element. */
			if (c != '-') {
				p->doctype = true;
				p->ps = PS_DONE;
			} else {
				p->ps = PS_COMMENT;
				p->dashes = -1; /* the second '-' of "<!--" */
			}
			break;
		case PS_COMMENT:
			if (p->dashes < 0)
				p->dashes = 0;
			else if (c == '-')
				p->dashes++;
			else if (c == '>' && p->dashes >= 2)
				p->ps = PS_TEXT;
			else
				p->dashes = 0;
			break;
		}
	}
}

static int
part_read(void *ctx, char *buf, int len)
{
	struct part *p = ctx;
	zip_int64_t n;

	if (p->doctype || p->over || p->read_error)
		return -1;
	n = zip_fread(p->zf, buf, (zip_uint64_t)len);
	if (n < 0) {
		p->read_error = true;
		return -1;
	}
	p->got += (zip_uint64_t)n;
	/* The bytes inflated, not the header's claim. */
	if (p->got > p->declared || p->got > CF_XLSX_MAX_PART) {
		p->over = true;
		return -1;
	}
	if (p->ps != PS_DONE)
		scan_prolog(p, (const unsigned char *)buf, (size_t)n);
	if (p->doctype)
		return -1;
	return (int)n;
}

static void
part_error(void *arg, CF_XMLERR *e)
{
	struct part *p = arg;
	size_t n;

	if (e == NULL || e->level == XML_ERR_WARNING || p->xerr)
		return;
	p->xerr = true;
	p->xline = e->line;
	snprintf(p->xmsg, sizeof p->xmsg, "%s",
	    e->message ? e->message : "malformed XML");
	n = strlen(p->xmsg);
	while (n && (p->xmsg[n - 1] == '\n' || p->xmsg[n - 1] == ' '))
		p->xmsg[--n] = '\0';
}

struct cf_xlsx {
	char *name;
	zip_t *za;
	char *sheet;
	bool date1904;
	/* shared strings */
	struct cf_buf sst;
	size_t *sst_off;
	size_t nsst, asst;
	/* styles: which cell formats (cellXfs index) show a date (1) or
	 * only a time (2) */
	unsigned char *xf_date;
	size_t nxf;
	/* the sheet */
	struct part sp;
	char *sp_path_keep;
	bool sp_open, done, fatal;
	int row, prev_row;
	size_t width;
	struct cf_buf rec, val, msg;
	size_t *off, *len;
	size_t ncells, acells;
	bool row_bad;
	int cur_col, bad_col; /* the cell being read; the bad row's, or -1 */
};

static void
part_close(struct part *p)
{
	if (p->r)
		xmlFreeTextReader(p->r);
	if (p->zf)
		zip_fclose(p->zf);
	p->r = NULL;
	p->zf = NULL;
}

/*
 * Opens part `path`; 1, or 0 when the workbook has no such part and
 * `optional`; else CF_EINVALID with the message.
 */
static int
part_open(struct cf_xlsx *x, struct part *p, const char *path, bool optional)
{
	zip_int64_t i;
	zip_stat_t st;

	memset(p, 0, sizeof *p);
	p->path = path;
	i = zip_name_locate(x->za, path, 0);
	if (i < 0) {
		if (optional)
			return 0;
		return cf_error_set(CF_EINVALID,
		    "the workbook has no part '%s', expected a workbook as a "
		    "spreadsheet saves it (.xlsx)",
		    path);
	}
	zip_stat_init(&st);
	if (zip_stat_index(x->za, (zip_uint64_t)i, 0, &st) < 0 ||
	    !(st.valid & ZIP_STAT_SIZE) || !(st.valid & ZIP_STAT_COMP_SIZE))
		return cf_error_set(CF_EINVALID,
		    "part '%s' of the workbook has no size in the zip "
		    "directory, expected a complete zip",
		    path);
	if (st.size > CF_XLSX_MAX_PART)
		return cf_error_set(CF_EINVALID,
		    "part '%s' of the workbook is %llu bytes uncompressed, "
		    "expected at most %llu (a zip bomb?)",
		    path, (unsigned long long)st.size,
		    (unsigned long long)CF_XLSX_MAX_PART);
	if (st.size > (1u << 20) &&
	    st.size / CF_XLSX_MAX_RATIO > st.comp_size)
		return cf_error_set(CF_EINVALID,
		    "part '%s' of the workbook would inflate %llu bytes to "
		    "%llu (more than %d to 1), expected a spreadsheet's "
		    "compression (a zip bomb?)",
		    path, (unsigned long long)st.comp_size,
		    (unsigned long long)st.size, CF_XLSX_MAX_RATIO);
	p->declared = st.size;
	p->zf = zip_fopen_index(x->za, (zip_uint64_t)i, 0);
	if (p->zf == NULL)
		return cf_error_set(CF_EINVALID,
		    "cannot read part '%s' of the workbook (%s), expected a "
		    "workbook as a spreadsheet saves it",
		    path, zip_strerror(x->za));
	p->r = xmlReaderForIO(part_read, NULL, p, path, NULL,
	    XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_COMPACT);
	if (p->r == NULL) {
		part_close(p);
		return cf_error_set(CF_ERROR, "cannot create an XML reader");
	}
	xmlTextReaderSetStructuredErrorHandler(p->r, part_error, p);
	return 1;
}

/*
 * The next node of the part: 1, 0 at its end, or CF_EINVALID saying
 * why the part is refused.
 */
static int
part_next(struct part *p)
{
	int ret = xmlTextReaderRead(p->r);

	if (ret == 1 &&
	    xmlTextReaderNodeType(p->r) == XML_READER_TYPE_DOCUMENT_TYPE)
		p->doctype = true;
	if (p->doctype)
		return cf_error_set(CF_EINVALID,
		    "%s: DOCTYPE not allowed (no DTDs or entities), expected "
		    "the part's root element",
		    p->path);
	if (p->over)
		return cf_error_set(CF_EINVALID,
		    "%s: inflates to more than the %llu bytes the zip "
		    "declares, expected a workbook that is no zip bomb",
		    p->path, (unsigned long long)p->declared);
	if (p->read_error)
		return cf_error_set(CF_EINVALID,
		    "%s: the zip data is damaged, expected a complete "
		    "workbook",
		    p->path);
	if (ret < 0 || p->xerr)
		return cf_error_set(CF_EINVALID, "%s:%d: %s, expected "
		    "well-formed XML", p->path, p->xline,
		    p->xerr ? p->xmsg : "malformed XML");
	return ret;
}

static bool
is_elem(struct part *p, const char *name)
{
	const xmlChar *n = xmlTextReaderConstLocalName(p->r);

	return xmlTextReaderNodeType(p->r) == XML_READER_TYPE_ELEMENT && n &&
	    strcmp((const char *)n, name) == 0;
}

static bool
is_end(struct part *p, const char *name)
{
	const xmlChar *n = xmlTextReaderConstLocalName(p->r);

	return xmlTextReaderNodeType(p->r) == XML_READER_TYPE_END_ELEMENT &&
	    n && strcmp((const char *)n, name) == 0;
}

static bool
is_text(struct part *p)
{
	int t = xmlTextReaderNodeType(p->r);

	return t == XML_READER_TYPE_TEXT || t == XML_READER_TYPE_CDATA ||
	    t == XML_READER_TYPE_WHITESPACE ||
	    t == XML_READER_TYPE_SIGNIFICANT_WHITESPACE;
}

/* The attribute of the current element whose local name is `name`. */
static char *
attr(struct part *p, const char *name)
{
	char *v = NULL;

	if (xmlTextReaderMoveToFirstAttribute(p->r) != 1)
		return NULL;
	do {
		const xmlChar *n = xmlTextReaderConstLocalName(p->r);
		if (n && strcmp((const char *)n, name) == 0) {
			const xmlChar *s = xmlTextReaderConstValue(p->r);
			v = cf_xstrdup(s ? (const char *)s : "");
			break;
		}
	} while (xmlTextReaderMoveToNextAttribute(p->r) == 1);
	xmlTextReaderMoveToElement(p->r);
	return v;
}

/* ---- paths and relations ---- */

/* `target` resolved against the folder of part `base`, normalised. */
static char *
resolve(const char *base, const char *target)
{
	struct cf_buf b;
	char *segs[64];
	int n = 0;
	char *tmp, *tok, *save = NULL;

	cf_buf_init(&b);
	if (target[0] != '/') {
		const char *slash = strrchr(base, '/');
		if (slash)
			cf_buf_add(&b, base, (size_t)(slash - base) + 1);
	}
	cf_buf_adds(&b, target);
	tmp = cf_buf_detach(&b);
	for (tok = strtok_r(tmp, "/", &save); tok;
	    tok = strtok_r(NULL, "/", &save)) {
		if (strcmp(tok, ".") == 0)
			continue;
		if (strcmp(tok, "..") == 0) {
			if (n)
				n--;
			continue;
		}
		if (n < 64)
			segs[n++] = tok;
	}
	cf_buf_init(&b);
	for (int i = 0; i < n; i++) {
		if (i)
			cf_buf_addc(&b, '/');
		cf_buf_adds(&b, segs[i]);
	}
	free(tmp);
	return cf_buf_detach(&b);
}

struct rel {
	char *id, *type, *target;
};

struct rels {
	struct rel *v;
	size_t n, a;
};

static void
rels_free(struct rels *rs)
{
	for (size_t i = 0; i < rs->n; i++) {
		free(rs->v[i].id);
		free(rs->v[i].type);
		free(rs->v[i].target);
	}
	free(rs->v);
	memset(rs, 0, sizeof *rs);
}

/* The relations of part `of` (its _rels/NAME.rels), targets resolved. */
static int
read_rels(struct cf_xlsx *x, const char *of, struct rels *rs)
{
	struct part p;
	const char *slash = strrchr(of, '/');
	char *path = slash ? cf_xasprintf("%.*s/_rels/%s.rels",
				 (int)(slash - of), of, slash + 1)
			   : cf_xasprintf("_rels/%s.rels", of);
	int rc;

	if (of[0] == '\0') {
		free(path);
		path = cf_xstrdup("_rels/.rels");
	}
	if ((rc = part_open(x, &p, path, true)) <= 0) {
		free(path);
		return rc;
	}
	while ((rc = part_next(&p)) == 1) {
		if (!is_elem(&p, "Relationship"))
			continue;
		struct rel rl = { attr(&p, "Id"), attr(&p, "Type"),
			attr(&p, "Target") };
		if (rl.id == NULL || rl.type == NULL || rl.target == NULL) {
			free(rl.id);
			free(rl.type);
			free(rl.target);
			continue;
		}
		char *t = resolve(of[0] ? of : "/", rl.target);
		free(rl.target);
		rl.target = t;
		CF_GROW(rs->v, rs->n + 1, rs->a);
		rs->v[rs->n++] = rl;
	}
	part_close(&p);
	free(path);
	return rc;
}

static const struct rel *
rel_by_type(const struct rels *rs, const char *suffix)
{
	size_t k = strlen(suffix);

	for (size_t i = 0; i < rs->n; i++) {
		size_t n = strlen(rs->v[i].type);
		if (n >= k && strcmp(rs->v[i].type + n - k, suffix) == 0)
			return &rs->v[i];
	}
	return NULL;
}

/* ---- dates ---- */

bool
cf_xlsx_serial(double v, bool date1904, char out[20])
{
	double days_f;
	int64_t days, secs;
	int y, m, d;

	if (!(v >= 0) || v >= 2958466.0)
		return false;
	days_f = floor(v);
	days = (int64_t)days_f;
	secs = (int64_t)llround((v - days_f) * 86400.0);
	if (secs >= 86400) {
		days++;
		secs -= 86400;
	}
	cf_day day;
	if (date1904)
		day = cf_day_from_ymd(1904, 1, 1) + (cf_day)days;
	else if (days == 0 || days == 60)
		return false; /* Excel's 1900-01-00 and 1900-02-29 */
	else if (days < 60)
		day = cf_day_from_ymd(1899, 12, 31) + (cf_day)days;
	else
		day = cf_day_from_ymd(1899, 12, 30) + (cf_day)days;
	cf_day_to_ymd(day, &y, &m, &d);
	if (y > 9999)
		return false;
	/* a wider buffer than the 20 bytes written keeps GCC's
	 * -Wformat-truncation content: y, m and d are in range here */
	char tmp[64];
	snprintf(tmp, sizeof tmp, "%04d-%02d-%02dT%02d:%02d:%02d", y, m, d,
	    (int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60));
	memcpy(out, tmp, 20);
	return true;
}

/*
 * 1 when the format shows a date, 2 when it shows only a time of day
 * (h, s, no y or d), 0 when neither.
 */
static int
format_kind(const char *code)
{
	bool date = false, time = false;

	for (const char *p = code; *p; p++) {
		switch (*p) {
		case '"':
			while (p[1] && p[1] != '"')
				p++;
			if (p[1])
				p++;
			break;
		case '[':
			while (p[1] && p[1] != ']')
				p++;
			if (p[1])
				p++;
			break;
		case '\\':
		case '_':
		case '*':
			if (p[1])
				p++;
			break;
		case 'y': case 'Y': case 'd': case 'D':
			date = true;
			break;
		case 'm': case 'M':
			time = true; /* month or minute: date or time */
			break;
		case 'h': case 'H': case 's': case 'S':
			time = true;
			break;
		default:
			break;
		}
	}
	/* "General" has none of these letters outside its own name. */
	if (strncmp(code, "General", 7) == 0)
		return 0;
	return date ? 1 : time ? (strchr(code, 'h') || strchr(code, 'H') ||
				     strchr(code, 's') || strchr(code, 'S')
				 ? 2
				 : 1)
		    : 0;
}

bool
cf_xlsx_date_format(const char *code)
{
	return format_kind(code) != 0;
}

/* The built-in formats (ECMA-376 18.8.30, and the CJK ones). */
static int
builtin_kind(long id)
{
	if ((id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 31) ||
	    (id >= 34 && id <= 36) || (id >= 50 && id <= 58))
		return 1;
	if ((id >= 18 && id <= 21) || (id >= 45 && id <= 47) || id == 32 ||
	    id == 33)
		return 2;
	return 0;
}

/* ---- workbook, styles, shared strings ---- */

static int
read_workbook(struct cf_xlsx *x, const char *wb, const char *want,
    char **sheet_rid)
{
	struct part p;
	bool first_seen = false;
	int rc;

	if ((rc = part_open(x, &p, wb, false)) < 0)
		return rc;
	struct cf_buf names;
	cf_buf_init(&names);
	while ((rc = part_next(&p)) == 1) {
		if (is_elem(&p, "workbookPr")) {
			char *v = attr(&p, "date1904");
			x->date1904 = v && (strcmp(v, "1") == 0 ||
					       strcmp(v, "true") == 0);
			free(v);
		} else if (is_elem(&p, "sheet")) {
			char *name = attr(&p, "name"), *id = attr(&p, "id");
			bool take = *sheet_rid == NULL && name && id &&
			    (want ? strcmp(name, want) == 0 : !first_seen);
			if (name) {
				cf_buf_addf(&names, "%s'%s'",
				    names.len ? ", " : "", name);
				first_seen = true;
			}
			if (take) {
				x->sheet = name;
				*sheet_rid = id;
			} else {
				free(name);
				free(id);
			}
		}
	}
	part_close(&p);
	if (rc == 0 && *sheet_rid == NULL)
		rc = want ? cf_error_set(CF_EINVALID,
				"the workbook has no sheet '%s', expected one "
				"of its sheets (%s)",
				want, names.len ? names.s : "none")
			  : cf_error_set(CF_EINVALID,
				"the workbook has no sheet, expected one");
	cf_buf_release(&names);
	return rc;
}

struct fmt {
	long id;
	int kind;
};

static int
read_styles(struct cf_xlsx *x, const char *path)
{
	struct part p;
	struct fmt *fmts = NULL;
	long *xf_ids = NULL;
	size_t nf = 0, af = 0, ax = 0;
	bool in_xfs = false;
	int rc;

	if ((rc = part_open(x, &p, path, true)) <= 0)
		return rc;
	while ((rc = part_next(&p)) == 1) {
		if (is_elem(&p, "numFmt")) {
			char *id = attr(&p, "numFmtId");
			char *code = attr(&p, "formatCode");
			if (id && code) {
				CF_GROW(fmts, nf + 1, af);
				fmts[nf].id = strtol(id, NULL, 10);
				fmts[nf++].kind = format_kind(code);
			}
			free(id);
			free(code);
		} else if (is_elem(&p, "cellXfs")) {
			in_xfs = !xmlTextReaderIsEmptyElement(p.r);
		} else if (is_end(&p, "cellXfs")) {
			in_xfs = false;
		} else if (in_xfs && is_elem(&p, "xf")) {
			char *id = attr(&p, "numFmtId");
			if (x->nxf >= 65536) {
				free(id);
				continue;
			}
			CF_GROW(xf_ids, x->nxf + 1, ax);
			xf_ids[x->nxf++] = id ? strtol(id, NULL, 10) : 0;
			free(id);
		}
	}
	part_close(&p);
	x->xf_date = cf_xcalloc(x->nxf ? x->nxf : 1, 1);
	for (size_t i = 0; i < x->nxf; i++) {
		int kind = builtin_kind(xf_ids[i]);
		for (size_t k = 0; k < nf; k++)
			if (fmts[k].id == xf_ids[i])
				kind = fmts[k].kind;
		x->xf_date[i] = (unsigned char)kind;
	}
	free(fmts);
	free(xf_ids);
	return rc;
}

/*
 * Appends s[0..n) to `b`, the OOXML escapes _xHHHH_ (how a spreadsheet
 * writes a control character) decoded.
 */
static void
add_xstring(struct cf_buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned cp = 0;
		size_t k;
		if (s[i] == '_' && i + 6 < n && s[i + 1] == 'x' &&
		    s[i + 6] == '_') {
			for (k = 2; k < 6; k++) {
				char c = s[i + k];
				int d = c >= '0' && c <= '9' ? c - '0'
				    : c >= 'a' && c <= 'f'   ? c - 'a' + 10
				    : c >= 'A' && c <= 'F'   ? c - 'A' + 10
							     : -1;
				if (d < 0)
					break;
				cp = cp * 16 + (unsigned)d;
			}
			if (k == 6 && !(cp >= 0xD800 && cp <= 0xDFFF)) {
				char u[3];
				if (cp < 0x80) {
					cf_buf_addc(b, (char)cp);
				} else if (cp < 0x800) {
					u[0] = (char)(0xC0 | (cp >> 6));
					u[1] = (char)(0x80 | (cp & 0x3F));
					cf_buf_add(b, u, 2);
				} else {
					u[0] = (char)(0xE0 | (cp >> 12));
					u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
					u[2] = (char)(0x80 | (cp & 0x3F));
					cf_buf_add(b, u, 3);
				}
				i += 6;
				continue;
			}
		}
		cf_buf_addc(b, s[i]);
	}
}

/*
 * The text of the string item the reader is on (<si> or <is>): its <t>
 * elements' text, phonetic runs (<rPh>) left out, appended to `b`.
 * `end` is the item's element name.
 */
static int
read_item(struct part *p, const char *end, struct cf_buf *b, size_t limit,
    bool *too_long)
{
	int rc, in_t = 0;
	bool in_rph = false;

	if (xmlTextReaderIsEmptyElement(p->r))
		return 1;
	while ((rc = part_next(p)) == 1) {
		if (is_end(p, end))
			return 1;
		if (is_elem(p, "rPh") && !xmlTextReaderIsEmptyElement(p->r))
			in_rph = true;
		else if (is_end(p, "rPh"))
			in_rph = false;
		else if (is_elem(p, "t") && !xmlTextReaderIsEmptyElement(p->r))
			in_t = 1;
		else if (is_end(p, "t"))
			in_t = 0;
		else if (in_t && !in_rph && is_text(p)) {
			const char *s = (const char *)xmlTextReaderConstValue(
			    p->r);
			size_t n = s ? strlen(s) : 0;
			if (b->len + n > limit)
				*too_long = true;
			else
				add_xstring(b, s, n);
		}
	}
	return rc == 0 ? cf_error_set(CF_EINVALID,
			     "%s: ends inside a string, expected the "
			     "complete part",
			     p->path)
		       : rc;
}

static int
read_strings(struct cf_xlsx *x, const char *path)
{
	struct part p;
	int rc;

	if ((rc = part_open(x, &p, path, true)) <= 0)
		return rc;
	while ((rc = part_next(&p)) == 1) {
		bool too_long = false;
		size_t start = x->sst.len;
		if (!is_elem(&p, "si"))
			continue;
		if ((rc = read_item(&p, "si", &x->sst, CF_XLSX_MAX_STRINGS,
			 &too_long)) < 0)
			break;
		if (too_long || x->sst.len - start > CF_CSV_MAX_RECORD) {
			rc = cf_error_set(CF_EINVALID,
			    "%s: shared string %zu is longer than %u bytes "
			    "(or all of them than %u), expected the limits "
			    "of a CSV file",
			    path, x->nsst, CF_CSV_MAX_RECORD,
			    CF_XLSX_MAX_STRINGS);
			break;
		}
		cf_buf_addc(&x->sst, '\0');
		CF_GROW(x->sst_off, x->nsst + 1, x->asst);
		x->sst_off[x->nsst++] = start;
	}
	part_close(&p);
	return rc;
}

/* ---- opening ---- */

bool
cf_xlsx_magic(const void *buf, size_t n)
{
	return n >= 4 && memcmp(buf, "PK\3\4", 4) == 0;
}

int
cf_xlsx_open(struct cf_xlsx **out, int fd, const char *name,
    const char *sheet)
{
	struct cf_xlsx *x = cf_xcalloc(1, sizeof *x);
	struct rels top = { 0 }, wbr = { 0 };
	char *rid = NULL, *wb = NULL;
	const struct rel *rl;
	int zerr = 0, rc, dfd;

	*out = NULL;
	x->name = cf_xstrdup(name);
	cf_buf_init(&x->sst);
	cf_buf_init(&x->rec);
	cf_buf_init(&x->val);
	cf_buf_init(&x->msg);
	if ((dfd = dup(fd)) < 0) {
		rc = cf_error_set(CF_ERROR, "cannot read '%s': %s", name,
		    strerror(errno));
		goto fail;
	}
	x->za = zip_fdopen(dfd, ZIP_CHECKCONS, &zerr);
	if (x->za == NULL) {
		zip_error_t ze;
		close(dfd);
		zip_error_init_with_code(&ze, zerr);
		rc = cf_error_set(CF_EINVALID,
		    "not a readable .xlsx workbook (zip: %s), expected a "
		    "workbook as a spreadsheet saves it",
		    zip_error_strerror(&ze));
		zip_error_fini(&ze);
		goto fail;
	}
	if ((rc = read_rels(x, "", &top)) < 0)
		goto fail;
	rl = rel_by_type(&top, "/officeDocument");
	wb = cf_xstrdup(rl ? rl->target : "xl/workbook.xml");
	if ((rc = read_workbook(x, wb, sheet, &rid)) < 0 ||
	    (rc = read_rels(x, wb, &wbr)) < 0)
		goto fail;
	const struct rel *sr = NULL;
	for (size_t i = 0; i < wbr.n; i++)
		if (strcmp(wbr.v[i].id, rid) == 0)
			sr = &wbr.v[i];
	if (sr == NULL) {
		rc = cf_error_set(CF_EINVALID,
		    "sheet '%s' has no part (relation '%s' missing from the "
		    "workbook's relations), expected a complete workbook",
		    x->sheet, rid);
		goto fail;
	}
	if ((rl = rel_by_type(&wbr, "/styles")) &&
	    (rc = read_styles(x, rl->target)) < 0)
		goto fail;
	if (x->xf_date == NULL)
		x->xf_date = cf_xcalloc(1, 1);
	if ((rl = rel_by_type(&wbr, "/sharedStrings")) &&
	    (rc = read_strings(x, rl->target)) < 0)
		goto fail;
	x->sp_path_keep = cf_xstrdup(sr->target);
	if ((rc = part_open(x, &x->sp, x->sp_path_keep, false)) < 0)
		goto fail;
	x->sp_open = true;
	rels_free(&top);
	rels_free(&wbr);
	free(rid);
	free(wb);
	*out = x;
	return 0;
fail:
	rels_free(&top);
	rels_free(&wbr);
	free(rid);
	free(wb);
	cf_xlsx_free(x);
	return rc;
}

void
cf_xlsx_free(struct cf_xlsx *x)
{
	if (x == NULL)
		return;
	part_close(&x->sp);
	if (x->za)
		zip_discard(x->za);
	free(x->name);
	free(x->sheet);
	free(x->sp_path_keep);
	cf_buf_release(&x->sst);
	free(x->sst_off);
	free(x->xf_date);
	cf_buf_release(&x->rec);
	cf_buf_release(&x->val);
	cf_buf_release(&x->msg);
	free(x->off);
	free(x->len);
	free(x);
}

const char *
cf_xlsx_sheet(const struct cf_xlsx *x)
{
	return x->sheet;
}

bool
cf_xlsx_fatal(const struct cf_xlsx *x)
{
	return x->fatal;
}

size_t
cf_xlsx_count(const struct cf_xlsx *x)
{
	return x->ncells;
}

const char *
cf_xlsx_value(const struct cf_xlsx *x, size_t i, size_t *len)
{
	if (i >= x->ncells) {
		if (len)
			*len = 0;
		return "";
	}
	if (len)
		*len = x->len[i];
	return x->rec.s + x->off[i];
}

int
cf_xlsx_row(const struct cf_xlsx *x)
{
	return x->row;
}

int
cf_xlsx_bad_column(const struct cf_xlsx *x)
{
	return x->fatal ? -1 : x->bad_col;
}

/* ---- the sheet ---- */

static void row_bad(struct cf_xlsx *x, const char *fmt, ...) CF_PRINTF(2, 3);

/* The row's first problem (the others are not worth a message). */
static void
row_bad(struct cf_xlsx *x, const char *fmt, ...)
{
	va_list ap;

	if (x->row_bad)
		return;
	x->row_bad = true;
	x->bad_col = x->cur_col;
	cf_buf_reset(&x->msg);
	va_start(ap, fmt);
	cf_buf_vaddf(&x->msg, fmt, ap);
	va_end(ap);
}

/* The column name of index `c` (0: A). */
static void
col_name(size_t c, char out[8])
{
	char tmp[8];
	int n = 0;

	c++;
	while (c && n < 7) {
		tmp[n++] = (char)('A' + (c - 1) % 26);
		c = (c - 1) / 26;
	}
	for (int i = 0; i < n; i++)
		out[i] = tmp[n - 1 - i];
	out[n] = '\0';
}

/* A cell reference "B57": its column (from 0) and row; false if bad. */
static bool
parse_ref(const char *s, size_t *col, long *row)
{
	size_t c = 0;
	int letters = 0;

	while (*s >= 'A' && *s <= 'Z' && letters < 4) {
		c = c * 26 + (size_t)(*s++ - 'A' + 1);
		letters++;
	}
	if (letters == 0 || letters > 3 || *s < '1' || *s > '9')
		return false;
	char *end;
	errno = 0;
	long r = strtol(s, &end, 10);
	if (*end || errno || r < 1 || r > 1048576)
		return false;
	*col = c - 1;
	*row = r;
	return true;
}

static void
add_cell(struct cf_xlsx *x, const char *s, size_t n)
{
	CF_GROW(x->off, x->ncells + 1, x->acells);
	if (x->acells > 0 && x->len == NULL)
		x->len = cf_xcalloc(x->acells, sizeof *x->len);
	else
		x->len = cf_xrealloc(x->len, x->acells * sizeof *x->len);
	x->off[x->ncells] = x->rec.len;
	x->len[x->ncells] = n;
	cf_buf_add(&x->rec, s, n);
	cf_buf_addc(&x->rec, '\0');
	x->ncells++;
}

/* A number as a spreadsheet shows it in General format. */
static void
add_number(struct cf_buf *b, const char *s)
{
	char *end, tmp[40];
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (end == s || *end || errno || !isfinite(v)) {
		cf_buf_adds(b, s);
		return;
	}
	snprintf(tmp, sizeof tmp, "%.15g", v);
	cf_buf_adds(b, tmp);
}

/*
 * The cell the reader is on (<c>): read to its end, its value as the
 * text of the cell, placed at its column.
 */
static int
read_cell(struct cf_xlsx *x, size_t *next_col)
{
	struct part *p = &x->sp;
	char *ref = attr(p, "r"), *type = attr(p, "t"), *style = attr(p, "s");
	size_t col = *next_col;
	long row;
	char cn[8];
	bool too_long = false, has_v = false;
	int rc = 1, in_v = 0;
	struct cf_buf *v = &x->val;

	cf_buf_reset(v);
	if (ref && (!parse_ref(ref, &col, &row) || row != x->row)) {
		row_bad(x, "cell reference '%s' in row %d, expected a cell "
			   "of that row (A%d to XFD%d)",
		    ref, x->row, x->row, x->row);
		col = *next_col;
	}
	col_name(col, cn);
	x->cur_col = col < CF_XLSX_MAX_COLS ? (int)col : -1;
	if (col < *next_col)
		row_bad(x, "cell %s%d comes after column %zu, expected the "
			   "cells of a row in order",
		    cn, x->row, *next_col);
	if (col >= CF_XLSX_MAX_COLS) {
		row_bad(x, "cell %s%d is beyond column XFD, expected at most "
			   "%d columns",
		    cn, x->row, CF_XLSX_MAX_COLS);
		col = CF_XLSX_MAX_COLS - 1;
	}
	if (!xmlTextReaderIsEmptyElement(p->r)) {
		while ((rc = part_next(p)) == 1) {
			if (is_end(p, "c"))
				break;
			if (is_elem(p, "v")) {
				in_v = !xmlTextReaderIsEmptyElement(p->r);
				has_v = true;
			} else if (is_end(p, "v"))
				in_v = 0;
			else if (is_elem(p, "is")) {
				has_v = true;
				if ((rc = read_item(p, "is", v,
					 CF_CSV_MAX_RECORD, &too_long)) < 0)
					break;
			} else if (in_v && is_text(p)) {
				const char *s = (const char *)
				    xmlTextReaderConstValue(p->r);
				if (s && v->len + strlen(s) > CF_CSV_MAX_RECORD)
					too_long = true;
				else if (s)
					cf_buf_adds(v, s);
			}
		}
		if (rc == 0)
			rc = cf_error_set(CF_EINVALID,
			    "%s: ends inside cell %s%d, expected the complete "
			    "sheet",
			    p->path, cn, x->row);
	}
	if (rc < 0)
		goto out;
	rc = 1;
	if (too_long)
		row_bad(x, "cell %s%d is longer than %u bytes, expected a "
			   "value of at most that (as a CSV record)",
		    cn, x->row, CF_CSV_MAX_RECORD);
	/* The cell's text, in x->msg's neighbour: reuse `val` in place. */
	struct cf_buf out;
	cf_buf_init(&out);
	if (!has_v || too_long) {
		/* empty */
	} else if (type && strcmp(type, "s") == 0) {
		char *end;
		errno = 0;
		unsigned long long i = strtoull(v->s ? v->s : "", &end, 10);
		if (v->len == 0 || *end || errno || i >= x->nsst)
			row_bad(x, "cell %s%d names shared string '%s', "
				   "expected one of the workbook's %zu",
			    cn, x->row, v->len ? v->s : "", x->nsst);
		else
			cf_buf_adds(&out, x->sst.s + x->sst_off[i]);
	} else if (type && strcmp(type, "b") == 0) {
		cf_buf_adds(&out,
		    v->len && strcmp(v->s, "0") != 0 ? "TRUE" : "FALSE");
	} else if (type && (strcmp(type, "str") == 0 ||
			       strcmp(type, "inlineStr") == 0)) {
		if (strcmp(type, "str") == 0)
			add_xstring(&out, v->s ? v->s : "", v->len);
		else
			cf_buf_add(&out, v->s ? v->s : "", v->len);
	} else if (type && (strcmp(type, "e") == 0 ||
			       strcmp(type, "d") == 0)) {
		cf_buf_add(&out, v->s ? v->s : "", v->len);
	} else if (v->len) {
		long si = style ? strtol(style, NULL, 10) : 0;
		int kind = si >= 0 && (size_t)si < x->nxf ? x->xf_date[si] : 0;
		char *end;
		double d = strtod(v->s, &end);
		char iso[20];
		if (kind && *end == '\0' && kind == 2 && d >= 0 && d < 1) {
			long long secs = llround(d * 86400.0) % 86400;
			snprintf(iso, sizeof iso, "%02lld:%02lld:%02lld",
			    secs / 3600, secs / 60 % 60, secs % 60);
			cf_buf_adds(&out, iso);
		} else if (kind && *end == '\0') {
			if (cf_xlsx_serial(d, x->date1904, iso))
				cf_buf_adds(&out, iso);
			else
				row_bad(x, "cell %s%d holds %s in a date "
					   "format, which names no date in "
					   "the %s system, expected a date "
					   "from %s to 9999-12-31",
				    cn, x->row, v->s,
				    x->date1904 ? "1904" : "1900",
				    x->date1904 ? "1904-01-01"
						: "1900-01-01");
		} else
			add_number(&out, v->s);
	}
	if (col >= *next_col) {
		while (x->ncells < col)
			add_cell(x, "", 0);
		if (x->rec.len + out.len > CF_CSV_MAX_RECORD &&
		    (x->cur_col = -1) == -1)
			row_bad(x, "row %d is longer than %u bytes, expected "
				   "at most that (as a CSV record)",
			    x->row, CF_CSV_MAX_RECORD);
		else
			add_cell(x, out.len ? out.s : "", out.len);
		*next_col = col + 1;
	}
	cf_buf_release(&out);
out:
	free(ref);
	free(type);
	free(style);
	return rc;
}

int
cf_xlsx_next(struct cf_xlsx *x)
{
	struct part *p = &x->sp;
	int rc;

	if (x->done || !x->sp_open)
		return 0;
	for (;;) {
		if ((rc = part_next(p)) <= 0)
			goto end;
		if (is_end(p, "sheetData"))
			goto end_ok;
		if (!is_elem(p, "row"))
			continue;
		char *r = attr(p, "r");
		long n = x->prev_row + 1;
		bool empty = xmlTextReaderIsEmptyElement(p->r);
		x->row_bad = false;
		x->cur_col = x->bad_col = -1;
		if (r) {
			char *e;
			errno = 0;
			n = strtol(r, &e, 10);
			if (*e || errno || n < 1 || n > 1048576) {
				x->row = x->prev_row + 1;
				row_bad(x, "row number '%s', expected 1 to "
					   "1048576",
				    r);
				n = x->row;
			}
		}
		free(r);
		x->row = (int)n;
		if (n <= x->prev_row && !x->row_bad)
			row_bad(x, "row %ld comes after row %d, expected the "
				   "rows of the sheet in order",
			    n, x->prev_row);
		if (n > x->prev_row)
			x->prev_row = (int)n;
		cf_buf_reset(&x->rec);
		x->ncells = 0;
		size_t next_col = 0;
		while (!empty && (rc = part_next(p)) == 1) {
			if (is_end(p, "row"))
				break;
			if (is_elem(p, "c") &&
			    (rc = read_cell(x, &next_col)) < 0)
				break;
		}
		if (!empty && rc <= 0) {
			if (rc == 0)
				rc = cf_error_set(CF_EINVALID,
				    "%s: ends inside row %d, expected the "
				    "complete sheet",
				    p->path, x->row);
			goto end;
		}
		if (x->row_bad)
			return cf_error_set(CF_EINVALID, "%s", x->msg.s);
		/* Trailing empty cells beyond the first row's width go;
		 * a row with no value at all is skipped. */
		size_t last = 0;
		for (size_t i = 0; i < x->ncells; i++)
			if (x->len[i])
				last = i + 1;
		if (last == 0)
			continue;
		x->ncells = last > x->width ? last : x->width;
		while (x->ncells > 0 && x->ncells > last &&
		    x->ncells > x->width)
			x->ncells--;
		if (x->width == 0)
			x->width = last;
		/* pad to the first row's width */
		size_t want = x->ncells;
		x->ncells = last;
		while (x->ncells < want)
			add_cell(x, "", 0);
		return 1;
	}
end_ok:
	rc = 0;
end:
	x->done = true;
	if (rc < 0) {
		x->fatal = true;
		return rc;
	}
	return 0;
}
