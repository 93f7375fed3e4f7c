/* SPDX-License-Identifier: MIT */
/*
 * caseset.c - the in-memory set of case ids (see caseset.h).
 *
 * An event in a file by time names another case than the one before,
 * so the lookup is the hot path of such an import, and at a million
 * cases every memory access it makes misses the caches.  It makes two:
 * a slot holds the id's hash (upper 32 bits) and where its entry lies
 * (lower 32: arena chunk and offset), so a probe past a slot of another
 * id reads no entry; and the entry is followed by its id, so comparing
 * it reads the same line or the next.  The table doubles when 70 %
 * full.  Entries live in arena chunks of 2 MiB (one of its own for an
 * entry that does not fit), which, like a table of 2 MiB or more, are
 * asked for in huge pages where the system has them (fewer TLB
 * misses; nothing changes where it does not).  A list of references
 * in order of creation serves cf_caseset_at.  The hash is FNV-1a (ids
 * are short ASCII or UTF-8 strings; FNV spreads them well enough).
 */
#include "conform.h"
#include "caseset.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define CHUNK_SHIFT 21
#define CHUNK_BYTES ((size_t)1 << CHUNK_SHIFT)
/* a reference: chunk number + 1 (14 bits), offset / 8 (18 bits) */
#define OFF_BITS (CHUNK_SHIFT - 3)
#define MAX_CHUNKS ((1u << (32 - OFF_BITS)) - 1)

struct cf_caseset {
	uint64_t *slots;
	size_t mask; /* slots - 1 */
	char **chunks;
	size_t nchunks, achunks;
	size_t used; /* in the last chunk */
	size_t last_size;
	uint32_t *refs; /* by order of creation */
	size_t n, arefs;
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

/* Memory of `size` bytes, in huge pages where it is large enough. */
static void *
big_alloc(size_t size)
{
	void *p = NULL;

	if (size < CHUNK_BYTES)
		return cf_xmalloc(size);
	if (posix_memalign(&p, CHUNK_BYTES, size) != 0)
		return cf_xmalloc(size);
#ifdef MADV_HUGEPAGE
	(void)madvise(p, size, MADV_HUGEPAGE);
#endif
	return p;
}

static uint64_t *
new_slots(size_t n)
{
	uint64_t *slots = big_alloc(n * sizeof *slots);

	memset(slots, 0, n * sizeof *slots);
	return slots;
}

struct cf_caseset *
cf_caseset_new(void)
{
	struct cf_caseset *set = cf_xcalloc(1, sizeof *set);

	set->mask = 1023;
	set->slots = new_slots(set->mask + 1);
	return set;
}

void
cf_caseset_free(struct cf_caseset *set)
{
	if (set == NULL)
		return;
	for (size_t i = 0; i < set->nchunks; i++)
		free(set->chunks[i]);
	free(set->chunks);
	free(set->slots);
	free(set->refs);
	free(set);
}

size_t
cf_caseset_count(const struct cf_caseset *set)
{
	return set->n;
}

static struct cf_caseent *
deref(const struct cf_caseset *set, uint32_t ref)
{
	return (struct cf_caseent *)(set->chunks[(ref >> OFF_BITS) - 1] +
	    ((size_t)(ref & ((1u << OFF_BITS) - 1)) << 3));
}

struct cf_caseent *
cf_caseset_at(struct cf_caseset *set, size_t i)
{
	return deref(set, set->refs[i]);
}

static bool
same(const struct cf_caseent *e, const char *id, size_t len)
{
	return memcmp(e->id, id, len) == 0 && e->id[len] == '\0';
}

struct cf_caseent *
cf_caseset_find(struct cf_caseset *set, const char *id, size_t len)
{
	uint32_t h = fnv1a(id, len);

	for (size_t i = h & set->mask;; i = (i + 1) & set->mask) {
		uint64_t s = set->slots[i];
		if (s == 0)
			return NULL;
		if ((uint32_t)(s >> 32) == h) {
			struct cf_caseent *e = deref(set, (uint32_t)s);
			if (same(e, id, len))
				return e;
		}
	}
}

/* Room for an entry and its id; its reference in *ref. */
static struct cf_caseent *
arena_entry(struct cf_caseset *set, size_t len, uint32_t *ref)
{
	size_t need = (sizeof(struct cf_caseent) + len + 1 + 7) & ~(size_t)7;
	char *c;

	if (set->nchunks == 0 || need > set->last_size - set->used) {
		size_t size = need > CHUNK_BYTES ? need : CHUNK_BYTES;
		if (set->nchunks >= MAX_CHUNKS)
			abort(); /* 32 GiB of case ids in one import */
		CF_GROW(set->chunks, set->nchunks + 1, set->achunks);
		set->chunks[set->nchunks++] = big_alloc(size);
		set->last_size = size;
		set->used = 0;
	}
	c = set->chunks[set->nchunks - 1] + set->used;
	*ref = (uint32_t)(set->nchunks << OFF_BITS | set->used >> 3);
	set->used += need;
	return (struct cf_caseent *)c;
}

static void
grow(struct cf_caseset *set)
{
	size_t nsize = 2 * (set->mask + 1);
	uint64_t *slots = new_slots(nsize);

	for (size_t k = 0; k < set->n; k++) {
		uint32_t ref = set->refs[k];
		uint32_t h = deref(set, ref)->hash;
		size_t i = h & (nsize - 1);
		while (slots[i])
			i = (i + 1) & (nsize - 1);
		slots[i] = (uint64_t)h << 32 | ref;
	}
	free(set->slots);
	set->slots = slots;
	set->mask = nsize - 1;
}

struct cf_caseent *
cf_caseset_get(struct cf_caseset *set, const char *id, size_t len,
    bool *created)
{
	uint32_t h = fnv1a(id, len), ref;
	size_t i;
	struct cf_caseent *e;
	char *copy;

	for (i = h & set->mask;; i = (i + 1) & set->mask) {
		uint64_t s = set->slots[i];
		if (s == 0)
			break;
		if ((uint32_t)(s >> 32) == h) {
			e = deref(set, (uint32_t)s);
			if (same(e, id, len)) {
				*created = false;
				return e;
			}
		}
	}
	if (set->n >= UINT32_MAX - 1)
		abort(); /* four billion cases in one import */
	e = arena_entry(set, len, &ref);
	memset(e, 0, sizeof *e);
	copy = (char *)(e + 1);
	memcpy(copy, id, len);
	copy[len] = '\0';
	e->id = copy;
	e->hash = h;
	CF_GROW(set->refs, set->n + 1, set->arefs);
	set->refs[set->n++] = ref;
	set->slots[i] = (uint64_t)h << 32 | ref;
	if (set->n * 10 > (set->mask + 1) * 7)
		grow(set);
	*created = true;
	return e;
}
