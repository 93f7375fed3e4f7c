# SPDX-License-Identifier: MIT
# crash-lib.sh - sourced (after lib.sh and cases-lib.sh) by the
# crash-*.sh tests: run a conform command, SIGKILL it at a random moment,
# and look at what it left.
#
# The moments come from $CONFORM_CRASH_SEED (default: the clock; the
# test prints it, so a failure can be replayed exactly), $KILLS of them
# ($CONFORM_CRASH_KILLS, default 20), spread over the command's own
# duration, measured first.
KILLS=${CONFORM_CRASH_KILLS:-20}
SEED=${CONFORM_CRASH_SEED:-$(date +%s)}
echo "crash moments from seed $SEED (CONFORM_CRASH_SEED=$SEED replays them)"

# ms_of CMD...: runs CMD to completion; prints how long it took in ms
# (and fails if it failed).
ms_of() {
	t0=$(date +%s%N)
	"$@" >"$T/mout" 2>"$T/merr" || { cat "$T/merr"; fail "$* failed"; }
	echo $((($(date +%s%N) - t0) / 1000000))
}

# moments MAX: $KILLS delays in ms, uniform over [0, MAX], one a line.
moments() {
	awk -v s="$SEED" -v n="$KILLS" -v m="$1" \
	    'BEGIN { srand(s); for (i = 0; i < n; i++) printf "%d\n", rand() * m }'
}

# kill_after MS PROGRAM ARGS...: starts PROGRAM (a program, not a shell
# function: the kill must reach it), sends SIGKILL after MS milliseconds,
# and sets $st to its exit status (137 when the kill ended it, else the
# status it finished with first).  Output goes to $T/kout and $T/kerr.
kill_after() {
	ms=$1
	shift
	"$@" >"$T/kout" 2>"$T/kerr" &
	pid=$!
	sleep "$(awk -v m="$ms" 'BEGIN { printf "%.3f", m / 1000 }')"
	kill -9 "$pid" 2>/dev/null || true
	set +e
	wait "$pid"
	st=$?
	set -e
}

# db_sound WS: the store passes PRAGMA integrity_check and
# foreign_key_check, and the trail verifies.
db_sound() {
	ic=$(sqlite3 "$1/.conform/conform.db" "PRAGMA integrity_check")
	[ "$ic" = ok ] || fail "integrity_check: $ic"
	fk=$(sqlite3 "$1/.conform/conform.db" "PRAGMA foreign_key_check")
	[ -z "$fk" ] || fail "foreign_key_check: $fk"
	"$CONFORM" -C "$1" trail verify >"$T/tv" 2>&1 || {
		cat "$T/tv"
		fail "trail verify"
	}
}

# save_db WS NAME / restore_db WS NAME: the store as one file (after a
# checkpoint), copied aside and back.
save_db() {
	sqlite3 "$1/.conform/conform.db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
	cp "$1/.conform/conform.db" "$T/$2.db"
}
restore_db() {
	rm -f "$1/.conform/conform.db-wal" "$1/.conform/conform.db-shm"
	cp "$T/$2.db" "$1/.conform/conform.db"
}
