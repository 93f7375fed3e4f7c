/* SPDX-License-Identifier: MIT */
/*
 * cmd-audit-show.c - `conform audit show ID [--all] [--format FORMAT]`:
 * a stored audit's findings and summary, exactly as `audit run` printed
 * them.
 */
#include "conform.h"
#include "auditprint.h"
#include "cmd.h"
#include "listing.h"
#include "listout.h"
#include "workspace.h"

#include <stdlib.h>

static int
cmd_audit_show_exec(struct cf_cmd *cmd)
{
	struct cf_store *st;
	struct cf_listout lo;
	char *end;
	long long id = strtoll(cmd->args.argv[0], &end, 10);
	char what[64];
	int rc;

	if (*cmd->args.argv[0] == '\0' || *end != '\0' || id <= 0)
		return cf_error_set(CF_EUSAGE, "invalid audit id '%s'",
		    cmd->args.argv[0]);
	if ((rc = cf_listout_parse(cmd, &lo)) < 0 ||
	    (rc = cf_ws_store(cmd->ws, &st)) < 0 ||
	    (rc = cf_listout_open(cmd, &lo)) < 0)
		return rc;
	rc = cf_auditprint(lo.f, cmd->err, st, (int64_t)id,
	    cf_args_has(&cmd->args, "all"), lo.fmt);
	snprintf(what, sizeof what, "the findings of audit %lld", id);
	return cf_listout_close(cmd, &lo, rc, what);
}

static const struct cf_option audit_show_options[] = {
	CF_OPT_FLAG_(0, "all", "every finding, passes included"),
	CF_LISTOUT_OPTIONS_,
	CF_OPT_END_,
};

const struct cf_cmd_entry cmd_audit_show_entry = {
	.name = "audit show",
	.usage = "[--all] [--format FORMAT] [--excel] [-o FILE] ID",
	.summary = "one stored audit's findings and summary",
	.options = audit_show_options,
	.min_args = 1,
	.max_args = 1,
	.flags = CF_CMD_WORKSPACE,
	.exec = cmd_audit_show_exec,
};
