/* SPDX-License-Identifier: MIT */
/*
 * cmd-doc-log.c - `conform doc log [ID]`: the history of the controlled
 * documents, one row per version, newest first: commit, date, document,
 * author, approver, effective-from and what changed, in one line.
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

static const struct cf_column log_columns[] = {
	{ "commit", CF_COL_TEXT },
	{ "date", CF_COL_MINUTE },
	{ "document", CF_COL_TEXT },
	{ "author", CF_COL_TEXT },
	{ "approver", CF_COL_TEXT },
	{ "effective_from", CF_COL_DAY },
	{ "change", CF_COL_TEXT },
};

static int
cmd_doc_log_exec(struct cf_cmd *cmd)
{
	const char *id = cmd->args.argc ? cmd->args.argv[0] : NULL;
	const char *type_opt = cf_args_get(&cmd->args, "type");
	struct cf_repo *repo = NULL;
	struct cf_docindex *idx = NULL;
	struct cf_listing *l = NULL;
	struct cf_tz *tz;
	struct cf_listout lo;
	enum cf_format fmt;
	enum cf_doc_type type, want;
	struct cf_docversion *const *all;
	size_t n;
	int rc;

	if ((rc = cf_listout_parse(cmd, &lo)) < 0)
		return rc;
	fmt = lo.fmt;
	if (type_opt && (rc = cf_doc_type_parse(type_opt, &want)) < 0)
		return rc;
	if ((rc = cf_ws_tz(cmd->ws, &tz)) < 0 ||
	    (rc = cf_docindex_open_ws(cmd->ws, &repo, &idx)) < 0)
		goto out;
	if (id &&
	    (rc = cf_docindex_find_type(idx, id, type_opt ? (int)want : -1,
		 &type)) < 0)
		goto out;
	all = cf_docindex_all(idx, &n);
	if ((rc = cf_listout_open(cmd, &lo)) < 0)
		goto out;
	l = cf_listing_new_named(lo.f, fmt, "doc log", log_columns,
	    CF_ARRAY_LEN(log_columns));
	for (size_t i = n; i > 0; i--) {
		const struct cf_docversion *v = all[i - 1];
		struct cf_docversion *const *hist;
		size_t nh, k = 0;
		char date[40];
		struct cf_time t = { v->commit_time, 0, 0, true };

		if (id && (v->type != type || strcmp(v->id, id) != 0))
			continue;
		if (type_opt && v->type != want)
			continue;
		hist = cf_docindex_history(idx, v->type, v->id, &nh);
		if (hist == NULL) {
			/* a path no id names ("procedures/sub", a file
			 * not NAME.xml committed with plain git): its own
			 * history of one */
			hist = &all[i - 1];
			nh = 1;
		}
		while (k < nh && hist[k] != v)
			k++;
		cf_time_format_local(&t, tz, false, date, sizeof date);
		date[16] = '\0'; /* minutes are enough */
		char eff[11];
		cf_day_format(v->effective_from, eff);
		char *who = cf_person(v->author_name, v->author_email);
		char *appr = cf_docversion_approver(v);
		char *change = cf_docdiff_change(idx, hist, k);
		cf_listing_row(l);
		if (fmt == CF_FORMAT_TABLE)
			cf_listing_cellf(l, "%.12s", v->commit);
		else
			cf_listing_cell(l, v->commit);
		cf_listing_cell(l, date);
		cf_listing_cell(l, v->path);
		cf_listing_cell(l, who);
		cf_listing_cell(l,
		    appr ? appr : (fmt == CF_FORMAT_TABLE ? "-" : NULL));
		cf_listing_cell(l,
		    v->deleted ? (fmt == CF_FORMAT_TABLE ? "-" : NULL) : eff);
		cf_listing_cell(l, change);
		free(who);
		free(appr);
		free(change);
	}
	rc = cf_listout_close(cmd, &lo, cf_listing_end(l),
	    "the history of the documents");
out:
	cf_docindex_free(idx);
	cf_repo_free(repo);
	return rc;
}

static const struct cf_option doc_log_options[] = {
	CF_LISTOUT_OPTIONS_,
	CF_OPT_STRING_(0, "type", "TYPE",
	    "only documents of this type (procedure, standard, calendar, "
	    "checklist)"),
	CF_OPT_END_,
};

const struct cf_cmd_entry cmd_doc_log_entry = {
	.name = "doc log",
	.usage = "[--format FORMAT] [--excel] [-o FILE] [--type TYPE] [ID]",
	.summary =
	    "the history of the documents: who changed what, approved by whom",
	.help =
	    "One row per document version, newest first: the commit, its\n"
	    "date, the document, the author, the approver with how it is\n"
	    "known - (signed): a valid approval by an allowed signer who is\n"
	    "not the author; (recorded, unsigned): what doc commit\n"
	    "--approved-by recorded, in a workspace without allowed signers;\n"
	    "(claimed): an Approved-by line conform did not record, which\n"
	    "does not count - the effective-from date and what changed,\n"
	    "field by field.  Documents committed with plain git are read the\n"
	    "same way.\n",
	.options = doc_log_options,
	.min_args = 0,
	.max_args = 1,
	.flags = CF_CMD_WORKSPACE,
	.exec = cmd_doc_log_exec,
};
