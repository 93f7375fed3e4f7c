/* SPDX-License-Identifier: MIT */
/*
 * cmd-doc-approve.c - `conform doc approve REV [--key KEY] [--approver
 * ID]`: a signed approval of a document commit (doc/integrity.md
 * "Approvals are signatures", doc/documents.md "Approval").
 *
 * The approver runs it on their own machine, with their own key.  It
 * writes an annotated tag object signed as git signs tags (namespace
 * "git") under refs/conform/approvals/COMMIT/FINGERPRINT, after
 * checking what the document index will check: the commit is on main,
 * the key is an allowed signer in force (the allowed signers before the
 * commit, when it changes them), and the approver is not the commit's
 * author.  Any of these refused is one line, exit 3, nothing written.
 */
#include "conform.h"
#include "approval.h"
#include "cmd.h"
#include "docindex.h"
#include "paths.h"
#include "repo.h"
#include "signkey.h"
#include "sshsig.h"
#include "workspace.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The comment of KEY.pub (or of KEY when it is a public key); NULL. */
static char *
key_comment(const char *key)
{
	char *path, *text = NULL, *c = NULL;
	size_t len, n;
	const char *p;

	if (cf_sshsig_key_literal(key))
		p = key;
	else {
		n = strlen(key);
		path = n > 4 && strcmp(key + n - 4, ".pub") == 0
		    ? cf_xstrdup(key)
		    : cf_xasprintf("%s.pub", key);
		if (cf_read_file(path, 64 * 1024, &text, &len) < 0) {
			cf_error_clear();
			free(path);
			return NULL;
		}
		free(path);
		p = text;
	}
	/* "TYPE BASE64 COMMENT" */
	p = strchr(p, ' ');
	p = p ? strchr(p + 1, ' ') : NULL;
	if (p && p[1] && p[1] != '\n')
		c = cf_xstrndup(p + 1, strcspn(p + 1, "\r\n"));
	free(text);
	return c;
}

/* The approver: --approver, git's user, or the key's comment. */
static int
find_approver(struct cf_cmd *cmd, struct cf_repo *r, const char *key,
    struct cf_sig *out)
{
	const char *given = cf_args_get(&cmd->args, "approver");
	char *comment;
	int rc;

	if (given)
		return cf_sig_parse(out, given);
	if (cf_repo_default_author(r, out) == 0)
		return 0;
	cf_error_clear();
	if ((comment = key_comment(key)) != NULL) {
		rc = cf_sig_parse(out, comment);
		free(comment);
		return rc;
	}
	return cf_error_set(CF_EUSAGE,
	    "who approves? give --approver \"Name <email>\" or set git's "
	    "user.name and user.email");
}

static int
cmd_doc_approve_exec(struct cf_cmd *cmd)
{
	const char *rev = cmd->args.argv[0];
	struct cf_repo *repo = NULL;
	struct cf_docindex *idx = NULL;
	struct cf_sig approver = { 0 }, author = { 0 };
	struct cf_approval a;
	struct cf_sshsig_signer who = { NULL, NULL };
	struct cf_docversion same = { 0 };
	struct cf_tz *tz;
	char hex[CF_OID_HEX], *key = NULL, *csigner = NULL;
	const char *allowed, *head, *from = NULL;
	bool on_main = false;
	int64_t when;
	int rc;

	memset(&a, 0, sizeof a);
	if ((rc = cf_ws_tz(cmd->ws, &tz)) < 0 ||
	    (rc = cf_docindex_open_ws(cmd->ws, &repo, &idx)) < 0)
		goto out;
	if ((rc = cf_repo_resolve(repo, rev, hex)) < 0)
		goto out;
	head = cf_docindex_head(idx);
	if (*head && (rc = cf_repo_in_history(repo, head, hex, &on_main)) < 0)
		goto out;
	if (!on_main) {
		rc = cf_error_set(CF_EINVALID,
		    "%s (commit %.12s) is not on main: only a version of main "
		    "can be approved",
		    rev, hex);
		goto out;
	}
	if ((rc = cf_cli_signing_key(cmd, repo, &key, &from)) < 0)
		goto out;
	if (key == NULL) {
		rc = cf_error_set(CF_EUSAGE,
		    "an approval is signed: give --key KEY, or set "
		    "'signing-key = FILE' in .conform/config, or git's "
		    "user.signingKey");
		goto out;
	}
	if ((rc = find_approver(cmd, repo, key, &approver)) < 0)
		goto out;
	when = cf_now();
	if ((rc = cf_docindex_approval_signers(idx, hex, when, &allowed)) < 0) {
		if (rc == CF_ENOTFOUND)
			rc = CF_EINVALID;
		goto out;
	}
	if ((rc = cf_approval_make(hex, &approver, when,
		 cf_tz_offset(tz, when) / 60, key, &a)) < 0)
		goto out;
	rc = cf_sshsig_verify(allowed, "git", a.payload, a.payload_len,
	    a.signature, when, &who);
	if (rc < 0) {
		if (rc == CF_EINVALID)
			cf_error_prefix("%s may not approve %.12s", key, hex);
		goto out;
	}
	/* Not the author's own: by name or e-mail, principal, or key. */
	if ((rc = cf_repo_commit_author(repo, hex, &author)) < 0 ||
	    (rc = cf_approval_commit_signer(repo, hex, &csigner)) < 0)
		goto out;
	same.author_name = author.name;
	same.author_email = author.email;
	same.approver_name = approver.name;
	same.approver_email = approver.email;
	if (cf_docversion_self_approved(&same) ||
	    (*author.email && strcasecmp(who.principal, author.email) == 0) ||
	    (csigner && strcmp(csigner, who.fingerprint) == 0)) {
		rc = cf_error_set(CF_EINVALID,
		    "%s (%s) is the author of %.12s: a version is approved by "
		    "someone else",
		    who.principal, who.fingerprint, hex);
		goto out;
	}
	if ((rc = cf_approval_store(repo, &a)) < 0)
		goto out;
	fprintf(cmd->out, "approved %.12s as %s%s%s%s (%s, %s)\n", hex,
	    approver.name, *approver.email ? " <" : "", approver.email,
	    *approver.email ? ">" : "", who.principal, who.fingerprint);
	fprintf(cmd->out, "  %s\n", a.ref);
out:
	cf_sshsig_signer_release(&who);
	cf_approval_release(&a);
	cf_sig_release(&approver);
	cf_sig_release(&author);
	free(csigner);
	free(key);
	cf_docindex_free(idx);
	cf_repo_free(repo);
	return rc;
}

static const struct cf_option doc_approve_options[] = {
	CF_OPT_STRING_(0, "key", "KEY",
	    "the approver's signing key (default: signing-key in "
	    ".conform/config, then git's user.signingKey)"),
	CF_OPT_STRING_(0, "approver", "\"NAME <EMAIL>\"",
	    "the approver, as the tagger (default: git's user, then the "
	    "key's comment)"),
	CF_OPT_END_,
};

const struct cf_cmd_entry cmd_doc_approve_entry = {
	.name = "doc approve",
	.usage = "[--key KEY] [--approver ID] REV",
	.summary = "approve a document commit with a signature",
	.help =
	    "Writes a signed approval of the commit REV names: an annotated\n"
	    "tag object signed as git signs tags (gpg.format = ssh), under\n"
	    "refs/conform/approvals/COMMIT/FINGERPRINT, so that 'git\n"
	    "verify-tag' checks it.  Refused (exit 3, nothing written) when\n"
	    "REV is not on main, when the key is not an allowed signer in\n"
	    "force (signers/allowed_signers; for a commit that changes it,\n"
	    "the version before), or when the approver is the commit's\n"
	    "author.  Push the approvals with the documents: git push origin\n"
	    "'refs/conform/*:refs/conform/*'.\n",
	.options = doc_approve_options,
	.min_args = 1,
	.max_args = 1,
	.flags = CF_CMD_WORKSPACE,
	.exec = cmd_doc_approve_exec,
	.as_role = CF_AS_NEVER,
};
