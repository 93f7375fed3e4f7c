/* SPDX-License-Identifier: MIT */
/*
 * checkpoint.h - the trail's head anchored outside the database
 * (doc/integrity.md, "The head anchored outside the database").
 *
 * A checkpoint is a git commit on conform's own ref
 * refs/conform/checkpoints: parent the previous checkpoint, tree the
 * empty tree, author and committer the person who wrote it (or
 * conform), and the message
 *
 *     conform trail checkpoint
 *
 *     seq: 214
 *     hash: <the hash of trail entry 214, 64 hex digits>
 *     main: <the commit main pointed at, 40 hex digits>
 *     at: 2026-12-06T21:30:00Z
 *
 * signed as git signs commits with gpg.format = ssh (an SSH signature
 * of namespace "git" over the commit without its gpgsig header, in the
 * gpgsig header), so `git verify-commit` agrees with conform.  Whoever
 * holds the database but no signing key can rewrite the trail and its
 * head in meta, but not a signed checkpoint: the trail must still hold
 * entry `seq` with that hash.
 */
#ifndef CF_CHECKPOINT_H
#define CF_CHECKPOINT_H

#include <stdbool.h>
#include <stdint.h>

#include "error.h"
#include "hash.h"
#include "repo.h"

#define CF_CHECKPOINT_REF "refs/conform/checkpoints"

struct cf_store;

/* One checkpoint, as cf_checkpoint_list() reads it. */
struct cf_checkpoint {
	size_t n;		  /* 1 = the oldest on the ref */
	int64_t seq;		  /* the trail entry it holds */
	char hash[CF_SHA256_HEX]; /* that entry's hash */
	char main[CF_OID_HEX];	  /* main's commit then */
	int64_t at;		  /* UTC seconds */
	char commit[CF_OID_HEX];  /* the checkpoint commit */
	bool is_signed;		  /* it has a gpgsig header */
	bool valid;		  /* signed by an allowed signer in force at `at` */
	bool unjudged;		  /* signed, but main then had no allowed signers */
	char *principal;	  /* valid: the signer's principal */
	char *fingerprint;	  /* signed: the key's fingerprint, if readable */
	char *why;		  /* signed but not valid: why; else NULL */
};

void cf_checkpoint_release(struct cf_checkpoint *c);
void cf_checkpoints_free(struct cf_checkpoint *v, size_t n);

/*
 * Writes a checkpoint of the trail's current head and main's commit,
 * at `at`, by `who` (NULL: "conform <conform@localhost>"), signed with
 * `key` (a key file ssh-keygen -Y sign takes; NULL: unsigned).  The
 * trail's chain is verified first, and so is that the trail extends the
 * last checkpoint: a head that is not a continuation is never signed.
 * The ref moves by compare and swap (CF_ECONFLICT when another
 * checkpoint was written meanwhile).  *out (may be NULL) is the new
 * checkpoint as cf_checkpoint_list() would read it.
 */
int cf_checkpoint_write(struct cf_repo *r, struct cf_store *st,
    const char *key, const struct cf_sig *who, int64_t at,
    struct cf_checkpoint *out);

/*
 * Every checkpoint on the ref, oldest first (none when there is no
 * ref), each parsed and its signature checked against the allowed
 * signers of main's tree at the checkpoint's `main` commit, at its
 * `at`.  A commit on the ref that is no checkpoint (another message,
 * a tree that is not empty, a merge) is one CF_EINVALID naming it.
 */
int cf_checkpoint_list(struct cf_repo *r, struct cf_checkpoint **out,
    size_t *n);

/*
 * Parses a checkpoint message into seq, hash, main and at.  CF_EINVALID
 * "line N: expected ..." on anything else.
 */
int cf_checkpoint_parse_message(const char *msg, struct cf_checkpoint *out);

/* The message of a checkpoint of that head; the caller frees it. */
char *cf_checkpoint_message(int64_t seq, const char *hash, const char *main,
    int64_t at);

/*
 * "checkpoint 3 (signed by 张三 on 2026-12-06T21:30:00Z)", "(unsigned,
 * ...)", "(signed, no allowed signers to judge it, ...)" or "(badly
 * signed, ...)" into a new string.
 */
char *cf_checkpoint_describe(const struct cf_checkpoint *c);

/* Parses SEQ:HASH (`trail verify --head`); CF_EUSAGE naming what. */
int cf_checkpoint_parse_head(const char *spec, int64_t *seq,
    char hash[CF_SHA256_HEX]);

/*
 * Whether the trail, `n` entries long (already verified as a chain),
 * extends a head: entry `seq` exists and has hash `hash`.  0 when it
 * does, CF_EINVALID naming `what` ("checkpoint 3 (signed by ...)",
 * "the head given") when it does not:
 *   the trail ends at entry 40 but WHAT holds entry 52
 *   the trail does not extend WHAT: entry 52's hash is ..., not ...
 */
int cf_checkpoint_extends(struct cf_store *st, int64_t n, int64_t seq,
    const char *hash, const char *what);

/*
 * trail verify's part: every checkpoint of the ref against the trail
 * of `n` entries (cf_checkpoint_extends), and its signature: a badly
 * signed checkpoint is a problem, an unsigned one a warning
 * ("checkpoint 2 is unsigned"), and so is one signed where main had no
 * allowed signers to judge it by (a workspace without signers).  Problems go to `probs`, warnings to
 * `warns`; *last (may be NULL) gets a copy of the last checkpoint
 * (n == 0 when there is none).  The return is an error code only when
 * the ref cannot be read or holds something that is no checkpoint.
 */
int cf_checkpoint_verify(struct cf_repo *r, struct cf_store *st, int64_t n,
    struct cf_diags *probs, struct cf_diags *warns,
    struct cf_checkpoint *last);

/*
 * The last checkpoint into *out (out->n == 0 when there is none), for
 * the reports.
 */
int cf_checkpoint_last(struct cf_repo *r, struct cf_checkpoint *out);

/*
 * The first checkpoint that holds trail entry `seq` or a later one (the
 * one that anchors it), its signature checked, into *out (out->n == 0
 * when none does yet).
 */
int cf_checkpoint_covering(struct cf_repo *r, int64_t seq,
    struct cf_checkpoint *out);

#endif
