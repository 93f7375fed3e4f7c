/* SPDX-License-Identifier: MIT */
/*
 * recdigest.c - row encoding and digests (see recdigest.h).  A store
 * module only for cf_rec_stmt, which reads a statement's columns; it
 * owns no table.  Written for speed: the import encodes and hashes
 * every row it writes, so numbers are formatted by hand and one
 * SHA-256 context is reused for every row.
 */
#include "conform.h"
#include "json.h"
#include "recdigest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char cf_rec_digits2[201] =
    "00010203040506070809101112131415161718192021222324252627282930313233"
    "34353637383940414243444546474849505152535455565758596061626364656667"
    "6869707172737475767778798081828384858687888990919293949596979899";

/* "LEN:" + tag + bytes + "," (LEN counts the tag) */
static void
netstring(struct cf_buf *b, char tag, const void *p, size_t n)
{
	char len[24], *l = cf_rec_digits(len + sizeof len, (uint64_t)n + 1);
	size_t k = (size_t)(len + sizeof len - l);
	char *o;

	if (b->len + k + n + 3 >= b->alloc)
		cf_buf_grow(b, k + n + 3);
	o = b->s + b->len;
	memcpy(o, l, k);
	o += k;
	*o++ = ':';
	*o++ = tag;
	if (n)
		memcpy(o, p, n);
	o += n;
	*o++ = ',';
	*o = '\0';
	b->len = (size_t)(o - b->s);
}

void
cf_rec_null(struct cf_buf *b)
{
	if (b->len + 5 >= b->alloc)
		cf_buf_grow(b, 5);
	memcpy(b->s + b->len, "1:N,", 5);
	b->len += 4;
}

void
cf_rec_int(struct cf_buf *b, int64_t v)
{
	if (b->len + CF_REC_INT_MAX >= b->alloc)
		cf_buf_grow(b, CF_REC_INT_MAX);
	char *o = cf_rec_put_int(b->s + b->len, v);
	*o = '\0';
	b->len = (size_t)(o - b->s);
}

void
cf_rec_textn(struct cf_buf *b, const char *s, size_t n)
{
	netstring(b, 't', s, n);
}

void
cf_rec_text(struct cf_buf *b, const char *s)
{
	if (s == NULL)
		cf_rec_null(b);
	else
		netstring(b, 't', s, strlen(s));
}

void
cf_rec_stmt(struct cf_buf *b, sqlite3_stmt *s, int first, int n)
{
	for (int i = first; i < first + n; i++) {
		char real[40];
		int k;
		switch (sqlite3_column_type(s, i)) {
		case SQLITE_NULL:
			cf_rec_null(b);
			break;
		case SQLITE_INTEGER:
			cf_rec_int(b, sqlite3_column_int64(s, i));
			break;
		case SQLITE_FLOAT:
			k = snprintf(real, sizeof real, "%.17g",
			    sqlite3_column_double(s, i));
			netstring(b, 'r', real, (size_t)k);
			break;
		case SQLITE_BLOB: {
			const void *p = sqlite3_column_blob(s, i);
			netstring(b, 'b', p,
			    (size_t)sqlite3_column_bytes(s, i));
			break;
		}
		default: {
			const char *t =
			    (const char *)sqlite3_column_text(s, i);
			netstring(b, 't', t ? t : "",
			    (size_t)sqlite3_column_bytes(s, i));
			break;
		}
		}
	}
}

void
cf_rec_stmt_opt(struct cf_buf *b, sqlite3_stmt *s, int first, int n)
{
	for (int i = first; i < first + n; i++)
		if (sqlite3_column_type(s, i) != SQLITE_NULL) {
			cf_rec_stmt(b, s, first, n);
			return;
		}
}

void
cf_recdigest_init(struct cf_recdigest *d)
{
	cf_sha256_init(&d->all);
	cf_sha256_init(&d->row);
	d->n = 0;
	d->npend = 0;
	cf_buf_init(&d->enc);
}

static void
flush(struct cf_recdigest *d)
{
	cf_sha256_update(&d->all, d->pend, d->npend * CF_SHA256_LEN);
	d->npend = 0;
}

void
cf_recdigest_rowhash(struct cf_recdigest *d, uint8_t out[CF_SHA256_LEN])
{
	cf_sha256_again(&d->row, d->enc.s, d->enc.len, out);
	cf_buf_reset(&d->enc);
}

void
cf_recdigest_hash(struct cf_recdigest *d, const uint8_t h[CF_SHA256_LEN])
{
	if (d->npend == CF_ARRAY_LEN(d->pend))
		flush(d);
	memcpy(d->pend[d->npend++], h, CF_SHA256_LEN);
	d->n++;
}

void
cf_recdigest_row(struct cf_recdigest *d)
{
	if (d->npend == CF_ARRAY_LEN(d->pend))
		flush(d);
	cf_sha256_again(&d->row, d->enc.s, d->enc.len, d->pend[d->npend++]);
	cf_buf_reset(&d->enc);
	d->n++;
}

void
cf_recdigest_final(struct cf_recdigest *d, char hex[CF_SHA256_HEX])
{
	uint8_t h[CF_SHA256_LEN];

	flush(d);
	cf_sha256_final(&d->all, h);
	cf_hex(h, sizeof h, hex);
	cf_sha256_free(&d->row);
	cf_buf_release(&d->enc);
}

void
cf_recdigest_release(struct cf_recdigest *d)
{
	if (d->all.md) {
		uint8_t h[CF_SHA256_LEN];
		cf_sha256_final(&d->all, h);
	}
	if (d->row.md)
		cf_sha256_free(&d->row);
	cf_buf_release(&d->enc);
}

void
cf_rec_stmt_json(struct cf_json *j, sqlite3_stmt *s, int first, int n)
{
	for (int i = first; i < first + n; i++) {
		const char *name = sqlite3_column_name(s, i);
		char real[48];
		switch (sqlite3_column_type(s, i)) {
		case SQLITE_NULL:
			cf_json_str(j, name, NULL);
			break;
		case SQLITE_INTEGER:
			cf_json_int(j, name, sqlite3_column_int64(s, i));
			break;
		case SQLITE_FLOAT:
			snprintf(real, sizeof real, "real:%.17g",
			    sqlite3_column_double(s, i));
			cf_json_str(j, name, real);
			break;
		case SQLITE_BLOB: {
			const uint8_t *p = sqlite3_column_blob(s, i);
			size_t len = (size_t)sqlite3_column_bytes(s, i);
			char *hex = cf_xmalloc(2 * len + 6);
			memcpy(hex, "blob:", 5);
			cf_hex(p, len, hex + 5);
			cf_json_str(j, name, hex);
			free(hex);
			break;
		}
		default:
			cf_json_str(j, name,
			    (const char *)sqlite3_column_text(s, i));
			break;
		}
	}
}

void
cf_rec_json_digest(struct cf_json *j, const char *key, const char *countkey,
    int64_t n, const char *hex)
{
	struct cf_json *o = cf_json_new();
	char *text;

	cf_json_int(o, countkey, n);
	cf_json_str(o, "digest", hex);
	text = cf_json_text(o);
	cf_json_raw(j, key, text);
	free(text);
	cf_json_free(o);
}

int
cf_rec_stmt_digest(struct cf_store *st, sqlite3_stmt *s, struct cf_json *j,
    const char *key, const char *countkey)
{
	struct cf_recdigest d;
	char hex[CF_SHA256_HEX];
	int64_t n;
	int rc;

	cf_recdigest_init(&d);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		cf_rec_stmt(&d.enc, s, 0, sqlite3_column_count(s));
		cf_recdigest_row(&d);
	}
	if (rc != SQLITE_DONE) {
		rc = cf_store_error(st, "reading records to bind");
		sqlite3_reset(s);
		cf_recdigest_release(&d);
		return rc;
	}
	sqlite3_reset(s);
	n = d.n;
	cf_recdigest_final(&d, hex);
	cf_rec_json_digest(j, key, countkey, n, hex);
	return 0;
}
