/*
 * The streaming modes on every core: a tool's row loop run over chunks of
 * its input in threads, with the output, the rejects file, the
 * messages and the exit status of one thread, byte for byte.
 *
 * rd_par_rows(r, out, rows, arg) calls rows(arg, reader, writer) to read
 * the records of r that follow its header and write to out.  With one
 * thread (rd_par_threads() is 1) or an input under two chunks it is one
 * call with r and out.  Otherwise the input is cut into chunks at line
 * ends (where the quotes since the chunk's start are balanced, when
 * there is such a line end near the cut) and each chunk is read by a
 * lane's own reader (reader.h's chunk readers) into its own memory
 * writer, rejects and messages, which the calling thread then writes in
 * input order.  The lanes are threads - 1 workers and the calling
 * thread, which reads the chunks no worker has started while it waits
 * for the oldest: as many threads as asked, not one more that waits for
 * a core while the others wait for its chunk (urine-track --summary on
 * input in no order: 2.0 s with two workers and the calling thread on
 * two cores, 1.6 s with one worker).  A chunk is only a guess until the
 * one before it is written: when that one ended inside a record (a
 * quoted field over line ends), the record and the chunk are read again
 * from the record's first line, in the calling thread.  A chunk whose
 * rows would end the tool (a bad row in strict mode, a value TSV cannot
 * hold) is read again in the calling thread after the workers have
 * stopped, so the tool ends where and how one thread ends it.  A line
 * longer than a record may be ends the threads: the rest is read in one
 * thread.
 * At most threads + 2 chunks are in memory at a time.
 *
 * rows must read only from the reader it is given, write only to the
 * writer it is given, reject rows only through rejects.h, print only
 * through diag.h, and carry nothing from one row to the next but caches
 * that give the same answers (map.h and analytes.h keep theirs per
 * thread).
 */
#ifndef RD_PAR_H
#define RD_PAR_H

#include <stdbool.h>
#include <stddef.h>

#include "reader.h"
#include "writer.h"

typedef void rd_par_rows_fn(void *arg, struct rd_reader *r, struct rd_writer *w);

/*
 * Threads to use: -j N (rd_opt.threads), else the environment variable
 * RUSDATA_THREADS, else the number of online CPUs.  A bad
 * RUSDATA_THREADS is a usage error.
 */
int rd_par_threads(void);
void rd_par_rows(struct rd_reader *r, struct rd_writer *out, rd_par_rows_fn *rows,
    void *arg);

/*
 * The reading of an aggregating mode (a summary) on every core.  rows
 * reads as for rd_par_rows, but for each row it keeps writes bytes of the
 * tool's own making to the writer it is given (rd_write_raw: the parsed
 * values the aggregation needs, and the row's line); take(take_arg,
 * bytes, len) reads them back in the calling thread, chunk by chunk in
 * input order, so that the aggregation sees the rows, and makes its
 * numbering and its notes, exactly as one thread's row loop would.
 * False, having read nothing, with one thread: the caller then runs that
 * row loop itself, which keeps one thread free of the copying.
 *
 * take may reject rows itself (rejects.h, in the calling thread, from
 * state built in input order: a goal set twice) when rows stages every
 * row's bytes after that row's own rejects: a chunk's rejects (its rows
 * in the rejects file, or in strict mode the message that ends the
 * tool) are written between the takes of the rows staged before and
 * after them, and in the calling thread the rows staged so far are taken
 * before each row rows rejects there, so that all rejects come in line
 * order as one thread writes them.  A tool ended in the calling thread
 * stops the workers first.
 */
typedef void rd_par_take_fn(void *take_arg, const char *staged, size_t len);
bool rd_par_stage(struct rd_reader *r, rd_par_rows_fn *rows, void *arg,
    rd_par_take_fn *take, void *take_arg);

/*
 * The writing of an aggregating mode on every core, for n items (a
 * summary's groups, in output order) that are written independently of
 * each other: write(arg, w, from, to) writes the rows of items [from, to)
 * to w.  The items are cut into one range a thread; the first range is
 * written to out by the calling thread, the others each to a memory
 * writer with out's settings in a thread of its own, then to out in
 * order, so that out gets what write(arg, out, 0, n) would write, byte
 * for byte.  One call with one thread or fewer than RD_PAR_WRITE_MIN items
 * a thread.  write may change only its own items, and may neither print
 * nor end the tool: what it writes must be values every writer takes
 * (checked ids, codes, numbers, dates).
 */
#define RD_PAR_WRITE_MIN 1024
typedef void rd_par_write_fn(void *arg, struct rd_writer *w, size_t from,
    size_t to);
void rd_par_write(struct rd_writer *out, size_t n, rd_par_write_fn *write,
    void *arg);

/*
 * Independent work on n items (a summary's groups) on every core:
 * rd_par_parts(n, min) is the number of parts to cut them into (the
 * threads, fewer so that a part has at least min items, at least 1);
 * rd_par_range(n, parts, fn, arg) calls fn(arg, part, from, to) for each
 * part's items [n * part / parts, n * (part + 1) / parts), part 0 in the
 * calling thread and the others each in a thread of its own (or, when
 * one cannot be started, in the calling thread), and returns when all
 * have.  fn may change only what belongs to its items and its part, and
 * may neither print nor end the tool.
 */
typedef void rd_par_range_fn(void *arg, size_t part, size_t from, size_t to);
size_t rd_par_parts(size_t n, size_t min);
void rd_par_range(size_t n, size_t parts, rd_par_range_fn *fn, void *arg);
/* The same for parts cut by the caller: part i is [bounds[i], bounds[i + 1]). */
void rd_par_ranges(const size_t *bounds, size_t parts, rd_par_range_fn *fn,
    void *arg);

/*
 * Where a chunk of about want bytes of buf[0, n) ends: after the last line
 * feed before want (or the first after it), moved back over up to 64
 * line ends to one where the double quotes before it are even (CSV; the
 * guess that no quoted field is open there), else kept.  0 when more
 * input may come (!at_eof) and is needed first: fewer than want bytes,
 * or no line feed yet; n when the input ends within want bytes or
 * without a line feed.
 */
size_t rd_par_cut(const char *buf, size_t n, size_t want, bool at_eof, bool tsv);

#endif
