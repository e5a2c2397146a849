#include "rejects.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "writer.h"

static const char *rejects_path;	/* --rejects, NULL: strict */
static struct rd_writer *rejects_out;
static int rejects_fd = -1;
static size_t rejects_width;	/* input columns of the rejects file */
static unsigned long rejects_count;
/* A worker thread's rejects (par.h), NULL in every other thread. */
static _Thread_local struct rd_rejects_sink *sink;
static _Thread_local void (*hook_fn)(void *);	/* rd_rejects_set_hook */
static _Thread_local void *hook_arg;

void
rd_rejects_open(const char *path)
{
	if (path == NULL || rejects_fd >= 0)
		return;
	rejects_path = path;
	rejects_fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (rejects_fd < 0)
		rd_die_errno(RD_EXIT_USAGE, "--rejects %s", path);
}

static void
start_rejects(const struct rd_reader *r)
{
	static const char *const extra[] = { "line", "column", "error" };
	static const struct rd_writer_config csv = { 0 };
	const struct rd_record *hdr = rd_header(r);

	rejects_out = rd_writer_new_config(rejects_fd, &csv);
	rejects_width = hdr->n;
	rd_put_header_rec(rejects_out, hdr, extra, 3);
}

/*
 * A rejected row keeps the input's shape: a short (ragged) row is padded
 * with empty fields, and the surplus fields of a long one are joined into
 * its last column with the delimiter, so no value is lost.
 */
static void
write_reject(struct rd_writer *out, size_t width, const struct rd_reader *r,
    const struct rd_record *rec, long line, long col, const char *msg)
{
	const struct rd_reader_config *in = rd_reader_settings(r);

	for (size_t i = 0; i < width; i++) {
		if (i >= rec->n) {
			rd_put_empty(out);
			continue;
		}
		if (i + 1 < width || rec->n <= width) {
			rd_put(out, rec->f[i], rec->len[i]);
			continue;
		}
		size_t total = 0;
		for (size_t j = i; j < rec->n; j++)
			total += rec->len[j] + 1;
		char *joined = rd_malloc(total), *p = joined;
		for (size_t j = i; j < rec->n; j++) {
			memcpy(p, rec->f[j], rec->len[j]);
			p += rec->len[j];
			*p++ = in->tsv ? '\t' : in->delim;
		}
		rd_put(out, joined, total - 1);
		free(joined);
	}
	rd_put_long(out, line);
	rd_put_long(out, col);
	rd_put_str(out, msg);
	rd_end_row(out);
}

void
rd_reject_pos(struct rd_reader *r, const struct rd_record *rec, long line,
    long col, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (hook_fn != NULL)
		hook_fn(hook_arg);
	if (rejects_path == NULL || rd_reader_is_strict(r)) {
		rd_data_msg(rd_name(r), line, col, "%s", msg);
		rd_exit(RD_EXIT_DATA);
	}
	if (sink != NULL) {
		write_reject(sink->out, rd_header(r)->n, r, rec, line, col, msg);
		sink->count++;
		return;
	}
	if (rejects_out == NULL)
		start_rejects(r);
	write_reject(rejects_out, rejects_width, r, rec, line, col, msg);
	rejects_count++;
}

void
rd_rejects_set_sink(struct rd_rejects_sink *s)
{
	sink = s;
}

void
rd_rejects_set_hook(void (*fn)(void *), void *arg)
{
	hook_fn = fn;
	hook_arg = arg;
}

void
rd_rejects_get_hook(void (**fn)(void *), void **arg)
{
	*fn = hook_fn;
	*arg = hook_arg;
}

void
rd_rejects_append(const struct rd_reader *r, const char *rows, size_t len,
    unsigned long count)
{
	if (count == 0)
		return;
	if (rejects_out == NULL)
		start_rejects(r);
	rd_write_rows(rejects_out, rows, len, count);
	rejects_count += count;
}

void
rd_reject(struct rd_reader *r, const struct rd_record *rec, int col,
    const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	rd_reject_pos(r, rec, rec->line, col < 0 ? 1 : col + 1, "%s", msg);
}

unsigned long
rd_rejects_finish(void)
{
	if (rejects_out != NULL) {
		rd_writer_close(rejects_out);
		rejects_out = NULL;
	}
	if (rejects_fd >= 0) {
		if (close(rejects_fd) != 0)
			rd_die_errno(RD_EXIT_DATA, "%s", rejects_path);
		rejects_fd = -1;
	}
	if (rejects_count > 0)
		rd_warn("%lu row%s rejected, written to %s", rejects_count,
		    rejects_count == 1 ? "" : "s", rejects_path);
	return rejects_count;
}

int
rd_exit_status(void)
{
	return rd_rejects_finish() > 0 ? RD_EXIT_DATA : RD_EXIT_OK;
}
