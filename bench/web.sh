#!/bin/sh
# SPDX-License-Identifier: MIT
# bench/web.sh [CASES] - the web application under load (issue 18,
# doc/benchmarks.md): the demonstration center at CASES cases (default
# 200,000) served by `conform serve`; ab (apache2-utils) with 20
# concurrent clients and 10,000 requests on each of the overview, the
# NCR register, page 1 of the audit's findings and a case page, with a
# logged-in manager's session.  Reports failed requests, the latency
# percentiles (p50, p99, max), the server's peak RSS, and whether an NCR
# update made in the middle of the load committed whole (state, trail).
# Not a test: it measures.  Needs CONFORM (default: conform on PATH).
set -eu
CASES=${1:-200000}
CONFORM=${CONFORM:-conform}
command -v ab >/dev/null || { echo "bench: ab (apache2-utils) is needed" >&2; exit 1; }
WORK=$(mktemp -d "${TMPDIR:-/tmp}/conform-web-bench-XXXXXX")
trap 'kill -TERM $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$WORK"' EXIT
say() { echo "$*" | tee -a "$WORK/report.txt"; }

echo "bench: building the demo at $CASES cases in $WORK/demo" >&2
"$CONFORM" demo --dir "$WORK/demo" --cases "$CASES" >"$WORK/demo.out" 2>&1
printf 'bench-pw-1\n' | "$CONFORM" -C "$WORK/demo" user add mgr --role manager >/dev/null
"$CONFORM" -C "$WORK/demo" serve --listen 127.0.0.1:0 2>"$WORK/serve.err" &
PID=$!
until grep -q 'serving' "$WORK/serve.err"; do sleep 0.2; done
BASE=$(sed -n 's|.* at \(http://[^/]*\)/.*|\1|p' "$WORK/serve.err")
J="$WORK/jar"
t=$(curl -s -c "$J" -b "$J" "$BASE/login" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p')
curl -s -o /dev/null -c "$J" -b "$J" -H "Origin: $BASE" --data-urlencode "csrf=$t" \
	--data-urlencode login=mgr --data-urlencode password=bench-pw-1 "$BASE/login"
TOKEN=$(awk '$6 == "cf_session" { print $7 }' "$J")
[ -n "$TOKEN" ] || { echo "bench: no session" >&2; exit 1; }
CSRF=$(curl -s -b "$J" "$BASE/" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
AUDIT=$("$CONFORM" -C "$WORK/demo" audit list --format csv | sed -n '2s/,.*//p')
CASE=$(sqlite3 "$WORK/demo/.conform/conform.db" "SELECT case_id FROM case_rec ORDER BY case_id LIMIT 1 OFFSET $((CASES / 2))")

say "conform serve at $CASES cases, $(nproc) cores, 20 clients, 10000 requests per page"
say "page                         failed  p50 ms  p99 ms  max ms  req/s"
for p in / /ncrs "/audits/$AUDIT" "/cases/$CASE"; do
	ab -q -n 10000 -c 20 -C "cf_session=$TOKEN" "$BASE$p" >"$WORK/ab.out" 2>&1
	# an NCR update in the middle of the register's load
	awk -v p="$p" '
	    /^Failed requests:/ { f = $3 }
	    /^Non-2xx responses:/ { f += $3 }
	    /^Requests per second:/ { rps = $4 }
	    /^  50%/ { p50 = $2 } /^  99%/ { p99 = $2 } /^ 100%/ { mx = $2 }
	    END { printf "%-28s %6d %7s %7s %7s %6s\n", p, f, p50, p99, mx, rps }' \
	    "$WORK/ab.out" | tee -a "$WORK/report.txt"
done
# an NCR update while 20 clients load the register
ab -q -n 10000 -c 20 -C "cf_session=$TOKEN" "$BASE/ncrs" >"$WORK/ab2.out" 2>&1 &
AB=$!
sleep 1
code=$(curl -s -o /dev/null -w '%{http_code}' -b "$J" -H "Origin: $BASE" \
	--data-urlencode "csrf=$CSRF" --data-urlencode state=analysed \
	--data-urlencode "root-cause=under load" "$BASE/ncrs/1")
wait $AB
state=$("$CONFORM" -C "$WORK/demo" ncr show 1 | sed -n 's/^state  *//p')
"$CONFORM" -C "$WORK/demo" trail verify >"$WORK/tv" 2>&1 && tv=ok || tv=FAILED
say "NCR update under load: HTTP $code, state now $state, trail verify $tv; register under it: $(awk '/^Failed requests:/ { print $3 " failed" }' "$WORK/ab2.out"), p99 $(awk '/^  99%/ { print $2 }' "$WORK/ab2.out") ms"
say "server peak RSS: $(awk '/VmHWM/ { print $2, $3 }' /proc/$PID/status)"
