/* SPDX-License-Identifier: MIT */
/*
 * args.c - the declarative option parser (see args.h), on top of
 * getopt_long.  GNU getopt permutes, so options may follow operands
 * ("conform cases import a.csv --format csv"); "--" ends options.
 * getopt's own messages are silenced and replaced by one line that names
 * the command and points at its --help.
 *
 * getopt knows no option with two arguments, so the CF_OPT_PAIRS ones
 * ("--pause FROM TO") are taken out of a copy of argv before getopt
 * sees it, up to a "--".
 */
#include "conform.h"
#include "args.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static size_t
count_opts(const struct cf_option *o)
{
	size_t n = 0;

	while (o && o[n].type != CF_OPT_END)
		n++;
	return n;
}

static size_t
find_opt(const struct cf_args *a, const char *long_name)
{
	size_t n = count_opts(a->opts);

	for (size_t i = 0; i < n; i++)
		if (strcmp(a->opts[i].long_name, long_name) == 0)
			return i;
	/* Asking for an option the entry does not declare is a bug. */
	fprintf(stderr, "conform: BUG: undeclared option '--%s'\n", long_name);
	abort();
}

const char *
cf_args_get(const struct cf_args *a, const char *long_name)
{
	return a->vals[find_opt(a, long_name)];
}

bool
cf_args_has(const struct cf_args *a, const char *long_name)
{
	return cf_args_get(a, long_name) != NULL;
}

const char *const *
cf_args_list(const struct cf_args *a, const char *long_name, size_t *n)
{
	size_t i = find_opt(a, long_name);

	*n = a->lists ? a->lists[i].n : 0;
	return a->lists ? (const char *const *)a->lists[i].v : NULL;
}

/*
 * Moves "--NAME A B" of the pair options out of argv into a->lists;
 * what remains is a->own (argc in *argc).
 */
static int
take_pairs(struct cf_args *a, const char *name,
    const struct cf_option *options, size_t n, int *argc, char **argv)
{
	int out = 0;
	bool ended = false;

	a->lists = cf_xcalloc(n + 1, sizeof *a->lists);
	a->own = cf_xcalloc((size_t)*argc + 1, sizeof *a->own);
	for (int i = 0; i < *argc; i++) {
		size_t k = n;
		if (!ended && i > 0 && strncmp(argv[i], "--", 2) == 0) {
			if (argv[i][2] == '\0')
				ended = true;
			for (k = 0; k < n; k++)
				if (options[k].type == CF_OPT_PAIRS &&
				    strcmp(argv[i] + 2,
					options[k].long_name) == 0)
					break;
		}
		if (k == n) {
			a->own[out++] = argv[i];
			continue;
		}
		if (i + 2 >= *argc)
			return cf_error_set(CF_EUSAGE,
			    "option '%s' for 'conform %s' needs two arguments "
			    "%s; see 'conform %s --help'",
			    argv[i], name, options[k].argh, name);
		cf_strv_push(&a->lists[k], argv[i + 1]);
		cf_strv_push(&a->lists[k], argv[i + 2]);
		a->vals[k] = "";
		i += 2;
	}
	*argc = out;
	return 0;
}

void
cf_args_release(struct cf_args *a)
{
	size_t n = count_opts(a->opts);

	for (size_t i = 0; a->lists && i < n; i++)
		cf_strv_release(&a->lists[i]);
	free(a->lists);
	a->lists = NULL;
	free(a->own);
	a->own = NULL;
	free(a->vals);
	a->vals = NULL;
}

int
cf_args_parse(struct cf_args *a, const char *name,
    const struct cf_option *options, int argc, char **argv)
{
	size_t n = count_opts(options);
	struct option *lo = cf_xcalloc(n + 2, sizeof *lo);
	struct cf_buf shorts = CF_BUF_INIT;
	int c, idx, rc = 0;

	a->opts = options;
	a->vals = cf_xcalloc(n + 1, sizeof *a->vals);
	if ((rc = take_pairs(a, name, options, n, &argc, argv)) < 0)
		goto out;
	argv = a->own;
	/* Permute (no leading '+'); a leading ':' reports missing arguments. */
	cf_buf_adds(&shorts, ":h");
	for (size_t i = 0; i < n; i++) {
		const struct cf_option *o = &options[i];
		lo[i].name = o->long_name;
		/* A pair option left in argv is one with "=": unknown. */
		lo[i].name = o->type == CF_OPT_PAIRS ? "\x01" : o->long_name;
		lo[i].has_arg = o->type == CF_OPT_STRING ? required_argument
							 : no_argument;
		lo[i].flag = NULL;
		lo[i].val = 256 + (int)i;
		if (o->short_name) {
			cf_buf_addc(&shorts, (char)o->short_name);
			if (o->type == CF_OPT_STRING)
				cf_buf_addc(&shorts, ':');
		}
	}
	lo[n].name = "help";
	lo[n].has_arg = no_argument;
	lo[n].val = 'h' + 1000;

	opterr = 0;
	optind = 0; /* glibc: full reinitialisation */
	while ((c = getopt_long(argc, argv, shorts.s, lo, &idx)) != -1) {
		if (c >= 256 && c < 256 + (int)n) {
			const struct cf_option *o = &options[c - 256];
			a->vals[c - 256] = o->type == CF_OPT_STRING ? optarg
								    : "";
			continue;
		}
		if (c == 'h' + 1000 || c == 'h') {
			a->vals[n] = "";
			continue;
		}
		if (c == '?' || c == ':') {
			const char *bad = argv[optind - 1];
			rc = cf_error_set(CF_EUSAGE,
			    "%s option '%s' for 'conform %s'; see 'conform %s "
			    "--help'",
			    c == ':' ? "missing argument to" : "unknown", bad,
			    name, name);
			goto out;
		}
		for (size_t i = 0; i < n; i++)
			if (options[i].short_name == c) {
				a->vals[i] = options[i].type == CF_OPT_STRING
				    ? optarg
				    : "";
				break;
			}
	}
	a->argc = argc - optind;
	a->argv = argv + optind;
out:
	cf_buf_release(&shorts);
	free(lo);
	return rc;
}

int
cf_parse_count(const char *s, const char *what, int min, int max, int *out)
{
	char *end;
	long v;

	if (*s < '0' || *s > '9')
		goto bad;
	errno = 0;
	v = strtol(s, &end, 10);
	if (*end != '\0' || errno != 0 || v < min || v > max)
		goto bad;
	*out = (int)v;
	return 0;
bad:
	return cf_error_set(CF_EUSAGE,
	    "invalid %s '%s', expected a whole number from %d to %d", what, s,
	    min, max);
}
