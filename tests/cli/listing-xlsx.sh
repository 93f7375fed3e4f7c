#!/bin/sh
# listing-xlsx.sh - every listing written as a workbook (`--format xlsx
# -o FILE`, or `-o FILE.xlsx` alone) holds the CSV listing's every cell
# in one sheet named after the listing: numbers as numbers, days and
# instants as date cells showing the CSV's text, Chinese intact, the
# header bold, frozen and filtered (read back with python3's zipfile and
# xml.etree: tests/lib/xlsx-vs-csv.py).  A workbook to stdout, an -o
# name that lies about the format, --excel with anything but CSV are
# usage errors (exit 2) that write nothing; a failed listing leaves no
# file; -o FILE is written whole and said on stderr (as the reports say
# theirs); --excel puts the BOM first on every listing
# (doc/command-line.md#output-files).
. "$(dirname "$0")/../lib/lib.sh"
command -v python3 >/dev/null || skip "no python3"
CMP="python3 $SRC/tests/lib/xlsx-vs-csv.py"

expect 0 demo --dir "$T/demo" --cases 300
cd "$T/demo"
R="$T/r"
mkdir "$R"
empty() { [ -z "$(ls -A "$R")" ] || { ls -A "$R"; fail "$1 left a file in $R"; }; }

# Two revisions of P-BIZ-001 for doc diff; the new title starts as a
# formula would, which a workbook holds as a string, never runs, and
# holds "_x0041_", which a spreadsheet would read as "A" unescaped.
sed 's|<title>企业设立登记</title>|<title>=企业设立登记（2026年修订）_x0041_</title>|' \
    procedures/P-BIZ-001.xml >"$T/p.xml"
cp "$T/p.xml" procedures/P-BIZ-001.xml
expect 0 doc commit -m "修订企业设立登记办事指南"
expect 0 doc log P-BIZ-001 --format csv
REV1=$(awk -F, 'NR == 3 { print $1 }' "$T/out")
REV2=$(awk -F, 'NR == 2 { print $1 }' "$T/out")
[ -n "$REV1" ] && [ -n "$REV2" ] || fail "P-BIZ-001 has no two versions"

# xlsx LISTING SHEET NUMBERS DATES -- CMD...: the workbook of CMD against
# its CSV.
n=0
xlsx() {
	sheet=$1 nums=$2 dates=$3; shift 4
	n=$((n + 1))
	expect 0 "$@" --format csv
	cp "$T/out" "$T/$n.csv"
	expect 0 "$@" --format xlsx -o "$R/$n.xlsx"
	[ ! -s "$T/out" ] || { cat "$T/out"; fail "$*: a workbook and stdout"; }
	contains "$T/err" "to $R/$n.xlsx (xlsx)"
	$CMP "$R/$n.xlsx" "$T/$n.csv" "$sheet" "$nums" "$dates" ||
		fail "$*: the workbook is not the CSV"
	# -o NAME.xlsx alone is a workbook too, the same cells
	expect 0 "$@" -o "$R/$n-by-name.XLSX"
	$CMP "$R/$n-by-name.XLSX" "$T/$n.csv" "$sheet" "$nums" "$dates" ||
		fail "$* -o NAME.XLSX"
	rm -f "$R/$n.xlsx" "$R/$n-by-name.XLSX"
}
xlsx "audit list" audit,cases,fail,error started,from,to -- audit list
xlsx findings - - -- audit show 1 --all
xlsx findings - - -- audit show 1
xlsx findings - - -- audit run --as-of 1 --all
xlsx findings - - -- audit run IA-2026-Q1 --from 2026-01-01 --to 2026-03-31 --dry-run
xlsx "cases stats" cases,completed,pending - -- cases stats
xlsx "doc log" - date,effective_from -- doc log
xlsx "doc diff" - - -- doc diff P-BIZ-001 "$REV1" "$REV2"
xlsx "ncr list" subjects,audits due -- ncr list
# the listings hold Chinese: it came through (the cells equal the CSV's)
grep -q '李娜' "$T/7.csv" || fail "no Chinese name in doc log"
grep -q '企业设立登记' "$T/6.csv" || fail "no Chinese title in cases stats"
grep -q '办事指南要素齐全' "$T/9.csv" || fail "no Chinese title in ncr list"
[ "$(wc -l <"$T/1.csv")" -ge 2 ] || fail "audit list is empty"
[ "$(wc -l <"$T/9.csv")" -ge 2 ] || fail "ncr list is empty"
[ "$(wc -l <"$T/8.csv")" -ge 2 ] || fail "doc diff is empty"
grep -q "^title,企业设立登记,\"'=企业设立登记（2026年修订）_x0041_\"" "$T/8.csv" ||
	fail "doc diff: no formula-like title to check"
# the audit's summary stays readable: on stderr, as with CSV
expect 0 audit show 1 -o "$R/f.xlsx"
contains "$T/err" "C07    in-force"
rm "$R/f.xlsx"

# refused, exit 2, one line, nothing written
refused() {
	expect 2 "$@"
	one_line "$T/err"
	[ ! -s "$T/out" ] || { cat "$T/out"; fail "$*: wrote to stdout"; }
	empty "$*"
}
for c in "audit list" "audit show 1" "audit run --as-of 1" "cases stats" \
    "doc log" "doc diff P-BIZ-001 $REV1 $REV2" "ncr list"; do
	refused $c --format xlsx
	contains "$T/err" "give -o FILE.xlsx"
	refused $c --format xlsx -o -
	refused $c --format csv -o "$R/x.xlsx"
	contains "$T/err" "-o $R/x.xlsx: '.xlsx' does not match --format csv; expected .csv"
	refused $c --format xlsx -o "$R/x.csv"
	refused $c -o "$R/x.pdf"
	contains "$T/err" "'.pdf' names no format"
	refused $c --format json -o "$R/x.txt"
	refused $c --excel -o "$R/x.xlsx"
	refused $c --excel --format xlsx -o "$R/x"
done
# a bad format name lists xlsx
refused ncr list --format xls -o "$R/x"
contains "$T/err" "expected table, csv, json or xlsx"

# -o FILE in the other formats: the same bytes as stdout, said on stderr
expect 0 ncr list --format csv
cp "$T/out" "$T/ncr.csv"
expect 0 ncr list -o "$R/ncr.csv"
same "$T/ncr.csv" "$R/ncr.csv"
contains "$T/err" "conform: wrote the register of NCRs to $R/ncr.csv (csv)"
expect 0 ncr list --format json
cp "$T/out" "$T/ncr.json"
expect 0 ncr list -o "$R/ncr.json"
same "$T/ncr.json" "$R/ncr.json"
expect 0 ncr list
cp "$T/out" "$T/ncr.txt"
expect 0 ncr list -o "$R/ncr.txt"
same "$T/ncr.txt" "$R/ncr.txt"
expect 0 ncr list -o "$R/ncr-plain"
same "$T/ncr.txt" "$R/ncr-plain"
expect 0 ncr list --format json -o "$R/ncr-plain-json"
same "$T/ncr.json" "$R/ncr-plain-json"
# -o - is stdout
expect 0 ncr list --format csv -o -
same "$T/ncr.csv" "$T/out"
rm -f "$R"/*

# the reports say what they wrote where, too; not when it went to stdout
expect 0 report audit 1 -o "$R/a.html"
contains "$T/err" "conform: wrote the report of audit 1 to $R/a.html (html)"
expect 0 report review --from 2026-01-01 --to 2026-03-31 -o "$R/r.xml"
contains "$T/err" "conform: wrote the management-review input to $R/r.xml (xml)"
expect 0 report audit 1 --format csv -o -
lacks "$T/err" "wrote"
rm -f "$R"/*

# a listing that fails leaves nothing: no file, no temporary
expect 3 audit show 99 -o "$R/a.xlsx"
empty "audit show 99"
expect 3 doc log P-NONE-999 -o "$R/l.xlsx"
empty "doc log P-NONE-999"
# a folder that does not exist: exit 4, nothing anywhere
expect 4 ncr list -o "$R/no/such/ncr.xlsx"
empty "ncr list into a missing folder"

# --excel: the UTF-8 byte order mark first, on every listing, to stdout
# and to -o FILE.csv (doc/reports.md#csv-for-people)
bom() { [ "$(head -c 3 "$1" | od -An -tx1 | tr -d ' ')" = efbbbf ]; }
for c in "audit list" "audit show 1" "audit run --as-of 1" "cases stats" \
    "doc log" "doc diff P-BIZ-001 $REV1 $REV2" "ncr list"; do
	expect 0 $c --format csv
	! bom "$T/out" || fail "$c --format csv: a BOM"
	cp "$T/out" "$T/plain.csv"
	expect 0 $c --excel
	bom "$T/out" || fail "$c --excel: no BOM"
	cp "$T/out" "$T/excel.csv"
	tail -c +4 "$T/out" >"$T/x.csv"
	same "$T/plain.csv" "$T/x.csv"
	expect 0 $c --excel -o "$R/e.csv"
	same "$T/excel.csv" "$R/e.csv"
	rm "$R/e.csv"
done
pass
