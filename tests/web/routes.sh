#!/bin/sh
# routes.sh - every route of `conform serve` (SPEC 13, doc/web.md) over
# HTTP with curl: the status codes, the redirects to /login, the
# security headers and cookies, the Origin and CSRF checks (403 and
# nothing changed), the roles checked on the server, the login
# throttling, escaping, logout and idle sessions, and a clean stop.
. "$(dirname "$0")/../lib/lib.sh"
. "$(dirname "$0")/web-lib.sh"

web_demo 400
web_start
J="$T/anon.jar"

# ---- without a session ----
req "$J" GET /login
status_is 200 "GET /login"
contains "$T/body" 'name="csrf"'
contains "$T/body" '登录'
header_has '^Set-Cookie: cf_login=[0-9a-f]\{64\}; Path=/; HttpOnly; SameSite=Strict'
header_has "^Content-Security-Policy: default-src 'none'"
header_has '^X-Frame-Options: DENY'
header_has '^X-Content-Type-Options: nosniff'
header_has '^Cache-Control: no-store'
lacks "$T/body" '<script'
for p in / /audits /audits/1 /cases/x /ncrs /ncrs/1 /documents \
	/documents/x /downloads /downloads/audit-1.csv; do
	req "$J" GET "$p"
	status_is 303 "GET $p without a session"
	header_has '^Location: /login'
done
req "$J" POST /ncrs/1 -H "Origin: $BASE" --data "state=analysed"
status_is 403 "POST /ncrs/1 without a session"
req "$J" GET /static/conform.css
status_is 200 "the style sheet"
header_has '^Content-Type: text/css'
for m in PUT DELETE PATCH OPTIONS; do
	req "$J" "$m" /
	status_is 405 "$m /"
	header_has '^Allow: GET, HEAD, POST'
done
req "$J" GET /no/such/page
status_is 404 "an unknown path"

# ---- logging in ----
t=$(login_csrf "$J")
req "$J" POST /login -H "Origin: $BASE" --data-urlencode "csrf=$t" \
	--data-urlencode login=mgr --data-urlencode password=wrong-password
status_is 401 "a wrong password"
contains "$T/body" 'Wrong login or password'
req "$J" POST /login -H "Origin: $BASE" --data-urlencode "csrf=$t" \
	--data-urlencode login=nobody --data-urlencode password=wrong-password
status_is 401 "an unknown login"
contains "$T/body" 'Wrong login or password'
# no Origin, a foreign Origin, no token, a wrong token: 403, no session
req "$J" POST /login --data-urlencode "csrf=$t" --data-urlencode login=mgr \
	--data-urlencode password=pw-mgr-1
status_is 403 "a login without Origin"
req "$J" POST /login -H "Origin: http://evil.example" --data-urlencode "csrf=$t" \
	--data-urlencode login=mgr --data-urlencode password=pw-mgr-1
status_is 403 "a login from a foreign Origin"
req "$J" POST /login -H "Origin: $BASE" --data-urlencode login=mgr \
	--data-urlencode password=pw-mgr-1
status_is 403 "a login without the csrf token"
req "$J" POST /login -H "Origin: $BASE" --data-urlencode login=mgr \
	--data-urlencode "csrf=$(echo "$t" | tr 0-9a-f 1-9a-f0)" \
	--data-urlencode password=pw-mgr-1
status_is 403 "a login with a wrong csrf token"
lacks "$T/headers" 'cf_session='
# the expired auditor cannot log in, with its right password
req "$J" POST /login -H "Origin: $BASE" --data-urlencode "csrf=$t" \
	--data-urlencode login=old --data-urlencode password=pw-old-1
status_is 401 "an expired account"
lacks "$T/headers" 'cf_session='

M="$T/mgr.jar"
web_login mgr "$M"
grep -q 'cf_session' "$M" || fail "no session cookie kept"
req "$M" GET /login
status_is 303 "GET /login with a session"
web_login mgr "$M"
header_has '^Cache-Control: no-store'
contains "$T/body" 'mgr'

# ---- every page with a session ----
AUDIT=$("$CONFORM" -C "$T/demo" audit list --format csv | sed -n '2s/,.*//p')
[ -n "$AUDIT" ] || fail "the demo has no audit"
DB="$T/demo/.conform/conform.db"
CASE=$(sqlite3 "$DB" 'SELECT case_id FROM case_rec ORDER BY case_id LIMIT 1')
[ -n "$CASE" ] || fail "no case id"
NCR=1
DOC=$("$CONFORM" -C "$T/demo" doc log --format csv 2>/dev/null | sed -n '2p' | cut -d, -f1)
for p in / /audits "/audits/$AUDIT" "/audits/$AUDIT?page=2" \
	"/audits/$AUDIT?result=fail" "/cases/$CASE" /ncrs "/ncrs?state=open" \
	"/ncrs?overdue=yes" "/ncrs/$NCR" /documents "/documents?date=2026-06-01" \
	/downloads; do
	req "$M" GET "$p"
	status_is 200 "GET $p"
	contains "$T/body" '<html lang="zh-CN">'
	lacks "$T/body" '<script'
done
req "$M" GET /ncrs -I
status_is 200 "HEAD /ncrs"
lacks "$T/body" "<html"
for p in /audits/999999 /audits/x /cases/no-such-case /ncrs/999 /ncrs/x \
	/documents/NO-SUCH-DOC /downloads/no-such-file; do
	req "$M" GET "$p"
	status_is 404 "GET $p"
done
req "$M" GET "/ncrs?state=bogus"
status_is 400 "a bad state filter"
req "$M" GET "/downloads/audit-$AUDIT.csv"
status_is 200 "the audit's findings as CSV"
header_has '^Content-Type: text/csv'
header_has '^Content-Disposition: attachment'
"$CONFORM" -C "$T/demo" report audit "$AUDIT" -o "$T/findings.csv" >/dev/null 2>&1 ||
	fail "report audit as CSV"
same "$T/body" "$T/findings.csv"
req "$M" GET "/downloads/audit-$AUDIT.xml"
status_is 200 "the audit report as XML"
req "$M" GET "/downloads/audit-$AUDIT.html"
status_is 200 "the audit report as HTML"

# ---- a document: its history, the file as committed, a diff ----
DOC=$(ls "$T/demo/procedures" | sed -n '1s/\.xml$//p')
COMMIT=$(git -C "$T/demo" log --format=%H -1 -- "procedures/$DOC.xml")
[ -n "$DOC" ] && [ -n "$COMMIT" ] || fail "no committed procedure in the demo"
req "$M" GET "/documents/$DOC"
status_is 200 "GET /documents/$DOC"
contains "$T/body" "$(echo "$COMMIT" | cut -c1-10)"
req "$M" GET "/documents/$DOC?raw=$COMMIT"
status_is 200 "the file as committed"
header_has '^Content-Type: text/plain; charset=utf-8'
git -C "$T/demo" show "$COMMIT:procedures/$DOC.xml" >"$T/committed.xml"
same "$T/body" "$T/committed.xml"
req "$M" GET "/documents/$DOC?a=$COMMIT&b=$COMMIT"
status_is 200 "a diff of a version with itself"
for bad in "raw=zzzz" "raw=0000000000" "a=$COMMIT&b=nothex"; do
	req "$M" GET "/documents/$DOC?$bad"
	case $(cat "$T/status") in 400|404) ;; *) fail "GET /documents/$DOC?$bad: $(cat "$T/status")" ;; esac
done
# a form over 64 KiB
head -c 70000 /dev/zero | tr '\0' a >"$T/big"
req "$M" POST "/ncrs/1" -H "Origin: $BASE" --data-urlencode "csrf=$CSRF" \
	--data-urlencode "correction@$T/big"
status_is 413 "a form over 64 KiB"

# ---- changes: Origin, CSRF, roles ----
state() { "$CONFORM" -C "$T/demo" ncr show "$NCR" | sed -n 's/^state  *//p'; }
[ "$(state)" = open ] || fail "NCR-0001 is not open: $(state)"
req "$M" POST "/ncrs/$NCR" --data-urlencode "csrf=$CSRF" \
	--data-urlencode state=analysed --data-urlencode root-cause=x
status_is 403 "a change without Origin"
req "$M" POST "/ncrs/$NCR" -H "Origin: http://evil.example" \
	--data-urlencode "csrf=$CSRF" --data-urlencode state=analysed \
	--data-urlencode root-cause=x
status_is 403 "a change from a foreign Origin"
req "$M" POST "/ncrs/$NCR" -H "Origin: $BASE" \
	--data-urlencode state=analysed --data-urlencode root-cause=x
status_is 403 "a change without the csrf token"
[ "$(state)" = open ] || fail "a refused change changed the NCR"

# every try above came from this address: forget them, or it would wait
sqlite3 "$DB" 'DELETE FROM login_failure' || fail "login_failure"
A="$T/aud.jar"
web_login aud "$A"
ACSRF=$CSRF
req "$A" GET "/ncrs/$NCR"
status_is 200 "the auditor reads the NCR"
lacks "$T/body" '<form class="change"'
req "$A" POST "/ncrs/$NCR" -H "Origin: $BASE" --data-urlencode "csrf=$ACSRF" \
	--data-urlencode state=analysed --data-urlencode root-cause=x
status_is 403 "an auditor's change"
[ "$(state)" = open ] || fail "the auditor changed the NCR"

web_login mgr "$M"
req "$M" POST "/ncrs/$NCR" -H "Origin: $BASE" --data-urlencode "csrf=$CSRF" \
	--data-urlencode state=action-planned
status_is 409 "a step the rules refuse"
contains "$T/body" 'Not saved'
[ "$(state)" = open ] || fail "a refused step changed the NCR"
req "$M" POST "/ncrs/$NCR" -H "Origin: $BASE" --data-urlencode "csrf=$CSRF" \
	--data-urlencode state=analysed \
	--data-urlencode 'root-cause=<script>alert(1)</script> 人手不足'
status_is 303 "a manager's change"
header_has "^Location: /ncrs/$NCR?saved=1"
[ "$(state)" = analysed ] || fail "the change did not happen: $(state)"
"$CONFORM" -C "$T/demo" ncr show "$NCR" >"$T/show"
grep -q 'ncr.update *mgr' "$T/show" || { cat "$T/show"; fail "the trail does not name the account"; }
req "$M" GET "/ncrs/$NCR?saved=1"
contains "$T/body" '&lt;script&gt;alert(1)&lt;/script&gt; 人手不足'
lacks "$T/body" '<script>alert'
req "$M" POST "/ncrs/$NCR/verify" -H "Origin: $BASE" --data-urlencode "csrf=$CSRF" \
	--data-urlencode "audit=$AUDIT"
status_is 403 "a manager's verification"
grep -q "POST /ncrs/$NCR 303 mgr" "$T/serve.err" || { cat "$T/serve.err"; fail "the change is not logged"; }

# ---- sessions end ----
req "$M" POST /logout -H "Origin: $BASE" --data-urlencode "csrf=$CSRF"
status_is 303 "logout"
header_has '^Location: /login'
req "$M" GET /
status_is 303 "the page after logout"
# idle for more than 30 minutes: gone
web_login mgr "$M"
sqlite3 "$DB" 'UPDATE session SET last_seen = last_seen - 1801' ||
	fail "cannot age the sessions"
req "$M" GET /
status_is 303 "a session idle for 31 minutes"

# ---- throttling: the sixth wrong password waits ----
# (the failures above, from this address, are forgotten first)
sqlite3 "$DB" 'DELETE FROM login_failure' || fail "login_failure"
t=$(login_csrf "$J")
for i in 1 2 3 4 5; do
	req "$J" POST /login -H "Origin: $BASE" --data-urlencode "csrf=$t" \
		--data-urlencode login=off --data-urlencode password=wrong-$i
	status_is 401 "wrong password $i"
done
req "$J" POST /login -H "Origin: $BASE" --data-urlencode "csrf=$t" \
	--data-urlencode login=off --data-urlencode password=pw-off-1
status_is 429 "the sixth try, even with the right password"
header_has '^Retry-After: [0-9]'
contains "$T/body" 'Too many failed logins'

# ---- a clean stop ----
kill -TERM "$SERVER_PID"
set +e
wait "$SERVER_PID"
rc=$?
set -e
SERVER_PID=
[ "$rc" = 0 ] || { cat "$T/serve.err"; fail "SIGTERM: exit $rc"; }
"$CONFORM" -C "$T/demo" trail verify >"$T/tv" 2>&1 || { cat "$T/tv"; fail "trail verify after the web's changes"; }
pass
