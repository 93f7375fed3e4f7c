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

#include "hash.h"
#include "mem.h"
#include "store.h"

/* Typed values appended to a row's encoding. */
void cf_rec_null(struct cf_buf *b);
void cf_rec_int(struct cf_buf *b, int64_t v);
void cf_rec_text(struct cf_buf *b, const char *s); /* NULL: cf_rec_null */
void cf_rec_textn(struct cf_buf *b, const char *s, size_t n);

/*
 * Columns [first, first + n) of the statement's current row, each
 * encoded by its storage class.
 */
void cf_rec_stmt(struct cf_buf *b, sqlite3_stmt *s, int first, int n);

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
