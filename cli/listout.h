/* SPDX-License-Identifier: MIT */
/*
 * listout.h - where a listing command writes (doc/command-line.md#output):
 * its --format, --excel and -o FILE, declared once here and parsed by
 * one rule (listing.h's cf_format_for_output), so that every listing
 * takes the same options and refuses the same mistakes.
 *
 * cf_listout_parse() before any work (a usage error leaves nothing
 * done); cf_listout_open() gives the stream (stdout, or a temporary
 * file beside -o FILE) with the byte order mark of --excel written;
 * cf_listout_close() puts FILE in place when the command succeeded
 * (nothing is left when it did not) and says on stderr what it wrote
 * where: "conform: wrote the NCR register to ncr.xlsx (xlsx)".
 */
#ifndef CF_LISTOUT_H
#define CF_LISTOUT_H

#include <stdio.h>

#include "listing.h"
#include "paths.h"

struct cf_cmd;

#define CF_LISTOUT_OPTIONS_                                                    \
	CF_OPT_STRING_(0, "format", "FORMAT",                                  \
	    "table (default), csv, json or xlsx (xlsx needs -o FILE)"),        \
	    CF_OPT_FLAG_(0, "excel",                                           \
		"CSV for Excel: a UTF-8 byte order mark first (implies "       \
		"csv)"),                                                       \
	    CF_OPT_STRING_('o', "output", "FILE",                              \
		"write to FILE, whole or not at all; its extension (.txt, "    \
		".csv, .json, .xlsx) gives the format or must match "          \
		"--format; - for stdout")

struct cf_listout {
	enum cf_format fmt;
	const char *path; /* -o FILE; NULL for stdout */
	FILE *f;	  /* after cf_listout_open: where to write */
	struct cf_outfile o;
};

int cf_listout_parse(struct cf_cmd *cmd, struct cf_listout *lo);
int cf_listout_open(struct cf_cmd *cmd, struct cf_listout *lo);
/* `rc` is the command's result so far: negative, the file is dropped. */
int cf_listout_close(struct cf_cmd *cmd, struct cf_listout *lo, int rc,
    const char *what);

/*
 * Says on stderr what a command wrote where (doc/command-line.md#output-files):
 * "conform: wrote WHAT to PATH (FORMAT)", PATH with its control
 * characters escaped.  The reports say it too.
 */
void cf_cli_wrote(struct cf_cmd *cmd, const char *what, const char *path,
    const char *format);

#endif
