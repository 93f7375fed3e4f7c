#!/bin/sh
# report-audit.sh - `conform report audit` over the audit of
# tests/data/audit with its known answers: the CSV is `audit show --all
# --format csv` byte for byte; the XML validates against the installed
# schema and holds the exact counts, rates, windows, months, findings,
# NCRs and conclusions; the HTML is one self-contained page (no script,
# nothing outside it) with the ISO 19011 contents, Chinese text intact,
# four charts (the sql checks' failing subjects one of them), only fail and error findings, the same bytes twice; a
# sampled audit states its sample; failures leave no file behind.
. "$(dirname "$0")/../lib/lib.sh"
. "$(dirname "$0")/../lib/report-lib.sh"
command -v xmllint >/dev/null || skip "xmllint (libxml2-utils) is not installed"

build_fixture "$T/ws"
R="$T/r"
mkdir "$R"

# CSV: the findings exactly as audit show prints them.
expect 0 report audit 1 --format csv -o "$R/a.csv"
[ ! -s "$T/out" ] || fail "report audit -o FILE printed on stdout"
# a report for people: a UTF-8 BOM (Excel), then audit show's rows
expect 0 audit show 1 --all --excel
same "$R/a.csv" "$T/out"
[ "$(head -c 3 "$R/a.csv" | od -An -tx1 | tr -d ' ')" = efbbbf ] || fail "a.csv has no BOM"
expect 0 audit show 1 --all --format csv
[ "$(head -c 3 "$T/out" | od -An -tx1 | tr -d ' ')" != efbbbf ] || fail "the plain listing has a BOM"
tail -c +4 "$R/a.csv" | cmp -s - "$T/out" || fail "a.csv past its BOM != audit show --format csv"
expect 2 audit show 1 --excel --format json
one_line "$T/err"
[ "$(wc -l <"$R/a.csv")" = 112 ] || fail "csv rows: $(wc -l <"$R/a.csv")"

# XML: valid, and the known figures.
expect 0 report audit 1 -o "$R/a.xml"           # the format from the name
valid "$R/a.xml" report-audit.rng
x() { grep -qF -- "$1" "$R/a.xml" || fail "a.xml lacks: $1"; }
x '<audit-report version="1" audit="1">'
x "<auditee>$CENTER</auditee>"
x "<checklist id=\"CL-T\" title=\"测试检查表\" commit=\"$V1\">"
x "<objective>$OBJECTIVE</objective>"
x "<criteria>$CRITERIA</criteria>"
x '<scope procedures="P-*">'
x "<document id=\"P-A-001\" type=\"procedure\" commit=\"$V1\" cases=\"3\">企业变更登记</document>"
x "<document id=\"P-A-001\" type=\"procedure\" commit=\"$V2\" cases=\"10\">企业变更登记</document>"
x "<document id=\"P-B-001\" type=\"procedure\" commit=\"$V1\" cases=\"1\">社保缴费证明打印</document>"
x '<dates started="2026-04-01T09:00:00+08:00" finished="2026-04-01T09:00:00+08:00"/>'
x '<period from="2026-02-01" to="2026-03-31" timezone="Asia/Shanghai" cases="15"/>'
x "<documents commit=\"$V2\"/>"
x "sha256=\"$(sha256sum "$D/cases.csv" | cut -c1-64)\""
x "sha256=\"$(sha256sum "$D/events.csv" | cut -c1-64)\""
x '<sampling sampled="false" population="15">no sampling'
x '<check id="T1" type="on-time" severity="minor" clause="8.5.1" pass="10" fail="3" na="1" error="1" conformity="76.9"/>'
x '<check id="T6" type="four-eyes" severity="major" clause="5.3" pass="10" fail="1" na="3" error="1" conformity="90.9"/>'
x '<check id="R1" type="on-time-rate" severity="minor" clause="9.1.3" pass="0" fail="1" na="0" error="0" conformity="0.0"/>'
x '<window name="W01" pass="71" fail="9" conformity="88.8"/>'
x '<window name="W07" pass="6" fail="1" conformity="85.7"/>'
x '<on-time-by-month check="T1">'
x '<month month="2026-02" pass="2" fail="2" conformity="50.0"/>'
x '<month month="2026-03" pass="8" fail="1" conformity="88.9"/>'
x "<finding check=\"T1\" subject=\"C003\" result=\"fail\" severity=\"minor\" clause=\"8.5.1\" procedure=\"P-A-001\" commit=\"$V1\">completed 2026-02-25 09:00, limit 5 working days ended 2026-02-24</finding>"
x '<finding check="T7" subject="C008" result="fail" severity="major" clause="7.5.3">no version of P-B-001 in force on 2026-02-20</finding>'
x "<finding check=\"T1\" subject=\"C001\" result=\"pass\""
[ "$(grep -c "<finding " "$R/a.xml")" = 111 ] || fail "xml findings: $(grep -c '<finding ' "$R/a.xml")"
[ "$(grep -c 'this-audit="raised"' "$R/a.xml")" = 10 ] || fail "NCRs raised"
x '<ncr number="NCR-0006" check="T6" severity="major" clause="5.3" this-audit="raised" subjects="1" state="open"/>'
x '<conclusions overall="major-nonconformity" major="2" minor="8" observations="1" errors="6" pass="79" fail="14" conformity="84.9">'
x '<caveat>The audit evidence is the case records'

# HTML: one self-contained, printable page.
expect 0 report audit 1 --format html -o "$R/a.html"
h() { grep -qF -- "$1" "$R/a.html" || fail "a.html lacks: $1"; }
nh() { if grep -qiF -- "$1" "$R/a.html"; then fail "a.html has: $1"; fi; }
h '<!DOCTYPE html>'
h '<html lang="zh-CN">'
h '<meta charset="utf-8">'
h '@media print'
h 'section.major{page-break-before:always'
h 'thead{display:table-header-group}'
for bad in '<script' 'src=' '<link' '@import' 'url(' 'href="http' "href='http" '<iframe' '<img'; do nh "$bad"; done
# the only URL is the SVG namespace
[ "$(grep -o 'https\?://[^"]*' "$R/a.html" | sort -u)" = "http://www.w3.org/2000/svg" ] ||
	fail "external reference: $(grep -o 'https\?://[^"]*' "$R/a.html" | sort -u)"
h "审核报告 Audit report 1: CL-T 测试检查表"
h "$CENTER"
h "$OBJECTIVE"
h "$CRITERIA"
h "CL-T 测试检查表, commit $V1"
h "procedures matching &#39;P-*&#39;; 3 document versions used"
h "started 2026-04-01T09:00:00+08:00"
h "2026-02-01 to 2026-03-31 (acceptance dates, Asia/Shanghai); 15 cases in the period and scope"
h "$V2"
h "$(sha256sum "$D/cases.csv" | cut -c1-64)"
h '<td class="num">76.9 %</td>'
h '<td class="num">90.9 %</td>'
h "20 fail and error findings, grouped by check, result and pattern"
h "The 91 pass and n/a results are counted above."
h '<td class="key">C003</td>'
h "completed 2026-02-25 09:00, limit 5 working days ended 2026-02-24"
h "charged 80.00, fee 50.00"
h '<td class="key">NCR-0001</td>'
h "不符合 Not conforming: at least one major nonconformity"
h "2 (2 failing subjects)"
h "84.9 % (79 pass of 93 judged results)"
nh '<td class="key">C001</td>'          # every result of C001 passes: not listed
[ "$(grep -c '<svg ' "$R/a.html")" = 4 ] || fail "charts: $(grep -c '<svg ' "$R/a.html")"
h 'aria-label="各检查项符合率（比率类为测定值）Conformity per check, measured value for the rates"'
h '>W01</text>'
h '>2026-02</text>'
h '>88.9 %</text>'   # printed, not in a tooltip
# the same bytes again
expect 0 report audit 1 -o "$R/b.html"
same "$R/a.html" "$R/b.html"
# stdout
expect 0 report audit 1 --format xml -o -
same "$T/out" "$R/a.xml"

# A sampled audit states its sample and the upper deviation limits.
CONFORM_NOW=$(day '2026-04-02 09:00:00 +0800') expect 0 audit run CL-T --from 2026-02-01 --to 2026-03-31 --sample
expect 0 report audit 2 -o "$R/s.xml"
valid "$R/s.xml" report-audit.rng
grep -qF '<sampling sampled="true" population="15" size="15" seed="t" confidence="0.95" tolerable="0.05" expected="0">statistical attribute sample of 15 of 15 cases' "$R/s.xml" ||
	{ grep sampling "$R/s.xml"; fail "sampling statement"; }
grep -q '<check id="T1" .*upper-limit="' "$R/s.xml" || fail "upper limit"
# The same failing subjects again: listed on audit 1's NCRs already, so
# none is raised again and no NCR is joined; each NCR is the findings'
# NCR (doc/ncr.md).
! grep -q 'this-audit="joined"' "$R/s.xml" || fail "audit 2 joined an NCR with nothing new"
[ "$(grep -c 'this-audit="listed" subjects="0" listed-before="[0-9]*"' "$R/s.xml")" = 10 ] ||
	{ grep '<ncr ' "$R/s.xml"; fail "audit 2 names the NCRs that list its findings"; }
grep -qF '<ncr number="NCR-0001" check="T1" severity="minor" clause="8.5.1" this-audit="listed" subjects="0" listed-before="3" state="open"/>' "$R/s.xml" ||
	{ grep '<ncr ' "$R/s.xml"; fail "NCR-0001 lists audit 2's three T1 fails"; }
expect 0 report audit 2 -o "$R/s.html"
grep -qF "Case checks judged a sample of 15 of 15 cases" "$R/s.html" || fail "sampling caveat"

# Failures: usage, unknown audit, unwritable place; nothing left behind.
expect 2 report audit 1 --format pdf -o "$R/x.pdf"
expect 2 report audit 1
expect 2 report audit one -o "$R/x.html"
expect 3 report audit 99 -o "$R/x.html"
contains "$T/err" "no audit 99"
one_line "$T/err"
expect 4 report audit 1 -o "$R/no/such/dir/x.html"
[ -z "$(ls "$R" | grep -v -e '^[abs]\.' )" ] || fail "left behind: $(ls "$R")"
pass
