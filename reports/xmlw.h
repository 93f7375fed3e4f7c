/* SPDX-License-Identifier: MIT */
/*
 * xmlw.h - small helpers over libxml2's xmlTextWriter for the XML
 * reports.  A struct cf_xw remembers whether any call failed, so that a
 * report is written with straight-line code and checked once at the
 * end; text is written with the control characters XML 1.0 forbids
 * replaced by spaces; a NULL attribute or element is left out.
 */
#ifndef CF_XMLW_H
#define CF_XMLW_H

#include <stdbool.h>
#include <stdint.h>

#include <libxml/xmlwriter.h>

struct cf_xw {
	xmlTextWriterPtr w;
	bool bad; /* a call failed */
};

void cf_xw_ok(struct cf_xw *x, int rc);
void cf_xw_start(struct cf_xw *x, const char *name);
void cf_xw_end(struct cf_xw *x);
void cf_xw_attr(struct cf_xw *x, const char *name, const char *value);
void cf_xw_attr_int(struct cf_xw *x, const char *name, int64_t v);
/* The rate num/den as a percentage with one decimal ("76.9"); none if den 0. */
void
cf_xw_attr_rate(struct cf_xw *x, const char *name, int64_t num, int64_t den);
void cf_xw_text(struct cf_xw *x, const char *s);
/* <name>text</name>, or nothing when text is NULL. */
void cf_xw_elem(struct cf_xw *x, const char *name, const char *text);

#endif
