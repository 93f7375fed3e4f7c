/* SPDX-License-Identifier: MIT */
/*
 * check_svg.c - the SVG charts (reports/svg.c): well-formed XML (parsed
 * back with the safe loader), escaped labels, exact lengths from exact
 * rates, "no data" never drawn as 0 %, the same bytes every time.
 */
#include "conform.h"
#include "check_suites.h"
#include "svg.h"
#include "xml.h"

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

START_TEST(test_bars)
{
	struct cf_point p[] = { { "C1 按时办结", 97, 100 },
		{ "A&B <x> \"q\"", 1, 2 }, { "C3", 0, 0 }, { "C4", 7, 7 } };
	struct cf_buf a = CF_BUF_INIT, b = CF_BUF_INIT;

	cf_svg_bars(&a, "Conformity per check 各项符合率", p, 4);
	assert_well_formed(&a);
	ck_assert(strstr(a.s, "C1 按时办结"));
	ck_assert(strstr(a.s, "A&amp;B &lt;x&gt; &quot;q&quot;"));
	ck_assert(strstr(a.s, "width=\"180\"")); /* 1/2 of 360 */
	ck_assert(strstr(a.s, "width=\"349\"")); /* 97 % of 360 = 349.2 */
	ck_assert(strstr(a.s, "no data"));
	ck_assert(
	    strstr(a.s, "<title>Conformity per check 各项符合率</title>"));
	ck_assert(strstr(a.s, "#2e7d32")); /* 7 of 7 is drawn as full */
	cf_svg_bars(&b, "Conformity per check 各项符合率", p, 4);
	ck_assert_str_eq(a.s, b.s);
	cf_buf_release(&a);
	cf_buf_release(&b);
}
END_TEST

START_TEST(test_trend)
{
	struct cf_point p[] = { { "2026-01", 90, 100 }, { "2026-02", 0, 0 },
		{ "2026-03", 100, 100 } };
	struct cf_buf a = CF_BUF_INIT;

	cf_svg_trend(&a, "On-time rate per month", p, 3);
	assert_well_formed(&a);
	/* two points with data, none for February */
	const char *poly = strstr(a.s, "<polyline points=\"");
	ck_assert_ptr_nonnull(poly);
	ck_assert(strstr(poly, "64,44 160,28\"")); /* 90 %: 28+160-144 */
	ck_assert(strstr(a.s, "2026-02"));
	cf_buf_release(&a);
	cf_svg_trend(&a, "empty", NULL, 0);
	assert_well_formed(&a);
	ck_assert_ptr_null(strstr(a.s, "polyline"));
	cf_buf_release(&a);
}
END_TEST

Suite *
svg_suite(void)
{
	Suite *s = suite_create("svg");
	TCase *tc = tcase_create("charts");

	tcase_add_test(tc, test_rate_text);
	tcase_add_test(tc, test_bars);
	tcase_add_test(tc, test_trend);
	suite_add_tcase(s, tc);
	return s;
}
