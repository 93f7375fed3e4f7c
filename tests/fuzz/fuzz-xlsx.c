/* SPDX-License-Identifier: MIT */
/*
 * fuzz-xlsx.c - the .xlsx sheet reader (cases/xlsx.c), alone and behind
 * the import's reading half (rows.c reads a workbook by its zip magic).
 *
 * An input that starts like a zip (PK\3\4) is the workbook itself (the
 * seeds are real workbooks).  Any other input is the text of its parts,
 * cut at each line "@@": the sheet, the shared strings, the styles, the
 * workbook part; a part not given is a plain one.  They are zipped here
 * (deflated, with libzip), so that mutations reach the XML and not only
 * the deflate stream.
 *
 * Promises checked: every cell is UTF-8 with no NUL inside, a row has at
 * most CF_XLSX_MAX_COLS cells, row numbers grow, a refusal is one line
 * of UTF-8, a bad cell's column is a column, a fatal error ends the
 * sheet, and through rows.c the file
 * ends with exactly one END row and well-formed rows.
 */
#include "fuzz.h"
#include "fuzz-rows.h"
#include "xlsx.h"
#include "xml.h"

#include <unistd.h>
#include <zip.h>

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	cf_xml_init();
	fuzz_rows_init();
	return 0;
}

static const char ns[] =
    "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"";
static const char rns[] = "http://schemas.openxmlformats.org/"
			  "officeDocument/2006/relationships";

/* The plain parts, in the order of the input's pieces. */
static const char *const part_names[] = { "xl/worksheets/sheet1.xml",
	"xl/sharedStrings.xml", "xl/styles.xml", "xl/workbook.xml" };

static char *
plain_part(size_t i)
{
	switch (i) {
	case 0:
		return cf_xasprintf("<worksheet %s><sheetData><row r=\"1\"><c "
				    "r=\"A1\" t=\"s\"><v>0</v></c></row>"
				    "</sheetData></worksheet>",
		    ns);
	case 1:
		return cf_xasprintf("<sst %s><si><t>case_id</t></si></sst>",
		    ns);
	case 2:
		return cf_xasprintf("<styleSheet %s><cellXfs><xf numFmtId=\"0\"/>"
				    "<xf numFmtId=\"22\"/></cellXfs>"
				    "</styleSheet>",
		    ns);
	default:
		return cf_xasprintf("<workbook %s xmlns:r=\"%s\"><sheets><sheet "
				    "name=\"Sheet1\" sheetId=\"1\" "
				    "r:id=\"rId1\"/></sheets></workbook>",
		    ns, rns);
	}
}

static void
add(zip_t *za, const char *name, const void *data, size_t len)
{
	void *copy = NULL;
	zip_source_t *s;

	/* libzip takes no buffer of length 0: an empty part is NULL */
	if (len) {
		copy = cf_xmalloc(len);
		memcpy(copy, data, len);
	}
	s = zip_source_buffer(za, copy, len, len > 0);
	FUZZ_CHECK(s != NULL && zip_file_add(za, name, s, ZIP_FL_ENC_UTF_8) >= 0,
	    "zip_file_add %s", name);
}

/* The input's pieces zipped as a workbook, in a new buffer. */
static uint8_t *
workbook_of(const uint8_t *data, size_t size, size_t *out_len)
{
	zip_error_t err;
	zip_source_t *src;
	zip_t *za;
	zip_stat_t st;
	const uint8_t *p = data, *end = data + size;
	uint8_t *out;
	char *rels;

	zip_error_init(&err);
	src = zip_source_buffer_create(NULL, 0, 0, &err);
	FUZZ_CHECK(src != NULL, "zip_source_buffer_create");
	za = zip_open_from_source(src, ZIP_TRUNCATE, &err);
	FUZZ_CHECK(za != NULL, "zip_open_from_source");
	zip_source_keep(src);
	for (size_t i = 0; i < CF_ARRAY_LEN(part_names); i++) {
		const uint8_t *cut = NULL;
		for (const uint8_t *q = p; p && q + 4 <= end; q++)
			if (memcmp(q, "\n@@\n", 4) == 0) {
				cut = q;
				break;
			}
		if (p) {
			const uint8_t *e = cut ? cut : end;
			add(za, part_names[i], p, (size_t)(e - p));
			p = cut ? cut + 4 : NULL;
		} else {
			char *t = plain_part(i);
			add(za, part_names[i], t, strlen(t));
			free(t);
		}
	}
	rels = cf_xasprintf(
	    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/"
	    "2006/relationships\"><Relationship Id=\"rId1\" Type=\"%s/"
	    "worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship "
	    "Id=\"rId2\" Type=\"%s/styles\" Target=\"styles.xml\"/>"
	    "<Relationship Id=\"rId3\" Type=\"%s/sharedStrings\" "
	    "Target=\"sharedStrings.xml\"/></Relationships>",
	    rns, rns, rns);
	add(za, "xl/_rels/workbook.xml.rels", rels, strlen(rels));
	free(rels);
	FUZZ_CHECK(zip_close(za) == 0, "zip_close");
	FUZZ_CHECK(zip_source_stat(src, &st) == 0 && zip_source_open(src) == 0,
	    "zip_source_open");
	out = cf_xmalloc(st.size ? st.size : 1);
	FUZZ_CHECK(zip_source_read(src, out, st.size) == (zip_int64_t)st.size,
	    "zip_source_read");
	zip_source_close(src);
	zip_source_free(src);
	*out_len = st.size;
	return out;
}

/* The sheet reader alone, every promise of xlsx.h. */
static void
read_sheet(const uint8_t *data, size_t size)
{
	struct cf_xlsx *x = NULL;
	int fd = fuzz_fd(data, size), rc, prev = 0;

	rc = cf_xlsx_open(&x, fd, "fuzz.xlsx", NULL);
	if (rc < 0) {
		FUZZ_CHECK(x == NULL, "a refused workbook was opened");
		fuzz_check_message("refusal", cf_error_message());
		close(fd);
		cf_error_clear();
		return;
	}
	const char *name = cf_xlsx_sheet(x);
	FUZZ_CHECK(name && cf_utf8_valid(name, strlen(name), NULL),
	    "sheet name not UTF-8");
	while ((rc = cf_xlsx_next(x)) != 0) {
		if (rc < 0) {
			FUZZ_CHECK(rc == CF_EINVALID || rc == CF_ERROR,
			    "code %d", rc);
			fuzz_check_message("bad row", cf_error_message());
			cf_error_clear();
			FUZZ_CHECK(cf_xlsx_bad_column(x) >= -1 &&
				cf_xlsx_bad_column(x) < CF_XLSX_MAX_COLS,
			    "bad column %d", cf_xlsx_bad_column(x));
			if (cf_xlsx_fatal(x)) {
				FUZZ_CHECK(cf_xlsx_next(x) == 0,
				    "rows after a fatal error");
				break;
			}
			continue;
		}
		size_t n = cf_xlsx_count(x);
		FUZZ_CHECK(n <= CF_XLSX_MAX_COLS, "%zu cells", n);
		FUZZ_CHECK(cf_xlsx_row(x) > prev, "row %d after %d",
		    cf_xlsx_row(x), prev);
		prev = cf_xlsx_row(x);
		for (size_t i = 0; i < n; i++) {
			size_t len;
			const char *v = cf_xlsx_value(x, i, &len);
			FUZZ_CHECK(v != NULL && strlen(v) == len,
			    "cell %zu has a NUL inside", i);
			FUZZ_CHECK(cf_utf8_valid(v, len, NULL),
			    "cell %zu not UTF-8", i);
		}
	}
	cf_xlsx_free(x);
	close(fd);
	cf_error_clear();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_rows_stats st;
	uint8_t *wb = NULL;
	size_t len = size;

	if (!cf_xlsx_magic(data, size))
		data = wb = workbook_of(data, size, &len);
	read_sheet(data, len);
	fuzz_rows(data, len, false, &st);
	free(wb);
	return 0;
}
