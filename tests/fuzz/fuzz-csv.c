/* SPDX-License-Identifier: MIT */
/*
 * fuzz-csv.c - the streaming CSV reader (core/csv.c), against a
 * reference, and the CSV half of the import (cases/rows.c).
 *
 * This target compiles its own copy of core/csv.c with a block of a
 * few bytes (CF_CSV_BLOCK), so that every record, field, quote, CRLF
 * and byte-order mark is split across reads somewhere.
 *
 * The reference below is the reader's contract (csv.h) written the
 * plainest way, on the whole input at once.  When it finds the input
 * valid, the reader must return exactly its records (fields and start
 * lines) and no error: nothing lost, nothing invented.  When it finds a
 * problem, the reader must report one too.
 */
#include "fuzz.h"
#include "fuzz-rows.h"
#include "csv.h"

#include <unistd.h>

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	fuzz_rows_init();
	return 0;
}

struct rec {
	int line;
	struct cf_strv fields;
};

struct ref {
	struct rec *v;
	size_t n, alloc;
};

static void
ref_release(struct ref *r)
{
	for (size_t i = 0; i < r->n; i++)
		cf_strv_release(&r->v[i].fields);
	free(r->v);
}

/* The reference reader: true when the whole input is valid. */
static bool
ref_parse(const char *s, size_t n, struct ref *out)
{
	size_t i = 0;
	int line = 1;
	struct cf_buf f = CF_BUF_INIT;
	bool ok = true;

	if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	for (;;) {
		/* Empty lines are no records. */
		while (i < n && (s[i] == '\r' || s[i] == '\n')) {
			if (s[i] == '\r' && i + 1 < n && s[i + 1] == '\n')
				i++;
			i++;
			line++;
		}
		if (i >= n)
			break;
		CF_GROW(out->v, out->n + 1, out->alloc);
		struct rec *r = &out->v[out->n++];
		memset(r, 0, sizeof *r);
		r->line = line;
		for (;;) { /* one field */
			cf_buf_reset(&f);
			if (i < n && s[i] == '"') {
				i++;
				for (;;) {
					if (i >= n) {
						ok = false; /* unterminated */
						goto out;
					}
					if (s[i] == '"') {
						if (i + 1 < n &&
						    s[i + 1] == '"') {
							cf_buf_addc(&f, '"');
							i += 2;
							continue;
						}
						i++;
						break;
					}
					if (s[i] == '\n')
						line++;
					cf_buf_addc(&f, s[i++]);
				}
				if (i < n && s[i] != ',' && s[i] != '\r' &&
				    s[i] != '\n') {
					ok = false; /* junk after the quote */
					goto out;
				}
			} else {
				while (i < n && s[i] != ',' && s[i] != '\r' &&
				    s[i] != '\n') {
					if (s[i] == '"') {
						ok = false;
						goto out;
					}
					cf_buf_addc(&f, s[i++]);
				}
			}
			if (memchr(f.s, '\0', f.len) ||
			    !cf_utf8_valid(f.s, f.len, NULL)) {
				ok = false;
				goto out;
			}
			cf_strv_push(&r->fields, f.s);
			if (i < n && s[i] == ',') {
				i++;
				continue;
			}
			if (i < n) { /* a line end: CRLF, CR or LF */
				if (s[i] == '\r' && i + 1 < n &&
				    s[i + 1] == '\n')
					i++;
				i++;
				line++;
			}
			break;
		}
	}
out:
	cf_buf_release(&f);
	return ok;
}

static void
check_reader(const uint8_t *data, size_t size)
{
	struct ref ref = { NULL, 0, 0 };
	bool valid = ref_parse((const char *)data, size, &ref);
	struct cf_csv *csv;
	int fd = fuzz_fd(data, size), rc;
	size_t k = 0, errors = 0;

	cf_csv_open_fd(&csv, fd, "fuzz.csv");
	while ((rc = cf_csv_next(csv)) != 0) {
		FUZZ_CHECK(rc == 1 || rc == CF_EINVALID, "read error %d", rc);
		if (rc == CF_EINVALID) {
			errors++;
			fuzz_check_message("CSV error", cf_error_message());
			FUZZ_CHECK(cf_csv_line(csv) >= 1, "error line %d",
			    cf_csv_line(csv));
			FUZZ_CHECK(!valid,
			    "error '%s' on line %d of a valid "
			    "file",
			    cf_error_message(), cf_csv_line(csv));
			continue;
		}
		size_t nf = cf_csv_count(csv);
		FUZZ_CHECK(nf >= 1, "a record without fields");
		for (size_t i = 0; i < nf; i++) {
			size_t len;
			const char *v = cf_csv_value(csv, i, &len);
			FUZZ_CHECK(strlen(v) == len, "field length");
		}
		if (!valid)
			continue;
		FUZZ_CHECK(k < ref.n, "record %zu invented (the file has %zu)",
		    k + 1, ref.n);
		struct rec *r = &ref.v[k++];
		FUZZ_CHECK(cf_csv_line(csv) == r->line,
		    "record %zu starts on line %d, not %d", k, cf_csv_line(csv),
		    r->line);
		FUZZ_CHECK(nf == r->fields.n, "record %zu: %zu fields, not %zu",
		    k, nf, r->fields.n);
		for (size_t i = 0; i < nf; i++)
			FUZZ_CHECK(strcmp(cf_csv_value(csv, i, NULL),
				       r->fields.v[i]) == 0,
			    "record %zu field %zu: '%s', not '%s'", k, i + 1,
			    cf_csv_value(csv, i, NULL), r->fields.v[i]);
	}
	if (valid)
		FUZZ_CHECK(k == ref.n, "%zu of %zu records lost", ref.n - k,
		    ref.n);
	else
		FUZZ_CHECK(errors > 0, "an invalid file read without error");
	cf_csv_free(csv);
	close(fd);
	ref_release(&ref);
	cf_error_clear();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_rows_stats st;

	check_reader(data, size);
	fuzz_rows(data, size, false, &st);
	return 0;
}
