#!/bin/sh
# limits.sh - inputs far larger than sense (issue 8): each gives a clear
# error or a correct result, with memory bounded (doc/hardening.md
# states the bounds; peak RSS is measured with /usr/bin/time -v, and not
# asserted under ASan, whose shadow memory and quarantine are no guide).
# Inputs are made here, never kept.  By default:
#   - a CSV line of 100 MB (one field): refused at 1 MiB, exit 3;
#   - an XES log of 100 MB on one line: imported whole;
#   - a procedure document of 100 MB: refused at 16 MiB, by doc check
#     and doc commit;
#   - one XES trace of 1,000,010 events: refused at 1,000,000.
# With CONFORM_BIG_TESTS=1 (.ci/run sets it; some minutes, a few GB of
# temporary disk): a CSV field and an XES value of 1 GB, one XES trace
# of 10 million events, and one case with 10 million events in an
# events CSV, imported, then audited.
. "$(dirname "$0")/../lib/lib.sh"
. "$(dirname "$0")/../lib/cases-lib.sh"
BIG=${CONFORM_BIG_TESTS:-0}
TIME=/usr/bin/time
if [ ! -x "$TIME" ]; then
	echo "note: no $TIME (Debian package 'time'): peak memory not measured"
	TIME=
fi

# run_rss STATUS MAXMB ARGS...: conform under /usr/bin/time -v; fails
# unless it exits with STATUS and (when measured) its peak RSS is at most
# MAXMB MB.  stdout in $T/out, stderr (without time's report) in $T/err.
run_rss() {
	want=$1 max=$2
	shift 2
	set +e
	if [ -n "$TIME" ]; then
		$TIME -v -o "$T/rss" "$CONFORM" "$@" >"$T/out" 2>"$T/err"
	else
		"$CONFORM" "$@" >"$T/out" 2>"$T/err"
	fi
	got=$?
	set -e
	[ "$got" = "$want" ] || { cat "$T/out" "$T/err"; fail "conform $*: exit $got, expected $want"; }
	[ -n "$TIME" ] || return 0
	kb=$(sed -n 's/.*Maximum resident set size (kbytes): *//p' "$T/rss")
	mb=$((kb / 1024))
	echo "conform $(echo "$*" | cut -c1-60): exit $got, peak RSS $mb MB (bound $max MB)"
	if [ "${CONFORM_ASAN:-0}" = 0 ] && [ "$mb" -gt "$max" ]; then
		fail "conform $*: peak RSS $mb MB, more than $max MB"
	fi
}

case_ws "$T/ws"
cd "$T/ws"
empty=$(snapshot .)

# ---- a CSV line of 100 MB ----
{
	printf 'case_id,procedure_id,accepted_at,channel\n'
	printf 'C-1,P-T-001,2026-03-02 09:00:00,"'
	head -c 100000000 /dev/zero | tr '\0' x
	printf '"\nC-2,P-T-001,2026-03-02 10:00:00,window\n'
} >"$T/long.csv"
run_rss 3 64 cases import "$T/long.csv"
contains "$T/err" "long.csv:2: record longer than 1 MiB"
[ "$(snapshot .)" = "$empty" ] || fail "a refused import stored something"
rm "$T/long.csv"

# ---- an XES log of 100 MB on one line ----
# (8,000 traces of 100 events: 800,000 events, some 105 bytes each)
awk 'BEGIN {
	printf "<log>"
	for (t = 0; t < 8000; t++) {
		printf "<trace><string key=\"concept:name\" value=\"L%d\"/>", t
		for (e = 0; e < 100; e++)
			printf "<event><string key=\"concept:name\" value=\"accept\"/><date key=\"time:timestamp\" value=\"2026-03-02T09:%02d:%02d+08:00\"/></event>", int(e / 60), e % 60
		printf "</trace>"
	}
	print "</log>"
}' >"$T/line.xes"
[ "$(wc -l <"$T/line.xes")" = 1 ] || fail "the log is not one line"
run_rss 0 96 cases import --procedure P-T-001 "$T/line.xes"
contains "$T/out" "cases 8000 new"
contains "$T/out" "events 800000 new"
eq "$(q . "SELECT count(*) FROM event_rec")" 800000 "events of the one-line log"
rm "$T/line.xes"

# ---- a document of 100 MB ----
{
	printf '<procedure id="P-BIG" kind="commitment"><title>大</title><effective-from>2026-01-01</effective-from><steps><step id="a"/></steps><legal-basis>'
	head -c 100000000 /dev/zero | tr '\0' x
	printf '</legal-basis></procedure>\n'
} >procedures/P-BIG.xml
run_rss 3 96 doc check procedures/P-BIG.xml
contains "$T/err" "file too large (more than 16777216 bytes)"
head=$(git rev-parse main)
run_rss 3 96 doc commit -m "大文件" --author "张三 <zhang@df.gov.cn>"
contains "$T/err" "file too large"
eq "$(git rev-parse main)" "$head" "main after a refused commit"
rm procedures/P-BIG.xml

# ---- one XES trace of 1,000,010 events ----
# xes_trace N: one trace of N events, one a line
xes_trace() {
	awk -v n="$1" 'BEGIN {
		print "<log><trace><string key=\"concept:name\" value=\"LONG\"/>"
		for (e = 0; e < n; e++)
			printf "<event><string key=\"concept:name\" value=\"a\"/><date key=\"time:timestamp\" value=\"2026-03-02T09:00:00Z\"/></event>\n"
		print "</trace></log>"
	}'
}
before=$(snapshot .)
xes_trace 1000010 >"$T/trace.xes"
run_rss 3 320 cases import --procedure P-T-001 "$T/trace.xes"
contains "$T/err" ": the trace of line 1 has more than 1000000 events, expected at most 1000000 per trace"
[ "$(snapshot .)" = "$before" ] || fail "a refused trace stored something"
rm "$T/trace.xes"

if [ "$BIG" = 0 ]; then
	echo "CONFORM_BIG_TESTS=1 adds 1 GB fields and 10 million events"
	pass
fi

# ---- a CSV field of 1 GB ----
{
	printf 'case_id,procedure_id,accepted_at,channel\nC-1,P-T-001,2026-03-02 09:00:00,'
	head -c 1073741824 /dev/zero | tr '\0' x
	printf '\n'
} >"$T/field.csv"
run_rss 3 64 cases import "$T/field.csv"
contains "$T/err" "field.csv:2: record longer than 1 MiB"
rm "$T/field.csv"

# ---- an XES value of 1 GB ----
{
	printf '<log><trace><string key="concept:name" value="'
	head -c 1073741824 /dev/zero | tr '\0' x
	printf '"/></trace></log>\n'
} >"$T/value.xes"
run_rss 3 96 cases import --procedure P-T-001 "$T/value.xes"
contains "$T/err" "value.xes:1: not well-formed XML"
rm "$T/value.xes"
[ "$(snapshot .)" = "$before" ] || fail "a refused import stored something"

# ---- one XES trace of 10 million events ----
xes_trace 10000000 >"$T/trace.xes"
run_rss 3 320 cases import --procedure P-T-001 "$T/trace.xes"
contains "$T/err" ": the trace of line 1 has more than 1000000 events"
rm "$T/trace.xes"

# ---- one case with 10 million events (events CSV), and its audit ----
printf 'case_id,procedure_id,accepted_at,completed_at\nMANY,P-T-001,2026-03-02 09:00:00,2026-03-03 09:00:00\n' >"$T/one.csv"
awk 'BEGIN {
	print "case_id,activity,timestamp,actor"
	for (e = 0; e < 10000000; e++)
		printf "MANY,%s,2026-03-02 %02d:%02d:%02d,r%d\n", e % 2 ? "review" : "approve", 9 + int(e / 3600) % 10, int(e / 60) % 60, e % 60, e % 7
}' >"$T/many.csv"
run_rss 0 200 cases import "$T/one.csv" "$T/many.csv"
contains "$T/out" "events 10000000 new"
rm "$T/many.csv"
mkdir -p checklists
cat >checklists/CL-M.xml <<'XML'
<checklist id="CL-M" title="many events">
  <check id="C1" type="steps" severity="minor" clause="8.5.1"/>
  <check id="C2" type="four-eyes" severity="major" clause="5.3"/>
  <check id="C3" type="on-time" severity="minor" clause="8.5.1"/>
</checklist>
XML
git add checklists && git commit -q -m "CL-M"
run_rss 0 256 audit run CL-M --from 2026-03-01 --to 2026-03-31 --all
contains "$T/out" "10000000 events recorded, more than the 1000000 an audit holds of one case; not judged"
pass
