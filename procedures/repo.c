/* SPDX-License-Identifier: MIT */
/*
 * repo.c - the git repository through libgit2 (see repo.h).
 *
 * A commit is built without touching the work tree: blobs from the
 * validated bytes, a tree from the parent's tree plus the changes
 * (git_tree_create_updated handles nested paths), and git_commit_create
 * with update_ref = main, which refuses if main moved (GIT_EMODIFIED).
 * The index is then brought in step for the changed paths only, so the
 * user's other staged work is left alone.
 */
#include "conform.h"
#include "repo.h"
#include "xml.h"
#include "sshsig.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct cf_repo {
	git_repository *git;
	cf_repo_signers_fn signers_fn; /* the open index of main, if any */
	void *signers_arg;
};

int
cf_repo_error(int gitrc, const char *what)
{
	const git_error *e = git_error_last();

	if (gitrc == GIT_EMODIFIED)
		return cf_error_set(CF_ECONFLICT,
		    "%s: the branch main moved meanwhile (another writer); "
		    "nothing was committed, try again",
		    what);
	if (gitrc == GIT_ELOCKED)
		return cf_error_set(CF_ECONFLICT,
		    "%s: %s (another git is writing; if none is, that lock "
		    "file is left over and may be removed)",
		    what, e && e->message ? e->message : "locked");
	return cf_error_set(CF_ERROR, "%s: %s", what,
	    e && e->message ? e->message : "libgit2 error");
}

int
cf_repo_lib_init(void)
{
	if (git_libgit2_init() < 0)
		return cf_error_set(CF_ERROR, "cannot initialise libgit2");
	git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, 1);
	return 0;
}

void
cf_repo_lib_shutdown(void)
{
	git_libgit2_shutdown();
}

int
cf_repo_init(struct cf_repo **out, const char *root)
{
	git_repository_init_options opts;
	git_repository *git = NULL;
	int rc;

	*out = NULL;
	git_repository_init_options_init(&opts,
	    GIT_REPOSITORY_INIT_OPTIONS_VERSION);
	opts.flags = GIT_REPOSITORY_INIT_MKPATH | GIT_REPOSITORY_INIT_NO_REINIT;
	opts.initial_head = "main";
	if ((rc = git_repository_init_ext(&git, root, &opts)) < 0)
		return rc == GIT_EEXISTS
		    ? cf_error_set(CF_EEXISTS,
			  "'%s' is already a git repository", root)
		    : cf_repo_error(rc, "creating the repository");
	*out = cf_xcalloc(1, sizeof **out);
	(*out)->git = git;
	return 0;
}

int
cf_repo_open(struct cf_repo **out, const char *root)
{
	git_repository *git = NULL;
	int rc;

	*out = NULL;
	rc = git_repository_open_ext(&git, root, GIT_REPOSITORY_OPEN_NO_SEARCH,
	    NULL);
	if (rc < 0)
		return cf_repo_error(rc, "opening the document repository");
	*out = cf_xcalloc(1, sizeof **out);
	(*out)->git = git;
	return 0;
}

void
cf_repo_free(struct cf_repo *r)
{
	if (r == NULL)
		return;
	git_repository_free(r->git);
	free(r);
}

git_repository *
cf_repo_git(struct cf_repo *r)
{
	return r->git;
}

int
cf_sig_parse(struct cf_sig *out, const char *s)
{
	const char *lt = strchr(s, '<'), *gt = lt ? strchr(lt, '>') : NULL;
	const char *name = s;
	size_t nlen;

	out->name = out->email = NULL;
	if (lt && (gt == NULL || gt[1] != '\0'))
		goto bad;
	nlen = lt ? (size_t)(lt - s) : strlen(s);
	cf_trim(&name, &nlen);
	if (nlen == 0 || memchr(name, '>', nlen) || memchr(name, '\n', nlen))
		goto bad;
	out->name = cf_xstrndup(name, nlen);
	if (lt) {
		const char *e = lt + 1;
		size_t elen = (size_t)(gt - lt - 1);
		cf_trim(&e, &elen);
		if (elen == 0 || memchr(e, '<', elen) || memchr(e, ' ', elen))
			goto bad;
		out->email = cf_xstrndup(e, elen);
	} else
		out->email = cf_xstrdup("");
	return 0;
bad:
	cf_sig_release(out);
	return cf_error_set(CF_EUSAGE,
	    "invalid identity '%s', expected \"Name <email>\"", s);
}

char *
cf_person(const char *name, const char *email)
{
	if (email && *email)
		return cf_xasprintf("%s <%s>", name, email);
	return cf_xstrdup(name);
}

void
cf_sig_release(struct cf_sig *s)
{
	free(s->name);
	free(s->email);
	s->name = s->email = NULL;
}

int
cf_repo_head(struct cf_repo *r, char hex[CF_OID_HEX])
{
	git_oid id;
	int rc = git_reference_name_to_id(&id, r->git, CF_REPO_BRANCH);

	if (rc == GIT_ENOTFOUND)
		return cf_error_set(CF_ENOTFOUND, "main has no commit yet");
	if (rc < 0)
		return cf_repo_error(rc, "reading main");
	git_oid_tostr(hex, CF_OID_HEX, &id);
	return 0;
}

int
cf_repo_uncommitted(struct cf_repo *r, const char *const *dirs, size_t ndirs,
    struct cf_strv *out)
{
	git_diff_options o;
	git_diff *d = NULL;
	git_tree *tree = NULL;
	git_commit *c = NULL;
	git_oid id;
	int rc;

	rc = git_reference_name_to_id(&id, r->git, CF_REPO_BRANCH);
	if (rc == 0 && (rc = git_commit_lookup(&c, r->git, &id)) == 0)
		rc = git_commit_tree(&tree, c);
	if (rc == GIT_ENOTFOUND)
		rc = 0; /* unborn main: everything is uncommitted */
	if (rc < 0) {
		rc = cf_repo_error(rc, "reading main");
		goto out;
	}
	git_diff_options_init(&o, GIT_DIFF_OPTIONS_VERSION);
	o.flags = GIT_DIFF_INCLUDE_UNTRACKED | GIT_DIFF_RECURSE_UNTRACKED_DIRS;
	o.pathspec.strings = (char **)dirs;
	o.pathspec.count = ndirs;
	if ((rc = git_diff_tree_to_workdir(&d, r->git, tree, &o)) < 0) {
		rc = cf_repo_error(rc, "comparing the work tree with main");
		goto out;
	}
	for (size_t i = 0; i < git_diff_num_deltas(d); i++) {
		const git_diff_delta *x = git_diff_get_delta(d, i);
		const char *path = x->new_file.path ? x->new_file.path
						    : x->old_file.path;
		const char *base = strrchr(path, '/');
		base = base ? base + 1 : path;
		if (*base == '.')
			continue;
		cf_strv_push(out, path);
	}
	rc = 0;
out:
	git_diff_free(d);
	git_tree_free(tree);
	git_commit_free(c);
	return rc;
}

int
cf_repo_commit_exists(struct cf_repo *r, const char *hex)
{
	git_oid id;
	git_commit *c = NULL;
	int rc;

	if (strlen(hex) != CF_OID_HEX - 1 || git_oid_fromstr(&id, hex) < 0)
		return cf_error_set(CF_EINVALID, "'%s' is not a commit id",
		    hex);
	rc = git_commit_lookup(&c, r->git, &id);
	git_commit_free(c);
	if (rc == GIT_ENOTFOUND)
		return cf_error_set(CF_ENOTFOUND,
		    "commit %s does not exist in the workspace's repository",
		    hex);
	if (rc < 0)
		return cf_repo_error(rc, "reading a commit");
	return 0;
}

int
cf_repo_in_history(struct cf_repo *r, const char *head, const char *hex,
    bool *out)
{
	git_oid h, id;
	int rc;

	*out = false;
	if (git_oid_fromstr(&h, head) < 0 || git_oid_fromstr(&id, hex) < 0)
		return cf_error_set(CF_EINVALID, "'%s' is not a commit id",
		    git_oid_fromstr(&h, head) < 0 ? head : hex);
	if (git_oid_equal(&h, &id)) {
		*out = true;
		return 0;
	}
	rc = git_graph_descendant_of(r->git, &h, &id);
	if (rc < 0)
		return cf_repo_error(rc, "reading the history of main");
	*out = rc == 1;
	return 0;
}

int
cf_repo_walk_main(struct cf_repo *r, cf_repo_commit_fn fn, void *arg)
{
	git_revwalk *w = NULL;
	git_oid id;
	int rc;

	if ((rc = git_revwalk_new(&w, r->git)) < 0)
		return cf_repo_error(rc, "reading the history of main");
	git_revwalk_sorting(w, GIT_SORT_TOPOLOGICAL);
	rc = git_revwalk_push_ref(w, CF_REPO_BRANCH);
	if (rc == GIT_ENOTFOUND) {
		git_error_clear();
		git_revwalk_free(w);
		return 0;
	}
	if (rc < 0) {
		git_revwalk_free(w);
		return cf_repo_error(rc, "reading the history of main");
	}
	while ((rc = git_revwalk_next(&id, w)) == 0) {
		git_commit *c = NULL;
		char hex[CF_OID_HEX], tree[CF_OID_HEX], ptree[CF_OID_HEX];
		bool has_parent = false;
		if ((rc = git_commit_lookup(&c, r->git, &id)) < 0)
			break;
		git_oid_tostr(hex, sizeof hex, &id);
		git_oid_tostr(tree, sizeof tree, git_commit_tree_id(c));
		if (git_commit_parentcount(c) > 0) {
			git_commit *p = NULL;
			if ((rc = git_commit_parent(&p, c, 0)) < 0) {
				git_commit_free(c);
				break;
			}
			git_oid_tostr(ptree, sizeof ptree,
			    git_commit_tree_id(p));
			git_commit_free(p);
			has_parent = true;
		}
		git_commit_free(c);
		if ((rc = fn(hex, tree, has_parent ? ptree : NULL, arg)) != 0) {
			git_revwalk_free(w);
			return rc;
		}
	}
	git_revwalk_free(w);
	if (rc == GIT_ITEROVER)
		return 0;
	return cf_repo_error(rc, "reading the history of main");
}

int
cf_repo_tree_of(struct cf_repo *r, const char *hex, char tree[CF_OID_HEX])
{
	git_commit *c = NULL;
	git_oid id;
	int rc;

	if (git_oid_fromstr(&id, hex) < 0)
		return cf_error_set(CF_EINVALID, "'%s' is not a commit id",
		    hex);
	rc = git_commit_lookup(&c, r->git, &id);
	if (rc == GIT_ENOTFOUND) {
		git_error_clear();
		return cf_error_set(CF_ENOTFOUND,
		    "commit %s does not exist in the workspace's repository",
		    hex);
	}
	if (rc < 0)
		return cf_repo_error(rc, "reading a commit");
	git_oid_tostr(tree, CF_OID_HEX, git_commit_tree_id(c));
	git_commit_free(c);
	return 0;
}

/* The commit `hex` (NULL: none) and its tree. */
static int
commit_and_tree(git_repository *git, const char *hex, git_commit **c,
    git_tree **t)
{
	git_oid id;
	int rc;

	*c = NULL;
	*t = NULL;
	if (hex == NULL)
		return 0;
	if ((rc = git_oid_fromstr(&id, hex)) < 0 ||
	    (rc = git_commit_lookup(c, git, &id)) < 0 ||
	    (rc = git_commit_tree(t, *c)) < 0)
		return rc;
	return 0;
}

/*
 * Writes the commit object; with `sign_key`, signed as git signs with
 * gpg.format = ssh: the commit's bytes signed in namespace "git", the
 * signature in a gpgsig header (without its last newline: git's header
 * continuation lines carry it).
 */
static int
commit_write(git_repository *git, git_oid *cid, const git_signature *a,
    const git_signature *c, const char *message, const git_tree *tree,
    const git_commit *parent, const char *sign_key)
{
	const git_commit *parents[1] = { parent };
	git_buf buf = { 0 };
	char *sig = NULL;
	size_t n;
	int rc;

	if (sign_key == NULL) {
		rc = git_commit_create(cid, git, NULL, a, c, "UTF-8", message,
		    tree, parent ? 1 : 0, parents);
		return rc < 0 ? cf_repo_error(rc, "committing") : 0;
	}
	rc = git_commit_create_buffer(&buf, git, a, c, "UTF-8", message, tree,
	    parent ? 1 : 0, parents);
	if (rc < 0)
		return cf_repo_error(rc, "committing");
	rc = cf_sshsig_sign(sign_key, "git", buf.ptr, buf.size, &sig);
	if (rc == 0) {
		n = strlen(sig);
		while (n > 0 && sig[n - 1] == '\n')
			sig[--n] = '\0';
		rc = git_commit_create_with_signature(cid, git, buf.ptr, sig,
		    "gpgsig");
		if (rc < 0)
			rc = cf_repo_error(rc, "writing the signed commit");
	}
	free(sig);
	git_buf_dispose(&buf);
	return rc;
}

int
cf_repo_commit_prepare(struct cf_repo *r, const char *parent_hex,
    const struct cf_change *changes, size_t n, const struct cf_sig *author,
    const struct cf_sig *committer, int64_t when, int tz_minutes,
    const char *message, char out_hex[CF_OID_HEX])
{
	return cf_repo_commit_prepare_signed(r, parent_hex, changes, n, author,
	    committer, when, tz_minutes, message, NULL, out_hex);
}

int
cf_repo_commit_prepare_signed(struct cf_repo *r, const char *parent_hex,
    const struct cf_change *changes, size_t n, const struct cf_sig *author,
    const struct cf_sig *committer, int64_t when, int tz_minutes,
    const char *message, const char *sign_key, char out_hex[CF_OID_HEX])
{
	git_commit *parent = NULL;
	git_tree *base = NULL, *tree = NULL;
	git_signature *a = NULL, *c = NULL;
	git_tree_update *ups = cf_xcalloc(n ? n : 1, sizeof *ups);
	git_oid tid, cid;
	int rc = 0;

	if ((rc = commit_and_tree(r->git, parent_hex, &parent, &base)) < 0) {
		rc = cf_repo_error(rc, "reading the parent commit");
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		ups[i].path = changes[i].path;
		if (changes[i].remove) {
			ups[i].action = GIT_TREE_UPDATE_REMOVE;
			continue;
		}
		ups[i].action = GIT_TREE_UPDATE_UPSERT;
		ups[i].filemode = GIT_FILEMODE_BLOB;
		if ((rc = git_blob_create_from_buffer(&ups[i].id, r->git,
			 changes[i].data, changes[i].len)) < 0) {
			rc = cf_repo_error(rc, "writing a blob");
			goto out;
		}
	}
	if ((rc = git_tree_create_updated(&tid, r->git, base, n, ups)) < 0 ||
	    (rc = git_tree_lookup(&tree, r->git, &tid)) < 0) {
		rc = cf_repo_error(rc, "writing the tree");
		goto out;
	}
	if ((rc = git_signature_new(&a, author->name, author->email,
		 (git_time_t)when, tz_minutes)) < 0 ||
	    (rc = git_signature_new(&c, committer->name, committer->email,
		 (git_time_t)when, tz_minutes)) < 0) {
		rc = cf_repo_error(rc, "making the signatures");
		goto out;
	}
	/* The commit object only: main moves in cf_repo_publish. */
	if ((rc = commit_write(r->git, &cid, a, c, message, tree, parent,
		 sign_key)) < 0)
		goto out;
	git_oid_tostr(out_hex, CF_OID_HEX, &cid);
out:
	git_signature_free(a);
	git_signature_free(c);
	git_tree_free(tree);
	git_tree_free(base);
	git_commit_free(parent);
	free(ups);
	return rc;
}

int
cf_repo_publish(struct cf_repo *r, const char *parent_hex,
    const char *commit_hex)
{
	git_reference *ref = NULL;
	git_commit *c = NULL;
	git_oid pid, cid;
	char *log;
	int rc;

	if ((rc = git_oid_fromstr(&cid, commit_hex)) < 0 ||
	    (rc = git_commit_lookup(&c, r->git, &cid)) < 0)
		return cf_repo_error(rc, "reading the new commit");
	log = cf_xasprintf("commit%s: %s", parent_hex ? "" : " (initial)",
	    git_commit_summary(c));
	/* Compare and swap: main must still be the parent. */
	if (parent_hex) {
		if ((rc = git_oid_fromstr(&pid, parent_hex)) == 0)
			rc = git_reference_create_matching(&ref, r->git,
			    CF_REPO_BRANCH, &cid, 1, &pid, log);
	} else
		rc = git_reference_create(&ref, r->git, CF_REPO_BRANCH, &cid, 0,
		    log);
	if (rc == GIT_EEXISTS)
		rc = GIT_EMODIFIED;
	free(log);
	git_reference_free(ref);
	git_commit_free(c);
	return rc < 0 ? cf_repo_error(rc, "moving main") : 0;
}

int
cf_repo_sync_index(struct cf_repo *r, const char *from_hex, const char *to_hex)
{
	git_commit *fc = NULL, *tc = NULL;
	git_tree *ft = NULL, *tt = NULL;
	git_diff *diff = NULL;
	git_index *idx = NULL;
	int rc;

	if ((rc = commit_and_tree(r->git, from_hex, &fc, &ft)) < 0 ||
	    (rc = commit_and_tree(r->git, to_hex, &tc, &tt)) < 0 ||
	    (rc = git_diff_tree_to_tree(&diff, r->git, ft, tt, NULL)) < 0 ||
	    (rc = git_repository_index(&idx, r->git)) < 0)
		goto out;
	for (size_t i = 0; i < git_diff_num_deltas(diff) && rc >= 0; i++) {
		const git_diff_delta *d = git_diff_get_delta(diff, i);
		if (d->status == GIT_DELTA_DELETED) {
			rc = git_index_remove_bypath(idx, d->old_file.path);
			continue;
		}
		git_index_entry e;
		memset(&e, 0, sizeof e);
		e.mode = d->new_file.mode;
		e.id = d->new_file.id;
		e.path = d->new_file.path;
		e.file_size = (uint32_t)d->new_file.size;
		rc = git_index_add(idx, &e);
	}
	if (rc >= 0)
		rc = git_index_write(idx);
out:
	git_index_free(idx);
	git_diff_free(diff);
	git_tree_free(ft);
	git_tree_free(tt);
	git_commit_free(fc);
	git_commit_free(tc);
	return rc < 0 ? cf_repo_error(rc, "updating the index") : 0;
}

int
cf_repo_commit(struct cf_repo *r, const char *parent_hex,
    const struct cf_change *changes, size_t n, const struct cf_sig *author,
    const struct cf_sig *committer, int64_t when, int tz_minutes,
    const char *message, char out_hex[CF_OID_HEX])
{
	char parent[CF_OID_HEX];
	int rc;

	/* (callers may pass one buffer as the parent and the result) */
	if (parent_hex)
		snprintf(parent, sizeof parent, "%s", parent_hex);
	if ((rc = cf_repo_commit_prepare(r, parent_hex ? parent : NULL, changes,
		 n, author, committer, when, tz_minutes, message, out_hex)) <
		0 ||
	    (rc = cf_repo_publish(r, parent_hex ? parent : NULL, out_hex)) < 0)
		return rc;
	return cf_repo_sync_index(r, parent_hex ? parent : NULL, out_hex);
}

/* The tree of folder `dir` in commit `rev` (NULL: main); NULL if none. */
static int
folder_tree(struct cf_repo *r, const char *rev, const char *dir, git_tree **out)
{
	git_oid id;
	git_commit *commit = NULL;
	git_tree *root = NULL;
	git_tree_entry *te = NULL;
	int rc;

	*out = NULL;
	if (rev)
		rc = git_oid_fromstr(&id, rev);
	else
		rc = git_reference_name_to_id(&id, r->git, CF_REPO_BRANCH);
	if (rc == GIT_ENOTFOUND && rev == NULL)
		return 0; /* no commit yet: nothing */
	if (rc < 0)
		return cf_repo_error(rc, "reading main");
	if ((rc = git_commit_lookup(&commit, r->git, &id)) < 0 ||
	    (rc = git_commit_tree(&root, commit)) < 0) {
		rc = cf_repo_error(rc, "reading a commit");
		goto out;
	}
	rc = git_tree_entry_bypath(&te, root, dir);
	if (rc == GIT_ENOTFOUND) {
		rc = 0;
		goto out;
	}
	if (rc < 0) {
		rc = cf_repo_error(rc, "reading a tree");
		goto out;
	}
	if (git_tree_entry_type(te) == GIT_OBJECT_TREE &&
	    (rc = git_tree_lookup(out, r->git, git_tree_entry_id(te))) < 0)
		rc = cf_repo_error(rc, "reading a tree");
out:
	git_tree_entry_free(te);
	git_tree_free(root);
	git_commit_free(commit);
	return rc < 0 ? rc : 0;
}

int
cf_repo_ls(struct cf_repo *r, const char *rev, const char *dir,
    struct cf_strv *paths, struct cf_strv *ids)
{
	git_tree *sub = NULL;
	char hex[CF_OID_HEX];
	int rc = folder_tree(r, rev, dir, &sub);
	size_t count = sub ? git_tree_entrycount(sub) : 0;

	for (size_t i = 0; i < count; i++) {
		const git_tree_entry *e = git_tree_entry_byindex(sub, i);
		if (git_tree_entry_type(e) != GIT_OBJECT_BLOB)
			continue;
		cf_strv_push_owned(paths,
		    cf_xasprintf("%s/%s", dir, git_tree_entry_name(e)));
		git_oid_tostr(hex, sizeof hex, git_tree_entry_id(e));
		cf_strv_push(ids, hex);
	}
	git_tree_free(sub);
	return rc;
}

int
cf_repo_blob_lookup(struct cf_repo *r, const git_oid *id, git_blob **out,
    size_t *size)
{
	git_odb *odb = NULL;
	git_object_t type;
	size_t len = 0;
	int rc;

	*out = NULL;
	*size = 0;
	if ((rc = git_repository_odb(&odb, r->git)) < 0)
		return cf_repo_error(rc, "reading a blob");
	rc = git_odb_read_header(&len, &type, odb, id);
	git_odb_free(odb);
	if (rc < 0)
		return cf_repo_error(rc, "reading a blob");
	*size = len;
	if (len > CF_XML_MAX_BYTES)
		return 0;
	if ((rc = git_blob_lookup(out, r->git, id)) < 0)
		return cf_repo_error(rc, "reading a blob");
	*size = (size_t)git_blob_rawsize(*out);
	return 0;
}

const char *
cf_repo_entry_odd(const git_tree_entry *e)
{
	switch (git_tree_entry_filemode(e)) {
	case GIT_FILEMODE_BLOB:
	case GIT_FILEMODE_BLOB_EXECUTABLE:
		return NULL;
	case GIT_FILEMODE_TREE:
		return "a folder";
	case GIT_FILEMODE_LINK:
		return "a symbolic link";
	case GIT_FILEMODE_COMMIT:
		return "a submodule";
	default:
		return "not a file";
	}
}

int
cf_repo_ls_odd(struct cf_repo *r, const char *rev, const char *dir,
    struct cf_strv *paths, struct cf_strv *kinds)
{
	git_tree *sub = NULL;
	int rc = folder_tree(r, rev, dir, &sub);
	size_t count = sub ? git_tree_entrycount(sub) : 0;

	for (size_t i = 0; i < count && rc == 0; i++) {
		const git_tree_entry *e = git_tree_entry_byindex(sub, i);
		const char *odd = cf_repo_entry_odd(e);
		if (odd == NULL)
			continue;
		cf_strv_push_owned(paths,
		    cf_xasprintf("%s/%s", dir, git_tree_entry_name(e)));
		cf_strv_push(kinds, odd);
	}
	git_tree_free(sub);
	return rc;
}

int
cf_repo_foreach_blob(struct cf_repo *r, const char *rev, const char *dir,
    cf_repo_blob_fn fn, void *payload)
{
	git_tree *sub = NULL;
	int rc = folder_tree(r, rev, dir, &sub);
	size_t count = sub ? git_tree_entrycount(sub) : 0;

	for (size_t i = 0; i < count && rc == 0; i++) {
		const git_tree_entry *e = git_tree_entry_byindex(sub, i);
		git_blob *blob = NULL;
		size_t size;
		if (cf_repo_entry_odd(e) != NULL)
			continue; /* named by cf_repo_ls_odd */
		if ((rc = cf_repo_blob_lookup(r, git_tree_entry_id(e), &blob,
			 &size)) < 0)
			break;
		char *path = cf_xasprintf("%s/%s", dir, git_tree_entry_name(e));
		rc = fn(path, blob ? git_blob_rawcontent(blob) : NULL, size,
		    payload);
		free(path);
		git_blob_free(blob);
	}
	git_tree_free(sub);
	return rc;
}

int
cf_repo_resolve(struct cf_repo *r, const char *rev, char hex[CF_OID_HEX])
{
	git_object *obj = NULL, *peeled = NULL;
	int rc;

	rc = git_revparse_single(&obj, r->git, rev);
	if (rc == GIT_ENOTFOUND || rc == GIT_EAMBIGUOUS ||
	    rc == GIT_EINVALIDSPEC)
		return cf_error_set(CF_ENOTFOUND,
		    "revision '%s' names no commit%s", rev,
		    rc == GIT_EAMBIGUOUS ? " (ambiguous)" : "");
	if (rc < 0)
		return cf_repo_error(rc, "resolving a revision");
	rc = git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT);
	git_object_free(obj);
	if (rc < 0)
		return cf_error_set(CF_ENOTFOUND,
		    "revision '%s' names no commit", rev);
	git_oid_tostr(hex, CF_OID_HEX, git_object_id(peeled));
	git_object_free(peeled);
	return 0;
}

int
cf_repo_read(struct cf_repo *r, const char *hex, const char *path,
    struct cf_buf *out)
{
	git_oid id;
	git_commit *c = NULL;
	git_tree *tree = NULL;
	git_tree_entry *te = NULL;
	git_blob *blob = NULL;
	int rc;

	if ((rc = git_oid_fromstr(&id, hex)) < 0 ||
	    (rc = git_commit_lookup(&c, r->git, &id)) < 0 ||
	    (rc = git_commit_tree(&tree, c)) < 0) {
		rc = cf_repo_error(rc, "reading a commit");
		goto out;
	}
	rc = git_tree_entry_bypath(&te, tree, path);
	if (rc == GIT_ENOTFOUND ||
	    (rc == 0 && git_tree_entry_type(te) != GIT_OBJECT_BLOB)) {
		rc = cf_error_set(CF_ENOTFOUND, "commit %.12s has no '%s'", hex,
		    path);
		goto out;
	}
	size_t size;
	if (rc < 0) {
		rc = cf_repo_error(rc, "reading a blob");
		goto out;
	}
	if ((rc = cf_repo_blob_lookup(r, git_tree_entry_id(te), &blob,
		 &size)) < 0)
		goto out;
	if (blob == NULL) {
		rc = cf_error_set(CF_EINVALID,
		    "%s: document too large (%zu bytes, at most %u)", path,
		    size, CF_XML_MAX_BYTES);
		goto out;
	}
	cf_buf_reset(out);
	cf_buf_add(out, git_blob_rawcontent(blob),
	    (size_t)git_blob_rawsize(blob));
	rc = 0;
out:
	git_blob_free(blob);
	git_tree_entry_free(te);
	git_tree_free(tree);
	git_commit_free(c);
	return rc;
}

void
cf_repo_blob_id(const char *data, size_t len, char hex[CF_OID_HEX])
{
	git_oid id;

	git_odb_hash(&id, data, len, GIT_OBJECT_BLOB);
	git_oid_tostr(hex, CF_OID_HEX, &id);
}

/* ---- git's own identity ---- */

int
cf_repo_default_author(struct cf_repo *r, struct cf_sig *out)
{
	git_signature *sig = NULL;

	out->name = out->email = NULL;
	if (git_signature_default(&sig, r->git) < 0)
		return cf_error_set(CF_ENOTFOUND,
		    "no user.name and user.email in git's configuration");
	out->name = cf_xstrdup(sig->name);
	out->email = cf_xstrdup(sig->email ? sig->email : "");
	git_signature_free(sig);
	return 0;
}

int
cf_repo_signing_key(struct cf_repo *r, char **out)
{
	git_config *cfg = NULL;
	git_buf buf = { 0 };
	int rc;

	*out = NULL;
	if (git_repository_config_snapshot(&cfg, r->git) < 0)
		return cf_repo_error(-1, "reading git's configuration");
	rc = git_config_get_string_buf(&buf, cfg, "user.signingKey");
	if (rc == 0 && buf.ptr && *buf.ptr)
		*out = cf_xstrdup(buf.ptr);
	git_buf_dispose(&buf);
	git_config_free(cfg);
	if (rc < 0 && rc != GIT_ENOTFOUND)
		return cf_repo_error(rc, "reading user.signingKey");
	return 0;
}

int
cf_repo_commit_author(struct cf_repo *r, const char *hex, struct cf_sig *out)
{
	git_commit *c = NULL;
	const git_signature *a;
	git_oid id;
	int rc;

	out->name = out->email = NULL;
	if ((rc = git_oid_fromstr(&id, hex)) < 0 ||
	    (rc = git_commit_lookup(&c, r->git, &id)) < 0)
		return cf_repo_error(rc, "reading a commit");
	a = git_commit_author(c);
	out->name = cf_xstrdup(a && a->name ? a->name : "");
	out->email = cf_xstrdup(a && a->email ? a->email : "");
	git_commit_free(c);
	return 0;
}

int
cf_repo_commit_facts(struct cf_repo *r, const char *hex,
    struct cf_commit_facts *out)
{
	git_commit *c = NULL;
	const git_signature *a;
	const char *m;
	git_oid id;
	int rc;

	memset(out, 0, sizeof *out);
	if (git_oid_fromstr(&id, hex) < 0)
		return cf_error_set(CF_EINVALID, "'%s' is not a commit id",
		    hex);
	if ((rc = git_commit_lookup(&c, r->git, &id)) < 0)
		return cf_repo_error(rc, "reading a commit");
	git_oid_tostr(out->tree, CF_OID_HEX, git_commit_tree_id(c));
	out->nparents = git_commit_parentcount(c);
	if (out->nparents > 0)
		git_oid_tostr(out->parent, CF_OID_HEX,
		    git_commit_parent_id(c, 0));
	a = git_commit_author(c);
	out->author.name = cf_xstrdup(a && a->name ? a->name : "");
	out->author.email = cf_xstrdup(a && a->email ? a->email : "");
	out->author_time = a ? (int64_t)a->when.time : 0;
	m = git_commit_message_raw(c);
	out->message = cf_xstrdup(m ? m : "");
	git_commit_free(c);
	return 0;
}

void
cf_commit_facts_release(struct cf_commit_facts *f)
{
	cf_sig_release(&f->author);
	free(f->message);
	f->message = NULL;
}

void
cf_repo_set_signers(struct cf_repo *r, cf_repo_signers_fn fn, void *arg)
{
	r->signers_fn = fn;
	r->signers_arg = arg;
}

void
cf_repo_unset_signers(struct cf_repo *r, void *arg)
{
	if (r->signers_arg == arg) {
		r->signers_fn = NULL;
		r->signers_arg = NULL;
	}
}

int
cf_repo_signers(struct cf_repo *r, const char *main, const char **text)
{
	*text = NULL;
	if (r->signers_fn == NULL)
		return cf_error_set(CF_EINVALID,
		    "who may sign is not known here (no index of main's "
		    "documents is open)");
	return r->signers_fn(r->signers_arg, main, text);
}
