#!/bin/sh
# cases-reallogs.sh - the real public event logs of ../shared/data/
# eventlogs (see SOURCES.md there) import with exactly the trace and
# event counts SOURCES.md gives; the 100-trace extract of the road-
# traffic log, imported first, makes its 100 cases come again unchanged
# and their 390 events skip.  Skipped when the logs are not there.
. "$(dirname "$0")/../lib/lib.sh"
. "$(dirname "$0")/../lib/cases-lib.sh"

LOGS="$SHARED/data/eventlogs"
[ -f "$LOGS/SOURCES.md" ] || skip "no real event logs in $LOGS"

case_ws "$T/ws"
cd "$T/ws"
expect 0 cases import --procedure P-T-001 "$LOGS/roadtraffic100traces.xes"
contains "$T/out" "390 events in 100 traces"

road="$LOGS/Road_Traffic_Fine_Management_Process.xes.gz"
bpic="$LOGS/BPIC15_1.xes.gz"
receipt="$LOGS/Receipt_phase_of_an_environmental_permit_application_process_WABO_CoSeLoG_project.xes.gz"
expect 0 cases import --procedure P-T-001 "$road" "$bpic" "$receipt"
contains "$T/out" "batch 2  xes         561470 events in 150370 traces  $road"
contains "$T/out" "batch 3  xes         52217 events in 1199 traces  $bpic"
contains "$T/out" "batch 4  xes         8577 events in 1434 traces  $receipt"
contains "$T/out" "imported 3 files: cases 152903 new, 0 updated, 100 unchanged; events 621874 new, 390 skipped as already stored; 0 empty traces skipped"
eq "$(q . "SELECT count(*) FROM case_rec")" 153003 "cases stored"
eq "$(q . "SELECT count(*) FROM event_rec")" 622264 "events stored"
eq "$(q . "SELECT traces, rows, empty_traces FROM import_batch ORDER BY batch_id")" "100|390|0
150370|561470|0
1199|52217|0
1434|8577|0" "batches"
eq "$(q . "SELECT sha256 FROM import_batch WHERE batch_id = 2")" \
	6fd7f7161f22a24faa9f824849d9b1f1136414df35e73f479254958f10754174 "SHA-256 of the road-traffic log"
# Every trace is a case with an acceptance no later than its completion.
eq "$(q . "SELECT count(*) FROM case_rec WHERE completed_sec < accepted_sec")" 0 "completion before acceptance"
eq "$(q . "PRAGMA foreign_key_check")" "" "foreign keys"

# pm4py's CSV rendering of the receipt log is no conform cases file.
expect 3 cases import "$LOGS/receipt.csv"
contains "$T/err" "receipt.csv:1: the header names neither procedure_id (a cases file) nor activity (an events file)"
pass
