/* SPDX-License-Identifier: MIT */
/*
 * conclusion.c - the audit's conclusion (see conclusion.h).
 *
 * The grade of a check is the one rule; the conclusion sums it over the
 * checks, and the NCR register asks the same rule which checks open an
 * NCR, so a report and the register cannot disagree.  The sample's
 * figure per check is here for the same reason: the audit stores the
 * limit, and every output states it, from one computation.
 */
#include "conform.h"
#include "amount.h"
#include "auditdb.h"
#include "conclusion.h"
#include "sampling.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum cf_grade
cf_check_grade(const struct cf_audit_checkrow *c)
{
	if (c->n[CF_RESULT_FAIL] == 0)
		return CF_GRADE_NONE;
	if (strcmp(c->severity, "major") == 0)
		return CF_GRADE_MAJOR;
	if (strcmp(c->severity, "minor") == 0)
		return CF_GRADE_MINOR;
	return CF_GRADE_OBSERVATION;
}

bool
cf_check_raises_ncr(const struct cf_audit_checkrow *c)
{
	enum cf_grade g = cf_check_grade(c);

	return g == CF_GRADE_MAJOR || g == CF_GRADE_MINOR;
}

void
cf_audit_conclude(const struct cf_audit_checkrow *c, size_t n,
    struct cf_audit_conclusion *out)
{
	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < n; i++) {
		int64_t fails = c[i].n[CF_RESULT_FAIL];
		out->pass += c[i].n[CF_RESULT_PASS];
		out->fail += fails;
		out->errors += c[i].n[CF_RESULT_ERROR];
		switch (cf_check_grade(&c[i])) {
		case CF_GRADE_NONE:
			break;
		case CF_GRADE_MAJOR:
			out->major++;
			out->major_subjects += fails;
			break;
		case CF_GRADE_MINOR:
			out->minor++;
			out->minor_subjects += fails;
			break;
		case CF_GRADE_OBSERVATION:
			out->observations++;
			break;
		}
	}
	out->overall = out->major ? "major-nonconformity"
	    : out->minor	  ? "minor-nonconformity"
				  : "conforming";
}

int
cf_audit_conclusion_load(struct cf_store *st, int64_t id,
    struct cf_audit_conclusion *out)
{
	struct cf_audit_checkrow *c = NULL;
	size_t n = 0;
	int rc;

	memset(out, 0, sizeof *out);
	out->overall = "conforming";
	if ((rc = cf_auditdb_checks(st, id, &c, &n)) == 0)
		cf_audit_conclude(c, n, out);
	for (size_t i = 0; i < n; i++)
		cf_audit_checkrow_release(&c[i]);
	free(c);
	return rc;
}

/* A ratio as a percentage, exactly: 0.05 -> "5 %", 0.025 -> "2.5 %". */
static void
percent_text(struct cf_ratio r, char *buf, size_t size)
{
	int64_t den = r.den, num = r.num;
	char frac[24];
	size_t k = 0;

	/* den = 10^k; 100 * num / den has k - 2 decimals. */
	if (den <= 100) {
		snprintf(buf, size, "%" PRId64 " %%", num * (100 / den));
		return;
	}
	den /= 100;
	for (int64_t d = den; d > 1; d /= 10)
		k++;
	snprintf(frac, sizeof frac, "%0*" PRId64, (int)k, num % den);
	while (k > 0 && frac[k - 1] == '0')
		frac[--k] = '\0';
	snprintf(buf, size, "%" PRId64 "%s%s %%", num / den, k ? "." : "",
	    frac);
}

int
cf_sample_figure_of(const struct cf_audit_head *h,
    const struct cf_audit_checkrow *c, struct cf_sample_figure *out)
{
	struct cf_ratio conf, tol;

	memset(out, 0, sizeof *out);
	if (!h->sampled || !cf_check_type_name_is_case(c->type))
		return 0;
	if (h->confidence == NULL || h->tolerable == NULL ||
	    cf_ratio_parse(&conf, h->confidence) < 0 ||
	    cf_ratio_parse(&tol, h->tolerable) < 0)
		return cf_error_set(CF_EINVALID,
		    "audit %" PRId64 " stores no valid confidence and "
		    "tolerable rate",
		    h->id);
	out->sampled = h->sample_size;
	out->deviations = c->n[CF_RESULT_FAIL];
	out->judged = c->n[CF_RESULT_PASS] + c->n[CF_RESULT_FAIL];
	percent_text(tol, out->tolerable, sizeof out->tolerable);
	if (out->judged == 0) {
		out->standing = CF_SAMPLE_NOTHING;
		return 1;
	}
	if (cf_sample_upper_limit(&out->limit_bp, out->deviations, out->judged,
		conf) < 0)
		return CF_EINVALID;
	cf_sample_bp_format(out->limit_bp, out->limit, sizeof out->limit);
	out->standing = cf_sample_within(out->deviations, out->judged, conf,
			    tol)
	    ? CF_SAMPLE_WITHIN
	    : CF_SAMPLE_ABOVE;
	return 1;
}

const char *
cf_sample_standing_name(enum cf_sample_standing s)
{
	switch (s) {
	case CF_SAMPLE_WITHIN:
		return "within";
	case CF_SAMPLE_ABOVE:
		return "above";
	default:
		return "nothing judged";
	}
}
