/* SPDX-License-Identifier: MIT */
/*
 * evidence-impl.h - what the files of the evidence pack share (see
 * evidence.h for the pack itself): evidence-rates.c (the rates, pure),
 * evidence-manifest.c (the manifest and the walk of a pack folder),
 * evidence-pack.c (writing a pack) and evidence-verify.c (verifying
 * one).  Not for use outside reports/evidence-*.c.
 */
#ifndef CF_EVIDENCE_IMPL_H
#define CF_EVIDENCE_IMPL_H

#include <stdbool.h>
#include <stddef.h>

#include "evidence.h"
#include "mem.h"

/* The result of procedure `id` among `res`, or NULL. */
const struct cf_proc_result *
cf_ev_find_result(const struct cf_proc_result *res, size_t nr, const char *id);

/*
 * Appends the path (relative to `root`, '/'-separated) of every regular
 * file below `root`/`rel` to `files`, in no particular order.
 * CF_EINVALID for anything but regular files and folders.
 */
int cf_ev_walk(const char *root, const char *rel, struct cf_strv *files);

/* Removes the folder `path` and everything below it. */
void cf_ev_rmtree(const char *path);


#endif
