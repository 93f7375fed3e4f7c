/* SPDX-License-Identifier: MIT */
/*
 * report-audit-measure.c - what the audit report's charts show for each
 * check (doc/reports.md#charts): a conformity (passes / judged) for the
 * checks that judge subjects one by one; the measured rate against the
 * check's `min` for the period rates, whose single result "*" says
 * nothing of the rate; the number of failing subjects for an sql check,
 * whose query returns only nonconformities, so that no conformity can be
 * computed.
 *
 * The measured rate is the exact fraction the audit printed in the
 * result's detail (doc/checks.md#rates: "on time 4805 of 4831 (...)",
 * "5 of 16 procedures on the spot", "(Σ committed 80 / Σ statutory
 * 235)"); the minimum comes from the checklist as the audit ran it.
 */
#include "conform.h"
#include "auditdb.h"
#include "docindex.h"
#include "report-audit-impl.h"
#include "svg.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Checklist `id` as committed at `commit`, or NULL. */
static const struct cf_checklist *
checklist_at(const struct cf_report_env *env, const char *id,
    const char *commit)
{
	struct cf_docversion *const *h;
	const struct cf_doc *doc;
	size_t n;

	if (env->idx == NULL)
		return NULL;
	h = cf_docindex_history(env->idx, CF_DOC_CHECKLIST, id, &n);
	for (size_t i = 0; i < n; i++) {
		if (strcmp(h[i]->commit, commit) != 0)
			continue;
		if (cf_docindex_doc(env->idx, h[i], &doc) < 0) {
			cf_error_clear();
			return NULL;
		}
		return &doc->u.list;
	}
	return NULL;
}

bool
cf_report_check_min(const struct cf_report_env *env, const char *checklist,
    const char *commit, const char *type, const char *check_id,
    struct cf_ratio *min)
{
	const struct cf_checklist *list = checklist_at(env, checklist, commit);

	for (size_t k = 0; list && k < list->nchecks; k++) {
		const struct cf_check *c = &list->checks[k];
		if (check_id ? strcmp(c->id, check_id) != 0
			     : strcmp(cf_check_type_name(c->type), type) != 0)
			continue;
		if (c->has_min && c->min.den > 0) {
			*min = c->min;
			return true;
		}
		if (check_id)
			return false;
	}
	return false;
}

int
cf_ra_parse_rate(const char *type, const char *detail, int64_t *num,
    int64_t *den)
{
	int64_t a, b;
	const char *s;

	if (strcmp(type, "on-time-rate") == 0) {
		if (sscanf(detail, "on time %" SCNd64 " of %" SCNd64, &a, &b) !=
		    2)
			return -1;
	} else if (strcmp(type, "on-the-spot-ratio") == 0) {
		if (sscanf(detail, "%" SCNd64 " of %" SCNd64 " procedures", &a,
			&b) != 2)
			return -1;
	} else if (strcmp(type, "on-the-spot-volume") == 0) {
		if (sscanf(detail, "on the spot %" SCNd64 " of %" SCNd64, &a,
			&b) != 2)
			return -1;
	} else if (strcmp(type, "satisfaction-rate") == 0) {
		if (sscanf(detail, "satisfied %" SCNd64 " of %" SCNd64, &a,
			&b) != 2)
			return -1;
	} else if (strcmp(type, "evaluation-coverage") == 0) {
		if (sscanf(detail, "evaluated %" SCNd64 " of %" SCNd64, &a,
			&b) != 2)
			return -1;
	} else if (strcmp(type, "actual-compression") == 0) {
		int64_t u;
		if (sscanf(detail, "used %" SCNd64 " of %" SCNd64, &u, &b) !=
		    2)
			return -1;
		a = b - u;
	} else if (strcmp(type, "limit-compression") == 0) {
		int64_t c;
		if ((s = strstr(detail, "Σ committed ")) == NULL ||
		    sscanf(s, "Σ committed %" SCNd64 " / Σ statutory %" SCNd64,
			&c, &b) != 2)
			return -1;
		a = b - c;
	} else
		return -1;
	if (b <= 0 || a < 0 || a > b)
		return -1;
	*num = a;
	*den = b;
	return 0;
}

bool
cf_ra_is_rate(const char *type)
{
	return strcmp(type, "on-time-rate") == 0 ||
	    strcmp(type, "on-the-spot-ratio") == 0 ||
	    strcmp(type, "limit-compression") == 0 ||
	    strcmp(type, "on-the-spot-volume") == 0 ||
	    strcmp(type, "actual-compression") == 0 ||
	    strcmp(type, "satisfaction-rate") == 0 ||
	    strcmp(type, "evaluation-coverage") == 0;
}

int
cf_report_check_measure(const struct cf_report_env *env,
    const struct cf_audit_head *h, const struct cf_audit_checkrow *c,
    struct cf_measure *m)
{
	struct cf_ratio min;
	char *detail, *result;
	int rc;

	memset(m, 0, sizeof *m);
	if (strcmp(c->type, "sql") == 0) {
		m->kind = CF_MEASURE_COUNT;
		m->num = c->n[CF_RESULT_FAIL];
		/* an sql check in error judged nothing */
		m->den = c->n[CF_RESULT_ERROR] && !c->n[CF_RESULT_FAIL] &&
			!c->n[CF_RESULT_PASS]
		    ? 0
		    : 1;
		return 0;
	}
	if (!cf_ra_is_rate(c->type)) {
		m->kind = CF_MEASURE_CONFORMITY;
		m->num = c->n[CF_RESULT_PASS];
		m->den = m->num + c->n[CF_RESULT_FAIL];
		return 0;
	}
	m->kind = CF_MEASURE_RATE;
	if (cf_report_check_min(env, h->checklist_id, h->checklist_commit,
		c->type, c->check_id, &min)) {
		m->has_min = true;
		m->min_num = min.num;
		m->min_den = min.den;
	}
	if ((rc = cf_auditdb_finding_detail(env->st, h->id, c->pos, "*",
		 &detail, &result)) < 0)
		return rc;
	/* na or error: no rate (drawn as no data, never 0 %) */
	if (detail && result &&
	    (strcmp(result, "pass") == 0 || strcmp(result, "fail") == 0))
		(void)cf_ra_parse_rate(c->type, detail, &m->num, &m->den);
	free(detail);
	free(result);
	return 0;
}

int
cf_ra_measures(const struct cf_report_env *env, const struct cf_ra_data *d,
    struct cf_measure **out)
{
	struct cf_measure *m = cf_xcalloc(d->nchecks ? d->nchecks : 1,
	    sizeof *m);
	int rc = 0;

	for (size_t i = 0; i < d->nchecks && rc == 0; i++)
		rc = cf_report_check_measure(env, &d->h, &d->checks[i], &m[i]);
	if (rc < 0) {
		free(m);
		m = NULL;
	}
	*out = m;
	return rc;
}

void
cf_measure_text(const struct cf_measure *m, char *buf, size_t size)
{
	char rate[32];

	if (m->den == 0) {
		snprintf(buf, size, "—");
		return;
	}
	switch (m->kind) {
	case CF_MEASURE_CONFORMITY:
		cf_rate_text(m->num, m->den, buf, size);
		break;
	case CF_MEASURE_RATE:
		cf_rate_text(m->num, m->den, rate, sizeof rate);
		snprintf(buf, size, "%s（测定值 measured）", rate);
		break;
	case CF_MEASURE_COUNT:
		snprintf(buf, size, "%" PRId64 " 个对象 subjects", m->num);
		break;
	}
}

const char *
cf_measure_class(const struct cf_measure *m)
{
	return m->den > 0 && m->kind != CF_MEASURE_CONFORMITY ? "num measured"
							     : "num";
}
