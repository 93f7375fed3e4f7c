#!/bin/sh
# crash-audit.sh - `conform audit run` and `conform ncr update` killed
# with SIGKILL at random points of their work (issue 8; crash-lib.sh: a
# point is an amount of work done - CPU time, or I/O for the short NCR
# update - the same place in the work however loaded the machine is; a
# point past the end is never reached, and the command finishing first
# is a valid outcome).  With the clock fixed, a
# whole run gives known bytes, so after each kill the whole store (its
# SQL dump) must be exactly as before the command or exactly as after a
# whole run: the audit stored whole or not at all, the NCR changed with
# its trail entry or not at all.  integrity_check, foreign_key_check and
# trail verify pass, and the next run succeeds.
. "$(dirname "$0")/../lib/lib.sh"
. "$(dirname "$0")/../lib/cases-lib.sh"
. "$(dirname "$0")/../lib/crash-lib.sh"
N=${CONFORM_CRASH_CASES:-20000}
export CONFORM_NOW=1775001600 USER=auditor

new_ws "$T/ws"
cd "$T/ws"
cp "$SRC"/examples/center/procedures/*.xml procedures/
cp "$SRC"/examples/center/standards/*.xml standards/
cp "$SRC"/examples/center/checklists/*.xml checklists/
expect 0 doc commit -m "首次发布" --author "张三 <zhang@df.gov.cn>" \
	--approved-by "李四 <li@df.gov.cn>"
expect 0 cases generate --out "$T/g" --cases "$N" --from 2026-01-01 \
	--to 2026-03-31
expect 0 cases import "$T/g/cases.csv" "$T/g/events.csv"
expect 0 doc log # (the document index cache is built once, here)
save_db . before
# dump: every table an audit or an NCR update writes, and the counts of
# the (large) record tables, which they must not touch.
dump() {
	sqlite3 .conform/conform.db ".dump audit audit_batch audit_check \
	    audit_version audit_case finding ncr ncr_subject ncr_audit trail \
	    meta doc_version import_batch" \
	    "SELECT count(*), sum(length(case_id)) FROM case_rec" \
	    "SELECT count(*), sum(seq) FROM event_rec" | sha256sum
}
old=$(dump)

# ---- audit run ----
set -- audit run IA-2026-Q1 --from 2026-01-01 --to 2026-03-31
work_of "$CONFORM" "$@"
cp "$T/mout" "$T/audit.out"
new=$(dump)
save_db . audited
[ "$(q . "SELECT count(*) FROM audit")" = 1 ] || fail "no audit stored"
echo "a whole audit takes $total ticks of CPU; killing $KILLS audits"
absent=0 whole=0
# (a tenth of the points lie past the end: the audit finishes first)
for at in $(points $((total + total / 10))); do
	restore_db . before
	kill_at "$at" "$CONFORM" "$@"
	where="point $at of $total: killed at ${reached:-(finished first)}, exit $st"
	db_sound .
	got=$(dump)
	if [ "$got" = "$old" ]; then
		[ "$st" = 137 ] || { cat "$T/kerr"; fail "exit $st and no audit"; }
		echo "$where: nothing stored"
		absent=$((absent + 1))
		if [ "$absent" -le 3 ]; then
			expect 0 "$@"
			same "$T/out" "$T/audit.out"
			eq "$(dump)" "$new" "the store after an audit following a kill"
		fi
	elif [ "$got" = "$new" ]; then
		[ "$st" = 0 ] || [ "$st" = 137 ] || { cat "$T/kerr"; fail "exit $st and the audit stored"; }
		echo "$where: all stored"
		whole=$((whole + 1))
	else
		fail "kill at point $at (exit $st) left a store that is neither the old nor the new one"
	fi
done
echo "$KILLS audit kills: $absent before the audit was stored (nothing of it there), $whole after (all of it)"
[ "$absent" -ge $((KILLS / 3)) ] || fail "only $absent kills hit a running audit"

# ---- ncr update ----
restore_db . audited
old=$(dump)
set -- ncr update 1 --state analysed --root-cause "窗口未核对收费标准" \
	--method 5-why
CRASH_BY=io # (an update is a tick of CPU or none)
work_of "$CONFORM" "$@"
new=$(dump)
eq "$(q . "SELECT state FROM ncr WHERE number = 1")" analysed "NCR-0001 state"
echo "a whole ncr update does $total bytes of I/O"
absent=0 whole=0
# (an update takes a few ms: look without pausing)
for at in $(points $((total + total / 10))); do
	restore_db . audited
	POLL=0 kill_at "$at" "$CONFORM" "$@"
	echo "point $at of $total: killed at ${reached:-(finished first)}, exit $st"
	db_sound .
	got=$(dump)
	if [ "$got" = "$old" ]; then
		[ "$st" = 137 ] || { cat "$T/kerr"; fail "exit $st and no update"; }
		absent=$((absent + 1))
		expect 0 "$@"
		eq "$(dump)" "$new" "the store after an update following a kill"
	elif [ "$got" = "$new" ]; then
		whole=$((whole + 1))
	else
		fail "kill at point $at (exit $st) left a half-made NCR update"
	fi
	# And the NCR moves on.
	expect 0 ncr update 1 --state action-planned --action "收费标准上墙" \
		--owner "王五" --due 2026-06-30
	db_sound .
done
echo "$KILLS ncr update kills: $absent before it was stored, $whole after"
pass
