/* SPDX-License-Identifier: MIT */
/*
 * termout.c - the terminal filter (see termout.h), a glibc cookie
 * stream.  A C1 control is two bytes in UTF-8 (C2 80..C2 9F); a C2 at
 * the end of one write is held until the next byte is known.  DEL and
 * the C1 controls are written "\u007F", "\u009B": JSON output, which
 * carries them raw (its canonical form, bound by the trail's hashes),
 * stays valid JSON through the filter; it holds no raw C0 control.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "termout.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

struct term {
	FILE *to;
	bool held; /* a 0xC2 not yet written */
	bool failed;
};

static void
put(struct term *t, const char *s, size_t n)
{
	if (fwrite(s, 1, n, t->to) != n)
		t->failed = true;
}

static void
put_byte(struct term *t, unsigned char c)
{
	char esc[8];

	if (t->held) {
		t->held = false;
		if (c >= 0x80 && c <= 0x9F) {
			snprintf(esc, sizeof esc, "\\u%04X", c);
			put(t, esc, strlen(esc));
			return;
		}
		put(t, "\xC2", 1);
	}
	if (c == 0xC2) {
		t->held = true;
	} else if (c == 0x7f) {
		put(t, "\\u007F", 6);
	} else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
		snprintf(esc, sizeof esc, "\\x%02X", c);
		put(t, esc, strlen(esc));
	} else
		put(t, (const char *)&c, 1);
}

static ssize_t
term_write(void *cookie, const char *buf, size_t size)
{
	struct term *t = cookie;
	size_t i = 0;

	while (i < size) {
		/* Runs of ordinary bytes go out in one fwrite. */
		size_t j = i;
		while (j < size && !t->held) {
			unsigned char c = (unsigned char)buf[j];
			if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
			    c == 0x7f || c == 0xC2)
				break;
			j++;
		}
		if (j > i)
			put(t, buf + i, j - i);
		if (j < size)
			put_byte(t, (unsigned char)buf[j++]);
		i = j;
	}
	return t->failed ? -1 : (ssize_t)size;
}

static int
term_close(void *cookie)
{
	struct term *t = cookie;
	int rc;

	if (t->held)
		put(t, "\xC2", 1);
	rc = t->failed || fflush(t->to) != 0 ? -1 : 0;
	free(t);
	return rc;
}

FILE *
cf_termout_open(FILE *to)
{
	cookie_io_functions_t io = { .write = term_write, .close = term_close };
	struct term *t = calloc(1, sizeof *t);
	FILE *f;

	if (t == NULL)
		return to;
	t->to = to;
	if ((f = fopencookie(t, "w", io)) == NULL) {
		free(t);
		return to;
	}
	return f;
}

int
cf_termout_close(FILE *f, FILE *to)
{
	if (f == to)
		return 0;
	return fclose(f) == 0 ? 0 : -1;
}
