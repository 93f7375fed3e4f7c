/* SPDX-License-Identifier: MIT */
/*
 * check_trail.c - the hash-chained trail (core/trail.c): an untouched
 * chain verifies; an edited, deleted, inserted, reordered or truncated
 * one is named at its first broken entry.
 */
#include "conform.h"
#include "check_suites.h"
#include "check_util.h"
#include "store.h"
#include "trail.h"

#include <stdio.h>
#include <string.h>

static struct cf_store *st;

static void
setup(void)
{
	tmp_setup();
	ck_assert_int_eq(cf_store_open(&st, tmp_path("t.db"), CF_STORE_CREATE),
	    0);
	ck_assert_int_eq(cf_store_begin(st), 0);
	for (int i = 1; i <= 5; i++) {
		char subj[16], data[64];
		int64_t seq;
		snprintf(subj, sizeof subj, "NCR-%04d", i);
		snprintf(data, sizeof data, "{\"state\":\"open\",\"n\":%d}", i);
		ck_assert_int_eq(cf_trail_append(st, 1772414100 + i, "张三",
				     "ncr.update", subj, data, &seq),
		    0);
		ck_assert_int_eq(seq, i);
	}
	ck_assert_int_eq(cf_store_commit(st), 0);
}

static void
teardown(void)
{
	cf_store_free(st);
	tmp_teardown();
}

static void
tamper(const char *sql)
{
	ck_assert_int_eq(cf_store_exec(st, sql), 0);
}

static void
assert_broken(const char *needle)
{
	int64_t n = -1;
	char head[CF_SHA256_HEX];

	ck_assert_int_eq(cf_trail_verify(st, &n, head), CF_EINVALID);
	ck_assert_msg(strstr(cf_error_message(), needle), "%s",
	    cf_error_message());
}

START_TEST(test_untouched_verifies)
{
	int64_t n = 0;
	char head[CF_SHA256_HEX];

	ck_assert_int_eq(cf_trail_verify(st, &n, head), 0);
	ck_assert_int_eq(n, 5);
	ck_assert_uint_eq(strlen(head), 64);
}
END_TEST

START_TEST(test_outside_transaction_refused)
{
	ck_assert_int_eq(cf_trail_append(st, 1, "a", "x", "y", "{}", NULL),
	    CF_ERROR);
}
END_TEST

START_TEST(test_edited)
{
	tamper("UPDATE trail SET data = '{\"state\":\"closed\",\"n\":3}' "
	       "WHERE seq = 3");
	assert_broken("trail entry 3 (");
	assert_broken("was edited");
	assert_broken("ncr.update NCR-0003");
}
END_TEST

START_TEST(test_edited_actor)
{
	tamper("UPDATE trail SET actor = '李四' WHERE seq = 2");
	assert_broken("trail entry 2 ");
}
END_TEST

START_TEST(test_deleted)
{
	tamper("DELETE FROM trail WHERE seq = 2");
	assert_broken("trail entry 2 ");
	assert_broken("deleted");
}
END_TEST

START_TEST(test_deleted_from_end)
{
	tamper("DELETE FROM trail WHERE seq >= 4");
	assert_broken("ends at entry 3 but entry 5 was written");
}
END_TEST

START_TEST(test_reordered)
{
	/* Swap the contents of 2 and 4, keeping each row's own hash. */
	tamper("UPDATE trail SET seq = -2 WHERE seq = 2;"
	       "UPDATE trail SET seq = 2 WHERE seq = 4;"
	       "UPDATE trail SET seq = 4 WHERE seq = -2;");
	assert_broken("trail entry 2 ");
	assert_broken("reordered");
}
END_TEST

START_TEST(test_inserted)
{
	/* A forged entry whose hash was computed correctly for itself but
	 * that does not follow its predecessor. */
	tamper("UPDATE trail SET seq = -seq WHERE seq >= 3;"
	       "UPDATE trail SET seq = 1 - seq WHERE seq < 0;"
	       "INSERT INTO trail SELECT 3, at, actor, what, 'NCR-9999', data, "
	       "prev, hash FROM trail WHERE seq = 2;");
	assert_broken("trail entry 3 ");
}
END_TEST

START_TEST(test_damaged_hash_text)
{
	char out[CF_SHA256_HEX];

	tamper("UPDATE trail SET hash = 'not-hex' WHERE seq = 5");
	assert_broken("trail entry 5 ");
	ck_assert_int_eq(cf_trail_entry_hash("zz", 1, 1, "a", "b", "c", "{}",
			     out),
	    CF_EINVALID);
	ck_assert_int_eq(cf_trail_entry_hash(cf_trail_zero_hash, 1, 1, "a", "b",
			     "c", "{}", out),
	    0);
}
END_TEST

/* cf_trail_has: by action and subject, both exactly. */
START_TEST(test_has)
{
	ck_assert_int_eq(cf_trail_has(st, "ncr.update", "NCR-0003"), 1);
	ck_assert_int_eq(cf_trail_has(st, "ncr.update", "NCR-0006"), 0);
	ck_assert_int_eq(cf_trail_has(st, "doc.commit", "NCR-0003"), 0);
	ck_assert_int_eq(cf_trail_has(st, "ncr.update", "ncr-0003"), 0);
	ck_assert_int_eq(cf_trail_has(st, "ncr.%", "NCR-0003"), 0);
}
END_TEST

Suite *
trail_suite(void)
{
	Suite *s = suite_create("trail");
	TCase *tc = tcase_create("chain");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_untouched_verifies);
	tcase_add_test(tc, test_outside_transaction_refused);
	tcase_add_test(tc, test_edited);
	tcase_add_test(tc, test_edited_actor);
	tcase_add_test(tc, test_deleted);
	tcase_add_test(tc, test_deleted_from_end);
	tcase_add_test(tc, test_reordered);
	tcase_add_test(tc, test_inserted);
	tcase_add_test(tc, test_damaged_hash_text);
	tcase_add_test(tc, test_has);
	suite_add_tcase(s, tc);
	return s;
}
