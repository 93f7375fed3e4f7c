/* SPDX-License-Identifier: MIT */
/*
 * recdigest.h - the digests that bind stored rows to the trail
 * (doc/integrity.md, section 1), the one encoding the writers (import,
 * audit, NCR changes) and the verifier (audits/records.h) share.
 *
 * A row is the concatenation of its columns in schema order, each a
 * netstring of a typed value: "1:N," for NULL, "i" and the decimal
 * digits for an integer ("3:i42,"), "t" and the bytes for text
 * ("3:t42,"); a value of any other storage class (a table rebuilt
 * without STRICT by hand) is "r" and %.17g for a real, "b" and the
 * bytes for a blob, so it can never pass for the value it replaced.
 * A row's hash is SHA-256 of its encoding; the digest of rows is
 * SHA-256 of their hashes concatenated in the order the table's page of
 * doc/integrity.md fixes.  No rows: SHA-256 of nothing.
 *
 * The writers encode what they bind, as they bind it (no read-back);
 * the verifier encodes what a SELECT of the same columns returns
 * (cf_rec_stmt); the tests prove the two agree.
 */
#ifndef CF_RECDIGEST_H
#define CF_RECDIGEST_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "hash.h"
#include "mem.h"
#include "store.h"

/* Typed values appended to a row's encoding. */
void cf_rec_null(struct cf_buf *b);
void cf_rec_int(struct cf_buf *b, int64_t v);
void cf_rec_text(struct cf_buf *b, const char *s); /* NULL: cf_rec_null */
void cf_rec_textn(struct cf_buf *b, const char *s, size_t n);

/*
 * The same encodings written straight into memory the caller reserved
 * (the import's hot path: one reservation per row, no call per
 * value).  Each returns the end of what it wrote; a value needs at most
 * CF_REC_INT_MAX bytes (an integer, NULL) or its length +
 * CF_REC_INT_MAX (text): the digits are copied in fixed-size blocks,
 * which the compiler inlines, so up to that many bytes past the value
 * are scribbled on (and overwritten by the next).
 */
#define CF_REC_INT_MAX 32

/* "00" "01" ... "99" */
extern const char cf_rec_digits2[201];

/* The decimal digits of u, written backwards before `end`, two at a
 * time (32-bit arithmetic where the value allows). */
static inline char *
cf_rec_digits(char *end, uint64_t u)
{
	char *p = end;

	while (u > UINT32_MAX) {
		unsigned r = (unsigned)(u % 100);
		u /= 100;
		p -= 2;
		memcpy(p, cf_rec_digits2 + 2 * r, 2);
	}
	uint32_t w = (uint32_t)u;
	while (w >= 100) {
		unsigned r = w % 100;
		w /= 100;
		p -= 2;
		memcpy(p, cf_rec_digits2 + 2 * r, 2);
	}
	if (w >= 10) {
		p -= 2;
		memcpy(p, cf_rec_digits2 + 2 * w, 2);
	} else
		*--p = (char)('0' + w);
	return p;
}

static inline char *
cf_rec_put_int(char *o, int64_t v)
{
	char d[48], *p;
	uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
	size_t n;

	p = cf_rec_digits(d + 24, u);
	if (v < 0)
		*--p = '-';
	n = (size_t)(d + 24 - p) + 1; /* with the tag, at most 21 */
	if (n >= 10)
		*o++ = (char)('0' + n / 10);
	*o++ = (char)('0' + n % 10);
	*o++ = ':';
	*o++ = 'i';
	memcpy(o, p, 24); /* p + 24 <= d + 48 */
	o += n - 1;
	*o++ = ',';
	return o;
}

static inline char *
cf_rec_put_null(char *o)
{
	o[0] = '1';
	o[1] = ':';
	o[2] = 'N';
	o[3] = ',';
	return o + 4;
}

static inline char *
cf_rec_put_textn(char *o, const char *s, size_t n)
{
	char d[48], *p = cf_rec_digits(d + 24, (uint64_t)n + 1);
	size_t k = (size_t)(d + 24 - p);

	memcpy(o, p, 24); /* p + 24 <= d + 48 */
	o += k;
	*o++ = ':';
	*o++ = 't';
	memcpy(o, s, n);
	o += n;
	*o++ = ',';
	return o;
}

/*
 * Columns [first, first + n) of the statement's current row, each
 * encoded by its storage class.
 */
void cf_rec_stmt(struct cf_buf *b, sqlite3_stmt *s, int first, int n);

/*
 * Columns [first, first + n) as cf_rec_stmt, but only when one of them
 * is not NULL: columns a table gained after its rows were first bound
 * (doc/integrity.md), so that a row that leaves them NULL encodes as
 * it did before they existed.
 */
void cf_rec_stmt_opt(struct cf_buf *b, sqlite3_stmt *s, int first, int n);

struct cf_json;

/*
 * Columns [first, first + n) of the statement's current row as members
 * of `j`, named as the statement names them: an integer as a number,
 * text as a string, NULL as null (a real or a blob as a string "real:"
 * or "blob:" and its value, so it differs from anything conform
 * writes).  The store modules bind a record's head row so
 * (doc/integrity.md).
 */
void cf_rec_stmt_json(struct cf_json *j, sqlite3_stmt *s, int first, int n);

/* A digest of rows, built one row at a time. */
struct cf_recdigest {
	struct cf_sha256 all; /* over the row hashes */
	struct cf_sha256 row; /* reused for each row's hash */
	int64_t n;	      /* rows added */
	struct cf_buf enc;    /* the row being encoded */
	size_t npend;	      /* row hashes not yet fed to `all` */
	uint8_t pend[64][CF_SHA256_LEN];
};

void cf_recdigest_init(struct cf_recdigest *d);

/* Adds the row encoded in d->enc (then emptied). */
void cf_recdigest_row(struct cf_recdigest *d);

/* Adds a row by its hash (the verifier, after sorting). */
void cf_recdigest_hash(struct cf_recdigest *d, const uint8_t h[CF_SHA256_LEN]);

/* The hash of the row in d->enc (then emptied), not added. */
void cf_recdigest_rowhash(struct cf_recdigest *d, uint8_t out[CF_SHA256_LEN]);

/*
 * The digest as hex; the state is freed (cf_recdigest_init() again to
 * reuse it).
 */
void cf_recdigest_final(struct cf_recdigest *d, char hex[CF_SHA256_HEX]);

/*
 * Steps `s` to its end, adding each row (all its columns) to a new
 * digest, and adds {"COUNTKEY": n, "digest": hex} to `j` as `key`.
 * Returns 0 or the store's error (`st` names it); `s` is reset.
 */
int cf_rec_stmt_digest(struct cf_store *st, sqlite3_stmt *s,
    struct cf_json *j, const char *key, const char *countkey);

/* Adds {"COUNTKEY": n, "digest": hex} to `j` as `key`. */
void cf_rec_json_digest(struct cf_json *j, const char *key,
    const char *countkey, int64_t n, const char *hex);

/* Frees a digest not finished (an error path). */
void cf_recdigest_release(struct cf_recdigest *d);

#endif
