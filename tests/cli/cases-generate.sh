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
contains "$T/out" "evaluations of "
contains "$T/out" " cases to $T/a/evaluations.csv"
for k in late fee material order repeat missing unknown-activity role four-eyes before-effective pending-late \
	paused-late pause-same-day pause-end-only pause-overlap pause-holiday pause-open extension-deadline-day \
	extension-late extension-twice extension-role supplement-twice supplement-late statutory-late \
	review-late review-no-revisit review-anonymous review-not-due review-revisit-after-to \
	review-rated-after-to review-deadline-day; do
	grep -q " $k [1-9]" "$T/out" || fail "no '$k' planted: $(cat "$T/out")"
done
cp "$T/out" "$T/summary"
expect 0 cases generate --out "$T/b" --cases 5000 --seed demo --deviations 0.1
same "$T/a/cases.csv" "$T/b/cases.csv"
same "$T/a/events.csv" "$T/b/events.csv"
same "$T/a/planted.csv" "$T/b/planted.csv"
same "$T/a/evaluations.csv" "$T/b/evaluations.csv"
expect 0 cases generate --out "$T/c" --cases 5000 --seed other --deviations 0.1
cmp -s "$T/a/cases.csv" "$T/c/cases.csv" && fail "two seeds gave the same cases"
cmp -s "$T/a/evaluations.csv" "$T/c/evaluations.csv" && fail "two seeds gave the same evaluations"
eq "$(head -n 1 "$T/a/evaluations.csv")" "case_id,rated_at,rating,channel,real_name,revisit_at,rectified_at,comment" "evaluations header"
# The evaluations draw apart from the cases: another share rated, the
# same cases and events.
expect 0 cases generate --out "$T/r" --cases 5000 --seed demo --deviations 0.1 --rated 0.2
same "$T/a/cases.csv" "$T/r/cases.csv"
same "$T/a/events.csv" "$T/r/events.csv"
rated() { cut -d, -f1 "$1/evaluations.csv" | tail -n +2 | sort -u | wc -l; }
a=$(rated "$T/a") r=$(rated "$T/r")
[ "$a" -gt 2700 ] && [ "$a" -lt 3300 ] || fail "$a of 5000 cases rated for 0.6"
[ "$r" -gt 800 ] && [ "$r" -lt 1200 ] || fail "$r of 5000 cases rated for 0.2"
expect 0 cases generate --out "$T/z" --cases 100 --rated 0
eq "$(wc -l <"$T/z/evaluations.csv")" 1 "--rated 0: the header only"
grep -q ',review-' "$T/z/planted.csv" && fail "a review kind planted without evaluations"
expect 2 cases generate --out "$T/z" --rated 0.6x
contains "$T/err" "invalid --rated '0.6x'"
# Every rated case is completed, rated after its completion (an
# evaluation of the service) and in the period but for the planted ones.
awk -F, 'NR == FNR { if (FNR > 1) done[$1] = $4; next }
	FNR > 1 && (done[$1] == "" || $2 < done[$1]) { print "rated before completion: " $0; bad = 1 }
	END { exit bad }' "$T/a/cases.csv" "$T/a/evaluations.csv" || fail "an evaluation before its case is done"
eq "$(awk -F, 'NR > 1 && $2 >= "2027"' "$T/a/evaluations.csv" | wc -l)" \
	"$(grep -c ',review-rated-after-to,' "$T/a/planted.csv")" "ratings after --to"
# A bad review is rated 1 or 2; the lawful and unseen ones expect nothing.
awk -F, 'NR > 1 && $2 ~ /^review-(anonymous|not-due|rated-after-to|deadline-day)$/ && $NF != "" { exit 1 }' "$T/a/planted.csv" ||
	fail "a review kind that is not judged expects a failure"
awk -F, 'NR > 1 && $2 ~ /^review-(late|no-revisit|revisit-after-to)$/ && $NF != "bad-review" { exit 1 }' "$T/a/planted.csv" ||
	fail "a late or unrevisited review does not expect bad-review"
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
planted=$(awk -F, 'NR > 1 && $2 !~ /^review-/' "$T/a/planted.csv" | wc -l)
[ "$planted" -gt 400 ] && [ "$planted" -lt 600 ] || fail "$planted deviations planted for 10 %"
# Of the some 2700 rated cases without one, 10 % in their evaluation.
reviews=$(grep -c ',review-' "$T/a/planted.csv")
[ "$reviews" -gt 200 ] && [ "$reviews" -lt 350 ] || fail "$reviews evaluation deviations planted for 10 %"
# Lawful markers (--paused): the cases of procedures that declare them go
# through pauses, extensions and notices, and more with a higher share.
marked() { awk -F, 'NR > 1 && $2 ~ /^(expert-review|hearing|testing|inspect)-start$|^extend$|^notify-supplement$/ { print $1 }' "$1/events.csv" | sort -u | wc -l; }
expect 0 cases generate --out "$T/p" --cases 5000 --seed demo --deviations 0.1 --paused 0.9
[ "$(marked "$T/p")" -gt "$(marked "$T/a")" ] || fail "--paused 0.9 marks no more cases than 0.3"
expect 2 cases generate --out "$T/q" --paused 1.5
contains "$T/err" "invalid --paused '1.5'"

expect 0 cases import "$T/a/cases.csv" "$T/a/events.csv" "$T/a/evaluations.csv"
contains "$T/out" "cases 5000 new"
contains "$T/out" "evaluations $(($(wc -l <"$T/a/evaluations.csv") - 1)) new"
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
