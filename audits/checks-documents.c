/* SPDX-License-Identifier: MIT */
/*
 * checks-documents.c - the checks of the controlled documents (doc/checks.md):
 * in-force (per case), guide-complete, limits-consistent, review-current and
 * approved (per document), and the two aggregates over the procedures in force
 * on --to, on-the-spot-ratio and limit-compression.
 *
 * A service-guide item is empty when absent, blank after trimming, or
 * missing an attribute it needs (doc/checks.md): a time-limit needs statutory
 * and committed, a fee its amount.  The parser already trimmed element
 * text, and cf_blank() is the project's one notion of blank.
 */
#include "conform.h"
#include "checks-impl.h"
#include "text.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

__extension__ typedef __int128 i128;

void
cf_check_in_force(const struct cf_audit_env *env, const struct cf_case *c,
    const struct cf_docversion *in_force, struct cf_verdict *v)
{
	char msg[CF_DETAIL_MAX], day[11];

	if (in_force == NULL) {
		cf_check__not_in_force(env, c, msg, sizeof msg);
		cf_verdict_set(v, CF_RESULT_FAIL, "%s", msg);
	} else if (in_force->deleted) {
		cf_day_format(in_force->effective_from, day);
		cf_verdict_set(v, CF_RESULT_FAIL, "%s withdrawn on %s",
		    c->procedure_id ? c->procedure_id : "the procedure", day);
	} else if (in_force->invalid != NULL)
		cf_verdict_set(v, CF_RESULT_ERROR, "%s", in_force->invalid);
	else
		cf_verdict_set(v, CF_RESULT_PASS, NULL);
}

static bool
has_legal_basis(const struct cf_procedure *p)
{
	for (size_t i = 0; i < p->legal_basis.n; i++)
		if (!cf_blank(p->legal_basis.v[i]))
			return true;
	return false;
}

static bool
has_time_limit(const struct cf_procedure *p)
{
	return p->has_time_limit && p->statutory >= 0 && p->committed >= 0;
}

void
cf_check_guide_complete(const struct cf_procedure *p, struct cf_verdict *v)
{
	const struct {
		const char *name;
		bool present;
	} items[] = {
		{ "legal-basis", has_legal_basis(p) },
		{ "time-limit", has_time_limit(p) },
		{ "fee", p->has_fee && p->fee_fen >= 0 },
		{ "materials", p->has_materials },
		{ "steps", p->nsteps > 0 },
		{ "complaint-phone", !cf_blank(p->complaint_phone) },
	};
	struct cf_buf missing = CF_BUF_INIT;

	for (size_t i = 0; i < CF_ARRAY_LEN(items); i++) {
		if (items[i].present)
			continue;
		cf_buf_adds(&missing, missing.len ? ", " : "missing: ");
		cf_buf_adds(&missing, items[i].name);
	}
	if (missing.len)
		cf_verdict_set(v, CF_RESULT_FAIL, "%s", missing.s);
	else
		cf_verdict_set(v, CF_RESULT_PASS, NULL);
	cf_buf_release(&missing);
}

void
cf_check_limits_consistent(const struct cf_procedure *p, struct cf_verdict *v)
{
	if (!has_time_limit(p))
		cf_verdict_set(v, CF_RESULT_ERROR, "no complete time-limit");
	else if (p->committed > p->statutory)
		cf_verdict_set(v, CF_RESULT_FAIL,
		    "committed %d working days exceeds the statutory %d",
		    p->committed, p->statutory);
	else
		cf_verdict_set(v, CF_RESULT_PASS, NULL);
}

void
cf_check_review_current(const struct cf_audit_env *env, cf_day review_due,
    struct cf_verdict *v)
{
	char due[11];

	if (review_due == CF_DAY_NONE) {
		cf_verdict_set(v, CF_RESULT_ERROR, "no review-due date");
		return;
	}
	cf_day_format(review_due, due);
	if (review_due < env->to)
		cf_verdict_set(v, CF_RESULT_FAIL, "review was due %s", due);
	else
		cf_verdict_set(v, CF_RESULT_PASS, "review due %s", due);
}

void
cf_check_approved(const struct cf_docversion *ver, struct cf_verdict *v)
{
	const char *lt, *gt;

	if (ver == NULL || ver->deleted) {
		cf_verdict_set(v, CF_RESULT_ERROR, "no version in force");
		return;
	}
	if (ver->invalid != NULL) {
		cf_verdict_set(v, CF_RESULT_ERROR, "%s", ver->invalid);
		return;
	}
	if (ver->approver_name == NULL) {
		if (ver->approval_note)
			cf_verdict_set(v, CF_RESULT_FAIL, "not approved: %s",
			    ver->approval_note);
		else
			cf_verdict_set(v, CF_RESULT_FAIL, "no Approved-by");
		return;
	}
	/* "NAME <email>", or NAME alone when the trailer had no e-mail. */
	lt = *ver->approver_email ? " <" : "";
	gt = *ver->approver_email ? ">" : "";
	/* Only a signed or a recorded approval counts. */
	if (ver->approval && strcmp(ver->approval, "claimed") == 0)
		cf_verdict_set(v, CF_RESULT_FAIL,
		    "approval by %s%s%s%s is claimed, not %s: %s",
		    ver->approver_name, lt, ver->approver_email, gt,
		    strstr(ver->approval_note ? ver->approval_note : "",
			"allowed signers")
			? "signed"
			: "recorded",
		    ver->approval_note ? ver->approval_note : "only text");
	else if (cf_docversion_self_approved(ver))
		cf_verdict_set(v, CF_RESULT_FAIL,
		    "approved by its author %s%s%s%s", ver->approver_name, lt,
		    ver->approver_email, gt);
	else
		cf_verdict_set(v, CF_RESULT_PASS, "approved by %s%s%s%s%s",
		    ver->approver_name, lt, ver->approver_email, gt,
		    ver->approval == NULL ? ""
			: strcmp(ver->approval, "signed") == 0
			? " (signed)"
			: " (recorded, unsigned)");
}

void
cf_check_on_the_spot_ratio(const struct cf_check *chk,
    const struct cf_procedure *const *procs, size_t n, struct cf_verdict *v)
{
	char min[48];
	int64_t spot = 0;
	bool failed;

	if (!chk->has_min) {
		cf_verdict_set(v, CF_RESULT_ERROR, "no minimum in the check");
		return;
	}
	if (n == 0) {
		cf_verdict_set(v, CF_RESULT_ERROR, "no procedure in force");
		return;
	}
	for (size_t i = 0; i < n; i++)
		spot += procs[i]->kind == CF_KIND_ON_THE_SPOT;
	/* spot / n < num / den, in exact integers. */
	failed = (i128)spot * chk->min.den < (i128)chk->min.num * (int64_t)n;
	cf_check__ratio_text(chk->min, min, sizeof min);
	cf_verdict_set(v, failed ? CF_RESULT_FAIL : CF_RESULT_PASS,
	    "%" PRId64 " of %zu procedures on the spot, minimum %s", spot, n,
	    min);
}

void
cf_check_limit_compression(const struct cf_check *chk,
    const struct cf_procedure *const *procs, size_t n, struct cf_verdict *v)
{
	char value[48], min[48];
	int64_t ss = 0, sc = 0;
	size_t used = 0;
	bool failed;
	int k;

	if (!chk->has_min) {
		cf_verdict_set(v, CF_RESULT_ERROR, "no minimum in the check");
		return;
	}
	for (size_t i = 0; i < n; i++) {
		if (procs[i]->kind != CF_KIND_COMMITMENT ||
		    !has_time_limit(procs[i]))
			continue;
		ss += procs[i]->statutory;
		sc += procs[i]->committed;
		used++;
	}
	if (used == 0) {
		cf_verdict_set(v, CF_RESULT_ERROR,
		    "no commitment procedure with a complete time-limit");
		return;
	}
	if (ss == 0) {
		cf_verdict_set(v, CF_RESULT_ERROR,
		    "the statutory limits add up to 0 working days");
		return;
	}
	/* 1 - sc / ss < num / den  <=>  (ss - sc) * den < num * ss. */
	failed = (i128)(ss - sc) * chk->min.den < (i128)chk->min.num * ss;
	k = cf_check__decimals(chk->min);
	cf_check__measure(ss - sc, ss, 1, k > 2 ? k : 2, chk->min, failed,
	    value, sizeof value);
	cf_check__ratio_text(chk->min, min, sizeof min);
	cf_verdict_set(v, failed ? CF_RESULT_FAIL : CF_RESULT_PASS,
	    "compression %s (Σ committed %" PRId64 " / Σ statutory %" PRId64
	    "), minimum %s",
	    value, sc, ss, min);
}
