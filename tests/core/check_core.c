/* SPDX-License-Identifier: MIT */
/*
 * check_core.c - errors, strings, amounts, ratios, dates, timestamps and
 * zones (core/error.c, mem.c, text.c, amount.c, date.c).
 */
#include "conform.h"
#include "amount.h"
#include "check_suites.h"
#include "date.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>

START_TEST(test_error_set_and_prefix)
{
	ck_assert_int_eq(cf_error_set(CF_ENOTFOUND, "procedure '%s' not found",
			     "P-1"),
	    CF_ENOTFOUND);
	ck_assert_str_eq(cf_error_message(), "procedure 'P-1' not found");
	ck_assert_int_eq(cf_error_prefix("file %s", "a.xml"), CF_ENOTFOUND);
	ck_assert_str_eq(cf_error_message(),
	    "file a.xml: procedure 'P-1' not found");
	/* Re-setting from the current message is safe. */
	cf_error_set(CF_EUSAGE, "%s", cf_error_message());
	ck_assert_str_eq(cf_error_message(),
	    "file a.xml: procedure 'P-1' not found");
	cf_error_clear();
	ck_assert_int_eq(cf_error_code(), CF_OK);
	ck_assert_str_eq(cf_error_message(), "");
}
END_TEST

START_TEST(test_error_exit_codes)
{
	ck_assert_int_eq(cf_error_exit_code(CF_EUSAGE), 2);
	ck_assert_int_eq(cf_error_exit_code(CF_EINVALID), 3);
	ck_assert_int_eq(cf_error_exit_code(CF_ENOTFOUND), 3);
	ck_assert_int_eq(cf_error_exit_code(CF_EEXISTS), 3);
	ck_assert_int_eq(cf_error_exit_code(CF_ERROR), 4);
	ck_assert_int_eq(cf_error_exit_code(CF_EBUSY), 4);
	ck_assert_int_eq(cf_error_exit_code(CF_ECONFLICT), 4);
}
END_TEST

START_TEST(test_error_long_message_cut_at_utf8)
{
	struct cf_buf b = CF_BUF_INIT;

	for (int i = 0; i < 600; i++)
		cf_buf_adds(&b, "办");
	cf_error_set(CF_EINVALID, "x%s", b.s);
	ck_assert(cf_utf8_valid(cf_error_message(), strlen(cf_error_message()),
	    NULL));
	ck_assert_int_lt(strlen(cf_error_message()), 1024);
	cf_buf_release(&b);
}
END_TEST

START_TEST(test_diags_format_and_sort)
{
	struct cf_diags d = CF_DIAGS_INIT;
	char *s;

	cf_diags_add(&d, "b.xml", 3, 0, "third");
	cf_diags_add(&d, "a.xml", 9, 2, "second");
	cf_diags_add(&d, "a.xml", 1, 0, "first");
	cf_diags_add(&d, "a.xml", 9, 2, "second-later");
	cf_diags_add(&d, NULL, 0, 0, "no file");
	cf_diags_sort(&d);
	ck_assert_str_eq(d.v[0].msg, "no file");
	ck_assert_str_eq(d.v[1].msg, "first");
	ck_assert_str_eq(d.v[2].msg, "second");
	ck_assert_str_eq(d.v[3].msg, "second-later");
	s = cf_diag_format(&d.v[2]);
	ck_assert_str_eq(s, "a.xml:9:2: second");
	free(s);
	s = cf_diag_format(&d.v[1]);
	ck_assert_str_eq(s, "a.xml:1: first");
	free(s);
	s = cf_diag_format(&d.v[0]);
	ck_assert_str_eq(s, "no file");
	free(s);
	cf_diags_release(&d);
	ck_assert_uint_eq(d.n, 0);
}
END_TEST

START_TEST(test_buf)
{
	struct cf_buf b = CF_BUF_INIT;
	char *s;

	ck_assert_str_eq(b.s, "");
	cf_buf_addf(&b, "%s-%d", "x", 42);
	cf_buf_addc(&b, '!');
	for (int i = 0; i < 1000; i++)
		cf_buf_adds(&b, "ab");
	ck_assert_uint_eq(b.len, 5 + 2000);
	ck_assert(strncmp(b.s, "x-42!ab", 7) == 0);
	s = cf_buf_detach(&b);
	ck_assert_str_eq(b.s, "");
	ck_assert_uint_eq(strlen(s), 2005);
	free(s);
	s = cf_buf_detach(&b); /* empty buffer detaches to "" */
	ck_assert_str_eq(s, "");
	free(s);
}
END_TEST

START_TEST(test_utf8)
{
	size_t at = 99;

	ck_assert(cf_utf8_valid("企业设立登记", strlen("企业设立登记"), NULL));
	ck_assert(!cf_utf8_valid("ab\xff", 3, &at));
	ck_assert_uint_eq(at, 2);
	ck_assert(!cf_utf8_valid("\xc0\xaf", 2, NULL));	    /* overlong */
	ck_assert(!cf_utf8_valid("\xed\xa0\x80", 3, NULL)); /* surrogate */
	ck_assert(!cf_utf8_valid("\xe4\xbc", 2, &at));	    /* cut */
	ck_assert_uint_eq(at, 0);
	ck_assert(cf_utf8_valid("\xf0\x9f\x98\x80", 4, NULL));
	ck_assert_uint_eq(cf_utf8_width("企业A"), 5);
	ck_assert_uint_eq(cf_utf8_width("abc"), 3);
}
END_TEST

START_TEST(test_utf8_cut)
{
	const char *s = "a企\xf0\x9f\x98\x80"; /* a, 3 bytes, 4 bytes */

	ck_assert_uint_eq(cf_utf8_cut(s, 0), 0);
	ck_assert_uint_eq(cf_utf8_cut(s, 1), 1);
	ck_assert_uint_eq(cf_utf8_cut(s, 2), 1); /* inside 企 */
	ck_assert_uint_eq(cf_utf8_cut(s, 3), 1);
	ck_assert_uint_eq(cf_utf8_cut(s, 4), 4);
	ck_assert_uint_eq(cf_utf8_cut(s, 5), 4); /* inside the emoji */
	ck_assert_uint_eq(cf_utf8_cut(s, 7), 4);
	ck_assert_uint_eq(cf_utf8_cut(s, 8), 8);
	/* Not UTF-8 to begin with: nothing to repair, nothing cut. */
	ck_assert_uint_eq(cf_utf8_cut("\x80\x80\x80\x80", 4), 4);
	ck_assert_uint_eq(cf_utf8_cut("ab\xff", 3), 3);
}
END_TEST

START_TEST(test_amounts)
{
	int64_t fen = -1;
	char buf[32];

	ck_assert_int_eq(cf_amount_parse(&fen, "50", 2), 0);
	ck_assert_int_eq(fen, 5000);
	ck_assert_int_eq(cf_amount_parse(&fen, "50.00", 5), 0);
	ck_assert_int_eq(fen, 5000);
	ck_assert_int_eq(cf_amount_parse(&fen, " 50.5 ", 6), 0);
	ck_assert_int_eq(fen, 5050);
	ck_assert_int_eq(cf_amount_parse(&fen, "0.07", 4), 0);
	ck_assert_int_eq(fen, 7);
	ck_assert_int_eq(cf_amount_parse(&fen, "50.001", 6), CF_EINVALID);
	ck_assert_int_eq(cf_amount_parse(&fen, "-5", 2), CF_EINVALID);
	ck_assert_int_eq(cf_amount_parse(&fen, "5e2", 3), CF_EINVALID);
	ck_assert_int_eq(cf_amount_parse(&fen, "", 0), CF_EINVALID);
	ck_assert_int_eq(cf_amount_parse(&fen, "5.", 2), CF_EINVALID);
	ck_assert_int_eq(cf_amount_parse(&fen, "1,000", 5), CF_EINVALID);
	ck_assert_int_eq(cf_amount_parse(&fen, "99999999999999999999", 20),
	    CF_EINVALID);
	cf_amount_format(5000, buf, sizeof buf);
	ck_assert_str_eq(buf, "50.00");
	cf_amount_format(7, buf, sizeof buf);
	ck_assert_str_eq(buf, "0.07");
}
END_TEST

START_TEST(test_ratios)
{
	struct cf_ratio r;

	ck_assert_int_eq(cf_ratio_parse(&r, "0.95"), 0);
	ck_assert_int_eq(r.num, 95);
	ck_assert_int_eq(r.den, 100);
	ck_assert_int_eq(cf_ratio_parse(&r, "1"), 0);
	ck_assert_int_eq(r.num, 1);
	ck_assert_int_eq(r.den, 1);
	ck_assert_int_eq(cf_ratio_parse(&r, ".5"), CF_EINVALID);
	ck_assert_int_eq(cf_ratio_parse(&r, "0.1234567890"), CF_EINVALID);
	ck_assert_int_eq(cf_ratio_parse(&r, "0,5"), CF_EINVALID);
}
END_TEST

START_TEST(test_glob)
{
	ck_assert(cf_glob_match("P-BIZ-*", "P-BIZ-001"));
	ck_assert(!cf_glob_match("P-BIZ-*", "P-RE-001"));
	ck_assert(cf_glob_match("*", "Q/DF-FW-001"));
	ck_assert(cf_glob_match("P-?-1", "P-X-1"));
}
END_TEST

START_TEST(test_day_roundtrip)
{
	/* Every day from 1600 to 2400 converts both ways. */
	cf_day a = cf_day_from_ymd(1600, 1, 1),
	       b = cf_day_from_ymd(2400, 12, 31);
	int y, m, d, py = 1599, pm = 12, pd = 31;

	ck_assert_int_eq(cf_day_from_ymd(1970, 1, 1), 0);
	ck_assert_int_eq(cf_day_weekday(cf_day_from_ymd(2026, 11, 26)), 3);
	for (cf_day x = a; x <= b; x++) {
		cf_day_to_ymd(x, &y, &m, &d);
		ck_assert(cf_ymd_valid(y, m, d));
		ck_assert_int_eq(cf_day_from_ymd(y, m, d), x);
		/* the day before it is the previous calendar day */
		ck_assert(
		    y > py || (y == py && (m > pm || (m == pm && d > pd))));
		py = y, pm = m, pd = d;
	}
}
END_TEST

START_TEST(test_day_parse)
{
	cf_day d;
	char buf[11];

	ck_assert_int_eq(cf_day_parse(&d, "2026-02-28", 10), 0);
	cf_day_format(d, buf);
	ck_assert_str_eq(buf, "2026-02-28");
	ck_assert_int_eq(cf_day_parse(&d, "2026-02-30", 10), CF_EINVALID);
	ck_assert_str_eq(cf_error_message(),
	    "date '2026-02-30' does not exist");
	ck_assert_int_eq(cf_day_parse(&d, "2024-02-29", 10), 0);
	ck_assert_int_eq(cf_day_parse(&d, "2100-02-29", 10), CF_EINVALID);
	ck_assert_int_eq(cf_day_parse(&d, "2026-3-1", 8), CF_EINVALID);
	ck_assert(strstr(cf_error_message(), "expected YYYY-MM-DD"));
	ck_assert_int_eq(cf_day_parse(&d, "2026-13-01", 10), CF_EINVALID);
	ck_assert_int_eq(cf_day_parse(&d, "2026-00-10", 10), CF_EINVALID);
}
END_TEST

START_TEST(test_time_parse_forms)
{
	struct cf_tz *tz;
	struct cf_time t;
	char buf[64];

	ck_assert_int_eq(cf_tz_open(&tz, "Asia/Shanghai"), 0);
	ck_assert_int_eq(cf_time_parse(&t, "2026-03-02T09:15:00+08:00", 25, tz),
	    0);
	ck_assert_int_eq(t.sec, 1772414100);
	ck_assert(t.has_off);
	ck_assert_int_eq(t.off_sec, 8 * 3600);
	/* Without an offset: the workspace zone. */
	ck_assert_int_eq(cf_time_parse(&t, "2026-03-02 09:15:00", 19, tz), 0);
	ck_assert_int_eq(t.sec, 1772414100);
	ck_assert(!t.has_off);
	ck_assert_int_eq(t.off_sec, 8 * 3600);
	/* Fractions kept; +0200 form. */
	ck_assert_int_eq(cf_time_parse(&t, "2011-10-11 13:45:40.276000+02:00",
			     32, tz),
	    0);
	ck_assert_int_eq(t.nsec, 276000000);
	ck_assert_int_eq(t.off_sec, 7200);
	cf_time_format_iso(&t, buf, sizeof buf);
	ck_assert_str_eq(buf, "2011-10-11T13:45:40.276+02:00");
	ck_assert_int_eq(cf_time_parse(&t, "2011-10-11T13:45:40+0200", 24, tz),
	    0);
	ck_assert_int_eq(t.off_sec, 7200);
	/* A date alone is local midnight. */
	ck_assert_int_eq(cf_time_parse(&t, "2026-03-02", 10, tz), 0);
	cf_time_format_local(&t, tz, false, buf, sizeof buf);
	ck_assert_str_eq(buf, "2026-03-02 00:00:00");
	/* hh:mm only */
	ck_assert_int_eq(cf_time_parse(&t, "2026-03-02T09:15Z", 17, tz), 0);
	ck_assert_int_eq(t.sec % 60, 0);
	cf_tz_free(tz);
}
END_TEST

START_TEST(test_time_parse_bad)
{
	struct cf_tz *tz;
	struct cf_time t;
	const char *bad[] = { "2026-03-02T25:00:00", "2026-03-02T09:61",
		"2026-03-02T09", "2026-03-02T09:15:00+8", "2026-03-02X",
		"20260302", "2026-03-02T09:15:00.+08:00", "",
		"2026-03-02T09:15:00 " };

	ck_assert_int_eq(cf_tz_open(&tz, "Asia/Shanghai"), 0);
	for (size_t i = 0; i < CF_ARRAY_LEN(bad); i++)
		ck_assert_msg(cf_time_parse(&t, bad[i], strlen(bad[i]), tz) ==
			CF_EINVALID,
		    "accepted '%s'", bad[i]);
	ck_assert_int_eq(cf_time_parse(&t, "2026-02-30T10:00:00", 19, tz),
	    CF_EINVALID);
	ck_assert_str_eq(cf_error_message(),
	    "date '2026-02-30' does not exist");
	cf_tz_free(tz);
}
END_TEST

START_TEST(test_utc_is_next_local_day)
{
	struct cf_tz *tz;
	struct cf_time t;

	ck_assert_int_eq(cf_tz_open(&tz, "Asia/Shanghai"), 0);
	/* 17:30 UTC on 3 March is 01:30 on 4 March in Shanghai. */
	ck_assert_int_eq(cf_time_parse(&t, "2026-03-03T17:30:00Z", 20, tz), 0);
	ck_assert_int_eq(cf_tz_day(tz, t.sec), cf_day_from_ymd(2026, 3, 4));
	cf_tz_free(tz);
}
END_TEST

START_TEST(test_zone_with_dst)
{
	struct cf_tz *tz;
	struct cf_time t;

	ck_assert_int_eq(cf_tz_open(&tz, "Europe/Amsterdam"), 0);
	ck_assert_int_eq(cf_time_parse(&t, "2026-07-01 12:00:00", 19, tz), 0);
	ck_assert_int_eq(t.off_sec, 7200);
	ck_assert_int_eq(cf_time_parse(&t, "2026-01-01 12:00:00", 19, tz), 0);
	ck_assert_int_eq(t.off_sec, 3600);
	/* Switching zones back and forth keeps each one's answer. */
	struct cf_tz *sh;
	ck_assert_int_eq(cf_tz_open(&sh, "Asia/Shanghai"), 0);
	ck_assert_int_eq(cf_tz_offset(sh, 1772414100), 8 * 3600);
	ck_assert_int_eq(cf_tz_offset(tz, 1782900000), 7200);
	cf_tz_free(sh);
	cf_tz_free(tz);
}
END_TEST

START_TEST(test_unknown_zone)
{
	struct cf_tz *tz = (void *)1;

	ck_assert_int_eq(cf_tz_open(&tz, "Mars/Olympus"), CF_EINVALID);
	ck_assert_ptr_null(tz);
	ck_assert_int_eq(cf_tz_open(&tz, "../../etc/passwd"), CF_EINVALID);
	ck_assert_int_eq(cf_tz_open(&tz, "UTC"), 0);
	cf_tz_free(tz);
}
END_TEST

START_TEST(test_now_override)
{
	setenv("CONFORM_NOW", "1772414100", 1);
	ck_assert_int_eq(cf_now(), 1772414100);
	unsetenv("CONFORM_NOW");
	ck_assert_int_gt(cf_now(), 1772414100);
}
END_TEST

/* True when s is one line of UTF-8 without control bytes. */
static bool
one_line_utf8(const char *s)
{
	return cf_text_printable(s, strlen(s));
}

/*
 * Errors quote their input: a field with a line break or bytes that are
 * not UTF-8 made a message of several lines, or one that is not UTF-8
 * (fuzz-time, fuzz-amount: "invalid amount '\xBA'").
 */
START_TEST(test_messages_one_line_utf8)
{
	struct cf_diags d = CF_DIAGS_INIT;
	int64_t fen;
	cf_day day;

	cf_error_set(CF_EINVALID, "unknown procedure_id '%s'", "P\nX\r\t\x01");
	ck_assert_str_eq(cf_error_message(),
	    "unknown procedure_id 'P\\nX\\r\\t\\x01'");
	ck_assert_int_eq(cf_amount_parse(&fen, "\xBA", 1), CF_EINVALID);
	ck_assert(one_line_utf8(cf_error_message()));
	ck_assert(strstr(cf_error_message(), "'\\xBA'"));
	/* A long value is cut at a character, not inside one. */
	const char *zh =
	    "2026-03-02 上午九点一刻左右受理的申请件号码为一二三四";
	ck_assert_int_eq(cf_time_parse(&(struct cf_time){ 0 }, zh, strlen(zh),
			     NULL),
	    CF_EINVALID);
	ck_assert(one_line_utf8(cf_error_message()));
	ck_assert(strstr(cf_error_message(), "\\x") == NULL);
	ck_assert_int_eq(cf_day_parse(&day, zh, strlen(zh)), CF_EINVALID);
	ck_assert(one_line_utf8(cf_error_message()));
	/* Escaping makes a message longer: still cut at a character. */
	struct cf_buf lng = CF_BUF_INIT;
	for (int i = 0; i < 301; i++)
		cf_buf_adds(&lng, "\n");
	for (int i = 0; i < 300; i++)
		cf_buf_adds(&lng, "中");
	for (int pad = 0; pad < 3; pad++) {
		cf_error_set(CF_EINVALID, "%.*s%s", pad, "xx", lng.s);
		ck_assert(one_line_utf8(cf_error_message()));
	}
	cf_buf_release(&lng);
	/* Diagnostics: the message and the file name as printed. */
	cf_diags_add(&d, "a\nb.csv", 3, 0, "bad '%s'", "x\ny\xff");
	char *s = cf_diag_format(&d.v[0]);
	ck_assert_str_eq(s, "a\\nb.csv:3: bad 'x\\ny\\xFF'");
	free(s);
	/* Chinese text passes through untouched. */
	cf_diags_add(&d, "程序.xml", 1, 0, "标题 '%s'", "企业设立登记");
	s = cf_diag_format(&d.v[1]);
	ck_assert_str_eq(s, "程序.xml:1: 标题 '企业设立登记'");
	free(s);
	cf_diags_release(&d);
	cf_error_clear();
}
END_TEST

/*
 * A timestamp near the ends of the calendar had a local date of year 0
 * or 10000, stored as "0000-01-01 ..." - a date nothing reads back
 * (fuzz-time: '9999-12-31T23:59:59-18:00').
 */
START_TEST(test_time_range)
{
	struct cf_tz *utc;
	struct cf_time t;

	ck_assert_int_eq(cf_tz_open(&utc, "UTC"), 0);
	ck_assert_int_eq(cf_time_parse(&t, "9999-12-31T23:59:59-18:00", 25,
			     utc),
	    CF_EINVALID);
	ck_assert(strstr(cf_error_message(), "out of range"));
	ck_assert_int_eq(cf_time_parse(&t, "0001-01-01T00:00+01:00", 22, utc),
	    CF_EINVALID);
	ck_assert_int_eq(cf_time_parse(&t, "0001-01-02", 10, utc), 0);
	ck_assert_int_eq(cf_time_parse(&t, "9999-12-30T23:59:59Z", 20, utc), 0);
	ck_assert_int_eq(cf_time_parse(&t, "2026-03-02T09:15:00+08:00", 25,
			     utc),
	    0);
	cf_tz_free(utc);
	cf_error_clear();
}
END_TEST

Suite *
core_suite(void)
{
	Suite *s = suite_create("core");
	TCase *tc = tcase_create("error");

	tcase_add_test(tc, test_error_set_and_prefix);
	tcase_add_test(tc, test_error_exit_codes);
	tcase_add_test(tc, test_error_long_message_cut_at_utf8);
	tcase_add_test(tc, test_diags_format_and_sort);
	tcase_add_test(tc, test_messages_one_line_utf8);
	suite_add_tcase(s, tc);
	tc = tcase_create("text");
	tcase_add_test(tc, test_buf);
	tcase_add_test(tc, test_utf8);
	tcase_add_test(tc, test_utf8_cut);
	tcase_add_test(tc, test_amounts);
	tcase_add_test(tc, test_ratios);
	tcase_add_test(tc, test_glob);
	suite_add_tcase(s, tc);
	tc = tcase_create("date");
	tcase_add_test(tc, test_day_roundtrip);
	tcase_add_test(tc, test_day_parse);
	tcase_add_test(tc, test_time_parse_forms);
	tcase_add_test(tc, test_time_parse_bad);
	tcase_add_test(tc, test_utc_is_next_local_day);
	tcase_add_test(tc, test_zone_with_dst);
	tcase_add_test(tc, test_unknown_zone);
	tcase_add_test(tc, test_now_override);
	tcase_add_test(tc, test_time_range);
	suite_add_tcase(s, tc);
	return s;
}
