/* SPDX-License-Identifier: MIT */
/*
 * cmd-ncr-list.c - `conform ncr list [--open] [--overdue [--at DATE]]`:
 * the nonconformity register.  --overdue keeps the open NCRs whose due
 * date is before DATE (default today).
 */
#include "conform.h"
#include "cmd.h"
#include "listing.h"
#include "listout.h"
#include "ncr.h"
#include "workspace.h"

#include <stdlib.h>
#include <string.h>

static const struct cf_column ncr_columns[] = {
	{ "ncr", CF_COL_TEXT },
	{ "checklist", CF_COL_TEXT },
	{ "check", CF_COL_TEXT },
	{ "title", CF_COL_TEXT },
	{ "type", CF_COL_TEXT },
	{ "severity", CF_COL_TEXT },
	{ "clause", CF_COL_TEXT },
	{ "state", CF_COL_TEXT },
	{ "owner", CF_COL_TEXT },
	{ "due", CF_COL_DAY },
	{ "subjects", CF_COL_INT },
	{ "audits", CF_COL_INT },
	{ "recurrence_of", CF_COL_TEXT },
};

static int
cmd_ncr_list_exec(struct cf_cmd *cmd)
{
	const char *at = cf_args_get(&cmd->args, "at");
	bool only_open = cf_args_has(&cmd->args, "open");
	bool overdue = cf_args_has(&cmd->args, "overdue");
	struct cf_store *st;
	struct cf_tz *tz;
	struct cf_ncr *v = NULL;
	struct cf_listing *l;
	struct cf_listout lo;
	size_t n = 0;
	cf_day day;
	int rc;

	if ((rc = cf_listout_parse(cmd, &lo)) < 0)
		return rc;
	if (at && !overdue)
		return cf_error_set(CF_EUSAGE, "--at goes with --overdue");
	if ((rc = cf_ws_tz(cmd->ws, &tz)) < 0 ||
	    (rc = cf_ws_store(cmd->ws, &st)) < 0)
		return rc;
	if (at && cf_day_parse(&day, at, strlen(at)) < 0)
		return cf_error_set(CF_EUSAGE, "--at: %s", cf_error_message());
	if (!at)
		day = cf_tz_today(tz);
	if ((rc = cf_ncr_list(st, &v, &n)) < 0)
		return rc;
	if ((rc = cf_listout_open(cmd, &lo)) < 0)
		goto out;
	l = cf_listing_new_named(lo.f, lo.fmt, "ncr list", ncr_columns,
	    CF_ARRAY_LEN(ncr_columns));
	for (size_t i = 0; i < n; i++) {
		char name[32], due[11] = "", rec[32] = "";
		if ((only_open || overdue) && !cf_ncr_is_open(&v[i]))
			continue;
		if (overdue && (v[i].due == CF_DAY_NONE || v[i].due >= day))
			continue;
		cf_ncr_name(v[i].number, name, sizeof name);
		if (v[i].due != CF_DAY_NONE)
			cf_day_format(v[i].due, due);
		if (v[i].recurrence_of)
			cf_ncr_name(v[i].recurrence_of, rec, sizeof rec);
		cf_listing_row(l);
		cf_listing_cell(l, name);
		cf_listing_cell(l, v[i].checklist_id);
		cf_listing_cell(l, v[i].check_id);
		cf_listing_cell(l, v[i].check_title);
		cf_listing_cell(l, v[i].check_type);
		cf_listing_cell(l, v[i].severity);
		cf_listing_cell(l, v[i].clause);
		cf_listing_cell(l, cf_ncr_state_name(v[i].state));
		cf_listing_cell(l, v[i].owner);
		cf_listing_cell(l, *due ? due : NULL);
		cf_listing_cell_int(l, v[i].nsubjects);
		cf_listing_cell_int(l, v[i].naudits);
		cf_listing_cell(l, *rec ? rec : NULL);
	}
	rc = cf_listout_close(cmd, &lo, cf_listing_end(l),
	    "the register of NCRs");
out:
	for (size_t i = 0; i < n; i++)
		cf_ncr_release(&v[i]);
	free(v);
	return rc;
}

static const struct cf_option ncr_list_options[] = {
	CF_OPT_FLAG_(0, "open",
	    "only NCRs that are neither closed nor rejected"),
	CF_OPT_FLAG_(0, "overdue", "only open NCRs past their due date"),
	CF_OPT_STRING_(0, "at", "DATE",
	    "with --overdue: due before DATE "
	    "(default today)"),
	CF_LISTOUT_OPTIONS_,
	CF_OPT_END_,
};

const struct cf_cmd_entry cmd_ncr_list_entry = {
	.name = "ncr list",
	.usage = "[--open] [--overdue [--at DATE]] [--format FORMAT] [--excel] "
		 "[-o FILE]",
	.summary = "the register of nonconformities and corrective actions",
	.options = ncr_list_options,
	.min_args = 0,
	.max_args = 0,
	.flags = CF_CMD_WORKSPACE,
	.exec = cmd_ncr_list_exec,
};
