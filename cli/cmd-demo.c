/* SPDX-License-Identifier: MIT */
/*
 * cmd-demo.c - `conform demo [--cases N] [--dir DIR]`: build a
 * demonstration center and run a full audit on it (cli/demo.c does
 * the work, step by step; this file says what each step did).
 */
#include "conform.h"
#include "auditprint.h"
#include "cmd.h"
#include "demo.h"
#include "workspace.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static int
cmd_demo_exec(struct cf_cmd *cmd)
{
	const char *dir_opt = cf_args_get(&cmd->args, "dir");
	const char *cases_opt = cf_args_get(&cmd->args, "cases");
	struct cf_gen_counts counts;
	struct cf_import_result imp;
	struct cf_audit_result audit;
	struct cf_ws *ws = NULL;
	struct cf_store *st;
	uint64_t n = 5000, planted = 0;
	char *root, *end;
	int rc;

	memset(&imp, 0, sizeof imp);
	if (cases_opt) {
		unsigned long long v = strtoull(cases_opt, &end, 10);
		if (*cases_opt < '0' || *cases_opt > '9' || *end || v == 0 ||
		    v > 100000000ULL)
			return cf_error_set(CF_EUSAGE,
			    "--cases takes a number from 1 to 100000000");
		n = v;
	}
	if (dir_opt)
		root = cf_xstrdup(dir_opt);
	else {
		const char *tmp = getenv("TMPDIR");
		root = cf_xasprintf("%s/conform-demo-XXXXXX",
		    tmp && *tmp ? tmp : "/tmp");
		if (mkdtemp(root) == NULL) {
			rc = cf_error_set(CF_ERROR, "cannot make '%s': %s",
			    root, strerror(errno));
			free(root);
			return rc;
		}
	}
	fprintf(cmd->out, "Building a demonstration center in %s\n", root);
	if ((rc = cf_demo_create(root, &ws)) < 0 ||
	    (rc = cf_demo_commit_documents(ws)) < 0)
		goto out;
	fprintf(cmd->out,
	    "  documents  the example center committed and "
	    "approved (%s unapproved)\n",
	    CF_DEMO_DRAFT);

	if ((rc = cf_demo_generate(ws, n, &counts)) < 0)
		goto out;
	for (int k = 0; k < CF_GEN_NKINDS; k++)
		planted += counts.planted[k];
	fprintf(cmd->out,
	    "  cases      %llu generated for 2026-01-01 to "
	    "2026-03-31, %llu deviations planted "
	    "(records/planted.csv)\n",
	    (unsigned long long)counts.cases, (unsigned long long)planted);
	if ((rc = cf_demo_import(ws, &imp)) < 0)
		goto out;
	fprintf(cmd->out,
	    "  imported   %lld cases, %lld events, %lld evaluations\n",
	    (long long)imp.total.cases_new, (long long)imp.total.events_new,
	    (long long)imp.total.evals_new);

	if ((rc = cf_demo_audit(ws, &audit)) < 0)
		goto out;
	fprintf(cmd->out,
	    "  audit      %s stored as audit %lld; %d NCRs "
	    "opened\n\n",
	    CF_DEMO_CHECKLIST, (long long)audit.id, audit.ncr_opened);
	if ((rc = cf_ws_store(ws, &st)) < 0 ||
	    (rc = cf_auditprint_summary(cmd->out, st, audit.id)) < 0)
		goto out;
	fprintf(cmd->out,
	    "\nTry next:\n"
	    "  cd %s\n"
	    "  conform audit show %lld              # the fail and error "
	    "findings\n"
	    "  conform audit show %lld --all --format csv\n"
	    "  conform ncr list\n"
	    "  conform doc log P-BIZ-001\n"
	    "  conform doc show P-BIZ-001 --at 2026-03-01\n"
	    "  conform cases stats\n"
	    "  conform trail verify\n",
	    root, (long long)audit.id, (long long)audit.id);
out:
	cf_import_result_release(&imp);
	cf_ws_free(ws);
	free(root);
	return rc;
}

static const struct cf_option demo_options[] = {
	CF_OPT_STRING_(0, "cases", "N",
	    "how many cases to generate "
	    "(default 5000)"),
	CF_OPT_STRING_(0, "dir", "DIR",
	    "where to build the center (default: a new temporary folder)"),
	CF_OPT_END_,
};

const struct cf_cmd_entry cmd_demo_entry = {
	.name = "demo",
	.usage = "[--cases N] [--dir DIR]",
	.summary = "build a demonstration center and run a full audit on it",
	.help =
	    "Creates a workspace, commits the example county center's\n"
	    "procedures, standards and checklist (approved; one draft\n"
	    "without approval), generates N cases of the first quarter of\n"
	    "2026 with a few percent of planted deviations of every kind\n"
	    "(records/planted.csv lists them), imports them, runs the\n"
	    "checklist IA-2026-Q1 over the quarter and prints the summary.\n",
	.options = demo_options,
	.min_args = 0,
	.max_args = 0,
	.exec = cmd_demo_exec,
};
