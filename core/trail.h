/* SPDX-License-Identifier: MIT */
/*
 * trail.h - the tamper-evident trail of record changes (doc/ncr.md).
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

/*
 * The hash of one entry: hex(SHA-256(raw(prev_hex) || canonical bytes)),
 * where the canonical bytes are the netstrings of seq, at, actor, what,
 * subject and data.  `prev_hex` is the previous entry's hash (64 hex
 * digits; 64 zeros before the first entry).  Exposed so that a copy of
 * the trail (the evidence pack's) is verified by the same code.
 * CF_EINVALID when `prev_hex` is not 64 lower-case hex digits.
 */
int cf_trail_entry_hash(const char *prev_hex, int64_t seq, int64_t at,
    const char *actor, const char *what, const char *subject, const char *data,
    char out[CF_SHA256_HEX]);

/* The hash before the first entry: 64 zeros. */
extern const char cf_trail_zero_hash[CF_SHA256_HEX];

/* One stored entry, as cf_trail_each() hands it out (borrowed). */
struct cf_trail_entry {
	int64_t seq, at;
	const char *actor, *what, *subject, *data, *prev, *hash;
};

/*
 * Calls `fn` for every stored entry in order of seq, as stored (no
 * verification).  A non-zero return from `fn` stops the walk and is
 * returned.
 */
typedef int (*cf_trail_fn)(const struct cf_trail_entry *e, void *arg);
int cf_trail_each(struct cf_store *st, cf_trail_fn fn, void *arg);

/*
 * Whether an entry with action `what` about `subject` is stored: 1 when
 * there is one, 0 when there is none, or an error code.  The commit
 * gate asks it so that a doc commit interrupted after its entry was
 * written is recorded once, not twice.
 */
int cf_trail_has(struct cf_store *st, const char *what, const char *subject);

/*
 * The same walk over the entries of one subject only ("NCR-0003",
 * "audit 7"), in order of seq: the history of that record.
 */
int cf_trail_each_subject(struct cf_store *st, const char *subject,
    cf_trail_fn fn, void *arg);

/*
 * The stored hash of entry `seq` into `out`: CF_ENOTFOUND when the
 * trail has no such entry, CF_ERROR (or CF_EBUSY) when it cannot be
 * read.
 */
int cf_trail_hash(struct cf_store *st, int64_t seq, char out[CF_SHA256_HEX]);

#endif
