/* SPDX-License-Identifier: MIT */
/*
 * main.c - process set-up and teardown around the dispatcher; nothing
 * else.  Libraries are initialised once here, before anything else runs:
 * libxml2 (with the refusing entity loader) and libgit2 (with fsync of
 * the git directory on: document history is a record too).
 *
 * SIGXFSZ is ignored: a write past the file-size limit (ulimit -f) then
 * fails with EFBIG, which the store and the repository report and roll
 * back like any failed write, instead of the signal killing conform in
 * the middle of it.  SIGPIPE is left as it is (conform ... | head).
 */
#include "conform.h"
#include "cmd.h"
#include "repo.h"
#include "xml.h"

#include <signal.h>
#include <stdio.h>

#include <libxml/parser.h>

int
main(int argc, char **argv)
{
	int status;

	signal(SIGXFSZ, SIG_IGN);
	LIBXML_TEST_VERSION;
	cf_xml_init();
	if (cf_repo_lib_init() < 0) {
		fprintf(stderr, "conform: error: %s\n", cf_error_message());
		return CF_EXIT_INTERNAL;
	}
	status = cf_cmd_main(argc, argv);
	cf_repo_lib_shutdown();
	xmlCleanupParser();
	return status;
}
