#!/bin/sh
# cases-received.sh - a case's receipt, received_at (doc/cases.md): a
# cases.csv column, an XES trace attribute and a profile field, stored
# (NULL when empty) and shown in the `cases` view of sql checks; one
# after the acceptance is a bad row (exit 3, one line and the count,
# nothing stored).  It is bound to the trail only where recorded: an
# insider who moves, erases or adds one with sqlite3 is named by `trail
# verify`, and a workspace from before receipts (schema 12), migrated,
# still verifies.
. "$(dirname "$0")/../lib/lib.sh"
. "$(dirname "$0")/../lib/cases-lib.sh"

case_ws "$T/ws"
cd "$T/ws"
db=.conform/conform.db

# The cases of a workspace from before receipts, to migrate at the end.
printf 'case_id,procedure_id,accepted_at,completed_at\nO-1,P-T-001,2026-03-02 09:00,2026-03-03 10:00\nO-2,P-T-001,2026-03-02 09:30,\n' >old.csv
cp -r "$T/ws" "$T/old"
expect 0 -C "$T/old" cases import "$T/ws/old.csv"

# refused FILE LINE MESSAGE [OPTION...]: exit 3, the one bad row and the
# count, nothing stored.
refused() {
	f=$1 l=$2 m=$3
	shift 3
	before=$(snapshot .)
	expect 3 cases import "$@" "$f"
	[ "$(head -n 1 "$T/err")" = "$f:$l: $m" ] || fail "$f: $(cat "$T/err")"
	[ "$(tail -n 1 "$T/err")" = "conform: error: 1 bad row; nothing imported" ] ||
		fail "$f: last line: $(tail -n 1 "$T/err")"
	[ "$(wc -l <"$T/err")" -eq 2 ] || { cat "$T/err"; fail "$f: not one line"; }
	[ ! -s "$T/out" ] || fail "$f: stdout: $(cat "$T/out")"
	eq "$(snapshot .)" "$before" "$f: the store"
}

# After the acceptance: refused, CSV and XES.
printf 'case_id,procedure_id,accepted_at,received_at\nL-1,P-T-001,2026-03-02 10:00,2026-03-03 09:00\n' >late.csv
refused late.csv 2 "received_at 2026-03-03 09:00:00 is after accepted_at 2026-03-02 10:00:00, expected receipt on or before acceptance"
xes() { # ID RECEIVED
	printf '<?xml version="1.0" encoding="UTF-8"?>\n<log xes.version="1.0">\n  <trace>\n    <string key="concept:name" value="%s"/>\n    <string key="procedure" value="P-T-001"/>\n    <date key="received_at" value="%s"/>\n    <event><string key="concept:name" value="accept"/><date key="time:timestamp" value="2026-03-05T09:00:00+08:00"/></event>\n  </trace>\n</log>\n' "$1" "$2"
}
xes XL-1 2026-03-05T09:00:00.5+08:00 >late.xes
refused late.xes 3 "received_at 2026-03-05 09:00:00 is after accepted_at 2026-03-05 09:00:00, expected receipt on or before acceptance"

# Stored: with its fraction and offset, NULL when empty, the view's text.
cp "$CASES/good-received.csv" cases.csv
expect 0 cases import cases.csv
expect 0 cases import "$CASES/good-received.xes"
eq "$(q . "SELECT case_id, coalesce(received_at, '-') FROM cases WHERE case_id NOT LIKE 'O-%' ORDER BY case_id")" \
"R-1|2026-02-27 16:30:00
R-2|-
R-3|2026-03-02 10:00:00
XR-1|2026-03-04 17:00:00" "received_at"
eq "$(q . "SELECT received_nsec || ' ' || received_off FROM case_rec WHERE case_id = 'R-1'")" "250000000 28800" "R-1's fraction and offset"
eq "$(q . "SELECT received_off FROM case_rec WHERE case_id = 'R-3'")" "0" "R-3's offset"
eq "$(q . "SELECT count(*) FROM case_rec WHERE case_id = 'R-2' AND received_sec IS NULL AND received_nsec IS NULL AND received_off IS NULL AND received_wall IS NULL")" 1 "R-2 not recorded"

# A case again: a different receipt is a bad row; an empty one fills.
printf 'case_id,procedure_id,accepted_at,received_at\nR-1,P-T-001,2026-03-02 09:00,2026-02-28 09:00\n' >again.csv
refused again.csv 2 "case 'R-1' is stored with received_at 2026-02-27 16:30:00, expected the same or an empty received_at, not 2026-02-28 09:00:00"
printf 'case_id,procedure_id,accepted_at,received_at\nR-2,P-T-001,2026-03-02 10:00,2026-03-01 15:00\nR-1,P-T-001,2026-03-02 09:00,\n' >fill.csv
expect 0 cases import fill.csv
contains "$T/out" "cases 0 new, 1 updated, 1 unchanged"
eq "$(q . "SELECT received_at FROM cases WHERE case_id = 'R-2'")" "2026-03-01 15:00:00" "R-2 filled"

# Through an import profile, with the field's format.
cat >profiles/PR-R.xml <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<profile id="PR-R" kind="cases">
  <field name="case_id"      column="办件编号"/>
  <field name="procedure_id" column="事项编码"/>
  <field name="accepted_at"  column="受理时间" format="%Y/%m/%d %H:%M"/>
  <field name="received_at"  column="收件时间" format="%Y/%m/%d %H:%M"/>
</profile>
XML
"$CONFORM" doc commit -m profile --author "张三 <a@x.cn>" --approved-by "李四 <b@x.cn>" >/dev/null 2>&1 || fail "commit profile"
printf '办件编号,事项编码,受理时间,收件时间\nP-1,P-T-001,2026/3/2 9:05,2026/3/3 8:00\n' >plate.csv
"$CONFORM" doc log >/dev/null 2>&1
refused plate.csv 2 "收件时间 (received_at) 2026-03-03 08:00:00 is after 受理时间 (accepted_at) 2026-03-02 09:05:00, expected receipt on or before acceptance" --profile PR-R
printf '办件编号,事项编码,受理时间,收件时间\nP-1,P-T-001,2026/3/2 9:05,2026/3/1 8:00\nP-2,P-T-001,2026/3/2 9:10,\n' >pgood.csv
expect 0 cases import --profile PR-R pgood.csv
eq "$(q . "SELECT case_id, coalesce(received_at, '-') FROM cases WHERE case_id LIKE 'P-%' ORDER BY case_id")" \
"P-1|2026-03-01 08:00:00
P-2|-" "through the profile"

# The `cases` view of a sql check has the column.
cat >checklists/CL-R.xml <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<checklist id="CL-R" title="received">
  <scope procedures="P-T-*"/>
  <check id="S1" type="sql" severity="minor" clause="8.2.2">
    <query>SELECT case_id || '@' || received_at FROM cases WHERE received_at IS NOT NULL</query>
  </check>
</checklist>
XML
"$CONFORM" doc commit -m checklist --author "张三 <a@x.cn>" --approved-by "李四 <b@x.cn>" >/dev/null 2>&1 || fail "commit checklist"
expect 0 audit run CL-R --from 2026-03-01 --to 2026-03-31 --format csv
for s in R-1@2026-02-27 R-2@2026-03-01 R-3@2026-03-02 P-1@2026-03-01 XR-1@2026-03-04; do
	contains "$T/out" "S1,$s"
done
[ "$(grep -c '^S1,.*,fail,' "$T/out")" = 5 ] || { cat "$T/out"; fail "S1: five cases with a receipt"; }

# Bound to the trail, as doc/integrity.md encodes it: the received
# columns only where recorded.
expect 0 trail verify
if command -v python3 >/dev/null; then
	python3 - "$db" <<'PY' || fail "the batch digests are not the documented ones"
import hashlib, json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
def enc(row):
    if all(v is None for v in row[22:]): row = row[:22]
    out = b""
    for v in row:
        if v is None: p = b"N"
        elif isinstance(v, int): p = b"i" + str(v).encode()
        else: p = b"t" + v.encode()
        out += str(len(p)).encode() + b":" + p + b","
    return out
seen = 0
for data, in db.execute("SELECT data FROM trail WHERE what = 'import.batch'"):
    d = json.loads(data)
    b = d["import_batch"]["batch_id"]
    rows = db.execute("SELECT * FROM (SELECT * FROM case_rec UNION ALL SELECT * FROM case_hist) WHERE wrote_batch = ? ORDER BY wrote_line", (b,)).fetchall()
    h = hashlib.sha256()
    for r in rows:
        assert len(r) == 26, len(r)
        seen += r[22] is not None
        h.update(hashlib.sha256(enc(r)).digest())
    assert (len(rows), h.hexdigest()) == (d["cases"]["writes"], d["cases"]["digest"]), b
assert seen >= 5, seen
PY
fi
batch=$(q . "SELECT batch_id FROM import_batch WHERE file = 'cases.csv'")
cp "$db" "$T/clean.db"
restore() { cp "$T/clean.db" "$db"; rm -f "$db-wal" "$db-shm"; }
# attack SQL: the edit makes trail verify exit 3 naming the batch
attack() {
	restore
	sqlite3 "$db" "$1" || fail "sqlite3: $1"
	expect 3 trail verify
	contains "$T/err" "batch $batch (cases.csv): the 3 case writes stored are not the ones the trail binds"
	lacks "$T/out" "verified:"
}
# a receipt moved a day earlier (a late notice made to look timely),
attack "UPDATE case_rec SET received_sec = received_sec - 86400, received_wall = received_wall - 86400 WHERE case_id = 'R-1'"
# erased,
attack "UPDATE case_rec SET received_sec = NULL, received_nsec = NULL, received_off = NULL, received_wall = NULL WHERE case_id = 'R-3'"
# or made up where none was recorded (R-2's first state, in case_hist)
attack "UPDATE case_hist SET received_sec = accepted_sec, received_nsec = 0, received_off = accepted_off, received_wall = accepted_wall WHERE case_id = 'R-2'"
restore
expect 0 trail verify

# A workspace from before receipts: its store put back to schema 12
# (the columns and the view as they were), then opened by this conform:
# migrated, no receipt anywhere, and its trail still verifies.
cd "$T/old"
expect 0 trail verify
latest=$(q . "PRAGMA user_version")
# (the tables of later steps dropped too, so that they migrate again)
sqlite3 "$db" "DROP TABLE session; DROP TABLE login_failure; DROP TABLE account;
DROP INDEX trail_subject;
DROP TABLE audit_measure; DROP TABLE audit_score;
DROP VIEW evaluations; DROP TABLE eval_hist; DROP TABLE eval_rec;
DROP VIEW cases;
ALTER TABLE case_rec DROP COLUMN received_wall; ALTER TABLE case_rec DROP COLUMN received_off;
ALTER TABLE case_rec DROP COLUMN received_nsec; ALTER TABLE case_rec DROP COLUMN received_sec;
ALTER TABLE case_hist DROP COLUMN received_wall; ALTER TABLE case_hist DROP COLUMN received_off;
ALTER TABLE case_hist DROP COLUMN received_nsec; ALTER TABLE case_hist DROP COLUMN received_sec;
CREATE VIEW cases (case_id, procedure_id, accepted_at, completed_at, fee_fen, materials, window, channel) AS SELECT case_id, procedure_id, datetime(accepted_wall, 'unixepoch'), datetime(completed_wall, 'unixepoch'), fee_fen, materials, window, channel FROM case_rec;
PRAGMA user_version = 12;" || fail "back to schema 12"
eq "$(q . "SELECT count(*) FROM pragma_table_info('case_rec')")" 22 "schema 12's case_rec"
expect 0 trail verify
eq "$(q . "PRAGMA user_version")" "$latest" "migrated"
eq "$(q . "SELECT case_id || ':' || coalesce(received_at, '-') FROM cases ORDER BY case_id")" "O-1:-
O-2:-" "no receipt after the migration"
eq "$(q . "SELECT count(*) FROM case_rec WHERE received_sec IS NULL AND received_nsec IS NULL AND received_off IS NULL AND received_wall IS NULL")" 2 "NULL columns"
pass
