/* SPDX-License-Identifier: MIT */
/*
 * date.h - calendar days, instants and the workspace timezone.
 *
 * A calendar day is an int32_t count of days since 1970-01-01 (proleptic
 * Gregorian), so "the next day" is +1 and days compare as integers.  An
 * instant is a struct cf_time: UTC seconds, nanoseconds, and the offset
 * the source gave (kept so that outputs can show what the log said).
 *
 * Every date taken from an instant is the date in the workspace timezone
 * (doc/working-days.md), an IANA name such as Asia/Shanghai.  struct cf_tz
 * answers "which local day is this instant" and "which instant is this
 * local wall time" from the system's zoneinfo through the C library, and
 * caches offsets per day (over 22 years of days) so a million cases cost
 * a few thousand lookups.  A cf_tz may be shared by threads.  The C
 * library keeps one zone per process (TZ): a cf_tz re-selects its zone,
 * under a lock, whenever another was used in between.
 */
#ifndef CF_DATE_H
#define CF_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef int32_t cf_day;
#define CF_DAY_NONE INT32_MIN

/* Days since 1970-01-01 of a (valid) Gregorian date. */
cf_day cf_day_from_ymd(int y, int m, int d);
void cf_day_to_ymd(cf_day day, int *y, int *m, int *d);
int cf_day_year(cf_day day);
/* 0 = Monday ... 6 = Sunday. */
int cf_day_weekday(cf_day day);
bool cf_ymd_valid(int y, int m, int d);

/*
 * Parses exactly "YYYY-MM-DD" (n bytes) into a day that exists.  Errors
 * (CF_EINVALID): "invalid date '2026-3-1', expected YYYY-MM-DD" or
 * "date '2026-02-30' does not exist".
 */
int cf_day_parse(cf_day *out, const char *s, size_t n);

/* "YYYY-MM-DD" into buf (11 bytes at least). */
void cf_day_format(cf_day day, char *buf);

struct cf_time {
	int64_t sec;	 /* seconds since the epoch, UTC */
	int32_t nsec;	 /* 0..999999999 */
	int32_t off_sec; /* offset east of UTC the source gave, or the zone's */
	bool has_off;	 /* false: the source had no offset */
};

/* Compares two instants (offsets do not matter). */
int cf_time_cmp(const struct cf_time *a, const struct cf_time *b);

struct cf_tz;

/*
 * Opens the IANA zone `name` (checked against the system's zoneinfo;
 * "UTC" always exists).  CF_EINVALID when the zone is unknown.
 */
int cf_tz_open(struct cf_tz **out, const char *name);
void cf_tz_free(struct cf_tz *tz);
const char *cf_tz_name(const struct cf_tz *tz);

/* The zone's offset east of UTC, in seconds, at instant `utc`. */
int32_t cf_tz_offset(struct cf_tz *tz, int64_t utc);

/* The local day of instant `utc`. */
cf_day cf_tz_day(struct cf_tz *tz, int64_t utc);

/*
 * The instant of local wall time `local` (seconds since the epoch as if
 * the wall clock were UTC).  In a gap or fold the earlier offset wins.
 */
int64_t cf_tz_from_local(struct cf_tz *tz, int64_t local, int32_t *off);

/*
 * The current time, seconds since the epoch.  CONFORM_NOW (seconds
 * since the epoch) overrides the clock, as GIT_COMMITTER_DATE does for
 * git: tests and reproducible demonstrations use it.
 */
int64_t cf_now(void);

/* Today's date in the zone (from cf_now). */
cf_day cf_tz_today(struct cf_tz *tz);

/*
 * Parses a doc/cases.md timestamp:
 *   YYYY-MM-DD[(T| )hh:mm[:ss[.fraction]]][Z|+hh:mm|-hh:mm|+hhmm|-hhmm]
 * A date alone is 00:00 local; no offset means the zone `tz`.  The
 * instant must lie from 0001-01-02 to 9999-12-30 UTC, so that its date
 * in any zone has four digits.  Returns 0 or CF_EINVALID with what was
 * expected.
 */
int
cf_time_parse(struct cf_time *out, const char *s, size_t n, struct cf_tz *tz);

/*
 * The timestamp forms spreadsheets write, read without an import
 * profile (doc/cases.md#timestamps): everything cf_time_parse reads,
 * and also a four-digit year first with one- or two-digit month and day
 * separated by '/' or '-' (the same twice), optionally followed by a
 * space or 'T' and a one- or two-digit hour ":MM[:SS[.f]]"
 * (`2026/3/2 9:05`, `2026-3-2`, `2026/03/02 09:05:00`).  A value whose
 * year is not first and four digits (`3/2/2026`, `02/03/2026`,
 * `26/3/2`) is ambiguous and refused (CF_EINVALID) with the profile
 * field format that would settle it (format="%m/%d/%Y" ...).
 */
int cf_time_parse_excel(struct cf_time *out, const char *s, size_t n,
    struct cf_tz *tz);

/*
 * Formats the instant as local time in `tz`: "YYYY-MM-DD HH:MM:SS"
 * (19 chars; buf of 32 at least).  With `frac` the nanoseconds follow
 * as ".ffffff..." without trailing zeros when non-zero.
 */
void cf_time_format_local(const struct cf_time *t, struct cf_tz *tz, bool frac,
    char *buf, size_t size);

/* "YYYY-MM-DDTHH:MM:SS[.f]+hh:mm" with the offset the source gave. */
void cf_time_format_iso(const struct cf_time *t, char *buf, size_t size);

/*
 * "YYYY-MM-DD HH:MM:SS" of local wall-clock seconds (20 bytes with the
 * NUL), as the views show them.
 */
void cf_wall_format(int64_t wall, char out[20]);

/* ---- months (the reports' periods) ---- */

/* "YYYY-MM" of a day. */
void cf_month_label(cf_day d, char buf[8]);

/* The number of months from the month of `from` to that of `to`, both
 * included (0 when to < from). */
int cf_month_count(cf_day from, cf_day to);

/* The first and last day of the k-th month counted from that of `from`. */
void cf_month_bounds(cf_day from, int k, cf_day *first, cf_day *last);

#endif
