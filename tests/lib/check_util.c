/* SPDX-License-Identifier: MIT */
/*
 * check_util.c - shared test helpers (see check_util.h).
 */
#include "conform.h"
#include "check_util.h"
#include "docindex.h"
#include "document.h"
#include "gate.h"
#include "import.h"
#include "paths.h"
#include "repo.h"
#include "workspace.h"
#include "wsinit.h"

#include <check.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

char *test_tmp;

void
tmp_setup(void)
{
	const char *base = getenv("TMPDIR");
	char *tmpl = cf_xasprintf("%s/conform-check-XXXXXX",
	    base && *base ? base : "/tmp");

	test_tmp = mkdtemp(tmpl);
	ck_assert_ptr_nonnull(test_tmp);
}

static int
rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)ftw;
	return flag == FTW_DP ? rmdir(path) : unlink(path);
}

void
tmp_teardown(void)
{
	if (test_tmp && getenv("CONFORM_KEEP_TMP") == NULL)
		nftw(test_tmp, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(test_tmp);
	test_tmp = NULL;
}

const char *
tmp_path(const char *name)
{
	static char bufs[4][4096];
	static int k;
	char *b = bufs[k++ % 4];

	snprintf(b, sizeof bufs[0], "%s/%s", test_tmp, name);
	return b;
}

const char *
testdata(const char *name)
{
	static char bufs[4][4096];
	static int k;
	const char *env = getenv("CONFORM_TESTDATA");
	char *b = bufs[k++ % 4];

	snprintf(b, sizeof bufs[0], "%s/%s",
	    env && *env ? env : CF_ABS_SRCDIR "/tests/data", name);
	return b;
}

const char *
example_path(const char *rel)
{
	static char bufs[4][4096];
	static int k;
	char *b = bufs[k++ % 4];

	snprintf(b, sizeof bufs[0], "%s/examples/center/%s", CF_ABS_SRCDIR,
	    rel);
	return b;
}

struct cf_cal *
official_calendar(void)
{
	const char *files[] = { CF_ABS_SRCDIR
		"/procedures/calendars/CN-2025.xml",
		CF_ABS_SRCDIR "/procedures/calendars/CN-2026.xml" };
	const char *rel[] = { "calendars/CN-2025.xml",
		"calendars/CN-2026.xml" };
	struct cf_doc *docs[2];
	struct cf_diags d = CF_DIAGS_INIT;
	struct cf_cal *cal;

	for (int i = 0; i < 2; i++)
		ck_assert_int_eq(cf_doc_load_file(&docs[i], files[i], rel[i],
				     &d),
		    0);
	ck_assert_int_eq(cf_doc_build_calendar(&cal, docs, 2), 0);
	for (int i = 0; i < 2; i++)
		cf_doc_free(docs[i]);
	cf_doc_schemas_release();
	return cal;
}

void
write_file(const char *path, const char *s)
{
	char *dir = cf_xstrdup(path);
	char *slash = strrchr(dir, '/');
	FILE *f;

	if (slash) {
		*slash = '\0';
		ck_assert_int_eq(cf_mkdirs(dir, 0755), 0);
	}
	free(dir);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_ge(fputs(s, f), 0);
	ck_assert_int_eq(fclose(f), 0);
}

int
run(const char *fmt, ...)
{
	va_list ap;
	char *cmd;
	int st;

	va_start(ap, fmt);
	cmd = cf_xvasprintf(fmt, ap);
	va_end(ap);
	st = system(cmd);
	free(cmd);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

int
tmp_fd(const char *name, const char *text)
{
	int fd;

	write_file(tmp_path(name), text);
	fd = open(tmp_path(name), O_RDONLY);
	ck_assert_int_ge(fd, 0);
	return fd;
}

void
copy_file(const char *from, const char *to)
{
	char *s;
	size_t n;

	ck_assert_msg(cf_read_file(from, 1 << 26, &s, &n) == 0, "%s",
	    cf_error_message());
	write_file(to, s);
	free(s);
}

void
ws_init(const char *root)
{
	struct cf_wsinit_result res = { 0 };

	ck_assert_msg(cf_wsinit(root, "Asia/Shanghai", &res) == 0, "%s",
	    cf_error_message());
	cf_strv_release(&res.calendars);
}

void
ws_commit(const char *root, const char *msg, int64_t when,
    const char *approver, char *commit)
{
	struct cf_sig author = { 0 }, appr = { 0 }, committer = { 0 };
	struct cf_gate_request req = { 0 };
	struct cf_gate_result res;
	struct cf_diags d = CF_DIAGS_INIT;
	struct cf_repo *repo;
	struct cf_store *st;
	struct cf_ws *ws;
	bool recovered;
	int lock, rc;

	ck_assert_int_eq(cf_ws_find(&ws, root), 0);
	ck_assert_int_eq(cf_ws_store(ws, &st), 0);
	ck_assert_int_eq(cf_repo_open(&repo, root), 0);
	ck_assert_int_eq(cf_sig_parse(&author, "张三 <zhang@df.gov.cn>"), 0);
	ck_assert_int_eq(cf_sig_parse(&appr,
			     approver && strcmp(approver, "self") == 0
				 ? "张三 <zhang@df.gov.cn>"
				 : "李四 <li@df.gov.cn>"),
	    0);
	ck_assert_int_eq(cf_sig_parse(&committer, "conform <conform@localhost>"),
	    0);
	req.root = root;
	req.message = msg;
	req.author = &author;
	req.approver = approver ? &appr : NULL;
	req.committer = &committer;
	req.when = when;
	req.tz_minutes = 480;
	ck_assert_int_eq(cf_gate_lock(root, &lock), 0);
	ck_assert_int_eq(cf_gate_recover(repo, st, root, &recovered), 0);
	rc = cf_gate_commit_recorded(repo, st, &req, &d, &res);
	ck_assert_msg(rc == 0, "commit '%s': %s", msg,
	    d.n ? d.v[0].msg : cf_error_message());
	if (commit)
		snprintf(commit, 41, "%s", res.commit);
	cf_gate_unlock(lock);
	cf_diags_release(&d);
	cf_sig_release(&author);
	cf_sig_release(&appr);
	cf_sig_release(&committer);
	cf_repo_free(repo);
	cf_ws_free(ws);
}

int
ws_import(struct cf_ws *ws, const char *const *paths, size_t n)
{
	struct cf_import_opts o = { .format = CF_IMPORT_AUTO, .procedure = NULL,
	    .known = NULL, .actor = "审核员" };
	struct cf_import_result res = { 0 };
	struct cf_strv known = CF_STRV_INIT;
	struct cf_repo *repo;
	struct cf_store *st;
	struct cf_tz *tz;
	int rc;

	ck_assert_int_eq(cf_ws_store(ws, &st), 0);
	ck_assert_int_eq(cf_ws_tz(ws, &tz), 0);
	ck_assert_int_eq(cf_repo_open(&repo, cf_ws_root(ws)), 0);
	ck_assert_int_eq(cf_docindex_procedure_ids(repo, &known), 0);
	o.known = &known;
	rc = cf_import_run(st, tz, &o, (char *const *)paths, n, &res);
	cf_import_result_release(&res);
	cf_strv_release(&known);
	cf_repo_free(repo);
	return rc;
}

void
clock_set(int64_t now)
{
	char b[32];

	snprintf(b, sizeof b, "%lld", (long long)now);
	ck_assert_int_eq(setenv("CONFORM_NOW", b, 1), 0);
}

void
clock_release(void)
{
	unsetenv("CONFORM_NOW");
}

void
ws_known_answers(const char *root, char *v1, char *v2)
{
	char *p;
	const char *files[2];
	struct cf_ws *ws;

	clock_set(1767139200); /* 2025-12-31 00:00 UTC */
	ws_init(root);
	p = cf_xasprintf("%s/procedures/P-A-001.xml", root);
	copy_file(testdata("audit/P-A-001.v1.xml"), p);
	free(p);
	p = cf_xasprintf("%s/procedures/P-B-001.xml", root);
	copy_file(testdata("audit/P-B-001.xml"), p);
	free(p);
	p = cf_xasprintf("%s/checklists/CL-T.xml", root);
	copy_file(testdata("audit/CL-T.xml"), p);
	free(p);
	ws_commit(root, "v1", 1767225600, "李四", v1); /* 2026-01-01 */
	p = cf_xasprintf("%s/procedures/P-A-001.xml", root);
	copy_file(testdata("audit/P-A-001.v2.xml"), p);
	free(p);
	ws_commit(root, "v2", 1769904000, "self", v2); /* 2026-02-01 */
	ck_assert_int_eq(cf_ws_find(&ws, root), 0);
	files[0] = testdata("audit/cases.csv");
	files[1] = testdata("audit/events.csv");
	ck_assert_msg(ws_import(ws, files, 2) == 0, "%s", cf_error_message());
	cf_ws_free(ws);
}
