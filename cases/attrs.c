/* SPDX-License-Identifier: MIT */
/*
 * attrs.c - uninterpreted attributes as a JSON object (see attrs.h).
 *
 * The buffers are reused from one case or event to the next, so a
 * stream of millions of rows allocates nothing after the first few.
 * Duplicate keys are found in a hash set of the keys written (an open
 * addressing table whose slots carry the object's generation, so that
 * starting a new object empties it at no cost): a looked-over list made
 * an event of a million attributes cost hours.
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
	a->closed = false;
	a->used = 0;
	if (++a->gen == 0) { /* wrapped: clear the slots once */
		if (a->slots)
			memset(a->slots, 0, a->nslots * sizeof *a->slots);
		a->gen = 1;
	}
}

void
cf_attrs_release(struct cf_attrs *a)
{
	cf_buf_release(&a->json);
	cf_buf_release(&a->names);
	free(a->slots);
	a->slots = NULL;
	a->n = a->nslots = a->used = 0;
	a->gen = 1;
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

/* FNV-1a. */
static uint64_t
key_hash(const char *k, size_t n)
{
	uint64_t h = 1469598103934665603u;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)k[i]) * 1099511628211u;
	return h;
}

/* The slot of key k[0..n): its own, or the free one it would take. */
static struct cf_attrs_slot *
find(struct cf_attrs *a, const char *k, size_t n, uint64_t h)
{
	size_t mask = a->nslots - 1;

	for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
		struct cf_attrs_slot *sl = &a->slots[i];
		if (sl->gen != a->gen)
			return sl;
		if (sl->hash == h && sl->len == n &&
		    memcmp(a->names.s + sl->off, k, n) == 0)
			return sl;
	}
}

/* Room for one more key (the table stays at most half full). */
static void
reserve(struct cf_attrs *a)
{
	struct cf_attrs_slot *old = a->slots;
	size_t nold = a->nslots;
	uint32_t gen;

	if (a->gen == 0) /* a zeroed struct, not CF_ATTRS_INIT */
		a->gen = 1;
	gen = a->gen;
	if (2 * (a->used + 1) <= a->nslots)
		return;
	a->nslots = nold ? 2 * nold : 16;
	a->slots = cf_xcalloc(a->nslots, sizeof *a->slots);
	for (size_t i = 0; i < nold; i++)
		if (old[i].gen == gen)
			*find(a, a->names.s + old[i].off, old[i].len,
			    old[i].hash) = old[i];
	free(old);
}

/* Writes key k[0..n) to `names` and the set; it is not there yet. */
static void
add_key(struct cf_attrs *a, const char *k, size_t n, uint64_t h)
{
	struct cf_attrs_slot *sl;
	size_t off = a->names.len;

	reserve(a);
	cf_buf_add(&a->names, k, n);
	cf_buf_addc(&a->names, '\0');
	sl = find(a, a->names.s + off, n, h);
	sl->gen = a->gen;
	sl->adds = 1;
	sl->hash = h;
	sl->off = off;
	sl->len = n;
	a->used++;
}

void
cf_attrs_add(struct cf_attrs *a, const char *key, size_t klen, const char *val,
    size_t vlen)
{
	struct cf_attrs_slot *sl;
	uint64_t h = key_hash(key, klen);
	struct cf_buf cand = CF_BUF_INIT;

	if (a->closed) { /* reopen the object */
		a->json.s[--a->json.len] = '\0';
		a->closed = false;
	}
	cf_buf_addc(&a->json, a->n ? ',' : '{');
	reserve(a);
	sl = find(a, key, klen, h);
	if (sl->gen != a->gen) {
		add_key(a, key, klen, h);
		cf_attrs_json_string(&a->json, key, klen);
	} else {
		/* The N-th time: "key[N]", or the first N after it no
		 * other key has (a log may name a key "key[3]" itself). */
		uint32_t k = ++sl->adds;
		uint64_t ch;
		for (;; k++) {
			cf_buf_reset(&cand);
			cf_buf_add(&cand, key, klen);
			cf_buf_addf(&cand, "[%u]", (unsigned)k);
			ch = key_hash(cand.s, cand.len);
			if (find(a, cand.s, cand.len, ch)->gen != a->gen)
				break;
		}
		find(a, key, klen, h)->adds = k;
		add_key(a, cand.s, cand.len, ch);
		cf_attrs_json_string(&a->json, cand.s, cand.len);
	}
	cf_buf_addc(&a->json, ':');
	cf_attrs_json_string(&a->json, val, vlen);
	a->n++;
	cf_buf_release(&cand);
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
