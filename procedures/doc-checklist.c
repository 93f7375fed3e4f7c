/* SPDX-License-Identifier: MIT */
/*
 * doc-checklist.c - an audit checklist (<checklist>) into struct
 * cf_checklist (see document.h): objective, criteria, scope, the
 * sampling parameters as exact ratios, and the checks.  Beyond the
 * schema it checks that the sampling ratios make sense, that only rate
 * checks take a minimum (and they need one, at most 1), that only sql
 * checks take a query (and they need one), that only late-record
 * checks (which need it) and bad-review checks take `within`, that
 * only bad-review takes `max` (1 to 4) and `revisit`, only
 * satisfaction-rate `count-basic`, and that check ids are unique.  A
 * <scorecard> (doc/checks.md "The window scorecard") may measure only
 * a case check or an on-time-rate, satisfaction-rate or
 * evaluation-coverage of the same checklist, each once, with a weight
 * above 0.  cf_check_same() compares two parsed checks, for `ncr
 * verify`.
 */
#include "conform.h"
#include "amount.h"
#include "document.h"
#include "doc-impl.h"
#include "text.h"
#include "xml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool
has_attr(const xmlNode *n, const char *name)
{
	char *v = cf_xml_attr(n, name);
	bool has = v != NULL;

	free(v);
	return has;
}

static void
ratio_attr(struct cf_doc_ctx *c, const xmlNode *n, const char *name,
    struct cf_ratio *out, const char *def)
{
	char *v = cf_xml_attr(n, name);

	if (cf_ratio_parse(out, v ? v : def) < 0)
		PROBLEM(c, n, "%s: %s", name, cf_error_message());
	free(v);
}

/* Whether a check of type t may be a measure of the scorecard. */
static bool
measurable(enum cf_check_type t)
{
	return cf_check_type_is_case(t) || t == CF_CHECK_ON_TIME_RATE ||
	    t == CF_CHECK_SATISFACTION_RATE ||
	    t == CF_CHECK_EVALUATION_COVERAGE;
}

/* The <scorecard>, after the checks it names (doc/checks.md). */
static void
build_scorecard(struct cf_doc_ctx *c, const xmlNode *root,
    struct cf_checklist *l)
{
	const xmlNode *sc = cf_xml_child(root, "scorecard"), *n;
	size_t alloc = 0;

	if (sc == NULL)
		return;
	l->has_scorecard = true;
	l->awards = cf_doc__attr_count(sc, "awards");
	if (l->awards < 0)
		l->awards = 0;
	for (n = sc->children; n; n = n->next) {
		const struct cf_check *k;
		if (!cf_doc__is_elem(n, "measure"))
			continue;
		CF_GROW(l->measures, l->nmeasures + 1, alloc);
		struct cf_score_measure *m = &l->measures[l->nmeasures++];
		m->check = cf_xml_attr(n, "check");
		m->weight = cf_doc__attr_count(n, "weight");
		m->line = cf_doc__line(n);
		k = cf_checklist_find(l, m->check);
		if (k == NULL)
			PROBLEM(c, n,
			    "measure check='%s' names no check of this "
			    "checklist, expected the id of one of its checks",
			    m->check);
		else if (!measurable(k->type))
			PROBLEM(c, n,
			    "measure check='%s' names a check of type %s, "
			    "expected a case check or an on-time-rate, "
			    "satisfaction-rate or evaluation-coverage",
			    m->check, cf_check_type_name(k->type));
		if (m->weight <= 0)
			PROBLEM(c, n,
			    "measure check='%s' has weight %d, expected a "
			    "weight above 0",
			    m->check, m->weight);
		for (size_t i = 0; i + 1 < l->nmeasures; i++)
			if (strcmp(l->measures[i].check, m->check) == 0)
				PROBLEM(c, n,
				    "check '%s' measured twice (first on line "
				    "%d), expected each check once",
				    m->check, l->measures[i].line);
	}
}

void
cf_doc__build_checklist(struct cf_doc_ctx *c, const xmlNode *root,
    struct cf_checklist *l)
{
	const xmlNode *n;
	size_t alloc = 0;

	l->id = cf_xml_attr(root, "id");
	l->title = cf_xml_attr(root, "title");
	l->objective = cf_xml_text(cf_xml_child(root, "objective"));
	l->criteria = cf_xml_text(cf_xml_child(root, "criteria"));
	n = cf_xml_child(root, "scope");
	l->scope = n ? cf_xml_attr(n, "procedures") : NULL;
	if (l->scope == NULL)
		l->scope = cf_xstrdup("*");

	/* Sampling defaults are DOMAIN.md's: 95 %, 5 %, 0 expected. */
	n = cf_xml_child(root, "sampling");
	l->has_sampling = n != NULL;
	ratio_attr(c, n, "confidence", &l->confidence, "0.95");
	ratio_attr(c, n, "tolerable", &l->tolerable, "0.05");
	ratio_attr(c, n, "expected", &l->expected, "0");
	l->seed = n ? cf_xml_attr(n, "seed") : NULL;
	if (l->seed == NULL)
		l->seed = cf_xstrdup(l->id);
	if (n) {
		struct cf_ratio *cf = &l->confidence, *t = &l->tolerable,
				*e = &l->expected;
		if (cf->num <= 0 || cf->num >= cf->den)
			PROBLEM(c, n,
			    "confidence must lie strictly between 0 "
			    "and 1");
		if (t->num <= 0 || t->num >= t->den)
			PROBLEM(c, n,
			    "tolerable must lie strictly between 0 "
			    "and 1");
		/* expected < tolerable, cross-multiplied in exact integers */
		else if (e->num * t->den >= t->num * e->den)
			PROBLEM(c, n, "expected must be below tolerable");
	}

	for (n = root->children; n; n = n->next) {
		if (!cf_doc__is_elem(n, "check"))
			continue;
		CF_GROW(l->checks, l->nchecks + 1, alloc);
		struct cf_check *k = &l->checks[l->nchecks++];
		char *type = cf_xml_attr(n, "type");
		char *sev = cf_xml_attr(n, "severity");
		char *min = cf_xml_attr(n, "min");
		memset(k, 0, sizeof *k);
		k->id = cf_xml_attr(n, "id");
		k->line = cf_doc__line(n);
		if (cf_check_type_parse(type, &k->type) < 0)
			PROBLEM(c, n, "%s", cf_error_message());
		k->severity = strcmp(sev, "major") == 0 ? CF_SEV_MAJOR
		    : strcmp(sev, "minor") == 0		? CF_SEV_MINOR
							: CF_SEV_OBSERVATION;
		k->clause = cf_xml_attr(n, "clause");
		if (k->clause == NULL)
			k->clause = cf_xstrdup("");
		k->title = cf_xml_attr(n, "title");
		k->query = cf_xml_text(cf_xml_child(n, "query"));
		k->within = cf_doc__attr_count(n, "within");
		if (k->type == CF_CHECK_LATE_RECORD && k->within < 0)
			PROBLEM(c, n,
			    "check '%s' of type late-record needs within=\"N\", "
			    "the working days a record may take to be imported",
			    k->id);
		if (k->type != CF_CHECK_LATE_RECORD &&
		    k->type != CF_CHECK_BAD_REVIEW && k->within >= 0)
			PROBLEM(c, n,
			    "check '%s' of type %s takes no within (only "
			    "late-record and bad-review do)",
			    k->id, type);
		k->max = cf_doc__attr_count(n, "max");
		if (k->type != CF_CHECK_BAD_REVIEW && k->max >= 0)
			PROBLEM(c, n,
			    "check '%s' of type %s takes no max (only "
			    "bad-review does)",
			    k->id, type);
		else if (k->max == 0 || k->max > 4)
			PROBLEM(c, n,
			    "check '%s': max=\"%d\" is no bad rating, "
			    "expected 1 to 4 (the highest rating that counts "
			    "as bad)",
			    k->id, k->max);
		k->revisit_all = has_attr(n, "revisit");
		if (k->type != CF_CHECK_BAD_REVIEW && k->revisit_all)
			PROBLEM(c, n,
			    "check '%s' of type %s takes no revisit (only "
			    "bad-review does)",
			    k->id, type);
		k->count_basic = cf_doc__attr_yes(n, "count-basic");
		if (k->type != CF_CHECK_SATISFACTION_RATE &&
		    has_attr(n, "count-basic"))
			PROBLEM(c, n,
			    "check '%s' of type %s takes no count-basic (only "
			    "satisfaction-rate does)",
			    k->id, type);
		if (min) {
			k->has_min = true;
			if (cf_ratio_parse(&k->min, min) < 0)
				PROBLEM(c, n, "min: %s", cf_error_message());
			else if (k->min.num > k->min.den)
				PROBLEM(c, n, "min %s is above 1", min);
		}
		if (cf_check_type_is_rate(k->type) && !k->has_min)
			PROBLEM(c, n,
			    "check '%s' of type %s needs min=\"0.xx\", the "
			    "lowest acceptable rate",
			    k->id, type);
		if (!cf_check_type_is_rate(k->type) && k->has_min)
			PROBLEM(c, n,
			    "check '%s' of type %s takes no min (only "
			    "on-time-rate, on-the-spot-ratio, "
			    "limit-compression, on-the-spot-volume, "
			    "actual-compression, satisfaction-rate and "
			    "evaluation-coverage do)",
			    k->id, type);
		if (k->type == CF_CHECK_SQL && cf_blank(k->query))
			PROBLEM(c, n,
			    "check '%s' of type sql needs a <query> with a "
			    "SELECT",
			    k->id);
		if (k->type != CF_CHECK_SQL && k->query)
			PROBLEM(c, n,
			    "check '%s' of type %s takes no <query> (only sql "
			    "checks do)",
			    k->id, type);
		for (size_t i = 0; i + 1 < l->nchecks; i++)
			if (strcmp(l->checks[i].id, k->id) == 0)
				PROBLEM(c, n,
				    "check id '%s' used twice (first on line "
				    "%d), expected unique ids",
				    k->id, l->checks[i].line);
		free(type);
		free(sev);
		free(min);
	}
	build_scorecard(c, root, l);
}

void
cf_doc__free_checklist(struct cf_checklist *l)
{
	free(l->id);
	free(l->title);
	free(l->objective);
	free(l->criteria);
	free(l->scope);
	free(l->seed);
	for (size_t i = 0; i < l->nchecks; i++) {
		free(l->checks[i].id);
		free(l->checks[i].clause);
		free(l->checks[i].title);
		free(l->checks[i].query);
	}
	free(l->checks);
	for (size_t i = 0; i < l->nmeasures; i++)
		free(l->measures[i].check);
	free(l->measures);
}

const struct cf_check *
cf_checklist_find(const struct cf_checklist *l, const char *id)
{
	for (size_t i = 0; i < l->nchecks; i++)
		if (strcmp(l->checks[i].id, id) == 0)
			return &l->checks[i];
	return NULL;
}

/* NULL and "" alike compare as absent. */
static bool
same_text(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

int
cf_check_same(const struct cf_checklist *la, const struct cf_check *a,
    const struct cf_checklist *lb, const struct cf_check *b, char *why,
    size_t size)
{
	if (a->type != b->type) {
		snprintf(why, size, "type %s, now %s",
		    cf_check_type_name(a->type), cf_check_type_name(b->type));
		return 1;
	}
	if (a->severity != b->severity) {
		snprintf(why, size, "severity %s, now %s",
		    cf_severity_name(a->severity),
		    cf_severity_name(b->severity));
		return 1;
	}
	if (!same_text(a->clause, b->clause)) {
		snprintf(why, size, "clause '%s', now '%s'", a->clause,
		    b->clause);
		return 1;
	}
	if (!same_text(a->title, b->title)) {
		snprintf(why, size, "another title");
		return 1;
	}
	if (a->has_min != b->has_min ||
	    (a->has_min &&
		a->min.num * b->min.den != b->min.num * a->min.den)) {
		char *x = a->has_min ? cf_ratio_format(a->min) : NULL;
		char *y = b->has_min ? cf_ratio_format(b->min) : NULL;
		snprintf(why, size, "min %s, now %s", x ? x : "none",
		    y ? y : "none");
		free(x);
		free(y);
		return 1;
	}
	if (a->within != b->within) {
		snprintf(why, size, "within %d, now %d", a->within, b->within);
		return 1;
	}
	if (a->max != b->max || a->revisit_all != b->revisit_all ||
	    a->count_basic != b->count_basic) {
		snprintf(why, size, "another max, revisit or count-basic");
		return 1;
	}
	if (!same_text(a->query, b->query)) {
		snprintf(why, size, "another query");
		return 1;
	}
	if (!same_text(la->scope, lb->scope)) {
		snprintf(why, size, "checklist scope '%s', now '%s'", la->scope,
		    lb->scope);
		return 1;
	}
	return 0;
}
