/* SPDX-License-Identifier: MIT */
/*
 * decode.c - a file in a declared encoding read as UTF-8 (see decode.h).
 *
 * One input block is read at a time; GB18030 goes through glibc's iconv
 * straight into the caller's buffer, UTF-8 is checked here (iconv's
 * UTF-8 lets code points above U+10FFFF through) and copied.  A
 * character cut by the end of the block (iconv's EINVAL, or an
 * incomplete UTF-8 sequence) is moved to the front and completed by
 * the next read; at the end of the file it is a bad byte.  Bytes
 * converted before a bad one are handed out first, and the error comes
 * with the next call, so a reader sees every record before it.  Lines
 * are counted on the consumed input: in GB18030 and UTF-8 the bytes CR
 * and LF are never part of a multi-byte character.
 */
#include "conform.h"
#include "decode.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

/* (The decoder's fuzz target builds a copy with tiny blocks.) */
#ifdef CF_DECODE_BLOCK
#define BLOCK ((size_t)CF_DECODE_BLOCK)
#else
#define BLOCK (64u * 1024)
#endif

struct cf_decode {
	int fd;
	char *name;
	const char *enc; /* canonical */
	bool utf8;
	iconv_t cd;
	char *in;
	size_t pos, len;
	bool eof, started;
	int line;
	bool prev_cr;
	int err; /* 0, or the error every later call returns */
	char *msg;
	/* a bad byte found after some output: reported by the next call */
	bool pending;
	unsigned char bad_byte;
	bool bad_at_end;
	/* the check that a GB18030 file is not UTF-8 (utf8_in_disguise) */
	size_t checked;
	bool not_utf8;
};

const char *
cf_encoding_canon(const char *name)
{
	static const char *const gb[] = { "GB18030", "GBK", "GB2312", "CP936" };

	if (name == NULL)
		return NULL;
	if (strcasecmp(name, "UTF-8") == 0 || strcasecmp(name, "UTF8") == 0)
		return "UTF-8";
	for (size_t i = 0; i < CF_ARRAY_LEN(gb); i++)
		if (strcasecmp(name, gb[i]) == 0)
			return "GB18030";
	return NULL;
}

int
cf_decode_open(struct cf_decode **out, int fd, const char *name,
    const char *encoding)
{
	const char *enc = cf_encoding_canon(encoding);
	struct cf_decode *d;

	*out = NULL;
	if (enc == NULL)
		return cf_error_set(CF_EINVALID,
		    "unknown encoding '%s', expected UTF-8 or GB18030 "
		    "(GBK, GB2312 and CP936 are read as GB18030)",
		    encoding ? encoding : "");
	d = cf_xcalloc(1, sizeof *d);
	d->fd = fd;
	d->name = cf_xstrdup(name);
	d->enc = enc;
	d->utf8 = strcmp(enc, "UTF-8") == 0;
	d->cd = (iconv_t)-1;
	if (!d->utf8) {
		d->cd = iconv_open("UTF-8", enc);
		if (d->cd == (iconv_t)-1) {
			int e = errno;
			cf_decode_free(d);
			return cf_error_set(CF_ERROR,
			    "cannot convert from %s: %s", enc, strerror(e));
		}
	}
	d->in = cf_xmalloc(BLOCK);
	d->line = 1;
	*out = d;
	return 0;
}

void
cf_decode_free(struct cf_decode *d)
{
	if (d == NULL)
		return;
	if (d->cd != (iconv_t)-1)
		iconv_close(d->cd);
	free(d->name);
	free(d->in);
	free(d->msg);
	free(d);
}

const char *
cf_decode_encoding(const struct cf_decode *d)
{
	return d->enc;
}

int
cf_decode_line(const struct cf_decode *d)
{
	return d->line;
}

/* Counts the line ends of consumed input s[0..n). */
static void
count_lines(struct cf_decode *d, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '\n') {
			if (!d->prev_cr)
				d->line++;
			d->prev_cr = false;
		} else if (c == '\r') {
			d->line++;
			d->prev_cr = true;
		} else
			d->prev_cr = false;
	}
}

/* Records the error every later call returns. */
static ssize_t
fail(struct cf_decode *d, int code, const char *fmt, ...)
    CF_ERROR_PRINTF(3, 4);

static ssize_t
fail(struct cf_decode *d, int code, const char *fmt, ...)
{
	va_list ap;
	char buf[512];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	free(d->msg);
	d->msg = cf_xstrdup(buf);
	d->err = code;
	return cf_error_set(code, "%s", buf);
}

static ssize_t
bad_byte(struct cf_decode *d)
{
	return fail(d, CF_EINVALID,
	    "not valid %s (byte 0x%02X%s), expected text in %s, the "
	    "encoding declared for the file",
	    d->enc, d->bad_byte,
	    d->bad_at_end ? " at the end of the file, a character cut short"
			  : "",
	    d->enc);
}

/*
 * Reads more input after the unconsumed bytes (moved to the front).
 * 1: more bytes; 0: the end; <0: a read error.
 */
static int
refill(struct cf_decode *d)
{
	ssize_t n;

	if (d->eof)
		return 0;
	if (d->pos > 0) {
		memmove(d->in, d->in + d->pos, d->len - d->pos);
		d->len -= d->pos;
		d->checked = d->checked > d->pos ? d->checked - d->pos : 0;
		d->pos = 0;
	}
	do
		n = read(d->fd, d->in + d->len, BLOCK - d->len);
	while (n < 0 && errno == EINTR);
	if (n < 0) {
		int e = errno;
		return (int)fail(d, CF_ERROR, "cannot read '%s': %s", d->name,
		    strerror(e));
	}
	if (n == 0) {
		d->eof = true;
		return 0;
	}
	d->len += (size_t)n;
	return 1;
}

/* The byte order mark of the file's start, checked once. */
static int
start(struct cf_decode *d)
{
	static const char utf8_bom[] = "\xEF\xBB\xBF", gb_bom[] = "\x84\x31\x95\x33";
	int rc;

	d->started = true;
	while (d->len < 4 && (rc = refill(d)) != 0)
		if (rc < 0)
			return rc;
	if (d->len >= 3 && memcmp(d->in, utf8_bom, 3) == 0) {
		if (!d->utf8)
			return (int)fail(d, CF_EINVALID,
			    "the file starts with a UTF-8 byte order mark but "
			    "is declared %s, expected %s text (or the "
			    "declaration encoding=\"UTF-8\")",
			    d->enc, d->enc);
		d->pos = 3;
	} else if (!d->utf8 && d->len >= 4 && memcmp(d->in, gb_bom, 4) == 0)
		d->pos = d->checked = 4;
	return 0;
}

/*
 * The length of the longest run of whole, valid UTF-8 characters at
 * s[0..n); *cut is set when what follows is the valid start of a
 * character that n ends too early.
 */
static size_t
utf8_run(const unsigned char *s, size_t n, bool *cut)
{
	size_t i = 0;

	*cut = false;
	while (i < n) {
		unsigned c = s[i], len, lo = 0x80, hi = 0xBF;
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			len = 2;
		else if (c >= 0xE0 && c <= 0xEF) {
			len = 3;
			if (c == 0xE0)
				lo = 0xA0;
			else if (c == 0xED)
				hi = 0x9F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			len = 4;
			if (c == 0xF0)
				lo = 0x90;
			else if (c == 0xF4)
				hi = 0x8F;
		} else
			return i;
		for (unsigned k = 1; k < len; k++) {
			if (i + k >= n) {
				*cut = true;
				return i;
			}
			unsigned b = s[i + k];
			if (k == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF))
				return i;
		}
		i += len;
	}
	return i;
}

/*
 * A file declared GB18030 that is UTF-8: while every byte above 0x7F
 * read so far forms valid UTF-8, the input is checked as UTF-8 too, and
 * a 3- or 4-byte character (Chinese text in UTF-8 is made of them) is
 * refused on its line.  Read as GB18030 such text mostly turns into
 * other Chinese characters without any error (企业 into 浼佷笟).  A
 * byte that is not UTF-8 before any such character proves the file is
 * not, and the check stops: GB18030 text of more than a character or
 * two is almost never
 * valid UTF-8, as its lead bytes 0x81-0xFE are followed by bytes UTF-8
 * does not allow after them (doc/cases.md "Encodings").  Until then
 * only ASCII and 2-byte UTF-8 sequences have passed, which GB18030
 * reads as whole characters too; iconv is given no more than was
 * checked (input_checked), so d->pos never passes d->checked.
 * 0, or the error.
 */
static int
utf8_in_disguise(struct cf_decode *d)
{
	size_t from = d->checked > d->pos ? d->checked : d->pos, k, at;
	const unsigned char *s = (const unsigned char *)d->in + from;
	bool cut;

	if (d->not_utf8 || from >= d->len)
		return 0;
	k = utf8_run(s, d->len - from, &cut);
	for (at = 0; at < k && s[at] < 0xE0; at++)
		;
	if (at == k) {
		if (from + k < d->len && !(cut && !d->eof))
			d->not_utf8 = true;
		d->checked = from + k;
		return 0;
	}
	d->checked = from + at;
	count_lines(d, d->in + d->pos, d->checked - d->pos);
	return (int)fail(d, CF_EINVALID,
	    "the file is UTF-8 (this line has characters in UTF-8), not %s "
	    "as declared: read as %s it would turn into other characters, "
	    "expected %s text or the declaration encoding=\"UTF-8\"",
	    d->enc, d->enc, d->enc);
}

/*
 * How much of the input iconv may have: while the file may still be
 * UTF-8, only what utf8_in_disguise has checked (a 3-byte character
 * cut by the block's end could be read as a 2-byte GB18030 one, and the
 * rest of it then no longer be seen as UTF-8).
 */
static size_t
input_checked(const struct cf_decode *d)
{
	if (!d->utf8 && !d->not_utf8 && d->checked < d->len)
		return d->checked > d->pos ? d->checked - d->pos : 0;
	return d->len - d->pos;
}

ssize_t
cf_decode_read(struct cf_decode *d, char *buf, size_t size)
{
	int rc;

	if (d->err)
		return cf_error_set(d->err, "%s", d->msg);
	if (d->pending)
		return bad_byte(d);
	if (!d->started && (rc = start(d)) < 0)
		return rc;
	for (;;) {
		char *ip = d->in + d->pos, *op = buf;
		size_t il = d->len - d->pos, ol = size, made;
		bool cut = false, bad = false;

		if (d->utf8) {
			/* A character cut by `size` is left for the next
			 * call; one cut by the input needs more of it. */
			size_t lim = il < size ? il : size;
			size_t k = utf8_run((const unsigned char *)ip, lim,
			    &cut);
			bad = k < lim && !cut;
			memcpy(op, ip, k);
			ip += k, il -= k, op += k, ol -= k;
		} else if ((rc = utf8_in_disguise(d)) < 0)
			return rc;
		else if ((il = input_checked(d)) > 0 &&
		    iconv(d->cd, &ip, &il, &op, &ol) == (size_t)-1) {
			if (errno == EILSEQ)
				bad = true;
			else if (errno == EINVAL)
				cut = true;
			/* E2BIG: the buffer is full */
		}
		count_lines(d, d->in + d->pos, (size_t)(ip - (d->in + d->pos)));
		d->pos = (size_t)(ip - d->in);
		made = (size_t)(op - buf);
		if (bad) {
			d->bad_byte = (unsigned char)*ip;
			d->bad_at_end = false;
			if (made > 0) {
				d->pending = true;
				return (ssize_t)made;
			}
			return bad_byte(d);
		}
		if (made > 0)
			return (ssize_t)made;
		/* Nothing made: more input is needed. */
		if ((rc = refill(d)) < 0)
			return rc;
		if (rc == 0) {
			if (d->pos == d->len)
				return 0;
			/* A UTF-8 character cut short by the end: the
			 * file is not UTF-8, iconv has the last word. */
			if (input_checked(d) < d->len - d->pos)
				continue;
			d->bad_byte = (unsigned char)d->in[d->pos];
			d->bad_at_end = true;
			return bad_byte(d);
		}
	}
}
