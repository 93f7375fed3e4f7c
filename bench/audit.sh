#!/bin/sh
# audit.sh - benchmark of the audit engine (issue 5): a demonstration
# center with N cases (default 1,000,000, about 3.5 million events) of
# the first quarter of 2026 from the project's generator, imported, then
#   A: conform audit run IA-2026-Q1 over the quarter (every check of the
#      example checklist, results stored), and
#   B: sqlite3 reading every event joined to its case in case order,
#      on the same database in the same run,
# with wall time and peak RSS of each (GNU time).  Goal: A <= 3 x B,
# peak RSS under 200 MB; since the time-limit law (issue 16), A <= 1 x B
# with a third of the cases paused or extended: every commitment
# procedure of the bench's copy of the example center gets a pause and
# an extension (those that declare markers keep theirs), and the
# generator sends PAUSED (default 0.85) of their other cases through
# them; the share of cases with a pause or an extension is printed.
# Since the evaluations (好差评, issue 17) the generator's evaluations.csv
# (--rated, default 0.6: some 600,000 for 1,000,000 cases) is imported
# too, and the one pass is measured with the checklist's three
# evaluation checks (E01-E03) and scorecard and without them (C), against the same
# sqlite3 scan: goal, the pass with them <= 1 x B.
#
# Usage: bench/audit.sh [BUILDDIR] [N]
set -eu
B=$(cd "${1:-build}" && pwd)
N=${2:-1000000}
C="$B/conform"
W=$(mktemp -d "${TMPDIR:-/tmp}/conform-bench-audit-XXXXXX")
trap 'rm -rf "$W"' EXIT
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)"; exit 1; }

SRC=$(cd "$(dirname "$0")/.." && pwd)
"$C" init "$W/center" >/dev/null
cd "$W/center"
cp -R "$SRC/examples/center/procedures" "$SRC/examples/center/standards" \
	"$SRC/examples/center/checklists" .
for f in procedures/*.xml; do
	grep -q 'kind="commitment"' "$f" && ! grep -q '<pause ' "$f" || continue
	sed -i 's|<time-limit \([^>]*\)/>|<time-limit \1><pause start="bench-pause-start" end="bench-pause-end" name="特别程序"/><extension activity="bench-extend" days="10" role="director"/></time-limit>|' "$f"
done
"$C" doc commit -m "the example center" --author "Bench <b@x>" \
	--approved-by "QA <qa@x>" >/dev/null
"$C" cases generate --cases "$N" --seed bench --from 2026-01-01 --to 2026-03-31 \
	--paused "${PAUSED:-0.85}" --out "$W/data" >/dev/null
"$C" cases import "$W/data/cases.csv" "$W/data/events.csv" \
	"$W/data/evaluations.csv" >/dev/null
echo "records: $(sqlite3 .conform/conform.db 'SELECT count(*) FROM case_rec') cases, $(sqlite3 .conform/conform.db 'SELECT count(*) FROM event_rec') events, $(sqlite3 .conform/conform.db 'SELECT count(*) FROM eval_rec') evaluations"
echo "paused or extended: $(sqlite3 .conform/conform.db "SELECT count(DISTINCT case_id) FROM events WHERE activity LIKE '%-start' OR activity LIKE '%extend'") cases"

measure() { # measure NAME COMMAND...: wall seconds and peak RSS (MB)
	name=$1; shift
	sync
	/usr/bin/time -f "%e %M" -o "$W/$name.time" "$@" >/dev/null 2>"$W/$name.err" ||
		{ cat "$W/$name.err"; exit 1; }
	read -r secs kb <"$W/$name.time"
	echo "$name: ${secs} s, peak RSS $((kb / 1024)) MB"
	eval "${name}_s=$secs"
}
measure sqlite3 sqlite3 .conform/conform.db "SELECT c.case_id, c.procedure_id, c.accepted_at, c.completed_at, c.fee_fen, c.materials, e.activity, e.ts, e.actor, e.role FROM events e JOIN cases c ON c.case_id = e.case_id ORDER BY e.case_id, e.ts"
measure conform "$C" audit run IA-2026-Q1 --from 2026-01-01 --to 2026-03-31
# The same checklist without its two sql checks: the one pass alone
# (the sql checks' copy of the records is measured in benchmarks.md).
sed -e '/type="sql"/,/<\/check>/d' -e 's/id="IA-2026-Q1"/id="IA-PASS"/' \
	checklists/IA-2026-Q1.xml >checklists/IA-PASS.xml
"$C" doc commit -m "the checklist without its sql checks" --author "Bench <b@x>" \
	--approved-by "QA <qa@x>" >/dev/null 2>&1
measure pass "$C" audit run IA-PASS --from 2026-01-01 --to 2026-03-31
# ... and without its evaluation checks too: what E01-E03 cost.
sed -e '/type="bad-review"/d' -e '/type="satisfaction-rate"/d' \
	-e '/type="evaluation-coverage"/d' -e '/<scorecard/,/<\/scorecard>/d' \
	-e 's/id="IA-PASS"/id="IA-NOEVAL"/' \
	checklists/IA-PASS.xml >checklists/IA-NOEVAL.xml
"$C" doc commit -m "the checklist without its evaluation checks" --author "Bench <b@x>" \
	--approved-by "QA <qa@x>" >/dev/null 2>&1
measure noeval "$C" audit run IA-NOEVAL --from 2026-01-01 --to 2026-03-31
echo "ratio conform / sqlite3: $(echo "scale=2; $conform_s / $sqlite3_s" | bc)"
echo "ratio conform without the sql checks / sqlite3: $(echo "scale=2; $pass_s / $sqlite3_s" | bc)"
echo "ratio conform without the sql and evaluation checks / sqlite3: $(echo "scale=2; $noeval_s / $sqlite3_s" | bc)"
