/* SPDX-License-Identifier: MIT */
/*
 * conclusion.c - the audit's conclusion (see conclusion.h).
 *
 * The grade of a check is the one rule; the conclusion sums it over the
 * checks, and the NCR register asks the same rule which checks open an
 * NCR, so a report and the register cannot disagree.
 */
#include "conform.h"
#include "auditdb.h"
#include "conclusion.h"

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
