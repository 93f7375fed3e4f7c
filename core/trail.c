/* SPDX-License-Identifier: MIT */
/*
 * trail.c - the hash-chained trail (see trail.h).
 */
#include "conform.h"
#include "store.h"
#include "trail.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define ZERO_HASH                                                              \
	"0000000000000000000000000000000000000000000000000000000000000000"

static void
netstring(struct cf_buf *b, const char *s)
{
	cf_buf_addf(b, "%zu:", strlen(s));
	cf_buf_adds(b, s);
	cf_buf_addc(b, ',');
}

const char cf_trail_zero_hash[CF_SHA256_HEX] = ZERO_HASH;

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* hex(SHA-256(raw(prev) || canonical(entry))) */
int
cf_trail_entry_hash(const char *prev_hex, int64_t seq, int64_t at,
    const char *actor, const char *what, const char *subject, const char *data,
    char out[CF_SHA256_HEX])
{
	struct cf_buf b = CF_BUF_INIT;
	struct cf_sha256 h;
	uint8_t raw[CF_SHA256_LEN], d[CF_SHA256_LEN];
	char num[32];

	for (int i = 0; i < CF_SHA256_LEN; i++) {
		int hi = hexval(prev_hex[2 * i]), lo;
		if (hi < 0 || (lo = hexval(prev_hex[2 * i + 1])) < 0)
			return cf_error_set(CF_EINVALID,
			    "a trail hash is not 64 lower-case hex digits");
		raw[i] = (uint8_t)(hi << 4 | lo);
	}
	if (prev_hex[2 * CF_SHA256_LEN] != '\0')
		return cf_error_set(CF_EINVALID,
		    "a trail hash is not 64 lower-case hex digits");
	snprintf(num, sizeof num, "%" PRId64, seq);
	netstring(&b, num);
	snprintf(num, sizeof num, "%" PRId64, at);
	netstring(&b, num);
	netstring(&b, actor);
	netstring(&b, what);
	netstring(&b, subject);
	netstring(&b, data);
	cf_sha256_init(&h);
	cf_sha256_update(&h, raw, sizeof raw);
	cf_sha256_update(&h, b.s, b.len);
	cf_sha256_final(&h, d);
	cf_hex(d, sizeof d, out);
	cf_buf_release(&b);
	return 0;
}

/* The head kept in meta: "SEQ HASH". */
static int
read_head(struct cf_store *st, int64_t *seq, char hash[CF_SHA256_HEX])
{
	char *v = NULL;
	int rc = cf_store_meta_get(st, "trail-head", &v);

	if (rc == CF_ENOTFOUND) {
		cf_error_clear();
		*seq = 0;
		memcpy(hash, ZERO_HASH, CF_SHA256_HEX);
		return 0;
	}
	if (rc < 0)
		return rc;
	long long s = 0;
	char h[CF_SHA256_HEX] = "";
	if (sscanf(v, "%lld %64s", &s, h) != 2 || strlen(h) != 64) {
		free(v);
		return cf_error_set(CF_EINVALID,
		    "the trail head in the database is damaged");
	}
	free(v);
	*seq = (int64_t)s;
	memcpy(hash, h, CF_SHA256_HEX);
	return 0;
}

int
cf_trail_append(struct cf_store *st, int64_t at, const char *actor,
    const char *what, const char *subject, const char *data, int64_t *seq)
{
	sqlite3_stmt *s = NULL;
	char prev[CF_SHA256_HEX], hash[CF_SHA256_HEX], *head;
	int64_t last;
	int rc;

	if (!cf_store_in_tx(st))
		return cf_error_set(CF_ERROR,
		    "BUG: trail entry written outside a transaction");
	if ((rc = read_head(st, &last, prev)) < 0)
		return rc;
	if ((rc = cf_trail_entry_hash(prev, last + 1, at, actor, what, subject,
		 data, hash)) < 0)
		return cf_error_prefix("the trail head in the database is "
				       "damaged");
	if ((rc = cf_store_prepare(st, &s,
		 "INSERT INTO trail(seq, at, actor, what, subject, data, prev, "
		 "hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")) < 0)
		return rc;
	sqlite3_bind_int64(s, 1, last + 1);
	sqlite3_bind_int64(s, 2, at);
	sqlite3_bind_text(s, 3, actor, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, what, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, subject, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, data, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 7, prev, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 8, hash, -1, SQLITE_STATIC);
	rc = sqlite3_step(s) == SQLITE_DONE
	    ? 0
	    : cf_store_error(st, "writing the trail");
	sqlite3_finalize(s);
	if (rc < 0)
		return rc;
	head = cf_xasprintf("%" PRId64 " %s", last + 1, hash);
	rc = cf_store_meta_set(st, "trail-head", head);
	free(head);
	if (rc == 0 && seq)
		*seq = last + 1;
	return rc;
}

static int
broken(int64_t seq, int64_t at, const char *what, const char *subject,
    const char *why)
{
	char when[32];
	time_t t = (time_t)at;
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return cf_error_set(CF_EINVALID,
	    "trail entry %" PRId64 " (%s %s %s) %s", seq, when, what, subject,
	    why);
}

int
cf_trail_verify(struct cf_store *st, int64_t *n, char head[CF_SHA256_HEX])
{
	sqlite3_stmt *s = NULL;
	char prev[CF_SHA256_HEX] = ZERO_HASH, want[CF_SHA256_HEX];
	char head_hash[CF_SHA256_HEX];
	int64_t expect = 1, head_seq;
	int rc;

	*n = 0;
	if ((rc = read_head(st, &head_seq, head_hash)) < 0)
		return rc;
	if ((rc = cf_store_prepare(st, &s,
		 "SELECT seq, at, actor, what, subject, data, prev, hash FROM "
		 "trail ORDER BY seq")) < 0)
		return rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t seq = sqlite3_column_int64(s, 0);
		int64_t at = sqlite3_column_int64(s, 1);
		const char *actor = (const char *)sqlite3_column_text(s, 2);
		const char *what = (const char *)sqlite3_column_text(s, 3);
		const char *subject = (const char *)sqlite3_column_text(s, 4);
		const char *data = (const char *)sqlite3_column_text(s, 5);
		const char *p = (const char *)sqlite3_column_text(s, 6);
		const char *hash = (const char *)sqlite3_column_text(s, 7);

		actor = actor ? actor : "";
		what = what ? what : "";
		subject = subject ? subject : "";
		data = data ? data : "";
		if (seq != expect) {
			rc = seq > expect
			    ? broken(expect, at, what, subject,
				  "is missing: deleted from the trail")
			    : broken(seq, at, what, subject, "is out of order");
			goto out;
		}
		if (p == NULL || hash == NULL || strcmp(p, prev) != 0) {
			rc = broken(seq, at, what, subject,
			    "does not follow the entry before it: entries were "
			    "deleted, inserted or reordered");
			goto out;
		}
		if (cf_trail_entry_hash(prev, seq, at, actor, what, subject,
			data, want) < 0 ||
		    strcmp(want, hash) != 0) {
			rc = broken(seq, at, what, subject,
			    "was edited: its hash does not match its contents");
			goto out;
		}
		memcpy(prev, hash, CF_SHA256_HEX);
		expect++;
	}
	if (rc != SQLITE_DONE) {
		rc = cf_store_error(st, "reading the trail");
		goto out;
	}
	if (expect - 1 != head_seq || strcmp(prev, head_hash) != 0) {
		rc = cf_error_set(CF_EINVALID,
		    "the trail ends at entry %" PRId64 " but entry %" PRId64
		    " was written: entries were deleted from its end",
		    expect - 1, head_seq);
		goto out;
	}
	*n = expect - 1;
	memcpy(head, prev, CF_SHA256_HEX);
	rc = 0;
out:
	sqlite3_finalize(s);
	return rc;
}

/* Hands every row of `s` (the columns of struct cf_trail_entry) to fn. */
static int
each_row(struct cf_store *st, sqlite3_stmt *s, cf_trail_fn fn, void *arg)
{
	int rc;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct cf_trail_entry e;
		const char *t[6];
		for (int i = 0; i < 6; i++) {
			t[i] = (const char *)sqlite3_column_text(s, 2 + i);
			if (t[i] == NULL)
				t[i] = "";
		}
		e.seq = sqlite3_column_int64(s, 0);
		e.at = sqlite3_column_int64(s, 1);
		e.actor = t[0];
		e.what = t[1];
		e.subject = t[2];
		e.data = t[3];
		e.prev = t[4];
		e.hash = t[5];
		if ((rc = fn(&e, arg)) != 0)
			return rc;
	}
	return rc == SQLITE_DONE ? 0 : cf_store_error(st, "reading the trail");
}

int
cf_trail_each(struct cf_store *st, cf_trail_fn fn, void *arg)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if ((rc = cf_store_prepare(st, &s,
		 "SELECT seq, at, actor, what, subject, data, prev, hash FROM "
		 "trail ORDER BY seq")) < 0)
		return rc;
	rc = each_row(st, s, fn, arg);
	sqlite3_finalize(s);
	return rc;
}

int
cf_trail_has(struct cf_store *st, const char *what, const char *subject)
{
	sqlite3_stmt *s = NULL;
	int rc, step;

	if ((rc = cf_store_prepare(st, &s,
		 "SELECT 1 FROM trail WHERE what = ?1 AND subject = ?2")) < 0)
		return rc;
	sqlite3_bind_text(s, 1, what, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, subject, -1, SQLITE_STATIC);
	step = sqlite3_step(s);
	if (step == SQLITE_ROW)
		rc = 1;
	else if (step == SQLITE_DONE)
		rc = 0;
	else
		rc = cf_store_error(st, "reading the trail");
	sqlite3_finalize(s);
	return rc;
}

int
cf_trail_each_subject(struct cf_store *st, const char *subject, cf_trail_fn fn,
    void *arg)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if ((rc = cf_store_prepare(st, &s,
		 "SELECT seq, at, actor, what, subject, data, prev, hash FROM "
		 "trail WHERE subject = ?1 ORDER BY seq")) < 0)
		return rc;
	sqlite3_bind_text(s, 1, subject, -1, SQLITE_STATIC);
	rc = each_row(st, s, fn, arg);
	sqlite3_finalize(s);
	return rc;
}

int
cf_trail_hash(struct cf_store *st, int64_t seq, char out[CF_SHA256_HEX])
{
	static const char sql[] = "SELECT hash FROM trail WHERE seq = ?1";
	sqlite3_stmt *s;
	const unsigned char *h;
	int rc;

	if ((rc = cf_store_stmt(st, &s, sql)) < 0)
		return rc;
	sqlite3_bind_int64(s, 1, seq);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		/* Anything but 64 digits reads as "", which no hash equals. */
		h = sqlite3_column_text(s, 0);
		if (h && strlen((const char *)h) == CF_SHA256_HEX - 1)
			memcpy(out, h, CF_SHA256_HEX);
		else
			out[0] = '\0';
		rc = 0;
	} else if (rc == SQLITE_DONE)
		rc = cf_error_set(CF_ENOTFOUND, "no trail entry %" PRId64, seq);
	else
		rc = cf_store_error(st, "reading the trail");
	sqlite3_reset(s);
	return rc;
}
