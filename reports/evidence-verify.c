/* SPDX-License-Identifier: MIT */
/*
 * evidence-verify.c - verifying an evidence pack against the workspace
 * (see evidence.h).
 *
 * Every problem found in the pack is a diagnostic and the walk goes on,
 * so one run names them all.  A commit is reported missing only when
 * the repository says it has no such commit: a repository that cannot
 * be read ends the verification with its error (exit 4).  Commits are
 * looked up through procedures/repo.h, the trail's hashes through
 * core/trail.h (a trail that cannot be read is a diagnostic, as the
 * pack's trail is then unverified).
 */
#include "conform.h"
#include "csv.h"
#include "evidence-impl.h"
#include "evidence.h"
#include "paths.h"
#include "repo.h"
#include "trail.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

/*
 * Checks every line of COMMITS: a full commit id, of a commit that
 * exists, in the history of main.  Problems go to `probs`; the return
 * is CF_ERROR (or another code) only when the repository cannot be
 * read.
 */
static int
verify_commits(const char *dir, struct cf_repo *repo, struct cf_diags *probs,
    size_t *count)
{
	char *path = cf_path_join(dir, CF_PACK_COMMITS), *buf = NULL;
	char head[CF_OID_HEX];
	bool have_head = false;
	size_t len, pos = 0;
	int line = 0, rc;

	if (cf_read_file(path, 1 << 24, &buf, &len) < 0) {
		cf_error_clear();
		cf_diags_add(probs, CF_PACK_COMMITS, 0, 0,
		    "missing: the pack names no commit");
		free(path);
		return 0;
	}
	if ((rc = cf_repo_head(repo, head)) == 0)
		have_head = true;
	else if (rc == CF_ENOTFOUND) {
		cf_error_clear();
		rc = 0;
	} else
		goto out;
	while (pos < len) {
		const char *s = buf + pos, *nl = memchr(s, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - s) : len - pos;
		bool in_main = false;
		char hex[41];
		pos += n + (nl ? 1 : 0);
		line++;
		if (n != 40 || !cf_ev_is_hex(s, 40)) {
			cf_diags_add(probs, CF_PACK_COMMITS, line, 0,
			    "not a commit id, expected 40 lower-case hex "
			    "digits");
			continue;
		}
		memcpy(hex, s, 40);
		hex[40] = '\0';
		(*count)++;
		if ((rc = cf_repo_commit_exists(repo, hex)) == CF_ENOTFOUND) {
			cf_error_clear();
			rc = 0;
			cf_diags_add(probs, CF_PACK_COMMITS, line, 0,
			    "commit %s does not exist in the workspace's "
			    "repository",
			    hex);
			continue;
		}
		if (rc < 0 ||
		    (have_head &&
			(rc = cf_repo_in_history(repo, head, hex, &in_main)) <
			    0))
			goto out;
		if (!in_main)
			cf_diags_add(probs, CF_PACK_COMMITS, line, 0,
			    "commit %s is not in the history of main", hex);
	}
out:
	free(buf);
	free(path);
	return rc;
}

static bool
parse_int(const char *s, int64_t *out)
{
	char *end;
	long long v;

	if (*s == '\0')
		return false;
	v = strtoll(s, &end, 10);
	*out = v;
	return *end == '\0';
}

static void
verify_trail(const char *dir, struct cf_store *st, struct cf_diags *probs,
    int64_t *entries)
{
	static const char *const header[] = { "seq", "at", "actor", "what",
		"subject", "data", "prev", "hash" };
	char *path = cf_path_join(dir, CF_PACK_TRAIL);
	char prev[CF_SHA256_HEX];
	struct cf_csv *c = NULL;
	int64_t expect = 1;
	int rc;

	memcpy(prev, cf_trail_zero_hash, CF_SHA256_HEX);
	if (cf_csv_open(&c, path) < 0) {
		cf_error_clear();
		cf_diags_add(probs, CF_PACK_TRAIL, 0, 0,
		    "missing: the pack holds no trail");
		goto out;
	}
	if ((rc = cf_csv_next(c)) != 1 || cf_csv_count(c) != 8) {
		cf_diags_add(probs, CF_PACK_TRAIL, 1, 0,
		    "expected the header seq,at,actor,what,subject,data,prev,"
		    "hash");
		goto out;
	}
	for (size_t i = 0; i < 8; i++)
		if (strcmp(cf_csv_value(c, i, NULL), header[i]) != 0) {
			cf_diags_add(probs, CF_PACK_TRAIL, 1, 0,
			    "expected the header seq,at,actor,what,subject,"
			    "data,prev,hash");
			goto out;
		}
	while ((rc = cf_csv_next(c)) == 1) {
		const char *v[8];
		int64_t seq, at;
		char want[CF_SHA256_HEX], have[CF_SHA256_HEX];
		int line = cf_csv_line(c);
		if (cf_csv_count(c) != 8) {
			cf_diags_add(probs, CF_PACK_TRAIL, line, 0,
			    "expected 8 fields, found %zu", cf_csv_count(c));
			goto out;
		}
		for (size_t i = 0; i < 8; i++)
			v[i] = cf_csv_value(c, i, NULL);
		if (!parse_int(v[0], &seq) || !parse_int(v[1], &at)) {
			cf_diags_add(probs, CF_PACK_TRAIL, line, 0,
			    "seq and at must be integers");
			goto out;
		}
		if (seq != expect) {
			cf_diags_add(probs, CF_PACK_TRAIL, line, 0,
			    "entry %" PRId64 " where entry %" PRId64
			    " was expected: entries were deleted, inserted or "
			    "reordered",
			    seq, expect);
			goto out;
		}
		if (strlen(v[6]) != 64 || !cf_ev_is_hex(v[6], 64) ||
		    strcmp(v[6], prev) != 0) {
			cf_diags_add(probs, CF_PACK_TRAIL, line, 0,
			    "entry %" PRId64 " does not follow the entry "
			    "before it",
			    seq);
			goto out;
		}
		if (cf_trail_entry_hash(prev, seq, at, v[2], v[3], v[4], v[5],
			want) < 0 ||
		    strcmp(want, v[7]) != 0) {
			cf_diags_add(probs, CF_PACK_TRAIL, line, 0,
			    "entry %" PRId64 " (%s %s) was edited: its hash "
			    "does not match its contents",
			    seq, v[3], v[4]);
			goto out;
		}
		if ((rc = cf_trail_hash(st, seq, have)) == CF_ENOTFOUND) {
			cf_error_clear();
			cf_diags_add(probs, CF_PACK_TRAIL, line, 0,
			    "entry %" PRId64 " is not in the workspace's trail",
			    seq);
			goto out;
		}
		if (rc < 0) {
			cf_diags_add(probs, CF_PACK_TRAIL, 0, 0,
			    "the workspace's trail cannot be read: %s",
			    cf_error_message());
			goto out;
		}
		if (strcmp(have, want) != 0) {
			cf_diags_add(probs, CF_PACK_TRAIL, line, 0,
			    "entry %" PRId64 " differs from the workspace's "
			    "trail",
			    seq);
			goto out;
		}
		memcpy(prev, want, CF_SHA256_HEX);
		(*entries)++;
		expect++;
	}
	if (rc < 0)
		cf_diags_add(probs, CF_PACK_TRAIL, cf_csv_line(c), 0, "%s",
		    cf_error_message());
out:
	cf_csv_free(c);
	free(path);
}

int
cf_evidence_verify(const char *dir, struct cf_repo *repo, struct cf_store *st,
    struct cf_diags *probs, size_t *files, size_t *commits, int64_t *entries)
{
	struct cf_strv have = CF_STRV_INIT, hashes = CF_STRV_INIT,
		       paths = CF_STRV_INIT;
	char *mpath = NULL, *buf = NULL;
	size_t len;
	int rc;

	*files = *commits = 0;
	*entries = 0;
	if (!cf_path_is_dir(dir))
		return cf_error_set(CF_ENOTFOUND, "'%s' is not a folder", dir);
	if ((rc = cf_ev_walk(dir, "", &have)) < 0) {
		if (rc != CF_EINVALID)
			goto out;
		cf_diags_add(probs, NULL, 0, 0, "%s", cf_error_message());
		cf_error_clear();
		rc = 0;
	}
	cf_strv_sort(&have);
	mpath = cf_path_join(dir, CF_PACK_MANIFEST);
	if (cf_read_file(mpath, 1 << 26, &buf, &len) < 0) {
		cf_error_clear();
		cf_diags_add(probs, CF_PACK_MANIFEST, 0, 0,
		    "missing: nothing in the pack can be checked");
	} else
		cf_manifest_parse(buf, len, &hashes, &paths, probs);
	for (size_t i = 0; i < paths.n; i++) {
		bool found = false, dup = false;
		char hex[CF_SHA256_HEX], *p;
		for (size_t k = 0; k < i && !dup; k++)
			dup = strcmp(paths.v[k], paths.v[i]) == 0;
		if (dup) {
			cf_diags_add(probs, paths.v[i], 0, 0,
			    "listed twice in the manifest");
			continue;
		}
		for (size_t k = 0; k < have.n && !found; k++)
			found = strcmp(have.v[k], paths.v[i]) == 0;
		if (!found || strcmp(paths.v[i], CF_PACK_MANIFEST) == 0) {
			cf_diags_add(probs, paths.v[i], 0, 0,
			    found ? "the manifest cannot list itself"
				  : "missing: listed in the manifest but not "
				    "in the pack");
			continue;
		}
		p = cf_path_join(dir, paths.v[i]);
		rc = cf_sha256_file(p, hex);
		free(p);
		if (rc < 0) {
			cf_diags_add(probs, paths.v[i], 0, 0, "%s",
			    cf_error_message());
			cf_error_clear();
			rc = 0;
			continue;
		}
		(*files)++;
		if (strcmp(hex, hashes.v[i]) != 0)
			cf_diags_add(probs, paths.v[i], 0, 0,
			    "changed: its SHA-256 is %s, the manifest says %s",
			    hex, hashes.v[i]);
	}
	if (buf) {
		for (size_t k = 0; k < have.n; k++) {
			bool listed = strcmp(have.v[k], CF_PACK_MANIFEST) == 0;
			for (size_t i = 0; i < paths.n && !listed; i++)
				listed = strcmp(have.v[k], paths.v[i]) == 0;
			if (!listed)
				cf_diags_add(probs, have.v[k], 0, 0,
				    "not listed in the manifest");
		}
	}
	if ((rc = verify_commits(dir, repo, probs, commits)) < 0)
		goto out;
	verify_trail(dir, st, probs, entries);
out:
	free(buf);
	free(mpath);
	cf_strv_release(&have);
	cf_strv_release(&hashes);
	cf_strv_release(&paths);
	return rc;
}
