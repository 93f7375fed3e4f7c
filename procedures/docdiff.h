/* SPDX-License-Identifier: MIT */
/*
 * docdiff.h - field-level differences between two versions of a
 * document: what an auditor asks when a service guide changed ("the
 * committed limit went from 5 to 3 days, material M3 became required,
 * step 'inspect' was added after 'review'"), rather than a line diff.
 *
 * Each difference is a field name and its old and new values as text;
 * NULL for a value that is absent (an added or removed item).  The
 * order is the document's own: header fields, then materials, then
 * steps (checks, clauses, days for the other types).
 */
#ifndef CF_DOCDIFF_H
#define CF_DOCDIFF_H

#include <stddef.h>

#include "document.h"

struct cf_fieldchange {
	char *field;
	char *old; /* NULL: absent before */
	char *new; /* NULL: absent after */
};

struct cf_docdiff {
	struct cf_fieldchange *v;
	size_t n, alloc;
};

#define CF_DOCDIFF_INIT                                                        \
	{                                                                      \
		NULL, 0, 0                                                     \
	}

/*
 * The differences from `a` to `b` (either may be NULL: the document did
 * not exist).  Documents of different types differ in "type".
 */
void cf_docdiff(const struct cf_doc *a, const struct cf_doc *b,
    struct cf_docdiff *out);
void cf_docdiff_release(struct cf_docdiff *d);

/*
 * One line summing the differences up ("time-limit.committed 5 -> 3;
 * material M3 added"), at most `max` bytes (cut at a UTF-8 boundary,
 * with "..." appended).  The caller frees it.
 */
char *cf_docdiff_summary(const struct cf_docdiff *d, size_t max);

/*
 * What version `k` of a document's history `hist` (cf_docindex_history)
 * changed, in one line: "added", "deleted", "invalid: ...", or the
 * summary of its field changes from version k - 1 (`doc log`, the web
 * application's document page).  The caller frees it.
 */
struct cf_docindex;
struct cf_docversion;
char *cf_docdiff_change(struct cf_docindex *idx,
    struct cf_docversion *const *hist, size_t k);

#endif
