/* SPDX-License-Identifier: MIT */
/*
 * cmd-trail-checkpoint.c - `conform trail checkpoint [--key KEY]`: sign
 * the trail's current head and main's commit into a checkpoint on
 * refs/conform/checkpoints (doc/integrity.md, "The head anchored
 * outside the database"), and print it.
 */
#include "conform.h"
#include "anchor.h"
#include "account.h"
#include "cmd.h"

static int
cmd_trail_checkpoint_exec(struct cf_cmd *cmd)
{
	struct cf_checkpoint c;
	int rc;

	if ((rc = cf_cli_checkpoint(cmd, &c)) < 0)
		return rc;
	cf_cli_checkpoint_print(cmd->out, &c);
	fprintf(cmd->out, "head %lld:%s\n", (long long)c.seq, c.hash);
	if (!c.is_signed)
		fprintf(cmd->err,
		    "conform: warning: no signing key (--key, signing-key in "
		    ".conform/config or git's user.signingKey): the checkpoint "
		    "is unsigned\n");
	else if (!c.valid)
		fprintf(cmd->err,
		    "conform: warning: the checkpoint's signature is not valid "
		    "against the allowed signers: %s\n",
		    c.why ? c.why : "");
	cf_checkpoint_release(&c);
	return 0;
}

static const struct cf_option trail_checkpoint_options[] = {
	CF_OPT_STRING_(0, "key", "KEY",
	    "the SSH key to sign with (default: signing-key in "
	    ".conform/config, else git's user.signingKey)"),
	CF_OPT_END_,
};

const struct cf_cmd_entry cmd_trail_checkpoint_entry = {
	.name = "trail checkpoint",
	.usage = "[--key KEY]",
	.summary = "sign the trail's head into a checkpoint in the git "
		   "repository",
	.help =
	    "Verifies the trail's chain and that it extends the last\n"
	    "checkpoint, then writes a checkpoint of its head (the last\n"
	    "entry's number and hash, and main's commit) as a commit on\n"
	    "refs/conform/checkpoints, signed as git signs commits with\n"
	    "gpg.format = ssh, so 'git verify-commit refs/conform/checkpoints'\n"
	    "checks it too.  Without a key it is written unsigned, and says\n"
	    "so.  Prints the checkpoint and the head SEQ:HASH to keep for\n"
	    "'conform trail verify --head'.  One is also written after every\n"
	    "stored audit and every NCR closure.\n",
	.options = trail_checkpoint_options,
	.min_args = 0,
	.max_args = 0,
	.flags = CF_CMD_WORKSPACE,
	.exec = cmd_trail_checkpoint_exec,
	.as_role = CF_ROLE_MANAGER,
	.as_what = "the records",
};
