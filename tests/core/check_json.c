/* SPDX-License-Identifier: MIT */
/*
 * check_json.c - canonical JSON (core/json.c), whose bytes the trail
 * hashes: every string escaped the one way (quotes, backslashes, every
 * control character, non-ASCII kept as it is), numbers to the ends of
 * int64, members sorted bytewise whatever the order they came in, a key
 * given twice holding its last value, null, booleans, raw members.
 */
#include "conform.h"
#include "check_suites.h"
#include "json.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* `s` as a JSON string literal (static buffer). */
static const char *
lit(const char *s)
{
	static char out[1024];
	struct cf_buf b = CF_BUF_INIT;

	cf_json_string(&b, s);
	ck_assert_uint_lt(b.len, sizeof out);
	memcpy(out, b.s, b.len + 1);
	cf_buf_release(&b);
	return out;
}

START_TEST(test_string_escapes)
{
	ck_assert_str_eq(lit(""), "\"\"");
	ck_assert_str_eq(lit("say \"hi\""), "\"say \\\"hi\\\"\"");
	ck_assert_str_eq(lit("C:\\dir\\"), "\"C:\\\\dir\\\\\"");
	ck_assert_str_eq(lit("a\nb\rc\td"), "\"a\\nb\\rc\\td\"");
	/* The other control characters as \u00XX, lower-case hex. */
	ck_assert_str_eq(lit("\x01\x08\x0b\x0c\x1f"),
	    "\"\\u0001\\u0008\\u000b\\u000c\\u001f\"");
	/* Printable ASCII, DEL and '/' need no escape. */
	ck_assert_str_eq(lit(" ~/\x7f"), "\" ~/\x7f\"");
	/* Non-ASCII is kept byte for byte, never \u-escaped. */
	ck_assert_str_eq(lit("企业设立登记 — “引号” 😀"),
	    "\"企业设立登记 — “引号” 😀\"");
}
END_TEST

/* Every byte below 0x20 comes out escaped, and nothing raw is left. */
START_TEST(test_every_control_byte)
{
	char in[2] = { 0, 0 };

	for (int c = 1; c < 0x20; c++) {
		struct cf_buf b = CF_BUF_INIT;
		in[0] = (char)c;
		cf_json_string(&b, in);
		for (size_t i = 0; i < b.len; i++)
			ck_assert_msg((unsigned char)b.s[i] >= 0x20,
			    "byte 0x%02x left raw", c);
		ck_assert_uint_ge(b.len, 4); /* "\n" at least */
		ck_assert_int_eq(b.s[1], '\\');
		cf_buf_release(&b);
	}
}
END_TEST

START_TEST(test_object_canonical)
{
	struct cf_json *j = cf_json_new(), *k = cf_json_new();
	char *a, *b;

	/* The same members in two orders: the same bytes. */
	cf_json_str(j, "subject", "NCR-0001");
	cf_json_int(j, "count", 3);
	cf_json_bool(j, "late", 1);
	cf_json_str(j, "Zone", NULL);
	cf_json_raw(j, "ids", "[1,2]");
	cf_json_str(j, "标题", "窗口");
	cf_json_raw(k, "ids", "[1,2]");
	cf_json_str(k, "标题", "窗口");
	cf_json_str(k, "Zone", NULL);
	cf_json_bool(k, "late", 1);
	cf_json_int(k, "count", 3);
	cf_json_str(k, "subject", "NCR-0001");
	a = cf_json_text(j);
	b = cf_json_text(k);
	/* Sorted as bytes: upper case first, UTF-8 last; no blanks. */
	ck_assert_str_eq(a,
	    "{\"Zone\":null,\"count\":3,\"ids\":[1,2],\"late\":true,"
	    "\"subject\":\"NCR-0001\",\"标题\":\"窗口\"}");
	ck_assert_str_eq(a, b);
	free(a);
	free(b);
	cf_json_free(j);
	cf_json_free(k);
}
END_TEST

START_TEST(test_replace_and_empty)
{
	struct cf_json *j = cf_json_new();
	char *t;

	t = cf_json_text(j);
	ck_assert_str_eq(t, "{}");
	free(t);
	/* A key given again replaces its value: never a key twice. */
	cf_json_str(j, "state", "open");
	cf_json_bool(j, "ok", 0);
	cf_json_str(j, "state", "closed");
	cf_json_int(j, "ok", 7);
	t = cf_json_text(j);
	ck_assert_str_eq(t, "{\"ok\":7,\"state\":\"closed\"}");
	free(t);
	/* Keys are escaped as strings are. */
	cf_json_str(j, "a\"b\n", "x\ty");
	t = cf_json_text(j);
	ck_assert_str_eq(t,
	    "{\"a\\\"b\\n\":\"x\\ty\",\"ok\":7,\"state\":\"closed\"}");
	free(t);
	cf_json_free(j);
	cf_json_free(NULL);
}
END_TEST

START_TEST(test_numbers)
{
	struct cf_json *j = cf_json_new();
	char *t;

	cf_json_int(j, "a", 0);
	cf_json_int(j, "b", -1);
	cf_json_int(j, "c", INT64_MAX);
	cf_json_int(j, "d", INT64_MIN);
	cf_json_int(j, "e", 1775001600);
	t = cf_json_text(j);
	ck_assert_str_eq(t,
	    "{\"a\":0,\"b\":-1,\"c\":9223372036854775807,"
	    "\"d\":-9223372036854775808,\"e\":1775001600}");
	free(t);
	cf_json_free(j);
}
END_TEST

Suite *
json_suite(void)
{
	Suite *s = suite_create("json");
	TCase *tc = tcase_create("canonical");

	tcase_add_test(tc, test_string_escapes);
	tcase_add_test(tc, test_every_control_byte);
	tcase_add_test(tc, test_object_canonical);
	tcase_add_test(tc, test_replace_and_empty);
	tcase_add_test(tc, test_numbers);
	suite_add_tcase(s, tc);
	return s;
}
