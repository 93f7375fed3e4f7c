#!/bin/sh
# report-review.sh - `conform report review` (ISO 9001 9.3 input) over
# the audit of tests/data/audit: on-time rate per month from the audits
# covering it, on-the-spot ratio and limit compression of the procedures
# in force at each month's end (v2 of P-A-001 compresses 10 -> 3 from
# 16 February; P-B-001, on the spot, from 1 March), the audits and their
# conformity, NCRs by state, an overdue action and a recurrence.
. "$(dirname "$0")/../lib/lib.sh"
. "$(dirname "$0")/../lib/report-lib.sh"
command -v xmllint >/dev/null || skip "xmllint (libxml2-utils) is not installed"

build_fixture "$T/ws"
R="$T/r"
mkdir "$R"

# NCR-0002 (fee) through its life: closed, then it recurs in March.
export CONFORM_NOW=$(day '2026-04-02 09:00:00 +0800')
"$CONFORM" ncr update NCR-0002 --state analysed --root-cause "收费标准未同步" >/dev/null
"$CONFORM" ncr update NCR-0002 --state action-planned --action "统一收费配置" --owner "王科长" --due 2026-04-20 >/dev/null
"$CONFORM" ncr update NCR-0002 --state implemented >/dev/null
export CONFORM_NOW=$(day '2026-04-03 09:00:00 +0800')
"$CONFORM" audit run CL-T --from 2026-02-01 --to 2026-02-28 >/dev/null 2>&1   # audit 2
# Verified by an audit of records of after the action (doc/ncr.md): a
# May case, in an audit outside the review's period (the clock stays in
# April: the NCRs the review lists are those of its period).
printf '%s\n' 'case_id,procedure_id,accepted_at,completed_at,fee_charged,materials,window,channel' \
	'C301,P-A-001,2026-05-11 09:00:00,2026-05-12 10:00:00,50,M1,W01,window' >may.csv
printf '%s\n' 'case_id,activity,timestamp,actor,role' \
	'C301,accept,2026-05-11 09:00:00,c01,clerk' \
	'C301,review,2026-05-11 15:00:00,r01,reviewer' \
	'C301,approve,2026-05-12 09:00:00,a01,approver' >may-ev.csv
"$CONFORM" cases import may.csv may-ev.csv >/dev/null
"$CONFORM" audit run CL-T --from 2026-05-01 --to 2026-05-31 >/dev/null 2>&1   # audit 3
"$CONFORM" ncr verify NCR-0002 --audit 3 >/dev/null
"$CONFORM" ncr update NCR-0002 --state closed --effectiveness "五月复查无偏差" >/dev/null
"$CONFORM" audit run CL-T --from 2026-03-01 --to 2026-03-31 >/dev/null 2>&1   # audit 4
# Audit 4 finds C005 again: it is on NCR-0002 already, so it is not
# raised again (doc/ncr.md).  A new April case charged 80 is: a
# recurrence of the closed NCR-0002, raised by audit 5.
printf '%s\n' 'case_id,procedure_id,accepted_at,completed_at,fee_charged,materials,window,channel' \
	'C302,P-A-001,2026-04-13 09:00:00,2026-04-14 10:00:00,80,M1,W01,window' >apr.csv
printf '%s\n' 'case_id,activity,timestamp,actor,role' \
	'C302,accept,2026-04-13 09:00:00,c01,clerk' \
	'C302,review,2026-04-13 15:00:00,r01,reviewer' \
	'C302,approve,2026-04-14 09:00:00,a01,approver' >apr-ev.csv
"$CONFORM" cases import apr.csv apr-ev.csv >/dev/null
"$CONFORM" audit run CL-T --from 2026-04-01 --to 2026-04-30 >/dev/null 2>&1   # audit 5
# NCR-0001 (on time) is due on 10 April: overdue in a review to 30 April.
"$CONFORM" ncr update NCR-0001 --state analysed --root-cause "未设提醒" >/dev/null
"$CONFORM" ncr update NCR-0001 --state action-planned --action "设提醒" --owner "赵六" --due 2026-04-10 >/dev/null
"$CONFORM" ncr update NCR-0007 --state rejected --reason "试运行" >/dev/null
expect 0 ncr list --format csv
rec=$(grep ',NCR-0002$' "$T/out" | cut -d, -f1)
[ -n "$rec" ] || { cat "$T/out"; fail "no recurrence of NCR-0002"; }

expect 0 report review --from 2026-01-01 --to 2026-04-30 -o "$R/r.xml"
valid "$R/r.xml" report-review.rng
x() { grep -qF -- "$1" "$R/r.xml" || fail "r.xml lacks: $1"; }
x '<review-report version="1" from="2026-01-01" to="2026-04-30">'
x "<organisation>$CENTER</organisation>"
[ "$(grep -c '<month ' "$R/r.xml")" = 4 ] || fail "four months"
x '<month month="2026-01" documents-at="2026-01-31">'
x '<procedures in-force="1" on-the-spot="0" on-the-spot-ratio="0.0" with-limits="1" statutory="10" committed="5" compression="50.0" invalid="0"/>'
x '<month month="2026-02" documents-at="2026-02-28">'
# February from audit 2 (the latest covering it), March from audit 4
x '<on-time audit="2" pass="2" fail="2" rate="50.0"/>'
x '<procedures in-force="1" on-the-spot="0" on-the-spot-ratio="0.0" with-limits="1" statutory="10" committed="3" compression="70.0" invalid="0"/>'
x '<on-time audit="4" pass="8" fail="1" rate="88.9"/>'
x '<procedures in-force="2" on-the-spot="1" on-the-spot-ratio="50.0" with-limits="1" statutory="10" committed="3" compression="70.0" invalid="0"/>'
x '<month month="2026-04" documents-at="2026-04-30">'
[ "$(grep -c '<audit ' "$R/r.xml")" = 4 ] || fail "four audits"
x 'overall="major-nonconformity" major="2" minor="8" observations="1" errors="6" pass="79" fail="14" conformity="84.9" ncrs-raised="10" ncrs-joined="0"'
x '<state name="open" count="'
x '<state name="closed" count="1"/>'
x '<state name="rejected" count="1"/>'
x '<ncr number="NCR-0001" checklist="CL-T" check="T1" severity="minor" period="raised" state="action-planned" owner="赵六" due="2026-04-10" overdue="true"/>'
x "<ncr number=\"$rec\" checklist=\"CL-T\" check=\"T2\" severity=\"minor\" period=\"raised\" state=\"open\" overdue=\"false\" recurrence-of=\"NCR-0002\"/>"
# due on 10 April is not overdue in a review that ends on 10 April
expect 0 report review --from 2026-01-01 --to 2026-04-10 -o "$R/r10.xml"
grep -qF '<ncr number="NCR-0001" checklist="CL-T" check="T1" severity="minor" period="raised" state="action-planned" owner="赵六" due="2026-04-10" overdue="false"/>' "$R/r10.xml" ||
	fail "due on --to is not overdue"

expect 0 report review --from 2026-01-01 --to 2026-04-30 -o "$R/r.html"
h() { grep -qF -- "$1" "$R/r.html" || fail "r.html lacks: $1"; }
h '<html lang="zh-CN">'
h '<meta charset="utf-8">'
h "管理评审输入 Management review input (ISO 9001 9.3)"
h "$CENTER"
h '<td class="num">50.0 %</td>'
h '<td class="num">88.9 %</td>'
h '<td class="num">70.0 %</td>'
h '<td class="num">84.9 %</td>'
h "<td class=\"key\">NCR-0001</td>"
h "Open NCRs whose due date is before 2026-04-30."
h '<td>NCR-0002</td></tr>'          # the recurrence row ends with what it recurs
[ "$(grep -c '<svg ' "$R/r.html")" = 4 ] || fail "charts: $(grep -c '<svg ' "$R/r.html")"
if grep -qi '<script' "$R/r.html"; then fail "script in the review"; fi
expect 0 report review --from 2026-01-01 --to 2026-04-30 -o "$R/r2.html"
same "$R/r.html" "$R/r2.html"

# The first quarter, reviewed after it (doc/reports.md): the NCRs audit 1
# raised on 1 April count, though opened after --to, and stand as they
# were at the end of 31 March: open, no owner, no due date; nothing that
# was done in April shows (NCR-0002 closed, NCR-0007 rejected), and the
# April audit's recurrence is not of the quarter.
expect 0 report review --from 2026-01-01 --to 2026-03-31 -o "$R/q1.xml"
valid "$R/q1.xml" report-review.rng
q() { grep -qF -- "$1" "$R/q1.xml" || { grep '<ncr' "$R/q1.xml"; fail "q1.xml lacks: $1"; }; }
q '<ncrs raised="10" carried="0" as-at="2026-03-31">'
q '<state name="open" count="10"/>'
q '<state name="closed" count="0"/>'
q '<state name="rejected" count="0"/>'
q '<ncr number="NCR-0001" checklist="CL-T" check="T1" severity="minor" period="raised" state="open" overdue="false"/>'
q '<ncr number="NCR-0002" checklist="CL-T" check="T2" severity="minor" period="raised" state="open" overdue="false"/>'
[ "$(grep -c '<ncr ' "$R/q1.xml")" = 10 ] || fail "the quarter's NCRs: $(grep -c '<ncr ' "$R/q1.xml")"
grep -q 'recurrence-of=' "$R/q1.xml" && fail "the April recurrence is not of the quarter"
# Each review counts what its audits raised: audit 1's ten.
grep -qF 'ncrs-raised="10"' "$R/q1.xml" || fail "audit 1 raised ten"
expect 0 report review --from 2026-01-01 --to 2026-03-31 -o "$R/q1.html"
grep -qF "10 raised by the audits of the period, 0 carried over (raised earlier, joined or found again by them); as at 2026-03-31: 10 open, 0 overdue, 0 recurrences" "$R/q1.html" ||
	fail "the review's NCR summary"
# As at the end of 2 April NCR-0002 was implemented (all three steps
# that day); it was closed on 3 April.
expect 0 report review --from 2026-01-01 --to 2026-04-02 -o "$R/a2.xml"
grep -qF '<ncr number="NCR-0002" checklist="CL-T" check="T2" severity="minor" period="raised" state="implemented" owner="王科长" due="2026-04-20" overdue="false"/>' "$R/a2.xml" ||
	{ grep '<ncr ' "$R/a2.xml"; fail "NCR-0002 as at 2 April"; }
grep -qF '<ncr number="NCR-0002" checklist="CL-T" check="T2" severity="minor" period="raised" state="closed" owner="王科长" due="2026-04-20" overdue="false"/>' "$R/r.xml" ||
	{ grep '<ncr ' "$R/r.xml"; fail "NCR-0002 as at 30 April"; }

# A period without audits still reports the catalogue KPIs.
expect 0 report review --from 2025-01-01 --to 2025-12-31 --format xml -o "$R/y.xml"
valid "$R/y.xml" report-review.rng
grep -q '<audit ' "$R/y.xml" && fail "2025 has no audit"
grep -qF '<procedures in-force="0" on-the-spot="0" with-limits="0" statutory="0" committed="0" invalid="0"/>' "$R/y.xml" ||
	fail "no procedure was in force in 2025"

expect 2 report review --from 2026-04-01 --to 2026-03-01 -o "$R/z.html"
contains "$T/err" "the period starts (2026-04-01) after it ends (2026-03-01)"
expect 2 report review --to 2026-03-01 -o "$R/z.html"
expect 2 report review --from 2026-01-01 --to 2026-03-01 --format csv -o "$R/z.csv"
[ ! -e "$R/z.html" ] && [ ! -e "$R/z.csv" ] || fail "a refused review left a file"
pass
