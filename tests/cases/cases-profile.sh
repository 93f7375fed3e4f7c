#!/bin/sh
# cases-profile.sh - `cases import --profile ID` through the example
# profile for a 政务服务 export: Chinese headers mapped, Excel dates by
# format, channel words mapped, other columns kept as attributes; a bad
# date names the column as the file does and nothing is stored.  The
# batch records the profile and the commit of its version (bound to the
# trail); a batch read by its own header records none; a profile whose
# latest version is not approved is refused, naming the fix.
. "$(dirname "$0")/../lib/lib.sh"
. "$(dirname "$0")/../lib/cases-lib.sh"

case_ws "$T/ws"
cd "$T/ws"
cp "$SRC/examples/profiles/ZWFW-EXPORT.xml" profiles/
"$CONFORM" doc commit -m profile --author "张三 <a@x.cn>" --approved-by "李四 <b@x.cn>" >/dev/null 2>&1 || fail "commit profile"
printf '办件编号,事项编码,受理时间,办结时间,申请方式,收费金额,申请人\nZ-1,P-T-001,2026/13/2 9:05,,窗口受理,20,王某\n' >bad.csv
# the document index cache is filled first (a cache, not a record)
"$CONFORM" doc log >/dev/null 2>&1
before=$(snapshot .)
expect 3 cases import --profile ZWFW-EXPORT bad.csv
contains "$T/err" 'bad.csv:2: 受理时间 (accepted_at): "2026/13/2 9:05" is not a time of the form %Y/%m/%d %H:%M'
eq "$(snapshot .)" "$before" "nothing stored"
printf '办件编号,事项编码,受理时间,办结时间,申请方式,收费金额,申请人\nZ-1,P-T-001,2026/3/2 9:05,2026/3/3 10:00,窗口受理,20,王某\nZ-2,P-T-001,2026/03/04 14:30,,网上申报,,\n' >export.csv
expect 0 cases import --profile ZWFW-EXPORT export.csv
eq "$(q . "SELECT case_id, procedure_id, accepted_at, coalesce(completed_at, '-'), coalesce(fee_fen, '-'), channel FROM cases ORDER BY case_id")" \
"Z-1|P-T-001|2026-03-02 09:05:00|2026-03-03 10:00:00|2000|window
Z-2|P-T-001|2026-03-04 14:30:00|-|-|online" "cases"
eq "$(q . "SELECT attrs FROM case_rec WHERE case_id = 'Z-1'")" '{"申请人":"王某"}' "attributes"
commit=$(git rev-parse HEAD)
contains "$T/out" "profile ZWFW-EXPORT  (cases, commit $(echo "$commit" | cut -c1-12))"
eq "$(q . "SELECT file, format, profile_id, profile_commit FROM import_batch")" \
	"export.csv|cases-csv|ZWFW-EXPORT|$commit" "the batch records the profile"
# a file read by its own header records no profile
printf 'case_id,activity,timestamp\nZ-1,accept,2026-03-02 09:05\n' >events.csv
expect 0 cases import events.csv
eq "$(q . "SELECT batch_id, coalesce(profile_id, '-'), coalesce(profile_commit, '-') FROM import_batch ORDER BY batch_id")" \
	"1|ZWFW-EXPORT|$commit
2|-|-" "batches"
# the profile is bound to the trail with its batch: changed, it is found
expect 0 trail verify
q . "SELECT data FROM trail" | grep -qF '"profile_commit":"'"$commit"'","profile_id":"ZWFW-EXPORT"' ||
	fail "the trail binds the profile"
# a batch read by its header is bound as before profiles existed: no
# profile members at all (so trails written then still verify)
eq "$(q . "SELECT count(*) FROM trail WHERE what = 'import.batch' AND data LIKE '%profile%'")" 1 "profile members only on the profile's batch"
q . "UPDATE import_batch SET profile_id = 'OTHER' WHERE batch_id = 1"
expect 3 trail verify
contains "$T/err" "batch 1 (export.csv): stored profile_id 'OTHER', the trail holds 'ZWFW-EXPORT'"
q . "UPDATE import_batch SET profile_id = 'ZWFW-EXPORT' WHERE batch_id = 1"
expect 0 trail verify
# an audit's report names, per batch, the profile it was read through
printf '<checklist id="CL-P">\n  <check id="I" type="in-force" severity="major" clause="7.5.3"/>\n</checklist>\n' >checklists/CL-P.xml
"$CONFORM" doc commit -m checklist --author "张三 <a@x.cn>" --approved-by "李四 <b@x.cn>" >/dev/null 2>&1 || fail "commit checklist"
expect 0 audit run CL-P --from 2026-03-01 --to 2026-03-31
expect 0 report audit --format html -o "$T/r.html" 1
contains "$T/r.html" "导入配置 Import profile"
contains "$T/r.html" "ZWFW-EXPORT (commit $(echo "$commit" | cut -c1-12))"
contains "$T/r.html" '<td>events.csv</td><td class="id">'
grep -q '<td>events.csv</td>.*<td class="key">—</td>' "$T/r.html" ||
	fail "a batch read by its own header: no profile shown as —"
expect 0 report audit --format xml -o "$T/r.xml" 1
contains "$T/r.xml" "file=\"export.csv\""
contains "$T/r.xml" "profile=\"ZWFW-EXPORT\" profile-commit=\"$commit\""
[ "$(grep -c 'profile=' "$T/r.xml")" = 1 ] || fail "only the profile's batch names one"

# A new version not approved: refused with the fix; nothing stored.
sed -i 's|<map from="邮寄" to="post"/>|<map from="邮寄" to="post"/><map from="电话" to="phone"/>|' profiles/ZWFW-EXPORT.xml
"$CONFORM" doc commit -m "profile: phone" --author "张三 <a@x.cn>" >/dev/null 2>&1 || fail "commit the new version"
printf '办件编号,事项编码,受理时间\nZ-3,P-T-001,2026/3/5 9:05\n' >more.csv
"$CONFORM" doc log >/dev/null 2>&1 # the index cache (a cache, not a record)
before=$(snapshot .)
expect 3 cases import --profile ZWFW-EXPORT more.csv
one_line "$T/err"
contains "$T/err" "profile 'ZWFW-EXPORT' of commit $(git rev-parse HEAD | cut -c1-12) is not approved (no Approved-by), expected an approval by someone other than its author ('conform doc approve' or 'doc commit --approved-by') before an import reads records through it"
eq "$(snapshot .)" "$before" "nothing stored through an unapproved profile"
expect 3 cases import --profile NOPE more.csv
contains "$T/err" "no profile 'NOPE' committed on main, expected profiles/NOPE.xml committed with 'conform doc commit'"

# The example evaluations profile (好差评 system export): the five
# rating words, 是/否, the platform's channel names and Excel dates.
cp "$SRC/examples/profiles/HCP-EXPORT.xml" profiles/
"$CONFORM" doc commit -m "profile: evaluations" --author "张三 <a@x.cn>" --approved-by "李四 <b@x.cn>" >/dev/null 2>&1 || fail "commit HCP-EXPORT"
printf '办件编号,评价时间,评价等级,评价渠道,是否实名,回访时间,整改时间,评价内容,评价人\nZ-1,2026/3/3 11:00,非常满意,窗口评价器,否,,,,\nZ-1,2026/3/3 12:00,不满意,移动端,是,2026/3/4 9:00,2026/3/5 16:30,"等了很久, 没人指引",王某\n' >hcp.csv
expect 0 cases import --profile HCP-EXPORT hcp.csv
eq "$(q . "SELECT rating, channel, real_name, coalesce(revisit_at, '-'), coalesce(rectified_at, '-') FROM evaluations ORDER BY rated_at")" \
"5|window|no|-|-
2|app|yes|2026-03-04 09:00:00|2026-03-05 16:30:00" "evaluations through HCP-EXPORT"
eq "$(q . "SELECT comment || '|' || attrs FROM eval_rec WHERE rating = 2")" '等了很久, 没人指引|{"评价人":"王某"}' "comment and attributes"
printf '办件编号,评价时间,评价等级\nZ-2,2026/3/5 10:00,一般\n' >hcp-bad.csv
before=$(snapshot .)
expect 3 cases import --profile HCP-EXPORT hcp-bad.csv
contains "$T/err" "hcp-bad.csv:2: 评价等级 (rating)"
eq "$(snapshot .)" "$before" "a rating word the profile does not map: nothing stored"
pass
