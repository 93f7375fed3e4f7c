/* SPDX-License-Identifier: MIT */
/*
 * decode.h - a file in a declared encoding read as UTF-8, as a stream.
 *
 * Case logs come from Chinese Windows in GB18030 (GBK and GB2312 are
 * subsets of it) as often as in UTF-8.  A cf_decode reads a descriptor
 * in blocks and hands out UTF-8 bytes through glibc's iconv, holding
 * one block of input and one of output, never the file; a character cut
 * between two blocks is carried over.  A byte order mark at the start
 * (U+FEFF in the declared encoding) is dropped.  A byte sequence that is
 * not valid in the declared encoding stops the reading with CF_EINVALID,
 * "not valid GB18030 (byte 0xNN), expected ..." and cf_decode_line()
 * the physical line of the source it is on (LF, CRLF and a lone CR end
 * a line, as the CSV reader counts them).  A UTF-8 byte order mark at
 * the start of a file declared GB18030 is refused too: the file is
 * UTF-8, and read as GB18030 it would turn into other characters; so
 * is a file declared GB18030 whose first block is valid UTF-8 with
 * 3- or 4-byte characters in it (Chinese text in UTF-8), on the line
 * of the first of them.
 *
 * Encodings: "UTF-8" (also "UTF8"), and "GB18030" with the aliases
 * "GBK", "GB2312" and "CP936", all read as GB18030; names compare
 * without regard to case.
 */
#ifndef CF_DECODE_H
#define CF_DECODE_H

#include <stddef.h>
#include <sys/types.h>

struct cf_decode;

/*
 * The canonical name ("UTF-8", "GB18030") of an encoding name, or NULL
 * when conform does not read it.
 */
const char *cf_encoding_canon(const char *name);

/*
 * Opens a decoder of `fd` (read from its current offset, not closed)
 * in `encoding`; `name` is the file name read errors name.  CF_EINVALID
 * when the encoding is not one of the above ("unknown encoding 'X',
 * expected UTF-8 or GB18030"); CF_ERROR when iconv cannot be opened.
 */
int cf_decode_open(struct cf_decode **out, int fd, const char *name,
    const char *encoding);

void cf_decode_free(struct cf_decode *d);

/* The canonical name of the decoder's encoding. */
const char *cf_decode_encoding(const struct cf_decode *d);

/*
 * Fills buf[0..size) (size >= 16) with the next UTF-8 bytes: returns
 * how many (> 0), 0 at the end of the file, CF_EINVALID for bytes not
 * valid in the encoding (the message says which; reading is over), or
 * CF_ERROR for a read error.  Only whole characters are handed out.
 */
ssize_t cf_decode_read(struct cf_decode *d, char *buf, size_t size);

/* The physical line (from 1) of the last bad byte, or of the input
 * read so far. */
int cf_decode_line(const struct cf_decode *d);

#endif
