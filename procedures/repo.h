/* SPDX-License-Identifier: MIT */
/*
 * repo.h - the workspace's git repository, through libgit2 only.
 *
 * Documents are versioned as commits on `main`.  This module creates the
 * repository, makes commits from bytes in memory (so what is committed
 * is exactly what was validated), keeps the index in step with each
 * commit so that `git status` stays clean, and reads the documents of a
 * commit.  Commits use optimistic concurrency: a commit names the parent
 * it was validated against, and if `main` moved meanwhile it fails with
 * CF_ECONFLICT and nothing is written.
 */
#ifndef CF_REPO_H
#define CF_REPO_H

#include <stdbool.h>
#include <stdint.h>

#include <git2.h>

#include "mem.h"

#define CF_REPO_BRANCH "refs/heads/main"
#define CF_OID_HEX 41

struct cf_repo;

/*
 * libgit2, once per process: cf_repo_lib_init() before any other call
 * here (with fsync of the git directory on: document history is a
 * record too), cf_repo_lib_shutdown() at the end.
 */
int cf_repo_lib_init(void);
void cf_repo_lib_shutdown(void);

/* Creates a non-bare repository in `root` with HEAD on main. */
int cf_repo_init(struct cf_repo **out, const char *root);
int cf_repo_open(struct cf_repo **out, const char *root);
void cf_repo_free(struct cf_repo *r);

/* The libgit2 handle, borrowed. */
git_repository *cf_repo_git(struct cf_repo *r);

/* Turns the last libgit2 error into a conform error (CF_ERROR). */
int cf_repo_error(int gitrc, const char *what);

/* "Name <email>", or "Name" alone. */
struct cf_sig {
	char *name;
	char *email; /* "" when none was given */
};

int cf_sig_parse(struct cf_sig *out, const char *s);

/* "Name <email>", or "Name" when the e-mail is empty; the caller frees. */
char *cf_person(const char *name, const char *email);
void cf_sig_release(struct cf_sig *s);

/* One file of a commit: new bytes, or removal. */
struct cf_change {
	const char *path; /* workspace-relative */
	const char *data;
	size_t len;
	bool remove;
};

/*
 * The commit `main` points at, as hex (CF_ENOTFOUND when main has no
 * commit yet).
 */
int cf_repo_head(struct cf_repo *r, char hex[CF_OID_HEX]);

/*
 * The files under the folders `dirs` (relative to the work tree) whose
 * work-tree content differs from main's: edited, added (untracked or
 * not) or deleted, by path, appended to `out`.  Names starting with '.'
 * (editor and system files, no documents) are left out.  Reads the work
 * tree, never writes it; what git ignores is left out too.
 */
int cf_repo_uncommitted(struct cf_repo *r, const char *const *dirs,
    size_t ndirs, struct cf_strv *out);

/*
 * Whether commit `hex` (a full id) exists: 0 when it does, CF_ENOTFOUND
 * "commit ... does not exist in the workspace's repository" when the
 * repository holds no commit of that id, CF_EINVALID when `hex` is no
 * full id, CF_ERROR when the repository cannot be read.
 */
int cf_repo_commit_exists(struct cf_repo *r, const char *hex);

/*
 * Whether commit `hex` is commit `head` or one of its ancestors, in
 * *out.  CF_ERROR when the history cannot be read.
 */
int cf_repo_in_history(struct cf_repo *r, const char *head, const char *hex,
    bool *out);

/*
 * Who may sign, as main stood at commit `main`: the text of the
 * approved allowed signers then (doc/integrity.md, "Signatures and who
 * may sign").  Only the document index knows which version is approved,
 * so an index of main registers itself here when it opens (and leaves
 * when it is freed); checkpoints and packs ask through the repository.
 * 0 with *text borrowed; CF_ENOTFOUND when the workspace has no allowed
 * signers; CF_EINVALID naming why when none is approved, or when no
 * index of main is open to say.
 */
typedef int (*cf_repo_signers_fn)(void *arg, const char *main,
    const char **text);
void cf_repo_set_signers(struct cf_repo *r, cf_repo_signers_fn fn, void *arg);
/* Removes the resolver registered with `arg`, if it still is. */
void cf_repo_unset_signers(struct cf_repo *r, void *arg);
int cf_repo_signers(struct cf_repo *r, const char *main, const char **text);

/*
 * Calls `fn` for every commit of main's history (every ancestor, merges'
 * other parents too), newest first, with its tree and its first
 * parent's tree (NULL for a root commit).  An unborn main has none.  A
 * non-zero return from `fn` stops the walk and is returned.
 */
typedef int (*cf_repo_commit_fn)(const char *commit, const char *tree,
    const char *parent_tree, void *arg);
int cf_repo_walk_main(struct cf_repo *r, cf_repo_commit_fn fn, void *arg);

/* The tree of commit `hex` (CF_ENOTFOUND when there is no such commit). */
int cf_repo_tree_of(struct cf_repo *r, const char *hex, char tree[CF_OID_HEX]);

/*
 * Commits `changes` on top of `parent` (hex, or NULL for the first
 * commit), with `when` and the author's and committer's offset
 * `tz_minutes`: cf_repo_commit_prepare(), cf_repo_publish() and
 * cf_repo_sync_index() in a row.  Fails with CF_ECONFLICT when main no
 * longer points at `parent`.  On success the index holds the committed
 * content of the changed paths; *out_hex is the new commit.
 */
int cf_repo_commit(struct cf_repo *r, const char *parent,
    const struct cf_change *changes, size_t n, const struct cf_sig *author,
    const struct cf_sig *committer, int64_t when, int tz_minutes,
    const char *message, char out_hex[CF_OID_HEX]);

/*
 * Writes the commit object (blobs, trees, the commit) without moving
 * main: until cf_repo_publish it is unreachable, and an interrupted
 * commit leaves only objects git gc collects.
 */
int cf_repo_commit_prepare(struct cf_repo *r, const char *parent,
    const struct cf_change *changes, size_t n, const struct cf_sig *author,
    const struct cf_sig *committer, int64_t when, int tz_minutes,
    const char *message, char out_hex[CF_OID_HEX]);

/*
 * The same, signed with `sign_key` (NULL: unsigned) as git signs
 * commits with gpg.format = ssh, so that `git verify-commit` checks it
 * (doc/integrity.md, "Approvals are signatures").
 */
int cf_repo_commit_prepare_signed(struct cf_repo *r, const char *parent,
    const struct cf_change *changes, size_t n, const struct cf_sig *author,
    const struct cf_sig *committer, int64_t when, int tz_minutes,
    const char *message, const char *sign_key, char out_hex[CF_OID_HEX]);

/*
 * Moves main from `parent` (NULL: unborn) to `commit` in one atomic
 * step (git's lock file and rename), with a reflog entry.  CF_ECONFLICT
 * when main is no longer `parent`, or is locked by another writer.
 */
int cf_repo_publish(struct cf_repo *r, const char *parent, const char *commit);

/*
 * Makes the index entries of the paths that differ between commits
 * `from` (NULL: none) and `to` those of `to`, so that `git status`
 * agrees with a commit made from memory; other entries are kept.
 */
int cf_repo_sync_index(struct cf_repo *r, const char *from, const char *to);

/*
 * Resolves a revision (anything git accepts: a hex id or prefix, main,
 * HEAD~2, a tag) to the full hex id of a commit.  CF_ENOTFOUND when it
 * names no commit.
 */
int cf_repo_resolve(struct cf_repo *r, const char *rev, char hex[CF_OID_HEX]);

/*
 * Reads the file `path` as committed in commit `hex` into `out`
 * (replacing its content).  CF_ENOTFOUND when the commit has no such
 * file.
 */
int cf_repo_read(struct cf_repo *r, const char *hex, const char *path,
    struct cf_buf *out);

/* The git blob id `data` would have, as hex (no object is written). */
void cf_repo_blob_id(const char *data, size_t len, char hex[CF_OID_HEX]);

/*
 * Appends the path and blob id (hex) of every blob directly under the
 * folder `dir` of commit `rev` (hex; NULL = main; an unborn main has
 * none), in name order, without reading the blobs.
 */
int cf_repo_ls(struct cf_repo *r, const char *rev, const char *dir,
    struct cf_strv *paths, struct cf_strv *ids);

/*
 * Calls `fn` for every blob directly under the folder `dir` (e.g.
 * "calendars"), in name order, in the tree of commit `rev` (hex; NULL
 * means main).  An unborn main is an empty tree.  A non-zero return
 * from `fn` stops the walk and is returned.
 */
typedef int (*cf_repo_blob_fn)(const char *path, const char *data, size_t len,
    void *payload);
int cf_repo_foreach_blob(struct cf_repo *r, const char *rev, const char *dir,
    cf_repo_blob_fn fn, void *payload);

/*
 * Looks up blob `id` unless it is larger than a document may be
 * (CF_XML_MAX_BYTES, the limit of files): its size is read from the
 * object's header first, so an oversized blob committed with plain git
 * is never loaded (doc/hardening.md).  *size is the blob's size; *out
 * is NULL when it is too large.  The readers below pass such a blob on
 * with no data, and cf_doc_parse() refuses it as too large.
 */
int cf_repo_blob_lookup(struct cf_repo *r, const git_oid *id, git_blob **out,
    size_t *size);

/*
 * What a tree entry is when it is not a regular file (a blob of mode
 * 100644 or 100755): "a folder", "a symbolic link", "a submodule";
 * NULL for a regular file.  cf_repo_foreach_blob() passes only regular
 * files; cf_repo_ls_odd() lists the others, for naming them.
 */
const char *cf_repo_entry_odd(const git_tree_entry *e);
int cf_repo_ls_odd(struct cf_repo *r, const char *rev, const char *dir,
    struct cf_strv *paths, struct cf_strv *kinds);

/* ---- git's own identity ---- */

/*
 * The author git itself would record: user.name and user.email of the
 * repository's configuration (falling back to the global ones).
 * CF_ENOTFOUND when git has no user configured.  The caller releases
 * *out with cf_sig_release().
 */
int cf_repo_default_author(struct cf_repo *r, struct cf_sig *out);

/*
 * What a commit says of itself: its tree, its first parent ("" for a
 * root commit) and how many it has, its author and the author's time,
 * its message as stored.  Release with cf_commit_facts_release().
 */
struct cf_commit_facts {
	char tree[CF_OID_HEX];
	char parent[CF_OID_HEX];
	unsigned nparents;
	struct cf_sig author;
	int64_t author_time;
	char *message;
};
int cf_repo_commit_facts(struct cf_repo *r, const char *hex,
    struct cf_commit_facts *out);
void cf_commit_facts_release(struct cf_commit_facts *f);

/* The author of commit `hex` (release with cf_sig_release). */
int cf_repo_commit_author(struct cf_repo *r, const char *hex,
    struct cf_sig *out);

/*
 * git's `user.signingKey` (the repository's configuration, falling back
 * to the global one), as git uses it with gpg.format = ssh: a key file,
 * or a literal key "key::ssh-ed25519 AAAA..." (doc/integrity.md,
 * "The head anchored outside the database").  *out NULL when it is not
 * set; the caller frees.
 */
int cf_repo_signing_key(struct cf_repo *r, char **out);

#endif
