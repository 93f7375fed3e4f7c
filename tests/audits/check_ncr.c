/* SPDX-License-Identifier: MIT */
/*
 * check_ncr.c - nonconformities and corrective actions (audits/ncr.c)
 * over a real database: audits stored through audits/auditdb.c open and
 * join NCRs; every refusal of the life cycle; verification rules;
 * recurrence; every change in the trail.
 */
#include "conform.h"
#include "auditdb.h"
#include "check_suites.h"
#include "check_util.h"
#include "conclusion.h"
#include "ncr.h"
#include "repo.h"
#include "store.h"
#include "trail.h"

#include <stdlib.h>
#include <string.h>

static struct cf_store *st;
static struct cf_repo *repo;
static struct cf_tz *utc;
static char list_commit[CF_OID_HEX]; /* checklists/IA.xml, C1 and C9 */

static void
setup(void)
{
	static const char ia[] =
	    "<checklist id=\"IA\">\n"
	    "  <check id=\"C1\" type=\"on-time\" severity=\"minor\" "
	    "clause=\"8.5.1\"/>\n"
	    "  <check id=\"C9\" type=\"fee\" severity=\"minor\"/>\n"
	    "</checklist>\n";
	struct cf_change ch = { "checklists/IA.xml", ia, sizeof ia - 1,
		false };
	struct cf_sig who = { (char *)"审核员", (char *)"a@x.cn" };

	tmp_setup();
	ck_assert_int_eq(cf_store_open(&st, tmp_path("n.db"), CF_STORE_CREATE),
	    0);
	ck_assert_int_eq(cf_repo_init(&repo, tmp_path("ws")), 0);
	ck_assert_int_eq(cf_repo_commit(repo, NULL, &ch, 1, &who, &who,
			     1767225600, 0, "IA", list_commit),
	    0);
	ck_assert_int_eq(cf_tz_open(&utc, "UTC"), 0);
}

static void
teardown(void)
{
	cf_tz_free(utc);
	cf_repo_free(repo);
	cf_store_free(st);
	tmp_teardown();
}

struct fake_check {
	const char *id, *type, *severity;
	int npass;
	const char *fails[4];
};

/* What the last audit() recorded. */
static struct cf_ncr_recorded recorded;

/* Stores an audit of checklist IA started at `at`; returns its id. */
static int64_t
audit(int64_t at, const struct fake_check *c, size_t n)
{
	struct cf_audit_head h = { 0 };
	char cl[] = "IA", scope[] = "*", actor[] = "auditor", tz[] = "UTC";

	h.checklist_id = cl;
	h.scope = scope;
	h.actor = actor;
	h.timezone = tz;
	memcpy(h.checklist_commit, list_commit, 41);
	memset(h.documents_commit, 'b', 40);
	h.from = cf_day_from_ymd(2026, 1, 1);
	h.to = cf_day_from_ymd(2026, 3, 31);
	h.started_at = at;
	h.finished_at = at + 1;
	ck_assert_int_eq(cf_store_begin(st), 0);
	ck_assert_int_eq(cf_auditdb_insert(st, &h), 0);
	for (size_t i = 0; i < n; i++) {
		struct cf_audit_checkrow r = { 0 };
		r.pos = (int)i;
		r.check_id = (char *)c[i].id;
		r.type = (char *)c[i].type;
		r.severity = (char *)c[i].severity;
		r.clause = (char *)"8.5.1";
		r.n[CF_RESULT_PASS] = c[i].npass;
		for (int k = 0; k < 4 && c[i].fails[k]; k++) {
			r.n[CF_RESULT_FAIL]++;
			ck_assert_int_eq(cf_auditdb_finding(st, h.id, (int)i,
					     c[i].fails[k], CF_RESULT_FAIL, -1,
					     "late"),
			    0);
		}
		ck_assert_int_eq(cf_auditdb_check(st, h.id, &r), 0);
	}
	ck_assert_int_eq(cf_ncr_record_audit(st, h.id, at + 2, "auditor",
			     &recorded),
	    0);
	ck_assert_int_eq(cf_store_commit(st), 0);
	return h.id;
}

static int
update(int64_t number, struct cf_ncr_change *c, int64_t now)
{
	int rc;

	ck_assert_int_eq(cf_store_begin(st), 0);
	rc = cf_ncr_update(st, number, c, now, cf_day_from_ymd(2026, 5, 1),
	    "经理");
	if (rc == 0)
		ck_assert_int_eq(cf_store_commit(st), 0);
	else
		cf_store_rollback(st);
	return rc;
}

static void
assert_refused(int rc, const char *why)
{
	ck_assert_int_eq(rc, CF_EINVALID);
	ck_assert_msg(strstr(cf_error_message(), why), "%s",
	    cf_error_message());
}

static const struct fake_check first[] = {
	{ "C1", "on-time", "minor", 10, { "A", "B" } },
	{ "C2", "fee", "observation", 10, { "X" } },
	{ "C3", "four-eyes", "major", 12, { NULL } },
	{ "C4", "steps", "major", 0, { "B" } },
};

START_TEST(test_open_and_join)
{
	struct cf_ncr *v;
	size_t n;

	audit(1000, first, 4);
	ck_assert_int_eq(cf_ncr_list(st, &v, &n), 0);
	ck_assert_uint_eq(n, 2); /* C1 and C4; no NCR for an observation */
	ck_assert_str_eq(v[0].check_id, "C1");
	ck_assert_int_eq(v[0].nsubjects, 2);
	ck_assert_str_eq(v[1].check_id, "C4");
	ck_assert_str_eq(v[1].severity, "major");
	ck_assert_int_eq(v[0].state, CF_NCR_OPEN);
	for (size_t i = 0; i < n; i++)
		cf_ncr_release(&v[i]);
	free(v);

	static const struct fake_check again[] = {
		{ "C1", "on-time", "minor", 5, { "B", "C" } },
	};
	audit(2000, again, 1);
	ck_assert_int_eq(recorded.opened, 0);
	ck_assert_int_eq(recorded.joined, 1);
	ck_assert_int_eq(recorded.listed, 1); /* B: listed already */
	ck_assert_int_eq(cf_ncr_list(st, &v, &n), 0);
	ck_assert_uint_eq(n, 2); /* joined, not opened */
	/* A and B of the first audit, C of the second: B is listed once
	 * (doc/ncr.md: an NCR lists each subject once). */
	ck_assert_int_eq(v[0].nsubjects, 3);
	ck_assert_int_eq(v[0].naudits, 2);
	for (size_t i = 0; i < n; i++)
		cf_ncr_release(&v[i]);
	free(v);
	{
		struct cf_strv au = CF_STRV_INIT, su = CF_STRV_INIT;
		ck_assert_int_eq(cf_ncr_subjects(st, 1, &au, &su), 0);
		ck_assert_uint_eq(su.n, 3);
		ck_assert_str_eq(su.v[0], "A");
		ck_assert_str_eq(au.v[0], "1");
		ck_assert_str_eq(su.v[1], "B");
		ck_assert_str_eq(au.v[1], "1");
		ck_assert_str_eq(su.v[2], "C");
		ck_assert_str_eq(au.v[2], "2");
		cf_strv_release(&au);
		cf_strv_release(&su);
	}

	/* Only subjects listed already: nothing joins, nothing opens. */
	static const struct fake_check old[] = {
		{ "C1", "on-time", "minor", 5, { "C", "A" } },
	};
	audit(3000, old, 1);
	ck_assert_int_eq(recorded.opened, 0);
	ck_assert_int_eq(recorded.joined, 0);
	ck_assert_int_eq(recorded.listed, 2);
	ck_assert_int_eq(cf_ncr_list(st, &v, &n), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(v[0].nsubjects, 3);
	ck_assert_int_eq(v[0].naudits, 2); /* audit 3 is not linked */
	for (size_t i = 0; i < n; i++)
		cf_ncr_release(&v[i]);
	free(v);
}
END_TEST

START_TEST(test_life_cycle_refusals)
{
	struct cf_ncr_change c = { 0 };
	struct cf_ncr n;

	audit(1000, first, 1);
	c.state = "action-planned";
	assert_refused(update(1, &c, 1100),
	    "from open to action-planned: "
	    "analysed comes first");
	c.state = "analysed";
	assert_refused(update(1, &c, 1100), "analysed needs the root cause");
	c.state = "closed";
	assert_refused(update(1, &c, 1100),
	    "cannot be closed before it is "
	    "verified");
	c.state = "verified";
	assert_refused(update(1, &c, 1100), "conform ncr verify");
	c.state = "rejected";
	assert_refused(update(1, &c, 1100), "rejected needs a reason");
	memset(&c, 0, sizeof c);
	assert_refused(update(1, &c, 1100), "nothing to change");

	c.state = "analysed";
	c.root_cause = "窗口人员不熟悉新的承诺时限";
	c.method = "5-why";
	ck_assert_int_eq(update(1, &c, 1100), 0);
	memset(&c, 0, sizeof c);
	c.state = "action-planned";
	c.action = "培训并在系统中设置到期提醒";
	assert_refused(update(1, &c, 1200),
	    "needs the corrective action, an "
	    "owner and a due date");
	c.owner = "王科长";
	c.has_due = true;
	c.due = cf_day_from_ymd(2026, 4, 30);
	ck_assert_int_eq(update(1, &c, 1200), 0);
	memset(&c, 0, sizeof c);
	c.state = "open";
	assert_refused(update(1, &c, 1300), "cannot go back");
	c.state = "implemented";
	ck_assert_int_eq(update(1, &c, 1300), 0);
	c.state = "rejected";
	c.rejection = "not a nonconformity";
	assert_refused(update(1, &c, 1400),
	    "cannot be rejected once implemented");
	memset(&c, 0, sizeof c);
	c.method = "guess";
	ck_assert_int_eq(update(1, &c, 1400), CF_EUSAGE);

	ck_assert_int_eq(cf_ncr_get(st, 1, &n), 0);
	ck_assert_int_eq(n.state, CF_NCR_IMPLEMENTED);
	ck_assert_int_eq(n.implemented_at, 1300);
	ck_assert_str_eq(n.owner, "王科长");
	ck_assert_str_eq(n.method, "5-why");
	cf_ncr_release(&n);
}
END_TEST

START_TEST(test_reject)
{
	struct cf_ncr_change c = { 0 };
	struct cf_ncr n;

	audit(1000, first, 1);
	c.state = "rejected";
	c.rejection = "the case was exempt by law (行政许可法第45条)";
	ck_assert_int_eq(update(1, &c, 1100), 0);
	ck_assert_int_eq(cf_ncr_get(st, 1, &n), 0);
	ck_assert_int_eq(n.state, CF_NCR_REJECTED);
	ck_assert(!cf_ncr_is_open(&n));
	cf_ncr_release(&n);
	memset(&c, 0, sizeof c);
	c.owner = "x";
	assert_refused(update(1, &c, 1200), "does not change");
}
END_TEST

/* Walks NCR 1 to implemented at time `t`. */
static void
implement(int64_t t)
{
	struct cf_ncr_change c = { 0 };

	c.state = "analysed";
	c.root_cause = "r";
	ck_assert_int_eq(update(1, &c, t - 2), 0);
	memset(&c, 0, sizeof c);
	c.state = "action-planned";
	c.action = "a";
	c.owner = "o";
	c.has_due = true;
	c.due = cf_day_from_ymd(2026, 4, 30);
	ck_assert_int_eq(update(1, &c, t - 1), 0);
	memset(&c, 0, sizeof c);
	c.state = "implemented";
	ck_assert_int_eq(update(1, &c, t), 0);
}

static int
verify(int64_t audit_id)
{
	int rc;

	ck_assert_int_eq(cf_store_begin(st), 0);
	rc = cf_ncr_verify(st, repo, utc, 1, audit_id, 9999, "auditor");
	if (rc == 0)
		ck_assert_int_eq(cf_store_commit(st), 0);
	else
		cf_store_rollback(st);
	return rc;
}

START_TEST(test_verify_rules)
{
	static const struct fake_check still[] = { { "C1", "on-time", "minor",
	    3, { "Z" } } };
	static const struct fake_check none[] = { { "C1", "on-time", "minor", 0,
	    { NULL } } };
	static const struct fake_check good[] = { { "C1", "on-time", "minor", 7,
	    { NULL } } };
	static const struct fake_check other[] = { { "C9", "fee", "minor", 7,
	    { NULL } } };
	struct cf_ncr_change c = { 0 };
	struct cf_ncr n;

	int64_t before = audit(1000, first, 1);
	assert_refused(verify(before), "only an implemented NCR");
	implement(5000);
	assert_refused(verify(before),
	    "started before the action was "
	    "implemented");
	assert_refused(verify(audit(6000, still, 1)), "still fails check C1");
	/* that audit joined NCR 1 again (it was open) */
	assert_refused(verify(audit(6100, none, 1)),
	    "judged no subject of check C1");
	assert_refused(verify(audit(6200, other, 1)), "did not run check C1");
	assert_refused(verify(4242), "is not an audit of checklist IA");
	int64_t ok = audit(7000, good, 1);
	ck_assert_int_eq(verify(ok), 0);
	c.state = "closed";
	c.effectiveness = "后续审核 C1 全部通过";
	ck_assert_int_eq(update(1, &c, 8000), 0);
	ck_assert_int_eq(cf_ncr_get(st, 1, &n), 0);
	ck_assert_int_eq(n.state, CF_NCR_CLOSED);
	ck_assert_int_eq(n.verified_audit, ok);
	ck_assert_int_eq(n.closed_on, cf_day_from_ymd(2026, 5, 1));
	cf_ncr_release(&n);
}
END_TEST

START_TEST(test_recurrence_and_trail)
{
	static const struct fake_check good[] = { { "C1", "on-time", "minor", 7,
	    { NULL } } };
	struct cf_ncr_change c = { 0 };
	struct cf_ncr n;
	int64_t count;
	char head[CF_SHA256_HEX];

	audit(1000, first, 1);
	implement(5000);
	ck_assert_int_eq(verify(audit(7000, good, 1)), 0);
	c.state = "closed";
	assert_refused(update(1, &c, 8000),
	    "closed needs the evidence that the action worked");
	c.effectiveness = "后续审核通过";
	ck_assert_int_eq(update(1, &c, 8000), 0);
	/* The closed NCR's old subjects again (a re-audit of the same
	 * records): nothing is raised, no recurrence opens. */
	static const struct fake_check again[] = { { "C1", "on-time", "minor",
	    7, { "A", "B" } } };
	audit(8500, again, 1);
	ck_assert_int_eq(recorded.opened, 0);
	ck_assert_int_eq(recorded.joined, 0);
	ck_assert_int_eq(recorded.listed, 2);
	ck_assert_int_eq(cf_ncr_get(st, 2, &n), CF_ENOTFOUND);
	cf_error_clear();
	/* A new failing subject beside an old one: a recurrence of NCR 1
	 * that lists only the new one. */
	static const struct fake_check bad[] = { { "C1", "on-time", "minor", 7,
	    { "A", "Q" } } };
	audit(9000, bad, 1);
	ck_assert_int_eq(recorded.opened, 1);
	ck_assert_int_eq(recorded.listed, 1);
	ck_assert_int_eq(cf_ncr_get(st, 2, &n), 0);
	ck_assert_int_eq(n.recurrence_of, 1);
	ck_assert_int_eq(n.state, CF_NCR_OPEN);
	ck_assert_int_eq(n.nsubjects, 1);
	cf_ncr_release(&n);
	{
		struct cf_strv au = CF_STRV_INIT, su = CF_STRV_INIT;
		ck_assert_int_eq(cf_ncr_subjects(st, 2, &au, &su), 0);
		ck_assert_uint_eq(su.n, 1);
		ck_assert_str_eq(su.v[0], "Q");
		cf_strv_release(&au);
		cf_strv_release(&su);
		ck_assert_int_eq(cf_ncr_subjects(st, 1, &au, &su), 0);
		ck_assert_uint_eq(su.n, 2); /* A and B, unchanged */
		cf_strv_release(&au);
		cf_strv_release(&su);
	}
	/* open, analysed, planned, implemented, verified, closed, open #2 */
	ck_assert_int_eq(cf_trail_verify(st, &count, head), 0);
	ck_assert_int_eq(count, 7);
	sqlite3_stmt *s;
	ck_assert_int_eq(cf_store_prepare(st, &s,
			     "SELECT count(*) FROM trail WHERE subject = "
			     "'NCR-0001'"),
	    0);
	ck_assert_int_eq(sqlite3_step(s), SQLITE_ROW);
	ck_assert_int_eq(sqlite3_column_int(s, 0), 6);
	sqlite3_finalize(s);
}
END_TEST

START_TEST(test_numbers)
{
	int64_t v;
	char b[32];

	ck_assert_int_eq(cf_ncr_parse_number("7", &v), 0);
	ck_assert_int_eq(v, 7);
	ck_assert_int_eq(cf_ncr_parse_number("NCR-0012", &v), 0);
	ck_assert_int_eq(v, 12);
	ck_assert_int_eq(cf_ncr_parse_number("NCR-", &v), CF_EUSAGE);
	ck_assert_int_eq(cf_ncr_parse_number("0", &v), CF_EUSAGE);
	ck_assert_int_eq(cf_ncr_parse_number("7x", &v), CF_EUSAGE);
	cf_ncr_name(3, b, sizeof b);
	ck_assert_str_eq(b, "NCR-0003");
	ck_assert_int_eq(cf_ncr_get(st, 99, &(struct cf_ncr){ 0 }),
	    CF_ENOTFOUND);
}
END_TEST

/* The one rule the register and the conclusion share. */
START_TEST(test_grade)
{
	struct cf_audit_checkrow c = { 0 };
	char major[] = "major", minor[] = "minor", obs[] = "observation";

	c.severity = major;
	ck_assert_int_eq(cf_check_grade(&c), CF_GRADE_NONE);
	ck_assert(!cf_check_raises_ncr(&c));
	c.n[CF_RESULT_FAIL] = 2;
	ck_assert_int_eq(cf_check_grade(&c), CF_GRADE_MAJOR);
	ck_assert(cf_check_raises_ncr(&c));
	c.severity = minor;
	ck_assert_int_eq(cf_check_grade(&c), CF_GRADE_MINOR);
	ck_assert(cf_check_raises_ncr(&c));
	c.severity = obs;
	ck_assert_int_eq(cf_check_grade(&c), CF_GRADE_OBSERVATION);
	ck_assert(!cf_check_raises_ncr(&c));
	c.n[CF_RESULT_FAIL] = 0;
	c.n[CF_RESULT_ERROR] = 5;
	ck_assert_int_eq(cf_check_grade(&c), CF_GRADE_NONE);
}
END_TEST

Suite *
ncr_suite(void)
{
	Suite *s = suite_create("ncr");
	TCase *tc = tcase_create("life");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_open_and_join);
	tcase_add_test(tc, test_life_cycle_refusals);
	tcase_add_test(tc, test_reject);
	tcase_add_test(tc, test_verify_rules);
	tcase_add_test(tc, test_recurrence_and_trail);
	tcase_add_test(tc, test_numbers);
	tcase_add_test(tc, test_grade);
	suite_add_tcase(s, tc);
	return s;
}
