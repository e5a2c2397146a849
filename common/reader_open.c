/*
 * Opening and closing readers: a reader made with its settings, opened on
 * a file, stdin or bytes in memory (its header read), closed and freed,
 * and the accessors of its settings, header, name and state.
 */
#include "reader_impl.h"

#include <fcntl.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "scan.h"

static struct rd_reader *open_readers;

/*
 * Whether readers opened from now on split the usual lines in batches
 * (reader_batch.c); -1: not decided yet (RUSDATA_BATCH).  Atomic, as
 * scan.c's simd: chunk readers are opened in the threads.
 */
static atomic_int batch = -1;

void
rd_reader_use_batch(int on)
{
	atomic_store_explicit(&batch, on != 0, memory_order_relaxed);
}

static int
use_batch(void)
{
	if (atomic_load_explicit(&batch, memory_order_relaxed) < 0) {
		const char *env = getenv("RUSDATA_BATCH");

		rd_reader_use_batch(env == NULL || strcmp(env, "0") != 0);
	}
	return atomic_load_explicit(&batch, memory_order_relaxed);
}

const struct rd_read_error *
rd_error(const struct rd_reader *r)
{
	return &r->err;
}

void
rd_reader_on_move(struct rd_reader *r, void (*fn)(void *), void *arg)
{
	r->on_move = fn;
	r->on_move_arg = arg;
}

bool
rd_reader_holds(const struct rd_reader *r, const struct rd_record *rec)
{
	const char *from, *to;

	if (rec->plain_sep == '\0' || rec->n == 0 || r->buf == NULL)
		return false;
	from = rec->f[0];
	to = rec->f[rec->n - 1] + rec->len[rec->n - 1];
	return from >= r->buf && to < r->buf + r->beg;
}

struct rd_reader *
reader_new(const char *name, const struct rd_reader_config *cfg)
{
	struct rd_reader *r = rd_calloc(1, sizeof *r);

	r->name = rd_strdup(name);
	r->cfg = *cfg;
	if (r->cfg.delim == '\0')
		r->cfg.delim = ',';
	if (r->cfg.max_field_bytes == 0)
		r->cfg.max_field_bytes = (size_t)1 << 20;
	/* A line may hold many fields, but not without limit. */
	r->max_line_bytes = 16 * r->cfg.max_field_bytes + LINE_SLACK;
	r->at_start = 1;
	r->fd = -1;
	r->use_scan = !r->cfg.latin1 && (r->cfg.tsv || !r->cfg.no_fast_path);
	r->batch_ok = r->use_scan && use_batch();
	r->scan_sep = r->cfg.tsv ? '\t' : r->cfg.delim;
	r->cap = READ_CHUNK + 1;
	r->buf = rd_malloc(r->cap);
	reader_csv_reset(r);
	/* Open readers stay reachable, so a tool that stops leaks nothing. */
	r->next_open = open_readers;
	open_readers = r;
	return r;
}

static void
start(struct rd_reader *r)
{
	if (r->cfg.no_header) {
		r->want_fields = r->cfg.expect_fields;
		return;
	}
	reader_read_header(r);
}

struct rd_reader *
rd_open_config(const char *path, const struct rd_reader_config *cfg)
{
	int use_stdin = path == NULL || strcmp(path, "-") == 0;
	struct rd_reader *r = reader_new(use_stdin ? "<stdin>" : path, cfg);

	r->fd = use_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
	if (r->fd < 0)
		rd_die_errno(RD_EXIT_DATA, "%s", path);
	start(r);
	return r;
}

struct rd_reader *
rd_open_mem(const char *name, const void *data, size_t len,
    const struct rd_reader_config *cfg)
{
	struct rd_reader *r = reader_new(name, cfg);

	r->cap = len + 1;
	r->buf = rd_realloc(r->buf, r->cap);
	if (len > 0)
		memcpy(r->buf, data, len);
	r->end = len;
	r->eof = 1;
	r->at_start = 0;
	if (len >= 3 && memcmp(r->buf, "\xEF\xBB\xBF", 3) == 0)
		r->beg = 3;
	start(r);
	return r;
}

void
rd_close(struct rd_reader *r)
{
	if (r == NULL)
		return;
	reader_moving(r);
	for (struct rd_reader **p = &open_readers; *p != NULL; p = &(*p)->next_open)
		if (*p == r) {
			*p = r->next_open;
			break;
		}
	if (r->fd > STDIN_FILENO)
		close(r->fd);
	csv_free(&r->csv);
	if (!r->chunk) {
		for (size_t i = 0; i < r->header.n; i++)
			free(r->header.f[i]);
		free(r->header.f);
		free(r->header.len);
		free(r->buf);
	}
	free(r->text);
	free(r->off);
	free(r->lens);
	free(r->ptrs);
	reader_batch_free(r);
	free(r->latin);
	rd_scan_free(&r->ix);
	rd_scan_bits_free(&r->bits);
	free(r->name);
	free(r);
}

const struct rd_reader_config *
rd_reader_settings(const struct rd_reader *r)
{
	return &r->cfg;
}

const struct rd_record *
rd_header(const struct rd_reader *r)
{
	return &r->header;
}

const char *
rd_name(const struct rd_reader *r)
{
	return r->name;
}

void
rd_reader_set_strict(struct rd_reader *r)
{
	r->strict = 1;
}

bool
rd_reader_is_strict(const struct rd_reader *r)
{
	return r->strict;
}
