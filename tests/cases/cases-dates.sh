#!/bin/sh
# cases-dates.sh - the dates spreadsheets write, without a profile
# (doc/cases.md "Timestamps"): 2026/3/2 9:05, 2026-3-2 and
# 2026/03/02 09:05:00 in a cases or an events CSV file store the
# instants their ISO forms store, in the workspace's timezone (the same
# rows, the same `cases stats`, in Shanghai and in Amsterdam, a DST fold
# included).  A date whose year is not first (3/2/2026, 02/03/2026 09:10)
# is refused with FILE:LINE, the column and the profile format that
# settles it; a profile with that format reads it.  XES times are
# xs:dateTime, so an XES file does not get the spreadsheet forms.
. "$(dirname "$0")/../lib/lib.sh"
. "$(dirname "$0")/../lib/cases-lib.sh"

cd "$T"
cat >excel-cases.csv <<'CSV'
case_id,procedure_id,accepted_at,completed_at
E-1,P-T-001,2026/3/2 9:05,2026/3/3 10:00
E-2,P-T-001,2026-3-2,2026-3-4 8:00
E-3,P-T-001,2026/03/02 09:05:00,2026/03/02 09:05:00.5
E-4,P-T-001,2026/10/25 2:30,
E-5,P-T-001,2026/3/2 9:05+02:00,2026/3/2T18:00Z
CSV
cat >iso-cases.csv <<'CSV'
case_id,procedure_id,accepted_at,completed_at
E-1,P-T-001,2026-03-02 09:05,2026-03-03 10:00
E-2,P-T-001,2026-03-02,2026-03-04 08:00
E-3,P-T-001,2026-03-02 09:05:00,2026-03-02 09:05:00.5
E-4,P-T-001,2026-10-25 02:30,
E-5,P-T-001,2026-03-02 09:05+02:00,2026-03-02T18:00Z
CSV
cat >excel-events.csv <<'CSV'
case_id,activity,timestamp,actor
E-1,accept,2026/3/2 9:05,张三
E-1,approve,2026/3/3 9:59:59,李四
E-2,accept,2026-3-2,张三
E-3,accept,2026/03/02 09:05:00.250,张三
CSV
cat >iso-events.csv <<'CSV'
case_id,activity,timestamp,actor
E-1,accept,2026-03-02 09:05,张三
E-1,approve,2026-03-03 09:59:59,李四
E-2,accept,2026-03-02,张三
E-3,accept,2026-03-02 09:05:00.250,张三
CSV

# rows WS: every stored case and event (batch and line included).
rows() {
	q "$1" "SELECT * FROM case_rec ORDER BY case_id"
	q "$1" "SELECT * FROM event_rec ORDER BY case_id, sec, seq"
}

for zone in Asia/Shanghai Europe/Amsterdam; do
	w=$(echo $zone | tr / -)
	for form in excel iso; do
		case_ws "$T/$w-$form" $zone
		expect 0 -C "$T/$w-$form" cases import "$T/$form-cases.csv" "$T/$form-events.csv"
		"$CONFORM" -C "$T/$w-$form" cases stats --format csv >"$T/stats-$w-$form"
	done
	[ "$(rows "$T/$w-excel")" = "$(rows "$T/$w-iso")" ] ||
		{ rows "$T/$w-excel"; rows "$T/$w-iso"; fail "$zone: spreadsheet dates differ from ISO"; }
	same "$T/stats-$w-excel" "$T/stats-$w-iso"
done
# The instants, local to each workspace's zone.
eq "$(q "$T/Asia-Shanghai-excel" "SELECT case_id, accepted_at, coalesce(completed_at, '-') FROM cases ORDER BY case_id")" \
"E-1|2026-03-02 09:05:00|2026-03-03 10:00:00
E-2|2026-03-02 00:00:00|2026-03-04 08:00:00
E-3|2026-03-02 09:05:00|2026-03-02 09:05:00
E-4|2026-10-25 02:30:00|-
E-5|2026-03-02 15:05:00|2026-03-03 02:00:00" "Shanghai"
eq "$(q "$T/Asia-Shanghai-excel" "SELECT accepted_sec, accepted_off, completed_nsec FROM case_rec WHERE case_id IN ('E-1', 'E-3') ORDER BY case_id")" \
"1772413500|28800|0
1772413500|28800|500000000" "Shanghai instants"
eq "$(q "$T/Europe-Amsterdam-excel" "SELECT accepted_sec, accepted_off FROM case_rec WHERE case_id = 'E-1'")" \
    "1772438700|3600" "Amsterdam instant"
# 02:30 on 2026-10-25 happens twice in Amsterdam: the earlier offset, as ISO.
eq "$(q "$T/Europe-Amsterdam-excel" "SELECT accepted_off FROM case_rec WHERE case_id = 'E-4'")" 7200 "fold"
eq "$(q "$T/Asia-Shanghai-excel" "SELECT sec, nsec FROM event_rec WHERE case_id = 'E-3'")" "1772413500|250000000" "event instant"

# ---- ambiguous: refused, naming the profile attribute ----
ws=$T/Asia-Shanghai-excel
"$CONFORM" -C "$ws" doc log >/dev/null 2>&1 # the index cache, not a record
before=$(snapshot "$ws")
printf 'case_id,procedure_id,accepted_at\nA-1,P-T-001,3/2/2026\nA-2,P-T-001,02/03/2026 09:10\nA-3,P-T-001,2026/3/2 9:05\nA-4,P-T-001,26/3/2\n' >amb.csv
expect 3 -C "$ws" cases import "$T/amb.csv"
contains "$T/err" "$T/amb.csv:2: accepted_at: timestamp '3/2/2026' is ambiguous (month/day/year or day/month/year), expected the year first in four digits (2026/3/2, 2026-03-02) or an import profile (--profile ID) giving the field's format=\"%m/%d/%Y\" or format=\"%d/%m/%Y\""
contains "$T/err" "$T/amb.csv:3: accepted_at: timestamp '02/03/2026 09:10' is ambiguous (month/day/year or day/month/year), expected the year first in four digits (2026/3/2, 2026-03-02) or an import profile (--profile ID) giving the field's format=\"%m/%d/%Y %H:%M\" or format=\"%d/%m/%Y %H:%M\""
contains "$T/err" "$T/amb.csv:5: accepted_at: timestamp '26/3/2' is ambiguous"
lacks "$T/err" "amb.csv:4:"
eq "$(tail -n 1 "$T/err")" "conform: error: 3 bad rows; nothing imported" "closing line"
eq "$(snapshot "$ws")" "$before" "nothing stored"
# ... in an events file's timestamp column too.
printf 'case_id,activity,timestamp\nE-1,review,3/2/2026 9:05\n' >amb-events.csv
expect 3 -C "$ws" cases import "$T/amb-events.csv"
contains "$T/err" "$T/amb-events.csv:2: timestamp: timestamp '3/2/2026 9:05' is ambiguous (month/day/year or day/month/year), expected the year first in four digits (2026/3/2, 2026-03-02) or an import profile (--profile ID) giving the field's format=\"%m/%d/%Y %H:%M\" or format=\"%d/%m/%Y %H:%M\""
eq "$(snapshot "$ws")" "$before" "nothing stored (events)"
# A profile's format settles it: 02/03/2026 is 3 February here.
cat >"$ws/profiles/US-DATES.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<profile id="US-DATES" kind="cases">
  <field name="case_id"      column="case_id"/>
  <field name="procedure_id" column="procedure_id"/>
  <field name="accepted_at"  column="accepted_at" format="%m/%d/%Y %H:%M"/>
</profile>
EOF
"$CONFORM" -C "$ws" doc commit -m US-DATES --author "张三 <a@x.cn>" --approved-by "李四 <b@x.cn>" >/dev/null 2>&1 ||
	fail "commit US-DATES"
printf 'case_id,procedure_id,accepted_at\nU-1,P-T-001,02/03/2026 09:10\n' >us.csv
expect 0 -C "$ws" cases import --profile US-DATES "$T/us.csv"
eq "$(q "$ws" "SELECT accepted_at FROM cases WHERE case_id = 'U-1'")" "2026-02-03 09:10:00" "the profile's format"

# ---- XES: xs:dateTime only ----
before=$(snapshot "$ws")
cat >excel.xes <<'XES'
<?xml version="1.0" encoding="UTF-8"?>
<log xes.version="1.0">
  <trace>
    <string key="concept:name" value="X-1"/>
    <string key="procedure" value="P-T-001"/>
    <event>
      <string key="concept:name" value="accept"/>
      <date key="time:timestamp" value="2026/3/2 9:05"/>
    </event>
  </trace>
</log>
XES
expect 3 -C "$ws" cases import "$T/excel.xes"
contains "$T/err" "$T/excel.xes:6: time:timestamp: invalid timestamp '2026/3/2 9:05', expected YYYY-MM-DD[Thh:mm[:ss[.f]]][Z|+hh:mm]"
eq "$(snapshot "$ws")" "$before" "nothing stored (XES)"
pass
