#!/bin/sh
# schema-check-types.sh - the audit report's schema knows every check
# type a checklist may name (procedures/schemas/checklist.rng): a report
# of an audit with a late-record or a statutory-time check validates.
# (Until the time-limit law the report schema lacked late-record.)
. "$(dirname "$0")/../lib/lib.sh"

types() { # the <value>s of the check's type attribute / check-type define
	sed -n "/$2/,/<\/choice>/p" "$1" | grep -o '<value>[a-z-]*</value>' |
		sed 's/<[^>]*>//g' | sort
}
types "$SRC/procedures/schemas/checklist.rng" '<attribute name="type">' >"$T/list"
types "$SRC/reports/schemas/report-audit.rng" '<define name="check-type">' >"$T/report"
[ "$(wc -l <"$T/list")" -ge 25 ] || fail "checklist.rng: $(cat "$T/list")"
same "$T/list" "$T/report"
pass
