/* SPDX-License-Identifier: MIT */
/*
 * report-review.c - the management-review input (ISO 9001 9.3.2; see
 * report.h), for the days FROM..TO.
 *
 * What it reads, and the choices made where the contract is silent:
 *
 *   - The audits of the review are the stored audits whose audited
 *     period overlaps FROM..TO (not the day they ran: an audit of the
 *     first quarter run in April belongs to a review of that quarter).
 *   - The on-time rate of a month is read from the latest of those
 *     audits (by number) that has an on-time check and audited some day
 *     of that month: its results for the cases accepted in the month
 *     (and in both periods).  The report names that audit per month; a
 *     month no audit covers has no data, never 0 %.
 *   - The on-the-spot ratio and the limit compression are those of the
 *     procedures in force at each month's end (or at TO for the last
 *     month), computed from the committed documents as the audit checks
 *     define them; invalid versions in force are counted and left out.
 *   - Conformity per check is each check's pass / (pass + fail) in each
 *     audit of the review, side by side: a trend across audits rather
 *     than a sum (overlapping audits would count cases twice).
 *   - NCRs are those the audits of the review raised, whatever day they
 *     were opened (a first-quarter audit run in April raises them in
 *     April), and those raised earlier (or by a void audit) that an
 *     audit of the review joined with new failing subjects or found
 *     failing again on subjects they list (carried over); each once.  Their
 *     state, owner and due date are as at the end of TO, replayed from
 *     the trail (cf_ncr_as_at): a review of a past period does not show
 *     what was done after it.  Overdue are the ones open at TO whose due
 *     date was before TO; recurrences are the NCRs marked as recurring a
 *     closed one.
 */
#include "conform.h"
#include "auditdb.h"
#include "windows-html.h"
#include "docindex.h"
#include "html.h"
#include "ncr.h"
#include "ncrdb.h"
#include "labels.h"
#include "report.h"
#include "svg.h"
#include "xmlw.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>

struct rv_audit {
	struct cf_audit_head h;
	struct cf_audit_checkrow *checks;
	size_t nchecks;
	struct cf_audit_conclusion concl;
	int opened, joined; /* NCRs */
	int ontime_pos;	    /* -1: none */
};

struct rv_month {
	char label[8];
	cf_day first, last, end; /* end: the day the KPIs are taken */
	int64_t ot_pass, ot_fail;
	int64_t ot_audit; /* 0: no audit */
	struct cf_proc_kpi kpi;
	size_t invalid;
};

struct rv_check { /* one (checklist, check) over the audits */
	char *checklist, *check, *title, *type;
};

struct review {
	cf_day from, to;
	struct rv_audit *audits;
	size_t naudits;
	struct rv_month *months;
	size_t nmonths;
	struct rv_check *checks;
	size_t nchecks;
	struct cf_ncr *ncrs; /* raised or joined by the audits, by number;
				state, owner and due as at `to` */
	bool *carried;	     /* joined, raised before the review's audits */
	size_t nncrs;
	int64_t nraised;
	int64_t by_state[CF_NCR_REJECTED + 1];
	bool have_docs;
};

static void
review_release(struct review *r)
{
	for (size_t i = 0; i < r->naudits; i++) {
		for (size_t k = 0; k < r->audits[i].nchecks; k++)
			cf_audit_checkrow_release(&r->audits[i].checks[k]);
		free(r->audits[i].checks);
		cf_audit_head_release(&r->audits[i].h);
	}
	free(r->audits);
	free(r->months);
	for (size_t i = 0; i < r->nchecks; i++) {
		free(r->checks[i].checklist);
		free(r->checks[i].check);
		free(r->checks[i].title);
		free(r->checks[i].type);
	}
	free(r->checks);
	for (size_t i = 0; i < r->nncrs; i++)
		cf_ncr_release(&r->ncrs[i]);
	free(r->ncrs);
	free(r->carried);
}

/* The NCRs audit `a` raised and joined. */
static int
count_ncrs(struct cf_store *st, struct rv_audit *a)
{
	struct cf_ncr_link *l = NULL;
	size_t n = 0;
	int rc;

	if ((rc = cf_ncrdb_of_audit(st, a->h.id, &l, &n)) < 0)
		return rc;
	for (size_t i = 0; i < n; i++)
		a->opened += l[i].opened;
	a->joined = (int)n - a->opened;
	free(l);
	return 0;
}

static int
load_audits(struct cf_store *st, struct review *r)
{
	int64_t *ids = NULL;
	size_t n = 0, alloc = 0;
	int rc;

	if ((rc = cf_auditdb_ids_between(st, r->from, r->to, &ids, &n)) < 0)
		return rc;
	for (size_t i = 0; i < n; i++) {
		CF_GROW(r->audits, r->naudits + 1, alloc);
		struct rv_audit *a = &r->audits[r->naudits];
		memset(a, 0, sizeof *a);
		if ((rc = cf_auditdb_head(st, ids[i], &a->h)) < 0)
			break;
		/* A void audit is no finding of the period (doc/audits.md). */
		if (a->h.void_reason) {
			cf_audit_head_release(&a->h);
			continue;
		}
		r->naudits++;
		if ((rc = count_ncrs(st, a)) < 0 ||
		    (rc = cf_auditdb_checks(st, a->h.id, &a->checks,
			 &a->nchecks)) < 0)
			break;
		cf_audit_conclude(a->checks, a->nchecks, &a->concl);
		a->ontime_pos = -1;
		for (size_t k = 0; k < a->nchecks; k++)
			if (strcmp(a->checks[k].type, "on-time") == 0) {
				a->ontime_pos = a->checks[k].pos;
				break;
			}
	}
	free(ids);
	return rc;
}

/* The (checklist, check) pairs of the audits, in order of appearance. */
static void
collect_checks(struct review *r)
{
	size_t alloc = 0;

	for (size_t i = 0; i < r->naudits; i++) {
		const struct rv_audit *a = &r->audits[i];
		for (size_t k = 0; k < a->nchecks; k++) {
			const struct cf_audit_checkrow *c = &a->checks[k];
			bool seen = false;
			for (size_t j = 0; j < r->nchecks && !seen; j++)
				seen = strcmp(r->checks[j].checklist,
					   a->h.checklist_id) == 0 &&
				    strcmp(r->checks[j].check, c->check_id) ==
					0;
			if (seen)
				continue;
			CF_GROW(r->checks, r->nchecks + 1, alloc);
			struct rv_check *n = &r->checks[r->nchecks++];
			n->checklist = cf_xstrdup(a->h.checklist_id);
			n->check = cf_xstrdup(c->check_id);
			n->title = c->title ? cf_xstrdup(c->title) : NULL;
			n->type = cf_xstrdup(c->type);
		}
	}
}

static const struct cf_audit_checkrow *
audit_check(const struct rv_audit *a, const struct rv_check *c)
{
	if (strcmp(a->h.checklist_id, c->checklist) != 0)
		return NULL;
	for (size_t k = 0; k < a->nchecks; k++)
		if (strcmp(a->checks[k].check_id, c->check) == 0)
			return &a->checks[k];
	return NULL;
}

static int
load_months(struct cf_store *st, struct cf_docindex *idx, struct review *r)
{
	int rc = 0, nm = cf_month_count(r->from, r->to);

	r->nmonths = (size_t)nm;
	r->months = cf_xcalloc(nm ? (size_t)nm : 1, sizeof *r->months);
	for (int k = 0; k < nm && rc == 0; k++) {
		struct rv_month *m = &r->months[k];
		cf_day lo, hi;
		cf_month_bounds(r->from, k, &m->first, &m->last);
		cf_month_label(m->first, m->label);
		lo = m->first < r->from ? r->from : m->first;
		hi = m->last > r->to ? r->to : m->last;
		m->end = hi;
		/* the latest audit with an on-time check covering the month */
		for (size_t i = r->naudits; i-- > 0;) {
			const struct rv_audit *a = &r->audits[i];
			cf_day alo = lo > a->h.from ? lo : a->h.from;
			cf_day ahi = hi < a->h.to ? hi : a->h.to;
			if (a->ontime_pos < 0 || alo > ahi)
				continue;
			rc = cf_auditdb_days_total(st, a->h.id, a->ontime_pos,
			    alo, ahi, &m->ot_pass, &m->ot_fail);
			m->ot_audit = a->h.id;
			break;
		}
		if (rc < 0)
			break;
		if (idx) {
			struct cf_inforce *p = NULL;
			size_t n = 0;
			if ((rc = cf_report_in_force(idx, CF_DOC_PROCEDURE,
				 m->end, &p, &n, &m->invalid)) < 0)
				break;
			cf_proc_kpis(p, n, &m->kpi);
			free(p);
		}
	}
	return rc;
}

/* Adds NCR `number` to the review once; *raised wins over joined. */
static void
add_ncr_number(int64_t **nums, bool **raised, size_t *n, size_t *alloc,
    size_t *ralloc, int64_t number, bool opened)
{
	for (size_t i = 0; i < *n; i++)
		if ((*nums)[i] == number) {
			(*raised)[i] |= opened;
			return;
		}
	CF_GROW(*nums, *n + 1, *alloc);
	CF_GROW(*raised, *n + 1, *ralloc);
	(*nums)[*n] = number;
	(*raised)[*n] = opened;
	(*n)++;
}

/*
 * The NCRs of the review (doc/reports.md): those its audits cite
 * (raised, joined, or listing failing subjects they found again), by
 * number, each as it stood at the end of `to`.
 */
static int
load_ncrs(struct cf_store *st, struct cf_tz *tz, struct review *r)
{
	int64_t *nums = NULL;
	bool *raised = NULL;
	size_t n = 0, alloc = 0, ralloc = 0;
	int rc = 0;

	for (size_t i = 0; i < r->naudits && rc == 0; i++) {
		struct cf_ncr_cite *c;
		size_t nc;
		if ((rc = cf_ncr_cited_by_audit(st, r->audits[i].h.id, &c,
			 &nc)) < 0)
			break;
		for (size_t k = 0; k < nc; k++)
			add_ncr_number(&nums, &raised, &n, &alloc, &ralloc,
			    c[k].number, c[k].opened);
		free(c);
	}
	/* by number: the order of the register */
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && nums[j - 1] > nums[j]; j--) {
			int64_t t = nums[j];
			bool b = raised[j];
			nums[j] = nums[j - 1];
			raised[j] = raised[j - 1];
			nums[j - 1] = t;
			raised[j - 1] = b;
		}
	r->ncrs = cf_xcalloc(n ? n : 1, sizeof *r->ncrs);
	r->carried = cf_xcalloc(n ? n : 1, sizeof *r->carried);
	for (size_t i = 0; i < n && rc == 0; i++) {
		struct cf_ncr *v = &r->ncrs[r->nncrs];
		struct cf_ncr_as_at at;
		if ((rc = cf_ncr_get(st, nums[i], v)) < 0)
			break;
		r->nncrs++;
		if ((rc = cf_ncr_as_at(st, tz, nums[i], r->to, &at)) < 0) {
			cf_ncr_as_at_release(&at);
			break;
		}
		v->state = at.state;
		free(v->owner);
		v->owner = at.owner; /* taken over */
		v->due = at.due;
		r->carried[i] = !raised[i];
		r->nraised += raised[i];
		r->by_state[v->state]++;
	}
	free(nums);
	free(raised);
	return rc;
}

static bool
overdue(const struct cf_ncr *n, cf_day to)
{
	return cf_ncr_is_open(n) && n->due != CF_DAY_NONE && n->due < to;
}

/* ---- HTML ---- */

static void
rate_cell(FILE *f, int64_t num, int64_t den)
{
	char b[32];

	cf_rate_text(num, den, b, sizeof b);
	cf_html_td_class(f, "num", den > 0 ? b : "no data");
}

/*
 * The target of a KPI chart (doc/reports.md#charts): the `min` of the
 * check of `type` in the checklist of audit `id` as it ran, or with id 0
 * of the latest audit of the review whose checklist has one.
 */
static bool
kpi_target(const struct cf_report_env *env, const struct review *r,
    int64_t id, const char *type, struct cf_point *p)
{
	struct cf_ratio min;

	for (size_t i = r->naudits; i-- > 0;) {
		const struct rv_audit *a = &r->audits[i];
		if (id && a->h.id != id)
			continue;
		if (cf_report_check_min(env, a->h.checklist_id,
			a->h.checklist_commit, type, NULL, &min)) {
			p->has_min = true;
			p->min_num = min.num;
			p->min_den = min.den;
			return true;
		}
		if (id)
			break;
	}
	return false;
}

static void
html_kpis(FILE *f, const struct cf_report_env *env, const struct review *r)
{
	static const char *const cols[] = { "月份 Month",
		"按时办结 On time (pass / judged)", "按时办结率 On-time rate",
		"来源审核 From audit", "即办件比例 On-the-spot ratio",
		"时限压缩 Limit compression",
		"在用办事指南 Procedures in force" };
	struct cf_point *p = cf_xcalloc(r->nmonths ? r->nmonths : 1, sizeof *p);
	struct cf_buf b = CF_BUF_INIT;

	cf_html_table_begin(f, cols, 7);
	for (size_t i = 0; i < r->nmonths; i++) {
		const struct rv_month *m = &r->months[i];
		char s[64];
		cf_html_tr(f);
		cf_html_td(f, m->label);
		snprintf(s, sizeof s, "%" PRId64 " / %" PRId64, m->ot_pass,
		    m->ot_pass + m->ot_fail);
		cf_html_td_class(f, "num", m->ot_audit ? s : "");
		rate_cell(f, m->ot_pass, m->ot_pass + m->ot_fail);
		snprintf(s, sizeof s, "%" PRId64, m->ot_audit);
		cf_html_td_class(f, "num", m->ot_audit ? s : "—");
		rate_cell(f, m->kpi.on_the_spot, m->kpi.in_force);
		rate_cell(f, m->kpi.statutory - m->kpi.committed,
		    m->kpi.statutory);
		snprintf(s, sizeof s, "%" PRId64 "%s", m->kpi.in_force,
		    m->invalid ? " (+ invalid)" : "");
		cf_html_td_class(f, "num", s);
		cf_html_tr_end(f);
	}
	cf_html_table_end(f);
	cf_html_note(f,
	    "On-time rate: the on-time results of the cases "
	    "accepted in the month, from the latest audit of the "
	    "review that covered the month.  On-the-spot ratio: "
	    "on-the-spot procedures / procedures in force at the "
	    "month's end.  Limit compression: 1 − Σ committed / Σ "
	    "statutory over the commitment procedures with both "
	    "limits in force at the month's end.");
	for (size_t i = 0; i < r->nmonths; i++) {
		p[i].label = r->months[i].label;
		p[i].num = r->months[i].ot_pass;
		p[i].den = r->months[i].ot_pass + r->months[i].ot_fail;
		/* the on-time-rate min of the audit the month comes from */
		if (r->months[i].ot_audit)
			kpi_target(env, r, r->months[i].ot_audit,
			    "on-time-rate", &p[i]);
	}
	cf_svg_trend(&b, "按时办结率 On-time rate per month", p, r->nmonths);
	cf_html_figure(f, b.s, b.len);
	cf_buf_reset(&b);
	for (size_t i = 0; i < r->nmonths; i++) {
		p[i].num = r->months[i].kpi.on_the_spot;
		p[i].den = r->months[i].kpi.in_force;
		p[i].has_min = false;
		kpi_target(env, r, 0, "on-the-spot-ratio", &p[i]);
	}
	cf_svg_trend(&b, "即办件比例 On-the-spot ratio at each month's end", p,
	    r->nmonths);
	cf_html_figure(f, b.s, b.len);
	cf_buf_reset(&b);
	for (size_t i = 0; i < r->nmonths; i++) {
		p[i].num = r->months[i].kpi.statutory -
		    r->months[i].kpi.committed;
		p[i].den = r->months[i].kpi.statutory;
		p[i].has_min = false;
		kpi_target(env, r, 0, "limit-compression", &p[i]);
	}
	cf_svg_trend(&b, "承诺时限压缩率 Limit compression at each month's end",
	    p, r->nmonths);
	cf_html_figure(f, b.s, b.len);
	cf_buf_release(&b);
	free(p);
}

static void
html_audits(FILE *f, const struct review *r)
{
	struct cf_point *p = cf_xcalloc(r->naudits ? r->naudits : 1, sizeof *p);
	char **clabels = cf_xcalloc(r->naudits ? r->naudits : 1,
	    sizeof *clabels);
	char **ctitles = cf_xcalloc(r->naudits ? r->naudits : 1,
	    sizeof *ctitles);
	struct cf_buf b = CF_BUF_INIT;

	if (r->naudits == 0) {
		cf_html_note(f, "No stored audit covers the period.");
		free(p);
		free(clabels);
		free(ctitles);
		return;
	}
	{
		static const char *const cols[] = { "审核 Audit",
			"检查表 Checklist", "审核期间 Period", "审核员 Auditor",
			"严重 / 一般 / 观察 Major / minor / observations",
			"未判定 Errors", "符合率 Conformity",
			"NCR 新开/并入 raised/joined",
			"结论 Overall" };
		cf_html_table_begin(f, cols, 9);
	}
	for (size_t i = 0; i < r->naudits; i++) {
		const struct rv_audit *a = &r->audits[i];
		char from[11], to[11], s[64];
		cf_day_format(a->h.from, from);
		cf_day_format(a->h.to, to);
		cf_html_tr(f);
		cf_html_td_int(f, a->h.id);
		cf_html_td_class(f, "key", a->h.checklist_id);
		snprintf(s, sizeof s, "%s – %s", from, to);
		cf_html_td(f, s);
		cf_html_td_class(f, "wrap", a->h.actor);
		snprintf(s, sizeof s, "%d / %d / %d", a->concl.major,
		    a->concl.minor, a->concl.observations);
		cf_html_td_class(f, "num", s);
		cf_html_td_int(f, a->concl.errors);
		rate_cell(f, a->concl.pass, a->concl.pass + a->concl.fail);
		snprintf(s, sizeof s, "%d / %d", a->opened, a->joined);
		cf_html_td_class(f, "num", s);
		cf_html_td(f, cf_label(CF_LABEL_OVERALL, a->concl.overall));
		cf_html_tr_end(f);
		/* the chart names the audit with its checklist */
		clabels[i] = cf_xasprintf("#%" PRId64 " %s", a->h.id,
		    a->h.checklist_id);
		p[i].label = clabels[i];
		p[i].full = ctitles[i] = cf_xasprintf("#%" PRId64 " %s%s%s",
		    a->h.id, a->h.checklist_id, a->h.checklist_title ? " " : "",
		    a->h.checklist_title ? a->h.checklist_title : "");
		p[i].num = a->concl.pass;
		p[i].den = a->concl.pass + a->concl.fail;
	}
	cf_html_table_end(f);
	cf_svg_trend(&b, "各次审核符合率 Conformity per audit", p, r->naudits);
	cf_html_figure(f, b.s, b.len);
	cf_buf_release(&b);
	for (size_t i = 0; i < r->naudits; i++) {
		free(clabels[i]);
		free(ctitles[i]);
	}
	free(clabels);
	free(ctitles);
	free(p);
}

/*
 * Conformity per check, one column per audit of the review (by number:
 * the order they were run, so quarterly audits of a half-year read left
 * to right), and the change from the first audit that judged the check
 * to the last, in percentage points: the trend 9.3.2 c) asks for.
 */
static int
html_check_trend(FILE *f, const struct cf_report_env *env,
    const struct review *r)
{
	const char **cols;
	int rc = 0;
	char **labels;

	if (r->naudits == 0 || r->nchecks == 0) {
		cf_html_note(f, "No audit result in the period: no trend.");
		return 0;
	}
	cols = cf_xcalloc(r->naudits + 3, sizeof *cols);
	labels = cf_xcalloc(r->naudits, sizeof *labels);
	cols[0] = "检查 Check";
	cols[1] = "名称 Title";
	for (size_t i = 0; i < r->naudits; i++) {
		char a[11], b[11];
		cf_day_format(r->audits[i].h.from, a);
		cf_day_format(r->audits[i].h.to, b);
		labels[i] = cf_xasprintf("#%" PRId64 " %s – %s",
		    r->audits[i].h.id, a, b);
		cols[i + 2] = labels[i];
	}
	cols[r->naudits + 2] = "变化 Change (first → last)";
	cf_html_table_begin(f, cols, (int)r->naudits + 3);
	for (size_t k = 0; k < r->nchecks; k++) {
		const struct rv_check *c = &r->checks[k];
		char *id = cf_xasprintf("%s %s", c->checklist, c->check);
		double first = 0, last = 0;
		int judged = 0;
		bool count = false;
		cf_html_tr(f);
		cf_html_td_class(f, "key", id);
		cf_html_td_class(f, "title", c->title ? c->title : c->type);
		for (size_t i = 0; i < r->naudits; i++) {
			const struct cf_audit_checkrow *row =
			    audit_check(&r->audits[i], c);
			struct cf_measure m;
			char cell[64];
			if (row == NULL) {
				cf_html_td_class(f, "num", "");
				continue;
			}
			/* the rates show what they measured, an sql check
			 * its failing subjects (doc/reports.md#charts) */
			if (rc == 0)
				rc = cf_report_check_measure(env,
				    &r->audits[i].h, row, &m);
			if (rc < 0)
				break;
			cf_measure_text(&m, cell, sizeof cell);
			cf_html_td_class(f, cf_measure_class(&m), cell);
			if (m.den > 0) {
				last = m.kind == CF_MEASURE_COUNT
				    ? (double)m.num
				    : 100.0 * (double)m.num / (double)m.den;
				if (judged++ == 0)
					first = last;
				count = m.kind == CF_MEASURE_COUNT;
			}
		}
		if (judged < 2) {
			cf_html_td_class(f, "num", "—");
		} else if (count) {
			/* more failing subjects is worse */
			char d[48];
			double n = last - first;
			snprintf(d, sizeof d, "%s%.0f",
			    n > 0 ? "▲ +" : n < 0 ? "▼ −" : "± ", n < 0 ? -n : n);
			cf_html_td_class(f, n > 0 ? "num fail" : "num", d);
		} else {
			char d[32];
			double pp = last - first;
			if (pp > -0.05 && pp < 0.05)
				snprintf(d, sizeof d, "± 0.0 pp");
			else
				snprintf(d, sizeof d, "%s%.1f pp",
				    pp > 0 ? "▲ +" : "▼ −", pp > 0 ? pp : -pp);
			cf_html_td_class(f, pp <= -0.05 ? "num fail" : "num",
			    d);
		}
		cf_html_tr_end(f);
		free(id);
	}
	cf_html_table_end(f);
	cf_html_note(f,
	    "One column per audit of the review, in the order they were "
	    "run; a blank cell: the audit had no such check.  A period "
	    "rate shows the rate it measured, an sql check the subjects "
	    "its query returned.  Change: the value of the last audit that "
	    "judged the check minus that of the first, in percentage "
	    "points (pp), or in subjects for an sql check.");
	for (size_t i = 0; i < r->naudits; i++)
		free(labels[i]);
	free(labels);
	free(cols);
	return rc;
}

/*
 * The window scorecard (红旗窗口评比, doc/reports.md) of the latest
 * audit of the review whose checklist had one: a ranking is of one
 * period, so the audits' scorecards are not added up.
 */
static int
html_windows(FILE *f, const struct cf_report_env *env,
    const struct review *r)
{
	for (size_t i = r->naudits; i-- > 0;) {
		const struct rv_audit *a = &r->audits[i];
		struct cf_auditdb_scorecard sc;
		char from[11], to[11], *s;
		int rc;
		if ((rc = cf_auditdb_scorecard(env->st, a->h.id, &sc)) < 0)
			return rc;
		if (!sc.has) {
			cf_auditdb_scorecard_release(&sc);
			continue;
		}
		cf_day_format(a->h.from, from);
		cf_day_format(a->h.to, to);
		s = cf_xasprintf("窗口评比 Window scorecard (红旗窗口评比) of "
				 "audit %" PRId64 " (%s, %s to %s)",
		    a->h.id, a->h.checklist_id, from, to);
		fputs("<p id=\"windows\"><strong>", f);
		cf_html_text(f, s);
		fputs("</strong></p>\n", f);
		free(s);
		rc = cf_windows_html(f, &sc, a->checks, a->nchecks, NULL, NULL);
		cf_auditdb_scorecard_release(&sc);
		return rc;
	}
	return 0;
}

/* An input 9.3.2 asks for that conform does not hold. */
static void
missing(FILE *f, const char *what)
{
	fputs("<p class=\"note missing\"><strong>", f);
	cf_html_text(f, "不在 conform 的记录中，由管理层提供 · Not in "
			"conform's records — to be provided by the management:");
	fputs("</strong> ", f);
	cf_html_text(f, what);
	fputs("</p>\n", f);
}

static void
h3(FILE *f, const char *id, const char *title)
{
	fputs("<h3 id=\"", f);
	cf_html_text(f, id);
	fputs("\">", f);
	cf_html_text(f, title);
	fputs("</h3>\n", f);
}

/*
 * 9.3.2 c) 1): what the audits of the period measured of 好差评 — their
 * satisfaction-rate, evaluation-coverage and bad-review checks, each
 * with the figure the audit report shows (cf_report_check_measure), read
 * back, never recomputed.  None: says what to provide.
 */
static int
html_satisfaction(FILE *f, const struct cf_report_env *env,
    const struct review *r)
{
	static const char *const cols[] = { "审核 Audit", "检查项 Check",
		"类型 Type", "测定值 Measured", "不符合 Failing" };
	size_t rows = 0;
	int rc = 0;

	for (size_t i = 0; i < r->naudits && rc == 0; i++) {
		const struct rv_audit *a = &r->audits[i];
		for (size_t k = 0; k < a->nchecks && rc == 0; k++) {
			const struct cf_audit_checkrow *c = &a->checks[k];
			struct cf_measure m;
			char text[96], n[32];
			if (strcmp(c->type, "satisfaction-rate") != 0 &&
			    strcmp(c->type, "evaluation-coverage") != 0 &&
			    strcmp(c->type, "bad-review") != 0)
				continue;
			if ((rc = cf_report_check_measure(env, &a->h, c,
				 &m)) < 0)
				break;
			if (rows++ == 0)
				cf_html_table_begin(f, cols, 5);
			cf_measure_text(&m, text, sizeof text);
			cf_html_tr(f);
			cf_html_td_int(f, a->h.id);
			cf_html_td_class(f, "key", c->check_id);
			cf_html_td(f, cf_label(CF_LABEL_CHECK_TYPE, c->type));
			cf_html_td_class(f, "num measured", text);
			snprintf(n, sizeof n, "%" PRId64, c->n[CF_RESULT_FAIL]);
			cf_html_td_class(f, "num", n);
			cf_html_tr_end(f);
		}
	}
	if (rc < 0)
		return rc;
	if (rows) {
		cf_html_table_end(f);
		missing(f, "complaints and other feedback of interested "
			   "parties beyond the 好差评 ratings.");
	} else
		missing(f, "the 好差评 ratings (GB/T 39734), complaints and "
			   "feedback: no audit of the period has a "
			   "satisfaction-rate, evaluation-coverage or "
			   "bad-review check.");
	return 0;
}

static void
h4(FILE *f, const char *title)
{
	fputs("<h4>", f);
	cf_html_text(f, title);
	fputs("</h4>\n", f);
}

static const char *
doc_title(const struct cf_doc *d)
{
	if (d == NULL)
		return NULL;
	if (d->type == CF_DOC_PROCEDURE)
		return d->u.proc.title;
	if (d->type == CF_DOC_STANDARD)
		return d->u.std.title;
	return NULL;
}

/* One row of 9.3.2 b): a document new, revised or withdrawn. */
static void
change_row(FILE *f, const char *type, const struct cf_inforce *x,
    const char *what, bool gone)
{
	cf_day e = cf_doc_effective_from(x->doc);
	char eff[11] = "—";

	if (!gone && e != CF_DAY_NONE)
		cf_day_format(e, eff);
	cf_html_tr(f);
	cf_html_td(f, type);
	cf_html_td_class(f, "key", x->v->id);
	cf_html_td_class(f, "title", doc_title(x->doc));
	cf_html_td(f, what);
	cf_html_td_class(f, "num", eff);
	cf_html_tr_end(f);
}

/*
 * 9.3.2 b): what conform holds of the changes - the procedures and
 * standards in force the day before FROM, then at each month's end
 * (TO for the last): each one new, revised (another version in force)
 * or withdrawn from one day to the next.
 */
static int
html_doc_changes(FILE *f, const struct cf_report_env *env,
    const struct review *r)
{
	static const char *const cols[] = { "类型 Type", "编号 Id",
		"名称 Title", "变化 Change", "生效日期 Effective from" };
	static const enum cf_doc_type types[] = { CF_DOC_PROCEDURE,
		CF_DOC_STANDARD };
	size_t rows = 0;
	int rc = 0;

	if (env->idx == NULL) {
		cf_html_note(f, "The document history could not be read.");
		return 0;
	}
	cf_html_table_begin(f, cols, 5);
	for (size_t t = 0; t < CF_ARRAY_LEN(types) && rc == 0; t++) {
		struct cf_inforce *a = NULL;
		size_t na = 0;
		const char *type = types[t] == CF_DOC_PROCEDURE
		    ? "办事指南 procedure"
		    : "标准 standard";
		if ((rc = cf_report_in_force(env->idx, types[t], r->from - 1,
			 &a, &na, NULL)) < 0)
			break;
		for (size_t m = 0; m < r->nmonths && rc == 0; m++) {
			struct cf_inforce *b = NULL;
			size_t nb = 0, i = 0, k = 0;
			if ((rc = cf_report_in_force(env->idx, types[t],
				 r->months[m].end, &b, &nb, NULL)) < 0)
				break;
			while (i < na || k < nb) {
				int c = i == na ? 1
				    : k == nb	? -1
						: strcmp(a[i].v->id, b[k].v->id);
				if (c < 0)
					change_row(f, type, &a[i],
					    "废止 withdrawn", true);
				else if (c > 0)
					change_row(f, type, &b[k], "新增 new",
					    false);
				else if (strcmp(a[i].v->blob, b[k].v->blob) !=
				    0)
					change_row(f, type, &b[k],
					    "修订 revised", false);
				rows += c != 0 ||
				    strcmp(a[i].v->blob, b[k].v->blob) != 0;
				if (c <= 0)
					i++;
				if (c >= 0)
					k++;
			}
			free(a);
			a = b;
			na = nb;
		}
		free(a);
	}
	cf_html_table_end(f);
	if (rc == 0 && rows == 0)
		cf_html_note(f, "No procedure or standard changed in the "
				"period.");
	return rc;
}

/* 9.3.3: the outputs, to be filled in at the review. */
static void
html_outputs(FILE *f)
{
	static const char *const cols[] = { "输出 Output", "决定 Decision",
		"措施 Action", "责任人 Owner", "期限 Due" };
	static const char *const kinds[] = {
		"a) 改进的机会 Opportunities for improvement",
		"b) 质量管理体系所需的变更 Changes needed to the QMS",
		"c) 资源需求 Resource needs",
	};

	cf_html_note(f,
	    "To be filled in at the review (ISO 9001 9.3.3): the decisions "
	    "and actions on each, who owns them and when they are due.  "
	    "Keep the signed page as the documented information of the "
	    "review.");
	/* written here for its column widths: the decisions need room */
	fputs("<table class=\"outputs\"><colgroup><col style=\"width:19%\">"
	      "<col style=\"width:31%\"><col style=\"width:26%\">"
	      "<col style=\"width:12%\"><col style=\"width:12%\">"
	      "</colgroup>\n<thead><tr>",
	    f);
	for (size_t i = 0; i < CF_ARRAY_LEN(cols); i++) {
		fputs("<th scope=\"col\">", f);
		cf_html_text(f, cols[i]);
		fputs("</th>", f);
	}
	fputs("</tr></thead>\n<tbody>\n", f);
	for (size_t i = 0; i < CF_ARRAY_LEN(kinds); i++)
		for (int row = 0; row < 3; row++) {
			fputs("<tr class=\"blank\" style=\"height:2.6em\">", f);
			fputs("<td>", f);
			if (row == 0)
				cf_html_text(f, kinds[i]);
			fputs("</td><td></td><td></td><td></td><td></td></tr>\n",
			    f);
		}
	cf_html_table_end(f);
	cf_html_facts_begin(f);
	fputs("<tr style=\"height:2.6em\"><th scope=\"row\">评审主持人 "
	      "Chaired by</th><td></td></tr>\n"
	      "<tr style=\"height:2.6em\"><th scope=\"row\">参加人员 "
	      "Attendees</th><td></td></tr>\n"
	      "<tr style=\"height:2.6em\"><th scope=\"row\">评审日期 "
	      "Date of the review</th><td></td></tr>\n"
	      "<tr style=\"height:2.6em\"><th scope=\"row\">记录人 "
	      "Recorded by</th><td></td></tr>\n",
	    f);
	cf_html_facts_end(f);
}

static void
html_ncr_rows(FILE *f, const struct review *r, int which)
{
	static const char *const cols[] = { "NCR", "检查表 Checklist",
		"检查 Check", "名称 Title", "等级 Severity", "本期 This period",
		"状态 State", "责任人 Owner", "期限 Due", "再发 Recurrence of" };
	size_t rows = 0;

	for (size_t i = 0; i < r->nncrs; i++) {
		const struct cf_ncr *n = &r->ncrs[i];
		char name[32], rec[32] = "", due[11] = "";
		if (which == 1 && !overdue(n, r->to))
			continue;
		if (which == 2 && n->recurrence_of == 0)
			continue;
		cf_ncr_name(n->number, name, sizeof name);
		if (n->recurrence_of)
			cf_ncr_name(n->recurrence_of, rec, sizeof rec);
		if (n->due != CF_DAY_NONE)
			cf_day_format(n->due, due);
		if (rows++ == 0)
			cf_html_table_begin(f, cols, 10);
		cf_html_tr(f);
		cf_html_td_class(f, "key", name);
		cf_html_td_class(f, "key", n->checklist_id);
		cf_html_td_class(f, "key", n->check_id);
		cf_html_td_class(f, "title", n->check_title ? n->check_title : "");
		cf_html_td(f, cf_label_severity(n->severity));
		cf_html_td(f,
		    cf_label(CF_LABEL_NCR_ROLE,
			r->carried[i] ? "carried" : "raised"));
		cf_html_td_class(f, which == 1 ? "fail" : "",
		    cf_label_ncr_state(cf_ncr_state_name(n->state)));
		cf_html_td(f, n->owner ? n->owner : "");
		cf_html_td(f, due);
		cf_html_td(f, rec);
		cf_html_tr_end(f);
	}
	if (rows)
		cf_html_table_end(f);
	else
		cf_html_note(f,
		    which == 1	     ? "No overdue action."
			: which == 2 ? "No recurrence."
				     : "No NCR.");
}

/* 9.3.2 c) 4): the NCRs of the review by state, listed, overdue,
 * recurring. */
static void
html_capa(FILE *f, const struct review *r, const char *to)
{
	char *s;

	{
		static const char *const cols[] = { "状态 State", "数量 NCRs" };
		cf_html_table_begin(f, cols, 2);
		for (int i = 0; i <= CF_NCR_REJECTED; i++) {
			cf_html_tr(f);
			cf_html_td(f,
			    cf_label_ncr_state(cf_ncr_state_name((enum cf_ncr_state)i)));
			cf_html_td_int(f, r->by_state[i]);
			cf_html_tr_end(f);
		}
		cf_html_table_end(f);
	}
	s = cf_xasprintf("The NCRs raised by the audits of the review "
			 "(audits whose period overlaps it), whatever day "
			 "they were opened, and those raised before that the "
			 "audits joined; states, owners and due dates as at "
			 "the end of %s, from the trail.",
	    to);
	cf_html_note(f, s);
	free(s);
	html_ncr_rows(f, r, 0);
	fputs("<h4>逾期措施 Overdue actions</h4>\n", f);
	s = cf_xasprintf("Open NCRs whose due date is before %s.", to);
	cf_html_note(f, s);
	free(s);
	html_ncr_rows(f, r, 1);
	fputs("<h4>再发 Recurrences</h4>\n", f);
	html_ncr_rows(f, r, 2);
}

static int
write_html(FILE *f, const struct cf_report_env *env, const struct review *r)
{
	char from[11], to[11], *s;
	int64_t open = 0, over = 0, rec = 0;
	int rc;

	cf_day_format(r->from, from);
	cf_day_format(r->to, to);
	s = cf_xasprintf("%s%s%s to %s", env->center ? env->center : "",
	    env->center ? " · " : "", from, to);
	{
		/* every printed page names the review and its period */
		char *run = cf_xasprintf("管理评审输入 Management review "
					 "input · %s – %s",
		    from, to);
		cf_html_begin_running(f,
		    "管理评审输入 Management review input (ISO 9001 9.3)", s,
		    run);
		free(run);
	}
	free(s);
	for (size_t i = 0; i < r->nncrs; i++) {
		open += cf_ncr_is_open(&r->ncrs[i]);
		over += overdue(&r->ncrs[i], r->to);
		rec += r->ncrs[i].recurrence_of != 0;
	}
	cf_html_section(f, "overview", "1 评审概况 Overview", 0);
	cf_html_facts_begin(f);
	cf_html_fact(f, "单位 Organisation", env->center);
	s = cf_xasprintf("%s to %s (%d month%s)", from, to, (int)r->nmonths,
	    r->nmonths == 1 ? "" : "s");
	cf_html_fact(f, "评审期间 Period", s);
	free(s);
	s = cf_xasprintf("%zu", r->naudits);
	cf_html_fact(f, "审核 Audits covering the period", s);
	free(s);
	s = cf_xasprintf("%" PRId64 " raised by the audits of the period, "
			 "%" PRId64 " carried over (raised earlier, joined or "
			 "found again by them); as at %s: %" PRId64 " open, %" PRId64
			 " overdue, %" PRId64 " recurrences",
	    r->nraised, (int64_t)r->nncrs - r->nraised, to, open, over, rec);
	cf_html_fact(f, "不符合项 Nonconformities", s);
	free(s);
	cf_html_facts_end(f);
	cf_html_note(f,
	    "The inputs follow ISO 9001 9.3.2 a) to f) in its order, each with "
	    "what conform's records hold; an input conform does not hold "
	    "says so, to be provided by the management.  The outputs "
	    "(9.3.3) are to be filled in at the review.");
	cf_html_section_end(f);

	cf_html_section(f, "inputs", "2 评审输入 Review inputs (ISO 9001 9.3.2)",
	    1);
	h3(f, "input-a",
	    "a) 以往管理评审所采取措施的情况 Status of actions from previous "
	    "management reviews");
	missing(f, "the actions decided at earlier reviews and their status "
		   "(conform keeps no record of management reviews).");

	h3(f, "input-b",
	    "b) 与质量管理体系相关的内外部因素的变化 Changes in external and "
	    "internal issues relevant to the QMS");
	s = cf_xasprintf("The procedures and standards that came into force, "
			 "were revised or were withdrawn between the day "
			 "before %s and %s, as the committed documents show "
			 "them at each month's end:",
	    from, to);
	cf_html_note(f, s);
	free(s);
	if ((rc = html_doc_changes(f, env, r)) < 0)
		return rc;
	missing(f, "the external and internal issues of 4.1 and the needs "
		   "of interested parties of 4.2 (laws, policy, staffing, "
		   "climate change where relevant) and how they changed.");

	h3(f, "input-c",
	    "c) 质量管理体系绩效和有效性的信息 Information on the performance "
	    "and effectiveness of the QMS, including trends");
	h4(f, "1) 顾客满意和有关相关方的反馈 Customer satisfaction and "
	      "feedback from relevant interested parties");
	if ((rc = html_satisfaction(f, env, r)) < 0)
		return rc;
	h4(f, "2) 质量目标的实现程度 Extent to which quality objectives have "
	      "been met");
	missing(f, "the quality objectives of 6.2 and their targets; the "
		   "monthly measurements in 5) and the conformity per check "
		   "in 3) are what they are usually set on.");
	h4(f, "3) 过程绩效以及产品和服务的合格情况 Process performance and "
	      "conformity of products and services");
	if ((rc = html_check_trend(f, env, r)) < 0)
		return rc;
	if ((rc = html_windows(f, env, r)) < 0)
		return rc;
	h4(f, "4) 不符合及纠正措施 Nonconformities and corrective actions");
	html_capa(f, r, to);
	h4(f, "5) 监视和测量结果 Monitoring and measurement results");
	if (!r->have_docs)
		cf_html_note(f,
		    "The document history could not be read: no "
		    "catalogue KPIs.");
	html_kpis(f, env, r);
	h4(f, "6) 审核结果 Audit results");
	html_audits(f, r);
	h4(f, "7) 外部供方的绩效 Performance of external providers");
	missing(f, "the performance of external providers (outsourced "
		   "services, systems, suppliers): not in conform's records.");

	h3(f, "input-d", "d) 资源的充分性 Adequacy of resources");
	missing(f, "staff, windows, systems and budget against the load "
		   "(the cases per month in 5) show the load conform "
		   "measured).");

	h3(f, "input-e",
	    "e) 应对风险和机遇所采取措施的有效性 Effectiveness of actions "
	    "taken to address risks and opportunities");
	s = cf_xasprintf("Corrective actions whose effectiveness was verified "
			 "by a later audit (verified or closed as at %s): "
			 "%" PRId64 " of the %zu NCRs of the review; "
			 "recurrences of closed NCRs: %" PRId64 ".",
	    to, r->by_state[CF_NCR_VERIFIED] + r->by_state[CF_NCR_CLOSED],
	    r->nncrs, rec);
	cf_html_p(f, s);
	free(s);
	missing(f, "the risks and opportunities of 6.1, the actions taken "
		   "on them and their effectiveness (conform keeps no risk "
		   "register).");

	h3(f, "input-f", "f) 改进的机会 Opportunities for improvement");
	{
		int64_t obs = 0;
		for (size_t i = 0; i < r->naudits; i++)
			obs += r->audits[i].concl.observations;
		s = cf_xasprintf("Observations (failing checks graded "
				 "observation, no NCR) in the audits of the "
				 "review: %" PRId64 "; checks whose conformity "
				 "fell between audits are marked ▼ in 3).",
		    obs);
		cf_html_p(f, s);
		free(s);
	}
	missing(f, "improvement proposals from staff, the public and the "
		   "management.");
	cf_html_section_end(f);

	cf_html_section(f, "outputs",
	    "3 评审输出 Review outputs (ISO 9001 9.3.3)", 1);
	html_outputs(f);
	cf_html_section_end(f);
	cf_html_end(f);
	return 0;
}

/* ---- XML ---- */

static int
write_xml(FILE *f, const struct cf_report_env *env, const struct review *r)
{
	xmlOutputBufferPtr ob = xmlOutputBufferCreateFile(f, NULL);
	struct cf_xw x = { NULL, false };
	char d[11];

	if (ob == NULL || (x.w = xmlNewTextWriter(ob)) == NULL) {
		if (ob)
			xmlOutputBufferClose(ob);
		return cf_error_set(CF_ERROR, "cannot write the report");
	}
	cf_xw_ok(&x, xmlTextWriterSetIndent(x.w, 1));
	cf_xw_ok(&x, xmlTextWriterSetIndentString(x.w, BAD_CAST "  "));
	cf_xw_ok(&x, xmlTextWriterStartDocument(x.w, NULL, "UTF-8", NULL));
	cf_xw_start(&x, "review-report");
	cf_xw_attr(&x, "version", "1");
	cf_day_format(r->from, d);
	cf_xw_attr(&x, "from", d);
	cf_day_format(r->to, d);
	cf_xw_attr(&x, "to", d);
	if (env->center) {
		cf_xw_start(&x, "organisation");
		cf_xw_text(&x, env->center); /* control characters escaped */
		cf_xw_end(&x);
	}
	cf_xw_start(&x, "months");
	for (size_t i = 0; i < r->nmonths; i++) {
		const struct rv_month *m = &r->months[i];
		cf_xw_start(&x, "month");
		cf_xw_attr(&x, "month", m->label);
		cf_day_format(m->end, d);
		cf_xw_attr(&x, "documents-at", d);
		cf_xw_start(&x, "on-time");
		if (m->ot_audit) {
			cf_xw_attr_int(&x, "audit", m->ot_audit);
			cf_xw_attr_int(&x, "pass", m->ot_pass);
			cf_xw_attr_int(&x, "fail", m->ot_fail);
			cf_xw_attr_rate(&x, "rate", m->ot_pass,
			    m->ot_pass + m->ot_fail);
		}
		cf_xw_end(&x);
		cf_xw_start(&x, "procedures");
		cf_xw_attr_int(&x, "in-force", m->kpi.in_force);
		cf_xw_attr_int(&x, "on-the-spot", m->kpi.on_the_spot);
		cf_xw_attr_rate(&x, "on-the-spot-ratio", m->kpi.on_the_spot,
		    m->kpi.in_force);
		cf_xw_attr_int(&x, "with-limits", m->kpi.with_limits);
		cf_xw_attr_int(&x, "statutory", m->kpi.statutory);
		cf_xw_attr_int(&x, "committed", m->kpi.committed);
		cf_xw_attr_rate(&x, "compression",
		    m->kpi.statutory - m->kpi.committed, m->kpi.statutory);
		cf_xw_attr_int(&x, "invalid", (int64_t)m->invalid);
		cf_xw_end(&x);
		cf_xw_end(&x);
	}
	cf_xw_end(&x);
	cf_xw_start(&x, "audits");
	for (size_t i = 0; i < r->naudits; i++) {
		const struct rv_audit *a = &r->audits[i];
		cf_xw_start(&x, "audit");
		cf_xw_attr_int(&x, "id", a->h.id);
		cf_xw_attr(&x, "checklist", a->h.checklist_id);
		cf_day_format(a->h.from, d);
		cf_xw_attr(&x, "from", d);
		cf_day_format(a->h.to, d);
		cf_xw_attr(&x, "to", d);
		cf_xw_attr(&x, "auditor", a->h.actor);
		cf_xw_attr(&x, "overall", a->concl.overall);
		cf_xw_attr_int(&x, "major", a->concl.major);
		cf_xw_attr_int(&x, "minor", a->concl.minor);
		cf_xw_attr_int(&x, "observations", a->concl.observations);
		cf_xw_attr_int(&x, "errors", a->concl.errors);
		cf_xw_attr_int(&x, "pass", a->concl.pass);
		cf_xw_attr_int(&x, "fail", a->concl.fail);
		cf_xw_attr_rate(&x, "conformity", a->concl.pass,
		    a->concl.pass + a->concl.fail);
		cf_xw_attr_int(&x, "ncrs-raised", a->opened);
		cf_xw_attr_int(&x, "ncrs-joined", a->joined);
		for (size_t k = 0; k < a->nchecks; k++) {
			const struct cf_audit_checkrow *c = &a->checks[k];
			cf_xw_start(&x, "check");
			cf_xw_attr(&x, "id", c->check_id);
			cf_xw_attr(&x, "type", c->type);
			cf_xw_attr(&x, "severity", c->severity);
			cf_xw_attr(&x, "title", c->title);
			for (int q = 0; q < 4; q++)
				cf_xw_attr_int(&x,
				    cf_result_name((enum cf_result)q), c->n[q]);
			cf_xw_attr_rate(&x, "conformity", c->n[CF_RESULT_PASS],
			    c->n[CF_RESULT_PASS] + c->n[CF_RESULT_FAIL]);
			cf_xw_end(&x);
		}
		cf_xw_end(&x);
	}
	cf_xw_end(&x);
	cf_xw_start(&x, "ncrs");
	cf_xw_attr_int(&x, "raised", r->nraised);
	cf_xw_attr_int(&x, "carried", (int64_t)r->nncrs - r->nraised);
	cf_day_format(r->to, d);
	cf_xw_attr(&x, "as-at", d);
	for (int i = 0; i <= CF_NCR_REJECTED; i++) {
		cf_xw_start(&x, "state");
		cf_xw_attr(&x, "name", cf_ncr_state_name((enum cf_ncr_state)i));
		cf_xw_attr_int(&x, "count", r->by_state[i]);
		cf_xw_end(&x);
	}
	for (size_t i = 0; i < r->nncrs; i++) {
		const struct cf_ncr *n = &r->ncrs[i];
		char name[32];
		cf_ncr_name(n->number, name, sizeof name);
		cf_xw_start(&x, "ncr");
		cf_xw_attr(&x, "number", name);
		cf_xw_attr(&x, "checklist", n->checklist_id);
		cf_xw_attr(&x, "check", n->check_id);
		cf_xw_attr(&x, "severity", n->severity);
		cf_xw_attr(&x, "period", r->carried[i] ? "carried" : "raised");
		cf_xw_attr(&x, "state", cf_ncr_state_name(n->state));
		cf_xw_attr(&x, "owner", n->owner);
		if (n->due != CF_DAY_NONE) {
			cf_day_format(n->due, d);
			cf_xw_attr(&x, "due", d);
		}
		cf_xw_attr(&x, "overdue", overdue(n, r->to) ? "true" : "false");
		if (n->recurrence_of) {
			cf_ncr_name(n->recurrence_of, name, sizeof name);
			cf_xw_attr(&x, "recurrence-of", name);
		}
		cf_xw_end(&x);
	}
	cf_xw_end(&x);
	cf_xw_end(&x);
	cf_xw_ok(&x, xmlTextWriterEndDocument(x.w));
	xmlFreeTextWriter(x.w);
	return x.bad ? cf_error_set(CF_ERROR, "cannot write the report") : 0;
}

int
cf_report_review(FILE *out, const struct cf_report_env *env, struct cf_tz *tz,
    cf_day from, cf_day to, enum cf_report_format fmt)
{
	struct review r;
	int rc;

	memset(&r, 0, sizeof r);
	r.from = from;
	r.to = to;
	r.have_docs = env->idx != NULL;
	if (to < from) {
		char a[11], b[11];
		cf_day_format(from, a);
		cf_day_format(to, b);
		return cf_error_set(CF_EUSAGE,
		    "the period starts (%s) after it ends (%s)", a, b);
	}
	if ((rc = load_audits(env->st, &r)) < 0 ||
	    (rc = load_months(env->st, env->idx, &r)) < 0 ||
	    (rc = load_ncrs(env->st, tz, &r)) < 0)
		goto out;
	collect_checks(&r);
	if (fmt == CF_REPORT_XML)
		rc = write_xml(out, env, &r);
	else if (fmt == CF_REPORT_HTML)
		rc = write_html(out, env, &r);
	else
		rc = cf_error_set(CF_EUSAGE, "the review is HTML or XML");
	if (rc == 0 && (fflush(out) != 0 || ferror(out)))
		rc = cf_error_set(CF_ERROR, "cannot write the report");
out:
	review_release(&r);
	return rc;
}
