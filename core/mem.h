/* SPDX-License-Identifier: MIT */
/*
 * mem.h - allocation that never returns NULL, and a growing string.
 *
 * Out of memory is not an error conform can report usefully, so the
 * cf_x* allocators abort with a message (as tmux, git and redis do), and
 * no caller checks for NULL.
 *
 * struct cf_buf follows git's strbuf invariants: `s` is never NULL and is
 * always NUL-terminated; cf_buf_detach() is the only way to take the
 * bytes and leaves the buffer empty and reusable.
 */
#ifndef CF_MEM_H
#define CF_MEM_H

#include <stdarg.h>
#include <stddef.h>

#if defined(__GNUC__)
#define CF_MEM_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define CF_MEM_PRINTF(f, a)
#endif

void *cf_xmalloc(size_t n);
void *cf_xcalloc(size_t nmemb, size_t size);
void *cf_xrealloc(void *p, size_t n);
void *cf_xreallocarray(void *p, size_t nmemb, size_t size);

/*
 * qsort(3) that takes an empty array as it is: `base` may then be NULL,
 * which qsort itself may not be given.
 */
void cf_sort(void *base, size_t n, size_t size,
    int (*cmp)(const void *, const void *));
char *cf_xstrdup(const char *s);
char *cf_xstrndup(const char *s, size_t n);
char *cf_xasprintf(const char *fmt, ...) CF_MEM_PRINTF(1, 2);
char *cf_xvasprintf(const char *fmt, va_list ap) CF_MEM_PRINTF(1, 0);

/* Ensures room for `n` elements in array `p` of capacity `alloc`. */
#define CF_GROW(p, n, alloc)                                                   \
	do {                                                                   \
		if ((size_t)(n) > (alloc)) {                                   \
			size_t cf_grow_new_ = (alloc) ? (alloc)*2 : 8;         \
			if (cf_grow_new_ < (size_t)(n))                        \
				cf_grow_new_ = (size_t)(n);                    \
			(p) = cf_xreallocarray((p), cf_grow_new_,              \
			    sizeof(*(p)));                                     \
			(alloc) = cf_grow_new_;                                \
		}                                                              \
	} while (0)

struct cf_buf {
	char *s;
	size_t len;
	size_t alloc;
};

extern char cf_buf_empty[];
#define CF_BUF_INIT                                                            \
	{                                                                      \
		cf_buf_empty, 0, 0                                             \
	}

void cf_buf_init(struct cf_buf *b);
void cf_buf_release(struct cf_buf *b);
void cf_buf_reset(struct cf_buf *b); /* len = 0, keeps memory */
void cf_buf_grow(struct cf_buf *b, size_t extra);
void cf_buf_add(struct cf_buf *b, const void *p, size_t n);
void cf_buf_adds(struct cf_buf *b, const char *s);
void cf_buf_addc(struct cf_buf *b, char c);
void cf_buf_addf(struct cf_buf *b, const char *fmt, ...) CF_MEM_PRINTF(2, 3);
void
cf_buf_vaddf(struct cf_buf *b, const char *fmt, va_list ap) CF_MEM_PRINTF(2, 0);
char *cf_buf_detach(struct cf_buf *b); /* caller frees */

/* A growing list of owned strings (NULL-terminated for convenience). */
struct cf_strv {
	char **v;
	size_t n;
	size_t alloc;
};

#define CF_STRV_INIT                                                           \
	{                                                                      \
		NULL, 0, 0                                                     \
	}

void cf_strv_push(struct cf_strv *sv, const char *s); /* copies s */
void cf_strv_push_owned(struct cf_strv *sv, char *s); /* takes s */
void cf_strv_sort(struct cf_strv *sv);		      /* bytewise */
void cf_strv_release(struct cf_strv *sv);

#endif
