/* SPDX-License-Identifier: MIT */
/*
 * json.h - a small builder for JSON objects in canonical form: keys
 * sorted bytewise, no insignificant white space, strings escaped the
 * same way every time.  The trail hashes these bytes, so two builds of
 * the same values must give the same bytes.
 */
#ifndef CF_JSON_H
#define CF_JSON_H

#include <stdint.h>

struct cf_json;
struct cf_buf;

/* Appends `s` as a JSON string literal (with quotes) to `b`. */
void cf_json_string(struct cf_buf *b, const char *s);

struct cf_json *cf_json_new(void);
void cf_json_free(struct cf_json *j);

/* Each call adds (or replaces) one member; `value` NULL gives null. */
void cf_json_str(struct cf_json *j, const char *key, const char *value);
void cf_json_int(struct cf_json *j, const char *key, int64_t value);
void cf_json_bool(struct cf_json *j, const char *key, int value);
/* A member whose value is already JSON text (an array, an object). */
void cf_json_raw(struct cf_json *j, const char *key, const char *json);

/* The canonical text; the caller frees it. */
char *cf_json_text(const struct cf_json *j);

#endif
