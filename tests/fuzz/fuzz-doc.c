/* SPDX-License-Identifier: MIT */
/*
 * fuzz-doc.c - the safe XML loader and one document parser
 * (cf_doc_parse), built once per document type with FUZZ_DOC_TYPE set
 * to CF_DOC_PROCEDURE, CF_DOC_STANDARD, CF_DOC_CALENDAR,
 * CF_DOC_CHECKLIST or CF_DOC_PROFILE (fuzz-procedure, fuzz-standard,
 * ..., fuzz-profile).
 *
 * The input is the document's bytes.  Its path is "FOLDER/ID.xml" with
 * ID read from the first id="..." of the input, so that a document that
 * is otherwise valid gets through to the end (the id must match the
 * file name).  Promises checked: a document is refused with at least
 * one diagnostic or parsed with none; every diagnostic is one line of
 * UTF-8; a valid calendar builds a working-day table whose answers
 * agree with its own documents; a valid import profile maps its kind's
 * required fields, each field and column once, every map has a from,
 * and each of its formats passes the format check and reads (or
 * refuses with one line) a time written with every directive.
 */
#include "fuzz.h"
#include "calendar.h"
#include "document.h"
#include "profile.h"
#include "xml.h"

#ifndef FUZZ_DOC_TYPE
#define FUZZ_DOC_TYPE CF_DOC_PROCEDURE
#endif

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	cf_xml_init();
	return 0;
}

/* "FOLDER/ID.xml" with ID from the first id="..." (at most 128 bytes). */
static char *
doc_path(const uint8_t *data, size_t size)
{
	enum cf_doc_type t = FUZZ_DOC_TYPE;
	const char *p = memmem(data, size, "id=\"", 4);
	char id[129] = "fuzz";

	if (p) {
		const char *s = p + 4, *end = (const char *)data + size;
		size_t n = 0;
		while (s + n < end && s[n] != '"' && n < 128 && s[n] != '\0')
			n++;
		if (s + n < end && s[n] == '"' && n > 0) {
			memcpy(id, s, n);
			id[n] = '\0';
		}
	}
	return cf_doc_path_for_id(t, id);
}

static void
check_calendar(const struct cf_doc *doc)
{
	struct cf_doc *const docs[] = { (struct cf_doc *)doc };
	const struct cf_caldoc *c = &doc->u.cal;
	struct cf_cal *cal = NULL;
	int rc = cf_doc_build_calendar(&cal, docs, 1);

	if (rc < 0) {
		fuzz_check_message("calendar error", cf_error_message());
		return;
	}
	FUZZ_CHECK(cf_cal_covers(cal, c->year), "calendar %d not covered",
	    c->year);
	/* Each holiday is a rest day, each make-up day a working day. */
	for (size_t i = 0; i < c->nholidays; i++) {
		for (cf_day d = c->holidays[i].from; d <= c->holidays[i].to;
		     d++) {
			bool w = true;
			bool made_up = false;
			for (size_t k = 0; k < c->nworkdays; k++)
				made_up |= c->workdays[k].date == d;
			if (made_up)
				continue;
			FUZZ_CHECK(cf_cal_is_workday(cal, d, &w) == 0 && !w,
			    "holiday day %d is a working day", (int)d);
		}
	}
	for (size_t k = 0; k < c->nworkdays; k++) {
		bool w = false;
		FUZZ_CHECK(cf_cal_is_workday(cal, c->workdays[k].date, &w) ==
			    0 &&
			w,
		    "make-up day %d is not a working day",
		    (int)c->workdays[k].date);
	}
	/* Deadlines and counts agree with each other. */
	int total = 0;
	FUZZ_CHECK(cf_cal_workdays_in_year(cal, c->year, &total) == 0,
	    "no count for %d", c->year);
	cf_day jan1 = cf_day_from_ymd(c->year, 1, 1);
	for (int n = 0; n <= total && n < 400; n += 37) {
		cf_day end;
		int got;
		if (cf_cal_deadline(cal, jan1 - 1, n, &end) < 0)
			break; /* runs out of the year: fine */
		FUZZ_CHECK(cf_cal_count(cal, jan1 - 1, end, &got) == 0 &&
			got == n,
		    "deadline of %d working days counts %d", n, got);
	}
	cf_cal_free(cal);
}

static void
check_profile(const struct cf_profile *p)
{
	size_t nreq;
	const char *const *fields = cf_profile_fields(p->kind, &nreq);
	struct cf_tz *tz = NULL;

	for (size_t k = 0; k < nreq; k++)
		FUZZ_CHECK(cf_profile_find(p, fields[k]) != NULL,
		    "required field %s not mapped", fields[k]);
	FUZZ_CHECK(cf_tz_open(&tz, "Asia/Shanghai") == 0, "no zone");
	for (size_t i = 0; i < p->nfields; i++) {
		const struct cf_profile_field *f = &p->fields[i];
		FUZZ_CHECK(f->name && f->column && *f->column, "field %zu", i);
		for (size_t k = i + 1; k < p->nfields; k++)
			FUZZ_CHECK(strcmp(f->name, p->fields[k].name) != 0 &&
				strcmp(f->column, p->fields[k].column) != 0,
			    "field or column %s twice", f->name);
		for (size_t k = 0; k < f->nmaps; k++)
			FUZZ_CHECK(f->maps[k].from && f->maps[k].to,
			    "map %zu of %s", k, f->name);
		if (f->format == NULL)
			continue;
		FUZZ_CHECK(cf_profile_field_is_time(f->name),
		    "format on %s", f->name);
		FUZZ_CHECK(cf_profile_format_check(f->format) == 0,
		    "format '%s' kept: %s", f->format, cf_error_message());
		/* "2026-03-02 09:05:07.5+08:00" written by the format */
		struct cf_buf b;
		struct cf_time t;
		cf_buf_init(&b);
		for (const char *s = f->format; *s; s++) {
			if (*s != '%') {
				cf_buf_addf(&b, "%c", *s);
				continue;
			}
			switch (*++s) {
			case 'Y': cf_buf_addf(&b, "2026"); break;
			case 'm': cf_buf_addf(&b, "3"); break;
			case 'd': cf_buf_addf(&b, "02"); break;
			case 'H': cf_buf_addf(&b, "9"); break;
			case 'M': cf_buf_addf(&b, "05"); break;
			case 'S': cf_buf_addf(&b, "07"); break;
			case 'f': cf_buf_addf(&b, "5"); break;
			case 'z': cf_buf_addf(&b, "+08:00"); break;
			default: cf_buf_addf(&b, "%%"); break;
			}
		}
		if (cf_profile_time_parse(&t, b.s ? b.s : "", b.len, f->format,
			tz) < 0)
			fuzz_check_message("time refused", cf_error_message());
		cf_error_clear();
		cf_buf_release(&b);
	}
	cf_tz_free(tz);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cf_diags d = CF_DIAGS_INIT;
	struct cf_doc *doc = NULL;
	char *path = doc_path(data, size);
	int rc;

	rc = cf_doc_parse(&doc, (const char *)data, size, path, &d);
	if (rc == 0) {
		FUZZ_CHECK(doc != NULL && d.n == 0, "parsed with %zu problems",
		    d.n);
		FUZZ_CHECK(doc->type == FUZZ_DOC_TYPE, "wrong type");
		if (doc->type == CF_DOC_CALENDAR)
			check_calendar(doc);
		if (doc->type == CF_DOC_PROFILE)
			check_profile(&doc->u.profile);
		struct cf_doc *const one[] = { doc };
		FUZZ_CHECK(cf_doc_check_set(one, 1, &d) == 0,
		    "one document conflicts with itself");
	} else {
		FUZZ_CHECK(doc == NULL, "refused but returned a document");
		FUZZ_CHECK(rc == CF_ERROR || d.n > 0,
		    "refused (%d) without a diagnostic", rc);
		fuzz_check_message("error", cf_error_message());
	}
	fuzz_check_diags(&d);
	cf_doc_free(doc);
	cf_diags_release(&d);
	free(path);
	cf_error_clear();
	return 0;
}
