/*
 * What happens to a bad row.  Strict mode (the default): the error is
 * printed as "tool: FILE:LINE:COL: message" and the tool exits 1.  With
 * --rejects FILE: the row goes to FILE with the columns line, column and
 * error added, the tool goes on, and rd_rejects_finish() reports the count
 * (the exit status is then 1).  FILE is created (empty) when the options
 * are parsed, so an old file never survives a clean run; the header comes
 * with the first rejected row.  FILE is always CSV with LF line ends,
 * whatever the input and output formats, so every value fits in it.
 * Rows of secondary inputs (--episodes,
 * --plan, ...) are always strict: a rejects file holds rows of one shape.
 */
#ifndef RD_REJECTS_H
#define RD_REJECTS_H

#include <stdbool.h>

#include "reader.h"
#include "writer.h"

/*
 * Rejects the record rec of reader r at field col (0-based; -1 for the
 * whole row, reported as column 1).
 */
void rd_reject(struct rd_reader *r, const struct rd_record *rec, int col,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* The same at an explicit line and 1-based column. */
void rd_reject_pos(struct rd_reader *r, const struct rd_record *rec, long line,
    long col, const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Makes r's bad rows fatal even when --rejects is given. */
void rd_reader_set_strict(struct rd_reader *r);
bool rd_reader_is_strict(const struct rd_reader *r);
/*
 * Creates the rejects file path (--rejects; rd_opts_done calls it) and
 * makes bad rows go there; with NULL, or never called, bad rows are fatal.
 */
void rd_rejects_open(const char *path);
/*
 * Worker threads (par.h): with a sink set for the thread, its rejected
 * rows are written to sink->out (no header) and counted in sink->count;
 * the thread that owns the rejects file then adds them in input order
 * with rd_rejects_append() (count rows, len bytes, r the input).
 */
struct rd_rejects_sink {
	struct rd_writer *out;
	unsigned long count;
};
void rd_rejects_set_sink(struct rd_rejects_sink *);	/* NULL: none */
/*
 * fn(arg) is called in this thread before each rejected row is written
 * or ends the tool (NULL: none): par.h's rd_par_stage marks where a
 * worker's rejects fall among its staged rows, and in the calling thread
 * takes the rows staged before a reject first.
 */
void rd_rejects_set_hook(void (*fn)(void *), void *arg);
/*
 * This thread's hook, so that code which holds rows back can put its own
 * in front of it (finishing the rows it holds before a later row's reject)
 * and put the old one back after.
 */
void rd_rejects_get_hook(void (**fn)(void *), void **arg);
void rd_rejects_append(const struct rd_reader *r, const char *rows, size_t len,
    unsigned long count);
/* Closes the rejects file; returns the number of rejected rows. */
unsigned long rd_rejects_finish(void);
/* Exit status for a tool that has finished its work: 1 if rows were rejected. */
int rd_exit_status(void);

#endif
