/* SPDX-License-Identifier: MIT */
/*
 * mkxlsx.c - a test tool: a CSV file written as an .xlsx workbook with
 * libxlsxwriter, the way a spreadsheet holds it, for the tests of the
 * sheet reader (tests/cases/cases-xlsx.sh).  Not installed.
 *
 *   mkxlsx [--date COL]... [--number COL]... [--1904] [--constant-memory]
 *          [--merge A1:B2]... [--gap LINE]... [--sheet NAME]
 *          [--before NAME] IN.csv OUT.xlsx
 *
 * Every cell is a string (shared strings; inline strings with
 * --constant-memory, which is how libxlsxwriter writes them in that
 * mode) except: a column named by --date holds date cells (the serial
 * number with the number format yyyy-mm-dd hh:mm:ss) for values
 * written YYYY-MM-DD[ HH:MM[:SS]] (or with a T), a column named by
 * --number numbers; a value that is not such a date or number stays a
 * string, and an empty value is no cell.  --1904 counts serials from
 * 1904 and marks the workbook so (workbookPr date1904="1", set after
 * libxlsxwriter, which has no option for it, with libzip).  --merge
 * merges a range (the CSV's top-left value is the range's; its other
 * values are dropped).  --gap LINE puts two empty sheet rows after the
 * CSV's line LINE (the header is line 1): one written as a row of blank
 * formatted cells, one absent.  --sheet names the data sheet (default
 * Sheet1); --before NAME adds a sheet NAME before it holding one note.
 */
#include <xlsxwriter.h>
#include <zip.h>

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXN 64

static const char *dates[MAXN], *numbers[MAXN], *merges[MAXN];
static char *merge_val[MAXN];
static int ndates, nnumbers, nmerges, gaps[MAXN], ngaps;

static void
die(const char *what, const char *arg)
{
	fprintf(stderr, "mkxlsx: %s%s\n", what, arg);
	exit(2);
}

/* One CSV record (RFC 4180 quotes) into fields; false at the end. */
static bool
read_record(FILE *f, char ***out, int *nout)
{
	static char *fields[1024];
	static size_t cap[1024];
	size_t len = 0;
	int n = 0, c;
	bool quoted = false, any = false;

	for (int i = 0; i < *nout; i++)
		fields[i][0] = '\0';
	if (fields[0] == NULL)
		for (int i = 0; i < 1024; i++) {
			cap[i] = 64;
			fields[i] = calloc(1, cap[i]);
		}
	fields[0][0] = '\0';
	while ((c = getc(f)) != EOF) {
		any = true;
		if (quoted) {
			if (c == '"') {
				int d = getc(f);
				if (d != '"') {
					quoted = false;
					if (d != EOF)
						ungetc(d, f);
					continue;
				}
			}
		} else if (c == '"') {
			quoted = true;
			continue;
		} else if (c == ',') {
			fields[n][len] = '\0';
			if (++n >= 1024)
				die("too many fields", "");
			len = 0;
			fields[n][0] = '\0';
			continue;
		} else if (c == '\r')
			continue;
		else if (c == '\n')
			break;
		if (len + 2 > cap[n])
			fields[n] = realloc(fields[n], cap[n] *= 2);
		fields[n][len++] = (char)c;
	}
	fields[n][len] = '\0';
	*out = fields;
	*nout = n + 1;
	return any;
}

static bool
listed(const char *const *v, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (strcmp(v[i], name) == 0)
			return true;
	return false;
}

static bool
parse_date(const char *s, lxw_datetime *dt)
{
	int y, mo, d, h = 0, mi = 0, n = 0;
	double sec = 0;
	char sep;

	memset(dt, 0, sizeof *dt);
	if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3)
		return false;
	if (s[n] != '\0') {
		int m = 0;
		if (sscanf(s + n, "%c%2d:%2d%n", &sep, &h, &mi, &m) != 3 ||
		    (sep != ' ' && sep != 'T'))
			return false;
		n += m;
		if (s[n] == ':') {
			int k = 0;
			if (sscanf(s + n, ":%lf%n", &sec, &k) != 1)
				return false;
			n += k;
		}
		if (s[n] != '\0')
			return false;
	}
	dt->year = y;
	dt->month = mo;
	dt->day = d;
	dt->hour = h;
	dt->min = mi;
	dt->sec = sec;
	return true;
}

static bool
parse_number(const char *s, double *v)
{
	char *end;

	if (*s == '\0' || isspace((unsigned char)*s))
		return false;
	*v = strtod(s, &end);
	return *end == '\0';
}

/* workbookPr date1904="1" in OUT's xl/workbook.xml. */
static void
mark_1904(const char *path)
{
	int err;
	zip_t *za = zip_open(path, 0, &err);
	zip_stat_t st;
	zip_file_t *zf;
	char *buf, *out, *at;
	zip_source_t *src;
	zip_int64_t idx;

	if (za == NULL)
		die("cannot reopen ", path);
	idx = zip_name_locate(za, "xl/workbook.xml", 0);
	if (idx < 0 || zip_stat_index(za, (zip_uint64_t)idx, 0, &st) < 0)
		die("no xl/workbook.xml in ", path);
	buf = calloc(1, st.size + 1);
	zf = zip_fopen_index(za, (zip_uint64_t)idx, 0);
	if (zf == NULL ||
	    zip_fread(zf, buf, st.size) != (zip_int64_t)st.size)
		die("cannot read the workbook part of ", path);
	zip_fclose(zf);
	if ((at = strstr(buf, "<workbookPr")) == NULL)
		die("no workbookPr in ", path);
	out = malloc(st.size + 32);
	at += strlen("<workbookPr");
	memcpy(out, buf, (size_t)(at - buf));
	strcpy(out + (at - buf), " date1904=\"1\"");
	strcat(out, at);
	src = zip_source_buffer(za, out, strlen(out), 1);
	if (src == NULL || zip_file_replace(za, (zip_uint64_t)idx, src, 0) < 0)
		die("cannot replace the workbook part of ", path);
	if (zip_close(za) < 0)
		die("cannot write ", path);
	free(buf);
}

int
main(int argc, char **argv)
{
	const char *sheet = "Sheet1", *before = NULL, *in, *outp;
	lxw_workbook_options wo = { .constant_memory = LXW_FALSE };
	bool e1904 = false;
	int i;

	for (i = 1; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
		const char *o = argv[i];
		bool arg = strcmp(o, "--1904") != 0 &&
		    strcmp(o, "--constant-memory") != 0;
		if (arg && i + 1 >= argc)
			die("a value is needed after ", o);
		if (strcmp(o, "--date") == 0 && ndates < MAXN)
			dates[ndates++] = argv[++i];
		else if (strcmp(o, "--number") == 0 && nnumbers < MAXN)
			numbers[nnumbers++] = argv[++i];
		else if (strcmp(o, "--merge") == 0 && nmerges < MAXN)
			merges[nmerges++] = argv[++i];
		else if (strcmp(o, "--gap") == 0 && ngaps < MAXN)
			gaps[ngaps++] = atoi(argv[++i]);
		else if (strcmp(o, "--sheet") == 0)
			sheet = argv[++i];
		else if (strcmp(o, "--before") == 0)
			before = argv[++i];
		else if (strcmp(o, "--1904") == 0)
			e1904 = true;
		else if (strcmp(o, "--constant-memory") == 0)
			wo.constant_memory = LXW_TRUE;
		else
			die("unknown option ", o);
	}
	if (argc - i != 2)
		die("usage: mkxlsx [options] IN.csv OUT.xlsx", "");
	in = argv[i];
	outp = argv[i + 1];
	FILE *f = fopen(in, "r");
	if (f == NULL)
		die("cannot read ", in);

	lxw_workbook *wb = workbook_new_opt(outp, &wo);
	if (wb == NULL)
		die("cannot create ", outp);
	if (before) {
		lxw_worksheet *b = workbook_add_worksheet(wb, before);
		if (b == NULL)
			die("bad sheet name ", before);
		worksheet_write_string(b, 0, 0, "not the data", NULL);
	}
	lxw_worksheet *ws = workbook_add_worksheet(wb, sheet);
	if (ws == NULL)
		die("bad sheet name ", sheet);
	lxw_format *datefmt = workbook_add_format(wb);
	format_set_num_format(datefmt, "yyyy-mm-dd hh:mm:ss");
	lxw_format *blankfmt = workbook_add_format(wb);
	format_set_bold(blankfmt);

	char **fields;
	int nf = 0, ncols = 0;
	bool isdate[1024] = { false }, isnum[1024] = { false };
	lxw_row_t row = 0;
	int line = 0;
	while (read_record(f, &fields, &nf)) {
		line++;
		if (line == 1) {
			ncols = nf;
			for (int c = 0; c < nf; c++) {
				isdate[c] = listed(dates, ndates, fields[c]);
				isnum[c] = listed(numbers, nnumbers, fields[c]);
			}
		}
		for (int c = 0; c < nf; c++) {
			const char *v = fields[c];
			lxw_datetime dt;
			double d;
			bool merged_away = false;
			for (int m = 0; m < nmerges; m++) {
				lxw_row_t r1, r2;
				lxw_col_t c1, c2;
				r1 = lxw_name_to_row(merges[m]);
				c1 = lxw_name_to_col(merges[m]);
				r2 = lxw_name_to_row_2(merges[m]);
				c2 = lxw_name_to_col_2(merges[m]);
				if (row == r1 && (lxw_col_t)c == c1 &&
				    merge_val[m] == NULL)
					merge_val[m] = strdup(v);
				if (row >= r1 && row <= r2 &&
				    (lxw_col_t)c >= c1 && (lxw_col_t)c <= c2)
					merged_away = true;
			}
			if (*v == '\0' || merged_away)
				continue;
			if (line > 1 && isdate[c] && parse_date(v, &dt)) {
				d = lxw_datetime_to_excel_date_epoch(&dt,
				    e1904 ? LXW_EPOCH_1904 : LXW_EPOCH_1900);
				worksheet_write_number(ws, row, (lxw_col_t)c,
				    d, datefmt);
			} else if (line > 1 && isnum[c] &&
			    parse_number(v, &d))
				worksheet_write_number(ws, row, (lxw_col_t)c,
				    d, NULL);
			else
				worksheet_write_string(ws, row, (lxw_col_t)c,
				    v, NULL);
		}
		row++;
		for (int g = 0; g < ngaps; g++)
			if (gaps[g] == line) {
				for (int c = 0; c < ncols; c++)
					worksheet_write_blank(ws, row,
					    (lxw_col_t)c, blankfmt);
				row += 2;
			}
	}
	fclose(f);
	for (int m = 0; m < nmerges; m++) {
		/* the range holds the CSV's top-left value */
		if (worksheet_merge_range(ws, lxw_name_to_row(merges[m]),
			lxw_name_to_col(merges[m]), lxw_name_to_row_2(merges[m]),
			lxw_name_to_col_2(merges[m]),
			merge_val[m] ? merge_val[m] : "", NULL) !=
		    LXW_NO_ERROR)
			die("cannot merge ", merges[m]);
	}
	if (workbook_close(wb) != LXW_NO_ERROR)
		die("cannot write ", outp);
	if (e1904)
		mark_1904(outp);
	return 0;
}
