/* SPDX-License-Identifier: MIT */
/*
 * calendar.h - Chinese working days (doc/working-days.md).
 *
 * A working day is a Monday to Friday or a listed make-up day
 * (调休 workday), and not a listed holiday day.  Only years covered by a
 * calendar are known; a question whose answer depends on a day of an
 * uncovered year fails with CF_ENOTFOUND "no calendar covers YEAR",
 * never a guess.
 *
 * Build once, ask millions of times: cf_cal_build() lays the covered
 * years out as one day table with a running count of working days and
 * the list of working days, so cf_cal_deadline() and cf_cal_count() are
 * O(1) lookups with no loop per day.
 *
 * Usage: cf_cal_new(); cf_cal_add_year() per calendar; cf_cal_add_rest()
 * and cf_cal_add_workday() for its days; cf_cal_build(); then queries.
 * A built calendar is read-only and may be shared by threads.
 */
#ifndef CF_CALENDAR_H
#define CF_CALENDAR_H

#include <stdbool.h>

#include "date.h"

struct cf_cal;

struct cf_cal *cf_cal_new(void);
void cf_cal_free(struct cf_cal *cal);

/* Declares `year` covered.  CF_EEXISTS when it already is. */
int cf_cal_add_year(struct cf_cal *cal, int year);

/* Marks the days from..to (inclusive) as rest days (a holiday). */
int cf_cal_add_rest(struct cf_cal *cal, cf_day from, cf_day to);

/* Marks `day` a working day although it is a Saturday or Sunday. */
int cf_cal_add_workday(struct cf_cal *cal, cf_day day);

/* Builds the lookup tables; call after the last add. */
int cf_cal_build(struct cf_cal *cal);

bool cf_cal_covers(const struct cf_cal *cal, int year);

/* Whether `day` is a working day (CF_ENOTFOUND if its year is uncovered). */
int cf_cal_is_workday(const struct cf_cal *cal, cf_day day, bool *out);

/* The number of working days in `year`. */
int cf_cal_workdays_in_year(const struct cf_cal *cal, int year, int *out);

/*
 * The last day of a limit of `n` working days from an acceptance on
 * `accepted` (which does not count): the n-th working day after it; with
 * n = 0 the acceptance day itself.  The acceptance day needs no calendar;
 * every day after it up to the answer does.
 */
int
cf_cal_deadline(const struct cf_cal *cal, cf_day accepted, int n, cf_day *out);

/*
 * The working days in (a, b], i.e. after `a` up to and including `b`
 * (0 when b <= a).  Every day of that range must be covered.
 */
int cf_cal_count(const struct cf_cal *cal, cf_day a, cf_day b, int *out);

/*
 * Paused days (doc/working-days.md "Pauses"): a span stops the clock on
 * the days D with from < D <= to; to = CF_DAY_OPEN for a pause that never
 * closed.  Spans passed to the two functions below are sorted by `from`
 * (they may overlap or touch: each day counts once).
 */
struct cf_span {
	cf_day from, to;
};
#define CF_DAY_OPEN INT32_MAX

/*
 * The day on which the n-th working day after `accepted` that is not
 * paused falls (n = 0: the acceptance day); without spans this is
 * cf_cal_deadline().  Paused days need no calendar; every unpaused day up
 * to the answer does: CF_ENOTFOUND "no calendar covers YEAR" with *gap the
 * first uncovered day reached, before which fewer than n unpaused working
 * days lie.  Returns 1 when an open span stops the count before the n-th
 * day (no deadline yet).  O(number of spans) table lookups.
 */
int cf_cal_deadline_paused(const struct cf_cal *cal, cf_day accepted, int n,
    const struct cf_span *spans, size_t nspans, cf_day *out, cf_day *gap);

/*
 * The working days in (a, b] that are not paused.  Every unpaused day of
 * that range must be covered (CF_ENOTFOUND, *gap as above).
 */
int cf_cal_count_paused(const struct cf_cal *cal, cf_day a, cf_day b,
    const struct cf_span *spans, size_t nspans, int *out, cf_day *gap);

/* The first day after `day` whose year no calendar covers. */
cf_day cf_cal_first_uncovered_after(const struct cf_cal *cal, cf_day day);

#endif
