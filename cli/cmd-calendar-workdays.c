/* SPDX-License-Identifier: MIT */
/*
 * cmd-calendar-workdays.c - `conform calendar workdays YEAR`: the number
 * of working days in YEAR under the committed calendars.
 */
#include "conform.h"
#include "calendar.h"
#include "cmd.h"
#include "docset.h"

#include <stdlib.h>
#include <string.h>

static int
cmd_calendar_workdays_exec(struct cf_cmd *cmd)
{
	const char *s = cmd->args.argv[0];
	struct cf_cal *cal = NULL;
	char *end;
	long year = strtol(s, &end, 10);
	int n, rc;

	if (strlen(s) != 4 || *s < '0' || *s > '9' || *end != '\0' || year < 1)
		return cf_error_set(CF_EUSAGE,
		    "invalid year '%s', expected four digits such as 2026", s);
	if ((rc = cf_docset_calendar_at(cmd->dir, &cal)) < 0)
		return rc;
	if ((rc = cf_cal_workdays_in_year(cal, (int)year, &n)) == 0)
		fprintf(cmd->out, "%d\n", n);
	cf_cal_free(cal);
	return rc;
}

const struct cf_cmd_entry cmd_calendar_workdays_entry = {
	.name = "calendar workdays",
	.usage = "YEAR",
	.summary = "the number of working days in YEAR",
	.min_args = 1,
	.max_args = 1,
	.exec = cmd_calendar_workdays_exec,
};
