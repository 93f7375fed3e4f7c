/* SPDX-License-Identifier: MIT */
/*
 * layout.h - the frame every page of the web application shares
 * (internal to web/): the head with the style sheet (/static/conform.css,
 * the reports' sheet and the application's), the navigation, who is
 * logged in and the logout form, and the helpers pages build with.
 *
 * Labels are Chinese first with the English beside (SPEC 13); every
 * value goes through cf_html_text (reports/html.h).  No script anywhere:
 * every page works without JavaScript and the Content-Security-Policy
 * allows none.
 */
#ifndef CF_WEB_LAYOUT_H
#define CF_WEB_LAYOUT_H

#include <stdint.h>
#include <stdio.h>

#include "http.h"

/* Which navigation entry is current. */
enum cf_web_nav {
	CF_NAV_NONE,
	CF_NAV_OVERVIEW,
	CF_NAV_AUDITS,
	CF_NAV_NCRS,
	CF_NAV_DOCUMENTS,
	CF_NAV_DOWNLOADS,
};

/* <!DOCTYPE html> ... <main>, titled "zh English". */
void cf_web_begin(struct cf_web_req *r, struct cf_web_resp *w,
    enum cf_web_nav nav, const char *zh, const char *en);
void cf_web_end(struct cf_web_req *r, struct cf_web_resp *w);

/* "中文 <span class="en">English</span>" */
void cf_web_label(FILE *f, const char *zh, const char *en);
/* <h2> with a label. */
void cf_web_h2(FILE *f, const char *zh, const char *en);
/* A table header row of labels: cols as zh, en pairs. */
void cf_web_thead(FILE *f, const char *const *cols, int n);

/* <input type="hidden" name="csrf" value="..."> */
void cf_web_csrf_field(FILE *f, const struct cf_web_req *r);

/* An href to `path` with the query parameters `keys`/`vals` (NULL or
 * empty values left out), escaped for an attribute. */
void cf_web_href(FILE *f, const char *path, const char *const *keys,
    const char *const *vals, int n);

/* An href to `prefix` followed by `part` URL-encoded (a path segment:
 * "/cases/" and a case id), escaped for an attribute. */
void cf_web_href_path(FILE *f, const char *prefix, const char *part);

/* A positive whole number (an audit's id, a page): 0 and *out, or -1
 * for anything else (no sign, no spaces, at most 18 digits). */
int cf_web_parse_id(const char *s, int64_t *out);

/* A <td> with the label of `token` of `kind` (reports/labels.h), the
 * English beside in its span. */
void cf_web_td_label(FILE *f, int kind, const char *token);

/* The style sheet served at /static/conform.css. */
const char *cf_web_css(size_t *len);

#endif
