/* SPDX-License-Identifier: MIT */
/*
 * ncr.c - the NCR register's life cycle (see ncr.h).
 *
 * Every write goes through one place per kind (open, join, update,
 * verify) and appends its trail entry there, so no change escapes the
 * trail.  The trail data is the canonical JSON of the values written.
 * No SQL here: the NCR tables are ncrdb.c's, the audit's tables
 * auditdb.c's, and which failing checks open an NCR is decided by
 * audits/conclusion.c.
 */
#include "conform.h"
#include "auditdb.h"
#include "conclusion.h"
#include "document.h"
#include "json.h"
#include "ncr.h"
#include "ncrdb.h"
#include "repo.h"
#include "store.h"
#include "text.h"
#include "trail.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	errno = 0;
	v = strtoll(p, &end, 10);
	if (*end != '\0')
		goto bad;
	/* A number past the largest an NCR can have is no NCR number: not
	 * a different, saturated one (doc/ncr.md). */
	if (errno == ERANGE)
		return cf_error_set(CF_EUSAGE,
		    "invalid NCR number '%s', expected a number such as 7 or "
		    "NCR-0007 (at most %lld)",
		    s, (long long)INT64_MAX);
	if (v <= 0)
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

/* ---- reading ---- */

int
cf_ncr_get(struct cf_store *st, int64_t number, struct cf_ncr *out)
{
	return cf_ncrdb_get(st, number, out);
}

int
cf_ncr_list(struct cf_store *st, struct cf_ncr **out, size_t *n)
{
	return cf_ncrdb_list(st, out, n);
}

int
cf_ncr_subjects(struct cf_store *st, int64_t number, struct cf_strv *audits,
    struct cf_strv *subjects)
{
	return cf_ncrdb_subjects(st, number, audits, subjects);
}

/* ---- as at a day, from the trail ---- */

struct replay {
	struct cf_tz *tz;
	cf_day day;
	struct cf_ncr_as_at *out;
};

static int
replay_one(const struct cf_trail_entry *e, void *arg)
{
	struct replay *r = arg;
	struct cf_jspan all, v;
	char *text;

	if (strncmp(e->what, "ncr.", 4) != 0 ||
	    cf_tz_day(r->tz, e->at) > r->day)
		return 0;
	if (cf_json_span(e->data, strlen(e->data), &all) < 0) {
		cf_error_clear();
		return 0;
	}
	/* The values a change wrote are its top-level members. */
	if (cf_json_get(all, "state", &v) == 0 &&
	    (text = cf_json_get_str(v)) != NULL) {
		if (cf_ncr_state_parse(text, &r->out->state) < 0)
			cf_error_clear();
		free(text);
	}
	if (cf_json_get(all, "owner", &v) == 0 &&
	    (text = cf_json_get_str(v)) != NULL) {
		free(r->out->owner);
		r->out->owner = text;
	}
	if (cf_json_get(all, "due", &v) == 0 &&
	    (text = cf_json_get_str(v)) != NULL) {
		cf_day d;
		if (cf_day_parse(&d, text, strlen(text)) == 0)
			r->out->due = d;
		else
			cf_error_clear();
		free(text);
	}
	return 0;
}

int
cf_ncr_as_at(struct cf_store *st, struct cf_tz *tz, int64_t number, cf_day day,
    struct cf_ncr_as_at *out)
{
	struct replay r = { tz, day, out };
	char name[32];

	memset(out, 0, sizeof *out);
	out->state = CF_NCR_OPEN;
	out->due = CF_DAY_NONE;
	cf_ncr_name(number, name, sizeof name);
	return cf_trail_each_subject(st, name, replay_one, &r);
}

void
cf_ncr_as_at_release(struct cf_ncr_as_at *a)
{
	free(a->owner);
	a->owner = NULL;
}

/* ---- the trail ---- */

static int
trail(struct cf_store *st, int64_t number, int64_t now, const char *actor,
    const char *what, struct cf_json *j)
{
	char name[32], *data;
	int rc;

	/* Every entry binds the NCR's whole state after the change. */
	if ((rc = cf_ncrdb_bind(st, number, j)) < 0)
		return rc;
	data = cf_json_text(j);
	cf_ncr_name(number, name, sizeof name);
	rc = cf_trail_append(st, now, actor, what, name, data, NULL);
	free(data);
	return rc;
}

/* ---- opening from an audit ---- */

int64_t
cf_ncr_listed(const struct cf_ncr_listing *v, size_t n, const char *subject,
    int64_t before)
{
	size_t lo = 0, hi = n;

	/* The first listing of `subject` (v is by subject, then number). */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(v[mid].subject, subject) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < n && strcmp(v[lo].subject, subject) == 0; lo++)
		if (before <= 0 || v[lo].audit < before)
			return v[lo].number;
	return 0;
}

/* The entry of NCR `number` in *v, added when missing. */
static struct cf_ncr_cite *
cite_entry(struct cf_ncr_cite **v, size_t *n, size_t *alloc, int64_t number)
{
	for (size_t i = 0; i < *n; i++)
		if ((*v)[i].number == number)
			return &(*v)[i];
	CF_GROW(*v, *n + 1, *alloc);
	memset(&(*v)[*n], 0, sizeof **v);
	(*v)[*n].number = number;
	return &(*v)[(*n)++];
}

struct citing {
	struct cf_ncr_cite **v;
	size_t *n, *alloc;
	const struct cf_ncr_listing *l;
	size_t nl;
	int64_t audit;
};

static int
cite_listed(const char *subject, void *arg)
{
	struct citing *c = arg;
	int64_t number = cf_ncr_listed(c->l, c->nl, subject, c->audit);

	if (number)
		cite_entry(c->v, c->n, c->alloc, number)->listed++;
	return 0;
}

static int
cite_by_number(const void *a, const void *b)
{
	const struct cf_ncr_cite *x = a, *y = b;

	return (x->number > y->number) - (x->number < y->number);
}

int
cf_ncr_cited_by_audit(struct cf_store *st, int64_t id,
    struct cf_ncr_cite **out, size_t *n)
{
	struct cf_audit_head h;
	struct cf_audit_checkrow *checks = NULL;
	struct cf_ncr_link *l = NULL;
	size_t nchecks = 0, nl = 0, alloc = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = cf_auditdb_head(st, id, &h)) < 0)
		return rc;
	if ((rc = cf_auditdb_checks(st, id, &checks, &nchecks)) < 0 ||
	    (rc = cf_ncrdb_of_audit(st, id, &l, &nl)) < 0)
		goto out;
	for (size_t i = 0; i < nl; i++) {
		struct cf_ncr_cite *e = cite_entry(out, n, &alloc, l[i].number);
		e->linked = true;
		e->opened = l[i].opened;
		e->subjects = l[i].subjects;
	}
	for (size_t k = 0; k < nchecks && rc == 0; k++) {
		struct cf_ncr_listing *v = NULL;
		size_t nv = 0;
		if (!cf_check_raises_ncr(&checks[k]))
			continue;
		if ((rc = cf_ncrdb_listings(st, h.checklist_id,
			 checks[k].check_id, &v, &nv)) < 0)
			break;
		struct citing c = { out, n, &alloc, v, nv, id };
		rc = cf_auditdb_failing(st, id, checks[k].pos, cite_listed, &c);
		cf_ncr_listings_free(v, nv);
	}
	if (*n)
		qsort(*out, *n, sizeof **out, cite_by_number);
out:
	free(l);
	for (size_t k = 0; k < nchecks; k++)
		cf_audit_checkrow_release(&checks[k]);
	free(checks);
	cf_audit_head_release(&h);
	if (rc < 0) {
		free(*out);
		*out = NULL;
		*n = 0;
	} else if (*out == NULL)
		*out = cf_xcalloc(1, sizeof **out);
	return rc;
}

/* The audit's failing subjects of one check, split by the register. */
struct sorting {
	const struct cf_ncr_listing *v;
	size_t nv;
	struct cf_strv fresh; /* listed on no NCR of the check yet */
	int64_t listed;	      /* listed already: not raised again */
};

static int
sort_one(const char *subject, void *arg)
{
	struct sorting *a = arg;

	if (cf_ncr_listed(a->v, a->nv, subject, 0))
		a->listed++;
	else
		cf_strv_push(&a->fresh, subject);
	return 0;
}

/* Lists `subjects` of audit `audit` on NCR `number` and links the audit. */
static int
add_subjects(struct cf_store *st, int64_t number, int64_t audit,
    const struct cf_strv *subjects)
{
	int rc = 0;

	for (size_t i = 0; i < subjects->n && rc == 0; i++) {
		bool added;
		rc = cf_ncrdb_add_subject(st, number, audit, subjects->v[i],
		    &added);
	}
	if (rc == 0)
		rc = cf_ncrdb_link_audit(st, number, audit);
	return rc;
}

/*
 * The NCR a failing check of `checklist` joins (the newest open one)
 * and the one it recurs from (the newest closed one); 0 when none.
 * Rejected NCRs are passed over: a rejected report was no
 * nonconformity (doc/ncr.md).
 */
static int
ncrs_of_check(struct cf_store *st, const char *checklist, const char *check,
    int64_t *open_ncr, int64_t *closed_ncr)
{
	struct cf_ncr_ref *r = NULL;
	size_t n = 0;
	int rc;

	*open_ncr = *closed_ncr = 0;
	if ((rc = cf_ncrdb_of_check(st, checklist, check, &r, &n)) < 0)
		return rc;
	for (size_t i = 0; i < n; i++) {
		if (r[i].state != CF_NCR_CLOSED &&
		    r[i].state != CF_NCR_REJECTED) {
			if (*open_ncr == 0)
				*open_ncr = r[i].number;
		} else if (r[i].state == CF_NCR_CLOSED && *closed_ncr == 0)
			*closed_ncr = r[i].number;
	}
	free(r);
	return 0;
}

/*
 * One failing check of the audit (doc/ncr.md, "How audits open NCRs"):
 * its failing subjects that an NCR of the check lists already, in any
 * state, are not raised again; the others join the open NCR of the
 * check, or open one, a recurrence of the newest closed one.  Nothing
 * is written when every subject was listed already.
 */
static int
record_check(struct cf_store *st, const struct cf_audit_head *h,
    const struct cf_audit_checkrow *f, int64_t now, const char *actor,
    struct cf_ncr_recorded *out)
{
	struct cf_ncr_listing *v = NULL;
	size_t nv = 0;
	struct sorting so;
	int64_t open_ncr, closed_ncr;
	struct cf_json *j = NULL;
	int rc;

	memset(&so, 0, sizeof so);
	if ((rc = cf_ncrdb_listings(st, h->checklist_id, f->check_id, &v,
		 &nv)) < 0)
		return rc;
	so.v = v;
	so.nv = nv;
	if ((rc = cf_auditdb_failing(st, h->id, f->pos, sort_one, &so)) < 0)
		goto out;
	out->listed += so.listed;
	if (so.fresh.n == 0)
		goto out; /* nothing new: the findings' NCRs are the old ones */
	if ((rc = ncrs_of_check(st, h->checklist_id, f->check_id, &open_ncr,
		 &closed_ncr)) < 0)
		goto out;
	j = cf_json_new();
	cf_json_int(j, "audit", h->id);
	if (open_ncr) {
		if ((rc = add_subjects(st, open_ncr, h->id, &so.fresh)) == 0) {
			cf_json_int(j, "subjects_added", (int64_t)so.fresh.n);
			rc = trail(st, open_ncr, now, actor, "ncr.join", j);
		}
		out->joined++;
	} else {
		struct cf_ncr n;
		memset(&n, 0, sizeof n);
		n.checklist_id = h->checklist_id;
		n.check_id = f->check_id;
		n.check_type = f->type;
		n.clause = f->clause;
		n.severity = f->severity;
		n.opened_at = now;
		n.recurrence_of = closed_ncr;
		if ((rc = cf_ncrdb_insert(st, &n)) == 0)
			rc = add_subjects(st, n.number, h->id, &so.fresh);
		if (rc == 0) {
			cf_json_str(j, "checklist", h->checklist_id);
			cf_json_str(j, "check", f->check_id);
			cf_json_str(j, "type", f->type);
			cf_json_str(j, "clause", f->clause);
			cf_json_str(j, "severity", f->severity);
			cf_json_str(j, "state", "open");
			cf_json_int(j, "subjects", (int64_t)so.fresh.n);
			if (closed_ncr)
				cf_json_int(j, "recurrence_of", closed_ncr);
			rc = trail(st, n.number, now, actor, "ncr.open", j);
		}
		out->opened++;
	}
out:
	cf_json_free(j);
	cf_strv_release(&so.fresh);
	cf_ncr_listings_free(v, nv);
	return rc;
}

int
cf_ncr_record_audit(struct cf_store *st, int64_t audit, int64_t now,
    const char *actor, struct cf_ncr_recorded *out)
{
	struct cf_audit_checkrow *c = NULL;
	struct cf_audit_head h;
	struct cf_ncr_recorded dummy;
	size_t nc = 0;
	bool any = false;
	int rc;

	memset(&h, 0, sizeof h);
	if (out == NULL)
		out = &dummy;
	memset(out, 0, sizeof *out);
	if ((rc = cf_auditdb_checks(st, audit, &c, &nc)) < 0)
		goto out;
	for (size_t i = 0; i < nc && !any; i++)
		any = cf_check_raises_ncr(&c[i]);
	if (!any)
		goto out;
	if ((rc = cf_auditdb_head(st, audit, &h)) < 0)
		goto out;
	for (size_t i = 0; i < nc && rc == 0; i++)
		if (cf_check_raises_ncr(&c[i]))
			rc = record_check(st, &h, &c[i], now, actor, out);
out:
	for (size_t i = 0; i < nc; i++)
		cf_audit_checkrow_release(&c[i]);
	free(c);
	cf_audit_head_release(&h);
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

/* The fields with a closed set of values: CF_EUSAGE naming the set. */
static int
check_choices(const struct cf_ncr_change *c)
{
	if (c->method && strcmp(c->method, "5-why") &&
	    strcmp(c->method, "fishbone") && strcmp(c->method, "other"))
		return cf_error_set(CF_EUSAGE,
		    "unknown root-cause method '%s', expected 5-why, fishbone "
		    "or other",
		    c->method);
	if (c->risk_update && strcmp(c->risk_update, "yes") &&
	    strcmp(c->risk_update, "no"))
		return cf_error_set(CF_EUSAGE, "--risk-update takes yes or no");
	return 0;
}

int
cf_ncr_update(struct cf_store *st, int64_t number,
    const struct cf_ncr_change *c, int64_t now, cf_day today, const char *actor)
{
	struct cf_ncr n;
	enum cf_ncr_state to;
	struct cf_ncr w; /* the values as written, borrowed from n and c */
	struct cf_json *j = NULL;
	char day[11];
	int rc;

	if ((rc = cf_ncrdb_get(st, number, &n)) < 0)
		return rc;
	if (!cf_ncr_is_open(&n)) {
		rc = refuse(number, "it is ", cf_ncr_state_name(n.state),
		    n.state == CF_NCR_CLOSED
			? "; a closed or rejected NCR does not change (correct "
			  "its fields with --amend --reason WHY)"
			: "; a closed or rejected NCR does not change");
		goto out;
	}
	if ((rc = check_choices(c)) < 0)
		goto out;
	/* From verified on, what was found and done is the record the
	 * verification judged: it is corrected by a recorded amendment,
	 * never overwritten; only the effectiveness evidence, if not yet
	 * given, may still be filled (doc/ncr.md). */
	if (n.state == CF_NCR_VERIFIED) {
		const char *frozen = c->owner	   ? "owner"
		    : c->has_due		   ? "due"
		    : c->correction		   ? "correction"
		    : c->root_cause		   ? "root-cause"
		    : c->method			   ? "method"
		    : c->action			   ? "action"
		    : c->similar		   ? "similar"
		    : c->risk_update		   ? "risk-update"
		    : c->effectiveness && given(n.effectiveness) ? "effectiveness"
						   : NULL;
		if (frozen) {
			char msg[200];
			snprintf(msg, sizeof msg,
			    "it is verified: its fields are frozen; correct "
			    "--%s with a recorded amendment (ncr update %lld "
			    "--amend --%s TEXT --reason WHY)",
			    frozen, (long long)number, frozen);
			rc = refuse(number, msg, NULL, NULL);
			goto out;
		}
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
		} else if (to == CF_NCR_CLOSED && !given(c->effectiveness) &&
		    !given(n.effectiveness)) {
			/* ISO 9001 10.2.1 d), 10.2.2: the evidence that
			 * the action worked is kept (doc/ncr.md). */
			rc = refuse(number,
			    "closed needs the evidence that the action "
			    "worked (--effectiveness)",
			    NULL, NULL);
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
	w = n;
	w.state = to;
	if (to != n.state)
		cf_json_str(j, "state", cf_ncr_state_name(to));
#define SET_TEXT(field, member)                                                \
	do {                                                                   \
		if (c->member) {                                               \
			w.field = (char *)c->member;                           \
			cf_json_str(j, #field, c->member);                     \
		}                                                              \
	} while (0)
	SET_TEXT(owner, owner);
	if (c->has_due) {
		w.due = c->due;
		cf_day_format(c->due, day);
		cf_json_str(j, "due", day);
	}
	SET_TEXT(correction, correction);
	SET_TEXT(root_cause, root_cause);
	SET_TEXT(method, method);
	SET_TEXT(action, action);
	SET_TEXT(similar, similar);
	if (c->risk_update) {
		w.risk_update = strcmp(c->risk_update, "yes") == 0;
		cf_json_str(j, "risk_update", c->risk_update);
	}
	SET_TEXT(effectiveness, effectiveness);
	if (to == CF_NCR_IMPLEMENTED && n.state != to)
		w.implemented_at = now;
	if (to == CF_NCR_CLOSED && n.state != to) {
		w.closed_on = today;
		if (today != CF_DAY_NONE) {
			cf_day_format(today, day);
			cf_json_str(j, "closed_on", day);
		}
	}
	SET_TEXT(rejection, rejection);
#undef SET_TEXT
	char *text = cf_json_text(j);
	bool nothing = strcmp(text, "{}") == 0;
	free(text);
	if (nothing) {
		rc = refuse(number, "nothing to change", NULL, NULL);
		goto out;
	}
	if ((rc = cf_ncrdb_update(st, &w)) < 0)
		goto out;
	rc = trail(st, number, now, actor, "ncr.update", j);
out:
	cf_json_free(j);
	cf_ncr_release(&n);
	return rc;
}

/* One field amendment: its option name and value, appended. */
static void
amend_one(struct cf_strv *fields, struct cf_strv *values, const char *field,
    const char *value)
{
	if (value == NULL)
		return;
	cf_strv_push(fields, field);
	cf_strv_push(values, value);
}

int
cf_ncr_amend(struct cf_store *st, int64_t number, const struct cf_ncr_change *c,
    const char *reason, int64_t now, const char *actor)
{
	struct cf_strv fields = CF_STRV_INIT, values = CF_STRV_INIT;
	struct cf_json *j = NULL, *o = NULL;
	struct cf_ncr n;
	char day[11];
	int rc;

	if ((rc = cf_ncrdb_get(st, number, &n)) < 0)
		return rc;
	if (n.state != CF_NCR_VERIFIED && n.state != CF_NCR_CLOSED) {
		rc = refuse(number, "it is ", cf_ncr_state_name(n.state),
		    n.state == CF_NCR_REJECTED
			? "; a rejected NCR does not change"
			: "; amendments are for verified and closed NCRs, "
			  "change its fields with ncr update");
		goto out;
	}
	if (c->state || c->rejection) {
		rc = cf_error_set(CF_EUSAGE,
		    "--amend corrects fields; it does not go with --state");
		goto out;
	}
	if (!given(reason)) {
		rc = refuse(number, "an amendment needs its reason (--reason)",
		    NULL, NULL);
		goto out;
	}
	if ((rc = check_choices(c)) < 0)
		goto out;
	amend_one(&fields, &values, "owner", c->owner);
	if (c->has_due) {
		cf_day_format(c->due, day);
		amend_one(&fields, &values, "due", day);
	}
	amend_one(&fields, &values, "correction", c->correction);
	amend_one(&fields, &values, "root-cause", c->root_cause);
	amend_one(&fields, &values, "method", c->method);
	amend_one(&fields, &values, "action", c->action);
	amend_one(&fields, &values, "similar", c->similar);
	amend_one(&fields, &values, "risk-update", c->risk_update);
	amend_one(&fields, &values, "effectiveness", c->effectiveness);
	if (fields.n == 0) {
		rc = refuse(number,
		    "an amendment needs the field it corrects (--root-cause "
		    "TEXT, --action TEXT, ...)",
		    NULL, NULL);
		goto out;
	}
	j = cf_json_new();
	o = cf_json_new();
	for (size_t i = 0; i < fields.n && rc == 0; i++) {
		struct cf_ncr_amendment a = { 0, fields.v[i], values.v[i],
			(char *)reason, (char *)actor, now };
		if (!given(values.v[i])) {
			rc = refuse(number, "an amendment cannot blank --",
			    fields.v[i], "");
			break;
		}
		if ((rc = cf_ncrdb_add_amendment(st, number, &a)) == 0)
			cf_json_str(o, fields.v[i], values.v[i]);
	}
	if (rc < 0)
		goto out;
	char *text = cf_json_text(o);
	cf_json_raw(j, "amend", text);
	free(text);
	cf_json_str(j, "reason", reason);
	rc = trail(st, number, now, actor, "ncr.amend", j);
out:
	cf_json_free(o);
	cf_json_free(j);
	cf_strv_release(&fields);
	cf_strv_release(&values);
	cf_ncr_release(&n);
	return rc;
}

/*
 * The check `id` of checklist `list` as committed at `commit`, parsed
 * by the checklist loader: *doc (the caller frees it) and *out (NULL
 * when that version has no such check).
 */
static int
check_at(struct cf_repo *repo, const char *list, const char *commit,
    const char *id, struct cf_doc **doc, const struct cf_check **out)
{
	struct cf_buf b = CF_BUF_INIT;
	struct cf_diags d = CF_DIAGS_INIT;
	char *path = cf_xasprintf("checklists/%s.xml", list);
	int rc;

	*doc = NULL;
	*out = NULL;
	if ((rc = cf_repo_read(repo, commit, path, &b)) == 0) {
		rc = cf_doc_parse(doc, b.s, b.len, path, &d);
		if (rc == CF_EINVALID) {
			char *first = d.n ? cf_diag_format(&d.v[0])
					  : cf_xstrdup(path);
			rc = cf_error_set(CF_EINVALID,
			    "checklist %s of commit %.12s does not validate: %s",
			    list, commit, first);
			free(first);
		} else if (rc == 0 && (*doc)->type != CF_DOC_CHECKLIST)
			rc = cf_error_set(CF_EINVALID,
			    "%s of commit %.12s is no checklist", path, commit);
	}
	if (rc == 0)
		*out = cf_checklist_find(&(*doc)->u.list, id);
	cf_diags_release(&d);
	cf_buf_release(&b);
	free(path);
	return rc;
}

/*
 * Whether follow-up audit `fu` ran the same check `check_id` as the
 * audit that raised NCR `number` (doc/ncr.md): the check element of
 * that id in each audit's checklist version, parsed and compared.
 */
static int
same_check(struct cf_store *st, struct cf_repo *repo, const struct cf_ncr *n,
    const struct cf_audit_head *fu, const char *aname)
{
	struct cf_audit_head raised;
	struct cf_doc *da = NULL, *db = NULL;
	const struct cf_check *a, *b;
	int64_t first;
	char why[256], name[32];
	int rc;

	memset(&raised, 0, sizeof raised);
	if ((rc = cf_ncrdb_first_audit(st, n->number, &first)) < 0 ||
	    (rc = cf_auditdb_head(st, first, &raised)) < 0)
		return rc;
	if ((rc = check_at(repo, n->checklist_id, raised.checklist_commit,
		 n->check_id, &da, &a)) < 0 ||
	    (rc = check_at(repo, n->checklist_id, fu->checklist_commit,
		 n->check_id, &db, &b)) < 0)
		goto out;
	cf_ncr_name(n->number, name, sizeof name);
	if (a == NULL || b == NULL) {
		rc = cf_error_set(CF_EINVALID,
		    "%s: the checklist %s of commit %.12s has no check %s",
		    name, n->checklist_id,
		    a == NULL ? raised.checklist_commit : fu->checklist_commit,
		    n->check_id);
		goto out;
	}
	if (cf_check_same(&da->u.list, a, &db->u.list, b, why, sizeof why))
		rc = cf_error_set(CF_EINVALID,
		    "%s: %s's check %s is not the check audit %lld raised it "
		    "on (%s); verify with an audit of the same check",
		    name, aname, n->check_id, (long long)first, why);
out:
	cf_doc_free(da);
	cf_doc_free(db);
	cf_audit_head_release(&raised);
	return rc;
}

int
cf_ncr_verify(struct cf_store *st, struct cf_repo *repo, struct cf_tz *tz,
    int64_t number, int64_t audit, int64_t now, const char *actor)
{
	struct cf_ncr n;
	struct cf_audit_head fu;
	struct cf_json *j = NULL;
	char aname[32], from[11], impl[11], why[160];
	int64_t started, counts[4];
	cf_day implemented;
	bool ran;
	int rc;

	memset(&fu, 0, sizeof fu);
	snprintf(aname, sizeof aname, "audit %lld", (long long)audit);
	if ((rc = cf_ncrdb_get(st, number, &n)) < 0)
		return rc;
	if (n.state != CF_NCR_IMPLEMENTED) {
		rc = refuse(number,
		    "only an implemented NCR can be verified; "
		    "it is ",
		    cf_ncr_state_name(n.state), "");
		goto out;
	}
	rc = cf_auditdb_check_of(st, audit, n.checklist_id, n.check_id,
	    &started, &ran, counts);
	if (rc == CF_ENOTFOUND) {
		cf_error_clear();
		rc = refuse(number, aname, " is not an audit of checklist ",
		    n.checklist_id);
		goto out;
	}
	if (rc < 0 || (rc = cf_auditdb_head(st, audit, &fu)) < 0)
		goto out;
	if (fu.void_reason) {
		rc = refuse(number, aname,
		    " is void; a void audit is no evidence (doc/audits.md)",
		    NULL);
		goto out;
	}
	if (!ran) {
		rc = refuse(number, aname, " did not run check ", n.check_id);
		goto out;
	}
	/* Times are whole seconds: an audit started in the second of the
	 * implementation is after it (doc/ncr.md). */
	if (started < n.implemented_at) {
		rc = refuse(number, aname,
		    " started before the action was implemented; verify with a "
		    "later audit",
		    NULL);
		goto out;
	}
	/* (a) Records of after the action, not an old period re-judged. */
	implemented = cf_tz_day(tz, n.implemented_at);
	if (fu.from <= implemented) {
		cf_day_format(fu.from, from);
		cf_day_format(implemented, impl);
		snprintf(why, sizeof why,
		    "'s period starts %s, not after the action was "
		    "implemented (%s); an audit of earlier records is no "
		    "evidence",
		    from, impl);
		rc = refuse(number, aname, why, NULL);
		goto out;
	}
	/* (c) The same check, compared as documents. */
	if ((rc = same_check(st, repo, &n, &fu, aname)) < 0)
		goto out;
	/* (b) It judged something. */
	if (counts[CF_RESULT_PASS] + counts[CF_RESULT_FAIL] == 0) {
		snprintf(why, sizeof why,
		    " judged no subject of check %s (%lld na, %lld error)",
		    n.check_id, (long long)counts[CF_RESULT_NA],
		    (long long)counts[CF_RESULT_ERROR]);
		rc = refuse(number, aname, why, NULL);
		goto out;
	}
	/* (d) At least one pass and no fail. */
	if (counts[CF_RESULT_FAIL] > 0) {
		rc = refuse(number, aname, " still fails check ", n.check_id);
		goto out;
	}
	if (counts[CF_RESULT_PASS] == 0) {
		rc = refuse(number, aname, " has no pass for check ",
		    n.check_id);
		goto out;
	}
	if ((rc = cf_ncrdb_set_verified(st, number, audit)) < 0)
		goto out;
	j = cf_json_new();
	cf_json_str(j, "state", "verified");
	cf_json_int(j, "audit", audit);
	rc = trail(st, number, now, actor, "ncr.verify", j);
out:
	cf_audit_head_release(&fu);
	cf_json_free(j);
	cf_ncr_release(&n);
	return rc;
}

/* ---- one change in a transaction of its own (the commands, the web) ---- */

int
cf_ncr_apply(struct cf_store *st, int64_t number, const struct cf_ncr_change *c,
    const char *amend_reason, int64_t now, cf_day today, const char *actor)
{
	int rc;

	if ((rc = cf_store_begin(st)) < 0)
		return rc;
	if (amend_reason) {
		struct cf_ncr_change a = *c;
		a.rejection = NULL;
		rc = cf_ncr_amend(st, number, &a, amend_reason, now, actor);
	} else
		rc = cf_ncr_update(st, number, c, now, today, actor);
	if (rc == 0)
		rc = cf_store_commit(st);
	if (rc < 0)
		cf_store_rollback(st);
	return rc;
}

int
cf_ncr_verify_apply(struct cf_store *st, struct cf_repo *repo,
    struct cf_tz *tz, int64_t number, int64_t audit, int64_t now,
    const char *actor)
{
	int rc;

	if ((rc = cf_store_begin(st)) < 0)
		return rc;
	rc = cf_ncr_verify(st, repo, tz, number, audit, now, actor);
	if (rc == 0)
		rc = cf_store_commit(st);
	if (rc < 0)
		cf_store_rollback(st);
	return rc;
}
