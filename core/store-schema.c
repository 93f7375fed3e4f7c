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
	 * 2: case records (cases/, doc/cases.md) and the two read-only views
	 * `sql` checks see (doc/checks.md).  Every import file is a batch;
	 * every case and event names its batch and line.  case_rec is
	 * clustered by case_id and event_rec by (case_id, instant, seq), so
	 * the audit reads both in one ordered pass with no other index.  seq
	 * is global and grows with the import position (doc/cases.md's tie
	 * break); a batch records the range it used.  Times: UTC seconds and
	 * nanoseconds, the offset the source gave (or the zone's, for a local
	 * time), and the local wall time and day in the workspace zone the
	 * batch was imported under.
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

	/* 3: the cache of the document version index (procedures/doccache.c);
	 * its key (HEAD:version:zone) is meta 'doc-index'. */
	"CREATE TABLE doc_version ("
	"  seq INTEGER PRIMARY KEY,"
	"  type INTEGER NOT NULL,"
	"  id TEXT NOT NULL,"
	"  path TEXT NOT NULL,"
	"  ord INTEGER NOT NULL,"
	"  commit_id TEXT NOT NULL,"
	"  blob TEXT,"
	"  commit_time INTEGER NOT NULL,"
	"  commit_off INTEGER NOT NULL,"
	"  effective_from INTEGER NOT NULL,"
	"  deleted INTEGER NOT NULL,"
	"  author_name TEXT NOT NULL,"
	"  author_email TEXT NOT NULL,"
	"  approver_name TEXT,"
	"  approver_email TEXT,"
	"  subject TEXT NOT NULL,"
	"  invalid TEXT"
	") STRICT;",

	/* 4: the tamper-evident trail (core/trail.c); its head is meta
	 * 'trail-head'. */
	"CREATE TABLE trail ("
	"  seq INTEGER PRIMARY KEY,"
	"  at INTEGER NOT NULL,"
	"  actor TEXT NOT NULL,"
	"  what TEXT NOT NULL,"
	"  subject TEXT NOT NULL,"
	"  data TEXT NOT NULL,"
	"  prev TEXT NOT NULL,"
	"  hash TEXT NOT NULL"
	") STRICT;",

	/* 5: audits and their findings (audits/auditdb.c).  A case's results
	 * are one row per case (one letter per check of the checklist: p, f,
	 * n, e, or '-' for a check that does not judge cases); the finding
	 * table holds every result but the passes of case checks, with its
	 * detail.  Versions used are numbered per audit (audit_version). */
	"CREATE TABLE audit ("
	"  id INTEGER PRIMARY KEY,"
	"  checklist_id TEXT NOT NULL,"
	"  checklist_title TEXT,"
	"  checklist_commit TEXT NOT NULL,"
	"  documents_commit TEXT NOT NULL,"
	"  period_from INTEGER NOT NULL,"
	"  period_to INTEGER NOT NULL,"
	"  scope TEXT NOT NULL,"
	"  population INTEGER NOT NULL,"
	"  sampled INTEGER NOT NULL,"
	"  sample_size INTEGER,"
	"  sample_seed TEXT,"
	"  confidence TEXT,"
	"  tolerable TEXT,"
	"  expected TEXT,"
	"  started_at INTEGER NOT NULL,"
	"  finished_at INTEGER NOT NULL,"
	"  actor TEXT NOT NULL,"
	"  timezone TEXT NOT NULL"
	") STRICT;"
	"CREATE TABLE audit_batch ("
	"  audit_id INTEGER NOT NULL REFERENCES audit(id),"
	"  sha256 TEXT NOT NULL,"
	"  file TEXT NOT NULL,"
	"  PRIMARY KEY (audit_id, sha256)"
	") STRICT, WITHOUT ROWID;"
	"CREATE TABLE audit_check ("
	"  audit_id INTEGER NOT NULL REFERENCES audit(id),"
	"  pos INTEGER NOT NULL,"
	"  check_id TEXT NOT NULL,"
	"  type TEXT NOT NULL,"
	"  severity TEXT NOT NULL,"
	"  clause TEXT NOT NULL,"
	"  title TEXT,"
	"  n_pass INTEGER NOT NULL,"
	"  n_fail INTEGER NOT NULL,"
	"  n_na INTEGER NOT NULL,"
	"  n_error INTEGER NOT NULL,"
	"  upper_limit TEXT,"
	"  PRIMARY KEY (audit_id, pos)"
	") STRICT, WITHOUT ROWID;"
	"CREATE TABLE audit_version ("
	"  audit_id INTEGER NOT NULL REFERENCES audit(id),"
	"  vid INTEGER NOT NULL,"
	"  document_id TEXT NOT NULL,"
	"  commit_id TEXT NOT NULL,"
	"  PRIMARY KEY (audit_id, vid)"
	") STRICT, WITHOUT ROWID;"
	"CREATE TABLE audit_case ("
	"  audit_id INTEGER NOT NULL REFERENCES audit(id),"
	"  case_id TEXT NOT NULL,"
	"  vid INTEGER,"
	"  results TEXT NOT NULL,"
	"  PRIMARY KEY (audit_id, case_id)"
	") STRICT, WITHOUT ROWID;"
	"CREATE TABLE finding ("
	"  audit_id INTEGER NOT NULL REFERENCES audit(id),"
	"  pos INTEGER NOT NULL,"
	"  subject TEXT NOT NULL,"
	"  result TEXT NOT NULL,"
	"  vid INTEGER,"
	"  detail TEXT NOT NULL,"
	"  PRIMARY KEY (audit_id, pos, subject)"
	") STRICT, WITHOUT ROWID;",

	/* 6: nonconformities and corrective actions (audits/ncr.c).  Their
	 * history is the trail (subject NCR-NNNN). */
	"CREATE TABLE ncr ("
	"  number INTEGER PRIMARY KEY,"
	"  checklist_id TEXT NOT NULL,"
	"  check_id TEXT NOT NULL,"
	"  check_type TEXT NOT NULL,"
	"  clause TEXT NOT NULL,"
	"  severity TEXT NOT NULL,"
	"  state TEXT NOT NULL,"
	"  opened_at INTEGER NOT NULL,"
	"  owner TEXT,"
	"  due INTEGER,"
	"  correction TEXT,"
	"  root_cause TEXT,"
	"  method TEXT,"
	"  action TEXT,"
	"  similar TEXT,"
	"  risk_update INTEGER,"
	"  effectiveness TEXT,"
	"  implemented_at INTEGER,"
	"  verified_audit INTEGER REFERENCES audit(id),"
	"  closed_on INTEGER,"
	"  rejection TEXT,"
	"  recurrence_of INTEGER REFERENCES ncr(number)"
	") STRICT;"
	"CREATE INDEX ncr_by_check ON ncr(checklist_id, check_id);"
	"CREATE TABLE ncr_subject ("
	"  ncr INTEGER NOT NULL REFERENCES ncr(number),"
	"  audit_id INTEGER NOT NULL REFERENCES audit(id),"
	"  subject TEXT NOT NULL,"
	"  PRIMARY KEY (ncr, audit_id, subject)"
	") STRICT, WITHOUT ROWID;"
	"CREATE TABLE ncr_audit ("
	"  ncr INTEGER NOT NULL REFERENCES ncr(number),"
	"  audit_id INTEGER NOT NULL REFERENCES audit(id),"
	"  PRIMARY KEY (ncr, audit_id)"
	") STRICT, WITHOUT ROWID;",

	/*
	 * 7: case records keep each local time (in the workspace zone, fixed
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

	/*
	 * 8: records bound to the trail (doc/integrity.md).  Every write of
	 * a case row - its insert, or a later batch filling an empty field -
	 * names its batch and line (wrote_batch, wrote_line; batch_id and
	 * line stay those of the batch that brought the case); a state a
	 * later write replaced is kept in case_hist, so the digest of every
	 * batch's writes can be recomputed and an audit re-run over the
	 * records it saw.  completed_batch is the batch that brought the
	 * completion; an audit keeps the last batch it saw.
	 */
	"ALTER TABLE case_rec ADD COLUMN wrote_batch INTEGER NOT NULL"
	"  DEFAULT 0;"
	"ALTER TABLE case_rec ADD COLUMN wrote_line INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE case_rec ADD COLUMN completed_batch INTEGER;"
	"UPDATE case_rec SET wrote_batch = batch_id, wrote_line = line,"
	"  completed_batch = CASE WHEN completed_sec IS NULL THEN NULL"
	"  ELSE batch_id END;"
	"CREATE TABLE case_hist ("
	"  case_id TEXT NOT NULL,"
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
	"  fee_fen INTEGER,"
	"  materials TEXT,"
	"  window TEXT,"
	"  channel TEXT,"
	"  attrs TEXT,"
	"  batch_id INTEGER NOT NULL,"
	"  line INTEGER NOT NULL,"
	"  wrote_batch INTEGER NOT NULL,"
	"  wrote_line INTEGER NOT NULL,"
	"  completed_batch INTEGER,"
	"  PRIMARY KEY (case_id, wrote_batch)"
	") STRICT, WITHOUT ROWID;"
	"ALTER TABLE audit ADD COLUMN last_batch INTEGER;",

	/*
	 * 9: how each document version's approver is known
	 * (doc/integrity.md "Approvals are signatures"): 'signed',
	 * 'recorded' or 'claimed' (NULL: not approved), and a note saying
	 * why a claimed one does not count.  The cache is dropped: it is
	 * rebuilt with the kinds on next use.
	 */
	"ALTER TABLE doc_version ADD COLUMN approval TEXT;"
	"ALTER TABLE doc_version ADD COLUMN approval_note TEXT;"
	"DELETE FROM doc_version;"
	"DELETE FROM meta WHERE key = 'doc-index';",

	/*
	 * 10: records that are corrected, not rewritten (doc/ncr.md,
	 * doc/audits.md).  An amendment of a verified or closed NCR's field
	 * is kept beside the original value, which stays in ncr; a void
	 * audit keeps its rows and gets a row here saying why, when and by
	 * whom.
	 */
	"CREATE TABLE ncr_amendment ("
	"  ncr INTEGER NOT NULL REFERENCES ncr(number),"
	"  seq INTEGER NOT NULL,"
	"  field TEXT NOT NULL,"
	"  value TEXT NOT NULL,"
	"  reason TEXT NOT NULL,"
	"  at INTEGER NOT NULL,"
	"  actor TEXT NOT NULL,"
	"  PRIMARY KEY (ncr, seq)"
	") STRICT, WITHOUT ROWID;"
	"CREATE TABLE audit_void ("
	"  audit_id INTEGER PRIMARY KEY REFERENCES audit(id),"
	"  reason TEXT NOT NULL,"
	"  at INTEGER NOT NULL,"
	"  actor TEXT NOT NULL"
	") STRICT;",

	/*
	 * 11: the import profile a batch was read through (doc/cases.md
	 * "Import profiles"): its id and the commit of the version in
	 * force, both NULL for a file read by its own header or as XES.
	 */
	"ALTER TABLE import_batch ADD COLUMN profile_id TEXT;"
	"ALTER TABLE import_batch ADD COLUMN profile_commit TEXT"
	"  CHECK (profile_commit IS NULL OR length(profile_commit) = 40);",

	/*
	 * 12: a batch read from a sheet of an .xlsx workbook says so:
	 * 'cases-xlsx' or 'events-xlsx' (doc/cases.md "Spreadsheets"), not
	 * the CSV its rows are checked like.  A CHECK is widened by
	 * rebuilding the table (SQLite's ALTER TABLE cannot change one);
	 * the migration runs with foreign keys off and checks them before
	 * it commits (store.c).
	 */
	"CREATE TABLE import_batch_new ("
	"  batch_id INTEGER PRIMARY KEY,"
	"  file TEXT NOT NULL,"
	"  sha256 TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),"
	"  bytes INTEGER NOT NULL,"
	"  format TEXT NOT NULL"
	"    CHECK (format IN ('cases-csv', 'events-csv', 'xes',"
	"      'cases-xlsx', 'events-xlsx')),"
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
	"  timezone TEXT NOT NULL,"
	"  profile_id TEXT,"
	"  profile_commit TEXT"
	"    CHECK (profile_commit IS NULL OR length(profile_commit) = 40)"
	") STRICT;"
	"INSERT INTO import_batch_new SELECT * FROM import_batch;"
	"DROP TABLE import_batch;"
	"ALTER TABLE import_batch_new RENAME TO import_batch;",

	/*
	 * 13: when the application was received (doc/cases.md, `received_at`):
	 * UTC seconds and nanoseconds, the source's offset and the local
	 * wall time, as for the acceptance, all four NULL when not recorded,
	 * and never after the acceptance.  case_hist keeps the same columns.
	 * They come last, so a row without them encodes as it did before
	 * (doc/integrity.md: the received columns are part of a row's
	 * encoding only when recorded).  The `cases` view shows it.
	 */
	"ALTER TABLE case_rec ADD COLUMN received_sec INTEGER;"
	"ALTER TABLE case_rec ADD COLUMN received_nsec INTEGER;"
	"ALTER TABLE case_rec ADD COLUMN received_off INTEGER;"
	"ALTER TABLE case_rec ADD COLUMN received_wall INTEGER"
	"  CHECK ((received_sec IS NULL AND received_nsec IS NULL AND"
	"    received_off IS NULL AND received_wall IS NULL) OR"
	"   (received_sec IS NOT NULL AND received_nsec IS NOT NULL AND"
	"    received_off IS NOT NULL AND received_wall IS NOT NULL AND"
	"    (received_sec < accepted_sec OR (received_sec = accepted_sec AND"
	"     received_nsec <= accepted_nsec))));"
	"ALTER TABLE case_hist ADD COLUMN received_sec INTEGER;"
	"ALTER TABLE case_hist ADD COLUMN received_nsec INTEGER;"
	"ALTER TABLE case_hist ADD COLUMN received_off INTEGER;"
	"ALTER TABLE case_hist ADD COLUMN received_wall INTEGER;"
	"DROP VIEW cases;"
	"CREATE VIEW cases (case_id, procedure_id, accepted_at, completed_at,"
	"  fee_fen, materials, window, channel, received_at) AS"
	"  SELECT case_id, procedure_id, datetime(accepted_wall, 'unixepoch'),"
	"    datetime(completed_wall, 'unixepoch'), fee_fen, materials, window,"
	"    channel, datetime(received_wall, 'unixepoch') FROM case_rec;",

	/*
	 * 14: 好差评 evaluations (doc/cases.md "Evaluations").  A batch may
	 * be an evaluations file ('evaluations-csv', 'evaluations-xlsx'),
	 * so import_batch is rebuilt to widen its CHECK (as in step 12).
	 * eval_rec holds one row per evaluation, keyed (and clustered, for
	 * the audit's one ordered pass) by its identity: the case, the
	 * rating's instant and the channel ('' when not recorded, so that
	 * the key has no NULL).  Times as for cases: UTC seconds and
	 * nanoseconds, the source's offset, the local wall time; a revisit
	 * or rectification not recorded has all four NULL.  real_name is 1
	 * (yes), 0 (no) or NULL.  As case_rec, every write names its batch
	 * and line (wrote_batch, wrote_line) and the state a later write
	 * (a refill) replaced is kept in eval_hist, so the trail binds
	 * every write (doc/integrity.md).  The `evaluations` view shows the
	 * times as local text.
	 */
	"CREATE TABLE import_batch_new ("
	"  batch_id INTEGER PRIMARY KEY,"
	"  file TEXT NOT NULL,"
	"  sha256 TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),"
	"  bytes INTEGER NOT NULL,"
	"  format TEXT NOT NULL"
	"    CHECK (format IN ('cases-csv', 'events-csv', 'xes',"
	"      'cases-xlsx', 'events-xlsx', 'evaluations-csv',"
	"      'evaluations-xlsx')),"
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
	"  timezone TEXT NOT NULL,"
	"  profile_id TEXT,"
	"  profile_commit TEXT"
	"    CHECK (profile_commit IS NULL OR length(profile_commit) = 40)"
	") STRICT;"
	"INSERT INTO import_batch_new SELECT * FROM import_batch;"
	"DROP TABLE import_batch;"
	"ALTER TABLE import_batch_new RENAME TO import_batch;"
	"CREATE TABLE eval_rec ("
	"  case_id TEXT NOT NULL REFERENCES case_rec(case_id)"
	"    DEFERRABLE INITIALLY DEFERRED,"
	"  rated_sec INTEGER NOT NULL,"
	"  rated_nsec INTEGER NOT NULL,"
	"  channel TEXT NOT NULL,"
	"  rated_off INTEGER NOT NULL,"
	"  rated_wall INTEGER NOT NULL,"
	"  rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),"
	"  real_name INTEGER CHECK (real_name IN (0, 1)),"
	"  revisit_sec INTEGER,"
	"  revisit_nsec INTEGER,"
	"  revisit_off INTEGER,"
	"  revisit_wall INTEGER,"
	"  rectified_sec INTEGER,"
	"  rectified_nsec INTEGER,"
	"  rectified_off INTEGER,"
	"  rectified_wall INTEGER,"
	"  comment TEXT,"
	"  attrs TEXT,"
	"  batch_id INTEGER NOT NULL REFERENCES import_batch(batch_id),"
	"  line INTEGER NOT NULL,"
	"  wrote_batch INTEGER NOT NULL,"
	"  wrote_line INTEGER NOT NULL,"
	"  CHECK (revisit_sec IS NULL OR revisit_sec > rated_sec OR"
	"    (revisit_sec = rated_sec AND revisit_nsec >= rated_nsec)),"
	"  CHECK (rectified_sec IS NULL OR rectified_sec > rated_sec OR"
	"    (rectified_sec = rated_sec AND rectified_nsec >= rated_nsec)),"
	"  PRIMARY KEY (case_id, rated_sec, rated_nsec, channel)"
	") STRICT, WITHOUT ROWID;"
	"CREATE TABLE eval_hist ("
	"  case_id TEXT NOT NULL,"
	"  rated_sec INTEGER NOT NULL,"
	"  rated_nsec INTEGER NOT NULL,"
	"  channel TEXT NOT NULL,"
	"  rated_off INTEGER NOT NULL,"
	"  rated_wall INTEGER NOT NULL,"
	"  rating INTEGER NOT NULL,"
	"  real_name INTEGER,"
	"  revisit_sec INTEGER,"
	"  revisit_nsec INTEGER,"
	"  revisit_off INTEGER,"
	"  revisit_wall INTEGER,"
	"  rectified_sec INTEGER,"
	"  rectified_nsec INTEGER,"
	"  rectified_off INTEGER,"
	"  rectified_wall INTEGER,"
	"  comment TEXT,"
	"  attrs TEXT,"
	"  batch_id INTEGER NOT NULL,"
	"  line INTEGER NOT NULL,"
	"  wrote_batch INTEGER NOT NULL,"
	"  wrote_line INTEGER NOT NULL,"
	"  PRIMARY KEY (case_id, rated_sec, rated_nsec, channel, wrote_batch)"
	") STRICT, WITHOUT ROWID;"
	"CREATE VIEW evaluations (case_id, rated_at, rating, channel, real_name,"
	"  revisit_at, rectified_at) AS"
	"  SELECT case_id, datetime(rated_wall, 'unixepoch'), rating,"
	"    nullif(channel, ''), CASE real_name WHEN 1 THEN 'yes'"
	"    WHEN 0 THEN 'no' END, datetime(revisit_wall, 'unixepoch'),"
	"    datetime(rectified_wall, 'unixepoch') FROM eval_rec;",

	/*
	 * 15: the window scorecard of an audit (audits/auditdb.c,
	 * doc/checks.md "The window scorecard"): its measures in the
	 * checklist's order (the awards repeated on each), and per window
	 * of the cases (case_rec.window) and measure the counts the value
	 * is the ratio of (den 0: no value).  Scores and ranks are computed
	 * from them when printed, never stored.
	 */
	"CREATE TABLE audit_measure ("
	"  audit_id INTEGER NOT NULL REFERENCES audit(id),"
	"  pos INTEGER NOT NULL,"
	"  check_id TEXT NOT NULL,"
	"  check_pos INTEGER NOT NULL,"
	"  weight INTEGER NOT NULL CHECK (weight > 0),"
	"  awards INTEGER NOT NULL CHECK (awards >= 0),"
	"  PRIMARY KEY (audit_id, pos)"
	") STRICT, WITHOUT ROWID;"
	"CREATE TABLE audit_score ("
	"  audit_id INTEGER NOT NULL REFERENCES audit(id),"
	"  window TEXT NOT NULL,"
	"  pos INTEGER NOT NULL,"
	"  num INTEGER NOT NULL CHECK (num >= 0),"
	"  den INTEGER NOT NULL CHECK (den >= num),"
	"  PRIMARY KEY (audit_id, window, pos)"
	") STRICT, WITHOUT ROWID;",

	/*
	 * 16: the web application's accounts, sessions and failed logins
	 * (core/account.c, doc/web.md).  An account's row is bound by its
	 * last trail entry (subject "account LOGIN"); `expires` is its last
	 * day (YYYY-MM-DD, NULL: none).  A session is kept only as the
	 * SHA-256 of its cookie token.  login_failure's keys are
	 * "login:NAME" and "addr:ADDRESS".
	 */
	"CREATE TABLE account ("
	"  login TEXT PRIMARY KEY,"
	"  role TEXT NOT NULL CHECK (role IN ('auditor', 'manager', 'officer')),"
	"  hash TEXT NOT NULL,"
	"  expires TEXT CHECK (expires IS NULL OR length(expires) = 10),"
	"  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),"
	"  created INTEGER NOT NULL"
	") STRICT;"
	"CREATE TABLE session ("
	"  token_sha256 TEXT PRIMARY KEY,"
	"  login TEXT NOT NULL REFERENCES account(login),"
	"  csrf TEXT NOT NULL,"
	"  created INTEGER NOT NULL,"
	"  last_seen INTEGER NOT NULL"
	") STRICT;"
	"CREATE INDEX session_login ON session(login);"
	"CREATE TABLE login_failure ("
	"  key TEXT NOT NULL,"
	"  at INTEGER NOT NULL"
	") STRICT;"
	"CREATE INDEX login_failure_key ON login_failure(key, at);"
	"CREATE INDEX trail_subject ON trail(subject, seq);",
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
