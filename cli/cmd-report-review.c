/* SPDX-License-Identifier: MIT */
/*
 * cmd-report-review.c - `conform report review --from D --to D -o FILE
 * [--format html|xml]`: the management-review input (ISO 9001 9.3.2).
 */
#include "conform.h"
#include "cmd.h"
#include "listout.h"
#include "report.h"
#include "workspace.h"

#include <string.h>

struct job {
	struct cf_report_ws w;
	cf_day from, to;
	enum cf_report_format fmt;
};

static int
write_review(FILE *f, void *arg)
{
	struct job *j = arg;

	return cf_report_review(f, &j->w.env, j->w.tz, j->from, j->to, j->fmt);
}

static int
day_arg(struct cf_cmd *cmd, const char *name, cf_day *out)
{
	const char *s = cf_args_get(&cmd->args, name);

	if (s == NULL)
		return cf_error_set(CF_EUSAGE, "report review needs --%s DATE",
		    name);
	if (cf_day_parse(out, s, strlen(s)) < 0)
		return cf_error_set(CF_EUSAGE, "--%s: %s", name,
		    cf_error_message());
	return 0;
}

static int
cmd_report_review_exec(struct cf_cmd *cmd)
{
	const char *out = cf_args_get(&cmd->args, "output");
	const char *fmt = cf_args_get(&cmd->args, "format");
	struct job j;
	int rc;

	memset(&j, 0, sizeof j);
	if ((rc = day_arg(cmd, "from", &j.from)) < 0 ||
	    (rc = day_arg(cmd, "to", &j.to)) < 0)
		return rc;
	if (out == NULL || *out == '\0')
		return cf_error_set(CF_EUSAGE,
		    "report review needs -o FILE (or -o - for stdout)");
	if ((rc = cf_report_format_for(&j.fmt, fmt, out, false)) < 0)
		return rc;
	if (j.to < j.from) {
		char a[11], b[11];
		cf_day_format(j.from, a);
		cf_day_format(j.to, b);
		return cf_error_set(CF_EUSAGE,
		    "the period starts (%s) after it ends (%s)", a, b);
	}
	if ((rc = cf_report_ws_open(&j.w, cmd->ws)) == 0)
		rc = cf_report_write(out, cmd->out, write_review, &j);
	cf_report_ws_close(&j.w);
	if (rc == 0 && strcmp(out, "-") != 0)
		cf_cli_wrote(cmd, "the management-review input", out,
		    cf_report_format_name(j.fmt));
	return rc;
}

static const struct cf_option report_review_options[] = {
	CF_OPT_STRING_(0, "from", "DATE", "the first day of the review period"),
	CF_OPT_STRING_(0, "to", "DATE", "the last day of the review period"),
	CF_OPT_STRING_(0, "format", "FORMAT",
	    "html or xml (default: FILE's extension, else html)"),
	CF_OPT_STRING_('o', "output", "FILE",
	    "where to write it; - for stdout"),
	CF_OPT_END_,
};

const struct cf_cmd_entry cmd_report_review_entry = {
	.name = "report review",
	.usage = "--from DATE --to DATE [--format html|xml] -o FILE",
	.summary = "management-review input (ISO 9001 9.3) for a period",
	.help =
	    "Writes the management-review input for the days DATE..DATE in the\n"
	    "order of ISO 9001 9.3.2 a)-f), each input with conform's data or\n"
	    "\"to be provided by the management\", then the 9.3.3 outputs to fill\n"
	    "in.  Its data: the procedures and standards changed in the period;\n"
	    "per month the on-time rate (from the latest stored audit covering\n"
	    "the month), the on-the-spot ratio and the limit compression of the\n"
	    "procedures in force at the month's end, with trend charts; the\n"
	    "audits whose period overlaps the review and their conformity per\n"
	    "check, audit by audit, with the change between; the NCRs those\n"
	    "audits raised, whatever day they were opened (and those raised\n"
	    "before that they joined), by their state\n"
	    "as at the end of --to, the overdue actions (open then, due before\n"
	    "--to) and the recurrences.  HTML or XML (valid against the shipped\n"
	    "schema report-review.rng), written whole or not at all.  FILE's\n"
	    "extension (.html, .htm, .xml) gives the format, or must match\n"
	    "--format; a name without one is allowed.\n",
	.options = report_review_options,
	.min_args = 0,
	.max_args = 0,
	.flags = CF_CMD_WORKSPACE,
	.exec = cmd_report_review_exec,
};
