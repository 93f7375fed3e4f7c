/* SPDX-License-Identifier: MIT */
/*
 * generate.h - synthetic case logs for demonstrations and benchmarks.
 *
 * cf_gen_run() writes DIR/cases.csv, DIR/events.csv and
 * DIR/evaluations.csv in the formats of doc/cases.md for the procedures given (the ones committed in a workspace),
 * and DIR/planted.csv listing every deviation it planted on purpose
 * (case_id, kind, detail), so that an audit of the result can be checked
 * against the truth.  The same options and procedures give the same
 * bytes: all randomness comes from one xoshiro256** generator seeded
 * with the SHA-256 of the seed text.
 *
 * What a case looks like: accepted in working hours (09:00-12:00,
 * 13:30-17:00) of a working day of the period, ids in acceptance order
 * ("DF20260302-0000123"), the procedure's window, a channel (window or
 * online), the procedure's fee, every required material and some
 * optional ones, one event per step in order (optional steps sometimes
 * left out, repeatable ones sometimes repeated) with staff ids as actors
 * and the steps' roles, completed within the committed limit.  A case
 * that would complete after the end of the period is exported as
 * pending, without the events after the period.
 *
 * With probability `deviation_permille`/1000 a case gets exactly one
 * deviation of a kind its procedure allows (cf_gen_kind), so that every
 * check of doc/checks.md has cases to find.  planted.csv's fourth column,
 * `expect`, lists the checks that must fail for it (";" between), the
 * ground truth for the audit; the lawful edge cases of the time-limit
 * law (an extension on the deadline day, a pause over Spring Festival,
 * a pause open at --to) are listed with an empty `expect`.
 *
 * Every case carries received_at (the receipt, on or before the
 * acceptance; empty for some), so that the supplement notices can be
 * judged.
 *
 * A share `rated_permille`/1000 of the completed cases is rated (好差评)
 * soon after completion, mostly 4 or 5; the bad ratings (1 or 2) are
 * rectified and revisited within 15 working days.  Of the rated cases
 * without a deviation of their own, `deviation_permille`/1000 carry one
 * in their evaluation (CF_GEN_REVIEW_*).  The evaluations draw from a
 * generator of their own (seeded from the seed text and
 * "/evaluations"), so cases.csv and events.csv do not depend on them.
 *
 * Output streams row by row (stdio buffers): memory does not grow with
 * the number of cases.
 */
#ifndef CF_GENERATE_H
#define CF_GENERATE_H

#include <stdint.h>

#include "date.h"
#include "document.h"

struct cf_cal;

enum cf_gen_kind {
	CF_GEN_LATE,		 /* completed after the committed limit */
	CF_GEN_FEE,		 /* fee differs from the procedure's */
	CF_GEN_MATERIAL,	 /* a required material missing */
	CF_GEN_ORDER,		 /* two steps swapped */
	CF_GEN_REPEAT,		 /* a step that is not repeatable, twice */
	CF_GEN_MISSING,		 /* a required step left out */
	CF_GEN_UNKNOWN,		 /* an activity that is no step */
	CF_GEN_ROLE,		 /* an event with another role */
	CF_GEN_FOUR_EYES,	 /* one actor on a not-same-actor-as pair */
	CF_GEN_BEFORE_EFFECTIVE, /* accepted before effective-from */
	CF_GEN_PENDING_LATE,	 /* still pending after its deadline */
	/* The time-limit law (doc/working-days.md), for procedures that
	 * declare the markers; "expect" in planted.csv says which checks
	 * fail (none for the lawful edge cases). */
	CF_GEN_PAUSED_LATE,	/* late although its pause is counted */
	CF_GEN_PAUSE_SAME_DAY,	/* a pause opened and closed one day; late */
	CF_GEN_PAUSE_END_ONLY,	/* an end without a start; late */
	CF_GEN_PAUSE_OVERLAP,	/* two pauses overlapping; late by one day */
	CF_GEN_PAUSE_HOLIDAY,	/* a pause over a holiday and a make-up
				   working day; done on the deadline day */
	CF_GEN_PAUSE_OPEN,	/* pending, past the plain deadline, its
				   pause still open at --to */
	CF_GEN_EXT_DEADLINE_DAY, /* extended on the deadline day: lawful */
	CF_GEN_EXT_LATE,	 /* extended a working day after it */
	CF_GEN_EXT_TWICE,	 /* two extensions */
	CF_GEN_EXT_ROLE,	 /* extended by another role */
	CF_GEN_SUP_TWICE,	 /* two supplement notices */
	CF_GEN_SUP_LATE,	 /* notified on the (within + 1)-th day */
	CF_GEN_STATUTORY_LATE,	 /* completed after the statutory limit */
	/* Evaluations (好差评, doc/cases.md "Synthetic logs"): the one
	 * evaluation of a case, bad (rating 1 or 2); "expect" says whether
	 * bad-review with its defaults (max 2, within 15, revisits of
	 * real-name ones) must fail. */
	CF_GEN_REVIEW_LATE,	    /* rectified after its 15th working day */
	CF_GEN_REVIEW_NO_REVISIT,   /* real-name, rectified, not revisited */
	CF_GEN_REVIEW_ANONYMOUS,    /* anonymous, rectified, not revisited:
				       passes; fails only with revisit="all" */
	CF_GEN_REVIEW_NOT_DUE,	    /* unhandled, its deadline on or after
				       --to: not judged */
	CF_GEN_REVIEW_REVISIT_AFTER_TO, /* revisited after --to: not seen */
	CF_GEN_REVIEW_RATED_AFTER_TO,	/* rated after --to: not seen */
	CF_GEN_REVIEW_DEADLINE_DAY, /* handled late on its deadline day:
				       lawful */
	CF_GEN_NKINDS
};

/* "late", "fee", "material", ... as in planted.csv. */
const char *cf_gen_kind_name(enum cf_gen_kind k);

struct cf_gen_opts {
	uint64_t ncases;
	const char *seed;
	int deviation_permille; /* 0..1000 */
	cf_day from, to;	/* acceptance days, inclusive */
	const char *dir;	/* created if missing */
	/* Of the cases without a deviation whose procedure declares
	 * markers, the share (per mille) that lawfully go through a pause,
	 * an extension or a supplement notice. */
	int paused_permille;
	/* The share (per mille) of the completed cases that are rated
	 * (DIR/evaluations.csv). */
	int rated_permille;
};

struct cf_gen_counts {
	uint64_t cases, events, pending;
	uint64_t evaluations, rated; /* rows of evaluations.csv, cases */
	uint64_t planted[CF_GEN_NKINDS];
};

/*
 * Generates the files.  `procs` are the procedures to use (at least one
 * with a step); `cal` must cover the period.  CF_EINVALID when the
 * period has no working day or a procedure cannot be used; CF_ERROR for
 * a write error.
 */
int cf_gen_run(const struct cf_gen_opts *o,
    const struct cf_procedure *const *procs, size_t nprocs,
    const struct cf_cal *cal, struct cf_tz *tz, struct cf_gen_counts *out);

#endif
