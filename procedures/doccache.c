/* SPDX-License-Identifier: MIT */
/*
 * doccache.c - the doc_version table (see doccache.h).
 *
 * One row per version, numbered by `seq` in the index's history order;
 * reading them back in that order rebuilds the index exactly.  A
 * deleted version has a NULL blob, a version without approver NULL
 * approver columns, a valid one a NULL `invalid`.  Saving deletes every
 * row and writes them all again: the cache holds one index, the last.
 */
#include "conform.h"
#include "doccache.h"
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *
col_text(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	return t ? (const char *)t : NULL;
}

int
cf_doccache_load(struct cf_store *st, const char *key, cf_doccache_fn fn,
    void *arg)
{
	sqlite3_stmt *s = NULL;
	char *have = NULL;
	int rc;

	rc = cf_store_meta_get(st, "doc-index", &have);
	if (rc == CF_ENOTFOUND || (rc == 0 && strcmp(have, key) != 0)) {
		cf_error_clear();
		rc = 0;
		goto out;
	}
	if (rc < 0)
		goto out;
	if ((rc = cf_store_prepare(st, &s,
		 "SELECT type, id, path, ord, commit_id, blob, commit_time, "
		 "commit_off, effective_from, deleted, author_name, "
		 "author_email, approver_name, approver_email, subject, invalid, "
		 "approval, approval_note "
		 "FROM doc_version ORDER BY seq")) < 0)
		goto out;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct cf_docversion *v = cf_xcalloc(1, sizeof *v);
		v->type = (enum cf_doc_type)sqlite3_column_int(s, 0);
		v->id = cf_xstrdup(col_text(s, 1));
		v->path = cf_xstrdup(col_text(s, 2));
		v->order = (size_t)sqlite3_column_int64(s, 3);
		snprintf(v->commit, sizeof v->commit, "%s", col_text(s, 4));
		snprintf(v->blob, sizeof v->blob, "%s",
		    col_text(s, 5) ? col_text(s, 5) : "");
		v->commit_time = sqlite3_column_int64(s, 6);
		v->commit_off = sqlite3_column_int(s, 7);
		v->effective_from = (cf_day)sqlite3_column_int(s, 8);
		v->deleted = sqlite3_column_int(s, 9) != 0;
		v->author_name = cf_xstrdup(col_text(s, 10));
		v->author_email = cf_xstrdup(col_text(s, 11));
		v->approver_name = cf_store_col_dup(s, 12);
		v->approver_email = cf_store_col_dup(s, 13);
		v->subject = cf_xstrdup(col_text(s, 14));
		v->invalid = cf_store_col_dup(s, 15);
		v->approval = cf_store_col_dup(s, 16);
		v->approval_note = cf_store_col_dup(s, 17);
		fn(v, arg);
	}
	if (rc != SQLITE_DONE) {
		rc = cf_store_error(st, "reading the document index");
		goto out;
	}
	rc = 1;
out:
	sqlite3_finalize(s);
	free(have);
	return rc;
}

int
cf_doccache_save(struct cf_store *st, const char *key,
    struct cf_docversion *const *all, size_t n)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if ((rc = cf_store_begin(st)) < 0)
		return rc;
	if ((rc = cf_store_exec(st, "DELETE FROM doc_version")) < 0 ||
	    (rc = cf_store_prepare(st, &s,
		 "INSERT INTO doc_version(seq, type, id, path, ord, commit_id, "
		 "blob, commit_time, commit_off, effective_from, deleted, "
		 "author_name, author_email, approver_name, approver_email, "
		 "subject, invalid, approval, approval_note) VALUES (?1, ?2, "
		 "?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "
		 "?16, ?17, ?18, ?19)")) < 0)
		goto fail;
	for (size_t i = 0; i < n; i++) {
		const struct cf_docversion *v = all[i];
		sqlite3_bind_int64(s, 1, (sqlite3_int64)i);
		sqlite3_bind_int(s, 2, (int)v->type);
		sqlite3_bind_text(s, 3, v->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 4, v->path, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 5, (sqlite3_int64)v->order);
		sqlite3_bind_text(s, 6, v->commit, -1, SQLITE_STATIC);
		if (v->deleted)
			sqlite3_bind_null(s, 7);
		else
			sqlite3_bind_text(s, 7, v->blob, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 8, v->commit_time);
		sqlite3_bind_int(s, 9, v->commit_off);
		sqlite3_bind_int(s, 10, v->effective_from);
		sqlite3_bind_int(s, 11, v->deleted);
		sqlite3_bind_text(s, 12, v->author_name, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 13, v->author_email, -1, SQLITE_STATIC);
		if (v->approver_name) {
			sqlite3_bind_text(s, 14, v->approver_name, -1,
			    SQLITE_STATIC);
			sqlite3_bind_text(s, 15, v->approver_email, -1,
			    SQLITE_STATIC);
		} else {
			sqlite3_bind_null(s, 14);
			sqlite3_bind_null(s, 15);
		}
		sqlite3_bind_text(s, 16, v->subject, -1, SQLITE_STATIC);
		if (v->invalid)
			sqlite3_bind_text(s, 17, v->invalid, -1, SQLITE_STATIC);
		else
			sqlite3_bind_null(s, 17);
		if (v->approval)
			sqlite3_bind_text(s, 18, v->approval, -1,
			    SQLITE_STATIC);
		else
			sqlite3_bind_null(s, 18);
		if (v->approval_note)
			sqlite3_bind_text(s, 19, v->approval_note, -1,
			    SQLITE_STATIC);
		else
			sqlite3_bind_null(s, 19);
		if (sqlite3_step(s) != SQLITE_DONE) {
			rc = cf_store_error(st, "writing the document index");
			goto fail;
		}
		sqlite3_reset(s);
	}
	if ((rc = cf_store_meta_set(st, "doc-index", key)) < 0 ||
	    (rc = cf_store_commit(st)) < 0)
		goto fail;
	sqlite3_finalize(s);
	return 0;
fail:
	cf_store_rollback(st);
	sqlite3_finalize(s);
	return rc;
}
