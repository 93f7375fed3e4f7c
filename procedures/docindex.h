/* SPDX-License-Identifier: MIT */
/*
 * docindex.h - the document history of a workspace, as the audit and
 * the import use it.
 *
 * cf_docindex_procedure_ids() answers the import's question (SPEC 3.1):
 * which procedure ids are known, i.e. held as procedures/<id>.xml by any
 * commit in the history of main.
 */
#ifndef CF_DOCINDEX_H
#define CF_DOCINDEX_H

#include <stdbool.h>
#include <stdint.h>

#include "date.h"
#include "document.h"
#include "mem.h"

struct cf_repo;

/*
 * One version of one document: the state of its file as introduced by
 * one commit of main's first-parent history (or its deletion).
 */
struct cf_docversion {
	char commit[41];	/* the commit that introduced it, full hex */
	int64_t commit_time;	/* committer time, UTC seconds */
	int32_t commit_off;	/* committer's offset, minutes east */
	size_t order;		/* first-parent position: larger = nearer HEAD */
	cf_day effective_from;	/* its effective-from; for a deletion, or a
				   version whose date cannot be read, the
				   commit date in the workspace timezone */
	bool deleted;		/* the file was removed: nothing in force */
	char *author_name;
	char *author_email;	/* "" when none */
	char *approver_name;	/* last Approved-by trailer; NULL when none */
	char *approver_email;	/* "" when the trailer has no e-mail */
	struct cf_doc *doc;	/* the parsed document; NULL when deleted or
				   invalid */
	char *invalid;		/* when it does not validate: "commit C: FILE:
				   LINE: first problem"; else NULL */
};

/*
 * SPEC 3.1's rule: approver and author are the same person when their
 * e-mails match ignoring case or, where either has no e-mail, when the
 * names match exactly.  False when there is no approver.
 */
bool cf_docversion_self_approved(const struct cf_docversion *v);

/*
 * Fills `ids` (sorted bytewise, unique) with every procedure id that any
 * commit in main's history holds as procedures/<id>.xml.  An unborn main
 * gives none.
 */
int cf_docindex_procedure_ids(struct cf_repo *r, struct cf_strv *ids);

#endif
