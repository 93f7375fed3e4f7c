/* SPDX-License-Identifier: MIT */
/* fuzz-util.c - helpers of the fuzz targets (see fuzz.h). */
#include "fuzz.h"

#include <sys/mman.h>
#include <unistd.h>

int
fuzz_fd(const uint8_t *data, size_t size)
{
	int fd = memfd_create("fuzz", MFD_CLOEXEC);
	size_t off = 0;

	FUZZ_CHECK(fd >= 0, "memfd_create failed");
	while (off < size) {
		ssize_t w = write(fd, data + off, size - off);
		FUZZ_CHECK(w > 0, "write to the memory file failed");
		off += (size_t)w;
	}
	FUZZ_CHECK(lseek(fd, 0, SEEK_SET) == 0, "lseek failed");
	return fd;
}

/* Reads a JSON string at *p (after its quote) into `out`, unescaped. */
static const char *
json_string(const char *p, struct cf_buf *out)
{
	cf_buf_reset(out);
	while (*p && *p != '"') {
		if (*p == '\\') {
			p++;
			FUZZ_CHECK(*p != '\0', "JSON escape cut short");
			if (*p == 'u') {
				for (int i = 1; i <= 4; i++)
					FUZZ_CHECK(p[i] != '\0',
					    "JSON \\u cut short");
				cf_buf_add(out, p - 1, 6);
				p += 5;
				continue;
			}
			cf_buf_addc(out,
			    *p == 'n'	    ? '\n'
				: *p == 'r' ? '\r'
				: *p == 't' ? '\t'
					    : *p);
			p++;
			continue;
		}
		cf_buf_addc(out, *p++);
	}
	FUZZ_CHECK(*p == '"', "JSON string not closed");
	return p + 1;
}

void
fuzz_check_json_keys(const char *json)
{
	struct cf_strv keys = CF_STRV_INIT;
	struct cf_buf k = CF_BUF_INIT, v = CF_BUF_INIT;
	const char *p = json;

	FUZZ_CHECK(*p == '{', "attributes are not a JSON object: %s", json);
	p++;
	while (*p != '}') {
		FUZZ_CHECK(*p == '"', "expected a key in %s", json);
		p = json_string(p + 1, &k);
		FUZZ_CHECK(*p == ':', "expected ':' in %s", json);
		FUZZ_CHECK(p[1] == '"', "expected a string value in %s", json);
		p = json_string(p + 2, &v);
		cf_strv_push(&keys, k.s);
		if (*p == ',')
			p++;
		else
			FUZZ_CHECK(*p == '}', "expected ',' or '}' in %s",
			    json);
	}
	FUZZ_CHECK(p[1] == '\0', "text after the object: %s", json);
	cf_strv_sort(&keys);
	for (size_t i = 1; i < keys.n; i++)
		FUZZ_CHECK(strcmp(keys.v[i - 1], keys.v[i]) != 0,
		    "key '%s' twice in %s: a value is lost", keys.v[i], json);
	cf_strv_release(&keys);
	cf_buf_release(&k);
	cf_buf_release(&v);
}
