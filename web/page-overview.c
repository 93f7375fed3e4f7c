/* SPDX-License-Identifier: MIT */
/*
 * page-overview.c - GET / (SPEC 13): the last audit in force, its
 * conclusion and its summary per check; the NCRs by state; the overdue
 * actions; the conformity over the audits (the last TREND_AUDITS), as
 * a table and the reports' trend chart.  Everything is read from what
 * is stored (check rows, NCRs); nothing is recomputed, so the page costs
 * the same at 200,000 cases as at 200.
 */
#include "conform.h"
#include "auditdb.h"
#include "auditprint.h"
#include "conclusion.h"
#include "html.h"
#include "http.h"
#include "labels.h"
#include "layout.h"
#include "ncr.h"
#include "report.h"
#include "svg.h"

#include <stdlib.h>
#include <string.h>

#define TREND_AUDITS 12

static int
last_audit(struct cf_web_req *r, FILE *f, const int64_t *ids, size_t n)
{
	struct cf_audit_head h = { 0 };
	struct cf_audit_checkrow *c = NULL;
	struct cf_audit_conclusion concl;
	struct cf_report_env env = { .st = r->st };
	size_t nc = 0;
	char buf[96], from[11], to[11];
	int rc;

	cf_web_h2(f, "最近一次审核", "Last audit");
	if (n == 0) {
		fputs("<p class=\"note\">尚无审核。 <span class=\"en\">No audit "
		      "yet: run one with conform audit run.</span></p>\n",
		    f);
		return 0;
	}
	if ((rc = cf_auditdb_head(r->st, ids[n - 1], &h)) < 0)
		return rc;
	if ((rc = cf_auditdb_checks(r->st, h.id, &c, &nc)) < 0)
		goto out;
	cf_audit_conclude(c, nc, &concl);
	cf_day_format(h.from, from);
	cf_day_format(h.to, to);
	fprintf(f, "<p class=\"verdict\"><a href=\"/audits/%lld\">", (long long)h.id);
	cf_web_label(f, "审核", "Audit");
	fprintf(f, " %lld</a> · ", (long long)h.id);
	cf_html_text(f, h.checklist_id);
	fputs(" · ", f);
	cf_html_textf(f, "%s – %s", from, to);
	fputs(" · <strong>", f);
	cf_html_text(f, cf_label(CF_LABEL_OVERALL, concl.overall));
	fputs("</strong> · ", f);
	cf_conformity_text(concl.pass, concl.fail, buf, sizeof buf);
	cf_web_label(f, "符合率", "conformity");
	fputs(" ", f);
	cf_html_text(f, buf);
	fputs("</p>\n", f);

	static const char *const cols[] = { "检查项", "Check", "严重程度",
		"Severity", "符合", "Pass", "不符合", "Fail", "错误", "Error",
		"测定", "Measure" };
	cf_web_thead(f, cols, CF_ARRAY_LEN(cols));
	for (size_t i = 0; i < nc; i++) {
		struct cf_measure m;
		fputs("<tr><td>", f);
		cf_html_text(f, c[i].check_id);
		if (c[i].title) {
			fputs(" ", f);
			cf_html_text(f, c[i].title);
		}
		fputs("</td>", f);
		cf_html_td(f, cf_label_severity(c[i].severity));
		cf_html_td_int(f, c[i].n[CF_RESULT_PASS]);
		if (c[i].n[CF_RESULT_FAIL] > 0) {
			fputs("<td class=\"num overdue\">", f);
			cf_html_textf(f, "%lld", (long long)c[i].n[CF_RESULT_FAIL]);
			fputs("</td>", f);
		} else
			cf_html_td_int(f, 0);
		cf_html_td_int(f, c[i].n[CF_RESULT_ERROR]);
		if (cf_report_check_measure(&env, &h, &c[i], &m) == 0) {
			cf_measure_text(&m, buf, sizeof buf);
			cf_html_td_class(f, cf_measure_class(&m), buf);
		} else {
			cf_error_clear();
			cf_html_td(f, "—");
		}
		fputs("</tr>\n", f);
	}
	fputs("</tbody></table></div>\n", f);
out:
	for (size_t i = 0; i < nc; i++)
		cf_audit_checkrow_release(&c[i]);
	free(c);
	cf_audit_head_release(&h);
	return rc;
}

static void
ncr_summary(struct cf_web_req *r, FILE *f, const struct cf_ncr *v, size_t n)
{
	static const char *const states[] = { "open", "analysed",
		"action-planned", "implemented", "verified", "closed",
		"rejected" };
	int64_t count[CF_ARRAY_LEN(states)] = { 0 };
	size_t late = 0;

	for (size_t i = 0; i < n; i++) {
		if ((size_t)v[i].state < CF_ARRAY_LEN(states))
			count[v[i].state]++;
	}
	cf_web_h2(f, "不符合项", "NCRs by state");
	static const char *const cols[] = { "状态", "State", "数量", "NCRs" };
	cf_web_thead(f, cols, CF_ARRAY_LEN(cols));
	for (size_t s = 0; s < CF_ARRAY_LEN(states); s++) {
		fputs("<tr><td><a href=\"", f);
		const char *k[] = { "state" }, *val[] = { states[s] };
		cf_web_href(f, "/ncrs", k, val, 1);
		fputs("\">", f);
		cf_html_text(f, cf_label_ncr_state(states[s]));
		fputs("</a></td>", f);
		cf_html_td_int(f, count[s]);
		fputs("</tr>\n", f);
	}
	fputs("</tbody></table></div>\n", f);

	cf_web_h2(f, "逾期的纠正措施", "Overdue actions");
	for (size_t i = 0; i < n; i++) {
		const struct cf_ncr *x = &v[i];
		char name[32], due[11];
		if (!cf_ncr_is_open(x) || x->due == CF_DAY_NONE ||
		    x->due >= r->today)
			continue;
		if (late++ == 0) {
			static const char *const oc[] = { "编号", "NCR",
				"检查项", "Check", "责任人", "Owner", "到期",
				"Due", "逾期天数", "Days overdue" };
			cf_web_thead(f, oc, CF_ARRAY_LEN(oc));
		}
		cf_ncr_name(x->number, name, sizeof name);
		cf_day_format(x->due, due);
		fprintf(f, "<tr class=\"overdue\"><td><a href=\"/ncrs/%lld\">%s"
			   "</a></td>",
		    (long long)x->number, name);
		cf_html_td(f, x->check_id);
		cf_html_td(f, x->owner ? x->owner : "—");
		cf_html_td(f, due);
		cf_html_td_int(f, r->today - x->due);
		fputs("</tr>\n", f);
	}
	if (late)
		fputs("</tbody></table></div>\n", f);
	else
		fputs("<p class=\"note\">没有逾期的纠正措施。 <span class=\"en\">"
		      "No action is overdue.</span></p>\n",
		    f);
}

static int
trend(struct cf_web_req *r, FILE *f, const int64_t *ids, size_t n)
{
	size_t first = n > TREND_AUDITS ? n - TREND_AUDITS : 0, k = 0;
	struct cf_point *p = cf_xcalloc(n - first + 1, sizeof *p);
	char (*labels)[24] = cf_xcalloc(n - first + 1, sizeof *labels);
	struct cf_buf b = CF_BUF_INIT;
	int rc = 0;

	cf_web_h2(f, "各次审核符合率", "Conformity over the audits");
	if (n == 0)
		goto out;
	static const char *const cols[] = { "审核", "Audit", "检查表",
		"Checklist", "期间", "Period", "结论", "Conclusion", "符合率",
		"Conformity" };
	cf_web_thead(f, cols, CF_ARRAY_LEN(cols));
	for (size_t i = first; i < n; i++, k++) {
		struct cf_audit_head h = { 0 };
		struct cf_audit_conclusion c;
		char from[11], to[11], buf[32];
		if ((rc = cf_auditdb_head(r->st, ids[i], &h)) < 0 ||
		    (rc = cf_audit_conclusion_load(r->st, ids[i], &c)) < 0) {
			cf_audit_head_release(&h);
			break;
		}
		cf_day_format(h.from, from);
		cf_day_format(h.to, to);
		fprintf(f, "<tr><td><a href=\"/audits/%lld\">%lld</a></td>",
		    (long long)h.id, (long long)h.id);
		cf_html_td(f, h.checklist_id);
		fputs("<td>", f);
		cf_html_textf(f, "%s – %s", from, to);
		fputs("</td>", f);
		cf_html_td(f, cf_label(CF_LABEL_OVERALL, c.overall));
		cf_conformity_text(c.pass, c.fail, buf, sizeof buf);
		cf_html_td_class(f, "num", buf);
		fputs("</tr>\n", f);
		snprintf(labels[k], sizeof labels[k], "%lld",
		    (long long)h.id);
		p[k].label = labels[k];
		p[k].num = c.pass;
		p[k].den = c.pass + c.fail;
		cf_audit_head_release(&h);
	}
	fputs("</tbody></table></div>\n", f);
	if (rc == 0 && k > 0) {
		cf_svg_trend(&b, "各次审核符合率 Conformity per audit", p, k);
		cf_html_figure(f, b.s, b.len);
	}
out:
	cf_buf_release(&b);
	free(labels);
	free(p);
	return rc;
}

int
cf_web_page_overview(struct cf_web_req *r, struct cf_web_resp *w,
    const char *arg)
{
	int64_t *ids = NULL;
	size_t n = 0, nn = 0;
	struct cf_ncr *v = NULL;
	int rc;

	(void)arg;
	if ((rc = cf_auditdb_ids_void(r->st, false, &ids, &n)) < 0 ||
	    (rc = cf_ncr_list(r->st, &v, &nn)) < 0)
		goto out;
	cf_web_begin(r, w, CF_NAV_OVERVIEW, "概览", "Overview");
	if ((rc = last_audit(r, w->f, ids, n)) < 0)
		goto out;
	ncr_summary(r, w->f, v, nn);
	if ((rc = trend(r, w->f, ids, n)) < 0)
		goto out;
	cf_web_end(r, w);
out:
	for (size_t i = 0; i < nn; i++)
		cf_ncr_release(&v[i]);
	free(v);
	free(ids);
	return rc;
}
