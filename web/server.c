/* SPDX-License-Identifier: MIT */
/*
 * server.c - `conform serve`'s HTTP server (SPEC 13, doc/web.md):
 * libmicrohttpd with its internal thread pool, HTTPS through its GnuTLS
 * support when a certificate and key are given.
 *
 * Each worker thread keeps its own workspace (and so its own SQLite
 * connection, WAL mode: readers never wait for the one writer), opened
 * on its first request and closed when the thread ends.  A request is
 * read whole (a POST's fields through libmicrohttpd's post processor, at
 * most CF_WEB_MAX_BODY bytes), then:
 *   1. only GET, HEAD and POST are served (405 otherwise);
 *   2. the session cookie is looked up in the store and its account
 *      checked (cf_account_usable: active, not expired, matching its
 *      trail) — a page without a session redirects to /login (303), a
 *      POST without one is refused (403);
 *   3. every POST must carry an Origin equal to this server's own
 *      (scheme and Host) and the session's CSRF token (the login form:
 *      the token of its pre-session cookie); otherwise 403 and nothing
 *      is changed;
 *   4. the route's page runs; roles are checked there, on the server.
 * Every response carries the security headers (security_headers()); no
 * page with data may be cached.
 *
 * SIGINT and SIGTERM stop it cleanly: they are blocked in every thread
 * and taken by sigwait() in the main one, which then stops the daemon;
 * libmicrohttpd joins its workers, so a request being handled finishes,
 * and every change is one transaction, so nothing is half-written.
 */
#include "conform.h"
#include "account.h"
#include "http.h"
#include "layout.h"
#include "html.h"
#include "paths.h"
#include "text.h"
#include "serve.h"
#include "workspace.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <sodium.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#define CF_WEB_MAX_BODY (64 * 1024)

struct server {
	const struct cf_web_opts *o;
	bool https;
};

/* ---- the worker thread's workspace ---- */

static pthread_key_t ws_key;
static pthread_once_t ws_once = PTHREAD_ONCE_INIT;

static void
ws_destroy(void *p)
{
	cf_ws_free(p);
}

static void
ws_key_make(void)
{
	(void)pthread_key_create(&ws_key, ws_destroy);
}

static int
thread_ws(const char *dir, struct cf_ws **out)
{
	struct cf_ws *ws;
	int rc;

	(void)pthread_once(&ws_once, ws_key_make);
	if ((ws = pthread_getspecific(ws_key)) == NULL) {
		if ((rc = cf_ws_find(&ws, dir)) < 0)
			return rc;
		(void)pthread_setspecific(ws_key, ws);
	}
	*out = ws;
	return 0;
}

/* ---- what pages call ---- */

const char *
cf_web_query(const struct cf_web_req *r, const char *name)
{
	const char *v = MHD_lookup_connection_value(r->conn,
	    MHD_GET_ARGUMENT_KIND, name);
	return v && *v ? v : NULL;
}

const char *
cf_web_form(const struct cf_web_req *r, const char *name)
{
	for (size_t i = 0; i < r->form_keys.n; i++)
		if (strcmp(r->form_keys.v[i], name) == 0)
			return r->form_vals.v[i];
	return NULL;
}

void
cf_web_header(struct cf_web_resp *w, const char *key, const char *value)
{
	cf_strv_push(&w->hk, key);
	cf_strv_push(&w->hv, value);
}

void
cf_web_redirect(struct cf_web_resp *w, const char *location)
{
	w->status = 303;
	cf_web_header(w, "Location", location);
}

bool
cf_web_may(const struct cf_web_req *r, enum cf_role min)
{
	return r->authed && r->acct.role >= min;
}

int
cf_web_forbid(struct cf_web_req *r, struct cf_web_resp *w, const char *why)
{
	if (w->f) { /* whatever the page began is dropped */
		fclose(w->f);
		free(w->body);
		w->f = NULL;
		w->body = NULL;
		w->len = 0;
	}
	w->f = open_memstream(&w->body, &w->len);
	w->status = 403;
	cf_web_begin(r, w, CF_NAV_NONE, "禁止", "Forbidden");
	fputs("<p class=\"refused\">", w->f);
	cf_html_text(w->f, why);
	fputs("</p>\n", w->f);
	cf_web_end(r, w);
	return 0;
}

/* ---- one request ---- */

struct conn_state {
	struct MHD_PostProcessor *pp;
	struct cf_strv keys, vals;
	size_t body;
	bool too_big, bad_form;
};

static enum MHD_Result
post_field(void *cls, enum MHD_ValueKind kind, const char *key,
    const char *filename, const char *content_type,
    const char *transfer_encoding, const char *data, uint64_t off,
    size_t size)
{
	struct conn_state *cs = cls;

	(void)kind;
	(void)content_type;
	(void)transfer_encoding;
	if (filename) { /* no form here uploads a file */
		cs->bad_form = true;
		return MHD_NO;
	}
	if (off == 0 || cs->keys.n == 0 ||
	    strcmp(cs->keys.v[cs->keys.n - 1], key) != 0) {
		cf_strv_push(&cs->keys, key);
		cf_strv_push_owned(&cs->vals, cf_xstrndup(data, size));
	} else { /* the next piece of the same field */
		char **v = &cs->vals.v[cs->vals.n - 1];
		size_t have = strlen(*v);
		*v = cf_xrealloc(*v, have + size + 1);
		memcpy(*v + have, data, size);
		(*v)[have + size] = '\0';
	}
	return MHD_YES;
}

static const char *
header(struct MHD_Connection *c, const char *name)
{
	return MHD_lookup_connection_value(c, MHD_HEADER_KIND, name);
}

/* Whether the request's Origin is this server: scheme and Host. */
static bool
origin_ok(struct MHD_Connection *c, bool https)
{
	const char *origin = header(c, "Origin"), *host = header(c, "Host");
	const char *scheme = https ? "https://" : "http://";
	size_t n = strlen(scheme);

	if (origin == NULL || host == NULL || *host == '\0')
		return false;
	return strncmp(origin, scheme, n) == 0 && strcmp(origin + n, host) == 0;
}

static bool
token_eq(const char *a, const char *b)
{
	return a && b && strlen(a) == CF_TOKEN_HEX && strlen(b) == CF_TOKEN_HEX &&
	    sodium_memcmp(a, b, CF_TOKEN_HEX) == 0;
}

static void
client_addr(struct MHD_Connection *c, char *buf, size_t size)
{
	const union MHD_ConnectionInfo *ci =
	    MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = ci ? ci->client_addr : NULL;

	snprintf(buf, size, "unknown");
	if (sa && sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr,
		    buf, (socklen_t)size);
	else if (sa && sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6,
		    &((const struct sockaddr_in6 *)sa)->sin6_addr, buf,
		    (socklen_t)size);
}

struct route {
	const char *method;
	const char *prefix; /* the path, or with a trailing '/' its start */
	bool session;	    /* needs one */
	cf_web_page_fn fn;
};

static const struct route routes[] = {
	{ "GET", "/login", false, cf_web_page_login },
	{ "POST", "/login", false, cf_web_page_login_post },
	{ "POST", "/logout", false, cf_web_page_logout },
	{ "GET", "/", true, cf_web_page_overview },
	{ "GET", "/audits", true, cf_web_page_audits },
	{ "GET", "/audits/", true, cf_web_page_audit },
	{ "GET", "/cases/", true, cf_web_page_case },
	{ "GET", "/ncrs", true, cf_web_page_ncrs },
	{ "GET", "/ncrs/", true, cf_web_page_ncr },
	{ "POST", "/ncrs/", true, cf_web_page_ncr_post },
	{ "GET", "/documents", true, cf_web_page_documents },
	{ "GET", "/documents/", true, cf_web_page_document },
	{ "GET", "/downloads", true, cf_web_page_downloads },
	{ "GET", "/downloads/", true, cf_web_page_download },
};

/* The route of `method` `path` and the rest of the path after its
 * prefix; NULL when none (*path_known: some method has it). */
static const struct route *
find_route(const char *method, const char *path, const char **arg,
    bool *path_known)
{
	*path_known = false;
	for (size_t i = 0; i < CF_ARRAY_LEN(routes); i++) {
		const struct route *rt = &routes[i];
		size_t n = strlen(rt->prefix);
		const char *rest;
		if (rt->prefix[n - 1] == '/' && n > 1) {
			if (strncmp(path, rt->prefix, n) != 0 || path[n] == '\0')
				continue;
			rest = path + n;
		} else if (strcmp(path, rt->prefix) == 0)
			rest = "";
		else
			continue;
		*path_known = true;
		if (strcmp(method, rt->method) == 0) {
			*arg = rest;
			return rt;
		}
	}
	return NULL;
}

static const char csp[] =
    "default-src 'none'; style-src 'self'; style-src-attr 'unsafe-inline'; "
    "img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'";
/* A stored report shown as a page carries its own style sheet. */
static const char csp_report[] =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

static void
security_headers(struct MHD_Response *resp, const struct cf_web_resp *w,
    bool https, bool cacheable)
{
	MHD_add_response_header(resp, "Content-Security-Policy",
	    w->report ? csp_report : csp);
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
	MHD_add_response_header(resp, "Cross-Origin-Opener-Policy",
	    "same-origin");
	MHD_add_response_header(resp, "Cross-Origin-Resource-Policy",
	    "same-origin");
	MHD_add_response_header(resp, "Cache-Control",
	    cacheable ? "private, max-age=3600" : "no-store");
	if (https)
		MHD_add_response_header(resp, "Strict-Transport-Security",
		    "max-age=31536000");
}

static void
error_page(struct cf_web_req *r, struct cf_web_resp *w, int status,
    const char *zh, const char *en, const char *msg)
{
	if (w->f) {
		fclose(w->f);
		w->f = NULL;
	}
	free(w->body);
	w->body = NULL;
	w->len = 0;
	if (w->fd >= 0) {
		close(w->fd);
		w->fd = -1;
	}
	cf_strv_release(&w->hk);
	cf_strv_release(&w->hv);
	w->report = false;
	w->type = "text/html; charset=utf-8";
	w->f = open_memstream(&w->body, &w->len);
	w->status = status;
	cf_web_begin(r, w, CF_NAV_NONE, zh, en);
	if (msg) {
		fputs("<p class=\"refused\">", w->f);
		cf_html_text(w->f, msg);
		fputs("</p>\n", w->f);
	}
	cf_web_end(r, w);
}

/* Looks up the session of the request's cookie. */
static void
session_of(struct cf_web_req *r, struct MHD_Connection *c)
{
	const char *tok = MHD_lookup_connection_value(c, MHD_COOKIE_KIND,
	    CF_WEB_COOKIE);
	char *login = NULL;

	if (tok == NULL || strlen(tok) != CF_TOKEN_HEX)
		return;
	if (cf_session_get(r->st, tok, r->now, &login, r->csrf) < 0) {
		cf_error_clear();
		return;
	}
	if (cf_account_usable(r->st, login, r->today, &r->acct) == 0) {
		r->authed = true;
		memcpy(r->token, tok, CF_TOKEN_HEX + 1);
	} else
		cf_error_clear();
	free(login);
}

static void
log_line(const struct server *s, const struct cf_web_req *r, int status,
    const char *msg)
{
	if (s->o->log == NULL)
		return;
	if (status < 500 && strcmp(r->method, "POST") != 0 && !s->o->verbose)
		return;
	struct cf_buf b = CF_BUF_INIT;
	cf_text_add_printable(&b, r->path, strlen(r->path));
	flockfile(s->o->log);
	fprintf(s->o->log, "conform serve: %s %s %s %d %s%s%s\n", r->addr,
	    r->method, b.s, status, r->authed ? r->acct.login : "-",
	    msg ? ": " : "", msg ? msg : "");
	fflush(s->o->log);
	funlockfile(s->o->log);
	cf_buf_release(&b);
}

static enum MHD_Result
send_resp(struct MHD_Connection *c, const struct server *s,
    struct cf_web_resp *w, bool cacheable)
{
	struct MHD_Response *resp;
	enum MHD_Result ok;

	if (w->fd >= 0) {
		resp = MHD_create_response_from_fd64((uint64_t)w->fd_size,
		    w->fd);
		w->fd = -1; /* libmicrohttpd closes it */
	} else {
		resp = MHD_create_response_from_buffer(w->len, w->body,
		    MHD_RESPMEM_MUST_FREE);
		w->body = NULL;
	}
	if (resp == NULL)
		return MHD_NO;
	security_headers(resp, w, s->https, cacheable);
	MHD_add_response_header(resp, "Content-Type",
	    w->type ? w->type : "text/html; charset=utf-8");
	for (size_t i = 0; i < w->hk.n; i++)
		MHD_add_response_header(resp, w->hk.v[i], w->hv.v[i]);
	ok = MHD_queue_response(c, (unsigned)w->status, resp);
	MHD_destroy_response(resp);
	return ok;
}

static enum MHD_Result
handle(void *cls, struct MHD_Connection *c, const char *url,
    const char *method, const char *version, const char *upload,
    size_t *upload_size, void **con_cls)
{
	struct server *s = cls;
	struct conn_state *cs = *con_cls;
	struct cf_web_req r = { 0 };
	struct cf_web_resp w = { .status = 200, .fd = -1 };
	const struct route *rt;
	const char *arg = "";
	char addr[INET6_ADDRSTRLEN + 1];
	bool known, is_post = strcmp(method, "POST") == 0;
	bool cacheable = false;
	enum MHD_Result ok;
	int rc = 0;

	(void)version;
	if (cs == NULL) { /* the headers: set up for the body */
		cs = cf_xcalloc(1, sizeof *cs);
		*con_cls = cs;
		if (is_post)
			cs->pp = MHD_create_post_processor(c, 4096, post_field,
			    cs);
		return MHD_YES;
	}
	if (*upload_size > 0) {
		cs->body += *upload_size;
		if (cs->body > CF_WEB_MAX_BODY)
			cs->too_big = true;
		else if (cs->pp == NULL ||
		    MHD_post_process(cs->pp, upload, *upload_size) != MHD_YES)
			cs->bad_form = true;
		*upload_size = 0;
		return MHD_YES;
	}

	client_addr(c, addr, sizeof addr);
	r.method = strcmp(method, "HEAD") == 0 ? "GET" : method;
	r.path = url;
	r.conn = c;
	r.addr = addr;
	r.https = s->https;
	r.form_keys = cs->keys;
	r.form_vals = cs->vals;
	r.now = cf_now();
	w.type = "text/html; charset=utf-8";

	if ((rc = thread_ws(s->o->dir, &r.ws)) < 0 ||
	    (rc = cf_ws_store(r.ws, &r.st)) < 0 ||
	    (rc = cf_ws_tz(r.ws, &r.tz)) < 0) {
		error_page(&r, &w, 500, "服务器错误", "Server error", NULL);
		log_line(s, &r, 500, cf_error_message());
		goto send;
	}
	r.today = cf_tz_day(r.tz, r.now);

	if (strcmp(url, "/static/conform.css") == 0 &&
	    strcmp(r.method, "GET") == 0) {
		size_t n;
		const char *css = cf_web_css(&n);
		w.type = "text/css; charset=utf-8";
		w.body = cf_xmalloc(n);
		memcpy(w.body, css, n);
		w.len = n;
		cacheable = true;
		goto send;
	}
	rt = find_route(r.method, url, &arg, &known);
	if (strcmp(r.method, "GET") != 0 && !is_post) {
		error_page(&r, &w, 405, "不允许的方法", "Method not allowed",
		    "only GET, HEAD and POST are served");
		cf_web_header(&w, "Allow", "GET, HEAD, POST");
		goto send;
	}
	if (rt == NULL) {
		session_of(&r, c);
		if (known) {
			error_page(&r, &w, 405, "不允许的方法",
			    "Method not allowed", NULL);
			cf_web_header(&w, "Allow", is_post ? "GET, HEAD" : "POST");
		} else
			error_page(&r, &w, 404, "找不到", "Not found", NULL);
		goto send;
	}
	if (is_post && (cs->too_big || cs->bad_form)) {
		error_page(&r, &w, cs->too_big ? 413 : 400,
		    cs->too_big ? "内容过大" : "表单无效",
		    cs->too_big ? "Content too large" : "Bad form",
		    cs->too_big ? "a form may send at most 64 KiB"
				: "the form could not be read");
		goto send;
	}
	session_of(&r, c);
	if (rt->session && !r.authed) {
		if (is_post)
			error_page(&r, &w, 403, "禁止", "Forbidden",
			    "no session: log in first");
		else
			cf_web_redirect(&w, "/login");
		goto send;
	}
	if (is_post) {
		const char *csrf = cf_web_form(&r, "csrf");
		const char *expect = r.authed ? r.csrf : NULL;
		if (rt->fn == cf_web_page_login_post)
			expect = MHD_lookup_connection_value(c, MHD_COOKIE_KIND,
			    CF_WEB_LOGIN_COOKIE);
		if (!origin_ok(c, s->https)) {
			error_page(&r, &w, 403, "禁止", "Forbidden",
			    "the request did not come from this site's own "
			    "pages (Origin)");
			log_line(s, &r, 403, "Origin");
			goto send;
		}
		if (rt->fn != cf_web_page_logout && !token_eq(csrf, expect)) {
			error_page(&r, &w, 403, "禁止", "Forbidden",
			    "the form's security token is missing or stale: "
			    "reload the page and try again");
			log_line(s, &r, 403, "CSRF token");
			goto send;
		}
	}
	w.f = open_memstream(&w.body, &w.len);
	rc = rt->fn(&r, &w, arg);
	if (rc < 0) {
		const char *msg = cf_error_message();
		if (rc == CF_ENOTFOUND)
			error_page(&r, &w, 404, "找不到", "Not found", msg);
		else if (rc == CF_EUSAGE || rc == CF_EINVALID)
			error_page(&r, &w, 400, "请求无效", "Bad request", msg);
		else {
			log_line(s, &r, 500, msg);
			error_page(&r, &w, 500, "服务器错误", "Server error",
			    NULL);
		}
		cf_error_clear();
	} else
		log_line(s, &r, w.status, NULL);
send:
	if (w.f) {
		fclose(w.f);
		w.f = NULL;
	}
	ok = send_resp(c, s, &w, cacheable);
	free(w.body);
	if (w.fd >= 0)
		close(w.fd);
	cf_strv_release(&w.hk);
	cf_strv_release(&w.hv);
	cf_account_release(&r.acct);
	return ok;
}

static void
completed(void *cls, struct MHD_Connection *c, void **con_cls,
    enum MHD_RequestTerminationCode toe)
{
	struct conn_state *cs = *con_cls;

	(void)cls;
	(void)c;
	(void)toe;
	if (cs == NULL)
		return;
	if (cs->pp)
		MHD_destroy_post_processor(cs->pp);
	cf_strv_release(&cs->keys);
	cf_strv_release(&cs->vals);
	free(cs);
	*con_cls = NULL;
}

/* ---- starting and stopping ---- */

/* "HOST:PORT", "[V6]:PORT" or ":PORT" into a socket address. */
static int
parse_listen(const char *s, struct sockaddr_storage *ss, socklen_t *len)
{
	const char *colon = strrchr(s, ':');
	char host[128];
	long port;
	char *end;

	if (colon == NULL)
		return cf_error_set(CF_EUSAGE,
		    "--listen '%s': expected HOST:PORT, e.g. 127.0.0.1:8080", s);
	errno = 0;
	port = strtol(colon + 1, &end, 10);
	if (colon[1] == '\0' || *end != '\0' || errno || port < 0 ||
	    port > 65535)
		return cf_error_set(CF_EUSAGE,
		    "--listen '%s': the port must be a number from 0 (any "
		    "free port) to 65535",
		    s);
	size_t hn = (size_t)(colon - s);
	if (hn >= 2 && s[0] == '[' && s[hn - 1] == ']') {
		s++;
		hn -= 2;
	}
	if (hn >= sizeof host)
		return cf_error_set(CF_EUSAGE, "--listen: host too long");
	memcpy(host, s, hn);
	host[hn] = '\0';
	memset(ss, 0, sizeof *ss);
	if (hn == 0)
		snprintf(host, sizeof host, "127.0.0.1");
	struct sockaddr_in *a4 = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)ss;
	if (inet_pton(AF_INET, host, &a4->sin_addr) == 1) {
		a4->sin_family = AF_INET;
		a4->sin_port = htons((uint16_t)port);
		*len = sizeof *a4;
	} else if (inet_pton(AF_INET6, host, &a6->sin6_addr) == 1) {
		a6->sin6_family = AF_INET6;
		a6->sin6_port = htons((uint16_t)port);
		*len = sizeof *a6;
	} else
		return cf_error_set(CF_EUSAGE,
		    "--listen '%s': the host must be an IP address "
		    "(127.0.0.1, 0.0.0.0, ::1)",
		    s);
	return 0;
}

static int
read_pem(const char *path, const char *what, char **out)
{
	size_t n;
	int rc = cf_read_file(path, 1 << 20, out, &n);
	if (rc < 0)
		return cf_error_set(rc, "--%s %s: %s", what, path,
		    cf_error_message());
	return 0;
}

static void
mhd_log(void *cls, const char *fmt, va_list ap)
{
	FILE *f = cls;
	if (f == NULL)
		return;
	flockfile(f);
	fputs("conform serve: ", f);
	vfprintf(f, fmt, ap);
	fflush(f);
	funlockfile(f);
}

int
cf_web_serve(const struct cf_web_opts *o)
{
	struct server s = { .o = o, .https = o->cert != NULL };
	struct sockaddr_storage ss;
	socklen_t sslen;
	struct MHD_Daemon *d;
	char *cert = NULL, *key = NULL;
	sigset_t set, old;
	unsigned flags;
	int sig, rc;

	if ((rc = parse_listen(o->listen ? o->listen : CF_WEB_LISTEN, &ss,
		 &sslen)) < 0)
		return rc;
	if ((o->cert == NULL) != (o->key == NULL))
		return cf_error_set(CF_EUSAGE,
		    "HTTPS needs both --cert and --key");
	if (o->cert && ((rc = read_pem(o->cert, "cert", &cert)) < 0 ||
			   (rc = read_pem(o->key, "key", &key)) < 0))
		goto out;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	/* blocked before the workers start, so they inherit it */
	pthread_sigmask(SIG_BLOCK, &set, &old);
	flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL_LINUX_ONLY |
	    MHD_USE_ERROR_LOG;
	if (ss.ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	if (s.https)
		flags |= MHD_USE_TLS;
	/* the certificate and key, or nothing, as one option array */
	struct MHD_OptionItem tls[] = {
		{ MHD_OPTION_HTTPS_MEM_CERT, 0, cert },
		{ MHD_OPTION_HTTPS_MEM_KEY, 0, key },
		{ MHD_OPTION_END, 0, NULL },
	};
	if (!s.https)
		tls[0].option = MHD_OPTION_END;
	d = MHD_start_daemon(flags, 0, NULL, NULL, handle, &s,
	    MHD_OPTION_EXTERNAL_LOGGER, mhd_log, o->log,
	    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
	    MHD_OPTION_THREAD_POOL_SIZE, o->threads,
	    MHD_OPTION_CONNECTION_TIMEOUT, 30u,
	    MHD_OPTION_CONNECTION_LIMIT, 256u,
	    MHD_OPTION_PER_IP_CONNECTION_LIMIT, 64u,
	    MHD_OPTION_NOTIFY_COMPLETED, completed, NULL,
	    MHD_OPTION_ARRAY, tls, MHD_OPTION_END);
	if (d == NULL) {
		pthread_sigmask(SIG_SETMASK, &old, NULL);
		rc = cf_error_set(CF_ERROR,
		    "cannot listen on %s (is the port in use? is the "
		    "certificate or key wrong?)",
		    o->listen ? o->listen : CF_WEB_LISTEN);
		goto out;
	}
	if (o->ready) {
		const union MHD_DaemonInfo *di =
		    MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
		o->ready(o->ready_arg, s.https, di ? di->port : 0);
	}
	do
		rc = sigwait(&set, &sig);
	while (rc != 0 && rc == EINTR);
	MHD_stop_daemon(d); /* joins the workers: requests in flight end */
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	rc = 0;
out:
	if (key) {
		explicit_bzero(key, strlen(key));
		free(key);
	}
	free(cert);
	return rc;
}
