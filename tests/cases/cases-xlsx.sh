#!/bin/sh
# cases-xlsx.sh - `cases import` of .xlsx workbooks (doc/cases.md
# "Spreadsheets"), written by libxlsxwriter through tests/lib/mkxlsx and
# by LibreOffice (a fixture, tests/data/xlsx/): the same cases and events
# as from the CSV they were made of, with shared and inline strings,
# date cells in the 1900 and 1904 systems, merged cells, empty rows, a
# sheet chosen by a profile's sheet=; a bad row named FILE:SHEET:ROW
# with its column; a zip bomb, a zip that is no workbook and a cut
# workbook each refused with exit 3 and nothing stored.
. "$(dirname "$0")/../lib/lib.sh"
. "$(dirname "$0")/../lib/cases-lib.sh"

MKXLSX=$(dirname "$CONFORM_BUILD")/tests/lib/mkxlsx
[ -x "$MKXLSX" ] || fail "no $MKXLSX (built by make check)"
command -v python3 >/dev/null || skip "python3 is needed to look into and craft zips"
cd "$T"

cat >cases.csv <<'EOF'
case_id,procedure_id,accepted_at,completed_at,fee_charged,materials,window,channel,申请人,备注
X-1,P-T-001,2026-03-02 09:15:00,2026-03-03 10:00:00,20,M1; M2,W01,window,王某,加急，当日办结
X-2,P-T-001,2026-03-04 10:00:00,,,M1,W01,online,李某,"含逗号, 与""引号"""
X-3,P-T-001,2026-03-05 11:00:00,2026-03-06 12:30:05,15.5,,W02,window,,
X-4,P-T-001,1999-12-31 23:59:59,2000-01-01 00:00:01,0,M3；M4,W02,post,赵某,跨世纪
EOF
cat >events.csv <<'EOF'
case_id,activity,timestamp,actor,role,设备
X-1,受理,2026-03-02 09:15:00,张三,clerk,窗口终端1
X-1,审核,2026-03-02 11:00:00,李四,reviewer,
X-2,受理,2026-03-04 10:00:00,张三,,
X-3,受理,2026-03-05 11:00:00,"赵, 六",clerk,
EOF
DATES="--date accepted_at --date completed_at --date timestamp --number fee_charged"

# everything stored about cases and events, batches aside
records() {
	q "$1" "SELECT * FROM case_rec ORDER BY case_id;
	    SELECT * FROM event_rec ORDER BY case_id, sec, seq;"
	"$CONFORM" -C "$1" cases stats || fail "stats $1"
}
# import WS FILE...: imports into a new workspace WS
import() {
	ws=$1; shift
	case_ws "$ws"
	"$CONFORM" -C "$ws" cases import "$@" >"$T/out" 2>"$T/err" ||
		{ cat "$T/err"; fail "import $*"; }
}
# part FILE.xlsx PART: a part of a workbook, as text
part() { python3 -c 'import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())' "$1" "$2"; }

# ---- the same data from CSV and from a workbook ----
import ws-csv cases.csv events.csv
records ws-csv >want
[ "$(q ws-csv "SELECT count(*) FROM case_rec")" = 4 ] || fail "csv: 4 cases"

"$MKXLSX" $DATES cases.csv cases.xlsx || fail "mkxlsx cases"
"$MKXLSX" $DATES events.csv events.xlsx || fail "mkxlsx events"
part cases.xlsx xl/worksheets/sheet1.xml | grep -q 't="s"' || fail "shared strings expected"
part cases.xlsx xl/worksheets/sheet1.xml | grep -q '<c r="C2" s="1"><v>46083.38' || fail "C2 expected a date cell"
import ws-x cases.xlsx events.xlsx
contains "$T/out" "cases-xlsx  4 rows  cases.xlsx"
contains "$T/out" "events-xlsx  4 rows  events.xlsx"
records ws-x >got
same got want
eq "$(q ws-x "SELECT file, format FROM import_batch ORDER BY batch_id")" \
"cases.xlsx|cases-xlsx
events.xlsx|events-xlsx" "batch formats"
eq "$(q ws-x "SELECT attrs FROM case_rec WHERE case_id = 'X-2'")" \
    '{"申请人":"李某","备注":"含逗号, 与\"引号\""}' "Chinese text intact"
"$CONFORM" -C ws-x trail verify >/dev/null 2>&1 || fail "trail verify after a workbook import"

# inline strings (constant_memory) and the 1904 date system
"$MKXLSX" --constant-memory $DATES cases.csv inline.xlsx || fail "mkxlsx inline"
part inline.xlsx xl/worksheets/sheet1.xml | grep -q 't="inlineStr"' || fail "inline strings expected"
"$MKXLSX" --1904 $DATES cases.csv d1904.xlsx || fail "mkxlsx 1904"
part d1904.xlsx xl/workbook.xml | grep -q 'date1904="1"' || fail "1904 workbook expected"
part d1904.xlsx xl/worksheets/sheet1.xml | grep -q '<c r="C2" s="1"><v>44621.38' || fail "C2 expected a 1904 serial"
for x in inline d1904; do
	import "ws-$x" "$x.xlsx" events.xlsx
	records "ws-$x" >got
	same got want
done

# ---- merged cells and empty rows ----
# rows: 1 header, 2 X-1, 3 X-2, 4 blank cells, 5 absent, 6 X-3, 7 X-4;
# G2:G3 (window) merged: X-2's window is empty, as Excel keeps it.
"$MKXLSX" $DATES --merge G2:G3 --gap 3 cases.csv merged.xlsx || fail "mkxlsx merged"
part merged.xlsx xl/worksheets/sheet1.xml | grep -q '<mergeCell ref="G2:G3"/>' || fail "merge expected"
part merged.xlsx xl/worksheets/sheet1.xml | grep -q '<row r="4"[^>]*><c r="A4" s="2"/>' || fail "a row of blank cells expected"
import ws-m merged.xlsx
eq "$(q ws-m "SELECT case_id, line, coalesce(window, '-') FROM case_rec ORDER BY case_id")" \
"X-1|2|W01
X-2|3|-
X-3|6|W02
X-4|7|W02" "merged cells and empty rows"

# ---- a sheet chosen by a profile ----
cat >export.csv <<'EOF'
办件编号,事项编码,受理时间,办结时间,申请方式,收费金额,申请人
Z-1,P-T-001,2026-03-02 09:05:00,2026/3/3 10:00,窗口受理,20,王某
Z-2,P-T-001,2026-03-04 14:30:00,,网上申报,,
EOF
# 受理时间 as date cells (read as dates, whatever the profile's format
# for text), 办结时间 as text the profile's format reads
"$MKXLSX" --date 受理时间 --before 说明 --sheet 办件 export.csv export.xlsx || fail "mkxlsx export"
case_ws ws-p
sed -e 's/id="ZWFW-EXPORT"/id="ZWFW-XLSX" sheet="办件"/' \
    "$SRC/examples/profiles/ZWFW-EXPORT.xml" >ws-p/profiles/ZWFW-XLSX.xml
cp "$SRC/examples/profiles/ZWFW-EXPORT.xml" ws-p/profiles/
"$CONFORM" -C ws-p doc commit -m profiles --author "张三 <a@x.cn>" \
    --approved-by "李四 <b@x.cn>" >/dev/null 2>&1 || fail "commit profiles"
cd ws-p
"$CONFORM" doc log >/dev/null 2>&1 # the index cache: not a record
before=$(snapshot .)
# without sheet= the first sheet is read, and it is no export
expect 3 cases import --profile ZWFW-EXPORT ../export.xlsx
contains "$T/err" "../export.xlsx:说明:1: the header has no column '办件编号'"
eq "$(snapshot .)" "$before" "nothing stored (first sheet)"
# a bad cell is named by its column as the profile reads it
printf '办件编号,事项编码,受理时间\nZ-9,P-T-001,1900-02-29 00:00:00\n' >../leap.csv
"$MKXLSX" --date 受理时间 --sheet 办件 ../leap.csv ../leap.xlsx || fail "mkxlsx leap"
expect 3 cases import --profile ZWFW-XLSX ../leap.xlsx
contains "$T/err" "../leap.xlsx:办件:2: 受理时间 (accepted_at): cell C2 holds 60 in a date format, which names no date in the 1900 system, expected a date from 1900-01-01 to 9999-12-31"
eq "$(snapshot .)" "$before" "nothing stored (bad date cell)"
expect 0 cases import --profile ZWFW-XLSX ../export.xlsx
eq "$(q . "SELECT c.case_id, c.accepted_at, coalesce(c.completed_at, '-'), coalesce(c.fee_fen, '-'), c.channel, r.attrs FROM cases c JOIN case_rec r USING (case_id) ORDER BY c.case_id")" \
'Z-1|2026-03-02 09:05:00|2026-03-03 10:00:00|2000|window|{"申请人":"王某"}
Z-2|2026-03-04 14:30:00|-|-|online|' "cases through sheet= of a profile"
cd "$T"

# ---- bad rows: FILE:SHEET:ROW: COLUMN ----
case_ws ws-bad
cd ws-bad
before=$(snapshot .)
printf 'case_id,procedure_id,accepted_at,completed_at,fee_charged,materials,window,channel\nB-1,P-T-001,2026-03-02 09:00:00,,12,,W01,window\nB-2,P-T-001,2026-03-02 09:00:00,,12.345,,W01,window\nB-1,P-T-001,2026-03-02 09:00:00,,,,W01,window\n' >bad.csv
"$MKXLSX" $DATES --gap 2 --sheet 办件表 bad.csv bad.xlsx || fail "mkxlsx bad"
expect 3 cases import bad.xlsx
contains "$T/err" "bad.xlsx:办件表:5: fee_charged: invalid amount '12.345', expected a decimal such as 50 or 50.00"
contains "$T/err" "bad.xlsx:办件表:6: case 'B-1' appears twice in this import (first at bad.xlsx:办件表:2), expected each case once"
[ "$(wc -l <"$T/err")" -eq 3 ] || { cat "$T/err"; fail "one line per bad row"; }
eq "$(snapshot .)" "$before" "nothing stored (bad rows)"
# a date cell that names no date (Excel's 1900-02-29), by its column
# (an attribute's: the header's name)
printf 'case_id,procedure_id,accepted_at,核验日期\nB-9,P-T-001,2026-03-02 09:00:00,1900-02-29 00:00:00\n' >leap.csv
"$MKXLSX" --date accepted_at --date 核验日期 leap.csv leap.xlsx || fail "mkxlsx leap"
expect 3 cases import leap.xlsx
contains "$T/err" "leap.xlsx:Sheet1:2: 核验日期: cell D2 holds 60 in a date format"
# a serial number without a date format is a number, not a guessed date
printf 'case_id,procedure_id,accepted_at\nN-1,P-T-001,46083.38\n' >num.csv
"$MKXLSX" --number accepted_at num.csv num.xlsx || fail "mkxlsx num"
expect 3 cases import num.xlsx
contains "$T/err" "num.xlsx:Sheet1:2: accepted_at: invalid timestamp '46083.38'"
# the same file as CSV: FILE:LINE
expect 3 cases import bad.csv
contains "$T/err" "bad.csv:3: fee_charged: invalid amount '12.345'"
contains "$T/err" "bad.csv:4: case 'B-1' appears twice in this import (first at bad.csv:2)"
cd "$T"

# ---- workbooks refused whole: exit 3, one line, nothing stored ----
python3 - <<'PY' || fail "crafting the zips"
import zipfile, zlib, struct

src = zipfile.ZipFile("cases.xlsx")
parts = {i.filename: src.read(i.filename) for i in src.infolist()}

def write(name, sheet=None, stream=None):
    with zipfile.ZipFile(name, "w", zipfile.ZIP_DEFLATED) as z:
        for n, b in parts.items():
            if n == "xl/worksheets/sheet1.xml" and stream:
                zi = zipfile.ZipInfo(n)
                zi.compress_type = zipfile.ZIP_DEFLATED
                with z.open(zi, "w", force_zip64=True) as f:
                    stream(f)
                continue
            if n == "xl/worksheets/sheet1.xml" and sheet is not None:
                b = sheet
            zi = zipfile.ZipInfo(n)
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, b)

# 1. highly compressed: 64 MiB of blanks inside the sheet (1000 to 1)
head, tail = parts["xl/worksheets/sheet1.xml"].split(b"<sheetData>")
def blanks(f):
    f.write(head + b"<sheetData>")
    chunk = b" " * (1 << 20)
    for _ in range(64):
        f.write(chunk)
    f.write(tail)
write("bomb-ratio.xlsx", stream=blanks)

# 2. a part that lies: it declares 100 bytes and inflates 2 MiB
write("bomb-lie.xlsx", sheet=head + b"<sheetData>" + b" " * (2 << 20) + tail)
data = bytearray(open("bomb-lie.xlsx", "rb").read())
name = b"xl/worksheets/sheet1.xml"
z = zipfile.ZipFile("bomb-lie.xlsx")
zi = z.getinfo(name.decode())
real = zi.file_size
# the local header's and the central directory's uncompressed size
lh = zi.header_offset
assert data[lh:lh + 4] == b"PK\x03\x04"
struct.pack_into("<I", data, lh + 22, 100)
i = data.find(b"PK\x01\x02")
while i >= 0:
    n = struct.unpack_from("<H", data, i + 28)[0]
    if data[i + 46:i + 46 + n] == name:
        struct.pack_into("<I", data, i + 24, 100)
    i = data.find(b"PK\x01\x02", i + 4)
open("bomb-lie.xlsx", "wb").write(bytes(data))

# 3. a zip that is no workbook
with zipfile.ZipFile("notbook.xlsx", "w") as z:
    z.writestr("hello.txt", "hello")

# 4. a workbook cut short
b = open("cases.xlsx", "rb").read()
open("cut.xlsx", "wb").write(b[: len(b) * 2 // 3])
PY
case_ws ws-r
cd ws-r
cp ../cases.xlsx .
expect 0 cases import cases.xlsx
before=$(snapshot .)
batches=$(q . "SELECT count(*) FROM import_batch")
# refused FILE MESSAGE
refused() {
	expect 3 cases import "../$1"
	contains "$T/err" "../$1"
	contains "$T/err" "$2"
	[ "$(wc -l <"$T/err")" -eq 2 ] || { cat "$T/err"; fail "$1: one line expected"; }
	[ "$(tail -n 1 "$T/err")" = "conform: error: 1 bad row; nothing imported" ] ||
		fail "$1: last line: $(tail -n 1 "$T/err")"
	eq "$(snapshot .)" "$before" "$1: nothing stored"
	eq "$(q . "SELECT count(*) FROM import_batch")" "$batches" "$1: no batch"
}
refused bomb-ratio.xlsx "(more than 200 to 1), expected a spreadsheet's compression (a zip bomb?)"
refused bomb-lie.xlsx "inflates to more than the 100 bytes the zip declares, expected a workbook that is no zip bomb"
refused notbook.xlsx "the workbook has no part 'xl/workbook.xml', expected a workbook as a spreadsheet saves it (.xlsx)"
refused cut.xlsx "not a readable .xlsx workbook (zip: "
cd "$T"

# ---- a workbook LibreOffice wrote (tests/data/xlsx/README) ----
LO="$SRC/tests/data/xlsx"
import ws-lo-csv "$LO/libreoffice-cases.csv"
import ws-lo "$LO/libreoffice-cases.xlsx"
records ws-lo-csv >want
records ws-lo >got
same got want
pass
