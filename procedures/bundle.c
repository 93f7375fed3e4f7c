/* SPDX-License-Identifier: MIT */
/*
 * bundle.c - writing and reading the evidence pack's git bundle (see
 * bundle.h).
 *
 * Writing: the refs (main, refs/conform/...) sorted, a revision walk from
 * every commit they reach (an annotated tag, such as an approval, is
 * added itself and walked from its target) into git_packbuilder with
 * one thread, and the pack's bytes after the header.
 *
 * Reading: the header and a scan of the pack (zlib, bounded) before
 * git_indexer writes the pack and its index into a fresh bare
 * repository; then every ref is created there, after checking that its
 * object is in the pack (and that main and the checkpoints are
 * commits).
 */
#include "conform.h"
#include "bundle.h"
#include "paths.h"
#include "repo.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

void
cf_bundle_refs_release(struct cf_bundle_refs *r)
{
	cf_strv_release(&r->names);
	cf_strv_release(&r->oids);
}

/* ---- writing ---- */

static int
collect_ref(const char *name, struct cf_repo *r, struct cf_strv *names,
    struct cf_strv *oids)
{
	git_reference *ref = NULL, *res = NULL;
	char hex[CF_OID_HEX];
	int rc;

	if ((rc = git_reference_lookup(&ref, cf_repo_git(r), name)) < 0)
		return cf_repo_error(rc, "reading a ref");
	if ((rc = git_reference_resolve(&res, ref)) < 0) {
		git_reference_free(ref);
		return cf_repo_error(rc, "resolving a ref");
	}
	git_oid_tostr(hex, sizeof hex, git_reference_target(res));
	cf_strv_push(names, name);
	cf_strv_push(oids, hex);
	git_reference_free(res);
	git_reference_free(ref);
	return 0;
}

int
cf_bundle_write(struct cf_repo *r, const char *path, size_t *nrefs)
{
	git_repository *g = cf_repo_git(r);
	struct cf_strv names = CF_STRV_INIT, oids = CF_STRV_INIT,
		       sorted = CF_STRV_INIT, sorted_oids = CF_STRV_INIT;
	git_reference_iterator *it = NULL;
	git_packbuilder *pb = NULL;
	git_revwalk *walk = NULL;
	git_buf pack = GIT_BUF_INIT;
	struct cf_buf out = CF_BUF_INIT;
	char head[CF_OID_HEX];
	const char *name;
	int rc;

	if ((rc = cf_repo_head(r, head)) < 0)
		return rc;
	cf_strv_push(&names, CF_REPO_BRANCH);
	cf_strv_push(&oids, head);
	if ((rc = git_reference_iterator_new(&it, g)) < 0) {
		rc = cf_repo_error(rc, "listing conform's refs");
		goto out;
	}
	while ((rc = git_reference_next_name(&name, it)) == 0)
		if (strncmp(name, "refs/conform/", 13) == 0 &&
		    (rc = collect_ref(name, r, &names, &oids)) < 0)
			goto out;
	if (rc != GIT_ITEROVER) {
		rc = cf_repo_error(rc, "listing conform's refs");
		goto out;
	}
	/* sorted by name: the same refs give the same header */
	for (size_t i = 0; i < names.n; i++)
		cf_strv_push(&sorted, names.v[i]);
	cf_strv_sort(&sorted);
	for (size_t i = 0; i < sorted.n; i++)
		for (size_t k = 0; k < names.n; k++)
			if (strcmp(names.v[k], sorted.v[i]) == 0) {
				cf_strv_push(&sorted_oids, oids.v[k]);
				break;
			}

	if ((rc = git_packbuilder_new(&pb, g)) < 0 ||
	    (rc = git_revwalk_new(&walk, g)) < 0) {
		rc = cf_repo_error(rc, "packing the documents");
		goto out;
	}
	git_packbuilder_set_threads(pb, 1);
	git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME);
	for (size_t i = 0; i < sorted.n; i++) {
		git_oid oid, target;
		git_object *obj = NULL, *peeled = NULL;
		git_oid_fromstr(&oid, sorted_oids.v[i]);
		if ((rc = git_object_lookup(&obj, g, &oid, GIT_OBJECT_ANY)) <
			0 ||
		    (rc = git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT)) <
			0) {
			git_object_free(obj);
			rc = cf_repo_error(rc, sorted.v[i]);
			goto out;
		}
		git_oid_cpy(&target, git_object_id(peeled));
		if (git_object_type(obj) == GIT_OBJECT_TAG)
			rc = git_packbuilder_insert(pb, &oid, NULL);
		if (rc == 0)
			rc = git_revwalk_push(walk, &target);
		git_object_free(peeled);
		git_object_free(obj);
		if (rc < 0) {
			rc = cf_repo_error(rc, sorted.v[i]);
			goto out;
		}
	}
	if ((rc = git_packbuilder_insert_walk(pb, walk)) < 0 ||
	    (rc = git_packbuilder_write_buf(&pack, pb)) < 0) {
		rc = cf_repo_error(rc, "packing the documents");
		goto out;
	}
	cf_buf_adds(&out, CF_BUNDLE_SIGNATURE);
	cf_buf_addf(&out, "%s HEAD\n", head);
	for (size_t i = 0; i < sorted.n; i++)
		cf_buf_addf(&out, "%s %s\n", sorted_oids.v[i], sorted.v[i]);
	cf_buf_adds(&out, "\n");
	cf_buf_add(&out, pack.ptr, pack.size);
	rc = cf_write_file_atomic(path, out.s, out.len);
	if (rc == 0 && nrefs)
		*nrefs = sorted.n;
out:
	git_buf_dispose(&pack);
	git_revwalk_free(walk);
	git_packbuilder_free(pb);
	git_reference_iterator_free(it);
	cf_buf_release(&out);
	cf_strv_release(&names);
	cf_strv_release(&oids);
	cf_strv_release(&sorted);
	cf_strv_release(&sorted_oids);
	return rc;
}

/* ---- reading ---- */

static bool
is_hex40(const char *s)
{
	for (int i = 0; i < 40; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
			(s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}

static bool
ref_allowed(const char *name)
{
	int valid = 0;

	if (strcmp(name, CF_REPO_BRANCH) != 0 &&
	    strncmp(name, "refs/conform/", 13) != 0)
		return false;
	for (const unsigned char *s = (const unsigned char *)name; *s; s++)
		if (*s < 0x21 || *s >= 0x7f)
			return false;
	return git_reference_name_is_valid(&valid, name) == 0 && valid;
}

int
cf_bundle_parse_header(const char *data, size_t len,
    struct cf_bundle_refs *refs, size_t *pack_off)
{
	size_t sl = strlen(CF_BUNDLE_SIGNATURE), pos;
	char head[41] = "";
	int line = 1;
	bool have_main = false;

	memset(refs, 0, sizeof *refs);
	*pack_off = 0;
	if (len < sl || memcmp(data, CF_BUNDLE_SIGNATURE, sl) != 0)
		return cf_error_set(CF_EINVALID,
		    "line 1: not a git bundle, expected '# v2 git bundle'");
	pos = sl;
	for (;;) {
		const char *s = data + pos, *nl;
		size_t n, room = len - pos;
		char *name;
		line++;
		if (pos > CF_BUNDLE_MAX_HEADER)
			return cf_error_set(CF_EINVALID,
			    "line %d: the header is longer than %zu bytes",
			    line, CF_BUNDLE_MAX_HEADER);
		if (room > CF_BUNDLE_MAX_HEADER)
			room = CF_BUNDLE_MAX_HEADER;
		if ((nl = memchr(s, '\n', room)) == NULL)
			return cf_error_set(CF_EINVALID,
			    "line %d: the header does not end (expected a ref "
			    "line or an empty line before the pack)",
			    line);
		n = (size_t)(nl - s);
		pos += n + 1;
		if (n == 0)
			break;
		if (s[0] == '-')
			return cf_error_set(CF_EINVALID,
			    "line %d: a prerequisite: the bundle is not "
			    "complete",
			    line);
		if (n < 42 || !is_hex40(s) || s[40] != ' ')
			return cf_error_set(CF_EINVALID,
			    "line %d: expected '<40 lower-case hex digits> "
			    "<ref name>'",
			    line);
		if (memchr(s, '\0', n) != NULL)
			return cf_error_set(CF_EINVALID,
			    "line %d: a NUL byte", line);
		name = cf_xstrndup(s + 41, n - 41);
		if (strcmp(name, "HEAD") == 0) {
			free(name);
			if (*head)
				return cf_error_set(CF_EINVALID,
				    "line %d: HEAD listed twice", line);
			memcpy(head, s, 40);
			head[40] = '\0';
			continue;
		}
		if (!ref_allowed(name)) {
			cf_error_set(CF_EINVALID,
			    "line %d: ref '%s' is not refs/heads/main or a "
			    "valid refs/conform/ name",
			    line, name);
			free(name);
			return CF_EINVALID;
		}
		if (refs->names.n >= CF_BUNDLE_MAX_REFS) {
			free(name);
			return cf_error_set(CF_EINVALID,
			    "line %d: more than %d refs", line,
			    CF_BUNDLE_MAX_REFS);
		}
		if (strcmp(name, CF_REPO_BRANCH) == 0) {
			have_main = true;
			if (*head && strncmp(head, s, 40) != 0) {
				free(name);
				return cf_error_set(CF_EINVALID,
				    "line %d: main is not the commit HEAD "
				    "names",
				    line);
			}
		}
		cf_strv_push_owned(&refs->names, name);
		cf_strv_push_owned(&refs->oids, cf_xstrndup(s, 40));
	}
	{
		/* each ref once: a sorted copy has no two equal neighbours */
		struct cf_strv sorted = CF_STRV_INIT;
		const char *dup = NULL;
		for (size_t i = 0; i < refs->names.n; i++)
			cf_strv_push(&sorted, refs->names.v[i]);
		cf_strv_sort(&sorted);
		for (size_t i = 1; i < sorted.n && !dup; i++)
			if (strcmp(sorted.v[i], sorted.v[i - 1]) == 0)
				dup = sorted.v[i];
		if (dup)
			cf_error_set(CF_EINVALID, "ref '%s' listed twice", dup);
		cf_strv_release(&sorted);
		if (dup)
			return CF_EINVALID;
	}
	if (!have_main)
		return cf_error_set(CF_EINVALID,
		    "line %d: the bundle has no refs/heads/main", line);
	if (*head) {
		for (size_t i = 0; i < refs->names.n; i++)
			if (strcmp(refs->names.v[i], CF_REPO_BRANCH) == 0 &&
			    strcmp(refs->oids.v[i], head) != 0)
				return cf_error_set(CF_EINVALID,
				    "HEAD is not the commit main names");
	}
	*pack_off = pos;
	return 0;
}

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

/* A delta's varint (base or result size) from `p`..`e`. */
static bool
delta_varint(const unsigned char **p, const unsigned char *e, uint64_t *out)
{
	uint64_t v = 0;
	int shift = 0;
	unsigned char c;

	do {
		if (*p >= e || shift > 56)
			return false;
		c = *(*p)++;
		v |= (uint64_t)(c & 0x7f) << shift;
		shift += 7;
	} while (c & 0x80);
	*out = v;
	return true;
}

/*
 * Inflates the zlib stream at data[*off..end) to nowhere, counting its
 * bytes; the first bytes go to `first` (up to 32).  The stream must end
 * with exactly `size` bytes out.
 */
static int
inflate_object(const unsigned char *data, size_t *off, size_t end,
    uint64_t size, unsigned char first[32], size_t *nfirst, uint32_t obj)
{
	unsigned char buf[16384];
	z_stream z;
	uint64_t out = 0;
	int zr;

	memset(&z, 0, sizeof z);
	if (inflateInit(&z) != Z_OK)
		return cf_error_set(CF_ERROR, "zlib: cannot start");
	z.next_in = (unsigned char *)data + *off;
	z.avail_in = (uInt)((end - *off) > 0x40000000 ? 0x40000000
						       : end - *off);
	*nfirst = 0;
	do {
		z.next_out = buf;
		z.avail_out = sizeof buf;
		zr = inflate(&z, Z_NO_FLUSH);
		if (zr != Z_OK && zr != Z_STREAM_END)
			break;
		size_t got = sizeof buf - z.avail_out;
		if (*nfirst < 32) {
			size_t k = got < 32 - *nfirst ? got : 32 - *nfirst;
			memcpy(first + *nfirst, buf, k);
			*nfirst += k;
		}
		out += got;
		if (out > size)
			break;
		if (zr == Z_OK && got == 0 && z.avail_in == 0)
			break;
	} while (zr != Z_STREAM_END);
	*off += (size_t)(z.next_in - (data + *off));
	inflateEnd(&z);
	if (zr != Z_STREAM_END || out != size)
		return cf_error_set(CF_EINVALID,
		    "pack object %u: its data does not inflate to the %llu "
		    "bytes its header declares",
		    obj, (unsigned long long)size);
	return 0;
}

int
cf_bundle_scan_pack(const unsigned char *data, size_t len, uint32_t *nobjects)
{
	uint64_t total = 0;
	uint32_t n, ver;
	size_t off = 12, end;
	int rc;

	*nobjects = 0;
	if (len < 32 || memcmp(data, "PACK", 4) != 0)
		return cf_error_set(CF_EINVALID,
		    "the bundle holds no pack after its header");
	ver = be32(data + 4);
	n = be32(data + 8);
	if (ver != 2 && ver != 3)
		return cf_error_set(CF_EINVALID,
		    "pack version %u, expected 2 or 3", ver);
	if (n > CF_BUNDLE_MAX_OBJECTS || n > (len - 32) / 9)
		return cf_error_set(CF_EINVALID,
		    "the pack declares %u objects, more than its %zu bytes "
		    "can hold",
		    n, len);
	end = len - 20;
	for (uint32_t i = 0; i < n; i++) {
		size_t start = off;
		unsigned char c, first[32];
		uint64_t size;
		size_t nfirst;
		int type, shift = 4;
		if (off >= end)
			return cf_error_set(CF_EINVALID,
			    "pack object %u: the pack ends first", i);
		c = data[off++];
		type = (c >> 4) & 7;
		size = c & 15;
		while (c & 0x80) {
			if (off >= end || shift > 57)
				return cf_error_set(CF_EINVALID,
				    "pack object %u: a bad size", i);
			c = data[off++];
			size |= (uint64_t)(c & 0x7f) << shift;
			shift += 7;
		}
		if (type == 0 || type == 5)
			return cf_error_set(CF_EINVALID,
			    "pack object %u: unknown type %d", i, type);
		if (type == 6) { /* offset delta: the base is before it */
			uint64_t ofs;
			if (off >= end)
				return cf_error_set(CF_EINVALID,
				    "pack object %u: a bad offset", i);
			c = data[off++];
			ofs = c & 0x7f;
			while (c & 0x80) {
				if (off >= end || ofs > ((uint64_t)1 << 40))
					return cf_error_set(CF_EINVALID,
					    "pack object %u: a bad offset", i);
				c = data[off++];
				ofs = ((ofs + 1) << 7) | (c & 0x7f);
			}
			if (ofs == 0 || ofs > start - 12)
				return cf_error_set(CF_EINVALID,
				    "pack object %u: its base is outside the "
				    "pack",
				    i);
		} else if (type == 7) { /* ref delta */
			if (end - off < 20)
				return cf_error_set(CF_EINVALID,
				    "pack object %u: the pack ends first", i);
			off += 20;
		}
		if (size > CF_BUNDLE_MAX_OBJECT)
			return cf_error_set(CF_EINVALID,
			    "pack object %u: %llu bytes, more than the %llu "
			    "a document may have",
			    i, (unsigned long long)size,
			    (unsigned long long)CF_BUNDLE_MAX_OBJECT);
		total += size;
		if (total > CF_BUNDLE_MAX_TOTAL)
			return cf_error_set(CF_EINVALID,
			    "pack object %u: the objects inflate to more than "
			    "%llu bytes",
			    i, (unsigned long long)CF_BUNDLE_MAX_TOTAL);
		if ((rc = inflate_object(data, &off, end, size, first, &nfirst,
			 i)) < 0)
			return rc;
		if (type >= 6) {
			const unsigned char *p = first, *e = first + nfirst;
			uint64_t base, result;
			if (!delta_varint(&p, e, &base) ||
			    !delta_varint(&p, e, &result))
				return cf_error_set(CF_EINVALID,
				    "pack object %u: a bad delta header", i);
			if (base > CF_BUNDLE_MAX_OBJECT ||
			    result > CF_BUNDLE_MAX_OBJECT)
				return cf_error_set(CF_EINVALID,
				    "pack object %u: a delta to more than "
				    "%llu bytes",
				    i, (unsigned long long)CF_BUNDLE_MAX_OBJECT);
		}
	}
	if (off != end)
		return cf_error_set(CF_EINVALID,
		    "%zu bytes after the pack's last object", end - off);
	*nobjects = n;
	return 0;
}

static int
bundle_error(int gitrc, const char *what)
{
	const git_error *e = git_error_last();

	(void)gitrc;
	return cf_error_set(CF_EINVALID, "%s: %s", what,
	    e && e->message ? e->message : "libgit2 error");
}

int
cf_bundle_read(const char *data, size_t len, const char *dir,
    struct cf_repo **out, struct cf_bundle_refs *refs)
{
	git_repository_init_options opts;
	git_indexer_options iopts;
	git_indexer_progress stats;
	git_repository *g = NULL;
	git_indexer *ix = NULL;
	git_odb *odb = NULL;
	char *packdir = NULL;
	size_t off;
	uint32_t nobj;
	int rc;

	*out = NULL;
	if (len > CF_BUNDLE_MAX_BYTES)
		return cf_error_set(CF_EINVALID, "larger than %zu bytes",
		    CF_BUNDLE_MAX_BYTES);
	git_indexer_options_init(&iopts, GIT_INDEXER_OPTIONS_VERSION);
	if ((rc = cf_bundle_parse_header(data, len, refs, &off)) < 0 ||
	    (rc = cf_bundle_scan_pack((const unsigned char *)data + off,
		 len - off, &nobj)) < 0)
		return rc;
	git_repository_init_options_init(&opts,
	    GIT_REPOSITORY_INIT_OPTIONS_VERSION);
	opts.flags = GIT_REPOSITORY_INIT_MKPATH | GIT_REPOSITORY_INIT_NO_REINIT |
	    GIT_REPOSITORY_INIT_BARE;
	opts.initial_head = "main";
	if ((rc = git_repository_init_ext(&g, dir, &opts)) < 0)
		return cf_repo_error(rc, "creating a repository for the bundle");
	packdir = cf_path_join(git_repository_path(g), "objects/pack");
	if ((rc = git_indexer_new(&ix, packdir, 0, NULL, &iopts)) < 0) {
		rc = cf_repo_error(rc, "indexing the bundle's pack");
		goto out;
	}
	for (size_t p = off; p < len;) {
		size_t k = len - p > (1 << 20) ? (1 << 20) : len - p;
		if ((rc = git_indexer_append(ix, data + p, k, &stats)) < 0) {
			rc = bundle_error(rc, "the pack");
			goto out;
		}
		p += k;
	}
	if ((rc = git_indexer_commit(ix, &stats)) < 0) {
		rc = bundle_error(rc, "the pack");
		goto out;
	}
	if (stats.indexed_objects != nobj) {
		rc = cf_error_set(CF_EINVALID,
		    "the pack holds %u objects, its header says %u",
		    stats.indexed_objects, nobj);
		goto out;
	}
	/* the new pack is seen by a fresh look at the object store */
	if ((rc = git_repository_odb(&odb, g)) < 0 ||
	    (rc = git_odb_refresh(odb)) < 0) {
		rc = cf_repo_error(rc, "reading the bundle's objects");
		goto out;
	}
	for (size_t i = 0; i < refs->names.n; i++) {
		const char *name = refs->names.v[i];
		git_object *obj = NULL;
		git_reference *ref = NULL;
		git_oid oid;
		git_oid_fromstr(&oid, refs->oids.v[i]);
		if (git_object_lookup(&obj, g, &oid, GIT_OBJECT_ANY) < 0) {
			rc = cf_error_set(CF_EINVALID,
			    "ref %s: object %s is not in the pack", name,
			    refs->oids.v[i]);
			goto out;
		}
		if ((strcmp(name, CF_REPO_BRANCH) == 0 ||
			strcmp(name, "refs/conform/checkpoints") == 0) &&
		    git_object_type(obj) != GIT_OBJECT_COMMIT) {
			git_object_free(obj);
			rc = cf_error_set(CF_EINVALID,
			    "ref %s: object %s is not a commit", name,
			    refs->oids.v[i]);
			goto out;
		}
		git_object_free(obj);
		rc = git_reference_create(&ref, g, name, &oid, 0, "bundle");
		git_reference_free(ref);
		if (rc < 0) {
			rc = bundle_error(rc, name);
			goto out;
		}
	}
	git_repository_free(g);
	g = NULL;
	rc = cf_repo_open(out, dir);
out:
	git_odb_free(odb);
	git_indexer_free(ix);
	git_repository_free(g);
	free(packdir);
	return rc;
}

int
cf_bundle_read_file(const char *path, const char *dir, struct cf_repo **out,
    struct cf_bundle_refs *refs)
{
	char *buf = NULL;
	size_t len;
	int rc;

	*out = NULL;
	memset(refs, 0, sizeof *refs);
	if ((rc = cf_read_file(path, CF_BUNDLE_MAX_BYTES, &buf, &len)) < 0)
		return rc;
	rc = cf_bundle_read(buf, len, dir, out, refs);
	free(buf);
	return rc;
}

int
cf_bundle_commit_signature(struct cf_repo *r, const char *hex,
    struct cf_buf *payload, char **armored)
{
	git_buf sig = GIT_BUF_INIT, data = GIT_BUF_INIT;
	git_oid id;
	int rc;

	*armored = NULL;
	cf_buf_reset(payload);
	if (git_oid_fromstr(&id, hex) < 0)
		return cf_error_set(CF_EINVALID, "'%s' is no commit id", hex);
	rc = git_commit_extract_signature(&sig, &data, cf_repo_git(r), &id,
	    "gpgsig");
	if (rc == GIT_ENOTFOUND) {
		git_error_clear();
		return cf_error_set(CF_ENOTFOUND, "commit %s is not signed",
		    hex);
	}
	if (rc < 0)
		return bundle_error(rc, "reading a commit's signature");
	if (memchr(sig.ptr, '\0', sig.size) != NULL) {
		rc = cf_error_set(CF_EINVALID, "commit %s: a NUL byte in its "
					       "signature",
		    hex);
	} else {
		cf_buf_add(payload, data.ptr, data.size);
		*armored = cf_xstrndup(sig.ptr, sig.size);
	}
	git_buf_dispose(&sig);
	git_buf_dispose(&data);
	return rc;
}
