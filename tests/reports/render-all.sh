#!/bin/sh
# render-all.sh - every HTML page conform writes, as a browser draws it
# (doc/reports.md): the demo's audit report, management review, evidence
# pack index and standard system table, and the audit report of a
# 200,000-case audit.  For each page, at 1280 px and at 375 px (a
# phone): no SVG text outside its viewBox, no chart wider than the
# page, and the page itself never wider than the window (wide tables
# scroll inside their wrapper); printed to A4, the PDF's first page
# holds the audit report's verdict and every page its number.  The
# 200,000-case page stays under 2 MB and shows its verdict before its
# first finding in the DOM Chromium builds.  Skips, with a message,
# when chromium is absent (under CI, fails).
. "$(dirname "$0")/../lib/lib.sh"
. "$(dirname "$0")/../lib/render-lib.sh"

if ! command -v chromium >/dev/null; then
	[ -n "${CI:-}" ] && fail "chromium is missing on CI"
	skip "chromium is not installed (Debian package chromium)"
fi
command -v pdftotext >/dev/null || skip "pdftotext is not installed (poppler-utils)"
fc-list :lang=zh family | grep -q . || fail "no CJK font (fonts-noto-cjk): Chinese cannot render"

# render NAME FILE: the checks above at both widths, a screenshot of
# each, and the page printed to NAME.pdf / NAME.txt.
render() {
	for w in 1280 375; do
		render_check "$1" "$2" $w
	done
	browser --window-size=1280,2400 --screenshot="$T/$1-1280.png" "file://$2"
	[ "$(wc -c <"$T/$1-1280.png")" -gt 20000 ] || fail "the screenshot of $1 is nearly empty"
	browser --no-pdf-header-footer --print-to-pdf="$T/$1.pdf" "file://$2"
	pdftotext -layout "$T/$1.pdf" "$T/$1.txt"
	[ -s "$T/$1.txt" ] || fail "$1: the printed page has no text"
}
# verdict_first NAME: printed, page 1 holds the verdict and the summary;
# every page says "Page n of N".
verdict_first() {
	pdftotext -f 1 -l 1 "$T/$1.pdf" "$T/$1-p1.txt"
	grep -q '总体结论 Overall' "$T/$1-p1.txt" || fail "$1: page 1 lacks the verdict"
	grep -q '审核结论摘要 Summary' "$T/$1-p1.txt" || fail "$1: page 1 lacks the summary"
	numbered "$1" '审核报告 Audit report No. 1'
}
# numbered NAME TEXT: every printed page says "Page n of N" and TEXT
# (the running header: what the document is, its number or date).
numbered() {
	n=$(pdfinfo "$T/$1.pdf" | awk '/^Pages:/ { print $2 }')
	[ "$(grep -c "共 $n 页 Page [0-9]* of $n" "$T/$1.txt")" = "$n" ] ||
		fail "$1: not every one of its $n printed pages is numbered"
	[ "$(grep -c "$2" "$T/$1.txt")" -ge "$n" ] ||
		fail "$1: not every one of its $n printed pages says '$2'"
}

# 1. The demo's pages.
expect 0 demo --dir "$T/demo"
cd "$T/demo"
expect 0 report audit 1 --format html -o "$T/audit.html"
expect 0 report review --from 2026-01-01 --to 2026-03-31 --format html -o "$T/review.html"
expect 0 evidence pack --out "$T/pack"
render audit "$T/audit.html"
verdict_first audit
render review "$T/review.html"
grep -q '评审输出 Review outputs' "$T/review.txt" || fail "the printed review lacks its outputs"
numbered review '管理评审输入 Management review input · 2026-01-01 – 2026-03-31'
render pack-index "$T/pack/index.html"
numbered pack-index '证据包 Evidence pack · '
render pack-standards "$T/pack/standard-system.html"
numbered pack-standards '标准体系表 Standard system table · '

for p in audit review pack-index pack-standards; do
	# a label, never the raw token, in a cell of a Chinese page
	for t in major-nonconformity minor-nonconformity action-planned on-time-rate; do
		if grep -qE "<td( class=\"[^\"]*\")?>$t</td>" "$T/$p-1280.dom"; then
			fail "$p shows the raw token '$t'"
		fi
	done
done

# 2. A 200,000-case audit: bounded, verdict first, renders.
cd "$T"
expect 0 demo --dir "$T/big" --cases 200000
cd "$T/big"
expect 0 report audit 1 --format html -o "$T/big.html"
size=$(wc -c <"$T/big.html")
[ "$size" -lt 2000000 ] || fail "the 200,000-case page is $size bytes, not under 2 MB"
contains "$T/big.html" "200000 cases"
render big "$T/big.html"
verdict_first big
pass
