/* SPDX-License-Identifier: MIT */
/*
 * check_pipe.c - the chunk queue between an import's reading thread and
 * its writing thread (cases/pipe.c), with a real second thread: chunks
 * arrive whole and in order, only `nchunks` buffers ever exist however
 * long the stream, a chunk taken is empty, the end is seen once the
 * producer closes, and a consumer that stops early (or frees the pipe
 * while the producer waits for a chunk) ends the producer instead of
 * leaving it blocked.  The producer asserts nothing itself (Check's
 * asserts belong to the test's thread): it records, the test checks.
 */
#include "conform.h"
#include "check_suites.h"
#include "pipe.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

struct producer {
	int chunks;	    /* how many to send (-1: until stopped) */
	int sent;	    /* chunks put */
	int dirty;	    /* chunks taken that were not empty */
	bool saw_stop;	    /* cf_pipe_take returned NULL */
};

static void
produce(struct cf_pipe *p, void *arg)
{
	struct producer *pr = arg;

	for (int i = 0; pr->chunks < 0 || i < pr->chunks; i++) {
		struct cf_buf *b = cf_pipe_take(p);
		if (b == NULL) {
			pr->saw_stop = true;
			break;
		}
		if (b->len != 0)
			pr->dirty++;
		/* Chunks of different sizes, some larger than the last. */
		cf_buf_addf(b, "chunk %d:", i);
		for (int k = 0; k < i % 7; k++)
			cf_buf_adds(b, "数据");
		cf_pipe_put(p, b);
		pr->sent++;
	}
	cf_pipe_close(p);
}

/* What chunk i holds. */
static void
expect_chunk(const struct cf_buf *b, int i)
{
	char want[64];
	int n = snprintf(want, sizeof want, "chunk %d:", i);

	ck_assert_uint_eq(b->len, (size_t)n + (size_t)(i % 7) * 6);
	ck_assert_mem_eq(b->s, want, (size_t)n);
	for (int k = 0; k < i % 7; k++)
		ck_assert_mem_eq(b->s + n + 6 * k, "数据", 6);
}

/* The distinct chunks seen, up to 8. */
struct seen {
	const struct cf_buf *v[8];
	size_t n;
};

static void
see(struct seen *s, const struct cf_buf *b)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i] == b)
			return;
	ck_assert_uint_lt(s->n, 8);
	s->v[s->n++] = b;
}

START_TEST(test_order_and_bound)
{
	struct producer pr = { .chunks = 2000 };
	struct seen seen = { 0 };
	struct cf_pipe *p;
	struct cf_buf *b;
	int i = 0;

	ck_assert_int_eq(cf_pipe_start(&p, 3, produce, &pr), 0);
	ck_assert_ptr_nonnull(p);
	while ((b = cf_pipe_get(p)) != NULL) {
		expect_chunk(b, i++);
		see(&seen, b);
		cf_pipe_give(p, b);
	}
	ck_assert_int_eq(i, 2000);
	ck_assert_ptr_null(cf_pipe_get(p)); /* the end stays the end */
	cf_pipe_free(p);
	ck_assert_int_eq(pr.sent, 2000);
	ck_assert_int_eq(pr.dirty, 0); /* every chunk taken was emptied */
	ck_assert(!pr.saw_stop);
	/* 2000 chunks through 3 buffers: reused, never more made. */
	ck_assert_uint_le(seen.n, 3);
	ck_assert_uint_ge(seen.n, 2);
}
END_TEST

/* Fewer than two chunks cannot hand over: two are made. */
START_TEST(test_at_least_two_chunks)
{
	struct producer pr = { .chunks = 50 };
	struct seen seen = { 0 };
	struct cf_pipe *p;
	struct cf_buf *b;
	int i = 0;

	ck_assert_int_eq(cf_pipe_start(&p, 1, produce, &pr), 0);
	while ((b = cf_pipe_get(p)) != NULL) {
		expect_chunk(b, i++);
		see(&seen, b);
		cf_pipe_give(p, b);
	}
	cf_pipe_free(p);
	ck_assert_int_eq(i, 50);
	ck_assert_uint_le(seen.n, 2);
}
END_TEST

START_TEST(test_empty_stream)
{
	struct producer pr = { .chunks = 0 };
	struct cf_pipe *p;

	ck_assert_int_eq(cf_pipe_start(&p, 4, produce, &pr), 0);
	ck_assert_ptr_null(cf_pipe_get(p));
	cf_pipe_free(p);
	ck_assert_int_eq(pr.sent, 0);
	cf_pipe_free(NULL);
}
END_TEST

/*
 * The consumer gives up after 5 chunks (a bad row, say): the producer,
 * which would send for ever, sees the stop at its next take and ends;
 * cf_pipe_free joins it.  If the stop were lost this test would hang
 * (and Check's timeout would fail it).
 */
START_TEST(test_stop_early)
{
	struct producer pr = { .chunks = -1 };
	struct cf_pipe *p;
	struct cf_buf *b;

	ck_assert_int_eq(cf_pipe_start(&p, 4, produce, &pr), 0);
	for (int i = 0; i < 5; i++) {
		ck_assert_ptr_nonnull(b = cf_pipe_get(p));
		expect_chunk(b, i);
		cf_pipe_give(p, b);
	}
	cf_pipe_stop(p);
	/* What was put before the stop may still be read, in order. */
	for (int i = 5; (b = cf_pipe_get(p)) != NULL; i++)
		expect_chunk(b, i);
	cf_pipe_free(p);
	ck_assert(pr.saw_stop);
	/* At most the 5 given back and the 4 chunks' worth beyond them. */
	ck_assert_int_ge(pr.sent, 5);
	ck_assert_int_le(pr.sent, 5 + 4);
}
END_TEST

/* Freed without a word while the producer waits for a free chunk. */
START_TEST(test_free_while_producer_waits)
{
	struct producer pr = { .chunks = -1 };
	struct cf_pipe *p;
	struct cf_buf *b;

	ck_assert_int_eq(cf_pipe_start(&p, 2, produce, &pr), 0);
	/* Take one and keep it: the producer fills the other and waits. */
	ck_assert_ptr_nonnull(b = cf_pipe_get(p));
	expect_chunk(b, 0);
	cf_pipe_free(p);
	ck_assert(pr.saw_stop);
	ck_assert_int_le(pr.sent, 2);
}
END_TEST

Suite *
pipe_suite(void)
{
	Suite *s = suite_create("pipe");
	TCase *tc = tcase_create("threads");

	tcase_add_test(tc, test_order_and_bound);
	tcase_add_test(tc, test_at_least_two_chunks);
	tcase_add_test(tc, test_empty_stream);
	tcase_add_test(tc, test_stop_early);
	tcase_add_test(tc, test_free_while_producer_waits);
	suite_add_tcase(s, tc);
	return s;
}
