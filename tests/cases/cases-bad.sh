#!/bin/sh
# cases-bad.sh - every kind of bad input of doc/cases.md, each with its own
# fixture: exit 3, one "FILE:LINE: what is wrong, what was expected" line
# per bad row on stderr, a closing count, and the store exactly as it
# was (same dump, no batch).  Then more than 100 bad rows: the first 100
# by position, and the count of the rest.
. "$(dirname "$0")/../lib/lib.sh"
. "$(dirname "$0")/../lib/cases-lib.sh"

case_ws "$T/ws"
cd "$T/ws"
cp "$CASES"/*.csv "$CASES"/*.xes .
expect 0 cases import good-cases.csv good-events.csv
before=$(snapshot .)

# refused FILE LINE MESSAGE [BAD-ROWS]
refused() {
	expect 3 cases import "$1"
	contains "$T/err" "$1:$2: $3"
	n=${4:-1}
	s=s; [ "$n" = 1 ] && s=
	[ "$(tail -n 1 "$T/err")" = "conform: error: $n bad row$s; nothing imported" ] ||
		fail "$1: last line: $(tail -n 1 "$T/err")"
	[ "$(wc -l <"$T/err")" -eq $((n + 1)) ] || { cat "$T/err"; fail "$1: not one line per bad row"; }
	[ ! -s "$T/out" ] || fail "$1: stdout: $(cat "$T/out")"
	[ "$(snapshot .)" = "$before" ] || fail "$1: the store changed"
}

refused bad-column-count.csv 3 "7 fields, expected 8 as in the header"
refused bad-missing-column.csv 1 "missing required column 'accepted_at' in the header of a cases file, expected case_id, procedure_id and accepted_at"
refused bad-missing-value.csv 3 "missing value for 'accepted_at', expected a non-empty accepted_at"
refused bad-unknown-procedure.csv 3 "unknown procedure_id 'P-NONE-9', expected a procedure committed on main (procedures/P-NONE-9.xml)"
refused bad-timestamp.csv 3 "accepted_at: timestamp '02/03/2026 09:10' is ambiguous (month/day/year or day/month/year), expected the year first in four digits (2026/3/2, 2026-03-02) or an import profile (--profile ID) giving the field's format=\"%m/%d/%Y %H:%M\""
refused bad-date.csv 3 "accepted_at: date '2026-02-30' does not exist"
refused bad-completion-before.csv 2 "completed_at 2026-03-02 08:59:59 is before accepted_at 2026-03-02 09:00:00, expected completion at or after acceptance"
refused bad-duplicate-case.csv 4 "case 'B-1' appears twice in this import (first at bad-duplicate-case.csv:2), expected each case once"
refused bad-unknown-case.csv 3 "event of case 'NOSUCH-1', which is neither in this import nor stored, expected the case in a cases file" 2
contains "$T/err" "bad-unknown-case.csv:4: event of case 'NOSUCH-1'"
refused bad-utf8.csv 3 "invalid UTF-8 (byte 0xFF), expected UTF-8 text"
refused bad-unterminated.csv 3 "unterminated quoted field (the quote opens on this line), expected a closing '\"'"
refused bad-header.csv 1 "the header names neither procedure_id (a cases file) nor activity (an events file) nor rating (an evaluations file), expected one of them"
refused bad-amount.csv 2 "fee_charged: invalid amount '12.345', expected a decimal such as 50 or 50.00"
refused bad-cut.xes 30 "the XES document breaks off at the end of the file"
refused bad-doctype.xes 2 "DOCTYPE not allowed in XES (no DTDs or entities), expected the <log> element"
refused bad-no-name.xes 6 "trace without concept:name, expected the case id"
refused bad-no-timestamp.xes 13 "event without time:timestamp, expected its time (globals do not supply it)"

# A procedure that exists only in the work tree is not known: imports
# read committed documents.
sed 's/P-T-001/P-T-009/' "$CASES/P-T-001.xml" >procedures/P-T-009.xml
sed 's/P-NONE-9/P-T-009/' bad-unknown-procedure.csv >uncommitted.csv
refused uncommitted.csv 3 "unknown procedure_id 'P-T-009'"
# Once committed (and even after its file is removed again), it is.
git add procedures && git commit -q -m "P-T-009"
git rm -q procedures/P-T-009.xml && git commit -q -m "withdraw P-T-009"
expect 0 cases import uncommitted.csv
contains "$T/out" "cases 2 new"
before=$(snapshot .)

# 250 bad rows: the first 100 in file order, then the count.
{ echo "case_id,procedure_id,accepted_at"
  i=0; while [ $i -lt 250 ]; do echo "M-$i,P-T-001,2026-13-0$((i % 9 + 1))"; i=$((i + 1)); done
} >many.csv
expect 3 cases import many.csv
[ "$(wc -l <"$T/err")" = 102 ] || fail "many: $(wc -l <"$T/err") lines"
[ "$(head -n 1 "$T/err")" = "many.csv:2: accepted_at: date '2026-13-01' does not exist" ] ||
	fail "many: first line: $(head -n 1 "$T/err")"
contains "$T/err" "many.csv:101: accepted_at"
lacks "$T/err" "many.csv:102:"
contains "$T/err" "... and 150 more bad rows"
contains "$T/err" "conform: error: 250 bad rows; nothing imported"
[ "$(snapshot .)" = "$before" ] || fail "many: the store changed"

# A missing file and a directory are bad input too.
expect 3 cases import nope.csv
contains "$T/err" "nope.csv: cannot read the file (No such file or directory), expected a readable file"
expect 3 cases import procedures
contains "$T/err" "procedures: cannot read the file (a directory)"
# --procedure naming nothing: exit 3; with CSV files only: usage.
expect 3 cases import --procedure P-NONE good.xes
contains "$T/err" "--procedure 'P-NONE' names no procedure committed on main"
expect 2 cases import --procedure P-T-001 many.csv
contains "$T/err" "--procedure applies to XES logs"
[ "$(snapshot .)" = "$before" ] || fail "the store changed"
pass
