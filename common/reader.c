#include "reader.h"

#include <csv.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "infix.h"
#include "rejects.h"
#include "scan.h"
#include "utf8.h"

#include "reader_impl.h"

void
reader_set_error(struct rd_reader *r, long line, long col, const char *fmt, ...)
{
	va_list ap;

	if (r->err.msg[0] != '\0')
		return;	/* keep the first problem of a record */
	r->err.line = line;
	r->err.col = col;
	va_start(ap, fmt);
	vsnprintf(r->err.msg, sizeof r->err.msg, fmt, ap);
	va_end(ap);
}

void
reader_clear_record(struct rd_reader *r)
{
	r->nf = 0;
	r->text_len = 0;
	r->csv_rows = 0;
	r->nf_row1 = 0;
	r->keep_mark = 0;
	r->csv_too_long = 0;
	r->text_checked = 0;
	r->longest = 0;
	r->plain_sep = 0;
	r->err.msg[0] = '\0';
}

void
reader_grow_fields(struct rd_reader *r)
{
	if (r->nf < r->nf_cap)
		return;
	r->nf_cap = r->nf_cap ? 2 * r->nf_cap : 32;
	r->off = rd_realloc(r->off, r->nf_cap * sizeof *r->off);
	r->lens = rd_realloc(r->lens, r->nf_cap * sizeof *r->lens);
	r->ptrs = rd_realloc(r->ptrs, r->nf_cap * sizeof *r->ptrs);
}

/* High bit set in each byte of w that is zero, exactly (no false hits). */
static uint64_t
zero_bytes(uint64_t w)
{
	const uint64_t low7 = 0x7F7F7F7F7F7F7F7FULL;

	return ~(((w & low7) + low7) | w) & ~low7;
}

/*
 * Fast path: fields point into the line, separators become NULs.  Fields
 * are short, so instead of a memchr call a field the line is scanned eight
 * bytes at a time for the separator.
 */
static void
split_in_place(struct rd_reader *r, char *line, size_t len, char sep)
{
	char *p = line, *end = line + len, *field = line;

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	const uint64_t pattern = 0x0101010101010101ULL * (unsigned char)sep;

	for (; p + 8 <= end; p += 8) {
		uint64_t w, hits;

		memcpy(&w, p, 8);
		for (hits = zero_bytes(w ^ pattern); hits != 0; hits &= hits - 1) {
			char *q = p + (__builtin_ctzll(hits) >> 3);

			reader_push_field(r, field, q);
			field = q + 1;
		}
	}
#endif
	for (; p < end; p++)
		if (*p == sep) {
			reader_push_field(r, field, p);
			field = p + 1;
		}
	reader_push_field(r, field, end);
}

/*
 * A line over max_line_bytes stops the tool, whatever the reads were: the
 * check runs on every line, not only when a read finds no line end, so
 * chunks read in threads (par.h) stop where one thread stops.
 */
static void
check_line_length(const struct rd_reader *r, size_t len)
{
	if (len > r->max_line_bytes)
		rd_die(RD_EXIT_DATA, "%s:%ld:1: line longer than %zu bytes",
		    r->name, r->line + 1, r->max_line_bytes);
}

void
reader_moving(struct rd_reader *r)
{
	if (r->on_move != NULL)
		r->on_move(r->on_move_arg);
}

/*
 * Reads more input after what is there: the bytes before beg (before
 * rec_beg while a record is open) are dropped first, and the buffer grows
 * when a read would not fit.  Sets eof at the end of input.
 */
static void
read_more(struct rd_reader *r)
{
	ssize_t got;

	reader_batch_drop(r);	/* empty: a batch is handed out before a read */
	reader_moving(r);
	if (r->use_scan)
		reader_index_catch_up(r);	/* the batch may have gone past it */
	size_t keep = r->keep_mark ? r->rec_beg : r->beg;
	if (keep > 0) {
		memmove(r->buf, r->buf + keep, r->end - keep);
		r->end -= keep;
		r->beg -= keep;
		r->rec_beg -= r->keep_mark ? keep : 0;
		r->bits.to = 0;
		if (r->use_scan)
			reader_index_rebase(r, keep);
	}
	if (r->cap - r->end < READ_CHUNK + 1) {
		r->cap = 2 * r->cap + READ_CHUNK + 1;
		r->buf = rd_realloc(r->buf, r->cap);
	}
	while ((got = read(r->fd, r->buf + r->end, r->cap - r->end - 1)) < 0)
		if (errno != EINTR)
			rd_die_errno(RD_EXIT_DATA, "%s: read error", r->name);
	if (got == 0)
		r->eof = 1;
	if (r->at_start && r->end + (size_t)got >= 3) {
		r->at_start = 0;
		if (memcmp(r->buf, "\xEF\xBB\xBF", 3) == 0)
			r->beg = 3;
	} else if (got == 0)
		r->at_start = 0;
	r->end += (size_t)got;
}

/*
 * The next physical line without its LF: 1 and the line and its length set, 0 at the
 * end of input.  The byte after the line is writable.
 */
static int
next_line(struct rd_reader *r, char **line, size_t *len)
{
	size_t scanned = 0;

	for (;;) {
		char *start = r->buf + r->beg;
		size_t left = r->end - r->beg - scanned;
		char *nl;

		if (r->use_scan)
			nl = reader_indexed_line_end(r);
		else	/* Before the first read buf is NULL: memchr must not see it. */
			nl = left > 0 ? memchr(start + scanned, '\n', left) : NULL;
		if (nl != NULL) {
			*line = start;
			*len = (size_t)(nl - start);
			check_line_length(r, *len);
			r->beg += *len + 1;
			r->line++;
			return 1;
		}
		if (r->eof) {
			if (r->beg == r->end)
				return 0;
			*line = start;
			*len = r->end - r->beg;
			check_line_length(r, *len);
			r->beg = r->end;
			r->line++;
			r->line_ix_end = r->ix_next = r->ix_search = r->ix.n;
			if (r->use_scan)
				reader_indexed_tail_flags(r);
			return 1;
		}
		scanned = r->end - r->beg;
		check_line_length(r, scanned);
		read_more(r);
	}
}

/* --latin1: the line as UTF-8, in a buffer with a spare byte at the end. */
static char *
transcode(struct rd_reader *r, char *line, size_t *len)
{
	if (r->latin_cap < 3 * *len + 2) {
		r->latin_cap = 3 * *len + 2;
		r->latin = rd_realloc(r->latin, r->latin_cap);
	}
	*len = rd_latin1_to_utf8(line, *len, r->latin);
	return r->latin;
}

static void
check_fields(struct rd_reader *r)
{
	if (r->text_checked && r->longest <= r->cfg.max_field_bytes)
		return;		/* the usual case, settled while splitting */
	for (size_t i = 0; i < r->nf; i++) {
		int is_nul;
		long bad;

		if (r->lens[i] > r->cfg.max_field_bytes) {
			reader_set_error(r, r->rec_line, (long)i + 1,
			    "field longer than %zu bytes (see --max-field)",
			    r->cfg.max_field_bytes);
			return;
		}
		if (r->text_checked)
			continue;
		bad = rd_utf8_check(r->ptrs[i], r->lens[i], &is_nul);
		if (bad >= 0) {
			if (is_nul)
				reader_set_error(r, r->rec_line, (long)i + 1, "NUL byte in field");
			else
				reader_set_error(r, r->rec_line, (long)i + 1,
				    "invalid UTF-8 at byte %ld of the field "
				    "(is the file Latin-1? try --latin1)", bad + 1);
			return;
		}
	}
}

/*
 * A line that could not be parsed becomes a record of its raw text split
 * at every delimiter (quotes and carriage returns kept as they are), so
 * the rejects file holds what the line said: its columns joined with the
 * delimiter give the line back.
 */
static void
split_raw(struct rd_reader *r, const char *raw, size_t len)
{
	const char *p, *field = raw, *end;

	if (len > 0 && raw[len - 1] == '\r')
		len--;		/* the CR of a CRLF line end */
	if (r->cfg.latin1) {
		char *copy = rd_malloc(len + 1);

		memcpy(copy, raw, len);
		raw = transcode(r, copy, &len);
		free(copy);
		field = raw;
	}
	r->nf = 0;
	r->text_len = 0;
	end = raw + len;
	for (p = raw; p < end; p++)
		if (*p == r->cfg.delim) {
			reader_csv_field_cb((void *)field, (size_t)(p - field), r);
			field = p + 1;
		}
	reader_csv_field_cb((void *)field, (size_t)(end - field), r);
	r->text_checked = 1;	/* the raw bytes go to the rejects file as they are */
	r->longest = 0;
}

/*
 * A quoted field ran over the end of the record's first line and the
 * record then proved bad: the error is the first line's, that line is
 * the rejected record, and reading resumes on the line after it.
 */
static void
reject_first_line(struct rd_reader *r, const char *why)
{
	size_t resume = r->rec_beg + r->rec_first_len + 1;

	reader_set_error(r, r->rec_line, (long)r->nf_line1 + 1,
	    "unbalanced quote: the field quoted here %s", why);
	csv_free(&r->csv);
	reader_csv_reset(r);
	r->keep_mark = 0;
	r->beg = resume < r->end ? resume : r->end;
	r->line = r->rec_line;
	if (r->use_scan)
		reader_index_reset(r);
	split_raw(r, r->buf + r->rec_beg, r->rec_first_len);
}

/*
 * A record that goes on over line ends is finished (done) or still open;
 * decides whether it stands or its first line is rejected.  Returns 1 when
 * the record is settled.
 */
static int
settle_multiline(struct rd_reader *r, int done)
{
	char why[96];

	if (!done) {
		if (r->want_fields > 0 && r->nf > r->want_fields)
			snprintf(why, sizeof why, "runs over the line end into more "
			    "than the header's %zu fields", r->want_fields);
		else if (r->beg - r->rec_beg > r->max_line_bytes)
			snprintf(why, sizeof why, "is not closed within %zu bytes",
			    r->max_line_bytes);
		else
			return 0;
	} else if (r->err.msg[0] != '\0') {
		r->err.msg[0] = '\0';
		if (r->csv_too_long)
			snprintf(why, sizeof why, "is not closed within %zu bytes "
			    "(see --max-field)", r->cfg.max_field_bytes);
		else
			snprintf(why, sizeof why, "runs over the line end into a "
			    "line that does not parse");
	} else if (r->want_fields > 0 && r->nf != r->want_fields) {
		snprintf(why, sizeof why, "runs over the line end into a record "
		    "of %zu fields (the header has %zu)", r->nf, r->want_fields);
	} else {
		r->keep_mark = 0;
		return 1;
	}
	reject_first_line(r, why);
	return 1;
}

/*
 * Assembles the next record the general way (rd_next found no batch
 * and cleared the record); 0 at the end of input.
 */
static int
read_record(struct rd_reader *r)
{
	char *line;
	size_t len;

	if (r->use_scan)
		reader_index_catch_up(r);
	for (;;) {
		if (!next_line(r, &line, &len)) {
			if (!r->in_csv)
				return 0;
			if (r->soft_end) {
				/* The record goes on in the next chunk: the caller's. */
				r->rest_off = r->rec_beg;
				r->rest_line = r->rec_line - 1;
				return 0;
			}
			if (r->line == r->rec_line) {
				csv_fini(&r->csv, reader_csv_field_cb, reader_csv_row_cb, r);
				reader_set_error(r, r->rec_line, (long)r->nf_line1 + 1,
				    "quoted field not closed at end of input");
				csv_free(&r->csv);
				reader_csv_reset(r);
				split_raw(r, r->buf + r->rec_beg, r->rec_first_len);
				r->keep_mark = 0;
			} else
				reject_first_line(r, "is not closed before the end of input");
			break;
		}
		size_t line_off = (size_t)(line - r->buf), raw_len = len;
		if (r->cfg.latin1)
			line = transcode(r, line, &len);
		if (r->in_csv) {
			int done = reader_csv_feed(r, line, len) != 0;

			if (settle_multiline(r, done))
				break;
			continue;
		}
		int had_cr = len > 0 && line[len - 1] == '\r';
		size_t body = len - (size_t)had_cr;
		if (body == 0)
			continue;	/* an empty line: skipped, but counted */
		r->rec_line = r->line;
		if (r->use_scan && reader_split_indexed(r, line, body))
			return 1;
		/*
		 * One check of the whole line is much cheaper than one a field;
		 * only a line that fails it is checked field by field, to name
		 * the column.  Transcoded Latin-1 is valid by construction.
		 */
		int is_nul;
		r->text_checked = r->cfg.latin1 || rd_utf8_check(line, body, &is_nul) < 0;
		if (r->cfg.tsv) {
			split_in_place(r, line, body, '\t');
			return 1;
		}
		if (!r->cfg.no_fast_path && memchr(line, '"', body) == NULL &&
		    memchr(line, '\r', body) == NULL) {
			split_in_place(r, line, body, r->cfg.delim);
			return 1;
		}
		r->text_checked = 0;	/* libcsv fields are checked one by one */
		r->rec_beg = line_off;
		r->rec_first_len = raw_len;
		switch (reader_csv_feed(r, line, len)) {
		case 0:
			r->nf_line1 = r->nf;
			r->keep_mark = 1;
			continue;
		case 1:
			if (r->err.msg[0] != '\0')
				split_raw(r, r->buf + line_off, raw_len);
			goto done;
		default:
			reader_clear_record(r);
			continue;
		}
	}
done:
	for (size_t i = 0; i < r->nf; i++)
		r->ptrs[i] = r->text + r->off[i];
	return 1;
}

static void
fill_record(struct rd_reader *r, struct rd_record *rec)
{
	rec->n = r->nf;
	rec->f = r->ptrs;
	rec->len = r->lens;
	rec->line = r->rec_line;
	rec->plain_sep = r->cfg.trim || r->cfg.excel ? 0 : r->plain_sep;
}

/*
 * A line of the batch that needs more than its split: made the record
 * the general way would make of it (reader_split_indexed), for rd_next's
 * checks.
 */
static void
batch_slow_line(struct rd_reader *r, const struct rd_batch_line *l)
{
	const struct rd_batch *b = &r->batch;
	char *beg = b->ptrs[l->first];

	reader_clear_record(r);
	while (r->nf_cap < l->nf) {
		r->nf = r->nf_cap;	/* grow_fields grows a full array */
		reader_grow_fields(r);
	}
	memcpy(r->ptrs, b->ptrs + l->first, l->nf * sizeof *r->ptrs);
	memcpy(r->lens, b->lens + l->first, l->nf * sizeof *r->lens);
	r->nf = l->nf;
	r->longest = (size_t)(r->buf + l->end - beg);
	if (l->flags & LINE_CHECK) {
		int is_nul;

		r->text_checked = rd_utf8_check(beg, r->longest, &is_nul) < 0;
	} else
		r->text_checked = 1;
	r->beg = l->next_beg;
	r->line++;
	r->rec_line = r->line;
	r->line_flags = l->flags;
	r->plain_sep = l->flags & LINE_QUOTE_CR ? 0 : r->scan_sep;
}

/*
 * The usual line of the batch as the record: nothing is left to check.
 * In line in rd_next, and for next_record after it made a batch.
 */
static inline __attribute__((always_inline)) int
batch_line(struct rd_reader *r, struct rd_record *rec)
{
	struct rd_batch *b = &r->batch;
	const struct rd_batch_line *l = &b->lines[b->next];

	if (b->next == b->count || l->slow || r->err.msg[0] != '\0')
		return 0;
	b->next++;
	r->beg = l->next_beg;
	rec->n = l->nf;
	rec->f = b->ptrs + l->first;
	rec->len = b->lens + l->first;
	rec->line = ++r->line;
	rec->plain_sep = r->scan_sep;
	return 1;
}

/*
 * A batch from beg (reader_batch.c), after one more read when its first
 * line's end is not read yet (a read ends inside a line about once a
 * read): the general way would index the next block again.
 */
static void
make_batch(struct rd_reader *r)
{
	for (int reads = 0;; reads++) {
		reader_batch_split(r);
		if (r->batch.count > 0 || !r->batch.unended || r->eof ||
		    reads == 1 || r->bits.to != r->end)
			return;
		check_line_length(r, r->end - r->beg);
		read_more(r);
	}
}

/* rd_next for any record but the batch's usual line. */
static __attribute__((noinline)) int
next_record(struct rd_reader *r, struct rd_record *rec)
{
	struct rd_batch *b = &r->batch;

	reader_clear_record(r);
	if (b->next == b->count && r->batch_ok && !r->in_csv) {
		make_batch(r);
		if (batch_line(r, rec))
			return 1;
	}
	if (b->next < b->count) {
		batch_slow_line(r, &b->lines[b->next++]);
		/* The usual record is settled here: what the checks below pass. */
		if (r->text_checked && r->longest <= r->cfg.max_field_bytes &&
		    !r->cfg.trim && !r->cfg.excel &&
		    (r->want_fields == 0 || r->nf == r->want_fields)) {
			fill_record(r, rec);
			return 1;
		}
	} else if (!read_record(r))
		return 0;
	check_fields(r);
	fill_record(r, rec);
	if (r->cfg.trim || r->cfg.excel)
		rd_infix_record(rec, r->cfg.trim, r->cfg.excel);
	if (r->err.msg[0] == '\0' && r->want_fields > 0 && r->nf != r->want_fields)
		reader_set_error(r, r->rec_line, (long)(r->nf < r->want_fields ? r->nf : r->want_fields) + 1,
		    "row has %zu field%s, the header has %zu", r->nf,
		    r->nf == 1 ? "" : "s", r->want_fields);
	return r->err.msg[0] != '\0' ? -1 : 1;
}

int
rd_next(struct rd_reader *r, struct rd_record *rec)
{
	return batch_line(r, rec) ? 1 : next_record(r, rec);
}

int
rd_next_good_slow(struct rd_reader *r, struct rd_record *rec)
{
	int got;

	do
		rd_reject_pos(r, rec, r->err.line, r->err.col, "%s", r->err.msg);
	while ((got = rd_next(r, rec)) < 0);
	return got;
}
