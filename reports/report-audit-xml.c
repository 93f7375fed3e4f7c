/* SPDX-License-Identifier: MIT */
/*
 * report-audit-xml.c - the audit report as XML (see report-audit.c),
 * written with xmlTextWriter and valid against report-audit.rng; every
 * finding is streamed into it.
 */
#include "conform.h"
#include "report-audit-impl.h"
#include "scorecard.h"
#include "xmlw.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>

struct xml_ctx {
	struct cf_xw *x;
	const struct cf_ra_data *d;
};

static int
xml_finding(const struct cf_auditdb_finding *fd, void *arg)
{
	struct xml_ctx *c = arg;
	const struct cf_audit_checkrow *k = cf_ra_check_at(c->d, fd->pos);

	cf_xw_start(c->x, "finding");
	cf_xw_attr(c->x, "check", k ? k->check_id : "?");
	cf_xw_attr(c->x, "subject", fd->subject);
	cf_xw_attr(c->x, "result", cf_result_name(fd->result));
	cf_xw_attr(c->x, "severity", k ? k->severity : "observation");
	cf_xw_attr(c->x, "clause", k ? k->clause : "");
	cf_xw_attr(c->x, "procedure", fd->document_id);
	cf_xw_attr(c->x, "commit", fd->commit);
	if (fd->detail && *fd->detail)
		cf_xw_text(c->x, fd->detail);
	cf_xw_end(c->x);
	return c->x->bad ? cf_error_set(CF_ERROR, "cannot write the report")
			 : 0;
}

static void
xml_tallies(struct cf_xw *x, const char *outer, const char *inner,
    const char *key, const struct cf_ra_tally *t, size_t n)
{
	cf_xw_start(x, outer);
	for (size_t i = 0; i < n; i++) {
		cf_xw_start(x, inner);
		cf_xw_attr(x, key, t[i].label);
		cf_xw_attr_int(x, "pass", t[i].pass);
		cf_xw_attr_int(x, "fail", t[i].fail);
		cf_xw_attr_rate(x, "conformity", t[i].pass,
		    t[i].pass + t[i].fail);
		cf_xw_end(x);
	}
	cf_xw_end(x);
}

/* The window scorecard as `report windows` ranks it (scorecard.h). */
static int
xml_scorecard(struct cf_xw *x, const struct cf_report_env *env, int64_t id)
{
	struct cf_auditdb_scorecard sc;
	struct cf_score_line *l = NULL;
	size_t n = 0;
	char t[32];
	int rc;

	if ((rc = cf_auditdb_scorecard(env->st, id, &sc)) < 0)
		return rc;
	if (!sc.has) {
		cf_auditdb_scorecard_release(&sc);
		return 0;
	}
	if ((rc = cf_score_lines(&sc, &l, &n)) == 0) {
		cf_xw_start(x, "scorecard");
		cf_xw_attr_int(x, "awards", sc.awards);
		for (size_t m = 0; m < sc.nmeasures; m++) {
			cf_xw_start(x, "measure");
			cf_xw_attr(x, "check", sc.measures[m].check_id);
			cf_xw_attr_int(x, "weight", sc.measures[m].weight);
			cf_xw_end(x);
		}
		for (size_t i = 0; i < n; i++) {
			cf_xw_start(x, "window");
			cf_xw_attr(x, "name", l[i].window);
			if (l[i].rank > 0) {
				cf_xw_attr_int(x, "rank", l[i].rank);
				cf_score_text(l[i].score, t);
				cf_xw_attr(x, "score", t);
			}
			cf_xw_attr(x, "red-flag", l[i].red_flag ? "yes" : "no");
			for (size_t m = 0; m < sc.nmeasures; m++) {
				if (l[i].value[m] < 0)
					continue;
				cf_xw_start(x, "value");
				cf_xw_attr(x, "check", sc.measures[m].check_id);
				cf_score_text(l[i].value[m], t);
				cf_xw_attr(x, "percent", t);
				cf_xw_end(x);
			}
			cf_xw_end(x);
		}
		cf_xw_end(x);
		cf_score_lines_free(l, n);
	}
	cf_auditdb_scorecard_release(&sc);
	return rc;
}

int
cf_ra_write_xml(FILE *f, const struct cf_report_env *env, struct cf_ra_data *d)
{
	xmlOutputBufferPtr ob = xmlOutputBufferCreateFile(f, NULL);
	struct cf_xw x = { NULL, false };
	struct xml_ctx c = { &x, d };
	char day[11], t[48], *s;
	int rc = 0;

	if (ob == NULL || (x.w = xmlNewTextWriter(ob)) == NULL) {
		if (ob)
			xmlOutputBufferClose(ob);
		return cf_error_set(CF_ERROR, "cannot write the report");
	}
	cf_xw_ok(&x, xmlTextWriterSetIndent(x.w, 1));
	cf_xw_ok(&x, xmlTextWriterSetIndentString(x.w, BAD_CAST "  "));
	cf_xw_ok(&x, xmlTextWriterStartDocument(x.w, NULL, "UTF-8", NULL));
	cf_xw_start(&x, "audit-report");
	cf_xw_attr(&x, "version", "1");
	cf_xw_attr_int(&x, "audit", d->h.id);
	cf_xw_elem(&x, "auditee", env->center);

	cf_xw_start(&x, "checklist");
	cf_xw_attr(&x, "id", d->h.checklist_id);
	cf_xw_attr(&x, "title", d->h.checklist_title);
	cf_xw_attr(&x, "commit", d->h.checklist_commit);
	cf_xw_elem(&x, "objective", d->objective);
	cf_xw_elem(&x, "criteria", d->criteria);
	cf_xw_end(&x);

	cf_xw_start(&x, "scope");
	cf_xw_attr(&x, "procedures", d->h.scope);
	for (size_t i = 0; i < d->nversions; i++) {
		const struct cf_ra_version *v = &d->versions[i];
		cf_xw_start(&x, "document");
		cf_xw_attr(&x, "id", v->document_id);
		cf_xw_attr(&x, "type", v->type);
		cf_xw_attr(&x, "commit", v->commit);
		cf_xw_attr_int(&x, "cases", v->cases);
		if (v->title)
			cf_xw_text(&x, v->title);
		cf_xw_end(&x);
	}
	cf_xw_end(&x);

	cf_xw_elem(&x, "auditor", d->h.actor);
	cf_xw_start(&x, "dates");
	cf_ra_instant(d->tz, d->h.started_at, t, sizeof t);
	cf_xw_attr(&x, "started", t);
	cf_ra_instant(d->tz, d->h.finished_at, t, sizeof t);
	cf_xw_attr(&x, "finished", t);
	cf_xw_end(&x);
	cf_xw_start(&x, "period");
	cf_day_format(d->h.from, day);
	cf_xw_attr(&x, "from", day);
	cf_day_format(d->h.to, day);
	cf_xw_attr(&x, "to", day);
	cf_xw_attr(&x, "timezone", d->h.timezone);
	cf_xw_attr_int(&x, "cases", d->h.population);
	cf_xw_end(&x);
	cf_xw_start(&x, "documents");
	cf_xw_attr(&x, "commit", d->h.documents_commit);
	cf_xw_end(&x);
	if (d->has_ckpt && d->ckpt.n > 0) {
		const struct cf_checkpoint *k = &d->ckpt;
		cf_xw_start(&x, "checkpoint");
		cf_xw_attr_int(&x, "n", (int64_t)k->n);
		cf_xw_attr_int(&x, "seq", k->seq);
		cf_xw_attr(&x, "hash", k->hash);
		cf_xw_attr(&x, "commit", k->commit);
		cf_xw_attr(&x, "signature",
		    k->valid	     ? "valid"
			: !k->is_signed ? "unsigned"
			: k->unjudged	 ? "unjudged"
					 : "bad");
		if (k->valid)
			cf_xw_attr(&x, "signer", k->principal);
		cf_xw_end(&x);
	} else if (d->has_ckpt) {
		cf_xw_start(&x, "checkpoint");
		cf_xw_attr(&x, "signature", "none");
		cf_xw_end(&x);
	}
	cf_xw_start(&x, "batches");
	if (d->h.last_batch >= 0) /* the records it saw: doc/audits.md */
		cf_xw_attr_int(&x, "last", d->h.last_batch);
	for (size_t i = 0; i < d->sha.n; i++) {
		cf_xw_start(&x, "batch");
		cf_xw_attr(&x, "file", d->files.v[i]);
		cf_xw_attr(&x, "sha256", d->sha.v[i]);
		if (*d->profiles.v[i]) {
			cf_xw_attr(&x, "profile", d->profiles.v[i]);
			cf_xw_attr(&x, "profile-commit",
			    d->profile_commits.v[i]);
		}
		cf_xw_end(&x);
	}
	cf_xw_end(&x);
	cf_xw_start(&x, "sampling");
	cf_xw_attr(&x, "sampled", d->h.sampled ? "true" : "false");
	cf_xw_attr_int(&x, "population", d->h.population);
	if (d->h.sampled) {
		cf_xw_attr_int(&x, "size", d->h.sample_size);
		cf_xw_attr(&x, "seed", d->h.seed);
		cf_xw_attr(&x, "confidence", d->h.confidence);
		cf_xw_attr(&x, "tolerable", d->h.tolerable);
		cf_xw_attr(&x, "expected", d->h.expected);
	}
	s = cf_ra_sampling_text(d);
	cf_xw_text(&x, s);
	free(s);
	cf_xw_end(&x);

	cf_xw_start(&x, "checks");
	for (size_t i = 0; i < d->nchecks; i++) {
		const struct cf_audit_checkrow *k = &d->checks[i];
		struct cf_sample_figure fig;
		cf_xw_start(&x, "check");
		cf_xw_attr(&x, "id", k->check_id);
		cf_xw_attr(&x, "type", k->type);
		cf_xw_attr(&x, "severity", k->severity);
		cf_xw_attr(&x, "clause", k->clause);
		cf_xw_attr(&x, "title", k->title);
		for (int r = 0; r < 4; r++)
			cf_xw_attr_int(&x, cf_result_name((enum cf_result)r),
			    k->n[r]);
		cf_xw_attr_rate(&x, "conformity", k->n[CF_RESULT_PASS],
		    k->n[CF_RESULT_PASS] + k->n[CF_RESULT_FAIL]);
		/* doc/audits.md#sampling: both numbers, the limit from the
		 * judged ones, the standing against the tolerable rate. */
		if (cf_sample_figure_of(&d->h, k, &fig) == 1) {
			cf_xw_attr_int(&x, "judged", fig.judged);
			cf_xw_attr_int(&x, "sampled", fig.sampled);
			if (fig.standing != CF_SAMPLE_NOTHING)
				cf_xw_attr(&x, "upper-limit", fig.limit);
			cf_xw_attr(&x, "tolerable",
			    fig.standing == CF_SAMPLE_WITHIN	? "within"
				: fig.standing == CF_SAMPLE_ABOVE ? "above"
								  : "none");
		} else
			cf_error_clear();
		cf_xw_end(&x);
	}
	cf_xw_end(&x);
	xml_tallies(&x, "windows", "window", "name", d->windows, d->nwindows);
	if ((rc = xml_scorecard(&x, env, d->h.id)) < 0)
		goto out;
	cf_xw_start(&x, "on-time-by-month");
	cf_xw_attr(&x, "check", d->ontime_pos >= 0 ? d->ontime_id : NULL);
	for (size_t i = 0; i < d->nmonths; i++) {
		cf_xw_start(&x, "month");
		cf_xw_attr(&x, "month", d->months[i].label);
		cf_xw_attr_int(&x, "pass", d->months[i].pass);
		cf_xw_attr_int(&x, "fail", d->months[i].fail);
		cf_xw_attr_rate(&x, "conformity", d->months[i].pass,
		    d->months[i].pass + d->months[i].fail);
		cf_xw_end(&x);
	}
	cf_xw_end(&x);

	cf_xw_start(&x, "findings");
	cf_xw_attr(&x, "listed", "all");
	if (!x.bad)
		rc = cf_auditdb_findings(env->st, d->h.id, true, xml_finding,
		    &c);
	cf_xw_end(&x);
	if (rc < 0)
		goto out;

	cf_xw_start(&x, "ncrs");
	for (size_t i = 0; i < d->nncrs; i++) {
		const struct cf_ncr *n = &d->ncrs[i].ncr;
		char name[32];
		cf_ncr_name(n->number, name, sizeof name);
		cf_xw_start(&x, "ncr");
		cf_xw_attr(&x, "number", name);
		cf_xw_attr(&x, "check", n->check_id);
		cf_xw_attr(&x, "severity", n->severity);
		cf_xw_attr(&x, "clause", n->clause);
		cf_xw_attr(&x, "this-audit", cf_ra_ncr_role(&d->ncrs[i]));
		cf_xw_attr_int(&x, "subjects", d->ncrs[i].subjects);
		/* failing subjects it listed before: not raised again */
		if (d->ncrs[i].listed)
			cf_xw_attr_int(&x, "listed-before", d->ncrs[i].listed);
		cf_xw_attr(&x, "state", cf_ncr_state_name(n->state));
		if (n->recurrence_of) {
			cf_ncr_name(n->recurrence_of, name, sizeof name);
			cf_xw_attr(&x, "recurrence-of", name);
		}
		cf_xw_end(&x);
	}
	cf_xw_end(&x);

	cf_xw_start(&x, "conclusions");
	cf_xw_attr(&x, "overall", d->concl.overall);
	cf_xw_attr_int(&x, "major", d->concl.major);
	cf_xw_attr_int(&x, "minor", d->concl.minor);
	cf_xw_attr_int(&x, "observations", d->concl.observations);
	cf_xw_attr_int(&x, "errors", d->concl.errors);
	cf_xw_attr_int(&x, "pass", d->concl.pass);
	cf_xw_attr_int(&x, "fail", d->concl.fail);
	cf_xw_attr_rate(&x, "conformity", d->concl.pass,
	    d->concl.pass + d->concl.fail);
	cf_xw_text(&x, cf_ra_overall_text(d->concl.overall));
	cf_xw_end(&x);
	s = cf_ra_caveat_text(d);
	cf_xw_elem(&x, "caveat", s);
	free(s);
	cf_xw_end(&x);
	cf_xw_ok(&x, xmlTextWriterEndDocument(x.w));
out:
	xmlFreeTextWriter(x.w);
	if (rc == 0 && x.bad)
		rc = cf_error_set(CF_ERROR, "cannot write the report");
	return rc;
}
