#!/bin/sh
# ncr-close.sh - the end of an NCR's life (doc/ncr.md): a follow-up
# audit started in the very second of the implementation verifies it;
# closing needs the effectiveness evidence (given before or in the same
# update); from verified on the fields are frozen and corrected only by
# recorded amendments, kept beside the original, shown and on the trail;
# NCR numbers too large for any NCR are usage errors, not another NCR.
. "$(dirname "$0")/../lib/lib.sh"
D="$SRC/tests/data/audit"

new_ws "$T/ws"
cd "$T/ws"
A='张三 <zhang@x.cn>'
B='李四 <li@x.cn>'
day() { date -d "$1" +%s; }
cp "$D/P-A-001.v1.xml" procedures/P-A-001.xml
cp "$D/P-B-001.xml" procedures/P-B-001.xml
cat >checklists/CL-V.xml <<'XML'
<checklist id="CL-V">
  <scope procedures="P-*"/>
  <check id="V1" type="materials" severity="minor" clause="8.5.1"/>
</checklist>
XML
export CONFORM_NOW=$(day '2026-03-31 18:00:00 +0800')
"$CONFORM" doc commit -m docs --author "$A" --approved-by "$B" >/dev/null
"$CONFORM" cases import "$D/cases.csv" "$D/events.csv" >/dev/null
cat >april.csv <<'CSV'
case_id,procedure_id,accepted_at,completed_at,fee_charged,materials,window,channel
C201,P-A-001,2026-04-20 09:00:00,2026-04-22 10:00:00,50,M1;M2,W01,window
CSV
"$CONFORM" cases import april.csv >/dev/null

# NCR numbers: one past any NCR is refused as a number (exit 2), not
# read as NCR-9223372036854775807; a number of no NCR is not found (3).
expect 2 ncr show 99999999999999999999
one_line "$T/err"
contains "$T/err" "invalid NCR number '99999999999999999999'"
lacks "$T/err" "9223372036854775807'"
expect 2 ncr update NCR-99999999999999999999 --owner x
expect 2 ncr show abc
expect 3 ncr show 7
contains "$T/err" "no NCR-0007"

export CONFORM_NOW=$(day '2026-04-01 09:00:00 +0800')
expect 0 audit run CL-V --from 2026-02-01 --to 2026-03-31
expect 0 ncr update 1 --state analysed --root-cause "窗口未核对必交材料"
expect 0 ncr update 1 --state action-planned --action "受理清单" --owner "王科长" --due 2026-04-30
# Implemented, and the follow-up audit in the same second: it started
# after the implementation as far as whole seconds can say.
export CONFORM_NOW=$(day '2026-04-10 15:00:00 +0800')
expect 0 ncr update 1 --state implemented
expect 0 audit run CL-V --from 2026-04-11 --to 2026-04-30
expect 0 ncr verify 1 --audit 2
contains "$T/out" "NCR-0001 verified by audit 2"

export CONFORM_NOW=$(day '2026-05-04 09:00:00 +0800')
# Closure needs the effectiveness evidence; refused, nothing changes.
expect 3 ncr update 1 --state closed
one_line "$T/err"
contains "$T/err" "NCR-0001: closed needs the evidence that the action worked (--effectiveness)"
expect 3 ncr update 1 --state closed --effectiveness "  "
expect 0 ncr show 1
grep -Eq '^state +verified$' "$T/out" || fail "a refused closure changed the state"

# Frozen at verified: no overwrite of what the verification judged.
expect 3 ncr update 1 --root-cause "改写的原因"
one_line "$T/err"
contains "$T/err" "NCR-0001: it is verified: its fields are frozen; correct --root-cause with a recorded amendment (ncr update 1 --amend --root-cause TEXT --reason WHY)"
expect 3 ncr update 1 --state closed --effectiveness "五月复查" --action "换一个"
contains "$T/err" "correct --action"
# Amendments: only of frozen NCRs, with a reason and a field.
expect 3 ncr update 1 --amend --root-cause "漏核对"
contains "$T/err" "an amendment needs its reason (--reason)"
expect 3 ncr update 1 --amend --reason "笔误"
contains "$T/err" "needs the field it corrects"
expect 2 ncr update 1 --amend --state closed --root-cause x --reason y
expect 0 ncr update 1 --amend --root-cause "窗口未核对必交材料清单（第2版）" --reason "原因记录不全，经复核补正"
contains "$T/out" "NCR-0001 verified, amended"
# The effectiveness evidence is filled in the closing update.
expect 0 ncr update 1 --state closed --effectiveness "四月复查C201材料齐全"
contains "$T/out" "NCR-0001 closed"
expect 3 ncr update 1 --effectiveness "改"
contains "$T/err" "correct its fields with --amend"
expect 0 ncr update 1 --amend --effectiveness "四月、五月复查材料齐全" --reason "补充五月复查"
expect 0 ncr show 1
grep -Eq '^root cause +窗口未核对必交材料$' "$T/out" || fail "the original root cause is kept"
grep -Eq '^effectiveness +四月复查C201材料齐全$' "$T/out" || fail "the original effectiveness is kept"
contains "$T/out" "amendments (2; the fields above are the originals):"
contains "$T/out" "--root-cause now reads: 窗口未核对必交材料清单（第2版）"
contains "$T/out" "reason: 原因记录不全，经复核补正"
contains "$T/out" "--effectiveness now reads: 四月、五月复查材料齐全"
contains "$T/out" "ncr.amend"
expect 0 trail verify

# An amendment edited, deleted or added in the database is found.
DB=.conform/conform.db
command -v sqlite3 >/dev/null || { pass; }
cp "$DB" "$T/db.keep"
sqlite3 "$DB" "UPDATE ncr_amendment SET value = '别的' WHERE seq = 1"
expect 3 trail verify
contains "$T/err" "NCR-0001: the 2 amendments stored are not the ones the trail binds"
cp "$T/db.keep" "$DB"
sqlite3 "$DB" "DELETE FROM ncr_amendment"
expect 3 trail verify
contains "$T/err" "NCR-0001"
cp "$T/db.keep" "$DB"
sqlite3 "$DB" "INSERT INTO ncr_amendment VALUES (1, 3, 'action', 'x', 'y', 0, 'z')"
expect 3 trail verify
contains "$T/err" "NCR-0001: 3 amendments stored, the trail's last entry holds 2"
cp "$T/db.keep" "$DB"
expect 0 trail verify
pass
