/* SPDX-License-Identifier: MIT */
/*
 * csv.c - the streaming RFC 4180 reader (see csv.h).
 *
 * The file is read in blocks of BLOCK bytes into one buffer; a record's
 * fields are copied, unquoted, into a growing record buffer (each field
 * NUL-terminated, its offset and length kept aside).  The hot path is a
 * run of ordinary bytes in an unquoted or quoted field, which is found
 * with a table lookup per byte and copied with one memcpy; every other
 * byte goes through a small state machine.  Memory is the block plus
 * the longest record, never the file.
 */
#include "conform.h"
#include "csv.h"
#include "decode.h"
#include "text.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* (The CSV fuzz target builds a copy with tiny blocks: CF_CSV_BLOCK.) */
#ifdef CF_CSV_BLOCK
#define BLOCK ((size_t)CF_CSV_BLOCK)
#else
#define BLOCK (256u * 1024)
#endif

struct cf_csv {
	int fd;
	bool own_fd;
	struct cf_decode *dec; /* not owned; NULL: read fd as UTF-8 */
	int err;	       /* the code of a failed fill() */
	char *errmsg;	       /* and its message */
	int err_line;	       /* and its line (a bad byte's) */
	bool told;	       /* that error was returned */
	bool enc_err;	       /* the last error is about the encoding */
	char *name;
	char *buf;
	size_t pos, len;
	bool eof;     /* read() returned 0 */
	bool started; /* the BOM check is done */
	bool done;    /* nothing more to read (end or a fatal error) */
	int line;     /* physical line of buf[pos] */
	int rec_line; /* line of the current record or error */
	struct cf_buf rec;
	size_t *off, *flen;
	size_t nfields, afields;
};

/* Bytes that end a run of ordinary bytes. */
static unsigned char special_unquoted[256];
static unsigned char special_quoted[256];
static bool tables_ready;

static void
init_tables(void)
{
	if (tables_ready)
		return;
	special_unquoted[','] = special_unquoted['"'] = 1;
	special_unquoted['\n'] = special_unquoted['\r'] = 1;
	special_quoted['"'] = special_quoted['\n'] = 1;
	tables_ready = true;
}

int
cf_csv_open_fd(struct cf_csv **out, int fd, const char *name)
{
	struct cf_csv *c = cf_xcalloc(1, sizeof *c);

	init_tables();
	c->fd = fd;
	c->name = cf_xstrdup(name);
	c->buf = cf_xmalloc(BLOCK);
	c->line = 1;
	cf_buf_init(&c->rec);
	*out = c;
	return 0;
}

int
cf_csv_open_decode(struct cf_csv **out, struct cf_decode *d, const char *name)
{
	cf_csv_open_fd(out, -1, name);
	(*out)->dec = d;
	return 0;
}

bool
cf_csv_encoding_error(const struct cf_csv *c)
{
	return c->enc_err;
}

int
cf_csv_open(struct cf_csv **out, const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	*out = NULL;
	if (fd < 0)
		return cf_error_set(errno == ENOENT ? CF_ENOTFOUND : CF_ERROR,
		    "cannot open '%s': %s", path, strerror(errno));
	cf_csv_open_fd(out, fd, path);
	(*out)->own_fd = true;
	return 0;
}

void
cf_csv_free(struct cf_csv *c)
{
	if (c == NULL)
		return;
	if (c->own_fd)
		close(c->fd);
	free(c->name);
	free(c->buf);
	free(c->off);
	free(c->flen);
	free(c->errmsg);
	cf_buf_release(&c->rec);
	free(c);
}

size_t
cf_csv_count(const struct cf_csv *c)
{
	return c->nfields;
}

const char *
cf_csv_value(const struct cf_csv *c, size_t i, size_t *len)
{
	if (len)
		*len = c->flen[i];
	return c->rec.s + c->off[i];
}

int
cf_csv_line(const struct cf_csv *c)
{
	return c->rec_line;
}

/* Makes buf[pos] readable.  1: a byte is there; 0: end; <0: error. */
static int
fill(struct cf_csv *c)
{
	ssize_t n;

	if (c->pos < c->len)
		return 1;
	if (c->eof)
		return 0;
	if (c->dec) {
		n = cf_decode_read(c->dec, c->buf, BLOCK);
		if (n < 0) {
			c->done = true;
			c->err = (int)n;
			c->err_line = cf_decode_line(c->dec);
			c->errmsg = cf_xstrdup(cf_error_message());
			return (int)n;
		}
	} else {
		do
			n = read(c->fd, c->buf, BLOCK);
		while (n < 0 && errno == EINTR);
	}
	if (n < 0) {
		c->done = true;
		c->err = cf_error_set(CF_ERROR, "cannot read '%s': %s", c->name,
		    strerror(errno));
		c->err_line = c->line;
		c->errmsg = cf_xstrdup(cf_error_message());
		return c->err;
	}
	c->pos = 0;
	c->len = (size_t)n;
	if (n == 0) {
		c->eof = true;
		return 0;
	}
	return 1;
}

/*
 * Returns the error of a failed fill() (again: a bad() may have set
 * another message meanwhile), once; the reader is then at the end.
 */
static int
told(struct cf_csv *c)
{
	c->told = true;
	c->rec_line = c->err_line;
	c->enc_err = c->err == CF_EINVALID;
	return cf_error_set(c->err, "%s", c->errmsg);
}

/*
 * The next byte without taking it: 0..255, -1 at the end, or
 * PEEK_FAILED after a read error (fill() has set the error).  Callers
 * return told(c) for it: the sentinel is no error code.
 */
#define PEEK_FAILED (-2)

static int
peek(struct cf_csv *c)
{
	int rc = fill(c);

	if (rc < 0)
		return PEEK_FAILED;
	if (rc == 0)
		return -1;
	return (unsigned char)c->buf[c->pos];
}

static void
start_field(struct cf_csv *c)
{
	if (c->nfields == c->afields) {
		c->afields = c->afields ? 2 * c->afields : 16;
		c->off = cf_xreallocarray(c->off, c->afields, sizeof *c->off);
		c->flen = cf_xreallocarray(c->flen, c->afields,
		    sizeof *c->flen);
	}
	c->off[c->nfields] = c->rec.len;
}

static void
end_field(struct cf_csv *c)
{
	c->flen[c->nfields] = c->rec.len - c->off[c->nfields];
	cf_buf_addc(&c->rec, '\0');
	c->nfields++;
}

/* Takes a line end at buf[pos] (CR, LF or CRLF). */
static int
take_eol(struct cf_csv *c)
{
	int ch = peek(c);

	if (ch == PEEK_FAILED)
		return told(c);
	if (ch == '\r') {
		c->pos++;
		ch = peek(c);
		if (ch == PEEK_FAILED)
			return told(c);
	}
	if (ch == '\n')
		c->pos++;
	c->line++;
	return 0;
}

/*
 * After an error: skips the rest of the physical line, up to a line
 * end of any of the three kinds (a lone CR too, or the rest of a file
 * with old Mac line ends would go unread).
 */
static void
skip_line(struct cf_csv *c)
{
	for (;;) {
		int ch = peek(c);
		if (ch < 0)
			return;
		if (ch == '\n' || ch == '\r') {
			take_eol(c);
			return;
		}
		c->pos++;
	}
}

static int
bad(struct cf_csv *c, int line, bool fatal, const char *what)
{
	c->rec_line = line;
	if (fatal)
		c->done = true;
	else
		skip_line(c);
	return cf_error_set(CF_EINVALID, "%s", what);
}

/* Copies a run of ordinary bytes of a field; stops at a special byte. */
static void
copy_run(struct cf_csv *c, const unsigned char *special)
{
	const char *p = c->buf + c->pos, *end = c->buf + c->len, *q = p;

	while (q < end && !special[(unsigned char)*q])
		q++;
	if (q > p)
		cf_buf_add(&c->rec, p, (size_t)(q - p));
	c->pos += (size_t)(q - p);
}

static int
too_long(struct cf_csv *c)
{
	return bad(c, c->rec_line, true,
	    "record longer than 1 MiB (an unbalanced quote?), expected "
	    "shorter records");
}

/* A quoted field, from after its opening quote; *ch gets what follows. */
static int
quoted_field(struct cf_csv *c, int *ch)
{
	int open_line = c->line, f;

	for (;;) {
		if ((f = fill(c)) < 0)
			return told(c);
		if (f == 0)
			return bad(c, open_line, true,
			    "unterminated quoted field (the quote opens on "
			    "this line), expected a closing '\"'");
		copy_run(c, special_quoted);
		if (c->rec.len > CF_CSV_MAX_RECORD)
			return too_long(c);
		if (c->pos == c->len)
			continue;
		if (c->buf[c->pos++] == '\n') {
			cf_buf_addc(&c->rec, '\n');
			c->line++;
			continue;
		}
		/* A quote: doubled, or the end of the field. */
		if ((*ch = peek(c)) == PEEK_FAILED)
			return told(c);
		if (*ch != '"')
			break;
		cf_buf_addc(&c->rec, '"');
		c->pos++;
	}
	if (*ch != ',' && *ch != '\n' && *ch != '\r' && *ch != -1)
		return bad(c, c->line, false,
		    "unexpected character after a closing quote, expected "
		    "',' or the end of the line");
	return 0;
}

/* An unquoted field; *ch gets the byte that ends it (-1 at the end). */
static int
plain_field(struct cf_csv *c, int *ch)
{
	int f;

	for (;;) {
		if ((f = fill(c)) < 0)
			return told(c);
		if (f == 0) {
			*ch = -1;
			return 0;
		}
		copy_run(c, special_unquoted);
		if (c->rec.len > CF_CSV_MAX_RECORD)
			return too_long(c);
		if (c->pos == c->len)
			continue;
		*ch = (unsigned char)c->buf[c->pos];
		if (*ch == '"')
			return bad(c, c->line, false,
			    "'\"' inside an unquoted field, expected the "
			    "whole field in quotes with inner quotes doubled");
		return 0;
	}
}

int
cf_csv_next(struct cf_csv *c)
{
	int ch;

	c->nfields = 0;
	c->enc_err = false;
	cf_buf_reset(&c->rec);
	if (c->err && !c->told)
		return told(c);
	if (c->done)
		return 0;
	if (!c->started) {
		c->started = true;
		if ((ch = peek(c)) == PEEK_FAILED)
			return told(c);
		if (c->len - c->pos >= 3 &&
		    memcmp(c->buf + c->pos, "\xEF\xBB\xBF", 3) == 0)
			c->pos += 3;
	}
	/* Skip empty lines. */
	for (;;) {
		if ((ch = peek(c)) == PEEK_FAILED)
			return told(c);
		if (ch == -1) {
			c->done = true;
			return 0;
		}
		if (ch != '\n' && ch != '\r')
			break;
		if ((ch = take_eol(c)) < 0)
			return ch;
	}
	c->rec_line = c->line;
	for (;;) { /* one field per turn */
		int rc;
		start_field(c);
		if ((ch = peek(c)) == PEEK_FAILED)
			return told(c);
		if (ch == '"') {
			c->pos++;
			rc = quoted_field(c, &ch);
		} else
			rc = plain_field(c, &ch);
		if (rc < 0)
			return rc;
		end_field(c);
		if (ch == ',') {
			c->pos++;
			continue;
		}
		if (ch != -1 && (rc = take_eol(c)) < 0)
			return rc;
		break;
	}
	size_t at;
	for (size_t i = 0; i < c->nfields; i++)
		if (memchr(c->rec.s + c->off[i], '\0', c->flen[i])) {
			const char *z = memchr(c->rec.s + c->off[i], '\0',
			    c->flen[i]);
			for (const char *p = c->rec.s + c->off[i]; p < z; p++)
				c->rec_line += *p == '\n';
			return cf_error_set(CF_EINVALID,
			    "NUL byte in field %zu, expected text", i + 1);
		}
	if (!cf_utf8_valid(c->rec.s, c->rec.len, &at)) {
		int line = c->rec_line;
		for (size_t i = 0; i < at; i++)
			line += c->rec.s[i] == '\n';
		c->rec_line = line;
		c->enc_err = true;
		return cf_error_set(CF_EINVALID,
		    "invalid UTF-8 (byte 0x%02X), expected UTF-8 text",
		    (unsigned char)c->rec.s[at]);
	}
	return 1;
}

void
cf_csv_field(struct cf_buf *b, const char *s)
{
	if (s == NULL)
		return; /* an empty field */
	if (strpbrk(s, ",\"\r\n") == NULL) {
		cf_buf_adds(b, s);
		return;
	}
	cf_buf_addc(b, '"');
	for (; *s; s++) {
		if (*s == '"')
			cf_buf_addc(b, '"');
		cf_buf_addc(b, *s);
	}
	cf_buf_addc(b, '"');
}

/* "-12", "3.5": a plain decimal number, which a spreadsheet reads as a
 * number and never as a formula (doc/reports.md). */
static bool
is_plain_number(const char *s)
{
	if (*s == '-')
		s++;
	if (*s < '0' || *s > '9')
		return false;
	while (*s >= '0' && *s <= '9')
		s++;
	if (*s == '.') {
		s++;
		if (*s < '0' || *s > '9')
			return false;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	return *s == '\0';
}

void
cf_csv_cell(struct cf_buf *b, const char *s)
{
	struct cf_buf v = CF_BUF_INIT;
	bool formula;

	if (s == NULL)
		return;
	/* Control characters as visible escapes (text.h); then a cell a
	 * spreadsheet would run as a formula gets a leading quote inside a
	 * quoted field, as OWASP advises for CSV injection. */
	cf_text_add_visible(&v, s, strlen(s));
	formula = v.len > 0 && strchr("=+-@\t\r", v.s[0]) != NULL &&
	    !is_plain_number(v.s);
	if (!formula) {
		cf_csv_field(b, v.s);
		cf_buf_release(&v);
		return;
	}
	cf_buf_adds(b, "\"'");
	for (const char *p = v.s; *p; p++) {
		if (*p == '"')
			cf_buf_addc(b, '"');
		cf_buf_addc(b, *p);
	}
	cf_buf_addc(b, '"');
	cf_buf_release(&v);
}
