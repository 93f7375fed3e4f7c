/* SPDX-License-Identifier: MIT */
/*
 * cmd-ncr-update.c - `conform ncr update N [--state S] [--root-cause T]
 * ...`: move an NCR through its life and fill in its fields, or with
 * --amend correct the frozen fields of a verified or closed one by a
 * recorded amendment (doc/ncr.md).  Each update is one transaction with
 * its trail entry; a refused one changes nothing.
 */
#include "conform.h"
#include "anchor.h"
#include "account.h"
#include "cmd.h"
#include "ncr.h"
#include "workspace.h"

#include <stdlib.h>
#include <string.h>

static int
cmd_ncr_update_exec(struct cf_cmd *cmd)
{
	struct cf_ncr_change c = { 0 };
	struct cf_store *st;
	struct cf_tz *tz;
	struct cf_ncr n;
	const char *due = cf_args_get(&cmd->args, "due");
	char name[32], *actor = NULL;
	int64_t number, now = cf_now();
	bool amend;
	int rc;

	if ((rc = cf_ncr_parse_number(cmd->args.argv[0], &number)) < 0)
		return rc;
	c.state = cf_args_get(&cmd->args, "state");
	c.owner = cf_args_get(&cmd->args, "owner");
	c.correction = cf_args_get(&cmd->args, "correction");
	c.root_cause = cf_args_get(&cmd->args, "root-cause");
	c.method = cf_args_get(&cmd->args, "method");
	c.action = cf_args_get(&cmd->args, "action");
	c.similar = cf_args_get(&cmd->args, "similar");
	c.risk_update = cf_args_get(&cmd->args, "risk-update");
	c.effectiveness = cf_args_get(&cmd->args, "effectiveness");
	c.rejection = cf_args_get(&cmd->args, "reason");
	if (due) {
		if (cf_day_parse(&c.due, due, strlen(due)) < 0)
			return cf_error_set(CF_EUSAGE, "--due: %s",
			    cf_error_message());
		c.has_due = true;
	}
	if ((rc = cf_ws_store(cmd->ws, &st)) < 0 ||
	    (rc = cf_ws_tz(cmd->ws, &tz)) < 0)
		return rc;
	actor = cf_ws_actor(cmd->ws);
	if ((rc = cf_store_begin(st)) < 0)
		goto out;
	amend = cf_args_has(&cmd->args, "amend");
	if (amend) {
		const char *reason = c.rejection;
		c.rejection = NULL;
		rc = cf_ncr_amend(st, number, &c, reason, now, actor);
	} else
		rc = cf_ncr_update(st, number, &c, now, cf_tz_day(tz, now),
		    actor);
	if (rc == 0)
		rc = cf_store_commit(st);
	if (rc < 0) {
		cf_store_rollback(st);
		goto out;
	}
	if ((rc = cf_ncr_get(st, number, &n)) == 0) {
		cf_ncr_name(number, name, sizeof name);
		fprintf(cmd->out, "%s %s%s\n", name, cf_ncr_state_name(n.state),
		    amend ? ", amended (the original is kept; see ncr show)"
			  : "");
		cf_ncr_release(&n);
		cf_cli_recorded(cmd, actor);
		/* a closure is anchored (anchor.h) */
		if (c.state && strcmp(c.state, "closed") == 0) {
			char done[64];
			snprintf(done, sizeof done, "%s is closed", name);
			rc = cf_cli_checkpoint_after(cmd, done);
		}
	}
out:
	free(actor);
	return rc;
}

static const struct cf_option ncr_update_options[] = {
	CF_OPT_STRING_(0, "state", "STATE",
	    "the next state: analysed, action-planned, implemented, closed, "
	    "or rejected"),
	CF_OPT_STRING_(0, "root-cause", "TEXT", "the root cause found"),
	CF_OPT_STRING_(0, "method", "METHOD",
	    "how it was found: 5-why, fishbone or other"),
	CF_OPT_STRING_(0, "action", "TEXT", "the corrective action"),
	CF_OPT_STRING_(0, "owner", "NAME", "who owns the action"),
	CF_OPT_STRING_(0, "due", "DATE", "when the action is due"),
	CF_OPT_STRING_(0, "correction", "TEXT", "the immediate correction"),
	CF_OPT_STRING_(0, "similar", "TEXT",
	    "similar nonconformities considered"),
	CF_OPT_STRING_(0, "risk-update", "yes|no",
	    "whether risks and opportunities were updated"),
	CF_OPT_STRING_(0, "effectiveness", "TEXT",
	    "the evidence that the action worked"),
	CF_OPT_STRING_(0, "reason", "TEXT",
	    "with --state rejected or --amend: why"),
	CF_OPT_FLAG_(0, "amend",
	    "correct fields of a verified or closed NCR by a recorded "
	    "amendment (needs --reason)"),
	CF_OPT_END_,
};

const struct cf_cmd_entry cmd_ncr_update_entry = {
	.name = "ncr update",
	.usage = "N [--state STATE] [--root-cause T] [--action T] [--owner T] "
		 "[--due DATE] [--amend --reason T] [...]",
	.summary = "move an NCR through its life, fill in its fields",
	.help =
	    "States go one step at a time: open, analysed (needs the root\n"
	    "cause), action-planned (needs the action, an owner and a due\n"
	    "date), implemented, verified (only through 'conform ncr verify'),\n"
	    "closed (needs verified); or rejected, with --reason, before\n"
	    "implemented.  Closing needs --effectiveness (before or in the\n"
	    "same update).  From verified on the fields are frozen: correct\n"
	    "them with --amend --FIELD TEXT --reason WHY, which keeps the\n"
	    "original beside the amendment.  Every change is recorded in the\n"
	    "trail.\n",
	.options = ncr_update_options,
	.min_args = 1,
	.max_args = 1,
	.flags = CF_CMD_WORKSPACE,
	.exec = cmd_ncr_update_exec,
	.as_role = CF_ROLE_MANAGER,
	.as_what = "NCRs",
};
