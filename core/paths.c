/* SPDX-License-Identifier: MIT */
/*
 * paths.c - shipped data lookup and file helpers (see paths.h).
 */
#include "conform.h"
#include "paths.h"

#include <errno.h>
#include <inttypes.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#ifndef CF_PKGDATADIR
#define CF_PKGDATADIR "/usr/local/share/conform"
#endif
#ifndef CF_ABS_SRCDIR
#define CF_ABS_SRCDIR ""
#endif
#ifndef CF_ABS_BUILDDIR
#define CF_ABS_BUILDDIR ""
#endif

/* Installed, every schema is in one folder; in the source tree the
 * documents' schemas sit with procedures/ and the reports' with
 * reports/. */
static const char *const installed_sub[] = { "schemas", "calendars", "examples",
	"schemas" };
static const char *const source_sub[] = { "procedures/schemas",
	"procedures/calendars", "examples", "reports/schemas" };

bool
cf_path_is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

bool
cf_path_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

char *
cf_path_join(const char *a, const char *b)
{
	size_t n = strlen(a);

	if (n && a[n - 1] == '/')
		return cf_xasprintf("%s%s", a, b);
	return cf_xasprintf("%s/%s", a, b);
}

/* The directory holding the running executable, or NULL. */
static char *
exe_dir(void)
{
	char buf[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);

	if (n <= 0)
		return NULL;
	buf[n] = '\0';
	return cf_xstrdup(dirname(buf));
}

static bool
same_dir(const char *a, const char *b)
{
	char ra[PATH_MAX], rb[PATH_MAX];

	if (*a == '\0' || *b == '\0')
		return false;
	if (realpath(a, ra) == NULL || realpath(b, rb) == NULL)
		return false;
	return strcmp(ra, rb) == 0;
}

char *
cf_data_dir(enum cf_data_kind kind)
{
	const char *env = getenv("CONFORM_DATADIR");
	char *dir, *res = NULL;

	if (env && *env)
		return cf_path_join(env, installed_sub[kind]);
	dir = exe_dir();
	/* The program, the test runner, fuzz targets and benchmarks of
	 * the build tree. */
	char *tests = cf_path_join(CF_ABS_BUILDDIR, "tests");
	char *fuzz = cf_path_join(CF_ABS_BUILDDIR, "tests/fuzz");
	char *bench = cf_path_join(CF_ABS_BUILDDIR, "bench");
	bool in_build = dir &&
	    (same_dir(dir, CF_ABS_BUILDDIR) || same_dir(dir, tests) ||
		same_dir(dir, fuzz) || same_dir(dir, bench));
	free(tests);
	free(fuzz);
	free(bench);
	if (in_build) {
		res = cf_path_join(CF_ABS_SRCDIR, source_sub[kind]);
	} else if (dir) {
		/* PREFIX/bin/conform -> PREFIX/share/conform/KIND */
		char *copy = cf_xstrdup(dir);
		char *prefix = dirname(copy);
		char *cand = cf_xasprintf("%s/share/conform/%s", prefix,
		    installed_sub[kind]);
		if (cf_path_is_dir(cand))
			res = cand;
		else
			free(cand);
		free(copy);
	}
	free(dir);
	if (res == NULL)
		res = cf_path_join(CF_PKGDATADIR, installed_sub[kind]);
	return res;
}

char *
cf_data_path(enum cf_data_kind kind, const char *file)
{
	char *dir = cf_data_dir(kind), *p = cf_path_join(dir, file);

	free(dir);
	return p;
}

int
cf_mkdirs(const char *path, int mode)
{
	char *p = cf_xstrdup(path);

	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, (mode_t)mode) < 0 && errno != EEXIST) {
			int rc = cf_error_set(CF_ERROR,
			    "cannot create '%s': %s", p, strerror(errno));
			free(p);
			return rc;
		}
		*s = '/';
	}
	if (mkdir(p, (mode_t)mode) < 0 && errno != EEXIST) {
		int rc = cf_error_set(CF_ERROR, "cannot create '%s': %s", p,
		    strerror(errno));
		free(p);
		return rc;
	}
	free(p);
	return 0;
}

/*
 * Creates the temporary file of an atomic write beside `path`:
 * "PATH.tmp.PID.RANDOM", opened O_CREAT | O_EXCL | O_NOFOLLOW, so a
 * file or symbolic link someone planted at a name they predicted is
 * never opened, let alone written through (doc/hardening.md); another
 * random name is tried when one exists.  The mode is 0644 less the
 * umask, as for any file conform writes.
 */
static int
create_tmp(const char *path, char **tmp)
{
	for (int attempt = 0; attempt < 100; attempt++) {
		uint32_t r;
		int fd;
		if (getentropy(&r, sizeof r) < 0)
			r = (uint32_t)time(NULL) * 2654435761u + (uint32_t)attempt;
		*tmp = cf_xasprintf("%s.tmp.%ld.%08" PRIx32, path,
		    (long)getpid(), r);
		fd = open(*tmp,
		    O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
		if (fd >= 0)
			return fd;
		if (errno != EEXIST && errno != ELOOP) {
			int rc = cf_error_set(CF_ERROR,
			    "cannot create '%s': %s", *tmp, strerror(errno));
			free(*tmp);
			*tmp = NULL;
			return rc;
		}
		free(*tmp);
	}
	*tmp = NULL;
	return cf_error_set(CF_ERROR,
	    "cannot create a temporary file beside '%s': every name tried "
	    "exists",
	    path);
}

int
cf_write_file_atomic(const char *path, const void *buf, size_t len)
{
	char *tmp;
	const char *p = buf;
	int fd, rc = 0;

	if ((fd = create_tmp(path, &tmp)) < 0)
		return fd;
	while (len > 0) {
		ssize_t w = write(fd, p, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0) {
			rc = cf_error_set(CF_ERROR, "cannot write '%s': %s",
			    path, strerror(errno));
			break;
		}
		p += w;
		len -= (size_t)w;
	}
	if (rc == 0 && fsync(fd) < 0)
		rc = cf_error_set(CF_ERROR, "cannot sync '%s': %s", path,
		    strerror(errno));
	if (close(fd) < 0 && rc == 0)
		rc = cf_error_set(CF_ERROR, "cannot write '%s': %s", path,
		    strerror(errno));
	if (rc == 0 && rename(tmp, path) < 0)
		rc = cf_error_set(CF_ERROR, "cannot rename '%s' to '%s': %s",
		    tmp, path, strerror(errno));
	if (rc < 0)
		unlink(tmp);
	free(tmp);
	return rc;
}

const char *
cf_file_kind(unsigned mode)
{
	switch (mode & S_IFMT) {
	case S_IFREG:
		return "a regular file";
	case S_IFDIR:
		return "a folder";
	case S_IFLNK:
		return "a symbolic link";
	case S_IFIFO:
		return "a FIFO";
	case S_IFSOCK:
		return "a socket";
	case S_IFCHR:
	case S_IFBLK:
		return "a device";
	default:
		return "not a file";
	}
}

static int
read_file(const char *path, size_t max, char **out, size_t *len,
    bool nofollow)
{
	struct cf_buf b = CF_BUF_INIT;
	char chunk[65536];
	size_t n;
	struct stat sb = { 0 };
	FILE *f;
	int fd;

	*out = NULL;
	/* O_NONBLOCK: opening a FIFO neither waits for a writer nor, with
	 * the fstat below, is it ever read (doc/hardening.md). */
	fd = open(path,
	    O_RDONLY | O_CLOEXEC | O_NONBLOCK | (nofollow ? O_NOFOLLOW : 0));
	if (fd < 0 && nofollow && errno == ELOOP)
		return cf_error_set(CF_EINVALID,
		    "%s: not a regular file (a symbolic link)", path);
	if (fd < 0)
		return cf_error_set(errno == ENOENT ? CF_ENOTFOUND : CF_ERROR,
		    "%s: cannot open: %s", path, strerror(errno));
	if (fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode)) {
		int rc = cf_error_set(CF_EINVALID,
		    "%s: not a regular file (%s)", path,
		    cf_file_kind((unsigned)sb.st_mode));
		close(fd);
		return rc;
	}
	if ((f = fdopen(fd, "rb")) == NULL) {
		int rc = cf_error_set(CF_ERROR, "%s: cannot open: %s", path,
		    strerror(errno));
		close(fd);
		return rc;
	}
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (b.len + n > max) {
			fclose(f);
			cf_buf_release(&b);
			return cf_error_set(CF_EINVALID,
			    "%s: file too large (more than %zu bytes)", path,
			    max);
		}
		cf_buf_add(&b, chunk, n);
	}
	if (ferror(f)) {
		int err = errno;
		fclose(f);
		cf_buf_release(&b);
		return cf_error_set(CF_ERROR, "%s: read error: %s", path,
		    strerror(err));
	}
	fclose(f);
	*len = b.len;
	*out = cf_buf_detach(&b);
	return 0;
}

int
cf_read_file(const char *path, size_t max, char **out, size_t *len)
{
	return read_file(path, max, out, len, false);
}

int
cf_read_file_nofollow(const char *path, size_t max, char **out, size_t *len)
{
	return read_file(path, max, out, len, true);
}

int
cf_outfile_open(struct cf_outfile *o, const char *path)
{
	int fd;

	o->path = cf_xstrdup(path);
	if ((fd = create_tmp(path, &o->tmp)) < 0) {
		free(o->path);
		memset(o, 0, sizeof *o);
		return fd;
	}
	if ((o->f = fdopen(fd, "w")) == NULL) {
		int rc = cf_error_set(CF_ERROR, "cannot create '%s': %s",
		    o->tmp, strerror(errno));
		unlink(o->tmp);
		if (fd >= 0)
			close(fd);
		free(o->tmp);
		free(o->path);
		memset(o, 0, sizeof *o);
		return rc;
	}
	return 0;
}

int
cf_outfile_commit(struct cf_outfile *o)
{
	int rc = 0;

	if (o->f == NULL)
		return 0;
	if (fflush(o->f) != 0 || ferror(o->f))
		rc = cf_error_set(CF_ERROR, "cannot write '%s': %s", o->path,
		    strerror(errno));
	if (rc == 0 && fsync(fileno(o->f)) < 0)
		rc = cf_error_set(CF_ERROR, "cannot sync '%s': %s", o->path,
		    strerror(errno));
	if (fclose(o->f) != 0 && rc == 0)
		rc = cf_error_set(CF_ERROR, "cannot write '%s': %s", o->path,
		    strerror(errno));
	o->f = NULL;
	if (rc == 0 && rename(o->tmp, o->path) < 0)
		rc = cf_error_set(CF_ERROR, "cannot rename '%s' to '%s': %s",
		    o->tmp, o->path, strerror(errno));
	if (rc < 0)
		unlink(o->tmp);
	free(o->tmp);
	free(o->path);
	memset(o, 0, sizeof *o);
	return rc;
}

void
cf_outfile_abort(struct cf_outfile *o)
{
	if (o->f == NULL)
		return;
	fclose(o->f);
	unlink(o->tmp);
	free(o->tmp);
	free(o->path);
	memset(o, 0, sizeof *o);
}

int
cf_lock_wait(const char *path, int wait_ms, const char *what, int *fd)
{
	int waited = 0, rc;

	*fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (*fd < 0)
		return cf_error_set(CF_ERROR, "cannot open '%s': %s", path,
		    strerror(errno));
	while (flock(*fd, LOCK_EX | LOCK_NB) < 0) {
		if (errno != EWOULDBLOCK && errno != EINTR)
			rc = cf_error_set(CF_ERROR, "cannot lock '%s': %s",
			    path, strerror(errno));
		else if (waited >= wait_ms)
			rc = cf_error_set(CF_EBUSY,
			    "another conform is %s ('%s' stayed locked for "
			    "%d s); try again",
			    what, path, wait_ms / 1000);
		else {
			usleep(50 * 1000);
			waited += 50;
			continue;
		}
		close(*fd);
		*fd = -1;
		return rc;
	}
	return 0;
}
