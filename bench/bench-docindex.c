/* SPDX-License-Identifier: MIT */
/*
 * bench-docindex.c - times the document version index on a repository:
 * the cold build (one history walk, every version validated), the warm
 * open (from the store's cache), and N lookups of the version in force
 * for random (procedure, date) pairs.  Used by bench/docindex.sh; not a
 * test.  Usage: bench-docindex REPO [LOOKUPS]
 */
#include "conform.h"
#include "docindex.h"
#include "repo.h"
#include "store.h"
#include "xml.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <git2.h>

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
	struct cf_repo *r;
	struct cf_docindex *idx;
	struct cf_store *st;
	struct cf_tz *tz;
	long lookups = argc > 2 ? atol(argv[2]) : 1000000;
	const char *const *ids;
	size_t nids, nall, found = 0;
	double t0, t1;

	if (argc < 2) {
		fprintf(stderr, "usage: bench-docindex REPO [LOOKUPS]\n");
		return 2;
	}
	cf_xml_init();
	git_libgit2_init();
	if (cf_repo_open(&r, argv[1]) < 0 ||
	    cf_tz_open(&tz, "Asia/Shanghai") < 0) {
		fprintf(stderr, "%s\n", cf_error_message());
		return 1;
	}
	char *db = cf_xasprintf("%s/.bench-cache.db", argv[1]);
	remove(db);
	if (cf_store_open(&st, db, CF_STORE_CREATE) < 0) {
		fprintf(stderr, "%s\n", cf_error_message());
		return 1;
	}

	t0 = now();
	if (cf_docindex_open(&idx, r, NULL, tz) < 0) {
		fprintf(stderr, "%s\n", cf_error_message());
		return 1;
	}
	t1 = now();
	cf_docindex_all(idx, &nall);
	ids = cf_docindex_ids(idx, CF_DOC_PROCEDURE, &nids);
	printf("cold build:   %.3f s  (%zu versions, %zu procedures)\n",
	    t1 - t0, nall, nids);

	uint64_t x = 88172645463325252ull;
	cf_day base = cf_day_from_ymd(2024, 1, 1);
	t0 = now();
	for (long i = 0; i < lookups; i++) {
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		const char *id = ids[x % nids];
		cf_day d = base + (cf_day)((x >> 20) % (5 * 365));
		if (cf_docindex_in_force(idx, CF_DOC_PROCEDURE, id, d))
			found++;
	}
	t1 = now();
	printf("lookups:      %.3f s  (%ld lookups, %zu found, %.0f ns each)\n",
	    t1 - t0, lookups, found, (t1 - t0) / (double)lookups * 1e9);
	cf_docindex_free(idx);

	/* The cache: written once, then read. */
	cf_docindex_open(&idx, r, st, tz);
	cf_docindex_free(idx);
	t0 = now();
	cf_docindex_open(&idx, r, st, tz);
	t1 = now();
	printf("warm open:    %.3f s  (from cache: %s)\n", t1 - t0,
	    cf_docindex_from_cache(idx) ? "yes" : "no");
	cf_docindex_free(idx);
	cf_store_free(st);
	remove(db);
	free(db);
	cf_tz_free(tz);
	cf_repo_free(r);
	cf_doc_schemas_release();
	git_libgit2_shutdown();
	return 0;
}
