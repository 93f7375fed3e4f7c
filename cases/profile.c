/* SPDX-License-Identifier: MIT */
/*
 * profile.c - the import profile in force and its time formats (see
 * profile.h).
 *
 * A time read by a format is matched directive by directive, then
 * written as a doc/cases.md timestamp and handed to cf_time_parse, so
 * that what "a day that exists", "a time of day" and "in the zone"
 * mean is decided in one place (core/date.c).
 */
#include "conform.h"
#include "docindex.h"
#include "profile.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

int
cf_profile_in_force(struct cf_docindex *idx, const char *id,
    const struct cf_profile **out, const struct cf_docversion **ver)
{
	struct cf_docversion *const *h;
	const struct cf_docversion *v;
	const struct cf_doc *doc;
	size_t n;

	*out = NULL;
	if (ver)
		*ver = NULL;
	h = cf_docindex_history(idx, CF_DOC_PROFILE, id, &n);
	if (n == 0 || h[n - 1]->deleted)
		return cf_error_set(CF_ENOTFOUND,
		    "no profile '%s' committed on main%s, expected "
		    "profiles/%s.xml committed with 'conform doc commit'",
		    id, n ? " (it was deleted)" : "", id);
	v = h[n - 1];
	if (cf_docindex_doc(idx, v, &doc) < 0)
		return cf_error_set(CF_EINVALID,
		    "profile '%s' does not validate: %s", id,
		    v->invalid ? v->invalid : cf_error_message());
	if (v->approver_name == NULL ||
	    (v->approval && strcmp(v->approval, "claimed") == 0) ||
	    cf_docversion_self_approved(v))
		return cf_error_set(CF_EINVALID,
		    "profile '%s' of commit %.12s is not approved (%s), "
		    "expected an approval by someone other than its author "
		    "('conform doc approve' or 'doc commit --approved-by') "
		    "before an import reads records through it",
		    id, v->commit,
		    v->approver_name == NULL
			? (v->approval_note ? v->approval_note
					    : "no Approved-by")
			: cf_docversion_self_approved(v)
			? "approved by its author"
			: "the approval is claimed, not recorded or signed");
	*out = &doc->u.profile;
	if (ver)
		*ver = v;
	return 0;
}

int
cf_profile_usable(const struct cf_profile *p)
{
	(void)p; /* every kind is imported (evaluations since doc/cases.md
		  * "Evaluations") */
	return 0;
}

/* Up to `max` digits at s[*i..n), at least `min`; -1 when too few. */
static long
digits(const char *s, size_t n, size_t *i, int min, int max)
{
	long v = 0;
	int k = 0;

	while (*i < n && k < max && s[*i] >= '0' && s[*i] <= '9') {
		v = v * 10 + (s[*i] - '0');
		(*i)++;
		k++;
	}
	return k < min ? -1 : v;
}

int
cf_profile_time_parse(struct cf_time *out, const char *s, size_t n,
    const char *format, struct cf_tz *tz)
{
	long y = -1, mo = -1, d = -1, h = 0, mi = 0, sec = 0;
	char frac[10] = "", off[8] = "";
	size_t i = 0;
	char iso[64];
	int len;

	for (const char *f = format; *f; f++) {
		if (*f != '%' || f[1] == '%') {
			if (*f == '%')
				f++;
			if (i >= n || s[i] != *f)
				goto no;
			i++;
			continue;
		}
		switch (*++f) {
		case 'Y':
			y = digits(s, n, &i, 4, 4);
			break;
		case 'm':
			mo = digits(s, n, &i, 1, 2);
			break;
		case 'd':
			d = digits(s, n, &i, 1, 2);
			break;
		case 'H':
			h = digits(s, n, &i, 1, 2);
			break;
		case 'M':
			mi = digits(s, n, &i, 1, 2);
			break;
		case 'S':
			sec = digits(s, n, &i, 1, 2);
			break;
		case 'f': {
			size_t k = 0;
			while (i < n && k < 9 && s[i] >= '0' && s[i] <= '9')
				frac[k++] = s[i++];
			frac[k] = '\0';
			if (k == 0)
				goto no;
			break;
		}
		case 'z':
			if (i < n && s[i] == 'Z') {
				strcpy(off, "Z");
				i++;
			} else if (i < n && (s[i] == '+' || s[i] == '-')) {
				char sign = s[i++];
				long oh = digits(s, n, &i, 2, 2), om;
				if (i < n && s[i] == ':')
					i++;
				om = digits(s, n, &i, 2, 2);
				if (oh < 0 || om < 0)
					goto no;
				snprintf(off, sizeof off, "%c%02ld:%02ld", sign,
				    oh, om);
			} else
				goto no;
			break;
		default:
			goto no; /* cf_profile_format_check refuses it */
		}
		/* digits() gives -1 when the directive's digits are not
		 * there */
		if ((*f == 'Y' && y < 0) || (*f == 'm' && mo < 0) ||
		    (*f == 'd' && d < 0) || h < 0 || mi < 0 || sec < 0)
			goto no;
	}
	if (i != n || y < 0 || mo < 0 || d < 0)
		goto no;
	len = snprintf(iso, sizeof iso, "%04ld-%02ld-%02ld %02ld:%02ld:%02ld%s%s%s",
	    y, mo, d, h, mi, sec, *frac ? "." : "", frac, off);
	if (len < 0 || (size_t)len >= sizeof iso ||
	    cf_time_parse(out, iso, (size_t)len, tz) < 0)
		goto no;
	return 0;
no:
	return cf_error_set(CF_EINVALID, "not of the form %s", format);
}
