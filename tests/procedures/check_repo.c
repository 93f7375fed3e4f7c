/* SPDX-License-Identifier: MIT */
/*
 * check_repo.c - the git repository through libgit2 (procedures/repo.c):
 * a real repository in a temporary directory; commits from memory keep
 * the index in step; a stale parent is refused; plain git reads it;
 * the default author comes from git's configuration.
 */
#include "conform.h"
#include "check_suites.h"
#include "check_util.h"
#include "docindex.h"
#include "repo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct seen {
	int n;
	char paths[8][64];
	size_t lens[8];
};

static int
collect(const char *path, const char *data, size_t len, void *payload)
{
	struct seen *s = payload;

	(void)data;
	snprintf(s->paths[s->n], sizeof s->paths[0], "%s", path);
	s->lens[s->n++] = len;
	return 0;
}

START_TEST(test_commit_and_read)
{
	struct cf_repo *r;
	struct cf_sig who;
	char first[CF_OID_HEX], second[CF_OID_HEX], head[CF_OID_HEX],
	    stale[CF_OID_HEX];
	const char *cal = "<calendar id=\"CN-2026\"/>\n";
	struct cf_change ch[2] = {
		{ "calendars/CN-2026.xml", cal, strlen(cal), false },
		{ "procedures/P-1.xml", "<x/>", 4, false },
	};
	struct seen s = { 0 };

	ck_assert_int_eq(cf_repo_init(&r, test_tmp), 0);
	ck_assert_int_eq(cf_repo_head(r, head), CF_ENOTFOUND);
	ck_assert_int_eq(cf_sig_parse(&who, "张三 <zhang@example.cn>"), 0);
	ck_assert_int_eq(cf_repo_commit(r, NULL, ch, 2, &who, &who, 1767225600,
			     480, "first\n", first),
	    0);
	ck_assert_int_eq(cf_repo_head(r, head), 0);
	ck_assert_str_eq(head, first);
	ck_assert_int_eq(cf_repo_foreach_blob(r, NULL, "calendars", collect,
			     &s),
	    0);
	ck_assert_int_eq(s.n, 1);
	ck_assert_str_eq(s.paths[0], "calendars/CN-2026.xml");
	ck_assert_uint_eq(s.lens[0], strlen(cal));

	/* Remove one file; the parent must be the current head. */
	struct cf_change rm = { "procedures/P-1.xml", NULL, 0, true };
	ck_assert_int_eq(cf_repo_commit(r, first, &rm, 1, &who, &who,
			     1767225700, 480, "second\n", second),
	    0);
	s.n = 0;
	ck_assert_int_eq(cf_repo_foreach_blob(r, NULL, "procedures", collect,
			     &s),
	    0);
	ck_assert_int_eq(s.n, 0);
	s.n = 0;
	ck_assert_int_eq(cf_repo_foreach_blob(r, first, "procedures", collect,
			     &s),
	    0);
	ck_assert_int_eq(s.n, 1);

	/* A commit validated against the old head is refused whole. */
	ck_assert_int_eq(cf_repo_commit(r, first, ch, 1, &who, &who, 1767225800,
			     480, "stale\n", stale),
	    CF_ECONFLICT);
	ck_assert(strstr(cf_error_message(), "moved"));
	ck_assert_int_eq(cf_repo_head(r, head), 0);
	ck_assert_str_eq(head, second);

	/* Plain git sees a clean tree after writing the files it has. */
	write_file(tmp_path("calendars/CN-2026.xml"), cal);
	ck_assert_msg(run("command -v git >/dev/null") == 0,
	    "this test needs the git command (.ci/packages installs it)");
	ck_assert_int_eq(run("cd '%s' && test -z \"$(git status "
			     "--porcelain)\" && test \"$(git log "
			     "--format=%%an -1)\" = 张三 && git "
			     "symbolic-ref HEAD | grep -qx refs/heads/main",
			     test_tmp),
	    0);
	cf_sig_release(&who);
	cf_repo_free(r);
}
END_TEST

START_TEST(test_procedure_ids_in_history)
{
	struct cf_repo *r;
	struct cf_sig who;
	struct cf_strv ids = CF_STRV_INIT;
	char c1[CF_OID_HEX], c2[CF_OID_HEX], c3[CF_OID_HEX];
	struct cf_change add[] = {
		{ "procedures/P-B.xml", "<b/>", 4, false },
		{ "procedures/P-A.xml", "<a/>", 4, false },
		{ "standards/Q_X.xml", "<q/>", 4, false },
	};
	struct cf_change del = { "procedures/P-A.xml", NULL, 0, true };
	struct cf_change readd = { "procedures/P-C.xml", "<c/>", 4, false };

	ck_assert_int_eq(cf_repo_init(&r, test_tmp), 0);
	ck_assert_int_eq(cf_docindex_procedure_ids(r, &ids), 0);
	ck_assert_uint_eq(ids.n, 0); /* unborn main */
	ck_assert_int_eq(cf_sig_parse(&who, "A <a@b.c>"), 0);
	ck_assert_int_eq(cf_repo_commit(r, NULL, add, 3, &who, &who, 1767225600,
			     480, "1\n", c1),
	    0);
	ck_assert_int_eq(cf_repo_commit(r, c1, &del, 1, &who, &who, 1767225601,
			     480, "2\n", c2),
	    0);
	ck_assert_int_eq(cf_repo_commit(r, c2, &readd, 1, &who, &who,
			     1767225602, 480, "3\n", c3),
	    0);
	/* P-A was deleted, but some commit of the history holds it. */
	ck_assert_int_eq(cf_docindex_procedure_ids(r, &ids), 0);
	ck_assert_uint_eq(ids.n, 3);
	ck_assert_str_eq(ids.v[0], "P-A");
	ck_assert_str_eq(ids.v[1], "P-B");
	ck_assert_str_eq(ids.v[2], "P-C");
	cf_strv_release(&ids);
	cf_sig_release(&who);
	cf_repo_free(r);
}
END_TEST

START_TEST(test_signatures)
{
	struct cf_sig s;

	ck_assert_int_eq(cf_sig_parse(&s, "Li Si <li.si@example.cn>"), 0);
	ck_assert_str_eq(s.name, "Li Si");
	ck_assert_str_eq(s.email, "li.si@example.cn");
	cf_sig_release(&s);
	ck_assert_int_eq(cf_sig_parse(&s, "  王五  "), 0);
	ck_assert_str_eq(s.name, "王五");
	ck_assert_str_eq(s.email, "");
	cf_sig_release(&s);
	ck_assert_int_eq(cf_sig_parse(&s, "<a@b>"), CF_EUSAGE);
	ck_assert_int_eq(cf_sig_parse(&s, "A <a@b"), CF_EUSAGE);
	ck_assert_int_eq(cf_sig_parse(&s, "A <a@b> x"), CF_EUSAGE);
	ck_assert_int_eq(cf_sig_parse(&s, ""), CF_EUSAGE);
}
END_TEST

/* The author git would use comes from its configuration. */
START_TEST(test_default_author)
{
	struct cf_repo *r;
	struct cf_sig who;
	FILE *f;

	ck_assert_int_eq(cf_repo_init(&r, test_tmp), 0);
	cf_repo_free(r);
	f = fopen(tmp_path(".git/config"), "a");
	ck_assert_ptr_nonnull(f);
	fputs("[user]\n\tname = 王五\n\temail = wang@example.cn\n", f);
	ck_assert_int_eq(fclose(f), 0);
	ck_assert_int_eq(cf_repo_open(&r, test_tmp), 0);
	ck_assert_int_eq(cf_repo_default_author(r, &who), 0);
	ck_assert_str_eq(who.name, "王五");
	ck_assert_str_eq(who.email, "wang@example.cn");
	cf_sig_release(&who);
	cf_repo_free(r);
}
END_TEST

START_TEST(test_init_refuses_existing)
{
	struct cf_repo *r, *r2;

	ck_assert_int_eq(cf_repo_init(&r, test_tmp), 0);
	ck_assert_int_eq(cf_repo_init(&r2, test_tmp), CF_EEXISTS);
	cf_repo_free(r);
}
END_TEST

Suite *
repo_suite(void)
{
	Suite *s = suite_create("repo");
	TCase *tc = tcase_create("git");

	tcase_add_checked_fixture(tc, tmp_setup, tmp_teardown);
	tcase_add_test(tc, test_commit_and_read);
	tcase_add_test(tc, test_procedure_ids_in_history);
	tcase_add_test(tc, test_signatures);
	tcase_add_test(tc, test_init_refuses_existing);
	tcase_add_test(tc, test_default_author);
	suite_add_tcase(s, tc);
	return s;
}
