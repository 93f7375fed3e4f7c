#!/bin/sh
# late-records.sh - doc/integrity.md §8 and the issue's attack 7: an
# audit records the last import batch it saw; completions and missing
# steps imported later, dated inside the closed period, change a plain
# re-run, while `audit run --as-of` prints byte for byte what the audit
# printed and stores nothing; the late-record check fails the cases
# whose records came late; an audit stored before last_batch existed
# is refused for --as-of.
. "$(dirname "$0")/../lib/lib.sh"
. "$SRC/tests/lib/cases-lib.sh"
D="$SRC/tests/data/audit"

new_ws "$T/ws"
cd "$T/ws"
A='张三 <zhang@x.cn>'
day() { date -d "$1" +%s; }
cp "$D/P-A-001.v1.xml" procedures/P-A-001.xml
cat >checklists/CL-L.xml <<'XML'
<checklist id="CL-L" title="期末复查">
  <check id="L1" type="on-time" severity="minor" clause="8.5.1"/>
  <check id="L2" type="steps" severity="minor" clause="8.5.1"/>
  <check id="L3" type="late-record" within="25" severity="major" clause="7.5.3"/>
  <check id="L4" type="sql" severity="minor" clause="8.5.1">
    <query>SELECT case_id FROM cases WHERE completed_at IS NULL</query>
  </check>
  <check id="L5" type="sql" severity="observation" clause="8.5.1">
    <query>SELECT e.case_id FROM events e JOIN cases c USING (case_id) WHERE c.completed_at IS NULL OR e.activity = 'review'</query>
  </check>
</checklist>
XML
export CONFORM_NOW=$(day '2026-03-31 18:00:00 +0800')
"$CONFORM" doc commit -m "docs" --author "$A" --approved-by "李四 <li@x.cn>" >/dev/null

# Q1 as it was imported on 1 April: L002 pending, L003 without its
# review and approval.
cat >q1.csv <<'CSV'
case_id,procedure_id,accepted_at,completed_at,fee_charged,materials,window,channel
L001,P-A-001,2026-03-25 09:00:00,2026-03-27 10:00:00,50,M1,W01,window
L002,P-A-001,2026-03-02 09:00:00,,,M1,W01,window
L003,P-A-001,2026-03-10 09:00:00,2026-03-12 10:00:00,50,M1,W01,window
CSV
cat >q1-ev.csv <<'CSV'
case_id,activity,timestamp,actor,role
L001,accept,2026-03-25 09:00:00,c01,clerk
L001,review,2026-03-26 09:00:00,r01,reviewer
L001,approve,2026-03-27 09:00:00,a01,approver
L001,issue,2026-03-27 10:00:00,c01,clerk
L002,accept,2026-03-02 09:00:00,c01,clerk
L003,accept,2026-03-10 09:00:00,c01,clerk
L003,issue,2026-03-12 10:00:00,c01,clerk
CSV
CONFORM_NOW=$(day '2026-04-01 09:00:00 +0800') expect 0 cases import q1.csv q1-ev.csv

export CONFORM_NOW=$(day '2026-04-02 09:00:00 +0800')
expect 0 audit run CL-L --from 2026-01-01 --to 2026-03-31
cp "$T/out" first.txt
contains first.txt "L002"               # pending, late
contains first.txt "'issue' before 'review'"
contains first.txt "up to batch 2"      # the last batch it saw
expect 0 audit run CL-L --from 2026-01-01 --to 2026-03-31 --format csv
cp "$T/out" first.csv
! grep -q '^L3,' first.csv || fail "nothing came late by 1 April"
expect 0 audit show 1 --format json
contains "$T/out" '"last_batch":2'
eq "$(q . "SELECT id, last_batch FROM audit ORDER BY id")" "1|2
2|2" "last_batch stored"
expect 0 report audit 1 --format xml --out r1.xml
grep -q '<batches last="2">' r1.xml || fail "the report's batches name the last one"

# A new version of the checklist and of the procedure on main: --as-of
# still uses the documents of the audit.
sed 's/期末复查/期末复查（新）/; s|^</checklist>|  <check id="L6" type="fee" severity="minor" clause="8.5.1"/>\n</checklist>|' checklists/CL-L.xml >x && mv x checklists/CL-L.xml
sed 's/committed="5"/committed="3"/; s/2026-01-01/2026-03-01/' procedures/P-A-001.xml >x && mv x procedures/P-A-001.xml
"$CONFORM" doc commit -m "stricter" --author "$A" --approved-by "李四 <li@x.cn>" >/dev/null

# The attack: on 2 June, L002's completion and L003's missing steps,
# dated inside Q1.
cat >late.csv <<'CSV'
case_id,procedure_id,accepted_at,completed_at,fee_charged,materials,window,channel
L002,P-A-001,2026-03-02 09:00:00,2026-03-06 10:00:00,50,M1,W01,window
L004,P-A-001,2026-03-20 09:00:00,2026-03-20 15:00:00,50,M1,W01,window
CSV
cat >late-ev.csv <<'CSV'
case_id,activity,timestamp,actor,role
L002,review,2026-03-04 09:00:00,r01,reviewer
L002,approve,2026-03-05 09:00:00,a01,approver
L002,issue,2026-03-06 10:00:00,c01,clerk
L003,review,2026-03-11 09:00:00,r01,reviewer
L003,approve,2026-03-11 15:00:00,a01,approver
L004,accept,2026-03-20 09:00:00,c01,clerk
L004,review,2026-03-20 10:00:00,r01,reviewer
L004,approve,2026-03-20 11:00:00,a01,approver
CSV
CONFORM_NOW=$(day '2026-06-02 09:00:00 +0800') expect 0 cases import late.csv late-ev.csv
export CONFORM_NOW=$(day '2026-06-03 09:00:00 +0800')
snapshot . >before.sum

# --as-of: the same bytes, in both formats, and nothing stored.
expect 0 audit run --as-of 1
same "$T/out" first.txt
contains "$T/err" "nothing stored"
expect 0 audit run --as-of 1 --format csv
same "$T/out" first.csv
expect 0 audit run --as-of 2 --format csv
same "$T/out" first.csv
snapshot . >after.sum
same before.sum after.sum
expect 1 audit run --as-of 1 --fail-on minor
same "$T/out" first.txt

# A plain re-run of Q1 sees the backfill ...
expect 0 audit run CL-L --from 2026-01-01 --to 2026-03-31 --format csv
if cmp -s "$T/out" first.csv; then fail "the backfill changed nothing"; fi
lacks "$T/out" "'issue' before 'review'"
# ... and the late-record check names it.
grep -q '^L3,L002,fail,major,7.5.3,P-A-001,[0-9a-f]*,"event '"'review'"' 2026-03-04 imported 2026-06-02, [0-9]* working days later, expected within 25; 3 more records late"$' "$T/out" ||
	{ cat "$T/out"; fail "L002 late"; }
grep -q '^L3,L003,fail,major,7.5.3,P-A-001,[0-9a-f]*,"event '"'review'"' 2026-03-11 imported 2026-06-02, [0-9]* working days later, expected within 25; 1 more record late"$' "$T/out" ||
	{ cat "$T/out"; fail "L003 late"; }
grep -q '^L3,L004,fail,.*"event '"'accept'"' 2026-03-20 imported 2026-06-02, .*; 3 more records late"$' "$T/out" ||
	fail "L004: a case brought late, with all its records"
! grep -q '^L3,L001,' "$T/out" || fail "L001 came in time"

# Usage and refusals.
expect 2 audit run CL-L --as-of 1
one_line "$T/err"
expect 2 audit run --as-of 1 --from 2026-01-01
expect 2 audit run --as-of x
expect 3 audit run --as-of 99
contains "$T/err" "no audit 99"
q . "UPDATE audit SET last_batch = NULL WHERE id = 1"
expect 3 audit run --as-of 1
one_line "$T/err"
contains "$T/err" "audit 1 was stored before audits kept the last import batch they saw"
expect 0 audit show 1
lacks "$T/out" "up to batch"

# within is late-record's, and late-record needs it.
cat >bad.xml <<'XML'
<checklist id="CL-X">
  <check id="X1" type="late-record" severity="minor"/>
  <check id="X2" type="fee" within="3" severity="minor"/>
</checklist>
XML
expect 3 doc check bad.xml
contains "$T/err" "check 'X1' of type late-record needs within=\"N\""
contains "$T/err" "check 'X2' of type fee takes no within (only late-record and bad-review do)"
pass
