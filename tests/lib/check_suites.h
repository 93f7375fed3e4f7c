/* SPDX-License-Identifier: MIT */
/* check_suites.h - one Suite constructor per module under test. */
#ifndef CHECK_SUITES_H
#define CHECK_SUITES_H

#include <check.h>

Suite *core_suite(void);
Suite *calendar_suite(void);
Suite *xml_suite(void);
Suite *document_suite(void);
Suite *store_suite(void);
Suite *cmd_suite(void);
Suite *repo_suite(void);
Suite *bundle_suite(void);
Suite *docindex_suite(void);
Suite *sqlcheck_suite(void);
Suite *trail_suite(void);
Suite *ncr_suite(void);
Suite *svg_suite(void);
Suite *checks_suite(void);
Suite *sampling_suite(void);
Suite *csv_suite(void);
Suite *import_suite(void);
Suite *reader_suite(void);
Suite *finals_suite(void);
Suite *generate_suite(void);
Suite *report_suite(void);
Suite *json_suite(void);
Suite *sshsig_suite(void);
Suite *listing_suite(void);
Suite *attrs_suite(void);
Suite *xes_suite(void);
Suite *pipe_suite(void);
Suite *evbatch_suite(void);
Suite *audit_suite(void);
Suite *evidence_suite(void);
Suite *checkpoint_suite(void);
Suite *recdigest_suite(void);
Suite *decode_suite(void);
Suite *dates_suite(void);
Suite *profile_suite(void);
Suite *account_suite(void);

#endif
