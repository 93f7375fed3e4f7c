/* SPDX-License-Identifier: MIT */
/*
 * document.c - parsing and validating the four document types (see
 * document.h).
 *
 * The flow is: safe parse (core/xml.c) -> RELAX NG validation against
 * the shipped schema -> build the struct from the tree -> the rules a
 * schema cannot express.  The struct is built only from a document that
 * passed the schema, so the builders may rely on required elements and
 * attribute vocabularies being there; they still check what the schema
 * leaves to us (dates that exist, uniqueness, cross references).
 */
#include "conform.h"
#include "amount.h"
#include "calendar.h"
#include "document.h"
#include "paths.h"
#include "text.h"
#include "xml.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

static const char *const type_names[CF_DOC_NTYPES] = { "procedure", "standard",
	"calendar", "checklist" };
static const char *const type_dirs[CF_DOC_NTYPES] = { "procedures", "standards",
	"calendars", "checklists" };

static const char *const check_names[CF_CHECK_NTYPES] = { "on-time", "fee",
	"materials", "steps", "roles", "four-eyes", "in-force", "on-time-rate",
	"on-the-spot-ratio", "limit-compression", "guide-complete",
	"limits-consistent", "approved", "review-current", "capa-timely",
	"sql" };

static const char *const severity_names[] = { "major", "minor", "observation" };

const char *
cf_doc_type_name(enum cf_doc_type t)
{
	return type_names[t];
}

const char *
cf_doc_type_dir(enum cf_doc_type t)
{
	return type_dirs[t];
}

const char *
cf_check_type_name(enum cf_check_type t)
{
	return check_names[t];
}

int
cf_check_type_parse(const char *s, enum cf_check_type *out)
{
	for (int i = 0; i < CF_CHECK_NTYPES; i++)
		if (strcmp(s, check_names[i]) == 0) {
			*out = (enum cf_check_type)i;
			return 0;
		}
	return cf_error_set(CF_EINVALID, "unknown check type '%s'", s);
}

bool
cf_check_type_is_case(enum cf_check_type t)
{
	return t <= CF_CHECK_IN_FORCE;
}

bool
cf_check_type_name_is_case(const char *name)
{
	enum cf_check_type t = CF_CHECK_SQL;

	if (cf_check_type_parse(name, &t) < 0) {
		cf_error_clear();
		return false;
	}
	return cf_check_type_is_case(t);
}

bool
cf_check_type_is_rate(enum cf_check_type t)
{
	return t == CF_CHECK_ON_TIME_RATE || t == CF_CHECK_ON_THE_SPOT_RATIO ||
	    t == CF_CHECK_LIMIT_COMPRESSION;
}

const char *
cf_severity_name(enum cf_severity s)
{
	return severity_names[s];
}

int
cf_doc_type_parse(const char *s, enum cf_doc_type *out)
{
	for (int i = 0; i < CF_DOC_NTYPES; i++)
		if (strcmp(s, type_names[i]) == 0) {
			*out = (enum cf_doc_type)i;
			return 0;
		}
	return cf_error_set(CF_EUSAGE,
	    "unknown document type '%s', expected procedure, standard, "
	    "calendar or checklist",
	    s);
}

int
cf_doc_type_of_path(const char *path, enum cf_doc_type *out)
{
	const char *slash = strchr(path, '/');
	size_t n = strlen(path);

	if (slash == NULL || strchr(slash + 1, '/') || n < 5 ||
	    strcmp(path + n - 4, ".xml") != 0 || slash + 1 == path + n - 4)
		return CF_ENOTFOUND;
	for (int i = 0; i < CF_DOC_NTYPES; i++)
		if ((size_t)(slash - path) == strlen(type_dirs[i]) &&
		    strncmp(path, type_dirs[i], (size_t)(slash - path)) == 0) {
			*out = (enum cf_doc_type)i;
			return 0;
		}
	return CF_ENOTFOUND;
}

/* The file name (without .xml) a document of type t and id has. */
static char *
file_stem_for_id(enum cf_doc_type t, const char *id)
{
	char *s = cf_xstrdup(id);

	if (t == CF_DOC_STANDARD)
		for (char *p = s; *p; p++)
			if (*p == '/')
				*p = '_';
	return s;
}

char *
cf_doc_path_for_id(enum cf_doc_type t, const char *id)
{
	char *stem = file_stem_for_id(t, id);
	char *p = cf_xasprintf("%s/%s.xml", type_dirs[t], stem);

	free(stem);
	return p;
}

/* ---- schemas ---- */

static struct cf_schema *schemas[CF_DOC_NTYPES];

static int
get_schema(enum cf_doc_type t, const struct cf_schema **out)
{
	if (schemas[t] == NULL) {
		char *file = cf_xasprintf("%s.rng", type_names[t]);
		char *path = cf_data_path(CF_DATA_SCHEMAS, file);
		int rc = cf_schema_load(&schemas[t], path);
		free(file);
		free(path);
		if (rc < 0)
			return rc;
	}
	*out = schemas[t];
	return 0;
}

void
cf_doc_schemas_release(void)
{
	for (int i = 0; i < CF_DOC_NTYPES; i++) {
		cf_schema_free(schemas[i]);
		schemas[i] = NULL;
	}
}

/* ---- helpers over the tree ---- */

struct ctx {
	const char *path;
	struct cf_diags *diags;
	size_t before; /* diags->n when we started */
};

static int
line_of(const xmlNode *n)
{
	long l = xmlGetLineNo((xmlNode *)n);

	return l > 0 && l < 0x7fffffff ? (int)l : 0;
}

static bool
is_elem(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)n->name, name) == 0;
}

#define PROBLEM(c, node, ...)                                                  \
	cf_diags_add((c)->diags, (c)->path, line_of(node), 0, __VA_ARGS__)

/* Parses a date attribute or element text that must exist. */
static cf_day
date_of(struct ctx *c, const xmlNode *node, const char *what, const char *s)
{
	cf_day d;

	if (s == NULL)
		return CF_DAY_NONE;
	if (cf_day_parse(&d, s, strlen(s)) < 0) {
		PROBLEM(c, node, "%s: %s", what, cf_error_message());
		return CF_DAY_NONE;
	}
	return d;
}

static cf_day
elem_date(struct ctx *c, const xmlNode *root, const char *name)
{
	const xmlNode *n = cf_xml_child(root, name);
	char *s = cf_xml_text(n);
	cf_day d = date_of(c, n, name, s);

	free(s);
	return d;
}

static bool
attr_yes(const xmlNode *n, const char *name)
{
	char *v = cf_xml_attr(n, name);
	bool yes = v && strcmp(v, "yes") == 0;

	free(v);
	return yes;
}

/* Whether the file name of `path` is the one `id` must have. */
static void
check_id_matches_file(struct ctx *c, enum cf_doc_type t, const xmlNode *root,
    const char *id)
{
	const char *base = strrchr(c->path, '/');
	char *stem = file_stem_for_id(t, id);
	size_t n;

	base = base ? base + 1 : c->path;
	n = strlen(base);
	if (n > 4 && strcmp(base + n - 4, ".xml") == 0)
		n -= 4;
	if (strlen(stem) != n || strncmp(base, stem, n) != 0)
		PROBLEM(c, root,
		    "id '%s' does not match the file name '%s', "
		    "expected the file to be named '%s.xml'",
		    id, base, stem);
	free(stem);
}

/* Non-negative integer attribute; -1 when absent (schema checked form). */
static int
attr_count(const xmlNode *n, const char *name)
{
	char *v = cf_xml_attr(n, name);
	int r = v ? atoi(v) : -1;

	free(v);
	return r;
}

/* ---- procedure ---- */

static void
build_procedure(struct ctx *c, const xmlNode *root, struct cf_procedure *p)
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
		if (is_elem(n, "legal-basis"))
			cf_strv_push_owned(&p->legal_basis, cf_xml_text(n));
	p->effective_from = elem_date(c, root, "effective-from");
	p->review_due = elem_date(c, root, "review-due");

	p->statutory = p->committed = -1;
	if ((n = cf_xml_child(root, "time-limit")) != NULL) {
		char *unit = cf_xml_attr(n, "unit");
		p->has_time_limit = true;
		p->statutory = attr_count(n, "statutory");
		p->committed = attr_count(n, "committed");
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
			if (!is_elem(m, "material"))
				continue;
			CF_GROW(p->materials, p->nmaterials + 1, alloc);
			struct cf_material *mat =
			    &p->materials[p->nmaterials++];
			mat->id = cf_xml_attr(m, "id");
			mat->name = cf_xml_text(m);
			mat->required = attr_yes(m, "required");
			mat->line = line_of(m);
			for (size_t k = 0; k + 1 < p->nmaterials; k++)
				if (strcmp(p->materials[k].id, mat->id) == 0)
					PROBLEM(c, m,
					    "material id '%s' used twice (first "
					    "on line %d), expected unique ids",
					    mat->id, p->materials[k].line);
		}
	}
	n = cf_xml_child(root, "steps");
	p->steps_open = attr_yes(n, "open");
	size_t alloc = 0;
	for (const xmlNode *s = n ? n->children : NULL; s; s = s->next) {
		if (!is_elem(s, "step"))
			continue;
		CF_GROW(p->steps, p->nsteps + 1, alloc);
		struct cf_step *st = &p->steps[p->nsteps++];
		st->id = cf_xml_attr(s, "id");
		st->activity = cf_xml_attr(s, "activity");
		if (st->activity == NULL)
			st->activity = cf_xstrdup(st->id);
		st->role = cf_xml_attr(s, "role");
		st->optional = attr_yes(s, "optional");
		st->repeatable = attr_yes(s, "repeatable");
		st->not_same_actor_as = cf_xml_attr(s, "not-same-actor-as");
		st->nsa = -1;
		st->line = line_of(s);
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

static void
free_procedure(struct cf_procedure *p)
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

/* ---- standard ---- */

static void
build_standard(struct ctx *c, const xmlNode *root, struct cf_standard *s)
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
	s->effective_from = elem_date(c, root, "effective-from");
	s->review_due = elem_date(c, root, "review-due");
	for (const xmlNode *n = root->children; n; n = n->next) {
		if (is_elem(n, "applies-to"))
			cf_strv_push_owned(&s->applies_to,
			    cf_xml_attr(n, "procedures"));
		if (!is_elem(n, "clause"))
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

static void
free_standard(struct cf_standard *s)
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

/* ---- calendar ---- */

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

static void
build_calendar(struct ctx *c, const xmlNode *root, struct cf_caldoc *cal)
{
	char *ys = cf_xml_attr(root, "year");
	int suffix;
	size_t ah = 0, aw = 0;

	cal->id = cf_xml_attr(root, "id");
	cal->title = cf_xml_text(cf_xml_child(root, "title"));
	cal->line = line_of(root);
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
		if (is_elem(n, "holiday")) {
			char *from = cf_xml_attr(n, "from");
			char *to = cf_xml_attr(n, "to");
			CF_GROW(cal->holidays, cal->nholidays + 1, ah);
			struct cf_holiday *h = &cal->holidays[cal->nholidays++];
			h->from = date_of(c, n, "holiday from", from);
			h->to = date_of(c, n, "holiday to", to);
			h->name = cf_xml_attr(n, "name");
			h->line = line_of(n);
			if (h->from != CF_DAY_NONE && h->to != CF_DAY_NONE &&
			    h->to < h->from)
				PROBLEM(c, n,
				    "holiday ends (%s) before it starts (%s)",
				    to, from);
			free(from);
			free(to);
		} else if (is_elem(n, "workday")) {
			char *date = cf_xml_attr(n, "date");
			CF_GROW(cal->workdays, cal->nworkdays + 1, aw);
			struct cf_workday *w = &cal->workdays[cal->nworkdays++];
			w->date = date_of(c, n, "workday date", date);
			w->name = cf_xml_attr(n, "name");
			w->line = line_of(n);
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

static void
free_calendar(struct cf_caldoc *cal)
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

/* ---- checklist ---- */

static void
ratio_attr(struct ctx *c, const xmlNode *n, const char *name,
    struct cf_ratio *out, const char *def)
{
	char *v = cf_xml_attr(n, name);

	if (cf_ratio_parse(out, v ? v : def) < 0)
		PROBLEM(c, n, "%s: %s", name, cf_error_message());
	free(v);
}

static void
build_checklist(struct ctx *c, const xmlNode *root, struct cf_checklist *l)
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
		if (!is_elem(n, "check"))
			continue;
		CF_GROW(l->checks, l->nchecks + 1, alloc);
		struct cf_check *k = &l->checks[l->nchecks++];
		char *type = cf_xml_attr(n, "type");
		char *sev = cf_xml_attr(n, "severity");
		char *min = cf_xml_attr(n, "min");
		memset(k, 0, sizeof *k);
		k->id = cf_xml_attr(n, "id");
		k->line = line_of(n);
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

static void
free_checklist(struct cf_checklist *l)
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

/* ---- entry points ---- */

int
cf_doc_parse(struct cf_doc **out, const char *buf, size_t len, const char *path,
    struct cf_diags *diags)
{
	struct ctx c = { path, diags, diags->n };
	const struct cf_schema *schema;
	enum cf_doc_type type, folder;
	bool in_folder = cf_doc_type_of_path(path, &folder) == 0;
	xmlDoc *xml = NULL;
	xmlNode *root;
	struct cf_doc *doc = NULL;
	int rc, t;

	*out = NULL;
	if ((rc = cf_xml_parse(&xml, buf, len, path, diags)) < 0)
		return rc;
	root = xmlDocGetRootElement(xml);
	for (t = 0; t < CF_DOC_NTYPES; t++)
		if (is_elem(root, type_names[t]) && root->ns == NULL)
			break;
	if (t == CF_DOC_NTYPES) {
		cf_diags_add(diags, path, line_of(root), 0,
		    "root element <%s> is not a conform document, expected "
		    "<procedure>, <standard>, <calendar> or <checklist>",
		    (const char *)root->name);
		rc = cf_error_set(CF_EINVALID, "%s: not a conform document",
		    path);
		goto out;
	}
	type = (enum cf_doc_type)t;
	if (in_folder && folder != type) {
		cf_diags_add(diags, path, line_of(root), 0,
		    "a <%s> in %s/, expected <%s>", type_names[type],
		    type_dirs[folder], type_names[folder]);
		rc = cf_error_set(CF_EINVALID, "%s: wrong folder", path);
		goto out;
	}
	if ((rc = get_schema(type, &schema)) < 0)
		goto out;
	if ((rc = cf_schema_validate(schema, xml, path, diags)) < 0)
		goto out;

	doc = cf_xcalloc(1, sizeof *doc);
	doc->type = type;
	doc->path = cf_xstrdup(path);
	switch (type) {
	case CF_DOC_PROCEDURE:
		build_procedure(&c, root, &doc->u.proc);
		break;
	case CF_DOC_STANDARD:
		build_standard(&c, root, &doc->u.std);
		break;
	case CF_DOC_CALENDAR:
		build_calendar(&c, root, &doc->u.cal);
		break;
	case CF_DOC_CHECKLIST:
		build_checklist(&c, root, &doc->u.list);
		break;
	}
	check_id_matches_file(&c, type, root, cf_doc_id(doc));
	if (diags->n > c.before) {
		cf_doc_free(doc);
		doc = NULL;
		rc = cf_error_set(CF_EINVALID, "%s: invalid %s", path,
		    type_names[type]);
	}
out:
	xmlFreeDoc(xml);
	*out = doc;
	return rc;
}

int
cf_doc_load_file(struct cf_doc **out, const char *fspath, const char *path,
    struct cf_diags *diags)
{
	char *buf;
	size_t len;
	int rc;

	*out = NULL;
	if (path == NULL)
		path = fspath;
	if ((rc = cf_read_file(fspath, CF_XML_MAX_BYTES, &buf, &len)) < 0) {
		/* The diagnostic names the file already: drop "FSPATH: ". */
		const char *m = cf_error_message();
		size_t fl = strlen(fspath);
		if (strncmp(m, fspath, fl) == 0 && m[fl] == ':' && m[fl + 1])
			m += fl + 2;
		cf_diags_add(diags, path, 0, 0, "%s", m);
		return rc == CF_ENOTFOUND ? CF_ENOTFOUND : CF_EINVALID;
	}
	rc = cf_doc_parse(out, buf, len, path, diags);
	free(buf);
	return rc;
}

void
cf_doc_free(struct cf_doc *doc)
{
	if (doc == NULL)
		return;
	switch (doc->type) {
	case CF_DOC_PROCEDURE:
		free_procedure(&doc->u.proc);
		break;
	case CF_DOC_STANDARD:
		free_standard(&doc->u.std);
		break;
	case CF_DOC_CALENDAR:
		free_calendar(&doc->u.cal);
		break;
	case CF_DOC_CHECKLIST:
		free_checklist(&doc->u.list);
		break;
	}
	free(doc->path);
	free(doc);
}

const char *
cf_doc_id(const struct cf_doc *doc)
{
	switch (doc->type) {
	case CF_DOC_PROCEDURE:
		return doc->u.proc.id;
	case CF_DOC_STANDARD:
		return doc->u.std.id;
	case CF_DOC_CALENDAR:
		return doc->u.cal.id;
	case CF_DOC_CHECKLIST:
		return doc->u.list.id;
	}
	return "";
}

cf_day
cf_doc_effective_from(const struct cf_doc *doc)
{
	if (doc->type == CF_DOC_PROCEDURE)
		return doc->u.proc.effective_from;
	if (doc->type == CF_DOC_STANDARD)
		return doc->u.std.effective_from;
	return CF_DAY_NONE;
}

int
cf_doc_check_set(struct cf_doc *const *docs, size_t n, struct cf_diags *diags)
{
	size_t before = diags->n;

	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < i; k++) {
			if (docs[i]->type != docs[k]->type)
				continue;
			if (strcmp(cf_doc_id(docs[i]), cf_doc_id(docs[k])) == 0)
				cf_diags_add(diags, docs[i]->path, 0, 0,
				    "%s id '%s' is also used by %s, expected "
				    "one document per id",
				    type_names[docs[i]->type],
				    cf_doc_id(docs[i]), docs[k]->path);
			else if (docs[i]->type == CF_DOC_CALENDAR &&
			    docs[i]->u.cal.year == docs[k]->u.cal.year)
				cf_diags_add(diags, docs[i]->path,
				    docs[i]->u.cal.line, 0,
				    "year %d is already covered by %s, "
				    "expected at most one calendar per year",
				    docs[i]->u.cal.year, docs[k]->path);
		}
	}
	if (diags->n > before)
		return cf_error_set(CF_EINVALID, "documents conflict");
	return 0;
}

int
cf_doc_build_calendar(struct cf_cal **out, struct cf_doc *const *docs, size_t n)
{
	struct cf_cal *cal = cf_cal_new();
	int rc = 0;

	*out = NULL;
	for (size_t i = 0; i < n && rc == 0; i++) {
		const struct cf_caldoc *c = &docs[i]->u.cal;
		if (docs[i]->type != CF_DOC_CALENDAR)
			continue;
		if ((rc = cf_cal_add_year(cal, c->year)) < 0) {
			cf_error_prefix("%s", docs[i]->path);
			break;
		}
		for (size_t k = 0; k < c->nholidays && rc == 0; k++)
			rc = cf_cal_add_rest(cal, c->holidays[k].from,
			    c->holidays[k].to);
		for (size_t k = 0; k < c->nworkdays && rc == 0; k++)
			rc = cf_cal_add_workday(cal, c->workdays[k].date);
	}
	if (rc == 0)
		rc = cf_cal_build(cal);
	if (rc < 0) {
		cf_cal_free(cal);
		return rc;
	}
	*out = cal;
	return 0;
}
