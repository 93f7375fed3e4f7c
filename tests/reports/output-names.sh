#!/bin/sh
# output-names.sh - `report audit` and `report review` take the format
# from -o FILE's extension, and refuse (exit 2, nothing written) a name
# whose extension names another format or none they write: `-o
# audit.xlsx` once silently wrote HTML (doc/command-line.md#output-files);
# and the listings' --excel.
. "$(dirname "$0")/../lib/lib.sh"
. "$(dirname "$0")/../lib/report-lib.sh"

build_fixture "$T/ws"
R="$T/r"
mkdir "$R"
RV="--from 2026-01-01 --to 2026-03-31"

# refused: nothing written, one usage line naming the extension
refused() {
	f=$1; shift
	expect 2 "$@"
	one_line "$T/err"
	contains "$T/err" "$f"
	[ ! -e "$R/$f" ] || fail "$* wrote $f"
	[ -z "$(ls "$R")" ] || { ls "$R"; fail "$* left a file behind"; }
}
refused audit.xlsx report audit 1 -o "$R/audit.xlsx"
refused audit.pdf report audit 1 -o "$R/audit.pdf"
refused audit.html report audit 1 --format xml -o "$R/audit.html"
refused audit.xml report audit 1 --format csv -o "$R/audit.xml"
refused audit.csv report audit 1 --format html -o "$R/audit.csv"
refused review.xlsx report review $RV -o "$R/review.xlsx"
refused review.csv report review $RV -o "$R/review.csv"
refused review.html report review $RV --format xml -o "$R/review.html"
refused review.xml report review $RV --format html -o "$R/review.xml"

# accepted: the extension (any case) gives the format
expect 0 report audit 1 -o "$R/a.HTML"
head -c 15 "$R/a.HTML" | grep -q '<!DOCTYPE html>' || fail "a.HTML is not HTML"
expect 0 report audit 1 -o "$R/a.htm"
head -c 15 "$R/a.htm" | grep -q '<!DOCTYPE html>' || fail "a.htm is not HTML"
expect 0 report audit 1 -o "$R/a.Xml"
head -c 5 "$R/a.Xml" | grep -q '<?xml' || fail "a.Xml is not XML"
expect 0 report audit 1 -o "$R/a.csv"
head -1 "$R/a.csv" | grep -q ',' || fail "a.csv is not CSV"
expect 0 report review $RV -o "$R/r.xml"
head -c 5 "$R/r.xml" | grep -q '<?xml' || fail "r.xml is not XML"
# a name without an extension takes --format, else html
expect 0 report audit 1 -o "$R/plain"
head -c 15 "$R/plain" | grep -q '<!DOCTYPE html>' || fail "plain is not HTML"
expect 0 report audit 1 --format xml -o "$R/plain-xml"
head -c 5 "$R/plain-xml" | grep -q '<?xml' || fail "plain-xml is not XML"
expect 0 report audit 1 --format csv -o -
head -1 "$T/out" | grep -q ',' || fail "-o - with --format csv is not CSV"

# --excel: CSV for Excel, a UTF-8 BOM first (doc/reports.md#csv-for-people)
bom() { [ "$(head -c 3 "$1" | od -An -tx1 | tr -d ' ')" = efbbbf ]; }
for c in "ncr list" "audit list" "cases stats" "audit show 1"; do
	expect 0 $c --excel
	bom "$T/out" || fail "$c --excel: no BOM"
	tail -c +4 "$T/out" >"$T/x.csv"
	expect 0 $c --format csv
	! bom "$T/out" || fail "$c --format csv: a BOM"
	same "$T/x.csv" "$T/out"
	expect 2 $c --excel --format table
	one_line "$T/err"
done
pass
