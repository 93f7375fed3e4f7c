#!/bin/sh
# SPDX-License-Identifier: MIT
# bench/import.sh - how fast `conform cases import` is, against tools that
# do less, measured in the same run on the same machine (issue 4):
#
#   CSV  1,000,000 generated cases and their ~3.7 million events, imported
#        by conform into a fresh workspace, against the sqlite3 program's
#        `.import` of the same two files into plain tables (goal: at most
#        1.5 times as long); conform's peak RSS (goal: under 100 MB).
#   XES  the road-traffic log (185 MB unpacked), imported by conform,
#        against `xmllint --stream --noout` on the same file (goal: at
#        most 2 times as long), for the .xes.gz as published and for the
#        unpacked .xes.
#
# Each pair runs RUNS times, interleaved, so that a busy moment of the
# machine hits both sides; the report gives every run, the minimum and
# the median of the ratios.  Not a test: nothing fails on a slow machine.
#
# usage: CONFORM=build/conform bench/import.sh
# environment: CONFORM (default: conform in PATH), CASES (1000000), RUNS
# (3), WORK (a scratch folder, default $TMPDIR/conform-bench: it needs
# about 2.5 GB), SHARED (../shared next to the source tree).
set -eu
LC_ALL=C
export LC_ALL
HERE=$(cd "$(dirname "$0")" && pwd)
SRC=$(dirname "$HERE")
CONFORM=${CONFORM:-conform}
case $CONFORM in /*) ;; */*) CONFORM=$PWD/$CONFORM ;; esac
CASES=${CASES:-1000000}
RUNS=${RUNS:-3}
WORK=${WORK:-${TMPDIR:-/tmp}/conform-bench}
SHARED=${SHARED:-$SRC/../shared}
ROAD="$SHARED/data/eventlogs/Road_Traffic_Fine_Management_Process.xes.gz"
TIME=/usr/bin/time

for tool in "$CONFORM" sqlite3 xmllint git; do
	command -v "$tool" >/dev/null || { echo "bench: '$tool' not found" >&2; exit 2; }
done
[ -x "$TIME" ] || { echo "bench: $TIME not found (Debian package 'time')" >&2; exit 2; }

rm -rf "$WORK"
mkdir -p "$WORK"
REPORT="$WORK/report.txt"
: >"$REPORT"
say() { echo "$*" | tee -a "$REPORT"; }

# The machine, as it is now.
say "== conform import benchmark, $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
say "conform   $("$CONFORM" --version) ($CONFORM)"
say "sqlite3   $(sqlite3 --version | cut -d' ' -f1)"
say "xmllint   $(xmllint --version 2>&1 | head -n 1)"
say "cpu       $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores"
say "memory    $(awk '/MemTotal/ {printf "%d MB", $2 / 1024}' /proc/meminfo)"
say "disk      $(df -hT "$WORK" | awk 'NR == 2 {print $2 " on " $1 ", " $5 " used"}')"
say "load      $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min)"
# Anything else busy on the machine makes the two-thread import lose its
# second core (the tools it is compared with use one): say so.
busy() {
	ps -eo pcpu=,comm= --sort=-pcpu | awk -v me="$$" '$1 >= 10 { printf "%s%s %s%%", n++ ? ", " : "", $2, $1 }'
}
say "busy      $(busy | grep . || echo "nothing else above 10 % CPU")"
say ""

# A workspace with the example center's procedures committed.
WS="$WORK/ws"
"$CONFORM" init "$WS" >/dev/null
cp "$SRC"/examples/center/procedures/*.xml "$WS/procedures/"
(cd "$WS" && git add procedures &&
	git -c user.name=bench -c user.email=bench@localhost \
	    commit -q -m "procedures for the benchmark")
cp "$WS/.conform/conform.db" "$WORK/empty.db"
fresh() { rm -f "$WS/.conform/conform.db"*; cp "$WORK/empty.db" "$WS/.conform/conform.db"; }

# run NAME COMMAND...: wall seconds and peak RSS (kB) into $WORK/NAME.t
run() {
	name=$1
	shift
	"$TIME" -v -o "$WORK/$name.time" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" ||
		{ cat "$WORK/$name.err" >&2; echo "bench: $name failed" >&2; exit 1; }
	awk -F': ' '/Elapsed \(wall clock\)/ {
		n = split($2, p, ":"); s = 0
		for (i = 1; i <= n; i++) s = s * 60 + p[i]
		printf "%.2f ", s }
	    /Maximum resident set size/ { printf "%d\n", $2 }' \
	    "$WORK/$name.time" >"$WORK/$name.t"
}
secs() { cut -d' ' -f1 "$WORK/$1.t"; }
rss() { cut -d' ' -f2 "$WORK/$1.t"; }

# summary NAME RATIOS...: minimum and median of the ratios
summary() {
	name=$1
	shift
	printf '%s\n' "$@" | sort -n | awk -v name="$name" '
	    { r[NR] = $1 }
	    END { m = (NR % 2) ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2
		  printf "%s: ratio min %.2f, median %.2f over %d runs\n", name, r[1], m, NR }'
}

# ---- CSV ----
say "== CSV: $CASES generated cases"
"$CONFORM" -C "$WS" cases generate --out "$WORK/data" --cases "$CASES" \
    --seed bench >"$WORK/generate.out"
say "$(head -n 1 "$WORK/generate.out")"
say "files     $(du -m "$WORK/data/cases.csv" | cut -f1) MB + $(du -m "$WORK/data/events.csv" | cut -f1) MB"
ratios=
maxrss=0
i=1
while [ $i -le "$RUNS" ]; do
	rm -f "$WORK/plain.db"*
	run sqlite sqlite3 "$WORK/plain.db" -cmd ".mode csv" \
	    ".import '$WORK/data/cases.csv' cases" \
	    ".import '$WORK/data/events.csv' events"
	fresh
	run conform "$CONFORM" -C "$WS" cases import \
	    "$WORK/data/cases.csv" "$WORK/data/events.csv"
	r=$(awk -v a="$(secs conform)" -v b="$(secs sqlite)" 'BEGIN { printf "%.2f", a / b }')
	say "run $i    sqlite3 .import $(secs sqlite) s    conform $(secs conform) s ($(($(rss conform) / 1024)) MB peak RSS)    ratio $r"
	ratios="$ratios $r"
	[ "$(rss conform)" -gt "$maxrss" ] && maxrss=$(rss conform)
	i=$((i + 1))
done
say "$(tail -n 1 "$WORK/conform.out")"
# shellcheck disable=SC2086
say "$(summary "CSV import vs sqlite3 .import (goal <= 1.5)" $ratios)"
say "CSV import peak RSS: $((maxrss / 1024)) MB (goal < 100 MB)"
say "stored: $(sqlite3 "$WS/.conform/conform.db" 'SELECT count(*) FROM case_rec') cases, $(sqlite3 "$WS/.conform/conform.db" 'SELECT count(*) FROM event_rec') events, database $(du -m "$WS/.conform/conform.db" | cut -f1) MB (sqlite3 .import: $(du -m "$WORK/plain.db" | cut -f1) MB)"
say ""

# ---- XES ----
if [ ! -f "$ROAD" ]; then
	say "== XES: skipped, no $ROAD"
	exit 0
fi
gzip -dc "$ROAD" >"$WORK/road.xes"
for form in gz xes; do
	if [ $form = gz ]; then file=$ROAD; else file=$WORK/road.xes; fi
	say "== XES: the road-traffic log, $(du -m "$file" | cut -f1) MB ($form)"
	ratios=
	i=1
	while [ $i -le "$RUNS" ]; do
		run xmllint xmllint --stream --noout "$file"
		fresh
		run conform "$CONFORM" -C "$WS" cases import \
		    --procedure P-BIZ-001 "$file"
		r=$(awk -v a="$(secs conform)" -v b="$(secs xmllint)" 'BEGIN { printf "%.2f", a / b }')
		say "run $i    xmllint --stream $(secs xmllint) s    conform $(secs conform) s ($(($(rss conform) / 1024)) MB peak RSS)    ratio $r"
		ratios="$ratios $r"
		i=$((i + 1))
	done
	say "$(tail -n 1 "$WORK/conform.out")"
	# shellcheck disable=SC2086
	say "$(summary "XES import ($form) vs xmllint --stream (goal <= 2)" $ratios)"
	say ""
done
say "load      $(cut -d' ' -f1-3 /proc/loadavg) at the end"
say "busy      $(busy | grep . || echo "nothing else above 10 % CPU")"
echo "report: $REPORT"
