/* SPDX-License-Identifier: MIT */
/*
 * doc-procedure.c - a service guide (<procedure>) into struct
 * cf_procedure (see document.h): identity, legal basis, the statutory
 * and committed time limits, the fee, the materials, the steps and the
 * review date.  Beyond the schema it checks that an on-the-spot item
 * commits no days, that the fee is an exact amount, that material and
 * step ids are unique and steps do not share an activity, and that the
 * review is not due before the guide takes effect.
 *
 * The markers of the time-limit law (<pause>, <extension> inside
 * <time-limit>, <supplement> beside it; doc/documents.md "Pauses,
 * extensions and supplementation") are activities, not steps: no step
 * may have a marker's activity, and a marker activity means one thing
 * (only pauses may share an end).  An on-the-spot item has no clock to
 * stop or lengthen, so it takes no pause and no extension.
 */
#include "conform.h"
#include "amount.h"
#include "document.h"
#include "doc-impl.h"
#include "xml.h"

#include <stdlib.h>
#include <string.h>

/*
 * The <pause>s and the <extension> of <time-limit> `tl`, with the rules
 * that need no steps: a pause's start and end differ, no two pauses
 * share a start, an extension adds at least one day, and an on-the-spot
 * procedure has neither.
 */
static void
build_clock_markers(struct cf_doc_ctx *c, const xmlNode *tl,
    struct cf_procedure *p)
{
	const xmlNode *n;
	size_t alloc = 0;

	for (n = tl->children; n; n = n->next) {
		if (!cf_doc__is_elem(n, "pause"))
			continue;
		CF_GROW(p->pauses, p->npauses + 1, alloc);
		struct cf_pause *pa = &p->pauses[p->npauses++];
		pa->start = cf_xml_attr(n, "start");
		pa->end = cf_xml_attr(n, "end");
		pa->name = cf_xml_attr(n, "name");
		pa->line = cf_doc__line(n);
		if (p->kind == CF_KIND_ON_THE_SPOT)
			PROBLEM(c, n,
			    "an on-the-spot procedure is settled on its "
			    "acceptance day and has no clock to stop, expected "
			    "no <pause> (or kind=\"commitment\")");
		if (strcmp(pa->start, pa->end) == 0)
			PROBLEM(c, n,
			    "<pause> '%s': start and end are both '%s', "
			    "expected one activity that opens the pause and "
			    "another that closes it",
			    pa->name, pa->start);
		for (size_t k = 0; k + 1 < p->npauses; k++)
			if (strcmp(p->pauses[k].start, pa->start) == 0)
				PROBLEM(c, n,
				    "<pause> start '%s' used twice (first on "
				    "line %d), expected one pause per start "
				    "activity",
				    pa->start, p->pauses[k].line);
	}
	if ((n = cf_xml_child(tl, "extension")) != NULL) {
		struct cf_extension *e = &p->extension;
		p->has_extension = true;
		e->activity = cf_xml_attr(n, "activity");
		e->days = cf_doc__attr_count(n, "days");
		e->role = cf_xml_attr(n, "role");
		e->line = cf_doc__line(n);
		if (p->kind == CF_KIND_ON_THE_SPOT)
			PROBLEM(c, n,
			    "an on-the-spot procedure is settled on its "
			    "acceptance day and has no limit to extend, "
			    "expected no <extension> (or "
			    "kind=\"commitment\")");
		if (e->days <= 0)
			PROBLEM(c, n,
			    "<extension> days=\"%d\" extends nothing, "
			    "expected at least 1 working day",
			    e->days);
	}
}

/* The step whose activity is `activity`, or NULL. */
static const struct cf_step *
step_of_activity(const struct cf_procedure *p, const char *activity)
{
	for (size_t i = 0; i < p->nsteps; i++)
		if (strcmp(p->steps[i].activity, activity) == 0)
			return &p->steps[i];
	return NULL;
}

/* A marker activity a step also has: one problem at the marker's line. */
static void
marker_not_step(struct cf_doc_ctx *c, const struct cf_procedure *p,
    const char *activity, const char *what, int line)
{
	const struct cf_step *s = step_of_activity(p, activity);

	if (s)
		cf_diags_add(c->diags, c->path, line, 0,
		    "activity '%s' of %s is also the activity of step '%s'; "
		    "a marker is not a step, expected an activity no step has",
		    activity, what, s->id);
}

/*
 * The line of the pause other than `self` that has `activity` as its
 * start (ends: false) or as its end (ends: true); 0 when none.
 */
static int
pause_with(const struct cf_procedure *p, const struct cf_pause *self,
    const char *activity, bool ends)
{
	for (size_t i = 0; i < p->npauses; i++)
		if (&p->pauses[i] != self &&
		    strcmp(ends ? p->pauses[i].end : p->pauses[i].start,
			activity) == 0)
			return p->pauses[i].line;
	return 0;
}

/*
 * The rules that join markers and steps, and markers among themselves:
 * no marker activity is a step's; the start of one pause is no other
 * pause's end; the extension's and the supplement's activities are no
 * pause's and not each other's.  Only pauses may share an end (one
 * event resumes the clock for each).
 */
static void
check_markers(struct cf_doc_ctx *c, const struct cf_procedure *p)
{
	const struct cf_extension *e = p->has_extension ? &p->extension : NULL;
	const struct cf_supplement *s = p->has_supplement ? &p->supplement
							  : NULL;
	int l;

	for (size_t i = 0; i < p->npauses; i++) {
		const struct cf_pause *pa = &p->pauses[i];
		marker_not_step(c, p, pa->start, "<pause> start", pa->line);
		if (strcmp(pa->start, pa->end) != 0)
			marker_not_step(c, p, pa->end, "<pause> end", pa->line);
		if ((l = pause_with(p, pa, pa->start, true)) != 0)
			cf_diags_add(c->diags, c->path, pa->line, 0,
			    "activity '%s' starts this <pause> and ends the "
			    "one on line %d, expected an activity that means "
			    "one thing",
			    pa->start, l);
	}
	if (e) {
		marker_not_step(c, p, e->activity, "<extension>", e->line);
		if ((l = pause_with(p, NULL, e->activity, false)) != 0 ||
		    (l = pause_with(p, NULL, e->activity, true)) != 0)
			cf_diags_add(c->diags, c->path, e->line, 0,
			    "activity '%s' of <extension> is also an activity "
			    "of the <pause> on line %d, expected an activity "
			    "that means one thing",
			    e->activity, l);
	}
	if (s) {
		marker_not_step(c, p, s->activity, "<supplement>", s->line);
		if ((l = pause_with(p, NULL, s->activity, false)) != 0 ||
		    (l = pause_with(p, NULL, s->activity, true)) != 0)
			cf_diags_add(c->diags, c->path, s->line, 0,
			    "activity '%s' of <supplement> is also an "
			    "activity of the <pause> on line %d, expected an "
			    "activity that means one thing",
			    s->activity, l);
		else if (e && strcmp(e->activity, s->activity) == 0)
			cf_diags_add(c->diags, c->path, s->line, 0,
			    "activity '%s' of <supplement> is also the "
			    "<extension>'s (line %d), expected an activity "
			    "that means one thing",
			    s->activity, e->line);
	}
}

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
		build_clock_markers(c, n, p);
	}
	if ((n = cf_xml_child(root, "supplement")) != NULL) {
		p->has_supplement = true;
		p->supplement.activity = cf_xml_attr(n, "activity");
		p->supplement.within = cf_doc__attr_count(n, "within");
		p->supplement.line = cf_doc__line(n);
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
	check_markers(c, p);
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
	for (size_t i = 0; i < p->npauses; i++) {
		free(p->pauses[i].start);
		free(p->pauses[i].end);
		free(p->pauses[i].name);
	}
	free(p->pauses);
	free(p->extension.activity);
	free(p->extension.role);
	free(p->supplement.activity);
}
