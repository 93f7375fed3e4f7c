/* SPDX-License-Identifier: MIT */
/*
 * doc-profile.c - an import profile (<profile>) into struct cf_profile
 * (see document.h; doc/cases.md "Import profiles").  Beyond the schema
 * it checks that every field is one of its kind's (doc/cases.md "CSV"),
 * that the kind's required fields are all mapped, that no field and no
 * column is named twice, that only times take a format and that a
 * format is one the import can read strictly, and that no value is
 * mapped twice within a field, and that the encoding is one the
 * decoder reads (decode.h: UTF-8, GB18030 and its aliases).  Column names and map sources are
 * trimmed as the import trims what the file says.  The schema leaves the
 * vocabularies of kind, encoding and field name and a map's from to
 * this file, so that each problem is one line naming what is allowed
 * (not the validator's "failed to validate attributes").
 */
#include "conform.h"
#include "decode.h"
#include "document.h"
#include "doc-impl.h"
#include "text.h"
#include "xml.h"

#include <stdlib.h>
#include <string.h>

static const char *const kind_names[] = { "cases", "events", "evaluations" };

/* The fields of each kind: the three required ones first (a cases
 * file's in the order cases/rows.c reads them). */
static const char *const case_fields[] = { "case_id", "procedure_id",
	"accepted_at", "completed_at", "fee_charged", "materials", "window",
	"channel", "received_at", NULL };
static const char *const event_fields[] = { "case_id", "activity",
	"timestamp", "actor", "role", NULL };
static const char *const evaluation_fields[] = { "case_id", "rated_at",
	"rating", "channel", "real_name", "revisit_at", "rectified_at",
	"comment", NULL };
static const char *const time_fields[] = { "accepted_at", "completed_at",
	"received_at", "timestamp", "rated_at", "revisit_at", "rectified_at",
	NULL };

const char *
cf_profile_kind_name(enum cf_profile_kind k)
{
	return kind_names[k];
}

const char *const *
cf_profile_fields(enum cf_profile_kind k, size_t *nrequired)
{
	if (nrequired)
		*nrequired = 3;
	return k == CF_PROFILE_CASES ? case_fields
	    : k == CF_PROFILE_EVENTS ? event_fields
				     : evaluation_fields;
}

static bool
in_list(const char *const *v, const char *s)
{
	for (; *v; v++)
		if (strcmp(*v, s) == 0)
			return true;
	return false;
}

bool
cf_profile_field_is_time(const char *field)
{
	return in_list(time_fields, field);
}

const struct cf_profile_field *
cf_profile_find(const struct cf_profile *p, const char *name)
{
	for (size_t i = 0; i < p->nfields; i++)
		if (strcmp(p->fields[i].name, name) == 0)
			return &p->fields[i];
	return NULL;
}

int
cf_profile_format_check(const char *f)
{
	const char *const order = "YmdHMSfz";
	bool seen[8] = { false };

	for (const char *p = f; *p; p++) {
		const char *at;
		if (*p != '%')
			continue;
		p++;
		if (*p == '%')
			continue;
		if (*p == '\0')
			return cf_error_set(CF_EINVALID,
			    "format '%s' ends with a lone '%%', expected a "
			    "directive after it (%%%% for a '%%')",
			    f);
		if ((at = strchr(order, *p)) == NULL)
			return cf_error_set(CF_EINVALID,
			    "format '%s': %%%c is not a directive a profile "
			    "may use, expected %%Y %%m %%d %%H %%M %%S %%f "
			    "%%z or %%%%",
			    f, *p);
		if (seen[at - order])
			return cf_error_set(CF_EINVALID,
			    "format '%s' gives %%%c twice, expected each "
			    "directive once",
			    f, *p);
		seen[at - order] = true;
	}
	if (!seen[0] || !seen[1] || !seen[2])
		return cf_error_set(CF_EINVALID,
		    "format '%s' lacks %s, expected a year, a month and a "
		    "day (%%Y, %%m, %%d)",
		    f, !seen[0] ? "%Y" : !seen[1] ? "%m" : "%d");
	if ((seen[4] && !seen[3]) || (seen[5] && !seen[4]) ||
	    (seen[6] && !seen[5]))
		return cf_error_set(CF_EINVALID,
		    "format '%s' gives %s without %s, expected hours before "
		    "minutes before seconds before fractions",
		    f,
		    seen[4] && !seen[3] ? "%M"
			: seen[5] && !seen[4] ? "%S"
					      : "%f",
		    seen[4] && !seen[3] ? "%H"
			: seen[5] && !seen[4] ? "%M"
					      : "%S");
	return 0;
}

/* The attribute, trimmed of blanks (NULL when absent). */
static char *
attr_trimmed(const xmlNode *n, const char *name)
{
	char *v = cf_xml_attr(n, name);
	const char *s = v;
	size_t len;

	if (v == NULL)
		return NULL;
	len = strlen(v);
	cf_trim(&s, &len);
	char *t = cf_xstrndup(s, len);
	free(v);
	return t;
}

static void
build_field(struct cf_doc_ctx *c, const struct cf_profile *p, bool kind_ok,
    const xmlNode *n, struct cf_profile_field *f)
{
	const char *const *fields = cf_profile_fields(p->kind, NULL);
	size_t alloc = 0;

	f->line = cf_doc__line(n);
	f->name = cf_xml_attr(n, "name");
	f->column = attr_trimmed(n, "column");
	f->format = cf_xml_attr(n, "format");
	if (kind_ok && !in_list(fields, f->name)) {
		struct cf_buf b;
		cf_buf_init(&b);
		for (const char *const *v = fields; *v; v++)
			cf_buf_addf(&b, "%s%s", v == fields ? "" : ", ", *v);
		PROBLEM(c, n,
		    "field '%s' is not a field of %s file, expected one of "
		    "%s",
		    f->name,
		    p->kind == CF_PROFILE_CASES	   ? "a cases"
			: p->kind == CF_PROFILE_EVENTS ? "an events"
						       : "an evaluations",
		    b.s);
		cf_buf_release(&b);
	}
	if (f->format && !cf_profile_field_is_time(f->name))
		PROBLEM(c, n,
		    "field '%s' is no time, expected a format only on a "
		    "time field (accepted_at, completed_at, received_at, "
		    "timestamp, rated_at, revisit_at, rectified_at)",
		    f->name);
	else if (f->format && cf_profile_format_check(f->format) < 0) {
		PROBLEM(c, n, "%s", cf_error_message());
		cf_error_clear();
	}
	for (const xmlNode *m = n->children; m; m = m->next) {
		if (!cf_doc__is_elem(m, "map"))
			continue;
		CF_GROW(f->maps, f->nmaps + 1, alloc);
		struct cf_profile_map *mp = &f->maps[f->nmaps++];
		mp->line = cf_doc__line(m);
		mp->from = attr_trimmed(m, "from");
		mp->to = cf_xml_attr(m, "to");
		if (mp->from == NULL) {
			PROBLEM(c, m,
			    "a <map> of field '%s' has no from, expected "
			    "from=\"VALUE\" (the value as the file writes "
			    "it) and to=\"...\"",
			    f->name);
			continue;
		}
		for (size_t k = 0; k + 1 < f->nmaps; k++)
			if (f->maps[k].from &&
			    strcmp(f->maps[k].from, mp->from) == 0)
				PROBLEM(c, m,
				    "value '%s' of field '%s' is mapped "
				    "twice (also at line %d), expected each "
				    "value once",
				    mp->from, f->name, f->maps[k].line);
	}
}

void
cf_doc__build_profile(struct cf_doc_ctx *c, const xmlNode *root,
    struct cf_profile *p)
{
	char *kind = cf_xml_attr(root, "kind");
	size_t alloc = 0, nreq;
	const char *const *fields;
	bool kind_ok = false;

	p->line = cf_doc__line(root);
	p->id = cf_xml_attr(root, "id");
	p->title = cf_xml_attr(root, "title");
	p->kind = CF_PROFILE_CASES;
	for (size_t k = 0; k < CF_ARRAY_LEN(kind_names); k++)
		if (strcmp(kind, kind_names[k]) == 0) {
			p->kind = (enum cf_profile_kind)k;
			kind_ok = true;
		}
	if (!kind_ok)
		PROBLEM(c, root,
		    "kind '%s' is no kind of profile, expected cases, events "
		    "or evaluations (what the files are)",
		    kind);
	free(kind);
	p->encoding = cf_xml_attr(root, "encoding");
	if (p->encoding && cf_encoding_canon(p->encoding) == NULL)
		PROBLEM(c, root,
		    "encoding '%s' is not one conform reads, expected UTF-8 "
		    "or GB18030 (GBK, GB2312 and CP936 are read as GB18030)",
		    p->encoding);
	p->sheet = cf_xml_attr(root, "sheet");
	for (const xmlNode *n = root->children; n; n = n->next) {
		if (!cf_doc__is_elem(n, "field"))
			continue;
		CF_GROW(p->fields, p->nfields + 1, alloc);
		struct cf_profile_field *f = &p->fields[p->nfields++];
		memset(f, 0, sizeof *f);
		build_field(c, p, kind_ok, n, f);
		for (size_t k = 0; k + 1 < p->nfields; k++) {
			const struct cf_profile_field *o = &p->fields[k];
			if (strcmp(o->name, f->name) == 0)
				PROBLEM(c, n,
				    "field '%s' is mapped twice (also at line "
				    "%d), expected each field once",
				    f->name, o->line);
			else if (strcmp(o->column, f->column) == 0)
				PROBLEM(c, n,
				    "column '%s' is named twice (for %s at "
				    "line %d and %s), expected each column "
				    "once",
				    f->column, o->name, o->line, f->name);
		}
	}
	fields = cf_profile_fields(p->kind, &nreq);
	for (size_t k = 0; kind_ok && k < nreq; k++)
		if (cf_profile_find(p, fields[k]) == NULL)
			PROBLEM(c, root,
			    "profile '%s' maps no column to the required "
			    "field '%s', expected a <field name=\"%s\" "
			    "column=\"...\"/> (%s files need %s, %s and %s)",
			    p->id, fields[k], fields[k], kind_names[p->kind],
			    fields[0], fields[1], fields[2]);
}

void
cf_doc__free_profile(struct cf_profile *p)
{
	free(p->id);
	free(p->title);
	free(p->encoding);
	free(p->sheet);
	for (size_t i = 0; i < p->nfields; i++) {
		struct cf_profile_field *f = &p->fields[i];
		free(f->name);
		free(f->column);
		free(f->format);
		for (size_t k = 0; k < f->nmaps; k++) {
			free(f->maps[k].from);
			free(f->maps[k].to);
		}
		free(f->maps);
	}
	free(p->fields);
}
