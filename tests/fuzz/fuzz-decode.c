/* SPDX-License-Identifier: MIT */
/*
 * fuzz-decode.c - the decoder of declared encodings (core/decode.c),
 * the CSV reader on it (core/csv.c) and the import reading a file
 * declared GB18030 (cases/rows.c), against a reference.
 *
 * This target compiles its own copies of core/decode.c and core/csv.c
 * with blocks of 16 bytes (CF_DECODE_BLOCK, CF_CSV_BLOCK), so that
 * every character of two and four bytes, every CRLF and every byte
 * order mark is cut between reads somewhere.
 *
 * The input is the file, declared GB18030.  The reference reads it the
 * plainest way, at once (decode.h's contract): a UTF-8 byte order mark
 * is refused on line 1; GB18030's own is dropped; a 3- or 4-byte UTF-8
 * character before the first byte that is not UTF-8 makes the file
 * UTF-8, refused on its line; else glibc's iconv converts the whole
 * rest.  The decoder must hand out exactly what iconv made (a prefix of
 * it, for a UTF-8 file) and fail where iconv failed, on the line of the
 * bad byte, naming it.  The CSV reader on the decoder must read the
 * records the plain reader reads from iconv's output, and end with an
 * encoding error on that line when there is one.  The same bytes
 * declared UTF-8 must come out unchanged exactly when cf_utf8_valid
 * says they are UTF-8.  Every message is one line of UTF-8.
 */
#include "fuzz.h"
#include "fuzz-rows.h"
#include "csv.h"
#include "decode.h"

#include <errno.h>
#include <iconv.h>
#include <unistd.h>

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	fuzz_rows_init();
	return 0;
}

/* Line ends (LF, CRLF, lone CR) in s[0..n), counted as the readers do. */
static int
lines_in(const uint8_t *s, size_t n)
{
	int k = 0;

	for (size_t i = 0; i < n; i++)
		if (s[i] == '\r' || (s[i] == '\n' && (i == 0 || s[i - 1] != '\r')))
			k++;
	return k;
}

struct ref {
	bool ok;	  /* the whole file reads */
	bool utf8;	  /* refused as UTF-8 (BOM or characters) */
	bool at_end;	  /* a character cut short by the end */
	int line;	  /* the error's line */
	uint8_t byte;	  /* the bad byte (GB18030 errors) */
	struct cf_buf out; /* what iconv made (before the error) */
};

static void
reference(const uint8_t *data, size_t size, struct ref *r)
{
	size_t off = 0, p, a;
	iconv_t cd;
	char *ip, *op;
	size_t il, ol, cap;

	memset(r, 0, sizeof *r);
	cf_buf_init(&r->out);
	if (size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		r->utf8 = true;
		r->line = 1;
		return;
	}
	if (size >= 4 && memcmp(data, "\x84\x31\x95\x33", 4) == 0)
		off = 4;
	if (cf_utf8_valid((const char *)data + off, size - off, &p))
		p = size - off;
	for (a = 0; a < p && data[off + a] < 0xE0; a++)
		;
	cd = iconv_open("UTF-8", "GB18030");
	FUZZ_CHECK(cd != (iconv_t)-1, "iconv_open");
	/* For a UTF-8 file: what comes before its first 3-byte character
	 * (ASCII and 2-byte UTF-8, whole GB18030 characters). */
	il = a < p ? a : size - off;
	cap = 4 * il + 16;
	cf_buf_grow(&r->out, cap);
	ip = (char *)data + off;
	op = r->out.s;
	ol = cap;
	if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1) {
		FUZZ_CHECK(a == p && (errno == EILSEQ || errno == EINVAL),
		    "iconv: %s", strerror(errno));
		r->at_end = errno == EINVAL;
		r->byte = (uint8_t)*ip;
		r->line = 1 + lines_in(data + off,
		    (size_t)(ip - ((char *)data + off)));
	} else if (a < p) {
		r->utf8 = true;
		r->line = 1 + lines_in(data + off, a);
	} else
		r->ok = true;
	r->out.len = (size_t)(op - r->out.s);
	iconv_close(cd);
}

/* The decoder, read `chunk` bytes at a time, against the reference. */
static void
check_decoder(const uint8_t *data, size_t size, const struct ref *r,
    size_t chunk)
{
	struct cf_decode *d;
	struct cf_buf out = CF_BUF_INIT;
	char *buf = cf_xmalloc(chunk);
	int fd = fuzz_fd(data, size);
	ssize_t got;

	FUZZ_CHECK(cf_decode_open(&d, fd, "fuzz.csv", "GB18030") == 0, "open");
	while ((got = cf_decode_read(d, buf, chunk)) > 0) {
		FUZZ_CHECK((size_t)got <= chunk, "%zd bytes into %zu", got,
		    chunk);
		cf_buf_add(&out, buf, (size_t)got);
	}
	FUZZ_CHECK(cf_utf8_valid(out.s, out.len, NULL),
	    "the decoder made bytes that are not UTF-8");
	if (r->ok) {
		FUZZ_CHECK(got == 0, "error '%s' on a file iconv reads",
		    cf_error_message());
		FUZZ_CHECK(out.len == r->out.len &&
			memcmp(out.s, r->out.s, out.len) == 0,
		    "%zu bytes made, iconv made %zu (or others)", out.len,
		    r->out.len);
	} else {
		FUZZ_CHECK(got == CF_EINVALID, "%zd, expected an error "
		    "(line %d)", got, r->line);
		fuzz_check_message("decode error", cf_error_message());
		FUZZ_CHECK(cf_decode_line(d) == r->line,
		    "error on line %d, expected %d: %s", cf_decode_line(d),
		    r->line, cf_error_message());
		if (r->utf8) {
			FUZZ_CHECK(strstr(cf_error_message(), "UTF-8") != NULL,
			    "a UTF-8 file not told as one: %s",
			    cf_error_message());
			FUZZ_CHECK(out.len <= r->out.len &&
				memcmp(out.s, r->out.s, out.len) == 0,
			    "a UTF-8 file: output is not what precedes it");
		} else {
			char want[16];
			snprintf(want, sizeof want, "byte 0x%02X", r->byte);
			FUZZ_CHECK(strstr(cf_error_message(), want) != NULL,
			    "'%s' does not name %s", cf_error_message(), want);
			FUZZ_CHECK(r->at_end ==
				(strstr(cf_error_message(),
				     "at the end of the file") != NULL),
			    "cut short or not: %s", cf_error_message());
			FUZZ_CHECK(out.len == r->out.len &&
				memcmp(out.s, r->out.s, out.len) == 0,
			    "not everything before the bad byte handed out");
		}
		/* The error stays. */
		FUZZ_CHECK(cf_decode_read(d, buf, chunk) == got, "error gone");
	}
	cf_decode_free(d);
	close(fd);
	free(buf);
	cf_buf_release(&out);
	cf_error_clear();
}

/* The bytes declared UTF-8: unchanged (BOM dropped) or refused. */
static void
check_utf8(const uint8_t *data, size_t size)
{
	struct cf_decode *d;
	struct cf_buf out = CF_BUF_INIT;
	char buf[16];
	int fd = fuzz_fd(data, size);
	size_t off = size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	bool valid = cf_utf8_valid((const char *)data + off, size - off, NULL);
	ssize_t got;

	FUZZ_CHECK(cf_decode_open(&d, fd, "fuzz.csv", "utf8") == 0, "open");
	while ((got = cf_decode_read(d, buf, sizeof buf)) > 0)
		cf_buf_add(&out, buf, (size_t)got);
	FUZZ_CHECK(valid == (got == 0), "UTF-8 %s, decoder %zd",
	    valid ? "valid" : "invalid", got);
	if (valid)
		FUZZ_CHECK(out.len == size - off &&
			memcmp(out.s, data + off, out.len) == 0,
		    "UTF-8 changed");
	else
		fuzz_check_message("UTF-8 error", cf_error_message());
	cf_decode_free(d);
	close(fd);
	cf_buf_release(&out);
	cf_error_clear();
}

/* A record as read: its line and fields, in one string. */
static char *
record(struct cf_csv *c)
{
	struct cf_buf b = CF_BUF_INIT;

	cf_buf_addf(&b, "%d", cf_csv_line(c));
	for (size_t i = 0; i < cf_csv_count(c); i++) {
		size_t len;
		const char *v = cf_csv_value(c, i, &len);
		cf_buf_addc(&b, '\x1f');
		cf_buf_add(&b, v, len);
	}
	return cf_buf_detach(&b);
}

/* The CSV reader on the decoder against the plain one on iconv's text. */
static void
check_csv(const uint8_t *data, size_t size, const struct ref *r)
{
	struct cf_decode *d;
	struct cf_csv *dc, *pc = NULL;
	int fd = fuzz_fd(data, size), pfd = -1, rc, prc = 0;
	bool enc_error = false;

	FUZZ_CHECK(cf_decode_open(&d, fd, "fuzz.csv", "GB18030") == 0, "open");
	cf_csv_open_decode(&dc, d, "fuzz.csv");
	if (r->ok) {
		pfd = fuzz_fd((const uint8_t *)r->out.s, r->out.len);
		cf_csv_open_fd(&pc, pfd, "fuzz.csv");
	}
	while ((rc = cf_csv_next(dc)) != 0) {
		FUZZ_CHECK(rc == 1 || rc == CF_EINVALID, "read error %d", rc);
		FUZZ_CHECK(!enc_error, "a record after the encoding error");
		if (rc == CF_EINVALID) {
			fuzz_check_message("CSV error", cf_error_message());
			if (cf_csv_encoding_error(dc)) {
				enc_error = true;
				FUZZ_CHECK(!r->ok && cf_csv_line(dc) == r->line,
				    "encoding error on line %d (%s), expected "
				    "%s %d",
				    cf_csv_line(dc), cf_error_message(),
				    r->ok ? "none, not on" : "line", r->line);
			}
		}
		if (pc == NULL)
			continue;
		char *mine = rc == 1 ? record(dc) : NULL;
		prc = cf_csv_next(pc);
		FUZZ_CHECK(prc == rc, "read %d through the decoder, %d plain",
		    rc, prc);
		if (rc == 1) {
			char *theirs = record(pc);
			FUZZ_CHECK(strcmp(mine, theirs) == 0,
			    "record '%s' through the decoder, '%s' plain", mine,
			    theirs);
			free(theirs);
		} else
			FUZZ_CHECK(cf_csv_line(dc) == cf_csv_line(pc),
			    "an error on line %d, plain on %d", cf_csv_line(dc),
			    cf_csv_line(pc));
		free(mine);
	}
	if (pc)
		FUZZ_CHECK(cf_csv_next(pc) == 0, "records lost");
	else
		FUZZ_CHECK(enc_error, "a bad file read without encoding error");
	cf_csv_free(dc);
	cf_csv_free(pc);
	cf_decode_free(d);
	close(fd);
	if (pfd >= 0)
		close(pfd);
	cf_error_clear();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ref r;
	struct fuzz_rows_stats st;

	reference(data, size, &r);
	check_decoder(data, size, &r, 16);
	check_decoder(data, size, &r, 61);
	check_utf8(data, size);
	check_csv(data, size, &r);
	/* The import's reading half, the file declared GB18030. */
	fuzz_rows_encoding = "GB18030";
	fuzz_rows(data, size, false, &st);
	fuzz_rows_encoding = NULL;
	cf_buf_release(&r.out);
	return 0;
}
