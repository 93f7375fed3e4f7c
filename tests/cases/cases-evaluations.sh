#!/bin/sh
# cases-evaluations.sh - 好差评 evaluations (doc/cases.md "Evaluations"):
# evaluations.csv as a third file kind (told by its rating column), every
# bad row class named at its FILE:LINE (exit 3, nothing stored), an
# evaluation's case in the same import or stored, a later import filling
# empty revisit / rectification times, an .xlsx workbook and an import
# profile, the `evaluations` view of sql checks as at the end of --to,
# `cases show` and `cases stats --evaluations`, every write bound to the
# trail (an insider's sqlite3 edit is named by `trail verify`), and a
# workspace from before evaluations (schema 13) migrated.
. "$(dirname "$0")/../lib/lib.sh"
. "$(dirname "$0")/../lib/cases-lib.sh"

case_ws "$T/ws"
cd "$T/ws"
db=.conform/conform.db

# A workspace from before evaluations, to migrate at the end.
printf 'case_id,procedure_id,accepted_at,completed_at\nO-1,P-T-001,2026-03-02 09:00,2026-03-03 10:00\n' >old.csv
cp -r "$T/ws" "$T/old"
expect 0 -C "$T/old" cases import "$T/ws/old.csv"

printf 'case_id,procedure_id,accepted_at,completed_at,window\nE-1,P-T-001,2026-03-02 09:00,2026-03-03 10:00,W1\nE-2,P-T-001,2026-03-02 09:30,2026-03-05 16:00,W2\nE-3,P-T-001,2026-03-06 09:30,2026-03-08 16:00,W1\n' >cases.csv
cp "$CASES/good-evaluations.csv" evaluations.csv

# refused FILE MESSAGES [OPTION...]: exit 3, exactly these bad rows (one
# a line, FILE:LINE: ...) and the count, nothing stored.
refused() {
	f=$1 m=$2
	shift 2
	before=$(snapshot .)
	expect 3 cases import "$@" "$f"
	n=$(printf '%s\n' "$m" | wc -l)
	head -n "$n" "$T/err" >"$T/got"
	printf '%s\n' "$m" >"$T/want"
	same "$T/got" "$T/want"
	if [ "$n" = 1 ]; then w="1 bad row"; else w="$n bad rows"; fi
	[ "$(tail -n 1 "$T/err")" = "conform: error: $w; nothing imported" ] ||
		fail "$f: last line: $(tail -n 1 "$T/err")"
	[ "$(wc -l <"$T/err")" -eq $((n + 1)) ] || { cat "$T/err"; fail "$f: other lines"; }
	[ ! -s "$T/out" ] || fail "$f: stdout: $(cat "$T/out")"
	eq "$(snapshot .)" "$before" "$f: the store"
}

# ---- an evaluation's case must be in the import or stored ----
refused evaluations.csv "evaluations.csv:2: evaluation of case 'E-1', which is neither in this import nor stored, expected the case in a cases file
evaluations.csv:3: evaluation of case 'E-1', which is neither in this import nor stored, expected the case in a cases file
evaluations.csv:4: evaluation of case 'E-1', which is neither in this import nor stored, expected the case in a cases file
evaluations.csv:5: evaluation of case 'E-2', which is neither in this import nor stored, expected the case in a cases file
evaluations.csv:6: evaluation of case 'E-3', which is neither in this import nor stored, expected the case in a cases file"

# ---- good: the cases in a later file of the same import ----
expect 0 cases import evaluations.csv cases.csv
contains "$T/out" "batch 1  evaluations-csv  5 rows  evaluations.csv"
contains "$T/out" "evaluations 5 new, 0 updated, 0 unchanged"
eq "$(q . "SELECT case_id, rated_at, rating, coalesce(channel, '-'), coalesce(real_name, '-'), coalesce(revisit_at, '-'), coalesce(rectified_at, '-') FROM evaluations ORDER BY case_id, rated_at, channel")" \
"E-1|2026-03-04 02:00:00|4|app|-|-|-
E-1|2026-03-04 10:00:00|2|online|yes|-|-
E-1|2026-03-04 10:00:00|5|window|no|-|-
E-2|2026-03-06 00:00:00|1|-|no|2026-03-07 09:00:00|2026-03-10 17:00:00
E-3|2026-03-09 08:00:00|3|window|yes|-|-" "the evaluations view"
eq "$(q . "SELECT rated_nsec || ' ' || rated_off FROM eval_rec WHERE channel = 'app'")" "500000000 0" "fraction and offset kept"
eq "$(q . "SELECT comment || '|' || attrs FROM eval_rec WHERE channel = 'online'")" '办理太慢, 跑了两次|{"评价人":"张某"}' "comment and attributes"
eq "$(q . "SELECT format FROM import_batch ORDER BY batch_id")" "evaluations-csv
cases-csv" "batch formats"
expect 3 cases import evaluations.csv
contains "$T/err" "evaluations.csv: already imported as batch 1"

# An audit before the refill below, stored as audit 1: re-run --as-of it
# later, it sees the evaluations as they stood then.
cat >checklists/CL-E.xml <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<checklist id="CL-E" title="evaluations">
  <scope procedures="P-T-*"/>
  <check id="S1" type="sql" severity="minor" clause="9.1.2">
    <query>SELECT case_id || '@' || rated_at || '/' || rating || '/' || coalesce(channel, '-') || '/' || coalesce(real_name, '-') || '/' || coalesce(revisit_at, '-') || '/' || coalesce(rectified_at, '-') FROM evaluations</query>
  </check>
</checklist>
XML
"$CONFORM" doc commit -m checklist --author "张三 <a@x.cn>" --approved-by "李四 <b@x.cn>" >/dev/null 2>&1 || fail "commit checklist"
"$CONFORM" doc log >/dev/null 2>&1
expect 0 audit run CL-E --from 2026-03-01 --to 2026-03-31 --format csv
grep '^S1,' "$T/out" | cut -d, -f2 | sort >"$T/audit1"
eq "$(grep -c 'E-1@2026-03-04 10:00:00/2/online/yes/-/-' "$T/audit1")" 1 "audit 1: not yet revisited"

# ---- every bad row class, each at its line ----
cat >bad.csv <<'EOF'
case_id,rated_at,rating,channel,real_name,revisit_at,rectified_at,comment
E-1,2026-03-05 10:00,0,,,,,
E-1,2026-03-05 10:00,6,,,,,
E-1,2026-03-05 10:00,4.5,,,,,
E-1,2026-03-05 10:00,五,,,,,
E-1,2026-03-05 10:00,,,,,,
,2026-03-05 10:00,3,,,,,
E-1,2026-03-32 10:00,3,,,,,
E-1,2026-03-05 10:00,3,,maybe,,,
E-1,2026-03-05 10:00,3,,,2026-03-05 09:59,,
E-1,2026-03-05 10:00,3,,,,2026-03-04,
E-9,2026-03-05 10:00,3,,,,,
E-1,2026-03-05 10:00,3,,,,
E-1,2026-03-04 10:00,3,online,,,,
E-1,2026-03-04 10:00,5,window,yes,,,
E-1,2026-03-03T18:00:00.5Z,4,app,,,,另一条
E-2,2026-03-06,1,,,2026-03-08 09:00,,
E-3,2026-03-09 08:00,3,window,,,,
E-3,2026-03-09 08:00,3,window,,,,
EOF
refused bad.csv 'bad.csv:2: rating: "0" is not a rating, expected an integer from 1 (非常不满意) to 5 (非常满意)
bad.csv:3: rating: "6" is not a rating, expected an integer from 1 (非常不满意) to 5 (非常满意)
bad.csv:4: rating: "4.5" is not a rating, expected an integer from 1 (非常不满意) to 5 (非常满意)
bad.csv:5: rating: "五" is not a rating, expected an integer from 1 (非常不满意) to 5 (非常满意)
bad.csv:6: missing value for '"'"'rating'"'"', expected a non-empty rating
bad.csv:7: missing value for '"'"'case_id'"'"', expected a non-empty case_id
bad.csv:8: rated_at: date '"'"'2026-03-32'"'"' does not exist
bad.csv:9: real_name: "maybe" is neither yes nor no, expected yes, no or an empty cell (not recorded)
bad.csv:10: revisit_at 2026-03-05 09:59:00 is before rated_at 2026-03-05 10:00:00, expected a revisit at or after the rating
bad.csv:11: rectified_at 2026-03-04 00:00:00 is before rated_at 2026-03-05 10:00:00, expected a rectification at or after the rating
bad.csv:12: evaluation of case '"'"'E-9'"'"', which is neither in this import nor stored, expected the case in a cases file
bad.csv:13: 7 fields, expected 8 as in the header
bad.csv:14: evaluation of case '"'"'E-1'"'"' rated at 2026-03-04 10:00:00 by channel '"'"'online'"'"' is stored with rating 2, expected the same rating when an evaluation comes again, not 3
bad.csv:15: evaluation of case '"'"'E-1'"'"' rated at 2026-03-04 10:00:00 by channel '"'"'window'"'"' is stored with real_name no, expected the same or an empty real_name, not yes
bad.csv:16: evaluation of case '"'"'E-1'"'"' rated at 2026-03-04 02:00:00 by channel '"'"'app'"'"' is stored with no comment, expected the same or an empty comment
bad.csv:17: evaluation of case '"'"'E-2'"'"' rated at 2026-03-06 00:00:00 is stored with revisit_at 2026-03-07 09:00:00, expected the same or an empty revisit_at, not 2026-03-08 09:00:00
bad.csv:19: evaluation of case '"'"'E-3'"'"' rated at 2026-03-09 08:00:00 by channel '"'"'window'"'"' appears twice in this import (first at bad.csv:18), expected each evaluation once'
# a header without rating, procedure_id or activity; one without rated_at
printf 'case_id,score\nE-1,5\n' >norating.csv
refused norating.csv "norating.csv:1: the header names neither procedure_id (a cases file) nor activity (an events file) nor rating (an evaluations file), expected one of them"
printf 'case_id,rating\nE-1,5\n' >norated.csv
refused norated.csv "norated.csv:1: missing required column 'rated_at' in the header of an evaluations file, expected case_id, rated_at and rating"

# ---- a later import fills empty revisit / rectification times ----
# E-1 online: both filled; E-3: the revisit only; E-2 again with empty
# cells and the same times (the stored ones stay); E-1 window unchanged.
cat >again.csv <<'EOF'
case_id,rated_at,rating,channel,real_name,revisit_at,rectified_at
E-1,2026-03-04T02:00:00Z,2,online,,2026-03-05 09:00,2026-03-11 10:00:00
E-3,2026-03-09 08:00,3,window,yes,2026-03-10 08:00,
E-2,2026-03-06,1,,,,2026-03-10 17:00
E-1,2026-03-04 10:00,5,window,,,
EOF
expect 0 cases import again.csv
contains "$T/out" "evaluations 0 new, 2 updated, 2 unchanged"
eq "$(q . "SELECT case_id, coalesce(channel, '-'), coalesce(revisit_at, '-'), coalesce(rectified_at, '-') FROM evaluations WHERE case_id <> 'E-1' OR channel <> 'app' ORDER BY 1, 2")" \
"E-1|online|2026-03-05 09:00:00|2026-03-11 10:00:00
E-1|window|-|-
E-2|-|2026-03-07 09:00:00|2026-03-10 17:00:00
E-3|window|2026-03-10 08:00:00|-" "filled"
eq "$(q . "SELECT count(*) FROM eval_hist")" 2 "the states the refills replaced"
eq "$(q . "SELECT group_concat(wrote_batch || ':' || wrote_line, ' ') FROM (SELECT * FROM eval_rec ORDER BY wrote_batch, wrote_line)")" \
"1:3 1:4 1:5 3:2 3:3" "each write names its batch and line"

# An evaluation of a bad case row of the same import raises no error of
# its own, the case row before it or after it.
printf 'case_id,procedure_id,accepted_at\nB-1,P-T-001,2026-13-01\n' >badcase.csv
printf 'case_id,rated_at,rating\nB-1,2026-03-04,5\nB-2,2026-03-04,5\n' >badcase-ev.csv
printf 'case_id,procedure_id,accepted_at\nB-2,NOPE,2026-03-01\n' >badcase2.csv
before=$(snapshot .)
expect 3 cases import badcase.csv badcase-ev.csv badcase2.csv
eq "$(grep -c '^badcase' "$T/err")" 2 "only the two case rows"
contains "$T/err" "badcase.csv:2: accepted_at:"
contains "$T/err" "badcase2.csv:2: unknown procedure_id 'NOPE'"
eq "$(snapshot .)" "$before" "bad cases: the store"

# ---- cases show and cases stats --evaluations ----
printf 'case_id,activity,timestamp,actor\nE-2,review,2026-03-03 10:00,u2\nE-2,accept,2026-03-02 09:30,u1\n' >events.csv
expect 0 cases import events.csv
expect 0 cases show E-2 --format csv
eq "$(grep '^evaluation' "$T/out")" "evaluation,1,rated_at,2026-03-06 00:00:00
evaluation,1,rating,1
evaluation,1,channel,
evaluation,1,real_name,no
evaluation,1,revisit_at,2026-03-07 09:00:00
evaluation,1,rectified_at,2026-03-10 17:00:00
evaluation,1,comment," "cases show E-2"
contains "$T/out" "case,1,window,W2"
eq "$(grep '^event' "$T/out" | grep -v ',role,')" "event,1,activity,accept
event,1,timestamp,2026-03-02 09:30:00
event,1,actor,u1
event,2,activity,review
event,2,timestamp,2026-03-03 10:00:00
event,2,actor,u2" "cases show E-2: its events in order"
expect 0 cases show E-1 --format json
eq "$(grep -c '"record": "evaluation", "n": 3, "field": "rated_at", "value": "2026-03-04 10:00:00"' "$T/out")" 1 "E-1's third: window, by channel"
contains "$T/out" '"record": "evaluation", "n": 1, "field": "channel", "value": "app"'
contains "$T/out" '"record": "evaluation", "n": 2, "field": "comment", "value": "办理太慢, 跑了两次"'
contains "$T/out" '"record": "evaluation", "n": 1, "field": "comment", "value": null'
expect 3 cases show NOPE
contains "$T/err" "no case 'NOPE' is stored"
expect 0 cases stats --evaluations --format csv
contains "$T/out" "by,value,title,evaluations,rating_1,rating_2,rating_3,rating_4,rating_5,bad,handled,open,overdue"
# bad: E-1 online (rectified, real name, revisited: handled) and E-2
# (rectified, anonymous: handled); none open, none overdue
contains "$T/out" "window,W1,,4,0,1,1,1,1,1,1,0,0"
contains "$T/out" "window,W2,,1,1,0,0,0,0,1,1,0,0"
contains "$T/out" "all,,,5,1,1,1,1,1,2,2,0,0"
# overdue, in a copy: a real-name bad review of March rectified but
# never revisited, one of March untouched, one rated yesterday (its 15
# working days still running), an anonymous one rectified: 2 overdue,
# 3 not handled, 2 open.
cp -R . "$T/od"
yesterday=$(date -u -d yesterday +%F)
printf 'case_id,rated_at,rating,channel,real_name,revisit_at,rectified_at,comment\nE-3,2026-03-10 09:00,1,app,yes,,2026-03-11 09:00,\nE-3,2026-03-10 10:00,2,web,yes,,,\nE-3,%s 10:00,1,12345,yes,,,\nE-3,2026-03-12 10:00,2,window,no,,2026-03-13 10:00,\n' \
    "$yesterday" >"$T/od/late.csv"
expect 0 -C "$T/od" cases import "$T/od/late.csv"
expect 0 -C "$T/od" cases stats --evaluations --format csv
contains "$T/out" "window,W1,,8,2,3,1,1,1,5,2,2,2"
contains "$T/out" "all,,,9,3,3,1,1,1,6,3,2,2"
contains "$T/out" "month,2026-12,,1,1,0,0,0,0,1,0,1,0"
# the limit counted by the calendar: 100 working days from March ran
# out in August
expect 0 -C "$T/od" cases stats --evaluations --within 100 --format csv
contains "$T/out" "all,,,9,3,3,1,1,1,6,3,2,2"

expect 2 -C "$T/od" cases stats --within 5
contains "$T/err" "--within counts overdue evaluations, expected --evaluations with it"
expect 2 -C "$T/od" cases stats --evaluations --within 0
contains "$T/err" "invalid --within '0', expected a whole number from 1 to 100"
# no calendar for the days the limit needs: overdue not known, said once
git -C "$T/od" rm -q calendars/CN-2026.xml
expect 0 -C "$T/od" doc commit -m "no 2026 calendar" --author "测试 <test@example.cn>"
expect 0 -C "$T/od" cases stats --evaluations --format csv
contains "$T/out" "all,,,9,3,3,1,1,1,6,3,2,"
lacks "$T/out" "all,,,9,3,3,1,1,1,6,3,2,2"
eq "$(grep -c 'warning: overdue not counted' "$T/err")" 1 "one warning"

# ---- the evaluations view of a sql check, as at the end of --to ----
expect 0 audit run CL-E --from 2026-03-01 --to 2026-03-07 --format csv
grep '^S1,' "$T/out" | cut -d, -f2 | sort >"$T/got"
cat >"$T/want" <<'EOF'
E-1@2026-03-04 02:00:00/4/app/-/-/-
E-1@2026-03-04 10:00:00/2/online/yes/2026-03-05 09:00:00/-
E-1@2026-03-04 10:00:00/5/window/no/-/-
E-2@2026-03-06 00:00:00/1/-/no/2026-03-07 09:00:00/-
EOF
same "$T/got" "$T/want"
# audit 1 re-run over the records it saw: before the refill
expect 0 audit run --as-of 1 --format csv
grep '^S1,' "$T/out" | cut -d, -f2 | sort >"$T/got"
same "$T/got" "$T/audit1"

# ---- bound to the trail ----
expect 0 trail verify
batch=$(q . "SELECT batch_id FROM import_batch WHERE file = 'evaluations.csv'")
again=$(q . "SELECT batch_id FROM import_batch WHERE file = 'again.csv'")
cp "$db" "$T/clean.db"
restore() { cp "$T/clean.db" "$db"; rm -f "$db-wal" "$db-shm"; }
# attack SQL WANT: the edit makes trail verify exit 3 saying WANT
attack() {
	restore
	sqlite3 "$db" "$1" || fail "sqlite3: $1"
	expect 3 trail verify
	contains "$T/err" "$2"
	lacks "$T/out" "verified:"
}
# a bad rating made good,
attack "UPDATE eval_rec SET rating = 4 WHERE case_id = 'E-2'" \
    "batch $batch (evaluations.csv): the 5 evaluation writes stored are not the ones the trail binds"
# a late rectification moved earlier,
attack "UPDATE eval_rec SET rectified_sec = rectified_sec - 86400, rectified_wall = rectified_wall - 86400 WHERE case_id = 'E-1' AND channel = 'online'" \
    "batch $again (again.csv): the 2 evaluation writes stored are not the ones the trail binds"
# a bad review deleted,
attack "DELETE FROM eval_rec WHERE case_id = 'E-2'" \
    "batch $batch (evaluations.csv): 4 evaluation writes stored, the trail holds 5"
# the state a refill replaced rewritten,
attack "UPDATE eval_hist SET rating = 5 WHERE case_id = 'E-1'" \
    "batch $batch (evaluations.csv): the 5 evaluation writes stored are not the ones the trail binds"
# or a good review made up under a cases batch.
attack "INSERT INTO eval_rec SELECT case_id, rated_sec + 60, rated_nsec, channel, rated_off, rated_wall + 60, 5, real_name, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 2, 9, 2, 9 FROM eval_rec WHERE case_id = 'E-2'" \
    "batch 2 (cases.csv): the evaluation writes stored are not bound"
restore
expect 0 trail verify

# ---- an .xlsx workbook and an import profile ----
MKXLSX=$(dirname "$CONFORM_BUILD")/tests/lib/mkxlsx
[ -x "$MKXLSX" ] || fail "no $MKXLSX (built by make check)"
{
	printf 'case_id,rated_at,rating,channel\nE-3,2026-03-09 12:00,5,app\n' >ev-x.csv
	"$MKXLSX" --date rated_at --number rating ev-x.csv ev-x.xlsx || fail "mkxlsx"
	expect 0 cases import ev-x.xlsx
	contains "$T/out" "evaluations-xlsx  1 rows  ev-x.xlsx"
	eq "$(q . "SELECT rated_at || '/' || rating FROM evaluations WHERE channel = 'app' AND case_id = 'E-3'")" "2026-03-09 12:00:00/5" "from the workbook"
	printf 'case_id,rated_at,rating\nE-3,2026-03-09 13:00,7\n' >ev-bad.csv
	"$MKXLSX" --number rating ev-bad.csv ev-bad.xlsx || fail "mkxlsx"
	refused ev-bad.xlsx 'ev-bad.xlsx:Sheet1:2: rating: "7" is not a rating, expected an integer from 1 (非常不满意) to 5 (非常满意)'
}
cat >profiles/PR-E.xml <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<profile id="PR-E" kind="evaluations">
  <field name="case_id"   column="办件编号"/>
  <field name="rated_at"  column="评价时间" format="%Y/%m/%d %H:%M"/>
  <field name="rating"    column="评价等级">
    <map from="非常满意" to="5"/><map from="满意" to="4"/><map from="基本满意" to="3"/>
    <map from="不满意" to="2"/><map from="非常不满意" to="1"/>
  </field>
  <field name="channel"   column="评价渠道"/>
  <field name="real_name" column="是否实名"><map from="是" to="yes"/><map from="否" to="no"/></field>
  <field name="rectified_at" column="整改时间" format="%Y/%m/%d %H:%M"/>
</profile>
XML
"$CONFORM" doc commit -m profile --author "张三 <a@x.cn>" --approved-by "李四 <b@x.cn>" >/dev/null 2>&1 || fail "commit profile"
"$CONFORM" doc log >/dev/null 2>&1 # the document index cached before the snapshots
printf '办件编号,评价时间,评价等级,评价渠道,是否实名,整改时间\nE-2,2026/3/8 9:05,不满意,12345,是,2026/3/8 9:00\n' >pbad.csv
refused pbad.csv "pbad.csv:2: 整改时间 (rectified_at) 2026-03-08 09:00:00 is before 评价时间 (rated_at) 2026-03-08 09:05:00, expected a rectification at or after the rating" --profile PR-E
printf '办件编号,评价时间,评价等级,评价渠道,是否实名,整改时间\nE-2,2026/3/8 9:05,不满意,12345,是,2026/3/9 9:00\nE-2,2026/3/8 9:10,很好,12345,否,\n' >pbad2.csv
refused pbad2.csv 'pbad2.csv:3: 评价等级 (rating): "很好" is not a rating, expected an integer from 1 (非常不满意) to 5 (非常满意)' --profile PR-E
printf '办件编号,评价时间,评价等级,评价渠道,是否实名,整改时间\nE-2,2026/3/8 9:05,不满意,12345,是,2026/3/9 9:00\n' >pgood.csv
expect 0 cases import --profile PR-E pgood.csv
contains "$T/out" "profile PR-E  (evaluations"
eq "$(q . "SELECT rated_at || '/' || rating || '/' || channel || '/' || real_name || '/' || rectified_at FROM evaluations WHERE channel = '12345'")" \
"2026-03-08 09:05:00/2/12345/yes/2026-03-09 09:00:00" "through the profile"
eq "$(q . "SELECT profile_id FROM import_batch WHERE file = 'pgood.csv'")" PR-E "the batch names its profile"
expect 0 trail verify

# ---- a workspace from before evaluations: schema 13, migrated ----
cd "$T/old"
expect 0 trail verify
latest=$(q . "PRAGMA user_version")
sqlite3 "$db" "DROP TABLE session; DROP TABLE login_failure; DROP TABLE account;
DROP INDEX trail_subject;
DROP TABLE audit_measure; DROP TABLE audit_score;
DROP VIEW evaluations; DROP TABLE eval_hist; DROP TABLE eval_rec;
CREATE TABLE b13 (batch_id INTEGER PRIMARY KEY, file TEXT NOT NULL,
  sha256 TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64), bytes INTEGER NOT NULL,
  format TEXT NOT NULL CHECK (format IN ('cases-csv', 'events-csv', 'xes', 'cases-xlsx', 'events-xlsx')),
  rows INTEGER NOT NULL, traces INTEGER NOT NULL, empty_traces INTEGER NOT NULL,
  cases_new INTEGER NOT NULL, cases_updated INTEGER NOT NULL, events_new INTEGER NOT NULL,
  events_skipped INTEGER NOT NULL, seq_first INTEGER NOT NULL, seq_end INTEGER NOT NULL,
  imported_at INTEGER NOT NULL, timezone TEXT NOT NULL, profile_id TEXT,
  profile_commit TEXT CHECK (profile_commit IS NULL OR length(profile_commit) = 40)) STRICT;
INSERT INTO b13 SELECT * FROM import_batch; DROP TABLE import_batch;
ALTER TABLE b13 RENAME TO import_batch;
PRAGMA user_version = 13;" || fail "back to schema 13"
q . "INSERT INTO import_batch (file, sha256, bytes, format, rows, traces, empty_traces, cases_new, cases_updated, events_new, events_skipped, seq_first, seq_end, imported_at, timezone) VALUES ('x', printf('%064d', 0), 0, 'evaluations-csv', 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 'UTC')" 2>/dev/null &&
	fail "schema 13 took an evaluations batch"
expect 0 trail verify
eq "$(q . "PRAGMA user_version")" "$latest" "migrated"
eq "$(q . "SELECT count(*) FROM evaluations")" 0 "no evaluation"
eq "$(q . "SELECT count(*) FROM import_batch")" 1 "the batch kept"
printf 'case_id,rated_at,rating\nO-1,2026-03-04,5\n' >ev.csv
expect 0 cases import ev.csv
expect 0 trail verify

# ---- the cases not stored, found among many stored ones ----
# (the import walks its evaluations and the stored ids side by side:
# an unknown id before them all, between two, far after the last one
# found, after them all, and twice there)
case_ws "$T/orph"
cd "$T/orph"
{ echo 'case_id,procedure_id,accepted_at,completed_at'
  i=10; while [ $i -le 60 ]; do echo "S-$i,P-T-001,2026-03-02 09:00,2026-03-03 10:00"; i=$((i + 1)); done
} >many.csv
expect 0 cases import many.csv
printf 'case_id,rated_at,rating
S-60,2026-03-04,5
Z-1,2026-03-04,2
S-10,2026-03-04,5
S-105,2026-03-04,4
S-59,2026-03-04,3
A-0,2026-03-04,1
S-99,2026-03-04,5
Z-1,2026-03-05,5
S-11,2026-03-04,5
' >orph.csv
refused orph.csv "orph.csv:3: evaluation of case 'Z-1', which is neither in this import nor stored, expected the case in a cases file
orph.csv:5: evaluation of case 'S-105', which is neither in this import nor stored, expected the case in a cases file
orph.csv:7: evaluation of case 'A-0', which is neither in this import nor stored, expected the case in a cases file
orph.csv:8: evaluation of case 'S-99', which is neither in this import nor stored, expected the case in a cases file
orph.csv:9: evaluation of case 'Z-1', which is neither in this import nor stored, expected the case in a cases file"
grep -v '^[AZ]-\|^S-99\|^S-105' orph.csv >known.csv
expect 0 cases import known.csv
contains "$T/out" "evaluations 4 new"
pass
