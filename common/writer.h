/*
 * Writing CSV and TSV records to standard output.
 *
 * CSV is quoted minimally (RFC 4180: only fields with the delimiter, a
 * quote, CR or LF).  TSV cannot hold a tab or a line break in a value: such
 * a value is an error naming the output row and column, never altered.
 * --crlf ends lines with CRLF.  --excel writes what Nordic Excel opens
 * cleanly: ';' delimiter, decimal comma in numbers, CRLF, a BOM, and a
 * leading "'" on text cells that begin with = + - @ (formula injection).
 * Output is buffered and every write is checked: a write error exits 1.
 */
#ifndef RD_WRITER_H
#define RD_WRITER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "codes.h"
#include "reader.h"
#include "wordload.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

struct rd_writer;

struct rd_writer_config {
	bool tsv, crlf, excel;
	const char *name;	/* the file, for messages; NULL: "output" (borrowed) */
};

/*
 * Writer on file descriptor fd with the output settings of the command
 * line (rd_writer_new and rd_writer_new_named are in opts.c, the one
 * place that turns rd_opt into a configuration) or explicit ones.
 */
struct rd_writer *rd_writer_new(int fd);
/* The same, writing the file name (kept, not copied) in its messages. */
struct rd_writer *rd_writer_new_named(int fd, const char *name);
struct rd_writer *rd_writer_new_config(int fd, const struct rd_writer_config *);
/* Flushes and frees; a write error stops the tool with exit 1. */
void rd_writer_close(struct rd_writer *);

/*
 * The header names the columns for error messages; call it first.  n
 * names, then rd_end_row() is implied.
 */
void rd_put_header(struct rd_writer *, const char *const *names, size_t n);
/* Header from an input header plus extra column names. */
void rd_put_header_rec(struct rd_writer *, const struct rd_record *in,
    const char *const *extra, size_t nextra);

/* A value, quoted as the format needs (in line below). */
static inline void rd_put(struct rd_writer *, const char *s, size_t len);
/*
 * A value the caller knows needs no care in any output format: none of
 * the bytes , ; TAB " CR LF (numbers, dates, the codes of codes.h, ids
 * checked while rd_ids_clean() holds).  No look at its bytes; with --excel
 * it takes the general path (decimal comma, formula guard).  In line
 * below.
 */
static inline void rd_put_clean(struct rd_writer *, const char *s, size_t len);
void rd_put_str(struct rd_writer *, const char *s);
static inline void rd_put_empty(struct rd_writer *);
void rd_put_long(struct rd_writer *, long long v);
/* A number with a fixed count of decimals (a share: 4). */
void rd_put_fixed(struct rd_writer *, double v, int decimals);
/* An integer count of 10^-decimals units, exactly: (255, 1) is "25.5". */
void rd_put_scaled(struct rd_writer *, long long units, int decimals);
void rd_put_date(struct rd_writer *, int day);
/* The same, or an empty field for RD_NO_DATE (fields.h): "no such day". */
void rd_put_date_or_empty(struct rd_writer *, int day);
/* All fields of a record, as they are. */
void rd_put_record(struct rd_writer *, const struct rd_record *rec);
/*
 * The same in one copy, when that writes the same bytes: the record is
 * the line as read (rec->plain_sep, reader.h) with the writer's own
 * delimiter, so no field holds a byte that needs care, and a good one (a
 * record rd_next returned 1 for has no NUL in a field); the row is empty
 * so far; no --excel; room in the buffer.  Returns whether it wrote the
 * fields (then the caller ends the row); false: nothing written.
 */
bool rd_put_plain(struct rd_writer *, const struct rd_record *rec);
/*
 * Fields first to end - 1 of such a record in one copy, anywhere in a
 * row (the delimiter before them when the row has fields already): the
 * runs of fields a normaliser leaves as they came.  Returns whether it
 * wrote them; false (nothing written) under the same conditions, or for
 * an empty range.
 */
bool rd_put_plain_fields(struct rd_writer *, const struct rd_record *rec,
    size_t first, size_t end);
void rd_end_row(struct rd_writer *);
/*
 * A whole row of such a record, row end included, in one call: fields
 * [0, lo) and [hi, n) as they came, and between them mid in place of
 * fields [lo, hi): the text of one or more whole fields, joined by the
 * writer's delimiter, exactly as this writer would write them (a
 * normaliser's rewritten fields, which it wrote once with the rd_put
 * functions and keeps).  False, nothing written, under the conditions of
 * rd_put_plain_fields or when the row has fields already: the caller then
 * writes the row field by field.  mid has RD_MID_MAX bytes, of which
 * mid_len are the text: they go out in one fixed-size copy, not a copy
 * whose branches follow the length (the mids of a file's rows differ in
 * length from row to row, and the mispredicted branches took about 3% of
 * urine-track's time).
 */
#define RD_MID_MAX 64
bool rd_put_row_spliced(struct rd_writer *, const struct rd_record *rec,
    size_t lo, size_t hi, const char *mid, size_t mid_len);
/*
 * Rows as read, without a copy.  After rd_writer_pass(w, r), a record of
 * r that goes out exactly as it came (a plain record, reader.h, with the
 * writer's delimiter, no --excel, no CRLF) can be written whole, row end
 * included, by rd_put_as_read(): a row that follows the one before it in
 * the input only widens the run of rows left in r's buffer, which goes
 * out in one piece, its separators put back, before anything else is
 * written, when r is about to move its bytes (reader.h's
 * rd_reader_on_move), at a flush and at rd_writer_pass(w, NULL), which
 * ends it (call it before r or w is closed).  The record's fields must
 * not be read after the call.  Returns false, nothing written, when the
 * row cannot go that way (the row has fields already, say): the caller
 * then writes it field by field.
 */
void rd_writer_pass(struct rd_writer *, struct rd_reader *);
bool rd_put_as_read_slow(struct rd_writer *, const struct rd_record *rec);

static inline bool rd_put_as_read(struct rd_writer *, const struct rd_record *rec);
/*
 * Raw bytes for non-tabular output (text and html reports) and for the
 * bytes a summary stages (par.h): in line below.
 */
static inline void rd_write_raw(struct rd_writer *, const char *s, size_t len);
void rd_writer_flush(struct rd_writer *);

/*
 * Writers into memory, for worker threads (par.h): rows go to a growing
 * buffer, never to a file, and no BOM is written.  rd_writer_mem_take()
 * hands over what was written (the caller frees it; NULL when nothing
 * was), sets *rows to the rows ended, and starts the writer afresh (it
 * keeps its header names).  rd_write_rows() writes nrows complete rows
 * made by such a writer with the same settings.
 */
struct rd_writer *rd_writer_new_mem(const struct rd_writer_config *);
const struct rd_writer_config *rd_writer_settings(const struct rd_writer *);
/* The delimiter the writer puts between fields. */
char rd_writer_delim(const struct rd_writer *);
char *rd_writer_mem_take(struct rd_writer *, size_t *len, unsigned long *rows);
/*
 * rd_writer_mem_take without a new buffer: the writer goes on in *buf
 * (its capacity *cap; NULL and 0: none yet), one whose bytes were
 * read, and *buf, *cap become those of what was written (*len bytes).
 * A pool of buffers passed round this way stays as large as the most
 * a chunk wrote, instead of a fresh allocation a chunk.
 */
void rd_writer_mem_swap(struct rd_writer *, char **buf, size_t *cap,
    size_t *len, unsigned long *rows);
/* The bytes written to a memory writer since it was made or last taken. */
size_t rd_writer_mem_len(const struct rd_writer *);
void rd_write_rows(struct rd_writer *, const char *rows, size_t len,
    unsigned long nrows);

/*
 * rd_put and rd_put_clean run for every field written: the usual value
 * (at most 16 bytes, room in the buffer, no --excel or BOM to come) goes
 * in here, in line, as one or two overlapping word copies after the
 * delimiter; rd_put first asks whether the value has a byte below
 * below_word at all (ids, dates, codes and numbers have none), exact as a
 * yes/no.  Everything else is the *_slow functions' (writer.c): quoting,
 * refusals, --excel, a full buffer.  The first member of the writer.
 */
struct rd_writer_hot {
	char *buf;
	size_t used;
	size_t col;		/* fields written in the current row */
	/* Where a short value no longer surely fits (OUT_BUF - 16); 0: not plain. */
	size_t short_end;
	/* One more than the largest byte that needs care, in every byte. */
	uint64_t below_word;
	char delim;
	/* Where 32 raw bytes no longer surely fit (OUT_BUF - 31). */
	size_t raw_end;
	/*
	 * Rows as read (rd_put_as_read) not written yet: they end before
	 * span_to, in the reader's buffer; NULL: none.  While there are,
	 * short_end and raw_end are 0, so that every other write takes the
	 * way out of line, which writes them first.
	 */
	char *span_to;
	unsigned long span_rows;
};

void rd_put_slow(struct rd_writer *, const char *s, size_t len);
void rd_put_clean_slow(struct rd_writer *, const char *s, size_t len);

#define RD_BYTES 0x0101010101010101ULL
static inline int
rd_put_has_low(uint64_t x, uint64_t below)
{
	return (((x - below) & ~x) & (RD_BYTES << 7)) != 0;
}

/* check: refuse (0) a value with a byte below below_word. */
static inline int
rd_put_short(struct rd_writer *w, const char *s, size_t len, int check)
{
	/* In locals: a store through d could alias h, and h be read again. */
	struct rd_writer_hot *h = (struct rd_writer_hot *)(void *)w;
	char *buf = h->buf, *d;
	size_t used = h->used, sep = h->col > 0;
	uint64_t below = h->below_word;

	if (len > 16 || used >= h->short_end)
		return 0;
	d = buf + used + sep;
	/*
	 * The delimiter first, unconditionally: without one (sep 0) the value
	 * overwrites it, and a value that turns out to need care leaves it
	 * past the end of what is written.
	 */
	buf[used] = h->delim;
	if (len >= 8) {
		uint64_t a = rd_load64(s), b = rd_load64(s + len - 8);

		if (check && (rd_put_has_low(a, below) | rd_put_has_low(b, below)))
			return 0;
		memcpy(d, &a, 8);
		memcpy(d + len - 8, &b, 8);
	} else if (len >= 4) {
		uint32_t a = rd_load32(s), b = rd_load32(s + len - 4);

		if (check && rd_put_has_low(a | (uint64_t)b << 32, below))
			return 0;
		memcpy(d, &a, 4);
		memcpy(d + len - 4, &b, 4);
	} else if (len > 0) {
		uint64_t v[2];

		rd_short_words(s, len, v);
		/* Bytes 3-7 are 0: '0's there keep the test to the value. */
		if (check && rd_put_has_low(v[0] | 0x3030303030000000ULL, below))
			return 0;
		d[0] = s[0];
		d[len >> 1] = s[len >> 1];
		d[len - 1] = s[len - 1];
	}
	h->used = used + len + sep;
	h->col++;
	return 1;
}

static inline void
rd_put(struct rd_writer *w, const char *s, size_t len)
{
	if (!rd_put_short(w, s, len, 1))
		rd_put_slow(w, s, len);
}

static inline void
rd_put_clean(struct rd_writer *w, const char *s, size_t len)
{
	if (!rd_put_short(w, s, len, 0))
		rd_put_clean_slow(w, s, len);
}

/* A word of a plain record's line with its NULs (separators) as delim. */
static inline uint64_t
rd_nuls_as(uint64_t v, uint64_t delim)
{
	const uint64_t low7 = 0x7F7F7F7F7F7F7F7FULL;
	uint64_t nul = ~(((v & low7) + low7) | v) & ~low7;	/* 0x80 at each NUL */

	return v | (nul >> 7) * delim;	/* delim < 0x80: no carry between bytes */
}

/*
 * n bytes (4 to 31) of a plain record's line from from to d, its NULs (the
 * separators) as delim, as overlapping word copies: no call, no loop.
 */
static inline void
rd_copy_nuls_as_short(char *d, const char *from, size_t n, char delim)
{
	const char *to = from + n;
#ifdef __SSE2__
	if (n >= 8) {
		/* Two overlapping 16- or 8-byte moves, NULs as delim in each. */
		const __m128i dv = _mm_set1_epi8(delim), zero = _mm_setzero_si128();
		__m128i a, b;

		if (n >= 16) {
			a = _mm_loadu_si128((const __m128i *)(const void *)from);
			b = _mm_loadu_si128((const __m128i *)(const void *)(to - 16));
		} else {
			a = _mm_loadl_epi64((const __m128i *)(const void *)from);
			b = _mm_loadl_epi64((const __m128i *)(const void *)(to - 8));
		}
		a = _mm_or_si128(a, _mm_and_si128(_mm_cmpeq_epi8(a, zero), dv));
		b = _mm_or_si128(b, _mm_and_si128(_mm_cmpeq_epi8(b, zero), dv));
		if (n >= 16) {
			_mm_storeu_si128((__m128i *)(void *)d, a);
			_mm_storeu_si128((__m128i *)(void *)(d + n - 16), b);
		} else {
			_mm_storel_epi64((__m128i *)(void *)d, a);
			_mm_storel_epi64((__m128i *)(void *)(d + n - 8), b);
		}
		return;
	}
#endif
	uint64_t dw = (unsigned char)delim;

	if (n >= 16) {
		rd_store64(d, rd_nuls_as(rd_load64(from), dw));
		rd_store64(d + 8, rd_nuls_as(rd_load64(from + 8), dw));
		rd_store64(d + n - 16, rd_nuls_as(rd_load64(to - 16), dw));
		rd_store64(d + n - 8, rd_nuls_as(rd_load64(to - 8), dw));
	} else if (n >= 8) {
		rd_store64(d, rd_nuls_as(rd_load64(from), dw));
		rd_store64(d + n - 8, rd_nuls_as(rd_load64(to - 8), dw));
	} else {
		rd_store32(d, (uint32_t)rd_nuls_as(rd_load32(from), dw));
		rd_store32(d + n - 4, (uint32_t)rd_nuls_as(rd_load32(to - 4), dw));
	}
}

/*
 * rd_put_plain_fields in line for a run of 4 to 31 bytes (a few short
 * fields: the usual run a normaliser leaves between the fields it
 * rewrites), as overlapping word copies; anything else goes to it.
 */
static inline bool
rd_put_run(struct rd_writer *w, const struct rd_record *rec, size_t first,
    size_t end)
{
	struct rd_writer_hot *h = (struct rd_writer_hot *)(void *)w;
	const char *from;
	size_t n, used = h->used, sep = h->col > 0;
	char *d;

	if (first >= end || rec->plain_sep != h->delim || used >= h->raw_end ||
	    h->short_end == 0)
		return rd_put_plain_fields(w, rec, first, end);
	from = rec->f[first];
	n = (size_t)(rec->f[end - 1] + rec->len[end - 1] - from);
	if (n < 4 || n > 31)
		return rd_put_plain_fields(w, rec, first, end);
	d = h->buf + used;
	*d = h->delim;	/* overwritten by the copy when sep is 0 */
	rd_copy_nuls_as_short(d + sep, from, n, h->delim);
	h->used = used + n + sep;
	h->col += end - first;
	return true;
}

void rd_write_raw_slow(struct rd_writer *, const char *s, size_t len);

/*
 * A staged row's few bytes (a packed record, an id) as overlapping word
 * copies, not a memcpy call with a length it cannot know: a 24-byte
 * record or a 9-byte id is two moves.
 */
static inline void
rd_write_raw(struct rd_writer *w, const char *s, size_t len)
{
	struct rd_writer_hot *h = (struct rd_writer_hot *)(void *)w;
	char *d = h->buf + h->used;

	if (len > 32 || h->used >= h->raw_end) {
		rd_write_raw_slow(w, s, len);
		return;
	}
	rd_copy_short(d, s, len);
	h->used += len;
}

static inline void
rd_put_empty(struct rd_writer *w)
{
	rd_put_clean(w, "", 0);
}

/*
 * Code index of codes (codes.h) in its spelling, as rd_put_clean writes
 * it: the usual code (up to 16 bytes, the list built) as one copy of its
 * padded 16 bytes, without a branch on its length.
 */
static inline void
rd_put_code(struct rd_writer *w, const struct rd_codes *codes, int index)
{
	struct rd_writer_hot *h = (struct rd_writer_hot *)(void *)w;
	size_t used = h->used, sep = h->col > 0, len;
	char *d;

	if (codes->padded == NULL || codes->lookup[RD_CODES_BUILT_AT] == 0 ||
	    (len = codes->lookup[RD_CODES_LEN_AT + index]) > 16 ||
	    used >= h->short_end) {
		rd_put_clean(w, codes->code[index], rd_code_len(codes, index));
		return;
	}
	/* used < short_end: 16 bytes fit after the delimiter. */
	d = h->buf + used + sep;
	h->buf[used] = h->delim;
	memcpy(d, codes->padded[index], 16);
	h->used = used + sep + len;
	h->col++;
}

static inline bool
rd_put_as_read(struct rd_writer *w, const struct rd_record *rec)
{
	struct rd_writer_hot *h = (struct rd_writer_hot *)(void *)w;
	char *end;

	/* The usual row: the next line of the run, as the reader split it. */
	if (h->span_to == NULL || rec->f[0] != h->span_to ||
	    rec->plain_sep != h->delim)
		return rd_put_as_read_slow(w, rec);
	end = rec->f[rec->n - 1] + rec->len[rec->n - 1];
	h->span_to[-1] = '\n';	/* the row before's LF, which the reader made NUL */
	h->span_to = end + 1;
	h->span_rows++;
	return true;
}

#endif
