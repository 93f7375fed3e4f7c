/* SPDX-License-Identifier: MIT */
/*
 * evidence-manifest.c - the pack's MANIFEST.sha256 (see evidence.h):
 * building it from a walk of the pack folder, and parsing one back with
 * every line checked (a path must stay inside the pack).  The walk is
 * shared with the verification, which compares the files found with
 * the files listed.
 */
#include "conform.h"
#include "evidence-impl.h"
#include "text.h"
#include "evidence.h"
#include "paths.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int
cf_ev_walk(const char *root, const char *rel, struct cf_strv *files)
{
	char *path = *rel ? cf_path_join(root, rel) : cf_xstrdup(root);
	DIR *d = opendir(path);
	struct dirent *e;
	int rc = 0;

	if (d == NULL) {
		rc = cf_error_set(errno == ENOENT ? CF_ENOTFOUND : CF_ERROR,
		    "cannot read '%s': %s", path, strerror(errno));
		free(path);
		return rc;
	}
	while (rc == 0 && (e = readdir(d)) != NULL) {
		struct stat st;
		char *full, *r;
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		full = cf_path_join(path, e->d_name);
		r = *rel ? cf_xasprintf("%s/%s", rel, e->d_name)
			 : cf_xstrdup(e->d_name);
		if (lstat(full, &st) < 0)
			rc = cf_error_set(CF_ERROR, "cannot read '%s': %s",
			    full, strerror(errno));
		else if (S_ISDIR(st.st_mode))
			rc = cf_ev_walk(root, r, files);
		else if (S_ISREG(st.st_mode))
			cf_strv_push(files, r);
		else
			rc = cf_error_set(CF_EINVALID,
			    "%s: not a regular file or folder", r);
		free(full);
		free(r);
	}
	closedir(d);
	free(path);
	return rc;
}

int
cf_manifest_build(const char *dir, char **out)
{
	struct cf_strv files = CF_STRV_INIT;
	struct cf_buf b = CF_BUF_INIT;
	int rc;

	*out = NULL;
	if ((rc = cf_ev_walk(dir, "", &files)) < 0)
		goto out;
	cf_strv_sort(&files);
	for (size_t i = 0; i < files.n; i++) {
		char hex[CF_SHA256_HEX], *p;
		if (strcmp(files.v[i], CF_PACK_MANIFEST) == 0)
			continue;
		p = cf_path_join(dir, files.v[i]);
		rc = cf_sha256_file(p, hex);
		free(p);
		if (rc < 0)
			goto out;
		cf_buf_addf(&b, "%s  %s\n", hex, files.v[i]);
	}
	*out = cf_buf_detach(&b);
out:
	cf_buf_release(&b);
	cf_strv_release(&files);
	return rc;
}

static bool
safe_path(const char *p)
{
	if (*p == '\0' || *p == '/')
		return false;
	for (const char *s = p; *s;) {
		const char *e = strchr(s, '/');
		size_t n = e ? (size_t)(e - s) : strlen(s);
		if (n == 0 || (n == 1 && s[0] == '.') ||
		    (n == 2 && s[0] == '.' && s[1] == '.'))
			return false;
		s += n + (e ? 1 : 0);
	}
	return true;
}

int
cf_manifest_parse(const char *text, size_t len, struct cf_strv *hashes,
    struct cf_strv *paths, struct cf_diags *probs)
{
	size_t pos = 0;
	int line = 0;

	while (pos < len) {
		const char *s = text + pos, *nl = memchr(s, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - s) : len - pos;
		char *path;
		pos += n + (nl ? 1 : 0);
		line++;
		if (n < 67 || !cf_is_hex_lower(s, 64) || s[64] != ' ' ||
		    (s[65] != ' ' && s[65] != '*')) {
			cf_diags_add(probs, CF_PACK_MANIFEST, line, 0,
			    "not a manifest line, expected 'SHA256  PATH' with "
			    "64 lower-case hex digits");
			continue;
		}
		path = cf_xstrndup(s + 66, n - 66);
		if (!safe_path(path) || memchr(path, '\0', n - 66) != NULL) {
			cf_diags_add(probs, CF_PACK_MANIFEST, line, 0,
			    "unsafe path '%s': it must stay inside the pack",
			    path);
			free(path);
			continue;
		}
		cf_strv_push_owned(hashes, cf_xstrndup(s, 64));
		cf_strv_push_owned(paths, path);
	}
	return 0;
}
