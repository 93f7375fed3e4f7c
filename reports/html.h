/* SPDX-License-Identifier: MIT */
/*
 * html.h - the pieces every HTML page conform writes is made of.
 *
 * A page is one self-contained file: UTF-8 (declared in a <meta>),
 * lang="zh-CN", the style sheet inline, charts as inline SVG, no script
 * and no reference to anything outside the file (links between the
 * files of an evidence pack are relative and stay inside the pack).
 * The style sheet has a print part: A4 pages, a page break before each
 * major section (<section class="major">), table headers repeated on
 * every page, rows and charts never split.
 *
 * Every text that comes from data goes through cf_html_text(), which
 * escapes &, <, >, " and ' and replaces the control characters XML 1.0
 * forbids, so a title or a detail can never become markup.
 */
#ifndef CF_HTML_H
#define CF_HTML_H

#include <stdint.h>
#include <stdio.h>

/* The style sheet the pages carry inline, without its <style> tags
 * (the web application serves it as a file). */
const char *cf_html_css(size_t *len);

/* Writes `s` escaped for HTML text and attribute values. */
void cf_html_text(FILE *f, const char *s);

/* printf, then the result escaped. */
void cf_html_textf(FILE *f, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* <!DOCTYPE html> ... <body>, with `title` as the <title> and <h1>. */
void cf_html_begin(FILE *f, const char *title, const char *subtitle);
/*
 * The same, and in print a running header `running` (e.g. the report's
 * number and date) at the top of every page and "第 n 页 / 共 N 页 Page
 * n of N" at its foot, as @page margin boxes.  NULL: none.
 */
void cf_html_begin_running(FILE *f, const char *title, const char *subtitle,
    const char *running);
/* </body></html> */
void cf_html_end(FILE *f);

/* <section class="major" id=ID><h2>TITLE</h2> ... cf_html_section_end */
void cf_html_section(FILE *f, const char *id, const char *title, int major);
void cf_html_section_end(FILE *f);

/*
 * A two-column table of facts: cf_html_facts_begin, then one
 * cf_html_fact per row (the value escaped; NULL shows "—"), then
 * cf_html_facts_end.
 */
void cf_html_facts_begin(FILE *f);
void cf_html_fact(FILE *f, const char *label, const char *value);
void cf_html_facts_end(FILE *f);

/*
 * A table with a repeated header, inside <div class="wide"> that
 * scrolls sideways when the table is wider than the page (a phone):
 * cf_html_table_begin with the column
 * titles (n of them), then rows of cells, then cf_html_table_end.
 * cf_html_td escapes; cf_html_td_num right-aligns; cf_html_td_class
 * adds a class (e.g. "fail") to the cell: "key" keeps an id on one
 * line, "title" gives a title column room, "id" breaks a long hash.
 */
void cf_html_table_begin(FILE *f, const char *const *cols, int n);
void cf_html_tr(FILE *f);
void cf_html_tr_end(FILE *f);
void cf_html_td(FILE *f, const char *s);
void cf_html_td_class(FILE *f, const char *cls, const char *s);
void cf_html_td_int(FILE *f, int64_t v);
void cf_html_table_end(FILE *f);

/* <p>TEXT</p>, escaped; cf_html_note with class "note". */
void cf_html_p(FILE *f, const char *s);
void cf_html_note(FILE *f, const char *s);

/* A chart: <figure> with the SVG bytes (already escaped inside). */
void cf_html_figure(FILE *f, const char *svg, size_t len);

#endif
