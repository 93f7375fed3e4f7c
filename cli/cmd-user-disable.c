/* SPDX-License-Identifier: MIT */
/*
 * cmd-user-disable.c - `conform user disable LOGIN`: the account can no
 * longer log in nor be named by --as; its sessions end.  The account
 * stays, so that the trail's entries keep naming someone.  One
 * transaction with its trail entry.
 */
#include "conform.h"
#include "account.h"
#include "cmd.h"
#include "workspace.h"

#include <stdlib.h>

static int
cmd_user_disable_exec(struct cf_cmd *cmd)
{
	const char *login = cmd->args.argv[0];
	struct cf_store *st;
	char *actor;
	int rc;

	if ((rc = cf_ws_store(cmd->ws, &st)) < 0)
		return rc;
	actor = cf_ws_actor(cmd->ws);
	if ((rc = cf_store_begin(st)) < 0)
		goto out;
	rc = cf_account_disable(st, login, cf_now(), actor);
	if (rc == 0)
		rc = cf_store_commit(st);
	if (rc < 0) {
		cf_store_rollback(st);
		goto out;
	}
	fprintf(cmd->out, "account %s disabled, its sessions ended\n", login);
	cf_cli_recorded(cmd, actor);
out:
	free(actor);
	return rc;
}

const struct cf_cmd_entry cmd_user_disable_entry = {
	.name = "user disable",
	.usage = "LOGIN",
	.summary = "stop an account from being used",
	.help =
	    "Disables the account: it can no longer log in to the web\n"
	    "application nor be named by --as, and its sessions end.  The\n"
	    "account is kept (the trail names it); there is no enabling\n"
	    "again: add a new account.\n"
	    "\n"
	    "example:\n"
	    "  conform user disable wang\n",
	.min_args = 1,
	.max_args = 1,
	.flags = CF_CMD_WORKSPACE,
	.exec = cmd_user_disable_exec,
	.as_role = CF_ROLE_OFFICER,
	.as_what = "accounts",
};
