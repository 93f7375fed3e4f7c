/* SPDX-License-Identifier: MIT */
/*
 * evidence-tar.c - the evidence pack as one .tar.gz stream (see
 * evidence.h), for the web application's download: the pack is written
 * by cf_evidence_pack into a temporary folder, then archived in the
 * manifest's order (every file sorted by path, then MANIFEST.sha256 and
 * its signature), each folder before its first file, as POSIX ustar
 * entries compressed with zlib; the folder is removed whatever happens.
 * Entries carry the checkpoint's time, owner 0 and fixed modes, so the
 * same pack gives the same archive.
 *
 * And the question both the command and the web ask first: whether the
 * last checkpoint already holds the trail's head and main's commit.
 */
#include "conform.h"
#include "checkpoint.h"
#include "evidence-impl.h"
#include "evidence.h"
#include "paths.h"
#include "trail.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

int
cf_pack_current_ckpt(struct cf_report_ws *w, bool need_signed,
    struct cf_pack_ckpt *out)
{
	struct cf_checkpoint c = { 0 };
	char head[CF_SHA256_HEX], main[CF_OID_HEX];
	int64_t n;
	int rc;

	if ((rc = cf_trail_verify(w->env.st, &n, head)) < 0)
		return cf_error_prefix("the trail does not verify, no pack is "
				       "made of it: ");
	if ((rc = cf_repo_head(w->repo, main)) < 0 ||
	    (rc = cf_checkpoint_last(w->repo, &c)) < 0)
		return rc;
	rc = c.n > 0 && c.seq == n && strcmp(c.hash, head) == 0 &&
	    strcmp(c.main, main) == 0 && (!need_signed || c.is_signed);
	if (rc)
		cf_pack_ckpt_from(&c, out);
	cf_checkpoint_release(&c);
	return rc;
}

struct tar {
	gzFile gz;
	int64_t mtime;
	bool failed;
};

static void
octal(char *field, size_t size, uint64_t v)
{
	snprintf(field, size, "%0*" PRIo64, (int)size - 1, v);
}

/* One ustar header; `name` is split into prefix and name when long. */
static int
tar_header(struct tar *t, const char *name, bool dir, uint64_t size)
{
	unsigned char h[512];
	size_t len = strlen(name), cut = 0;
	unsigned sum = 0;

	memset(h, 0, sizeof h);
	if (len > 100) {
		/* the last '/' that leaves at most 155 before, 100 after */
		for (size_t i = 0; i < len && i <= 155; i++)
			if (name[i] == '/' && len - i - 1 <= 100)
				cut = i;
		if (cut == 0)
			return cf_error_set(CF_ERROR,
			    "%s: the name is too long for a tar entry", name);
		memcpy(h + 345, name, cut);
		memcpy(h, name + cut + 1, len - cut - 1);
	} else
		memcpy(h, name, len);
	octal((char *)h + 100, 8, dir ? 0755 : 0644);
	octal((char *)h + 108, 8, 0);
	octal((char *)h + 116, 8, 0);
	octal((char *)h + 124, 12, size);
	octal((char *)h + 136, 12, (uint64_t)t->mtime);
	memset(h + 148, ' ', 8);
	h[156] = dir ? '5' : '0';
	memcpy(h + 257, "ustar", 6);
	memcpy(h + 263, "00", 2);
	for (size_t i = 0; i < sizeof h; i++)
		sum += h[i];
	snprintf((char *)h + 148, 8, "%06o", sum);
	h[155] = ' ';
	if (gzwrite(t->gz, h, sizeof h) != (int)sizeof h)
		t->failed = true;
	return 0;
}

static int
tar_file(struct tar *t, const char *root, const char *rel)
{
	char *path = cf_path_join(root, rel);
	char buf[65536];
	struct stat sb;
	FILE *in;
	uint64_t left;
	int rc = 0;

	if ((in = fopen(path, "rb")) == NULL || fstat(fileno(in), &sb) < 0) {
		rc = cf_error_set(CF_ERROR, "%s: %s", path, strerror(errno));
		goto out;
	}
	if ((rc = tar_header(t, rel, false, (uint64_t)sb.st_size)) < 0)
		goto out;
	for (left = (uint64_t)sb.st_size; left > 0;) {
		size_t n = fread(buf, 1, left < sizeof buf ? left : sizeof buf,
		    in);
		if (n == 0) {
			rc = cf_error_set(CF_ERROR, "%s: cannot read it", path);
			goto out;
		}
		if (gzwrite(t->gz, buf, (unsigned)n) != (int)n)
			t->failed = true;
		left -= n;
	}
	if (sb.st_size % 512) {
		memset(buf, 0, 512);
		size_t pad = 512 - (size_t)(sb.st_size % 512);
		if (gzwrite(t->gz, buf, (unsigned)pad) != (int)pad)
			t->failed = true;
	}
out:
	if (in)
		fclose(in);
	free(path);
	return rc;
}

/* The folders of `rel` not yet written (`last`: the previous file). */
static int
tar_dirs(struct tar *t, const char *rel, const char *last)
{
	for (const char *s = strchr(rel, '/'); s; s = strchr(s + 1, '/')) {
		size_t n = (size_t)(s - rel) + 1;
		if (last && strncmp(last, rel, n) == 0)
			continue;
		char *d = cf_xstrndup(rel, n);
		int rc = tar_header(t, d, true, 0);
		free(d);
		if (rc < 0)
			return rc;
	}
	return 0;
}

static int
tar_pack(struct tar *t, const char *parent, const char *name)
{
	char *dir = cf_path_join(parent, name), *manifest = NULL;
	struct cf_strv hashes = CF_STRV_INIT, paths = CF_STRV_INIT;
	struct cf_diags probs = CF_DIAGS_INIT;
	char *rel = NULL;
	int rc;

	if ((rc = cf_manifest_build(dir, &manifest)) < 0 ||
	    (rc = cf_manifest_parse(manifest, strlen(manifest), &hashes,
		 &paths, &probs)) < 0)
		goto out;
	cf_strv_push(&paths, CF_PACK_MANIFEST);
	{
		char *sig = cf_path_join(dir, CF_PACK_SIG);
		if (cf_path_exists(sig))
			cf_strv_push(&paths, CF_PACK_SIG);
		free(sig);
	}
	for (size_t i = 0; i < paths.n && rc == 0; i++) {
		char *prev = rel;
		rel = cf_xasprintf("%s/%s", name, paths.v[i]);
		if ((rc = tar_dirs(t, rel, prev)) == 0)
			rc = tar_file(t, parent, rel);
		free(prev);
	}
	if (rc == 0) { /* two zero blocks end the archive */
		char zero[1024] = { 0 };
		if (gzwrite(t->gz, zero, sizeof zero) != (int)sizeof zero)
			t->failed = true;
	}
out:
	free(rel);
	free(manifest);
	free(dir);
	cf_strv_release(&hashes);
	cf_strv_release(&paths);
	cf_diags_release(&probs);
	return rc;
}

int
cf_evidence_pack_targz(struct cf_report_ws *w, const char *name,
    const struct cf_pack_opts *o, int fd, struct cf_pack_result *res)
{
	const char *tmp = getenv("TMPDIR");
	char *parent = cf_xasprintf("%s/conform-pack-XXXXXX",
	    tmp && *tmp ? tmp : "/tmp");
	char *dir = NULL;
	struct tar t = { .mtime = o->ckpt ? o->ckpt->at : 0 };
	int gfd = -1, rc;

	if (strchr(name, '/') || *name == '\0' || *name == '.') {
		free(parent);
		return cf_error_set(CF_EUSAGE, "pack name '%s'", name);
	}
	if (mkdtemp(parent) == NULL) {
		rc = cf_error_set(CF_ERROR, "cannot make a temporary folder: %s",
		    strerror(errno));
		free(parent);
		return rc;
	}
	dir = cf_path_join(parent, name);
	if ((rc = cf_evidence_pack(w, dir, o, res)) < 0)
		goto out;
	if ((gfd = dup(fd)) < 0 || (t.gz = gzdopen(gfd, "wb9")) == NULL) {
		rc = cf_error_set(CF_ERROR, "cannot write the archive");
		if (gfd >= 0)
			close(gfd);
		goto out;
	}
	rc = tar_pack(&t, parent, name);
	if (gzclose(t.gz) != Z_OK)
		t.failed = true;
	if (rc == 0 && t.failed)
		rc = cf_error_set(CF_ERROR, "cannot write the archive");
out:
	cf_ev_rmtree(parent);
	free(dir);
	free(parent);
	return rc;
}
