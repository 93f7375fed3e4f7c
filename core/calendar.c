/* SPDX-License-Identifier: MIT */
/*
 * calendar.c - the working-day index (see calendar.h).
 *
 * Until cf_cal_build() the calendar is a list of covered years and two
 * lists of marked days.  The build lays out every day from 1 January of
 * the first covered year to 31 December of the last in one array:
 *
 *   cum[i]  working days among the days base .. base+i (inclusive);
 *           uncovered years add none;
 *   work[k] the k-th working day (0-based), in order.
 *
 * The n-th working day after `a` is then work[cum[a] + n - 1], and the
 * count in (a, b] is cum[b] - cum[a].  A range that touches an uncovered
 * year is detected with first_uncovered_after(), from a per-year table.
 *
 * With pauses the same tables answer span by span: the unpaused days
 * between two spans are a plain range, so the n-th unpaused working day
 * is found by taking the working days of each range in turn (one lookup
 * each) until the range that holds it - no loop per day.
 */
#include "conform.h"
#include "calendar.h"

#include <stdlib.h>
#include <string.h>

struct cf_cal {
	/* Input. */
	int *years;
	size_t nyears, ayears;
	cf_day *rest, *extra;
	size_t nrest, arest, nextra, aextra;

	/* Built tables. */
	bool built;
	int ymin, ymax;	  /* range laid out */
	cf_day base, end; /* base = 1 Jan ymin, end = 1 Jan ymax+1 */
	bool *covered;	  /* per year, ymin..ymax */
	cf_day *next_gap; /* per year: first uncovered day after it */
	int32_t *cum;	  /* per day */
	uint16_t *yidx;	  /* per day: its year - ymin */
	cf_day *work;	  /* working days in order */
	size_t nwork;
};

struct cf_cal *
cf_cal_new(void)
{
	return cf_xcalloc(1, sizeof(struct cf_cal));
}

void
cf_cal_free(struct cf_cal *cal)
{
	if (cal == NULL)
		return;
	free(cal->years);
	free(cal->rest);
	free(cal->extra);
	free(cal->covered);
	free(cal->next_gap);
	free(cal->cum);
	free(cal->yidx);
	free(cal->work);
	free(cal);
}

int
cf_cal_add_year(struct cf_cal *cal, int year)
{
	if (year < 1 || year > 9999)
		return cf_error_set(CF_EINVALID, "year %d out of range", year);
	for (size_t i = 0; i < cal->nyears; i++)
		if (cal->years[i] == year)
			return cf_error_set(CF_EEXISTS,
			    "year %d is covered by two calendars", year);
	CF_GROW(cal->years, cal->nyears + 1, cal->ayears);
	cal->years[cal->nyears++] = year;
	cal->built = false;
	return 0;
}

int
cf_cal_add_rest(struct cf_cal *cal, cf_day from, cf_day to)
{
	if (to < from)
		return cf_error_set(CF_EINVALID,
		    "holiday ends before it starts");
	if (to - from > 366)
		return cf_error_set(CF_EINVALID, "holiday longer than a year");
	for (cf_day d = from; d <= to; d++) {
		CF_GROW(cal->rest, cal->nrest + 1, cal->arest);
		cal->rest[cal->nrest++] = d;
	}
	cal->built = false;
	return 0;
}

int
cf_cal_add_workday(struct cf_cal *cal, cf_day day)
{
	CF_GROW(cal->extra, cal->nextra + 1, cal->aextra);
	cal->extra[cal->nextra++] = day;
	cal->built = false;
	return 0;
}

static void
drop_tables(struct cf_cal *cal)
{
	free(cal->covered);
	free(cal->next_gap);
	free(cal->cum);
	free(cal->yidx);
	free(cal->work);
	cal->yidx = NULL;
	cal->covered = NULL;
	cal->next_gap = NULL;
	cal->cum = NULL;
	cal->work = NULL;
	cal->nwork = 0;
	cal->built = false;
}

int
cf_cal_build(struct cf_cal *cal)
{
	size_t ndays;
	unsigned char *kind; /* 0 default, 1 rest, 2 extra workday */

	drop_tables(cal);
	if (cal->nyears == 0) {
		cal->built = true;
		cal->ymin = 1, cal->ymax = 0;
		cal->base = cal->end = 0;
		return 0;
	}
	cal->ymin = cal->ymax = cal->years[0];
	for (size_t i = 1; i < cal->nyears; i++) {
		if (cal->years[i] < cal->ymin)
			cal->ymin = cal->years[i];
		if (cal->years[i] > cal->ymax)
			cal->ymax = cal->years[i];
	}
	cal->base = cf_day_from_ymd(cal->ymin, 1, 1);
	cal->end = cf_day_from_ymd(cal->ymax + 1, 1, 1);
	ndays = (size_t)(cal->end - cal->base);

	int nyr = cal->ymax - cal->ymin + 1;
	cal->covered = cf_xcalloc((size_t)nyr, sizeof *cal->covered);
	for (size_t i = 0; i < cal->nyears; i++)
		cal->covered[cal->years[i] - cal->ymin] = true;
	cal->next_gap = cf_xcalloc((size_t)nyr, sizeof *cal->next_gap);
	cf_day gap = cal->end;
	for (int y = cal->ymax; y >= cal->ymin; y--) {
		cal->next_gap[y - cal->ymin] = gap;
		if (!cal->covered[y - cal->ymin])
			gap = cf_day_from_ymd(y, 1, 1);
	}

	kind = cf_xcalloc(ndays, 1);
	for (size_t i = 0; i < cal->nextra; i++)
		if (cal->extra[i] >= cal->base && cal->extra[i] < cal->end)
			kind[cal->extra[i] - cal->base] = 2;
	/* A listed day off wins over a listed make-up day. */
	for (size_t i = 0; i < cal->nrest; i++)
		if (cal->rest[i] >= cal->base && cal->rest[i] < cal->end)
			kind[cal->rest[i] - cal->base] = 1;

	cal->cum = cf_xmalloc(ndays * sizeof *cal->cum);
	cal->yidx = cf_xmalloc(ndays * sizeof *cal->yidx);
	cal->work = cf_xmalloc(ndays * sizeof *cal->work);
	int32_t count = 0;
	int year = cal->ymin;
	cf_day next_year = cf_day_from_ymd(year + 1, 1, 1);
	for (size_t i = 0; i < ndays; i++) {
		cf_day d = cal->base + (cf_day)i;
		if (d == next_year) {
			year++;
			next_year = cf_day_from_ymd(year + 1, 1, 1);
		}
		if (cal->covered[year - cal->ymin]) {
			bool weekday = cf_day_weekday(d) < 5;
			bool work = kind[i] == 2 || (weekday && kind[i] != 1);
			if (work) {
				cal->work[cal->nwork++] = d;
				count++;
			}
		}
		cal->cum[i] = count;
		cal->yidx[i] = (uint16_t)(year - cal->ymin);
	}
	free(kind);
	cal->built = true;
	return 0;
}

bool
cf_cal_covers(const struct cf_cal *cal, int year)
{
	return cal->built && year >= cal->ymin && year <= cal->ymax &&
	    cal->covered[year - cal->ymin];
}

cf_day
cf_cal_first_uncovered_after(const struct cf_cal *cal, cf_day day)
{
	cf_day next = day + 1;
	int y;

	/* Inside the table: the day's year without a date conversion (this
	 * runs for every deadline of every case). */
	if (cal->built && next >= cal->base && next < cal->end) {
		int yi = cal->yidx[next - cal->base];
		return cal->covered[yi] ? cal->next_gap[yi] : next;
	}
	y = cf_day_year(next);

	if (!cf_cal_covers(cal, y)) {
		return next;
	}
	return cal->next_gap[y - cal->ymin];
}

static int
uncovered(cf_day day)
{
	return cf_error_set(CF_ENOTFOUND, "no calendar covers %d",
	    cf_day_year(day));
}

int
cf_cal_is_workday(const struct cf_cal *cal, cf_day day, bool *out)
{
	if (!cf_cal_covers(cal, cf_day_year(day)))
		return uncovered(day);
	size_t i = (size_t)(day - cal->base);
	int32_t before = i ? cal->cum[i - 1] : 0;
	*out = cal->cum[i] != before;
	return 0;
}

int
cf_cal_workdays_in_year(const struct cf_cal *cal, int year, int *out)
{
	if (!cf_cal_covers(cal, year))
		return cf_error_set(CF_ENOTFOUND, "no calendar covers %d",
		    year);
	cf_day first = cf_day_from_ymd(year, 1, 1);
	cf_day last = cf_day_from_ymd(year + 1, 1, 1) - 1;
	int32_t before = first > cal->base ? cal->cum[first - 1 - cal->base]
					   : 0;
	*out = cal->cum[last - cal->base] - before;
	return 0;
}

/* Working days up to and including `day` (days before base count 0). */
static int32_t
cum_at(const struct cf_cal *cal, cf_day day)
{
	if (day < cal->base)
		return 0;
	if (day >= cal->end)
		return cal->cum[cal->end - 1 - cal->base];
	return cal->cum[day - cal->base];
}

int
cf_cal_deadline(const struct cf_cal *cal, cf_day accepted, int n, cf_day *out)
{
	cf_day gap;
	size_t k;

	if (n < 0)
		return cf_error_set(CF_EINVALID, "negative time limit %d", n);
	if (n == 0) {
		*out = accepted;
		return 0;
	}
	gap = cf_cal_first_uncovered_after(cal, accepted);
	if (!cal->built || cal->nwork == 0 || gap == accepted + 1)
		return uncovered(accepted + 1);
	k = (size_t)cum_at(cal, accepted) + (size_t)n - 1;
	if (k >= cal->nwork || cal->work[k] >= gap)
		return uncovered(gap);
	*out = cal->work[k];
	return 0;
}

int
cf_cal_count(const struct cf_cal *cal, cf_day a, cf_day b, int *out)
{
	if (b <= a) {
		*out = 0;
		return 0;
	}
	cf_day gap = cf_cal_first_uncovered_after(cal, a);
	if (b >= gap)
		return uncovered(gap);
	*out = (int)(cum_at(cal, b) - cum_at(cal, a));
	return 0;
}

/*
 * Walks the unpaused ranges (cur, s] between the spans.  For each range,
 * the deadline of what is still needed is either in it (done) or the
 * range's working days are taken off and the walk jumps past the span.
 */
int
cf_cal_deadline_paused(const struct cf_cal *cal, cf_day accepted, int n,
    const struct cf_span *spans, size_t nspans, cf_day *out, cf_day *gap)
{
	cf_day cur = accepted, d;
	int need = n, got, rc;

	if (n < 0)
		return cf_error_set(CF_EINVALID, "negative time limit %d", n);
	if (n == 0) {
		*out = accepted;
		return 0;
	}
	for (size_t i = 0; i < nspans; i++) {
		cf_day s = spans[i].from > cur ? spans[i].from : cur;
		if (spans[i].to <= cur)
			continue;
		if (s > cur) {
			rc = cf_cal_deadline(cal, cur, need, &d);
			if (rc == 0 && d <= s) {
				*out = d;
				return 0;
			}
			if (rc < 0 && rc != CF_ENOTFOUND)
				return rc;
			cf_error_clear();
			if (cf_cal_count(cal, cur, s, &got) < 0) {
				*gap = cf_cal_first_uncovered_after(cal, cur);
				return CF_ENOTFOUND;
			}
			need -= got;
		}
		if (spans[i].to == CF_DAY_OPEN)
			return 1;
		cur = spans[i].to;
	}
	rc = cf_cal_deadline(cal, cur, need, out);
	if (rc == CF_ENOTFOUND)
		*gap = cf_cal_first_uncovered_after(cal, cur);
	return rc;
}

int
cf_cal_count_paused(const struct cf_cal *cal, cf_day a, cf_day b,
    const struct cf_span *spans, size_t nspans, int *out, cf_day *gap)
{
	cf_day cur = a;
	int total = 0, got;

	for (size_t i = 0; i < nspans && cur < b; i++) {
		cf_day s = spans[i].from > cur ? spans[i].from : cur;
		if (spans[i].to <= cur)
			continue;
		if (s > b)
			s = b;
		if (cf_cal_count(cal, cur, s, &got) < 0) {
			*gap = cf_cal_first_uncovered_after(cal, cur);
			return CF_ENOTFOUND;
		}
		total += got;
		cur = spans[i].to < b ? spans[i].to : b;
	}
	if (cur < b) {
		if (cf_cal_count(cal, cur, b, &got) < 0) {
			*gap = cf_cal_first_uncovered_after(cal, cur);
			return CF_ENOTFOUND;
		}
		total += got;
	}
	*out = total;
	return 0;
}
