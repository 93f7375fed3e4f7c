#!/bin/sh
# sample-figures.sh - the sample's upper deviation limit is per check,
# from the cases that check judged (pass + fail), not from the sample
# size, and every output names both numbers and where the limit stands
# against the tolerable rate (doc/audits.md#sampling).  On the demo
# center, IA-2026-Q1 with --sample draws 59 cases; four-eyes (C06)
# judges 40 of them (the others have no approval step: na, or error):
# 0 deviations in 40 at 95 % is 7.22 %, above the tolerable 5 %, where
# the sample size would claim 4.95 %.
. "$(dirname "$0")/../lib/lib.sh"

expect 0 demo --dir "$T/demo"
cd "$T/demo"
expect 0 audit run IA-2026-Q1 --from 2026-01-01 --to 2026-03-31 --sample
contains "$T/err" "stored as audit 2"
line() { grep "^$1 " "$T/out" | tail -1; }
c06=$(line C06)
case $c06 in
*"  40     0  18      1  "*"40 of 59  7.22 %, above tolerable 5 %") ;;
*) fail "C06: $c06" ;;
esac
# A check that judged all 59 and found 1 deviation: 7.79 %.
case $(line C07) in
*"  58     1   0      0  "*"59 of 59  7.79 %, above tolerable 5 %") ;;
*) fail "C07: $(line C07)" ;;
esac
contains "$T/out" "each case check's upper deviation limit is from the cases it judged"
# Rates and document checks have no sample figure.
case $(line K01) in *"of 59"*) fail "K01 has a sample figure: $(line K01)" ;; esac
# What is stored is the same figure.
[ "$(sqlite3 .conform/conform.db "SELECT upper_limit FROM audit_check WHERE audit_id = 2 AND check_id = 'C06'")" = "7.22 %" ] ||
	fail "stored: $(sqlite3 .conform/conform.db "SELECT upper_limit FROM audit_check WHERE audit_id = 2 AND check_id = 'C06'")"
expect 0 audit show 2
c06s=$(line C06)
[ "$c06s" = "$c06" ] || fail "audit show: $c06s"

expect 0 audit show 2 --format json
contains "$T/out" '"check":"C06","clause":"5.3","conformity":"100.0 %","error":1,"fail":0,"judged":40,"na":18,"pass":40,"sampled":59,"severity":"major","type":"four-eyes","upper_limit":"7.22 %","within_tolerable":false}'

expect 0 report audit 2 --format xml -o "$T/a.xml"
grep -o '<check id="C06"[^>]*>' "$T/a.xml" >"$T/c06.xml"
contains "$T/c06.xml" 'judged="40" sampled="59" upper-limit="7.22 %" tolerable="above"'
# (E01: the sampled cases with a due bad review, of the evaluations the
# demo imports)
contains "$T/a.xml" "For C01, C02, C03, C04, C05, C06, C07, C08, C10, E01 the upper deviation limit is above the tolerable rate 5 %"
if command -v xmllint >/dev/null 2>&1; then
	xmllint --noout --relaxng "$SRC/reports/schemas/report-audit.rng" "$T/a.xml" 2>"$T/lint" ||
		{ cat "$T/lint"; fail "the report does not validate"; }
fi
expect 0 report audit 2 --format html -o "$T/a.html"
contains "$T/a.html" '<td class="num">40 of 59</td><td class="num">7.22 %, above tolerable 5 %</td>'

# An audit without --sample has no figure at all.
expect 0 audit show 1
lacks "$T/out" "upper_limit"
lacks "$T/out" "of 59"
pass
