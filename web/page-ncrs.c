/* SPDX-License-Identifier: MIT */
/*
 * page-ncrs.c - the NCR register and one NCR (SPEC 13, doc/web.md):
 * GET /ncrs (filtered by state, owner and overdue, with each NCR's age),
 * GET /ncrs/N (its fields, failing subjects with their findings'
 * details, amendments, its history from the trail, and the forms its
 * viewer's role allows), POST /ncrs/N (the fields of `ncr update`,
 * named as its options without the dashes, or with `amend` set an
 * amendment) and POST /ncrs/N/verify (`audit`).
 *
 * Changes go through cf_ncr_apply / cf_ncr_verify_apply, the same rules
 * and the same one transaction as the command line, with the account's
 * login as the trail's actor.  A form sends every field it shows; only
 * the fields whose value differs from the NCR's are passed on, so an
 * unchanged field is neither written nor recorded.  A success redirects
 * back to the NCR (303, so a reload does not post again); a refusal by
 * the rules shows the NCR again with the reason (409).  Roles are
 * checked here, before anything is read from the form: an auditor may
 * change nothing (403), a manager may not verify (403).
 */
#include "conform.h"
#include "auditdb.h"
#include "html.h"
#include "http.h"
#include "labels.h"
#include "layout.h"
#include "ncr.h"
#include "repo.h"
#include "text.h"
#include "trail.h"
#include "workspace.h"

#include <stdlib.h>
#include <string.h>

/* Subjects shown on an NCR's page; the rest are counted. */
#define SUBJECTS_SHOWN 100

static const char *const state_tokens[] = { "open", "analysed",
	"action-planned", "implemented", "verified", "closed", "rejected" };

static void
day_text(cf_day d, char buf[11])
{
	buf[0] = '\0';
	if (d != CF_DAY_NONE)
		cf_day_format(d, buf);
}

/* ---- the register ---- */

int
cf_web_page_ncrs(struct cf_web_req *r, struct cf_web_resp *w, const char *arg)
{
	const char *state = cf_web_query(r, "state");
	const char *owner = cf_web_query(r, "owner");
	const char *overdue = cf_web_query(r, "overdue");
	enum cf_ncr_state want = CF_NCR_OPEN;
	bool only_overdue = overdue && strcmp(overdue, "yes") == 0;
	bool only_open = state && strcmp(state, "any-open") == 0;
	struct cf_ncr *v = NULL;
	size_t n = 0, shown = 0;
	FILE *f = w->f;
	int rc;

	(void)arg;
	if (state && !only_open &&
	    (rc = cf_ncr_state_parse(state, &want)) < 0)
		return rc;
	if ((rc = cf_ncr_list(r->st, &v, &n)) < 0)
		return rc;
	cf_web_begin(r, w, CF_NAV_NCRS, "不符合项登记", "NCR register");

	fputs("<form class=\"filters\" method=\"get\" action=\"/ncrs\">"
	      "<label>",
	    f);
	cf_web_label(f, "状态", "State");
	fputs("<select name=\"state\"><option value=\"\">全部 all</option>"
	      "<option value=\"any-open\"",
	    f);
	fputs(only_open ? " selected" : "", f);
	fputs(">未关闭 open (any)</option>", f);
	for (size_t i = 0; i < CF_ARRAY_LEN(state_tokens); i++) {
		fprintf(f, "<option value=\"%s\"%s>", state_tokens[i],
		    state && strcmp(state, state_tokens[i]) == 0 ? " selected"
								 : "");
		cf_html_text(f, cf_label_ncr_state(state_tokens[i]));
		fputs("</option>", f);
	}
	fputs("</select></label><label>", f);
	cf_web_label(f, "责任人", "Owner");
	fputs("<input name=\"owner\" value=\"", f);
	cf_html_text(f, owner ? owner : "");
	fputs("\"></label><label>", f);
	cf_web_label(f, "逾期", "Overdue");
	fprintf(f,
	    "<select name=\"overdue\"><option value=\"\">—</option>"
	    "<option value=\"yes\"%s>仅逾期 overdue only</option></select>"
	    "</label><button type=\"submit\">筛选 <span class=\"en\">Filter"
	    "</span></button></form>\n",
	    only_overdue ? " selected" : "");

	static const char *const cols[] = { "编号", "NCR", "检查项", "Check",
		"严重程度", "Severity", "状态", "State", "责任人", "Owner",
		"到期", "Due", "已开天数", "Days open", "对象", "Subjects",
		"审核", "Audits" };
	cf_web_thead(f, cols, CF_ARRAY_LEN(cols));
	for (size_t i = 0; i < n; i++) {
		struct cf_ncr *x = &v[i];
		bool open = cf_ncr_is_open(x);
		bool late = open && x->due != CF_DAY_NONE && x->due < r->today;
		char name[32], due[11], href[48];
		if (state && !only_open && x->state != want)
			continue;
		if (only_open && !open)
			continue;
		if (owner && (x->owner == NULL || strcmp(x->owner, owner) != 0))
			continue;
		if (only_overdue && !late)
			continue;
		shown++;
		cf_ncr_name(x->number, name, sizeof name);
		snprintf(href, sizeof href, "/ncrs/%lld", (long long)x->number);
		fputs(late ? "<tr class=\"overdue\"><td>" : "<tr><td>", f);
		fprintf(f, "<a href=\"%s\">%s</a></td>", href, name);
		fputs("<td>", f);
		cf_html_text(f, x->check_id);
		if (x->check_title) {
			fputs(" ", f);
			cf_html_text(f, x->check_title);
		}
		fputs("</td>", f);
		cf_html_td(f, cf_label_severity(x->severity));
		cf_html_td(f, cf_label_ncr_state(cf_ncr_state_name(x->state)));
		cf_html_td(f, x->owner ? x->owner : "—");
		day_text(x->due, due);
		if (late) {
			fputs("<td class=\"overdue\">", f);
			cf_html_text(f, due);
			fputs(" 逾期 <span class=\"en\">overdue</span></td>", f);
		} else
			cf_html_td(f, *due ? due : "—");
		int64_t opened = cf_tz_day(r->tz, x->opened_at);
		int64_t end = open ? r->today
		    : x->closed_on != CF_DAY_NONE ? x->closed_on
						  : r->today;
		if (open)
			cf_html_td_int(f, end - opened);
		else
			cf_html_td(f, "—");
		cf_html_td_int(f, x->nsubjects);
		cf_html_td_int(f, x->naudits);
		fputs("</tr>\n", f);
	}
	fputs("</tbody></table></div>\n", f);
	fprintf(f, "<p class=\"note\">%zu / %zu ", shown, n);
	cf_web_label(f, "项", "NCRs shown");
	fputs("</p>\n", f);
	cf_web_end(r, w);
	for (size_t i = 0; i < n; i++)
		cf_ncr_release(&v[i]);
	free(v);
	return 0;
}

/* ---- one NCR ---- */

static void
fact(FILE *f, const char *zh, const char *en, const char *value)
{
	fputs("<tr><th>", f);
	cf_web_label(f, zh, en);
	fputs("</th><td>", f);
	cf_html_text(f, value && *value ? value : "—");
	fputs("</td></tr>\n", f);
}

struct history {
	FILE *f;
	struct cf_tz *tz;
};

static int
history_row(const struct cf_trail_entry *e, void *arg)
{
	struct history *h = arg;
	struct cf_time at = { e->at, 0, 0, true };
	char buf[64];

	cf_time_format_local(&at, h->tz, false, buf, sizeof buf);
	fputs("<tr>", h->f);
	cf_html_td(h->f, buf);
	cf_html_td(h->f, e->what);
	cf_html_td(h->f, e->actor);
	fputs("<td><code>", h->f);
	cf_html_text(h->f, e->data);
	fputs("</code></td>", h->f);
	cf_html_td_int(h->f, e->seq);
	fputs("</tr>\n", h->f);
	return 0;
}

/* The position of check `check_id` in audit `audit` (-1 when none). */
static int
check_pos(struct cf_store *st, int64_t audit, const char *check_id)
{
	struct cf_audit_checkrow *c = NULL;
	size_t n = 0;
	int pos = -1;

	if (cf_auditdb_checks(st, audit, &c, &n) < 0) {
		cf_error_clear();
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		if (pos < 0 && strcmp(c[i].check_id, check_id) == 0)
			pos = c[i].pos;
		cf_audit_checkrow_release(&c[i]);
	}
	free(c);
	return pos;
}

static void
text_field(FILE *f, const char *name, const char *zh, const char *en,
    const char *value, bool area)
{
	fprintf(f, "<label for=\"f-%s\">", name);
	cf_web_label(f, zh, en);
	fputs("</label>", f);
	if (area) {
		fprintf(f, "<textarea id=\"f-%s\" name=\"%s\">", name, name);
		cf_html_text(f, value ? value : "");
		fputs("</textarea>\n", f);
	} else {
		fprintf(f, "<input id=\"f-%s\" name=\"%s\" value=\"", name,
		    name);
		cf_html_text(f, value ? value : "");
		fputs("\">\n", f);
	}
}

static void
select_field(FILE *f, const char *name, const char *zh, const char *en,
    const char *const *opts, size_t n, const char *value)
{
	fprintf(f, "<label for=\"f-%s\">", name);
	cf_web_label(f, zh, en);
	fprintf(f, "</label><select id=\"f-%s\" name=\"%s\">"
		   "<option value=\"\">—</option>",
	    name, name);
	for (size_t i = 0; i < n; i++) {
		fprintf(f, "<option value=\"%s\"%s>", opts[i],
		    value && strcmp(value, opts[i]) == 0 ? " selected" : "");
		cf_html_text(f, cf_label_ncr_state(opts[i]));
		fputs("</option>", f);
	}
	fputs("</select>\n", f);
}

/* The update form: the next states and the fields, as they stand. */
static void
update_form(struct cf_web_req *r, FILE *f, const struct cf_ncr *n)
{
	static const char *const methods[] = { "5-why", "fishbone", "other" };
	static const char *const yesno[] = { "yes", "no" };
	const char *next[4];
	size_t nn = 0;
	bool frozen = n->state == CF_NCR_VERIFIED || n->state == CF_NCR_CLOSED;
	char due[11];

	switch (n->state) {
	case CF_NCR_OPEN:
		next[nn++] = "analysed";
		next[nn++] = "rejected";
		break;
	case CF_NCR_ANALYSED:
		next[nn++] = "action-planned";
		next[nn++] = "rejected";
		break;
	case CF_NCR_ACTION_PLANNED:
		next[nn++] = "implemented";
		next[nn++] = "rejected";
		break;
	case CF_NCR_VERIFIED:
		next[nn++] = "closed";
		break;
	default:
		break;
	}
	fprintf(f, "<form class=\"change\" method=\"post\" "
		   "action=\"/ncrs/%lld\">\n<h3>",
	    (long long)n->number);
	cf_web_label(f, frozen ? "更正（修订记录）" : "更新",
	    frozen ? "Amend (recorded beside the original)" : "Update");
	fputs("</h3>\n", f);
	cf_web_csrf_field(f, r);
	if (nn > 0)
		select_field(f, "state", "下一状态", "Next state", next, nn,
		    NULL);
	if (frozen && n->state == CF_NCR_CLOSED)
		fputs("<input type=\"hidden\" name=\"amend\" value=\"yes\">\n",
		    f);
	else if (frozen) {
		fputs("<label for=\"f-amend\">", f);
		cf_web_label(f, "以修订方式更正字段",
		    "Correct the fields by an amendment");
		fputs("</label><select id=\"f-amend\" name=\"amend\">"
		      "<option value=\"\">否 no</option><option "
		      "value=\"yes\">是 yes</option></select>\n",
		    f);
	}
	text_field(f, "correction", "纠正", "Correction", n->correction, true);
	text_field(f, "root-cause", "根本原因", "Root cause", n->root_cause,
	    true);
	fputs("<label for=\"f-method\">", f);
	cf_web_label(f, "分析方法", "Method");
	fputs("</label><select id=\"f-method\" name=\"method\">"
	      "<option value=\"\">—</option>",
	    f);
	for (size_t i = 0; i < CF_ARRAY_LEN(methods); i++) {
		fprintf(f, "<option value=\"%s\"%s>%s</option>", methods[i],
		    n->method && strcmp(n->method, methods[i]) == 0
			? " selected"
			: "",
		    methods[i]);
	}
	fputs("</select>\n", f);
	text_field(f, "action", "纠正措施", "Corrective action", n->action,
	    true);
	text_field(f, "owner", "责任人", "Owner", n->owner, false);
	day_text(n->due, due);
	fputs("<label for=\"f-due\">", f);
	cf_web_label(f, "到期日（YYYY-MM-DD）", "Due (YYYY-MM-DD)");
	fputs("</label><input id=\"f-due\" name=\"due\" type=\"date\" "
	      "value=\"",
	    f);
	cf_html_text(f, due);
	fputs("\">\n", f);
	text_field(f, "similar", "类似不符合的考虑", "Similar considered",
	    n->similar, true);
	fputs("<label for=\"f-risk\">", f);
	cf_web_label(f, "风险和机遇已更新", "Risks and opportunities updated");
	fputs("</label><select id=\"f-risk\" name=\"risk-update\">"
	      "<option value=\"\">—</option>",
	    f);
	for (size_t i = 0; i < 2; i++)
		fprintf(f, "<option value=\"%s\"%s>%s</option>", yesno[i],
		    n->risk_update == (i == 0 ? 1 : 0) ? " selected" : "",
		    i == 0 ? "是 yes" : "否 no");
	fputs("</select>\n", f);
	text_field(f, "effectiveness", "有效性证据", "Effectiveness evidence",
	    n->effectiveness, true);
	text_field(f, "reason",
	    frozen ? "更正理由" : "驳回理由（驳回时）",
	    frozen ? "Reason for the amendment" : "Reason (when rejecting)",
	    NULL, true);
	fputs("<p><button type=\"submit\">保存 <span class=\"en\">Save"
	      "</span></button></p>\n</form>\n",
	    f);
}

static void
verify_form(struct cf_web_req *r, FILE *f, const struct cf_ncr *n)
{
	int64_t *ids = NULL;
	size_t na = 0;

	if (cf_auditdb_ids_void(r->st, false, &ids, &na) < 0) {
		cf_error_clear();
		return;
	}
	fprintf(f, "<form class=\"change\" method=\"post\" "
		   "action=\"/ncrs/%lld/verify\">\n<h3>",
	    (long long)n->number);
	cf_web_label(f, "验证有效性", "Verify against a later audit");
	fputs("</h3>\n", f);
	cf_web_csrf_field(f, r);
	fputs("<label for=\"f-audit\">", f);
	cf_web_label(f, "后续审核", "Follow-up audit");
	fputs("</label><select id=\"f-audit\" name=\"audit\">", f);
	for (size_t i = na; i-- > 0;)
		fprintf(f, "<option value=\"%lld\">%lld</option>",
		    (long long)ids[i], (long long)ids[i]);
	fputs("</select>\n<p><button type=\"submit\">验证 <span class=\"en\">"
	      "Verify</span></button></p>\n</form>\n",
	    f);
	free(ids);
}

static int
ncr_page(struct cf_web_req *r, struct cf_web_resp *w, int64_t number,
    const char *refused, bool done)
{
	struct cf_strv audits = CF_STRV_INIT, subjects = CF_STRV_INIT;
	struct cf_ncr_amendment *am = NULL;
	size_t nam = 0;
	struct history hist = { .f = w->f, .tz = r->tz };
	char name[32], buf[64], zh[64];
	struct cf_ncr n;
	FILE *f = w->f;
	int rc;

	if ((rc = cf_ncr_get(r->st, number, &n)) < 0)
		return rc;
	if ((rc = cf_ncr_subjects(r->st, number, &audits, &subjects)) < 0 ||
	    (rc = cf_ncrdb_amendments(r->st, number, &am, &nam)) < 0)
		goto out;
	cf_ncr_name(number, name, sizeof name);
	snprintf(zh, sizeof zh, "不符合项 %s", name);
	cf_web_begin(r, w, CF_NAV_NCRS, zh, NULL);
	if (refused) {
		fputs("<p class=\"refused\">未保存 <span class=\"en\">Not "
		      "saved</span>: ",
		    f);
		cf_html_text(f, refused);
		fputs("</p>\n", f);
	} else if (done)
		fputs("<p class=\"done\">已保存 <span class=\"en\">Saved</span>"
		      "</p>\n",
		    f);

	fputs("<table class=\"facts\">\n", f);
	fact(f, "状态", "State", cf_label_ncr_state(cf_ncr_state_name(n.state)));
	fact(f, "检查表", "Checklist", n.checklist_id);
	snprintf(buf, sizeof buf, "%s (%s)", n.check_id, n.check_type);
	fact(f, "检查项", "Check", buf);
	fact(f, "标题", "Title", n.check_title);
	fact(f, "条款", "Clause", n.clause);
	fact(f, "严重程度", "Severity", cf_label_severity(n.severity));
	struct cf_time t = { n.opened_at, 0, 0, true };
	cf_time_format_local(&t, r->tz, false, buf, sizeof buf);
	fact(f, "开立", "Opened", buf);
	if (n.recurrence_of) {
		cf_ncr_name(n.recurrence_of, buf, sizeof buf);
		fact(f, "重复发生于", "Recurrence of", buf);
	}
	fact(f, "责任人", "Owner", n.owner);
	day_text(n.due, buf);
	bool late = cf_ncr_is_open(&n) && n.due != CF_DAY_NONE &&
	    n.due < r->today;
	fputs("<tr><th>", f);
	cf_web_label(f, "到期", "Due");
	fprintf(f, "</th><td%s>", late ? " class=\"overdue\"" : "");
	cf_html_text(f, *buf ? buf : "—");
	if (late)
		fputs(" 逾期 <span class=\"en\">overdue</span>", f);
	fputs("</td></tr>\n", f);
	fact(f, "纠正", "Correction", n.correction);
	fact(f, "根本原因", "Root cause", n.root_cause);
	fact(f, "分析方法", "Method", n.method);
	fact(f, "纠正措施", "Corrective action", n.action);
	fact(f, "类似不符合的考虑", "Similar considered", n.similar);
	fact(f, "风险和机遇已更新", "Risk update",
	    n.risk_update < 0	? NULL
		: n.risk_update ? "是 yes"
				: "否 no");
	fact(f, "有效性证据", "Effectiveness", n.effectiveness);
	buf[0] = '\0';
	if (n.verified_audit)
		snprintf(buf, sizeof buf, "%lld", (long long)n.verified_audit);
	fact(f, "验证审核", "Verified by audit", buf);
	day_text(n.closed_on, buf);
	fact(f, "关闭日期", "Closed on", buf);
	fact(f, "驳回理由", "Rejection reason", n.rejection);
	fputs("</table>\n", f);

	if (nam > 0) {
		static const char *const acols[] = { "时间", "When", "人员",
			"By", "字段", "Field", "现为", "Now reads", "理由",
			"Reason" };
		cf_web_h2(f, "修订", "Amendments (the fields above are the "
				   "originals)");
		cf_web_thead(f, acols, CF_ARRAY_LEN(acols));
		for (size_t i = 0; i < nam; i++) {
			struct cf_time at = { am[i].at, 0, 0, true };
			cf_time_format_local(&at, r->tz, false, buf, sizeof buf);
			fputs("<tr>", f);
			cf_html_td(f, buf);
			cf_html_td(f, am[i].actor);
			cf_html_td(f, am[i].field);
			cf_html_td(f, am[i].value);
			cf_html_td(f, am[i].reason);
			fputs("</tr>\n", f);
		}
		fputs("</tbody></table></div>\n", f);
	}

	/* the forms the viewer's role allows */
	if (cf_web_may(r, CF_ROLE_MANAGER) && n.state != CF_NCR_REJECTED)
		update_form(r, f, &n);
	if (cf_web_may(r, CF_ROLE_OFFICER) && n.state == CF_NCR_IMPLEMENTED)
		verify_form(r, f, &n);

	cf_web_h2(f, "不符合的对象", "Failing subjects");
	static const char *const scols[] = { "审核", "Audit", "对象",
		"Subject", "结果", "Result", "详情", "Detail" };
	cf_web_thead(f, scols, CF_ARRAY_LEN(scols));
	int64_t last_audit = -1;
	int pos = -1;
	for (size_t i = 0; i < subjects.n && i < SUBJECTS_SHOWN; i++) {
		int64_t a = strtoll(audits.v[i], NULL, 10);
		char *detail = NULL, *result = NULL;
		if (a != last_audit) {
			pos = check_pos(r->st, a, n.check_id);
			last_audit = a;
		}
		if (pos >= 0 &&
		    cf_auditdb_finding_detail(r->st, a, pos, subjects.v[i],
			&detail, &result) < 0)
			cf_error_clear();
		fprintf(f, "<tr><td><a href=\"/audits/%lld\">%lld</a></td><td>",
		    (long long)a, (long long)a);
		if (strcmp(subjects.v[i], "*") != 0) {
			fputs("<a href=\"", f);
			cf_web_href_path(f, "/cases/", subjects.v[i]);
			fputs("\">", f);
			cf_html_text(f, subjects.v[i]);
			fputs("</a></td>", f);
		} else {
			cf_html_text(f, subjects.v[i]);
			fputs("</td>", f);
		}
		cf_html_td(f, result ? cf_label(CF_LABEL_RESULT, result) : "—");
		cf_html_td(f, detail ? detail : "—");
		fputs("</tr>\n", f);
		free(detail);
		free(result);
	}
	fputs("</tbody></table></div>\n", f);
	if (subjects.n > SUBJECTS_SHOWN)
		fprintf(f,
		    "<p class=\"note\">前 %d 个，共 %zu 个 <span class=\"en\">"
		    "the first %d of %zu; every one is in the audit's "
		    "findings</span></p>\n",
		    SUBJECTS_SHOWN, subjects.n, SUBJECTS_SHOWN, subjects.n);

	cf_web_h2(f, "历史（审计追踪）", "History (from the trail)");
	static const char *const hcols[] = { "时间", "When", "操作", "Action",
		"人员", "By", "内容", "Data", "条目", "Entry" };
	cf_web_thead(f, hcols, CF_ARRAY_LEN(hcols));
	rc = cf_trail_each_subject(r->st, name, history_row, &hist);
	fputs("</tbody></table></div>\n", f);
	cf_web_end(r, w);
out:
	for (size_t i = 0; i < nam; i++)
		cf_ncr_amendment_release(&am[i]);
	free(am);
	cf_strv_release(&audits);
	cf_strv_release(&subjects);
	cf_ncr_release(&n);
	return rc;
}

static int
parse_number(const char *arg, int64_t *out)
{
	const char *end = strchr(arg, '/');
	char buf[32];
	size_t n = end ? (size_t)(end - arg) : strlen(arg);

	if (n == 0 || n >= sizeof buf)
		return cf_error_set(CF_ENOTFOUND, "no NCR '%.40s'", arg);
	memcpy(buf, arg, n);
	buf[n] = '\0';
	if (cf_ncr_parse_number(buf, out) < 0)
		return cf_error_set(CF_ENOTFOUND, "no NCR '%s'", buf);
	return 0;
}

int
cf_web_page_ncr(struct cf_web_req *r, struct cf_web_resp *w, const char *arg)
{
	int64_t number;
	int rc;

	if (strchr(arg, '/'))
		return cf_error_set(CF_ENOTFOUND, "no page /ncrs/%.60s", arg);
	if ((rc = parse_number(arg, &number)) < 0)
		return rc;
	return ncr_page(r, w, number, NULL, cf_web_query(r, "saved") != NULL);
}

/* The field when given and different from the NCR's value. */
static const char *
changed(const struct cf_web_req *r, const char *name, const char *now)
{
	const char *v = cf_web_form(r, name);

	if (v == NULL || cf_blank(v))
		return NULL;
	if (now && strcmp(now, v) == 0)
		return NULL;
	return v;
}

static int
refused_or(struct cf_web_req *r, struct cf_web_resp *w, int64_t number, int rc)
{
	char msg[512];

	if (rc != CF_EINVALID && rc != CF_EUSAGE && rc != CF_ENOTFOUND &&
	    rc != CF_ECONFLICT)
		return rc;
	snprintf(msg, sizeof msg, "%s", cf_error_message());
	cf_error_clear();
	fclose(w->f);
	free(w->body);
	w->body = NULL;
	w->len = 0;
	w->f = open_memstream(&w->body, &w->len);
	w->status = 409;
	return ncr_page(r, w, number, msg, false);
}

static void
saved(struct cf_web_resp *w, int64_t number)
{
	char loc[64];
	snprintf(loc, sizeof loc, "/ncrs/%lld?saved=1", (long long)number);
	cf_web_redirect(w, loc);
}

static int
update_post(struct cf_web_req *r, struct cf_web_resp *w, int64_t number)
{
	struct cf_ncr_change c = { 0 };
	const char *due, *amend = cf_web_form(r, "amend");
	bool is_amend = amend && strcmp(amend, "yes") == 0;
	const char *reason;
	char have_due[11];
	struct cf_ncr n;
	int rc;

	if (!cf_web_may(r, CF_ROLE_MANAGER))
		return cf_web_forbid(r, w,
		    "审核员账户不能更改不符合项。 An auditor's account may "
		    "not change NCRs.");
	if ((rc = cf_ncr_get(r->st, number, &n)) < 0)
		return rc;
	c.state = changed(r, "state", NULL);
	c.owner = changed(r, "owner", n.owner);
	c.correction = changed(r, "correction", n.correction);
	c.root_cause = changed(r, "root-cause", n.root_cause);
	c.method = changed(r, "method", n.method);
	c.action = changed(r, "action", n.action);
	c.similar = changed(r, "similar", n.similar);
	c.risk_update = changed(r, "risk-update",
	    n.risk_update < 0 ? NULL : n.risk_update ? "yes" : "no");
	c.effectiveness = changed(r, "effectiveness", n.effectiveness);
	reason = changed(r, "reason", NULL);
	day_text(n.due, have_due);
	due = changed(r, "due", have_due);
	if (due) {
		if (cf_day_parse(&c.due, due, strlen(due)) < 0) {
			rc = cf_error_set(CF_EUSAGE, "due: %s",
			    cf_error_message());
			goto out;
		}
		c.has_due = true;
	}
	if (!is_amend)
		c.rejection = reason;
	if (!is_amend && c.state == NULL && c.owner == NULL &&
	    c.correction == NULL && c.root_cause == NULL && c.method == NULL &&
	    c.action == NULL && c.similar == NULL && c.risk_update == NULL &&
	    c.effectiveness == NULL && !c.has_due) {
		rc = cf_error_set(CF_EINVALID,
		    "nothing changed: no field differs from the NCR's");
		goto out;
	}
	rc = cf_ncr_apply(r->st, number, &c,
	    is_amend ? (reason ? reason : "") : NULL, r->now, r->today,
	    r->acct.login);
	if (rc == 0)
		saved(w, number);
out:
	cf_ncr_release(&n);
	return rc < 0 ? refused_or(r, w, number, rc) : 0;
}

int
cf_web_page_ncr_post(struct cf_web_req *r, struct cf_web_resp *w,
    const char *arg)
{
	const char *slash = strchr(arg, '/');
	struct cf_repo *repo = NULL;
	int64_t number, audit;
	const char *a;
	char *end;
	int rc;

	if ((rc = parse_number(arg, &number)) < 0)
		return rc;
	if (slash == NULL)
		return update_post(r, w, number);
	if (strcmp(slash, "/verify") != 0)
		return cf_error_set(CF_ENOTFOUND, "no page /ncrs/%.60s", arg);
	if (!cf_web_may(r, CF_ROLE_OFFICER))
		return cf_web_forbid(r, w,
		    "只有质量专员可以验证不符合项。 Only an officer's account "
		    "may verify NCRs.");
	a = cf_web_form(r, "audit");
	if (a == NULL || *a == '\0')
		return refused_or(r, w, number,
		    cf_error_set(CF_EUSAGE, "which audit proves it? (audit)"));
	audit = strtoll(a, &end, 10);
	if (*end != '\0' || audit <= 0)
		return refused_or(r, w, number,
		    cf_error_set(CF_EUSAGE, "invalid audit id '%.40s'", a));
	if ((rc = cf_repo_open(&repo, cf_ws_root(r->ws))) < 0)
		return rc;
	rc = cf_ncr_verify_apply(r->st, repo, r->tz, number, audit, r->now,
	    r->acct.login);
	cf_repo_free(repo);
	if (rc == 0)
		saved(w, number);
	return rc < 0 ? refused_or(r, w, number, rc) : 0;
}

int
cf_web_page_ncr_verify(struct cf_web_req *r, struct cf_web_resp *w,
    const char *arg)
{
	return cf_web_page_ncr_post(r, w, arg);
}
