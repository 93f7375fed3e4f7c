/* SPDX-License-Identifier: MIT */
/*
 * fuzz-xes.c - XES logs through the import's reading half (cases/rows.c
 * over cases/xes.c: libxml2's streaming reader behind zlib's gzread,
 * the prolog scan that refuses a DOCTYPE, the trace walk, attributes as
 * JSON).  The input is the file's bytes, plain XML or gzip (gzread
 * tells them apart); fuzz-xes-gz compresses its input first, so that
 * XML mutations also travel through the gzip path.
 */
#include "fuzz.h"
#include "fuzz-rows.h"
#include "xml.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	cf_xml_init();
	fuzz_rows_init();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_rows_stats st;

	fuzz_rows(data, size, true, &st);
	return 0;
}
