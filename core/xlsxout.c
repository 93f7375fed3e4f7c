/* SPDX-License-Identifier: MIT */
/*
 * xlsxout.c - a listing as an Excel workbook (see xlsxout.h).
 *
 * constant_memory: rows go to the sheet's XML as they come (strings
 * inline, not shared), so a listing of a million findings does not sit
 * in memory; rows must therefore come in order, as listings do.
 */
#include "conform.h"
#include "text.h"
#include "xlsxout.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

/* Widths in Excel's units (about one Latin character). */
#define MIN_WIDTH 6
#define MAX_WIDTH 60

struct cf_xlsxout {
	char *tmp; /* the workbook's temporary file */
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *bold, *day, *minute;
	size_t ncols;
	size_t *width;
	int rc; /* the first error; its message is kept in msg */
	char *msg;
};

static void
fail(struct cf_xlsxout *x, int rc, const char *msg)
{
	if (x->rc == 0) {
		x->rc = rc;
		x->msg = cf_xstrdup(msg);
	}
}

static bool
check(struct cf_xlsxout *x, lxw_error e, size_t row)
{
	if (e == LXW_NO_ERROR)
		return true;
	if (e == LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE && row >= LXW_ROW_MAX)
		fail(x, CF_EINVALID,
		    "the listing has more rows than a worksheet holds "
		    "(1,048,575 under the header); write it with --format "
		    "csv");
	else if (e == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED)
		fail(x, CF_EINVALID,
		    "a cell holds more than the 32,767 characters an Excel "
		    "cell can; write the listing with --format csv");
	else
		fail(x, CF_ERROR, lxw_strerror(e));
	return false;
}

struct cf_xlsxout *
cf_xlsxout_new(const char *sheet, size_t ncols)
{
	struct cf_xlsxout *x = cf_xcalloc(1, sizeof *x);
	lxw_workbook_options opt = { .constant_memory = LXW_TRUE };
	const char *dir = getenv("TMPDIR");
	int fd;

	x->ncols = ncols;
	x->width = cf_xcalloc(ncols ? ncols : 1, sizeof *x->width);
	x->tmp = cf_xasprintf("%s/conform-listing-XXXXXX.xlsx",
	    dir && *dir ? dir : "/tmp");
	if ((fd = mkstemps(x->tmp, 5)) < 0) {
		char *m = cf_xasprintf("cannot create a temporary file for "
				       "the workbook (%s): %s",
		    x->tmp, strerror(errno));
		fail(x, CF_ERROR, m);
		free(m);
		free(x->tmp);
		x->tmp = NULL;
		return x;
	}
	close(fd);
	if ((x->wb = workbook_new_opt(x->tmp, &opt)) == NULL ||
	    (x->ws = workbook_add_worksheet(x->wb, sheet)) == NULL) {
		fail(x, CF_ERROR, "cannot start the workbook");
		return x;
	}
	x->bold = workbook_add_format(x->wb);
	format_set_bold(x->bold);
	x->day = workbook_add_format(x->wb);
	format_set_num_format(x->day, "yyyy-mm-dd");
	x->minute = workbook_add_format(x->wb);
	format_set_num_format(x->minute, "yyyy-mm-dd hh:mm");
	return x;
}

static void
widen(struct cf_xlsxout *x, size_t col, size_t w)
{
	if (col < x->ncols && w > x->width[col])
		x->width[col] = w;
}

void
cf_xlsxout_header(struct cf_xlsxout *x, size_t col, const char *name)
{
	if (x->rc == 0)
		check(x, worksheet_write_string(x->ws, 0, (lxw_col_t)col, name,
			     x->bold), 0);
	widen(x, col, cf_utf8_width(name) + 3); /* room for the filter */
}

/*
 * A spreadsheet reads "_xHHHH_" in a string as the character U+HHHH
 * (the OOXML escape, which libxlsxwriter leaves as it is), so a stored
 * "_x0041_" would show as "A".  Its underscore escaped, "_x005F_x0041_",
 * it shows as stored.
 */
static bool
ooxml_escape_at(const char *p)
{
	if (p[0] != '_' || p[1] != 'x')
		return false;
	for (int i = 2; i < 6; i++)
		if (p[i] == '\0' || !strchr("0123456789abcdefABCDEF", p[i]))
			return false;
	return p[6] == '_';
}

void
cf_xlsxout_string(struct cf_xlsxout *x, size_t row, size_t col,
    const char *s)
{
	struct cf_buf b = CF_BUF_INIT;
	bool escaped = strstr(s, "_x") != NULL;

	if (escaped)
		for (const char *p = s; *p; p++) {
			if (ooxml_escape_at(p))
				cf_buf_adds(&b, "_x005F");
			cf_buf_addc(&b, *p);
		}
	if (x->rc == 0)
		check(x, worksheet_write_string(x->ws, (lxw_row_t)row,
			     (lxw_col_t)col, escaped ? b.s : s, NULL), row);
	cf_buf_release(&b);
	/* a line break: the widest line counts */
	if (strchr(s, '\n') == NULL) {
		widen(x, col, cf_utf8_width(s));
		return;
	}
	char *copy = cf_xstrdup(s), *save = NULL;
	for (char *p = strtok_r(copy, "\n", &save); p;
	    p = strtok_r(NULL, "\n", &save))
		widen(x, col, cf_utf8_width(p));
	free(copy);
}

void
cf_xlsxout_number(struct cf_xlsxout *x, size_t row, size_t col, double v)
{
	char buf[32];

	if (x->rc == 0)
		check(x, worksheet_write_number(x->ws, (lxw_row_t)row,
			     (lxw_col_t)col, v, NULL), row);
	widen(x, col, (size_t)snprintf(buf, sizeof buf, "%.15g", v));
}

static bool
digits(const char *s, int n, int *out)
{
	*out = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		*out = *out * 10 + (s[i] - '0');
	}
	return true;
}

void
cf_xlsxout_date(struct cf_xlsxout *x, size_t row, size_t col, const char *s,
    bool with_time)
{
	lxw_datetime dt = { 0 };
	size_t len = strlen(s);
	bool ok = len == (with_time ? 16u : 10u) && s[4] == '-' &&
	    s[7] == '-' && digits(s, 4, &dt.year) &&
	    digits(s + 5, 2, &dt.month) && digits(s + 8, 2, &dt.day) &&
	    dt.year >= 1900 && dt.month >= 1 && dt.month <= 12 &&
	    dt.day >= 1 && dt.day <= 31;

	if (ok && with_time)
		ok = s[10] == ' ' && s[13] == ':' &&
		    digits(s + 11, 2, &dt.hour) && digits(s + 14, 2, &dt.min) &&
		    dt.hour < 24 && dt.min < 60;
	/* Excel's serials before 1900-03-01 count a 29 February 1900
	 * that never was; no listing holds such a date, but text is
	 * exact where a serial would be a day off. */
	if (ok && dt.year == 1900 && dt.month < 3)
		ok = false;
	if (!ok) {
		cf_xlsxout_string(x, row, col, s);
		return;
	}
	if (x->rc == 0)
		check(x, worksheet_write_datetime(x->ws, (lxw_row_t)row,
			     (lxw_col_t)col, &dt,
			     with_time ? x->minute : x->day), row);
	widen(x, col, len);
}

static int
copy_to(const char *path, FILE *f)
{
	char buf[65536];
	size_t n;
	FILE *in = fopen(path, "rb");
	int rc = 0;

	if (in == NULL)
		return cf_error_set(CF_ERROR, "cannot read the workbook %s: %s",
		    path, strerror(errno));
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		if (fwrite(buf, 1, n, f) != n) {
			rc = cf_error_set(CF_ERROR,
			    "cannot write the workbook: %s", strerror(errno));
			break;
		}
	if (rc == 0 && ferror(in))
		rc = cf_error_set(CF_ERROR, "cannot read the workbook %s: %s",
		    path, strerror(errno));
	fclose(in);
	return rc;
}

int
cf_xlsxout_end(struct cf_xlsxout *x, size_t nrows, FILE *f)
{
	int rc;

	if (x->ws) {
		for (size_t c = 0; c < x->ncols; c++) {
			size_t w = x->width[c] + 2;
			w = w < MIN_WIDTH ? MIN_WIDTH
			    : w > MAX_WIDTH ? MAX_WIDTH
					    : w;
			worksheet_set_column(x->ws, (lxw_col_t)c, (lxw_col_t)c,
			    (double)w, NULL);
		}
		worksheet_freeze_panes(x->ws, 1, 0);
		if (x->ncols && nrows <= LXW_ROW_MAX)
			worksheet_autofilter(x->ws, 0, 0,
			    (lxw_row_t)(nrows ? nrows - 1 : 0),
			    (lxw_col_t)(x->ncols - 1));
	}
	if (x->wb) {
		lxw_error e = workbook_close(x->wb);
		if (e != LXW_NO_ERROR)
			fail(x, CF_ERROR, lxw_strerror(e));
	}
	if (x->rc)
		rc = cf_error_set(x->rc, "cannot write the workbook: %s",
		    x->msg);
	else
		rc = copy_to(x->tmp, f);
	if (x->tmp)
		unlink(x->tmp);
	free(x->tmp);
	free(x->msg);
	free(x->width);
	free(x);
	return rc;
}
