/* SPDX-License-Identifier: MIT */
/*
 * html.c - the common parts of conform's HTML pages (see html.h).
 *
 * The style sheet is written once per page; it uses only system fonts
 * (CJK families first, so Chinese prints with a real CJK face when one
 * is installed) and no url() of any kind.
 */
#include "conform.h"
#include "html.h"
#include "text.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static const char style[] =
    "<style>\n"
    "body{font-family:'Noto Sans CJK SC','Noto Sans SC','WenQuanYi Micro "
    "Hei','Microsoft YaHei',sans-serif;font-size:14px;line-height:1.5;"
    "color:#222;margin:2em auto;max-width:60em;padding:0 1em}\n"
    "h1{font-size:1.6em;margin:0 0 .2em}\n"
    "h2{font-size:1.25em;border-bottom:2px solid #1565c0;padding-bottom:"
    ".2em;margin-top:1.6em}\n"
    "h3{font-size:1.05em;margin:1.2em 0 .4em}\n"
    "p.sub{color:#555;margin-top:0}\n"
    /* a hash or a path in running text breaks rather than widen the page */
    "p,li{overflow-wrap:anywhere}\n"
    "p.note{color:#555;font-size:.92em}\n"
    "table{border-collapse:collapse;width:100%;margin:.5em 0 1em}\n"
    "th,td{border:1px solid #bbb;padding:.25em .5em;text-align:left;"
    "vertical-align:top}\n"
    "th{background:#e3eaf3}\n"
    "table.facts th{width:14em;background:#f1f4f8}\n"
    "table.facts td{overflow-wrap:anywhere}\n"
    "div.wide{overflow-x:auto;max-width:100%}\n"
    "div.wide>table{margin:0}\n"
    "div.wide{margin:.5em 0 1em}\n"
    "td.num{text-align:right;white-space:nowrap}\n"
    /* "99.5 %（测定值 measured）" may wrap after its figure */
    "td.num.measured{white-space:normal;min-width:6em}\n"
    "td.id{font-family:monospace;font-size:.9em;word-break:break-all}\n"
    "td.key{white-space:nowrap}\n"
    /* e-mail addresses and the like: break anywhere rather than widen */
    "td.wrap{overflow-wrap:anywhere;min-width:4em}\n"
    "td.title{min-width:10em}\n"
    "tr.group th{background:#f6f7f9;font-weight:normal;text-align:left}\n"
    "tr.group q{font-weight:bold}\n"
    "tr.group .fail{color:#b71c1c;font-weight:bold}\n"
    "tr.group .error{color:#e65100;font-weight:bold}\n"
    ".count{font-weight:bold;white-space:nowrap}\n"
    ".tags{color:#555;font-weight:normal;font-size:.9em}\n"
    "section.summary{border:2px solid #1565c0;border-radius:4px;"
    "padding:0 1em .5em;margin:1em 0}\n"
    "section.summary h2{margin-top:.6em}\n"
    "p.verdict{font-size:1.3em;font-weight:bold;padding:.4em .6em;"
    "margin:.4em 0;border-left:6px solid #1b5e20;background:#e8f5e9}\n"
    "p.verdict.major-nonconformity{border-color:#b71c1c;background:#ffebee;"
    "color:#b71c1c}\n"
    "p.verdict.minor-nonconformity{border-color:#e65100;background:#fff3e0;"
    "color:#8a3a00}\n"
    "p.verdict .k{font-size:.7em;color:#555;font-weight:normal;"
    "margin-right:.5em}\n"
    "td.grade-hit{font-weight:bold}\n"
    "table.sign th{width:9em;background:#f1f4f8;white-space:nowrap}\n"
    "table.sign td.line{height:3em;min-width:10em}\n"
    "table.sign td.date{min-width:7em}\n"
    "section.signoff{break-inside:avoid;page-break-inside:avoid}\n"
    "@media (max-width:600px){body{margin:1em auto;padding:0 .5em}"
    "table.facts th{width:auto;min-width:6em}h1{font-size:1.3em}"
    "table.sign th{width:auto;white-space:normal}table.sign td.line,table.sign td.date"
    "{min-width:3em}}\n"
    "td.fail{color:#b71c1c;font-weight:bold}\n"
    "td.error{color:#e65100;font-weight:bold}\n"
    "td.pass{color:#1b5e20}\n"
    /* the window scorecard's red flags: in words and by colour */
    "tr.red-flag td{background:#fff4e5}\n"
    "td.flag{color:#b71c1c;font-weight:bold;white-space:nowrap}\n"
    "figure{margin:1em 0;page-break-inside:avoid;break-inside:avoid}\n"
    "svg{max-width:100%;height:auto}\n"
    "@media print{\n"
    "@page{size:A4;margin:16mm 14mm}\n"
    "body{margin:0;max-width:none;font-size:10.5pt}\n"
    "div.wide{overflow:visible}\n"
    "section.summary{break-inside:auto}\n"
    "section.signoff{break-before:auto;page-break-before:auto}\n"
    "section.major{page-break-before:always;break-before:page}\n"
    "section.major:first-of-type{page-break-before:auto;"
    "break-before:auto}\n"
    "thead{display:table-header-group}\n"
    "tr,figure,svg,p.verdict{page-break-inside:avoid;break-inside:avoid}\n"
    "h2,h3{page-break-after:avoid;break-after:avoid}\n"
    "a{color:inherit;text-decoration:none}\n"
    "}\n"
    "</style>\n";

const char *
cf_html_css(size_t *len)
{
	static const char open[] = "<style>\n", close[] = "</style>\n";

	*len = sizeof style - 1 - (sizeof open - 1) - (sizeof close - 1);
	return style + sizeof open - 1;
}

void
cf_html_text(FILE *f, const char *str)
{
	struct cf_buf b = CF_BUF_INIT;
	const char *s;

	if (str == NULL)
		return;
	/* Control characters and invalid UTF-8 as visible escapes
	 * (doc/hardening.md). */
	if (!cf_text_visible(str, strlen(str))) {
		cf_text_add_visible(&b, str, strlen(str));
		str = b.s;
	}
	for (s = str; *s; s++) {
		switch (*s) {
		case '&':
			fputs("&amp;", f);
			break;
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		case '\'':
			fputs("&#39;", f);
			break;
		default:
			if ((unsigned char)*s < 0x20 && *s != '\n' &&
			    *s != '\t')
				fputc(' ', f);
			else
				fputc(*s, f);
		}
	}
	cf_buf_release(&b);
}

void
cf_html_textf(FILE *f, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = cf_xvasprintf(fmt, ap);
	va_end(ap);
	cf_html_text(f, s);
	free(s);
}

/*
 * CSS string text: a quote, a backslash or a line end escaped, so the
 * running text cannot leave its string (values from data go through
 * here too).
 */
static void
css_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\' || c == '<' || c == '>' || c < 0x20 ||
		    c == 0x7f)
			fprintf(f, "\\%x ", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

void
cf_html_begin(FILE *f, const char *title, const char *subtitle)
{
	cf_html_begin_running(f, title, subtitle, NULL);
}

void
cf_html_begin_running(FILE *f, const char *title, const char *subtitle,
    const char *running)
{
	fputs("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n"
	      "<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, "
	      "initial-scale=1\">\n<title>",
	    f);
	cf_html_text(f, title);
	fputs("</title>\n", f);
	fputs(style, f);
	if (running) {
		/* The page's margin boxes (doc/reports.md, "Print"). */
		fputs("<style>\n@media print{@page{@top-left{content:", f);
		css_string(f, running);
		fputs(";font-size:8pt;color:#555}"
		      "@bottom-right{content:\"第 \" counter(page) \" 页 / 共 \" "
		      "counter(pages) \" 页 Page \" counter(page) \" of \" "
		      "counter(pages);font-size:8pt;color:#555}}}\n</style>\n",
		    f);
	}
	fputs("</head>\n<body>\n<header>\n<h1>", f);
	cf_html_text(f, title);
	fputs("</h1>\n", f);
	if (subtitle) {
		fputs("<p class=\"sub\">", f);
		cf_html_text(f, subtitle);
		fputs("</p>\n", f);
	}
	fputs("</header>\n", f);
}

void
cf_html_end(FILE *f)
{
	fputs("</body>\n</html>\n", f);
}

void
cf_html_section(FILE *f, const char *id, const char *title, int major)
{
	fprintf(f, "<section%s id=\"", major ? " class=\"major\"" : "");
	cf_html_text(f, id);
	fputs("\">\n<h2>", f);
	cf_html_text(f, title);
	fputs("</h2>\n", f);
}

void
cf_html_section_end(FILE *f)
{
	fputs("</section>\n", f);
}

void
cf_html_facts_begin(FILE *f)
{
	fputs("<table class=\"facts\">\n<tbody>\n", f);
}

void
cf_html_fact(FILE *f, const char *label, const char *value)
{
	fputs("<tr><th scope=\"row\">", f);
	cf_html_text(f, label);
	fputs("</th><td>", f);
	cf_html_text(f, value ? value : "—");
	fputs("</td></tr>\n", f);
}

void
cf_html_facts_end(FILE *f)
{
	fputs("</tbody>\n</table>\n", f);
}

void
cf_html_table_begin(FILE *f, const char *const *cols, int n)
{
	fputs("<div class=\"wide\"><table>\n<thead><tr>", f);
	for (int i = 0; i < n; i++) {
		fputs("<th scope=\"col\">", f);
		cf_html_text(f, cols[i]);
		fputs("</th>", f);
	}
	fputs("</tr></thead>\n<tbody>\n", f);
}

void
cf_html_tr(FILE *f)
{
	fputs("<tr>", f);
}

void
cf_html_tr_end(FILE *f)
{
	fputs("</tr>\n", f);
}

void
cf_html_td(FILE *f, const char *s)
{
	fputs("<td>", f);
	cf_html_text(f, s);
	fputs("</td>", f);
}

void
cf_html_td_class(FILE *f, const char *cls, const char *s)
{
	fputs("<td class=\"", f);
	cf_html_text(f, cls);
	fputs("\">", f);
	cf_html_text(f, s);
	fputs("</td>", f);
}

void
cf_html_td_int(FILE *f, int64_t v)
{
	fprintf(f, "<td class=\"num\">%lld</td>", (long long)v);
}

void
cf_html_table_end(FILE *f)
{
	fputs("</tbody>\n</table></div>\n", f);
}

void
cf_html_p(FILE *f, const char *s)
{
	fputs("<p>", f);
	cf_html_text(f, s);
	fputs("</p>\n", f);
}

void
cf_html_note(FILE *f, const char *s)
{
	fputs("<p class=\"note\">", f);
	cf_html_text(f, s);
	fputs("</p>\n", f);
}

void
cf_html_figure(FILE *f, const char *svg, size_t len)
{
	fputs("<figure>\n", f);
	fwrite(svg, 1, len, f);
	fputs("</figure>\n", f);
}
