/*
 * Chunk readers for par.h: a reader over a piece of another reader's input
 * (its header borrowed), what is left when a chunk ends inside a record,
 * and handing the unread input from the parent to the threads and back.
 */
#include "reader_impl.h"

#include <stdlib.h>
#include <string.h>

#include "diag.h"

struct rd_reader *
rd_chunk_reader(const struct rd_reader *parent)
{
	struct rd_reader *r = reader_new(parent->name, &parent->cfg);

	free(r->buf);
	r->buf = NULL;
	r->cap = 0;
	r->chunk = 1;
	r->header = parent->header;	/* borrowed: the parent outlives it */
	r->want_fields = parent->want_fields;
	r->strict = parent->strict;
	r->eof = 1;
	r->at_start = 0;
	return r;
}

void
rd_chunk_start(struct rd_reader *r, char *data, size_t len, long line,
    bool last)
{
	reader_moving(r);
	if (r->in_csv) {
		csv_free(&r->csv);
		reader_csv_reset(r);
	}
	reader_clear_record(r);
	r->buf = data;
	r->cap = len + 1;
	r->beg = 0;
	r->end = len;
	r->line = line;
	r->soft_end = !last;
	r->rest_off = len;
	r->rest_line = 0;
	reader_index_reset(r);
}

size_t
rd_chunk_rest(const struct rd_reader *r, long *line)
{
	*line = r->rest_line;
	return r->rest_off;
}

bool
rd_chunk_reader_is(const struct rd_reader *r)
{
	return r->chunk;
}

int
rd_take_rest(struct rd_reader *r, char **ahead, size_t *len, long *line)
{
	reader_batch_drop(r);	/* the lines not handed out, as they were */
	reader_moving(r);
	*len = r->end - r->beg;
	*ahead = rd_malloc(*len + 1);
	memcpy(*ahead, r->buf + r->beg, *len);
	*line = r->line;
	r->beg = r->end;
	reader_index_reset(r);
	return r->eof ? -1 : r->fd;
}

void
rd_give_back(struct rd_reader *r, const char *data, size_t len, long line,
    bool at_eof)
{
	reader_moving(r);
	if (r->cap < len + READ_CHUNK + 1) {
		r->cap = len + READ_CHUNK + 1;
		r->buf = rd_realloc(r->buf, r->cap);
	}
	if (len > 0)
		memcpy(r->buf, data, len);
	r->beg = 0;
	r->end = len;
	r->line = line;
	r->eof = at_eof;
	r->at_start = 0;
	r->keep_mark = 0;
	reader_index_reset(r);
}
