/* SPDX-License-Identifier: MIT */
/*
 * svg.h - charts drawn by the program as inline SVG: no script, no
 * network, no library, the same bytes for the same data.  Rates are
 * exact fractions (num/den, integers) turned into lengths at the end;
 * a point with den 0 has no data and is drawn as such, never as 0 %.
 *
 * Text is escaped for XML; labels may be Chinese (the font list prefers
 * CJK fonts).  Charts have a <title> and aria-label for screen readers.
 */
#ifndef CF_SVG_H
#define CF_SVG_H

#include <stddef.h>
#include <stdint.h>

struct cf_buf;

struct cf_point {
	const char *label;
	int64_t num; /* e.g. conforming results */
	int64_t den; /* e.g. judged results; 0 = no data */
};

/* Horizontal bars, one per point, 0..100 %, label left, rate right. */
void cf_svg_bars(struct cf_buf *out, const char *title,
    const struct cf_point *p, size_t n);

/* A rate per period (e.g. month) as columns with a line through them. */
void cf_svg_trend(struct cf_buf *out, const char *title,
    const struct cf_point *p, size_t n);

/* Appends `s` escaped for XML text and attributes (&, <, >, ", '). */
void cf_xml_escape(struct cf_buf *out, const char *s);

/* "97.9 %" from num/den, rounded half up to one decimal; "-" if den 0. */
void cf_rate_text(int64_t num, int64_t den, char *buf, size_t size);

#endif
