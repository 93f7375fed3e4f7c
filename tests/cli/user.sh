#!/bin/sh
# user.sh - the accounts of the web application (SPEC 13, doc/web.md):
# user add, list, disable and passwd with the password on stdin (and on
# a terminal, without echo), every refusal with its exit status, the
# global --as LOGIN naming the account in the trail and refused for an
# unknown, disabled or expired account and for a role too low, and an
# account row changed with sqlite3 named by `trail verify`.
. "$(dirname "$0")/../lib/lib.sh"
command -v sqlite3 >/dev/null || skip "sqlite3 is not installed"
D="$SRC/tests/data/audit"
A='张三 <zhang@x.cn>'

new_ws "$T/ws"
cd "$T/ws"
q() { sqlite3 .conform/conform.db "$1"; }
day() { date -d "$1" +%s; }
export CONFORM_NOW=$(day '2026-04-01 09:00:00 +0800')
printf 'manager-pw-1\n' >"$T/pw"
printf 'another-pw-2\r\n' >"$T/pw2"
printf 'short12\n' >"$T/short"

# ---- user add ----
expect 0 user add wang --role manager --expires 2026-04-30 <"$T/pw"
contains "$T/out" "account wang added: manager, until 2026-04-30"
contains "$T/err" "conform: recorded as: "
expect 0 user add li --role auditor <"$T/pw"
contains "$T/out" "account li added: auditor, no end"
expect 0 user add zhao --role officer <"$T/pw"
[ "$(q "SELECT count(*) FROM trail WHERE what = 'account.add'")" = 3 ] ||
	fail "three account.add entries"
# the trail holds the hash's SHA-256, never the hash
hash=$(q "SELECT hash FROM account WHERE login = 'wang'")
case $hash in '$argon2id$'*) ;; *) fail "not an argon2id hash: $hash" ;; esac
sum=$(printf '%s' "$hash" | sha256sum | cut -d' ' -f1)
data=$(q "SELECT data FROM trail WHERE subject = 'account wang'")
[ "$data" = "{\"created\":$CONFORM_NOW,\"disabled\":false,\"expires\":\"2026-04-30\",\"hash_sha256\":\"$sum\",\"role\":\"manager\"}" ] ||
	fail "the trail data of account wang: $data"
[ "$(q "SELECT count(*) FROM trail WHERE data LIKE '%argon2%'")" = 0 ] ||
	fail "a hash in the trail"

# refusals, each one line, nothing added
n=$(q "SELECT count(*) FROM trail")
expect 3 user add wang --role auditor <"$T/pw"
contains "$T/err" "conform: error: account 'wang' already exists"
one_line "$T/err"
expect 2 user add x1 --role admin <"$T/pw"
contains "$T/err" "--role: unknown role 'admin', expected auditor, manager or officer"
expect 2 user add x1 <"$T/pw"
contains "$T/err" "--role ROLE is needed"
expect 3 user add 'bad login' --role auditor <"$T/pw"
contains "$T/err" "only letters, digits"
expect 3 user add x1 --role auditor <"$T/short"
contains "$T/err" "a password is at least 8 bytes"
one_line "$T/err"
expect 3 user add x1 --role auditor </dev/null
contains "$T/err" "no password given"
expect 2 user add x1 --role auditor --expires 2026-13-01 <"$T/pw"
contains "$T/err" "--expires: "
expect 3 user add x1 --role auditor --expires 2026-03-31 <"$T/pw"
contains "$T/err" "--expires 2026-03-31 is already past"
expect 2 user add <"$T/pw"
expect 3 user disable nobody
contains "$T/err" "no account 'nobody'"
expect 3 user passwd nobody <"$T/pw"
contains "$T/err" "no account 'nobody'"
[ "$(q "SELECT count(*) FROM trail")" = "$n" ] || fail "a refusal wrote to the trail"
[ "$(q "SELECT count(*) FROM account")" = 3 ] || fail "a refusal added an account"

# ---- user list ----
expect 0 user list --format csv
cat >"$T/want" <<'CSV'
login,role,expires,state,created
li,auditor,,active,2026-04-01 09:00
wang,manager,2026-04-30,active,2026-04-01 09:00
zhao,officer,,active,2026-04-01 09:00
CSV
same "$T/out" "$T/want"
lacks "$T/out" 'argon2'
expect 0 user list --format json
contains "$T/out" '{"login": "wang", "role": "manager", "expires": "2026-04-30", "state": "active"'
expect 0 user list
contains "$T/out" "login"

# ---- a terminal: asked twice, no echo ----
# (each line sent once its prompt has turned the echo off: type-ahead is
# discarded, as getpass does)
if command -v script >/dev/null 2>&1; then
	(sleep 1; printf 'tty-password-1\n'; sleep 1; printf 'tty-password-1\n') |
		script -qec "\"$CONFORM\" user add tty1 --role auditor" /dev/null >"$T/tty.out" 2>&1 || true
	[ "$(q "SELECT count(*) FROM account WHERE login = 'tty1'")" = 1 ] || { cat "$T/tty.out"; fail "user add on a terminal"; }
	contains "$T/tty.out" "password for tty1: "
	contains "$T/tty.out" "the same again: "
	lacks "$T/tty.out" "tty-password-1"
	(sleep 1; printf 'tty-password-1\n'; sleep 1; printf 'tty-password-2\n') |
		script -qec "\"$CONFORM\" user add tty2 --role auditor" /dev/null >"$T/tty.out" 2>&1 || true
	contains "$T/tty.out" "the two passwords differ"
	[ "$(q "SELECT count(*) FROM account WHERE login = 'tty2'")" = 0 ] ||
		fail "two different passwords on a terminal accepted"
fi

# ---- --as on real NCRs ----
cp "$D/P-A-001.v1.xml" procedures/P-A-001.xml
cp "$D/P-B-001.xml" procedures/P-B-001.xml
cp "$D/CL-T.xml" checklists/CL-T.xml
"$CONFORM" doc commit -m docs --author "$A" --approved-by "李四 <li@x.cn>" >/dev/null 2>&1
"$CONFORM" cases import "$D/cases.csv" "$D/events.csv" >/dev/null 2>&1
expect 0 --as wang audit run CL-T --from 2026-02-01 --to 2026-03-31
contains "$T/err" "recorded as the audit team (the trail's actor): wang (the account from --as)"
[ "$(q "SELECT actor FROM trail WHERE what = 'audit.store'")" = wang ] ||
	fail "audit run --as wang: the trail's actor"
expect 0 --as wang ncr update 1 --owner "王五"
contains "$T/err" "conform: recorded as: wang (the account from --as)"
[ "$(q "SELECT actor FROM trail WHERE what = 'ncr.update' ORDER BY seq DESC LIMIT 1")" = wang ] ||
	fail "ncr update --as wang: the trail's actor"
# without --as nothing changes: the login name
USER=tester LOGNAME=tester expect 0 ncr update 1 --correction "重新收费"
contains "$T/err" "conform: recorded as: tester (the login name"
[ "$(q "SELECT actor FROM trail WHERE what = 'ncr.update' ORDER BY seq DESC LIMIT 1")" = tester ] ||
	fail "ncr update without --as: the trail's actor"
expect 0 --as=zhao ncr update 1 --owner "赵六"
[ "$(q "SELECT actor FROM trail ORDER BY seq DESC LIMIT 1")" = zhao ] ||
	fail "--as=zhao"

# an auditor reads, and changes nothing
n=$(q "SELECT count(*) FROM trail")
expect 0 --as li ncr list --format csv
contains "$T/out" "NCR-0001"
expect 3 --as li ncr update 1 --owner "李四"
contains "$T/err" "conform: error: account 'li' is an auditor: it may not change NCRs"
one_line "$T/err"
expect 3 --as li ncr update 1 --amend --owner x --reason y
contains "$T/err" "account 'li' is an auditor: it may not change NCRs"
expect 3 --as li ncr verify 1 --audit 1
contains "$T/err" "account 'li' is an auditor: it may not change NCRs"
expect 3 --as li cases import "$D/cases.csv"
contains "$T/err" "account 'li' is an auditor: it may not change the records"
expect 3 --as wang ncr verify 1 --audit 1
contains "$T/err" "account 'wang' is a manager: only an officer may run 'conform ncr verify'"
expect 3 --as wang user add x2 --role auditor <"$T/pw"
contains "$T/err" "only an officer may run 'conform user add'"
[ "$(q "SELECT count(*) FROM trail")" = "$n" ] || fail "a refused --as wrote to the trail"
[ "$(q "SELECT owner FROM ncr WHERE number = 1")" = "赵六" ] || fail "a refused --as changed the NCR"

# unknown, malformed, misplaced
expect 3 --as nobody ncr list
contains "$T/err" "conform: error: --as: no account 'nobody'"
one_line "$T/err"
expect 2 --as 'bad login' ncr list
contains "$T/err" "--as: login 'bad login'"
expect 2 --as
contains "$T/err" "option '--as' needs a login"
expect 2 --as li doc commit -m x
contains "$T/err" "--as does not go with 'conform doc commit': its actor is not an account"
expect 2 --as li calendar workdays 2026-03-01 2026-03-31
contains "$T/err" "--as does not go with 'conform calendar workdays'"

# expiry: usable on its last day, not the day after
CONFORM_NOW=$(day '2026-04-30 23:59:00 +0800') expect 0 --as wang ncr list
CONFORM_NOW=$(day '2026-05-01 00:00:00 +0800') expect 3 --as wang ncr list
contains "$T/err" "conform: error: --as: account 'wang' expired on 2026-04-30"
CONFORM_NOW=$(day '2026-05-01 00:00:00 +0800') expect 0 user list --format csv
grep -qx 'wang,manager,2026-04-30,expired,2026-04-01 09:00' "$T/out" || { cat "$T/out"; fail "wang expired"; }

# ---- disable ----
expect 0 user disable zhao
contains "$T/out" "account zhao disabled"
contains "$T/err" "conform: recorded as: "
expect 3 --as zhao ncr list
contains "$T/err" "--as: account 'zhao' is disabled"
expect 3 user disable zhao
contains "$T/err" "account 'zhao' is already disabled"
expect 0 user list --format csv
grep -qx 'zhao,officer,,disabled,2026-04-01 09:00' "$T/out" || { cat "$T/out"; fail "zhao disabled"; }

# ---- passwd ----
old=$(q "SELECT hash FROM account WHERE login = 'wang'")
expect 3 user passwd wang <"$T/short"
contains "$T/err" "at least 8 bytes"
[ "$(q "SELECT hash FROM account WHERE login = 'wang'")" = "$old" ] || fail "a refused passwd changed the hash"
expect 0 user passwd wang <"$T/pw2"
contains "$T/out" "account wang: password changed"
new=$(q "SELECT hash FROM account WHERE login = 'wang'")
[ "$new" != "$old" ] || fail "passwd kept the hash"
sum=$(printf '%s' "$new" | sha256sum | cut -d' ' -f1)
q "SELECT data FROM trail WHERE what = 'account.passwd' AND subject = 'account wang'" | grep -qF "\"hash_sha256\":\"$sum\"" ||
	fail "the passwd entry binds the new hash"

# ---- tampering ----
expect 0 trail verify
q "UPDATE account SET role = 'officer' WHERE login = 'li'"
expect 3 trail verify
contains "$T/err" "conform: error: account 'li': role is officer, its trail says auditor"
expect 3 --as li ncr update 1 --owner "李四"
contains "$T/err" "--as: account 'li' does not match its trail entry: role is officer, its trail says auditor"
q "UPDATE account SET role = 'auditor' WHERE login = 'li'"
expect 0 trail verify
q "UPDATE account SET hash = (SELECT hash FROM account WHERE login = 'wang') WHERE login = 'li'"
expect 3 trail verify
contains "$T/err" "account 'li': its password hash is not the one its trail recorded"
q "UPDATE account SET disabled = 0 WHERE login = 'zhao'"
expect 3 trail verify
contains "$T/err" "account 'zhao': disabled is false, its trail says true"
contains "$T/err" "account 'li': its password hash"
pass
