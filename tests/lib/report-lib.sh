# SPDX-License-Identifier: MIT
# report-lib.sh - sourced by the report and evidence CLI tests after
# lib.sh: builds the workspace of tests/data/audit (whose audit has known
# answers, see audit.sh) with an objective and criteria in the
# checklist, the center's name in the config, and audit 1 of
# 2026-02-01..2026-03-31 run on 2026-04-01 09:00 +08:00.
D="$SRC/tests/data/audit"
A='张三 <zhang@x.cn>'
B='李四 <li@x.cn>'
CENTER='东方县政务服务中心'
OBJECTIVE='验证第一季度办件符合办事指南'
CRITERIA='GB/T 19001—2016；现行有效的办事指南'
day() { date -d "$1" +%s; }
SCHEMAS="$PREFIX/share/conform/schemas"

# valid FILE SCHEMA: the XML file validates against the installed schema
valid() {
	xmllint --noout --relaxng "$SCHEMAS/$2" "$1" 2>"$T/xmllint.err" ||
		{ cat "$T/xmllint.err"; fail "$1 does not validate against $2"; }
}

build_fixture() {
	new_ws "$1"
	cd "$1"
	cp "$D/P-A-001.v1.xml" procedures/P-A-001.xml
	cp "$D/P-B-001.xml" procedures/P-B-001.xml
	sed "s|<scope |<objective>$OBJECTIVE</objective>\n  <criteria>$CRITERIA</criteria>\n  <scope |" \
		"$D/CL-T.xml" >checklists/CL-T.xml
	"$CONFORM" doc commit -m "v1" --author "$A" --approved-by "$B" >/dev/null || fail "commit v1"
	V1=$(git rev-parse HEAD)
	cp "$D/P-A-001.v2.xml" procedures/P-A-001.xml
	"$CONFORM" doc commit -m "v2" --author "$A" --approved-by "$A" >/dev/null 2>&1 || fail "commit v2"
	V2=$(git rev-parse HEAD)
	"$CONFORM" cases import "$D/cases.csv" "$D/events.csv" >/dev/null || fail "import"
	echo "center = $CENTER" >>.conform/config
	CONFORM_NOW=$(day '2026-04-01 09:00:00 +0800') \
		"$CONFORM" audit run CL-T --from 2026-02-01 --to 2026-03-31 >/dev/null 2>&1
}
