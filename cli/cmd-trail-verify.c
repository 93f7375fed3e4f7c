/* SPDX-License-Identifier: MIT */
/*
 * cmd-trail-verify.c - `conform trail verify`: recompute the hash chain
 * of the record trail and name the first entry that does not match.
 */
#include "conform.h"
#include "anchor.h"
#include "cmd.h"
#include "paths.h"
#include "trail.h"
#include "workspace.h"

#include <stdlib.h>

static int
cmd_trail_verify_exec(struct cf_cmd *cmd)
{
	struct cf_store *st;
	struct cf_checkpoint last;
	char head[CF_SHA256_HEX];
	int64_t n;
	int rc;

	if ((rc = cf_ws_store(cmd->ws, &st)) < 0)
		return rc;
	if ((rc = cf_trail_verify(st, &n, head)) < 0)
		return rc;
	/* checkpoints, --head, main's history (anchor.h) */
	if ((rc = cf_cli_trail_anchors(cmd, st, n, &last)) < 0) {
		cf_checkpoint_release(&last);
		return rc;
	}
	fprintf(cmd->out, "trail verified: %lld entr%s, head %s\n",
	    (long long)n, n == 1 ? "y" : "ies", head);
	if (last.n > 0)
		cf_cli_checkpoint_print(cmd->out, &last);
	if (cf_args_has(&cmd->args, "head"))
		fprintf(cmd->out, "the trail extends the head given (%s)\n",
		    cf_args_get(&cmd->args, "head"));
	cf_checkpoint_release(&last);
	/* (procedures/gate.h: a doc commit interrupted midway) */
	char *pending = cf_path_join(cf_ws_root(cmd->ws),
	    ".conform/doc-commit-pending");
	if (cf_path_exists(pending))
		fprintf(cmd->err,
		    "conform: note: a doc commit was interrupted; the next "
		    "'conform doc commit' finishes recording it\n");
	free(pending);
	return 0;
}

static const struct cf_option trail_verify_options[] = {
	CF_OPT_STRING_(0, "head", "SEQ:HASH",
	    "also check that the trail extends this head (one an auditor "
	    "wrote down)"),
	CF_OPT_END_,
};

const struct cf_cmd_entry cmd_trail_verify_entry = {
	.name = "trail verify",
	.usage = "[--head SEQ:HASH]",
	.summary = "recompute the tamper-evident chain of record changes",
	.help =
	    "Walks the trail of record changes (document commits, imports,\n"
	    "audits, every change to an NCR) and recomputes each entry's\n"
	    "SHA-256 over the previous entry's hash and its own contents.\n"
	    "An edited, deleted, inserted or reordered entry, or entries cut\n"
	    "from the end, is named, and the exit status is 3.  Then every\n"
	    "checkpoint on refs/conform/checkpoints: the trail must hold its\n"
	    "entry with its hash, and a signed one must be signed by an\n"
	    "allowed signer (an unsigned one is a warning); --head checks a\n"
	    "head an auditor kept the same way.  Every commit the audits and\n"
	    "the trail cite must be on main, and every commit on main must\n"
	    "have its trail entry (doc/integrity.md).\n",
	.options = trail_verify_options,
	.min_args = 0,
	.max_args = 0,
	.flags = CF_CMD_WORKSPACE,
	.exec = cmd_trail_verify_exec,
};
