/* SPDX-License-Identifier: MIT */
/*
 * report-audit-csv.c - the audit report as CSV (see report-audit.c): the
 * finding rows, exactly as `conform audit show ID --all --excel` prints
 * them (a UTF-8 byte order mark, then the same header, auditprint.h).
 */
#include "conform.h"
#include "auditprint.h"
#include "listing.h"
#include "report-audit-impl.h"

struct csv_ctx {
	struct cf_listing *l;
	const struct cf_ra_data *d;
};

static int
csv_finding(const struct cf_auditdb_finding *fd, void *arg)
{
	struct csv_ctx *c = arg;
	const struct cf_audit_checkrow *k = cf_ra_check_at(c->d, fd->pos);

	cf_listing_row(c->l);
	cf_listing_cell(c->l, k ? k->check_id : "?");
	cf_listing_cell(c->l, fd->subject);
	cf_listing_cell(c->l, cf_result_name(fd->result));
	cf_listing_cell(c->l, k ? k->severity : "");
	cf_listing_cell(c->l, k ? k->clause : "");
	cf_listing_cell(c->l, fd->document_id ? fd->document_id : "");
	cf_listing_cell(c->l, fd->commit ? fd->commit : "");
	cf_listing_cell(c->l, fd->detail);
	return 0;
}

int
cf_ra_write_csv(FILE *f, const struct cf_report_env *env, struct cf_ra_data *d)
{
	struct csv_ctx c = { NULL, d };
	int rc;

	fputs(CF_UTF8_BOM, f); /* a report for people: Excel (doc/reports.md) */
	c.l = cf_listing_new(f, CF_FORMAT_CSV, cf_finding_columns,
	    CF_FINDING_COLUMNS);
	rc = cf_auditdb_findings(env->st, d->h.id, true, csv_finding, &c);
	if (cf_listing_end(c.l) < 0 && rc == 0)
		rc = cf_error_set(CF_ERROR, "cannot write the report");
	return rc;
}
