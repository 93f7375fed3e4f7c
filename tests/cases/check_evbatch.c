/* SPDX-License-Identifier: MIT */
/*
 * check_evbatch.c - the import's events written a sorted batch at a
 * time (cases/evbatch.c), through a writer that records what it is
 * given: every event is written once, with every field as added; events
 * in key order are written at once, never held; events in time order
 * (ids interleaved) are written in key order batch by batch; ids
 * compare as SQLite's BINARY collation (bytes, then length) whatever
 * prefix they share; an event larger than a batch, a flush that starts
 * the next file afresh, and the writer's error all behave.
 */
#include "conform.h"
#include "check_suites.h"
#include "evbatch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct got {
	char id[64], act[64], actor[64], attrs[4096];
	bool no_actor, no_role, no_attrs;
	int64_t sec, seq, wall, batch;
	int32_t nsec, off;
	int line;
};

static struct got *w; /* what the writer was given, in order */
static size_t nw, aw;
static size_t fail_at; /* the writer fails on this write (1-based), 0: never */

static int
record(void *arg, const struct cf_eventrow *e)
{
	struct got *g;

	(void)arg;
	if (fail_at && nw + 1 == fail_at)
		return cf_error_set(CF_ERROR, "disk full");
	CF_GROW(w, nw + 1, aw);
	g = &w[nw++];
	memset(g, 0, sizeof *g);
	snprintf(g->id, sizeof g->id, "%s", e->case_id);
	snprintf(g->act, sizeof g->act, "%s", e->activity);
	g->no_actor = e->actor == NULL;
	g->no_role = e->role == NULL;
	g->no_attrs = e->attrs == NULL;
	snprintf(g->actor, sizeof g->actor, "%s", e->actor ? e->actor : "");
	snprintf(g->attrs, sizeof g->attrs, "%s", e->attrs ? e->attrs : "");
	g->sec = e->ts.sec;
	g->nsec = e->ts.nsec;
	g->off = e->ts.off_sec;
	g->seq = e->seq;
	g->wall = e->ts_wall;
	g->batch = e->batch;
	g->line = e->line;
	return 0;
}

static void
setup(void)
{
	w = NULL;
	nw = aw = 0;
	fail_at = 0;
}

static void
teardown(void)
{
	free(w);
}

/* event_rec's order, written out plainly. */
static int
ref_cmp(const struct got *a, const struct got *b)
{
	size_t la = strlen(a->id), lb = strlen(b->id);
	int c = memcmp(a->id, b->id, la < lb ? la : lb);

	if (c != 0)
		return c;
	if (la != lb)
		return la < lb ? -1 : 1;
	if (a->sec != b->sec)
		return a->sec < b->sec ? -1 : 1;
	if (a->nsec != b->nsec)
		return a->nsec < b->nsec ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static int
add(struct cf_evbatch *b, const char *id, int64_t sec, int64_t seq)
{
	struct cf_eventrow e;

	memset(&e, 0, sizeof e);
	e.case_id = id;
	e.activity = "accept";
	e.actor = seq % 3 ? "S0001" : NULL;
	e.role = seq % 5 ? "clerk" : NULL;
	e.attrs = seq % 7 ? NULL : "{\"k\":\"值\"}";
	e.ts.sec = sec;
	e.ts.nsec = (int32_t)(seq % 2) * 500;
	e.ts.off_sec = 28800;
	e.ts.has_off = true;
	e.ts_wall = sec + 28800;
	e.seq = seq;
	e.batch = 7;
	e.line = (int)seq + 2;
	return cf_evbatch_add(b, &e);
}

/* Every seq in [0, n) written exactly once, with its fields. */
static void
all_once(size_t n)
{
	char *seen = cf_xcalloc(n ? n : 1, 1);

	ck_assert_uint_eq(nw, n);
	for (size_t i = 0; i < nw; i++) {
		const struct got *g = &w[i];
		ck_assert(g->seq >= 0 && (size_t)g->seq < n);
		ck_assert_int_eq(seen[g->seq], 0);
		seen[g->seq] = 1;
		ck_assert_str_eq(g->act, "accept");
		ck_assert_int_eq(g->no_actor, g->seq % 3 == 0);
		ck_assert_int_eq(g->no_role, g->seq % 5 == 0);
		ck_assert_int_eq(g->no_attrs, g->seq % 7 != 0);
		if (!g->no_actor)
			ck_assert_str_eq(g->actor, "S0001");
		if (!g->no_attrs)
			ck_assert_str_eq(g->attrs, "{\"k\":\"值\"}");
		ck_assert_int_eq(g->nsec, (int32_t)(g->seq % 2) * 500);
		ck_assert_int_eq(g->off, 28800);
		ck_assert_int_eq(g->wall, g->sec + 28800);
		ck_assert_int_eq(g->batch, 7);
		ck_assert_int_eq(g->line, (int)g->seq + 2);
	}
	free(seen);
}

/* How often the writes go back in key order. */
static size_t
descents(size_t from)
{
	size_t d = 0;

	for (size_t i = from + 1; i < nw; i++)
		if (ref_cmp(&w[i - 1], &w[i]) > 0)
			d++;
	return d;
}

START_TEST(test_in_order_written_at_once)
{
	struct cf_evbatch *b = cf_evbatch_new(4096, record, NULL);
	char id[32];
	size_t written, sorted;
	int64_t seq = 0;

	/* by case, a case's events by time; one case's events out of
	 * time order now and then (a planted deviation) */
	for (int c = 0; c < 3000; c++) {
		snprintf(id, sizeof id, "DF20260104-%07d", c);
		for (int k = 0; k < 3; k++) {
			int64_t sec = 1000 + (c % 50 == 0 ? 2 - k : k);
			ck_assert_int_eq(add(b, id, sec, seq), 0);
			seq++;
			ck_assert_uint_eq(nw, (size_t)seq); /* not held */
		}
	}
	ck_assert_int_eq(cf_evbatch_flush(b), 0);
	all_once((size_t)seq);
	cf_evbatch_stats(b, &written, &sorted);
	ck_assert_uint_eq(sorted, 0);
	cf_evbatch_free(b);
}
END_TEST

START_TEST(test_time_order_written_by_key)
{
	/* 2000 cases open at once, events by time: ids interleave */
	struct cf_evbatch *b = cf_evbatch_new(16384, record, NULL);
	char id[32];
	size_t n = 40000, written, sorted;

	for (size_t i = 0; i < n; i++) {
		snprintf(id, sizeof id, "ZW-%06zu", (i * 7919) % 2000);
		ck_assert_int_eq(add(b, id, 5000 + (int64_t)i, (int64_t)i), 0);
	}
	ck_assert_int_eq(cf_evbatch_flush(b), 0);
	all_once(n);
	cf_evbatch_stats(b, &written, &sorted);
	ck_assert_uint_gt(written, 10);
	ck_assert_uint_ge(sorted + 1, written);
	/* The first window is written as it came (until the order showed):
	 * about every other write goes back there.  Past it each batch is
	 * in key order: the writes go back at most once per batch. */
	ck_assert_uint_gt(descents(0) - descents(1024), 300);
	ck_assert_uint_le(descents(1024), written);
	cf_evbatch_free(b);
}
END_TEST

START_TEST(test_binary_order)
{
	/* one batch, after a window that shows the order is lost: ids of
	 * different lengths sharing a long prefix, bytes above 0x7f
	 * (UTF-8), the same id at different instants */
	static const char *const ids[] = { "办件-2026-0001-b", "办件-2026-0001",
		"办件-2026-0001-a", "办件-2026-00010", "办件-2026-0002",
		"办件-2026-0001-a-long-suffix-past-sixteen-bytes-1",
		"办件-2026-0001-a-long-suffix-past-sixteen-bytes-0",
		"办件-2026-0001-a-long-suffix-past-sixteen-bytes" };
	struct cf_evbatch *b = cf_evbatch_new(1 << 20, record, NULL);
	char id[32];
	int64_t seq = 0;

	for (int i = 0; i < 1024; i++) {
		snprintf(id, sizeof id, "X%06d", 2000 - i);
		ck_assert_int_eq(add(b, id, 1, seq), 0);
		seq++;
	}
	ck_assert_uint_eq(nw, 1024);
	for (int r = 0; r < 50; r++)
		for (size_t i = 0; i < CF_ARRAY_LEN(ids); i++) {
			ck_assert_int_eq(add(b, ids[i], 100 - r % 3, seq), 0);
			seq++;
		}
	ck_assert_uint_eq(nw, 1024); /* held */
	ck_assert_int_eq(cf_evbatch_flush(b), 0);
	all_once((size_t)seq);
	ck_assert_uint_eq(descents(1024), 0);
	ck_assert_str_eq(w[1024].id, "办件-2026-0001");
	ck_assert_str_eq(w[nw - 1].id, "办件-2026-0002");
	cf_evbatch_free(b);
}
END_TEST

START_TEST(test_big_event_and_next_file)
{
	struct cf_evbatch *b = cf_evbatch_new(2048, record, NULL);
	struct cf_eventrow e;
	char id[32], big[3000];
	int64_t seq = 0;

	for (int i = 0; i < 1100; i++) { /* out of order: held from 1024 */
		snprintf(id, sizeof id, "C%05d", (i * 37) % 1000);
		ck_assert_int_eq(add(b, id, 1, seq), 0);
		seq++;
	}
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	memset(&e, 0, sizeof e);
	e.case_id = "C00001";
	e.activity = "accept";
	e.attrs = big;
	e.seq = seq++;
	ck_assert_int_eq(cf_evbatch_add(b, &e), 0);
	/* larger than a batch: written at once, the batch before it too */
	ck_assert_uint_eq(nw, (size_t)seq);
	ck_assert_str_eq(w[nw - 1].attrs, big);
	ck_assert_int_eq(cf_evbatch_flush(b), 0);
	/* the next file, in order, is written as it comes again */
	for (int i = 0; i < 10; i++) {
		snprintf(id, sizeof id, "D%05d", i);
		ck_assert_int_eq(add(b, id, 1, seq), 0);
		seq++;
		ck_assert_uint_eq(nw, (size_t)seq);
	}
	cf_evbatch_free(b);
}
END_TEST

START_TEST(test_writer_error)
{
	struct cf_evbatch *b = cf_evbatch_new(4096, record, NULL);
	char id[32];
	int rc = 0;

	fail_at = 1500; /* in a batch, after the first window */
	for (int i = 0; i < 3000 && rc == 0; i++) {
		snprintf(id, sizeof id, "C%05d", (i * 37) % 1000);
		rc = add(b, id, 1, i);
	}
	if (rc == 0)
		rc = cf_evbatch_flush(b);
	ck_assert_int_eq(rc, CF_ERROR);
	ck_assert_str_eq(cf_error_message(), "disk full");
	cf_evbatch_free(b); /* drops what it holds */
}
END_TEST

Suite *
evbatch_suite(void)
{
	Suite *s = suite_create("evbatch");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_in_order_written_at_once);
	tcase_add_test(tc, test_time_order_written_by_key);
	tcase_add_test(tc, test_binary_order);
	tcase_add_test(tc, test_big_event_and_next_file);
	tcase_add_test(tc, test_writer_error);
	suite_add_tcase(s, tc);
	return s;
}
