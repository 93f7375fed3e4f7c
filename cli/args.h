/* SPDX-License-Identifier: MIT */
/*
 * args.h - the declarative option parser.  A command declares its
 * options once (struct cf_option, ending with CF_OPT_END_); the help
 * text is printed from the same declaration, and the command reads the
 * values by long name (cf_args_get), so help and parsing cannot
 * disagree.
 */
#ifndef CF_ARGS_H
#define CF_ARGS_H

#include <stdbool.h>

#include "mem.h"

enum cf_opt_type {
	CF_OPT_END = 0,
	CF_OPT_FLAG,   /* no argument */
	CF_OPT_STRING, /* one argument; the last occurrence wins */
	CF_OPT_PAIRS,  /* two arguments ("--pause FROM TO"); repeatable,
			  every occurrence kept in order (cf_args_list) */
};

struct cf_option {
	enum cf_opt_type type;
	int short_name; /* 0 when none */
	const char *long_name;
	const char *argh; /* argument name in help, e.g. "DATE" */
	const char *help;
};

#define CF_OPT_FLAG_(s, l, h)                                                  \
	{                                                                      \
		CF_OPT_FLAG, (s), (l), NULL, (h)                               \
	}
#define CF_OPT_STRING_(s, l, a, h)                                             \
	{                                                                      \
		CF_OPT_STRING, (s), (l), (a), (h)                              \
	}
#define CF_OPT_PAIRS_(l, a, h)                                                  \
	{                                                                      \
		CF_OPT_PAIRS, 0, (l), (a), (h)                                 \
	}
#define CF_OPT_END_                                                            \
	{                                                                      \
		CF_OPT_END, 0, NULL, NULL, NULL                                \
	}

/* Parsed options and operands of one command line. */
struct cf_args {
	const struct cf_option *opts;
	const char **vals; /* per option: its value, "" for a flag, or NULL */
	int argc;	   /* operands */
	char **argv;
	struct cf_strv *lists; /* per option: a CF_OPT_PAIRS option's values,
				  two per occurrence */
	char **own;	       /* the argv getopt saw, without the pairs */
};

/* The values of a CF_OPT_PAIRS option, two per occurrence (n even). */
const char *const *cf_args_list(const struct cf_args *a,
    const char *long_name, size_t *n);

/* The value of option `long_name` (NULL when not given). */
const char *cf_args_get(const struct cf_args *a, const char *long_name);
bool cf_args_has(const struct cf_args *a, const char *long_name);

/*
 * A whole decimal number from min to max, as written (digits only):
 * *out, or CF_EUSAGE naming `what` and the range.
 */
int cf_parse_count(const char *s, const char *what, int min, int max,
    int *out);

/*
 * Parses argv (argv[0] is the command name) against `options` (ending
 * with CF_OPT_END_; may be NULL) of the command `name`, which messages
 * name.  CF_EUSAGE with a message naming the option on error.
 */
int cf_args_parse(struct cf_args *a, const char *name,
    const struct cf_option *options, int argc, char **argv);
void cf_args_release(struct cf_args *a);

#endif
