/* SPDX-License-Identifier: MIT */
/*
 * page-audits.c - GET /audits and GET /audits/ID (SPEC 13).
 *
 * The list reads what `audit list` reads (auditdb's heads and check
 * rows) and the conclusion from audits/conclusion.h.  One audit shows
 * its head, the summary per check with the measure the reports print
 * (cf_report_check_measure, without the document index: the checklist's
 * `min` is the report's business), the window scorecard as the report
 * draws it (cf_windows_html), and its findings filtered by check,
 * result, window and procedure, 50 to a page: auditdb reads only the
 * page's rows (cf_auditdb_findings_page) and counts the matching ones
 * up to a cap, so page 1 of a 200,000-case audit costs a few ms.
 */
#include "conform.h"
#include "auditdb.h"
#include "auditprint.h"
#include "conclusion.h"
#include "html.h"
#include "http.h"
#include "labels.h"
#include "layout.h"
#include "report.h"
#include "windows-html.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#define PAGE_ROWS 50
#define COUNT_CAP 5000

static void
td_time(FILE *f, struct cf_tz *tz, int64_t at)
{
	struct cf_time t = { at, 0, 0, true };
	char when[40];

	cf_time_format_local(&t, tz, false, when, sizeof when);
	when[16] = '\0';
	cf_html_td_class(f, "key", when);
}

static void
period_text(const struct cf_audit_head *h, char *buf, size_t size)
{
	char from[11], to[11];

	cf_day_format(h->from, from);
	cf_day_format(h->to, to);
	snprintf(buf, size, "%s – %s", from, to);
}

int
cf_web_page_audits(struct cf_web_req *r, struct cf_web_resp *w, const char *arg)
{
	static const char *const cols[] = { "审核", "Audit", "检查清单",
		"Checklist", "审核期间", "Period", "办件", "Cases", "结论",
		"Conclusion", "符合率", "Conformity", "作废", "Void",
		"执行人", "Run by", "时间", "When" };
	FILE *f = w->f;
	int64_t *ids = NULL;
	size_t n = 0;
	int rc;

	(void)arg;
	if ((rc = cf_auditdb_ids(r->st, &ids, &n)) < 0)
		return rc;
	cf_web_begin(r, w, CF_NAV_AUDITS, "审核", "Audits");
	if (n == 0) {
		fputs("<p>", f);
		cf_web_label(f, "尚无审核。", "No audit is stored yet.");
		fputs("</p>\n", f);
		goto end;
	}
	cf_web_thead(f, cols, CF_ARRAY_LEN(cols));
	for (size_t i = n; i > 0 && rc == 0; i--) {
		struct cf_audit_head h;
		struct cf_audit_conclusion c;
		char num[24], buf[64];

		if ((rc = cf_auditdb_head(r->st, ids[i - 1], &h)) < 0)
			break;
		if ((rc = cf_audit_conclusion_load(r->st, h.id, &c)) < 0) {
			cf_audit_head_release(&h);
			break;
		}
		snprintf(num, sizeof num, "%" PRId64, h.id);
		cf_html_tr(f);
		fputs("<td class=\"key\"><a href=\"/audits/", f);
		fputs(num, f);
		fputs("\">", f);
		fputs(num, f);
		fputs("</a></td>", f);
		cf_html_td_class(f, "key", h.checklist_id);
		period_text(&h, buf, sizeof buf);
		cf_html_td_class(f, "key", buf);
		cf_html_td_int(f, h.population);
		cf_web_td_label(f, CF_LABEL_OVERALL, c.overall);
		cf_conformity_text(c.pass, c.fail, buf, sizeof buf);
		cf_html_td_class(f, "num", buf);
		if (h.void_reason) {
			fputs("<td class=\"fail\">", f);
			cf_web_label(f, "作废", "void");
			fputs(": ", f);
			cf_html_text(f, h.void_reason);
			fputs("</td>", f);
		} else
			cf_html_td(f, "—");
		cf_html_td(f, h.actor);
		td_time(f, r->tz, h.started_at);
		cf_html_tr_end(f);
		cf_audit_head_release(&h);
	}
	fputs("</tbody></table></div>\n", f);
end:
	cf_web_end(r, w);
	free(ids);
	return rc;
}

/* ---- one audit ---- */

static void
fact(FILE *f, const char *zh, const char *en, const char *value)
{
	fputs("<tr><th>", f);
	cf_web_label(f, zh, en);
	fputs("</th><td>", f);
	cf_html_text(f, value ? value : "—");
	fputs("</td></tr>\n", f);
}

static void
show_head(FILE *f, const struct cf_audit_head *h, const struct cf_strv *sha,
    const struct cf_strv *files, struct cf_tz *tz)
{
	char buf[256];
	struct cf_time t = { h->started_at, 0, 0, true };

	fputs("<div class=\"wide\"><table class=\"facts\">\n", f);
	snprintf(buf, sizeof buf, "%s%s%s (commit %.12s)", h->checklist_id,
	    h->checklist_title ? " " : "",
	    h->checklist_title ? h->checklist_title : "", h->checklist_commit);
	fact(f, "检查清单", "Checklist", buf);
	period_text(h, buf, sizeof buf);
	snprintf(buf + strlen(buf), sizeof buf - strlen(buf), " (%s)",
	    h->timezone);
	fact(f, "审核期间", "Period", buf);
	fact(f, "范围", "Scope", h->scope);
	snprintf(buf, sizeof buf, "%" PRId64, h->population);
	fact(f, "办件数", "Cases", buf);
	if (h->sampled) {
		snprintf(buf, sizeof buf,
		    "%" PRId64 " of %" PRId64 " (seed %s; confidence %s, "
		    "tolerable %s, expected %s)",
		    h->sample_size, h->population, h->seed, h->confidence,
		    h->tolerable, h->expected);
		fact(f, "抽样", "Sample", buf);
	} else
		fact(f, "抽样", "Sample", "全部办件 every case");
	snprintf(buf, sizeof buf, "%.12s", h->documents_commit);
	fact(f, "文件版本", "Documents commit", buf);
	fputs("<tr><th>", f);
	cf_web_label(f, "导入批次", "Import batches");
	fputs("</th><td>", f);
	if (sha->n == 0)
		fputs("—", f);
	for (size_t i = 0; i < sha->n; i++) {
		if (i)
			fputs("<br>", f);
		cf_html_text(f, files->v[i]);
		fputs(" <span class=\"id\">", f);
		cf_html_textf(f, "%.16s…", sha->v[i]);
		fputs("</span>", f);
	}
	fputs("</td></tr>\n", f);
	cf_time_format_local(&t, tz, false, buf, sizeof buf);
	buf[16] = '\0';
	snprintf(buf + strlen(buf), sizeof buf - strlen(buf), ", %s",
	    h->actor);
	fact(f, "执行", "Run", buf);
	if (h->void_reason) {
		snprintf(buf, sizeof buf, "%s (by %s)", h->void_reason,
		    h->void_actor ? h->void_actor : "?");
		fputs("<tr><th>", f);
		cf_web_label(f, "作废", "Void");
		fputs("</th><td class=\"fail\">", f);
		cf_html_text(f, buf);
		fputs("</td></tr>\n", f);
	}
	fputs("</table></div>\n", f);
}

static const char *
grade_zh(enum cf_grade g, const char **en)
{
	switch (g) {
	case CF_GRADE_MAJOR:
		*en = "major nonconformity";
		return "严重不符合";
	case CF_GRADE_MINOR:
		*en = "minor nonconformity";
		return "一般不符合";
	case CF_GRADE_OBSERVATION:
		*en = "observation";
		return "观察项";
	default:
		*en = NULL;
		return "—";
	}
}

static int
show_summary(FILE *f, struct cf_store *st, const struct cf_audit_head *h,
    const struct cf_audit_checkrow *c, size_t n)
{
	static const char *const cols[] = { "检查", "Check", "名称", "Title",
		"类型", "Type", "等级", "Severity", "符合", "pass", "不符合",
		"fail", "不适用", "n/a", "未判定", "not judged", "测定",
		"Measure", "评定", "Grade" };
	const struct cf_report_env env = { .st = st };

	cf_web_thead(f, cols, CF_ARRAY_LEN(cols));
	for (size_t i = 0; i < n; i++) {
		struct cf_measure m;
		char text[96];
		const char *en, *zh;
		int rc;

		if ((rc = cf_report_check_measure(&env, h, &c[i], &m)) < 0)
			return rc;
		cf_measure_text(&m, text, sizeof text);
		cf_html_tr(f);
		cf_html_td_class(f, "key", c[i].check_id);
		cf_html_td_class(f, "title", c[i].title ? c[i].title : "");
		cf_web_td_label(f, CF_LABEL_CHECK_TYPE, c[i].type);
		cf_web_td_label(f, CF_LABEL_SEVERITY, c[i].severity);
		for (int k = 0; k < 4; k++)
			cf_html_td_int(f, c[i].n[k]);
		cf_html_td_class(f, cf_measure_class(&m), text);
		zh = grade_zh(cf_check_grade(&c[i]), &en);
		fprintf(f, "<td%s>",
		    cf_check_grade(&c[i]) == CF_GRADE_NONE ? ""
							    : " class=\"fail\"");
		cf_web_label(f, zh, en);
		fputs("</td>", f);
		cf_html_tr_end(f);
	}
	fputs("</tbody></table></div>\n", f);
	return 0;
}

/* The findings' query parameters, checked. */
struct filter_args {
	const char *check, *result, *window, *procedure;
	int64_t page;
	struct cf_findings_filter flt;
};

static int
parse_filter(struct cf_web_req *r, const struct cf_audit_checkrow *c,
    size_t n, struct filter_args *a)
{
	const char *page = cf_web_query(r, "page");

	a->check = cf_web_query(r, "check");
	a->result = cf_web_query(r, "result");
	a->window = cf_web_query(r, "window");
	a->procedure = cf_web_query(r, "procedure");
	a->flt = (struct cf_findings_filter){
		.pos = -1,
		.which = CF_FINDINGS_DEFAULT,
		.window = a->window,
		.procedure = a->procedure,
	};
	if (a->check) {
		for (size_t i = 0; i < n && a->flt.pos < 0; i++)
			if (strcmp(c[i].check_id, a->check) == 0)
				a->flt.pos = c[i].pos;
		if (a->flt.pos < 0)
			return cf_error_set(CF_EUSAGE,
			    "check '%s': the audit has no such check",
			    a->check);
	}
	if (a->result && strcmp(a->result, "all") == 0)
		a->flt.which = CF_FINDINGS_ALL;
	else if (a->result) {
		static const char *const names[] = { "pass", "fail", "na",
			"error" };
		for (int i = 0; i < 4; i++)
			if (strcmp(a->result, names[i]) == 0) {
				a->flt.which = CF_FINDINGS_ONE;
				a->flt.result = (enum cf_result)i;
			}
		if (a->flt.which != CF_FINDINGS_ONE)
			return cf_error_set(CF_EUSAGE,
			    "result '%s': expected pass, fail, na, error or "
			    "all (none: fail and error)",
			    a->result);
	}
	a->page = 1;
	if (page && (cf_web_parse_id(page, &a->page) < 0 ||
			a->page > INT64_MAX / PAGE_ROWS))
		return cf_error_set(CF_EUSAGE,
		    "page '%s': expected a page number from 1", page);
	return 0;
}

static void
option(FILE *f, const char *value, const char *cur, const char *zh,
    const char *en)
{
	fputs("<option value=\"", f);
	cf_html_text(f, value);
	fprintf(f, "\"%s>", (cur ? strcmp(cur, value) == 0 : *value == '\0')
		? " selected"
		: "");
	cf_html_text(f, zh);
	if (en) {
		fputs(" ", f);
		cf_html_text(f, en);
	}
	fputs("</option>", f);
}

static int
filter_form(FILE *f, const struct cf_auditdb_scorecard *sc,
    const struct cf_audit_checkrow *c, size_t n, const struct filter_args *a)
{
	/* The windows are the scorecard's (stored with the audit); without
	 * one the window is typed: listing them would read every case. */
	fputs("<form class=\"filters\" method=\"get\" action=\"#findings\">"
	      "<label>",
	    f);
	cf_web_label(f, "检查", "Check");
	fputs("<select name=\"check\">", f);
	option(f, "", a->check, "全部", "every check");
	for (size_t i = 0; i < n; i++)
		option(f, c[i].check_id, a->check, c[i].check_id, NULL);
	fputs("</select></label><label>", f);
	cf_web_label(f, "结果", "Result");
	fputs("<select name=\"result\">", f);
	option(f, "", a->result, "不符合和未判定", "fail and error");
	option(f, "fail", a->result, "不符合", "fail");
	option(f, "error", a->result, "未判定", "not judged");
	option(f, "na", a->result, "不适用", "n/a");
	option(f, "pass", a->result, "符合", "pass");
	option(f, "all", a->result, "全部", "all");
	fputs("</select></label><label>", f);
	cf_web_label(f, "窗口", "Window");
	if (sc->has && sc->nwindows > 0) {
		fputs("<select name=\"window\">", f);
		option(f, "", a->window, "全部", "any");
		for (size_t i = 0; i < sc->nwindows; i++)
			option(f, sc->windows[i].window, a->window,
			    sc->windows[i].window, NULL);
		fputs("</select>", f);
	} else {
		fputs("<input name=\"window\" size=\"10\" value=\"", f);
		cf_html_text(f, a->window ? a->window : "");
		fputs("\">", f);
	}
	fputs("</label><label>", f);
	cf_web_label(f, "事项", "Procedure");
	fputs("<input name=\"procedure\" size=\"14\" value=\"", f);
	cf_html_text(f, a->procedure ? a->procedure : "");
	fputs("\"></label><button type=\"submit\">筛选 <span "
	      "class=\"en\">Filter</span></button></form>\n",
	    f);
	return 0;
}

struct rows {
	FILE *f;
	const struct cf_audit_checkrow *c;
	size_t n;
};

static int
finding_row(const struct cf_auditdb_finding *fd, void *arg)
{
	struct rows *p = arg;
	const struct cf_audit_checkrow *c = NULL;
	FILE *f = p->f;

	for (size_t i = 0; i < p->n && c == NULL; i++)
		if (p->c[i].pos == fd->pos)
			c = &p->c[i];
	cf_html_tr(f);
	cf_html_td_class(f, "key", c ? c->check_id : "?");
	if (c && cf_check_type_name_is_case(c->type)) {
		fputs("<td class=\"key\"><a href=\"", f);
		cf_web_href_path(f, "/cases/", fd->subject);
		fputs("\">", f);
		cf_html_text(f, fd->subject);
		fputs("</a></td>", f);
	} else
		cf_html_td_class(f, "key", fd->subject);
	fprintf(f, "<td class=\"%s\">", cf_result_name(fd->result));
	cf_web_label(f, cf_label_zh(CF_LABEL_RESULT, cf_result_name(fd->result)),
	    cf_label_en(CF_LABEL_RESULT, cf_result_name(fd->result)));
	fputs("</td>", f);
	cf_web_td_label(f, CF_LABEL_SEVERITY, c ? c->severity : NULL);
	cf_html_td_class(f, "key", fd->document_id ? fd->document_id : "");
	fputs("<td class=\"id\">", f);
	if (fd->commit)
		cf_html_textf(f, "%.12s", fd->commit);
	fputs("</td>", f);
	cf_html_td_class(f, "title", fd->detail);
	cf_html_tr_end(f);
	return 0;
}

static void
page_link(FILE *f, int64_t id, const struct filter_args *a, int64_t page,
    const char *zh, const char *en)
{
	static const char *const keys[] = { "check", "result", "window",
		"procedure", "page" };
	char path[40], num[24];
	const char *vals[] = { a->check, a->result, a->window, a->procedure,
		num };

	snprintf(path, sizeof path, "/audits/%" PRId64, id);
	snprintf(num, sizeof num, "%" PRId64, page);
	fputs("<a href=\"", f);
	cf_web_href(f, path, keys, vals, page > 1 ? 5 : 4);
	fputs("#findings\">", f);
	cf_web_label(f, zh, en);
	fputs("</a>", f);
}

static int
show_findings(FILE *f, struct cf_store *st, int64_t id,
    const struct cf_audit_checkrow *c, size_t n, const struct filter_args *a)
{
	static const char *const cols[] = { "检查", "Check", "对象", "Subject",
		"结果", "Result", "等级", "Severity", "文件", "Procedure",
		"版本", "Commit", "说明", "Detail" };
	struct rows p = { .f = f, .c = c, .n = n };
	int64_t count, offset = (a->page - 1) * PAGE_ROWS;
	int rc;

	if ((rc = cf_auditdb_findings_count(st, id, &a->flt, COUNT_CAP,
		 &count)) < 0)
		return rc;
	fputs("<p>", f);
	if (count >= COUNT_CAP)
		fprintf(f, "%d+ ", COUNT_CAP);
	else
		fprintf(f, "%" PRId64 " ", count);
	cf_web_label(f, "条发现", "findings match");
	if (count > 0)
		fprintf(f, " · %" PRId64 "–%" PRId64, offset + 1,
		    offset + PAGE_ROWS < count ? offset + PAGE_ROWS : count);
	fputs("</p>\n", f);
	if (count > offset) {
		cf_web_thead(f, cols, CF_ARRAY_LEN(cols));
		rc = cf_auditdb_findings_page(st, id, &a->flt, offset,
		    PAGE_ROWS, finding_row, &p);
		fputs("</tbody></table></div>\n", f);
		if (rc < 0)
			return rc;
	}
	fputs("<nav class=\"pages\">", f);
	if (a->page > 1)
		page_link(f, id, a, a->page - 1, "上一页", "Previous");
	if (offset + PAGE_ROWS < count)
		page_link(f, id, a, a->page + 1, "下一页", "Next");
	fputs("</nav>\n", f);
	return 0;
}

int
cf_web_page_audit(struct cf_web_req *r, struct cf_web_resp *w, const char *arg)
{
	struct cf_audit_head h;
	struct cf_audit_checkrow *c = NULL;
	struct cf_auditdb_scorecard sc = { 0 };
	struct cf_strv sha = CF_STRV_INIT, files = CF_STRV_INIT;
	struct filter_args a;
	size_t n = 0;
	int64_t id;
	char title[48];
	int rc;

	if (cf_web_parse_id(arg, &id) < 0)
		return cf_error_set(CF_ENOTFOUND,
		    "no audit '%s': an audit is a number", arg);
	if ((rc = cf_auditdb_head(r->st, id, &h)) < 0)
		return rc;
	if ((rc = cf_auditdb_checks(r->st, id, &c, &n)) < 0 ||
	    (rc = cf_auditdb_batches(r->st, id, &sha, &files)) < 0 ||
	    (rc = parse_filter(r, c, n, &a)) < 0 ||
	    (rc = cf_auditdb_scorecard(r->st, id, &sc)) < 0)
		goto out;
	snprintf(title, sizeof title, "审核 %" PRId64, id);
	cf_web_begin(r, w, CF_NAV_AUDITS, title, NULL);
	show_head(w->f, &h, &sha, &files, r->tz);
	cf_web_h2(w->f, "各检查项结果", "Results per check");
	if ((rc = show_summary(w->f, r->st, &h, c, n)) < 0)
		goto out;
	if (sc.has) {
		cf_web_h2(w->f, "窗口评比", "Window scorecard");
		if ((rc = cf_windows_html(w->f, &sc, c, n, NULL, NULL)) < 0)
			goto out;
	}
	fputs("<h2 id=\"findings\">", w->f);
	cf_web_label(w->f, "审核发现", "Findings");
	fputs("</h2>\n", w->f);
	if ((rc = filter_form(w->f, &sc, c, n, &a)) < 0 ||
	    (rc = show_findings(w->f, r->st, id, c, n, &a)) < 0)
		goto out;
	cf_web_end(r, w);
out:
	cf_auditdb_scorecard_release(&sc);
	cf_strv_release(&sha);
	cf_strv_release(&files);
	for (size_t i = 0; i < n; i++)
		cf_audit_checkrow_release(&c[i]);
	free(c);
	cf_audit_head_release(&h);
	return rc;
}
