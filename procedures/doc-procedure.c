/* SPDX-License-Identifier: MIT */
/*
 * doc-procedure.c - a service guide (<procedure>) into struct
 * cf_procedure (see document.h): identity, legal basis, the statutory
 * and committed time limits, the fee, the materials, the steps and the
 * review date.  Beyond the schema it checks that an on-the-spot item
 * commits no days, that the fee is an exact amount, that material and
 * step ids are unique and steps do not share an activity, and that the
 * review is not due before the guide takes effect.
 */
#include "conform.h"
#include "amount.h"
#include "document.h"
#include "doc-impl.h"
#include "xml.h"

#include <stdlib.h>
#include <string.h>

void
cf_doc__build_procedure(struct cf_doc_ctx *c, const xmlNode *root,
    struct cf_procedure *p)
{
	const xmlNode *n;
	char *kind = cf_xml_attr(root, "kind");

	p->id = cf_xml_attr(root, "id");
	p->kind = kind && strcmp(kind, "on-the-spot") == 0 ? CF_KIND_ON_THE_SPOT
							   : CF_KIND_COMMITMENT;
	free(kind);
	p->title = cf_xml_text(cf_xml_child(root, "title"));
	p->department = cf_xml_text(cf_xml_child(root, "department"));
	p->window = cf_xml_text(cf_xml_child(root, "window"));
	p->complaint_phone = cf_xml_text(cf_xml_child(root, "complaint-phone"));
	for (n = root->children; n; n = n->next)
		if (cf_doc__is_elem(n, "legal-basis"))
			cf_strv_push_owned(&p->legal_basis, cf_xml_text(n));
	p->effective_from = cf_doc__elem_date(c, root, "effective-from");
	p->review_due = cf_doc__elem_date(c, root, "review-due");

	p->statutory = p->committed = -1;
	if ((n = cf_xml_child(root, "time-limit")) != NULL) {
		char *unit = cf_xml_attr(n, "unit");
		p->has_time_limit = true;
		p->statutory = cf_doc__attr_count(n, "statutory");
		p->committed = cf_doc__attr_count(n, "committed");
		p->has_unit = unit != NULL;
		free(unit);
		if (p->kind == CF_KIND_ON_THE_SPOT && p->committed > 0)
			PROBLEM(c, n,
			    "an on-the-spot procedure has committed=\"0\", not "
			    "\"%d\" (or make it kind=\"commitment\")",
			    p->committed);
	}
	p->fee_fen = -1;
	if ((n = cf_xml_child(root, "fee")) != NULL) {
		char *amount = cf_xml_attr(n, "amount");
		char *cur = cf_xml_attr(n, "currency");
		p->has_fee = true;
		p->has_currency = cur != NULL;
		if (amount &&
		    cf_amount_parse(&p->fee_fen, amount, strlen(amount)) < 0)
			PROBLEM(c, n, "fee: %s", cf_error_message());
		free(amount);
		free(cur);
	}
	if ((n = cf_xml_child(root, "materials")) != NULL) {
		p->has_materials = true;
		size_t alloc = 0;
		for (const xmlNode *m = n->children; m; m = m->next) {
			if (!cf_doc__is_elem(m, "material"))
				continue;
			CF_GROW(p->materials, p->nmaterials + 1, alloc);
			struct cf_material *mat =
			    &p->materials[p->nmaterials++];
			mat->id = cf_xml_attr(m, "id");
			mat->name = cf_xml_text(m);
			mat->required = cf_doc__attr_yes(m, "required");
			mat->line = cf_doc__line(m);
			for (size_t k = 0; k + 1 < p->nmaterials; k++)
				if (strcmp(p->materials[k].id, mat->id) == 0)
					PROBLEM(c, m,
					    "material id '%s' used twice (first "
					    "on line %d), expected unique ids",
					    mat->id, p->materials[k].line);
		}
	}
	n = cf_xml_child(root, "steps");
	p->steps_open = cf_doc__attr_yes(n, "open");
	size_t alloc = 0;
	for (const xmlNode *s = n ? n->children : NULL; s; s = s->next) {
		if (!cf_doc__is_elem(s, "step"))
			continue;
		CF_GROW(p->steps, p->nsteps + 1, alloc);
		struct cf_step *st = &p->steps[p->nsteps++];
		st->id = cf_xml_attr(s, "id");
		st->activity = cf_xml_attr(s, "activity");
		if (st->activity == NULL)
			st->activity = cf_xstrdup(st->id);
		st->role = cf_xml_attr(s, "role");
		st->optional = cf_doc__attr_yes(s, "optional");
		st->repeatable = cf_doc__attr_yes(s, "repeatable");
		st->final = cf_doc__attr_yes(s, "final");
		p->has_final |= st->final;
		st->not_same_actor_as = cf_xml_attr(s, "not-same-actor-as");
		st->nsa = -1;
		st->line = cf_doc__line(s);
		for (size_t k = 0; k + 1 < p->nsteps; k++) {
			if (strcmp(p->steps[k].id, st->id) == 0)
				PROBLEM(c, s,
				    "step id '%s' used twice (first on line "
				    "%d), expected unique ids",
				    st->id, p->steps[k].line);
			else if (strcmp(p->steps[k].activity, st->activity) ==
			    0)
				PROBLEM(c, s,
				    "steps '%s' and '%s' share the activity "
				    "'%s', expected one step per activity",
				    p->steps[k].id, st->id, st->activity);
		}
	}
	for (size_t i = 0; i < p->nsteps; i++) {
		struct cf_step *st = &p->steps[i];
		if (st->not_same_actor_as == NULL)
			continue;
		for (size_t k = 0; k < p->nsteps; k++)
			if (k != i &&
			    strcmp(p->steps[k].id, st->not_same_actor_as) == 0)
				st->nsa = (int)k;
		if (st->nsa < 0)
			cf_diags_add(c->diags, c->path, st->line, 0,
			    "step '%s': not-same-actor-as '%s' names no other "
			    "step of this procedure",
			    st->id, st->not_same_actor_as);
	}
	if (p->review_due != CF_DAY_NONE && p->effective_from != CF_DAY_NONE &&
	    p->review_due < p->effective_from)
		PROBLEM(c, cf_xml_child(root, "review-due"),
		    "review-due is before effective-from");
}

void
cf_doc__free_procedure(struct cf_procedure *p)
{
	free(p->id);
	free(p->title);
	free(p->department);
	free(p->window);
	free(p->complaint_phone);
	cf_strv_release(&p->legal_basis);
	for (size_t i = 0; i < p->nmaterials; i++) {
		free(p->materials[i].id);
		free(p->materials[i].name);
	}
	free(p->materials);
	for (size_t i = 0; i < p->nsteps; i++) {
		free(p->steps[i].id);
		free(p->steps[i].activity);
		free(p->steps[i].role);
		free(p->steps[i].not_same_actor_as);
	}
	free(p->steps);
}
