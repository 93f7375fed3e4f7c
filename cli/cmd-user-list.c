/* SPDX-License-Identifier: MIT */
/*
 * cmd-user-list.c - `conform user list`: the accounts, by login, with
 * their state today in the workspace's time zone (active, disabled,
 * expired) and when they were added.
 */
#include "conform.h"
#include "account.h"
#include "cmd.h"
#include "listing.h"
#include "listout.h"
#include "workspace.h"

#include <stdlib.h>
#include <string.h>

static const struct cf_column user_columns[] = {
	{ "login", CF_COL_TEXT },
	{ "role", CF_COL_TEXT },
	{ "expires", CF_COL_DAY },
	{ "state", CF_COL_TEXT },
	{ "created", CF_COL_MINUTE },
};

static int
cmd_user_list_exec(struct cf_cmd *cmd)
{
	struct cf_account *v = NULL;
	struct cf_listing *l;
	struct cf_listout lo;
	struct cf_store *st;
	struct cf_tz *tz;
	size_t n = 0;
	cf_day today;
	int rc;

	if ((rc = cf_listout_parse(cmd, &lo)) < 0)
		return rc;
	if ((rc = cf_ws_tz(cmd->ws, &tz)) < 0 ||
	    (rc = cf_ws_store(cmd->ws, &st)) < 0)
		return rc;
	today = cf_tz_day(tz, cf_now());
	if ((rc = cf_account_list(st, &v, &n)) < 0)
		return rc;
	if ((rc = cf_listout_open(cmd, &lo)) < 0)
		goto out;
	l = cf_listing_new_named(lo.f, lo.fmt, "user list", user_columns,
	    CF_ARRAY_LEN(user_columns));
	for (size_t i = 0; i < n; i++) {
		struct cf_time t = { .sec = v[i].created };
		char day[11] = "", created[32];
		if (v[i].expires != CF_DAY_NONE)
			cf_day_format(v[i].expires, day);
		cf_time_format_local(&t, tz, false, created, sizeof created);
		created[16] = '\0'; /* YYYY-MM-DD HH:MM */
		cf_listing_row(l);
		cf_listing_cell(l, v[i].login);
		cf_listing_cell(l, cf_role_name(v[i].role));
		cf_listing_cell(l, *day ? day : NULL);
		cf_listing_cell(l, v[i].disabled	     ? "disabled"
			: cf_account_active(&v[i], today) ? "active"
							  : "expired");
		cf_listing_cell(l, created);
	}
	rc = cf_listout_close(cmd, &lo, cf_listing_end(l), "the accounts");
out:
	cf_account_list_free(v, n);
	return rc;
}

static const struct cf_option user_list_options[] = {
	CF_LISTOUT_OPTIONS_,
	CF_OPT_END_,
};

const struct cf_cmd_entry cmd_user_list_entry = {
	.name = "user list",
	.usage = "[--format FORMAT] [--excel] [-o FILE]",
	.summary = "the accounts of the web application",
	.help =
	    "Lists the accounts by login: role, last day (empty: no end),\n"
	    "state today in the workspace's time zone (active, disabled or\n"
	    "expired) and when the account was added (local time).\n"
	    "It shows no password hash.\n"
	    "\n"
	    "example:\n"
	    "  conform user list --format csv\n",
	.options = user_list_options,
	.min_args = 0,
	.max_args = 0,
	.flags = CF_CMD_WORKSPACE,
	.exec = cmd_user_list_exec,
};
