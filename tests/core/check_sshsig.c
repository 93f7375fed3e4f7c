/* SPDX-License-Identifier: MIT */
/*
 * check_sshsig.c - SSH signatures through ssh-keygen (core/sshsig.c):
 * a signature made verifies against an allowed signers text naming its
 * key, and does not over other data, in another namespace, by a key the
 * text does not name, after its valid-before, or before its
 * valid-after; the fingerprint parsed from the signature is the one
 * ssh-keygen -l prints; a hostile allowed-signers text (a principal
 * broken over lines, an option-looking principal) grants nothing it
 * does not say.  Skipped, with a message, where no ssh-keygen is found.
 */
#include "conform.h"
#include "check_suites.h"
#include "check_util.h"
#include "sshsig.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
setup(void)
{
	tmp_setup();
}

static void
teardown(void)
{
	tmp_teardown();
}

#define NEED_KEYGEN()                                                          \
	do {                                                                   \
		if (!cf_sshsig_available()) {                                  \
			fprintf(stderr, "check_sshsig: skipped, no "           \
					"ssh-keygen on PATH\n");               \
			return;                                                \
		}                                                              \
	} while (0)

/* Makes TMP/name (private) and TMP/name.pub; returns the .pub's text. */
static char *
make_key(const char *name, const char *comment)
{
	char line[4096];
	FILE *f;
	size_t n;

	ck_assert_int_eq(run("ssh-keygen -q -t ed25519 -N '' -f '%s' -C '%s'",
			     tmp_path(name), comment),
	    0);
	snprintf(line, sizeof line, "%s.pub", tmp_path(name));
	f = fopen(line, "r");
	ck_assert_ptr_nonnull(f);
	n = fread(line, 1, sizeof line - 1, f);
	fclose(f);
	line[n] = '\0';
	return cf_xstrdup(line);
}

/* "principal [options] keytype base64" from a .pub line. */
static char *
allowed_line(const char *principal, const char *opts, const char *pub)
{
	char *t = cf_xstrdup(pub), *sp, *l;

	sp = strchr(t, ' ');
	sp = strchr(sp + 1, ' '); /* cut the comment */
	if (sp)
		*sp = '\0';
	l = cf_xasprintf("%s%s%s %s\n", principal, opts ? " " : "",
	    opts ? opts : "", t);
	free(t);
	return l;
}

static const char data[] = "tree 0123\nauthor a\n\nmessage\n";

START_TEST(test_sign_verify)
{
	char *pub, *allowed, *sig = NULL, *fpr = NULL, out[256];
	struct cf_sshsig_signer who = {NULL, NULL};
	FILE *f;

	NEED_KEYGEN();
	pub = make_key("K", "x");
	allowed = allowed_line("a@x", NULL, pub);
	ck_assert_int_eq(cf_sshsig_sign(tmp_path("K"), "git", data,
			     strlen(data), &sig),
	    0);
	ck_assert_str_eq(strstr(sig, "-----BEGIN SSH SIGNATURE-----\n") ? "y"
									 : "n",
	    "y");
	ck_assert_ptr_nonnull(strstr(sig, "-----END SSH SIGNATURE-----\n"));
	ck_assert_int_eq(cf_sshsig_verify(allowed, "git", data, strlen(data),
			     sig, 0, &who),
	    0);
	ck_assert_str_eq(who.principal, "a@x");
	/* The fingerprint is ssh-keygen -l's. */
	ck_assert_int_eq(cf_sshsig_fingerprint(sig, &fpr), 0);
	ck_assert_str_eq(who.fingerprint, fpr);
	ck_assert_int_eq(run("ssh-keygen -l -f '%s.pub' | cut -d' ' -f2 "
			     "> '%s'",
			     tmp_path("K"), tmp_path("fp")),
	    0);
	f = fopen(tmp_path("fp"), "r");
	ck_assert_ptr_nonnull(fgets(out, sizeof out, f));
	fclose(f);
	out[strcspn(out, "\n")] = '\0';
	ck_assert_str_eq(fpr, out);
	cf_sshsig_signer_release(&who);
	free(fpr);
	free(sig);
	free(allowed);
	free(pub);
}
END_TEST

START_TEST(test_refusals)
{
	char *k, *l, *allowed, *sig = NULL, *fpr = NULL, *t;
	struct cf_sshsig_signer who = {NULL, NULL};
	int64_t jan2026 = 1767225600; /* 2026-01-01T00:00:00Z */

	NEED_KEYGEN();
	k = make_key("K", "x");
	l = make_key("L", "y");
	allowed = allowed_line("a@x", NULL, k);
	ck_assert_int_eq(cf_sshsig_sign(tmp_path("K"), "git", data,
			     strlen(data), &sig),
	    0);
	ck_assert_int_eq(cf_sshsig_fingerprint(sig, &fpr), 0);

	/* Other data. */
	ck_assert_int_eq(cf_sshsig_verify(allowed, "git", "tampered", 8, sig,
			     0, &who),
	    CF_EINVALID);
	ck_assert_ptr_null(who.principal);
	ck_assert_ptr_nonnull(strstr(cf_error_message(),
	    "the signature does not match the data"));
	/* Another namespace. */
	ck_assert_int_eq(cf_sshsig_verify(allowed, "conform-evidence", data,
			     strlen(data), sig, 0, &who),
	    CF_EINVALID);
	ck_assert_ptr_nonnull(strstr(cf_error_message(), "namespace"));
	/* A key the allowed signers do not name. */
	t = allowed_line("b@x", NULL, l);
	ck_assert_int_eq(cf_sshsig_verify(t, "git", data, strlen(data), sig,
			     0, &who),
	    CF_EINVALID);
	ck_assert_ptr_nonnull(strstr(cf_error_message(), fpr));
	ck_assert_ptr_nonnull(strstr(cf_error_message(),
	    "which is not an allowed signer"));
	free(t);
	ck_assert_int_eq(cf_sshsig_verify("", "git", data, strlen(data), sig,
			     0, &who),
	    CF_EINVALID);
	/* valid-before in the past, as at now; valid at a time before it. */
	t = allowed_line("a@x", "valid-before=\"20260101\"", k);
	ck_assert_int_eq(cf_sshsig_verify(t, "git", data, strlen(data), sig,
			     jan2026 + 86400 * 2, &who),
	    CF_EINVALID);
	ck_assert_ptr_nonnull(strstr(cf_error_message(),
	    "not valid at 2026-01-03T00:00:00Z"));
	ck_assert_ptr_nonnull(strstr(cf_error_message(), "valid-before"));
	ck_assert_int_eq(cf_sshsig_verify(t, "git", data, strlen(data), sig,
			     jan2026 - 86400, &who),
	    0);
	cf_sshsig_signer_release(&who);
	free(t);
	/* valid-after in the future. */
	t = allowed_line("a@x", "valid-after=\"20260101\"", k);
	ck_assert_int_eq(cf_sshsig_verify(t, "git", data, strlen(data), sig,
			     jan2026 - 86400, &who),
	    CF_EINVALID);
	ck_assert_ptr_nonnull(strstr(cf_error_message(), "valid-after"));
	free(t);
	/* A namespaces= restriction that leaves "git" out. */
	t = allowed_line("a@x", "namespaces=\"conform-evidence\"", k);
	ck_assert_int_eq(cf_sshsig_verify(t, "git", data, strlen(data), sig,
			     0, &who),
	    CF_EINVALID);
	free(t);
	/* Not a signature at all. */
	ck_assert_int_eq(cf_sshsig_verify(allowed, "git", data, strlen(data),
			     "hello", 0, &who),
	    CF_EINVALID);
	ck_assert_int_eq(cf_sshsig_fingerprint("-----BEGIN SSH SIGNATURE-----"
					       "\nAAAA\n-----END SSH "
					       "SIGNATURE-----\n",
			     &t),
	    CF_EINVALID);
	/* A missing key file. */
	ck_assert_int_eq(cf_sshsig_sign(tmp_path("none"), "git", data,
			     strlen(data), &t),
	    CF_ENOTFOUND);
	/* The public half alone, with no agent: ssh-keygen's message. */
	unsetenv("SSH_AUTH_SOCK");
	{
		char pubpath[1024];
		snprintf(pubpath, sizeof pubpath, "%s", tmp_path("alone.pub"));
		ck_assert_int_eq(run("cp '%s.pub' '%s'", tmp_path("L"),
				     pubpath),
		    0);
		ck_assert_int_eq(cf_sshsig_sign(pubpath, "git", data,
				     strlen(data), &t),
		    CF_ERROR);
		ck_assert_ptr_nonnull(strstr(cf_error_message(), "ssh-keygen"));
		ck_assert_ptr_null(strchr(cf_error_message(), '\n'));
	}
	free(fpr);
	free(sig);
	free(allowed);
	free(k);
	free(l);
}
END_TEST

START_TEST(test_hostile_allowed)
{
	char *k, *l, *sig = NULL, *t, *u;
	struct cf_sshsig_signer who = {NULL, NULL};

	NEED_KEYGEN();
	k = make_key("K", "x");
	l = make_key("L", "y");
	ck_assert_int_eq(cf_sshsig_sign(tmp_path("K"), "git", data,
			     strlen(data), &sig),
	    0);
	/*
	 * A "principal" with a newline in it naming K's key on the line of
	 * L: the text is read as lines, so K is named by nobody who could
	 * verify, and the option-looking principal is only a name.
	 */
	t = allowed_line("-I\nevil", NULL, l);
	ck_assert_int_eq(cf_sshsig_verify(t, "git", data, strlen(data), sig,
			     0, &who),
	    CF_EINVALID);
	ck_assert_ptr_nonnull(strstr(cf_error_message(), "not an allowed"));
	free(t);
	/* A principal that looks like an option still only names itself. */
	t = allowed_line("-n", NULL, k);
	u = cf_xasprintf("garbage line\n\n#comment\n%s", t);
	ck_assert_int_eq(cf_sshsig_verify(u, "git", data, strlen(data), sig,
			     0, &who),
	    0);
	ck_assert_str_eq(who.principal, "-n");
	ck_assert_ptr_null(strchr(who.principal, '\n'));
	cf_sshsig_signer_release(&who);
	free(u);
	free(t);
	/* A principal list: the first that verifies. */
	t = allowed_line("q@x,r@x", "namespaces=\"git\"", k);
	ck_assert_int_eq(cf_sshsig_verify(t, "git", data, strlen(data), sig,
			     0, &who),
	    0);
	ck_assert_str_eq(who.principal, "q@x");
	cf_sshsig_signer_release(&who);
	free(t);
	free(sig);
	free(k);
	free(l);
}
END_TEST

Suite *
sshsig_suite(void)
{
	Suite *s = suite_create("sshsig");
	TCase *tc = tcase_create("ssh-keygen");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_sign_verify);
	tcase_add_test(tc, test_refusals);
	tcase_add_test(tc, test_hostile_allowed);
	suite_add_tcase(s, tc);
	return s;
}
