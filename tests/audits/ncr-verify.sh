#!/bin/sh
# ncr-verify.sh - doc/integrity.md §7 and the issue's attack 6:
# `ncr verify` refuses a follow-up audit of one day of old data, one
# whose check id was redefined (a materials check replaced by a sql
# check that returns nothing, or the same type over another scope), and
# one that judged nothing; the honest follow-up - records of after the
# action, the same check even when its text was rewritten - verifies.
. "$(dirname "$0")/../lib/lib.sh"
D="$SRC/tests/data/audit"

new_ws "$T/ws"
cd "$T/ws"
A='张三 <zhang@x.cn>'
B='李四 <li@x.cn>'
day() { date -d "$1" +%s; }
commit() { "$CONFORM" doc commit -m "$1" --author "$A" --approved-by "$B" >/dev/null || fail "commit $1"; }
cp "$D/P-A-001.v1.xml" procedures/P-A-001.xml
cp "$D/P-B-001.xml" procedures/P-B-001.xml
cat >checklists/CL-V.xml <<'XML'
<checklist id="CL-V">
  <scope procedures="P-*"/>
  <check id="V1" type="materials" severity="minor" clause="8.5.1"/>
</checklist>
XML
export CONFORM_NOW=$(day '2026-03-31 18:00:00 +0800')
commit "docs"
CONFORM_NOW=$(day '2026-04-01 08:00:00 +0800') \
	"$CONFORM" cases import "$D/cases.csv" "$D/events.csv" >/dev/null

export CONFORM_NOW=$(day '2026-04-01 09:00:00 +0800')
expect 0 audit run CL-V --from 2026-02-01 --to 2026-03-31
contains "$T/out" "C006"                 # M1 missing
expect 0 ncr update 1 --state analysed --root-cause "窗口未核对必交材料"
expect 0 ncr update 1 --state action-planned --action "受理清单" --owner "王科长" --due 2026-04-30
CONFORM_NOW=$(day '2026-04-10 15:00:00 +0800') expect 0 ncr update 1 --state implemented
export CONFORM_NOW=$(day '2026-04-11 09:00:00 +0800')

# Attack: a follow-up audit of one day of old data (the cases of 3 March,
# completed the next day), in which V1 passes.
expect 0 audit run CL-V --from 2026-03-03 --to 2026-03-04
grep -Eq '^V1 +materials +minor +8.5.1 +5 +0 ' "$T/out" || { cat "$T/out"; fail "V1 passes on the cases of 3 March"; }
expect 3 ncr verify 1 --audit 2
one_line "$T/err"
contains "$T/err" "NCR-0001: audit 2's period starts 2026-03-03, not after the action was implemented (2026-04-10); an audit of earlier records is no evidence"
# ... nor one that starts on the day of the implementation.
expect 0 audit run CL-V --from 2026-04-10 --to 2026-04-10
expect 3 ncr verify 1 --audit 3
contains "$T/err" "period starts 2026-04-10"

# A period after the action in which nothing was judged.
expect 0 audit run CL-V --from 2026-04-11 --to 2026-04-30
expect 3 ncr verify 1 --audit 4
one_line "$T/err"
contains "$T/err" "NCR-0001: audit 4 judged no subject of check V1 (0 na, 0 error)"

# Attack: V1 redefined as a sql check that returns nothing.
cat >checklists/CL-V.xml <<'XML'
<checklist id="CL-V">
  <scope procedures="P-*"/>
  <check id="V1" type="sql" severity="minor" clause="8.5.1">
    <query>SELECT case_id FROM cases WHERE 0</query>
  </check>
</checklist>
XML
commit "V1 simplified"
expect 0 audit run CL-V --from 2026-04-11 --to 2026-04-30
grep -Eq '^V1 +sql +minor +8.5.1 +1 +0 ' "$T/out" || { cat "$T/out"; fail "the sql V1 passes"; }
expect 3 ncr verify 1 --audit 5
one_line "$T/err"
contains "$T/err" "NCR-0001: audit 5's check V1 is not the check audit 1 raised it on (type materials, now sql); verify with an audit of the same check"

# April's records, after the action: C201 with every material.
cat >april.csv <<'CSV'
case_id,procedure_id,accepted_at,completed_at,fee_charged,materials,window,channel
C201,P-A-001,2026-04-20 09:00:00,2026-04-22 10:00:00,50,M1;M2,W01,window
CSV
CONFORM_NOW=$(day '2026-05-04 09:00:00 +0800') \
	"$CONFORM" cases import april.csv >/dev/null
export CONFORM_NOW=$(day '2026-05-04 10:00:00 +0800')

# Attack: the same type, judged over another scope (no P-A-001 case).
cat >checklists/CL-V.xml <<'XML'
<checklist id="CL-V">
  <scope procedures="P-B-*"/>
  <check id="V1" type="materials" severity="minor" clause="8.5.1"/>
</checklist>
XML
commit "V1 narrowed"
expect 0 audit run CL-V --from 2026-04-11 --to 2026-04-30
expect 3 ncr verify 1 --audit 6
contains "$T/err" "is not the check audit 1 raised it on (checklist scope 'P-*', now 'P-B-*')"

# The honest path: the same check, written differently (attributes in
# another order, other spacing: compared as documents, not as text).
cat >checklists/CL-V.xml <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<checklist id="CL-V">
  <check   clause="8.5.1"   severity="minor" type="materials"   id="V1" />
  <scope procedures="P-*" />
</checklist>
XML
commit "V1 as it was"
expect 0 audit run CL-V --from 2026-04-11 --to 2026-04-30
grep -Eq '^V1 +materials +minor +8.5.1 +1 +0 ' "$T/out" || { cat "$T/out"; fail "V1 passes in April"; }
expect 0 ncr verify 1 --audit 7
contains "$T/out" "NCR-0001 verified by audit 7"
expect 0 trail verify
pass
