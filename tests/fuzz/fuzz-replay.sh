#!/bin/sh
# fuzz-replay.sh - every input the fuzz targets keep (tests/fuzz/regress/:
# the inputs that once crashed or broke a promise, and a few examples),
# replayed through the targets built for `make check` (tests/fuzz/*.c
# linked with replay.c, or libFuzzer binaries in a --enable-fuzz build,
# which run the files they are given once).  Each target also gets the
# test fixtures of its kind.  A target aborts on a broken promise, so
# exit 0 from each is the test.
. "$(dirname "$0")/../lib/lib.sh"
FUZZ=${CONFORM_FUZZDIR:?run through make check}
R=$SRC/tests/fuzz/regress
D=$SRC/tests/data
total=0
run() { # run TARGET FILE...
	t=$1
	shift
	[ $# -gt 0 ] || return 0
	"$FUZZ/fuzz-$t" "$@" >"$T/out" 2>&1 || {
		cat "$T/out"
		fail "fuzz-$t failed on one of: $*"
	}
	total=$((total + $#))
}
for t in procedure standard calendar checklist profile csv decode xes \
    xes-gz time trailer amount sshsig bundle sql xlsx; do
	set --
	for f in "$R/$t"/*; do
		[ -f "$f" ] && set -- "$@" "$f"
	done
	run "$t" "$@"
done
run procedure "$SRC"/examples/center/procedures/*.xml "$D"/attacks/*.xml
run standard "$SRC"/examples/center/standards/*.xml
run calendar "$SRC"/procedures/calendars/*.xml
run checklist "$SRC"/examples/center/checklists/*.xml "$D"/audit/CL-T.xml
run profile "$SRC"/examples/profiles/*.xml "$D"/profiles/*.xml "$D"/attacks/*.xml
run csv "$D"/cases/*.csv "$D"/audit/*.csv
run decode "$D"/cases/*.csv
run xes "$D"/cases/*.xes
run xlsx "$D"/xlsx/*.xlsx
echo "replayed $total inputs"
pass
