/* SPDX-License-Identifier: MIT */
/*
 * document.h - the controlled document types, parsed into structs: the
 * five XML types, and the allowed signers (signers/allowed_signers, git's
 * allowed-signers text, doc/integrity.md "Signatures and who may sign").
 *
 * The fifth XML type, the import profile (profiles/), maps the columns
 * of a platform's export onto the fields of a cases, events or
 * evaluations file (doc/cases.md "Import profiles").
 *
 * A document is bytes (from the work tree or from a git blob) with a
 * path ("procedures/P-BIZ-001.xml").  cf_doc_parse() loads it through
 * the safe XML loader, validates it against its RELAX NG schema, and
 * then applies the rules a schema cannot say (doc/documents.md, issue 2):
 *   - the id equals the file name (for standards, '/' in the id is '_'
 *     in the file name);
 *   - step ids, material ids, activities, clause ids and check ids are
 *     unique; not-same-actor-as names another step;
 *   - an on-the-spot procedure has committed="0";
 *   - every date exists; a calendar knows its year, lists only days of
 *     that year, make-up workdays on weekends and outside holidays;
 *   - each check type has the attributes it needs (min for the rates, a
 *     query for sql) and no attribute it would ignore.
 * Rules across documents (one calendar per year, unique ids) are in
 * cf_doc_check_set().  Every problem is a diagnostic with file and line.
 *
 * Parsed documents own all their strings; cf_doc_free() releases them.
 * The compiled schemas are cached for the life of the process
 * (cf_doc_schemas_release() frees them); not thread-safe.
 */
#ifndef CF_DOCUMENT_H
#define CF_DOCUMENT_H

#include <stdbool.h>
#include <stdint.h>

#include "date.h"
#include "error.h"
#include "mem.h"
#include "amount.h"

enum cf_doc_type {
	CF_DOC_PROCEDURE,
	CF_DOC_STANDARD,
	CF_DOC_CALENDAR,
	CF_DOC_CHECKLIST,
	CF_DOC_SIGNERS, /* signers/allowed_signers: text, not XML */
	CF_DOC_PROFILE, /* import profiles (doc/cases.md "Import profiles");
			   after signers, so that the numbers the index's
			   cache stores keep their meaning */
};
#define CF_DOC_NTYPES 6

/* Whether documents of type t are XML (every type but the signers). */
#define CF_DOC_IS_XML(t) ((t) != CF_DOC_SIGNERS)

/* The one document of type signers: its id and its path. */
#define CF_SIGNERS_ID "signers"
#define CF_SIGNERS_PATH "signers/allowed_signers"

/* "procedure", "standard", ...; and their folders "procedures", ... */
const char *cf_doc_type_name(enum cf_doc_type t);
const char *cf_doc_type_dir(enum cf_doc_type t);

/*
 * The type of a workspace-relative path "DIR/NAME.xml" (one level, DIR
 * one of the five XML folders), or "signers/allowed_signers".  CF_ENOTFOUND
 * when it is no document path.
 */
int cf_doc_type_of_path(const char *path, enum cf_doc_type *out);

/* Parses "procedure", "standard", ...; CF_EUSAGE when unknown. */
int cf_doc_type_parse(const char *s, enum cf_doc_type *out);

/* The workspace-relative path a document of that type and id lives at. */
char *cf_doc_path_for_id(enum cf_doc_type t, const char *id);

enum cf_proc_kind {
	CF_KIND_ON_THE_SPOT,
	CF_KIND_COMMITMENT,
};

struct cf_material {
	char *id;
	char *name;
	bool required;
	int line;
};

struct cf_step {
	char *id;
	char *activity; /* the activity attribute, else the id */
	char *role;	/* NULL when absent */
	bool optional;
	bool repeatable;
	bool final; /* final="yes": a case ends with it (doc/cases.md, XES) */
	char *not_same_actor_as; /* step id, or NULL */
	int nsa;		 /* its index in steps[], or -1 */
	int line;
};

/*
 * The markers of the time-limit law (doc/working-days.md "Pauses,
 * extensions and supplementation"): logged activities that stop the
 * clock, extend the limit once, or record the one-time notice of what
 * is missing.  They are no steps (no step has their activity).
 */
struct cf_pause {
	char *start; /* the activity that opens the pause */
	char *end;   /* the activity that closes it */
	char *name;  /* "特别程序" */
	int line;
};

struct cf_extension {
	char *activity;
	int days; /* working days added, > 0 */
	char *role;
	int line;
};

struct cf_supplement {
	char *activity;
	int within; /* working days after the receipt day */
	int line;
};

struct cf_procedure {
	char *id;
	enum cf_proc_kind kind;
	char *title;
	char *department; /* NULL when absent; "" when empty */
	char *window;
	char *complaint_phone;
	struct cf_strv legal_basis; /* each element's trimmed text */
	cf_day effective_from;
	cf_day review_due; /* CF_DAY_NONE when absent */
	bool has_time_limit;
	int statutory; /* -1 when the attribute is absent */
	int committed; /* -1 when the attribute is absent */
	struct cf_pause *pauses; /* inside <time-limit>, in document order */
	size_t npauses;
	bool has_extension;
	struct cf_extension extension;
	bool has_supplement;
	struct cf_supplement supplement;
	bool has_unit;
	bool has_fee;
	int64_t fee_fen; /* -1 when the amount is absent */
	bool has_currency;
	bool has_materials;
	struct cf_material *materials;
	size_t nmaterials;
	bool steps_open;
	struct cf_step *steps;
	size_t nsteps;
	bool has_final; /* some step is final="yes" */
};

enum cf_subsystem {
	CF_SUB_BASIC,
	CF_SUB_SUPPORT,
	CF_SUB_PROVISION,
};

struct cf_clause {
	char *id;
	char *text;
};

struct cf_standard {
	char *id;
	enum cf_subsystem subsystem;
	char *title;
	char *level; /* NULL when absent */
	cf_day effective_from;
	cf_day review_due;
	struct cf_strv applies_to; /* globs over procedure ids */
	struct cf_clause *clauses;
	size_t nclauses;
};

struct cf_holiday {
	cf_day from, to;
	char *name;
	int line;
};

struct cf_workday {
	cf_day date;
	char *name;
	int line;
};

struct cf_caldoc {
	char *id;
	int year;
	char *title;
	struct cf_holiday *holidays;
	size_t nholidays;
	struct cf_workday *workdays;
	size_t nworkdays;
	int line; /* of the root element */
};

enum cf_check_type {
	CF_CHECK_ON_TIME,
	CF_CHECK_FEE,
	CF_CHECK_MATERIALS,
	CF_CHECK_STEPS,
	CF_CHECK_ROLES,
	CF_CHECK_FOUR_EYES,
	CF_CHECK_IN_FORCE,
	CF_CHECK_ON_TIME_RATE,
	CF_CHECK_ON_THE_SPOT_RATIO,
	CF_CHECK_LIMIT_COMPRESSION,
	CF_CHECK_GUIDE_COMPLETE,
	CF_CHECK_LIMITS_CONSISTENT,
	CF_CHECK_APPROVED,
	CF_CHECK_REVIEW_CURRENT,
	CF_CHECK_CAPA_TIMELY,
	CF_CHECK_SQL,
	CF_CHECK_LATE_RECORD, /* a case check, added after sql */
	/* The time-limit law (doc/checks.md), added after late-record. */
	CF_CHECK_STATUTORY_TIME, /* case */
	CF_CHECK_EXTENSION,	 /* case */
	CF_CHECK_SUPPLEMENT,	 /* case */
	CF_CHECK_ON_THE_SPOT_VOLUME, /* aggregate, needs min */
	CF_CHECK_ACTUAL_COMPRESSION, /* aggregate, needs min */
	/* 好差评 (doc/checks.md), added after actual-compression. */
	CF_CHECK_BAD_REVIEW,	      /* case; max, within, revisit */
	CF_CHECK_SATISFACTION_RATE,   /* aggregate, needs min; count-basic */
	CF_CHECK_EVALUATION_COVERAGE, /* aggregate, needs min */
};
#define CF_CHECK_NTYPES 25

const char *cf_check_type_name(enum cf_check_type t);
int cf_check_type_parse(const char *s, enum cf_check_type *out);
/* True for the checks that judge cases (on-time ... in-force, late-record,
 * statutory-time, extension, supplement, bad-review). */
bool cf_check_type_is_case(enum cf_check_type t);
/* The same for a type's name ("fee": true, "sql": false). */
bool cf_check_type_name_is_case(const char *name);
/* True for the period aggregates that need `min` (on-time-rate,
 * on-the-spot-ratio, limit-compression, on-the-spot-volume,
 * actual-compression, satisfaction-rate, evaluation-coverage). */
bool cf_check_type_is_rate(enum cf_check_type t);

enum cf_severity {
	CF_SEV_MAJOR,
	CF_SEV_MINOR,
	CF_SEV_OBSERVATION,
};

const char *cf_severity_name(enum cf_severity s);

struct cf_check {
	char *id;
	enum cf_check_type type;
	enum cf_severity severity;
	char *clause; /* "" when absent */
	char *title;  /* NULL when absent */
	bool has_min;
	struct cf_ratio min;
	char *query; /* sql only */
	int within;  /* late-record, bad-review: working days; -1 absent */
	int max;     /* bad-review: the highest bad rating; -1 absent (2) */
	bool revisit_all;  /* bad-review revisit="all" */
	bool count_basic;  /* satisfaction-rate count-basic="yes" */
	int line;
};

/* One measure of a checklist's window scorecard (红旗窗口评比). */
struct cf_score_measure {
	char *check; /* a check id of the same checklist */
	int weight;  /* > 0 */
	int line;
};


struct cf_checklist {
	char *id;
	char *title;
	char *objective;
	char *criteria;
	char *scope; /* glob over procedure ids; "*" when absent */
	bool has_sampling;
	struct cf_ratio confidence, tolerable, expected;
	char *seed;
	struct cf_check *checks;
	size_t nchecks;
	bool has_scorecard;
	int awards; /* red-flag windows */
	struct cf_score_measure *measures;
	size_t nmeasures;
};

/* An import profile (doc/cases.md "Import profiles"). */
enum cf_profile_kind {
	CF_PROFILE_CASES,
	CF_PROFILE_EVENTS,
	CF_PROFILE_EVALUATIONS,
};

/* "cases", "events", "evaluations". */
const char *cf_profile_kind_name(enum cf_profile_kind k);

/*
 * The fields of a kind, in the order of doc/cases.md (the required ones
 * first: `nrequired` of them); NULL-terminated.  Whether `field` is a
 * time (accepted_at, completed_at, timestamp, rated_at, ...).
 */
const char *const *cf_profile_fields(enum cf_profile_kind k, size_t *nrequired);
bool cf_profile_field_is_time(const char *field);

struct cf_profile_map {
	char *from; /* trimmed */
	char *to;
	int line;
};

struct cf_profile_field {
	char *name;   /* a field of the kind */
	char *column; /* the column's name as the file writes it, trimmed */
	char *format; /* strptime-style (times only); NULL when absent */
	struct cf_profile_map *maps;
	size_t nmaps;
	int line;
};

struct cf_profile {
	char *id;
	char *title; /* NULL when absent */
	enum cf_profile_kind kind;
	char *encoding; /* as written, one cf_encoding_canon knows; NULL: UTF-8 */
	char *sheet;	/* the .xlsx sheet; NULL: the first */
	struct cf_profile_field *fields;
	size_t nfields;
	int line; /* of the root element */
};

/* The field named `name` of `p`; NULL when the profile does not map it. */
const struct cf_profile_field *cf_profile_find(const struct cf_profile *p,
    const char *name);

/*
 * Whether `format` is a date format a profile may give (doc/cases.md
 * "Import profiles"): the directives %Y %m %d %H %M %S %f %z and %%,
 * each at most once, with %Y, %m and %d; %M only with %H, %S only with
 * %M, %f only with %S; any other character stands for itself.  0, or CF_EINVALID with
 * what is wrong.
 */
int cf_profile_format_check(const char *format);

/* One key line of the allowed signers (git's format, ssh-keygen(1)). */
struct cf_signer {
	char *principals;  /* as written: "a@x,b@x" or "*@x" */
	char *namespaces;  /* NULL when any */
	char *valid_after; /* as written, "20260101"; NULL when absent */
	char *valid_before;
	bool cert_authority;
	char *keytype;	   /* "ssh-ed25519" */
	char *key;	   /* base64 */
	char *fingerprint; /* "SHA256:..." */
	int line;
};

struct cf_signers {
	char *text; /* the file, NUL-terminated (what ssh-keygen is given) */
	struct cf_signer *v;
	size_t n;
};

/*
 * Whether check `a` of checklist `la` and check `b` of `lb` are the same
 * check as documents say it (`ncr verify`, doc/ncr.md): the same type,
 * severity, clause, title, min, within and query, and the same
 * checklist scope.  0 when they are; 1 when not, with the first
 * difference in `why` ("type materials, now sql").
 */
int cf_check_same(const struct cf_checklist *la, const struct cf_check *a,
    const struct cf_checklist *lb, const struct cf_check *b, char *why,
    size_t size);

/* The check with id `id` of `l`; NULL when it has none. */
const struct cf_check *cf_checklist_find(const struct cf_checklist *l,
    const char *id);

struct cf_doc {
	enum cf_doc_type type;
	char *path; /* as given: workspace-relative or a file name */
	union {
		struct cf_procedure proc;
		struct cf_standard std;
		struct cf_caldoc cal;
		struct cf_checklist list;
		struct cf_signers signers;
		struct cf_profile profile;
	} u;
};

/*
 * Parses and validates one document.  The type comes from the root
 * element; when `path` lies in one of the five folders the root must
 * match the folder.  Returns 0 and *out, or CF_EINVALID with every
 * problem in `diags` (CF_ERROR when a schema cannot be loaded).
 */
int cf_doc_parse(struct cf_doc **out, const char *buf, size_t len,
    const char *path, struct cf_diags *diags);

/* Reads `fspath` from disk and parses it as `path` (NULL: fspath). */
int cf_doc_load_file(struct cf_doc **out, const char *fspath, const char *path,
    struct cf_diags *diags);

void cf_doc_free(struct cf_doc *doc);

/* The id of any document. */
const char *cf_doc_id(const struct cf_doc *doc);
/* effective-from of a procedure or standard; CF_DAY_NONE otherwise. */
cf_day cf_doc_effective_from(const struct cf_doc *doc);

/*
 * Rules across a set of documents: at most one calendar per year, no
 * two documents of one type with one id.  CF_EINVALID with diagnostics.
 */
int
cf_doc_check_set(struct cf_doc *const *docs, size_t n, struct cf_diags *diags);

/*
 * How cf_doc_check_set tries a sql check's query: the sandbox that runs
 * it lives above this layer (audits/sqlcheck.h), so the program sets
 * it once at start (cli/cmd.c).  It returns 0 when the query can run,
 * CF_EINVALID with a message when it never can (doc/checks.md#sql).
 * NULL (the default): queries are not tried.
 */
typedef int (*cf_doc_query_check_fn)(const char *check_id, const char *query);
void cf_doc_set_query_check(cf_doc_query_check_fn fn);

/*
 * Builds the working-day calendar from the calendar documents among
 * `docs` (others are ignored).
 */
struct cf_cal;
int cf_doc_build_calendar(struct cf_cal **out, struct cf_doc *const *docs,
    size_t n);

void cf_doc_schemas_release(void);

#endif
