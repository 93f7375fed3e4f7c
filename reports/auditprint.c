/* SPDX-License-Identifier: MIT */
/*
 * auditprint.c - printing a stored audit (see auditprint.h).
 */
#include "conform.h"
#include "auditdb.h"
#include "auditprint.h"
#include "conclusion.h"
#include "json.h"
#include "text.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct cf_column cf_finding_columns[CF_FINDING_COLUMNS] = {
	{ "check", CF_COL_TEXT },
	{ "subject", CF_COL_TEXT },
	{ "result", CF_COL_TEXT },
	{ "severity", CF_COL_TEXT },
	{ "clause", CF_COL_TEXT },
	{ "procedure", CF_COL_TEXT },
	{ "procedure_commit", CF_COL_TEXT },
	{ "detail", CF_COL_TEXT },
};

void
cf_conformity_text(int64_t pass, int64_t fail, char *buf, size_t size)
{
	int64_t judged = pass + fail, permille;

	if (judged == 0) {
		snprintf(buf, size, "-");
		return;
	}
	/* round(1000 * pass / judged), half up, in integers */
	permille = (2000 * pass + judged) / (2 * judged);
	snprintf(buf, size, "%" PRId64 ".%" PRId64 " %%", permille / 10,
	    permille % 10);
}

struct print_ctx {
	struct cf_listing *l; /* made on the first row for tables */
	FILE *out;
	enum cf_format fmt;
	struct cf_audit_checkrow *checks;
	size_t nchecks;
	bool table;
	size_t rows;
};

static const struct cf_audit_checkrow *
check_at(const struct print_ctx *p, int pos)
{
	for (size_t i = 0; i < p->nchecks; i++)
		if (p->checks[i].pos == pos)
			return &p->checks[i];
	return NULL;
}

static int
print_finding(const struct cf_auditdb_finding *f, void *arg)
{
	struct print_ctx *p = arg;
	const struct cf_audit_checkrow *c = check_at(p, f->pos);

	if (p->l == NULL)
		p->l = cf_listing_new_named(p->out, p->fmt, "findings",
		    cf_finding_columns, CF_FINDING_COLUMNS);
	cf_listing_row(p->l);
	cf_listing_cell(p->l, c ? c->check_id : "?");
	cf_listing_cell(p->l, f->subject);
	cf_listing_cell(p->l, cf_result_name(f->result));
	cf_listing_cell(p->l, c ? c->severity : "");
	cf_listing_cell(p->l, c ? c->clause : "");
	cf_listing_cell(p->l, f->document_id ? f->document_id : "");
	if (f->commit && p->table)
		cf_listing_cellf(p->l, "%.12s", f->commit);
	else
		cf_listing_cell(p->l, f->commit ? f->commit : "");
	cf_listing_cell(p->l, f->detail);
	p->rows++;
	return 0;
}

static void
print_head(FILE *f, const struct cf_audit_head *h, size_t nbatches)
{
	char from[11], to[11];

	cf_day_format(h->from, from);
	cf_day_format(h->to, to);
	fprintf(f, "checklist  %s%s%s (commit %.12s)\n", h->checklist_id,
	    h->checklist_title ? " " : "",
	    h->checklist_title ? h->checklist_title : "", h->checklist_commit);
	fprintf(f, "documents  commit %.12s\n", h->documents_commit);
	fprintf(f,
	    "period     %s to %s (%s), scope %s, %" PRId64 " cases, %zu "
	    "import batch%s",
	    from, to, h->timezone, h->scope, h->population, nbatches,
	    nbatches == 1 ? "" : "es");
	/* The records it saw (doc/audits.md); unknown for older audits. */
	if (h->last_batch >= 0)
		fprintf(f, " up to batch %" PRId64, h->last_batch);
	fputc('\n', f);
	if (h->void_reason) {
		struct cf_buf b = CF_BUF_INIT;
		cf_text_add_printable(&b, h->void_reason, strlen(h->void_reason));
		fprintf(f,
		    "VOID       %s (by %s); left out of reviews, packs and NCR "
		    "verification\n",
		    b.s, h->void_actor ? h->void_actor : "?");
		cf_buf_release(&b);
	}
	if (h->sampled)
		fprintf(f,
		    "sample     %" PRId64 " of %" PRId64 " cases (seed %s; "
		    "confidence %s, tolerable %s, expected %s); case checks "
		    "judge the sample, rates the whole period; each case "
		    "check's upper deviation limit is from the cases it "
		    "judged\n",
		    h->sample_size, h->population, h->seed, h->confidence,
		    h->tolerable, h->expected);
}

void
cf_sample_figure_cells(const struct cf_audit_head *h,
    const struct cf_audit_checkrow *c, char *judged, size_t jsize, char *limit,
    size_t lsize)
{
	struct cf_sample_figure fig;

	*judged = *limit = '\0';
	if (cf_sample_figure_of(h, c, &fig) != 1) {
		cf_error_clear();
		return;
	}
	snprintf(judged, jsize, "%" PRId64 " of %" PRId64, fig.judged,
	    fig.sampled);
	if (fig.standing == CF_SAMPLE_NOTHING)
		snprintf(limit, lsize, "none (no case judged)");
	else
		snprintf(limit, lsize, "%s, %s tolerable %s", fig.limit,
		    cf_sample_standing_name(fig.standing), fig.tolerable);
}

static void
print_summary(FILE *f, const struct cf_audit_head *h,
    const struct cf_audit_checkrow *c, size_t n)
{
	struct cf_listing *l;
	static const struct cf_column cols[] = {
		{ "check", CF_COL_TEXT },
		{ "type", CF_COL_TEXT },
		{ "severity", CF_COL_TEXT },
		{ "clause", CF_COL_TEXT },
		{ "pass", CF_COL_INT },
		{ "fail", CF_COL_INT },
		{ "na", CF_COL_INT },
		{ "error", CF_COL_INT },
		{ "conformity", CF_COL_TEXT },
		{ "judged", CF_COL_TEXT },
		{ "upper_limit", CF_COL_TEXT },
	};

	l = cf_listing_new(f, CF_FORMAT_TABLE, cols,
	    CF_ARRAY_LEN(cols) - (h->sampled ? 0 : 2));
	for (size_t i = 0; i < n; i++) {
		char rate[32], judged[48], limit[96];
		cf_conformity_text(c[i].n[CF_RESULT_PASS],
		    c[i].n[CF_RESULT_FAIL], rate, sizeof rate);
		cf_listing_row(l);
		cf_listing_cell(l, c[i].check_id);
		cf_listing_cell(l, c[i].type);
		cf_listing_cell(l, c[i].severity);
		cf_listing_cell(l, c[i].clause);
		for (int r = 0; r < 4; r++)
			cf_listing_cell_int(l, c[i].n[r]);
		cf_listing_cell(l, rate);
		if (h->sampled) {
			cf_sample_figure_cells(h, &c[i], judged, sizeof judged,
			    limit, sizeof limit);
			cf_listing_cell(l, judged);
			cf_listing_cell(l, limit);
		}
	}
	cf_listing_end(l);
}

static void
json_head(struct cf_json *j, const struct cf_audit_head *h)
{
	char d[11];

	cf_json_str(j, "checklist", h->checklist_id);
	cf_json_str(j, "checklist_title", h->checklist_title);
	cf_json_str(j, "checklist_commit", h->checklist_commit);
	cf_json_str(j, "documents_commit", h->documents_commit);
	cf_day_format(h->from, d);
	cf_json_str(j, "from", d);
	cf_day_format(h->to, d);
	cf_json_str(j, "to", d);
	cf_json_str(j, "timezone", h->timezone);
	cf_json_str(j, "scope", h->scope);
	cf_json_int(j, "cases", h->population);
	if (h->last_batch >= 0)
		cf_json_int(j, "last_batch", h->last_batch);
	else
		cf_json_raw(j, "last_batch", "null");
	if (h->void_reason) {
		struct cf_json *v = cf_json_new();
		char *text;
		cf_json_str(v, "reason", h->void_reason);
		cf_json_int(v, "at", h->void_at);
		cf_json_str(v, "actor", h->void_actor);
		text = cf_json_text(v);
		cf_json_raw(j, "void", text);
		free(text);
		cf_json_free(v);
	}
	if (h->sampled) {
		struct cf_json *s = cf_json_new();
		cf_json_int(s, "size", h->sample_size);
		cf_json_str(s, "seed", h->seed);
		cf_json_str(s, "confidence", h->confidence);
		cf_json_str(s, "tolerable", h->tolerable);
		cf_json_str(s, "expected", h->expected);
		char *t = cf_json_text(s);
		cf_json_raw(j, "sample", t);
		free(t);
		cf_json_free(s);
	} else
		cf_json_raw(j, "sample", "null");
}

static char *
json_checks(const struct cf_audit_head *h, const struct cf_audit_checkrow *c,
    size_t n)
{
	struct cf_buf b = CF_BUF_INIT;

	cf_buf_addc(&b, '[');
	for (size_t i = 0; i < n; i++) {
		struct cf_json *j = cf_json_new();
		struct cf_sample_figure fig;
		char rate[32], *t;
		cf_json_str(j, "check", c[i].check_id);
		cf_json_str(j, "type", c[i].type);
		cf_json_str(j, "severity", c[i].severity);
		cf_json_str(j, "clause", c[i].clause);
		for (int r = 0; r < 4; r++)
			cf_json_int(j, cf_result_name((enum cf_result)r),
			    c[i].n[r]);
		cf_conformity_text(c[i].n[CF_RESULT_PASS],
		    c[i].n[CF_RESULT_FAIL], rate, sizeof rate);
		cf_json_str(j, "conformity", strcmp(rate, "-") ? rate : NULL);
		/* The sample's figure (doc/audits.md#sampling): both
		 * numbers, the limit from the judged ones, the standing. */
		if (cf_sample_figure_of(h, &c[i], &fig) == 1) {
			cf_json_int(j, "judged", fig.judged);
			cf_json_int(j, "sampled", fig.sampled);
			cf_json_str(j, "upper_limit",
			    fig.standing == CF_SAMPLE_NOTHING ? NULL
							      : fig.limit);
			if (fig.standing == CF_SAMPLE_NOTHING)
				cf_json_raw(j, "within_tolerable", "null");
			else
				cf_json_bool(j, "within_tolerable",
				    fig.standing == CF_SAMPLE_WITHIN);
		} else {
			cf_error_clear();
			cf_json_str(j, "upper_limit", NULL);
		}
		t = cf_json_text(j);
		cf_buf_addf(&b, "%s\n  %s", i ? "," : "", t);
		free(t);
		cf_json_free(j);
	}
	cf_buf_adds(&b, n ? "\n]" : "]");
	return cf_buf_detach(&b);
}

int
cf_auditprint(FILE *out, FILE *err, struct cf_store *st, int64_t id, bool all,
    enum cf_format fmt)
{
	struct cf_audit_head h;
	struct print_ctx p = { 0 };
	struct cf_strv sha = CF_STRV_INIT, files = CF_STRV_INIT;
	int rc;

	if ((rc = cf_auditdb_head(st, id, &h)) < 0)
		return rc;
	if ((rc = cf_auditdb_checks(st, id, &p.checks, &p.nchecks)) < 0 ||
	    (rc = cf_auditdb_batches(st, id, &sha, &files)) < 0)
		goto out;
	if (fmt == CF_FORMAT_JSON) {
		struct cf_json *j = cf_json_new();
		char *head, *checks;
		json_head(j, &h);
		head = cf_json_text(j);
		cf_json_free(j);
		checks = json_checks(&h, p.checks, p.nchecks);
		fprintf(out,
		    "{\"audit\": %s,\n\"checks\": %s,\n\"findings\": ", head,
		    checks);
		free(head);
		free(checks);
		fflush(out);
	}
	p.table = fmt == CF_FORMAT_TABLE;
	p.out = out;
	p.fmt = fmt;
	/* CSV and JSON always have their header; a table only with rows. */
	if (!p.table)
		p.l = cf_listing_new_named(out, fmt, "findings",
		    cf_finding_columns, CF_FINDING_COLUMNS);
	rc = cf_auditdb_findings(st, id, all, print_finding, &p);
	if (p.l) {
		int rc2 = cf_listing_end(p.l);
		if (rc == 0)
			rc = rc2;
	}
	if (rc < 0)
		goto out;
	if (fmt == CF_FORMAT_JSON) {
		fprintf(out, "}\n");
	} else {
		/* CSV and a workbook hold the findings only */
		FILE *f = fmt == CF_FORMAT_TABLE ? out : err;
		if (fmt == CF_FORMAT_TABLE && p.rows)
			fputc('\n', out);
		else if (fmt == CF_FORMAT_TABLE)
			fprintf(out, "no %sfindings\n\n",
			    all ? "" : "fail or error ");
		print_head(f, &h, sha.n);
		fputc('\n', f);
		print_summary(f, &h, p.checks, p.nchecks);
	}
out:
	cf_strv_release(&sha);
	cf_strv_release(&files);
	for (size_t i = 0; i < p.nchecks; i++)
		cf_audit_checkrow_release(&p.checks[i]);
	free(p.checks);
	cf_audit_head_release(&h);
	return rc;
}

int
cf_auditprint_summary(FILE *out, struct cf_store *st, int64_t id)
{
	struct cf_audit_head h;
	struct cf_audit_checkrow *c = NULL;
	struct cf_strv sha = CF_STRV_INIT, files = CF_STRV_INIT;
	size_t n = 0;
	int rc;

	if ((rc = cf_auditdb_head(st, id, &h)) < 0)
		return rc;
	if ((rc = cf_auditdb_checks(st, id, &c, &n)) == 0 &&
	    (rc = cf_auditdb_batches(st, id, &sha, &files)) == 0) {
		print_head(out, &h, sha.n);
		fputc('\n', out);
		print_summary(out, &h, c, n);
	}
	for (size_t i = 0; i < n; i++)
		cf_audit_checkrow_release(&c[i]);
	free(c);
	cf_strv_release(&sha);
	cf_strv_release(&files);
	cf_audit_head_release(&h);
	return rc;
}
