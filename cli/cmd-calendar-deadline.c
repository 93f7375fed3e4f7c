/* SPDX-License-Identifier: MIT */
/*
 * cmd-calendar-deadline.c - `conform calendar deadline DATE N [--pause
 * FROM TO]...`: the last day of a limit of N working days from an
 * acceptance on DATE (doc/working-days.md), what a clerk prints on the
 * receipt.  Each --pause is a special procedure opened on FROM and closed
 * on TO: the days after FROM up to TO do not count, exactly as the audit
 * counts a pause logged on those days.  Uses the calendars committed in
 * the workspace, or outside a workspace the official ones shipped with
 * conform.
 */
#include "conform.h"
#include "calendar.h"
#include "cmd.h"
#include "docset.h"

#include <stdlib.h>
#include <string.h>

static int
parse_date(const char *s, const char *what, cf_day *out)
{
	if (cf_day_parse(out, s, strlen(s)) < 0)
		return cf_error_set(CF_EUSAGE, "%s %s: %s", what, s,
		    cf_error_message());
	return 0;
}

static int
by_from(const void *a, const void *b)
{
	const struct cf_span *x = a, *y = b;

	return (x->from > y->from) - (x->from < y->from);
}

/* The --pause pairs as spans sorted by their opening day. */
static int
read_pauses(struct cf_cmd *cmd, struct cf_span **out, size_t *n)
{
	size_t nv;
	const char *const *v = cf_args_list(&cmd->args, "pause", &nv);
	struct cf_span *sp = cf_xcalloc(nv / 2 + 1, sizeof *sp);
	int rc = 0;

	for (size_t i = 0; i + 1 < nv && rc == 0; i += 2) {
		struct cf_span *s = &sp[i / 2];
		if ((rc = parse_date(v[i], "--pause FROM", &s->from)) < 0 ||
		    (rc = parse_date(v[i + 1], "--pause TO", &s->to)) < 0)
			break;
		if (s->to < s->from)
			rc = cf_error_set(CF_EUSAGE,
			    "--pause %s %s ends before it starts; expected "
			    "FROM on or before TO",
			    v[i], v[i + 1]);
	}
	if (rc < 0) {
		free(sp);
		return rc;
	}
	*n = nv / 2;
	cf_sort(sp, *n, sizeof *sp, by_from);
	*out = sp;
	return 0;
}

static int
cmd_calendar_deadline_exec(struct cf_cmd *cmd)
{
	const char *date = cmd->args.argv[0];
	struct cf_cal *cal = NULL;
	struct cf_span *sp = NULL;
	cf_day accepted, last, gap;
	size_t nsp = 0;
	char buf[11];
	int n = 0, rc;

	if ((rc = parse_date(date, "DATE", &accepted)) < 0)
		return rc;
	if ((rc = cf_parse_count(cmd->args.argv[1], "number of working days",
		 0, 10000, &n)) < 0)
		return rc;
	if ((rc = read_pauses(cmd, &sp, &nsp)) < 0)
		return rc;
	if ((rc = cf_docset_calendar_at(cmd->dir, &cal)) < 0) {
		free(sp);
		return rc;
	}
	rc = cf_cal_deadline_paused(cal, accepted, n, sp, nsp, &last, &gap);
	if (rc == 0) {
		cf_day_format(last, buf);
		fprintf(cmd->out, "%s\n", buf);
	}
	cf_cal_free(cal);
	free(sp);
	return rc;
}

static const struct cf_option options[] = {
	CF_OPT_PAIRS_("pause", "FROM TO",
	    "a special procedure from FROM to TO (repeatable)"),
	CF_OPT_END_,
};

const struct cf_cmd_entry cmd_calendar_deadline_entry = {
	.name = "calendar deadline",
	.usage = "DATE N [--pause FROM TO]...",
	.summary = "the last day of a limit of N working days from DATE",
	.help =
	    "Prints the N-th working day after DATE (the day of acceptance\n"
	    "does not count); with N = 0, DATE itself.  Holidays and make-up\n"
	    "working days come from the committed calendars (outside a\n"
	    "workspace, the official calendars shipped with conform).  A day\n"
	    "in a year no calendar covers is an error, never a guess.\n"
	    "\n"
	    "Each --pause FROM TO stops the clock as a special procedure\n"
	    "(expert review, inspection, hearing, public notice) opened on\n"
	    "FROM and closed on TO: the days after FROM up to TO do not\n"
	    "count.  Pauses may overlap; each day counts once.\n",
	.options = options,
	.min_args = 2,
	.max_args = 2,
	.exec = cmd_calendar_deadline_exec,
};
