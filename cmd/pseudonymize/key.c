#include "key.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"

int
key_check(const char *path, mode_t mode, off_t size, char *why, size_t whysz)
{
	if (!S_ISREG(mode)) {
		snprintf(why, whysz, "key file %s is not a regular file", path);
		return -1;
	}
	/*
	 * Whoever can read the key can undo every pseudonym by hashing
	 * candidate values; whoever can write it can swap it.  ssh refuses
	 * such private keys for the same reasons.
	 */
	if ((mode & (S_IRWXG | S_IRWXO)) != 0) {
		snprintf(why, whysz, "key file %s is readable or writable by group "
		    "or others (mode %04o); make it private: chmod 600 %s", path,
		    (unsigned)(mode & 07777), path);
		return -1;
	}
	if (size < KEY_MIN_BYTES) {
		snprintf(why, whysz, "key file %s holds %lld bytes, fewer than %d; "
		    "make a new key with: pseudonymize --keygen FILE", path,
		    (long long)size, KEY_MIN_BYTES);
		return -1;
	}
	if (size > KEY_MAX_BYTES) {
		snprintf(why, whysz, "key file %s holds %lld bytes, more than %d; "
		    "is it the key?", path, (long long)size, KEY_MAX_BYTES);
		return -1;
	}
	return 0;
}

static int
read_key(int fd, const char *path, unsigned char *buf, size_t cap, size_t *len,
    char *why, size_t whysz)
{
	size_t got = 0;

	while (got < cap) {
		ssize_t n = read(fd, buf + got, cap - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			snprintf(why, whysz, "key file %s: %s", path, strerror(errno));
			return -1;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	*len = got;
	return 0;
}

int
key_load(const char *path, unsigned char **key, size_t *len, char *why,
    size_t whysz)
{
	struct stat st;
	unsigned char *buf;
	size_t got;
	int fd;

	/* O_NONBLOCK: opening a FIFO must not wait for a writer; refused below. */
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)) < 0) {
		snprintf(why, whysz, "key file %s: %s", path, strerror(errno));
		return -1;
	}
	/* fstat on the open file: what is checked is what is read. */
	if (fstat(fd, &st) != 0) {
		snprintf(why, whysz, "key file %s: %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	if (key_check(path, st.st_mode, st.st_size, why, whysz) != 0) {
		close(fd);
		return -1;
	}
	/* One byte more than allowed, to notice a file that grew meanwhile. */
	buf = rd_malloc(KEY_MAX_BYTES + 1);
	if (read_key(fd, path, buf, KEY_MAX_BYTES + 1, &got, why, whysz) != 0 ||
	    key_check(path, st.st_mode, (off_t)got, why, whysz) != 0) {
		key_free(buf, KEY_MAX_BYTES + 1);
		close(fd);
		return -1;
	}
	close(fd);
	*key = buf;
	*len = got;
	return 0;
}

void
key_free(unsigned char *key, size_t len)
{
	if (key == NULL)
		return;
	sodium_memzero(key, len);
	free(key);
}

int
key_generate(const char *path, int *exists, char *why, size_t whysz)
{
	unsigned char key[KEYGEN_BYTES];
	size_t done = 0;
	int fd;

	*exists = 0;
	/* O_EXCL: an existing key is never replaced (nor a symlink followed). */
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOCTTY, 0600);
	if (fd < 0) {
		*exists = errno == EEXIST;
		snprintf(why, whysz, "%s: %s%s", path, strerror(errno), *exists ?
		    "; --keygen never replaces a key (pseudonyms made with it "
		    "could no longer be reproduced)" : "");
		return -1;
	}
	randombytes_buf(key, sizeof key);
	/* The umask may have taken bits away, never added any; be exact. */
	if (fchmod(fd, 0600) != 0)
		goto fail;
	while (done < sizeof key) {
		ssize_t n = write(fd, key + done, sizeof key - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = EIO;
			goto fail;
		}
		done += (size_t)n;
	}
	if (fsync(fd) != 0)
		goto fail;
	sodium_memzero(key, sizeof key);
	if (close(fd) != 0) {
		snprintf(why, whysz, "%s: %s", path, strerror(errno));
		unlink(path);
		return -1;
	}
	return 0;
fail:
	snprintf(why, whysz, "%s: %s", path, strerror(errno));
	sodium_memzero(key, sizeof key);
	close(fd);
	/* A half-written key must not be mistaken for a whole one. */
	unlink(path);
	return -1;
}
