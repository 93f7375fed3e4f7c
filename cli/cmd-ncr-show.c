/* SPDX-License-Identifier: MIT */
/*
 * cmd-ncr-show.c - `conform ncr show N`: one NCR with every field, its
 * failing subjects per audit, the amendments beside the original
 * values, and its history (from the trail).
 */
#include "conform.h"
#include "auditdb.h"
#include "cmd.h"
#include "json.h"
#include "ncr.h"
#include "trail.h"
#include "workspace.h"

#include <stdlib.h>
#include <string.h>

static void
field(FILE *f, const char *name, const char *value)
{
	fprintf(f, "%-22s %s\n", name, value && *value ? value : "-");
}

struct history {
	FILE *out;
	struct cf_tz *tz;
};

static int
history_line(const struct cf_trail_entry *e, void *arg)
{
	struct history *h = arg;
	struct cf_time at = { e->at, 0, 0, true };
	char buf[64];

	cf_time_format_local(&at, h->tz, false, buf, sizeof buf);
	fprintf(h->out, "  %s  %-10s %s  %s (trail entry %lld)\n", buf, e->what,
	    e->actor, e->data, (long long)e->seq);
	return 0;
}

static int
cmd_ncr_show_exec(struct cf_cmd *cmd)
{
	struct cf_store *st;
	struct cf_tz *tz;
	struct cf_ncr n;
	struct cf_strv audits = CF_STRV_INIT, subjects = CF_STRV_INIT;
	struct history hist;
	struct cf_ncr_amendment *am = NULL;
	size_t nam = 0;
	char name[32], buf[64];
	int64_t number;
	int rc;

	if ((rc = cf_ncr_parse_number(cmd->args.argv[0], &number)) < 0)
		return rc;
	if ((rc = cf_ws_store(cmd->ws, &st)) < 0 ||
	    (rc = cf_ws_tz(cmd->ws, &tz)) < 0 ||
	    (rc = cf_ncr_get(st, number, &n)) < 0)
		return rc;
	if ((rc = cf_ncr_subjects(st, number, &audits, &subjects)) < 0)
		goto out;
	cf_ncr_name(n.number, name, sizeof name);
	field(cmd->out, "ncr", name);
	field(cmd->out, "checklist", n.checklist_id);
	snprintf(buf, sizeof buf, "%s (%s)", n.check_id, n.check_type);
	field(cmd->out, "check", buf);
	field(cmd->out, "title", n.check_title);
	field(cmd->out, "clause", n.clause);
	field(cmd->out, "severity", n.severity);
	field(cmd->out, "state", cf_ncr_state_name(n.state));
	struct cf_time t = { n.opened_at, 0, 0, true };
	cf_time_format_local(&t, tz, false, buf, sizeof buf);
	field(cmd->out, "opened", buf);
	if (n.recurrence_of) {
		cf_ncr_name(n.recurrence_of, buf, sizeof buf);
		field(cmd->out, "recurrence of", buf);
	}
	/* Its audits that are void (doc/audits.md "Voiding an audit"). */
	{
		int64_t *ids = NULL;
		size_t na = 0, nv = 0;
		struct cf_buf vb = CF_BUF_INIT;
		if ((rc = cf_ncrdb_citing(st, number, &ids, &na)) < 0)
			goto out;
		for (size_t i = 0; i < na && rc == 0; i++) {
			struct cf_audit_head h;
			if ((rc = cf_auditdb_head(st, ids[i], &h)) == 0 &&
			    h.void_reason) {
				cf_buf_addf(&vb, "%saudit %lld", nv ? ", " : "",
				    (long long)ids[i]);
				nv++;
			}
			cf_audit_head_release(&h);
		}
		free(ids);
		if (rc == 0 && nv > 0)
			field(cmd->out, "void audits", vb.s);
		if (rc == 0 && nv > 0 && nv == na)
			field(cmd->out, "note",
			    "raised by a void audit only: reject it with "
			    "--reason if the nonconformity does not stand");
		cf_buf_release(&vb);
		if (rc < 0)
			goto out;
	}
	field(cmd->out, "owner", n.owner);
	buf[0] = '\0';
	if (n.due != CF_DAY_NONE)
		cf_day_format(n.due, buf);
	field(cmd->out, "due", buf);
	field(cmd->out, "correction", n.correction);
	field(cmd->out, "root cause", n.root_cause);
	field(cmd->out, "method", n.method);
	field(cmd->out, "corrective action", n.action);
	field(cmd->out, "similar considered", n.similar);
	field(cmd->out, "risk update",
	    n.risk_update < 0	? NULL
		: n.risk_update ? "yes"
				: "no");
	field(cmd->out, "effectiveness", n.effectiveness);
	buf[0] = '\0';
	if (n.verified_audit)
		snprintf(buf, sizeof buf, "audit %lld",
		    (long long)n.verified_audit);
	field(cmd->out, "verified by", buf);
	buf[0] = '\0';
	if (n.closed_on != CF_DAY_NONE)
		cf_day_format(n.closed_on, buf);
	field(cmd->out, "closed on", buf);
	field(cmd->out, "rejection reason", n.rejection);

	/* Amendments beside the originals above, never in their place. */
	if ((rc = cf_ncrdb_amendments(st, number, &am, &nam)) < 0)
		goto out;
	if (nam > 0) {
		fprintf(cmd->out, "\namendments (%zu; the fields above are the "
				  "originals):\n",
		    nam);
		for (size_t i = 0; i < nam; i++) {
			struct cf_time at = { am[i].at, 0, 0, true };
			cf_time_format_local(&at, tz, false, buf, sizeof buf);
			fprintf(cmd->out,
			    "  %lld  %s  %s  --%s now reads: %s\n"
			    "      reason: %s\n",
			    (long long)am[i].seq, buf, am[i].actor,
			    am[i].field, am[i].value, am[i].reason);
		}
	}

	fprintf(cmd->out, "\nfailing subjects (%zu):\n", subjects.n);
	for (size_t i = 0; i < subjects.n; i++)
		fprintf(cmd->out, "  audit %-5s %s\n", audits.v[i],
		    subjects.v[i]);

	fprintf(cmd->out, "\nhistory:\n");
	hist.out = cmd->out;
	hist.tz = tz;
	rc = cf_trail_each_subject(st, name, history_line, &hist);
out:
	for (size_t i = 0; i < nam; i++)
		cf_ncr_amendment_release(&am[i]);
	free(am);
	cf_strv_release(&audits);
	cf_strv_release(&subjects);
	cf_ncr_release(&n);
	return rc;
}

const struct cf_cmd_entry cmd_ncr_show_entry = {
	.name = "ncr show",
	.usage = "N",
	.summary = "one NCR: its fields, failing subjects and history",
	.min_args = 1,
	.max_args = 1,
	.flags = CF_CMD_WORKSPACE,
	.exec = cmd_ncr_show_exec,
};
