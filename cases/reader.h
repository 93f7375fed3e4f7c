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
 * from them before the pass).
 */
int cf_cases_ids(struct cf_store *st, const char *glob, cf_day from, cf_day to,
    struct cf_strv *ids);

/* Every import batch: its SHA-256 and file name, in import order. */
int cf_cases_batches(struct cf_store *st, struct cf_strv *sha,
    struct cf_strv *files);

#endif
