/* SPDX-License-Identifier: MIT */
/*
 * workspace.c - finding a workspace, its config, store and zone.
 *
 * The config file is a list of "key = value" lines; '#' starts a
 * comment line.  Unknown keys are kept (a newer conform may have written
 * them); a line without '=' is an error naming the file and line.
 */
#include "conform.h"
#include "paths.h"
#include "text.h"
#include "workspace.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <pwd.h>
#include <unistd.h>

const char *const cf_ws_doc_dirs[6] = { "procedures", "standards", "calendars",
	"checklists", "signers", "profiles" };

struct cf_ws {
	char *root;
	struct cf_strv keys, values;
	struct cf_store *store;
	struct cf_tz *tz;
	char *account; /* --as LOGIN: the trail's actor (cf_ws_set_account) */
};

static bool
is_workspace(const char *dir)
{
	char *c = cf_path_join(dir, CF_WS_CONFDIR);
	char *g = cf_path_join(dir, ".git");
	bool yes = cf_path_is_dir(c) && cf_path_is_dir(g);

	free(c);
	free(g);
	return yes;
}

static int
config_line(struct cf_ws *ws, const char *path, int lineno, const char *line)
{
	const char *s = line, *eq;
	size_t n = strlen(line);

	cf_trim(&s, &n);
	if (n == 0 || s[0] == '#')
		return 0;
	eq = memchr(s, '=', n);
	if (eq == NULL)
		return cf_error_set(CF_EINVALID,
		    "%s:%d: expected 'key = value'", path, lineno);
	const char *k = s, *v = eq + 1;
	size_t kn = (size_t)(eq - s), vn = n - kn - 1;
	cf_trim(&k, &kn);
	cf_trim(&v, &vn);
	if (kn == 0)
		return cf_error_set(CF_EINVALID,
		    "%s:%d: empty key, expected 'key = value'", path, lineno);
	cf_strv_push_owned(&ws->keys, cf_xstrndup(k, kn));
	cf_strv_push_owned(&ws->values, cf_xstrndup(v, vn));
	return 0;
}

static int
load_config(struct cf_ws *ws)
{
	char *path = cf_xasprintf("%s/%s/%s", ws->root, CF_WS_CONFDIR,
	    CF_WS_CONFIG);
	char *buf;
	size_t len;
	int rc, lineno = 0;

	rc = cf_read_file(path, 1 << 20, &buf, &len);
	if (rc == CF_ENOTFOUND) {
		free(path);
		cf_error_clear();
		return 0; /* every key has a default */
	}
	if (rc < 0) {
		free(path);
		return rc;
	}
	for (char *line = buf; line && *line && rc == 0;) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		lineno++;
		rc = config_line(ws, path, lineno, line);
		line = nl ? nl + 1 : NULL;
	}
	free(buf);
	free(path);
	return rc;
}

int
cf_ws_find(struct cf_ws **out, const char *dir)
{
	char real[PATH_MAX];
	struct cf_ws *ws;
	int rc;

	*out = NULL;
	if (realpath(dir, real) == NULL)
		return cf_error_set(CF_ENOTFOUND,
		    "cannot use directory '%s': %s", dir, strerror(errno));
	for (;;) {
		if (is_workspace(real))
			break;
		char *slash = strrchr(real, '/');
		if (slash == NULL || slash == real) {
			if (strcmp(real, "/") != 0 && slash == real) {
				real[1] = '\0';
				if (is_workspace(real))
					break;
			}
			return cf_error_set(CF_ENOTFOUND,
			    "not a conform workspace (or any parent): %s "
			    "(create one with 'conform init')",
			    dir);
		}
		*slash = '\0';
	}
	ws = cf_xcalloc(1, sizeof *ws);
	ws->root = cf_xstrdup(real);
	if ((rc = load_config(ws)) < 0) {
		cf_ws_free(ws);
		return rc;
	}
	*out = ws;
	return 0;
}

int
cf_ws_create_records(const char *root, const char *timezone)
{
	char *confdir = cf_path_join(root, CF_WS_CONFDIR);
	char *config = cf_path_join(confdir, CF_WS_CONFIG);
	char *db = cf_path_join(confdir, CF_WS_DBFILE);
	struct cf_store *st = NULL;
	struct cf_tz *tz = NULL;
	char *text = NULL;
	int rc;

	if ((rc = cf_tz_open(&tz, timezone)) < 0)
		goto out;
	if (mkdir(confdir, 0755) < 0) {
		rc = cf_error_set(errno == EEXIST ? CF_EEXISTS : CF_ERROR,
		    "cannot create '%s': %s", confdir, strerror(errno));
		goto out;
	}
	text = cf_xasprintf(
	    "# conform workspace settings (key = value)\n"
	    "# timezone: the IANA zone every date is taken in\n"
	    "timezone = %s\n"
	    "# committer: the identity conform records commits under\n"
	    "committer = conform <conform@localhost>\n",
	    timezone);
	if ((rc = cf_write_file_atomic(config, text, strlen(text))) < 0)
		goto out;
	if ((rc = cf_store_open(&st, db, CF_STORE_CREATE)) < 0)
		goto out;
	rc = cf_store_meta_set(st, "conform-version", PACKAGE_VERSION);
out:
	cf_store_free(st);
	cf_tz_free(tz);
	free(text);
	free(config);
	free(db);
	free(confdir);
	return rc;
}

int
cf_ws_config_add(const char *root, const char *key, const char *value)
{
	char *path = cf_xasprintf("%s/%s/%s", root, CF_WS_CONFDIR,
	    CF_WS_CONFIG);
	const char *v = value;
	size_t vn = strlen(value);
	char *buf = NULL, *text = NULL;
	size_t len;
	int rc;

	cf_trim(&v, &vn);
	if (vn == 0 || vn != strlen(value) ||
	    !cf_text_printable(value, strlen(value))) {
		rc = cf_error_set(CF_EINVALID,
		    "%s '%s' is not a one-line value, expected text "
		    "without control characters or surrounding blanks",
		    key, value);
		goto out;
	}
	if ((rc = cf_read_file(path, 1 << 20, &buf, &len)) < 0)
		goto out;
	text = cf_xasprintf("%.*s%s = %s\n", (int)len, buf, key, value);
	rc = cf_write_file_atomic(path, text, strlen(text));
out:
	free(text);
	free(buf);
	free(path);
	return rc;
}

void
cf_ws_free(struct cf_ws *ws)
{
	if (ws == NULL)
		return;
	cf_store_free(ws->store);
	cf_tz_free(ws->tz);
	cf_strv_release(&ws->keys);
	cf_strv_release(&ws->values);
	free(ws->account);
	free(ws->root);
	free(ws);
}

const char *
cf_ws_root(const struct cf_ws *ws)
{
	return ws->root;
}

const char *
cf_ws_config(const struct cf_ws *ws, const char *key, const char *def)
{
	/* The last setting of a key wins, as in git config. */
	for (size_t i = ws->keys.n; i > 0; i--)
		if (strcmp(ws->keys.v[i - 1], key) == 0)
			return ws->values.v[i - 1];
	return def;
}

int
cf_ws_store(struct cf_ws *ws, struct cf_store **out)
{
	int rc = 0;

	if (ws->store == NULL) {
		char *db = cf_xasprintf("%s/%s/%s", ws->root, CF_WS_CONFDIR,
		    CF_WS_DBFILE);
		rc = cf_store_open(&ws->store, db, 0);
		free(db);
	}
	*out = ws->store;
	return rc;
}

int
cf_ws_tz(struct cf_ws *ws, struct cf_tz **out)
{
	int rc = 0;

	if (ws->tz == NULL) {
		rc = cf_tz_open(&ws->tz,
		    cf_ws_config(ws, "timezone", CF_WS_DEFAULT_TZ));
		if (rc < 0)
			cf_error_prefix("%s/%s/%s", ws->root, CF_WS_CONFDIR,
			    CF_WS_CONFIG);
	}
	*out = ws->tz;
	return rc;
}

void
cf_ws_set_account(struct cf_ws *ws, const char *login)
{
	free(ws->account);
	ws->account = login ? cf_xstrdup(login) : NULL;
}

const char *
cf_ws_account(const struct cf_ws *ws)
{
	return ws->account;
}

char *
cf_ws_actor(const struct cf_ws *ws)
{
	const char *a = ws->account;

	if (a && *a)
		return cf_xstrdup(a);
	a = cf_ws_config(ws, "author", NULL);

	if (a == NULL || *a == '\0')
		a = getenv("USER");
	if (a == NULL || *a == '\0')
		a = getenv("LOGNAME");
	if (a == NULL || *a == '\0') {
		struct passwd *pw = getpwuid(getuid());
		a = pw ? pw->pw_name : NULL;
	}
	return cf_xstrdup(a && *a ? a : "unknown");
}
