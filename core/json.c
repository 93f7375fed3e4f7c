/* SPDX-License-Identifier: MIT */
/*
 * json.c - canonical JSON objects (see json.h).  Members are kept as
 * (key, rendered value) pairs and sorted when the text is made.
 */
#include "conform.h"
#include "json.h"

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
