/* SPDX-License-Identifier: MIT */
/*
 * document.c - parsing and validating the four document types (see
 * document.h).
 *
 * The flow is: safe parse (core/xml.c) -> RELAX NG validation against
 * the shipped schema -> build the struct from the tree -> the rules a
 * schema cannot express.  The struct is built only from a document that
 * passed the schema, so the builders may rely on required elements and
 * attribute vocabularies being there; they still check what the schema
 * leaves to us (dates that exist, uniqueness, cross references).
 *
 * The signers (text) are type 4 and the profiles (XML) type 5: loops
 * over the XML types skip the signers with CF_DOC_IS_XML.
 *
 * This file holds the names of types and folders, the schemas (loaded
 * once, on first use) and the entry points; each document type's
 * builder has a file of its own (doc-procedure.c, doc-standard.c,
 * doc-calendar.c, doc-checklist.c, doc-profile.c) and the helpers they share over the
 * XML tree are in doc-tree.c, all declared in doc-impl.h.
 */
#include "conform.h"
#include "calendar.h"
#include "doc-impl.h"
#include "document.h"
#include "paths.h"
#include "text.h"
#include "xml.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

static const char *const type_names[CF_DOC_NTYPES] = { "procedure", "standard",
	"calendar", "checklist", "signers", "profile" };
static const char *const type_dirs[CF_DOC_NTYPES] = { "procedures", "standards",
	"calendars", "checklists", "signers", "profiles" };

static const char *const check_names[CF_CHECK_NTYPES] = { "on-time", "fee",
	"materials", "steps", "roles", "four-eyes", "in-force", "on-time-rate",
	"on-the-spot-ratio", "limit-compression", "guide-complete",
	"limits-consistent", "approved", "review-current", "capa-timely",
	"sql", "late-record", "statutory-time", "extension", "supplement",
	"on-the-spot-volume", "actual-compression", "bad-review",
	"satisfaction-rate", "evaluation-coverage" };

static const char *const severity_names[] = { "major", "minor", "observation" };

const char *
cf_doc_type_name(enum cf_doc_type t)
{
	return type_names[t];
}

const char *
cf_doc_type_dir(enum cf_doc_type t)
{
	return type_dirs[t];
}

const char *
cf_check_type_name(enum cf_check_type t)
{
	return check_names[t];
}

int
cf_check_type_parse(const char *s, enum cf_check_type *out)
{
	for (int i = 0; i < CF_CHECK_NTYPES; i++)
		if (strcmp(s, check_names[i]) == 0) {
			*out = (enum cf_check_type)i;
			return 0;
		}
	return cf_error_set(CF_EINVALID, "unknown check type '%s'", s);
}

bool
cf_check_type_is_case(enum cf_check_type t)
{
	return t <= CF_CHECK_IN_FORCE || t == CF_CHECK_LATE_RECORD ||
	    t == CF_CHECK_STATUTORY_TIME || t == CF_CHECK_EXTENSION ||
	    t == CF_CHECK_SUPPLEMENT || t == CF_CHECK_BAD_REVIEW;
}

bool
cf_check_type_name_is_case(const char *name)
{
	enum cf_check_type t = CF_CHECK_SQL;

	if (cf_check_type_parse(name, &t) < 0) {
		cf_error_clear();
		return false;
	}
	return cf_check_type_is_case(t);
}

bool
cf_check_type_is_rate(enum cf_check_type t)
{
	return t == CF_CHECK_ON_TIME_RATE || t == CF_CHECK_ON_THE_SPOT_RATIO ||
	    t == CF_CHECK_LIMIT_COMPRESSION ||
	    t == CF_CHECK_ON_THE_SPOT_VOLUME ||
	    t == CF_CHECK_ACTUAL_COMPRESSION ||
	    t == CF_CHECK_SATISFACTION_RATE ||
	    t == CF_CHECK_EVALUATION_COVERAGE;
}

const char *
cf_severity_name(enum cf_severity s)
{
	return severity_names[s];
}

int
cf_doc_type_parse(const char *s, enum cf_doc_type *out)
{
	for (int i = 0; i < CF_DOC_NTYPES; i++)
		if (strcmp(s, type_names[i]) == 0) {
			*out = (enum cf_doc_type)i;
			return 0;
		}
	return cf_error_set(CF_EUSAGE,
	    "unknown document type '%s', expected procedure, standard, "
	    "calendar, checklist, profile or signers",
	    s);
}

int
cf_doc_type_of_path(const char *path, enum cf_doc_type *out)
{
	const char *slash = strchr(path, '/');
	size_t n = strlen(path);

	if (strcmp(path, CF_SIGNERS_PATH) == 0) {
		*out = CF_DOC_SIGNERS;
		return 0;
	}
	if (slash == NULL || strchr(slash + 1, '/') || n < 5 ||
	    strcmp(path + n - 4, ".xml") != 0 || slash + 1 == path + n - 4)
		return CF_ENOTFOUND;
	for (int i = 0; i < CF_DOC_NTYPES; i++)
		if (CF_DOC_IS_XML(i) &&
		    (size_t)(slash - path) == strlen(type_dirs[i]) &&
		    strncmp(path, type_dirs[i], (size_t)(slash - path)) == 0) {
			*out = (enum cf_doc_type)i;
			return 0;
		}
	return CF_ENOTFOUND;
}

/* The file name (without .xml) a document of type t and id has. */
static char *
file_stem_for_id(enum cf_doc_type t, const char *id)
{
	char *s = cf_xstrdup(id);

	if (t == CF_DOC_STANDARD)
		for (char *p = s; *p; p++)
			if (*p == '/')
				*p = '_';
	return s;
}

char *
cf_doc_path_for_id(enum cf_doc_type t, const char *id)
{
	char *stem;

	if (t == CF_DOC_SIGNERS)
		return cf_xstrdup(CF_SIGNERS_PATH);
	stem = file_stem_for_id(t, id);
	char *p = cf_xasprintf("%s/%s.xml", type_dirs[t], stem);

	free(stem);
	return p;
}

/* ---- schemas ---- */

/* Loaded once, then shared read-only (each validation has its own
 * context); the lock makes the first load safe from the web server's
 * worker threads. */
static struct cf_schema *schemas[CF_DOC_NTYPES];
static pthread_mutex_t schemas_lock = PTHREAD_MUTEX_INITIALIZER;

static int
get_schema(enum cf_doc_type t, const struct cf_schema **out)
{
	int rc = 0;

	pthread_mutex_lock(&schemas_lock);
	if (schemas[t] == NULL) {
		char *file = cf_xasprintf("%s.rng", type_names[t]);
		char *path = cf_data_path(CF_DATA_SCHEMAS, file);
		rc = cf_schema_load(&schemas[t], path);
		free(file);
		free(path);
	}
	*out = schemas[t];
	pthread_mutex_unlock(&schemas_lock);
	return rc < 0 ? rc : 0;
}

void
cf_doc_schemas_release(void)
{
	for (int i = 0; i < CF_DOC_NTYPES; i++) {
		cf_schema_free(schemas[i]);
		schemas[i] = NULL;
	}
}

/* ---- entry points ---- */

/* Whether the file name of `path` is the one `id` must have. */
static void
check_id_matches_file(struct cf_doc_ctx *c, enum cf_doc_type t,
    const xmlNode *root, const char *id)
{
	const char *base = strrchr(c->path, '/');
	char *stem = file_stem_for_id(t, id);
	size_t n;

	base = base ? base + 1 : c->path;
	n = strlen(base);
	if (n > 4 && strcmp(base + n - 4, ".xml") == 0)
		n -= 4;
	if (strlen(stem) != n || strncmp(base, stem, n) != 0)
		PROBLEM(c, root,
		    "id '%s' does not match the file name '%s', "
		    "expected the file to be named '%s.xml'",
		    id, base, stem);
	free(stem);
}

int
cf_doc_parse(struct cf_doc **out, const char *buf, size_t len, const char *path,
    struct cf_diags *diags)
{
	struct cf_doc_ctx c = { path, diags, diags->n };
	const struct cf_schema *schema;
	enum cf_doc_type type, folder;
	bool in_folder = cf_doc_type_of_path(path, &folder) == 0;
	xmlDoc *xml = NULL;
	xmlNode *root;
	struct cf_doc *doc = NULL;
	int rc, t;

	*out = NULL;
	/* Before a byte is read: a blob this large is passed with no data
	 * (cf_repo_blob_lookup). */
	if (len > CF_XML_MAX_BYTES) {
		cf_diags_add(diags, path, 0, 0,
		    "document too large (%zu bytes, at most %u)", len,
		    CF_XML_MAX_BYTES);
		return cf_error_set(CF_EINVALID, "%s: document too large",
		    path);
	}
	if (in_folder && folder == CF_DOC_SIGNERS) {
		doc = cf_xcalloc(1, sizeof *doc);
		doc->type = CF_DOC_SIGNERS;
		doc->path = cf_xstrdup(path);
		cf_doc__build_signers(&c, buf, len, &doc->u.signers);
		if (diags->n > c.before) {
			cf_doc_free(doc);
			*out = NULL;
			return cf_error_set(CF_EINVALID,
			    "%s: invalid allowed signers", path);
		}
		*out = doc;
		return 0;
	}
	if ((rc = cf_xml_parse(&xml, buf, len, path, diags)) < 0)
		return rc;
	root = xmlDocGetRootElement(xml);
	for (t = 0; t < CF_DOC_NTYPES; t++)
		if (CF_DOC_IS_XML(t) && cf_doc__is_elem(root, type_names[t]) &&
		    root->ns == NULL)
			break;
	if (t == CF_DOC_NTYPES) {
		cf_diags_add(diags, path, cf_doc__line(root), 0,
		    "root element <%s> is not a conform document, expected "
		    "<procedure>, <standard>, <calendar>, <checklist> or "
		    "<profile>",
		    (const char *)root->name);
		rc = cf_error_set(CF_EINVALID, "%s: not a conform document",
		    path);
		goto out;
	}
	type = (enum cf_doc_type)t;
	if (in_folder && folder != type) {
		cf_diags_add(diags, path, cf_doc__line(root), 0,
		    "a <%s> in %s/, expected <%s>", type_names[type],
		    type_dirs[folder], type_names[folder]);
		rc = cf_error_set(CF_EINVALID, "%s: wrong folder", path);
		goto out;
	}
	if ((rc = get_schema(type, &schema)) < 0)
		goto out;
	if ((rc = cf_schema_validate(schema, xml, path, diags)) < 0)
		goto out;

	doc = cf_xcalloc(1, sizeof *doc);
	doc->type = type;
	doc->path = cf_xstrdup(path);
	switch (type) {
	case CF_DOC_PROCEDURE:
		cf_doc__build_procedure(&c, root, &doc->u.proc);
		break;
	case CF_DOC_STANDARD:
		cf_doc__build_standard(&c, root, &doc->u.std);
		break;
	case CF_DOC_CALENDAR:
		cf_doc__build_calendar(&c, root, &doc->u.cal);
		break;
	case CF_DOC_CHECKLIST:
		cf_doc__build_checklist(&c, root, &doc->u.list);
		break;
	case CF_DOC_PROFILE:
		cf_doc__build_profile(&c, root, &doc->u.profile);
		break;
	case CF_DOC_SIGNERS:
		break; /* not XML: handled above */
	}
	/* A standard's id becomes a file name (its stem): ".." in it is
	 * refused like any character outside the id syntax
	 * (doc/documents.md). */
	if (type == CF_DOC_STANDARD && strstr(cf_doc_id(doc), "..") != NULL)
		PROBLEM(&c, root,
		    "standard id '%s' contains '..', expected letters, "
		    "digits, '.', '_', '/', '-' and blanks with never two "
		    "dots in a row",
		    cf_doc_id(doc));
	else
		check_id_matches_file(&c, type, root, cf_doc_id(doc));
	if (diags->n > c.before) {
		cf_doc_free(doc);
		doc = NULL;
		rc = cf_error_set(CF_EINVALID, "%s: invalid %s", path,
		    type_names[type]);
	}
out:
	xmlFreeDoc(xml);
	*out = doc;
	return rc;
}

int
cf_doc_load_file(struct cf_doc **out, const char *fspath, const char *path,
    struct cf_diags *diags)
{
	char *buf;
	size_t len;
	int rc;

	*out = NULL;
	if (path == NULL)
		path = fspath;
	if ((rc = cf_read_file(fspath, CF_XML_MAX_BYTES, &buf, &len)) < 0) {
		/* The diagnostic names the file already: drop "FSPATH: ". */
		const char *m = cf_error_message();
		size_t fl = strlen(fspath);
		if (strncmp(m, fspath, fl) == 0 && m[fl] == ':' && m[fl + 1])
			m += fl + 2;
		cf_diags_add(diags, path, 0, 0, "%s", m);
		return rc == CF_ENOTFOUND ? CF_ENOTFOUND : CF_EINVALID;
	}
	rc = cf_doc_parse(out, buf, len, path, diags);
	free(buf);
	return rc;
}

void
cf_doc_free(struct cf_doc *doc)
{
	if (doc == NULL)
		return;
	switch (doc->type) {
	case CF_DOC_PROCEDURE:
		cf_doc__free_procedure(&doc->u.proc);
		break;
	case CF_DOC_STANDARD:
		cf_doc__free_standard(&doc->u.std);
		break;
	case CF_DOC_CALENDAR:
		cf_doc__free_calendar(&doc->u.cal);
		break;
	case CF_DOC_CHECKLIST:
		cf_doc__free_checklist(&doc->u.list);
		break;
	case CF_DOC_PROFILE:
		cf_doc__free_profile(&doc->u.profile);
		break;
	case CF_DOC_SIGNERS:
		cf_doc__free_signers(&doc->u.signers);
		break;
	}
	free(doc->path);
	free(doc);
}

const char *
cf_doc_id(const struct cf_doc *doc)
{
	switch (doc->type) {
	case CF_DOC_PROCEDURE:
		return doc->u.proc.id;
	case CF_DOC_STANDARD:
		return doc->u.std.id;
	case CF_DOC_CALENDAR:
		return doc->u.cal.id;
	case CF_DOC_CHECKLIST:
		return doc->u.list.id;
	case CF_DOC_PROFILE:
		return doc->u.profile.id;
	case CF_DOC_SIGNERS:
		return CF_SIGNERS_ID;
	}
	return "";
}

cf_day
cf_doc_effective_from(const struct cf_doc *doc)
{
	if (doc->type == CF_DOC_PROCEDURE)
		return doc->u.proc.effective_from;
	if (doc->type == CF_DOC_STANDARD)
		return doc->u.std.effective_from;
	return CF_DAY_NONE;
}

static cf_doc_query_check_fn query_check;

void
cf_doc_set_query_check(cf_doc_query_check_fn fn)
{
	query_check = fn;
}

/* Each sql check's query prepared as the audit would (FILE:LINE of the
 * check when it never can run). */
static void
check_queries(const struct cf_doc *doc, struct cf_diags *diags)
{
	const struct cf_checklist *l = &doc->u.list;

	for (size_t k = 0; query_check && k < l->nchecks; k++) {
		const struct cf_check *c = &l->checks[k];
		if (c->type != CF_CHECK_SQL || cf_blank(c->query))
			continue;
		if (query_check(c->id, c->query) < 0) {
			cf_diags_add(diags, doc->path, c->line, 0, "%s",
			    cf_error_message());
			cf_error_clear();
		}
	}
}

int
cf_doc_check_set(struct cf_doc *const *docs, size_t n, struct cf_diags *diags)
{
	size_t before = diags->n;

	for (size_t i = 0; i < n; i++) {
		if (docs[i]->type == CF_DOC_CHECKLIST)
			check_queries(docs[i], diags);
		for (size_t k = 0; k < i; k++) {
			if (docs[i]->type != docs[k]->type)
				continue;
			if (strcmp(cf_doc_id(docs[i]), cf_doc_id(docs[k])) == 0)
				cf_diags_add(diags, docs[i]->path, 0, 0,
				    "%s id '%s' is also used by %s, expected "
				    "one document per id",
				    type_names[docs[i]->type],
				    cf_doc_id(docs[i]), docs[k]->path);
			else if (docs[i]->type == CF_DOC_CALENDAR &&
			    docs[i]->u.cal.year == docs[k]->u.cal.year)
				cf_diags_add(diags, docs[i]->path,
				    docs[i]->u.cal.line, 0,
				    "year %d is already covered by %s, "
				    "expected at most one calendar per year",
				    docs[i]->u.cal.year, docs[k]->path);
		}
	}
	if (diags->n > before)
		return cf_error_set(CF_EINVALID, "documents conflict");
	return 0;
}

int
cf_doc_build_calendar(struct cf_cal **out, struct cf_doc *const *docs, size_t n)
{
	struct cf_cal *cal = cf_cal_new();
	int rc = 0;

	*out = NULL;
	for (size_t i = 0; i < n && rc == 0; i++) {
		const struct cf_caldoc *c = &docs[i]->u.cal;
		if (docs[i]->type != CF_DOC_CALENDAR)
			continue;
		if ((rc = cf_cal_add_year(cal, c->year)) < 0) {
			cf_error_prefix("%s", docs[i]->path);
			break;
		}
		for (size_t k = 0; k < c->nholidays && rc == 0; k++)
			rc = cf_cal_add_rest(cal, c->holidays[k].from,
			    c->holidays[k].to);
		for (size_t k = 0; k < c->nworkdays && rc == 0; k++)
			rc = cf_cal_add_workday(cal, c->workdays[k].date);
	}
	if (rc == 0)
		rc = cf_cal_build(cal);
	if (rc < 0) {
		cf_cal_free(cal);
		return rc;
	}
	*out = cal;
	return 0;
}
