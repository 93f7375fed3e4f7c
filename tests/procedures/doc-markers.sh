#!/bin/sh
# doc-markers.sh - the time-limit law's markers in a procedure
# (<pause>, <extension>, <supplement>; doc/documents.md): `doc check`
# refuses each rule at its line, one line per problem, exit 3, and
# leaves the file alone; `doc commit` takes a valid one; `doc diff` and
# `doc log` show a changed pause, extension and supplement.
. "$(dirname "$0")/../lib/lib.sh"

new_ws "$T/ws"
cd "$T/ws"
A='张三 <zhang@dongfang.gov.cn>'
B='李四 <li@dongfang.gov.cn>'

# One of every problem a schema cannot say.
cat >procedures/P-X-001.xml <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<procedure id="P-X-001" kind="commitment">
  <title>建设工程规划许可</title>
  <effective-from>2026-01-01</effective-from>
  <time-limit statutory="20" committed="10" unit="working-day">
    <pause start="expert-start" end="expert-start" name="专家评审"/>
    <pause start="review" end="review-done" name="特别程序"/>
    <pause start="review" end="hearing-end" name="听证"/>
    <extension activity="extend" days="0" role="director"/>
  </time-limit>
  <supplement activity="extend" within="5"/>
  <steps>
    <step id="accept" role="clerk"/>
    <step id="review" role="reviewer"/>
    <step id="approve" role="approver"/>
  </steps>
</procedure>
EOF
cp procedures/P-X-001.xml "$T/before.xml"
expect 3 doc check
cat >"$T/want" <<'EOF'
procedures/P-X-001.xml:6: <pause> '专家评审': start and end are both 'expert-start', expected one activity that opens the pause and another that closes it
procedures/P-X-001.xml:7: activity 'review' of <pause> start is also the activity of step 'review'; a marker is not a step, expected an activity no step has
procedures/P-X-001.xml:8: <pause> start 'review' used twice (first on line 7), expected one pause per start activity
procedures/P-X-001.xml:8: activity 'review' of <pause> start is also the activity of step 'review'; a marker is not a step, expected an activity no step has
procedures/P-X-001.xml:9: <extension> days="0" extends nothing, expected at least 1 working day
procedures/P-X-001.xml:11: activity 'extend' of <supplement> is also the <extension>'s (line 9), expected an activity that means one thing
conform: error: 6 problems in 1 of 3 files
EOF
same "$T/err" "$T/want"
same procedures/P-X-001.xml "$T/before.xml"
# and doc commit refuses the same, committing nothing
head0=$(git rev-parse HEAD)
expect 3 doc commit -m "x" --author "$A" --approved-by "$B"
contains "$T/err" "procedures/P-X-001.xml:9: <extension> days=\"0\" extends nothing"
[ "$(git rev-parse HEAD)" = "$head0" ] || fail "an invalid procedure was committed"

# On an on-the-spot item a pause or an extension is refused.
cat >procedures/P-X-001.xml <<'EOF'
<procedure id="P-X-001" kind="on-the-spot">
  <title>即办件</title>
  <effective-from>2026-01-01</effective-from>
  <time-limit statutory="5" committed="0">
    <pause start="s" end="e" name="特别程序"/>
  </time-limit>
  <steps><step id="a"/></steps>
</procedure>
EOF
expect 3 doc check procedures/P-X-001.xml
contains "$T/err" "procedures/P-X-001.xml:5: an on-the-spot procedure is settled on its acceptance day and has no clock to stop, expected no <pause> (or kind=\"commitment\")"
[ "$(grep -c '^procedures/' "$T/err")" = 1 ] || fail "one problem: $(cat "$T/err")"

# A marker outside its place is the schema's to refuse.
cat >procedures/P-X-001.xml <<'EOF'
<procedure id="P-X-001" kind="commitment">
  <title>t</title>
  <effective-from>2026-01-01</effective-from>
  <pause start="s" end="e" name="特别程序"/>
  <steps><step id="a"/></steps>
</procedure>
EOF
expect 3 doc check procedures/P-X-001.xml
contains "$T/err" "procedures/P-X-001.xml:"

# A valid one, committed; then a changed pause, extension and supplement.
cat >procedures/P-X-001.xml <<'EOF'
<procedure id="P-X-001" kind="commitment">
  <title>建设工程规划许可</title>
  <effective-from>2026-01-01</effective-from>
  <time-limit statutory="20" committed="10" unit="working-day">
    <pause start="special-start" end="special-end" name="特别程序"/>
    <extension activity="extend" days="10" role="director"/>
  </time-limit>
  <supplement activity="notify-supplement" within="5"/>
  <steps>
    <step id="accept" role="clerk"/>
    <step id="approve" role="approver"/>
  </steps>
</procedure>
EOF
expect 0 doc check
expect 0 doc commit -m "规划许可" --author "$A" --approved-by "$B"
sed -i 's/end="special-end"/end="special-done"/; s/days="10"/days="15"/;
	s/within="5"/within="3"/' procedures/P-X-001.xml
sed -i 's|</time-limit>|  <pause start="hearing-start" end="hearing-end" name="听证"/>\n  </time-limit>|' \
	procedures/P-X-001.xml
expect 0 doc commit -m "特别程序" --author "$A" --approved-by "$B"
expect 0 doc diff P-X-001 HEAD~1 HEAD
cat >"$T/want" <<'EOF'
time-limit.pause special-start end: special-end -> special-done
time-limit.pause hearing-start: (absent) -> 听证: 'hearing-start' to 'hearing-end'
time-limit.extension.days: 10 -> 15
supplement.within: 5 -> 3
EOF
same "$T/out" "$T/want"
expect 0 doc log P-X-001
contains "$T/out" "time-limit.pause special-start end special-end -> special-done; time-limit.pause hearing-start added; time-limit.extension.days 10 -> 15"
expect 0 doc diff P-X-001 HEAD~1 HEAD --format csv
contains "$T/out" "time-limit.extension.days,10,15"
pass
