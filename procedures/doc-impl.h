/* SPDX-License-Identifier: MIT */
/*
 * doc-impl.h - what the files of the document parser share and nobody
 * else needs: the parse context, the problem macro and the helpers over
 * the XML tree (doc-tree.c), and one builder and one release function
 * per document type (doc-procedure.c, doc-standard.c, doc-calendar.c,
 * doc-checklist.c), which document.c calls.  Semi-private names
 * (cf_doc__*), as libgit2 marks them.
 *
 * A builder is handed the root of a document that passed its schema:
 * it may rely on required elements and attribute vocabularies being
 * there, and checks what the schema leaves to us, adding one problem
 * per finding to c->diags.
 *
 * The document structs are only declared here: a file includes
 * document.h before this header (which includes no header of
 * document.c's, so that the two modules do not include each other).
 */
#ifndef CF_DOC_IMPL_H
#define CF_DOC_IMPL_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/tree.h>

#include "date.h"
#include "error.h"

struct cf_procedure;
struct cf_standard;
struct cf_caldoc;
struct cf_checklist;
struct cf_signers;
struct cf_profile;

/* One document being parsed: where problems go. */
struct cf_doc_ctx {
	const char *path;
	struct cf_diags *diags;
	size_t before; /* diags->n when we started */
};

/* Adds a problem at the line of `node` of the document being parsed. */
#define PROBLEM(c, node, ...)                                                  \
	cf_diags_add((c)->diags, (c)->path, cf_doc__line(node), 0, __VA_ARGS__)

/* ---- helpers over the tree (doc-tree.c) ---- */

/* The line of `n` in its file, 0 when unknown. */
int cf_doc__line(const xmlNode *n);

/* Whether `n` is an element named `name`. */
bool cf_doc__is_elem(const xmlNode *n, const char *name);

/*
 * The day `s` names (NULL: CF_DAY_NONE, no problem); a problem "WHAT:
 * why" at `node` and CF_DAY_NONE when it is no valid date.
 */
cf_day cf_doc__date_of(struct cf_doc_ctx *c, const xmlNode *node,
    const char *what, const char *s);

/* The date in the text of child element `name` of `root`, as above. */
cf_day
cf_doc__elem_date(struct cf_doc_ctx *c, const xmlNode *root, const char *name);

/* Whether attribute `name` of `n` is "yes". */
bool cf_doc__attr_yes(const xmlNode *n, const char *name);

/* Non-negative integer attribute; -1 when absent (schema checked form). */
int cf_doc__attr_count(const xmlNode *n, const char *name);

/* ---- one builder per document type ---- */

void cf_doc__build_procedure(struct cf_doc_ctx *c, const xmlNode *root,
    struct cf_procedure *p);
void cf_doc__free_procedure(struct cf_procedure *p);

void cf_doc__build_standard(struct cf_doc_ctx *c, const xmlNode *root,
    struct cf_standard *s);
void cf_doc__free_standard(struct cf_standard *s);

void cf_doc__build_calendar(struct cf_doc_ctx *c, const xmlNode *root,
    struct cf_caldoc *cal);
void cf_doc__free_calendar(struct cf_caldoc *cal);

void cf_doc__build_checklist(struct cf_doc_ctx *c, const xmlNode *root,
    struct cf_checklist *l);
void cf_doc__free_checklist(struct cf_checklist *l);

void cf_doc__build_profile(struct cf_doc_ctx *c, const xmlNode *root,
    struct cf_profile *p);
void cf_doc__free_profile(struct cf_profile *p);

/* The allowed signers are text, not XML (doc-signers.c). */
void cf_doc__build_signers(struct cf_doc_ctx *c, const char *buf, size_t len,
    struct cf_signers *s);
void cf_doc__free_signers(struct cf_signers *s);

#endif
