#!/bin/sh
# cases-import.sh - `conform cases import` of a good pair of CSV files
# (BOM, CRLF, quoted commas, quotes and line breaks, columns in another
# order, unknown columns) and what lands in the store and the views:
# Chinese text byte for byte, local times, fractions, the batches; then
# `conform cases stats` in its three formats.
. "$(dirname "$0")/../lib/lib.sh"
. "$(dirname "$0")/../lib/cases-lib.sh"

case_ws "$T/ws"
cd "$T/ws"
cp "$CASES/good-cases.csv" "$CASES/good-events.csv" .
expect 0 cases import good-cases.csv good-events.csv
contains "$T/out" "batch 1  cases-csv   3 rows  good-cases.csv  (sha256 $(sha256sum good-cases.csv | cut -c1-12))"
contains "$T/out" "batch 2  events-csv  6 rows  good-events.csv"
contains "$T/out" "imported 2 files: cases 3 new, 0 updated, 0 unchanged; events 6 new, 0 skipped as already stored"
# stderr holds only whom the import recorded (doc/command-line.md)
[ -z "$(grep -v '^conform: recorded as: ' "$T/err")" ] || fail "stderr: $(cat "$T/err")"

# The views of doc/checks.md.
eq "$(q . "SELECT case_id, procedure_id, accepted_at, completed_at, fee_fen, materials, window, channel FROM cases ORDER BY case_id")" \
"T-0001|P-T-001|2026-03-02 09:15:00|2026-03-03 10:00:00|2000|M1;M2|W01|window
T-0002|P-T-001|2026-03-03 01:30:00||2000|M1|W01|online
T-0003|P-T-001|2026-03-04 10:00:00|2026-03-05 16:20:05||||" "cases view"
eq "$(q . "SELECT case_id, activity, ts, actor, coalesce(role, '-') FROM events ORDER BY case_id, ts, activity")" \
"T-0001|accept|2026-03-02 09:15:00|张三|clerk
T-0001|approve|2026-03-02 11:00:00|王五|approver
T-0001|review|2026-03-02 11:00:00|李四|reviewer
T-0002|accept|2026-03-03 01:30:00|张三|-
T-0003|accept|2026-03-04 10:00:00|赵, 六|clerk
T-0003|review|2026-03-04 10:00:00|钱七|reviewer" "events view"
# Both views are read-only.
set +e
sqlite3 .conform/conform.db "DELETE FROM cases" 2>"$T/err"
st=$?
set -e
[ "$st" != 0 ] || fail "the cases view accepted a DELETE"
contains "$T/err" "cannot modify cases because it is a view"

# Unknown columns are kept, byte for byte: the CRLF and quotes inside the
# quoted field, the Chinese.
eq "$(q . "SELECT hex(json_extract(attrs, '\$.备注')) FROM case_rec WHERE case_id = 'T-0002'")" \
	"$(printf '第一行\r\n第二行 "引号"' | od -An -tx1 | tr -d ' \n' | tr a-f A-F)" "attribute bytes"
eq "$(q . "SELECT attrs FROM case_rec WHERE case_id = 'T-0001'")" '{"备注":"加急, 当日办结"}' "case attributes"
eq "$(q . "SELECT count(*) FROM case_rec WHERE attrs IS NULL")" 1 "cases without attributes"
eq "$(q . "SELECT attrs FROM event_rec WHERE activity = 'accept' AND case_id = 'T-0001'")" '{"设备":"窗口终端1"}' "event attributes"
# Instants and offsets.
eq "$(q . "SELECT accepted_sec, accepted_off, completed_nsec FROM case_rec WHERE case_id = 'T-0003'")" "1772589600|28800|250000000" "T-0003 times"
eq "$(q . "SELECT sec, nsec, off FROM event_rec WHERE activity = 'approve'")" "1772420400|500000000|0" "approve time"
# Every batch: file, SHA-256 as on disk, rows, time, zone.
eq "$(q . "SELECT file, sha256, rows, format, timezone FROM import_batch ORDER BY batch_id")" \
"good-cases.csv|$(sha256sum good-cases.csv | cut -d' ' -f1)|3|cases-csv|Asia/Shanghai
good-events.csv|$(sha256sum good-events.csv | cut -d' ' -f1)|6|events-csv|Asia/Shanghai" "batches"
eq "$(q . "SELECT count(*) FROM import_batch WHERE imported_at > strftime('%s', 'now') - 3600")" 2 "batch times"
eq "$(q . "PRAGMA foreign_key_check")" "" "foreign keys"
eq "$(q . "PRAGMA integrity_check")" "ok" "integrity"

# stats, three ways.
expect 0 cases stats
contains "$T/out" "procedure  P-T-001  测试事项（导入测试）      3          2        1"
grep -qE "^month +2026-03 +3 +2 +1$" "$T/out" || fail "stats: month row"
expect 0 cases stats --format csv
eq "$(cat "$T/out")" "by,value,title,cases,completed,pending
procedure,P-T-001,测试事项（导入测试）,3,2,1
window,,,1,1,0
window,W01,,2,1,1
channel,,,1,1,0
channel,online,,1,0,1
channel,window,,1,1,0
month,2026-03,,3,2,1
all,,,3,2,1" "stats csv"
expect 0 cases stats --format json
contains "$T/out" '{"by": "window", "value": null, "title": null, "cases": 1, "completed": 1, "pending": 0}'
# A window is named by the departments of its procedures (as in force).
sed 's|<window>W01</window>|<department>市场监督管理局</department><window>W01</window>|' \
    "$CASES/P-T-001.xml" > "$T/ws/procedures/P-T-001.xml"
"$CONFORM" -C "$T/ws" doc commit -m "department" --author "测试 <test@example.cn>" \
    >/dev/null 2>&1 || fail "commit the department"
expect 0 cases stats --format csv
contains "$T/out" "window,W01,市场监督管理局,2,1,1"
expect 2 cases stats --format xml
contains "$T/err" "unknown format 'xml'"

# Usage errors and help.
expect 2 cases import
contains "$T/err" "usage: conform cases import"
expect 2 cases import --format json good-cases.csv
contains "$T/err" "unknown format 'json', expected csv or xes"
expect 0 cases import --help
contains "$T/out" "All files are one transaction"
expect 3 -C "$T" cases import good-cases.csv
contains "$T/err" "not a conform workspace"
pass
