/* SPDX-License-Identifier: MIT */
/*
 * report-audit-text.c - the text the audit report's formats share (see
 * report-audit.c): instants in the audit's timezone, the sampling
 * statement, the caveat and the overall conclusion in words, so that
 * the HTML and the XML say the same thing.
 */
#include "conform.h"
#include "report-audit-impl.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

void
cf_ra_instant(struct cf_tz *tz, int64_t sec, char *buf, size_t size)
{
	struct cf_time t = { sec, 0, cf_tz_offset(tz, sec), true };

	cf_time_format_iso(&t, buf, size);
}

const struct cf_audit_checkrow *
cf_ra_check_at(const struct cf_ra_data *d, int pos)
{
	for (size_t i = 0; i < d->nchecks; i++)
		if (d->checks[i].pos == pos)
			return &d->checks[i];
	return NULL;
}

char *
cf_ra_checkpoint_text(const struct cf_ra_data *d)
{
	const struct cf_checkpoint *c = &d->ckpt;

	if (c->n == 0)
		return cf_xstrdup("none yet: no checkpoint holds the audit's "
				  "trail entry ('conform trail checkpoint' "
				  "writes one)");
	if (c->valid)
		return cf_xasprintf("checkpoint %zu: trail entry %" PRId64
				    " %.12s…, signed by %s",
		    c->n, c->seq, c->hash, c->principal);
	return cf_xasprintf("checkpoint %zu: trail entry %" PRId64 " %.12s…, %s",
	    c->n, c->seq, c->hash,
	    !c->is_signed ? "unsigned"
		: c->unjudged ? "signed, no allowed signers to judge it"
			      : "badly signed");
}

char *
cf_ra_sampling_text(const struct cf_ra_data *d)
{
	if (!d->h.sampled)
		return cf_xasprintf("no sampling: every one of the %" PRId64
				    " cases of the period and scope was judged",
		    d->h.population);
	return cf_xasprintf("statistical attribute sample of %" PRId64
			    " of %" PRId64
			    " cases (the cases with the smallest SHA-256 of "
			    "'%s:<case id>'; confidence %s, tolerable "
			    "deviation rate %s, expected %s); case checks "
			    "judged the sample, rates every case; the upper "
			    "deviation limit at the stated confidence is given "
			    "per case check",
	    d->h.sample_size, d->h.population, d->h.seed ? d->h.seed : "",
	    d->h.confidence ? d->h.confidence : "?",
	    d->h.tolerable ? d->h.tolerable : "?",
	    d->h.expected ? d->h.expected : "?");
}

char *
cf_ra_caveat_text(const struct cf_ra_data *d)
{
	const char *common =
	    "The audit evidence is the case records imported into the "
	    "workspace (the batches listed, identified by their SHA-256) and "
	    "the documents committed at the commits named; what these "
	    "records do not hold (interviews, observation on site, paper "
	    "files) was not examined, and a record that is wrong at its "
	    "source is judged as recorded.";

	if (d->h.sampled)
		return cf_xasprintf(
		    "%s Case checks judged a sample of %" PRId64 " of %" PRId64
		    " cases: their results hold for the population only within "
		    "the upper deviation limits stated, at confidence %s; the "
		    "rates and the document checks judged every case and "
		    "document.",
		    common, d->h.sample_size, d->h.population,
		    d->h.confidence ? d->h.confidence : "?");
	return cf_xasprintf("%s Every case of the period and scope was judged; "
			    "no sampling risk applies.",
	    common);
}

const char *
cf_ra_overall_text(const char *overall)
{
	if (strcmp(overall, "major-nonconformity") == 0)
		return "不符合 Not conforming: at least one major "
		       "nonconformity";
	if (strcmp(overall, "minor-nonconformity") == 0)
		return "基本符合 Conforming with minor nonconformities";
	return "符合 Conforming: no nonconformity found";
}

char *
cf_ra_check_label(const struct cf_audit_checkrow *c)
{
	return cf_xasprintf("%s %s", c->check_id,
	    c->title ? c->title : c->type);
}
