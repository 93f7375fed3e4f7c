/* SPDX-License-Identifier: MIT */
/*
 * xml.h - the only way conform reads XML documents.
 *
 * Documents come from people and from other systems, so they are
 * untrusted.  The safe loader:
 *   - refuses a file larger than CF_XML_MAX_BYTES before parsing it;
 *   - never loads a DTD, never substitutes or loads an entity, never
 *     touches the network (XML_PARSE_NONET, and no NOENT, DTDLOAD,
 *     DTDATTR, DTDVALID, XINCLUDE or HUGE);
 *   - refuses any DOCTYPE: the parse stops at the DOCTYPE itself, before
 *     a single entity declaration is read, so a billion-laughs file or an
 *     XXE file costs nothing;
 *   - installs an external entity loader that refuses everything, except
 *     while a shipped schema (trusted, from the data directory) is being
 *     compiled and includes its sibling files.
 * Problems come back as "FILE:LINE: message" diagnostics.
 *
 * cf_xml_init() must run once in main() before anything else here.
 */
#ifndef CF_XML_H
#define CF_XML_H

#include <stddef.h>

#include <libxml/tree.h>

#include "error.h"

#define CF_XML_MAX_BYTES (16u * 1024 * 1024)

void cf_xml_init(void);

/*
 * Parses `len` bytes as a document named `name` (used in diagnostics).
 * Returns 0 and the document in *out (free with xmlFreeDoc), or
 * CF_EINVALID with at least one diagnostic in `diags`.
 */
int cf_xml_parse(xmlDoc **out, const char *buf, size_t len, const char *name,
    struct cf_diags *diags);

/*
 * Reads the file at `path` (at most CF_XML_MAX_BYTES) and parses it;
 * `name` is the name diagnostics use (NULL: the path).  A file that
 * cannot be read gives CF_ENOTFOUND or CF_ERROR.
 */
int cf_xml_parse_file(xmlDoc **out, const char *path, const char *name,
    struct cf_diags *diags);

/* A compiled RELAX NG schema. */
struct cf_schema;

int cf_schema_load(struct cf_schema **out, const char *path);
void cf_schema_free(struct cf_schema *s);

/*
 * Validates `doc` against `s`.  Returns 0 when valid, else CF_EINVALID
 * with one diagnostic per schema error ("FILE:LINE: message").
 */
int cf_schema_validate(const struct cf_schema *s, xmlDoc *doc, const char *name,
    struct cf_diags *diags);

/*
 * Text content of element `node` (concatenated text children), trimmed;
 * NULL when `node` is NULL.  The caller frees the result.
 */
char *cf_xml_text(const xmlNode *node);

/* The attribute `name` of `node` as a new string, or NULL if absent. */
char *cf_xml_attr(const xmlNode *node, const char *name);

/* The first element child of `node` named `name`, or NULL. */
xmlNode *cf_xml_child(const xmlNode *node, const char *name);

#endif
