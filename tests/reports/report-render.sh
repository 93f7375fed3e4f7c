#!/bin/sh
# report-render.sh - the HTML audit report rendered by a real browser:
# headless Chromium prints it to PDF and takes a screenshot.  Checks
# that it rendered: a PDF of several A4 pages (each major section starts
# a page), whose text (pdftotext) holds the Chinese title, the center,
# a finding and a rate (fc-list must find a CJK font, else Chinese
# would print as empty boxes); a non-empty PNG.  Skips only on a developer machine
# without chromium; under CI (CI set) a missing tool is a failure.
. "$(dirname "$0")/../lib/lib.sh"
. "$(dirname "$0")/../lib/report-lib.sh"

need() {
	command -v "$1" >/dev/null && return 0
	[ -n "${CI:-}" ] && fail "$1 is missing on CI (.ci/packages installs $2)"
	skip "$1 is not installed (Debian package $2)"
}
need chromium chromium
need pdftotext poppler-utils
need pdfinfo poppler-utils
need fc-list fontconfig
fc-list :lang=zh family | grep -q . || fail "no CJK font (fonts-noto-cjk): Chinese cannot render"

build_fixture "$T/ws"
expect 0 report audit 1 -o "$T/a.html"
browser() {
	# Chromium may not write under $HOME; give it its own profile.
	timeout 180 chromium --headless --no-sandbox --disable-gpu \
		--no-first-run --disable-background-networking \
		--disable-component-update --disable-sync \
		--user-data-dir="$(mktemp -d "$T/profile-XXXXXX")" "$@" \
		>"$T/chromium.log" 2>&1 || { cat "$T/chromium.log"; fail "chromium $*"; }
}
browser --no-pdf-header-footer --print-to-pdf="$T/a.pdf" "file://$T/a.html"
[ -s "$T/a.pdf" ] || { cat "$T/chromium.log"; fail "no PDF"; }
pages=$(pdfinfo "$T/a.pdf" | awk '/^Pages:/ { print $2 }')
[ "${pages:-0}" -ge 5 ] || fail "the PDF has ${pages:-no} pages, expected at least 5 (one per major section)"
pdfinfo "$T/a.pdf" | grep -q '^Page size:.*(A4)' || fail "not A4: $(pdfinfo "$T/a.pdf" | grep 'Page size')"
pdftotext -layout "$T/a.pdf" "$T/a.txt"
for want in "审核报告" "测试检查表" "$CENTER" "$OBJECTIVE" "C003" "76.9 %" \
	"企业变更登记" "Findings and evidence"; do
	grep -qF -- "$want" "$T/a.txt" || { cat "$T/a.txt"; fail "the PDF's text lacks '$want'"; }
done
# page 1 starts with the summary; the overview and the results per
# check each start a page of their own
pdftotext -f 1 -l 1 "$T/a.pdf" - | grep -q "Summary" || fail "page 1 is not the summary"
starts_page() {
	p=1
	while [ "$p" -le "$pages" ]; do
		pdftotext -f "$p" -l "$p" "$T/a.pdf" - | head -5 | grep -q "$1" && return 0
		p=$((p + 1))
	done
	fail "no page starts with '$1'"
}
starts_page "Audit overview"
starts_page "Results per check"
browser --window-size=1024,2000 --screenshot="$T/a.png" "file://$T/a.html"
[ "$(head -c 8 "$T/a.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || fail "no PNG"
[ "$(wc -c <"$T/a.png")" -gt 50000 ] || fail "the screenshot is nearly empty"
pass
