/* SPDX-License-Identifier: MIT */
/*
 * auditdb.h - stored audits: writing one (inside the caller's single
 * transaction) and reading them back in the order doc/audits.md prints them.
 *
 * Layout (store migration 4): the audit's head (checklist and its
 * commit, documents commit, period, scope, sampling, times, actor), its
 * import batches, one row per check with the counts per result, the
 * document versions used (numbered per audit), one row per judged case
 * with one result letter per check, and a finding row for every result
 * but the passes of case checks.  A million cases cost a million short
 * case rows rather than several million finding rows; the passes are
 * rebuilt from the case rows when --all asks for them (they carry no
 * detail: a pass needs no action).
 *
 * Readers get findings ordered by the check's position in the checklist,
 * then by subject as bytes.
 */
#ifndef CF_AUDITDB_H
#define CF_AUDITDB_H

#include <stdbool.h>
#include <stdint.h>

#include "checks.h"
#include "date.h"

struct cf_store;

struct cf_audit_head {
	int64_t id;
	char *checklist_id;
	char *checklist_title; /* NULL when none */
	char checklist_commit[41];
	char documents_commit[41];
	cf_day from, to;
	char *scope;
	int64_t population; /* cases of the period and scope */
	bool sampled;
	int64_t sample_size;
	char *seed, *confidence, *tolerable, *expected; /* when sampled */
	int64_t started_at, finished_at;
	char *actor;
	char *timezone;
	/*
	 * The highest import batch id when the audit started (0: none was
	 * imported); -1 for an audit stored before audits kept it (NULL).
	 * `audit run --as-of` re-runs over the batches up to it
	 * (doc/audits.md).
	 */
	int64_t last_batch;
	/*
	 * A void audit (audit_void, doc/audits.md "Voiding an audit"): why,
	 * when and by whom; void_reason is NULL for an audit in force.
	 */
	char *void_reason, *void_actor;
	int64_t void_at;
};

void cf_audit_head_release(struct cf_audit_head *h);

struct cf_audit_checkrow {
	int pos;
	char *check_id, *type, *severity, *clause, *title;
	int64_t n[4];	   /* by enum cf_result */
	char *upper_limit; /* sampled case checks: the upper deviation
			      limit at the stated confidence, or NULL */
};

void cf_audit_checkrow_release(struct cf_audit_checkrow *c);

/* The letter of a result in a case row: p, f, n or e. */
char cf_result_letter(enum cf_result r);

/* ---- writing (the caller holds the write transaction) ---- */

/* Inserts the head; head->id receives the new id. */
int cf_auditdb_insert(struct cf_store *st, struct cf_audit_head *head);
/* Writes the head's finishing time, population and sample size. */
int cf_auditdb_finished(struct cf_store *st, const struct cf_audit_head *head);
int cf_auditdb_batch(struct cf_store *st, int64_t audit, const char *sha256,
    const char *file);
int cf_auditdb_check(struct cf_store *st, int64_t audit,
    const struct cf_audit_checkrow *c);
int cf_auditdb_version(struct cf_store *st, int64_t audit, int vid,
    const char *document_id, const char *commit);
/* `results`: one letter per check (p f n e, '-' when not a case check). */
int cf_auditdb_case(struct cf_store *st, int64_t audit, const char *case_id,
    int vid, const char *results);
/* vid < 0: no version was used. */
int cf_auditdb_finding(struct cf_store *st, int64_t audit, int pos,
    const char *subject, enum cf_result r, int vid, const char *detail);

/*
 * The digests of an audit's case results and findings, kept as they are
 * written (doc/integrity.md), so binding the audit need not read a
 * million rows back.  The audit hands every write of both tables to
 * the _streamed functions; cf_auditdb_bind() then takes a digest from
 * the stream where the rows came in the digest's order (case id; per
 * check, subject) and reads back only the checks whose findings did
 * not (the document checks, a few rows).
 */
struct cf_auditdb_stream;
struct cf_auditdb_stream *cf_auditdb_stream_new(void);
void cf_auditdb_stream_free(struct cf_auditdb_stream *s);
int cf_auditdb_case_streamed(struct cf_store *st, struct cf_auditdb_stream *ds,
    int64_t audit, const char *case_id, int vid, const char *results);
int cf_auditdb_finding_streamed(struct cf_store *st,
    struct cf_auditdb_stream *ds, int64_t audit, int pos, const char *subject,
    enum cf_result r, int vid, const char *detail);

/* ---- reading ---- */

int cf_auditdb_head(struct cf_store *st, int64_t id, struct cf_audit_head *out);

/* Every check row of an audit, in checklist order. */
int cf_auditdb_checks(struct cf_store *st, int64_t id,
    struct cf_audit_checkrow **out, size_t *n);

/* The ids of every stored audit, oldest first. */
int cf_auditdb_ids(struct cf_store *st, int64_t **out, size_t *n);
/* The void audits (void_ones) or those in force, by id. */
int cf_auditdb_ids_void(struct cf_store *st, bool void_ones, int64_t **out,
    size_t *n);

/* The batches (sha256, file) of an audit, ordered by file then hash. */
int cf_auditdb_batches(struct cf_store *st, int64_t id, struct cf_strv *sha,
    struct cf_strv *files);

struct cf_auditdb_finding {
	int pos;
	const char *subject;
	enum cf_result result;
	const char *document_id; /* NULL when no version was used */
	const char *commit;	 /* NULL when no version was used */
	const char *detail;
};

/*
 * Calls `fn` for the findings of audit `id` in doc/audits.md order: fail and
 * error only, or with `all` every finding.  A non-zero return from `fn`
 * stops the walk and is returned.
 */
typedef int (*cf_auditdb_fn)(const struct cf_auditdb_finding *f, void *arg);
int cf_auditdb_findings(struct cf_store *st, int64_t id, bool all,
    cf_auditdb_fn fn, void *arg);

/*
 * A page of the findings, for the web application's audit page: those
 * of one check (`pos`, -1 for every check), of a result (`which`: fail
 * and error as `audit show` lists them, every one as with --all, or
 * only `result`), on the cases of one window and of one procedure (the
 * case record's; NULL: any, and a subject that is no case never
 * matches either).  Same order as cf_auditdb_findings, which is the
 * walk with no filter.
 */
enum cf_findings_which {
	CF_FINDINGS_DEFAULT, /* fail and error */
	CF_FINDINGS_ALL,     /* every finding, passes included */
	CF_FINDINGS_ONE,     /* only `result` */
};

struct cf_findings_filter {
	int pos;
	enum cf_findings_which which;
	enum cf_result result;
	const char *window, *procedure;
};

/* Skips `offset` findings of the filter and calls `fn` with at most
 * `limit` of the next (< 0: every one). */
int cf_auditdb_findings_page(struct cf_store *st, int64_t id,
    const struct cf_findings_filter *flt, int64_t offset, int64_t limit,
    cf_auditdb_fn fn, void *arg);
/* How many findings the filter selects, counting at most `cap` (*out ==
 * cap: at least that many).  Without a window or procedure it is the
 * check rows' stored counts, read in constant time; with one, matching
 * rows are read, at most `cap`. */
int cf_auditdb_findings_count(struct cf_store *st, int64_t id,
    const struct cf_findings_filter *flt, int64_t cap, int64_t *out);

/*
 * Calls `fn` with the subject of every fail of check `pos` of audit
 * `id` (the subjects an NCR lists), by subject.  A non-zero return from
 * `fn` stops the walk and is returned.
 */
typedef int (*cf_auditdb_subject_fn)(const char *subject, void *arg);
int cf_auditdb_failing(struct cf_store *st, int64_t id, int pos,
    cf_auditdb_subject_fn fn, void *arg);

/*
 * The detail of the finding of check `pos` of audit `id` on `subject`
 * (e.g. "*" for a period rate, which carries its measured value) and
 * its result; *detail NULL when there is no such finding.  The caller
 * frees *detail.
 */
int cf_auditdb_finding_detail(struct cf_store *st, int64_t id, int pos,
    const char *subject, char **detail, char **result);

/*
 * Check `check_id` as audit `id` ran it, for the verification of an
 * action: CF_ENOTFOUND when `id` is no audit of checklist `checklist`;
 * otherwise the audit's start and, when it ran the check (*ran), the
 * check's counts by enum cf_result (zeros when it did not).
 */
int cf_auditdb_check_of(struct cf_store *st, int64_t id, const char *checklist,
    const char *check_id, int64_t *started_at, bool *ran, int64_t n[4]);

/* ---- reading for the reports ---- */

/* The ids of the audits whose audited period overlaps from..to, oldest
 * first. */
int cf_auditdb_ids_between(struct cf_store *st, cf_day from, cf_day to,
    int64_t **out, size_t *n);

/* Every commit the stored audits name (documents, checklist and version
 * commits), each once, in no particular order. */
int cf_auditdb_commits(struct cf_store *st, struct cf_strv *out);

/*
 * Every commit each stored audit cites, once per audit and commit, by
 * audit id: `what` is "documents", "checklist" or the id of a document
 * whose version it used (doc/integrity.md, "History"); by audit, then
 * documents, checklist, versions.
 */
typedef int (*cf_auditdb_cite_fn)(int64_t audit, const char *what,
    const char *commit, void *arg);
int cf_auditdb_each_cited(struct cf_store *st, cf_auditdb_cite_fn fn,
    void *arg);

/* A document version an audit used, with the cases judged by it. */
struct cf_auditdb_version {
	char *document_id, *commit;
	int64_t cases;
};

/* The versions audit `id` used, by document then commit.  Free with
 * cf_auditdb_versions_free. */
int cf_auditdb_versions(struct cf_store *st, int64_t id,
    struct cf_auditdb_version **out, size_t *n);
void cf_auditdb_versions_free(struct cf_auditdb_version *v, size_t n);

/* Pass and fail counts under a label. */
struct cf_auditdb_tally {
	char *label; /* NULL: the cases did not record one */
	int64_t pass, fail;
};

/*
 * The case-check results of audit `id` per window of the case (the
 * case record's window), by window with the unrecorded last.  Free with
 * cf_auditdb_tallies_free.
 */
int cf_auditdb_windows(struct cf_store *st, int64_t id,
    struct cf_auditdb_tally **out, size_t *n);
void cf_auditdb_tallies_free(struct cf_auditdb_tally *t, size_t n);

/*
 * Calls `fn` with the pass and fail results (np, nf) of case check
 * `pos` of audit `id` per acceptance day of the cases, by day.
 */
typedef int (*cf_auditdb_day_fn)(cf_day d, int64_t np, int64_t nf, void *arg);
int cf_auditdb_days(struct cf_store *st, int64_t id, int pos,
    cf_auditdb_day_fn fn, void *arg);

/* The pass and fail results of case check `pos` of audit `id` for the
 * cases accepted from `lo` to `hi`. */
int cf_auditdb_days_total(struct cf_store *st, int64_t id, int pos, cf_day lo,
    cf_day hi, int64_t *pass, int64_t *fail);

/*
 * Calls `fn` with a name and pass and fail counts, in no particular
 * order (a name may come more than once in the second walk):
 *   cf_auditdb_by_document: every case check's results of audit `id`,
 *     per document of the version each case was judged by;
 *   cf_auditdb_by_subject: the results of the checks that are not case
 *     checks, per finding subject.
 */
typedef int (*cf_auditdb_count_fn)(const char *name, int64_t pass, int64_t fail,
    void *arg);
int cf_auditdb_by_document(struct cf_store *st, int64_t id,
    cf_auditdb_count_fn fn, void *arg);
int cf_auditdb_by_subject(struct cf_store *st, int64_t id,
    cf_auditdb_count_fn fn, void *arg);

/*
 * What the audit's trail entry binds (doc/integrity.md), read from the
 * store and added to `j`: "audit" (the head row, every column),
 * "batches" and "versions" ({"count", "digest"} of its audit_batch rows
 * by sha256, audit_version rows by vid), "checks" (per audit_check row
 * by pos: every column and "findings", the count and digest of its
 * finding rows by subject) and "case_results" (its audit_case rows by
 * case_id).  The audit writes the entry from it and `trail verify`
 * compares it with the entry, so the two cannot disagree on the form.
 * `ds`: the stream of the audit just written (its digests are used and
 * spent), or NULL to read everything from the store.  CF_ENOTFOUND when there is no such audit.
 */
/*
 * Marks audit `id` void (inside the caller's transaction); its rows stay.
 * CF_ENOTFOUND when there is no such audit, CF_EEXISTS when it is void
 * already.
 */
int cf_auditdb_set_void(struct cf_store *st, int64_t id, const char *reason,
    int64_t at, const char *actor);

/*
 * What an audit.void trail entry binds: the audit_void row of audit
 * `id`, every column by name, added to `j` as "void".  CF_ENOTFOUND
 * when the audit is not void.
 */
struct cf_json;
int cf_auditdb_bind_void(struct cf_store *st, int64_t id, struct cf_json *j);

/* The void audits, by id: fn(id, arg); a non-zero return stops. */
typedef int (*cf_auditdb_id_fn)(int64_t id, void *arg);
int cf_auditdb_voids(struct cf_store *st, cf_auditdb_id_fn fn, void *arg);

int cf_auditdb_bind(struct cf_store *st, int64_t id,
    struct cf_auditdb_stream *ds, struct cf_json *j);

/* ---- the window scorecard (doc/checks.md "The window scorecard") ---- */

/* Measure `pos` of the audit's scorecard: check `check_id` at position
 * `check_pos` of the checklist, its weight, and the scorecard's awards. */
int cf_auditdb_measure(struct cf_store *st, int64_t audit, int pos,
    const char *check_id, int check_pos, int weight, int awards);
/* The counts of measure `pos` over the cases of `window`: the value is
 * num/den, none when den is 0. */
int cf_auditdb_score(struct cf_store *st, int64_t audit, const char *window,
    int pos, int64_t num, int64_t den);

struct cf_score_measure_row {
	char *check_id;
	int check_pos;
	int weight;
};

struct cf_score_window {
	char *window;
	int64_t *num, *den; /* per measure */
};

struct cf_auditdb_scorecard {
	bool has; /* the audit's checklist had a scorecard */
	int awards;
	struct cf_score_measure_row *measures;
	size_t nmeasures;
	struct cf_score_window *windows; /* by window as bytes */
	size_t nwindows;
};

/* The stored scorecard of audit `id` (has false: it had none). */
int cf_auditdb_scorecard(struct cf_store *st, int64_t id,
    struct cf_auditdb_scorecard *out);
void cf_auditdb_scorecard_release(struct cf_auditdb_scorecard *sc);

/*
 * Rows that name an audit that is not stored (a finding, a case result,
 * a check, a batch, a version or an NCR link added outside conform, or
 * left when its audit was deleted): fn(table, audit_id, rows, arg) per
 * table and audit id; a non-zero return stops and is returned.
 */
typedef int (*cf_auditdb_orphan_fn)(const char *table, int64_t id,
    int64_t rows, void *arg);
int cf_auditdb_orphans(struct cf_store *st, cf_auditdb_orphan_fn fn,
    void *arg);

#endif
