/* SPDX-License-Identifier: MIT */
/*
 * check_checks.c - the judging rules (audits/check*.c) against
 * doc/working-days.md and doc/checks.md and the team's decisions in
 * doc/checks.md: for every check type its pass, fail, na and error verdicts
 * with their exact details.  Procedures are real documents parsed by
 * cf_doc_parse(); working days come from the official 2025 and 2026 calendars;
 * the workspace timezone is Asia/Shanghai (UTC+8, no summer time).
 */
#include "conform.h"
#include "amount.h"
#include "calendar.h"
#include "check_suites.h"
#include "check_util.h"
#include "checks.h"
#include "document.h"
#include "scorecard.h"
#include "text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct cf_tz *tz;
static struct cf_cal *cal;
static struct cf_audit_env env;
static struct cf_doc *docs[40];
static size_t ndocs;

static cf_day
D(int y, int m, int d)
{
	return cf_day_from_ymd(y, m, d);
}

static void
setup(void)
{
	ck_assert_int_eq(cf_tz_open(&tz, "Asia/Shanghai"), 0);
	cal = official_calendar();
	env.from = D(2026, 1, 1);
	env.to = D(2026, 3, 31);
	env.tz = tz;
	env.cal = cal;
	ndocs = 0;
}

static void
teardown(void)
{
	for (size_t i = 0; i < ndocs; i++)
		cf_doc_free(docs[i]);
	ndocs = 0;
	cf_cal_free(cal);
	cf_tz_free(tz);
	cf_doc_schemas_release();
}

/* ---- documents ---- */

#define LIMIT(s, c)                                                            \
	"  <time-limit statutory=\"" s "\" committed=\"" c                     \
	"\" unit=\"working-day\"/>\n"
#define LEGAL "  <legal-basis>《中华人民共和国行政许可法》</legal-basis>\n"
#define FEE(a) "  <fee amount=\"" a "\" currency=\"CNY\"/>\n"
#define MATERIALS                                                              \
	"  <materials>\n"                                                      \
	"    <material id=\"M1\" required=\"yes\">申请书</material>\n"      \
	"    <material id=\"M2\" required=\"yes\">公司章程</material>\n"   \
	"    <material id=\"M3\" required=\"yes\">身份证明</material>\n"   \
	"    <material id=\"M4\" required=\"no\">授权委托书</material>\n" \
	"  </materials>\n"
#define STEPS                                                                         \
	"  <steps>\n"                                                                 \
	"    <step id=\"accept\" role=\"clerk\"/>\n"                                  \
	"    <step id=\"review\" role=\"reviewer\"/>\n"                               \
	"    <step id=\"approve\" role=\"approver\" not-same-actor-as=\"review\"/>\n" \
	"    <step id=\"issue\" role=\"clerk\"/>\n"                                   \
	"  </steps>\n"
#define PHONE "  <complaint-phone>12345</complaint-phone>\n"
/* A complete service guide: 5 of 15 working days, 50 yuan. */
#define GUIDE LEGAL LIMIT("15", "5") FEE("50") MATERIALS STEPS PHONE

/* Parses procedures/ID.xml of that kind and body; kept until teardown. */
static const struct cf_procedure *
proc_id(const char *id, const char *kind, const char *body)
{
	struct cf_diags d = CF_DIAGS_INIT;
	struct cf_doc *doc = NULL;
	char *xml =
	    cf_xasprintf("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
			 "<procedure id=\"%s\" kind=\"%s\">\n"
			 "  <title>测试事项</title>\n"
			 "  <effective-from>2025-01-01</effective-from>\n"
			 "%s</procedure>\n",
		id, kind, body);
	char *path = cf_xasprintf("procedures/%s.xml", id);
	int rc = cf_doc_parse(&doc, xml, strlen(xml), path, &d);

	ck_assert_msg(rc == 0, "%s",
	    d.n ? cf_diag_format(&d.v[0]) : cf_error_message());
	ck_assert_uint_lt(ndocs, CF_ARRAY_LEN(docs));
	docs[ndocs++] = doc;
	cf_diags_release(&d);
	free(path);
	free(xml);
	return &doc->u.proc;
}

static const struct cf_procedure *
proc(const char *body)
{
	return proc_id("P-T-001", "commitment", body);
}

/* ---- cases ---- */

struct tc {
	struct cf_case c;
	struct cf_event ev[24];
	const char *mat[8];
};

static struct cf_time
T(const char *s) {
	struct cf_time t;

	ck_assert_msg(cf_time_parse(&t, s, strlen(s), tz) == 0, "%s: %s", s,
	    cf_error_message());
	return t;
}

/* A case accepted at `accepted`, completed at `completed` (NULL: pending). */
static void
mk(struct tc *t, const char *accepted, const char *completed)
{
	memset(t, 0, sizeof *t);
	t->c.id = "C-0001";
	t->c.procedure_id = "P-T-001";
	t->c.accepted = T(accepted);
	if (completed) {
		t->c.completed = true;
		t->c.completed_at = T(completed);
	}
	t->c.events = t->ev;
	t->c.materials = t->mat;
}

static void
ev(struct tc *t, const char *activity, const char *ts, const char *actor,
    const char *role)
{
	ck_assert_uint_lt(t->c.nevents, CF_ARRAY_LEN(t->ev));
	t->ev[t->c.nevents++] = (struct cf_event){ .activity = activity,
		.ts = T(ts), .actor = actor, .role = role };
}

/* Events of these activities (NULL-terminated), one minute apart. */
static void
acts(struct tc *t, ...)
{
	va_list ap;
	const char *a;
	int i = 0;

	va_start(ap, t);
	while ((a = va_arg(ap, const char *)) != NULL) {
		ev(t, a, "2026-03-05 09:00", NULL, NULL);
		t->ev[t->c.nevents - 1].ts.sec += 60 * i++;
	}
	va_end(ap);
}

/* A completed case with events of these activities. */
#define STEPS_CASE(t, ...)                                                     \
	do {                                                                   \
		mk((t), "2026-03-05 09:00", "2026-03-06 10:00");               \
		acts((t), __VA_ARGS__, (const char *)NULL);                    \
	} while (0)

#define ASSERT_VERDICT(v, r, d)                                                \
	do {                                                                   \
		ck_assert_msg((v).result == (r),                               \
		    "result %s, expected %s (detail '%s')",                    \
		    cf_result_name((v).result), cf_result_name(r),             \
		    (v).detail);                                               \
		ck_assert_str_eq((v).detail, (d));                             \
	} while (0)

/* ---- verdicts ---- */

START_TEST(test_result_names)
{
	ck_assert_str_eq(cf_result_name(CF_RESULT_PASS), "pass");
	ck_assert_str_eq(cf_result_name(CF_RESULT_FAIL), "fail");
	ck_assert_str_eq(cf_result_name(CF_RESULT_NA), "na");
	ck_assert_str_eq(cf_result_name(CF_RESULT_ERROR), "error");
}
END_TEST

START_TEST(test_verdict_detail_cut_at_utf8)
{
	struct cf_verdict v;
	struct cf_buf b = CF_BUF_INIT;

	/* 3-byte characters after one ASCII byte: 511 is no boundary. */
	for (int i = 0; i < 300; i++)
		cf_buf_adds(&b, "办");
	cf_verdict_set(&v, CF_RESULT_FAIL, "x%s", b.s);
	ck_assert_int_eq(v.result, CF_RESULT_FAIL);
	ck_assert_uint_eq(strlen(v.detail), 1 + 3 * 170);
	ck_assert(cf_utf8_valid(v.detail, strlen(v.detail), NULL));
	cf_verdict_set(&v, CF_RESULT_PASS, NULL);
	ck_assert_str_eq(v.detail, "");
	cf_buf_release(&b);
}
END_TEST

/* ---- on-time ---- */

START_TEST(test_on_time_completed)
{
	const struct cf_procedure *p = proc(GUIDE);
	struct cf_verdict v;
	struct tc t;

	/* Thu 5 March + 5 working days: 6, 9, 10, 11, 12 March. */
	mk(&t, "2026-03-05 10:00", "2026-03-12 23:59:59");
	cf_check_on_time(&env, &t.c, p, &v);
	ASSERT_VERDICT(v, CF_RESULT_PASS, "");
	mk(&t, "2026-03-05 10:00", "2026-03-17 14:02:45");
	cf_check_on_time(&env, &t.c, p, &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL,
	    "completed 2026-03-17 14:02, limit 5 working days ended 2026-03-12");
	/* The very first second of the next day is late. */
	mk(&t, "2026-03-05 10:00", "2026-03-13 00:00");
	cf_check_on_time(&env, &t.c, p, &v);
	ck_assert_int_eq(v.result, CF_RESULT_FAIL);
}
END_TEST

START_TEST(test_on_time_spring_festival)
{
	const struct cf_procedure *p20 = proc(
	    LEGAL LIMIT("30", "20") FEE("0") MATERIALS STEPS PHONE);
	struct cf_verdict v;
	struct tc t;

	/* DOMAIN.md: 2026-02-10 + 20 working days = 2026-03-16, across the
	 * nine days off (15-23 Feb) and two make-up Saturdays. */
	mk(&t, "2026-02-10 09:30", "2026-03-16 17:00");
	cf_check_on_time(&env, &t.c, p20, &v);
	ASSERT_VERDICT(v, CF_RESULT_PASS, "");
	mk(&t, "2026-02-10 09:30", "2026-03-17 08:30");
	cf_check_on_time(&env, &t.c, p20, &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL,
	    "completed 2026-03-17 08:30, limit 20 working days ended 2026-03-16");
	/* 2025: 2025-01-20 + 20 = 2025-02-21 (off 28 Jan - 4 Feb). */
	env.to = D(2025, 3, 31);
	mk(&t, "2025-01-20 11:00", "2025-02-21 16:00");
	cf_check_on_time(&env, &t.c, p20, &v);
	ASSERT_VERDICT(v, CF_RESULT_PASS, "");
	mk(&t, "2025-01-20 11:00", "2025-02-24 09:00");
	cf_check_on_time(&env, &t.c, p20, &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL,
	    "completed 2025-02-24 09:00, limit 20 working days ended 2025-02-21");
}
END_TEST

START_TEST(test_on_time_makeup_days)
{
	const struct cf_procedure *p1 = proc(
	    LEGAL LIMIT("3", "1") FEE("0") MATERIALS STEPS PHONE);
	struct cf_verdict v;
	struct tc t;

	/* Fri 13 Feb 2026 + 1: the make-up Saturday 14 Feb. */
	mk(&t, "2026-02-13 15:00", "2026-02-14 11:00");
	cf_check_on_time(&env, &t.c, p1, &v);
	ASSERT_VERDICT(v, CF_RESULT_PASS, "");
	mk(&t, "2026-02-13 15:00", "2026-02-24 09:10");
	cf_check_on_time(&env, &t.c, p1, &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL,
	    "completed 2026-02-24 09:10, limit 1 working day ended 2026-02-14");
	/* Fri 26 Sep 2025 + 1: the make-up Sunday 28 Sep. */
	env.to = D(2025, 12, 31);
	mk(&t, "2025-09-26 10:00", "2025-09-29 10:00");
	cf_check_on_time(&env, &t.c, p1, &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL,
	    "completed 2025-09-29 10:00, limit 1 working day ended 2025-09-28");
}
END_TEST

START_TEST(test_on_time_local_days)
{
	const struct cf_procedure *p = proc(GUIDE);
	struct cf_verdict v;
	struct tc t;

	/* 17:00Z on 4 March is 01:00 on 5 March in Shanghai: accepted on
	 * the 5th, so the limit ends on the 12th, not the 11th. */
	mk(&t, "2026-03-04T17:00:00Z", "2026-03-12T10:00:00+08:00");
	cf_check_on_time(&env, &t.c, p, &v);
	ASSERT_VERDICT(v, CF_RESULT_PASS, "");
	/* 15:59Z on the 12th is 23:59 local: still on time ... */
	mk(&t, "2026-03-04T17:00:00Z", "2026-03-12T15:59:00Z");
	cf_check_on_time(&env, &t.c, p, &v);
	ASSERT_VERDICT(v, CF_RESULT_PASS, "");
	/* ... 16:00Z is 00:00 on the 13th, and the detail is local time. */
	mk(&t, "2026-03-04T17:00:00Z", "2026-03-12T16:00:00Z");
	cf_check_on_time(&env, &t.c, p, &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL,
	    "completed 2026-03-13 00:00, limit 5 working days ended 2026-03-12");
}
END_TEST

START_TEST(test_on_time_pending)
{
	const struct cf_procedure *p = proc(GUIDE);
	struct cf_verdict v;
	struct tc t;

	/* --to is 31 March. */
	mk(&t, "2026-03-05 10:00", NULL);
	cf_check_on_time(&env, &t.c, p, &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL,
	    "pending on 2026-03-31, limit 5 working days ended 2026-03-12");
	/* Ends on --to itself: not before it, so not judged. */
	mk(&t, "2026-03-24 10:00", NULL);
	cf_check_on_time(&env, &t.c, p, &v);
	ASSERT_VERDICT(v, CF_RESULT_NA,
	    "pending on 2026-03-31, limit 5 working days ends 2026-03-31");
	mk(&t, "2026-03-25 10:00", NULL);
	cf_check_on_time(&env, &t.c, p, &v);
	ASSERT_VERDICT(v, CF_RESULT_NA,
	    "pending on 2026-03-31, limit 5 working days ends 2026-04-01");
	/* Ended the day before --to: late. */
	mk(&t, "2026-03-23 10:00", NULL);
	cf_check_on_time(&env, &t.c, p, &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL,
	    "pending on 2026-03-31, limit 5 working days ended 2026-03-30");
}
END_TEST

START_TEST(test_on_time_on_the_spot)
{
	const struct cf_procedure *p0 = proc_id("P-T-001", "on-the-spot",
	    LEGAL LIMIT("0", "0") FEE("0") MATERIALS STEPS PHONE);
	struct cf_verdict v;
	struct tc t;

	mk(&t, "2026-03-05 09:00", "2026-03-05 16:30");
	cf_check_on_time(&env, &t.c, p0, &v);
	ASSERT_VERDICT(v, CF_RESULT_PASS, "");
	mk(&t, "2026-03-05 09:00", "2026-03-06 08:00");
	cf_check_on_time(&env, &t.c, p0, &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL,
	    "completed 2026-03-06 08:00, limit 0 working days ended 2026-03-05");
	/* On a holiday, and needing no calendar: the same day. */
	env.to = D(2027, 3, 31);
	mk(&t, "2027-01-01 10:00", "2027-01-01 11:00");
	cf_check_on_time(&env, &t.c, p0, &v);
	ASSERT_VERDICT(v, CF_RESULT_PASS, "");
	mk(&t, "2027-01-01 10:00", NULL);
	cf_check_on_time(&env, &t.c, p0, &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL,
	    "pending on 2027-03-31, limit 0 working days ended 2027-01-01");
}
END_TEST

START_TEST(test_on_time_no_limit)
{
	const struct cf_procedure *none = proc(LEGAL FEE("0") STEPS);
	struct cf_verdict v;
	struct tc t;

	mk(&t, "2026-03-05 09:00", "2026-03-06 10:00");
	cf_check_on_time(&env, &t.c, none, &v);
	ASSERT_VERDICT(v, CF_RESULT_ERROR, "no committed time limit");
	const struct cf_procedure *stat = proc(
	    "  <time-limit statutory=\"15\"/>\n" STEPS);
	cf_check_on_time(&env, &t.c, stat, &v);
	ASSERT_VERDICT(v, CF_RESULT_ERROR, "no committed time limit");
}
END_TEST

START_TEST(test_on_time_uncovered_year)
{
	const struct cf_procedure *p10 = proc(
	    LEGAL LIMIT("20", "10") FEE("0") MATERIALS STEPS PHONE);
	struct cf_verdict v;
	struct tc t;

	/* Thu 24 Dec 2026 + 10 working days runs into 2027 (5 are left in
	 * 2026: 25, 28, 29, 30, 31 December). */
	env.to = D(2026, 12, 31);
	mk(&t, "2026-12-24 10:00", "2026-12-30 15:00");
	cf_check_on_time(&env, &t.c, p10, &v);
	ASSERT_VERDICT(v, CF_RESULT_PASS, ""); /* 4 of 10 used, in 2026 */
	mk(&t, "2026-12-24 10:00", "2026-12-31 23:59");
	cf_check_on_time(&env, &t.c, p10, &v);
	ASSERT_VERDICT(v, CF_RESULT_PASS, "");
	/* Pending at --to 31 Dec: the limit ends in 2027, after --to. */
	mk(&t, "2026-12-24 10:00", NULL);
	cf_check_on_time(&env, &t.c, p10, &v);
	ASSERT_VERDICT(v, CF_RESULT_NA,
	    "pending on 2026-12-31, limit 10 working days ends in 2027 or later");
	/* --to 1 Jan 2027: the limit cannot end before 1 Jan 2027 either. */
	env.to = D(2027, 1, 1);
	cf_check_on_time(&env, &t.c, p10, &v);
	ASSERT_VERDICT(v, CF_RESULT_NA,
	    "pending on 2027-01-01, limit 10 working days ends in 2027 or later");
	/* --to 15 Jan 2027: whether it ended depends on 2027. */
	env.to = D(2027, 1, 15);
	cf_check_on_time(&env, &t.c, p10, &v);
	ASSERT_VERDICT(v, CF_RESULT_ERROR, "no calendar covers 2027");
	mk(&t, "2026-12-24 10:00", "2027-01-05 15:00");
	cf_check_on_time(&env, &t.c, p10, &v);
	ASSERT_VERDICT(v, CF_RESULT_ERROR, "no calendar covers 2027");

	/* Accepted in uncovered 2024: the acceptance day needs no calendar,
	 * a completion the same day used no working day at all ... */
	const struct cf_procedure *p1 = proc(
	    LEGAL LIMIT("3", "1") FEE("0") MATERIALS STEPS PHONE);
	env.to = D(2025, 1, 31);
	mk(&t, "2024-12-30 10:00", "2024-12-30 17:00");
	cf_check_on_time(&env, &t.c, p1, &v);
	ASSERT_VERDICT(v, CF_RESULT_PASS, "");
	/* ... the next day needs 2024's calendar ... */
	mk(&t, "2024-12-30 10:00", "2024-12-31 09:00");
	cf_check_on_time(&env, &t.c, p1, &v);
	ASSERT_VERDICT(v, CF_RESULT_ERROR, "no calendar covers 2024");
	/* ... but from 31 Dec 2024 the counting starts in covered 2025. */
	mk(&t, "2024-12-31 10:00", "2025-01-03 09:00");
	cf_check_on_time(&env, &t.c, p1, &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL,
	    "completed 2025-01-03 09:00, limit 1 working day ended 2025-01-02");
}
END_TEST

START_TEST(test_case_checks_without_version)
{
	struct cf_verdict v;
	struct tc t;
	const char *want = "no version of P-T-001 in force on 2026-03-05";

	mk(&t, "2026-03-04T16:30:00Z", "2026-03-06 10:00"); /* 00:30 local */
	acts(&t, "accept", (const char *)NULL);
	cf_check_on_time(&env, &t.c, NULL, &v);
	ASSERT_VERDICT(v, CF_RESULT_ERROR, want);
	cf_check_fee(&env, &t.c, NULL, &v);
	ASSERT_VERDICT(v, CF_RESULT_ERROR, want);
	cf_check_materials(&env, &t.c, NULL, &v);
	ASSERT_VERDICT(v, CF_RESULT_ERROR, want);
	cf_check_steps(&env, &t.c, NULL, &v);
	ASSERT_VERDICT(v, CF_RESULT_ERROR, want);
	cf_check_roles(&env, &t.c, NULL, &v);
	ASSERT_VERDICT(v, CF_RESULT_ERROR, want);
	cf_check_four_eyes(&env, &t.c, NULL, &v);
	ASSERT_VERDICT(v, CF_RESULT_ERROR, want);
	/* Pending or not: every case check but in-force is an error. */
	mk(&t, "2026-03-05 10:00", NULL);
	cf_check_fee(&env, &t.c, NULL, &v);
	ASSERT_VERDICT(v, CF_RESULT_ERROR, want);
	cf_check_four_eyes(&env, &t.c, NULL, &v);
	ASSERT_VERDICT(v, CF_RESULT_ERROR, want);
}
END_TEST

/* ---- fee ---- */

START_TEST(test_fee)
{
	const struct cf_procedure *p = proc(GUIDE); /* amount="50" */
	const struct cf_procedure *p00 = proc(
	    LEGAL LIMIT("15", "5") FEE("50.00") STEPS);
	struct cf_verdict v;
	struct tc t;
	int64_t fen;

	mk(&t, "2026-03-05 09:00", "2026-03-06 10:00");
	t.c.fee_recorded = true;
	ck_assert_int_eq(cf_amount_parse(&fen, "50.00", 5), 0);
	t.c.fee_fen = fen;
	cf_check_fee(&env, &t.c, p, &v); /* "50.00" charged, "50" published */
	ASSERT_VERDICT(v, CF_RESULT_PASS, "");
	ck_assert_int_eq(cf_amount_parse(&fen, "50", 2), 0);
	t.c.fee_fen = fen;
	cf_check_fee(&env, &t.c, p00, &v); /* "50" charged, "50.00" published */
	ASSERT_VERDICT(v, CF_RESULT_PASS, "");
	t.c.fee_fen = 8000;
	cf_check_fee(&env, &t.c, p, &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL, "charged 80.00, fee 50.00");
	t.c.fee_fen = 4999; /* one fen short */
	cf_check_fee(&env, &t.c, p00, &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL, "charged 49.99, fee 50.00");

	const struct cf_procedure *free_ = proc(LEGAL FEE("0.00") STEPS);
	t.c.fee_fen = 0;
	cf_check_fee(&env, &t.c, free_, &v);
	ASSERT_VERDICT(v, CF_RESULT_PASS, "");
	t.c.fee_fen = 1;
	cf_check_fee(&env, &t.c, free_, &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL, "charged 0.01, fee 0.00");
}
END_TEST

START_TEST(test_fee_na_and_error)
{
	const struct cf_procedure *p = proc(GUIDE);
	struct cf_verdict v;
	struct tc t;

	mk(&t, "2026-03-05 09:00", NULL);
	t.c.fee_recorded = true;
	t.c.fee_fen = 8000;
	cf_check_fee(&env, &t.c, p, &v);
	ASSERT_VERDICT(v, CF_RESULT_NA, "pending on 2026-03-31");
	mk(&t, "2026-03-05 09:00", "2026-03-06 10:00");
	cf_check_fee(&env, &t.c, p, &v);
	ASSERT_VERDICT(v, CF_RESULT_ERROR, "fee not recorded");
	t.c.fee_recorded = true;
	cf_check_fee(&env, &t.c, proc(LEGAL STEPS), &v);
	ASSERT_VERDICT(v, CF_RESULT_ERROR, "no fee amount in the procedure");
	cf_check_fee(&env, &t.c, proc("  <fee currency=\"CNY\"/>\n" STEPS), &v);
	ASSERT_VERDICT(v, CF_RESULT_ERROR, "no fee amount in the procedure");
}
END_TEST

/* ---- materials ---- */

START_TEST(test_materials)
{
	const struct cf_procedure *p = proc(GUIDE); /* M1-M3 required */
	struct cf_verdict v;
	struct tc t;

	mk(&t, "2026-03-05 09:00", "2026-03-06 10:00");
	t.c.materials_recorded = true;
	t.mat[0] = "M3", t.mat[1] = "M1", t.mat[2] = "M2";
	t.c.nmaterials = 3;
	cf_check_materials(&env, &t.c, p, &v);
	ASSERT_VERDICT(v, CF_RESULT_PASS, ""); /* M4 is optional */
	t.mat[2] = "m2";		       /* ids compare exactly */
	cf_check_materials(&env, &t.c, p, &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL,
	    "required material M2 missing; received 'm2', which names no "
	    "material of P-T-001");
	t.mat[0] = "M4", t.mat[1] = "M1", t.mat[2] = "M4";
	cf_check_materials(&env, &t.c, p, &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL, "required materials M2, M3 missing");
	t.c.nmaterials = 0;
	cf_check_materials(&env, &t.c, p, &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL,
	    "required materials M1, M2, M3 missing");
	/* <materials/>: nothing is required. */
	cf_check_materials(&env, &t.c, proc(LEGAL "  <materials/>\n" STEPS),
	    &v);
	ASSERT_VERDICT(v, CF_RESULT_PASS, "");
}
END_TEST

/*
 * An item that names no material of the version in force is named in
 * the detail whatever the result (doc/checks.md): "M1，M2" typed with a
 * full-width comma is one id, and so are "M1, M2" and "M1 M2".
 */
START_TEST(test_materials_unknown_items)
{
	const struct cf_procedure *p = proc(GUIDE); /* M1-M3 required */
	struct cf_verdict v;
	struct tc t;

	mk(&t, "2026-03-05 09:00", "2026-03-06 10:00");
	t.c.materials_recorded = true;
	t.mat[0] = "M1，M2", t.mat[1] = "M3";
	t.c.nmaterials = 2;
	cf_check_materials(&env, &t.c, p, &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL,
	    "required materials M1, M2 missing; received 'M1，M2', which "
	    "names no material of P-T-001");
	/* a pass names them too: M9 is no material, M4 an optional one */
	t.mat[0] = "M1", t.mat[1] = "M2", t.mat[2] = "M3", t.mat[3] = "M9";
	t.mat[4] = "M4", t.mat[5] = "M1 M2", t.mat[6] = "M9";
	t.c.nmaterials = 7;
	cf_check_materials(&env, &t.c, p, &v);
	ASSERT_VERDICT(v, CF_RESULT_PASS,
	    "received 'M9' and 'M1 M2', which name no material of P-T-001");
	/* pending: na, and the unknown item named all the same */
	mk(&t, "2026-03-05 09:00", NULL);
	t.c.materials_recorded = true;
	t.mat[0] = "M1, M2";
	t.c.nmaterials = 1;
	cf_check_materials(&env, &t.c, p, &v);
	ASSERT_VERDICT(v, CF_RESULT_NA,
	    "pending on 2026-03-31; received 'M1, M2', which names no "
	    "material of P-T-001");
	/* many: five quoted, the rest counted */
	mk(&t, "2026-03-05 09:00", "2026-03-06 10:00");
	t.c.materials_recorded = true;
	const char *many[] = { "M1", "M2", "M3", "A", "B", "C", "D", "E", "F",
		"G" };
	t.c.materials = many;
	t.c.nmaterials = CF_ARRAY_LEN(many);
	cf_check_materials(&env, &t.c, p, &v);
	ASSERT_VERDICT(v, CF_RESULT_PASS,
	    "received 'A', 'B', 'C', 'D', 'E' and 2 more, which name no "
	    "material of P-T-001");
}
END_TEST

START_TEST(test_materials_na_and_error)
{
	const struct cf_procedure *p = proc(GUIDE);
	struct cf_verdict v;
	struct tc t;

	mk(&t, "2026-03-05 09:00", NULL);
	t.c.materials_recorded = true;
	cf_check_materials(&env, &t.c, p, &v);
	ASSERT_VERDICT(v, CF_RESULT_NA, "pending on 2026-03-31");
	mk(&t, "2026-03-05 09:00", "2026-03-06 10:00");
	cf_check_materials(&env, &t.c, p, &v);
	ASSERT_VERDICT(v, CF_RESULT_ERROR, "materials not recorded");
	t.c.materials_recorded = true;
	cf_check_materials(&env, &t.c, proc(LEGAL STEPS), &v);
	ASSERT_VERDICT(v, CF_RESULT_ERROR,
	    "no materials list in the procedure");
}
END_TEST

/* ---- steps ---- */

static void
assert_steps(const struct cf_procedure *p, struct tc *t, enum cf_result r,
    const char *detail)
{
	struct cf_verdict v;

	cf_check_steps(&env, &t->c, p, &v);
	ASSERT_VERDICT(v, r, detail);
}

START_TEST(test_steps_order)
{
	const struct cf_procedure *p = proc(GUIDE);
	struct tc t;

	STEPS_CASE(&t, "accept", "review", "approve", "issue");
	assert_steps(p, &t, CF_RESULT_PASS, "");
	STEPS_CASE(&t, "accept", "approve", "review", "issue");
	assert_steps(p, &t, CF_RESULT_FAIL, "'approve' before 'review'");
	STEPS_CASE(&t, "review", "accept");
	assert_steps(p, &t, CF_RESULT_FAIL, "'review' before 'accept'");
	STEPS_CASE(&t, "accept", "review", "review", "approve", "issue");
	assert_steps(p, &t, CF_RESULT_FAIL, "'review' repeated");
	STEPS_CASE(&t, "accept", "review", "approve", "review", "issue");
	assert_steps(p, &t, CF_RESULT_FAIL, "'review' repeated");
	STEPS_CASE(&t, "accept", "review", "recheck", "approve", "issue");
	assert_steps(p, &t, CF_RESULT_FAIL, "unknown activity 'recheck'");
	STEPS_CASE(&t, "accept", "review", "approve");
	assert_steps(p, &t, CF_RESULT_FAIL, "required step 'issue' missing");
	/* The first event that cannot be placed is named. */
	STEPS_CASE(&t, "accept", "issue", "review", "recheck");
	assert_steps(p, &t, CF_RESULT_FAIL, "'issue' before 'review'");
}
END_TEST

START_TEST(test_steps_optional_repeatable)
{
	const struct cf_procedure *p = proc(
	    "  <steps>\n"
	    "    <step id=\"accept\"/>\n"
	    "    <step id=\"supplement\" optional=\"yes\" repeatable=\"yes\"/>\n"
	    "    <step id=\"check\" optional=\"yes\"/>\n"
	    "    <step id=\"review\" repeatable=\"yes\"/>\n"
	    "    <step id=\"approve\"/>\n"
	    "    <step id=\"archive\" optional=\"yes\"/>\n"
	    "  </steps>\n");
	struct tc t;

	STEPS_CASE(&t, "accept", "review", "approve");
	assert_steps(p, &t, CF_RESULT_PASS, "");
	STEPS_CASE(&t, "accept", "supplement", "supplement", "supplement",
	    "check", "review", "review", "approve", "archive");
	assert_steps(p, &t, CF_RESULT_PASS, "");
	/* Repeatable means "more than once in a row". */
	STEPS_CASE(&t, "accept", "supplement", "check", "supplement", "review",
	    "approve");
	assert_steps(p, &t, CF_RESULT_FAIL, "'supplement' repeated");
	/* Back to a step that was skipped. */
	STEPS_CASE(&t, "accept", "review", "check", "approve");
	assert_steps(p, &t, CF_RESULT_FAIL, "'check' after 'review'");
	/* Skipping optional steps only is fine, a required one is not. */
	STEPS_CASE(&t, "accept", "approve");
	assert_steps(p, &t, CF_RESULT_FAIL, "'approve' before 'review'");
	STEPS_CASE(&t, "accept", "check", "approve", "archive", "archive");
	assert_steps(p, &t, CF_RESULT_FAIL, "'approve' before 'review'");
	STEPS_CASE(&t, "accept", "review", "approve", "archive", "archive");
	assert_steps(p, &t, CF_RESULT_FAIL, "'archive' repeated");
	STEPS_CASE(&t, "accept", "supplement");
	assert_steps(p, &t, CF_RESULT_FAIL, "required step 'review' missing");
	STEPS_CASE(&t, "supplement", "review", "approve");
	assert_steps(p, &t, CF_RESULT_FAIL, "'supplement' before 'accept'");
}
END_TEST

START_TEST(test_steps_open_and_activities)
{
	const struct cf_procedure *open = proc(
	    "  <steps open=\"yes\">\n"
	    "    <step id=\"accept\" activity=\"Receive application\"/>\n"
	    "    <step id=\"review\" activity=\"材料审核\"/>\n"
	    "    <step id=\"approve\"/>\n"
	    "  </steps>\n");
	struct tc t;

	STEPS_CASE(&t, "Receive application", "Send letter", "材料审核",
	    "recheck", "approve", "Archive");
	assert_steps(open, &t, CF_RESULT_PASS, "");
	/* Details name steps by id; the step id is not its activity. */
	STEPS_CASE(&t, "Receive application", "approve", "材料审核");
	assert_steps(open, &t, CF_RESULT_FAIL, "'approve' before 'review'");
	STEPS_CASE(&t, "Receive application", "review", "approve");
	assert_steps(open, &t, CF_RESULT_FAIL, "'approve' before 'review'");
	STEPS_CASE(&t, "Receive application", "Send letter");
	assert_steps(open, &t, CF_RESULT_FAIL,
	    "required step 'review' missing");

	const struct cf_procedure *closed = proc(
	    "  <steps>\n"
	    "    <step id=\"accept\" activity=\"Receive application\"/>\n"
	    "    <step id=\"review\" activity=\"材料审核\"/>\n"
	    "  </steps>\n");
	STEPS_CASE(&t, "Receive application", "review");
	assert_steps(closed, &t, CF_RESULT_FAIL, "unknown activity 'review'");
}
END_TEST

START_TEST(test_steps_equal_timestamps)
{
	const struct cf_procedure *p = proc(GUIDE);
	struct tc t;

	/* Same instant: the order given (import order) is the order. */
	mk(&t, "2026-03-05 09:00", "2026-03-06 10:00");
	ev(&t, "accept", "2026-03-05 09:00", NULL, NULL);
	ev(&t, "review", "2026-03-05 14:00", NULL, NULL);
	ev(&t, "approve", "2026-03-05 14:00", NULL, NULL);
	ev(&t, "issue", "2026-03-06 10:00", NULL, NULL);
	assert_steps(p, &t, CF_RESULT_PASS, "");
	t.ev[1].activity = "approve", t.ev[2].activity = "review";
	assert_steps(p, &t, CF_RESULT_FAIL, "'approve' before 'review'");
}
END_TEST

START_TEST(test_steps_na_and_error)
{
	const struct cf_procedure *p = proc(GUIDE);
	struct tc t;

	mk(&t, "2026-03-05 09:00", "2026-03-06 10:00");
	assert_steps(p, &t, CF_RESULT_ERROR, "no events recorded");
	mk(&t, "2026-03-05 09:00", NULL);
	acts(&t, "accept", "approve", (const char *)NULL);
	assert_steps(p, &t, CF_RESULT_NA, "pending on 2026-03-31");
}
END_TEST

START_TEST(test_steps_many)
{
	/* More steps than the checker keeps on its stack. */
	struct cf_buf x = CF_BUF_INIT;
	struct tc t;

	cf_buf_adds(&x, "  <steps>\n");
	for (int i = 0; i < 70; i++)
		cf_buf_addf(&x, "    <step id=\"s%02d\"%s/>\n", i,
		    i >= 2 ? " optional=\"yes\"" : "");
	cf_buf_adds(&x, "  </steps>\n");
	const struct cf_procedure *p = proc(x.s);
	STEPS_CASE(&t, "s00", "s01", "s66", "s69");
	assert_steps(p, &t, CF_RESULT_PASS, "");
	STEPS_CASE(&t, "s00", "s01", "s65", "s69", "s67");
	assert_steps(p, &t, CF_RESULT_FAIL, "'s67' after 's69'");
	STEPS_CASE(&t, "s00", "s01", "s68", "s69", "s68");
	assert_steps(p, &t, CF_RESULT_FAIL, "'s68' repeated");
	cf_buf_release(&x);
}
END_TEST

/* ---- roles ---- */

START_TEST(test_roles)
{
	const struct cf_procedure *p = proc(GUIDE);
	struct cf_verdict v;
	struct tc t;

	mk(&t, "2026-03-05 09:00", "2026-03-06 10:00");
	ev(&t, "accept", "2026-03-05 09:00", "c01", "clerk");
	ev(&t, "review", "2026-03-05 10:00", "r01", "reviewer");
	ev(&t, "approve", "2026-03-05 11:00", "a01", "approver");
	ev(&t, "issue", "2026-03-06 10:00", "c01", "clerk");
	cf_check_roles(&env, &t.c, p, &v);
	ASSERT_VERDICT(v, CF_RESULT_PASS, "");
	t.ev[1].role = "clerk";
	t.ev[3].role = "approver";
	cf_check_roles(&env, &t.c, p, &v); /* the first mismatch */
	ASSERT_VERDICT(v, CF_RESULT_FAIL,
	    "step 'review' by role 'clerk', expected 'reviewer'");
	/* Events without a role are not judged. */
	t.ev[1].role = NULL;
	cf_check_roles(&env, &t.c, p, &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL,
	    "step 'issue' by role 'approver', expected 'clerk'");
	t.ev[3].role = NULL;
	cf_check_roles(&env, &t.c, p, &v);
	ASSERT_VERDICT(v, CF_RESULT_PASS, "");
	for (size_t i = 0; i < t.c.nevents; i++)
		t.ev[i].role = NULL;
	cf_check_roles(&env, &t.c, p, &v);
	ASSERT_VERDICT(v, CF_RESULT_PASS, "no event with a role to judge");
}
END_TEST

START_TEST(test_roles_only_steps_with_roles)
{
	const struct cf_procedure *p = proc(
	    "  <steps open=\"yes\">\n"
	    "    <step id=\"accept\"/>\n"
	    "    <step id=\"review\" activity=\"材料审核\" role=\"reviewer\"/>\n"
	    "  </steps>\n");
	struct cf_verdict v;
	struct tc t;

	mk(&t, "2026-03-05 09:00", "2026-03-06 10:00");
	ev(&t, "accept", "2026-03-05 09:00", "c01", "anybody");
	ev(&t, "phone call", "2026-03-05 09:30", "c01", "clerk");
	ev(&t, "材料审核", "2026-03-05 10:00", "r01", "reviewer");
	cf_check_roles(&env, &t.c, p, &v);
	ASSERT_VERDICT(v, CF_RESULT_PASS, "");
	t.ev[2].role = "窗口";
	cf_check_roles(&env, &t.c, p, &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL,
	    "step 'review' by role '窗口', expected 'reviewer'");
}
END_TEST

START_TEST(test_roles_na)
{
	const struct cf_procedure *p = proc(GUIDE);
	struct cf_verdict v;
	struct tc t;

	mk(&t, "2026-03-05 09:00", "2026-03-06 10:00");
	cf_check_roles(&env, &t.c, p, &v);
	ASSERT_VERDICT(v, CF_RESULT_NA, "no events recorded");
	mk(&t, "2026-03-05 09:00", NULL);
	ev(&t, "review", "2026-03-05 10:00", "r01", "clerk");
	cf_check_roles(&env, &t.c, p, &v);
	ASSERT_VERDICT(v, CF_RESULT_NA, "pending on 2026-03-31");
}
END_TEST

/* ---- four-eyes ---- */

static void
assert_four_eyes(const struct cf_procedure *p, struct tc *t, enum cf_result r,
    const char *detail)
{
	struct cf_verdict v;

	cf_check_four_eyes(&env, &t->c, p, &v);
	ASSERT_VERDICT(v, r, detail);
}

START_TEST(test_four_eyes)
{
	const struct cf_procedure *p = proc(GUIDE); /* approve != review */
	struct tc t;

	mk(&t, "2026-03-05 09:00", "2026-03-06 10:00");
	ev(&t, "accept", "2026-03-05 09:00", "c01", NULL);
	ev(&t, "review", "2026-03-05 10:00", "r01", NULL);
	ev(&t, "approve", "2026-03-05 11:00", "r02", NULL);
	ev(&t, "issue", "2026-03-06 10:00", "c01", NULL);
	assert_four_eyes(p, &t, CF_RESULT_PASS, "");
	t.ev[1].actor = "r02";
	assert_four_eyes(p, &t, CF_RESULT_FAIL,
	    "actor r02 did review and approve");
	/* Any occurrence of either step. */
	mk(&t, "2026-03-05 09:00", "2026-03-06 10:00");
	ev(&t, "review", "2026-03-05 10:00", "r01", NULL);
	ev(&t, "review", "2026-03-05 10:30", "r02", NULL);
	ev(&t, "approve", "2026-03-05 11:00", "r03", NULL);
	ev(&t, "approve", "2026-03-05 11:30", "r02", NULL);
	assert_four_eyes(p, &t, CF_RESULT_FAIL,
	    "actor r02 did review and approve");
	/* Events without an actor are not compared. */
	t.ev[1].actor = NULL;
	assert_four_eyes(p, &t, CF_RESULT_PASS, "");
	/* Actors compare exactly. */
	t.ev[1].actor = "R02";
	assert_four_eyes(p, &t, CF_RESULT_PASS, "");
}
END_TEST

START_TEST(test_four_eyes_na_and_error)
{
	const struct cf_procedure *p = proc(GUIDE);
	struct tc t;

	mk(&t, "2026-03-05 09:00", "2026-03-06 10:00");
	ev(&t, "accept", "2026-03-05 09:00", "c01", NULL);
	ev(&t, "review", "2026-03-05 10:00", "r01", NULL);
	assert_four_eyes(p, &t, CF_RESULT_NA,
	    "no pair with both steps performed");
	ev(&t, "approve", "2026-03-05 11:00", NULL, NULL);
	assert_four_eyes(p, &t, CF_RESULT_ERROR, "actor not recorded");
	t.ev[2].actor = "a01";
	t.ev[1].actor = NULL;
	assert_four_eyes(p, &t, CF_RESULT_ERROR, "actor not recorded");
	t.ev[1].actor = "r01";
	assert_four_eyes(p, &t, CF_RESULT_PASS, "");
	t.c.completed = false;
	assert_four_eyes(p, &t, CF_RESULT_NA, "pending on 2026-03-31");
	t.c.completed = true;
	t.c.nevents = 0;
	assert_four_eyes(p, &t, CF_RESULT_NA,
	    "no pair with both steps performed");
	const struct cf_procedure *none = proc(
	    "  <steps><step id=\"review\"/><step id=\"approve\"/></steps>\n");
	assert_four_eyes(none, &t, CF_RESULT_NA,
	    "no step with not-same-actor-as in the procedure");
}
END_TEST

START_TEST(test_four_eyes_pairs)
{
	/* Two pairs: approve/review and issue/accept. */
	const struct cf_procedure *p = proc(
	    "  <steps>\n"
	    "    <step id=\"accept\"/>\n"
	    "    <step id=\"review\"/>\n"
	    "    <step id=\"approve\" optional=\"yes\" not-same-actor-as=\"review\"/>\n"
	    "    <step id=\"issue\" not-same-actor-as=\"accept\"/>\n"
	    "  </steps>\n");
	struct tc t;

	mk(&t, "2026-03-05 09:00", "2026-03-06 10:00");
	ev(&t, "accept", "2026-03-05 09:00", "c01", NULL);
	ev(&t, "review", "2026-03-05 10:00", "r01", NULL);
	ev(&t, "approve", "2026-03-05 11:00", "a01", NULL);
	ev(&t, "issue", "2026-03-06 10:00", "c02", NULL);
	assert_four_eyes(p, &t, CF_RESULT_PASS, "");
	/* One pair fails: the case fails. */
	t.ev[3].actor = "c01";
	assert_four_eyes(p, &t, CF_RESULT_FAIL,
	    "actor c01 did accept and issue");
	/* A fail wins over an error in the other pair. */
	t.ev[1].actor = NULL;
	assert_four_eyes(p, &t, CF_RESULT_FAIL,
	    "actor c01 did accept and issue");
	/* An error wins over a pass. */
	t.ev[3].actor = "c02";
	assert_four_eyes(p, &t, CF_RESULT_ERROR, "actor not recorded");
	/* na (approve absent) and pass: pass. */
	t.ev[1].actor = "r01";
	t.ev[2] = t.ev[3];
	t.c.nevents = 3;
	assert_four_eyes(p, &t, CF_RESULT_PASS, "");
	/* Both na: na. */
	t.c.nevents = 2;
	assert_four_eyes(p, &t, CF_RESULT_NA,
	    "no pair with both steps performed");
	/* Both fail: the first pair in procedure order is named. */
	mk(&t, "2026-03-05 09:00", "2026-03-06 10:00");
	ev(&t, "accept", "2026-03-05 09:00", "x", NULL);
	ev(&t, "review", "2026-03-05 10:00", "y", NULL);
	ev(&t, "approve", "2026-03-05 11:00", "y", NULL);
	ev(&t, "issue", "2026-03-06 10:00", "x", NULL);
	assert_four_eyes(p, &t, CF_RESULT_FAIL,
	    "actor y did review and approve");
}
END_TEST

/* ---- in-force ---- */

START_TEST(test_in_force)
{
	char bad[] = "commit 3f1c0a9e: procedures/P-BIZ-001.xml:5: bad";
	struct cf_docversion ver = { .effective_from = 0 };
	struct cf_verdict v;
	struct tc t;

	ver.effective_from = D(2026, 1, 1);
	mk(&t, "2026-03-05 09:00", NULL);
	cf_check_in_force(&env, &t.c, &ver, &v);
	ASSERT_VERDICT(v, CF_RESULT_PASS, "");
	/* Accepted before its procedure came into force: the runner finds
	 * no version, and the acceptance day is local (01:00 on 20 Dec). */
	mk(&t, "2025-12-19T17:00:00Z", "2025-12-22 10:00");
	t.c.procedure_id = "P-BIZ-001";
	cf_check_in_force(&env, &t.c, NULL, &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL,
	    "no version of P-BIZ-001 in force on 2025-12-20");
	/* Withdrawn: a deletion is in force. */
	ver.deleted = true;
	ver.effective_from = D(2026, 5, 1);
	mk(&t, "2026-05-06 09:00", NULL);
	t.c.procedure_id = "P-BIZ-001";
	cf_check_in_force(&env, &t.c, &ver, &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL, "P-BIZ-001 withdrawn on 2026-05-01");
	/* In force but invalid (the runner says so for every check). */
	ver.deleted = false;
	ver.invalid = bad;
	cf_check_in_force(&env, &t.c, &ver, &v);
	ASSERT_VERDICT(v, CF_RESULT_ERROR,
	    "commit 3f1c0a9e: procedures/P-BIZ-001.xml:5: bad");
}
END_TEST

/* ---- guide-complete ---- */

static void
assert_guide(const char *body, enum cf_result r, const char *detail)
{
	struct cf_verdict v;

	cf_check_guide_complete(proc(body), &v);
	ASSERT_VERDICT(v, r, detail);
}

START_TEST(test_guide_complete)
{
	assert_guide(GUIDE, CF_RESULT_PASS, "");
	assert_guide(LIMIT("15", "5") FEE("50") MATERIALS STEPS, CF_RESULT_FAIL,
	    "missing: legal-basis, complaint-phone");
	assert_guide(STEPS, CF_RESULT_FAIL,
	    "missing: legal-basis, time-limit, fee, materials, complaint-phone");
	/* Empty: blank text, or a required attribute missing. */
	assert_guide("  <legal-basis> \n </legal-basis>\n"
		     "  <time-limit statutory=\"15\" unit=\"working-day\"/>\n"
		     "  <fee currency=\"CNY\"/>\n"
		     "  <materials/>\n" STEPS
		     "  <complaint-phone>  </complaint-phone>\n",
	    CF_RESULT_FAIL,
	    "missing: legal-basis, time-limit, fee, complaint-phone");
	assert_guide(LEGAL "  <time-limit committed=\"5\"/>\n" FEE(
			 "0") "  <materials/>\n" STEPS PHONE,
	    CF_RESULT_FAIL, "missing: time-limit");
	/* One non-blank legal basis among blank ones is enough; no unit or
	 * currency is needed; <materials/> requires nothing and is complete. */
	assert_guide("  <legal-basis></legal-basis>\n" LEGAL
		     "  <time-limit statutory=\"15\" committed=\"5\"/>\n"
		     "  <fee amount=\"0\"/>\n"
		     "  <materials/>\n" STEPS PHONE,
	    CF_RESULT_PASS, "");
}
END_TEST

/* ---- limits-consistent ---- */

START_TEST(test_limits_consistent)
{
	struct cf_verdict v;

	cf_check_limits_consistent(proc(GUIDE), &v);
	ASSERT_VERDICT(v, CF_RESULT_PASS, "");
	cf_check_limits_consistent(proc(LIMIT("15", "15") STEPS), &v);
	ASSERT_VERDICT(v, CF_RESULT_PASS, "");
	cf_check_limits_consistent(proc(LIMIT("15", "16") STEPS), &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL,
	    "committed 16 working days exceeds the statutory 15");
	cf_check_limits_consistent(proc(LIMIT("15", "20") STEPS), &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL,
	    "committed 20 working days exceeds the statutory 15");
	cf_check_limits_consistent(proc(STEPS), &v);
	ASSERT_VERDICT(v, CF_RESULT_ERROR, "no complete time-limit");
	cf_check_limits_consistent(
	    proc("  <time-limit committed=\"5\"/>\n" STEPS), &v);
	ASSERT_VERDICT(v, CF_RESULT_ERROR, "no complete time-limit");
}
END_TEST

/* ---- review-current ---- */

START_TEST(test_review_current)
{
	struct cf_verdict v;

	cf_check_review_current(&env, D(2026, 12, 31), &v);
	ASSERT_VERDICT(v, CF_RESULT_PASS, "review due 2026-12-31");
	cf_check_review_current(&env, D(2026, 3, 31), &v); /* = --to */
	ASSERT_VERDICT(v, CF_RESULT_PASS, "review due 2026-03-31");
	cf_check_review_current(&env, D(2026, 3, 30), &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL, "review was due 2026-03-30");
	cf_check_review_current(&env, D(2026, 3, 15), &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL, "review was due 2026-03-15");
	cf_check_review_current(&env, CF_DAY_NONE, &v);
	ASSERT_VERDICT(v, CF_RESULT_ERROR, "no review-due date");
	/* From a parsed procedure. */
	cf_check_review_current(&env,
	    proc("  <review-due>2026-01-31</review-due>\n" STEPS)->review_due,
	    &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL, "review was due 2026-01-31");
	cf_check_review_current(&env, proc(STEPS)->review_due, &v);
	ASSERT_VERDICT(v, CF_RESULT_ERROR, "no review-due date");
}
END_TEST

/* ---- approved ---- */

START_TEST(test_approved)
{
	/* The struct owns mutable strings; these arrays stand in. */
	char zs[] = "张三", zs_mail[] = "zhangsan@df.gov.cn", ls[] = "李四",
	     ls_mail[] = "lisi@df.gov.cn", sz[] = "San Zhang",
	     sz_mail[] = "ZhangSan@DF.gov.cn", none[] = "", ww[] = "王五",
	     bad[] = "commit 3f1c0a9e: standards/Q_DF-FW-001.xml:3: bad";
	struct cf_docversion ver = { .author_name = zs,
		.author_email = zs_mail,
		.approver_name = ls,
		.approver_email = ls_mail };
	struct cf_verdict v;

	cf_check_approved(&ver, &v);
	ASSERT_VERDICT(v, CF_RESULT_PASS, "approved by 李四 <lisi@df.gov.cn>");
	/* The same e-mail ignoring case is the same person. */
	ver.approver_name = sz;
	ver.approver_email = sz_mail;
	cf_check_approved(&ver, &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL,
	    "approved by its author San Zhang <ZhangSan@DF.gov.cn>");
	/* Without an e-mail, the names decide. */
	ver.approver_name = zs;
	ver.approver_email = none;
	cf_check_approved(&ver, &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL, "approved by its author 张三");
	ver.approver_name = ww;
	cf_check_approved(&ver, &v);
	ASSERT_VERDICT(v, CF_RESULT_PASS, "approved by 王五");
	ver.approver_name = NULL;
	cf_check_approved(&ver, &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL, "no Approved-by");
	cf_check_approved(NULL, &v);
	ASSERT_VERDICT(v, CF_RESULT_ERROR, "no version in force");
	ver.invalid = bad;
	cf_check_approved(&ver, &v);
	ASSERT_VERDICT(v, CF_RESULT_ERROR,
	    "commit 3f1c0a9e: standards/Q_DF-FW-001.xml:3: bad");
}
END_TEST

/* ---- aggregates ---- */

static struct cf_check
rate_check(const char *min)
{
	struct cf_check chk = { .has_min = true };

	ck_assert_int_eq(cf_ratio_parse(&chk.min, min), 0);
	return chk;
}

START_TEST(test_on_time_rate)
{
	struct cf_check chk = rate_check("0.95");
	struct cf_verdict v;

	cf_check_on_time_rate(&chk, 960, 1000, &v);
	ASSERT_VERDICT(v, CF_RESULT_PASS,
	    "on time 960 of 1000 (96.0 %), minimum 95 %");
	cf_check_on_time_rate(&chk, 950, 1000, &v); /* exactly the minimum */
	ASSERT_VERDICT(v, CF_RESULT_PASS,
	    "on time 950 of 1000 (95.0 %), minimum 95 %");
	cf_check_on_time_rate(&chk, 949, 1000, &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL,
	    "on time 949 of 1000 (94.9 %), minimum 95 %");
	cf_check_on_time_rate(&chk, 940, 1000, &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL,
	    "on time 940 of 1000 (94.0 %), minimum 95 %");
	cf_check_on_time_rate(&chk, 19, 20, &v);
	ASSERT_VERDICT(v, CF_RESULT_PASS,
	    "on time 19 of 20 (95.0 %), minimum 95 %");
	cf_check_on_time_rate(&chk, 18, 19, &v); /* 94.736... */
	ASSERT_VERDICT(v, CF_RESULT_FAIL,
	    "on time 18 of 19 (94.7 %), minimum 95 %");
	/* 94.996 % rounds to 95.0 but fails: it is shown truncated. */
	cf_check_on_time_rate(&chk, 94996, 100000, &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL,
	    "on time 94996 of 100000 (94.9 %), minimum 95 %");
	cf_check_on_time_rate(&chk, 99996, 100000, &v); /* a pass rounds */
	ASSERT_VERDICT(v, CF_RESULT_PASS,
	    "on time 99996 of 100000 (100.0 %), minimum 95 %");
	cf_check_on_time_rate(&chk, 0, 0, &v);
	ASSERT_VERDICT(v, CF_RESULT_NA, "no case judged");
	cf_check_on_time_rate(&chk, 0, 5, &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL,
	    "on time 0 of 5 (0.0 %), minimum 95 %");
	cf_check_on_time_rate(&chk, 6, 5, &v);
	ASSERT_VERDICT(v, CF_RESULT_ERROR,
	    "inconsistent counts: 6 on time of 5");
	chk.has_min = false;
	cf_check_on_time_rate(&chk, 5, 5, &v);
	ASSERT_VERDICT(v, CF_RESULT_ERROR, "no minimum in the check");
}
END_TEST

START_TEST(test_on_time_rate_exact_large)
{
	/* A billion cases against eight decimals, compared and shown
	 * exactly (no floating point would tell these apart reliably). */
	struct cf_check chk = rate_check("0.99999999");
	struct cf_verdict v;

	ck_assert_int_eq(chk.min.den, 100000000);
	cf_check_on_time_rate(&chk, 999999990, 1000000000, &v);
	ASSERT_VERDICT(v, CF_RESULT_PASS,
	    "on time 999999990 of 1000000000 (99.999999 %), "
	    "minimum 99.999999 %");
	cf_check_on_time_rate(&chk, 999999989, 1000000000, &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL,
	    "on time 999999989 of 1000000000 (99.999998 %), "
	    "minimum 99.999999 %");
	/* 10000012 / 10531871 = 94.950005 % and 10000011 / 10531871 =
	 * 94.949995 % (python3 fractions): the second rounds to the
	 * minimum but fails, so it is shown truncated. */
	chk = rate_check("0.9495");
	cf_check_on_time_rate(&chk, 10000012, 10531871, &v);
	ASSERT_VERDICT(v, CF_RESULT_PASS,
	    "on time 10000012 of 10531871 (94.95 %), minimum 94.95 %");
	cf_check_on_time_rate(&chk, 10000011, 10531871, &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL,
	    "on time 10000011 of 10531871 (94.94 %), minimum 94.95 %");
}
END_TEST

/* n procedures, `spot` of them on the spot. */
static void
spot_procs(const struct cf_procedure **out, size_t n, size_t spot)
{
	for (size_t i = 0; i < n; i++) {
		char id[16];
		snprintf(id, sizeof id, "P-S-%03zu", i);
		out[i] = proc_id(id, i < spot ? "on-the-spot" : "commitment",
		    i < spot ? LIMIT("5", "0") STEPS : LIMIT("20", "5") STEPS);
	}
}

START_TEST(test_on_the_spot_ratio)
{
	const struct cf_procedure *ps[16];
	struct cf_check chk = rate_check("0.30");
	struct cf_verdict v;

	spot_procs(ps, 16, 5);
	cf_check_on_the_spot_ratio(&chk, ps, 16, &v);
	ASSERT_VERDICT(v, CF_RESULT_PASS,
	    "5 of 16 procedures on the spot, minimum 0.30");
	cf_check_on_the_spot_ratio(&chk, ps + 1, 15, &v); /* 4 of 15 */
	ASSERT_VERDICT(v, CF_RESULT_FAIL,
	    "4 of 15 procedures on the spot, minimum 0.30");
	/* 3 of 10 is exactly the minimum; 2 of 10 is below. */
	cf_check_on_the_spot_ratio(&chk, ps + 2, 10, &v);
	ASSERT_VERDICT(v, CF_RESULT_PASS,
	    "3 of 10 procedures on the spot, minimum 0.30");
	cf_check_on_the_spot_ratio(&chk, ps + 3, 10, &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL,
	    "2 of 10 procedures on the spot, minimum 0.30");
	cf_check_on_the_spot_ratio(&chk, ps, 0, &v);
	ASSERT_VERDICT(v, CF_RESULT_ERROR, "no procedure in force");
	chk = rate_check("1");
	cf_check_on_the_spot_ratio(&chk, ps, 5, &v);
	ASSERT_VERDICT(v, CF_RESULT_PASS,
	    "5 of 5 procedures on the spot, minimum 1");
}
END_TEST

START_TEST(test_limit_compression)
{
	const struct cf_procedure *ps[6];
	struct cf_check chk = rate_check("0.40");
	struct cf_verdict v;

	/* Σ statutory 235, Σ committed 80; the on-the-spot procedure and
	 * the one without a committed limit are left out. */
	ps[0] = proc_id("P-C-001", "commitment", LIMIT("20", "5") STEPS);
	ps[1] = proc_id("P-C-002", "commitment", LIMIT("60", "20") STEPS);
	ps[2] = proc_id("P-C-003", "commitment", LIMIT("155", "55") STEPS);
	ps[3] = proc_id("P-C-004", "on-the-spot", LIMIT("10", "0") STEPS);
	ps[4] = proc_id("P-C-005", "commitment",
	    "  <time-limit statutory=\"100\"/>\n" STEPS);
	ps[5] = proc_id("P-C-006", "commitment", STEPS);
	cf_check_limit_compression(&chk, ps, 6, &v);
	ASSERT_VERDICT(v, CF_RESULT_PASS,
	    "compression 0.66 (Σ committed 80 / Σ statutory 235), minimum 0.40");
	chk = rate_check("0.70");
	cf_check_limit_compression(&chk, ps, 6, &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL,
	    "compression 0.66 (Σ committed 80 / Σ statutory 235), minimum 0.70");
	cf_check_limit_compression(&chk, ps + 3, 3, &v);
	ASSERT_VERDICT(v, CF_RESULT_ERROR,
	    "no commitment procedure with a complete time-limit");
	cf_check_limit_compression(&chk, ps, 0, &v);
	ASSERT_VERDICT(v, CF_RESULT_ERROR,
	    "no commitment procedure with a complete time-limit");
}
END_TEST

START_TEST(test_limit_compression_at_minimum)
{
	const struct cf_procedure *ps[2];
	struct cf_check chk = rate_check("0.40");
	struct cf_verdict v;

	ps[0] = proc_id("P-C-001", "commitment", LIMIT("100", "60") STEPS);
	cf_check_limit_compression(&chk, ps, 1, &v);
	ASSERT_VERDICT(v, CF_RESULT_PASS,
	    "compression 0.40 (Σ committed 60 / Σ statutory 100), minimum 0.40");
	ps[0] = proc_id("P-C-002", "commitment", LIMIT("100", "61") STEPS);
	cf_check_limit_compression(&chk, ps, 1, &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL,
	    "compression 0.39 (Σ committed 61 / Σ statutory 100), minimum 0.40");
	/* 0.399 would round to 0.40: a failing value is shown truncated. */
	ps[0] = proc_id("P-C-003", "commitment", LIMIT("1000", "601") STEPS);
	cf_check_limit_compression(&chk, ps, 1, &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL,
	    "compression 0.39 (Σ committed 601 / Σ statutory 1000), minimum 0.40");
	/* Committed beyond statutory: negative, never shown better. */
	ps[0] = proc_id("P-C-004", "commitment", LIMIT("300", "301") STEPS);
	cf_check_limit_compression(&chk, ps, 1, &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL,
	    "compression -0.01 (Σ committed 301 / Σ statutory 300), minimum 0.40");
	ps[0] = proc_id("P-C-005", "commitment", LIMIT("0", "0") STEPS);
	cf_check_limit_compression(&chk, ps, 1, &v);
	ASSERT_VERDICT(v, CF_RESULT_ERROR,
	    "the statutory limits add up to 0 working days");
	/* More decimals in the minimum, more in the measure. */
	chk = rate_check("0.3333");
	ps[0] = proc_id("P-C-006", "commitment", LIMIT("3", "2") STEPS);
	cf_check_limit_compression(&chk, ps, 1, &v);
	ASSERT_VERDICT(v, CF_RESULT_PASS,
	    "compression 0.3333 (Σ committed 2 / Σ statutory 3), minimum 0.3333");
}
END_TEST

/* A procedure of two steps, the second not by the first's actor. */
static struct cf_step two_steps[2] = {
	{ .id = (char *)"review", .activity = (char *)"review", .nsa = -1 },
	{ .id = (char *)"approve",
	    .activity = (char *)"approve",
	    .not_same_actor_as = (char *)"review",
	    .nsa = 0 },
};

/*
 * four-eyes compared every event with every other: a case of 200,000
 * events took hours (n^2); now each step's actors are sorted once.  A
 * million events (the most a case holds) take a second or two that way,
 * and days the old way: the tcase's timeout, not a clock, tells.
 */
START_TEST(test_four_eyes_many_events)
{
	SKIP_UNDER_VALGRIND(); /* (before anything is allocated) */
	struct cf_procedure p = { 0 };
	struct cf_audit_env big = { 0 };
	struct cf_case c = { 0 };
	struct cf_verdict v;
	size_t n = CF_CASE_MAX_EVENTS;
	struct cf_event *ev = cf_xcalloc(n, sizeof *ev);
	char(*names)[16] = cf_xcalloc(n, sizeof *names);

	p.id = (char *)"P";
	p.steps = two_steps;
	p.nsteps = 2;
	for (size_t i = 0; i < n; i++) {
		ev[i].activity = i % 2 ? "approve" : "review";
		snprintf(names[i], sizeof names[i], "%c%zu", i % 2 ? 'b' : 'a',
		    i / 2);
		ev[i].actor = names[i];
	}
	c.id = "C";
	c.procedure_id = "P";
	c.completed = true;
	c.events = ev;
	c.nevents = n;
	big.to = cf_day_from_ymd(2026, 12, 31);
	ck_assert_int_eq(cf_tz_open(&big.tz, "UTC"), 0);
	cf_check_four_eyes(&big, &c, &p, &v);
	ck_assert_int_eq(v.result, CF_RESULT_PASS);
	/* The last approval by the first reviewer: found, and named. */
	ev[n - 1].actor = names[0];
	cf_check_four_eyes(&big, &c, &p, &v);
	ck_assert_int_eq(v.result, CF_RESULT_FAIL);
	ck_assert_str_eq(v.detail, "actor a0 did review and approve");
	cf_tz_free(big.tz);
	free(ev);
	free(names);
}
END_TEST

/* ---- 好差评: bad-review, satisfaction-rate, evaluation-coverage ---- */

/* An evaluation rated at `rated` (local), rectified and revisited at
 * the times given (NULL: not). */
static struct cf_evaluation
EV(int rating, const char *rated, int real_name, const char *rectified,
    const char *revisit)
{
	struct cf_evaluation e;

	memset(&e, 0, sizeof e);
	e.rating = rating;
	e.rated_at = T(rated);
	e.real_name = real_name;
	if (rectified) {
		e.rectified = true;
		e.rectified_at = T(rectified);
	}
	if (revisit) {
		e.revisited = true;
		e.revisit_at = T(revisit);
	}
	return e;
}

static struct cf_check
bad_review(int max, int within, bool all)
{
	struct cf_check k;

	memset(&k, 0, sizeof k);
	k.type = CF_CHECK_BAD_REVIEW;
	k.max = max;
	k.within = within;
	k.revisit_all = all;
	return k;
}

START_TEST(test_bad_review_deadline)
{
	struct cf_check k = bad_review(-1, -1, false); /* 2 and 15 */
	struct cf_evaluation e[3];
	struct cf_verdict v;
	struct tc t;

	/* Mon 2 March + 15 working days: 3-6, 9-13, 16-20, 23 March. */
	mk(&t, "2026-02-27 09:00", "2026-03-02 09:00");
	t.c.evaluations = e;
	t.c.nevaluations = 1;
	e[0] = EV(1, "2026-03-02 10:00", 0, "2026-03-30 09:00", NULL);
	cf_check_bad_review(&env, &k, &t.c, &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL,
	    "rated 1 on 2026-03-02, rectified 2026-03-30, deadline 2026-03-23 "
	    "(15 working days)");
	/* The end of the deadline day is in time, the next minute not. */
	e[0] = EV(2, "2026-03-02 10:00", 0, "2026-03-23 23:59:59", NULL);
	cf_check_bad_review(&env, &k, &t.c, &v);
	ASSERT_VERDICT(v, CF_RESULT_PASS, "");
	e[0] = EV(2, "2026-03-02 10:00", 0, "2026-03-24 00:00", NULL);
	cf_check_bad_review(&env, &k, &t.c, &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL,
	    "rated 2 on 2026-03-02, rectified 2026-03-24, deadline 2026-03-23 "
	    "(15 working days)");
	/* Never rectified (as seen at the end of --to). */
	e[0] = EV(1, "2026-03-02 10:00", 0, NULL, NULL);
	cf_check_bad_review(&env, &k, &t.c, &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL,
	    "rated 1 on 2026-03-02, not rectified, deadline 2026-03-23 "
	    "(15 working days)");
	/* A rating above max is no bad review; max 3 makes it one. */
	e[0] = EV(3, "2026-03-02 10:00", 0, NULL, NULL);
	cf_check_bad_review(&env, &k, &t.c, &v);
	ASSERT_VERDICT(v, CF_RESULT_NA, CF_QUIET_NA_BAD_REVIEW);
	k.max = 3;
	cf_check_bad_review(&env, &k, &t.c, &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL,
	    "rated 3 on 2026-03-02, not rectified, deadline 2026-03-23 "
	    "(15 working days)");
	/* within 5: Mon 2 March + 5 = Mon 9 March; the rated day's local
	 * day counts, not UTC's (01:00 local is 1 March in UTC). */
	k = bad_review(2, 5, false);
	e[0] = EV(1, "2026-03-02 01:00", 0, "2026-03-10 08:00", NULL);
	cf_check_bad_review(&env, &k, &t.c, &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL,
	    "rated 1 on 2026-03-02, rectified 2026-03-10, deadline 2026-03-09 "
	    "(5 working days)");
	/* within 0: the rated day itself; 1 working day: singular. */
	k = bad_review(2, 0, false);
	e[0] = EV(1, "2026-03-02 10:00", 0, "2026-03-02 23:00", NULL);
	cf_check_bad_review(&env, &k, &t.c, &v);
	ASSERT_VERDICT(v, CF_RESULT_PASS, "");
	k = bad_review(2, 1, false);
	e[0] = EV(1, "2026-03-06 10:00", 0, "2026-03-10 08:00", NULL);
	cf_check_bad_review(&env, &k, &t.c, &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL,
	    "rated 1 on 2026-03-06, rectified 2026-03-10, deadline 2026-03-09 "
	    "(1 working day)");
	/* Several: the first late one named, the others counted. */
	k = bad_review(-1, -1, false);
	t.c.nevaluations = 3;
	e[0] = EV(1, "2026-03-02 10:00", 0, "2026-03-05 10:00", NULL);
	e[1] = EV(2, "2026-03-03 10:00", 0, NULL, NULL);
	e[2] = EV(1, "2026-03-04 10:00", 0, NULL, NULL);
	cf_check_bad_review(&env, &k, &t.c, &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL,
	    "rated 2 on 2026-03-03, not rectified, deadline 2026-03-24 "
	    "(15 working days); 1 more bad evaluation not handled in time");
	/* A pending case is judged as a completed one. */
	mk(&t, "2026-02-27 09:00", NULL);
	t.c.evaluations = e;
	t.c.nevaluations = 1;
	e[0] = EV(1, "2026-03-02 10:00", 0, NULL, NULL);
	cf_check_bad_review(&env, &k, &t.c, &v);
	ck_assert_int_eq(v.result, CF_RESULT_FAIL);
	/* No evaluation at all. */
	t.c.nevaluations = 0;
	cf_check_bad_review(&env, &k, &t.c, &v);
	ASSERT_VERDICT(v, CF_RESULT_NA, CF_QUIET_NA_BAD_REVIEW);
}
END_TEST

START_TEST(test_bad_review_revisit)
{
	struct cf_check k = bad_review(-1, -1, false);
	struct cf_evaluation e[1];
	struct cf_verdict v;
	struct tc t;

	mk(&t, "2026-02-27 09:00", "2026-03-02 09:00");
	t.c.evaluations = e;
	t.c.nevaluations = 1;
	/* Real name: rectified is not enough. */
	e[0] = EV(1, "2026-03-02 10:00", 1, "2026-03-10 09:00", NULL);
	cf_check_bad_review(&env, &k, &t.c, &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL,
	    "rated 1 on 2026-03-02 (real name), rectified 2026-03-10, not "
	    "revisited, deadline 2026-03-23 (15 working days)");
	e[0] = EV(1, "2026-03-02 10:00", 1, "2026-03-10 09:00",
	    "2026-03-23 18:00");
	cf_check_bad_review(&env, &k, &t.c, &v);
	ASSERT_VERDICT(v, CF_RESULT_PASS, "");
	e[0] = EV(1, "2026-03-02 10:00", 1, "2026-03-10 09:00",
	    "2026-03-24 09:00");
	cf_check_bad_review(&env, &k, &t.c, &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL,
	    "rated 1 on 2026-03-02 (real name), rectified 2026-03-10, "
	    "revisited 2026-03-24, deadline 2026-03-23 (15 working days)");
	/* Revisited but not rectified. */
	e[0] = EV(1, "2026-03-02 10:00", 1, NULL, "2026-03-04 09:00");
	cf_check_bad_review(&env, &k, &t.c, &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL,
	    "rated 1 on 2026-03-02 (real name), not rectified, revisited "
	    "2026-03-04, deadline 2026-03-23 (15 working days)");
	/* Anonymous or not recorded: no revisit needed, unless "all". */
	e[0] = EV(2, "2026-03-02 10:00", 0, "2026-03-10 09:00", NULL);
	cf_check_bad_review(&env, &k, &t.c, &v);
	ASSERT_VERDICT(v, CF_RESULT_PASS, "");
	e[0].real_name = -1;
	cf_check_bad_review(&env, &k, &t.c, &v);
	ASSERT_VERDICT(v, CF_RESULT_PASS, "");
	k.revisit_all = true;
	cf_check_bad_review(&env, &k, &t.c, &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL,
	    "rated 2 on 2026-03-02, rectified 2026-03-10, not revisited, "
	    "deadline 2026-03-23 (15 working days)");
	e[0] = EV(2, "2026-03-02 10:00", 0, "2026-03-10 09:00",
	    "2026-03-11 09:00");
	cf_check_bad_review(&env, &k, &t.c, &v);
	ASSERT_VERDICT(v, CF_RESULT_PASS, "");
}
END_TEST

START_TEST(test_bad_review_not_yet_due)
{
	struct cf_check k = bad_review(-1, -1, false);
	struct cf_evaluation e[2];
	struct cf_verdict v;
	struct tc t;

	mk(&t, "2026-02-27 09:00", "2026-03-02 09:00");
	t.c.evaluations = e;
	t.c.nevaluations = 1;
	e[0] = EV(1, "2026-03-02 10:00", 1, NULL, NULL);
	/* Deadline 23 March on --to: not yet due, handled or not. */
	env.to = D(2026, 3, 23);
	cf_check_bad_review(&env, &k, &t.c, &v);
	ASSERT_VERDICT(v, CF_RESULT_NA,
	    "1 bad evaluation not yet due (deadline 2026-03-23)");
	e[0] = EV(1, "2026-03-02 10:00", 1, "2026-03-03 10:00",
	    "2026-03-03 11:00");
	cf_check_bad_review(&env, &k, &t.c, &v);
	ASSERT_VERDICT(v, CF_RESULT_NA,
	    "1 bad evaluation not yet due (deadline 2026-03-23)");
	/* The day after, it is judged. */
	env.to = D(2026, 3, 24);
	cf_check_bad_review(&env, &k, &t.c, &v);
	ASSERT_VERDICT(v, CF_RESULT_PASS, "");
	/* One handled and one not yet due: every due one was handled. */
	t.c.nevaluations = 2;
	e[1] = EV(2, "2026-03-20 10:00", 0, NULL, NULL);
	cf_check_bad_review(&env, &k, &t.c, &v);
	ASSERT_VERDICT(v, CF_RESULT_PASS, "");
	/* Two pending: the earliest deadline named. */
	env.to = D(2026, 3, 10);
	cf_check_bad_review(&env, &k, &t.c, &v);
	ASSERT_VERDICT(v, CF_RESULT_NA,
	    "2 bad evaluations not yet due (deadline 2026-03-23)");
}
END_TEST

START_TEST(test_bad_review_uncovered_year)
{
	struct cf_check k = bad_review(-1, -1, false);
	struct cf_evaluation e[1];
	struct cf_verdict v;
	struct tc t;

	/* 15 working days from 20 December 2026 run into 2027. */
	mk(&t, "2026-12-18 09:00", "2026-12-18 10:00");
	t.c.evaluations = e;
	t.c.nevaluations = 1;
	e[0] = EV(1, "2026-12-20 10:00", 0, NULL, NULL);
	env.to = D(2026, 12, 31);
	cf_check_bad_review(&env, &k, &t.c, &v);
	ASSERT_VERDICT(v, CF_RESULT_NA, "1 bad evaluation not yet due");
	env.to = D(2027, 1, 15);
	cf_check_bad_review(&env, &k, &t.c, &v);
	ASSERT_VERDICT(v, CF_RESULT_ERROR, "no calendar covers 2027");
	/* Handled before the uncovered year: in time whatever it holds. */
	e[0] = EV(1, "2026-12-20 10:00", 0, "2026-12-28 10:00", NULL);
	cf_check_bad_review(&env, &k, &t.c, &v);
	ASSERT_VERDICT(v, CF_RESULT_PASS, "");
	e[0] = EV(1, "2026-12-20 10:00", 0, "2027-01-04 10:00", NULL);
	cf_check_bad_review(&env, &k, &t.c, &v);
	ASSERT_VERDICT(v, CF_RESULT_ERROR, "no calendar covers 2027");
}
END_TEST

START_TEST(test_satisfaction_rate)
{
	struct cf_check chk = rate_check("0.95");
	struct cf_evaluation e;
	struct cf_verdict v;

	cf_check_satisfaction_rate(&chk, 19, 20, &v);
	ASSERT_VERDICT(v, CF_RESULT_PASS,
	    "satisfied 19 of 20 evaluations (95.0 %), minimum 95 %; 4 and 5 "
	    "count");
	cf_check_satisfaction_rate(&chk, 18, 19, &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL,
	    "satisfied 18 of 19 evaluations (94.7 %), minimum 95 %; 4 and 5 "
	    "count");
	/* Shown truncated when failing: never as good as the minimum. */
	cf_check_satisfaction_rate(&chk, 949999999, 1000000000, &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL,
	    "satisfied 949999999 of 1000000000 evaluations (94.9 %), minimum "
	    "95 %; 4 and 5 count");
	cf_check_satisfaction_rate(&chk, 1, 1, &v);
	ASSERT_VERDICT(v, CF_RESULT_PASS,
	    "satisfied 1 of 1 evaluation (100.0 %), minimum 95 %; 4 and 5 "
	    "count");
	cf_check_satisfaction_rate(&chk, 0, 0, &v);
	ASSERT_VERDICT(v, CF_RESULT_NA, "no evaluation seen");
	cf_check_satisfaction_rate(&chk, 3, 2, &v);
	ASSERT_VERDICT(v, CF_RESULT_ERROR,
	    "inconsistent counts: 3 satisfied of 2");
	chk.count_basic = true;
	cf_check_satisfaction_rate(&chk, 20, 20, &v);
	ASSERT_VERDICT(v, CF_RESULT_PASS,
	    "satisfied 20 of 20 evaluations (100.0 %), minimum 95 %; 3, 4 "
	    "and 5 count");
	/* Which ratings count. */
	memset(&e, 0, sizeof e);
	for (int r = 1; r <= 5; r++) {
		e.rating = r;
		ck_assert(cf_check_satisfied(&chk, &e) == (r >= 3));
	}
	chk.count_basic = false;
	for (int r = 1; r <= 5; r++) {
		e.rating = r;
		ck_assert(cf_check_satisfied(&chk, &e) == (r >= 4));
	}
	chk.has_min = false;
	cf_check_satisfaction_rate(&chk, 1, 1, &v);
	ASSERT_VERDICT(v, CF_RESULT_ERROR, "no minimum in the check");
}
END_TEST

START_TEST(test_evaluation_coverage)
{
	struct cf_check chk = rate_check("0.80");
	struct cf_verdict v;

	cf_check_evaluation_coverage(&chk, 800, 1000, &v);
	ASSERT_VERDICT(v, CF_RESULT_PASS,
	    "evaluated 800 of 1000 completed cases (80.0 %), minimum 80 %");
	cf_check_evaluation_coverage(&chk, 799, 1000, &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL,
	    "evaluated 799 of 1000 completed cases (79.9 %), minimum 80 %");
	cf_check_evaluation_coverage(&chk, 0, 1, &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL,
	    "evaluated 0 of 1 completed case (0.0 %), minimum 80 %");
	cf_check_evaluation_coverage(&chk, 0, 0, &v);
	ASSERT_VERDICT(v, CF_RESULT_NA, "no completed case");
	cf_check_evaluation_coverage(&chk, 2, 1, &v);
	ASSERT_VERDICT(v, CF_RESULT_ERROR,
	    "inconsistent counts: 2 evaluated of 1");
}
END_TEST

/* ---- the window scorecard (audits/scorecard.c) ---- */

struct sc_fixture {
	struct cf_auditdb_scorecard sc;
	struct cf_score_measure_row m[4];
	struct cf_score_window w[8];
	int64_t num[8][4], den[8][4];
};

/* Weights w0.. (nm of them); windows added with sc_window. */
static void
sc_init(struct sc_fixture *f, int awards, size_t nm, const int *weights)
{
	memset(f, 0, sizeof *f);
	f->sc.has = true;
	f->sc.awards = awards;
	f->sc.measures = f->m;
	f->sc.nmeasures = nm;
	for (size_t i = 0; i < nm; i++)
		f->m[i].weight = weights[i];
	f->sc.windows = f->w;
}

/* A window with num/den per measure (den 0: no value). */
static void
sc_window(struct sc_fixture *f, const char *name, const int64_t *nd)
{
	size_t i = f->sc.nwindows++;

	f->w[i].window = (char *)name;
	f->w[i].num = f->num[i];
	f->w[i].den = f->den[i];
	for (size_t m = 0; m < f->sc.nmeasures; m++) {
		f->num[i][m] = nd[2 * m];
		f->den[i][m] = nd[2 * m + 1];
	}
}

static void
assert_line(const struct cf_score_line *l, const char *window, int rank,
    const char *score, bool red)
{
	char text[32];

	ck_assert_str_eq(l->window, window);
	ck_assert_int_eq(l->rank, rank);
	if (score) {
		cf_score_text(l->score, text);
		ck_assert_str_eq(text, score);
	} else
		ck_assert_int_eq(l->score, -1);
	ck_assert(l->red_flag == red);
}

START_TEST(test_scorecard_arithmetic)
{
	static const int w[] = { 40, 30, 30 };
	struct sc_fixture f;
	struct cf_score_line *l;
	size_t n;

	sc_init(&f, 1, 3, w);
	/* 40·0.75 + 30·0.875 + 30·0.875 = 82.5 of 100 ... and one that
	 * lands on a half: 40·1 + 30·0.5 + 30·0.875 = 81.25 -> 81.3. */
	sc_window(&f, "W01", (int64_t[]){ 3, 4, 7, 8, 7, 8 });
	sc_window(&f, "W02", (int64_t[]){ 1, 1, 1, 2, 7, 8 });
	ck_assert_int_eq(cf_score_lines(&f.sc, &l, &n), 0);
	ck_assert_uint_eq(n, 2);
	assert_line(&l[0], "W01", 1, "82.5", true);
	assert_line(&l[1], "W02", 2, "81.3", false);
	/* Values rounded once each: 7/8 = 87.5, 1/2 = 50.0. */
	ck_assert_int_eq(l[1].value[0], 1000);
	ck_assert_int_eq(l[1].value[1], 500);
	ck_assert_int_eq(l[1].value[2], 875);
	cf_score_lines_free(l, n);

	/* Rounded once from the exact sum: thirds, (1/3 + 1/3)/2 =
	 * 33.333... -> 33.3; a half exactly rounds up, just below it
	 * down. */
	static const int w2[] = { 1, 1 };
	sc_init(&f, 0, 2, w2);
	sc_window(&f, "A", (int64_t[]){ 1, 3, 1, 3 });
	/* 0.8335 exactly: 1667/2000 and 1667/2000 -> 83.35 -> 83.4 */
	sc_window(&f, "B", (int64_t[]){ 1667, 2000, 1667, 2000 });
	/* 0.83349...: just below the half -> 83.3 */
	sc_window(&f, "C", (int64_t[]){ 83349, 100000, 83349, 100000 });
	ck_assert_int_eq(cf_score_lines(&f.sc, &l, &n), 0);
	assert_line(&l[0], "B", 1, "83.4", false);
	assert_line(&l[1], "C", 2, "83.3", false);
	assert_line(&l[2], "A", 3, "33.3", false);
	cf_score_lines_free(l, n);
}
END_TEST

START_TEST(test_scorecard_ties_and_missing)
{
	static const int w[] = { 40, 30, 30 };
	struct sc_fixture f;
	struct cf_score_line *l;
	size_t n;

	sc_init(&f, 2, 3, w);
	/* A measure without a value is left out of both sums: W09 with
	 * only the first (90 %) scores 90.0, not 36.0. */
	sc_window(&f, "W09", (int64_t[]){ 9, 10, 0, 0, 0, 0 });
	/* Equal rounded scores rank by window as bytes. */
	sc_window(&f, "W10", (int64_t[]){ 9, 10, 9, 10, 9, 10 });
	sc_window(&f, "W02", (int64_t[]){ 9, 10, 9, 10, 9, 10 });
	/* No value at all: after the ranked ones, no rank, no score. */
	sc_window(&f, "W01", (int64_t[]){ 0, 0, 0, 0, 0, 0 });
	sc_window(&f, "W00", (int64_t[]){ 0, 0, 0, 0, 0, 0 });
	/* 0 of 5 is a value (0.0), not none. */
	sc_window(&f, "W05", (int64_t[]){ 0, 5, 0, 0, 0, 0 });
	ck_assert_int_eq(cf_score_lines(&f.sc, &l, &n), 0);
	ck_assert_uint_eq(n, 6);
	assert_line(&l[0], "W02", 1, "90.0", true);
	assert_line(&l[1], "W09", 2, "90.0", true);
	assert_line(&l[2], "W10", 3, "90.0", false);
	assert_line(&l[3], "W05", 4, "0.0", false);
	assert_line(&l[4], "W00", 0, NULL, false);
	assert_line(&l[5], "W01", 0, NULL, false);
	ck_assert_int_eq(l[1].value[1], -1);
	ck_assert_int_eq(l[3].value[0], 0);
	cf_score_lines_free(l, n);

	/* More awards than ranked windows: every ranked one, none other. */
	sc_init(&f, 10, 3, w);
	sc_window(&f, "W01", (int64_t[]){ 1, 2, 0, 0, 0, 0 });
	sc_window(&f, "W02", (int64_t[]){ 0, 0, 0, 0, 0, 0 });
	ck_assert_int_eq(cf_score_lines(&f.sc, &l, &n), 0);
	assert_line(&l[0], "W01", 1, "50.0", true);
	assert_line(&l[1], "W02", 0, NULL, false);
	cf_score_lines_free(l, n);

	/* No window at all. */
	sc_init(&f, 3, 3, w);
	ck_assert_int_eq(cf_score_lines(&f.sc, &l, &n), 0);
	ck_assert_uint_eq(n, 0);
	cf_score_lines_free(l, n);
}
END_TEST

/* ---- late-record ---- */

START_TEST(test_late_record)
{
	struct cf_check k = { 0 };
	struct cf_verdict v;
	struct tc t;

	k.type = CF_CHECK_LATE_RECORD;
	k.within = 5;
	/* Fri 6 March + 5 working days: 9, 10, 11, 12, 13 March. */
	mk(&t, "2026-03-05 09:00", "2026-03-06 10:00");
	t.c.completed_imported = T("2026-03-13 23:00").sec;
	cf_check_late_record(&env, &k, &t.c, &v);
	ASSERT_VERDICT(v, CF_RESULT_PASS, "");
	/* The weekend after the fifth is not a sixth working day. */
	t.c.completed_imported = T("2026-03-15 12:00").sec;
	cf_check_late_record(&env, &k, &t.c, &v);
	ASSERT_VERDICT(v, CF_RESULT_PASS, "");
	t.c.completed_imported = T("2026-03-16 08:00").sec;
	cf_check_late_record(&env, &k, &t.c, &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL,
	    "completion 2026-03-06 imported 2026-03-16, 6 working days later, "
	    "expected within 5");
	/* Events first, in their order; then how many more came late. */
	ev(&t, "accept", "2026-03-05 09:00", "c01", "clerk");
	ev(&t, "review", "2026-03-05 15:00", "r01", "reviewer");
	t.ev[0].imported = T("2026-03-05 18:00").sec;
	t.ev[1].imported = T("2026-03-20 09:00").sec;
	cf_check_late_record(&env, &k, &t.c, &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL,
	    "event 'review' 2026-03-05 imported 2026-03-20, 11 working days "
	    "later, expected within 5; 1 more record late");
	/* within 0: the same day only. */
	k.within = 0;
	mk(&t, "2026-03-05 09:00", "2026-03-06 10:00");
	t.c.completed_imported = T("2026-03-06 23:59").sec;
	cf_check_late_record(&env, &k, &t.c, &v);
	ASSERT_VERDICT(v, CF_RESULT_PASS, "");
	t.c.completed_imported = T("2026-03-09 08:00").sec;
	cf_check_late_record(&env, &k, &t.c, &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL,
	    "completion 2026-03-06 imported 2026-03-09, 1 working day later, "
	    "expected within 0");
	/* A pending case without events came in time. */
	mk(&t, "2026-03-05 09:00", NULL);
	cf_check_late_record(&env, &k, &t.c, &v);
	ASSERT_VERDICT(v, CF_RESULT_PASS, "");
}
END_TEST

START_TEST(test_late_record_errors)
{
	struct cf_check k = { 0 };
	struct cf_verdict v;
	struct tc t;

	k.type = CF_CHECK_LATE_RECORD;
	k.within = 5;
	mk(&t, "2026-03-05 09:00", "2026-03-06 10:00");
	cf_check_late_record(&env, &k, &t.c, &v);
	ASSERT_VERDICT(v, CF_RESULT_ERROR,
	    "completion: the batch that brought it is not recorded");
	/* Into a year no calendar covers: in time before it, else unknown. */
	mk(&t, "2026-12-28 09:00", "2026-12-29 10:00");
	t.c.completed_imported = T("2026-12-31 10:00").sec;
	cf_check_late_record(&env, &k, &t.c, &v);
	ASSERT_VERDICT(v, CF_RESULT_PASS, "");
	t.c.completed_imported = T("2027-02-01 10:00").sec;
	cf_check_late_record(&env, &k, &t.c, &v);
	ASSERT_VERDICT(v, CF_RESULT_ERROR, "no calendar covers 2027");
	k.within = -1;
	cf_check_late_record(&env, &k, &t.c, &v);
	ASSERT_VERDICT(v, CF_RESULT_ERROR, "no within in the check");
}
END_TEST

/* ---- the time-limit law (doc/working-days.md "Pauses, extensions and
 * supplementation") ---- */

static struct cf_pause law_pauses[2] = {
	{ .start = (char *)"special-start", .end = (char *)"special-end", .name = (char *)"特别程序" },
	{ .start = (char *)"hearing-start", .end = (char *)"hearing-end", .name = (char *)"听证" },
};
static struct cf_procedure law_proc;

/* 10 of 20 working days; two pauses, an extension of 10 by a director,
 * the supplement notice within 5.  The markers are set on a copy of a
 * parsed guide (the document side is tested in check_document.c). */
static const struct cf_procedure *
law(void)
{
	law_proc = *proc(LEGAL LIMIT("20", "10") FEE("50") MATERIALS STEPS
	    PHONE);
	law_proc.pauses = law_pauses;
	law_proc.npauses = 2;
	law_proc.has_extension = true;
	law_proc.extension = (struct cf_extension){ .activity = (char *)"extend",
		.days = 10, .role = (char *)"director" };
	law_proc.has_supplement = true;
	law_proc.supplement = (struct cf_supplement){
		.activity = (char *)"notify-supplement", .within = 5 };
	return &law_proc;
}

START_TEST(test_law_pause_and_extension)
{
	const struct cf_procedure *p = law();
	struct cf_verdict v;
	struct tc t;

	env.to = D(2026, 4, 30);
	/* Accepted Tue 3 March, paused 3-9 March (4 working days: 4, 5, 6,
	 * 9), extended on 10 March: 10 + 4 + 10 ends Tue 7 April, across
	 * 清明节 (4-6 April). */
	mk(&t, "2026-03-03 10:00", "2026-04-07 16:00");
	ev(&t, "special-start", "2026-03-03 11:00", "e01", "expert");
	ev(&t, "special-end", "2026-03-09 15:00", "e01", "expert");
	ev(&t, "extend", "2026-03-10 09:00", "d01", "director");
	cf_check_on_time(&env, &t.c, p, &v);
	ASSERT_VERDICT(v, CF_RESULT_PASS, "");
	t.c.completed_at = T("2026-04-08 16:00");
	cf_check_on_time(&env, &t.c, p, &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL,
	    "completed 2026-04-08 16:00, limit 10 working days + 4 paused "
	    "(特别程序 2026-03-03 to 2026-03-09) + 10 extended ended "
	    "2026-04-07");
	/* The statutory 20: the extension (10 March) came before its end
	 * (7 April), so 30 unpaused working days: 21 April. */
	cf_check_statutory_time(&env, &t.c, p, &v);
	ASSERT_VERDICT(v, CF_RESULT_PASS, "");
	t.c.completed_at = T("2026-04-22 16:00");
	cf_check_statutory_time(&env, &t.c, p, &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL,
	    "completed 2026-04-22 16:00, statutory limit 20 working days + 4 "
	    "paused (特别程序 2026-03-03 to 2026-03-09) + 10 extended ended "
	    "2026-04-21");
	/* The working days used, for actual-compression: 10-13, 16-20
	 * March, the paused ones left out. */
	t.c.completed_at = T("2026-03-20 16:00");
	int used = -1, year = 0;
	ck_assert_int_eq(cf_check_used_days(&env, &t.c, p, &used, &year), 0);
	ck_assert_int_eq(used, 9);
}
END_TEST

START_TEST(test_law_pause_edges)
{
	const struct cf_procedure *p = law();
	struct cf_verdict v;
	struct tc t;

	env.to = D(2026, 4, 30);
	/* Thu 5 March + 10: 19 March.  A pause opened and closed the same
	 * day pauses no day; an end without a start changes nothing. */
	mk(&t, "2026-03-05 10:00", "2026-03-20 10:00");
	ev(&t, "special-end", "2026-03-06 09:00", NULL, NULL);
	ev(&t, "special-start", "2026-03-10 09:00", NULL, NULL);
	ev(&t, "special-end", "2026-03-10 17:00", NULL, NULL);
	cf_check_on_time(&env, &t.c, p, &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL,
	    "completed 2026-03-20 10:00, limit 10 working days ended "
	    "2026-03-19");
	/* A start while open changes nothing: paused (6, 10 March], two
	 * working days: 23 March. */
	mk(&t, "2026-03-05 10:00", "2026-03-24 10:00");
	ev(&t, "special-start", "2026-03-06 09:00", NULL, NULL);
	ev(&t, "special-start", "2026-03-09 09:00", NULL, NULL);
	ev(&t, "special-end", "2026-03-10 09:00", NULL, NULL);
	cf_check_on_time(&env, &t.c, p, &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL,
	    "completed 2026-03-24 10:00, limit 10 working days + 2 paused "
	    "(特别程序 2026-03-06 to 2026-03-10) ended 2026-03-23");
	/* Overlapping pauses: each day counts once, (6, 13 March] is five
	 * working days: 26 March. */
	mk(&t, "2026-03-05 10:00", "2026-03-27 10:00");
	ev(&t, "special-start", "2026-03-06 09:00", NULL, NULL);
	ev(&t, "hearing-start", "2026-03-10 09:00", NULL, NULL);
	ev(&t, "special-end", "2026-03-11 09:00", NULL, NULL);
	ev(&t, "hearing-end", "2026-03-13 09:00", NULL, NULL);
	cf_check_on_time(&env, &t.c, p, &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL,
	    "completed 2026-03-27 10:00, limit 10 working days + 5 paused "
	    "(特别程序 2026-03-06 to 2026-03-11; 听证 2026-03-10 to "
	    "2026-03-13) ended 2026-03-26");
	/* Still open at completion: closes at completion, the case is in
	 * time. */
	mk(&t, "2026-03-05 10:00", "2026-03-27 10:00");
	ev(&t, "special-start", "2026-03-06 09:00", NULL, NULL);
	cf_check_on_time(&env, &t.c, p, &v);
	ASSERT_VERDICT(v, CF_RESULT_PASS, "");
	/* Still open at the end of --to for a pending case: no deadline. */
	mk(&t, "2026-03-05 10:00", NULL);
	ev(&t, "special-start", "2026-03-06 09:00", NULL, NULL);
	cf_check_on_time(&env, &t.c, p, &v);
	ASSERT_VERDICT(v, CF_RESULT_NA,
	    "pending on 2026-04-30, paused since 2026-03-06 (特别程序): no "
	    "deadline yet");
	cf_check_statutory_time(&env, &t.c, p, &v);
	ck_assert_int_eq(v.result, CF_RESULT_NA);
	/* Closed again: the pending case is late. */
	ev(&t, "special-end", "2026-03-09 09:00", NULL, NULL);
	cf_check_on_time(&env, &t.c, p, &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL,
	    "pending on 2026-04-30, limit 10 working days + 1 paused "
	    "(特别程序 2026-03-06 to 2026-03-09) ended 2026-03-20");
	/* Markers after the completion instant are ignored. */
	mk(&t, "2026-03-05 10:00", "2026-03-20 10:00");
	ev(&t, "special-start", "2026-03-20 11:00", NULL, NULL);
	ev(&t, "extend", "2026-03-20 12:00", "d01", "director");
	cf_check_on_time(&env, &t.c, p, &v);
	ck_assert_int_eq(v.result, CF_RESULT_FAIL);
	cf_check_extension(&env, &t.c, p, &v);
	ASSERT_VERDICT(v, CF_RESULT_NA, "no extension recorded");
}
END_TEST

START_TEST(test_law_spring_festival_pause)
{
	const struct cf_procedure *p = law();
	struct cf_verdict v;
	struct tc t;

	/* Accepted 10 Feb; without the pause 10 working days end Mon 2
	 * March (14 and 28 Feb are make-up Saturdays).  Paused (12, 26
	 * Feb] takes 13 and 14 Feb and 24-26 Feb: 9 March. */
	mk(&t, "2026-02-10 10:00", "2026-03-10 10:00");
	ev(&t, "special-start", "2026-02-12 09:00", NULL, NULL);
	ev(&t, "special-end", "2026-02-26 09:00", NULL, NULL);
	cf_check_on_time(&env, &t.c, p, &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL,
	    "completed 2026-03-10 10:00, limit 10 working days + 5 paused "
	    "(特别程序 2026-02-12 to 2026-02-26) ended 2026-03-09");
}
END_TEST

START_TEST(test_law_extension)
{
	const struct cf_procedure *p = law();
	struct cf_verdict v;
	struct tc t;

	env.to = D(2026, 4, 30);
	/* Thu 5 March + 10 = 19 March. On the deadline day: counted. */
	mk(&t, "2026-03-05 10:00", "2026-03-25 10:00");
	ev(&t, "extend", "2026-03-19 16:00", "d01", "director");
	cf_check_on_time(&env, &t.c, p, &v);
	ASSERT_VERDICT(v, CF_RESULT_PASS, "");
	cf_check_extension(&env, &t.c, p, &v);
	ASSERT_VERDICT(v, CF_RESULT_PASS,
	    "extended 2026-03-19 by director, 10 working days");
	/* A day late: not counted, and the extension check fails. */
	t.ev[0].ts = T("2026-03-20 09:00");
	cf_check_on_time(&env, &t.c, p, &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL,
	    "completed 2026-03-25 10:00, limit 10 working days ended "
	    "2026-03-19; the extension came after it");
	cf_check_extension(&env, &t.c, p, &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL,
	    "extended 2026-03-20, after the limit of 10 working days ended "
	    "2026-03-19");
	/* A wrong role still lengthens the limit; the check names it. */
	t.ev[0].ts = T("2026-03-12 09:00");
	t.ev[0].role = "clerk";
	cf_check_on_time(&env, &t.c, p, &v);
	ASSERT_VERDICT(v, CF_RESULT_PASS, "");
	cf_check_extension(&env, &t.c, p, &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL,
	    "extension by role 'clerk', expected 'director'");
	/* Two extensions: only the first counts. */
	t.ev[0].role = "director";
	ev(&t, "extend", "2026-03-16 09:00", "d01", "director");
	cf_check_extension(&env, &t.c, p, &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL,
	    "2 extension events from 2026-03-12; a limit is extended once");
	/* No role recorded. */
	t.c.nevents = 1;
	t.ev[0].role = NULL;
	cf_check_extension(&env, &t.c, p, &v);
	ASSERT_VERDICT(v, CF_RESULT_ERROR, "role not recorded");
	/* While an open pause leaves no deadline, an extension cannot be
	 * late. */
	mk(&t, "2026-03-05 10:00", NULL);
	ev(&t, "special-start", "2026-03-06 09:00", NULL, NULL);
	ev(&t, "extend", "2026-04-20 09:00", "d01", "director");
	cf_check_extension(&env, &t.c, p, &v);
	ASSERT_VERDICT(v, CF_RESULT_PASS,
	    "extended 2026-04-20 by director, 10 working days");
	mk(&t, "2026-03-05 10:00", NULL);
	cf_check_extension(&env, &t.c, p, &v);
	ASSERT_VERDICT(v, CF_RESULT_NA, "no extension recorded");
}
END_TEST

START_TEST(test_law_statutory_pending)
{
	const struct cf_procedure *p = law();
	struct cf_verdict v;
	struct tc t;

	/* 5 March: committed 10 ends 19 March, statutory 20 ends 2 April. */
	mk(&t, "2026-03-05 10:00", NULL);
	env.to = D(2026, 3, 15);
	cf_check_statutory_time(&env, &t.c, p, &v);
	ASSERT_VERDICT(v, CF_RESULT_NA,
	    "not judged: pending on 2026-03-15, limit 10 working days ends "
	    "2026-03-19");
	env.to = D(2026, 3, 31);
	cf_check_statutory_time(&env, &t.c, p, &v);
	ASSERT_VERDICT(v, CF_RESULT_PASS,
	    "pending on 2026-03-31, statutory limit 20 working days ends "
	    "2026-04-02");
	env.to = D(2026, 4, 30);
	cf_check_statutory_time(&env, &t.c, p, &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL,
	    "pending on 2026-04-30, statutory limit 20 working days ended "
	    "2026-04-02");
	/* No statutory limit in the guide. */
	law_proc.statutory = -1;
	cf_check_statutory_time(&env, &t.c, p, &v);
	ASSERT_VERDICT(v, CF_RESULT_ERROR, "no statutory time limit");
}
END_TEST

START_TEST(test_law_supplement)
{
	const struct cf_procedure *p = law();
	struct cf_verdict v;
	struct tc t;

	/* Received Mon 2 March: 5 working days end 9 March. */
	mk(&t, "2026-03-03 10:00", NULL);
	cf_check_supplement(&env, &t.c, p, &v);
	ASSERT_VERDICT(v, CF_RESULT_NA, "no supplement notice recorded");
	ev(&t, "notify-supplement", "2026-03-09 17:00", "c01", "clerk");
	cf_check_supplement(&env, &t.c, p, &v);
	ASSERT_VERDICT(v, CF_RESULT_ERROR, "received_at not recorded");
	t.c.received = true;
	t.c.received_at = T("2026-03-02 16:00");
	cf_check_supplement(&env, &t.c, p, &v);
	ASSERT_VERDICT(v, CF_RESULT_PASS, "");
	t.ev[0].ts = T("2026-03-10 09:00");
	cf_check_supplement(&env, &t.c, p, &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL,
	    "notified 2026-03-10, after the 5th working day from receipt "
	    "2026-03-02 (2026-03-09)");
	t.ev[0].ts = T("2026-03-03 09:00");
	ev(&t, "notify-supplement", "2026-03-05 09:00", "c01", "clerk");
	cf_check_supplement(&env, &t.c, p, &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL,
	    "2 supplement notices (2026-03-03, 2026-03-05); what is missing "
	    "is told once");
	/* Twice fails even without received_at. */
	t.c.received = false;
	cf_check_supplement(&env, &t.c, p, &v);
	ck_assert_int_eq(v.result, CF_RESULT_FAIL);
}
END_TEST

START_TEST(test_law_markers_not_steps)
{
	const struct cf_procedure *p = law();
	struct cf_verdict v;
	struct tc t;

	STEPS_CASE(&t, "accept", "special-start", "review", "special-end",
	    "extend", "approve", "notify-supplement", "issue");
	cf_check_steps(&env, &t.c, p, &v);
	ASSERT_VERDICT(v, CF_RESULT_PASS, "");
	t.ev[1].role = "nobody";
	cf_check_roles(&env, &t.c, p, &v);
	ck_assert_int_eq(v.result, CF_RESULT_PASS);
	STEPS_CASE(&t, "special-start", "special-end");
	cf_check_steps(&env, &t.c, p, &v);
	ASSERT_VERDICT(v, CF_RESULT_ERROR, "no events recorded but markers");
	cf_check_roles(&env, &t.c, p, &v);
	ck_assert_int_eq(v.result, CF_RESULT_NA);
	/* Without the markers in the procedure they are unknown. */
	STEPS_CASE(&t, "accept", "special-start", "review");
	cf_check_steps(&env, &t.c, proc(GUIDE), &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL, "unknown activity 'special-start'");
}
END_TEST

START_TEST(test_law_aggregates)
{
	struct cf_check k = { .type = CF_CHECK_ON_THE_SPOT_VOLUME };
	struct cf_verdict v;

	k.has_min = true;
	ck_assert_int_eq(cf_ratio_parse(&k.min, "0.60"), 0);
	cf_check_on_the_spot_volume(&k, 700, 1000, &v);
	ASSERT_VERDICT(v, CF_RESULT_PASS,
	    "on the spot 700 of 1000 cases (70.0 %), minimum 60 %");
	cf_check_on_the_spot_volume(&k, 600, 1000, &v);
	ck_assert_int_eq(v.result, CF_RESULT_PASS);
	cf_check_on_the_spot_volume(&k, 5999, 10000, &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL,
	    "on the spot 5999 of 10000 cases (59.9 %), minimum 60 %");
	cf_check_on_the_spot_volume(&k, 0, 0, &v);
	ck_assert_int_eq(v.result, CF_RESULT_NA);

	k.type = CF_CHECK_ACTUAL_COMPRESSION;
	ck_assert_int_eq(cf_ratio_parse(&k.min, "0.40"), 0);
	cf_check_actual_compression(&k, 3210, 6400, 320, 0, 0, &v);
	ASSERT_VERDICT(v, CF_RESULT_PASS,
	    "used 3210 of 6400 statutory working days over 320 cases, 49.8 % "
	    "compressed, minimum 40 %");
	/* Exactly 40 %: pass; one day more: fail, never printed as 40.0. */
	cf_check_actual_compression(&k, 3840, 6400, 320, 0, 0, &v);
	ck_assert_int_eq(v.result, CF_RESULT_PASS);
	cf_check_actual_compression(&k, 3841, 6400, 320, 2, 2027, &v);
	ASSERT_VERDICT(v, CF_RESULT_FAIL,
	    "used 3841 of 6400 statutory working days over 320 cases, 39.9 % "
	    "compressed, minimum 40 %; 2 cases left out: no calendar covers "
	    "2027");
	cf_check_actual_compression(&k, 0, 0, 0, 1, 2027, &v);
	ASSERT_VERDICT(v, CF_RESULT_NA,
	    "no completed case with a statutory limit; 1 case left out: no "
	    "calendar covers 2027");
}
END_TEST

Suite *
checks_suite(void)
{
	Suite *s = suite_create("checks");
	TCase *tc;

	tc = tcase_create("verdict");
	tcase_add_test(tc, test_result_names);
	tcase_add_test(tc, test_verdict_detail_cut_at_utf8);
	suite_add_tcase(s, tc);

	tc = tcase_create("time");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_on_time_completed);
	tcase_add_test(tc, test_on_time_spring_festival);
	tcase_add_test(tc, test_on_time_makeup_days);
	tcase_add_test(tc, test_on_time_local_days);
	tcase_add_test(tc, test_on_time_pending);
	tcase_add_test(tc, test_on_time_on_the_spot);
	tcase_add_test(tc, test_on_time_no_limit);
	tcase_add_test(tc, test_on_time_uncovered_year);
	tcase_add_test(tc, test_case_checks_without_version);
	tcase_add_test(tc, test_late_record);
	tcase_add_test(tc, test_late_record_errors);
	suite_add_tcase(s, tc);

	tc = tcase_create("evaluations");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_bad_review_deadline);
	tcase_add_test(tc, test_bad_review_revisit);
	tcase_add_test(tc, test_bad_review_not_yet_due);
	tcase_add_test(tc, test_bad_review_uncovered_year);
	tcase_add_test(tc, test_satisfaction_rate);
	tcase_add_test(tc, test_evaluation_coverage);
	tcase_add_test(tc, test_scorecard_arithmetic);
	tcase_add_test(tc, test_scorecard_ties_and_missing);
	suite_add_tcase(s, tc);

	tc = tcase_create("law");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_law_pause_and_extension);
	tcase_add_test(tc, test_law_pause_edges);
	tcase_add_test(tc, test_law_spring_festival_pause);
	tcase_add_test(tc, test_law_extension);
	tcase_add_test(tc, test_law_statutory_pending);
	tcase_add_test(tc, test_law_supplement);
	tcase_add_test(tc, test_law_markers_not_steps);
	tcase_add_test(tc, test_law_aggregates);
	suite_add_tcase(s, tc);

	tc = tcase_create("money-materials");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_fee);
	tcase_add_test(tc, test_fee_na_and_error);
	tcase_add_test(tc, test_materials);
	tcase_add_test(tc, test_materials_na_and_error);
	tcase_add_test(tc, test_materials_unknown_items);
	suite_add_tcase(s, tc);

	tc = tcase_create("process");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_steps_order);
	tcase_add_test(tc, test_steps_optional_repeatable);
	tcase_add_test(tc, test_steps_open_and_activities);
	tcase_add_test(tc, test_steps_equal_timestamps);
	tcase_add_test(tc, test_steps_na_and_error);
	tcase_add_test(tc, test_steps_many);
	tcase_add_test(tc, test_roles);
	tcase_add_test(tc, test_roles_only_steps_with_roles);
	tcase_add_test(tc, test_roles_na);
	tcase_add_test(tc, test_four_eyes);
	tcase_add_test(tc, test_four_eyes_na_and_error);
	tcase_add_test(tc, test_four_eyes_pairs);
	suite_add_tcase(s, tc);

	tc = tcase_create("documents");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_in_force);
	tcase_add_test(tc, test_guide_complete);
	tcase_add_test(tc, test_limits_consistent);
	tcase_add_test(tc, test_review_current);
	tcase_add_test(tc, test_approved);
	suite_add_tcase(s, tc);

	tc = tcase_create("aggregates");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_on_time_rate);
	tcase_add_test(tc, test_on_time_rate_exact_large);
	tcase_add_test(tc, test_on_the_spot_ratio);
	tcase_add_test(tc, test_limit_compression);
	tcase_add_test(tc, test_limit_compression_at_minimum);
	suite_add_tcase(s, tc);

	/* (a million events: seconds under ASan; n^2 would take days) */
	tc = tcase_create("scale");
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_four_eyes_many_events);
	suite_add_tcase(s, tc);
	return s;
}
