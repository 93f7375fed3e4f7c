/* SPDX-License-Identifier: MIT */
/*
 * cmd-doc-show.c - `conform doc show ID [--at DATE | --rev REV]`: a
 * document exactly as committed (byte for byte), either the version in
 * force on DATE (default today, doc/documents.md) or the file at revision REV.
 * Which commit it is goes to stderr, so stdout is the document alone.
 */
#include "conform.h"
#include "cmd.h"
#include "docindex.h"
#include "repo.h"
#include "workspace.h"

#include <stdlib.h>
#include <string.h>

static int
cmd_doc_show_exec(struct cf_cmd *cmd)
{
	const char *id = cmd->args.argv[0];
	const char *at = cf_args_get(&cmd->args, "at");
	const char *rev = cf_args_get(&cmd->args, "rev");
	const char *type_opt = cf_args_get(&cmd->args, "type");
	struct cf_repo *repo = NULL;
	struct cf_docindex *idx = NULL;
	struct cf_buf bytes = CF_BUF_INIT;
	struct cf_tz *tz;
	enum cf_doc_type type, want;
	char hex[CF_OID_HEX], day[11];
	cf_day d;
	int rc;

	if (at && rev)
		return cf_error_set(CF_EUSAGE, "give --at or --rev, not both");
	if (type_opt && (rc = cf_doc_type_parse(type_opt, &want)) < 0)
		return rc;
	if ((rc = cf_ws_tz(cmd->ws, &tz)) < 0)
		return rc;
	if (at && cf_day_parse(&d, at, strlen(at)) < 0)
		return cf_error_set(CF_EUSAGE, "--at: %s", cf_error_message());
	if (!at)
		d = cf_tz_today(tz);
	if ((rc = cf_docindex_open_ws(cmd->ws, &repo, &idx)) < 0)
		goto out;
	if ((rc = cf_docindex_find_type(idx, id, type_opt ? (int)want : -1,
		 &type)) < 0)
		goto out;
	if (rev) {
		char *path = cf_doc_path_for_id(type, id);
		if ((rc = cf_repo_resolve(repo, rev, hex)) == 0 &&
		    (rc = cf_repo_read(repo, hex, path, &bytes)) == 0)
			fprintf(cmd->err, "commit %s %s\n", hex, path);
		else if (rc == CF_ENOTFOUND &&
		    strstr(cf_error_message(), "has no"))
			rc = cf_error_set(CF_ENOTFOUND, "'%s' has no %s at %s",
			    path, cf_doc_type_name(type), rev);
		free(path);
		if (rc < 0)
			goto out;
	} else {
		const struct cf_docversion *v = cf_docindex_in_force(idx, type,
		    id, d);
		cf_day_format(d, day);
		if (v == NULL) {
			size_t n;
			struct cf_docversion *const *h =
			    cf_docindex_history(idx, type, id, &n);
			char first[11] = "";
			cf_day earliest = CF_DAY_NONE;
			for (size_t i = 0; i < n; i++)
				if (!h[i]->deleted &&
				    (earliest == CF_DAY_NONE ||
					h[i]->effective_from < earliest))
					earliest = h[i]->effective_from;
			if (earliest != CF_DAY_NONE)
				cf_day_format(earliest, first);
			rc = cf_error_set(CF_ENOTFOUND,
			    "no version of %s in force on %s%s%s%s", id, day,
			    *first ? " (the first takes effect on " : "", first,
			    *first ? ")" : "");
			goto out;
		}
		if (v->deleted) {
			char w[11];
			cf_day_format(v->effective_from, w);
			rc = cf_error_set(CF_ENOTFOUND,
			    "%s was withdrawn on %s (commit %.12s): nothing in "
			    "force on %s",
			    id, w, v->commit, day);
			goto out;
		}
		if (v->invalid) {
			rc = cf_error_set(CF_EINVALID,
			    "the version of %s in force on %s does not "
			    "validate: %s",
			    id, day, v->invalid);
			goto out;
		}
		if ((rc = cf_docindex_bytes(idx, v, &bytes)) < 0)
			goto out;
		char eff[11];
		cf_day_format(v->effective_from, eff);
		fprintf(cmd->err, "commit %s %s effective-from %s\n", v->commit,
		    v->path, eff);
	}
	fwrite(bytes.s, 1, bytes.len, cmd->out);
out:
	cf_buf_release(&bytes);
	cf_docindex_free(idx);
	cf_repo_free(repo);
	return rc;
}

static const struct cf_option doc_show_options[] = {
	CF_OPT_STRING_(0, "at", "DATE",
	    "the version in force on DATE (default: today)"),
	CF_OPT_STRING_(0, "rev", "REV", "the file as of revision REV"),
	CF_OPT_STRING_(0, "type", "TYPE",
	    "the document type, when two types share the id"),
	CF_OPT_END_,
};

const struct cf_cmd_entry cmd_doc_show_entry = {
	.name = "doc show",
	.usage = "[--at DATE | --rev REV] [--type TYPE] ID",
	.summary =
	    "a document as committed: in force on a date, or at a revision",
	.help =
	    "Prints the document byte for byte as committed.  With --at\n"
	    "(default today) the version in force on that date: among the\n"
	    "committed versions whose effective-from is on or before it, the\n"
	    "latest, ties going to the later commit; a deletion withdraws\n"
	    "the document.  With --rev, the file as of that revision.  The\n"
	    "commit goes to stderr.\n",
	.options = doc_show_options,
	.min_args = 1,
	.max_args = 1,
	.flags = CF_CMD_WORKSPACE,
	.exec = cmd_doc_show_exec,
};
