/* SPDX-License-Identifier: MIT */
/*
 * checks-materials.c - materials (doc/checks.md): every material the
 * procedure in force marks required="yes" must be among the ids the
 * case received.  Ids compare byte for byte (M2 is not m2): the import
 * already trimmed them, and a guess at equivalence would hide a wrong
 * id in the case log.  The detail names every missing material, in the
 * procedure's order, so one finding is enough to chase them all.
 */
#include "conform.h"
#include "checks-impl.h"

#include <string.h>

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
	struct cf_buf missing = CF_BUF_INIT;
	size_t n = 0;

	if (cf_check__no_procedure(env, c, p, v))
		return;
	if (cf_check__pending(env, c, v))
		return;
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
	if (n == 0)
		cf_verdict_set(v, CF_RESULT_PASS, NULL);
	else
		cf_verdict_set(v, CF_RESULT_FAIL,
		    "required material%s %s missing", n == 1 ? "" : "s",
		    missing.s);
	cf_buf_release(&missing);
}
