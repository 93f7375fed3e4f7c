#!/bin/sh
# cases-order.sh - the import stores the same whatever the row order
# (doc/cases.md#import-speed): events in time order (case ids
# interleaved, as real exports list them, so the import holds them back
# and writes them a sorted batch at a time; 25,000 cases make several
# batches) and in case order (written as they come) store the same
# events; seq stays each event's place in its file, not the order of
# the writes; the digests the trail binds verify; events of cases
# stored before are skipped when stored and written when not; a bad row
# at the end, after batches were written, stores nothing.
. "$(dirname "$0")/../lib/lib.sh"
. "$(dirname "$0")/../lib/cases-lib.sh"

new_ws "$T/ws"
cd "$T/ws"
cp "$SRC"/examples/center/procedures/*.xml procedures/
expect 0 doc commit -m "the example center" --author "测试 <test@example.cn>"
expect 0 cases generate --out "$T/d" --cases 25000 --seed order
cp .conform/conform.db "$T/empty.db"
# Time order, stable: a case's events at one instant keep their order.
{ head -n 1 "$T/d/events.csv"; tail -n +2 "$T/d/events.csv" | LC_ALL=C sort -t, -k3,3 -s; } >"$T/d/by-time.csv"
cmp -s "$T/d/events.csv" "$T/d/by-time.csv" && fail "the generated events are in time order already"
nev=$(($(wc -l <"$T/d/events.csv") - 1))

fresh() { rm -f .conform/conform.db*; cp "$T/empty.db" .conform/conform.db; }

# content NAME: the events as stored, whatever their seq and line
content() {
	q . "SELECT case_id, sec, nsec, off, ts_wall, activity, actor, role, attrs FROM event_rec ORDER BY case_id, sec, nsec, activity, actor, role" >"$T/$1.content"
}

# seq is the place in the file: line 2 of a batch takes its seq_first
seq_is_place() {
	eq "$(q . "SELECT count(*) FROM event_rec e JOIN import_batch b USING (batch_id) WHERE e.seq != b.seq_first + e.line - 2")" 0 "$1: events whose seq is not their place in the file"
}

for order in case time; do
	fresh
	if [ $order = case ]; then f=events.csv; else f=by-time.csv; fi
	expect 0 cases import "$T/d/cases.csv" "$T/d/$f"
	expect 0 trail verify
	eq "$(q . "SELECT count(*) FROM event_rec")" "$nev" "$order order: events stored"
	seq_is_place "$order order"
	content $order
done
same "$T/case.content" "$T/time.content"

# The time-ordered events in two files: the first half, then all of
# them (another file): the first half is stored, so skipped, the rest
# written.
half=$((nev / 2))
head -n $((half + 1)) "$T/d/by-time.csv" >"$T/d/first.csv"
fresh
expect 0 cases import "$T/d/cases.csv" "$T/d/first.csv"
expect 0 cases import "$T/d/by-time.csv"
expect 0 trail verify
eq "$(q . "SELECT events_new || ' ' || events_skipped FROM import_batch WHERE file = 'by-time.csv'")" "$((nev - half)) $half" "by-time.csv: new and skipped"
# (skipped events take no seq: it grows with the line)
eq "$(q . "SELECT count(*) FROM (SELECT seq, lag(seq) OVER (PARTITION BY batch_id ORDER BY line) AS p FROM event_rec) WHERE seq <= p")" 0 "two files: seq against line"
content two
same "$T/case.content" "$T/two.content"

# A bad row at the end, after whole batches were written: nothing
# stored.
{ cat "$T/d/by-time.csv"; echo "NO-SUCH-CASE,accept,2026-12-31 10:00:00,S1,clerk"; } >"$T/d/bad.csv"
fresh
before=$(snapshot .)
expect 3 cases import "$T/d/cases.csv" "$T/d/bad.csv"
contains "$T/err" "bad.csv:$((nev + 2)): event of case 'NO-SUCH-CASE'"
[ "$(snapshot .)" = "$before" ] || fail "a refused import stored something"
pass
