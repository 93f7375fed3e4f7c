/* SPDX-License-Identifier: MIT */
/*
 * stats.h - counts of the stored cases (`conform cases stats`).
 *
 * Per procedure, window, channel and month of acceptance (local, the
 * workspace zone the records were imported under), then all cases:
 * how many cases, how many completed, how many pending (no completion
 * recorded).  Groups come in that order, each sorted by its value as
 * bytes; a value not recorded (no window, no channel) is a group of its
 * own, given as NULL, sorted first.  The "all" row comes even when no
 * case is stored (with zeros).
 */
#ifndef CF_STATS_H
#define CF_STATS_H

#include <stdint.h>

#include "store.h"

struct cf_stats_row {
	const char *by; /* "procedure", "window", "channel", "month", "all" */
	const char *value; /* NULL: not recorded (or "all") */
	int64_t cases, completed, pending;
};

typedef void (*cf_stats_fn)(const struct cf_stats_row *row, void *payload);

/* Calls fn once per group; the row is borrowed for the call. */
int cf_cases_stats(struct cf_store *st, cf_stats_fn fn, void *payload);

#endif
