/* SPDX-License-Identifier: MIT */
/*
 * scorecard.h - the window scorecard (红旗窗口评比, doc/checks.md "The
 * window scorecard"): from an audit's stored counts per window and
 * measure, each measure's value, the score, the rank and the red
 * flags.
 *
 * Exact: a value is num/den; the score is Σ weight·value / Σ weight over
 * the measures with a value (den > 0), summed as a fraction in 128-bit
 * integers and rounded once, half up, to tenths of a percent (81.25 ->
 * 813).  Values are shown the same way, each rounded once.  Windows
 * with a value are ranked by the rounded score, highest first, equal
 * scores by window as bytes, ranks 1, 2, 3, ... in that order; the
 * first `awards` of them are the red-flag windows.  Windows with no
 * value come after, by window, with no rank and no score.
 */
#ifndef CF_SCORECARD_H
#define CF_SCORECARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "auditdb.h"

struct cf_score_line {
	const char *window; /* borrowed from the scorecard */
	int rank;	    /* 1..; 0: not ranked (no value) */
	int64_t score;	    /* tenths of a percent; -1 when not ranked */
	bool red_flag;
	int64_t *value; /* per measure: tenths of a percent, -1 none */
};

/*
 * The lines of `sc` in the order above (*n of them; free with
 * cf_score_lines_free).  CF_EINVALID when the exact sum would not fit
 * 128 bits (denominators whose product exceeds about 10^36).
 */
int cf_score_lines(const struct cf_auditdb_scorecard *sc,
    struct cf_score_line **out, size_t *n);
void cf_score_lines_free(struct cf_score_line *l, size_t n);

/* Tenths of a percent as text: 813 -> "81.3", 1000 -> "100.0". */
void cf_score_text(int64_t tenths, char buf[32]);

#endif
