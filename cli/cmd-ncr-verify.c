/* SPDX-License-Identifier: MIT */
/*
 * cmd-ncr-verify.c - `conform ncr verify N --audit ID`: record that a
 * follow-up audit proved the corrective action effective (ISO 9001
 * 10.2.1 d): the audit's period starts after the implementation, its
 * check is the same check (compared as documents), it judged something
 * and the check has at least one pass and no fail in it (doc/ncr.md).
 */
#include "conform.h"
#include "account.h"
#include "cmd.h"
#include "ncr.h"
#include "repo.h"
#include "workspace.h"

#include <stdlib.h>

static int
cmd_ncr_verify_exec(struct cf_cmd *cmd)
{
	const char *a = cf_args_get(&cmd->args, "audit");
	struct cf_store *st;
	struct cf_repo *repo = NULL;
	struct cf_tz *tz;
	char name[32], *actor = NULL, *end;
	int64_t number, audit;
	int rc;

	if ((rc = cf_ncr_parse_number(cmd->args.argv[0], &number)) < 0)
		return rc;
	if (a == NULL)
		return cf_error_set(CF_EUSAGE,
		    "which audit proves it? --audit ID");
	audit = strtoll(a, &end, 10);
	if (*a == '\0' || *end != '\0' || audit <= 0)
		return cf_error_set(CF_EUSAGE, "invalid audit id '%s'", a);
	if ((rc = cf_ws_store(cmd->ws, &st)) < 0 ||
	    (rc = cf_ws_tz(cmd->ws, &tz)) < 0 ||
	    (rc = cf_repo_open(&repo, cf_ws_root(cmd->ws))) < 0)
		return rc;
	actor = cf_ws_actor(cmd->ws);
	if ((rc = cf_store_begin(st)) == 0) {
		rc = cf_ncr_verify(st, repo, tz, number, audit, cf_now(),
		    actor);
		rc = rc == 0 ? cf_store_commit(st) : rc;
		if (rc < 0)
			cf_store_rollback(st);
	}
	if (rc == 0) {
		cf_ncr_name(number, name, sizeof name);
		fprintf(cmd->out, "%s verified by audit %lld\n", name,
		    (long long)audit);
		cf_cli_recorded(cmd, actor);
	}
	free(actor);
	cf_repo_free(repo);
	return rc;
}

static const struct cf_option ncr_verify_options[] = {
	CF_OPT_STRING_(0, "audit", "ID", "the follow-up audit (required)"),
	CF_OPT_END_,
};

const struct cf_cmd_entry cmd_ncr_verify_entry = {
	.name = "ncr verify",
	.usage = "N --audit ID",
	.summary = "record the follow-up audit that proves an action effective",
	.options = ncr_verify_options,
	.min_args = 1,
	.max_args = 1,
	.flags = CF_CMD_WORKSPACE,
	.exec = cmd_ncr_verify_exec,
	.as_role = CF_ROLE_OFFICER,
	.as_what = "NCRs",
};
