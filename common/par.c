#include "par.h"

#include <errno.h>
#include <malloc.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "codes.h"
#include "diag.h"
#include "map.h"
#include "opts.h"
#include "par_impl.h"
#include "rejects.h"
#include "scan.h"

#define CHUNK_BYTES (256 * 1024)
#define MAX_THREADS 256


static long
env_long(const char *name, long min, long max, long fallback)
{
	const char *v = getenv(name);
	char *end;
	long n;

	if (v == NULL || *v == '\0')
		return fallback;
	errno = 0;
	n = strtol(v, &end, 10);
	if (errno != 0 || *end != '\0' || n < min || n > max)
		rd_usage_msg("%s '%s' is not a whole number from %ld to %ld", name, v,
		    min, max);
	return n;
}

int
rd_par_threads(void)
{
	long cpus;

	if (rd_opt.threads > 0)
		return rd_opt.threads;
	cpus = sysconf(_SC_NPROCESSORS_ONLN);
	if (cpus < 1)
		cpus = 1;
	if (cpus > MAX_THREADS)
		cpus = MAX_THREADS;
	return (int)env_long("RUSDATA_THREADS", 1, MAX_THREADS, cpus);
}


/* What job j's rows made, read: all but out's buffer, which the slot keeps. */
static void
free_results(struct job *j)
{
	free(j->rej);
	free(j->msgs);
	free(j->marks);
	j->rej = j->msgs = NULL;
	j->marks = NULL;
	j->out_len = j->rej_len = j->msgs_len = j->nmarks = 0;
}

/* rd_par_stage, a worker's rejects hook: where the reject falls. */
static void
mark_reject(void *arg)
{
	struct lane *l = arg;

	if (l->nmarks == l->marks_cap) {
		l->marks_cap = l->marks_cap ? 2 * l->marks_cap : 16;
		l->marks = rd_realloc(l->marks, l->marks_cap * sizeof *l->marks);
	}
	l->marks[l->nmarks].staged = rd_writer_mem_len(l->out);
	l->marks[l->nmarks].rej = rd_writer_mem_len(l->rej);
	l->marks[l->nmarks++].msgs = l->trap.len;
}

static void
lane_load(struct lane *l, const struct job *j)
{
	if (j->in_place) {
		rd_chunk_start(l->r, j->data, j->len, j->line, j->last);
		return;
	}
	if (l->cap < j->len + 1) {
		l->cap = j->len + 1;
		l->buf = rd_realloc(l->buf, l->cap);
	}
	memcpy(l->buf, j->data, j->len);
	rd_chunk_start(l->r, l->buf, j->len, j->line, j->last);
}

/* Reads job j in lane l into j's buffers; what would end the tool is caught. */
static void
run_buffered(struct lane *l, struct job *j)
{
	lane_load(l, j);
	l->sink.count = 0;
	l->trap.len = 0;
	l->nmarks = 0;
	rd_diag_set_trap(&l->trap);
	rd_rejects_set_sink(&l->sink);
	if (l->p->take != NULL)
		rd_rejects_set_hook(mark_reject, l);
	if (setjmp(l->trap.at) == 0) {
		l->p->rows(l->p->arg, l->r, l->out);
		j->rest = rd_chunk_rest(l->r, &j->rest_line);
		j->fatal = false;
	} else {
		j->fatal = true;
		j->status = l->trap.status;
	}
	rd_diag_set_trap(NULL);
	rd_rejects_set_sink(NULL);
	rd_rejects_set_hook(NULL, NULL);
	if (l->nmarks > 0) {
		j->marks = rd_malloc(l->nmarks * sizeof *j->marks);
		memcpy(j->marks, l->marks, l->nmarks * sizeof *j->marks);
		j->nmarks = l->nmarks;
	}
	rd_writer_mem_swap(l->out, &j->out, &j->out_cap, &j->out_len,
	    &j->out_rows);
	j->rej = rd_writer_mem_take(l->rej, &j->rej_len, &j->rej_rows);
	j->rej_rows = l->sink.count;
	j->msgs = l->trap.msgs;
	j->msgs_len = l->trap.len;
	l->trap.msgs = NULL;
	l->trap.len = l->trap.cap = 0;
}

/* Reads job j in the calling thread straight to the tool's output. */
static void
run_direct(struct par *p, struct job *j)
{
	struct lane *l = &p->main_lane;

	lane_load(l, j);
	p->rows(p->arg, l->r, p->out);
	j->rest = rd_chunk_rest(l->r, &j->rest_line);
}

static void *
worker(void *arg)
{
	struct lane *l = arg;
	struct par *p = l->p;

	pthread_mutex_lock(&p->mu);
	for (;;) {
		while (!p->stop && p->next_run == p->tail)
			pthread_cond_wait(&p->work, &p->mu);
		if (p->stop)
			break;
		struct job *j = &p->ring[p->next_run++ % p->nring];
		pthread_mutex_unlock(&p->mu);
		run_buffered(l, j);
		pthread_mutex_lock(&p->mu);
		j->done = true;
		pthread_cond_broadcast(&p->done);
	}
	pthread_mutex_unlock(&p->mu);
	rd_map_thread_end();
	return NULL;
}

static void
lane_init(struct par *p, struct lane *l)
{
	static const struct rd_writer_config csv = { 0 };

	memset(l, 0, sizeof *l);
	l->p = p;
	l->r = rd_chunk_reader(p->parent);
	l->out = rd_writer_new_mem(rd_writer_settings(p->out));
	l->rej = rd_writer_new_mem(&csv);
	l->sink.out = l->rej;
}

static void
lane_free(struct lane *l)
{
	rd_close(l->r);
	rd_writer_close(l->out);
	rd_writer_close(l->rej);
	free(l->buf);
	free(l->trap.msgs);
	free(l->marks);
}

static void
start_workers(struct par *p, size_t n)
{
	p->lanes = rd_calloc(n, sizeof *p->lanes);
	for (size_t i = 0; i < n; i++)
		lane_init(p, &p->lanes[i]);
	p->nlanes = n;
	/* Fewer threads than asked (or none: all in this one) give the same output. */
	while (p->nthreads < n && pthread_create(&p->lanes[p->nthreads].tid, NULL,
	    worker, &p->lanes[p->nthreads]) == 0)
		p->nthreads++;
	p->running = p->nthreads > 0;
}

static void
stop_workers(struct par *p)
{
	if (!p->running)
		return;
	pthread_mutex_lock(&p->mu);
	p->stop = true;
	pthread_cond_broadcast(&p->work);
	pthread_mutex_unlock(&p->mu);
	for (size_t i = 0; i < p->nthreads; i++)
		pthread_join(p->lanes[i].tid, NULL);
	p->running = false;
}

/*
 * The tool ended in the calling thread (a row rejected in strict mode
 * while taking staged rows, a write error) while workers ran: they are
 * stopped before the process exits under them.
 */
static struct par *live;
static void (*live_next_hook)(void);

static void
stop_live(void)
{
	stop_workers(live);
	if (live_next_hook != NULL)
		live_next_hook();
}

static void
dispatch(struct par *p)
{
	pthread_mutex_lock(&p->mu);
	p->tail++;
	pthread_cond_signal(&p->work);
	pthread_mutex_unlock(&p->mu);
}

static void home_hook(struct par *);

/*
 * Waits for job j, reading the jobs no worker has started meanwhile (j
 * itself, when it is one) in this thread: the workers are one fewer
 * than the threads asked for (by default the cores), so that no more
 * threads run than asked and none waits for a core while the others
 * wait for its job.
 */
static void
wait_done(struct par *p, struct job *j)
{
	pthread_mutex_lock(&p->mu);
	while (!j->done) {
		if (p->next_run == p->tail) {
			pthread_cond_wait(&p->done, &p->mu);
			continue;
		}
		struct job *mine = &p->ring[p->next_run++ % p->nring];

		pthread_mutex_unlock(&p->mu);
		run_buffered(&p->main_lane, mine);
		home_hook(p);
		pthread_mutex_lock(&p->mu);
		mine->done = true;
	}
	pthread_mutex_unlock(&p->mu);
}

/* The record left open by the job before goes in front of j's bytes. */
static void
prepend_open_record(struct par *p, struct job *j)
{
	char *data = rd_malloc(p->open_len + j->len + 1);

	memcpy(data, p->open_rec, p->open_len);
	memcpy(data + p->open_len, j->data, j->len);
	free(j->data);
	j->data = data;
	j->len += p->open_len;
	j->line = p->open_line;
	free(p->open_rec);
	p->open_rec = NULL;
	p->open_len = 0;
}

static void
write_results(struct par *p, const struct job *j)
{
	if (j->msgs_len > 0 && fwrite(j->msgs, 1, j->msgs_len, stderr) != j->msgs_len)
		rd_die_errno(RD_EXIT_DATA, "write error on standard error");
	if (j->out_len > 0 && p->take != NULL)
		p->take(p->take_arg, j->out, j->out_len);
	else if (j->out_len > 0)
		rd_write_rows(p->out, j->out, j->out_len, j->out_rows);
	rd_rejects_append(p->parent, j->rej, j->rej_len, j->rej_rows);
}

/*
 * rd_par_stage: a job's staged rows taken, its rejects written and its
 * messages printed in the order its rows made them (marks), as one
 * thread's row loop would have; then the tool ends where that job's rows
 * ended it.  Between two marks come the reject of the first (its row,
 * or in strict mode its message: nothing follows it), then the rows
 * staged after it, then any message that ended the job there.
 */
static void
take_results(struct par *p, const struct job *j)
{
	size_t s = 0, r = 0, m = 0;

	for (size_t k = 0; k <= j->nmarks; k++) {
		struct mark end = { j->out_len, j->rej_len, j->msgs_len };

		if (k < j->nmarks)
			end = j->marks[k];
		if (end.rej > r)
			rd_rejects_append(p->parent, j->rej + r, end.rej - r, 1);
		if (end.staged > s)
			p->take(p->take_arg, j->out + s, end.staged - s);
		if (end.msgs > m &&
		    fwrite(j->msgs + m, 1, end.msgs - m, stderr) != end.msgs - m)
			rd_die_errno(RD_EXIT_DATA, "write error on standard error");
		s = end.staged, r = end.rej, m = end.msgs;
	}
	if (j->fatal)
		rd_exit(j->status);
}

/* rd_par_stage: what the rows written so far staged, to take. */
static void
drain(struct par *p)
{
	unsigned long rows;
	size_t len;
	char *staged;

	if (p->take == NULL)
		return;
	staged = rd_writer_mem_take(p->out, &len, &rows);
	if (len > 0)
		p->take(p->take_arg, staged, len);
	free(staged);
}

/*
 * rd_par_stage, the calling thread's rejects hook: the rows staged
 * before a row it rejects are taken first, so that rejects the taking
 * makes (from state built in input order) come in line order with them.
 */
static void
drain_hook(void *arg)
{
	drain(arg);
}

/* The calling thread's rejects hook, which run_buffered takes away. */
static void
home_hook(struct par *p)
{
	rd_rejects_set_hook(p->take != NULL ? drain_hook : NULL, p);
}

/* The oldest job: its rows, read again where the guess was wrong, written. */
static void
finish_head(struct par *p)
{
	struct job *j = &p->ring[p->head % p->nring];
	bool guessed = p->open_rec == NULL;

	if (p->running)
		wait_done(p, j);
	if ((!guessed || j->rest < j->len) && j->in_place)
		rd_die(RD_EXIT_DATA, "internal error: a record open across a "
		    "chunk without quotes");
	if (!guessed) {
		prepend_open_record(p, j);
		if (p->running) {
			free_results(j);
			run_buffered(&p->main_lane, j);
			home_hook(p);
		}
	}
	if (p->running && j->fatal)
		stop_workers(p);
	if (p->take != NULL && j->done)
		take_results(p, j);	/* ends the tool where one thread would */
	else if (p->running)
		write_results(p, j);
	else
		run_direct(p, j);	/* ends the tool where one thread would */
	drain(p);
	free_results(j);
	if (j->rest < j->len) {
		p->open_len = j->len - j->rest;
		p->open_rec = rd_malloc(p->open_len);
		memcpy(p->open_rec, j->data + j->rest, p->open_len);
		p->open_line = j->rest_line;
	}
	free(j->data);
	j->data = NULL;
	p->head++;
}

/* A line longer than a record may be: the rest in one thread, as ever. */
static void
finish_in_one_thread(struct par *p)
{
	size_t rest = p->carry_len - p->carry_off, len = p->open_len + rest;
	char *data = rd_malloc(len + 1);
	long line = p->open_rec != NULL ? p->open_line : p->carry_line;

	stop_workers(p);
	if (p->open_len > 0)
		memcpy(data, p->open_rec, p->open_len);
	if (rest > 0)
		memcpy(data + p->open_len, p->carry + p->carry_off, rest);
	rd_give_back(p->parent, data, len, line, p->eof);
	free(data);
	p->carry_len = p->carry_off = 0;
	p->rows(p->arg, p->parent, p->out);
	drain(p);
}

static void
run_jobs(struct par *p)
{
	for (;;) {
		while (p->tail - p->head < p->nring && !p->too_long &&
		    par_cut_job(p, &p->ring[p->tail % p->nring]))
			dispatch(p);
		if (p->head == p->tail)
			break;
		finish_head(p);
	}
	if (p->too_long)
		finish_in_one_thread(p);
}

/* Reads r's rows as p says, in threads threads (more than one). */
static void
run(struct par *p, int threads)
{
	struct rd_reader *r = p->parent;

	p->chunk_bytes = (size_t)env_long("RUSDATA_CHUNK_BYTES", 1, 1L << 30,
	    CHUNK_BYTES);
	p->max_line_bytes = 16 * rd_reader_settings(r)->max_field_bytes +
	    p->chunk_bytes;
	p->tsv = rd_reader_settings(r)->tsv;
	p->fd = rd_take_rest(r, &p->carry, &p->carry_len, &p->carry_line);
	p->carry_cap = p->carry_len + 1;
	p->eof = p->fd < 0;
	while (!p->eof && p->carry_len < 2 * p->chunk_bytes)
		par_read_more(p);
	if (p->carry_len < 2 * p->chunk_bytes) {
		/* A small input: one thread, the reader as it was. */
		rd_give_back(r, p->carry, p->carry_len, p->carry_line, true);
		free(p->carry);
		p->rows(p->arg, r, p->out);
		drain(p);
		return;
	}
	rd_codes_prepare();
	/*
	 * Chunks, their rows and staged values are a few hundred KiB each,
	 * made in one thread and freed in another: with glibc's defaults
	 * each was a fresh mapping or a trimmed heap top, and the kernel
	 * cleared its pages again (15% of urine-track --summary -j 2).  Keep
	 * freed memory for the next chunk instead.  And grow a heap 16 MiB
	 * at a time (address space only: no page is touched before use):
	 * each brk or mprotect of a heap takes the process's mmap lock, so
	 * it waited while a thread faulted a table in (episodes_load.c's
	 * madvise, a huge page a step); outcome-report made 320 of them,
	 * 20 while loading, now 35.
	 */
	(void)mallopt(M_MMAP_THRESHOLD, 32 << 20);
	(void)mallopt(M_TRIM_THRESHOLD, 256 << 20);
	(void)mallopt(M_TOP_PAD, 16 << 20);
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->work, NULL);
	pthread_cond_init(&p->done, NULL);
	p->nring = (size_t)threads + 2;
	p->ring = rd_calloc(p->nring, sizeof *p->ring);
	lane_init(p, &p->main_lane);
	start_workers(p, (size_t)threads - 1);
	live = p;
	live_next_hook = rd_exit_hook;
	rd_exit_hook = stop_live;
	run_jobs(p);
	stop_workers(p);
	rd_exit_hook = live_next_hook;
	live = NULL;
	for (size_t i = 0; i < p->nlanes; i++)
		lane_free(&p->lanes[i]);
	lane_free(&p->main_lane);
	free(p->lanes);
	for (size_t i = 0; i < p->nring; i++)
		free(p->ring[i].out);
	free(p->ring);
	free(p->carry);
	free(p->open_rec);
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->work);
	pthread_cond_destroy(&p->done);
}

void
rd_par_rows(struct rd_reader *r, struct rd_writer *out, rd_par_rows_fn *rows,
    void *arg)
{
	int threads = rd_par_threads();
	struct par p = { .parent = r, .out = out, .rows = rows, .arg = arg };

	if (threads <= 1) {
		rows(arg, r, out);
		return;
	}
	run(&p, threads);
}

bool
rd_par_stage(struct rd_reader *r, rd_par_rows_fn *rows, void *arg,
    rd_par_take_fn *take, void *take_arg)
{
	static const struct rd_writer_config raw = { 0 };
	int threads = rd_par_threads();
	struct par p = { .parent = r, .rows = rows, .arg = arg, .take = take,
	    .take_arg = take_arg };

	if (threads <= 1)
		return false;
	p.out = rd_writer_new_mem(&raw);
	home_hook(&p);
	run(&p, threads);
	rd_rejects_set_hook(NULL, NULL);
	rd_writer_close(p.out);
	return true;
}

/* A part of rd_par_range's items and the thread that runs it. */
struct range_part {
	pthread_t tid;
	bool started;
	rd_par_range_fn *fn;
	void *arg;
	size_t part, from, to;
};

static void *
run_part(void *arg)
{
	struct range_part *rp = arg;

	rp->fn(rp->arg, rp->part, rp->from, rp->to);
	return NULL;
}

size_t
rd_par_parts(size_t n, size_t min)
{
	size_t t = (size_t)rd_par_threads();

	if (min > 0 && t > n / min)
		t = n / min;
	return t > 1 ? t : 1;
}

void
rd_par_ranges(const size_t *bounds, size_t parts, rd_par_range_fn *fn,
    void *arg)
{
	struct range_part *rp;

	if (parts <= 1) {
		fn(arg, 0, bounds[0], bounds[parts]);
		return;
	}
	rp = rd_calloc(parts, sizeof *rp);
	for (size_t i = 1; i < parts; i++) {
		rp[i] = (struct range_part){ .fn = fn, .arg = arg, .part = i,
		    .from = bounds[i], .to = bounds[i + 1] };
		rp[i].started = pthread_create(&rp[i].tid, NULL, run_part,
		    &rp[i]) == 0;
	}
	fn(arg, 0, bounds[0], bounds[1]);
	for (size_t i = 1; i < parts; i++)
		/* A thread that did not start: its part in this one. */
		if (rp[i].started)
			pthread_join(rp[i].tid, NULL);
		else
			(void)run_part(&rp[i]);
	free(rp);
}

void
rd_par_range(size_t n, size_t parts, rd_par_range_fn *fn, void *arg)
{
	size_t *bounds;

	if (parts <= 1) {
		fn(arg, 0, 0, n);
		return;
	}
	bounds = rd_malloc((parts + 1) * sizeof *bounds);
	for (size_t i = 0; i <= parts; i++)
		bounds[i] = n * i / parts;
	rd_par_ranges(bounds, parts, fn, arg);
	free(bounds);
}

/* rd_par_write's parts: part 0 writes to out, part i to w[i]. */
struct write_parts {
	struct rd_writer *out;
	struct rd_writer **w;
	rd_par_write_fn *write;
	void *arg;
};

static void
write_part(void *arg, size_t part, size_t from, size_t to)
{
	struct write_parts *wp = arg;

	wp->write(wp->arg, part == 0 ? wp->out : wp->w[part], from, to);
}

void
rd_par_write(struct rd_writer *out, size_t n, rd_par_write_fn *write, void *arg)
{
	size_t t = rd_par_parts(n, RD_PAR_WRITE_MIN), len;
	struct write_parts wp = { .out = out, .write = write, .arg = arg };
	unsigned long rows;
	char *buf;

	if (t <= 1) {
		write(arg, out, 0, n);
		return;
	}
	wp.w = rd_calloc(t, sizeof *wp.w);
	for (size_t i = 1; i < t; i++)
		wp.w[i] = rd_writer_new_mem(rd_writer_settings(out));
	rd_par_range(n, t, write_part, &wp);
	for (size_t i = 1; i < t; i++) {
		buf = rd_writer_mem_take(wp.w[i], &len, &rows);
		if (buf != NULL)
			rd_write_rows(out, buf, len, rows);
		free(buf);
		rd_writer_close(wp.w[i]);
	}
	free(wp.w);
}
