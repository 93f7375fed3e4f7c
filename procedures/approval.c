/* SPDX-License-Identifier: MIT */
/*
 * approval.c - signed approvals as git tag objects (see approval.h).
 *
 * The tag object is built byte for byte as git writes a signed tag, so
 * that git's own verify-tag reads it: the header lines, a blank line,
 * the message ending in a newline, then the armored signature of every
 * byte before it.  Reading splits at the last line that starts an SSH
 * signature, as git's parse_signature does.
 */
#include "conform.h"
#include "approval.h"
#include "sshsig.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SIG_BEGIN "-----BEGIN SSH SIGNATURE-----"

void
cf_approval_release(struct cf_approval *a)
{
	free(a->ref);
	free(a->tagger_name);
	free(a->tagger_email);
	free(a->payload);
	free(a->signature);
	free(a->fingerprint);
	free(a->problem);
	memset(a, 0, sizeof *a);
}

void
cf_approvals_free(struct cf_approval *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		cf_approval_release(&v[i]);
	free(v);
}

/* The fingerprint as one ref name component. */
static char *
ref_for(const char *commit, const char *fpr)
{
	const char *f = strncmp(fpr, "SHA256:", 7) == 0 ? fpr + 7 : fpr;
	char *ref = cf_xasprintf(CF_APPROVAL_REFS "%s/%s", commit, f);

	for (char *p = ref + strlen(CF_APPROVAL_REFS) + strlen(commit) + 1;
	     *p; p++) {
		if (*p == '/')
			*p = '_';
		else if (*p == '+')
			*p = '-';
		else if (!((*p >= 'A' && *p <= 'Z') ||
			     (*p >= 'a' && *p <= 'z') ||
			     (*p >= '0' && *p <= '9') || *p == '-' ||
			     *p == '_'))
			*p = '_';
	}
	return ref;
}

/* A name or e-mail fit for a tagger line: no '<', '>' or newline. */
static int
clean_ident(const char *s, const char *what)
{
	for (; *s; s++)
		if (*s == '<' || *s == '>' || *s == '\n' || *s == '\r' ||
		    *s == '\0')
			return cf_error_set(CF_EINVALID,
			    "the approver's %s holds '%c', which a git "
			    "tagger line cannot",
			    what, *s == '\n' || *s == '\r' ? ' ' : *s);
	return 0;
}

int
cf_approval_make(const char *commit, const struct cf_sig *tagger,
    int64_t when, int tz_minutes, const char *key, struct cf_approval *out)
{
	struct cf_buf b = CF_BUF_INIT;
	int off = tz_minutes < 0 ? -tz_minutes : tz_minutes;
	char *sig = NULL, *fpr = NULL, *name;
	int rc;

	memset(out, 0, sizeof *out);
	if ((rc = clean_ident(tagger->name, "name")) < 0 ||
	    (rc = clean_ident(tagger->email, "e-mail")) < 0)
		return rc;
	name = cf_xasprintf("conform/approvals/%s", commit);
	cf_buf_addf(&b, "object %s\ntype commit\ntag %s\n", commit, name);
	cf_buf_addf(&b, "tagger %s <%s> %lld %c%02d%02d\n\n", tagger->name,
	    tagger->email, (long long)when, tz_minutes < 0 ? '-' : '+',
	    off / 60, off % 60);
	cf_buf_addf(&b, "Approved: %s\n", commit);
	free(name);
	rc = cf_sshsig_sign(key, "git", b.s, b.len, &sig);
	if (rc == 0)
		rc = cf_sshsig_fingerprint(sig, &fpr);
	if (rc < 0) {
		free(sig);
		cf_buf_release(&b);
		return rc;
	}
	snprintf(out->commit, sizeof out->commit, "%s", commit);
	out->tagger_name = cf_xstrdup(tagger->name);
	out->tagger_email = cf_xstrdup(tagger->email);
	out->when = when;
	out->payload_len = b.len;
	out->payload = cf_buf_detach(&b);
	out->signature = sig;
	out->fingerprint = fpr;
	out->ref = ref_for(commit, fpr);
	return 0;
}

int
cf_approval_store(struct cf_repo *r, const struct cf_approval *a)
{
	git_repository *git = cf_repo_git(r);
	git_odb *odb = NULL;
	git_reference *ref = NULL;
	git_oid oid;
	char *obj = cf_xasprintf("%s%s", a->payload, a->signature);
	char *log = cf_xasprintf("conform doc approve: %.12s", a->commit);
	int rc;

	rc = git_repository_odb(&odb, git);
	if (rc == 0)
		rc = git_odb_write(&oid, odb, obj, strlen(obj),
		    GIT_OBJECT_TAG);
	if (rc == 0)
		rc = git_reference_create(&ref, git, a->ref, &oid, 1, log);
	git_reference_free(ref);
	git_odb_free(odb);
	free(obj);
	free(log);
	return rc < 0 ? cf_repo_error(rc, "writing the approval") : 0;
}

/* Splits a tag object's bytes at its signature; reads the tagger. */
static void
read_tag(git_repository *git, const git_oid *id, const char *commit,
    struct cf_approval *a)
{
	git_odb *odb = NULL;
	git_odb_object *o = NULL;
	git_tag *tag = NULL;
	const git_signature *t;
	const char *data, *s = NULL, *p;
	size_t len;

	if (git_repository_odb(&odb, git) < 0 ||
	    git_odb_read(&o, odb, id) < 0 ||
	    git_odb_object_type(o) != GIT_OBJECT_TAG ||
	    git_tag_lookup(&tag, git, id) < 0) {
		a->problem = cf_xstrdup("not an annotated tag");
		goto out;
	}
	if (git_tag_target_type(tag) != GIT_OBJECT_COMMIT ||
	    strcmp(git_oid_tostr_s(git_tag_target_id(tag)), commit) != 0) {
		a->problem = cf_xasprintf("it tags %s, not commit %.12s",
		    git_oid_tostr_s(git_tag_target_id(tag)), commit);
		goto out;
	}
	t = git_tag_tagger(tag);
	if (t == NULL) {
		a->problem = cf_xstrdup("it has no tagger");
		goto out;
	}
	a->tagger_name = cf_xstrdup(t->name ? t->name : "");
	a->tagger_email = cf_xstrdup(t->email ? t->email : "");
	a->when = (int64_t)t->when.time;
	data = git_odb_object_data(o);
	len = git_odb_object_size(o);
	/* The last line that starts a signature. */
	for (p = data; p < data + len;) {
		const char *nl = memchr(p, '\n', (size_t)(data + len - p));
		if ((size_t)(data + len - p) >= strlen(SIG_BEGIN) &&
		    memcmp(p, SIG_BEGIN, strlen(SIG_BEGIN)) == 0)
			s = p;
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	if (s == NULL) {
		a->problem = cf_xstrdup("it is not signed");
		goto out;
	}
	a->payload_len = (size_t)(s - data);
	a->payload = cf_xstrndup(data, a->payload_len);
	a->signature = cf_xstrndup(s, (size_t)(data + len - s));
	{
		char *want = cf_xasprintf("\n\nApproved: %s\n", commit);
		size_t wl = strlen(want);
		if (a->payload_len < wl ||
		    memcmp(a->payload + a->payload_len - wl, want, wl) != 0)
			a->problem = cf_xasprintf(
			    "its message is not 'Approved: %s'", commit);
		free(want);
	}
	if (cf_sshsig_fingerprint(a->signature, &a->fingerprint) < 0) {
		free(a->problem);
		a->problem = cf_xstrdup(cf_error_message());
		cf_error_clear();
	}
out:
	git_tag_free(tag);
	git_odb_object_free(o);
	git_odb_free(odb);
}

struct list_ctx {
	git_repository *git;
	const char *commit;
	struct cf_approval *v;
	size_t n, alloc;
};

static int
list_one(const char *name, void *payload)
{
	struct list_ctx *lc = payload;
	struct cf_approval *a;
	git_oid id;

	CF_GROW(lc->v, lc->n + 1, lc->alloc);
	a = &lc->v[lc->n++];
	memset(a, 0, sizeof *a);
	a->ref = cf_xstrdup(name);
	snprintf(a->commit, sizeof a->commit, "%s", lc->commit);
	if (git_reference_name_to_id(&id, lc->git, name) < 0) {
		a->problem = cf_xstrdup("the ref cannot be read");
		return 0;
	}
	read_tag(lc->git, &id, lc->commit, a);
	return 0;
}

static int
ref_cmp(const void *x, const void *y)
{
	return strcmp(((const struct cf_approval *)x)->ref,
	    ((const struct cf_approval *)y)->ref);
}

int
cf_approval_list(struct cf_repo *r, const char *commit,
    struct cf_approval **out, size_t *n)
{
	struct list_ctx lc = { cf_repo_git(r), commit, NULL, 0, 0 };
	char *glob = cf_xasprintf(CF_APPROVAL_REFS "%s/*", commit);
	int rc = git_reference_foreach_glob(lc.git, glob, list_one, &lc);

	free(glob);
	git_error_clear();
	if (rc < 0 && rc != GIT_ENOTFOUND) {
		cf_approvals_free(lc.v, lc.n);
		*out = NULL;
		*n = 0;
		return cf_repo_error(rc, "reading the approvals");
	}
	if (lc.n > 1)
		qsort(lc.v, lc.n, sizeof *lc.v, ref_cmp);
	*out = lc.v;
	*n = lc.n;
	return 0;
}

struct digest_ctx {
	git_repository *git;
	struct cf_strv lines;
};

static int
digest_one(const char *name, void *payload)
{
	struct digest_ctx *dc = payload;
	git_oid id;
	char hex[CF_OID_HEX] = "";

	if (git_reference_name_to_id(&id, dc->git, name) == 0)
		git_oid_tostr(hex, sizeof hex, &id);
	cf_strv_push_owned(&dc->lines, cf_xasprintf("%s %s\n", name, hex));
	return 0;
}

int
cf_approval_refs_digest(struct cf_repo *r, char out[CF_SHA256_HEX])
{
	struct digest_ctx dc = { cf_repo_git(r), CF_STRV_INIT };
	struct cf_sha256 h;
	uint8_t md[CF_SHA256_LEN];
	int rc = git_reference_foreach_glob(dc.git, CF_APPROVAL_REFS "*",
	    digest_one, &dc);

	git_error_clear();
	if (rc < 0 && rc != GIT_ENOTFOUND) {
		cf_strv_release(&dc.lines);
		return cf_repo_error(rc, "reading the approvals");
	}
	cf_strv_sort(&dc.lines);
	cf_sha256_init(&h);
	for (size_t i = 0; i < dc.lines.n; i++)
		cf_sha256_update(&h, dc.lines.v[i], strlen(dc.lines.v[i]));
	cf_sha256_final(&h, md);
	cf_hex(md, sizeof md, out);
	cf_strv_release(&dc.lines);
	return 0;
}

int
cf_approval_commit_signer(struct cf_repo *r, const char *commit, char **fpr)
{
	git_buf sig = { 0 }, data = { 0 };
	git_oid id;
	int rc;

	*fpr = NULL;
	if ((rc = git_oid_fromstr(&id, commit)) < 0)
		return cf_repo_error(rc, "reading a commit id");
	rc = git_commit_extract_signature(&sig, &data, cf_repo_git(r), &id,
	    "gpgsig");
	if (rc == 0 && sig.ptr && strncmp(sig.ptr, SIG_BEGIN,
					strlen(SIG_BEGIN)) == 0) {
		if (cf_sshsig_fingerprint(sig.ptr, fpr) < 0)
			cf_error_clear();
	}
	git_error_clear();
	git_buf_dispose(&sig);
	git_buf_dispose(&data);
	return 0;
}
