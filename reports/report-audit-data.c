/* SPDX-License-Identifier: MIT */
/*
 * report-audit-data.c - what the audit report reads before the findings
 * (see report-audit.c): the head, the counts per check, the batches,
 * the document versions used with their type and title from the
 * history, the results per window and per month of acceptance, the
 * NCRs the audit raised or joined, the checklist's objective and
 * criteria as committed, and the conclusion (audits/conclusion.c).
 * All of it is small; the findings are streamed by the writers.
 */
#include "conform.h"
#include "auditdb.h"
#include "casedb.h"
#include "conclusion.h"
#include "docindex.h"
#include "ncr.h"
#include "ncrdb.h"
#include "names.h"
#include "report-audit-impl.h"
#include "trail.h"

#include <inttypes.h>
#include <stdio.h>

#include <stdlib.h>
#include <string.h>

void
cf_ra_release(struct cf_ra_data *d)
{
	for (size_t i = 0; i < d->nchecks; i++)
		cf_audit_checkrow_release(&d->checks[i]);
	free(d->checks);
	cf_strv_release(&d->sha);
	cf_strv_release(&d->files);
	cf_strv_release(&d->profiles);
	cf_strv_release(&d->profile_commits);
	free(d->objective);
	free(d->criteria);
	for (size_t i = 0; i < d->nversions; i++) {
		free(d->versions[i].document_id);
		free(d->versions[i].commit);
		free(d->versions[i].title);
		free(d->versions[i].type);
	}
	free(d->versions);
	for (size_t i = 0; i < d->nwindows; i++) {
		free(d->windows[i].label);
		free(d->windows[i].name);
	}
	cf_names_free(d->names);
	free(d->windows);
	for (size_t i = 0; i < d->nmonths; i++)
		free(d->months[i].label);
	free(d->months);
	for (size_t i = 0; i < d->nncrs; i++)
		cf_ncr_release(&d->ncrs[i].ncr);
	free(d->ncrs);
	cf_tz_free(d->tz);
	cf_checkpoint_release(&d->ckpt);
	cf_auditdb_scorecard_release(&d->sc);
	cf_audit_head_release(&d->h);
}

/* The audit's trail entry ("audit.store") number into *(int64_t *)arg. */
static int
audit_entry(const struct cf_trail_entry *e, void *arg)
{
	if (strncmp(e->what, "audit.", 6) == 0 && *(int64_t *)arg == 0)
		*(int64_t *)arg = e->seq;
	return 0;
}

/*
 * The checkpoint that anchors the audit (doc/integrity.md): the first
 * that holds its trail entry or a later one.  The first, not the last,
 * so that the report reads the same however many are written later.
 */
static int
read_checkpoint(const struct cf_report_env *env, struct cf_ra_data *d)
{
	char subject[40];
	int64_t seq = 0;
	int rc;

	if (env->repo == NULL)
		return 0;
	snprintf(subject, sizeof subject, "audit %" PRId64, d->h.id);
	if ((rc = cf_trail_each_subject(env->st, subject, audit_entry,
		 &seq)) < 0)
		return rc;
	if (seq == 0)
		return 0; /* no entry: trail verify names it */
	rc = cf_checkpoint_covering(env->repo, seq, &d->ckpt);
	if (rc == CF_EINVALID) {
		/* a ref that holds no checkpoint: trail verify names it */
		cf_error_clear();
		rc = 0;
	}
	d->has_ckpt = rc == 0;
	return rc;
}

/* The version of document `id` of any type introduced by `commit`. */
static const struct cf_docversion *
find_version(struct cf_docindex *idx, const char *id, const char *commit,
    enum cf_doc_type *type)
{
	for (int t = 0; t < CF_DOC_NTYPES; t++) {
		size_t n;
		struct cf_docversion *const *h = cf_docindex_history(idx,
		    (enum cf_doc_type)t, id, &n);
		for (size_t i = 0; i < n; i++)
			if (strcmp(h[i]->commit, commit) == 0 &&
			    !h[i]->deleted) {
				*type = (enum cf_doc_type)t;
				return h[i];
			}
	}
	return NULL;
}

static void
read_checklist(const struct cf_report_env *env, struct cf_ra_data *d)
{
	size_t n;
	struct cf_docversion *const *h;
	const struct cf_doc *doc;

	if (env->idx == NULL)
		return;
	h = cf_docindex_history(env->idx, CF_DOC_CHECKLIST, d->h.checklist_id,
	    &n);
	for (size_t i = 0; i < n; i++) {
		if (strcmp(h[i]->commit, d->h.checklist_commit) != 0)
			continue;
		if (cf_docindex_doc(env->idx, h[i], &doc) < 0) {
			cf_error_clear();
			return;
		}
		if (doc->u.list.objective && *doc->u.list.objective)
			d->objective = cf_xstrdup(doc->u.list.objective);
		if (doc->u.list.criteria && *doc->u.list.criteria)
			d->criteria = cf_xstrdup(doc->u.list.criteria);
		return;
	}
}

static int
read_versions(const struct cf_report_env *env, struct cf_ra_data *d)
{
	struct cf_auditdb_version *rows = NULL;
	size_t n = 0;
	int rc;

	if ((rc = cf_auditdb_versions(env->st, d->h.id, &rows, &n)) < 0)
		return rc;
	d->versions = cf_xcalloc(n ? n : 1, sizeof *d->versions);
	for (size_t i = 0; i < n; i++) {
		struct cf_ra_version *v = &d->versions[d->nversions++];
		v->document_id = rows[i].document_id; /* taken over */
		v->commit = rows[i].commit;
		v->cases = rows[i].cases;
		if (env->idx && v->document_id && v->commit) {
			enum cf_doc_type t;
			const struct cf_docversion *dv = find_version(env->idx,
			    v->document_id, v->commit, &t);
			const struct cf_doc *doc;
			if (dv) {
				v->type = cf_xstrdup(cf_doc_type_name(t));
				if (cf_docindex_doc(env->idx, dv, &doc) == 0) {
					if (t == CF_DOC_PROCEDURE)
						v->title = cf_xstrdup(
						    doc->u.proc.title);
					else if (t == CF_DOC_STANDARD)
						v->title = cf_xstrdup(
						    doc->u.std.title);
				} else
					cf_error_clear();
			}
		}
	}
	free(rows);
	return 0;
}

const char *
cf_ra_document_title(const struct cf_ra_data *d, const char *id,
    const char *commit)
{
	if (id == NULL)
		return NULL;
	for (size_t i = 0; commit && i < d->nversions; i++) {
		const struct cf_ra_version *v = &d->versions[i];
		if (v->title && strcmp(v->document_id, id) == 0 &&
		    v->commit && strcmp(v->commit, commit) == 0)
			return v->title;
	}
	return cf_names_procedure(d->names, id);
}

/* Case-check results per window of the case (letters p and f). */
static int
read_windows(const struct cf_report_env *env, struct cf_ra_data *d)
{
	struct cf_auditdb_tally *rows = NULL;
	size_t n = 0;
	int rc;

	if ((rc = cf_auditdb_windows(env->st, d->h.id, &rows, &n)) < 0)
		return rc;
	d->windows = cf_xcalloc(n ? n : 1, sizeof *d->windows);
	for (size_t i = 0; i < n; i++) {
		struct cf_ra_tally *t = &d->windows[d->nwindows++];
		t->label = rows[i].label ? rows[i].label /* taken over */
					 : cf_xstrdup("(not recorded)");
		if (rows[i].label && cf_names_window(d->names, rows[i].label))
			t->name = cf_xstrdup(
			    cf_names_window(d->names, rows[i].label));
		t->pass = rows[i].pass;
		t->fail = rows[i].fail;
	}
	free(rows);
	return 0;
}

static int
month_day(cf_day day, int64_t pass, int64_t fail, void *arg)
{
	struct cf_ra_data *d = arg;
	int k = cf_month_count(d->h.from, day) - 1;

	if (day < d->h.from || k < 0 || (size_t)k >= d->nmonths)
		return 0;
	d->months[k].pass += pass;
	d->months[k].fail += fail;
	return 0;
}

/* The first on-time check's results by the month of acceptance. */
static int
read_months(const struct cf_report_env *env, struct cf_ra_data *d)
{
	int nm;

	d->ontime_pos = -1;
	for (size_t i = 0; i < d->nchecks; i++)
		if (strcmp(d->checks[i].type, "on-time") == 0) {
			d->ontime_pos = d->checks[i].pos;
			d->ontime_id = d->checks[i].check_id;
			break;
		}
	nm = cf_month_count(d->h.from, d->h.to);
	if (d->ontime_pos < 0 || nm <= 0)
		return 0;
	d->months = cf_xcalloc((size_t)nm, sizeof *d->months);
	d->nmonths = (size_t)nm;
	for (int k = 0; k < nm; k++) {
		cf_day first, last;
		char label[8];
		cf_month_bounds(d->h.from, k, &first, &last);
		cf_month_label(first, label);
		d->months[k].label = cf_xstrdup(label);
	}
	return cf_auditdb_days(env->st, d->h.id, d->ontime_pos, month_day, d);
}

const char *
cf_ra_ncr_role(const struct cf_ra_ncr *r)
{
	return r->opened ? "raised" : r->linked ? "joined" : "listed";
}

/*
 * The NCRs the audit raised or joined, and those that listed its
 * failing subjects before it (doc/ncr.md, recurrence), by number.
 */
static int
read_ncrs(const struct cf_report_env *env, struct cf_ra_data *d)
{
	struct cf_ncr_cite *c;
	size_t n;
	int rc;

	if ((rc = cf_ncr_cited_by_audit(env->st, d->h.id, &c, &n)) < 0)
		return rc;
	d->ncrs = cf_xcalloc(n ? n : 1, sizeof *d->ncrs);
	for (size_t i = 0; i < n && rc == 0; i++) {
		struct cf_ra_ncr *r = &d->ncrs[i];
		r->linked = c[i].linked;
		r->opened = c[i].opened;
		r->subjects = c[i].subjects;
		r->listed = c[i].listed;
		if ((rc = cf_ncr_get(env->st, c[i].number, &r->ncr)) == 0)
			d->nncrs++;
	}
	free(c);
	return rc;
}

int
cf_ra_load(const struct cf_report_env *env, int64_t id, struct cf_ra_data *d)
{
	int rc;

	memset(d, 0, sizeof *d);
	if ((rc = cf_auditdb_head(env->st, id, &d->h)) < 0)
		return rc;
	if ((rc = cf_tz_open(&d->tz, d->h.timezone)) < 0)
		return rc;
	if (env->idx == NULL)
		d->names = cf_names_empty();
	else if ((rc = cf_names_build(&d->names, env->idx, d->h.to)) < 0)
		return rc;
	if ((rc = cf_auditdb_checks(env->st, id, &d->checks, &d->nchecks)) <
		0 ||
	    (rc = cf_auditdb_batches(env->st, id, &d->sha, &d->files)) < 0 ||
	    (rc = read_versions(env, d)) < 0 ||
	    (rc = read_windows(env, d)) < 0 || (rc = read_months(env, d)) < 0 ||
	    (rc = read_ncrs(env, d)) < 0 || (rc = read_checkpoint(env, d)) < 0 ||
	    (rc = cf_auditdb_scorecard(env->st, id, &d->sc)) < 0)
		return rc;
	/* the import profile each batch was read through (doc/cases.md) */
	for (size_t i = 0; i < d->sha.n; i++) {
		char *pid, *pc;
		if ((rc = cf_cases_batch_profile(env->st, d->sha.v[i], &pid,
			 &pc)) < 0)
			return rc;
		d->any_profile |= pid != NULL;
		cf_strv_push(&d->profiles, pid ? pid : "");
		cf_strv_push(&d->profile_commits, pc ? pc : "");
		free(pid);
		free(pc);
	}
	read_checklist(env, d);
	cf_audit_conclude(d->checks, d->nchecks, &d->concl);
	return 0;
}
