/* SPDX-License-Identifier: MIT */
/*
 * labels.h - the words a page shows for conform's tokens: a result,
 * a severity, a grade, an NCR state, a check type, a document type,
 * the overall conclusion, an NCR's role in an audit (doc/reports.md,
 * "Labels").  One table for every report writer, so a token reads the
 * same everywhere: Chinese first, English beside ("不符合 fail").
 *
 * Machine outputs (XML, CSV, JSON) keep the tokens their schemas
 * define; the labels are for pages people read (HTML, text).  A token
 * the table does not know comes back unchanged, so a new token shows
 * as itself rather than as nothing.
 */
#ifndef CF_LABELS_H
#define CF_LABELS_H

#include "checks.h"

/* What a token names: the table has one namespace per kind. */
enum cf_label_kind {
	CF_LABEL_RESULT,     /* pass fail na error */
	CF_LABEL_SEVERITY,   /* major minor observation */
	CF_LABEL_OVERALL,    /* major-nonconformity minor-nonconformity
				conforming */
	CF_LABEL_NCR_STATE,  /* open analysed ... rejected */
	CF_LABEL_CHECK_TYPE, /* on-time fee ... sql */
	CF_LABEL_DOC_TYPE,   /* procedure standard calendar checklist signers */
	CF_LABEL_NCR_ROLE,   /* raised joined listed carried */
	CF_LABEL_STD_LEVEL,  /* national industry local enterprise */
};

/* "不符合 fail": Chinese and English; the token itself when unknown;
 * "" for NULL.  Static text. */
const char *cf_label(enum cf_label_kind kind, const char *token);
/* The Chinese part alone ("不符合"), the token when unknown. */
const char *cf_label_zh(enum cf_label_kind kind, const char *token);
/* The English part alone ("fail"), the token when unknown. */
const char *cf_label_en(enum cf_label_kind kind, const char *token);

/* Shorthands for the common kinds. */
const char *cf_label_result(enum cf_result r);
const char *cf_label_severity(const char *severity);
const char *cf_label_check_type(const char *type);
const char *cf_label_ncr_state(const char *state);

#endif
