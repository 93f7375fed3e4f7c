#!/bin/sh
# cases-reimport.sh - imports over time (doc/cases.md): all files of one
# command or none; a file imported before is refused (same SHA-256, any
# name); last month's pending case comes again and gets its completion;
# an event already stored is skipped; events for stored cases.
. "$(dirname "$0")/../lib/lib.sh"
. "$(dirname "$0")/../lib/cases-lib.sh"

case_ws "$T/ws"
cd "$T/ws"
H=case_id,procedure_id,accepted_at,completed_at,fee_charged
printf '%s\nR-1,P-T-001,2026-03-02 09:00,,\nR-2,P-T-001,2026-03-02 10:00,2026-03-03 10:00,20\n' "$H" >march.csv
printf 'case_id,activity,timestamp,actor,role\nR-1,accept,2026-03-02 09:00,张三,clerk\nR-2,accept,2026-03-02 10:00,张三,clerk\n' >march-ev.csv
printf '%s\nR-3,P-T-001,2026-03-02 11:00,2026-02-01,\n' "$H" >bad.csv

# Atomic across files: two good files and a bad one store nothing.
empty=$(snapshot .)
expect 3 cases import march.csv march-ev.csv bad.csv
contains "$T/err" "bad.csv:2: completed_at 2026-02-01 00:00:00 is before accepted_at"
[ "$(snapshot .)" = "$empty" ] || fail "a failed import stored something"
eq "$(q . "SELECT count(*) FROM case_rec") $(q . "SELECT count(*) FROM import_batch")" "0 0" "after the failed import"

expect 0 cases import march.csv march-ev.csv
contains "$T/out" "cases 2 new, 0 updated, 0 unchanged; events 2 new, 0 skipped"
eq "$(q . "SELECT count(*) FROM cases WHERE completed_at IS NULL")" 1 "pending in March"

# The same file again, or a copy of it under another name: refused.
before=$(snapshot .)
expect 3 cases import march.csv
contains "$T/err" "march.csv: already imported as batch 1 ('march.csv', "
cp march.csv copy-of-march.csv
expect 3 cases import copy-of-march.csv
contains "$T/err" "copy-of-march.csv: already imported as batch 1 ('march.csv'"
printf '%s\nR-9,P-T-001,2026-04-01,,\n' "$H" >april.csv
expect 3 cases import april.csv april.csv
contains "$T/err" "april.csv: same bytes (SHA-256 $(sha256sum april.csv | cut -c1-12)) as 'april.csv' of this import, expected each file once"
[ "$(snapshot .)" = "$before" ] || fail "a refused batch stored something"

# April's export repeats R-1, now completed, with one event already
# stored (skipped) and new ones; R-2 comes again unchanged.
printf '%s\nR-1,P-T-001,2026-03-02T01:00:00Z,2026-04-02 16:00,20.00\nR-2,P-T-001,2026-03-02 10:00,2026-03-03 10:00,20\nR-4,P-T-001,2026-04-01 09:00,,\n' "$H" >april.csv
printf 'case_id,activity,timestamp,actor,role\nR-1,accept,2026-03-02 09:00:00,张三,clerk\nR-1,accept,2026-03-02 09:00:00,李四,clerk\nR-1,review,2026-04-01 10:00,李四,reviewer\nR-1,approve,2026-04-02 16:00,王五,approver\n' >april-ev.csv
expect 0 cases import april.csv april-ev.csv
contains "$T/out" "cases 1 new, 1 updated, 1 unchanged; events 3 new, 1 skipped as already stored"
eq "$(q . "SELECT completed_at, fee_fen FROM cases WHERE case_id = 'R-1'")" "2026-04-02 16:00:00|2000" "R-1 filled"
# Each write is named by its batch and line (doc/integrity.md): R-1's
# pending state from March is kept in case_hist, the row now is April's
# write (batch 3, line 2), which brought the completion; R-2 came
# complete in March and April changed nothing.
eq "$(q . "SELECT case_id, batch_id, line, wrote_batch, wrote_line, coalesce(completed_batch, '-') FROM case_rec ORDER BY case_id")" "R-1|1|2|3|2|3
R-2|1|3|1|3|1
R-4|3|4|3|4|-" "writes named"
eq "$(q . "SELECT case_id, batch_id, line, wrote_batch, wrote_line, coalesce(completed_sec, '-'), coalesce(fee_fen, '-'), coalesce(completed_batch, '-') FROM case_hist")" "R-1|1|2|1|2|-|-|-" "the state April replaced"
eq "$(q . "SELECT group_concat(actor, ' ') FROM (SELECT actor FROM event_rec WHERE case_id = 'R-1' ORDER BY sec, nsec, seq)")" "张三 李四 李四 王五" "R-1 events"
eq "$(q . "SELECT events_new, events_skipped, cases_updated FROM import_batch WHERE file = 'april-ev.csv' OR file = 'april.csv' ORDER BY batch_id")" "0|0|1
3|1|0" "batch counts"

# Any other difference is a bad row, and nothing lands.
before=$(snapshot .)
printf '%s\nR-1,P-T-001,2026-03-02 09:00,2026-04-03 16:00,\nR-5,P-T-001,2026-04-01,,\n' "$H" >may.csv
expect 3 cases import may.csv
contains "$T/err" "may.csv:2: case 'R-1' is stored with completed_at 2026-04-02 16:00:00, expected the same or an empty completed_at, not 2026-04-03 16:00:00"
[ "$(snapshot .)" = "$before" ] || fail "a conflicting re-import stored something"

# Events alone, for a stored case.
printf 'case_id,activity,timestamp\nR-4,accept,2026-04-01 09:00\n' >late-ev.csv
expect 0 cases import late-ev.csv
contains "$T/out" "events 1 new, 0 skipped"
eq "$(q . "SELECT count(*) FROM events")" 6 "events in all"
eq "$(q . "PRAGMA foreign_key_check")" "" "foreign keys"
# Every batch's digests hold: fills (case_hist), skipped events (the
# reader's guess of seq given up), events of stored cases.
expect 0 trail verify
contains "$T/out" "records bound: 5 batches, 0 audits, 0 NCRs; 0 not bound"
pass
