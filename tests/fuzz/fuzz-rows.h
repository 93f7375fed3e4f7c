/* SPDX-License-Identifier: MIT */
/*
 * fuzz-rows.h - reads a case log through the import's reading half
 * (cases/rows.c: CSV or XES into checked rows) and checks every row:
 * what a good row holds is well formed (ids, times in order, local
 * times that read back as the instant, materials normalised, unique
 * attribute keys), a bad row's message is one line of UTF-8, and each
 * row survives the packing that carries it to the writing thread.
 */
#ifndef CF_FUZZ_ROWS_H
#define CF_FUZZ_ROWS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct fuzz_rows_stats {
	size_t cases, events, bad, ends;
	int64_t rows;
};

/* Reads data as CSV (xes false) or XES; returns cf_rows_read's code. */
int fuzz_rows(const uint8_t *data, size_t size, bool xes,
    struct fuzz_rows_stats *st);

void fuzz_rows_init(void);

/* The encoding fuzz_rows declares for CSV (cf_rows_opts.encoding). */
extern const char *fuzz_rows_encoding;

#endif
