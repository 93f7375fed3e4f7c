/* SPDX-License-Identifier: MIT */
/*
 * error.c - the thread-local last error and the problem list.
 *
 * Messages are formatted into a fixed thread-local buffer: setting an
 * error must not fail, and a message longer than a screen line is no
 * use to anyone, so long messages are cut (at a UTF-8 boundary).
 *
 * conform.h includes error.h, so this file includes what it uses
 * directly (error.h, mem.h, text.h) and not conform.h: the module graph
 * stays mem <- text <- error <- conform.
 */
#include "error.h"
#include "mem.h"
#include "text.h"

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MSG_MAX 1024

static _Thread_local char last_msg[MSG_MAX];
static _Thread_local int last_code;

/* Cuts `s` back so that it does not end inside a UTF-8 sequence. */
static void
trim_utf8_tail(char *s)
{
	s[cf_utf8_cut(s, strlen(s))] = '\0';
}

/*
 * Makes the message in `s` (of capacity MSG_MAX) one line of UTF-8:
 * messages quote their input, which may hold line breaks or bytes that
 * are not UTF-8 (see cf_text_add_printable).
 */
static void
make_printable(char *s)
{
	size_t n = strlen(s);
	struct cf_buf b = CF_BUF_INIT;

	if (cf_text_printable(s, n))
		return;
	cf_text_add_printable(&b, s, n);
	n = b.len < MSG_MAX - 1 ? b.len : MSG_MAX - 1;
	memcpy(s, b.s, n);
	s[cf_utf8_cut(s, n)] = '\0'; /* (not inside a character) */
	cf_buf_release(&b);
}

int
cf_error_set(int code, const char *fmt, ...)
{
	char msg[MSG_MAX];
	va_list ap;

	/* Format aside first: the arguments may be cf_error_message(). */
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	memcpy(last_msg, msg, sizeof msg);
	trim_utf8_tail(last_msg);
	make_printable(last_msg);
	last_code = code;
	return code;
}

int
cf_error_prefix(const char *fmt, ...)
{
	char old[MSG_MAX];
	size_t n;
	va_list ap;

	memcpy(old, last_msg, sizeof old);
	va_start(ap, fmt);
	vsnprintf(last_msg, sizeof last_msg, fmt, ap);
	va_end(ap);
	/* (the arguments must not be cf_error_message() here) */
	n = strlen(last_msg);
	if (n + 2 < sizeof last_msg) {
		memcpy(last_msg + n, ": ", 3);
		n += 2;
		size_t room = sizeof last_msg - n - 1, len = strlen(old);
		if (len > room)
			len = room;
		memcpy(last_msg + n, old, len);
		last_msg[n + len] = '\0';
	}
	trim_utf8_tail(last_msg);
	make_printable(last_msg);
	if (last_code == CF_OK)
		last_code = CF_ERROR;
	return last_code;
}

const char *
cf_error_message(void)
{
	return last_msg;
}

int
cf_error_code(void)
{
	return last_code;
}

void
cf_error_clear(void)
{
	last_msg[0] = '\0';
	last_code = CF_OK;
}

int
cf_error_exit_code(int code)
{
	switch (code) {
	case CF_OK:
		return CF_EXIT_OK;
	case CF_EUSAGE:
		return CF_EXIT_USAGE;
	case CF_ENOTFOUND:
	case CF_EEXISTS:
	case CF_EINVALID:
		return CF_EXIT_INVALID;
	default:
		return CF_EXIT_INTERNAL;
	}
}

void
cf_diags_release(struct cf_diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].file);
		free(d->v[i].msg);
	}
	free(d->v);
	d->v = NULL;
	d->n = d->alloc = 0;
}

void
cf_diags_add(struct cf_diags *d, const char *file, int line, int col,
    const char *fmt, ...)
{
	va_list ap;
	struct cf_diag *p;

	CF_GROW(d->v, d->n + 1, d->alloc);
	p = &d->v[d->n++];
	p->file = file ? cf_xstrdup(file) : NULL;
	p->line = line;
	p->col = col;
	p->seq = d->n - 1;
	va_start(ap, fmt);
	p->msg = cf_xvasprintf(fmt, ap);
	va_end(ap);
	/* One line of UTF-8, whatever the input quoted holds. */
	if (!cf_text_printable(p->msg, strlen(p->msg))) {
		struct cf_buf b = CF_BUF_INIT;
		cf_text_add_printable(&b, p->msg, strlen(p->msg));
		free(p->msg);
		p->msg = cf_buf_detach(&b);
	}
}

char *
cf_diag_format(const struct cf_diag *d)
{
	struct cf_buf b = CF_BUF_INIT;

	if (d->file) {
		cf_text_add_printable(&b, d->file, strlen(d->file));
		if (d->line > 0)
			cf_buf_addf(&b, ":%d", d->line);
		if (d->line > 0 && d->col > 0)
			cf_buf_addf(&b, ":%d", d->col);
		cf_buf_adds(&b, ": ");
	}
	cf_buf_adds(&b, d->msg);
	return cf_buf_detach(&b);
}

static int
diag_cmp(const void *a, const void *b)
{
	const struct cf_diag *x = a, *y = b;
	int c = strcmp(x->file ? x->file : "", y->file ? y->file : "");

	if (c)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	/* Stable: fall back on the order of insertion. */
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void
cf_diags_sort(struct cf_diags *d)
{
	if (d->n > 1)
		qsort(d->v, d->n, sizeof *d->v, diag_cmp);
}

void
cf_crash_point(const char *point)
{
	const char *want = getenv("CONFORM_CRASH_POINT");

	if (want && strcmp(want, point) == 0)
		raise(SIGKILL);
}
