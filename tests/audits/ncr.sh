#!/bin/sh
# ncr.sh - nonconformities and corrective actions from real audits:
# opened per failing major/minor check (none for an observation), the
# life cycle with every refusal, verification by a later audit of later
# records (not an earlier one, not one of old records, not one that
# still fails), closing, recurrence, overdue
# listing on a date, rejection, capa-timely judging real NCRs, and the
# trail of every change.
. "$(dirname "$0")/../lib/lib.sh"
D="$SRC/tests/data/audit"

new_ws "$T/ws"
cd "$T/ws"
A='张三 <zhang@x.cn>'
cp "$D/P-A-001.v1.xml" procedures/P-A-001.xml
cp "$D/P-B-001.xml" procedures/P-B-001.xml
# T2 titled: the NCR register and ncr show print the check's title
sed 's|id="T2" type="fee"|id="T2" title="按公示标准收费" type="fee"|' "$D/CL-T.xml" >checklists/CL-T.xml
cat >checklists/CL-C.xml <<'XML'
<checklist id="CL-C">
  <check id="K1" type="capa-timely" severity="minor" clause="10.2"/>
</checklist>
XML
"$CONFORM" doc commit -m "docs" --author "$A" --approved-by "李四 <li@x.cn>" >/dev/null
"$CONFORM" cases import "$D/cases.csv" "$D/events.csv" >/dev/null

day() { date -d "$1" +%s; }
export CONFORM_NOW=$(day '2026-04-01 09:00:00 +0800')
expect 0 audit run CL-T --from 2026-02-01 --to 2026-03-31
contains "$T/err" "NCRs: 8 opened"   # T1-T7 and Q1; R1 passes (11 of 13)
expect 0 ncr list --format csv
head -1 "$T/out" | grep -qx 'ncr,checklist,check,title,type,severity,clause,state,owner,due,subjects,audits,recurrence_of' ||
	fail "ncr csv header"
lacks "$T/out" ",D1,"         # an observation opens none
grep -q '^NCR-0002,CL-T,T2,按公示标准收费,fee,minor,8.5.1,open,,,1,1,$' "$T/out" || { cat "$T/out"; fail "the fee NCR"; }
fee=NCR-0002
expect 0 ncr show $fee
contains "$T/out" "C005"
grep -q '^title  *按公示标准收费$' "$T/out" || fail "ncr show: the check's title"
contains "$T/out" "ncr.open"

# Every refusal, and nothing changed by any of them.
refused() { shift_args="$*"; expect 3 ncr update $shift_args; contains "$T/err" "$fee: "; one_line "$T/err"; }
refused $fee --state action-planned
contains "$T/err" "cannot go from open to action-planned: analysed comes first"
refused $fee --state analysed
contains "$T/err" "analysed needs the root cause"
refused $fee --state closed
contains "$T/err" "cannot be closed before it is verified"
refused $fee --state verified
contains "$T/err" "conform ncr verify N --audit ID"
refused $fee --state rejected
contains "$T/err" "rejected needs a reason"
expect 2 ncr update $fee --state analysed --root-cause x --method guess
expect 2 ncr update $fee --due 2026-02-30
expect 3 ncr update NCR-0099 --owner x
contains "$T/err" "no NCR-0099"

expect 0 ncr update $fee --state analysed --root-cause "收费标准未同步到窗口系统" --method 5-why \
	--correction "退还多收的30元"
contains "$T/out" "$fee analysed"
refused $fee --state action-planned --action "统一收费标准配置"
contains "$T/err" "needs the corrective action, an owner and a due date"
expect 0 ncr update $fee --state action-planned --action "统一收费标准配置" --owner "王科长" \
	--due 2026-04-20 --similar "同类收费事项已排查" --risk-update yes
refused $fee --state open
contains "$T/err" "cannot go back from action-planned to open"
CONFORM_NOW=$(day '2026-04-10 09:00:00 +0800') expect 0 ncr update $fee --state implemented
refused $fee --state rejected --reason "late"
contains "$T/err" "cannot be rejected once implemented"

# Verification needs a later audit, of records of after the action, in
# which the same check passes (doc/ncr.md).
expect 3 ncr verify $fee --audit 1
contains "$T/err" "started before the action was implemented"
export CONFORM_NOW=$(day '2026-04-11 09:00:00 +0800')
expect 0 audit run CL-T --from 2026-02-01 --to 2026-02-28       # February: T2 passes
expect 3 ncr verify $fee --audit 2
contains "$T/err" "audit 2's period starts 2026-02-01, not after the action was implemented (2026-04-10)"
one_line "$T/err"
# April's records: C101 still charged 80, C102 right.
cat >april.csv <<'CSV'
case_id,procedure_id,accepted_at,completed_at,fee_charged,materials,window,channel
C101,P-A-001,2026-04-13 09:00:00,2026-04-15 10:00:00,80,M1,W01,window
C102,P-A-001,2026-04-20 09:00:00,2026-04-22 10:00:00,50,M1,W01,window
CSV
cat >april-ev.csv <<'CSV'
case_id,activity,timestamp,actor,role
C101,accept,2026-04-13 09:00:00,c01,clerk
C101,review,2026-04-14 09:00:00,r01,reviewer
C101,approve,2026-04-15 09:00:00,a01,approver
C102,accept,2026-04-20 09:00:00,c01,clerk
C102,review,2026-04-21 09:00:00,r01,reviewer
C102,approve,2026-04-22 09:00:00,a01,approver
CSV
export CONFORM_NOW=$(day '2026-05-04 09:00:00 +0800')
"$CONFORM" cases import april.csv april-ev.csv >/dev/null
expect 0 audit run CL-T --from 2026-04-11 --to 2026-04-30       # still fails (C101)
expect 3 ncr verify $fee --audit 3
contains "$T/err" "audit 3 still fails check T2"
expect 0 audit run CL-T --from 2026-04-16 --to 2026-04-30       # C102: T2 passes
expect 0 ncr verify $fee --audit 4
contains "$T/out" "$fee verified by audit 4"
expect 2 ncr verify $fee
expect 0 ncr update $fee --state closed --effectiveness "二月、三月复查无收费偏差"
contains "$T/out" "$fee closed"
expect 3 ncr update $fee --owner "someone"
contains "$T/err" "a closed or rejected NCR does not change"
expect 0 ncr show $fee
grep -Eq '^closed on +2026-05-04$' "$T/out" || fail "closed on"
grep -Eq '^verified by +audit 4$' "$T/out" || fail "verified by"
lacks "$T/out" " unknown "
for e in ncr.open ncr.join ncr.update ncr.verify; do contains "$T/out" "$e"; done

# Recurrence (doc/ncr.md).  Re-auditing March after NCR-0002 was closed
# finds C005 failing T2 again: it is listed on NCR-0002 already, so it is
# not raised again, and no recurrence opens for it; nor do the other
# checks' old cases join their open NCRs.
expect 0 ncr list --format csv
cp "$T/out" "$T/before.csv"
expect 0 audit run CL-T --from 2026-03-01 --to 2026-03-31
lacks "$T/err" "NCRs:"
contains "$T/err" "failing subjects already on an NCR of their check, not raised again"
expect 0 ncr list --format csv
same "$T/out" "$T/before.csv"
# A new failing case after the closure: a recurrence of NCR-0002 that
# lists only the new case (Q1's open NCR-0008 is joined by it).
cat >may.csv <<'CSV'
case_id,procedure_id,accepted_at,completed_at,fee_charged,materials,window,channel
C103,P-A-001,2026-05-06 09:00:00,2026-05-07 10:00:00,80,M1,W01,window
CSV
cat >may-ev.csv <<'CSV'
case_id,activity,timestamp,actor,role
C103,accept,2026-05-06 09:00:00,c01,clerk
C103,review,2026-05-06 15:00:00,r01,reviewer
C103,approve,2026-05-07 09:00:00,a01,approver
CSV
"$CONFORM" cases import may.csv may-ev.csv >/dev/null
export CONFORM_NOW=$(day '2026-06-01 09:00:00 +0800')
expect 0 audit run CL-T --from 2026-03-01 --to 2026-05-31
# (T1's C009, pending, is late by the end of May: new, it joins NCR-0001.)
contains "$T/err" "NCRs: 1 opened, 2 joined"
expect 0 ncr list --format csv
rec=$(grep ',CL-T,T2,按公示标准收费,fee,minor,8.5.1,open,,,1,1,NCR-0002$' "$T/out" | cut -d, -f1)
[ -n "$rec" ] || { cat "$T/out"; fail "no recurrence"; }
[ "$(grep -c ',CL-T,T2,' "$T/out")" = 2 ] || { cat "$T/out"; fail "one recurrence only"; }
expect 0 ncr show $rec
contains "$T/out" "C103"
lacks "$T/out" "C005"
lacks "$T/out" "C101"
# Its report: NCR-0009 raised, NCR-0002 the NCR of the old case C005.
expect 0 report audit 6 --format xml -o "$T/a7.xml"
contains "$T/a7.xml" '<ncr number="NCR-0002" check="T2" severity="minor" clause="8.5.1" this-audit="listed" subjects="0" listed-before="2" state="closed"/>'
contains "$T/a7.xml" "<ncr number=\"$rec\" check=\"T2\" severity=\"minor\" clause=\"8.5.1\" this-audit=\"raised\" subjects=\"1\" state=\"open\" recurrence-of=\"NCR-0002\"/>"
# No NCR lists a subject twice.
[ -z "$(sqlite3 .conform/conform.db "SELECT ncr, subject FROM ncr_subject GROUP BY ncr, subject HAVING count(*) > 1")" ] ||
	fail "an NCR lists a subject twice: $(sqlite3 .conform/conform.db "SELECT ncr, subject, count(*) FROM ncr_subject GROUP BY ncr, subject HAVING count(*) > 1")"
expect 0 trail verify

# Rejection with a reason.
expect 0 ncr update NCR-0007 --state rejected --reason "该事项3月1日起施行，2月受理属试运行"
expect 0 ncr list --open --format csv
! grep -q '^NCR-0007,' "$T/out" || fail "a rejected NCR is not open"
! grep -q '^NCR-0002,' "$T/out" || fail "a closed NCR is not open"

# Overdue on a given date, and capa-timely judging the real NCRs.
expect 0 ncr update NCR-0001 --state analysed --root-cause "未设置到期提醒"
expect 0 ncr update NCR-0001 --state action-planned --action "设置提醒" --owner "赵六" --due 2026-04-15
expect 0 ncr list --overdue --at 2026-04-15 --format csv
! grep -q '^NCR-0001,' "$T/out" || fail "not overdue on its due date"
expect 0 ncr list --overdue --at 2026-04-16 --format csv
contains "$T/out" "NCR-0001,CL-T,T1"
[ "$(($(wc -l <"$T/out") - 1))" = 1 ] || fail "only NCR-0001 has a due date"
expect 2 ncr list --at 2026-04-16
expect 0 audit run CL-C --from 2026-04-01 --to 2026-04-30 --all --format csv
grep -q '^K1,NCR-0001,fail,minor,10.2,,,"due 2026-04-15, still action-planned"$' "$T/out" ||
	{ cat "$T/out"; fail "capa-timely"; }
[ "$(grep -c '^K1,' "$T/out")" = 1 ] || fail "NCRs without a due date are not judged"

expect 0 trail verify
pass
