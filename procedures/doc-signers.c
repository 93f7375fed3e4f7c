/* SPDX-License-Identifier: MIT */
/*
 * doc-signers.c - the allowed signers document, signers/allowed_signers
 * (doc/documents.md "Allowed signers"; doc/integrity.md "Signatures and
 * who may sign").
 *
 * git's allowed-signers format, as ssh-keygen(1) reads it: one signer a
 * line, "PRINCIPALS [OPTIONS] KEYTYPE BASE64 [COMMENT]"; blank lines and
 * lines starting with '#' are skipped.  PRINCIPALS is a comma-separated
 * list of patterns, quoted when it holds spaces; OPTIONS is a comma-
 * separated list of cert-authority, namespaces="...",
 * valid-after="TIME" and valid-before="TIME" (TIME: YYYYMMDD or
 * YYYYMMDDHHMM[SS], an optional Z for UTC).  The key's base64 must
 * decode to a key blob of that key type.  Every line that ssh-keygen
 * would skip or refuse is a problem here, so what `doc commit` lets in
 * is what ssh-keygen uses.  The text is kept as it is: it is what
 * ssh-keygen is given when a signature is verified.
 */
#include "conform.h"
#include "doc-impl.h"
#include "document.h"
#include "sshsig.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static const char *const key_types[] = {
	"ssh-ed25519",
	"sk-ssh-ed25519@openssh.com",
	"ecdsa-sha2-nistp256",
	"ecdsa-sha2-nistp384",
	"ecdsa-sha2-nistp521",
	"sk-ecdsa-sha2-nistp256@openssh.com",
	"ssh-rsa",
};

static bool
is_key_type(const char *s)
{
	for (size_t i = 0; i < CF_ARRAY_LEN(key_types); i++)
		if (strcmp(s, key_types[i]) == 0)
			return true;
	return false;
}

/* "ssh-dss", "ecdsa-...": a key type, if not one conform takes. */
static bool
looks_like_key_type(const char *s)
{
	return strchr(s, '=') == NULL &&
	    (strncmp(s, "ssh-", 4) == 0 || strncmp(s, "ecdsa-", 6) == 0 ||
		strncmp(s, "sk-", 3) == 0);
}

/*
 * The next white-space-delimited token of *p (quotes keep white space
 * inside), or NULL at the end of the line.  *unterminated when a quote
 * is not closed.
 */
static char *
token(const char **p, bool *unterminated)
{
	const char *s = *p, *b;
	bool q = false;

	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '\0')
		return NULL;
	b = s;
	for (; *s && (q || (*s != ' ' && *s != '\t')); s++)
		if (*s == '"')
			q = !q;
	if (q)
		*unterminated = true;
	*p = s;
	return cf_xstrndup(b, (size_t)(s - b));
}

/* YYYYMMDD or YYYYMMDDHHMM[SS], optional Z, as ssh-keygen takes. */
static bool
valid_time(const char *t)
{
	size_t n = strlen(t), d = 0;

	if (n && (t[n - 1] == 'Z' || t[n - 1] == 'z'))
		n--;
	while (d < n && isdigit((unsigned char)t[d]))
		d++;
	return d == n && (n == 8 || n == 12 || n == 14);
}

/* `opt` "name=\"value\"": the value, or NULL (problem added). */
static char *
quoted_value(struct cf_doc_ctx *c, int line, const char *opt, size_t nl)
{
	const char *v = opt + nl + 1;
	size_t n = strlen(v);

	if (n < 2 || v[0] != '"' || v[n - 1] != '"') {
		cf_diags_add(c->diags, c->path, line, 0,
		    "option '%.*s' needs a quoted value, expected "
		    "%.*s=\"...\"",
		    (int)nl, opt, (int)nl, opt);
		return NULL;
	}
	return cf_xstrndup(v + 1, n - 2);
}

/* Parses the comma-separated options into `sg`. */
static void
parse_options(struct cf_doc_ctx *c, int line, const char *opts,
    struct cf_signer *sg)
{
	const char *p = opts;

	while (*p) {
		const char *b = p;
		bool q = false;
		char *o;

		for (; *p && (q || *p != ','); p++)
			if (*p == '"')
				q = !q;
		o = cf_xstrndup(b, (size_t)(p - b));
		if (*p == ',')
			p++;
		if (strcmp(o, "cert-authority") == 0)
			sg->cert_authority = true;
		else if (strncmp(o, "namespaces=", 11) == 0) {
			free(sg->namespaces);
			sg->namespaces = quoted_value(c, line, o, 10);
		} else if (strncmp(o, "valid-after=", 12) == 0 ||
		    strncmp(o, "valid-before=", 13) == 0) {
			bool after = o[6] == 'a';
			size_t nl = after ? 11 : 12;
			char *v = quoted_value(c, line, o, nl);
			if (v && !valid_time(v)) {
				cf_diags_add(c->diags, c->path, line, 0,
				    "%.*s \"%s\" is no time, expected "
				    "YYYYMMDD or YYYYMMDDHHMM[SS], optionally "
				    "ending in Z (UTC)",
				    (int)nl, o, v);
				free(v);
				v = NULL;
			}
			if (after) {
				free(sg->valid_after);
				sg->valid_after = v;
			} else {
				free(sg->valid_before);
				sg->valid_before = v;
			}
		} else
			cf_diags_add(c->diags, c->path, line, 0,
			    "unknown option '%s', expected cert-authority, "
			    "namespaces=\"...\", valid-after=\"...\" or "
			    "valid-before=\"...\"",
			    o);
		free(o);
	}
}

static void
signer_release(struct cf_signer *sg)
{
	free(sg->principals);
	free(sg->namespaces);
	free(sg->valid_after);
	free(sg->valid_before);
	free(sg->keytype);
	free(sg->key);
	free(sg->fingerprint);
}

/* One line; adds a signer or a problem. */
static void
parse_line(struct cf_doc_ctx *c, int line, const char *text,
    struct cf_signers *s, size_t *alloc)
{
	struct cf_signer sg;
	const char *p = text;
	bool unterminated = false;
	char *t, *fpr = NULL;
	size_t before = c->diags->n;

	memset(&sg, 0, sizeof sg);
	sg.line = line;
	sg.principals = token(&p, &unterminated);
	if (unterminated) {
		cf_diags_add(c->diags, c->path, line, 0,
		    "a quote is not closed, expected \"...\"");
		goto out;
	}
	t = token(&p, &unterminated);
	if (t && !is_key_type(t) && !looks_like_key_type(t)) {
		parse_options(c, line, t, &sg);
		free(t);
		t = token(&p, &unterminated);
	}
	if (unterminated) {
		free(t);
		cf_diags_add(c->diags, c->path, line, 0,
		    "a quote is not closed, expected \"...\"");
		goto out;
	}
	if (t == NULL) {
		cf_diags_add(c->diags, c->path, line, 0,
		    "no key, expected PRINCIPALS [OPTIONS] KEYTYPE BASE64");
		goto out;
	}
	if (!is_key_type(t)) {
		cf_diags_add(c->diags, c->path, line, 0,
		    "'%s' is no key type, expected ssh-ed25519, "
		    "sk-ssh-ed25519@openssh.com, ecdsa-sha2-nistp256 (384, "
		    "521), sk-ecdsa-sha2-nistp256@openssh.com or ssh-rsa",
		    t);
		free(t);
		goto out;
	}
	sg.keytype = t;
	sg.key = token(&p, &unterminated);
	if (sg.key == NULL) {
		cf_diags_add(c->diags, c->path, line, 0,
		    "no key after '%s', expected its base64", sg.keytype);
		goto out;
	}
	if (cf_sshsig_key_fingerprint(sg.keytype, sg.key, &fpr) < 0) {
		cf_diags_add(c->diags, c->path, line, 0,
		    "the %s key does not parse (%s), expected the base64 "
		    "of a %s public key as ssh-keygen writes it",
		    sg.keytype, cf_error_message(), sg.keytype);
		cf_error_clear();
		goto out;
	}
	sg.fingerprint = fpr;
	for (const char *q = sg.principals; *q; q++)
		if ((unsigned char)*q < 0x20 || *q == 0x7f) {
			cf_diags_add(c->diags, c->path, line, 0,
			    "a control character in the principals");
			goto out;
		}
out:
	if (c->diags->n > before) {
		signer_release(&sg);
		return;
	}
	CF_GROW(s->v, s->n + 1, *alloc);
	s->v[s->n++] = sg;
}

void
cf_doc__build_signers(struct cf_doc_ctx *c, const char *buf, size_t len,
    struct cf_signers *s)
{
	size_t alloc = 0, i = 0;
	int line = 0;

	memset(s, 0, sizeof *s);
	s->text = cf_xstrndup(buf, len);
	if (memchr(buf, '\0', len)) {
		cf_diags_add(c->diags, c->path, 0, 0,
		    "a NUL byte in the file, expected text");
		return;
	}
	while (i < len) {
		size_t e = i;
		char *l;
		const char *p;

		while (e < len && buf[e] != '\n')
			e++;
		line++;
		l = cf_xstrndup(buf + i, e - i);
		if (e > i && l[e - i - 1] == '\r')
			l[e - i - 1] = '\0';
		p = l;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p && *p != '#')
			parse_line(c, line, p, s, &alloc);
		free(l);
		i = e + 1;
	}
}

void
cf_doc__free_signers(struct cf_signers *s)
{
	for (size_t i = 0; i < s->n; i++)
		signer_release(&s->v[i]);
	free(s->v);
	free(s->text);
	memset(s, 0, sizeof *s);
}
