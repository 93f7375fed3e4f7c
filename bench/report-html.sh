#!/bin/sh
# report-html.sh - benchmark of the HTML audit report's size (issue 14):
#   A: a demonstration center with N synthetic cases (default 200,000)
#      of the first quarter of 2026, a share RATE (default 0.3) with a
#      planted deviation, audited with the example checklist;
#   B: the road-traffic fine log of ../shared/data/eventlogs (150,370
#      traces; see SOURCES.md there), imported under the test procedure
#      P-T-001 as tests/cases/cases-reallogs.sh does and audited with
#      its case checks over 2000-2013: nearly every case fails the same
#      way (its steps are not P-T-001's), the worst case for the page.
# For each: the findings stored, the time to write the HTML, its size
# (goal: under 2 MB whatever the audit's size), and headless Chromium's
# wall time to render it to a 1280 px screenshot and to print it to A4
# PDF (goal: under 2 s; includes Chromium's start-up, measured alone
# on an empty page first).
#
# Usage: bench/report-html.sh [BUILDDIR] [N] [RATE]
set -eu
B=$(cd "${1:-.}" && pwd)
N=${2:-200000}
RATE=${3:-0.3}
C="$B/conform"
SRC=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${CONFORM_SHARED:-$SRC/../shared}
ROAD="$SHARED/data/eventlogs/Road_Traffic_Fine_Management_Process.xes.gz"
W=$(mktemp -d "${TMPDIR:-/tmp}/conform-bench-html-XXXXXX")
trap 'rm -rf "$W"' EXIT
command -v chromium >/dev/null || { echo "needs chromium"; exit 1; }

secs() { # secs COMMAND...: wall seconds of COMMAND, to two decimals
	t0=$(date +%s.%N)
	"$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }
	t1=$(date +%s.%N)
	echo "$t1 - $t0" | bc | sed 's/^\./0./;s/\(\.[0-9][0-9]\).*/\1/'
}
browser() {
	chromium --headless --no-sandbox --disable-gpu --no-first-run \
		--disable-background-networking --disable-component-update \
		--disable-sync --user-data-dir="$W/profile" "$@"
}
printf '<!DOCTYPE html><title>x</title>' >"$W/empty.html"
browser --screenshot="$W/e.png" "file://$W/empty.html" >/dev/null 2>&1 || true
echo "chromium start-up (empty page): $(secs browser --window-size=1280,2000 --screenshot="$W/e.png" "file://$W/empty.html") s"

report() { # report NAME: the HTML of audit 1 of the workspace in .
	echo "$1: $(sqlite3 .conform/conform.db 'SELECT count(*) FROM case_rec') cases, $(sqlite3 .conform/conform.db 'SELECT count(*) FROM finding WHERE audit_id = 1') findings stored"
	echo "  write HTML: $(secs "$C" report audit 1 --format html -o "$W/$1.html") s"
	echo "  HTML size: $(wc -c <"$W/$1.html") bytes"
	echo "  chromium screenshot 1280 px: $(secs browser --window-size=1280,2000 --screenshot="$W/$1.png" "file://$W/$1.html") s"
	echo "  chromium print to A4 PDF: $(secs browser --no-pdf-header-footer --print-to-pdf="$W/$1.pdf" "file://$W/$1.html") s, $(pdfinfo "$W/$1.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }') pages"
}

"$C" init "$W/gen" >/dev/null
cd "$W/gen"
cp -R "$SRC/examples/center/procedures" "$SRC/examples/center/standards" \
	"$SRC/examples/center/checklists" .
"$C" doc commit -m "the example center" --author "Bench <b@x>" \
	--approved-by "QA <qa@x>" >/dev/null 2>&1
"$C" cases generate --cases "$N" --seed bench --deviations "$RATE" \
	--from 2026-01-01 --to 2026-03-31 --out "$W/data" >/dev/null
"$C" cases import "$W/data/cases.csv" "$W/data/events.csv" >/dev/null
"$C" audit run IA-2026-Q1 --from 2026-01-01 --to 2026-03-31 >/dev/null 2>&1
report "generated-$N"

if [ ! -f "$ROAD" ]; then
	echo "road-traffic: skipped, no $ROAD"
	exit 0
fi
"$C" init "$W/road" >/dev/null
cd "$W/road"
cp "$SRC/tests/data/cases/P-T-001.xml" procedures/
cat >checklists/CL-ROAD.xml <<'XML'
<checklist id="CL-ROAD">
  <check id="R1" type="on-time" severity="minor" clause="8.5.1"/>
  <check id="R2" type="steps" severity="minor" clause="8.5.1"/>
  <check id="R3" type="roles" severity="minor" clause="5.3"/>
  <check id="R4" type="four-eyes" severity="major" clause="5.3"/>
  <check id="R5" type="in-force" severity="major" clause="7.5.3"/>
</checklist>
XML
"$C" doc commit -m "road" --author "Bench <b@x>" --approved-by "QA <qa@x>" >/dev/null 2>&1
"$C" cases import --procedure P-T-001 "$ROAD" >/dev/null
"$C" audit run CL-ROAD --from 2000-01-01 --to 2013-12-31 >/dev/null 2>&1
report road-traffic
