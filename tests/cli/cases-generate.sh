#!/bin/sh
# cases-generate.sh - `conform cases generate`: synthetic logs for the
# procedures committed in the workspace, the same bytes for the same
# seed, every kind of deviation planted, and files that import.
. "$(dirname "$0")/../lib/lib.sh"
. "$(dirname "$0")/../lib/cases-lib.sh"

new_ws "$T/ws"
cd "$T/ws"
cp "$SRC"/examples/center/procedures/*.xml procedures/
git add procedures && git commit -q -m "the example center"

expect 0 cases generate --out "$T/a" --cases 5000 --seed demo --deviations 0.1
contains "$T/out" "wrote 5000 cases ("
contains "$T/out" "events to $T/a/cases.csv and $T/a/events.csv"
for k in late fee material order repeat missing unknown-activity role four-eyes before-effective pending-late \
	paused-late pause-same-day pause-end-only pause-overlap pause-holiday pause-open extension-deadline-day \
	extension-late extension-twice extension-role supplement-twice supplement-late statutory-late; do
	grep -q " $k [1-9]" "$T/out" || fail "no '$k' planted: $(cat "$T/out")"
done
cp "$T/out" "$T/summary"
expect 0 cases generate --out "$T/b" --cases 5000 --seed demo --deviations 0.1
same "$T/a/cases.csv" "$T/b/cases.csv"
same "$T/a/events.csv" "$T/b/events.csv"
same "$T/a/planted.csv" "$T/b/planted.csv"
expect 0 cases generate --out "$T/c" --cases 5000 --seed other --deviations 0.1
cmp -s "$T/a/cases.csv" "$T/c/cases.csv" && fail "two seeds gave the same cases"
eq "$(head -n 1 "$T/a/cases.csv")" "case_id,procedure_id,accepted_at,completed_at,fee_charged,materials,window,channel,received_at" "cases header"
eq "$(head -n 1 "$T/a/planted.csv")" "case_id,kind,detail,expect" "planted header"
# Each planted row says which checks must fail; lawful edge cases none.
awk -F, 'NR > 1 && $2 == "extension-late" && $NF != "on-time;extension" { exit 1 }' "$T/a/planted.csv" ||
	fail "extension-late without on-time;extension"
awk -F, 'NR > 1 && $2 == "pause-holiday" && $NF != "" { exit 1 }' "$T/a/planted.csv" ||
	fail "a lawful pause over a holiday expects a failure"
eq "$(head -n 1 "$T/a/events.csv")" "case_id,activity,timestamp,actor,role" "events header"
eq "$(($(wc -l <"$T/a/cases.csv") - 1))" 5000 "case rows"
# Chinese-free ids, in acceptance order.
LC_ALL=C grep -q '[^ -~]' "$T/a/cases.csv" && fail "non-ASCII in cases.csv"
cut -d, -f1 "$T/a/cases.csv" | tail -n +2 | grep -v -- '-[0-9]*$' >/dev/null && fail "odd ids"
planted=$(($(wc -l <"$T/a/planted.csv") - 1))
[ "$planted" -gt 400 ] && [ "$planted" -lt 600 ] || fail "$planted deviations planted for 10 %"
# Lawful markers (--paused): the cases of procedures that declare them go
# through pauses, extensions and notices, and more with a higher share.
marked() { awk -F, 'NR > 1 && $2 ~ /^(expert-review|hearing|testing|inspect)-start$|^extend$|^notify-supplement$/ { print $1 }' "$1/events.csv" | sort -u | wc -l; }
expect 0 cases generate --out "$T/p" --cases 5000 --seed demo --deviations 0.1 --paused 0.9
[ "$(marked "$T/p")" -gt "$(marked "$T/a")" ] || fail "--paused 0.9 marks no more cases than 0.3"
expect 2 cases generate --out "$T/q" --paused 1.5
contains "$T/err" "invalid --paused '1.5'"

expect 0 cases import "$T/a/cases.csv" "$T/a/events.csv"
contains "$T/out" "cases 5000 new"
events=$(($(wc -l <"$T/a/events.csv") - 1))
contains "$T/out" "events $events new"
eq "$(q . "SELECT count(*) FROM cases WHERE completed_at IS NULL")" \
	"$(sed -n 's/.*wrote 5000 cases (\([0-9]*\) pending).*/\1/p' "$T/summary")" "pending cases"
eq "$(q . "SELECT count(*) FROM events WHERE substr(ts, 12, 2) NOT BETWEEN '09' AND '19' AND substr(ts, 1, 4) = '2026'")" 0 "events at night"

expect 2 cases generate --cases 10
contains "$T/err" "needs --out DIR"
expect 2 cases generate --out "$T/d" --deviations 1.5
contains "$T/err" "invalid --deviations '1.5'"
expect 2 cases generate --out "$T/d" --cases many
contains "$T/err" "invalid --cases 'many'"
expect 2 cases generate --out "$T/d" --from 2026-02-30
contains "$T/err" "--from: date '2026-02-30' does not exist"
expect 3 cases generate --out "$T/d" --from 2030-01-01 --to 2030-01-31
contains "$T/err" "no calendar covers 2030"
pass
