/* SPDX-License-Identifier: MIT */
/*
 * docdiff.c - field-level differences between document versions (see
 * docdiff.h).
 *
 * Scalars compare as the text a person would read (dates as YYYY-MM-DD,
 * fees as yuan with two decimals).  Lists with ids (materials, steps,
 * clauses, checks) are matched by id: an id only in one version is added
 * or removed, a shared id compares field by field.  The order of steps
 * is compared on the steps both versions share, so that adding a step
 * is not also reported as a reordering.  A procedure's pauses are
 * matched by their start activity.
 */
#include "conform.h"
#include "amount.h"
#include "docdiff.h"
#include "docindex.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
add(struct cf_docdiff *d, const char *field, const char *old, const char *new)
{
	struct cf_fieldchange *c;

	CF_GROW(d->v, d->n + 1, d->alloc);
	c = &d->v[d->n++];
	c->field = cf_xstrdup(field);
	c->old = old ? cf_xstrdup(old) : NULL;
	c->new = new ? cf_xstrdup(new) : NULL;
}

static bool
same(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

/* Compares two optional text values. */
static void
text(struct cf_docdiff *d, const char *field, const char *a, const char *b)
{
	if (!same(a, b))
		add(d, field, a, b);
}

static void
day_text(cf_day day, char *buf)
{
	if (day == CF_DAY_NONE)
		buf[0] = '\0';
	else
		cf_day_format(day, buf);
}

static void
day(struct cf_docdiff *d, const char *field, cf_day a, cf_day b)
{
	char x[11], y[11];

	if (a == b)
		return;
	day_text(a, x);
	day_text(b, y);
	add(d, field, a == CF_DAY_NONE ? NULL : x, b == CF_DAY_NONE ? NULL : y);
}

static void
count(struct cf_docdiff *d, const char *field, int a, int b)
{
	char x[16], y[16];

	if (a == b)
		return;
	snprintf(x, sizeof x, "%d", a);
	snprintf(y, sizeof y, "%d", b);
	add(d, field, a < 0 ? NULL : x, b < 0 ? NULL : y);
}

static void
yesno(struct cf_docdiff *d, const char *field, bool a, bool b)
{
	if (a != b)
		add(d, field, a ? "yes" : "no", b ? "yes" : "no");
}

static char *
join(const struct cf_strv *sv, const char *sep)
{
	struct cf_buf b = CF_BUF_INIT;

	for (size_t i = 0; i < sv->n; i++)
		cf_buf_addf(&b, "%s%s", i ? sep : "", sv->v[i]);
	return cf_buf_detach(&b);
}

static void
strv(struct cf_docdiff *d, const char *field, const struct cf_strv *a,
    const struct cf_strv *b)
{
	char *x = join(a, "; "), *y = join(b, "; ");

	if (strcmp(x, y) != 0)
		add(d, field, a->n ? x : NULL, b->n ? y : NULL);
	free(x);
	free(y);
}

/* ---- procedures ---- */

static const struct cf_material *
material(const struct cf_procedure *p, const char *id)
{
	for (size_t i = 0; i < p->nmaterials; i++)
		if (strcmp(p->materials[i].id, id) == 0)
			return &p->materials[i];
	return NULL;
}

static int
step_index(const struct cf_procedure *p, const char *id)
{
	for (size_t i = 0; i < p->nsteps; i++)
		if (strcmp(p->steps[i].id, id) == 0)
			return (int)i;
	return -1;
}

static char *
material_text(const struct cf_material *m)
{
	return cf_xasprintf("%s: %s", m->required ? "required" : "optional",
	    m->name);
}

static char *
step_text(const struct cf_procedure *p, size_t i)
{
	const struct cf_step *s = &p->steps[i];
	struct cf_buf b = CF_BUF_INIT;

	if (i == 0)
		cf_buf_adds(&b, "first");
	else
		cf_buf_addf(&b, "after '%s'", p->steps[i - 1].id);
	if (s->role)
		cf_buf_addf(&b, ", role %s", s->role);
	if (strcmp(s->activity, s->id) != 0)
		cf_buf_addf(&b, ", activity '%s'", s->activity);
	if (s->optional)
		cf_buf_adds(&b, ", optional");
	if (s->repeatable)
		cf_buf_adds(&b, ", repeatable");
	if (s->final)
		cf_buf_adds(&b, ", final");
	if (s->not_same_actor_as)
		cf_buf_addf(&b, ", not same actor as '%s'",
		    s->not_same_actor_as);
	return cf_buf_detach(&b);
}

/* The ids of p's steps that q also has, in p's order. */
static char *
shared_order(const struct cf_procedure *p, const struct cf_procedure *q)
{
	struct cf_buf b = CF_BUF_INIT;

	for (size_t i = 0; i < p->nsteps; i++)
		if (step_index(q, p->steps[i].id) >= 0)
			cf_buf_addf(&b, "%s%s", b.len ? ", " : "",
			    p->steps[i].id);
	return cf_buf_detach(&b);
}

static const struct cf_pause *
pause_of(const struct cf_procedure *p, const char *start)
{
	for (size_t i = 0; i < p->npauses; i++)
		if (strcmp(p->pauses[i].start, start) == 0)
			return &p->pauses[i];
	return NULL;
}

static char *
pause_text(const struct cf_pause *x)
{
	return cf_xasprintf("%s: '%s' to '%s'", x->name, x->start, x->end);
}

static char *
extension_text(const struct cf_extension *e)
{
	return cf_xasprintf("activity '%s', %d working days, role %s",
	    e->activity, e->days, e->role);
}

static char *
supplement_text(const struct cf_supplement *s)
{
	return cf_xasprintf("activity '%s', within %d working days",
	    s->activity, s->within);
}

/*
 * The markers of the time-limit law: pauses matched by their start
 * activity (unique in a valid procedure), the extension and the
 * supplement each one item.
 */
static void
diff_markers(struct cf_docdiff *d, const struct cf_procedure *a,
    const struct cf_procedure *b)
{
	char field[300];
	char *t;

	for (size_t i = 0; i < a->npauses; i++) {
		const struct cf_pause *x = &a->pauses[i];
		const struct cf_pause *y = pause_of(b, x->start);
		if (y == NULL) {
			t = pause_text(x);
			snprintf(field, sizeof field, "time-limit.pause %s",
			    x->start);
			add(d, field, t, NULL);
			free(t);
			continue;
		}
		snprintf(field, sizeof field, "time-limit.pause %s end",
		    x->start);
		text(d, field, x->end, y->end);
		snprintf(field, sizeof field, "time-limit.pause %s name",
		    x->start);
		text(d, field, x->name, y->name);
	}
	for (size_t i = 0; i < b->npauses; i++)
		if (pause_of(a, b->pauses[i].start) == NULL) {
			t = pause_text(&b->pauses[i]);
			snprintf(field, sizeof field, "time-limit.pause %s",
			    b->pauses[i].start);
			add(d, field, NULL, t);
			free(t);
		}
	if (a->has_extension && b->has_extension) {
		text(d, "time-limit.extension.activity", a->extension.activity,
		    b->extension.activity);
		count(d, "time-limit.extension.days", a->extension.days,
		    b->extension.days);
		text(d, "time-limit.extension.role", a->extension.role,
		    b->extension.role);
	} else if (a->has_extension || b->has_extension) {
		t = extension_text(
		    a->has_extension ? &a->extension : &b->extension);
		add(d, "time-limit.extension", a->has_extension ? t : NULL,
		    b->has_extension ? t : NULL);
		free(t);
	}
	if (a->has_supplement && b->has_supplement) {
		text(d, "supplement.activity", a->supplement.activity,
		    b->supplement.activity);
		count(d, "supplement.within", a->supplement.within,
		    b->supplement.within);
	} else if (a->has_supplement || b->has_supplement) {
		t = supplement_text(
		    a->has_supplement ? &a->supplement : &b->supplement);
		add(d, "supplement", a->has_supplement ? t : NULL,
		    b->has_supplement ? t : NULL);
		free(t);
	}
}

static void
diff_procedure(struct cf_docdiff *d, const struct cf_procedure *a,
    const struct cf_procedure *b)
{
	char x[32], y[32], field[300];

	text(d, "kind",
	    a->kind == CF_KIND_ON_THE_SPOT ? "on-the-spot" : "commitment",
	    b->kind == CF_KIND_ON_THE_SPOT ? "on-the-spot" : "commitment");
	text(d, "title", a->title, b->title);
	text(d, "department", a->department, b->department);
	text(d, "window", a->window, b->window);
	strv(d, "legal-basis", &a->legal_basis, &b->legal_basis);
	day(d, "effective-from", a->effective_from, b->effective_from);
	day(d, "review-due", a->review_due, b->review_due);
	count(d, "time-limit.statutory", a->statutory, b->statutory);
	count(d, "time-limit.committed", a->committed, b->committed);
	diff_markers(d, a, b);
	if (a->fee_fen != b->fee_fen) {
		cf_amount_format(a->fee_fen, x, sizeof x);
		cf_amount_format(b->fee_fen, y, sizeof y);
		add(d, "fee", a->fee_fen < 0 ? NULL : x,
		    b->fee_fen < 0 ? NULL : y);
	}
	text(d, "complaint-phone", a->complaint_phone, b->complaint_phone);

	yesno(d, "materials listed", a->has_materials, b->has_materials);
	for (size_t i = 0; i < a->nmaterials; i++) {
		const struct cf_material *m = &a->materials[i];
		const struct cf_material *n = material(b, m->id);
		if (n == NULL) {
			char *t = material_text(m);
			snprintf(field, sizeof field, "material %s", m->id);
			add(d, field, t, NULL);
			free(t);
			continue;
		}
		snprintf(field, sizeof field, "material %s required", m->id);
		yesno(d, field, m->required, n->required);
		snprintf(field, sizeof field, "material %s name", m->id);
		text(d, field, m->name, n->name);
	}
	for (size_t i = 0; i < b->nmaterials; i++)
		if (material(a, b->materials[i].id) == NULL) {
			char *t = material_text(&b->materials[i]);
			snprintf(field, sizeof field, "material %s",
			    b->materials[i].id);
			add(d, field, NULL, t);
			free(t);
		}

	yesno(d, "steps open", a->steps_open, b->steps_open);
	for (size_t i = 0; i < a->nsteps; i++)
		if (step_index(b, a->steps[i].id) < 0) {
			char *t = step_text(a, i);
			snprintf(field, sizeof field, "step %s",
			    a->steps[i].id);
			add(d, field, t, NULL);
			free(t);
		}
	for (size_t i = 0; i < b->nsteps; i++)
		if (step_index(a, b->steps[i].id) < 0) {
			char *t = step_text(b, i);
			snprintf(field, sizeof field, "step %s",
			    b->steps[i].id);
			add(d, field, NULL, t);
			free(t);
		}
	char *oa = shared_order(a, b), *ob = shared_order(b, a);
	if (strcmp(oa, ob) != 0)
		add(d, "step order", oa, ob);
	free(oa);
	free(ob);
	for (size_t i = 0; i < a->nsteps; i++) {
		const struct cf_step *s = &a->steps[i];
		int k = step_index(b, s->id);
		if (k < 0)
			continue;
		const struct cf_step *t = &b->steps[k];
		snprintf(field, sizeof field, "step %s role", s->id);
		text(d, field, s->role, t->role);
		snprintf(field, sizeof field, "step %s activity", s->id);
		text(d, field, s->activity, t->activity);
		snprintf(field, sizeof field, "step %s optional", s->id);
		yesno(d, field, s->optional, t->optional);
		snprintf(field, sizeof field, "step %s repeatable", s->id);
		yesno(d, field, s->repeatable, t->repeatable);
		snprintf(field, sizeof field, "step %s final", s->id);
		yesno(d, field, s->final, t->final);
		snprintf(field, sizeof field, "step %s not-same-actor-as",
		    s->id);
		text(d, field, s->not_same_actor_as, t->not_same_actor_as);
	}
}

/* ---- standards ---- */

static const struct cf_clause *
clause(const struct cf_standard *s, const char *id)
{
	for (size_t i = 0; i < s->nclauses; i++)
		if (strcmp(s->clauses[i].id, id) == 0)
			return &s->clauses[i];
	return NULL;
}

static const char *
subsystem_name(enum cf_subsystem s)
{
	return s == CF_SUB_BASIC  ? "basic"
	    : s == CF_SUB_SUPPORT ? "support"
				  : "provision";
}

static void
diff_standard(struct cf_docdiff *d, const struct cf_standard *a,
    const struct cf_standard *b)
{
	char field[300];

	text(d, "subsystem", subsystem_name(a->subsystem),
	    subsystem_name(b->subsystem));
	text(d, "title", a->title, b->title);
	text(d, "level", a->level, b->level);
	day(d, "effective-from", a->effective_from, b->effective_from);
	day(d, "review-due", a->review_due, b->review_due);
	strv(d, "applies-to", &a->applies_to, &b->applies_to);
	for (size_t i = 0; i < a->nclauses; i++) {
		const struct cf_clause *c = clause(b, a->clauses[i].id);
		snprintf(field, sizeof field, "clause %s", a->clauses[i].id);
		text(d, field, a->clauses[i].text, c ? c->text : NULL);
	}
	for (size_t i = 0; i < b->nclauses; i++)
		if (clause(a, b->clauses[i].id) == NULL) {
			snprintf(field, sizeof field, "clause %s",
			    b->clauses[i].id);
			add(d, field, NULL, b->clauses[i].text);
		}
}

/* ---- calendars ---- */

static char *
holiday_key(const struct cf_holiday *h)
{
	char f[11], t[11];

	cf_day_format(h->from, f);
	cf_day_format(h->to, t);
	return cf_xasprintf("%s..%s", f, t);
}

static bool
has_holiday(const struct cf_caldoc *c, const struct cf_holiday *h)
{
	for (size_t i = 0; i < c->nholidays; i++)
		if (c->holidays[i].from == h->from &&
		    c->holidays[i].to == h->to)
			return true;
	return false;
}

static bool
has_workday(const struct cf_caldoc *c, cf_day w)
{
	for (size_t i = 0; i < c->nworkdays; i++)
		if (c->workdays[i].date == w)
			return true;
	return false;
}

static void
diff_calendar(struct cf_docdiff *d, const struct cf_caldoc *a,
    const struct cf_caldoc *b)
{
	char ds[11];

	count(d, "year", a->year, b->year);
	for (size_t i = 0; i < a->nholidays; i++)
		if (!has_holiday(b, &a->holidays[i])) {
			char *k = holiday_key(&a->holidays[i]);
			add(d, "holiday", k, NULL);
			free(k);
		}
	for (size_t i = 0; i < b->nholidays; i++)
		if (!has_holiday(a, &b->holidays[i])) {
			char *k = holiday_key(&b->holidays[i]);
			add(d, "holiday", NULL, k);
			free(k);
		}
	for (size_t i = 0; i < a->nworkdays; i++)
		if (!has_workday(b, a->workdays[i].date)) {
			cf_day_format(a->workdays[i].date, ds);
			add(d, "workday", ds, NULL);
		}
	for (size_t i = 0; i < b->nworkdays; i++)
		if (!has_workday(a, b->workdays[i].date)) {
			cf_day_format(b->workdays[i].date, ds);
			add(d, "workday", NULL, ds);
		}
}

/* ---- checklists ---- */

static const struct cf_check *
check_of(const struct cf_checklist *l, const char *id)
{
	for (size_t i = 0; i < l->nchecks; i++)
		if (strcmp(l->checks[i].id, id) == 0)
			return &l->checks[i];
	return NULL;
}

static char *
check_text(const struct cf_check *c)
{
	struct cf_buf b = CF_BUF_INIT;

	cf_buf_addf(&b, "%s, %s", cf_check_type_name(c->type),
	    cf_severity_name(c->severity));
	if (*c->clause)
		cf_buf_addf(&b, ", clause %s", c->clause);
	if (c->has_min) {
		char *m = cf_ratio_format(c->min);
		cf_buf_addf(&b, ", min %s", m);
		free(m);
	}
	return cf_buf_detach(&b);
}

static void
ratio(struct cf_docdiff *d, const char *field, const struct cf_ratio *a,
    const struct cf_ratio *b)
{
	char *x = cf_ratio_format(*a), *y = cf_ratio_format(*b);

	text(d, field, x, y);
	free(x);
	free(y);
}

static void
diff_checklist(struct cf_docdiff *d, const struct cf_checklist *a,
    const struct cf_checklist *b)
{
	char field[300];

	text(d, "title", a->title, b->title);
	text(d, "scope", a->scope, b->scope);
	ratio(d, "sampling.confidence", &a->confidence, &b->confidence);
	ratio(d, "sampling.tolerable", &a->tolerable, &b->tolerable);
	ratio(d, "sampling.expected", &a->expected, &b->expected);
	text(d, "sampling.seed", a->seed, b->seed);
	for (size_t i = 0; i < a->nchecks; i++) {
		const struct cf_check *x = &a->checks[i];
		const struct cf_check *y = check_of(b, x->id);
		char *tx = check_text(x), *ty = y ? check_text(y) : NULL;
		snprintf(field, sizeof field, "check %s", x->id);
		text(d, field, tx, ty);
		if (y) {
			snprintf(field, sizeof field, "check %s query", x->id);
			text(d, field, x->query, y->query);
		}
		free(tx);
		free(ty);
	}
	for (size_t i = 0; i < b->nchecks; i++)
		if (check_of(a, b->checks[i].id) == NULL) {
			char *t = check_text(&b->checks[i]);
			snprintf(field, sizeof field, "check %s",
			    b->checks[i].id);
			add(d, field, NULL, t);
			free(t);
		}
}

/* ---- import profiles ---- */

/* A field's mapping as one line: "COLUMN [FORMAT] FROM=TO; ...". */
static char *
field_text(const struct cf_profile_field *f)
{
	struct cf_buf b;

	cf_buf_init(&b);
	cf_buf_addf(&b, "column %s", f->column);
	if (f->format)
		cf_buf_addf(&b, ", format %s", f->format);
	for (size_t i = 0; i < f->nmaps; i++)
		cf_buf_addf(&b, "%s%s=%s", i ? "; " : ", map ", f->maps[i].from,
		    f->maps[i].to);
	return b.s ? b.s : cf_xstrdup("");
}

static void
diff_profile(struct cf_docdiff *d, const struct cf_profile *a,
    const struct cf_profile *b)
{
	char field[300];

	text(d, "title", a->title, b->title);
	text(d, "kind", cf_profile_kind_name(a->kind),
	    cf_profile_kind_name(b->kind));
	text(d, "encoding", a->encoding, b->encoding);
	text(d, "sheet", a->sheet, b->sheet);
	for (size_t i = 0; i < a->nfields; i++) {
		const struct cf_profile_field *x = &a->fields[i];
		const struct cf_profile_field *y = cf_profile_find(b, x->name);
		char *tx = field_text(x), *ty = y ? field_text(y) : NULL;
		snprintf(field, sizeof field, "field %s", x->name);
		text(d, field, tx, ty);
		free(tx);
		free(ty);
	}
	for (size_t i = 0; i < b->nfields; i++)
		if (cf_profile_find(a, b->fields[i].name) == NULL) {
			char *t = field_text(&b->fields[i]);
			snprintf(field, sizeof field, "field %s",
			    b->fields[i].name);
			add(d, field, NULL, t);
			free(t);
		}
}

/* A signer's line without its key: principals and options. */
static char *
signer_terms(const struct cf_signer *g)
{
	return cf_xasprintf("%s%s%s%s%s%s%s%s%s", g->principals,
	    g->cert_authority ? " cert-authority" : "",
	    g->namespaces ? " namespaces=" : "",
	    g->namespaces ? g->namespaces : "",
	    g->valid_after ? " valid-after=" : "",
	    g->valid_after ? g->valid_after : "",
	    g->valid_before ? " valid-before=" : "",
	    g->valid_before ? g->valid_before : "", "");
}

/* Signers by key fingerprint: added, removed, or their terms changed. */
static void
diff_signers(struct cf_docdiff *d, const struct cf_signers *a,
    const struct cf_signers *b)
{
	for (size_t i = 0; i < b->n; i++) {
		const struct cf_signer *x = &b->v[i], *y = NULL;
		char *field = cf_xasprintf("signer %s", x->fingerprint);
		char *nt = signer_terms(x), *ot = NULL;
		for (size_t k = 0; k < a->n && y == NULL; k++)
			if (strcmp(a->v[k].fingerprint, x->fingerprint) == 0)
				y = &a->v[k];
		if (y)
			ot = signer_terms(y);
		if (y == NULL || strcmp(ot, nt) != 0)
			add(d, field, ot, nt);
		free(field);
		free(nt);
		free(ot);
	}
	for (size_t k = 0; k < a->n; k++) {
		bool kept = false;
		for (size_t i = 0; i < b->n && !kept; i++)
			kept = strcmp(a->v[k].fingerprint,
			    b->v[i].fingerprint) == 0;
		if (!kept) {
			char *field = cf_xasprintf("signer %s",
			    a->v[k].fingerprint);
			char *ot = signer_terms(&a->v[k]);
			add(d, field, ot, NULL);
			free(field);
			free(ot);
		}
	}
}

void
cf_docdiff(const struct cf_doc *a, const struct cf_doc *b,
    struct cf_docdiff *out)
{
	if (a == NULL && b == NULL)
		return;
	if (a == NULL || b == NULL) {
		const struct cf_doc *x = a ? a : b;
		char *t = cf_xasprintf("%s %s", cf_doc_type_name(x->type),
		    cf_doc_id(x));
		add(out, "document", a ? t : NULL, b ? t : NULL);
		free(t);
		return;
	}
	if (a->type != b->type) {
		add(out, "type", cf_doc_type_name(a->type),
		    cf_doc_type_name(b->type));
		return;
	}
	text(out, "id", cf_doc_id(a), cf_doc_id(b));
	switch (a->type) {
	case CF_DOC_PROCEDURE:
		diff_procedure(out, &a->u.proc, &b->u.proc);
		break;
	case CF_DOC_STANDARD:
		diff_standard(out, &a->u.std, &b->u.std);
		break;
	case CF_DOC_CALENDAR:
		diff_calendar(out, &a->u.cal, &b->u.cal);
		break;
	case CF_DOC_CHECKLIST:
		diff_checklist(out, &a->u.list, &b->u.list);
		break;
	case CF_DOC_SIGNERS:
		diff_signers(out, &a->u.signers, &b->u.signers);
		break;
	case CF_DOC_PROFILE:
		diff_profile(out, &a->u.profile, &b->u.profile);
		break;
	}
}

void
cf_docdiff_release(struct cf_docdiff *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].field);
		free(d->v[i].old);
		free(d->v[i].new);
	}
	free(d->v);
	d->v = NULL;
	d->n = d->alloc = 0;
}

/* A value short enough to show in a one-line summary. */
static bool
short_value(const char *s)
{
	return s && cf_utf8_width(s) <= 12 && strchr(s, '\n') == NULL;
}

char *
cf_docdiff_summary(const struct cf_docdiff *d, size_t max)
{
	struct cf_buf b = CF_BUF_INIT;

	for (size_t i = 0; i < d->n; i++) {
		const struct cf_fieldchange *c = &d->v[i];
		if (i)
			cf_buf_adds(&b, "; ");
		if (c->old == NULL)
			cf_buf_addf(&b, "%s added", c->field);
		else if (c->new == NULL)
			cf_buf_addf(&b, "%s removed", c->field);
		else if (short_value(c->old) && short_value(c->new))
			cf_buf_addf(&b, "%s %s -> %s", c->field, c->old,
			    c->new);
		else
			cf_buf_addf(&b, "%s changed", c->field);
	}
	if (b.len > max && max > 3) {
		size_t cut = max - 3;
		while (cut > 0 && ((unsigned char)b.s[cut] & 0xC0) == 0x80)
			cut--;
		b.len = cut;
		b.s[cut] = '\0';
		cf_buf_adds(&b, "...");
	}
	return cf_buf_detach(&b);
}

char *
cf_docdiff_change(struct cf_docindex *idx, struct cf_docversion *const *hist,
    size_t k)
{
	const struct cf_docversion *v = hist[k];
	const struct cf_doc *a = NULL, *b = NULL;
	struct cf_docdiff d = CF_DOCDIFF_INIT;
	char *s;

	if (v->deleted)
		return cf_xstrdup("deleted");
	if (v->invalid)
		return cf_xasprintf("invalid: %s", v->invalid);
	if (k == 0 || hist[k - 1]->deleted)
		return cf_xstrdup(k == 0 ? "added" : "added again");
	if (cf_docindex_doc(idx, hist[k - 1], &a) < 0 ||
	    cf_docindex_doc(idx, v, &b) < 0) {
		cf_error_clear();
		return cf_xstrdup("changed");
	}
	cf_docdiff(a, b, &d);
	s = d.n ? cf_docdiff_summary(&d, 160)
		: cf_xstrdup("no field changed (layout or comments)");
	cf_docdiff_release(&d);
	return s;
}
