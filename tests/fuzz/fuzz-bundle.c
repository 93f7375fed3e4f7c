/* SPDX-License-Identifier: MIT */
/*
 * fuzz-bundle.c - the reader of an evidence pack's git bundle
 * (procedures/bundle.c): the strict header, the bounded scan of the pack
 * and git's indexer into a bare repository, as `conform evidence verify`
 * runs them on a pack that is hostile input.
 *
 * The input is a bundle file.  Promises checked: reading never crashes
 * or runs away; an error is one line; when the bundle is accepted, the
 * scan accepted its pack, main was among its refs, and every ref it
 * lists is in the repository, at the object the header names.
 * FUZZ_BUNDLE_SAY=1 prints what became of each input.
 */
#include "fuzz.h"
#include "bundle.h"
#include "repo.h"

#include <ftw.h>
#include <unistd.h>

static char root[] = "/tmp/conform-fuzz-bundle-XXXXXX";
static unsigned long runs;

static int
rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb, (void)flag, (void)ftw;
	remove(path);
	return 0;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	if (cf_repo_lib_init() < 0 || mkdtemp(root) == NULL)
		abort();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cf_bundle_refs refs;
	struct cf_repo *repo = NULL;
	char *dir = cf_xasprintf("%s/%lu", root, runs++);
	int rc;

	rc = cf_bundle_read((const char *)data, size, dir, &repo, &refs);
	if (rc < 0) {
		const char *m = cf_error_message();
		FUZZ_CHECK(strchr(m, '\n') == NULL, "a message of two lines: %s",
		    m);
		FUZZ_CHECK(repo == NULL, "a repository from a refused bundle");
		if (getenv("FUZZ_BUNDLE_SAY"))
			fprintf(stderr, "refused: %s\n", m);
	} else {
		bool main = false;
		FUZZ_CHECK(repo != NULL, "no repository");
		for (size_t i = 0; i < refs.names.n; i++) {
			char hex[CF_OID_HEX];
			if (strcmp(refs.names.v[i], CF_REPO_BRANCH) != 0)
				continue;
			main = true;
			FUZZ_CHECK(cf_repo_head(repo, hex) == 0 &&
				strcmp(hex, refs.oids.v[i]) == 0,
			    "main is not the commit the header names");
		}
		FUZZ_CHECK(main, "accepted without main");
		if (getenv("FUZZ_BUNDLE_SAY"))
			fprintf(stderr, "accepted: %zu refs\n", refs.names.n);
	}
	cf_repo_free(repo);
	cf_bundle_refs_release(&refs);
	nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(dir);
	cf_error_clear();
	return 0;
}
