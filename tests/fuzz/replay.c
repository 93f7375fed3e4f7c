/* SPDX-License-Identifier: MIT */
/*
 * replay.c - main() of a fuzz target built without libFuzzer: runs the
 * target once on each file named on the command line (as a libFuzzer
 * binary does when given files), so `make check` replays the inputs
 * kept in tests/fuzz/regress/ with any compiler, under valgrind too.
 */
#include "fuzz.h"

int
main(int argc, char **argv)
{
	LLVMFuzzerInitialize(&argc, &argv);
	for (int i = 1; i < argc; i++) {
		char *buf = NULL;
		size_t len = 0;
		FILE *f = fopen(argv[i], "rb");
		struct cf_buf b = CF_BUF_INIT;
		char chunk[65536];
		size_t n;

		if (f == NULL) {
			perror(argv[i]);
			return 2;
		}
		while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
			cf_buf_add(&b, chunk, n);
		fclose(f);
		len = b.len;
		/* A copy of exactly len bytes, so that reading past the
		 * input is seen by ASan and valgrind as it is by libFuzzer. */
		buf = cf_xmalloc(len ? len : 1);
		memcpy(buf, b.s, len);
		cf_buf_release(&b);
		LLVMFuzzerTestOneInput((const uint8_t *)buf, len);
		free(buf);
	}
	return 0;
}
