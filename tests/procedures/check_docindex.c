/* SPDX-License-Identifier: MIT */
/*
 * check_docindex.c - document control (procedures/docindex.c,
 * doccache.c, trailer.c, gate.c, docdiff.c): the version in force over
 * a real history with back-dated and future-dated effective-from, a
 * tie, a deletion, a re-addition, a plain-git commit, an invalid
 * version and a merge; trailers; the cache; the commit gate;
 * field-level differences.
 */
#include "conform.h"
#include "check_suites.h"
#include "check_util.h"
#include "docdiff.h"
#include "docindex.h"
#include "gate.h"
#include "repo.h"
#include "store.h"
#include "trailer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static struct cf_repo *repo;
static struct cf_tz *tz;
static struct cf_sig alice, bob;
static char head[CF_OID_HEX];
static int64_t clock_now = 1767225600; /* 2026-01-01 08:00 +08:00 */

static void
setup(void)
{
	tmp_setup();
	ck_assert_int_eq(cf_repo_init(&repo, test_tmp), 0);
	ck_assert_int_eq(cf_tz_open(&tz, "Asia/Shanghai"), 0);
	ck_assert_int_eq(cf_sig_parse(&alice, "张三 <zhang@example.cn>"), 0);
	ck_assert_int_eq(cf_sig_parse(&bob, "李四 <li@example.cn>"), 0);
	head[0] = '\0';
}

static void
teardown(void)
{
	cf_sig_release(&alice);
	cf_sig_release(&bob);
	cf_tz_free(tz);
	cf_repo_free(repo);
	cf_doc_schemas_release();
	tmp_teardown();
}

static char *
proc(const char *id, const char *eff, const char *committed)
{
	return cf_xasprintf(
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<procedure id=\"%s\" kind=\"commitment\">\n"
	    "  <title>企业设立登记</title>\n"
	    "  <effective-from>%s</effective-from>\n"
	    "  <time-limit statutory=\"15\" committed=\"%s\"/>\n"
	    "  <steps><step id=\"accept\"/><step id=\"approve\"/></steps>\n"
	    "</procedure>\n",
	    id, eff, committed);
}

/* Commits one file (data NULL: delete) a day after the previous one. */
static void
commit1(const char *path, const char *data, const char *msg)
{
	struct cf_change ch = { path, data, data ? strlen(data) : 0, !data };

	clock_now += 86400;
	ck_assert_int_eq(cf_repo_commit(repo, head[0] ? head : NULL, &ch, 1,
			     &alice, &alice, clock_now, 480, msg, head),
	    0);
}

static struct cf_docindex *
open_index(struct cf_store *st)
{
	struct cf_docindex *idx;

	ck_assert_int_eq(cf_docindex_open(&idx, repo, st, tz), 0);
	return idx;
}

static const char *
in_force_committed(struct cf_docindex *idx, const char *date)
{
	static char buf[32];
	cf_day d;
	const struct cf_docversion *v;
	const struct cf_doc *doc;

	ck_assert_int_eq(cf_day_parse(&d, date, 10), 0);
	v = cf_docindex_in_force(idx, CF_DOC_PROCEDURE, "P-1", d);
	if (v == NULL)
		return "none";
	if (v->deleted)
		return "withdrawn";
	if (v->invalid)
		return "invalid";
	ck_assert_int_eq(cf_docindex_doc(idx, v, &doc), 0);
	snprintf(buf, sizeof buf, "%d", doc->u.proc.committed);
	return buf;
}

START_TEST(test_version_in_force)
{
	char *v1 = proc("P-1", "2026-01-01", "5");
	char *v2 = proc("P-1", "2025-06-01", "4"); /* back-dated */
	char *v3 = proc("P-1", "2027-01-01", "3"); /* future-dated */
	char *v4 = proc("P-1", "2026-01-01", "2"); /* ties with v1 */
	char *v6 = proc("P-1", "2026-03-01", "1"); /* re-added */

	commit1("procedures/P-1.xml", v1, "v1\n");
	commit1("procedures/P-1.xml", v2, "v2\n");
	commit1("procedures/P-1.xml", v3, "v3\n");
	commit1("procedures/P-1.xml", v4, "v4\n");
	struct cf_docindex *idx = open_index(NULL);
	ck_assert_str_eq(in_force_committed(idx, "2025-05-31"), "none");
	ck_assert_str_eq(in_force_committed(idx, "2025-06-01"), "4");
	ck_assert_str_eq(in_force_committed(idx, "2025-12-31"), "4");
	/* v1 and v4 both from 2026-01-01: the later commit wins. */
	ck_assert_str_eq(in_force_committed(idx, "2026-01-01"), "2");
	ck_assert_str_eq(in_force_committed(idx, "2026-12-31"), "2");
	ck_assert_str_eq(in_force_committed(idx, "2027-01-01"), "3");
	size_t n;
	ck_assert_ptr_nonnull(
	    cf_docindex_history(idx, CF_DOC_PROCEDURE, "P-1", &n));
	ck_assert_uint_eq(n, 4);
	cf_docindex_free(idx);

	/* Deleted on 2026-01-06 (commit day), re-added effective 2026-03-01. */
	commit1("procedures/P-1.xml", NULL, "withdraw\n");
	commit1("procedures/P-1.xml", v6, "again\n");
	idx = open_index(NULL);
	ck_assert_str_eq(in_force_committed(idx, "2026-01-05"), "2");
	ck_assert_str_eq(in_force_committed(idx, "2026-01-06"), "withdrawn");
	ck_assert_str_eq(in_force_committed(idx, "2026-02-28"), "withdrawn");
	ck_assert_str_eq(in_force_committed(idx, "2026-03-01"), "1");
	/* v3 (2027) was committed before the deletion and outlives it. */
	ck_assert_str_eq(in_force_committed(idx, "2027-06-01"), "3");
	cf_docindex_free(idx);
	free(v1), free(v2), free(v3), free(v4), free(v6);
}
END_TEST

START_TEST(test_in_force_matches_linear_scan)
{
	const char *effs[] = { "2026-03-01", "2025-01-01", "2026-03-01",
		"2026-02-01", "2025-07-15", "2026-12-31", "2026-02-01" };
	struct cf_docindex *idx;
	struct cf_docversion *const *h;
	size_t n;

	for (size_t i = 0; i < CF_ARRAY_LEN(effs); i++) {
		char c[8];
		snprintf(c, sizeof c, "%zu", i);
		char *x = proc("P-1", effs[i], c);
		commit1("procedures/P-1.xml", x, "v\n");
		free(x);
	}
	idx = open_index(NULL);
	h = cf_docindex_history(idx, CF_DOC_PROCEDURE, "P-1", &n);
	ck_assert_uint_eq(n, CF_ARRAY_LEN(effs));
	for (cf_day d = cf_day_from_ymd(2024, 12, 1);
	     d < cf_day_from_ymd(2027, 2, 1); d++) {
		const struct cf_docversion *want = NULL;
		for (size_t i = 0; i < n;
		     i++) /* history order: later wins ties */
			if (h[i]->effective_from <= d &&
			    (want == NULL ||
				h[i]->effective_from >= want->effective_from))
				want = h[i];
		ck_assert_ptr_eq(cf_docindex_in_force(idx, CF_DOC_PROCEDURE,
				     "P-1", d),
		    want);
	}
	cf_docindex_free(idx);
}
END_TEST

START_TEST(test_plain_git_invalid_and_merge)
{
	char *v1 = proc("P-1", "2026-01-01", "5");
	struct cf_docindex *idx;
	const struct cf_docversion *v;
	const struct cf_doc *doc;
	cf_day d;

	ck_assert_msg(run("command -v git >/dev/null") == 0,
	    "this test needs the git command (.ci/packages installs it)");
	commit1("procedures/P-1.xml", v1, "v1\n");
	write_file(tmp_path("procedures/P-1.xml"), v1);
	/* A commit made with plain git, approved in its trailer. */
	char *v2 = proc("P-1", "2026-02-01", "4");
	write_file(tmp_path("procedures/P-1.xml"), v2);
	ck_assert_int_eq(run("cd '%s' && git -c user.name=王五 -c "
			     "user.email=wang@example.cn commit -q -a -m "
			     "'by hand' -m 'Approved-by: 李四 <li@example.cn>' "
			     ">/dev/null",
			     test_tmp),
	    0);
	/* An invalid version (no steps), effective-from still readable. */
	write_file(tmp_path("procedures/P-1.xml"),
	    "<procedure id=\"P-1\" kind=\"commitment\">\n"
	    "  <title>坏</title>\n"
	    "  <effective-from>2026-03-01</effective-from>\n"
	    "</procedure>\n");
	ck_assert_int_eq(run("cd '%s' && git -c user.name=x -c user.email=x@y "
			     "commit -q -a -m broken",
			     test_tmp),
	    0);
	/* A branch merged into main: counts at the merge commit. */
	char *v4 = proc("P-2", "2026-01-01", "7");
	write_file(tmp_path("procedures/P-2.xml"), v4);
	ck_assert_int_eq(run("cd '%s' && git checkout -q -b side && git add "
			     "procedures/P-2.xml && git -c user.name=x -c "
			     "user.email=x@y commit -q -m side && git checkout "
			     "-q main && git -c user.name=m -c user.email=m@y "
			     "merge -q --no-ff -m merged side",
			     test_tmp),
	    0);
	ck_assert_int_eq(cf_repo_head(repo, head), 0);
	idx = open_index(NULL);
	cf_day_parse(&d, "2026-02-15", 10);
	v = cf_docindex_in_force(idx, CF_DOC_PROCEDURE, "P-1", d);
	ck_assert_str_eq(v->author_name, "王五");
	ck_assert_str_eq(v->approver_name, "李四");
	ck_assert_str_eq(v->approver_email, "li@example.cn");
	ck_assert_int_eq(cf_docindex_doc(idx, v, &doc), 0);
	ck_assert_int_eq(doc->u.proc.committed, 4);
	cf_day_parse(&d, "2026-03-02", 10);
	v = cf_docindex_in_force(idx, CF_DOC_PROCEDURE, "P-1", d);
	ck_assert_ptr_nonnull(v->invalid);
	ck_assert_int_eq(v->effective_from, cf_day_from_ymd(2026, 3, 1));
	ck_assert_int_eq(cf_docindex_doc(idx, v, &doc), CF_EINVALID);
	ck_assert_msg(strstr(cf_error_message(), "commit ") &&
		strstr(cf_error_message(), "procedures/P-1.xml:1:"),
	    "%s", cf_error_message());
	v = cf_docindex_in_force(idx, CF_DOC_PROCEDURE, "P-2", d);
	ck_assert_ptr_nonnull(v);
	ck_assert_str_eq(v->commit, head); /* the merge commit */
	ck_assert_str_eq(v->author_name, "m");
	cf_docindex_free(idx);
	free(v1), free(v2), free(v4);
}
END_TEST

START_TEST(test_cache)
{
	struct cf_store *st;
	struct cf_docindex *a, *b;
	char *v1 = proc("P-1", "2026-01-01", "5");
	cf_day d = cf_day_from_ymd(2026, 6, 1);
	const struct cf_doc *doc;

	ck_assert_int_eq(cf_store_open(&st, tmp_path("c.db"), CF_STORE_CREATE),
	    0);
	commit1("procedures/P-1.xml", v1,
	    "v1\n\nApproved-by: 李四 <li@example.cn>\n");
	a = open_index(st);
	ck_assert(!cf_docindex_from_cache(a));
	b = open_index(st);
	ck_assert(cf_docindex_from_cache(b));
	const struct cf_docversion *va = cf_docindex_in_force(a,
	    CF_DOC_PROCEDURE, "P-1", d);
	const struct cf_docversion *vb = cf_docindex_in_force(b,
	    CF_DOC_PROCEDURE, "P-1", d);
	ck_assert_str_eq(va->commit, vb->commit);
	ck_assert_str_eq(vb->approver_name, "李四");
	ck_assert_int_eq(vb->effective_from, va->effective_from);
	ck_assert_int_eq(cf_docindex_doc(b, vb, &doc), 0);
	ck_assert_str_eq(doc->u.proc.title, "企业设立登记");
	cf_docindex_free(a);
	cf_docindex_free(b);
	/* HEAD moved: rebuilt. */
	commit1("procedures/P-1.xml", NULL, "gone\n");
	a = open_index(st);
	ck_assert(!cf_docindex_from_cache(a));
	cf_docindex_free(a);
	cf_store_free(st);
	free(v1);
}
END_TEST

/*
 * A cache written before procedures had markers is not read: it may
 * hold a version with a <pause> as invalid (the old schema refused it).
 */
START_TEST(test_cache_before_markers)
{
	struct cf_store *st;
	struct cf_docindex *a;
	char *key = NULL, *old, *at;
	cf_day d = cf_day_from_ymd(2026, 6, 1);
	const char *v1 =
	    "<procedure id=\"P-1\" kind=\"commitment\">\n"
	    "  <title>t</title><effective-from>2026-01-01</effective-from>\n"
	    "  <time-limit statutory=\"20\" committed=\"10\">\n"
	    "    <pause start=\"special-start\" end=\"special-end\" name=\"特别程序\"/>\n"
	    "  </time-limit>\n"
	    "  <steps><step id=\"accept\"/></steps>\n"
	    "</procedure>\n";

	ck_assert_int_eq(cf_store_open(&st, tmp_path("c.db"), CF_STORE_CREATE),
	    0);
	commit1("procedures/P-1.xml", v1, "v1\n");
	a = open_index(st);
	ck_assert(!cf_docindex_from_cache(a));
	cf_docindex_free(a);
	/* Make it the cache an older conform wrote. */
	ck_assert_int_eq(cf_store_meta_get(st, "doc-index", &key), 0);
	ck_assert_msg((at = strstr(key, "+markers")) != NULL, "%s", key);
	old = cf_xasprintf("%.*s%s", (int)(at - key), key,
	    at + strlen("+markers"));
	ck_assert_int_eq(cf_store_meta_set(st, "doc-index", old), 0);
	ck_assert_int_eq(cf_store_exec(st,
			     "UPDATE doc_version SET invalid = "
			     "'procedures/P-1.xml:4: Element time-limit has "
			     "extra content: pause'"),
	    0);
	a = open_index(st);
	ck_assert(!cf_docindex_from_cache(a));
	ck_assert_str_eq(in_force_committed(a, "2026-06-01"), "10");
	const struct cf_docversion *v = cf_docindex_in_force(a,
	    CF_DOC_PROCEDURE, "P-1", d);
	const struct cf_doc *doc;
	ck_assert_int_eq(cf_docindex_doc(a, v, &doc), 0);
	ck_assert_uint_eq(doc->u.proc.npauses, 1);
	cf_docindex_free(a);
	/* and the rebuilt cache is read again, valid */
	a = open_index(st);
	ck_assert(cf_docindex_from_cache(a));
	ck_assert_str_eq(in_force_committed(a, "2026-06-01"), "10");
	cf_docindex_free(a);
	cf_store_free(st);
	free(key);
	free(old);
}
END_TEST

START_TEST(test_trailers)
{
	char *n, *e;

	cf_trailer_approved_by("subject\n\nApproved-by: A <a@x>\n", &n, &e);
	ck_assert_str_eq(n, "A");
	ck_assert_str_eq(e, "a@x");
	free(n), free(e);
	/* the last one wins; the key ignores case */
	cf_trailer_approved_by("s\n\nbody\n\nApproved-by: A <a@x>\n"
			       "Signed-off-by: S <s@x>\napproved-BY: B <b@x>\n",
	    &n, &e);
	ck_assert_str_eq(n, "B");
	free(n), free(e);
	/* not a trailer block: a line that is no trailer */
	cf_trailer_approved_by("s\n\nApproved-by: A <a@x>\nthanks!\n", &n, &e);
	ck_assert_ptr_null(n);
	/* a single paragraph has no trailers */
	cf_trailer_approved_by("Approved-by: A <a@x>\n", &n, &e);
	ck_assert_ptr_null(n);
	/* in the body, not the last paragraph: not a trailer */
	cf_trailer_approved_by("s\n\nApproved-by: A <a@x>\n\nmore text\n", &n,
	    &e);
	ck_assert_ptr_null(n);
	/* continuation lines and CRLF */
	cf_trailer_approved_by("s\r\n\r\nApproved-by: 王五\r\n  <wang@x>\r\n",
	    &n, &e);
	ck_assert_str_eq(n, "王五");
	ck_assert_str_eq(e, "wang@x");
	free(n), free(e);
	/* a value that is no identity is kept as the name */
	cf_trailer_approved_by("s\n\nApproved-by: quality board\n", &n, &e);
	ck_assert_str_eq(n, "quality board");
	ck_assert_str_eq(e, "");
	free(n), free(e);

	char *m = cf_trailer_add_approved_by("s\n\nSigned-off-by: S <s@x>\n\n",
	    "B <b@x>");
	ck_assert_str_eq(m,
	    "s\n\nSigned-off-by: S <s@x>\nApproved-by: B <b@x>\n");
	free(m);
	m = cf_trailer_add_approved_by("s", "B <b@x>");
	ck_assert_str_eq(m, "s\n\nApproved-by: B <b@x>\n");
	cf_trailer_approved_by(m, &n, &e);
	ck_assert_str_eq(n, "B");
	free(n), free(e), free(m);
}
END_TEST

START_TEST(test_self_approval_rule)
{
	struct cf_docversion v = { 0 };
	char an[] = "张三", ae[] = "zhang@x.cn", pn[] = "Zhang San",
	     pe[] = "ZHANG@X.CN", pn2[] = "张三", pe2[] = "li@x.cn",
	     none[] = "", pn3[] = "张 三";

	v.author_name = an;
	v.author_email = ae;
	ck_assert(!cf_docversion_self_approved(&v)); /* no approver */
	v.approver_name = pn;
	v.approver_email = pe;
	ck_assert(cf_docversion_self_approved(&v)); /* e-mails, any case */
	v.approver_name = pn2;
	v.approver_email = pe2;
	ck_assert(!cf_docversion_self_approved(&v));
	v.approver_email = none; /* no e-mail: names decide */
	ck_assert(cf_docversion_self_approved(&v));
	v.approver_name = pn3;
	ck_assert(!cf_docversion_self_approved(&v));
}
END_TEST

/* ---- the gate ---- */

static int
gate(const char *msg, const struct cf_sig *approver, struct cf_diags *d,
    struct cf_gate_result *res)
{
	struct cf_gate_request req = { .root = test_tmp, .message = msg,
		.author = &alice, .approver = approver, .committer = &bob,
		.when = clock_now += 60, .tz_minutes = 480 };

	return cf_gate_commit(repo, &req, d, res);
}

START_TEST(test_gate_refuses_invalid_and_empty)
{
	struct cf_diags d = CF_DIAGS_INIT;
	struct cf_gate_result res;
	char *p1 = proc("P-1", "2026-01-01", "5"),
	     *p2 = proc("P-2", "2026-01-01", "5");
	char before[CF_OID_HEX];

	write_file(tmp_path("procedures/P-1.xml"), p1);
	write_file(tmp_path("procedures/P-2.xml"), p2);
	ck_assert_msg(gate("first", &bob, &d, &res) == 0, "%s",
	    cf_error_message());
	ck_assert_uint_eq(res.added, 2);
	ck_assert_uint_eq(d.n, 0);
	ck_assert_int_eq(cf_repo_head(repo, before), 0);
	ck_assert_str_eq(before, res.commit);

	/* Nothing changed: refused. */
	ck_assert_int_eq(gate("again", NULL, &d, &res), CF_EINVALID);
	ck_assert(strstr(cf_error_message(), "nothing to commit"));

	/* One invalid file among valid changes: nothing committed. */
	char *p3 = proc("P-3", "2026-01-01", "5");
	write_file(tmp_path("procedures/P-3.xml"), p3);
	write_file(tmp_path("procedures/P-4.xml"), "<procedure id=\"P-X\"/>\n");
	ck_assert_int_eq(gate("mixed", &bob, &d, &res), CF_EINVALID);
	ck_assert_uint_ge(d.n, 1);
	ck_assert_str_eq(d.v[0].file, "procedures/P-4.xml");
	char now[CF_OID_HEX];
	ck_assert_int_eq(cf_repo_head(repo, now), 0);
	ck_assert_str_eq(now, before);
	cf_diags_release(&d);

	/* A deletion counts as a change; the set after it is validated. */
	unlink(tmp_path("procedures/P-4.xml"));
	unlink(tmp_path("procedures/P-2.xml"));
	ck_assert_int_eq(gate("swap", &bob, &d, &res), 0);
	ck_assert_uint_eq(res.added, 1);
	ck_assert_uint_eq(res.deleted, 1);
	ck_assert_uint_eq(res.documents, 2);
	ck_assert_str_eq(res.parent, before);
	free(p1), free(p2), free(p3);
}
END_TEST

START_TEST(test_gate_message)
{
	char *m = cf_gate_message("调整时限\n", &bob);

	ck_assert_str_eq(m, "调整时限\n\nApproved-by: 李四 <li@example.cn>\n");
	free(m);
	m = cf_gate_message("plain  \n\n", NULL);
	ck_assert_str_eq(m, "plain\n");
	free(m);
}
END_TEST

/* ---- field-level differences ---- */

static struct cf_doc *
parse(const char *xml)
{
	struct cf_doc *doc;
	struct cf_diags d = CF_DIAGS_INIT;

	ck_assert_msg(cf_doc_parse(&doc, xml, strlen(xml), "procedures/P-1.xml",
			  &d) == 0,
	    "%s", d.n ? d.v[0].msg : "");
	return doc;
}

static bool
has_change(const struct cf_docdiff *d, const char *field, const char *old,
    const char *new)
{
	for (size_t i = 0; i < d->n; i++)
		if (strcmp(d->v[i].field, field) == 0 &&
		    ((old == NULL && d->v[i].old == NULL) ||
			(old && d->v[i].old &&
			    strcmp(old, d->v[i].old) == 0)) &&
		    ((new == NULL && d->v[i].new == NULL) ||
			(new && d->v[i].new &&strcmp(new, d->v[i].new) == 0)))
			return true;
	return false;
}

START_TEST(test_docdiff_procedure)
{
	struct cf_doc *a = parse(
	    "<procedure id=\"P-1\" kind=\"commitment\">\n"
	    "<title>t</title><effective-from>2026-01-01</effective-from>\n"
	    "<review-due>2026-12-31</review-due>\n"
	    "<time-limit statutory=\"15\" committed=\"5\"/><fee amount=\"50\"/>\n"
	    "<materials><material id=\"M1\" required=\"yes\">申请书</material>\n"
	    "<material id=\"M2\" required=\"yes\">章程</material>\n"
	    "<material id=\"M9\" required=\"no\">旧</material></materials>\n"
	    "<steps><step id=\"accept\" role=\"clerk\"/><step id=\"review\" role=\"reviewer\"/>\n"
	    "<step id=\"approve\" role=\"approver\"/><step id=\"old\"/></steps>\n"
	    "</procedure>\n");
	struct cf_doc *b = parse(
	    "<procedure id=\"P-1\" kind=\"on-the-spot\">\n"
	    "<title>t</title><effective-from>2026-07-01</effective-from>\n"
	    "<time-limit statutory=\"15\" committed=\"0\"/><fee amount=\"80.00\"/>\n"
	    "<materials><material id=\"M1\" required=\"yes\">申请书</material>\n"
	    "<material id=\"M2\" required=\"no\">章程</material>\n"
	    "<material id=\"M3\" required=\"yes\">授权委托书</material></materials>\n"
	    "<steps><step id=\"accept\" role=\"clerk\"/><step id=\"approve\" role=\"approver\"/>\n"
	    "<step id=\"review\" role=\"senior\"/><step id=\"issue\" role=\"clerk\"/></steps>\n"
	    "</procedure>\n");
	struct cf_docdiff d = CF_DOCDIFF_INIT;

	cf_docdiff(a, b, &d);
	ck_assert(has_change(&d, "kind", "commitment", "on-the-spot"));
	ck_assert(has_change(&d, "effective-from", "2026-01-01", "2026-07-01"));
	ck_assert(has_change(&d, "review-due", "2026-12-31", NULL));
	ck_assert(has_change(&d, "time-limit.committed", "5", "0"));
	ck_assert(has_change(&d, "fee", "50.00", "80.00"));
	ck_assert(has_change(&d, "material M2 required", "yes", "no"));
	ck_assert(has_change(&d, "material M9", "optional: 旧", NULL));
	ck_assert(has_change(&d, "material M3", NULL, "required: 授权委托书"));
	ck_assert(has_change(&d, "step old", "after 'approve'", NULL));
	ck_assert(
	    has_change(&d, "step issue", NULL, "after 'review', role clerk"));
	ck_assert(has_change(&d, "step order", "accept, review, approve",
	    "accept, approve, review"));
	ck_assert(has_change(&d, "step review role", "reviewer", "senior"));
	ck_assert(!has_change(&d, "step accept role", "clerk", "clerk"));
	char *s = cf_docdiff_summary(&d, 60);
	ck_assert_uint_le(strlen(s), 60);
	ck_assert(strncmp(s, "kind commitment -> on-the-spot", 30) == 0);
	free(s);
	cf_docdiff_release(&d);
	cf_docdiff(a, a, &d);
	ck_assert_uint_eq(d.n, 0);
	cf_docdiff(NULL, a, &d);
	ck_assert(has_change(&d, "document", NULL, "procedure P-1"));
	cf_docdiff_release(&d);
	cf_doc_free(a);
	cf_doc_free(b);
}
END_TEST

/* Pauses by start activity, the extension and the supplement. */
START_TEST(test_docdiff_markers)
{
	struct cf_doc *a = parse(
	    "<procedure id=\"P-1\" kind=\"commitment\">\n"
	    "<title>t</title><effective-from>2026-01-01</effective-from>\n"
	    "<time-limit statutory=\"20\" committed=\"10\">\n"
	    "<pause start=\"special-start\" end=\"special-end\" name=\"特别程序\"/>\n"
	    "<pause start=\"hearing-start\" end=\"hearing-end\" name=\"听证\"/>\n"
	    "<pause start=\"old-start\" end=\"old-end\" name=\"公示\"/>\n"
	    "<extension activity=\"extend\" days=\"10\" role=\"director\"/>\n"
	    "</time-limit>\n"
	    "<supplement activity=\"notify\" within=\"5\"/>\n"
	    "<steps><step id=\"accept\"/></steps>\n"
	    "</procedure>\n");
	struct cf_doc *b = parse(
	    "<procedure id=\"P-1\" kind=\"commitment\">\n"
	    "<title>t</title><effective-from>2026-01-01</effective-from>\n"
	    "<time-limit statutory=\"20\" committed=\"10\">\n"
	    "<pause start=\"special-start\" end=\"special-end\" name=\"特别程序\"/>\n"
	    "<pause start=\"hearing-start\" end=\"hearing-done\" name=\"听证程序\"/>\n"
	    "<pause start=\"test-start\" end=\"test-end\" name=\"检测\"/>\n"
	    "<extension activity=\"extend\" days=\"15\" role=\"head\"/>\n"
	    "</time-limit>\n"
	    "<supplement activity=\"notify\" within=\"3\"/>\n"
	    "<steps><step id=\"accept\"/></steps>\n"
	    "</procedure>\n");
	struct cf_doc *c = parse(
	    "<procedure id=\"P-1\" kind=\"commitment\">\n"
	    "<title>t</title><effective-from>2026-01-01</effective-from>\n"
	    "<time-limit statutory=\"20\" committed=\"10\"/>\n"
	    "<steps><step id=\"accept\"/></steps>\n"
	    "</procedure>\n");
	struct cf_docdiff d = CF_DOCDIFF_INIT;

	cf_docdiff(a, b, &d);
	ck_assert(!has_change(&d, "time-limit.pause special-start", NULL,
	    NULL)); /* unchanged: nothing said */
	ck_assert(has_change(&d, "time-limit.pause hearing-start end",
	    "hearing-end", "hearing-done"));
	ck_assert(has_change(&d, "time-limit.pause hearing-start name", "听证",
	    "听证程序"));
	ck_assert(has_change(&d, "time-limit.pause old-start",
	    "公示: 'old-start' to 'old-end'", NULL));
	ck_assert(has_change(&d, "time-limit.pause test-start", NULL,
	    "检测: 'test-start' to 'test-end'"));
	ck_assert(has_change(&d, "time-limit.extension.days", "10", "15"));
	ck_assert(has_change(&d, "time-limit.extension.role", "director",
	    "head"));
	ck_assert(has_change(&d, "supplement.within", "5", "3"));
	ck_assert_uint_eq(d.n, 7);
	char *s = cf_docdiff_summary(&d, 1000);
	ck_assert_msg(strstr(s, "time-limit.pause test-start added") &&
		strstr(s, "time-limit.extension.days 10 -> 15") &&
		strstr(s, "supplement.within 5 -> 3"),
	    "%s", s);
	free(s);
	cf_docdiff_release(&d);

	cf_docdiff(a, c, &d);
	ck_assert(has_change(&d, "time-limit.extension",
	    "activity 'extend', 10 working days, role director", NULL));
	ck_assert(has_change(&d, "supplement",
	    "activity 'notify', within 5 working days", NULL));
	ck_assert_uint_eq(d.n, 5); /* three pauses, extension, supplement */
	cf_docdiff_release(&d);
	cf_docdiff(c, b, &d);
	ck_assert(has_change(&d, "time-limit.extension", NULL,
	    "activity 'extend', 15 working days, role head"));
	ck_assert(has_change(&d, "supplement", NULL,
	    "activity 'notify', within 3 working days"));
	cf_docdiff_release(&d);
	cf_doc_free(a);
	cf_doc_free(b);
	cf_doc_free(c);
}
END_TEST

Suite *
docindex_suite(void)
{
	Suite *s = suite_create("docindex");
	TCase *tc = tcase_create("history");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_version_in_force);
	tcase_add_test(tc, test_in_force_matches_linear_scan);
	tcase_add_test(tc, test_plain_git_invalid_and_merge);
	tcase_add_test(tc, test_cache);
	tcase_add_test(tc, test_cache_before_markers);
	tcase_add_test(tc, test_gate_refuses_invalid_and_empty);
	suite_add_tcase(s, tc);
	tc = tcase_create("text");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_trailers);
	tcase_add_test(tc, test_self_approval_rule);
	tcase_add_test(tc, test_gate_message);
	tcase_add_test(tc, test_docdiff_procedure);
	tcase_add_test(tc, test_docdiff_markers);
	suite_add_tcase(s, tc);
	return s;
}
