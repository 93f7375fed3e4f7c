/* SPDX-License-Identifier: MIT */
/*
 * cmd-help.c - `conform help [COMMAND]`: the command list, or one
 * command's help (the same text as `conform COMMAND --help`).
 */
#include "conform.h"
#include "cmd.h"

#include <stdlib.h>
#include <string.h>

static int
cmd_help_exec(struct cf_cmd *cmd)
{
	struct cf_buf name = CF_BUF_INIT;
	const struct cf_cmd_entry *e;

	if (cmd->args.argc == 0) {
		fprintf(cmd->out,
		    "conform %s - quality-management audits for "
		    "administrative service centers\n\n",
		    PACKAGE_VERSION);
		fprintf(cmd->out, "commands:\n");
		for (size_t i = 0; i < cf_cmd_table_len; i++)
			fprintf(cmd->out, "  %-20s %s\n", cf_cmd_table[i]->name,
			    cf_cmd_table[i]->summary);
		fprintf(cmd->out,
		    "\nglobal options (before COMMAND):\n"
		    "  -C DIR      run as if started in DIR (also CONFORM_DIR)\n"
		    "  --version   print the version\n"
		    "\nSee 'conform help COMMAND' or 'man conform'.\n");
		return 0;
	}
	for (int i = 0; i < cmd->args.argc; i++)
		cf_buf_addf(&name, "%s%s", i ? " " : "", cmd->args.argv[i]);
	e = cf_cmd_lookup(name.s);
	if (e == NULL) {
		int rc = cf_error_set(CF_EUSAGE,
		    "no command '%s'; see 'conform help'", name.s);
		cf_buf_release(&name);
		return rc;
	}
	cf_buf_release(&name);
	cf_cmd_print_help(e, cmd->out);
	return 0;
}

const struct cf_cmd_entry cmd_help_entry = {
	.name = "help",
	.usage = "[COMMAND]",
	.summary = "list the commands, or show one command's help",
	.min_args = 0,
	.max_args = 2,
	.exec = cmd_help_exec,
};
