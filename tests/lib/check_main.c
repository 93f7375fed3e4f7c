/* SPDX-License-Identifier: MIT */
/*
 * check_main.c - the one Check runner: every suite, one closing line
 * ("100%: Checks: N, Failures: 0, Errors: 0").  Libraries are set up
 * as main.c does; tests fork (CK_FORK) so state never leaks.
 */
#include "conform.h"
#include "check_suites.h"
#include "xml.h"

#include <stdlib.h>

#include <git2.h>

int
main(void)
{
	SRunner *sr;
	int failed;

	cf_xml_init();
	git_libgit2_init();
	sr = srunner_create(core_suite());
	srunner_add_suite(sr, calendar_suite());
	srunner_add_suite(sr, xml_suite());
	srunner_add_suite(sr, document_suite());
	srunner_add_suite(sr, store_suite());
	srunner_add_suite(sr, cmd_suite());
	srunner_add_suite(sr, repo_suite());
	srunner_add_suite(sr, bundle_suite());
	srunner_add_suite(sr, checkpoint_suite());
	srunner_add_suite(sr, docindex_suite());
	srunner_add_suite(sr, sqlcheck_suite());
	srunner_add_suite(sr, trail_suite());
	srunner_add_suite(sr, ncr_suite());
	srunner_add_suite(sr, svg_suite());
	srunner_add_suite(sr, checks_suite());
	srunner_add_suite(sr, sampling_suite());
	srunner_add_suite(sr, csv_suite());
	srunner_add_suite(sr, import_suite());
	srunner_add_suite(sr, reader_suite());
	srunner_add_suite(sr, finals_suite());
	srunner_add_suite(sr, generate_suite());
	srunner_add_suite(sr, report_suite());
	srunner_add_suite(sr, json_suite());
	srunner_add_suite(sr, sshsig_suite());
	srunner_add_suite(sr, listing_suite());
	srunner_add_suite(sr, attrs_suite());
	srunner_add_suite(sr, xes_suite());
	srunner_add_suite(sr, pipe_suite());
	srunner_add_suite(sr, evbatch_suite());
	srunner_add_suite(sr, audit_suite());
	srunner_add_suite(sr, evidence_suite());
	srunner_add_suite(sr, recdigest_suite());
	srunner_add_suite(sr, decode_suite());
	srunner_add_suite(sr, dates_suite());
	srunner_add_suite(sr, profile_suite());
	srunner_add_suite(sr, account_suite());
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	git_libgit2_shutdown();
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
