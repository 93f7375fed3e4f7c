/* SPDX-License-Identifier: MIT */
/*
 * caseset.c - the in-memory set of case ids (see caseset.h).
 *
 * Slots hold entry number + 1 (0 is empty); the table doubles when it
 * is 70 % full.  Entries live in blocks of ENT_BLOCK, ids in arena
 * chunks of at least ARENA_CHUNK bytes.  The hash is FNV-1a (ids are
 * short ASCII or UTF-8 strings; FNV spreads them well enough, and the
 * stored hash makes both probing and resizing cheap).
 */
#include "conform.h"
#include "caseset.h"

#include <stdlib.h>
#include <string.h>

#define ENT_SHIFT 14
#define ENT_BLOCK (1u << ENT_SHIFT)
#define ARENA_CHUNK (1u << 20)

struct chunk {
	struct chunk *next;
	size_t used, size;
	char data[];
};

struct cf_caseset {
	uint32_t *slots;
	size_t mask; /* slots - 1 */
	struct cf_caseent **blocks;
	size_t nblocks, ablocks;
	size_t n;
	struct chunk *arena;
};

static uint32_t
fnv1a(const char *s, size_t n)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

struct cf_caseset *
cf_caseset_new(void)
{
	struct cf_caseset *set = cf_xcalloc(1, sizeof *set);

	set->mask = 1023;
	set->slots = cf_xcalloc(set->mask + 1, sizeof *set->slots);
	return set;
}

void
cf_caseset_free(struct cf_caseset *set)
{
	if (set == NULL)
		return;
	for (size_t i = 0; i < set->nblocks; i++)
		free(set->blocks[i]);
	free(set->blocks);
	free(set->slots);
	while (set->arena) {
		struct chunk *next = set->arena->next;
		free(set->arena);
		set->arena = next;
	}
	free(set);
}

size_t
cf_caseset_count(const struct cf_caseset *set)
{
	return set->n;
}

struct cf_caseent *
cf_caseset_at(struct cf_caseset *set, size_t i)
{
	return &set->blocks[i >> ENT_SHIFT][i & (ENT_BLOCK - 1)];
}

static bool
same(const struct cf_caseent *e, uint32_t h, const char *id, size_t len)
{
	return e->hash == h && memcmp(e->id, id, len) == 0 &&
	    e->id[len] == '\0';
}

struct cf_caseent *
cf_caseset_find(struct cf_caseset *set, const char *id, size_t len)
{
	uint32_t h = fnv1a(id, len);

	for (size_t i = h & set->mask;; i = (i + 1) & set->mask) {
		uint32_t s = set->slots[i];
		if (s == 0)
			return NULL;
		struct cf_caseent *e = cf_caseset_at(set, s - 1);
		if (same(e, h, id, len))
			return e;
	}
}

static char *
arena_copy(struct cf_caseset *set, const char *s, size_t n)
{
	struct chunk *c = set->arena;
	char *p;

	if (c == NULL || c->size - c->used < n + 1) {
		size_t size = n + 1 > ARENA_CHUNK ? n + 1 : ARENA_CHUNK;
		c = cf_xmalloc(sizeof *c + size);
		c->size = size;
		c->used = 0;
		c->next = set->arena;
		set->arena = c;
	}
	p = c->data + c->used;
	memcpy(p, s, n);
	p[n] = '\0';
	c->used += n + 1;
	return p;
}

static void
grow(struct cf_caseset *set)
{
	size_t nsize = 2 * (set->mask + 1);
	uint32_t *slots = cf_xcalloc(nsize, sizeof *slots);

	for (size_t k = 0; k < set->n; k++) {
		const struct cf_caseent *e = cf_caseset_at(set, k);
		size_t i = e->hash & (nsize - 1);
		while (slots[i])
			i = (i + 1) & (nsize - 1);
		slots[i] = (uint32_t)(k + 1);
	}
	free(set->slots);
	set->slots = slots;
	set->mask = nsize - 1;
}

struct cf_caseent *
cf_caseset_get(struct cf_caseset *set, const char *id, size_t len,
    bool *created)
{
	uint32_t h = fnv1a(id, len);
	size_t i;
	struct cf_caseent *e;

	for (i = h & set->mask;; i = (i + 1) & set->mask) {
		uint32_t s = set->slots[i];
		if (s == 0)
			break;
		e = cf_caseset_at(set, s - 1);
		if (same(e, h, id, len)) {
			*created = false;
			return e;
		}
	}
	if (set->n >= UINT32_MAX - 1)
		abort(); /* four billion cases in one import */
	if ((set->n >> ENT_SHIFT) >= set->nblocks) {
		CF_GROW(set->blocks, set->nblocks + 1, set->ablocks);
		set->blocks[set->nblocks++] = cf_xmalloc(
		    ENT_BLOCK * sizeof(struct cf_caseent));
	}
	e = cf_caseset_at(set, set->n);
	memset(e, 0, sizeof *e);
	e->id = arena_copy(set, id, len);
	e->hash = h;
	set->slots[i] = (uint32_t)(set->n + 1);
	set->n++;
	if (set->n * 10 > (set->mask + 1) * 7)
		grow(set);
	*created = true;
	return e;
}
