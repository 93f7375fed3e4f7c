/* SPDX-License-Identifier: MIT */
/*
 * cmd-report-audit.c - `conform report audit ID [--format html|xml|csv]
 * -o FILE`: the report of a stored audit (ISO 19011 6.5.1), written
 * whole or not at all.  FILE's extension gives the format or must
 * match --format (doc/command-line.md#output-files).
 */
#include "conform.h"
#include "cmd.h"
#include "listout.h"
#include "report.h"
#include "workspace.h"

#include <stdlib.h>
#include <string.h>

struct job {
	struct cf_report_ws w;
	int64_t id;
	enum cf_report_format fmt;
};

static int
write_report(FILE *f, void *arg)
{
	struct job *j = arg;

	return cf_report_audit(f, &j->w.env, j->id, j->fmt);
}

static int
cmd_report_audit_exec(struct cf_cmd *cmd)
{
	const char *out = cf_args_get(&cmd->args, "output");
	struct job j;
	char *end;
	long long id = strtoll(cmd->args.argv[0], &end, 10);
	int rc;

	memset(&j, 0, sizeof j);
	if (*cmd->args.argv[0] == '\0' || *end != '\0' || id <= 0)
		return cf_error_set(CF_EUSAGE, "invalid audit id '%s'",
		    cmd->args.argv[0]);
	if (out == NULL || *out == '\0')
		return cf_error_set(CF_EUSAGE,
		    "report audit needs -o FILE (or -o - for stdout)");
	if ((rc = cf_report_format_for(&j.fmt,
		 cf_args_get(&cmd->args, "format"), out, true)) < 0)
		return rc;
	j.id = id;
	if ((rc = cf_report_ws_open(&j.w, cmd->ws)) == 0)
		rc = cf_report_write(out, cmd->out, write_report, &j);
	cf_report_ws_close(&j.w);
	if (rc == 0 && strcmp(out, "-") != 0) {
		char what[64];
		snprintf(what, sizeof what, "the report of audit %lld", id);
		cf_cli_wrote(cmd, what, out, cf_report_format_name(j.fmt));
	}
	return rc;
}

static const struct cf_option report_audit_options[] = {
	CF_OPT_STRING_(0, "format", "FORMAT",
	    "html, xml or csv (default: FILE's extension, else html)"),
	CF_OPT_STRING_('o', "output", "FILE",
	    "where to write it; - for stdout"),
	CF_OPT_END_,
};

const struct cf_cmd_entry cmd_report_audit_entry = {
	.name = "report audit",
	.usage = "[--format html|xml|csv] -o FILE ID",
	.summary = "the report of a stored audit (HTML, XML or CSV)",
	.help =
	    "Writes the report of stored audit ID as ISO 19011 6.5.1 lists its\n"
	    "contents: objectives and criteria (the checklist as committed),\n"
	    "scope and auditee (set 'center = NAME' in .conform/config), team,\n"
	    "dates and period, the documents commit, the data batches with\n"
	    "their SHA-256, the sampling statement, the results and conformity\n"
	    "rate per check, the findings with their evidence, the NCRs the\n"
	    "audit raised or joined, the conclusions and the sampling caveat.\n"
	    "\n"
	    "html: one self-contained printable page with charts (conformity\n"
	    "per check, per window, on-time rate per month); it lists the fail\n"
	    "and error findings and counts the rest.  xml: every finding, valid\n"
	    "against the shipped schema report-audit.rng.  csv: every finding,\n"
	    "as 'conform audit show ID --all --format csv' prints it.\n"
	    "The file is written whole or not at all.  FILE's extension\n"
	    "(.html, .htm, .xml, .csv) gives the format, or must match --format;\n"
	    "a name without one is allowed.\n",
	.options = report_audit_options,
	.min_args = 1,
	.max_args = 1,
	.flags = CF_CMD_WORKSPACE,
	.exec = cmd_report_audit_exec,
};
