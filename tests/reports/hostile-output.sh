#!/bin/sh
# hostile-output.sh - values an insider typed into the store with plain
# sqlite3 (or an old store imported before control characters were
# refused) reach no output raw (doc/hardening.md, doc/reports.md): a
# finding's subject and an NCR's fields with ESC sequences, cells that
# a spreadsheet would run as formulas.  Every output is run: the
# terminal listings in each format, `ncr show`, the audit report as
# XML, HTML and CSV, the management review, the evidence pack.  No
# output holds an ESC byte; every XML is well-formed (xmllint); every
# CSV cell that starts with = + - @ is quoted with a leading ', and a
# plain negative number is left as it is; JSON parses.  And a report's
# temporary file planted as a symbolic link to a victim is never
# written through.
. "$(dirname "$0")/../lib/lib.sh"
. "$(dirname "$0")/../lib/report-lib.sh"
for t in sqlite3 xmllint python3; do
	command -v $t >/dev/null || skip "$t is not installed"
done

build_fixture "$T/ws"
ESC=$(printf '\033')
sqlite3 .conform/conform.db "
UPDATE finding SET subject = 'C003' || char(27) || '[2J',
  detail = '=HYPERLINK(\"http://evil.example\",\"x\")'
  WHERE audit_id = 1 AND pos = 0 AND subject = 'C003';
UPDATE ncr_subject SET subject = 'C003' || char(27) || '[2J' WHERE subject = 'C003';
UPDATE ncr SET owner = '@SUM(1)', root_cause = '-2+3' || char(27) || ']0;pwn' || char(7),
  correction = '+cmd', action = '=1+1', similar = '-12' WHERE number = 1;
UPDATE ncr SET owner = 'x' || char(127) || 'y' || char(155) || 'z' WHERE number = 2;
UPDATE case_rec SET window = 'W' || char(27) || '[31m' || char(194) || char(155) || 'x'
  WHERE case_id = 'C001';"

# no_esc FILE: no ESC byte, no C1 CSI (C2 9B), no BEL, no DEL
no_esc() {
	if grep -q "$ESC" "$1" || grep -q "$(printf '\302\233')" "$1" ||
		grep -q "$(printf '\007')" "$1" || grep -q "$(printf '\177')" "$1"; then
		grep -n "$ESC" "$1" | cat -v | head -5
		fail "$1 holds a raw control character"
	fi
}

n=0
for c in "audit show 1 --all" "audit show 1 --all --format csv" \
	"audit show 1 --all --format json" "audit list" "audit list --format csv" \
	"ncr list" "ncr list --format csv" "ncr list --format json" \
	"ncr show NCR-0001" "cases stats" "cases stats --format csv"; do
	# shellcheck disable=SC2086
	expect 0 $c
	no_esc "$T/out"
	no_esc "$T/err"
	n=$((n + 1))
	cp "$T/out" "$T/out.$n"
done
# The terminal sees the escape as text.
expect 0 ncr show NCR-0001
contains "$T/out" 'C003\x1B[2J'
contains "$T/out" '-2+3\x1B]0;pwn\x07'
expect 0 audit show 1 --all
contains "$T/out" 'C003\x1B[2J'
for j in 3 8; do
	python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$T/out.$j" ||
		fail "JSON output $j does not parse"
done
contains "$T/out.3" 'C003\u001b[2J'
contains "$T/out.8" 'x\u007Fy\u009Bz'
contains "$T/out.6" 'x\u007Fy\u009Bz'

# CSV listings: formulas neutralised, the plain number kept.
contains "$T/out.2" "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\""
contains "$T/out.2" 'T1,C003\x1B[2J,fail'
contains "$T/out.7" ",\"'@SUM(1)\","

# Reports.
for f in a.xml a.html a.csv; do
	expect 0 report audit 1 -o "$T/$f"
	no_esc "$T/$f"
done
xmllint --noout "$T/a.xml" || fail "the audit XML is not well-formed"
valid "$T/a.xml" report-audit.rng
contains "$T/a.xml" 'C003\x1B[2J'
contains "$T/a.html" 'C003\x1B[2J'
contains "$T/a.csv" "\"'=HYPERLINK("
for f in r.xml r.html; do
	expect 0 report review --from 2026-01-01 --to 2026-06-30 -o "$T/$f"
	no_esc "$T/$f"
done
xmllint --noout "$T/r.xml" || fail "the review XML is not well-formed"

# The evidence pack: every text file.
expect 0 evidence pack --out "$T/P" --at 2026-04-01
for f in $(cd "$T/P" && find . -type f ! -name '*.db' ! -name '*.bundle' | sort); do
	no_esc "$T/P/$f"
done
for f in "$T"/P/audits/*.xml; do
	xmllint --noout "$f" || fail "$f is not well-formed"
done
R="$T/P/ncr-register.csv"
contains "$R" ",\"'@SUM(1)\","
contains "$R" ",\"'+cmd\","
contains "$R" ",\"'-2+3\\x1B]0;pwn\\x07\","
contains "$R" ",\"'=1+1\","
contains "$R" ",-12,"
lacks "$R" ",\"'-12\","
contains "$T/P/audits/audit-0001.csv" "\"'=HYPERLINK("
# The pack's reports still verify as files of the pack (the store was
# edited behind the trail's back, which verify names; nothing about the
# escaped CSVs).
expect 3 evidence verify "$T/P"
no_esc "$T/err"
lacks "$T/err" "ncr-register.csv"
lacks "$T/err" "audit-0001.csv"

# The center's name in the config, written into the review's XML.
sed "s/^center = .*/center = 东方$(printf '\033')[5m县/" .conform/config >"$T/config" &&
	cp "$T/config" .conform/config
for f in c.xml c.html; do
	expect 0 report review --from 2026-01-01 --to 2026-06-30 -o "$T/$f"
	no_esc "$T/$f"
done
xmllint --noout "$T/c.xml" || fail "the review XML is not well-formed with the center's name"
contains "$T/c.xml" '东方\x1B[5m县'

# A report's temporary file is never opened through a planted symbolic
# link: the insider predicts "FILE.tmp.PID" (the PID is the shell's, as
# exec keeps it) and links it to a victim file.
echo "victim" >"$T/victim"
for f in v.html v.xml v.csv; do
	sh -c 'ln -s "$1" "$2.tmp.$$" && exec "$3" report audit 1 -o "$2"' \
		sh "$T/victim" "$T/$f" "$CONFORM" >"$T/out" 2>"$T/err" ||
		{ cat "$T/err"; fail "report audit -o $f with a planted link"; }
	[ "$(cat "$T/victim")" = victim ] || fail "the victim was overwritten through $f's temporary file"
	[ -f "$T/$f" ] && [ ! -L "$T/$f" ] || fail "$f was not written"
done
# ... nor the atomic write of a small file (the pending record of an
# interrupted doc commit is one).
sh -c 'ln -s "$1" ".conform/doc-commit-pending.tmp.$$" && exec "$2" doc commit -m x --author "$3"' \
	sh "$T/victim" "$CONFORM" "$A" >"$T/out" 2>"$T/err" || true
[ "$(cat "$T/victim")" = victim ] || fail "the victim was overwritten through the pending record"
pass
