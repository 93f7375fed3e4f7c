/* SPDX-License-Identifier: MIT */
/*
 * listout.c - a listing command's output (see listout.h).
 */
#include "conform.h"
#include "cmd.h"
#include "listout.h"
#include "text.h"

#include <string.h>

int
cf_listout_parse(struct cf_cmd *cmd, struct cf_listout *lo)
{
	const char *path = cf_args_get(&cmd->args, "output");

	memset(lo, 0, sizeof *lo);
	if (path && *path == '\0')
		return cf_error_set(CF_EUSAGE, "-o needs a FILE (or - for "
					       "stdout)");
	lo->path = path && strcmp(path, "-") ? path : NULL;
	return cf_format_for_output(&lo->fmt, cf_args_get(&cmd->args, "format"),
	    cf_args_has(&cmd->args, "excel"), path, CF_FORMAT_TABLE);
}

int
cf_listout_open(struct cf_cmd *cmd, struct cf_listout *lo)
{
	int rc;

	lo->f = cmd->out;
	if (lo->path) {
		if ((rc = cf_outfile_open(&lo->o, lo->path)) < 0)
			return rc;
		lo->f = lo->o.f;
	}
	if (cf_args_has(&cmd->args, "excel"))
		fputs(CF_UTF8_BOM, lo->f);
	return 0;
}

int
cf_listout_close(struct cf_cmd *cmd, struct cf_listout *lo, int rc,
    const char *what)
{
	int res = rc;

	if (lo->path == NULL || lo->f == NULL)
		return rc;
	lo->f = NULL;
	if (rc < 0) {
		cf_outfile_abort(&lo->o);
		return rc;
	}
	if ((rc = cf_outfile_commit(&lo->o)) < 0)
		return rc;
	cf_cli_wrote(cmd, what, lo->path, cf_format_name(lo->fmt));
	return res;
}

void
cf_cli_wrote(struct cf_cmd *cmd, const char *what, const char *path,
    const char *format)
{
	struct cf_buf b = CF_BUF_INIT;

	cf_text_add_printable(&b, path, strlen(path));
	fprintf(cmd->err, "conform: wrote %s to %s (%s)\n", what, b.s, format);
	cf_buf_release(&b);
}
