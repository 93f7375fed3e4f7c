#!/bin/sh
# demo.sh - `conform demo` builds a center and audits it; the audit finds
# exactly the deviations the generator planted (records/planted.csv),
# each by its own check, and nothing else (bad-review too, once the
# checklist has it); the center's trail verifies
# and a re-run of the audit prints the same bytes.
. "$(dirname "$0")/../lib/lib.sh"
. "$(dirname "$0")/../lib/cases-lib.sh"

expect 0 demo --dir "$T/demo" --cases 2000
contains "$T/out" "Building a demonstration center in $T/demo"
contains "$T/out" "imported   2000 cases"
contains "$T/out" "evaluations"
contains "$T/out" "Try next:"
contains "$T/out" "C07    in-force"
cd "$T/demo"
expect 0 audit show 1 --format csv
cp "$T/out" "$T/findings.csv"
# planted.csv's last column lists the checks each planted case must fail
# (a detail may hold commas in quotes; the expect column never does).
planted() { awk -F, -v t="$1" 'NR > 1 { n = split($NF, a, ";"); for (i = 1; i <= n; i++) if (a[i] == t) print $1 }' records/planted.csv; }
found() { awk -F, -v c="$1" 'NR > 1 && $1 == c && $3 == "fail" { print $2 }' "$T/findings.csv" | sort; }
compare() { # compare CHECK TYPE
	planted "$2" | sort >"$T/want"
	found "$1" >"$T/got"
	[ -s "$T/want" ] || fail "nothing planted for $2"
	same "$T/want" "$T/got"
}
compare C01 on-time
compare C02 fee
compare C03 materials
compare C04 steps
compare C05 roles
compare C06 four-eyes
compare C07 in-force
compare C08 statutory-time
compare C09 extension
compare C10 supplement
# 好差评: the evaluations are imported, and bad-review fails exactly the
# cases planted.csv expects it to (those with a late, unrectified or
# unrevisited due bad review), when the checklist has the check.
eq "$(sqlite3 .conform/conform.db "SELECT count(*) FROM evaluations")" \
	"$(($(wc -l <records/evaluations.csv) - 1))" "evaluations imported"
grep -q ',review-late,' records/planted.csv || fail "no late rectification planted"
grep -q ',review-not-due,' records/planted.csv || fail "no bad review due after --to planted"
if grep -q '<check id="E01" type="bad-review"' checklists/IA-2026-Q1.xml; then
	compare E01 bad-review
fi
# The law's kinds the demo shows: a pause over Spring Festival, paused
# cases late or not, and the rates measured on the cases.
grep -q ',pause-holiday,' records/planted.csv || fail "no pause over Spring Festival"
expect 0 audit show 1 --all --format csv
cp "$T/out" "$T/all.csv"
grep -q '^K05,\*,\(pass\|fail\),.*"used [0-9]* of [0-9]* statutory working days over [0-9]* cases' "$T/all.csv" ||
	fail "K05: $(grep '^K05' "$T/all.csv")"
# An na that only says "nothing to judge" lives in the case row, as a
# pass does, and is listed all the same (doc/audits.md).
eq "$(sqlite3 .conform/conform.db "SELECT count(*) FROM finding WHERE detail IN ('no extension recorded', 'no supplement notice recorded')")" 0 "quiet na stored"
expect 0 audit show 1
for c in C09 C10; do
	na=$(awk -v c="$c" '$1 == c && $2 ~ /^(extension|supplement)$/ { print $7 }' "$T/out")
	[ -n "$na" ] && [ "$na" -gt 1000 ] || fail "$c: na $na"
	eq "$(grep -c "^$c,[^,]*,na,.*,\"\?no \(extension\|supplement notice\) recorded\"\?\$" "$T/all.csv")" "$na" "$c na listed"
done
# K04 counted by hand: on-the-spot cases among those with a version in
# force (the before-effective ones have none).
spot=$(grep -l 'kind="on-the-spot"' procedures/*.xml | sed 's|procedures/||; s|\.xml||' | tr '\n' '|')
nspot=$(awk -F, -v re="^(${spot%|})\$" 'NR > 1 && $2 ~ re' records/cases.csv | wc -l)
nall=$(($(wc -l <records/cases.csv) - 1 - $(planted in-force | wc -l)))
grep -q "^K04,\*,[a-z]*,observation,9.1.3,,,\"on the spot $nspot of $nall cases" "$T/all.csv" ||
	fail "K04 is not $nspot of $nall: $(grep '^K04' "$T/all.csv")"
grep -q '^D03,P-HEA-001,fail,.*no Approved-by' "$T/findings.csv" || fail "the unapproved draft"
expect 0 trail verify
expect 0 audit run IA-2026-Q1 --from 2026-01-01 --to 2026-03-31 --format csv
same "$T/out" "$T/findings.csv"
expect 0 ncr list
contains "$T/out" "NCR-0001"
pass
