/* SPDX-License-Identifier: MIT */
/*
 * report-audit-impl.h - what the files of the audit report share (see
 * report-audit.c for the report's contents): the data read before the
 * findings (report-audit-data.c), the text every format prints the same
 * way (report-audit-text.c), and one writer per format
 * (report-audit-html.c, -xml.c, -csv.c).  Not for use outside
 * reports/report-audit*.c.
 */
#ifndef CF_REPORT_AUDIT_IMPL_H
#define CF_REPORT_AUDIT_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "auditdb.h"
#include "checkpoint.h"
#include "conclusion.h"
#include "mem.h"
#include "checks.h"
#include "ncr.h"
#include "report.h"

/* A document version the audit used, with what the history says of it. */
struct cf_names;

struct cf_ra_version {
	char *document_id, *commit, *title, *type;
	int64_t cases;
};

/* Pass and fail results under a label (a window, a month). */
struct cf_ra_tally {
	char *label;
	char *name; /* a window's departments (procedures/names.h); NULL */
	int64_t pass, fail;
};

/*
 * An NCR the audit raised or joined, or that listed some of its failing
 * subjects already (doc/ncr.md: they are not raised again, and their
 * NCR is that one), as the register holds it now.
 */
struct cf_ra_ncr {
	struct cf_ncr ncr;
	bool opened;	  /* by this audit */
	bool linked;	  /* raised or joined by this audit */
	int64_t subjects; /* failing subjects this audit added */
	int64_t listed;	  /* its failing subjects listed by an earlier audit */
};

/* "raised", "joined" or "listed" (listed already, nothing added). */
const char *cf_ra_ncr_role(const struct cf_ra_ncr *r);

/* Everything the report prints but the findings. */
struct cf_ra_data {
	struct cf_audit_head h;
	struct cf_audit_checkrow *checks;
	size_t nchecks;
	struct cf_strv sha, files;
	/* per batch, the import profile it was read through and its
	 * commit ("" when none); any_profile when one batch has one */
	struct cf_strv profiles, profile_commits;
	bool any_profile;
	char *objective, *criteria; /* from the checklist as committed */
	struct cf_ra_version *versions;
	size_t nversions;
	struct cf_ra_tally *windows;
	size_t nwindows;
	/* titles beside ids, as on the audit's last day (never NULL) */
	struct cf_names *names;
	int ontime_pos; /* -1: no on-time check */
	const char *ontime_id;
	struct cf_ra_tally *months;
	size_t nmonths;
	struct cf_ra_ncr *ncrs;
	size_t nncrs;
	/* the window scorecard, when the checklist had one (has) */
	struct cf_auditdb_scorecard sc;
	struct cf_audit_conclusion concl;
	struct cf_tz *tz; /* the audit's own timezone */
	bool has_ckpt;	  /* the checkpoints were read (env->repo) */
	struct cf_checkpoint ckpt; /* the one that anchors the audit, n 0:
				      none yet */
};

/* ---- report-audit-data.c ---- */

/*
 * Reads audit `id` (everything but the findings, which the writers
 * stream).  CF_ENOTFOUND "no audit N".  Release *d with cf_ra_release,
 * also after a failure.
 */
int
cf_ra_load(const struct cf_report_env *env, int64_t id, struct cf_ra_data *d);
void cf_ra_release(struct cf_ra_data *d);

/*
 * The title of document `id` as the finding's version `commit` (NULL:
 * none) has it, else as the names know it; NULL when unknown.
 */
const char *cf_ra_document_title(const struct cf_ra_data *d, const char *id,
    const char *commit);

/* ---- report-audit-text.c ---- */

/* An instant in the audit's timezone, ISO 8601 with its offset. */
void cf_ra_instant(struct cf_tz *tz, int64_t sec, char *buf, size_t size);
/* The check at position `pos`, or NULL. */
const struct cf_audit_checkrow *
cf_ra_check_at(const struct cf_ra_data *d, int pos);
/* The sampling statement and the caveat (the caller frees them). */
char *cf_ra_sampling_text(const struct cf_ra_data *d);
char *cf_ra_caveat_text(const struct cf_ra_data *d);
/*
 * The checkpoint that anchors the audit: "checkpoint 3: trail entry 52
 * 3f1c2a9b0d4e…, signed by qa@example.cn", "..., unsigned", or "none
 * yet: ..." (the caller frees it).
 */
char *cf_ra_checkpoint_text(const struct cf_ra_data *d);
/* The overall conclusion in words (static text). */
const char *cf_ra_overall_text(const char *overall);
/* "ID title" (or "ID type") of a check, for a chart (the caller frees). */
char *cf_ra_check_label(const struct cf_audit_checkrow *c);

/* ---- report-audit-groups.c ---- */

/*
 * The fail and error findings grouped by check, result and detail
 * pattern (the detail with each word holding a digit as "…"), for the
 * HTML page (doc/reports.md).  At most CF_RA_MAX_GROUPS groups; past
 * them, a check's further patterns are counted in one group with
 * pattern NULL and no example.
 */
#define CF_RA_EXAMPLES 10
#define CF_RA_MAX_GROUPS 10000

struct cf_ra_example {
	char *subject, *document_id, *commit, *detail;
};

struct cf_ra_group {
	int pos;
	enum cf_result result;
	char *pattern; /* NULL: the check's other patterns */
	int64_t count;
	size_t seq; /* first met */
	int nex;
	struct cf_ra_example ex[CF_RA_EXAMPLES];
};

struct cf_ra_groups {
	struct cf_ra_group *v; /* check order, larger groups first */
	size_t n, alloc;
	int64_t findings;
	size_t *slot, slots; /* while grouping: index + 1, 0 empty */
};

/* "no version of … in force on …": the caller frees it. */
char *cf_ra_detail_pattern(const char *detail);
int cf_ra_group_findings(const struct cf_report_env *env,
    const struct cf_ra_data *d, struct cf_ra_groups *g);
void cf_ra_groups_release(struct cf_ra_groups *g);

/* ---- report-audit-measure.c ---- */

/* True for on-time-rate, on-the-spot-ratio and limit-compression. */
bool cf_ra_is_rate(const char *type);
/*
 * The measured num/den in the detail of a period rate's result (its
 * words in doc/checks.md#rates); -1 when it does not read.
 */
int cf_ra_parse_rate(const char *type, const char *detail, int64_t *num,
    int64_t *den);
/* One per d->checks, in order (the caller frees *out). */
int cf_ra_measures(const struct cf_report_env *env, const struct cf_ra_data *d,
    struct cf_measure **out);

/* ---- one writer per format ---- */

int cf_ra_write_html(FILE *f, const struct cf_report_env *env,
    struct cf_ra_data *d);
int
cf_ra_write_xml(FILE *f, const struct cf_report_env *env, struct cf_ra_data *d);
int
cf_ra_write_csv(FILE *f, const struct cf_report_env *env, struct cf_ra_data *d);

#endif
