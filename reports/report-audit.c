/* SPDX-License-Identifier: MIT */
/*
 * report-audit.c - the audit report (ISO 19011 6.5.1; see report.h).
 *
 * Contents, in the standard's order: objectives and criteria (the
 * checklist's <objective> and <criteria> as committed, and that commit),
 * scope and auditee (the scope glob, the document versions the audit
 * used, the center's name from the config), team (the stored actor),
 * dates (start and end, the audited period), the documents commit and
 * the data batches with their SHA-256, the sampling statement, the
 * results and conformity rate per check with three charts, the findings
 * with their evidence, the NCRs the audit raised or joined, the
 * conclusions and the sampling caveat.
 *
 * The head, the counts per check, the versions, windows and months are
 * small and read first; the findings are streamed from the store to the
 * output one at a time.  The HTML lists the fail and error findings only
 * (a page of a million passes helps nobody; it says how many results it
 * leaves out), the XML and CSV every finding.
 */
#include "conform.h"
#include "auditdb.h"
#include "auditprint.h"
#include "docindex.h"
#include "html.h"
#include "listing.h"
#include "ncr.h"
#include "report.h"
#include "store.h"
#include "svg.h"
#include "xmlw.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>

int
cf_report_format_parse(enum cf_report_format *out, const char *s,
    enum cf_report_format def, bool csv_ok)
{
	if (s == NULL)
		*out = def;
	else if (strcmp(s, "html") == 0)
		*out = CF_REPORT_HTML;
	else if (strcmp(s, "xml") == 0)
		*out = CF_REPORT_XML;
	else if (csv_ok && strcmp(s, "csv") == 0)
		*out = CF_REPORT_CSV;
	else
		return cf_error_set(CF_EUSAGE,
		    "unknown format '%s', expected %s", s,
		    csv_ok ? "html, xml or csv" : "html or xml");
	return 0;
}

/* ---- what the report reads before the findings ---- */

struct version_row {
	char *document_id, *commit, *title, *type;
	int64_t cases;
};

struct tally {
	char *label;
	int64_t pass, fail;
};

struct ncr_row {
	struct cf_ncr ncr;
	bool opened;	  /* by this audit (else joined) */
	int64_t subjects; /* failing subjects this audit added */
};

struct audit_data {
	struct cf_audit_head h;
	struct cf_audit_checkrow *checks;
	size_t nchecks;
	struct cf_strv sha, files;
	char *objective, *criteria; /* from the checklist as committed */
	struct version_row *versions;
	size_t nversions;
	struct tally *windows;
	size_t nwindows;
	int ontime_pos; /* -1: no on-time check */
	const char *ontime_id;
	struct tally *months;
	size_t nmonths;
	struct ncr_row *ncrs;
	size_t nncrs;
	struct cf_audit_conclusion concl;
	struct cf_tz *tz; /* the audit's own timezone */
};

static void
audit_data_release(struct audit_data *d)
{
	for (size_t i = 0; i < d->nchecks; i++)
		cf_audit_checkrow_release(&d->checks[i]);
	free(d->checks);
	cf_strv_release(&d->sha);
	cf_strv_release(&d->files);
	free(d->objective);
	free(d->criteria);
	for (size_t i = 0; i < d->nversions; i++) {
		free(d->versions[i].document_id);
		free(d->versions[i].commit);
		free(d->versions[i].title);
		free(d->versions[i].type);
	}
	free(d->versions);
	for (size_t i = 0; i < d->nwindows; i++)
		free(d->windows[i].label);
	free(d->windows);
	for (size_t i = 0; i < d->nmonths; i++)
		free(d->months[i].label);
	free(d->months);
	for (size_t i = 0; i < d->nncrs; i++)
		cf_ncr_release(&d->ncrs[i].ncr);
	free(d->ncrs);
	cf_tz_free(d->tz);
	cf_audit_head_release(&d->h);
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
read_checklist(const struct cf_report_env *env, struct audit_data *d)
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
read_versions(const struct cf_report_env *env, struct audit_data *d)
{
	struct cf_auditdb_version *rows = NULL;
	size_t n = 0;
	int rc;

	if ((rc = cf_auditdb_versions(env->st, d->h.id, &rows, &n)) < 0)
		return rc;
	d->versions = cf_xcalloc(n ? n : 1, sizeof *d->versions);
	for (size_t i = 0; i < n; i++) {
		struct version_row *v = &d->versions[d->nversions++];
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

/* Case-check results per window of the case (letters p and f). */
static int
read_windows(const struct cf_report_env *env, struct audit_data *d)
{
	struct cf_auditdb_tally *rows = NULL;
	size_t n = 0;
	int rc;

	if ((rc = cf_auditdb_windows(env->st, d->h.id, &rows, &n)) < 0)
		return rc;
	d->windows = cf_xcalloc(n ? n : 1, sizeof *d->windows);
	for (size_t i = 0; i < n; i++) {
		struct tally *t = &d->windows[d->nwindows++];
		t->label = rows[i].label ? rows[i].label /* taken over */
					 : cf_xstrdup("(not recorded)");
		t->pass = rows[i].pass;
		t->fail = rows[i].fail;
	}
	free(rows);
	return 0;
}

static int
month_day(cf_day day, int64_t pass, int64_t fail, void *arg)
{
	struct audit_data *d = arg;
	int k = cf_month_count(d->h.from, day) - 1;

	if (day < d->h.from || k < 0 || (size_t)k >= d->nmonths)
		return 0;
	d->months[k].pass += pass;
	d->months[k].fail += fail;
	return 0;
}

/* The first on-time check's results by the month of acceptance. */
static int
read_months(const struct cf_report_env *env, struct audit_data *d)
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

static int
read_ncrs(const struct cf_report_env *env, struct audit_data *d)
{
	struct cf_ncr_link *l = NULL;
	size_t n = 0;
	int rc;

	if ((rc = cf_ncrdb_of_audit(env->st, d->h.id, &l, &n)) < 0)
		return rc;
	d->ncrs = cf_xcalloc(n ? n : 1, sizeof *d->ncrs);
	for (size_t i = 0; i < n && rc == 0; i++) {
		struct ncr_row *r = &d->ncrs[d->nncrs];
		r->opened = l[i].opened;
		r->subjects = l[i].subjects;
		if ((rc = cf_ncr_get(env->st, l[i].number, &r->ncr)) == 0)
			d->nncrs++;
	}
	free(l);
	return rc;
}

static int
audit_data_load(const struct cf_report_env *env, int64_t id,
    struct audit_data *d)
{
	int rc;

	memset(d, 0, sizeof *d);
	if ((rc = cf_auditdb_head(env->st, id, &d->h)) < 0)
		return rc;
	if ((rc = cf_tz_open(&d->tz, d->h.timezone)) < 0)
		return rc;
	if ((rc = cf_auditdb_checks(env->st, id, &d->checks, &d->nchecks)) <
		0 ||
	    (rc = cf_auditdb_batches(env->st, id, &d->sha, &d->files)) < 0 ||
	    (rc = read_versions(env, d)) < 0 ||
	    (rc = read_windows(env, d)) < 0 || (rc = read_months(env, d)) < 0 ||
	    (rc = read_ncrs(env, d)) < 0)
		return rc;
	read_checklist(env, d);
	cf_audit_conclude(d->checks, d->nchecks, &d->concl);
	return 0;
}

/* ---- text shared by the formats ---- */

static void
format_instant(struct cf_tz *tz, int64_t sec, char *buf, size_t size)
{
	struct cf_time t = { sec, 0, cf_tz_offset(tz, sec), true };

	cf_time_format_iso(&t, buf, size);
}

static const struct cf_audit_checkrow *
check_at(const struct audit_data *d, int pos)
{
	for (size_t i = 0; i < d->nchecks; i++)
		if (d->checks[i].pos == pos)
			return &d->checks[i];
	return NULL;
}

static char *
sampling_text(const struct audit_data *d)
{
	if (!d->h.sampled)
		return cf_xasprintf("no sampling: every one of the %" PRId64
				    " cases of the period and scope was judged",
		    d->h.population);
	return cf_xasprintf("statistical attribute sample of %" PRId64
			    " of %" PRId64
			    " cases (the cases with the smallest SHA-256 of "
			    "'%s:<case id>'; confidence %s, tolerable "
			    "deviation rate %s, expected %s); case checks "
			    "judged the sample, rates every case; the upper "
			    "deviation limit at the stated confidence is given "
			    "per case check",
	    d->h.sample_size, d->h.population, d->h.seed ? d->h.seed : "",
	    d->h.confidence ? d->h.confidence : "?",
	    d->h.tolerable ? d->h.tolerable : "?",
	    d->h.expected ? d->h.expected : "?");
}

static char *
caveat_text(const struct audit_data *d)
{
	const char *common =
	    "The audit evidence is the case records imported into the "
	    "workspace (the batches listed, identified by their SHA-256) and "
	    "the documents committed at the commits named; what these "
	    "records do not hold (interviews, observation on site, paper "
	    "files) was not examined, and a record that is wrong at its "
	    "source is judged as recorded.";

	if (d->h.sampled)
		return cf_xasprintf(
		    "%s Case checks judged a sample of %" PRId64 " of %" PRId64
		    " cases: their results hold for the population only within "
		    "the upper deviation limits stated, at confidence %s; the "
		    "rates and the document checks judged every case and "
		    "document.",
		    common, d->h.sample_size, d->h.population,
		    d->h.confidence ? d->h.confidence : "?");
	return cf_xasprintf("%s Every case of the period and scope was judged; "
			    "no sampling risk applies.",
	    common);
}

static const char *
overall_text(const char *overall)
{
	if (strcmp(overall, "major-nonconformity") == 0)
		return "不符合 Not conforming: at least one major "
		       "nonconformity";
	if (strcmp(overall, "minor-nonconformity") == 0)
		return "基本符合 Conforming with minor nonconformities";
	return "符合 Conforming: no nonconformity found";
}

static char *
check_label(const struct cf_audit_checkrow *c)
{
	return cf_xasprintf("%s %s", c->check_id,
	    c->title ? c->title : c->type);
}

/* ---- HTML ---- */

struct html_ctx {
	FILE *f;
	const struct audit_data *d;
	int64_t rows;
};

static int
html_finding(const struct cf_auditdb_finding *fd, void *arg)
{
	struct html_ctx *x = arg;
	const struct cf_audit_checkrow *c = check_at(x->d, fd->pos);
	const char *res = cf_result_name(fd->result);
	char shortc[13] = "";

	if (fd->commit)
		snprintf(shortc, sizeof shortc, "%.12s", fd->commit);
	cf_html_tr(x->f);
	cf_html_td(x->f, c ? c->check_id : "?");
	cf_html_td(x->f, fd->subject);
	cf_html_td_class(x->f, res, res);
	cf_html_td(x->f, c ? c->severity : "");
	cf_html_td(x->f, c ? c->clause : "");
	cf_html_td(x->f, fd->document_id ? fd->document_id : "");
	cf_html_td_class(x->f, "id", shortc);
	cf_html_td(x->f, fd->detail);
	cf_html_tr_end(x->f);
	x->rows++;
	return ferror(x->f) ? cf_error_set(CF_ERROR, "cannot write the report")
			    : 0;
}

static void
html_charts(FILE *f, const struct audit_data *d)
{
	struct cf_buf b = CF_BUF_INIT;
	struct cf_point *p;
	size_t n = d->nchecks > d->nwindows ? d->nchecks : d->nwindows;
	char **labels;

	if (n < d->nmonths)
		n = d->nmonths;
	p = cf_xcalloc(n ? n : 1, sizeof *p);
	labels = cf_xcalloc(n ? n : 1, sizeof *labels);
	for (size_t i = 0; i < d->nchecks; i++) {
		labels[i] = check_label(&d->checks[i]);
		p[i].label = labels[i];
		p[i].num = d->checks[i].n[CF_RESULT_PASS];
		p[i].den = p[i].num + d->checks[i].n[CF_RESULT_FAIL];
	}
	cf_svg_bars(&b, "各检查项符合率 Conformity per check", p, d->nchecks);
	cf_html_figure(f, b.s, b.len);
	cf_buf_reset(&b);
	for (size_t i = 0; i < d->nwindows; i++) {
		p[i].label = d->windows[i].label;
		p[i].num = d->windows[i].pass;
		p[i].den = d->windows[i].pass + d->windows[i].fail;
	}
	if (d->nwindows) {
		cf_svg_bars(&b,
		    "各窗口办件符合率 Conformity of case checks per "
		    "window",
		    p, d->nwindows);
		cf_html_figure(f, b.s, b.len);
		cf_buf_reset(&b);
	} else
		cf_html_note(f, "No case was judged: no chart per window.");
	for (size_t i = 0; i < d->nmonths; i++) {
		p[i].label = d->months[i].label;
		p[i].num = d->months[i].pass;
		p[i].den = d->months[i].pass + d->months[i].fail;
	}
	if (d->ontime_pos >= 0) {
		char *t = cf_xasprintf("按月按时办结率 On-time rate per month "
				       "(check %s, by month of acceptance)",
		    d->ontime_id);
		cf_svg_trend(&b, t, p, d->nmonths);
		free(t);
		cf_html_figure(f, b.s, b.len);
	} else
		cf_html_note(f,
		    "The checklist has no on-time check: no "
		    "monthly on-time chart.");
	for (size_t i = 0; i < d->nchecks; i++)
		free(labels[i]);
	free(labels);
	free(p);
	cf_buf_release(&b);
}

static int
write_html(FILE *f, const struct cf_report_env *env, struct audit_data *d)
{
	char from[11], to[11], a[48], b[48], rate[32], *s, *title;
	struct html_ctx x = { f, d, 0 };
	int64_t listed = 0, unlisted = 0;
	int rc;

	cf_day_format(d->h.from, from);
	cf_day_format(d->h.to, to);
	title = cf_xasprintf("审核报告 Audit report %" PRId64 ": %s%s%s",
	    d->h.id, d->h.checklist_id, d->h.checklist_title ? " " : "",
	    d->h.checklist_title ? d->h.checklist_title : "");
	s = cf_xasprintf("%s%s%s to %s", env->center ? env->center : "",
	    env->center ? " · " : "", from, to);
	cf_html_begin(f, title, s);
	free(title);
	free(s);

	cf_html_section(f, "overview", "1 审核概况 Audit overview", 0);
	cf_html_facts_begin(f);
	s = cf_xasprintf("%" PRId64, d->h.id);
	cf_html_fact(f, "审核编号 Audit", s);
	free(s);
	cf_html_fact(f, "受审核方 Auditee", env->center);
	cf_html_fact(f, "审核目的 Objectives", d->objective);
	cf_html_fact(f, "审核准则 Criteria", d->criteria);
	s = cf_xasprintf("%s%s%s, commit %s", d->h.checklist_id,
	    d->h.checklist_title ? " " : "",
	    d->h.checklist_title ? d->h.checklist_title : "",
	    d->h.checklist_commit);
	cf_html_fact(f, "检查表 Checklist", s);
	free(s);
	s = cf_xasprintf("procedures matching '%s'; %zu document version%s used "
			 "(below)",
	    d->h.scope, d->nversions, d->nversions == 1 ? "" : "s");
	cf_html_fact(f, "审核范围 Scope", s);
	free(s);
	cf_html_fact(f, "审核组 Team", d->h.actor);
	format_instant(d->tz, d->h.started_at, a, sizeof a);
	format_instant(d->tz, d->h.finished_at, b, sizeof b);
	s = cf_xasprintf("started %s, finished %s", a, b);
	cf_html_fact(f, "审核日期 Dates", s);
	free(s);
	s = cf_xasprintf("%s to %s (acceptance dates, %s); %" PRId64
			 " cases in the period and scope",
	    from, to, d->h.timezone, d->h.population);
	cf_html_fact(f, "审核期间 Period", s);
	free(s);
	cf_html_fact(f, "文件版本 Documents commit", d->h.documents_commit);
	s = sampling_text(d);
	cf_html_fact(f, "抽样 Sampling", s);
	free(s);
	cf_html_facts_end(f);

	fputs("<h3>数据批次 Data batches</h3>\n", f);
	if (d->sha.n) {
		static const char *const cols[] = { "文件 File", "SHA-256" };
		cf_html_table_begin(f, cols, 2);
		for (size_t i = 0; i < d->sha.n; i++) {
			cf_html_tr(f);
			cf_html_td(f, d->files.v[i]);
			cf_html_td_class(f, "id", d->sha.v[i]);
			cf_html_tr_end(f);
		}
		cf_html_table_end(f);
	} else
		cf_html_note(f,
		    "No import batch was stored when the audit ran.");

	fputs("<h3>文件版本 Document versions used</h3>\n", f);
	if (d->nversions) {
		static const char *const cols[] = { "文件 Document",
			"类型 Type", "名称 Title", "版本 Commit",
			"办件 Cases judged" };
		cf_html_table_begin(f, cols, 5);
		for (size_t i = 0; i < d->nversions; i++) {
			const struct version_row *v = &d->versions[i];
			cf_html_tr(f);
			cf_html_td(f, v->document_id);
			cf_html_td(f, v->type ? v->type : "");
			cf_html_td(f, v->title ? v->title : "");
			cf_html_td_class(f, "id", v->commit);
			cf_html_td_int(f, v->cases);
			cf_html_tr_end(f);
		}
		cf_html_table_end(f);
	} else
		cf_html_note(f, "No document version was used.");
	cf_html_section_end(f);

	cf_html_section(f, "results", "2 各检查项结果 Results per check", 1);
	{
		static const char *const cols[] = { "检查 Check", "名称 Title",
			"类型 Type", "等级 Severity", "条款 Clause", "pass",
			"fail", "na", "error", "符合率 Conformity",
			"偏差上限 Upper deviation limit" };
		cf_html_table_begin(f, cols, 11);
		for (size_t i = 0; i < d->nchecks; i++) {
			const struct cf_audit_checkrow *c = &d->checks[i];
			cf_rate_text(c->n[CF_RESULT_PASS],
			    c->n[CF_RESULT_PASS] + c->n[CF_RESULT_FAIL], rate,
			    sizeof rate);
			cf_html_tr(f);
			cf_html_td(f, c->check_id);
			cf_html_td(f, c->title ? c->title : "");
			cf_html_td(f, c->type);
			cf_html_td(f, c->severity);
			cf_html_td(f, c->clause);
			for (int r = 0; r < 4; r++)
				cf_html_td_int(f, c->n[r]);
			cf_html_td_class(f, "num", rate);
			cf_html_td_class(f, "num",
			    c->upper_limit ? c->upper_limit : "");
			cf_html_tr_end(f);
			listed += c->n[CF_RESULT_FAIL] + c->n[CF_RESULT_ERROR];
			unlisted += c->n[CF_RESULT_PASS] + c->n[CF_RESULT_NA];
		}
		cf_html_table_end(f);
	}
	cf_html_note(f,
	    "Conformity = pass / (pass + fail), rounded half up to "
	    "one decimal; na (does not apply) and error (could not "
	    "be judged) are not counted.");
	html_charts(f, d);
	cf_html_section_end(f);

	cf_html_section(f, "findings", "3 审核发现 Findings and evidence", 1);
	s = cf_xasprintf("%" PRId64 " fail and error findings are listed; the "
			 "%" PRId64
			 " pass and na results are counted above and "
			 "listed in the XML and CSV reports.",
	    listed, unlisted);
	cf_html_note(f, s);
	free(s);
	{
		static const char *const cols[] = { "检查 Check",
			"对象 Subject", "结果 Result", "等级 Severity",
			"条款 Clause", "办事指南 Procedure", "版本 Commit",
			"证据 Evidence" };
		cf_html_table_begin(f, cols, 8);
		rc = cf_auditdb_findings(env->st, d->h.id, false, html_finding,
		    &x);
		cf_html_table_end(f);
		if (rc < 0)
			return rc;
	}
	if (x.rows == 0)
		cf_html_note(f, "No fail or error finding.");
	cf_html_section_end(f);

	cf_html_section(f, "ncrs", "4 不符合项报告 Nonconformity reports", 1);
	if (d->nncrs) {
		static const char *const cols[] = { "NCR", "检查 Check",
			"等级 Severity", "条款 Clause", "本次审核 This audit",
			"对象 Subjects", "状态 State", "再发 Recurrence of" };
		cf_html_table_begin(f, cols, 8);
		for (size_t i = 0; i < d->nncrs; i++) {
			const struct cf_ncr *n = &d->ncrs[i].ncr;
			char name[32], rec[32] = "";
			cf_ncr_name(n->number, name, sizeof name);
			if (n->recurrence_of)
				cf_ncr_name(n->recurrence_of, rec, sizeof rec);
			cf_html_tr(f);
			cf_html_td(f, name);
			cf_html_td(f, n->check_id);
			cf_html_td(f, n->severity);
			cf_html_td(f, n->clause);
			cf_html_td(f, d->ncrs[i].opened ? "raised" : "joined");
			cf_html_td_int(f, d->ncrs[i].subjects);
			cf_html_td(f, cf_ncr_state_name(n->state));
			cf_html_td(f, rec);
			cf_html_tr_end(f);
		}
		cf_html_table_end(f);
		cf_html_note(f,
		    "States are those of the register when this "
		    "report was written.");
	} else
		cf_html_note(f, "This audit raised or joined no NCR.");
	cf_html_section_end(f);

	cf_html_section(f, "conclusions", "5 审核结论 Conclusions", 1);
	cf_html_facts_begin(f);
	cf_html_fact(f, "总体结论 Overall", overall_text(d->concl.overall));
	s = cf_xasprintf("%d (%" PRId64 " failing subjects)", d->concl.major,
	    d->concl.major_subjects);
	cf_html_fact(f, "严重不符合 Major nonconformities", s);
	free(s);
	s = cf_xasprintf("%d (%" PRId64 " failing subjects)", d->concl.minor,
	    d->concl.minor_subjects);
	cf_html_fact(f, "一般不符合 Minor nonconformities", s);
	free(s);
	s = cf_xasprintf("%d", d->concl.observations);
	cf_html_fact(f, "观察项 Observations", s);
	free(s);
	cf_rate_text(d->concl.pass, d->concl.pass + d->concl.fail, rate,
	    sizeof rate);
	s = cf_xasprintf("%s (%" PRId64 " pass of %" PRId64 " judged results)",
	    rate, d->concl.pass, d->concl.pass + d->concl.fail);
	cf_html_fact(f, "符合程度 Degree of fulfilment", s);
	free(s);
	s = cf_xasprintf("%" PRId64 " results could not be judged (error); "
			 "each is listed with its reason",
	    d->concl.errors);
	cf_html_fact(f, "未决事项 Unresolved", s);
	free(s);
	s = caveat_text(d);
	cf_html_fact(f, "抽样说明 Sampling caveat", s);
	free(s);
	cf_html_facts_end(f);
	cf_html_section_end(f);
	cf_html_end(f);
	return 0;
}

/* ---- XML ---- */

struct xml_ctx {
	struct cf_xw *x;
	const struct audit_data *d;
};

static int
xml_finding(const struct cf_auditdb_finding *fd, void *arg)
{
	struct xml_ctx *c = arg;
	const struct cf_audit_checkrow *k = check_at(c->d, fd->pos);

	cf_xw_start(c->x, "finding");
	cf_xw_attr(c->x, "check", k ? k->check_id : "?");
	cf_xw_attr(c->x, "subject", fd->subject);
	cf_xw_attr(c->x, "result", cf_result_name(fd->result));
	cf_xw_attr(c->x, "severity", k ? k->severity : "observation");
	cf_xw_attr(c->x, "clause", k ? k->clause : "");
	cf_xw_attr(c->x, "procedure", fd->document_id);
	cf_xw_attr(c->x, "commit", fd->commit);
	if (fd->detail && *fd->detail)
		cf_xw_text(c->x, fd->detail);
	cf_xw_end(c->x);
	return c->x->bad ? cf_error_set(CF_ERROR, "cannot write the report")
			 : 0;
}

static void
xml_tallies(struct cf_xw *x, const char *outer, const char *inner,
    const char *key, const struct tally *t, size_t n)
{
	cf_xw_start(x, outer);
	for (size_t i = 0; i < n; i++) {
		cf_xw_start(x, inner);
		cf_xw_attr(x, key, t[i].label);
		cf_xw_attr_int(x, "pass", t[i].pass);
		cf_xw_attr_int(x, "fail", t[i].fail);
		cf_xw_attr_rate(x, "conformity", t[i].pass,
		    t[i].pass + t[i].fail);
		cf_xw_end(x);
	}
	cf_xw_end(x);
}

static int
write_xml(FILE *f, const struct cf_report_env *env, struct audit_data *d)
{
	xmlOutputBufferPtr ob = xmlOutputBufferCreateFile(f, NULL);
	struct cf_xw x = { NULL, false };
	struct xml_ctx c = { &x, d };
	char day[11], t[48], *s;
	int rc = 0;

	if (ob == NULL || (x.w = xmlNewTextWriter(ob)) == NULL) {
		if (ob)
			xmlOutputBufferClose(ob);
		return cf_error_set(CF_ERROR, "cannot write the report");
	}
	cf_xw_ok(&x, xmlTextWriterSetIndent(x.w, 1));
	cf_xw_ok(&x, xmlTextWriterSetIndentString(x.w, BAD_CAST "  "));
	cf_xw_ok(&x, xmlTextWriterStartDocument(x.w, NULL, "UTF-8", NULL));
	cf_xw_start(&x, "audit-report");
	cf_xw_attr(&x, "version", "1");
	cf_xw_attr_int(&x, "audit", d->h.id);
	cf_xw_elem(&x, "auditee", env->center);

	cf_xw_start(&x, "checklist");
	cf_xw_attr(&x, "id", d->h.checklist_id);
	cf_xw_attr(&x, "title", d->h.checklist_title);
	cf_xw_attr(&x, "commit", d->h.checklist_commit);
	cf_xw_elem(&x, "objective", d->objective);
	cf_xw_elem(&x, "criteria", d->criteria);
	cf_xw_end(&x);

	cf_xw_start(&x, "scope");
	cf_xw_attr(&x, "procedures", d->h.scope);
	for (size_t i = 0; i < d->nversions; i++) {
		const struct version_row *v = &d->versions[i];
		cf_xw_start(&x, "document");
		cf_xw_attr(&x, "id", v->document_id);
		cf_xw_attr(&x, "type", v->type);
		cf_xw_attr(&x, "commit", v->commit);
		cf_xw_attr_int(&x, "cases", v->cases);
		if (v->title)
			cf_xw_text(&x, v->title);
		cf_xw_end(&x);
	}
	cf_xw_end(&x);

	cf_xw_elem(&x, "auditor", d->h.actor);
	cf_xw_start(&x, "dates");
	format_instant(d->tz, d->h.started_at, t, sizeof t);
	cf_xw_attr(&x, "started", t);
	format_instant(d->tz, d->h.finished_at, t, sizeof t);
	cf_xw_attr(&x, "finished", t);
	cf_xw_end(&x);
	cf_xw_start(&x, "period");
	cf_day_format(d->h.from, day);
	cf_xw_attr(&x, "from", day);
	cf_day_format(d->h.to, day);
	cf_xw_attr(&x, "to", day);
	cf_xw_attr(&x, "timezone", d->h.timezone);
	cf_xw_attr_int(&x, "cases", d->h.population);
	cf_xw_end(&x);
	cf_xw_start(&x, "documents");
	cf_xw_attr(&x, "commit", d->h.documents_commit);
	cf_xw_end(&x);
	cf_xw_start(&x, "batches");
	for (size_t i = 0; i < d->sha.n; i++) {
		cf_xw_start(&x, "batch");
		cf_xw_attr(&x, "file", d->files.v[i]);
		cf_xw_attr(&x, "sha256", d->sha.v[i]);
		cf_xw_end(&x);
	}
	cf_xw_end(&x);
	cf_xw_start(&x, "sampling");
	cf_xw_attr(&x, "sampled", d->h.sampled ? "true" : "false");
	cf_xw_attr_int(&x, "population", d->h.population);
	if (d->h.sampled) {
		cf_xw_attr_int(&x, "size", d->h.sample_size);
		cf_xw_attr(&x, "seed", d->h.seed);
		cf_xw_attr(&x, "confidence", d->h.confidence);
		cf_xw_attr(&x, "tolerable", d->h.tolerable);
		cf_xw_attr(&x, "expected", d->h.expected);
	}
	s = sampling_text(d);
	cf_xw_text(&x, s);
	free(s);
	cf_xw_end(&x);

	cf_xw_start(&x, "checks");
	for (size_t i = 0; i < d->nchecks; i++) {
		const struct cf_audit_checkrow *k = &d->checks[i];
		cf_xw_start(&x, "check");
		cf_xw_attr(&x, "id", k->check_id);
		cf_xw_attr(&x, "type", k->type);
		cf_xw_attr(&x, "severity", k->severity);
		cf_xw_attr(&x, "clause", k->clause);
		cf_xw_attr(&x, "title", k->title);
		for (int r = 0; r < 4; r++)
			cf_xw_attr_int(&x, cf_result_name((enum cf_result)r),
			    k->n[r]);
		cf_xw_attr_rate(&x, "conformity", k->n[CF_RESULT_PASS],
		    k->n[CF_RESULT_PASS] + k->n[CF_RESULT_FAIL]);
		cf_xw_attr(&x, "upper-limit", k->upper_limit);
		cf_xw_end(&x);
	}
	cf_xw_end(&x);
	xml_tallies(&x, "windows", "window", "name", d->windows, d->nwindows);
	cf_xw_start(&x, "on-time-by-month");
	cf_xw_attr(&x, "check", d->ontime_pos >= 0 ? d->ontime_id : NULL);
	for (size_t i = 0; i < d->nmonths; i++) {
		cf_xw_start(&x, "month");
		cf_xw_attr(&x, "month", d->months[i].label);
		cf_xw_attr_int(&x, "pass", d->months[i].pass);
		cf_xw_attr_int(&x, "fail", d->months[i].fail);
		cf_xw_attr_rate(&x, "conformity", d->months[i].pass,
		    d->months[i].pass + d->months[i].fail);
		cf_xw_end(&x);
	}
	cf_xw_end(&x);

	cf_xw_start(&x, "findings");
	cf_xw_attr(&x, "listed", "all");
	if (!x.bad)
		rc = cf_auditdb_findings(env->st, d->h.id, true, xml_finding,
		    &c);
	cf_xw_end(&x);
	if (rc < 0)
		goto out;

	cf_xw_start(&x, "ncrs");
	for (size_t i = 0; i < d->nncrs; i++) {
		const struct cf_ncr *n = &d->ncrs[i].ncr;
		char name[32];
		cf_ncr_name(n->number, name, sizeof name);
		cf_xw_start(&x, "ncr");
		cf_xw_attr(&x, "number", name);
		cf_xw_attr(&x, "check", n->check_id);
		cf_xw_attr(&x, "severity", n->severity);
		cf_xw_attr(&x, "clause", n->clause);
		cf_xw_attr(&x, "this-audit",
		    d->ncrs[i].opened ? "raised" : "joined");
		cf_xw_attr_int(&x, "subjects", d->ncrs[i].subjects);
		cf_xw_attr(&x, "state", cf_ncr_state_name(n->state));
		if (n->recurrence_of) {
			cf_ncr_name(n->recurrence_of, name, sizeof name);
			cf_xw_attr(&x, "recurrence-of", name);
		}
		cf_xw_end(&x);
	}
	cf_xw_end(&x);

	cf_xw_start(&x, "conclusions");
	cf_xw_attr(&x, "overall", d->concl.overall);
	cf_xw_attr_int(&x, "major", d->concl.major);
	cf_xw_attr_int(&x, "minor", d->concl.minor);
	cf_xw_attr_int(&x, "observations", d->concl.observations);
	cf_xw_attr_int(&x, "errors", d->concl.errors);
	cf_xw_attr_int(&x, "pass", d->concl.pass);
	cf_xw_attr_int(&x, "fail", d->concl.fail);
	cf_xw_attr_rate(&x, "conformity", d->concl.pass,
	    d->concl.pass + d->concl.fail);
	cf_xw_text(&x, overall_text(d->concl.overall));
	cf_xw_end(&x);
	s = caveat_text(d);
	cf_xw_elem(&x, "caveat", s);
	free(s);
	cf_xw_end(&x);
	cf_xw_ok(&x, xmlTextWriterEndDocument(x.w));
out:
	xmlFreeTextWriter(x.w);
	if (rc == 0 && x.bad)
		rc = cf_error_set(CF_ERROR, "cannot write the report");
	return rc;
}

/* ---- CSV: the rows of `audit show --all --format csv` ---- */

struct csv_ctx {
	struct cf_listing *l;
	const struct audit_data *d;
};

static int
csv_finding(const struct cf_auditdb_finding *fd, void *arg)
{
	struct csv_ctx *c = arg;
	const struct cf_audit_checkrow *k = check_at(c->d, fd->pos);

	cf_listing_row(c->l);
	cf_listing_cell(c->l, k ? k->check_id : "?");
	cf_listing_cell(c->l, fd->subject);
	cf_listing_cell(c->l, cf_result_name(fd->result));
	cf_listing_cell(c->l, k ? k->severity : "");
	cf_listing_cell(c->l, k ? k->clause : "");
	cf_listing_cell(c->l, fd->document_id ? fd->document_id : "");
	cf_listing_cell(c->l, fd->commit ? fd->commit : "");
	cf_listing_cell(c->l, fd->detail);
	return 0;
}

static int
write_csv(FILE *f, const struct cf_report_env *env, struct audit_data *d)
{
	struct csv_ctx c = { NULL, d };
	int rc;

	c.l = cf_listing_new(f, CF_FORMAT_CSV, cf_finding_columns,
	    CF_FINDING_COLUMNS);
	rc = cf_auditdb_findings(env->st, d->h.id, true, csv_finding, &c);
	if (cf_listing_end(c.l) < 0 && rc == 0)
		rc = cf_error_set(CF_ERROR, "cannot write the report");
	return rc;
}

int
cf_report_audit(FILE *out, const struct cf_report_env *env, int64_t id,
    enum cf_report_format fmt)
{
	struct audit_data d;
	int rc;

	if ((rc = audit_data_load(env, id, &d)) < 0)
		goto out;
	switch (fmt) {
	case CF_REPORT_HTML:
		rc = write_html(out, env, &d);
		break;
	case CF_REPORT_XML:
		rc = write_xml(out, env, &d);
		break;
	case CF_REPORT_CSV:
		rc = write_csv(out, env, &d);
		break;
	}
	if (rc == 0 && (fflush(out) != 0 || ferror(out)))
		rc = cf_error_set(CF_ERROR, "cannot write the report");
out:
	audit_data_release(&d);
	return rc;
}
