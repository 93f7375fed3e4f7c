/* SPDX-License-Identifier: MIT */
/*
 * ncr.h - nonconformity reports and corrective actions (ISO 9001 10.2,
 * doc/ncr.md).
 *
 * An audit opens one NCR per failing major or minor check (listing its
 * failing subjects), or adds the audit and its subjects to the open NCR
 * of the same check (same checklist id and check id); an observation
 * opens none.  A subject already listed on an NCR of the check, in any
 * state, is not raised again, so an NCR lists each subject once and a
 * re-audit of old records raises nothing for old cases.  A check whose
 * last NCR was closed and that fails for new subjects opens a new NCR
 * marked as a recurrence of it.
 *
 * States, one step forward at a time:
 *   open -> analysed -> action-planned -> implemented -> verified -> closed
 * or rejected (with a reason) from any state before implemented.
 * analysed needs a root cause; action-planned an action, an owner and a
 * due date; verified only comes from cf_ncr_verify (an audit started
 * after the implementation in which the same check has a pass and no
 * fail); closed needs verified and the effectiveness evidence.  From
 * verified on the fields are frozen: corrections are amendments
 * (cf_ncr_amend), kept beside the original.  "Open" means any state but
 * closed and rejected.
 *
 * Every change appends a trail entry (subject "NCR-0001") in the same
 * transaction, which the caller holds; the trail is the NCR's history.
 * The rules are here; the statements on the NCR tables are ncrdb.c's,
 * and which checks are nonconformities is audits/conclusion.h's.
 */
#ifndef CF_NCR_H
#define CF_NCR_H

#include <stdbool.h>
#include <stdint.h>

#include "date.h"
#include "mem.h"
#include "ncrdb.h"

struct cf_store;

/* The record (struct cf_ncr), its states and its name are ncrdb.h's. */

/* Accepts "7", "0007" and "NCR-0007". */
int cf_ncr_parse_number(const char *s, int64_t *out);

int cf_ncr_get(struct cf_store *st, int64_t number, struct cf_ncr *out);

/* Every NCR, by number. */
int cf_ncr_list(struct cf_store *st, struct cf_ncr **out, size_t *n);

/* The failing subjects of an NCR: (audit id, subject), by audit then subject.
 */
int cf_ncr_subjects(struct cf_store *st, int64_t number, struct cf_strv *audits,
    struct cf_strv *subjects);

/* What recording an audit's NCRs did. */
struct cf_ncr_recorded {
	int opened, joined; /* NCRs */
	int64_t listed;	    /* failing subjects an NCR of their check
			       listed already: not raised again */
};

/*
 * Opens or joins NCRs for stored audit `audit` (its failing major and
 * minor checks), inside the caller's transaction, by the recurrence
 * rule (doc/ncr.md): a failing subject that an NCR of the same check
 * lists already, in any state, is not raised again; only the others
 * join the check's open NCR or open a new one, a recurrence of the
 * newest closed one.  An NCR lists each subject once.  *out (may be
 * NULL) counts what happened.
 */
int cf_ncr_record_audit(struct cf_store *st, int64_t audit, int64_t now,
    const char *actor, struct cf_ncr_recorded *out);

/*
 * The NCR that lists `subject` among listings `v` (cf_ncrdb_listings, by
 * subject), added by an audit before audit `before` (any audit when
 * before <= 0); 0 when none.  O(log n).
 */
int64_t cf_ncr_listed(const struct cf_ncr_listing *v, size_t n,
    const char *subject, int64_t before);

/*
 * An NCR audit `id` cites: one it raised or joined (linked; opened when
 * it raised it; subjects, the failing subjects it added), or one that
 * already listed `listed` of its failing subjects of the NCR's check,
 * listed by an earlier audit (SPEC 10's recurrence: not raised again,
 * the finding's NCR is that one).
 */
struct cf_ncr_cite {
	int64_t number;
	bool linked, opened;
	int64_t subjects, listed;
};

/* The NCRs audit `id` cites, each once, by number.  The caller frees
 * *out (never NULL on success). */
int cf_ncr_cited_by_audit(struct cf_store *st, int64_t id,
    struct cf_ncr_cite **out, size_t *n);

/* A change asked of an NCR; NULL / false members are left alone. */
struct cf_ncr_change {
	const char *state;
	const char *owner;
	bool has_due;
	cf_day due;
	const char *correction;
	const char *root_cause;
	const char *method;
	const char *action;
	const char *similar;
	const char *risk_update; /* "yes" or "no" */
	const char *effectiveness;
	const char *rejection;
};

/*
 * Applies `c` to NCR `number` inside the caller's transaction, or
 * refuses with CF_EINVALID and a message saying why ("NCR-0003: cannot
 * go from open to action-planned: analysed comes first").  `today` is
 * the closing date when it closes.
 */
int cf_ncr_update(struct cf_store *st, int64_t number,
    const struct cf_ncr_change *c, int64_t now, cf_day today,
    const char *actor);

/*
 * Corrects fields of verified or closed NCR `number` (doc/ncr.md): each
 * field `c` gives (state and rejection must be NULL) becomes an
 * amendment with `reason`, kept beside the original value, which stays;
 * one trail entry "ncr.amend" for them all.  Refused, naming why, for
 * an NCR not yet verified (its fields still change with cf_ncr_update),
 * a rejected one, no field, a blank value or no reason.
 */
int cf_ncr_amend(struct cf_store *st, int64_t number,
    const struct cf_ncr_change *c, const char *reason, int64_t now,
    const char *actor);

/*
 * implemented -> verified, with stored audit `audit` as the evidence
 * (doc/ncr.md).  Refused, naming why, unless the audit
 *   - started after the implementation and its period starts after
 *     the local day (`tz`) of the implementation: an audit of earlier
 *     records is no evidence;
 *   - ran the same check: the check of that id in its checklist
 *     version and in the version of the audit that raised the NCR, read
 *     from `repo` and parsed, have the same type and parameters
 *     (cf_check_same);
 *   - judged at least one subject of it (pass + fail > 0);
 *   - found at least one pass and no fail.
 */
struct cf_repo;
struct cf_tz;
int cf_ncr_verify(struct cf_store *st, struct cf_repo *repo, struct cf_tz *tz,
    int64_t number, int64_t audit, int64_t now, const char *actor);

/*
 * cf_ncr_update — or, when `amend_reason` is not NULL, cf_ncr_amend of
 * the fields `c` gives with that reason — in one transaction of its own:
 * it happens whole, with its trail entry, or not at all.  The command
 * line (ncr update) and the web (POST /ncrs/N) both change NCRs here.
 */
int cf_ncr_apply(struct cf_store *st, int64_t number,
    const struct cf_ncr_change *c, const char *amend_reason, int64_t now,
    cf_day today, const char *actor);
/* cf_ncr_verify in one transaction of its own (ncr verify, the web). */
int cf_ncr_verify_apply(struct cf_store *st, struct cf_repo *repo,
    struct cf_tz *tz, int64_t number, int64_t audit, int64_t now,
    const char *actor);

/*
 * NCR `number` as it stood at the end of local day `day` (in `tz`;
 * doc/reports.md, the management review): its state, owner and due date
 * replayed from its trail entries of that day or before (ncr.open,
 * ncr.update, ncr.verify), later changes left out.  An NCR opened after
 * `day` stands as it was opened: open, no owner, no due date.
 * Release with cf_ncr_as_at_release.
 */
struct cf_ncr_as_at {
	enum cf_ncr_state state;
	char *owner; /* NULL when not set then */
	cf_day due;  /* CF_DAY_NONE when not set then */
};
int cf_ncr_as_at(struct cf_store *st, struct cf_tz *tz, int64_t number,
    cf_day day, struct cf_ncr_as_at *out);
void cf_ncr_as_at_release(struct cf_ncr_as_at *a);

/* Whether the NCR is open (neither closed nor rejected). */
bool cf_ncr_is_open(const struct cf_ncr *n);

#endif
