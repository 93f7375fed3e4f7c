/* SPDX-License-Identifier: MIT */
/*
 * cmd-evidence-verify.c - `conform evidence verify DIR`: recompute
 * every hash of an evidence pack's manifest, name the files missing from
 * it or not listed in it, check every commit it names against the
 * workspace's history and re-verify its trail copy.  Each problem is one
 * line "FILE: what is wrong" on stderr, and the exit status is 3.
 */
#include "conform.h"
#include "cmd.h"
#include "docindex.h"
#include "evidence.h"
#include "repo.h"
#include "workspace.h"

static int
cmd_evidence_verify_exec(struct cf_cmd *cmd)
{
	const char *dir = cmd->args.argv[0];
	struct cf_diags probs = CF_DIAGS_INIT;
	struct cf_repo *repo = NULL;
	struct cf_store *st;
	size_t files = 0, commits = 0;
	int64_t entries = 0;
	int rc;

	if ((rc = cf_ws_store(cmd->ws, &st)) < 0 ||
	    (rc = cf_repo_open(&repo, cf_ws_root(cmd->ws))) < 0)
		goto out;
	if ((rc = cf_evidence_verify(dir, repo, st, &probs, &files, &commits,
		 &entries)) < 0)
		goto out;
	if (probs.n) {
		fflush(cmd->out);
		cf_cmd_print_diags(cmd->err, &probs, (size_t)-1);
		rc = cf_error_set(CF_EINVALID,
		    "evidence pack %s: %zu problem%s", dir, probs.n,
		    probs.n == 1 ? "" : "s");
		goto out;
	}
	fprintf(cmd->out,
	    "evidence pack verified: %zu files, %zu commits, %lld trail "
	    "entries\n",
	    files, commits, (long long)entries);
out:
	cf_diags_release(&probs);
	cf_repo_free(repo);
	return rc;
}

const struct cf_cmd_entry cmd_evidence_verify_entry = {
	.name = "evidence verify",
	.usage = "DIR",
	.summary = "check an evidence pack against its manifest and the "
		   "workspace",
	.help =
	    "Recomputes the SHA-256 of every file listed in DIR/MANIFEST.sha256,\n"
	    "names every file missing from the pack or not listed in the\n"
	    "manifest, checks that every commit of DIR/COMMITS exists in the\n"
	    "history of main, and re-verifies the hash chain of DIR/trail.csv\n"
	    "and that each of its entries is the workspace's own.  Each problem\n"
	    "is one line, FILE: what is wrong; the exit status is then 3.\n",
	.min_args = 1,
	.max_args = 1,
	.flags = CF_CMD_WORKSPACE,
	.exec = cmd_evidence_verify_exec,
};
