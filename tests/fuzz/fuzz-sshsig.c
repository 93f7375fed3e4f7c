/* SPDX-License-Identifier: MIT */
/*
 * fuzz-sshsig.c - the one piece of the SSH signature format conform
 * parses itself (core/sshsig.c): the public key inside an armored
 * signature, for its fingerprint, and a key's base64 blob (an allowed
 * signers line's key, which doc check judges).
 *
 * The input is an armored signature (or anything).  Promises checked:
 * parsing never crashes and either fails with a one-line message or
 * gives "SHA256:" and 43 base64 characters; the same bytes read as a
 * key blob obey the same promise.
 */
#include "fuzz.h"
#include "sshsig.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	return 0;
}

static void
check_fpr(int rc, const char *fpr)
{
	if (rc == 0) {
		FUZZ_CHECK(fpr && strncmp(fpr, "SHA256:", 7) == 0 &&
			strlen(fpr) == 7 + 43,
		    "fingerprint '%s'", fpr ? fpr : "(null)");
	} else {
		FUZZ_CHECK(fpr == NULL, "a fingerprint with an error");
		FUZZ_CHECK(strchr(cf_error_message(), '\n') == NULL,
		    "message of more than one line: %s", cf_error_message());
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = cf_xstrndup((const char *)data, size);
	char *fpr = NULL;
	int rc;

	rc = cf_sshsig_fingerprint(text, &fpr);
	check_fpr(rc, fpr);
	free(fpr);
	fpr = NULL;
	rc = cf_sshsig_key_fingerprint(NULL, text, &fpr);
	check_fpr(rc, fpr);
	free(fpr);
	fpr = NULL;
	rc = cf_sshsig_key_fingerprint("ssh-ed25519", text, &fpr);
	check_fpr(rc, fpr);
	free(fpr);
	free(text);
	cf_error_clear();
	return 0;
}
