/* SPDX-License-Identifier: MIT */
/*
 * checks-money.c - fee (doc/checks.md): the fen charged against the
 * fee the procedure in force publishes.  Both sides are exact integers
 * of fen, so "50" and "50.00" are the same amount and no rounding can
 * hide a difference of one fen.
 */
#include "conform.h"
#include "checks-impl.h"
#include "amount.h"

void
cf_check_fee(const struct cf_audit_env *env, const struct cf_case *c,
    const struct cf_procedure *p, struct cf_verdict *v)
{
	char charged[32], fee[32];

	if (cf_check__no_procedure(env, c, p, v))
		return;
	if (cf_check__pending(env, c, v))
		return;
	if (!c->fee_recorded) {
		cf_verdict_set(v, CF_RESULT_ERROR, "fee not recorded");
		return;
	}
	if (!p->has_fee || p->fee_fen < 0) {
		cf_verdict_set(v, CF_RESULT_ERROR,
		    "no fee amount in the procedure");
		return;
	}
	if (c->fee_fen == p->fee_fen) {
		cf_verdict_set(v, CF_RESULT_PASS, NULL);
		return;
	}
	cf_amount_format(c->fee_fen, charged, sizeof charged);
	cf_amount_format(p->fee_fen, fee, sizeof fee);
	cf_verdict_set(v, CF_RESULT_FAIL, "charged %s, fee %s", charged, fee);
}
