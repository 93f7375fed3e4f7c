/* SPDX-License-Identifier: MIT */
/*
 * page-login.c - GET /login, POST /login, POST /logout (SPEC 13).
 *
 * The login form has no session to carry a CSRF token, so it carries
 * the token of a pre-session cookie (CF_WEB_LOGIN_COOKIE, HttpOnly,
 * SameSite=Strict) and the server compares the two (a double-submit
 * token), besides the Origin.  A right password opens a session in the
 * store and sets its cookie; a wrong one says "wrong login or password"
 * whether or not the login exists (401); after CF_LOGIN_FAILURES
 * failures the login and the address wait (429 with Retry-After).
 */
#include "conform.h"
#include "html.h"
#include "http.h"
#include "layout.h"
#include "serve.h"

#include <microhttpd.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

static void
set_cookie(struct cf_web_req *r, struct cf_web_resp *w, const char *name,
    const char *value, bool clear)
{
	char buf[256];

	snprintf(buf, sizeof buf, "%s=%s; Path=/; HttpOnly; SameSite=Strict%s%s",
	    name, clear ? "" : value, r->https ? "; Secure" : "",
	    clear ? "; Max-Age=0" : "");
	cf_web_header(w, "Set-Cookie", buf);
}

static bool
is_token(const char *s)
{
	if (s == NULL || strlen(s) != CF_TOKEN_HEX)
		return false;
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f')))
			return false;
	return true;
}

static void
login_form(struct cf_web_req *r, struct cf_web_resp *w, const char *login,
    const char *refused)
{
	const char *have = MHD_lookup_connection_value(r->conn,
	    MHD_COOKIE_KIND, CF_WEB_LOGIN_COOKIE);
	char tok[CF_TOKEN_HEX + 1];
	FILE *f = w->f;

	if (is_token(have))
		memcpy(tok, have, sizeof tok);
	else {
		unsigned char raw[CF_TOKEN_HEX / 2];
		randombytes_buf(raw, sizeof raw);
		sodium_bin2hex(tok, sizeof tok, raw, sizeof raw);
		set_cookie(r, w, CF_WEB_LOGIN_COOKIE, tok, false);
	}
	cf_web_begin(r, w, CF_NAV_NONE, "登录", "Log in");
	if (refused) {
		fputs("<p class=\"refused\">", f);
		cf_html_text(f, refused);
		fputs("</p>\n", f);
	}
	fputs("<form class=\"login\" method=\"post\" action=\"/login\">\n"
	      "<input type=\"hidden\" name=\"csrf\" value=\"",
	    f);
	fputs(tok, f);
	fputs("\">\n<label for=\"login\">", f);
	cf_web_label(f, "登录名", "Login");
	fputs("</label><input id=\"login\" name=\"login\" autocomplete="
	      "\"username\" required autofocus value=\"",
	    f);
	cf_html_text(f, login ? login : "");
	fputs("\">\n<label for=\"password\">", f);
	cf_web_label(f, "密码", "Password");
	fputs("</label><input id=\"password\" name=\"password\" "
	      "type=\"password\" autocomplete=\"current-password\" required>\n"
	      "<p><button type=\"submit\">登录 <span class=\"en\">Log "
	      "in</span></button></p>\n</form>\n",
	    f);
	cf_web_end(r, w);
}

int
cf_web_page_login(struct cf_web_req *r, struct cf_web_resp *w, const char *arg)
{
	(void)arg;
	if (r->authed) {
		cf_web_redirect(w, "/");
		return 0;
	}
	login_form(r, w, NULL, NULL);
	return 0;
}

int
cf_web_page_login_post(struct cf_web_req *r, struct cf_web_resp *w,
    const char *arg)
{
	const char *login = cf_web_form(r, "login");
	const char *password = cf_web_form(r, "password");
	char token[CF_TOKEN_HEX + 1], csrf[CF_TOKEN_HEX + 1], msg[160];
	struct cf_account a = { 0 };
	char *why = NULL;
	int wait = 0, rc;

	(void)arg;
	rc = cf_account_login(r->st, login ? login : "",
	    password ? password : "", r->addr, r->now, r->today, &a, &wait,
	    &why);
	free(why);
	if (rc == CF_EINVALID || rc == CF_EBUSY || rc == CF_ENOTFOUND) {
		cf_error_clear();
		if (rc == CF_EBUSY) {
			char ra[16];
			w->status = 429;
			snprintf(ra, sizeof ra, "%d", wait > 0 ? wait : 1);
			cf_web_header(w, "Retry-After", ra);
			snprintf(msg, sizeof msg,
			    "登录失败次数过多，请 %d 秒后再试。 Too many failed "
			    "logins: wait %d s and try again.",
			    wait, wait);
		} else {
			w->status = 401;
			snprintf(msg, sizeof msg,
			    "登录名或密码错误。 Wrong login or password.");
		}
		login_form(r, w, login, msg);
		return 0;
	}
	if (rc < 0)
		return rc;
	rc = cf_session_open(r->st, a.login, r->now, token, csrf);
	cf_account_release(&a);
	if (rc < 0)
		return rc;
	set_cookie(r, w, CF_WEB_COOKIE, token, false);
	set_cookie(r, w, CF_WEB_LOGIN_COOKIE, NULL, true);
	cf_web_redirect(w, "/");
	return 0;
}

int
cf_web_page_logout(struct cf_web_req *r, struct cf_web_resp *w,
    const char *arg)
{
	int rc;

	(void)arg;
	if (r->authed && (rc = cf_session_close(r->st, r->token)) < 0)
		return rc;
	set_cookie(r, w, CF_WEB_COOKIE, NULL, true);
	cf_web_redirect(w, "/login");
	return 0;
}
