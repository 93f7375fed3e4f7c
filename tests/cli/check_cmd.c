/* SPDX-License-Identifier: MIT */
/*
 * check_cmd.c - the command table and the option parser (core/cmd.c,
 * args.c): the table is sorted, unique and documented; options parse,
 * permute and fail with usage errors naming the option.
 */
#include "conform.h"
#include "check_suites.h"
#include "cmd.h"
#include "termout.h"

#include <stdio.h>
#include <stdlib.h>

#include <string.h>

START_TEST(test_table_sorted_unique_documented)
{
	for (size_t i = 0; i < cf_cmd_table_len; i++) {
		const struct cf_cmd_entry *e = cf_cmd_table[i];
		ck_assert_ptr_nonnull(e->name);
		ck_assert_ptr_nonnull(e->usage);
		ck_assert_ptr_nonnull(e->summary);
		ck_assert_ptr_nonnull(e->exec);
		ck_assert_int_gt(strlen(e->summary), 10);
		if (i > 0)
			ck_assert_msg(strcmp(cf_cmd_table[i - 1]->name,
					  e->name) < 0,
			    "'%s' is not after '%s'", e->name,
			    cf_cmd_table[i - 1]->name);
		ck_assert_ptr_eq(cf_cmd_lookup(e->name), e);
		for (const struct cf_option *o = e->options;
		     o && o->type != CF_OPT_END; o++)
			ck_assert_msg(o->long_name && o->help, "%s", e->name);
	}
	ck_assert_ptr_null(cf_cmd_lookup("doc"));
	ck_assert_ptr_null(cf_cmd_lookup("do"));
}
END_TEST

static int
dummy_exec(struct cf_cmd *cmd)
{
	(void)cmd;
	return 0;
}

static const struct cf_option opts[] = {
	CF_OPT_STRING_('m', "message", "MSG", "message"),
	CF_OPT_STRING_(0, "at", "DATE", "date"),
	CF_OPT_FLAG_(0, "all", "everything"),
	CF_OPT_END_,
};

static const struct cf_cmd_entry entry = {
	.name = "x y",
	.usage = "",
	.summary = "a test command",
	.options = opts,
	.max_args = -1,
	.exec = dummy_exec,
};

START_TEST(test_args_parse)
{
	char a0[] = "y", a1[] = "one", a2[] = "-m", a3[] = "hello 世界",
	     a4[] = "two", a5[] = "--all", a6[] = "--at=2026-01-01",
	     a7[] = "--", a8[] = "--three";
	char *argv[] = { a0, a1, a2, a3, a4, a5, a6, a7, a8, NULL };
	struct cf_args a;

	ck_assert_int_eq(cf_args_parse(&a, entry.name, entry.options, 9, argv),
	    0);
	ck_assert_str_eq(cf_args_get(&a, "message"), "hello 世界");
	ck_assert_str_eq(cf_args_get(&a, "at"), "2026-01-01");
	ck_assert(cf_args_has(&a, "all"));
	ck_assert_int_eq(a.argc, 3);
	ck_assert_str_eq(a.argv[0], "one");
	ck_assert_str_eq(a.argv[1], "two");
	ck_assert_str_eq(a.argv[2], "--three");
	cf_args_release(&a);
}
END_TEST

START_TEST(test_args_errors)
{
	char y[] = "y", nope[] = "--nope", at[] = "--at", z[] = "-z";
	char *argv1[] = { y, nope, NULL };
	char *argv2[] = { y, at, NULL };
	char *argv3[] = { y, z, NULL };
	struct cf_args a;

	ck_assert_int_eq(cf_args_parse(&a, entry.name, entry.options, 2, argv1),
	    CF_EUSAGE);
	ck_assert(strstr(cf_error_message(), "unknown option '--nope'"));
	ck_assert(strstr(cf_error_message(), "conform x y --help"));
	cf_args_release(&a);
	ck_assert_int_eq(cf_args_parse(&a, entry.name, entry.options, 2, argv2),
	    CF_EUSAGE);
	ck_assert(strstr(cf_error_message(), "missing argument"));
	cf_args_release(&a);
	ck_assert_int_eq(cf_args_parse(&a, entry.name, entry.options, 2, argv3),
	    CF_EUSAGE);
	cf_args_release(&a);
}
END_TEST

/* The terminal filter (termout.h): control characters as visible
 * escapes, a C1 control split across two writes caught, the rest and
 * UTF-8 untouched. */
START_TEST(test_termout)
{
	char *out = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&out, &len);
	FILE *f = cf_termout_open(mem);

	ck_assert_ptr_ne(f, mem);
	fputs("a\x1b[2Jb\t企业\xc2", f);
	fflush(f);
	fputs("\x9b" "c\x7f\x07\r\n\xc2\xa9", f);
	ck_assert_int_eq(cf_termout_close(f, mem), 0);
	fclose(mem);
	ck_assert_str_eq(out,
	    "a\\x1B[2Jb\t企业\\u009Bc\\u007F\\x07\r\n\xc2\xa9");
	free(out);
}
END_TEST

Suite *
cmd_suite(void)
{
	Suite *s = suite_create("cmd");
	TCase *tc = tcase_create("table");

	tcase_add_test(tc, test_table_sorted_unique_documented);
	tcase_add_test(tc, test_args_parse);
	tcase_add_test(tc, test_args_errors);
	tcase_add_test(tc, test_termout);
	suite_add_tcase(s, tc);
	return s;
}
