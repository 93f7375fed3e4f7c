/* SPDX-License-Identifier: MIT */
/*
 * docindex.c - the document history of a workspace (see docindex.h).
 *
 * Build: follow main's first parents from HEAD to the root, then go
 * forward.  For each commit, compare the tree of each document folder
 * with its first parent's (equal tree ids: nothing changed, skipped);
 * every added, changed or removed file is a new version of its document,
 * attributed to that commit, with the commit's author and its last
 * Approved-by trailer (trailer.c).  Every version is validated once, when it is
 * first seen, so that an invalid one can be placed and reported.
 *
 * Layout: the versions live in one array in history order; each
 * document (keyed by its path, which a valid id determines) keeps a
 * history array and a copy sorted by (effective-from, order), searched
 * with a binary search.  Documents are kept sorted by (type, path).
 *
 * Cache: the versions' metadata (not their content) are stored in the
 * doc_version table (doccache.c) with the key HEAD:version:timezone; a
 * later open with the same key reads them instead of walking, and
 * parses a version's document only when it is asked for.
 */
#include "conform.h"
#include "approval.h"
#include "doccache.h"
#include "docindex.h"
#include "repo.h"
#include "sshsig.h"
#include "trail.h"
#include "trailer.h"
#include "workspace.h"
#include "xml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct docentry {
	enum cf_doc_type type;
	char *path;
	char *id;
	struct cf_docversion **hist; /* history order */
	struct cf_docversion **eff;  /* by (effective_from, order) */
	size_t n, alloc;
};

struct cf_docindex {
	struct cf_repo *repo;
	struct cf_tz *tz;
	char head[CF_OID_HEX];
	bool from_cache;
	struct cf_docversion **all; /* history order */
	size_t nall, aall;
	struct docentry *docs; /* sorted by (type, path) */
	size_t ndocs, adocs;
	struct cf_strv ids[CF_DOC_NTYPES];
	int signers_from; /* -1 unknown, 0 none, else 1 + the order of the
			     first allowed signers version */
	/* signers_at_main's last answer: checkpoints in a row name the
	 * same main, and each answer is a walk of its history */
	char signers_main[CF_OID_HEX];
	const struct cf_docversion *signers_best;
};

/* Adds the NAME of every procedures/NAME.xml blob of `tree`. */
static void
add_names(git_tree *tree, struct cf_strv *names)
{
	size_t n = git_tree_entrycount(tree);

	for (size_t i = 0; i < n; i++) {
		const git_tree_entry *e = git_tree_entry_byindex(tree, i);
		const char *name = git_tree_entry_name(e);
		size_t len = strlen(name);
		if (git_tree_entry_type(e) != GIT_OBJECT_BLOB || len <= 4 ||
		    strcmp(name + len - 4, ".xml") != 0)
			continue;
		cf_strv_push_owned(names, cf_xstrndup(name, len - 4));
	}
}

int
cf_docindex_procedure_ids(struct cf_repo *r, struct cf_strv *ids)
{
	git_repository *git = cf_repo_git(r);
	git_revwalk *walk = NULL;
	struct cf_strv names = CF_STRV_INIT;
	git_oid *seen = NULL, id;
	size_t nseen = 0, aseen = 0;
	int rc;

	rc = git_reference_name_to_id(&id, git, CF_REPO_BRANCH);
	if (rc == GIT_ENOTFOUND)
		return 0; /* unborn main: no history */
	if (rc < 0)
		return cf_repo_error(rc, "reading main");
	if ((rc = git_revwalk_new(&walk, git)) < 0)
		return cf_repo_error(rc, "walking the history");
	if ((rc = git_revwalk_push(walk, &id)) < 0)
		goto fail;
	while ((rc = git_revwalk_next(&id, walk)) == 0) {
		git_commit *c = NULL;
		git_tree *root = NULL, *sub = NULL;
		git_tree_entry *te = NULL;
		bool dup = false;

		if ((rc = git_commit_lookup(&c, git, &id)) < 0 ||
		    (rc = git_commit_tree(&root, c)) < 0) {
			git_commit_free(c);
			goto fail;
		}
		if (git_tree_entry_bypath(&te, root, "procedures") == 0 &&
		    git_tree_entry_type(te) == GIT_OBJECT_TREE) {
			const git_oid *tid = git_tree_entry_id(te);
			for (size_t i = 0; i < nseen && !dup; i++)
				dup = git_oid_equal(&seen[i], tid);
			if (!dup) {
				CF_GROW(seen, nseen + 1, aseen);
				git_oid_cpy(&seen[nseen++], tid);
				if ((rc = git_tree_lookup(&sub, git, tid)) == 0)
					add_names(sub, &names);
			}
		}
		git_tree_entry_free(te);
		git_tree_free(sub);
		git_tree_free(root);
		git_commit_free(c);
		if (rc < 0)
			goto fail;
	}
	if (rc != GIT_ITEROVER)
		goto fail;
	cf_strv_sort(&names);
	for (size_t i = 0; i < names.n; i++)
		if (i == 0 || strcmp(names.v[i], names.v[i - 1]) != 0)
			cf_strv_push(ids, names.v[i]);
	cf_strv_release(&names);
	free(seen);
	git_revwalk_free(walk);
	return 0;
fail:
	cf_strv_release(&names);
	free(seen);
	git_revwalk_free(walk);
	return cf_repo_error(rc, "walking the history");
}

bool
cf_docversion_self_approved(const struct cf_docversion *v)
{
	if (v->approver_name == NULL)
		return false;
	if (*v->author_email && *v->approver_email)
		return strcasecmp(v->author_email, v->approver_email) == 0;
	return strcmp(v->author_name, v->approver_name) == 0;
}

/* ---- the index ---- */

static void
version_free(struct cf_docversion *v)
{
	if (v == NULL)
		return;
	free(v->id);
	free(v->path);
	free(v->author_name);
	free(v->author_email);
	free(v->approver_name);
	free(v->approver_email);
	free(v->approval);
	free(v->approval_note);
	free(v->subject);
	free(v->invalid);
	cf_doc_free(v->doc);
	free(v);
}

void
cf_docindex_free(struct cf_docindex *idx)
{
	if (idx == NULL)
		return;
	if (idx->repo)
		cf_repo_unset_signers(idx->repo, idx);
	for (size_t i = 0; i < idx->nall; i++)
		version_free(idx->all[i]);
	free(idx->all);
	for (size_t i = 0; i < idx->ndocs; i++) {
		free(idx->docs[i].path);
		free(idx->docs[i].id);
		free(idx->docs[i].hist);
		free(idx->docs[i].eff);
	}
	free(idx->docs);
	for (int t = 0; t < CF_DOC_NTYPES; t++)
		cf_strv_release(&idx->ids[t]);
	free(idx);
}

const char *
cf_docindex_head(const struct cf_docindex *idx)
{
	return idx->head;
}

bool
cf_docindex_from_cache(const struct cf_docindex *idx)
{
	return idx->from_cache;
}

/* The id a path stands for: the stem, '_' back to '/' for standards. */
static char *
id_of_path(enum cf_doc_type type, const char *path)
{
	const char *base = strrchr(path, '/');
	size_t n;
	char *id;

	if (type == CF_DOC_SIGNERS && strcmp(path, CF_SIGNERS_PATH) == 0)
		return cf_xstrdup(CF_SIGNERS_ID);
	base = base ? base + 1 : path;
	n = strlen(base);
	if (n > 4 && strcmp(base + n - 4, ".xml") == 0)
		n -= 4;
	id = cf_xstrndup(base, n);
	if (type == CF_DOC_STANDARD)
		for (char *p = id; *p; p++)
			if (*p == '_')
				*p = '/';
	return id;
}

static int
entry_cmp(enum cf_doc_type ta, const char *pa, enum cf_doc_type tb,
    const char *pb)
{
	if (ta != tb)
		return ta < tb ? -1 : 1;
	return strcmp(pa, pb);
}

/* The entry of (type, path), or NULL; *pos is where it would go. */
static struct docentry *
find_entry(const struct cf_docindex *idx, enum cf_doc_type type,
    const char *path, size_t *pos)
{
	size_t lo = 0, hi = idx->ndocs;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = entry_cmp(idx->docs[mid].type, idx->docs[mid].path,
		    type, path);
		if (c == 0) {
			if (pos)
				*pos = mid;
			return &idx->docs[mid];
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (pos)
		*pos = lo;
	return NULL;
}

/* Adds `v` (taking it) to the index: to `all` and to its document. */
static void
add_version(struct cf_docindex *idx, struct cf_docversion *v)
{
	size_t pos;
	struct docentry *e = find_entry(idx, v->type, v->path, &pos);

	CF_GROW(idx->all, idx->nall + 1, idx->aall);
	idx->all[idx->nall++] = v;
	if (e == NULL) {
		CF_GROW(idx->docs, idx->ndocs + 1, idx->adocs);
		memmove(&idx->docs[pos + 1], &idx->docs[pos],
		    (idx->ndocs - pos) * sizeof *idx->docs);
		idx->ndocs++;
		e = &idx->docs[pos];
		memset(e, 0, sizeof *e);
		e->type = v->type;
		e->path = cf_xstrdup(v->path);
		e->id = id_of_path(v->type, v->path);
	}
	CF_GROW(e->hist, e->n + 1, e->alloc);
	e->hist[e->n++] = v;
}

static int
eff_cmp(const void *a, const void *b)
{
	const struct cf_docversion *x = *(struct cf_docversion *const *)a;
	const struct cf_docversion *y = *(struct cf_docversion *const *)b;

	if (x->effective_from != y->effective_from)
		return x->effective_from < y->effective_from ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* Sorts each document's versions by effective-from; collects the ids. */
static void
finish(struct cf_docindex *idx)
{
	for (size_t i = 0; i < idx->ndocs; i++) {
		struct docentry *e = &idx->docs[i];
		e->eff = cf_xmalloc(e->n * sizeof *e->eff);
		memcpy(e->eff, e->hist, e->n * sizeof *e->eff);
		qsort(e->eff, e->n, sizeof *e->eff, eff_cmp);
		cf_strv_push(&idx->ids[e->type], e->id);
	}
	for (int t = 0; t < CF_DOC_NTYPES; t++)
		cf_strv_sort(&idx->ids[t]);
}

/* ---- building from the history ---- */

struct commit_meta {
	char hex[CF_OID_HEX];
	int64_t time;
	int32_t off;
	size_t order;
	char *author_name, *author_email;
	char *approver_name, *approver_email;
	char *subject;
};

static void
meta_release(struct commit_meta *m)
{
	free(m->author_name);
	free(m->author_email);
	free(m->approver_name);
	free(m->approver_email);
	free(m->subject);
}

static void
meta_read(git_commit *c, size_t order, struct commit_meta *m)
{
	const git_signature *a = git_commit_author(c);
	const char *msg = git_commit_message(c);
	const char *nl;

	memset(m, 0, sizeof *m);
	git_oid_tostr(m->hex, CF_OID_HEX, git_commit_id(c));
	m->time = (int64_t)git_commit_time(c);
	m->off = git_commit_time_offset(c);
	m->order = order;
	m->author_name = cf_xstrdup(a && a->name ? a->name : "");
	m->author_email = cf_xstrdup(a && a->email ? a->email : "");
	cf_trailer_approved_by(msg, &m->approver_name, &m->approver_email);
	msg = msg ? msg : "";
	nl = strchr(msg, '\n');
	m->subject = nl ? cf_xstrndup(msg, (size_t)(nl - msg))
			: cf_xstrdup(msg);
}

/* effective-from of a document that does not validate, if readable. */
static cf_day
salvage_effective_from(const char *data, size_t len, const char *path)
{
	struct cf_diags d = CF_DIAGS_INIT;
	xmlDoc *xml = NULL;
	cf_day day = CF_DAY_NONE;

	if (cf_xml_parse(&xml, data, len, path, &d) == 0) {
		char *t = cf_xml_text(
		    cf_xml_child(xmlDocGetRootElement(xml), "effective-from"));
		if (t == NULL || cf_day_parse(&day, t, strlen(t)) < 0)
			day = CF_DAY_NONE;
		free(t);
	}
	cf_error_clear();
	xmlFreeDoc(xml);
	cf_diags_release(&d);
	return day;
}

/* A new version of `path` at the commit of `m` (blob NULL: deleted). */
static int
new_version(struct cf_docindex *idx, const struct commit_meta *m,
    enum cf_doc_type type, const char *path, const git_oid *blob_id)
{
	struct cf_docversion *v = cf_xcalloc(1, sizeof *v);
	cf_day commit_day = cf_tz_day(idx->tz, m->time);

	v->type = type;
	v->path = cf_xstrdup(path);
	memcpy(v->commit, m->hex, CF_OID_HEX);
	v->commit_time = m->time;
	v->commit_off = m->off;
	v->order = m->order;
	v->author_name = cf_xstrdup(m->author_name);
	v->author_email = cf_xstrdup(m->author_email);
	v->approver_name = m->approver_name ? cf_xstrdup(m->approver_name)
					    : NULL;
	v->approver_email = m->approver_email ? cf_xstrdup(m->approver_email)
					      : NULL;
	v->subject = cf_xstrdup(m->subject);
	v->effective_from = commit_day;
	if (blob_id == NULL) {
		v->deleted = true;
		v->id = id_of_path(type, path);
		add_version(idx, v);
		return 0;
	}
	git_oid_tostr(v->blob, CF_OID_HEX, blob_id);

	git_blob *blob = NULL;
	size_t len;
	int rc = cf_repo_blob_lookup(idx->repo, blob_id, &blob, &len);
	if (rc < 0) {
		version_free(v);
		return rc;
	}
	/* An oversized blob is not loaded: no data, and cf_doc_parse
	 * refuses it as too large (an invalid version). */
	const char *data = blob ? git_blob_rawcontent(blob) : NULL;
	struct cf_diags d = CF_DIAGS_INIT;
	rc = cf_doc_parse(&v->doc, data, len, path, &d);
	if (rc == 0) {
		v->id = cf_xstrdup(cf_doc_id(v->doc));
		if (cf_doc_effective_from(v->doc) != CF_DAY_NONE)
			v->effective_from = cf_doc_effective_from(v->doc);
	} else if (rc == CF_EINVALID) {
		char *first = d.n ? cf_diag_format(&d.v[0]) : cf_xstrdup(path);
		cf_day salvaged = data ? salvage_effective_from(data, len, path)
				       : CF_DAY_NONE;
		v->invalid = cf_xasprintf("commit %.12s: %s", m->hex, first);
		free(first);
		v->id = id_of_path(type, path);
		if (salvaged != CF_DAY_NONE &&
		    (type == CF_DOC_PROCEDURE || type == CF_DOC_STANDARD))
			v->effective_from = salvaged;
		rc = 0;
	}
	cf_diags_release(&d);
	git_blob_free(blob);
	if (rc < 0) {
		version_free(v);
		return rc;
	}
	cf_error_clear();
	add_version(idx, v);
	return 0;
}

/* Versions for every difference between two trees of folder `type`. */
static int
diff_folder(struct cf_docindex *idx, const struct commit_meta *m,
    enum cf_doc_type type, git_tree *old, git_tree *cur)
{
	const char *dir = cf_doc_type_dir(type);
	size_t n = cur ? git_tree_entrycount(cur) : 0;
	int rc = 0;

	for (size_t i = 0; i < n && rc == 0; i++) {
		const git_tree_entry *e = git_tree_entry_byindex(cur, i);
		const git_tree_entry *o;
		o = old ? git_tree_entry_byname(old, git_tree_entry_name(e))
			: NULL;
		if (o && git_tree_entry_filemode(o) == git_tree_entry_filemode(e) &&
		    git_oid_equal(git_tree_entry_id(o), git_tree_entry_id(e)))
			continue;
		char *path = cf_xasprintf("%s/%s", dir, git_tree_entry_name(e));
		const char *odd = cf_repo_entry_odd(e);
		if (odd == NULL) {
			rc = new_version(idx, m, type, path,
			    git_tree_entry_id(e));
		} else if ((rc = new_version(idx, m, type, path, NULL)) == 0) {
			/* A folder, a symbolic link or a submodule committed
			 * with plain git: named as an invalid version, not
			 * ignored (doc/hardening.md). */
			struct cf_docversion *v = idx->all[idx->nall - 1];
			v->deleted = false;
			v->invalid = cf_xasprintf("commit %.12s: %s: %s "
						  "committed with plain git; "
						  "expected a document file",
			    m->hex, path, odd);
		}
		free(path);
	}
	n = old ? git_tree_entrycount(old) : 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		const git_tree_entry *o = git_tree_entry_byindex(old, i);
		const git_tree_entry *e;
		e = cur ? git_tree_entry_byname(cur, git_tree_entry_name(o))
			: NULL;
		if (e)
			continue;
		char *path = cf_xasprintf("%s/%s", dir, git_tree_entry_name(o));
		rc = new_version(idx, m, type, path, NULL);
		free(path);
	}
	return rc;
}

/* The subtree `dir` of `root`, or NULL when absent. */
static int
subtree(git_repository *git, git_tree *root, const char *dir, git_tree **out)
{
	git_tree_entry *te = NULL;
	int rc;

	*out = NULL;
	rc = git_tree_entry_bypath(&te, root, dir);
	if (rc == GIT_ENOTFOUND)
		return 0;
	if (rc < 0)
		return cf_repo_error(rc, "reading a tree");
	if (git_tree_entry_type(te) == GIT_OBJECT_TREE &&
	    (rc = git_tree_lookup(out, git, git_tree_entry_id(te))) < 0)
		rc = cf_repo_error(rc, "reading a tree");
	git_tree_entry_free(te);
	return rc < 0 ? rc : 0;
}

static int
build(struct cf_docindex *idx)
{
	git_repository *git = cf_repo_git(idx->repo);
	git_oid *chain = NULL, id;
	size_t n = 0, alloc = 0;
	git_tree *prev[CF_DOC_NTYPES] = { NULL };
	int rc;

	/* main's first parents, HEAD first. */
	if ((rc = git_oid_fromstr(&id, idx->head)) < 0)
		return cf_repo_error(rc, "reading main");
	for (;;) {
		git_commit *c = NULL;
		CF_GROW(chain, n + 1, alloc);
		git_oid_cpy(&chain[n++], &id);
		if ((rc = git_commit_lookup(&c, git, &id)) < 0) {
			free(chain);
			return cf_repo_error(rc, "walking the history");
		}
		bool root = git_commit_parentcount(c) == 0;
		if (!root)
			git_oid_cpy(&id, git_commit_parent_id(c, 0));
		git_commit_free(c);
		if (root)
			break;
	}
	for (size_t k = 0; k < n && rc == 0; k++) {
		git_commit *c = NULL;
		git_tree *tree = NULL;
		git_tree *cur[CF_DOC_NTYPES] = { NULL };
		struct commit_meta m;
		bool have_meta = false;

		if ((rc = git_commit_lookup(&c, git, &chain[n - 1 - k])) < 0 ||
		    (rc = git_commit_tree(&tree, c)) < 0) {
			git_commit_free(c);
			rc = cf_repo_error(rc, "reading a commit");
			break;
		}
		for (int t = 0; t < CF_DOC_NTYPES && rc == 0; t++) {
			rc = subtree(git, tree,
			    cf_doc_type_dir((enum cf_doc_type)t), &cur[t]);
			if (rc < 0)
				break;
			bool same = (cur[t] == NULL && prev[t] == NULL) ||
			    (cur[t] && prev[t] &&
				git_oid_equal(git_tree_id(cur[t]),
				    git_tree_id(prev[t])));
			if (same)
				continue;
			if (!have_meta) {
				meta_read(c, k, &m);
				have_meta = true;
			}
			rc = diff_folder(idx, &m, (enum cf_doc_type)t, prev[t],
			    cur[t]);
		}
		for (int t = 0; t < CF_DOC_NTYPES; t++) {
			git_tree_free(prev[t]);
			prev[t] = cur[t];
		}
		if (have_meta)
			meta_release(&m);
		git_tree_free(tree);
		git_commit_free(c);
	}
	for (int t = 0; t < CF_DOC_NTYPES; t++)
		git_tree_free(prev[t]);
	free(chain);
	return rc;
}

/* ---- the cache ---- */

/* HEAD, conform's version and the index's format (odd entries named
 * since "odd", profiles/ read since "profiles", a procedure's pauses,
 * extension and supplement valid since "markers": a version cached as
 * invalid before may be valid now), the zone, and every approval ref. */
static char *
cache_key(const struct cf_docindex *idx)
{
	char appr[CF_SHA256_HEX] = "";

	if (cf_approval_refs_digest(idx->repo, appr) < 0)
		cf_error_clear();
	return cf_xasprintf("%s:%s+odd+profiles+markers:%s:%.16s", idx->head,
	    PACKAGE_VERSION, cf_tz_name(idx->tz), appr);
}

/* Hands a cached version to the index (cf_doccache_load's callback). */
static void
cache_add(struct cf_docversion *v, void *arg)
{
	add_version(arg, v);
}

/* Reads the cached index; 1 when it was there, 0 when not. */
static int
cache_load(struct cf_docindex *idx, struct cf_store *st)
{
	char *key = cache_key(idx);
	int rc = cf_doccache_load(st, key, cache_add, idx);

	free(key);
	return rc;
}

/* Writes the index to the cache; failures are ignored (it is a cache). */
static void
cache_save(struct cf_docindex *idx, struct cf_store *st)
{
	char *key = cache_key(idx);

	cf_doccache_save(st, key, idx->all, idx->nall);
	cf_error_clear();
	free(key);
}

/* ---- approvals (doc/integrity.md "Approvals are signatures") ---- */

static bool
is_signers(const struct cf_docversion *v)
{
	return v->type == CF_DOC_SIGNERS && strcmp(v->path, CF_SIGNERS_PATH) == 0;
}

static bool
approval_signed(const struct cf_docversion *v)
{
	return v->approval && strcmp(v->approval, "signed") == 0;
}

/* The text of a signers version, or NULL (deleted, invalid). */
static const char *
signers_text(struct cf_docindex *idx, const struct cf_docversion *v)
{
	const struct cf_doc *d;

	if (v == NULL || v->deleted || v->invalid)
		return NULL;
	if (cf_docindex_doc(idx, v, &d) < 0) {
		cf_error_clear();
		return NULL;
	}
	return d->u.signers.text;
}

/* Whether an allowed signers version came at or before `order`. */
static bool
has_signers_by(struct cf_docindex *idx, size_t order)
{
	if (idx->signers_from < 0) {
		idx->signers_from = 0;
		for (size_t i = 0; i < idx->nall; i++)
			if (is_signers(idx->all[i]) && !idx->all[i]->deleted &&
			    !idx->all[i]->invalid) {
				idx->signers_from = 1 + (int)idx->all[i]->order;
				break;
			}
	}
	return idx->signers_from > 0 &&
	    (size_t)(idx->signers_from - 1) <= order;
}

/*
 * The allowed signers an approval of `commit`, signed at `at`, is
 * judged by: for a commit that changes the allowed signers, the last
 * approved version before it (the first version: itself); for any
 * other, the last approved version committed at or before `at`.
 */
static const char *
allowed_for(struct cf_docindex *idx, const char *commit, int64_t at,
    const char **why)
{
	const struct cf_docversion *own = NULL, *best = NULL;
	static char msg[160];

	for (size_t i = 0; i < idx->nall; i++)
		if (is_signers(idx->all[i]) &&
		    strcmp(idx->all[i]->commit, commit) == 0)
			own = idx->all[i];
	for (size_t i = 0; i < idx->nall; i++) {
		const struct cf_docversion *v = idx->all[i];
		if (!is_signers(v) || !approval_signed(v))
			continue;
		if (own ? v->order < own->order : v->commit_time <= at)
			best = v;
	}
	if (own && best == NULL)
		best = own; /* the first version is judged by itself */
	if (best == NULL || best->deleted) {
		snprintf(msg, sizeof msg,
		    "no approved allowed signers were in force then");
		*why = msg;
		return NULL;
	}
	return signers_text(idx, best);
}

/*
 * The allowed signers approved as main stood at commit `main` (the
 * repository's signers resolver, repo.h): the newest version with a
 * signed approval whose commit is `main` or one of its ancestors.  By
 * the history, not by commit times, which whoever writes a commit sets.
 */
static int
signers_at_main(void *arg, const char *main, const char **text)
{
	struct cf_docindex *idx = arg;
	const struct cf_docversion *best = NULL;
	int rc;

	*text = NULL;
	if (!has_signers_by(idx, (size_t)-1))
		return cf_error_set(CF_ENOTFOUND,
		    "the workspace has no allowed signers (%s)",
		    CF_SIGNERS_PATH);
	if (strcmp(idx->signers_main, main) == 0)
		best = idx->signers_best;
	else {
		for (size_t i = 0; i < idx->nall; i++) {
			const struct cf_docversion *v = idx->all[i];
			bool in;
			if (!is_signers(v) || !approval_signed(v) ||
			    (best && v->order <= best->order))
				continue;
			if ((rc = cf_repo_in_history(idx->repo, main,
				 v->commit, &in)) < 0)
				return rc;
			if (in)
				best = v;
		}
		snprintf(idx->signers_main, sizeof idx->signers_main, "%s",
		    main);
		idx->signers_best = best;
	}
	if (best == NULL)
		return cf_error_set(CF_EINVALID,
		    "no version of %s on main at commit %.12s has a signed "
		    "approval",
		    CF_SIGNERS_PATH, main);
	if ((*text = signers_text(idx, best)) == NULL)
		return cf_error_set(CF_EINVALID,
		    "the allowed signers approved at commit %.12s are deleted "
		    "or invalid",
		    best->commit);
	return 0;
}

/* A JSON string value of `key` in canonical JSON `data`; NULL. */
static char *
json_string_of(const char *data, const char *key)
{
	char *pat = cf_xasprintf("\"%s\":\"", key);
	const char *p = strstr(data, pat);
	struct cf_buf b = CF_BUF_INIT;

	if (p == NULL) {
		free(pat);
		return NULL;
	}
	p += strlen(pat);
	free(pat);
	for (; *p && *p != '"'; p++) {
		if (*p != '\\') {
			cf_buf_addc(&b, *p);
			continue;
		}
		p++;
		switch (*p) {
		case 'n': cf_buf_addc(&b, '\n'); break;
		case 'r': cf_buf_addc(&b, '\r'); break;
		case 't': cf_buf_addc(&b, '\t'); break;
		case 'b': cf_buf_addc(&b, '\b'); break;
		case 'f': cf_buf_addc(&b, '\f'); break;
		case 'u': {
			unsigned c = 0;
			for (int k = 1; k <= 4 && p[k]; k++) {
				char h = p[k];
				c = c * 16 + (unsigned)(h >= 'a' ? h - 'a' + 10
					: h >= 'A' ? h - 'A' + 10 : h - '0');
			}
			p += 4;
			if (c < 0x80)
				cf_buf_addc(&b, (char)c);
			else if (c < 0x800) {
				cf_buf_addc(&b, (char)(0xC0 | (c >> 6)));
				cf_buf_addc(&b, (char)(0x80 | (c & 63)));
			} else {
				cf_buf_addc(&b, (char)(0xE0 | (c >> 12)));
				cf_buf_addc(&b, (char)(0x80 | ((c >> 6) & 63)));
				cf_buf_addc(&b, (char)(0x80 | (c & 63)));
			}
			break;
		}
		case '\0': p--; break;
		default: cf_buf_addc(&b, *p); break;
		}
	}
	return cf_buf_detach(&b);
}

/* The doc.commit entries of the trail: commit -> recorded approver. */
struct recorded_entry {
	char *commit;
	char *approver; /* NULL: the entry records none */
};

struct recorded {
	struct recorded_entry *v;
	size_t n, alloc;
	bool loaded;
};

static int
recorded_one(const struct cf_trail_entry *e, void *arg)
{
	struct recorded *r = arg;

	if (strcmp(e->what, "doc.commit") != 0)
		return 0;
	CF_GROW(r->v, r->n + 1, r->alloc);
	/* "COMMIT#SEQ": sorted, the entries of a commit stay in order. */
	r->v[r->n].commit = cf_xasprintf("%s#%012zu", e->subject, r->n);
	r->v[r->n].approver = json_string_of(e->data, "approver");
	r->n++;
	return 0;
}

static int
recorded_cmp(const void *a, const void *b)
{
	return strcmp(((const struct recorded_entry *)a)->commit,
	    ((const struct recorded_entry *)b)->commit);
}

/* One walk of the trail (none without a store). */
static void
recorded_load(struct recorded *r, struct cf_store *st)
{
	r->loaded = true;
	if (st == NULL)
		return;
	if (cf_trail_each(st, recorded_one, r) < 0)
		cf_error_clear();
	cf_sort(r->v, r->n, sizeof *r->v, recorded_cmp);
}

static void
recorded_release(struct recorded *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i].commit);
		free(r->v[i].approver);
	}
	free(r->v);
	memset(r, 0, sizeof *r);
}

/*
 * The approver `doc commit --approved-by` recorded for `commit` (the
 * last entry about it), and whether an entry exists.
 */
static const char *
recorded_approver(const struct recorded *r, const char *commit, bool *entry)
{
	size_t lo = 0, hi = r->n, cl = strlen(commit);
	const char *found = NULL;

	*entry = false;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strncmp(r->v[mid].commit, commit, cl) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < r->n && strncmp(r->v[lo].commit, commit, cl) == 0 &&
	     r->v[lo].commit[cl] == '#';
	     lo++) {
		*entry = true;
		found = r->v[lo].approver;
	}
	return found;
}

/* doc/documents.md's same-person rule, for two identities. */
static bool
same_person(const char *an, const char *ae, const char *bn, const char *be)
{
	struct cf_docversion v = { 0 };

	v.author_name = (char *)an;
	v.author_email = (char *)ae;
	v.approver_name = (char *)bn;
	v.approver_email = (char *)be;
	return cf_docversion_self_approved(&v);
}

struct verdict {
	char *kind, *name, *email, *note;
};

/*
 * Judges the signed approvals of the commit of version `v` (its author:
 * the version's author).  0 with a "signed" verdict, or none and `note`
 * saying why the last one was refused.
 */
static int
judge_signed(struct cf_docindex *idx, const struct cf_docversion *v,
    struct verdict *out)
{
	struct cf_approval *ap = NULL;
	size_t n = 0;
	char *csigner = NULL;
	int rc;

	if ((rc = cf_approval_list(idx->repo, v->commit, &ap, &n)) < 0)
		return rc;
	if (n && (rc = cf_approval_commit_signer(idx->repo, v->commit,
		      &csigner)) < 0) {
		cf_approvals_free(ap, n);
		return rc;
	}
	for (size_t i = 0; i < n; i++) {
		struct cf_approval *a = &ap[i];
		struct cf_sshsig_signer who = { NULL, NULL };
		const char *why = NULL, *allowed;
		char *note = NULL;

		if (a->problem) {
			note = cf_xasprintf("%s is no approval: %s", a->ref,
			    a->problem);
		} else if ((allowed = allowed_for(idx, v->commit, a->when,
				&why)) == NULL) {
			note = cf_xasprintf("the approval by %s is refused: %s",
			    a->fingerprint, why ? why : "no allowed signers");
		} else if (cf_sshsig_verify(allowed, "git", a->payload,
			       a->payload_len, a->signature, a->when,
			       &who) < 0) {
			if (cf_error_code() == CF_ERROR) {
				rc = cf_error_code();
				cf_approvals_free(ap, n);
				free(csigner);
				return rc;
			}
			note = cf_xasprintf("the approval is refused: %s",
			    cf_error_message());
			cf_error_clear();
		} else if (same_person(v->author_name, v->author_email,
			       a->tagger_name, a->tagger_email) ||
		    (*v->author_email &&
			strcasecmp(who.principal, v->author_email) == 0) ||
		    (csigner && strcmp(csigner, who.fingerprint) == 0)) {
			note = cf_xasprintf("the approval by %s (%s) is "
					    "refused: it is the author's own",
			    who.fingerprint, who.principal);
		} else {
			free(out->note);
			out->kind = cf_xstrdup("signed");
			out->name = cf_xstrdup(a->tagger_name);
			out->email = cf_xstrdup(a->tagger_email);
			out->note = cf_xasprintf("%s (%s)", who.fingerprint,
			    who.principal);
			cf_sshsig_signer_release(&who);
			break;
		}
		cf_sshsig_signer_release(&who);
		if (note) {
			free(out->note);
			out->note = note;
		}
	}
	cf_approvals_free(ap, n);
	free(csigner);
	return 0;
}

/* The verdict for the commit of version `v` (see docversion.h). */
static int
judge_commit(struct cf_docindex *idx, const struct recorded *recs,
    const struct cf_docversion *v, struct verdict *out)
{
	bool entry = false;
	const char *rec;
	int rc;

	memset(out, 0, sizeof *out);
	rec = recorded_approver(recs, v->commit, &entry);
	if (has_signers_by(idx, v->order)) {
		if ((rc = judge_signed(idx, v, out)) < 0)
			return rc;
		if (out->kind == NULL && (rec || v->approver_name)) {
			struct cf_sig who = { NULL, NULL };
			if (rec && cf_sig_parse(&who, rec) == 0) {
				out->name = who.name;
				out->email = who.email;
			} else {
				cf_error_clear();
				out->name = cf_xstrdup(v->approver_name);
				out->email = cf_xstrdup(v->approver_email);
			}
			out->kind = cf_xstrdup("claimed");
			if (out->note == NULL)
				out->note = cf_xstrdup(
				    "not signed: the workspace has allowed "
				    "signers, and no allowed signer who is not "
				    "the author approved it (conform doc "
				    "approve)");
		}
	} else if (rec) {
		struct cf_sig who = { NULL, NULL };
		if (cf_sig_parse(&who, rec) == 0) {
			out->kind = cf_xstrdup("recorded");
			out->name = who.name;
			out->email = who.email;
		} else
			cf_error_clear();
	} else if (v->approver_name) {
		out->kind = cf_xstrdup("claimed");
		out->name = cf_xstrdup(v->approver_name);
		out->email = cf_xstrdup(v->approver_email);
		out->note = cf_xstrdup(entry
			? "an Approved-by line in the message that conform doc "
			  "commit did not record"
			: "an Approved-by line in a commit conform did not make");
	}
	return 0;
}

/* Gives every version of the run all[b..e) (one commit) the verdict. */
static void
apply_verdict(struct cf_docindex *idx, size_t b, size_t e,
    const struct verdict *vd)
{
	for (size_t i = b; i < e; i++) {
		struct cf_docversion *v = idx->all[i];
		free(v->approver_name);
		free(v->approver_email);
		free(v->approval);
		free(v->approval_note);
		v->approver_name = vd->name ? cf_xstrdup(vd->name) : NULL;
		v->approver_email = vd->name
		    ? cf_xstrdup(vd->email ? vd->email : "")
		    : NULL;
		v->approval = vd->kind ? cf_xstrdup(vd->kind) : NULL;
		v->approval_note = vd->note ? cf_xstrdup(vd->note) : NULL;
	}
}

/*
 * Every version's approver and how it is known.  First the commits
 * that change the allowed signers, oldest first (each judged by the
 * approved version before it), then all the others.
 */
static int
judge_approvals(struct cf_docindex *idx, struct cf_store *st)
{
	struct recorded recs = { NULL, 0, 0, false };

	recorded_load(&recs, st);
	for (int pass = 0; pass < 2; pass++) {
		size_t b = 0;
		while (b < idx->nall) {
			size_t e = b + 1;
			bool signers;
			struct verdict vd;
			int rc;

			while (e < idx->nall &&
			    strcmp(idx->all[e]->commit, idx->all[b]->commit) ==
				0)
				e++;
			signers = false;
			for (size_t i = b; i < e; i++)
				signers = signers || is_signers(idx->all[i]);
			if ((pass == 0) != signers) {
				b = e;
				continue;
			}
			if ((rc = judge_commit(idx, &recs, idx->all[b], &vd)) <
			    0) {
				recorded_release(&recs);
				return rc;
			}
			apply_verdict(idx, b, e, &vd);
			free(vd.kind);
			free(vd.name);
			free(vd.email);
			free(vd.note);
			b = e;
		}
	}
	recorded_release(&recs);
	return 0;
}

int
cf_docindex_approval_signers(struct cf_docindex *idx, const char *commit,
    int64_t at, const char **text)
{
	const char *why = NULL;

	*text = NULL;
	if (!has_signers_by(idx, (size_t)-1))
		return cf_error_set(CF_ENOTFOUND,
		    "the workspace has no allowed signers (%s): approvals "
		    "are recorded with 'conform doc commit --approved-by'",
		    CF_SIGNERS_PATH);
	*text = allowed_for(idx, commit, at, &why);
	if (*text == NULL)
		return cf_error_set(CF_EINVALID, "%s",
		    why ? why : "no allowed signers in force");
	return 0;
}

char *
cf_docversion_approver(const struct cf_docversion *v)
{
	char *who, *s;

	if (v->approver_name == NULL)
		return NULL;
	who = cf_person(v->approver_name, v->approver_email);
	if (v->approval == NULL)
		return who;
	s = cf_xasprintf("%s (%s)", who,
	    strcmp(v->approval, "recorded") == 0 ? "recorded, unsigned"
						  : v->approval);
	free(who);
	return s;
}

/*
 * The index of the history ending at `commit` (NULL: main's head),
 * from and into `cache` (main's only), its recorded approvers read from
 * the trail of `records`.
 */
static int
open_index(struct cf_docindex **out, struct cf_repo *r,
    struct cf_store *cache, struct cf_store *records, struct cf_tz *tz,
    const char *commit)
{
	struct cf_docindex *idx = cf_xcalloc(1, sizeof *idx);
	int rc;

	*out = NULL;
	idx->signers_from = -1;
	idx->repo = r;
	idx->tz = tz;
	if (commit) {
		if ((rc = cf_repo_commit_exists(r, commit)) == 0)
			snprintf(idx->head, sizeof idx->head, "%s", commit);
	} else
		rc = cf_repo_head(r, idx->head);
	if (rc == CF_ENOTFOUND && commit == NULL) {
		cf_error_clear();
		idx->head[0] = '\0';
		*out = idx;
		return 0;
	}
	if (rc < 0)
		goto fail;
	/* main's index is cached; one at an older commit never is, but the
	 * store still gives it the approvals the trail recorded */
	if (cache && commit == NULL && (rc = cache_load(idx, cache)) == 1)
		idx->from_cache = true;
	else if (rc < 0)
		goto fail;
	else {
		if ((rc = build(idx)) < 0)
			goto fail;
		if ((rc = judge_approvals(idx, records)) < 0)
			goto fail;
		if (cache && commit == NULL)
			cache_save(idx, cache);
	}
	finish(idx);
	if (commit == NULL) /* the index of main says who may sign */
		cf_repo_set_signers(r, signers_at_main, idx);
	*out = idx;
	return 0;
fail:
	cf_docindex_free(idx);
	return rc;
}

int
cf_docindex_open(struct cf_docindex **out, struct cf_repo *r,
    struct cf_store *cache, struct cf_tz *tz)
{
	return open_index(out, r, cache, cache, tz, NULL);
}

int
cf_docindex_open_at(struct cf_docindex **out, struct cf_repo *r,
    struct cf_store *st, struct cf_tz *tz, const char *commit)
{
	return open_index(out, r, NULL, st, tz, commit);
}

int
cf_docindex_open_records(struct cf_docindex **out, struct cf_repo *r,
    struct cf_store *records, struct cf_tz *tz)
{
	return open_index(out, r, NULL, records, tz, NULL);
}

/* ---- lookups ---- */

static const struct docentry *
entry_for_id(const struct cf_docindex *idx, enum cf_doc_type type,
    const char *id)
{
	char stackbuf[256];
	const char *dir = cf_doc_type_dir(type);
	size_t dn = strlen(dir), idn = strlen(id);
	char *path = dn + idn + 6 <= sizeof stackbuf ? stackbuf
						     : cf_xmalloc(dn + idn + 6);
	const struct docentry *e;

	if (type == CF_DOC_SIGNERS)
		return strcmp(id, CF_SIGNERS_ID) == 0 ||
			strcmp(id, "allowed_signers") == 0
		    ? find_entry(idx, type, CF_SIGNERS_PATH, NULL)
		    : NULL;
	/* "DIR/ID.xml", with '/' in a standard's id written '_'. */
	memcpy(path, dir, dn);
	path[dn] = '/';
	for (size_t i = 0; i < idn; i++)
		path[dn + 1 + i] = type == CF_DOC_STANDARD && id[i] == '/'
		    ? '_'
		    : id[i];
	memcpy(path + dn + 1 + idn, ".xml", 5);
	e = find_entry(idx, type, path, NULL);
	if (path != stackbuf)
		free(path);
	return e;
}

struct cf_docversion *const *
cf_docindex_history(const struct cf_docindex *idx, enum cf_doc_type type,
    const char *id, size_t *n)
{
	const struct docentry *e = entry_for_id(idx, type, id);

	*n = e ? e->n : 0;
	return e ? e->hist : NULL;
}

const struct cf_docversion *
cf_docindex_in_force(const struct cf_docindex *idx, enum cf_doc_type type,
    const char *id, cf_day d)
{
	const struct docentry *e = entry_for_id(idx, type, id);
	size_t lo = 0, hi;

	if (e == NULL)
		return NULL;
	/* The first version with effective_from > d; the one before it. */
	hi = e->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (e->eff[mid]->effective_from <= d)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo ? e->eff[lo - 1] : NULL;
}

const char *const *
cf_docindex_ids(const struct cf_docindex *idx, enum cf_doc_type type, size_t *n)
{
	*n = idx->ids[type].n;
	return (const char *const *)idx->ids[type].v;
}

struct cf_docversion *const *
cf_docindex_all(const struct cf_docindex *idx, size_t *n)
{
	*n = idx->nall;
	return idx->all;
}

int
cf_docindex_doc(struct cf_docindex *idx, const struct cf_docversion *cv,
    const struct cf_doc **out)
{
	struct cf_docversion *v = (struct cf_docversion *)cv;
	struct cf_buf b = CF_BUF_INIT;
	struct cf_diags d = CF_DIAGS_INIT;
	int rc;

	*out = NULL;
	if (v->deleted)
		return cf_error_set(CF_ENOTFOUND,
		    "%s was deleted in commit %.12s", v->path, v->commit);
	if (v->invalid)
		return cf_error_set(CF_EINVALID, "%s", v->invalid);
	if (v->doc == NULL) {
		if ((rc = cf_docindex_bytes(idx, v, &b)) < 0)
			return rc;
		rc = cf_doc_parse(&v->doc, b.s, b.len, v->path, &d);
		if (rc == CF_EINVALID) {
			/* Valid when indexed, invalid now: a newer schema? */
			char *first = d.n ? cf_diag_format(&d.v[0])
					  : cf_xstrdup(v->path);
			v->invalid = cf_xasprintf("commit %.12s: %s", v->commit,
			    first);
			free(first);
			rc = cf_error_set(CF_EINVALID, "%s", v->invalid);
		}
		cf_diags_release(&d);
		cf_buf_release(&b);
		if (rc < 0)
			return rc;
	}
	*out = v->doc;
	return 0;
}

int
cf_docindex_bytes(struct cf_docindex *idx, const struct cf_docversion *v,
    struct cf_buf *out)
{
	git_oid id;
	git_blob *blob = NULL;
	int rc;

	if (v->deleted)
		return cf_error_set(CF_ENOTFOUND,
		    "%s was deleted in commit %.12s", v->path, v->commit);
	size_t size;
	if ((rc = git_oid_fromstr(&id, v->blob)) < 0)
		return cf_repo_error(rc, "reading a document version");
	if ((rc = cf_repo_blob_lookup(idx->repo, &id, &blob, &size)) < 0)
		return rc;
	if (blob == NULL)
		return cf_error_set(CF_EINVALID,
		    "%s: document too large (%zu bytes, at most %u)", v->path,
		    size, CF_XML_MAX_BYTES);
	cf_buf_reset(out);
	cf_buf_add(out, git_blob_rawcontent(blob),
	    (size_t)git_blob_rawsize(blob));
	git_blob_free(blob);
	return 0;
}

int
cf_docindex_open_ws(struct cf_ws *ws, struct cf_repo **repo,
    struct cf_docindex **idx)
{
	struct cf_store *st = NULL;
	struct cf_tz *tz = NULL;
	int rc;

	*repo = NULL;
	*idx = NULL;
	if ((rc = cf_ws_tz(ws, &tz)) < 0 || (rc = cf_ws_store(ws, &st)) < 0)
		return rc;
	if ((rc = cf_repo_open(repo, cf_ws_root(ws))) < 0)
		return rc;
	if ((rc = cf_docindex_open(idx, *repo, st, tz)) < 0) {
		cf_repo_free(*repo);
		*repo = NULL;
	}
	return rc;
}

int
cf_docindex_find_type(const struct cf_docindex *idx, const char *id, int want,
    enum cf_doc_type *out)
{
	int found = -1;
	size_t n;

	for (int t = 0; t < CF_DOC_NTYPES; t++) {
		if (want >= 0 && t != want)
			continue;
		if (cf_docindex_history(idx, (enum cf_doc_type)t, id, &n) ==
		    NULL)
			continue;
		if (found >= 0)
			return cf_error_set(CF_EUSAGE,
			    "'%s' is both a %s and a %s; say which with --type",
			    id, cf_doc_type_name((enum cf_doc_type)found),
			    cf_doc_type_name((enum cf_doc_type)t));
		found = t;
	}
	if (found < 0)
		return cf_error_set(CF_ENOTFOUND,
		    "no %s '%s' in the history of main",
		    want >= 0 ? cf_doc_type_name((enum cf_doc_type)want)
			      : "document",
		    id);
	*out = (enum cf_doc_type)found;
	return 0;
}
