/* SPDX-License-Identifier: MIT */
/*
 * cmd.c - the command table and the dispatcher (see cmd.h).
 *
 * Names are matched exactly, noun then verb ("doc check"); no prefix
 * matching, so that a typo never runs a different command.  An unknown
 * name lists the candidates.  Global options come before the command:
 * -C DIR, --as LOGIN, --version, --help.
 *
 * --as LOGIN names a conform account (core/account.h) as the actor of
 * every trail entry the command writes: the account must be usable
 * today in the workspace's time zone (exists, not disabled, not
 * expired, matching its trail) and have the role the entry asks for
 * (as_role); else the command does not run (exit 3).
 */
#include "conform.h"
#include "account.h"
#include "cmd.h"
#include "document.h"
#include "sqlcheck.h"
#include "termout.h"
#include "text.h"
#include "workspace.h"

#include <stdlib.h>
#include <string.h>

extern const struct cf_cmd_entry cmd_audit_list_entry;
extern const struct cf_cmd_entry cmd_audit_run_entry;
extern const struct cf_cmd_entry cmd_audit_show_entry;
extern const struct cf_cmd_entry cmd_audit_void_entry;
extern const struct cf_cmd_entry cmd_calendar_deadline_entry;
extern const struct cf_cmd_entry cmd_calendar_workdays_entry;
extern const struct cf_cmd_entry cmd_cases_generate_entry;
extern const struct cf_cmd_entry cmd_cases_import_entry;
extern const struct cf_cmd_entry cmd_cases_show_entry;
extern const struct cf_cmd_entry cmd_cases_stats_entry;
extern const struct cf_cmd_entry cmd_demo_entry;
extern const struct cf_cmd_entry cmd_doc_approve_entry;
extern const struct cf_cmd_entry cmd_doc_check_entry;
extern const struct cf_cmd_entry cmd_doc_commit_entry;
extern const struct cf_cmd_entry cmd_doc_diff_entry;
extern const struct cf_cmd_entry cmd_doc_log_entry;
extern const struct cf_cmd_entry cmd_doc_show_entry;
extern const struct cf_cmd_entry cmd_evidence_pack_entry;
extern const struct cf_cmd_entry cmd_evidence_verify_entry;
extern const struct cf_cmd_entry cmd_help_entry;
extern const struct cf_cmd_entry cmd_init_entry;
extern const struct cf_cmd_entry cmd_ncr_list_entry;
extern const struct cf_cmd_entry cmd_ncr_show_entry;
extern const struct cf_cmd_entry cmd_ncr_update_entry;
extern const struct cf_cmd_entry cmd_ncr_verify_entry;
extern const struct cf_cmd_entry cmd_report_audit_entry;
extern const struct cf_cmd_entry cmd_report_review_entry;
extern const struct cf_cmd_entry cmd_report_windows_entry;
extern const struct cf_cmd_entry cmd_serve_entry;
extern const struct cf_cmd_entry cmd_trail_checkpoint_entry;
extern const struct cf_cmd_entry cmd_trail_verify_entry;
extern const struct cf_cmd_entry cmd_user_add_entry;
extern const struct cf_cmd_entry cmd_user_disable_entry;
extern const struct cf_cmd_entry cmd_user_list_entry;
extern const struct cf_cmd_entry cmd_user_passwd_entry;

/* Sorted by name; check_cmd.c asserts it. */
const struct cf_cmd_entry *const cf_cmd_table[] = {
	&cmd_audit_list_entry,
	&cmd_audit_run_entry,
	&cmd_audit_show_entry,
	&cmd_audit_void_entry,
	&cmd_calendar_deadline_entry,
	&cmd_calendar_workdays_entry,
	&cmd_cases_generate_entry,
	&cmd_cases_import_entry,
	&cmd_cases_show_entry,
	&cmd_cases_stats_entry,
	&cmd_demo_entry,
	&cmd_doc_approve_entry,
	&cmd_doc_check_entry,
	&cmd_doc_commit_entry,
	&cmd_doc_diff_entry,
	&cmd_doc_log_entry,
	&cmd_doc_show_entry,
	&cmd_evidence_pack_entry,
	&cmd_evidence_verify_entry,
	&cmd_help_entry,
	&cmd_init_entry,
	&cmd_ncr_list_entry,
	&cmd_ncr_show_entry,
	&cmd_ncr_update_entry,
	&cmd_ncr_verify_entry,
	&cmd_report_audit_entry,
	&cmd_report_review_entry,
	&cmd_report_windows_entry,
	&cmd_serve_entry,
	&cmd_trail_checkpoint_entry,
	&cmd_trail_verify_entry,
	&cmd_user_add_entry,
	&cmd_user_disable_entry,
	&cmd_user_list_entry,
	&cmd_user_passwd_entry,
};
const size_t cf_cmd_table_len = CF_ARRAY_LEN(cf_cmd_table);

const struct cf_cmd_entry *
cf_cmd_lookup(const char *name)
{
	for (size_t i = 0; i < cf_cmd_table_len; i++)
		if (strcmp(cf_cmd_table[i]->name, name) == 0)
			return cf_cmd_table[i];
	return NULL;
}

/* True when some entry's name starts with "NOUN ". */
static bool
is_noun(const char *noun)
{
	size_t n = strlen(noun);

	for (size_t i = 0; i < cf_cmd_table_len; i++) {
		const char *name = cf_cmd_table[i]->name;
		if (strncmp(name, noun, n) == 0 && name[n] == ' ')
			return true;
	}
	return false;
}

void
cf_cmd_print_help(const struct cf_cmd_entry *e, FILE *f)
{
	const struct cf_option *o;

	fprintf(f, "usage: conform %s%s%s\n\n%s\n", e->name,
	    e->usage && *e->usage ? " " : "", e->usage ? e->usage : "",
	    e->summary);
	if (e->help)
		fprintf(f, "\n%s", e->help);
	if (e->options && e->options[0].type != CF_OPT_END) {
		fprintf(f, "\noptions:\n");
		for (o = e->options; o->type != CF_OPT_END; o++) {
			char left[96];
			int n = 0;
			if (o->short_name)
				n = snprintf(left, sizeof left, "-%c, ",
				    o->short_name);
			snprintf(left + n, sizeof left - (size_t)n, "--%s%s%s",
			    o->long_name, o->argh ? " " : "",
			    o->argh ? o->argh : "");
			fprintf(f, "  %-26s %s\n", left, o->help);
		}
	}
	fprintf(f, "  %-26s %s\n", "-h, --help", "show this help");
}

static void
print_commands(FILE *f)
{
	fprintf(f,
	    "usage: conform [-C DIR] [--as LOGIN] [--version] [--help] COMMAND "
	    "[ARGS]\n\ncommands:\n");
	for (size_t i = 0; i < cf_cmd_table_len; i++)
		fprintf(f, "  %-20s %s\n", cf_cmd_table[i]->name,
		    cf_cmd_table[i]->summary);
	fprintf(f,
	    "\nSee 'conform COMMAND --help' or 'man conform' for "
	    "details.\nExit status: 0 ok, 1 findings at or above "
	    "--fail-on, 2 usage, 3 invalid input, 4 internal error.\n");
}

static int
usage_noun(const char *noun)
{
	struct cf_buf b = CF_BUF_INIT;
	size_t n = strlen(noun);
	int rc;

	for (size_t i = 0; i < cf_cmd_table_len; i++) {
		const char *name = cf_cmd_table[i]->name;
		if (strncmp(name, noun, n) == 0 && name[n] == ' ')
			cf_buf_addf(&b, "%s%s", b.len ? ", " : "",
			    name + n + 1);
	}
	rc = cf_error_set(CF_EUSAGE, "'conform %s' needs a command: %s", noun,
	    b.s);
	cf_buf_release(&b);
	return rc;
}

void
cf_cmd_print_diags(FILE *f, const struct cf_diags *d, size_t limit)
{
	size_t n = d->n < limit ? d->n : limit;

	for (size_t i = 0; i < n; i++) {
		char *line = cf_diag_format(&d->v[i]);
		fprintf(f, "%s\n", line);
		free(line);
	}
	if (d->n > n)
		fprintf(f, "... and %zu more problems\n", d->n - n);
}

/* "a manager", "an officer". */
static const char *
article(enum cf_role r)
{
	return r == CF_ROLE_MANAGER ? "a" : "an";
}

/*
 * --as LOGIN for entry `e` in the workspace found: the account usable
 * today with the role `e` needs, then the workspace's actor.
 */
static int
check_as(struct cf_cmd *cmd, const struct cf_cmd_entry *e, const char *as)
{
	struct cf_account a;
	struct cf_store *st;
	struct cf_tz *tz;
	int rc;

	if ((rc = cf_ws_store(cmd->ws, &st)) < 0 ||
	    (rc = cf_ws_tz(cmd->ws, &tz)) < 0)
		return rc;
	if ((rc = cf_account_usable(st, as, cf_tz_day(tz, cf_now()), &a)) <
	    0)
		return cf_error_prefix("--as");
	if ((int)a.role < e->as_role) {
		enum cf_role need = (enum cf_role)e->as_role;
		if (a.role == CF_ROLE_AUDITOR)
			rc = cf_error_set(CF_EINVALID,
			    "account '%s' is an auditor: it may not change %s",
			    as, e->as_what ? e->as_what : "the records");
		else
			rc = cf_error_set(CF_EINVALID,
			    "account '%s' is %s %s: only %s %s may run "
			    "'conform %s'",
			    as, article(a.role), cf_role_name(a.role),
			    article(need), cf_role_name(need), e->name);
	} else
		cf_ws_set_account(cmd->ws, as);
	cf_account_release(&a);
	return rc;
}

/* A write to the filtered standard output failed. */
static bool out_failed;

/* Runs `e` with argv[0] = its name (for messages). */
static int
run_entry(const struct cf_cmd_entry *e, const char *dir, const char *as,
    int argc, char **argv)
{
	struct cf_cmd cmd = { 0 };
	int rc;

	cmd.entry = e;
	cmd.dir = dir;
	cmd.as = as;
	/* No control character reaches the terminal (termout.h). */
	cmd.out = cf_termout_open(stdout);
	cmd.err = cf_termout_open(stderr);
	setvbuf(cmd.out, NULL, _IOLBF, 0);
	setvbuf(cmd.err, NULL, _IONBF, 0);
	if ((rc = cf_args_parse(&cmd.args, e->name, e->options, argc, argv)) < 0)
		goto out;
	size_t nopt = 0;
	while (e->options && e->options[nopt].type != CF_OPT_END)
		nopt++;
	if (cmd.args.vals[nopt] != NULL) { /* --help, stored after the rest */
		cf_cmd_print_help(e, stdout);
		rc = 0;
		goto out;
	}
	if (as && (!(e->flags & CF_CMD_WORKSPACE) || e->as_role < 0)) {
		rc = cf_error_set(CF_EUSAGE,
		    "--as does not go with 'conform %s'%s", e->name,
		    e->as_role < 0 ? ": its actor is not an account" : "");
		goto out;
	}
	if (cmd.args.argc < e->min_args ||
	    (e->max_args >= 0 && cmd.args.argc > e->max_args)) {
		rc = cf_error_set(CF_EUSAGE, "usage: conform %s %s", e->name,
		    e->usage ? e->usage : "");
		goto out;
	}
	if (e->flags & CF_CMD_WORKSPACE) {
		if ((rc = cf_ws_find(&cmd.ws, dir)) < 0)
			goto out;
		if (as && (rc = check_as(&cmd, e, as)) < 0)
			goto out;
	}
	rc = e->exec(&cmd);
out:
	cf_ws_free(cmd.ws);
	cf_args_release(&cmd.args);
	if (cf_termout_close(cmd.out, stdout) < 0)
		out_failed = true;
	cf_termout_close(cmd.err, stderr);
	return rc;
}

int
cf_cmd_main(int argc, char **argv)
{
	const char *dir = getenv("CONFORM_DIR");
	const char *as = NULL;
	const struct cf_cmd_entry *e = NULL;
	int i = 1, rc, status;

	if (dir == NULL || *dir == '\0')
		dir = ".";
	/* doc check and doc commit prepare each sql check's query in the
	 * audit's sandbox (doc/checks.md#sql). */
	cf_doc_set_query_check(cf_sqlcheck_validate);
	/* Global options, before the command. */
	while (i < argc && argv[i][0] == '-') {
		const char *a = argv[i];
		if (strcmp(a, "--version") == 0) {
			printf("conform %s\n", PACKAGE_VERSION);
			return fflush(stdout) == 0 ? 0 : CF_EXIT_INTERNAL;
		} else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			print_commands(stdout);
			return 0;
		} else if (strcmp(a, "-C") == 0) {
			if (i + 1 >= argc) {
				rc = cf_error_set(CF_EUSAGE,
				    "option '-C' needs a directory");
				goto done;
			}
			dir = argv[++i];
		} else if (strncmp(a, "-C", 2) == 0) {
			dir = a + 2;
		} else if (strcmp(a, "--as") == 0 ||
		    strncmp(a, "--as=", 5) == 0) {
			if (a[4] == '=')
				as = a + 5;
			else if (i + 1 < argc)
				as = argv[++i];
			else {
				rc = cf_error_set(CF_EUSAGE,
				    "option '--as' needs a login");
				goto done;
			}
			if ((rc = cf_account_valid_login(as)) < 0) {
				rc = cf_error_set(CF_EUSAGE, "--as: %s",
				    cf_error_message());
				goto done;
			}
		} else {
			rc = cf_error_set(CF_EUSAGE,
			    "unknown option '%s'; see 'conform --help'", a);
			goto done;
		}
		i++;
	}
	if (i >= argc) {
		print_commands(stderr);
		return CF_EXIT_USAGE;
	}
	if (i + 1 < argc) {
		char *two = cf_xasprintf("%s %s", argv[i], argv[i + 1]);
		e = cf_cmd_lookup(two);
		free(two);
		if (e)
			i++;
	}
	if (e == NULL && !is_noun(argv[i]))
		e = cf_cmd_lookup(argv[i]);
	if (e == NULL) {
		if (is_noun(argv[i])) {
			if (i + 1 >= argc || argv[i + 1][0] == '-')
				rc = usage_noun(argv[i]);
			else
				rc = cf_error_set(CF_EUSAGE,
				    "unknown command 'conform %s %s'; see "
				    "'conform help'",
				    argv[i], argv[i + 1]);
		} else
			rc = cf_error_set(CF_EUSAGE,
			    "unknown command '%s'; see 'conform help'",
			    argv[i]);
		goto done;
	}
	rc = run_entry(e, dir, as, argc - i, argv + i);
done:
	if (rc < 0) {
		fflush(stdout);
		fprintf(stderr, "conform: error: %s\n", cf_error_message());
		status = cf_error_exit_code(rc);
	} else
		status = rc;
	if (fflush(stdout) != 0 || ferror(stdout) || out_failed) {
		fprintf(stderr, "conform: error: cannot write the output\n");
		status = CF_EXIT_INTERNAL;
	}
	return status;
}

void
cf_cli_recorded_as(struct cf_cmd *cmd, const char *role, const char *who,
    const char *from)
{
	struct cf_buf b = CF_BUF_INIT;

	cf_text_add_printable(&b, who, strlen(who));
	fprintf(cmd->err, "conform: recorded as%s%s: %s (%s)\n",
	    role ? " " : "", role ? role : "", b.s, from);
	cf_buf_release(&b);
}

const char *
cf_cli_actor_from(struct cf_cmd *cmd, const char *who)
{
	const char *as = cmd->ws ? cf_ws_account(cmd->ws) : NULL;
	const char *a = cmd->ws ? cf_ws_config(cmd->ws, "author", NULL) : NULL;

	if (as && strcmp(as, who) == 0)
		return "the account from --as";
	return a && *a && strcmp(a, who) == 0
	    ? "author from .conform/config"
	    : "the login name: no author in .conform/config; set it with "
	      "conform init --author or the author key";
}

void
cf_cli_recorded(struct cf_cmd *cmd, const char *who)
{
	cf_cli_recorded_as(cmd, NULL, who, cf_cli_actor_from(cmd, who));
}

void
cf_cli_auditee(struct cf_cmd *cmd)
{
	const char *c = cmd->ws ? cf_ws_config(cmd->ws, "center", NULL) : NULL;
	struct cf_buf b = CF_BUF_INIT;

	if (c && *c) {
		cf_text_add_printable(&b, c, strlen(c));
		fprintf(cmd->err,
		    "conform: auditee: %s (center from .conform/config, named "
		    "in the reports)\n",
		    b.s);
	} else
		fprintf(cmd->err,
		    "conform: auditee: not named (no center in "
		    ".conform/config; set it with conform init --center or the "
		    "center key)\n");
	cf_buf_release(&b);
}
