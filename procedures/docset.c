/* SPDX-License-Identifier: MIT */
/*
 * docset.c - loading document sets (see docset.h).
 */
#include "conform.h"
#include "calendar.h"
#include "docset.h"
#include "paths.h"
#include "repo.h"
#include "workspace.h"
#include "xml.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void
cf_docset_release(struct cf_docset *set)
{
	for (size_t i = 0; i < set->n; i++)
		cf_doc_free(set->v[i]);
	free(set->v);
	set->v = NULL;
	set->n = set->alloc = set->nfiles = 0;
}

void
cf_docset_add(struct cf_docset *set, struct cf_doc *doc)
{
	CF_GROW(set->v, set->n + 1, set->alloc);
	set->v[set->n++] = doc;
}

/* The entries of directory `path`, sorted bytewise. */
static int
list_dir(const char *path, struct cf_strv *names)
{
	DIR *d = opendir(path);
	struct dirent *de;

	if (d == NULL) {
		if (errno == ENOENT)
			return 0;
		return cf_error_set(CF_ERROR, "cannot read '%s': %s", path,
		    strerror(errno));
	}
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			cf_strv_push(names, de->d_name);
	closedir(d);
	cf_strv_sort(names);
	return 0;
}

void
cf_wtfiles_release(struct cf_wtfiles *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->v[i].path);
		free(f->v[i].data);
	}
	free(f->v);
	f->v = NULL;
	f->n = f->alloc = 0;
}

int
cf_worktree_read(const char *root, struct cf_wtfiles *out)
{
	int rc = 0;

	for (int t = 0; t < CF_DOC_NTYPES && rc == 0; t++) {
		const char *dir = cf_doc_type_dir((enum cf_doc_type)t);
		char *fsdir = cf_path_join(root, dir);
		struct cf_strv names = CF_STRV_INIT;

		rc = list_dir(fsdir, &names);
		for (size_t i = 0; i < names.n && rc == 0; i++) {
			struct cf_wtfile f = { NULL, NULL, 0, NULL };
			struct stat sb;
			char *fs;
			if (names.v[i][0] == '.')
				continue;
			f.path = cf_xasprintf("%s/%s", dir, names.v[i]);
			fs = cf_path_join(root, f.path);
			/*
			 * Regular files only, never followed: a symbolic
			 * link would commit its target's bytes, a FIFO
			 * would hang the commit holding its lock
			 * (doc/hardening.md).  The kind is named by
			 * validation; the open is O_NOFOLLOW | O_NONBLOCK
			 * and checked again with fstat (a swap after the
			 * lstat is refused too).
			 */
			if (lstat(fs, &sb) < 0) {
				rc = cf_error_set(CF_ERROR,
				    "cannot read '%s': %s", fs, strerror(errno));
			} else if (!S_ISREG(sb.st_mode)) {
				f.kind = cf_file_kind((unsigned)sb.st_mode);
			} else {
				rc = cf_read_file_nofollow(fs, CF_XML_MAX_BYTES,
				    &f.data, &f.len);
				if (rc == CF_EINVALID &&
				    strstr(cf_error_message(),
					"not a regular file") != NULL) {
					cf_error_clear();
					rc = 0;
					f.kind = "replaced while it was read";
				} else if (rc == CF_EINVALID) {
					/* too large: the parse reports it */
					cf_error_clear();
					rc = 0;
					f.data = cf_xstrdup("");
					f.len = (size_t)-1;
				}
			}
			free(fs);
			CF_GROW(out->v, out->n + 1, out->alloc);
			out->v[out->n++] = f;
		}
		cf_strv_release(&names);
		free(fsdir);
	}
	return rc;
}

int
cf_docset_from_files(struct cf_docset *set, const struct cf_wtfiles *files,
    struct cf_diags *diags)
{
	size_t before = diags->n;
	enum cf_doc_type ty;

	for (size_t i = 0; i < files->n; i++) {
		const struct cf_wtfile *f = &files->v[i];
		struct cf_doc *doc;

		set->nfiles++;
		if (f->kind && strcmp(f->kind, "a folder") != 0) {
			cf_diags_add(diags, f->path, 0, 0,
			    "not a regular file (%s); expected a document file",
			    f->kind);
			continue;
		}
		if (f->data == NULL || cf_doc_type_of_path(f->path, &ty) < 0) {
			if (strncmp(f->path, "signers/", 8) == 0)
				cf_diags_add(diags, f->path, 0, 0,
				    "not a document: signers/ holds only the "
				    "file allowed_signers");
			else
				cf_diags_add(diags, f->path, 0, 0,
				    "not a document: everything in %.*s/ must "
				    "be a NAME.xml file",
				    (int)(strchr(f->path, '/') - f->path),
				    f->path);
			continue;
		}
		if (f->len == (size_t)-1) {
			cf_diags_add(diags, f->path, 0, 0,
			    "file too large (more than %u bytes)",
			    CF_XML_MAX_BYTES);
			continue;
		}
		if (cf_doc_parse(&doc, f->data, f->len, f->path, diags) == 0)
			cf_docset_add(set, doc);
		else if (cf_error_code() == CF_ERROR)
			return CF_ERROR;
	}
	if (cf_doc_check_set(set->v, set->n, diags) < 0 || diags->n > before)
		return cf_error_set(CF_EINVALID, "invalid documents");
	return 0;
}

int
cf_docset_load_worktree(struct cf_docset *set, const char *root,
    struct cf_diags *diags)
{
	struct cf_wtfiles files = CF_WTFILES_INIT;
	int rc = cf_worktree_read(root, &files);

	if (rc == 0)
		rc = cf_docset_from_files(set, &files, diags);
	cf_wtfiles_release(&files);
	return rc;
}

struct commit_load {
	struct cf_docset *set;
	struct cf_diags *diags;
	int hard; /* CF_ERROR seen */
};

static int
load_blob(const char *path, const char *data, size_t len, void *payload)
{
	struct commit_load *cl = payload;
	struct cf_doc *doc;
	enum cf_doc_type ty;

	cl->set->nfiles++;
	if (cf_doc_type_of_path(path, &ty) < 0) {
		cf_diags_add(cl->diags, path, 0, 0,
		    "not a document: expected NAME.xml (in signers/: "
		    "allowed_signers)");
		return 0;
	}
	if (cf_doc_parse(&doc, data, len, path, cl->diags) == 0)
		cf_docset_add(cl->set, doc);
	else if (cf_error_code() == CF_ERROR)
		cl->hard = CF_ERROR;
	return 0;
}

int
cf_docset_load_commit(struct cf_docset *set, struct cf_repo *r, const char *rev,
    unsigned type_mask, struct cf_diags *diags)
{
	struct commit_load cl = { set, diags, 0 };
	size_t before = diags->n;
	int rc = 0;

	for (int t = 0; t < CF_DOC_NTYPES && rc == 0; t++) {
		struct cf_strv paths = CF_STRV_INIT, kinds = CF_STRV_INIT;
		if (!(type_mask & (1u << t)))
			continue;
		rc = cf_repo_foreach_blob(r, rev,
		    cf_doc_type_dir((enum cf_doc_type)t), load_blob, &cl);
		/* Folders, links, submodules committed with plain git are
		 * named, not skipped (doc/hardening.md). */
		if (rc == 0)
			rc = cf_repo_ls_odd(r, rev,
			    cf_doc_type_dir((enum cf_doc_type)t), &paths,
			    &kinds);
		for (size_t i = 0; rc == 0 && i < paths.n; i++) {
			set->nfiles++;
			cf_diags_add(diags, paths.v[i], 0, 0,
			    "not a regular file (%s committed with plain "
			    "git); expected a document file",
			    kinds.v[i]);
		}
		cf_strv_release(&paths);
		cf_strv_release(&kinds);
	}
	if (rc < 0)
		return rc;
	if (cl.hard)
		return cl.hard;
	if (cf_doc_check_set(set->v, set->n, diags) < 0 || diags->n > before)
		return cf_error_set(CF_EINVALID, "invalid documents");
	return 0;
}

/* The shipped official calendars, for use outside a workspace. */
static int
load_shipped_calendars(struct cf_docset *set, struct cf_diags *diags)
{
	char *dir = cf_data_dir(CF_DATA_CALENDARS);
	struct cf_strv names = CF_STRV_INIT;
	int rc = list_dir(dir, &names);

	for (size_t i = 0; i < names.n && rc == 0; i++) {
		char *fs = cf_path_join(dir, names.v[i]);
		char *rel = cf_xasprintf("calendars/%s", names.v[i]);
		struct cf_doc *doc;
		if ((rc = cf_doc_load_file(&doc, fs, rel, diags)) == 0)
			cf_docset_add(set, doc);
		free(fs);
		free(rel);
	}
	cf_strv_release(&names);
	free(dir);
	return rc;
}

int
cf_docset_calendar(struct cf_ws *ws, struct cf_cal **out)
{
	return cf_docset_calendar_rev(ws, NULL, out);
}

int
cf_docset_calendar_rev(struct cf_ws *ws, const char *rev, struct cf_cal **out)
{
	struct cf_docset set = CF_DOCSET_INIT;
	struct cf_diags diags = CF_DIAGS_INIT;
	struct cf_repo *repo = NULL;
	int rc;

	*out = NULL;
	if (ws == NULL)
		rc = load_shipped_calendars(&set, &diags);
	else if ((rc = cf_repo_open(&repo, cf_ws_root(ws))) == 0)
		rc = cf_docset_load_commit(&set, repo, rev,
		    1u << CF_DOC_CALENDAR, &diags);
	if (rc == CF_EINVALID && diags.n > 0) {
		char *first = cf_diag_format(&diags.v[0]);
		rc = cf_error_set(CF_EINVALID,
		    "a committed calendar is invalid: %s", first);
		free(first);
	}
	if (rc == 0)
		rc = cf_doc_build_calendar(out, set.v, set.n);
	cf_diags_release(&diags);
	cf_docset_release(&set);
	cf_repo_free(repo);
	return rc;
}

int
cf_docset_calendar_at(const char *dir, struct cf_cal **out)
{
	struct cf_ws *ws = NULL;
	int rc = cf_ws_find(&ws, dir);

	if (rc == CF_ENOTFOUND) {
		cf_error_clear();
		ws = NULL;
	} else if (rc < 0)
		return rc;
	rc = cf_docset_calendar(ws, out);
	cf_ws_free(ws);
	return rc;
}
