/* SPDX-License-Identifier: MIT */
/*
 * check_report.c - the reports (reports/report-*.c, html.c, inforce.c)
 * and the evidence pack's pure parts (reports/evidence.c):
 *   - conclusions from counts per check, months of a period;
 *   - the three rates of the pack and the evidence per standard;
 *   - the manifest: sorted, sha256sum's format, bad lines refused;
 *   - an audit stored through audits/auditdb.c reported as XML that
 *     validates against the shipped schema (core/xml.h) and keeps
 *     Chinese text and markup-like details intact, and as HTML that
 *     escapes them, lists only fail and error findings and is the same
 *     bytes twice; the review's XML validates against its schema;
 *   - the trail's exposed entry hash is the one the store wrote;
 *   - the detail patterns the HTML groups findings by, and the labels.
 */
#include "conform.h"
#include "auditdb.h"
#include "check_suites.h"
#include "check_util.h"
#include "evidence.h"
#include "html.h"
#include "labels.h"
#include "ncr.h"
#include "paths.h"
#include "report.h"
#include "report-audit-impl.h" /* cf_ra_detail_pattern */
#include "store.h"
#include "trail.h"
#include "xml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct cf_store *st;

static void
setup(void)
{
	tmp_setup();
	ck_assert_int_eq(cf_store_open(&st, tmp_path("r.db"), CF_STORE_CREATE),
	    0);
}

static void
teardown(void)
{
	cf_store_free(st);
	tmp_teardown();
}

static struct cf_audit_checkrow
row(const char *id, const char *type, const char *sev, int p, int f, int na,
    int e)
{
	struct cf_audit_checkrow r = { 0 };

	r.check_id = (char *)id;
	r.type = (char *)type;
	r.severity = (char *)sev;
	r.clause = (char *)"8.5.1";
	r.n[CF_RESULT_PASS] = p;
	r.n[CF_RESULT_FAIL] = f;
	r.n[CF_RESULT_NA] = na;
	r.n[CF_RESULT_ERROR] = e;
	return r;
}

START_TEST(test_conclude)
{
	struct cf_audit_checkrow c[4];
	struct cf_audit_conclusion k;

	c[0] = row("T1", "on-time", "minor", 10, 3, 1, 1);
	c[1] = row("T6", "four-eyes", "major", 10, 0, 3, 1);
	c[2] = row("D1", "review-current", "observation", 1, 1, 0, 0);
	c[3] = row("T2", "fee", "minor", 11, 2, 2, 0);
	cf_audit_conclude(c, 4, &k);
	ck_assert_int_eq(k.major, 0);
	ck_assert_int_eq(k.minor, 2);
	ck_assert_int_eq(k.minor_subjects, 5);
	ck_assert_int_eq(k.observations, 1);
	ck_assert_int_eq(k.errors, 2);
	ck_assert_int_eq(k.pass, 32);
	ck_assert_int_eq(k.fail, 6);
	ck_assert_str_eq(k.overall, "minor-nonconformity");
	c[1].n[CF_RESULT_FAIL] = 1;
	cf_audit_conclude(c, 4, &k);
	ck_assert_int_eq(k.major, 1);
	ck_assert_str_eq(k.overall, "major-nonconformity");
	c[0].n[CF_RESULT_FAIL] = c[1].n[CF_RESULT_FAIL] = 0;
	c[3].n[CF_RESULT_FAIL] = 0;
	cf_audit_conclude(c, 4, &k);
	ck_assert_str_eq(k.overall, "conforming"); /* an observation only */
	cf_audit_conclude(NULL, 0, &k);
	ck_assert_str_eq(k.overall, "conforming");
}
END_TEST

START_TEST(test_months)
{
	cf_day from = cf_day_from_ymd(2025, 11, 15), first, last;
	char l[8];

	ck_assert_int_eq(cf_month_count(from, cf_day_from_ymd(2026, 3, 1)), 5);
	ck_assert_int_eq(cf_month_count(from, from), 1);
	ck_assert_int_eq(cf_month_count(from, from - 1), 0);
	cf_month_bounds(from, 0, &first, &last);
	ck_assert_int_eq(first, cf_day_from_ymd(2025, 11, 1));
	ck_assert_int_eq(last, cf_day_from_ymd(2025, 11, 30));
	cf_month_bounds(from, 1, &first, &last); /* December: year end */
	ck_assert_int_eq(last, cf_day_from_ymd(2025, 12, 31));
	cf_month_bounds(from, 3, &first, &last); /* February 2026 */
	ck_assert_int_eq(first, cf_day_from_ymd(2026, 2, 1));
	ck_assert_int_eq(last, cf_day_from_ymd(2026, 2, 28));
	cf_month_bounds(cf_day_from_ymd(2024, 1, 31), 1, &first, &last);
	ck_assert_int_eq(last, cf_day_from_ymd(2024, 2, 29)); /* leap */
	cf_month_label(first, l);
	ck_assert_str_eq(l, "2024-02");
}
END_TEST

static const struct cf_doc *
parse(const char *path, const char *xml)
{
	struct cf_doc *doc = NULL;
	struct cf_diags d = CF_DIAGS_INIT;

	ck_assert_msg(cf_doc_parse(&doc, xml, strlen(xml), path, &d) == 0, "%s",
	    d.n ? d.v[0].msg : cf_error_message());
	return doc;
}

static const char *
proc_xml(const char *id, const char *kind, int stat, int comm)
{
	static char b[4][1024];
	static int k;
	char *s = b[k++ % 4];

	snprintf(s, 1024,
	    "<procedure id=\"%s\" kind=\"%s\"><title>事项%s</title>"
	    "<effective-from>2026-01-01</effective-from>"
	    "<time-limit statutory=\"%d\" committed=\"%d\" "
	    "unit=\"working-day\"/>"
	    "<steps><step id=\"accept\"/></steps></procedure>",
	    id, kind, id, stat, comm);
	return s;
}

START_TEST(test_rates)
{
	struct cf_inforce procs[3], stds[2];
	struct cf_std_evidence ev[2];
	struct cf_pack_rates r;
	struct cf_proc_kpi kpi;
	const struct cf_proc_result res[] = { { "P-A-001", 3, 1 },
		{ "P-X-009", 5, 5 } };

	procs[0].doc = parse("procedures/P-A-001.xml",
	    proc_xml("P-A-001", "commitment", 20, 5));
	procs[1].doc = parse("procedures/P-A-002.xml",
	    proc_xml("P-A-002", "commitment", 10, 5));
	procs[2].doc = parse("procedures/P-B-001.xml",
	    proc_xml("P-B-001", "on-the-spot", 1, 0));
	stds[0].doc = parse("standards/Q_A.xml",
	    "<standard id=\"Q/A\" subsystem=\"provision\"><title>窗口</title>"
	    "<effective-from>2026-01-01</effective-from>"
	    "<applies-to procedures=\"P-A-*\"/></standard>");
	stds[1].doc = parse("standards/Q_Z.xml",
	    "<standard id=\"Q/Z\" subsystem=\"basic\"><title>基础</title>"
	    "<effective-from>2026-01-01</effective-from>"
	    "<applies-to procedures=\"P-Z-*\"/></standard>");
	cf_pack_rates(procs, 3, stds, 2, res, 2, 79, 14, ev, &r);
	ck_assert_int_eq(r.procedures, 3);
	ck_assert_int_eq(r.covered, 2); /* P-A-001 and P-A-002 */
	ck_assert_int_eq(r.standards, 2);
	ck_assert_int_eq(r.implemented, 1); /* Q/Z has no record */
	ck_assert_int_eq(r.pass, 79);
	ck_assert_int_eq(r.fail, 14);
	ck_assert_int_eq(ev[0].procedures, 2);
	ck_assert_int_eq(ev[0].pass, 3); /* P-X-009 is in force nowhere */
	ck_assert_int_eq(ev[0].fail, 1);
	ck_assert(ev[0].implemented);
	ck_assert_int_eq(ev[1].procedures, 0);
	ck_assert(!ev[1].implemented);

	cf_proc_kpis(procs, 3, &kpi);
	ck_assert_int_eq(kpi.in_force, 3);
	ck_assert_int_eq(kpi.on_the_spot, 1);
	ck_assert_int_eq(kpi.with_limits, 2);
	ck_assert_int_eq(kpi.statutory, 30);
	ck_assert_int_eq(kpi.committed, 10);
	for (int i = 0; i < 3; i++)
		cf_doc_free((struct cf_doc *)procs[i].doc);
	for (int i = 0; i < 2; i++)
		cf_doc_free((struct cf_doc *)stds[i].doc);
}
END_TEST

START_TEST(test_manifest)
{
	struct cf_strv h = CF_STRV_INIT, p = CF_STRV_INIT;
	struct cf_diags d = CF_DIAGS_INIT;
	char *m = NULL, *want = NULL;
	size_t len;

	write_file(tmp_path("pack/b.txt"), "二\n");
	write_file(tmp_path("pack/a/z.csv"), "x,y\n");
	write_file(tmp_path("pack/A.html"), "<p>");
	write_file(tmp_path("pack/MANIFEST.sha256"), "old\n");
	ck_assert_int_eq(cf_manifest_build(tmp_path("pack"), &m), 0);
	/* sha256sum's own output, in byte order of the paths */
	ck_assert_int_eq(run("cd '%s' && LC_ALL=C sha256sum A.html a/z.csv "
			     "b.txt >'%s'",
			     tmp_path("pack"), tmp_path("want")),
	    0);
	ck_assert_int_eq(cf_read_file(tmp_path("want"), 1 << 20, &want, &len),
	    0);
	ck_assert_str_eq(m, want);
	ck_assert_int_eq(cf_manifest_parse(m, strlen(m), &h, &p, &d), 0);
	ck_assert_uint_eq(d.n, 0);
	ck_assert_uint_eq(p.n, 3);
	ck_assert_str_eq(p.v[1], "a/z.csv");
	free(m);
	m = cf_xstrdup(
	    "0123456789abcdef0123456789abcdef0123456789abcdef0123456789"
	    "abcdef  ../etc/passwd\n"
	    "0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789"
	    "abcdef  upper.txt\n"
	    "junk\n"
	    "0123456789abcdef0123456789abcdef0123456789abcdef0123456789"
	    "abcdef *ok.txt\n");
	ck_assert_int_eq(cf_manifest_parse(m, strlen(m), &h, &p, &d), 0);
	ck_assert_uint_eq(d.n, 3);
	ck_assert_int_eq(d.v[0].line, 1);
	ck_assert(strstr(d.v[0].msg, "unsafe path '../etc/passwd'"));
	ck_assert_int_eq(d.v[1].line, 2);
	ck_assert_int_eq(d.v[2].line, 3);
	ck_assert_str_eq(p.v[p.n - 1], "ok.txt");
	write_file(tmp_path("pack2/x"), "1");
	ck_assert_int_eq(run("ln -s x '%s'", tmp_path("pack2/link")), 0);
	free(m);
	ck_assert_int_eq(cf_manifest_build(tmp_path("pack2"), &m), CF_EINVALID);
	free(m);
	free(want);
	cf_strv_release(&h);
	cf_strv_release(&p);
	cf_diags_release(&d);
}
END_TEST

START_TEST(test_html_escape)
{
	FILE *f = fopen(tmp_path("e.html"), "w");
	char *s;
	size_t n;

	ck_assert_ptr_nonnull(f);
	cf_html_text(f, "<script>alert('x') & \"y\"</script>企业\x01");
	fclose(f);
	ck_assert_int_eq(cf_read_file(tmp_path("e.html"), 1 << 20, &s, &n), 0);
	ck_assert_str_eq(s,
	    "&lt;script&gt;alert(&#39;x&#39;) &amp; "
	    "&quot;y&quot;&lt;/script&gt;企业\\x01");
	free(s);
}
END_TEST

/* An audit of 3 cases stored as audit run stores one. */
static int64_t
store_audit(void)
{
	struct cf_audit_head h = { 0 };
	struct cf_audit_checkrow r;
	char cl[] = "CL-X", title[] = "第一季度内部审核", scope[] = "P-*",
	     actor[] = "审核员 王五", tz[] = "Asia/Shanghai";

	h.checklist_id = cl;
	h.checklist_title = title;
	h.scope = scope;
	h.actor = actor;
	h.timezone = tz;
	memset(h.checklist_commit, 'a', 40);
	memset(h.documents_commit, 'b', 40);
	h.from = cf_day_from_ymd(2026, 1, 1);
	h.to = cf_day_from_ymd(2026, 3, 31);
	h.population = 3;
	h.started_at = 1775005200; /* 2026-04-01 09:00 +08:00 */
	h.finished_at = 1775005260;
	ck_assert_int_eq(cf_store_begin(st), 0);
	ck_assert_int_eq(cf_auditdb_insert(st, &h), 0);
	ck_assert_int_eq(cf_auditdb_batch(st, h.id,
			     "9f282d3d3c2888453c5353cd43446da4b2b1f1a1f0b8e523d"
			     "2297fc4d9ecbb96",
			     "cases.csv"),
	    0);
	ck_assert_int_eq(cf_auditdb_version(st, h.id, 0, "P-A-001",
			     "cccccccccccccccccccccccccccccccccccccccc"),
	    0);
	r = row("T1", "on-time", "minor", 2, 1, 0, 0);
	r.title = (char *)"按时办结";
	ck_assert_int_eq(cf_auditdb_check(st, h.id, &r), 0);
	r = row("D1", "guide-complete", "major", 0, 1, 0, 0);
	r.pos = 1;
	ck_assert_int_eq(cf_auditdb_check(st, h.id, &r), 0);
	ck_assert_int_eq(cf_auditdb_case(st, h.id, "K001", 0, "p-"), 0);
	ck_assert_int_eq(cf_auditdb_case(st, h.id, "K002", 0, "p-"), 0);
	ck_assert_int_eq(cf_auditdb_case(st, h.id, "K003", 0, "f-"), 0);
	ck_assert_int_eq(cf_auditdb_finding(st, h.id, 0, "K003", CF_RESULT_FAIL,
			     0, "completed <late> & \"after\" 期限"),
	    0);
	ck_assert_int_eq(cf_auditdb_finding(st, h.id, 1, "P-A-001",
			     CF_RESULT_FAIL, 0, "missing: legal-basis"),
	    0);
	ck_assert_int_eq(cf_ncr_record_audit(st, h.id, h.finished_at, "审核员",
			     NULL),
	    0);
	ck_assert_int_eq(cf_store_commit(st), 0);
	return h.id;
}

static void
render(int64_t id, enum cf_report_format fmt, const char *path)
{
	struct cf_report_env env = { .st = st, .center = "东方县政务服务中心" };
	FILE *f = fopen(path, "w");

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(cf_report_audit(f, &env, id, fmt), 0);
	ck_assert_int_eq(fclose(f), 0);
}

static void
assert_valid(const char *file, const char *schema)
{
	struct cf_diags d = CF_DIAGS_INIT;
	struct cf_schema *s = NULL;
	char *path = cf_data_path(CF_DATA_REPORT_SCHEMAS, schema);
	xmlDoc *doc = NULL;

	ck_assert_msg(cf_schema_load(&s, path) == 0, "%s", cf_error_message());
	ck_assert_msg(cf_xml_parse_file(&doc, file, NULL, &d) == 0, "%s",
	    d.n ? d.v[0].msg : "");
	ck_assert_msg(cf_schema_validate(s, doc, file, &d) == 0, "%s",
	    d.n ? d.v[0].msg : "");
	xmlFreeDoc(doc);
	cf_schema_free(s);
	free(path);
}

static char *
slurp(const char *path)
{
	char *s;
	size_t n;

	ck_assert_int_eq(cf_read_file(path, 1 << 24, &s, &n), 0);
	return s;
}

START_TEST(test_audit_xml)
{
	int64_t id = store_audit();
	char *s;

	render(id, CF_REPORT_XML, tmp_path("a.xml"));
	assert_valid(tmp_path("a.xml"), "report-audit.rng");
	s = slurp(tmp_path("a.xml"));
	ck_assert(strstr(s, "<auditee>东方县政务服务中心</auditee>"));
	ck_assert(strstr(s, "title=\"第一季度内部审核\""));
	ck_assert(strstr(s, "<auditor>审核员 王五</auditor>"));
	ck_assert(strstr(s, "started=\"2026-04-01T09:00:00+08:00\""));
	ck_assert(strstr(s,
	    "pass=\"2\" fail=\"1\" na=\"0\" error=\"0\" "
	    "conformity=\"66.7\""));
	ck_assert(
	    strstr(s, "completed &lt;late&gt; &amp; &quot;after&quot; 期限"));
	/* passes are rebuilt from the case rows: every finding is listed */
	ck_assert(strstr(s, "subject=\"K001\" result=\"pass\""));
	ck_assert(
	    strstr(s, "<month month=\"2026-01\" pass=\"0\" fail=\"0\"/>"));
	ck_assert(strstr(s,
	    "overall=\"major-nonconformity\" major=\"1\" "
	    "minor=\"1\""));
	ck_assert(strstr(s, "this-audit=\"raised\""));
	free(s);
}
END_TEST

START_TEST(test_audit_html)
{
	int64_t id = store_audit();
	char *a, *b;

	render(id, CF_REPORT_HTML, tmp_path("a.html"));
	render(id, CF_REPORT_HTML, tmp_path("b.html"));
	a = slurp(tmp_path("a.html"));
	b = slurp(tmp_path("b.html"));
	ck_assert_str_eq(a, b); /* the same bytes for the same data */
	ck_assert(strstr(a, "<meta charset=\"utf-8\">"));
	ck_assert(strstr(a, "<html lang=\"zh-CN\">"));
	ck_assert(strstr(a, "@media print"));
	ck_assert(strstr(a, "thead{display:table-header-group}"));
	ck_assert_ptr_null(strstr(a, "<script"));
	ck_assert(strstr(a,
	    "completed &lt;late&gt; &amp; &quot;after&quot; "
	    "期限"));
	ck_assert_ptr_null(strstr(a, "<late>"));
	ck_assert(strstr(a, "第一季度内部审核"));
	ck_assert(strstr(a, "66.7 %"));
	ck_assert(strstr(a,
	    "2 fail and error findings, grouped by check, result and "
	    "pattern"));
	ck_assert(strstr(a, "The 2 pass and n/a results are counted above."));
	/* the verdict before the findings, the sign-off after them */
	ck_assert_ptr_nonnull(strstr(a, "id=\"summary\""));
	ck_assert(strstr(a, "id=\"summary\"") < strstr(a, "K003"));
	ck_assert(strstr(a, "K003") < strstr(a, "id=\"signoff\""));
	ck_assert_ptr_null(strstr(a, "K001")); /* a pass is not listed */
	ck_assert(strstr(a, "K003"));
	ck_assert_int_eq(cf_report_audit(stdout,
			     &(struct cf_report_env){ .st = st }, 99,
			     CF_REPORT_HTML),
	    CF_ENOTFOUND);
	free(a);
	free(b);
}
END_TEST

/* The detail patterns findings are grouped by (doc/reports.md). */
START_TEST(test_detail_pattern)
{
	static const struct {
		const char *detail, *pattern;
	} t[] = {
		{ "no events recorded", "no events recorded" },
		{ "completed 2026-02-25 09:00, limit 5 working days ended "
		  "2026-02-24",
		    "completed … …, limit … working days ended …" },
		{ "charged 80.00, fee 50.00", "charged …, fee …" },
		{ "no version of P-CON-002 in force on 2026-01-28.",
		    "no version of … in force on …." },
		{ "step 'accept' by role 'inspector', expected 'clerk'",
		    "step 'accept' by role 'inspector', expected 'clerk'" },
		{ "办件 DF20260104-0000081 超期 3 天", "办件 … 超期 … 天" },
		{ "", "" },
	};

	for (size_t i = 0; i < CF_ARRAY_LEN(t); i++) {
		char *p = cf_ra_detail_pattern(t[i].detail);
		ck_assert_str_eq(p, t[i].pattern);
		free(p);
	}
	{
		char *p = cf_ra_detail_pattern(NULL);
		ck_assert_str_eq(p, "");
		free(p);
	}
}
END_TEST

/* Labels, not tokens (labels.h). */
START_TEST(test_labels)
{
	ck_assert_str_eq(cf_label_result(CF_RESULT_FAIL), "不符合 fail");
	ck_assert_str_eq(cf_label_result(CF_RESULT_ERROR), "未判定 not judged");
	ck_assert_str_eq(cf_label_severity("major"), "严重 major");
	ck_assert_str_eq(cf_label_check_type("on-time"), "按时办结 on-time");
	ck_assert_str_eq(cf_label_ncr_state("open"), "未关闭 open");
	ck_assert_str_eq(cf_label(CF_LABEL_OVERALL, "major-nonconformity"),
	    "不符合 not conforming (major nonconformity)");
	ck_assert_str_eq(cf_label_zh(CF_LABEL_NCR_ROLE, "joined"), "并入已有");
	ck_assert_str_eq(cf_label_en(CF_LABEL_DOC_TYPE, "procedure"),
	    "procedure");
	/* unknown: the token itself; NULL: nothing */
	ck_assert_str_eq(cf_label_severity("critical"), "critical");
	ck_assert_str_eq(cf_label(CF_LABEL_RESULT, NULL), "");
	/* one namespace per kind */
	ck_assert_str_eq(cf_label(CF_LABEL_RESULT, "open"), "open");
}
END_TEST

START_TEST(test_review_xml)
{
	struct cf_report_env env = { .st = st };
	struct cf_tz *tz;
	FILE *f;
	char *s;

	store_audit();
	ck_assert_int_eq(cf_tz_open(&tz, "Asia/Shanghai"), 0);
	f = fopen(tmp_path("r.xml"), "w");
	ck_assert_int_eq(cf_report_review(f, &env, tz,
			     cf_day_from_ymd(2026, 1, 1),
			     cf_day_from_ymd(2026, 4, 30), CF_REPORT_XML),
	    0);
	fclose(f);
	assert_valid(tmp_path("r.xml"), "report-review.rng");
	s = slurp(tmp_path("r.xml"));
	ck_assert(
	    strstr(s, "<month month=\"2026-04\" documents-at=\"2026-04-30\">"));
	ck_assert(strstr(s, "conformity=\"50.0\" ncrs-raised=\"2\""));
	ck_assert(strstr(s, "<state name=\"open\" count=\"2\"/>"));
	free(s);
	/* the review of a period before the audit holds no audit */
	f = fopen(tmp_path("r2.xml"), "w");
	ck_assert_int_eq(cf_report_review(f, &env, tz,
			     cf_day_from_ymd(2025, 1, 1),
			     cf_day_from_ymd(2025, 12, 31), CF_REPORT_XML),
	    0);
	fclose(f);
	assert_valid(tmp_path("r2.xml"), "report-review.rng");
	s = slurp(tmp_path("r2.xml"));
	ck_assert_ptr_null(strstr(s, "<audit "));
	free(s);
	cf_tz_free(tz);
}
END_TEST

static int
first_entry(const struct cf_trail_entry *e, void *arg)
{
	char want[CF_SHA256_HEX];

	ck_assert_int_eq(cf_trail_entry_hash(e->prev, e->seq, e->at, e->actor,
			     e->what, e->subject, e->data, want),
	    0);
	ck_assert_str_eq(want, e->hash);
	(*(int *)arg)++;
	return 0;
}

START_TEST(test_trail_hash)
{
	int n = 0;

	ck_assert_int_eq(cf_store_begin(st), 0);
	ck_assert_int_eq(cf_trail_append(st, 100, "张三", "ncr.open",
			     "NCR-0001", "{\"a\":1}", NULL),
	    0);
	ck_assert_int_eq(cf_trail_append(st, 200, "李四", "ncr.update",
			     "NCR-0001", "{\"b\":\"x,\\\"y\\\"\"}", NULL),
	    0);
	ck_assert_int_eq(cf_store_commit(st), 0);
	ck_assert_int_eq(cf_trail_each(st, first_entry, &n), 0);
	ck_assert_int_eq(n, 2);
}
END_TEST

Suite *
report_suite(void)
{
	Suite *s = suite_create("report");
	TCase *tc = tcase_create("pure");
	TCase *db = tcase_create("stored");

	tcase_add_checked_fixture(tc, tmp_setup, tmp_teardown);
	tcase_add_test(tc, test_conclude);
	tcase_add_test(tc, test_months);
	tcase_add_test(tc, test_rates);
	tcase_add_test(tc, test_manifest);
	tcase_add_test(tc, test_html_escape);
	tcase_add_test(tc, test_detail_pattern);
	tcase_add_test(tc, test_labels);
	suite_add_tcase(s, tc);
	tcase_add_checked_fixture(db, setup, teardown);
	tcase_add_test(db, test_audit_xml);
	tcase_add_test(db, test_audit_html);
	tcase_add_test(db, test_review_xml);
	tcase_add_test(db, test_trail_hash);
	suite_add_tcase(s, db);
	return s;
}
