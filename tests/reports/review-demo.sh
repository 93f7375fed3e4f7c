#!/bin/sh
# review-demo.sh - the management review of the demo center's first
# quarter counts the NCRs its audit raised (doc/reports.md): IA-2026-Q1
# audits 2026-01-01..2026-03-31 and is run after the quarter, so every
# NCR it raises is opened after --to; the review still counts each of
# them, in its state as at 31 March.
. "$(dirname "$0")/../lib/lib.sh"
. "$(dirname "$0")/../lib/report-lib.sh"
command -v xmllint >/dev/null || skip "xmllint (libxml2-utils) is not installed"

expect 0 demo --dir "$T/demo"
cd "$T/demo"
raised=$(sed -n 's/.*; \([0-9]*\) NCRs opened$/\1/p' "$T/out")
[ -n "$raised" ] && [ "$raised" -gt 0 ] || { cat "$T/out"; fail "the demo's audit raised no NCR"; }
expect 0 report audit 1 --format xml -o "$T/a.xml"
[ "$(grep -c 'this-audit="raised"' "$T/a.xml")" = "$raised" ] || fail "the audit report's NCRs"

expect 0 report review --from 2026-01-01 --to 2026-03-31 --format xml -o "$T/r.xml"
valid "$T/r.xml" report-review.rng
grep -qF "<ncrs raised=\"$raised\" carried=\"0\" as-at=\"2026-03-31\">" "$T/r.xml" ||
	{ grep '<ncrs' "$T/r.xml"; fail "the review counts $raised NCRs"; }
grep -qF "ncrs-raised=\"$raised\"" "$T/r.xml" || fail "the audit row"
[ "$(grep -c '<ncr ' "$T/r.xml")" = "$raised" ] || fail "NCRs listed: $(grep -c '<ncr ' "$T/r.xml")"
# The review lists exactly the audit's NCRs.
grep -o '<ncr number="NCR-[0-9]*" check="[^"]*"' "$T/a.xml" | sed 's/ check=.*//' | sort >"$T/a.ncrs"
grep -o '<ncr number="NCR-[0-9]*"' "$T/r.xml" | sort >"$T/r.ncrs"
same "$T/a.ncrs" "$T/r.ncrs"
grep -qF "<state name=\"open\" count=\"$raised\"/>" "$T/r.xml" || fail "all open on 31 March"

expect 0 report review --from 2026-01-01 --to 2026-03-31 --format html -o "$T/r.html"
contains "$T/r.html" "$raised raised by the audits of the period, 0 carried over"

# A re-audit of the quarter raises nothing (its failing subjects are
# listed already); once the first audit is made void, the review still
# counts the NCRs the audit of record found failing again, as carried
# over: exactly those its report lists.
expect 0 audit run IA-2026-Q1 --from 2026-01-01 --to 2026-03-31
lacks "$T/err" "NCRs:"
contains "$T/err" "already on an NCR of"
expect 0 audit void 1 --reason "run before the quarter's last import"
expect 0 report audit 2 --format xml -o "$T/a2.xml"
cited=$(grep -c '<ncr ' "$T/a2.xml")
[ "$cited" -gt 0 ] || fail "audit 2 cites no NCR"
[ "$(grep -c 'this-audit="listed"' "$T/a2.xml")" = "$cited" ] || fail "audit 2 raised or joined"
expect 0 report review --from 2026-01-01 --to 2026-03-31 --format xml -o "$T/r2.xml"
grep -qF "<ncrs raised=\"0\" carried=\"$cited\" as-at=\"2026-03-31\">" "$T/r2.xml" ||
	{ grep '<ncrs' "$T/r2.xml"; fail "the review after the void counts $cited NCRs"; }
grep -o '<ncr number="NCR-[0-9]*" check="[^"]*"' "$T/a2.xml" | sed 's/ check=.*//' | sort >"$T/a2.ncrs"
grep -o '<ncr number="NCR-[0-9]*"' "$T/r2.xml" | sort >"$T/r2.ncrs"
same "$T/a2.ncrs" "$T/r2.ncrs"
pass
