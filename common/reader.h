/*
 * Reading CSV and TSV records with a header.
 *
 * TSV and quote-free CSV lines are split with memchr (the fast path); a
 * CSV line with a quote or a bare CR goes through libcsv in strict mode,
 * together with the following lines while a quoted field stays open.
 * Both paths give the same records and the same line numbers; a
 * differential fuzz harness holds them to it.
 *
 * Every record carries the physical line where it starts.  Completely
 * empty lines are skipped but counted.  A byte-order mark is dropped;
 * with --latin1 the input is transcoded from Windows-1252 to UTF-8,
 * otherwise invalid UTF-8 is an error.  Fields are NUL-terminated and
 * stay valid until the next call to rd_next().  A first line "sep=C" (what
 * Excel writes) is skipped and, for CSV, sets the delimiter to C.  --trim
 * and --iexcel fix up each record as infix.h says; a missing required
 * column gets the hints of colhint.h.
 */
#ifndef RD_READER_H
#define RD_READER_H

#include <stdbool.h>
#include <stddef.h>

#include "date.h"

struct rd_record {
	size_t n;		/* number of fields */
	char **f;		/* field text, NUL-terminated */
	size_t *len;		/* field lengths in bytes */
	long line;		/* physical line where the record starts */
	/*
	 * The separator when the fields are the line as it was read, split
	 * at it and nothing more: each field right after the one before and
	 * its separator, no double quote or CR in them, nothing trimmed
	 * (rd_put_plain writes such a record in one copy); else 0.
	 */
	char plain_sep;
};

struct rd_reader;

struct rd_reader_config {
	bool tsv;
	char delim;
	bool latin1;
	size_t max_field_bytes;
	bool no_fast_path;	/* libcsv for every CSV line (differential tests) */
	bool no_header;		/* the first record is data (tests, fuzzing) */
	size_t expect_fields;	/* with no_header: fields a record must have (0: any) */
	bool trim;		/* --trim: blanks around values dropped */
	bool excel;		/* --iexcel: Excel's guard and decimal comma undone */
	enum rd_date_format date_format;	/* how rd_get_date reads (fields.h) */
};

/*
 * Opens path ("-" or NULL for stdin) with the reader settings of the
 * command line (rd_open, in opts.c, the one place that turns rd_opt into
 * a configuration) or explicit ones (rd_open_config), and reads the
 * header.  An unreadable file or an empty input stops the tool with exit
 * 1; a duplicate or empty column name in the header too.
 */
struct rd_reader *rd_open(const char *path);
struct rd_reader *rd_open_config(const char *path, const struct rd_reader_config *);
/* Reads from memory instead of a file (tests and fuzzing); data is copied. */
struct rd_reader *rd_open_mem(const char *name, const void *data, size_t len,
    const struct rd_reader_config *);
void rd_close(struct rd_reader *);

/*
 * Next record: 1 and *rec filled, 0 at the end, -1 for a bad record
 * (rd_error() says where and what; *rec holds what could be read, so it
 * can go to the rejects file).  Reading goes on after -1.  A record with
 * a different number of fields than the header is an error.
 */
int rd_next(struct rd_reader *, struct rd_record *rec);
/*
 * The same, but every bad record goes to rd_reject() (which stops the tool
 * in strict mode); returns only good records.
 */
static inline int rd_next_good(struct rd_reader *, struct rd_record *rec);
/* rd_next_good after rd_next returned -1 for rec: rejects it, reads on. */
int rd_next_good_slow(struct rd_reader *, struct rd_record *rec);

/* In line: it runs once a row, and the usual row is good. */
static inline int
rd_next_good(struct rd_reader *r, struct rd_record *rec)
{
	int got = rd_next(r, rec);

	return got >= 0 ? got : rd_next_good_slow(r, rec);
}

/*
 * Reading in chunks, for par.h.  rd_take_rest() hands over the input
 * after the records read so far: the bytes read ahead (a copy in *ahead,
 * the caller frees it; *line lines come before them) and the file
 * descriptor to read the rest from, or -1 when the input ended within
 * them.  rd_give_back() makes r read data (copied) next, as lines from
 * line + 1 on, then the rest of its file unless at_eof; data must begin
 * where a record begins.
 *
 * rd_chunk_reader() makes a reader with parent's name, settings, header
 * and strictness (borrowed: parent must outlive it) that reads the
 * records of the chunks given to rd_chunk_start(): data[0, len), lines
 * from line + 1 on, data[len] writable (the reader writes into data).
 * Unless last, the end of data is not the end of input: a record still
 * open there (a quoted field going on over line ends) ends the reading
 * (rd_next returns 0), and rd_chunk_rest() gives the offset in data where
 * it begins and the number of lines before it; otherwise it gives len.
 */
int rd_take_rest(struct rd_reader *r, char **ahead, size_t *len, long *line);
void rd_give_back(struct rd_reader *r, const char *data, size_t len, long line,
    bool at_eof);
struct rd_reader *rd_chunk_reader(const struct rd_reader *parent);
void rd_chunk_start(struct rd_reader *r, char *data, size_t len, long line,
    bool last);
size_t rd_chunk_rest(const struct rd_reader *r, long *line);
/*
 * Whether r is a chunk reader: the fields of its plain records
 * (plain_sep) are bytes of the chunk's data, so they stay where they are
 * until the next rd_chunk_start(), while another reader's are overwritten
 * when it reads on.
 */
bool rd_chunk_reader_is(const struct rd_reader *r);

/*
 * fn(arg) is called before r moves, drops or reuses the bytes of the
 * records it returned (a read that needs room, a new chunk, closing), so
 * that whoever still holds such bytes (writer.h's rows as read) can use
 * them first; NULL: none.  The bytes of plain records (plain_sep) are
 * otherwise left where they are, as they are, once the next record is
 * read.  rd_reader_holds() says whether rec is a plain record whose bytes
 * are r's buffer's.
 */
void rd_reader_on_move(struct rd_reader *r, void (*fn)(void *), void *arg);
/*
 * 0: readers opened from now on read every line the general way (the
 * structural index, libcsv for quotes) rather than the usual lines many
 * in one walk (the batch); the records are the same.  RUSDATA_BATCH=0 in
 * the environment does the same (tests, fuzzing).
 */
void rd_reader_use_batch(int on);
bool rd_reader_holds(const struct rd_reader *r, const struct rd_record *rec);

struct rd_read_error {
	long line, col;
	char msg[256];
};
const struct rd_read_error *rd_error(const struct rd_reader *);

const struct rd_record *rd_header(const struct rd_reader *);
/* The settings the reader was opened with (its delimiter, for example). */
const struct rd_reader_config *rd_reader_settings(const struct rd_reader *);
const char *rd_name(const struct rd_reader *);	/* "<stdin>" or the path */
/* Index of a column by exact name, or -1. */
int rd_col(const struct rd_reader *, const char *name);
/* The same, but a missing column is a usage error (exit 2) naming it. */
int rd_col_required(const struct rd_reader *, const char *name);

#endif
