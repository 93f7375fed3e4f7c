/* SPDX-License-Identifier: MIT */
/*
 * cmd-doc-diff.c - `conform doc diff ID REV1 REV2`: field-level
 * differences between a document at two revisions (time limits, fee,
 * kind, materials, steps, roles, dates), not a line diff.
 */
#include "conform.h"
#include "cmd.h"
#include "docdiff.h"
#include "docindex.h"
#include "listing.h"
#include "listout.h"
#include "repo.h"
#include "workspace.h"

#include <stdlib.h>
#include <string.h>

static const struct cf_column diff_columns[] = {
	{ "field", CF_COL_TEXT },
	{ "old", CF_COL_TEXT },
	{ "new", CF_COL_TEXT },
};

/* The document `path` at `rev`; *out NULL when absent there. */
static int
doc_at(struct cf_repo *repo, const char *rev, const char *path,
    struct cf_doc **out)
{
	struct cf_buf b = CF_BUF_INIT;
	struct cf_diags d = CF_DIAGS_INIT;
	char hex[CF_OID_HEX];
	int rc;

	*out = NULL;
	if ((rc = cf_repo_resolve(repo, rev, hex)) < 0)
		return rc;
	rc = cf_repo_read(repo, hex, path, &b);
	if (rc == CF_ENOTFOUND) {
		cf_error_clear();
		cf_buf_release(&b);
		return 0;
	}
	if (rc == 0 &&
	    (rc = cf_doc_parse(out, b.s, b.len, path, &d)) == CF_EINVALID) {
		char *first = d.n ? cf_diag_format(&d.v[0]) : cf_xstrdup(path);
		rc = cf_error_set(CF_EINVALID,
		    "the version at %s (commit %.12s) does not validate: %s",
		    rev, hex, first);
		free(first);
	}
	cf_diags_release(&d);
	cf_buf_release(&b);
	return rc;
}

static int
cmd_doc_diff_exec(struct cf_cmd *cmd)
{
	const char *id = cmd->args.argv[0];
	const char *type_opt = cf_args_get(&cmd->args, "type");
	struct cf_repo *repo = NULL;
	struct cf_docindex *idx = NULL;
	struct cf_doc *a = NULL, *b = NULL;
	struct cf_docdiff d = CF_DOCDIFF_INIT;
	struct cf_listing *l;
	struct cf_listout lo;
	enum cf_format fmt;
	enum cf_doc_type type, want;
	char *path = NULL;
	int rc;

	if ((rc = cf_listout_parse(cmd, &lo)) < 0)
		return rc;
	fmt = lo.fmt;
	if (type_opt && (rc = cf_doc_type_parse(type_opt, &want)) < 0)
		return rc;
	if ((rc = cf_docindex_open_ws(cmd->ws, &repo, &idx)) < 0)
		goto out;
	if ((rc = cf_docindex_find_type(idx, id, type_opt ? (int)want : -1,
		 &type)) < 0)
		goto out;
	path = cf_doc_path_for_id(type, id);
	if ((rc = doc_at(repo, cmd->args.argv[1], path, &a)) < 0 ||
	    (rc = doc_at(repo, cmd->args.argv[2], path, &b)) < 0)
		goto out;
	cf_docdiff(a, b, &d);
	if ((rc = cf_listout_open(cmd, &lo)) < 0)
		goto out;
	if (fmt == CF_FORMAT_TABLE) {
		for (size_t i = 0; i < d.n; i++)
			fprintf(lo.f, "%s: %s -> %s\n", d.v[i].field,
			    d.v[i].old ? d.v[i].old : "(absent)",
			    d.v[i].new ? d.v[i].new : "(absent)");
		if (d.n == 0)
			fprintf(lo.f, "no field-level differences\n");
		if (ferror(lo.f))
			rc = cf_error_set(CF_ERROR, "cannot write the listing");
	} else {
		l = cf_listing_new_named(lo.f, fmt, "doc diff", diff_columns,
		    CF_ARRAY_LEN(diff_columns));
		for (size_t i = 0; i < d.n; i++) {
			cf_listing_row(l);
			cf_listing_cell(l, d.v[i].field);
			cf_listing_cell(l, d.v[i].old);
			cf_listing_cell(l, d.v[i].new);
		}
		rc = cf_listing_end(l);
	}
	rc = cf_listout_close(cmd, &lo, rc, "the differences");
out:
	cf_docdiff_release(&d);
	cf_doc_free(a);
	cf_doc_free(b);
	free(path);
	cf_docindex_free(idx);
	cf_repo_free(repo);
	return rc;
}

static const struct cf_option doc_diff_options[] = {
	CF_LISTOUT_OPTIONS_,
	CF_OPT_STRING_(0, "type", "TYPE",
	    "the document type, when two types share the id"),
	CF_OPT_END_,
};

const struct cf_cmd_entry cmd_doc_diff_entry = {
	.name = "doc diff",
	.usage = "[--format FORMAT] [--excel] [-o FILE] [--type TYPE] ID REV1 "
		 "REV2",
	.summary =
	    "field-level differences of a document between two revisions",
	.help =
	    "Compares the document ID as committed at REV1 and at REV2 field\n"
	    "by field: kind, title, dates, time limits (with their pauses and\n"
	    "extension), the supplement notice, fee, materials added,\n"
	    "removed or changed, steps added, removed or reordered, roles and\n"
	    "the other step attributes (clauses, checks and days for the other\n"
	    "types).  One 'field: old -> new' line per difference.\n",
	.options = doc_diff_options,
	.min_args = 3,
	.max_args = 3,
	.flags = CF_CMD_WORKSPACE,
	.exec = cmd_doc_diff_exec,
};
