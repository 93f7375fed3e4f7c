/* SPDX-License-Identifier: MIT */
/*
 * cmd-audit-void.c - `conform audit void ID --reason TEXT`: mark a
 * stored audit void (doc/audits.md "Voiding an audit").  The audit is
 * kept; the void, its trail entry and the note on its NCRs are one
 * transaction, then anchored by a checkpoint as an audit stored is.
 */
#include "conform.h"
#include "anchor.h"
#include "auditvoid.h"
#include "account.h"
#include "cmd.h"
#include "ncrdb.h"
#include "workspace.h"

#include <stdlib.h>
#include <string.h>

static bool
listed(const int64_t *v, size_t n, int64_t x)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] == x)
			return true;
	return false;
}

static int
cmd_audit_void_exec(struct cf_cmd *cmd)
{
	const char *reason = cf_args_get(&cmd->args, "reason");
	struct cf_audit_voided out;
	struct cf_store *st;
	char *end, *actor = NULL, name[32], done[64];
	long long id = strtoll(cmd->args.argv[0], &end, 10);
	int rc;

	if (*cmd->args.argv[0] == '\0' || *end != '\0' || id <= 0)
		return cf_error_set(CF_EUSAGE, "invalid audit id '%s'",
		    cmd->args.argv[0]);
	if (reason == NULL)
		return cf_error_set(CF_EUSAGE,
		    "why is audit %lld void? --reason TEXT", id);
	if ((rc = cf_ws_store(cmd->ws, &st)) < 0)
		return rc;
	actor = cf_ws_actor(cmd->ws);
	if ((rc = cf_store_begin(st)) < 0)
		goto out;
	rc = cf_audit_void(st, id, reason, cf_now(), actor, &out);
	if (rc == 0)
		rc = cf_store_commit(st);
	if (rc < 0) {
		cf_store_rollback(st);
		goto out;
	}
	fprintf(cmd->out,
	    "audit %lld void; it is kept, and left out of reviews, evidence "
	    "packs and NCR verification\n",
	    id);
	for (size_t i = 0; i < out.nlinked; i++) {
		cf_ncr_name(out.linked[i], name, sizeof name);
		if (listed(out.only_void, out.nonly, out.linked[i]))
			fprintf(cmd->out,
			    "%s: raised by a void audit only; it is unchanged "
			    "(reject it with --reason if it does not stand)\n",
			    name);
		else
			fprintf(cmd->out,
			    "%s: also raised or joined by audits in force; "
			    "unchanged\n",
			    name);
	}
	cf_audit_voided_release(&out);
	cf_cli_recorded(cmd, actor);
	snprintf(done, sizeof done, "audit %lld is void", id);
	rc = cf_cli_checkpoint_after(cmd, done);
out:
	free(actor);
	return rc;
}

static const struct cf_option audit_void_options[] = {
	CF_OPT_STRING_(0, "reason", "TEXT", "why the audit does not stand"),
	CF_OPT_END_,
};

const struct cf_cmd_entry cmd_audit_void_entry = {
	.name = "audit void",
	.usage = "ID --reason TEXT",
	.summary = "mark a stored audit void: kept, on the trail, left out",
	.help =
	    "The audit is kept whole and marked void with the reason, the\n"
	    "time and the actor, on the trail.  Management reviews, evidence\n"
	    "packs (which list it as void) and 'ncr verify' leave it out;\n"
	    "'audit list' and 'audit show' say it is void.  Its NCRs are not\n"
	    "changed; those raised by void audits only are named, to be\n"
	    "rejected with a reason if they do not stand.\n",
	.options = audit_void_options,
	.min_args = 1,
	.max_args = 1,
	.flags = CF_CMD_WORKSPACE,
	.exec = cmd_audit_void_exec,
	.as_role = CF_ROLE_MANAGER,
	.as_what = "the records",
};
