#!/bin/sh
# cases-profile-full.sh - profiles with every feature
# (tests/data/profiles/FULL-CASES.xml, FULL-EVENTS.xml): every field
# mapped, value maps (window, channel, activity, role; a map to "" means
# not recorded), a format per time field (Chinese literals; %S %f %z;
# day first), column names and map sources trimmed, GB18030, a sheet
# that is not the workbook's first, a column called "channel" the
# profile does not name kept as an attribute.  What the profiles read
# is compared with the same records written as plain conform CSV; a bad
# row names the column as the file names it; nothing is stored after it.
. "$(dirname "$0")/../lib/lib.sh"
. "$(dirname "$0")/../lib/cases-lib.sh"
command -v iconv >/dev/null || skip "iconv is needed to write a GB18030 file"
command -v python3 >/dev/null || skip "python3 is needed to write a workbook"
PROFILES="$SRC/tests/data/profiles"

ws() {
	case_ws "$1"
	cp "$PROFILES/FULL-CASES.xml" "$PROFILES/FULL-EVENTS.xml" "$1/profiles/"
	"$CONFORM" -C "$1" doc commit -m profiles --author "张三 <a@x.cn>" \
	    --approved-by "李四 <b@x.cn>" >/dev/null 2>&1 || fail "commit profiles"
}

# The export: Chinese headers, the platform's words and date forms.
cat >"$T/cases.utf8" <<'CSV'
办件编号,事项编码,受理时间,办结时间,收费金额,收取材料,受理窗口,申请方式,申请人,channel
F-1,P-T-001,2026/3/2 9:05,2026年3月3日 10时00分05秒.25+08:00,20,M1; M2,一号窗口,窗口受理,王某,柜台
F-2,P-T-001,2026/03/04 14:30,,,,二号窗口 ,网上申报,李某,
F-3,P-T-001,2026/3/5 8:00,2026年3月5日 16时20分00秒.5Z,0.5,M1,W09,未知,,
CSV
iconv -f UTF-8 -t GB18030 "$T/cases.utf8" >"$T/cases.csv"
cmp -s "$T/cases.utf8" "$T/cases.csv" && fail "the GB18030 file is the UTF-8 one"
printf '\357\273\277' >"$T/events.csv"
cat >>"$T/events.csv" <<'CSV'
办件编号,环节,处理时间,经办人,岗位,备注
F-1,受理,02.03.2026 09:05:00.0+08:00,张三,窗口,首办
F-1,审核,2.3.2026 11:00:00.123456789+0800,李四,reviewer,
F-1,approve,03.03.2026 02:00:05.25Z,王五,approver,
CSV
# The same records as conform's own CSV (the "channel" column aside).
cat >"$T/plain-cases.csv" <<'CSV'
case_id,procedure_id,accepted_at,completed_at,fee_charged,materials,window,channel,申请人
F-1,P-T-001,2026-03-02 09:05,2026-03-03T10:00:05.25+08:00,20,M1; M2,W01,window,王某
F-2,P-T-001,2026-03-04 14:30,,,,W02,online,李某
F-3,P-T-001,2026-03-05 08:00,2026-03-05T16:20:00.5Z,0.5,M1,W09,,
CSV
cat >"$T/plain-events.csv" <<'CSV'
case_id,activity,timestamp,actor,role,备注
F-1,accept,2026-03-02T09:05:00.0+08:00,张三,clerk,首办
F-1,review,2026-03-02T11:00:00.123456789+08:00,李四,reviewer,
F-1,approve,2026-03-03T02:00:05.25Z,王五,approver,
CSV
# A workbook of two sheets, the cases on the second (sheet="办件"),
# written as the zip of XML it is (inline strings, numbers as numbers).
cat >"$T/book.py" <<'PY'
import csv, sys, zipfile
from xml.sax.saxutils import escape
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
def sheet(rows):
    out = []
    for r, row in enumerate(rows, 1):
        cells = []
        for c, v in enumerate(row):
            ref = "%s%d" % (chr(65 + c), r)
            if v == "":
                continue
            if r > 1 and c == 4:
                cells.append('<c r="%s"><v>%s</v></c>' % (ref, v))
            else:
                cells.append('<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, escape(v)))
        out.append('<row r="%d">%s</row>' % (r, "".join(cells)))
    return ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>%s</sheetData></worksheet>' % "".join(out))
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
with zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
    z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="%s/officeDocument" Target="xl/workbook.xml"/></Relationships>' % R)
    z.writestr("xl/workbook.xml", '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="%s"><sheets><sheet name="说明" sheetId="1" r:id="rId1"/><sheet name="办件" sheetId="2" r:id="rId2"/></sheets></workbook>' % R)
    z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="%s/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="%s/worksheet" Target="worksheets/sheet2.xml"/></Relationships>' % (R, R))
    z.writestr("xl/worksheets/sheet1.xml", sheet([["说明"], ["本表为测试数据"]]))
    z.writestr("xl/worksheets/sheet2.xml", sheet(rows))
PY
python3 "$T/book.py" "$T/cases.utf8" "$T/book.xlsx"

# What is stored, field by field, and the attributes apart.
CASES_Q="SELECT case_id, procedure_id, accepted_sec, accepted_nsec, accepted_off, accepted_wall, coalesce(completed_wall, '-'), coalesce(completed_sec, '-'), coalesce(completed_nsec, '-'), coalesce(completed_off, '-'), coalesce(fee_fen, '-'), coalesce(materials, '-'), coalesce(window, '-'), coalesce(channel, '-'), coalesce(json_remove(attrs, '\$.channel'), '-') FROM case_rec ORDER BY case_id"
EVENTS_Q="SELECT case_id, activity, sec, nsec, off, ts_wall, actor, role, coalesce(attrs, '-') FROM event_rec ORDER BY case_id, sec, nsec"

ws "$T/plain"
cd "$T/plain"
expect 0 cases import "$T/plain-cases.csv" "$T/plain-events.csv"
q . "$CASES_Q" >"$T/want-cases"
q . "$EVENTS_Q" >"$T/want-events"
[ "$(wc -l <"$T/want-cases")" = 3 ] && [ "$(wc -l <"$T/want-events")" = 3 ] || fail "plain import"
grep -q '^F-3|P-T-001|.*|50|M1|W09|-|-$' "$T/want-cases" || { cat "$T/want-cases"; fail "plain F-3"; }

ws "$T/prof"
cd "$T/prof"
expect 0 cases import --profile FULL-CASES "$T/cases.csv"
contains "$T/out" "profile FULL-CASES  (cases, commit "
expect 0 cases import --profile FULL-EVENTS "$T/events.csv"
q . "$CASES_Q" >"$T/got-cases"
q . "$EVENTS_Q" >"$T/got-events"
same "$T/got-cases" "$T/want-cases"
same "$T/got-events" "$T/want-events"
eq "$(q . "SELECT case_id || ':' || attrs FROM case_rec WHERE attrs LIKE '%channel%'")" \
	'F-1:{"申请人":"王某","channel":"柜台"}' "an unnamed column called channel is an attribute"

# The workbook, through its second sheet.
ws "$T/book"
cd "$T/book"
expect 0 cases import --profile FULL-CASES "$T/book.xlsx"
q . "$CASES_Q" >"$T/got-book"
same "$T/got-book" "$T/want-cases"

# A bad time names the column as the file names it and the field; the
# file is GB18030, the message UTF-8; nothing is stored.
sed 's|2026/03/04 14:30|2026/3/4 14点30|' "$T/cases.utf8" | iconv -f UTF-8 -t GB18030 >"$T/bad.csv"
cd "$T/prof"
before=$(snapshot .)
expect 3 cases import --profile FULL-CASES "$T/bad.csv"
contains "$T/err" "bad.csv:3: 受理时间 (accepted_at): \"2026/3/4 14点30\" is not a time of the form %Y/%m/%d %H:%M"
eq "$(snapshot .)" "$before" "nothing stored after a bad row"
# the same file read as UTF-8 (no profile) is refused naming the fix
cd "$T/book"
expect 3 cases import "$T/cases.csv"
contains "$T/err" 'encoding="GB18030"'
# in a workbook the place is its row (and, once the sheet reader's
# bad-row naming is merged, the sheet: bad.xlsx:办件:3)
sed 's|2026/03/04 14:30|2026/3/4 14点30|' "$T/cases.utf8" >"$T/bad.utf8"
python3 "$T/book.py" "$T/bad.utf8" "$T/bad.xlsx"
before=$(snapshot .)
expect 3 cases import --profile FULL-CASES "$T/bad.xlsx"
grep -Eq 'bad\.xlsx:(办件:)?3: 受理时间 \(accepted_at\): "2026/3/4 14点30" is not a time of the form %Y/%m/%d %H:%M' "$T/err" ||
	{ cat "$T/err"; fail "bad row of the workbook"; }
eq "$(snapshot .)" "$before" "nothing stored after a bad row of a workbook"
pass
