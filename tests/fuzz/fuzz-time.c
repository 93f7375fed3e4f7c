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
	if (shanghai)
		one_zone(s, size, shanghai, false);
	cf_error_clear();
	return 0;
}
