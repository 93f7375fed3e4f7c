/* SPDX-License-Identifier: MIT */
/*
 * fuzz-xes-gz.c - XES logs through the gzip path of the import's reader.
 *
 * The input's first byte chooses how to cut the compressed stream (0:
 * whole, else keep that share of it in 255ths, to reach "cut short");
 * the rest is the XES text, gzip-compressed here, then read as the
 * import reads a .xes.gz.  A whole stream must read exactly as the plain
 * bytes do: same rows, same outcome.
 */
#include "fuzz.h"
#include "fuzz-rows.h"
#include "xml.h"

#include <zlib.h>

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	cf_xml_init();
	fuzz_rows_init();
	return 0;
}

static uint8_t *
gzip_of(const uint8_t *data, size_t size, size_t *out_len)
{
	z_stream z;
	size_t cap = compressBound((uLong)size) + 64;
	uint8_t *out = cf_xmalloc(cap);

	memset(&z, 0, sizeof z);
	FUZZ_CHECK(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8,
		       Z_DEFAULT_STRATEGY) == Z_OK,
	    "deflateInit2");
	z.next_in = (Bytef *)data;
	z.avail_in = (uInt)size;
	z.next_out = out;
	z.avail_out = (uInt)cap;
	FUZZ_CHECK(deflate(&z, Z_FINISH) == Z_STREAM_END, "deflate");
	*out_len = cap - z.avail_out;
	deflateEnd(&z);
	return out;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_rows_stats plain, gz;
	uint8_t *z;
	size_t zlen;
	int cut, rc_plain, rc_gz;

	if (size < 1)
		return 0;
	cut = data[0];
	data++, size--;
	z = gzip_of(data, size, &zlen);
	if (cut)
		zlen = zlen * (size_t)cut / 256;
	rc_gz = fuzz_rows(z, zlen, true, &gz);
	if (cut == 0 && size > 0 &&
	    !(size >= 2 && data[0] == 0x1f && data[1] == 0x8b)) {
		/* A whole stream reads as its plain bytes do. */
		rc_plain = fuzz_rows(data, size, true, &plain);
		FUZZ_CHECK(rc_plain == rc_gz && plain.cases == gz.cases &&
			plain.events == gz.events && plain.bad == gz.bad &&
			plain.rows == gz.rows,
		    "gzip read differs from plain: rc %d/%d cases %zu/%zu "
		    "events %zu/%zu bad %zu/%zu",
		    rc_plain, rc_gz, plain.cases, gz.cases, plain.events,
		    gz.events, plain.bad, gz.bad);
	}
	free(z);
	return 0;
}
