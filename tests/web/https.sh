#!/bin/sh
# https.sh - `conform serve --cert --key` speaks HTTPS (libmicrohttpd's
# GnuTLS): the cookies are Secure, HSTS is sent; a certificate without
# its key, a bad --listen and a missing file are refused with one line.
. "$(dirname "$0")/../lib/lib.sh"
. "$(dirname "$0")/web-lib.sh"
command -v openssl >/dev/null 2>&1 || skip "openssl is not installed"

web_demo 50
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 \
	-keyout "$T/key.pem" -out "$T/cert.pem" >/dev/null 2>&1 || fail "openssl req"

expect 2 -C "$T/demo" serve --cert "$T/cert.pem"
one_line "$T/err"
contains "$T/err" "HTTPS needs both --cert and --key"
expect 2 -C "$T/demo" serve --listen nowhere
one_line "$T/err"
contains "$T/err" "--listen 'nowhere': expected HOST:PORT"
expect 2 -C "$T/demo" serve --listen 127.0.0.1:99999
contains "$T/err" "the port must be a number from 0"
expect 3 -C "$T/demo" serve --cert "$T/none.pem" --key "$T/key.pem"
one_line "$T/err"
contains "$T/err" "--cert $T/none.pem"

web_start --cert "$T/cert.pem" --key "$T/key.pem"
case $BASE in https://127.0.0.1:*) ;; *) fail "not https: $BASE" ;; esac
J="$T/j"
req "$J" GET /login
status_is 200 "GET /login over HTTPS"
header_has '^Set-Cookie: cf_login=[0-9a-f]*; Path=/; HttpOnly; SameSite=Strict; Secure'
header_has '^Strict-Transport-Security: max-age='
web_login mgr "$J"
grep -q 'cf_session' "$J" || fail "no session cookie"
# plain HTTP to the HTTPS port gets nothing
if curl -s -o /dev/null "http://${BASE#https://}/login"; then
	fail "plain HTTP was answered on the HTTPS port"
fi
pass
