/*
 * The parts of par.c's state that its two files share: par.c runs the
 * jobs in threads and writes their results in order, par_cut.c reads the
 * input and cuts it into jobs at line bounds.  Not for tools: par.h is.
 */
#ifndef RD_PAR_IMPL_H
#define RD_PAR_IMPL_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "par.h"
#include "reader.h"
#include "rejects.h"
#include "writer.h"

/*
 * rd_par_stage: where a worker's reject fell, as the bytes its staged
 * rows, its rejects and its messages had before it.
 */
struct mark {
	size_t staged, rej, msgs;
};

/* A chunk of input and, once read, what its rows made. */
struct job {
	char *data;		/* the input bytes, as read (one spare byte) */
	size_t len;
	long line;		/* lines before data */
	bool last;		/* data ends where the input ends */
	/*
	 * Read where they are (lane_load), not from a copy that keeps them
	 * as read, for the reader writes into the bytes it reads: when they
	 * are never read again.  With rd_par_stage (a job whose rows end the
	 * tool is not read again in this thread) and no quote in the input up
	 * to data's end (or TSV): data starts and ends at a record's bounds
	 * for sure, so no record is left open and none read again.
	 */
	bool in_place;
	bool done;		/* a worker has read it (under the lock) */
	bool fatal;		/* its rows would have ended the tool */
	int status;		/* then with this exit status */
	size_t rest;		/* where a record open at its end begins; len: none */
	long rest_line;
	/*
	 * out's buffer stays with the ring slot, for the next job in it to
	 * swap with its lane's writer (rd_writer_mem_swap): a few buffers
	 * passed round, not one made a chunk in a worker and freed in the
	 * calling thread, which kept each worker's heap at several times
	 * the chunks in flight (pseudonymize -j 2: 15 MB against 6 MB).
	 */
	char *out, *rej, *msgs;
	size_t out_cap, out_len, rej_len, msgs_len;
	unsigned long out_rows, rej_rows;
	struct mark *marks;	/* rd_par_stage: one a reject, in order */
	size_t nmarks;
};

/* One thread's reader, writers, rejects and messages. */
struct lane {
	struct par *p;
	pthread_t tid;
	struct rd_reader *r;
	struct rd_writer *out, *rej;
	struct rd_rejects_sink sink;
	struct rd_diag_trap trap;
	char *buf;		/* the job's bytes: the reader writes into them */
	size_t cap;
	struct mark *marks;	/* the job's rejects so far (rd_par_stage) */
	size_t nmarks, marks_cap;
};

struct par {
	struct rd_reader *parent;
	struct rd_writer *out;
	rd_par_rows_fn *rows;
	void *arg;
	rd_par_take_fn *take;	/* rd_par_stage: out is a memory writer it empties */
	void *take_arg;
	size_t chunk_bytes, max_line_bytes;
	bool tsv;
	bool quoted;		/* a quote in the input cut so far */

	/* Input read and not yet in a job: carry[carry_off, carry_len). */
	int fd;
	bool eof, too_long;
	char *carry;
	size_t carry_off, carry_len, carry_cap;
	long carry_line;

	/* Jobs in input order: [head, tail) in the ring, [next_run, tail) not started. */
	struct job *ring;
	size_t nring, head, tail, next_run;
	pthread_mutex_t mu;
	pthread_cond_t work, done;
	bool stop, running;
	struct lane *lanes;
	size_t nlanes, nthreads;	/* lanes made, threads started */
	struct lane main_lane;

	/* The record open at the end of the last job written, and its lines before. */
	char *open_rec;
	size_t open_len;
	long open_line;
};

/* Reads more input onto the carry; sets eof at its end. */
void par_read_more(struct par *);
/* The next job cut from the input; false at its end or at a line too long. */
bool par_cut_job(struct par *, struct job *);

#endif
