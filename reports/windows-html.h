/* SPDX-License-Identifier: MIT */
/*
 * windows-html.h - the window scorecard (红旗窗口评比) of an audit as
 * HTML, for the audit report and the management review
 * (doc/reports.md "Window scorecard"): the ranking as a table, the
 * red-flag windows marked, a chart of the scores and one chart per
 * measure.
 */
#ifndef CF_WINDOWS_HTML_H
#define CF_WINDOWS_HTML_H

#include <stddef.h>
#include <stdio.h>

#include "auditdb.h"
#include "listing.h"

/*
 * Writes the scorecard `sc` of an audit whose checks are `checks` (n of
 * them, for the measures' titles).  `name_of` (may be NULL) gives a
 * window's departments for its label, or NULL.  0, or CF_EINVALID when
 * the exact score does not fit (audits/scorecard.h).
 */
int cf_windows_html(FILE *f, const struct cf_auditdb_scorecard *sc,
    const struct cf_audit_checkrow *checks, size_t nchecks,
    const char *(*name_of)(const char *window, void *arg), void *arg);

/*
 * The ranking as a listing (`report windows`, and the evidence pack's
 * audits/audit-NNNN-windows.csv): rank, window, score, red_flag, then
 * one column per measure (its check id), values and scores as tenths
 * of a percent in text ("81.3"), empty (null in JSON, "-" in a table)
 * where there is none.  0, CF_EINVALID as above, or CF_ERROR on a
 * write error.
 */
int cf_windows_listing(FILE *f, enum cf_format fmt,
    const struct cf_auditdb_scorecard *sc);

#endif
