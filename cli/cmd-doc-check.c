/* SPDX-License-Identifier: MIT */
/*
 * cmd-doc-check.c - `conform doc check [FILE...]`: validate documents.
 *
 * Without FILE, every document in the work tree of the workspace; with
 * FILEs, those files (which need not be in a workspace).  Each problem
 * is one "FILE:LINE: message" line on stderr, sorted by file and line;
 * any problem gives exit 3.
 */
#include "conform.h"
#include "cmd.h"
#include "docset.h"
#include "workspace.h"

#include <stdlib.h>
#include <string.h>

static int
cmd_doc_check_exec(struct cf_cmd *cmd)
{
	struct cf_docset set = CF_DOCSET_INIT;
	struct cf_diags diags = CF_DIAGS_INIT;
	struct cf_ws *ws = NULL;
	int rc = 0;

	if (cmd->args.argc == 0) {
		if ((rc = cf_ws_find(&ws, cmd->dir)) < 0)
			goto out;
		rc = cf_docset_load_worktree(&set, cf_ws_root(ws), &diags);
	} else {
		for (int i = 0; i < cmd->args.argc; i++) {
			struct cf_doc *doc;
			set.nfiles++;
			if (cf_doc_load_file(&doc, cmd->args.argv[i], NULL,
				&diags) == 0)
				cf_docset_add(&set, doc);
			else if (cf_error_code() == CF_ERROR)
				rc = CF_ERROR;
		}
		if (rc == 0)
			cf_doc_check_set(set.v, set.n, &diags);
	}
	if (rc == CF_ERROR || (rc < 0 && diags.n == 0))
		goto out;
	if (diags.n > 0) {
		size_t bad = 0;
		const char *last = NULL;
		cf_diags_sort(&diags);
		for (size_t i = 0; i < diags.n; i++)
			if (last == NULL || strcmp(last, diags.v[i].file) != 0)
				bad++, last = diags.v[i].file;
		cf_cmd_print_diags(cmd->err, &diags, 1000);
		rc = cf_error_set(CF_EINVALID,
		    "%zu problem%s in %zu of %zu "
		    "file%s",
		    diags.n, diags.n == 1 ? "" : "s", bad, set.nfiles,
		    set.nfiles == 1 ? "" : "s");
		goto out;
	}
	fprintf(cmd->out, "%zu document%s valid\n", set.n,
	    set.n == 1 ? "" : "s");
	rc = 0;
out:
	cf_diags_release(&diags);
	cf_docset_release(&set);
	cf_ws_free(ws);
	return rc;
}

const struct cf_cmd_entry cmd_doc_check_entry = {
	.name = "doc check",
	.usage = "[FILE...]",
	.summary = "validate documents against their schemas and rules",
	.help =
	    "Validates each FILE, or without FILE every document in the\n"
	    "workspace's work tree: the RELAX NG schema of its type, then\n"
	    "the rules a schema cannot say (id equals file name, unique ids,\n"
	    "not-same-actor-as names a step, check attributes, each sql\n"
	    "check's query prepared in the audit's sandbox, one calendar\n"
	    "per year, dates that exist).  One 'FILE:LINE: message' line per\n"
	    "problem on stderr; exit status 3 if there is any.\n",
	.min_args = 0,
	.max_args = -1,
	.exec = cmd_doc_check_exec,
};
