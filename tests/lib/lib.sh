# SPDX-License-Identifier: MIT
# lib.sh - sourced by every CLI test.  Each test runs the installed
# layout of conform ($CONFORM, staged by `make check`) in its own
# temporary directory, which is removed at exit.  Exit 77 = skipped.
set -eu
: "${CONFORM:?CONFORM must point at the conform program (run through make check)}"
export LC_ALL=C.UTF-8
unset CONFORM_DIR CONFORM_DATADIR CONFORM_NOW
T=$(mktemp -d "${TMPDIR:-/tmp}/conform-cli-XXXXXX")
trap 'chmod -R u+w "$T" 2>/dev/null; rm -rf "$T"' EXIT
# Plain git, for the tests that act as a user outside conform.
export HOME="$T/home" GIT_CONFIG_NOSYSTEM=1
mkdir -p "$HOME"
export GIT_AUTHOR_NAME="Plain Git" GIT_AUTHOR_EMAIL="plain@example.cn"
export GIT_COMMITTER_NAME="Plain Git" GIT_COMMITTER_EMAIL="plain@example.cn"
PREFIX=$(dirname "$(dirname "$CONFORM")")
SRC=${CONFORM_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
SHARED=${CONFORM_SHARED:-$SRC/../shared}

fail() { echo "FAIL: $*" >&2; exit 1; }
skip() { echo "SKIP: $*"; exit 77; }

# expect STATUS ARGS...: runs conform, keeps stdout in $T/out and
# stderr in $T/err, and fails unless it exits with STATUS.
expect() {
	want=$1; shift
	set +e
	"$CONFORM" "$@" >"$T/out" 2>"$T/err"
	got=$?
	set -e
	if [ "$got" != "$want" ]; then
		echo "--- stdout"; cat "$T/out"; echo "--- stderr"; cat "$T/err"
		fail "conform $*: exit $got, expected $want"
	fi
}

# contains FILE TEXT / lacks FILE TEXT
contains() { grep -qF -- "$2" "$1" || { cat "$1"; fail "$1 lacks '$2'"; }; }
lacks() { if grep -qF -- "$2" "$1"; then cat "$1"; fail "$1 has '$2'"; fi; }
# same A B: the files are equal
same() { cmp -s "$1" "$2" || { diff "$1" "$2" || true; fail "$1 != $2"; }; }
# one_line FILE: exactly one line (errors are one line)
one_line() { [ "$(wc -l <"$1")" = 1 ] || { cat "$1"; fail "$1 is not one line"; }; }

# new_ws DIR: a fresh workspace
new_ws() { "$CONFORM" init "$1" >/dev/null || fail "init $1"; }

pass() { echo "PASS: $(basename "$0")"; exit 0; }
