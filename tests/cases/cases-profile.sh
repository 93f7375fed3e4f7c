#!/bin/sh
# cases-profile.sh - `cases import --profile ID` through the example
# profile for a 政务服务 export: Chinese headers mapped, Excel dates by
# format, channel words mapped, other columns kept as attributes; a bad
# date names the column as the file does and nothing is stored.
. "$(dirname "$0")/../lib/lib.sh"
. "$(dirname "$0")/../lib/cases-lib.sh"

case_ws "$T/ws"
cd "$T/ws"
cp "$SRC/examples/profiles/ZWFW-EXPORT.xml" profiles/
"$CONFORM" doc commit -m profile --author "张三 <a@x.cn>" --approved-by "李四 <b@x.cn>" >/dev/null 2>&1 || fail "commit profile"
printf '办件编号,事项编码,受理时间,办结时间,申请方式,收费金额,申请人\nZ-1,P-T-001,2026/13/2 9:05,,窗口受理,20,王某\n' >bad.csv
# the document index cache is filled first (a cache, not a record)
"$CONFORM" doc log >/dev/null 2>&1
before=$(snapshot .)
expect 3 cases import --profile ZWFW-EXPORT bad.csv
contains "$T/err" 'bad.csv:2: 受理时间 (accepted_at): "2026/13/2 9:05" is not a time of the form %Y/%m/%d %H:%M'
eq "$(snapshot .)" "$before" "nothing stored"
printf '办件编号,事项编码,受理时间,办结时间,申请方式,收费金额,申请人\nZ-1,P-T-001,2026/3/2 9:05,2026/3/3 10:00,窗口受理,20,王某\nZ-2,P-T-001,2026/03/04 14:30,,网上申报,,\n' >export.csv
expect 0 cases import --profile ZWFW-EXPORT export.csv
eq "$(q . "SELECT case_id, procedure_id, accepted_at, coalesce(completed_at, '-'), coalesce(fee_fen, '-'), channel FROM cases ORDER BY case_id")" \
"Z-1|P-T-001|2026-03-02 09:05:00|2026-03-03 10:00:00|2000|window
Z-2|P-T-001|2026-03-04 14:30:00|-|-|online" "cases"
eq "$(q . "SELECT attrs FROM case_rec WHERE case_id = 'Z-1'")" '{"申请人":"王某"}' "attributes"
pass
