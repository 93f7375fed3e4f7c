/* SPDX-License-Identifier: MIT */
/*
 * cmd-user-passwd.c - `conform user passwd LOGIN`: a new password for an
 * account (read as `user add` reads it); its sessions end.  One
 * transaction with its trail entry.
 */
#include "conform.h"
#include "account.h"
#include "cmd.h"
#include "password.h"
#include "workspace.h"

#include <stdlib.h>

static int
cmd_user_passwd_exec(struct cf_cmd *cmd)
{
	const char *login = cmd->args.argv[0];
	struct cf_account a;
	struct cf_store *st;
	char *pw = NULL, *actor = NULL;
	int rc;

	if ((rc = cf_ws_store(cmd->ws, &st)) < 0 ||
	    (rc = cf_account_get(st, login, &a)) < 0)
		return rc;
	cf_account_release(&a);
	if ((rc = cf_cli_password_read(cmd, login, &pw)) < 0)
		return rc;
	actor = cf_ws_actor(cmd->ws);
	if ((rc = cf_store_begin(st)) < 0)
		goto out;
	rc = cf_account_passwd(st, login, pw, cf_now(), actor);
	if (rc == 0)
		rc = cf_store_commit(st);
	if (rc < 0) {
		cf_store_rollback(st);
		goto out;
	}
	fprintf(cmd->out, "account %s: password changed, its sessions ended\n",
	    login);
	cf_cli_recorded(cmd, actor);
out:
	cf_cli_password_free(pw);
	free(actor);
	return rc;
}

const struct cf_cmd_entry cmd_user_passwd_entry = {
	.name = "user passwd",
	.usage = "LOGIN",
	.summary = "set a new password for an account",
	.help =
	    "Replaces the password of the account (at least 8 bytes, asked\n"
	    "twice on the terminal without echo, or one line of standard\n"
	    "input when that is not a terminal) and ends its sessions in the\n"
	    "web application.  The trail records the SHA-256 of the new\n"
	    "stored hash.\n"
	    "\n"
	    "example:\n"
	    "  conform user passwd wang\n",
	.min_args = 1,
	.max_args = 1,
	.flags = CF_CMD_WORKSPACE,
	.exec = cmd_user_passwd_exec,
	.as_role = CF_ROLE_OFFICER,
	.as_what = "accounts",
};
