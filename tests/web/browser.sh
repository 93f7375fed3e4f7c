#!/bin/sh
# browser.sh - the web application in a real browser (tests/web/browser.py):
# Debian's chromium and chromium-driver driven by python3-selenium on
# the demonstration center.  CONFORM_SHOTS=DIR keeps the screenshots.
. "$(dirname "$0")/../lib/lib.sh"
. "$(dirname "$0")/web-lib.sh"

command -v chromedriver >/dev/null 2>&1 || skip "chromium-driver is not installed"
# Debian's python, which has Debian's python3-selenium
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
"$PY" -c "import selenium" 2>/dev/null || skip "python3-selenium is not installed"
command -v sqlite3 >/dev/null 2>&1 || skip "the sqlite3 tool is not installed"

web_demo 400
web_start
AUDIT=$("$CONFORM" -C "$T/demo" audit list --format csv | sed -n '2s/,.*//p')
CASE=$(sqlite3 "$T/demo/.conform/conform.db" 'SELECT case_id FROM case_rec ORDER BY case_id LIMIT 1')
DOC=$(ls "$T/demo/procedures" | sed -n '1s/\.xml$//p')
SHOTS=${CONFORM_SHOTS:-$T/shots}
mkdir -p "$SHOTS"
HOME="$T/home" timeout 600 "$PY" "$(dirname "$0")/browser.py" "$BASE" "$AUDIT" "$CASE" "$DOC" "$SHOTS" ||
	{ cat "$T/serve.err"; fail "the browser test"; }
"$CONFORM" -C "$T/demo" ncr show 1 >"$T/show"
grep -q '^state  *implemented' "$T/show" || { cat "$T/show"; fail "NCR-0001 is not implemented"; }
pass
