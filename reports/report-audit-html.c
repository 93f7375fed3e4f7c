/* SPDX-License-Identifier: MIT */
/*
 * report-audit-html.c - the audit report as one self-contained HTML page
 * (see report-audit.c): inline CSS, the summary panel first (the
 * verdict, doc/reports.md "Verdict first"), three SVG charts, the fail
 * and error findings grouped by pattern (report-audit-groups.c) so the
 * page stays small whatever the audit's size, tokens shown as labels
 * (labels.h), a sign-off block last.
 */
#include "conform.h"
#include "auditprint.h"
#include "html.h"
#include "labels.h"
#include "report-audit-impl.h"
#include "names.h"
#include "svg.h"
#include "windows-html.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

/*
 * What the page shows of the findings, whatever the audit's size
 * (doc/reports.md, "Findings grouped"): at most SHOW_GROUPS groups,
 * each with its first CF_RA_EXAMPLES findings, at most SHOW_EXAMPLES
 * of them in all, details cut at SHOW_DETAIL bytes.  About 1 MB at
 * most; the CSV and XML reports list every finding.
 */
#define SHOW_GROUPS 200
#define SHOW_EXAMPLES 1000
#define SHOW_DETAIL 400

/* `s` cut at `max` bytes on a UTF-8 boundary, "…" added (a copy). */
static char *
cut(const char *s, size_t max)
{
	size_t n;

	if (s == NULL)
		return cf_xstrdup("");
	n = strlen(s);
	if (n <= max)
		return cf_xstrdup(s);
	while (max > 0 && ((unsigned char)s[max] & 0xc0) == 0x80)
		max--;
	return cf_xasprintf("%.*s…", (int)max, s);
}

static void
td_cut(FILE *f, const char *cls, const char *s)
{
	char *t = cut(s, SHOW_DETAIL);

	if (cls)
		cf_html_td_class(f, cls, t);
	else
		cf_html_td(f, t);
	free(t);
}

static void
fmt_count(int64_t v, char *buf, size_t size)
{
	/* 14812 -> "14,812" */
	char raw[32];
	size_t n, o = 0;

	snprintf(raw, sizeof raw, "%lld", (long long)v);
	n = strlen(raw);
	for (size_t i = 0; i < n && o + 2 < size; i++) {
		if (i > 0 && raw[i] != '-' && (n - i) % 3 == 0 && raw[0] != '-')
			buf[o++] = ',';
		buf[o++] = raw[i];
	}
	buf[o] = '\0';
}

/* The findings of check `c`: one table, a row per group and its
 * examples under it. */
/* "P-BIZ-001 企业设立登记": the id on one line, the title wrapping. */
static void
td_document(FILE *f, const struct cf_ra_data *d, const char *id,
    const char *commit)
{
	const char *title = cf_ra_document_title(d, id, commit);

	fputs("<td><span class=\"key\">", f);
	cf_html_text(f, id ? id : "");
	fputs("</span>", f);
	if (title) {
		fputs(" ", f);
		cf_html_text(f, title);
	}
	fputs("</td>", f);
}

static void
html_check_groups(FILE *f, const struct cf_ra_data *d,
    const struct cf_audit_checkrow *c, const struct cf_ra_group *v, size_t n,
    size_t *groups_left, size_t *examples_left)
{
	static const char *const cols[] = { "对象 Subject",
		"办事指南 Procedure", "版本 Commit", "证据 Evidence" };
	int64_t folded = 0, folded_groups = 0;
	char cnt[32];

	fputs("<h3 class=\"check\">", f);
	cf_html_text(f, c ? c->check_id : "?");
	if (c && c->title) {
		fputs(" ", f);
		cf_html_text(f, c->title);
	}
	if (c) {
		fputs(" <span class=\"tags\">", f);
		cf_html_textf(f, "%s · %s%s%s", cf_label_check_type(c->type),
		    cf_label_severity(c->severity), c->clause ? " · " : "",
		    c->clause ? c->clause : "");
		fputs("</span>", f);
	}
	fputs("</h3>\n", f);
	cf_html_table_begin(f, cols, 4);
	for (size_t i = 0; i < n; i++) {
		const struct cf_ra_group *g = &v[i];
		if (g->pattern == NULL || *groups_left == 0) {
			folded += g->count;
			folded_groups++;
			continue;
		}
		(*groups_left)--;
		fmt_count(g->count, cnt, sizeof cnt);
		fputs("<tr class=\"group\"><th colspan=\"4\" scope=\"rowgroup\">"
		      "<span class=\"",
		    f);
		cf_html_text(f, cf_result_name(g->result));
		fputs("\">", f);
		cf_html_text(f, cf_label_result(g->result));
		fputs("</span> <q>", f);
		{
			char *t = cut(g->pattern, SHOW_DETAIL);
			cf_html_text(f, t);
			free(t);
		}
		fputs("</q> <span class=\"count\">× ", f);
		cf_html_text(f, cnt);
		fputs("</span>", f);
		if (g->count > g->nex && *examples_left > 0) {
			size_t shown = (size_t)g->nex < *examples_left
			    ? (size_t)g->nex
			    : *examples_left;
			fputs(" <span class=\"tags\">", f);
			cf_html_textf(f, "前 %zu 项 first %zu listed", shown,
			    shown);
			fputs("</span>", f);
		}
		fputs("</th></tr>\n", f);
		for (int k = 0; k < g->nex && *examples_left > 0; k++) {
			const struct cf_ra_example *e = &g->ex[k];
			char shortc[13] = "";
			if (e->commit)
				snprintf(shortc, sizeof shortc, "%.12s",
				    e->commit);
			(*examples_left)--;
			cf_html_tr(f);
			td_cut(f, "key", e->subject);
			td_document(f, d, e->document_id, e->commit);
			cf_html_td_class(f, "id key", shortc);
			td_cut(f, NULL, e->detail);
			cf_html_tr_end(f);
		}
	}
	if (folded) {
		fmt_count(folded, cnt, sizeof cnt);
		fputs("<tr class=\"group\"><th colspan=\"4\" scope=\"rowgroup\">",
		    f);
		cf_html_textf(f,
		    "其余 %lld 种情形 %lld further pattern%s, %s findings: "
		    "listed in the CSV and XML reports",
		    (long long)folded_groups, (long long)folded_groups,
		    folded_groups == 1 ? "" : "s", cnt);
		fputs("</th></tr>\n", f);
	}
	cf_html_table_end(f);
}

static void
html_findings(FILE *f, const struct cf_ra_data *d,
    const struct cf_ra_groups *g)
{
	size_t groups_left = SHOW_GROUPS, examples_left = SHOW_EXAMPLES;

	for (size_t i = 0; i < g->n;) {
		size_t j = i;
		while (j < g->n && g->v[j].pos == g->v[i].pos)
			j++;
		html_check_groups(f, d, cf_ra_check_at(d, g->v[i].pos),
		    &g->v[i], j - i, &groups_left, &examples_left);
		i = j;
	}
}

/* The check's main finding: its largest group of fails, else of errors
 * (groups come larger first). */
static const struct cf_ra_group *
top_group(const struct cf_ra_groups *g, int pos)
{
	const struct cf_ra_group *err = NULL;

	for (size_t i = 0; i < g->n; i++) {
		if (g->v[i].pos != pos || g->v[i].pattern == NULL)
			continue;
		if (g->v[i].result == CF_RESULT_FAIL)
			return &g->v[i];
		if (err == NULL)
			err = &g->v[i];
	}
	return err;
}

/*
 * The summary panel, first on the page (doc/reports.md, "Verdict
 * first"): the verdict, the nonconformities by grade, the checks that
 * failed, the sample, who audited what and when.
 */
static void
html_summary(FILE *f, const struct cf_report_env *env,
    const struct cf_ra_data *d, const struct cf_ra_groups *g,
    const struct cf_measure *m)
{
	char a[48], b[48], from[11], to[11], rate[32], *s;
	const struct cf_audit_conclusion *c = &d->concl;
	int nfailed = 0;

	cf_day_format(d->h.from, from);
	cf_day_format(d->h.to, to);
	fputs("<section id=\"summary\" class=\"summary\">\n"
	      "<h2>审核结论摘要 Summary</h2>\n<p class=\"verdict ",
	    f);
	cf_html_text(f, c->overall);
	fputs("\"><span class=\"k\">总体结论 Overall</span> ", f);
	cf_html_text(f, cf_ra_overall_text(c->overall));
	fputs("</p>\n", f);

	{
		static const char *const cols[] = { "等级 Grade",
			"不符合项 Nonconformities", "不符合对象 Failing subjects",
			"不符合项报告 NCRs" };
		static const char *const grades[] = { "major", "minor",
			"observation" };
		cf_html_table_begin(f, cols, 4);
		for (int k = 0; k < 3; k++) {
			struct cf_buf nb = CF_BUF_INIT;
			int count = k == 0 ? c->major
			    : k == 1       ? c->minor
					   : c->observations;
			for (size_t i = 0; i < d->nncrs; i++) {
				char name[32];
				if (strcmp(d->ncrs[i].ncr.severity, grades[k]))
					continue;
				cf_ncr_name(d->ncrs[i].ncr.number, name,
				    sizeof name);
				if (nb.len)
					cf_buf_adds(&nb, ", ");
				cf_buf_adds(&nb, name);
			}
			cf_html_tr(f);
			cf_html_td_class(f, count ? "grade-hit" : NULL,
			    k == 0     ? "严重不符合 major nonconformity"
				: k == 1 ? "一般不符合 minor nonconformity"
					 : "观察项 observation");
			cf_html_td_int(f, count);
			if (k < 2)
				cf_html_td_int(f, k == 0 ? c->major_subjects
							 : c->minor_subjects);
			else
				cf_html_td_class(f, "num", "—");
			cf_html_td_class(f, "title",
			    nb.len ? nb.s
				: k == 2 ? "观察项不开具 NCR none for observations"
					 : "—");
			cf_html_tr_end(f);
			cf_buf_release(&nb);
		}
		cf_html_table_end(f);
	}

	for (size_t i = 0; i < d->nchecks; i++)
		if (d->checks[i].n[CF_RESULT_FAIL] ||
		    d->checks[i].n[CF_RESULT_ERROR])
			nfailed++;
	fputs("<h3>未通过的检查项 Checks that failed</h3>\n", f);
	if (nfailed) {
		static const char *const cols[] = { "检查 Check", "名称 Title",
			"等级 Severity", "不符合 Fail", "未判定 Not judged",
			"符合率 Conformity", "主要发现 Main finding",
			"偏差上限 Upper deviation limit" };
		cf_html_table_begin(f, cols, d->h.sampled ? 8 : 7);
		for (size_t i = 0; i < d->nchecks; i++) {
			const struct cf_audit_checkrow *k = &d->checks[i];
			const struct cf_ra_group *tg;
			if (!k->n[CF_RESULT_FAIL] && !k->n[CF_RESULT_ERROR])
				continue;
			cf_measure_text(&m[i], rate, sizeof rate);
			cf_html_tr(f);
			cf_html_td_class(f, "key", k->check_id);
			cf_html_td_class(f, "title",
			    k->title ? k->title : cf_label_check_type(k->type));
			cf_html_td(f, cf_label_severity(k->severity));
			cf_html_td_int(f, k->n[CF_RESULT_FAIL]);
			cf_html_td_int(f, k->n[CF_RESULT_ERROR]);
			cf_html_td_class(f, cf_measure_class(&m[i]), rate);
			tg = top_group(g, k->pos);
			if (tg && tg->nex) {
				char cnt[32], *t;
				fmt_count(tg->count, cnt, sizeof cnt);
				/* one finding in full (an aggregate's measured
				 * rate), else the pattern and its count */
				t = tg->count == 1
				    ? cut(tg->ex[0].detail, SHOW_DETAIL)
				    : cf_xasprintf("%s × %s", tg->pattern, cnt);
				td_cut(f, "title", t);
				free(t);
			} else
				cf_html_td(f, "");
			if (d->h.sampled) {
				char judged[48], limit[96];
				cf_sample_figure_cells(&d->h, k, judged,
				    sizeof judged, limit, sizeof limit);
				cf_html_td_class(f, "num", limit);
			}
			cf_html_tr_end(f);
		}
		cf_html_table_end(f);
	} else
		cf_html_note(f, "无 None: every check passed.");

	cf_html_facts_begin(f);
	cf_html_fact(f, "审核组 Team", d->h.actor);
	cf_html_fact(f, "受审核方 Auditee", env->center);
	s = cf_xasprintf("%s%s%s", d->h.checklist_id,
	    d->h.checklist_title ? " " : "",
	    d->h.checklist_title ? d->h.checklist_title : "");
	cf_html_fact(f, "检查表 Checklist", s);
	free(s);
	s = cf_xasprintf("%s to %s (acceptance dates, %s); %" PRId64 " cases",
	    from, to, d->h.timezone, d->h.population);
	cf_html_fact(f, "审核期间 Period", s);
	free(s);
	s = cf_xasprintf("procedures matching '%s'", d->h.scope);
	cf_html_fact(f, "审核范围 Scope", s);
	free(s);
	cf_ra_instant(d->tz, d->h.started_at, a, sizeof a);
	cf_ra_instant(d->tz, d->h.finished_at, b, sizeof b);
	s = cf_xasprintf("started %s, finished %s", a, b);
	cf_html_fact(f, "审核日期 Dates", s);
	free(s);
	s = cf_ra_sampling_text(d);
	cf_html_fact(f, "抽样 Sampling", s);
	free(s);
	cf_rate_text(c->pass, c->pass + c->fail, rate, sizeof rate);
	s = cf_xasprintf("%s (%" PRId64 " pass of %" PRId64 " judged results; "
			 "%" PRId64 " not judged)",
	    rate, c->pass, c->pass + c->fail, c->errors);
	cf_html_fact(f, "符合程度 Degree of fulfilment", s);
	free(s);
	cf_html_facts_end(f);
	cf_html_section_end(f);
}

/* Blank lines to sign, kept on one page (doc/reports.md, "Print"). */
static void
html_signoff(FILE *f)
{
	fputs("<section id=\"signoff\" class=\"signoff\">\n"
	      "<h2>签署 Sign-off</h2>\n<table class=\"sign\"><tbody>\n"
	      "<tr><th scope=\"row\">审核组长 Lead auditor</th><td class=\"line\"></td>"
	      "<th scope=\"row\">日期 Date</th><td class=\"line date\"></td></tr>\n"
	      "<tr><th scope=\"row\">批准 Approved by</th><td class=\"line\"></td>"
	      "<th scope=\"row\">日期 Date</th><td class=\"line date\"></td></tr>\n"
	      "</tbody></table>\n</section>\n",
	    f);
}

/*
 * The charts (doc/reports.md#charts): the conformity of every check that
 * judges subjects one by one and the measured value of each period rate
 * against its `min`; the failing subjects of the sql checks, a count;
 * the conformity per window; the on-time rate per month, against the
 * on-time-rate check's `min` when the checklist has one.
 */
static void
html_charts(FILE *f, const struct cf_ra_data *d, const struct cf_measure *m)
{
	struct cf_buf b = CF_BUF_INIT;
	struct cf_point *p, *q;
	size_t n = d->nchecks > d->nwindows ? d->nchecks : d->nwindows, np = 0,
	       nq = 0;
	bool has_min = false;
	int64_t min_num = 0, min_den = 0;
	char **labels;

	if (n < d->nmonths)
		n = d->nmonths;
	p = cf_xcalloc(n ? n : 1, sizeof *p);
	q = cf_xcalloc(n ? n : 1, sizeof *q);
	labels = cf_xcalloc(d->nchecks + d->nwindows + 1, sizeof *labels);
	for (size_t i = 0; i < d->nchecks; i++) {
		struct cf_point *t = m[i].kind == CF_MEASURE_COUNT ? &q[nq++]
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
		/* "W03 市场监督管理局": the window and its departments */
		char **w = &labels[d->nchecks + i];
		*w = d->windows[i].name ? cf_xasprintf("%s %s",
					      d->windows[i].label,
					      d->windows[i].name)
					: cf_xstrdup(d->windows[i].label);
		p[i].label = *w;
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
	for (size_t i = 0; i < d->nchecks + d->nwindows; i++)
		free(labels[i]);
	free(labels);
	free(p);
	free(q);
	cf_buf_release(&b);
}

/* A window's departments, as the chart per window names them. */
static const char *
window_name(const char *window, void *arg)
{
	const struct cf_ra_data *d = arg;

	return cf_names_window(d->names, window);
}

int
cf_ra_write_html(FILE *f, const struct cf_report_env *env, struct cf_ra_data *d)
{
	char from[11], to[11], a[48], b[48], rate[32], *s, *title, *running;
	struct cf_ra_groups g;
	struct cf_measure *m;
	int64_t listed = 0, unlisted = 0;
	int rc;

	/* The findings first: the summary names each check's main one. */
	if ((rc = cf_ra_group_findings(env, d, &g)) < 0) {
		cf_ra_groups_release(&g);
		return rc;
	}

	cf_day_format(d->h.from, from);
	cf_day_format(d->h.to, to);
	title = cf_xasprintf("审核报告 Audit report %" PRId64 ": %s%s%s",
	    d->h.id, d->h.checklist_id, d->h.checklist_title ? " " : "",
	    d->h.checklist_title ? d->h.checklist_title : "");
	s = cf_xasprintf("%s%s%s to %s", env->center ? env->center : "",
	    env->center ? " · " : "", from, to);
	cf_ra_instant(d->tz, d->h.finished_at, a, sizeof a);
	running = cf_xasprintf("审核报告 Audit report No. %" PRId64 " · %.10s",
	    d->h.id, a);
	cf_html_begin_running(f, title, s, running);
	free(running);
	free(title);
	free(s);

	if ((rc = cf_ra_measures(env, d, &m)) < 0) {
		cf_ra_groups_release(&g);
		return rc;
	}
	html_summary(f, env, d, &g, m);

	cf_html_section(f, "overview", "1 审核概况 Audit overview", 1);
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
		/* the profile column only when a batch was read through one,
		 * so reports of other audits keep their bytes */
		static const char *const cols[] = { "文件 File", "SHA-256",
			"导入配置 Import profile" };
		cf_html_table_begin(f, cols, d->any_profile ? 3 : 2);
		for (size_t i = 0; i < d->sha.n; i++) {
			cf_html_tr(f);
			cf_html_td(f, d->files.v[i]);
			cf_html_td_class(f, "id", d->sha.v[i]);
			if (d->any_profile) {
				char *t = *d->profiles.v[i]
				    ? cf_xasprintf("%s (commit %.12s)",
					  d->profiles.v[i],
					  d->profile_commits.v[i])
				    : cf_xstrdup("—"); /* read by its header */
				cf_html_td_class(f, "key", t);
				free(t);
			}
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
			cf_html_td_class(f, "key", v->document_id);
			cf_html_td(f, v->type ? cf_label(CF_LABEL_DOC_TYPE, v->type) : "");
			cf_html_td_class(f, "title", v->title ? v->title : "");
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
			"类型 Type", "等级 Severity", "条款 Clause",
			"符合 pass", "不符合 fail", "不适用 n/a",
			"未判定 not judged", "符合率 Conformity",
			"判定/样本 Judged of sampled",
			"偏差上限 Upper deviation limit" };
		cf_html_table_begin(f, cols, d->h.sampled ? 12 : 10);
		for (size_t i = 0; i < d->nchecks; i++) {
			const struct cf_audit_checkrow *c = &d->checks[i];
			cf_measure_text(&m[i], rate, sizeof rate);
			cf_html_tr(f);
			cf_html_td_class(f, "key", c->check_id);
			cf_html_td_class(f, "title", c->title ? c->title : "");
			cf_html_td(f, cf_label_check_type(c->type));
			cf_html_td(f, cf_label_severity(c->severity));
			cf_html_td(f, c->clause);
			for (int r = 0; r < 4; r++)
				cf_html_td_int(f, c->n[r]);
			cf_html_td_class(f, cf_measure_class(&m[i]), rate);
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
	    "be judged) are not counted.  A period rate (on-time-rate, "
	    "on-the-spot-ratio, limit-compression) shows the rate it "
	    "measured; an sql check, which returns only nonconformities, "
	    "the subjects it returned.");
	html_charts(f, d, m);
	if (d->sc.has) {
		/* doc/reports.md "Window scorecard" */
		fputs("<h3 id=\"windows\">窗口评比 Window scorecard "
		      "（红旗窗口评比）</h3>\n",
		    f);
		if ((rc = cf_windows_html(f, &d->sc, d->checks, d->nchecks,
			 window_name, d)) < 0) {
			cf_ra_groups_release(&g);
			free(m);
			return rc;
		}
	}
	cf_html_section_end(f);

	cf_html_section(f, "findings", "3 审核发现 Findings and evidence", 1);
	if (g.findings) {
		char fl[32];
		fmt_count(g.findings, fl, sizeof fl);
		s = cf_xasprintf("%s fail and error findings, grouped by check, "
				 "result and pattern (the detail with each "
				 "number, date or id shown as …); the first %d "
				 "of each group are listed here, every one in "
				 "the CSV and XML reports ('conform report "
				 "audit %" PRId64 " --format csv').  The %" PRId64
				 " pass and n/a results are counted above.",
		    fl, CF_RA_EXAMPLES, d->h.id, unlisted);
		cf_html_note(f, s);
		free(s);
		html_findings(f, d, &g);
	} else
		cf_html_note(f, "No fail or error finding.");
	(void)listed;
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
			cf_html_td_class(f, "key", name);
			cf_html_td_class(f, "key", n->check_id);
			cf_html_td(f, cf_label_severity(n->severity));
			cf_html_td(f, n->clause);
			cf_html_td(f, cf_label(CF_LABEL_NCR_ROLE,
					  cf_ra_ncr_role(&d->ncrs[i])));
			if (d->ncrs[i].listed) {
				char *t = cf_xasprintf("%" PRId64
						       " added, %" PRId64
						       " listed before",
				    d->ncrs[i].subjects, d->ncrs[i].listed);
				cf_html_td_class(f, "num", t);
				free(t);
			} else
				cf_html_td_int(f, d->ncrs[i].subjects);
			cf_html_td(f, cf_label_ncr_state(cf_ncr_state_name(n->state)));
			cf_html_td_class(f, "key", rec);
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
	html_signoff(f);
	cf_html_end(f);
	cf_ra_groups_release(&g);
	free(m);
	return ferror(f) ? cf_error_set(CF_ERROR, "cannot write the report") : 0;
}
