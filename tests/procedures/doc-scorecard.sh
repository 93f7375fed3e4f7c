#!/bin/sh
# doc-scorecard.sh - the 好差评 checks and the window scorecard in a
# checklist (doc/checks.md): `doc check` refuses, one line per problem
# at its line, exit 3, a measure of a check that is no case check or
# one of the three rates, a measure of no check, a weight of 0, a check
# measured twice, and max/within/revisit/count-basic on a type that
# does not take them; a valid checklist with every new type passes.
. "$(dirname "$0")/../lib/lib.sh"

new_ws "$T/ws"
cd "$T/ws"

cat >checklists/L-1.xml <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<checklist id="L-1">
  <check id="C01" type="on-time" severity="minor"/>
  <check id="E01" type="bad-review" max="2" within="5" revisit="all" severity="minor"/>
  <check id="E02" type="satisfaction-rate" min="0.90" count-basic="yes" severity="minor"/>
  <check id="E03" type="evaluation-coverage" min="0.5" severity="observation"/>
  <check id="K01" type="on-time-rate" min="0.95" severity="minor"/>
  <check id="K02" type="on-the-spot-ratio" min="0.30" severity="minor"/>
  <scorecard awards="0">
    <measure check="C01" weight="40"/>
    <measure check="E01" weight="10"/>
    <measure check="E02" weight="30"/>
    <measure check="E03" weight="10"/>
    <measure check="K01" weight="10"/>
  </scorecard>
</checklist>
EOF
expect 0 doc check checklists/L-1.xml

cat >checklists/L-1.xml <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<checklist id="L-1">
  <check id="C01" type="on-time" severity="minor" max="2"/>
  <check id="E01" type="bad-review" max="5" severity="minor"/>
  <check id="E02" type="satisfaction-rate" min="0.90" revisit="all" severity="minor"/>
  <check id="E03" type="evaluation-coverage" min="0.5" count-basic="yes" severity="observation"/>
  <check id="E04" type="satisfaction-rate" severity="observation"/>
  <check id="K02" type="on-the-spot-ratio" min="0.30" severity="minor" within="3"/>
  <scorecard awards="3">
    <measure check="C01" weight="40"/>
    <measure check="K02" weight="30"/>
    <measure check="X99" weight="30"/>
    <measure check="E01" weight="0"/>
    <measure check="C01" weight="5"/>
  </scorecard>
</checklist>
EOF
cp checklists/L-1.xml "$T/before.xml"
expect 3 doc check checklists/L-1.xml
cat >"$T/want" <<'EOF'
checklists/L-1.xml:3: check 'C01' of type on-time takes no max (only bad-review does)
checklists/L-1.xml:4: check 'E01': max="5" is no bad rating, expected 1 to 4 (the highest rating that counts as bad)
checklists/L-1.xml:5: check 'E02' of type satisfaction-rate takes no revisit (only bad-review does)
checklists/L-1.xml:6: check 'E03' of type evaluation-coverage takes no count-basic (only satisfaction-rate does)
checklists/L-1.xml:7: check 'E04' of type satisfaction-rate needs min="0.xx", the lowest acceptable rate
checklists/L-1.xml:8: check 'K02' of type on-the-spot-ratio takes no within (only late-record and bad-review do)
checklists/L-1.xml:11: measure check='K02' names a check of type on-the-spot-ratio, expected a case check or an on-time-rate, satisfaction-rate or evaluation-coverage
checklists/L-1.xml:12: measure check='X99' names no check of this checklist, expected the id of one of its checks
checklists/L-1.xml:13: measure check='E01' has weight 0, expected a weight above 0
checklists/L-1.xml:14: check 'C01' measured twice (first on line 10), expected each check once
conform: error: 10 problems in 1 of 1 file
EOF
same "$T/err" "$T/want"
same checklists/L-1.xml "$T/before.xml"

# The schema refuses a revisit other than "all" and a scorecard without
# a measure.
sed 's/revisit="all"/revisit="real-name"/' "$T/before.xml" >checklists/L-1.xml
expect 3 doc check checklists/L-1.xml
contains "$T/err" "checklists/L-1.xml:5:"
pass
