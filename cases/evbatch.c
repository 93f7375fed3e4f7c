/* SPDX-License-Identifier: MIT */
/*
 * evbatch.c - events written a sorted batch at a time (see evbatch.h).
 *
 * While the events come in key order (but for a few: THROUGH_*), each
 * is written at once; past the first window where they do not, they
 * are held.  Held events are packed into one block of memory (fixed
 * fields, then the strings with their NULs), and a slot per event holds
 * a sort key and the event's place.  The key is sixteen bytes of the
 * case id taken from where the batch's ids start to differ (their
 * common prefix, a date or a platform's code, decides nothing),
 * big-endian, zero past the id's end; a stable radix sort orders the
 * slots by it, skipping the bytes every key shares, and runs of equal
 * keys are then ordered by the whole id (bytes, then length: SQLite's
 * BINARY collation), the instant and seq.  A batch already in order is
 * not sorted.
 */
#include "conform.h"
#include "evbatch.h"

#include <stdlib.h>
#include <string.h>

/*
 * Events are written as they come while at most THROUGH_BEHIND of each
 * THROUGH_WINDOW come before the one before them (a file by case, a
 * case's events out of time order or an id out of place included).
 */
#define THROUGH_WINDOW 1024
#define THROUGH_BEHIND 32

/* Which optional strings are NULL (not recorded). */
enum { NO_ACTOR = 1, NO_ROLE = 2, NO_ATTRS = 4 };

struct ev {
	int64_t sec, seq, ts_wall, batch;
	int32_t nsec, off, line;
	uint32_t lid, lact, lactor, lrole, lattrs;
	uint8_t nulls;
	char data[]; /* id, activity, actor, role, attrs; each NUL-ended */
};

struct slot {
	uint64_t key[2]; /* id bytes lcp..lcp+15, big-endian, 0 past the end */
	const struct ev *e;
};

struct cf_evbatch {
	cf_evbatch_fn fn;
	void *arg;
	char *mem; /* the events, packed */
	size_t size, used;
	struct slot *slots, *tmp;
	size_t n, alloc, tmp_alloc;
	bool in_order; /* every event held after the one before it */
	size_t lcp;    /* the bytes every id held shares with the first */
	/* pass-through: the events so far came in order (THROUGH_*), so
	 * each is written as it comes; last_ev: the last one's key */
	bool through;
	size_t seen, behind; /* of the last THROUGH_WINDOW events: before
			      * the one before them */
	struct ev *last_ev;
	size_t last_size;
	size_t written, sorted;
	size_t count[16][256]; /* the radix sort's counts */
};

struct cf_evbatch *
cf_evbatch_new(size_t bytes, cf_evbatch_fn fn, void *arg)
{
	struct cf_evbatch *b = cf_xcalloc(1, sizeof *b);

	b->fn = fn;
	b->arg = arg;
	b->size = bytes ? bytes : CF_EVBATCH_BYTES;
	b->mem = cf_xmalloc(b->size);
	b->through = true;
	return b;
}

void
cf_evbatch_free(struct cf_evbatch *b)
{
	if (b == NULL)
		return;
	free(b->mem);
	free(b->slots);
	free(b->tmp);
	free(b->last_ev);
	free(b);
}

void
cf_evbatch_stats(const struct cf_evbatch *b, size_t *written, size_t *sorted)
{
	*written = b->written;
	*sorted = b->sorted;
}

static size_t
len_of(const char *s)
{
	return s ? strlen(s) : 0;
}

static size_t
ev_size(size_t strings)
{
	size_t n = sizeof(struct ev) + strings;

	return (n + 7) & ~(size_t)7;
}

static const char *
id_of(const struct ev *e)
{
	return e->data;
}

/* The row the store takes, its strings pointing into the batch. */
static void
ev_row(const struct ev *e, struct cf_eventrow *r)
{
	const char *p = e->data + e->lid + 1;

	memset(r, 0, sizeof *r);
	r->case_id = e->data;
	r->activity = p;
	p += e->lact + 1;
	r->actor = (e->nulls & NO_ACTOR) ? NULL : p;
	p += e->lactor + 1;
	r->role = (e->nulls & NO_ROLE) ? NULL : p;
	p += e->lrole + 1;
	r->attrs = (e->nulls & NO_ATTRS) ? NULL : p;
	r->ts.sec = e->sec;
	r->ts.nsec = e->nsec;
	r->ts.off_sec = e->off;
	r->ts.has_off = true;
	r->ts_wall = e->ts_wall;
	r->seq = e->seq;
	r->batch = e->batch;
	r->line = e->line;
}

/* event_rec's order: case id (bytes, then length), sec, nsec, seq. */
static int
key_cmp(const char *xid, size_t xl, int64_t xsec, int32_t xnsec, int64_t xseq,
    const char *yid, size_t yl, int64_t ysec, int32_t ynsec, int64_t yseq)
{
	if (xid != yid) {
		int c = memcmp(xid, yid, xl < yl ? xl : yl);
		if (c != 0)
			return c;
		if (xl != yl)
			return xl < yl ? -1 : 1;
	}
	if (xsec != ysec)
		return xsec < ysec ? -1 : 1;
	if (xnsec != ynsec)
		return xnsec < ynsec ? -1 : 1;
	return xseq < yseq ? -1 : xseq > yseq;
}

static int
slot_cmp(const void *pa, const void *pb)
{
	const struct slot *a = pa, *b = pb;
	const struct ev *x = a->e, *y = b->e;

	if (a->key[0] != b->key[0])
		return a->key[0] < b->key[0] ? -1 : 1;
	if (a->key[1] != b->key[1])
		return a->key[1] < b->key[1] ? -1 : 1;
	return key_cmp(id_of(x), x->lid, x->sec, x->nsec, x->seq, id_of(y),
	    y->lid, y->sec, y->nsec, y->seq);
}

/* Sorts runs of equal keys by the whole comparison. */
static void
sort_ties(struct slot *v, size_t n)
{
	size_t i = 0;

	while (i < n) {
		size_t j = i + 1;
		while (j < n && v[j].key[0] == v[i].key[0] &&
		    v[j].key[1] == v[i].key[1])
			j++;
		if (j - i > 16)
			cf_sort(v + i, j - i, sizeof *v, slot_cmp);
		else
			for (size_t k = i + 1; k < j; k++) {
				struct slot t = v[k];
				size_t m = k;
				while (m > i && slot_cmp(&v[m - 1], &t) > 0) {
					v[m] = v[m - 1];
					m--;
				}
				v[m] = t;
			}
		i = j;
	}
}

/* Byte d of a slot's key, from the lowest (0) to the highest (15). */
#define BYTE(s, d) ((unsigned)((s)->key[1 - (d) / 8] >> (8 * ((d) % 8))) & 0xff)

/*
 * Sorts b->slots by key: a stable radix sort, a byte at a time from the
 * lowest, skipping the bytes all keys share; then the ties.
 */
static void
sort_slots(struct cf_evbatch *b)
{
	size_t(*count)[256] = b->count;
	struct slot *from = b->slots, *to;
	size_t n = b->n;

	CF_GROW(b->tmp, n, b->tmp_alloc);
	to = b->tmp;
	memset(b->count, 0, sizeof b->count);
	for (size_t i = 0; i < n; i++)
		for (int d = 0; d < 16; d++)
			count[d][BYTE(&from[i], d)]++;
	for (int d = 0; d < 16; d++) {
		size_t pos = 0;
		if (count[d][BYTE(&from[0], d)] == n)
			continue; /* every key has this byte */
		for (int k = 0; k < 256; k++) {
			size_t c = count[d][k];
			count[d][k] = pos;
			pos += c;
		}
		for (size_t i = 0; i < n; i++)
			to[count[d][BYTE(&from[i], d)]++] = from[i];
		struct slot *t = from;
		from = to;
		to = t;
	}
	if (from != b->slots)
		memcpy(b->slots, from, n * sizeof *from);
	sort_ties(b->slots, n);
}

/* Writes the events held, in key order, and empties the batch. */
static int
write_batch(struct cf_evbatch *b)
{
	int rc = 0;

	if (b->n == 0)
		return 0;
	if (!b->in_order) {
		for (size_t i = 0; i < b->n; i++) {
			const struct ev *e = b->slots[i].e;
			const unsigned char *s = (const unsigned char *)id_of(e);
			for (int h = 0; h < 2; h++) {
				uint64_t key = 0;
				size_t from = b->lcp + 8 * (size_t)h;
				for (size_t k = from; k < from + 8; k++)
					key = key << 8 | (k < e->lid ? s[k] : 0);
				b->slots[i].key[h] = key;
			}
		}
		sort_slots(b);
		b->sorted++;
	}
	for (size_t i = 0; i < b->n && rc == 0; i++) {
		struct cf_eventrow r;
		if (i + 8 < b->n)
			__builtin_prefetch(b->slots[i + 8].e);
		ev_row(b->slots[i].e, &r);
		rc = b->fn(b->arg, &r);
	}
	b->written++;
	b->n = b->used = 0;
	return rc;
}

int
cf_evbatch_flush(struct cf_evbatch *b)
{
	/* the next file is judged on its own */
	b->through = true;
	b->seen = b->behind = 0;
	free(b->last_ev);
	b->last_ev = NULL;
	b->last_size = 0;
	return write_batch(b);
}

int
cf_evbatch_add(struct cf_evbatch *b, const struct cf_eventrow *r)
{
	size_t lid = len_of(r->case_id), lact = len_of(r->activity),
	       lactor = len_of(r->actor), lrole = len_of(r->role),
	       lattrs = len_of(r->attrs);
	size_t need = ev_size(lid + lact + lactor + lrole + lattrs + 5);
	struct ev *e;
	char *p;
	int rc;

	if (b->through) {
		if (b->last_ev != NULL &&
		    key_cmp(b->last_ev->data, b->last_ev->lid, b->last_ev->sec,
			b->last_ev->nsec, b->last_ev->seq, r->case_id, lid,
			r->ts.sec, r->ts.nsec, r->seq) > 0)
			b->behind++;
		if (++b->seen == THROUGH_WINDOW) {
			if (b->behind > THROUGH_BEHIND)
				b->through = false; /* held back from now on */
			b->seen = b->behind = 0;
		}
		if (b->last_size < ev_size(lid + 1)) {
			free(b->last_ev);
			b->last_size = ev_size(lid + 1);
			b->last_ev = cf_xmalloc(b->last_size);
		}
		memcpy(b->last_ev->data, r->case_id, lid + 1);
		b->last_ev->lid = (uint32_t)lid;
		b->last_ev->sec = r->ts.sec;
		b->last_ev->nsec = r->ts.nsec;
		b->last_ev->seq = r->seq;
		return b->fn(b->arg, r);
	}
	if (need > b->size) { /* one event larger than a batch: as it is */
		if ((rc = write_batch(b)) < 0)
			return rc;
		return b->fn(b->arg, r);
	}
	if (need > b->size - b->used && (rc = write_batch(b)) < 0)
		return rc;
	e = (struct ev *)(b->mem + b->used);
	b->used += need;
	e->sec = r->ts.sec;
	e->nsec = r->ts.nsec;
	e->off = r->ts.off_sec;
	e->ts_wall = r->ts_wall;
	e->seq = r->seq;
	e->batch = r->batch;
	e->line = r->line;
	e->lid = (uint32_t)lid;
	e->lact = (uint32_t)lact;
	e->lactor = (uint32_t)lactor;
	e->lrole = (uint32_t)lrole;
	e->lattrs = (uint32_t)lattrs;
	e->nulls = (uint8_t)((r->actor ? 0 : NO_ACTOR) |
	    (r->role ? 0 : NO_ROLE) | (r->attrs ? 0 : NO_ATTRS));
	p = e->data;
	memcpy(p, r->case_id, lid + 1);
	p += lid + 1;
	memcpy(p, r->activity, lact + 1);
	p += lact + 1;
	if (r->actor)
		memcpy(p, r->actor, lactor);
	p[lactor] = '\0';
	p += lactor + 1;
	if (r->role)
		memcpy(p, r->role, lrole);
	p[lrole] = '\0';
	p += lrole + 1;
	if (r->attrs)
		memcpy(p, r->attrs, lattrs);
	p[lattrs] = '\0';
	CF_GROW(b->slots, b->n + 1, b->alloc);
	b->slots[b->n].key[0] = b->slots[b->n].key[1] = 0;
	b->slots[b->n].e = e;
	if (b->n == 0) {
		b->in_order = true;
		b->lcp = lid;
	} else {
		const char *first = id_of(b->slots[0].e);
		size_t k = 0;
		if (b->in_order &&
		    slot_cmp(&b->slots[b->n - 1], &b->slots[b->n]) > 0)
			b->in_order = false;
		while (k < b->lcp && first[k] == r->case_id[k])
			k++;
		b->lcp = k;
	}
	b->n++;
	return 0;
}
