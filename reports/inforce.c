/* SPDX-License-Identifier: MIT */
/*
 * inforce.c - the documents in force on a day and the catalogue KPIs
 * of the procedures among them (see report.h).  The management review
 * asks this once per month, the evidence pack once.
 */
#include "conform.h"
#include "docindex.h"
#include "report.h"

#include <stdlib.h>
#include <string.h>

int
cf_report_in_force(struct cf_docindex *idx, enum cf_doc_type type, cf_day day,
    struct cf_inforce **out, size_t *n, size_t *ninvalid)
{
	size_t nids, alloc = 0;
	const char *const *ids = cf_docindex_ids(idx, type, &nids);

	*out = NULL;
	*n = 0;
	if (ninvalid)
		*ninvalid = 0;
	for (size_t i = 0; i < nids; i++) {
		const struct cf_docversion *v = cf_docindex_in_force(idx, type,
		    ids[i], day);
		const struct cf_doc *doc;
		if (v == NULL || v->deleted)
			continue;
		if (v->invalid || cf_docindex_doc(idx, v, &doc) < 0) {
			cf_error_clear();
			if (ninvalid)
				(*ninvalid)++;
			continue;
		}
		CF_GROW(*out, *n + 1, alloc);
		(*out)[*n].v = v;
		(*out)[*n].doc = doc;
		(*n)++;
	}
	return 0;
}

void
cf_proc_kpis(const struct cf_inforce *p, size_t n, struct cf_proc_kpi *out)
{
	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < n; i++) {
		const struct cf_procedure *pr;
		if (p[i].doc->type != CF_DOC_PROCEDURE)
			continue;
		pr = &p[i].doc->u.proc;
		out->in_force++;
		if (pr->kind == CF_KIND_ON_THE_SPOT) {
			out->on_the_spot++;
			continue;
		}
		if (!pr->has_time_limit || pr->statutory < 0 ||
		    pr->committed < 0)
			continue;
		out->with_limits++;
		out->statutory += pr->statutory;
		out->committed += pr->committed;
	}
}
