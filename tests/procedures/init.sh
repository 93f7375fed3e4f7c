#!/bin/sh
# init.sh - `conform init`: the workspace of doc/command-line.md, made with
# libgit2 and readable by plain git; refusals leave nothing behind.
. "$(dirname "$0")/../lib/lib.sh"

expect 0 init "$T/ws"
contains "$T/out" "Initialised conform workspace in $T/ws"
for d in procedures standards calendars checklists .conform; do
	test -d "$T/ws/$d" || fail "no $d/"
done
test -f "$T/ws/.conform/conform.db" || fail "no database"
contains "$T/ws/.conform/config" "timezone = Asia/Shanghai"
same "$T/ws/calendars/CN-2025.xml" "$PREFIX/share/conform/calendars/CN-2025.xml"
same "$T/ws/calendars/CN-2026.xml" "$PREFIX/share/conform/calendars/CN-2026.xml"

# Plain git reads it: one commit on main with the calendars, clean tree.
cd "$T/ws"
[ "$(git symbolic-ref HEAD)" = refs/heads/main ] || fail "HEAD is not main"
[ "$(git rev-list --count HEAD)" = 1 ] || fail "not one commit"
[ "$(git ls-files | tr '\n' ' ')" = "calendars/CN-2025.xml calendars/CN-2026.xml " ] ||
	fail "committed files: $(git ls-files)"
[ -z "$(git status --porcelain)" ] || fail "status: $(git status --porcelain)"
grep -qx '/.conform/' .git/info/exclude || fail "no exclude entry"
git fsck --strict >/dev/null 2>&1 || fail "git fsck"
cd "$T"

# The database: WAL, schema version, meta.
if command -v sqlite3 >/dev/null; then
	[ "$(sqlite3 "$T/ws/.conform/conform.db" 'PRAGMA journal_mode')" = wal ] || fail "not WAL"
	v=$(sqlite3 "$T/ws/.conform/conform.db" 'PRAGMA user_version')
	[ "$v" -ge 1 ] || fail "user_version $v"
	[ "$(sqlite3 "$T/ws/.conform/conform.db" "SELECT value FROM meta WHERE key='conform-version'")" != "" ] || fail "no meta"
fi

# An existing workspace, and an existing git repository, are refused.
expect 3 init "$T/ws"
contains "$T/err" "is already a conform workspace"
one_line "$T/err"
mkdir "$T/plain" && git init -q "$T/plain"
expect 3 init "$T/plain"
contains "$T/err" "is already a git repository"
test ! -e "$T/plain/.conform" || fail ".conform made in a refused repo"

# An unknown timezone: refused, nothing created.
expect 3 init --timezone Mars/Olympus "$T/ws2"
contains "$T/err" "unknown timezone 'Mars/Olympus'"
test ! -e "$T/ws2" || fail "ws2 left behind"
expect 0 init --timezone Europe/Amsterdam "$T/ws-ams"
contains "$T/ws-ams/.conform/config" "timezone = Europe/Amsterdam"

# A failure after git init (no shipped calendars) takes everything back.
mkdir -p "$T/emptydata/schemas" "$T/emptydata/calendars"
set +e
CONFORM_DATADIR="$T/emptydata" "$CONFORM" init "$T/ws3" >"$T/out" 2>"$T/err"
st=$?
set -e
[ "$st" = 4 ] || fail "init without calendars: exit $st"
contains "$T/err" "no shipped calendars"
test ! -e "$T/ws3" || fail "ws3 left behind: $(ls -A "$T/ws3")"
mkdir "$T/keep" && echo mine >"$T/keep/README"
set +e
CONFORM_DATADIR="$T/emptydata" "$CONFORM" init "$T/keep" >/dev/null 2>&1
set -e
[ "$(ls -A "$T/keep")" = README ] || fail "keep/ changed: $(ls -A "$T/keep")"

# init with no operand uses -C, then the current directory.
mkdir "$T/ws4"
expect 0 -C "$T/ws4" init
test -d "$T/ws4/.conform" || fail "-C init"
mkdir "$T/ws5" && cd "$T/ws5"
expect 0 init
test -d "$T/ws5/.git" || fail "init in ."
cd "$T"

# Workspaces are found from a subfolder, with -C and with CONFORM_DIR.
cd "$T/ws/procedures"
expect 0 doc check
contains "$T/out" "2 documents valid"
cd "$T"
expect 0 -C "$T/ws" doc check
CONFORM_DIR="$T/ws" "$CONFORM" doc check >"$T/out" || fail "CONFORM_DIR"
contains "$T/out" "2 documents valid"
expect 3 -C "$T/plain" doc check
contains "$T/err" "not a conform workspace"
pass
