/* SPDX-License-Identifier: MIT */
/*
 * auditdb.c - stored audits (see auditdb.h).
 */
#include "conform.h"
#include "auditdb.h"
#include "checks.h"
#include "json.h"
#include "recdigest.h"
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const result_text[] = { "pass", "fail", "na", "error" };

char
cf_result_letter(enum cf_result r)
{
	return "pfne"[r];
}

static int
result_of_text(const char *s)
{
	for (int i = 0; i < 4; i++)
		if (strcmp(s, result_text[i]) == 0)
			return i;
	return CF_RESULT_ERROR;
}

void
cf_audit_head_release(struct cf_audit_head *h)
{
	free(h->checklist_id);
	free(h->checklist_title);
	free(h->scope);
	free(h->seed);
	free(h->confidence);
	free(h->tolerable);
	free(h->expected);
	free(h->actor);
	free(h->timezone);
	free(h->void_reason);
	free(h->void_actor);
	memset(h, 0, sizeof *h);
}

void
cf_audit_checkrow_release(struct cf_audit_checkrow *c)
{
	free(c->check_id);
	free(c->type);
	free(c->severity);
	free(c->clause);
	free(c->title);
	free(c->upper_limit);
}

static void
bind_text_or_null(sqlite3_stmt *s, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, i);
}

static int
step_done(struct cf_store *st, sqlite3_stmt *s, const char *what)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : cf_store_error(st, what);
}

int
cf_auditdb_insert(struct cf_store *st, struct cf_audit_head *h)
{
	static const char sql[] =
	    "INSERT INTO audit(checklist_id, checklist_title, "
	    "checklist_commit, documents_commit, period_from, period_to, scope, "
	    "population, sampled, sample_size, sample_seed, confidence, "
	    "tolerable, expected, started_at, finished_at, actor, timezone, "
	    "last_batch) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
	    "?14, ?15, ?16, ?17, ?18, ?19)";
	sqlite3_stmt *s;
	int rc;

	if ((rc = cf_store_stmt(st, &s, sql)) < 0)
		return rc;
	sqlite3_bind_text(s, 1, h->checklist_id, -1, SQLITE_STATIC);
	bind_text_or_null(s, 2, h->checklist_title);
	sqlite3_bind_text(s, 3, h->checklist_commit, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, h->documents_commit, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 5, h->from);
	sqlite3_bind_int(s, 6, h->to);
	sqlite3_bind_text(s, 7, h->scope, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 8, h->population);
	sqlite3_bind_int(s, 9, h->sampled);
	if (h->sampled)
		sqlite3_bind_int64(s, 10, h->sample_size);
	else
		sqlite3_bind_null(s, 10);
	bind_text_or_null(s, 11, h->sampled ? h->seed : NULL);
	bind_text_or_null(s, 12, h->sampled ? h->confidence : NULL);
	bind_text_or_null(s, 13, h->sampled ? h->tolerable : NULL);
	bind_text_or_null(s, 14, h->sampled ? h->expected : NULL);
	sqlite3_bind_int64(s, 15, h->started_at);
	sqlite3_bind_int64(s, 16, h->finished_at);
	sqlite3_bind_text(s, 17, h->actor, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 18, h->timezone, -1, SQLITE_STATIC);
	if (h->last_batch >= 0)
		sqlite3_bind_int64(s, 19, h->last_batch);
	else
		sqlite3_bind_null(s, 19);
	if ((rc = step_done(st, s, "storing the audit")) < 0)
		return rc;
	h->id = sqlite3_last_insert_rowid(cf_store_db(st));
	return 0;
}

int
cf_auditdb_finished(struct cf_store *st, const struct cf_audit_head *h)
{
	static const char sql[] = "UPDATE audit SET finished_at = ?2, "
				  "population = ?3, sample_size = ?4 WHERE id "
				  "= ?1";
	sqlite3_stmt *s;
	int rc;

	if ((rc = cf_store_stmt(st, &s, sql)) < 0)
		return rc;
	sqlite3_bind_int64(s, 1, h->id);
	sqlite3_bind_int64(s, 2, h->finished_at);
	sqlite3_bind_int64(s, 3, h->population);
	if (h->sampled)
		sqlite3_bind_int64(s, 4, h->sample_size);
	else
		sqlite3_bind_null(s, 4);
	return step_done(st, s, "storing the audit");
}

int
cf_auditdb_batch(struct cf_store *st, int64_t audit, const char *sha256,
    const char *file)
{
	static const char sql[] = "INSERT INTO audit_batch(audit_id, sha256, "
				  "file) VALUES (?1, ?2, ?3)";
	sqlite3_stmt *s;
	int rc;

	if ((rc = cf_store_stmt(st, &s, sql)) < 0)
		return rc;
	sqlite3_bind_int64(s, 1, audit);
	sqlite3_bind_text(s, 2, sha256, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, file, -1, SQLITE_STATIC);
	return step_done(st, s, "storing the audit");
}

int
cf_auditdb_check(struct cf_store *st, int64_t audit,
    const struct cf_audit_checkrow *c)
{
	static const char sql[] =
	    "INSERT INTO audit_check(audit_id, pos, check_id, type, severity, "
	    "clause, title, n_pass, n_fail, n_na, n_error, upper_limit) VALUES "
	    "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";
	sqlite3_stmt *s;
	int rc;

	if ((rc = cf_store_stmt(st, &s, sql)) < 0)
		return rc;
	sqlite3_bind_int64(s, 1, audit);
	sqlite3_bind_int(s, 2, c->pos);
	sqlite3_bind_text(s, 3, c->check_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, c->type, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, c->severity, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, c->clause, -1, SQLITE_STATIC);
	bind_text_or_null(s, 7, c->title);
	for (int i = 0; i < 4; i++)
		sqlite3_bind_int64(s, 8 + i, c->n[i]);
	bind_text_or_null(s, 12, c->upper_limit);
	return step_done(st, s, "storing the audit");
}

int
cf_auditdb_version(struct cf_store *st, int64_t audit, int vid,
    const char *document_id, const char *commit)
{
	static const char sql[] = "INSERT INTO audit_version(audit_id, vid, "
				  "document_id, commit_id) VALUES (?1, ?2, ?3, "
				  "?4)";
	sqlite3_stmt *s;
	int rc;

	if ((rc = cf_store_stmt(st, &s, sql)) < 0)
		return rc;
	sqlite3_bind_int64(s, 1, audit);
	sqlite3_bind_int(s, 2, vid);
	sqlite3_bind_text(s, 3, document_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, commit, -1, SQLITE_STATIC);
	return step_done(st, s, "storing the audit");
}

/* ---- the digests kept while writing ---- */

struct sorted_digest {
	struct cf_recdigest d;
	struct cf_buf last; /* the last key added */
	bool any, used, in_order;
};

struct cf_auditdb_stream {
	struct sorted_digest cases;
	struct sorted_digest *checks; /* by pos */
	size_t n, alloc;
};

static void
sd_init(struct sorted_digest *sd)
{
	memset(sd, 0, sizeof *sd);
	cf_recdigest_init(&sd->d);
	cf_buf_init(&sd->last);
	sd->used = sd->in_order = true;
}

/* Adds the row in sd->d.enc, whose key is `key`. */
static void
sd_add(struct sorted_digest *sd, const char *key)
{
	if (sd->any && strcmp(sd->last.s, key) >= 0)
		sd->in_order = false;
	cf_buf_reset(&sd->last);
	cf_buf_adds(&sd->last, key);
	sd->any = true;
	cf_recdigest_row(&sd->d);
}

static void
sd_release(struct sorted_digest *sd)
{
	if (sd->used)
		cf_recdigest_release(&sd->d);
	if (sd->last.alloc)
		cf_buf_release(&sd->last);
	memset(sd, 0, sizeof *sd);
}

struct cf_auditdb_stream *
cf_auditdb_stream_new(void)
{
	struct cf_auditdb_stream *ds = cf_xcalloc(1, sizeof *ds);

	sd_init(&ds->cases);
	return ds;
}

void
cf_auditdb_stream_free(struct cf_auditdb_stream *ds)
{
	if (ds == NULL)
		return;
	sd_release(&ds->cases);
	for (size_t i = 0; i < ds->n; i++)
		sd_release(&ds->checks[i]);
	free(ds->checks);
	free(ds);
}

int
cf_auditdb_case(struct cf_store *st, int64_t audit, const char *case_id,
    int vid, const char *results)
{
	return cf_auditdb_case_streamed(st, NULL, audit, case_id, vid,
	    results);
}

int
cf_auditdb_case_streamed(struct cf_store *st, struct cf_auditdb_stream *ds,
    int64_t audit, const char *case_id, int vid, const char *results)
{
	static const char sql[] = "INSERT INTO audit_case(audit_id, case_id, "
				  "vid, results) VALUES (?1, ?2, ?3, ?4)";
	sqlite3_stmt *s;
	int rc;

	if ((rc = cf_store_stmt(st, &s, sql)) < 0)
		return rc;
	sqlite3_bind_int64(s, 1, audit);
	sqlite3_bind_text(s, 2, case_id, -1, SQLITE_STATIC);
	if (vid >= 0)
		sqlite3_bind_int(s, 3, vid);
	else
		sqlite3_bind_null(s, 3);
	sqlite3_bind_text(s, 4, results, -1, SQLITE_STATIC);
	if ((rc = step_done(st, s, "storing the audit")) < 0 || ds == NULL)
		return rc;
	/* the row as bound, in schema order */
	struct cf_buf *b = &ds->cases.d.enc;
	cf_rec_int(b, audit);
	cf_rec_text(b, case_id);
	if (vid >= 0)
		cf_rec_int(b, vid);
	else
		cf_rec_null(b);
	cf_rec_text(b, results);
	sd_add(&ds->cases, case_id);
	return 0;
}

int
cf_auditdb_finding(struct cf_store *st, int64_t audit, int pos,
    const char *subject, enum cf_result r, int vid, const char *detail)
{
	return cf_auditdb_finding_streamed(st, NULL, audit, pos, subject, r,
	    vid, detail);
}

int
cf_auditdb_finding_streamed(struct cf_store *st, struct cf_auditdb_stream *ds,
    int64_t audit, int pos, const char *subject, enum cf_result r, int vid,
    const char *detail)
{
	static const char sql[] =
	    "INSERT INTO finding(audit_id, pos, subject, "
	    "result, vid, detail) VALUES (?1, ?2, ?3, ?4, "
	    "?5, ?6)";
	sqlite3_stmt *s;
	int rc;

	if ((rc = cf_store_stmt(st, &s, sql)) < 0)
		return rc;
	sqlite3_bind_int64(s, 1, audit);
	sqlite3_bind_int(s, 2, pos);
	sqlite3_bind_text(s, 3, subject, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, result_text[r], -1, SQLITE_STATIC);
	if (vid >= 0)
		sqlite3_bind_int(s, 5, vid);
	else
		sqlite3_bind_null(s, 5);
	sqlite3_bind_text(s, 6, detail ? detail : "", -1, SQLITE_STATIC);
	if ((rc = step_done(st, s, "storing the audit")) < 0 || ds == NULL)
		return rc;
	if (pos < 0)
		return 0;
	if ((size_t)pos >= ds->n) {
		CF_GROW(ds->checks, (size_t)pos + 1, ds->alloc);
		while (ds->n <= (size_t)pos)
			memset(&ds->checks[ds->n++], 0, sizeof *ds->checks);
	}
	struct sorted_digest *sd = &ds->checks[pos];
	if (!sd->used)
		sd_init(sd);
	struct cf_buf *b = &sd->d.enc;
	cf_rec_int(b, audit);
	cf_rec_int(b, pos);
	cf_rec_text(b, subject);
	cf_rec_text(b, result_text[r]);
	if (vid >= 0)
		cf_rec_int(b, vid);
	else
		cf_rec_null(b);
	cf_rec_text(b, detail ? detail : "");
	sd_add(sd, subject);
	return 0;
}

/* ---- reading ---- */

int
cf_auditdb_head(struct cf_store *st, int64_t id, struct cf_audit_head *h)
{
	sqlite3_stmt *s;
	int rc;

	memset(h, 0, sizeof *h);
	if ((rc = cf_store_prepare(st, &s,
		 "SELECT checklist_id, checklist_title, checklist_commit, "
		 "documents_commit, period_from, period_to, scope, population, "
		 "sampled, sample_size, sample_seed, confidence, tolerable, "
		 "expected, started_at, finished_at, audit.actor, timezone, "
		 "last_batch, v.reason, v.at, v.actor FROM audit LEFT JOIN "
		 "audit_void v ON v.audit_id = audit.id WHERE id = ?1")) < 0)
		return rc;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_DONE) {
		sqlite3_finalize(s);
		return cf_error_set(CF_ENOTFOUND, "no audit %lld",
		    (long long)id);
	}
	if (rc != SQLITE_ROW) {
		rc = cf_store_error(st, "reading an audit");
		sqlite3_finalize(s);
		return rc;
	}
	h->id = id;
	h->checklist_id = cf_store_col_dup(s, 0);
	h->checklist_title = cf_store_col_dup(s, 1);
	snprintf(h->checklist_commit, sizeof h->checklist_commit, "%s",
	    sqlite3_column_text(s, 2));
	snprintf(h->documents_commit, sizeof h->documents_commit, "%s",
	    sqlite3_column_text(s, 3));
	h->from = sqlite3_column_int(s, 4);
	h->to = sqlite3_column_int(s, 5);
	h->scope = cf_store_col_dup(s, 6);
	h->population = sqlite3_column_int64(s, 7);
	h->sampled = sqlite3_column_int(s, 8) != 0;
	h->sample_size = sqlite3_column_int64(s, 9);
	h->seed = cf_store_col_dup(s, 10);
	h->confidence = cf_store_col_dup(s, 11);
	h->tolerable = cf_store_col_dup(s, 12);
	h->expected = cf_store_col_dup(s, 13);
	h->started_at = sqlite3_column_int64(s, 14);
	h->finished_at = sqlite3_column_int64(s, 15);
	h->actor = cf_store_col_dup(s, 16);
	h->timezone = cf_store_col_dup(s, 17);
	h->last_batch = sqlite3_column_type(s, 18) == SQLITE_NULL
	    ? -1
	    : sqlite3_column_int64(s, 18);
	h->void_reason = cf_store_col_dup(s, 19);
	h->void_at = sqlite3_column_int64(s, 20);
	h->void_actor = cf_store_col_dup(s, 21);
	sqlite3_finalize(s);
	return 0;
}

int
cf_auditdb_set_void(struct cf_store *st, int64_t id, const char *reason,
    int64_t at, const char *actor)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = cf_store_prepare(st, &s,
		 "INSERT INTO audit_void(audit_id, reason, at, actor) SELECT "
		 "id, ?2, ?3, ?4 FROM audit WHERE id = ?1 ON CONFLICT DO "
		 "NOTHING")) < 0)
		return rc;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, reason, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, at);
	sqlite3_bind_text(s, 4, actor, -1, SQLITE_STATIC);
	if (sqlite3_step(s) != SQLITE_DONE)
		rc = cf_store_error(st, "voiding an audit");
	else if (sqlite3_changes(cf_store_db(st)) == 0) {
		struct cf_audit_head h;
		rc = cf_auditdb_head(st, id, &h);
		if (rc == 0)
			rc = cf_error_set(CF_EEXISTS, "audit %lld is void already",
			    (long long)id);
		cf_audit_head_release(&h);
	}
	sqlite3_finalize(s);
	return rc;
}

int
cf_auditdb_bind_void(struct cf_store *st, int64_t id, struct cf_json *j)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = cf_store_prepare(st, &s,
		 "SELECT * FROM audit_void WHERE audit_id = ?1")) < 0)
		return rc;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		struct cf_json *o = cf_json_new();
		char *text;
		cf_rec_stmt_json(o, s, 0, sqlite3_column_count(s));
		text = cf_json_text(o);
		cf_json_raw(j, "void", text);
		free(text);
		cf_json_free(o);
		rc = 0;
	} else if (rc == SQLITE_DONE)
		rc = cf_error_set(CF_ENOTFOUND, "audit %lld is not void",
		    (long long)id);
	else
		rc = cf_store_error(st, "reading an audit");
	sqlite3_finalize(s);
	return rc;
}

int
cf_auditdb_voids(struct cf_store *st, cf_auditdb_id_fn fn, void *arg)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = cf_store_prepare(st, &s,
		 "SELECT audit_id FROM audit_void ORDER BY audit_id")) < 0)
		return rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if ((rc = fn(sqlite3_column_int64(s, 0), arg)) != 0) {
			sqlite3_finalize(s);
			return rc;
		}
	rc = rc == SQLITE_DONE ? 0 : cf_store_error(st, "reading the audits");
	sqlite3_finalize(s);
	return rc;
}

int
cf_auditdb_checks(struct cf_store *st, int64_t id,
    struct cf_audit_checkrow **out, size_t *n)
{
	sqlite3_stmt *s;
	size_t alloc = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = cf_store_prepare(st, &s,
		 "SELECT pos, check_id, type, severity, clause, title, n_pass, "
		 "n_fail, n_na, n_error, upper_limit FROM audit_check WHERE "
		 "audit_id = ?1 ORDER BY pos")) < 0)
		return rc;
	sqlite3_bind_int64(s, 1, id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		CF_GROW(*out, *n + 1, alloc);
		struct cf_audit_checkrow *c = &(*out)[(*n)++];
		c->pos = sqlite3_column_int(s, 0);
		c->check_id = cf_store_col_dup(s, 1);
		c->type = cf_store_col_dup(s, 2);
		c->severity = cf_store_col_dup(s, 3);
		c->clause = cf_store_col_dup(s, 4);
		c->title = cf_store_col_dup(s, 5);
		for (int i = 0; i < 4; i++)
			c->n[i] = sqlite3_column_int64(s, 6 + i);
		c->upper_limit = cf_store_col_dup(s, 10);
	}
	rc = rc == SQLITE_DONE ? 0 : cf_store_error(st, "reading an audit");
	sqlite3_finalize(s);
	return rc;
}

static int
ids_where(struct cf_store *st, const char *sql, int64_t **out, size_t *n)
{
	sqlite3_stmt *s;
	size_t alloc = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = cf_store_prepare(st, &s, sql)) < 0)
		return rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		CF_GROW(*out, *n + 1, alloc);
		(*out)[(*n)++] = sqlite3_column_int64(s, 0);
	}
	rc = rc == SQLITE_DONE ? 0 : cf_store_error(st, "reading the audits");
	sqlite3_finalize(s);
	return rc;
}

int
cf_auditdb_ids(struct cf_store *st, int64_t **out, size_t *n)
{
	return ids_where(st, "SELECT id FROM audit ORDER BY id", out, n);
}

int
cf_auditdb_ids_void(struct cf_store *st, bool void_ones, int64_t **out,
    size_t *n)
{
	return ids_where(st,
	    void_ones ? "SELECT id FROM audit WHERE id IN (SELECT audit_id "
			"FROM audit_void) ORDER BY id"
		      : "SELECT id FROM audit WHERE id NOT IN (SELECT "
			"audit_id FROM audit_void) ORDER BY id",
	    out, n);
}

int
cf_auditdb_batches(struct cf_store *st, int64_t id, struct cf_strv *sha,
    struct cf_strv *files)
{
	return cf_store_text_pairs(st,
	    "SELECT sha256, file FROM audit_batch WHERE audit_id = ?1 "
	    "ORDER BY file, sha256",
	    id, sha, files, "reading an audit");
}

/* Fills a finding from a row: subject, result, document, commit, detail. */
static void
row_finding(sqlite3_stmt *s, int pos, struct cf_auditdb_finding *f)
{
	f->pos = pos;
	f->subject = (const char *)sqlite3_column_text(s, 0);
	f->result = (enum cf_result)result_of_text(
	    (const char *)sqlite3_column_text(s, 1));
	f->document_id = (const char *)sqlite3_column_text(s, 2);
	f->commit = (const char *)sqlite3_column_text(s, 3);
	f->detail = (const char *)sqlite3_column_text(s, 4);
	if (f->detail == NULL)
		f->detail = "";
}

/*
 * The findings of a filter, one check at a time in checklist order: the
 * finding rows (PRIMARY KEY audit_id, pos, subject: read in order, no
 * sort) merged by subject with, when passes or na are asked for, the
 * results kept only in the case rows.  The window and the procedure are
 * the case record's (case_rec's primary key), so a filter on them reads
 * the same rows and looks each subject up once.
 */
static const char findings_sql[] =
    "SELECT f.subject, f.result, v.document_id, v.commit_id, f.detail "
    "FROM finding f LEFT JOIN audit_version v ON v.audit_id = f.audit_id "
    "AND v.vid = f.vid WHERE f.audit_id = ?1 AND f.pos = ?2 AND (?3 = "
    "'all' OR (?3 = 'default' AND f.result IN ('fail', 'error')) OR "
    "f.result = ?3) AND ((?4 IS NULL AND ?5 IS NULL) OR EXISTS (SELECT 1 "
    "FROM case_rec r WHERE r.case_id = f.subject AND (?4 IS NULL OR "
    "r.window = ?4) AND (?5 IS NULL OR r.procedure_id = ?5))) "
    "ORDER BY f.subject";

/* The passes (?6) and the na that only say there was nothing to judge
 * (?7, with their text ?3) that live in the case rows. */
static const char case_results_sql[] =
    "SELECT c.case_id, CASE substr(c.results, ?2 + 1, 1) WHEN 'p' THEN "
    "'pass' ELSE 'na' END, v.document_id, v.commit_id, CASE "
    "substr(c.results, ?2 + 1, 1) WHEN 'p' THEN '' ELSE ?3 END FROM "
    "audit_case c LEFT JOIN audit_version v ON v.audit_id = c.audit_id AND "
    "v.vid = c.vid WHERE c.audit_id = ?1 AND ((?6 AND substr(c.results, "
    "?2 + 1, 1) = 'p') OR (?7 AND ?3 IS NOT NULL AND substr(c.results, "
    "?2 + 1, 1) = 'n')) AND NOT EXISTS (SELECT 1 FROM finding f WHERE "
    "f.audit_id = ?1 AND f.pos = ?2 AND f.subject = c.case_id) AND ((?4 IS "
    "NULL AND ?5 IS NULL) OR EXISTS (SELECT 1 FROM case_rec r WHERE "
    "r.case_id = c.case_id AND (?4 IS NULL OR r.window = ?4) AND (?5 IS "
    "NULL OR r.procedure_id = ?5))) ORDER BY c.case_id";

/* The filter's result as the statements' ?3 token. */
static const char *
filter_token(const struct cf_findings_filter *flt)
{
	if (flt->which == CF_FINDINGS_ALL)
		return "all";
	if (flt->which == CF_FINDINGS_ONE)
		return result_text[flt->result];
	return "default";
}

static bool
filter_wants(const struct cf_findings_filter *flt, enum cf_result r)
{
	return flt->which == CF_FINDINGS_ALL ||
	    (flt->which == CF_FINDINGS_ONE && flt->result == r);
}

static void
bind_or_null(sqlite3_stmt *s, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, i);
}

static void
bind_filter(sqlite3_stmt *s, int64_t id, int pos,
    const struct cf_findings_filter *flt)
{
	sqlite3_reset(s);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int(s, 2, pos);
	sqlite3_bind_text(s, 3, filter_token(flt), -1, SQLITE_STATIC);
	bind_or_null(s, 4, flt->window);
	bind_or_null(s, 5, flt->procedure);
}

/* Whether the check at `pos` of type `type` has results in case rows the
 * filter asks for; binds the case statement for it when it has. */
static bool
bind_cases(sqlite3_stmt *cs, int64_t id, int pos, const char *type,
    const struct cf_findings_filter *flt)
{
	bool pass = filter_wants(flt, CF_RESULT_PASS);
	bool na = filter_wants(flt, CF_RESULT_NA);
	const char *quiet;

	if (!cf_check_type_name_is_case(type) || !(pass || (na &&
	    cf_check_quiet_na(type))))
		return false;
	quiet = cf_check_quiet_na(type);
	bind_filter(cs, id, pos, flt);
	bind_or_null(cs, 3, quiet);
	sqlite3_bind_int(cs, 6, pass);
	sqlite3_bind_int(cs, 7, na);
	return true;
}

int
cf_auditdb_findings_page(struct cf_store *st, int64_t id,
    const struct cf_findings_filter *flt, int64_t offset, int64_t limit,
    cf_auditdb_fn fn, void *arg)
{
	struct cf_audit_checkrow *checks = NULL;
	sqlite3_stmt *fs = NULL, *cs = NULL;
	size_t n = 0;
	int64_t seen = 0, sent = 0;
	int rc;

	if ((rc = cf_auditdb_checks(st, id, &checks, &n)) < 0)
		return rc;
	if ((rc = cf_store_prepare(st, &fs, findings_sql)) < 0 ||
	    (rc = cf_store_prepare(st, &cs, case_results_sql)) < 0)
		goto out;
	for (size_t k = 0; k < n && rc == 0; k++) {
		int pos = checks[k].pos;
		int frc, crc = SQLITE_DONE;
		struct cf_auditdb_finding f;

		if (limit >= 0 && sent >= limit)
			break;
		if (flt->pos >= 0 && pos != flt->pos)
			continue;
		bind_filter(fs, id, pos, flt);
		frc = sqlite3_step(fs);
		if (bind_cases(cs, id, pos, checks[k].type, flt))
			crc = sqlite3_step(cs);
		/* Merge the two ordered streams by subject bytes. */
		while (rc == 0 && (frc == SQLITE_ROW || crc == SQLITE_ROW)) {
			bool take_f = frc == SQLITE_ROW &&
			    (crc != SQLITE_ROW ||
				strcmp((const char *)sqlite3_column_text(fs, 0),
				    (const char *)sqlite3_column_text(cs, 0)) <=
				    0);
			sqlite3_stmt *s = take_f ? fs : cs;
			if (seen++ >= offset) {
				if (limit >= 0 && sent >= limit)
					break;
				row_finding(s, pos, &f);
				rc = fn(&f, arg);
				sent++;
			}
			if (take_f)
				frc = sqlite3_step(fs);
			else
				crc = sqlite3_step(cs);
		}
		if (rc == 0 &&
		    ((frc != SQLITE_DONE && frc != SQLITE_ROW) ||
			(crc != SQLITE_DONE && crc != SQLITE_ROW)))
			rc = cf_store_error(st, "reading the findings");
	}
out:
	sqlite3_finalize(fs);
	sqlite3_finalize(cs);
	for (size_t k = 0; k < n; k++)
		cf_audit_checkrow_release(&checks[k]);
	free(checks);
	return rc;
}

int
cf_auditdb_findings(struct cf_store *st, int64_t id, bool all, cf_auditdb_fn fn,
    void *arg)
{
	const struct cf_findings_filter flt = {
		.pos = -1,
		.which = all ? CF_FINDINGS_ALL : CF_FINDINGS_DEFAULT,
	};

	return cf_auditdb_findings_page(st, id, &flt, 0, -1, fn, arg);
}

static int
count_capped(struct cf_store *st, sqlite3_stmt *s, int64_t *out)
{
	int rc = sqlite3_step(s);

	if (rc != SQLITE_ROW)
		return cf_store_error(st, "counting the findings");
	*out = sqlite3_column_int64(s, 0);
	return 0;
}

int
cf_auditdb_findings_count(struct cf_store *st, int64_t id,
    const struct cf_findings_filter *flt, int64_t cap, int64_t *out)
{
	struct cf_audit_checkrow *checks = NULL;
	sqlite3_stmt *fs = NULL, *cs = NULL;
	char *fsql = NULL, *csql = NULL;
	size_t n = 0;
	int64_t got = 0;
	int rc;

	*out = 0;
	if ((rc = cf_auditdb_checks(st, id, &checks, &n)) < 0)
		return rc;
	/* Without a window or a procedure the counts stored per check are
	 * the answer: no row is read. */
	if (flt->window == NULL && flt->procedure == NULL) {
		for (size_t k = 0; k < n; k++) {
			if (flt->pos >= 0 && checks[k].pos != flt->pos)
				continue;
			for (int r = 0; r < 4; r++)
				if (flt->which == CF_FINDINGS_ALL ||
				    (flt->which == CF_FINDINGS_ONE &&
					(int)flt->result == r) ||
				    (flt->which == CF_FINDINGS_DEFAULT &&
					(r == CF_RESULT_FAIL ||
					    r == CF_RESULT_ERROR)))
					*out += checks[k].n[r];
		}
		if (*out > cap)
			*out = cap;
		goto out;
	}
	/* The statements above without their order, capped: each reads at
	 * most `cap` rows of its primary key's range. */
	fsql = cf_xasprintf("SELECT count(*) FROM (SELECT 1 FROM (%.*s) "
				  "LIMIT ?8)",
	    (int)(strstr(findings_sql, " ORDER BY") - findings_sql),
	    findings_sql);
	csql = cf_xasprintf("SELECT count(*) FROM (SELECT 1 FROM (%.*s) "
				  "LIMIT ?8)",
	    (int)(strstr(case_results_sql, " ORDER BY") - case_results_sql),
	    case_results_sql);
	if ((rc = cf_store_prepare(st, &fs, fsql)) < 0 ||
	    (rc = cf_store_prepare(st, &cs, csql)) < 0)
		goto out;
	for (size_t k = 0; k < n && *out < cap; k++) {
		int pos = checks[k].pos;
		if (flt->pos >= 0 && pos != flt->pos)
			continue;
		bind_filter(fs, id, pos, flt);
		sqlite3_bind_int64(fs, 8, cap - *out);
		if ((rc = count_capped(st, fs, &got)) < 0)
			goto out;
		*out += got;
		if (*out < cap && bind_cases(cs, id, pos, checks[k].type, flt)) {
			sqlite3_bind_int64(cs, 8, cap - *out);
			if ((rc = count_capped(st, cs, &got)) < 0)
				goto out;
			*out += got;
		}
	}
out:
	sqlite3_finalize(fs);
	sqlite3_finalize(cs);
	free(fsql);
	free(csql);
	for (size_t k = 0; k < n; k++)
		cf_audit_checkrow_release(&checks[k]);
	free(checks);
	return rc;
}

int
cf_auditdb_failing(struct cf_store *st, int64_t id, int pos,
    cf_auditdb_subject_fn fn, void *arg)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = cf_store_prepare(st, &s,
		 "SELECT subject FROM finding WHERE audit_id = ?1 AND pos = ?2 "
		 "AND result = 'fail' ORDER BY subject")) < 0)
		return rc;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int(s, 2, pos);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if ((rc = fn((const char *)sqlite3_column_text(s, 0), arg)) !=
		    0)
			goto out;
	rc = rc == SQLITE_DONE ? 0 : cf_store_error(st, "reading an audit");
out:
	sqlite3_finalize(s);
	return rc;
}

int
cf_auditdb_finding_detail(struct cf_store *st, int64_t id, int pos,
    const char *subject, char **detail, char **result)
{
	sqlite3_stmt *s;
	int rc;

	*detail = NULL;
	*result = NULL;
	if ((rc = cf_store_prepare(st, &s,
		 "SELECT detail, result FROM finding WHERE audit_id = ?1 AND "
		 "pos = ?2 AND subject = ?3")) < 0)
		return rc;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int(s, 2, pos);
	sqlite3_bind_text(s, 3, subject, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*detail = cf_xstrdup((const char *)sqlite3_column_text(s, 0));
		*result = cf_xstrdup((const char *)sqlite3_column_text(s, 1));
		rc = 0;
	} else
		rc = rc == SQLITE_DONE ? 0
				       : cf_store_error(st, "reading an audit");
	sqlite3_finalize(s);
	return rc;
}

int
cf_auditdb_check_of(struct cf_store *st, int64_t id, const char *checklist,
    const char *check_id, int64_t *started_at, bool *ran, int64_t n[4])
{
	sqlite3_stmt *s;
	int rc;

	*started_at = 0;
	*ran = false;
	memset(n, 0, 4 * sizeof *n);
	if ((rc = cf_store_prepare(st, &s,
		 "SELECT a.started_at, c.n_pass, c.n_fail, c.n_na, c.n_error "
		 "FROM audit a LEFT JOIN audit_check c ON c.audit_id = a.id AND "
		 "c.check_id = ?2 WHERE a.id = ?1 AND a.checklist_id = ?3")) <
	    0)
		return rc;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, check_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, checklist, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*started_at = sqlite3_column_int64(s, 0);
		*ran = sqlite3_column_type(s, 1) != SQLITE_NULL;
		for (int i = 0; i < 4; i++)
			n[i] = sqlite3_column_int64(s, 1 + i);
		rc = 0;
	} else if (rc == SQLITE_DONE)
		rc = cf_error_set(CF_ENOTFOUND,
		    "audit %lld is not an audit of checklist %s", (long long)id,
		    checklist);
	else
		rc = cf_store_error(st, "reading an audit");
	sqlite3_finalize(s);
	return rc;
}

/* ---- reading for the reports ---- */

int
cf_auditdb_ids_between(struct cf_store *st, cf_day from, cf_day to,
    int64_t **out, size_t *n)
{
	sqlite3_stmt *s;
	size_t alloc = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = cf_store_prepare(st, &s,
		 "SELECT id FROM audit WHERE period_from <= ?2 AND period_to >= "
		 "?1 ORDER BY id")) < 0)
		return rc;
	sqlite3_bind_int(s, 1, from);
	sqlite3_bind_int(s, 2, to);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		CF_GROW(*out, *n + 1, alloc);
		(*out)[(*n)++] = sqlite3_column_int64(s, 0);
	}
	rc = rc == SQLITE_DONE ? 0 : cf_store_error(st, "reading the audits");
	sqlite3_finalize(s);
	return rc;
}

int
cf_auditdb_commits(struct cf_store *st, struct cf_strv *out)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = cf_store_prepare(st, &s,
		 "SELECT documents_commit FROM audit UNION SELECT "
		 "checklist_commit FROM audit UNION SELECT commit_id FROM "
		 "audit_version")) < 0)
		return rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const unsigned char *t = sqlite3_column_text(s, 0);
		if (t)
			cf_strv_push(out, (const char *)t);
	}
	rc = rc == SQLITE_DONE ? 0 : cf_store_error(st, "reading the audits");
	sqlite3_finalize(s);
	return rc;
}

int
cf_auditdb_each_cited(struct cf_store *st, cf_auditdb_cite_fn fn, void *arg)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = cf_store_prepare(st, &s,
		 "SELECT id, 'documents', documents_commit, 0 FROM audit UNION "
		 "SELECT id, 'checklist', checklist_commit, 1 FROM audit UNION "
		 "SELECT audit_id, min(document_id), commit_id, 2 FROM "
		 "audit_version GROUP BY audit_id, commit_id ORDER BY 1, 4, 2")) <
	    0)
		return rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *what = (const char *)sqlite3_column_text(s, 1);
		const char *commit = (const char *)sqlite3_column_text(s, 2);
		int stop = fn(sqlite3_column_int64(s, 0), what ? what : "",
		    commit ? commit : "", arg);
		if (stop != 0) {
			sqlite3_finalize(s);
			return stop;
		}
	}
	rc = rc == SQLITE_DONE ? 0 : cf_store_error(st, "reading the audits");
	sqlite3_finalize(s);
	return rc;
}

void
cf_auditdb_versions_free(struct cf_auditdb_version *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].document_id);
		free(v[i].commit);
	}
	free(v);
}

int
cf_auditdb_versions(struct cf_store *st, int64_t id,
    struct cf_auditdb_version **out, size_t *n)
{
	sqlite3_stmt *s;
	size_t alloc = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = cf_store_prepare(st, &s,
		 "SELECT v.document_id, v.commit_id, (SELECT count(*) FROM "
		 "audit_case c WHERE c.audit_id = v.audit_id AND c.vid = v.vid) "
		 "FROM audit_version v WHERE v.audit_id = ?1 ORDER BY "
		 "v.document_id, v.commit_id")) < 0)
		return rc;
	sqlite3_bind_int64(s, 1, id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		CF_GROW(*out, *n + 1, alloc);
		struct cf_auditdb_version *v = &(*out)[(*n)++];
		v->document_id = cf_store_col_dup(s, 0);
		v->commit = cf_store_col_dup(s, 1);
		v->cases = sqlite3_column_int64(s, 2);
	}
	rc = rc == SQLITE_DONE ? 0 : cf_store_error(st, "reading an audit");
	sqlite3_finalize(s);
	return rc;
}

void
cf_auditdb_tallies_free(struct cf_auditdb_tally *t, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(t[i].label);
	free(t);
}

int
cf_auditdb_windows(struct cf_store *st, int64_t id,
    struct cf_auditdb_tally **out, size_t *n)
{
	sqlite3_stmt *s;
	size_t alloc = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = cf_store_prepare(st, &s,
		 "SELECT r.window, sum(length(a.results) - "
		 "length(replace(a.results, 'p', ''))), sum(length(a.results) - "
		 "length(replace(a.results, 'f', ''))) FROM audit_case a JOIN "
		 "case_rec r ON r.case_id = a.case_id WHERE a.audit_id = ?1 "
		 "GROUP BY r.window ORDER BY r.window IS NULL, r.window")) < 0)
		return rc;
	sqlite3_bind_int64(s, 1, id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		CF_GROW(*out, *n + 1, alloc);
		struct cf_auditdb_tally *t = &(*out)[(*n)++];
		t->label = cf_store_col_dup(s, 0);
		t->pass = sqlite3_column_int64(s, 1);
		t->fail = sqlite3_column_int64(s, 2);
	}
	rc = rc == SQLITE_DONE ? 0 : cf_store_error(st, "reading an audit");
	sqlite3_finalize(s);
	return rc;
}

int
cf_auditdb_days(struct cf_store *st, int64_t id, int pos, cf_auditdb_day_fn fn,
    void *arg)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = cf_store_prepare(st, &s,
		 "SELECT r.accepted_day, sum(substr(a.results, ?2 + 1, 1) = "
		 "'p'), sum(substr(a.results, ?2 + 1, 1) = 'f') FROM audit_case "
		 "a JOIN case_rec r ON r.case_id = a.case_id WHERE a.audit_id = "
		 "?1 GROUP BY r.accepted_day ORDER BY r.accepted_day")) < 0)
		return rc;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int(s, 2, pos);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if ((rc = fn((cf_day)sqlite3_column_int(s, 0),
			 sqlite3_column_int64(s, 1), sqlite3_column_int64(s, 2),
			 arg)) != 0)
			goto out;
	rc = rc == SQLITE_DONE ? 0 : cf_store_error(st, "reading an audit");
out:
	sqlite3_finalize(s);
	return rc;
}

int
cf_auditdb_days_total(struct cf_store *st, int64_t id, int pos, cf_day lo,
    cf_day hi, int64_t *pass, int64_t *fail)
{
	static const char sql[] =
	    "SELECT sum(substr(a.results, ?2 + 1, 1) = 'p'), "
	    "sum(substr(a.results, ?2 + 1, 1) = 'f') FROM audit_case a "
	    "JOIN case_rec c ON c.case_id = a.case_id WHERE a.audit_id = "
	    "?1 AND c.accepted_day BETWEEN ?3 AND ?4";
	sqlite3_stmt *s;
	int rc;

	*pass = *fail = 0;
	if ((rc = cf_store_stmt(st, &s, sql)) < 0)
		return rc;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int(s, 2, pos);
	sqlite3_bind_int(s, 3, lo);
	sqlite3_bind_int(s, 4, hi);
	if (sqlite3_step(s) == SQLITE_ROW) {
		*pass = sqlite3_column_int64(s, 0);
		*fail = sqlite3_column_int64(s, 1);
		rc = 0;
	} else
		rc = cf_store_error(st, "reading an audit");
	sqlite3_reset(s);
	return rc;
}

/* Hands every (name, pass, fail) row of `s` to fn. */
static int
count_rows(struct cf_store *st, sqlite3_stmt *s, cf_auditdb_count_fn fn,
    void *arg)
{
	int rc;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if ((rc = fn((const char *)sqlite3_column_text(s, 0),
			 sqlite3_column_int64(s, 1), sqlite3_column_int64(s, 2),
			 arg)) != 0)
			return rc;
	return rc == SQLITE_DONE ? 0 : cf_store_error(st, "reading an audit");
}

int
cf_auditdb_by_document(struct cf_store *st, int64_t id, cf_auditdb_count_fn fn,
    void *arg)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = cf_store_prepare(st, &s,
		 "SELECT v.document_id, sum(length(a.results) - "
		 "length(replace(a.results, 'p', ''))), sum(length(a.results) - "
		 "length(replace(a.results, 'f', ''))) FROM audit_case a JOIN "
		 "audit_version v ON v.audit_id = a.audit_id AND v.vid = a.vid "
		 "WHERE a.audit_id = ?1 GROUP BY v.document_id")) < 0)
		return rc;
	sqlite3_bind_int64(s, 1, id);
	rc = count_rows(st, s, fn, arg);
	sqlite3_finalize(s);
	return rc;
}

int
cf_auditdb_by_subject(struct cf_store *st, int64_t id, cf_auditdb_count_fn fn,
    void *arg)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = cf_store_prepare(st, &s,
		 "SELECT f.subject, sum(f.result = 'pass'), sum(f.result = "
		 "'fail') FROM finding f JOIN audit_check c ON c.audit_id = "
		 "f.audit_id AND c.pos = f.pos WHERE f.audit_id = ?1 AND c.type "
		 "NOT IN ('on-time', 'fee', 'materials', 'steps', 'roles', "
		 "'four-eyes', 'in-force') GROUP BY f.subject")) < 0)
		return rc;
	sqlite3_bind_int64(s, 1, id);
	rc = count_rows(st, s, fn, arg);
	sqlite3_finalize(s);
	return rc;
}

/* ---- the window scorecard ---- */

int
cf_auditdb_measure(struct cf_store *st, int64_t audit, int pos,
    const char *check_id, int check_pos, int weight, int awards)
{
	static const char sql[] = "INSERT INTO audit_measure(audit_id, pos, "
				  "check_id, check_pos, weight, awards) "
				  "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	sqlite3_stmt *s;
	int rc;

	if ((rc = cf_store_stmt(st, &s, sql)) < 0)
		return rc;
	sqlite3_bind_int64(s, 1, audit);
	sqlite3_bind_int(s, 2, pos);
	sqlite3_bind_text(s, 3, check_id, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 4, check_pos);
	sqlite3_bind_int(s, 5, weight);
	sqlite3_bind_int(s, 6, awards);
	return step_done(st, s, "storing the audit's scorecard");
}

int
cf_auditdb_score(struct cf_store *st, int64_t audit, const char *window,
    int pos, int64_t num, int64_t den)
{
	static const char sql[] = "INSERT INTO audit_score(audit_id, window, "
				  "pos, num, den) VALUES (?1, ?2, ?3, ?4, ?5)";
	sqlite3_stmt *s;
	int rc;

	if ((rc = cf_store_stmt(st, &s, sql)) < 0)
		return rc;
	sqlite3_bind_int64(s, 1, audit);
	sqlite3_bind_text(s, 2, window, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 3, pos);
	sqlite3_bind_int64(s, 4, num);
	sqlite3_bind_int64(s, 5, den);
	return step_done(st, s, "storing the audit's scorecard");
}

void
cf_auditdb_scorecard_release(struct cf_auditdb_scorecard *sc)
{
	for (size_t i = 0; i < sc->nmeasures; i++)
		free(sc->measures[i].check_id);
	free(sc->measures);
	for (size_t i = 0; i < sc->nwindows; i++) {
		free(sc->windows[i].window);
		free(sc->windows[i].num);
		free(sc->windows[i].den);
	}
	free(sc->windows);
	memset(sc, 0, sizeof *sc);
}

int
cf_auditdb_scorecard(struct cf_store *st, int64_t id,
    struct cf_auditdb_scorecard *out)
{
	sqlite3_stmt *s;
	size_t alloc = 0;
	int rc;

	memset(out, 0, sizeof *out);
	if ((rc = cf_store_prepare(st, &s,
		 "SELECT check_id, check_pos, weight, awards FROM "
		 "audit_measure WHERE audit_id = ?1 ORDER BY pos")) < 0)
		return rc;
	sqlite3_bind_int64(s, 1, id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		CF_GROW(out->measures, out->nmeasures + 1, alloc);
		struct cf_score_measure_row *m =
		    &out->measures[out->nmeasures++];
		m->check_id = cf_store_col_dup(s, 0);
		m->check_pos = sqlite3_column_int(s, 1);
		m->weight = sqlite3_column_int(s, 2);
		out->awards = sqlite3_column_int(s, 3);
		out->has = true;
	}
	rc = rc == SQLITE_DONE ? 0 : cf_store_error(st, "reading an audit");
	sqlite3_finalize(s);
	if (rc < 0 || !out->has)
		return rc;
	if ((rc = cf_store_prepare(st, &s,
		 "SELECT window, pos, num, den FROM audit_score WHERE "
		 "audit_id = ?1 ORDER BY window, pos")) < 0)
		return rc;
	sqlite3_bind_int64(s, 1, id);
	alloc = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *w = (const char *)sqlite3_column_text(s, 0);
		int pos = sqlite3_column_int(s, 1);
		struct cf_score_window *x;
		if (out->nwindows == 0 ||
		    strcmp(out->windows[out->nwindows - 1].window, w) != 0) {
			CF_GROW(out->windows, out->nwindows + 1, alloc);
			x = &out->windows[out->nwindows++];
			x->window = cf_xstrdup(w);
			x->num = cf_xcalloc(out->nmeasures + 1,
			    sizeof *x->num);
			x->den = cf_xcalloc(out->nmeasures + 1,
			    sizeof *x->den);
		}
		x = &out->windows[out->nwindows - 1];
		if (pos >= 0 && (size_t)pos < out->nmeasures) {
			x->num[pos] = sqlite3_column_int64(s, 2);
			x->den[pos] = sqlite3_column_int64(s, 3);
		}
	}
	rc = rc == SQLITE_DONE ? 0 : cf_store_error(st, "reading an audit");
	sqlite3_finalize(s);
	if (rc < 0)
		cf_auditdb_scorecard_release(out);
	return rc;
}

/* ---- the binding ---- */

/* Prepares `sql` with ?1 = id (and ?2 = pos when pos >= 0). */
static int
bind_prepare(struct cf_store *st, sqlite3_stmt **s, const char *sql,
    int64_t id, int64_t pos)
{
	int rc = cf_store_prepare(st, s, sql);

	if (rc < 0)
		return rc;
	sqlite3_bind_int64(*s, 1, id);
	if (pos >= 0)
		sqlite3_bind_int64(*s, 2, pos);
	return 0;
}

static int
bind_digest(struct cf_store *st, struct cf_json *j, const char *key,
    const char *sql, int64_t id, int64_t pos)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = bind_prepare(st, &s, sql, id, pos)) < 0)
		return rc;
	rc = cf_rec_stmt_digest(st, s, j, key, "count");
	sqlite3_finalize(s);
	return rc;
}

/*
 * The digest `key` from the stream when its rows came in order (a
 * check that wrote nothing: no rows), else read back with `sql`.
 */
static int
bind_streamed(struct cf_store *st, struct cf_json *j, const char *key,
    struct sorted_digest *sd, bool seen, const char *sql, int64_t id,
    int64_t pos)
{
	char hex[CF_SHA256_HEX];

	if (seen && (!sd->used || sd->in_order)) {
		if (!sd->used) /* nothing written */
			sd_init(sd);
		int64_t n = sd->d.n;
		cf_recdigest_final(&sd->d, hex);
		sd->used = false;
		cf_rec_json_digest(j, key, "count", n, hex);
		return 0;
	}
	return bind_digest(st, j, key, sql, id, pos);
}

int
cf_auditdb_bind(struct cf_store *st, int64_t id, struct cf_auditdb_stream *ds,
    struct cf_json *j)
{
	struct cf_buf checks = CF_BUF_INIT;
	sqlite3_stmt *s = NULL;
	int rc;

	if ((rc = bind_prepare(st, &s, "SELECT * FROM audit WHERE id = ?1",
		 id, -1)) < 0)
		return rc;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		struct cf_json *h = cf_json_new();
		char *text;
		cf_rec_stmt_json(h, s, 0, sqlite3_column_count(s));
		text = cf_json_text(h);
		cf_json_raw(j, "audit", text);
		free(text);
		cf_json_free(h);
		rc = 0;
	} else if (rc == SQLITE_DONE)
		rc = cf_error_set(CF_ENOTFOUND, "audit %lld is not stored",
		    (long long)id);
	else
		rc = cf_store_error(st, "reading an audit");
	sqlite3_finalize(s);
	s = NULL;
	if (rc < 0)
		return rc;
	if ((rc = bind_digest(st, j, "batches",
		 "SELECT * FROM audit_batch WHERE audit_id = ?1 "
		 "ORDER BY sha256",
		 id, -1)) < 0 ||
	    (rc = bind_digest(st, j, "versions",
		 "SELECT * FROM audit_version WHERE audit_id = ?1 "
		 "ORDER BY vid",
		 id, -1)) < 0 ||
	    (rc = bind_streamed(st, j, "case_results", ds ? &ds->cases : NULL,
		 ds != NULL,
		 "SELECT * FROM audit_case WHERE audit_id = ?1 "
		 "ORDER BY case_id",
		 id, -1)) < 0)
		return rc;
	/* The scorecard, bound only by an audit that has one, so the
	 * entries of the audits stored before it keep their form. */
	if ((rc = bind_prepare(st, &s,
		 "SELECT 1 FROM audit_measure WHERE audit_id = ?1", id,
		 -1)) < 0)
		return rc;
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	s = NULL;
	if (rc == SQLITE_ROW) {
		if ((rc = bind_digest(st, j, "score_measures",
			 "SELECT * FROM audit_measure WHERE audit_id = ?1 "
			 "ORDER BY pos",
			 id, -1)) < 0 ||
		    (rc = bind_digest(st, j, "scores",
			 "SELECT * FROM audit_score WHERE audit_id = ?1 "
			 "ORDER BY window, pos",
			 id, -1)) < 0)
			return rc;
	} else if (rc != SQLITE_DONE)
		return cf_store_error(st, "reading an audit");
	if ((rc = bind_prepare(st, &s,
		 "SELECT * FROM audit_check WHERE audit_id = ?1 ORDER BY pos",
		 id, -1)) < 0)
		return rc;
	cf_buf_addc(&checks, '[');
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct cf_json *c = cf_json_new();
		char *text;
		int64_t pos = sqlite3_column_int64(s, 1);
		struct sorted_digest none;
		memset(&none, 0, sizeof none);
		struct sorted_digest *sd = ds && pos >= 0 &&
			(size_t)pos < ds->n
		    ? &ds->checks[pos]
		    : &none;
		cf_rec_stmt_json(c, s, 0, sqlite3_column_count(s));
		rc = bind_streamed(st, c, "findings", sd, ds != NULL,
		    "SELECT * FROM finding WHERE audit_id = ?1 AND pos = ?2 "
		    "ORDER BY subject",
		    id, pos);
		if (sd == &none)
			sd_release(&none);
		text = cf_json_text(c);
		cf_json_free(c);
		if (checks.len > 1)
			cf_buf_addc(&checks, ',');
		cf_buf_adds(&checks, text);
		free(text);
		if (rc < 0)
			break;
	}
	if (rc == SQLITE_DONE) {
		cf_buf_addc(&checks, ']');
		cf_json_raw(j, "checks", checks.s);
		rc = 0;
	} else if (rc >= 0)
		rc = cf_store_error(st, "reading an audit's checks");
	sqlite3_finalize(s);
	cf_buf_release(&checks);
	return rc;
}

int
cf_auditdb_orphans(struct cf_store *st, cf_auditdb_orphan_fn fn, void *arg)
{
	static const char sql[] =
	    "SELECT t, audit_id, count(*) FROM ("
	    " SELECT 'finding' AS t, audit_id FROM finding"
	    " UNION ALL SELECT 'audit_case', audit_id FROM audit_case"
	    " UNION ALL SELECT 'audit_check', audit_id FROM audit_check"
	    " UNION ALL SELECT 'audit_batch', audit_id FROM audit_batch"
	    " UNION ALL SELECT 'audit_version', audit_id FROM audit_version"
	    " UNION ALL SELECT 'ncr_subject', audit_id FROM ncr_subject"
	    " UNION ALL SELECT 'ncr_audit', audit_id FROM ncr_audit"
	    " UNION ALL SELECT 'audit_void', audit_id FROM audit_void"
	    " UNION ALL SELECT 'audit_measure', audit_id FROM audit_measure"
	    " UNION ALL SELECT 'audit_score', audit_id FROM audit_score)"
	    " WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.id = audit_id)"
	    " GROUP BY t, audit_id ORDER BY t, audit_id";
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
	rc = rc == SQLITE_DONE ? 0 : cf_store_error(st, "reading the audits");
	sqlite3_finalize(s);
	return rc;
}
