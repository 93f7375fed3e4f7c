/* SPDX-License-Identifier: MIT */
/*
 * names.h - the titles people read beside ids: a procedure's title and
 * department, a window's departments (doc/reports.md, "Names").
 *
 * Reports, listings and charts show "P-BIZ-001 企业设立登记" rather
 * than a bare id.  The names come from the procedures: each procedure
 * id is named by its version in force on the day asked (an audit's last
 * day, today for a listing), or, when none is in force then (not yet,
 * deleted, or invalid), by its latest valid version on main, so an id
 * that cases still carry keeps a name.  No document names a window, so
 * a window is named by the departments of the procedures it serves
 * ("W03 市场监督管理局"; several joined by "、", bytewise order).
 *
 * The table is built once (one parse per procedure, usually cached by
 * the index) and answers by binary search; names are borrowed from it.
 */
#ifndef CF_NAMES_H
#define CF_NAMES_H

#include "date.h"

struct cf_docindex;
struct cf_names;

/* Builds the names as on `day` from the index (borrowed while building). */
int cf_names_build(struct cf_names **out, struct cf_docindex *idx, cf_day day);
/* An empty table: every lookup says NULL (no documents to name from). */
struct cf_names *cf_names_empty(void);
void cf_names_free(struct cf_names *n);

/* The procedure's title; NULL when the id names no procedure. */
const char *cf_names_procedure(const struct cf_names *n, const char *id);
/* Its department; NULL when none is written. */
const char *cf_names_department(const struct cf_names *n, const char *id);
/* The departments of the window's procedures; NULL when none. */
const char *cf_names_window(const struct cf_names *n, const char *window);

#endif
