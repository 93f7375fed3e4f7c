/* SPDX-License-Identifier: MIT */
/*
 * http.h - a request and its response as the pages see them (internal
 * to web/, doc/web.md).
 *
 * server.c turns a libmicrohttpd connection into a struct cf_web_req —
 * the path, the query and form fields, the client's address, the
 * workspace of the worker thread, the session's account — calls the
 * route's page, and sends the struct cf_web_resp it filled: a status, a
 * body written to `f` (an open_memstream), or a file for a download,
 * and extra headers.  Pages never see libmicrohttpd.
 *
 * A page returns 0, or a negative CF_E* code with cf_error_set's
 * message: CF_ENOTFOUND becomes 404, CF_EUSAGE and CF_EINVALID 400 (the
 * message shown, escaped), anything else 500 (the message only in the
 * server's log).
 */
#ifndef CF_WEB_HTTP_H
#define CF_WEB_HTTP_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "account.h"
#include "date.h"
#include "mem.h"

struct cf_ws;
struct cf_store;
struct cf_tz;

struct cf_web_req {
	const char *method; /* "GET", "HEAD" or "POST" */
	const char *path;   /* without the query */
	void *conn;	    /* the libmicrohttpd connection (server.c's) */
	struct cf_strv form_keys, form_vals; /* a POST's fields */
	const char *addr;		     /* the client's address */
	struct cf_ws *ws;
	struct cf_store *st;
	struct cf_tz *tz;
	int64_t now;
	cf_day today;
	bool https;
	/* the session (every route but the login page has one) */
	bool authed;
	struct cf_account acct;
	char csrf[CF_TOKEN_HEX + 1];
	char token[CF_TOKEN_HEX + 1];
};

struct cf_web_resp {
	int status;
	const char *type; /* Content-Type; "text/html; charset=utf-8" */
	FILE *f;	  /* the body as it is written */
	char *body;
	size_t len;
	struct cf_strv hk, hv; /* extra headers */
	int fd;		       /* a file to send instead of the body (-1) */
	int64_t fd_size;
	bool report; /* a stored report shown as a page: its own inline
			style sheet is allowed */
};

/* A query parameter, or NULL. */
const char *cf_web_query(const struct cf_web_req *r, const char *name);
/* A form field of a POST, or NULL. */
const char *cf_web_form(const struct cf_web_req *r, const char *name);

void cf_web_header(struct cf_web_resp *w, const char *key, const char *value);
/* 303 See Other to `location` (a path on this server). */
void cf_web_redirect(struct cf_web_resp *w, const char *location);

/* Whether the session's role reaches `min`. */
bool cf_web_may(const struct cf_web_req *r, enum cf_role min);

/*
 * Refuses with 403 Forbidden and a short page saying why; returns 0 so
 * that a page can `return cf_web_forbid(...)`.
 */
int cf_web_forbid(struct cf_web_req *r, struct cf_web_resp *w,
    const char *why);

/* The routes' pages (one file each, page-*.c). */
typedef int (*cf_web_page_fn)(struct cf_web_req *r, struct cf_web_resp *w,
    const char *arg);

int cf_web_page_login(struct cf_web_req *r, struct cf_web_resp *w,
    const char *arg);
int cf_web_page_login_post(struct cf_web_req *r, struct cf_web_resp *w,
    const char *arg);
int cf_web_page_logout(struct cf_web_req *r, struct cf_web_resp *w,
    const char *arg);
int cf_web_page_overview(struct cf_web_req *r, struct cf_web_resp *w,
    const char *arg);
int cf_web_page_audits(struct cf_web_req *r, struct cf_web_resp *w,
    const char *arg);
int cf_web_page_audit(struct cf_web_req *r, struct cf_web_resp *w,
    const char *arg);
int cf_web_page_case(struct cf_web_req *r, struct cf_web_resp *w,
    const char *arg);
int cf_web_page_ncrs(struct cf_web_req *r, struct cf_web_resp *w,
    const char *arg);
int cf_web_page_ncr(struct cf_web_req *r, struct cf_web_resp *w,
    const char *arg);
int cf_web_page_ncr_post(struct cf_web_req *r, struct cf_web_resp *w,
    const char *arg);
int cf_web_page_ncr_verify(struct cf_web_req *r, struct cf_web_resp *w,
    const char *arg);
int cf_web_page_documents(struct cf_web_req *r, struct cf_web_resp *w,
    const char *arg);
int cf_web_page_document(struct cf_web_req *r, struct cf_web_resp *w,
    const char *arg);
int cf_web_page_downloads(struct cf_web_req *r, struct cf_web_resp *w,
    const char *arg);
int cf_web_page_download(struct cf_web_req *r, struct cf_web_resp *w,
    const char *arg);

#endif
