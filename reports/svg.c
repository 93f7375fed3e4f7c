/* SPDX-License-Identifier: MIT */
/*
 * svg.c - SVG charts (see svg.h).  Coordinates are integers (tenths of
 * a pixel would buy nothing on paper), computed in integer arithmetic
 * so that output never depends on floating-point formatting.
 *
 * Layout: every margin is sized from the estimated width of the text it
 * holds (cf_svg_text_width, generous for CJK), so the longest label, the
 * title, the values and the legend all stay inside the viewBox; a label
 * longer than a fixed maximum is cut with "…", its whole text in a
 * <title>.  Colours: meets target, below target, no target (neutral),
 * each named in the legend under the chart (doc/reports.md).
 */
#include "conform.h"
#include "svg.h"
#include "text.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FONT                                                                   \
	"font-family=\"'Noto Sans CJK SC','Noto Sans SC','WenQuanYi "          \
	"Micro Hei','Microsoft YaHei',sans-serif\""

void
cf_xml_escape(struct cf_buf *out, const char *str)
{
	struct cf_buf v = CF_BUF_INIT;
	const char *s = str;

	/* Control characters and invalid UTF-8 as visible escapes
	 * (doc/hardening.md). */
	if (!cf_text_visible(str, strlen(str))) {
		cf_text_add_visible(&v, str, strlen(str));
		s = v.s;
	}
	for (; *s; s++) {
		switch (*s) {
		case '&':
			cf_buf_adds(out, "&amp;");
			break;
		case '<':
			cf_buf_adds(out, "&lt;");
			break;
		case '>':
			cf_buf_adds(out, "&gt;");
			break;
		case '"':
			cf_buf_adds(out, "&quot;");
			break;
		case '\'':
			cf_buf_adds(out, "&#39;");
			break;
		default:
			/* Control characters are not allowed in XML 1.0. */
			if ((unsigned char)*s < 0x20 && *s != '\n' &&
			    *s != '\t')
				cf_buf_addc(out, ' ');
			else
				cf_buf_addc(out, *s);
		}
	}
	cf_buf_release(&v);
}

void
cf_rate_text(int64_t num, int64_t den, char *buf, size_t size)
{
	int64_t permille;

	if (den <= 0) {
		snprintf(buf, size, "-");
		return;
	}
	permille = (2000 * num + den) / (2 * den);
	snprintf(buf, size, "%" PRId64 ".%" PRId64 " %%", permille / 10,
	    permille % 10);
}

/* length * num / den, rounded half up, for 0 <= num <= den. */
static int64_t
scale(int64_t length, int64_t num, int64_t den)
{
	if (den <= 0)
		return 0;
	if (num > den)
		num = den;
	if (num < 0)
		num = 0;
	return (2 * length * num + den) / (2 * den);
}

/* Bytes of the UTF-8 sequence starting with `c` and its width in
 * tenths of an em. */
static size_t
glyph(unsigned char c, int *tenths)
{
	if (c < 0x80) {
		*tenths = 6;
		return 1;
	}
	if (c >= 0xF0) {
		*tenths = 10;
		return 4;
	}
	if (c >= 0xE0) {
		*tenths = 10;
		return 3;
	}
	*tenths = c >= 0xC0 ? 7 : 0; /* a stray continuation byte: 0 */
	return c >= 0xC0 ? 2 : 1;
}

int
cf_svg_text_width(const char *s, int px)
{
	int64_t t = 0;
	int w;

	for (size_t i = 0; s[i];) {
		size_t k = glyph((unsigned char)s[i], &w);
		t += w;
		for (size_t j = 0; j < k && s[i]; j++)
			i++;
	}
	return (int)((t * px + 9) / 10);
}

#define ELLIPSIS "\xE2\x80\xA6" /* … */

/* `s` cut to at most `maxw` pixels at `px`, with "…" when cut. */
static char *
fit(const char *s, int px, int maxw)
{
	struct cf_buf b = CF_BUF_INIT;
	int64_t t = 0, limit = (int64_t)maxw * 10 - 10 * (int64_t)px;
	int w;

	if (cf_svg_text_width(s, px) <= maxw)
		return cf_xstrdup(s);
	for (size_t i = 0; s[i];) {
		size_t k = glyph((unsigned char)s[i], &w);
		if ((t + w) * px > limit)
			break;
		t += w;
		for (size_t j = 0; j < k && s[i]; j++)
			cf_buf_addc(&b, s[i++]);
	}
	cf_buf_adds(&b, ELLIPSIS);
	return cf_buf_detach(&b);
}

static void
open_svg(struct cf_buf *b, const char *title, int w, int h)
{
	cf_buf_addf(b,
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100%%\" "
	    "viewBox=\"0 0 %d %d\" style=\"max-width:%dpx;height:auto\" "
	    "role=\"img\" aria-label=\"",
	    w, h, w);
	cf_xml_escape(b, title);
	cf_buf_adds(b, "\" " FONT " font-size=\"12\">\n<title>");
	cf_xml_escape(b, title);
	cf_buf_adds(b, "</title>\n");
}

/* `text` at x, y; `anchor` start, middle or end; with `full` (the text
 * before it was cut) in a <title> when they differ. */
static void
text(struct cf_buf *b, int x, int y, const char *anchor, int px,
    const char *attrs, const char *txt, const char *full)
{
	cf_buf_addf(b, "<text x=\"%d\" y=\"%d\"", x, y);
	if (strcmp(anchor, "start") != 0)
		cf_buf_addf(b, " text-anchor=\"%s\"", anchor);
	if (px != 12)
		cf_buf_addf(b, " font-size=\"%d\"", px);
	if (attrs && *attrs)
		cf_buf_addf(b, " %s", attrs);
	cf_buf_adds(b, ">");
	if (full && strcmp(full, txt) != 0) {
		cf_buf_adds(b, "<title>");
		cf_xml_escape(b, full);
		cf_buf_adds(b, "</title>");
	}
	cf_xml_escape(b, txt);
	cf_buf_adds(b, "</text>\n");
}

enum colour { C_MEETS, C_BELOW, C_NEUTRAL, C_NCOLOURS };
static const char *const fill[C_NCOLOURS] = { "#2e7d32", "#c62828",
	"#5b7fa6" };
static const char *const colour_name[C_NCOLOURS] = {
	"达到目标 meets target", "低于目标 below target",
	"无目标 no target" };

static enum colour
colour_of(const struct cf_point *p)
{
	if (!p->has_min || p->min_den <= 0)
		return C_NEUTRAL;
	/* num/den >= min_num/min_den, cross-multiplied (small integers). */
	return p->num * p->min_den >= p->min_num * p->den ? C_MEETS : C_BELOW;
}

/* The target's text when every point with data has the same one. */
static bool
same_target(const struct cf_point *p, size_t n, char *buf, size_t size)
{
	const struct cf_point *first = NULL;

	for (size_t i = 0; i < n; i++) {
		if (!p[i].has_min || p[i].min_den <= 0)
			continue;
		if (first && (first->min_num * p[i].min_den !=
				 p[i].min_num * first->min_den))
			return false;
		if (!first)
			first = &p[i];
	}
	if (!first)
		return false;
	cf_rate_text(first->min_num, first->min_den, buf, size);
	return true;
}

/* What the legend lists. */
struct legend {
	bool used[C_NCOLOURS];
	bool target, horizontal; /* the target drawn across columns */
	const char *names[C_NCOLOURS]; /* NULL: colour_name */
	char target_text[64];
};

static void
legend_scan(struct legend *lg, const struct cf_point *p, size_t n)
{
	char t[32];

	memset(lg, 0, sizeof *lg);
	for (size_t i = 0; i < n; i++) {
		if (p[i].den <= 0)
			continue;
		lg->used[colour_of(&p[i])] = true;
		if (p[i].has_min && p[i].min_den > 0)
			lg->target = true;
	}
	if (same_target(p, n, t, sizeof t))
		snprintf(lg->target_text, sizeof lg->target_text,
		    "目标 target ≥ %s", t);
	else
		snprintf(lg->target_text, sizeof lg->target_text,
		    "目标 target (min)");
}

/* The legend's items laid out in rows no wider than `w`, from y; the
 * height it takes.  With `b` NULL, only measures (*need: its widest
 * item). */
static int
legend_draw(struct cf_buf *b, const struct legend *lg, int x0, int y, int w,
    int *need)
{
	const int px = 11, sw = 12, gap = 16;
	int x = x0, rows = 1;

	if (need)
		*need = 0;
	for (int k = 0; k <= C_NCOLOURS; k++) {
		const char *name;
		int iw;
		if (k < C_NCOLOURS && !lg->used[k])
			continue;
		if (k == C_NCOLOURS && !lg->target)
			continue;
		name = k == C_NCOLOURS ? lg->target_text
		    : lg->names[k]    ? lg->names[k]
				      : colour_name[k];
		iw = sw + 4 + cf_svg_text_width(name, px);
		if (need && iw > *need)
			*need = iw;
		if (x > x0 && x + iw > x0 + w) {
			x = x0;
			rows++;
			y += 18;
		}
		if (b && k < C_NCOLOURS)
			cf_buf_addf(b,
			    "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
			    "fill=\"%s\"/>\n",
			    x, y - 10, sw, 10, fill[k]);
		else if (b && lg->horizontal)
			cf_buf_addf(b,
			    "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
			    "stroke=\"#111\" stroke-width=\"2\" "
			    "stroke-dasharray=\"3 2\"/>\n",
			    x, y - 5, x + sw, y - 5);
		else if (b)
			cf_buf_addf(b,
			    "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
			    "stroke=\"#111\" stroke-width=\"2\" "
			    "stroke-dasharray=\"3 2\"/>\n",
			    x + sw / 2, y - 12, x + sw / 2, y + 2);
		if (b)
			text(b, x + sw + 4, y, "start", px, NULL, name, NULL);
		x += iw + gap;
	}
	return lg->used[0] || lg->used[1] || lg->used[2] || lg->target
	    ? rows * 18
	    : 0;
}

static int
imax(int a, int b)
{
	return a > b ? a : b;
}

/* The title broken at spaces into lines no wider than `maxw` at 14 px
 * (a word wider than that gets a line of its own). */
struct title {
	struct cf_strv lines;
	int w; /* the widest line */
};

static void
title_wrap(struct title *t, const char *title, int maxw)
{
	struct cf_buf line = CF_BUF_INIT;
	const char *s = title;

	memset(t, 0, sizeof *t);
	while (*s) {
		const char *e = strchr(s, ' ');
		size_t k = e ? (size_t)(e - s) : strlen(s);
		char *word = cf_xstrndup(s, k);
		struct cf_buf tryb = CF_BUF_INIT;
		cf_buf_addf(&tryb, "%s%s%s", line.s ? line.s : "",
		    line.len ? " " : "", word);
		if (line.len && cf_svg_text_width(tryb.s, 14) > maxw) {
			cf_strv_push(&t->lines, line.s);
			cf_buf_reset(&line);
			cf_buf_adds(&line, word);
		} else {
			cf_buf_reset(&line);
			cf_buf_adds(&line, tryb.s);
		}
		cf_buf_release(&tryb);
		free(word);
		s += k;
		while (*s == ' ')
			s++;
	}
	if (line.len || t->lines.n == 0)
		cf_strv_push(&t->lines, line.s ? line.s : "");
	cf_buf_release(&line);
	for (size_t i = 0; i < t->lines.n; i++)
		t->w = imax(t->w, cf_svg_text_width(t->lines.v[i], 14));
}

/* The extra height of a title of more than one line. */
static int
title_extra(const struct title *t)
{
	return (int)(t->lines.n - 1) * 18;
}

/* The title, bold, at the top left. */
static void
title_text(struct cf_buf *b, struct title *t)
{
	for (size_t i = 0; i < t->lines.n; i++)
		text(b, 8, 18 + 18 * (int)i, "start", 14,
		    "font-weight=\"bold\"", t->lines.v[i], NULL);
	cf_strv_release(&t->lines);
}

#define NO_DATA "无数据 no data"
#define LABEL_MAX 300 /* px: the longest label before it is cut */
#define WIDE_MAX 560  /* px: a wider chart puts its labels above the bars */

/* A round number >= m: 1, 2 or 5 times a power of ten. */
static int64_t
round_up(int64_t m)
{
	int64_t p = 1;

	if (m < 1)
		return 1;
	for (;;) {
		if (m <= p)
			return p;
		if (m <= 2 * p)
			return 2 * p;
		if (m <= 5 * p)
			return 5 * p;
		p *= 10;
	}
}

/* Bars of rates (unit NULL) or of counts. */
static void
hbars(struct cf_buf *b, const char *title, const struct cf_point *p, size_t n,
    const char *unit)
{
	const int pad = 8;
	int top = 32, bar_w = 300, row_h = 22, bar_y = 4, bar_h = 14;
	bool stacked = false;
	struct title tt;
	char **labels = cf_xcalloc(n ? n : 1, sizeof *labels);
	char **values = cf_xcalloc(n ? n : 1, sizeof *values);
	int lw = 0, vw = 0, w, h, left, lgw, y1;
	int64_t max = 1;
	struct legend lg;

	legend_scan(&lg, p, n);
	if (unit) {
		memset(lg.used, 0, sizeof lg.used);
		lg.target = false;
		lg.names[C_MEETS] = "0：符合 none returned, conforming";
		lg.names[C_BELOW] =
		    "返回的对象均为不符合 every subject returned fails";
		for (size_t i = 0; i < n; i++) {
			if (p[i].num > max)
				max = p[i].num;
			if (p[i].den > 0)
				lg.used[p[i].num > 0 ? C_BELOW : C_MEETS] =
				    true;
		}
		max = round_up(max);
	}
	for (size_t i = 0; i < n; i++) {
		char rate[32], tgt[32];
		labels[i] = fit(p[i].label, 12, LABEL_MAX);
		lw = imax(lw, cf_svg_text_width(labels[i], 12));
		if (unit && p[i].den > 0)
			values[i] = cf_xasprintf("%" PRId64 " %s", p[i].num,
			    unit);
		else if (p[i].den <= 0)
			values[i] = cf_xstrdup(NO_DATA);
		else {
			cf_rate_text(p[i].num, p[i].den, rate, sizeof rate);
			if (p[i].has_min && p[i].min_den > 0) {
				cf_rate_text(p[i].min_num, p[i].min_den, tgt,
				    sizeof tgt);
				values[i] = cf_xasprintf("%s（目标 ≥ %s）", rate,
				    tgt);
			} else
				values[i] = cf_xstrdup(rate);
		}
		vw = imax(vw, cf_svg_text_width(values[i], 12));
	}
	left = pad + lw + 8;
	w = left + bar_w + 6 + vw + pad;
	if (w > WIDE_MAX) {
		/* Each label above its bar: narrow enough for a phone. */
		stacked = true;
		bar_w = 220;
		row_h = 36;
		bar_y = 17;
		left = pad + 12; /* half the "0 %" under the axis */
		w = left + bar_w + 6 + vw + pad;
		w = imax(w, left + 2 + lw + pad);
	}
	/* the last tick's label, centred on the plot's right end */
	w = imax(w, left + bar_w + 30 + pad);
	legend_draw(NULL, &lg, 0, 0, 1 << 20, &lgw);
	w = imax(w, 2 * pad + lgw);
	title_wrap(&tt, title, imax(w - 2 * pad, 300));
	w = imax(w, 2 * pad + tt.w);
	top += title_extra(&tt);
	y1 = top + (int)n * row_h;
	h = y1 + 18 + 8 + legend_draw(NULL, &lg, pad, 0, w - 2 * pad, NULL) +
	    pad;

	open_svg(b, title, w, h);
	title_text(b, &tt);
	/* ticks: 0, 25, 50, 75, 100 % (counts: 0, max / 2, max) */
	for (int g = 0; g <= 4; g++) {
		int x = left + bar_w * g / 4;
		char tick[32];
		if (unit && g % 2)
			continue;
		if (unit && g == 2 && max % 2)
			continue;
		if (unit)
			snprintf(tick, sizeof tick, "%" PRId64, max * g / 4);
		else
			snprintf(tick, sizeof tick, "%d %%", 25 * g);
		cf_buf_addf(b,
		    "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
		    "stroke=\"%s\"/>\n",
		    x, top - 2, x, y1 + 3, g ? "#ddd" : "#333");
		text(b, x, y1 + 16, "middle", 11, "fill=\"#444\"", tick, NULL);
	}
	for (size_t i = 0; i < n; i++) {
		int y = top + (int)i * row_h;
		const char *full = p[i].full ? p[i].full : p[i].label;
		if (stacked)
			/* a white halo hides the grid behind the label */
			text(b, left + 2, y + 13, "start", 12,
			    "stroke=\"#fff\" stroke-width=\"4\" "
			    "paint-order=\"stroke\"",
			    labels[i], full);
		else
			text(b, left - 8, y + 15, "end", 12, NULL, labels[i],
			    full);
		if (unit && p[i].den > 0) {
			int64_t len = scale(bar_w, p[i].num, max);
			if (len > 0)
				cf_buf_addf(b,
				    "<rect x=\"%d\" y=\"%d\" width=\"%" PRId64
				    "\" height=\"%d\" fill=\"%s\"/>\n",
				    left, y + bar_y, len, bar_h,
				    fill[C_BELOW]);
		} else if (!unit && p[i].den > 0) {
			int64_t len = scale(bar_w, p[i].num, p[i].den);
			cf_buf_addf(b,
			    "<rect x=\"%d\" y=\"%d\" width=\"%" PRId64 "\" "
			    "height=\"%d\" fill=\"%s\"/>\n",
			    left, y + bar_y, len, bar_h,
			    fill[colour_of(&p[i])]);
			if (p[i].has_min && p[i].min_den > 0) {
				int64_t tx = left +
				    scale(bar_w, p[i].min_num, p[i].min_den);
				cf_buf_addf(b,
				    "<line class=\"target\" x1=\"%" PRId64
				    "\" y1=\"%d\" x2=\"%" PRId64 "\" "
				    "y2=\"%d\" stroke=\"#111\" "
				    "stroke-width=\"2\" "
				    "stroke-dasharray=\"3 2\"/>\n",
				    tx, y + bar_y - 3, tx, y + bar_y + bar_h + 3);
			}
		}
		text(b, left + bar_w + 6, y + bar_y + 11, "start", 12,
		    p[i].den > 0 ? "class=\"value\""
					 : "class=\"value\" fill=\"#666\"",
		    values[i], NULL);
	}
	legend_draw(b, &lg, pad, y1 + 18 + 8 + 10, w - 2 * pad, NULL);
	cf_buf_adds(b, "</svg>\n");
	for (size_t i = 0; i < n; i++) {
		free(labels[i]);
		free(values[i]);
	}
	free(labels);
	free(values);
}

void
cf_svg_bars(struct cf_buf *b, const char *title, const struct cf_point *p,
    size_t n)
{
	hbars(b, title, p, n, NULL);
}

void
cf_svg_counts(struct cf_buf *b, const char *title, const struct cf_point *p,
    size_t n, const char *unit)
{
	hbars(b, title, p, n, unit ? unit : "");
}

void
cf_svg_trend(struct cf_buf *b, const char *title, const struct cf_point *p,
    size_t n)
{
	const int pad = 8, plot_h = 160, vpx = 10, lpx = 10;
	char **labels = cf_xcalloc(n ? n : 1, sizeof *labels);
	char **values = cf_xcalloc(n ? n : 1, sizeof *values);
	int col = 52, left, w, h, lgw, top = 40, base;
	struct title tt;
	struct legend lg;

	legend_scan(&lg, p, n);
	lg.horizontal = true;
	for (size_t i = 0; i < n; i++) {
		char rate[32];
		cf_rate_text(p[i].num, p[i].den, rate, sizeof rate);
		values[i] = cf_xstrdup(p[i].den > 0 ? rate : "无数据");
		col = imax(col, cf_svg_text_width(values[i], vpx) + 8);
	}
	/* labels may take up to 120 px each; longer ones are cut */
	for (size_t i = 0; i < n; i++)
		col = imax(col,
		    imax(cf_svg_text_width(p[i].label, lpx), 0) > 112
			? 120
			: cf_svg_text_width(p[i].label, lpx) + 8);
	for (size_t i = 0; i < n; i++)
		labels[i] = fit(p[i].label, lpx, col - 8);
	left = pad + cf_svg_text_width("100 %", 10) + 6;
	w = left + (int)n * col + pad;
	legend_draw(NULL, &lg, 0, 0, 1 << 20, &lgw);
	w = imax(w, 2 * pad + lgw);
	w = imax(w, 420);
	title_wrap(&tt, title, imax(w - 2 * pad, 460));
	w = imax(w, 2 * pad + tt.w);
	top += title_extra(&tt);
	base = top + plot_h;
	h = base + 18 + 8 + legend_draw(NULL, &lg, pad, 0, w - 2 * pad, NULL) +
	    pad;
	if (n == 0)
		h += 20;

	open_svg(b, title, w, h);
	title_text(b, &tt);
	for (int g = 0; g <= 100; g += 25) {
		int y = base - plot_h * g / 100;
		char tick[16];
		snprintf(tick, sizeof tick, "%d %%", g);
		cf_buf_addf(b,
		    "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
		    "stroke=\"%s\"/>\n",
		    left, y, left + (int)n * col, y, g ? "#ddd" : "#333");
		text(b, left - 4, y + 3, "end", 10, "fill=\"#444\"", tick,
		    NULL);
	}
	cf_buf_addf(b,
	    "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>\n",
	    left, top, left, base);
	if (n == 0)
		text(b, left + 8, top + plot_h / 2, "start", 12, "fill=\"#666\"",
		    NO_DATA, NULL);
	for (size_t i = 0; i < n; i++) {
		int x = left + (int)i * col + col / 2, bw = imax(col - 20, 16);
		const char *full = p[i].full ? p[i].full : p[i].label;
		text(b, x, base + 14, "middle", lpx, NULL, labels[i], full);
		if (p[i].den <= 0) {
			text(b, x, base - 4, "middle", vpx,
			    "class=\"value\" fill=\"#666\"", values[i], NULL);
			continue;
		}
		int64_t hgt = scale(plot_h, p[i].num, p[i].den);
		cf_buf_addf(b,
		    "<rect x=\"%d\" y=\"%" PRId64 "\" width=\"%d\" "
		    "height=\"%" PRId64 "\" fill=\"%s\"/>\n",
		    x - bw / 2, base - hgt, bw, hgt, fill[colour_of(&p[i])]);
		if (p[i].has_min && p[i].min_den > 0) {
			int64_t ty = base -
			    scale(plot_h, p[i].min_num, p[i].min_den);
			cf_buf_addf(b,
			    "<line class=\"target\" x1=\"%d\" y1=\"%" PRId64
			    "\" x2=\"%d\" y2=\"%" PRId64 "\" stroke=\"#111\" "
			    "stroke-width=\"2\" stroke-dasharray=\"3 2\"/>\n",
			    x - col / 2 + 2, ty, x + col / 2 - 2, ty);
		}
		text(b, x, (int)(base - hgt) - 4, "middle", vpx,
		    "class=\"value\"", values[i], NULL);
	}
	legend_draw(b, &lg, pad, base + 18 + 8 + 10, w - 2 * pad, NULL);
	cf_buf_adds(b, "</svg>\n");
	for (size_t i = 0; i < n; i++) {
		free(labels[i]);
		free(values[i]);
	}
	free(labels);
	free(values);
}
