#!/bin/sh
# cases-controls.sh - control characters in identifiers (doc/cases.md):
# a case id, procedure id, materials, window, channel, activity, actor or
# role holding a C0 control (ESC, a tab or line break inside), DEL or a
# C1 control (U+0080-U+009F) is one bad row FILE:LINE naming the column,
# exit 3, nothing imported, for CSV and XES alike, and the message does
# not carry the character; NUL is refused as before.  Free-text columns
# (attributes) keep what they hold, JSON-escaped in the store.
. "$(dirname "$0")/../lib/lib.sh"
. "$(dirname "$0")/../lib/cases-lib.sh"

case_ws "$T/ws"
cd "$T/ws"
empty=$(snapshot .)
H=case_id,procedure_id,accepted_at,completed_at,materials,window,channel

# refused FILE LINE TEXT: exit 3, the one bad row, nothing stored
refused() {
	expect 3 cases import "$1"
	contains "$T/err" "$1:$2: $3"
	[ "$(wc -l <"$T/err")" = 2 ] || { cat "$T/err"; fail "$1: not one bad row"; }
	if LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$T/err"; then
		fail "$1: a control character in the message"
	fi
	if grep -q "$(printf '\302[\200-\237]')" "$T/err"; then
		fail "$1: a C1 control in the message"
	fi
	[ "$(snapshot .)" = "$empty" ] || fail "$1: the store changed"
}
X="expected an identifier without control characters (C0, DEL or C1)"

printf '%s\nOK-1,P-T-001,2026-03-02,,,W01,desk\nC\0331,P-T-001,2026-03-02,,,W01,desk\n' "$H" >esc-id.csv
refused esc-id.csv 3 "case_id: control character U+001B at character 2, $X"
printf '%s\nC-2,P-T-001,2026-03-02,,,"窗口\302\2051",desk\n' "$H" >c1-window.csv
refused c1-window.csv 2 "window: control character U+0085 at character 3, $X"
printf '%s\nC-3,P-T-001,2026-03-02,,,W01,"de\tsk"\n' "$H" >tab-channel.csv
refused tab-channel.csv 2 "channel: control character U+0009 at character 3, $X"
printf '%s\nC-4,P-T-001,2026-03-02,,"M1;M\0372",W01,desk\n' "$H" >us-materials.csv
refused us-materials.csv 2 "materials: control character U+001F at character 5, $X"
printf '%s\n"C\r5",P-T-001,2026-03-02,,,W01,desk\n' "$H" >cr-id.csv
refused cr-id.csv 2 "case_id: control character U+000D at character 2, $X"
printf 'case_id,activity,timestamp,actor,role\nC-6,accept,2026-03-02,\177r01,clerk\n' >del-actor.csv
refused del-actor.csv 2 "actor: control character U+007F at character 1, $X"
printf 'case_id,activity,timestamp,actor,role\nC-6,"acc\nept",2026-03-02,r01,clerk\n' >lf-activity.csv
refused lf-activity.csv 2 "activity: control character U+000A at character 4, $X"
printf 'case_id,activity,timestamp,actor,role\nC-6,accept,2026-03-02,r01,cl\302\233erk\n' >csi-role.csv
refused csi-role.csv 2 "role: control character U+009B at character 3, $X"
# NUL cannot be CSV text at all: refused as before.
printf '%s\nC\0007,P-T-001,2026-03-02,,,W01,desk\n' "$H" >nul.csv
expect 3 cases import nul.csv
contains "$T/err" "nul.csv:2: "
[ "$(snapshot .)" = "$empty" ] || fail "nul.csv: the store changed"

# XES: character references bring what the bytes may not.
xes() { # xes FILE TRACE-ATTRS EVENT-ATTRS
	{
		echo '<?xml version="1.0" encoding="UTF-8"?>'
		echo '<log xes.version="1.0">'
		echo '  <trace>'
		echo "    <string key=\"concept:name\" value=\"X-1\"/><string key=\"procedure\" value=\"P-T-001\"/>$2"
		echo '    <event>'
		echo "      <string key=\"concept:name\" value=\"accept\"/>$3"
		echo '      <date key="time:timestamp" value="2026-03-02T09:00:00+08:00"/>'
		echo '    </event>'
		echo '  </trace>'
		echo '</log>'
	} >"$1"
}
xes tab-trace.xes '<string key="window" value="W&#9;1"/>' ''
refused tab-trace.xes 3 "window of the trace: control character U+0009 at character 2, $X"
xes nel-actor.xes '' '<string key="org:resource" value="r&#x85;01"/>'
refused nel-actor.xes 5 "org:resource of the event: control character U+0085 at character 2, $X"
xes del-activity.xes '' ''
sed -i 's/value="accept"/value="acc\x7fept"/' del-activity.xes
refused del-activity.xes 5 "concept:name of the event: control character U+007F at character 4, $X"
xes c1-id.xes '' ''
sed -i 's/value="X-1"/value="X\xc2\x9b1"/' c1-id.xes
refused c1-id.xes 3 "concept:name of the trace: control character U+009B at character 2, $X"
# ESC cannot be XML 1.0 at all, not even as a reference: not well-formed.
xes esc.xes '<string key="channel" value="&#27;[31m"/>' ''
expect 3 cases import esc.xes
contains "$T/err" "esc.xes:4: not well-formed XML"
[ "$(snapshot .)" = "$empty" ] || fail "esc.xes: the store changed"

# Free text keeps its control characters, escaped in the store's JSON.
printf '%s,note\nF-1,P-T-001,2026-03-02,,,W01,desk,"第一行\n第二行\033[0m"\n' "$H" >free.csv
expect 0 cases import free.csv
eq "$(q . "SELECT attrs FROM case_rec WHERE case_id = 'F-1'")" '{"note":"第一行\n第二行\u001b[0m"}' "free text kept"
pass
