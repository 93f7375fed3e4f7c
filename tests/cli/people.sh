#!/bin/sh
# people.sh - the people conform records (doc/command-line.md): init
# takes --center and --author (or asks for them on a terminal) and
# writes the config keys; every command that records a person says whom
# it recorded and where the name came from, the login name included.
. "$(dirname "$0")/../lib/lib.sh"
D="$SRC/tests/data/audit"
C='东方县政务服务中心'
A='张三 <zhang@x.cn>'

expect 2 init --author "张三" "$T/bad"
contains "$T/err" "--author: '张三' names no email, expected \"Name <email>\""
[ ! -e "$T/bad" ] || fail "a refused init left a workspace"
expect 2 init --center "$(printf 'a\tb')" "$T/bad"
[ ! -e "$T/bad" ] || fail "a refused init left a workspace"

expect 0 init --center "$C" --author "$A" "$T/ws" </dev/null
contains "$T/out" "  center     $C"
contains "$T/out" "  author     $A"
grep -qx "center = $C" "$T/ws/.conform/config" || fail "center key"
grep -qx "author = $A" "$T/ws/.conform/config" || fail "author key"

# On a terminal init asks (script(1) gives it one).
if command -v script >/dev/null 2>&1; then
	printf '%s\n%s\n' "$C" "$A" |
		script -qec "\"$CONFORM\" init \"$T/tty\"" /dev/null >"$T/tty.out" 2>&1 || true
	if [ -f "$T/tty/.conform/config" ]; then
		contains "$T/tty.out" "center (the auditee named in the reports; empty: none): "
		grep -qx "center = $C" "$T/tty/.conform/config" || fail "center asked"
		grep -qx "author = $A" "$T/tty/.conform/config" || fail "author asked"
	fi
fi

cd "$T/ws"
day() { date -d "$1" +%s; }
export CONFORM_NOW=$(day '2026-04-01 09:00:00 +0800')
cp "$D/P-A-001.v1.xml" procedures/P-A-001.xml
cp "$D/P-B-001.xml" procedures/P-B-001.xml
cp "$D/CL-T.xml" checklists/CL-T.xml
expect 0 doc commit -m docs --approved-by "李四 <li@x.cn>"
contains "$T/err" "conform: recorded as author: $A (author from .conform/config)"
contains "$T/err" "conform: recorded as approver: 李四 <li@x.cn> (--approved-by)"
expect 0 cases import "$D/cases.csv" "$D/events.csv"
contains "$T/err" "conform: recorded as: $A (author from .conform/config)"
expect 0 audit run CL-T --from 2026-02-01 --to 2026-03-31
contains "$T/err" "conform: recorded as the audit team (the trail's actor): $A (author from .conform/config)"
contains "$T/err" "conform: auditee: $C (center from .conform/config, named in the reports)"
expect 0 ncr update 1 --owner "王五"
contains "$T/err" "conform: recorded as: $A (author from .conform/config)"
expect 0 trail verify

# No keys: the login name, and that it is one.
expect 0 init "$T/ws2" </dev/null
contains "$T/out" "  author     not set: the login name is recorded"
cd "$T/ws2"
cp "$D/P-A-001.v1.xml" procedures/P-A-001.xml
cp "$D/P-B-001.xml" procedures/P-B-001.xml
cp "$D/CL-T.xml" checklists/CL-T.xml
expect 0 doc commit -m docs --author "$A"
contains "$T/err" "conform: recorded as author: $A (--author)"
USER=tester LOGNAME=tester expect 0 cases import "$D/cases.csv" "$D/events.csv"
contains "$T/err" "conform: recorded as: tester (the login name: no author in .conform/config; set it with conform init --author or the author key)"
USER=tester expect 0 audit run CL-T --from 2026-02-01 --to 2026-03-31
contains "$T/err" "recorded as the audit team (the trail's actor): tester (the login name"
contains "$T/err" "conform: auditee: not named (no center in .conform/config"
pass
