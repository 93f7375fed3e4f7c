/* SPDX-License-Identifier: MIT */
/*
 * check_calendar.c - the working-day calendar (core/calendar.c) with the
 * official calendars shipped in procedures/calendars/, DOMAIN.md's test
 * vectors, and an exhaustive comparison with a day-by-day count.
 */
#include "conform.h"
#include "calendar.h"
#include "check_suites.h"
#include "check_util.h"
#include "document.h"

#include <stdlib.h>
#include <string.h>

static cf_day
D(int y, int m, int d)
{
	return cf_day_from_ymd(y, m, d);
}

static void
assert_deadline(struct cf_cal *cal, cf_day a, int n, cf_day want)
{
	cf_day got = 0;
	char ga[11], gw[11], gg[11];

	ck_assert_int_eq(cf_cal_deadline(cal, a, n, &got), 0);
	cf_day_format(a, ga);
	cf_day_format(want, gw);
	cf_day_format(got, gg);
	ck_assert_msg(got == want, "%s + %d: got %s, want %s", ga, n, gg, gw);
}

START_TEST(test_domain_vectors)
{
	struct cf_cal *cal = official_calendar();
	int n;

	assert_deadline(cal, D(2025, 1, 20), 20, D(2025, 2, 21));
	assert_deadline(cal, D(2026, 2, 10), 20, D(2026, 3, 16));
	ck_assert_int_eq(cf_cal_workdays_in_year(cal, 2025, &n), 0);
	ck_assert_int_eq(n, 248);
	ck_assert_int_eq(cf_cal_workdays_in_year(cal, 2026, &n), 0);
	ck_assert_int_eq(n, 248);
	cf_cal_free(cal);
}
END_TEST

START_TEST(test_makeup_saturday)
{
	struct cf_cal *cal = official_calendar();
	bool w;

	/* 2026-02-14 (Sat) and 2026-02-28 (Sat) are worked. */
	ck_assert_int_eq(cf_cal_is_workday(cal, D(2026, 2, 14), &w), 0);
	ck_assert(w);
	ck_assert_int_eq(cf_cal_is_workday(cal, D(2026, 2, 28), &w), 0);
	ck_assert(w);
	ck_assert_int_eq(cf_cal_is_workday(cal, D(2026, 2, 21), &w), 0);
	ck_assert(!w); /* a Saturday inside the Spring Festival */
	/* Accepted Fri 13 Feb: the 1st working day is Sat 14 Feb. */
	assert_deadline(cal, D(2026, 2, 13), 1, D(2026, 2, 14));
	/* ... the 2nd is Tue 24 Feb, after the nine days off. */
	assert_deadline(cal, D(2026, 2, 13), 2, D(2026, 2, 24));
	/* Accepted on the make-up Saturday itself: it does not count. */
	assert_deadline(cal, D(2026, 2, 14), 1, D(2026, 2, 24));
	cf_cal_free(cal);
}
END_TEST

START_TEST(test_spring_festival_span)
{
	struct cf_cal *cal = official_calendar();
	int n;

	/* 2025: off 28 Jan - 4 Feb, make-up Sun 26 Jan and Sat 8 Feb. */
	assert_deadline(cal, D(2025, 1, 24), 1, D(2025, 1, 26));
	assert_deadline(cal, D(2025, 1, 24), 2, D(2025, 1, 27));
	assert_deadline(cal, D(2025, 1, 24), 3, D(2025, 2, 5));
	ck_assert_int_eq(cf_cal_count(cal, D(2025, 1, 27), D(2025, 2, 5), &n),
	    0);
	ck_assert_int_eq(n, 1);
	cf_cal_free(cal);
}
END_TEST

START_TEST(test_zero_days)
{
	struct cf_cal *cal = official_calendar();

	assert_deadline(cal, D(2026, 3, 2), 0, D(2026, 3, 2));
	/* Even on a holiday or in an uncovered year: the same day. */
	assert_deadline(cal, D(2026, 10, 1), 0, D(2026, 10, 1));
	assert_deadline(cal, D(2031, 5, 5), 0, D(2031, 5, 5));
	cf_cal_free(cal);
}
END_TEST

START_TEST(test_uncovered_year)
{
	struct cf_cal *cal = official_calendar();
	cf_day out = 0;
	int n;

	/* Late December 2026 + 10 working days runs into 2027. */
	ck_assert_int_eq(cf_cal_deadline(cal, D(2026, 12, 24), 10, &out),
	    CF_ENOTFOUND);
	ck_assert_str_eq(cf_error_message(), "no calendar covers 2027");
	ck_assert_int_eq(cf_cal_deadline(cal, D(2024, 6, 3), 1, &out),
	    CF_ENOTFOUND);
	ck_assert_str_eq(cf_error_message(), "no calendar covers 2024");
	/* Accepted on 31 Dec 2024: the counting starts in covered 2025. */
	assert_deadline(cal, D(2024, 12, 31), 1, D(2025, 1, 2));
	ck_assert_int_eq(cf_cal_workdays_in_year(cal, 2027, &n), CF_ENOTFOUND);
	ck_assert_int_eq(cf_cal_first_uncovered_after(cal, D(2026, 6, 1)),
	    D(2027, 1, 1));
	ck_assert_int_eq(cf_cal_count(cal, D(2026, 12, 20), D(2027, 1, 4), &n),
	    CF_ENOTFOUND);
	ck_assert_int_eq(cf_cal_count(cal, D(2026, 12, 20), D(2026, 12, 31),
			     &n),
	    0);
	ck_assert_int_eq(n, 9);
	cf_cal_free(cal);
}
END_TEST

START_TEST(test_gap_between_years)
{
	struct cf_cal *cal = cf_cal_new();
	cf_day out;

	ck_assert_int_eq(cf_cal_add_year(cal, 2025), 0);
	ck_assert_int_eq(cf_cal_add_year(cal, 2027), 0);
	ck_assert_int_eq(cf_cal_add_year(cal, 2025), CF_EEXISTS);
	ck_assert_int_eq(cf_cal_build(cal), 0);
	ck_assert_int_eq(cf_cal_deadline(cal, D(2025, 12, 29), 5, &out),
	    CF_ENOTFOUND);
	ck_assert_str_eq(cf_error_message(), "no calendar covers 2026");
	ck_assert(cf_cal_covers(cal, 2027));
	ck_assert(!cf_cal_covers(cal, 2026));
	cf_cal_free(cal);
}
END_TEST

/* The reference: count day by day. */
static bool
naive_workday(cf_day d, const struct cf_caldoc *const *cals, int ncals)
{
	bool work = cf_day_weekday(d) < 5;

	for (int c = 0; c < ncals; c++) {
		for (size_t i = 0; i < cals[c]->nworkdays; i++)
			if (cals[c]->workdays[i].date == d)
				work = true;
		for (size_t i = 0; i < cals[c]->nholidays; i++)
			if (d >= cals[c]->holidays[i].from &&
			    d <= cals[c]->holidays[i].to)
				work = false;
	}
	return work;
}

/* The shipped 2025 and 2026 calendars, as documents and built. */
static struct cf_cal *
official_pair(struct cf_doc *docs[2], const struct cf_caldoc *cals[2])
{
	const char *files[] = { CF_ABS_SRCDIR
		"/procedures/calendars/CN-2025.xml",
		CF_ABS_SRCDIR "/procedures/calendars/CN-2026.xml" };
	struct cf_diags diags = CF_DIAGS_INIT;
	struct cf_cal *cal;

	for (int i = 0; i < 2; i++) {
		ck_assert_int_eq(cf_doc_load_file(&docs[i], files[i],
				     i ? "calendars/CN-2026.xml"
				       : "calendars/CN-2025.xml",
				     &diags),
		    0);
		cals[i] = &docs[i]->u.cal;
	}
	ck_assert_int_eq(cf_doc_build_calendar(&cal, docs, 2), 0);
	cf_diags_release(&diags);
	return cal;
}

START_TEST(test_matches_day_by_day)
{
	struct cf_doc *docs[2];
	const struct cf_caldoc *cals[2];
	struct cf_cal *cal = official_pair(docs, cals);

	for (cf_day a = D(2024, 12, 31); a < D(2026, 12, 31); a++) {
		cf_day d = a;
		for (int n = 1; n <= 30; n++) {
			do
				d++;
			while (d < D(2027, 1, 1) && !naive_workday(d, cals, 2));
			cf_day got;
			int rc = cf_cal_deadline(cal, a, n, &got);
			if (d >= D(2027, 1, 1)) {
				ck_assert_int_eq(rc, CF_ENOTFOUND);
				break;
			}
			ck_assert_int_eq(rc, 0);
			ck_assert_int_eq(got, d);
		}
	}
	cf_cal_free(cal);
	cf_doc_free(docs[0]);
	cf_doc_free(docs[1]);
}
END_TEST

/* A paused day by the definition: some span with from < d <= to. */
static bool
naive_paused(cf_day d, const struct cf_span *sp, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (sp[i].from < d && d <= sp[i].to)
			return true;
	return false;
}

static int
by_from(const void *a, const void *b)
{
	const struct cf_span *x = a, *y = b;
	return (x->from > y->from) - (x->from < y->from);
}

/*
 * The paused deadline and count against a day-by-day walk, over random
 * spans (overlapping, touching, empty, open, across Spring Festival,
 * make-up Saturdays and into the uncovered 2027), 20,000 draws.
 */
START_TEST(test_paused_matches_day_by_day)
{
	struct cf_doc *docs[2];
	const struct cf_caldoc *cals[2];
	struct cf_cal *cal = official_pair(docs, cals);
	uint64_t x = 88172645463325252ull;

	for (int draw = 0; draw < 20000; draw++) {
#define RND(n) (x ^= x << 13, x ^= x >> 7, x ^= x << 17, (int)(x % (n)))
		cf_day a = D(2025, 1, 1) + RND(720);
		int n = RND(25);
		size_t ns = (size_t)RND(5);
		struct cf_span sp[5];
		for (size_t i = 0; i < ns; i++) {
			sp[i].from = a + RND(40) - 5;
			sp[i].to = RND(8) == 0 ? CF_DAY_OPEN
					       : sp[i].from + RND(15);
		}
		qsort(sp, ns, sizeof sp[0], by_from);
		/* The walk: the n-th unpaused working day after a. */
		cf_day d = a, want = CF_DAY_NONE, wgap = 0;
		int k = 0, wrc = 0;
		if (n == 0)
			want = a;
		while (n > 0) {
			d++;
			if (naive_paused(d, sp, ns)) {
				bool open = false;
				for (size_t i = 0; i < ns; i++)
					open |= sp[i].to == CF_DAY_OPEN &&
					    sp[i].from < d;
				if (open) {
					wrc = 1;
					break;
				}
				continue;
			}
			if (d >= D(2027, 1, 1)) {
				wrc = CF_ENOTFOUND;
				wgap = d;
				break;
			}
			if (naive_workday(d, cals, 2) && ++k == n) {
				want = d;
				break;
			}
		}
		cf_day got = 0, gap = 0;
		int rc = cf_cal_deadline_paused(cal, a, n, sp, ns, &got, &gap);
		char ga[11];
		cf_day_format(a, ga);
		ck_assert_msg(rc == wrc, "draw %d: %s + %d: rc %d, want %d",
		    draw, ga, n, rc, wrc);
		if (rc == 0)
			ck_assert_msg(got == want, "draw %d: %s + %d", draw, ga,
			    n);
		if (rc == CF_ENOTFOUND)
			ck_assert_msg(gap <= wgap && gap >= D(2027, 1, 1),
			    "draw %d: gap %d, first unpaused uncovered %d",
			    draw, gap, wgap);
		cf_error_clear();
		/* The count over (a, b]. */
		cf_day b = a + RND(60) - 3;
		int cnt = 0, crc = 0, c = -1;
		for (cf_day e = a + 1; e <= b; e++) {
			if (naive_paused(e, sp, ns))
				continue;
			if (e >= D(2027, 1, 1)) {
				crc = CF_ENOTFOUND;
				break;
			}
			cnt += naive_workday(e, cals, 2);
		}
		rc = cf_cal_count_paused(cal, a, b, sp, ns, &c, &gap);
		ck_assert_msg(rc == crc, "draw %d: count rc %d, want %d", draw,
		    rc, crc);
		if (rc == 0)
			ck_assert_msg(c == cnt, "draw %d: count %d, want %d",
			    draw, c, cnt);
		cf_error_clear();
#undef RND
	}
	cf_cal_free(cal);
	cf_doc_free(docs[0]);
	cf_doc_free(docs[1]);
}
END_TEST

Suite *
calendar_suite(void)
{
	Suite *s = suite_create("calendar");
	TCase *tc = tcase_create("official");

	tcase_add_test(tc, test_domain_vectors);
	tcase_add_test(tc, test_makeup_saturday);
	tcase_add_test(tc, test_spring_festival_span);
	tcase_add_test(tc, test_zero_days);
	tcase_add_test(tc, test_uncovered_year);
	tcase_add_test(tc, test_gap_between_years);
	tcase_add_test(tc, test_matches_day_by_day);
	tcase_add_test(tc, test_paused_matches_day_by_day);
	suite_add_tcase(s, tc);
	return s;
}
