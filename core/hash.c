/* SPDX-License-Identifier: MIT */
/*
 * hash.c - SHA-256 through libcrypto's EVP interface (see hash.h).
 * A failure inside libcrypto means a broken installation; it aborts
 * like an allocation failure.
 */
/*
 * cf_sha256_again() uses the one-message functions SHA256_Init/Update/
 * Final: through EVP each short message costs a provider round trip
 * (about 120 ns against 70 ns for a 110-byte row), and the import
 * hashes every row it writes (doc/benchmarks.md).  They are deprecated
 * in OpenSSL 3 but kept, and give the same digest.
 */
#define OPENSSL_SUPPRESS_DEPRECATED
#include "conform.h"
#include "hash.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/sha.h>

static void
crypto_fail(const char *what)
{
	fprintf(stderr, "conform: error: libcrypto failed in %s\n", what);
	abort();
}

void
cf_sha256_init(struct cf_sha256 *h)
{
	EVP_MD_CTX *md = EVP_MD_CTX_new();

	if (md == NULL || EVP_DigestInit_ex(md, EVP_sha256(), NULL) != 1)
		crypto_fail("EVP_DigestInit_ex");
	h->md = md;
}

void
cf_sha256_update(struct cf_sha256 *h, const void *p, size_t n)
{
	if (n && EVP_DigestUpdate(h->md, p, n) != 1)
		crypto_fail("EVP_DigestUpdate");
}

void
cf_sha256_final(struct cf_sha256 *h, uint8_t out[CF_SHA256_LEN])
{
	unsigned int len = 0;

	if (EVP_DigestFinal_ex(h->md, out, &len) != 1 || len != CF_SHA256_LEN)
		crypto_fail("EVP_DigestFinal_ex");
	EVP_MD_CTX_free(h->md);
	h->md = NULL;
}

void
cf_sha256_again(struct cf_sha256 *h, const void *p, size_t n,
    uint8_t out[CF_SHA256_LEN])
{
	(void)h; /* kept for the interface: no state is needed */
	cf_sha256_short(p, n, out);
}

void
cf_sha256_short(const void *p, size_t n, uint8_t out[CF_SHA256_LEN])
{
	SHA256_CTX c;

	if (SHA256_Init(&c) != 1 || SHA256_Update(&c, p, n) != 1 ||
	    SHA256_Final(out, &c) != 1)
		crypto_fail("SHA256");
}

void
cf_sha256_free(struct cf_sha256 *h)
{
	EVP_MD_CTX_free(h->md);
	h->md = NULL;
}

void
cf_sha256(const void *p, size_t n, uint8_t out[CF_SHA256_LEN])
{
	struct cf_sha256 h;

	cf_sha256_init(&h);
	cf_sha256_update(&h, p, n);
	cf_sha256_final(&h, out);
}

void
cf_hex(const uint8_t *p, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[p[i] >> 4];
		out[2 * i + 1] = digits[p[i] & 15];
	}
	out[2 * n] = '\0';
}

int
cf_sha256_file(const char *path, char out[CF_SHA256_HEX])
{
	struct cf_sha256 h;
	uint8_t d[CF_SHA256_LEN];
	char buf[65536];
	size_t n;
	FILE *f = fopen(path, "rb");

	if (f == NULL)
		return cf_error_set(errno == ENOENT ? CF_ENOTFOUND : CF_ERROR,
		    "%s: cannot open: %s", path, strerror(errno));
	cf_sha256_init(&h);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		cf_sha256_update(&h, buf, n);
	if (ferror(f)) {
		int err = errno;
		cf_sha256_final(&h, d);
		fclose(f);
		return cf_error_set(CF_ERROR, "%s: read error: %s", path,
		    strerror(err));
	}
	fclose(f);
	cf_sha256_final(&h, d);
	cf_hex(d, sizeof d, out);
	return 0;
}
