/* SPDX-License-Identifier: MIT */
/*
 * demo.h - the demonstration center that `conform demo` builds, as
 * steps the command calls one after the other, saying what each did:
 *
 *   cf_demo_create            a workspace in ROOT, configured with the
 *                             center's name and author;
 *   cf_demo_commit_documents  the example center's documents committed
 *                             and approved, then CF_DEMO_DRAFT without
 *                             an approval;
 *   cf_demo_generate          N cases of 2026 Q1 with planted
 *                             deviations, into ROOT/records/;
 *   cf_demo_import            those records imported;
 *   cf_demo_audit             CF_DEMO_CHECKLIST run over the quarter.
 *
 * It lives in cli/ with the command that runs it (doc/design.md): it
 * is test data and orchestration, which no layer below may depend on.
 */
#ifndef CF_DEMO_H
#define CF_DEMO_H

#include <stdint.h>

#include "audit.h"
#include "generate.h"
#include "import.h"

#define CF_DEMO_CHECKLIST "IA-2026-Q1"
#define CF_DEMO_AUTHOR "质量负责人 李娜 <li.na@dongfang.gov.cn>"
#define CF_DEMO_APPROVER "中心主任 王强 <wang.qiang@dongfang.gov.cn>"
#define CF_DEMO_DRAFT "P-HEA-001"

struct cf_ws;

/* Creates and configures the workspace; *out is the caller's. */
int cf_demo_create(const char *root, struct cf_ws **out);
int cf_demo_commit_documents(struct cf_ws *ws);
int cf_demo_generate(struct cf_ws *ws, uint64_t n,
    struct cf_gen_counts *counts);
/* *res is the caller's to release (cf_import_result_release). */
int cf_demo_import(struct cf_ws *ws, struct cf_import_result *res);
int cf_demo_audit(struct cf_ws *ws, struct cf_audit_result *out);

#endif
