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
. "$HERE/lib.sh"

say "== conform evaluations import benchmark, $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
say "conform   $("$CONFORM" --version) ($CONFORM)"
say "sqlite3   $(sqlite3 --version | cut -d' ' -f1)"
say "cpu       $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores"
say "load      $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min)"
say "busy      $(busy | grep . || echo "nothing else above 10 % CPU")"
say ""

WS="$WORK/ws"
"$CONFORM" init "$WS" >/dev/null
cp "$SRC"/examples/center/procedures/*.xml "$WS/procedures/"
(cd "$WS" && git add procedures &&
	git -c user.name=bench -c user.email=bench@localhost \
	    commit -q -m "procedures for the benchmark")

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
