/* SPDX-License-Identifier: MIT */
/*
 * doc-standard.c - a service standard (<standard>) into struct
 * cf_standard (see document.h): its subsystem, level, dates, the
 * procedures it applies to and its clauses, whose ids must be unique.
 */
#include "conform.h"
#include "document.h"
#include "doc-impl.h"
#include "xml.h"

#include <stdlib.h>
#include <string.h>

void
cf_doc__build_standard(struct cf_doc_ctx *c, const xmlNode *root,
    struct cf_standard *s)
{
	char *sub = cf_xml_attr(root, "subsystem");
	size_t alloc = 0;

	s->id = cf_xml_attr(root, "id");
	s->subsystem = strcmp(sub, "basic") == 0 ? CF_SUB_BASIC
	    : strcmp(sub, "support") == 0	 ? CF_SUB_SUPPORT
						 : CF_SUB_PROVISION;
	free(sub);
	s->title = cf_xml_text(cf_xml_child(root, "title"));
	s->level = cf_xml_text(cf_xml_child(root, "level"));
	s->effective_from = cf_doc__elem_date(c, root, "effective-from");
	s->review_due = cf_doc__elem_date(c, root, "review-due");
	for (const xmlNode *n = root->children; n; n = n->next) {
		if (cf_doc__is_elem(n, "applies-to"))
			cf_strv_push_owned(&s->applies_to,
			    cf_xml_attr(n, "procedures"));
		if (!cf_doc__is_elem(n, "clause"))
			continue;
		CF_GROW(s->clauses, s->nclauses + 1, alloc);
		struct cf_clause *cl = &s->clauses[s->nclauses++];
		cl->id = cf_xml_attr(n, "id");
		cl->text = cf_xml_text(n);
		for (size_t k = 0; k + 1 < s->nclauses; k++)
			if (strcmp(s->clauses[k].id, cl->id) == 0)
				PROBLEM(c, n,
				    "clause id '%s' used twice, expected unique "
				    "ids",
				    cl->id);
	}
}

void
cf_doc__free_standard(struct cf_standard *s)
{
	free(s->id);
	free(s->title);
	free(s->level);
	cf_strv_release(&s->applies_to);
	for (size_t i = 0; i < s->nclauses; i++) {
		free(s->clauses[i].id);
		free(s->clauses[i].text);
	}
	free(s->clauses);
}
