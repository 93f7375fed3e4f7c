/* SPDX-License-Identifier: MIT */
/*
 * text.c - UTF-8, trimming and globs (see text.h).
 *
 * Below error.c in the module graph (mem <- text <- error <- conform):
 * it includes its own header and mem.h, never conform.h, and sets no
 * error.
 */
#include "mem.h"
#include "text.h"

#include <fnmatch.h>
#include <string.h>

bool
cf_utf8_valid(const char *str, size_t n, size_t *bad_at)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < n) {
		unsigned c = s[i];
		size_t len;
		unsigned cp, min;

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF) {
			len = 2, cp = c & 0x1F, min = 0x80;
		} else if (c >= 0xE0 && c <= 0xEF) {
			len = 3, cp = c & 0x0F, min = 0x800;
		} else if (c >= 0xF0 && c <= 0xF4) {
			len = 4, cp = c & 0x07, min = 0x10000;
		} else
			goto bad;
		if (n - i < len)
			goto bad;
		for (size_t k = 1; k < len; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				goto bad;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			goto bad;
		i += len;
	}
	return true;
bad:
	if (bad_at)
		*bad_at = i;
	return false;
}

/* The length of the valid UTF-8 sequence at s[0..n), or 0. */
static size_t
utf8_seq(const unsigned char *s, size_t n)
{
	size_t at;

	for (size_t len = 1; len <= 4 && len <= n; len++)
		if (cf_utf8_valid((const char *)s, len, &at))
			return len;
	return 0;
}

bool
cf_text_printable(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f ||
		    ((unsigned char)s[i] == 0xC2 && i + 1 < n &&
			(unsigned char)s[i + 1] >= 0x80 &&
			(unsigned char)s[i + 1] <= 0x9F))
			return false;
	return cf_utf8_valid(s, n, NULL);
}

static void
add_escaped(struct cf_buf *b, const char *str, size_t n, bool keep_lines)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < n) {
		unsigned c = s[i];
		size_t len;

		if (c >= 0x20 && c < 0x7f) {
			cf_buf_addc(b, (char)c);
			i++;
		} else if (keep_lines && (c == '\n' || c == '\t')) {
			cf_buf_addc(b, (char)c);
			i++;
		} else if (c == '\n' || c == '\r' || c == '\t') {
			cf_buf_addc(b, '\\');
			cf_buf_addc(b, c == '\n' ? 'n' : c == '\r' ? 'r' : 't');
			i++;
		} else if (c == 0x7f) {
			/* DEL as \u007F, like the C1 controls: an escape that
			 * JSON reads too, should it pass a terminal filter */
			cf_buf_adds(b, "\\u007F");
			i++;
		} else if (c == 0xC2 && i + 1 < n && s[i + 1] >= 0x80 &&
		    s[i + 1] <= 0x9F) {
			/* A C1 control (U+0080..U+009F): CSI U+009B starts
			 * an escape sequence on some terminals. */
			cf_buf_addf(b, "\\u%04X", s[i + 1]);
			i += 2;
		} else if (c >= 0x80 && (len = utf8_seq(s + i, n - i)) > 0) {
			cf_buf_add(b, s + i, len);
			i += len;
		} else {
			cf_buf_addf(b, "\\x%02X", c);
			i++;
		}
	}
}

void
cf_text_add_printable(struct cf_buf *b, const char *str, size_t n)
{
	add_escaped(b, str, n, false);
}

void
cf_text_add_visible(struct cf_buf *b, const char *str, size_t n)
{
	add_escaped(b, str, n, true);
}

bool
cf_text_visible(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;

	for (size_t i = 0; i < n; i++)
		if ((s[i] < 0x20 && s[i] != '\n' && s[i] != '\t') ||
		    s[i] == 0x7f ||
		    (s[i] == 0xC2 && i + 1 < n && s[i + 1] >= 0x80 &&
			s[i + 1] <= 0x9F))
			return false;
	return cf_utf8_valid(str, n, NULL);
}

size_t
cf_utf8_cut(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = n, want;

	/* Walk back over at most three continuation bytes to a lead byte. */
	while (i > 0 && n - i < 3 && (s[i - 1] & 0xC0) == 0x80)
		i--;
	if (i == 0 || s[i - 1] < 0xC0 || s[i - 1] > 0xF4)
		return n;
	want = s[i - 1] >= 0xF0 ? 4 : s[i - 1] >= 0xE0 ? 3 : 2;
	return n - (i - 1) < want ? i - 1 : n;
}

/* East Asian Wide and Fullwidth ranges that matter for our text. */
static bool
is_wide(unsigned cp)
{
	return (cp >= 0x1100 && cp <= 0x115F) ||
	    (cp >= 0x2E80 && cp <= 0x303E) || (cp >= 0x3041 && cp <= 0x33FF) ||
	    (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
	    (cp >= 0xA000 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
	    (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
	    (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) ||
	    (cp >= 0x1F300 && cp <= 0x1F64F) ||
	    (cp >= 0x20000 && cp <= 0x3FFFD);
}

size_t
cf_utf8_width(const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t w = 0;

	while (*s) {
		unsigned cp = *s;
		size_t len = 1;

		if (cp >= 0xF0)
			len = 4, cp &= 0x07;
		else if (cp >= 0xE0)
			len = 3, cp &= 0x0F;
		else if (cp >= 0xC0)
			len = 2, cp &= 0x1F;
		for (size_t k = 1; k < len && s[k]; k++)
			cp = (cp << 6) | (s[k] & 0x3F);
		for (size_t k = 0; k < len && *s; k++)
			s++;
		if (cp >= 0x300 && cp <= 0x36F)
			continue; /* combining marks take no column */
		w += is_wide(cp) ? 2 : 1;
	}
	return w;
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	    c == '\v';
}

void
cf_trim(const char **s, size_t *n)
{
	while (*n && is_space(**s))
		(*s)++, (*n)--;
	while (*n && is_space((*s)[*n - 1]))
		(*n)--;
}

bool
cf_blank(const char *s)
{
	if (s == NULL)
		return true;
	for (; *s; s++)
		if (!is_space(*s))
			return false;
	return true;
}

bool
cf_glob_match(const char *pattern, const char *s)
{
	return fnmatch(pattern, s, 0) == 0;
}

bool
cf_is_hex_lower(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
			(s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}
