/* SPDX-License-Identifier: MIT */
/*
 * stats.c - case counts (see stats.h).  Each group is one GROUP BY over
 * case_rec, a full scan (a million cases take a fraction of a second).
 */
#include "conform.h"
#include "stats.h"

static const struct {
	const char *by;
	const char *sql;
} groups[] = {
	{ "procedure",
	    "SELECT procedure_id, count(*), count(completed_sec) "
	    "FROM case_rec GROUP BY 1 ORDER BY 1" },
	{ "window",
	    "SELECT window, count(*), count(completed_sec) "
	    "FROM case_rec GROUP BY 1 ORDER BY 1" },
	{ "channel",
	    "SELECT channel, count(*), count(completed_sec) "
	    "FROM case_rec GROUP BY 1 ORDER BY 1" },
	{ "month",
	    "SELECT strftime('%Y-%m', accepted_wall, 'unixepoch'), count(*), "
	    "count(completed_sec) FROM case_rec GROUP BY 1 ORDER BY 1" },
	{ "all", "SELECT NULL, count(*), count(completed_sec) FROM case_rec" },
};

int
cf_cases_stats(struct cf_store *st, cf_stats_fn fn, void *payload)
{
	for (size_t g = 0; g < CF_ARRAY_LEN(groups); g++) {
		sqlite3_stmt *s;
		int rc;

		if ((rc = cf_store_prepare(st, &s, groups[g].sql)) < 0)
			return rc;
		while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			struct cf_stats_row row;
			row.by = groups[g].by;
			row.value = (const char *)sqlite3_column_text(s, 0);
			row.cases = sqlite3_column_int64(s, 1);
			row.completed = sqlite3_column_int64(s, 2);
			row.pending = row.cases - row.completed;
			fn(&row, payload);
		}
		if (rc != SQLITE_DONE) {
			rc = cf_store_error(st, "counting cases");
			sqlite3_finalize(s);
			return rc;
		}
		sqlite3_finalize(s);
	}
	return 0;
}
