/* SPDX-License-Identifier: MIT */
/*
 * date.c - days, instants, timestamps and zones (see date.h).
 *
 * Day arithmetic uses the well-known era-based conversion between civil
 * dates and day counts (400-year eras of 146097 days), exact for every
 * int32_t day.  Zone offsets come from the C library's localtime_r with
 * TZ set to the workspace zone (under a lock); results are cached per
 * UTC day in a lock-free direct-mapped table, and only when the offset
 * is the same at both ends of the day, so a transition inside a day is
 * never smoothed over.  The month helpers at the end cut a period into
 * calendar months for the reports; cf_wall_format prints wall-clock
 * seconds as the case views show them.
 */
#include "conform.h"
#include "date.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <stdatomic.h>
#include <sys/stat.h>
#include <time.h>

static int64_t
floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;

	return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

cf_day
cf_day_from_ymd(int y, int m, int d)
{
	int64_t yy = (int64_t)y - (m <= 2);
	int64_t era = floor_div(yy, 400);
	int64_t yoe = yy - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return (cf_day)(era * 146097 + doe - 719468);
}

void
cf_day_to_ymd(cf_day day, int *y, int *m, int *d)
{
	int64_t z = (int64_t)day + 719468;
	int64_t era = floor_div(z, 146097);
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int64_t dd = doy - (153 * mp + 2) / 5 + 1;
	int64_t mm = mp < 10 ? mp + 3 : mp - 9;

	*y = (int)(yoe + era * 400 + (mm <= 2));
	*m = (int)mm;
	*d = (int)dd;
}

int
cf_day_year(cf_day day)
{
	int y, m, d;

	cf_day_to_ymd(day, &y, &m, &d);
	return y;
}

int
cf_day_weekday(cf_day day)
{
	/* 1970-01-01 was a Thursday (3 when Monday is 0). */
	return (int)(((int64_t)day % 7 + 7 + 3) % 7);
}

static bool
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

bool
cf_ymd_valid(int y, int m, int d)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
		31 };

	if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1)
		return false;
	return d <= mdays[m - 1] + (m == 2 && leap(y));
}

static bool
digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static int
num(const char *s, size_t n)
{
	int v = 0;

	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

int
cf_day_parse(cf_day *out, const char *s, size_t n)
{
	int y, m, d;

	if (n != 10 || s[4] != '-' || s[7] != '-' || !digits(s, 4) ||
	    !digits(s + 5, 2) || !digits(s + 8, 2))
		return cf_error_set(CF_EINVALID,
		    "invalid date '%.*s', expected YYYY-MM-DD",
		    (int)cf_utf8_cut(s, n > 40 ? 40 : n), s);
	y = num(s, 4), m = num(s + 5, 2), d = num(s + 8, 2);
	if (!cf_ymd_valid(y, m, d))
		return cf_error_set(CF_EINVALID, "date '%.*s' does not exist",
		    (int)n, s);
	*out = cf_day_from_ymd(y, m, d);
	return 0;
}

void
cf_day_format(cf_day day, char *buf)
{
	int y, m, d;

	cf_day_to_ymd(day, &y, &m, &d);
	y = y < 0 ? 0 : y % 10000;
	buf[0] = (char)('0' + y / 1000);
	buf[1] = (char)('0' + y / 100 % 10);
	buf[2] = (char)('0' + y / 10 % 10);
	buf[3] = (char)('0' + y % 10);
	buf[4] = '-';
	buf[5] = (char)('0' + m / 10);
	buf[6] = (char)('0' + m % 10);
	buf[7] = '-';
	buf[8] = (char)('0' + d / 10);
	buf[9] = (char)('0' + d % 10);
	buf[10] = '\0';
}

int
cf_time_cmp(const struct cf_time *a, const struct cf_time *b)
{
	if (a->sec != b->sec)
		return a->sec < b->sec ? -1 : 1;
	if (a->nsec != b->nsec)
		return a->nsec < b->nsec ? -1 : 1;
	return 0;
}

/* ---- zones ---- */

/*
 * The offset cache: one slot per UTC day (8192 slots, over 22 years
 * before two days share one), each slot one 64-bit word holding the day
 * and its offset, read and written atomically, so that threads may
 * share a zone.  A day is cached only when its offset is the same at
 * both ends, so a transition inside it is always asked for exactly.
 * The C library knows one zone per process (TZ): selecting it and
 * asking it are done under one lock; only misses take it.
 */
#define TZ_DAYS 8192

struct cf_tz {
	char *name;
	_Atomic uint64_t cache[TZ_DAYS];
};

static pthread_mutex_t zone_lock = PTHREAD_MUTEX_INITIALIZER;
static char *selected_zone; /* guarded by zone_lock */

static bool
zone_exists(const char *name)
{
	static const char *const dirs[] = { "/usr/share/zoneinfo",
		"/usr/lib/zoneinfo", "/usr/share/lib/zoneinfo" };
	const char *env = getenv("TZDIR");
	struct stat st;
	char path[4096];

	if (strcmp(name, "UTC") == 0)
		return true;
	/* A name, not a path: no "..", no leading '/', only sane bytes. */
	if (name[0] == '\0' || name[0] == '/' || strstr(name, "..") ||
	    strlen(name) > 200)
		return false;
	for (const char *p = name; *p; p++)
		if (!(*p == '/' || *p == '_' || *p == '-' || *p == '+' ||
			(*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'Z') ||
			(*p >= 'a' && *p <= 'z')))
			return false;
	if (env && *env) {
		snprintf(path, sizeof path, "%s/%s", env, name);
		if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
			return true;
	}
	for (size_t i = 0; i < CF_ARRAY_LEN(dirs); i++) {
		snprintf(path, sizeof path, "%s/%s", dirs[i], name);
		if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
			return true;
	}
	return false;
}

/* An empty slot: no real day is INT32_MIN. */
#define EMPTY_SLOT ((uint64_t)(uint32_t)INT32_MIN << 32)

int
cf_tz_open(struct cf_tz **out, const char *name)
{
	struct cf_tz *tz;

	*out = NULL;
	if (!zone_exists(name))
		return cf_error_set(CF_EINVALID,
		    "unknown timezone '%s', expected an IANA name such as "
		    "Asia/Shanghai (is the tzdata package installed?)",
		    name);
	tz = cf_xcalloc(1, sizeof *tz);
	tz->name = cf_xstrdup(name);
	for (size_t i = 0; i < TZ_DAYS; i++)
		atomic_init(&tz->cache[i], EMPTY_SLOT);
	*out = tz;
	return 0;
}

void
cf_tz_free(struct cf_tz *tz)
{
	if (tz == NULL)
		return;
	free(tz->name);
	free(tz);
}

const char *
cf_tz_name(const struct cf_tz *tz)
{
	return tz->name;
}

static int32_t
libc_offset(const struct cf_tz *tz, int64_t utc)
{
	struct tm tm;
	time_t t = (time_t)utc;
	int32_t off = 0;

	pthread_mutex_lock(&zone_lock);
	if (selected_zone == NULL || strcmp(selected_zone, tz->name) != 0) {
		setenv("TZ", tz->name, 1);
		tzset();
		free(selected_zone);
		selected_zone = cf_xstrdup(tz->name);
	}
	if (localtime_r(&t, &tm) != NULL)
		off = (int32_t)tm.tm_gmtoff;
	pthread_mutex_unlock(&zone_lock);
	return off;
}

int32_t
cf_tz_offset(struct cf_tz *tz, int64_t utc)
{
	int64_t day = floor_div(utc, 86400);
	_Atomic uint64_t *slot = &tz->cache[(uint64_t)day & (TZ_DAYS - 1)];
	uint64_t v = atomic_load_explicit(slot, memory_order_relaxed);
	int32_t a, b;

	if ((int32_t)(uint32_t)(v >> 32) == day)
		return (int32_t)(uint32_t)v;
	a = libc_offset(tz, day * 86400);
	b = libc_offset(tz, day * 86400 + 86399);
	if (a != b || day < INT32_MIN + 1 || day > INT32_MAX)
		return libc_offset(tz, utc);
	atomic_store_explicit(slot,
	    ((uint64_t)(uint32_t)(int32_t)day << 32) | (uint32_t)a,
	    memory_order_relaxed);
	return a;
}

cf_day
cf_tz_day(struct cf_tz *tz, int64_t utc)
{
	return (cf_day)floor_div(utc + cf_tz_offset(tz, utc), 86400);
}

int64_t
cf_tz_from_local(struct cf_tz *tz, int64_t local, int32_t *off)
{
	/* Try the offsets in force just before and after the wall time. */
	int32_t o1 = cf_tz_offset(tz, local - 86400);
	int32_t o2 = cf_tz_offset(tz, local + 86400);
	int64_t t;

	if (cf_tz_offset(tz, local - o1) == o1)
		t = local - o1;
	else if (cf_tz_offset(tz, local - o2) == o2)
		t = local - o2;
	else /* in a gap: use the earlier offset */
		t = local - o1;
	if (off)
		*off = cf_tz_offset(tz, t);
	return t;
}

int64_t
cf_now(void)
{
	const char *env = getenv("CONFORM_NOW");
	char *end;

	if (env && *env) {
		long long v = strtoll(env, &end, 10);
		if (*end == '\0')
			return (int64_t)v;
	}
	return (int64_t)time(NULL);
}

cf_day
cf_tz_today(struct cf_tz *tz)
{
	return cf_tz_day(tz, cf_now());
}

/* ---- timestamps ---- */

int
cf_time_parse(struct cf_time *out, const char *s, size_t n, struct cf_tz *tz)
{
	cf_day day;
	int hh = 0, mi = 0, ss = 0;
	int32_t nsec = 0, off = 0;
	bool has_off = false;
	size_t i = 10;

	if (n < 10 || s[4] != '-' || s[7] != '-' || !digits(s, 4) ||
	    !digits(s + 5, 2) || !digits(s + 8, 2))
		goto bad;
	if (cf_day_parse(&day, s, 10) < 0)
		return CF_EINVALID; /* "date '2026-02-30' does not exist" */
	if (i < n && (s[i] == 'T' || s[i] == ' ')) {
		i++;
		if (n - i < 5 || !digits(s + i, 2) || s[i + 2] != ':' ||
		    !digits(s + i + 3, 2))
			goto bad;
		hh = num(s + i, 2), mi = num(s + i + 3, 2);
		i += 5;
		if (i < n && s[i] == ':') {
			if (n - i < 3 || !digits(s + i + 1, 2))
				goto bad;
			ss = num(s + i + 1, 2);
			i += 3;
			if (i < n && (s[i] == '.' || s[i] == ',')) {
				size_t f = 0;
				int32_t scale = 100000000;
				for (i++; i < n && s[i] >= '0' && s[i] <= '9';
				     i++, f++) {
					nsec += (s[i] - '0') * scale;
					scale /= 10;
				}
				if (f == 0)
					goto bad;
			}
		}
		if (hh > 23 || mi > 59 || ss > 60)
			goto bad;
		if (ss ==
		    60) /* a leap second is the last instant of its minute */
			ss = 59, nsec = 999999999;
	}
	if (i < n) {
		if (s[i] == 'Z') {
			has_off = true;
			i++;
		} else if (s[i] == '+' || s[i] == '-') {
			int sign = s[i] == '-' ? -1 : 1, oh, om;
			i++;
			if (n - i >= 5 && digits(s + i, 2) && s[i + 2] == ':' &&
			    digits(s + i + 3, 2)) {
				oh = num(s + i, 2), om = num(s + i + 3, 2);
				i += 5;
			} else if (n - i >= 4 && digits(s + i, 4)) {
				oh = num(s + i, 2), om = num(s + i + 2, 2);
				i += 4;
			} else if (n - i == 2 && digits(s + i, 2)) {
				oh = num(s + i, 2), om = 0;
				i += 2;
			} else
				goto bad;
			if (oh > 18 || om > 59)
				goto bad;
			off = sign * (oh * 3600 + om * 60);
			has_off = true;
		}
	}
	if (i != n)
		goto bad;
	int64_t local = (int64_t)day * 86400 + hh * 3600 + mi * 60 + ss;
	out->nsec = nsec;
	out->has_off = has_off;
	if (has_off) {
		out->sec = local - off;
		out->off_sec = off;
	} else
		out->sec = cf_tz_from_local(tz, local, &out->off_sec);
	/*
	 * Every date conform keeps of an instant (the local day in any
	 * zone) must be a date it can write and read back: four-digit
	 * years.  So the instant lies a day inside 0001-01-01..9999-12-31.
	 */
	if (out->sec < (int64_t)cf_day_from_ymd(1, 1, 2) * 86400 ||
	    out->sec >= (int64_t)cf_day_from_ymd(9999, 12, 31) * 86400)
		return cf_error_set(CF_EINVALID,
		    "timestamp '%.*s' is out of range, expected an instant "
		    "from 0001-01-02 to 9999-12-30 (UTC)",
		    (int)cf_utf8_cut(s, n > 48 ? 48 : n), s);
	return 0;
bad:
	return cf_error_set(CF_EINVALID,
	    "invalid timestamp '%.*s', expected YYYY-MM-DD[Thh:mm[:ss[.f]]]"
	    "[Z|+hh:mm]",
	    (int)cf_utf8_cut(s, n > 48 ? 48 : n), s);
}

/* ---- timestamps as spreadsheets write them ---- */

/* The value quoted in messages: at most 48 bytes, cut on a character. */
#define QUOTED(s, n) (int)cf_utf8_cut((s), (n) > 48 ? 48 : (n)), (s)

/* The digits at s[i..n), at most `max`: their count and value. */
static size_t
digit_run(const char *s, size_t n, size_t i, size_t max, int *v)
{
	size_t k = 0;

	*v = 0;
	while (i + k < n && k < max && s[i + k] >= '0' && s[i + k] <= '9') {
		*v = *v * 10 + (s[i + k] - '0');
		k++;
	}
	return k;
}

static int
excel_invalid(const char *s, size_t n)
{
	return cf_error_set(CF_EINVALID,
	    "invalid timestamp '%.*s', expected YYYY-MM-DD[Thh:mm[:ss[.f]]]"
	    "[Z|+hh:mm] or YYYY/M/D[ h:mm[:ss]]",
	    QUOTED(s, n));
}

/*
 * A date whose year is not first and four digits: the profile field
 * formats that would read it, from its own separator and time.
 */
static int
excel_ambiguous(const char *s, size_t n, size_t l3, char sep, size_t time_at)
{
	char t[16] = "", f[3][32];
	int nf;

	if (time_at < n) {
		int colons = 0;
		for (size_t i = time_at; i < n; i++)
			colons += s[i] == ':';
		snprintf(t, sizeof t, "%c%%H:%%M%s", s[time_at],
		    colons >= 2 ? ":%S" : "");
	}
	if (l3 == 4) {
		snprintf(f[0], sizeof f[0], "%%m%c%%d%c%%Y%s", sep, sep, t);
		snprintf(f[1], sizeof f[1], "%%d%c%%m%c%%Y%s", sep, sep, t);
		nf = 2;
	} else {
		snprintf(f[0], sizeof f[0], "%%y%c%%m%c%%d%s", sep, sep, t);
		snprintf(f[1], sizeof f[1], "%%d%c%%m%c%%y%s", sep, sep, t);
		snprintf(f[2], sizeof f[2], "%%m%c%%d%c%%y%s", sep, sep, t);
		nf = 3;
	}
	return cf_error_set(CF_EINVALID,
	    "timestamp '%.*s' is ambiguous (%s), expected the year first in "
	    "four digits (2026/3/2, 2026-03-02) or an import profile "
	    "(--profile ID) giving the field's format=\"%s\" or "
	    "format=\"%s\"%s%s%s",
	    QUOTED(s, n),
	    nf == 2 ? "month/day/year or day/month/year"
		    : "a two-digit year: year/month/day, day/month/year or "
		      "month/day/year",
	    f[0], f[1], nf == 3 ? " or format=\"" : "", nf == 3 ? f[2] : "",
	    nf == 3 ? "\"" : "");
}

/* An ISO date first (YYYY-MM-DD, then the end, an offset, or T/space
 * and hh). */
static bool
iso_shaped(const char *s, size_t n)
{
	if (n < 10 || s[4] != '-' || s[7] != '-' || !digits(s, 4) ||
	    !digits(s + 5, 2) || !digits(s + 8, 2))
		return false;
	return n == 10 || s[10] == 'Z' || s[10] == '+' || s[10] == '-' ||
	    (n >= 13 && (s[10] == 'T' || s[10] == ' ') && digits(s + 11, 2));
}

int
cf_time_parse_excel(struct cf_time *out, const char *s, size_t n,
    struct cf_tz *tz)
{
	int y, m, d, hh;
	size_t i = 0, l1, l2, l3, at;
	char sep, iso[128];

	if (iso_shaped(s, n))
		return cf_time_parse(out, s, n, tz);
	/* Three groups of digits, the same separator twice. */
	l1 = digit_run(s, n, 0, 5, &y);
	if (l1 == 0 || l1 > 4 || l1 >= n ||
	    (s[l1] != '/' && s[l1] != '-' && s[l1] != '.'))
		return excel_invalid(s, n);
	sep = s[l1];
	i = l1 + 1;
	l2 = digit_run(s, n, i, 3, &m);
	if (l2 == 0 || l2 > 2 || i + l2 >= n || s[i + l2] != sep)
		return excel_invalid(s, n);
	i += l2 + 1;
	l3 = digit_run(s, n, i, 5, &d);
	if (l3 == 0 || l3 > 4 || (i + l3 < n && s[i + l3] != ' ' &&
				     s[i + l3] != 'T'))
		return excel_invalid(s, n);
	at = i + l3;
	if (l1 != 4) {
		if (l1 == 3 || l3 == 3)
			return excel_invalid(s, n);
		return excel_ambiguous(s, n, l3, sep, at);
	}
	if (l3 > 2 || sep == '.')
		return excel_invalid(s, n);
	if (!cf_ymd_valid(y, m, d))
		return cf_error_set(CF_EINVALID, "date '%.*s' does not exist",
		    (int)(at), s);
	/* "YYYY-MM-DD", then " hh:" and the rest as it is. */
	snprintf(iso, sizeof iso, "%04d-%02d-%02d", y, m, d);
	if (at < n) {
		size_t k = digit_run(s, n, at + 1, 3, &hh);
		size_t rest = at + 1 + k;
		if (k == 0 || k > 2 || rest >= n || s[rest] != ':' ||
		    n - rest > sizeof iso - 20)
			return excel_invalid(s, n);
		snprintf(iso + 10, sizeof iso - 10, "%c%02d%.*s", s[at], hh,
		    (int)(n - rest), s + rest);
	}
	if (cf_time_parse(out, iso, strlen(iso), tz) == 0)
		return 0;
	if (strstr(cf_error_message(), "out of range"))
		return CF_EINVALID;
	return excel_invalid(s, n);
}

static void
format_fraction(int32_t nsec, char *buf, size_t size)
{
	char digs[16];
	int len;

	if (nsec == 0) {
		buf[0] = '\0';
		return;
	}
	len = snprintf(digs, sizeof digs, "%09d", (int)nsec);
	while (len > 1 && digs[len - 1] == '0')
		digs[--len] = '\0';
	snprintf(buf, size, ".%.9s", digs);
}

static void
format_wall(int64_t local, char *buf, size_t size)
{
	cf_day day = (cf_day)floor_div(local, 86400);
	int64_t rem = local - (int64_t)day * 86400;
	char d[11];

	cf_day_format(day, d);
	snprintf(buf, size, "%s %02d:%02d:%02d", d, (int)(rem / 3600),
	    (int)(rem / 60 % 60), (int)(rem % 60));
}

void
cf_time_format_local(const struct cf_time *t, struct cf_tz *tz, bool frac,
    char *buf, size_t size)
{
	char f[16] = "";
	char wall[32];

	format_wall(t->sec + cf_tz_offset(tz, t->sec), wall, sizeof wall);
	if (frac)
		format_fraction(t->nsec, f, sizeof f);
	snprintf(buf, size, "%s%s", wall, f);
}

void
cf_time_format_iso(const struct cf_time *t, char *buf, size_t size)
{
	char f[16], wall[32];
	int32_t off = t->off_sec, a = off < 0 ? -off : off;

	format_wall(t->sec + off, wall, sizeof wall);
	wall[10] = 'T';
	format_fraction(t->nsec, f, sizeof f);
	snprintf(buf, size, "%s%s%c%02d:%02d", wall, f, off < 0 ? '-' : '+',
	    (int)(a / 3600), (int)(a / 60 % 60));
}

void
cf_wall_format(int64_t wall, char out[20])
{
	int64_t q = wall / 86400;
	cf_day d = (cf_day)(wall % 86400 < 0 ? q - 1 : q);
	int rem = (int)(wall - (int64_t)d * 86400);

	int hh = rem / 3600, mm = rem / 60 % 60, ss = rem % 60;

	cf_day_format(d, out);
	out[10] = ' ';
	out[11] = (char)('0' + hh / 10);
	out[12] = (char)('0' + hh % 10);
	out[13] = ':';
	out[14] = (char)('0' + mm / 10);
	out[15] = (char)('0' + mm % 10);
	out[16] = ':';
	out[17] = (char)('0' + ss / 10);
	out[18] = (char)('0' + ss % 10);
	out[19] = '\0';
}

/* ---- months ---- */

void
cf_month_label(cf_day d, char buf[8])
{
	int y, m, dd;

	cf_day_to_ymd(d, &y, &m, &dd);
	snprintf(buf, 8, "%04u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u);
}

int
cf_month_count(cf_day from, cf_day to)
{
	int fy, fm, ty, tm, d;

	if (to < from)
		return 0;
	cf_day_to_ymd(from, &fy, &fm, &d);
	cf_day_to_ymd(to, &ty, &tm, &d);
	return (ty - fy) * 12 + (tm - fm) + 1;
}

void
cf_month_bounds(cf_day from, int k, cf_day *first, cf_day *last)
{
	int y, m, d;

	cf_day_to_ymd(from, &y, &m, &d);
	m += k;
	y += (m - 1) / 12;
	m = (m - 1) % 12 + 1;
	*first = cf_day_from_ymd(y, m, 1);
	*last = (m == 12 ? cf_day_from_ymd(y + 1, 1, 1)
			 : cf_day_from_ymd(y, m + 1, 1)) -
	    1;
}
