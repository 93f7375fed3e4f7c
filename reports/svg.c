/* SPDX-License-Identifier: MIT */
/*
 * svg.c - SVG charts (see svg.h).  Coordinates are integers (tenths of
 * a pixel would buy nothing on paper), computed in integer arithmetic
 * so that output never depends on floating-point formatting.
 */
#include "conform.h"
#include "svg.h"
#include "text.h"

#include <inttypes.h>
#include <stdio.h>
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

static void
open_svg(struct cf_buf *b, const char *title, int w, int h)
{
	cf_buf_addf(b,
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
	    "height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"",
	    w, h, w, h);
	cf_xml_escape(b, title);
	cf_buf_adds(b, "\" " FONT " font-size=\"12\">\n<title>");
	cf_xml_escape(b, title);
	cf_buf_adds(b, "</title>\n");
}

void
cf_svg_bars(struct cf_buf *b, const char *title, const struct cf_point *p,
    size_t n)
{
	const int label_w = 180, bar_w = 360, row_h = 22, top = 28;
	int w = label_w + bar_w + 80, h = top + (int)n * row_h + 24;

	open_svg(b, title, w, h);
	cf_buf_addf(b,
	    "<text x=\"0\" y=\"16\" font-size=\"14\" "
	    "font-weight=\"bold\">");
	cf_xml_escape(b, title);
	cf_buf_adds(b, "</text>\n");
	/* grid at 0, 50, 100 % */
	for (int g = 0; g <= 100; g += 50) {
		int x = label_w + bar_w * g / 100;
		cf_buf_addf(b,
		    "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
		    "stroke=\"#ccc\"/><text x=\"%d\" y=\"%d\" "
		    "text-anchor=\"middle\" fill=\"#666\">%d %%</text>\n",
		    x, top - 4, x, top + (int)n * row_h, x, h - 6, g);
	}
	for (size_t i = 0; i < n; i++) {
		int y = top + (int)i * row_h;
		char rate[32];
		int64_t len = scale(bar_w, p[i].num, p[i].den);
		bool full = p[i].den > 0 && p[i].num >= p[i].den;

		cf_rate_text(p[i].num, p[i].den, rate, sizeof rate);
		cf_buf_addf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">",
		    label_w - 8, y + 15);
		cf_xml_escape(b, p[i].label);
		cf_buf_adds(b, "</text>\n");
		if (p[i].den > 0)
			cf_buf_addf(b,
			    "<rect x=\"%d\" y=\"%d\" width=\"%" PRId64 "\" "
			    "height=\"%d\" fill=\"%s\"/>\n",
			    label_w, y + 3, len, row_h - 6,
			    full ? "#2e7d32" : "#c62828");
		cf_buf_addf(b, "<text x=\"%d\" y=\"%d\">%s</text>\n",
		    label_w + bar_w + 6, y + 15,
		    p[i].den > 0 ? rate : "no data");
	}
	cf_buf_adds(b, "</svg>\n");
}

void
cf_svg_trend(struct cf_buf *b, const char *title, const struct cf_point *p,
    size_t n)
{
	const int left = 40, plot_h = 160, top = 28, col = n > 12 ? 36 : 48;
	int w = left + (int)(n ? n : 1) * col + 20, h = top + plot_h + 40;
	struct cf_buf line = CF_BUF_INIT;

	/* Wide enough for its title even with two or three periods. */
	if (w < 480)
		w = 480;

	open_svg(b, title, w, h);
	cf_buf_addf(b,
	    "<text x=\"0\" y=\"16\" font-size=\"14\" "
	    "font-weight=\"bold\">");
	cf_xml_escape(b, title);
	cf_buf_adds(b, "</text>\n");
	for (int g = 0; g <= 100; g += 25) {
		int y = top + plot_h - plot_h * g / 100;
		cf_buf_addf(b,
		    "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
		    "stroke=\"#ddd\"/><text x=\"%d\" y=\"%d\" "
		    "text-anchor=\"end\" fill=\"#666\" "
		    "font-size=\"10\">%d %%</text>\n",
		    left, y, w - 10, y, left - 4, y + 3, g);
	}
	for (size_t i = 0; i < n; i++) {
		int x = left + (int)i * col + col / 2;
		char rate[32];
		cf_buf_addf(b,
		    "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" "
		    "font-size=\"10\">",
		    x, top + plot_h + 14);
		cf_xml_escape(b, p[i].label);
		cf_buf_adds(b, "</text>\n");
		if (p[i].den <= 0)
			continue;
		int64_t hgt = scale(plot_h, p[i].num, p[i].den);
		int64_t y = top + plot_h - hgt;
		cf_rate_text(p[i].num, p[i].den, rate, sizeof rate);
		cf_buf_addf(b,
		    "<rect x=\"%d\" y=\"%" PRId64
		    "\" width=\"%d\" height=\"%" PRId64
		    "\" fill=\"#90caf9\"><title>",
		    x - col / 3, y, 2 * (col / 3), hgt);
		cf_xml_escape(b, p[i].label);
		cf_buf_addf(b, ": %s</title></rect>\n", rate);
		cf_buf_addf(&line, "%s%d,%" PRId64, line.len ? " " : "", x, y);
	}
	if (line.len)
		cf_buf_addf(b,
		    "<polyline points=\"%s\" fill=\"none\" stroke=\"#1565c0\" "
		    "stroke-width=\"2\"/>\n",
		    line.s);
	cf_buf_release(&line);
	cf_buf_adds(b, "</svg>\n");
}
