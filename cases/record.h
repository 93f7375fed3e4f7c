/* SPDX-License-Identifier: MIT */
/*
 * record.h - a case and its events as the audit's checks see them.
 *
 * The audit reads the store in one pass and hands each case to the case
 * checks as this plain struct; the checks never read the store.  The
 * record is already cut at the end of the audit's --to date
 * (doc/working-days.md): a case completed after --to is pending (completed =
 * false) and events after --to are not in `events`.  Strings are borrowed from
 * the reader.
 */
#ifndef CF_RECORD_H
#define CF_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "date.h"

struct cf_event {
	const char *activity;
	struct cf_time ts;
	const char *actor; /* NULL when not recorded (absent or empty) */
	const char *role;  /* NULL when not recorded (absent or empty) */
	/*
	 * When the event was imported: its batch's imported_at (UTC s).
	 * Read only when the audit asks for it (a late-record check,
	 * reader.h); 0 otherwise.
	 */
	int64_t imported;
};

/*
 * One 好差评 evaluation of a case (doc/cases.md "Evaluations"), as the
 * audit sees it at the end of --to: rated on or before it, with the
 * revisit and rectification that are on or before it (else not set).
 */
struct cf_evaluation {
	struct cf_time rated_at;
	int rating;	     /* 1..5 */
	const char *channel; /* NULL when not recorded */
	int real_name;	     /* 1 yes, 0 no, -1 not recorded */
	bool revisited;
	struct cf_time revisit_at;
	bool rectified;
	struct cf_time rectified_at;
	/* The applicant's words: read for one case (cases show), NULL in
	 * the audit's pass, which never judges them. */
	const char *comment;
};

struct cf_case {
	const char *id;
	const char *procedure_id;
	struct cf_time accepted;
	/* When the application was received (doc/cases.md): on or before
	 * the acceptance; `received` false when not recorded. */
	bool received;
	struct cf_time received_at;
	bool completed; /* false: pending at the end of --to */
	struct cf_time completed_at;
	bool fee_recorded;
	int64_t fee_fen;
	bool materials_recorded;      /* false: no materials column at all */
	const char *const *materials; /* received ids: trimmed, non-empty */
	size_t nmaterials;
	const char *window;  /* NULL when not recorded */
	const char *channel; /* NULL when not recorded */
	/*
	 * When the completion was imported: the imported_at (UTC s) of the
	 * batch that brought it (completed_batch).  Read only when the
	 * audit asks for it, as event.imported; 0 when not read, when
	 * pending, or when the store does not know the batch.
	 */
	int64_t completed_imported;
	/* Ordered by instant, then position in the import (doc/cases.md). */
	const struct cf_event *events;
	size_t nevents;
	/* Its evaluations seen at the end of --to, by rated_at then
	 * channel; read only when the audit asks for them (reader.h). */
	const struct cf_evaluation *evaluations;
	size_t nevaluations;
	/*
	 * The events recorded up to --to when there were more than
	 * CF_CASE_MAX_EVENTS (0 otherwise): the reader holds one case in
	 * memory and keeps none of them then (nevents is 0), and the
	 * checks that read events give `error` instead of a verdict on
	 * part of the record.
	 */
	size_t events_over;
};

/* The most events of one case an audit holds (some 100 bytes each). */
#define CF_CASE_MAX_EVENTS 1000000

#endif
