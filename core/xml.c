/* SPDX-License-Identifier: MIT */
/*
 * xml.c - the safe XML loader and RELAX NG validation (see xml.h).
 *
 * The DOCTYPE refusal works at the SAX level: the parser context's
 * internalSubset callback runs as soon as "<!DOCTYPE name" is read and
 * before the internal subset (where entities are declared) is parsed;
 * it stops the parser.  Errors from libxml2 are collected through a
 * structured error handler installed around each parse or validation
 * and turned into diagnostics with the file and line.
 */
#include "conform.h"
#include "paths.h"
#include "text.h"
#include "xml.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/relaxng.h>
#include <libxml/xmlerror.h>

static _Thread_local int trusted_loading;

static xmlParserInputPtr
refusing_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	if (trusted_loading && url && strncmp(url, "file://", 7) != 0 &&
	    strstr(url, "://") == NULL)
		return xmlNewInputFromFile(ctxt, url);
	(void)id;
	return NULL;
}

void
cf_xml_init(void)
{
	xmlInitParser();
	xmlSetExternalEntityLoader(refusing_loader);
}

struct collect {
	struct cf_diags *diags;
	const char *name;
	int count;
	bool doctype;
};

/* libxml2 2.12 made the error argument const. */
#if LIBXML_VERSION >= 21200
#define CF_XMLERR const xmlError
#else
#define CF_XMLERR xmlError
#endif

static void
collect_error(void *ctx, CF_XMLERR *e)
{
	struct collect *c = ctx;
	char *msg;
	size_t len;

	if (e == NULL || e->level == XML_ERR_WARNING)
		return;
	if (c->doctype)
		return; /* the DOCTYPE refusal already said it all */
	if (c->count++ >= 50)
		return;
	msg = cf_xstrdup(e->message ? e->message : "malformed XML");
	len = strlen(msg);
	while (len && (msg[len - 1] == '\n' || msg[len - 1] == ' '))
		msg[--len] = '\0';
	cf_diags_add(c->diags, c->name, e->line > 0 ? e->line : 0,
	    e->int2 > 0 && e->domain == XML_FROM_PARSER ? e->int2 : 0, "%s",
	    msg);
	free(msg);
}

static void
refuse_doctype(void *vctx, const xmlChar *name, const xmlChar *eid,
    const xmlChar *sid)
{
	xmlParserCtxtPtr ctxt = vctx;
	struct collect *c = ctxt->_private;

	(void)name, (void)eid, (void)sid;
	if (!c->doctype) {
		cf_diags_add(c->diags, c->name, xmlSAX2GetLineNumber(ctxt), 0,
		    "DOCTYPE not allowed (no DTDs or entities in conform "
		    "documents), expected the root element");
		c->doctype = true;
	}
	xmlStopParser(ctxt);
}

int
cf_xml_parse(xmlDoc **out, const char *buf, size_t len, const char *name,
    struct cf_diags *diags)
{
	struct collect c = { diags, name, 0, false };
	xmlParserCtxtPtr ctxt;
	xmlDoc *doc;
	size_t before = diags->n;

	*out = NULL;
	if (len > CF_XML_MAX_BYTES) {
		cf_diags_add(diags, name, 0, 0,
		    "document too large (%zu bytes, at most %u)", len,
		    CF_XML_MAX_BYTES);
		return cf_error_set(CF_EINVALID, "%s: document too large",
		    name);
	}
	ctxt = xmlNewParserCtxt();
	if (ctxt == NULL)
		return cf_error_set(CF_ERROR, "cannot create an XML parser");
	ctxt->_private = &c;
	ctxt->sax->internalSubset = refuse_doctype;
	ctxt->sax->externalSubset = refuse_doctype;
	xmlSetStructuredErrorFunc(&c, collect_error);
	doc = xmlCtxtReadMemory(ctxt, buf, (int)len, name, "UTF-8",
	    XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (doc &&
	    (c.doctype || !ctxt->wellFormed || doc->intSubset ||
		doc->extSubset)) {
		xmlFreeDoc(doc);
		doc = NULL;
	}
	xmlFreeParserCtxt(ctxt);
	if (doc == NULL || diags->n > before) {
		if (diags->n == before)
			cf_diags_add(diags, name, 0, 0, "not well-formed XML");
		xmlFreeDoc(doc);
		return cf_error_set(CF_EINVALID, "%s: not a valid XML document",
		    name);
	}
	if (xmlDocGetRootElement(doc) == NULL) {
		xmlFreeDoc(doc);
		cf_diags_add(diags, name, 0, 0, "no root element");
		return cf_error_set(CF_EINVALID, "%s: empty document", name);
	}
	*out = doc;
	return 0;
}

int
cf_xml_parse_file(xmlDoc **out, const char *path, const char *name,
    struct cf_diags *diags)
{
	char *buf;
	size_t len = 0;
	int rc;

	*out = NULL;
	if (name == NULL)
		name = path;
	if ((rc = cf_read_file(path, CF_XML_MAX_BYTES, &buf, &len)) < 0) {
		cf_diags_add(diags, name, 0, 0, "%s", cf_error_message());
		return rc;
	}
	rc = cf_xml_parse(out, buf, len, name, diags);
	free(buf);
	return rc;
}

struct cf_schema {
	xmlRelaxNGPtr rng;
	char *path;
};

int
cf_schema_load(struct cf_schema **out, const char *path)
{
	struct cf_diags diags = CF_DIAGS_INIT;
	struct collect c = { &diags, path, 0, false };
	xmlRelaxNGParserCtxtPtr pctx;
	xmlRelaxNGPtr rng;

	*out = NULL;
	if (access(path, R_OK) != 0)
		return cf_error_set(CF_ERROR, "schema '%s' not found: %s", path,
		    strerror(errno));
	pctx = xmlRelaxNGNewParserCtxt(path);
	if (pctx == NULL)
		return cf_error_set(CF_ERROR, "cannot read schema '%s'", path);
	xmlRelaxNGSetParserStructuredErrors(pctx, collect_error, &c);
	trusted_loading = 1;
	rng = xmlRelaxNGParse(pctx);
	trusted_loading = 0;
	xmlRelaxNGFreeParserCtxt(pctx);
	if (rng == NULL) {
		int rc = cf_error_set(CF_ERROR,
		    "schema '%s' does not compile%s%s", path,
		    diags.n ? ": " : "", diags.n ? diags.v[0].msg : "");
		cf_diags_release(&diags);
		return rc;
	}
	cf_diags_release(&diags);
	*out = cf_xmalloc(sizeof **out);
	(*out)->rng = rng;
	(*out)->path = cf_xstrdup(path);
	return 0;
}

void
cf_schema_free(struct cf_schema *s)
{
	if (s == NULL)
		return;
	xmlRelaxNGFree(s->rng);
	free(s->path);
	free(s);
}

int
cf_schema_validate(const struct cf_schema *s, xmlDoc *doc, const char *name,
    struct cf_diags *diags)
{
	struct collect c = { diags, name, 0, false };
	xmlRelaxNGValidCtxtPtr v = xmlRelaxNGNewValidCtxt(s->rng);
	int rc;

	if (v == NULL)
		return cf_error_set(CF_ERROR, "cannot create a validator");
	xmlRelaxNGSetValidStructuredErrors(v, collect_error, &c);
	rc = xmlRelaxNGValidateDoc(v, doc);
	xmlRelaxNGFreeValidCtxt(v);
	if (rc == 0)
		return 0;
	if (c.count == 0)
		cf_diags_add(diags, name, 0, 0, "does not match the schema %s",
		    s->path);
	return cf_error_set(rc > 0 ? CF_EINVALID : CF_ERROR,
	    "%s: does not match its schema", name);
}

char *
cf_xml_text(const xmlNode *node)
{
	struct cf_buf b = CF_BUF_INIT;
	const char *s;
	size_t n;

	if (node == NULL)
		return NULL;
	for (const xmlNode *c = node->children; c; c = c->next)
		if ((c->type == XML_TEXT_NODE ||
			c->type == XML_CDATA_SECTION_NODE) &&
		    c->content)
			cf_buf_adds(&b, (const char *)c->content);
	s = b.s, n = b.len;
	cf_trim(&s, &n);
	char *r = cf_xstrndup(s, n);
	cf_buf_release(&b);
	return r;
}

char *
cf_xml_attr(const xmlNode *node, const char *name)
{
	xmlChar *v = xmlGetNoNsProp((xmlNode *)node, BAD_CAST name);
	char *r;

	if (v == NULL)
		return NULL;
	r = cf_xstrdup((const char *)v);
	xmlFree(v);
	return r;
}

xmlNode *
cf_xml_child(const xmlNode *node, const char *name)
{
	for (xmlNode *c = node ? node->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)c->name, name) == 0)
			return c;
	return NULL;
}
