/* SPDX-License-Identifier: MIT */
/*
 * import.h - `conform cases import`: case logs into the store, in one
 * transaction (doc/cases.md).
 *
 * cf_import_run() reads every file (CSV cases, events or evaluations
 * files, told apart by their header; XES logs, plain or gzip), validates every row
 * and writes batches, cases and events inside one BEGIN IMMEDIATE
 * transaction.  If any row of any file is bad, or a file is a copy of
 * one imported before or of another file of the same call, nothing is
 * written: the transaction is rolled back and the result lists the
 * first CF_IMPORT_SHOWN bad rows (by file, then line) and how many there
 * were.  The rules, doc/cases.md:
 *   - a case id at most once per import; a stored case may come again
 *     only with the same procedure_id and accepted_at, and then fills
 *     the fields that are empty in the store (any other difference is a
 *     bad row);
 *   - an event needs its case in the same import (in any file, before
 *     or after it) or in the store;
 *   - an event equal to a stored one (case, activity, instant, actor)
 *     is skipped, not stored twice;
 *   - an evaluation needs its case as an event does; one whose
 *     identity (case, rated_at instant, channel) is stored may fill
 *     its empty revisit_at / rectified_at, any other difference is a
 *     bad row, and an identity at most once per import;
 *   - every event gets the next number of one global sequence, in
 *     import order (file order, then position in the file), which
 *     breaks ties between equal instants.
 *
 * Memory: files are streamed; what grows is the set of case ids of the
 * import (caseset.h), some 40 bytes per case.
 */
#ifndef CF_IMPORT_H
#define CF_IMPORT_H

#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "error.h"
#include "hash.h"
#include "mem.h"
#include "store.h"

struct cf_repo;
struct cf_profile;

#define CF_IMPORT_SHOWN 100

enum cf_import_format {
	CF_IMPORT_AUTO, /* by the name (.csv, .xes, .xes.gz), else the bytes */
	CF_IMPORT_CSV,
	CF_IMPORT_XES,
};

struct cf_import_opts {
	enum cf_import_format format;
	const char *procedure;	     /* --procedure: every XES trace's */
	const struct cf_strv *known; /* known procedure ids, sorted */
	const char *actor;	     /* who imports, for the trail */
	/* the document repository, for the final steps of XES logs
	 * (finals.h), read when a file is XES; NULL: every trace without
	 * completed_at ends at its last event */
	struct cf_repo *repo;
	/* --profile: every file is CSV read through it (rows.h); NULL:
	 * none */
	const struct cf_profile *profile;
	const char *profile_commit; /* the commit of its version in force */
};

/* What one file brought. */
struct cf_import_file {
	char *name;
	char sha256[CF_SHA256_HEX];
	int64_t batch;
	const char *format; /* "cases-csv", "events-csv", "xes", "cases-xlsx",
			     * "events-xlsx", "evaluations-csv",
			     * "evaluations-xlsx" */
	int64_t rows;	    /* CSV data rows; XES events */
	int64_t traces, empty_traces;
	int64_t cases_new, cases_updated, cases_unchanged;
	int64_t events_new, events_skipped;
	/* an evaluations file's (doc/cases.md "Evaluations") */
	int64_t evals_new, evals_updated, evals_unchanged;
};

struct cf_import_result {
	struct cf_import_file *files;
	size_t nfiles;
	struct cf_import_file total; /* sums (name and format unset) */
	struct cf_diags bad;	     /* the first CF_IMPORT_SHOWN, in order */
	size_t nbad;		     /* every bad row */
};

/*
 * Imports the `n` files at `paths`, with `tz` the workspace timezone.
 * Returns 0 when everything was stored; CF_EINVALID when there was bad
 * input (res->bad says what; nothing was stored); CF_ENOTFOUND when
 * --procedure names no known procedure; CF_ERROR / CF_EBUSY for I/O and
 * database failures (nothing stored either).
 */
int cf_import_run(struct cf_store *st, struct cf_tz *tz,
    const struct cf_import_opts *o, char *const *paths, size_t n,
    struct cf_import_result *res);

void cf_import_result_release(struct cf_import_result *res);

#endif
