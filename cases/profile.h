/* SPDX-License-Identifier: MIT */
/*
 * profile.h - an import profile as `cases import --profile ID` uses it
 * (doc/cases.md "Import profiles"): the version in force looked up in
 * the document index, and the strict reading of a time by the format a
 * profile gives one of its fields.
 *
 * The profile in force is the latest version of profiles/ID.xml on
 * main (profiles have no effective-from: a version takes effect when it
 * is committed, as checklists do), and it must be approved (signed, or
 * recorded by `doc commit --approved-by`, and not by its author): an
 * import reads records through it, so an unapproved mapping would let
 * anyone change what the records say.  The mapping itself (header to
 * fields, value maps) is applied by the CSV reader (rows.c).
 */
#ifndef CF_PROFILE_H
#define CF_PROFILE_H

#include <stddef.h>

#include "date.h"
#include "document.h"

struct cf_docindex;
struct cf_docversion;

/*
 * The profile `id` in force in `idx` (borrowed from the index, which
 * must outlive it) and its version (NULL allowed).  CF_ENOTFOUND when
 * no profile of that id is on main (or it was deleted); CF_EINVALID
 * when its latest version does not validate or is not approved, with
 * the reason and what to do.
 */
int cf_profile_in_force(struct cf_docindex *idx, const char *id,
    const struct cf_profile **out, const struct cf_docversion **ver);

/*
 * Whether this build can read files through `p`: CF_EINVALID (one
 * line naming the profile and the attribute) for a kind the import
 * does not read; every kind (cases, events, evaluations) is read now.
 */
int cf_profile_usable(const struct cf_profile *p);

/*
 * Reads s[0..n) strictly by `format` (cf_profile_format_check's
 * directives: %Y four digits; %m %d %H %M %S one or two; %f one to
 * nine; %z Z, +hh:mm or +hhmm; any other character itself).  Without
 * %z the time is in `tz`; without %H it is 00:00.  The day and the time
 * must exist.  0, or CF_EINVALID.
 */
int cf_profile_time_parse(struct cf_time *out, const char *s, size_t n,
    const char *format, struct cf_tz *tz);

#endif
