/* SPDX-License-Identifier: MIT */
/*
 * reader.h - the audit's one-pass read of the case records (PLACEHOLDER
 * interface: bound to the import's store at merge).
 */
#ifndef CF_READER_H
#define CF_READER_H

#include "date.h"
#include "mem.h"
#include "record.h"

struct cf_store;
struct cf_reader;

/* Cases of the procedures matching `scope` accepted on days from..to. */
int cf_reader_open(struct cf_reader **out, struct cf_store *st,
    struct cf_tz *tz, const char *scope, cf_day from, cf_day to);
/* 1 with the next case (valid until the next call), 0 at the end. */
int cf_reader_next(struct cf_reader *r, const struct cf_case **out);
void cf_reader_free(struct cf_reader *r);
/* The ids of those cases, in order. */
int cf_reader_ids(struct cf_store *st, const char *scope, cf_day from,
    cf_day to, struct cf_strv *ids);
/* The earliest stored acceptance day; CF_ENOTFOUND with no case. */
int cf_reader_first_day(struct cf_store *st, cf_day *out);
/* Every import batch: its SHA-256 and file name. */
int cf_reader_batches(struct cf_store *st, struct cf_strv *sha,
    struct cf_strv *files);

#endif
