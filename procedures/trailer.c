/* SPDX-License-Identifier: MIT */
/*
 * trailer.c - git's commit-message trailers, as far as approvals need
 * them (see trailer.h).
 *
 * A message is split into lines (a CR before the newline dropped); the
 * trailer block is the last paragraph when a blank line comes before it
 * and every line in it is a "Key: value" trailer or, after the first,
 * an indented continuation.  Reading keeps the last Approved-by and its
 * continuations; writing appends into that block or starts one.
 */
#include "conform.h"
#include "repo.h"
#include "text.h"
#include "trailer.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* True for "Key: value" with a git trailer token (letters, digits, '-'). */
static bool
trailer_line(const char *s, size_t n, size_t *keylen, size_t *valstart)
{
	size_t i = 0;

	while (i < n &&
	    (s[i] == '-' || (s[i] >= '0' && s[i] <= '9') ||
		(s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z')))
		i++;
	if (i == 0 || s[0] == '-')
		return false;
	*keylen = i;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i >= n || s[i] != ':')
		return false;
	*valstart = i + 1;
	return true;
}

static bool
blank_line(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return false;
	return true;
}

struct line {
	size_t off, len; /* without the newline and a trailing CR */
};

/* Splits msg into lines; the caller frees *out. */
static size_t
split_lines(const char *msg, struct line **out)
{
	size_t n = 0, alloc = 0, p = 0, len = strlen(msg);
	struct line *v = NULL;

	while (p < len) {
		size_t q = p;
		while (q < len && msg[q] != '\n')
			q++;
		CF_GROW(v, n + 1, alloc);
		v[n].off = p;
		v[n].len = q - p;
		if (v[n].len && msg[q - 1] == '\r')
			v[n].len--;
		n++;
		p = q + 1;
	}
	*out = v;
	return n;
}

/*
 * The trailer block of `msg` as a line range [*first, *last]: the last
 * paragraph, when a blank line precedes it and it is made only of
 * trailers and (after the first) indented continuation lines.
 */
static bool
trailer_block(const char *msg, struct line *v, size_t n, size_t *first,
    size_t *last)
{
	size_t e = n, b;

	while (e > 0 && blank_line(msg + v[e - 1].off, v[e - 1].len))
		e--;
	if (e == 0)
		return false;
	b = e;
	while (b > 0 && !blank_line(msg + v[b - 1].off, v[b - 1].len))
		b--;
	if (b == 0)
		return false; /* a single paragraph has no trailers */
	for (size_t i = b; i < e; i++) {
		const char *s = msg + v[i].off;
		size_t k, val;
		if ((s[0] == ' ' || s[0] == '\t') && i > b)
			continue;
		if (!trailer_line(s, v[i].len, &k, &val))
			return false;
	}
	*first = b;
	*last = e - 1;
	return true;
}

void
cf_trailer_approved_by(const char *msg, char **name, char **email)
{
	struct line *v = NULL;
	size_t n, first, last;
	struct cf_buf val = CF_BUF_INIT;
	bool found = false, in = false;

	*name = *email = NULL;
	if (msg == NULL)
		return;
	n = split_lines(msg, &v);
	if (!trailer_block(msg, v, n, &first, &last)) {
		free(v);
		return;
	}
	for (size_t i = first; i <= last; i++) {
		const char *s = msg + v[i].off;
		size_t k, start;
		if (s[0] == ' ' || s[0] == '\t') {
			if (in) { /* continuation of the current trailer */
				const char *c = s;
				size_t cn = v[i].len;
				cf_trim(&c, &cn);
				cf_buf_addc(&val, ' ');
				cf_buf_add(&val, c, cn);
			}
			continue;
		}
		trailer_line(s, v[i].len, &k, &start);
		in = k == strlen("Approved-by") &&
		    strncasecmp(s, "Approved-by", k) == 0;
		if (in) {
			const char *c = s + start;
			size_t cn = v[i].len - start;
			cf_trim(&c, &cn);
			cf_buf_reset(&val);
			cf_buf_add(&val, c, cn);
			found = true;
		}
	}
	free(v);
	if (found && val.len > 0) {
		struct cf_sig sig;
		if (cf_sig_parse(&sig, val.s) == 0) {
			*name = sig.name;
			*email = sig.email;
		} else {
			cf_error_clear();
			*name = cf_xstrdup(val.s);
			*email = cf_xstrdup("");
		}
	}
	cf_buf_release(&val);
}

char *
cf_trailer_add_approved_by(const char *msg, const char *who)
{
	struct cf_buf b = CF_BUF_INIT;
	struct line *v = NULL;
	size_t n = strlen(msg), nl, first, last;

	/* The message without trailing white space. */
	while (n > 0 &&
	    (msg[n - 1] == '\n' || msg[n - 1] == ' ' || msg[n - 1] == '\r' ||
		msg[n - 1] == '\t'))
		n--;
	cf_buf_add(&b, msg, n);
	nl = split_lines(b.s, &v);
	if (trailer_block(b.s, v, nl, &first, &last))
		cf_buf_addf(&b, "\nApproved-by: %s\n", who);
	else
		cf_buf_addf(&b, "\n\nApproved-by: %s\n", who);
	free(v);
	return cf_buf_detach(&b);
}
