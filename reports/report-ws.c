/* SPDX-License-Identifier: MIT */
/*
 * report-ws.c - what the report commands share: opening a workspace's
 * store, document index and zone, and writing an output file whole or
 * not at all (see report.h).
 */
#include "conform.h"
#include "docindex.h"
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
