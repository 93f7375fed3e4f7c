/* SPDX-License-Identifier: MIT */
/*
 * serve.h - the web application's entry (SPEC 13, doc/web.md): what
 * `conform serve` (cli/cmd-serve.c) starts and web/server.c implements.
 *
 * cli/ and web/ sit side by side above the domain and include nothing
 * of each other (doc/design.md); this header is below both, so the
 * command and the server meet here and the program links them.
 */
#ifndef CF_SERVE_H
#define CF_SERVE_H

#include <stdbool.h>
#include <stdio.h>

#define CF_WEB_LISTEN "127.0.0.1:8080"
#define CF_WEB_COOKIE "cf_session"	 /* the session's token */
#define CF_WEB_LOGIN_COOKIE "cf_login" /* the login form's CSRF token */

struct cf_web_opts {
	const char *dir;    /* where the workspace is found (-C) */
	const char *listen; /* "HOST:PORT" (port 0: any free one); NULL:
			       CF_WEB_LISTEN */
	const char *cert, *key; /* PEM files: HTTPS when both are given */
	unsigned threads;	/* worker threads */
	FILE *log;		/* changes, refusals and errors; NULL: none */
	bool verbose;		/* and every request */
	/* called once listening (e.g. to print the address) */
	void (*ready)(void *arg, bool https, unsigned port);
	void *ready_arg;
};

/*
 * Serves the workspace found from `o->dir` until SIGINT or SIGTERM.
 * CF_EUSAGE for a bad --listen or a certificate without its key;
 * CF_ERROR when it cannot listen.
 */
int cf_web_serve(const struct cf_web_opts *o);

#endif
