/* SPDX-License-Identifier: MIT */
/*
 * svg.h - charts drawn by the program as inline SVG: no script, no
 * network, no library, the same bytes for the same data.  Rates are
 * exact fractions (num/den, integers) turned into lengths at the end;
 * a point with den 0 has no data and is drawn as such, never as 0 %.
 *
 * Text is escaped for XML; labels may be Chinese (the font list prefers
 * CJK fonts).  Charts have a <title> and aria-label for screen readers,
 * print every value beside its bar (paper has no tooltips), and scale to
 * their container (viewBox, width 100 %, max-width their natural size).
 * doc/reports.md describes what each chart shows.
 */
#ifndef CF_SVG_H
#define CF_SVG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct cf_buf;

/*
 * A bar or column.  A rate is num/den; with a target (has_min) it is
 * coloured by comparison with min_num/min_den (meets or below), without
 * one in a neutral colour; the target is drawn as a dashed mark.  In a
 * count chart num is the count, and den 0 means not judged.
 */
struct cf_point {
	const char *label; /* shown, cut with "…" when too long */
	int64_t num;	   /* e.g. conforming results */
	int64_t den;	   /* e.g. judged results; 0 = no data */
	const char *full;  /* the whole text, in a <title>; NULL: label */
	bool has_min;
	int64_t min_num, min_den; /* the target, a fraction */
};

/*
 * Horizontal bars, one per point, 0..100 %: label left, the value and
 * the target printed right of each bar, ticks at every 25 %, a legend.
 */
void cf_svg_bars(struct cf_buf *out, const char *title,
    const struct cf_point *p, size_t n);

/* A rate per period (e.g. month) as columns, the value above each. */
void cf_svg_trend(struct cf_buf *out, const char *title,
    const struct cf_point *p, size_t n);

/*
 * Counts (e.g. the subjects an sql check returned) as horizontal bars
 * from 0 to a round maximum, each printed as "29 <unit>"; a count above
 * 0 is a nonconformity (coloured below target), 0 meets it.
 */
void cf_svg_counts(struct cf_buf *out, const char *title,
    const struct cf_point *p, size_t n, const char *unit);

/*
 * A generous estimate of the width of `s` in pixels at font size `px`:
 * 1 em per CJK (or other 3- or 4-byte UTF-8) character, 0.7 em per
 * other non-ASCII one, 0.6 em per ASCII one, rounded up.  The charts
 * size their margins with it, so that no text leaves the viewBox.
 */
int cf_svg_text_width(const char *s, int px);

/* Appends `s` escaped for XML text and attributes (&, <, >, ", '). */
void cf_xml_escape(struct cf_buf *out, const char *s);

/* "97.9 %" from num/den, rounded half up to one decimal; "-" if den 0. */
void cf_rate_text(int64_t num, int64_t den, char *buf, size_t size);

#endif
