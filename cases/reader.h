/* SPDX-License-Identifier: MIT */
/*
 * reader.h - the cases an audit judges, read from the store in one pass.
 *
 * A reader yields the cases whose procedure id matches a glob and whose
 * acceptance day (workspace zone) lies in [from, to], in case_id order
 * (bytes), each with its events in the order of doc/cases.md (instant, then
 * import sequence), as a struct cf_case (record.h).  Records are cut at
 * the end of `to` (doc/working-days.md): a case completed after it is pending
 * (completed = false) and events after it are left out, so an audit of
 * a closed period sees the same records however much is imported later.
 *
 * As of a batch (`audit run --as-of`, doc/audits.md): only the records
 * the batches up to it brought - cases with batch_id <= it, each in the
 * state of its latest write up to it (case_rec when its wrote_batch is
 * not after it, else the case_hist row with the greatest wrote_batch
 * up to it), events with batch_id <= it.
 *
 * One pass: one statement walks case_rec in case_id order and one walks
 * event_rec in (case_id, instant, seq) order, both along their primary
 * keys, and the two are merged; there is no query per case.  Memory is
 * one case and its events, at most CF_CASE_MAX_EVENTS of them (record.h:
 * a case with more is read without them, and says how many it had).
 */
#ifndef CF_READER_H
#define CF_READER_H

#include "date.h"
#include "mem.h"
#include "record.h"
#include "store.h"

struct cf_case_reader;

/*
 * Opens a reader over the cases of procedures matching `glob` (NULL or
 * "*": all) accepted on local days from..to inclusive.  `tz` is the
 * workspace zone (used to find the end of `to`).  Fails with
 * CF_EINVALID when the records were imported under another zone.
 */
int cf_case_reader_open(struct cf_case_reader **out, struct cf_store *st,
    struct cf_tz *tz, const char *glob, cf_day from, cf_day to);

/* What a reader reads beyond the current records. */
struct cf_case_reader_opts {
	/* The last batch whose records are read; < 0: every record. */
	int64_t as_of;
	/*
	 * Fill cf_case.completed_imported and cf_event.imported (the
	 * late-record check): the batch table is read once when the reader
	 * opens, and each row names its batch; nothing is asked per case.
	 */
	bool imports;
	/*
	 * Fill cf_case.evaluations (doc/cases.md "Evaluations"): those
	 * rated on or before the end of `to`, with the revisit and the
	 * rectification only when on or before it, by rated_at then
	 * channel; a third statement over eval_rec in (case_id, rated_at,
	 * channel) order, merged like the events.  As of a batch: those
	 * its batches brought, as the latest write up to it left them.
	 */
	bool evaluations;
};

/* cf_case_reader_open with options (NULL: as cf_case_reader_open). */
int cf_case_reader_open_with(struct cf_case_reader **out, struct cf_store *st,
    struct cf_tz *tz, const char *glob, cf_day from, cf_day to,
    const struct cf_case_reader_opts *opts);

/*
 * The next case: 1 and *out (borrowed until the next call), 0 at the
 * end, or a negative error.
 */
int cf_case_reader_next(struct cf_case_reader *r, const struct cf_case **out);

void cf_case_reader_free(struct cf_case_reader *r);

/*
 * The earliest stored acceptance day (an audit's default --from);
 * CF_ENOTFOUND when no case is stored.
 */
int cf_cases_first_day(struct cf_store *st, cf_day *out);

/*
 * The ids of the cases a reader with the same arguments would yield, in
 * the same order, without their events (the audit's sample is drawn
 * from them before the pass).  `as_of` as in cf_case_reader_opts.
 */
int cf_cases_ids(struct cf_store *st, const char *glob, cf_day from, cf_day to,
    int64_t as_of, struct cf_strv *ids);

/*
 * Every import batch up to batch `as_of` (< 0: every one): its SHA-256
 * and file name, in import order.
 */
int cf_cases_batches(struct cf_store *st, int64_t as_of, struct cf_strv *sha,
    struct cf_strv *files);

/* The highest import batch id (0 when nothing was imported). */
int cf_cases_last_batch(struct cf_store *st, int64_t *out);

#endif
