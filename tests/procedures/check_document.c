/* SPDX-License-Identifier: MIT */
/*
 * check_document.c - the document types (procedures/document.c,
 * docset.c): the example center parses, and each rule a schema cannot
 * say is enforced with a line number.
 */
#include "conform.h"
#include "check_suites.h"
#include "check_util.h"
#include "docset.h"
#include "document.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>

static struct cf_diags diags;

static void
reset(void)
{
	cf_diags_release(&diags);
}

/* Parses `xml` as `path`; returns the return code, keeps the diags. */
static int
parse(const char *path, const char *xml, struct cf_doc **out)
{
	struct cf_doc *doc = NULL;
	int rc;

	reset();
	rc = cf_doc_parse(&doc, xml, strlen(xml), path, &diags);
	if (out)
		*out = doc;
	else
		cf_doc_free(doc);
	return rc;
}

/* Asserts exactly one problem containing `needle`, on `line`. */
static void
assert_problem(const char *needle, int line)
{
	ck_assert_msg(diags.n >= 1, "no problem reported");
	for (size_t i = 0; i < diags.n; i++)
		if (strstr(diags.v[i].msg, needle)) {
			ck_assert_msg(diags.v[i].line == line,
			    "'%s' on line %d, expected %d", diags.v[i].msg,
			    diags.v[i].line, line);
			return;
		}
	ck_abort_msg("no problem mentions '%s' (first: %s)", needle,
	    diags.v[0].msg);
}

#define PROC_HEAD                                                              \
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                         \
	"<procedure id=\"P-1\" kind=\"commitment\">\n"                         \
	"  <title>企业设立登记</title>\n"                                \
	"  <effective-from>2026-01-01</effective-from>\n"

START_TEST(test_example_center_valid)
{
	struct cf_docset set = CF_DOCSET_INIT;
	int nproc = 0, nstd = 0, nlist = 0, markers = 0;
	bool types[CF_CHECK_NTYPES] = { false };

	reset();
	ck_assert_msg(cf_docset_load_worktree(&set,
			  CF_ABS_SRCDIR "/examples/center", &diags) == 0,
	    "%s", diags.n ? cf_diag_format(&diags.v[0]) : cf_error_message());
	for (size_t i = 0; i < set.n; i++) {
		struct cf_doc *d = set.v[i];
		if (d->type == CF_DOC_PROCEDURE) {
			nproc++;
			ck_assert(cf_utf8_valid(d->u.proc.title,
			    strlen(d->u.proc.title), NULL));
			int m = (d->u.proc.npauses > 0) +
			    d->u.proc.has_extension + d->u.proc.has_supplement;
			if (m > markers)
				markers = m;
		} else if (d->type == CF_DOC_STANDARD)
			nstd++;
		else if (d->type == CF_DOC_CHECKLIST) {
			nlist++;
			for (size_t k = 0; k < d->u.list.nchecks; k++)
				types[d->u.list.checks[k].type] = true;
		}
	}
	ck_assert_int_ge(nproc, 10);
	ck_assert_msg(markers == 3,
	    "the example center has no procedure with a pause, an extension "
	    "and a supplement");
	ck_assert_int_ge(nstd, 3);
	ck_assert_int_ge(nlist, 1);
	/*
	 * Every type but late-record: the example's cases are all imported
	 * at once after the quarter, so a late-record check would fail
	 * them and change every output the demo's tests expect.
	 */
	types[CF_CHECK_LATE_RECORD] = true;
	for (int t = 0; t < CF_CHECK_NTYPES; t++)
		ck_assert_msg(types[t], "the example checklist lacks %s",
		    cf_check_type_name((enum cf_check_type)t));
	cf_docset_release(&set);
}
END_TEST

START_TEST(test_procedure_fields)
{
	struct cf_doc *doc;
	const char *x = PROC_HEAD
	    "  <legal-basis>《行政许可法》</legal-basis>\n"
	    "  <legal-basis>《市场主体登记管理条例》</legal-basis>\n"
	    "  <time-limit statutory=\"15\" committed=\"5\" unit=\"working-day\"/>\n"
	    "  <fee amount=\"50\" currency=\"CNY\"/>\n"
	    "  <materials>\n"
	    "    <material id=\"M1\" required=\"yes\">申请书</material>\n"
	    "    <material id=\"M2\" required=\"no\">委托书</material>\n"
	    "  </materials>\n"
	    "  <steps open=\"yes\">\n"
	    "    <step id=\"accept\" role=\"clerk\"/>\n"
	    "    <step id=\"review\" activity=\"材料审核\" role=\"reviewer\" repeatable=\"yes\"/>\n"
	    "    <step id=\"approve\" role=\"approver\" not-same-actor-as=\"review\" optional=\"yes\"/>\n"
	    "  </steps>\n"
	    "</procedure>\n";

	ck_assert_int_eq(parse("procedures/P-1.xml", x, &doc), 0);
	const struct cf_procedure *p = &doc->u.proc;
	ck_assert_str_eq(p->title, "企业设立登记");
	ck_assert_uint_eq(p->legal_basis.n, 2);
	ck_assert_int_eq(p->statutory, 15);
	ck_assert_int_eq(p->committed, 5);
	ck_assert_int_eq(p->fee_fen, 5000);
	ck_assert_uint_eq(p->nmaterials, 2);
	ck_assert(p->materials[0].required && !p->materials[1].required);
	ck_assert(p->steps_open);
	ck_assert_uint_eq(p->nsteps, 3);
	ck_assert_str_eq(p->steps[0].activity, "accept");
	ck_assert_str_eq(p->steps[1].activity, "材料审核");
	ck_assert(p->steps[1].repeatable && p->steps[2].optional);
	ck_assert_int_eq(p->steps[2].nsa, 1);
	ck_assert_int_eq(p->review_due, CF_DAY_NONE);
	ck_assert_ptr_null(p->complaint_phone);
	cf_doc_free(doc);
}
END_TEST

/* The markers of the time-limit law, parsed with their lines. */
START_TEST(test_procedure_markers)
{
	struct cf_doc *doc;
	const char *x = PROC_HEAD
	    "  <time-limit statutory=\"20\" committed=\"10\">\n"
	    "    <pause start=\"special-start\" end=\"special-end\" name=\"特别程序\"/>\n"
	    "    <extension activity=\"extend\" days=\"10\" role=\"director\"/>\n"
	    "    <pause start=\"hearing-start\" end=\"special-end\" name=\"听证\"/>\n"
	    "  </time-limit>\n"
	    "  <steps><step id=\"accept\"/><step id=\"approve\"/></steps>\n"
	    "  <supplement activity=\"notify-supplement\" within=\"5\"/>\n"
	    "</procedure>\n";

	ck_assert_msg(parse("procedures/P-1.xml", x, &doc) == 0, "%s",
	    diags.n ? diags.v[0].msg : cf_error_message());
	const struct cf_procedure *p = &doc->u.proc;
	ck_assert_int_eq(p->statutory, 20);
	ck_assert_uint_eq(p->npauses, 2);
	ck_assert_str_eq(p->pauses[0].start, "special-start");
	ck_assert_str_eq(p->pauses[0].end, "special-end");
	ck_assert_str_eq(p->pauses[0].name, "特别程序");
	ck_assert_int_eq(p->pauses[0].line, 6);
	/* two pauses may share an end: one event resumes both */
	ck_assert_str_eq(p->pauses[1].start, "hearing-start");
	ck_assert_int_eq(p->pauses[1].line, 8);
	ck_assert(p->has_extension);
	ck_assert_str_eq(p->extension.activity, "extend");
	ck_assert_int_eq(p->extension.days, 10);
	ck_assert_str_eq(p->extension.role, "director");
	ck_assert_int_eq(p->extension.line, 7);
	ck_assert(p->has_supplement);
	ck_assert_str_eq(p->supplement.activity, "notify-supplement");
	ck_assert_int_eq(p->supplement.within, 5);
	ck_assert_int_eq(p->supplement.line, 11);
	cf_doc_free(doc);

	/* none of them: none parsed; a supplement needs no time-limit */
	ck_assert_int_eq(parse("procedures/P-1.xml",
			     PROC_HEAD
			     "  <supplement activity=\"tell\" within=\"0\"/>\n"
			     "  <steps><step id=\"a\"/></steps>\n"
			     "</procedure>\n",
			     &doc),
	    0);
	ck_assert(!doc->u.proc.has_time_limit);
	ck_assert_uint_eq(doc->u.proc.npauses, 0);
	ck_assert(!doc->u.proc.has_extension);
	ck_assert(doc->u.proc.has_supplement);
	ck_assert_int_eq(doc->u.proc.supplement.within, 0);
	cf_doc_free(doc);
}
END_TEST

/* What the schema says: required attributes, one extension, one supplement. */
START_TEST(test_marker_schema)
{
	static const char *const bad[] = {
		"  <time-limit><pause start=\"a\" end=\"b\"/></time-limit>\n",
		"  <time-limit><pause start=\"\" end=\"b\" name=\"n\"/></time-limit>\n",
		"  <time-limit><extension activity=\"e\" days=\"10\"/></time-limit>\n",
		"  <time-limit><extension activity=\"e\" days=\"x\" role=\"r\"/></time-limit>\n",
		"  <time-limit><extension activity=\"e\" days=\"1\" role=\"r\"/>"
		"<extension activity=\"f\" days=\"1\" role=\"r\"/></time-limit>\n",
		"  <supplement activity=\"s\"/>\n",
		"  <supplement activity=\"s\" within=\"5\"/><supplement activity=\"t\" within=\"5\"/>\n",
		"  <pause start=\"a\" end=\"b\" name=\"n\"/>\n", /* outside <time-limit> */
	};
	for (size_t i = 0; i < CF_ARRAY_LEN(bad); i++) {
		char *x = cf_xasprintf("%s%s  <steps><step id=\"a\"/></steps>\n"
				       "</procedure>\n",
		    PROC_HEAD, bad[i]);
		ck_assert_msg(parse("procedures/P-1.xml", x, NULL) ==
			CF_EINVALID,
		    "accepted: %s", bad[i]);
		free(x);
	}
}
END_TEST

/* The rules a schema cannot say, each at its marker's line. */
START_TEST(test_marker_rules)
{
	ck_assert_int_eq(
	    parse("procedures/P-1.xml",
		PROC_HEAD
		"  <time-limit statutory=\"20\" committed=\"10\">\n"
		"    <pause start=\"same\" end=\"same\" name=\"特别程序\"/>\n"
		"    <pause start=\"s1\" end=\"e1\" name=\"检测\"/>\n"
		"    <pause start=\"s1\" end=\"e2\" name=\"检验\"/>\n"
		"    <pause start=\"e1\" end=\"e3\" name=\"公示\"/>\n"
		"    <extension activity=\"e2\" days=\"0\" role=\"director\"/>\n"
		"  </time-limit>\n"
		"  <supplement activity=\"s1\" within=\"5\"/>\n"
		"  <steps><step id=\"a\"/></steps>\n"
		"</procedure>\n",
		NULL),
	    CF_EINVALID);
	assert_problem("start and end are both 'same'", 6);
	assert_problem("<pause> start 's1' used twice (first on line 7)", 8);
	assert_problem("activity 'e1' starts this <pause> and ends the one on "
		       "line 7",
	    9);
	assert_problem("days=\"0\" extends nothing", 10);
	assert_problem("activity 'e2' of <extension> is also an activity of "
		       "the <pause> on line 8",
	    10);
	assert_problem("activity 's1' of <supplement> is also an activity of "
		       "the <pause> on line 7",
	    12);
	ck_assert_uint_eq(diags.n, 6);

	/* the supplement and the extension are two markers too */
	ck_assert_int_eq(
	    parse("procedures/P-1.xml",
		PROC_HEAD
		"  <time-limit statutory=\"20\" committed=\"10\">\n"
		"    <extension activity=\"x\" days=\"10\" role=\"director\"/>\n"
		"  </time-limit>\n"
		"  <supplement activity=\"x\" within=\"5\"/>\n"
		"  <steps><step id=\"a\"/></steps>\n"
		"</procedure>\n",
		NULL),
	    CF_EINVALID);
	assert_problem("activity 'x' of <supplement> is also the "
		       "<extension>'s (line 6)",
	    8);
	ck_assert_uint_eq(diags.n, 1);
}
END_TEST

/* A marker activity that is also a step's: refused at the marker. */
START_TEST(test_marker_is_no_step)
{
	ck_assert_int_eq(
	    parse("procedures/P-1.xml",
		PROC_HEAD
		"  <time-limit statutory=\"20\" committed=\"10\">\n"
		"    <pause start=\"review\" end=\"审核结束\" name=\"特别程序\"/>\n"
		"    <extension activity=\"extend\" days=\"10\" role=\"director\"/>\n"
		"  </time-limit>\n"
		"  <supplement activity=\"补正告知\" within=\"5\"/>\n"
		"  <steps>\n"
		"    <step id=\"review\"/>\n"
		"    <step id=\"close\" activity=\"审核结束\"/>\n"
		"    <step id=\"ext\" activity=\"extend\"/>\n"
		"    <step id=\"tell\" activity=\"补正告知\"/>\n"
		"  </steps>\n"
		"</procedure>\n",
		NULL),
	    CF_EINVALID);
	assert_problem("activity 'review' of <pause> start is also the "
		       "activity of step 'review'; a marker is not a step",
	    6);
	assert_problem("activity '审核结束' of <pause> end is also the "
		       "activity of step 'close'",
	    6);
	assert_problem("activity 'extend' of <extension> is also the activity "
		       "of step 'ext'",
	    7);
	assert_problem("activity '补正告知' of <supplement> is also the "
		       "activity of step 'tell'",
	    9);
	ck_assert_uint_eq(diags.n, 4);
}
END_TEST

/* An on-the-spot item has no clock to stop or lengthen. */
START_TEST(test_on_the_spot_markers)
{
	struct cf_doc *doc;

	ck_assert_int_eq(
	    parse("procedures/P-1.xml",
		"<procedure id=\"P-1\" kind=\"on-the-spot\">\n"
		"  <title>t</title>\n"
		"  <effective-from>2026-01-01</effective-from>\n"
		"  <time-limit statutory=\"5\" committed=\"0\">\n"
		"    <pause start=\"s\" end=\"e\" name=\"特别程序\"/>\n"
		"    <extension activity=\"x\" days=\"10\" role=\"director\"/>\n"
		"  </time-limit>\n"
		"  <steps><step id=\"a\"/></steps>\n"
		"</procedure>\n",
		NULL),
	    CF_EINVALID);
	assert_problem("has no clock to stop, expected no <pause>", 5);
	assert_problem("has no limit to extend, expected no <extension>", 6);
	ck_assert_uint_eq(diags.n, 2);
	/* but it may tell what is missing (art. 32 holds for every item) */
	ck_assert_int_eq(
	    parse("procedures/P-1.xml",
		"<procedure id=\"P-1\" kind=\"on-the-spot\">\n"
		"  <title>t</title>\n"
		"  <effective-from>2026-01-01</effective-from>\n"
		"  <time-limit statutory=\"5\" committed=\"0\"/>\n"
		"  <supplement activity=\"tell\" within=\"0\"/>\n"
		"  <steps><step id=\"a\"/></steps>\n"
		"</procedure>\n",
		&doc),
	    0);
	cf_doc_free(doc);
}
END_TEST

START_TEST(test_id_must_match_file)
{
	ck_assert_int_eq(parse("procedures/P-2.xml",
			     PROC_HEAD "  <steps><step id=\"a\"/></steps>\n"
				       "</procedure>\n",
			     NULL),
	    CF_EINVALID);
	assert_problem("does not match the file name", 2);
}
END_TEST

START_TEST(test_duplicate_step_and_material)
{
	ck_assert_int_eq(
	    parse("procedures/P-1.xml",
		PROC_HEAD
		"  <materials>\n"
		"    <material id=\"M1\" required=\"yes\">a</material>\n"
		"    <material id=\"M1\" required=\"no\">b</material>\n"
		"  </materials>\n"
		"  <steps>\n"
		"    <step id=\"a\"/>\n"
		"    <step id=\"a\"/>\n"
		"    <step id=\"b\" activity=\"a\"/>\n"
		"  </steps>\n"
		"</procedure>\n",
		NULL),
	    CF_EINVALID);
	assert_problem("material id 'M1' used twice", 7);
	assert_problem("step id 'a' used twice", 11);
	assert_problem("share the activity 'a'", 12);
}
END_TEST

START_TEST(test_not_same_actor_as_unknown)
{
	ck_assert_int_eq(
	    parse("procedures/P-1.xml",
		PROC_HEAD
		"  <steps>\n"
		"    <step id=\"review\"/>\n"
		"    <step id=\"approve\" not-same-actor-as=\"reveiw\"/>\n"
		"  </steps>\n"
		"</procedure>\n",
		NULL),
	    CF_EINVALID);
	assert_problem("not-same-actor-as 'reveiw' names no other step", 7);
	/* naming itself is no four-eyes rule either */
	ck_assert_int_eq(parse("procedures/P-1.xml",
			     PROC_HEAD
			     "  <steps>\n"
			     "    <step id=\"a\" not-same-actor-as=\"a\"/>\n"
			     "  </steps>\n"
			     "</procedure>\n",
			     NULL),
	    CF_EINVALID);
}
END_TEST

START_TEST(test_on_the_spot_committed)
{
	ck_assert_int_eq(parse("procedures/P-1.xml",
			     "<procedure id=\"P-1\" kind=\"on-the-spot\">\n"
			     "  <title>t</title>\n"
			     "  <effective-from>2026-01-01</effective-from>\n"
			     "  <time-limit statutory=\"5\" committed=\"1\"/>\n"
			     "  <steps><step id=\"a\"/></steps>\n"
			     "</procedure>\n",
			     NULL),
	    CF_EINVALID);
	assert_problem("on-the-spot procedure has committed=\"0\"", 4);
}
END_TEST

START_TEST(test_date_must_exist)
{
	ck_assert_int_eq(parse("procedures/P-1.xml",
			     "<procedure id=\"P-1\" kind=\"commitment\">\n"
			     "  <title>t</title>\n"
			     "  <effective-from>2026-02-30</effective-from>\n"
			     "  <steps><step id=\"a\"/></steps>\n"
			     "</procedure>\n",
			     NULL),
	    CF_EINVALID);
	assert_problem("date '2026-02-30' does not exist", 3);
}
END_TEST

START_TEST(test_schema_violation)
{
	/* Missing steps, a bad kind, an empty title: the schema says so. */
	ck_assert_int_eq(parse("procedures/P-1.xml",
			     "<procedure id=\"P-1\" kind=\"fast\">\n"
			     "  <title> </title>\n"
			     "  <effective-from>2026-01-01</effective-from>\n"
			     "</procedure>\n",
			     NULL),
	    CF_EINVALID);
	ck_assert_uint_ge(diags.n, 1);
	ck_assert_str_eq(diags.v[0].file, "procedures/P-1.xml");
	ck_assert_int_ge(diags.v[0].line, 1);
}
END_TEST

START_TEST(test_wrong_folder_and_root)
{
	ck_assert_int_eq(parse("standards/P-1.xml",
			     PROC_HEAD "  <steps><step id=\"a\"/></steps>\n"
				       "</procedure>\n",
			     NULL),
	    CF_EINVALID);
	assert_problem("a <procedure> in standards/", 2);
	ck_assert_int_eq(parse("x.xml", "<html/>", NULL), CF_EINVALID);
	assert_problem("not a conform document", 1);
}
END_TEST

START_TEST(test_standard_file_name)
{
	struct cf_doc *doc;
	const char *x =
	    "<standard id=\"Q/DF-FW-001\" subsystem=\"provision\">\n"
	    "  <title>窗口服务规范</title>\n"
	    "  <level>enterprise</level>\n"
	    "  <effective-from>2025-06-01</effective-from>\n"
	    "  <applies-to procedures=\"P-BIZ-*\"/>\n"
	    "  <applies-to procedures=\"P-TAX-*\"/>\n"
	    "  <clause id=\"4.1\">首问负责</clause>\n"
	    "</standard>\n";

	ck_assert_int_eq(parse("standards/Q_DF-FW-001.xml", x, &doc), 0);
	ck_assert_uint_eq(doc->u.std.applies_to.n, 2);
	ck_assert_int_eq(doc->u.std.subsystem, CF_SUB_PROVISION);
	cf_doc_free(doc);
	char *p = cf_doc_path_for_id(CF_DOC_STANDARD, "Q/DF-FW-001");
	ck_assert_str_eq(p, "standards/Q_DF-FW-001.xml");
	free(p);
	ck_assert_int_eq(parse("standards/Q-DF-FW-001.xml", x, NULL),
	    CF_EINVALID);
	assert_problem("expected the file to be named 'Q_DF-FW-001.xml'", 1);
}
END_TEST

START_TEST(test_calendar_rules)
{
	ck_assert_int_eq(parse("calendars/CN-2026.xml",
			     "<calendar id=\"CN-2026\" year=\"2025\">\n"
			     "</calendar>\n",
			     NULL),
	    CF_EINVALID);
	assert_problem("ends in 2026 but year=\"2025\"", 1);
	ck_assert_int_eq(parse("calendars/local.xml",
			     "<calendar id=\"local\">\n</calendar>\n", NULL),
	    CF_EINVALID);
	assert_problem("names no year", 1);
	ck_assert_int_eq(
	    parse("calendars/CN-2026.xml",
		"<calendar id=\"CN-2026\">\n"
		"  <holiday from=\"2026-02-23\" to=\"2026-02-15\"/>\n"
		"  <holiday from=\"2025-12-31\" to=\"2026-01-01\"/>\n"
		"  <workday date=\"2026-02-13\"/>\n"
		"  <holiday from=\"2026-10-01\" to=\"2026-10-07\"/>\n"
		"  <workday date=\"2026-10-03\"/>\n"
		"  <workday date=\"2026-02-31\"/>\n"
		"</calendar>\n",
		NULL),
	    CF_EINVALID);
	assert_problem("holiday ends (2026-02-15) before it starts", 2);
	assert_problem("holiday outside the calendar's year 2026", 3);
	assert_problem("workday 2026-02-13 is a weekday", 4);
	assert_problem("falls inside the holiday on line 5", 6);
	assert_problem("date '2026-02-31' does not exist", 7);
}
END_TEST

START_TEST(test_one_calendar_per_year)
{
	struct cf_doc *a, *b;

	ck_assert_int_eq(parse("calendars/CN-2026.xml",
			     "<calendar id=\"CN-2026\"/>", &a),
	    0);
	ck_assert_int_eq(parse("calendars/county-2026.xml",
			     "<calendar id=\"county-2026\" year=\"2026\"/>",
			     &b),
	    0);
	struct cf_doc *docs[] = { a, b };
	reset();
	ck_assert_int_eq(cf_doc_check_set(docs, 2, &diags), CF_EINVALID);
	assert_problem("year 2026 is already covered by calendars/CN-2026.xml",
	    1);
	cf_doc_free(a);
	cf_doc_free(b);
}
END_TEST

START_TEST(test_checklist_rules)
{
	struct cf_doc *doc;

	ck_assert_int_eq(
	    parse("checklists/IA.xml",
		"<checklist id=\"IA\">\n"
		"  <check id=\"K1\" type=\"on-time-rate\" severity=\"minor\"/>\n"
		"  <check id=\"S1\" type=\"sql\" severity=\"minor\"/>\n"
		"  <check id=\"C1\" type=\"fee\" severity=\"minor\" min=\"0.5\"/>\n"
		"  <check id=\"C2\" type=\"fee\" severity=\"minor\"><query>SELECT 1</query></check>\n"
		"  <check id=\"C1\" type=\"steps\" severity=\"major\"/>\n"
		"</checklist>\n",
		NULL),
	    CF_EINVALID);
	assert_problem("needs min=", 2);
	assert_problem("needs a <query>", 3);
	assert_problem("takes no min", 4);
	assert_problem("takes no <query>", 5);
	assert_problem("check id 'C1' used twice", 6);
	ck_assert_int_eq(
	    parse("checklists/IA.xml",
		"<checklist id=\"IA\">\n"
		"  <check id=\"C1\" type=\"recheck\" severity=\"minor\"/>\n"
		"</checklist>\n",
		NULL),
	    CF_EINVALID);
	ck_assert_int_eq(diags.v[0].line, 2);
	ck_assert_int_eq(
	    parse("checklists/IA.xml",
		"<checklist id=\"IA\">\n"
		"  <sampling confidence=\"0.95\" tolerable=\"0.05\" expected=\"0.05\"/>\n"
		"  <check id=\"K1\" type=\"on-time-rate\" severity=\"minor\" min=\"0.95\"/>\n"
		"</checklist>\n",
		NULL),
	    CF_EINVALID);
	assert_problem("expected must be below tolerable", 2);
	ck_assert_int_eq(
	    parse("checklists/IA.xml",
		"<checklist id=\"IA\">\n"
		"  <check id=\"K1\" type=\"on-time-rate\" severity=\"minor\" min=\"0.95\"/>\n"
		"</checklist>\n",
		&doc),
	    0);
	/* Defaults: scope *, DOMAIN's 95 % / 5 % / 0, seed = id. */
	ck_assert_str_eq(doc->u.list.scope, "*");
	ck_assert_int_eq(doc->u.list.confidence.num, 95);
	ck_assert_int_eq(doc->u.list.tolerable.num, 5);
	ck_assert_int_eq(doc->u.list.expected.num, 0);
	ck_assert_str_eq(doc->u.list.seed, "IA");
	ck_assert_int_eq(doc->u.list.checks[0].min.num, 95);
	ck_assert_int_eq(doc->u.list.checks[0].min.den, 100);
	cf_doc_free(doc);
}
END_TEST

START_TEST(test_worktree_strays)
{
	struct cf_docset set = CF_DOCSET_INIT;

	write_file(tmp_path("procedures/notes.txt"), "hello");
	write_file(tmp_path("procedures/P-1.xml"),
	    PROC_HEAD "  <steps><step id=\"a\"/></steps>\n</procedure>\n");
	reset();
	ck_assert_int_eq(cf_docset_load_worktree(&set, test_tmp, &diags),
	    CF_EINVALID);
	ck_assert_uint_eq(set.n, 1);
	ck_assert_uint_eq(set.nfiles, 2);
	assert_problem("not a document", 0);
	cf_docset_release(&set);
}
END_TEST

static void
teardown_all(void)
{
	reset();
	cf_doc_schemas_release();
}

/* The allowed signers: git's format, judged line by line. */
#define ED_KEY "AAAAC3NzaC1lZDI1NTE5AAAAIOwligfw6eQ6bAYNaRFYwBk7hhUVMRHq3I+8ZnnoXANY"
START_TEST(test_allowed_signers)
{
	struct cf_doc *doc = NULL;
	const char *good =
	    "# who may sign\n"
	    "\n"
	    "li@x.cn ssh-ed25519 " ED_KEY " li's laptop\n"
	    "  \"wang five@x.cn\",w@x.cn namespaces=\"git\","
	    "valid-after=\"20260101\",valid-before=\"20270101Z\" "
	    "ssh-ed25519 " ED_KEY "\r\n"
	    "*@x.cn cert-authority ssh-ed25519 " ED_KEY "\n";
	const char *bad =
	    "li@x.cn ssh-ed25519 AAAAnotakey\n"		  /* 1 */
	    "li@x.cn\n"					  /* 2 */
	    "li@x.cn foo=\"1\" ssh-ed25519 " ED_KEY "\n"	  /* 3 */
	    "li@x.cn valid-before=2027 ssh-ed25519 " ED_KEY "\n" /* 4 */
	    "li@x.cn valid-before=\"2027\" ssh-ed25519 " ED_KEY "\n" /* 5 */
	    "\"li@x.cn ssh-ed25519 " ED_KEY "\n"		  /* 6 */
	    "li@x.cn ssh-dss " ED_KEY "\n"			  /* 7 */
	    "li@x.cn ssh-rsa " ED_KEY "\n";			  /* 8 */

	ck_assert_int_eq(parse("signers/allowed_signers", good, &doc), 0);
	ck_assert_int_eq(doc->type, CF_DOC_SIGNERS);
	ck_assert_str_eq(cf_doc_id(doc), "signers");
	ck_assert_uint_eq(doc->u.signers.n, 3);
	ck_assert_str_eq(doc->u.signers.v[0].principals, "li@x.cn");
	ck_assert_int_eq(doc->u.signers.v[0].line, 3);
	ck_assert_str_eq(doc->u.signers.v[0].fingerprint,
	    "SHA256:Vx1EMrGRF7afuqZSr8O+BDxF/d8Cje0UsTq56bvz8k4");
	ck_assert_str_eq(doc->u.signers.v[1].namespaces, "git");
	ck_assert_str_eq(doc->u.signers.v[1].valid_before, "20270101Z");
	ck_assert_str_eq(doc->u.signers.v[1].principals,
	    "\"wang five@x.cn\",w@x.cn");
	ck_assert(doc->u.signers.v[2].cert_authority);
	ck_assert_str_eq(doc->u.signers.text, good);
	cf_doc_free(doc);

	ck_assert_int_eq(parse("signers/allowed_signers", bad, NULL),
	    CF_EINVALID);
	assert_problem("the ssh-ed25519 key does not parse", 1);
	assert_problem("no key", 2);
	assert_problem("unknown option 'foo=\"1\"'", 3);
	assert_problem("needs a quoted value", 4);
	assert_problem("is no time", 5);
	assert_problem("a quote is not closed", 6);
	assert_problem("'ssh-dss' is no key type", 7);
	assert_problem("the ssh-rsa key does not parse", 8);
	ck_assert_uint_eq(diags.n, 8);
	/* Only allowed_signers lives in signers/. */
	enum cf_doc_type t;
	ck_assert_int_eq(cf_doc_type_of_path("signers/allowed_signers", &t), 0);
	ck_assert_int_eq(t, CF_DOC_SIGNERS);
	ck_assert_int_eq(cf_doc_type_of_path("signers/other", &t),
	    CF_ENOTFOUND);
	ck_assert_int_eq(cf_doc_type_of_path("signers/x.xml", &t),
	    CF_ENOTFOUND);
	reset();
}
END_TEST

Suite *
document_suite(void)
{
	Suite *s = suite_create("document");
	TCase *tc = tcase_create("rules");

	tcase_add_checked_fixture(tc, tmp_setup, tmp_teardown);
	tcase_add_checked_fixture(tc, NULL, teardown_all);
	tcase_add_test(tc, test_example_center_valid);
	tcase_add_test(tc, test_procedure_fields);
	tcase_add_test(tc, test_procedure_markers);
	tcase_add_test(tc, test_marker_schema);
	tcase_add_test(tc, test_marker_rules);
	tcase_add_test(tc, test_marker_is_no_step);
	tcase_add_test(tc, test_on_the_spot_markers);
	tcase_add_test(tc, test_id_must_match_file);
	tcase_add_test(tc, test_duplicate_step_and_material);
	tcase_add_test(tc, test_not_same_actor_as_unknown);
	tcase_add_test(tc, test_on_the_spot_committed);
	tcase_add_test(tc, test_date_must_exist);
	tcase_add_test(tc, test_schema_violation);
	tcase_add_test(tc, test_wrong_folder_and_root);
	tcase_add_test(tc, test_standard_file_name);
	tcase_add_test(tc, test_calendar_rules);
	tcase_add_test(tc, test_one_calendar_per_year);
	tcase_add_test(tc, test_checklist_rules);
	tcase_add_test(tc, test_worktree_strays);
	tcase_add_test(tc, test_allowed_signers);
	suite_add_tcase(s, tc);
	return s;
}
