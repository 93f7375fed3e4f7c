#!/bin/sh
# review-inputs.sh - the management review follows ISO 9001 9.3.2's
# inputs a) to f) in order, c) 1) to 7) within, each with conform's data
# or an explicit "not in conform's records" line; it has the 9.3.3
# outputs to fill in; and a half-year with two quarterly audits reads as
# a trend (doc/reports.md#the-management-review).
. "$(dirname "$0")/../lib/lib.sh"
. "$(dirname "$0")/../lib/report-lib.sh"
command -v xmllint >/dev/null || skip "xmllint (libxml2-utils) is not installed"

build_fixture "$T/ws"   # audit 1: 2026-02-01..03-31, the first quarter's cases
# A second-quarter case charged 80 (a fee failure) and its audit.
printf '%s\n' 'case_id,procedure_id,accepted_at,completed_at,fee_charged,materials,window,channel' \
	'C302,P-A-001,2026-04-13 09:00:00,2026-04-14 10:00:00,80,M1,W01,window' >apr.csv
printf '%s\n' 'case_id,activity,timestamp,actor,role' \
	'C302,accept,2026-04-13 09:00:00,c01,clerk' \
	'C302,review,2026-04-13 15:00:00,r01,reviewer' \
	'C302,approve,2026-04-14 09:00:00,a01,approver' >apr-ev.csv
"$CONFORM" cases import apr.csv apr-ev.csv >/dev/null
CONFORM_NOW=$(day '2026-07-02 09:00:00 +0800') \
	"$CONFORM" audit run CL-T --from 2026-04-01 --to 2026-06-30 >/dev/null 2>&1   # audit 2

H="$T/r.html"
expect 0 report review --from 2026-01-01 --to 2026-06-30 -o "$H"

# The inputs in the standard's order, then the outputs.
at() {
	n=$(grep -nF -- "$1" "$H" | head -1 | cut -d: -f1)
	[ -n "$n" ] || fail "the review lacks: $1"
	echo "$n"
}
last=0
for h in '1 评审概况 Overview' '2 评审输入 Review inputs (ISO 9001 9.3.2)' \
	'a) 以往管理评审所采取措施的情况' 'b) 与质量管理体系相关的内外部因素的变化' \
	'c) 质量管理体系绩效和有效性的信息' '1) 顾客满意' '2) 质量目标的实现程度' \
	'3) 过程绩效以及产品和服务的合格情况' '4) 不符合及纠正措施' '5) 监视和测量结果' \
	'6) 审核结果' '7) 外部供方的绩效' 'd) 资源的充分性' \
	'e) 应对风险和机遇所采取措施的有效性' 'f) 改进的机会' \
	'3 评审输出 Review outputs (ISO 9001 9.3.3)'; do
	n=$(at "$h")
	[ "$n" -gt "$last" ] || fail "'$h' (line $n) is not after the previous input (line $last)"
	last=$n
done

# What conform does not hold says so: a, b (the issues), c1, c2, c7, d, e (the
# risk register), f (proposals).
[ "$(grep -c 'class="note missing"' "$H")" = 8 ] ||
	{ grep 'class="note missing"' "$H"; fail "not 8 inputs to be provided by the management"; }
contains "$H" "Not in conform&#39;s records — to be provided by the management"

# b) the documents that changed in the period: v2 of P-A-001, P-B-001 new.
contains "$H" '<td class="key">P-A-001</td><td class="title">企业变更登记</td><td>修订 revised</td><td class="num">2026-02-16</td>'
contains "$H" '<td class="key">P-B-001</td><td class="title">社保缴费证明打印</td><td>新增 new</td><td class="num">2026-03-01</td>'

# c) 3) the trend: one column per quarterly audit and the change between.
contains "$H" '<th scope="col">#1 2026-02-01 – 2026-03-31</th><th scope="col">#2 2026-04-01 – 2026-06-30</th><th scope="col">变化 Change (first → last)</th>'
grep -q '<td class="num fail">▼ −[0-9.]* pp</td>' "$H" || { cat "$H"; fail "no falling check marked"; }
grep -q '<td class="num">± 0.0 pp</td>' "$H" || fail "no steady check"
# a period rate shows what it measured, an sql check its subjects
grep -qE "<td class=\"key\">CL-T R1</td><td class=\"title\">[^<]*</td><td class=\"num measured\">[0-9.]+ %（测定值 measured）</td>" "$H" || fail "R1: not its measured rate"
grep -qE "<td class=\"key\">CL-T Q1</td><td class=\"title\">[^<]*</td><td class=\"num measured\">[0-9]+ 个对象 subjects</td>" "$H" || fail "Q1: not its subjects"
lacks "$H" "<td class=\"key\">CL-T Q1</td><td class=\"title\">sql</td><td class=\"num\">0.0 %"

# Labels, not tokens.
contains "$H" '<td>未关闭 open</td>'
lacks "$H" '<td>open</td>'
lacks "$H" '<td>minor</td>'
lacks "$H" '<td>raised</td>'

# 9.3.3: the outputs to fill in, and who reviewed.
[ "$(grep -c '<tr class="blank"' "$H")" = 9 ] || fail "not 9 rows for the outputs"
for o in 'a) 改进的机会 Opportunities for improvement' 'b) 质量管理体系所需的变更 Changes needed to the QMS' \
	'c) 资源需求 Resource needs' '评审主持人 Chaired by' '<th scope="col">责任人 Owner</th><th scope="col">期限 Due</th>'; do
	contains "$H" "$o"
done

# The XML still validates.
expect 0 report review --from 2026-01-01 --to 2026-06-30 -o "$T/r.xml"
valid "$T/r.xml" report-review.rng
pass
