/* SPDX-License-Identifier: MIT */
/*
 * doccache.h - the document index's cache in the store: the metadata of
 * every document version (not their content) in the doc_version table,
 * under a key kept in meta as "doc-index".
 *
 * The index (docindex.c) makes the key (HEAD, conform version and
 * timezone) and decides what a miss or a failure means; this module
 * owns the table and its SQL.
 */
#ifndef CF_DOCCACHE_H
#define CF_DOCCACHE_H

#include <stddef.h>

#include "docversion.h"

struct cf_store;

/* Takes one version read from the cache (the callee owns it). */
typedef void (*cf_doccache_fn)(struct cf_docversion *v, void *arg);

/*
 * When the cache holds `key`, hands every cached version to `fn` in the
 * order they were saved (their parsed document not loaded: v->doc is
 * NULL) and returns 1; returns 0, handing out nothing, when the cache
 * holds another key or none.  On a read error, what was handed out
 * stays with `fn`'s owner.
 */
int cf_doccache_load(struct cf_store *st, const char *key, cf_doccache_fn fn,
    void *arg);

/*
 * Replaces the cache with versions v[0..n) under `key`, in one write
 * transaction (rolled back on failure).  0 or an error code.
 */
int cf_doccache_save(struct cf_store *st, const char *key,
    struct cf_docversion *const *v, size_t n);

#endif
