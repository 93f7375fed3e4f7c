#!/bin/sh
# audit.sh - `conform audit run|list|show` over a workspace built for
# known answers (tests/data/audit): a limit spanning the Spring Festival
# with a make-up Saturday, a version change in the middle of the period,
# a UTC timestamp that is the next local day, a case before its
# procedure came into force, pending cases before and after their
# deadline, fee "50" against "50.00", optional and repeatable steps,
# equal timestamps, four-eyes and roles; the sql sandbox refusing;
# byte-identical re-runs; --sample; --fail-on; an invalid version.
. "$(dirname "$0")/../lib/lib.sh"
D="$SRC/tests/data/audit"

new_ws "$T/ws"
cd "$T/ws"
A='张三 <zhang@x.cn>'
B='李四 <li@x.cn>'
cp "$D/P-A-001.v1.xml" procedures/P-A-001.xml
cp "$D/P-B-001.xml" procedures/P-B-001.xml
cp "$D/CL-T.xml" checklists/CL-T.xml
"$CONFORM" doc commit -m "v1" --author "$A" --approved-by "$B" >/dev/null || fail "commit v1"
v1=$(git rev-parse HEAD)
cp "$D/P-A-001.v2.xml" procedures/P-A-001.xml
"$CONFORM" doc commit -m "v2: 3 days from 2026-02-16" --author "$A" --approved-by "$A" >/dev/null 2>&1 || fail "commit v2"
v2=$(git rev-parse HEAD)
expect 0 cases import "$D/cases.csv" "$D/events.csv"
# Each batch is recorded in the trail, under its file's own name.
db=.conform/conform.db
[ "$(sqlite3 $db "SELECT count(*) FROM trail WHERE what = 'import.batch'")" = 2 ] || fail "import not in the trail"
[ "$(sqlite3 $db "SELECT group_concat(file, ' ') FROM (SELECT file FROM import_batch ORDER BY batch_id)")" = "cases.csv events.csv" ] ||
	fail "batch names: $(sqlite3 $db 'SELECT file FROM import_batch')"
[ "$(sqlite3 $db "SELECT subject FROM trail WHERE what = 'import.batch' ORDER BY seq LIMIT 1")" = "$(sha256sum "$D/cases.csv" | cut -c1-64)" ] ||
	fail "the trail names the batch by its SHA-256"

run() { expect "$1" audit run CL-T --from 2026-02-01 --to 2026-03-31 --format csv; }
run 0
head -1 "$T/out" | grep -qx 'check,subject,result,severity,clause,procedure,procedure_commit,detail' ||
	fail "csv header: $(head -1 "$T/out")"
row() { # row 'CHECK,SUBJECT,RESULT' 'rest of the row'
	grep -qF -- "$1$2" "$T/out" || { cat "$T/out"; fail "no row $1$2"; }
}
# on-time: the Spring Festival and the make-up Saturday of 2026-02-14
row "T1,C003,fail" ",minor,8.5.1,P-A-001,$v1,\"completed 2026-02-25 09:00, limit 5 working days ended 2026-02-24\""
lacks "$T/out" "T1,C002,"
# the version in force on the acceptance day: v2 from 2026-02-16
row "T1,C004,fail" ",minor,8.5.1,P-A-001,$v2,\"completed 2026-02-27 09:00, limit 3 working days ended 2026-02-26\""
row "T1,C010,fail" ",minor,8.5.1,P-A-001,$v2,\"pending on 2026-03-31, limit 3 working days ended 2026-03-05\""
lacks "$T/out" "T1,C009,"   # pending, deadline 2026-04-01: na
lacks "$T/out" "T1,C007,"   # 17:30Z on 1 March is 2 March locally: same day
row "T2,C005,fail" ",minor,8.5.1,P-A-001,$v2,\"charged 80.00, fee 50.00\""
lacks "$T/out" "T2,C001,"   # "50" is "50.00"
row "T3,C006,fail" ",minor,8.5.1,P-A-001,$v2,required material M1 missing"
row "T4,C011,fail" ",minor,8.5.1,P-A-001,$v2,'approve' before 'review'"
row "T4,C013,fail" ",minor,8.5.1,P-A-001,$v2,'approve' before 'review'"  # equal times: file order
lacks "$T/out" "T4,C012,"   # optional, repeatable supplement
row "T5,C015,fail" ",minor,5.3,P-A-001,$v2,\"step 'review' by role 'clerk', expected 'reviewer'\""
row "T6,C014,fail" ",major,5.3,P-A-001,$v2,actor r02 did review and approve"
row "T7,C008,fail" ",major,7.5.3,,,no version of P-B-001 in force on 2026-02-20"
row "T1,C008,error" ",minor,8.5.1,,,no version of P-B-001 in force on 2026-02-20"
row "R1,*,fail" ",minor,9.1.3,,,"
grep -q '^R1,\*,fail,.*10 of 13' "$T/out" || fail "on-time rate: $(grep ^R1 "$T/out")"
row "D1,P-B-001,fail" ",observation,7.5.3,P-B-001,"
grep -q "^D1,P-B-001,fail,.*review was due 2026-03-15" "$T/out" || fail "review-current"
grep -q "^D2,P-A-001,fail,.*approved by its author" "$T/out" || fail "approved"
row "Q1,C005,fail" ",minor,8.5.1,,,returned by the query"
[ "$(grep -c ',fail,' "$T/out")" = 14 ] || { cat "$T/out"; fail "fail count $(grep -c ',fail,' "$T/out")"; }
contains "$T/err" "stored as audit 1"

# The same run again: the same bytes (the audit number is on stderr).
cp "$T/out" "$T/first.csv"
run 0
same "$T/out" "$T/first.csv"
contains "$T/err" "stored as audit 2"
expect 0 audit show 1 --format csv
same "$T/out" "$T/first.csv"

# --all: passes too, in check order then subject order.
expect 0 audit show 1 --all --format csv
grep -q '^T1,C001,pass,minor,8.5.1,P-A-001,' "$T/out" || fail "--all lacks passes"
[ "$(grep -c '^T1,' "$T/out")" = 15 ] || fail "T1 judges 15 cases"
awk -F, 'NR > 1 { print $1 "," $2 }' "$T/out" >"$T/order"
awk -F, 'NR > 1 { print $1 }' "$T/out" | uniq >"$T/checks"
[ "$(tr '\n' ' ' <"$T/checks")" = "T1 T2 T3 T4 T5 T6 T7 R1 D1 D2 Q1 " ] ||
	fail "check order: $(tr '\n' ' ' <"$T/checks")"
for c in T1 T2; do
	grep "^$c," "$T/order" | cut -d, -f2 >"$T/s"
	LC_ALL=C sort -c "$T/s" || fail "subjects of $c not in byte order"
done

# table and json formats
expect 0 audit show 1
contains "$T/out" "completed 2026-02-25 09:00"
contains "$T/out" "T1     on-time"
expect 0 audit show 1 --format json
head -c 10 "$T/out" | grep -q '^{"audit"' || fail "json"
contains "$T/out" '"findings": ['
contains "$T/out" '"checklist_commit":'

# --fail-on: a major fail (T6, T7) exits 1; observation never counts.
run 0
expect 1 audit run CL-T --from 2026-02-01 --to 2026-03-31 --fail-on major
expect 1 audit run CL-T --from 2026-02-01 --to 2026-03-31 --fail-on minor
# Records as they stood at the end of --to: C002 and C003 completed on
# 24 and 25 February are pending on 13 February, before their deadline.
expect 0 audit run CL-T --from 2026-02-01 --to 2026-02-13 --fail-on minor --all --format csv
grep -q '^T1,C003,na,' "$T/out" || fail "C003 is pending at --to: $(grep '^T1,C003' "$T/out")"
grep -q '^T2,C003,na,' "$T/out" || fail "fee of a pending case: $(grep '^T2,C003' "$T/out")"
grep -q '^R1,\*,pass,.*1 of 1' "$T/out" || fail "rate at 13 February: $(grep '^R1' "$T/out")"
expect 2 audit run CL-T --fail-on severe

# --sample: the whole population of 15 is under 59: taken whole.
expect 0 audit run CL-T --from 2026-02-01 --to 2026-03-31 --sample
contains "$T/out" "sample     15 of 15 cases (seed t; confidence 0.95, tolerable 0.05, expected 0)"
contains "$T/out" "upper_limit"

# Period errors and unknown checklists.
expect 2 audit run CL-T --from 2026-04-01 --to 2026-03-31
contains "$T/err" "the period starts (2026-04-01) after it ends (2026-03-31)"
expect 3 audit run CL-NONE
contains "$T/err" "no checklist 'CL-NONE' committed on main"
expect 2 audit run CL-T --to 2026-02-30

# The sql sandbox: a forbidden query refuses the audit; nothing stored.
expect 0 audit list --format csv
n_before=$(($(wc -l <"$T/out") - 1))
for q in "PRAGMA table_info(cases)" "SELECT value FROM meta" \
	"DELETE FROM case_rec" "SELECT 1; DELETE FROM case_rec" \
	"ATTACH DATABASE 'x.db' AS x" "SELECT case_id FROM case_rec" \
	"SELECT fts3_tokenizer('simple')"; do
	sed "s|<query>.*</query>|<query>$q</query>|" "$D/CL-T.xml" >checklists/CL-T.xml
	# doc commit and doc check prepare it as the audit would: refused,
	# FILE:LINE of the check.
	expect 3 doc commit -m "try: $q" --author "$A"
	contains "$T/err" "checklists/CL-T.xml:15: check Q1: "
	expect 3 doc check
	contains "$T/err" "checklists/CL-T.xml:15: check Q1: "
	# Committed with plain git, the audit refuses it the same way.
	git add checklists/CL-T.xml && git commit -qm "try: $q" || fail "commit $q"
	expect 3 audit run CL-T --to 2026-03-31
	contains "$T/err" "check Q1: "
	one_line "$T/err"
done
contains "$T/err" "is not allowed; a sql check may only SELECT from the views cases, events and evaluations"
expect 0 audit list --format csv
[ "$(($(wc -l <"$T/out") - 1))" = "$n_before" ] || fail "a refused audit was stored"
git checkout -q "$v2" -- checklists/CL-T.xml
"$CONFORM" doc commit -m "back" --author "$A" >/dev/null

# An invalid version in force: every check of its cases is an error.
printf '<procedure id="P-A-001" kind="commitment">\n  <title>坏</title>\n  <effective-from>2026-03-10</effective-from>\n</procedure>\n' >procedures/P-A-001.xml
git add procedures/P-A-001.xml
git commit -q -m "broken by hand"
bad=$(git rev-parse --short=12 HEAD)
run 0
grep -q "^T1,C009,error,.*commit $bad: procedures/P-A-001.xml:1:" "$T/out" || fail "invalid version: $(grep C009 "$T/out")"
grep -q "^T7,C009,error," "$T/out" || fail "in-force of an invalid version"
grep -q "^T1,C010,fail," "$T/out" || fail "C010 (before the broken version) is judged by v2"
expect 0 audit list
contains "$T/out" "CL-T"
expect 3 audit show 999
contains "$T/err" "no audit 999"
pass
