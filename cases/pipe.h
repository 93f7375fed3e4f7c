/* SPDX-License-Identifier: MIT */
/*
 * pipe.h - a bounded queue of byte chunks from one producer thread to
 * the calling thread.
 *
 * An import reads and checks rows on a second thread while the calling
 * thread writes them to SQLite (the two halves cost about the same, and
 * the machines conform runs on have more than one core).  The producer
 * fills a chunk, hands it over and takes an empty one; the consumer
 * takes full chunks in order and gives them back.  Only `nchunks`
 * chunks ever exist, so memory is bounded however large the file.
 *
 * Either side may give up: cf_pipe_stop() (consumer) makes the
 * producer's next cf_pipe_take() return NULL, and the producer's
 * cf_pipe_close() ends the stream.  cf_pipe_free() joins the thread.
 */
#ifndef CF_PIPE_H
#define CF_PIPE_H

#include <stddef.h>

#include "mem.h"

struct cf_pipe;

/*
 * Starts `fn(arg)` on a new thread with a pipe of `nchunks` chunks.
 * The thread must end with cf_pipe_close().
 */
int cf_pipe_start(struct cf_pipe **out, size_t nchunks,
    void (*fn)(struct cf_pipe *p, void *arg), void *arg);

/* Producer: an empty chunk to fill, or NULL when the consumer stopped. */
struct cf_buf *cf_pipe_take(struct cf_pipe *p);
/* Producer: hands a filled chunk over. */
void cf_pipe_put(struct cf_pipe *p, struct cf_buf *b);
/* Producer: no more chunks. */
void cf_pipe_close(struct cf_pipe *p);

/* Consumer: the next full chunk, or NULL at the end. */
struct cf_buf *cf_pipe_get(struct cf_pipe *p);
/* Consumer: returns a chunk it is done with. */
void cf_pipe_give(struct cf_pipe *p, struct cf_buf *b);
/* Consumer: asks the producer to stop. */
void cf_pipe_stop(struct cf_pipe *p);

/* Stops (if need be) and joins the producer, and frees the chunks. */
void cf_pipe_free(struct cf_pipe *p);

#endif
