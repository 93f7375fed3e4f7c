/* SPDX-License-Identifier: MIT */
/*
 * outname.h - the format an output file's name claims
 * (doc/command-line.md#output-files), one rule for the reports and the
 * listings: a known extension (any case) gives the format when --format
 * is absent and must match it when given; a name without one (no dot,
 * a leading dot only, or "-" for stdout) claims nothing and takes
 * --format, else the default.  Anything else is a usage error, and the
 * caller writes nothing.
 */
#ifndef CF_OUTNAME_H
#define CF_OUTNAME_H

#include <stddef.h>

/* One extension (without the dot) and the format it names. */
struct cf_outname_ext {
	const char *ext;
	int fmt;
};

/*
 * Sets *out to the format of a file named `path` given `--format`
 * `given` (already parsed; -1 when absent) and `def` when neither says;
 * `tab` lists every extension of every format the caller writes (the
 * first of a format is the one named in messages; a message joins them
 * as ".a, .b or .c").  `name(fmt)` is a format's name.  CF_EUSAGE on an
 * extension no format of `tab` has, or one that does not match `given`.
 */
int cf_outname_format(int *out, const char *path, int given, int def,
    const struct cf_outname_ext *tab, size_t n, const char *(*name)(int));

#endif
