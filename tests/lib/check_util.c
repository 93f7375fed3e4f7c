/* SPDX-License-Identifier: MIT */
/*
 * check_util.c - shared test helpers (see check_util.h).
 */
#include "conform.h"
#include "check_util.h"
#include "document.h"
#include "paths.h"

#include <check.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

char *test_tmp;

void
tmp_setup(void)
{
	const char *base = getenv("TMPDIR");
	char *tmpl = cf_xasprintf("%s/conform-check-XXXXXX",
	    base && *base ? base : "/tmp");

	test_tmp = mkdtemp(tmpl);
	ck_assert_ptr_nonnull(test_tmp);
}

static int
rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)ftw;
	return flag == FTW_DP ? rmdir(path) : unlink(path);
}

void
tmp_teardown(void)
{
	if (test_tmp && getenv("CONFORM_KEEP_TMP") == NULL)
		nftw(test_tmp, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(test_tmp);
	test_tmp = NULL;
}

const char *
tmp_path(const char *name)
{
	static char bufs[4][4096];
	static int k;
	char *b = bufs[k++ % 4];

	snprintf(b, sizeof bufs[0], "%s/%s", test_tmp, name);
	return b;
}

const char *
testdata(const char *name)
{
	static char bufs[4][4096];
	static int k;
	const char *env = getenv("CONFORM_TESTDATA");
	char *b = bufs[k++ % 4];

	snprintf(b, sizeof bufs[0], "%s/%s",
	    env && *env ? env : CF_ABS_SRCDIR "/tests/data", name);
	return b;
}

const char *
example_path(const char *rel)
{
	static char bufs[4][4096];
	static int k;
	char *b = bufs[k++ % 4];

	snprintf(b, sizeof bufs[0], "%s/examples/center/%s", CF_ABS_SRCDIR,
	    rel);
	return b;
}

struct cf_cal *
official_calendar(void)
{
	const char *files[] = { CF_ABS_SRCDIR
		"/procedures/calendars/CN-2025.xml",
		CF_ABS_SRCDIR "/procedures/calendars/CN-2026.xml" };
	const char *rel[] = { "calendars/CN-2025.xml",
		"calendars/CN-2026.xml" };
	struct cf_doc *docs[2];
	struct cf_diags d = CF_DIAGS_INIT;
	struct cf_cal *cal;

	for (int i = 0; i < 2; i++)
		ck_assert_int_eq(cf_doc_load_file(&docs[i], files[i], rel[i],
				     &d),
		    0);
	ck_assert_int_eq(cf_doc_build_calendar(&cal, docs, 2), 0);
	for (int i = 0; i < 2; i++)
		cf_doc_free(docs[i]);
	cf_doc_schemas_release();
	return cal;
}

void
write_file(const char *path, const char *s)
{
	char *dir = cf_xstrdup(path);
	char *slash = strrchr(dir, '/');
	FILE *f;

	if (slash) {
		*slash = '\0';
		ck_assert_int_eq(cf_mkdirs(dir, 0755), 0);
	}
	free(dir);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_ge(fputs(s, f), 0);
	ck_assert_int_eq(fclose(f), 0);
}

int
run(const char *fmt, ...)
{
	va_list ap;
	char *cmd;
	int st;

	va_start(ap, fmt);
	cmd = cf_xvasprintf(fmt, ap);
	va_end(ap);
	st = system(cmd);
	free(cmd);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}
