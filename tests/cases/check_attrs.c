/* SPDX-License-Identifier: MIT */
/*
 * check_attrs.c - the extra attributes of cases and events
 * (cases/attrs.c): keys made unique however the log names them, a
 * million attributes in one event, a zeroed struct as good as
 * CF_ATTRS_INIT.  (Their JSON as stored is tested in check_import.c.)
 */
#include "conform.h"
#include "attrs.h"
#include "check_suites.h"

#include <stdio.h>
#include <string.h>

/*
 * A log may itself name a key "k[3]"; the third "k" became "k[3]" as
 * well, and a JSON object with a key twice loses one value.  And keys
 * were looked for in a list: an event of a million attributes took
 * hours; now a hash set (a second, with ASan): the tcase's timeout, not
 * a clock, tells.
 */
START_TEST(test_attrs_keys_unique)
{
	struct cf_attrs a = CF_ATTRS_INIT, z;

	cf_attrs_add(&a, "k[3]", 4, "given", 5);
	cf_attrs_add(&a, "k", 1, "1", 1);
	cf_attrs_add(&a, "k", 1, "2", 1);
	cf_attrs_add(&a, "k", 1, "3", 1);
	cf_attrs_add(&a, "k[2]", 4, "x", 1);
	ck_assert_str_eq(cf_attrs_json(&a),
	    "{\"k[3]\":\"given\",\"k\":\"1\",\"k[2]\":\"2\",\"k[4]\":\"3\","
	    "\"k[2][2]\":\"x\"}");
	cf_attrs_release(&a);
	/* A zeroed struct works as CF_ATTRS_INIT does (the readers'). */
	memset(&z, 0, sizeof z);
	for (int i = 0; i < 1000000; i++) {
		char k[16];
		int n = snprintf(k, sizeof k, "k%d", i % 500000);
		cf_attrs_add(&z, k, (size_t)n, "v", 1);
	}
	ck_assert(strstr(cf_attrs_json(&z), "\"k499999[2]\":\"v\"}"));
	cf_attrs_reset(&z);
	cf_attrs_add(&z, "k0", 2, "w", 1);
	ck_assert_str_eq(cf_attrs_json(&z), "{\"k0\":\"w\"}");
	cf_attrs_release(&z);
}
END_TEST

Suite *
attrs_suite(void)
{
	Suite *s = suite_create("attrs");
	TCase *tc = tcase_create("keys");

	/* (a million keys, under ASan and valgrind too) */
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_attrs_keys_unique);
	suite_add_tcase(s, tc);
	return s;
}
