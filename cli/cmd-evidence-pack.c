/* SPDX-License-Identifier: MIT */
/*
 * cmd-evidence-pack.c - `conform evidence pack --out DIR [--at DATE]`:
 * the evidence for certification and for a standardization pilot's
 * acceptance, in a new folder with a SHA-256 manifest (reports/
 * evidence.h says what it holds).
 */
#include "conform.h"
#include "cmd.h"
#include "evidence.h"
#include "workspace.h"

#include <string.h>

static int
cmd_evidence_pack_exec(struct cf_cmd *cmd)
{
	const char *out = cf_args_get(&cmd->args, "out");
	const char *at_s = cf_args_get(&cmd->args, "at");
	struct cf_report_ws w;
	size_t files = 0;
	char day[11];
	cf_day at;
	int rc;

	if (out == NULL || *out == '\0')
		return cf_error_set(CF_EUSAGE, "evidence pack needs --out DIR");
	if (at_s && cf_day_parse(&at, at_s, strlen(at_s)) < 0)
		return cf_error_set(CF_EUSAGE, "--at: %s", cf_error_message());
	if ((rc = cf_report_ws_open(&w, cmd->ws)) == 0) {
		if (at_s == NULL)
			at = cf_tz_today(w.tz);
		rc = cf_evidence_pack(&w, out, at, &files);
	}
	cf_report_ws_close(&w);
	if (rc < 0)
		return rc;
	cf_day_format(at, day);
	fprintf(cmd->out, "evidence pack written to %s: %zu files, as at %s\n",
	    out, files, day);
	return 0;
}

static const struct cf_option evidence_pack_options[] = {
	CF_OPT_STRING_(0, "out", "DIR",
	    "the folder to create (it must not exist, or be empty)"),
	CF_OPT_STRING_(0, "at", "DATE",
	    "the documents in force on DATE (default: today)"),
	CF_OPT_END_,
};

const struct cf_cmd_entry cmd_evidence_pack_entry = {
	.name = "evidence pack",
	.usage = "--out DIR [--at DATE]",
	.summary = "write the evidence pack (standard system, reports, NCRs, "
		   "trail, manifest)",
	.help =
	    "Writes into the new folder DIR: index.html; the standard system\n"
	    "table (standard-system.html and .csv: every standard and procedure\n"
	    "in force on DATE with subsystem, level, version commit, effective\n"
	    "date, author and approver) with the implementation evidence per\n"
	    "standard and the coverage, implementation and conformity rates and\n"
	    "their definitions; the HTML and XML report of every stored audit\n"
	    "(audits/); the NCR register (ncr-register.csv); a copy of the\n"
	    "trail (trail.csv); the document commits it relies on (COMMITS);\n"
	    "and MANIFEST.sha256 over every file.  The folder appears whole or\n"
	    "not at all.  Check it with 'conform evidence verify DIR'.\n",
	.options = evidence_pack_options,
	.min_args = 0,
	.max_args = 0,
	.flags = CF_CMD_WORKSPACE,
	.exec = cmd_evidence_pack_exec,
};
