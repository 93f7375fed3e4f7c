/* SPDX-License-Identifier: MIT */
/*
 * caseset.h - the case ids one import has met, held in memory.
 *
 * An import must know, for every event row, whether its case is in the
 * same import or already stored, and must notice a case id used twice;
 * asking the database per row would cost a query per event.  The set
 * answers from memory: an open-addressing hash table of 64-bit slots
 * (hash and reference) over entries kept, each followed by its id, in
 * an arena of fixed chunks (so pointers stay valid).  No allocation per
 * id; about 28 bytes per entry plus the id, and 8-16 bytes of table, so
 * a million cases cost some 60 MB.
 *
 * Entries are never removed; the set lives as long as the import.
 */
#ifndef CF_CASESET_H
#define CF_CASESET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum cf_case_kind {
	CF_CASE_NEW,	    /* a case row of this import, not stored before */
	CF_CASE_REIMPORT,   /* a case row of this import, stored before */
	CF_CASE_STORED,	    /* only named by events; stored before */
	CF_CASE_UNRESOLVED, /* named by events; no case row (yet) */
	CF_CASE_BAD,	    /* a case row of this import that is bad */
};

struct cf_caseent {
	const char *id; /* NUL-terminated, owned by the set */
	uint32_t hash;
	uint32_t line; /* of the case row, or of the first event naming it */
	uint16_t file; /* index of that file in the import */
	uint8_t kind;  /* enum cf_case_kind */
};

struct cf_caseset;

struct cf_caseset *cf_caseset_new(void);
void cf_caseset_free(struct cf_caseset *set);

/* The entry for id[0..len), or NULL. */
struct cf_caseent *
cf_caseset_find(struct cf_caseset *set, const char *id, size_t len);

/*
 * The entry for id[0..len), created (zeroed but for the id) when absent;
 * *created tells which.
 */
struct cf_caseent *cf_caseset_get(struct cf_caseset *set, const char *id,
    size_t len, bool *created);

size_t cf_caseset_count(const struct cf_caseset *set);

/* The i-th entry in order of creation (0 <= i < count). */
struct cf_caseent *cf_caseset_at(struct cf_caseset *set, size_t i);

#endif
