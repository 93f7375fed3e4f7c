/* SPDX-License-Identifier: MIT */
/*
 * cmd-audit-run.c - `conform audit run CHECKLIST-ID [--from DATE] [--to
 * DATE] [--sample] [--fail-on minor|major] [--all] [--format FORMAT]`:
 * evaluate a checklist, store the audit, print its findings (doc/audits.md).
 * The stored audit is printed back, so `audit show` prints the same; the
 * audit's number goes to stderr, so a re-run prints the same bytes.
 * --fail-on asks the stored audit's conclusion (audits/conclusion.h)
 * whether it found a nonconformity of that grade or above.
 *
 * --dry-run runs it the same way, prints it from inside its transaction
 * and rolls it back: nothing is stored, no checkpoint written.
 *
 * `audit run --as-of AUDIT-ID` re-runs a stored audit over the records
 * it saw and prints what it printed; it stores nothing (the run is
 * printed from inside its transaction, then rolled back), so --fail-on
 * asks the printed audit.
 */
#include "conform.h"
#include "anchor.h"
#include "audit.h"
#include "auditprint.h"
#include "account.h"
#include "cmd.h"
#include "conclusion.h"
#include "listout.h"
#include "repo.h"
#include "text.h"
#include "workspace.h"

#include <stdlib.h>
#include <string.h>

static int
day_option(struct cf_cmd *cmd, const char *name, bool *has, cf_day *out)
{
	const char *s = cf_args_get(&cmd->args, name);

	*has = s != NULL;
	if (s && cf_day_parse(out, s, strlen(s)) < 0)
		return cf_error_set(CF_EUSAGE, "--%s: %s", name,
		    cf_error_message());
	return 0;
}

struct print_arg {
	struct cf_cmd *cmd;
	FILE *out;
	enum cf_format fmt;
	int threshold, found;
};

/* Prints the audit the --as-of run holds, before it is rolled back. */
static int
print_as_of(struct cf_store *st, int64_t id, void *arg)
{
	struct print_arg *p = arg;
	struct cf_audit_conclusion concl;
	int rc;

	if ((rc = cf_auditprint(p->out, p->cmd->err, st, id,
		 cf_args_has(&p->cmd->args, "all"), p->fmt)) < 0)
		return rc;
	if (p->threshold < 0)
		return 0;
	if ((rc = cf_audit_conclusion_load(st, id, &concl)) < 0)
		return rc;
	p->found = p->threshold == 0 ? concl.major : concl.major + concl.minor;
	return 0;
}

static int
as_of_run(struct cf_cmd *cmd, const char *as_of, struct cf_listout *lo,
    int threshold)
{
	struct cf_audit_request req = { 0 };
	struct cf_audit_result res;
	struct print_arg p = { cmd, NULL, lo->fmt, threshold, 0 };
	char *end;
	long long id = strtoll(as_of, &end, 10);
	int rc;

	if (*as_of == '\0' || *end != '\0' || id <= 0)
		return cf_error_set(CF_EUSAGE, "--as-of: invalid audit id '%s'",
		    as_of);
	if (cmd->args.argc > 0 || cf_args_get(&cmd->args, "from") ||
	    cf_args_get(&cmd->args, "to") || cf_args_has(&cmd->args, "sample"))
		return cf_error_set(CF_EUSAGE,
		    "--as-of takes the checklist, the period and the sampling "
		    "of the audit it re-runs; give no CHECKLIST-ID, --from, "
		    "--to or --sample with it");
	req.as_of = id;
	req.print = print_as_of;
	req.print_arg = &p;
	if ((rc = cf_listout_open(cmd, lo)) < 0)
		return rc;
	p.out = lo->f;
	rc = cf_audit_run(cmd->ws, &req, &res);
	if ((rc = cf_listout_close(cmd, lo, rc, "the re-run's findings")) < 0)
		return rc;
	fprintf(cmd->err,
	    "conform: audit %lld re-run over the records it saw; nothing "
	    "stored\n",
	    id);
	return threshold >= 0 && p.found > 0 ? CF_EXIT_FINDINGS : 0;
}

/*
 * Names on stderr the document files whose work-tree content is not
 * what main holds: the audit reads what is committed (doc/audits.md),
 * and an auditor who just edited a procedure should know it is not
 * the one judged.  The audit goes on.
 */
static int
warn_uncommitted(struct cf_cmd *cmd)
{
	struct cf_strv paths = CF_STRV_INIT;
	struct cf_repo *r = NULL;
	struct cf_buf b = CF_BUF_INIT;
	int rc;

	if ((rc = cf_repo_open(&r, cf_ws_root(cmd->ws))) < 0)
		return rc;
	rc = cf_repo_uncommitted(r, cf_ws_doc_dirs,
	    CF_ARRAY_LEN(cf_ws_doc_dirs), &paths);
	cf_repo_free(r);
	if (rc < 0)
		return rc;
	for (size_t i = 0; i < paths.n; i++) {
		cf_buf_addf(&b, "%s", i ? ", " : "");
		cf_text_add_printable(&b, paths.v[i], strlen(paths.v[i]));
	}
	if (paths.n)
		fprintf(cmd->err,
		    "conform: warning: uncommitted edits to %zu document "
		    "file%s, which the audit does not see (it uses what is "
		    "committed on main): %s\n",
		    paths.n, paths.n == 1 ? "" : "s", b.s);
	cf_buf_release(&b);
	cf_strv_release(&paths);
	return 0;
}

static int
cmd_audit_run_exec(struct cf_cmd *cmd)
{
	struct cf_audit_request req = { 0 };
	struct cf_audit_result res;
	struct cf_audit_conclusion concl;
	const char *fail_on = cf_args_get(&cmd->args, "fail-on");
	struct cf_store *st;
	struct cf_listout lo;
	enum cf_format fmt;
	const char *as_of = cf_args_get(&cmd->args, "as-of");
	char what[64];
	int threshold = -1, found, rc;

	if ((rc = cf_listout_parse(cmd, &lo)) < 0)
		return rc;
	fmt = lo.fmt;
	if (fail_on) {
		if (strcmp(fail_on, "major") == 0)
			threshold = 0;
		else if (strcmp(fail_on, "minor") == 0)
			threshold = 1;
		else
			return cf_error_set(CF_EUSAGE,
			    "--fail-on takes minor or major, not '%s'",
			    fail_on);
	}
	if (as_of)
		return as_of_run(cmd, as_of, &lo, threshold);
	if (cmd->args.argc < 1)
		return cf_error_set(CF_EUSAGE,
		    "which checklist? CHECKLIST-ID (or --as-of AUDIT-ID)");
	req.checklist_id = cmd->args.argv[0];
	req.sample = cf_args_has(&cmd->args, "sample");
	if ((rc = day_option(cmd, "from", &req.has_from, &req.from)) < 0 ||
	    (rc = day_option(cmd, "to", &req.has_to, &req.to)) < 0)
		return rc;
	/* not while a commit the records cite is off main (anchor.h) */
	if ((rc = cf_ws_store(cmd->ws, &st)) < 0 ||
	    (rc = cf_cli_history_gate(cmd, st)) < 0)
		return rc;
	if (cf_args_has(&cmd->args, "dry-run")) {
		struct print_arg p = { cmd, NULL, fmt, threshold, 0 };
		req.dry_run = true;
		req.print = print_as_of;
		req.print_arg = &p;
		if ((rc = cf_listout_open(cmd, &lo)) < 0)
			return rc;
		p.out = lo.f;
		rc = cf_audit_run(cmd->ws, &req, &res);
		if ((rc = cf_listout_close(cmd, &lo, rc,
			 "the dry run's findings")) < 0 ||
		    (rc = warn_uncommitted(cmd)) < 0)
			return rc;
		fprintf(cmd->err,
		    "conform: dry run: nothing stored (no audit, NCR, trail "
		    "entry or checkpoint); stored, it would open %d and join "
		    "%d NCRs\n",
		    res.ncr_opened, res.ncr_joined);
		return threshold >= 0 && p.found > 0 ? CF_EXIT_FINDINGS : 0;
	}
	/* the file first, so that one that cannot be made stops the run */
	if ((rc = cf_listout_open(cmd, &lo)) < 0)
		return rc;
	if ((rc = cf_audit_run(cmd->ws, &req, &res)) < 0)
		return cf_listout_close(cmd, &lo, rc, NULL);
	rc = cf_auditprint(lo.f, cmd->err, st, res.id,
	    cf_args_has(&cmd->args, "all"), fmt);
	snprintf(what, sizeof what, "the findings of audit %lld",
	    (long long)res.id);
	if ((rc = cf_listout_close(cmd, &lo, rc, what)) < 0)
		return rc;
	fprintf(cmd->err, "conform: stored as audit %lld", (long long)res.id);
	if (res.ncr_opened || res.ncr_joined)
		fprintf(cmd->err, "; NCRs: %d opened, %d joined",
		    res.ncr_opened, res.ncr_joined);
	/* doc/ncr.md: a failing subject an NCR lists already is not
	 * raised again; say so, or the silence reads as "no NCR". */
	if (res.ncr_listed)
		fprintf(cmd->err,
		    "; %lld failing subject%s already on an NCR of %s check, "
		    "not raised again",
		    (long long)res.ncr_listed, res.ncr_listed == 1 ? "" : "s",
		    res.ncr_listed == 1 ? "its" : "their");
	fputc('\n', cmd->err);
	{
		char *actor = cf_ws_actor(cmd->ws);
		cf_cli_recorded_as(cmd, "the audit team (the trail's actor)",
		    actor, cf_cli_actor_from(cmd, actor));
		free(actor);
		cf_cli_auditee(cmd);
	}
	char done[64];
	snprintf(done, sizeof done, "audit %lld is stored", (long long)res.id);
	if ((rc = cf_cli_checkpoint_after(cmd, done)) < 0)
		return rc;
	/* Last, so that a failure stays one line. */
	if ((rc = warn_uncommitted(cmd)) < 0)
		return rc;
	if (threshold < 0)
		return 0;
	if ((rc = cf_audit_conclusion_load(st, res.id, &concl)) < 0)
		return rc;
	found = threshold == 0 ? concl.major : concl.major + concl.minor;
	return found > 0 ? CF_EXIT_FINDINGS : 0;
}

static const struct cf_option audit_run_options[] = {
	CF_OPT_STRING_(0, "from", "DATE",
	    "the first acceptance date (default: the earliest stored)"),
	CF_OPT_STRING_(0, "to", "DATE",
	    "the last acceptance date; the records as they stood at its end "
	    "(default: today)"),
	CF_OPT_FLAG_(0, "sample", "judge a statistical sample of the cases"),
	CF_OPT_STRING_(0, "fail-on", "minor|major",
	    "exit 1 when a fail of this severity or higher was found"),
	CF_OPT_FLAG_(0, "all", "print every finding, passes included"),
	CF_OPT_STRING_(0, "as-of", "AUDIT-ID",
	    "re-run that stored audit over exactly the records it saw; "
	    "store nothing"),
	CF_OPT_FLAG_(0, "dry-run",
	    "print what the audit would find and store nothing"),
	CF_LISTOUT_OPTIONS_,
	CF_OPT_END_,
};

const struct cf_cmd_entry cmd_audit_run_entry = {
	.name = "audit run",
	.usage = "[--from DATE] [--to DATE] [--sample] [--fail-on minor|major] "
		 "[--all] [--dry-run] [--format FORMAT] [--excel] [-o FILE] "
		 "CHECKLIST-ID | --as-of AUDIT-ID",
	.summary = "evaluate a checklist against documents and cases; store it",
	.help =
	    "Judges every case of the period (by acceptance date) and scope,\n"
	    "each by the procedure version in force on its acceptance day,\n"
	    "and the documents in force at the end of the period; stores the\n"
	    "audit with its findings and opens or joins NCRs for failing\n"
	    "major and minor checks.  Prints the fail and error findings\n"
	    "(every one with --all), then a summary per check.  Exit status 1\n"
	    "with --fail-on when a fail at or above that severity was found.\n"
	    "\n"
	    "--dry-run prints what the audit would find and the NCRs it\n"
	    "would open or join, and stores nothing: no audit, NCR, trail\n"
	    "entry or checkpoint.\n"
	    "\n"
	    "--as-of AUDIT-ID re-runs a stored audit - its checklist,\n"
	    "period, sampling, documents and calendar as committed then - over\n"
	    "the records it saw (the import batches up to its last, each case\n"
	    "as those batches left it) and prints the bytes it printed; it\n"
	    "stores nothing.\n",
	.options = audit_run_options,
	.min_args = 0,
	.max_args = 1,
	.flags = CF_CMD_WORKSPACE,
	.exec = cmd_audit_run_exec,
	.as_role = CF_ROLE_MANAGER,
	.as_what = "the records",
};
