#!/bin/sh
# cases-xes.sh - XES logs (doc/cases.md): a log that bends the standard,
# plain and gzip; a log cut in the middle, plain and gzip; and hostile
# ones - a DOCTYPE, a billion-laughs bomb, an external entity pointing
# at /etc/passwd - refused at once, with nothing of /etc/passwd in the
# output or the store.
. "$(dirname "$0")/../lib/lib.sh"
. "$(dirname "$0")/../lib/cases-lib.sh"

case_ws "$T/ws"
cd "$T/ws"
cp "$CASES"/*.xes .
empty=$(snapshot .)

for f in xxe billion-laughs bad-doctype; do
	start=$(date +%s)
	set +e
	timeout 10 "$CONFORM" cases import --procedure P-T-001 $f.xes >"$T/out" 2>"$T/err"
	st=$?
	set -e
	[ "$st" = 3 ] || { cat "$T/err"; fail "$f: exit $st, expected 3"; }
	[ $(($(date +%s) - start)) -le 3 ] || fail "$f: too slow"
	contains "$T/err" "$f.xes:"
	contains "$T/err" ": DOCTYPE not allowed in XES (no DTDs or entities), expected the <log> element"
	[ "$(wc -l <"$T/err")" = 2 ] || fail "$f: $(cat "$T/err")"
	lacks "$T/err" "root:"
	lacks "$T/out" "root:"
	[ "$(snapshot .)" = "$empty" ] || fail "$f: the store changed"
	if grep -a -q "root:" .conform/conform.db .conform/conform.db-wal 2>/dev/null; then
		fail "$f: /etc/passwd in the store"
	fi
done

# Cut in the middle: plain, then gzip cut short.
expect 3 cases import bad-cut.xes
contains "$T/err" "bad-cut.xes:30: the XES document breaks off at the end of the file"
gzip -c good.xes >good.xes.gz
head -c 300 good.xes.gz >cut.xes.gz
expect 3 cases import cut.xes.gz
contains "$T/err" "cut.xes.gz: gzip data damaged or cut short"
[ "$(snapshot .)" = "$empty" ] || fail "a cut log stored something"

# The good log, gzip-compressed; then the plain file is another batch
# whose cases are all there already: unchanged, events skipped.
expect 0 cases import good.xes.gz
contains "$T/out" "batch 1  xes         4 events in 4 traces  good.xes.gz  (sha256 $(sha256sum good.xes.gz | cut -c1-12))"
contains "$T/out" "cases 2 new, 0 updated, 0 unchanged; events 4 new, 0 skipped as already stored; 2 empty traces skipped"
eq "$(q . "SELECT case_id, accepted_at, coalesce(completed_at, '-'), channel, fee_fen, materials FROM cases ORDER BY case_id")" \
"X-1|2026-03-02 09:15:00|2026-03-03 10:00:00|desk|2000|M1;M2
X-3|2026-03-04 09:00:00|-|desk||" "XES cases"
eq "$(q . "SELECT activity, actor, coalesce(role, '-'), ts FROM events WHERE case_id = 'X-1' ORDER BY ts")" \
"accept|张三|-|2026-03-02 09:15:00
review|李四|reviewer|2026-03-02 11:00:00
approve|UNKNOWN|-|2026-03-03 10:00:00" "XES events"
eq "$(q . "SELECT attrs FROM case_rec WHERE case_id = 'X-1'")" \
	'{"case type":"加急 件","applicant/name":"张三","applicant/id type":"身份证"}' "trace attributes"
expect 0 cases import good.xes
contains "$T/out" "cases 0 new, 0 updated, 2 unchanged; events 0 new, 4 skipped as already stored; 2 empty traces skipped"
eq "$(q . "SELECT count(*) FROM events")" 4 "no event twice"

# --format xes for a file with another name; --format csv refuses it.
sed 's/X-\([13]\)/W-\1/' good.xes >log2.data
expect 3 cases import --format csv log2.data
contains "$T/err" "log2.data:1: header row: '\"' inside an unquoted field"
expect 0 cases import --format xes log2.data
contains "$T/out" "cases 2 new"
# Not ASCII-compatible (doc/cases.md): UTF-16 and UTF-32 with or without
# a byte order mark, EBCDIC, plain or gzip, refused in one line before
# libxml2 guesses an encoding; a UTF-8 byte order mark is fine.
command -v iconv >/dev/null || skip "iconv is needed for the encodings"
before=$(snapshot .)
cat >e.xes <<'XES'
<?xml version="1.0" encoding="UTF-8"?>
<log xes.version="1.0">
  <trace><string key="concept:name" value="E-1"/>
    <event><string key="concept:name" value="accept"/><date key="time:timestamp" value="2026-03-02T09:00:00+08:00"/></event>
  </trace>
  <trace><string key="concept:name" value="E-2"/>
    <event><string key="concept:name" value="accept"/><date key="time:timestamp" value="2026-03-03T09:00:00+08:00"/></event>
  </trace>
</log>
XES
for enc in UTF-16LE UTF-16BE UTF-16 UTF-32LE UTF-32 IBM037 IBM500; do
	iconv -f UTF-8 -t $enc e.xes >"enc-$enc.xes"
	expect 3 cases import --procedure P-T-001 "enc-$enc.xes"
	contains "$T/err" "enc-$enc.xes:1: not an ASCII-compatible encoding (byte 0x"
	contains "$T/err" "UTF-16, UTF-32 and EBCDIC are refused), expected UTF-8 XML"
	[ "$(wc -l <"$T/err")" = 2 ] || fail "$enc: $(cat "$T/err")"
done
contains "$T/err" "(byte 0x4C at offset 0, before the root element;" # EBCDIC '<'
iconv -f UTF-8 -t UTF-16LE e.xes | gzip -c >enc-16.xes.gz
expect 3 cases import --procedure P-T-001 enc-16.xes.gz
contains "$T/err" "enc-16.xes.gz:1: not an ASCII-compatible encoding (byte 0x00 at offset 1,"
printf 'x' | cat - e.xes >lead.xes
expect 3 cases import --procedure P-T-001 --format xes lead.xes
contains "$T/err" "lead.xes:1: not an ASCII-compatible encoding (byte 0x78 at offset 0,"
[ "$(snapshot .)" = "$before" ] || fail "a refused encoding stored something"
printf '\357\273\277' | cat - e.xes >bom.xes
expect 0 cases import --procedure P-T-001 bom.xes
contains "$T/out" "cases 2 new"
# Bytes after the gzip data (doc/cases.md): refused in one line, zeros
# too; several gzip members one after the other are one gzip file.
before=$(snapshot .)
gzip -c e.xes >e.xes.gz
size=$(wc -c <e.xes.gz)
{ cat e.xes.gz; printf 'garbage'; } >trail.xes.gz
expect 3 cases import --procedure P-T-001 trail.xes.gz
contains "$T/err" "trail.xes.gz: bytes after the end of the gzip data (from offset $size of the file), expected the file to end with its gzip stream"
[ "$(wc -l <"$T/err")" = 2 ] || fail "trailing garbage: $(cat "$T/err")"
{ cat e.xes.gz; printf '\0\0\0\0'; } >zeros.xes.gz
expect 3 cases import --procedure P-T-001 zeros.xes.gz
contains "$T/err" "zeros.xes.gz: bytes after the end of the gzip data (from offset $size of the file)"
{ cat e.xes.gz; printf '\037'; } >half.xes.gz
expect 3 cases import --procedure P-T-001 half.xes.gz
contains "$T/err" "half.xes.gz: bytes after the end of the gzip data"
[ "$(snapshot .)" = "$before" ] || fail "trailing bytes stored something"
sed 's/E-\([12]\)/M-\1/' e.xes >m.xes
head -c 200 m.xes | gzip -c >members.xes.gz
tail -c +201 m.xes | gzip -c >>members.xes.gz
expect 0 cases import --procedure P-T-001 members.xes.gz
contains "$T/out" "cases 2 new"
pass
