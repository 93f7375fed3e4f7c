/* SPDX-License-Identifier: MIT */
/*
 * check_decode.c - the decoder of declared encodings (core/decode.c) and
 * the CSV reader on top of it: GB18030 text (made here with iconv(3))
 * read back as the UTF-8 it came from, with tiny output buffers and
 * with characters of two and four bytes cut by the 64 KiB input block;
 * byte order marks; bad bytes with their line (LF, CRLF, lone CR) and
 * the output before them handed out first; a character cut short at the
 * end; the encoding names and aliases; UTF-8 checked like cf_utf8_valid.
 */
#include "conform.h"
#include "check_suites.h"
#include "check_util.h"
#include "csv.h"
#include "decode.h"

#include <fcntl.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define BLOCK (64u * 1024)

/* The text converted from UTF-8 to `enc` by iconv(3). */
static char *
convert(const char *enc, const char *s, size_t n, size_t *out_n)
{
	iconv_t cd = iconv_open(enc, "UTF-8");
	size_t cap = 4 * n + 16, il = n, ol = cap;
	char *out = cf_xmalloc(cap), *ip = (char *)s, *op = out;

	ck_assert(cd != (iconv_t)-1);
	ck_assert(iconv(cd, &ip, &il, &op, &ol) != (size_t)-1);
	iconv_close(cd);
	*out_n = cap - ol;
	return out;
}

/* An fd on a file holding s[0..n). */
static int
fd_of(const char *s, size_t n)
{
	FILE *f = fopen(tmp_path("in.txt"), "wb");
	int fd;

	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(s, 1, n, f), n);
	ck_assert_int_eq(fclose(f), 0);
	fd = open(tmp_path("in.txt"), O_RDONLY);
	ck_assert_int_ge(fd, 0);
	return fd;
}

/*
 * Decodes s[0..n) in `enc` with reads of `chunk` bytes into *out;
 * returns the last result (0 at the end, or the error).
 */
static int
decode_all(const char *enc, const char *s, size_t n, size_t chunk,
    struct cf_buf *out, int *line)
{
	struct cf_decode *d;
	int fd = fd_of(s, n);
	char *buf = cf_xmalloc(chunk);
	ssize_t got;

	ck_assert_int_eq(cf_decode_open(&d, fd, "in.txt", enc), 0);
	cf_buf_reset(out);
	while ((got = cf_decode_read(d, buf, chunk)) > 0) {
		ck_assert_uint_le((size_t)got, chunk);
		cf_buf_add(out, buf, (size_t)got);
	}
	if (line)
		*line = cf_decode_line(d);
	/* An error stays: the next call says it again. */
	if (got < 0)
		ck_assert_int_eq(cf_decode_read(d, buf, chunk), got);
	cf_decode_free(d);
	free(buf);
	close(fd);
	return (int)got;
}

static const char chinese[] =
    "办件编号,事项编码,受理时间,申请方式\r\n"
    "ZW-0001,P-BIZ-001,2026/3/2 9:05,窗口受理\r\n"
    "ZW-0002,P-BIZ-001,2026/3/2 9:07,网上申报\r\n"
    "ZW-0003,P-BIZ-001,2026/3/3 10:00,\"窗口\n受理\"\r\n"
    /* beyond GBK: four-byte GB18030 (U+20BB7 𠮷, U+00E9 é, U+3400 㐀) */
    "ZW-0004,P-BIZ-001,2026/3/3 11:00,𠮷é㐀\r\n";

START_TEST(test_gb18030_round_trip)
{
	struct cf_buf out = CF_BUF_INIT;
	size_t n, chunks[] = { 16, 17, 31, 4096, 256 * 1024 };
	char *gb = convert("GB18030", chinese, sizeof chinese - 1, &n);

	ck_assert_uint_ne(n, sizeof chinese - 1); /* it is another encoding */
	for (size_t i = 0; i < CF_ARRAY_LEN(chunks); i++) {
		int line;
		ck_assert_int_eq(decode_all("GB18030", gb, n, chunks[i], &out,
				     &line),
		    0);
		ck_assert_uint_eq(out.len, sizeof chinese - 1);
		ck_assert(memcmp(out.s, chinese, out.len) == 0);
		ck_assert_int_eq(line, 7); /* the end, after 6 line ends */
	}
	/* The aliases read the same. */
	ck_assert_int_eq(decode_all("gbk", gb, n, 64, &out, NULL), 0);
	ck_assert(memcmp(out.s, chinese, out.len) == 0);
	ck_assert_str_eq(cf_encoding_canon("GB2312"), "GB18030");
	ck_assert_str_eq(cf_encoding_canon("cp936"), "GB18030");
	ck_assert_str_eq(cf_encoding_canon("utf8"), "UTF-8");
	ck_assert_ptr_null(cf_encoding_canon("Latin-1"));
	ck_assert_ptr_null(cf_encoding_canon(NULL));
	free(gb);
	cf_buf_release(&out);
}
END_TEST

START_TEST(test_split_across_blocks)
{
	/* A character of 2 bytes (中) and one of 4 (𠮷) at every offset
	 * around the end of the first 64 KiB input block. */
	struct cf_buf out = CF_BUF_INIT, want = CF_BUF_INIT;
	const char *const chars[] = { "中", "𠮷" };

	for (size_t c = 0; c < 2; c++)
		for (size_t pad = BLOCK - 5; pad <= BLOCK + 1; pad++) {
			size_t n;
			char *gb;
			cf_buf_reset(&want);
			for (size_t i = 0; i < pad; i++)
				cf_buf_addc(&want, i % 100 == 99 ? '\n' : 'a');
			cf_buf_adds(&want, chars[c]);
			cf_buf_adds(&want, "z\n");
			gb = convert("GB18030", want.s, want.len, &n);
			ck_assert_int_eq(
			    decode_all("GB18030", gb, n, 4096, &out, NULL), 0);
			ck_assert_uint_eq(out.len, want.len);
			ck_assert(memcmp(out.s, want.s, want.len) == 0);
			/* The same UTF-8 through the UTF-8 decoder. */
			ck_assert_int_eq(decode_all("UTF-8", want.s, want.len,
					     4096, &out, NULL),
			    0);
			ck_assert_uint_eq(out.len, want.len);
			ck_assert(memcmp(out.s, want.s, want.len) == 0);
			free(gb);
		}
	cf_buf_release(&out);
	cf_buf_release(&want);
}
END_TEST

START_TEST(test_bad_bytes)
{
	struct cf_buf out = CF_BUF_INIT;
	int line;

	/* 0xFF is never GB18030; the text before it comes out first. */
	ck_assert_int_eq(decode_all("GB18030", "a,b\n\xD6\xD0,x\xFFy\n", 12, 64,
			     &out, &line),
	    CF_EINVALID);
	ck_assert_uint_eq(out.len, 9);
	ck_assert(memcmp(out.s, "a,b\n中,x", 9) == 0);
	ck_assert_int_eq(line, 2);
	ck_assert_str_eq(cf_error_message(),
	    "not valid GB18030 (byte 0xFF), expected text in GB18030, the "
	    "encoding declared for the file");
	/* A lead byte with a trail byte out of range (0x81 0x7F). */
	ck_assert_int_eq(decode_all("GB18030", "x\r\ny\r\n\x81\x7F", 8, 64,
			     &out, &line),
	    CF_EINVALID);
	ck_assert_int_eq(line, 3);
	ck_assert(strstr(cf_error_message(), "(byte 0x81)"));
	/* Lone CRs end lines too. */
	ck_assert_int_eq(decode_all("GB18030", "x\ry\r\x80", 5, 64, &out,
			     &line),
	    CF_EINVALID);
	ck_assert_int_eq(line, 3);
	/* A character cut short by the end of the file. */
	ck_assert_int_eq(decode_all("GB18030", "ok\n\x81\x30\x81", 6, 64,
			     &out, &line),
	    CF_EINVALID);
	ck_assert_int_eq(line, 2);
	ck_assert_str_eq(out.s, "ok\n");
	ck_assert(strstr(cf_error_message(),
	    "(byte 0x81 at the end of the file, a character cut short)"));
	/* UTF-8: what cf_utf8_valid refuses (a surrogate, an overlong
	 * form, a code point above U+10FFFF, which iconv lets through). */
	const char *const bad8[] = { "a\xED\xA0\x80", "a\xC0\x80",
		"a\xF4\x90\x80\x80", "a\xC3(", "a\xFE" };
	for (size_t i = 0; i < CF_ARRAY_LEN(bad8); i++) {
		ck_assert_int_eq(decode_all("UTF-8", bad8[i], strlen(bad8[i]),
				     64, &out, &line),
		    CF_EINVALID);
		ck_assert(strstr(cf_error_message(), "not valid UTF-8"));
		ck_assert_str_eq(out.s, "a");
	}
	ck_assert_int_eq(decode_all("UTF-8", "a\n\xE4\xB8", 4, 64, &out, &line),
	    CF_EINVALID);
	ck_assert_int_eq(line, 2);
	ck_assert(strstr(cf_error_message(), "at the end of the file"));
	cf_buf_release(&out);
}
END_TEST

START_TEST(test_bom)
{
	struct cf_buf out = CF_BUF_INIT;
	struct cf_decode *d;
	int fd;

	/* UTF-8 with and without its BOM. */
	ck_assert_int_eq(decode_all("UTF-8", "\xEF\xBB\xBFid\n", 6, 64, &out,
			     NULL),
	    0);
	ck_assert_uint_eq(out.len, 3);
	ck_assert(memcmp(out.s, "id\n", 3) == 0);
	ck_assert_int_eq(decode_all("UTF-8", "id\n", 3, 64, &out, NULL), 0);
	ck_assert_uint_eq(out.len, 3);
	/* GB18030's own BOM (U+FEFF, 84 31 95 33) is dropped. */
	ck_assert_int_eq(decode_all("GB18030", "\x84\x31\x95\x33id\n", 7, 64,
			     &out, NULL),
	    0);
	ck_assert_uint_eq(out.len, 3);
	ck_assert(memcmp(out.s, "id\n", 3) == 0);
	/* A file of two bytes is no BOM. */
	ck_assert_int_eq(decode_all("GB18030", "\xD6\xD0", 2, 64, &out, NULL),
	    0);
	ck_assert_str_eq(out.s, "中");
	/* A UTF-8 BOM on a file declared GB18030: the file is UTF-8. */
	ck_assert_int_eq(decode_all("GB18030", "\xEF\xBB\xBFid\n", 6, 64, &out,
			     NULL),
	    CF_EINVALID);
	ck_assert_str_eq(cf_error_message(),
	    "the file starts with a UTF-8 byte order mark but is declared "
	    "GB18030, expected GB18030 text (or the declaration "
	    "encoding=\"UTF-8\")");
	/* An unknown encoding. */
	fd = fd_of("x", 1);
	ck_assert_int_eq(cf_decode_open(&d, fd, "x", "EBCDIC"), CF_EINVALID);
	ck_assert_ptr_null(d);
	ck_assert(strstr(cf_error_message(), "unknown encoding 'EBCDIC'"));
	close(fd);
	cf_buf_release(&out);
}
END_TEST

/*
 * A UTF-8 file declared GB18030 is refused on the line of its first
 * 3- or 4-byte character, also when that comes after the first input
 * block; GB18030 text is not taken for UTF-8, even where a piece of it
 * is valid UTF-8 (一 is D2 BB).
 */
START_TEST(test_utf8_declared_gb18030)
{
	struct cf_buf out = CF_BUF_INIT, text = CF_BUF_INIT;
	size_t n;
	int line;
	char *gb;

	/* 张三 read as GB18030 is 寮犱笁: no error without the check. */
	ck_assert_int_eq(decode_all("GB18030", "id\n张三\n", 10, 64, &out,
			     &line),
	    CF_EINVALID);
	ck_assert_int_eq(line, 2);
	ck_assert(strstr(cf_error_message(), "the file is UTF-8"));
	ck_assert(strstr(cf_error_message(), "encoding=\"UTF-8\""));
	ck_assert_uint_eq(out.len, 0);
	/* Past the first 64 KiB block, lines of ASCII before it. */
	for (int i = 0; i < 5000; i++)
		cf_buf_addf(&text, "T-%05d,P-T-001,2026-03-02 09:00\r\n", i);
	ck_assert_uint_gt(text.len, BLOCK);
	cf_buf_adds(&text, "T-9,P-T-001,2026-03-02 09:00,企业\r\n");
	ck_assert_int_eq(decode_all("GB18030", text.s, text.len, 4096, &out,
			     &line),
	    CF_EINVALID);
	ck_assert_int_eq(line, 5001);
	ck_assert(strstr(cf_error_message(), "the file is UTF-8"));
	/* A 3-byte character cut by the block's end after two bytes,
	 * which GB18030 would read as one character. */
	cf_buf_reset(&text);
	while (text.len < BLOCK - 2)
		cf_buf_adds(&text, text.len % 40 == 39 ? "\n" : "a");
	ck_assert_uint_eq(text.len, BLOCK - 2);
	cf_buf_adds(&text, "企业\n");
	ck_assert_int_eq(decode_all("GB18030", text.s, text.len, 4096, &out,
			     &line),
	    CF_EINVALID);
	ck_assert(strstr(cf_error_message(), "the file is UTF-8"));
	ck_assert_int_eq(line, (int)((BLOCK - 2) / 40) + 1);
	/* ... and a UTF-8 lead cut by the end of the file is GB18030's
	 * to judge: E9 81 is one GB18030 character. */
	ck_assert_int_eq(decode_all("GB18030", "\n0,\xE9\x81", 5, 16, &out,
			     NULL),
	    0);
	ck_assert_str_eq(out.s, "\n0,閬");
	/* GB18030 that is partly valid UTF-8 reads as GB18030. */
	gb = convert("GB18030", "一,é,企业设立登记\n", 26, &n);
	ck_assert_int_eq(decode_all("GB18030", gb, n, 64, &out, NULL), 0);
	ck_assert_str_eq(out.s, "一,é,企业设立登记\n");
	free(gb);
	/* So does ASCII, and UTF-8 declared UTF-8. */
	ck_assert_int_eq(decode_all("GB18030", "a,b\n", 4, 64, &out, NULL), 0);
	ck_assert_int_eq(decode_all("UTF-8", "id\n张三\n", 10, 64, &out,
			     NULL),
	    0);
	cf_buf_release(&out);
	cf_buf_release(&text);
}
END_TEST

START_TEST(test_csv_through_decoder)
{
	struct cf_csv *c;
	struct cf_decode *d;
	size_t n, len;
	char *gb;
	int fd;
	/* The third record holds a byte that is not GB18030. */
	struct cf_buf text = CF_BUF_INIT;

	gb = convert("GB18030", chinese, sizeof chinese - 1, &n);
	fd = fd_of(gb, n);
	ck_assert_int_eq(cf_decode_open(&d, fd, "gb.csv", "GB18030"), 0);
	cf_csv_open_decode(&c, d, "gb.csv");
	ck_assert_int_eq(cf_csv_next(c), 1);
	ck_assert_str_eq(cf_csv_value(c, 0, &len), "办件编号");
	ck_assert_uint_eq(len, strlen("办件编号"));
	ck_assert_int_eq(cf_csv_next(c), 1);
	ck_assert_str_eq(cf_csv_value(c, 3, NULL), "窗口受理");
	ck_assert_int_eq(cf_csv_next(c), 1);
	ck_assert_int_eq(cf_csv_next(c), 1);
	ck_assert_int_eq(cf_csv_line(c), 4);
	ck_assert_str_eq(cf_csv_value(c, 3, NULL), "窗口\n受理");
	ck_assert_int_eq(cf_csv_next(c), 1);
	ck_assert_int_eq(cf_csv_line(c), 6);
	ck_assert_str_eq(cf_csv_value(c, 3, NULL), "𠮷é㐀");
	ck_assert_int_eq(cf_csv_next(c), 0);
	cf_csv_free(c);
	cf_decode_free(d);
	close(fd);
	free(gb);

	cf_buf_adds(&text, "a,b\r\n1,2\r\n3,\xFF\r\n5,6\r\n");
	fd = fd_of(text.s, text.len);
	ck_assert_int_eq(cf_decode_open(&d, fd, "bad.csv", "GB18030"), 0);
	cf_csv_open_decode(&c, d, "bad.csv");
	ck_assert_int_eq(cf_csv_next(c), 1);
	ck_assert(!cf_csv_encoding_error(c));
	ck_assert_int_eq(cf_csv_next(c), 1);
	ck_assert_int_eq(cf_csv_next(c), CF_EINVALID);
	ck_assert(cf_csv_encoding_error(c));
	ck_assert_int_eq(cf_csv_line(c), 3);
	ck_assert(strstr(cf_error_message(), "not valid GB18030 (byte 0xFF)"));
	ck_assert_int_eq(cf_csv_next(c), 0); /* the reader is at the end */
	cf_csv_free(c);
	cf_decode_free(d);
	close(fd);

	/* Invalid UTF-8 in a plain CSV is an encoding error too. */
	fd = fd_of("a,b\n1,\xC9\xFA\n", 10);
	ck_assert_int_eq(cf_csv_open_fd(&c, fd, "u.csv"), 0);
	ck_assert_int_eq(cf_csv_next(c), 1);
	ck_assert_int_eq(cf_csv_next(c), CF_EINVALID);
	ck_assert(cf_csv_encoding_error(c));
	ck_assert_int_eq(cf_csv_line(c), 2);
	cf_csv_free(c);
	close(fd);
	/* ... and a CSV syntax error is not. */
	fd = fd_of("a,b\n1,x\"y\n", 10);
	ck_assert_int_eq(cf_csv_open_fd(&c, fd, "q.csv"), 0);
	ck_assert_int_eq(cf_csv_next(c), 1);
	ck_assert_int_eq(cf_csv_next(c), CF_EINVALID);
	ck_assert(!cf_csv_encoding_error(c));
	cf_csv_free(c);
	close(fd);
	cf_buf_release(&text);
}
END_TEST

Suite *
decode_suite(void)
{
	Suite *s = suite_create("decode");
	TCase *tc = tcase_create("decode");

	tcase_add_checked_fixture(tc, tmp_setup, tmp_teardown);
	tcase_add_test(tc, test_gb18030_round_trip);
	tcase_add_test(tc, test_split_across_blocks);
	tcase_add_test(tc, test_bad_bytes);
	tcase_add_test(tc, test_bom);
	tcase_add_test(tc, test_utf8_declared_gb18030);
	tcase_add_test(tc, test_csv_through_decoder);
	suite_add_tcase(s, tc);
	return s;
}
