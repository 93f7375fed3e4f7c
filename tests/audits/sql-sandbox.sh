#!/bin/sh
# sql-sandbox.sh - `sql` checks in a real audit (doc/checks.md#sql): the
# views hold the checklist's scope up to the end of --to and nothing
# else; reads of the views as a whole run; a CTE named as a view reads
# nothing of the store; a query past its time or memory, or whose subject
# is not text, is an `error` finding of that check and the audit goes
# on; a function that is not plain SQL refuses the audit; a scope that
# matches no procedure in force is an error of every check.
. "$(dirname "$0")/../lib/lib.sh"
D="$SRC/tests/data/audit"

new_ws "$T/ws"
cd "$T/ws"
A='张三 <zhang@x.cn>'
B='李四 <li@x.cn>'
cp "$D/P-A-001.v2.xml" procedures/P-A-001.xml
cp "$D/P-B-001.xml" procedures/P-B-001.xml
cat >checklists/CL-S.xml <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<checklist id="CL-S" title="sql">
  <scope procedures="P-B-*"/>
  <check id="T1" type="in-force" severity="major" clause="7.5.3"/>
  <check id="S1" type="sql" severity="minor" clause="8.5.1">
    <query>SELECT case_id FROM cases</query>
  </check>
  <check id="S2" type="sql" severity="minor" clause="8.5.1">
    <query>SELECT 'n=' || COUNT(*) FROM cases</query>
  </check>
  <check id="S3" type="sql" severity="minor" clause="8.5.1">
    <query>SELECT DISTINCT case_id FROM cases c WHERE EXISTS (SELECT 1 FROM events e WHERE e.case_id = c.case_id)</query>
  </check>
  <check id="S4" type="sql" severity="minor" clause="8.5.1">
    <query>WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT i FROM n WHERE i &lt; 0</query>
  </check>
  <check id="S5" type="sql" severity="minor" clause="8.5.1">
    <query>SELECT length(zeroblob(2000000000))</query>
  </check>
  <check id="S6" type="sql" severity="minor" clause="8.5.1">
    <query>SELECT hex(randomblob(2000000000))</query>
  </check>
  <check id="S7" type="sql" severity="minor" clause="8.5.1">
    <query>SELECT case_id || char(27) || '[2J' FROM cases</query>
  </check>
  <check id="S8" type="sql" severity="minor" clause="8.5.1">
    <query>SELECT CAST(x'ff' AS TEXT)</query>
  </check>
  <check id="S9" type="sql" severity="minor" clause="8.5.1">
    <query>WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT i || zeroblob(1000000) FROM n ORDER BY 1</query>
  </check>
</checklist>
XML
"$CONFORM" doc commit -m "v1" --author "$A" --approved-by "$B" >/dev/null || fail "commit v1"
expect 0 cases import "$D/cases.csv" "$D/events.csv"

# Under an address-space cap of 1 GB (where the build allows one: not
# under AddressSanitizer) the endless sort of S9 meets SQLite's own
# limit first: an error finding, not SIGABRT.  Its rows are 1 MB each,
# so the 256 MiB fill in a few hundred rows, long before the 10 s time
# limit even under ASan on a loaded machine (rows of 100 bytes took
# millions of rows and met the time limit there first).
vlimit=1000000
(ulimit -v $vlimit && exec "$CONFORM" --version) >/dev/null 2>&1 || vlimit=unlimited
set +e
(ulimit -v $vlimit; exec "$CONFORM" audit run CL-S --from 2026-03-01 --to 2026-03-31 --all --format csv) >"$T/out" 2>"$T/err"
got=$?
set -e
[ "$got" = 0 ] || { cat "$T/out" "$T/err"; fail "audit under ulimit -v $vlimit: exit $got"; }
row() { grep -qF -- "$1" "$T/out" || { cat "$T/out"; fail "no row $1"; }; }
# The scope, and earlier periods: C008 was accepted in February.
row "S1,C007,fail"
row "S1,C008,fail"
[ "$(grep -c '^S1,' "$T/out")" = 2 ] || fail "S1 saw cases out of scope: $(grep '^S1,' "$T/out")"
row "S2,n=2,fail"
row "S3,C007,fail"
row "S3,C008,fail"
# Bounds: each an error of its check, the other checks still ran.
row 'S4,*,error,minor,8.5.1,,,the query ran out of time (10 s)'
row 'S5,*,error,minor,8.5.1,,,the query made a value longer than 16 MiB'
row 'S6,*,error,minor,8.5.1,,,the query made a value longer than 16 MiB'
row 'S9,*,error,minor,8.5.1,,,the query ran out of memory (more than 256 MiB)'
# Subjects are text: the row is named, the bytes escaped.
row 'S7,*,error,minor,8.5.1,,,"row 1 of the result: the subject is text with a control character (""C007\x1B[2J""), expected'
row 'S8,*,error,minor,8.5.1,,,"row 1 of the result: the subject is not valid UTF-8'
lacks "$T/out" "$(printf '\033')"
row "T1,C007,pass"
contains "$T/err" "stored as audit 1"
expect 0 audit show 1 --format json
python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$T/out" || fail "json"

# Out-of-scope records, the store's tables: nothing to read; refused
# before anything is stored.
n_before=$(sqlite3 .conform/conform.db "SELECT count(*) FROM audit")
for q in "WITH cases AS (SELECT key||'='||value AS x FROM meta) SELECT x FROM cases" \
	"WITH events AS (SELECT name AS case_id FROM sqlite_master) SELECT case_id FROM events" \
	"SELECT fts3_tokenizer('simple')" "SELECT load_extension('x')"; do
	sed "s#<query>SELECT case_id FROM cases</query>#<query>$q</query>#" checklists/CL-S.xml >"$T/cl"
	cp "$T/cl" checklists/CL-S.xml
	git add checklists && git commit -qm "try: $q" --no-verify || fail "plain commit"
	expect 3 audit run CL-S --from 2026-03-01 --to 2026-03-31
	contains "$T/err" "check S1: "
	one_line "$T/err"
	lacks "$T/err" "0x"
	git checkout -q HEAD~1 -- checklists && git commit -qm "back" --no-verify
done
[ "$(sqlite3 .conform/conform.db "SELECT count(*) FROM audit")" = "$n_before" ] || fail "a refused audit stored"
[ "$(sqlite3 .conform/conform.db "SELECT count(*) FROM finding WHERE detail LIKE '%0x%' OR subject LIKE '%0x%'")" = 0 ] ||
	fail "an address in a finding"

# A scope that matches no procedure in force: an error of every check.
sed 's|procedures="P-B-\*"|procedures="P-X-*"|; s|id="CL-S"|id="CL-X"|' checklists/CL-S.xml >checklists/CL-X.xml
"$CONFORM" doc commit -m "typo" --author "$A" --approved-by "$B" >/dev/null || fail "commit typo"
expect 0 audit run CL-X --from 2026-03-01 --to 2026-03-31 --format csv
for c in T1 S1 S2 S3 S4 S5 S6 S7 S8 S9; do
	row "$c,*,error,"
done
row "matches no procedure in force on 2026-03-31"
[ "$(grep -c ',error,' "$T/out")" = 10 ] || { cat "$T/out"; fail "one error per check"; }
lacks "$T/out" ",fail,"
