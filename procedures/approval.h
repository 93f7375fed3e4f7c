/* SPDX-License-Identifier: MIT */
/*
 * approval.h - signed approvals of document commits (doc/integrity.md,
 * "Approvals are signatures"; doc/documents.md "Approval").
 *
 * An approval is an annotated tag object, as `git tag -s` writes one
 * with gpg.format = ssh: object COMMIT, type commit, tag NAME, tagger
 * the approver, message "Approved: COMMIT", the SSH signature (namespace
 * "git") of those bytes appended to the message.  It lives under
 * refs/conform/approvals/COMMIT/FINGERPRINT (the key's SHA256
 * fingerprint, '/' and '+' written '_' and '-'), so `git verify-tag`
 * checks it and a second approver adds a ref beside the first.  This
 * module writes and reads them; whether one counts is the document
 * index's judgement (docindex.c), which knows the allowed signers.
 */
#ifndef CF_APPROVAL_H
#define CF_APPROVAL_H

#include <stddef.h>
#include <stdint.h>

#include "hash.h"
#include "repo.h"

#define CF_APPROVAL_REFS "refs/conform/approvals/"

struct cf_approval {
	char *ref;	   /* refs/conform/approvals/COMMIT/FPR */
	char commit[CF_OID_HEX];
	char *tagger_name; /* the approver */
	char *tagger_email;
	int64_t when;	   /* tagger time, UTC seconds: the signing time */
	char *payload;	   /* the signed bytes */
	size_t payload_len;
	char *signature;   /* armored SSH signature; NULL: unsigned */
	char *fingerprint; /* of the signing key, unverified; NULL */
	char *problem;	   /* why it is no approval object, or NULL */
};

void cf_approval_release(struct cf_approval *a);
void cf_approvals_free(struct cf_approval *v, size_t n);

/*
 * Builds and signs an approval of `commit` by `tagger` at `when` with
 * `key` (cf_sshsig_sign), without writing anything: *out holds the
 * payload, signature and fingerprint, ref the ref it would go to.
 */
int cf_approval_make(const char *commit, const struct cf_sig *tagger,
    int64_t when, int tz_minutes, const char *key, struct cf_approval *out);

/* Writes the tag object of `a` and points its ref at it (replacing). */
int cf_approval_store(struct cf_repo *r, const struct cf_approval *a);

/* Every approval of `commit` (its refs, in name order). */
int cf_approval_list(struct cf_repo *r, const char *commit,
    struct cf_approval **out, size_t *n);

/*
 * SHA-256 over every approval ref's name and target: the document
 * index's cache key changes when an approval is added or removed.
 */
int cf_approval_refs_digest(struct cf_repo *r, char out[CF_SHA256_HEX]);

/*
 * The fingerprint of the key that signed commit `commit` (its gpgsig
 * header), unverified; *fpr NULL when the commit is not SSH-signed.
 */
int cf_approval_commit_signer(struct cf_repo *r, const char *commit,
    char **fpr);

#endif
