/* SPDX-License-Identifier: MIT */
/*
 * docindex.h - the document history of a workspace, as the audit and
 * the import use it.
 *
 * cf_docindex_procedure_ids() answers the import's question
 * (doc/documents.md): which procedure ids are known, i.e. held as
 * procedures/<id>.xml by any commit in the history of main.
 */
#ifndef CF_DOCINDEX_H
#define CF_DOCINDEX_H

#include <stdbool.h>
#include <stdint.h>

#include "date.h"
#include "document.h"
#include "docversion.h"
#include "mem.h"

struct cf_repo;

/*
 * doc/documents.md's rule: approver and author are the same person when their
 * e-mails match ignoring case or, where either has no e-mail, when the
 * names match exactly.  False when there is no approver.
 */
bool cf_docversion_self_approved(const struct cf_docversion *v);

/*
 * The approver of `v` with how it is known, for every output that
 * prints approvers: "NAME <EMAIL> (signed)", "... (recorded,
 * unsigned)", "... (claimed)"; NULL when none.  The caller frees.
 */
char *cf_docversion_approver(const struct cf_docversion *v);

/*
 * The index of every document version of main's first-parent history.
 *
 * Opening it walks the history once (or, when `cache` holds an index
 * built for the same HEAD, conform version and timezone, reads that
 * instead) and keeps, per document, its versions in history order and
 * sorted by effective-from, so that the version in force on a day is a
 * binary search.  `cache` may be NULL (no caching); a cache that cannot
 * be written (busy, read-only) is skipped silently: it is only a cache.
 * The index borrows `r` and `tz`, which must outlive it.
 */
struct cf_docindex;
struct cf_store;
struct cf_tz;

int cf_docindex_open(struct cf_docindex **out, struct cf_repo *r,
    struct cf_store *cache, struct cf_tz *tz);

/*
 * The same built afresh, never from or into a cache, with the approvers
 * `doc commit --approved-by` recorded read from the trail of `records`:
 * for records that are hostile input (an evidence pack's copy), whose
 * cache tables prove nothing.
 */
int cf_docindex_open_records(struct cf_docindex **out, struct cf_repo *r,
    struct cf_store *records, struct cf_tz *tz);
void cf_docindex_free(struct cf_docindex *idx);

/*
 * The index of the first-parent history ending at `commit` (40 hex), as
 * main stood when it pointed there (`audit run --as-of`); not cached.
 * `st` (may be NULL) gives the approvers the trail recorded.
 * CF_ENOTFOUND when the repository has no such commit.
 */
int cf_docindex_open_at(struct cf_docindex **out, struct cf_repo *r,
    struct cf_store *st, struct cf_tz *tz, const char *commit);

/*
 * Opens the repository and the index of workspace `ws` (cached in its
 * store, in its timezone).  Free both (the index first).
 */
struct cf_ws;
int cf_docindex_open_ws(struct cf_ws *ws, struct cf_repo **repo,
    struct cf_docindex **idx);

/*
 * Finds which type `id` is a document of.  With `want` >= 0 only that
 * type.  CF_ENOTFOUND "no document 'ID' in the history of main";
 * CF_EUSAGE when the id is used by two types and `want` < 0.
 */
int cf_docindex_find_type(const struct cf_docindex *idx, const char *id,
    int want, enum cf_doc_type *out);

/*
 * The text of the allowed signers an approval of `commit` signed at
 * `at` is judged by (doc/integrity.md "Signatures and who may sign"):
 * CF_ENOTFOUND when the workspace has none, CF_EINVALID when none was
 * in force.  Borrowed from the index.
 */
int cf_docindex_approval_signers(struct cf_docindex *idx, const char *commit,
    int64_t at, const char **text);

/* The commit main pointed at ("" for an unborn main). */
const char *cf_docindex_head(const struct cf_docindex *idx);

/* Whether the index came from the cache (for tests and benchmarks). */
bool cf_docindex_from_cache(const struct cf_docindex *idx);

/*
 * The versions of document `type`/`id`, oldest first; NULL (and *n = 0)
 * when the id never existed on main.
 */
struct cf_docversion *const *cf_docindex_history(const struct cf_docindex *idx,
    enum cf_doc_type type, const char *id, size_t *n);

/*
 * The version in force on day `d` (doc/documents.md): among the versions with
 * effective-from <= d, the one with the latest effective-from, ties to
 * the one nearer HEAD.  It may be a deletion (nothing in force, but the
 * caller can say since when) or an invalid version.  NULL when no
 * version had come into force by `d`.
 */
const struct cf_docversion *cf_docindex_in_force(const struct cf_docindex *idx,
    enum cf_doc_type type, const char *id, cf_day d);

/* The ids of `type` that ever existed on main, sorted; *n is the count. */
const char *const *cf_docindex_ids(const struct cf_docindex *idx,
    enum cf_doc_type type, size_t *n);

/* Every version of every document, in history order (oldest first). */
struct cf_docversion *const *
cf_docindex_all(const struct cf_docindex *idx, size_t *n);

/*
 * The parsed document of version `v` (parsed on first use, then kept).
 * CF_EINVALID with v->invalid as the message when the version does not
 * validate; CF_ENOTFOUND for a deletion.
 */
int cf_docindex_doc(struct cf_docindex *idx, const struct cf_docversion *v,
    const struct cf_doc **out);

/* The committed bytes of version `v` into `out`. */
int cf_docindex_bytes(struct cf_docindex *idx, const struct cf_docversion *v,
    struct cf_buf *out);

/*
 * Fills `ids` (sorted bytewise, unique) with every procedure id that any
 * commit in main's history holds as procedures/<id>.xml.  An unborn main
 * gives none.
 */
int cf_docindex_procedure_ids(struct cf_repo *r, struct cf_strv *ids);

#endif
