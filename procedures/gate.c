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
#include "docset.h"
#include "gate.h"
#include "json.h"
#include "paths.h"
#include "store.h"
#include "trail.h"
#include "trailer.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

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

/*
 * Everything but moving main: reads and validates the document set and
 * writes the commit object (res->commit), unreachable until published.
 */
static int
gate_prepare(struct cf_repo *r, const struct cf_gate_request *req,
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
	rc = cf_repo_commit_prepare_signed(r,
	    res->parent[0] ? res->parent : NULL, changes, nchanges,
	    req->author, req->committer, req->when, req->tz_minutes, message,
	    req->sign_key, res->commit);
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
cf_gate_commit(struct cf_repo *r, const struct cf_gate_request *req,
    struct cf_diags *diags, struct cf_gate_result *res)
{
	const char *parent;
	int rc;

	if ((rc = gate_prepare(r, req, diags, res)) < 0)
		return rc;
	parent = res->parent[0] ? res->parent : NULL;
	if ((rc = cf_repo_publish(r, parent, res->commit)) < 0)
		return rc;
	return cf_repo_sync_index(r, parent, res->commit);
}

/* The trail data of a commit (canonical JSON; the caller frees it). */
static char *
record_data(const struct cf_gate_result *res, const char *who, const char *appr,
    const char *msg, bool late)
{
	struct cf_json *j = cf_json_new();
	char *data;

	cf_json_str(j, "commit", res->commit);
	cf_json_str(j, "parent", res->parent[0] ? res->parent : NULL);
	cf_json_str(j, "author", who);
	cf_json_str(j, "approver", appr);
	cf_json_str(j, "message", msg);
	cf_json_int(j, "added", (int64_t)res->added);
	cf_json_int(j, "changed", (int64_t)res->changed);
	cf_json_int(j, "deleted", (int64_t)res->deleted);
	if (late) /* recorded by the next commit after an interruption */
		cf_json_bool(j, "recorded_late", 1);
	data = cf_json_text(j);
	cf_json_free(j);
	return data;
}

int
cf_gate_record(struct cf_store *st, const struct cf_gate_result *res,
    const struct cf_sig *author, const struct cf_sig *approver, const char *msg,
    int64_t when)
{
	char *who = cf_person(author->name, author->email), *data;
	char *appr = approver ? cf_person(approver->name, approver->email)
			      : NULL;
	int rc;

	data = record_data(res, who, appr, msg, false);
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
	return rc;
}

/* ---- crash safety (see gate.h) ---- */

#define PENDING_FILE ".conform/doc-commit-pending"
#define LOCK_WAIT_MS 10000

/* What the trail needs of a commit, kept in PENDING_FILE while main
 * moves (a file: when the store refuses writes, nothing is left in it). */
struct pending {
	struct cf_gate_result res;
	char tree[CF_OID_HEX];
	char *who, *appr, *msg;
	int64_t when, since;
};

static void
netstring(struct cf_buf *b, const char *s)
{
	cf_buf_addf(b, "%zu:%s,", strlen(s), s);
}

/* Reads one netstring at *p into a new string; NULL when malformed. */
static char *
read_netstring(const char **p)
{
	char *end;
	unsigned long long n = strtoull(*p, &end, 10);
	char *s;

	if (end == *p || *end != ':' || strlen(end + 1) < n + 1 ||
	    end[1 + n] != ',')
		return NULL;
	s = cf_xstrndup(end + 1, (size_t)n);
	*p = end + 1 + n + 1;
	return s;
}

static char *
pending_text(const struct pending *pd)
{
	struct cf_buf b = CF_BUF_INIT;
	char num[4][32];

	snprintf(num[0], sizeof num[0], "%lld", (long long)pd->when);
	snprintf(num[1], sizeof num[1], "%lld", (long long)pd->since);
	snprintf(num[2], sizeof num[2], "%zu %zu %zu", pd->res.added,
	    pd->res.changed, pd->res.deleted);
	netstring(&b, pd->res.commit);
	netstring(&b, pd->res.parent);
	netstring(&b, num[0]);
	netstring(&b, num[1]);
	netstring(&b, num[2]);
	netstring(&b, pd->who);
	netstring(&b, pd->appr ? pd->appr : "");
	netstring(&b, pd->msg);
	netstring(&b, pd->tree);
	return cf_buf_detach(&b);
}

static void
pending_release(struct pending *pd)
{
	free(pd->who);
	free(pd->appr);
	free(pd->msg);
}

static int
pending_parse(struct pending *pd, const char *text)
{
	char *f[9] = { NULL };
	const char *p = text;
	int rc = 0;

	memset(pd, 0, sizeof *pd);
	for (int i = 0; i < 9 && rc == 0; i++)
		if ((f[i] = read_netstring(&p)) == NULL)
			rc = cf_error_set(CF_ERROR,
			    "the record of an interrupted doc commit ('%s') is "
			    "damaged",
			    PENDING_FILE);
	if (rc == 0 &&
	    (strlen(f[0]) != CF_OID_HEX - 1 || strlen(f[1]) >= CF_OID_HEX ||
		strlen(f[8]) != CF_OID_HEX - 1 || *p != '\0' ||
		sscanf(f[4], "%zu %zu %zu", &pd->res.added, &pd->res.changed,
		    &pd->res.deleted) != 3))
		rc = cf_error_set(CF_ERROR,
		    "the record of an interrupted doc commit ('%s') is "
		    "damaged",
		    PENDING_FILE);
	if (rc == 0) {
		memcpy(pd->res.commit, f[0], CF_OID_HEX);
		snprintf(pd->res.parent, sizeof pd->res.parent, "%s", f[1]);
		pd->when = strtoll(f[2], NULL, 10);
		pd->since = strtoll(f[3], NULL, 10);
		pd->who = f[5], f[5] = NULL;
		pd->appr = *f[6] ? f[6] : NULL;
		if (pd->appr)
			f[6] = NULL;
		pd->msg = f[7], f[7] = NULL;
		memcpy(pd->tree, f[8], CF_OID_HEX);
	}
	for (int i = 0; i < 9; i++)
		free(f[i]);
	return rc;
}

/* fsync of the folder `path` lies in, so a rename or unlink lasts. */
static void
sync_dir_of(const char *path)
{
	char *dir = cf_xstrdup(path), *slash = strrchr(dir, '/');
	int fd;

	if (slash)
		*slash = '\0';
	if ((fd = open(slash ? dir : ".",
		 O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		fsync(fd);
		close(fd);
	}
	free(dir);
}

static int
pending_write(const char *root, const struct pending *pd)
{
	char *path = cf_xasprintf("%s/" PENDING_FILE, root);
	char *text = pending_text(pd);
	int rc = cf_write_file_atomic(path, text, strlen(text));

	if (rc == 0)
		sync_dir_of(path);
	free(text);
	free(path);
	return rc;
}

static void
pending_remove(const char *root)
{
	char *path = cf_xasprintf("%s/" PENDING_FILE, root);

	if (unlink(path) == 0)
		sync_dir_of(path);
	free(path);
}

/*
 * Appends the commit's trail entry in one transaction, unless the trail
 * names it already (the entry was written, then the process died before
 * the pending file was removed).
 */
static int
record_pending(struct cf_store *st, const struct pending *pd, bool late)
{
	char *data;
	int rc;

	if ((rc = cf_store_begin(st)) < 0)
		return rc;
	rc = cf_trail_has(st, "doc.commit", pd->res.commit);
	if (rc == 0) {
		data = record_data(&pd->res, pd->who, pd->appr, pd->msg, late);
		rc = cf_trail_append(st, pd->when, pd->who, "doc.commit",
		    pd->res.commit, data, NULL);
		free(data);
	} else if (rc > 0)
		rc = 0; /* recorded already */
	if (rc == 0)
		rc = cf_store_commit(st);
	if (rc < 0)
		cf_store_rollback(st);
	return rc;
}

int
cf_gate_lock(const char *root, int *fd)
{
	char *path = cf_xasprintf("%s/.conform/commit.lock", root);
	int rc = cf_lock_wait(path, LOCK_WAIT_MS, "running a doc commit", fd);

	free(path);
	return rc;
}

void
cf_gate_unlock(int fd)
{
	if (fd >= 0)
		close(fd); /* and the lock goes with it */
}

/*
 * A git lock file left by the interrupted commit: made at or after it
 * started (a second's slack for coarse clocks), while conform's own lock
 * says no other conform commit runs.
 */
static void
remove_stale_lock(const char *root, const char *rel, int64_t since)
{
	char *path = cf_xasprintf("%s/.git/%s", root, rel);
	struct stat sb;

	if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode) &&
	    (int64_t)sb.st_mtime >= since - 1)
		unlink(path);
	free(path);
}

/*
 * Whether the pending record describes exactly commit pd->res.commit as
 * step 1 of cf_gate_commit_recorded made it, and whether that commit
 * passes the gate: its tree, its one parent, its author and time, its
 * message with the Approved-by trailer of the recorded approver; then
 * every document of the commit validated again.  A record written by
 * hand for a commit made with plain git fails one of these: nothing is
 * recorded (doc/documents.md).
 */
static int
pending_check(struct cf_repo *r, const struct pending *pd)
{
	struct cf_commit_facts cf;
	struct cf_sig appr = { 0 };
	struct cf_docset set = CF_DOCSET_INIT;
	struct cf_diags diags = CF_DIAGS_INIT;
	const char *what = NULL;
	char *who = NULL, *msg = NULL;
	int rc;

	if ((rc = cf_repo_commit_facts(r, pd->res.commit, &cf)) < 0)
		return rc;
	who = cf_person(cf.author.name, cf.author.email);
	if (pd->appr && cf_sig_parse(&appr, pd->appr) < 0) {
		cf_error_clear();
		what = "its approver is not 'Name <email>'";
	} else
		msg = cf_gate_message(pd->msg, pd->appr ? &appr : NULL);
	if (what)
		;
	else if (strcmp(cf.tree, pd->tree) != 0)
		what = "the commit's tree is another";
	else if (pd->res.parent[0] ? cf.nparents != 1 ||
		     strcmp(cf.parent, pd->res.parent) != 0
				       : cf.nparents != 0)
		what = "the commit's parent is another";
	else if (strcmp(who, pd->who) != 0)
		what = "the commit's author is another";
	else if (cf.author_time != pd->when)
		what = "the commit's time is another";
	else if (strcmp(cf.message, msg) != 0)
		what = "the commit's message or Approved-by trailer is another";
	if (what) {
		rc = cf_error_set(CF_EINVALID,
		    "%s: the record of an interrupted doc commit does not "
		    "describe commit %.12s on main (%s); nothing was recorded: "
		    "remove the file once the commit is looked into",
		    PENDING_FILE, pd->res.commit, what);
		goto out;
	}
	rc = cf_docset_load_commit(&set, r, pd->res.commit,
	    (1u << CF_DOC_NTYPES) - 1, &diags);
	if (rc == CF_EINVALID) {
		char *first = diags.n ? cf_diag_format(&diags.v[0]) : NULL;
		rc = cf_error_set(CF_EINVALID,
		    "%s: commit %.12s on main did not pass the gate (%s%s); "
		    "nothing was recorded: remove the file once the commit "
		    "is looked into",
		    PENDING_FILE, pd->res.commit, first ? first : "invalid",
		    diags.n > 1 ? ", ..." : "");
		free(first);
	}
out:
	cf_docset_release(&set);
	cf_diags_release(&diags);
	cf_sig_release(&appr);
	cf_commit_facts_release(&cf);
	free(who);
	free(msg);
	return rc;
}

int
cf_gate_recover(struct cf_repo *r, struct cf_store *st, const char *root,
    bool *recorded)
{
	struct pending pd;
	char *path = cf_xasprintf("%s/" PENDING_FILE, root);
	char *text = NULL, head[CF_OID_HEX] = "";
	size_t len;
	int rc;

	*recorded = false;
	rc = cf_read_file(path, 64u << 20, &text, &len);
	free(path);
	if (rc == CF_ENOTFOUND) {
		cf_error_clear();
		return 0;
	}
	if (rc < 0)
		return rc;
	rc = pending_parse(&pd, text);
	free(text);
	if (rc < 0)
		return rc;
	if ((rc = cf_repo_head(r, head)) == CF_ENOTFOUND) {
		cf_error_clear();
		rc = 0;
	}
	/* The record is believed only for the commit it describes; the
	 * git lock files are removed only then (a forged `since` must not
	 * remove a running git's locks). */
	if (rc == 0 && strcmp(head, pd.res.commit) == 0 &&
	    (rc = pending_check(r, &pd)) < 0) {
		pending_release(&pd);
		return rc;
	}
	bool ours = rc == 0 && strcmp(head, pd.res.commit) == 0;
	if (rc == 0 && !ours && strcmp(head, pd.res.parent) == 0) {
		/* main never moved: the commit object is there, unpublished */
		ours = pending_check(r, &pd) == 0;
		cf_error_clear();
	}
	if (ours) {
		remove_stale_lock(root, "refs/heads/main.lock", pd.since);
		remove_stale_lock(root, "index.lock", pd.since);
	}
	if (rc == 0 && strcmp(head, pd.res.commit) == 0) {
		/* main moved: the index and the trail may not be done. */
		if ((rc = cf_repo_sync_index(r,
			 pd.res.parent[0] ? pd.res.parent : NULL,
			 pd.res.commit)) == 0 &&
		    (rc = record_pending(st, &pd, true)) == 0)
			*recorded = true;
	}
	/* (if main never moved to it, the commit is garbage for git gc) */
	if (rc == 0)
		pending_remove(root);
	pending_release(&pd);
	return rc;
}

int
cf_gate_commit_recorded(struct cf_repo *r, struct cf_store *st,
    const struct cf_gate_request *req, struct cf_diags *diags,
    struct cf_gate_result *res)
{
	struct pending pd;
	const char *parent;
	int rc, irc;

	if ((rc = gate_prepare(r, req, diags, res)) < 0)
		return rc;
	memset(&pd, 0, sizeof pd);
	pd.res = *res;
	pd.who = cf_person(req->author->name, req->author->email);
	pd.appr = req->approver
	    ? cf_person(req->approver->name, req->approver->email)
	    : NULL;
	pd.msg = cf_xstrdup(req->message);
	pd.when = req->when;
	if ((rc = cf_repo_tree_of(r, res->commit, pd.tree)) < 0)
		goto out;
	pd.since = (int64_t)time(NULL);
	parent = res->parent[0] ? res->parent : NULL;
	/* 1. What the trail will say, kept until it is said. */
	if ((rc = pending_write(req->root, &pd)) < 0)
		goto out;
	cf_crash_point("doc-commit-pending");
	/* 2. main moves (one rename); 3. the index follows. */
	if ((rc = cf_repo_publish(r, parent, res->commit)) < 0) {
		pending_remove(req->root);
		goto out;
	}
	cf_crash_point("doc-commit-published");
	irc = cf_repo_sync_index(r, parent, res->commit);
	cf_crash_point("doc-commit-indexed");
	/* 4. The trail entry; then the pending record goes. */
	if ((rc = record_pending(st, &pd, false)) < 0) {
		/*
		 * The store refused the write (disk full, the file-size
		 * limit, read-only): undo the commit rather than leave it
		 * unrecorded - main back to the parent if it is still ours,
		 * and the index with it.  If main cannot go back, the
		 * pending record stays and the next doc commit records it.
		 */
		int keep = cf_error_code();
		char msg[1024];
		snprintf(msg, sizeof msg, "%s", cf_error_message());
		if (parent && cf_repo_publish(r, res->commit, parent) == 0) {
			if (irc == 0)
				cf_repo_sync_index(r, res->commit, parent);
			pending_remove(req->root);
			rc = cf_error_set(keep, "%s; nothing was committed",
			    msg);
		} else
			rc = cf_error_set(keep,
			    "commit %.12s was made, but recording it in the "
			    "trail failed (the next doc commit records it): %s",
			    res->commit, msg);
		goto out;
	}
	pending_remove(req->root);
	if (irc < 0)
		rc = cf_error_prefix("commit %.12s was made and recorded, but "
				     "the index was not updated (git status "
				     "shows its files as changed until "
				     "'git reset')",
		    res->commit);
out:
	pending_release(&pd);
	return rc;
}
