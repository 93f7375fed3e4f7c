/* SPDX-License-Identifier: MIT */
/*
 * ncrdb.c - the NCR tables (see ncrdb.h).
 *
 * Readers prepare their statement per call (an NCR is read a few times
 * per command); the writers an audit runs once per failing subject use
 * the store's statement cache.  Text columns that are NULL read as NULL
 * pointers, integer columns as 0, days as CF_DAY_NONE, the risk update
 * as -1, as struct cf_ncr states them.
 */
#include "conform.h"
#include "ncrdb.h"
#include "json.h"
#include "recdigest.h"
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const state_names[] = { "open", "analysed", "action-planned",
	"implemented", "verified", "closed", "rejected" };

const char *
cf_ncr_state_name(enum cf_ncr_state s)
{
	return state_names[s];
}

int
cf_ncr_state_parse(const char *s, enum cf_ncr_state *out)
{
	for (size_t i = 0; i < CF_ARRAY_LEN(state_names); i++)
		if (strcmp(s, state_names[i]) == 0) {
			*out = (enum cf_ncr_state)i;
			return 0;
		}
	return cf_error_set(CF_EUSAGE,
	    "unknown state '%s', expected open, analysed, action-planned, "
	    "implemented, verified, closed or rejected",
	    s);
}

void
cf_ncr_name(int64_t number, char *buf, size_t size)
{
	snprintf(buf, size, "NCR-%04lld", (long long)number);
}

void
cf_ncr_release(struct cf_ncr *n)
{
	free(n->checklist_id);
	free(n->check_id);
	free(n->check_type);
	free(n->check_title);
	free(n->clause);
	free(n->severity);
	free(n->owner);
	free(n->correction);
	free(n->root_cause);
	free(n->method);
	free(n->action);
	free(n->similar);
	free(n->effectiveness);
	free(n->rejection);
	memset(n, 0, sizeof *n);
}

/* A stored state; an unknown one reads as open. */
static enum cf_ncr_state
state_of(const unsigned char *text)
{
	enum cf_ncr_state st = CF_NCR_OPEN;

	if (cf_ncr_state_parse((const char *)text, &st) < 0)
		cf_error_clear();
	return st;
}

/* ---- reading ---- */

#define NCR_COLUMNS                                                            \
	"n.number, n.checklist_id, n.check_id, n.check_type, n.clause, "       \
	"n.severity, n.state, n.opened_at, n.owner, n.due, n.correction, "     \
	"n.root_cause, n.method, n.action, n.similar, n.risk_update, "         \
	"n.effectiveness, n.implemented_at, n.verified_audit, n.closed_on, "   \
	"n.rejection, n.recurrence_of, "                                       \
	"(SELECT count(*) FROM ncr_subject s WHERE s.ncr = n.number), "        \
	"(SELECT count(*) FROM ncr_audit a WHERE a.ncr = n.number), "          \
	"(SELECT c.title FROM ncr_audit a JOIN audit_check c ON "              \
	"c.audit_id = a.audit_id AND c.check_id = n.check_id WHERE "           \
	"a.ncr = n.number ORDER BY a.audit_id DESC LIMIT 1)"

static void
read_row(sqlite3_stmt *s, struct cf_ncr *n)
{
	memset(n, 0, sizeof *n);
	n->number = sqlite3_column_int64(s, 0);
	n->checklist_id = cf_store_col_dup(s, 1);
	n->check_id = cf_store_col_dup(s, 2);
	n->check_type = cf_store_col_dup(s, 3);
	n->clause = cf_store_col_dup(s, 4);
	n->severity = cf_store_col_dup(s, 5);
	n->state = state_of(sqlite3_column_text(s, 6));
	n->opened_at = sqlite3_column_int64(s, 7);
	n->owner = cf_store_col_dup(s, 8);
	n->due = sqlite3_column_type(s, 9) == SQLITE_NULL
	    ? CF_DAY_NONE
	    : (cf_day)sqlite3_column_int(s, 9);
	n->correction = cf_store_col_dup(s, 10);
	n->root_cause = cf_store_col_dup(s, 11);
	n->method = cf_store_col_dup(s, 12);
	n->action = cf_store_col_dup(s, 13);
	n->similar = cf_store_col_dup(s, 14);
	n->risk_update = sqlite3_column_type(s, 15) == SQLITE_NULL
	    ? -1
	    : sqlite3_column_int(s, 15);
	n->effectiveness = cf_store_col_dup(s, 16);
	n->implemented_at = sqlite3_column_int64(s, 17);
	n->verified_audit = sqlite3_column_int64(s, 18);
	n->closed_on = sqlite3_column_type(s, 19) == SQLITE_NULL
	    ? CF_DAY_NONE
	    : (cf_day)sqlite3_column_int(s, 19);
	n->rejection = cf_store_col_dup(s, 20);
	n->recurrence_of = sqlite3_column_int64(s, 21);
	n->nsubjects = sqlite3_column_int64(s, 22);
	n->naudits = sqlite3_column_int64(s, 23);
	n->check_title = cf_store_col_dup(s, 24);
}

int
cf_ncrdb_get(struct cf_store *st, int64_t number, struct cf_ncr *out)
{
	sqlite3_stmt *s;
	char name[32];
	int rc;

	if ((rc = cf_store_prepare(st, &s,
		 "SELECT " NCR_COLUMNS " FROM ncr n WHERE n.number = ?1")) < 0)
		return rc;
	sqlite3_bind_int64(s, 1, number);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		read_row(s, out);
		rc = 0;
	} else if (rc == SQLITE_DONE) {
		cf_ncr_name(number, name, sizeof name);
		rc = cf_error_set(CF_ENOTFOUND, "no %s", name);
	} else
		rc = cf_store_error(st, "reading an NCR");
	sqlite3_finalize(s);
	return rc;
}

int
cf_ncrdb_list(struct cf_store *st, struct cf_ncr **out, size_t *n)
{
	sqlite3_stmt *s;
	size_t alloc = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = cf_store_prepare(st, &s,
		 "SELECT " NCR_COLUMNS " FROM ncr n ORDER BY n.number")) < 0)
		return rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		CF_GROW(*out, *n + 1, alloc);
		read_row(s, &(*out)[(*n)++]);
	}
	rc = rc == SQLITE_DONE ? 0 : cf_store_error(st, "reading the NCRs");
	sqlite3_finalize(s);
	return rc;
}

/* The audit ids of one statement binding ?1 to an NCR number. */
static int
audit_ids(struct cf_store *st, const char *sql, int64_t number,
    int64_t **out, size_t *n)
{
	sqlite3_stmt *s;
	size_t alloc = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = cf_store_prepare(st, &s, sql)) < 0)
		return rc;
	sqlite3_bind_int64(s, 1, number);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		CF_GROW(*out, *n + 1, alloc);
		(*out)[(*n)++] = sqlite3_column_int64(s, 0);
	}
	rc = rc == SQLITE_DONE ? 0 : cf_store_error(st, "reading an NCR");
	sqlite3_finalize(s);
	return rc;
}

int
cf_ncrdb_audits(struct cf_store *st, int64_t number, int64_t **out, size_t *n)
{
	return audit_ids(st,
	    "SELECT audit_id FROM ncr_audit WHERE ncr = ?1 ORDER BY audit_id",
	    number, out, n);
}

int
cf_ncrdb_citing(struct cf_store *st, int64_t number, int64_t **out, size_t *n)
{
	return audit_ids(st,
	    "SELECT audit_id FROM ncr_audit WHERE ncr = ?1 "
	    "UNION SELECT f.audit_id FROM ncr n "
	    "JOIN ncr_subject s ON s.ncr = n.number "
	    "JOIN audit a ON a.checklist_id = n.checklist_id "
	    "JOIN audit_check c ON c.audit_id = a.id AND c.check_id = "
	    "n.check_id "
	    "JOIN finding f ON f.audit_id = a.id AND f.pos = c.pos AND "
	    "f.subject = s.subject AND f.result = 'fail' "
	    "WHERE n.number = ?1 ORDER BY 1",
	    number, out, n);
}

int
cf_ncrdb_first_audit(struct cf_store *st, int64_t number, int64_t *out)
{
	sqlite3_stmt *s;
	int rc;

	*out = 0;
	if ((rc = cf_store_prepare(st, &s,
		 "SELECT min(audit_id) FROM ncr_audit WHERE ncr = ?1")) < 0)
		return rc;
	sqlite3_bind_int64(s, 1, number);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW && sqlite3_column_type(s, 0) != SQLITE_NULL) {
		*out = sqlite3_column_int64(s, 0);
		rc = 0;
	} else if (rc == SQLITE_ROW)
		rc = cf_error_set(CF_ENOTFOUND, "NCR %lld lists no audit",
		    (long long)number);
	else
		rc = cf_store_error(st, "reading an NCR");
	sqlite3_finalize(s);
	return rc;
}

int
cf_ncrdb_subjects(struct cf_store *st, int64_t number, struct cf_strv *audits,
    struct cf_strv *subjects)
{
	return cf_store_text_pairs(st,
	    "SELECT audit_id, subject FROM ncr_subject WHERE ncr = ?1 "
	    "ORDER BY audit_id, subject",
	    number, audits, subjects, "reading an NCR");
}

int
cf_ncrdb_of_check(struct cf_store *st, const char *checklist, const char *check,
    struct cf_ncr_ref **out, size_t *n)
{
	sqlite3_stmt *s;
	size_t alloc = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = cf_store_prepare(st, &s,
		 "SELECT number, state FROM ncr WHERE checklist_id = ?1 AND "
		 "check_id = ?2 ORDER BY number DESC")) < 0)
		return rc;
	sqlite3_bind_text(s, 1, checklist, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, check, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		CF_GROW(*out, *n + 1, alloc);
		(*out)[*n].number = sqlite3_column_int64(s, 0);
		(*out)[*n].state = state_of(sqlite3_column_text(s, 1));
		(*n)++;
	}
	rc = rc == SQLITE_DONE ? 0 : cf_store_error(st, "reading the NCRs");
	sqlite3_finalize(s);
	return rc;
}

int
cf_ncrdb_listings(struct cf_store *st, const char *checklist, const char *check,
    struct cf_ncr_listing **out, size_t *n)
{
	sqlite3_stmt *s;
	size_t alloc = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = cf_store_prepare(st, &s,
		 "SELECT x.subject, x.ncr, x.audit_id FROM ncr n JOIN "
		 "ncr_subject x ON x.ncr = n.number WHERE n.checklist_id = ?1 "
		 "AND n.check_id = ?2 ORDER BY x.subject, x.ncr, "
		 "x.audit_id")) < 0)
		return rc;
	sqlite3_bind_text(s, 1, checklist, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, check, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		CF_GROW(*out, *n + 1, alloc);
		struct cf_ncr_listing *l = &(*out)[(*n)++];
		l->subject = cf_store_col_dup(s, 0);
		if (l->subject == NULL)
			l->subject = cf_xstrdup("");
		l->number = sqlite3_column_int64(s, 1);
		l->audit = sqlite3_column_int64(s, 2);
	}
	rc = rc == SQLITE_DONE ? 0 : cf_store_error(st, "reading the NCRs");
	sqlite3_finalize(s);
	if (rc < 0) {
		cf_ncr_listings_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

void
cf_ncr_listings_free(struct cf_ncr_listing *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].subject);
	free(v);
}

int
cf_ncrdb_of_audit(struct cf_store *st, int64_t audit, struct cf_ncr_link **out,
    size_t *n)
{
	sqlite3_stmt *s;
	size_t alloc = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = cf_store_prepare(st, &s,
		 "SELECT a.ncr, (SELECT min(b.audit_id) FROM ncr_audit b WHERE "
		 "b.ncr = a.ncr) = a.audit_id, (SELECT count(*) FROM ncr_subject "
		 "x WHERE x.ncr = a.ncr AND x.audit_id = a.audit_id) FROM "
		 "ncr_audit a WHERE a.audit_id = ?1 ORDER BY a.ncr")) < 0)
		return rc;
	sqlite3_bind_int64(s, 1, audit);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		CF_GROW(*out, *n + 1, alloc);
		struct cf_ncr_link *l = &(*out)[(*n)++];
		l->number = sqlite3_column_int64(s, 0);
		l->opened = sqlite3_column_int(s, 1) != 0;
		l->subjects = sqlite3_column_int64(s, 2);
	}
	rc = rc == SQLITE_DONE ? 0 : cf_store_error(st, "reading an audit");
	sqlite3_finalize(s);
	return rc;
}

void
cf_ncr_amendment_release(struct cf_ncr_amendment *a)
{
	free(a->field);
	free(a->value);
	free(a->reason);
	free(a->actor);
	memset(a, 0, sizeof *a);
}

int
cf_ncrdb_amendments(struct cf_store *st, int64_t number,
    struct cf_ncr_amendment **out, size_t *n)
{
	sqlite3_stmt *s;
	size_t alloc = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = cf_store_prepare(st, &s,
		 "SELECT seq, field, value, reason, at, actor FROM "
		 "ncr_amendment WHERE ncr = ?1 ORDER BY seq")) < 0)
		return rc;
	sqlite3_bind_int64(s, 1, number);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		CF_GROW(*out, *n + 1, alloc);
		struct cf_ncr_amendment *a = &(*out)[(*n)++];
		a->seq = sqlite3_column_int64(s, 0);
		a->field = cf_store_col_dup(s, 1);
		a->value = cf_store_col_dup(s, 2);
		a->reason = cf_store_col_dup(s, 3);
		a->at = sqlite3_column_int64(s, 4);
		a->actor = cf_store_col_dup(s, 5);
	}
	rc = rc == SQLITE_DONE ? 0 : cf_store_error(st, "reading an NCR");
	sqlite3_finalize(s);
	return rc;
}

/* ---- writing ---- */

static void
bind_text_or_null(sqlite3_stmt *s, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, i);
}

static void
bind_day_or_null(sqlite3_stmt *s, int i, cf_day d)
{
	if (d != CF_DAY_NONE)
		sqlite3_bind_int(s, i, d);
	else
		sqlite3_bind_null(s, i);
}

/* Steps a cached statement that returns no row, then resets it. */
static int
step_done(struct cf_store *st, sqlite3_stmt *s, const char *what)
{
	int rc = sqlite3_step(s) == SQLITE_DONE ? 0 : cf_store_error(st, what);

	sqlite3_reset(s);
	return rc;
}

int
cf_ncrdb_insert(struct cf_store *st, struct cf_ncr *n)
{
	static const char sql[] =
	    "INSERT INTO ncr(checklist_id, check_id, check_type, "
	    "clause, severity, state, opened_at, recurrence_of) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, 'open', ?6, ?7)";
	sqlite3_stmt *s;
	int rc;

	if ((rc = cf_store_stmt(st, &s, sql)) < 0)
		return rc;
	sqlite3_bind_text(s, 1, n->checklist_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, n->check_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, n->check_type, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, n->clause, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, n->severity, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 6, n->opened_at);
	if (n->recurrence_of)
		sqlite3_bind_int64(s, 7, n->recurrence_of);
	else
		sqlite3_bind_null(s, 7);
	if ((rc = step_done(st, s, "opening an NCR")) < 0)
		return rc;
	n->number = sqlite3_last_insert_rowid(cf_store_db(st));
	return 0;
}

int
cf_ncrdb_link_audit(struct cf_store *st, int64_t number, int64_t audit)
{
	static const char sql[] = "INSERT OR IGNORE INTO ncr_audit(ncr, "
				  "audit_id) VALUES (?1, ?2)";
	sqlite3_stmt *s;
	int rc;

	if ((rc = cf_store_stmt(st, &s, sql)) < 0)
		return rc;
	sqlite3_bind_int64(s, 1, number);
	sqlite3_bind_int64(s, 2, audit);
	return step_done(st, s, "writing an NCR");
}

int
cf_ncrdb_add_subject(struct cf_store *st, int64_t number, int64_t audit,
    const char *subject, bool *added)
{
	static const char sql[] = "INSERT OR IGNORE INTO ncr_subject(ncr, "
				  "audit_id, subject) VALUES (?1, ?2, ?3)";
	sqlite3_stmt *s;
	int rc;

	*added = false;
	if ((rc = cf_store_stmt(st, &s, sql)) < 0)
		return rc;
	sqlite3_bind_int64(s, 1, number);
	sqlite3_bind_int64(s, 2, audit);
	sqlite3_bind_text(s, 3, subject, -1, SQLITE_STATIC);
	if ((rc = step_done(st, s, "writing an NCR")) < 0)
		return rc;
	*added = sqlite3_changes(cf_store_db(st)) > 0;
	return 0;
}

int
cf_ncrdb_update(struct cf_store *st, const struct cf_ncr *n)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = cf_store_prepare(st, &s,
		 "UPDATE ncr SET state = ?2, owner = ?3, due = ?4, correction "
		 "= ?5, root_cause = ?6, method = ?7, action = ?8, similar = "
		 "?9, risk_update = ?10, effectiveness = ?11, implemented_at = "
		 "?12, closed_on = ?13, rejection = ?14 WHERE number = ?1")) <
	    0)
		return rc;
	sqlite3_bind_int64(s, 1, n->number);
	sqlite3_bind_text(s, 2, cf_ncr_state_name(n->state), -1, SQLITE_STATIC);
	bind_text_or_null(s, 3, n->owner);
	bind_day_or_null(s, 4, n->due);
	bind_text_or_null(s, 5, n->correction);
	bind_text_or_null(s, 6, n->root_cause);
	bind_text_or_null(s, 7, n->method);
	bind_text_or_null(s, 8, n->action);
	bind_text_or_null(s, 9, n->similar);
	if (n->risk_update >= 0)
		sqlite3_bind_int(s, 10, n->risk_update);
	else
		sqlite3_bind_null(s, 10);
	bind_text_or_null(s, 11, n->effectiveness);
	if (n->implemented_at)
		sqlite3_bind_int64(s, 12, n->implemented_at);
	else
		sqlite3_bind_null(s, 12);
	bind_day_or_null(s, 13, n->closed_on);
	bind_text_or_null(s, 14, n->rejection);
	rc = sqlite3_step(s) == SQLITE_DONE
	    ? 0
	    : cf_store_error(st, "updating an NCR");
	sqlite3_finalize(s);
	return rc;
}

int
cf_ncrdb_add_amendment(struct cf_store *st, int64_t number,
    struct cf_ncr_amendment *a)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = cf_store_prepare(st, &s,
		 "INSERT INTO ncr_amendment(ncr, seq, field, value, reason, "
		 "at, actor) VALUES (?1, (SELECT coalesce(max(seq), 0) + 1 "
		 "FROM ncr_amendment WHERE ncr = ?1), ?2, ?3, ?4, ?5, ?6) "
		 "RETURNING seq")) < 0)
		return rc;
	sqlite3_bind_int64(s, 1, number);
	sqlite3_bind_text(s, 2, a->field, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, a->value, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, a->reason, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 5, a->at);
	sqlite3_bind_text(s, 6, a->actor, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW) {
		a->seq = sqlite3_column_int64(s, 0);
		rc = sqlite3_step(s) == SQLITE_DONE
		    ? 0
		    : cf_store_error(st, "amending an NCR");
	} else
		rc = cf_store_error(st, "amending an NCR");
	sqlite3_finalize(s);
	return rc;
}

int
cf_ncrdb_set_verified(struct cf_store *st, int64_t number, int64_t audit)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = cf_store_prepare(st, &s,
		 "UPDATE ncr SET state = 'verified', verified_audit = ?2 WHERE "
		 "number = ?1")) < 0)
		return rc;
	sqlite3_bind_int64(s, 1, number);
	sqlite3_bind_int64(s, 2, audit);
	rc = sqlite3_step(s) == SQLITE_DONE
	    ? 0
	    : cf_store_error(st, "updating an NCR");
	sqlite3_finalize(s);
	return rc;
}

/* ---- the binding ---- */

static int
digest_of(struct cf_store *st, struct cf_json *j, const char *key,
    const char *sql, int64_t v)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = cf_store_prepare(st, &s, sql)) < 0)
		return rc;
	sqlite3_bind_int64(s, 1, v);
	rc = cf_rec_stmt_digest(st, s, j, key, "count");
	sqlite3_finalize(s);
	return rc;
}

/* The rows of `table` (a name of this file's) that name NCR `number`. */
static int
count_of(struct cf_store *st, int64_t number, const char *table, int64_t *out)
{
	sqlite3_stmt *s;
	char sql[96];
	int rc;

	snprintf(sql, sizeof sql, "SELECT count(*) FROM %s WHERE ncr = ?1",
	    table);
	if ((rc = cf_store_prepare(st, &s, sql)) < 0)
		return rc;
	sqlite3_bind_int64(s, 1, number);
	if (sqlite3_step(s) == SQLITE_ROW) {
		*out = sqlite3_column_int64(s, 0);
		rc = 0;
	} else
		rc = cf_store_error(st, "reading an NCR");
	sqlite3_finalize(s);
	return rc;
}

int
cf_ncrdb_bind(struct cf_store *st, int64_t number, struct cf_json *j)
{
	struct cf_json *o;
	sqlite3_stmt *s;
	int64_t namend = 0;
	char *text;
	int rc;

	if ((rc = cf_store_prepare(st, &s,
		 "SELECT * FROM ncr WHERE number = ?1")) < 0)
		return rc;
	sqlite3_bind_int64(s, 1, number);
	rc = sqlite3_step(s);
	if (rc != SQLITE_ROW) {
		rc = rc == SQLITE_DONE
		    ? cf_error_set(CF_ENOTFOUND, "NCR %lld is not stored",
			  (long long)number)
		    : cf_store_error(st, "reading an NCR");
		sqlite3_finalize(s);
		return rc;
	}
	o = cf_json_new();
	cf_rec_stmt_json(o, s, 0, sqlite3_column_count(s));
	sqlite3_finalize(s);
	if ((rc = digest_of(st, o, "subjects",
		 "SELECT * FROM ncr_subject WHERE ncr = ?1 "
		 "ORDER BY audit_id, subject",
		 number)) == 0)
		rc = digest_of(st, o, "audits",
		    "SELECT * FROM ncr_audit WHERE ncr = ?1 ORDER BY audit_id",
		    number);
	if (rc == 0 && (rc = count_of(st, number, "ncr_amendment", &namend)) ==
		0 &&
	    namend > 0)
		rc = digest_of(st, o, "amendments",
		    "SELECT * FROM ncr_amendment WHERE ncr = ?1 ORDER BY seq",
		    number);
	if (rc == 0) {
		text = cf_json_text(o);
		cf_json_raw(j, "ncr", text);
		free(text);
	}
	cf_json_free(o);
	return rc;
}

int
cf_ncrdb_bind_audit(struct cf_store *st, int64_t audit, struct cf_json *j)
{
	int rc;

	if ((rc = digest_of(st, j, "ncr_subjects",
		 "SELECT * FROM ncr_subject WHERE audit_id = ?1 "
		 "ORDER BY ncr, subject",
		 audit)) < 0)
		return rc;
	return digest_of(st, j, "ncr_audits",
	    "SELECT * FROM ncr_audit WHERE audit_id = ?1 ORDER BY ncr", audit);
}

int
cf_ncrdb_states(struct cf_store *st, cf_ncrdb_state_fn fn, void *arg)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = cf_store_prepare(st, &s,
		 "SELECT number, state FROM ncr ORDER BY number")) < 0)
		return rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *state = (const char *)sqlite3_column_text(s, 1);
		if ((rc = fn(sqlite3_column_int64(s, 0), state ? state : "",
			 arg)) != 0) {
			sqlite3_finalize(s);
			return rc;
		}
	}
	rc = rc == SQLITE_DONE ? 0 : cf_store_error(st, "reading the NCRs");
	sqlite3_finalize(s);
	return rc;
}

int
cf_ncrdb_orphans(struct cf_store *st, cf_ncrdb_orphan_fn fn, void *arg)
{
	static const char sql[] =
	    "SELECT t, ncr, count(*) FROM ("
	    " SELECT 'ncr_subject' AS t, ncr FROM ncr_subject"
	    " UNION ALL SELECT 'ncr_audit', ncr FROM ncr_audit"
	    " UNION ALL SELECT 'ncr_amendment', ncr FROM ncr_amendment)"
	    " WHERE NOT EXISTS (SELECT 1 FROM ncr n WHERE n.number = ncr)"
	    " GROUP BY t, ncr ORDER BY t, ncr";
	sqlite3_stmt *s;
	int rc;

	if ((rc = cf_store_prepare(st, &s, sql)) < 0)
		return rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if ((rc = fn((const char *)sqlite3_column_text(s, 0),
			 sqlite3_column_int64(s, 1), sqlite3_column_int64(s, 2),
			 arg)) != 0) {
			sqlite3_finalize(s);
			return rc;
		}
	rc = rc == SQLITE_DONE ? 0 : cf_store_error(st, "reading the NCRs");
	sqlite3_finalize(s);
	return rc;
}
