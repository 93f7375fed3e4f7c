/* SPDX-License-Identifier: MIT */
/*
 * audit.h - running a checklist against the documents and the records
 * (doc/checks.md and doc/audits.md), and storing the result.
 *
 * One run:
 *   1. the checklist as committed on main (invalid: refused, exit 3);
 *      every sql check prepared in the sandbox (refused: exit 3) —
 *      nothing is stored for a refused audit;
 *   2. the period resolved (--to defaults to today, --from to the
 *      earliest stored acceptance), the committed calendars, the
 *      document version index;
 *   3. with --sample, the sample drawn from the case ids of the period
 *      and scope (a pass over ids only);
 *   4. ONE pass over the cases of the period and scope in case id
 *      order, each with its events, cut at the end of --to: the version
 *      in force on the acceptance day from the index (a binary search),
 *      every case check, results written as they come;
 *   5. the document checks over the procedures in scope in force on
 *      --to (and the standards for `approved`), the aggregates, the
 *      NCR check, the sql checks;
 *   6. the audit's head, counts, versions and batches stored, NCRs
 *      opened or joined, one trail entry — all in the one transaction
 *      the pass ran in, so an audit is stored whole or not at all.
 * Every problem but a refused checklist or sql query is an `error`
 * finding, never a refusal.  The audit keeps the highest import batch
 * id at its start (last_batch): the records it saw.
 *
 * --as-of (request.as_of): the same run with the stored audit's
 * checklist version, period, sampling, documents and calendar (as
 * committed at its documents commit) over the records the batches up
 * to its last_batch wrote (reader.h), printed by request.print inside
 * the transaction, which is then rolled back: nothing is stored, no
 * NCR opened, no trail entry (doc/audits.md).  --dry-run
 * (request.dry_run) is a new audit run and printed the same way, then
 * rolled back.
 */
#ifndef CF_AUDIT_H
#define CF_AUDIT_H

#include <stdbool.h>
#include <stdint.h>

#include "date.h"

struct cf_ws;

struct cf_store;

/* Prints the audit `id` that the run holds (stored or about to be
 * rolled back). */
typedef int (*cf_audit_print_fn)(struct cf_store *st, int64_t id, void *arg);

struct cf_audit_request {
	const char *checklist_id;
	bool has_from, has_to;
	cf_day from, to;
	bool sample;
	/*
	 * Re-run stored audit `as_of` (> 0) over exactly the records it saw
	 * (doc/audits.md): its checklist, period, sampling, documents and
	 * calendar as committed at its documents_commit, the batches up to
	 * its last_batch.  checklist_id and the period are taken from it.
	 * Nothing is stored: the run is rolled back after `print` has
	 * printed it.  CF_EINVALID for an audit stored before audits kept
	 * their last batch.
	 */
	int64_t as_of;
	/*
	 * Run as a stored audit would, NCRs opened and joined included,
	 * print it with `print` inside the transaction, then roll it all
	 * back (doc/audits.md "Trying an audit"): no audit row, NCR, trail
	 * entry or checkpoint remains.  out->id is 0; the NCR counts say
	 * what it would have opened and joined.
	 */
	bool dry_run;
	cf_audit_print_fn print;
	void *print_arg;
};

struct cf_audit_result {
	int64_t id;	  /* the stored audit */
	int64_t fails[3]; /* fail results by severity (major, minor,
			     observation) */
	int ncr_opened, ncr_joined;
	int64_t ncr_listed; /* failing subjects listed on an NCR already:
			       not raised again (doc/ncr.md) */
};

int cf_audit_run(struct cf_ws *ws, const struct cf_audit_request *req,
    struct cf_audit_result *out);

#endif
