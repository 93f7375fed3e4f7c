#!/bin/sh
# calendar.sh - `conform calendar deadline|workdays`: DOMAIN.md's test
# vectors with the official calendars, and the committed calendars of a
# workspace (not the work tree) when run inside one.
. "$(dirname "$0")/../lib/lib.sh"

cd "$T"
deadline() { expect 0 calendar deadline "$1" "$2"; [ "$(cat "$T/out")" = "$3" ] || fail "$1 + $2 = $(cat "$T/out"), expected $3"; }

deadline 2025-01-20 20 2025-02-21
deadline 2026-02-10 20 2026-03-16
deadline 2026-02-13 1 2026-02-14   # a make-up Saturday is worked
deadline 2026-02-13 2 2026-02-24   # then nine days of Spring Festival
deadline 2026-02-14 1 2026-02-24   # the acceptance day never counts
deadline 2025-01-24 3 2025-02-05
deadline 2026-10-01 0 2026-10-01   # on-the-spot: the same day
deadline 2026-03-02 5 2026-03-09
expect 0 calendar workdays 2025
[ "$(cat "$T/out")" = 248 ] || fail "2025 has $(cat "$T/out")"
expect 0 calendar workdays 2026
[ "$(cat "$T/out")" = 248 ] || fail "2026 has $(cat "$T/out")"

# Pauses (doc/working-days.md): the days after FROM up to TO do not count.
paused() { expect 0 calendar deadline "$@"; }
paused 2026-03-03 10 --pause 2026-03-03 2026-03-09
[ "$(cat "$T/out")" = 2026-03-23 ] || fail "paused 3-9 March: $(cat "$T/out")"
paused 2026-03-03 20 --pause 2026-03-03 2026-03-09   # across 清明节
[ "$(cat "$T/out")" = 2026-04-07 ] || fail "paused, 20 days: $(cat "$T/out")"
# Opened and closed the same day: no day paused.
paused 2026-03-05 10 --pause 2026-03-10 2026-03-10
[ "$(cat "$T/out")" = 2026-03-19 ] || fail "same-day pause: $(cat "$T/out")"
# Over Spring Festival and the make-up Saturday 14 Feb; overlapping
# pauses in any order count each day once.
paused 2026-02-10 10 --pause 2026-02-13 2026-02-14 --pause 2026-02-12 2026-02-26
[ "$(cat "$T/out")" = 2026-03-09 ] || fail "Spring Festival pause: $(cat "$T/out")"
paused --pause 2026-02-12 2026-02-26 2026-02-10 10
[ "$(cat "$T/out")" = 2026-03-09 ] || fail "option first: $(cat "$T/out")"
expect 2 calendar deadline 2026-03-03 10 --pause 2026-03-03
contains "$T/err" "needs two arguments FROM TO"
expect 2 calendar deadline 2026-03-03 10 --pause 2026-03-09 2026-03-03
contains "$T/err" "ends before it starts"
expect 2 calendar deadline 2026-03-03 10 --pause 2026-03-03 2026-3-9
contains "$T/err" "expected YYYY-MM-DD"
# A pause over the uncovered 2027 needs no calendar for its days; the
# days after it do.
expect 3 calendar deadline 2026-12-28 5 --pause 2026-12-29 2027-01-05
contains "$T/err" "no calendar covers 2027"

# A year no calendar covers is an error, never a guess.
expect 3 calendar deadline 2026-12-24 10
contains "$T/err" "no calendar covers 2027"
one_line "$T/err"
expect 3 calendar workdays 2027
contains "$T/err" "no calendar covers 2027"
expect 3 calendar deadline 2024-06-03 1
contains "$T/err" "no calendar covers 2024"

# Malformed arguments are usage errors.
expect 2 calendar deadline 2026-02-30 5
contains "$T/err" "date '2026-02-30' does not exist"
expect 2 calendar deadline 2026-2-3 5
contains "$T/err" "expected YYYY-MM-DD"
expect 2 calendar deadline 2026-02-03 -1
expect 2 calendar deadline 2026-02-03 five
expect 2 calendar workdays 26
expect 2 calendar workdays 2026x

# Inside a workspace: the calendars committed on main count.
new_ws "$T/ws"
cd "$T/ws"
cat >calendars/CN-2027.xml <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<calendar id="CN-2027">
  <holiday from="2027-01-01" to="2027-01-01" name="元旦"/>
</calendar>
XML
expect 3 calendar deadline 2026-12-24 10   # only in the work tree
git add calendars/CN-2027.xml
git commit -q -m "Add a provisional 2027 calendar"
deadline 2026-12-24 10 2027-01-08
expect 0 calendar workdays 2027
[ "$(cat "$T/out")" = 260 ] || fail "2027 has $(cat "$T/out")"
git rm -q calendars/CN-2026.xml
git commit -q -m "Withdraw 2026"
expect 3 calendar workdays 2026
contains "$T/err" "no calendar covers 2026"

# An invalid calendar committed with plain git is reported, not skipped.
printf '<calendar id="CN-2028">\n  <workday date="2028-02-31"/>\n</calendar>\n' >calendars/CN-2028.xml
git add calendars/CN-2028.xml
git commit -q -m "Broken calendar"
expect 3 calendar workdays 2025
contains "$T/err" "a committed calendar is invalid: calendars/CN-2028.xml:2:"
one_line "$T/err"
pass
