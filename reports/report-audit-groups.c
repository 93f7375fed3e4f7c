/* SPDX-License-Identifier: MIT */
/*
 * report-audit-groups.c - the fail and error findings of an audit
 * grouped for the HTML page (doc/reports.md, "Findings grouped"): one
 * group per check, result and detail pattern, the pattern being the
 * detail with every word that holds a digit (a number, a date, an
 * instant, a case or procedure id) replaced by "…".  Each group keeps
 * its count and its first CF_RA_EXAMPLES findings in findings order;
 * the page shows those and points to the CSV and XML reports for the
 * full list, so its size is bounded whatever the audit's.
 *
 * Memory is bounded too: at most CF_RA_MAX_GROUPS groups are kept; the
 * findings of a pattern met after that are counted in their check's
 * "other patterns" group, which keeps no example.
 */
#include "conform.h"
#include "report-audit-impl.h"

#include <stdlib.h>
#include <string.h>

/* A character of a word that may hold a digit: ids, dates, instants,
 * decimals ("DF20260104-0000081", "2026-01-05T09:00+08:00", "30.00"). */
static bool
wordc(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z') || c == '-' || c == '_' || c == '.' ||
	    c == ':' || c == '/' || c == '+';
}

char *
cf_ra_detail_pattern(const char *detail)
{
	struct cf_buf b = CF_BUF_INIT;
	const char *s = detail ? detail : "";

	while (*s) {
		if (!wordc((unsigned char)*s)) {
			cf_buf_addc(&b, *s++);
			continue;
		}
		const char *w = s;
		bool digit = false;
		while (*s && wordc((unsigned char)*s)) {
			if (*s >= '0' && *s <= '9')
				digit = true;
			s++;
		}
		/* A trailing '.' or ':' ends the sentence, not the word. */
		const char *e = s;
		while (e > w && (e[-1] == '.' || e[-1] == ':' || e[-1] == '-'))
			e--;
		if (digit)
			cf_buf_adds(&b, "…");
		else
			cf_buf_add(&b, w, (size_t)(e - w));
		cf_buf_add(&b, e, (size_t)(s - e));
	}
	return cf_buf_detach(&b);
}

static uint64_t
key_hash(int pos, enum cf_result r, const char *pattern)
{
	uint64_t h = 1469598103934665603ull;

	h = (h ^ (uint64_t)(unsigned)pos) * 1099511628211ull;
	h = (h ^ (uint64_t)r) * 1099511628211ull;
	for (const unsigned char *p = (const unsigned char *)pattern; *p; p++)
		h = (h ^ *p) * 1099511628211ull;
	return h;
}

static void
rehash(struct cf_ra_groups *g)
{
	size_t cap = g->slots ? g->slots * 2 : 1024;

	free(g->slot);
	g->slot = cf_xcalloc(cap, sizeof *g->slot);
	g->slots = cap;
	for (size_t i = 0; i < g->n; i++) {
		struct cf_ra_group *x = &g->v[i];
		size_t j = key_hash(x->pos, x->result, x->pattern ? x->pattern : "") &
		    (cap - 1);
		while (g->slot[j])
			j = (j + 1) & (cap - 1);
		g->slot[j] = i + 1;
	}
}

static struct cf_ra_group *
group_new(struct cf_ra_groups *g, int pos, enum cf_result r, char *pattern)
{
	struct cf_ra_group *x;

	CF_GROW(g->v, g->n + 1, g->alloc);
	x = &g->v[g->n++];
	memset(x, 0, sizeof *x);
	x->pos = pos;
	x->result = r;
	x->pattern = pattern;
	return x;
}

/* The group of (pos, r, pattern), made when new; takes `pattern`. */
static struct cf_ra_group *
group_of(struct cf_ra_groups *g, int pos, enum cf_result r, char *pattern)
{
	size_t j;

	if (2 * (g->n + 1) > g->slots)
		rehash(g);
	j = key_hash(pos, r, pattern) & (g->slots - 1);
	for (; g->slot[j]; j = (j + 1) & (g->slots - 1)) {
		struct cf_ra_group *x = &g->v[g->slot[j] - 1];
		if (x->pos == pos && x->result == r && x->pattern &&
		    strcmp(x->pattern, pattern) == 0) {
			free(pattern);
			return x;
		}
	}
	if (g->n >= CF_RA_MAX_GROUPS) {
		/* Too many patterns: counted in the check's other group. */
		free(pattern);
		for (size_t i = g->n; i-- > 0;)
			if (g->v[i].pos == pos && g->v[i].pattern == NULL)
				return &g->v[i];
		return group_new(g, pos, r, NULL);
	}
	g->slot[j] = g->n + 1;
	return group_new(g, pos, r, pattern);
}

static char *
dup_or_null(const char *s)
{
	return s ? cf_xstrdup(s) : NULL;
}

static int
add_finding(const struct cf_auditdb_finding *fd, void *arg)
{
	struct cf_ra_groups *g = arg;
	struct cf_ra_group *x =
	    group_of(g, fd->pos, fd->result, cf_ra_detail_pattern(fd->detail));

	x->count++;
	g->findings++;
	if (x->pattern && x->nex < CF_RA_EXAMPLES) {
		struct cf_ra_example *e = &x->ex[x->nex++];
		e->subject = dup_or_null(fd->subject);
		e->document_id = dup_or_null(fd->document_id);
		e->commit = dup_or_null(fd->commit);
		e->detail = dup_or_null(fd->detail);
	}
	return 0;
}

/* Check order, the fails before the errors, then the larger groups
 * first, then first met; the other-patterns group of a check last. */
static int
cmp_group(const void *a, const void *b)
{
	const struct cf_ra_group *x = a, *y = b;

	if (x->pos != y->pos)
		return x->pos < y->pos ? -1 : 1;
	if ((x->pattern == NULL) != (y->pattern == NULL))
		return x->pattern == NULL ? 1 : -1;
	if (x->result != y->result)
		return x->result == CF_RESULT_FAIL ? -1 : 1;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

int
cf_ra_group_findings(const struct cf_report_env *env,
    const struct cf_ra_data *d, struct cf_ra_groups *g)
{
	int rc;

	memset(g, 0, sizeof *g);
	rc = cf_auditdb_findings(env->st, d->h.id, false, add_finding, g);
	if (rc < 0)
		return rc;
	for (size_t i = 0; i < g->n; i++)
		g->v[i].seq = i;
	cf_sort(g->v, g->n, sizeof *g->v, cmp_group); /* none: g->v is NULL */
	free(g->slot);
	g->slot = NULL;
	g->slots = 0;
	return 0;
}

void
cf_ra_groups_release(struct cf_ra_groups *g)
{
	for (size_t i = 0; i < g->n; i++) {
		struct cf_ra_group *x = &g->v[i];
		for (int k = 0; k < x->nex; k++) {
			free(x->ex[k].subject);
			free(x->ex[k].document_id);
			free(x->ex[k].commit);
			free(x->ex[k].detail);
		}
		free(x->pattern);
	}
	free(g->v);
	free(g->slot);
	memset(g, 0, sizeof *g);
}
