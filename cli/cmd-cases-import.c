/* SPDX-License-Identifier: MIT */
/*
 * cmd-cases-import.c - `conform cases import FILE... [--format csv|xes]
 * [--procedure ID] [--profile ID]`: case logs into the store, all or
 * nothing (doc/cases.md).  With --profile every file (CSV or .xlsx) is
 * read through the import profile in force (cases/profile.h), and each
 * batch records it.
 *
 * The procedure ids an import accepts are those of main's history
 * (docindex.h).  On success a short summary goes to stdout: one line
 * per file (its batch, format, rows and SHA-256) and the totals.  On bad
 * input every bad row (the first 100, then a count) goes to stderr as
 * "FILE:LINE: message", nothing is stored, and the exit status is 3.
 */
#include "conform.h"
#include "account.h"
#include "cmd.h"
#include "docindex.h"
#include "import.h"
#include "profile.h"
#include "repo.h"
#include "workspace.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

static const struct cf_option options[] = {
	CF_OPT_STRING_(0, "format", "csv|xes",
	    "read every FILE as this format (default: by its name, .csv, "
	    ".xes or .xes.gz, else by its first bytes)"),
	CF_OPT_STRING_(0, "procedure", "ID",
	    "assign every XES trace to procedure ID"),
	CF_OPT_STRING_(0, "profile", "ID",
	    "read every FILE (CSV or .xlsx) through import profile ID "
	    "(profiles/, committed and approved)"),
	CF_OPT_END_,
};

static void
print_summary(FILE *f, const struct cf_import_result *r,
    const struct cf_profile *prof, const struct cf_docversion *pv)
{
	const struct cf_import_file *t = &r->total;

	if (prof)
		fprintf(f, "profile %s  (%s, commit %.12s)\n", prof->id,
		    cf_profile_kind_name(prof->kind), pv->commit);

	for (size_t i = 0; i < r->nfiles; i++) {
		const struct cf_import_file *x = &r->files[i];
		if (strcmp(x->format, "xes") == 0)
			fprintf(f,
			    "batch %" PRId64 "  xes         %" PRId64
			    " events in %" PRId64
			    " traces  %s  (sha256 %.12s)\n",
			    x->batch, x->rows, x->traces, x->name, x->sha256);
		else
			fprintf(f,
			    "batch %" PRId64 "  %-10s  %" PRId64
			    " rows  %s  (sha256 %.12s)\n",
			    x->batch, x->format, x->rows, x->name, x->sha256);
	}
	fprintf(f,
	    "imported %zu file%s: cases %" PRId64 " new, %" PRId64
	    " updated, %" PRId64 " unchanged; events %" PRId64 " new, %" PRId64
	    " skipped as already stored",
	    r->nfiles, r->nfiles == 1 ? "" : "s", t->cases_new,
	    t->cases_updated, t->cases_unchanged, t->events_new,
	    t->events_skipped);
	if (t->traces)
		fprintf(f, "; %" PRId64 " empty trace%s skipped",
		    t->empty_traces, t->empty_traces == 1 ? "" : "s");
	if (t->evals_new || t->evals_updated || t->evals_unchanged)
		fprintf(f,
		    "; evaluations %" PRId64 " new, %" PRId64
		    " updated, %" PRId64 " unchanged",
		    t->evals_new, t->evals_updated, t->evals_unchanged);
	fputc('\n', f);
}

static int
cmd_cases_import_exec(struct cf_cmd *cmd)
{
	const char *fmt = cf_args_get(&cmd->args, "format");
	struct cf_import_opts o = { .format = CF_IMPORT_AUTO };
	struct cf_import_result res = { 0 };
	struct cf_strv known = CF_STRV_INIT;
	struct cf_store *st;
	struct cf_tz *tz;
	struct cf_repo *repo = NULL;
	struct cf_docindex *idx = NULL;
	const struct cf_profile *prof = NULL;
	const struct cf_docversion *pv = NULL;
	const char *pid = cf_args_get(&cmd->args, "profile");
	char *actor = NULL;
	int rc;

	if (fmt == NULL)
		o.format = CF_IMPORT_AUTO;
	else if (strcmp(fmt, "csv") == 0)
		o.format = CF_IMPORT_CSV;
	else if (strcmp(fmt, "xes") == 0)
		o.format = CF_IMPORT_XES;
	else
		return cf_error_set(CF_EUSAGE,
		    "unknown format '%s', expected csv or xes", fmt);
	o.procedure = cf_args_get(&cmd->args, "procedure");
	if (pid && o.format == CF_IMPORT_XES)
		return cf_error_set(CF_EUSAGE,
		    "--profile reads CSV files, not --format xes");
	if (pid && o.procedure)
		return cf_error_set(CF_EUSAGE,
		    "--procedure is for XES traces; with --profile the "
		    "profile's procedure_id column gives each case's");
	if ((rc = cf_ws_store(cmd->ws, &st)) < 0 ||
	    (rc = cf_ws_tz(cmd->ws, &tz)) < 0)
		return rc;
	if ((rc = cf_repo_open(&repo, cf_ws_root(cmd->ws))) < 0)
		return rc;
	if ((rc = cf_docindex_procedure_ids(repo, &known)) < 0)
		goto out;
	o.known = &known;
	/* The profile in force, from the index of main (cached). */
	if (pid && ((rc = cf_docindex_open(&idx, repo, st, tz)) < 0 ||
		       (rc = cf_profile_in_force(idx, pid, &prof, &pv)) < 0 ||
		       (rc = cf_profile_usable(prof)) < 0))
		goto out;
	o.profile = prof;
	o.profile_commit = pv ? pv->commit : NULL;
	o.repo = repo; /* the final steps of XES logs */
	actor = cf_ws_actor(cmd->ws);
	o.actor = actor;
	rc = cf_import_run(st, tz, &o, cmd->args.argv, (size_t)cmd->args.argc,
	    &res);
	if (rc == CF_EINVALID && res.nbad > 0) {
		cf_cmd_print_diags(cmd->err, &res.bad, CF_IMPORT_SHOWN);
		if (res.nbad > res.bad.n)
			fprintf(cmd->err, "... and %zu more bad rows\n",
			    res.nbad - res.bad.n);
	}
	if (rc == 0) {
		print_summary(cmd->out, &res, prof, pv);
		cf_cli_recorded(cmd, actor);
	}
out:
	cf_import_result_release(&res);
	cf_strv_release(&known);
	free(actor);
	cf_docindex_free(idx);
	cf_repo_free(repo);
	return rc;
}

const struct cf_cmd_entry cmd_cases_import_entry = {
	.name = "cases import",
	.usage = "[--format csv|xes] [--procedure ID] [--profile ID] FILE...",
	.summary = "import case logs (CSV, .xlsx or XES), all files or none",
	.help =
	    "Imports case records from CSV files (a cases file: case_id,\n"
	    "procedure_id, accepted_at, completed_at, fee_charged, materials,\n"
	    "window, channel, received_at, never after accepted_at; an events\n"
	    "file: case_id, activity, timestamp,\n"
	    "actor, role; an evaluations file: case_id, rated_at, rating,\n"
	    "channel, real_name, revisit_at, rectified_at, comment; told\n"
	    "apart by the header (procedure_id, else activity, else rating),\n"
	    "columns in any order,\n"
	    "other columns kept as attributes) and from XES event logs\n"
	    "(.xes or .xes.gz; a trace is a case, concept:name its id).\n"
	    "An .xlsx workbook (told by its zip signature) is read as a CSV\n"
	    "file of its first sheet's rows (or of the sheet a profile names\n"
	    "with sheet=); its bad rows are named FILE:SHEET:ROW.\n"
	    "\n"
	    "All files are one transaction: if any row of any file is bad,\n"
	    "nothing is stored, every bad row is reported as FILE:LINE: what\n"
	    "is wrong (the first 100, then a count) and the exit status is 3.\n"
	    "A file already imported (same SHA-256) is refused.  A stored case\n"
	    "may come again with the same procedure_id and accepted_at; its\n"
	    "empty fields are then filled.  An event equal to a stored one\n"
	    "(case, activity, time, actor) is skipped.  An evaluation\n"
	    "(rating 1 to 5; real_name yes, no or empty; revisit_at and\n"
	    "rectified_at not before rated_at) needs its case in the import\n"
	    "or stored; one stored (same case, rated_at and channel) may come\n"
	    "again to fill its empty revisit_at and rectified_at, and must\n"
	    "agree in everything else.  Procedure ids must\n"
	    "have been committed on main.  Times without an offset are in the\n"
	    "workspace timezone.  An XES trace without completed_at is\n"
	    "completed at its last event; where its procedure marks steps\n"
	    "final=\"yes\", only when that event is a final step (else it is\n"
	    "pending, and a later export of the growing log fills it in).\n"
	    "\n"
	    "--profile ID reads every FILE (CSV, or an .xlsx workbook's sheet)\n"
	    "through the import profile profiles/ID.xml as last committed on\n"
	    "main, which must be approved by someone other than its author:\n"
	    "its kind (cases, events or evaluations) says what the files\n"
	    "are, its\n"
	    "encoding and sheet how to read them, its fields which column is\n"
	    "which (by the header's names), its maps replace values and its\n"
	    "formats read the times strictly; other columns are kept as\n"
	    "attributes, and each batch records the profile and its commit.\n"
	    "A bad row names the column as the file does:\n"
	    "FILE:LINE: 受理时间 (accepted_at): ...\n",
	.options = options,
	.min_args = 1,
	.max_args = -1,
	.flags = CF_CMD_WORKSPACE,
	.exec = cmd_cases_import_exec,
	.as_role = CF_ROLE_MANAGER,
	.as_what = "the records",
};
