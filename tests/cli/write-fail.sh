#!/bin/sh
# write-fail.sh - writes that fail midway (issue 8): under a file-size
# limit (ulimit -f, in a subshell; conform ignores SIGXFSZ, so write()
# fails with EFBIG instead of the signal killing it) and on a read-only
# database, every writing command - cases import, audit run, ncr update,
# doc commit - fails with one clear line, exit 4, and changes nothing:
# the store's dump, main, the index and the user's files are as before.
# As root chmod stops nothing, so the read-only case runs conform as
# nobody (setpriv) on a store it does not own.
. "$(dirname "$0")/../lib/lib.sh"
. "$(dirname "$0")/../lib/cases-lib.sh"
export CONFORM_NOW=1775001600

new_ws "$T/ws"
cd "$T/ws"
cp "$SRC"/examples/center/procedures/*.xml procedures/
cp "$SRC"/examples/center/standards/*.xml standards/
cp "$SRC"/examples/center/checklists/*.xml checklists/
expect 0 doc commit -m "首次发布" --author "张三 <zhang@df.gov.cn>" \
	--approved-by "李四 <li@df.gov.cn>"
expect 0 cases generate --out "$T/q1" --cases 5000 --from 2026-01-01 --to 2026-03-31
expect 0 cases import "$T/q1/cases.csv" "$T/q1/events.csv"
expect 0 audit run IA-2026-Q1 --from 2026-01-01 --to 2026-03-31
expect 0 cases generate --out "$T/q2" --cases 5000 --from 2026-04-01 --to 2026-06-30
sed 's/amount="0.00"/amount="10.00"/' procedures/P-BIZ-001.xml >"$T/p" &&
	cp "$T/p" procedures/P-BIZ-001.xml

# state: the store (as an SQL dump), main, the index, the user's files.
state() {
	sqlite3 .conform/conform.db .dump | sha256sum
	git rev-parse main
	git ls-files -s | sha256sum
	find procedures standards checklists calendars -type f | sort | xargs sha256sum
}
# unchanged WHAT: the state is the one saved before.
unchanged() {
	state >"$T/now"
	cmp -s "$T/now" "$T/before" || { diff "$T/before" "$T/now" || true; fail "$1 changed something"; }
	ic=$(sqlite3 .conform/conform.db "PRAGMA integrity_check")
	[ "$ic" = ok ] || fail "$1: integrity_check: $ic"
}
# An empty WAL, so that the limit below bites within a few pages.
sqlite3 .conform/conform.db "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
state >"$T/before"

# ---- a file-size limit ----
# 32 KiB: room for the store's 32 KiB shared-memory file and one page
# of 16 KiB in the WAL, not two - every command below writes more (a
# doc commit's git objects, index and pending record are smaller).
LIMIT=32768
# (ulimit -f counts blocks of 512 bytes in dash, 1024 in bash: ask.)
unit=$( (ulimit -f 2; sed -n 's/^Max file size *\([0-9]*\).*/\1/p' /proc/self/limits) )
blocks=$((LIMIT / (unit / 2)))
limited() { # limited STATUS ARGS...: expect, under the limit
	want=$1
	shift
	set +e
	(ulimit -f "$blocks"; exec "$CONFORM" "$@") >"$T/out" 2>"$T/err"
	got=$?
	set -e
	[ "$got" = "$want" ] || { cat "$T/out" "$T/err"; fail "conform $* under ulimit -f: exit $got, expected $want"; }
}
for cmd in "cases import $T/q2/cases.csv $T/q2/events.csv" \
    "audit run IA-2026-Q1 --from 2026-01-01 --to 2026-03-31" \
    "ncr update 1 --state analysed --root-cause 窗口未核对收费标准" \
    "doc commit -m 收费调整 --author 张三_<zhang@df.gov.cn>"; do
	# shellcheck disable=SC2086
	set -- $cmd
	case $1 in doc) set -- doc commit -m "收费调整" --author "张三 <zhang@df.gov.cn>" ;; esac
	limited 4 "$@"
	one_line "$T/err"
	contains "$T/err" "the file-size limit, ulimit -f, is $LIMIT bytes"
	lacks "$T/err" "File size limit exceeded"
	unchanged "$1 $2 under ulimit -f"
	echo "$1 $2 under ulimit -f: $(cat "$T/err")"
done
# Without the limit, the same commands go through.
expect 0 ncr update 1 --state analysed --root-cause "窗口未核对收费标准"
sqlite3 .conform/conform.db "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
state >"$T/before"

# ---- a read-only database ----
if [ "$(id -u)" = 0 ]; then
	command -v setpriv >/dev/null || skip "root, and no setpriv to drop it"
	# The workspace is nobody's; the store (file and folder) root's.
	chown -R 65534:65534 "$T/ws"
	chown 0:0 .conform .conform/conform.db
	chmod 755 .conform "$T"
	git config --global --add safe.directory "$T/ws" # (for our git)
	as() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
else
	chmod a-w .conform .conform/conform.db
	as() { "$@"; }
fi
for cmd in "cases import $T/q2/cases.csv $T/q2/events.csv" \
    "audit run IA-2026-Q1 --from 2026-01-01 --to 2026-03-31" \
    "ncr update 1 --state action-planned --action 收费标准上墙 --owner 王五 --due 2026-06-30" \
    "doc commit"; do
	# shellcheck disable=SC2086
	set -- $cmd
	case $1 in doc) set -- doc commit -m "收费调整" --author "张三 <zhang@df.gov.cn>" ;; esac
	set +e
	HOME=$T as "$CONFORM" "$@" >"$T/out" 2>"$T/err"
	got=$?
	set -e
	[ "$got" = 4 ] || { cat "$T/out" "$T/err"; fail "conform $* on a read-only store: exit $got, expected 4"; }
	one_line "$T/err"
	contains "$T/err" "is read-only"
	unchanged "$1 $2 on a read-only store"
	echo "$1 $2 on a read-only store: $(cat "$T/err")"
done
pass
