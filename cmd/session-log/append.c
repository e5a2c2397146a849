/*
 * The all-or-nothing append.  Every writer takes an exclusive flock on the
 * log before looking at it, so the header check, the torn-line repair and
 * the write of one writer never interleave with another's.  The batch goes
 * out in one write(2) on an O_APPEND descriptor and is fsynced before the
 * lock is released; a journal beside the log (journal.c) undoes a batch
 * whose writer was killed, and the digests of earlier batches refuse a
 * batch appended already.
 */
#include "sessionlog.h"

#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "opts.h"

#define CHUNK 65536

static int
fail(const char *path, const char *what)
{
	rd_warn_errno("%s: %s", path, what);
	return -1;
}

/* Offset just after the last newline of the first size bytes, or 0. */
static int
last_line_end(int fd, off_t size, off_t *end)
{
	char *buf = rd_malloc(CHUNK);
	off_t pos = size;

	*end = 0;
	while (pos > 0) {
		size_t n = pos < CHUNK ? (size_t)pos : CHUNK;
		ssize_t got = pread(fd, buf, n, pos - (off_t)n);
		char *nl;

		if (got != (ssize_t)n) {
			free(buf);
			if (got >= 0)
				errno = EIO;
			return -1;
		}
		pos -= (off_t)n;
		if ((nl = memrchr(buf, '\n', n)) != NULL) {
			*end = pos + (nl - buf) + 1;
			break;
		}
	}
	free(buf);
	return 0;
}

/*
 * Checks that an existing log starts with our header.  Returns 1 header
 * fine, -1 error.  A file holding only the beginning of our header is not
 * emptied: a writer killed while creating the log left a journal, which
 * has undone that already, so this file is someone else's.
 */
static int
check_header(const char *path, int fd, off_t size, const char *header,
    size_t header_len)
{
	size_t n = size < (off_t)header_len ? (size_t)size : header_len;
	char *head = rd_malloc(header_len);
	ssize_t got = pread(fd, head, n, 0);
	int same;

	if (got != (ssize_t)n) {
		free(head);
		if (got >= 0)
			errno = EIO;
		return fail(path, "cannot read the header");
	}
	same = memcmp(head, header, n) == 0;
	free(head);
	if (same && n == header_len)
		return 1;
	if (same) {
		rd_warn("%s: holds only the beginning of the header (%lld bytes) "
		    "and no journal: nothing appended (remove the file if it is "
		    "an empty log)", path, (long long)size);
		return -1;
	}
	rd_warn("%s: the file has a different header than the input: "
	    "nothing appended", path);
	return -1;
}

/* Cuts off a last line without its newline; returns the new size or -1. */
static off_t
repair_torn_line(const char *path, int fd, off_t size)
{
	char last;
	off_t end;

	if (pread(fd, &last, 1, size - 1) != 1)
		return fail(path, "cannot read the last line");
	if (last == '\n')
		return size;
	if (last_line_end(fd, size, &end) != 0)
		return fail(path, "cannot read the last line");
	rd_warn("%s: cut off a torn last line (%lld bytes) left by an "
	    "interrupted write", path, (long long)(size - end));
	if (ftruncate(fd, end) != 0)
		return fail(path, "cannot cut off the torn line");
	return end;
}

static int
write_batch(const char *path, int fd, off_t size, const char *p, size_t len)
{
	size_t done = 0;

	/* One write; a regular file takes it whole unless the disk fills. */
	while (done < len) {
		ssize_t n = write(fd, p + done, len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			int saved = n < 0 ? errno : EIO;

			/* Undo the part that went out: all or nothing. */
			if (ftruncate(fd, size) != 0)
				rd_warn_errno("%s: cannot undo a partial write", path);
			errno = saved;
			return fail(path, "write error, nothing appended");
		}
		done += (size_t)n;
	}
	if (fsync(fd) != 0) {
		int saved = errno;

		if (ftruncate(fd, size) != 0 || fsync(fd) != 0)
			rd_warn("%s: cannot undo the append", path);
		errno = saved;
		return fail(path, "fsync failed, nothing appended");
	}
	return 0;
}

static long
count_rows(const char *p, size_t len)
{
	long rows = 0;

	for (const char *end = p + len; (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
		rows++;
	return rows;
}

/*
 * Journal, write, fsync, digest, unjournal: a writer killed anywhere in
 * between leaves a journal, and the next writer undoes the batch.
 */
static int
journaled_write(const char *path, int fd, off_t size, const char *batch,
    size_t len, const char *rows, size_t rows_len)
{
	char digest[SL_DIGEST_HEX + 1], when[32];
	int seen;

	sl_batch_digest(rows, rows_len, digest);
	if ((seen = sl_digest_seen(path, digest, when, sizeof when)) != 0) {
		long n = count_rows(rows, rows_len);

		if (seen > 0)
			rd_warn("%s: the same batch (%ld row%s) was appended at %s: "
			    "nothing appended (a retry?)", path, n, n == 1 ? "" : "s", when);
		return -1;
	}
	if (sl_journal_begin(path, size, digest) != 0)
		return -1;
	if (write_batch(path, fd, size, batch, len) != 0 ||
	    sl_digest_add(path, digest, count_rows(rows, rows_len)) != 0) {
		/* Undone now if possible; else the journal undoes it later. */
		if (ftruncate(fd, size) == 0 && fsync(fd) == 0)
			sl_journal_end(path);
		return -1;
	}
	return sl_journal_end(path);
}

static int
append_locked(const char *path, int fd, const char *batch, size_t len,
    size_t header_len)
{
	struct stat st;
	off_t size;
	int have_header = 0;

	if (fstat(fd, &st) != 0)
		return fail(path, "cannot stat");
	if (!S_ISREG(st.st_mode)) {
		rd_warn("%s: not a regular file", path);
		return -1;
	}
	if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
		rd_warn("%s: readable or writable by group or others (mode %04o), "
		    "but the log holds patient data; make it private: chmod 600 %s",
		    path, (unsigned)(st.st_mode & 07777), path);
		return -1;
	}
	size = st.st_size;
	if (sl_journal_recover(path, fd, &size) != 0)
		return -1;
	if (size > 0) {
		have_header = check_header(path, fd, size, batch, header_len);
		if (have_header < 0)
			return -1;
		size = repair_torn_line(path, fd, size);
		if (size < 0)
			return -1;
	}
	if (have_header) {
		batch += header_len;
		len -= header_len;
	}
	if (len == 0)
		return 0;
	return journaled_write(path, fd, size, batch, len,
	    batch + (have_header ? 0 : header_len), have_header ? len : len - header_len);
}

int
sl_append(const char *path, const char *batch, size_t len, size_t header_len)
{
	int fd, rc;

	/* A symlink could point the appends at any file: refused. */
	fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0 && errno == ELOOP) {
		rd_warn("%s: a symbolic link; give the log's own path", path);
		return -1;
	}
	if (fd < 0)
		return fail(path, "cannot open");
	while ((rc = flock(fd, LOCK_EX)) != 0 && errno == EINTR)
		;
	if (rc != 0) {
		fail(path, "cannot lock");
		close(fd);
		return -1;
	}
	rc = append_locked(path, fd, batch, len, header_len);
	/* close(2) releases the lock; its error matters after a write. */
	if (close(fd) != 0 && rc == 0)
		return fail(path, "close failed");
	return rc;
}

size_t *
sl_log_order(const char *path, const struct rd_reader *input)
{
	struct rd_reader_config cfg = { .tsv = rd_opt.out_tsv,
	    .delim = rd_opt.excel ? ';' : ',', .no_header = true };
	const struct rd_record *hdr = rd_header(input);
	struct rd_reader *log;
	struct rd_record rec;
	struct stat st;
	size_t *order = NULL;
	bool same = true;

	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size == 0)
		return NULL;
	log = rd_open_config(path, &cfg);
	if (rd_next(log, &rec) > 0 && rec.n == hdr->n) {
		char *used = rd_calloc(hdr->n, 1);

		order = rd_calloc(hdr->n, sizeof *order);
		for (size_t k = 0; order != NULL && k < rec.n; k++) {
			int col = rd_col(input, rec.f[k]);

			if (col < 0 || used[col]++) {
				free(order);
				order = NULL;
				break;
			}
			order[k] = (size_t)col;
			same = same && (size_t)col == k;
		}
		free(used);
	}
	rd_close(log);
	if (same) {
		free(order);
		order = NULL;
	}
	return order;
}
