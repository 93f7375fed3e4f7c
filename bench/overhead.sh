#!/bin/sh
# overhead.sh - what a change costs the import and the audit: two builds
# of conform (BEFORE, AFTER: the conform programs) run the same work in
# turn, RUNS times each, interleaved so that a busy moment of the
# machine hits both: `cases import` of N generated cases and their
# events into a fresh workspace, then `audit run IA-2026-Q1` of the
# quarter on it.  Wall and CPU (user + system) seconds of every run and
# the minimum of each; the CPU time is the steadier measure on a shared
# machine.  Not a test: nothing fails on a slow machine.
#
# Usage: bench/overhead.sh BEFORE AFTER [N] [RUNS]
set -eu
BEFORE=$1
AFTER=$2
N=${3:-1000000}
RUNS=${4:-3}
SRC=$(cd "$(dirname "$0")/.." && pwd)
W=$(mktemp -d "${TMPDIR:-/tmp}/conform-bench-overhead-XXXXXX")
trap 'rm -rf "$W"' EXIT
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)"; exit 1; }

"$BEFORE" init "$W/gen" >/dev/null
cp -R "$SRC/examples/center/procedures" "$SRC/examples/center/standards" \
	"$SRC/examples/center/checklists" "$W/gen/"
"$BEFORE" -C "$W/gen" doc commit -m "the example center" --author "Bench <b@x>" \
	--approved-by "QA <qa@x>" >/dev/null
"$BEFORE" -C "$W/gen" cases generate --cases "$N" --seed bench --from 2026-01-01 \
	--to 2026-03-31 --out "$W/data" >/dev/null

# run NAME CONFORM WS: import into a fresh WS, then audit it
run() {
	name=$1 c=$2 ws=$3
	rm -rf "$ws"
	"$c" init "$ws" >/dev/null
	cp -R "$SRC/examples/center/procedures" "$SRC/examples/center/standards" \
		"$SRC/examples/center/checklists" "$ws/"
	"$c" -C "$ws" doc commit -m "the example center" --author "Bench <b@x>" \
		--approved-by "QA <qa@x>" >/dev/null
	sync
	/usr/bin/time -f "%e %U %S" -o "$W/t" "$c" -C "$ws" cases import \
		"$W/data/cases.csv" "$W/data/events.csv" >/dev/null
	read -r e u s <"$W/t"
	imp="$e $(echo "$u + $s" | bc)"
	sync
	/usr/bin/time -f "%e %U %S" -o "$W/t" "$c" -C "$ws" audit run IA-2026-Q1 \
		--from 2026-01-01 --to 2026-03-31 >/dev/null 2>&1 || [ $? = 1 ]
	read -r e u s <"$W/t"
	aud="$e $(echo "$u + $s" | bc)"
	echo "$name $imp $aud" >>"$W/runs"
	echo "$name: import ${imp% *} s wall, ${imp#* } s cpu; audit ${aud% *} s wall, ${aud#* } s cpu"
}
echo "== $N cases, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
i=1
while [ "$i" -le "$RUNS" ]; do
	run before "$BEFORE" "$W/ws"
	run after "$AFTER" "$W/ws"
	i=$((i + 1))
done
for w in before after; do
	awk -v w="$w" '$1 == w {
		if (n++ == 0 || $2 < iw) iw = $2; if (n == 1 || $3 < ic) ic = $3
		if (n == 1 || $4 < aw) aw = $4; if (n == 1 || $5 < ac) ac = $5 }
		END { printf "%s (min of %d): import %.2f s wall, %.2f s cpu; audit %.2f s wall, %.2f s cpu\n", w, n, iw, ic, aw, ac }' "$W/runs"
done | tee "$W/mins"
awk 'NR == 1 { iw = $6; ic = $9; aw = $13; ac = $16 }
	NR == 2 { printf "after / before: import %.3f wall, %.3f cpu; audit %.3f wall, %.3f cpu\n", $6 / iw, $9 / ic, $13 / aw, $16 / ac }' "$W/mins"
echo "== load at the end $(cut -d' ' -f1-3 /proc/loadavg)"
