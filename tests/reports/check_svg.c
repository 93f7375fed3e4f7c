/* SPDX-License-Identifier: MIT */
/*
 * check_svg.c - the SVG charts (reports/svg.c): well-formed XML (parsed
 * back with the safe loader), escaped labels, exact lengths from exact
 * rates, "no data" never drawn as 0 %, the same bytes every time; and
 * what paper shows (doc/reports.md#charts): every text inside the
 * viewBox at its estimated width, the values printed, the target drawn
 * where there is one, colours by the target (not red below 100 %), long
 * labels cut with the whole text in a <title>.
 */
#include "conform.h"
#include "check_suites.h"
#include "svg.h"
#include "report-audit-impl.h"
#include "xml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
assert_well_formed(const struct cf_buf *b)
{
	struct cf_diags d = CF_DIAGS_INIT;
	xmlDoc *doc;

	ck_assert_msg(cf_xml_parse(&doc, b->s, b->len, "chart.svg", &d) == 0,
	    "%s", d.n ? d.v[0].msg : "");
	ck_assert_str_eq((const char *)xmlDocGetRootElement(doc)->name, "svg");
	xmlFreeDoc(doc);
}

START_TEST(test_rate_text)
{
	char b[32];

	cf_rate_text(979, 1000, b, sizeof b);
	ck_assert_str_eq(b, "97.9 %");
	cf_rate_text(2, 3, b, sizeof b);
	ck_assert_str_eq(b, "66.7 %");
	cf_rate_text(1, 2000, b, sizeof b); /* 0.05 % rounds half up */
	ck_assert_str_eq(b, "0.1 %");
	cf_rate_text(5, 5, b, sizeof b);
	ck_assert_str_eq(b, "100.0 %");
	cf_rate_text(0, 0, b, sizeof b);
	ck_assert_str_eq(b, "-");
}
END_TEST


/* An attribute as an integer; `dflt` when absent. */
static long
attr_long(xmlNode *n, const char *name, long dflt)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	long r = dflt;

	if (v) {
		r = strtol((const char *)v, NULL, 10);
		xmlFree(v);
	}
	return r;
}

static bool
attr_is(xmlNode *n, const char *name, const char *want)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	bool r = v && strcmp((const char *)v, want) == 0;

	xmlFree(v);
	return r;
}

struct walk {
	long w, h;
	int texts, targets, values;
	struct cf_buf all; /* every text, one a line */
};

/* The text of a <text>, without its <title>. */
static char *
text_of(xmlNode *t)
{
	struct cf_buf b = CF_BUF_INIT;

	for (xmlNode *c = t->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE)
			cf_buf_adds(&b, (const char *)c->content);
		else if (c->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)c->name, "tspan") == 0) {
			xmlChar *s = xmlNodeGetContent(c);
			cf_buf_adds(&b, (const char *)s);
			xmlFree(s);
		}
	}
	return cf_buf_detach(&b);
}

static void
walk(xmlNode *n, struct walk *wk, long font)
{
	for (; n; n = n->next) {
		long fs;
		if (n->type != XML_ELEMENT_NODE)
			continue;
		fs = attr_long(n, "font-size", font);
		if (strcmp((const char *)n->name, "line") == 0 &&
		    attr_is(n, "class", "target"))
			wk->targets++;
		if (strcmp((const char *)n->name, "text") == 0) {
			char *s = text_of(n);
			long x = attr_long(n, "x", -1), y = attr_long(n, "y", -1);
			long tw = cf_svg_text_width(s, (int)fs), x0 = x;
			if (attr_is(n, "text-anchor", "end"))
				x0 = x - tw;
			else if (attr_is(n, "text-anchor", "middle"))
				x0 = x - (tw + 1) / 2;
			ck_assert_msg(x0 >= 0 && x0 + tw <= wk->w,
			    "'%s' at x %ld, %ld px wide, leaves the "
			    "viewBox 0..%ld",
			    s, x, tw, wk->w);
			ck_assert_msg(y - fs >= 0 && y + fs / 4 <= wk->h,
			    "'%s' at y %ld (font %ld) leaves the viewBox "
			    "0..%ld",
			    s, y, fs, wk->h);
			if (attr_is(n, "class", "value"))
				wk->values++;
			wk->texts++;
			cf_buf_addf(&wk->all, "%s\n", s);
			free(s);
			continue;
		}
		walk(n->children, wk, fs);
	}
}

/* Parses the chart and checks every text's box against the viewBox. */
static void
check_chart(const struct cf_buf *b, struct walk *wk)
{
	struct cf_diags d = CF_DIAGS_INIT;
	xmlDoc *doc;
	xmlNode *root;
	xmlChar *vb;
	long x, y;

	memset(wk, 0, sizeof *wk);
	ck_assert_msg(cf_xml_parse(&doc, b->s, b->len, "chart.svg", &d) == 0,
	    "%s", d.n ? d.v[0].msg : "");
	root = xmlDocGetRootElement(doc);
	vb = xmlGetProp(root, (const xmlChar *)"viewBox");
	ck_assert_ptr_nonnull(vb);
	ck_assert_int_eq(
	    sscanf((const char *)vb, "%ld %ld %ld %ld", &x, &y, &wk->w, &wk->h),
	    4);
	xmlFree(vb);
	ck_assert(x == 0 && y == 0 && wk->w > 0 && wk->h > 0);
	/* scales to its container: no fixed width */
	ck_assert(attr_is(root, "width", "100%"));
	walk(root->children, wk, attr_long(root, "font-size", 16));
	xmlFreeDoc(doc);
}

/* A point without target (designated, as -Wmissing-field-initializers
 * wants). */
#define PT(l, n, d)                                                            \
	{                                                                      \
		.label = (l), .num = (n), .den = (d)                           \
	}

/* The x of the text `label` (an axis tick), or -1. */
static long
text_x(const char *svg, const char *label)
{
	char want[64];
	const char *e, *t = NULL;

	snprintf(want, sizeof want, ">%s</text>", label);
	if ((e = strstr(svg, want)) == NULL)
		return -1;
	for (const char *s = svg; (s = strstr(s, "<text x=\"")) && s < e; s++)
		t = s;
	return t ? strtol(t + 9, NULL, 10) : -1;
}

START_TEST(test_text_width)
{
	ck_assert_int_eq(cf_svg_text_width("C06", 10), 18);	/* 0.6 em */
	ck_assert_int_eq(cf_svg_text_width("审核与审批", 12), 60); /* 1 em */
	ck_assert_int_eq(cf_svg_text_width("C06 审核", 10), 44);
	ck_assert_int_eq(cf_svg_text_width("", 12), 0);
}
END_TEST

START_TEST(test_bars)
{
	struct cf_point p[] = { PT("C1 按时办结", 97, 100),
		PT("A&B <x> \"q\"", 1, 2), PT("C3", 0, 0), PT("C4", 7, 7) };
	struct cf_buf a = CF_BUF_INIT, b = CF_BUF_INIT;
	struct walk wk;

	cf_svg_bars(&a, "Conformity per check 各项符合率", p, 4);
	assert_well_formed(&a);
	check_chart(&a, &wk);
	ck_assert(strstr(a.s, "C1 按时办结"));
	ck_assert(strstr(a.s, "A&amp;B &lt;x&gt; &quot;q&quot;"));
	ck_assert(strstr(a.s, "width=\"150\"")); /* 1/2 of 300 */
	ck_assert(strstr(a.s, "width=\"291\"")); /* 97 % of 300 */
	ck_assert(strstr(wk.all.s, "无数据 no data"));
	ck_assert(
	    strstr(a.s, "<title>Conformity per check 各项符合率</title>"));
	/* printed values, one per bar, and the axis from 0 % */
	ck_assert_int_eq(wk.values, 4);
	ck_assert(strstr(wk.all.s, "\n97.0 %\n"));
	ck_assert(strstr(wk.all.s, "\n50.0 %\n"));
	ck_assert(strstr(wk.all.s, "\n0 %\n25 %\n50 %\n75 %\n100 %\n"));
	/* no target: neutral, never red, said in the legend; no target mark */
	ck_assert_ptr_null(strstr(a.s, "#c62828"));
	ck_assert(strstr(wk.all.s, "无目标 no target"));
	ck_assert_int_eq(wk.targets, 0);
	cf_svg_bars(&b, "Conformity per check 各项符合率", p, 4);
	ck_assert_str_eq(a.s, b.s);
	cf_buf_release(&a);
	cf_buf_release(&b);
	cf_buf_release(&wk.all);
}
END_TEST

/* Rates with a target: coloured by it, the target drawn and printed. */
START_TEST(test_bars_target)
{
	struct cf_point p[] = {
		{ .label = "K01 按时办结率不低于95%", .num = 4805, .den = 4831,
		    .has_min = true, .min_num = 95, .min_den = 100 },
		{ .label = "K02 即办件比例不低于30%", .num = 4, .den = 16,
		    .has_min = true, .min_num = 30, .min_den = 100 },
		PT("C01", 99, 100),
	};
	struct cf_buf a = CF_BUF_INIT;
	struct walk wk;
	const char *k02;

	cf_svg_bars(&a, "Conformity per check", p, 3);
	check_chart(&a, &wk);
	ck_assert_int_eq(wk.targets, 2);
	ck_assert(strstr(wk.all.s, "\n99.5 %（目标 ≥ 95.0 %）\n"));
	ck_assert(strstr(wk.all.s, "\n25.0 %（目标 ≥ 30.0 %）\n"));
	ck_assert(strstr(wk.all.s, "\n99.0 %\n"));
	/* 99.5 % meets 95 %: green; 25 % is below 30 %: red; C01 neutral */
	k02 = strstr(a.s, "K02");
	ck_assert_ptr_nonnull(k02);
	ck_assert(strstr(a.s, "fill=\"#2e7d32\"/>\n<line class=\"target\" "
			      "x1=\"") != NULL);
	ck_assert(strstr(k02, "fill=\"#c62828\""));
	ck_assert(strstr(wk.all.s, "达到目标 meets target"));
	ck_assert(strstr(wk.all.s, "低于目标 below target"));
	ck_assert(strstr(wk.all.s, "无目标 no target"));
	ck_assert(strstr(wk.all.s, "目标 target (min)"));
	/* the target's x: 95 % of the axis from 0 % (the bars' left edge)
	 * to 100 % */
	{
		const char *r = strstr(a.s, "<rect x=\"");
		long left = strtol(r + 9, NULL, 10);
		long right = text_x(a.s, "100 %");
		char want[64];
		ck_assert_int_eq(text_x(a.s, "0 %"), left);
		snprintf(want, sizeof want, "class=\"target\" x1=\"%ld\"",
		    left + (2 * (right - left) * 95 + 100) / 200);
		ck_assert_msg(strstr(a.s, want), "%s", want);
	}
	cf_buf_release(&a);
	cf_buf_release(&wk.all);
}
END_TEST

/* The longest label sizes the margin: "C06" keeps its "C"; a label too
 * long is cut with "…" and kept whole in a <title>. */
START_TEST(test_bars_labels)
{
	struct cf_point p[] = {
		PT("C06 审核与审批（登簿）岗位分离", 99, 100),
		PT("C99 一个非常非常非常非常非常非常非常非常非常非常非常长的检查项"
		   "标题",
		    1, 2),
		PT("W01", 3, 4),
	};
	struct cf_buf a = CF_BUF_INIT;
	struct walk wk;

	cf_svg_bars(&a,
	    "各窗口办件符合率 Conformity of case checks per window, a "
	    "title long enough to need two lines in the box",
	    p, 3);
	check_chart(&a, &wk);
	ck_assert(strstr(wk.all.s, "\nC06 审核与审批（登簿）岗位分离\n"));
	ck_assert(strstr(wk.all.s, "…\n"));
	ck_assert(strstr(a.s, "<title>C99 一个非常非常非常非常非常非常非常非常"
			      "非常非常非常长的检查项标题</title>"));
	cf_buf_release(&a);
	cf_buf_release(&wk.all);
}
END_TEST

START_TEST(test_counts)
{
	struct cf_point p[] = { PT("S01 民政免费事项网上办件不得收费", 2, 1),
		PT("S02 一次性告知：同一办件多次补正", 29, 1),
		PT("S03 none", 0, 1), PT("S04 in error", 0, 0) };
	struct cf_buf a = CF_BUF_INIT;
	struct walk wk;

	cf_svg_counts(&a, "Failing subjects per sql check", p, 4,
	    "个对象 subjects");
	check_chart(&a, &wk);
	ck_assert(strstr(wk.all.s, "\n29 个对象 subjects\n"));
	ck_assert(strstr(wk.all.s, "\n0 个对象 subjects\n"));
	ck_assert(strstr(wk.all.s, "\n无数据 no data\n"));
	ck_assert_ptr_null(strstr(wk.all.s, "%")); /* never a conformity */
	ck_assert_int_eq(wk.values, 4);
	/* the axis runs to 50, and the bar of 29 to 29/50 of it */
	ck_assert(strstr(wk.all.s, "\n0\n25\n50\n"));
	{
		long l = text_x(a.s, "0"), r = text_x(a.s, "50");
		char want[32];
		snprintf(want, sizeof want, "width=\"%ld\"",
		    (2 * (r - l) * 29 + 50) / 100);
		ck_assert_msg(strstr(a.s, want), "%s", want);
	}
	cf_buf_release(&a);
	cf_buf_release(&wk.all);
}
END_TEST

START_TEST(test_trend)
{
	struct cf_point p[] = {
		{ .label = "2026-01", .num = 90, .den = 100, .has_min = true,
		    .min_num = 95, .min_den = 100 },
		{ .label = "2026-02", .num = 0, .den = 0, .has_min = true,
		    .min_num = 95, .min_den = 100 },
		{ .label = "2026-03", .num = 995, .den = 1000, .has_min = true,
		    .min_num = 95, .min_den = 100 } };
	struct cf_buf a = CF_BUF_INIT;
	struct walk wk;

	cf_svg_trend(&a,
	    "按月按时办结率 On-time rate per month (check C01 办件在承诺时限"
	    "内办结, by month of acceptance)",
	    p, 3);
	assert_well_formed(&a);
	check_chart(&a, &wk);
	ck_assert(strstr(wk.all.s, "\n90.0 %\n"));
	ck_assert(strstr(wk.all.s, "\n99.5 %\n"));
	ck_assert(strstr(wk.all.s, "\n无数据\n")); /* February: not 0 % */
	ck_assert(strstr(wk.all.s, "2026-02"));
	ck_assert_int_eq(wk.targets, 2); /* the months with data */
	ck_assert(strstr(wk.all.s, "目标 target ≥ 95.0 %"));
	ck_assert(strstr(a.s, "#c62828")); /* 90 % is below 95 % */
	ck_assert(strstr(a.s, "height=\"144\"")); /* 90 % of 160 */
	ck_assert(strstr(wk.all.s, "\n0 %\n"));
	cf_buf_release(&a);
	cf_buf_release(&wk.all);
	cf_svg_trend(&a, "empty", NULL, 0);
	assert_well_formed(&a);
	check_chart(&a, &wk);
	cf_buf_release(&a);
	cf_buf_release(&wk.all);
}
END_TEST

/* The measured rates the audit printed in its results' details. */
START_TEST(test_parse_rate)
{
	int64_t a = -1, b = -1;

	ck_assert_int_eq(cf_ra_parse_rate("on-time-rate",
			     "on time 4805 of 4831 (99.5 %), minimum 95 %", &a,
			     &b),
	    0);
	ck_assert(a == 4805 && b == 4831);
	ck_assert_int_eq(cf_ra_parse_rate("on-the-spot-ratio",
			     "5 of 16 procedures on the spot, minimum 0.30", &a,
			     &b),
	    0);
	ck_assert(a == 5 && b == 16);
	ck_assert_int_eq(cf_ra_parse_rate("limit-compression",
			     "compression 0.66 (Σ committed 80 / Σ statutory "
			     "235), minimum 0.40",
			     &a, &b),
	    0);
	ck_assert(a == 155 && b == 235);
	ck_assert_int_eq(
	    cf_ra_parse_rate("on-time-rate", "no case judged", &a, &b), -1);
	ck_assert_int_eq(cf_ra_parse_rate("sql", "x", &a, &b), -1);
	ck_assert(cf_ra_is_rate("limit-compression") && !cf_ra_is_rate("sql"));
}
END_TEST

Suite *
svg_suite(void)
{
	Suite *s = suite_create("svg");
	TCase *tc = tcase_create("charts");

	tcase_add_test(tc, test_rate_text);
	tcase_add_test(tc, test_text_width);
	tcase_add_test(tc, test_bars);
	tcase_add_test(tc, test_bars_target);
	tcase_add_test(tc, test_bars_labels);
	tcase_add_test(tc, test_counts);
	tcase_add_test(tc, test_trend);
	tcase_add_test(tc, test_parse_rate);
	suite_add_tcase(s, tc);
	return s;
}
