/* SPDX-License-Identifier: MIT */
/*
 * cmd-cases-show.c - `conform cases show ID [--format FORMAT] [-o FILE]`:
 * one stored case as it stands now - its fields, its events in their
 * order (doc/cases.md) and its 好差评 evaluations by rated_at then
 * channel (doc/cases.md "Evaluations") - as one listing of
 * (record, n, field, value) rows (cli/listout.h), so that the table, CSV
 * and JSON all hold every field, one not recorded as empty (null in
 * JSON).  Times are local, in the workspace zone.
 */
#include "conform.h"
#include "amount.h"
#include "cmd.h"
#include "listing.h"
#include "listout.h"
#include "reader.h"
#include "workspace.h"

#include <stdio.h>
#include <string.h>

static const struct cf_option options[] = {
	CF_LISTOUT_OPTIONS_,
	CF_OPT_END_,
};

static const struct cf_column columns[] = {
	{ "record", CF_COL_TEXT },
	{ "n", CF_COL_INT },
	{ "field", CF_COL_TEXT },
	{ "value", CF_COL_TEXT },
};

struct show {
	struct cf_listing *l;
	struct cf_tz *tz;
	const char *record;
	int64_t n;
};

static void
put(struct show *s, const char *field, const char *value)
{
	cf_listing_row(s->l);
	cf_listing_cell(s->l, s->record);
	cf_listing_cell_int(s->l, s->n);
	cf_listing_cell(s->l, field);
	cf_listing_cell(s->l, value);
}

static void
put_time(struct show *s, const char *field, bool set, const struct cf_time *t)
{
	char buf[64];

	if (!set) {
		put(s, field, NULL);
		return;
	}
	cf_time_format_local(t, s->tz, true, buf, sizeof buf);
	put(s, field, buf);
}

static void
show_case(struct show *s, const struct cf_case *c)
{
	char buf[64];
	struct cf_buf m = CF_BUF_INIT;

	s->record = "case";
	s->n = 1;
	put(s, "case_id", c->id);
	put(s, "procedure_id", c->procedure_id);
	put_time(s, "received_at", c->received, &c->received_at);
	put_time(s, "accepted_at", true, &c->accepted);
	put_time(s, "completed_at", c->completed, &c->completed_at);
	if (c->fee_recorded)
		cf_amount_format(c->fee_fen, buf, sizeof buf);
	put(s, "fee_charged", c->fee_recorded ? buf : NULL);
	if (c->materials_recorded) {
		cf_buf_adds(&m, "");
		for (size_t i = 0; i < c->nmaterials; i++) {
			if (i)
				cf_buf_addc(&m, ';');
			cf_buf_adds(&m, c->materials[i]);
		}
	}
	put(s, "materials", c->materials_recorded ? m.s : NULL);
	cf_buf_release(&m);
	put(s, "window", c->window);
	put(s, "channel", c->channel);
	s->record = "event";
	for (size_t i = 0; i < c->nevents; i++) {
		const struct cf_event *e = &c->events[i];
		s->n = (int64_t)i + 1;
		put(s, "activity", e->activity);
		put_time(s, "timestamp", true, &e->ts);
		put(s, "actor", e->actor);
		put(s, "role", e->role);
	}
	s->record = "evaluation";
	for (size_t i = 0; i < c->nevaluations; i++) {
		const struct cf_evaluation *v = &c->evaluations[i];
		s->n = (int64_t)i + 1;
		put_time(s, "rated_at", true, &v->rated_at);
		snprintf(buf, sizeof buf, "%d", v->rating);
		put(s, "rating", buf);
		put(s, "channel", v->channel);
		put(s, "real_name",
		    v->real_name < 0 ? NULL
			: v->real_name ? "yes"
				       : "no");
		put_time(s, "revisit_at", v->revisited, &v->revisit_at);
		put_time(s, "rectified_at", v->rectified, &v->rectified_at);
		put(s, "comment", v->comment);
	}
}

static int
cmd_cases_show_exec(struct cf_cmd *cmd)
{
	const char *id = cmd->args.argv[0];
	struct cf_case_reader *rd = NULL;
	const struct cf_case *c = NULL;
	struct cf_listout lo;
	struct cf_store *st;
	struct show s;
	int rc;

	if ((rc = cf_listout_parse(cmd, &lo)) < 0)
		return rc;
	if ((rc = cf_ws_store(cmd->ws, &st)) < 0 ||
	    (rc = cf_ws_tz(cmd->ws, &s.tz)) < 0 ||
	    (rc = cf_case_reader_open_one(&rd, st, id)) < 0)
		return rc;
	if ((rc = cf_case_reader_next(rd, &c)) < 0)
		goto out;
	if (rc == 0) {
		rc = cf_error_set(CF_ENOTFOUND,
		    "no case '%s' is stored, expected the case_id of an "
		    "imported case",
		    id);
		goto out;
	}
	if ((rc = cf_listout_open(cmd, &lo)) < 0)
		goto out;
	s.l = cf_listing_new_named(lo.f, lo.fmt, "case", columns,
	    CF_ARRAY_LEN(columns));
	show_case(&s, c);
	rc = cf_listing_end(s.l);
	rc = cf_listout_close(cmd, &lo, rc, "the case");
out:
	cf_case_reader_free(rd);
	return rc;
}

const struct cf_cmd_entry cmd_cases_show_entry = {
	.name = "cases show",
	.usage = "ID [--format FORMAT] [--excel] [-o FILE]",
	.summary = "show one stored case, its events and its evaluations",
	.help =
	    "Shows the stored case ID as it stands now: its fields, its\n"
	    "events in their order (instant, then import order) and its\n"
	    "好差评 evaluations (by rated_at, then channel), one row per\n"
	    "field: record (case, event, evaluation), n (the event's or the\n"
	    "evaluation's number), field and value; times are local, in the\n"
	    "workspace timezone.  A field not recorded is an empty value\n"
	    "(null in JSON).  Nothing is cut at a date: an audit sees the\n"
	    "records as they stood at the end of its --to.\n",
	.options = options,
	.min_args = 1,
	.max_args = 1,
	.flags = CF_CMD_WORKSPACE,
	.exec = cmd_cases_show_exec,
};
