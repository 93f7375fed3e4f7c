/* SPDX-License-Identifier: MIT */
/*
 * checks-materials.c - materials (doc/checks.md): every material the
 * procedure in force marks required="yes" must be among the ids the
 * case received.  Ids compare byte for byte (M2 is not m2): the import
 * already trimmed them, and a guess at equivalence would hide a wrong
 * id in the case log.  The detail names every missing material, in the
 * procedure's order, so one finding is enough to chase them all, and,
 * whatever the result, every item received that names no material of
 * the version in force ("M1，M2" typed with a full-width comma is one
 * such item): a wrong id is a finding of the record even when nothing
 * required is missing.
 */
#include "conform.h"
#include "checks-impl.h"

#include <string.h>

/* The most unknown items the detail quotes; the rest are counted. */
#define MAX_QUOTED 5

static bool
known_material(const struct cf_procedure *p, const char *id)
{
	for (size_t i = 0; i < p->nmaterials; i++)
		if (strcmp(p->materials[i].id, id) == 0)
			return true;
	return false;
}

/* Whether material i of c is unknown to p and not named before i. */
static bool
first_unknown(const struct cf_case *c, const struct cf_procedure *p, size_t i)
{
	if (known_material(p, c->materials[i]))
		return false;
	for (size_t k = 0; k < i; k++)
		if (strcmp(c->materials[k], c->materials[i]) == 0)
			return false;
	return true;
}

/*
 * "; received 'X' and 'Y', which name no material of P" (without the
 * leading "; " when `first`) appended to `b`: the received items the
 * version in force does not list, each once, in the order received.
 */
static void
unknown_items(const struct cf_case *c, const struct cf_procedure *p,
    bool first, struct cf_buf *b)
{
	size_t n = 0, quoted = 0;

	for (size_t i = 0; i < c->nmaterials; i++)
		n += first_unknown(c, p, i);
	if (n == 0)
		return;
	cf_buf_adds(b, first ? "received " : "; received ");
	for (size_t i = 0; i < c->nmaterials && quoted < MAX_QUOTED; i++) {
		const char *id = c->materials[i];
		if (!first_unknown(c, p, i))
			continue;
		quoted++;
		if (quoted > 1)
			cf_buf_adds(b, quoted == n ? " and " : ", ");
		cf_buf_addf(b, "'%s'", id);
	}
	if (n > quoted)
		cf_buf_addf(b, " and %zu more", n - quoted);
	cf_buf_addf(b, ", which name%s no material of %s", n == 1 ? "s" : "",
	    p->id ? p->id : "the procedure");
}

static bool
received(const struct cf_case *c, const char *id)
{
	for (size_t i = 0; i < c->nmaterials; i++)
		if (strcmp(c->materials[i], id) == 0)
			return true;
	return false;
}

void
cf_check_materials(const struct cf_audit_env *env, const struct cf_case *c,
    const struct cf_procedure *p, struct cf_verdict *v)
{
	struct cf_buf missing = CF_BUF_INIT, detail = CF_BUF_INIT;
	size_t n = 0;

	if (cf_check__no_procedure(env, c, p, v))
		return;
	if (cf_check__pending(env, c, v)) {
		/* na, and the items no material names all the same */
		if (c->materials_recorded && p->has_materials) {
			cf_buf_adds(&detail, v->detail);
			unknown_items(c, p, false, &detail);
			cf_verdict_set(v, CF_RESULT_NA, "%s", detail.s);
		}
		cf_buf_release(&detail);
		return;
	}
	if (!c->materials_recorded) {
		cf_verdict_set(v, CF_RESULT_ERROR, "materials not recorded");
		return;
	}
	if (!p->has_materials) {
		cf_verdict_set(v, CF_RESULT_ERROR,
		    "no materials list in the procedure");
		return;
	}
	for (size_t i = 0; i < p->nmaterials; i++) {
		const struct cf_material *m = &p->materials[i];
		if (!m->required || received(c, m->id))
			continue;
		if (n++)
			cf_buf_adds(&missing, ", ");
		cf_buf_adds(&missing, m->id);
	}
	if (n)
		cf_buf_addf(&detail, "required material%s %s missing",
		    n == 1 ? "" : "s", missing.s);
	unknown_items(c, p, n == 0, &detail);
	cf_verdict_set(v, n == 0 ? CF_RESULT_PASS : CF_RESULT_FAIL, "%s",
	    detail.s);
	cf_buf_release(&missing);
	cf_buf_release(&detail);
}
