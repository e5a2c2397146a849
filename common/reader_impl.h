/*
 * The reader's insides, shared by reader.c (lines, the fast path, quote
 * recovery, the header) and reader_csv.c (the libcsv path for quoted
 * records).  Not for tools: they use reader.h.
 */
#ifndef RD_READER_IMPL_H
#define RD_READER_IMPL_H

#include <csv.h>
#include <stddef.h>

#include "reader.h"
#include "scan.h"

/*
 * How much a read asks for at least; the buffer always has room for one
 * more.  Small enough that the lines read stay in the core's own caches
 * while they are split, checked and written (256 KiB, which made reads of
 * 768 KiB, took 4% longer on session-log's validate).
 */
#define READ_CHUNK (64 * 1024)
/* A line may be this much longer than 16 fields of the longest allowed. */
#define LINE_SLACK (256 * 1024)

struct rd_reader {
	char *name;
	int fd;
	struct rd_reader_config cfg;
	size_t max_line_bytes;

	/* Raw input: bytes [beg, end) of buf are not yet consumed. */
	char *buf;
	size_t cap, beg, end;
	int eof, at_start;
	long line;		/* physical lines consumed */

	/* The record being built. */
	char *text;		/* libcsv path: field bytes, NUL-separated */
	size_t text_len, text_cap;
	size_t *off;
	size_t *lens;
	char **ptrs;
	size_t nf, nf_cap;
	long rec_line;

	char *latin;		/* --latin1: transcoded line */
	size_t latin_cap;

	struct csv_parser csv;
	int in_csv;		/* a quoted field continues on the next line */
	int csv_rows;		/* rows libcsv completed in this record */
	size_t nf_row1;		/* fields when libcsv ended its first row */
	size_t nf_line1;	/* fields completed on the record's first line */
	/*
	 * Raw bytes of the record's first line, kept in buf (next_line does
	 * not move them out) while a quoted field runs over line ends, so a
	 * record that then proves bad can be rejected as that one line and
	 * reading can resume on the line after it.
	 */
	int keep_mark;
	size_t rec_beg, rec_first_len;
	size_t want_fields;	/* fields every record must have; 0: any */
	int csv_too_long;
	int text_checked;	/* the whole line passed the UTF-8 and NUL check */
	size_t longest;		/* longest field split on the fast path */
	char plain_sep;		/* the record's rd_record.plain_sep */

	/*
	 * The structural index (scan.h) of buf[.., scanned): line ends and
	 * separators found in one pass over each block read, instead of a
	 * memchr a line, a UTF-8 check a line and a split a line.  Made only
	 * for the lines the fast path leaves to the general way (bits below
	 * does the usual line).  Not used with --latin1 (lines are transcoded
	 * first) nor for CSV without the fast path.
	 */
	int use_scan;
	char scan_sep;
	struct rd_scan_index ix;
	size_t ix_next;		/* first entry not consumed by a line yet */
	size_t ix_search;	/* where the search for the next LF goes on */
	size_t scanned;		/* buf offset the index reaches */
	size_t line_ix_beg, line_ix_end;	/* the last line's entries */
	unsigned line_flags;	/* of its other bytes: LINE_QUOTE_CR, LINE_CHECK */
	/*
	 * The same bytes as bit masks (scan.h), for the fast path of the
	 * usual line (the batch), valid from the word of beg up to bits.to.
	 */
	struct rd_scan_bits bits;
	/*
	 * Usual lines split ahead from the masks (reader_batch.c), handed out
	 * by rd_next: lines [next, count) are still to come, their separators
	 * and line ends already NULs.
	 */
	struct rd_batch {
		char **ptrs;
		size_t *lens, fields_cap;
		struct rd_batch_line {
			size_t first, nf;	/* fields [first, first + nf) */
			size_t end;		/* buf offset of the LF (CR of CR LF) */
			size_t next_beg;	/* past the LF */
			unsigned char flags;	/* LINE_QUOTE_CR, LINE_CHECK */
			unsigned char slow;	/* rd_next checks it as the general way's */
		} *lines;
		size_t next, count;
		int unended;	/* the last line begun had no end in the masks */
	} batch;
	int batch_ok;		/* use_scan and neither trim nor excel */

	/*
	 * A chunk reader (rd_chunk_reader): buf and the header are borrowed;
	 * with soft_end the end of buf is not the end of input, and a record
	 * still open there is left for the caller (rest_off, rest_line).
	 */
	int chunk, soft_end;
	size_t rest_off;
	long rest_line;

	/*
	 * Called before bytes already handed out in records are moved or
	 * dropped (rd_reader_on_move): a writer holding rows as read.
	 */
	void (*on_move)(void *);
	void *on_move_arg;

	struct rd_record header;
	struct rd_read_error err;
	int strict;
	struct rd_reader *next_open;
};

/* Records the first problem of a record (later ones are dropped). */
void reader_set_error(struct rd_reader *, long line, long col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Room for one more field in off/lens/ptrs. */
void reader_grow_fields(struct rd_reader *);
/* A fresh libcsv parser with the reader's delimiter and field cap. */
void reader_csv_reset(struct rd_reader *);
/* A reader with cfg's settings and no input yet (reader_open.c). */
struct rd_reader *reader_new(const char *name, const struct rd_reader_config *cfg);
/* Bytes handed out are about to move: on_move is called (rd_reader_on_move). */
void reader_moving(struct rd_reader *);
/* Forgets the record being assembled. */
void reader_clear_record(struct rd_reader *);
/*
 * The structural index (reader_index.c) and the bit masks no longer match
 * where reading goes on: rebuilt from beg.
 */
void reader_index_reset(struct rd_reader *);
/* Reads the header line (reader_header.c): the column names, after a sep= line. */
void reader_read_header(struct rd_reader *);
/*
 * libcsv's callbacks: a field appended to the record's text (also used to
 * split a bad line's raw bytes for the rejects file), and the end of a row.
 */
void reader_csv_field_cb(void *s, size_t len, void *data);
void reader_csv_row_cb(int c, void *data);
/*
 * Feeds one physical line (and its LF) to libcsv.  Returns 1 when a record
 * is complete (or bad), 0 when a quoted field goes on in the next line, 2
 * when the line held nothing (only carriage returns).
 */
int reader_csv_feed(struct rd_reader *, const char *line, size_t len);

/*
 * The flags of a line's other bytes (reader_index.c, the batch): what
 * takes it off the fast path, what asks for the UTF-8 check.
 */
#define LINE_QUOTE_CR 1u	/* a double quote or a CR (maybe the CR of CRLF) */
#define LINE_CHECK 2u		/* NUL or a byte from 0x80 up: the UTF-8 check */

/*
 * The index is made a step at a time, a little ahead of where reading
 * is, not over a whole read at once: a read is 256 KiB and its index up
 * to four bytes a byte, which with the output buffer pushed both out of
 * the cache before the rows got to them.  An index all consumed (no line
 * begun in it) starts again at its beginning, so it stays small too.
 */
#define SCAN_STEP (16 * 1024)

/* A field from start to end (made a NUL), the longest so far kept. */
static inline void
reader_push_field(struct rd_reader *r, char *start, char *end)
{
	size_t len = (size_t)(end - start);

	reader_grow_fields(r);
	r->ptrs[r->nf] = start;
	r->lens[r->nf++] = len;
	*end = '\0';
	if (len > r->longest)
		r->longest = len;
}

/* The batch of lines from beg (reader_batch.c); call it when it is empty. */
void reader_batch_split(struct rd_reader *);
/* The lines not handed out get their separators back; the batch empties. */
void reader_batch_drop(struct rd_reader *);
void reader_batch_free(struct rd_reader *);

/* Its entries before beg dropped: the fast path moved beg past them. */
void reader_index_catch_up(struct rd_reader *);
/* After buf[0, keep) is dropped: the rest of the entries moved down. */
void reader_index_rebase(struct rd_reader *, size_t keep);
/* The LF that ends the line at beg, from the index, or NULL. */
char *reader_indexed_line_end(struct rd_reader *);
/* The flags of the last line, which has no LF. */
void reader_indexed_tail_flags(struct rd_reader *);
/* The line split from its entries (1), or 0: a quote or CR, for libcsv. */
int reader_split_indexed(struct rd_reader *, char *line, size_t body);

#endif
