/* SPDX-License-Identifier: MIT */
/*
 * layout.c - the frame of every page (see layout.h): the reports' style
 * sheet with the application's additions, served as one file; the head,
 * the navigation with who is logged in, and the end.
 */
#include "conform.h"
#include "html.h"
#include "labels.h"
#include "layout.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static const char web_css[] =
    "body{max-width:72em;margin:0 auto;padding:0 1em 2em}\n"
    "nav.top{display:flex;flex-wrap:wrap;align-items:center;gap:.2em 1.2em;"
    "border-bottom:2px solid #1565c0;padding:.6em 0;margin-bottom:1em}\n"
    "nav.top a{color:#1565c0;padding:.2em 0}\n"
    "nav.top a.here{font-weight:bold;border-bottom:2px solid #1565c0}\n"
    "nav.top .brand{font-weight:bold;color:#222;margin-right:.5em}\n"
    "nav.top .who{margin-left:auto;color:#555;font-size:.92em}\n"
    "nav.top form{display:inline;margin:0}\n"
    ".en{color:#555;font-size:.9em}\n"
    "main a,td a{color:#1565c0;text-decoration:underline}\n"
    "td:first-child a{white-space:nowrap}\n"
    "button,input[type=submit]{font:inherit;padding:.3em .9em;"
    "border:1px solid #1565c0;background:#1565c0;color:#fff;"
    "border-radius:3px;cursor:pointer}\n"
    "nav.top button{background:#fff;color:#1565c0;padding:.1em .6em}\n"
    "button .en{color:inherit}\n"
    "input,select,textarea{font:inherit;padding:.25em;border:1px solid #999;"
    "border-radius:3px;max-width:100%;box-sizing:border-box}\n"
    "textarea{width:100%;min-height:4em}\n"
    "form.filters{display:flex;flex-wrap:wrap;gap:.5em 1em;align-items:end;"
    "margin:.5em 0 1em}\n"
    "form.filters label{display:flex;flex-direction:column;font-size:.92em}\n"
    "form.change{border:1px solid #bbb;padding:.5em 1em 1em;margin:1em 0;"
    "border-radius:4px}\n"
    "form.change label{display:block;margin:.6em 0 .2em}\n"
    "form.login{max-width:22em}\n"
    "form.login label{display:block;margin:.8em 0 .2em}\n"
    "form.login input{width:100%}\n"
    "p.refused{color:#b71c1c;font-weight:bold}\n"
    "p.done{color:#1b5e20;font-weight:bold}\n"
    ".overdue,td.overdue{color:#b71c1c;font-weight:bold}\n"
    "nav.pages{margin:1em 0;display:flex;gap:1em;flex-wrap:wrap}\n"
    "div.wide{overflow-x:auto}\n"
    "@media (max-width:40em){body{padding:0 .5em 1em}h1{font-size:1.3em}"
    "th,td{padding:.2em .3em}table{font-size:.92em}}\n"
    "@media print{nav.top,form.change,form.filters,nav.pages{display:none}}\n";

static char *css;
static size_t css_len;
static pthread_once_t css_once = PTHREAD_ONCE_INIT;

static void
css_make(void)
{
	size_t bn;
	const char *base = cf_html_css(&bn);

	css_len = bn + sizeof web_css - 1;
	css = cf_xmalloc(css_len);
	memcpy(css, base, bn);
	memcpy(css + bn, web_css, sizeof web_css - 1);
}

const char *
cf_web_css(size_t *len)
{
	(void)pthread_once(&css_once, css_make);
	*len = css_len;
	return css;
}

void
cf_web_label(FILE *f, const char *zh, const char *en)
{
	cf_html_text(f, zh);
	if (en && *en) {
		fputs(" <span class=\"en\">", f);
		cf_html_text(f, en);
		fputs("</span>", f);
	}
}

void
cf_web_h2(FILE *f, const char *zh, const char *en)
{
	fputs("<h2>", f);
	cf_web_label(f, zh, en);
	fputs("</h2>\n", f);
}

void
cf_web_thead(FILE *f, const char *const *cols, int n)
{
	fputs("<div class=\"wide\"><table>\n<thead><tr>", f);
	for (int i = 0; i + 1 < n; i += 2) {
		fputs("<th>", f);
		cf_web_label(f, cols[i], cols[i + 1]);
		fputs("</th>", f);
	}
	fputs("</tr></thead>\n<tbody>\n", f);
}

void
cf_web_csrf_field(FILE *f, const struct cf_web_req *r)
{
	fputs("<input type=\"hidden\" name=\"csrf\" value=\"", f);
	cf_html_text(f, r->csrf);
	fputs("\">", f);
}

/* %XX for everything but unreserved bytes. */
static void
url_part(struct cf_buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_' ||
		    c == '.' || c == '~')
			cf_buf_addc(b, (char)c);
		else {
			cf_buf_addc(b, '%');
			cf_buf_addc(b, hex[c >> 4]);
			cf_buf_addc(b, hex[c & 15]);
		}
	}
}

void
cf_web_href(FILE *f, const char *path, const char *const *keys,
    const char *const *vals, int n)
{
	struct cf_buf b = CF_BUF_INIT;
	char sep = '?';

	cf_buf_adds(&b, path);
	for (int i = 0; i < n; i++) {
		if (vals[i] == NULL || *vals[i] == '\0')
			continue;
		cf_buf_addc(&b, sep);
		sep = '&';
		url_part(&b, keys[i]);
		cf_buf_addc(&b, '=');
		url_part(&b, vals[i]);
	}
	cf_html_text(f, b.s);
	cf_buf_release(&b);
}

void
cf_web_href_path(FILE *f, const char *prefix, const char *part)
{
	struct cf_buf b = CF_BUF_INIT;

	cf_buf_adds(&b, prefix);
	url_part(&b, part);
	cf_html_text(f, b.s);
	cf_buf_release(&b);
}

static const struct {
	enum cf_web_nav nav;
	const char *href, *zh, *en;
} nav_items[] = {
	{ CF_NAV_OVERVIEW, "/", "概览", "Overview" },
	{ CF_NAV_AUDITS, "/audits", "审核", "Audits" },
	{ CF_NAV_NCRS, "/ncrs", "不符合项", "NCRs" },
	{ CF_NAV_DOCUMENTS, "/documents", "受控文件", "Documents" },
	{ CF_NAV_DOWNLOADS, "/downloads", "下载", "Downloads" },
};

static const char *
role_zh(enum cf_role r)
{
	return r == CF_ROLE_OFFICER   ? "质量专员"
	    : r == CF_ROLE_MANAGER ? "管理者"
				   : "审核员";
}

void
cf_web_begin(struct cf_web_req *r, struct cf_web_resp *w, enum cf_web_nav nav,
    const char *zh, const char *en)
{
	FILE *f = w->f;

	fputs("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n"
	      "<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, "
	      "initial-scale=1\">\n<title>",
	    f);
	cf_html_text(f, zh);
	if (en) {
		fputs(" ", f);
		cf_html_text(f, en);
	}
	fputs(" · conform</title>\n"
	      "<link rel=\"stylesheet\" href=\"/static/conform.css\">\n"
	      "</head>\n<body>\n<nav class=\"top\">"
	      "<span class=\"brand\">conform</span>",
	    f);
	if (r->authed) {
		for (size_t i = 0; i < CF_ARRAY_LEN(nav_items); i++) {
			fprintf(f, "<a href=\"%s\"%s>", nav_items[i].href,
			    nav_items[i].nav == nav ? " class=\"here\"" : "");
			cf_web_label(f, nav_items[i].zh, nav_items[i].en);
			fputs("</a>", f);
		}
		fputs("<span class=\"who\">", f);
		cf_html_text(f, r->acct.login);
		fputs(" · ", f);
		cf_web_label(f, role_zh(r->acct.role),
		    cf_role_name(r->acct.role));
		fputs(" <form method=\"post\" action=\"/logout\">", f);
		cf_web_csrf_field(f, r);
		fputs("<button type=\"submit\">退出 <span class=\"en\">Log "
		      "out</span></button></form></span>",
		    f);
	}
	fputs("</nav>\n<main>\n<h1>", f);
	cf_web_label(f, zh, en);
	fputs("</h1>\n", f);
}

void
cf_web_end(struct cf_web_req *r, struct cf_web_resp *w)
{
	(void)r;
	fputs("</main>\n</body>\n</html>\n", w->f);
}

int
cf_web_parse_id(const char *s, int64_t *out)
{
	int64_t v = 0;
	size_t n = 0;

	if (s == NULL)
		return -1;
	for (; s[n]; n++) {
		if (s[n] < '0' || s[n] > '9' || n >= 18)
			return -1;
		v = v * 10 + (s[n] - '0');
	}
	if (n == 0 || v <= 0)
		return -1;
	*out = v;
	return 0;
}

void
cf_web_td_label(FILE *f, int kind, const char *token)
{
	fputs("<td>", f);
	if (token && *token) {
		const char *zh = cf_label_zh((enum cf_label_kind)kind, token);
		const char *en = cf_label_en((enum cf_label_kind)kind, token);
		cf_web_label(f, zh, strcmp(zh, en) ? en : NULL);
	}
	fputs("</td>", f);
}
