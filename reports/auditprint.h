/* SPDX-License-Identifier: MIT */
/*
 * auditprint.h - printing a stored audit (doc/audits.md), shared by `audit
 * run` (which stores first, then prints what it stored) and `audit
 * show`, so that both print the same thing and a re-run prints the
 * same bytes.  Nothing that differs between runs (the audit's number,
 * times) is printed on stdout; `audit run` says the number on stderr.
 *
 *   table: the findings (fail and error, or every one with --all),
 *          then the audit's head and one summary line per check;
 *   csv:   only the finding rows, under doc/audits.md's exact header; the
 *          summary goes to stderr;
 *   xlsx:  the same rows as a workbook's sheet "findings"; the summary
 *          goes to stderr;
 *   json:  one document: head, checks (with counts) and findings.
 */
#ifndef CF_AUDITPRINT_H
#define CF_AUDITPRINT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "listing.h"

struct cf_store;
struct cf_audit_head;
struct cf_audit_checkrow;

/* doc/audits.md's finding columns, in order: check ... detail. */
#define CF_FINDING_COLUMNS 8
extern const struct cf_column cf_finding_columns[CF_FINDING_COLUMNS];

int cf_auditprint(FILE *out, FILE *err, struct cf_store *st, int64_t id,
    bool all, enum cf_format fmt);

/* Only the audit's head and the summary per check (for conform demo). */
int cf_auditprint_summary(FILE *out, struct cf_store *st, int64_t id);

/*
 * The conformity rate of a check as text, "97.9 %" (pass / (pass +
 * fail), rounded half up to one decimal in integer arithmetic), or "-"
 * when nothing was judged.
 */
void cf_conformity_text(int64_t pass, int64_t fail, char *buf, size_t size);

/*
 * The sample's figure of check c (doc/audits.md#sampling) as two cells:
 * "38 of 59" and "7.58 %, above tolerable 5 %" ("none (no case judged)");
 * both empty for a check or an audit that has none.  For tables.
 */
void cf_sample_figure_cells(const struct cf_audit_head *h,
    const struct cf_audit_checkrow *c, char *judged, size_t jsize, char *limit,
    size_t lsize);

#endif
