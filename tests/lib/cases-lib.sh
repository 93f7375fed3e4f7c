# SPDX-License-Identifier: MIT
# cases-lib.sh - sourced (after lib.sh) by the cases-*.sh tests: a
# workspace with the test procedure committed by plain git, and ways to
# look into its record database.
command -v sqlite3 >/dev/null || skip "the sqlite3 program is needed to inspect the store"
CASES="$SRC/tests/data/cases"

# case_ws DIR [ZONE]: a workspace with procedures/P-T-001.xml committed
# (through conform, so trail verify finds the commit recorded).
case_ws() {
	if [ $# -gt 1 ]; then
		"$CONFORM" init --timezone "$2" "$1" >/dev/null || fail "init $1"
	else
		new_ws "$1"
	fi
	cp "$CASES/P-T-001.xml" "$1/procedures/"
	"$CONFORM" -C "$1" doc commit -m "P-T-001" --author "测试 <test@example.cn>" \
	    >/dev/null ||
		fail "commit P-T-001"
}

# q WS SQL: one query on the workspace's store, plain output.
q() { sqlite3 "$1/.conform/conform.db" "$2"; }

# snapshot WS: a digest of everything in the store.
snapshot() { sqlite3 "$1/.conform/conform.db" .dump | sha256sum; }

# eq GOT WANT WHAT
eq() { [ "$1" = "$2" ] || fail "$3: got '$1', expected '$2'"; }
