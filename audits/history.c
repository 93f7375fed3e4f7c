/* SPDX-License-Identifier: MIT */
/*
 * history.c - cited commits on main, main's commits recorded (see
 * history.h, doc/integrity.md "History").
 *
 * main's history is walked once into a sorted set, so each citation
 * costs a binary search, not a walk of the graph; the trail's doc.commit
 * entries and the audits' citations are read once each.
 */
#include "conform.h"
#include "auditdb.h"
#include "history.h"
#include "repo.h"
#include "trail.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REMEDY "put it back on main before auditing (doc/integrity.md, History)"

struct hist {
	struct cf_repo *r;
	struct cf_strv main, trees, ptrees; /* main's commits, in walk order */
	struct cf_strv on_main;		    /* the same, sorted */
	struct cf_strv recorded;	    /* doc.commit subjects, sorted */
	struct cf_strv named;		    /* "WHO COMMIT" already named */
	struct cf_diags *probs;
	bool first_only; /* stop at the first problem */
};

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool
in_set(const struct cf_strv *set, const char *s)
{
	return set->n > 0 &&
	    bsearch(&s, set->v, set->n, sizeof *set->v, cmp_str) != NULL;
}

static void
hist_release(struct hist *h)
{
	cf_strv_release(&h->main);
	cf_strv_release(&h->trees);
	cf_strv_release(&h->ptrees);
	cf_strv_release(&h->on_main);
	cf_strv_release(&h->recorded);
	cf_strv_release(&h->named);
}

static int
on_main_commit(const char *commit, const char *tree, const char *ptree,
    void *arg)
{
	struct hist *h = arg;

	cf_strv_push(&h->main, commit);
	cf_strv_push(&h->trees, tree);
	cf_strv_push(&h->ptrees, ptree ? ptree : "");
	cf_strv_push(&h->on_main, commit);
	return 0;
}

/*
 * Names `commit`, cited by `who`, when it is not on main (once per
 * citing record and commit).  1 stops the walks (first_only and a problem found).
 */
static int
cited(struct hist *h, const char *who, const char *commit, const char *how)
{
	bool held;

	if (in_set(&h->on_main, commit))
		return 0;
	/* once per record and commit (an audit cites a commit for its
	 * documents, its checklist and many versions) */
	char *key = cf_xasprintf("%s %s", who, commit);
	for (size_t i = 0; i < h->named.n; i++)
		if (strcmp(h->named.v[i], key) == 0) {
			free(key);
			return 0;
		}
	cf_strv_push_owned(&h->named, key);
	held = cf_repo_commit_exists(h->r, commit) == 0;
	cf_error_clear();
	cf_diags_add(h->probs, NULL, 0, 0,
	    "%s commit %s%s, which is not on main%s: main was rewritten",
	    who, commit, how, held ? "" : " (nor in the repository)");
	return h->first_only ? 1 : 0;
}

static int
on_entry(const struct cf_trail_entry *e, void *arg)
{
	struct hist *h = arg;
	char who[64];

	if (strcmp(e->what, "doc.commit") != 0)
		return 0;
	cf_strv_push(&h->recorded, e->subject);
	snprintf(who, sizeof who, "trail entry %" PRId64 " (doc.commit) records",
	    e->seq);
	return cited(h, who, e->subject, "");
}

static int
on_cite(int64_t audit, const char *what, const char *commit, void *arg)
{
	char who[64], *how;
	int rc;

	snprintf(who, sizeof who, "audit %" PRId64 " cites", audit);
	if (strcmp(what, "documents") == 0 || strcmp(what, "checklist") == 0)
		how = cf_xasprintf(" (its %s)", what);
	else
		how = cf_xasprintf(" (the version of %s it used)", what);
	rc = cited(arg, who, commit, how);
	free(how);
	return rc;
}

/* Reads main and checks every citation; 1 when first_only stopped it. */
static int
check_cited(struct hist *h, struct cf_store *st)
{
	int rc;

	if ((rc = cf_repo_walk_main(h->r, on_main_commit, h)) != 0)
		return rc;
	cf_sort(h->on_main.v, h->on_main.n, sizeof *h->on_main.v, cmp_str);
	if ((rc = cf_trail_each(st, on_entry, h)) != 0 ||
	    (rc = cf_auditdb_each_cited(st, on_cite, h)) != 0)
		return rc;
	cf_sort(h->recorded.v, h->recorded.n, sizeof *h->recorded.v, cmp_str);
	return 0;
}

int
cf_history_verify(struct cf_repo *r, struct cf_store *st, const char *pending,
    struct cf_diags *probs)
{
	struct hist h = { .r = r, .probs = probs };
	struct cf_strv rtrees = CF_STRV_INIT;
	char tree[CF_OID_HEX];
	int rc;

	if ((rc = check_cited(&h, st)) < 0)
		goto out;
	/* The trees conform recorded: a commit that brings one of them
	 * brings no document the gate did not see. */
	for (size_t i = 0; i < h.recorded.n; i++) {
		rc = cf_repo_tree_of(r, h.recorded.v[i], tree);
		if (rc == CF_ENOTFOUND || rc == CF_EINVALID) {
			cf_error_clear();
			continue;
		}
		if (rc < 0)
			goto out;
		cf_strv_push(&rtrees, tree);
	}
	cf_sort(rtrees.v, rtrees.n, sizeof *rtrees.v, cmp_str);
	/* Oldest first, so the first named is where it began. */
	for (size_t k = h.main.n; k-- > 0;) {
		const char *c = h.main.v[k];
		if (in_set(&h.recorded, c) || (pending && strcmp(c, pending) == 0))
			continue;
		if (strcmp(h.trees.v[k], h.ptrees.v[k]) == 0 ||
		    in_set(&rtrees, h.trees.v[k]))
			continue;
		cf_diags_add(probs, NULL, 0, 0,
		    "commit %s on main has no trail entry: it was not made by "
		    "conform doc commit",
		    c);
	}
	rc = 0;
out:
	cf_strv_release(&rtrees);
	hist_release(&h);
	return rc;
}

int
cf_history_check_cited(struct cf_repo *r, struct cf_store *st)
{
	struct cf_diags probs = CF_DIAGS_INIT;
	struct hist h = { .r = r, .probs = &probs, .first_only = true };
	int rc = check_cited(&h, st);

	if (rc >= 0 && probs.n > 0)
		rc = cf_error_set(CF_EINVALID, "%s; " REMEDY, probs.v[0].msg);
	else if (rc > 0)
		rc = 0;
	cf_diags_release(&probs);
	hist_release(&h);
	return rc;
}
