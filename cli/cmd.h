/* SPDX-License-Identifier: MIT */
/*
 * cmd.h - commands, their options, and dispatch.
 *
 * Each command is a `const struct cf_cmd_entry` in its own cmd-*.c file
 * beside its domain (tmux's cmd_entry with git's setup flags).  The
 * entry declares its name ("doc check"), usage, one-line summary, help
 * text and options; the dispatcher (cf_cmd_main) finds the entry, parses
 * the options, finds the workspace when the entry asks for one, and
 * calls exec.  exec returns an exit status (0, or 1 for findings at or
 * above --fail-on) or a negative CF_E* code whose message the dispatcher
 * prints as one line, "conform: error: ...", and maps to 2, 3 or 4.
 *
 * Options are declared once, in the entry; exec reads their values by
 * long name (cf_args_get), so help text and parsing cannot disagree.
 */
#ifndef CF_CMD_H
#define CF_CMD_H

#include <stdbool.h>
#include <stdio.h>

#include "args.h"

struct cf_ws;

enum {
	CF_CMD_WORKSPACE = 1, /* find the workspace before exec */
};

struct cf_cmd;

struct cf_cmd_entry {
	const char *name;    /* "doc check": noun and verb, or one word */
	const char *usage;   /* after the name: "[-m MSG] [FILE...]" */
	const char *summary; /* one line for 'conform help' */
	const char *help;    /* paragraphs for --help; may be NULL */
	const struct cf_option
	    *options; /* ends with CF_OPT_END_; may be NULL */
	int min_args; /* operands */
	int max_args; /* -1: any number */
	int flags;
	int (*exec)(struct cf_cmd *cmd);
	/*
	 * With the global option --as LOGIN (SPEC 13, doc/web.md): the
	 * least role (enum cf_role) the account needs, and what the
	 * command changes, for an auditor's refusal ("NCRs").  0 (left
	 * out): the command changes no record and any usable account may
	 * run it; CF_AS_NEVER: the command's actor is not an account (a
	 * document's author and approver), --as is refused.
	 */
	int as_role;
	const char *as_what;
};

#define CF_AS_NEVER (-1)

/* What exec gets. */
struct cf_cmd {
	const struct cf_cmd_entry *entry;
	const char *dir;  /* -C DIR, else CONFORM_DIR, else "." */
	const char *as;	  /* --as LOGIN, else NULL (cf_ws_account has it) */
	struct cf_ws *ws; /* found when the entry has CF_CMD_WORKSPACE */
	struct cf_args args;
	FILE *out; /* stdout */
	FILE *err; /* stderr */
};

/* The command table, sorted by name. */
extern const struct cf_cmd_entry *const cf_cmd_table[];
extern const size_t cf_cmd_table_len;

/* The entry named exactly `name`, or NULL. */
const struct cf_cmd_entry *cf_cmd_lookup(const char *name);

/* Writes "usage: conform NAME USAGE" and the options to `f`. */
void cf_cmd_print_help(const struct cf_cmd_entry *e, FILE *f);

/* Runs the program; returns the exit status. */
int cf_cmd_main(int argc, char **argv);

/*
 * Says on stderr whom the command recorded as the actor `who`
 * (cf_ws_actor's answer) and where the name came from:
 * "conform: recorded as: 张三 (author from .conform/config)", or, when
 * it fell back to the login name, that it did (doc/command-line.md).
 */
void cf_cli_recorded(struct cf_cmd *cmd, const char *who);

/* Where cf_ws_actor's answer `who` came from, for cf_cli_recorded_as:
 * "the account from --as", "author from .conform/config", or the login
 * name with the advice to set an author. */
const char *cf_cli_actor_from(struct cf_cmd *cmd, const char *who);

/* The same for any person: "conform: recorded as ROLE: WHO (FROM)"
 * (role NULL: "recorded as: WHO (FROM)"). */
void cf_cli_recorded_as(struct cf_cmd *cmd, const char *role, const char *who,
    const char *from);

/* Says on stderr who the auditee is (`center` in the config), or that
 * none is named. */
void cf_cli_auditee(struct cf_cmd *cmd);

/* Prints every diagnostic as one "FILE:LINE: message" line to `f`. */
void cf_cmd_print_diags(FILE *f, const struct cf_diags *d, size_t limit);

#endif
