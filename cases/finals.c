/* SPDX-License-Identifier: MIT */
/*
 * finals.c - the final steps of every procedure version (see finals.h).
 *
 * One entry per valid version that marks a step final="yes", sorted by
 * the version's address in the index (which outlives the table), with
 * the final steps' activities.  A version absent from the table has no
 * final step, so a workspace without any costs one lookup that fails.
 */
#include "conform.h"
#include "docindex.h"
#include "finals.h"

#include <stdlib.h>
#include <string.h>

struct entry {
	const struct cf_docversion *v;
	struct cf_strv activities;
};

struct cf_finals {
	const struct cf_docindex *idx;
	struct entry *e;
	size_t n;
};

static int
entry_cmp(const void *a, const void *b)
{
	const struct cf_docversion *x = ((const struct entry *)a)->v;
	const struct cf_docversion *y = ((const struct entry *)b)->v;

	return x < y ? -1 : x > y;
}

int
cf_finals_build(struct cf_finals **out, struct cf_docindex *idx)
{
	struct cf_finals *f = cf_xcalloc(1, sizeof *f);
	struct cf_docversion *const *all;
	size_t n, alloc = 0;

	f->idx = idx;
	all = cf_docindex_all(idx, &n);
	for (size_t i = 0; i < n; i++) {
		const struct cf_docversion *v = all[i];
		const struct cf_doc *doc;
		if (v->type != CF_DOC_PROCEDURE || v->deleted || v->invalid)
			continue;
		/* A version that does not parse has no steps to go by: the
		 * in-force and steps checks say so; here it has no finals. */
		if (cf_docindex_doc(idx, v, &doc) < 0) {
			cf_error_clear();
			continue;
		}
		const struct cf_procedure *p = &doc->u.proc;
		if (!p->has_final)
			continue;
		CF_GROW(f->e, f->n + 1, alloc);
		struct entry *e = &f->e[f->n++];
		e->v = v;
		memset(&e->activities, 0, sizeof e->activities);
		for (size_t k = 0; k < p->nsteps; k++)
			if (p->steps[k].final)
				cf_strv_push(&e->activities,
				    p->steps[k].activity);
	}
	if (f->n)
		qsort(f->e, f->n, sizeof *f->e, entry_cmp);
	*out = f;
	return 0;
}

void
cf_finals_free(struct cf_finals *f)
{
	if (f == NULL)
		return;
	for (size_t i = 0; i < f->n; i++)
		cf_strv_release(&f->e[i].activities);
	free(f->e);
	free(f);
}

enum cf_final
cf_finals_judge(const struct cf_finals *f, const char *procedure, cf_day day,
    const char *activity)
{
	const struct cf_docversion *v;
	struct entry key, *e;

	if (f == NULL || f->n == 0)
		return CF_FINAL_NONE;
	v = cf_docindex_in_force(f->idx, CF_DOC_PROCEDURE, procedure, day);
	if (v == NULL || v->deleted)
		return CF_FINAL_NONE;
	key.v = v;
	e = bsearch(&key, f->e, f->n, sizeof *f->e, entry_cmp);
	if (e == NULL)
		return CF_FINAL_NONE;
	for (size_t i = 0; activity && i < e->activities.n; i++)
		if (strcmp(e->activities.v[i], activity) == 0)
			return CF_FINAL_YES;
	return CF_FINAL_NO;
}
