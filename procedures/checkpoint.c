/* SPDX-License-Identifier: MIT */
/*
 * checkpoint.c - signed checkpoints of the trail's head on
 * refs/conform/checkpoints (see checkpoint.h, doc/integrity.md).
 *
 * Writing is what git does for `git commit -S` with gpg.format = ssh:
 * the commit's bytes (git_commit_create_buffer), an SSH signature of
 * them in namespace "git" (core/sshsig.h, which runs ssh-keygen), the
 * commit written with that signature in its gpgsig header
 * (git_commit_create_with_signature), and the ref moved from the old
 * checkpoint to the new one or not at all.  Reading walks the ref's
 * first parents back to the root and parses every message strictly:
 * the ref is as writable as the database to whoever holds the files,
 * so nothing on it is trusted until its signature is checked.
 */
#include "conform.h"
#include "checkpoint.h"
#include "date.h"
#include "paths.h"
#include "document.h"
#include "sshsig.h"
#include "store.h"
#include "text.h"
#include "trail.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SUMMARY "conform trail checkpoint"
/* The id of the tree with no entries, in every git repository. */
#define EMPTY_TREE "4b825dc642cb6eb9a060e54bf8d69288fbee4904"
/* More checkpoints than this on the ref is a ref made to stall us. */
#define MAX_CHECKPOINTS 10000000

void
cf_checkpoint_release(struct cf_checkpoint *c)
{
	free(c->principal);
	free(c->fingerprint);
	free(c->why);
	c->principal = c->fingerprint = c->why = NULL;
}

void
cf_checkpoints_free(struct cf_checkpoint *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		cf_checkpoint_release(&v[i]);
	free(v);
}

/* "2026-12-06T21:30:00Z" of UTC seconds (21 bytes). */
static void
format_at(int64_t at, char out[32])
{
	int64_t day = at >= 0 ? at / 86400 : -((-at + 86399) / 86400);
	int64_t s = at - day * 86400;
	char d[16];

	cf_day_format((cf_day)day, d);
	snprintf(out, 32, "%sT%02d:%02d:%02dZ", d, (int)(s / 3600),
	    (int)(s / 60 % 60), (int)(s % 60));
}

char *
cf_checkpoint_message(int64_t seq, const char *hash, const char *main,
    int64_t at)
{
	char when[32];

	format_at(at, when);
	return cf_xasprintf(SUMMARY "\n\nseq: %" PRId64 "\nhash: %s\n"
				    "main: %s\nat: %s\n",
	    seq, hash, main, when);
}

/* A decimal without sign or leading zero, at most 18 digits. */
static bool
parse_seq(const char *s, size_t n, int64_t *out)
{
	int64_t v = 0;

	if (n == 0 || n > 18 || (s[0] == '0' && n > 1))
		return false;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

/* Exactly "YYYY-MM-DDTHH:MM:SSZ". */
static bool
parse_at(const char *s, size_t n, int64_t *out)
{
	cf_day day;
	int h, m, sec;

	if (n != 20 || s[10] != 'T' || s[13] != ':' || s[16] != ':' ||
	    s[19] != 'Z')
		return false;
	for (size_t i = 11; i < 19; i++)
		if (i != 13 && i != 16 && (s[i] < '0' || s[i] > '9'))
			return false;
	if (cf_day_parse(&day, s, 10) < 0) {
		cf_error_clear();
		return false;
	}
	h = (s[11] - '0') * 10 + (s[12] - '0');
	m = (s[14] - '0') * 10 + (s[15] - '0');
	sec = (s[17] - '0') * 10 + (s[18] - '0');
	if (h > 23 || m > 59 || sec > 59)
		return false;
	*out = (int64_t)day * 86400 + h * 3600 + m * 60 + sec;
	return true;
}

int
cf_checkpoint_parse_message(const char *msg, struct cf_checkpoint *out)
{
	static const char *const want[] = {
		"'" SUMMARY "'",
		"an empty line",
		"'seq: ' and the number of a trail entry",
		"'hash: ' and 64 lower-case hex digits",
		"'main: ' and 40 lower-case hex digits",
		"'at: ' and a UTC time YYYY-MM-DDTHH:MM:SSZ",
	};
	const char *p = msg;
	int line = 0;

	for (line = 1; line <= 6; line++) {
		const char *nl = strchr(p, '\n');
		size_t n;
		bool ok;
		if (nl == NULL)
			goto bad;
		n = (size_t)(nl - p);
		switch (line) {
		case 1:
			ok = n == strlen(SUMMARY) && memcmp(p, SUMMARY, n) == 0;
			break;
		case 2:
			ok = n == 0;
			break;
		case 3:
			ok = n > 5 && memcmp(p, "seq: ", 5) == 0 &&
			    parse_seq(p + 5, n - 5, &out->seq);
			break;
		case 4:
			ok = n == 6 + 64 && memcmp(p, "hash: ", 6) == 0 &&
			    cf_is_hex_lower(p + 6, 64);
			if (ok) {
				memcpy(out->hash, p + 6, 64);
				out->hash[64] = '\0';
			}
			break;
		case 5:
			ok = n == 6 + 40 && memcmp(p, "main: ", 6) == 0 &&
			    cf_is_hex_lower(p + 6, 40);
			if (ok) {
				memcpy(out->main, p + 6, 40);
				out->main[40] = '\0';
			}
			break;
		default:
			ok = n > 4 && memcmp(p, "at: ", 4) == 0 &&
			    parse_at(p + 4, n - 4, &out->at);
			break;
		}
		if (!ok)
			goto bad;
		p = nl + 1;
	}
	if (*p != '\0')
		return cf_error_set(CF_EINVALID,
		    "line 7: expected the end of the message");
	return 0;
bad:
	return cf_error_set(CF_EINVALID, "line %d: expected %s", line,
	    want[line - 1]);
}

int
cf_checkpoint_parse_head(const char *spec, int64_t *seq,
    char hash[CF_SHA256_HEX])
{
	const char *colon = strchr(spec, ':');

	if (colon == NULL ||
	    !parse_seq(spec, (size_t)(colon - spec), seq) ||
	    strlen(colon + 1) != 64 || !cf_is_hex_lower(colon + 1, 64))
		return cf_error_set(CF_EUSAGE,
		    "--head '%s': expected SEQ:HASH, the number of a trail "
		    "entry and its 64 lower-case hex digits",
		    spec);
	memcpy(hash, colon + 1, 64);
	hash[64] = '\0';
	return 0;
}

char *
cf_checkpoint_describe(const struct cf_checkpoint *c)
{
	char when[32];

	format_at(c->at, when);
	if (c->valid)
		return cf_xasprintf("checkpoint %zu (signed by %s on %s)", c->n,
		    c->principal, when);
	return cf_xasprintf("checkpoint %zu (%s, %s)", c->n,
	    !c->is_signed ? "unsigned"
		: c->unjudged ? "signed, no allowed signers to judge it"
			      : "badly signed",
	    when);
}

/* ---- the allowed signers ---- */

/*
 * The text of the allowed signers approved as main stood at commit
 * `main` (repo.h, cf_repo_signers: the open index of main says), into
 * *out; NULL in *out with the reason in *why when there are none to
 * judge by.
 */
static int
allowed_signers_at(struct cf_repo *r, const char *main, char **out,
    char **why)
{
	const char *text = NULL;
	int rc;

	*out = *why = NULL;
	if ((rc = cf_repo_commit_exists(r, main)) < 0)
		return rc;
	rc = cf_repo_signers(r, main, &text);
	if (rc == CF_ENOTFOUND || rc == CF_EINVALID) {
		*why = cf_xasprintf("%s", cf_error_message());
		cf_error_clear();
		return 0;
	}
	if (rc < 0)
		return rc;
	*out = cf_xstrdup(text);
	return 0;
}

/* Checks the signature of commit `id` into c (is_signed, valid, ...). */
static int
check_signature(struct cf_repo *r, git_oid *id, struct cf_checkpoint *c)
{
	git_buf sig = GIT_BUF_INIT, data = GIT_BUF_INIT;
	struct cf_sshsig_signer who = { 0 };
	char *allowed = NULL;
	int rc;

	rc = git_commit_extract_signature(&sig, &data, cf_repo_git(r), id,
	    "gpgsig");
	if (rc == GIT_ENOTFOUND) {
		git_error_clear();
		return 0;
	}
	if (rc < 0)
		return cf_repo_error(rc, "reading a checkpoint's signature");
	c->is_signed = true;
	if (cf_sshsig_fingerprint(sig.ptr, &c->fingerprint) < 0) {
		c->fingerprint = NULL;
		cf_error_clear();
	}
	rc = allowed_signers_at(r, c->main, &allowed, &c->why);
	if (rc == CF_ENOTFOUND || rc == CF_EINVALID) {
		c->why = cf_xasprintf("main's commit %.12s it names is not in "
				      "the repository",
		    c->main);
		cf_error_clear();
		rc = 0;
		goto out;
	}
	if (rc < 0)
		goto out;
	if (allowed == NULL) {
		c->unjudged = true;
		goto out;
	}
	rc = cf_sshsig_verify(allowed, "git", data.ptr, data.size, sig.ptr,
	    c->at, &who);
	if (rc == CF_EINVALID) {
		c->why = cf_xstrdup(cf_error_message());
		cf_error_clear();
		rc = 0;
		goto out;
	}
	if (rc < 0)
		goto out;
	c->valid = true;
	c->principal = who.principal;
	who.principal = NULL;
	if (who.fingerprint) {
		free(c->fingerprint);
		c->fingerprint = who.fingerprint;
		who.fingerprint = NULL;
	}
out:
	cf_sshsig_signer_release(&who);
	free(allowed);
	git_buf_dispose(&sig);
	git_buf_dispose(&data);
	return rc;
}

/* ---- reading the ref ---- */

/* The ref's commit into *id; 1 when there is one, 0 when none. */
static int
ref_tip(struct cf_repo *r, git_oid *id)
{
	git_object *obj = NULL;
	int rc = git_reference_name_to_id(id, cf_repo_git(r),
	    CF_CHECKPOINT_REF);

	if (rc == GIT_ENOTFOUND) {
		git_error_clear();
		return 0;
	}
	if (rc < 0)
		return cf_repo_error(rc, "reading " CF_CHECKPOINT_REF);
	rc = git_object_lookup(&obj, cf_repo_git(r), id, GIT_OBJECT_ANY);
	if (rc == 0 && git_object_type(obj) != GIT_OBJECT_COMMIT)
		rc = cf_error_set(CF_EINVALID,
		    CF_CHECKPOINT_REF " points at a %s, not at a commit",
		    git_object_type2string(git_object_type(obj)));
	else if (rc < 0)
		rc = cf_error_set(CF_EINVALID,
		    CF_CHECKPOINT_REF " points at a commit the repository "
				      "does not hold");
	git_object_free(obj);
	return rc < 0 ? rc : 1;
}

/* Parses commit `c` (a checkpoint, or not) into *cp. */
static int
read_one(git_commit *c, struct cf_checkpoint *cp)
{
	char tree[CF_OID_HEX];
	const char *msg = git_commit_message_raw(c);

	git_oid_tostr(cp->commit, CF_OID_HEX, git_commit_id(c));
	git_oid_tostr(tree, CF_OID_HEX, git_commit_tree_id(c));
	if (git_commit_parentcount(c) > 1)
		return cf_error_set(CF_EINVALID, "it is a merge");
	if (strcmp(tree, EMPTY_TREE) != 0)
		return cf_error_set(CF_EINVALID,
		    "its tree is not empty (%.12s)", tree);
	if (msg == NULL || cf_checkpoint_parse_message(msg, cp) < 0)
		return cf_error_prefix("its message");
	return 0;
}

/* Whose signatures read_ref checks. */
enum { CHECK_ALL, CHECK_LAST, CHECK_NONE };

/* The checkpoints from the tip back, oldest first. */
static int
read_ref(struct cf_repo *r, int check, struct cf_checkpoint **out, size_t *n)
{
	struct cf_checkpoint *v = NULL;
	size_t len = 0, alloc = 0;
	git_commit *c = NULL;
	git_oid id;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = ref_tip(r, &id)) <= 0)
		return rc;
	for (;;) {
		if ((rc = git_commit_lookup(&c, cf_repo_git(r), &id)) < 0) {
			rc = cf_error_set(CF_EINVALID,
			    CF_CHECKPOINT_REF " names commit %s, which the "
					      "repository does not hold",
			    git_oid_tostr_s(&id));
			goto out;
		}
		if (len == MAX_CHECKPOINTS) {
			rc = cf_error_set(CF_EINVALID,
			    CF_CHECKPOINT_REF " holds more than %d commits",
			    MAX_CHECKPOINTS);
			goto out;
		}
		CF_GROW(v, len + 1, alloc);
		memset(&v[len], 0, sizeof v[len]);
		if ((rc = read_one(c, &v[len])) < 0) {
			len++;
			goto named;
		}
		len++;
		if (git_commit_parentcount(c) == 0)
			break;
		id = *git_commit_parent_id(c, 0);
		git_commit_free(c);
		c = NULL;
	}
	/* Oldest first, numbered from 1. */
	for (size_t i = 0; i < len / 2; i++) {
		struct cf_checkpoint t = v[i];
		v[i] = v[len - 1 - i];
		v[len - 1 - i] = t;
	}
	for (size_t i = 0; i < len; i++) {
		v[i].n = i + 1;
		if (check == CHECK_NONE || (check == CHECK_LAST && i + 1 < len))
			continue;
		git_oid cid;
		git_oid_fromstr(&cid, v[i].commit);
		if ((rc = check_signature(r, &cid, &v[i])) < 0)
			goto out;
	}
	*out = v;
	*n = len;
	v = NULL;
	len = 0;
	rc = 0;
	goto out;
named:
	/* Its number from the oldest: count the commits below it. */
	{
		size_t below = 0;
		git_commit *p = c;
		c = NULL;
		while (p && git_commit_parentcount(p) > 0 &&
		    below < MAX_CHECKPOINTS) {
			git_commit *q = NULL;
			if (git_commit_parent(&q, p, 0) < 0) {
				git_error_clear();
				q = NULL;
			}
			git_commit_free(p);
			p = q;
			below++;
		}
		git_commit_free(p);
		cf_error_prefix("commit %.12s on " CF_CHECKPOINT_REF
				" (checkpoint %zu from the oldest) is no "
				"checkpoint",
		    v[len - 1].commit, below + 1);
		rc = CF_EINVALID;
	}
out:
	git_commit_free(c);
	cf_checkpoints_free(v, len);
	return rc;
}

int
cf_checkpoint_list(struct cf_repo *r, struct cf_checkpoint **out, size_t *n)
{
	return read_ref(r, CHECK_ALL, out, n);
}

int
cf_checkpoint_last(struct cf_repo *r, struct cf_checkpoint *out)
{
	struct cf_checkpoint *v = NULL;
	size_t n = 0;
	int rc;

	memset(out, 0, sizeof *out);
	if ((rc = read_ref(r, CHECK_LAST, &v, &n)) < 0)
		return rc;
	if (n > 0) {
		*out = v[n - 1];
		memset(&v[n - 1], 0, sizeof v[n - 1]);
	}
	cf_checkpoints_free(v, n);
	return 0;
}

int
cf_checkpoint_covering(struct cf_repo *r, int64_t seq, struct cf_checkpoint *out)
{
	struct cf_checkpoint *v = NULL;
	size_t n = 0, i;
	int rc;

	memset(out, 0, sizeof *out);
	if ((rc = read_ref(r, CHECK_NONE, &v, &n)) < 0)
		return rc;
	for (i = 0; i < n && v[i].seq < seq; i++)
		;
	if (i < n) {
		git_oid id;
		git_oid_fromstr(&id, v[i].commit);
		if ((rc = check_signature(r, &id, &v[i])) == 0) {
			*out = v[i];
			memset(&v[i], 0, sizeof v[i]);
		}
	}
	cf_checkpoints_free(v, n);
	return rc;
}

/* ---- checking the trail against a head ---- */

int
cf_checkpoint_extends(struct cf_store *st, int64_t n, int64_t seq,
    const char *hash, const char *what)
{
	char have[CF_SHA256_HEX];
	int rc;

	if (seq == 0) {
		if (strcmp(hash, cf_trail_zero_hash) == 0)
			return 0;
		return cf_error_set(CF_EINVALID,
		    "%s holds entry 0 with a hash that is not the hash before "
		    "the first entry",
		    what);
	}
	if (seq > n)
		return cf_error_set(CF_EINVALID,
		    "the trail ends at entry %" PRId64 " but %s holds entry "
		    "%" PRId64,
		    n, what, seq);
	if ((rc = cf_trail_hash(st, seq, have)) == CF_ENOTFOUND)
		return cf_error_set(CF_EINVALID,
		    "the trail has no entry %" PRId64 " but %s holds it", seq,
		    what);
	if (rc < 0)
		return rc;
	if (strcmp(have, hash) != 0)
		return cf_error_set(CF_EINVALID,
		    "the trail does not extend %s: entry %" PRId64
		    "'s hash is %.16s…, the checkpoint holds %.16s…",
		    what, seq, have, hash);
	return 0;
}

int
cf_checkpoint_verify(struct cf_repo *r, struct cf_store *st, int64_t n,
    struct cf_diags *probs, struct cf_diags *warns,
    struct cf_checkpoint *last)
{
	struct cf_checkpoint *v = NULL;
	size_t count = 0, i = 0;
	int rc;

	if (last)
		memset(last, 0, sizeof *last);
	if ((rc = cf_checkpoint_list(r, &v, &count)) < 0)
		return rc;
	for (i = 0; i < count; i++) {
		struct cf_checkpoint *c = &v[i];
		char *what = cf_checkpoint_describe(c);
		if (cf_checkpoint_extends(st, n, c->seq, c->hash, what) < 0) {
			if (cf_error_code() != CF_EINVALID) {
				rc = cf_error_code();
				free(what);
				goto out;
			}
			cf_diags_add(probs, NULL, 0, 0, "%s",
			    cf_error_message());
			cf_error_clear();
		}
		if (c->unjudged)
			cf_diags_add(warns, NULL, 0, 0,
			    "checkpoint %zu is signed by %s, but %s",
			    c->n, c->fingerprint ? c->fingerprint : "a key",
			    c->why);
		else if (c->is_signed && !c->valid)
			cf_diags_add(probs, NULL, 0, 0,
			    "checkpoint %zu (commit %.12s) is badly signed: %s",
			    c->n, c->commit, c->why ? c->why : "invalid");
		free(what);
	}
	/* Unsigned ones: one warning per run of them. */
	for (i = 0; i < count;) {
		size_t j = i;
		if (v[i].is_signed) {
			i++;
			continue;
		}
		while (j + 1 < count && !v[j + 1].is_signed)
			j++;
		if (j == i)
			cf_diags_add(warns, NULL, 0, 0,
			    "checkpoint %zu is unsigned", v[i].n);
		else
			cf_diags_add(warns, NULL, 0, 0,
			    "checkpoints %zu-%zu are unsigned", v[i].n, v[j].n);
		i = j + 1;
	}
	/*
	 * Where who may sign is approved, the head must be anchored by a
	 * valid signature: no checkpoint, or an unsigned last one, is what
	 * an insider with no key writes after re-chaining the trail.
	 */
	const char *signers;
	char head[CF_OID_HEX];
	if (n > 0 && cf_repo_head(r, head) == 0 &&
	    cf_repo_signers(r, head, &signers) == 0) {
		if (count == 0)
			cf_diags_add(probs, NULL, 0, 0,
			    "no checkpoint anchors the trail, though the "
			    "workspace has approved allowed signers: the ref "
			    "%s was deleted, or none was signed yet ('conform "
			    "trail checkpoint --key KEY')",
			    CF_CHECKPOINT_REF);
		else if (!v[count - 1].is_signed || v[count - 1].unjudged)
			cf_diags_add(probs, NULL, 0, 0,
			    "checkpoint %zu, the last, is not signed by an "
			    "allowed signer (unsigned, or signed where none "
			    "was approved), though the workspace has approved "
			    "ones: anyone holding the files could have written "
			    "it ('conform trail checkpoint --key KEY')",
			    v[count - 1].n);
	}
	cf_error_clear();
	if (last && count > 0) {
		*last = v[count - 1];
		memset(&v[count - 1], 0, sizeof v[count - 1]);
	}
	rc = 0;
out:
	cf_checkpoints_free(v, count);
	return rc;
}

/* ---- writing ---- */

/*
 * One writer at a time: an flock on .conform/checkpoint.lock (it goes
 * with the process, however it ends).  While the ref moves,
 * .conform/checkpoint-pending holds the time it started; a writer that
 * finds it knows the last one was killed there, and removes the lock
 * file git's ref update left (made at or after that time).
 */
#define WRITER_LOCK ".conform/checkpoint.lock"
#define WRITER_PENDING ".conform/checkpoint-pending"
#define REF_LOCK ".git/" CF_CHECKPOINT_REF ".lock"
#define LOCK_WAIT_MS 10000

static char *
ws_path(struct cf_repo *r, const char *rel)
{
	const char *wd = git_repository_workdir(cf_repo_git(r));

	return cf_xasprintf("%s%s%s", wd ? wd : "",
	    wd && *wd && wd[strlen(wd) - 1] != '/' ? "/" : "", rel);
}

static int
writer_lock(struct cf_repo *r, int *fd)
{
	char *path = ws_path(r, WRITER_LOCK), *pending, *text = NULL;
	size_t len;
	int rc = cf_lock_wait(path, LOCK_WAIT_MS, "writing a checkpoint", fd);

	free(path);
	if (rc < 0)
		return rc;
	pending = ws_path(r, WRITER_PENDING);
	if (cf_read_file(pending, 64, &text, &len) == 0) {
		char *ref_lock = ws_path(r, REF_LOCK);
		struct stat sb;
		long long since = strtoll(text, NULL, 10);
		if (stat(ref_lock, &sb) == 0 && S_ISREG(sb.st_mode) &&
		    (long long)sb.st_mtime >= since - 1)
			unlink(ref_lock);
		unlink(pending);
		free(ref_lock);
	}
	cf_error_clear();
	free(text);
	free(pending);
	return 0;
}

static void
writer_unlock(int fd)
{
	if (fd >= 0)
		close(fd);
}

/* Marks the ref update under way (`on`) or done. */
static int
writer_pending(struct cf_repo *r, bool on)
{
	char *path = ws_path(r, WRITER_PENDING);
	int rc = 0;

	if (on) {
		char *t = cf_xasprintf("%lld\n", (long long)time(NULL));
		rc = cf_write_file_atomic(path, t, strlen(t));
		free(t);
	} else
		unlink(path);
	free(path);
	return rc;
}

int
cf_checkpoint_write(struct cf_repo *r, struct cf_store *st, const char *key,
    const struct cf_sig *who, int64_t at, struct cf_checkpoint *out)
{
	git_repository *git = cf_repo_git(r);
	struct cf_checkpoint last = { 0 };
	git_signature *sig = NULL;
	git_commit *parent = NULL;
	git_tree *tree = NULL;
	git_reference *ref = NULL;
	git_buf buf = GIT_BUF_INIT;
	git_treebuilder *tb = NULL;
	char head[CF_SHA256_HEX], main[CF_OID_HEX], *msg = NULL;
	char *armored = NULL;
	git_oid tid, cid;
	int64_t n;
	int rc, fd = -1;

	if (out)
		memset(out, 0, sizeof *out);
	if ((rc = writer_lock(r, &fd)) < 0)
		return rc;
	/* Never sign a head that is not a continuation. */
	if ((rc = cf_trail_verify(st, &n, head)) < 0 ||
	    (rc = cf_checkpoint_last(r, &last)) < 0 ||
	    (rc = cf_repo_head(r, main)) < 0)
		goto out;
	if (last.n > 0) {
		char *what = cf_checkpoint_describe(&last);
		rc = cf_checkpoint_extends(st, n, last.seq, last.hash, what);
		free(what);
		if (rc < 0) {
			cf_error_prefix("no checkpoint written");
			goto out;
		}
	}
	msg = cf_checkpoint_message(n, head, main, at);
	if ((rc = git_treebuilder_new(&tb, git, NULL)) < 0 ||
	    (rc = git_treebuilder_write(&tid, tb)) < 0 ||
	    (rc = git_tree_lookup(&tree, git, &tid)) < 0) {
		rc = cf_repo_error(rc, "writing the empty tree");
		goto out;
	}
	if (last.n > 0) {
		git_oid pid;
		git_oid_fromstr(&pid, last.commit);
		if ((rc = git_commit_lookup(&parent, git, &pid)) < 0) {
			rc = cf_repo_error(rc, "reading the last checkpoint");
			goto out;
		}
	}
	if ((rc = git_signature_new(&sig, who ? who->name : "conform",
		 who ? who->email : "conform@localhost", (git_time_t)at, 0)) <
	    0) {
		rc = cf_repo_error(rc, "making the signature");
		goto out;
	}
	const git_commit *parents[1] = { parent };
	if ((rc = git_commit_create_buffer(&buf, git, sig, sig, NULL, msg, tree,
		 parent ? 1 : 0, parents)) < 0) {
		rc = cf_repo_error(rc, "making the checkpoint");
		goto out;
	}
	if (key) {
		size_t len;
		if ((rc = cf_sshsig_sign(key, "git", buf.ptr, buf.size,
			 &armored)) < 0) {
			cf_error_prefix("signing the checkpoint with %s", key);
			goto out;
		}
		/* git's header holds the armor without its last newline */
		len = strlen(armored);
		while (len > 0 && armored[len - 1] == '\n')
			armored[--len] = '\0';
	}
	if ((rc = git_commit_create_with_signature(&cid, git, buf.ptr, armored,
		 armored ? "gpgsig" : NULL)) < 0) {
		rc = cf_repo_error(rc, "writing the checkpoint");
		goto out;
	}
	if ((rc = writer_pending(r, true)) < 0)
		goto out;
	cf_crash_point("checkpoint-pending");
	char *log = cf_xasprintf("checkpoint: entry %" PRId64, n);
	if (parent)
		rc = git_reference_create_matching(&ref, git,
		    CF_CHECKPOINT_REF, &cid, 1, git_commit_id(parent), log);
	else
		rc = git_reference_create(&ref, git, CF_CHECKPOINT_REF, &cid, 0,
		    log);
	free(log);
	if (rc == 0)
		cf_crash_point("checkpoint-moved");
	writer_pending(r, false);
	if (rc == GIT_EEXISTS || rc == GIT_EMODIFIED) {
		rc = cf_error_set(CF_ECONFLICT,
		    "another checkpoint was written meanwhile; nothing was "
		    "written, try again");
		goto out;
	}
	if (rc < 0) {
		rc = cf_repo_error(rc, "moving " CF_CHECKPOINT_REF);
		goto out;
	}
	if (out) {
		memset(out, 0, sizeof *out);
		out->n = last.n + 1;
		out->seq = n;
		memcpy(out->hash, head, CF_SHA256_HEX);
		memcpy(out->main, main, CF_OID_HEX);
		out->at = at;
		git_oid_tostr(out->commit, CF_OID_HEX, &cid);
		if ((rc = check_signature(r, &cid, out)) < 0)
			goto out;
	}
	rc = 0;
out:
	cf_checkpoint_release(&last);
	free(msg);
	free(armored);
	git_buf_dispose(&buf);
	git_reference_free(ref);
	git_signature_free(sig);
	git_commit_free(parent);
	git_tree_free(tree);
	git_treebuilder_free(tb);
	writer_unlock(fd);
	return rc;
}
