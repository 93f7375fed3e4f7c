/* SPDX-License-Identifier: MIT */
/*
 * report-ws.c - what the report commands share: opening a workspace's
 * store, document index and zone, and writing an output file whole or
 * not at all (see report.h), and the format an output name asks for
 * (doc/command-line.md#output-files).
 */
#include "conform.h"
#include "docindex.h"
#include "paths.h"
#include "repo.h"
#include "report.h"
#include "workspace.h"

#include <string.h>
#include <strings.h>

int
cf_report_ws_open(struct cf_report_ws *w, struct cf_ws *ws)
{
	const char *center = cf_ws_config(ws, "center", NULL);
	int rc;

	memset(w, 0, sizeof *w);
	w->env.center = center && *center ? center : NULL;
	if ((rc = cf_ws_store(ws, &w->env.st)) < 0 ||
	    (rc = cf_ws_tz(ws, &w->tz)) < 0 ||
	    (rc = cf_docindex_open_ws(ws, &w->repo, &w->idx)) < 0)
		return rc;
	w->env.idx = w->idx;
	w->env.repo = w->repo;
	return 0;
}

void
cf_report_ws_close(struct cf_report_ws *w)
{
	cf_docindex_free(w->idx);
	cf_repo_free(w->repo);
	memset(w, 0, sizeof *w);
}

int
cf_report_write(const char *path, FILE *out, cf_report_fn fn, void *arg)
{
	struct cf_outfile o = { 0 };
	int rc;

	if (strcmp(path, "-") == 0)
		return fn(out, arg);
	if ((rc = cf_outfile_open(&o, path)) < 0)
		return rc;
	if ((rc = fn(o.f, arg)) < 0) {
		cf_outfile_abort(&o);
		return rc;
	}
	return cf_outfile_commit(&o);
}

/* The formats an extension names (doc/command-line.md#output-files). */
static const struct {
	const char *ext;
	enum cf_report_format fmt;
} exts[] = {
	{ "html", CF_REPORT_HTML },
	{ "htm", CF_REPORT_HTML },
	{ "xml", CF_REPORT_XML },
	{ "csv", CF_REPORT_CSV },
};

static const char *
format_name(enum cf_report_format f)
{
	return f == CF_REPORT_XML ? "xml" : f == CF_REPORT_CSV ? "csv" : "html";
}

static const char *
format_exts(enum cf_report_format f)
{
	return f == CF_REPORT_XML ? ".xml"
	    : f == CF_REPORT_CSV  ? ".csv"
				  : ".html or .htm";
}

int
cf_report_format_for(enum cf_report_format *out, const char *fmt,
    const char *path, bool csv_ok)
{
	const char *base = strrchr(path, '/'), *dot;
	const char *accepted = csv_ok ? ".html, .htm, .xml or .csv"
				      : ".html, .htm or .xml";
	bool known = false;
	enum cf_report_format by_ext = CF_REPORT_HTML;
	int rc;

	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	/* "-" is stdout; a leading dot is a hidden name, not an extension */
	if (strcmp(path, "-") == 0 || dot == NULL || dot == base)
		return cf_report_format_parse(out, fmt, CF_REPORT_HTML, csv_ok);
	for (size_t i = 0; i < sizeof exts / sizeof exts[0] && !known; i++)
		if (strcasecmp(dot + 1, exts[i].ext) == 0 &&
		    (csv_ok || exts[i].fmt != CF_REPORT_CSV)) {
			known = true;
			by_ext = exts[i].fmt;
		}
	if ((rc = cf_report_format_parse(out, fmt, by_ext, csv_ok)) < 0)
		return rc;
	if (fmt == NULL && !known)
		return cf_error_set(CF_EUSAGE,
		    "-o %s: '%s' names no format this report writes; "
		    "expected %s (or --format and a name to match)",
		    path, dot, accepted);
	if (!known || by_ext != *out)
		return cf_error_set(CF_EUSAGE,
		    "-o %s: '%s' does not match --format %s; expected %s",
		    path, dot, format_name(*out), format_exts(*out));
	return 0;
}
