/* SPDX-License-Identifier: MIT */
/*
 * evbatch.h - an import's events, written a batch at a time in the
 * order of event_rec's key (case_id, sec, nsec, seq).
 *
 * event_rec is a b-tree clustered by that key.  Real exports list
 * events by time, with case ids interleaved: written in file order,
 * every insert lands somewhere else in the tree, and once the part of
 * the tree the open cases occupy outgrows the caches, every insert
 * reads, searches and dirties a cold page.  Held back in a bounded
 * batch and written sorted, consecutive inserts share their pages.  No
 * temporary file and no merge: each batch is written when full, and
 * the last when the file ends (the tree ends up the same whatever the
 * order of the inserts; only the cost differs).
 *
 * The import has given each event its seq and hashed it before it is
 * added (neither depends on when it is written), and reads back no
 * event of its own before the batch is flushed
 * (doc/cases.md#import-speed).  An event is copied in; a batch already
 * in key order (a file by case) is written as it came.
 */
#ifndef CF_EVBATCH_H
#define CF_EVBATCH_H

#include <stddef.h>

#include "casedb.h"

/* The bytes one batch holds (events and their strings) by default. */
#define CF_EVBATCH_BYTES (8u * 1024 * 1024)

struct cf_evbatch;

/* Writes one event (the import: cf_casedb_event_insert); 0 or CF_E*. */
typedef int (*cf_evbatch_fn)(void *arg, const struct cf_eventrow *e);

/* A batch of about `bytes` (0: CF_EVBATCH_BYTES) writing through fn. */
struct cf_evbatch *cf_evbatch_new(size_t bytes, cf_evbatch_fn fn, void *arg);

/*
 * Writes the event at once while the events come in key order (at most
 * 1/32 of them before the one before); else copies it in, a full batch
 * written first.  Returns fn's error.
 */
int cf_evbatch_add(struct cf_evbatch *b, const struct cf_eventrow *e);

/*
 * Writes every event held, in key order, and empties the batch; the
 * next events (another file) are judged afresh.
 */
int cf_evbatch_flush(struct cf_evbatch *b);

/* Batches written, and of them those that had to be sorted (tests). */
void cf_evbatch_stats(const struct cf_evbatch *b, size_t *written,
    size_t *sorted);

/* Frees the batch; events still held are dropped, not written. */
void cf_evbatch_free(struct cf_evbatch *b);

#endif
