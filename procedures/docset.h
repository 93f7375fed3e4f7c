/* SPDX-License-Identifier: MIT */
/*
 * docset.h - a set of parsed documents, loaded from the work tree or
 * from a commit, and the workspace calendar built from it.
 *
 * Loading collects every problem of every document (so `doc check` and
 * `doc commit` can print them all) and keeps the documents that parsed.
 * Files in the four folders that are not NAME.xml directly in the
 * folder are problems too: everything there is a controlled document.
 */
#ifndef CF_DOCSET_H
#define CF_DOCSET_H

#include "document.h"

struct cf_repo;
struct cf_ws;
struct cf_cal;

struct cf_docset {
	struct cf_doc **v;
	size_t n, alloc;
	size_t nfiles; /* files looked at, parsed or not */
};

#define CF_DOCSET_INIT                                                         \
	{                                                                      \
		NULL, 0, 0, 0                                                  \
	}

void cf_docset_release(struct cf_docset *set);
void cf_docset_add(struct cf_docset *set, struct cf_doc *doc); /* takes it */

/* A file under one of the four folders of the work tree, as bytes. */
struct cf_wtfile {
	char *path; /* workspace-relative, e.g. "procedures/P-1.xml" */
	char *data; /* NULL for a folder or anything not a regular file */
	size_t len;
	const char *kind; /* what it is when not a regular file: "a FIFO",
			     "a symbolic link", "a folder" (cf_file_kind) */
};

struct cf_wtfiles {
	struct cf_wtfile *v;
	size_t n, alloc;
};

#define CF_WTFILES_INIT                                                        \
	{                                                                      \
		NULL, 0, 0                                                     \
	}

/*
 * Reads every entry of the four folders of the work tree at `root`, in
 * path order.  Names starting with '.' (editor and system files) are
 * not documents and are left out.  What is read is what is validated
 * and committed: nothing is read twice.
 */
int cf_worktree_read(const char *root, struct cf_wtfiles *out);
void cf_wtfiles_release(struct cf_wtfiles *f);

/*
 * Parses `files` into `set`: every file must be a NAME.xml document of
 * its folder; then the rules across documents.  CF_EINVALID with every
 * problem in `diags` (the valid documents are still in `set`).
 */
int cf_docset_from_files(struct cf_docset *set, const struct cf_wtfiles *files,
    struct cf_diags *diags);

/*
 * Loads every document under the four folders of the work tree at
 * `root`.  Returns 0, or CF_EINVALID when any file has a problem (the
 * valid ones are still in `set`), or CF_ERROR for an I/O failure.
 */
int cf_docset_load_worktree(struct cf_docset *set, const char *root,
    struct cf_diags *diags);

/*
 * Loads the documents of the folders in `type_mask` (1 << CF_DOC_*)
 * from commit `rev` (hex; NULL = main).  Same returns.
 */
int cf_docset_load_commit(struct cf_docset *set, struct cf_repo *r,
    const char *rev, unsigned type_mask, struct cf_diags *diags);

/*
 * The working-day calendar of the workspace: the calendars committed on
 * main (doc/documents.md: commands read committed documents).  With `ws` NULL,
 * the official calendars shipped with conform.
 */
int cf_docset_calendar(struct cf_ws *ws, struct cf_cal **out);

/* The same as committed at `rev` (hex; NULL = main). */
int cf_docset_calendar_rev(struct cf_ws *ws, const char *rev,
    struct cf_cal **out);

/*
 * The calendar of the workspace at or above `dir`, or, when `dir` is in
 * no workspace, the official calendars shipped with conform.
 */
int cf_docset_calendar_at(const char *dir, struct cf_cal **out);

#endif
