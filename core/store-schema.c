/* SPDX-License-Identifier: MIT */
/*
 * store-schema.c - the migrations of the store, in order.
 *
 * migrations[i] takes a database from user_version i to i+1.  Once a
 * version has been released its step is never edited, only followed by
 * new ones.  Tables are STRICT; times are stored as integers (UTC
 * seconds and nanoseconds, with the source's offset) and as local text
 * where a view needs it.
 */
#include "conform.h"
#include "store-schema.h"

static const char *const migrations[] = {
	/* 1: the workspace's own facts. */
	"CREATE TABLE meta ("
	"  key TEXT PRIMARY KEY,"
	"  value TEXT NOT NULL"
	") STRICT;",

	/*
	 * 2: case records (cases/, SPEC 5) and the two read-only views
	 * `sql` checks see (SPEC 6).  Every import file is a batch; every
	 * case and event names its batch and line.  case_rec is clustered
	 * by case_id and event_rec by (case_id, instant, seq), so the
	 * audit reads both in one ordered pass with no other index.  seq
	 * is global and grows with the import position (SPEC 5.3's tie
	 * break); a batch records the range it used.  Times: UTC seconds
	 * and nanoseconds, the offset the source gave (or the zone's, for
	 * a local time), and the local wall time and day in the workspace
	 * zone the batch was imported under.
	 */
	"CREATE TABLE import_batch ("
	"  batch_id INTEGER PRIMARY KEY,"
	"  file TEXT NOT NULL,"
	"  sha256 TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),"
	"  bytes INTEGER NOT NULL,"
	"  format TEXT NOT NULL"
	"    CHECK (format IN ('cases-csv', 'events-csv', 'xes')),"
	"  rows INTEGER NOT NULL,"
	"  traces INTEGER NOT NULL,"
	"  empty_traces INTEGER NOT NULL,"
	"  cases_new INTEGER NOT NULL,"
	"  cases_updated INTEGER NOT NULL,"
	"  events_new INTEGER NOT NULL,"
	"  events_skipped INTEGER NOT NULL,"
	"  seq_first INTEGER NOT NULL,"
	"  seq_end INTEGER NOT NULL,"
	"  imported_at INTEGER NOT NULL,"
	"  timezone TEXT NOT NULL"
	") STRICT;"
	"CREATE TABLE case_rec ("
	"  case_id TEXT NOT NULL PRIMARY KEY,"
	"  procedure_id TEXT NOT NULL,"
	"  accepted_sec INTEGER NOT NULL,"
	"  accepted_nsec INTEGER NOT NULL,"
	"  accepted_off INTEGER NOT NULL,"
	"  accepted_local TEXT NOT NULL,"
	"  accepted_day INTEGER NOT NULL,"
	"  completed_sec INTEGER,"
	"  completed_nsec INTEGER,"
	"  completed_off INTEGER,"
	"  completed_local TEXT,"
	"  completed_day INTEGER,"
	"  fee_fen INTEGER CHECK (fee_fen >= 0),"
	"  materials TEXT,"
	"  window TEXT,"
	"  channel TEXT,"
	"  attrs TEXT,"
	"  batch_id INTEGER NOT NULL REFERENCES import_batch(batch_id),"
	"  line INTEGER NOT NULL,"
	"  CHECK (completed_sec IS NULL OR completed_sec > accepted_sec OR"
	"    (completed_sec = accepted_sec AND"
	"     completed_nsec >= accepted_nsec))"
	") STRICT, WITHOUT ROWID;"
	"CREATE TABLE event_rec ("
	"  case_id TEXT NOT NULL REFERENCES case_rec(case_id)"
	"    DEFERRABLE INITIALLY DEFERRED,"
	"  sec INTEGER NOT NULL,"
	"  nsec INTEGER NOT NULL,"
	"  seq INTEGER NOT NULL,"
	"  off INTEGER NOT NULL,"
	"  ts_local TEXT NOT NULL,"
	"  activity TEXT NOT NULL,"
	"  actor TEXT,"
	"  role TEXT,"
	"  attrs TEXT,"
	"  batch_id INTEGER NOT NULL REFERENCES import_batch(batch_id),"
	"  line INTEGER NOT NULL,"
	"  PRIMARY KEY (case_id, sec, nsec, seq)"
	") STRICT, WITHOUT ROWID;"
	"CREATE VIEW cases (case_id, procedure_id, accepted_at, completed_at,"
	"  fee_fen, materials, window, channel) AS"
	"  SELECT case_id, procedure_id, accepted_local, completed_local,"
	"    fee_fen, materials, window, channel FROM case_rec;"
	"CREATE VIEW events (case_id, activity, ts, actor, role) AS"
	"  SELECT case_id, activity, ts_local, actor, role FROM event_rec;",

	/*
	 * (after 2) Case records keep each local time (in the workspace zone, fixed
	 * at import because SQLite knows no IANA zones) as integer
	 * wall-clock seconds - seconds since 1970-01-01 00:00 as if local
	 * time were UTC - instead of 'YYYY-MM-DD HH:MM:SS' text: a fifth
	 * of the bytes, and in WAL mode every stored byte is written twice.
	 * The views render the same text as before.  The tables are
	 * rebuilt: rows are set aside, the child table is dropped before
	 * its parent (so no foreign key is ever broken, with foreign keys
	 * on), the tables are made anew and the rows put back.
	 */
	"CREATE TEMP TABLE case_keep AS SELECT case_id, procedure_id,"
	"  accepted_sec, accepted_nsec, accepted_off,"
	"  CAST(strftime('%s', accepted_local) AS INTEGER) AS accepted_wall,"
	"  accepted_day, completed_sec, completed_nsec, completed_off,"
	"  CAST(strftime('%s', completed_local) AS INTEGER) AS completed_wall,"
	"  completed_day, fee_fen, materials, window, channel, attrs, batch_id,"
	"  line FROM case_rec;"
	"CREATE TEMP TABLE event_keep AS SELECT case_id, sec, nsec, seq, off,"
	"  CAST(strftime('%s', ts_local) AS INTEGER) AS ts_wall, activity,"
	"  actor, role, attrs, batch_id, line FROM event_rec;"
	"DROP VIEW cases;"
	"DROP VIEW events;"
	"DROP TABLE event_rec;"
	"DROP TABLE case_rec;"
	"CREATE TABLE case_rec ("
	"  case_id TEXT NOT NULL PRIMARY KEY,"
	"  procedure_id TEXT NOT NULL,"
	"  accepted_sec INTEGER NOT NULL,"
	"  accepted_nsec INTEGER NOT NULL,"
	"  accepted_off INTEGER NOT NULL,"
	"  accepted_wall INTEGER NOT NULL,"
	"  accepted_day INTEGER NOT NULL,"
	"  completed_sec INTEGER,"
	"  completed_nsec INTEGER,"
	"  completed_off INTEGER,"
	"  completed_wall INTEGER,"
	"  completed_day INTEGER,"
	"  fee_fen INTEGER CHECK (fee_fen >= 0),"
	"  materials TEXT,"
	"  window TEXT,"
	"  channel TEXT,"
	"  attrs TEXT,"
	"  batch_id INTEGER NOT NULL REFERENCES import_batch(batch_id),"
	"  line INTEGER NOT NULL,"
	"  CHECK (completed_sec IS NULL OR completed_sec > accepted_sec OR"
	"    (completed_sec = accepted_sec AND"
	"     completed_nsec >= accepted_nsec))"
	") STRICT, WITHOUT ROWID;"
	"CREATE TABLE event_rec ("
	"  case_id TEXT NOT NULL REFERENCES case_rec(case_id)"
	"    DEFERRABLE INITIALLY DEFERRED,"
	"  sec INTEGER NOT NULL,"
	"  nsec INTEGER NOT NULL,"
	"  seq INTEGER NOT NULL,"
	"  off INTEGER NOT NULL,"
	"  ts_wall INTEGER NOT NULL,"
	"  activity TEXT NOT NULL,"
	"  actor TEXT,"
	"  role TEXT,"
	"  attrs TEXT,"
	"  batch_id INTEGER NOT NULL REFERENCES import_batch(batch_id),"
	"  line INTEGER NOT NULL,"
	"  PRIMARY KEY (case_id, sec, nsec, seq)"
	") STRICT, WITHOUT ROWID;"
	"INSERT INTO case_rec SELECT * FROM temp.case_keep ORDER BY case_id;"
	"INSERT INTO event_rec SELECT * FROM temp.event_keep"
	"  ORDER BY case_id, sec, nsec, seq;"
	"DROP TABLE temp.case_keep;"
	"DROP TABLE temp.event_keep;"
	"CREATE VIEW cases (case_id, procedure_id, accepted_at, completed_at,"
	"  fee_fen, materials, window, channel) AS"
	"  SELECT case_id, procedure_id, datetime(accepted_wall, 'unixepoch'),"
	"    datetime(completed_wall, 'unixepoch'), fee_fen, materials, window,"
	"    channel FROM case_rec;"
	"CREATE VIEW events (case_id, activity, ts, actor, role) AS"
	"  SELECT case_id, activity, datetime(ts_wall, 'unixepoch'), actor, role"
	"  FROM event_rec;",
};

size_t
cf_store_schema_count(void)
{
	return CF_ARRAY_LEN(migrations);
}

const char *
cf_store_schema_step(size_t i)
{
	return i < CF_ARRAY_LEN(migrations) ? migrations[i] : NULL;
}
