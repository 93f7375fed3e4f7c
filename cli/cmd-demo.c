/* SPDX-License-Identifier: MIT */
/*
 * cmd-demo.c - `conform demo [--cases N] [--dir DIR]`: build a
 * demonstration center and run a full audit on it.
 *
 * The center is the example county center shipped with conform
 * (examples/center): its documents are committed with an approval
 * (one draft procedure is committed later without one, so that the
 * `approved` check has something to find), N synthetic cases of the
 * first quarter of 2026 are generated with a few percent of planted
 * deviations of every kind (planted.csv says which), imported, and the
 * example checklist is run over the quarter.  Everything goes through
 * the same functions as init, doc commit, cases import and audit run.
 */
#include "conform.h"
#include "audit.h"
#include "auditprint.h"
#include "calendar.h"
#include "cmd.h"
#include "docindex.h"
#include "docset.h"
#include "gate.h"
#include "generate.h"
#include "import.h"
#include "paths.h"
#include "repo.h"
#include "workspace.h"
#include "wsinit.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define DEMO_CHECKLIST "IA-2026-Q1"
#define DEMO_AUTHOR "质量负责人 李娜 <li.na@dongfang.gov.cn>"
#define DEMO_APPROVER "中心主任 王强 <wang.qiang@dongfang.gov.cn>"
#define DEMO_DRAFT "P-HEA-001"

/* Copies the example's folder `dir` into the workspace, but `skip`. */
static int
copy_folder(const char *root, const char *dir, const char *skip)
{
	char *src = cf_data_path(CF_DATA_EXAMPLES, "center");
	char *from = cf_path_join(src, dir);
	DIR *d = opendir(from);
	struct dirent *de;
	int rc = 0;

	if (d == NULL) {
		rc = cf_error_set(CF_ERROR,
		    "cannot read the example center in "
		    "'%s': %s",
		    from, strerror(errno));
		goto out;
	}
	while ((de = readdir(d)) != NULL && rc == 0) {
		size_t n = strlen(de->d_name);
		char *in, *to, *buf;
		size_t len;
		if (n < 5 || strcmp(de->d_name + n - 4, ".xml") != 0)
			continue;
		if (skip && strncmp(de->d_name, skip, strlen(skip)) == 0)
			continue;
		in = cf_path_join(from, de->d_name);
		to = cf_xasprintf("%s/%s/%s", root, dir, de->d_name);
		if ((rc = cf_read_file(in, 1 << 24, &buf, &len)) == 0) {
			rc = cf_write_file_atomic(to, buf, len);
			free(buf);
		}
		free(in);
		free(to);
	}
	closedir(d);
out:
	free(from);
	free(src);
	return rc;
}

static int
commit_docs(struct cf_ws *ws, const char *msg, bool approve)
{
	struct cf_sig author = { 0 }, approver = { 0 }, committer = { 0 };
	struct cf_gate_request req = { 0 };
	struct cf_gate_result res;
	struct cf_diags diags = CF_DIAGS_INIT;
	struct cf_repo *repo = NULL;
	struct cf_store *st;
	struct cf_tz *tz;
	int rc;

	if ((rc = cf_ws_tz(ws, &tz)) < 0 || (rc = cf_ws_store(ws, &st)) < 0 ||
	    (rc = cf_repo_open(&repo, cf_ws_root(ws))) < 0 ||
	    (rc = cf_sig_parse(&author, DEMO_AUTHOR)) < 0 ||
	    (rc = cf_sig_parse(&approver, DEMO_APPROVER)) < 0 ||
	    (rc = cf_sig_parse(&committer, "conform <conform@localhost>")) < 0)
		goto out;
	req.root = cf_ws_root(ws);
	req.message = msg;
	req.author = &author;
	req.approver = approve ? &approver : NULL;
	req.committer = &committer;
	req.when = cf_now();
	req.tz_minutes = cf_tz_offset(tz, req.when) / 60;
	if ((rc = cf_gate_commit(repo, &req, &diags, &res)) == 0)
		rc = cf_gate_record(st, &res, &author, req.approver, msg,
		    req.when);
	else if (diags.n)
		cf_error_prefix("the example center does not validate (%s)",
		    diags.v[0].msg);
out:
	cf_diags_release(&diags);
	cf_sig_release(&author);
	cf_sig_release(&approver);
	cf_sig_release(&committer);
	cf_repo_free(repo);
	return rc;
}

/* Generates the quarter's cases into DIR/cases.csv and events.csv. */
static int
generate(struct cf_ws *ws, uint64_t n, struct cf_gen_counts *counts)
{
	struct cf_docset set = CF_DOCSET_INIT;
	struct cf_diags diags = CF_DIAGS_INIT;
	struct cf_repo *repo = NULL;
	struct cf_cal *cal = NULL;
	struct cf_tz *tz;
	const struct cf_procedure **procs = NULL;
	struct cf_gen_opts o = { 0 };
	size_t np = 0;
	char *dir = cf_path_join(cf_ws_root(ws), "records");
	int rc;

	if ((rc = cf_ws_tz(ws, &tz)) < 0 ||
	    (rc = cf_repo_open(&repo, cf_ws_root(ws))) < 0 ||
	    (rc = cf_docset_load_commit(&set, repo, NULL,
		 1u << CF_DOC_PROCEDURE, &diags)) < 0 ||
	    (rc = cf_docset_calendar(ws, &cal)) < 0)
		goto out;
	procs = cf_xcalloc(set.n + 1, sizeof *procs);
	for (size_t i = 0; i < set.n; i++)
		procs[np++] = &set.v[i]->u.proc;
	o.ncases = n;
	o.seed = "2026";
	o.deviation_permille = 40;
	o.from = cf_day_from_ymd(2026, 1, 1);
	o.to = cf_day_from_ymd(2026, 3, 31);
	o.dir = dir;
	rc = cf_gen_run(&o, procs, np, cal, tz, counts);
out:
	free(procs);
	free(dir);
	cf_cal_free(cal);
	cf_docset_release(&set);
	cf_diags_release(&diags);
	cf_repo_free(repo);
	return rc;
}

static int
import(struct cf_ws *ws, struct cf_import_result *res)
{
	struct cf_import_opts o = { CF_IMPORT_CSV, NULL, NULL, NULL };
	struct cf_strv known = CF_STRV_INIT;
	struct cf_repo *repo = NULL;
	struct cf_store *st;
	struct cf_tz *tz;
	char *paths[2];
	int rc;

	paths[0] = cf_path_join(cf_ws_root(ws), "records/cases.csv");
	paths[1] = cf_path_join(cf_ws_root(ws), "records/events.csv");
	if ((rc = cf_ws_tz(ws, &tz)) == 0 && (rc = cf_ws_store(ws, &st)) == 0 &&
	    (rc = cf_repo_open(&repo, cf_ws_root(ws))) == 0 &&
	    (rc = cf_docindex_procedure_ids(repo, &known)) == 0) {
		o.known = &known;
		o.actor = DEMO_AUTHOR;
		rc = cf_import_run(st, tz, &o, paths, 2, res);
		if (rc == CF_EINVALID && res->bad.n) {
			char *first = cf_diag_format(&res->bad.v[0]);
			rc = cf_error_set(CF_ERROR,
			    "the generated records did not import: %s", first);
			free(first);
		}
	}
	cf_strv_release(&known);
	cf_repo_free(repo);
	free(paths[0]);
	free(paths[1]);
	return rc;
}

/* The center's name and who acts (for the trail and the reports). */
static int
configure(const char *root)
{
	char *path = cf_xasprintf("%s/%s/%s", root, CF_WS_CONFDIR,
	    CF_WS_CONFIG);
	char *old = NULL, *text;
	size_t len;
	int rc;

	if ((rc = cf_read_file(path, 1 << 20, &old, &len)) == 0) {
		text = cf_xasprintf("%s"
				    "# the demonstration center\n"
				    "center = 东方县政务服务中心\n"
				    "author = " DEMO_AUTHOR "\n",
		    old);
		rc = cf_write_file_atomic(path, text, strlen(text));
		free(text);
	}
	free(old);
	free(path);
	return rc;
}

static int
cmd_demo_exec(struct cf_cmd *cmd)
{
	const char *dir_opt = cf_args_get(&cmd->args, "dir");
	const char *cases_opt = cf_args_get(&cmd->args, "cases");
	struct cf_wsinit_result init;
	struct cf_gen_counts counts;
	struct cf_import_result imp;
	struct cf_audit_request req = { 0 };
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
	if ((rc = cf_wsinit(root, CF_WS_DEFAULT_TZ, &init)) < 0)
		goto out;
	cf_strv_release(&init.calendars);
	if ((rc = configure(root)) < 0)
		goto out;
	if ((rc = cf_ws_find(&ws, root)) < 0)
		goto out;
	if ((rc = copy_folder(root, "procedures", DEMO_DRAFT)) < 0 ||
	    (rc = copy_folder(root, "standards", NULL)) < 0 ||
	    (rc = copy_folder(root, "checklists", NULL)) < 0 ||
	    (rc = commit_docs(ws,
		 "发布东方县政务服务中心办事指南、服务标准和内审检查表",
		 true)) < 0)
		goto out;
	/* The draft goes in later, unapproved: `approved` will fail it. */
	char *draft = cf_xasprintf("%s/procedures/%s.xml", root, DEMO_DRAFT);
	char *src = cf_data_path(CF_DATA_EXAMPLES,
	    "center/procedures/" DEMO_DRAFT ".xml");
	char *buf;
	size_t len;
	if ((rc = cf_read_file(src, 1 << 24, &buf, &len)) == 0) {
		rc = cf_write_file_atomic(draft, buf, len);
		free(buf);
	}
	free(draft);
	free(src);
	if (rc < 0 ||
	    (rc = commit_docs(ws, "增加公共场所卫生许可办事指南（草稿）",
		 false)) < 0)
		goto out;
	fprintf(cmd->out,
	    "  documents  the example center committed and "
	    "approved (%s unapproved)\n",
	    DEMO_DRAFT);

	if ((rc = generate(ws, n, &counts)) < 0)
		goto out;
	for (int k = 0; k < CF_GEN_NKINDS; k++)
		planted += counts.planted[k];
	fprintf(cmd->out,
	    "  cases      %llu generated for 2026-01-01 to "
	    "2026-03-31, %llu deviations planted "
	    "(records/planted.csv)\n",
	    (unsigned long long)counts.cases, (unsigned long long)planted);
	if ((rc = import(ws, &imp)) < 0)
		goto out;
	fprintf(cmd->out, "  imported   %lld cases, %lld events\n",
	    (long long)imp.total.cases_new, (long long)imp.total.events_new);

	req.checklist_id = DEMO_CHECKLIST;
	req.has_from = req.has_to = true;
	req.from = cf_day_from_ymd(2026, 1, 1);
	req.to = cf_day_from_ymd(2026, 3, 31);
	if ((rc = cf_audit_run(ws, &req, &audit)) < 0)
		goto out;
	fprintf(cmd->out,
	    "  audit      %s stored as audit %lld; %d NCRs "
	    "opened\n\n",
	    DEMO_CHECKLIST, (long long)audit.id, audit.ncr_opened);
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
