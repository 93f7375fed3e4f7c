/* SPDX-License-Identifier: MIT */
/*
 * cmd-serve.c - `conform serve [--listen HOST:PORT] [--cert F --key F]`:
 * the web application for managers and auditors (SPEC 13, doc/web.md),
 * until SIGINT or SIGTERM.  It meets the server (web/server.c) through
 * core/serve.h: cli/ includes nothing of web/.
 */
#include "conform.h"
#include "account.h"
#include "args.h"
#include "cmd.h"
#include "serve.h"
#include "workspace.h"

#include <stdlib.h>
#include <string.h>

struct ready {
	struct cf_cmd *cmd;
	const char *listen;
};

static void
ready(void *arg, bool https, unsigned port)
{
	struct ready *r = arg;
	const char *colon = strrchr(r->listen, ':');
	int host = colon ? (int)(colon - r->listen) : 0;

	fprintf(r->cmd->err,
	    "conform: serving %s at %s://%.*s:%u/ (stop with Ctrl-C)\n",
	    cf_ws_root(r->cmd->ws), https ? "https" : "http", host,
	    r->listen, port);
}

static int
cmd_serve_exec(struct cf_cmd *cmd)
{
	struct cf_web_opts o = { .dir = cmd->dir, .log = cmd->err };
	const char *threads = cf_args_get(&cmd->args, "threads");
	struct ready rd = { .cmd = cmd };
	struct cf_account *acc = NULL;
	struct cf_store *st;
	size_t nacc = 0;
	int nt = 4;
	int rc;

	o.listen = cf_args_get(&cmd->args, "listen");
	o.cert = cf_args_get(&cmd->args, "cert");
	o.key = cf_args_get(&cmd->args, "key");
	o.verbose = cf_args_has(&cmd->args, "verbose");
	if (threads &&
	    (rc = cf_parse_count(threads, "--threads", 1, 64, &nt)) < 0)
		return rc;
	o.threads = (unsigned)nt;
	rd.listen = o.listen ? o.listen : CF_WEB_LISTEN;
	o.ready = ready;
	o.ready_arg = &rd;
	if ((rc = cf_ws_store(cmd->ws, &st)) < 0 ||
	    (rc = cf_account_list(st, &acc, &nacc)) < 0)
		return rc;
	cf_account_list_free(acc, nacc);
	if (nacc == 0)
		fprintf(cmd->err,
		    "conform: warning: no account yet, so nobody can log in: "
		    "add one with 'conform user add LOGIN --role manager'\n");
	return cf_web_serve(&o);
}

static const struct cf_option serve_options[] = {
	CF_OPT_STRING_(0, "listen", "HOST:PORT",
	    "where to listen (default 127.0.0.1:8080; port 0: any free one)"),
	CF_OPT_STRING_(0, "cert", "FILE",
	    "the server's certificate (PEM): HTTPS, with --key"),
	CF_OPT_STRING_(0, "key", "FILE", "the certificate's private key (PEM)"),
	CF_OPT_STRING_(0, "threads", "N",
	    "worker threads, 1 to 64 (default 4)"),
	CF_OPT_FLAG_(0, "verbose", "log every request, not only the changes"),
	CF_OPT_END_,
};

const struct cf_cmd_entry cmd_serve_entry = {
	.name = "serve",
	.usage = "[--listen HOST:PORT] [--cert FILE --key FILE] [--threads N]",
	.summary = "the web application for managers and auditors",
	.help =
	    "Serves the workspace to a browser (doc/web.md): the overview, the\n"
	    "audits and their findings, the cases, the NCR register and its\n"
	    "forms, the documents in force and the downloads.  Log in with an\n"
	    "account made by 'conform user add'; what an account may do is its\n"
	    "role's (auditor: read; manager: fill and move NCRs; officer: and\n"
	    "verify them).  Changes, refusals and errors are logged on stderr.\n"
	    "Stop with Ctrl-C or SIGTERM: requests in flight finish first.\n"
	    "\n"
	    "example:\n"
	    "  conform user add wang --role manager\n"
	    "  conform serve --listen 0.0.0.0:8443 --cert c.pem --key k.pem\n",
	.options = serve_options,
	.min_args = 0,
	.max_args = 0,
	.flags = CF_CMD_WORKSPACE,
	.exec = cmd_serve_exec,
};
