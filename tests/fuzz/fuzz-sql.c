/* SPDX-License-Identifier: MIT */
/*
 * fuzz-sql.c - the sql check sandbox (audits/sqlcheck.c): the input is a
 * query, prepared and run as an audit would on a sandbox of three cases
 * and their events, with a time limit of 100 ms.
 *
 * Promises checked:
 *   - a query that prepares compiles to a program that opens no b-tree
 *     but those of `cases`, `events` and their indexes, writes none and
 *     opens no virtual table (cf_sqlcheck_reads_only_views: EXPLAIN, not
 *     the authorizer, says so);
 *   - a run ends (the bounds hold: it returns, whatever the query), and
 *     SQLite's heap limit is what it was before;
 *   - every subject is text: UTF-8 without control characters, at most
 *     CF_SQL_SUBJECT_MAX bytes;
 *   - the sandbox answers the same known query after every input;
 *   - every error is one line of UTF-8.
 */
#include "fuzz.h"
#include "date.h"
#include "record.h"
#include "sqlcheck.h"

#include <sqlite3.h>

static struct cf_sqlbox *box;
static struct cf_tz *utc; /* kept: the sandbox lives as long as the run */

static void
add(struct cf_tz *tz, const char *id, const char *proc, int64_t sec)
{
	static const char *const mats[] = { "M1", "M2" };
	struct cf_event ev[2];
	struct cf_case c;

	memset(&c, 0, sizeof c);
	memset(ev, 0, sizeof ev);
	c.id = id;
	c.procedure_id = proc;
	c.accepted.sec = sec;
	c.completed = true;
	c.completed_at.sec = sec + 86400;
	c.fee_recorded = true;
	c.fee_fen = 5000;
	c.materials_recorded = true;
	c.materials = mats;
	c.nmaterials = 2;
	c.window = "W01";
	ev[0].activity = "accept";
	ev[0].ts.sec = sec;
	ev[0].actor = "a01";
	ev[1].activity = "approve";
	ev[1].ts.sec = sec + 3600;
	ev[1].role = "director";
	c.events = ev;
	c.nevents = 2;
	if (cf_sqlbox_add(box, tz, &c) < 0)
		abort();
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	if (cf_tz_open(&utc, "UTC") < 0 || cf_sqlbox_new(&box, 100) < 0)
		abort();
	add(utc, "C1", "P-A-001", 1772352000); /* 2026-03-01 */
	add(utc, "C2", "P-A-001", 1772438400);
	add(utc, "C3", "P-B-001", 1772524800);
	return 0;
}

static void
known(void)
{
	struct cf_sqlcheck *q;
	struct cf_strv s = CF_STRV_INIT;

	FUZZ_CHECK(cf_sqlcheck_prepare(&q, box, "K",
		       "SELECT c.case_id FROM cases c JOIN events e USING "
		       "(case_id) WHERE e.activity = 'approve'") == 0,
	    "%s", cf_error_message());
	if (cf_sqlcheck_run(q, "2026-03-01", "2026-03-31", &s) < 0) {
		/* A loaded machine may stop the fuzzer for 100 ms: that is
		 * the bound holding, not a broken promise. */
		FUZZ_CHECK(strstr(cf_error_message(), "ran out of time"),
		    "the known query: %s", cf_error_message());
	} else
		FUZZ_CHECK(s.n == 3, "the known query: %zu subjects", s.n);
	cf_strv_release(&s);
	cf_sqlcheck_free(q);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cf_sqlcheck *q;
	struct cf_strv s = CF_STRV_INIT;
	char *text;
	sqlite3_int64 heap = sqlite3_hard_heap_limit64(-1);

	if (size > 4096)
		return 0;
	text = cf_xstrndup((const char *)data, size);
	if (cf_sqlcheck_prepare(&q, box, "F", text) < 0) {
		fuzz_check_message("refusal", cf_error_message());
		free(text);
		return 0;
	}
	FUZZ_CHECK(cf_sqlcheck_reads_only_views(q) == 0, "'%s': %s", text,
	    cf_error_message());
	if (cf_sqlcheck_run(q, "2026-03-01", "2026-03-31", &s) < 0)
		fuzz_check_message("run error", cf_error_message());
	FUZZ_CHECK(sqlite3_hard_heap_limit64(-1) == heap,
	    "the heap limit was not put back");
	for (size_t i = 0; i < s.n; i++)
		FUZZ_CHECK(strlen(s.v[i]) <= CF_SQL_SUBJECT_MAX &&
			cf_text_printable(s.v[i], strlen(s.v[i])),
		    "subject %zu of '%s' is not text", i, text);
	cf_strv_release(&s);
	cf_sqlcheck_free(q);
	known();
	free(text);
	return 0;
}
