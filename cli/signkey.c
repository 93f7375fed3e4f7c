/* SPDX-License-Identifier: MIT */
/*
 * signkey.c - the signing key a command uses (see signkey.h).  Only the
 * name of the key is looked up here; ssh-keygen reads the key itself
 * (core/sshsig.c).
 */
#include "conform.h"
#include "signkey.h"

#include <stdlib.h>
#include <string.h>

#include "repo.h"
#include "sshsig.h"
#include "workspace.h"

/* "~/x" as $HOME/x, as git expands user.signingKey; else a copy. */
static char *
expand_home(const char *k)
{
	const char *home = getenv("HOME");

	if (strncmp(k, "~/", 2) == 0 && home && *home)
		return cf_xasprintf("%s/%s", home, k + 2);
	return cf_xstrdup(k);
}

/* Whether the command has a --key option (asking for one it lacks aborts). */
static int
declares_key(const struct cf_option *o)
{
	for (; o && o->type != CF_OPT_END; o++)
		if (strcmp(o->long_name, "key") == 0)
			return 1;
	return 0;
}

int
cf_cli_signing_key(struct cf_cmd *cmd, struct cf_repo *repo, char **key,
    const char **from)
{
	const char *k = NULL, *src = NULL;
	struct cf_repo *own = NULL;
	char *git = NULL;
	int rc;

	*key = NULL;
	if (declares_key(cmd->args.opts))
		k = cf_args_get(&cmd->args, "key");
	if (k && *k)
		src = "--key";
	if (k == NULL && cmd->ws) {
		k = cf_ws_config(cmd->ws, "signing-key", NULL);
		if (k && *k)
			src = ".conform/config";
		else
			k = NULL;
	}
	if (k == NULL && cmd->ws) {
		if (repo == NULL) {
			rc = cf_repo_open(&own, cf_ws_root(cmd->ws));
			if (rc < 0)
				return rc;
			repo = own;
		}
		rc = cf_repo_signing_key(repo, &git);
		cf_repo_free(own);
		if (rc < 0)
			return rc;
		k = git;
		src = "git config user.signingKey";
	}
	if (k && *k)
		*key = cf_sshsig_key_literal(k) ? cf_xstrdup(k) : expand_home(k);
	else
		src = NULL;
	if (from)
		*from = src;
	free(git);
	return 0;
}
