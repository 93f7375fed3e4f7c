/* SPDX-License-Identifier: MIT */
/*
 * evidence-verify.c - verifying an evidence pack from its own files,
 * with no workspace (see evidence.h, doc/integrity.md section 6).
 *
 * Every problem found in the pack is a diagnostic and the checks go on,
 * so one run names them all.  Every file of the pack is hostile input:
 * records.db is opened as untrusted (core/store.h: read-only,
 * immutable, defensive, its schema exactly conform's), the bundle is
 * read into a bare repository in a temporary folder outside the pack
 * (procedures/bundle.h: a strict header, a bounded scan of the pack
 * before git's indexer).  The reports and registers are made again
 * from records.db and the bundle by the code that wrote them
 * (cf_evidence_reports) and compared byte for byte, so a report can say
 * only what the bound records say.
 */
#include "conform.h"
#include "auditdb.h"
#include "bundle.h"
#include "checkpoint.h"
#include "docindex.h"
#include "evidence-impl.h"
#include "evidence.h"
#include "ncr.h"
#include "paths.h"
#include "records.h"
#include "repo.h"
#include "sshsig.h"
#include "store.h"
#include "text.h"
#include "trail.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/*
 * A set of names for lookups: pointers into a cf_strv, sorted, searched
 * by bisection.  The manifest may list any number of files (the pack's
 * are a few hundred, an attacker's 80,000): every membership test is
 * O(log n), so verify is O(n log n) in the manifest, never quadratic.
 */
struct names {
	const char **v;
	size_t n;
};

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void
names_of(struct names *ns, const struct cf_strv *sv)
{
	free(ns->v);
	ns->n = sv->n;
	ns->v = cf_xcalloc(sv->n ? sv->n : 1, sizeof *ns->v);
	for (size_t i = 0; i < sv->n; i++)
		ns->v[i] = sv->v[i];
	qsort(ns->v, ns->n, sizeof *ns->v, name_cmp);
}

static bool
has(const struct names *ns, const char *s)
{
	return ns->n > 0 &&
	    bsearch(&s, ns->v, ns->n, sizeof *ns->v, name_cmp) != NULL;
}

static void
names_release(struct names *ns)
{
	free(ns->v);
	ns->v = NULL;
	ns->n = 0;
}

/* Marks in dup[] every entry of `sv` equal to an earlier one. */
struct pos_name {
	const char *s;
	size_t i;
};

static int
pos_name_cmp(const void *a, const void *b)
{
	const struct pos_name *x = a, *y = b;
	int c = strcmp(x->s, y->s);

	return c ? c : x->i < y->i ? -1 : x->i > y->i;
}

static bool *
duplicates(const struct cf_strv *sv)
{
	struct pos_name *p = cf_xcalloc(sv->n ? sv->n : 1, sizeof *p);
	bool *dup = cf_xcalloc(sv->n ? sv->n : 1, sizeof *dup);

	for (size_t i = 0; i < sv->n; i++)
		p[i].s = sv->v[i], p[i].i = i;
	qsort(p, sv->n, sizeof *p, pos_name_cmp);
	for (size_t k = 1; k < sv->n; k++)
		if (strcmp(p[k].s, p[k - 1].s) == 0)
			dup[p[k].i] = true;
	free(p);
	return dup;
}

struct verify {
	const char *dir;
	const struct cf_verify_opts *o;
	struct cf_diags *probs, *warns;
	struct cf_verify_result *res;
	struct cf_strv have;   /* the files of the pack */
	struct cf_strv listed; /* the files the manifest lists */
	struct names have_ix, listed_ix; /* the same, for lookups */
	char *manifest;
	size_t mlen;
	char *tmp; /* a temporary folder outside the pack */
	char *allowed; /* the allowed signers trusted */
	char *ck_text; /* the file checkpoint */
	struct cf_store *st;
	struct cf_repo *repo;
	struct cf_bundle_refs refs;
	char bundle_main[CF_OID_HEX];
	bool conf_ok, ck_ok;
	cf_day at;
	char *tzname, *center;
	int64_t *audits;
	size_t naudits;
};


static char *
pack_path(const struct verify *v, const char *rel)
{
	return cf_path_join(v->dir, rel);
}

/* ---- the manifest and its hashes ---- */

static int
check_manifest(struct verify *v)
{
	struct cf_strv hashes = CF_STRV_INIT;
	char *mpath;
	int rc;

	if ((rc = cf_ev_walk(v->dir, "", &v->have)) < 0) {
		if (rc != CF_EINVALID)
			return rc;
		cf_diags_add(v->probs, NULL, 0, 0, "%s", cf_error_message());
		cf_error_clear();
	}
	cf_strv_sort(&v->have);
	mpath = pack_path(v, CF_PACK_MANIFEST);
	if (cf_read_file(mpath, 1 << 26, &v->manifest, &v->mlen) < 0) {
		cf_error_clear();
		cf_diags_add(v->probs, CF_PACK_MANIFEST, 0, 0,
		    "missing: nothing in the pack can be checked");
	} else
		cf_manifest_parse(v->manifest, v->mlen, &hashes, &v->listed,
		    v->probs);
	free(mpath);
	names_of(&v->have_ix, &v->have);
	names_of(&v->listed_ix, &v->listed);
	bool *dup = duplicates(&v->listed);
	for (size_t i = 0; i < v->listed.n; i++) {
		const char *f = v->listed.v[i];
		char hex[CF_SHA256_HEX], *p;
		if (dup[i]) {
			cf_diags_add(v->probs, f, 0, 0,
			    "listed twice in the manifest");
			continue;
		}
		if (strcmp(f, CF_PACK_MANIFEST) == 0 ||
		    strcmp(f, CF_PACK_SIG) == 0) {
			cf_diags_add(v->probs, f, 0, 0,
			    "the manifest cannot list it");
			continue;
		}
		if (!has(&v->have_ix, f)) {
			cf_diags_add(v->probs, f, 0, 0,
			    "missing: listed in the manifest but not in the "
			    "pack");
			continue;
		}
		p = pack_path(v, f);
		rc = cf_sha256_file(p, hex);
		free(p);
		if (rc < 0) {
			cf_diags_add(v->probs, f, 0, 0, "%s",
			    cf_error_message());
			cf_error_clear();
			continue;
		}
		v->res->files++;
		if (strcmp(hex, hashes.v[i]) != 0)
			cf_diags_add(v->probs, f, 0, 0,
			    "changed: its SHA-256 is %s, the manifest says %s",
			    hex, hashes.v[i]);
	}
	if (v->manifest)
		for (size_t k = 0; k < v->have.n; k++) {
			const char *f = v->have.v[k];
			if (strcmp(f, CF_PACK_MANIFEST) != 0 &&
			    strcmp(f, CF_PACK_SIG) != 0 && !has(&v->listed_ix, f))
				cf_diags_add(v->probs, f, 0, 0,
				    "not listed in the manifest");
		}
	free(dup);
	cf_strv_release(&hashes);
	return 0;
}

/* ---- the signature ---- */

/* The allowed signers trusted: --signers FILE or the pack's own file,
 * and with --since the old pack's too. */
static char *
trusted_signers(struct verify *v)
{
	struct cf_buf b = CF_BUF_INIT;
	const char *files[2];
	char *own = pack_path(v, CF_PACK_SIGNERS), *old = NULL;

	files[0] = v->o->signers ? v->o->signers : own;
	files[1] = NULL;
	if (v->o->since)
		files[1] = old = cf_path_join(v->o->since, CF_PACK_SIGNERS);
	for (int i = 0; i < 2; i++) {
		char *t;
		size_t n;
		if (files[i] == NULL)
			continue;
		if (cf_read_file(files[i], 1 << 20, &t, &n) < 0) {
			cf_diags_add(v->probs, files[i], 0, 0, "%s",
			    cf_error_message());
			cf_error_clear();
			continue;
		}
		cf_buf_add(&b, t, n);
		if (n && t[n - 1] != '\n')
			cf_buf_addc(&b, '\n');
		free(t);
	}
	free(own);
	free(old);
	return cf_buf_detach(&b);
}

static void
check_signature(struct verify *v)
{
	char *allowed;

	if (!has(&v->have_ix, CF_PACK_SIG)) {
		const char *msg = "the pack is not signed: anyone holding its "
				  "files could have made it";
		if (v->o->allow_unsigned)
			cf_diags_add(v->warns, CF_PACK_SIG, 0, 0, "%s", msg);
		else
			cf_diags_add(v->probs, CF_PACK_SIG, 0, 0, "%s", msg);
		return;
	}
	allowed = cf_xstrdup(v->allowed);
	{
		char *path = pack_path(v, CF_PACK_SIG), *sig = NULL;
		struct cf_sshsig_signer who = { NULL, NULL };
		size_t n;
		if (cf_read_file(path, 1 << 16, &sig, &n) < 0 ||
		    memchr(sig, '\0', n) != NULL) {
			cf_diags_add(v->probs, CF_PACK_SIG, 0, 0, "%s",
			    sig ? "not an SSH signature" : cf_error_message());
			cf_error_clear();
		} else if (v->manifest == NULL)
			; /* named: nothing to check it against */
		else if (*allowed == '\0' && v->o->signers == NULL)
			cf_diags_add(v->probs, CF_PACK_SIG, 0, 0,
			    "the pack's allowed_signers is empty: no signer is "
			    "allowed (give the signers you trust with "
			    "--signers FILE)");
		else if (cf_sshsig_verify(allowed, CF_PACK_NAMESPACE,
			     v->manifest, v->mlen, sig,
			     v->ck_ok ? v->res->ckpt.at : 0, &who) < 0) {
			cf_diags_add(v->probs, CF_PACK_SIG, 0, 0,
			    "the manifest's signature is not valid: %s",
			    cf_error_message());
			cf_error_clear();
		} else
			v->res->signer = cf_xasprintf("%s (%s)", who.principal,
			    who.fingerprint);
		cf_sshsig_signer_release(&who);
		free(sig);
		free(path);
	}
	free(allowed);
}

/* ---- pack.conf ---- */

static void
check_conf(struct verify *v)
{
	char *path = pack_path(v, CF_PACK_CONF), *buf = NULL;
	bool have_at = false;
	size_t len, pos = 0;
	int line = 0;

	if (cf_read_file(path, 1 << 16, &buf, &len) < 0) {
		cf_error_clear();
		free(path);
		return; /* named as a missing file */
	}
	free(path);
	while (pos < len) {
		const char *s = buf + pos, *nl = memchr(s, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - s) : len - pos;
		const char *eq;
		char *key, *val;
		pos += n + (nl ? 1 : 0);
		line++;
		if (n == 0 || s[0] == '#')
			continue;
		if ((eq = memchr(s, '=', n)) == NULL || eq == s ||
		    eq[-1] != ' ' || eq + 1 >= s + n || eq[1] != ' ') {
			cf_diags_add(v->probs, CF_PACK_CONF, line, 0,
			    "expected 'key = value'");
			continue;
		}
		key = cf_xstrndup(s, (size_t)(eq - 1 - s));
		val = cf_xstrndup(eq + 2, (size_t)(s + n - eq - 2));
		if (strcmp(key, "at") == 0 &&
		    cf_day_parse(&v->at, val, strlen(val)) == 0)
			have_at = true;
		else if (strcmp(key, "timezone") == 0 && v->tzname == NULL) {
			v->tzname = val;
			val = NULL;
		} else if (strcmp(key, "center") == 0 && v->center == NULL) {
			v->center = val;
			val = NULL;
		} else {
			cf_error_clear();
			cf_diags_add(v->probs, CF_PACK_CONF, line, 0,
			    "'%s': expected at, timezone or center, each once",
			    key);
		}
		free(key);
		free(val);
	}
	free(buf);
	if (!have_at || v->tzname == NULL)
		cf_diags_add(v->probs, CF_PACK_CONF, 0, 0,
		    "expected the lines 'at = DATE' and 'timezone = ZONE'");
	else
		v->conf_ok = true;
}

/* ---- records.db ---- */

static int
count_entry(const struct cf_trail_entry *e, void *arg)
{
	(void)e;
	(*(int64_t *)arg)++;
	return 0;
}

static void
record_problem(const char *problem, void *arg)
{
	struct verify *v = arg;

	cf_diags_add(v->probs, CF_PACK_RECORDS, 0, 0, "%s", problem);
}

static void
check_records(struct verify *v)
{
	char *path = pack_path(v, CF_PACK_RECORDS);
	struct cf_records_summary sum;
	struct cf_ncr *ncrs = NULL;
	size_t nncr = 0;
	int64_t n = 0;
	int rc;

	if (!has(&v->have_ix, CF_PACK_RECORDS)) {
		free(path);
		return;
	}
	rc = cf_store_open(&v->st, path, CF_STORE_UNTRUSTED);
	free(path);
	if (rc < 0) {
		cf_diags_add(v->probs, CF_PACK_RECORDS, 0, 0, "%s",
		    cf_error_message());
		cf_error_clear();
		return;
	}
	/* the chain, then every record against the entry that bound it */
	rc = cf_records_verify(v->st, record_problem, v, &sum);
	if (rc < 0 && rc != CF_EINVALID)
		cf_diags_add(v->probs, CF_PACK_RECORDS, 0, 0, "%s",
		    cf_error_message());
	else if (rc == CF_EINVALID && sum.problems == 0)
		cf_diags_add(v->probs, CF_PACK_RECORDS, 0, 0, "%s",
		    cf_error_message());
	cf_error_clear();
	n = sum.entries;
	if (n == 0 && cf_trail_each(v->st, count_entry, &n) < 0)
		cf_error_clear();
	if (sum.not_bound)
		cf_diags_add(v->warns, CF_PACK_RECORDS, 0, 0,
		    "%" PRId64 " records have trail entries written before "
		    "records were bound: their contents are not checked",
		    sum.not_bound);
	v->res->entries = n;
	/* The pack holds the reports of the audits in force. */
	if ((rc = cf_auditdb_ids_void(v->st, false, &v->audits,
		 &v->naudits)) < 0 ||
	    (rc = cf_ncr_list(v->st, &ncrs, &nncr)) < 0) {
		cf_diags_add(v->probs, CF_PACK_RECORDS, 0, 0, "%s",
		    cf_error_message());
		cf_error_clear();
	}
	v->res->audits = (int64_t)v->naudits;
	v->res->ncrs = (int64_t)nncr;
	for (size_t i = 0; i < nncr; i++)
		cf_ncr_release(&ncrs[i]);
	free(ncrs);
}

/* ---- the checkpoint ---- */

static bool
field(const char *buf, const char *key, char *out, size_t max)
{
	size_t kl = strlen(key);

	for (const char *s = buf; s && *s;) {
		const char *nl = strchr(s, '\n');
		size_t n = nl ? (size_t)(nl - s) : strlen(s);
		if (n > kl + 2 && strncmp(s, key, kl) == 0 && s[kl] == ':' &&
		    s[kl + 1] == ' ') {
			if (n - kl - 2 >= max)
				return false;
			memcpy(out, s + kl + 2, n - kl - 2);
			out[n - kl - 2] = '\0';
			return true;
		}
		s = nl ? nl + 1 : NULL;
	}
	return false;
}

static bool
parse_time(const char *s, int64_t *out)
{
	struct tm tm;
	const char *e;

	memset(&tm, 0, sizeof tm);
	e = strptime(s, "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (e == NULL || *e)
		return false;
	*out = (int64_t)timegm(&tm);
	return true;
}

static void
check_checkpoint(struct verify *v)
{
	struct cf_pack_ckpt *c = &v->res->ckpt;
	char *path = pack_path(v, CF_PACK_CHECKPOINT), *buf = NULL;
	char seq[32], at[32], signer[512], *text;
	size_t len;

	if (cf_read_file(path, 1 << 16, &buf, &len) < 0) {
		cf_error_clear();
		free(path);
		return; /* named as a missing file */
	}
	free(path);
	if (memchr(buf, '\0', len) || !field(buf, "commit", c->commit,
					   sizeof c->commit) ||
	    !field(buf, "seq", seq, sizeof seq) ||
	    !field(buf, "hash", c->hash, sizeof c->hash) ||
	    !field(buf, "main", c->main, sizeof c->main) ||
	    !field(buf, "at", at, sizeof at) ||
	    !field(buf, "signer", signer, sizeof signer) ||
	    !cf_is_hex_lower(c->hash, 64) || strlen(c->hash) != 64 ||
	    strlen(c->main) != 40 || !cf_is_hex_lower(c->main, 40) ||
	    !parse_time(at, &c->at)) {
		cf_diags_add(v->probs, CF_PACK_CHECKPOINT, 0, 0,
		    "expected the lines commit, seq, hash (64 hex), main "
		    "(40 hex), at (UTC) and signer");
		free(buf);
		return;
	}
	{
		char *end;
		long long s = strtoll(seq, &end, 10);
		if (*end || s < 0) {
			cf_diags_add(v->probs, CF_PACK_CHECKPOINT, 0, 0,
			    "seq: expected a number");
			free(buf);
			return;
		}
		c->seq = s;
	}
	if (strcmp(c->commit, "none") == 0)
		*c->commit = '\0';
	if (strcmp(signer, "unsigned") != 0)
		c->signer = cf_xstrdup(signer);
	text = cf_pack_ckpt_text(c);
	if (strlen(text) != len || memcmp(text, buf, len) != 0)
		cf_diags_add(v->probs, CF_PACK_CHECKPOINT, 0, 0,
		    "not in the form conform writes");
	free(text);
	v->ck_text = buf;
	v->ck_ok = true;
}

/* Whether `allowed` holds a valid signature of checkpoint `c`; the
 * signer into *who.  A problem (or with --allow-unsigned, for an
 * unsigned one, a warning) otherwise. */
static void
checkpoint_signature(struct verify *v, const struct cf_checkpoint *c)
{
	struct cf_buf payload = CF_BUF_INIT;
	struct cf_sshsig_signer who = { NULL, NULL };
	char *sig = NULL;
	int rc = cf_bundle_commit_signature(v->repo, c->commit, &payload, &sig);

	if (rc == CF_ENOTFOUND) {
		const char *msg = "the checkpoint is not signed: the trail is "
				  "anchored by nothing anyone could not make";
		cf_error_clear();
		cf_diags_add(v->o->allow_unsigned ? v->warns : v->probs,
		    CF_PACK_CHECKPOINT, 0, 0, "%s", msg);
	} else if (rc < 0) {
		cf_diags_add(v->probs, CF_PACK_CHECKPOINT, 0, 0, "%s",
		    cf_error_message());
		cf_error_clear();
	} else if (cf_sshsig_verify(v->allowed, "git", payload.s, payload.len,
		       sig, c->at, &who) < 0) {
		cf_diags_add(v->probs, CF_PACK_CHECKPOINT, 0, 0,
		    "the signature of checkpoint %s is not valid: %s",
		    c->commit, cf_error_message());
		cf_error_clear();
	} else
		v->res->ckpt_signer = cf_xasprintf("%s (%s)", who.principal,
		    who.fingerprint);
	cf_sshsig_signer_release(&who);
	free(sig);
	cf_buf_release(&payload);
}

/*
 * The checkpoint file against refs/conform/checkpoints in the bundle:
 * it names the last checkpoint there, as that commit says; the trail in
 * records.db extends every checkpoint and ends at the last; the last is
 * signed by an allowed signer.
 */
static void
check_checkpoints(struct verify *v)
{
	struct cf_pack_ckpt *f = &v->res->ckpt;
	struct cf_checkpoint *list = NULL, *last;
	size_t n = 0;

	if (!v->ck_ok || v->repo == NULL)
		return;
	if (cf_checkpoint_list(v->repo, &list, &n) < 0) {
		cf_diags_add(v->probs, CF_PACK_BUNDLE, 0, 0, "%s",
		    cf_error_message());
		cf_error_clear();
		return;
	}
	if (n == 0) {
		cf_diags_add(v->probs, CF_PACK_BUNDLE, 0, 0,
		    "holds no checkpoint (%s)", CF_CHECKPOINT_REF);
		goto out;
	}
	last = &list[n - 1];
	if (strcmp(f->commit, last->commit) != 0)
		cf_diags_add(v->probs, CF_PACK_CHECKPOINT, 0, 0,
		    "names checkpoint %s, the last on %s in the bundle is %s",
		    *f->commit ? f->commit : "none", CF_CHECKPOINT_REF,
		    last->commit);
	else {
		struct cf_pack_ckpt c = { 0 };
		char *want;
		memcpy(c.commit, last->commit, sizeof c.commit);
		c.seq = last->seq;
		memcpy(c.hash, last->hash, sizeof c.hash);
		memcpy(c.main, last->main, sizeof c.main);
		c.at = last->at;
		c.signer = last->is_signed
		    ? (char *)(last->fingerprint ? last->fingerprint
						 : "(an unreadable key)")
		    : NULL;
		want = cf_pack_ckpt_text(&c);
		if (strcmp(want, v->ck_text) != 0)
			cf_diags_add(v->probs, CF_PACK_CHECKPOINT, 0, 0,
			    "does not say what checkpoint commit %s in the "
			    "bundle says",
			    last->commit);
		free(want);
	}
	checkpoint_signature(v, last);
	if (v->st == NULL)
		goto out;
	for (size_t i = 0; i < n; i++) {
		char *what = cf_xasprintf("checkpoint %zu (%.12s)", list[i].n,
		    list[i].commit);
		if (cf_checkpoint_extends(v->st, v->res->entries, list[i].seq,
			list[i].hash, what) < 0) {
			cf_diags_add(v->probs, CF_PACK_RECORDS, 0, 0, "%s",
			    cf_error_message());
			cf_error_clear();
		}
		free(what);
	}
	if (v->res->entries > last->seq)
		cf_diags_add(v->probs, CF_PACK_RECORDS, 0, 0,
		    "the trail holds %" PRId64 " entries after its last "
		    "checkpoint (entry %" PRId64 "): they are anchored by "
		    "nothing",
		    v->res->entries - last->seq, last->seq);
	v->res->ckpt_n = last->n;
out:
	cf_checkpoints_free(list, n);
}

/* ---- the bundle and the commits the records cite ---- */

static void
check_bundle(struct verify *v)
{
	char *path = pack_path(v, CF_PACK_BUNDLE), *gitdir;
	int rc;

	if (!has(&v->have_ix, CF_PACK_BUNDLE)) {
		free(path);
		return;
	}
	gitdir = cf_path_join(v->tmp, "documents.git");
	rc = cf_bundle_read_file(path, gitdir, &v->repo, &v->refs);
	free(path);
	free(gitdir);
	if (rc < 0) {
		cf_diags_add(v->probs, CF_PACK_BUNDLE, 0, 0, "%s",
		    cf_error_message());
		cf_error_clear();
		return;
	}
	if (cf_repo_head(v->repo, v->bundle_main) < 0) {
		cf_diags_add(v->probs, CF_PACK_BUNDLE, 0, 0, "%s",
		    cf_error_message());
		cf_error_clear();
		cf_repo_free(v->repo);
		v->repo = NULL;
		return;
	}
	if (v->ck_ok && strcmp(v->bundle_main, v->res->ckpt.main) != 0)
		cf_diags_add(v->probs, CF_PACK_BUNDLE, 0, 0,
		    "main is %s, the checkpoint says %s", v->bundle_main,
		    v->res->ckpt.main);
}

static int
cited_doc_commit(const struct cf_trail_entry *e, void *arg)
{
	if (strcmp(e->what, "doc.commit") == 0)
		cf_strv_push(arg, e->subject);
	return 0;
}

static void
check_cited(struct verify *v)
{
	struct cf_strv all = CF_STRV_INIT;

	if (v->st == NULL || v->repo == NULL)
		return;
	if (cf_auditdb_commits(v->st, &all) < 0 ||
	    cf_trail_each(v->st, cited_doc_commit, &all) < 0) {
		cf_diags_add(v->probs, CF_PACK_RECORDS, 0, 0, "%s",
		    cf_error_message());
		cf_error_clear();
	}
	if (v->ck_ok)
		cf_strv_push(&all, v->res->ckpt.main);
	cf_strv_sort(&all);
	for (size_t i = 0; i < all.n; i++) {
		const char *c = all.v[i];
		bool on = false;
		int rc;
		if (i && strcmp(c, all.v[i - 1]) == 0)
			continue;
		v->res->commits++;
		if ((rc = cf_repo_commit_exists(v->repo, c)) < 0) {
			cf_error_clear();
			cf_diags_add(v->probs, CF_PACK_BUNDLE, 0, 0,
			    "commit %s, which the records cite, is not in the "
			    "bundle",
			    c);
			continue;
		}
		if (cf_repo_in_history(v->repo, v->bundle_main, c, &on) < 0) {
			cf_diags_add(v->probs, CF_PACK_BUNDLE, 0, 0, "%s",
			    cf_error_message());
			cf_error_clear();
		} else if (!on)
			cf_diags_add(v->probs, CF_PACK_BUNDLE, 0, 0,
			    "commit %s, which the records cite, is not on the "
			    "bundle's main",
			    c);
	}
	cf_strv_release(&all);
}

/*
 * The pack's allowed_signers against the bundle: the version approved
 * as main stood at the checkpoint's commit (procedures/repo.h; the index
 * of the bundle's main, open while the reports are made again, says), or
 * an empty file when none is approved.  Called with that index open.
 */
static void
check_signers_file(struct verify *v)
{
	const char *want = NULL, *main;
	char *path, *t = NULL;
	size_t n;
	int rc;

	if (v->repo == NULL || !has(&v->have_ix, CF_PACK_SIGNERS))
		return;
	main = v->ck_ok && *v->res->ckpt.main ? v->res->ckpt.main
					      : v->bundle_main;
	rc = cf_repo_signers(v->repo, main, &want);
	if (rc == CF_ENOTFOUND || rc == CF_EINVALID) {
		cf_error_clear();
		want = "";
		rc = 0;
	}
	path = pack_path(v, CF_PACK_SIGNERS);
	if (rc < 0)
		cf_diags_add(v->probs, CF_PACK_SIGNERS, 0, 0, "%s",
		    cf_error_message());
	else if (cf_read_file(path, 1 << 20, &t, &n) == 0 &&
	    (n != strlen(want) || memcmp(t, want, n) != 0))
		cf_diags_add(v->probs, CF_PACK_SIGNERS, 0, 0,
		    "not the allowed signers approved on the bundle's main at "
		    "commit %.12s: who may sign was changed without a signed "
		    "approval",
		    main);
	cf_error_clear();
	free(t);
	free(path);
}

/* ---- the fixed set of files ---- */

static void
expected_files(const struct verify *v, struct cf_strv *want)
{
	static const char *const fixed[] = { CF_PACK_RECORDS, CF_PACK_BUNDLE,
		CF_PACK_SIGNERS, CF_PACK_CHECKPOINT, CF_PACK_CONF,
		"ncr-register.csv", CF_PACK_TRAIL, "standard-system.html",
		"standard-system.csv", CF_PACK_COMMITS, "index.html",
		CF_PACK_MANIFEST };

	for (size_t i = 0; i < CF_ARRAY_LEN(fixed); i++)
		cf_strv_push(want, fixed[i]);
	for (size_t i = 0; i < v->naudits; i++) {
		struct cf_auditdb_scorecard sc;
		for (int k = 0; k < 3; k++)
			cf_strv_push_owned(want,
			    cf_xasprintf("audits/audit-%04" PRId64 ".%s",
				v->audits[i],
				k == 0	 ? "html"
				    : k == 1 ? "xml"
					     : "csv"));
		/* and its window scorecard, when it has one */
		if (cf_auditdb_scorecard(v->st, v->audits[i], &sc) < 0)
			cf_error_clear();
		else if (sc.has)
			cf_strv_push_owned(want,
			    cf_xasprintf("audits/audit-%04" PRId64
					 "-windows.csv",
				v->audits[i]));
		cf_auditdb_scorecard_release(&sc);
	}
}

static void
check_files(struct verify *v)
{
	struct cf_strv want = CF_STRV_INIT;
	struct names want_ix = { NULL, 0 };

	expected_files(v, &want);
	names_of(&want_ix, &want);
	for (size_t i = 0; i < want.n; i++)
		if (!has(&v->have_ix, want.v[i]) && !has(&v->listed_ix, want.v[i]) &&
		    (strcmp(want.v[i], CF_PACK_MANIFEST) != 0 ||
			v->manifest != NULL))
			cf_diags_add(v->probs, want.v[i], 0, 0,
			    "missing: every evidence pack holds it");
	for (size_t i = 0; i < v->have.n; i++) {
		const char *f = v->have.v[i];
		if (!has(&want_ix, f) && strcmp(f, CF_PACK_SIG) != 0 &&
		    (has(&v->listed_ix, f) || v->manifest == NULL))
			cf_diags_add(v->probs, f, 0, 0,
			    "not a file of an evidence pack%s",
			    v->st ? " (records.db holds no such audit)" : "");
	}
	names_release(&want_ix);
	cf_strv_release(&want);
}

/* ---- the reports made again ---- */

/* Whether the files are equal, comparing block by block (reports of a
 * million cases are large); *at is the first byte that differs. */
static bool
same_file(const char *a, const char *b, size_t *at)
{
	FILE *x = fopen(a, "rb"), *y = fopen(b, "rb");
	char bx[65536], by[65536];
	bool same = x && y;

	*at = 0;
	while (same) {
		size_t nx = fread(bx, 1, sizeof bx, x);
		size_t ny = fread(by, 1, sizeof by, y);
		size_t i = 0, n = nx < ny ? nx : ny;
		while (i < n && bx[i] == by[i])
			i++;
		*at += i;
		if (i < n || nx != ny) {
			same = false;
			break;
		}
		if (nx == 0)
			break;
	}
	if (x)
		fclose(x);
	if (y)
		fclose(y);
	return same;
}

static void
check_reports(struct verify *v)
{
	struct cf_strv made = CF_STRV_INIT;
	struct cf_docindex *idx = NULL;
	struct cf_tz *tz = NULL;
	struct cf_pack_src src;
	char *out;
	int rc;

	if (v->st == NULL || v->repo == NULL || !v->conf_ok)
		return;
	if (cf_tz_open(&tz, v->tzname) < 0) {
		cf_diags_add(v->probs, CF_PACK_CONF, 0, 0, "%s",
		    cf_error_message());
		cf_error_clear();
		return;
	}
	if (cf_docindex_open_records(&idx, v->repo, v->st, tz) < 0) {
		cf_diags_add(v->probs, CF_PACK_BUNDLE, 0, 0, "%s",
		    cf_error_message());
		cf_error_clear();
		cf_tz_free(tz);
		return;
	}
	check_signers_file(v);
	out = cf_path_join(v->tmp, "reports");
	memset(&src, 0, sizeof src);
	src.st = v->st;
	src.repo = v->repo;
	src.idx = idx;
	src.tz = tz;
	src.tzname = v->tzname;
	src.center = v->center;
	src.at = v->at;
	src.ckpt = v->ck_ok ? &v->res->ckpt : NULL;
	if ((rc = cf_mkdirs(out, 0755)) < 0 ||
	    (rc = cf_evidence_reports(&src, out, NULL)) < 0 ||
	    (rc = cf_ev_walk(out, "", &made)) < 0) {
		cf_diags_add(v->probs, CF_PACK_RECORDS, 0, 0,
		    "the reports cannot be made again from it: %s",
		    cf_error_message());
		cf_error_clear();
		goto out;
	}
	cf_strv_sort(&made);
	for (size_t i = 0; i < made.n; i++) {
		char *a, *b;
		size_t at;
		if (!has(&v->have_ix, made.v[i]))
			continue; /* named as missing */
		a = cf_path_join(out, made.v[i]);
		b = pack_path(v, made.v[i]);
		if (!same_file(a, b, &at))
			cf_diags_add(v->probs, made.v[i], 0, 0,
			    "differs from the one made again from records.db "
			    "and documents.bundle (from byte %zu): it does not "
			    "say what the records say",
			    at);
		free(a);
		free(b);
	}
out:
	cf_strv_release(&made);
	free(out);
	cf_docindex_free(idx);
	cf_tz_free(tz);
}

/* ---- --since ---- */

static void
check_since(struct verify *v)
{
	struct cf_diags oprobs = CF_DIAGS_INIT, owarns = CF_DIAGS_INIT;
	struct cf_verify_opts oo = *v->o;
	struct cf_verify_result ores;
	const struct cf_pack_ckpt *oc = &ores.ckpt;
	char have[CF_SHA256_HEX];
	int rc;

	oo.since = NULL;
	memset(&ores, 0, sizeof ores);
	if ((rc = cf_evidence_verify(v->o->since, &oo, &oprobs, &owarns,
		 &ores)) < 0) {
		cf_diags_add(v->probs, v->o->since, 0, 0, "%s",
		    cf_error_message());
		cf_error_clear();
		goto out;
	}
	for (size_t i = 0; i < oprobs.n; i++) {
		char *line = cf_diag_format(&oprobs.v[i]);
		cf_diags_add(v->probs, v->o->since, 0, 0, "%s", line);
		free(line);
	}
	for (size_t i = 0; i < owarns.n; i++) {
		char *line = cf_diag_format(&owarns.v[i]);
		cf_diags_add(v->warns, v->o->since, 0, 0, "%s", line);
		free(line);
	}
	if (v->st == NULL || strlen(oc->hash) != 64)
		goto out;
	rc = oc->seq == 0 ? 0 : cf_trail_hash(v->st, oc->seq, have);
	if (rc == CF_ENOTFOUND || (rc == 0 && oc->seq &&
				      strcmp(have, oc->hash) != 0)) {
		cf_error_clear();
		cf_diags_add(v->probs, CF_PACK_RECORDS, 0, 0,
		    "this pack's trail does not extend %s's checkpoint %zu "
		    "(entry %" PRId64 ", commit %.12s)",
		    v->o->since, ores.ckpt_n, oc->seq,
		    *oc->commit ? oc->commit : "none");
	} else if (rc < 0) {
		cf_diags_add(v->probs, CF_PACK_RECORDS, 0, 0, "%s",
		    cf_error_message());
		cf_error_clear();
	}
out:
	cf_verify_result_release(&ores);
	cf_diags_release(&oprobs);
	cf_diags_release(&owarns);
}

void
cf_verify_result_release(struct cf_verify_result *r)
{
	cf_pack_ckpt_release(&r->ckpt);
	free(r->ckpt_signer);
	free(r->signer);
	memset(r, 0, sizeof *r);
}

int
cf_evidence_verify(const char *dir, const struct cf_verify_opts *o,
    struct cf_diags *probs, struct cf_diags *warns,
    struct cf_verify_result *res)
{
	struct verify v;
	const char *tmpdir = getenv("TMPDIR");
	int rc;

	memset(res, 0, sizeof *res);
	if (!cf_path_is_dir(dir))
		return cf_error_set(CF_ENOTFOUND, "'%s' is not a folder", dir);
	memset(&v, 0, sizeof v);
	v.dir = dir;
	v.o = o;
	v.probs = probs;
	v.warns = warns;
	v.res = res;
	v.tmp = cf_xasprintf("%s/conform-verify-XXXXXX",
	    tmpdir && *tmpdir ? tmpdir : "/tmp");
	if (mkdtemp(v.tmp) == NULL) {
		rc = cf_error_set(CF_ERROR, "cannot create '%s': %s", v.tmp,
		    strerror(errno));
		free(v.tmp);
		return rc;
	}
	if ((rc = check_manifest(&v)) < 0)
		goto out;
	v.allowed = trusted_signers(&v);
	check_conf(&v);
	check_records(&v);
	check_bundle(&v);
	check_checkpoint(&v);
	check_checkpoints(&v);
	check_signature(&v);
	check_files(&v);
	check_cited(&v);
	check_reports(&v); /* and check_signers_file */
	if (o->since)
		check_since(&v);
out:
	cf_repo_free(v.repo);
	cf_store_free(v.st);
	cf_bundle_refs_release(&v.refs);
	cf_ev_rmtree(v.tmp);
	free(v.tmp);
	free(v.manifest);
	free(v.allowed);
	free(v.ck_text);
	free(v.tzname);
	free(v.center);
	free(v.audits);
	cf_strv_release(&v.have);
	cf_strv_release(&v.listed);
	names_release(&v.have_ix);
	names_release(&v.listed_ix);
	return rc;
}
