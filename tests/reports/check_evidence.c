/* SPDX-License-Identifier: MIT */
/*
 * check_evidence.c - the evidence pack and its verification
 * (reports/evidence.c) over a real audited workspace (the audit of
 * tests/data/audit): a fresh pack verifies with no problem from its own
 * files (unsigned, allowed as a warning), its manifest is sha256sum's
 * view of its files, and each kind of tampering is named with the file
 * it touches: a file changed, removed or added, a trail entry edited
 * and a commit added (with the manifest made to agree, so only the
 * reports made again from records.db and the bundle can tell).  (The
 * pure parts, rates and manifest lines, are in check_report.c.)
 */
#include "conform.h"
#include "audit.h"
#include "checkpoint.h"
#include "check_suites.h"
#include "check_util.h"
#include "evidence.h"
#include "paths.h"
#include "report.h"
#include "repo.h"
#include "store.h"
#include "trail.h"
#include "workspace.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char v1[41], v2[41];
static struct cf_ws *ws;
static struct cf_store *st;
static struct cf_repo *repo;
static struct cf_diags probs, warns;
static size_t packed;

static int
pack_at(const char *dir, size_t *files)
{
	struct cf_pack_opts o = { 0 };
	struct cf_pack_result res;
	struct cf_report_ws w;
	struct cf_checkpoint c;
	struct cf_pack_ckpt ck;
	int rc;

	ck_assert_msg(cf_checkpoint_write(repo, st, NULL, NULL, 1775005200,
			  &c) == 0,
	    "%s", cf_error_message());
	cf_pack_ckpt_from(&c, &ck);
	cf_checkpoint_release(&c);
	o.ckpt = &ck;
	o.at_set = true;
	o.at = cf_day_from_ymd(2026, 4, 1);
	o.tzname = "Asia/Shanghai";
	ck_assert_int_eq(cf_report_ws_open(&w, ws), 0);
	rc = cf_evidence_pack(&w, dir, &o, &res);
	cf_report_ws_close(&w);
	if (rc == 0 && files)
		*files = res.files;
	if (rc == 0)
		cf_pack_ckpt_release(&res.ckpt);
	cf_pack_ckpt_release(&ck);
	return rc;
}

static void
setup(void)
{
	struct cf_audit_request req = {
		.checklist_id = "CL-T", .has_from = true, .has_to = true };
	struct cf_audit_result res;

	tmp_setup();
	ws_known_answers(tmp_path("ws"), v1, v2);
	clock_set(1775005200); /* 2026-04-01 09:00 +08:00 */
	ck_assert_int_eq(cf_ws_find(&ws, tmp_path("ws")), 0);
	ck_assert_int_eq(cf_ws_store(ws, &st), 0);
	ck_assert_int_eq(cf_repo_open(&repo, tmp_path("ws")), 0);
	req.from = cf_day_from_ymd(2026, 2, 1);
	req.to = cf_day_from_ymd(2026, 3, 31);
	ck_assert_msg(cf_audit_run(ws, &req, &res) == 0, "%s",
	    cf_error_message());
	ck_assert_msg(pack_at(tmp_path("pack"), &packed) == 0, "%s",
	    cf_error_message());
}

static void
teardown(void)
{
	cf_diags_release(&probs);
	cf_diags_release(&warns);
	cf_repo_free(repo);
	cf_ws_free(ws);
	clock_release();
	tmp_teardown();
}

struct counts {
	size_t files, commits;
	int64_t entries;
};

static struct counts
verify(void)
{
	struct cf_verify_opts o = { NULL, NULL, true };
	struct cf_verify_result r;
	struct counts c;

	cf_diags_release(&probs); /* (and empties it) */
	cf_diags_release(&warns);
	ck_assert_int_eq(cf_evidence_verify(tmp_path("pack"), &o, &probs,
			     &warns, &r),
	    0);
	c.files = r.files;
	c.commits = r.commits;
	c.entries = r.entries;
	cf_verify_result_release(&r);
	return c;
}

/* Exactly one problem, on `file`, starting with `what`. */
static void
one_problem(const char *file, const char *what)
{
	for (size_t i = 0; probs.n != 1 && i < probs.n; i++)
		fprintf(stderr, "problem: %s: %s\n",
		    probs.v[i].file ? probs.v[i].file : "", probs.v[i].msg);
	ck_assert_uint_eq(probs.n, 1);
	ck_assert_str_eq(probs.v[0].file, file);
	ck_assert_msg(strncmp(probs.v[0].msg, what, strlen(what)) == 0,
	    "'%s' does not start with '%s'", probs.v[0].msg, what);
}

/* A problem on `file` starting with `what`, among `n` in all. */
static void
problem_of(size_t n, const char *file, const char *what)
{
	bool found = false;

	for (size_t i = 0; i < probs.n; i++) {
		if (probs.n != n)
			fprintf(stderr, "problem: %s: %s\n",
			    probs.v[i].file ? probs.v[i].file : "",
			    probs.v[i].msg);
		found |= probs.v[i].file && strcmp(probs.v[i].file, file) == 0 &&
		    strncmp(probs.v[i].msg, what, strlen(what)) == 0;
	}
	ck_assert_uint_eq(probs.n, n);
	ck_assert_msg(found, "no problem %s: %s...", file, what);
}

static char *
slurp(const char *path)
{
	char *s;
	size_t n;

	ck_assert_int_eq(cf_read_file(path, 1 << 26, &s, &n), 0);
	return s;
}

static int
count_entry(const struct cf_trail_entry *e, void *arg)
{
	(void)e;
	(*(int64_t *)arg)++;
	return 0;
}

/* The manifest rewritten to agree with the pack as it now is. */
static void
remanifest(void)
{
	char *m;

	ck_assert_int_eq(cf_manifest_build(tmp_path("pack"), &m), 0);
	write_file(tmp_path("pack/" CF_PACK_MANIFEST), m);
	free(m);
}

START_TEST(test_pack_verifies)
{
	struct counts c = verify();
	int64_t entries = 0;
	char *m, *want;
	const char *expect[] = { "index.html", "standard-system.html",
		"standard-system.csv", "audits/audit-0001.html",
		"audits/audit-0001.xml", "audits/audit-0001.csv",
		"ncr-register.csv", "trail.csv", "COMMITS", "MANIFEST.sha256",
		"records.db", "documents.bundle", "allowed_signers",
		"checkpoint", "pack.conf" };

	ck_assert_uint_eq(probs.n, 0);
	ck_assert_uint_eq(warns.n, 2); /* unsigned: checkpoint, manifest */

	for (size_t i = 0; i < sizeof expect / sizeof *expect; i++) {
		char *p = cf_xasprintf("pack/%s", expect[i]);
		ck_assert_msg(access(tmp_path(p), R_OK) == 0, "no %s", p);
		free(p);
	}
	/* Every file but the manifest is listed in it, and checked. */
	ck_assert_uint_eq(c.files + 1, packed);
	/* The commits its documents and its audit were read at: v1 and v2
	 * (v2's tree holds the calendars too), one full id a line, sorted;
	 * the records cite them, and the trail's doc commits. */
	ck_assert_uint_ge(c.commits, 2);
	m = slurp(tmp_path("pack/COMMITS"));
	want = strcmp(v1, v2) < 0 ? cf_xasprintf("%s\n%s\n", v1, v2)
				  : cf_xasprintf("%s\n%s\n", v2, v1);
	ck_assert_str_eq(m, want);
	free(m);
	free(want);
	ck_assert_int_eq(cf_trail_each(st, count_entry, &entries), 0);
	ck_assert_int_eq(c.entries, entries);
	ck_assert_int_ge(entries, 5); /* init, 2 commits, 2 batches, audit */
	/* The manifest is what sha256sum would say of the files. */
	ck_assert_int_eq(cf_manifest_build(tmp_path("pack"), &want), 0);
	m = slurp(tmp_path("pack/" CF_PACK_MANIFEST));
	ck_assert_str_eq(m, want);
	free(m);
	free(want);
	/* The audit's report is in it, Chinese intact. */
	m = slurp(tmp_path("pack/audits/audit-0001.xml"));
	ck_assert(strstr(m, "测试检查表"));
	free(m);
}
END_TEST

START_TEST(test_pack_refuses_a_used_folder)
{
	struct cf_verify_opts o = { NULL, NULL, true };
	struct cf_verify_result r;

	write_file(tmp_path("used/x"), "1");
	ck_assert_int_eq(pack_at(tmp_path("used"), NULL), CF_EEXISTS);
	ck_assert_int_eq(access(tmp_path("used/index.html"), F_OK), -1);
	cf_error_clear();
	/* And verifying what is no folder. */
	ck_assert_int_eq(cf_evidence_verify(tmp_path("nowhere"), &o, &probs,
			     &warns, &r),
	    CF_ENOTFOUND);
	cf_verify_result_release(&r);
	cf_error_clear();
}
END_TEST

START_TEST(test_file_changed)
{
	char *s = slurp(tmp_path("pack/ncr-register.csv"));

	/* One byte, in the middle. */
	ck_assert_uint_gt(strlen(s), 10);
	s[strlen(s) / 2] ^= 1;
	write_file(tmp_path("pack/ncr-register.csv"), s);
	free(s);
	verify();
	problem_of(2, "ncr-register.csv", "changed: its SHA-256 is ");
	problem_of(2, "ncr-register.csv", "differs from the one made again");
}
END_TEST

START_TEST(test_file_removed)
{
	struct counts c0 = verify(), c;

	ck_assert_int_eq(unlink(tmp_path("pack/audits/audit-0001.html")), 0);
	c = verify();
	one_problem("audits/audit-0001.html",
	    "missing: listed in the manifest but not in the pack");
	ck_assert_uint_eq(c.files, c0.files - 1);
}
END_TEST

START_TEST(test_file_added)
{
	write_file(tmp_path("pack/audits/extra.html"), "<p>later</p>\n");
	verify();
	one_problem("audits/extra.html", "not listed in the manifest");
}
END_TEST

/* An entry of the trail copy edited, the manifest made to agree. */
START_TEST(test_trail_edited)
{
	char *s = slurp(tmp_path("pack/trail.csv"));
	char *p = strstr(s, ",审核员,");
	struct cf_buf b = CF_BUF_INIT;

	ck_assert_ptr_nonnull(p);
	cf_buf_add(&b, s, (size_t)(p - s));
	cf_buf_adds(&b, ",某某人,");
	cf_buf_adds(&b, p + strlen(",审核员,"));
	write_file(tmp_path("pack/trail.csv"), b.s);
	cf_buf_release(&b);
	free(s);
	remanifest();
	verify();
	one_problem("trail.csv", "differs from the one made again from "
				 "records.db and documents.bundle");
}
END_TEST

/* A commit added to COMMITS, the manifest made to agree. */
START_TEST(test_unknown_commit)
{
	char *s = slurp(tmp_path("pack/COMMITS"));
	char *t = cf_xasprintf("%s%s\n", s,
	    "0123456789abcdef0123456789abcdef01234567");

	write_file(tmp_path("pack/COMMITS"), t);
	free(s);
	free(t);
	remanifest();
	verify();
	one_problem("COMMITS", "differs from the one made again");
}
END_TEST

/*
 * A manifest of 300,000 lines (listing files the pack does not hold):
 * each is named missing, a line listed twice is named once, and the
 * verification is O(n log n) in the manifest - the quadratic one it
 * replaces (every name compared with every earlier one) took minutes
 * here, past the test case's timeout.  bench/verify.sh measures it.
 */
START_TEST(test_manifest_large)
{
	enum { N = 300000 };
	char *m = slurp(tmp_path("pack/" CF_PACK_MANIFEST));
	struct cf_buf b = CF_BUF_INIT;
	const char *first_nl = strchr(m, '\n');
	size_t missing = 0, twice = 0;

	cf_buf_adds(&b, m);
	for (int i = 0; i < N; i++)
		cf_buf_addf(&b,
		    "%064d  extra/f%06d.html\n", i, i);
	/* The first real line again, and one extra line again. */
	cf_buf_add(&b, m, (size_t)(first_nl - m) + 1);
	cf_buf_addf(&b, "%064d  extra/f%06d.html\n", 7, 7);
	write_file(tmp_path("pack/" CF_PACK_MANIFEST), b.s);
	cf_buf_release(&b);
	free(m);
	verify();
	for (size_t i = 0; i < probs.n; i++) {
		if (strncmp(probs.v[i].msg, "missing: listed", 15) == 0)
			missing++;
		else if (strcmp(probs.v[i].msg,
			     "listed twice in the manifest") == 0)
			twice++;
	}
	ck_assert_uint_eq(missing, N);
	ck_assert_uint_eq(twice, 2);
	ck_assert_uint_eq(probs.n, N + 2);
}
END_TEST

Suite *
evidence_suite(void)
{
	Suite *s = suite_create("evidence");
	TCase *tc = tcase_create("pack");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_pack_verifies);
	tcase_add_test(tc, test_pack_refuses_a_used_folder);
	tcase_add_test(tc, test_file_changed);
	tcase_add_test(tc, test_file_removed);
	tcase_add_test(tc, test_file_added);
	tcase_add_test(tc, test_trail_edited);
	tcase_add_test(tc, test_unknown_commit);
	tcase_add_test(tc, test_manifest_large);
	suite_add_tcase(s, tc);
	return s;
}
