# SPDX-License-Identifier: MIT
# bench/lib.sh - what the interleaved benchmarks (import.sh,
# evaluations.sh) share, sourced after WORK and TIME are set: the
# report, the machine's busy processes, one timed run and the ratios'
# summary.  Not a script of its own.

REPORT="$WORK/report.txt"
: >"$REPORT"
say() { echo "$*" | tee -a "$REPORT"; }

# Anything else busy on the machine makes a two-thread import lose its
# second core (the tools it is compared with use one): say so.
busy() {
	ps -eo pcpu=,comm= --sort=-pcpu | awk '$1 >= 10 { printf "%s%s %s%%", n++ ? ", " : "", $2, $1 }'
}

# run NAME COMMAND...: wall seconds, peak RSS (kB), CPU into $WORK/NAME.t
run() {
	name=$1
	shift
	"$TIME" -v -o "$WORK/$name.time" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" ||
		{ cat "$WORK/$name.err" >&2; echo "bench: $name failed" >&2; exit 1; }
	awk -F': ' '/Elapsed \(wall clock\)/ {
		n = split($2, p, ":"); s = 0
		for (i = 1; i <= n; i++) s = s * 60 + p[i]
		printf "%.2f ", s }
	    /User time/ { u = $2 } /System time/ { y = $2 }
	    /Maximum resident set size/ { r = $2 }
	    END { printf "%d %.2f\n", r, u + y }' \
	    "$WORK/$name.time" >"$WORK/$name.t"
}
secs() { cut -d' ' -f1 "$WORK/$1.t"; }
rss() { cut -d' ' -f2 "$WORK/$1.t"; }
cpu() { cut -d' ' -f3 "$WORK/$1.t"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }

# summary NAME RATIOS...: minimum and median of the ratios
summary() {
	name=$1
	shift
	printf '%s\n' "$@" | sort -n | awk -v name="$name" '
	    { r[NR] = $1 }
	    END { m = (NR % 2) ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2
		  printf "%s: ratio min %.2f, median %.2f over %d runs\n", name, r[1], m, NR }'
}
