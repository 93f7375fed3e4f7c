/* SPDX-License-Identifier: MIT */
/*
 * gate.c - the commit gate (see gate.h).
 *
 * Steps: note main's commit; read the work tree's document folders into
 * memory; list the differences with main's tree by blob id (an unchanged
 * file has the same id); refuse an empty change; validate the whole set
 * from the bytes read; commit exactly those bytes on top of the noted
 * commit with the Approved-by trailer.
 */
#include "conform.h"
#include "docindex.h"
#include "docset.h"
#include "gate.h"
#include "json.h"
#include "store.h"
#include "trail.h"

#include <stdlib.h>
#include <string.h>

char *
cf_gate_message(const char *message, const struct cf_sig *approver)
{
	char *who, *msg;
	const char *m = message;
	size_t n = strlen(m);

	if (approver == NULL) {
		while (n > 0 && (m[n - 1] == '\n' || m[n - 1] == ' '))
			n--;
		msg = cf_xstrndup(m, n);
		char *r = cf_xasprintf("%s\n", msg);
		free(msg);
		return r;
	}
	who = cf_person(approver->name, approver->email);
	msg = cf_trailer_add_approved_by(message, who);
	free(who);
	return msg;
}

/* main's document files: path and blob id. */
struct committed {
	struct cf_strv paths;
	struct cf_strv blobs;
};

static const char *
committed_blob(const struct committed *c, const char *path)
{
	for (size_t i = 0; i < c->paths.n; i++)
		if (strcmp(c->paths.v[i], path) == 0)
			return c->blobs.v[i];
	return NULL;
}

int
cf_gate_commit(struct cf_repo *r, const struct cf_gate_request *req,
    struct cf_diags *diags, struct cf_gate_result *res)
{
	struct committed com = { CF_STRV_INIT, CF_STRV_INIT };
	struct cf_wtfiles files = CF_WTFILES_INIT;
	struct cf_docset set = CF_DOCSET_INIT;
	struct cf_change *changes = NULL;
	size_t nchanges = 0;
	char *message = NULL;
	int rc;

	memset(res, 0, sizeof *res);
	rc = cf_repo_head(r, res->parent);
	if (rc == CF_ENOTFOUND) {
		cf_error_clear();
		res->parent[0] = '\0';
		rc = 0;
	} else if (rc < 0)
		return rc;
	for (int t = 0; t < CF_DOC_NTYPES && rc >= 0; t++)
		rc = cf_repo_ls(r, res->parent[0] ? res->parent : NULL,
		    cf_doc_type_dir((enum cf_doc_type)t), &com.paths,
		    &com.blobs);
	if (rc < 0)
		goto out;
	if ((rc = cf_worktree_read(req->root, &files)) < 0)
		goto out;

	changes = cf_xcalloc(files.n + com.paths.n + 1, sizeof *changes);
	for (size_t i = 0; i < files.n; i++) {
		const struct cf_wtfile *f = &files.v[i];
		const char *old = committed_blob(&com, f->path);
		char hex[CF_OID_HEX];
		if (f->data == NULL || f->len == (size_t)-1)
			continue; /* not a document: validation says so */
		cf_repo_blob_id(f->data, f->len, hex);
		if (old && strcmp(old, hex) == 0)
			continue;
		changes[nchanges].path = f->path;
		changes[nchanges].data = f->data;
		changes[nchanges].len = f->len;
		nchanges++;
		if (old)
			res->changed++;
		else
			res->added++;
	}
	for (size_t i = 0; i < com.paths.n; i++) {
		bool present = false;
		for (size_t k = 0; k < files.n && !present; k++)
			present = strcmp(files.v[k].path, com.paths.v[i]) == 0;
		if (present)
			continue;
		changes[nchanges].path = com.paths.v[i];
		changes[nchanges].remove = true;
		nchanges++;
		res->deleted++;
	}

	/* Validate the whole set as it will be after the commit. */
	rc = cf_docset_from_files(&set, &files, diags);
	if (rc < 0)
		goto out;
	if (nchanges == 0) {
		rc = cf_error_set(CF_EINVALID,
		    "nothing to commit: the documents are as committed in "
		    "%.12s",
		    res->parent);
		goto out;
	}
	res->documents = set.n;
	message = cf_gate_message(req->message, req->approver);
	rc = cf_repo_commit(r, res->parent[0] ? res->parent : NULL, changes,
	    nchanges, req->author, req->committer, req->when, req->tz_minutes,
	    message, res->commit);
out:
	free(message);
	free(changes);
	cf_docset_release(&set);
	cf_wtfiles_release(&files);
	cf_strv_release(&com.paths);
	cf_strv_release(&com.blobs);
	return rc;
}

int
cf_gate_record(struct cf_store *st, const struct cf_gate_result *res,
    const struct cf_sig *author, const struct cf_sig *approver,
    const char *msg, int64_t when)
{
	struct cf_json *j = cf_json_new();
	char *who = cf_person(author->name, author->email), *data;
	char *appr = approver ? cf_person(approver->name, approver->email)
			      : NULL;
	int rc;

	cf_json_str(j, "commit", res->commit);
	cf_json_str(j, "parent", res->parent[0] ? res->parent : NULL);
	cf_json_str(j, "author", who);
	cf_json_str(j, "approver", appr);
	cf_json_str(j, "message", msg);
	cf_json_int(j, "added", (int64_t)res->added);
	cf_json_int(j, "changed", (int64_t)res->changed);
	cf_json_int(j, "deleted", (int64_t)res->deleted);
	data = cf_json_text(j);
	if ((rc = cf_store_begin(st)) == 0) {
		rc = cf_trail_append(st, when, who, "doc.commit", res->commit,
		    data, NULL);
		rc = rc == 0 ? cf_store_commit(st) : rc;
		if (rc < 0)
			cf_store_rollback(st);
	}
	if (rc < 0)
		cf_error_prefix("commit %.12s was made, but recording it in "
				"the trail failed",
		    res->commit);
	free(data);
	free(who);
	free(appr);
	cf_json_free(j);
	return rc;
}
