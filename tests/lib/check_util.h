/* SPDX-License-Identifier: MIT */
/*
 * check_util.h - helpers shared by the Check suites: a fresh temporary
 * directory per test (removed afterwards), fixture paths, and files
 * written in one call.  Tests write only below their temporary
 * directory, so `make distcheck` (read-only source tree) passes.
 */
#ifndef CHECK_UTIL_H
#define CHECK_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

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

/*
 * The tests of size limits (a million rows, 60 MB of XES) skip
 * themselves under `make valgrind` (CONFORM_VALGRIND): there they would
 * take most of an hour, and make check runs them, natively and under
 * ASan and UBSan.  Use it before anything is allocated.
 */
#define SKIP_UNDER_VALGRIND()                                                  \
	do {                                                                   \
		if (getenv("CONFORM_VALGRIND")) {                              \
			mark_point();                                          \
			return;                                                \
		}                                                              \
	} while (0)

/* Writes `text` to TMP/name and opens it for reading (the caller closes). */
int tmp_fd(const char *name, const char *text);

/* Copies the file at `from` to `to` (creating parent folders). */
void copy_file(const char *from, const char *to);

/* ---- real workspaces, made as the commands make them ---- */

struct cf_ws;

/* `conform init ROOT` (Asia/Shanghai): git on main, the official
 * calendars committed, .conform/ with a migrated store. */
void ws_init(const char *root);

/*
 * `conform doc commit`: every change of the work tree through the gate,
 * with its trail entry, at `when` (UTC seconds), authored by 张三 and
 * approved by 李四 (`approver` "self": by 张三 himself; NULL: not
 * approved).  The commit id goes to `commit` (41 bytes) unless NULL.
 */
void ws_commit(const char *root, const char *msg, int64_t when,
    const char *approver, char *commit);

/* `conform cases import FILES...`: 0, or what cf_import_run returned. */
int ws_import(struct cf_ws *ws, const char *const *paths, size_t n);

/*
 * The workspace of tests/data/audit, whose audit of CL-T over
 * 2026-02-01..2026-03-31 has known answers (tests/audits/audit.sh):
 * P-A-001 v1 (approved) and v2 (in force from 2026-02-16, approved by
 * its own author), P-B-001, the checklist CL-T, the 15 cases and their
 * events imported.  The clock is fixed (CONFORM_NOW, 2025-12-31 for the
 * init, then the commits at fixed times): clock_release() unsets it.
 * The two commits go to v1 and v2 (41 bytes each) unless NULL.
 */
void ws_known_answers(const char *root, char *v1, char *v2);
void clock_set(int64_t now);
void clock_release(void);

#endif
