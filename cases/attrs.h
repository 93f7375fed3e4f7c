/* SPDX-License-Identifier: MIT */
/*
 * attrs.h - the attributes of a case or event that conform does not
 * interpret, kept as one JSON object (doc/cases.md: unknown columns are kept;
 * doc/cases.md: any other XES attribute).
 *
 * Values are kept as the text the file gave (JSON strings), in the order
 * given.  A key that repeats within one case or event (an XES list, or
 * the same key nested under two parents) is kept every time, the second
 * as "key[2]", the third as "key[3]", so nothing is lost and the object
 * stays an object.  Input must be valid UTF-8 (the readers check).
 */
#ifndef CF_ATTRS_H
#define CF_ATTRS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mem.h"

/* One key of the object (in `names`), for the hash set below. */
struct cf_attrs_slot {
	uint32_t gen;  /* the object it belongs to (cf_attrs.gen), 0 none */
	uint32_t adds; /* how often this key was given (for "key[N]") */
	uint64_t hash;
	size_t off, len;
};

struct cf_attrs {
	struct cf_buf json;
	size_t n;
	struct cf_buf names; /* the keys written, NUL-separated */
	bool closed;	     /* json ends in the closing brace */
	/*
	 * The keys written, as a hash set, so that a repeated key is
	 * found in constant time: an XES event may carry a million
	 * attributes.  Slots of an earlier object have an older `gen`,
	 * so a reset costs nothing.
	 */
	struct cf_attrs_slot *slots;
	size_t nslots, used; /* nslots: 0 or a power of two */
	uint32_t gen;
};

#define CF_ATTRS_INIT                                                          \
	{                                                                      \
		CF_BUF_INIT, 0, CF_BUF_INIT, false, NULL, 0, 0, 1              \
	}

void cf_attrs_reset(struct cf_attrs *a);
void cf_attrs_release(struct cf_attrs *a);

/* Adds one attribute. */
void cf_attrs_add(struct cf_attrs *a, const char *key, size_t klen,
    const char *val, size_t vlen);

/* The JSON object text, or NULL when there is no attribute (borrowed). */
const char *cf_attrs_json(struct cf_attrs *a);

/* Appends `s` as a JSON string literal (quotes included) to `b`. */
void cf_attrs_json_string(struct cf_buf *b, const char *s, size_t n);

#endif
