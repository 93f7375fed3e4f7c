/* SPDX-License-Identifier: MIT */
/*
 * anchor.c - checkpoints and history for the commands (see anchor.h).
 *
 * The domain functions (procedures/checkpoint.h, audits/history.h)
 * collect problems and warnings; this file picks the key and the
 * signer, and prints.
 */
#include "conform.h"
#include "anchor.h"
#include "docindex.h"
#include "history.h"
#include "paths.h"
#include "repo.h"
#include "signkey.h"
#include "workspace.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

/* (procedures/gate.c keeps it; its first netstring is the commit) */
#define PENDING_FILE ".conform/doc-commit-pending"

/* Who writes the checkpoint: `author` of the config, else git's user. */
static bool
signer_identity(struct cf_cmd *cmd, struct cf_repo *repo, struct cf_sig *who)
{
	const char *a = cf_ws_config(cmd->ws, "author", NULL);

	if (a && cf_sig_parse(who, a) == 0)
		return true;
	cf_error_clear();
	if (cf_repo_default_author(repo, who) == 0)
		return true;
	cf_error_clear();
	return false;
}

int
cf_cli_checkpoint(struct cf_cmd *cmd, struct cf_checkpoint *out)
{
	struct cf_repo *repo = NULL;
	struct cf_docindex *idx = NULL;
	struct cf_tz *tz;
	struct cf_store *st;
	struct cf_sig who = { 0 };
	bool has_who;
	char *key = NULL;
	int rc;

	if ((rc = cf_ws_store(cmd->ws, &st)) < 0 ||
	    (rc = cf_repo_open(&repo, cf_ws_root(cmd->ws))) < 0 ||
	    (rc = cf_cli_signing_key(cmd, repo, &key, NULL)) < 0)
		goto out;
	has_who = signer_identity(cmd, repo, &who);
	/* the checkpoint it hands back is judged: who may sign (repo.h) */
	if (out && ((rc = cf_ws_tz(cmd->ws, &tz)) < 0 ||
		       (rc = cf_docindex_open(&idx, repo, st, tz)) < 0))
		goto out;
	rc = cf_checkpoint_write(repo, st, key, has_who ? &who : NULL,
	    cf_now(), out);
out:
	cf_sig_release(&who);
	free(key);
	cf_docindex_free(idx);
	cf_repo_free(repo);
	return rc;
}

int
cf_cli_checkpoint_after(struct cf_cmd *cmd, const char *done)
{
	int rc = cf_cli_checkpoint(cmd, NULL);

	if (rc < 0)
		cf_error_prefix("%s, but no checkpoint was written "
				"('conform trail checkpoint' writes one)",
		    done);
	return rc;
}

void
cf_cli_checkpoint_print(FILE *f, const struct cf_checkpoint *c)
{
	char *what = cf_checkpoint_describe(c);

	fprintf(f, "%s: entry %" PRId64 " %.16s…, main %.12s\n", what, c->seq,
	    c->hash, c->main);
	free(what);
}

/* The commit of an interrupted doc commit, or NULL. */
static char *
pending_commit(struct cf_cmd *cmd)
{
	char *path = cf_path_join(cf_ws_root(cmd->ws), PENDING_FILE);
	char *buf = NULL, *hex = NULL;
	size_t len;

	if (cf_read_file(path, 1 << 20, &buf, &len) == 0 && len > 44 &&
	    memcmp(buf, "40:", 3) == 0 && buf[43] == ',')
		hex = cf_xstrndup(buf + 3, 40);
	cf_error_clear();
	free(buf);
	free(path);
	return hex;
}

int
cf_cli_trail_anchors(struct cf_cmd *cmd, struct cf_store *st, int64_t n,
    struct cf_checkpoint *last)
{
	struct cf_diags probs = CF_DIAGS_INIT, warns = CF_DIAGS_INIT;
	const char *spec = cf_args_get(&cmd->args, "head");
	struct cf_repo *repo = NULL;
	struct cf_docindex *idx = NULL;
	struct cf_tz *tz;
	char hash[CF_SHA256_HEX], *pending = NULL;
	int64_t seq;
	int rc;

	memset(last, 0, sizeof *last);
	if (spec && (rc = cf_checkpoint_parse_head(spec, &seq, hash)) < 0)
		return rc;
	/* who may sign: main's documents indexed afresh, their approvals
	 * judged from the refs, never from the cache in the database */
	if ((rc = cf_repo_open(&repo, cf_ws_root(cmd->ws))) < 0 ||
	    (rc = cf_ws_tz(cmd->ws, &tz)) < 0 ||
	    (rc = cf_docindex_open_records(&idx, repo, st, tz)) < 0 ||
	    (rc = cf_checkpoint_verify(repo, st, n, &probs, &warns, last)) < 0)
		goto out;
	if (spec) {
		char *what = cf_xasprintf("the head given (%s)", spec);
		rc = cf_checkpoint_extends(st, n, seq, hash, what);
		free(what);
		if (rc == CF_EINVALID) {
			cf_diags_add(&probs, NULL, 0, 0, "%s",
			    cf_error_message());
			cf_error_clear();
		} else if (rc < 0)
			goto out;
	}
	pending = pending_commit(cmd);
	if ((rc = cf_history_verify(repo, st, pending, &probs)) < 0)
		goto out;
	for (size_t i = 0; i < warns.n; i++)
		fprintf(cmd->err, "conform: warning: %s\n", warns.v[i].msg);
	if (last->n == 0 && n > 0)
		fprintf(cmd->err,
		    "conform: warning: no checkpoint: the trail's head is not "
		    "anchored outside the database\n");
	if (probs.n) {
		fflush(cmd->out);
		cf_cmd_print_diags(cmd->err, &probs, (size_t)-1);
		rc = cf_error_set(CF_EINVALID, "trail not verified: %zu "
					       "problem%s",
		    probs.n, probs.n == 1 ? "" : "s");
		goto out;
	}
	rc = 0;
out:
	free(pending);
	cf_diags_release(&probs);
	cf_diags_release(&warns);
	cf_docindex_free(idx);
	cf_repo_free(repo);
	return rc;
}

int
cf_cli_history_gate(struct cf_cmd *cmd, struct cf_store *st)
{
	struct cf_repo *repo = NULL;
	int rc;

	if ((rc = cf_repo_open(&repo, cf_ws_root(cmd->ws))) == 0)
		rc = cf_history_check_cited(repo, st);
	cf_repo_free(repo);
	return rc;
}
