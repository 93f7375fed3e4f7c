/* SPDX-License-Identifier: MIT */
/*
 * signkey.h - which key a command signs with (doc/integrity.md, "The
 * head anchored outside the database"): `--key FILE`, else
 * `signing-key` in .conform/config, else git's `user.signingKey`, else
 * none.  Every command that signs (doc commit --sign, doc approve,
 * trail checkpoint, evidence pack) calls cf_cli_signing_key.
 */
#ifndef CF_CLI_SIGNKEY_H
#define CF_CLI_SIGNKEY_H

#include "cmd.h"

struct cf_repo;

/*
 * The signing key of the command `cmd` (its --key option, if it has
 * one), a file name with a leading "~/" expanded, or a literal key
 * (cf_sshsig_key_literal).  *key NULL when none is configured; *from
 * (may be NULL) says where it came from ("--key", ".conform/config",
 * "git config user.signingKey").  `repo` may be NULL (the workspace's
 * repository is opened for the look-up).  The caller frees *key.
 */
int cf_cli_signing_key(struct cf_cmd *cmd, struct cf_repo *repo, char **key,
    const char **from);

#endif
