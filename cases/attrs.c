/* SPDX-License-Identifier: MIT */
/*
 * attrs.c - uninterpreted attributes as a JSON object (see attrs.h).
 *
 * The buffers are reused from one case or event to the next, so a
 * stream of millions of rows allocates nothing after the first few.
 * Duplicate keys are found by a linear look over the keys of the one
 * object being built (a handful in practice).
 */
#include "conform.h"
#include "attrs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
cf_attrs_reset(struct cf_attrs *a)
{
	cf_buf_reset(&a->json);
	cf_buf_reset(&a->names);
	a->n = 0;
	a->nkeys = 0;
	a->closed = false;
}

void
cf_attrs_release(struct cf_attrs *a)
{
	cf_buf_release(&a->json);
	cf_buf_release(&a->names);
	free(a->keys);
	a->keys = NULL;
	a->n = a->nkeys = a->akeys = 0;
	a->closed = false;
}

void
cf_attrs_json_string(struct cf_buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t run = 0;

	cf_buf_grow(b, n + 2);
	cf_buf_addc(b, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		cf_buf_add(b, s + run, i - run);
		run = i + 1;
		switch (c) {
		case '"':
			cf_buf_add(b, "\\\"", 2);
			break;
		case '\\':
			cf_buf_add(b, "\\\\", 2);
			break;
		case '\n':
			cf_buf_add(b, "\\n", 2);
			break;
		case '\r':
			cf_buf_add(b, "\\r", 2);
			break;
		case '\t':
			cf_buf_add(b, "\\t", 2);
			break;
		default: {
			char u[6] = { '\\', 'u', '0', '0', hex[c >> 4],
				hex[c & 15] };
			cf_buf_add(b, u, 6);
		}
		}
	}
	cf_buf_add(b, s + run, n - run);
	cf_buf_addc(b, '"');
}

/* How many keys equal to key[0..klen) (or "key[k]") are there? */
static size_t
count_same(const struct cf_attrs *a, const char *key, size_t klen)
{
	size_t n = 0;

	for (size_t i = 0; i < a->nkeys; i++) {
		const char *k = a->names.s + a->keys[i];
		if (strncmp(k, key, klen) == 0 &&
		    (k[klen] == '\0' || k[klen] == '['))
			n++;
	}
	return n;
}

/* Whether one of the first `nk` keys is k[0..n). */
static bool
has_key(const struct cf_attrs *a, size_t nk, const char *k, size_t n)
{
	for (size_t i = 0; i < nk; i++) {
		const char *x = a->names.s + a->keys[i];
		if (strncmp(x, k, n) == 0 && x[n] == '\0')
			return true;
	}
	return false;
}

void
cf_attrs_add(struct cf_attrs *a, const char *key, size_t klen,
    const char *val, size_t vlen)
{
	size_t same =
	    has_key(a, a->nkeys, key, klen) ? count_same(a, key, klen) : 0;

	if (a->closed) { /* reopen the object */
		a->json.s[--a->json.len] = '\0';
		a->closed = false;
	}
	cf_buf_addc(&a->json, a->n ? ',' : '{');
	CF_GROW(a->keys, a->nkeys + 1, a->akeys);
	a->keys[a->nkeys++] = a->names.len;
	cf_buf_add(&a->names, key, klen);
	if (same) {
		/* "key[N]" with the first N no other key has (a log may
		 * name a key "key[3]" itself). */
		size_t at = a->keys[a->nkeys - 1], m;
		for (size_t k = same + 1;; k++) {
			char suffix[32];
			a->names.len = at + klen;
			m = (size_t)snprintf(suffix, sizeof suffix, "[%zu]", k);
			cf_buf_add(&a->names, suffix, m);
			if (!has_key(a, a->nkeys - 1, a->names.s + at,
				klen + m))
				break;
		}
		cf_attrs_json_string(&a->json, a->names.s + at, klen + m);
	} else
		cf_attrs_json_string(&a->json, key, klen);
	cf_buf_addc(&a->names, '\0');
	cf_buf_addc(&a->json, ':');
	cf_attrs_json_string(&a->json, val, vlen);
	a->n++;
}

const char *
cf_attrs_json(struct cf_attrs *a)
{
	if (a->n == 0)
		return NULL;
	if (!a->closed) {
		cf_buf_addc(&a->json, '}');
		a->closed = true;
	}
	return a->json.s;
}
