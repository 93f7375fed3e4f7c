/* SPDX-License-Identifier: MIT */
/*
 * doc-calendar.c - a working-day calendar (<calendar>) into struct
 * cf_caldoc (see document.h): one year's holidays (date ranges) and
 * adjusted working days (调休).  The year comes from year="YYYY" or the
 * id's suffix (CN-2026) and both must agree; a holiday may not end
 * before it starts, and a worked day must fall on a weekend.
 */
#include "conform.h"
#include "document.h"
#include "doc-impl.h"
#include "xml.h"

#include <stdlib.h>
#include <string.h>

/* The year a calendar id ends with ("CN-2026" -> 2026), or 0. */
static int
year_suffix(const char *id)
{
	size_t n = strlen(id);

	if (n < 4)
		return 0;
	for (size_t i = n - 4; i < n; i++)
		if (id[i] < '0' || id[i] > '9')
			return 0;
	if (n > 4 && id[n - 5] >= '0' && id[n - 5] <= '9')
		return 0;
	return atoi(id + n - 4);
}

void
cf_doc__build_calendar(struct cf_doc_ctx *c, const xmlNode *root,
    struct cf_caldoc *cal)
{
	char *ys = cf_xml_attr(root, "year");
	int suffix;
	size_t ah = 0, aw = 0;

	cal->id = cf_xml_attr(root, "id");
	cal->title = cf_xml_text(cf_xml_child(root, "title"));
	cal->line = cf_doc__line(root);
	suffix = year_suffix(cal->id);
	cal->year = ys ? atoi(ys) : suffix;
	if (cal->year == 0)
		PROBLEM(c, root,
		    "calendar '%s' names no year: give year=\"YYYY\" or end "
		    "the id with the year (CN-2026)",
		    cal->id);
	else if (ys && suffix && suffix != cal->year)
		PROBLEM(c, root,
		    "calendar id '%s' ends in %d but year=\"%s\", expected "
		    "the same year",
		    cal->id, suffix, ys);
	free(ys);

	for (const xmlNode *n = root->children; n; n = n->next) {
		if (cf_doc__is_elem(n, "holiday")) {
			char *from = cf_xml_attr(n, "from");
			char *to = cf_xml_attr(n, "to");
			CF_GROW(cal->holidays, cal->nholidays + 1, ah);
			struct cf_holiday *h = &cal->holidays[cal->nholidays++];
			h->from = cf_doc__date_of(c, n, "holiday from", from);
			h->to = cf_doc__date_of(c, n, "holiday to", to);
			h->name = cf_xml_attr(n, "name");
			h->line = cf_doc__line(n);
			if (h->from != CF_DAY_NONE && h->to != CF_DAY_NONE &&
			    h->to < h->from)
				PROBLEM(c, n,
				    "holiday ends (%s) before it starts (%s)",
				    to, from);
			free(from);
			free(to);
		} else if (cf_doc__is_elem(n, "workday")) {
			char *date = cf_xml_attr(n, "date");
			CF_GROW(cal->workdays, cal->nworkdays + 1, aw);
			struct cf_workday *w = &cal->workdays[cal->nworkdays++];
			w->date = cf_doc__date_of(c, n, "workday date", date);
			w->name = cf_xml_attr(n, "name");
			w->line = cf_doc__line(n);
			if (w->date != CF_DAY_NONE &&
			    cf_day_weekday(w->date) < 5)
				PROBLEM(c, n,
				    "workday %s is a weekday, expected a "
				    "Saturday or Sunday worked (调休)",
				    date);
			free(date);
		}
	}
	if (cal->year == 0)
		return;
	for (size_t i = 0; i < cal->nholidays; i++) {
		struct cf_holiday *h = &cal->holidays[i];
		if ((h->from != CF_DAY_NONE &&
			cf_day_year(h->from) != cal->year) ||
		    (h->to != CF_DAY_NONE && cf_day_year(h->to) != cal->year))
			cf_diags_add(c->diags, c->path, h->line, 0,
			    "holiday outside the calendar's year %d, expected "
			    "days of %d only",
			    cal->year, cal->year);
	}
	for (size_t i = 0; i < cal->nworkdays; i++) {
		struct cf_workday *w = &cal->workdays[i];
		char d[11];
		if (w->date == CF_DAY_NONE)
			continue;
		cf_day_format(w->date, d);
		if (cf_day_year(w->date) != cal->year)
			cf_diags_add(c->diags, c->path, w->line, 0,
			    "workday %s outside the calendar's year %d", d,
			    cal->year);
		for (size_t k = 0; k < cal->nholidays; k++)
			if (w->date >= cal->holidays[k].from &&
			    w->date <= cal->holidays[k].to)
				cf_diags_add(c->diags, c->path, w->line, 0,
				    "workday %s falls inside the holiday on "
				    "line %d",
				    d, cal->holidays[k].line);
	}
}

void
cf_doc__free_calendar(struct cf_caldoc *cal)
{
	free(cal->id);
	free(cal->title);
	for (size_t i = 0; i < cal->nholidays; i++)
		free(cal->holidays[i].name);
	free(cal->holidays);
	for (size_t i = 0; i < cal->nworkdays; i++)
		free(cal->workdays[i].name);
	free(cal->workdays);
}
