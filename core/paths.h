/* SPDX-License-Identifier: MIT */
/*
 * paths.h - where the program's shipped data lives, and small path
 * helpers.
 *
 * The shipped data are the RELAX NG schemas, the official calendars and
 * the example center.  An installed conform finds them under its own
 * prefix (PREFIX/share/conform, found from /proc/self/exe so that a
 * staged or moved installation still works, else the configured
 * pkgdatadir); the conform built in a source tree finds them in the
 * source tree.  CONFORM_DATADIR overrides both (installed layout).
 */
#ifndef CF_PATHS_H
#define CF_PATHS_H

#include <stdbool.h>
#include <stdio.h>

enum cf_data_kind {
	CF_DATA_SCHEMAS,
	CF_DATA_CALENDARS,
	CF_DATA_EXAMPLES,
	/* the reports' schemas: reports/schemas in the source tree */
	CF_DATA_REPORT_SCHEMAS,
};

/* The directory of one kind of shipped data; the caller frees it. */
char *cf_data_dir(enum cf_data_kind kind);

/* "DIR/FILE" for a file of that kind; the caller frees it. */
char *cf_data_path(enum cf_data_kind kind, const char *file);

/* "a/b" joined with one '/'; the caller frees it. */
char *cf_path_join(const char *a, const char *b);

bool cf_path_is_dir(const char *path);
bool cf_path_exists(const char *path);

/* mkdir -p; 0 or CF_ERROR. */
int cf_mkdirs(const char *path, int mode);

/*
 * Writes `len` bytes to `path` through a temporary file in the same
 * directory, fsync and rename, so readers see the old or the new file.
 */
int cf_write_file_atomic(const char *path, const void *buf, size_t len);

/*
 * A stream written atomically: cf_outfile_open() creates a temporary
 * file beside `path` and returns a stream on it; cf_outfile_commit()
 * flushes, syncs, closes and renames it onto `path` (readers see the old
 * file or the whole new one); cf_outfile_abort() closes and removes it.
 * For outputs too large to build in memory (reports of large audits).
 * `o` must be zeroed before cf_outfile_open; abort after a commit, or of
 * a never opened outfile, does nothing.
 */
struct cf_outfile {
	FILE *f;
	char *tmp;
	char *path;
};

int cf_outfile_open(struct cf_outfile *o, const char *path);
int cf_outfile_commit(struct cf_outfile *o);
void cf_outfile_abort(struct cf_outfile *o);

/*
 * Reads a whole (small) file; the caller frees *out.  Only a regular
 * file is read: anything else (a FIFO, a device, a folder) is
 * CF_EINVALID "PATH: not a regular file (a FIFO)", found without
 * blocking.  More than `max` bytes: CF_EINVALID "file too large".
 */
int cf_read_file(const char *path, size_t max, char **out, size_t *len);

/* The same, refusing a symbolic link as the last component. */
int cf_read_file_nofollow(const char *path, size_t max, char **out,
    size_t *len);

/* "a FIFO", "a symbolic link", "a folder"... for a st_mode. */
const char *cf_file_kind(unsigned mode);

/*
 * An exclusive lock on file `path` (created 0644 when absent), waited
 * for up to `wait_ms` while another process holds it; *fd is the open
 * file, whose close releases the lock.  CF_EBUSY "another conform is
 * WHAT ('PATH' stayed locked for N s); try again" when it stays held.
 */
int cf_lock_wait(const char *path, int wait_ms, const char *what, int *fd);

#endif
