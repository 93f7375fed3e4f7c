#!/bin/sh
# charts-render.sh - the charts of the demo's audit report and management
# review as a browser draws them (doc/reports.md#charts).  Without a
# browser: every chart scales (viewBox, width 100 %), prints its values
# (K01's measured 98.9 % against its 95 %, not a pass count; the sql
# checks' failing subjects, not a conformity), draws the targets and
# says what its colours mean.  With headless Chromium, at 1280 and 375
# px: a script measures every <text> with getBBox() in the real font and
# fails on any outside its SVG's viewBox, or any chart wider than the
# page; printed to A4, the PDF's text holds the values.  Skips the
# browser part with a message when chromium is absent (under CI, fails).
. "$(dirname "$0")/../lib/lib.sh"
. "$(dirname "$0")/../lib/render-lib.sh"

expect 0 demo --dir "$T/demo"
cd "$T/demo"
expect 0 report audit 1 --format html -o "$T/a.html"
expect 0 report review --from 2026-01-01 --to 2026-03-31 --format html -o "$T/r.html"

# ---- the markup ----
for f in a r; do
	svgs=$(grep -c '<svg ' "$T/$f.html")
	[ "$svgs" -ge 4 ] || fail "$f.html has $svgs charts"
	[ "$(grep '<svg ' "$T/$f.html" | grep -c 'width="100%" viewBox="0 0 [0-9]* [0-9]*"')" = "$svgs" ] ||
		fail "$f.html: a chart does not scale to its container"
	contains "$T/$f.html" "达到目标 meets target"
done
# K01 on-time-rate: its measured rate against its min, once
contains "$T/a.html" '>98.9 %（目标 ≥ 95.0 %）</text>'
contains "$T/a.html" '>31.3 %（目标 ≥ 30.0 %）</text>'  # K02, 5 of 16
contains "$T/a.html" '>66.0 %（目标 ≥ 40.0 %）</text>'  # K03, 155 of 235
# K04 and K05, measured on the cases: the on-the-spot share of cases and
# the working days used against the statutory limits
contains "$T/a.html" '>48.3 %（目标 ≥ 40.0 %）</text>'
contains "$T/a.html" '>84.1 %（目标 ≥ 40.0 %）</text>'
# the sql checks: their failing subjects, never a conformity
contains "$T/a.html" '>41 个对象 subjects</text>'
contains "$T/a.html" '>1 个对象 subjects</text>'
lacks "$T/a.html" '>0.0 %</text>'
# targets: K01-K03 and the three months against K01's min
[ "$(grep -c 'class="target"' "$T/a.html")" -ge 6 ] || fail "the audit report's targets"
[ "$(grep -c 'class="target"' "$T/r.html")" -ge 9 ] || fail "the review's targets"
contains "$T/r.html" "目标 target ≥ 95.0 %"
# checks named with their titles, audits with their checklist
contains "$T/a.html" '>C06 审核与审批（登簿）岗位分离</text>'
contains "$T/r.html" '>#1 IA-2026-Q1</text>'

# ---- in a browser ----
if ! command -v chromium >/dev/null; then
	[ -n "${CI:-}" ] && fail "chromium is missing on CI"
	echo "SKIP (browser part): chromium is not installed (Debian package chromium)"
	pass
fi
command -v pdftotext >/dev/null || skip "pdftotext is not installed (poppler-utils)"
fc-list :lang=zh family | grep -q . || fail "no CJK font (fonts-noto-cjk): Chinese cannot render"

for f in a r; do
	# every text inside its viewBox, no chart wider than the page, at
	# 1280 px and in a real 375 px viewport (tests/lib/render-lib.sh)
	for w in 1280 375; do
		render_check "$f" "$T/$f.html" $w
	done
	browser --window-size=1280,2400 --screenshot="$T/$f-1280.png" "file://$T/$f.html"
	[ "$(wc -c <"$T/$f-1280.png")" -gt 20000 ] || fail "the screenshot of $f.html is nearly empty"
	browser --no-pdf-header-footer --print-to-pdf="$T/$f.pdf" "file://$T/$f.html"
	pdftotext "$T/$f.pdf" "$T/$f.txt"
done
for want in "98.9 %（目标 ≥ 95.0 %）" "41 个对象 subjects" "达到目标 meets target" \
	"SQL 检查的不符合对象数"; do
	grep -qF -- "$want" "$T/a.txt" || fail "the printed audit report lacks '$want'"
done
for want in "99.6 %" "33.3 %" "66.0 %" "目标 target ≥ 95.0 %" "#1 IA-2026-Q1"; do
	grep -qF -- "$want" "$T/r.txt" || fail "the printed review lacks '$want'"
done
pass
