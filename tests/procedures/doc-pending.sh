#!/bin/sh
# doc-pending.sh - a hand-written .conform/doc-commit-pending must not
# make `conform doc commit` enter a commit it did not make in the trail
# (doc/documents.md, "Interrupted commits"): the insider commits with
# plain git, writes the record the interrupted commit would have left
# (every field matching the commit: author, time, message with its
# Approved-by trailer, tree, parent) and runs doc commit.  Refused, exit
# 3, one line naming the file, and no doc.commit entry for that commit:
#   1. an invalid procedure (the record matches the commit exactly: only
#      the gate, run again on the commit, catches it);
#   2. a valid procedure, the record naming an approver the commit's
#      message does not carry;
#   3. the record of the older format, without the tree (exit 4, as
#      any damaged record).
# A real interrupted commit is still finished (crash-doc-commit.sh kills
# it at every point; here once, after the record was written).
. "$(dirname "$0")/../lib/lib.sh"
command -v sqlite3 >/dev/null || skip "sqlite3 is not installed"

new_ws "$T/ws"
cd "$T/ws"
cp "$SRC"/examples/center/procedures/P-BIZ-001.xml procedures/
expect 0 doc commit -m "首次发布" --author "张三 <zhang@df.gov.cn>" \
	--approved-by "李四 <li@df.gov.cn>"
entries() { sqlite3 .conform/conform.db "SELECT count(*) FROM trail WHERE what = 'doc.commit' AND subject = '$1'"; }

# ns TEXT: one netstring (byte length)
ns() { printf '%s:%s,' "$(printf '%s' "$1" | wc -c)" "$1"; }
# plant COMMIT PARENT WHEN WHO APPROVER MSG [TREE]
plant() {
	{
		ns "$1"; ns "$2"; ns "$3"; ns "$3"; ns "0 1 0"; ns "$4"; ns "$5"; ns "$6"
		[ $# -lt 7 ] || ns "$7"
	} >.conform/doc-commit-pending
}
AT=1775000000
plain_commit() { # MSG-FILE
	git add -A procedures
	GIT_AUTHOR_NAME="张三" GIT_AUTHOR_EMAIL="zhang@df.gov.cn" \
		GIT_AUTHOR_DATE="@$AT +0800" git commit -q -F "$1"
}

# 1. An invalid procedure, the record exact.
parent=$(git rev-parse HEAD)
sed 's/<procedure /<procedure bogus="1" /' procedures/P-BIZ-001.xml >"$T/p" && cp "$T/p" procedures/P-BIZ-001.xml
expect 3 doc check
printf '收费调整\n\nApproved-by: 王五 <wang@df.gov.cn>\n' >"$T/msg"
plain_commit "$T/msg"
bad=$(git rev-parse HEAD)
plant "$bad" "$parent" "$AT" "张三 <zhang@df.gov.cn>" "王五 <wang@df.gov.cn>" "收费调整" \
	"$(git rev-parse HEAD^{tree})"
cp procedures/P-BIZ-001.xml "$T/keep"
echo '<!-- later -->' >>procedures/P-BIZ-001.xml
expect 3 doc commit -m "下一次" --author "张三 <zhang@df.gov.cn>" --approved-by "李四 <li@df.gov.cn>"
one_line "$T/err"
contains "$T/err" ".conform/doc-commit-pending: commit ${bad%????????????????????????????} on main did not pass the gate"
[ "$(entries "$bad")" = 0 ] || fail "the forged record was entered in the trail"
[ -f .conform/doc-commit-pending ] || fail "the record was removed"
[ "$(git rev-parse HEAD)" = "$bad" ] || fail "main moved"

# 2. A valid procedure, an approver the commit does not carry.
git reset -q --hard "$parent"
sed 's/amount="0.00"/amount="10.00"/' procedures/P-BIZ-001.xml >"$T/p" && cp "$T/p" procedures/P-BIZ-001.xml
expect 0 doc check
printf '收费调整\n' >"$T/msg"
plain_commit "$T/msg"
good=$(git rev-parse HEAD)
plant "$good" "$parent" "$AT" "张三 <zhang@df.gov.cn>" "王五 <wang@df.gov.cn>" "收费调整" \
	"$(git rev-parse HEAD^{tree})"
echo '<!-- later -->' >>procedures/P-BIZ-001.xml
expect 3 doc commit -m "下一次" --author "张三 <zhang@df.gov.cn>" --approved-by "李四 <li@df.gov.cn>"
one_line "$T/err"
contains "$T/err" "does not describe commit ${good%????????????????????????????} on main (the commit's message or Approved-by trailer is another)"
[ "$(entries "$good")" = 0 ] || fail "the forged approver was entered in the trail"

# 3. The record without the tree (all an older conform wrote).
plant "$good" "$parent" "$AT" "张三 <zhang@df.gov.cn>" "" "收费调整"
expect 4 doc commit -m "下一次" --author "张三 <zhang@df.gov.cn>" --approved-by "李四 <li@df.gov.cn>"
contains "$T/err" "is damaged"
[ "$(entries "$good")" = 0 ] || fail "a record without its tree was believed"

# A real interrupted commit is still finished.
rm .conform/doc-commit-pending
git reset -q --hard "$parent"
sed 's/amount="0.00"/amount="20.00"/' procedures/P-BIZ-001.xml >"$T/p" && cp "$T/p" procedures/P-BIZ-001.xml
set +e
CONFORM_CRASH_POINT=doc-commit-published "$CONFORM" doc commit -m "中断" \
	--author "张三 <zhang@df.gov.cn>" --approved-by "李四 <li@df.gov.cn>" >/dev/null 2>&1
set -e
[ -f .conform/doc-commit-pending ] || fail "the crash left no record"
done_commit=$(git rev-parse HEAD)
[ "$done_commit" != "$parent" ] || fail "main did not move before the crash"
[ "$(entries "$done_commit")" = 0 ] || fail "recorded before the crash"
echo '<!-- later -->' >>procedures/P-BIZ-001.xml
expect 0 doc commit -m "下一次" --author "张三 <zhang@df.gov.cn>" --approved-by "李四 <li@df.gov.cn>"
[ "$(entries "$done_commit")" = 1 ] || fail "the interrupted commit was not recorded"
[ ! -f .conform/doc-commit-pending ] || fail "the record stayed"
expect 0 trail verify
pass
