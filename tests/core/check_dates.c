/* SPDX-License-Identifier: MIT */
/*
 * check_dates.c - timestamps as spreadsheets write them
 * (cf_time_parse_excel: every form accepted, every ambiguous one
 * refused with the profile format that settles it).  A profile
 * field's own format is cases/profile.c's (check_profile.c).
 */
#include "conform.h"
#include "check_suites.h"
#include "date.h"

#include <string.h>

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
}

/* The instant `s` means, as "YYYY-MM-DDTHH:MM:SS+hh:mm", or the error. */
static const char *
excel(const char *s)
{
	static char buf[64];
	struct cf_time t;

	if (cf_time_parse_excel(&t, s, strlen(s), tz) < 0)
		return cf_error_message();
	cf_time_format_iso(&t, buf, sizeof buf);
	return buf;
}

START_TEST(test_excel_accepted)
{
	static const char *const ok[][2] = {
		{ "2026/3/2 9:05", "2026-03-02T09:05:00+08:00" },
		{ "2026-3-2", "2026-03-02T00:00:00+08:00" },
		{ "2026/03/02 09:05:00", "2026-03-02T09:05:00+08:00" },
		{ "2026/3/2", "2026-03-02T00:00:00+08:00" },
		{ "2026/12/31 23:59:59", "2026-12-31T23:59:59+08:00" },
		{ "2026-03-02 9:05", "2026-03-02T09:05:00+08:00" },
		{ "2026-3-2T9:05Z", "2026-03-02T09:05:00+00:00" },
		{ "2026/3/2 9:05:00.5", "2026-03-02T09:05:00.5+08:00" },
		/* what cf_time_parse reads is unchanged */
		{ "2026-03-02T09:15:00+08:00", "2026-03-02T09:15:00+08:00" },
		{ "2011-10-11 13:45:40.276000+02:00",
		    "2011-10-11T13:45:40.276+02:00" },
		{ "2026-03-02", "2026-03-02T00:00:00+08:00" },
		/* (a date with an offset, found by fuzz-time) */
		{ "2026-03-02+09:00", "2026-03-02T00:00:00+09:00" },
		{ "2026-03-02Z", "2026-03-02T00:00:00+00:00" },
	};

	for (size_t i = 0; i < CF_ARRAY_LEN(ok); i++)
		ck_assert_msg(strcmp(excel(ok[i][0]), ok[i][1]) == 0,
		    "'%s': %s", ok[i][0], excel(ok[i][0]));
}
END_TEST

START_TEST(test_excel_refused)
{
	static const char *const amb[][2] = {
		{ "3/2/2026",
		    "timestamp '3/2/2026' is ambiguous (month/day/year or "
		    "day/month/year), expected the year first in four digits "
		    "(2026/3/2, 2026-03-02) or an import profile (--profile "
		    "ID) giving the field's format=\"%m/%d/%Y\" or "
		    "format=\"%d/%m/%Y\"" },
		{ "02/03/2026 09:10", "format=\"%m/%d/%Y %H:%M\" or "
				      "format=\"%d/%m/%Y %H:%M\"" },
		{ "13-2-2026 9:05:07", "format=\"%m-%d-%Y %H:%M:%S\"" },
		{ "2.3.2026", "format=\"%d.%m.%Y\"" },
		{ "26/3/2", "(a two-digit year: year/month/day, "
			    "day/month/year or month/day/year)" },
		{ "3/2/26 9:05", "format=\"%y/%m/%d %H:%M\" or "
				 "format=\"%d/%m/%y %H:%M\" or "
				 "format=\"%m/%d/%y %H:%M\"" },
	};
	static const char *const bad[] = { "2026/3/2 9:5", "2026/3-2",
		"2026.3.2", "2026/3/2 25:00", "2026/3/2  9:05", "2026/3/2 9",
		"2026/003/2", "x", "", "20260302", "2026/3/2 9:05 ", "2026/3/",
		"123/3/2", "3/2/202", "2026/3/2 9:05+8", "2026-03-02T09" };

	for (size_t i = 0; i < CF_ARRAY_LEN(amb); i++)
		ck_assert_msg(strstr(excel(amb[i][0]), amb[i][1]) != NULL,
		    "'%s': %s", amb[i][0], excel(amb[i][0]));
	for (size_t i = 0; i < CF_ARRAY_LEN(bad); i++)
		ck_assert_msg(strstr(excel(bad[i]), "invalid timestamp") !=
			NULL,
		    "'%s': %s", bad[i], excel(bad[i]));
	ck_assert_str_eq(excel("2026/3/2 9:5"),
	    "invalid timestamp '2026/3/2 9:5', expected "
	    "YYYY-MM-DD[Thh:mm[:ss[.f]]][Z|+hh:mm] or YYYY/M/D[ h:mm[:ss]]");
	/* A date that does not exist is named as the file gives it. */
	ck_assert_str_eq(excel("2026/2/30 9:05"),
	    "date '2026/2/30' does not exist");
	ck_assert_str_eq(excel("2026-02-30"), "date '2026-02-30' does not exist");
	ck_assert(strstr(excel("9999/12/31 12:00"), "out of range"));
}
END_TEST


Suite *
dates_suite(void)
{
	Suite *s = suite_create("dates");
	TCase *tc = tcase_create("excel");

	tcase_add_checked_fixture(tc, zone_setup, zone_teardown);
	tcase_add_test(tc, test_excel_accepted);
	tcase_add_test(tc, test_excel_refused);
	suite_add_tcase(s, tc);
	return s;
}
