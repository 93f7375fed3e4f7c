/* SPDX-License-Identifier: MIT */
/* fuzz-rows.c - the row checks of the CSV and XES targets (fuzz-rows.h). */
#include "fuzz.h"
#include "fuzz-rows.h"
#include "date.h"
#include "rows.h"

#include <unistd.h>

static struct cf_tz *tz;
const char *fuzz_rows_encoding;
static struct cf_strv known = CF_STRV_INIT;

void
fuzz_rows_init(void)
{
	/* Asia/Shanghai had summer time 1986-1991: gaps and folds. */
	if (cf_tz_open(&tz, "Asia/Shanghai") < 0 && cf_tz_open(&tz, "UTC") < 0)
		abort();
	cf_strv_push(&known, "P-T-001");
	cf_strv_push(&known, "P-BIZ-001");
	cf_strv_push(&known, "P");
	cf_strv_sort(&known);
}

struct ctx {
	struct fuzz_rows_stats *st;
	struct cf_buf packed;
	struct cf_diags diags;
};

static bool
str_eq(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

static void
check_text(const char *what, const char *s)
{
	if (s)
		FUZZ_CHECK(cf_utf8_valid(s, strlen(s), NULL), "%s not UTF-8",
		    what);
}

/* A stored local time reads back as the same local wall clock. */
static int64_t
floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;

	return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

static void
check_local(const char *what, const struct cf_time *t, int64_t wall, cf_day day)
{
	int64_t again;
	cf_day d2;
	char text[11];

	/* The local day is the wall clock's day, and both are stable. */
	FUZZ_CHECK(floor_div(wall, 86400) == day, "%s wall %lld is not day %d",
	    what, (long long)wall, (int)day);
	cf_rows_local(tz, t, &again, &d2);
	FUZZ_CHECK(again == wall && d2 == day, "%s local time not stable",
	    what);
	/* ... and a day whose date prints as a date that parses back. */
	cf_day parsed;
	cf_day_format(day, text);
	FUZZ_CHECK(cf_day_parse(&parsed, text, 10) == 0 && parsed == day,
	    "%s local date '%s' does not parse back", what, text);
}

/* An identifier holds no C0 control, DEL or C1 control (doc/cases.md). */
static void
check_ident(const char *what, const char *s)
{
	if (s == NULL)
		return;
	check_text(what, s);
	for (const unsigned char *u = (const unsigned char *)s; *u; u++)
		FUZZ_CHECK(*u >= 0x20 && *u != 0x7F &&
			!(u[0] == 0xC2 && u[1] >= 0x80 && u[1] <= 0x9F),
		    "%s holds a control character", what);
}

static void
check_materials(const char *m)
{
	if (m == NULL || *m == '\0')
		return;
	check_ident("materials", m);
	FUZZ_CHECK(strstr(m, "\xEF\xBC\x9B") == NULL,
	    "materials '%s' not split on the full-width ';'", m);
	FUZZ_CHECK(strstr(m, "\xE3\x80\x80;") == NULL &&
		strstr(m, ";\xE3\x80\x80") == NULL &&
		strncmp(m, "\xE3\x80\x80", 3) != 0,
	    "materials '%s' not trimmed of U+3000", m);
	FUZZ_CHECK(m[0] != ';' && m[strlen(m) - 1] != ';' &&
		strstr(m, ";;") == NULL,
	    "materials '%s' not normalised", m);
	FUZZ_CHECK(m[0] != ' ' && strstr(m, "; ") == NULL &&
		strstr(m, " ;") == NULL && m[strlen(m) - 1] != ' ',
	    "materials '%s' not trimmed", m);
}

static void
check_packing(struct ctx *c, const struct cf_row *r)
{
	struct cf_row back;
	size_t pos = 0;

	cf_buf_reset(&c->packed);
	cf_row_put(&c->packed, r);
	FUZZ_CHECK(cf_row_get(c->packed.s, c->packed.len, &pos, &back),
	    "packed row not read back");
	FUZZ_CHECK(pos == c->packed.len, "packed row length");
	FUZZ_CHECK(back.type == r->type && back.line == r->line, "row head");
	switch (r->type) {
	case CF_ROW_CASE:
		FUZZ_CHECK(str_eq(back.c.id, r->c.id) &&
			str_eq(back.c.procedure, r->c.procedure) &&
			str_eq(back.c.materials, r->c.materials) &&
			str_eq(back.c.window, r->c.window) &&
			str_eq(back.c.channel, r->c.channel) &&
			str_eq(back.c.attrs, r->c.attrs) &&
			cf_time_cmp(&back.c.accepted, &r->c.accepted) == 0 &&
			back.c.completed == r->c.completed &&
			back.c.received == r->c.received &&
			back.c.received_wall == r->c.received_wall &&
			back.c.fee_fen == r->c.fee_fen,
		    "case row changed by packing");
		break;
	case CF_ROW_EVENT:
		FUZZ_CHECK(str_eq(back.e.case_id, r->e.case_id) &&
			str_eq(back.e.activity, r->e.activity) &&
			str_eq(back.e.actor, r->e.actor) &&
			str_eq(back.e.role, r->e.role) &&
			str_eq(back.e.attrs, r->e.attrs) &&
			cf_time_cmp(&back.e.ts, &r->e.ts) == 0 &&
			back.e.ts_wall == r->e.ts_wall,
		    "event row changed by packing");
		break;
	case CF_ROW_EVAL:
		FUZZ_CHECK(str_eq(back.v.case_id, r->v.case_id) &&
			str_eq(back.v.channel, r->v.channel) &&
			str_eq(back.v.comment, r->v.comment) &&
			str_eq(back.v.attrs, r->v.attrs) &&
			cf_time_cmp(&back.v.rated_at, &r->v.rated_at) == 0 &&
			back.v.rating == r->v.rating &&
			back.v.real_name == r->v.real_name &&
			back.v.revisited == r->v.revisited &&
			back.v.rectified == r->v.rectified,
		    "evaluation row changed by packing");
		break;
	default:
		FUZZ_CHECK(str_eq(back.msg, r->msg) &&
			str_eq(back.case_id, r->case_id) &&
			back.status == r->status && back.rows == r->rows,
		    "row changed by packing");
		break;
	}
}

static int
on_row(const struct cf_row *r, void *payload)
{
	struct ctx *c = payload;

	FUZZ_CHECK(c->st->ends == 0, "a row after the end row");
	switch (r->type) {
	case CF_ROW_CASE:
		c->st->cases++;
		FUZZ_CHECK(r->c.id && *r->c.id, "case without id");
		FUZZ_CHECK(r->c.procedure && *r->c.procedure,
		    "case without procedure");
		check_ident("case id", r->c.id);
		check_ident("procedure", r->c.procedure);
		check_ident("window", r->c.window);
		check_ident("channel", r->c.channel);
		check_local("accepted", &r->c.accepted, r->c.accepted_wall,
		    r->c.accepted_day);
		if (r->c.completed) {
			FUZZ_CHECK(cf_time_cmp(&r->c.completed_at,
				       &r->c.accepted) >= 0,
			    "completed before accepted");
			check_local("completed", &r->c.completed_at,
			    r->c.completed_wall, r->c.completed_day);
		}
		if (r->c.received)
			FUZZ_CHECK(cf_time_cmp(&r->c.received_at,
				       &r->c.accepted) <= 0,
			    "received after accepted");
		FUZZ_CHECK(!r->c.has_fee || r->c.fee_fen >= 0, "fee < 0");
		check_materials(r->c.materials);
		if (r->c.attrs)
			fuzz_check_json_keys(r->c.attrs);
		break;
	case CF_ROW_EVENT:
		c->st->events++;
		FUZZ_CHECK(r->e.case_id && *r->e.case_id, "event without case");
		FUZZ_CHECK(r->e.activity && *r->e.activity,
		    "event without activity");
		check_ident("case id", r->e.case_id);
		check_ident("activity", r->e.activity);
		check_ident("actor", r->e.actor);
		check_ident("role", r->e.role);
		FUZZ_CHECK(r->e.ts.sec + 18 * 3600 >=
			    r->e.ts_wall - 18 * 3600 &&
			r->e.ts_wall - r->e.ts.sec <= 18 * 3600 &&
			r->e.ts.sec - r->e.ts_wall <= 18 * 3600,
		    "event local time more than 18 hours from UTC");
		if (r->e.attrs)
			fuzz_check_json_keys(r->e.attrs);
		break;
	case CF_ROW_EVAL:
		/* doc/cases.md "Evaluations" */
		FUZZ_CHECK(r->v.case_id && *r->v.case_id,
		    "evaluation without case");
		check_ident("case id", r->v.case_id);
		check_ident("channel", r->v.channel);
		check_text("comment", r->v.comment);
		FUZZ_CHECK(r->v.rating >= 1 && r->v.rating <= 5,
		    "rating %d outside 1..5", r->v.rating);
		FUZZ_CHECK(r->v.real_name >= -1 && r->v.real_name <= 1,
		    "real_name %d", r->v.real_name);
		FUZZ_CHECK(!r->v.revisited ||
			cf_time_cmp(&r->v.revisit_at, &r->v.rated_at) >= 0,
		    "revisit before the rating");
		FUZZ_CHECK(!r->v.rectified ||
			cf_time_cmp(&r->v.rectified_at, &r->v.rated_at) >= 0,
		    "rectification before the rating");
		if (r->v.attrs)
			fuzz_check_json_keys(r->v.attrs);
		break;
	case CF_ROW_BAD:
		c->st->bad++;
		FUZZ_CHECK(r->msg && *r->msg, "bad row without a message");
		/* As the import reports it: FILE:LINE: message. */
		cf_diags_add(&c->diags, "fuzz", r->line, 0, "%s", r->msg);
		break;
	case CF_ROW_SHEET:
		FUZZ_CHECK(r->sheet != NULL, "sheet row without a name");
		break;
	case CF_ROW_END:
		c->st->ends++;
		c->st->rows = r->rows;
		if (r->status < 0)
			FUZZ_CHECK(r->msg != NULL,
			    "failed end without message");
		if (r->msg)
			cf_diags_add(&c->diags, "fuzz", 0, 0, "%s", r->msg);
		break;
	}
	check_packing(c, r);
	return 0;
}

int
fuzz_rows(const uint8_t *data, size_t size, bool xes,
    struct fuzz_rows_stats *st)
{
	struct cf_rows_opts o = { .xes = xes, .tz = tz, .known = &known,
		.encoding = fuzz_rows_encoding };
	struct ctx c = { st, CF_BUF_INIT, CF_DIAGS_INIT };
	int fd = fuzz_fd(data, size);
	int rc;

	memset(st, 0, sizeof *st);
	rc = cf_rows_read(fd, xes ? "fuzz.xes" : "fuzz.csv", &o, on_row, &c);
	close(fd);
	FUZZ_CHECK(st->ends == 1, "%zu end rows", st->ends);
	if (xes && !(size >= 2 && data[0] == 0x1f && data[1] == 0x8b)) {
		/* Not ASCII-compatible at the start: nothing is read. */
		size_t i = size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0
		    ? 3
		    : 0;
		bool ascii = i >= size || data[i] == '<' || data[i] == ' ' ||
		    data[i] == '\t' || data[i] == '\r' || data[i] == '\n';
		ascii = ascii && (i + 1 >= size || data[i + 1] != 0);
		FUZZ_CHECK(ascii || (st->cases == 0 && st->events == 0),
		    "a log that is not ASCII-compatible gave rows");
	}
	FUZZ_CHECK(st->rows >= (int64_t)st->events, "rows < events");
	fuzz_check_diags(&c.diags);
	cf_diags_release(&c.diags);
	cf_buf_release(&c.packed);
	cf_error_clear();
	return rc;
}
