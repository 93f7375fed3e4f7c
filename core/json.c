/* SPDX-License-Identifier: MIT */
/*
 * json.c - canonical JSON objects (see json.h).  Members are kept as
 * (key, rendered value) pairs and sorted when the text is made.
 */
#include "conform.h"
#include "json.h"

#include <ctype.h>
#include <errno.h>
#include <stdbool.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct member {
	char *key;
	char *value; /* rendered JSON */
};

struct cf_json {
	struct member *v;
	size_t n, alloc;
};

void
cf_json_string(struct cf_buf *b, const char *s)
{
	cf_buf_addc(b, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"':
			cf_buf_adds(b, "\\\"");
			break;
		case '\\':
			cf_buf_adds(b, "\\\\");
			break;
		case '\n':
			cf_buf_adds(b, "\\n");
			break;
		case '\r':
			cf_buf_adds(b, "\\r");
			break;
		case '\t':
			cf_buf_adds(b, "\\t");
			break;
		default:
			if (*p < 0x20)
				cf_buf_addf(b, "\\u%04x", *p);
			else
				cf_buf_addc(b, (char)*p);
		}
	}
	cf_buf_addc(b, '"');
}

struct cf_json *
cf_json_new(void)
{
	return cf_xcalloc(1, sizeof(struct cf_json));
}

void
cf_json_free(struct cf_json *j)
{
	if (j == NULL)
		return;
	for (size_t i = 0; i < j->n; i++) {
		free(j->v[i].key);
		free(j->v[i].value);
	}
	free(j->v);
	free(j);
}

static void
put(struct cf_json *j, const char *key, char *rendered)
{
	for (size_t i = 0; i < j->n; i++)
		if (strcmp(j->v[i].key, key) == 0) {
			free(j->v[i].value);
			j->v[i].value = rendered;
			return;
		}
	CF_GROW(j->v, j->n + 1, j->alloc);
	j->v[j->n].key = cf_xstrdup(key);
	j->v[j->n].value = rendered;
	j->n++;
}

void
cf_json_str(struct cf_json *j, const char *key, const char *value)
{
	struct cf_buf b = CF_BUF_INIT;

	if (value == NULL)
		cf_buf_adds(&b, "null");
	else
		cf_json_string(&b, value);
	put(j, key, cf_buf_detach(&b));
}

void
cf_json_int(struct cf_json *j, const char *key, int64_t value)
{
	put(j, key, cf_xasprintf("%" PRId64, value));
}

void
cf_json_bool(struct cf_json *j, const char *key, int value)
{
	put(j, key, cf_xstrdup(value ? "true" : "false"));
}

void
cf_json_raw(struct cf_json *j, const char *key, const char *json)
{
	put(j, key, cf_xstrdup(json));
}

static int
member_cmp(const void *a, const void *b)
{
	return strcmp(((const struct member *)a)->key,
	    ((const struct member *)b)->key);
}

char *
cf_json_text(const struct cf_json *j)
{
	struct member *sorted = cf_xmalloc((j->n ? j->n : 1) * sizeof *sorted);
	struct cf_buf b = CF_BUF_INIT;

	if (j->n)
		memcpy(sorted, j->v, j->n * sizeof *sorted);
	qsort(sorted, j->n, sizeof *sorted, member_cmp);
	cf_buf_addc(&b, '{');
	for (size_t i = 0; i < j->n; i++) {
		if (i)
			cf_buf_addc(&b, ',');
		cf_json_string(&b, sorted[i].key);
		cf_buf_addc(&b, ':');
		cf_buf_adds(&b, sorted[i].value);
	}
	cf_buf_addc(&b, '}');
	free(sorted);
	return cf_buf_detach(&b);
}

/* ---- reading ---- */

#define JSON_DEPTH 64

static const char *
ws(const char *p, const char *e)
{
	while (p < e && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
	return p;
}

/* Past the string at p (p at its quote), or NULL. */
static const char *
skip_string(const char *p, const char *e)
{
	if (p >= e || *p != '"')
		return NULL;
	for (p++; p < e; p++) {
		unsigned char c = (unsigned char)*p;
		if (c == '"')
			return p + 1;
		if (c < 0x20)
			return NULL;
		if (c == '\\') {
			if (++p >= e)
				return NULL;
			if (*p == 'u') {
				for (int i = 0; i < 4; i++)
					if (++p >= e || !isxdigit((unsigned char)*p))
						return NULL;
			} else if (!strchr("\"\\/bfnrt", *p))
				return NULL;
		}
	}
	return NULL;
}

static const char *skip_value(const char *p, const char *e, int depth);

static const char *
skip_container(const char *p, const char *e, int depth, char close)
{
	bool obj = close == '}';

	if (depth > JSON_DEPTH)
		return NULL;
	p = ws(p + 1, e);
	if (p < e && *p == close)
		return p + 1;
	for (;;) {
		if (obj) {
			if ((p = skip_string(p, e)) == NULL)
				return NULL;
			p = ws(p, e);
			if (p >= e || *p != ':')
				return NULL;
			p = ws(p + 1, e);
		}
		if ((p = skip_value(p, e, depth + 1)) == NULL)
			return NULL;
		p = ws(p, e);
		if (p >= e)
			return NULL;
		if (*p == close)
			return p + 1;
		if (*p != ',')
			return NULL;
		p = ws(p + 1, e);
	}
}

static const char *
skip_value(const char *p, const char *e, int depth)
{
	if (p >= e)
		return NULL;
	switch (*p) {
	case '"':
		return skip_string(p, e);
	case '{':
		return skip_container(p, e, depth, '}');
	case '[':
		return skip_container(p, e, depth, ']');
	case 't':
		return e - p >= 4 && memcmp(p, "true", 4) == 0 ? p + 4 : NULL;
	case 'f':
		return e - p >= 5 && memcmp(p, "false", 5) == 0 ? p + 5 : NULL;
	case 'n':
		return e - p >= 4 && memcmp(p, "null", 4) == 0 ? p + 4 : NULL;
	default: {
		const char *q = p;
		if (q < e && *q == '-')
			q++;
		if (q >= e || !isdigit((unsigned char)*q))
			return NULL;
		while (q < e && (isdigit((unsigned char)*q) || *q == '.' ||
				    *q == 'e' || *q == 'E' || *q == '+' ||
				    *q == '-'))
			q++;
		return q;
	}
	}
}

int
cf_json_span(const char *text, size_t n, struct cf_jspan *out)
{
	const char *e = text + n, *p = ws(text, e), *q;

	if ((q = skip_value(p, e, 0)) == NULL || ws(q, e) != e)
		return cf_error_set(CF_EINVALID, "malformed JSON");
	out->p = p;
	out->n = (size_t)(q - p);
	return 0;
}

int
cf_json_each(struct cf_jspan obj, cf_json_each_fn fn, void *arg)
{
	const char *p = obj.p, *e = obj.p + obj.n;
	bool isobj;
	int rc;

	if (obj.n < 2 || (*p != '{' && *p != '['))
		return cf_error_set(CF_EINVALID, "expected a JSON object");
	isobj = *p == '{';
	p = ws(p + 1, e);
	if (p < e && *p == (isobj ? '}' : ']'))
		return 0;
	for (;;) {
		struct cf_jspan k = { p, 0 }, v;
		const char *q;
		if (isobj) {
			if ((q = skip_string(p, e)) == NULL)
				break;
			k.n = (size_t)(q - p);
			p = ws(q, e);
			if (p >= e || *p != ':')
				break;
			p = ws(p + 1, e);
		}
		if ((q = skip_value(p, e, 1)) == NULL)
			break;
		v.p = p;
		v.n = (size_t)(q - p);
		if ((rc = fn(k, v, arg)) != 0)
			return rc;
		p = ws(q, e);
		if (p < e && *p == (isobj ? '}' : ']'))
			return 0;
		if (p >= e || *p != ',')
			break;
		p = ws(p + 1, e);
	}
	return cf_error_set(CF_EINVALID, "malformed JSON");
}

struct getting {
	const char *key;
	size_t len;
	struct cf_jspan *out;
};

static int
get_one(struct cf_jspan k, struct cf_jspan v, void *arg)
{
	struct getting *g = arg;

	if (k.n == g->len + 2 && memcmp(k.p + 1, g->key, g->len) == 0) {
		*g->out = v;
		return 1;
	}
	return 0;
}

int
cf_json_get(struct cf_jspan obj, const char *key, struct cf_jspan *out)
{
	struct getting g = { key, strlen(key), out };
	int rc;

	if (obj.n == 0 || *obj.p != '{')
		return cf_error_set(CF_EINVALID, "expected a JSON object");
	rc = cf_json_each(obj, get_one, &g);
	if (rc == 1)
		return 0;
	return rc < 0 ? rc : CF_ENOTFOUND;
}

int
cf_json_get_int(struct cf_jspan v, int64_t *out)
{
	char buf[24], *end;
	long long x;

	if (v.n == 0 || v.n >= sizeof buf)
		return CF_EINVALID;
	memcpy(buf, v.p, v.n);
	buf[v.n] = '\0';
	if (!(isdigit((unsigned char)buf[0]) || buf[0] == '-'))
		return CF_EINVALID;
	errno = 0;
	x = strtoll(buf, &end, 10);
	if (*end != '\0' || errno != 0)
		return CF_EINVALID;
	*out = x;
	return 0;
}

static int
hex4(const char *p)
{
	int v = 0;

	for (int i = 0; i < 4; i++) {
		int c = (unsigned char)p[i];
		v = v * 16 +
		    (isdigit(c) ? c - '0' : (tolower(c) - 'a' + 10));
	}
	return v;
}

static void
put_utf8(struct cf_buf *b, unsigned cp)
{
	if (cp < 0x80)
		cf_buf_addc(b, (char)cp);
	else if (cp < 0x800) {
		cf_buf_addc(b, (char)(0xC0 | cp >> 6));
		cf_buf_addc(b, (char)(0x80 | (cp & 0x3F)));
	} else if (cp < 0x10000) {
		cf_buf_addc(b, (char)(0xE0 | cp >> 12));
		cf_buf_addc(b, (char)(0x80 | ((cp >> 6) & 0x3F)));
		cf_buf_addc(b, (char)(0x80 | (cp & 0x3F)));
	} else {
		cf_buf_addc(b, (char)(0xF0 | cp >> 18));
		cf_buf_addc(b, (char)(0x80 | ((cp >> 12) & 0x3F)));
		cf_buf_addc(b, (char)(0x80 | ((cp >> 6) & 0x3F)));
		cf_buf_addc(b, (char)(0x80 | (cp & 0x3F)));
	}
}

char *
cf_json_get_str(struct cf_jspan v)
{
	struct cf_buf b = CF_BUF_INIT;
	const char *p, *e = v.p + v.n;

	if (v.n < 2 || skip_string(v.p, e) != e)
		return NULL;
	for (p = v.p + 1; p < e - 1; p++) {
		if (*p != '\\') {
			cf_buf_addc(&b, *p);
			continue;
		}
		p++;
		switch (*p) {
		case 'b': cf_buf_addc(&b, '\b'); break;
		case 'f': cf_buf_addc(&b, '\f'); break;
		case 'n': cf_buf_addc(&b, '\n'); break;
		case 'r': cf_buf_addc(&b, '\r'); break;
		case 't': cf_buf_addc(&b, '\t'); break;
		case 'u': {
			unsigned cp = (unsigned)hex4(p + 1);
			p += 4;
			if (cp >= 0xD800 && cp < 0xDC00 && e - 1 - p > 6 &&
			    p[1] == '\\' && p[2] == 'u') {
				unsigned lo = (unsigned)hex4(p + 3);
				if (lo >= 0xDC00 && lo < 0xE000) {
					cp = 0x10000 + ((cp - 0xD800) << 10) +
					    (lo - 0xDC00);
					p += 6;
				}
			}
			put_utf8(&b, cp);
			break;
		}
		default: cf_buf_addc(&b, *p); break;
		}
	}
	if (b.alloc == 0)
		return cf_xstrdup("");
	return cf_buf_detach(&b);
}
