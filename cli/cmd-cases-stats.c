/* SPDX-License-Identifier: MIT */
/*
 * cmd-cases-stats.c - `conform cases stats [--format FORMAT] [-o FILE]`:
 * how many cases per procedure, window, channel and month, and how many
 * of them are pending, as one listing (reports/listing.h); with
 * --evaluations the 好差评 evaluations' counts (doc/cases.md
 * "Evaluations").  Beside each
 * procedure its title and beside each window its departments, from the
 * procedures in force today (procedures/names.h).
 */
#include "conform.h"
#include "casedb.h"
#include "cmd.h"
#include "docindex.h"
#include "listing.h"
#include "listout.h"
#include "names.h"
#include "repo.h"
#include "workspace.h"

#include <string.h>

static const struct cf_option options[] = {
	CF_OPT_FLAG_(0, "evaluations",
	    "count the 好差评 evaluations instead: by rating, bad, handled, "
	    "open"),
	CF_LISTOUT_OPTIONS_,
	CF_OPT_END_,
};

static const struct cf_column columns[] = {
	{ "by", CF_COL_TEXT },
	{ "value", CF_COL_TEXT },
	{ "title", CF_COL_TEXT },
	{ "cases", CF_COL_INT },
	{ "completed", CF_COL_INT },
	{ "pending", CF_COL_INT },
};

static const struct cf_column eval_columns[] = {
	{ "by", CF_COL_TEXT },
	{ "value", CF_COL_TEXT },
	{ "title", CF_COL_TEXT },
	{ "evaluations", CF_COL_INT },
	{ "rating_1", CF_COL_INT },
	{ "rating_2", CF_COL_INT },
	{ "rating_3", CF_COL_INT },
	{ "rating_4", CF_COL_INT },
	{ "rating_5", CF_COL_INT },
	{ "bad", CF_COL_INT },
	{ "handled", CF_COL_INT },
	{ "open", CF_COL_INT },
};

struct stats_out {
	struct cf_listing *l;
	const struct cf_names *names;
};

static void
row(const struct cf_stats_row *r, void *payload)
{
	struct stats_out *o = payload;
	struct cf_listing *l = o->l;
	const char *title = NULL;

	if (strcmp(r->by, "procedure") == 0)
		title = cf_names_procedure(o->names, r->value);
	else if (strcmp(r->by, "window") == 0)
		title = cf_names_window(o->names, r->value);
	cf_listing_row(l);
	cf_listing_cell(l, r->by);
	cf_listing_cell(l, r->value);
	cf_listing_cell(l, title);
	cf_listing_cell_int(l, r->cases);
	cf_listing_cell_int(l, r->completed);
	cf_listing_cell_int(l, r->pending);
}

static void
eval_row(const struct cf_eval_stats_row *r, void *payload)
{
	struct stats_out *o = payload;
	struct cf_listing *l = o->l;
	const char *title = NULL;

	if (strcmp(r->by, "procedure") == 0)
		title = cf_names_procedure(o->names, r->value);
	else if (strcmp(r->by, "window") == 0)
		title = cf_names_window(o->names, r->value);
	cf_listing_row(l);
	cf_listing_cell(l, r->by);
	cf_listing_cell(l, r->value);
	cf_listing_cell(l, title);
	cf_listing_cell_int(l, r->evaluations);
	for (int k = 0; k < 5; k++)
		cf_listing_cell_int(l, r->rating[k]);
	cf_listing_cell_int(l, r->bad);
	cf_listing_cell_int(l, r->handled);
	cf_listing_cell_int(l, r->open);
}

static int
cmd_cases_stats_exec(struct cf_cmd *cmd)
{
	struct cf_listout lo;
	struct cf_store *st;
	struct cf_repo *repo = NULL;
	struct cf_docindex *idx = NULL;
	struct cf_names *names = NULL;
	struct cf_tz *tz;
	struct stats_out o;
	int rc, rc2;

	if ((rc = cf_listout_parse(cmd, &lo)) < 0)
		return rc;
	if ((rc = cf_ws_store(cmd->ws, &st)) < 0)
		return rc;
	if ((rc = cf_ws_tz(cmd->ws, &tz)) < 0 ||
	    (rc = cf_docindex_open_ws(cmd->ws, &repo, &idx)) < 0 ||
	    (rc = cf_names_build(&names, idx, cf_tz_today(tz))) < 0)
		goto out;
	if ((rc = cf_listout_open(cmd, &lo)) < 0)
		goto out;
	o.names = names;
	if (cf_args_has(&cmd->args, "evaluations")) {
		o.l = cf_listing_new_named(lo.f, lo.fmt, "evaluation stats",
		    eval_columns, CF_ARRAY_LEN(eval_columns));
		rc = cf_cases_eval_stats(st, eval_row, &o);
	} else {
		o.l = cf_listing_new_named(lo.f, lo.fmt, "cases stats", columns,
		    CF_ARRAY_LEN(columns));
		rc = cf_cases_stats(st, row, &o);
	}
	rc2 = cf_listing_end(o.l);
	if (rc >= 0)
		rc = rc2;
	rc = cf_listout_close(cmd, &lo, rc, "the case counts");
out:
	cf_names_free(names);
	cf_docindex_free(idx);
	cf_repo_free(repo);
	return rc;
}

const struct cf_cmd_entry cmd_cases_stats_entry = {
	.name = "cases stats",
	.usage = "[--evaluations] [--format FORMAT] [--excel] [-o FILE]",
	.summary =
	    "count the stored cases (or evaluations) per procedure, window, ...",
	.help =
	    "Counts the stored cases per procedure, per window, per channel\n"
	    "and per month of acceptance (local time), then all together:\n"
	    "cases, completed, and pending (no completion recorded yet).\n"
	    "Beside a procedure its title, beside a window the departments\n"
	    "of its procedures (as in force today).  A\n"
	    "window or channel that was not recorded shows as an empty value\n"
	    "(null in JSON).\n"
	    "\n"
	    "--evaluations counts the 好差评 evaluations instead, per\n"
	    "procedure and window of their case, per month of rating and all\n"
	    "together: evaluations, how many of each rating 1 to 5, bad\n"
	    "(rating 2 or less), handled (bad, rectified, and revisited when\n"
	    "real_name is yes) and open (bad, not rectified).  Whether a bad\n"
	    "one was handled within its limit is the bad-review check's\n"
	    "judgment (conform audit run), not a count.\n",
	.options = options,
	.min_args = 0,
	.max_args = 0,
	.flags = CF_CMD_WORKSPACE,
	.exec = cmd_cases_stats_exec,
};
