#!/bin/sh
# cases-materials.sh - material lists (doc/cases.md, doc/checks.md):
# split on ';' and on the full-width '；', items trimmed of ASCII blanks
# and of U+3000 / U+00A0; "M1，M2" (a full-width comma), "M1, M2" and
# "M1 M2" stay one item, which names no material of the procedure and
# is named in the materials check's detail whatever the result; a list
# stored in the older form compares equal when the case comes again.
. "$(dirname "$0")/../lib/lib.sh"
. "$(dirname "$0")/../lib/cases-lib.sh"

case_ws "$T/ws"
cd "$T/ws"
cat >checklists/CL-M.xml <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<checklist id="CL-M" title="材料">
  <scope procedures="P-T-*"/>
  <check id="M" type="materials" severity="minor" clause="8.5.1"/>
</checklist>
XML
"$CONFORM" doc commit -m "CL-M" --author "测试 <test@example.cn>" >/dev/null || fail "commit CL-M"

H=case_id,procedure_id,accepted_at,completed_at,materials
{
	echo "$H"
	echo "K-1,P-T-001,2026-03-02 09:00,2026-03-02 10:00,M1；M2"
	echo "K-2,P-T-001,2026-03-02 09:00,2026-03-02 10:00,\" M1 ；　M2　; \""
	echo "K-3,P-T-001,2026-03-02 09:00,2026-03-02 10:00,M1，M2"
	echo "K-4,P-T-001,2026-03-02 09:00,2026-03-02 10:00,\"M1, M2\""
	echo "K-5,P-T-001,2026-03-02 09:00,2026-03-02 10:00,M1 M2"
	echo "K-6,P-T-001,2026-03-02 09:00,2026-03-02 10:00,M1;M9；M1"
	echo "K-7,P-T-001,2026-03-02 09:00,,M1，M2"
	echo "K-8,P-T-001,2026-03-02 09:00,2026-03-02 10:00,；;　"
} >cases.csv
expect 0 cases import cases.csv
eq "$(q . "SELECT group_concat(case_id || '=' || materials, ' ') FROM (SELECT case_id, materials FROM cases ORDER BY case_id)")" \
	"K-1=M1;M2 K-2=M1;M2 K-3=M1，M2 K-4=M1, M2 K-5=M1 M2 K-6=M1;M9;M1 K-7=M1，M2 K-8=" "stored lists"

expect 0 audit run CL-M --from 2026-03-01 --to 2026-03-31 --format csv
# f CASE: the finding of the one check, "pass" for a pass stored only in
# the case row (a pass with nothing to say)
last="(SELECT max(id) FROM audit)"
f() {
	q . "SELECT coalesce((SELECT result || ': ' || detail FROM finding WHERE audit_id = $last AND subject = '$1'), (SELECT 'pass' FROM audit_case WHERE audit_id = $last AND case_id = '$1' AND results = 'p'))"
}
eq "$(f K-1)" "pass" "K-1 (full-width semicolon)"
eq "$(f K-2)" "pass" "K-2 (blanks and U+3000 around items)"
eq "$(f K-3)" "fail: required material M1 missing; received 'M1，M2', which names no material of P-T-001" "K-3"
eq "$(f K-4)" "fail: required material M1 missing; received 'M1, M2', which names no material of P-T-001" "K-4"
eq "$(f K-5)" "fail: required material M1 missing; received 'M1 M2', which names no material of P-T-001" "K-5"
eq "$(f K-6)" "pass: received 'M9', which names no material of P-T-001" "K-6"
eq "$(f K-7)" "na: pending on 2026-03-31; received 'M1，M2', which names no material of P-T-001" "K-7"
eq "$(f K-8)" "fail: required material M1 missing" "K-8 (none received)"
contains "$T/out" "M,K-3,fail"
contains "$T/out" "received 'M1，M2', which names no material of P-T-001"

# A list stored the older way ('；' inside one item, as imports before
# this rule stored it) is judged by today's rule and equals the same
# list when the case comes again; the stored text stays as it was.
sqlite3 .conform/conform.db "UPDATE case_rec SET materials = 'M1；M2' WHERE case_id = 'K-1'"
printf '%s\nK-1,P-T-001,2026-03-02 09:00,2026-03-02 10:00,M1 ；M2\n' "$H" >again.csv
expect 0 cases import again.csv
contains "$T/out" "cases 0 new, 0 updated, 1 unchanged"
eq "$(q . "SELECT materials FROM case_rec WHERE case_id = 'K-1'")" "M1；M2" "the stored text kept"
expect 0 audit run CL-M --from 2026-03-01 --to 2026-03-31 --format csv
eq "$(f K-1)" "pass" "the older form judged by today's rule"
# audit show lists the pass that names an unknown item once, with its detail
expect 0 audit show 2 --all --format csv
[ "$(grep -c '^M,K-6,' "$T/out")" = 1 ] || { cat "$T/out"; fail "K-6 not listed once"; }
contains "$T/out" "M,K-6,pass"
pass
