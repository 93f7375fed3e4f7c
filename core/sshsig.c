/* SPDX-License-Identifier: MIT */
/*
 * sshsig.c - SSH signatures through the system ssh-keygen (see sshsig.h).
 *
 * Each call makes a private directory (mkdtemp, mode 0700), writes the
 * inputs there with O_EXCL and mode 0600, runs ssh-keygen with stdin,
 * stdout and stderr redirected to files in it (no pipes, so no
 * deadlock whatever ssh-keygen writes), reads the outputs back and
 * removes every file and the directory.  ssh-keygen names its input
 * files in its messages; the directory's path is cut out of them.
 *
 * The armored signature's layout (OpenSSH PROTOCOL.sshsig): base64 of
 * "SSHSIG", uint32 version 1, string publickey, string namespace,
 * string reserved, string hash_algorithm, string signature.  Only the
 * public key is read here, for its fingerprint.
 */
#include "conform.h"
#include "sshsig.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "hash.h"

extern char **environ;

#define KEYGEN "ssh-keygen"
#define ARMOR_BEGIN "-----BEGIN SSH SIGNATURE-----"
#define ARMOR_END "-----END SSH SIGNATURE-----"
#define MAX_OUTPUT (16u << 20)

void
cf_sshsig_signer_release(struct cf_sshsig_signer *w)
{
	if (w == NULL)
		return;
	free(w->principal);
	free(w->fingerprint);
	w->principal = NULL;
	w->fingerprint = NULL;
}

/* ---- base64 ------------------------------------------------------- */

static int
b64val(int c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

/*
 * Decodes base64 of `n` bytes, skipping white space, padding '=' only at
 * the end.  Returns a malloc'd buffer and its length, or NULL.
 */
static uint8_t *
b64_decode(const char *s, size_t n, size_t *outlen)
{
	uint8_t *out = cf_xmalloc(n / 4 * 3 + 3);
	size_t o = 0, i, pad = 0;
	uint32_t acc = 0;
	int bits = 0;

	for (i = 0; i < n; i++) {
		int c = (unsigned char)s[i], v;

		if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
			continue;
		if (c == '=') {
			pad++;
			continue;
		}
		if (pad)
			goto bad; /* data after padding */
		v = b64val(c);
		if (v < 0)
			goto bad;
		acc = (acc << 6) | (uint32_t)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[o++] = (uint8_t)(acc >> bits);
			acc &= (1u << bits) - 1;
		}
	}
	if (pad > 2 || bits >= 6 || (acc != 0 && bits > 0))
		goto bad;
	*outlen = o;
	return out;
bad:
	free(out);
	return NULL;
}

static const char b64chars[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* Unpadded base64, as ssh-keygen prints fingerprints. */
static char *
b64_encode_nopad(const uint8_t *p, size_t n)
{
	char *out = cf_xmalloc(n / 3 * 4 + 5);
	size_t o = 0, i;

	for (i = 0; i + 2 < n; i += 3) {
		uint32_t v = (uint32_t)p[i] << 16 | (uint32_t)p[i + 1] << 8 |
		    p[i + 2];
		out[o++] = b64chars[v >> 18];
		out[o++] = b64chars[(v >> 12) & 63];
		out[o++] = b64chars[(v >> 6) & 63];
		out[o++] = b64chars[v & 63];
	}
	if (n - i == 1) {
		out[o++] = b64chars[p[i] >> 2];
		out[o++] = b64chars[(p[i] & 3) << 4];
	} else if (n - i == 2) {
		uint32_t v = (uint32_t)p[i] << 8 | p[i + 1];
		out[o++] = b64chars[v >> 10];
		out[o++] = b64chars[(v >> 4) & 63];
		out[o++] = b64chars[(v & 15) << 2];
	}
	out[o] = '\0';
	return out;
}

/* An SSH wire-format string at *p (uint32 length, bytes). */
static int
get_string(const uint8_t **p, const uint8_t *end, const uint8_t **s,
    size_t *n)
{
	uint32_t len;

	if (end - *p < 4)
		return -1;
	len = (uint32_t)(*p)[0] << 24 | (uint32_t)(*p)[1] << 16 |
	    (uint32_t)(*p)[2] << 8 | (*p)[3];
	*p += 4;
	if ((size_t)(end - *p) < len)
		return -1;
	*s = *p;
	*n = len;
	*p += len;
	return 0;
}

static char *
blob_fingerprint(const uint8_t *blob, size_t n)
{
	uint8_t md[CF_SHA256_LEN];
	char *b64, *fpr;

	cf_sha256(blob, n, md);
	b64 = b64_encode_nopad(md, sizeof(md));
	fpr = cf_xasprintf("SHA256:%s", b64);
	free(b64);
	return fpr;
}

/* A key blob: string type, then key data; `type` NULL matches any. */
static int
key_blob_ok(const uint8_t *blob, size_t n, const char *type)
{
	const uint8_t *p = blob, *t;
	size_t tn;

	if (get_string(&p, blob + n, &t, &tn) < 0 || tn == 0 || p == blob + n)
		return 0;
	if (type && (strlen(type) != tn || memcmp(type, t, tn) != 0))
		return 0;
	return 1;
}

int
cf_sshsig_key_fingerprint(const char *type, const char *b64, char **fpr)
{
	size_t n;
	uint8_t *blob = b64_decode(b64, strlen(b64), &n);

	*fpr = NULL;
	if (blob == NULL)
		return cf_error_set(CF_EINVALID, "the key is not base64");
	if (!key_blob_ok(blob, n, type)) {
		free(blob);
		return cf_error_set(CF_EINVALID,
		    "the key does not decode to a%s%s key",
		    type ? " " : "n SSH", type ? type : "");
	}
	*fpr = blob_fingerprint(blob, n);
	free(blob);
	return 0;
}

int
cf_sshsig_fingerprint(const char *armored, char **fpr)
{
	const char *b, *e;
	const uint8_t *p, *end, *key;
	uint8_t *blob;
	size_t n, keyn;

	*fpr = NULL;
	b = strstr(armored, ARMOR_BEGIN);
	if (b == NULL)
		return cf_error_set(CF_EINVALID,
		    "not an SSH signature: no '%s' line", ARMOR_BEGIN);
	b += strlen(ARMOR_BEGIN);
	e = strstr(b, ARMOR_END);
	if (e == NULL)
		return cf_error_set(CF_EINVALID,
		    "not an SSH signature: no '%s' line", ARMOR_END);
	blob = b64_decode(b, (size_t)(e - b), &n);
	if (blob == NULL)
		return cf_error_set(CF_EINVALID,
		    "not an SSH signature: its body is not base64");
	p = blob;
	end = blob + n;
	if (n < 10 || memcmp(p, "SSHSIG", 6) != 0) {
		free(blob);
		return cf_error_set(CF_EINVALID,
		    "not an SSH signature: no SSHSIG magic");
	}
	p += 6;
	if (!(p[0] == 0 && p[1] == 0 && p[2] == 0 && p[3] == 1)) {
		free(blob);
		return cf_error_set(CF_EINVALID,
		    "not an SSH signature: version is not 1");
	}
	p += 4;
	if (get_string(&p, end, &key, &keyn) < 0 ||
	    !key_blob_ok(key, keyn, NULL)) {
		free(blob);
		return cf_error_set(CF_EINVALID,
		    "not an SSH signature: no public key in it");
	}
	*fpr = blob_fingerprint(key, keyn);
	free(blob);
	return 0;
}

/* ---- the private directory and ssh-keygen ------------------------- */

struct scratch {
	char *dir;
	struct cf_strv files;
};

static int
scratch_make(struct scratch *s)
{
	const char *t = getenv("TMPDIR");
	char *tmpl;

	memset(s, 0, sizeof(*s));
	if (t == NULL || *t == '\0')
		t = "/tmp";
	tmpl = cf_xasprintf("%s/conform-sshsig-XXXXXX", t);
	if (mkdtemp(tmpl) == NULL) {
		int e = errno;
		free(tmpl);
		return cf_error_set(CF_ERROR,
		    "cannot make a private directory in '%s': %s", t,
		    strerror(e));
	}
	s->dir = tmpl;
	return 0;
}

static char *
scratch_path(struct scratch *s, const char *name)
{
	char *p = cf_xasprintf("%s/%s", s->dir, name);

	cf_strv_push_owned(&s->files, p);
	return p;
}

static void
scratch_remove(struct scratch *s)
{
	size_t i;

	for (i = 0; i < s->files.n; i++)
		unlink(s->files.v[i]);
	if (s->dir)
		rmdir(s->dir);
	free(s->dir);
	cf_strv_release(&s->files);
	s->dir = NULL;
}

static int
write_file(const char *path, const void *data, size_t len)
{
	const char *p = data;
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

	if (fd < 0)
		return cf_error_set(CF_ERROR, "cannot create '%s': %s", path,
		    strerror(errno));
	while (len > 0) {
		ssize_t w = write(fd, p, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			int e = errno;
			close(fd);
			return cf_error_set(CF_ERROR, "cannot write '%s': %s",
			    path, strerror(e));
		}
		p += w;
		len -= (size_t)w;
	}
	if (close(fd) < 0)
		return cf_error_set(CF_ERROR, "cannot write '%s': %s", path,
		    strerror(errno));
	return 0;
}

/* The whole file, NUL-terminated ("" when it does not exist). */
static char *
read_file(const char *path, size_t *lenp)
{
	struct cf_buf b = CF_BUF_INIT;
	char chunk[8192];
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd >= 0) {
		for (;;) {
			ssize_t r = read(fd, chunk, sizeof(chunk));
			if (r < 0 && errno == EINTR)
				continue;
			if (r <= 0 || b.len > MAX_OUTPUT)
				break;
			cf_buf_add(&b, chunk, (size_t)r);
		}
		close(fd);
	}
	if (lenp)
		*lenp = b.len;
	return cf_buf_detach(&b);
}

/*
 * ssh-keygen's stderr as one line: the scratch directory cut out of the
 * paths it names, lines joined with "; ", trailing white space gone.
 */
static char *
tidy_stderr(const struct scratch *s, const char *err)
{
	struct cf_buf b = CF_BUF_INIT;
	size_t dl = strlen(s->dir);
	const char *p = err;

	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		size_t i;

		while (n > 0 && (p[n - 1] == '\r' || p[n - 1] == ' '))
			n--;
		if (n > 0) {
			if (b.len)
				cf_buf_adds(&b, "; ");
			for (i = 0; i < n; i++) {
				if (strncmp(p + i, s->dir, dl) == 0 &&
				    p[i + dl] == '/') {
					i += dl;
					continue;
				}
				if ((unsigned char)p[i] < 0x20)
					cf_buf_addc(&b, ' ');
				else
					cf_buf_addc(&b, p[i]);
			}
		}
		p += n;
		while (*p == '\r' || *p == ' ' || *p == '\n')
			p++;
	}
	return cf_buf_detach(&b);
}

/*
 * Runs ssh-keygen with argv, stdin from `in` (NULL: inherited), stdout
 * and stderr to the scratch files "out" and "err".  *status: the exit
 * status (128 + signal when killed).  CF_ERROR when it cannot start.
 */
static int
run_keygen(struct scratch *s, const char *const args[], const char *in,
    int *status, char **out, char **err)
{
	posix_spawn_file_actions_t fa;
	struct cf_strv argv = CF_STRV_INIT;
	size_t i;
	char *outp = scratch_path(s, "out"), *errp = scratch_path(s, "err");
	pid_t pid;
	int rc, ws;

	*out = *err = NULL;
	posix_spawn_file_actions_init(&fa);
	if (in)
		posix_spawn_file_actions_addopen(&fa, 0, in, O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, outp,
	    O_WRONLY | O_CREAT | O_TRUNC, 0600);
	posix_spawn_file_actions_addopen(&fa, 2, errp,
	    O_WRONLY | O_CREAT | O_TRUNC, 0600);
	for (i = 0; args[i]; i++)
		cf_strv_push(&argv, args[i]);
	rc = posix_spawnp(&pid, KEYGEN, &fa, NULL, argv.v, environ);
	posix_spawn_file_actions_destroy(&fa);
	cf_strv_release(&argv);
	if (rc != 0)
		return cf_error_set(CF_ERROR,
		    "cannot run %s: %s (install OpenSSH's ssh-keygen, "
		    "package openssh-client)",
		    KEYGEN, strerror(rc));
	while (waitpid(pid, &ws, 0) < 0) {
		if (errno != EINTR)
			return cf_error_set(CF_ERROR, "waiting for %s: %s",
			    KEYGEN, strerror(errno));
	}
	if (WIFEXITED(ws))
		*status = WEXITSTATUS(ws);
	else
		*status = 128 + (WIFSIGNALED(ws) ? WTERMSIG(ws) : 0);
	*out = read_file(outp, NULL);
	*err = read_file(errp, NULL);
	if (*status == 127)
		return cf_error_set(CF_ERROR, "cannot run %s", KEYGEN);
	return 0;
}

int
cf_sshsig_available(void)
{
	const char *path = getenv("PATH");
	const char *p;

	if (path == NULL)
		path = "/usr/bin:/bin";
	for (p = path;;) {
		const char *c = strchr(p, ':');
		size_t n = c ? (size_t)(c - p) : strlen(p);
		char *f = cf_xasprintf("%.*s/%s", (int)(n ? n : 1),
		    n ? p : ".", KEYGEN);
		int ok = access(f, X_OK) == 0;

		free(f);
		if (ok)
			return 1;
		if (c == NULL)
			return 0;
		p = c + 1;
	}
}

const char *
cf_sshsig_key_literal(const char *key)
{
	if (strncmp(key, "key::", 5) == 0)
		return key + 5;
	if (strncmp(key, "ssh-", 4) == 0 || strncmp(key, "sk-", 3) == 0 ||
	    strncmp(key, "ecdsa-", 6) == 0)
		return strchr(key, ' ') ? key : NULL;
	return NULL;
}

int
cf_sshsig_sign(const char *key, const char *ns, const void *data,
    size_t len, char **armored)
{
	struct scratch s;
	char *datap, *sigp, *out = NULL, *err = NULL, *sig, *msg;
	const char *literal;
	int rc, status = 0;
	struct stat st;

	*armored = NULL;
	literal = cf_sshsig_key_literal(key);
	if (literal == NULL && stat(key, &st) < 0)
		return cf_error_set(CF_ENOTFOUND, "signing key '%s': %s", key,
		    strerror(errno));
	rc = scratch_make(&s);
	if (rc < 0)
		return rc;
	datap = scratch_path(&s, "data");
	sigp = scratch_path(&s, "data.sig");
	if (literal) {
		/* A public key whose private half ssh-agent holds, as git. */
		char *text = cf_xasprintf("%s\n", literal);
		key = scratch_path(&s, "key.pub");
		rc = write_file(key, text, strlen(text));
		free(text);
	}
	if (rc == 0)
		rc = write_file(datap, data, len);
	if (rc == 0) {
		const char *argv[] = {KEYGEN, "-Y", "sign", "-f", key, "-n",
		    ns, datap, NULL};
		rc = run_keygen(&s, argv, NULL, &status, &out, &err);
	}
	if (rc == 0 && status != 0) {
		msg = tidy_stderr(&s, err);
		rc = cf_error_set(CF_ERROR, "ssh-keygen could not sign with "
		    "'%s': %s", key, *msg ? msg : "it failed");
		free(msg);
	}
	if (rc == 0) {
		sig = read_file(sigp, NULL);
		if (strncmp(sig, ARMOR_BEGIN, strlen(ARMOR_BEGIN)) != 0 ||
		    strstr(sig, ARMOR_END) == NULL) {
			free(sig);
			rc = cf_error_set(CF_ERROR,
			    "ssh-keygen wrote no signature for '%s'", key);
		} else {
			*armored = sig;
		}
	}
	free(out);
	free(err);
	scratch_remove(&s);
	return rc;
}

/* ssh-keygen's -Overify-time form, or ISO 8601 for messages. */
static void
format_time(int64_t at, char *buf, size_t n, int iso)
{
	time_t t = (time_t)at;
	struct tm tm;

	gmtime_r(&t, &tm);
	if (iso)
		strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
	else
		strftime(buf, n, "%Y%m%d%H%M%SZ", &tm);
}

/*
 * Why find-principals found nobody: a line of the allowed signers with
 * this key that is not valid at the time (ssh-keygen says so on
 * stderr: "FILE:N: key has expired: verify time T > valid-before V"),
 * or no line at all.
 */
static int
not_allowed(const struct scratch *s, const char *fpr, const char *err,
    const char *when)
{
	const char *m = strstr(err, "key has expired");
	char *why;
	int rc;

	if (m == NULL)
		m = strstr(err, "key is not yet valid");
	if (m == NULL)
		return cf_error_set(CF_EINVALID,
		    "signed by %s, which is not an allowed signer", fpr);
	why = tidy_stderr(s, err);
	{
		/* keep "valid-before ..." / "valid-after ..." */
		const char *v = strstr(why, "valid-before");
		const char *v2 = strstr(why, "valid-after");
		const char *e;

		if (v == NULL || (v2 && v2 < v))
			v = v2;
		e = v ? strchr(v, ';') : NULL;
		rc = cf_error_set(CF_EINVALID,
		    "signed by %s, which is not valid at %s (%.*s)", fpr, when,
		    v ? (int)(e ? (size_t)(e - v) : strlen(v)) : 0,
		    v ? v : "");
	}
	free(why);
	return rc;
}

int
cf_sshsig_verify(const char *allowed, const char *ns, const void *data,
    size_t len, const char *armored, int64_t at,
    struct cf_sshsig_signer *who)
{
	struct scratch s;
	char *fpr = NULL, *allowp, *sigp, *datap, *out = NULL, *err = NULL;
	char vt[40], when[40], opt[64];
	struct cf_strv principals = CF_STRV_INIT;
	int rc, status = 0;
	size_t i;

	if (who)
		who->principal = who->fingerprint = NULL;
	rc = cf_sshsig_fingerprint(armored, &fpr);
	if (rc < 0)
		return rc;
	if (at == 0)
		at = (int64_t)time(NULL);
	format_time(at, vt, sizeof(vt), 0);
	format_time(at, when, sizeof(when), 1);
	snprintf(opt, sizeof(opt), "verify-time=%s", vt);

	rc = scratch_make(&s);
	if (rc < 0) {
		free(fpr);
		return rc;
	}
	allowp = scratch_path(&s, "allowed_signers");
	sigp = scratch_path(&s, "sig");
	datap = scratch_path(&s, "data");
	rc = write_file(allowp, allowed, strlen(allowed));
	if (rc == 0)
		rc = write_file(sigp, armored, strlen(armored));
	if (rc == 0)
		rc = write_file(datap, data, len);
	if (rc == 0) {
		const char *argv[] = {KEYGEN, "-Y", "find-principals", "-s", sigp,
		    "-f", allowp, "-O", opt, NULL};
		rc = run_keygen(&s, argv, datap, &status, &out, &err);
	}
	if (rc == 0 && status != 0)
		rc = not_allowed(&s, fpr, err, when);
	if (rc == 0) {
		char *p = out;
		while (*p) {
			char *nl = strchr(p, '\n');
			size_t n = nl ? (size_t)(nl - p) : strlen(p);
			if (n > 0)
				cf_strv_push_owned(&principals,
				    cf_xstrndup(p, n));
			p += n + (nl != NULL);
		}
		if (principals.n == 0)
			rc = cf_error_set(CF_EINVALID,
			    "signed by %s, which is not an allowed signer",
			    fpr);
	}
	/* Each principal the key stands for, until one verifies. */
	for (i = 0; rc == 0 && i < principals.n; i++) {
		const char *argv[] = {KEYGEN, "-Y", "verify", "-f", allowp, "-I",
		    principals.v[i], "-n", ns, "-s", sigp, "-O", opt,
		    NULL};
		char *o2 = NULL, *e2 = NULL;

		rc = run_keygen(&s, argv, datap, &status, &o2, &e2);
		if (rc == 0 && status == 0) {
			if (who) {
				who->principal = cf_xstrdup(principals.v[i]);
				who->fingerprint = fpr;
				fpr = NULL;
			}
			free(o2);
			free(e2);
			break;
		}
		if (rc == 0 && i + 1 == principals.n) {
			char *m = tidy_stderr(&s, e2);
			if (strstr(e2, "incorrect signature"))
				rc = cf_error_set(CF_EINVALID,
				    "signed by %s (%s): the signature does "
				    "not match the data",
				    fpr, principals.v[i]);
			else if (strstr(e2, "namespace"))
				rc = cf_error_set(CF_EINVALID,
				    "signed by %s (%s): the signature is not "
				    "one of namespace '%s' or the key may not "
				    "sign in it",
				    fpr, principals.v[i], ns);
			else
				rc = cf_error_set(CF_EINVALID,
				    "signed by %s (%s): %s", fpr,
				    principals.v[i],
				    *m ? m : "ssh-keygen did not verify it");
			free(m);
		}
		free(o2);
		free(e2);
	}
	cf_strv_release(&principals);
	free(out);
	free(err);
	free(fpr);
	scratch_remove(&s);
	return rc;
}
