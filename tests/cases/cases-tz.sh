#!/bin/sh
# cases-tz.sh - timestamps and the workspace timezone (doc/working-days.md and
# doc/cases.md): a time without an offset is in the workspace zone, a date
# alone is 00:00 there, a UTC time can be the next local day, the offset given
# is kept; the same file in a workspace in another zone gives other local
# dates, and a workspace whose zone changed after an import refuses to mix
# them.
. "$(dirname "$0")/../lib/lib.sh"
. "$(dirname "$0")/../lib/cases-lib.sh"

cat >"$T/tz.csv" <<'CSV'
case_id,procedure_id,accepted_at,completed_at
Z-1,P-T-001,2026-03-02,2026-03-02T16:30:00Z
Z-2,P-T-001,2026-03-02 23:59:59+01:00,2026-03-03T07:00:00.000001+0800
Z-3,P-T-001,2026-10-25 02:30:00,
CSV

case_ws "$T/sh"
expect 0 -C "$T/sh" cases import "$T/tz.csv"
eq "$(q "$T/sh" "SELECT case_id, accepted_at, coalesce(completed_at, '-') FROM cases ORDER BY case_id")" \
"Z-1|2026-03-02 00:00:00|2026-03-03 00:30:00
Z-2|2026-03-03 06:59:59|2026-03-03 07:00:00
Z-3|2026-10-25 02:30:00|-" "Shanghai local times"
eq "$(q "$T/sh" "SELECT accepted_sec, accepted_off, completed_off, completed_nsec FROM case_rec WHERE case_id = 'Z-2'")" \
	"1772492399|3600|28800|1000" "Z-2 instant and offsets"
eq "$(q "$T/sh" "SELECT completed_day - accepted_day FROM case_rec WHERE case_id = 'Z-1'")" 1 "next local day"
expect 0 -C "$T/sh" cases stats --format csv
contains "$T/out" "month,2026-03,,2,2,0"
contains "$T/out" "month,2026-10,,1,0,1"

# The same file where the workspace zone is Europe/Amsterdam.
case_ws "$T/ams" Europe/Amsterdam
expect 0 -C "$T/ams" cases import "$T/tz.csv"
eq "$(q "$T/ams" "SELECT case_id, accepted_at, coalesce(completed_at, '-') FROM cases ORDER BY case_id")" \
"Z-1|2026-03-02 00:00:00|2026-03-02 17:30:00
Z-2|2026-03-02 23:59:59|2026-03-03 00:00:00
Z-3|2026-10-25 02:30:00|-" "Amsterdam local times"
eq "$(q "$T/ams" "SELECT accepted_sec FROM case_rec WHERE case_id = 'Z-1'")" 1772406000 "a date alone is local midnight"
# 02:30 on 2026-10-25 happens twice in Amsterdam: the earlier offset.
eq "$(q "$T/ams" "SELECT accepted_off FROM case_rec WHERE case_id = 'Z-3'")" 7200 "fold"

# The zone of a workspace changed after an import: refused.
sed -i 's|^timezone = .*|timezone = UTC|' "$T/sh/.conform/config"
before=$(snapshot "$T/sh")
printf 'case_id,procedure_id,accepted_at\nZ-9,P-T-001,2026-03-05\n' >"$T/more.csv"
expect 3 -C "$T/sh" cases import "$T/more.csv"
contains "$T/err" "the stored records were imported under timezone 'Asia/Shanghai' but the workspace timezone is now 'UTC'"
one_line "$T/err"
[ "$(snapshot "$T/sh")" = "$before" ] || fail "the store changed"
pass
