# SPDX-License-Identifier: MIT
# crash-lib.sh - sourced (after lib.sh and cases-lib.sh) by the
# crash-*.sh tests: run a conform command, SIGKILL it somewhere on its
# way, and look at what it left.
#
# Where to kill is chosen from $CONFORM_CRASH_SEED (default: the clock;
# the test prints it, so a failure can be replayed), $KILLS times
# ($CONFORM_CRASH_KILLS, default 20).
#
# kill_at kills at a POINT the command has reached in its work,
# measured by the kernel for the process itself: with CRASH_BY=cpu (the default) the CPU time it has
# used (utime + stime of /proc/PID/stat, in clock ticks), with
# CRASH_BY=io the bytes it has passed to read() and write() (rchar +
# wchar of /proc/PID/io).  The same command on the same files and store
# does the same work however loaded the machine is, so a point means the
# same place in the work on an idle laptop and under `make -j16 check`.
# Killing at a MOMENT (milliseconds after the start) instead hits a
# different place in the work whenever the load changes between the
# measuring run and the kills (waiting for the disk, above all: fsync
# time swells under load), so a test asserting that enough kills came
# before the commit failed under load; no test does that any more.
# ms_of and moments remain for tests that only stagger two commands
# (concurrency.sh), asserting nothing of where they meet.
#
# Which measure: the CPU time of an import or an audit is nearly all
# before its commit; its I/O is not (the checkpoint after the commit
# copies the whole WAL into the database).  A command of a few
# milliseconds uses a tick or none, so its points are bytes of I/O.
KILLS=${CONFORM_CRASH_KILLS:-20}
SEED=${CONFORM_CRASH_SEED:-$(date +%s)}
echo "crash points from seed $SEED (CONFORM_CRASH_SEED=$SEED replays them)"

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

# work_read PID: sets $work to what process PID has done so far (see
# CRASH_BY above); `work_read self` gives this shell's children that
# have ended and been waited for.  Fails (quietly) once PID is gone.
# Builtins only, no fork: the poll below costs the machine next to
# nothing.
work_read() {
	case ${CRASH_BY:-cpu} in
	cpu)
		# (the 2nd field, the command name, has no blank here)
		read -r _1 _2 _3 _4 _5 _6 _7 _8 _9 _10 _11 _12 _13 _u _s _cu _cs _x \
		    2>/dev/null <"/proc/$1/stat" || return 1
		if [ "$1" = self ]; then work=$((_cu + _cs)); else work=$((_u + _s)); fi
		;;
	io)
		_r=0 _w=0
		{ while read -r _k _v; do
			case $_k in rchar:) _r=$_v ;; wchar:) _w=$_v ;; esac
		done; } 2>/dev/null <"/proc/$1/io" || return 1
		# (self: the shell's own reads of /proc are a few bytes)
		work=$((_r + _w))
		;;
	*) fail "CRASH_BY is cpu or io, not '$CRASH_BY'" ;;
	esac
}

# work_of PROGRAM ARGS...: runs PROGRAM to completion (and fails if it
# failed); sets $total to the work it did.  A shell's counters take in
# those of every child it has waited for, so the difference around the
# run is the child's own total.
work_of() {
	work_read self || fail "cannot read /proc/self"
	_w0=$work
	"$@" >"$T/mout" 2>"$T/merr" || { cat "$T/merr"; fail "$* failed"; }
	work_read self
	total=$((work - _w0))
	[ "$total" -gt 0 ] || fail "no work measured for $* (CRASH_BY=${CRASH_BY:-cpu})"
}

# points MAX: $KILLS points over [0, MAX], one a line: one drawn at
# random in each of $KILLS equal slices (stratified, not merely
# uniform), so how many fall before a given place of the work hardly
# varies from seed to seed: a test asserting that enough kills came
# before the commit fails on a broken command, not on an unlucky draw.
points() {
	awk -v s="$SEED" -v n="$KILLS" -v m="$1" \
	    'BEGIN { srand(s); for (i = 0; i < n; i++) printf "%.0f\n", (i + rand()) * m / n }'
}

# kill_at POINT PROGRAM ARGS...: starts PROGRAM (a program, not a shell
# function: the kill must reach it), SIGKILLs it as soon as its work
# has reached POINT, and sets $st to its exit status: 137 when the kill
# ended it, else the status it finished with first (a point past its
# end is never reached: it finishes, and that is a valid outcome).  No
# deadline: however slow the machine, the kill waits for the point.
# $POLL (default 0.002) is the pause between looks, in seconds; 0 polls
# without pause, for commands of a few milliseconds.  Output goes to
# $T/kout and $T/kerr; $reached says where the kill landed (the work
# seen just before it; empty if it finished first).
kill_at() {
	_point=$1
	shift
	"$@" >"$T/kout" 2>"$T/kerr" &
	_pid=$!
	reached=
	while work_read "$_pid"; do
		if [ "$work" -ge "$_point" ]; then
			reached=$work
			kill -9 "$_pid" 2>/dev/null || true
			break
		fi
		[ "${POLL:-0.002}" = 0 ] || sleep "${POLL:-0.002}"
	done
	set +e
	wait "$_pid"
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
# The checkpoint ref goes with the database: a database restored alone
# is a trail cut that `trail verify` names (doc/integrity.md).
save_db() {
	sqlite3 "$1/.conform/conform.db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
	cp "$1/.conform/conform.db" "$T/$2.db"
	git -C "$1" rev-parse -q --verify refs/conform/checkpoints >"$T/$2.ckpt" || :
}
restore_db() {
	rm -f "$1/.conform/conform.db-wal" "$1/.conform/conform.db-shm"
	cp "$T/$2.db" "$1/.conform/conform.db"
	# (the loose ref file itself: a lock a killed conform left stays
	# for conform to clear)
	if [ -s "$T/$2.ckpt" ]; then
		mkdir -p "$1/.git/refs/conform"
		cp "$T/$2.ckpt" "$1/.git/refs/conform/checkpoints"
	else
		rm -f "$1/.git/refs/conform/checkpoints"
	fi
}
