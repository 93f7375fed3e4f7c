/* SPDX-License-Identifier: MIT */
/*
 * check_finals.c - the final steps of procedures as the XES import asks
 * for them (cases/finals.c, doc/cases.md "XES"): judged under the
 * version in force on the acceptance day, over a real git history in
 * which a later version drops its final steps and a third procedure's
 * version is invalid.
 */
#include "conform.h"
#include "check_suites.h"
#include "check_util.h"
#include "docindex.h"
#include "finals.h"
#include "repo.h"

#include <stdlib.h>
#include <string.h>

static struct cf_repo *repo;
static struct cf_tz *tz;
static struct cf_sig alice;
static char head[CF_OID_HEX];
static int64_t clock_now = 1767225600; /* 2026-01-01 08:00 +08:00 */

static void
setup(void)
{
	tmp_setup();
	ck_assert_int_eq(cf_repo_init(&repo, test_tmp), 0);
	ck_assert_int_eq(cf_tz_open(&tz, "Asia/Shanghai"), 0);
	ck_assert_int_eq(cf_sig_parse(&alice, "张三 <zhang@example.cn>"), 0);
	head[0] = '\0';
}

static void
teardown(void)
{
	cf_sig_release(&alice);
	cf_tz_free(tz);
	cf_repo_free(repo);
	cf_doc_schemas_release();
	tmp_teardown();
}

/* A procedure from `eff` whose steps are `steps` (XML). */
static char *
proc(const char *id, const char *eff, const char *steps)
{
	return cf_xasprintf(
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<procedure id=\"%s\" kind=\"commitment\">\n"
	    "  <title>食品经营许可</title>\n"
	    "  <effective-from>%s</effective-from>\n"
	    "  <time-limit statutory=\"20\" committed=\"10\"/>\n"
	    "  <steps>%s</steps>\n"
	    "</procedure>\n",
	    id, eff, steps);
}

static void
commit1(const char *path, char *data)
{
	struct cf_change ch = { path, data, strlen(data), false };

	clock_now += 86400;
	ck_assert_int_eq(cf_repo_commit(repo, head[0] ? head : NULL, &ch, 1,
			     &alice, &alice, clock_now, 480, "v\n", head),
	    0);
	free(data);
}

static cf_day
day(const char *s)
{
	cf_day d;

	ck_assert_int_eq(cf_day_parse(&d, s, 10), 0);
	return d;
}

START_TEST(test_finals_by_version_in_force)
{
	struct cf_docindex *idx;
	struct cf_finals *f;

	commit1("procedures/P-1.xml",
	    proc("P-1", "2026-01-01",
		"<step id=\"accept\"/><step id=\"approve\" final=\"yes\"/>"
		"<step id=\"refuse\" final=\"yes\"/>"));
	commit1("procedures/P-2.xml",
	    proc("P-2", "2026-01-01",
		"<step id=\"accept\"/><step id=\"approve\"/>"));
	/* broken: no steps element at all */
	commit1("procedures/P-3.xml",
	    cf_xstrdup("<?xml version=\"1.0\"?><procedure id=\"P-3\"/>"));
	/* From March P-1 marks no step final. */
	commit1("procedures/P-1.xml",
	    proc("P-1", "2026-03-01",
		"<step id=\"accept\"/><step id=\"approve\"/>"));
	ck_assert_int_eq(cf_docindex_open(&idx, repo, NULL, tz), 0);
	ck_assert_int_eq(cf_finals_build(&f, idx), 0);

	static const struct {
		const char *procedure, *day, *activity;
		enum cf_final want;
	} cases[] = {
		/* February: the first version, with its two final steps */
		{ "P-1", "2026-02-10", "approve", CF_FINAL_YES },
		{ "P-1", "2026-02-10", "refuse", CF_FINAL_YES },
		{ "P-1", "2026-02-10", "accept", CF_FINAL_NO },
		{ "P-1", "2026-02-10", "no-such-step", CF_FINAL_NO },
		/* March: the second marks none: the last event completes */
		{ "P-1", "2026-03-02", "accept", CF_FINAL_NONE },
		/* before any version, a procedure without finals, an
		 * invalid version, an unknown procedure */
		{ "P-1", "2025-12-31", "approve", CF_FINAL_NONE },
		{ "P-2", "2026-02-10", "approve", CF_FINAL_NONE },
		{ "P-3", "2026-02-10", "approve", CF_FINAL_NONE },
		{ "P-9", "2026-02-10", "approve", CF_FINAL_NONE },
	};
	for (size_t i = 0; i < CF_ARRAY_LEN(cases); i++)
		ck_assert_msg(cf_finals_judge(f, cases[i].procedure,
				  day(cases[i].day), cases[i].activity) ==
			cases[i].want,
		    "%s %s %s", cases[i].procedure, cases[i].day,
		    cases[i].activity);
	cf_finals_free(f);
	cf_docindex_free(idx);
}
END_TEST

Suite *
finals_suite(void)
{
	Suite *s = suite_create("finals");
	TCase *tc = tcase_create("versions");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_finals_by_version_in_force);
	suite_add_tcase(s, tc);
	return s;
}
