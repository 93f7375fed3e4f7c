/* SPDX-License-Identifier: MIT */
/*
 * conclusion.h - the audit's conclusion (ISO 19011 6.4.9), decided in
 * one place from the counts per check stored with the audit.
 *
 * A check of severity major or minor with at least one fail is one
 * nonconformity of that grade, and raises (or joins) one NCR (doc/ncr.md);
 * an observation with a fail is an observation and raises none.  The
 * audit is "major-nonconformity" with any major nonconformity, else
 * "minor-nonconformity" with any minor one, else "conforming"; its
 * conformity is every pass over every pass and fail.
 *
 * Every user asks here: the audit report and the management review,
 * the evidence pack, the NCR register (which checks open NCRs) and
 * `audit run --fail-on`.
 */
#ifndef CF_CONCLUSION_H
#define CF_CONCLUSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct cf_store;
struct cf_audit_checkrow;
struct cf_audit_head;

/* What one check's results make of it. */
enum cf_grade {
	CF_GRADE_NONE,	      /* no fail */
	CF_GRADE_MAJOR,	      /* a major nonconformity */
	CF_GRADE_MINOR,	      /* a minor nonconformity */
	CF_GRADE_OBSERVATION, /* an observation */
};

enum cf_grade cf_check_grade(const struct cf_audit_checkrow *c);

/* Whether the check is a nonconformity, for which an NCR is opened. */
bool cf_check_raises_ncr(const struct cf_audit_checkrow *c);

/*
 * The conclusions of an audit from its counts per check.  `overall` is
 * "major-nonconformity", "minor-nonconformity" or "conforming" (static
 * text).
 */
struct cf_audit_conclusion {
	int major, minor, observations;
	int64_t major_subjects, minor_subjects; /* failing subjects */
	int64_t errors;				/* results not judged */
	int64_t pass, fail;
	const char *overall;
};

void cf_audit_conclude(const struct cf_audit_checkrow *c, size_t n,
    struct cf_audit_conclusion *out);

/* The conclusion of stored audit `id`, from its check rows (auditdb). */
int cf_audit_conclusion_load(struct cf_store *st, int64_t id,
    struct cf_audit_conclusion *out);

/*
 * What a sample says of one case check of a sampled audit
 * (doc/audits.md#sampling), from the check's stored counts: the check
 * judged `judged` (pass + fail) of the `sampled` cases and found
 * `deviations` (fail) among them; the upper deviation limit at the
 * audit's confidence is computed from those, and set against its
 * tolerable rate.  Every output states both numbers and the comparison
 * from here, and the audit stores the same limit.
 */
enum cf_sample_standing {
	CF_SAMPLE_WITHIN,  /* limit at or below the tolerable rate */
	CF_SAMPLE_ABOVE,   /* limit above it: the sample does not show the
			      rate below the tolerable rate */
	CF_SAMPLE_NOTHING, /* no case judged: no limit, nothing shown */
};

struct cf_sample_figure {
	int64_t judged, sampled, deviations;
	enum cf_sample_standing standing;
	int32_t limit_bp;   /* when judged > 0 */
	char limit[16];	    /* "7.58 %", "" when nothing was judged */
	char tolerable[32]; /* "5 %" */
};

/*
 * 1 and *out for a case check of a sampled audit, 0 for any other check
 * or audit, CF_EINVALID when the stored rates do not parse.
 */
int cf_sample_figure_of(const struct cf_audit_head *h,
    const struct cf_audit_checkrow *c, struct cf_sample_figure *out);

/* "within", "above" or "nothing judged" (static text). */
const char *cf_sample_standing_name(enum cf_sample_standing s);

#endif
