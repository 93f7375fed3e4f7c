/* SPDX-License-Identifier: MIT */
/*
 * attrs.h - the attributes of a case or event that conform does not
 * interpret, kept as one JSON object (SPEC 5.1: unknown columns are kept;
 * SPEC 5.2: any other XES attribute).
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

#include "mem.h"

struct cf_attrs {
	struct cf_buf json;
	size_t n;
	size_t *keys; /* offsets of the keys (unquoted, in `names`) */
	size_t nkeys, akeys;
	struct cf_buf names; /* the keys, NUL-separated */
	bool closed;	     /* json ends in the closing brace */
};

#define CF_ATTRS_INIT { CF_BUF_INIT, 0, NULL, 0, 0, CF_BUF_INIT, false }

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
