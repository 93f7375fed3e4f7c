/* SPDX-License-Identifier: MIT */
/*
 * cmd-cases-generate.c - `conform cases generate --out DIR [--cases N]
 * [--seed S] [--deviations RATE] [--paused RATE] [--rated RATE] [--from
 * DATE] [--to DATE]`: synthetic
 * case logs for the procedures committed on main (generate.h), for
 * demonstrations (`conform demo`) and benchmarks.
 */
#include "conform.h"
#include "calendar.h"
#include "cmd.h"
#include "docset.h"
#include "generate.h"
#include "repo.h"
#include "amount.h"
#include "workspace.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

static const struct cf_option options[] = {
	CF_OPT_STRING_(0, "out", "DIR",
	    "write cases.csv, events.csv, evaluations.csv and planted.csv "
	    "in DIR"),
	CF_OPT_STRING_(0, "cases", "N", "how many cases (default 1000)"),
	CF_OPT_STRING_(0, "seed", "S",
	    "any text; the same seed gives the same files (default conform)"),
	CF_OPT_STRING_(0, "deviations", "RATE",
	    "share of cases with one planted deviation (default 0.03)"),
	CF_OPT_STRING_(0, "paused", "RATE",
	    "share of the other cases of procedures with pauses, an "
	    "extension or a supplement notice that lawfully go through "
	    "them (default 0.3)"),
	CF_OPT_STRING_(0, "rated", "RATE",
	    "share of the completed cases rated in evaluations.csv "
	    "(default 0.6)"),
	CF_OPT_STRING_(0, "from", "DATE",
	    "first acceptance day (default 2026-01-01)"),
	CF_OPT_STRING_(0, "to", "DATE",
	    "last acceptance day, the end of the export (default 2026-12-31)"),
	CF_OPT_END_,
};

static int
parse_day(struct cf_args *a, const char *name, const char *def, cf_day *out)
{
	const char *s = cf_args_get(a, name);

	if (s == NULL)
		s = def;
	if (cf_day_parse(out, s, strlen(s)) < 0) {
		cf_error_prefix("--%s", name);
		return cf_error_set(CF_EUSAGE, "%s", cf_error_message());
	}
	return 0;
}

/* A share between 0 and 1 with at most three decimals, in per mille. */
static int
parse_share(const char *name, const char *s, int *permille)
{
	struct cf_ratio r;

	if (cf_ratio_parse(&r, s) < 0 || r.num > r.den ||
	    (r.num * 1000) % r.den != 0)
		return cf_error_set(CF_EUSAGE,
		    "invalid --%s '%s', expected a share between 0 and 1 "
		    "with at most three decimals",
		    name, s);
	*permille = (int)(r.num * 1000 / r.den);
	return 0;
}

static int
cmd_cases_generate_exec(struct cf_cmd *cmd)
{
	struct cf_args *a = &cmd->args;
	const char *ncases = cf_args_get(a, "cases");
	const char *rate = cf_args_get(a, "deviations");
	const char *paused = cf_args_get(a, "paused");
	const char *rated = cf_args_get(a, "rated");
	struct cf_gen_opts o = { .ncases = 1000, .seed = "conform",
		.deviation_permille = 30, .paused_permille = 300,
		.rated_permille = 600 };
	struct cf_docset set = CF_DOCSET_INIT;
	struct cf_diags diags = CF_DIAGS_INIT;
	const struct cf_procedure **procs = NULL;
	struct cf_gen_counts counts;
	struct cf_repo *repo = NULL;
	struct cf_cal *cal = NULL;
	struct cf_tz *tz;
	size_t nprocs = 0;
	int rc;

	o.dir = cf_args_get(a, "out");
	if (o.dir == NULL)
		return cf_error_set(CF_EUSAGE,
		    "'conform cases generate' needs --out DIR");
	if (ncases) {
		char *end;
		unsigned long long n = strtoull(ncases, &end, 10);
		if (*ncases < '0' || *ncases > '9' || *end || n > 100000000ULL)
			return cf_error_set(CF_EUSAGE,
			    "invalid --cases '%s', expected a number up to "
			    "100000000",
			    ncases);
		o.ncases = n;
	}
	if ((rate && (rc = parse_share("deviations", rate,
			  &o.deviation_permille)) < 0) ||
	    (paused &&
		(rc = parse_share("paused", paused, &o.paused_permille)) < 0) ||
	    (rated &&
		(rc = parse_share("rated", rated, &o.rated_permille)) < 0))
		return rc;
	if (cf_args_get(a, "seed"))
		o.seed = cf_args_get(a, "seed");
	if ((rc = parse_day(a, "from", "2026-01-01", &o.from)) < 0 ||
	    (rc = parse_day(a, "to", "2026-12-31", &o.to)) < 0)
		return rc;
	if ((rc = cf_ws_tz(cmd->ws, &tz)) < 0)
		return rc;
	if ((rc = cf_repo_open(&repo, cf_ws_root(cmd->ws))) < 0)
		goto out;
	/* Invalid committed documents are left out; the valid ones do. */
	rc = cf_docset_load_commit(&set, repo, NULL, 1u << CF_DOC_PROCEDURE,
	    &diags);
	if (rc < 0 && rc != CF_EINVALID)
		goto out;
	procs = cf_xcalloc(set.n ? set.n : 1, sizeof *procs);
	for (size_t i = 0; i < set.n; i++)
		if (set.v[i]->type == CF_DOC_PROCEDURE)
			procs[nprocs++] = &set.v[i]->u.proc;
	if ((rc = cf_docset_calendar(cmd->ws, &cal)) < 0)
		goto out;
	if ((rc = cf_gen_run(&o, procs, nprocs, cal, tz, &counts)) < 0)
		goto out;
	uint64_t planted = 0;
	for (int k = 0; k < CF_GEN_NKINDS; k++)
		planted += counts.planted[k];
	fprintf(cmd->out,
	    "wrote %" PRIu64 " cases (%" PRIu64 " pending) and %" PRIu64
	    " events to %s/cases.csv and %s/events.csv\n",
	    counts.cases, counts.pending, counts.events, o.dir, o.dir);
	fprintf(cmd->out,
	    "wrote %" PRIu64 " evaluations of %" PRIu64
	    " cases to %s/evaluations.csv\n",
	    counts.evaluations, counts.rated, o.dir);
	fprintf(cmd->out,
	    "planted %" PRIu64 " deviations, listed in "
	    "%s/planted.csv:",
	    planted, o.dir);
	for (int k = 0; k < CF_GEN_NKINDS; k++)
		fprintf(cmd->out, "%s %s %" PRIu64, k ? "," : "",
		    cf_gen_kind_name((enum cf_gen_kind)k), counts.planted[k]);
	fputc('\n', cmd->out);
out:
	free(procs);
	cf_cal_free(cal);
	cf_docset_release(&set);
	cf_diags_release(&diags);
	cf_repo_free(repo);
	return rc;
}

const struct cf_cmd_entry cmd_cases_generate_entry = {
	.name = "cases generate",
	.usage = "--out DIR [--cases N] [--seed S] [--deviations RATE] "
		 "[--paused RATE] [--rated RATE] [--from DATE] [--to DATE]",
	.summary = "write synthetic case logs for the committed procedures",
	.help =
	    "Writes DIR/cases.csv and DIR/events.csv (the CSV formats that\n"
	    "'conform cases import' reads) with N synthetic cases of the\n"
	    "procedures committed on main: accepted in working hours on the\n"
	    "working days of the period, ids in acceptance order, the\n"
	    "procedure's window, fee, materials and steps with staff ids and\n"
	    "roles, completed within the committed limit; cases still open\n"
	    "at the end of the period are pending.  A share RATE of the cases\n"
	    "carries one planted deviation each, of every kind the audit\n"
	    "checks (late, fee, material, order, repeat, missing,\n"
	    "unknown-activity, role, four-eyes, before-effective,\n"
	    "pending-late, and the time-limit law's); DIR/planted.csv lists\n"
	    "them.  DIR/evaluations.csv rates a share RATE (--rated) of the\n"
	    "completed cases (好差评), mostly 4 or 5, bad ones rectified and\n"
	    "revisited within 15 working days; of the rated cases without a\n"
	    "deviation, a share --deviations carries one in its evaluation\n"
	    "(review-late, review-no-revisit, review-anonymous, review-not-due,\n"
	    "review-revisit-after-to, review-rated-after-to,\n"
	    "review-deadline-day).  The same seed gives the same bytes.  Files\n"
	    "are written as a stream: a million cases need little memory.\n",
	.options = options,
	.min_args = 0,
	.max_args = 0,
	.flags = CF_CMD_WORKSPACE,
	.exec = cmd_cases_generate_exec,
};
