#!/bin/sh
# audit-reallog-pause.sh - the time-limit law over a real log: the Dutch
# receipt phase of an environmental permit process (WABO, CoSeLoG; Buijs
# 2014, 4TU.ResearchData, doi:10.4121/uuid:a07386a5-7be3-4367-9535-70bc9e77dbe6;
# see ../shared/data/eventlogs/SOURCES.md) under a limit of 5 working
# days (statutory 10), with the stop advice as a pause between two of its
# real activities (tests/data/audit/P-WABO-LAW.xml), the Dutch public
# holidays of 2010-2012 as calendars (tests/data/audit/NL-*.xml) and the
# workspace in Europe/Amsterdam.
#
# The expected counts were computed from the file independently of
# conform, by a Python reading of the XES (events ordered by instant,
# ties in file order; days in Amsterdam; the pause's days walked one by
# one as doc/working-days.md defines them):
#   without the pause  on-time 1143 pass, 291 fail; statutory 1297, 137
#   with the pause     on-time 1181 pass, 253 fail; statutory 1323, 111
#                      (79 cases paused at least one day)
. "$(dirname "$0")/../lib/lib.sh"
LOG="$SHARED/data/eventlogs/Receipt_phase_of_an_environmental_permit_application_process_WABO_CoSeLoG_project.xes.gz"
[ -f "$LOG" ] || skip "the shared event logs are not here ($LOG)"

count() { [ "$(grep -c "^$1,[^,]*,$2," "$T/out")" = "$3" ] || fail "$4: $1 $2: $(grep -c "^$1,[^,]*,$2," "$T/out"), expected $3"; }
audit() { # audit DIR PROCEDURE-FILE
	"$CONFORM" init --timezone Europe/Amsterdam "$1" >/dev/null || fail "init $1"
	cd "$1"
	cp "$SRC"/tests/data/audit/NL-201[012].xml calendars/
	cp "$2" procedures/P-WABO.xml
	cat >checklists/CL-LAW.xml <<'XML'
<checklist id="CL-LAW">
  <check id="T" type="on-time" severity="minor" clause="8.5.1"/>
  <check id="L" type="statutory-time" severity="major" clause="8.5.1"/>
  <check id="S" type="steps" severity="minor" clause="8.5.1"/>
</checklist>
XML
	"$CONFORM" doc commit -m "WABO receipt phase under a limit" --author "QA <qa@x.nl>" >/dev/null 2>&1 || fail commit
	expect 0 cases import --procedure P-WABO "$LOG"
	expect 0 audit run CL-LAW --from 2010-01-01 --to 2012-12-31 --all --format csv
}

# Without the pause (the same procedure, its <pause> left out).
grep -v '<pause ' "$SRC/tests/data/audit/P-WABO-LAW.xml" >"$T/plain.xml"
audit "$T/plain" "$T/plain.xml"
count T pass 1143 plain
count T fail 291 plain
count L pass 1297 plain
count L fail 137 plain
grep -q 'paused' "$T/out" && fail "a pause without a <pause>"

# With it: 38 cases on time that the plain count calls late.
audit "$T/law" "$SRC/tests/data/audit/P-WABO-LAW.xml"
count T pass 1181 pause
count T fail 253 pause
count L pass 1323 pause
count L fail 111 pause
# A detail an auditor checks by hand against the log: accepted Thu 4
# November 2010, paused from the 4th to the 10th (5, 8, 9, 10 November),
# 5 + 4 working days end on the 17th.
grep -q '^T,case-4175,fail,.*"completed 2010-11-30 08:56, limit 5 working days + 4 paused (stop advice 2010-11-04 to 2010-11-10) ended 2010-11-17"$' "$T/out" ||
	fail "case-4175: $(grep '^T,case-4175,' "$T/out")"
# The markers are no steps: no steps finding names them.
grep '^S,' "$T/out" | grep -q 'T06\|T10\|stop' && fail "a marker judged as a step"
pass
