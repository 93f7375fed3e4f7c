/* SPDX-License-Identifier: MIT */
/*
 * mem.c - aborting allocators, cf_buf and cf_strv (see mem.h).
 *
 * The bottom of the module graph: it includes only its own header (not
 * conform.h, which includes it).
 */
#include "mem.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char cf_buf_empty[1];

static void
oom(size_t n)
{
	fprintf(stderr, "conform: error: out of memory (%zu bytes)\n", n);
	abort();
}

void *
cf_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		oom(n);
	return p;
}

void *
cf_xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);

	if (p == NULL)
		oom(nmemb * size);
	return p;
}

void *
cf_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (q == NULL)
		oom(n);
	return q;
}

void *
cf_xreallocarray(void *p, size_t nmemb, size_t size)
{
	if (size != 0 && nmemb > SIZE_MAX / size)
		oom(SIZE_MAX);
	return cf_xrealloc(p, nmemb * size);
}

char *
cf_xstrdup(const char *s)
{
	return cf_xstrndup(s, strlen(s));
}

char *
cf_xstrndup(const char *s, size_t n)
{
	char *p = cf_xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
cf_xvasprintf(const char *fmt, va_list ap)
{
	struct cf_buf b = CF_BUF_INIT;

	cf_buf_vaddf(&b, fmt, ap);
	return cf_buf_detach(&b);
}

char *
cf_xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = cf_xvasprintf(fmt, ap);
	va_end(ap);
	return s;
}

void
cf_buf_init(struct cf_buf *b)
{
	b->s = cf_buf_empty;
	b->len = b->alloc = 0;
}

void
cf_buf_release(struct cf_buf *b)
{
	if (b->alloc)
		free(b->s);
	cf_buf_init(b);
}

void
cf_buf_reset(struct cf_buf *b)
{
	b->len = 0;
	if (b->alloc)
		b->s[0] = '\0';
}

void
cf_buf_grow(struct cf_buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;

	if (need < b->len)
		oom(SIZE_MAX);
	if (need <= b->alloc)
		return;
	size_t n = b->alloc ? b->alloc : 64;
	while (n < need)
		n = n > SIZE_MAX / 2 ? need : n * 2;
	if (b->alloc == 0) {
		b->s = cf_xmalloc(n);
		b->s[0] = '\0';
	} else
		b->s = cf_xrealloc(b->s, n);
	b->alloc = n;
}

void
cf_buf_add(struct cf_buf *b, const void *p, size_t n)
{
	cf_buf_grow(b, n);
	memcpy(b->s + b->len, p, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void
cf_buf_adds(struct cf_buf *b, const char *s)
{
	cf_buf_add(b, s, strlen(s));
}

void
cf_buf_addc(struct cf_buf *b, char c)
{
	cf_buf_grow(b, 1);
	b->s[b->len++] = c;
	b->s[b->len] = '\0';
}

void
cf_buf_vaddf(struct cf_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	cf_buf_grow(b, 64);
	va_copy(cp, ap);
	n = vsnprintf(b->s + b->len, b->alloc - b->len, fmt, cp);
	va_end(cp);
	if (n < 0)
		oom(0);
	if ((size_t)n >= b->alloc - b->len) {
		cf_buf_grow(b, (size_t)n);
		n = vsnprintf(b->s + b->len, b->alloc - b->len, fmt, ap);
	}
	b->len += (size_t)n;
}

void
cf_buf_addf(struct cf_buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cf_buf_vaddf(b, fmt, ap);
	va_end(ap);
}

char *
cf_buf_detach(struct cf_buf *b)
{
	char *s = b->alloc ? b->s : cf_xstrdup("");

	cf_buf_init(b);
	return s;
}

void
cf_strv_push(struct cf_strv *sv, const char *s)
{
	cf_strv_push_owned(sv, cf_xstrdup(s));
}

void
cf_strv_push_owned(struct cf_strv *sv, char *s)
{
	CF_GROW(sv->v, sv->n + 2, sv->alloc);
	sv->v[sv->n++] = s;
	sv->v[sv->n] = NULL;
}

static int
strp_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void
cf_strv_sort(struct cf_strv *sv)
{
	if (sv->n > 1)
		qsort(sv->v, sv->n, sizeof *sv->v, strp_cmp);
}

void
cf_strv_release(struct cf_strv *sv)
{
	for (size_t i = 0; i < sv->n; i++)
		free(sv->v[i]);
	free(sv->v);
	sv->v = NULL;
	sv->n = sv->alloc = 0;
}

void
cf_sort(void *base, size_t n, size_t size,
    int (*cmp)(const void *, const void *))
{
	if (n > 1)
		qsort(base, n, size, cmp);
}
