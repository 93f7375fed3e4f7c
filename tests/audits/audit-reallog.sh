#!/bin/sh
# audit-reallog.sh - the audit over a real log: the Dutch receipt phase
# of an environmental permit process (WABO, CoSeLoG; Buijs 2014,
# 4TU.ResearchData, doi:10.4121/uuid:a07386a5-7be3-4367-9535-70bc9e77dbe6;
# see ../shared/data/eventlogs/SOURCES.md), with a procedure written for
# it: open steps, 'check' required, the rest optional, 'adjust'
# repeatable and not by the person who checked.
#
# The expected counts were computed from the file independently of
# conform, by a Python reading of the XES (events ordered by instant,
# ties in file order) applying doc/checks.md's rules for steps and four-eyes:
#   steps      773 pass, 661 fail (239 "'stop-advice' before 'check'",
#              116 "required step 'check' missing", ...)
#   four-eyes  9 pass, 28 fail, 1397 na
#   in-force   1434 pass
. "$(dirname "$0")/../lib/lib.sh"
LOG="$SHARED/data/eventlogs/Receipt_phase_of_an_environmental_permit_application_process_WABO_CoSeLoG_project.xes.gz"
[ -f "$LOG" ] || skip "the shared event logs are not here ($LOG)"

new_ws "$T/ws"
cd "$T/ws"
cp "$SRC/tests/data/audit/P-WABO.xml" procedures/P-WABO.xml
cat >checklists/CL-WABO.xml <<'XML'
<checklist id="CL-WABO">
  <check id="S" type="steps" severity="minor" clause="8.5.1"/>
  <check id="F" type="four-eyes" severity="major" clause="5.3"/>
  <check id="I" type="in-force" severity="major" clause="7.5.3"/>
</checklist>
XML
"$CONFORM" doc commit -m "WABO receipt phase" --author "QA <qa@x.nl>" >/dev/null || fail commit
expect 0 cases import --procedure P-WABO "$LOG"
expect 0 audit run CL-WABO --from 2010-01-01 --to 2012-12-31 --all --format csv
count() { [ "$(grep -c "^$1,[^,]*,$2," "$T/out")" = "$3" ] || fail "$1 $2: $(grep -c "^$1,[^,]*,$2," "$T/out"), expected $3"; }
count S pass 773
count S fail 661
count F pass 9
count F fail 28
count F na 1397
count I pass 1434
[ "$(grep -c "^S,.*'stop-advice' before 'check'\$" "$T/out")" = 239 ] || fail "stop-advice before check"
[ "$(grep -c "^S,.*required step 'check' missing\$" "$T/out")" = 116 ] || fail "check missing"
[ "$(grep -c "^S,.*'check' repeated\$" "$T/out")" = 12 ] || fail "check repeated"
pass
