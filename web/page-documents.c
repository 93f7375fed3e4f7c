/* SPDX-License-Identifier: MIT */
/*
 * page-documents.c - GET /documents and GET /documents/ID (SPEC 13).
 *
 * Both read the document history as the commands do: the index of
 * main's first-parent history (cf_docindex_open_ws, cached in the
 * store), opened per request - libgit2 and libxml2 objects are never
 * shared between the worker threads.
 *
 *   /documents?date=YYYY-MM-DD   every document in force on the day
 *       (default today), per type, as the review and the evidence pack
 *       find them (cf_report_in_force);
 *   /documents/ID[?type=TYPE]    its history, newest first, as `doc
 *       log ID` (with cf_docdiff_change's one line per version), and a
 *       form to compare two versions;
 *       &a=COMMIT&b=COMMIT       the field diff of the two versions, as
 *       `doc diff` (procedures/docdiff.h);
 *       ?raw=COMMIT              the file as that commit holds it,
 *       text/plain, shown inline.
 * A commit is given in full or by a prefix of at least 7 hex digits, and
 * must be one of the document's versions.
 */
#include "conform.h"
#include "docdiff.h"
#include "docindex.h"
#include "html.h"
#include "http.h"
#include "labels.h"
#include "layout.h"
#include "repo.h"
#include "report.h"

#include <stdlib.h>
#include <string.h>

static const enum cf_doc_type listed[] = { CF_DOC_PROCEDURE, CF_DOC_STANDARD,
	CF_DOC_CHECKLIST, CF_DOC_CALENDAR };

static const char *
title_of(const struct cf_doc *d)
{
	if (d == NULL)
		return NULL;
	switch (d->type) {
	case CF_DOC_PROCEDURE:
		return d->u.proc.title;
	case CF_DOC_STANDARD:
		return d->u.std.title;
	case CF_DOC_CHECKLIST:
		return d->u.list.title;
	case CF_DOC_CALENDAR:
		return d->u.cal.title;
	default:
		return NULL;
	}
}

static void
td_approver(FILE *f, const struct cf_docversion *v)
{
	char *appr = cf_docversion_approver(v);

	if (appr == NULL) {
		fputs("<td class=\"fail\">", f);
		cf_web_label(f, "未批准", "not approved");
		fputs("</td>", f);
	} else
		cf_html_td(f, appr);
	free(appr);
}

static void
td_commit(FILE *f, const char *commit)
{
	fputs("<td class=\"id\">", f);
	cf_html_textf(f, "%.12s", commit);
	fputs("</td>", f);
}

static void
doc_link(FILE *f, const struct cf_docversion *v, const char *query)
{
	fputs("<a href=\"", f);
	cf_web_href_path(f, "/documents/", v->id);
	if (query)
		cf_html_text(f, query);
	fputs("\">", f);
}

int
cf_web_page_documents(struct cf_web_req *r, struct cf_web_resp *w,
    const char *arg)
{
	static const char *const cols[] = { "文件", "Document", "类型", "Type",
		"名称", "Title", "版本", "Commit", "生效日期", "Effective from",
		"批准", "Approved" };
	const char *date = cf_web_query(r, "date");
	struct cf_repo *repo = NULL;
	struct cf_docindex *idx = NULL;
	cf_day day = r->today;
	char ds[11];
	FILE *f = w->f;
	size_t shown = 0, invalid = 0;
	int rc;

	(void)arg;
	if (date && cf_day_parse(&day, date, strlen(date)) < 0)
		return cf_error_set(CF_EUSAGE, "date '%s': %s", date,
		    cf_error_message());
	if ((rc = cf_docindex_open_ws(r->ws, &repo, &idx)) < 0)
		goto out;
	cf_day_format(day, ds);
	cf_web_begin(r, w, CF_NAV_DOCUMENTS, "现行文件", "Documents in force");
	fputs("<form class=\"filters\" method=\"get\"><label>", f);
	cf_web_label(f, "日期", "Date");
	fputs("<input type=\"date\" name=\"date\" value=\"", f);
	cf_html_text(f, ds);
	fputs("\"></label><button type=\"submit\">查看 <span "
	      "class=\"en\">Show</span></button></form>\n",
	    f);
	cf_web_thead(f, cols, CF_ARRAY_LEN(cols));
	for (size_t t = 0; t < CF_ARRAY_LEN(listed); t++) {
		struct cf_inforce *in = NULL;
		size_t n = 0, bad = 0;
		if ((rc = cf_report_in_force(idx, listed[t], day, &in, &n,
			 &bad)) < 0)
			goto out;
		invalid += bad;
		for (size_t i = 0; i < n; i++) {
			const struct cf_docversion *v = in[i].v;
			char eff[11];
			cf_html_tr(f);
			fputs("<td class=\"key\">", f);
			doc_link(f, v, NULL);
			cf_html_text(f, v->id);
			fputs("</a></td>", f);
			cf_web_td_label(f, CF_LABEL_DOC_TYPE,
			    cf_doc_type_name(v->type));
			cf_html_td_class(f, "title", title_of(in[i].doc));
			td_commit(f, v->commit);
			cf_day_format(v->effective_from, eff);
			cf_html_td_class(f, "key", eff);
			td_approver(f, v);
			cf_html_tr_end(f);
			shown++;
		}
		free(in);
	}
	fputs("</tbody></table></div>\n", f);
	fputs("<p>", f);
	cf_html_textf(f, "%zu ", shown);
	cf_web_label(f, "份文件现行", "documents in force on");
	fputs(" ", f);
	cf_html_text(f, ds);
	if (invalid) {
		cf_html_textf(f, "; %zu ", invalid);
		cf_web_label(f, "份现行版本未通过校验，未列出",
		    "versions in force do not validate and are left out");
	}
	fputs("</p>\n", f);
	cf_web_end(r, w);
out:
	cf_docindex_free(idx);
	cf_repo_free(repo);
	return rc;
}

/* ---- one document ---- */

/* The version of `hist` whose commit `c` names (in full or by a prefix
 * of at least 7 hex digits). */
static int
version_of(struct cf_docversion *const *hist, size_t nh, const char *what,
    const char *c, size_t *out)
{
	size_t len = strlen(c), found = nh;

	if (len < 7 || len > 40 || strspn(c, "0123456789abcdef") != len)
		return cf_error_set(CF_EUSAGE,
		    "%s '%s': expected a commit, 7 to 40 lowercase hex digits",
		    what, c);
	for (size_t i = 0; i < nh; i++)
		if (strncmp(hist[i]->commit, c, len) == 0) {
			if (found < nh && strcmp(hist[found]->commit,
					      hist[i]->commit) != 0)
				return cf_error_set(CF_EUSAGE,
				    "%s '%s': more than one version's commit "
				    "begins so; give more digits",
				    what, c);
			found = i;
		}
	if (found == nh)
		return cf_error_set(CF_ENOTFOUND,
		    "%s '%s': no version of the document was committed there",
		    what, c);
	*out = found;
	return 0;
}

static int
send_raw(struct cf_web_resp *w, struct cf_docindex *idx,
    const struct cf_docversion *v)
{
	struct cf_buf b = CF_BUF_INIT;
	int rc;

	if (v->deleted)
		return cf_error_set(CF_ENOTFOUND,
		    "commit %.12s deleted %s: there is no file to show",
		    v->commit, v->path);
	if ((rc = cf_docindex_bytes(idx, v, &b)) < 0)
		return rc;
	w->type = "text/plain; charset=utf-8";
	cf_web_header(w, "Content-Disposition", "inline");
	if (b.len)
		fwrite(b.s, 1, b.len, w->f);
	cf_buf_release(&b);
	return 0;
}

static int
show_diff(FILE *f, struct cf_docindex *idx, const struct cf_docversion *va,
    const struct cf_docversion *vb)
{
	static const char *const cols[] = { "字段", "Field", "原值", "Old",
		"新值", "New" };
	const struct cf_doc *a = NULL, *b = NULL;
	struct cf_docdiff d = CF_DOCDIFF_INIT;
	int rc;

	if ((!va->deleted && (rc = cf_docindex_doc(idx, va, &a)) < 0) ||
	    (!vb->deleted && (rc = cf_docindex_doc(idx, vb, &b)) < 0))
		return rc; /* CF_EINVALID: that version does not validate */
	cf_docdiff(a, b, &d);
	fputs("<h2 id=\"diff\">", f);
	cf_web_label(f, "版本比较", "Differences");
	fputs(" <span class=\"id\">", f);
	cf_html_textf(f, "%.12s → %.12s", va->commit, vb->commit);
	fputs("</span></h2>\n", f);
	if (d.n == 0) {
		fputs("<p>", f);
		cf_web_label(f, "字段无差异。", "No field-level differences.");
		fputs("</p>\n", f);
	} else {
		cf_web_thead(f, cols, CF_ARRAY_LEN(cols));
		for (size_t i = 0; i < d.n; i++) {
			cf_html_tr(f);
			cf_html_td_class(f, "key", d.v[i].field);
			cf_html_td_class(f, "title",
			    d.v[i].old ? d.v[i].old : "（无 absent）");
			cf_html_td_class(f, "title",
			    d.v[i].new ? d.v[i].new : "（无 absent）");
			cf_html_tr_end(f);
		}
		fputs("</tbody></table></div>\n", f);
	}
	cf_docdiff_release(&d);
	return 0;
}

static void
commit_select(FILE *f, const char *name, struct cf_docversion *const *hist,
    size_t nh, size_t sel)
{
	fprintf(f, "<select name=\"%s\">", name);
	for (size_t i = nh; i > 0; i--) {
		fputs("<option value=\"", f);
		cf_html_text(f, hist[i - 1]->commit);
		fprintf(f, "\"%s>", i - 1 == sel ? " selected" : "");
		cf_html_textf(f, "%.12s", hist[i - 1]->commit);
		fputs("</option>", f);
	}
	fputs("</select>", f);
}

static void
show_history(FILE *f, struct cf_docindex *idx, struct cf_tz *tz,
    struct cf_docversion *const *hist, size_t nh)
{
	static const char *const cols[] = { "版本", "Commit", "日期", "Date",
		"生效日期", "Effective from", "作者", "Author", "批准",
		"Approved by", "变更", "Change", "文件", "File" };

	cf_web_h2(f, "版本历史", "History");
	cf_web_thead(f, cols, CF_ARRAY_LEN(cols));
	for (size_t k = nh; k > 0; k--) {
		const struct cf_docversion *v = hist[k - 1];
		struct cf_time t = { v->commit_time, 0, 0, true };
		char date[40], eff[11], *who, *change;
		cf_time_format_local(&t, tz, false, date, sizeof date);
		date[16] = '\0';
		cf_day_format(v->effective_from, eff);
		who = cf_person(v->author_name, v->author_email);
		change = cf_docdiff_change(idx, hist, k - 1);
		cf_html_tr(f);
		td_commit(f, v->commit);
		cf_html_td_class(f, "key", date);
		cf_html_td_class(f, "key", v->deleted ? "—" : eff);
		cf_html_td(f, who);
		td_approver(f, v);
		fputs("<td class=\"title\">", f);
		cf_html_text(f, change);
		if (k > 1) {
			char *q = cf_xasprintf("?a=%s&b=%s#diff",
			    hist[k - 2]->commit, v->commit);
			fputs(" ", f);
			doc_link(f, v, q);
			cf_web_label(f, "比较", "diff");
			fputs("</a>", f);
			free(q);
		}
		fputs("</td><td>", f);
		if (!v->deleted) {
			char *q = cf_xasprintf("?raw=%s", v->commit);
			doc_link(f, v, q);
			cf_web_label(f, "原文", "as committed");
			fputs("</a>", f);
			free(q);
		}
		fputs("</td>", f);
		cf_html_tr_end(f);
		free(who);
		free(change);
	}
	fputs("</tbody></table></div>\n", f);
}

int
cf_web_page_document(struct cf_web_req *r, struct cf_web_resp *w,
    const char *arg)
{
	const char *type_s = cf_web_query(r, "type");
	const char *raw = cf_web_query(r, "raw");
	const char *qa = cf_web_query(r, "a"), *qb = cf_web_query(r, "b");
	struct cf_repo *repo = NULL;
	struct cf_docindex *idx = NULL;
	struct cf_docversion *const *hist;
	enum cf_doc_type type, want;
	size_t nh, ka = 0, kb = 0, kr = 0;
	int rc;

	if (type_s && cf_doc_type_parse(type_s, &want) < 0)
		return cf_error_set(CF_EUSAGE, "type '%s': %s", type_s,
		    cf_error_message());
	if ((qa == NULL) != (qb == NULL))
		return cf_error_set(CF_EUSAGE,
		    "a diff needs both a=COMMIT and b=COMMIT");
	if ((rc = cf_docindex_open_ws(r->ws, &repo, &idx)) < 0)
		goto out;
	if ((rc = cf_docindex_find_type(idx, arg, type_s ? (int)want : -1,
		 &type)) < 0)
		goto out;
	hist = cf_docindex_history(idx, type, arg, &nh);
	if (hist == NULL || nh == 0) {
		rc = cf_error_set(CF_ENOTFOUND, "no document '%s'", arg);
		goto out;
	}
	if ((raw && (rc = version_of(hist, nh, "raw", raw, &kr)) < 0) ||
	    (qa && (rc = version_of(hist, nh, "a", qa, &ka)) < 0) ||
	    (qb && (rc = version_of(hist, nh, "b", qb, &kb)) < 0))
		goto out;
	if (raw) {
		rc = send_raw(w, idx, hist[kr]);
		goto out;
	}
	{
		char *title = cf_xasprintf("%s %s",
		    cf_label_zh(CF_LABEL_DOC_TYPE, cf_doc_type_name(type)),
		    arg);
		cf_web_begin(r, w, CF_NAV_DOCUMENTS, title,
		    cf_label_en(CF_LABEL_DOC_TYPE, cf_doc_type_name(type)));
		free(title);
	}
	{
		const struct cf_doc *d = NULL;
		const struct cf_docversion *now =
		    cf_docindex_in_force(idx, type, arg, r->today);
		if (now && !now->deleted && !now->invalid &&
		    cf_docindex_doc(idx, now, &d) == 0 && title_of(d)) {
			fputs("<p>", w->f);
			cf_html_text(w->f, title_of(d));
			fputs("</p>\n", w->f);
		}
		cf_error_clear();
	}
	if (qa && (rc = show_diff(w->f, idx, hist[ka], hist[kb])) < 0)
		goto out;
	show_history(w->f, idx, r->tz, hist, nh);
	if (nh > 1) {
		cf_web_h2(w->f, "比较两个版本", "Compare two versions");
		fputs("<form class=\"filters\" method=\"get\" "
		      "action=\"#diff\">",
		    w->f);
		if (type_s) {
			fputs("<input type=\"hidden\" name=\"type\" value=\"",
			    w->f);
			cf_html_text(w->f, type_s);
			fputs("\">", w->f);
		}
		fputs("<label>", w->f);
		cf_web_label(w->f, "原版本", "From");
		commit_select(w->f, "a", hist, nh, qa ? ka : nh - 2);
		fputs("</label><label>", w->f);
		cf_web_label(w->f, "新版本", "To");
		commit_select(w->f, "b", hist, nh, qb ? kb : nh - 1);
		fputs("</label><button type=\"submit\">比较 <span "
		      "class=\"en\">Compare</span></button></form>\n",
		    w->f);
	}
	cf_web_end(r, w);
out:
	cf_docindex_free(idx);
	cf_repo_free(repo);
	return rc;
}
