/*
 * The append journal and the digests of appended batches, beside the log:
 *
 *   LOG.journal   "rusdata-append-journal 1\n" SIZE "\n" DIGEST "\n": the
 *                 log's size before a batch and the batch's digest, in
 *                 place (written to LOG.journal.tmp, fsynced, renamed, the
 *                 directory fsynced) before the batch is written, removed
 *                 after the batch and its digest are on disk.
 *   LOG.digests   one line per appended batch, oldest first:
 *                 DIGEST TIME ROWS; the last SL_DIGESTS_KEPT are kept.
 *
 * Everything here runs under the log's flock, so one writer at a time.
 */
#include "sessionlog.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "diag.h"

#define JOURNAL_MAGIC "rusdata-append-journal 1\n"

static char *
beside(const char *log, const char *suffix)
{
	size_t len = strlen(log) + strlen(suffix) + 1;
	char *path = rd_malloc(len);

	snprintf(path, len, "%s%s", log, suffix);
	return path;
}

static int
fsync_dir_of(const char *path)
{
	char *copy = rd_strdup(path);
	int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int rc = fd >= 0 && fsync(fd) == 0 ? 0 : -1;

	if (fd >= 0)
		close(fd);
	free(copy);
	return rc;
}

/* Replaces path with data: a reader (or a crash) sees the old or the new file whole. */
static int
write_atomically(const char *path, const char *data, size_t len)
{
	char *tmp = beside(path, ".tmp");
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	size_t done = 0;
	int rc = -1;

	if (fd < 0)
		goto out;
	while (done < len) {
		ssize_t n = write(fd, data + done, len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		done += (size_t)n;
	}
	if (done == len && fsync(fd) == 0 && close(fd) == 0) {
		fd = -1;
		if (rename(tmp, path) == 0 && fsync_dir_of(path) == 0)
			rc = 0;
	}
	if (fd >= 0)
		close(fd);
	if (rc != 0)
		unlink(tmp);
out:
	if (rc != 0)
		rd_warn_errno("%s: cannot write", path);
	free(tmp);
	return rc;
}

/* The whole of a small file; NULL with *len 0 when it does not exist. */
static char *
slurp(const char *path, size_t *len, int *err)
{
	FILE *f = fopen(path, "re");
	char *data = NULL;
	size_t cap = 0;

	*len = 0;
	*err = 0;
	if (f == NULL) {
		*err = errno != ENOENT;
		return NULL;
	}
	for (;;) {
		if (cap - *len < 4096) {
			cap = 2 * cap + 4096;
			data = rd_realloc(data, cap + 1);
		}
		size_t n = fread(data + *len, 1, cap - *len, f);

		*len += n;
		if (n == 0)
			break;
	}
	*err = ferror(f);
	fclose(f);
	data[*len] = '\0';
	return data;
}

void
sl_batch_digest(const char *rows, size_t len, char hex[SL_DIGEST_HEX + 1])
{
	unsigned char sum[SL_DIGEST_HEX / 2];

	crypto_generichash(sum, sizeof sum, (const unsigned char *)rows, len, NULL, 0);
	sodium_bin2hex(hex, SL_DIGEST_HEX + 1, sum, sizeof sum);
}

/*
 * Rewrites LOG.digests without the line of digest (drop) or with a new
 * line for it at the end (add, rows), keeping the last SL_DIGESTS_KEPT.
 */
static int
update_digests(const char *log, const char *digest, long rows, int add)
{
	char *path = beside(log, ".digests");
	size_t len, out_len = 0, kept = 0;
	int err, rc;
	char *old = slurp(path, &len, &err), *out, *line, *next;

	if (err) {
		rd_warn_errno("%s: cannot read", path);
		free(old);
		free(path);
		return -1;
	}
	out = rd_malloc(len + 128);
	/* Count the lines that stay, to drop the oldest beyond the limit. */
	size_t total = 0;
	for (line = old; line != NULL && *line != '\0'; line = next) {
		next = strchr(line, '\n');
		next = next ? next + 1 : line + strlen(line);
		if (strncmp(line, digest, SL_DIGEST_HEX) != 0)
			total++;
	}
	size_t skip = add && total + 1 > SL_DIGESTS_KEPT ? total + 1 - SL_DIGESTS_KEPT : 0;
	for (line = old; line != NULL && *line != '\0'; line = next) {
		next = strchr(line, '\n');
		next = next ? next + 1 : line + strlen(line);
		if (strncmp(line, digest, SL_DIGEST_HEX) == 0 || kept++ < skip)
			continue;
		memcpy(out + out_len, line, (size_t)(next - line));
		out_len += (size_t)(next - line);
		if (out[out_len - 1] != '\n')
			out[out_len++] = '\n';
	}
	if (add) {
		time_t now = time(NULL);
		struct tm tm;
		char when[32] = "?";

		if (gmtime_r(&now, &tm) != NULL)
			strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
		out_len += (size_t)snprintf(out + out_len, 128, "%s %s %ld\n", digest, when, rows);
	}
	rc = write_atomically(path, out, out_len);
	free(out);
	free(old);
	free(path);
	return rc;
}

int
sl_digest_seen(const char *log, const char *digest, char *when, size_t whensz)
{
	char *path = beside(log, ".digests");
	size_t len;
	int err, seen = 0;
	char *data = slurp(path, &len, &err), *line, *next;

	if (err) {
		rd_warn_errno("%s: cannot read", path);
		seen = -1;
	}
	for (line = data; seen == 0 && line != NULL && *line != '\0'; line = next) {
		next = strchr(line, '\n');
		next = next ? next + 1 : line + strlen(line);
		if (strncmp(line, digest, SL_DIGEST_HEX) == 0 && line[SL_DIGEST_HEX] == ' ') {
			const char *t = line + SL_DIGEST_HEX + 1;
			size_t n = strcspn(t, " \n");

			snprintf(when, whensz, "%.*s", (int)(n < whensz ? n : whensz - 1), t);
			seen = 1;
		}
	}
	free(data);
	free(path);
	return seen;
}

int
sl_digest_add(const char *log, const char *digest, long rows)
{
	return update_digests(log, digest, rows, 1);
}

int
sl_journal_begin(const char *log, off_t size, const char *digest)
{
	char *path = beside(log, ".journal");
	char text[sizeof JOURNAL_MAGIC + 32 + SL_DIGEST_HEX];
	int n = snprintf(text, sizeof text, "%s%lld\n%s\n", JOURNAL_MAGIC,
	    (long long)size, digest);
	int rc = write_atomically(path, text, (size_t)n);

	free(path);
	return rc;
}

int
sl_journal_end(const char *log)
{
	char *path = beside(log, ".journal");
	int rc = 0;

	if (unlink(path) != 0 || fsync_dir_of(path) != 0) {
		rd_warn_errno("%s: cannot remove", path);
		rc = -1;
	}
	free(path);
	return rc;
}

int
sl_journal_recover(const char *log, int fd, off_t *size)
{
	char *path = beside(log, ".journal");
	size_t len;
	int err, rc = -1;
	char *text = slurp(path, &len, &err), *end;
	long long before;

	if (text == NULL) {
		if (err)
			rd_warn_errno("%s: cannot read", path);
		free(path);
		return err ? -1 : 0;
	}
	/* The journal was renamed into place whole, so it is never torn. */
	if (strncmp(text, JOURNAL_MAGIC, strlen(JOURNAL_MAGIC)) != 0 ||
	    (before = strtoll(text + strlen(JOURNAL_MAGIC), &end, 10)) < 0 ||
	    *end != '\n' || strlen(end + 1) != SL_DIGEST_HEX + 1 ||
	    end[1 + SL_DIGEST_HEX] != '\n') {
		rd_warn("%s: not an append journal; check the log and remove it", path);
		goto out;
	}
	end[1 + SL_DIGEST_HEX] = '\0';
	if ((off_t)before > *size) {
		rd_warn("%s: the log is shorter (%lld bytes) than before the batch "
		    "the journal records (%lld); check the log and remove the journal",
		    path, (long long)*size, before);
		goto out;
	}
	if (ftruncate(fd, (off_t)before) != 0 || fsync(fd) != 0) {
		rd_warn_errno("%s: cannot undo an interrupted append", log);
		goto out;
	}
	if (update_digests(log, end + 1, 0, 0) != 0 || sl_journal_end(log) != 0)
		goto out;
	if ((off_t)before < *size)
		rd_warn("%s: undid an append that was interrupted (cut back from "
		    "%lld to %lld bytes, as the journal recorded)", log,
		    (long long)*size, before);
	else
		rd_warn("%s: an append was interrupted before it wrote; the log "
		    "is unchanged", log);
	*size = (off_t)before;
	rc = 0;
out:
	free(text);
	free(path);
	return rc;
}
