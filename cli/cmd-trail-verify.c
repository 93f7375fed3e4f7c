/* SPDX-License-Identifier: MIT */
/*
 * cmd-trail-verify.c - `conform trail verify`: recompute the hash chain
 * of the record trail, then every record against the entry that bound
 * it (audits/records.h, doc/integrity.md), and every account of the web
 * application against its last entry (core/account.h); each problem
 * one line on stderr.
 */
#include "conform.h"
#include "account.h"
#include "anchor.h"
#include "cmd.h"
#include "paths.h"
#include "records.h"
#include "workspace.h"

#include <inttypes.h>
#include <stdlib.h>

static void
print_problem(const char *problem, void *arg)
{
	struct cf_cmd *cmd = arg;

	fprintf(cmd->err, "conform: error: %s\n", problem);
}

static int
cmd_trail_verify_exec(struct cf_cmd *cmd)
{
	struct cf_records_summary sum;
	struct cf_store *st;
	struct cf_checkpoint last;
	bool bad;
	int rc, accounts;

	if ((rc = cf_ws_store(cmd->ws, &st)) < 0)
		return rc;
	rc = cf_records_verify(st, print_problem, cmd, &sum);
	bad = rc == CF_EINVALID && sum.problems > 0;
	if (rc < 0 && !bad)
		return rc;
	/* an account's row against its last entry (a role raised, a hash
	 * replaced with sqlite3) */
	if ((accounts = cf_account_verify(st, print_problem, cmd)) < 0)
		return accounts;
	if (accounts > 0)
		bad = true;
	/* checkpoints, --head, main's history (anchor.h), whatever the
	 * records said, so that one run names every problem */
	rc = cf_cli_trail_anchors(cmd, st, sum.entries, &last);
	if (rc < 0 || bad) {
		cf_checkpoint_release(&last);
		/* each problem printed, one line each */
		return bad && (rc == 0 || rc == CF_EINVALID) ? CF_EXIT_INVALID
							     : rc;
	}
	fprintf(cmd->out, "trail verified: %" PRId64 " entr%s, head %" PRId64
			  ":%s\n",
	    sum.entries, sum.entries == 1 ? "y" : "ies", sum.head_seq, sum.head);
	fprintf(cmd->out,
	    "records bound: %" PRId64 " batch%s, %" PRId64 " audit%s, %" PRId64
	    " NCR%s; %" PRId64 " not bound\n",
	    sum.batches, sum.batches == 1 ? "" : "es", sum.audits,
	    sum.audits == 1 ? "" : "s", sum.ncrs, sum.ncrs == 1 ? "" : "s",
	    sum.not_bound);
	if (sum.not_bound)
		fprintf(cmd->err,
		    "conform: note: %" PRId64 " record%s %s trail entries "
		    "written before records were bound; their contents are "
		    "not checked\n",
		    sum.not_bound, sum.not_bound == 1 ? "" : "s",
		    sum.not_bound == 1 ? "has" : "have");
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
	.summary = "check the chain of record changes, every record it binds "
		   "and its checkpoints",
	.help =
	    "Walks the trail of record changes (document commits, imports,\n"
	    "audits, every change to an NCR) and recomputes each entry's\n"
	    "SHA-256 over the previous entry's hash and its own contents.\n"
	    "An edited, deleted, inserted or reordered entry, or entries cut\n"
	    "from the end, is named.  Then every record is checked against\n"
	    "the entry that bound it: each import batch's row and the digests\n"
	    "of its case writes and events, each audit (head, batches,\n"
	    "versions, per check the counts and findings, case results, NCR\n"
	    "links), each NCR's whole state against its last entry, each\n"
	    "account (conform user) against its last entry; a batch, audit,\n"
	    "NCR or account with no entry, or an entry whose record is gone,\n"
	    "is named.  Each problem is one line on stderr and the exit status\n"
	    "is 3.  Then every checkpoint on refs/conform/checkpoints: the\n"
	    "trail must hold its entry with its hash, and a signed one must be\n"
	    "signed by an allowed signer (an unsigned one is a warning); --head\n"
	    "checks a head an auditor kept the same way.  Every commit the\n"
	    "audits and the trail cite must be on main, and every commit on\n"
	    "main must have its trail entry (doc/integrity.md).  On success it\n"
	    "prints the number of entries, the head and the records bound.\n",
	.options = trail_verify_options,
	.min_args = 0,
	.max_args = 0,
	.flags = CF_CMD_WORKSPACE,
	.exec = cmd_trail_verify_exec,
};
