/* SPDX-License-Identifier: MIT */
/*
 * wsinit.h - creating a workspace (doc/command-line.md): the git repository on
 * main (through libgit2), the four document folders, .conform/ with the config
 * and the migrated database, the exclude entry, and a first commit holding the
 * official calendars shipped with conform, recorded in the trail.  An existing
 * workspace or git repository is refused; if anything fails, what was created
 * is removed again.
 */
#ifndef CF_WSINIT_H
#define CF_WSINIT_H

#include "mem.h"

struct cf_wsinit_result {
	char commit[41];	  /* the first commit */
	struct cf_strv calendars; /* their paths; the caller releases */
};

int cf_wsinit(const char *root, const char *zone, struct cf_wsinit_result *res);

#endif
