/* SPDX-License-Identifier: MIT */
/*
 * report-audit-html.c - the audit report as one self-contained HTML page
 * (see report-audit.c): inline CSS, three SVG charts, the fail and
 * error findings streamed into their table.
 */
#include "conform.h"
#include "auditprint.h"
#include "html.h"
#include "report-audit-impl.h"
#include "svg.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

struct html_ctx {
	FILE *f;
	const struct cf_ra_data *d;
	int64_t rows;
};

static int
html_finding(const struct cf_auditdb_finding *fd, void *arg)
{
	struct html_ctx *x = arg;
	const struct cf_audit_checkrow *c = cf_ra_check_at(x->d, fd->pos);
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

/*
 * The charts (doc/reports.md#charts): the conformity of every check that
 * judges subjects one by one and the measured value of each period rate
 * against its `min`; the failing subjects of the sql checks, a count;
 * the conformity per window; the on-time rate per month, against the
 * on-time-rate check's `min` when the checklist has one.
 */
static int
html_charts(FILE *f, const struct cf_report_env *env,
    const struct cf_ra_data *d)
{
	struct cf_buf b = CF_BUF_INIT;
	struct cf_point *p, *q;
	size_t n = d->nchecks > d->nwindows ? d->nchecks : d->nwindows, np = 0,
	       nq = 0;
	struct cf_ra_measure *m;
	bool has_min = false;
	int64_t min_num = 0, min_den = 0;
	char **labels;
	int rc;

	if ((rc = cf_ra_measures(env, d, &m)) < 0)
		return rc;
	if (n < d->nmonths)
		n = d->nmonths;
	p = cf_xcalloc(n ? n : 1, sizeof *p);
	q = cf_xcalloc(n ? n : 1, sizeof *q);
	labels = cf_xcalloc(n ? n : 1, sizeof *labels);
	for (size_t i = 0; i < d->nchecks; i++) {
		struct cf_point *t = m[i].kind == CF_RA_COUNT ? &q[nq++]
							      : &p[np++];
		labels[i] = cf_ra_check_label(&d->checks[i]);
		t->label = labels[i];
		t->num = m[i].num;
		t->den = m[i].den;
		t->has_min = m[i].has_min;
		t->min_num = m[i].min_num;
		t->min_den = m[i].min_den;
		if (m[i].has_min &&
		    strcmp(d->checks[i].type, "on-time-rate") == 0 && !has_min) {
			has_min = true;
			min_num = m[i].min_num;
			min_den = m[i].min_den;
		}
	}
	cf_svg_bars(&b,
	    "各检查项符合率（比率类为测定值）Conformity per check, measured "
	    "value for the rates",
	    p, np);
	cf_html_figure(f, b.s, b.len);
	cf_buf_reset(&b);
	if (nq) {
		cf_svg_counts(&b,
		    "SQL 检查的不符合对象数 Failing subjects per sql check", q,
		    nq, "个对象 subjects");
		cf_html_figure(f, b.s, b.len);
		cf_buf_reset(&b);
	}
	memset(p, 0, n * sizeof *p);
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
	memset(p, 0, n * sizeof *p);
	for (size_t i = 0; i < d->nmonths; i++) {
		p[i].label = d->months[i].label;
		p[i].num = d->months[i].pass;
		p[i].den = d->months[i].pass + d->months[i].fail;
		p[i].has_min = has_min;
		p[i].min_num = min_num;
		p[i].min_den = min_den;
	}
	if (d->ontime_pos >= 0) {
		const struct cf_audit_checkrow *c = cf_ra_check_at(d,
		    d->ontime_pos);
		char *t = cf_xasprintf("按月按时办结率 On-time rate per month "
				       "(check %s%s%s, by month of acceptance)",
		    d->ontime_id, c && c->title ? " " : "",
		    c && c->title ? c->title : "");
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
	free(q);
	free(m);
	cf_buf_release(&b);
	return 0;
}

int
cf_ra_write_html(FILE *f, const struct cf_report_env *env, struct cf_ra_data *d)
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
	cf_ra_instant(d->tz, d->h.started_at, a, sizeof a);
	cf_ra_instant(d->tz, d->h.finished_at, b, sizeof b);
	s = cf_xasprintf("started %s, finished %s", a, b);
	cf_html_fact(f, "审核日期 Dates", s);
	free(s);
	s = cf_xasprintf("%s to %s (acceptance dates, %s); %" PRId64
			 " cases in the period and scope",
	    from, to, d->h.timezone, d->h.population);
	cf_html_fact(f, "审核期间 Period", s);
	free(s);
	cf_html_fact(f, "文件版本 Documents commit", d->h.documents_commit);
	if (d->has_ckpt) {
		s = cf_ra_checkpoint_text(d);
		cf_html_fact(f, "签名锚点 Checkpoint", s);
		free(s);
	}
	s = cf_ra_sampling_text(d);
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
			const struct cf_ra_version *v = &d->versions[i];
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
			"判定/样本 Judged of sampled",
			"偏差上限 Upper deviation limit" };
		cf_html_table_begin(f, cols, d->h.sampled ? 12 : 10);
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
			if (d->h.sampled) {
				/* doc/audits.md#sampling: both numbers, the
				 * limit from the judged ones, the standing. */
				char judged[48], limit[96];
				cf_sample_figure_cells(&d->h, c, judged,
				    sizeof judged, limit, sizeof limit);
				cf_html_td_class(f, "num", judged);
				cf_html_td_class(f, "num", limit);
			}
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
	if ((rc = html_charts(f, env, d)) < 0)
		return rc;
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
			cf_html_td(f, cf_ra_ncr_role(&d->ncrs[i]));
			if (d->ncrs[i].listed) {
				char *t = cf_xasprintf("%" PRId64
						       " added, %" PRId64
						       " listed before",
				    d->ncrs[i].subjects, d->ncrs[i].listed);
				cf_html_td_class(f, "num", t);
				free(t);
			} else
				cf_html_td_int(f, d->ncrs[i].subjects);
			cf_html_td(f, cf_ncr_state_name(n->state));
			cf_html_td(f, rec);
			cf_html_tr_end(f);
		}
		cf_html_table_end(f);
		cf_html_note(f,
		    "States are those of the register when this "
		    "report was written.  A failing subject that an NCR of "
		    "its check listed already is not raised again: its NCR "
		    "is that one (listed before), whatever its state.");
	} else
		cf_html_note(f, "This audit raised or joined no NCR.");
	cf_html_section_end(f);

	cf_html_section(f, "conclusions", "5 审核结论 Conclusions", 1);
	cf_html_facts_begin(f);
	cf_html_fact(f, "总体结论 Overall",
	    cf_ra_overall_text(d->concl.overall));
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
	s = cf_ra_caveat_text(d);
	cf_html_fact(f, "抽样说明 Sampling caveat", s);
	free(s);
	cf_html_facts_end(f);
	cf_html_section_end(f);
	cf_html_end(f);
	return 0;
}
