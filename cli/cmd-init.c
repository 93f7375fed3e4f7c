/* SPDX-License-Identifier: MIT */
/*
 * cmd-init.c - `conform init [DIR]`: create a workspace (doc/command-line.md);
 * the work is procedures/wsinit.c's.
 */
#include "conform.h"
#include "cmd.h"
#include "paths.h"
#include "workspace.h"
#include "wsinit.h"

#include <stdlib.h>
#include <string.h>

static int
cmd_init_exec(struct cf_cmd *cmd)
{
	const char *arg = cmd->args.argc ? cmd->args.argv[0] : NULL;
	const char *zone = cf_args_get(&cmd->args, "timezone");
	struct cf_wsinit_result res;
	char *root;
	int rc;

	if (zone == NULL)
		zone = CF_WS_DEFAULT_TZ;
	if (arg == NULL)
		root = cf_xstrdup(cmd->dir);
	else if (arg[0] == '/' || strcmp(cmd->dir, ".") == 0)
		root = cf_xstrdup(arg);
	else
		root = cf_path_join(cmd->dir, arg);
	if ((rc = cf_wsinit(root, zone, &res)) == 0) {
		fprintf(cmd->out, "Initialised conform workspace in %s\n",
		    root);
		fprintf(cmd->out, "  timezone   %s\n", zone);
		fprintf(cmd->out, "  calendars  ");
		for (size_t i = 0; i < res.calendars.n; i++)
			fprintf(cmd->out, "%s%s", i ? ", " : "",
			    res.calendars.v[i]);
		fprintf(cmd->out, " (commit %.12s)\n", res.commit);
		fprintf(cmd->out,
		    "Next: put procedures, standards and checklists in their "
		    "folders,\nthen 'conform doc check' and 'conform doc commit "
		    "-m MESSAGE'.\n");
		cf_strv_release(&res.calendars);
	}
	free(root);
	return rc;
}

static const struct cf_option init_options[] = {
	CF_OPT_STRING_(0, "timezone", "ZONE",
	    "the workspace timezone (IANA name; default Asia/Shanghai)"),
	CF_OPT_END_,
};

const struct cf_cmd_entry cmd_init_entry = {
	.name = "init",
	.usage = "[--timezone ZONE] [DIR]",
	.summary = "create a workspace (git repository, database, calendars)",
	.help =
	    "Creates DIR (default: the current directory) as a conform\n"
	    "workspace: a git repository on branch main with the folders\n"
	    "procedures/, standards/, calendars/ and checklists/, the record\n"
	    "database in .conform/ (never committed), and a first commit\n"
	    "holding the official 2025 and 2026 working-day calendars.\n"
	    "An existing workspace or git repository is refused.\n",
	.options = init_options,
	.min_args = 0,
	.max_args = 1,
	.exec = cmd_init_exec,
};
