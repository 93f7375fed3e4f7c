/* SPDX-License-Identifier: MIT */
/*
 * ncrdb.h - the NCR register as stored: the tables ncr, ncr_subject and
 * ncr_audit (store migration 6), and every statement run on them.
 *
 * The record types live here, below the life cycle (ncr.h), so that
 * the store module needs nothing of the logic above it: an NCR as read
 * (struct cf_ncr), its states and their stored names, and its printed
 * name "NCR-0007".  The rules (which state may follow which, what a
 * state needs, when an audit opens or joins an NCR) are ncr.c's; this
 * module reads and writes what it is told.  Writers run inside the
 * caller's transaction and append no trail entry: ncr.c does, beside
 * each write.
 */
#ifndef CF_NCRDB_H
#define CF_NCRDB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "mem.h"

struct cf_store;

enum cf_ncr_state {
	CF_NCR_OPEN,
	CF_NCR_ANALYSED,
	CF_NCR_ACTION_PLANNED,
	CF_NCR_IMPLEMENTED,
	CF_NCR_VERIFIED,
	CF_NCR_CLOSED,
	CF_NCR_REJECTED,
};

/* The stored (and printed) name of a state: "action-planned". */
const char *cf_ncr_state_name(enum cf_ncr_state s);
/* The state named `s`; CF_EUSAGE naming the states otherwise. */
int cf_ncr_state_parse(const char *s, enum cf_ncr_state *out);

struct cf_ncr {
	int64_t number;
	char *checklist_id, *check_id, *check_type, *clause, *severity;
	enum cf_ncr_state state;
	int64_t opened_at;
	char *owner; /* NULL when not set, as every text below */
	cf_day due;  /* CF_DAY_NONE when not set */
	char *correction;
	char *root_cause;
	char *method; /* 5-why, fishbone, other */
	char *action;
	char *similar;	 /* similar nonconformities considered */
	int risk_update; /* -1 not said, 0 no, 1 yes */
	char *effectiveness;
	int64_t implemented_at; /* 0 when not implemented */
	int64_t verified_audit; /* 0 when not verified */
	cf_day closed_on;
	char *rejection;
	int64_t recurrence_of; /* 0 when none */
	int64_t nsubjects;     /* failing subjects over all its audits */
	int64_t naudits;
	/* the check's title in the latest audit it is part of (read, never
	 * written: the checklist holds it); NULL when the check has none */
	char *check_title;
};

void cf_ncr_release(struct cf_ncr *n);

/* "NCR-0007" */
void cf_ncr_name(int64_t number, char *buf, size_t size);

/* ---- reading ---- */

/* NCR `number`; CF_ENOTFOUND "no NCR-0007". */
int cf_ncrdb_get(struct cf_store *st, int64_t number, struct cf_ncr *out);

/* Every NCR, by number.  The caller releases each and frees *out. */
int cf_ncrdb_list(struct cf_store *st, struct cf_ncr **out, size_t *n);

/* The failing subjects of an NCR: (audit id, subject), by audit then
 * subject. */
int cf_ncrdb_subjects(struct cf_store *st, int64_t number,
    struct cf_strv *audits, struct cf_strv *subjects);

/* The audits that raised or joined NCR `number`, by id.  The caller
 * frees *out. */
int cf_ncrdb_audits(struct cf_store *st, int64_t number, int64_t **out,
    size_t *n);

/* The audits that cite NCR `number`: those that raised or joined it,
 * and those whose failing findings of its check are subjects it lists
 * already (not raised again, doc/ncr.md), by id.  The caller frees
 * *out. */
int cf_ncrdb_citing(struct cf_store *st, int64_t number, int64_t **out,
    size_t *n);

/* The audit that raised NCR `number` (the first it lists);
 * CF_ENOTFOUND when it lists none. */
int cf_ncrdb_first_audit(struct cf_store *st, int64_t number, int64_t *out);

/* An NCR of a check, as cf_ncrdb_of_check lists them. */
struct cf_ncr_ref {
	int64_t number;
	enum cf_ncr_state state;
};

/*
 * The NCRs of check `check` of checklist `checklist`, newest (highest
 * number) first.  The caller frees *out.
 */
int cf_ncrdb_of_check(struct cf_store *st, const char *checklist,
    const char *check, struct cf_ncr_ref **out, size_t *n);

/* A subject an NCR lists, with the audit that added it. */
struct cf_ncr_listing {
	char *subject;
	int64_t number, audit;
};

/*
 * Every subject the NCRs of check `check` of checklist `checklist` list
 * (any state), by subject as bytes, then NCR number, then audit: the
 * register of what was raised already (doc/ncr.md, recurrence).  Free
 * with cf_ncr_listings_free.
 */
int cf_ncrdb_listings(struct cf_store *st, const char *checklist,
    const char *check, struct cf_ncr_listing **out, size_t *n);
void cf_ncr_listings_free(struct cf_ncr_listing *v, size_t n);

/* An NCR that an audit raised or joined. */
struct cf_ncr_link {
	int64_t number;
	bool opened;	  /* raised by this audit (its first audit); else
			     joined */
	int64_t subjects; /* failing subjects this audit added */
};

/* The NCRs audit `audit` raised or joined, by number.  The caller frees
 * *out. */
int cf_ncrdb_of_audit(struct cf_store *st, int64_t audit,
    struct cf_ncr_link **out, size_t *n);

/* A recorded correction of a frozen NCR's field (doc/ncr.md). */
struct cf_ncr_amendment {
	int64_t seq; /* 1, 2, ... per NCR */
	char *field; /* the option's name: "root-cause" */
	char *value, *reason, *actor;
	int64_t at;
};

void cf_ncr_amendment_release(struct cf_ncr_amendment *a);

/* The amendments of NCR `number`, in order.  The caller releases each
 * and frees *out. */
int cf_ncrdb_amendments(struct cf_store *st, int64_t number,
    struct cf_ncr_amendment **out, size_t *n);

/* ---- writing (inside the caller's transaction) ---- */

/* Appends amendment a (a->seq receives its number) to NCR `number`. */
int cf_ncrdb_add_amendment(struct cf_store *st, int64_t number,
    struct cf_ncr_amendment *a);

/*
 * Stores a new NCR in state open from n's checklist_id, check_id,
 * check_type, clause, severity, opened_at and recurrence_of (0: none);
 * n->number receives its number.
 */
int cf_ncrdb_insert(struct cf_store *st, struct cf_ncr *n);

/* Records that audit `audit` raised or joined NCR `number` (once). */
int cf_ncrdb_link_audit(struct cf_store *st, int64_t number, int64_t audit);

/*
 * Adds failing subject `subject` of audit `audit` to NCR `number`;
 * *added says whether it was new (it is kept once).
 */
int cf_ncrdb_add_subject(struct cf_store *st, int64_t number, int64_t audit,
    const char *subject, bool *added);

/*
 * Writes n's state and every field a change may set (owner, due,
 * correction, root cause, method, action, similar, risk update,
 * effectiveness, implementation time, closing day, rejection) to NCR
 * n->number.
 */
int cf_ncrdb_update(struct cf_store *st, const struct cf_ncr *n);

/* Marks NCR `number` verified by audit `audit`. */
int cf_ncrdb_set_verified(struct cf_store *st, int64_t number, int64_t audit);

/*
 * What an NCR's trail entries bind (doc/integrity.md): the NCR's whole
 * state, added to `j` as "ncr": every column of its row, "subjects" and
 * "audits" ({"count", "digest"} of its ncr_subject rows by audit and
 * subject, its ncr_audit rows by audit), and "amendments" (the same of
 * its ncr_amendment rows by seq) when it has any, so that entries
 * written before amendments existed still match.  CF_ENOTFOUND when
 * there is no such NCR.
 */
struct cf_json;
int cf_ncrdb_bind(struct cf_store *st, int64_t number, struct cf_json *j);

/*
 * An audit's NCR links, added to `j`: "ncr_subjects" and "ncr_audits",
 * the count and digest of the ncr_subject rows (by NCR and subject) and
 * ncr_audit rows (by NCR) of audit `audit`.
 */
int cf_ncrdb_bind_audit(struct cf_store *st, int64_t audit, struct cf_json *j);

/*
 * Every NCR's number and state, in order of number: fn(number, state,
 * arg); a non-zero return stops and is returned.
 */
typedef int (*cf_ncrdb_state_fn)(int64_t number, const char *state,
    void *arg);
int cf_ncrdb_states(struct cf_store *st, cf_ncrdb_state_fn fn, void *arg);

/*
 * Link rows (ncr_subject, ncr_audit, ncr_amendment) that name an NCR that is not
 * stored: fn(table, number, rows, arg), as cf_auditdb_orphans.
 */
typedef int (*cf_ncrdb_orphan_fn)(const char *table, int64_t number,
    int64_t rows, void *arg);
int cf_ncrdb_orphans(struct cf_store *st, cf_ncrdb_orphan_fn fn, void *arg);

#endif
