/* SPDX-License-Identifier: MIT */
/*
 * records.c - every record checked against the trail entry that bound
 * it (see records.h, doc/integrity.md section 1).
 *
 * The trail is walked once and the entries that bind records are kept:
 * per batch (by SHA-256) its import.batch entry, per audit its
 * audit.store entry, per NCR its last entry.  Then each kind of record
 * is read once: the import_batch rows, one pass over case_rec and
 * case_hist and one over event_rec (each row's hash kept with its batch
 * and place, sorted in memory, then digested per batch), and per audit
 * and NCR the binding its store module builds (auditdb.h, ncrdb.h: the
 * same function that made the entry's data).  Stored and bound values
 * are compared member by member as JSON text; the first member that
 * differs in a record is named, with both values.
 *
 * No SQL here: the tables are read through their store modules.
 */
#include "conform.h"
#include "auditdb.h"
#include "casedb.h"
#include "json.h"
#include "ncrdb.h"
#include "recdigest.h"
#include "records.h"
#include "trail.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A trail entry that binds a record. */
struct bent {
	int64_t seq;
	int64_t key;   /* audit id, NCR number (batches: 0) */
	char *subject; /* batch SHA-256 */
	char *what;
	char *data;
	bool bound;    /* its data holds the binding */
	bool used;     /* its record was found */
};

struct bents {
	struct bent *v;
	size_t n, alloc;
};

/* One row's hash, its batch and its place in the batch's digest. */
struct rowh {
	int64_t batch, order;
	uint8_t h[CF_SHA256_LEN];
};

/*
 * Events go straight to their place: seq is dense within a batch's
 * range [seq_first, seq_end), so a batch's row hashes are kept in pages
 * indexed by seq - seq_first and read back in order, no sort.  Any
 * event that does not fit (outside the range, a seq twice, pages past
 * the budget: hostile values) makes its batch "mixed": its events are
 * then sorted like the case writes.
 */
#define PAGE_BITS 16
#define PAGE_ROWS (1u << PAGE_BITS)
#define MAX_RANGE ((int64_t)1 << 32)

struct page {
	uint8_t used[PAGE_ROWS / 8];
	uint8_t h[PAGE_ROWS][CF_SHA256_LEN];
};

/* A stored batch and what its entry says it wrote. */
struct batch {
	int64_t id;
	int64_t seq_first, seq_end;
	struct page **pages;
	size_t npages;
	bool mixed;
	char *file;
	struct bent *e; /* NULL: none, or not bound */
	bool bad;	/* differs from its entry */
	struct cf_recdigest d[3]; /* case writes, events, evaluation writes */
};

struct ver {
	struct cf_store *st;
	struct batch *last_b; /* the batch of the last event */
	size_t pages, events; /* pages allocated, events seen */
	cf_records_fn fn;
	void *arg;
	struct cf_records_summary *sum;
	struct bents batches, audits, ncrs, voids;
	struct batch *b;
	size_t nb, balloc;
	struct rowh *rows;
	size_t nrows, ralloc;
};

static void problem(struct ver *v, const char *fmt, ...) CF_PRINTF(2, 3);

static void
problem(struct ver *v, const char *fmt, ...)
{
	va_list ap;
	char *line;

	va_start(ap, fmt);
	line = cf_xvasprintf(fmt, ap);
	va_end(ap);
	v->sum->problems++;
	if (v->fn)
		v->fn(line, v->arg);
	free(line);
}

/* ---- the trail ---- */

static bool
has_member(const char *data, const char *key)
{
	struct cf_jspan all, m;

	return cf_json_span(data, strlen(data), &all) == 0 &&
	    cf_json_get(all, key, &m) == 0;
}

static void
keep(struct bents *b, const struct cf_trail_entry *e, int64_t key,
    const char *bindkey)
{
	struct bent *x;

	CF_GROW(b->v, b->n + 1, b->alloc);
	x = &b->v[b->n++];
	memset(x, 0, sizeof *x);
	x->seq = e->seq;
	x->key = key;
	x->subject = cf_xstrdup(e->subject);
	x->what = cf_xstrdup(e->what);
	x->data = cf_xstrdup(e->data);
	x->bound = has_member(e->data, bindkey);
}

static int
on_entry(const struct cf_trail_entry *e, void *arg)
{
	struct ver *v = arg;
	char *end;
	long long k;

	if (strcmp(e->what, "import.batch") == 0) {
		keep(&v->batches, e, 0, "import_batch");
	} else if (strcmp(e->what, "audit.store") == 0) {
		k = strncmp(e->subject, "audit ", 6) == 0
		    ? strtoll(e->subject + 6, &end, 10)
		    : 0;
		if (k <= 0 || *end != '\0') {
			problem(v,
			    "trail entry %" PRId64 " (%s %s) names no audit",
			    e->seq, e->what, e->subject);
			return 0;
		}
		keep(&v->audits, e, k, "audit");
	} else if (strcmp(e->what, "audit.void") == 0) {
		k = strncmp(e->subject, "audit ", 6) == 0
		    ? strtoll(e->subject + 6, &end, 10)
		    : 0;
		if (k <= 0 || *end != '\0') {
			problem(v,
			    "trail entry %" PRId64 " (%s %s) names no audit",
			    e->seq, e->what, e->subject);
			return 0;
		}
		keep(&v->voids, e, k, "void");
	} else if (strncmp(e->what, "ncr.", 4) == 0) {
		k = strncmp(e->subject, "NCR-", 4) == 0
		    ? strtoll(e->subject + 4, &end, 10)
		    : 0;
		if (k <= 0 || *end != '\0') {
			problem(v,
			    "trail entry %" PRId64 " (%s %s) names no NCR",
			    e->seq, e->what, e->subject);
			return 0;
		}
		keep(&v->ncrs, e, k, "ncr");
	}
	return 0;
}

static int
by_subject(const void *a, const void *b)
{
	const struct bent *x = a, *y = b;
	int c = strcmp(x->subject, y->subject);

	return c ? c : (x->seq > y->seq) - (x->seq < y->seq);
}

static int
by_key(const void *a, const void *b)
{
	const struct bent *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

/*
 * The entry of `subject` (batches) or `key`: the last one when there
 * are several (NCRs; for batches and audits a second one is a problem
 * the caller names).  *count gets how many there are.
 */
static struct bent *
find(struct bents *b, const char *subject, int64_t key, size_t *count)
{
	size_t lo = 0, hi = b->n;

	*count = 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = subject ? strcmp(b->v[mid].subject, subject)
				: (b->v[mid].key > key) - (b->v[mid].key < key);
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t first = lo;
	while (lo < b->n &&
	    (subject ? strcmp(b->v[lo].subject, subject) == 0
		     : b->v[lo].key == key))
		lo++;
	*count = lo - first;
	return *count ? &b->v[lo - 1] : NULL;
}

/*
 * The entry that bound the record named `ctx` (found by `subject` or
 * `key`, as find() does), every entry of it marked used.  NULL when
 * there is nothing to compare: no entry (a problem: the record was
 * added outside conform) or one written before binding (counted not
 * bound).  `one`: a second entry is a problem too (batches, audits;
 * an NCR has one per change and the last is its state).
 */
static struct bent *
claim(struct ver *v, struct bents *b, const char *subject, int64_t key,
    bool one, const char *ctx)
{
	size_t count;
	struct bent *e = find(b, subject, key, &count);

	if (e == NULL) {
		problem(v, "%s has no trail entry: it was added outside conform",
		    ctx);
		return NULL;
	}
	for (size_t i = 0; i < count; i++)
		(e - i)->used = true;
	if (one && count > 1)
		problem(v, "%s has %zu trail entries, expected one", ctx,
		    count);
	if (!e->bound) {
		v->sum->not_bound++;
		return NULL;
	}
	return e;
}

static void
bents_free(struct bents *b)
{
	for (size_t i = 0; i < b->n; i++) {
		free(b->v[i].subject);
		free(b->v[i].what);
		free(b->v[i].data);
	}
	free(b->v);
}

/* ---- comparing JSON ---- */

/* A value for a message: a string in quotes, anything else as is. */
static char *
shown(struct cf_jspan v)
{
	char *s = cf_json_get_str(v);

	if (s) {
		char *q = cf_xasprintf("'%s'", s);
		free(s);
		return q;
	}
	if (v.n > 80)
		return cf_xasprintf("%.77s...", v.p);
	return cf_xstrndup(v.p, v.n);
}

static bool
same(struct cf_jspan a, struct cf_jspan b)
{
	return a.n == b.n && memcmp(a.p, b.p, a.n) == 0;
}

/* {"count": N, "digest": D} (or "writes"): the count, or -1. */
static int64_t
count_of(struct cf_jspan v, const char *countkey)
{
	struct cf_jspan c;
	int64_t n;

	if (cf_json_get(v, countkey, &c) == 0 && cf_json_get_int(c, &n) == 0)
		return n;
	cf_error_clear();
	return -1;
}

struct cmp {
	struct ver *v;
	const char *ctx;    /* "audit 1", "NCR-0002" */
	const char *holds;  /* "the trail holds", "the trail's last entry holds" */
	struct cf_jspan other; /* the trail's object */
	bool differs;
};

/* Names of digests, by key: what their count counts. */
static const struct {
	const char *key, *countkey, *noun;
} digests[] = {
	{ "cases", "writes", "case writes" },
	{ "events", "count", "events" },
	{ "evaluations", "writes", "evaluation writes" },
	{ "batches", "count", "batches" },
	{ "versions", "count", "versions" },
	{ "case_results", "count", "case results" },
	{ "findings", "count", "findings" },
	{ "ncr_subjects", "count", "NCR subjects" },
	{ "ncr_audits", "count", "NCR links" },
	{ "amendments", "count", "amendments" },
	{ "subjects", "count", "subjects" },
	{ "audits", "count", "audit links" },
};

static void
member_differs(struct cmp *c, struct cf_jspan key, struct cf_jspan mine,
    bool have_theirs, struct cf_jspan theirs)
{
	char *k = cf_json_get_str(key);

	c->differs = true;
	for (size_t i = 0; k && i < CF_ARRAY_LEN(digests); i++) {
		if (strcmp(k, digests[i].key) != 0)
			continue;
		int64_t a = count_of(mine, digests[i].countkey);
		int64_t b = have_theirs ? count_of(theirs, digests[i].countkey)
					: -1;
		if (a >= 0 && b >= 0 && a != b)
			problem(c->v, "%s: %" PRId64 " %s stored, %s %" PRId64,
			    c->ctx, a, digests[i].noun, c->holds, b);
		else if (a >= 0 && b >= 0)
			problem(c->v,
			    "%s: the %" PRId64 " %s stored are not the ones "
			    "the trail binds (another digest)",
			    c->ctx, a, digests[i].noun);
		else
			problem(c->v, "%s: the %s stored are not bound", c->ctx,
			    digests[i].noun);
		free(k);
		return;
	}
	char *a = shown(mine);
	if (have_theirs) {
		char *b = shown(theirs);
		problem(c->v, "%s: stored %s %s, %s %s", c->ctx, k ? k : "?",
		    a, c->holds, b);
		free(b);
	} else
		problem(c->v, "%s: stored %s %s, %s none", c->ctx, k ? k : "?",
		    a, c->holds);
	free(a);
	free(k);
}

static int
cmp_member(struct cf_jspan key, struct cf_jspan mine, void *arg)
{
	struct cmp *c = arg;
	struct cf_jspan theirs;
	char *k = cf_json_get_str(key);
	int rc = k ? cf_json_get(c->other, k, &theirs) : CF_EINVALID;

	free(k);
	if (rc == CF_ENOTFOUND || rc == CF_EINVALID)
		cf_error_clear();
	if (rc == 0 && same(mine, theirs))
		return 0;
	member_differs(c, key, mine, rc == 0, theirs);
	return 1; /* the first difference of a record is enough */
}

/* Members of the trail's object that the stored one lacks. */
static int
extra_member(struct cf_jspan key, struct cf_jspan theirs, void *arg)
{
	struct cmp *c = arg;
	char *k = cf_json_get_str(key);
	char *b = shown(theirs);

	c->differs = true;
	problem(c->v, "%s: %s %s %s, not stored", c->ctx, c->holds,
	    k ? k : "?", b);
	free(k);
	free(b);
	return 1;
}

struct cmp_back {
	struct cf_jspan mine;
	struct cmp *c;
};

static int
missing_mine(struct cf_jspan key, struct cf_jspan theirs, void *arg)
{
	struct cmp_back *cb = arg;
	struct cf_jspan m;
	char *k = cf_json_get_str(key);
	int rc = k ? cf_json_get(cb->mine, k, &m) : CF_EINVALID;

	free(k);
	if (rc == 0)
		return 0;
	cf_error_clear();
	return extra_member(key, theirs, cb->c);
}

/*
 * Compares the stored object `mine` with the trail's `theirs`; names
 * the first member that differs.  Returns whether they differ.
 */
static bool
compare(struct ver *v, const char *ctx, const char *holds,
    struct cf_jspan mine, struct cf_jspan theirs)
{
	struct cmp c = { v, ctx, holds, theirs, false };
	struct cmp_back cb = { mine, &c };

	if (cf_json_each(mine, cmp_member, &c) < 0 ||
	    (!c.differs && cf_json_each(theirs, missing_mine, &cb) < 0)) {
		cf_error_clear();
		problem(v, "%s: %s malformed data", ctx, holds);
		return true;
	}
	return c.differs;
}

/* The member `key` of the data of entry e, or an empty span. */
static struct cf_jspan
member(const char *data, const char *key)
{
	struct cf_jspan all, m = { "", 0 };

	if (cf_json_span(data, strlen(data), &all) < 0 ||
	    cf_json_get(all, key, &m) < 0) {
		cf_error_clear();
		m.p = "";
		m.n = 0;
	}
	return m;
}

/*
 * The member `key` of what the store binds now (j, freed here) against
 * the same member of entry e's data: 0 the same, 1 a difference (each
 * named as a problem), -1 nothing to compare (the store's binding lacks
 * the member).
 */
static int
compare_bound(struct ver *v, const char *ctx, const char *holds,
    struct cf_json *j, const char *key, const struct bent *e)
{
	char *text = cf_json_text(j);
	struct cf_jspan all, mine;
	int r = -1;

	cf_json_free(j);
	if (cf_json_span(text, strlen(text), &all) == 0 &&
	    cf_json_get(all, key, &mine) == 0)
		r = compare(v, ctx, holds, mine, member(e->data, key)) ? 1 : 0;
	cf_error_clear();
	free(text);
	return r;
}

/* ---- batches ---- */

static int
on_batch(int64_t id, const char *file, const char *sha256, const char *row,
    void *arg)
{
	struct ver *v = arg;
	struct batch *b;
	struct bent *e;
	char ctx[600];

	CF_GROW(v->b, v->nb + 1, v->balloc);
	b = &v->b[v->nb++];
	memset(b, 0, sizeof *b);
	b->id = id;
	b->file = cf_xstrdup(file ? file : "");
	{
		struct cf_jspan all, x;
		if (cf_json_span(row, strlen(row), &all) == 0 &&
		    cf_json_get(all, "seq_first", &x) == 0)
			cf_json_get_int(x, &b->seq_first);
		if (cf_json_span(row, strlen(row), &all) == 0 &&
		    cf_json_get(all, "seq_end", &x) == 0)
			cf_json_get_int(x, &b->seq_end);
		cf_error_clear();
	}
	cf_recdigest_init(&b->d[0]);
	cf_recdigest_init(&b->d[1]);
	cf_recdigest_init(&b->d[2]);
	snprintf(ctx, sizeof ctx, "batch %" PRId64 " (%s)", id, b->file);
	if (sha256 == NULL) {
		problem(v, "%s has no trail entry: it was added outside conform",
		    ctx);
		return 0;
	}
	if ((e = claim(v, &v->batches, sha256, 0, true, ctx)) == NULL)
		return 0;
	struct cf_jspan mine;
	if (cf_json_span(row, strlen(row), &mine) < 0) {
		cf_error_clear();
		return 0;
	}
	b->e = e;
	if (compare(v, ctx, "the trail holds", mine,
		member(e->data, "import_batch")))
		b->bad = true;
	return 0;
}

static int
batch_cmp(const void *a, const void *b)
{
	const struct batch *x = a, *y = b;

	return (x->id > y->id) - (x->id < y->id);
}

static struct batch *
batch_of(struct ver *v, int64_t id)
{
	struct batch key = { .id = id };

	return bsearch(&key, v->b, v->nb, sizeof *v->b, batch_cmp);
}

static void
on_rowhash(int64_t batch, int64_t order, const uint8_t h[CF_SHA256_LEN],
    void *arg)
{
	struct ver *v = arg;
	struct rowh *r;

	CF_GROW(v->rows, v->nrows + 1, v->ralloc);
	r = &v->rows[v->nrows++];
	r->batch = batch;
	r->order = order;
	memcpy(r->h, h, CF_SHA256_LEN);
}

static void
push_row(struct ver *v, int64_t batch, int64_t order, const uint8_t *h)
{
	on_rowhash(batch, order, h, v);
}

static void
on_event(int64_t batch, int64_t seq, const uint8_t h[CF_SHA256_LEN],
    void *arg)
{
	struct ver *v = arg;
	struct batch *b = v->last_b;

	v->events++;
	if (b == NULL || b->id != batch)
		b = v->last_b = batch_of(v, batch);
	if (b == NULL || b->mixed)
		goto sort;
	int64_t range = b->seq_end - b->seq_first;
	if (seq < b->seq_first || seq >= b->seq_end || range > MAX_RANGE)
		goto mix;
	uint64_t idx = (uint64_t)(seq - b->seq_first);
	size_t p = (size_t)(idx >> PAGE_BITS), k = (size_t)(idx % PAGE_ROWS);
	if (b->pages == NULL) {
		b->npages = (size_t)((range + PAGE_ROWS - 1) / PAGE_ROWS);
		b->pages = cf_xcalloc(b->npages, sizeof *b->pages);
	}
	if (b->pages[p] == NULL) {
		/* no more pages than the events seen could fill, twice */
		if ((v->pages + 1) * PAGE_ROWS > 2 * v->events + 4 * PAGE_ROWS)
			goto mix;
		b->pages[p] = cf_xcalloc(1, sizeof *b->pages[p]);
		v->pages++;
	}
	struct page *pg = b->pages[p];
	if (pg->used[k / 8] & (1u << (k % 8)))
		goto mix;
	pg->used[k / 8] |= (uint8_t)(1u << (k % 8));
	memcpy(pg->h[k], h, CF_SHA256_LEN);
	return;
mix:
	/* this batch's events are sorted: those placed join the others */
	b->mixed = true;
	for (size_t i = 0; i < b->npages; i++) {
		struct page *q = b->pages[i];
		for (size_t j = 0; q && j < PAGE_ROWS; j++)
			if (q->used[j / 8] & (1u << (j % 8)))
				push_row(v, b->id,
				    b->seq_first + (int64_t)(i * PAGE_ROWS + j),
				    q->h[j]);
		free(q);
	}
	free(b->pages);
	b->pages = NULL;
	b->npages = 0;
sort:
	push_row(v, batch, seq, h);
}

/* The events placed by seq, in order, into each batch's digest. */
static void
digest_placed(struct ver *v)
{
	for (size_t i = 0; i < v->nb; i++) {
		struct batch *b = &v->b[i];
		for (size_t p = 0; p < b->npages; p++) {
			struct page *pg = b->pages[p];
			for (size_t k = 0; pg && k < PAGE_ROWS; k++)
				if (pg->used[k / 8] & (1u << (k % 8)))
					cf_recdigest_hash(&b->d[1], pg->h[k]);
			free(pg);
		}
		free(b->pages);
		b->pages = NULL;
		b->npages = 0;
	}
}

static int
rowh_cmp(const void *a, const void *b)
{
	const struct rowh *x = a, *y = b;

	if (x->batch != y->batch)
		return x->batch < y->batch ? -1 : 1;
	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	return memcmp(x->h, y->h, CF_SHA256_LEN);
}

/*
 * Sorts the rows kept, digests them per batch (digest k of each batch)
 * and compares with the batch's entry.
 */
static void
digest_rows(struct ver *v, int k)
{
	static const char *const keys[3] = { "cases", "events",
		"evaluations" };
	static const char *const counts[3] = { "writes", "count", "writes" };
	static const char *const nouns[3] = { "case writes", "events",
		"evaluation writes" };

	cf_sort(v->rows, v->nrows, sizeof *v->rows, rowh_cmp);
	for (size_t i = 0; i < v->nrows;) {
		size_t j = i;
		struct batch *b = batch_of(v, v->rows[i].batch);
		while (j < v->nrows && v->rows[j].batch == v->rows[i].batch)
			j++;
		if (b == NULL)
			problem(v,
			    "%zu %s name batch %" PRId64
			    ", which is not stored",
			    j - i, nouns[k], v->rows[i].batch);
		else
			for (size_t x = i; x < j; x++)
				cf_recdigest_hash(&b->d[k], v->rows[x].h);
		i = j;
	}
	v->nrows = 0;
	for (size_t i = 0; i < v->nb; i++) {
		struct batch *b = &v->b[i];
		char hex[CF_SHA256_HEX], ctx[600];
		struct cf_json *j;
		char *text;
		int64_t n = b->d[k].n;
		cf_recdigest_final(&b->d[k], hex);
		if (b->e == NULL)
			continue;
		/* Evaluation writes are bound by the batches that made
		 * some (doc/integrity.md): one without any, whose entry
		 * binds none, has nothing to compare. */
		if (k == 2 && n == 0 && !has_member(b->e->data, keys[k]))
			continue;
		j = cf_json_new();
		cf_rec_json_digest(j, keys[k], counts[k], n, hex);
		text = cf_json_text(j);
		cf_json_free(j);
		/* {"cases": {...}} against the entry's data, member by member */
		struct cf_jspan mine, theirs;
		snprintf(ctx, sizeof ctx, "batch %" PRId64 " (%s)", b->id,
		    b->file);
		if (cf_json_span(text, strlen(text), &mine) == 0 &&
		    cf_json_span(b->e->data, strlen(b->e->data), &theirs) ==
			0) {
			struct cmp c = { v, ctx, "the trail holds", theirs,
				false };
			cf_json_each(mine, cmp_member, &c);
			if (c.differs)
				b->bad = true;
		}
		cf_error_clear();
		free(text);
	}
}

static int
verify_batches(struct ver *v)
{
	int rc;

	if ((rc = cf_cases_batch_rows(v->st, 0, on_batch, v)) < 0)
		return rc;
	cf_sort(v->b, v->nb, sizeof *v->b, batch_cmp);
	if ((rc = cf_cases_write_hashes(v->st, on_rowhash, v)) < 0)
		return rc;
	digest_rows(v, 0);
	free(v->rows); /* the case writes' memory back before the events */
	v->rows = NULL;
	v->ralloc = 0;
	if ((rc = cf_cases_event_hashes(v->st, on_event, v)) < 0)
		return rc;
	/* A batch is placed or mixed, never both: either order is the one. */
	digest_placed(v);
	digest_rows(v, 1);
	free(v->rows);
	v->rows = NULL;
	v->ralloc = 0;
	if ((rc = cf_cases_eval_hashes(v->st, on_rowhash, v)) < 0)
		return rc;
	digest_rows(v, 2);
	for (size_t i = 0; i < v->nb; i++)
		if (v->b[i].e && !v->b[i].bad)
			v->sum->batches++;
	for (size_t i = 0; i < v->batches.n; i++) {
		struct bent *e = &v->batches.v[i];
		if (!e->used)
			problem(v,
			    "trail entry %" PRId64
			    " (import.batch %.12s) names a batch that is not "
			    "stored",
			    e->seq, e->subject);
	}
	return 0;
}

/* ---- audits ---- */

/* The keys of an audit entry that bind its records. */
static const char *const audit_keys[] = { "audit", "batches", "versions",
	"case_results", "ncr_subjects", "ncr_audits", "score_measures",
	"scores" };

struct checks_cmp {
	struct ver *v;
	int64_t audit;
	struct cf_jspan theirs;
	size_t i;
	bool differs;
};

static int
count_elems(struct cf_jspan k, struct cf_jspan v, void *arg)
{
	(void)k;
	(void)v;
	(*(size_t *)arg)++;
	return 0;
}

struct nth {
	size_t want, at;
	struct cf_jspan out;
};

static int
nth_elem(struct cf_jspan k, struct cf_jspan v, void *arg)
{
	struct nth *n = arg;

	(void)k;
	if (n->at++ == n->want) {
		n->out = v;
		return 1;
	}
	return 0;
}

static int
cmp_check(struct cf_jspan k, struct cf_jspan mine, void *arg)
{
	struct checks_cmp *cc = arg;
	struct nth n = { cc->i++, 0, { "", 0 } };
	struct cf_jspan id;
	char *cid = NULL, ctx[300];

	(void)k;
	if (cf_json_get(mine, "check_id", &id) == 0)
		cid = cf_json_get_str(id);
	cf_error_clear();
	snprintf(ctx, sizeof ctx, "audit %" PRId64 ", check %s", cc->audit,
	    cid ? cid : "?");
	free(cid);
	if (cf_json_each(cc->theirs, nth_elem, &n) < 0)
		cf_error_clear();
	if (n.out.n == 0) {
		problem(cc->v, "%s: stored, the trail holds no such check",
		    ctx);
		cc->differs = true;
		return 0;
	}
	if (compare(cc->v, ctx, "the trail holds", mine, n.out))
		cc->differs = true;
	return 0;
}

static bool
compare_checks(struct ver *v, int64_t audit, struct cf_jspan mine,
    struct cf_jspan theirs)
{
	struct checks_cmp cc = { v, audit, theirs, 0, false };
	size_t a = 0, b = 0;

	if (cf_json_each(mine, count_elems, &a) < 0 ||
	    cf_json_each(theirs, count_elems, &b) < 0) {
		cf_error_clear();
		problem(v, "audit %" PRId64 ": the trail holds malformed checks",
		    audit);
		return true;
	}
	if (a != b) {
		problem(v, "audit %" PRId64 ": %zu checks stored, the trail "
			   "holds %zu",
		    audit, a, b);
		return true;
	}
	cf_json_each(mine, cmp_check, &cc);
	cf_error_clear();
	return cc.differs;
}

static int
verify_audit(struct ver *v, int64_t id)
{
	struct bent *e;
	char ctx[64];
	int rc;

	snprintf(ctx, sizeof ctx, "audit %" PRId64, id);
	if ((e = claim(v, &v->audits, NULL, id, true, ctx)) == NULL)
		return 0;
	struct cf_json *j = cf_json_new();
	if ((rc = cf_auditdb_bind(v->st, id, NULL, j)) < 0 ||
	    (rc = cf_ncrdb_bind_audit(v->st, id, j)) < 0) {
		cf_json_free(j);
		return rc;
	}
	char *text = cf_json_text(j);
	cf_json_free(j);
	struct cf_jspan all, theirs;
	bool differs = false;
	if (cf_json_span(text, strlen(text), &all) < 0 ||
	    cf_json_span(e->data, strlen(e->data), &theirs) < 0) {
		cf_error_clear();
		problem(v, "%s: the trail holds malformed data", ctx);
		free(text);
		return 0;
	}
	for (size_t k = 0; k < CF_ARRAY_LEN(audit_keys); k++) {
		struct cf_jspan m, t;
		if (cf_json_get(all, audit_keys[k], &m) < 0) {
			/* A scorecard is bound only where one is stored:
			 * one the trail binds and the store lost is a
			 * change. */
			cf_error_clear();
			if (cf_json_get(theirs, audit_keys[k], &t) == 0) {
				problem(v, "%s: the trail binds its %s, none "
					   "is stored",
				    ctx, audit_keys[k]);
				differs = true;
			}
			cf_error_clear();
			continue;
		}
		if (cf_json_get(theirs, audit_keys[k], &t) < 0) {
			cf_error_clear();
			problem(v, "%s: the trail does not bind its %s", ctx,
			    audit_keys[k]);
			differs = true;
			continue;
		}
		if (same(m, t))
			continue;
		differs = true;
		if (m.n && *m.p == '{' && strcmp(audit_keys[k], "audit") == 0)
			compare(v, ctx, "the trail holds", m, t);
		else {
			/* a digest: {"count", "digest"} named by its key */
			struct cmp c = { v, ctx, "the trail holds", theirs,
				false };
			char *quoted = cf_xasprintf("\"%s\"", audit_keys[k]);
			struct cf_jspan key = { quoted, strlen(quoted) };
			member_differs(&c, key, m, true, t);
			free(quoted);
		}
	}
	struct cf_jspan mc, tc;
	if (cf_json_get(all, "checks", &mc) == 0) {
		if (cf_json_get(theirs, "checks", &tc) < 0) {
			problem(v, "%s: the trail does not bind its checks",
			    ctx);
			differs = true;
		} else if (!same(mc, tc) && compare_checks(v, id, mc, tc))
			differs = true;
	}
	cf_error_clear();
	if (!differs)
		v->sum->audits++;
	free(text);
	return 0;
}

/* A row naming an audit (or NCR) that is not stored: an addition. */
static int
orphan_audit(const char *table, int64_t id, int64_t rows, void *arg)
{
	problem(arg,
	    "%" PRId64 " %s row%s name%s audit %" PRId64 ", which is not "
	    "stored: added outside conform, or left when it was deleted",
	    rows, table, rows == 1 ? "" : "s", rows == 1 ? "s" : "", id);
	return 0;
}

static int
orphan_ncr(const char *table, int64_t number, int64_t rows, void *arg)
{
	char name[32];

	cf_ncr_name(number, name, sizeof name);
	problem(arg,
	    "%" PRId64 " %s row%s name%s %s, which is not stored: added "
	    "outside conform, or left when it was deleted",
	    rows, table, rows == 1 ? "" : "s", rows == 1 ? "s" : "", name);
	return 0;
}

static int
verify_audits(struct ver *v)
{
	int64_t *ids = NULL;
	size_t n = 0;
	int rc;

	if ((rc = cf_auditdb_ids(v->st, &ids, &n)) < 0)
		return rc;
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = verify_audit(v, ids[i]);
	free(ids);
	if (rc < 0)
		return rc;
	for (size_t i = 0; i < v->audits.n; i++) {
		struct bent *e = &v->audits.v[i];
		if (!e->used)
			problem(v,
			    "trail entry %" PRId64
			    " (%s %s) names an audit that is not stored",
			    e->seq, e->what, e->subject);
	}
	return 0;
}

/* ---- void audits ---- */

/* A void audit's audit_void row against its audit.void entry. */
static int
on_void(int64_t id, void *arg)
{
	struct ver *v = arg;
	struct bent *e;
	char ctx[64];
	int rc;

	snprintf(ctx, sizeof ctx, "audit %" PRId64 "'s void", id);
	if ((e = claim(v, &v->voids, NULL, id, true, ctx)) == NULL)
		return 0;
	struct cf_json *j = cf_json_new();
	if ((rc = cf_auditdb_bind_void(v->st, id, j)) < 0) {
		cf_json_free(j);
		return rc;
	}
	compare_bound(v, ctx, "the trail holds", j, "void", e);
	return 0;
}

static int
verify_voids(struct ver *v)
{
	int rc = cf_auditdb_voids(v->st, on_void, v);

	if (rc < 0)
		return rc;
	for (size_t i = 0; i < v->voids.n; i++) {
		struct bent *e = &v->voids.v[i];
		if (!e->used)
			problem(v,
			    "trail entry %" PRId64 " (%s %s) voids an audit "
			    "the store does not hold as void: its void was "
			    "removed outside conform",
			    e->seq, e->what, e->subject);
	}
	return 0;
}

/* ---- NCRs ---- */

static int
on_ncr(int64_t number, const char *state, void *arg)
{
	struct ver *v = arg;
	struct bent *e;
	char ctx[64];
	int rc;

	(void)state;
	cf_ncr_name(number, ctx, sizeof ctx);
	if ((e = claim(v, &v->ncrs, NULL, number, false, ctx)) == NULL)
		return 0;
	struct cf_json *j = cf_json_new();
	if ((rc = cf_ncrdb_bind(v->st, number, j)) < 0) {
		cf_json_free(j);
		return rc;
	}
	if (compare_bound(v, ctx, "the trail's last entry holds", j, "ncr",
		e) == 0)
		v->sum->ncrs++;
	return 0;
}

static int
verify_ncrs(struct ver *v)
{
	int rc = cf_ncrdb_states(v->st, on_ncr, v);

	if (rc < 0)
		return rc;
	for (size_t i = 0; i < v->ncrs.n; i++) {
		struct bent *e = &v->ncrs.v[i];
		if (!e->used) {
			problem(v,
			    "trail entry %" PRId64
			    " (%s %s) names an NCR that is not stored",
			    e->seq, e->what, e->subject);
			/* one line per NCR: skip its other entries */
			while (i + 1 < v->ncrs.n &&
			    v->ncrs.v[i + 1].key == e->key)
				i++;
		}
	}
	return 0;
}

/* ---- the whole ---- */

static int
count_entry(const struct cf_trail_entry *e, void *arg)
{
	struct cf_records_summary *s = arg;

	s->head_seq = e->seq;
	return 0;
}

int
cf_records_verify(struct cf_store *st, cf_records_fn fn, void *arg,
    struct cf_records_summary *sum)
{
	struct cf_records_summary mine;
	struct ver v;
	int rc;

	if (sum == NULL)
		sum = &mine;
	memset(sum, 0, sizeof *sum);
	memcpy(sum->head, cf_trail_zero_hash, CF_SHA256_HEX);
	memset(&v, 0, sizeof v);
	v.st = st;
	v.fn = fn;
	v.arg = arg;
	v.sum = sum;

	/* The chain first: the entries are only worth what it proves. */
	rc = cf_trail_verify(st, &sum->entries, sum->head);
	if (rc == CF_EINVALID) {
		problem(&v, "%s", cf_error_message());
		cf_error_clear();
	} else if (rc < 0)
		return rc;
	if ((rc = cf_trail_each(st, count_entry, sum)) < 0 ||
	    (rc = cf_trail_each(st, on_entry, &v)) < 0)
		goto out;
	cf_sort(v.batches.v, v.batches.n, sizeof *v.batches.v, by_subject);
	cf_sort(v.audits.v, v.audits.n, sizeof *v.audits.v, by_key);
	cf_sort(v.ncrs.v, v.ncrs.n, sizeof *v.ncrs.v, by_key);
	cf_sort(v.voids.v, v.voids.n, sizeof *v.voids.v, by_key);
	if ((rc = verify_batches(&v)) < 0 || (rc = verify_audits(&v)) < 0 ||
	    (rc = verify_ncrs(&v)) < 0 || (rc = verify_voids(&v)) < 0 ||
	    (rc = cf_auditdb_orphans(st, orphan_audit, &v)) < 0 ||
	    (rc = cf_ncrdb_orphans(st, orphan_ncr, &v)) < 0)
		goto out;
	rc = sum->problems ? CF_EINVALID : 0;
	if (rc)
		cf_error_set(rc, "%" PRId64 " problem%s with the records",
		    sum->problems, sum->problems == 1 ? "" : "s");
out:
	for (size_t i = 0; i < v.nb; i++) {
		for (size_t p = 0; p < v.b[i].npages; p++)
			free(v.b[i].pages[p]);
		free(v.b[i].pages);
		free(v.b[i].file);
		cf_recdigest_release(&v.b[i].d[0]);
		cf_recdigest_release(&v.b[i].d[1]);
		cf_recdigest_release(&v.b[i].d[2]);
	}
	free(v.b);
	free(v.rows);
	bents_free(&v.batches);
	bents_free(&v.audits);
	bents_free(&v.ncrs);
	bents_free(&v.voids);
	return rc;
}
