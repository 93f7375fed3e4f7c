#!/bin/sh
# cases-encoding.sh - the encodings of doc/cases.md "Encodings", through
# the installed program: the same cases and events files (Chinese text,
# full-width characters, 𠀀 U+20000, which GB18030 writes in four bytes
# and GBK cannot write at all) in GB18030 through profiles with
# encoding="GB18030" (and its alias "GBK"), and in UTF-8 with a BOM and
# CRLF, store exactly the rows the plain UTF-8 files store.  Refused,
# each in one FILE:LINE line, exit 3 and nothing stored: a GB18030 file
# without a profile (the line names the fix), bytes not valid in
# GB18030, a UTF-8 file declared GB18030 (read so, it would turn into
# other characters without any error), and an encoding conform does not
# read (by doc check).  Files larger than the decoder's 64 KiB block:
# characters and a CRLF cut by the block's end, a bad byte deep in.
. "$(dirname "$0")/../lib/lib.sh"
. "$(dirname "$0")/../lib/cases-lib.sh"
command -v iconv >/dev/null || skip "iconv is needed to write GB18030"

# The profiles: the columns keep the names of doc/cases.md, so only the
# encoding differs from an import without a profile.
profiles() {
	cat >"$1/profiles/GB-CASES.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<profile id="GB-CASES" kind="cases" encoding="GB18030">
  <field name="case_id"      column="case_id"/>
  <field name="procedure_id" column="procedure_id"/>
  <field name="accepted_at"  column="accepted_at"/>
  <field name="completed_at" column="completed_at"/>
</profile>
EOF
	cat >"$1/profiles/GB-EVENTS.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<profile id="GB-EVENTS" kind="events" encoding="GBK">
  <field name="case_id"   column="case_id"/>
  <field name="activity"  column="activity"/>
  <field name="timestamp" column="timestamp"/>
  <field name="actor"     column="actor"/>
</profile>
EOF
	cat >"$1/profiles/U8-CASES.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<profile id="U8-CASES" kind="cases" encoding="UTF-8">
  <field name="case_id"      column="case_id"/>
  <field name="procedure_id" column="procedure_id"/>
  <field name="accepted_at"  column="accepted_at"/>
</profile>
EOF
	"$CONFORM" -C "$1" doc commit -m profiles --author "张三 <a@x.cn>" \
	    --approved-by "李四 <b@x.cn>" >/dev/null 2>&1 || fail "commit profiles in $1"
	"$CONFORM" -C "$1" doc log >/dev/null 2>&1 # the index cache, not a record
}

F=$T/f
mkdir "$F"
cd "$F"
printf '%s\n' \
    'case_id,procedure_id,accepted_at,completed_at,事项,申请人' \
    'T-0001,P-T-001,2026-03-02 09:05:00,2026-03-03 10:00:00,企业设立登记,张三' \
    'T-0002,P-T-001,2026-03-02 10:00:00,,"ＡＢＣ１２３，全角：（）",李四' \
    'T-0003,P-T-001,2026-03-04 11:00:00,,"𠀀 beyond GBK' \
    '第二行 ""引号""",王五' >cases.csv
printf '%s\n' \
    'case_id,activity,timestamp,actor,设备' \
    'T-0001,accept,2026-03-02 09:05:00,张三,窗口终端１' \
    'T-0001,approve,2026-03-03 10:00:00,李四,𠀀' \
    'T-0003,accept,2026-03-04 11:00:00,"赵, 六",' >events.csv
for f in cases events; do
	iconv -f UTF-8 -t GB18030 $f.csv >$f-gb.csv
	# (CRLF ends the records; the line end inside the quoted field of
	# line 4 is the value's and stays LF)
	sed '4!s/$/\r/' $f.csv | { printf '\357\273\277'; cat; } >$f-bom.csv
done
cmp -s cases.csv cases-gb.csv && fail "iconv wrote the same bytes"
# 𠀀 is four bytes in GB18030 (95 32 82 36), and not in GBK at all.
od -An -tx1 events-gb.csv | tr -d ' \n' | grep -q 95328236 || fail "no 4-byte GB18030"
! printf '𠀀' | iconv -f UTF-8 -t GBK >/dev/null 2>&1 || fail "GBK wrote U+20000"

# rows WS: every stored case and event, batch and line included.
rows() {
	q "$1" "SELECT * FROM case_rec ORDER BY case_id"
	q "$1" "SELECT * FROM event_rec ORDER BY case_id, sec, seq"
}

case_ws "$T/u"
expect 0 -C "$T/u" cases import "$F/cases.csv"
expect 0 -C "$T/u" cases import "$F/events.csv"
eq "$(q "$T/u" "SELECT attrs FROM case_rec WHERE case_id = 'T-0003'")" \
    '{"事项":"𠀀 beyond GBK\n第二行 \"引号\"","申请人":"王五"}' "UTF-8 attrs"
"$CONFORM" -C "$T/u" cases stats >"$T/stats-u" 2>/dev/null

case_ws "$T/g"
profiles "$T/g"
expect 0 -C "$T/g" cases import --profile GB-CASES "$F/cases-gb.csv"
expect 0 -C "$T/g" cases import --profile GB-EVENTS "$F/events-gb.csv"
[ "$(rows "$T/g")" = "$(rows "$T/u")" ] || { rows "$T/g"; rows "$T/u"; fail "GB18030 rows differ from UTF-8's"; }
"$CONFORM" -C "$T/g" cases stats >"$T/stats-g" 2>/dev/null
same "$T/stats-g" "$T/stats-u"

case_ws "$T/b"
profiles "$T/b"
expect 0 -C "$T/b" cases import "$F/cases-bom.csv"
expect 0 -C "$T/b" cases import "$F/events-bom.csv"
[ "$(rows "$T/b")" = "$(rows "$T/u")" ] || { rows "$T/b"; fail "BOM and CRLF rows differ"; }
# A profile may say UTF-8; the BOM is dropped then too.
sed 's/T-000/U-000/' cases-bom.csv >u8.csv
expect 0 -C "$T/b" cases import --profile U8-CASES "$F/u8.csv"
eq "$(q "$T/b" "SELECT attrs FROM case_rec WHERE case_id = 'U-0001'")" \
    '{"completed_at":"2026-03-03 10:00:00","事项":"企业设立登记","申请人":"张三"}' "UTF-8 profile"

# ---- refused: one line each, exit 3, nothing stored ----
cd "$T/g"
before=$(snapshot .)
# refused FILE LINE MESSAGE [IMPORT-OPTIONS...]
refused() {
	f=$1 l=$2 m=$3; shift 3
	expect 3 cases import "$@" "$f"
	contains "$T/err" "$f:$l: $m"
	[ "$(tail -n 1 "$T/err")" = "conform: error: 1 bad row; nothing imported" ] ||
		fail "$f: last line: $(tail -n 1 "$T/err")"
	[ "$(wc -l <"$T/err")" -eq 2 ] || { cat "$T/err"; fail "$f: not one line"; }
	[ ! -s "$T/out" ] || fail "$f: stdout: $(cat "$T/out")"
	[ "$(snapshot .)" = "$before" ] || fail "$f: the store changed"
}

# A GB18030 file without a profile: the line names the fix.
sed 's/T-000/N-000/' "$F/cases.csv" | iconv -f UTF-8 -t GB18030 >noprofile.csv
refused noprofile.csv 1 'invalid UTF-8 (byte 0xCA), expected UTF-8 text; a file saved in GBK or GB18030 (as Excel on Chinese Windows does) needs an import profile (--profile ID) with encoding="GB18030"'
# ... also when the Chinese text starts further down.
printf 'case_id,procedure_id,accepted_at,x\nN-1,P-T-001,2026-03-02 09:00,\nN-2,P-T-001,2026-03-02 09:00,张三\n' |
	iconv -f UTF-8 -t GB18030 >late.csv
refused late.csv 3 'invalid UTF-8 (byte 0xD5), expected UTF-8 text; a file saved in GBK or GB18030'

# Bytes GB18030 does not have: a lead byte 0x81 alone at the end of a
# line, 0x80, 0xFF; a lead byte cut by the end of the file.
hdr='case_id,procedure_id,accepted_at,x'
for b in 81 80 FF; do
	{ printf "$hdr\n"; printf 'B-1,P-T-001,2026-03-02 09:00,企业\n' | iconv -f UTF-8 -t GB18030
	  printf 'B-2,P-T-001,2026-03-02 09:00,x'; printf "\\$(printf %o 0x$b)"
	  printf '\nB-3,P-T-001,2026-03-02 09:00,\n'; } >bad-$b.csv
	refused bad-$b.csv 3 "not valid GB18030 (byte 0x$b), expected text in GB18030, the encoding declared for the file (encoding=\"GB18030\")" --profile GB-CASES
done
{ printf "$hdr\nB-1,P-T-001,2026-03-02 09:00,x\n"; printf 'B-2,P-T-001,2026-03-02 09:00,\201'; } >cut.csv
refused cut.csv 3 'not valid GB18030 (byte 0x81 at the end of the file, a character cut short)' --profile GB-CASES

# A UTF-8 file declared GB18030.  Read so, 企业设立登记 would be stored
# as 浼佷笟璁剧珛鐧昏 without any error: it is refused on the line of its
# first character that is not ASCII, with or without a BOM.
printf 'case_id,procedure_id,accepted_at,x\nD-1,P-T-001,2026-03-02 09:00,\nD-2,P-T-001,2026-03-02 09:00,企业设立登记\n' >disguised.csv
printf '企业设立登记' | iconv -f GB18030 -t UTF-8 >/dev/null 2>&1 || fail "UTF-8 企业设立登记 is no GB18030 (the case this covers)"
refused disguised.csv 3 'the file is UTF-8 (this line has characters in UTF-8), not GB18030 as declared: read as GB18030 it would turn into other characters, expected GB18030 text or the declaration encoding="UTF-8"' --profile GB-CASES
refused "$F/cases-bom.csv" 1 'the file starts with a UTF-8 byte order mark but is declared GB18030, expected GB18030 text (or the declaration encoding="UTF-8")' --profile GB-CASES

# An encoding conform does not read: doc check names the ones it does.
sed 's/id="GB-CASES"/id="BIG5-CASES"/; s/encoding="GB18030"/encoding="Big5"/' \
    profiles/GB-CASES.xml >profiles/BIG5-CASES.xml
expect 3 doc check
contains "$T/err" "profiles/BIG5-CASES.xml:2: encoding 'Big5' is not one conform reads, expected UTF-8 or GB18030 (GBK, GB2312 and CP936 are read as GB18030)"
expect 3 doc commit -m big5 --author "张三 <a@x.cn>" --approved-by "李四 <b@x.cn>"
expect 3 cases import --profile BIG5-CASES "$F/cases-gb.csv"
rm profiles/BIG5-CASES.xml
[ "$(snapshot .)" = "$before" ] || fail "the Big5 profile stored something"

# ---- beyond the decoder's 64 KiB block ----
# The filler lines are 40 bytes of ASCII ending in CRLF, after a header
# of $h bytes (GB18030).  big FILE LETTER AT TAIL: the header, filler
# lines, then a line "LETTER-999999,P-T-001,2026-03-02 09:00:00,x...x"
# whose x's make TAIL (UTF-8, written in GB18030) start at byte AT.
head_gb() { printf '%s\r\n' "case_id,procedure_id,accepted_at,事项" | iconv -f UTF-8 -t GB18030; }
h=$(head_gb | wc -c)
[ "$(printf 'L-000001,P-T-001,2026-03-02 09:00:00,x\r\n' | wc -c)" -eq 40 ] || fail "filler size"
filler() { awk -v l="$1" -v n="$2" 'BEGIN { for (i = 1; i <= n; i++) printf "%s-%06d,P-T-001,2026-03-02 09:00:00,x\r\n", l, i }'; }
big() {
	n=$(( ($3 - h - 37) / 40 ))
	pad=$(( $3 - h - 37 - n * 40 ))
	{
		head_gb
		filler "$2" $n
		printf '%s-999999,P-T-001,2026-03-02 09:00:00,' "$2"
		printf "%${pad}s" '' | tr ' ' x
		printf '%s' "$4" | iconv -f UTF-8 -t GB18030
	} >"$1"
}
# A 4-byte character cut 1, 2 and 3 bytes before the first block's end,
# and a 2-byte one cut in the middle.
i=0
for at in 65535 65534 65533; do
	i=$((i + 1))
	l=$(printf '%s' ABC | cut -c$i)
	big big$i.csv $l $at "𠀀企
X-$i,P-T-001,2026-03-02 09:00:00,𠀀企业设立登记
"
	[ "$(od -An -tx1 -j $at -N 4 big$i.csv | tr -d ' \n')" = 95328236 ] || fail "big$i.csv: 𠀀 not at $at"
done
big big4.csv D 65535 "企
X-4,P-T-001,2026-03-02 09:00:00,企业
"
[ "$(od -An -tx1 -j 65535 -N 2 big4.csv | tr -d ' \n')" = c6f3 ] || fail "big4.csv: 企 not at 65535"
expect 0 cases import --profile GB-CASES big1.csv big2.csv big3.csv big4.csv
n1=$(( (65535 - h - 37) / 40 ))
for i in 1 2 3; do
	l=$(printf '%s' ABC | cut -c$i)
	eq "$(q . "SELECT line, attrs FROM case_rec WHERE case_id = 'X-$i'")" "$((n1 + 3))|{\"事项\":\"𠀀企业设立登记\"}" "big$i.csv"
	q . "SELECT attrs FROM case_rec WHERE case_id = '$l-999999'" | grep -q 'x𠀀企"}$' ||
		fail "big$i.csv: the cut line: $(q . "SELECT attrs FROM case_rec WHERE case_id = '$l-999999'")"
done
eq "$(q . "SELECT line, attrs FROM case_rec WHERE case_id = 'X-4'")" "$((n1 + 3))|{\"事项\":\"企业\"}" "big4.csv"
eq "$(q . "SELECT count(*) FROM case_rec WHERE case_id LIKE 'A-%'")" "$((n1 + 1))" "big1.csv cases"
before=$(snapshot .)

# A bad byte deep in, on line 4001, the lines before it CRLF, one of
# them cut between CR and LF by the first block's end: the first filler
# line is longer by p bytes so that a CR is byte 65535.
p=$(( (65537 - h) % 40 ))
k=$(( (65537 - h - p) / 40 ))
{
	head_gb
	printf 'E-000000,P-T-001,2026-03-02 09:00:00,x'
	printf "%${p}s" '' | tr ' ' x
	printf '\r\n'
	filler E 3998
	printf 'E-bad,P-T-001,2026-03-02 09:00:00,\377\r\nE-after,P-T-001,2026-03-02 09:00:00,x\r\n'
} >deep.csv
[ "$(od -An -tx1 -j 65535 -N 2 deep.csv | tr -d ' \n')" = 0d0a ] || fail "deep.csv: no CRLF cut at 65535 ($k lines)"
refused deep.csv 4001 'not valid GB18030 (byte 0xFF)' --profile GB-CASES
pass
