#!/bin/sh
# SPDX-License-Identifier: MIT
# bench/evaluations.sh - how fast `conform cases import` reads an
# evaluations file (好差评, issue 17), against the sqlite3 program's
# `.import` of the same file into a plain table, in the same run on the
# same machine:
#
#   CASES generated cases (default 1,000,000) are imported once (cases.csv
#   only: an evaluation needs its case, not its events) and the database
#   kept; each run copies it back (not timed) and times
#   `conform cases import evaluations.csv` (every case stored: the one
#   pass at the end that names the cases not stored finds none), against
#   `sqlite3 plain.db .import evaluations.csv evaluations`.  --rated
#   RATED (default 0.575) gives some 600,000 evaluations for 1,000,000
#   cases.  Goal: at most 1.5 times as long.  Also conform's peak RSS.
#
# Each pair runs RUNS times, interleaved, so that a busy moment of the
# machine hits both sides; the report gives every run (wall time, and
# user + system CPU), the minimum and the median of the ratios.  Not a
# test: nothing fails on a slow machine.
#
# usage: CONFORM=./conform bench/evaluations.sh
# environment: CONFORM (default: conform in PATH), CASES (1000000),
# RATED (0.575), RUNS (3), WORK (a scratch folder, default
# $TMPDIR/conform-bench-eval: it needs about 1 GB).
set -eu
LC_ALL=C
export LC_ALL
HERE=$(cd "$(dirname "$0")" && pwd)
SRC=$(dirname "$HERE")
CONFORM=${CONFORM:-conform}
case $CONFORM in /*) ;; */*) CONFORM=$PWD/$CONFORM ;; esac
CASES=${CASES:-1000000}
RATED=${RATED:-0.575}
RUNS=${RUNS:-3}
WORK=${WORK:-${TMPDIR:-/tmp}/conform-bench-eval}
TIME=/usr/bin/time

for tool in "$CONFORM" sqlite3 git; do
	command -v "$tool" >/dev/null || { echo "bench: '$tool' not found" >&2; exit 2; }
done
[ -x "$TIME" ] || { echo "bench: $TIME not found (Debian package 'time')" >&2; exit 2; }

rm -rf "$WORK"
mkdir -p "$WORK"
REPORT="$WORK/report.txt"
: >"$REPORT"
say() { echo "$*" | tee -a "$REPORT"; }

say "== conform evaluations import benchmark, $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
say "conform   $("$CONFORM" --version) ($CONFORM)"
say "sqlite3   $(sqlite3 --version | cut -d' ' -f1)"
say "cpu       $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores"
say "load      $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min)"
busy() {
	ps -eo pcpu=,comm= --sort=-pcpu | awk '$1 >= 10 { printf "%s%s %s%%", n++ ? ", " : "", $2, $1 }'
}
say "busy      $(busy | grep . || echo "nothing else above 10 % CPU")"
say ""

WS="$WORK/ws"
"$CONFORM" init "$WS" >/dev/null
cp "$SRC"/examples/center/procedures/*.xml "$WS/procedures/"
(cd "$WS" && git add procedures &&
	git -c user.name=bench -c user.email=bench@localhost \
	    commit -q -m "procedures for the benchmark")

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
summary() {
	name=$1
	shift
	printf '%s\n' "$@" | sort -n | awk -v name="$name" '
	    { r[NR] = $1 }
	    END { m = (NR % 2) ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2
		  printf "%s: ratio min %.2f, median %.2f over %d runs\n", name, r[1], m, NR }'
}

data=$WORK/data
"$CONFORM" -C "$WS" cases generate --out "$data" --cases "$CASES" \
    --rated "$RATED" --seed bench >"$WORK/generate.out"
"$CONFORM" -C "$WS" cases import "$data/cases.csv" >/dev/null 2>&1
cp "$WS/.conform/conform.db" "$WORK/cases.db"
fresh() { rm -f "$WS/.conform/conform.db"*; cp "$WORK/cases.db" "$WS/.conform/conform.db"; }

say "== evaluations.csv of $CASES generated cases (--rated $RATED), the cases stored"
say "$(sed -n 2p "$WORK/generate.out")"
say "file      $(du -m "$data/evaluations.csv" | cut -f1) MB, $(($(wc -l <"$data/evaluations.csv") - 1)) rows"
ratios=
maxrss=0
i=1
while [ $i -le "$RUNS" ]; do
	rm -f "$WORK/plain.db"*
	run sqlite sqlite3 "$WORK/plain.db" -cmd ".mode csv" \
	    ".import '$data/evaluations.csv' evaluations"
	fresh
	sync
	run conform "$CONFORM" -C "$WS" cases import "$data/evaluations.csv"
	r=$(ratio "$(secs conform)" "$(secs sqlite)")
	say "run $i    sqlite3 .import $(secs sqlite) s (CPU $(cpu sqlite) s)    conform $(secs conform) s (CPU $(cpu conform) s, $(($(rss conform) / 1024)) MB peak RSS)    ratio $r"
	ratios="$ratios $r"
	[ "$(rss conform)" -gt "$maxrss" ] && maxrss=$(rss conform)
	i=$((i + 1))
done
say "$(tail -n 1 "$WORK/conform.out")"
say "$(summary "evaluations import vs sqlite3 .import (goal <= 1.5)" $ratios)"
say "evaluations import peak RSS: $((maxrss / 1024)) MB"
say "stored: $(sqlite3 "$WS/.conform/conform.db" 'SELECT count(*) FROM eval_rec') evaluations"
say ""
say "report in $REPORT"
