/* SPDX-License-Identifier: MIT */
/*
 * cmd-audit-list.c - `conform audit list`: the stored audits, oldest
 * first, with their period, checklist and counts, and the reason of
 * each void one.
 */
#include "conform.h"
#include "auditdb.h"
#include "cmd.h"
#include "listing.h"
#include "listout.h"
#include "workspace.h"

#include <stdlib.h>

static const struct cf_column audit_columns[] = {
	{ "audit", CF_COL_INT },
	{ "started", CF_COL_MINUTE },
	{ "checklist", CF_COL_TEXT },
	{ "from", CF_COL_DAY },
	{ "to", CF_COL_DAY },
	{ "cases", CF_COL_INT },
	{ "sample", CF_COL_TEXT },
	{ "fail", CF_COL_INT },
	{ "error", CF_COL_INT },
	{ "actor", CF_COL_TEXT },
	{ "void", CF_COL_TEXT }, /* the reason of a void audit */
};

static int
cmd_audit_list_exec(struct cf_cmd *cmd)
{
	struct cf_store *st;
	struct cf_tz *tz;
	struct cf_listing *l;
	struct cf_listout lo;
	enum cf_format fmt;
	int64_t *ids = NULL;
	size_t n = 0;
	int rc;

	if ((rc = cf_listout_parse(cmd, &lo)) < 0)
		return rc;
	fmt = lo.fmt;
	if ((rc = cf_ws_store(cmd->ws, &st)) < 0 ||
	    (rc = cf_ws_tz(cmd->ws, &tz)) < 0 ||
	    (rc = cf_auditdb_ids(st, &ids, &n)) < 0)
		return rc;
	if ((rc = cf_listout_open(cmd, &lo)) < 0) {
		free(ids);
		return rc;
	}
	l = cf_listing_new_named(lo.f, fmt, "audit list", audit_columns,
	    CF_ARRAY_LEN(audit_columns));
	for (size_t i = 0; i < n && rc == 0; i++) {
		struct cf_audit_head h;
		struct cf_audit_checkrow *c = NULL;
		size_t nc = 0;
		int64_t fails = 0, errors = 0;
		char from[11], to[11], when[32];

		if ((rc = cf_auditdb_head(st, ids[i], &h)) < 0)
			break;
		if ((rc = cf_auditdb_checks(st, ids[i], &c, &nc)) == 0)
			for (size_t k = 0; k < nc; k++) {
				fails += c[k].n[CF_RESULT_FAIL];
				errors += c[k].n[CF_RESULT_ERROR];
				cf_audit_checkrow_release(&c[k]);
			}
		free(c);
		cf_day_format(h.from, from);
		cf_day_format(h.to, to);
		struct cf_time t = { h.started_at, 0, 0, true };
		cf_time_format_local(&t, tz, false, when, sizeof when);
		when[16] = '\0';
		cf_listing_row(l);
		cf_listing_cell_int(l, h.id);
		cf_listing_cell(l, when);
		cf_listing_cell(l, h.checklist_id);
		cf_listing_cell(l, from);
		cf_listing_cell(l, to);
		cf_listing_cell_int(l, h.population);
		if (h.sampled)
			cf_listing_cellf(l, "%lld", (long long)h.sample_size);
		else
			cf_listing_cell(l, fmt == CF_FORMAT_TABLE ? "-" : NULL);
		cf_listing_cell_int(l, fails);
		cf_listing_cell_int(l, errors);
		cf_listing_cell(l, h.actor);
		if (h.void_reason)
			cf_listing_cellf(l, "void: %s", h.void_reason);
		else
			cf_listing_cell(l, fmt == CF_FORMAT_TABLE ? "-" : NULL);
		cf_audit_head_release(&h);
	}
	{
		int rc2 = cf_listing_end(l);
		if (rc == 0)
			rc = rc2;
	}
	free(ids);
	return cf_listout_close(cmd, &lo, rc, "the list of audits");
}

static const struct cf_option audit_list_options[] = {
	CF_LISTOUT_OPTIONS_,
	CF_OPT_END_,
};

const struct cf_cmd_entry cmd_audit_list_entry = {
	.name = "audit list",
	.usage = "[--format FORMAT] [--excel] [-o FILE]",
	.summary = "the stored audits: period, checklist, counts",
	.options = audit_list_options,
	.min_args = 0,
	.max_args = 0,
	.flags = CF_CMD_WORKSPACE,
	.exec = cmd_audit_list_exec,
};
