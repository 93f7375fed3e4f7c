#!/bin/sh
# cases-profile-receipt.sh - the 4TU receipt log as pm4py writes it as
# CSV (receipt.csv; Buijs 2014, 4TU.ResearchData,
# doi:10.4121/uuid:a07386a5-7be3-4367-9535-70bc9e77dbe6; see
# ../shared/data/eventlogs/SOURCES.md) read through the example profile
# examples/profiles/RECEIPT-4TU.xml.
#
# The file has no cases file beside it, so the test writes one (in its
# temporary directory) with Python: one case per case:concept:name,
# accepted at its earliest event and completed at its latest, as the XES
# reading does for a trace.  The counts are computed from the file by
# awk, not written down.  Then: every event is stored, each with the
# columns the profile does not name as its attributes; `cases stats`
# counts the cases; an audit over the profile's import finds exactly
# what the same audit finds over the XES rendering of the same log; and
# the CSV read through the profile after that XES adds no event (every
# row is one the XES already stored: same case, activity, instant and
# actor).  Skipped when the log is not there.
. "$(dirname "$0")/../lib/lib.sh"
. "$(dirname "$0")/../lib/cases-lib.sh"

LOGS="$SHARED/data/eventlogs"
CSV="$LOGS/receipt.csv"
XES="$LOGS/Receipt_phase_of_an_environmental_permit_application_process_WABO_CoSeLoG_project.xes.gz"
[ -f "$CSV" ] && [ -f "$XES" ] || skip "the shared event logs are not here ($LOGS)"
command -v python3 >/dev/null || skip "python3 is needed to write the cases file"

# What the file holds, by awk (the file has no quoted fields).
grep -q '"' "$CSV" && fail "receipt.csv has quotes: awk cannot count it"
ncase=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "case:concept:name") c = i; next }
	{ k[$c] = 1 } END { print length(k) }' "$CSV")
nevent=$(awk 'END { print NR - 1 }' "$CSV")
[ "$ncase" -gt 1000 ] && [ "$nevent" -gt "$ncase" ] || fail "counts of receipt.csv: $ncase cases, $nevent events"

ws() {
	new_ws "$1"
	cp "$SRC/examples/profiles/RECEIPT-4TU.xml" "$1/profiles/"
	cp "$SRC/tests/data/audit/P-WABO.xml" "$1/procedures/P-WABO.xml"
	cat >"$1/checklists/CL-WABO.xml" <<'XML'
<checklist id="CL-WABO">
  <check id="S" type="steps" severity="minor" clause="8.5.1"/>
  <check id="F" type="four-eyes" severity="major" clause="5.3"/>
  <check id="I" type="in-force" severity="major" clause="7.5.3"/>
</checklist>
XML
	"$CONFORM" -C "$1" doc commit -m "WABO receipt phase" --author "QA <qa@x.nl>" \
	    --approved-by "Head <head@x.nl>" >/dev/null 2>&1 || fail "commit in $1"
}

# The cases file, from the events' own times.
python3 - "$CSV" "$T/cases.csv" <<'PY'
import csv, datetime, sys
span = {}
with open(sys.argv[1], newline="") as f:
    for row in csv.DictReader(f):
        t = row["time:timestamp"]
        d = datetime.datetime.fromisoformat(t)
        s = span.setdefault(row["case:concept:name"], [(d, t), (d, t)])
        if d < s[0][0]:
            s[0] = (d, t)
        if d > s[1][0]:
            s[1] = (d, t)
with open(sys.argv[2], "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["case_id", "procedure_id", "accepted_at", "completed_at"])
    for k, (a, b) in span.items():
        w.writerow([k, "P-WABO", a[1], b[1]])
PY

ws "$T/csv"
cd "$T/csv"
expect 0 cases import "$T/cases.csv"
expect 0 cases import --profile RECEIPT-4TU "$CSV"
contains "$T/out" "profile RECEIPT-4TU  (events, commit "
contains "$T/out" "batch 2  events-csv  $nevent rows  $CSV"
contains "$T/out" "imported 1 file: cases 0 new, 0 updated, 0 unchanged; events $nevent new, 0 skipped as already stored"
eq "$(q . "SELECT count(*) FROM case_rec")" "$ncase" "cases stored"
eq "$(q . "SELECT count(*) FROM event_rec")" "$nevent" "events stored"
eq "$(q . "SELECT count(DISTINCT case_id) FROM event_rec")" "$ncase" "cases with events"
# The first row of the file, field by field: the mapped columns are
# fields, the rest attributes, named as the file names them.
eq "$(q . "SELECT case_id, activity, actor, sec, nsec, off FROM event_rec WHERE batch_id = 2 AND line = 2")" \
	"case-10011|Confirmation of receipt|Resource21|1318333540|276000000|7200" "first event"
eq "$(q . "SELECT attrs FROM event_rec WHERE batch_id = 2 AND line = 2")" \
	'{"case:channel":"Internet","case:deadline":"2011-12-06 13:41:31.788000+01:00","case:department":"General","case:enddate_planned":"2011-12-06 13:41:31.788000+01:00","case:group":"Group 2","case:responsible":"Resource21","case:startdate":"2011-10-11 13:42:22.688000+02:00","concept:instance":"task-42933","lifecycle:transition":"complete","org:group":"Group 1"}' \
	"attributes of the first event"
# An empty column (case:enddate) is no attribute; every event has the others.
eq "$(q . "SELECT count(*) FROM event_rec WHERE json_extract(attrs, '\$.\"org:group\"') IS NOT NULL AND json_extract(attrs, '\$.\"lifecycle:transition\"') IS NOT NULL")" \
	"$nevent" "org:group and lifecycle:transition kept on every event"
eq "$(q . "SELECT count(*) FROM event_rec WHERE json_extract(attrs, '\$.\"time:timestamp\"') IS NOT NULL OR json_extract(attrs, '\$.\"org:resource\"') IS NOT NULL")" \
	0 "mapped columns are no attributes"
expect 0 cases stats
contains "$T/out" "procedure  P-WABO"
grep -q "^procedure  P-WABO .* $ncase  *$ncase  *0\$" "$T/out" || { cat "$T/out"; fail "stats: $ncase cases, all completed"; }
expect 0 audit run CL-WABO --from 2010-01-01 --to 2012-12-31 --all --format csv
grep -v '^#' "$T/out" | cut -d, -f1-6,8- | sort >"$T/audit-csv"

# The same log as XES, then the same CSV through the profile.
ws "$T/xes"
cd "$T/xes"
expect 0 cases import --procedure P-WABO "$XES"
expect 0 audit run CL-WABO --from 2010-01-01 --to 2012-12-31 --all --format csv
grep -v '^#' "$T/out" | cut -d, -f1-6,8- | sort >"$T/audit-xes"
# (the 7th column, the commit of the procedure, differs: two workspaces)
same "$T/audit-csv" "$T/audit-xes"
[ "$(grep -c '^S,[^,]*,fail,' "$T/audit-csv")" -gt 0 ] || fail "the audit found no failing step"
expect 0 cases import --profile RECEIPT-4TU "$CSV"
contains "$T/out" "events 0 new, $nevent skipped as already stored"
pass
