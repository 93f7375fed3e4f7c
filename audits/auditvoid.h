/* SPDX-License-Identifier: MIT */
/*
 * auditvoid.h - voiding a stored audit (doc/audits.md "Voiding an
 * audit").
 *
 * An audit found to be wrong (the wrong period, records imported twice,
 * a checklist committed by mistake) is not deleted: it is kept whole and
 * marked void with the reason, the time and the actor, in one
 * transaction with an `audit.void` trail entry that binds the void and
 * names the NCRs the audit raised or joined.  Those NCRs are not
 * changed - their states are people's decisions - but every NCR whose
 * citing audits (cf_ncrdb_citing: those that raised or joined it, and
 * those that found its subjects failing again) are all void is named as raised by a void audit, for the
 * quality officer to reject with a reason if it does not stand.
 * Reviews, evidence packs and `ncr verify` leave void audits out; the
 * SQL is auditdb.c's and ncrdb.c's.
 */
#ifndef CF_AUDITVOID_H
#define CF_AUDITVOID_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct cf_store;

struct cf_audit_voided {
	int64_t *linked; /* the NCRs the audit raised or joined */
	size_t nlinked;
	int64_t *only_void; /* of those, the ones all of whose audits are void */
	size_t nonly;
};

void cf_audit_voided_release(struct cf_audit_voided *v);

/*
 * Marks stored audit `id` void, inside the caller's transaction, and
 * appends its trail entry.  CF_ENOTFOUND for no such audit, CF_EEXISTS
 * when it is void already, CF_EINVALID for a blank reason.
 */
int cf_audit_void(struct cf_store *st, int64_t id, const char *reason,
    int64_t now, const char *actor, struct cf_audit_voided *out);

/* Whether every audit that cites NCR `number` (cf_ncrdb_citing) is
 * void (false for an NCR no audit cites). */
int cf_audit_ncr_only_void(struct cf_store *st, int64_t number, bool *out);

#endif
