#!/bin/sh
# doc-control.sh - `conform doc commit|log|show|diff` on a real
# repository: the commit gate (one invalid file among many: nothing
# committed, files untouched), approvals (by the author: recorded and
# warned), plain-git commits read the same way, the version in force
# with back-dated, future-dated, tied, deleted and re-added versions,
# Chinese text byte for byte, field-level differences.
. "$(dirname "$0")/../lib/lib.sh"

new_ws "$T/ws"
cd "$T/ws"
cp -R "$SRC/examples/center/procedures" "$SRC/examples/center/standards" \
	"$SRC/examples/center/checklists" .
A='张三 <zhang@dongfang.gov.cn>'
B='李四 <li@dongfang.gov.cn>'

# No author anywhere (no --author, no config, no git user): usage error.
expect 2 doc commit -m "首次发布"
contains "$T/err" "who is the author?"
[ "$(git rev-list --count HEAD)" = 1 ] || fail "committed without an author"

expect 0 doc commit -m "首次发布服务指南" --author "$A" --approved-by "$B"
contains "$T/out" "22 added, 0 changed, 0 deleted"
contains "$T/out" "approved by 李四 <li@dongfang.gov.cn>"
[ "$(git log -1 --format=%an)" = 张三 ] || fail "author"
[ "$(git log -1 --format=%cn)" = conform ] || fail "committer"
[ "$(git log -1 --format='%(trailers:key=Approved-by,valueonly)' | head -1)" = "$B" ] ||
	fail "trailer: $(git log -1 --format=%B)"
[ -z "$(git status --porcelain)" ] || fail "status after commit: $(git status --porcelain)"

# Nothing changed: refused.
expect 3 doc commit -m "again" --author "$A"
contains "$T/err" "nothing to commit"

# One invalid file among valid changes: every problem, nothing committed,
# the user's files untouched.
head_before=$(git rev-parse HEAD)
sed -i 's/committed="1"/committed="2"/' procedures/P-BIZ-001.xml
cp procedures/P-BIZ-002.xml procedures/P-NEW-001.xml
sed -i 's/id="P-BIZ-002"/id="P-NEW-001"/' procedures/P-NEW-001.xml
printf '<procedure id="P-BAD" kind="commitment">\n  <title>坏</title>\n</procedure>\n' >procedures/P-BAD-001.xml
sums_before=$(cat procedures/* | sha256sum)
expect 3 doc commit -m "mixed" --author "$A"
contains "$T/err" "procedures/P-BAD-001.xml:1:"
contains "$T/err" "nothing was committed"
[ "$(git rev-parse HEAD)" = "$head_before" ] || fail "HEAD moved"
[ "$(cat procedures/* | sha256sum)" = "$sums_before" ] || fail "files changed"
test -f procedures/P-BAD-001.xml || fail "the bad file was removed"

# Fixed: committed, approved by the author himself (recorded, warned).
rm procedures/P-BAD-001.xml procedures/P-NEW-001.xml
expect 0 doc commit -m "缩短企业设立登记承诺时限" --author "$A" --approved-by "张三 <ZHANG@dongfang.gov.cn>"
contains "$T/err" "approved by its own author"
contains "$T/out" "0 added, 1 changed, 0 deleted"

# The author may come from .conform/config.
echo "author = $B" >>.conform/config
sed -i 's/<complaint-phone>12345<\/complaint-phone>/<complaint-phone>0000-12345<\/complaint-phone>/' procedures/P-BIZ-002.xml
expect 0 doc commit -m "更新投诉电话"
[ "$(git log -1 --format=%an)" = 李四 ] || fail "author from config"
contains "$T/out" "not approved"

# A commit made with plain git is read the same way.
sed -i 's/amount="80"/amount="90.00"/' procedures/P-RE-001.xml
git add procedures/P-RE-001.xml
GIT_AUTHOR_NAME=王五 GIT_AUTHOR_EMAIL=wang@dongfang.gov.cn git commit -q \
	-m "手工调整收费" -m "Approved-by: $B"
expect 0 doc log P-RE-001
contains "$T/out" "王五 <wang@dongfang.gov.cn>"
contains "$T/out" "fee 80.00 -> 90.00"
head -2 "$T/out" | tail -1 | grep -q "李四 <li@dongfang.gov.cn>" || fail "plain git approver"

# doc log: formats and the self-approved row.
expect 0 doc log P-BIZ-001 --format csv
head -1 "$T/out" | grep -qx 'commit,date,document,author,approver,effective_from,change' || fail "csv header"
contains "$T/out" "张三 <ZHANG@dongfang.gov.cn>"
contains "$T/out" "time-limit.committed 1 -> 2"
[ "$(grep -c 'procedures/P-BIZ-001.xml' "$T/out")" = 2 ] || fail "two versions"
expect 0 doc log --format json --type standard
contains "$T/out" '"document": "standards/Q_DF-FW-001.xml"'
lacks "$T/out" "procedures/"
expect 3 doc log P-NOPE
contains "$T/err" "no document 'P-NOPE' in the history of main"

# doc show: byte for byte, the commit on stderr.
expect 0 doc show P-BIZ-003
same "$T/out" procedures/P-BIZ-003.xml
contains "$T/err" "commit $(git rev-parse HEAD~3)"
contains "$T/out" "个体工商户设立登记"
expect 0 doc show Q/DF-FW-001
same "$T/out" standards/Q_DF-FW-001.xml
expect 0 doc show P-BIZ-001 --rev HEAD~3
lacks "$T/out" 'committed="2"'
expect 3 doc show P-BIZ-001 --rev nosuchrev
contains "$T/err" "revision 'nosuchrev' names no commit"
expect 2 doc show P-BIZ-001 --at 2026-02-30
expect 2 doc show P-BIZ-001 --at 2026-01-01 --rev HEAD

# Effective dates: back-dated, future-dated, ties, deletion, re-addition.
v() { # v EFFECTIVE COMMITTED: rewrite P-X-001 and commit it
	cat >procedures/P-X-001.xml <<XML
<?xml version="1.0" encoding="UTF-8"?>
<procedure id="P-X-001" kind="commitment">
  <title>测试事项</title>
  <effective-from>$1</effective-from>
  <time-limit statutory="20" committed="$2"/>
  <steps><step id="accept"/></steps>
</procedure>
XML
	"$CONFORM" doc commit -m "P-X-001 $2" --author "$A" >/dev/null || fail "commit $1 $2"
}
in_force() { # in_force DATE EXPECTED-COMMITTED
	expect 0 doc show P-X-001 --at "$1"
	grep -q "committed=\"$2\"" "$T/out" || fail "on $1: $(grep committed= "$T/out")"
}
v 2026-03-01 10
v 2025-06-01 9      # back-dated
v 2027-01-01 8      # future-dated
v 2026-03-01 7      # ties with the first: the later commit wins
in_force 2025-06-01 9
in_force 2026-02-28 9
in_force 2026-03-01 7
in_force 2026-12-31 7
in_force 2027-01-01 8
expect 3 doc show P-X-001 --at 2025-05-31
contains "$T/err" "no version of P-X-001 in force on 2025-05-31 (the first takes effect on 2025-06-01)"
git rm -q procedures/P-X-001.xml
CONFORM_NOW=$(date -d '2026-05-04 10:00:00 +0800' +%s) "$CONFORM" doc commit -m "撤销" --author "$A" >/dev/null
expect 3 doc show P-X-001 --at 2026-06-01
contains "$T/err" "P-X-001 was withdrawn on 2026-05-04"
in_force 2026-05-03 7
v 2026-07-01 6      # re-added
in_force 2026-07-01 6
expect 3 doc show P-X-001 --at 2026-06-30
contains "$T/err" "withdrawn"
expect 0 doc log P-X-001
contains "$T/out" "added again"
contains "$T/out" "deleted"

# An invalid version committed with plain git: an error wherever used.
cat >procedures/P-X-001.xml <<'XML'
<procedure id="P-X-001" kind="commitment">
  <title>坏版本</title>
  <effective-from>2026-08-01</effective-from>
</procedure>
XML
git add procedures/P-X-001.xml
git commit -q -m "broken by hand"
bad=$(git rev-parse --short=12 HEAD)
expect 3 doc show P-X-001 --at 2026-08-02
contains "$T/err" "does not validate: commit $bad: procedures/P-X-001.xml:1:"
in_force 2026-07-31 6
expect 0 doc log P-X-001
contains "$T/out" "invalid: commit $bad"

# doc diff: field by field.
expect 0 doc diff P-BIZ-001 "$head_before" HEAD
contains "$T/out" "time-limit.committed: 1 -> 2"
expect 0 doc diff P-X-001 HEAD~5 HEAD~4 --format csv
head -1 "$T/out" | grep -qx 'field,old,new' || fail "diff csv header"
expect 3 doc diff P-X-001 HEAD~1 HEAD
contains "$T/err" "does not validate"
expect 3 doc diff P-BIZ-001 HEAD nosuch
pass
