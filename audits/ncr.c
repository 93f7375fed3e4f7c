/* SPDX-License-Identifier: MIT */
/*
 * ncr.c - the NCR register and its life cycle (see ncr.h).
 *
 * Every write goes through one place per kind (open, join, update,
 * verify) and appends its trail entry there, so no change escapes the
 * trail.  The trail data is the canonical JSON of the values written.
 */
#include "conform.h"
#include "json.h"
#include "ncr.h"
#include "store.h"
#include "text.h"
#include "trail.h"

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

int
cf_ncr_parse_number(const char *s, int64_t *out)
{
	const char *p = s;
	char *end;
	long long v;

	if (strncmp(p, "NCR-", 4) == 0 || strncmp(p, "ncr-", 4) == 0)
		p += 4;
	if (*p < '0' || *p > '9')
		goto bad;
	v = strtoll(p, &end, 10);
	if (*end != '\0' || v <= 0)
		goto bad;
	*out = v;
	return 0;
bad:
	return cf_error_set(CF_EUSAGE,
	    "invalid NCR number '%s', expected a number such as 7 or NCR-0007",
	    s);
}

bool
cf_ncr_is_open(const struct cf_ncr *n)
{
	return n->state != CF_NCR_CLOSED && n->state != CF_NCR_REJECTED;
}

void
cf_ncr_release(struct cf_ncr *n)
{
	free(n->checklist_id);
	free(n->check_id);
	free(n->check_type);
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

/* ---- reading ---- */

#define NCR_COLUMNS                                                            \
	"n.number, n.checklist_id, n.check_id, n.check_type, n.clause, "       \
	"n.severity, n.state, n.opened_at, n.owner, n.due, n.correction, "     \
	"n.root_cause, n.method, n.action, n.similar, n.risk_update, "         \
	"n.effectiveness, n.implemented_at, n.verified_audit, n.closed_on, "   \
	"n.rejection, n.recurrence_of, "                                       \
	"(SELECT count(*) FROM ncr_subject s WHERE s.ncr = n.number), "        \
	"(SELECT count(*) FROM ncr_audit a WHERE a.ncr = n.number)"

static char *
dup_col(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	return t ? cf_xstrdup((const char *)t) : NULL;
}

static void
read_row(sqlite3_stmt *s, struct cf_ncr *n)
{
	enum cf_ncr_state st = CF_NCR_OPEN;

	memset(n, 0, sizeof *n);
	n->number = sqlite3_column_int64(s, 0);
	n->checklist_id = dup_col(s, 1);
	n->check_id = dup_col(s, 2);
	n->check_type = dup_col(s, 3);
	n->clause = dup_col(s, 4);
	n->severity = dup_col(s, 5);
	if (cf_ncr_state_parse((const char *)sqlite3_column_text(s, 6), &st) <
	    0)
		cf_error_clear();
	n->state = st;
	n->opened_at = sqlite3_column_int64(s, 7);
	n->owner = dup_col(s, 8);
	n->due = sqlite3_column_type(s, 9) == SQLITE_NULL
	    ? CF_DAY_NONE
	    : (cf_day)sqlite3_column_int(s, 9);
	n->correction = dup_col(s, 10);
	n->root_cause = dup_col(s, 11);
	n->method = dup_col(s, 12);
	n->action = dup_col(s, 13);
	n->similar = dup_col(s, 14);
	n->risk_update = sqlite3_column_type(s, 15) == SQLITE_NULL
	    ? -1
	    : sqlite3_column_int(s, 15);
	n->effectiveness = dup_col(s, 16);
	n->implemented_at = sqlite3_column_int64(s, 17);
	n->verified_audit = sqlite3_column_int64(s, 18);
	n->closed_on = sqlite3_column_type(s, 19) == SQLITE_NULL
	    ? CF_DAY_NONE
	    : (cf_day)sqlite3_column_int(s, 19);
	n->rejection = dup_col(s, 20);
	n->recurrence_of = sqlite3_column_int64(s, 21);
	n->nsubjects = sqlite3_column_int64(s, 22);
	n->naudits = sqlite3_column_int64(s, 23);
}

int
cf_ncr_get(struct cf_store *st, int64_t number, struct cf_ncr *out)
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
cf_ncr_list(struct cf_store *st, struct cf_ncr **out, size_t *n)
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

int
cf_ncr_subjects(struct cf_store *st, int64_t number, struct cf_strv *audits,
    struct cf_strv *subjects)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = cf_store_prepare(st, &s,
		 "SELECT audit_id, subject FROM ncr_subject WHERE ncr = ?1 "
		 "ORDER BY audit_id, subject")) < 0)
		return rc;
	sqlite3_bind_int64(s, 1, number);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		cf_strv_push(audits, (const char *)sqlite3_column_text(s, 0));
		cf_strv_push(subjects, (const char *)sqlite3_column_text(s, 1));
	}
	rc = rc == SQLITE_DONE ? 0 : cf_store_error(st, "reading an NCR");
	sqlite3_finalize(s);
	return rc;
}

/* ---- the trail ---- */

static int
trail(struct cf_store *st, int64_t number, int64_t now, const char *actor,
    const char *what, struct cf_json *j)
{
	char name[32], *data = cf_json_text(j);
	int rc;

	cf_ncr_name(number, name, sizeof name);
	rc = cf_trail_append(st, now, actor, what, name, data, NULL);
	free(data);
	return rc;
}

/* ---- opening from an audit ---- */

static int
exec_bind(struct cf_store *st, const char *sql, int64_t a, int64_t b,
    const char *c)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = cf_store_stmt(st, &s, sql)) < 0)
		return rc;
	sqlite3_bind_int64(s, 1, a);
	sqlite3_bind_int64(s, 2, b);
	if (c)
		sqlite3_bind_text(s, 3, c, -1, SQLITE_STATIC);
	rc = sqlite3_step(s) == SQLITE_DONE
	    ? 0
	    : cf_store_error(st, "writing an NCR");
	sqlite3_reset(s);
	return rc;
}

/* Adds the audit's failing subjects of check `pos` to NCR `number`. */
static int
add_subjects(struct cf_store *st, int64_t number, int64_t audit, int pos,
    int64_t *count)
{
	static const char sql[] =
	    "INSERT OR IGNORE INTO ncr_subject(ncr, audit_id, subject) "
	    "SELECT ?1, ?2, subject FROM finding WHERE audit_id = ?2 AND "
	    "pos = ?3 AND result = 'fail'";
	static const char link[] = "INSERT OR IGNORE INTO ncr_audit(ncr, "
				   "audit_id) VALUES (?1, ?2)";
	sqlite3_stmt *s;
	int rc;

	if ((rc = cf_store_stmt(st, &s, sql)) < 0)
		return rc;
	sqlite3_bind_int64(s, 1, number);
	sqlite3_bind_int64(s, 2, audit);
	sqlite3_bind_int(s, 3, pos);
	rc = sqlite3_step(s) == SQLITE_DONE
	    ? 0
	    : cf_store_error(st, "writing an NCR");
	*count = sqlite3_changes(cf_store_db(st));
	sqlite3_reset(s);
	if (rc == 0)
		rc = exec_bind(st, link, number, audit, NULL);
	return rc;
}

struct failing {
	int pos;
	char *check_id, *type, *severity, *clause;
};

int
cf_ncr_record_audit(struct cf_store *st, int64_t audit, int64_t now,
    const char *actor, int *opened, int *joined)
{
	sqlite3_stmt *s = NULL, *q = NULL;
	struct failing *f = NULL;
	size_t nf = 0, af = 0;
	char *checklist = NULL;
	int rc;

	if (opened)
		*opened = 0;
	if (joined)
		*joined = 0;
	if ((rc = cf_store_prepare(st, &s,
		 "SELECT c.pos, c.check_id, c.type, c.severity, c.clause, "
		 "a.checklist_id FROM audit_check c JOIN audit a ON a.id = "
		 "c.audit_id WHERE c.audit_id = ?1 AND c.n_fail > 0 AND "
		 "c.severity IN ('major', 'minor') ORDER BY c.pos")) < 0)
		return rc;
	sqlite3_bind_int64(s, 1, audit);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		CF_GROW(f, nf + 1, af);
		f[nf].pos = sqlite3_column_int(s, 0);
		f[nf].check_id = dup_col(s, 1);
		f[nf].type = dup_col(s, 2);
		f[nf].severity = dup_col(s, 3);
		f[nf].clause = dup_col(s, 4);
		if (checklist == NULL)
			checklist = dup_col(s, 5);
		nf++;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		rc = cf_store_error(st, "reading an audit");
		goto out;
	}
	rc = 0;
	if ((rc = cf_store_prepare(st, &q,
		 "SELECT number, state FROM ncr WHERE checklist_id = ?1 AND "
		 "check_id = ?2 ORDER BY number DESC")) < 0)
		goto out;
	for (size_t i = 0; i < nf && rc == 0; i++) {
		int64_t open_ncr = 0, closed_ncr = 0, added = 0;
		sqlite3_reset(q);
		sqlite3_bind_text(q, 1, checklist, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 2, f[i].check_id, -1, SQLITE_STATIC);
		while (sqlite3_step(q) == SQLITE_ROW) {
			const char *state = (const char *)sqlite3_column_text(q,
			    1);
			int64_t num = sqlite3_column_int64(q, 0);
			if (strcmp(state, "closed") &&
			    strcmp(state, "rejected")) {
				if (open_ncr == 0)
					open_ncr = num;
			} else if (strcmp(state, "closed") == 0 &&
			    closed_ncr == 0)
				closed_ncr = num;
		}
		struct cf_json *j = cf_json_new();
		cf_json_int(j, "audit", audit);
		if (open_ncr) {
			if ((rc = add_subjects(st, open_ncr, audit, f[i].pos,
				 &added)) == 0) {
				cf_json_int(j, "subjects_added", added);
				rc = trail(st, open_ncr, now, actor, "ncr.join",
				    j);
			}
			if (joined)
				(*joined)++;
		} else {
			sqlite3_stmt *ins;
			static const char sql[] =
			    "INSERT INTO ncr(checklist_id, check_id, check_type, "
			    "clause, severity, state, opened_at, recurrence_of) "
			    "VALUES (?1, ?2, ?3, ?4, ?5, 'open', ?6, ?7)";
			if ((rc = cf_store_stmt(st, &ins, sql)) == 0) {
				sqlite3_bind_text(ins, 1, checklist, -1,
				    SQLITE_STATIC);
				sqlite3_bind_text(ins, 2, f[i].check_id, -1,
				    SQLITE_STATIC);
				sqlite3_bind_text(ins, 3, f[i].type, -1,
				    SQLITE_STATIC);
				sqlite3_bind_text(ins, 4, f[i].clause, -1,
				    SQLITE_STATIC);
				sqlite3_bind_text(ins, 5, f[i].severity, -1,
				    SQLITE_STATIC);
				sqlite3_bind_int64(ins, 6, now);
				if (closed_ncr)
					sqlite3_bind_int64(ins, 7, closed_ncr);
				else
					sqlite3_bind_null(ins, 7);
				rc = sqlite3_step(ins) == SQLITE_DONE
				    ? 0
				    : cf_store_error(st, "opening an NCR");
				sqlite3_reset(ins);
			}
			int64_t num = sqlite3_last_insert_rowid(
			    cf_store_db(st));
			if (rc == 0)
				rc = add_subjects(st, num, audit, f[i].pos,
				    &added);
			if (rc == 0) {
				cf_json_str(j, "checklist", checklist);
				cf_json_str(j, "check", f[i].check_id);
				cf_json_str(j, "type", f[i].type);
				cf_json_str(j, "clause", f[i].clause);
				cf_json_str(j, "severity", f[i].severity);
				cf_json_str(j, "state", "open");
				cf_json_int(j, "subjects", added);
				if (closed_ncr)
					cf_json_int(j, "recurrence_of",
					    closed_ncr);
				rc = trail(st, num, now, actor, "ncr.open", j);
			}
			if (opened)
				(*opened)++;
		}
		cf_json_free(j);
	}
out:
	sqlite3_finalize(q);
	for (size_t i = 0; i < nf; i++) {
		free(f[i].check_id);
		free(f[i].type);
		free(f[i].severity);
		free(f[i].clause);
	}
	free(f);
	free(checklist);
	return rc;
}

/* ---- updates ---- */

static int
refuse(int64_t number, const char *fmt, const char *a, const char *b)
{
	char name[32];

	cf_ncr_name(number, name, sizeof name);
	return cf_error_set(CF_EINVALID, "%s: %s%s%s", name, fmt, a ? a : "",
	    b ? b : "");
}

static bool
given(const char *s)
{
	return s && !cf_blank(s);
}

int
cf_ncr_update(struct cf_store *st, int64_t number,
    const struct cf_ncr_change *c, int64_t now, cf_day today, const char *actor)
{
	struct cf_ncr n;
	enum cf_ncr_state to;
	struct cf_json *j = NULL;
	sqlite3_stmt *s = NULL;
	char day[11];
	int rc;

	if ((rc = cf_ncr_get(st, number, &n)) < 0)
		return rc;
	if (!cf_ncr_is_open(&n)) {
		rc = refuse(number, "it is ", cf_ncr_state_name(n.state),
		    "; a closed or rejected NCR does not change");
		goto out;
	}
	if (c->method && strcmp(c->method, "5-why") &&
	    strcmp(c->method, "fishbone") && strcmp(c->method, "other")) {
		rc = cf_error_set(CF_EUSAGE,
		    "unknown root-cause method '%s', expected 5-why, fishbone "
		    "or other",
		    c->method);
		goto out;
	}
	if (c->risk_update && strcmp(c->risk_update, "yes") &&
	    strcmp(c->risk_update, "no")) {
		rc = cf_error_set(CF_EUSAGE, "--risk-update takes yes or no");
		goto out;
	}
	/* The values as they will be, for the state's requirements. */
	const char *root = c->root_cause ? c->root_cause : n.root_cause;
	const char *action = c->action ? c->action : n.action;
	const char *owner = c->owner ? c->owner : n.owner;
	bool has_due = c->has_due || n.due != CF_DAY_NONE;
	to = n.state;
	if (c->state && (rc = cf_ncr_state_parse(c->state, &to)) < 0)
		goto out;
	if (c->rejection && to != CF_NCR_REJECTED) {
		rc = cf_error_set(CF_EUSAGE,
		    "--reason goes with --state rejected");
		goto out;
	}
	if (to != n.state) {
		if (to == CF_NCR_REJECTED) {
			if (n.state >= CF_NCR_IMPLEMENTED) {
				rc = refuse(number, "cannot be rejected once ",
				    cf_ncr_state_name(n.state), "");
				goto out;
			}
			if (!given(c->rejection)) {
				rc = refuse(number,
				    "rejected needs a reason "
				    "(--reason)",
				    NULL, NULL);
				goto out;
			}
		} else if (to == CF_NCR_VERIFIED) {
			rc = refuse(number,
			    "verified comes from a follow-up audit: conform "
			    "ncr verify N --audit ID",
			    NULL, NULL);
			goto out;
		} else if (to == CF_NCR_CLOSED && n.state != CF_NCR_VERIFIED) {
			rc = refuse(number,
			    "cannot be closed before it is "
			    "verified (it is ",
			    cf_ncr_state_name(n.state), ")");
			goto out;
		} else if ((int)to != (int)n.state + 1) {
			char msg[160];
			if (to > n.state)
				snprintf(msg, sizeof msg,
				    "cannot go from %s to %s: %s comes first",
				    cf_ncr_state_name(n.state),
				    cf_ncr_state_name(to),
				    cf_ncr_state_name(n.state + 1));
			else
				snprintf(msg, sizeof msg,
				    "cannot go back from %s to %s",
				    cf_ncr_state_name(n.state),
				    cf_ncr_state_name(to));
			rc = refuse(number, msg, NULL, NULL);
			goto out;
		}
		if (to == CF_NCR_ANALYSED && !given(root)) {
			rc = refuse(number,
			    "analysed needs the root cause "
			    "(--root-cause)",
			    NULL, NULL);
			goto out;
		}
		if (to == CF_NCR_ACTION_PLANNED &&
		    (!given(action) || !given(owner) || !has_due)) {
			rc = refuse(number,
			    "action-planned needs the "
			    "corrective action, an owner and a "
			    "due date (--action, --owner, --due)",
			    NULL, NULL);
			goto out;
		}
	}

	j = cf_json_new();
	if ((rc = cf_store_prepare(st, &s,
		 "UPDATE ncr SET state = ?2, owner = ?3, due = ?4, correction "
		 "= ?5, root_cause = ?6, method = ?7, action = ?8, similar = "
		 "?9, risk_update = ?10, effectiveness = ?11, implemented_at = "
		 "?12, closed_on = ?13, rejection = ?14 WHERE number = ?1")) <
	    0)
		goto out;
#define SET_TEXT(idx, field, member)                                           \
	do {                                                                   \
		const char *v_ = c->member ? c->member : n.field;              \
		if (v_)                                                        \
			sqlite3_bind_text(s, idx, v_, -1, SQLITE_STATIC);      \
		else                                                           \
			sqlite3_bind_null(s, idx);                             \
		if (c->member)                                                 \
			cf_json_str(j, #field, c->member);                     \
	} while (0)
	sqlite3_bind_int64(s, 1, number);
	sqlite3_bind_text(s, 2, cf_ncr_state_name(to), -1, SQLITE_STATIC);
	if (to != n.state)
		cf_json_str(j, "state", cf_ncr_state_name(to));
	SET_TEXT(3, owner, owner);
	cf_day due = c->has_due ? c->due : n.due;
	if (due != CF_DAY_NONE)
		sqlite3_bind_int(s, 4, due);
	else
		sqlite3_bind_null(s, 4);
	if (c->has_due) {
		cf_day_format(c->due, day);
		cf_json_str(j, "due", day);
	}
	SET_TEXT(5, correction, correction);
	SET_TEXT(6, root_cause, root_cause);
	SET_TEXT(7, method, method);
	SET_TEXT(8, action, action);
	SET_TEXT(9, similar, similar);
	int risk = c->risk_update ? strcmp(c->risk_update, "yes") == 0
				  : n.risk_update;
	if (risk >= 0)
		sqlite3_bind_int(s, 10, risk);
	else
		sqlite3_bind_null(s, 10);
	if (c->risk_update)
		cf_json_str(j, "risk_update", c->risk_update);
	SET_TEXT(11, effectiveness, effectiveness);
	int64_t impl = to == CF_NCR_IMPLEMENTED && n.state != to
	    ? now
	    : n.implemented_at;
	if (impl)
		sqlite3_bind_int64(s, 12, impl);
	else
		sqlite3_bind_null(s, 12);
	cf_day closed = to == CF_NCR_CLOSED && n.state != to ? today
							     : n.closed_on;
	if (closed != CF_DAY_NONE) {
		sqlite3_bind_int(s, 13, closed);
		if (to == CF_NCR_CLOSED && n.state != to) {
			cf_day_format(closed, day);
			cf_json_str(j, "closed_on", day);
		}
	} else
		sqlite3_bind_null(s, 13);
	SET_TEXT(14, rejection, rejection);
#undef SET_TEXT
	char *text = cf_json_text(j);
	bool nothing = strcmp(text, "{}") == 0;
	free(text);
	if (nothing) {
		rc = refuse(number, "nothing to change", NULL, NULL);
		goto out;
	}
	if (sqlite3_step(s) != SQLITE_DONE) {
		rc = cf_store_error(st, "updating an NCR");
		goto out;
	}
	rc = trail(st, number, now, actor, "ncr.update", j);
out:
	sqlite3_finalize(s);
	cf_json_free(j);
	cf_ncr_release(&n);
	return rc;
}

int
cf_ncr_verify(struct cf_store *st, int64_t number, int64_t audit, int64_t now,
    const char *actor)
{
	struct cf_ncr n;
	sqlite3_stmt *s = NULL;
	struct cf_json *j = NULL;
	char aname[32];
	int rc;

	snprintf(aname, sizeof aname, "audit %lld", (long long)audit);
	if ((rc = cf_ncr_get(st, number, &n)) < 0)
		return rc;
	if (n.state != CF_NCR_IMPLEMENTED) {
		rc = refuse(number,
		    "only an implemented NCR can be verified; "
		    "it is ",
		    cf_ncr_state_name(n.state), "");
		goto out;
	}
	if ((rc = cf_store_prepare(st, &s,
		 "SELECT a.started_at, c.n_pass, c.n_fail FROM audit a LEFT "
		 "JOIN audit_check c ON c.audit_id = a.id AND c.check_id = ?2 "
		 "WHERE a.id = ?1 AND a.checklist_id = ?3")) < 0)
		goto out;
	sqlite3_bind_int64(s, 1, audit);
	sqlite3_bind_text(s, 2, n.check_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, n.checklist_id, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc != SQLITE_ROW) {
		rc = rc == SQLITE_DONE
		    ? refuse(number, aname, " is not an audit of checklist ",
			  n.checklist_id)
		    : cf_store_error(st, "reading an audit");
		goto out;
	}
	if (sqlite3_column_type(s, 1) == SQLITE_NULL) {
		rc = refuse(number, aname, " did not run check ", n.check_id);
		goto out;
	}
	if (sqlite3_column_int64(s, 0) <= n.implemented_at) {
		rc = refuse(number, aname,
		    " started before the action was implemented; verify with a "
		    "later audit",
		    NULL);
		goto out;
	}
	if (sqlite3_column_int64(s, 2) > 0) {
		rc = refuse(number, aname, " still fails check ", n.check_id);
		goto out;
	}
	if (sqlite3_column_int64(s, 1) == 0) {
		rc = refuse(number, aname, " has no pass for check ",
		    n.check_id);
		goto out;
	}
	sqlite3_finalize(s);
	s = NULL;
	if ((rc = cf_store_prepare(st, &s,
		 "UPDATE ncr SET state = 'verified', verified_audit = ?2 WHERE "
		 "number = ?1")) < 0)
		goto out;
	sqlite3_bind_int64(s, 1, number);
	sqlite3_bind_int64(s, 2, audit);
	if (sqlite3_step(s) != SQLITE_DONE) {
		rc = cf_store_error(st, "updating an NCR");
		goto out;
	}
	j = cf_json_new();
	cf_json_str(j, "state", "verified");
	cf_json_int(j, "audit", audit);
	rc = trail(st, number, now, actor, "ncr.verify", j);
out:
	sqlite3_finalize(s);
	cf_json_free(j);
	cf_ncr_release(&n);
	return rc;
}
