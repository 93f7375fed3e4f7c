# SPDX-License-Identifier: MIT
# web-lib.sh - a demonstration workspace served by `conform serve`, for
# the web tests (tests/web/*.sh; source after lib.sh).
#
# web_demo CASES: builds the demo center in $T/demo (once) with four
#   accounts, each with the password "pw-$LOGIN-1": mgr (manager), off
#   (officer), aud (auditor, until next year), old (auditor, until
#   yesterday).
# web_start [ARGS...]: starts `conform serve --listen 127.0.0.1:0 ARGS`
#   in $T/demo and sets $BASE (http://127.0.0.1:PORT) and $SERVER_PID;
#   stopped at exit.
# web_login LOGIN JAR: logs LOGIN in with curl, the cookies in a new JAR; sets
#   $CSRF to the session's token (read from the overview's logout form).
# req JAR METHOD PATH [CURL ARGS...]: one request; the status in
#   $T/status, headers in $T/headers, body in $T/body.

command -v curl >/dev/null 2>&1 || skip "curl is not installed"

web_user() {
	u=$1 role=$2
	shift 2
	printf 'pw-%s-1\n' "$u" |
		"$CONFORM" -C "$T/demo" user add "$u" --role "$role" "$@" \
			>"$T/user.out" 2>&1 || { cat "$T/user.out"; fail "user add $u"; }
}

web_demo() {
	"$CONFORM" demo --dir "$T/demo" --cases "$1" >"$T/demo.out" 2>&1 ||
		{ cat "$T/demo.out"; fail "conform demo"; }
	web_user mgr manager
	web_user off officer
	web_user aud auditor --expires "$(date -d '+1 year' +%F)"
	# made a week ago, its last day yesterday
	CONFORM_NOW=$(date -d '-7 days' +%s) \
		web_user old auditor --expires "$(date -d yesterday +%F)"
}

SERVER_PID=
web_stop() {
	[ -n "$SERVER_PID" ] || return 0
	kill -TERM "$SERVER_PID" 2>/dev/null || true
	wait "$SERVER_PID" 2>/dev/null || true
	SERVER_PID=
}
trap 'web_stop; chmod -R u+w "$T" 2>/dev/null; rm -rf "$T"' EXIT

web_start() {
	: >"$T/serve.err"
	"$CONFORM" -C "$T/demo" serve --listen 127.0.0.1:0 "$@" \
		2>"$T/serve.err" &
	SERVER_PID=$!
	i=0
	until grep -q 'conform: serving .* at ' "$T/serve.err"; do
		kill -0 "$SERVER_PID" 2>/dev/null ||
			{ cat "$T/serve.err"; fail "conform serve did not start"; }
		i=$((i + 1))
		[ $i -lt 600 ] || { cat "$T/serve.err"; fail "conform serve is not listening"; }
		sleep 0.1
	done
	BASE=$(sed -n 's|^conform: serving .* at \([a-z]*://[^/]*\)/.*|\1|p' "$T/serve.err" | head -1)
	[ -n "$BASE" ] || fail "no address in: $(cat "$T/serve.err")"
}

req() {
	jar=$1 method=$2 path=$3
	shift 3
	curl -sS -k -o "$T/body" -D "$T/headers" -w '%{http_code}' \
		-b "$jar" -c "$jar" -X "$method" "$@" "$BASE$path" >"$T/status" ||
		fail "curl $method $path"
}
status_is() {
	[ "$(cat "$T/status")" = "$1" ] ||
		{ cat "$T/headers"; head -c 2000 "$T/body"; fail "$2: status $(cat "$T/status"), expected $1"; }
}
header_has() {
	grep -qi -- "$1" "$T/headers" || { cat "$T/headers"; fail "no header '$1'"; }
}

# The login form's token (its pre-session cookie is set in JAR).
login_csrf() {
	req "$1" GET /login
	sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$T/body" | head -1
}

web_login() {
	rm -f "$2" # a new session, whatever the jar held
	t=$(login_csrf "$2")
	[ -n "$t" ] || fail "no csrf field on /login"
	req "$2" POST /login -H "Origin: $BASE" --data-urlencode "csrf=$t" \
		--data-urlencode "login=$1" --data-urlencode "password=pw-$1-1"
	status_is 303 "log in as $1"
	req "$2" GET /
	status_is 200 "the overview as $1"
	CSRF=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$T/body" | head -1)
	[ -n "$CSRF" ] || fail "no session csrf token on the overview"
}
