#!/bin/sh
# audit-undo.sh - audits that do not take effect at once and for ever
# (doc/audits.md): `audit run --dry-run` prints what it would find and
# stores nothing; `audit void` keeps the audit, marked void on the
# trail, out of reviews and packs, its NCRs noted; `audit run` names
# the uncommitted document edits it does not see.
. "$(dirname "$0")/../lib/lib.sh"
D="$SRC/tests/data/audit"

new_ws "$T/ws"
cd "$T/ws"
A='张三 <zhang@x.cn>'
day() { date -d "$1" +%s; }
cp "$D/P-A-001.v1.xml" procedures/P-A-001.xml
cp "$D/P-B-001.xml" procedures/P-B-001.xml
cp "$D/CL-T.xml" checklists/CL-T.xml
export CONFORM_NOW=$(day '2026-03-31 18:00:00 +0800')
"$CONFORM" doc commit -m "docs" --author "$A" --approved-by "李四 <li@x.cn>" >/dev/null
"$CONFORM" cases import "$D/cases.csv" "$D/events.csv" >/dev/null
export CONFORM_NOW=$(day '2026-04-01 09:00:00 +0800')

refs() { git for-each-ref --format='%(refname) %(objectname)' refs/conform; }
expect 0 trail verify
head -1 "$T/out" >"$T/trail.before"
refs >"$T/refs.before"

# --dry-run: the findings and the NCRs it would raise, nothing stored.
expect 0 audit run CL-T --from 2026-02-01 --to 2026-03-31 --dry-run
cp "$T/out" "$T/dry.out"
contains "$T/err" "dry run: nothing stored"
contains "$T/err" "it would open 8 and join 0 NCRs"
lacks "$T/err" "stored as audit"
expect 0 audit list --format csv
[ "$(wc -l <"$T/out")" -le 1 ] || { cat "$T/out"; fail "a dry run stored an audit"; }
expect 0 ncr list --format csv
[ "$(wc -l <"$T/out")" -le 1 ] || { cat "$T/out"; fail "a dry run opened an NCR"; }
expect 0 trail verify
head -1 "$T/out" | cmp -s - "$T/trail.before" || fail "a dry run appended to the trail"
refs | cmp -s - "$T/refs.before" || fail "a dry run wrote a checkpoint"
# The same audit stored prints what the dry run printed.
expect 0 audit run CL-T --from 2026-02-01 --to 2026-03-31
same "$T/out" "$T/dry.out"
contains "$T/err" "stored as audit 1; NCRs: 8 opened"
pass
