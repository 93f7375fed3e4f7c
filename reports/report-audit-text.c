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
#include <stdio.h>
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
			    "per case check, from the cases that check judged "
			    "(pass + fail), against the tolerable rate",
	    d->h.sample_size, d->h.population, d->h.seed ? d->h.seed : "",
	    d->h.confidence ? d->h.confidence : "?",
	    d->h.tolerable ? d->h.tolerable : "?",
	    d->h.expected ? d->h.expected : "?");
}

/*
 * The sampled case checks whose figure does not support the population
 * (doc/audits.md#sampling): "C01, C06" for those with a limit above the
 * tolerable rate, and those that judged no case; NULL for none.
 */
static char *
checks_standing(const struct cf_ra_data *d, enum cf_sample_standing want,
    char *tol, size_t tsize)
{
	struct cf_buf b = CF_BUF_INIT;

	for (size_t i = 0; i < d->nchecks; i++) {
		struct cf_sample_figure fig;
		if (cf_sample_figure_of(&d->h, &d->checks[i], &fig) != 1) {
			cf_error_clear();
			continue;
		}
		if (fig.standing != want)
			continue;
		snprintf(tol, tsize, "%s", fig.tolerable);
		if (b.len)
			cf_buf_adds(&b, ", ");
		cf_buf_adds(&b, d->checks[i].check_id);
	}
	if (b.len == 0) {
		cf_buf_release(&b);
		return NULL;
	}
	return cf_buf_detach(&b);
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

	if (d->h.sampled) {
		char tol[32];
		char *above = checks_standing(d, CF_SAMPLE_ABOVE, tol,
		    sizeof tol);
		char *a = above ? cf_xasprintf(" For %s the upper deviation "
					       "limit is above the tolerable "
					       "rate %s: the sample does not "
					       "show that the deviation rate "
					       "of the population is below it.",
				      above, tol)
				: cf_xstrdup("");
		char *none = checks_standing(d, CF_SAMPLE_NOTHING, tol,
		    sizeof tol);
		char *n = none ? cf_xasprintf(" %s judged no case of the "
					      "sample and shows nothing of "
					      "the population.",
				     none)
			       : cf_xstrdup("");
		char *s = cf_xasprintf(
		    "%s Case checks judged a sample of %" PRId64 " of %" PRId64
		    " cases: their results hold for the population only within "
		    "the upper deviation limits stated, at confidence %s, each "
		    "computed from the cases that check judged; the rates and "
		    "the document checks judged every case and document.%s%s",
		    common, d->h.sample_size, d->h.population,
		    d->h.confidence ? d->h.confidence : "?", a, n);
		free(above);
		free(none);
		free(a);
		free(n);
		return s;
	}
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
