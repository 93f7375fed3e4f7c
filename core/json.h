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

/*
 * Reading JSON (the trail's data, read back to be verified): spans of
 * the text, no tree.  Malformed text, nesting deeper than 64 or a
 * value past the end is CF_EINVALID; nothing reads outside [p, p + n).
 */
struct cf_jspan {
	const char *p;
	size_t n;
};

/* The span of the whole text if it is one JSON value (spaces around). */
int cf_json_span(const char *text, size_t n, struct cf_jspan *out);

/*
 * Calls fn for each member of the object `obj` in order (key with its
 * quotes, as written), or for each element of the array (key: an
 * empty span).  A non-zero return of fn stops and is returned.
 */
typedef int (*cf_json_each_fn)(struct cf_jspan key, struct cf_jspan val,
    void *arg);
int cf_json_each(struct cf_jspan obj, cf_json_each_fn fn, void *arg);

/*
 * The value of member `key` (plain ASCII, compared with the key as
 * written) of the object: 0, CF_ENOTFOUND, or CF_EINVALID.
 */
int cf_json_get(struct cf_jspan obj, const char *key, struct cf_jspan *out);

/* The integer the span holds: 0, or CF_EINVALID (not an integer). */
int cf_json_get_int(struct cf_jspan v, int64_t *out);

/* The string the span holds, unescaped (the caller frees); NULL when
 * the span is not a string. */
char *cf_json_get_str(struct cf_jspan v);

#endif
