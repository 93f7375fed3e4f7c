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
#include "calendar.h"
#include "casedb.h"
#include "cmd.h"
#include "docindex.h"
#include "listing.h"
#include "listout.h"
#include "names.h"
#include "repo.h"
#include "docset.h"
#include "workspace.h"

#include <stdio.h>
#include <string.h>

static const struct cf_option options[] = {
	CF_OPT_FLAG_(0, "evaluations",
	    "count the 好差评 evaluations instead: by rating, bad, handled, "
	    "open, overdue"),
	CF_OPT_STRING_(0, "within", "N",
	    "with --evaluations: the working days a bad review has to be "
	    "handled in, for overdue (default 15)"),
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
	{ "overdue", CF_COL_INT },
};

struct stats_out {
	struct cf_listing *l;
	const struct cf_names *names;
};

/* A row's first three cells: the grouping, its value and its title. */
static void
group_cells(struct stats_out *o, const char *by, const char *value)
{
	const char *title = NULL;

	if (strcmp(by, "procedure") == 0)
		title = cf_names_procedure(o->names, value);
	else if (strcmp(by, "window") == 0)
		title = cf_names_window(o->names, value);
	cf_listing_row(o->l);
	cf_listing_cell(o->l, by);
	cf_listing_cell(o->l, value);
	cf_listing_cell(o->l, title);
}

static void
row(const struct cf_stats_row *r, void *payload)
{
	struct stats_out *o = payload;
	struct cf_listing *l = o->l;

	group_cells(o, r->by, r->value);
	cf_listing_cell_int(l, r->cases);
	cf_listing_cell_int(l, r->completed);
	cf_listing_cell_int(l, r->pending);
}

static void
eval_row(const struct cf_eval_stats_row *r, void *payload)
{
	struct stats_out *o = payload;
	struct cf_listing *l = o->l;

	group_cells(o, r->by, r->value);
	cf_listing_cell_int(l, r->evaluations);
	for (int k = 0; k < 5; k++)
		cf_listing_cell_int(l, r->rating[k]);
	cf_listing_cell_int(l, r->bad);
	cf_listing_cell_int(l, r->handled);
	cf_listing_cell_int(l, r->open);
	if (r->overdue < 0)
		cf_listing_cell(l, NULL);
	else
		cf_listing_cell_int(l, r->overdue);
}

/*
 * The local wall time before which a bad review rated has run out of
 * its `within` working days today: the start of the day after the last
 * rated day d whose within-th working day after it is before today,
 * i.e. with at least `within` working days in (d, today).  Only days
 * before today are read, so the year to come needs no calendar yet.  A
 * limit that runs through a day no calendar covers leaves it unknown
 * (INT64_MIN) and says so once.
 */
static int64_t
due_before(struct cf_cmd *cmd, cf_day today, int within)
{
	struct cf_cal *cal = NULL;
	bool work;
	int n = 0; /* the working days in (d, today) */

	if (cf_docset_calendar_at(cmd->dir, &cal) < 0)
		goto unknown;
	/* A week has at least one working day, even the Spring Festival's
	 * (make-up days): within N working days lie within 7 N + 7 days. */
	for (cf_day d = today - 1; d >= today - 7 * within - 7; d--) {
		if (n >= within) {
			cf_cal_free(cal);
			return ((int64_t)d + 1) * 86400;
		}
		if (cf_cal_is_workday(cal, d, &work) < 0)
			goto unknown;
		n += work;
	}
	cf_error_set(CF_EINVALID, "no day found whose limit has run out");
unknown:
	fprintf(cmd->err, "conform: warning: overdue not counted: %s\n",
	    cf_error_message());
	cf_cal_free(cal);
	return INT64_MIN;
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
	const char *within_s = cf_args_get(&cmd->args, "within");
	int within = 15, rc, rc2;

	if ((rc = cf_listout_parse(cmd, &lo)) < 0)
		return rc;
	if (within_s != NULL && !cf_args_has(&cmd->args, "evaluations"))
		return cf_error_set(CF_EUSAGE,
		    "--within counts overdue evaluations, expected "
		    "--evaluations with it");
	if (within_s != NULL &&
	    (rc = cf_parse_count(within_s, "--within", 1, 100, &within)) < 0)
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
		int64_t due = due_before(cmd, cf_tz_today(tz), within);
		o.l = cf_listing_new_named(lo.f, lo.fmt, "evaluation stats",
		    eval_columns, CF_ARRAY_LEN(eval_columns));
		rc = cf_cases_eval_stats(st, due, eval_row, &o);
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
	.usage = "[--evaluations [--within N]] [--format FORMAT] [--excel] "
		 "[-o FILE]",
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
	    "real_name is yes), open (bad, not rectified) and overdue (bad,\n"
	    "not handled today, its limit run out: the --within-th working\n"
	    "day after the rated day, default 15, is before today, by the\n"
	    "committed calendar).  Whether a bad one handled now was handled\n"
	    "in time, and as at which date, is the bad-review check's\n"
	    "judgment (conform audit run), not a count.\n",
	.options = options,
	.min_args = 0,
	.max_args = 0,
	.flags = CF_CMD_WORKSPACE,
	.exec = cmd_cases_stats_exec,
};
