/* SPDX-License-Identifier: MIT */
/*
 * records.h - every record bound to the trail, checked
 * (doc/integrity.md, section 1).
 *
 * The trail's chain (core/trail.h, cf_trail_verify) proves the entries
 * were not edited; this proves the records are what the entries say:
 * it recomputes from the store the digest of every import batch's case
 * writes and events, of every audit (head, batches, versions, per check
 * the counts and findings, case results, NCR links) and every NCR's
 * whole state, and compares each with the entry that bound it.  A
 * batch, audit or NCR no entry names, an entry whose record is gone,
 * and an NCR whose stored state is not its last entry's are problems
 * too.  Entries written before records were bound (no digests in their
 * data: a workspace older than binding) cannot be checked: they are
 * counted in sum->not_bound, for the caller to say so, never counted as
 * bound.
 *
 * `conform trail verify` and `conform evidence verify` both call it, so
 * the workspace and a pack's records.db are judged by the same code.
 */
#ifndef CF_RECORDS_H
#define CF_RECORDS_H

#include <stdint.h>

#include "hash.h"

struct cf_store;

/* What cf_records_verify() found. */
struct cf_records_summary {
	int64_t entries;	 /* trail entries, chained */
	int64_t head_seq;	 /* the last entry's number (0: none) */
	char head[CF_SHA256_HEX]; /* its hash (64 zeros: none) */
	int64_t batches;	 /* import batches bound and matching */
	int64_t audits;		 /* audits bound and matching */
	int64_t ncrs;		 /* NCRs whose state matches their entries */
	int64_t not_bound;	 /* entries from before binding */
	int64_t problems;	 /* lines handed to fn */
};

/*
 * One problem, as one line without a newline ("audit 1, check C06: 21
 * findings stored, the trail holds 23"); borrowed for the call.
 */
typedef void (*cf_records_fn)(const char *problem, void *arg);

/*
 * Checks the chain (cf_trail_verify), then every record against its
 * entry, reading each table once.  Every problem goes to fn (NULL: only
 * counted).  Returns 0 when everything is bound, CF_EINVALID when any
 * problem was reported (entries not bound are no problem: they are only
 * counted), another negative code when the store cannot be read.  *sum is filled in every case
 * (may be NULL).
 */
int cf_records_verify(struct cf_store *st, cf_records_fn fn, void *arg,
    struct cf_records_summary *sum);

#endif
