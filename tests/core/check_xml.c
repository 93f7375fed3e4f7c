/* SPDX-License-Identifier: MIT */
/*
 * check_xml.c - the safe XML loader (core/xml.c): DOCTYPE refusal
 * (XXE, billion laughs, external DTD, parameter entities), size limit,
 * malformed input with line numbers, and schema errors with lines.
 */
#include "conform.h"
#include "check_suites.h"
#include "check_util.h"
#include "paths.h"
#include "xml.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

static void
assert_refused(const char *fixture)
{
	struct cf_diags d = CF_DIAGS_INIT;
	xmlDoc *doc = (void *)1;
	clock_t t0 = clock();

	ck_assert_int_eq(cf_xml_parse_file(&doc, testdata(fixture), fixture,
			     &d),
	    CF_EINVALID);
	ck_assert_ptr_null(doc);
	/* Refused at the DOCTYPE: well under a second of CPU. */
	ck_assert_int_lt((double)(clock() - t0) / CLOCKS_PER_SEC, 1.0);
	ck_assert_uint_ge(d.n, 1);
	ck_assert_msg(strstr(d.v[0].msg, "DOCTYPE not allowed"), "%s",
	    d.v[0].msg);
	ck_assert_int_eq(d.v[0].line, 2);
	for (size_t i = 0; i < d.n; i++)
		ck_assert_ptr_null(strstr(d.v[i].msg, "root:"));
	cf_diags_release(&d);
}

START_TEST(test_xxe_refused)
{
	assert_refused("attacks/xxe.xml");
}
END_TEST

START_TEST(test_billion_laughs_refused)
{
	assert_refused("attacks/billion-laughs.xml");
}
END_TEST

START_TEST(test_external_dtd_refused)
{
	assert_refused("attacks/external-dtd.xml");
}
END_TEST

START_TEST(test_parameter_entity_refused)
{
	assert_refused("attacks/parameter-entity.xml");
}
END_TEST

START_TEST(test_too_large)
{
	struct cf_diags d = CF_DIAGS_INIT;
	size_t n = CF_XML_MAX_BYTES + 1;
	char *big = cf_xmalloc(n);
	xmlDoc *doc;

	memset(big, ' ', n);
	memcpy(big, "<a>", 3);
	ck_assert_int_eq(cf_xml_parse(&doc, big, n, "big.xml", &d),
	    CF_EINVALID);
	ck_assert(strstr(d.v[0].msg, "too large"));
	free(big);
	cf_diags_release(&d);
}
END_TEST

START_TEST(test_malformed_has_line)
{
	struct cf_diags d = CF_DIAGS_INIT;
	const char *s =
	    "<procedure>\n  <title>x</title>\n  <steps>\n</procedure>\n";
	xmlDoc *doc;

	ck_assert_int_eq(cf_xml_parse(&doc, s, strlen(s), "m.xml", &d),
	    CF_EINVALID);
	ck_assert_uint_ge(d.n, 1);
	ck_assert_str_eq(d.v[0].file, "m.xml");
	ck_assert_int_eq(d.v[0].line, 4);
	ck_assert(
	    strstr(d.v[0].msg, "mismatch") || strstr(d.v[0].msg, "steps"));
	cf_diags_release(&d);
}
END_TEST

START_TEST(test_empty_and_binary)
{
	struct cf_diags d = CF_DIAGS_INIT;
	xmlDoc *doc;

	ck_assert_int_eq(cf_xml_parse(&doc, "", 0, "e.xml", &d), CF_EINVALID);
	ck_assert_int_eq(cf_xml_parse(&doc, "\xff\xfe\x00x", 4, "b.xml", &d),
	    CF_EINVALID);
	ck_assert_uint_ge(d.n, 2);
	cf_diags_release(&d);
}
END_TEST

START_TEST(test_schema_errors_have_lines)
{
	struct cf_diags d = CF_DIAGS_INIT;
	struct cf_schema *s;
	char *path = cf_data_path(CF_DATA_SCHEMAS, "calendar.rng");
	const char *x = "<calendar id=\"CN-2026\">\n"
			"  <holiday from=\"2026-01-01\" to=\"2026-01-03\"/>\n"
			"  <workday/>\n"
			"</calendar>\n";
	xmlDoc *doc;

	ck_assert_int_eq(cf_schema_load(&s, path), 0);
	ck_assert_int_eq(cf_xml_parse(&doc, x, strlen(x), "c.xml", &d), 0);
	ck_assert_int_eq(cf_schema_validate(s, doc, "c.xml", &d), CF_EINVALID);
	ck_assert_uint_ge(d.n, 1);
	ck_assert_int_eq(d.v[0].line, 3);
	xmlFreeDoc(doc);
	cf_schema_free(s);
	free(path);
	cf_diags_release(&d);
}
END_TEST

START_TEST(test_schema_missing)
{
	struct cf_schema *s;

	ck_assert_int_eq(cf_schema_load(&s, "/nonexistent/x.rng"), CF_ERROR);
	ck_assert(strstr(cf_error_message(), "not found"));
}
END_TEST

Suite *
xml_suite(void)
{
	Suite *s = suite_create("xml");
	TCase *tc = tcase_create("safe-loader");

	tcase_add_test(tc, test_xxe_refused);
	tcase_add_test(tc, test_billion_laughs_refused);
	tcase_add_test(tc, test_external_dtd_refused);
	tcase_add_test(tc, test_parameter_entity_refused);
	tcase_add_test(tc, test_too_large);
	tcase_add_test(tc, test_malformed_has_line);
	tcase_add_test(tc, test_empty_and_binary);
	tcase_add_test(tc, test_schema_errors_have_lines);
	tcase_add_test(tc, test_schema_missing);
	suite_add_tcase(s, tc);
	return s;
}
