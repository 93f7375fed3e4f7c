/* SPDX-License-Identifier: MIT */
/*
 * windows-html.c - the window scorecard as HTML (see windows-html.h).
 *
 * The numbers are audits/scorecard.c's, printed as `report windows`
 * prints them, so the page and the CSV say the same.  A red flag is
 * marked in words (红旗 red flag) and by the row's colour, never by
 * colour alone; a window with no value is listed last with "—".
 */
#include "conform.h"
#include "html.h"
#include "listing.h"
#include "scorecard.h"
#include "svg.h"
#include "text.h"
#include "windows-html.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

/* "C01 办件在承诺时限内办结" for measure m. */
static char *
measure_title(const struct cf_auditdb_scorecard *sc, size_t m,
    const struct cf_audit_checkrow *checks, size_t nchecks)
{
	int pos = sc->measures[m].check_pos;
	const char *title = pos >= 0 && (size_t)pos < nchecks
	    ? checks[pos].title
	    : NULL;

	return title ? cf_xasprintf("%s %s", sc->measures[m].check_id, title)
		     : cf_xstrdup(sc->measures[m].check_id);
}

/* "W03 市场监督管理局 ★ 红旗": a chart's label of line l. */
static char *
window_label(const struct cf_score_line *l,
    const char *(*name_of)(const char *, void *), void *arg)
{
	const char *name = name_of ? name_of(l->window, arg) : NULL;

	return cf_xasprintf("%s%s%s%s", l->window, name ? " " : "",
	    name ? name : "", l->red_flag ? " ★ 红旗" : "");
}

int
cf_windows_html(FILE *f, const struct cf_auditdb_scorecard *sc,
    const struct cf_audit_checkrow *checks, size_t nchecks,
    const char *(*name_of)(const char *window, void *arg), void *arg)
{
	struct cf_score_line *l = NULL;
	struct cf_buf b = CF_BUF_INIT;
	struct cf_point *p;
	const char **cols;
	char **labels, **titles, text[32];
	size_t n = 0, ranked = 0;
	int rc;

	if ((rc = cf_score_lines(sc, &l, &n)) < 0)
		return rc;
	titles = cf_xcalloc(sc->nmeasures + 1, sizeof *titles);
	cols = cf_xcalloc(sc->nmeasures + 5, sizeof *cols);
	cols[0] = "名次 Rank";
	cols[1] = "窗口 Window";
	cols[2] = "得分 Score";
	cols[3] = "红旗 Red flag";
	for (size_t m = 0; m < sc->nmeasures; m++) {
		titles[m] = cf_xasprintf("%s（权重 weight %d）",
		    sc->measures[m].check_id, sc->measures[m].weight);
		cols[4 + m] = titles[m];
	}
	for (size_t i = 0; i < n; i++)
		ranked += l[i].rank > 0;
	{
		char *s = cf_xasprintf(
		    "%zu windows ranked, %zu without a value; the first %d "
		    "are the red-flag windows (红旗窗口).  Score = Σ weight × "
		    "value ÷ Σ weight over the measures with a value, "
		    "computed exactly and rounded once, half up, to one "
		    "decimal of a percent; equal scores are ranked by window.  "
		    "A case check's value is its pass ÷ (pass + fail) on the "
		    "window's cases, a rate's the rate over them.",
		    ranked, n - ranked, sc->awards);
		cf_html_note(f, s);
		free(s);
	}
	cf_html_table_begin(f, cols, (int)sc->nmeasures + 4);
	for (size_t i = 0; i < n; i++) {
		const char *name = name_of ? name_of(l[i].window, arg) : NULL;
		fputs(l[i].red_flag ? "<tr class=\"red-flag\">" : "<tr>", f);
		if (l[i].rank > 0)
			cf_html_td_int(f, l[i].rank);
		else
			cf_html_td_class(f, "num", "—");
		if (name) {
			char *w = cf_xasprintf("%s %s", l[i].window, name);
			cf_html_td_class(f, "key", w);
			free(w);
		} else
			cf_html_td_class(f, "key", l[i].window);
		if (l[i].score >= 0) {
			cf_score_text(l[i].score, text);
			cf_html_td_class(f, "num", text);
		} else
			cf_html_td_class(f, "num", "—");
		cf_html_td_class(f, l[i].red_flag ? "flag" : "",
		    l[i].red_flag ? "★ 红旗 red flag" : "");
		for (size_t m = 0; m < sc->nmeasures; m++) {
			if (l[i].value[m] >= 0)
				cf_score_text(l[i].value[m], text);
			else
				snprintf(text, sizeof text, "—");
			cf_html_td_class(f, "num", text);
		}
		cf_html_tr_end(f);
	}
	cf_html_table_end(f);

	/* The scores, then one chart per measure, in rank order. */
	p = cf_xcalloc(n + 1, sizeof *p);
	labels = cf_xcalloc(n + 1, sizeof *labels);
	for (size_t i = 0; i < n; i++) {
		labels[i] = window_label(&l[i], name_of, arg);
		p[i].label = labels[i];
		p[i].num = l[i].score >= 0 ? l[i].score : 0;
		p[i].den = l[i].score >= 0 ? 1000 : 0;
	}
	if (n) {
		cf_svg_bars(&b, "各窗口综合得分 Score per window (★ 红旗 red flag)",
		    p, n);
		cf_html_figure(f, b.s, b.len);
		cf_buf_reset(&b);
	}
	for (size_t m = 0; m < sc->nmeasures && n; m++) {
		char *t = measure_title(sc, m, checks, nchecks);
		char *title = cf_xasprintf("%s，各窗口 per window（权重 weight "
					   "%d）",
		    t, sc->measures[m].weight);
		bool any = false;
		for (size_t i = 0; i < n; i++) {
			const struct cf_score_window *w = NULL;
			for (size_t k = 0; k < sc->nwindows && !w; k++)
				if (strcmp(sc->windows[k].window,
					l[i].window) == 0)
					w = &sc->windows[k];
			p[i].num = w ? w->num[m] : 0;
			p[i].den = w ? w->den[m] : 0;
			any |= p[i].den > 0;
		}
		if (any) {
			cf_svg_bars(&b, title, p, n);
			cf_html_figure(f, b.s, b.len);
			cf_buf_reset(&b);
		} else {
			char *s = cf_xasprintf("%s: no window has a value (nothing "
					       "judged or seen): no chart.",
			    t);
			cf_html_note(f, s);
			free(s);
		}
		free(title);
		free(t);
	}
	for (size_t i = 0; i < n; i++)
		free(labels[i]);
	free(labels);
	free(p);
	for (size_t m = 0; m < sc->nmeasures; m++)
		free(titles[m]);
	free(titles);
	free(cols);
	cf_buf_release(&b);
	cf_score_lines_free(l, n);
	return 0;
}

int
cf_windows_listing(FILE *f, enum cf_format fmt,
    const struct cf_auditdb_scorecard *sc)
{
	struct cf_column *cols = cf_xcalloc(sc->nmeasures + 4, sizeof *cols);
	struct cf_score_line *l = NULL;
	struct cf_listing *out;
	size_t n = 0;
	int rc;

	if ((rc = cf_score_lines(sc, &l, &n)) < 0) {
		free(cols);
		return rc;
	}
	cols[0] = (struct cf_column){ "rank", CF_COL_INT };
	cols[1] = (struct cf_column){ "window", CF_COL_TEXT };
	cols[2] = (struct cf_column){ "score", CF_COL_TEXT };
	cols[3] = (struct cf_column){ "red_flag", CF_COL_TEXT };
	for (size_t m = 0; m < sc->nmeasures; m++)
		cols[4 + m] = (struct cf_column){ sc->measures[m].check_id,
			CF_COL_TEXT };
	out = cf_listing_new_named(f, fmt, "windows", cols,
	    sc->nmeasures + 4);
	for (size_t i = 0; i < n; i++) {
		char text[32];
		cf_listing_row(out);
		if (l[i].rank > 0)
			cf_listing_cell_int(out, l[i].rank);
		else
			cf_listing_cell(out,
			    fmt == CF_FORMAT_TABLE ? "-" : NULL);
		cf_listing_cell(out, l[i].window);
		if (l[i].score >= 0) {
			cf_score_text(l[i].score, text);
			cf_listing_cell(out, text);
		} else
			cf_listing_cell(out,
			    fmt == CF_FORMAT_TABLE ? "-" : NULL);
		cf_listing_cell(out, l[i].red_flag ? "yes" : "no");
		for (size_t m = 0; m < sc->nmeasures; m++) {
			if (l[i].value[m] < 0) {
				cf_listing_cell(out,
				    fmt == CF_FORMAT_TABLE ? "-" : NULL);
				continue;
			}
			cf_score_text(l[i].value[m], text);
			cf_listing_cell(out, text);
		}
	}
	rc = cf_listing_end(out);
	cf_score_lines_free(l, n);
	free(cols);
	return rc;
}
