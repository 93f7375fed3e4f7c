/* SPDX-License-Identifier: MIT */
/*
 * trail.h - the tamper-evident trail of record changes (SPEC 8).
 *
 * Every change to the records worth an auditor's trust — a document
 * commit recorded, an import batch, an audit stored, every change to an
 * NCR — appends one entry: when, who (actor), what (an action name such
 * as "ncr.update"), the subject (NCR number, audit id, batch hash,
 * commit id) and the new values as canonical JSON.  Each entry carries
 * SHA-256(previous entry's hash || this entry's canonical bytes), so an
 * edited, deleted, inserted or reordered entry breaks the chain, and
 * the head (last number and hash, kept in meta) reveals entries cut
 * from the end.  The entry is written in the same transaction as the
 * change it records: the caller holds that transaction.
 *
 * Canonical bytes: each field as a netstring, "LEN:BYTES,", in the order
 * seq, at, actor, what, subject, data.
 */
#ifndef CF_TRAIL_H
#define CF_TRAIL_H

#include <stdint.h>

#include "hash.h"

struct cf_store;

/*
 * Appends an entry inside the caller's write transaction.  `at` is UTC
 * seconds; `data` is canonical JSON (core/json.h).  The new entry's
 * number goes to *seq when not NULL.
 */
int cf_trail_append(struct cf_store *st, int64_t at, const char *actor,
    const char *what, const char *subject, const char *data, int64_t *seq);

/*
 * Recomputes the chain.  Returns 0 with the number of entries and the
 * head hash, or CF_EINVALID naming the first entry that does not match
 * ("trail entry 17 (2026-03-02T10:00:00Z ncr.update NCR-0003) was
 * edited: its hash does not match its contents").
 */
int cf_trail_verify(struct cf_store *st, int64_t *n, char head[CF_SHA256_HEX]);

#endif
