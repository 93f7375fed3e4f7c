/* SPDX-License-Identifier: MIT */
/*
 * cmd-trail-verify.c - `conform trail verify`: recompute the hash chain
 * of the record trail and name the first entry that does not match.
 */
#include "conform.h"
#include "cmd.h"
#include "paths.h"
#include "trail.h"
#include "workspace.h"

#include <stdlib.h>

static int
cmd_trail_verify_exec(struct cf_cmd *cmd)
{
	struct cf_store *st;
	char head[CF_SHA256_HEX];
	int64_t n;
	int rc;

	if ((rc = cf_ws_store(cmd->ws, &st)) < 0)
		return rc;
	if ((rc = cf_trail_verify(st, &n, head)) < 0)
		return rc;
	fprintf(cmd->out, "trail verified: %lld entr%s, head %s\n",
	    (long long)n, n == 1 ? "y" : "ies", head);
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

const struct cf_cmd_entry cmd_trail_verify_entry = {
	.name = "trail verify",
	.usage = "",
	.summary = "recompute the tamper-evident chain of record changes",
	.help =
	    "Walks the trail of record changes (document commits, imports,\n"
	    "audits, every change to an NCR) and recomputes each entry's\n"
	    "SHA-256 over the previous entry's hash and its own contents.\n"
	    "An edited, deleted, inserted or reordered entry, or entries cut\n"
	    "from the end, is named, and the exit status is 3.\n",
	.min_args = 0,
	.max_args = 0,
	.flags = CF_CMD_WORKSPACE,
	.exec = cmd_trail_verify_exec,
};
