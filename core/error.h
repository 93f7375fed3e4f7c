/* SPDX-License-Identifier: MIT */
/*
 * error.h - the one error convention of conform.
 *
 * A function that can fail returns int: 0 on success or a negative CF_E*
 * code, and leaves a one-line message (file, line and what was expected,
 * where known) that cf_error_message() reads back, as libgit2 does with
 * git_error_last().  The message lives in thread-local storage, so a
 * future threaded front end keeps errors apart.  Only main.c turns the
 * code into an exit status (cf_error_exit_code) and the message into
 * stderr text.
 *
 * Validation that can find several problems at once (doc check, an
 * import) collects them in a struct cf_diags, one "FILE:LINE: message"
 * per problem, and returns CF_EINVALID; the command prints the list.
 */
#ifndef CF_ERROR_H
#define CF_ERROR_H

#include <stddef.h>

#if defined(__GNUC__)
#define CF_ERROR_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define CF_ERROR_PRINTF(f, a)
#endif

enum cf_errcode {
	CF_OK = 0,
	CF_ERROR = -1,	   /* internal, I/O or database failure: exit 4 */
	CF_ENOTFOUND = -2, /* a name (id, file, revision) names nothing: 3 */
	CF_EEXISTS = -3,   /* something to be created already exists: 3 */
	CF_EINVALID = -4,  /* invalid input (documents, case files): 3 */
	CF_ECONFLICT = -5, /* another writer moved underneath us: 4 */
	CF_EBUSY = -6,	   /* the database stayed locked: 4 */
	CF_EUSAGE = -7,	   /* wrong options or operands: 2 */
};

/* Exit statuses of doc/command-line.md. */
enum cf_exit {
	CF_EXIT_OK = 0,
	CF_EXIT_FINDINGS = 1,
	CF_EXIT_USAGE = 2,
	CF_EXIT_INVALID = 3,
	CF_EXIT_INTERNAL = 4,
};

/*
 * Records `code` and the formatted message, and returns `code`, so that
 * `return cf_error_set(CF_ENOTFOUND, "procedure '%s' not found", id);`
 * reads as one statement.
 */
int cf_error_set(int code, const char *fmt, ...) CF_ERROR_PRINTF(2, 3);

/*
 * Prefixes the current message with "CONTEXT: " (formatted) and returns
 * the current code; used to add a file name to a lower layer's error.
 */
int cf_error_prefix(const char *fmt, ...) CF_ERROR_PRINTF(1, 2);

/* The last message ("" when none) and code (CF_OK when none). */
const char *cf_error_message(void);
int cf_error_code(void);
void cf_error_clear(void);

/* The exit status for a negative error code (CF_EXIT_INTERNAL if odd). */
int cf_error_exit_code(int code);

/* One problem found in an input file. */
struct cf_diag {
	char *file;
	int line; /* 0 when unknown */
	int col;  /* 0 when unknown */
	char *msg;
	size_t seq; /* insertion order, keeps sorting stable */
};

struct cf_diags {
	struct cf_diag *v;
	size_t n;
	size_t alloc;
};

#define CF_DIAGS_INIT                                                          \
	{                                                                      \
		NULL, 0, 0                                                     \
	}

void cf_diags_release(struct cf_diags *d);

/* Appends one problem; `file` may be NULL. */
void cf_diags_add(struct cf_diags *d, const char *file, int line, int col,
    const char *fmt, ...) CF_ERROR_PRINTF(5, 6);

/*
 * Formats one problem as "FILE:LINE:COL: message", leaving out the
 * parts that are unknown.  The caller frees the result.
 */
char *cf_diag_format(const struct cf_diag *d);

/*
 * Sorts the problems by file, then line and column, keeping the order
 * of equal positions, so reports read top to bottom.
 */
void cf_diags_sort(struct cf_diags *d);

/*
 * A point where tests make the process die as a crash would: when the
 * environment variable CONFORM_CRASH_POINT names `point`, the process
 * sends itself SIGKILL there (no cleanup, no atexit handler).
 * tests/cli/crash-*.sh use it to stop a multi-step write at each of its
 * steps deterministically, besides killing it at random moments.
 */
void cf_crash_point(const char *point);

#endif
