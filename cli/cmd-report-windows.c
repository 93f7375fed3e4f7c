/* SPDX-License-Identifier: MIT */
/*
 * cmd-report-windows.c - `conform report windows AUDIT`: the window
 * scorecard (红旗窗口评比) of a stored audit, ranked (doc/reports.md
 * "Window scorecard"): rank, window, score, red flag, then one column
 * per measure (its check id), as a table, CSV, JSON or a workbook.
 * Values and scores are tenths of a percent as text ("81.3"), empty
 * (null in JSON) where there is none; the computing is
 * audits/scorecard.c's, from the counts the audit stored.
 */
#include "conform.h"
#include "auditdb.h"
#include "cmd.h"
#include "listing.h"
#include "listout.h"
#include "scorecard.h"
#include "workspace.h"

#include <stdio.h>
#include <stdlib.h>

static int
print_windows(struct cf_listout *lo, const struct cf_auditdb_scorecard *sc)
{
	struct cf_column *cols = cf_xcalloc(sc->nmeasures + 4, sizeof *cols);
	struct cf_score_line *l = NULL;
	struct cf_listing *out;
	size_t n = 0;
	int rc;

	if ((rc = cf_score_lines(sc, &l, &n)) < 0) {
		free(cols);
		return rc;
	}
	cols[0] = (struct cf_column){ "rank", CF_COL_INT };
	cols[1] = (struct cf_column){ "window", CF_COL_TEXT };
	cols[2] = (struct cf_column){ "score", CF_COL_TEXT };
	cols[3] = (struct cf_column){ "red_flag", CF_COL_TEXT };
	for (size_t m = 0; m < sc->nmeasures; m++)
		cols[4 + m] = (struct cf_column){ sc->measures[m].check_id,
			CF_COL_TEXT };
	out = cf_listing_new_named(lo->f, lo->fmt, "windows", cols,
	    sc->nmeasures + 4);
	for (size_t i = 0; i < n; i++) {
		char text[32];
		cf_listing_row(out);
		if (l[i].rank > 0)
			cf_listing_cell_int(out, l[i].rank);
		else
			cf_listing_cell(out,
			    lo->fmt == CF_FORMAT_TABLE ? "-" : NULL);
		cf_listing_cell(out, l[i].window);
		if (l[i].score >= 0) {
			cf_score_text(l[i].score, text);
			cf_listing_cell(out, text);
		} else
			cf_listing_cell(out,
			    lo->fmt == CF_FORMAT_TABLE ? "-" : NULL);
		cf_listing_cell(out, l[i].red_flag ? "yes" : "no");
		for (size_t m = 0; m < sc->nmeasures; m++) {
			if (l[i].value[m] < 0) {
				cf_listing_cell(out,
				    lo->fmt == CF_FORMAT_TABLE ? "-" : NULL);
				continue;
			}
			cf_score_text(l[i].value[m], text);
			cf_listing_cell(out, text);
		}
	}
	rc = cf_listing_end(out);
	cf_score_lines_free(l, n);
	free(cols);
	return rc;
}

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
		rc = print_windows(&lo, &sc);
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
