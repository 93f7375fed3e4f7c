/* SPDX-License-Identifier: MIT */
/*
 * page-case.c - GET /cases/ID (SPEC 13): one stored case as `conform
 * cases show ID` shows it (cli/cmd-cases-show.c) - its fields, its
 * events in their order and its 好差评 evaluations - read the same way,
 * through the case reader (cases/reader.h cf_case_reader_open_one), as
 * three tables.  Times are local, in the workspace zone; a field not
 * recorded shows "—".
 */
#include "conform.h"
#include "amount.h"
#include "html.h"
#include "http.h"
#include "layout.h"
#include "reader.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
fact(FILE *f, const char *zh, const char *en, const char *value)
{
	fputs("<tr><th>", f);
	cf_web_label(f, zh, en);
	fputs("</th><td>", f);
	cf_html_text(f, value ? value : "—");
	fputs("</td></tr>\n", f);
}

static const char *
time_text(struct cf_tz *tz, bool set, const struct cf_time *t, char *buf,
    size_t size)
{
	if (!set)
		return NULL;
	cf_time_format_local(t, tz, true, buf, size);
	return buf;
}

static void
td_time(FILE *f, struct cf_tz *tz, bool set, const struct cf_time *t)
{
	char buf[64];
	const char *s = time_text(tz, set, t, buf, sizeof buf);

	cf_html_td_class(f, "key", s ? s : "—");
}

static void
show_fields(FILE *f, struct cf_tz *tz, const struct cf_case *c)
{
	char buf[64];
	struct cf_buf m = CF_BUF_INIT;

	fputs("<div class=\"wide\"><table class=\"facts\">\n", f);
	fact(f, "办件编号", "Case", c->id);
	fputs("<tr><th>", f);
	cf_web_label(f, "事项", "Procedure");
	fputs("</th><td><a href=\"", f);
	cf_web_href_path(f, "/documents/", c->procedure_id);
	fputs("\">", f);
	cf_html_text(f, c->procedure_id);
	fputs("</a></td></tr>\n", f);
	fact(f, "收件时间", "Received",
	    time_text(tz, c->received, &c->received_at, buf, sizeof buf));
	fact(f, "受理时间", "Accepted",
	    time_text(tz, true, &c->accepted, buf, sizeof buf));
	fact(f, "办结时间", "Completed",
	    c->completed
		? time_text(tz, true, &c->completed_at, buf, sizeof buf)
		: "未办结 pending");
	if (c->fee_recorded)
		cf_amount_format(c->fee_fen, buf, sizeof buf);
	fact(f, "收费", "Fee charged", c->fee_recorded ? buf : NULL);
	if (c->materials_recorded)
		for (size_t i = 0; i < c->nmaterials; i++) {
			if (i)
				cf_buf_adds(&m, "; ");
			cf_buf_adds(&m, c->materials[i]);
		}
	fact(f, "收取材料", "Materials",
	    c->materials_recorded ? (m.s ? m.s : "") : NULL);
	cf_buf_release(&m);
	fact(f, "窗口", "Window", c->window);
	fact(f, "渠道", "Channel", c->channel);
	fputs("</table></div>\n", f);
}

static void
show_events(FILE *f, struct cf_tz *tz, const struct cf_case *c)
{
	static const char *const cols[] = { "序号", "n", "环节", "Activity",
		"时间", "Timestamp", "经办人", "Actor", "岗位", "Role" };

	cf_web_h2(f, "办理过程", "Events");
	if (c->events_over) {
		fprintf(f, "<p class=\"refused\">%zu ", c->events_over);
		cf_web_label(f, "个环节，过多，未能显示。",
		    "events: more than one case may hold, none shown.");
		fputs("</p>\n", f);
		return;
	}
	if (c->nevents == 0) {
		fputs("<p>", f);
		cf_web_label(f, "没有记录的环节。", "No event is recorded.");
		fputs("</p>\n", f);
		return;
	}
	cf_web_thead(f, cols, CF_ARRAY_LEN(cols));
	for (size_t i = 0; i < c->nevents; i++) {
		const struct cf_event *e = &c->events[i];
		cf_html_tr(f);
		cf_html_td_int(f, (int64_t)i + 1);
		cf_html_td(f, e->activity);
		td_time(f, tz, true, &e->ts);
		cf_html_td(f, e->actor ? e->actor : "—");
		cf_html_td(f, e->role ? e->role : "—");
		cf_html_tr_end(f);
	}
	fputs("</tbody></table></div>\n", f);
}

static void
show_evaluations(FILE *f, struct cf_tz *tz, const struct cf_case *c)
{
	static const char *const cols[] = { "序号", "n", "评价时间",
		"Rated at", "评分", "Rating", "渠道", "Channel", "实名",
		"Real name", "回访时间", "Revisit", "整改时间", "Rectified",
		"评价内容", "Comment" };

	cf_web_h2(f, "好差评", "Evaluations");
	if (c->nevaluations == 0) {
		fputs("<p>", f);
		cf_web_label(f, "没有评价。", "No evaluation is recorded.");
		fputs("</p>\n", f);
		return;
	}
	cf_web_thead(f, cols, CF_ARRAY_LEN(cols));
	for (size_t i = 0; i < c->nevaluations; i++) {
		const struct cf_evaluation *v = &c->evaluations[i];
		cf_html_tr(f);
		cf_html_td_int(f, (int64_t)i + 1);
		td_time(f, tz, true, &v->rated_at);
		cf_html_td_int(f, v->rating);
		cf_html_td(f, v->channel ? v->channel : "—");
		cf_html_td(f, v->real_name < 0 ? "—"
			: v->real_name	       ? "是 yes"
					       : "否 no");
		td_time(f, tz, v->revisited, &v->revisit_at);
		td_time(f, tz, v->rectified, &v->rectified_at);
		cf_html_td_class(f, "title", v->comment ? v->comment : "—");
		cf_html_tr_end(f);
	}
	fputs("</tbody></table></div>\n", f);
}

int
cf_web_page_case(struct cf_web_req *r, struct cf_web_resp *w, const char *arg)
{
	struct cf_case_reader *rd = NULL;
	const struct cf_case *c = NULL;
	int rc;

	if (*arg == '\0' || strchr(arg, '/'))
		return cf_error_set(CF_ENOTFOUND, "no case '%s'", arg);
	if ((rc = cf_case_reader_open_one(&rd, r->st, arg)) < 0)
		return rc;
	if ((rc = cf_case_reader_next(rd, &c)) < 0)
		goto out;
	if (rc == 0) {
		rc = cf_error_set(CF_ENOTFOUND, "no case '%s' is stored", arg);
		goto out;
	}
	rc = 0;
	{
		char *title = cf_xasprintf("办件 %s", c->id);
		cf_web_begin(r, w, CF_NAV_AUDITS, title, "Case");
		free(title);
	}
	show_fields(w->f, r->tz, c);
	show_events(w->f, r->tz, c);
	show_evaluations(w->f, r->tz, c);
	cf_web_end(r, w);
out:
	cf_case_reader_free(rd);
	return rc;
}
