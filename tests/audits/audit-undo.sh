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

# audit void: kept, marked, on the trail; its NCRs noted, not deleted.
expect 2 audit void 1
contains "$T/err" "--reason"
expect 3 audit void 99 --reason x
contains "$T/err" "no audit 99"
expect 3 audit void 1 --reason "  "
contains "$T/err" "voiding needs the reason"
expect 0 audit void 1 --reason "期间选错：应为第一季度"
contains "$T/out" "audit 1 void; it is kept"
contains "$T/out" "NCR-0001: raised by a void audit only; it is unchanged"
[ "$(grep -c 'raised by a void audit only' "$T/out")" = 8 ] || fail "eight NCRs noted"
expect 3 audit void 1 --reason again
contains "$T/err" "audit 1 is void already"
expect 0 audit list --format csv
head -1 "$T/out" | grep -q ',actor,void$' || fail "audit list has a void column"
contains "$T/out" "void: 期间选错：应为第一季度"
expect 0 audit show 1
contains "$T/out" "VOID       期间选错：应为第一季度"
expect 0 audit show 1 --format json
contains "$T/out" '"void":{"actor":'
contains "$T/out" '"reason":"期间选错：应为第一季度"}'
expect 0 ncr show 1
grep -Eq '^void audits +audit 1$' "$T/out" || fail "ncr show names the void audit"
contains "$T/out" "raised by a void audit only"
expect 0 ncr list --format csv
[ "$(($(wc -l <"$T/out") - 1))" = 8 ] || fail "the NCRs stay"
expect 0 trail verify

# The void bound: removed or rewritten in the database, it is found.
DB=.conform/conform.db
if command -v sqlite3 >/dev/null; then
	cp "$DB" "$T/db.keep"
	sqlite3 "$DB" "DELETE FROM audit_void"
	expect 3 trail verify
	contains "$T/err" "(audit.void audit 1) voids an audit the store does not hold as void"
	cp "$T/db.keep" "$DB"
	sqlite3 "$DB" "UPDATE audit_void SET reason = '别的'"
	expect 3 trail verify
	contains "$T/err" "audit 1's void: stored reason"
	cp "$T/db.keep" "$DB"
	sqlite3 "$DB" "INSERT INTO audit_void VALUES (1 + (SELECT max(id) FROM audit), 'x', 0, 'y')"
	expect 3 trail verify
	contains "$T/err" "audit_void row names audit 2, which is not stored"
	cp "$T/db.keep" "$DB"
fi

# A second audit in force finds the same subjects: they are on the NCRs
# already (recurrence, doc/ncr.md), so it joins none but cites them, and
# they no longer stand on the void audit only.
expect 0 audit run CL-T --from 2026-02-01 --to 2026-03-31
contains "$T/err" "stored as audit 2; 10 failing subjects already on an NCR of their check, not raised again"
expect 0 ncr show 1
grep -Eq '^void audits +audit 1$' "$T/out" || fail "still names the void audit"
lacks "$T/out" "raised by a void audit only"
# A void audit is no evidence for ncr verify.
expect 0 ncr update 1 --state analysed --root-cause "未设置到期提醒"
expect 0 ncr update 1 --state action-planned --action "设置提醒" --owner "赵六" --due 2026-04-15
expect 0 ncr update 1 --state implemented
export CONFORM_NOW=$(day '2026-05-04 09:00:00 +0800')
expect 0 audit run CL-T --from 2026-04-02 --to 2026-04-30
expect 0 audit void 3 --reason "试运行"
expect 3 ncr verify 1 --audit 3
one_line "$T/err"
contains "$T/err" "NCR-0001: audit 3 is void; a void audit is no evidence"

# Reviews and packs leave void audits out; the pack lists them as void.
expect 0 report review --from 2026-01-01 --to 2026-04-30 -o "$T/r.xml"
grep -q '<audit [^>]*id="2"' "$T/r.xml" || grep -q '<audit id="2"' "$T/r.xml" || { cat "$T/r.xml"; fail "review lists audit 2"; }
[ "$(grep -c '<audit ' "$T/r.xml")" = 1 ] || { grep '<audit ' "$T/r.xml"; fail "the review counts one audit in force"; }
expect 0 evidence pack --out "$T/pack"
[ -f "$T/pack/audits/audit-0002.html" ] || fail "the audit in force is packed"
[ ! -e "$T/pack/audits/audit-0001.html" ] || fail "a void audit is packed"
[ ! -e "$T/pack/audits/audit-0003.xml" ] || fail "a void audit is packed"
contains "$T/pack/index.html" "Audit 1 (CL-T) is void and its report is not in the pack: 期间选错：应为第一季度"
# Unsigned (no key here): those two problems, and no missing report.
expect 3 evidence verify "$T/pack"
contains "$T/err" "evidence pack $T/pack: 2 problems"
lacks "$T/err" "audit-000"
expect 0 trail verify

# Uncommitted edits to documents: named on stderr, the audit goes on
# with what is committed; editor files are no documents.
expect 0 audit run CL-T --from 2026-02-01 --to 2026-03-31 --dry-run
lacks "$T/err" "uncommitted"
cp "$T/out" "$T/committed.out"
printf '<!-- 草稿 -->\n' >>procedures/P-A-001.xml
printf '<checklist id="CL-NEW"/>\n' >checklists/CL-NEW.xml
printf 'swap' >procedures/.P-A-001.xml.swp
rm standards/*.xml 2>/dev/null || true
expect 0 audit run CL-T --from 2026-02-01 --to 2026-03-31 --dry-run
contains "$T/err" "conform: warning: uncommitted edits to"
contains "$T/err" "procedures/P-A-001.xml"
contains "$T/err" "checklists/CL-NEW.xml"
contains "$T/err" "which the audit does not see (it uses what is committed on main)"
lacks "$T/err" ".swp"
same "$T/out" "$T/committed.out"
expect 0 audit run CL-T --from 2026-02-01 --to 2026-03-31
contains "$T/err" "procedures/P-A-001.xml"
contains "$T/err" "stored as audit 4"
git checkout -q -- procedures
rm checklists/CL-NEW.xml
expect 0 audit run CL-T --from 2026-02-01 --to 2026-03-31 --dry-run
lacks "$T/err" "uncommitted"
pass
