/* SPDX-License-Identifier: MIT */
/*
 * finals.h - the final steps of the procedures, as the XES import asks
 * for them (doc/cases.md "XES"): whether the activity a trace ends with
 * ends the case under the version of its procedure in force on its
 * acceptance day.
 *
 * The table is built from the document index before a file is read
 * (every procedure version parsed then, on the calling thread), and is
 * only read afterwards, by the reading thread: a binary search of the
 * index for the version in force, then of the table for its steps.
 */
#ifndef CF_FINALS_H
#define CF_FINALS_H

#include "date.h"

struct cf_docindex;
struct cf_finals;

/* Builds the table of every procedure version of `idx` (borrowed). */
int cf_finals_build(struct cf_finals **out, struct cf_docindex *idx);
void cf_finals_free(struct cf_finals *f);

enum cf_final {
	CF_FINAL_NONE, /* that version marks no step final (or none in force,
			  withdrawn or invalid): the last event completes */
	CF_FINAL_YES,  /* `activity` is a final step of that version */
	CF_FINAL_NO,   /* it is not, and that version has final steps */
};

/* Whether `activity` ends a case of `procedure` accepted on `day`. */
enum cf_final cf_finals_judge(const struct cf_finals *f, const char *procedure,
    cf_day day, const char *activity);

#endif
