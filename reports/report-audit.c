/* SPDX-License-Identifier: MIT */
/*
 * report-audit.c - the audit report (ISO 19011 6.5.1; see report.h).
 *
 * Contents, in the standard's order: objectives and criteria (the
 * checklist's <objective> and <criteria> as committed, and that commit),
 * scope and auditee (the scope glob, the document versions the audit
 * used, the center's name from the config), team (the stored actor),
 * dates (start and end, the audited period), the documents commit and
 * the data batches with their SHA-256, the sampling statement, the
 * results and conformity rate per check with three charts, the findings
 * with their evidence, the NCRs the audit raised or joined, the
 * conclusions and the sampling caveat.
 *
 * The head, the counts per check, the versions, windows and months are
 * small and read first; the findings are streamed from the store to the
 * output one at a time.  The HTML groups the fail and error findings by
 * pattern and lists the first of each group (report-audit-groups.c; a
 * page of a million rows helps nobody; it says where the rest is), the
 * XML and CSV stream every finding.
 *
 * This file parses the format and runs the report; the parts are
 * report-audit-data.c (what is read before the findings),
 * report-audit-text.c (text shared by the formats) and one writer per
 * format, report-audit-html.c, -xml.c and -csv.c, sharing
 * report-audit-impl.h.  Everything is read through auditdb, ncrdb and
 * the document index: no SQL here.
 */
#include "conform.h"
#include "report-audit-impl.h"
#include "report.h"

#include <string.h>

int
cf_report_format_parse(enum cf_report_format *out, const char *s,
    enum cf_report_format def, bool csv_ok)
{
	if (s == NULL)
		*out = def;
	else if (strcmp(s, "html") == 0)
		*out = CF_REPORT_HTML;
	else if (strcmp(s, "xml") == 0)
		*out = CF_REPORT_XML;
	else if (csv_ok && strcmp(s, "csv") == 0)
		*out = CF_REPORT_CSV;
	else
		return cf_error_set(CF_EUSAGE,
		    "unknown format '%s', expected %s", s,
		    csv_ok ? "html, xml or csv" : "html or xml");
	return 0;
}

int
cf_report_audit(FILE *out, const struct cf_report_env *env, int64_t id,
    enum cf_report_format fmt)
{
	struct cf_ra_data d;
	int rc;

	if ((rc = cf_ra_load(env, id, &d)) < 0)
		goto out;
	switch (fmt) {
	case CF_REPORT_HTML:
		rc = cf_ra_write_html(out, env, &d);
		break;
	case CF_REPORT_XML:
		rc = cf_ra_write_xml(out, env, &d);
		break;
	case CF_REPORT_CSV:
		rc = cf_ra_write_csv(out, env, &d);
		break;
	}
	if (rc == 0 && (fflush(out) != 0 || ferror(out)))
		rc = cf_error_set(CF_ERROR, "cannot write the report");
out:
	cf_ra_release(&d);
	return rc;
}
