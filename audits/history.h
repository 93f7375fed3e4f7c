/* SPDX-License-Identifier: MIT */
/*
 * history.h - the records' commits and main's history agree
 * (doc/integrity.md, "History").
 *
 * Audits cite commits (their documents, their checklist, every document
 * version they used) and so does every doc.commit entry of the trail.
 * A main rewritten with plain git (`commit --amend`, `reset`, `rebase`)
 * leaves them citing commits that are no longer on main; a commit made
 * with plain git is on main with no doc.commit entry.  Both are named.
 */
#ifndef CF_HISTORY_H
#define CF_HISTORY_H

#include "error.h"

struct cf_repo;
struct cf_store;

/*
 * trail verify's part: one problem in `probs` for every cited commit
 * that is not on main ("audit 2 cites commit ..., which is not on main:
 * main was rewritten"), and for every commit on main without its
 * doc.commit entry ("commit ... on main has no trail entry: it was not
 * made by conform doc commit").  A commit without an entry that changes
 * no document (its tree is its first parent's, or that of a commit the
 * trail records: a `git merge -s ours`) is not named; nor is `pending`
 * (NULL: none), the commit of an interrupted doc commit the next one
 * records.  The return is an error code only when the repository or
 * the store cannot be read.
 */
int cf_history_verify(struct cf_repo *r, struct cf_store *st,
    const char *pending, struct cf_diags *probs);

/*
 * audit run's part: CF_EINVALID naming the first cited commit that is
 * not on main, and the remedy, when there is one; 0 when there is none.
 */
int cf_history_check_cited(struct cf_repo *r, struct cf_store *st);

#endif
