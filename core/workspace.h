/* SPDX-License-Identifier: MIT */
/*
 * workspace.h - a conform workspace on disk (doc/command-line.md).
 *
 *   ROOT/.git/               the document history (procedures/ owns it)
 *   ROOT/.conform/conform.db the record store (store.h)
 *   ROOT/.conform/config     "key = value" lines
 *   ROOT/procedures/ standards/ calendars/ checklists/ signers/ profiles/
 *
 * A workspace is found like git finds a repository: the given directory
 * (-C DIR, else CONFORM_DIR, else the current directory) or its nearest
 * parent holding .conform/ and .git/.  The store and the timezone are
 * opened on first use and live as long as the workspace object.
 */
#ifndef CF_WORKSPACE_H
#define CF_WORKSPACE_H

#include "date.h"
#include "store.h"

#define CF_WS_CONFDIR ".conform"
#define CF_WS_DBFILE "conform.db"
#define CF_WS_CONFIG "config"
#define CF_WS_DEFAULT_TZ "Asia/Shanghai"

struct cf_ws;

/*
 * Finds the workspace at or above `dir`.  CF_ENOTFOUND "not a conform
 * workspace (or any parent): DIR" when there is none.
 */
int cf_ws_find(struct cf_ws **out, const char *dir);

/*
 * Creates .conform/ (config and an empty, migrated database) in the
 * existing directory `root`.  CF_EEXISTS if .conform/ already exists.
 */
int cf_ws_create_records(const char *root, const char *timezone);

/*
 * Appends "key = value" to the config of the workspace at `root` (a new
 * one: init's --center and --author), written whole or not at all.
 * CF_EINVALID for a value that would not read back as given (control
 * characters, leading or trailing blanks, empty).
 */
int cf_ws_config_add(const char *root, const char *key, const char *value);

void cf_ws_free(struct cf_ws *ws);

const char *cf_ws_root(const struct cf_ws *ws);

/* A config value, or `def` when the key is absent (borrowed). */
const char *
cf_ws_config(const struct cf_ws *ws, const char *key, const char *def);

/* The store, opened on first use (borrowed). */
int cf_ws_store(struct cf_ws *ws, struct cf_store **out);

/* The workspace timezone, opened on first use (borrowed). */
int cf_ws_tz(struct cf_ws *ws, struct cf_tz **out);

/*
 * Who is acting, for the trail: the account set by cf_ws_set_account
 * (`--as LOGIN`), else `author` in the config, else the login name
 * ($USER or $LOGNAME), else the system account's name, else "unknown".
 * The caller frees it.
 */
char *cf_ws_actor(const struct cf_ws *ws);

/*
 * The conform account (core/account.h) acting in this workspace, or
 * NULL to clear it: the dispatcher sets it for `--as LOGIN` once the
 * account has been found usable.  cf_ws_account reads it back (NULL
 * when none).
 */
void cf_ws_set_account(struct cf_ws *ws, const char *login);
const char *cf_ws_account(const struct cf_ws *ws);

/* The document folders, in a fixed order (signers/ holds the allowed
 * signers, doc/documents.md). */
extern const char *const cf_ws_doc_dirs[6];

#endif
