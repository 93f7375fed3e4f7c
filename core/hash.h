/* SPDX-License-Identifier: MIT */
/*
 * hash.h - SHA-256 (through OpenSSL's libcrypto) and hex encoding.
 *
 * Used for import batch identities, the tamper-evident trail, sampling
 * and the evidence manifest.  Streaming: cf_sha256_init, _update as
 * often as needed, _final.
 */
#ifndef CF_HASH_H
#define CF_HASH_H

#include <stddef.h>
#include <stdint.h>

#define CF_SHA256_LEN 32
#define CF_SHA256_HEX (2 * CF_SHA256_LEN + 1)

struct cf_sha256 {
	void *md; /* EVP_MD_CTX */
};

void cf_sha256_init(struct cf_sha256 *h);
void cf_sha256_update(struct cf_sha256 *h, const void *p, size_t n);
void cf_sha256_final(struct cf_sha256 *h, uint8_t out[CF_SHA256_LEN]);

/*
 * Many short messages through one context (row hashes): `h` comes from
 * cf_sha256_init() and is reused, no allocation per message; end with
 * cf_sha256_free().
 */
void cf_sha256_again(struct cf_sha256 *h, const void *p, size_t n,
    uint8_t out[CF_SHA256_LEN]);
void cf_sha256_free(struct cf_sha256 *h);

/* One short message, no context at all (any thread). */
void cf_sha256_short(const void *p, size_t n, uint8_t out[CF_SHA256_LEN]);

/* One-shot digest. */
void cf_sha256(const void *p, size_t n, uint8_t out[CF_SHA256_LEN]);

/* Lower-case hex of n bytes into out (2n+1 bytes). */
void cf_hex(const uint8_t *p, size_t n, char *out);

/*
 * The SHA-256 of the file at `path`, as hex.  Streams the file; returns
 * 0 or CF_ENOTFOUND / CF_ERROR.
 */
int cf_sha256_file(const char *path, char out[CF_SHA256_HEX]);

#endif
