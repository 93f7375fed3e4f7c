/* SPDX-License-Identifier: MIT */
/*
 * check_audit.c - the audit runner (audits/audit.c) in a real workspace:
 * git history through the commit gate, records through the import,
 * the checklist CL-T of tests/data/audit over its 15 cases, whose
 * answers are known (tests/audits/audit.sh says why each is what it is).
 * What the run stores is read back through audits/auditdb.h: the head,
 * the counts per check, the findings with the version each case was
 * judged by, the NCRs it opened or joined, its one trail entry; and a
 * refused run (unknown checklist, an empty period, a forbidden sql
 * check) stores nothing at all.
 */
#include "conform.h"
#include "audit.h"
#include "auditdb.h"
#include "check_suites.h"
#include "check_util.h"
#include "checks.h"
#include "store.h"
#include "trail.h"
#include "workspace.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char v1[41], v2[41];
static struct cf_ws *ws;
static struct cf_store *st;

static void
setup(void)
{
	tmp_setup();
	ws_known_answers(tmp_path("ws"), v1, v2);
	clock_set(1775005200); /* the audit: 2026-04-01 09:00 +08:00 */
	ck_assert_int_eq(cf_ws_find(&ws, tmp_path("ws")), 0);
	ck_assert_int_eq(cf_ws_store(ws, &st), 0);
}

static void
teardown(void)
{
	cf_ws_free(ws);
	clock_release();
	tmp_teardown();
}

static const struct cf_audit_request q1 = {
	.checklist_id = "CL-T", .has_from = true, .has_to = true };

static int
run_q1(struct cf_audit_result *res)
{
	struct cf_audit_request req = q1;

	req.from = cf_day_from_ymd(2026, 2, 1);
	req.to = cf_day_from_ymd(2026, 3, 31);
	memset(res, 0, sizeof *res);
	return cf_audit_run(ws, &req, res);
}

/* The findings of an audit as "CHECK SUBJECT RESULT DOC@COMMIT: detail". */
struct found {
	struct cf_audit_checkrow *checks;
	size_t nchecks;
	struct cf_strv lines;
	int fails, errors;
};

static int
on_finding(const struct cf_auditdb_finding *f, void *arg)
{
	struct found *fd = arg;
	const char *commit = f->commit ? f->commit : "-";

	char *line;

	ck_assert_uint_lt((size_t)f->pos, fd->nchecks);
	line = cf_xasprintf("%s %s %s %s@%s: %s", fd->checks[f->pos].check_id,
		f->subject, cf_result_name(f->result),
		f->document_id ? f->document_id : "-",
		strcmp(commit, v1) == 0	  ? "v1"
		    : strcmp(commit, v2) == 0 ? "v2"
					      : commit,
	    f->detail);
	cf_strv_push(&fd->lines, line);
	free(line);
	fd->fails += f->result == CF_RESULT_FAIL;
	fd->errors += f->result == CF_RESULT_ERROR;
	return 0;
}

static void
read_findings(int64_t id, bool all, struct found *fd)
{
	memset(fd, 0, sizeof *fd);
	ck_assert_int_eq(cf_auditdb_checks(st, id, &fd->checks, &fd->nchecks),
	    0);
	ck_assert_int_eq(cf_auditdb_findings(st, id, all, on_finding, fd), 0);
}

static void
release_findings(struct found *fd)
{
	for (size_t i = 0; i < fd->nchecks; i++)
		cf_audit_checkrow_release(&fd->checks[i]);
	free(fd->checks);
	cf_strv_release(&fd->lines);
}

static bool
has(const struct found *fd, const char *line)
{
	for (size_t i = 0; i < fd->lines.n; i++)
		if (strcmp(fd->lines.v[i], line) == 0)
			return true;
	return false;
}

#define HAS(fd, line) ck_assert_msg(has(fd, line), "no finding '%s'", line)

struct trail_count {
	int audits, entries;
	char last_data[32768]; /* an audit entry binds its checks */
};

static int
count_trail(const struct cf_trail_entry *e, void *arg)
{
	struct trail_count *t = arg;

	t->entries++;
	if (strcmp(e->what, "audit.store") == 0) {
		t->audits++;
		snprintf(t->last_data, sizeof t->last_data, "%s", e->data);
	}
	return 0;
}

static struct trail_count
trail(void)
{
	struct trail_count t = { 0 };

	ck_assert_int_eq(cf_trail_each(st, count_trail, &t), 0);
	return t;
}

static size_t
stored_audits(void)
{
	int64_t *ids;
	size_t n;

	ck_assert_int_eq(cf_auditdb_ids(st, &ids, &n), 0);
	free(ids);
	return n;
}

START_TEST(test_run_known_answers)
{
	struct cf_audit_result res;
	struct cf_audit_head h;
	struct found fd;
	struct trail_count t;
	static const char *order[] = { "T1", "T2", "T3", "T4", "T5", "T6",
		"T7", "R1", "D1", "D2", "Q1" };

	ck_assert_msg(run_q1(&res) == 0, "%s", cf_error_message());
	ck_assert_int_eq(res.id, 1);
	/* Fails by severity: T6 and T7 major; D1 the one observation; the
	 * other 11 minor (audit.sh counts 14 in all). */
	ck_assert_int_eq(res.fails[0], 2);
	ck_assert_int_eq(res.fails[1], 11);
	ck_assert_int_eq(res.fails[2], 1);
	/* One NCR per failing major or minor check (D1 raises none). */
	ck_assert_int_eq(res.ncr_opened, 10);
	ck_assert_int_eq(res.ncr_joined, 0);

	memset(&h, 0, sizeof h);
	ck_assert_int_eq(cf_auditdb_head(st, 1, &h), 0);
	ck_assert_str_eq(h.checklist_id, "CL-T");
	ck_assert_str_eq(h.checklist_title, "测试检查表");
	/* The checklist as last committed (v1; v2 left it alone), the
	 * documents as on main (v2). */
	ck_assert_str_eq(h.checklist_commit, v1);
	ck_assert_str_eq(h.documents_commit, v2);
	ck_assert_int_eq(h.from, cf_day_from_ymd(2026, 2, 1));
	ck_assert_int_eq(h.to, cf_day_from_ymd(2026, 3, 31));
	ck_assert_int_eq(h.population, 15);
	ck_assert(!h.sampled);
	ck_assert_int_eq(h.started_at, 1775005200);
	ck_assert_str_eq(h.timezone, "Asia/Shanghai");
	cf_audit_head_release(&h);

	read_findings(1, false, &fd);
	ck_assert_uint_eq(fd.nchecks, 11);
	for (size_t i = 0; i < 11; i++)
		ck_assert_str_eq(fd.checks[i].check_id, order[i]);
	/* T1 judged all 15 cases: 3 late, C008 before its procedure came
	 * into force, the rest on time or pending before the deadline. */
	const int64_t *n = fd.checks[0].n;
	ck_assert_int_eq(n[CF_RESULT_FAIL], 3);
	ck_assert_int_eq(n[CF_RESULT_ERROR], 1);
	ck_assert_int_eq(n[CF_RESULT_PASS] + n[CF_RESULT_NA], 11);
	ck_assert_int_eq(fd.checks[5].n[CF_RESULT_FAIL], 1); /* T6 */
	ck_assert_int_eq(fd.fails, 14);
	/* Each case by the version in force on its acceptance day: v1
	 * until 2026-02-15 (5 days), v2 from 2026-02-16 (3 days). */
	HAS(&fd, "T1 C003 fail P-A-001@v1: completed 2026-02-25 09:00, limit "
		 "5 working days ended 2026-02-24");
	HAS(&fd, "T1 C004 fail P-A-001@v2: completed 2026-02-27 09:00, limit "
		 "3 working days ended 2026-02-26");
	HAS(&fd, "T1 C010 fail P-A-001@v2: pending on 2026-03-31, limit 3 "
		 "working days ended 2026-03-05");
	HAS(&fd, "T1 C008 error -@-: no version of P-B-001 in force on "
		 "2026-02-20");
	HAS(&fd, "T2 C005 fail P-A-001@v2: charged 80.00, fee 50.00");
	HAS(&fd, "T3 C006 fail P-A-001@v2: required material M1 missing");
	HAS(&fd, "T4 C011 fail P-A-001@v2: 'approve' before 'review'");
	HAS(&fd, "T6 C014 fail P-A-001@v2: actor r02 did review and approve");
	HAS(&fd, "T7 C008 fail -@-: no version of P-B-001 in force on "
		 "2026-02-20");
	HAS(&fd, "Q1 C005 fail -@-: returned by the query");
	/* Passes are not among the fail and error findings... */
	ck_assert(!has(&fd, "T2 C001 pass P-A-001@v1: "));
	release_findings(&fd);
	/* ...but are stored: --all lists every result of T1's 15 cases. */
	read_findings(1, true, &fd);
	int t1 = 0;
	for (size_t i = 0; i < fd.lines.n; i++)
		t1 += strncmp(fd.lines.v[i], "T1 ", 3) == 0;
	ck_assert_int_eq(t1, 15);
	ck_assert(strncmp(fd.lines.v[0], "T1 C001 pass P-A-001@v1", 23) == 0);
	release_findings(&fd);

	/* One trail entry for the audit, saying what it found. */
	t = trail();
	ck_assert_int_eq(t.audits, 1);
	ck_assert(strstr(t.last_data, "\"cases\":15"));
	ck_assert(strstr(t.last_data, "\"fail\":14"));
	ck_assert(strstr(t.last_data, "\"ncr_opened\":10"));
}
END_TEST

/*
 * The same run again: the same findings, a new audit; its failing
 * subjects are all on the first audit's NCRs already, so none is raised
 * again and no NCR is joined (doc/ncr.md).
 */
START_TEST(test_rerun_joins)
{
	struct cf_audit_result a, b;
	struct found f1, f2;

	ck_assert_int_eq(run_q1(&a), 0);
	ck_assert_int_eq(a.ncr_listed, 0);
	ck_assert_int_eq(run_q1(&b), 0);
	ck_assert_int_eq(b.id, a.id + 1);
	ck_assert_int_eq(b.ncr_opened, 0);
	ck_assert_int_eq(b.ncr_joined, 0);
	ck_assert_int_eq(b.ncr_listed, a.fails[0] + a.fails[1]);
	ck_assert_int_eq(b.fails[1], a.fails[1]);
	read_findings(a.id, true, &f1);
	read_findings(b.id, true, &f2);
	ck_assert_uint_eq(f1.lines.n, f2.lines.n);
	for (size_t i = 0; i < f1.lines.n; i++)
		ck_assert_str_eq(f1.lines.v[i], f2.lines.v[i]);
	release_findings(&f1);
	release_findings(&f2);
	ck_assert_uint_eq(stored_audits(), 2);
	ck_assert_int_eq(trail().audits, 2);
}
END_TEST

/* What a refused run leaves: nothing (no audit, no trail entry). */
static void
assert_refused(int rc, int want, const char *msg, size_t audits,
    int entries)
{
	ck_assert_int_eq(rc, want);
	ck_assert_msg(strstr(cf_error_message(), msg), "'%s' lacks '%s'",
	    cf_error_message(), msg);
	ck_assert_uint_eq(stored_audits(), audits);
	ck_assert_int_eq(trail().entries, entries);
	cf_error_clear();
}

START_TEST(test_refused_runs)
{
	struct cf_audit_request req = q1;
	struct cf_audit_result res;
	int entries = trail().entries;

	req.checklist_id = "CL-NONE";
	assert_refused(cf_audit_run(ws, &req, &res), CF_ENOTFOUND,
	    "no checklist 'CL-NONE' committed on main", 0, entries);
	req = q1;
	req.from = cf_day_from_ymd(2026, 4, 1);
	req.to = cf_day_from_ymd(2026, 3, 31);
	assert_refused(cf_audit_run(ws, &req, &res), CF_EUSAGE,
	    "the period starts (2026-04-01) after it ends (2026-03-31)", 0,
	    entries);

	/* A sql check that writes: refused before anything is stored. */
	char *cl = cf_xasprintf("%s/checklists/CL-T.xml", tmp_path("ws"));
	write_file(cl,
	    "<checklist id=\"CL-T\" title=\"测试检查表\">"
	    "<scope procedures=\"P-*\"/>"
	    "<check id=\"T1\" type=\"on-time\" severity=\"minor\" "
	    "clause=\"8.5.1\"/>"
	    "<check id=\"Q1\" type=\"sql\" severity=\"minor\" "
	    "clause=\"8.5.1\"><query>DELETE FROM case_rec</query></check>"
	    "</checklist>\n");
	free(cl);
	ws_commit(tmp_path("ws"), "a query that writes", 1772323200, "李四",
	    NULL);
	entries = trail().entries; /* (the commit's own entry) */
	assert_refused(run_q1(&res), CF_EINVALID, "check Q1: ", 0, entries);
	/* The records are untouched too. */
	sqlite3_stmt *s;
	ck_assert_int_eq(cf_store_prepare(st, &s,
			     "SELECT count(*) FROM case_rec"),
	    0);
	ck_assert_int_eq(sqlite3_step(s), SQLITE_ROW);
	ck_assert_int_eq(sqlite3_column_int(s, 0), 15);
	sqlite3_finalize(s);
}
END_TEST

Suite *
audit_suite(void)
{
	Suite *s = suite_create("audit");
	TCase *tc = tcase_create("run");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_run_known_answers);
	tcase_add_test(tc, test_rerun_joins);
	tcase_add_test(tc, test_refused_runs);
	suite_add_tcase(s, tc);
	return s;
}
