/* SPDX-License-Identifier: MIT */
/*
 * doc-checklist.c - an audit checklist (<checklist>) into struct
 * cf_checklist (see document.h): objective, criteria, scope, the
 * sampling parameters as exact ratios, and the checks.  Beyond the
 * schema it checks that the sampling ratios make sense, that only rate
 * checks take a minimum (and they need one, at most 1), that only sql
 * checks take a query (and they need one), and that check ids are
 * unique.
 */
#include "conform.h"
#include "amount.h"
#include "document.h"
#include "doc-impl.h"
#include "text.h"
#include "xml.h"

#include <stdlib.h>
#include <string.h>

static void
ratio_attr(struct cf_doc_ctx *c, const xmlNode *n, const char *name,
    struct cf_ratio *out, const char *def)
{
	char *v = cf_xml_attr(n, name);

	if (cf_ratio_parse(out, v ? v : def) < 0)
		PROBLEM(c, n, "%s: %s", name, cf_error_message());
	free(v);
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
			    "on-time-rate, on-the-spot-ratio and "
			    "limit-compression do)",
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
}
