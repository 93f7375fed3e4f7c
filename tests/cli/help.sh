#!/bin/sh
# help.sh - the command line itself: version, help, usage errors, exit
# codes of doc/command-line.md, one-line errors, the installed man page.
. "$(dirname "$0")/../lib/lib.sh"

expect 0 --version
contains "$T/out" "conform 0."
expect 0 help
for c in "init" "doc check" "doc commit" "doc log" "doc show" "doc diff" "calendar deadline" "calendar workdays" "help"; do
	contains "$T/out" "$c"
done
expect 0 help doc check
contains "$T/out" "usage: conform doc check [FILE...]"
expect 0 doc check --help
contains "$T/out" "usage: conform doc check"
expect 0 calendar deadline -h
contains "$T/out" "N-th working day"
expect 0 --help
contains "$T/out" "Exit status"

expect 2
contains "$T/err" "usage: conform"
expect 2 bogus
contains "$T/err" "conform: error: unknown command 'bogus'"
one_line "$T/err"
expect 2 doc
contains "$T/err" "'conform doc' needs a command: approve, check"
expect 2 doc bogus
contains "$T/err" "unknown command 'conform doc bogus'"
expect 2 calendar deadline 2026-01-01
contains "$T/err" "usage: conform calendar deadline DATE N"
one_line "$T/err"
expect 2 doc check --nope
contains "$T/err" "unknown option '--nope' for 'conform doc check'"
one_line "$T/err"
expect 2 init --timezone
contains "$T/err" "missing argument to option '--timezone'"
expect 2 -C
expect 2 --frobnicate
expect 2 help no such
contains "$T/err" "no command 'no such'"

# The man page is installed beside the program.
test -f "$PREFIX/share/man/man1/conform.1" || fail "man page not installed"
grep -q '^\.TH CONFORM 1' "$PREFIX/share/man/man1/conform.1" || fail "man page"
for c in "doc check" "doc commit" "doc log" "doc show" "doc diff" "calendar deadline" "init" "EXIT STATUS"; do
	grep -qF "$c" "$PREFIX/share/man/man1/conform.1" || fail "man page lacks $c"
done
pass
