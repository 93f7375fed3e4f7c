/* SPDX-License-Identifier: MIT */
/*
 * check_profile.c - import profiles (doc/cases.md "Import profiles"):
 * the builder (procedures/doc-profile.c) keeps what a profile says,
 * trimmed, and refuses each problem once with its line; the format
 * check; and the strict reading of a time by a format
 * (cases/profile.c, cf_profile_time_parse).
 */
#include "conform.h"
#include "check_suites.h"
#include "check_util.h"
#include "document.h"
#include "profile.h"

#include <stdlib.h>
#include <string.h>

static struct cf_diags diags;
static struct cf_tz *tz;

static void
zone_setup(void)
{
	ck_assert_int_eq(cf_tz_open(&tz, "Asia/Shanghai"), 0);
}

static void
zone_teardown(void)
{
	cf_tz_free(tz);
	tz = NULL;
	cf_diags_release(&diags);
}

static int
parse(const char *xml, struct cf_doc **out)
{
	struct cf_doc *doc = NULL;
	int rc;

	cf_diags_release(&diags);
	rc = cf_doc_parse(&doc, xml, strlen(xml), "profiles/PR-X.xml", &diags);
	if (out)
		*out = doc;
	else
		cf_doc_free(doc);
	return rc;
}

#define REQ                                                                    \
	"  <field name=\"case_id\" column=\"编号\"/>\n"                          \
	"  <field name=\"procedure_id\" column=\"事项\"/>\n"                     \
	"  <field name=\"accepted_at\" column=\"受理时间\"/>\n"

START_TEST(test_build)
{
	struct cf_doc *doc;
	const struct cf_profile *p;
	const struct cf_profile_field *f;

	ck_assert_msg(parse("<profile id=\"PR-X\" kind=\"cases\" "
			    "encoding=\"GBK\" sheet=\"导出\" title=\"测试\">\n" REQ
			    "  <field name=\"channel\" column=\"  方式 \">\n"
			    "    <map from=\" 窗口 \" to=\"window\"/>\n"
			    "    <map from=\"未知\" to=\"\"/>\n"
			    "  </field>\n"
			    "  <field name=\"completed_at\" column=\"办结\" "
			    "format=\"%Y年%m月%d日 %H:%M:%S.%f%z\"/>\n"
			    "</profile>\n",
			    &doc) == 0,
	    "%s", diags.n ? diags.v[0].msg : cf_error_message());
	ck_assert_int_eq(doc->type, CF_DOC_PROFILE);
	p = &doc->u.profile;
	ck_assert_str_eq(p->id, "PR-X");
	ck_assert_int_eq(p->kind, CF_PROFILE_CASES);
	ck_assert_str_eq(p->encoding, "GBK");
	ck_assert_str_eq(p->sheet, "导出");
	ck_assert_str_eq(p->title, "测试");
	ck_assert_uint_eq(p->nfields, 5);
	f = cf_profile_find(p, "channel");
	ck_assert_ptr_nonnull(f);
	ck_assert_str_eq(f->column, "方式");
	ck_assert_ptr_null(f->format);
	ck_assert_uint_eq(f->nmaps, 2);
	ck_assert_str_eq(f->maps[0].from, "窗口");
	ck_assert_str_eq(f->maps[0].to, "window");
	ck_assert_int_eq(f->maps[0].line, 6);
	ck_assert_str_eq(f->maps[1].to, "");
	f = cf_profile_find(p, "completed_at");
	ck_assert_str_eq(f->format, "%Y年%m月%d日 %H:%M:%S.%f%z");
	ck_assert_int_eq(f->line, 9);
	ck_assert_ptr_null(cf_profile_find(p, "window"));
	ck_assert_str_eq(cf_profile_kind_name(p->kind), "cases");
	cf_doc_free(doc);

	ck_assert_int_eq(parse("<profile id=\"PR-X\" kind=\"events\">\n"
				"  <field name=\"case_id\" column=\"a\"/>\n"
				"  <field name=\"activity\" column=\"b\"/>\n"
				"  <field name=\"timestamp\" column=\"c\"/>\n"
				"</profile>\n",
			     &doc),
	    0);
	ck_assert_int_eq(doc->u.profile.kind, CF_PROFILE_EVENTS);
	ck_assert_ptr_null(doc->u.profile.encoding);
	ck_assert_ptr_null(doc->u.profile.sheet);
	cf_doc_free(doc);
}
END_TEST

/* Each bad profile: exactly one problem, on `line`, saying `needle`. */
START_TEST(test_build_refused)
{
	static const struct {
		const char *xml;
		int line;
		const char *needle;
	} bad[] = {
		{ "kind=\"cases\">\n" REQ "  <field name=\"foo\" column=\"x\"/>\n",
		    5, "field 'foo' is not a field of a cases file" },
		{ "kind=\"events\">\n  <field name=\"case_id\" column=\"a\"/>\n"
		  "  <field name=\"procedure_id\" column=\"b\"/>\n"
		  "  <field name=\"activity\" column=\"c\"/>\n"
		  "  <field name=\"timestamp\" column=\"d\"/>\n", 3,
		    "field 'procedure_id' is not a field of an events file" },
		{ "kind=\"cases\">\n" REQ "  <field name=\"case_id\" column=\"x\"/>\n",
		    5, "field 'case_id' is mapped twice (also at line 2)" },
		{ "kind=\"cases\">\n" REQ "  <field name=\"window\" column=\" 事项\"/>\n",
		    5, "column '事项' is named twice (for procedure_id at line 3" },
		{ "kind=\"cases\">\n" REQ "  <field name=\"completed_at\" column=\"x\" format=\"%Y-%m-%d %I\"/>\n",
		    5, "%I is not a directive a profile may use" },
		{ "kind=\"cases\">\n" REQ "  <field name=\"fee_charged\" column=\"x\" format=\"%Y-%m-%d\"/>\n",
		    5, "field 'fee_charged' is no time" },
		{ "kind=\"cases\">\n" REQ "  <field name=\"channel\" column=\"x\">\n    <map to=\"a\"/>\n  </field>\n",
		    6, "a <map> of field 'channel' has no from" },
		{ "kind=\"cases\">\n" REQ "  <field name=\"channel\" column=\"x\">\n    <map from=\"a\" to=\"a\"/><map from=\"a \" to=\"b\"/>\n  </field>\n",
		    6, "value 'a' of field 'channel' is mapped twice" },
		{ "kind=\"case\">\n" REQ, 1, "kind 'case' is no kind of profile" },
		{ "kind=\"cases\" encoding=\"latin1\">\n" REQ, 1,
		    "encoding 'latin1' is not one conform reads, expected UTF-8 or GB18030" },
		{ "kind=\"cases\">\n  <field name=\"case_id\" column=\"a\"/>\n  <field name=\"accepted_at\" column=\"b\"/>\n",
		    1, "maps no column to the required field 'procedure_id'" },
		{ "kind=\"evaluations\">\n  <field name=\"case_id\" column=\"a\"/>\n  <field name=\"rated_at\" column=\"b\"/>\n",
		    1, "maps no column to the required field 'rating'" },
	};

	for (size_t i = 0; i < CF_ARRAY_LEN(bad); i++) {
		char *xml = cf_xasprintf("<profile id=\"PR-X\" %s</profile>\n",
		    bad[i].xml);
		ck_assert_int_eq(parse(xml, NULL), CF_EINVALID);
		ck_assert_msg(diags.n == 1, "%zu: %zu problems (first: %s)", i,
		    diags.n, diags.n ? diags.v[0].msg : "");
		ck_assert_msg(strstr(diags.v[0].msg, bad[i].needle) != NULL,
		    "%zu: %s", i, diags.v[0].msg);
		ck_assert_msg(diags.v[0].line == bad[i].line,
		    "%zu: line %d, expected %d", i, diags.v[0].line,
		    bad[i].line);
		free(xml);
	}
}
END_TEST

START_TEST(test_format_check)
{
	static const char *const good[] = { "%Y-%m-%d", "%d.%m.%Y %H:%M",
		"%Y年%m月%d日 %H时%M分%S秒", "%Y%m%d%H%M%S.%f%z", "%Y-%m-%d 100%%",
		"%z %Y/%m/%d" };
	static const char *const bad[][2] = {
		{ "%Y-%m-%d %I", "%I is not a directive" },
		{ "%Y-%m-%d %", "ends with a lone '%'" },
		{ "%Y-%m-%d-%Y", "gives %Y twice" },
		{ "%m-%d", "lacks %Y" },
		{ "%Y-%d", "lacks %m" },
		{ "%Y-%m", "lacks %d" },
		{ "", "lacks %Y" },
		{ "%Y-%m-%d %M", "gives %M without %H" },
		{ "%Y-%m-%d %H:%S", "gives %S without %M" },
		{ "%Y-%m-%d %H:%M.%f", "gives %f without %S" },
	};

	for (size_t i = 0; i < CF_ARRAY_LEN(good); i++)
		ck_assert_msg(cf_profile_format_check(good[i]) == 0, "%s: %s",
		    good[i], cf_error_message());
	for (size_t i = 0; i < CF_ARRAY_LEN(bad); i++) {
		ck_assert_int_eq(cf_profile_format_check(bad[i][0]),
		    CF_EINVALID);
		ck_assert_msg(strstr(cf_error_message(), bad[i][1]) != NULL,
		    "%s: %s", bad[i][0], cf_error_message());
	}
}
END_TEST

static void
parsed(const char *s, const char *format, int64_t sec, int32_t nsec,
    int32_t off, bool has_off)
{
	struct cf_time t;

	ck_assert_msg(cf_profile_time_parse(&t, s, strlen(s), format, tz) == 0,
	    "'%s' by '%s': %s", s, format, cf_error_message());
	ck_assert_msg(t.sec == sec && t.nsec == nsec && t.off_sec == off &&
		t.has_off == has_off,
	    "'%s' by '%s': %lld.%09d %+d %d", s, format, (long long)t.sec,
	    t.nsec, t.off_sec, t.has_off);
}

START_TEST(test_time_parse)
{
	/* 2026-03-02 09:05 in Shanghai is 01:05Z: 1772413500 */
	parsed("2026/3/2 9:05", "%Y/%m/%d %H:%M", 1772413500, 0, 28800, false);
	parsed("2026/03/02 09:05", "%Y/%m/%d %H:%M", 1772413500, 0, 28800,
	    false);
	parsed("2026年3月2日 9时05分00秒", "%Y年%m月%d日 %H时%M分%S秒",
	    1772413500, 0, 28800, false);
	parsed("2026-03-02", "%Y-%m-%d", 1772380800, 0, 28800, false);
	parsed("02.03.2026 01:05:00.5Z", "%d.%m.%Y %H:%M:%S.%f%z", 1772413500,
	    500000000, 0, true);
	parsed("02.03.2026 01:05:00.123456789-0130", "%d.%m.%Y %H:%M:%S.%f%z",
	    1772413500 + 5400, 123456789, -5400, true);
	parsed("20260302090500+08:00", "%Y%m%d%H%M%S%z", 1772413500, 0, 28800,
	    true);
	parsed("100% 2026-03-02", "100%% %Y-%m-%d", 1772380800, 0, 28800,
	    false);
}
END_TEST

START_TEST(test_time_refused)
{
	static const char *const bad[][2] = {
		{ "2026/3/2 9:05 ", "%Y/%m/%d %H:%M" },	  /* trailing blank */
		{ "2026/3/2", "%Y/%m/%d %H:%M" },	  /* too short */
		{ "26/3/2 9:05", "%Y/%m/%d %H:%M" },	  /* two-digit year */
		{ "2026-3-2 9:05", "%Y/%m/%d %H:%M" },	  /* other literal */
		{ "2026/2/29 9:05", "%Y/%m/%d %H:%M" },	  /* no such day */
		{ "2026/13/2 9:05", "%Y/%m/%d %H:%M" },	  /* no such month */
		{ "2026/3/2 24:05", "%Y/%m/%d %H:%M" },	  /* no such hour */
		{ "2026/3/2 9:60", "%Y/%m/%d %H:%M" },	  /* no such minute */
		{ "2026/3/2 9:05:00.", "%Y/%m/%d %H:%M:%S.%f" }, /* no digit */
		{ "2026/3/2 9:05:00.1234567890",
		    "%Y/%m/%d %H:%M:%S.%f" },	  /* ten digits */
		{ "2026/3/2 9:05+8", "%Y/%m/%d %H:%M%z" }, /* short offset */
		{ "2026/3/2 9:05 CST", "%Y/%m/%d %H:%M %z" }, /* a zone name */
		{ "2026/3/2 9:05", "%Y/%m/%d %H:%M%z" },  /* offset missing */
		{ "", "%Y-%m-%d" },
	};
	struct cf_time t;

	for (size_t i = 0; i < CF_ARRAY_LEN(bad); i++) {
		ck_assert_msg(cf_profile_time_parse(&t, bad[i][0],
				  strlen(bad[i][0]), bad[i][1], tz) ==
			CF_EINVALID,
		    "'%s' by '%s' accepted", bad[i][0], bad[i][1]);
		ck_assert_msg(strstr(cf_error_message(), bad[i][1]) != NULL,
		    "%s", cf_error_message());
	}
}
END_TEST

Suite *
profile_suite(void)
{
	Suite *s = suite_create("profile");
	TCase *tc = tcase_create("profile");

	tcase_add_checked_fixture(tc, zone_setup, zone_teardown);
	tcase_add_test(tc, test_build);
	tcase_add_test(tc, test_build_refused);
	tcase_add_test(tc, test_format_check);
	tcase_add_test(tc, test_time_parse);
	tcase_add_test(tc, test_time_refused);
	suite_add_tcase(s, tc);
	return s;
}
