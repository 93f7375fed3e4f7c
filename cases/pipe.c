/* SPDX-License-Identifier: MIT */
/*
 * pipe.c - the chunk queue between a producer thread and its consumer
 * (see pipe.h): two rings (free and full) under one mutex, with one
 * condition variable per direction.  Chunks are handed over whole, so
 * the lock is taken once per chunk (hundreds of kilobytes), not per row.
 */
#include "conform.h"
#include "pipe.h"

#include <pthread.h>
#include <stdlib.h>

struct ring {
	struct cf_buf **v;
	size_t head, n, cap;
};

struct cf_pipe {
	pthread_t thread;
	bool started;
	pthread_mutex_t mu;
	pthread_cond_t has_free, has_full;
	struct ring free_, full;
	struct cf_buf *chunks;
	size_t nchunks;
	bool closed, stopped;
	void (*fn)(struct cf_pipe *p, void *arg);
	void *arg;
};

static void
ring_push(struct ring *r, struct cf_buf *b)
{
	r->v[(r->head + r->n) % r->cap] = b;
	r->n++;
}

static struct cf_buf *
ring_pop(struct ring *r)
{
	struct cf_buf *b = r->v[r->head];

	r->head = (r->head + 1) % r->cap;
	r->n--;
	return b;
}

static void *
trampoline(void *arg)
{
	struct cf_pipe *p = arg;

	p->fn(p, p->arg);
	return NULL;
}

int
cf_pipe_start(struct cf_pipe **out, size_t nchunks,
    void (*fn)(struct cf_pipe *p, void *arg), void *arg)
{
	struct cf_pipe *p = cf_xcalloc(1, sizeof *p);

	*out = NULL;
	if (nchunks < 2)
		nchunks = 2;
	p->nchunks = nchunks;
	p->chunks = cf_xcalloc(nchunks, sizeof *p->chunks);
	p->free_.v = cf_xcalloc(nchunks, sizeof *p->free_.v);
	p->full.v = cf_xcalloc(nchunks, sizeof *p->full.v);
	p->free_.cap = p->full.cap = nchunks;
	for (size_t i = 0; i < nchunks; i++) {
		cf_buf_init(&p->chunks[i]);
		ring_push(&p->free_, &p->chunks[i]);
	}
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->has_free, NULL);
	pthread_cond_init(&p->has_full, NULL);
	p->fn = fn;
	p->arg = arg;
	if (pthread_create(&p->thread, NULL, trampoline, p) != 0) {
		cf_pipe_free(p);
		return cf_error_set(CF_ERROR, "cannot start a reader thread");
	}
	p->started = true;
	*out = p;
	return 0;
}

struct cf_buf *
cf_pipe_take(struct cf_pipe *p)
{
	struct cf_buf *b = NULL;

	pthread_mutex_lock(&p->mu);
	while (!p->stopped && p->free_.n == 0)
		pthread_cond_wait(&p->has_free, &p->mu);
	if (!p->stopped)
		b = ring_pop(&p->free_);
	pthread_mutex_unlock(&p->mu);
	if (b)
		cf_buf_reset(b);
	return b;
}

void
cf_pipe_put(struct cf_pipe *p, struct cf_buf *b)
{
	pthread_mutex_lock(&p->mu);
	ring_push(&p->full, b);
	pthread_cond_signal(&p->has_full);
	pthread_mutex_unlock(&p->mu);
}

void
cf_pipe_close(struct cf_pipe *p)
{
	pthread_mutex_lock(&p->mu);
	p->closed = true;
	pthread_cond_signal(&p->has_full);
	pthread_mutex_unlock(&p->mu);
}

struct cf_buf *
cf_pipe_get(struct cf_pipe *p)
{
	struct cf_buf *b = NULL;

	pthread_mutex_lock(&p->mu);
	while (p->full.n == 0 && !p->closed)
		pthread_cond_wait(&p->has_full, &p->mu);
	if (p->full.n)
		b = ring_pop(&p->full);
	pthread_mutex_unlock(&p->mu);
	return b;
}

void
cf_pipe_give(struct cf_pipe *p, struct cf_buf *b)
{
	pthread_mutex_lock(&p->mu);
	ring_push(&p->free_, b);
	pthread_cond_signal(&p->has_free);
	pthread_mutex_unlock(&p->mu);
}

void
cf_pipe_stop(struct cf_pipe *p)
{
	pthread_mutex_lock(&p->mu);
	p->stopped = true;
	pthread_cond_broadcast(&p->has_free);
	pthread_mutex_unlock(&p->mu);
}

void
cf_pipe_free(struct cf_pipe *p)
{
	if (p == NULL)
		return;
	if (p->started) {
		cf_pipe_stop(p);
		pthread_join(p->thread, NULL);
	}
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->has_free);
	pthread_cond_destroy(&p->has_full);
	for (size_t i = 0; i < p->nchunks; i++)
		cf_buf_release(&p->chunks[i]);
	free(p->chunks);
	free(p->free_.v);
	free(p->full.v);
	free(p);
}
