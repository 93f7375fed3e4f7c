/* SPDX-License-Identifier: MIT */
/*
 * bundle.h - the documents of an evidence pack as a git bundle
 * (doc/integrity.md section 6), written and read through libgit2.
 *
 * A bundle (git's v2 format, what `git bundle create` writes) is
 *
 *   # v2 git bundle\n
 *   <40 hex> HEAD\n                    main's commit (for git clone)
 *   <40 hex> <refname>\n               refs/heads/main, refs/conform/...
 *   \n
 *   <a pack holding every object those refs reach>
 *
 * so `git bundle verify` and `git clone FILE` work on it with plain git.
 * It has no prerequisites: it is complete.  The refs are sorted by name
 * and the pack is built by one thread, so the same repository gives the
 * same bytes.
 *
 * Reading treats the file as hostile: the header is parsed strictly
 * (only HEAD, refs/heads/main and refs/conform/... with valid names,
 * each once, in any order, HEAD equal to main), and the pack is scanned before git
 * sees it — every object's header, a declared size of at most
 * CF_BUNDLE_MAX_OBJECT bytes, all of them at most CF_BUNDLE_MAX_TOTAL,
 * a delta's result size bounded the same way, each object's zlib
 * stream inflating to exactly its declared size, and nothing after the
 * last object but the pack's checksum — so that a small file cannot
 * make the indexer allocate or inflate without bound.  Then git's
 * indexer checks the checksum and every object id, in a bare
 * repository of the caller's choosing.
 */
#ifndef CF_BUNDLE_H
#define CF_BUNDLE_H

#include <stddef.h>
#include <stdint.h>

#include "mem.h"
#include "repo.h"

#define CF_BUNDLE_SIGNATURE "# v2 git bundle\n"
#define CF_BUNDLE_MAX_BYTES ((size_t)1 << 30)	 /* the whole file */
#define CF_BUNDLE_MAX_HEADER ((size_t)1 << 22)	 /* the ref lines */
#define CF_BUNDLE_MAX_REFS 100000
#define CF_BUNDLE_MAX_OBJECTS 10000000
#define CF_BUNDLE_MAX_OBJECT ((uint64_t)1 << 26)	 /* one object inflated */
#define CF_BUNDLE_MAX_TOTAL ((uint64_t)1 << 32) /* all of them */

/* The refs of a bundle, in the order its header lists them (HEAD left
 * out). */
struct cf_bundle_refs {
	struct cf_strv names;
	struct cf_strv oids;  /* 40 hex, names.v[i]'s */
};

void cf_bundle_refs_release(struct cf_bundle_refs *r);

/*
 * Writes a bundle of main and every ref under refs/conform/ of `r` to
 * `path` (atomically: whole or not at all).  CF_ENOTFOUND when main has
 * no commit.  *nrefs (may be NULL) receives the number of refs.
 */
int cf_bundle_write(struct cf_repo *r, const char *path, size_t *nrefs);

/*
 * Parses the header of the `len` bytes at `data`: the refs into *refs,
 * the offset of the pack into *pack_off.  CF_EINVALID naming the line
 * that is wrong ("line 3: ...").  No pack check.
 */
int cf_bundle_parse_header(const char *data, size_t len,
    struct cf_bundle_refs *refs, size_t *pack_off);

/*
 * Scans the pack of `len` bytes at `data` as described above, without
 * libgit2.  *nobjects receives its object count.  CF_EINVALID naming
 * the object and what is wrong.
 */
int cf_bundle_scan_pack(const unsigned char *data, size_t len,
    uint32_t *nobjects);

/*
 * Reads the bundle of `len` bytes at `data` into a new bare repository
 * created at `dir` (which must not exist), creates its refs and opens
 * it as *out (free with cf_repo_free; the caller removes `dir`).
 * CF_EINVALID for anything wrong with the bundle.
 */
int cf_bundle_read(const char *data, size_t len, const char *dir,
    struct cf_repo **out, struct cf_bundle_refs *refs);

/* The same, from the file `path` (at most CF_BUNDLE_MAX_BYTES). */
int cf_bundle_read_file(const char *path, const char *dir,
    struct cf_repo **out, struct cf_bundle_refs *refs);

/*
 * The signature of commit `hex` as git signs commits (its gpgsig
 * header) into *armored, and the bytes it signs (the commit without that
 * header) into `payload`, for checking against allowed signers the
 * caller chose.  CF_ENOTFOUND when the commit is not signed.
 */
int cf_bundle_commit_signature(struct cf_repo *r, const char *hex,
    struct cf_buf *payload, char **armored);

#endif
