/* SPDX-License-Identifier: MIT */
/*
 * check_util.h - helpers shared by the Check suites: a fresh temporary
 * directory per test (removed afterwards), fixture paths, and files
 * written in one call.  Tests write only below their temporary
 * directory, so `make distcheck` (read-only source tree) passes.
 */
#ifndef CHECK_UTIL_H
#define CHECK_UTIL_H

#include <stddef.h>

/* The test's temporary directory (made by tmp_setup, a checked fixture). */
extern char *test_tmp;

void tmp_setup(void);
void tmp_teardown(void);

/* "TMP/name" (static buffer rotation: valid for a few calls). */
const char *tmp_path(const char *name);

/* "$CONFORM_TESTDATA/name", or the source tree's tests/data. */
const char *testdata(const char *name);

/* The example center shipped in the source tree. */
const char *example_path(const char *rel);

/*
 * The working-day calendar of the official CN-2025 and CN-2026
 * calendars shipped in procedures/calendars/ (free with cf_cal_free).
 */
struct cf_cal *official_calendar(void);

/* Writes `s` to path (creating parent folders); aborts on failure. */
void write_file(const char *path, const char *s);

/* Runs a shell command line; returns its exit status. */
int run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
