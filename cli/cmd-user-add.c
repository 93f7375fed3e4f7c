/* SPDX-License-Identifier: MIT */
/*
 * cmd-user-add.c - `conform user add LOGIN --role ROLE [--expires DATE]`:
 * an account of the web application (SPEC 13, doc/web.md), its password
 * read from the terminal (twice, without echo) or one line of standard
 * input.  One transaction with its trail entry.
 */
#include "conform.h"
#include "account.h"
#include "cmd.h"
#include "password.h"
#include "workspace.h"

#include <stdlib.h>
#include <string.h>

static int
cmd_user_add_exec(struct cf_cmd *cmd)
{
	const char *login = cmd->args.argv[0];
	const char *exp = cf_args_get(&cmd->args, "expires");
	struct cf_account a;
	struct cf_store *st;
	struct cf_tz *tz;
	enum cf_role role;
	cf_day expires = CF_DAY_NONE;
	char *pw = NULL, *actor = NULL, day[11];
	int64_t now = cf_now();
	int rc;

	if (cf_args_get(&cmd->args, "role") == NULL)
		return cf_error_set(CF_EUSAGE,
		    "--role ROLE is needed: auditor, manager or officer");
	if ((rc = cf_role_parse(cf_args_get(&cmd->args, "role"), &role)) < 0)
		return cf_error_set(CF_EUSAGE, "--role: %s", cf_error_message());
	if (exp && cf_day_parse(&expires, exp, strlen(exp)) < 0)
		return cf_error_set(CF_EUSAGE, "--expires: %s",
		    cf_error_message());
	if ((rc = cf_account_valid_login(login)) < 0 ||
	    (rc = cf_ws_store(cmd->ws, &st)) < 0 ||
	    (rc = cf_ws_tz(cmd->ws, &tz)) < 0)
		return rc;
	if (expires != CF_DAY_NONE && expires < cf_tz_day(tz, now)) {
		cf_day_format(expires, day);
		return cf_error_set(CF_EINVALID,
		    "--expires %s is already past: the account could never "
		    "be used",
		    day);
	}
	/* before the password is asked for */
	if ((rc = cf_account_get(st, login, &a)) == 0) {
		cf_account_release(&a);
		return cf_error_set(CF_EEXISTS, "account '%s' already exists",
		    login);
	} else if (rc != CF_ENOTFOUND)
		return rc;
	if ((rc = cf_cli_password_read(cmd, login, &pw)) < 0)
		return rc;
	actor = cf_ws_actor(cmd->ws);
	if ((rc = cf_store_begin(st)) < 0)
		goto out;
	rc = cf_account_add(st, login, role, expires, pw, now, actor);
	if (rc == 0)
		rc = cf_store_commit(st);
	if (rc < 0) {
		cf_store_rollback(st);
		goto out;
	}
	if (expires != CF_DAY_NONE)
		cf_day_format(expires, day);
	fprintf(cmd->out, "account %s added: %s, %s%s\n", login,
	    cf_role_name(role), expires != CF_DAY_NONE ? "until " : "no end",
	    expires != CF_DAY_NONE ? day : "");
	cf_cli_recorded(cmd, actor);
out:
	cf_cli_password_free(pw);
	free(actor);
	return rc;
}

static const struct cf_option user_add_options[] = {
	CF_OPT_STRING_(0, "role", "ROLE", "auditor, manager or officer"),
	CF_OPT_STRING_(0, "expires", "DATE",
	    "the last day the account may be used (YYYY-MM-DD; default: no "
	    "end)"),
	CF_OPT_END_,
};

const struct cf_cmd_entry cmd_user_add_entry = {
	.name = "user add",
	.usage = "LOGIN --role ROLE [--expires DATE]",
	.summary = "add an account of the web application",
	.help =
	    "Adds an account for 'conform serve' and for --as LOGIN.  Roles:\n"
	    "auditor (reads everything, changes nothing), manager (and fills\n"
	    "in NCRs and moves them), officer (and verifies NCRs).  With\n"
	    "--expires the account works up to and including that day, in\n"
	    "the workspace's time zone: an external auditor's time-limited\n"
	    "access.  The password (at least 8 bytes) is asked twice on the\n"
	    "terminal, without echo, or read as one line of standard input\n"
	    "when that is not a terminal; only its argon2id hash is stored.\n"
	    "The trail records the account, its role, its last day and the\n"
	    "SHA-256 of the stored hash.\n"
	    "\n"
	    "example:\n"
	    "  conform user add wang --role manager --expires 2026-12-31\n"
	    "  printf '%s\\n' \"$PW\" | conform user add li --role auditor\n",
	.options = user_add_options,
	.min_args = 1,
	.max_args = 1,
	.flags = CF_CMD_WORKSPACE,
	.exec = cmd_user_add_exec,
	.as_role = CF_ROLE_OFFICER,
	.as_what = "accounts",
};
