/* SPDX-License-Identifier: MIT */
/*
 * cmd-report-windows.c - `conform report windows AUDIT`: the window
 * scorecard (红旗窗口评比) of a stored audit, ranked (doc/reports.md
 * "Window scorecard"): rank, window, score, red flag, then one column
 * per measure (its check id), as a table, CSV, JSON or a workbook.
 * The listing is reports/windows-html.c's (the evidence pack holds the
 * same CSV), the computing audits/scorecard.c's, from the counts the
 * audit stored.
 */
#include "conform.h"
#include "auditdb.h"
#include "cmd.h"
#include "listing.h"
#include "listout.h"
#include "windows-html.h"
#include "workspace.h"

#include <stdio.h>
#include <stdlib.h>

static int
cmd_report_windows_exec(struct cf_cmd *cmd)
{
	struct cf_auditdb_scorecard sc;
	struct cf_audit_head h;
	struct cf_store *st;
	struct cf_listout lo;
	char *end, what[64];
	long long id = strtoll(cmd->args.argv[0], &end, 10);
	int rc;

	if (*cmd->args.argv[0] == '\0' || *end != '\0' || id <= 0)
		return cf_error_set(CF_EUSAGE, "invalid audit id '%s'",
		    cmd->args.argv[0]);
	if ((rc = cf_listout_parse(cmd, &lo)) < 0 ||
	    (rc = cf_ws_store(cmd->ws, &st)) < 0 ||
	    (rc = cf_auditdb_head(st, (int64_t)id, &h)) < 0)
		return rc;
	rc = cf_auditdb_scorecard(st, (int64_t)id, &sc);
	if (rc == 0 && !sc.has)
		rc = cf_error_set(CF_ENOTFOUND,
		    "audit %lld has no window scorecard: checklist '%s' had "
		    "no <scorecard> when it ran",
		    id, h.checklist_id);
	cf_audit_head_release(&h);
	if (rc == 0 && (rc = cf_listout_open(cmd, &lo)) == 0) {
		rc = cf_windows_listing(lo.f, lo.fmt, &sc);
		snprintf(what, sizeof what, "the window scorecard of audit %lld",
		    id);
		rc = cf_listout_close(cmd, &lo, rc, what);
	}
	cf_auditdb_scorecard_release(&sc);
	return rc;
}

static const struct cf_option report_windows_options[] = {
	CF_LISTOUT_OPTIONS_,
	CF_OPT_END_,
};

const struct cf_cmd_entry cmd_report_windows_entry = {
	.name = "report windows",
	.usage = "AUDIT [--format FORMAT] [--excel] [-o FILE]",
	.summary = "the window scorecard of an audit: ranked, red flags",
	.options = report_windows_options,
	.min_args = 1,
	.max_args = 1,
	.flags = CF_CMD_WORKSPACE,
	.exec = cmd_report_windows_exec,
};
