/* SPDX-License-Identifier: MIT */
/*
 * cmd-calendar-deadline.c - `conform calendar deadline DATE N`: the last
 * day of a limit of N working days from an acceptance on DATE
 * (doc/working-days.md), what a clerk prints on the receipt.  Uses the
 * calendars committed in the workspace, or outside a workspace the official
 * ones shipped with conform.
 */
#include "conform.h"
#include "calendar.h"
#include "cmd.h"
#include "docset.h"

#include <stdlib.h>
#include <string.h>

/* A non-negative decimal integer operand. */
static int
parse_count(const char *s, const char *what, int max, int *out)
{
	char *end;
	long v;

	if (*s < '0' || *s > '9')
		goto bad;
	v = strtol(s, &end, 10);
	if (*end != '\0' || v > max)
		goto bad;
	*out = (int)v;
	return 0;
bad:
	return cf_error_set(CF_EUSAGE,
	    "invalid %s '%s', expected a whole number from 0 to %d", what, s,
	    max);
}

static int
cmd_calendar_deadline_exec(struct cf_cmd *cmd)
{
	const char *date = cmd->args.argv[0];
	struct cf_cal *cal = NULL;
	cf_day accepted, last;
	char buf[11];
	int n = 0, rc;

	if (cf_day_parse(&accepted, date, strlen(date)) < 0)
		return cf_error_set(CF_EUSAGE, "%s", cf_error_message());
	if ((rc = parse_count(cmd->args.argv[1], "number of working days",
		 10000, &n)) < 0)
		return rc;
	if ((rc = cf_docset_calendar_at(cmd->dir, &cal)) < 0)
		return rc;
	if ((rc = cf_cal_deadline(cal, accepted, n, &last)) == 0) {
		cf_day_format(last, buf);
		fprintf(cmd->out, "%s\n", buf);
	}
	cf_cal_free(cal);
	return rc;
}

const struct cf_cmd_entry cmd_calendar_deadline_entry = {
	.name = "calendar deadline",
	.usage = "DATE N",
	.summary = "the last day of a limit of N working days from DATE",
	.help =
	    "Prints the N-th working day after DATE (the day of acceptance\n"
	    "does not count); with N = 0, DATE itself.  Holidays and make-up\n"
	    "working days come from the committed calendars (outside a\n"
	    "workspace, the official calendars shipped with conform).  A day\n"
	    "in a year no calendar covers is an error, never a guess.\n",
	.min_args = 2,
	.max_args = 2,
	.exec = cmd_calendar_deadline_exec,
};
