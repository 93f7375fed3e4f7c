#!/bin/sh
# demo.sh - `conform demo` builds a center and audits it; the audit finds
# exactly the deviations the generator planted (records/planted.csv),
# each by its own check, and nothing else; the center's trail verifies
# and a re-run of the audit prints the same bytes.
. "$(dirname "$0")/../lib/lib.sh"

expect 0 demo --dir "$T/demo" --cases 2000
contains "$T/out" "Building a demonstration center in $T/demo"
contains "$T/out" "imported   2000 cases"
contains "$T/out" "Try next:"
contains "$T/out" "C07    in-force"
cd "$T/demo"
expect 0 audit show 1 --format csv
cp "$T/out" "$T/findings.csv"
planted() { awk -F, -v k="$1" 'NR > 1 && $2 == k { print $1 }' records/planted.csv; }
found() { awk -F, -v c="$1" 'NR > 1 && $1 == c && $3 == "fail" { print $2 }' "$T/findings.csv" | sort; }
compare() { # compare CHECK KIND...
	c=$1; shift
	for k in "$@"; do planted "$k"; done | sort >"$T/want"
	found "$c" >"$T/got"
	[ -s "$T/want" ] || fail "no '$*' planted"
	same "$T/want" "$T/got"
}
compare C01 late pending-late
compare C02 fee
compare C03 material
compare C04 order repeat missing unknown-activity
compare C05 role
compare C06 four-eyes
compare C07 before-effective
grep -q '^D03,P-HEA-001,fail,.*no Approved-by' "$T/findings.csv" || fail "the unapproved draft"
expect 0 trail verify
expect 0 audit run IA-2026-Q1 --from 2026-01-01 --to 2026-03-31 --format csv
same "$T/out" "$T/findings.csv"
expect 0 ncr list
contains "$T/out" "NCR-0001"
pass
