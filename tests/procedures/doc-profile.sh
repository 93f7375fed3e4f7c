#!/bin/sh
# doc-profile.sh - import profiles are controlled documents like the
# other types: `doc check` refuses each kind of bad profile with one
# line FILE:LINE: what is wrong, what was expected (exit 3); `doc
# commit`, `doc log`, `doc show` and `doc diff` work on profiles/.
. "$(dirname "$0")/../lib/lib.sh"

new_ws "$T/ws"
cd "$T/ws"
cp "$SRC/examples/profiles/ZWFW-EXPORT.xml" "$SRC/examples/profiles/RECEIPT-4TU.xml" profiles/
expect 0 doc check
contains "$T/out" "4 documents valid"

# one BODY MESSAGE: profiles/PR-X.xml of a <profile id="PR-X"> root
# whose attributes and fields are BODY is refused with exactly one
# problem, MESSAGE.
one() {
	printf '<profile id="PR-X" %s\n</profile>\n' "$1" >profiles/PR-X.xml
	expect 3 doc check
	contains "$T/err" "$2"
	[ "$(grep -c '^profiles/' "$T/err")" = 1 ] || { cat "$T/err"; fail "not one problem: $2"; }
	contains "$T/err" "conform: error: 1 problem in 1 of 5 files"
	rm profiles/PR-X.xml
}
REQ='<field name="case_id" column="编号"/>
  <field name="procedure_id" column="事项"/>
  <field name="accepted_at" column="受理时间"/>'

one "kind=\"cases\">
  $REQ
  <field name=\"foo\" column=\"x\"/>" \
	"profiles/PR-X.xml:5: field 'foo' is not a field of a cases file, expected one of case_id, procedure_id, accepted_at, completed_at, fee_charged, materials, window, channel"
one "kind=\"cases\">
  $REQ
  <field name=\"activity\" column=\"x\"/>" \
	"profiles/PR-X.xml:5: field 'activity' is not a field of a cases file, expected one of case_id"
one "kind=\"cases\">
  $REQ
  <field name=\"case_id\" column=\"x\"/>" \
	"profiles/PR-X.xml:5: field 'case_id' is mapped twice (also at line 2), expected each field once"
one "kind=\"cases\">
  $REQ
  <field name=\"window\" column=\"编号\"/>" \
	"profiles/PR-X.xml:5: column '编号' is named twice (for case_id at line 2 and window), expected each column once"
one "kind=\"cases\">
  $REQ
  <field name=\"completed_at\" column=\"办结\" format=\"%Y-%m-%d %H:%M:%Q\"/>" \
	"profiles/PR-X.xml:5: format '%Y-%m-%d %H:%M:%Q': %Q is not a directive a profile may use, expected %Y %m %d %H %M %S %f %z or %%"
one "kind=\"cases\">
  $REQ
  <field name=\"completed_at\" column=\"办结\" format=\"%Y-%m %H\"/>" \
	"profiles/PR-X.xml:5: format '%Y-%m %H' lacks %d, expected a year, a month and a day (%Y, %m, %d)"
one "kind=\"cases\">
  $REQ
  <field name=\"window\" column=\"窗口\" format=\"%Y-%m-%d\"/>" \
	"profiles/PR-X.xml:5: field 'window' is no time, expected a format only on a time field"
one "kind=\"cases\">
  $REQ
  <field name=\"channel\" column=\"方式\"><map to=\"window\"/></field>" \
	"profiles/PR-X.xml:5: a <map> of field 'channel' has no from, expected from=\"VALUE\" (the value as the file writes it) and to=\"...\""
one "kind=\"cases\">
  $REQ
  <field name=\"channel\" column=\"方式\">
    <map from=\"窗口\" to=\"window\"/>
    <map from=\" 窗口 \" to=\"online\"/>
  </field>" \
	"profiles/PR-X.xml:7: value '窗口' of field 'channel' is mapped twice (also at line 6), expected each value once"
one "kind=\"case\">
  $REQ" \
	"profiles/PR-X.xml:1: kind 'case' is no kind of profile, expected cases, events or evaluations"
one "kind=\"cases\" encoding=\"BIG5\">
  $REQ" \
	"profiles/PR-X.xml:1: encoding 'BIG5' is not one conform reads, expected UTF-8 or GB18030 (GBK, GB2312 and CP936 are read as GB18030)"
one "kind=\"events\">
  <field name=\"case_id\" column=\"编号\"/>
  <field name=\"activity\" column=\"环节\"/>" \
	"profiles/PR-X.xml:1: profile 'PR-X' maps no column to the required field 'timestamp', expected a <field name=\"timestamp\" column=\"...\"/> (events files need case_id, activity and timestamp)"
one "kind=\"cases\">
  <field name=\"case_id\" column=\"编号\"/>
  <field name=\"accepted_at\" column=\"受理时间\"/>" \
	"profiles/PR-X.xml:1: profile 'PR-X' maps no column to the required field 'procedure_id'"
one "kind=\"cases\" sheet=\" \">
  $REQ" \
	"profiles/PR-X.xml:1:"
one "kind=\"cases\">
  <field name=\"case_id\" column=\" \"/>
  <field name=\"procedure_id\" column=\"事项\"/>
  <field name=\"accepted_at\" column=\"受理时间\"/>" \
	"profiles/PR-X.xml:2:"
# GBK names the same encoding as GB18030 (read as GB18030)
printf '<profile id="PR-X" kind="cases" encoding="GBK">\n  %s\n</profile>\n' "$REQ" >profiles/PR-X.xml
expect 0 doc check
contains "$T/out" "5 documents valid"
rm profiles/PR-X.xml

# commit, log, show, diff
expect 0 doc commit -m "import profiles" --author "张三 <a@x.cn>" --approved-by "李四 <b@x.cn>"
sed -i 's|<map from="邮寄" to="post"/>|<map from="邮寄" to="post"/><map from="电话" to="phone"/>|
s|kind="cases" encoding="UTF-8"|kind="cases" encoding="GB18030" sheet="导出"|
/<field name="window" /d' profiles/ZWFW-EXPORT.xml
expect 0 doc commit -m "the platform's GB18030 workbook" --author "张三 <a@x.cn>"
expect 0 doc log ZWFW-EXPORT
contains "$T/out" "profiles/ZWFW-EXPORT.xml  张三 <a@x.cn>  -"
contains "$T/out" "encoding UTF-8 -> GB18030; sheet added; field window removed; field channel changed"
contains "$T/out" "李四 <b@x.cn> (recorded, unsigned)"
expect 0 doc log --type profile --format csv
[ "$(grep -c 'profiles/' "$T/out")" = 3 ] || { cat "$T/out"; fail "doc log --type profile: 3 rows"; }
expect 0 doc diff ZWFW-EXPORT HEAD~1 HEAD
contains "$T/out" "encoding: UTF-8 -> GB18030"
contains "$T/out" "sheet: (absent) -> 导出"
contains "$T/out" "field window: column 受理窗口 -> (absent)"
contains "$T/out" "field channel: column 申请方式, map 窗口受理=window; 网上申报=online; 自助终端=kiosk; 邮寄=post -> column 申请方式, map 窗口受理=window; 网上申报=online; 自助终端=kiosk; 邮寄=post; 电话=phone"
[ "$(wc -l <"$T/out")" = 4 ] || { cat "$T/out"; fail "doc diff: 4 lines"; }
expect 0 doc show ZWFW-EXPORT --rev HEAD~1
same "$T/out" "$SRC/examples/profiles/ZWFW-EXPORT.xml"
expect 0 doc show RECEIPT-4TU
same "$T/out" "$SRC/examples/profiles/RECEIPT-4TU.xml"
pass
