#!/bin/sh
# audit-html.sh - the HTML audit report's structure and size
# (doc/reports.md): the summary panel with the verdict comes before the
# first finding and the first document version; a generated audit with
# many identical failures shows them as one group with its count and
# its first 10 cases, the page under 2 MB; the demo's page shows labels,
# never a raw token, in its cells; the sign-off block closes the page;
# at 375 px only the tables scroll; printed, every page carries the
# report's number and page number and the last one the sign-off.
# The DOM order is checked in the HTML bytes and, when chromium is
# installed, in the DOM it builds (--dump-dom).
. "$(dirname "$0")/../lib/lib.sh"

# pos FILE TEXT: the byte offset of TEXT's first occurrence (fails if none)
pos() {
	o=$(grep -boF -- "$2" "$1" | head -n 1 | cut -d: -f1)
	[ -n "$o" ] || fail "$1 lacks: $2"
	echo "$o"
}
before() { # before FILE A B: A comes before B
	[ "$(pos "$1" "$2")" -lt "$(pos "$1" "$3")" ] || fail "'$2' is not before '$3' in $1"
}

# 1. The demo: verdict first, labels not tokens, sign-off last.
expect 0 demo --dir "$T/demo"
cd "$T/demo"
expect 0 report audit 1 --format html -o "$T/d.html"
H="$T/d.html"
before "$H" 'id="summary"' '<tr class="group">'
before "$H" 'id="summary"' 'id="overview"'
before "$H" '总体结论 Overall</span> 不符合 Not conforming' '<h2>1 审核概况'
before "$H" '严重不符合 major nonconformity' '文件版本 Document versions used'
before "$H" '未通过的检查项 Checks that failed' 'id="findings"'
before "$H" 'id="conclusions"' 'id="signoff"'
for want in '审核组长 Lead auditor' '批准 Approved by' '日期 Date' \
	'审核组 Team' '受审核方 Auditee' '检查表 Checklist' '审核期间 Period' \
	'审核范围 Scope' '审核日期 Dates' '抽样 Sampling'; do
	pos "$H" "$want" >/dev/null
done
# No cell holds a bare token (the XML and CSV keep them).
tokens='pass fail na error major minor observation major-nonconformity
minor-nonconformity conforming open analysed action-planned implemented
verified closed rejected raised joined listed on-time fee materials steps
roles four-eyes in-force late-record on-time-rate on-the-spot-ratio
limit-compression guide-complete limits-consistent approved review-current
capa-timely sql procedure standard calendar checklist signers'
for t in $tokens; do
	if grep -qE "<td( class=\"[^\"]*\")?>$t</td>" "$H"; then
		fail "a cell shows the raw token '$t'"
	fi
done
grep -qF '<td>一般 minor</td>' "$H" || fail "severity label"
grep -qF '按时办结 on-time' "$H" || fail "check type label"
grep -qF '<td>未关闭 open</td>' "$H" || fail "NCR state label"
grep -qF '<td>办事指南 procedure</td>' "$H" || fail "document type label"
# Titles beside ids: a finding's procedure with its title, a window
# with its procedures' departments; a period rate shows its measured
# rate and an sql check its subjects, not a conformity of 1 result.
grep -qF '<td><span class="key">P-BIZ-001</span> 企业设立登记</td>' "$H" ||
	fail "a finding's procedure without its title"
grep -qF '>W03 市场监督管理局</text>' "$H" || fail "window chart without department"
grep -qF '<td class="num measured">41 个对象 subjects</td>' "$H" || fail "sql check: its subjects"
grep -qF '（测定值 measured）</td>' "$H" || fail "period rate: its measured rate"
lacks "$H" '<td class="num">0.0 %</td>'
# tables scroll in their wrapper; ids stay on one line
grep -qF 'div.wide{overflow-x:auto' "$H" || fail "no scrolling wrapper"
grep -qF '<div class="wide"><table>' "$H" || fail "tables not wrapped"
grep -qF 'td.key{white-space:nowrap}' "$H" || fail "ids may wrap"

browser() {
	timeout 180 chromium --headless --no-sandbox --disable-gpu --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$(mktemp -d "$T/profile-XXXXXX")" "$@" \
		2>"$T/chromium.log" || { cat "$T/chromium.log"; fail "chromium $*"; }
}
if command -v chromium >/dev/null; then
	browser --dump-dom "file://$H" >"$T/dom.html"
	before "$T/dom.html" 'id="summary"' '<tr class="group">'
	before "$T/dom.html" '不符合 Not conforming' '<tr class="group">'
	# 375 px (a phone; headless windows are at least 500 px wide, so
	# the page is laid out 375 px wide): nothing but the tables'
	# scrolling wrappers (and the charts' own text) passes the edge.
	sed 's|</head>|<style>html{width:375px}</style></head>|' "$H" >"$T/w.html"
	cat >>"$T/w.html" <<'JS'
<script>
var n = 0;
document.querySelectorAll('body *').forEach(function (e) {
	if (e.getBoundingClientRect().right > 376 && !e.closest('div.wide') &&
	    !e.closest('svg')) n++;
});
document.body.setAttribute('data-over', n);
</script>
JS
	browser --window-size=500,800 --dump-dom "file://$T/w.html" >"$T/w.dom"
	grep -q 'data-over="0"' "$T/w.dom" ||
		fail "at 375 px $(grep -o 'data-over="[0-9]*"' "$T/w.dom") elements pass the page's edge"
	# Printed: A4, every page carries the report's number and its page
	# number, the sign-off block is on the last page, whole.
	if command -v pdftotext >/dev/null; then
		browser --no-pdf-header-footer --print-to-pdf="$T/d.pdf" "file://$H" >/dev/null
		pages=$(pdfinfo "$T/d.pdf" | awk '/^Pages:/ { print $2 }')
		[ "${pages:-0}" -ge 3 ] || fail "the PDF has ${pages:-no} pages"
		p=1
		while [ "$p" -le "$pages" ]; do
			pdftotext -f "$p" -l "$p" "$T/d.pdf" "$T/p.txt"
			grep -qF "审核报告 Audit report No. 1 ·" "$T/p.txt" || fail "page $p lacks the report's number"
			grep -qF "Page $p of $pages" "$T/p.txt" || fail "page $p lacks 'Page $p of $pages'"
			p=$((p + 1))
		done
		for want in "审核组长 Lead auditor" "批准 Approved by"; do
			grep -qF "$want" "$T/p.txt" || fail "the last page lacks '$want'"
		done
		pdftotext -f 1 -l 1 "$T/d.pdf" - | grep -qF "不符合 Not conforming" || fail "page 1 lacks the verdict"
	else
		echo "pdftotext is not installed: the printed page is not checked"
	fi
else
	echo "chromium is not installed: the DOM order is checked in the HTML only"
fi

# 2. Many identical failures: one group, its count, its first 10 cases.
new_ws "$T/big"
cd "$T/big"
cp -R "$SRC/examples/center/procedures" "$SRC/examples/center/standards" .
cat >checklists/CL-BIG.xml <<'XML'
<checklist id="CL-BIG">
  <check id="S9" type="sql" severity="minor" clause="8.5.1" title="每一办件">
    <query>SELECT case_id FROM cases WHERE substr(accepted_at, 1, 10) BETWEEN :from AND :to</query>
  </check>
</checklist>
XML
"$CONFORM" doc commit -m "big" --author "QA <qa@x>" --approved-by "QB <qb@x>" >/dev/null 2>&1 || fail "commit"
expect 0 cases generate --cases 12000 --seed big --from 2026-01-01 --to 2026-03-31 --out "$T/data"
expect 0 cases import "$T/data/cases.csv" "$T/data/events.csv"
expect 0 audit run CL-BIG --from 2026-01-01 --to 2026-03-31
expect 0 report audit 1 --format html -o "$T/b.html"
B="$T/b.html"
n=$(grep -c '<tr class="group">' "$B")
[ "$n" = 1 ] || fail "$n group rows, expected 1"
grep -qF '× 12,000</span> <span class="tags">前 10 项 first 10 listed' "$B" ||
	{ grep 'class="group"' "$B"; fail "the group's count"; }
# ten example rows after the group row
rows=$(sed -n '/<tr class="group">/,/<\/tbody>/p' "$B" | grep -c '^<tr><td class="key">')
[ "$rows" = 10 ] || fail "$rows example rows, expected 10"
grep -qF "conform report audit 1 --format csv" "$B" || fail "no pointer to the full list"
size=$(wc -c <"$B")
[ "$size" -lt 2000000 ] || fail "the page is $size bytes"
before "$B" 'id="summary"' '<tr class="group">'
# the full list is in the CSV
expect 0 report audit 1 --format csv -o "$T/b.csv"
[ "$(grep -c '^S9,' "$T/b.csv")" = 12000 ] || fail "the CSV lacks findings"
pass
