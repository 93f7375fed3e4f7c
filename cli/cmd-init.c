/* SPDX-License-Identifier: MIT */
/*
 * cmd-init.c - `conform init [DIR]`: create a workspace (doc/command-line.md);
 * the work is procedures/wsinit.c's.
 */
#include "conform.h"
#include "cmd.h"
#include "repo.h"
#include "text.h"
#include "paths.h"
#include "workspace.h"
#include "wsinit.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/*
 * The value of --NAME, else, when stdin is a terminal, the answer to a
 * prompt on stderr (empty: none); NULL when there is none.  The caller
 * frees it.
 */
static char *
ask(struct cf_cmd *cmd, const char *name, const char *prompt)
{
	const char *given = cf_args_get(&cmd->args, name);
	char line[1024];
	size_t n;

	if (given)
		return cf_xstrdup(given);
	if (!isatty(STDIN_FILENO))
		return NULL;
	fprintf(cmd->err, "%s: ", prompt);
	fflush(cmd->err);
	if (fgets(line, sizeof line, stdin) == NULL)
		return NULL;
	n = strcspn(line, "\r\n");
	line[n] = '\0';
	const char *s = line;
	cf_trim(&s, &n);
	return n ? cf_xstrndup(s, n) : NULL;
}

/* A value that reads back from the config as given. */
static int
one_line(const char *name, const char *v)
{
	const char *s = v;
	size_t n = strlen(v);

	cf_trim(&s, &n);
	if (n == 0 || n != strlen(v) || !cf_text_printable(v, strlen(v)))
		return cf_error_set(CF_EUSAGE,
		    "--%s: expected one line of text without control "
		    "characters or surrounding blanks",
		    name);
	return 0;
}

static int
cmd_init_exec(struct cf_cmd *cmd)
{
	const char *arg = cmd->args.argc ? cmd->args.argv[0] : NULL;
	const char *zone = cf_args_get(&cmd->args, "timezone");
	struct cf_wsinit_result res;
	char *root, *center = NULL, *author = NULL;
	int rc;

	if (zone == NULL)
		zone = CF_WS_DEFAULT_TZ;
	if (arg == NULL)
		root = cf_xstrdup(cmd->dir);
	else if (arg[0] == '/' || strcmp(cmd->dir, ".") == 0)
		root = cf_xstrdup(arg);
	else
		root = cf_path_join(cmd->dir, arg);
	/* The people, asked and checked before anything is made. */
	center = ask(cmd, "center",
	    "center (the auditee named in the reports; empty: none)");
	author = ask(cmd, "author",
	    "author (Name <email>: the author of doc commit and the actor "
	    "of audits and NCR changes; empty: the login name)");
	if (center && (rc = one_line("center", center)) < 0)
		goto out;
	if (author) {
		struct cf_sig sig = { 0 };
		if ((rc = one_line("author", author)) < 0)
			goto out;
		rc = cf_sig_parse(&sig, author);
		if (rc == 0 && (sig.email == NULL || *sig.email == '\0'))
			rc = cf_error_set(CF_EUSAGE, "'%s' names no email",
			    author);
		cf_sig_release(&sig);
		if (rc < 0) {
			rc = cf_error_set(CF_EUSAGE,
			    "--author: %s, expected \"Name <email>\"",
			    cf_error_message());
			goto out;
		}
	}
	if ((rc = cf_wsinit(root, zone, &res)) < 0)
		goto out;
	if (rc == 0 && center)
		rc = cf_ws_config_add(root, "center", center);
	if (rc == 0 && author)
		rc = cf_ws_config_add(root, "author", author);
	if (rc == 0) {
		fprintf(cmd->out, "Initialised conform workspace in %s\n",
		    root);
		fprintf(cmd->out, "  timezone   %s\n", zone);
		fprintf(cmd->out, "  calendars  ");
		for (size_t i = 0; i < res.calendars.n; i++)
			fprintf(cmd->out, "%s%s", i ? ", " : "",
			    res.calendars.v[i]);
		fprintf(cmd->out, " (commit %.12s)\n", res.commit);
		fprintf(cmd->out, "  center     %s\n",
		    center ? center
			   : "not set: reports name no auditee (center key)");
		fprintf(cmd->out, "  author     %s\n",
		    author ? author
			   : "not set: the login name is recorded (author "
			     "key)");
		fprintf(cmd->out,
		    "Next: put procedures, standards and checklists in their "
		    "folders,\nthen 'conform doc check' and 'conform doc commit "
		    "-m MESSAGE'.\n");
	}
	cf_strv_release(&res.calendars);
	if (rc < 0)
		cf_error_prefix("the workspace %s was made, but its config "
				"was not completed",
		    root);
out:
	free(center);
	free(author);
	free(root);
	return rc;
}

static const struct cf_option init_options[] = {
	CF_OPT_STRING_(0, "timezone", "ZONE",
	    "the workspace timezone (IANA name; default Asia/Shanghai)"),
	CF_OPT_STRING_(0, "center", "NAME",
	    "the center audited (the auditee in reports); asked on a terminal"),
	CF_OPT_STRING_(0, "author", "\"NAME <EMAIL>\"",
	    "who acts: doc commit's author, the actor of audits and NCR "
	    "changes; asked on a terminal"),
	CF_OPT_END_,
};

const struct cf_cmd_entry cmd_init_entry = {
	.name = "init",
	.usage = "[--timezone ZONE] [--center NAME] [--author \"NAME <EMAIL>\"] "
		 "[DIR]",
	.summary = "create a workspace (git repository, database, calendars)",
	.help =
	    "Creates DIR (default: the current directory) as a conform\n"
	    "workspace: a git repository on branch main with the folders\n"
	    "procedures/, standards/, calendars/ and checklists/, the record\n"
	    "database in .conform/ (never committed), and a first commit\n"
	    "holding the official 2025 and 2026 working-day calendars.\n"
	    "An existing workspace or git repository is refused.\n"
	    "--center and --author write the center and author keys of\n"
	    ".conform/config; when they are not given and stdin is a\n"
	    "terminal, init asks for them (an empty answer leaves the key\n"
	    "out: no auditee is named, the login name is recorded).\n",
	.options = init_options,
	.min_args = 0,
	.max_args = 1,
	.exec = cmd_init_exec,
};
