#!/bin/sh
# SPDX-License-Identifier: MIT
# seeds.sh OUT - writes the seed corpus of every fuzz target to
# OUT/TARGET/: the inputs kept in tests/fuzz/regress/, the test
# fixtures, the example center, the shipped calendars, and small slices
# of the real public logs in ../shared/data/eventlogs/ when they are
# there (never copied into the project: made here, in the build tree).
set -eu
OUT=$1
SRC=${CONFORM_SRCDIR:?}
SHARED=${CONFORM_SHARED:-$SRC/../shared}
LOGS=$SHARED/data/eventlogs
D=$SRC/tests/data

for t in procedure standard calendar checklist profile csv decode xes \
    xes-gz time trailer amount sshsig bundle sql xlsx; do
	rm -rf "$OUT/$t"
	mkdir -p "$OUT/$t"
	if [ -d "$SRC/tests/fuzz/regress/$t" ]; then
		for f in "$SRC/tests/fuzz/regress/$t"/*; do
			[ -f "$f" ] && cp "$f" "$OUT/$t/"
		done
	fi
done

n=0
put() { # put TARGET FILE: copies FILE under a fresh name
	n=$((n + 1))
	cp "$2" "$OUT/$1/seed-$n-$(basename "$2")"
}

# Documents, by their root element.
for f in "$SRC"/examples/center/*/*.xml "$SRC"/procedures/calendars/*.xml \
    "$SRC"/examples/profiles/*.xml "$D"/*/*.xml "$D"/attacks/*; do
	[ -f "$f" ] || continue
	for t in procedure standard calendar checklist profile; do
		if grep -q "<$t[ >]" "$f"; then put $t "$f"; fi
	done
	case $f in */attacks/*)
		for t in procedure standard calendar checklist profile; do
			put $t "$f"
		done
	esac
done

# Case logs; for the decoder, also written in GB18030.
for f in "$D"/*/*.csv; do
	put csv "$f"
	put decode "$f"
	iconv -f UTF-8 -t GB18030 "$f" >"$OUT/decode/gb-$(basename "$f")" 2>/dev/null ||
		rm -f "$OUT/decode/gb-$(basename "$f")"
done
for f in "$D"/cases/*.xes; do put xes "$f"; put xes-gz "$f"; done
for f in "$D"/xlsx/*.xlsx; do put xlsx "$f"; done

# xes_slice N: the head of a log (declarations, extensions, globals and
# classifiers, without log-level metadata) and its first N traces.
xes_slice() {
	awk -v n="$1" '
	/<trace[ >]/ { t = 1 }
	t { print; if ($0 ~ /<\/trace>/ && ++k == n) exit; next }
	/<\?xml|<log[ >]|<extension|<classifier/ { print; next }
	/<global/ { g = 1 }
	g { print }
	/<\/global>/ { g = 0 }
	END { print "</log>" }'
}
if [ -d "$LOGS" ]; then
	put xes "$LOGS/running-example.xes"
	xes_slice 3 <"$LOGS/roadtraffic100traces.xes" >"$OUT/xes/road-3.xes"
	# (BPIC15's traces are large: one is enough)
	for log in Receipt_phase_of_an_environmental_permit_application_process_WABO_CoSeLoG_project:2 \
	    BPIC15_1:1 Road_Traffic_Fine_Management_Process:3; do
		k=${log##*:} log=${log%:*}
		gzip -dc "$LOGS/$log.xes.gz" 2>/dev/null | xes_slice "$k" \
		    >"$OUT/xes/$log-$k.xes" || true
		gzip -c "$OUT/xes/$log-$k.xes" >"$OUT/xes/$log-$k.xes.gz"
		# (xes-gz compresses its input itself; its first byte says
		# where to cut the compressed stream: 0, whole)
		{ printf '\0'; cat "$OUT/xes/$log-$k.xes"; } \
		    >"$OUT/xes-gz/$log-$k.xes"
	done
	head -n 40 "$LOGS/receipt.csv" >"$OUT/csv/receipt-40.csv"
	# Timestamps as the real logs write them.
	{
		gzip -dc "$LOGS/BPIC15_1.xes.gz" | head -c 2000000
		cat "$LOGS/running-example.xes" "$LOGS/receipt.csv"
	} | grep -o '[0-9]\{4\}-[0-9][0-9]-[0-9][0-9][T ][0-9:.]*[-+Z0-9:]*' |
	    sort -u | head -n 60 | while read -r ts; do
		n=$((n + 1))
		printf '%s' "$ts" >"$OUT/time/real-$n"
	done
fi
for f in "$D"/cases/*.xes; do
	{ printf '\0'; cat "$f"; } >"$OUT/xes-gz/plain-$(basename "$f")"
done

# Timestamps and dates of the fixtures.
cat "$D"/*/*.csv "$D"/cases/*.xes | tr -d '\r' |
    grep -o '[0-9]\{4\}-[0-9][0-9]-[0-9][0-9][T ]\{0,1\}[0-9:.]*[-+Z0-9:]*' |
    sort -u | head -n 100 | while read -r ts; do
	n=$((n + 1))
	printf '%s' "$ts" >"$OUT/time/fixture-$n"
done

# Commit messages: this repository's own, when it is one.
if git -C "$SRC" rev-parse --git-dir >/dev/null 2>&1; then
	for c in $(git -C "$SRC" rev-list --max-count=40 HEAD); do
		git -C "$SRC" log -1 --format=%B "$c" >"$OUT/trailer/commit-$c"
	done
fi

# Amounts and ratios from the documents.
grep -ho 'amount="[^"]*"\|min="[^"]*"\|confidence="[^"]*"' \
    "$SRC"/examples/center/*/*.xml "$D"/*/*.xml 2>/dev/null |
    sed 's/.*="\(.*\)"/\1/' | sort -u | while read -r v; do
	n=$((n + 1))
	printf '%s' "$v" >"$OUT/amount/doc-$n"
done
