#!/bin/sh
# SPDX-License-Identifier: MIT
# run.sh DIR TARGET... - `make fuzz`: runs the libFuzzer target
# DIR/fuzz-TARGET for $FUZZ_SECONDS seconds each, $FUZZ_JOBS at a time,
# under ASan and UBSan (the build is configured with --enable-fuzz).
#
# Each target starts from DIR/seeds/TARGET (seeds.sh) and keeps what it
# finds in DIR/corpus/TARGET, so a later run goes on from there.  A
# crash, leak or timeout leaves its input as DIR/out/TARGET-crash-...
# (or -leak-, -timeout-) and fails the run; copy it to
# tests/fuzz/regress/TARGET/ with the fix, and `make check` replays it
# from then on.  The end prints libFuzzer's final numbers per target.
set -eu
DIR=$1
shift
SECONDS_EACH=${FUZZ_SECONDS:-60}
JOBS=${FUZZ_JOBS:-2}
HERE=$(cd "$(dirname "$0")" && pwd)

one() {
	t=$1
	case $t in
	procedure | standard | calendar | checklist | profile) max=16384 ;;
	csv) max=8192 ;;
	xes | xes-gz) max=32768 ;;
	trailer | sshsig) max=4096 ;;
	bundle) max=16384 ;;
	time | amount) max=128 ;;
	*) max=4096 ;;
	esac
	mkdir -p "$DIR/corpus/$t"
	log=$DIR/out/$t.log
	rm -f "$DIR/out/$t"-crash-* "$DIR/out/$t"-leak-* \
	    "$DIR/out/$t"-timeout-* "$DIR/out/$t"-oom-*
	set +e
	ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} \
	UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
	    "$DIR/fuzz-$t" -max_total_time="$SECONDS_EACH" -timeout=10 \
	    -rss_limit_mb=2048 -max_len=$max -print_final_stats=1 \
	    -artifact_prefix="$DIR/out/$t-" \
	    "$DIR/corpus/$t" "$DIR/seeds/$t" >"$log" 2>&1
	st=$?
	set -e
	echo "$st" >"$DIR/out/$t.status"
}

if [ "${1:-}" = --one ]; then
	one "$2"
	exit 0
fi
sh "$HERE/seeds.sh" "$DIR/seeds"
mkdir -p "$DIR/out"

echo "fuzzing $# targets for ${SECONDS_EACH}s each, $JOBS at a time"
printf '%s\n' "$@" | xargs -P "$JOBS" -I{} sh "$0" "$DIR" --one {}

fail=0
printf '%-10s %8s %12s %8s %7s %7s  %s\n' target seconds execs exec/s \
    cov ft result
for t in "$@"; do
	log=$DIR/out/$t.log
	st=$(cat "$DIR/out/$t.status" 2>/dev/null || echo 1)
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
	line=$(grep -E '^#[0-9]+.*(DONE|pulse|NEW|REDUCE|INITED).*cov: ' "$log" | tail -1)
	cov=$(echo "$line" | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
	ft=$(echo "$line" | sed -n 's/.*ft: \([0-9]*\).*/\1/p')
	res=ok
	if [ "$st" != 0 ]; then
		res="FAILED (exit $st): see $log"
		fail=1
	fi
	printf '%-10s %8s %12s %8s %7s %7s  %s\n' "$t" "$SECONDS_EACH" \
	    "${execs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" "$res"
done
for f in "$DIR"/out/*-crash-* "$DIR"/out/*-leak-* "$DIR"/out/*-timeout-* \
    "$DIR"/out/*-oom-*; do
	[ -f "$f" ] && { echo "artifact: $f"; fail=1; }
done
exit $fail
