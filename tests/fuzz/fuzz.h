/* SPDX-License-Identifier: MIT */
/*
 * fuzz.h - what every fuzz target shares.
 *
 * Each tests/fuzz/fuzz-*.c defines LLVMFuzzerTestOneInput().  Built with
 * `./configure --enable-fuzz` the target links libFuzzer (clang,
 * -fsanitize=fuzzer,address,undefined) and `make fuzz` runs it; in every
 * other build it links replay.c instead, a main() that feeds it the
 * files named on its command line, so that `make check` replays every
 * input that once crashed (tests/fuzz/regress/TARGET/) with any compiler.
 *
 * Beyond "no crash, no leak, no sanitizer report", targets check what
 * the code promises (FUZZ_CHECK): a parse that succeeds round-trips, an
 * error message is one line of UTF-8, nothing read is lost or invented.
 * A broken promise aborts, which libFuzzer reports as a crash with the
 * input saved.
 */
#ifndef CF_FUZZ_H
#define CF_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conform.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

#define FUZZ_CHECK(cond, ...)                                                  \
	do {                                                                   \
		if (!(cond)) {                                                 \
			fprintf(stderr,                                        \
			    "%s:%d: fuzz check failed: %s: ", __FILE__,        \
			    __LINE__, #cond);                                  \
			fprintf(stderr, __VA_ARGS__);                          \
			fputc('\n', stderr);                                   \
			abort();                                               \
		}                                                              \
	} while (0)

/* A message a person reads: one line (no control byte), valid UTF-8. */
static inline void
fuzz_check_message(const char *what, const char *msg)
{
	size_t n = strlen(msg);

	FUZZ_CHECK(cf_utf8_valid(msg, n, NULL), "%s is not UTF-8: %s", what,
	    msg);
	for (size_t i = 0; i < n; i++)
		FUZZ_CHECK((unsigned char)msg[i] >= 0x20 && msg[i] != 0x7f,
		    "%s has control byte 0x%02x: %s", what,
		    (unsigned char)msg[i], msg);
}

/* Every problem, as printed: one line each. */
static inline void
fuzz_check_diags(const struct cf_diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		char *s = cf_diag_format(&d->v[i]);
		fuzz_check_message("diagnostic", s);
		free(s);
	}
}

/*
 * A descriptor holding `data`, read from offset 0 (the readers take
 * descriptors): an anonymous memory file.
 */
int fuzz_fd(const uint8_t *data, size_t size);

/*
 * The keys of a JSON object conform wrote (cf_attrs): every key must
 * be unique, or a value is lost to whoever reads the object.  Aborts
 * when two keys are equal or the text is not such an object.
 */
void fuzz_check_json_keys(const char *json);

#endif
