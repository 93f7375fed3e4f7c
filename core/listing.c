/* SPDX-License-Identifier: MIT */
/*
 * listing.c - table, CSV, JSON and workbook listings (see listing.h).
 */
#include "conform.h"
#include "csv.h"
#include "json.h"
#include "listing.h"
#include "outname.h"
#include "text.h"
#include "xlsxout.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

struct cf_listing {
	FILE *f;
	enum cf_format fmt;
	const struct cf_column *cols;
	size_t ncols;
	size_t col; /* next column of the current row */
	size_t nrows;
	bool in_row;
	struct cf_buf line; /* CSV/JSON: the row being built */
	/* Table: every cell, row-major; NULL cells are empty. */
	char **cells;
	size_t ncells, acells;
	struct cf_xlsxout *x; /* xlsx */
};

int
cf_format_parse(enum cf_format *out, const char *s, enum cf_format def)
{
	if (s == NULL)
		*out = def;
	else if (strcmp(s, "table") == 0)
		*out = CF_FORMAT_TABLE;
	else if (strcmp(s, "csv") == 0)
		*out = CF_FORMAT_CSV;
	else if (strcmp(s, "json") == 0)
		*out = CF_FORMAT_JSON;
	else if (strcmp(s, "xlsx") == 0)
		*out = CF_FORMAT_XLSX;
	else
		return cf_error_set(CF_EUSAGE,
		    "unknown format '%s', expected table, csv, json or xlsx", s);
	return 0;
}

const char *
cf_format_name(enum cf_format f)
{
	switch (f) {
	case CF_FORMAT_CSV:
		return "csv";
	case CF_FORMAT_JSON:
		return "json";
	case CF_FORMAT_XLSX:
		return "xlsx";
	case CF_FORMAT_TABLE:
		break;
	}
	return "table";
}

static const char *
format_name(int f)
{
	return cf_format_name((enum cf_format)f);
}

/* The extensions of doc/command-line.md#output-files. */
static const struct cf_outname_ext listing_exts[] = {
	{ "txt", CF_FORMAT_TABLE },
	{ "csv", CF_FORMAT_CSV },
	{ "json", CF_FORMAT_JSON },
	{ "xlsx", CF_FORMAT_XLSX },
};

int
cf_format_for_output(enum cf_format *out, const char *s, bool excel,
    const char *path, enum cf_format def)
{
	enum cf_format given = CF_FORMAT_TABLE;
	int rc, f;

	if (s && (rc = cf_format_parse(&given, s, def)) < 0)
		return rc;
	if ((rc = cf_outname_format(&f, path ? path : "-", s ? (int)given : -1,
		 excel ? CF_FORMAT_CSV : def, listing_exts,
		 CF_ARRAY_LEN(listing_exts), format_name)) < 0)
		return rc;
	*out = (enum cf_format)f;
	if (excel && *out != CF_FORMAT_CSV)
		return cf_error_set(CF_EUSAGE,
		    "--excel is CSV for Excel; it goes with --format csv, "
		    "not %s",
		    cf_format_name(*out));
	if (*out == CF_FORMAT_XLSX && (path == NULL || strcmp(path, "-") == 0))
		return cf_error_set(CF_EUSAGE,
		    "--format xlsx writes a workbook, which needs a file: "
		    "give -o FILE.xlsx");
	return 0;
}

int
cf_format_parse_excel(enum cf_format *out, const char *s, bool excel,
    enum cf_format def)
{
	int rc = cf_format_parse(out, s, excel ? CF_FORMAT_CSV : def);

	if (rc == 0 && excel && *out != CF_FORMAT_CSV)
		return cf_error_set(CF_EUSAGE,
		    "--excel is CSV for Excel; it goes with --format csv, "
		    "not --format %s", s);
	return rc;
}

struct cf_listing *
cf_listing_new(FILE *f, enum cf_format fmt, const struct cf_column *cols,
    size_t ncols)
{
	return cf_listing_new_named(f, fmt, "listing", cols, ncols);
}

struct cf_listing *
cf_listing_new_named(FILE *f, enum cf_format fmt, const char *name,
    const struct cf_column *cols, size_t ncols)
{
	struct cf_listing *l = cf_xcalloc(1, sizeof *l);

	l->f = f;
	l->fmt = fmt;
	l->cols = cols;
	l->ncols = ncols;
	cf_buf_init(&l->line);
	if (fmt == CF_FORMAT_CSV) {
		for (size_t i = 0; i < ncols; i++) {
			if (i)
				cf_buf_addc(&l->line, ',');
			cf_csv_field(&l->line, cols[i].name);
		}
		cf_buf_addc(&l->line, '\n');
		fwrite(l->line.s, 1, l->line.len, f);
		cf_buf_reset(&l->line);
	} else if (fmt == CF_FORMAT_TABLE) {
		for (size_t i = 0; i < ncols; i++) {
			CF_GROW(l->cells, l->ncells + 1, l->acells);
			l->cells[l->ncells++] = cf_xstrdup(cols[i].name);
		}
	} else if (fmt == CF_FORMAT_XLSX) {
		l->x = cf_xlsxout_new(name, ncols);
		for (size_t i = 0; i < ncols; i++)
			cf_xlsxout_header(l->x, i, cols[i].name);
	}
	return l;
}

static void
flush_row(struct cf_listing *l)
{
	if (!l->in_row)
		return;
	while (l->col < l->ncols)
		cf_listing_cell(l, NULL);
	if (l->fmt == CF_FORMAT_CSV) {
		cf_buf_addc(&l->line, '\n');
		fwrite(l->line.s, 1, l->line.len, l->f);
	} else if (l->fmt == CF_FORMAT_JSON) {
		fputs(l->nrows ? ",\n  " : "[\n  ", l->f);
		cf_buf_addc(&l->line, '}');
		fwrite(l->line.s, 1, l->line.len, l->f);
	}
	cf_buf_reset(&l->line);
	l->nrows++;
	l->in_row = false;
}

void
cf_listing_row(struct cf_listing *l)
{
	flush_row(l);
	l->in_row = true;
	l->col = 0;
	if (l->fmt == CF_FORMAT_JSON)
		cf_buf_addc(&l->line, '{');
}

static void
add_cell(struct cf_listing *l, const char *s, bool raw_number)
{
	if (!l->in_row)
		cf_listing_row(l);
	if (l->col >= l->ncols)
		return; /* extra cells are a caller bug; drop them */
	switch (l->fmt) {
	case CF_FORMAT_CSV:
		if (l->col)
			cf_buf_addc(&l->line, ',');
		if (s)
			cf_csv_cell(&l->line, s);
		break;
	case CF_FORMAT_JSON:
		if (l->col)
			cf_buf_adds(&l->line, ", ");
		cf_json_string(&l->line, l->cols[l->col].name);
		cf_buf_adds(&l->line, ": ");
		if (s == NULL)
			cf_buf_adds(&l->line, "null");
		else if (raw_number)
			cf_buf_adds(&l->line, s);
		else
			cf_json_string(&l->line, s);
		break;
	case CF_FORMAT_TABLE:
		CF_GROW(l->cells, l->ncells + 1, l->acells);
		if (s == NULL) {
			l->cells[l->ncells++] = NULL;
			break;
		}
		/* One line per row: a control character in a stored value
		 * is shown as an escape, never sent to the terminal. */
		struct cf_buf v = CF_BUF_INIT;
		cf_text_add_printable(&v, s, strlen(s));
		l->cells[l->ncells++] = cf_buf_detach(&v);
		break;
	case CF_FORMAT_XLSX:
		if (s == NULL)
			break; /* an empty cell */
		/* the CSV's text: the same visible escapes (text.h) */
		struct cf_buf t = CF_BUF_INIT;
		cf_text_add_visible(&t, s, strlen(s));
		switch (l->cols[l->col].type) {
		case CF_COL_DAY:
		case CF_COL_MINUTE:
			cf_xlsxout_date(l->x, l->nrows + 1, l->col, t.s,
			    l->cols[l->col].type == CF_COL_MINUTE);
			break;
		default:
			cf_xlsxout_string(l->x, l->nrows + 1, l->col, t.s);
		}
		cf_buf_release(&t);
		break;
	}
	l->col++;
}

void
cf_listing_cell(struct cf_listing *l, const char *s)
{
	add_cell(l, s, false);
}

void
cf_listing_cellf(struct cf_listing *l, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = cf_xvasprintf(fmt, ap);
	va_end(ap);
	add_cell(l, s, false);
	free(s);
}

void
cf_listing_cell_int(struct cf_listing *l, int64_t v)
{
	char buf[32];

	if (l->fmt == CF_FORMAT_XLSX) {
		if (!l->in_row)
			cf_listing_row(l);
		if (l->col < l->ncols)
			cf_xlsxout_number(l->x, l->nrows + 1, l->col++,
			    (double)v);
		return;
	}
	snprintf(buf, sizeof buf, "%" PRId64, v);
	add_cell(l, buf, l->fmt == CF_FORMAT_JSON);
}

static void
write_table(struct cf_listing *l)
{
	size_t nrows = l->ncells / l->ncols;
	size_t *w = cf_xcalloc(l->ncols, sizeof *w);

	for (size_t r = 0; r < nrows; r++)
		for (size_t c = 0; c < l->ncols; c++) {
			const char *s = l->cells[r * l->ncols + c];
			size_t cw = s ? cf_utf8_width(s) : 0;
			if (cw > w[c])
				w[c] = cw;
		}
	for (size_t r = 0; r < nrows; r++) {
		struct cf_buf line = CF_BUF_INIT;
		for (size_t c = 0; c < l->ncols; c++) {
			const char *s = l->cells[r * l->ncols + c];
			size_t cw = s ? cf_utf8_width(s) : 0;
			bool right = l->cols[c].type == CF_COL_INT && r > 0;
			bool last = c + 1 == l->ncols;
			if (c)
				cf_buf_adds(&line, "  ");
			if (right)
				for (size_t k = cw; k < w[c]; k++)
					cf_buf_addc(&line, ' ');
			if (s)
				cf_buf_adds(&line, s);
			if (!right && !last)
				for (size_t k = cw; k < w[c]; k++)
					cf_buf_addc(&line, ' ');
		}
		/* No trailing blanks. */
		while (line.len && line.s[line.len - 1] == ' ')
			line.s[--line.len] = '\0';
		fprintf(l->f, "%s\n", line.s);
		cf_buf_release(&line);
	}
	free(w);
}

int
cf_listing_end(struct cf_listing *l)
{
	int rc = 0;

	if (l == NULL)
		return 0;
	flush_row(l);
	if (l->fmt == CF_FORMAT_JSON)
		fputs(l->nrows ? "\n]\n" : "[]\n", l->f);
	else if (l->fmt == CF_FORMAT_TABLE)
		write_table(l);
	else if (l->fmt == CF_FORMAT_XLSX)
		rc = cf_xlsxout_end(l->x, l->nrows + 1, l->f);
	if (rc == 0 && ferror(l->f))
		rc = cf_error_set(CF_ERROR, "cannot write the listing");
	for (size_t i = 0; i < l->ncells; i++)
		free(l->cells[i]);
	free(l->cells);
	cf_buf_release(&l->line);
	free(l);
	return rc;
}
