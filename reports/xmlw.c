/* SPDX-License-Identifier: MIT */
/*
 * xmlw.c - xmlTextWriter helpers for the XML reports (see xmlw.h).
 */
#include "conform.h"
#include "svg.h"
#include "text.h"
#include "xmlw.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

void
cf_xw_ok(struct cf_xw *x, int rc)
{
	if (rc < 0)
		x->bad = true;
}

void
cf_xw_start(struct cf_xw *x, const char *name)
{
	cf_xw_ok(x, xmlTextWriterStartElement(x->w, BAD_CAST name));
}

void
cf_xw_end(struct cf_xw *x)
{
	cf_xw_ok(x, xmlTextWriterEndElement(x->w));
}

/*
 * XML 1.0 allows no control character but tab, LF and CR, and no
 * invalid UTF-8: a stored value that holds one (an old store, an
 * insider's SQL) is written with it as a visible escape, "\x1B"
 * (cf_text_add_visible), so the document stays well-formed and shows
 * what was stored (doc/hardening.md).
 */
static const char *
xml_safe(const char *s, struct cf_buf *b)
{
	if (cf_text_visible(s, strlen(s)))
		return s;
	cf_text_add_visible(b, s, strlen(s));
	return b->s;
}

void
cf_xw_attr(struct cf_xw *x, const char *name, const char *value)
{
	struct cf_buf b = CF_BUF_INIT;

	if (value)
		cf_xw_ok(x,
		    xmlTextWriterWriteAttribute(x->w, BAD_CAST name,
			BAD_CAST xml_safe(value, &b)));
	cf_buf_release(&b);
}

void
cf_xw_attr_int(struct cf_xw *x, const char *name, int64_t v)
{
	char b[32];

	snprintf(b, sizeof b, "%" PRId64, v);
	cf_xw_attr(x, name, b);
}

void
cf_xw_attr_rate(struct cf_xw *x, const char *name, int64_t num, int64_t den)
{
	char b[32];

	if (den <= 0)
		return;
	cf_rate_text(num, den, b, sizeof b);
	b[strlen(b) - 2] = '\0'; /* "76.9 %" -> "76.9" */
	cf_xw_attr(x, name, b);
}

/* Text content with the control characters XML 1.0 forbids escaped. */
void
cf_xw_text(struct cf_xw *x, const char *s)
{
	struct cf_buf b = CF_BUF_INIT;

	cf_xw_ok(x,
	    xmlTextWriterWriteString(x->w, BAD_CAST xml_safe(s ? s : "", &b)));
	cf_buf_release(&b);
}

void
cf_xw_elem(struct cf_xw *x, const char *name, const char *text)
{
	if (text == NULL)
		return;
	cf_xw_start(x, name);
	cf_xw_text(x, text);
	cf_xw_end(x);
}
