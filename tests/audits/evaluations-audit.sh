#!/bin/sh
# evaluations-audit.sh - the 好差评 checks and a scorecard measure over
# imported evaluations (doc/checks.md "bad-review", "Rates", "The window
# scorecard"), on tests/data/audit's cases: a real-name bad review
# revisited after its deadline, an anonymous one rectified in time but
# not revisited under revisit="all", one not yet due at --to, one
# rectified after --to (seen as not rectified) of a case with no version
# in force, a rating after --to (not seen), a basic rating counted only
# with count-basic, an evaluation of a pending case (in the rate, not in
# the coverage).  It needs the evaluations import (doc/cases.md
# "Evaluations"); a build without it skips.
. "$(dirname "$0")/../lib/lib.sh"
D="$SRC/tests/data/audit"
A='张三 <zhang@x.cn>'
B='李四 <li@x.cn>'

new_ws "$T/ws"
cd "$T/ws"
cp "$D/P-A-001.v1.xml" procedures/P-A-001.xml
cp "$D/P-B-001.xml" procedures/P-B-001.xml
cat >checklists/CL-E.xml <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<checklist id="CL-E">
  <scope procedures="P-*"/>
  <check id="T1" type="on-time" severity="minor"/>
  <check id="E1" type="bad-review" severity="minor" clause="9.1.2"/>
  <check id="E2" type="bad-review" within="5" revisit="all" severity="observation"/>
  <check id="E3" type="satisfaction-rate" min="0.80" severity="minor"/>
  <check id="E4" type="satisfaction-rate" min="0.50" count-basic="yes" severity="observation"/>
  <check id="E5" type="evaluation-coverage" min="0.50" severity="observation"/>
  <scorecard awards="1">
    <measure check="T1" weight="50"/>
    <measure check="E3" weight="50"/>
  </scorecard>
</checklist>
EOF
"$CONFORM" doc commit -m "v1" --author "$A" --approved-by "$B" >/dev/null || fail "commit v1"
cp "$D/P-A-001.v2.xml" procedures/P-A-001.xml
"$CONFORM" doc commit -m "v2" --author "$A" --approved-by "$A" >/dev/null 2>&1 || fail "commit v2"
cat >"$T/evaluations.csv" <<'EOF'
case_id,rated_at,rating,channel,real_name,revisit_at,rectified_at,comment
C001,2026-02-13 12:00:00,5,app,no,,,
C002,2026-02-25 10:00:00,1,window,yes,2026-03-18 10:00:00,2026-03-10 10:00:00,太慢
C003,2026-03-02 10:00:00,2,window,no,,2026-03-05 09:00:00,
C004,2026-03-25 10:00:00,1,app,yes,,,
C005,2026-03-10 10:00:00,3,app,,,,
C005,2026-03-10 10:00:00,4,window,,,,
C006,2026-04-02 10:00:00,1,app,no,,,
C008,2026-02-21 10:00:00,1,app,no,,2026-04-01 09:00:00,
C009,2026-03-20 10:00:00,5,app,,,,
EOF
expect 0 cases import "$D/cases.csv" "$D/events.csv"
if ! "$CONFORM" cases import "$T/evaluations.csv" >"$T/out" 2>"$T/err"; then
	grep -q "header names neither procedure_id (a cases file) nor activity (an events file)" "$T/err" &&
		skip "this build does not import evaluations yet"
	cat "$T/err"
	fail "the evaluations import"
fi
expect 0 audit run CL-E --from 2026-02-01 --to 2026-03-31 --all --format csv
row() { grep -qF -- "$1" "$T/out" || { cat "$T/out"; fail "no row $1"; }; }
# C002: real name, rated Wed 25 February (the make-up Saturday 28
# February counts): 15 working days end 17 March; revisited on the 18th.
row 'E1,C002,fail,minor,9.1.2,P-A-001,'
row ',"rated 1 on 2026-02-25 (real name), rectified 2026-03-10, revisited 2026-03-18, deadline 2026-03-17 (15 working days)"'
# C003: anonymous, rectified in 3 days: E1 passes; E2 wants a revisit
# within 5 working days (Monday 9 March).
row 'E1,C003,pass,'
row 'E2,C003,fail,observation,,P-A-001,'
row ',"rated 2 on 2026-03-02, rectified 2026-03-05, not revisited, deadline 2026-03-09 (5 working days)"'
# C004: deadline 16 April, after --to: not yet due.
row 'E1,C004,na,minor,9.1.2,P-A-001,'
row ',1 bad evaluation not yet due (deadline 2026-04-16)'
# C008: no version in force, judged all the same; its rectification
# came after --to, so for this audit it was not rectified (deadline 13
# March).
row 'E1,C008,fail,minor,9.1.2,,,"rated 1 on 2026-02-21, not rectified, deadline 2026-03-13 (15 working days)"'
# C006's rating came after --to: not seen; C001 has no bad review.
row 'E1,C006,na,minor,9.1.2,P-A-001,'
row 'E1,C001,na,'
# Satisfaction over the 8 evaluations seen (C006's is not): 4 or 5 are
# C001, C005 by window, C009 (pending): 3 of 8; with 3 also C005 by
# app: 4 of 8.
row 'E3,*,fail,minor,,,,"satisfied 3 of 8 evaluations (37.5 %), minimum 80 %; 4 and 5 count"'
row 'E4,*,pass,observation,,,,"satisfied 4 of 8 evaluations (50.0 %), minimum 50 %; 3, 4 and 5 count"'
# Coverage: completed cases with an evaluation seen (C001-C005, C008;
# C009 is pending, C006's came after --to) of the completed ones.
row 'E5,*,fail,observation,,,,"evaluated 6 of 13 completed cases (46.2 %), minimum 50 %"'

# The scorecard: T1 and E3 per window.  W01: on time 9 of 12 (C003,
# C004, C010 late, C009 not judged), satisfied 3 of 7: (50·0.75 +
# 50·3/7) / 100 = 58.93 -> 58.9.  W07: C007 on time (C008 has no
# version: error, not counted), one evaluation, rated 1: (100 + 0) / 2.
expect 0 report windows 1 --format csv
cat >"$T/want" <<'EOF'
rank,window,score,red_flag,T1,E3
1,W01,58.9,yes,75.0,42.9
2,W07,50.0,no,100.0,0.0
EOF
same "$T/out" "$T/want"

# The XML audit report carries the same ranking, and validates.
expect 0 report audit 1 --format xml -o "$T/a.xml"
contains "$T/a.xml" '<scorecard awards="1">'
contains "$T/a.xml" '<window name="W01" rank="1" score="58.9" red-flag="yes">'
contains "$T/a.xml" '<value check="E3" percent="42.9"/>'
contains "$T/a.xml" '<window name="W07" rank="2" score="50.0" red-flag="no">'
if command -v xmllint >/dev/null 2>&1; then
	xmllint --noout --relaxng "$SRC/reports/schemas/report-audit.rng" "$T/a.xml" 2>"$T/lint" ||
		{ cat "$T/lint"; fail "the report with a scorecard does not validate"; }
fi

# The management review's 9.3.2 c) 1) input shows what the audit
# measured of 好差评, read back: each check with its figure.
expect 0 report review --from 2026-02-01 --to 2026-03-31 -o "$T/r.html"
grep -q '<td class="key">E3</td><td>满意率[^<]*</td><td class="num measured">37.5 %' "$T/r.html" ||
	{ grep -o '<td class="key">E[0-9]</td>[^\n]*' "$T/r.html" | head; fail "review: E3's 37.5 %"; }
grep -q '<td class="key">E1</td>' "$T/r.html" || fail "review: E1"
grep -q 'conform imports no satisfaction data' "$T/r.html" && fail "review: still says there is no satisfaction data"
pass
