#!/bin/sh
# doc-check.sh - `conform doc check`: the example center is valid; every
# kind of problem is one FILE:LINE: message with exit 3; files outside a
# workspace can be checked too.
. "$(dirname "$0")/../lib/lib.sh"

new_ws "$T/ws"
cp -R "$SRC/examples/center/procedures" "$SRC/examples/center/standards" \
	"$SRC/examples/center/checklists" "$T/ws/"
cd "$T/ws"
expect 0 doc check
n=$(($(ls procedures standards checklists calendars | grep -c '\.xml$')))
contains "$T/out" "$n documents valid"

# bad NAME CONTENT: writes procedures/NAME.xml etc. (path given in $1)
bad() { mkdir -p "$(dirname "$1")"; printf '%s\n' "$2" >"$1"; }
check_one() {
	# check_one FILE 'FILE:LINE: text' - exit 3 and that line reported
	expect 3 doc check
	contains "$T/err" "$2"
	rm -f "$1"
}

bad procedures/P-X-001.xml '<procedure id="P-X-002" kind="commitment">
  <title>测试</title>
  <effective-from>2026-01-01</effective-from>
  <steps><step id="a"/></steps>
</procedure>'
check_one procedures/P-X-001.xml "procedures/P-X-001.xml:1: id 'P-X-002' does not match the file name"

bad procedures/P-X-001.xml '<procedure id="P-X-001" kind="commitment">
  <title>测试</title>
  <effective-from>2026-01-01</effective-from>
  <steps>
    <step id="review" activity="材料审核"/>
    <step id="approve" activity="材料审核" not-same-actor-as="check"/>
  </steps>
</procedure>'
expect 3 doc check
contains "$T/err" "procedures/P-X-001.xml:6: steps 'review' and 'approve' share the activity '材料审核'"
contains "$T/err" "procedures/P-X-001.xml:6: step 'approve': not-same-actor-as 'check' names no other step"
contains "$T/err" "conform: error: 2 problems in 1 of"
rm procedures/P-X-001.xml

bad procedures/P-X-001.xml '<procedure id="P-X-001" kind="on-the-spot">
  <title>测试</title>
  <effective-from>2026-02-29</effective-from>
  <time-limit statutory="5" committed="2"/>
  <steps><step id="a"/></steps>
</procedure>'
expect 3 doc check
contains "$T/err" "procedures/P-X-001.xml:3: effective-from: date '2026-02-29' does not exist"
contains "$T/err" "procedures/P-X-001.xml:4: an on-the-spot procedure has committed=\"0\""
rm procedures/P-X-001.xml

bad procedures/P-X-001.xml '<procedure id="P-X-001" kind="commitment">
  <title>没有步骤</title>
  <effective-from>2026-01-01</effective-from>
</procedure>'
check_one procedures/P-X-001.xml "procedures/P-X-001.xml:1:"

bad checklists/CL-X.xml '<checklist id="CL-X">
  <check id="K1" type="on-time-rate" severity="minor"/>
  <check id="S1" type="sql" severity="minor"/>
</checklist>'
expect 3 doc check
contains "$T/err" "checklists/CL-X.xml:2: check 'K1' of type on-time-rate needs min="
contains "$T/err" "checklists/CL-X.xml:3: check 'S1' of type sql needs a <query>"
rm checklists/CL-X.xml

bad calendars/county-2026.xml '<calendar id="county-2026" year="2026">
  <holiday from="2026-03-03" to="2026-03-03" name="三月三"/>
</calendar>'
check_one calendars/county-2026.xml "calendars/county-2026.xml:1: year 2026 is already covered by calendars/CN-2026.xml"

bad procedures/notes.txt 'not a document'
check_one procedures/notes.txt "procedures/notes.txt: not a document"

bad procedures/P-X-001.xml '<procedure id="P-X-001" kind="commitment">
  <title>未闭合'
check_one procedures/P-X-001.xml "procedures/P-X-001.xml:3:1: Premature end of data"

bad standards/Q_X-001.xml '<standard id="Q/X-001" subsystem="provision">
  <title>标准</title>
  <effective-from>2026-01-01</effective-from>
  <clause id="1">a</clause>
  <clause id="1">b</clause>
</standard>'
check_one standards/Q_X-001.xml "standards/Q_X-001.xml:5: clause id '1' used twice"

# Problems are sorted by file and line, every one reported.
bad procedures/P-A.xml '<procedure id="P-B" kind="commitment"><title>a</title><effective-from>2026-01-01</effective-from><steps><step id="a"/></steps></procedure>'
bad procedures/P-C.xml '<procedure id="P-D" kind="commitment"><title>c</title><effective-from>2026-01-01</effective-from><steps><step id="a"/></steps></procedure>'
expect 3 doc check
[ "$(grep -c 'does not match the file name' "$T/err")" = 2 ] || fail "two problems"
head -1 "$T/err" | grep -q '^procedures/P-A.xml:1:' || fail "not sorted"
rm procedures/P-A.xml procedures/P-C.xml
expect 0 doc check

# Files named on the command line, outside any workspace.
cd "$T"
expect 0 doc check "$SRC/examples/center/procedures/P-BIZ-001.xml" \
	"$SRC/examples/center/checklists/IA-2026-Q1.xml"
contains "$T/out" "2 documents valid"
expect 3 doc check "$T/missing.xml"
contains "$T/err" "missing.xml: "
contains "$T/err" "cannot open"
pass
