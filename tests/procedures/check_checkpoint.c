/* SPDX-License-Identifier: MIT */
/*
 * check_checkpoint.c - parsing what the checkpoint ref holds
 * (procedures/checkpoint.c): the message conform writes parses back to
 * the same head; every line of a hostile message is refused with the
 * line it is on; SEQ:HASH of trail verify --head.
 */
#include "conform.h"
#include "check_suites.h"
#include "checkpoint.h"

#include <stdlib.h>
#include <string.h>

#define H64 "3f1c2a9b0d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8"
#define C40 "9a0b1c2d3e4f5061728394a5b6c7d8e9f0a1b2c3"

START_TEST(test_round_trip)
{
	struct cf_checkpoint c = { 0 };
	char *m = cf_checkpoint_message(214, H64, C40, 1796592600);

	ck_assert_str_eq(m, "conform trail checkpoint\n\nseq: 214\nhash: " H64
			    "\nmain: " C40 "\nat: 2026-12-06T21:30:00Z\n");
	ck_assert_int_eq(cf_checkpoint_parse_message(m, &c), 0);
	ck_assert_int_eq(c.seq, 214);
	ck_assert_str_eq(c.hash, H64);
	ck_assert_str_eq(c.main, C40);
	ck_assert_int_eq(c.at, 1796592600);
	free(m);
	m = cf_checkpoint_message(0, H64, C40, 0);
	ck_assert_int_eq(cf_checkpoint_parse_message(m, &c), 0);
	ck_assert_int_eq(c.seq, 0);
	ck_assert_int_eq(c.at, 0);
	free(m);
}
END_TEST

static void
refused(const char *msg, const char *why)
{
	struct cf_checkpoint c = { 0 };

	ck_assert_int_eq(cf_checkpoint_parse_message(msg, &c), CF_EINVALID);
	ck_assert_msg(strstr(cf_error_message(), why) != NULL,
	    "'%s' lacks '%s'", cf_error_message(), why);
}

START_TEST(test_hostile)
{
	const char *ok = "conform trail checkpoint\n\nseq: 7\nhash: " H64
			 "\nmain: " C40 "\nat: 2026-12-06T21:30:00Z\n";

	refused("", "line 1: expected 'conform trail checkpoint'");
	refused("conform trail checkpoint", "line 1:");
	refused("conform trail checkpoint!\n\n", "line 1:");
	refused("conform trail checkpoint\nx\n", "line 2: expected an empty line");
	refused("conform trail checkpoint\n\nseq: -7\n", "line 3:");
	refused("conform trail checkpoint\n\nseq: 07\n", "line 3:");
	refused("conform trail checkpoint\n\nseq: 7 \n", "line 3:");
	refused("conform trail checkpoint\n\nseq: 1234567890123456789\n",
	    "line 3:");
	refused("conform trail checkpoint\n\nseq: 7\nhash: " H64 "0\n",
	    "line 4: expected 'hash: ' and 64 lower-case hex digits");
	refused("conform trail checkpoint\n\nseq: 7\nhash: "
		"3F1C2A9B0D4E5F60718293A4B5C6D7E8F90A1B2C3D4E5F60718293A4B5C6D7E8\n",
	    "line 4:");
	refused("conform trail checkpoint\n\nseq: 7\nhash: " H64
		"\nmain: 9a0b\n",
	    "line 5:");
	refused("conform trail checkpoint\n\nseq: 7\nhash: " H64 "\nmain: " C40
		"\nat: 2026-12-06 21:30:00Z\n",
	    "line 6: expected 'at: ' and a UTC time");
	refused("conform trail checkpoint\n\nseq: 7\nhash: " H64 "\nmain: " C40
		"\nat: 2026-12-06T24:00:00Z\n",
	    "line 6:");
	refused("conform trail checkpoint\n\nseq: 7\nhash: " H64 "\nmain: " C40
		"\nat: 2026-12-06T21:30:00Z",
	    "line 6:");
	char *more = cf_xasprintf("%sseq: 8\n", ok);
	refused(more, "line 7: expected the end of the message");
	free(more);
	char nul[256];
	size_t n = strlen(ok);
	memcpy(nul, ok, n + 1);
	nul[30] = '\0'; /* cut inside: git keeps a NUL out of messages */
	refused(nul, "line 3:");
}
END_TEST

START_TEST(test_head)
{
	char hash[CF_SHA256_HEX];
	int64_t seq;

	ck_assert_int_eq(cf_checkpoint_parse_head("52:" H64, &seq, hash), 0);
	ck_assert_int_eq(seq, 52);
	ck_assert_str_eq(hash, H64);
	ck_assert_int_eq(cf_checkpoint_parse_head("52", &seq, hash), CF_EUSAGE);
	ck_assert_int_eq(cf_checkpoint_parse_head(":" H64, &seq, hash),
	    CF_EUSAGE);
	ck_assert_int_eq(cf_checkpoint_parse_head("52:" H64 "0", &seq, hash),
	    CF_EUSAGE);
	ck_assert_int_eq(cf_checkpoint_parse_head("-1:" H64, &seq, hash),
	    CF_EUSAGE);
	ck_assert(strstr(cf_error_message(), "expected SEQ:HASH") != NULL);
}
END_TEST

Suite *
checkpoint_suite(void)
{
	Suite *s = suite_create("checkpoint");
	TCase *t = tcase_create("parse");

	tcase_add_test(t, test_round_trip);
	tcase_add_test(t, test_hostile);
	tcase_add_test(t, test_head);
	suite_add_tcase(s, t);
	return s;
}
