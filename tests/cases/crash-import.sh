#!/bin/sh
# crash-import.sh - `conform cases import` killed with SIGKILL at random
# moments (issue 8): after each kill the store passes integrity_check and
# foreign_key_check, the trail verifies, the batch is wholly there or
# wholly absent (every count equals the file's or the state's before),
# and a following import succeeds.
. "$(dirname "$0")/../lib/lib.sh"
. "$(dirname "$0")/../lib/cases-lib.sh"
. "$(dirname "$0")/../lib/crash-lib.sh"
N=${CONFORM_CRASH_CASES:-30000}

new_ws "$T/ws"
cd "$T/ws"
cp "$SRC"/examples/center/procedures/*.xml procedures/
git add procedures && git commit -q -m "the example center"
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

# Whole, once: the state after, and how long an import takes.
ms=$(ms_of "$CONFORM" cases import "$T/g/cases.csv" "$T/g/events.csv")
new=$(counts)
set -- $old
eq "$new" "$(($1 + N)) $(($2 + events)) $(($3 + 2)) $(($4 + events))" "counts after"
restore_db . before
echo "a whole import takes ${ms} ms; killing $KILLS imports"

mid=0 whole=0
for at in $(moments "$ms"); do
	restore_db . before
	kill_after "$at" "$CONFORM" cases import "$T/g/cases.csv" "$T/g/events.csv"
	db_sound .
	got=$(counts)
	if [ "$got" = "$old" ]; then
		[ "$st" = 137 ] || { cat "$T/kerr"; fail "exit $st and nothing stored"; }
		mid=$((mid + 1))
		# The same file imports now (checked a few times: each
		# takes as long as the import killed).
		if [ "$mid" -le 4 ]; then
			expect 0 cases import "$T/g/cases.csv" "$T/g/events.csv"
			eq "$(counts)" "$new" "import after a kill at ${at} ms"
		fi
	elif [ "$got" = "$new" ]; then
		whole=$((whole + 1))
	else
		fail "kill at ${at} ms (exit $st) left part of the batch: $got (before: $old, after: $new)"
	fi
	# And the next import goes through.
	expect 0 cases import "$T/extra.csv"
	db_sound .
done
echo "$KILLS kills: $mid during the import (nothing stored), $whole after it (all stored)"
[ "$mid" -ge $((KILLS / 3)) ] || fail "only $mid kills hit the import; the test proves little"
pass
