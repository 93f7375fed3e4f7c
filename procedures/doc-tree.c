/* SPDX-License-Identifier: MIT */
/*
 * doc-tree.c - the document parser's helpers over the XML tree (see
 * doc-impl.h): line numbers, element tests, dates and the attribute
 * forms the schemas allow.  Each takes what a builder holds (a node,
 * the parse context) so that the builders read as the documents do.
 */
#include "conform.h"
#include "doc-impl.h"
#include "xml.h"

#include <stdlib.h>
#include <string.h>

int
cf_doc__line(const xmlNode *n)
{
	long l = xmlGetLineNo((xmlNode *)n);

	return l > 0 && l < 0x7fffffff ? (int)l : 0;
}

bool
cf_doc__is_elem(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)n->name, name) == 0;
}

/* Parses a date attribute or element text that must exist. */
cf_day
cf_doc__date_of(struct cf_doc_ctx *c, const xmlNode *node, const char *what,
    const char *s)
{
	cf_day d;

	if (s == NULL)
		return CF_DAY_NONE;
	if (cf_day_parse(&d, s, strlen(s)) < 0) {
		PROBLEM(c, node, "%s: %s", what, cf_error_message());
		return CF_DAY_NONE;
	}
	return d;
}

cf_day
cf_doc__elem_date(struct cf_doc_ctx *c, const xmlNode *root, const char *name)
{
	const xmlNode *n = cf_xml_child(root, name);
	char *s = cf_xml_text(n);
	cf_day d = cf_doc__date_of(c, n, name, s);

	free(s);
	return d;
}

bool
cf_doc__attr_yes(const xmlNode *n, const char *name)
{
	char *v = cf_xml_attr(n, name);
	bool yes = v && strcmp(v, "yes") == 0;

	free(v);
	return yes;
}

/* Non-negative integer attribute; -1 when absent (schema checked form). */
int
cf_doc__attr_count(const xmlNode *n, const char *name)
{
	char *v = cf_xml_attr(n, name);
	int r = v ? atoi(v) : -1;

	free(v);
	return r;
}
