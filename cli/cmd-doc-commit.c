/* SPDX-License-Identifier: MIT */
/*
 * cmd-doc-commit.c - `conform doc commit -m MSG [--author ID]
 * [--approved-by ID]`: put the document set under control (doc/command-line.md
 * and doc/documents.md).
 *
 * The author is the accountable person: --author, else `author` in
 * .conform/config, else git's user.name and user.email.  The committer
 * is the site's tool identity (`committer` in .conform/config), so a
 * commit works where no git user is configured.  An approval is
 * recorded as an Approved-by trailer; approving one's own change is
 * recorded as such (the `approved` check will fail it) and warned about.
 */
#include "conform.h"
#include "cmd.h"
#include "docindex.h"
#include "gate.h"
#include "signkey.h"
#include "text.h"
#include "workspace.h"

#include <stdlib.h>
#include <string.h>

/* The author: --author, config `author`, or git's user settings. */
static int
find_author(struct cf_cmd *cmd, struct cf_repo *r, struct cf_sig *out,
    const char **from)
{
	const char *given = cf_args_get(&cmd->args, "author");

	*from = "--author";
	if (given == NULL) {
		given = cf_ws_config(cmd->ws, "author", NULL);
		*from = "author from .conform/config";
	}
	if (given)
		return cf_sig_parse(out, given);
	*from = "git's user.name and user.email: no author in "
		".conform/config; set it with conform init --author or the "
		"author key";
	if (cf_repo_default_author(r, out) == 0)
		return 0;
	return cf_error_set(CF_EUSAGE,
	    "who is the author? give --author \"Name <email>\" or set "
	    "'author = Name <email>' in .conform/config");
}

static int
cmd_doc_commit_exec(struct cf_cmd *cmd)
{
	const char *msg = cf_args_get(&cmd->args, "message");
	const char *approved = cf_args_get(&cmd->args, "approved-by");
	struct cf_sig author = { 0 }, approver = { 0 }, committer = { 0 };
	const char *author_from = NULL;
	struct cf_gate_request req = { 0 };
	struct cf_gate_result res;
	struct cf_diags diags = CF_DIAGS_INIT;
	struct cf_repo *repo = NULL;
	struct cf_tz *tz = NULL;
	struct cf_store *st;
	bool recovered = false;
	bool sign = cf_args_has(&cmd->args, "sign") ||
	    cf_args_has(&cmd->args, "key");
	char *key = NULL;
	const char *key_from = NULL;
	int lock = -1, rc;

	if (msg == NULL || cf_blank(msg))
		return cf_error_set(CF_EUSAGE,
		    "a commit needs a message: -m \"what changed and why\"");
	if ((rc = cf_repo_open(&repo, cf_ws_root(cmd->ws))) < 0)
		goto out;
	if ((rc = cf_ws_tz(cmd->ws, &tz)) < 0 ||
	    (rc = find_author(cmd, repo, &author, &author_from)) < 0 ||
	    (approved && (rc = cf_sig_parse(&approver, approved)) < 0) ||
	    (rc = cf_sig_parse(&committer,
		 cf_ws_config(cmd->ws, "committer",
		     "conform <conform@localhost>"))) < 0)
		goto out;
	if (sign) {
		if ((rc = cf_cli_signing_key(cmd, repo, &key, &key_from)) < 0)
			goto out;
		if (key == NULL) {
			rc = cf_error_set(CF_EUSAGE,
			    "--sign needs a key: give --key FILE, or set "
			    "'signing-key = FILE' in .conform/config, or git's "
			    "user.signingKey");
			goto out;
		}
		req.sign_key = key;
	}
	req.root = cf_ws_root(cmd->ws);
	req.message = msg;
	req.author = &author;
	req.approver = approved ? &approver : NULL;
	req.committer = &committer;
	req.when = cf_now();
	req.tz_minutes = cf_tz_offset(tz, req.when) / 60;
	/* One doc commit at a time; finish one that was interrupted. */
	if ((rc = cf_ws_store(cmd->ws, &st)) < 0 ||
	    (rc = cf_gate_lock(req.root, &lock)) < 0 ||
	    (rc = cf_gate_recover(repo, st, req.root, &recovered)) < 0)
		goto out;
	if (recovered)
		fprintf(cmd->err,
		    "conform: note: an interrupted doc commit had moved main; "
		    "its trail entry is written now\n");
	rc = cf_gate_commit_recorded(repo, st, &req, &diags, &res);
	if (rc == CF_EINVALID && diags.n > 0) {
		cf_diags_sort(&diags);
		cf_cmd_print_diags(cmd->err, &diags, 1000);
		rc = cf_error_set(CF_EINVALID,
		    "%zu problem%s: nothing was committed", diags.n,
		    diags.n == 1 ? "" : "s");
		goto out;
	}
	if (rc < 0)
		goto out;
	fprintf(cmd->out, "[main %.12s] %.*s\n", res.commit,
	    (int)strcspn(msg, "\n"), msg);
	fprintf(cmd->out,
	    "  %zu added, %zu changed, %zu deleted; %zu "
	    "documents valid\n",
	    res.added, res.changed, res.deleted, res.documents);
	fprintf(cmd->out, "  author      %s%s%s%s\n", author.name,
	    *author.email ? " <" : "", author.email, *author.email ? ">" : "");
	if (key)
		fprintf(cmd->out, "  signed      with %s (%s)\n", key,
		    key_from);
	if (approved) {
		fprintf(cmd->out, "  approved by %s%s%s%s\n", approver.name,
		    *approver.email ? " <" : "", approver.email,
		    *approver.email ? ">" : "");
		struct cf_docversion v = { 0 };
		v.author_name = author.name;
		v.author_email = author.email;
		v.approver_name = approver.name;
		v.approver_email = approver.email;
		if (cf_docversion_self_approved(&v))
			fprintf(cmd->err,
			    "conform: warning: approved by its own author; "
			    "the 'approved' check will fail these versions\n");
	} else
		fprintf(cmd->out, "  not approved (no --approved-by)\n");
	{
		char *who = cf_person(author.name, author.email);
		cf_cli_recorded_as(cmd, "author", who, author_from);
		free(who);
		if (approved) {
			who = cf_person(approver.name, approver.email);
			cf_cli_recorded_as(cmd, "approver", who,
			    "--approved-by");
			free(who);
		}
	}
out:
	free(key);
	cf_gate_unlock(lock);
	cf_diags_release(&diags);
	cf_sig_release(&author);
	cf_sig_release(&approver);
	cf_sig_release(&committer);
	cf_repo_free(repo);
	return rc;
}

static const struct cf_option doc_commit_options[] = {
	CF_OPT_STRING_('m', "message", "MSG",
	    "what changed and why (required)"),
	CF_OPT_STRING_(0, "author", "\"NAME <EMAIL>\"",
	    "the accountable author (default: author in .conform/config, "
	    "then git's user)"),
	CF_OPT_STRING_(0, "approved-by", "\"NAME <EMAIL>\"",
	    "record the approval as an Approved-by trailer (workspaces "
	    "without allowed signers)"),
	CF_OPT_FLAG_(0, "sign", "sign the commit as git does (gpg.format = "
	    "ssh)"),
	CF_OPT_STRING_(0, "key", "KEY",
	    "the signing key (implies --sign; default: signing-key in "
	    ".conform/config, then git's user.signingKey)"),
	CF_OPT_END_,
};

const struct cf_cmd_entry cmd_doc_commit_entry = {
	.name = "doc commit",
	.usage = "-m MSG [--author ID] [--approved-by ID] [--sign] [--key KEY]",
	.summary = "validate every document, then commit all changes on main",
	.help =
	    "Takes every added, changed and deleted file of procedures/,\n"
	    "standards/, calendars/ and checklists/.  If any document of the\n"
	    "resulting set is invalid (rules across documents included),\n"
	    "every problem is printed and nothing is committed.  Otherwise\n"
	    "one commit on main, with the approval recorded as an\n"
	    "'Approved-by:' trailer.  A commit whose parent moved meanwhile\n"
	    "(another writer) is refused; the work tree is never touched.\n"
	    "With --sign (or --key) the commit is signed as git signs with\n"
	    "gpg.format = ssh, so 'git verify-commit' checks it.  Where the\n"
	    "workspace has allowed signers (signers/allowed_signers), an\n"
	    "approval counts only when signed: 'conform doc approve'.\n",
	.options = doc_commit_options,
	.min_args = 0,
	.max_args = 0,
	.flags = CF_CMD_WORKSPACE,
	.exec = cmd_doc_commit_exec,
	.as_role = CF_AS_NEVER,
};
