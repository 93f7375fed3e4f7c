#!/bin/sh
# cases-xes-grow.sh - XES logs that grow (doc/cases.md, doc/documents.md):
# a procedure marks its last step final="yes"; a trace without
# completed_at is completed at its last event only when that event is a
# final step, else pending; a later, longer export of the same log then
# fills the completions of the cases that were pending, bound to the
# trail (trail verify passes).  A procedure without final steps keeps
# the old rule: the last event completes, and a longer export of such
# a case is refused.  doc diff and doc show show the attribute.
. "$(dirname "$0")/../lib/lib.sh"
. "$(dirname "$0")/../lib/cases-lib.sh"

case_ws "$T/ws"
cd "$T/ws"
A="测试 <test@example.cn>"
sed 's/P-T-001/P-G-001/' "$CASES/P-T-001.xml" >procedures/P-G-001.xml
"$CONFORM" doc commit -m "P-G-001" --author "$A" >/dev/null || fail "commit P-G-001"
sed -i 's|<step id="approve" role="approver"|<step id="approve" role="approver" final="yes"|' procedures/P-G-001.xml
"$CONFORM" doc commit -m "P-G-001: approve is final" --author "$A" >/dev/null || fail "commit final"
expect 0 doc diff P-G-001 HEAD~1 HEAD
contains "$T/out" "step approve final"
contains "$T/out" "no"
contains "$T/out" "yes"
expect 0 doc show P-G-001
contains "$T/out" 'final="yes"'
# schema: final is yes or no
sed -i 's/final="yes"/final="sometimes"/' procedures/P-G-001.xml
expect 3 doc check
git checkout -q procedures/P-G-001.xml

# ev ACTIVITY TIME: one event
ev() {
	printf '    <event><string key="concept:name" value="%s"/><date key="time:timestamp" value="2026-03-%sT09:00:00+08:00"/></event>\n' "$1" "$2"
}
# trace ID PROCEDURE EVENTS... (pairs ACTIVITY DAY)
trace() {
	echo '  <trace>'
	printf '    <string key="concept:name" value="%s"/><string key="procedure" value="%s"/>\n' "$1" "$2"
	shift 2
	while [ $# -gt 1 ]; do ev "$1" "$2"; shift 2; done
	echo '  </trace>'
}
head='<?xml version="1.0" encoding="UTF-8"?>
<log xes.version="1.0">'

# March: G-1 has not reached its final step, G-2 has; T-1 (no final
# steps) ends where its log ends.
{
	echo "$head"
	trace G-1 P-G-001 accept 02 review 03
	trace G-2 P-G-001 accept 02 review 03 approve 04
	trace T-1 P-T-001 accept 02
	echo '</log>'
} >march.xes
expect 0 cases import march.xes
contains "$T/out" "cases 3 new, 0 updated, 0 unchanged; events 6 new"
eq "$(q . "SELECT group_concat(case_id || '=' || coalesce(completed_at, 'pending'), ' ') FROM (SELECT * FROM cases ORDER BY case_id)")" \
	"G-1=pending G-2=2026-03-04 09:00:00 T-1=2026-03-02 09:00:00" "March"

# April: the same log, longer.  G-1 reached approve: its completion is
# filled; G-2 is unchanged; G-3 is new and pending.
{
	echo "$head"
	trace G-1 P-G-001 accept 02 review 03 approve 10
	trace G-2 P-G-001 accept 02 review 03 approve 04
	trace G-3 P-G-001 accept 11
	trace T-1 P-T-001 accept 02
	echo '</log>'
} >april.xes
expect 0 cases import april.xes
contains "$T/out" "cases 1 new, 1 updated, 2 unchanged; events 2 new, 6 skipped as already stored"
eq "$(q . "SELECT group_concat(case_id || '=' || coalesce(completed_at, 'pending'), ' ') FROM (SELECT * FROM cases ORDER BY case_id)")" \
	"G-1=2026-03-10 09:00:00 G-2=2026-03-04 09:00:00 G-3=pending T-1=2026-03-02 09:00:00" "April"
eq "$(q . "SELECT wrote_batch || ',' || completed_batch FROM case_rec WHERE case_id = 'G-1'")" "2,2" "G-1 filled by April"
eq "$(q . "SELECT count(*) FROM case_hist WHERE case_id = 'G-1' AND completed_sec IS NULL")" 1 "March's pending G-1 kept"
expect 0 trail verify
contains "$T/out" "records bound: 2 batches, 0 audits, 0 NCRs; 0 not bound"

# Without final steps the old rule holds: T-1 was completed at its last
# event, so a longer export of it is refused (one bad row, nothing stored).
before=$(snapshot .)
{
	echo "$head"
	trace T-1 P-T-001 accept 02 review 12
	echo '</log>'
} >may.xes
expect 3 cases import may.xes
contains "$T/err" "may.xes:3: case 'T-1' is stored with completed_at 2026-03-02 09:00:00, expected the same or an empty completed_at, not 2026-03-12 09:00:00"
[ "$(snapshot .)" = "$before" ] || fail "a refused import stored something"

# The version in force on the acceptance day decides: P-H-001 marks its
# final step from June; a May case goes by the version without.
sed 's/P-T-001/P-H-001/' "$CASES/P-T-001.xml" >procedures/P-H-001.xml
"$CONFORM" doc commit -m "P-H-001" --author "$A" >/dev/null || fail "commit P-H-001"
sed -i -e 's|<step id="approve" role="approver"|<step id="approve" role="approver" final="yes"|' \
	-e 's|<effective-from>2026-01-01</effective-from>|<effective-from>2026-06-01</effective-from>|' procedures/P-H-001.xml
"$CONFORM" doc commit -m "P-H-001: final from June" --author "$A" >/dev/null || fail "commit June"
{
	echo "$head"
	trace H-5 P-H-001 accept 20 review 21
	trace H-6 P-H-001 accept 20 review 21
	echo '</log>'
} | sed -e '/H-5/,/trace>/s/2026-03-2\([01]\)/2026-05-2\1/' -e '/H-6/,/trace>/s/2026-03-2\([01]\)/2026-06-2\1/' >june.xes
expect 0 cases import june.xes
eq "$(q . "SELECT group_concat(case_id || '=' || coalesce(completed_at, 'pending'), ' ') FROM (SELECT * FROM cases WHERE case_id LIKE 'H-%' ORDER BY case_id)")" \
	"H-5=2026-05-21 09:00:00 H-6=pending" "by the version in force"
expect 0 trail verify
pass
