/* SPDX-License-Identifier: MIT */
/*
 * evidence.c - the evidence pack and its verification (see evidence.h).
 *
 * The pack is built in a temporary folder beside its destination and
 * renamed into place when every file is written and the manifest made,
 * so a pack folder is either whole or absent.  Every file is
 * deterministic for the same stored data and the same --at day: no
 * clock time is written but what the store holds.
 */
#include "conform.h"
#include "auditdb.h"
#include "csv.h"
#include "docindex.h"
#include "evidence.h"
#include "html.h"
#include "listing.h"
#include "ncr.h"
#include "paths.h"
#include "repo.h"
#include "store.h"
#include "svg.h"
#include "text.h"
#include "trail.h"

#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const subsystem_names[] = { "basic", "support",
	"provision" };
static const char *const subsystem_zh[] = { "通用基础", "保障", "提供" };

/* ---- the rates (pure) ---- */

static int
cmp_result(const void *a, const void *b)
{
	return strcmp(((const struct cf_proc_result *)a)->id,
	    ((const struct cf_proc_result *)b)->id);
}

static const struct cf_proc_result *
find_result(const struct cf_proc_result *res, size_t nr, const char *id)
{
	for (size_t i = 0; i < nr; i++)
		if (strcmp(res[i].id, id) == 0)
			return &res[i];
	return NULL;
}

static bool
applies(const struct cf_standard *s, const char *proc)
{
	for (size_t g = 0; g < s->applies_to.n; g++)
		if (cf_glob_match(s->applies_to.v[g], proc))
			return true;
	return false;
}

void
cf_pack_rates(const struct cf_inforce *procs, size_t np,
    const struct cf_inforce *stds, size_t ns, const struct cf_proc_result *res,
    size_t nr, int64_t pass, int64_t fail, struct cf_std_evidence *ev,
    struct cf_pack_rates *out)
{
	memset(out, 0, sizeof *out);
	out->procedures = (int64_t)np;
	out->standards = (int64_t)ns;
	out->pass = pass;
	out->fail = fail;
	for (size_t p = 0; p < np; p++) {
		const char *id = procs[p].doc->u.proc.id;
		for (size_t s = 0; s < ns; s++)
			if (applies(&stds[s].doc->u.std, id)) {
				out->covered++;
				break;
			}
	}
	for (size_t s = 0; s < ns; s++) {
		struct cf_std_evidence *e = &ev[s];
		memset(e, 0, sizeof *e);
		for (size_t p = 0; p < np; p++) {
			const char *id = procs[p].doc->u.proc.id;
			const struct cf_proc_result *r;
			if (!applies(&stds[s].doc->u.std, id))
				continue;
			e->procedures++;
			if ((r = find_result(res, nr, id)) != NULL) {
				e->pass += r->pass;
				e->fail += r->fail;
			}
		}
		e->implemented = e->pass + e->fail > 0;
		out->implemented += e->implemented;
	}
}

/* ---- the manifest ---- */

static int
walk(const char *root, const char *rel, struct cf_strv *files)
{
	char *path = *rel ? cf_path_join(root, rel) : cf_xstrdup(root);
	DIR *d = opendir(path);
	struct dirent *e;
	int rc = 0;

	if (d == NULL) {
		rc = cf_error_set(errno == ENOENT ? CF_ENOTFOUND : CF_ERROR,
		    "cannot read '%s': %s", path, strerror(errno));
		free(path);
		return rc;
	}
	while (rc == 0 && (e = readdir(d)) != NULL) {
		struct stat st;
		char *full, *r;
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		full = cf_path_join(path, e->d_name);
		r = *rel ? cf_xasprintf("%s/%s", rel, e->d_name)
			 : cf_xstrdup(e->d_name);
		if (lstat(full, &st) < 0)
			rc = cf_error_set(CF_ERROR, "cannot read '%s': %s",
			    full, strerror(errno));
		else if (S_ISDIR(st.st_mode))
			rc = walk(root, r, files);
		else if (S_ISREG(st.st_mode))
			cf_strv_push(files, r);
		else
			rc = cf_error_set(CF_EINVALID,
			    "%s: not a regular file or folder", r);
		free(full);
		free(r);
	}
	closedir(d);
	free(path);
	return rc;
}

int
cf_manifest_build(const char *dir, char **out)
{
	struct cf_strv files = CF_STRV_INIT;
	struct cf_buf b = CF_BUF_INIT;
	int rc;

	*out = NULL;
	if ((rc = walk(dir, "", &files)) < 0)
		goto out;
	cf_strv_sort(&files);
	for (size_t i = 0; i < files.n; i++) {
		char hex[CF_SHA256_HEX], *p;
		if (strcmp(files.v[i], CF_PACK_MANIFEST) == 0)
			continue;
		p = cf_path_join(dir, files.v[i]);
		rc = cf_sha256_file(p, hex);
		free(p);
		if (rc < 0)
			goto out;
		cf_buf_addf(&b, "%s  %s\n", hex, files.v[i]);
	}
	*out = cf_buf_detach(&b);
out:
	cf_buf_release(&b);
	cf_strv_release(&files);
	return rc;
}

static bool
is_hex(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
			(s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}

static bool
safe_path(const char *p)
{
	if (*p == '\0' || *p == '/')
		return false;
	for (const char *s = p; *s;) {
		const char *e = strchr(s, '/');
		size_t n = e ? (size_t)(e - s) : strlen(s);
		if (n == 0 || (n == 1 && s[0] == '.') ||
		    (n == 2 && s[0] == '.' && s[1] == '.'))
			return false;
		s += n + (e ? 1 : 0);
	}
	return true;
}

int
cf_manifest_parse(const char *text, size_t len, struct cf_strv *hashes,
    struct cf_strv *paths, struct cf_diags *probs)
{
	size_t pos = 0;
	int line = 0;

	while (pos < len) {
		const char *s = text + pos, *nl = memchr(s, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - s) : len - pos;
		char *path;
		pos += n + (nl ? 1 : 0);
		line++;
		if (n < 67 || !is_hex(s, 64) || s[64] != ' ' ||
		    (s[65] != ' ' && s[65] != '*')) {
			cf_diags_add(probs, CF_PACK_MANIFEST, line, 0,
			    "not a manifest line, expected 'SHA256  PATH' with "
			    "64 lower-case hex digits");
			continue;
		}
		path = cf_xstrndup(s + 66, n - 66);
		if (!safe_path(path) || memchr(path, '\0', n - 66) != NULL) {
			cf_diags_add(probs, CF_PACK_MANIFEST, line, 0,
			    "unsafe path '%s': it must stay inside the pack",
			    path);
			free(path);
			continue;
		}
		cf_strv_push_owned(hashes, cf_xstrndup(s, 64));
		cf_strv_push_owned(paths, path);
	}
	return 0;
}

/* ---- writing the pack ---- */

struct pack {
	struct cf_report_ws *w;
	char *tmp; /* the folder being built */
	cf_day at;
	int64_t *audits; /* ids of every stored audit */
	size_t naudits;
	int64_t latest;			   /* 0: no audit */
	struct cf_audit_checkrow *lchecks; /* the latest audit's checks */
	size_t nlchecks;
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
	for (size_t i = 0; i < p->nlchecks; i++)
		cf_audit_checkrow_release(&p->lchecks[i]);
	free(p->lchecks);
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

/* The latest audit's pass and fail results per procedure. */
static int
read_results(struct pack *p)
{
	struct cf_store *st = p->w->env.st;
	sqlite3_stmt *s = NULL;
	size_t alloc = 0;
	int rc;

	if (p->latest == 0)
		return 0;
	/* case checks, by the procedure version each case was judged by */
	if ((rc = cf_store_prepare(st, &s,
		 "SELECT v.document_id, sum(length(a.results) - "
		 "length(replace(a.results, 'p', ''))), sum(length(a.results) - "
		 "length(replace(a.results, 'f', ''))) FROM audit_case a JOIN "
		 "audit_version v ON v.audit_id = a.audit_id AND v.vid = a.vid "
		 "WHERE a.audit_id = ?1 GROUP BY v.document_id")) < 0)
		return rc;
	sqlite3_bind_int64(s, 1, p->latest);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		add_result(p, &alloc, (const char *)sqlite3_column_text(s, 0),
		    sqlite3_column_int64(s, 1), sqlite3_column_int64(s, 2));
	rc = rc == SQLITE_DONE ? 0 : cf_store_error(st, "reading an audit");
	sqlite3_finalize(s);
	if (rc < 0)
		return rc;
	/* the other checks' findings whose subject is a procedure */
	if ((rc = cf_store_prepare(st, &s,
		 "SELECT f.subject, sum(f.result = 'pass'), sum(f.result = "
		 "'fail') FROM finding f JOIN audit_check c ON c.audit_id = "
		 "f.audit_id AND c.pos = f.pos WHERE f.audit_id = ?1 AND c.type "
		 "NOT IN ('on-time', 'fee', 'materials', 'steps', 'roles', "
		 "'four-eyes', 'in-force') GROUP BY f.subject")) < 0)
		return rc;
	sqlite3_bind_int64(s, 1, p->latest);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *subj = (const char *)sqlite3_column_text(s, 0);
		bool is_proc = false;
		for (size_t i = 0; i < p->np && !is_proc; i++)
			is_proc = strcmp(p->procs[i].doc->u.proc.id, subj) == 0;
		if (is_proc)
			add_result(p, &alloc, subj, sqlite3_column_int64(s, 1),
			    sqlite3_column_int64(s, 2));
	}
	rc = rc == SQLITE_DONE ? 0 : cf_store_error(st, "reading an audit");
	sqlite3_finalize(s);
	if (rc == 0 && p->nres > 1)
		qsort(p->res, p->nres, sizeof *p->res, cmp_result);
	return rc;
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
	r->approver = person(r->v->approver_name, r->v->approver_email);
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
	const struct cf_proc_result *res = find_result(p->res, p->nres, pr->id);

	memset(r, 0, sizeof *r);
	r->type = "procedure";
	r->id = pr->id;
	r->title = pr->title;
	r->subsystem = "provision";
	r->v = p->procs[i].v;
	cf_day_format(pr->effective_from, r->eff);
	r->author = person(r->v->author_name, r->v->author_email);
	r->approver = person(r->v->approver_name, r->v->approver_email);
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
	struct cf_listing *l = cf_listing_new(f, CF_FORMAT_CSV, system_columns,
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

/* The three rates with their definitions, as an HTML table. */
static void
html_rates(FILE *f, const struct pack *p)
{
	static const char *const cols[] = { "指标 Rate", "值 Value",
		"计算 Counts", "定义 Definition" };
	const struct cf_pack_rates *r = &p->rates;
	char rate[32], n[64];

	cf_html_table_begin(f, cols, 4);
	cf_rate_text(r->covered, r->procedures, rate, sizeof rate);
	snprintf(n, sizeof n, "%" PRId64 " / %" PRId64, r->covered,
	    r->procedures);
	cf_html_tr(f);
	cf_html_td(f, "标准覆盖率 Coverage");
	cf_html_td_class(f, "num", rate);
	cf_html_td_class(f, "num", n);
	cf_html_td(f,
	    "procedures in force that at least one standard in "
	    "force applies to (by its applies-to globs) ÷ "
	    "procedures in force");
	cf_html_tr_end(f);
	cf_rate_text(r->implemented, r->standards, rate, sizeof rate);
	snprintf(n, sizeof n, "%" PRId64 " / %" PRId64, r->implemented,
	    r->standards);
	cf_html_tr(f);
	cf_html_td(f, "标准实施率 Implementation");
	cf_html_td_class(f, "num", rate);
	cf_html_td_class(f, "num", n);
	cf_html_td(f,
	    "standards in force with at least one judged result "
	    "(pass or fail) of the latest audit for a procedure "
	    "they apply to ÷ standards in force in the 明细表");
	cf_html_tr_end(f);
	cf_rate_text(r->pass, r->pass + r->fail, rate, sizeof rate);
	snprintf(n, sizeof n, "%" PRId64 " / %" PRId64, r->pass,
	    r->pass + r->fail);
	cf_html_tr(f);
	cf_html_td(f, "符合率 Conformity");
	cf_html_td_class(f, "num", rate);
	cf_html_td_class(f, "num", n);
	cf_html_td(f,
	    "results of the latest audit that passed ÷ results "
	    "judged (pass + fail; case checks judged the sample "
	    "when the audit was sampled)");
	cf_html_tr_end(f);
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
		    p->w->env.center ? p->w->env.center : "",
		    p->w->env.center ? " · " : "", at);
		cf_html_begin(f, "标准体系表 Standard system table", sub);
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
		cf_html_td(f, r.type);
		cf_html_td(f, r.id);
		cf_html_td(f, r.title);
		sub = cf_xasprintf("%s %s",
		    k < p->ns ? subsystem_zh[p->stds[k].doc->u.std.subsystem]
			      : subsystem_zh[2],
		    r.subsystem);
		cf_html_td(f, sub);
		free(sub);
		cf_html_td(f, r.level ? r.level : "");
		cf_html_td_class(f, "id", r.v->commit);
		cf_html_td(f, r.eff);
		cf_html_td(f, r.author);
		cf_html_td(f, r.approver ? r.approver : "(not approved)");
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
		cf_html_td(f, s->id);
		cf_html_td(f, s->title);
		cf_html_td(f, ap);
		cf_html_td_int(f, p->ev[i].procedures);
		cf_html_td_int(f, p->ev[i].pass);
		cf_html_td_int(f, p->ev[i].fail);
		cf_html_td_class(f, "num", rate);
		cf_html_td_class(f, p->ev[i].implemented ? "pass" : "fail",
		    p->ev[i].implemented ? "yes" : "no");
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

	return cf_report_audit(f, &j->p->w->env, j->audit, j->fmt);
}

static const struct cf_column ncr_columns[] = {
	{ "ncr", CF_COL_TEXT },
	{ "checklist", CF_COL_TEXT },
	{ "check", CF_COL_TEXT },
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

	if ((rc = cf_ncr_list(p->w->env.st, &v, &n)) < 0)
		return rc;
	l = cf_listing_new(f, CF_FORMAT_CSV, ncr_columns,
	    CF_ARRAY_LEN(ncr_columns));
	for (size_t i = 0; i < n; i++) {
		const struct cf_ncr *c = &v[i];
		char name[32], rec[32], d[11], t[48];
		struct cf_time tm = { c->opened_at, 0,
			cf_tz_offset(p->w->tz, c->opened_at), true };
		cf_listing_row(l);
		cf_ncr_name(c->number, name, sizeof name);
		cf_listing_cell(l, name);
		cf_listing_cell(l, c->checklist_id);
		cf_listing_cell(l, c->check_id);
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
	int rc = cf_trail_each(p->w->env.st, trail_row, l);

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
		    p->w->env.center ? p->w->env.center : "",
		    p->w->env.center ? " · " : "", at);
		cf_html_begin(f, "证据包 Evidence pack", sub);
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
	html_link(f, CF_PACK_MANIFEST, "MANIFEST.sha256");
	fputs(": the SHA-256 of every file</li>\n</ul>\n", f);
	cf_html_section_end(f);

	cf_html_section(f, "rates", "2 标准化指标 Rates", 0);
	html_rates(f, p);
	cf_html_section_end(f);

	cf_html_section(f, "audits", "3 审核报告 Audit reports", 0);
	if (p->naudits == 0)
		cf_html_note(f, "No audit is stored.");
	else {
		static const char *const cols[] = { "审核 Audit",
			"检查表 Checklist", "审核期间 Period", "结论 Overall",
			"报告 Reports" };
		cf_html_table_begin(f, cols, 5);
		for (size_t i = 0; i < p->naudits; i++) {
			struct cf_audit_head h;
			struct cf_audit_checkrow *c = NULL;
			struct cf_audit_conclusion cc;
			size_t n = 0;
			char from[11], to[11], s[64];
			int rc;
			if ((rc = cf_auditdb_head(p->w->env.st, p->audits[i],
				 &h)) < 0)
				return rc;
			if ((rc = cf_auditdb_checks(p->w->env.st, h.id, &c,
				 &n)) < 0) {
				cf_audit_head_release(&h);
				return rc;
			}
			cf_audit_conclude(c, n, &cc);
			cf_day_format(h.from, from);
			cf_day_format(h.to, to);
			cf_html_tr(f);
			cf_html_td_int(f, h.id);
			cf_html_td(f,
			    h.checklist_title ? h.checklist_title
					      : h.checklist_id);
			snprintf(s, sizeof s, "%s – %s", from, to);
			cf_html_td(f, s);
			cf_html_td(f, cc.overall);
			fputs("<td>", f);
			snprintf(s, sizeof s, "audits/audit-%04" PRId64 ".html",
			    h.id);
			html_link(f, s, "HTML");
			fputs(" · ", f);
			snprintf(s, sizeof s, "audits/audit-%04" PRId64 ".xml",
			    h.id);
			html_link(f, s, "XML");
			fputs("</td>", f);
			cf_html_tr_end(f);
			for (size_t k = 0; k < n; k++)
				cf_audit_checkrow_release(&c[k]);
			free(c);
			cf_audit_head_release(&h);
		}
		cf_html_table_end(f);
	}
	cf_html_section_end(f);

	cf_html_section(f, "verify", "4 核验 Verification", 0);
	cf_html_p(f,
	    "Inside the workspace, 'conform evidence verify DIR' "
	    "recomputes the SHA-256 of every file against "
	    "MANIFEST.sha256, names any file missing from it or not "
	    "listed in it, checks that every commit in COMMITS exists "
	    "in the history of main, and re-verifies the trail's hash "
	    "chain against the workspace's own trail.  Without "
	    "conform, 'sha256sum -c MANIFEST.sha256' checks the "
	    "hashes.");
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
	struct cf_strv uniq = CF_STRV_INIT;
	sqlite3_stmt *s;
	int rc;

	add_commit(p, cf_docindex_head(p->w->idx));
	for (size_t i = 0; i < p->np; i++)
		add_commit(p, p->procs[i].v->commit);
	for (size_t i = 0; i < p->ns; i++)
		add_commit(p, p->stds[i].v->commit);
	if ((rc = cf_store_prepare(p->w->env.st, &s,
		 "SELECT documents_commit FROM audit UNION SELECT "
		 "checklist_commit FROM audit UNION SELECT commit_id FROM "
		 "audit_version")) < 0)
		return rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		add_commit(p, (const char *)sqlite3_column_text(s, 0));
	rc = rc == SQLITE_DONE
	    ? 0
	    : cf_store_error(p->w->env.st, "reading the audits");
	sqlite3_finalize(s);
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

int
cf_evidence_pack(struct cf_report_ws *w, const char *dir, cf_day at,
    size_t *files)
{
	struct pack p;
	char *manifest = NULL, *audits_dir = NULL, *mpath = NULL;
	int rc;

	memset(&p, 0, sizeof p);
	p.w = w;
	p.at = at;
	if (cf_path_exists(dir) && !(cf_path_is_dir(dir) && empty_dir(dir)))
		return cf_error_set(CF_EEXISTS,
		    "'%s' exists and is not an empty folder; an evidence pack "
		    "goes into a new folder",
		    dir);
	{
		char *t = cf_xasprintf("%s.tmp-XXXXXX", dir);
		if (mkdtemp(t) == NULL) {
			rc = cf_error_set(CF_ERROR, "cannot create '%s': %s", t,
			    strerror(errno));
			free(t);
			return rc;
		}
		p.tmp = t;
	}
	chmod(p.tmp, 0755);
	if ((rc = cf_auditdb_ids(w->env.st, &p.audits, &p.naudits)) < 0)
		goto out;
	if (p.naudits) {
		p.latest = p.audits[p.naudits - 1];
		if ((rc = cf_auditdb_checks(w->env.st, p.latest, &p.lchecks,
			 &p.nlchecks)) < 0)
			goto out;
		cf_audit_conclude(p.lchecks, p.nlchecks, &p.lconcl);
	}
	if ((rc = cf_report_in_force(w->idx, CF_DOC_PROCEDURE, at, &p.procs,
		 &p.np, &p.pinvalid)) < 0 ||
	    (rc = cf_report_in_force(w->idx, CF_DOC_STANDARD, at, &p.stds,
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
		struct file_job j = { &p, p.audits[i], CF_REPORT_HTML };
		char name[64];
		snprintf(name, sizeof name, "audits/audit-%04" PRId64 ".html",
		    p.audits[i]);
		if ((rc = pack_file(&p, name, write_audit, &j)) < 0)
			break;
		j.fmt = CF_REPORT_XML;
		snprintf(name, sizeof name, "audits/audit-%04" PRId64 ".xml",
		    p.audits[i]);
		rc = pack_file(&p, name, write_audit, &j);
	}
	if (rc < 0 ||
	    (rc = pack_file(&p, "standard-system.csv", write_system_csv, &p)) <
		0 ||
	    (rc = pack_file(&p, "standard-system.html", write_system_html,
		 &p)) < 0 ||
	    (rc = pack_file(&p, "ncr-register.csv", write_ncrs, &p)) < 0 ||
	    (rc = pack_file(&p, CF_PACK_TRAIL, write_trail, &p)) < 0 ||
	    (rc = pack_file(&p, CF_PACK_COMMITS, write_commits, &p)) < 0 ||
	    (rc = pack_file(&p, "index.html", write_index, &p)) < 0)
		goto out;
	if ((rc = cf_manifest_build(p.tmp, &manifest)) < 0)
		goto out;
	mpath = cf_path_join(p.tmp, CF_PACK_MANIFEST);
	if ((rc = cf_write_file_atomic(mpath, manifest, strlen(manifest))) < 0)
		goto out;
	p.files++;
	if (rename(p.tmp, dir) < 0) {
		rc = cf_error_set(CF_ERROR, "cannot rename '%s' to '%s': %s",
		    p.tmp, dir, strerror(errno));
		goto out;
	}
	if (files)
		*files = p.files;
out:
	if (rc < 0 && p.tmp)
		nftw(p.tmp, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(mpath);
	free(manifest);
	free(audits_dir);
	pack_release(&p);
	return rc;
}

/* ---- verifying a pack ---- */

static void
verify_commits(const char *dir, struct cf_repo *repo, struct cf_diags *probs,
    size_t *count)
{
	char *path = cf_path_join(dir, CF_PACK_COMMITS), *buf = NULL;
	git_repository *g = cf_repo_git(repo);
	char headhex[CF_OID_HEX];
	git_oid head;
	bool have_head = false;
	size_t len, pos = 0;
	int line = 0;

	if (cf_read_file(path, 1 << 24, &buf, &len) < 0) {
		cf_error_clear();
		cf_diags_add(probs, CF_PACK_COMMITS, 0, 0,
		    "missing: the pack names no commit");
		free(path);
		return;
	}
	if (cf_repo_head(repo, headhex) == 0 &&
	    git_oid_fromstr(&head, headhex) == 0)
		have_head = true;
	else
		cf_error_clear();
	while (pos < len) {
		const char *s = buf + pos, *nl = memchr(s, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - s) : len - pos;
		git_oid oid;
		git_commit *c = NULL;
		char hex[41];
		pos += n + (nl ? 1 : 0);
		line++;
		if (n != 40 || !is_hex(s, 40)) {
			cf_diags_add(probs, CF_PACK_COMMITS, line, 0,
			    "not a commit id, expected 40 lower-case hex "
			    "digits");
			continue;
		}
		memcpy(hex, s, 40);
		hex[40] = '\0';
		(*count)++;
		if (git_oid_fromstr(&oid, hex) < 0 ||
		    git_commit_lookup(&c, g, &oid) < 0) {
			cf_diags_add(probs, CF_PACK_COMMITS, line, 0,
			    "commit %s does not exist in the workspace's "
			    "repository",
			    hex);
			continue;
		}
		git_commit_free(c);
		if (!have_head ||
		    (!git_oid_equal(&head, &oid) &&
			git_graph_descendant_of(g, &head, &oid) != 1))
			cf_diags_add(probs, CF_PACK_COMMITS, line, 0,
			    "commit %s is not in the history of main", hex);
	}
	free(buf);
	free(path);
}

static bool
parse_int(const char *s, int64_t *out)
{
	char *end;
	long long v;

	if (*s == '\0')
		return false;
	v = strtoll(s, &end, 10);
	*out = v;
	return *end == '\0';
}

static void
verify_trail(const char *dir, struct cf_store *st, struct cf_diags *probs,
    int64_t *entries)
{
	static const char *const header[] = { "seq", "at", "actor", "what",
		"subject", "data", "prev", "hash" };
	char *path = cf_path_join(dir, CF_PACK_TRAIL);
	char prev[CF_SHA256_HEX];
	struct cf_csv *c = NULL;
	sqlite3_stmt *q = NULL;
	int64_t expect = 1;
	int rc;

	memcpy(prev, cf_trail_zero_hash, CF_SHA256_HEX);
	if (cf_csv_open(&c, path) < 0) {
		cf_error_clear();
		cf_diags_add(probs, CF_PACK_TRAIL, 0, 0,
		    "missing: the pack holds no trail");
		goto out;
	}
	if ((rc = cf_csv_next(c)) != 1 || cf_csv_count(c) != 8) {
		cf_diags_add(probs, CF_PACK_TRAIL, 1, 0,
		    "expected the header seq,at,actor,what,subject,data,prev,"
		    "hash");
		goto out;
	}
	for (size_t i = 0; i < 8; i++)
		if (strcmp(cf_csv_value(c, i, NULL), header[i]) != 0) {
			cf_diags_add(probs, CF_PACK_TRAIL, 1, 0,
			    "expected the header seq,at,actor,what,subject,"
			    "data,prev,hash");
			goto out;
		}
	if (cf_store_prepare(st, &q, "SELECT hash FROM trail WHERE seq = ?1") <
	    0) {
		cf_diags_add(probs, CF_PACK_TRAIL, 0, 0,
		    "the workspace's trail cannot be read: %s",
		    cf_error_message());
		goto out;
	}
	while ((rc = cf_csv_next(c)) == 1) {
		const char *v[8];
		int64_t seq, at;
		char want[CF_SHA256_HEX];
		int line = cf_csv_line(c);
		if (cf_csv_count(c) != 8) {
			cf_diags_add(probs, CF_PACK_TRAIL, line, 0,
			    "expected 8 fields, found %zu", cf_csv_count(c));
			goto out;
		}
		for (size_t i = 0; i < 8; i++)
			v[i] = cf_csv_value(c, i, NULL);
		if (!parse_int(v[0], &seq) || !parse_int(v[1], &at)) {
			cf_diags_add(probs, CF_PACK_TRAIL, line, 0,
			    "seq and at must be integers");
			goto out;
		}
		if (seq != expect) {
			cf_diags_add(probs, CF_PACK_TRAIL, line, 0,
			    "entry %" PRId64 " where entry %" PRId64
			    " was expected: entries were deleted, inserted or "
			    "reordered",
			    seq, expect);
			goto out;
		}
		if (strlen(v[6]) != 64 || !is_hex(v[6], 64) ||
		    strcmp(v[6], prev) != 0) {
			cf_diags_add(probs, CF_PACK_TRAIL, line, 0,
			    "entry %" PRId64 " does not follow the entry "
			    "before it",
			    seq);
			goto out;
		}
		if (cf_trail_entry_hash(prev, seq, at, v[2], v[3], v[4], v[5],
			want) < 0 ||
		    strcmp(want, v[7]) != 0) {
			cf_diags_add(probs, CF_PACK_TRAIL, line, 0,
			    "entry %" PRId64 " (%s %s) was edited: its hash "
			    "does not match its contents",
			    seq, v[3], v[4]);
			goto out;
		}
		sqlite3_reset(q);
		sqlite3_bind_int64(q, 1, seq);
		rc = sqlite3_step(q);
		if (rc != SQLITE_ROW) {
			cf_diags_add(probs, CF_PACK_TRAIL, line, 0,
			    "entry %" PRId64 " is not in the workspace's trail",
			    seq);
			goto out;
		}
		if (strcmp((const char *)sqlite3_column_text(q, 0), want) !=
		    0) {
			cf_diags_add(probs, CF_PACK_TRAIL, line, 0,
			    "entry %" PRId64 " differs from the workspace's "
			    "trail",
			    seq);
			goto out;
		}
		memcpy(prev, want, CF_SHA256_HEX);
		(*entries)++;
		expect++;
	}
	if (rc < 0)
		cf_diags_add(probs, CF_PACK_TRAIL, cf_csv_line(c), 0, "%s",
		    cf_error_message());
out:
	sqlite3_finalize(q);
	cf_csv_free(c);
	free(path);
}

int
cf_evidence_verify(const char *dir, struct cf_repo *repo, struct cf_store *st,
    struct cf_diags *probs, size_t *files, size_t *commits, int64_t *entries)
{
	struct cf_strv have = CF_STRV_INIT, hashes = CF_STRV_INIT,
		       paths = CF_STRV_INIT;
	char *mpath = NULL, *buf = NULL;
	size_t len;
	int rc;

	*files = *commits = 0;
	*entries = 0;
	if (!cf_path_is_dir(dir))
		return cf_error_set(CF_ENOTFOUND, "'%s' is not a folder", dir);
	if ((rc = walk(dir, "", &have)) < 0) {
		if (rc != CF_EINVALID)
			goto out;
		cf_diags_add(probs, NULL, 0, 0, "%s", cf_error_message());
		cf_error_clear();
		rc = 0;
	}
	cf_strv_sort(&have);
	mpath = cf_path_join(dir, CF_PACK_MANIFEST);
	if (cf_read_file(mpath, 1 << 26, &buf, &len) < 0) {
		cf_error_clear();
		cf_diags_add(probs, CF_PACK_MANIFEST, 0, 0,
		    "missing: nothing in the pack can be checked");
	} else
		cf_manifest_parse(buf, len, &hashes, &paths, probs);
	for (size_t i = 0; i < paths.n; i++) {
		bool found = false, dup = false;
		char hex[CF_SHA256_HEX], *p;
		for (size_t k = 0; k < i && !dup; k++)
			dup = strcmp(paths.v[k], paths.v[i]) == 0;
		if (dup) {
			cf_diags_add(probs, paths.v[i], 0, 0,
			    "listed twice in the manifest");
			continue;
		}
		for (size_t k = 0; k < have.n && !found; k++)
			found = strcmp(have.v[k], paths.v[i]) == 0;
		if (!found || strcmp(paths.v[i], CF_PACK_MANIFEST) == 0) {
			cf_diags_add(probs, paths.v[i], 0, 0,
			    found ? "the manifest cannot list itself"
				  : "missing: listed in the manifest but not "
				    "in the pack");
			continue;
		}
		p = cf_path_join(dir, paths.v[i]);
		rc = cf_sha256_file(p, hex);
		free(p);
		if (rc < 0) {
			cf_diags_add(probs, paths.v[i], 0, 0, "%s",
			    cf_error_message());
			cf_error_clear();
			rc = 0;
			continue;
		}
		(*files)++;
		if (strcmp(hex, hashes.v[i]) != 0)
			cf_diags_add(probs, paths.v[i], 0, 0,
			    "changed: its SHA-256 is %s, the manifest says %s",
			    hex, hashes.v[i]);
	}
	if (buf) {
		for (size_t k = 0; k < have.n; k++) {
			bool listed = strcmp(have.v[k], CF_PACK_MANIFEST) == 0;
			for (size_t i = 0; i < paths.n && !listed; i++)
				listed = strcmp(have.v[k], paths.v[i]) == 0;
			if (!listed)
				cf_diags_add(probs, have.v[k], 0, 0,
				    "not listed in the manifest");
		}
	}
	verify_commits(dir, repo, probs, commits);
	verify_trail(dir, st, probs, entries);
out:
	free(buf);
	free(mpath);
	cf_strv_release(&have);
	cf_strv_release(&hashes);
	cf_strv_release(&paths);
	return rc;
}
