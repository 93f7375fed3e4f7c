/* SPDX-License-Identifier: MIT */
/*
 * report-ws.c - what the report commands share: opening a workspace's
 * store, document index and zone, and writing an output file whole or
 * not at all (see report.h), and the format an output name asks for
 * (doc/command-line.md#output-files).
 */
#include "conform.h"
#include "docindex.h"
#include "outname.h"
#include "paths.h"
#include "repo.h"
#include "report.h"
#include "workspace.h"

#include <string.h>

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
static const struct cf_outname_ext exts[] = {
	{ "html", CF_REPORT_HTML },
	{ "htm", CF_REPORT_HTML },
	{ "xml", CF_REPORT_XML },
	{ "csv", CF_REPORT_CSV }, /* report audit only: the last */
};

const char *
cf_report_format_name(enum cf_report_format f)
{
	return f == CF_REPORT_XML ? "xml" : f == CF_REPORT_CSV ? "csv" : "html";
}

static const char *
format_name(int f)
{
	return cf_report_format_name((enum cf_report_format)f);
}

int
cf_report_format_for(enum cf_report_format *out, const char *fmt,
    const char *path, bool csv_ok)
{
	enum cf_report_format given;
	int rc, f;

	if (fmt && (rc = cf_report_format_parse(&given, fmt, CF_REPORT_HTML,
			csv_ok)) < 0)
		return rc;
	if ((rc = cf_outname_format(&f, path, fmt ? (int)given : -1,
		 CF_REPORT_HTML, exts, CF_ARRAY_LEN(exts) - (csv_ok ? 0 : 1),
		 format_name)) < 0)
		return rc;
	*out = (enum cf_report_format)f;
	return 0;
}
