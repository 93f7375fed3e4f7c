#!/bin/sh
# trail.sh - benchmark of `conform trail verify` (issue 12): a
# demonstration center with N generated cases (default 1,000,000, about
# 3.7 million events) of the first quarter of 2026, imported, audited
# once (IA-2026-Q1, results stored), then `conform trail verify`: the
# chain, and every record against the entry that bound it - the digest
# of every batch's case writes and events recomputed in one pass over
# case_rec, case_hist and event_rec, the audit's findings and case
# results, the NCRs.  Wall time and peak RSS (GNU time).  Goal: under
# 10 s for 1,000,000 cases.  Not a test: nothing fails on a slow
# machine.
#
# Usage: bench/trail.sh [BUILDDIR] [N]
set -eu
B=$(cd "${1:-build}" && pwd)
N=${2:-1000000}
C="$B/conform"
W=$(mktemp -d "${TMPDIR:-/tmp}/conform-bench-trail-XXXXXX")
trap 'rm -rf "$W"' EXIT
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)"; exit 1; }

SRC=$(cd "$(dirname "$0")/.." && pwd)
"$C" init "$W/center" >/dev/null
cd "$W/center"
cp -R "$SRC/examples/center/procedures" "$SRC/examples/center/standards" \
	"$SRC/examples/center/checklists" .
"$C" doc commit -m "the example center" --author "Bench <b@x>" \
	--approved-by "QA <qa@x>" >/dev/null
"$C" cases generate --cases "$N" --seed bench --from 2026-01-01 --to 2026-03-31 \
	--out "$W/data" >/dev/null
"$C" cases import "$W/data/cases.csv" "$W/data/events.csv" >/dev/null
"$C" audit run IA-2026-Q1 --from 2026-01-01 --to 2026-03-31 >/dev/null 2>&1 || [ $? = 1 ]
db=.conform/conform.db
echo "records: $(sqlite3 $db 'SELECT count(*) FROM case_rec') cases, $(sqlite3 $db 'SELECT count(*) FROM event_rec') events, $(sqlite3 $db 'SELECT count(*) FROM finding') findings, $(sqlite3 $db 'SELECT count(*) FROM audit_case') case results, $(sqlite3 $db 'SELECT count(*) FROM trail') trail entries"

measure() { # measure NAME COMMAND...: wall seconds and peak RSS (MB)
	name=$1; shift
	sync
	/usr/bin/time -f "%e %M" -o "$W/$name.time" "$@" >"$W/$name.out" 2>"$W/$name.err" ||
		{ cat "$W/$name.err"; exit 1; }
	read -r secs kb <"$W/$name.time"
	echo "$name: ${secs} s, peak RSS $((kb / 1024)) MB"
}
measure "trail verify" "$C" trail verify
cat "$W/trail verify.out"
measure "trail verify (again, warm cache)" "$C" trail verify
