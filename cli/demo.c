/* SPDX-License-Identifier: MIT */
/*
 * demo.c - the demonstration center, step by step (see demo.h).
 *
 * The center is the example county center shipped with conform
 * (examples/center): its documents are committed with an approval
 * (one draft procedure is committed later without one, so that the
 * `approved` check has something to find), N synthetic cases of the
 * first quarter of 2026 are generated with a few percent of planted
 * deviations of every kind (planted.csv says which) and their
 * evaluations (好差评, evaluations.csv), imported, and the
 * example checklist is run over the quarter.  Everything goes through
 * the same functions as init, doc commit, cases import and audit run;
 * nothing here prints: `conform demo` (cli/cmd-demo.c) says what each
 * step did.
 */
#include "conform.h"
#include "audit.h"
#include "calendar.h"
#include "demo.h"
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

#define CF_DEMO_AUTHOR "质量负责人 李娜 <li.na@dongfang.gov.cn>"
#define CF_DEMO_APPROVER "中心主任 王强 <wang.qiang@dongfang.gov.cn>"

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
	    (rc = cf_sig_parse(&author, CF_DEMO_AUTHOR)) < 0 ||
	    (rc = cf_sig_parse(&approver, CF_DEMO_APPROVER)) < 0 ||
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

int
cf_demo_generate(struct cf_ws *ws, uint64_t n, struct cf_gen_counts *counts)
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
	o.paused_permille = 300;
	o.rated_permille = 600;
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

int
cf_demo_import(struct cf_ws *ws, struct cf_import_result *res)
{
	struct cf_import_opts o = { .format = CF_IMPORT_CSV };
	struct cf_strv known = CF_STRV_INIT;
	struct cf_repo *repo = NULL;
	struct cf_store *st;
	struct cf_tz *tz;
	char *paths[3];
	int rc;

	paths[0] = cf_path_join(cf_ws_root(ws), "records/cases.csv");
	paths[1] = cf_path_join(cf_ws_root(ws), "records/events.csv");
	paths[2] = cf_path_join(cf_ws_root(ws), "records/evaluations.csv");
	if ((rc = cf_ws_tz(ws, &tz)) == 0 && (rc = cf_ws_store(ws, &st)) == 0 &&
	    (rc = cf_repo_open(&repo, cf_ws_root(ws))) == 0 &&
	    (rc = cf_docindex_procedure_ids(repo, &known)) == 0) {
		o.known = &known;
		o.actor = CF_DEMO_AUTHOR;
		rc = cf_import_run(st, tz, &o, paths, 3, res);
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
	free(paths[2]);
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
				    "author = " CF_DEMO_AUTHOR "\n",
		    old);
		rc = cf_write_file_atomic(path, text, strlen(text));
		free(text);
	}
	free(old);
	free(path);
	return rc;
}

int
cf_demo_create(const char *root, struct cf_ws **out)
{
	struct cf_wsinit_result init;
	int rc;

	*out = NULL;
	if ((rc = cf_wsinit(root, CF_WS_DEFAULT_TZ, &init)) < 0)
		return rc;
	cf_strv_release(&init.calendars);
	if ((rc = configure(root)) < 0)
		return rc;
	return cf_ws_find(out, root);
}

int
cf_demo_commit_documents(struct cf_ws *ws)
{
	const char *root = cf_ws_root(ws);
	char *draft, *src, *buf;
	size_t len;
	int rc;

	if ((rc = copy_folder(root, "procedures", CF_DEMO_DRAFT)) < 0 ||
	    (rc = copy_folder(root, "standards", NULL)) < 0 ||
	    (rc = copy_folder(root, "checklists", NULL)) < 0 ||
	    (rc = commit_docs(ws,
		 "发布东方县政务服务中心办事指南、服务标准和内审检查表",
		 true)) < 0)
		return rc;
	/* The draft goes in later, unapproved: `approved` will fail it. */
	draft = cf_xasprintf("%s/procedures/%s.xml", root, CF_DEMO_DRAFT);
	src = cf_data_path(CF_DATA_EXAMPLES,
	    "center/procedures/" CF_DEMO_DRAFT ".xml");
	if ((rc = cf_read_file(src, 1 << 24, &buf, &len)) == 0) {
		rc = cf_write_file_atomic(draft, buf, len);
		free(buf);
	}
	free(draft);
	free(src);
	if (rc < 0)
		return rc;
	return commit_docs(ws, "增加公共场所卫生许可办事指南（草稿）", false);
}

int
cf_demo_audit(struct cf_ws *ws, struct cf_audit_result *out)
{
	struct cf_audit_request req = { 0 };

	req.checklist_id = CF_DEMO_CHECKLIST;
	req.has_from = req.has_to = true;
	req.from = cf_day_from_ymd(2026, 1, 1);
	req.to = cf_day_from_ymd(2026, 3, 31);
	return cf_audit_run(ws, &req, out);
}
