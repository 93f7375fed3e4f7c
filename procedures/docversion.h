/* SPDX-License-Identifier: MIT */
/*
 * docversion.h - one version of one document, as the document index
 * (docindex.h) hands it out and its cache (doccache.h) stores it.  A
 * header of its own so that the index and its cache both include it
 * without including each other.
 */
#ifndef CF_DOCVERSION_H
#define CF_DOCVERSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "document.h"

/*
 * One version of one document: the state of its file as introduced by
 * one commit of main's first-parent history (a merged branch counts at
 * its merge commit), or its deletion.
 */
struct cf_docversion {
	enum cf_doc_type type;
	char *id;	       /* the document id */
	char *path;	       /* "procedures/P-BIZ-001.xml" */
	char commit[41];       /* the commit that introduced it, full hex */
	char blob[41];	       /* the file's blob id; "" when deleted */
	int64_t commit_time;   /* committer time, UTC seconds */
	int32_t commit_off;    /* committer's offset, minutes east */
	size_t order;	       /* first-parent position: larger = nearer HEAD */
	cf_day effective_from; /* its effective-from; for a deletion, a
				  calendar or checklist, or a version whose
				  date cannot be read: the commit date in the
				  workspace timezone */
	bool deleted;	       /* the file was removed: nothing in force */
	char *author_name;
	char *author_email;   /* "" when none */
	char *approver_name;  /* the approver (below); NULL when none */
	char *approver_email; /* "" when it has no e-mail */
	char *approval;	      /* how the approver is known (doc/integrity.md
				 "Approvals are signatures"): "signed",
				 "recorded" or "claimed"; NULL: none */
	char *approval_note;  /* for "claimed": why it does not count; for
				 "signed": the key; else NULL */
	char *subject;	      /* the commit message's first line */
	char *invalid;	      /* when it does not validate: "commit C:
				 FILE:LINE: first problem"; else NULL */
	struct cf_doc *doc;   /* parsed on demand: use cf_docindex_doc() */
};

#endif
