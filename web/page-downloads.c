/* SPDX-License-Identifier: MIT */
/*
 * page-downloads.c - GET /downloads and GET /downloads/NAME (SPEC 13).
 *
 * The files are the commands' own: `report audit` (cf_report_audit),
 * `report review` (cf_report_review) and `evidence pack`
 * (cf_evidence_pack, archived as .tar.gz by cf_evidence_pack_targz).
 * Each is written into a temporary file that is unlinked as soon as it
 * is open, so nothing is left behind whatever happens, and sent from
 * its descriptor as an attachment.  Names:
 *   audit-ID.html | .xml | .csv     the audit report
 *   review-FROM-TO.html | .xml      the management-review input
 *   review?from=&to=&format=        the form: 303 to the name above
 *   evidence.tar.gz                 the evidence pack, documents in force
 *                                   on the checkpoint's day
 *   evidence-ID.tar.gz              the same with the documents in force
 *                                   on the last day of audit ID's period
 * A pack ends at a checkpoint; a GET changes nothing, so when the last
 * checkpoint is not current the page says to write one
 * (`conform trail checkpoint`) instead of writing it.  Anything else is
 * 404.  OSCAL comes with a later issue: its row says so.
 */
#include "conform.h"
#include "auditdb.h"
#include "evidence.h"
#include "html.h"
#include "http.h"
#include "layout.h"
#include "report.h"
#include "workspace.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void
file_link(FILE *f, const char *name, const char *text)
{
	fputs("<a href=\"", f);
	cf_web_href_path(f, "/downloads/", name);
	fputs("\">", f);
	cf_html_text(f, text);
	fputs("</a>", f);
}

int
cf_web_page_downloads(struct cf_web_req *r, struct cf_web_resp *w,
    const char *arg)
{
	static const char *const cols[] = { "审核", "Audit", "检查清单",
		"Checklist", "审核期间", "Period", "审核报告", "Report",
		"证据包", "Evidence pack" };
	FILE *f = w->f;
	int64_t *ids = NULL;
	size_t n = 0;
	char from[11], to[11];
	int rc;

	(void)arg;
	if ((rc = cf_auditdb_ids(r->st, &ids, &n)) < 0)
		return rc;
	cf_web_begin(r, w, CF_NAV_DOWNLOADS, "下载", "Downloads");
	cf_web_h2(f, "审核报告", "Audit reports");
	if (n == 0) {
		fputs("<p>", f);
		cf_web_label(f, "尚无审核。", "No audit is stored yet.");
		fputs("</p>\n", f);
	} else
		cf_web_thead(f, cols, CF_ARRAY_LEN(cols));
	for (size_t i = n; i > 0 && rc == 0; i--) {
		struct cf_audit_head h;
		char name[48], buf[32];
		if ((rc = cf_auditdb_head(r->st, ids[i - 1], &h)) < 0)
			break;
		cf_day_format(h.from, from);
		cf_day_format(h.to, to);
		cf_html_tr(f);
		snprintf(buf, sizeof buf, "%" PRId64, h.id);
		fputs("<td class=\"key\"><a href=\"/audits/", f);
		fputs(buf, f);
		fputs("\">", f);
		fputs(buf, f);
		fputs("</a>", f);
		if (h.void_reason)
			fputs(" <span class=\"fail\">作废 void</span>", f);
		fputs("</td>", f);
		cf_html_td_class(f, "key", h.checklist_id);
		snprintf(name, sizeof name, "%s – %s", from, to);
		cf_html_td_class(f, "key", name);
		fputs("<td>", f);
		static const char *const ext[] = { "html", "xml", "csv" };
		for (int k = 0; k < 3; k++) {
			snprintf(name, sizeof name, "audit-%" PRId64 ".%s", h.id,
			    ext[k]);
			if (k)
				fputs(" · ", f);
			file_link(f, name, k == 0 ? "HTML" : k == 1 ? "XML" : "CSV");
		}
		fputs("</td><td>", f);
		snprintf(name, sizeof name, "evidence-%" PRId64 ".tar.gz", h.id);
		file_link(f, name, name);
		fputs("</td>", f);
		cf_html_tr_end(f);
		cf_audit_head_release(&h);
	}
	if (n)
		fputs("</tbody></table></div>\n", f);
	fputs("<p class=\"note\">", f);
	cf_web_label(f,
	    "证据包含全部审核的记录、文件和报告；按审核下载时，现行文件以该审核期末为准。",
	    "A pack holds every audit's records, documents and reports; "
	    "by audit, the documents in force are those of the audit "
	    "period's last day.");
	fputs(" ", f);
	file_link(f, "evidence.tar.gz", "evidence.tar.gz");
	fputs("</p>\n", f);

	cf_web_h2(f, "管理评审输入", "Management review");
	cf_day_format(r->today - 365 < 0 ? 0 : r->today - 365, from);
	cf_day_format(r->today, to);
	fputs("<form class=\"filters\" method=\"get\" "
	      "action=\"/downloads/review\"><label>",
	    f);
	cf_web_label(f, "起始日", "From");
	fprintf(f, "<input type=\"date\" name=\"from\" value=\"%s\" "
		   "required></label><label>",
	    from);
	cf_web_label(f, "截止日", "To");
	fprintf(f, "<input type=\"date\" name=\"to\" value=\"%s\" "
		   "required></label><label>",
	    to);
	cf_web_label(f, "格式", "Format");
	fputs("<select name=\"format\"><option value=\"html\" "
	      "selected>HTML</option><option value=\"xml\">XML</option>"
	      "</select></label><button type=\"submit\">下载 <span "
	      "class=\"en\">Download</span></button></form>\n",
	    f);

	cf_web_h2(f, "OSCAL 导出", "OSCAL exports");
	fputs("<div class=\"wide\"><table><tbody><tr><td>OSCAL</td><td>", f);
	cf_web_label(f, "暂不可用", "not yet available");
	fputs("</td></tr></tbody></table></div>\n", f);
	cf_web_end(r, w);
	free(ids);
	return rc;
}

/* ---- the files ---- */

/* A temporary file, unlinked at once: only its descriptor is left. */
static int
temp_fd(int *out)
{
	const char *tmp = getenv("TMPDIR");
	char *path = cf_xasprintf("%s/conform-download-XXXXXX",
	    tmp && *tmp ? tmp : "/tmp");
	int fd = mkstemp(path), rc = 0;

	if (fd < 0)
		rc = cf_error_set(CF_ERROR, "cannot make a temporary file: %s",
		    strerror(errno));
	else
		unlink(path);
	free(path);
	*out = fd;
	return rc;
}

/* Sends `fd` (written, at any offset) as the attachment `name`. */
static int
send_fd(struct cf_web_resp *w, int fd, const char *type, const char *name)
{
	struct stat sb;
	char *disp;

	if (fstat(fd, &sb) < 0 || lseek(fd, 0, SEEK_SET) != 0) {
		close(fd);
		return cf_error_set(CF_ERROR, "cannot read the temporary file");
	}
	w->fd = fd;
	w->fd_size = sb.st_size;
	w->type = type;
	disp = cf_xasprintf("attachment; filename=\"%s\"", name);
	cf_web_header(w, "Content-Disposition", disp);
	free(disp);
	return 0;
}

struct report_job {
	enum { JOB_AUDIT, JOB_REVIEW } kind;
	int64_t id;
	cf_day from, to;
	enum cf_report_format fmt;
};

static const char *
type_of(enum cf_report_format fmt)
{
	return fmt == CF_REPORT_HTML ? "text/html; charset=utf-8"
	    : fmt == CF_REPORT_XML   ? "application/xml; charset=utf-8"
				     : "text/csv; charset=utf-8";
}

static int
send_report(struct cf_web_req *r, struct cf_web_resp *w,
    const struct report_job *j, const char *name)
{
	struct cf_report_ws rw;
	FILE *fp = NULL;
	int fd = -1, dfd, rc;

	if ((rc = cf_report_ws_open(&rw, r->ws)) < 0)
		goto out;
	if ((rc = temp_fd(&fd)) < 0)
		goto out;
	if ((dfd = dup(fd)) < 0 || (fp = fdopen(dfd, "w")) == NULL) {
		if (dfd >= 0)
			close(dfd);
		rc = cf_error_set(CF_ERROR, "cannot write the temporary file");
		goto out;
	}
	rc = j->kind == JOB_AUDIT
	    ? cf_report_audit(fp, &rw.env, j->id, j->fmt)
	    : cf_report_review(fp, &rw.env, rw.tz, j->from, j->to, j->fmt);
	if (fclose(fp) != 0 && rc == 0)
		rc = cf_error_set(CF_ERROR, "cannot write the temporary file");
	if (rc == 0) {
		rc = send_fd(w, fd, type_of(j->fmt), name);
		fd = -1;
	}
out:
	if (fd >= 0)
		close(fd);
	cf_report_ws_close(&rw);
	return rc;
}

static int
send_pack(struct cf_web_req *r, struct cf_web_resp *w, int64_t audit,
    const char *name)
{
	struct cf_report_ws rw;
	struct cf_pack_ckpt ck = { 0 };
	struct cf_pack_result res = { 0 };
	struct cf_pack_opts o = {
		.tzname = cf_ws_config(r->ws, "timezone", CF_WS_DEFAULT_TZ),
	};
	char folder[64];
	int fd = -1, rc;

	if (audit > 0) {
		struct cf_audit_head h;
		if ((rc = cf_auditdb_head(r->st, audit, &h)) < 0)
			return rc;
		o.at_set = true;
		o.at = h.to;
		cf_audit_head_release(&h);
	}
	if ((rc = cf_report_ws_open(&rw, r->ws)) < 0)
		goto out;
	if ((rc = cf_pack_current_ckpt(&rw, false, &ck)) < 0)
		goto out;
	if (rc == 0) {
		rc = cf_error_set(CF_EINVALID,
		    "the last checkpoint does not hold the trail's head and "
		    "main's commit, and a download writes none: run 'conform "
		    "trail checkpoint' first, then download the pack again");
		goto out;
	}
	o.ckpt = &ck;
	/* the folder inside the archive: the name without .tar.gz */
	snprintf(folder, sizeof folder, "%.*s",
	    (int)(strlen(name) - strlen(".tar.gz")), name);
	if ((rc = temp_fd(&fd)) < 0 ||
	    (rc = cf_evidence_pack_targz(&rw, folder, &o, fd, &res)) < 0)
		goto out;
	rc = send_fd(w, fd, "application/gzip", name);
	fd = -1;
out:
	if (fd >= 0)
		close(fd);
	cf_pack_ckpt_release(&res.ckpt);
	cf_pack_ckpt_release(&ck);
	cf_report_ws_close(&rw);
	return rc;
}

/* "2024-01-31" at `s` (exactly ten bytes). */
static int
day_at(const char *s, const char *what, cf_day *out)
{
	if (cf_day_parse(out, s, 10) < 0)
		return cf_error_set(CF_EUSAGE, "%s '%.10s': %s", what, s,
		    cf_error_message());
	return 0;
}

/* The review form: to the file's own name. */
static int
review_form(struct cf_web_req *r, struct cf_web_resp *w)
{
	const char *from = cf_web_query(r, "from"), *to = cf_web_query(r, "to");
	const char *fmt = cf_web_query(r, "format");
	enum cf_report_format f;
	cf_day a, b;
	char loc[64];
	int rc;

	if (from == NULL || to == NULL)
		return cf_error_set(CF_EUSAGE,
		    "the review needs from=YYYY-MM-DD and to=YYYY-MM-DD");
	if (strlen(from) != 10 || strlen(to) != 10)
		return cf_error_set(CF_EUSAGE,
		    "from and to: expected dates YYYY-MM-DD");
	if ((rc = day_at(from, "from", &a)) < 0 ||
	    (rc = day_at(to, "to", &b)) < 0 ||
	    (rc = cf_report_format_parse(&f, fmt, CF_REPORT_HTML, false)) < 0)
		return rc;
	if (b < a)
		return cf_error_set(CF_EUSAGE, "to %s is before from %s", to,
		    from);
	snprintf(loc, sizeof loc, "/downloads/review-%s-%s.%s", from, to,
	    cf_report_format_name(f));
	cf_web_redirect(w, loc);
	return 0;
}

int
cf_web_page_download(struct cf_web_req *r, struct cf_web_resp *w,
    const char *arg)
{
	struct report_job j = { .kind = JOB_AUDIT };
	const char *dot = strrchr(arg, '.');
	size_t n = strlen(arg);
	int64_t id;
	int rc;

	if (strcmp(arg, "review") == 0)
		return review_form(r, w);
	if (strcmp(arg, "evidence.tar.gz") == 0)
		return send_pack(r, w, 0, arg);
	if (strncmp(arg, "evidence-", 9) == 0 && n > 16 &&
	    strcmp(arg + n - 7, ".tar.gz") == 0) {
		char *num = cf_xstrndup(arg + 9, n - 16);
		rc = cf_web_parse_id(num, &id);
		free(num);
		if (rc < 0)
			return cf_error_set(CF_ENOTFOUND, "no file '%s'", arg);
		return send_pack(r, w, id, arg);
	}
	if (dot == NULL)
		return cf_error_set(CF_ENOTFOUND, "no file '%s'", arg);
	if (strcmp(dot, ".html") == 0)
		j.fmt = CF_REPORT_HTML;
	else if (strcmp(dot, ".xml") == 0)
		j.fmt = CF_REPORT_XML;
	else if (strcmp(dot, ".csv") == 0)
		j.fmt = CF_REPORT_CSV;
	else
		return cf_error_set(CF_ENOTFOUND, "no file '%s'", arg);
	if (strncmp(arg, "audit-", 6) == 0) {
		char *num = cf_xstrndup(arg + 6, (size_t)(dot - arg) - 6);
		rc = cf_web_parse_id(num, &id);
		free(num);
		if (rc < 0)
			return cf_error_set(CF_ENOTFOUND, "no file '%s'", arg);
		{ /* a 404 page rather than a broken download */
			struct cf_audit_head h;
			if ((rc = cf_auditdb_head(r->st, id, &h)) < 0)
				return rc;
			cf_audit_head_release(&h);
		}
		j.id = id;
		return send_report(r, w, &j, arg);
	}
	/* review-YYYY-MM-DD-YYYY-MM-DD.html|xml */
	if (strncmp(arg, "review-", 7) == 0 && dot - arg == 7 + 21 &&
	    arg[17] == '-' && j.fmt != CF_REPORT_CSV) {
		j.kind = JOB_REVIEW;
		if ((rc = day_at(arg + 7, "from", &j.from)) < 0 ||
		    (rc = day_at(arg + 18, "to", &j.to)) < 0)
			return rc;
		if (j.to < j.from)
			return cf_error_set(CF_EUSAGE,
			    "the review's last day is before its first");
		return send_report(r, w, &j, arg);
	}
	return cf_error_set(CF_ENOTFOUND, "no file '%s'", arg);
}
