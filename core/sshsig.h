/* SPDX-License-Identifier: MIT */
/*
 * sshsig.h - SSH signatures in git's own format (doc/integrity.md,
 * "Signatures and who may sign").
 *
 * conform signs and verifies by running the system `ssh-keygen -Y`, the
 * tool git runs with gpg.format = ssh, so that `git verify-commit` and
 * `git verify-tag` agree with it.  ssh-keygen is started with
 * posix_spawnp and an argv (no shell); the data, the signature and the
 * allowed signers go through files in a private mkdtemp directory that
 * is removed afterwards; ssh-keygen's stderr becomes the error message.
 * conform never reads a private key: the key is a path handed to
 * ssh-keygen (or a public key whose private half ssh-agent holds).
 *
 * The only thing parsed here is the armored signature's public key, to
 * name its fingerprint (tests/fuzz/fuzz-sshsig.c).
 */
#ifndef CF_SSHSIG_H
#define CF_SSHSIG_H

#include <stddef.h>
#include <stdint.h>

/*
 * Signs `len` bytes in namespace `ns` with `key` (a private key file, or
 * a public key file whose private half ssh-agent holds, as ssh-keygen -Y
 * sign -f takes; FIDO2 sk- keys work as ssh-keygen allows).  *armored:
 * "-----BEGIN SSH SIGNATURE-----\n...-----END SSH SIGNATURE-----\n",
 * caller frees.  CF_ERROR when ssh-keygen cannot run or fails (its
 * message), CF_ENOTFOUND when the key file does not exist.
 */
int cf_sshsig_sign(const char *key, const char *ns, const void *data,
    size_t len, char **armored);

/*
 * Where `key` is a literal public key as git's user.signingKey may hold
 * ("key::ssh-ed25519 AAAA...", or "ssh-ed25519 AAAA..."), the key text;
 * else NULL (it is a file name).  cf_sshsig_sign takes both.
 */
const char *cf_sshsig_key_literal(const char *key);

struct cf_sshsig_signer {
	char *principal;
	char *fingerprint; /* "SHA256:..." */
};

void cf_sshsig_signer_release(struct cf_sshsig_signer *w);

/*
 * Verifies `armored` over the data in `ns` against `allowed` (the TEXT of
 * an allowed-signers file, git's format), as at `at` (UTC seconds,
 * -Overify-time; 0: now): -Y find-principals then -Y verify.  0 with
 * *who filled (who may be NULL) when valid; CF_EINVALID naming why
 * ("signed by SHA256:xx, which is not an allowed signer", "... not valid
 * at 2026-01-02T00:00:00Z (valid-before ...)", "the signature does not
 * match the data") when not; CF_ERROR when ssh-keygen cannot run.
 */
int cf_sshsig_verify(const char *allowed, const char *ns, const void *data,
    size_t len, const char *armored, int64_t at,
    struct cf_sshsig_signer *who);

/*
 * The SHA256 fingerprint ("SHA256:" + unpadded base64, as ssh-keygen -l
 * prints it) of the key that made a signature, unverified: parsed from
 * the armored blob.  CF_EINVALID when it is not an SSH signature.
 */
int cf_sshsig_fingerprint(const char *armored, char **fpr);

/*
 * The fingerprint of a public key given as its base64 blob (the second
 * field of an authorized_keys / allowed-signers key).  CF_EINVALID when
 * the base64 does not decode to a key blob whose type string is `type`
 * (NULL: any).
 */
int cf_sshsig_key_fingerprint(const char *type, const char *b64,
    char **fpr);

/* 1 when an ssh-keygen can be found on PATH (tests skip without one). */
int cf_sshsig_available(void);

#endif
