/* SPDX-License-Identifier: MIT */
/*
 * report.h - the reports auditors and managers read (doc/reports.md): the
 * audit report, the management-review input, and the helpers they share.
 *
 * Reports READ what is stored — audits and their findings, case
 * attributes, NCRs, the trail, committed documents — and never re-run a
 * check.  They write to a stream (the commands give them a temporary
 * file that is renamed into place when complete, core/paths.h), one
 * pass over the findings, so an audit of a million cases is reported in
 * constant memory.  The same stored data give the same bytes: nothing
 * in a report comes from the clock but what was stored.
 *
 * Formats: HTML (one self-contained page with inline CSS and SVG charts,
 * printable), XML (xmlTextWriter, valid against the RELAX NG schemas
 * shipped as report-audit.rng and report-review.rng), and for the audit
 * report CSV (the findings, exactly as `conform audit show ID --all
 * --format csv` prints them).
 */
#ifndef CF_REPORT_H
#define CF_REPORT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "conclusion.h"
#include "date.h"
#include "document.h"

struct cf_store;
struct cf_docindex;
struct cf_docversion;
struct cf_audit_checkrow;

enum cf_report_format {
	CF_REPORT_HTML,
	CF_REPORT_XML,
	CF_REPORT_CSV,
};

/*
 * Parses "html", "xml" or "csv" (csv only when `csv_ok`); NULL gives
 * `def`.  CF_EUSAGE otherwise.
 */
int cf_report_format_parse(enum cf_report_format *out, const char *s,
    enum cf_report_format def, bool csv_ok);

/* What a report reads from the workspace (all borrowed). */
struct cf_report_env {
	struct cf_store *st;
	struct cf_docindex *idx; /* the document history: checklist
				    objective and criteria, titles; NULL
				    leaves them out */
	const char *center;	 /* the auditee (config key `center`), or
				    NULL when not set */
	struct cf_repo *repo;	 /* the checkpoints (procedures/checkpoint.h);
				    NULL leaves them out */
};

/* The audit's conclusion (struct cf_audit_conclusion, cf_audit_conclude)
 * is audits/conclusion.h's. */

/*
 * Writes the report of stored audit `id` in `fmt` to `out`.
 * CF_ENOTFOUND "no audit N"; CF_ERROR on a write or database error.
 */
int cf_report_audit(FILE *out, const struct cf_report_env *env, int64_t id,
    enum cf_report_format fmt);

/*
 * The management-review input (ISO 9001 9.3) for the days from..to:
 * KPIs per month, the audits of the period, NCR status, overdue actions,
 * recurrences.  HTML or XML.
 */
int cf_report_review(FILE *out, const struct cf_report_env *env,
    struct cf_tz *tz, cf_day from, cf_day to, enum cf_report_format fmt);

/*
 * The `min` of a check of checklist `checklist` as committed at `commit`:
 * the check `check_id`, or with check_id NULL the first check of type
 * `type` (e.g. "on-time-rate").  True and *min when it has one; false
 * when the checklist, the check or its min is not found (env->idx NULL:
 * never).  The charts draw it as the target (doc/reports.md#charts).
 */
bool cf_report_check_min(const struct cf_report_env *env,
    const char *checklist, const char *commit, const char *type,
    const char *check_id, struct cf_ratio *min);

/*
 * What a check measured in an audit, as the charts and tables show it
 * (doc/reports.md#charts): a conformity for the checks that judge
 * subjects one by one, the measured rate for a period rate, the failing
 * subjects for an sql check.
 */
enum cf_measure_kind {
	CF_MEASURE_CONFORMITY, /* num passes of den judged */
	CF_MEASURE_RATE,	  /* a period rate: num/den measured (den 0: none) */
	CF_MEASURE_COUNT	  /* sql: num failing subjects; den 0: not judged */
};
struct cf_measure {
	enum cf_measure_kind kind;
	int64_t num, den;
	bool has_min; /* the check's `min`, as min_num/min_den */
	int64_t min_num, min_den;
};
/*
 * The measure of check row `c` of the audit with head `h`: the period
 * rates read their measured value back from their result, and their
 * `min` from the checklist as the audit ran it.
 */
struct cf_audit_head;
struct cf_audit_checkrow;
int cf_report_check_measure(const struct cf_report_env *env,
    const struct cf_audit_head *h, const struct cf_audit_checkrow *c,
    struct cf_measure *out);
/*
 * What a table prints for it: "99.5 %" (a conformity), "99.5 %（测定值
 * measured）" (a period rate), "2 个对象 subjects" (sql), "—" (nothing
 * judged or measured).
 */
void cf_measure_text(const struct cf_measure *m, char *buf, size_t size);
/* The class of its table cell: "num", or "num measured" (may wrap). */
const char *cf_measure_class(const struct cf_measure *m);

/* The months of a period: cf_month_label, cf_month_count and
 * cf_month_bounds are core/date.h's. */

/* ---- for the commands ---- */

/*
 * The report environment of a workspace: its store, its document index
 * (opened from main) and its timezone, and the center's name from the
 * config key `center` (NULL when unset or empty).  Close with
 * cf_report_ws_close (also after a failed open).
 */
struct cf_ws;
struct cf_repo;
struct cf_report_ws {
	struct cf_report_env env;
	struct cf_repo *repo;
	struct cf_docindex *idx;
	struct cf_tz *tz;
};

int cf_report_ws_open(struct cf_report_ws *w, struct cf_ws *ws);
void cf_report_ws_close(struct cf_report_ws *w);

/*
 * Runs `fn` on a stream for `path` and puts the result in place only
 * when `fn` returns 0 (a temporary file renamed onto `path`; nothing is
 * left behind on failure).  "-" writes to `out` instead.
 */
typedef int (*cf_report_fn)(FILE *f, void *arg);
int cf_report_write(const char *path, FILE *out, cf_report_fn fn, void *arg);

/*
 * The format of a report written to `path` with --format `fmt` (NULL
 * when not given; csv only when `csv_ok`), as doc/command-line.md#output-files
 * says: an extension (.html/.htm, .xml, .csv, any case) gives the format
 * when --format is absent and must match it when given; a name without
 * one (and "-", stdout) takes --format, else html.  CF_EUSAGE on an
 * unknown format, an extension naming none this report writes
 * (".xlsx"), or a mismatch.
 */
int cf_report_format_for(enum cf_report_format *out, const char *fmt,
    const char *path, bool csv_ok);

/* "html", "xml" or "csv". */
const char *cf_report_format_name(enum cf_report_format f);

/* ---- documents in force (shared by the review and the evidence pack) ---- */

struct cf_inforce {
	const struct cf_docversion *v; /* borrowed from the index */
	const struct cf_doc *doc;      /* parsed, borrowed from the index */
};

/*
 * Every document of `type` in force on `day`, by id (bytes): the version
 * in force on that day that is neither a deletion nor invalid.  Invalid
 * versions in force are counted in *ninvalid (may be NULL) and left out.
 * The caller frees *out (not what it points to).
 */
int cf_report_in_force(struct cf_docindex *idx, enum cf_doc_type type,
    cf_day day, struct cf_inforce **out, size_t *n, size_t *ninvalid);

/*
 * The catalogue KPIs of the procedures in force (doc/checks.md's two
 * definitions): on-the-spot procedures among those in force, and the
 * limit compression 1 - sum(committed) / sum(statutory) over commitment
 * procedures with both limits (as the fraction (S - C) / S).
 */
struct cf_proc_kpi {
	int64_t in_force, on_the_spot;
	int64_t with_limits, statutory, committed;
};

void
cf_proc_kpis(const struct cf_inforce *p, size_t n, struct cf_proc_kpi *out);

#endif
