/* SPDX-License-Identifier: MIT */
/*
 * scorecard.c - ranking the windows (see scorecard.h).
 *
 * The sum Σ w·num/den is kept as one reduced fraction P/Q: adding
 * w·num/den makes (P·den + w·num·Q) / (Q·den), reduced by the gcd each
 * time, with every product checked for overflow.  The score is then
 * P / (Q·W), W = Σ w, and its tenths of a percent floor((2000·P +
 * Q·W) / (2·Q·W)), which is 1000·P/(Q·W) rounded half up.
 */
#include "conform.h"
#include "scorecard.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__extension__ typedef __int128 i128;

static i128
gcd(i128 a, i128 b)
{
	while (b) {
		i128 t = a % b;
		a = b;
		b = t;
	}
	return a;
}

/* x·1000/den rounded half up (0 <= x <= den, den > 0). */
static int64_t
tenths(i128 x, i128 den)
{
	return (int64_t)((2000 * x + den) / (2 * den));
}

/* The score of window w, or -1 when no measure has a value. */
static int
score_of(const struct cf_auditdb_scorecard *sc,
    const struct cf_score_window *w, int64_t *out)
{
	i128 p = 0, q = 1, weights = 0, t;

	for (size_t m = 0; m < sc->nmeasures; m++) {
		i128 a, b, g;
		if (w->den[m] <= 0)
			continue;
		weights += sc->measures[m].weight;
		/* p/q + weight·num/den */
		if (__builtin_mul_overflow(p, (i128)w->den[m], &a) ||
		    __builtin_mul_overflow((i128)sc->measures[m].weight *
			    w->num[m], q, &b) ||
		    __builtin_add_overflow(a, b, &p) ||
		    __builtin_mul_overflow(q, (i128)w->den[m], &q))
			return cf_error_set(CF_EINVALID,
			    "the score of window '%s' does not fit the exact "
			    "arithmetic",
			    w->window);
		g = gcd(p, q);
		if (g > 1) {
			p /= g;
			q /= g;
		}
	}
	if (weights == 0) {
		*out = -1;
		return 0;
	}
	if (__builtin_mul_overflow(q, weights, &t) ||
	    __builtin_mul_overflow(p, (i128)2000, &p) ||
	    __builtin_mul_overflow(t, (i128)2, &q))
		return cf_error_set(CF_EINVALID,
		    "the score of window '%s' does not fit the exact "
		    "arithmetic",
		    w->window);
	*out = (int64_t)((p + t) / q);
	return 0;
}

static int
by_rank(const void *a, const void *b)
{
	const struct cf_score_line *x = a, *y = b;

	if ((x->score < 0) != (y->score < 0))
		return x->score < 0 ? 1 : -1;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return strcmp(x->window, y->window);
}

int
cf_score_lines(const struct cf_auditdb_scorecard *sc,
    struct cf_score_line **out, size_t *n)
{
	struct cf_score_line *l = cf_xcalloc(sc->nwindows + 1, sizeof *l);
	int rank = 0, rc;

	for (size_t i = 0; i < sc->nwindows; i++) {
		const struct cf_score_window *w = &sc->windows[i];
		l[i].window = w->window;
		l[i].value = cf_xcalloc(sc->nmeasures + 1, sizeof *l[i].value);
		for (size_t m = 0; m < sc->nmeasures; m++)
			l[i].value[m] = w->den[m] > 0 && w->num[m] >= 0 &&
				w->num[m] <= w->den[m]
			    ? tenths(w->num[m], w->den[m])
			    : -1;
		if ((rc = score_of(sc, w, &l[i].score)) < 0) {
			cf_score_lines_free(l, i + 1);
			return rc;
		}
	}
	qsort(l, sc->nwindows, sizeof *l, by_rank);
	for (size_t i = 0; i < sc->nwindows; i++) {
		if (l[i].score < 0)
			break;
		l[i].rank = ++rank;
		l[i].red_flag = rank <= sc->awards;
	}
	*out = l;
	*n = sc->nwindows;
	return 0;
}

void
cf_score_lines_free(struct cf_score_line *l, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(l[i].value);
	free(l);
}

void
cf_score_text(int64_t tenths, char buf[32])
{
	snprintf(buf, 32, "%" PRId64 ".%" PRId64, tenths / 10, tenths % 10);
}
