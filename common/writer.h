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

#include "reader.h"

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

void rd_put(struct rd_writer *, const char *s, size_t len);
/*
 * A value the caller knows needs no care in any output format: none of
 * the bytes , ; TAB " CR LF (numbers, dates, the codes of codes.h, ids
 * checked while rd_ids_clean() holds).  No look at its bytes; with --excel
 * it takes the general path (decimal comma, formula guard).
 */
void rd_put_clean(struct rd_writer *, const char *s, size_t len);
void rd_put_str(struct rd_writer *, const char *s);
void rd_put_empty(struct rd_writer *);
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
void rd_end_row(struct rd_writer *);
/* Raw bytes for non-tabular output (text and html reports). */
void rd_write_raw(struct rd_writer *, const char *s, size_t len);
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
char *rd_writer_mem_take(struct rd_writer *, size_t *len, unsigned long *rows);
void rd_write_rows(struct rd_writer *, const char *rows, size_t len,
    unsigned long nrows);

#endif
