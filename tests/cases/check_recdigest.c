/* SPDX-License-Identifier: MIT */
/*
 * check_recdigest.c - the row encoding and digests that bind records to
 * the trail (cases/recdigest.h, doc/integrity.md): NULL, '', 0 and '0'
 * encode differently; a statement's row encodes as the writers encode
 * the values they bind; a digest is SHA-256 of the row hashes in order;
 * the JSON spans the verifier reads the trail's data with; and a case's
 * received columns, part of its row only when recorded, so a case
 * stored before they existed hashes as it did.
 */
#include "conform.h"
#include "casedb.h"
#include "check_suites.h"
#include "check_util.h"
#include "json.h"
#include "recdigest.h"
#include "records.h"
#include "store-schema.h"
#include "store.h"
#include "trail.h"

#include <check.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

START_TEST(test_typed_values)
{
	struct cf_buf b = CF_BUF_INIT;

	cf_rec_null(&b);
	cf_rec_text(&b, "");
	cf_rec_int(&b, 0);
	cf_rec_text(&b, "0");
	cf_rec_text(&b, NULL);
	ck_assert_str_eq(b.s, "1:N,1:t,2:i0,2:t0,1:N,");
	cf_buf_reset(&b);
	cf_rec_int(&b, 42);
	cf_rec_text(&b, "42");
	cf_rec_int(&b, -7);
	cf_rec_int(&b, INT64_MIN);
	cf_rec_int(&b, INT64_MAX);
	cf_rec_text(&b, "0123456789");
	cf_rec_textn(&b, "a\0b", 3);
	ck_assert_int_eq(memcmp(b.s,
			     "3:i42,3:t42,3:i-7,21:i-9223372036854775808,"
			     "20:i9223372036854775807,11:t0123456789,4:ta\0b,",
			     b.len),
	    0);
	cf_buf_release(&b);
}
END_TEST

/* A SELECT's row encodes by storage class, as the primitives do. */
START_TEST(test_statement_row)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	struct cf_buf a = CF_BUF_INIT, b = CF_BUF_INIT;

	ck_assert_int_eq(sqlite3_open(":memory:", &db), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(db,
			     "SELECT NULL, '', 0, '0', -5, '中文', 1.5, "
			     "x'00ff'",
			     -1, &s, NULL),
	    SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(s), SQLITE_ROW);
	cf_rec_stmt(&a, s, 0, sqlite3_column_count(s));
	cf_rec_null(&b);
	cf_rec_text(&b, "");
	cf_rec_int(&b, 0);
	cf_rec_text(&b, "0");
	cf_rec_int(&b, -5);
	cf_rec_text(&b, "中文");
	cf_buf_adds(&b, "4:r1.5,3:b");
	cf_buf_add(&b, "\0\xff,", 3);
	ck_assert_uint_eq(a.len, b.len);
	ck_assert_int_eq(memcmp(a.s, b.s, a.len), 0);
	sqlite3_finalize(s);
	sqlite3_close(db);
	cf_buf_release(&a);
	cf_buf_release(&b);
}
END_TEST

static void
row_hash(const char *enc, uint8_t out[CF_SHA256_LEN])
{
	cf_sha256(enc, strlen(enc), out);
}

START_TEST(test_digest)
{
	struct cf_recdigest d;
	char hex[CF_SHA256_HEX], want[CF_SHA256_HEX];
	uint8_t h[2][CF_SHA256_LEN], all[CF_SHA256_LEN];

	/* No rows: SHA-256 of nothing. */
	cf_recdigest_init(&d);
	cf_recdigest_final(&d, hex);
	ck_assert_str_eq(hex,
	    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

	/* Two rows: SHA-256(hash1 || hash2), in that order. */
	row_hash("2:i1,1:N,", h[0]);
	row_hash("2:i2,1:t,", h[1]);
	cf_sha256(h, sizeof h, all);
	cf_hex(all, sizeof all, want);
	cf_recdigest_init(&d);
	cf_rec_int(&d.enc, 1);
	cf_rec_null(&d.enc);
	cf_recdigest_row(&d);
	cf_rec_int(&d.enc, 2);
	cf_rec_text(&d.enc, "");
	cf_recdigest_row(&d);
	ck_assert_int_eq(d.n, 2);
	cf_recdigest_final(&d, hex);
	ck_assert_str_eq(hex, want);

	/* The other order, or '' for NULL, is another digest. */
	cf_recdigest_init(&d);
	cf_recdigest_hash(&d, h[1]);
	cf_recdigest_hash(&d, h[0]);
	cf_recdigest_final(&d, hex);
	ck_assert_str_ne(hex, want);
	cf_recdigest_init(&d);
	cf_rec_int(&d.enc, 1);
	cf_rec_text(&d.enc, "");
	cf_recdigest_row(&d);
	cf_rec_int(&d.enc, 2);
	cf_rec_text(&d.enc, "");
	cf_recdigest_row(&d);
	cf_recdigest_final(&d, hex);
	ck_assert_str_ne(hex, want);

	/* An unfinished digest is released without a leak. */
	cf_recdigest_init(&d);
	cf_rec_int(&d.enc, 1);
	cf_recdigest_release(&d);
}
END_TEST

START_TEST(test_json_spans)
{
	const char *t = " {\"a\":{\"count\":3,\"digest\":\"ab\"},\"b\":[1,{\"x\":"
			"null}],\"s\":\"q\\\"\\u4e2d\\ud83d\\ude00\\n\"} ";
	struct cf_jspan all, m, c;
	int64_t n;
	char *s;

	ck_assert_int_eq(cf_json_span(t, strlen(t), &all), 0);
	ck_assert_int_eq(cf_json_get(all, "a", &m), 0);
	ck_assert_int_eq(cf_json_get(m, "count", &c), 0);
	ck_assert_int_eq(cf_json_get_int(c, &n), 0);
	ck_assert_int_eq(n, 3);
	ck_assert_int_eq(cf_json_get(m, "digest", &c), 0);
	s = cf_json_get_str(c);
	ck_assert_str_eq(s, "ab");
	free(s);
	ck_assert_ptr_null(cf_json_get_str(m));
	ck_assert_int_eq(cf_json_get(all, "s", &m), 0);
	s = cf_json_get_str(m);
	ck_assert_str_eq(s, "q\"中\xF0\x9F\x98\x80\n");
	free(s);
	ck_assert_int_eq(cf_json_get(all, "nope", &m), CF_ENOTFOUND);
	ck_assert_int_eq(cf_json_get(all, "b", &m), 0);
	ck_assert_int_eq(cf_json_get(m, "x", &c), CF_EINVALID); /* an array */
	/* Malformed text, cut text, too deep: refused. */
	static const char *const bad[] = { "{\"a\":}", "{\"a\":1", "{\"a\" 1}",
		"[1,]", "\"\\x\"", "{\"a\":tru}", "" };
	for (size_t i = 0; i < CF_ARRAY_LEN(bad); i++)
		ck_assert_int_eq(cf_json_span(bad[i], strlen(bad[i]), &m),
		    CF_EINVALID);
	char deep[200];
	memset(deep, '[', sizeof deep);
	ck_assert_int_eq(cf_json_span(deep, sizeof deep, &m), CF_EINVALID);
	cf_error_clear();
}
END_TEST

static void
count_line(const char *problem, void *arg)
{
	(void)problem;
	(*(int *)arg)++;
}

static void
add_batch(struct cf_store *st, const char *sha, bool entry)
{
	struct cf_casedb *db;
	struct cf_batchrow b;

	memset(&b, 0, sizeof b);
	b.file = "old.csv";
	b.sha256 = sha;
	b.format = "cases-csv";
	b.seq_first = b.seq_end = 1;
	b.timezone = "Asia/Shanghai";
	ck_assert_int_eq(cf_casedb_open(&db, st), 0);
	ck_assert_int_eq(cf_casedb_batch_insert(db, &b), 0);
	cf_casedb_free(db);
	/* the entry as conform wrote it before records were bound */
	if (entry)
		ck_assert_int_eq(cf_trail_append(st, 1772414100, "张三",
				     "import.batch", sha,
				     "{\"batch\":1,\"rows\":0}", NULL),
		    0);
}

/* An entry from before binding is counted, not passed, not a problem;
 * a batch with no entry at all is one. */
START_TEST(test_not_bound)
{
	struct cf_store *st;
	struct cf_records_summary sum;
	char sha[65];
	int lines = 0;

	tmp_setup();
	ck_assert_int_eq(cf_store_open(&st, tmp_path("r.db"), CF_STORE_CREATE),
	    0);
	ck_assert_int_eq(cf_store_begin(st), 0);
	memset(sha, 'a', 64);
	sha[64] = '\0';
	add_batch(st, sha, true);
	ck_assert_int_eq(cf_store_commit(st), 0);
	ck_assert_int_eq(cf_records_verify(st, count_line, &lines, &sum), 0);
	ck_assert_int_eq(lines, 0);
	ck_assert_int_eq(sum.not_bound, 1);
	ck_assert_int_eq(sum.batches, 0);
	ck_assert_int_eq(sum.entries, 1);
	ck_assert_int_eq(sum.head_seq, 1);

	ck_assert_int_eq(cf_store_begin(st), 0);
	memset(sha, 'b', 64);
	add_batch(st, sha, false);
	ck_assert_int_eq(cf_store_commit(st), 0);
	ck_assert_int_eq(cf_records_verify(st, count_line, &lines, &sum),
	    CF_EINVALID);
	ck_assert_int_eq(lines, 1);
	ck_assert_int_eq(sum.problems, 1);
	cf_error_clear();
	cf_store_free(st);
	tmp_teardown();
}
END_TEST

/*
 * A case without a receipt as the import encodes it, and as a store of
 * schema 12 (before receipts) holding the same row hashes it once
 * migrated: exactly the 22 columns it had then, so the digests old
 * trails hold still match.  A receipt adds its four columns, and the
 * writer and the verifier agree on them.
 */
static const char old_case[] =
    "4:tC-1,4:tP-1,11:i1772414100,2:i0,6:i28800,11:i1772442900,6:i20514,"
    "1:N,1:N,1:N,1:N,1:N,1:N,1:N,3:tW1,1:N,1:N,2:i1,2:i2,2:i1,2:i2,1:N,";
static const char received_tail[] =
    "11:i1772410500,2:i5,6:i28800,11:i1772439300,";

static void
keep_hash(int64_t batch, int64_t order, const uint8_t hash[CF_SHA256_LEN],
    void *arg)
{
	uint8_t(*out)[CF_SHA256_LEN] = arg;

	ck_assert_int_eq(batch, 1);
	ck_assert_int_ge(order, 2);
	ck_assert_int_le(order, 3);
	memcpy(out[order - 2], hash, CF_SHA256_LEN);
}

START_TEST(test_case_received)
{
	struct cf_caserow c;
	struct cf_buf b = CF_BUF_INIT, want = CF_BUF_INIT;
	struct cf_store *st;
	struct cf_casedb *db;
	sqlite3 *raw;
	uint8_t got[2][CF_SHA256_LEN], h[CF_SHA256_LEN];
	bool inserted;

	memset(&c, 0, sizeof c);
	c.id = "C-1";
	c.procedure = "P-1";
	c.accepted.sec = 1772414100;
	c.accepted.off_sec = 28800;
	c.accepted.has_off = true;
	c.accepted_wall = 1772442900;
	c.accepted_day = 20514;
	c.window = "W1";
	c.batch = c.wrote_batch = 1;
	c.line = c.wrote_line = 2;
	cf_casedb_case_encode(&c, &b);
	ck_assert_str_eq(b.s, old_case);

	/* A store of schema 12 with that case, then migrated. */
	tmp_setup();
	ck_assert_int_eq(sqlite3_open(tmp_path("v12.db"), &raw), SQLITE_OK);
	for (size_t i = 0; i < 12; i++)
		ck_assert_msg(sqlite3_exec(raw, cf_store_schema_step(i), NULL,
				  NULL, NULL) == SQLITE_OK,
		    "step %zu: %s", i + 1, sqlite3_errmsg(raw));
	ck_assert_int_eq(sqlite3_exec(raw,
			     "INSERT INTO import_batch VALUES (1, 'a.csv', "
			     "  printf('%064d', 1), 10, 'cases-csv', 2, 0, 0, 2,"
			     "  0, 0, 0, 1, 1, 0, 'Asia/Shanghai', NULL, NULL);"
			     "INSERT INTO case_rec VALUES ('C-1', 'P-1',"
			     "  1772414100, 0, 28800, 1772442900, 20514, NULL,"
			     "  NULL, NULL, NULL, NULL, NULL, NULL, 'W1', NULL,"
			     "  NULL, 1, 2, 1, 2, NULL);"
			     "PRAGMA user_version = 12;",
			     NULL, NULL, NULL),
	    SQLITE_OK);
	sqlite3_close(raw);
	ck_assert_int_eq(cf_store_open(&st, tmp_path("v12.db"), 0), 0);
	memset(got, 0, sizeof got);
	ck_assert_int_eq(cf_cases_write_hashes(st, keep_hash, got), 0);
	cf_sha256(old_case, strlen(old_case), h);
	ck_assert_int_eq(memcmp(got[0], h, sizeof h), 0);

	/* A case with a receipt: its four columns follow. */
	c.id = "C-2";
	c.line = c.wrote_line = 3;
	c.received = true;
	c.received_at.sec = 1772410500;
	c.received_at.nsec = 5;
	c.received_at.off_sec = 28800;
	c.received_at.has_off = true;
	c.received_wall = 1772439300;
	cf_buf_reset(&b);
	cf_casedb_case_encode(&c, &b);
	cf_buf_adds(&want, old_case);
	want.s[5] = '2'; /* C-2 */
	memcpy(strstr(want.s, ",2:i1,2:i2,2:i1,2:i2,"),
	    ",2:i1,2:i3,2:i1,2:i3,", 21);
	cf_buf_adds(&want, received_tail);
	ck_assert_str_eq(b.s, want.s);
	ck_assert_int_eq(cf_casedb_open(&db, st), 0);
	ck_assert_int_eq(cf_store_begin(st), 0);
	ck_assert_int_eq(cf_casedb_case_insert(db, &c, &inserted), 0);
	ck_assert(inserted);
	ck_assert_int_eq(cf_store_commit(st), 0);
	cf_casedb_free(db);
	ck_assert_int_eq(cf_cases_write_hashes(st, keep_hash, got), 0);
	cf_sha256(b.s, b.len, h);
	ck_assert_int_eq(memcmp(got[1], h, sizeof h), 0);
	cf_sha256(old_case, strlen(old_case), h);
	ck_assert_int_eq(memcmp(got[0], h, sizeof h), 0);
	cf_store_free(st);
	cf_buf_release(&b);
	cf_buf_release(&want);
	tmp_teardown();
}
END_TEST

/* Evaluation writes by (wrote_batch, wrote_line): the second insert
 * (batch 2 line 3) into h[1], the refill (batch 3 line 5) into h[2],
 * the state it replaced (eval_hist, batch 2 line 2) into h[3]. */
struct evhashes {
	uint8_t h[4][CF_SHA256_LEN];
	int n;
};

static void
keep_eval_hash(int64_t batch, int64_t order, const uint8_t hash[CF_SHA256_LEN],
    void *arg)
{
	struct evhashes *e = arg;
	int k = batch == 3 ? 2 : order == 3 ? 1 : 3;

	ck_assert(batch == 2 || (batch == 3 && order == 5));
	memcpy(e->h[k], hash, CF_SHA256_LEN);
	e->n++;
}

/*
 * An evaluation's row as the import encodes it (doc/integrity.md) is
 * the row `trail verify` reads back: every column of eval_rec in schema
 * order, the channel '' when not recorded; a refill's row is its
 * RETURNING, and the state it replaced is kept in eval_hist unchanged.
 */
START_TEST(test_eval_rows)
{
	static const char want[] =
	    "4:tC-1,11:i1772589600,2:i5,7:tonline,6:i28800,11:i1772618400,"
	    "2:i2,2:i1,1:N,1:N,1:N,1:N,1:N,1:N,1:N,1:N,4:t慢,1:N,2:i2,2:i2,"
	    "2:i2,2:i2,";
	struct cf_evalrow v, w;
	struct cf_buf b = CF_BUF_INIT, b2 = CF_BUF_INIT, enc = CF_BUF_INIT;
	struct cf_store *st;
	struct cf_casedb *db;
	struct evhashes got;
	uint8_t h[CF_SHA256_LEN];
	bool inserted;

	memset(&v, 0, sizeof v);
	v.case_id = "C-1";
	v.rated_at.sec = 1772589600;
	v.rated_at.nsec = 5;
	v.rated_at.off_sec = 28800;
	v.rated_at.has_off = true;
	v.rated_wall = 1772618400;
	v.channel = "online";
	v.rating = 2;
	v.real_name = 1;
	v.comment = "慢";
	v.batch = v.wrote_batch = 2;
	v.line = v.wrote_line = 2;
	cf_casedb_eval_encode(&v, &b);
	ck_assert_str_eq(b.s, want);
	w = v;
	w.channel = NULL;
	w.real_name = -1;
	w.comment = NULL;
	w.rating = 5;
	w.line = w.wrote_line = 3;
	cf_casedb_eval_encode(&w, &b2);
	ck_assert_ptr_nonnull(strstr(b2.s, ",1:t,6:i28800,"));

	tmp_setup();
	ck_assert_int_eq(cf_store_open(&st, tmp_path("e.db"), CF_STORE_CREATE), 0);
	ck_assert_int_eq(cf_store_exec(st,
			     "INSERT INTO import_batch VALUES (1, 'a.csv', "
			     "  printf('%064d', 1), 10, 'cases-csv', 1, 0, 0, 1,"
			     "  0, 0, 0, 1, 1, 0, 'Asia/Shanghai', NULL, NULL);"
			     "INSERT INTO import_batch VALUES (2, 'e.csv', "
			     "  printf('%064d', 2), 10, 'evaluations-csv', 2, 0,"
			     "  0, 0, 0, 0, 0, 1, 1, 0, 'Asia/Shanghai', NULL,"
			     "  NULL);"
			     "INSERT INTO import_batch VALUES (3, 'f.csv', "
			     "  printf('%064d', 3), 10, 'evaluations-csv', 1, 0,"
			     "  0, 0, 0, 0, 0, 1, 1, 0, 'Asia/Shanghai', NULL,"
			     "  NULL);"
			     "INSERT INTO case_rec (case_id, procedure_id,"
			     "  accepted_sec, accepted_nsec, accepted_off,"
			     "  accepted_wall, accepted_day, batch_id, line,"
			     "  wrote_batch, wrote_line) VALUES ('C-1', 'P-1',"
			     "  1772414100, 0, 28800, 1772442900, 20514, 1, 2, 1,"
			     "  2);"),
	    0);
	ck_assert_int_eq(cf_casedb_open(&db, st), 0);
	ck_assert_int_eq(cf_store_begin(st), 0);
	ck_assert_int_eq(cf_casedb_eval_insert(db, &v, &inserted), 0);
	ck_assert(inserted);
	ck_assert_int_eq(cf_casedb_eval_insert(db, &w, &inserted), 0);
	ck_assert(inserted);
	ck_assert_int_eq(cf_casedb_eval_insert(db, &v, &inserted), 0);
	ck_assert(!inserted); /* its identity is stored */
	/* A refill: rectified, batch 3 line 5. */
	struct cf_evalrow r = v;
	r.rectified = true;
	r.rectified_at.sec = 1772600000;
	r.rectified_at.off_sec = 28800;
	r.rectified_at.has_off = true;
	r.rectified_wall = 1772628800;
	r.wrote_batch = 3;
	r.wrote_line = 5;
	ck_assert_int_eq(cf_casedb_eval_update(db, &r, &enc), 0);
	ck_assert_int_eq(cf_store_commit(st), 0);
	struct cf_evalrow back;
	ck_assert_int_eq(cf_casedb_eval_get(db, &w, &back), 0);
	ck_assert_ptr_null(back.channel);
	ck_assert_int_eq(back.real_name, -1);
	ck_assert_int_eq(back.rating, 5);
	cf_evalrow_release(&back);
	cf_casedb_free(db);

	memset(&got, 0, sizeof got);
	ck_assert_int_eq(cf_cases_eval_hashes(st, keep_eval_hash, &got), 0);
	ck_assert_int_eq(got.n, 3);
	cf_sha256(b2.s, b2.len, h);
	ck_assert_int_eq(memcmp(got.h[1], h, sizeof h), 0);
	cf_sha256(enc.s, enc.len, h);
	ck_assert_int_eq(memcmp(got.h[2], h, sizeof h), 0);
	/* the refill's row: the insert's with the rectification and write */
	ck_assert_ptr_nonnull(strstr(enc.s,
	    ",11:i1772600000,2:i0,6:i28800,11:i1772628800,4:t慢,"));
	cf_sha256(b.s, b.len, h);
	ck_assert_int_eq(memcmp(got.h[3], h, sizeof h), 0);
	cf_store_free(st);
	cf_buf_release(&b);
	cf_buf_release(&b2);
	cf_buf_release(&enc);
	tmp_teardown();
}
END_TEST

Suite *
recdigest_suite(void)
{
	Suite *s = suite_create("recdigest");
	TCase *tc = tcase_create("encoding");

	tcase_add_test(tc, test_typed_values);
	tcase_add_test(tc, test_statement_row);
	tcase_add_test(tc, test_digest);
	tcase_add_test(tc, test_json_spans);
	tcase_add_test(tc, test_not_bound);
	tcase_add_test(tc, test_case_received);
	tcase_add_test(tc, test_eval_rows);
	suite_add_tcase(s, tc);
	return s;
}
