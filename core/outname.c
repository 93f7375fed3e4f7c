/* SPDX-License-Identifier: MIT */
/*
 * outname.c - the format an output name claims (see outname.h).
 */
#include "conform.h"
#include "outname.h"

#include <string.h>
#include <strings.h>

/* ".a, .b or .c": the extensions of `fmt` (every one when fmt < 0). */
static void
join_exts(struct cf_buf *b, const struct cf_outname_ext *tab, size_t n,
    int fmt)
{
	size_t count = 0, k = 0;

	for (size_t i = 0; i < n; i++)
		if (fmt < 0 || tab[i].fmt == fmt)
			count++;
	for (size_t i = 0; i < n; i++) {
		if (fmt >= 0 && tab[i].fmt != fmt)
			continue;
		if (k)
			cf_buf_adds(b, k + 1 == count ? " or " : ", ");
		cf_buf_addf(b, ".%s", tab[i].ext);
		k++;
	}
}

int
cf_outname_format(int *out, const char *path, int given, int def,
    const struct cf_outname_ext *tab, size_t n, const char *(*name)(int))
{
	const char *base = strrchr(path, '/'), *dot;
	const struct cf_outname_ext *known = NULL;
	struct cf_buf b = CF_BUF_INIT;
	int rc;

	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	/* "-" is stdout; a leading dot is a hidden name, not an extension */
	if (strcmp(path, "-") == 0 || dot == NULL || dot == base) {
		*out = given >= 0 ? given : def;
		return 0;
	}
	for (size_t i = 0; i < n && known == NULL; i++)
		if (strcasecmp(dot + 1, tab[i].ext) == 0)
			known = &tab[i];
	if (known && (given < 0 || known->fmt == given)) {
		*out = known->fmt;
		return 0;
	}
	if (given < 0) {
		join_exts(&b, tab, n, -1);
		rc = cf_error_set(CF_EUSAGE,
		    "-o %s: '%s' names no format this command writes; "
		    "expected %s (or --format and a name to match)",
		    path, dot, b.s);
	} else {
		join_exts(&b, tab, n, given);
		rc = cf_error_set(CF_EUSAGE,
		    "-o %s: '%s' does not match --format %s; expected %s",
		    path, dot, name(given), b.s);
	}
	cf_buf_release(&b);
	return rc;
}
