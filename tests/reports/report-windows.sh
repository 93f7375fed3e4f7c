#!/bin/sh
# report-windows.sh - `conform report windows AUDIT` (doc/reports.md
# "Window scorecard"): the windows of tests/data/audit's cases ranked by
# the scorecard of the checklist, as a table, CSV and JSON; a window
# whose cases no measure judged is listed last with no rank or score;
# the first `awards` are the red flags; an audit without a scorecard
# and an unknown audit are refused (exit 3); the scorecard is bound in
# the trail.
. "$(dirname "$0")/../lib/lib.sh"
D="$SRC/tests/data/audit"
A='张三 <zhang@x.cn>'
B='李四 <li@x.cn>'

new_ws "$T/ws"
cd "$T/ws"
cp "$D/P-A-001.v1.xml" procedures/P-A-001.xml
cp "$D/P-B-001.xml" procedures/P-B-001.xml
cp "$D/CL-T.xml" checklists/CL-T.xml
sed 's|</checklist>|  <scorecard awards="2">\n    <measure check="T1" weight="40"/>\n    <measure check="R1" weight="30"/>\n    <measure check="T4" weight="30"/>\n  </scorecard>\n</checklist>|' \
	"$D/CL-T.xml" >checklists/CL-S.xml
sed -i 's/id="CL-T"/id="CL-S"/' checklists/CL-S.xml
"$CONFORM" doc commit -m "v1" --author "$A" --approved-by "$B" >/dev/null || fail "commit v1"
cp "$D/P-A-001.v2.xml" procedures/P-A-001.xml
"$CONFORM" doc commit -m "v2" --author "$A" --approved-by "$A" >/dev/null 2>&1 || fail "commit v2"
# Windows: C001-C003 at W02, C011-C013 at W03, the rest as recorded
# (W01, W07), and a case of W09 accepted on --to, judged by nothing.
sed -e '/^C00[123],/s/,W01,/,W02,/' -e '/^C01[123],/s/,W01,/,W03,/' \
	"$D/cases.csv" >"$T/cases.csv"
echo 'C016,P-A-001,2026-03-31 09:00:00,,,M1,W09,window' >>"$T/cases.csv"
expect 0 cases import "$T/cases.csv" "$D/events.csv"
expect 0 audit run CL-T --from 2026-02-01 --to 2026-03-31
expect 0 audit run CL-S --from 2026-02-01 --to 2026-03-31
contains "$T/err" "stored as audit 2"

expect 0 report windows 2 --format csv
# By hand: W07 (C007; C008 has no version in force: error, not
# counted) 100 of everything.  W03: on time 3 of 3, steps 1 of 3 (C011
# and C013 out of order): 40 + 30 + 10 = 80.0.  W01 and W02: on time 4
# of 6 and 2 of 3, steps all: 40·2/3 + 30·2/3 + 30 = 76.666... = 76.7
# both, so W01 before W02 by bytes.  The on-time-rate of the whole
# period is 10 of 13, the sum of the windows'.
cat >"$T/want" <<'EOF'
rank,window,score,red_flag,T1,R1,T4
1,W07,100.0,yes,100.0,100.0,100.0
2,W03,80.0,yes,100.0,100.0,33.3
3,W01,76.7,no,66.7,66.7,100.0
4,W02,76.7,no,66.7,66.7,100.0
,W09,,no,,,
EOF
same "$T/out" "$T/want"
expect 0 audit show 2 --all --format csv
grep -q '^R1,\*,fail,.*on time 10 of 13' "$T/out" || fail "R1: $(grep ^R1 "$T/out")"

# The table and JSON say the same.
expect 0 report windows 2
cat >"$T/want" <<'EOF'
rank  window  score  red_flag  T1     R1     T4
   1  W07     100.0  yes       100.0  100.0  100.0
   2  W03     80.0   yes       100.0  100.0  33.3
   3  W01     76.7   no        66.7   66.7   100.0
   4  W02     76.7   no        66.7   66.7   100.0
   -  W09     -      no        -      -      -
EOF
same "$T/out" "$T/want"
expect 0 report windows 2 --format json
contains "$T/out" '{"rank": 2, "window": "W03", "score": "80.0", "red_flag": "yes", "T1": "100.0", "R1": "100.0", "T4": "33.3"}'
contains "$T/out" '{"rank": null, "window": "W09", "score": null, "red_flag": "no", "T1": null, "R1": null, "T4": null}'
expect 0 report windows 2 -o "$T/w.csv"
head -1 "$T/w.csv" | grep -qx 'rank,window,score,red_flag,T1,R1,T4' || fail "-o w.csv"

# No scorecard, no audit, no number: refused.
expect 3 report windows 1
one_line "$T/err"
contains "$T/err" "audit 1 has no window scorecard: checklist 'CL-T' had no <scorecard> when it ran"
expect 3 report windows 9
expect 2 report windows x

# The HTML audit report shows the ranking, the red flags marked in
# words and by row, and a chart per measure; the audit without a
# scorecard shows none.
expect 0 report audit 2 -o "$T/a2.html"
contains "$T/a2.html" '<h3 id="windows">窗口评比 Window scorecard'
[ "$(grep -c '<tr class="red-flag">' "$T/a2.html")" = 2 ] || fail "two red-flag rows"
grep -o '<tr class="red-flag"><td class="num">[0-9]*</td><td class="key">W0[0-9]' "$T/a2.html" >"$T/flags"
cat >"$T/want" <<'EOF'
<tr class="red-flag"><td class="num">1</td><td class="key">W07
<tr class="red-flag"><td class="num">2</td><td class="key">W03
EOF
same "$T/flags" "$T/want"
contains "$T/a2.html" '★ 红旗 red flag'
for m in T1 R1 T4; do
	contains "$T/a2.html" "aria-label=\"$m，各窗口 per window"
done
contains "$T/a2.html" 'aria-label="各窗口综合得分 Score per window'
expect 0 report audit 1 -o "$T/a1.html"
lacks "$T/a1.html" 'Window scorecard'
# The management review shows the latest audit's scorecard.
expect 0 report review --from 2026-02-01 --to 2026-03-31 -o "$T/r.html"
contains "$T/r.html" 'Window scorecard (红旗窗口评比) of audit 2 (CL-S, 2026-02-01 to 2026-03-31)'
[ "$(grep -c '<tr class="red-flag">' "$T/r.html")" = 2 ] || fail "review: two red-flag rows"

# The evidence pack holds it as CSV, the same bytes, listed on its
# index, and verifies.
expect 0 evidence pack --out "$T/pack" --at 2026-04-01
expect 0 report windows 2 --format csv
same "$T/pack/audits/audit-0002-windows.csv" "$T/out"
[ ! -e "$T/pack/audits/audit-0001-windows.csv" ] || fail "a scorecard for audit 1"
contains "$T/pack/index.html" 'audits/audit-0002-windows.csv'
expect 0 evidence verify "$T/pack" --allow-unsigned
rm "$T/pack/audits/audit-0002-windows.csv"
expect 3 evidence verify "$T/pack" --allow-unsigned
contains "$T/err" "audits/audit-0002-windows.csv: missing"

# The scorecard is bound by the audit's trail entry: a changed count
# is found.
expect 0 trail verify
sqlite3 .conform/conform.db "UPDATE audit_score SET num = num - 1 WHERE audit_id = 2 AND window = 'W03' AND pos = 2"
expect 3 trail verify
cat "$T/out" "$T/err" >"$T/both"
contains "$T/both" "scores"
pass
