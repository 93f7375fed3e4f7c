/* SPDX-License-Identifier: MIT */
/*
 * evidence-pack.c - writing the evidence pack (see evidence.h).
 *
 * The pack is built in a temporary folder beside its destination and
 * renamed into place when every file is written and the manifest made,
 * so a pack folder is either whole or absent.  Every file is
 * deterministic for the same stored data and the same --at day: no
 * clock time is written but what the store holds.  What the pack reads
 * of the audits comes through auditdb and conclusion.h, the NCRs
 * through ncr.h, the trail through trail.h.
 */
#include "conform.h"
#include "auditdb.h"
#include "conclusion.h"
#include "docindex.h"
#include "evidence-impl.h"
#include "evidence.h"
#include "html.h"
#include "labels.h"
#include "listing.h"
#include "ncr.h"
#include "paths.h"
#include "svg.h"
#include "text.h"
#include "trail.h"
#include "windows-html.h"
#include "bundle.h"
#include "checkpoint.h"
#include "repo.h"
#include "sshsig.h"
#include "store.h"

#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char *const subsystem_names[] = { "basic", "support",
	"provision" };
static const char *const subsystem_zh[] = { "通用基础", "保障", "提供" };

static int
cmp_result(const void *a, const void *b)
{
	return strcmp(((const struct cf_proc_result *)a)->id,
	    ((const struct cf_proc_result *)b)->id);
}

struct pack {
	const struct cf_pack_src *src;
	struct cf_report_env env;
	char *tmp; /* the folder being built */
	cf_day at;
	int64_t *audits; /* ids of every stored audit in force */
	size_t naudits;
	int64_t *voided; /* and of the void ones, listed only */
	size_t nvoided;
	int64_t latest; /* 0: no audit */
	struct cf_audit_conclusion lconcl;
	struct cf_inforce *procs, *stds;
	size_t np, ns, pinvalid, sinvalid;
	struct cf_proc_result *res;
	size_t nres;
	struct cf_std_evidence *ev;
	struct cf_pack_rates rates;
	struct cf_strv commits;
	size_t files;
};

static void
pack_release(struct pack *p)
{
	free(p->tmp);
	free(p->audits);
	free(p->voided);
	free(p->procs);
	free(p->stds);
	for (size_t i = 0; i < p->nres; i++)
		free((char *)p->res[i].id);
	free(p->res);
	free(p->ev);
	cf_strv_release(&p->commits);
}

static int
add_result(struct pack *p, size_t *alloc, const char *id, int64_t pass,
    int64_t fail)
{
	for (size_t i = 0; i < p->nres; i++)
		if (strcmp(p->res[i].id, id) == 0) {
			p->res[i].pass += pass;
			p->res[i].fail += fail;
			return 0;
		}
	CF_GROW(p->res, p->nres + 1, *alloc);
	p->res[p->nres].id = cf_xstrdup(id);
	p->res[p->nres].pass = pass;
	p->res[p->nres].fail = fail;
	p->nres++;
	return 0;
}

struct results {
	struct pack *p;
	size_t alloc;
};

static int
document_result(const char *id, int64_t pass, int64_t fail, void *arg)
{
	struct results *r = arg;

	return add_result(r->p, &r->alloc, id, pass, fail);
}

static int
subject_result(const char *subj, int64_t pass, int64_t fail, void *arg)
{
	struct results *r = arg;
	struct pack *p = r->p;
	bool is_proc = false;

	for (size_t i = 0; i < p->np && !is_proc; i++)
		is_proc = strcmp(p->procs[i].doc->u.proc.id, subj) == 0;
	return is_proc ? add_result(p, &r->alloc, subj, pass, fail) : 0;
}

/* The latest audit's pass and fail results per procedure. */
static int
read_results(struct pack *p)
{
	struct cf_store *st = p->src->st;
	struct results r = { p, 0 };
	int rc;

	if (p->latest == 0)
		return 0;
	/* case checks, by the procedure version each case was judged by;
	 * then the other checks' findings whose subject is a procedure */
	if ((rc = cf_auditdb_by_document(st, p->latest, document_result, &r)) <
		0 ||
	    (rc = cf_auditdb_by_subject(st, p->latest, subject_result, &r)) < 0)
		return rc;
	if (p->nres > 1)
		qsort(p->res, p->nres, sizeof *p->res, cmp_result);
	return 0;
}

struct file_job {
	struct pack *p;
	int64_t audit;
	enum cf_report_format fmt;
};

static int
pack_file(struct pack *p, const char *rel, cf_report_fn fn, void *arg)
{
	char *path = cf_path_join(p->tmp, rel);
	int rc = cf_report_write(path, NULL, fn, arg);

	free(path);
	if (rc == 0)
		p->files++;
	return rc;
}

static char *
person(const char *name, const char *email)
{
	if (name == NULL)
		return NULL;
	return email && *email ? cf_xasprintf("%s <%s>", name, email)
			       : cf_xstrdup(name);
}

static char *
applies_text(const struct cf_standard *s)
{
	struct cf_buf b = CF_BUF_INIT;

	for (size_t g = 0; g < s->applies_to.n; g++)
		cf_buf_addf(&b, "%s%s", g ? " " : "", s->applies_to.v[g]);
	return cf_buf_detach(&b);
}

static const struct cf_column system_columns[] = {
	{ "type", CF_COL_TEXT },
	{ "id", CF_COL_TEXT },
	{ "title", CF_COL_TEXT },
	{ "subsystem", CF_COL_TEXT },
	{ "level", CF_COL_TEXT },
	{ "version_commit", CF_COL_TEXT },
	{ "effective_from", CF_COL_TEXT },
	{ "author", CF_COL_TEXT },
	{ "approver", CF_COL_TEXT },
	{ "applies_to", CF_COL_TEXT },
	{ "procedures", CF_COL_INT },
	{ "pass", CF_COL_INT },
	{ "fail", CF_COL_INT },
	{ "conformity", CF_COL_TEXT },
};

/* The common cells of one row of the standard system table. */
struct sys_row {
	const char *type, *id, *title, *subsystem, *level;
	const struct cf_docversion *v;
	char eff[11];
	char *author, *approver, *applies;
	int64_t procedures, pass, fail;
	bool has_evidence;
};

static void
sys_row_std(struct pack *p, size_t i, struct sys_row *r)
{
	const struct cf_standard *s = &p->stds[i].doc->u.std;

	memset(r, 0, sizeof *r);
	r->type = "standard";
	r->id = s->id;
	r->title = s->title;
	r->subsystem = subsystem_names[s->subsystem];
	r->level = s->level;
	r->v = p->stds[i].v;
	cf_day_format(s->effective_from, r->eff);
	r->author = person(r->v->author_name, r->v->author_email);
	r->approver = cf_docversion_approver(r->v);
	r->applies = applies_text(s);
	r->procedures = p->ev[i].procedures;
	r->pass = p->ev[i].pass;
	r->fail = p->ev[i].fail;
	r->has_evidence = true;
}

static void
sys_row_proc(struct pack *p, size_t i, struct sys_row *r)
{
	const struct cf_procedure *pr = &p->procs[i].doc->u.proc;
	const struct cf_proc_result *res = cf_ev_find_result(p->res, p->nres,
	    pr->id);

	memset(r, 0, sizeof *r);
	r->type = "procedure";
	r->id = pr->id;
	r->title = pr->title;
	r->subsystem = "provision";
	r->v = p->procs[i].v;
	cf_day_format(pr->effective_from, r->eff);
	r->author = person(r->v->author_name, r->v->author_email);
	r->approver = cf_docversion_approver(r->v);
	if (res) {
		r->pass = res->pass;
		r->fail = res->fail;
	}
	r->has_evidence = true;
}

static void
sys_row_release(struct sys_row *r)
{
	free(r->author);
	free(r->approver);
	free(r->applies);
}

static int
write_system_csv(FILE *f, void *arg)
{
	struct pack *p = arg;
	struct cf_listing *l;

	fputs(CF_UTF8_BOM, f); /* for people: Excel (doc/reports.md) */
	l = cf_listing_new(f, CF_FORMAT_CSV, system_columns,
	    CF_ARRAY_LEN(system_columns));

	for (size_t k = 0; k < p->ns + p->np; k++) {
		struct sys_row r;
		char rate[32];
		if (k < p->ns)
			sys_row_std(p, k, &r);
		else
			sys_row_proc(p, k - p->ns, &r);
		cf_rate_text(r.pass, r.pass + r.fail, rate, sizeof rate);
		cf_listing_row(l);
		cf_listing_cell(l, r.type);
		cf_listing_cell(l, r.id);
		cf_listing_cell(l, r.title);
		cf_listing_cell(l, r.subsystem);
		cf_listing_cell(l, r.level);
		cf_listing_cell(l, r.v->commit);
		cf_listing_cell(l, r.eff);
		cf_listing_cell(l, r.author);
		cf_listing_cell(l, r.approver);
		cf_listing_cell(l, r.applies);
		if (k < p->ns)
			cf_listing_cell_int(l, r.procedures);
		else
			cf_listing_cell(l, NULL);
		cf_listing_cell_int(l, r.pass);
		cf_listing_cell_int(l, r.fail);
		cf_listing_cell(l, r.pass + r.fail ? rate : NULL);
		sys_row_release(&r);
	}
	return cf_listing_end(l) < 0
	    ? cf_error_set(CF_ERROR, "cannot write standard-system.csv")
	    : 0;
}

/* One rate as a row: name, value, counts, definition. */
static void
html_rate_row(FILE *f, const char *name, int64_t num, int64_t den,
    const char *definition)
{
	char rate[32], n[64];

	cf_rate_text(num, den, rate, sizeof rate);
	snprintf(n, sizeof n, "%" PRId64 " / %" PRId64, num, den);
	cf_html_tr(f);
	cf_html_td(f, name);
	cf_html_td_class(f, "num", rate);
	cf_html_td_class(f, "num", n);
	cf_html_td_class(f, "title", definition);
	cf_html_tr_end(f);
}

/* The three rates with their definitions, as an HTML table. */
static void
html_rates(FILE *f, const struct pack *p)
{
	static const char *const cols[] = { "指标 Rate", "值 Value",
		"计算 Counts", "定义 Definition" };
	const struct cf_pack_rates *r = &p->rates;

	cf_html_table_begin(f, cols, 4);
	html_rate_row(f, "标准覆盖率 Coverage", r->covered, r->procedures,
	    "procedures in force that at least one standard in force applies "
	    "to (by its applies-to globs) ÷ procedures in force");
	html_rate_row(f, "标准实施率 Implementation", r->implemented,
	    r->standards,
	    "standards in force with at least one judged result (pass or "
	    "fail) of the latest audit for a procedure they apply to ÷ "
	    "standards in force in the 明细表");
	html_rate_row(f, "符合率 Conformity", r->pass, r->pass + r->fail,
	    "results of the latest audit that passed ÷ results judged (pass "
	    "+ fail; case checks judged the sample when the audit was "
	    "sampled)");
	cf_html_table_end(f);
	if (p->latest) {
		char *s = cf_xasprintf("Evidence from audit %" PRId64
				       " (the latest stored).  These "
				       "definitions are conform's own: no "
				       "national text defines 标准覆盖率 or "
				       "标准实施率.",
		    p->latest);
		cf_html_note(f, s);
		free(s);
	} else
		cf_html_note(f,
		    "No audit is stored: implementation and "
		    "conformity have no evidence yet.");
}

static int
write_system_html(FILE *f, void *arg)
{
	struct pack *p = arg;
	char at[11], rate[32];

	cf_day_format(p->at, at);
	{
		char *sub = cf_xasprintf("%s%s%s",
		    p->src->center ? p->src->center : "",
		    p->src->center ? " · " : "", at);
		char *run = cf_xasprintf("标准体系表 Standard system table · %s",
		    at);
		cf_html_begin_running(f, "标准体系表 Standard system table", sub,
		    run);
		free(run);
		free(sub);
	}
	cf_html_section(f, "rates", "1 标准化指标 Rates", 0);
	html_rates(f, p);
	cf_html_section_end(f);

	cf_html_section(f, "table",
	    "2 标准明细表 Standards and procedures in "
	    "force",
	    1);
	{
		char *s = cf_xasprintf("Every standard and every procedure "
				       "(service guide) in force on %s, as "
				       "committed on main.  Procedures are "
				       "listed under the provision subsystem.",
		    at);
		cf_html_note(f, s);
		free(s);
		if (p->pinvalid || p->sinvalid) {
			s = cf_xasprintf("%zu procedure and %zu standard "
					 "versions in force do not validate and "
					 "are left out.",
			    p->pinvalid, p->sinvalid);
			cf_html_note(f, s);
			free(s);
		}
	}
	{
		static const char *const cols[] = { "类型 Type", "编号 Id",
			"名称 Title", "子体系 Subsystem", "层级 Level",
			"版本 Commit", "实施日期 Effective", "编制 Author",
			"批准 Approver" };
		cf_html_table_begin(f, cols, 9);
	}
	for (size_t k = 0; k < p->ns + p->np; k++) {
		struct sys_row r;
		char *sub;
		if (k < p->ns)
			sys_row_std(p, k, &r);
		else
			sys_row_proc(p, k - p->ns, &r);
		cf_html_tr(f);
		/* the id and title kept whole (titles wrapped two characters
		 * a line beside the commits); the commit shortened to 12
		 * digits, whole in its tooltip and in the CSV */
		cf_html_td(f, cf_label(CF_LABEL_DOC_TYPE, r.type));
		fputs("<td style=\"white-space:nowrap\">", f);
		cf_html_text(f, r.id);
		fputs("</td><td style=\"min-width:10em\">", f);
		cf_html_text(f, r.title);
		fputs("</td>", f);
		sub = cf_xasprintf("%s %s",
		    k < p->ns ? subsystem_zh[p->stds[k].doc->u.std.subsystem]
			      : subsystem_zh[2],
		    r.subsystem);
		cf_html_td(f, sub);
		free(sub);
		cf_html_td(f, r.level ? cf_label(CF_LABEL_STD_LEVEL, r.level) : "");
		fputs("<td class=\"id\" title=\"", f);
		cf_html_text(f, r.v->commit);
		fprintf(f, "\">%.12s</td>", r.v->commit);
		cf_html_td_class(f, "num", r.eff);
		cf_html_td_class(f, "wrap", r.author);
		cf_html_td_class(f, "wrap",
		    r.approver ? r.approver : "(not approved)");
		cf_html_tr_end(f);
		sys_row_release(&r);
	}
	cf_html_table_end(f);
	cf_html_section_end(f);

	cf_html_section(f, "implementation",
	    "3 标准实施证据 Implementation evidence per standard", 1);
	{
		static const char *const cols[] = { "标准 Standard",
			"名称 Title", "适用 Applies to", "办事指南 Procedures",
			"pass", "fail", "符合率 Conformity",
			"已实施 Implemented" };
		cf_html_table_begin(f, cols, 8);
	}
	for (size_t i = 0; i < p->ns; i++) {
		const struct cf_standard *s = &p->stds[i].doc->u.std;
		char *ap = applies_text(s);
		cf_rate_text(p->ev[i].pass, p->ev[i].pass + p->ev[i].fail, rate,
		    sizeof rate);
		cf_html_tr(f);
		cf_html_td_class(f, "key", s->id);
		cf_html_td_class(f, "title", s->title);
		cf_html_td(f, ap);
		cf_html_td_int(f, p->ev[i].procedures);
		cf_html_td_int(f, p->ev[i].pass);
		cf_html_td_int(f, p->ev[i].fail);
		cf_html_td_class(f, "num", rate);
		cf_html_td_class(f, p->ev[i].implemented ? "pass" : "fail",
		    p->ev[i].implemented ? "是 yes" : "否 no");
		cf_html_tr_end(f);
		free(ap);
	}
	cf_html_table_end(f);
	cf_html_note(f,
	    "Pass and fail: the results of the latest audit for "
	    "the procedures in force the standard applies to (case "
	    "checks by the version each case was judged by; "
	    "document checks by procedure).");
	cf_html_section_end(f);
	cf_html_end(f);
	return 0;
}

static int
write_audit(FILE *f, void *arg)
{
	struct file_job *j = arg;

	return cf_report_audit(f, &j->p->env, j->audit, j->fmt);
}

/* The window scorecard of an audit that has one (doc/reports.md). */
static int
write_windows(FILE *f, void *arg)
{
	struct file_job *j = arg;
	struct cf_auditdb_scorecard sc;
	int rc;

	if ((rc = cf_auditdb_scorecard(j->p->src->st, j->audit, &sc)) == 0)
		rc = cf_windows_listing(f, CF_FORMAT_CSV, &sc);
	cf_auditdb_scorecard_release(&sc);
	return rc;
}

static const struct cf_column ncr_columns[] = {
	{ "ncr", CF_COL_TEXT },
	{ "checklist", CF_COL_TEXT },
	{ "check", CF_COL_TEXT },
	{ "title", CF_COL_TEXT },
	{ "type", CF_COL_TEXT },
	{ "severity", CF_COL_TEXT },
	{ "clause", CF_COL_TEXT },
	{ "state", CF_COL_TEXT },
	{ "opened_at", CF_COL_TEXT },
	{ "owner", CF_COL_TEXT },
	{ "due", CF_COL_TEXT },
	{ "correction", CF_COL_TEXT },
	{ "root_cause", CF_COL_TEXT },
	{ "method", CF_COL_TEXT },
	{ "action", CF_COL_TEXT },
	{ "similar", CF_COL_TEXT },
	{ "risk_update", CF_COL_TEXT },
	{ "effectiveness", CF_COL_TEXT },
	{ "verified_audit", CF_COL_TEXT },
	{ "closed_on", CF_COL_TEXT },
	{ "rejection", CF_COL_TEXT },
	{ "recurrence_of", CF_COL_TEXT },
	{ "subjects", CF_COL_INT },
	{ "audits", CF_COL_INT },
};

static int
write_ncrs(FILE *f, void *arg)
{
	struct pack *p = arg;
	struct cf_ncr *v = NULL;
	struct cf_listing *l;
	size_t n = 0;
	int rc;

	if ((rc = cf_ncr_list(p->src->st, &v, &n)) < 0)
		return rc;
	fputs(CF_UTF8_BOM, f); /* for people: Excel (doc/reports.md) */
	l = cf_listing_new(f, CF_FORMAT_CSV, ncr_columns,
	    CF_ARRAY_LEN(ncr_columns));
	for (size_t i = 0; i < n; i++) {
		const struct cf_ncr *c = &v[i];
		char name[32], rec[32], d[11], t[48];
		struct cf_time tm = { c->opened_at, 0,
			cf_tz_offset(p->src->tz, c->opened_at), true };
		cf_listing_row(l);
		cf_ncr_name(c->number, name, sizeof name);
		cf_listing_cell(l, name);
		cf_listing_cell(l, c->checklist_id);
		cf_listing_cell(l, c->check_id);
		cf_listing_cell(l, c->check_title);
		cf_listing_cell(l, c->check_type);
		cf_listing_cell(l, c->severity);
		cf_listing_cell(l, c->clause);
		cf_listing_cell(l, cf_ncr_state_name(c->state));
		cf_time_format_iso(&tm, t, sizeof t);
		cf_listing_cell(l, t);
		cf_listing_cell(l, c->owner);
		if (c->due != CF_DAY_NONE)
			cf_day_format(c->due, d);
		cf_listing_cell(l, c->due != CF_DAY_NONE ? d : NULL);
		cf_listing_cell(l, c->correction);
		cf_listing_cell(l, c->root_cause);
		cf_listing_cell(l, c->method);
		cf_listing_cell(l, c->action);
		cf_listing_cell(l, c->similar);
		cf_listing_cell(l,
		    c->risk_update < 0	 ? NULL
			: c->risk_update ? "yes"
					 : "no");
		cf_listing_cell(l, c->effectiveness);
		if (c->verified_audit)
			cf_listing_cellf(l, "%" PRId64, c->verified_audit);
		else
			cf_listing_cell(l, NULL);
		if (c->closed_on != CF_DAY_NONE)
			cf_day_format(c->closed_on, d);
		cf_listing_cell(l, c->closed_on != CF_DAY_NONE ? d : NULL);
		cf_listing_cell(l, c->rejection);
		if (c->recurrence_of)
			cf_ncr_name(c->recurrence_of, rec, sizeof rec);
		cf_listing_cell(l, c->recurrence_of ? rec : NULL);
		cf_listing_cell_int(l, c->nsubjects);
		cf_listing_cell_int(l, c->naudits);
	}
	rc = cf_listing_end(l) < 0
	    ? cf_error_set(CF_ERROR, "cannot write ncr-register.csv")
	    : 0;
	for (size_t i = 0; i < n; i++)
		cf_ncr_release(&v[i]);
	free(v);
	return rc;
}

static const struct cf_column trail_columns[] = {
	{ "seq", CF_COL_INT },
	{ "at", CF_COL_INT },
	{ "actor", CF_COL_TEXT },
	{ "what", CF_COL_TEXT },
	{ "subject", CF_COL_TEXT },
	{ "data", CF_COL_TEXT },
	{ "prev", CF_COL_TEXT },
	{ "hash", CF_COL_TEXT },
};

static int
trail_row(const struct cf_trail_entry *e, void *arg)
{
	struct cf_listing *l = arg;

	cf_listing_row(l);
	cf_listing_cell_int(l, e->seq);
	cf_listing_cell_int(l, e->at);
	cf_listing_cell(l, e->actor);
	cf_listing_cell(l, e->what);
	cf_listing_cell(l, e->subject);
	cf_listing_cell(l, e->data);
	cf_listing_cell(l, e->prev);
	cf_listing_cell(l, e->hash);
	return 0;
}

static int
write_trail(FILE *f, void *arg)
{
	struct pack *p = arg;
	struct cf_listing *l = cf_listing_new(f, CF_FORMAT_CSV, trail_columns,
	    CF_ARRAY_LEN(trail_columns));
	int rc = cf_trail_each(p->src->st, trail_row, l);

	if (cf_listing_end(l) < 0 && rc == 0)
		rc = cf_error_set(CF_ERROR, "cannot write %s", CF_PACK_TRAIL);
	return rc;
}

static int
write_commits(FILE *f, void *arg)
{
	struct pack *p = arg;

	for (size_t i = 0; i < p->commits.n; i++)
		fprintf(f, "%s\n", p->commits.v[i]);
	return 0;
}

static void
html_link(FILE *f, const char *href, const char *text)
{
	fputs("<a href=\"", f);
	cf_html_text(f, href);
	fputs("\">", f);
	cf_html_text(f, text);
	fputs("</a>", f);
}

static int
write_index(FILE *f, void *arg)
{
	struct pack *p = arg;
	char at[11];

	cf_day_format(p->at, at);
	{
		char *sub = cf_xasprintf("%s%sas at %s",
		    p->src->center ? p->src->center : "",
		    p->src->center ? " · " : "", at);
		char *run = cf_xasprintf("证据包 Evidence pack · %s", at);
		cf_html_begin_running(f, "证据包 Evidence pack", sub, run);
		free(run);
		free(sub);
	}
	cf_html_section(f, "contents", "1 内容 Contents", 0);
	fputs("<ul>\n<li>", f);
	html_link(f, "standard-system.html",
	    "标准体系表 Standard system table");
	fputs(" (", f);
	html_link(f, "standard-system.csv", "CSV");
	fputs("): every standard and procedure in force, with subsystem, "
	      "level, version commit, effective date, author and approver, "
	      "and the implementation evidence per standard</li>\n<li>",
	    f);
	html_link(f, "ncr-register.csv", "不符合项登记 NCR register");
	fputs(" (CSV, every field)</li>\n<li>", f);
	html_link(f, CF_PACK_TRAIL, "记录变更链 Trail");
	fputs(" (CSV: every entry with its previous and own SHA-256)</li>\n<li>",
	    f);
	html_link(f, CF_PACK_COMMITS, "文件提交 Document commits");
	fputs(" the pack relies on</li>\n<li>", f);
	html_link(f, CF_PACK_RECORDS, "records.db");
	fputs(": the records (SQLite) every report here is made from</li>\n"
	      "<li>",
	    f);
	html_link(f, CF_PACK_BUNDLE, "documents.bundle");
	fputs(": the documents, a git bundle of main and conform's refs "
	      "('git clone documents.bundle')</li>\n<li>",
	    f);
	html_link(f, CF_PACK_SIGNERS, "allowed_signers");
	fputs(": who may sign (git's allowed-signers format)</li>\n<li>", f);
	html_link(f, CF_PACK_CHECKPOINT, "checkpoint");
	fputs(": the signed checkpoint the trail ends at</li>\n<li>", f);
	html_link(f, CF_PACK_CONF, "pack.conf");
	fputs(": the day, timezone and center the reports were made "
	      "with</li>\n<li>",
	    f);
	html_link(f, CF_PACK_MANIFEST, "MANIFEST.sha256");
	fputs(": the SHA-256 of every file, signed in "
	      "MANIFEST.sha256.sig</li>\n</ul>\n",
	    f);
	cf_html_section_end(f);

	cf_html_section(f, "checkpoint", "2 检查点 Checkpoint", 0);
	{
		const struct cf_pack_ckpt *c = p->src->ckpt;
		char *t = c ? cf_xasprintf("The trail ends at entry %" PRId64
					   ", hash %s, main at %s; "
					   "checkpoint %s, %s.",
				  c->seq, c->hash, c->main,
				  *c->commit ? c->commit : "none",
				  c->signer ? c->signer : "unsigned")
			    : cf_xstrdup("No checkpoint.");
		cf_html_p(f, t);
		free(t);
	}
	cf_html_section_end(f);

	cf_html_section(f, "rates", "3 标准化指标 Rates", 0);
	html_rates(f, p);
	cf_html_section_end(f);

	cf_html_section(f, "audits", "4 审核报告 Audit reports", 0);
	if (p->naudits == 0)
		cf_html_note(f, "No audit is stored.");
	else {
		static const char *const cols[] = { "审核 Audit",
			"检查表 Checklist", "审核期间 Period", "结论 Overall",
			"报告 Reports" };
		cf_html_table_begin(f, cols, 5);
		for (size_t i = 0; i < p->naudits; i++) {
			struct cf_audit_head h;
			struct cf_audit_conclusion cc;
			char from[11], to[11], s[64];
			int rc;
			if ((rc = cf_auditdb_head(p->src->st, p->audits[i],
				 &h)) < 0)
				return rc;
			if ((rc = cf_audit_conclusion_load(p->src->st, h.id,
				 &cc)) < 0) {
				cf_audit_head_release(&h);
				return rc;
			}
			cf_day_format(h.from, from);
			cf_day_format(h.to, to);
			cf_html_tr(f);
			cf_html_td_int(f, h.id);
			cf_html_td_class(f, "title",
			    h.checklist_title ? h.checklist_title
					      : h.checklist_id);
			snprintf(s, sizeof s, "%s – %s", from, to);
			cf_html_td(f, s);
			cf_html_td(f, cf_label(CF_LABEL_OVERALL, cc.overall));
			fputs("<td>", f);
			snprintf(s, sizeof s, "audits/audit-%04" PRId64 ".html",
			    h.id);
			html_link(f, s, "HTML");
			fputs(" · ", f);
			snprintf(s, sizeof s, "audits/audit-%04" PRId64 ".xml",
			    h.id);
			html_link(f, s, "XML");
			fputs(" · ", f);
			snprintf(s, sizeof s, "audits/audit-%04" PRId64 ".csv",
			    h.id);
			html_link(f, s, "CSV");
			{
				struct cf_auditdb_scorecard sc;
				if ((rc = cf_auditdb_scorecard(p->src->st,
					 h.id, &sc)) < 0) {
					cf_audit_head_release(&h);
					return rc;
				}
				if (sc.has) {
					fputs(" · ", f);
					snprintf(s, sizeof s,
					    "audits/audit-%04" PRId64
					    "-windows.csv",
					    h.id);
					html_link(f, s,
					    "窗口评比 Window scorecard");
				}
				cf_auditdb_scorecard_release(&sc);
			}
			fputs("</td>", f);
			cf_html_tr_end(f);
			cf_audit_head_release(&h);
		}
		cf_html_table_end(f);
	}
	for (size_t i = 0; i < p->nvoided; i++) {
		struct cf_audit_head h;
		char *s;
		int rc;
		if ((rc = cf_auditdb_head(p->src->st, p->voided[i], &h)) < 0)
			return rc;
		s = cf_xasprintf("Audit %" PRId64 " (%s) is void and its "
				 "report is not in the pack: %s (%s)",
		    h.id, h.checklist_id, h.void_reason ? h.void_reason : "",
		    h.void_actor ? h.void_actor : "");
		cf_html_note(f, s);
		free(s);
		cf_audit_head_release(&h);
	}
	cf_html_section_end(f);

	cf_html_section(f, "verify", "5 核验 Verification", 0);
	cf_html_p(f,
	    "On any machine, with no workspace, 'conform evidence verify "
	    "DIR' reads every file here as untrusted input and checks, "
	    "naming every problem it finds:");
	{
		static const char *const checks[] = {
			"MANIFEST.sha256 is signed (MANIFEST.sha256.sig, "
			"namespace conform-evidence) by a signer in "
			"allowed_signers, or in '--signers FILE'; an unsigned "
			"manifest is refused unless '--allow-unsigned' is "
			"given",
			"every file's SHA-256 is the one in MANIFEST.sha256",
			"the pack holds exactly the files of a pack: none "
			"missing, none added, the three reports of every "
			"stored audit that is not void",
			"pack.conf holds the day and timezone (and the center) "
			"the reports were made with",
			"records.db is a SQLite store with exactly conform's "
			"schema, opened read-only",
			"the trail in records.db chains (each entry's SHA-256 "
			"covers the previous one) and binds every record it "
			"names",
			"checkpoint names the last checkpoint in "
			"documents.bundle, the trail extends every checkpoint "
			"and ends at the last, and the last is signed by an "
			"allowed signer",
			"documents.bundle is a git bundle whose main holds "
			"every commit the records cite",
			"allowed_signers is the version approved on main at "
			"the checkpoint's commit",
			"every report and register here (audits/, "
			"standard-system.html and .csv, ncr-register.csv, "
			"trail.csv, COMMITS, pack.conf, this page) is byte for "
			"byte the one conform makes again from records.db and "
			"documents.bundle, so it says only what the bound "
			"records say",
			"with '--since OLD-PACK': the older pack verifies too, "
			"and this pack's trail extends its checkpoint",
		};
		fputs("<ol class=\"checks\">\n", f);
		for (size_t i = 0; i < CF_ARRAY_LEN(checks); i++) {
			fputs("<li>", f);
			cf_html_text(f, checks[i]);
			fputs("</li>\n", f);
		}
		fputs("</ol>\n", f);
	}
	cf_html_note(f,
	    "What it cannot check: that the records are true to what "
	    "happened at the windows - only that they are the ones the "
	    "trail bound and that nothing changed since.  Without conform, "
	    "'sha256sum -c MANIFEST.sha256' checks the hashes and 'git "
	    "bundle verify documents.bundle' the documents.");
	cf_html_section_end(f);
	cf_html_end(f);
	return 0;
}

static void
add_commit(struct pack *p, const char *hex)
{
	if (hex && strlen(hex) == 40)
		cf_strv_push(&p->commits, hex);
}

/* Every commit the pack names: HEAD, the versions in the table, and
 * every audit's documents, checklist and version commits. */
static int
collect_commits(struct pack *p)
{
	struct cf_strv uniq = CF_STRV_INIT, audited = CF_STRV_INIT;
	int rc;

	add_commit(p, cf_docindex_head(p->src->idx));
	for (size_t i = 0; i < p->np; i++)
		add_commit(p, p->procs[i].v->commit);
	for (size_t i = 0; i < p->ns; i++)
		add_commit(p, p->stds[i].v->commit);
	rc = cf_auditdb_commits(p->src->st, &audited);
	for (size_t i = 0; i < audited.n; i++)
		add_commit(p, audited.v[i]);
	cf_strv_release(&audited);
	cf_strv_sort(&p->commits);
	for (size_t i = 0; i < p->commits.n; i++)
		if (i == 0 || strcmp(p->commits.v[i], p->commits.v[i - 1]) != 0)
			cf_strv_push(&uniq, p->commits.v[i]);
	cf_strv_release(&p->commits);
	p->commits = uniq;
	return rc;
}

static int
rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

void
cf_ev_rmtree(const char *path)
{
	nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static bool
empty_dir(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;
	bool empty = true;

	if (d == NULL)
		return false;
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
			empty = false;
			break;
		}
	closedir(d);
	return empty;
}

void
cf_pack_ckpt_release(struct cf_pack_ckpt *c)
{
	free(c->signer);
	memset(c, 0, sizeof *c);
}

void
cf_pack_ckpt_from(const struct cf_checkpoint *c, struct cf_pack_ckpt *out)
{
	memset(out, 0, sizeof *out);
	memcpy(out->commit, c->commit, sizeof out->commit);
	out->seq = c->seq;
	memcpy(out->hash, c->hash, sizeof out->hash);
	memcpy(out->main, c->main, sizeof out->main);
	out->at = c->at;
	if (c->is_signed)
		out->signer = cf_xstrdup(c->fingerprint ? c->fingerprint
							: "(an unreadable key)");
}

char *
cf_pack_ckpt_text(const struct cf_pack_ckpt *c)
{
	char at[32];
	time_t t = (time_t)c->at;
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(at, sizeof at, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return cf_xasprintf("commit: %s\nseq: %" PRId64
			    "\nhash: %s\nmain: %s\nat: %s\nsigner: %s\n",
	    *c->commit ? c->commit : "none", c->seq, c->hash, c->main, at,
	    c->signer ? c->signer : "unsigned");
}

static int
write_conf(FILE *f, void *arg)
{
	struct pack *p = arg;
	char at[11];

	cf_day_format(p->at, at);
	fprintf(f, "# what the reports of this pack were made with\n"
		   "at = %s\ntimezone = %s\n",
	    at, p->src->tzname);
	if (p->src->center)
		fprintf(f, "center = %s\n", p->src->center);
	return 0;
}

int
cf_evidence_reports(const struct cf_pack_src *src, const char *dir,
    size_t *files)
{
	struct pack p;
	char *audits_dir = NULL;
	int rc;

	memset(&p, 0, sizeof p);
	p.src = src;
	p.env.st = src->st;
	p.env.idx = src->idx;
	p.env.center = src->center;
	p.env.repo = src->repo;
	p.at = src->at;
	p.tmp = cf_xstrdup(dir);
	/* Void audits are left out, and listed as void (doc/audits.md). */
	if ((rc = cf_auditdb_ids_void(src->st, false, &p.audits,
		 &p.naudits)) < 0 ||
	    (rc = cf_auditdb_ids_void(src->st, true, &p.voided, &p.nvoided)) <
		0)
		goto out;
	if (p.naudits) {
		p.latest = p.audits[p.naudits - 1];
		if ((rc = cf_audit_conclusion_load(src->st, p.latest,
			 &p.lconcl)) < 0)
			goto out;
	}
	if ((rc = cf_report_in_force(src->idx, CF_DOC_PROCEDURE, p.at,
		 &p.procs, &p.np, &p.pinvalid)) < 0 ||
	    (rc = cf_report_in_force(src->idx, CF_DOC_STANDARD, p.at, &p.stds,
		 &p.ns, &p.sinvalid)) < 0 ||
	    (rc = read_results(&p)) < 0)
		goto out;
	p.ev = cf_xcalloc(p.ns ? p.ns : 1, sizeof *p.ev);
	cf_pack_rates(p.procs, p.np, p.stds, p.ns, p.res, p.nres, p.lconcl.pass,
	    p.lconcl.fail, p.ev, &p.rates);
	if ((rc = collect_commits(&p)) < 0)
		goto out;

	audits_dir = cf_path_join(p.tmp, "audits");
	if ((rc = cf_mkdirs(audits_dir, 0755)) < 0)
		goto out;
	for (size_t i = 0; i < p.naudits && rc == 0; i++) {
		static const enum cf_report_format fmts[] = { CF_REPORT_HTML,
			CF_REPORT_XML, CF_REPORT_CSV };
		static const char *const exts[] = { "html", "xml", "csv" };
		for (size_t k = 0; k < 3 && rc == 0; k++) {
			struct file_job j = { &p, p.audits[i], fmts[k] };
			char name[64];
			snprintf(name, sizeof name,
			    "audits/audit-%04" PRId64 ".%s", p.audits[i],
			    exts[k]);
			rc = pack_file(&p, name, write_audit, &j);
		}
		if (rc == 0) {
			struct cf_auditdb_scorecard sc;
			bool has;
			if ((rc = cf_auditdb_scorecard(src->st, p.audits[i],
				 &sc)) < 0)
				break;
			has = sc.has;
			cf_auditdb_scorecard_release(&sc);
			if (has) {
				struct file_job j = { &p, p.audits[i],
					CF_REPORT_CSV };
				char name[64];
				snprintf(name, sizeof name,
				    "audits/audit-%04" PRId64 "-windows.csv",
				    p.audits[i]);
				rc = pack_file(&p, name, write_windows, &j);
			}
		}
	}
	if (rc < 0 ||
	    (rc = pack_file(&p, "standard-system.csv", write_system_csv, &p)) <
		0 ||
	    (rc = pack_file(&p, "standard-system.html", write_system_html,
		 &p)) < 0 ||
	    (rc = pack_file(&p, "ncr-register.csv", write_ncrs, &p)) < 0 ||
	    (rc = pack_file(&p, CF_PACK_TRAIL, write_trail, &p)) < 0 ||
	    (rc = pack_file(&p, CF_PACK_COMMITS, write_commits, &p)) < 0 ||
	    (rc = pack_file(&p, CF_PACK_CONF, write_conf, &p)) < 0 ||
	    (rc = pack_file(&p, "index.html", write_index, &p)) < 0)
		goto out;
	if (files)
		*files = p.files;
out:
	free(audits_dir);
	pack_release(&p);
	return rc;
}

/*
 * The allowed signers approved as main stood at the checkpoint's commit
 * (procedures/repo.h: the index of main open says); an empty file when
 * the workspace has none approved.
 */
static int
write_signers(struct cf_repo *repo, const char *main, const char *path)
{
	const char *text = NULL;
	int rc = cf_repo_signers(repo, main, &text);

	if (rc == CF_ENOTFOUND || rc == CF_EINVALID) {
		cf_error_clear();
		text = "";
		rc = 0;
	}
	if (rc == 0)
		rc = cf_write_file_atomic(path, text, strlen(text));
	return rc;
}

/* Signs the manifest into MANIFEST.sha256.sig (core/sshsig.h). */
static int
sign_manifest(const char *key, const char *manifest, const char *path)
{
	char *armored = NULL;
	int rc;

	if ((rc = cf_sshsig_sign(key, CF_PACK_NAMESPACE, manifest,
		 strlen(manifest), &armored)) < 0)
		return cf_error_prefix("signing the manifest: ");
	rc = cf_write_file_atomic(path, armored, strlen(armored));
	free(armored);
	return rc;
}

int
cf_evidence_pack(struct cf_report_ws *w, const char *dir,
    const struct cf_pack_opts *o, struct cf_pack_result *res)
{
	struct cf_store *copy = NULL;
	struct cf_docindex *idx = NULL;
	struct cf_pack_src src;
	char *tmp = NULL, *manifest = NULL, *path = NULL, *text = NULL;
	int rc;

	memset(res, 0, sizeof *res);
	if (cf_path_exists(dir) && !(cf_path_is_dir(dir) && empty_dir(dir)))
		return cf_error_set(CF_EEXISTS,
		    "'%s' exists and is not an empty folder; an evidence pack "
		    "goes into a new folder",
		    dir);
	res->ckpt = *o->ckpt;
	res->ckpt.signer = o->ckpt->signer ? cf_xstrdup(o->ckpt->signer) : NULL;
	{
		char main[CF_OID_HEX];
		if ((rc = cf_repo_head(w->repo, main)) < 0)
			goto fail;
		if (strcmp(main, res->ckpt.main) != 0) {
			rc = cf_error_set(CF_ECONFLICT,
			    "main moved after the checkpoint (another writer); "
			    "nothing was written, try again");
			goto fail;
		}
	}
	res->at = o->at_set ? o->at : cf_tz_day(w->tz, res->ckpt.at);
	tmp = cf_xasprintf("%s.tmp-XXXXXX", dir);
	if (mkdtemp(tmp) == NULL) {
		rc = cf_error_set(CF_ERROR, "cannot create '%s': %s", tmp,
		    strerror(errno));
		free(tmp);
		goto fail;
	}
	chmod(tmp, 0755);

	/* every other file is made from the copy of the records */
	path = cf_path_join(tmp, CF_PACK_RECORDS);
	if ((rc = cf_store_copy(w->env.st, path)) < 0 ||
	    (rc = cf_store_open(&copy, path, CF_STORE_UNTRUSTED)) < 0)
		goto out;
	{
		int64_t n;
		char head[CF_SHA256_HEX];
		if ((rc = cf_trail_verify(copy, &n, head)) < 0)
			goto out;
		if (n != res->ckpt.seq || strcmp(head, res->ckpt.hash) != 0) {
			rc = cf_error_set(CF_ECONFLICT,
			    "the records changed while the pack was made "
			    "(another writer); nothing was written, try again");
			goto out;
		}
	}
	free(path);
	path = cf_path_join(tmp, CF_PACK_BUNDLE);
	if ((rc = cf_bundle_write(w->repo, path, NULL)) < 0)
		goto out;
	/* the documents as the verifier reads them: main's history, with
	 * no cache, the recorded approvers from the copy's trail */
	if ((rc = cf_docindex_open_records(&idx, w->repo, copy, w->tz)) < 0)
		goto out;
	free(path);
	path = cf_path_join(tmp, CF_PACK_SIGNERS);
	if ((rc = write_signers(w->repo, res->ckpt.main, path)) < 0)
		goto out;
	free(path);
	path = cf_path_join(tmp, CF_PACK_CHECKPOINT);
	text = cf_pack_ckpt_text(&res->ckpt);
	if ((rc = cf_write_file_atomic(path, text, strlen(text))) < 0)
		goto out;
	memset(&src, 0, sizeof src);
	src.st = copy;
	src.repo = w->repo;
	src.idx = idx;
	src.tz = w->tz;
	src.tzname = o->tzname;
	src.center = w->env.center;
	src.at = res->at;
	src.ckpt = &res->ckpt;
	if ((rc = cf_evidence_reports(&src, tmp, &res->files)) < 0)
		goto out;
	res->files += 4;
	if ((rc = cf_manifest_build(tmp, &manifest)) < 0)
		goto out;
	free(path);
	path = cf_path_join(tmp, CF_PACK_MANIFEST);
	if ((rc = cf_write_file_atomic(path, manifest, strlen(manifest))) < 0)
		goto out;
	res->files++;
	if (o->key) {
		free(path);
		path = cf_path_join(tmp, CF_PACK_SIG);
		if ((rc = sign_manifest(o->key, manifest, path)) < 0)
			goto out;
		res->files++;
		res->signed_ = true;
	}
	cf_docindex_free(idx);
	idx = NULL;
	cf_store_free(copy);
	copy = NULL;
	if (rename(tmp, dir) < 0) {
		rc = cf_error_set(CF_ERROR, "cannot rename '%s' to '%s': %s",
		    tmp, dir, strerror(errno));
		goto out;
	}
out:
	cf_docindex_free(idx);
	cf_store_free(copy);
	if (rc < 0)
		cf_ev_rmtree(tmp);
	free(tmp);
	free(text);
	free(path);
	free(manifest);
	if (rc < 0)
		cf_pack_ckpt_release(&res->ckpt);
	return rc;
fail:
	cf_pack_ckpt_release(&res->ckpt);
	return rc;
}
