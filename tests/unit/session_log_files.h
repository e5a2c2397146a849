/*
 * For session-log's unit tests (test_session-log.c,
 * test_session-log_append.c): logs in temporary files.
 */
#ifndef RD_TEST_SESSION_LOG_FILES_H
#define RD_TEST_SESSION_LOG_FILES_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Removes a log and the journal and digests beside it. */
static inline void
unlink_log(const char *path)
{
	char other[4096];

	unlink(path);
	snprintf(other, sizeof other, "%s.digests", path);
	unlink(other);
	snprintf(other, sizeof other, "%s.journal", path);
	unlink(other);
}

/* A new temporary file holding text; its name, until the next call. */
static inline char *
temp_file(const char *text)
{
	static char path[64];
	int fd;

	strcpy(path, "/tmp/test_session_log_XXXXXX");
	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	return path;
}

#endif
