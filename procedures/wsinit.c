/* SPDX-License-Identifier: MIT */
/*
 * wsinit.c - creating a workspace (doc/command-line.md), for `conform init`
 * and `conform demo`.
 *
 * Creates the git repository (branch main) through libgit2, the four
 * document folders, .conform/ with the config and the migrated
 * database, the exclude entry for .conform/, and the first commit,
 * which holds the official calendars shipped with conform.  An existing
 * workspace or git repository is refused.  If anything fails, what this
 * command created is removed again: no half-made workspace is left.
 */
#include "conform.h"
#include "wsinit.h"
#include "json.h"
#include "store.h"
#include "trail.h"
#include "paths.h"
#include "repo.h"
#include "workspace.h"

#include <errno.h>
#include <dirent.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int
rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)ftw;
	if (flag == FTW_DP)
		rmdir(path);
	else
		unlink(path);
	return 0;
}

static void
rm_tree(const char *path)
{
	nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* What init created, so that a failure can take it back. */
struct undo {
	char *root;
	bool made_root;
	struct cf_strv paths; /* files and folders, removed in reverse */
};

static void
undo_all(struct undo *u)
{
	for (size_t i = u->paths.n; i > 0; i--)
		rm_tree(u->paths.v[i - 1]);
	if (u->made_root)
		rmdir(u->root);
}

static int
append_exclude(const char *root)
{
	char *path = cf_xasprintf("%s/.git/info/exclude", root);
	char *info = cf_xasprintf("%s/.git/info", root);
	FILE *f;
	int rc = 0;

	if ((rc = cf_mkdirs(info, 0755)) == 0) {
		f = fopen(path, "a");
		if (f == NULL ||
		    fputs("# conform: the record store is not a document\n"
			  "/.conform/\n",
			f) < 0 ||
		    fclose(f) != 0)
			rc = cf_error_set(CF_ERROR, "cannot write '%s': %s",
			    path, strerror(errno));
	}
	free(info);
	free(path);
	return rc;
}

/* Reads the shipped calendars and writes them into ROOT/calendars/. */
static int
copy_calendars(const char *root, struct cf_strv *rel, struct cf_strv *data,
    size_t **lens)
{
	char *dir = cf_data_dir(CF_DATA_CALENDARS);
	struct cf_strv names = CF_STRV_INIT;
	int rc = 0;
	DIR *d = NULL;

	*lens = NULL;
	if ((d = opendir(dir)) == NULL) {
		rc = cf_error_set(CF_ERROR,
		    "cannot read the shipped calendars in '%s': %s", dir,
		    strerror(errno));
		free(dir);
		return rc;
	}
	for (struct dirent *de; (de = readdir(d)) != NULL;) {
		size_t n = strlen(de->d_name);
		if (n > 4 && strcmp(de->d_name + n - 4, ".xml") == 0)
			cf_strv_push(&names, de->d_name);
	}
	closedir(d);
	cf_strv_sort(&names);
	*lens = cf_xcalloc(names.n + 1, sizeof **lens);
	for (size_t i = 0; i < names.n && rc == 0; i++) {
		char *src = cf_path_join(dir, names.v[i]);
		char *r = cf_xasprintf("calendars/%s", names.v[i]);
		char *dst = cf_path_join(root, r);
		char *buf;
		size_t len;
		if ((rc = cf_read_file(src, 1 << 20, &buf, &len)) == 0) {
			rc = cf_write_file_atomic(dst, buf, len);
			cf_strv_push_owned(data, buf);
			(*lens)[i] = len;
		}
		cf_strv_push_owned(rel, r);
		free(src);
		free(dst);
	}
	if (rc == 0 && names.n == 0)
		rc = cf_error_set(CF_ERROR, "no shipped calendars in '%s'",
		    dir);
	cf_strv_release(&names);
	free(dir);
	return rc;
}

/* The first commit is a document commit too: record it in the trail. */
static int
record_init(const char *root, const char *commit, int64_t when)
{
	char *db = cf_xasprintf("%s/%s/%s", root, CF_WS_CONFDIR, CF_WS_DBFILE);
	struct cf_store *st = NULL;
	struct cf_json *j = cf_json_new();
	char *data;
	int rc;

	cf_json_str(j, "commit", commit);
	cf_json_str(j, "message", "Add the official working-day calendars");
	data = cf_json_text(j);
	if ((rc = cf_store_open(&st, db, 0)) == 0 &&
	    (rc = cf_store_begin(st)) == 0) {
		rc = cf_trail_append(st, when, "conform <conform@localhost>",
		    "doc.commit", commit, data, NULL);
		rc = rc == 0 ? cf_store_commit(st) : rc;
	}
	cf_store_free(st);
	cf_json_free(j);
	free(data);
	free(db);
	return rc;
}

int
cf_wsinit(const char *root, const char *zone, struct cf_wsinit_result *res)
{
	struct undo u = { NULL, false, CF_STRV_INIT };
	struct cf_strv rel = CF_STRV_INIT, data = CF_STRV_INIT;
	struct cf_change *changes = NULL;
	struct cf_repo *repo = NULL;
	struct cf_tz *tz = NULL;
	struct cf_sig sig = { NULL, NULL };
	size_t *lens = NULL;
	char hex[CF_OID_HEX], *p;
	int rc;

	memset(res, 0, sizeof *res);
	if (zone == NULL)
		zone = CF_WS_DEFAULT_TZ;
	u.root = cf_xstrdup(root);

	if ((rc = cf_tz_open(&tz, zone)) < 0)
		goto out;
	p = cf_path_join(u.root, CF_WS_CONFDIR);
	bool has_conf = cf_path_exists(p);
	free(p);
	p = cf_path_join(u.root, ".git");
	bool has_git = cf_path_exists(p);
	free(p);
	if (has_conf || has_git) {
		rc = cf_error_set(CF_EEXISTS,
		    "'%s' is already a %s; conform init makes a new workspace",
		    u.root, has_conf ? "conform workspace" : "git repository");
		goto out;
	}
	if (!cf_path_exists(u.root)) {
		if ((rc = cf_mkdirs(u.root, 0755)) < 0)
			goto out;
		u.made_root = true;
	} else if (!cf_path_is_dir(u.root)) {
		rc = cf_error_set(CF_EINVALID, "'%s' is not a directory",
		    u.root);
		goto out;
	}

	cf_strv_push_owned(&u.paths, cf_path_join(u.root, ".git"));
	if ((rc = cf_repo_init(&repo, u.root)) < 0)
		goto fail;
	for (size_t i = 0; i < CF_ARRAY_LEN(cf_ws_doc_dirs); i++) {
		char *dir = cf_path_join(u.root, cf_ws_doc_dirs[i]);
		if (!cf_path_exists(dir)) {
			cf_strv_push(&u.paths, dir);
			if (mkdir(dir, 0755) < 0) {
				rc = cf_error_set(CF_ERROR,
				    "cannot create '%s': %s", dir,
				    strerror(errno));
				free(dir);
				goto fail;
			}
		}
		free(dir);
	}
	rc = copy_calendars(u.root, &rel, &data, &lens);
	for (size_t i = 0; i < rel.n; i++)
		cf_strv_push_owned(&u.paths, cf_path_join(u.root, rel.v[i]));
	if (rc < 0)
		goto fail;
	cf_strv_push_owned(&u.paths, cf_path_join(u.root, CF_WS_CONFDIR));
	if ((rc = cf_ws_create_records(u.root, zone)) < 0)
		goto fail;
	if ((rc = append_exclude(u.root)) < 0)
		goto fail;

	changes = cf_xcalloc(rel.n, sizeof *changes);
	for (size_t i = 0; i < rel.n; i++) {
		changes[i].path = rel.v[i];
		changes[i].data = data.v[i];
		changes[i].len = lens[i];
	}
	if ((rc = cf_sig_parse(&sig, "conform <conform@localhost>")) < 0)
		goto fail;
	int64_t now = cf_now();
	if ((rc = cf_repo_commit(repo, NULL, changes, rel.n, &sig, &sig, now,
		 cf_tz_offset(tz, now) / 60,
		 "Add the official working-day calendars\n\n"
		 "The State Council's holiday arrangements, as shipped with "
		 "conform " PACKAGE_VERSION ".\n",
		 hex)) < 0)
		goto fail;
	if ((rc = record_init(u.root, hex, now)) < 0)
		goto fail;

	memcpy(res->commit, hex, CF_OID_HEX);
	for (size_t i = 0; i < rel.n; i++)
		cf_strv_push(&res->calendars, rel.v[i]);
	goto out;
fail:
	undo_all(&u);
out:
	cf_sig_release(&sig);
	cf_repo_free(repo);
	cf_tz_free(tz);
	free(changes);
	free(lens);
	cf_strv_release(&rel);
	cf_strv_release(&data);
	cf_strv_release(&u.paths);
	free(u.root);
	return rc;
}
