/* SPDX-License-Identifier: MIT */
/*
 * fuzz-time.c - the timestamp and date parsers (core/date.c:
 * cf_time_parse, cf_day_parse) and the formats conform writes back.
 *
 * Promises checked:
 *   - a date that parses formats back to the same ten bytes;
 *   - a timestamp that parses, written back with the offset it came
 *     with (ISO form), parses to the same instant and offset;
 *   - its local time in the zone (what the store and every report
 *     keep) is a date that parses, and, in UTC where no local time is
 *     ambiguous, reads back as the same instant;
 *   - the spreadsheet forms of a CSV file (cf_time_parse_excel): an
 *     ISO timestamp reads as cf_time_parse reads it, anything else that
 *     parses is a year-first date whose ISO rewrite (YYYY-MM-DD and the
 *     time as it was, hours zero-padded) is the same instant, and an
 *     ambiguous date names the profile format that settles it;
 *   - every error is one line of UTF-8.
 */
#include "fuzz.h"
#include "date.h"
#include "rows.h"

static struct cf_tz *shanghai, *utc;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	if (cf_tz_open(&utc, "UTC") < 0)
		abort();
	if (cf_tz_open(&shanghai, "Asia/Shanghai") < 0)
		shanghai = NULL;
	return 0;
}

static void
one_zone(const char *s, size_t n, struct cf_tz *tz, bool exact_local)
{
	struct cf_time t, back;
	char buf[64], local[20];
	cf_day day, d2;

	if (cf_time_parse(&t, s, n, tz) < 0) {
		fuzz_check_message("timestamp error", cf_error_message());
		return;
	}
	FUZZ_CHECK(t.nsec >= 0 && t.nsec <= 999999999, "nsec %d", t.nsec);
	/* (A zone's offset in whole minutes: local mean times such as
	 * Shanghai's +08:05:43 before 1901 have no ISO form.) */
	if (t.off_sec % 60 == 0) {
		cf_time_format_iso(&t, buf, sizeof buf);
		FUZZ_CHECK(cf_time_parse(&back, buf, strlen(buf), tz) == 0,
		    "'%.*s' written as '%s', which does not parse: %s", (int)n,
		    s, buf, cf_error_message());
		FUZZ_CHECK(cf_time_cmp(&t, &back) == 0 &&
			back.off_sec == t.off_sec,
		    "'%.*s' written as '%s' reads back as another instant",
		    (int)n, s, buf);
	}
	/* What the store keeps: the local wall clock and the day. */
	int64_t wall;
	cf_rows_local(tz, &t, &wall, &day);
	cf_day_format(day, local);
	FUZZ_CHECK(cf_day_parse(&d2, local, 10) == 0 && d2 == day,
	    "'%.*s' is stored on local day '%s', which does not parse back",
	    (int)n, s, local);
	FUZZ_CHECK(wall - (int64_t)day * 86400 >= 0 &&
		wall - (int64_t)day * 86400 < 86400,
	    "'%.*s': the wall clock is not in its day", (int)n, s);
	FUZZ_CHECK(cf_tz_day(tz, t.sec) == day, "two local days");
	cf_time_format_local(&t, tz, true, buf, sizeof buf);
	if (exact_local) {
		FUZZ_CHECK(cf_time_parse(&back, buf, strlen(buf), tz) == 0 &&
			cf_time_cmp(&t, &back) == 0,
		    "'%.*s' as local time '%s' reads back as another instant",
		    (int)n, s, buf);
	}
}

/* The ISO form of a year-first spreadsheet date: 0 when it has none. */
static size_t
iso_of_excel(const char *s, size_t n, char *out, size_t size)
{
	size_t i = 0, g[3], k;
	unsigned v[3];

	for (k = 0; k < 3; k++) {
		size_t st = i;
		v[k] = 0;
		while (i < n && s[i] >= '0' && s[i] <= '9' && i - st < 4)
			v[k] = v[k] * 10 + (unsigned)(s[i++] - '0');
		g[k] = i - st;
		if (k < 2) {
			if (i >= n || (s[i] != '/' && s[i] != '-') ||
			    (k == 1 && s[i] != s[i - g[1] - 1]))
				return 0;
			i++;
		}
	}
	if (g[0] != 4 || g[1] < 1 || g[1] > 2 || g[2] < 1 || g[2] > 2)
		return 0;
	k = (size_t)snprintf(out, size, "%04u-%02u-%02u", v[0], v[1], v[2]);
	if (i < n) {
		size_t st = ++i;
		unsigned h = 0;
		if (s[st - 1] != ' ' && s[st - 1] != 'T')
			return 0;
		while (i < n && s[i] >= '0' && s[i] <= '9' && i - st < 2)
			h = h * 10 + (unsigned)(s[i++] - '0');
		if (i == st || i >= n || s[i] != ':' || n - i > size - k - 8)
			return 0;
		k += (size_t)snprintf(out + k, size - k, "%c%02u%.*s",
		    s[st - 1], h, (int)(n - i), s + i);
	}
	return k;
}

static void
excel_zone(const char *s, size_t n, struct cf_tz *tz)
{
	struct cf_time t, iso;
	char buf[160];
	size_t k;
	bool iso_ok = cf_time_parse(&iso, s, n, tz) == 0;

	if (cf_time_parse_excel(&t, s, n, tz) < 0) {
		fuzz_check_message("spreadsheet date error",
		    cf_error_message());
		FUZZ_CHECK(!iso_ok, "'%.*s' is ISO but not read as such",
		    (int)n, s);
		snprintf(buf, sizeof buf, "timestamp '%.*s' is ambiguous",
		    (int)n, s);
		if (strncmp(cf_error_message(), buf, strlen(buf)) == 0)
			FUZZ_CHECK(strstr(cf_error_message(), "format=\"%"),
			    "an ambiguous date without the format: %s",
			    cf_error_message());
		return;
	}
	if (iso_ok) {
		FUZZ_CHECK(cf_time_cmp(&t, &iso) == 0 &&
			t.off_sec == iso.off_sec,
		    "'%.*s' read as another instant than ISO", (int)n, s);
		return;
	}
	k = iso_of_excel(s, n, buf, sizeof buf);
	FUZZ_CHECK(k > 0, "'%.*s' read, but not a year-first date", (int)n,
	    s);
	FUZZ_CHECK(cf_time_parse(&iso, buf, k, tz) == 0 &&
		cf_time_cmp(&t, &iso) == 0 && t.off_sec == iso.off_sec,
	    "'%.*s' is not the instant of '%s'", (int)n, s, buf);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	cf_day day;
	char buf[16];

	if (cf_day_parse(&day, s, size) == 0) {
		cf_day_format(day, buf);
		FUZZ_CHECK(size == 10 && memcmp(buf, s, 10) == 0,
		    "date '%.*s' formats as '%s'", (int)size, s, buf);
	} else
		fuzz_check_message("date error", cf_error_message());
	one_zone(s, size, utc, true);
	excel_zone(s, size, utc);
	if (shanghai) {
		one_zone(s, size, shanghai, false);
		excel_zone(s, size, shanghai);
	}
	cf_error_clear();
	return 0;
}
