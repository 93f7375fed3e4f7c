#!/bin/sh
# SPDX-License-Identifier: MIT
# bench/import.sh - how fast `conform cases import` is, against tools that
# do less, measured in the same run on the same machine (issues 4, 15):
#
#   CSV  generated cases and their events (200,000 and 1,000,000 cases,
#        about 3.7 events each), in two orders: as generated (events by
#        case) and in time order (the events file sorted by timestamp,
#        stable, so case ids interleave, as real exports list them);
#        each imported by conform into a fresh workspace, against the
#        sqlite3 program's `.import` of the same two files into plain
#        tables (goal: at most 1.5 times as long, either order); conform's
#        peak RSS (goal: under 150 MB).
#   READ the reading cost of the other inputs (issue 15), 200,000 cases
#        (a cases file only): the generated cases.csv (UTF-8) against
#        the same cases as a platform export read through the
#        ZWFW-EXPORT profile (Chinese headers, Excel dates, value maps),
#        the same export in GB18030 (through a copy of the profile with
#        encoding="GB18030"), and the same cases.csv as an .xlsx
#        (written by python3's zipfile, inline-string cells).
#   XES  the road-traffic log (185 MB unpacked), imported by conform,
#        against `xmllint --stream --noout` on the same file (goal: at
#        most 2 times as long), for the .xes.gz as published and for the
#        unpacked .xes.
#
# Each pair runs RUNS times, interleaved, so that a busy moment of the
# machine hits both sides; the report gives every run (wall time, and
# user + system CPU), the minimum and the median of the ratios.  Not a
# test: nothing fails on a slow machine.
#
# usage: CONFORM=build/conform bench/import.sh
# environment: CONFORM (default: conform in PATH), SIZES ("200000
# 1000000": the CSV runs), READ_CASES (200000; 0 skips READ), XES (1; 0
# skips it), RUNS (2), WORK (a scratch folder, default
# $TMPDIR/conform-bench: it needs about 4 GB), SHARED (../shared next to
# the source tree).
set -eu
LC_ALL=C
export LC_ALL
HERE=$(cd "$(dirname "$0")" && pwd)
SRC=$(dirname "$HERE")
CONFORM=${CONFORM:-conform}
case $CONFORM in /*) ;; */*) CONFORM=$PWD/$CONFORM ;; esac
SIZES=${SIZES:-${CASES:-200000 1000000}}
READ_CASES=${READ_CASES:-200000}
XES=${XES:-1}
RUNS=${RUNS:-2}
WORK=${WORK:-${TMPDIR:-/tmp}/conform-bench}
SHARED=${SHARED:-$SRC/../shared}
ROAD="$SHARED/data/eventlogs/Road_Traffic_Fine_Management_Process.xes.gz"
TIME=/usr/bin/time

for tool in "$CONFORM" sqlite3 xmllint git iconv python3; do
	command -v "$tool" >/dev/null || { echo "bench: '$tool' not found" >&2; exit 2; }
done
[ -x "$TIME" ] || { echo "bench: $TIME not found (Debian package 'time')" >&2; exit 2; }

rm -rf "$WORK"
mkdir -p "$WORK"
. "$HERE/lib.sh"

# The machine, as it is now.
say "== conform import benchmark, $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
say "conform   $("$CONFORM" --version) ($CONFORM)"
say "sqlite3   $(sqlite3 --version | cut -d' ' -f1)"
say "xmllint   $(xmllint --version 2>&1 | head -n 1)"
say "cpu       $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores"
say "memory    $(awk '/MemTotal/ {printf "%d MB", $2 / 1024}' /proc/meminfo)"
say "disk      $(df -hT "$WORK" | awk 'NR == 2 {print $2 " on " $1 ", " $5 " used"}')"
say "load      $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min)"
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

# ---- CSV ----
for cases in $SIZES; do
	data=$WORK/data-$cases
	"$CONFORM" -C "$WS" cases generate --out "$data" --cases "$cases" \
	    --seed bench >"$WORK/generate.out"
	# The same events in time order (stable: a case's events at one
	# instant keep their order), the header first.
	{ head -n 1 "$data/events.csv"
	  tail -n +2 "$data/events.csv" | sort -t, -k3,3 -s -S 256M
	} >"$data/events-by-time.csv"
	for order in case time; do
		if [ $order = case ]; then ev=$data/events.csv; else ev=$data/events-by-time.csv; fi
		say "== CSV: $cases generated cases, events in $order order"
		say "$(head -n 1 "$WORK/generate.out")"
		say "files     $(du -m "$data/cases.csv" | cut -f1) MB + $(du -m "$ev" | cut -f1) MB"
		ratios=
		maxrss=0
		i=1
		while [ $i -le "$RUNS" ]; do
			rm -f "$WORK/plain.db"*
			run sqlite sqlite3 "$WORK/plain.db" -cmd ".mode csv" \
			    ".import '$data/cases.csv' cases" \
			    ".import '$ev' events"
			fresh
			run conform "$CONFORM" -C "$WS" cases import \
			    "$data/cases.csv" "$ev"
			r=$(ratio "$(secs conform)" "$(secs sqlite)")
			say "run $i    sqlite3 .import $(secs sqlite) s (CPU $(cpu sqlite) s)    conform $(secs conform) s (CPU $(cpu conform) s, $(($(rss conform) / 1024)) MB peak RSS)    ratio $r"
			ratios="$ratios $r"
			[ "$(rss conform)" -gt "$maxrss" ] && maxrss=$(rss conform)
			i=$((i + 1))
		done
		say "$(tail -n 1 "$WORK/conform.out")"
		# shellcheck disable=SC2086
		say "$(summary "CSV import ($cases cases, $order order) vs sqlite3 .import (goal <= 1.5)" $ratios)"
		say "CSV import peak RSS: $((maxrss / 1024)) MB (goal < 150 MB)"
		say "stored: $(sqlite3 "$WS/.conform/conform.db" 'SELECT count(*) FROM case_rec') cases, $(sqlite3 "$WS/.conform/conform.db" 'SELECT count(*) FROM event_rec') events, database $(du -m "$WS/.conform/conform.db" | cut -f1) MB (sqlite3 .import: $(du -m "$WORK/plain.db" | cut -f1) MB)"
		say ""
	done
	rm -rf "$data"
done

# ---- READ: a profile, GB18030, .xlsx against the same CSV ----
if [ "$READ_CASES" -gt 0 ]; then
	data=$WORK/read
	"$CONFORM" -C "$WS" cases generate --out "$data" --cases "$READ_CASES" \
	    --seed bench >/dev/null
	# The platform export: Chinese headers, Excel's dates to the
	# minute, the platform's words for the channel (ZWFW-EXPORT).
	awk -F, 'BEGIN { OFS = "," }
	    NR == 1 { print "办件编号,事项编码,受理时间,办结时间,收费金额,收取材料,受理窗口,申请方式"; next }
	    { a = $3; gsub("-", "/", a); c = $4; gsub("-", "/", c)
	      ch = $8 == "window" ? "窗口受理" : $8 == "online" ? "网上申报" : $8
	      print $1, $2, substr(a, 1, 16), substr(c, 1, 16), $5, $6, $7, ch }' \
	    "$data/cases.csv" >"$data/export.csv"
	iconv -f UTF-8 -t GB18030 "$data/export.csv" >"$data/export-gb18030.csv"
	python3 - "$data/cases.csv" "$data/cases.xlsx" <<'PY'
# An .xlsx of a CSV: one sheet, every cell an inline string.
import csv, sys, zipfile
from xml.sax.saxutils import escape
def col(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s
NS = "http://schemas.openxmlformats.org"
REL = NS + "/officeDocument/2006/relationships"
with zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="%s/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>' % NS)
    z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="%s/package/2006/relationships"><Relationship Id="rId1" Type="%s/officeDocument" Target="xl/workbook.xml"/></Relationships>' % (NS, REL))
    z.writestr("xl/workbook.xml", '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="%s/spreadsheetml/2006/main" xmlns:r="%s"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>' % (NS, REL))
    z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="%s/package/2006/relationships"><Relationship Id="rId1" Type="%s/worksheet" Target="worksheets/sheet1.xml"/></Relationships>' % (NS, REL))
    with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as w:
        w.write(('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="%s/spreadsheetml/2006/main"><sheetData>' % NS).encode())
        with open(sys.argv[1], newline="", encoding="utf-8-sig") as f:
            for n, row in enumerate(csv.reader(f), 1):
                cells = "".join('<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>' % (col(i), n, escape(v)) for i, v in enumerate(row) if v != "")
                w.write(('<row r="%d">%s</row>' % (n, cells)).encode())
        w.write(b"</sheetData></worksheet>")
PY
	# The two profiles, committed and approved in a workspace of their
	# own (a profile must be approved before an import reads through it).
	PW="$WORK/wsp"
	"$CONFORM" init "$PW" >/dev/null
	cp "$SRC"/examples/center/procedures/*.xml "$PW/procedures/"
	cp "$SRC/examples/profiles/ZWFW-EXPORT.xml" "$PW/profiles/"
	sed 's/id="ZWFW-EXPORT" kind="cases" encoding="UTF-8"/id="ZWFW-GB18030" kind="cases" encoding="GB18030"/' \
	    "$SRC/examples/profiles/ZWFW-EXPORT.xml" >"$PW/profiles/ZWFW-GB18030.xml"
	"$CONFORM" -C "$PW" doc commit -m "profiles for the benchmark" \
	    --author "Bench <b@localhost>" --approved-by "QA <qa@localhost>" >/dev/null 2>&1
	cp "$PW/.conform/conform.db" "$WORK/emptyp.db"
	freshp() { rm -f "$PW/.conform/conform.db"*; cp "$WORK/emptyp.db" "$PW/.conform/conform.db"; }
	say "== READ: $READ_CASES cases (a cases file), each form against cases.csv in UTF-8"
	say "files     cases.csv $(du -k "$data/cases.csv" | cut -f1) kB, export.csv $(du -k "$data/export.csv" | cut -f1) kB, export-gb18030.csv $(du -k "$data/export-gb18030.csv" | cut -f1) kB, cases.xlsx $(du -k "$data/cases.xlsx" | cut -f1) kB"
	for form in profile gb18030 xlsx; do
		case $form in
		profile) set -- --profile ZWFW-EXPORT "$data/export.csv" ;;
		gb18030) set -- --profile ZWFW-GB18030 "$data/export-gb18030.csv" ;;
		xlsx) set -- "$data/cases.xlsx" ;;
		esac
		ratios=
		cratios=
		i=1
		while [ $i -le "$RUNS" ]; do
			freshp
			run utf8 "$CONFORM" -C "$PW" cases import "$data/cases.csv"
			freshp
			run "$form" "$CONFORM" -C "$PW" cases import "$@"
			r=$(ratio "$(secs "$form")" "$(secs utf8)")
			c=$(ratio "$(cpu "$form")" "$(cpu utf8)")
			say "run $i    cases.csv $(secs utf8) s (CPU $(cpu utf8) s)    $form $(secs "$form") s (CPU $(cpu "$form") s, $(($(rss "$form") / 1024)) MB peak RSS)    ratio $r (CPU $c)"
			ratios="$ratios $r"
			cratios="$cratios $c"
			i=$((i + 1))
		done
		say "$(tail -n 1 "$WORK/$form.out")"
		# shellcheck disable=SC2086
		say "$(summary "$form vs the UTF-8 cases.csv (wall)" $ratios)"
		# shellcheck disable=SC2086
		say "$(summary "$form vs the UTF-8 cases.csv (CPU)" $cratios)"
		say ""
	done
	rm -rf "$data"
fi

# ---- XES ----
if [ "$XES" = 0 ] || [ ! -f "$ROAD" ]; then
	say "== XES: skipped ($([ "$XES" = 0 ] && echo "XES=0" || echo "no $ROAD"))"
	say "load      $(cut -d' ' -f1-3 /proc/loadavg) at the end"
	echo "report: $REPORT"
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
		r=$(ratio "$(secs conform)" "$(secs xmllint)")
		say "run $i    xmllint --stream $(secs xmllint) s (CPU $(cpu xmllint) s)    conform $(secs conform) s (CPU $(cpu conform) s, $(($(rss conform) / 1024)) MB peak RSS)    ratio $r"
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
