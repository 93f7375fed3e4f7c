/* SPDX-License-Identifier: MIT */
/*
 * docindex.c - the document history of a workspace (see docindex.h).
 *
 * The ids are collected by one walk of main's history (every commit,
 * merged branches included, since any commit "in HEAD's history"
 * counts); a procedures/ tree already seen (same tree id) is skipped, so
 * the cost is one tree read per distinct state of the folder.
 */
#include "conform.h"
#include "docindex.h"
#include "repo.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

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
