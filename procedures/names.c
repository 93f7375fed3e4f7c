/* SPDX-License-Identifier: MIT */
/*
 * names.c - titles beside ids (see names.h).  Two sorted arrays, one of
 * procedures and one of windows; the window's departments are gathered
 * from the procedures' chosen versions, deduplicated and joined.
 */
#include "conform.h"
#include "docindex.h"
#include "names.h"

#include <stdlib.h>
#include <string.h>

struct name {
	char *key;
	char *title;	  /* procedures only */
	char *department; /* a procedure's; a window's departments */
};

struct cf_names {
	struct name *procs, *windows;
	size_t nprocs, nwindows;
};

static int
cmp_name(const void *a, const void *b)
{
	return strcmp(((const struct name *)a)->key,
	    ((const struct name *)b)->key);
}

/* The version that names `id`: in force on `day`, else the latest valid. */
static const struct cf_procedure *
naming_version(struct cf_docindex *idx, const char *id, cf_day day)
{
	const struct cf_docversion *v = cf_docindex_in_force(idx,
	    CF_DOC_PROCEDURE, id, day);
	struct cf_docversion *const *h;
	const struct cf_doc *doc;
	size_t n;

	if (v && !v->deleted && !v->invalid &&
	    cf_docindex_doc(idx, v, &doc) == 0)
		return &doc->u.proc;
	cf_error_clear();
	h = cf_docindex_history(idx, CF_DOC_PROCEDURE, id, &n);
	for (size_t i = n; i-- > 0;) {
		if (h[i]->deleted || h[i]->invalid)
			continue;
		if (cf_docindex_doc(idx, h[i], &doc) == 0)
			return &doc->u.proc;
		cf_error_clear();
	}
	return NULL;
}

static bool
blank(const char *s)
{
	return s == NULL || *s == '\0';
}

/* Joins the departments of each window (pairs sorted by window, dept). */
static void
gather_windows(struct cf_names *nm, struct name *pairs, size_t npairs)
{
	struct cf_buf b = CF_BUF_INIT;

	nm->windows = cf_xcalloc(npairs ? npairs : 1, sizeof *nm->windows);
	for (size_t i = 0; i < npairs;) {
		size_t j = i;
		cf_buf_reset(&b);
		for (; j < npairs && strcmp(pairs[j].key, pairs[i].key) == 0;
		     j++) {
			if (j > i && strcmp(pairs[j].department,
					 pairs[j - 1].department) == 0)
				continue;
			if (b.len)
				cf_buf_adds(&b, "、");
			cf_buf_adds(&b, pairs[j].department);
		}
		nm->windows[nm->nwindows].key = cf_xstrdup(pairs[i].key);
		nm->windows[nm->nwindows].department = cf_xstrdup(b.s);
		nm->nwindows++;
		i = j;
	}
	cf_buf_release(&b);
}

static int
cmp_pair(const void *a, const void *b)
{
	const struct name *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	return c ? c : strcmp(x->department, y->department);
}

int
cf_names_build(struct cf_names **out, struct cf_docindex *idx, cf_day day)
{
	struct cf_names *nm = cf_xcalloc(1, sizeof *nm);
	struct name *pairs;
	size_t nids, npairs = 0;
	const char *const *ids = cf_docindex_ids(idx, CF_DOC_PROCEDURE, &nids);

	nm->procs = cf_xcalloc(nids ? nids : 1, sizeof *nm->procs);
	pairs = cf_xcalloc(nids ? nids : 1, sizeof *pairs);
	for (size_t i = 0; i < nids; i++) {
		const struct cf_procedure *p = naming_version(idx, ids[i], day);
		struct name *e;
		if (p == NULL)
			continue;
		e = &nm->procs[nm->nprocs++];
		e->key = cf_xstrdup(ids[i]);
		e->title = blank(p->title) ? NULL : cf_xstrdup(p->title);
		e->department = blank(p->department) ?
		    NULL :
		    cf_xstrdup(p->department);
		if (!blank(p->window) && e->department) {
			pairs[npairs].key = p->window;
			pairs[npairs].department = e->department;
			npairs++;
		}
	}
	/* the ids come sorted; sort anyway, lookups rely on it */
	cf_sort(nm->procs, nm->nprocs, sizeof *nm->procs, cmp_name);
	cf_sort(pairs, npairs, sizeof *pairs, cmp_pair);
	gather_windows(nm, pairs, npairs);
	free(pairs);
	*out = nm;
	return 0;
}

struct cf_names *
cf_names_empty(void)
{
	return cf_xcalloc(1, sizeof(struct cf_names));
}

void
cf_names_free(struct cf_names *nm)
{
	if (nm == NULL)
		return;
	for (size_t i = 0; i < nm->nprocs; i++) {
		free(nm->procs[i].key);
		free(nm->procs[i].title);
		free(nm->procs[i].department);
	}
	for (size_t i = 0; i < nm->nwindows; i++) {
		free(nm->windows[i].key);
		free(nm->windows[i].department);
	}
	free(nm->procs);
	free(nm->windows);
	free(nm);
}

static const struct name *
find(const struct name *v, size_t n, const char *key)
{
	struct name k = { .key = (char *)key };

	if (key == NULL || n == 0)
		return NULL;
	return bsearch(&k, v, n, sizeof *v, cmp_name);
}

const char *
cf_names_procedure(const struct cf_names *nm, const char *id)
{
	const struct name *e = find(nm->procs, nm->nprocs, id);

	return e ? e->title : NULL;
}

const char *
cf_names_department(const struct cf_names *nm, const char *id)
{
	const struct name *e = find(nm->procs, nm->nprocs, id);

	return e ? e->department : NULL;
}

const char *
cf_names_window(const struct cf_names *nm, const char *window)
{
	const struct name *e = find(nm->windows, nm->nwindows, window);

	return e ? e->department : NULL;
}
