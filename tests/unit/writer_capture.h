/*
 * For the writer's unit tests (test_writer.c, test_writer_values.c): the
 * bytes a writer writes, through a temporary file.
 */
#ifndef RD_TEST_WRITER_CAPTURE_H
#define RD_TEST_WRITER_CAPTURE_H

#include <check.h>
#include <stdio.h>

#include "writer.h"

/* Runs put(w, arg) on a writer with cfg and returns the bytes written. */
static inline char *
capture(const struct rd_writer_config *cfg,
    void (*put)(struct rd_writer *, const void *), const void *arg, char *out,
    size_t size)
{
	FILE *tmp = tmpfile();
	struct rd_writer *w;
	size_t n;

	ck_assert_ptr_nonnull(tmp);
	w = rd_writer_new_config(fileno(tmp), cfg);
	put(w, arg);
	rd_writer_close(w);
	rewind(tmp);
	n = fread(out, 1, size - 1, tmp);
	out[n] = '\0';
	fclose(tmp);
	return out;
}

#endif
