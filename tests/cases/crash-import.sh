#!/bin/sh
# crash-import.sh - `conform cases import` killed with SIGKILL at random
# points of its work (issue 8; crash-lib.sh: a point is an amount of
# work done, CPU time, the same place in the import however loaded the
# machine is): after each kill the store passes integrity_check and
# foreign_key_check, the trail verifies, the batch is wholly there or
# wholly absent (every count equals the file's or the state's before),
# and a following import succeeds.  A point past the import's end is never reached: it finishes,
# and must then have stored the whole batch.
. "$(dirname "$0")/../lib/lib.sh"
. "$(dirname "$0")/../lib/cases-lib.sh"
. "$(dirname "$0")/../lib/crash-lib.sh"
N=${CONFORM_CRASH_CASES:-30000}

new_ws "$T/ws"
cd "$T/ws"
cp "$SRC"/examples/center/procedures/*.xml procedures/
"$CONFORM" doc commit -m "the example center" --author "张三 <z@x.cn>" >/dev/null
# The state before: an earlier batch.
expect 0 cases generate --out "$T/base" --cases 300 --seed base \
	--from 2025-03-01 --to 2025-06-30
expect 0 cases import "$T/base/cases.csv" "$T/base/events.csv"
expect 0 cases generate --out "$T/g" --cases "$N" --from 2026-01-01 \
	--to 2026-12-31
printf 'case_id,procedure_id,accepted_at\nEXTRA-1,P-BIZ-001,2026-06-01 10:00:00\n' >"$T/extra.csv"
save_db . before
counts() {
	q . "SELECT (SELECT count(*) FROM case_rec) || ' ' ||
	    (SELECT count(*) FROM event_rec) || ' ' ||
	    (SELECT count(*) FROM import_batch) || ' ' ||
	    (SELECT coalesce(sum(events_new), 0) FROM import_batch)"
}
old=$(counts)
events=$(($(wc -l <"$T/g/events.csv") - 1))

# Whole, once: the state after, and how much work an import is.
work_of "$CONFORM" cases import "$T/g/cases.csv" "$T/g/events.csv"
new=$(counts)
set -- $old
eq "$new" "$(($1 + N)) $(($2 + events)) $(($3 + 2)) $(($4 + events))" "counts after"
restore_db . before
echo "a whole import takes $total ticks of CPU; killing $KILLS imports"

mid=0 whole=0
# (a tenth of the points lie past the end: the import finishes first)
for at in $(points $((total + total / 10))); do
	restore_db . before
	kill_at "$at" "$CONFORM" cases import "$T/g/cases.csv" "$T/g/events.csv"
	echo "point $at of $total: killed at ${reached:-(finished first)}, exit $st" >"$T/where"
	db_sound .
	got=$(counts)
	if [ "$got" = "$old" ]; then
		[ "$st" = 137 ] || { cat "$T/kerr"; fail "exit $st and nothing stored"; }
		mid=$((mid + 1))
		echo "$(cat "$T/where"): nothing stored"
		# The same file imports now (checked a few times: each
		# takes as long as the import killed).
		if [ "$mid" -le 4 ]; then
			expect 0 cases import "$T/g/cases.csv" "$T/g/events.csv"
			eq "$(counts)" "$new" "import after a kill at point $at"
		fi
	elif [ "$got" = "$new" ]; then
		[ "$st" = 0 ] || [ "$st" = 137 ] || { cat "$T/kerr"; fail "exit $st and the batch stored"; }
		whole=$((whole + 1))
		echo "$(cat "$T/where"): all stored"
	else
		fail "kill at point $at (exit $st) left part of the batch: $got (before: $old, after: $new)"
	fi
	# And the next import goes through.
	expect 0 cases import "$T/extra.csv"
	db_sound .
done
echo "$KILLS kills: $mid during the import (nothing stored), $whole after it (all stored)"
[ "$mid" -ge $((KILLS / 3)) ] || fail "only $mid kills hit the import; the test proves little"
pass
