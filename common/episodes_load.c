/*
 * Loading the table of a file's episodes (episodes.h) on every core:
 * rows parsed and staged in the reading threads, taken in input order
 * in the calling thread in batches, while a thread of its own faults
 * the table's memory in (struct ready).  The table and its lookups
 * are episodes.c's; one episode row's parsing is episode_row.c's.
 */
#include "episodes.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "codes.h"
#include "date.h"
#include "diag.h"
#include "fields.h"
#include "arena.h"
#include "bigmem.h"
#include "episodes_impl.h"
#include "idmap.h"
#include "par.h"
#include "rejects.h"
#include "staged.h"
#include "wordload.h"

/*
 * The episodes on huge pages when large (bigmem.h): 72 bytes an episode
 * on small pages were 4,000 page faults for 228,571 episodes.
 */
static void ready_join(struct rd_episodes *);

static void
reserve_episodes(struct rd_episodes *t, size_t n)
{
	struct rd_episode *ep;

	if (n <= t->cap)
		return;
	ready_join(t);		/* its thread may be faulting in the old ones */
	ep = rd_big_alloc(n * sizeof *ep);
	if (t->n > 0)
		memcpy(ep, t->ep, t->n * sizeof *ep);
	rd_big_free(t->ep, t->cap * sizeof *t->ep);
	t->ep = ep;
	t->patient_of = rd_big_realloc(t->patient_of, t->cap * sizeof *t->patient_of,
	    n * sizeof *t->patient_of);
	t->cap = n;
}

/*
 * e as the next row, with the table's copies of its id, clinic and
 * patient's id, that patient's index p.  e itself is not changed: its
 * fields were stored long before this copy loads them.
 */
static void
add_episode(struct rd_episodes *t, const struct rd_episode *e, const char *id,
    const char *clinic, const char *patient, size_t p)
{
	if (t->n == t->cap)
		reserve_episodes(t, t->cap ? 2 * t->cap : 256);
	if (t->n >= UINT32_MAX - 1)
		rd_die(RD_EXIT_DATA, "more than 2^32 episodes");
	t->ep[t->n] = *e;
	t->ep[t->n].episode_id = id;
	t->ep[t->n].clinic = clinic;
	t->ep[t->n].patient_id = patient;
	t->ep[t->n].row = t->n;
	t->patient_of[t->n] = (uint32_t)p;
	t->n++;
}

/* The spans of every patient, grouped by a stable counting sort. */
static void
index_patients(struct rd_episodes *t)
{
	size_t np = t->npatients;
	uint32_t *fill = rd_calloc(np + 1, sizeof *fill);

	t->first = rd_calloc(np + 1, sizeof *t->first);
	t->spans = rd_big_alloc((t->n + 1) * sizeof *t->spans);
	for (size_t i = 0; i < t->n; i++)
		t->first[t->patient_of[i] + 1]++;
	for (size_t p = 0; p < np; p++)
		t->first[p + 1] += t->first[p];
	memcpy(fill, t->first, np * sizeof *fill);
	for (size_t i = 0; i < t->n; i++) {
		struct dated_span *sp = &t->spans[fill[t->patient_of[i]]++];

		sp->start = t->ep[i].start;
		sp->end = t->ep[i].end;
		sp->row = (uint32_t)i;
	}
	free(fill);
	rd_big_free(t->patient_of, t->cap * sizeof *t->patient_of);
	t->patient_of = NULL;
}

/*
 * What reading a file of episodes needs (c, hooks and lean in every
 * thread).  lean: rows are staged without their record (a strict
 * reader's: a row taken is never written to a rejects file), as their
 * three strings and the caller's bytes, a third of a whole record's.
 */
struct loading {
	struct rd_episodes *t;
	struct rd_episode_cols c;
	const struct rd_episode_hooks *hooks;	/* or NULL */
	bool lean;
	size_t expect;		/* rows the input is guessed to have, or 0 */
	/*
	 * lazy: no tables yet, every row so far in order (see
	 * take_in_order), the last one's id and patient's id the table's
	 * copies here.
	 */
	bool lazy;
	const char *last_id, *last_patient;
	size_t last_idlen, last_plen;
};

/*
 * A good row as the calling thread adds it: its record when staged whole
 * (rec, else NULL and its line), its strings' lengths, the hashes the
 * reading thread made, and the caller's bytes (rd_episode_hooks' stage).
 */
struct row_in {
	const struct rd_record *rec;
	long line;
	size_t idlen, plen, clen;
	size_t hash;		/* line_hash of the episode_id */
	uint32_t phash;		/* rd_idmap_hash of the patient_id */
	const char *x;
	size_t xlen;
};

static void
reject_twice(struct loading *x, struct rd_reader *r, const struct row_in *in,
    const char *id)
{
	struct rd_record line_only;

	if (in->rec != NULL) {
		/* Returns only with --rejects on the primary input. */
		rd_reject(r, in->rec, x->c.episode_id, "episode_id '%s' appears twice",
		    id);
		return;
	}
	/* A lean row's reader is strict: the message ends the tool. */
	memset(&line_only, 0, sizeof line_only);
	line_only.line = in->line;
	rd_reject(r, &line_only, x->c.episode_id, "episode_id '%s' appears twice",
	    id);
}

/*
 * The table's copy of a clinic (len bytes): a file has few clinics, and
 * a copy a row was 4 bytes of fresh memory a row, its page faults among
 * them.  The copies are the same strings, shared by their episodes.
 */
static const char *
clinic_copy(struct rd_episodes *t, const char *clinic, size_t len)
{
	const char **seen;
	unsigned h = 0;

	if (len == 0)
		return "";
	if (len > CLINIC_SEEN_MAX)
		return rd_arena_copy(&t->ids, clinic, len);
	for (size_t i = 0; i < len; i++)
		h = h * 31 + (unsigned char)clinic[i];
	seen = &t->clinic_seen[h % CLINIC_SEEN];
	if (*seen == NULL || !same_str(*seen, clinic, len))
		*seen = rd_arena_copy(&t->ids, clinic, len);
	return *seen;
}

/*
 * A good row of a lazy load, added without a table: while the episode
 * ids ascend no id can have come before, and while the patients' ids do
 * not descend a patient is new exactly when it is not the last row's,
 * numbered as the table numbers it, by first appearance.  false, and
 * nothing done, at the first row out of that order.
 */
static bool
take_in_order(struct loading *x, const struct row_in *in,
    const struct rd_episode *e)
{
	struct rd_episodes *t = x->t;
	int patient_order = 1;

	if (t->n > 0) {
		if (rd_order_short(e->episode_id, in->idlen, x->last_id,
		    x->last_idlen) <= 0)
			return false;
		patient_order = rd_order_short(e->patient_id, in->plen, x->last_patient,
		    x->last_plen);
		if (patient_order < 0)
			return false;
	}
	if (patient_order > 0) {
		x->last_patient = rd_arena_copy(&t->ids, e->patient_id, in->plen);
		x->last_plen = in->plen;
		t->npatients++;
	}
	x->last_id = rd_arena_copy(&t->ids, e->episode_id, in->idlen);
	x->last_idlen = in->idlen;
	add_episode(t, e, x->last_id, clinic_copy(t, e->clinic, in->clen),
	    x->last_patient, t->npatients - 1);
	return true;
}

static void make_tables(struct rd_episodes *, size_t expect);

/*
 * A lazy load's end: the tables made, holding every row taken so far as
 * if each had been taken through them (the patients' numbers are the
 * same: both number by first appearance).
 */
static void
index_rows(struct loading *x)
{
	struct rd_episodes *t = x->t;

	x->lazy = false;
	make_tables(t, t->n > x->expect ? t->n : x->expect);
	for (size_t i = 0; i < t->n; i++) {
		struct rd_episode *ep = &t->ep[i];
		size_t idlen = strlen(ep->episode_id), plen = strlen(ep->patient_id);
		size_t p = rd_idmap_intern(t->by_patient, ep->patient_id, plen, NULL);

		if (p != t->patient_of[i])
			rd_die(RD_EXIT_DATA, "internal error: patient %zu numbered %zu",
			    (size_t)t->patient_of[i], p);
		ep->patient_id = rd_idmap_key(t->by_patient, p);
		set_line(t, line_slot(t, ep->episode_id, idlen,
		    line_hash(ep->episode_id, idlen)), ep, ep->episode_id, idlen,
		    ep->patient_id, plen);
	}
}

/*
 * A good row, in input order in the calling thread: added unless its id
 * is taken.  One probe finds the id or the slot it goes to; none while a
 * lazy load's rows come in order.
 */
static void
take_row(struct loading *x, struct rd_reader *r, const struct row_in *in,
    const struct rd_episode *e)
{
	struct rd_episodes *t = x->t;
	size_t j, p;

	if (x->lazy) {
		if (take_in_order(x, in, e))
			goto added;
		index_rows(x);
	}
	if (2 * (t->n + 2) > t->nlines) {
		ready_join(t);	/* its thread may be faulting in the old ones */
		grow_lines(t);
	}
	j = line_slot(t, e->episode_id, in->idlen, in->hash);
	if (t->lines[j].row1 != 0) {
		reject_twice(x, r, in, e->episode_id);
		return;
	}
	p = rd_idmap_intern_hash(t->by_patient, e->patient_id, in->plen, in->phash,
	    NULL);
	/* Not malloc: a malloc and a free a row were a tenth of the load. */
	add_episode(t, e, rd_arena_copy(&t->ids, e->episode_id, in->idlen),
	    clinic_copy(t, e->clinic, in->clen), rd_idmap_key(t->by_patient, p), p);
	set_line(t, j, &t->ep[t->n - 1], e->episode_id, in->idlen, e->patient_id,
	    in->plen);
added:
	if (x->hooks != NULL && x->hooks->take != NULL)
		x->hooks->take(x->hooks->ctx, &t->ep[t->n - 1], in->x, in->xlen);
}

/*
 * The caller's bytes of a row (hooks' stage) in out (cap bytes), or in
 * *heap when they need more (the caller frees it); their length.
 */
static size_t
stage_extra(const struct loading *x, const struct rd_record *rec,
    const struct rd_episode *e, char *out, size_t cap, char **heap)
{
	size_t n;

	*heap = NULL;
	if (x->hooks == NULL || x->hooks->stage == NULL)
		return 0;
	n = x->hooks->stage(x->hooks->ctx, rec, e, out, cap);
	if (n > cap) {
		*heap = rd_malloc(n);
		if (x->hooks->stage(x->hooks->ctx, rec, e, *heap, n) != n)
			rd_die(RD_EXIT_DATA, "internal error: staged bytes changed");
	}
	return n;
}

/*
 * A staged row (rd_par_stage): this, then (whole) the record as staged.h
 * stages it, or (lean) the patient's id, the episode's id and the
 * clinic, each with its NUL; then xlen bytes of the caller's.  No padding.
 */
struct staged_ep {
	int64_t line;
	int32_t modality, setting, end_reason, primary_substance, sex;
	int32_t start, end, referral, birth_year;
	uint32_t hash;		/* line_hash of the episode_id */
	uint32_t phash;		/* rd_idmap_hash of the patient_id */
	uint32_t plen, idlen, clen, xlen;	/* lean: the strings' lengths */
	uint32_t spare;		/* 0: the size a multiple of 8 */
};

/* A lean row fits on the stack in one write up to this (ids are short). */
#define LEAN_BYTES 512

/* A length that staging can carry (a field of 4 GB or more ends the tool). */
static uint32_t
len32(size_t len)
{
	if (len >= UINT32_MAX)
		rd_die(RD_EXIT_DATA, "a field of more than 4 GB");
	return (uint32_t)len;
}

/* s's len bytes at p (room for them there); the byte after them. */
static char *
stage_str(char *p, const char *s, size_t len)
{
	rd_copy_short(p, s, len);
	return p + len;
}

/* In a reading thread: row rec (e parsed from it) staged. */
static void
stage_row(const struct loading *x, struct rd_writer *w,
    const struct rd_record *rec, const struct rd_episode *e)
{
	const struct rd_episode_cols *c = &x->c;
	size_t plen = rec->len[c->patient_id], idlen = rec->len[c->episode_id];
	size_t clen = c->clinic >= 0 ? rec->len[c->clinic] : 0;
	size_t text = plen + idlen + clen + 3;
	struct staged_ep st = { rec->line, e->modality, e->setting,
	    e->end_reason, e->primary_substance, e->sex, e->start, e->end,
	    e->referral, e->birth_year, (uint32_t)line_hash(e->episode_id, idlen),
	    rd_idmap_hash(e->patient_id, plen), len32(plen), len32(idlen),
	    len32(clen), 0, 0 };
	char buf[LEAN_BYTES], *heap, *p = buf + sizeof st;
	size_t room = sizeof buf - sizeof st, xlen;

	if (!x->lean) {
		xlen = stage_extra(x, rec, e, buf, sizeof buf, &heap);
		st.xlen = len32(xlen);
		rd_stage_record(w, &st, sizeof st, rec);
		rd_write_raw(w, heap != NULL ? heap : buf, xlen);
		free(heap);
		return;
	}
	if (text > room) {
		/* Long ids: in pieces. */
		xlen = stage_extra(x, rec, e, buf, sizeof buf, &heap);
		st.xlen = len32(xlen);
		rd_write_raw(w, (const char *)&st, sizeof st);
		rd_write_raw(w, e->patient_id, plen + 1);
		rd_write_raw(w, e->episode_id, idlen + 1);
		rd_write_raw(w, e->clinic, clen + 1);
		rd_write_raw(w, heap != NULL ? heap : buf, xlen);
		free(heap);
		return;
	}
	p = stage_str(p, e->patient_id, plen + 1);
	p = stage_str(p, e->episode_id, idlen + 1);
	p = stage_str(p, e->clinic, clen + 1);
	xlen = stage_extra(x, rec, e, p, room - text, &heap);
	st.xlen = len32(xlen);
	memcpy(buf, &st, sizeof st);
	if (heap == NULL)
		rd_write_raw(w, buf, sizeof st + text + xlen);
	else {
		rd_write_raw(w, buf, sizeof st + text);
		rd_write_raw(w, heap, xlen);
		free(heap);
	}
}

/* In a reading thread: each row parsed, and staged when good. */
static void
stage_rows(void *arg, struct rd_reader *r, struct rd_writer *w)
{
	const struct loading *x = arg;
	struct rd_record rec;
	struct rd_episode e;

	while (rd_next_good(r, &rec) > 0)
		if (rd_episode_parse(r, &rec, &x->c, &e))
			stage_row(x, w, &rec, &e);
}

/*
 * Staged rows are taken RD_EPISODES_BATCH at a time, in two halves: the
 * table slots of a batch's rows are fetched together while the batch
 * before it is taken, so that their cache misses are over (on rows of
 * new episodes each is one) by the time they are read.
 */
#define TAKE_ROWS (2 * RD_EPISODES_BATCH)
struct take_ctx {
	struct loading *x;
	struct rd_reader *r;
	char **f;		/* whole: fields of row i at f + i * cap */
	size_t *len;
	size_t cap;
	struct rd_record rec[TAKE_ROWS];
	struct rd_episode e[TAKE_ROWS];
	struct row_in in[TAKE_ROWS];
	size_t pending, npending;	/* rows fetched, not taken yet */
};

/*
 * A 32-bit field of the staged row at p, loaded where it is: the whole
 * row copied to the stack and read back field by field was loads across
 * wide stores, which the processor cannot forward (a third of unstage).
 */
#define STAGED32(p, field) staged32((p) + offsetof(struct staged_ep, field))

static inline int32_t
staged32(const char *p)
{
	int32_t v;

	memcpy(&v, p, sizeof v);
	return v;
}

/* Staged row p back as row i of the batch; where the next one starts. */
static const char *
unstage(struct take_ctx *t, const char *p, size_t i)
{
	struct staged_ep st;
	struct rd_record *rec = &t->rec[i];
	struct rd_episode *e = &t->e[i];
	struct row_in *in = &t->in[i];
	int64_t line;

	memset(e, 0, sizeof *e);
	e->modality = STAGED32(p, modality);
	e->setting = STAGED32(p, setting);
	e->end_reason = STAGED32(p, end_reason);
	e->primary_substance = STAGED32(p, primary_substance);
	e->sex = STAGED32(p, sex);
	e->start = STAGED32(p, start);
	e->end = STAGED32(p, end);
	e->referral = STAGED32(p, referral);
	e->birth_year = STAGED32(p, birth_year);
	memcpy(&line, p + offsetof(struct staged_ep, line), sizeof line);
	in->line = (long)line;
	in->hash = (uint32_t)STAGED32(p, hash);
	in->phash = (uint32_t)STAGED32(p, phash);
	in->xlen = (uint32_t)STAGED32(p, xlen);
	in->plen = (uint32_t)STAGED32(p, plen);
	in->idlen = (uint32_t)STAGED32(p, idlen);
	in->clen = (uint32_t)STAGED32(p, clen);
	if (t->x->lean) {
		p += sizeof st;
		in->rec = NULL;
		e->patient_id = p;
		e->episode_id = p + in->plen + 1;
		e->clinic = e->episode_id + in->idlen + 1;
		in->x = e->clinic + in->clen + 1;
		return in->x + in->xlen;
	}
	p = rd_unstage_record(p, &st, sizeof st, rec, t->f + i * t->cap,
	    t->len + i * t->cap);
	rec->line = in->line;
	in->rec = rec;
	rd_episode_strings(rec, &t->x->c, e);
	in->x = p;
	return p + in->xlen;
}

/* Starts fetching the table slots of row i. */
static void
fetch_row(struct take_ctx *t, size_t i)
{
	struct rd_episodes *eps = t->x->t;

	if (t->x->lazy)
		return;		/* no tables */
	__builtin_prefetch(&eps->lines[t->in[i].hash & (eps->nlines - 1)]);
	rd_idmap_prefetch_hash(eps->by_patient, t->in[i].phash);
}

/* The rows fetched before, taken in order. */
static void
take_pending(struct take_ctx *t)
{
	for (size_t i = t->pending; i < t->pending + t->npending; i++)
		take_row(t->x, t->r, &t->in[i], &t->e[i]);
	t->npending = 0;
}

/*
 * Rows [from, from + n) fetched, and the rows fetched before them taken,
 * one fetch between two takes: a burst of fetches is more than the
 * processor keeps in flight, and the rest were dropped.
 */
static void
fetch_and_take(struct take_ctx *t, size_t from, size_t n)
{
	size_t both = n < t->npending ? n : t->npending;

	for (size_t k = 0; k < both; k++) {
		fetch_row(t, from + k);
		take_row(t->x, t->r, &t->in[t->pending + k], &t->e[t->pending + k]);
	}
	for (size_t k = both; k < n; k++)
		fetch_row(t, from + k);
	t->pending += both;
	t->npending -= both;
	take_pending(t);
	t->pending = from;
	t->npending = n;
}

/* In the calling thread, in input order (par.h's take). */
static void
take_rows(void *arg, const char *p, size_t len)
{
	struct take_ctx *t = arg;
	const char *end = p + len;
	size_t half = 0, n = 0;		/* the batch being unstaged: rows half + [0, n) */

	while (p < end) {
		size_t nf = t->x->lean ? 0 : rd_staged_fields(p, sizeof(struct staged_ep));

		if (nf > t->cap) {
			/* Growing moves the fields of the rows not taken. */
			fetch_and_take(t, half, n);
			take_pending(t);
			half = n = 0;
			t->cap = nf;
			t->f = rd_realloc(t->f, TAKE_ROWS * nf * sizeof *t->f);
			t->len = rd_realloc(t->len, TAKE_ROWS * nf * sizeof *t->len);
		}
		p = unstage(t, p, half + n++);
		if (n == RD_EPISODES_BATCH) {
			fetch_and_take(t, half, n);
			half = RD_EPISODES_BATCH - half;
			n = 0;
		}
	}
	/* The staged bytes go when this returns: every row is taken. */
	fetch_and_take(t, half, n);
	take_pending(t);
}

/* One thread: each row parsed, its bytes made and taken as it is read. */
static void
read_in_order(struct loading *x, struct rd_reader *r)
{
	const struct rd_episode_cols *c = &x->c;
	struct rd_record rec;
	struct rd_episode e;
	char buf[LEAN_BYTES], *heap;

	while (rd_next_good(r, &rec) > 0) {
		if (!rd_episode_parse(r, &rec, c, &e))
			continue;
		struct row_in in = { &rec, rec.line, rec.len[c->episode_id],
		    rec.len[c->patient_id], c->clinic >= 0 ? rec.len[c->clinic] : 0,
		    line_hash(e.episode_id, rec.len[c->episode_id]),
		    rd_idmap_hash(e.patient_id, rec.len[c->patient_id]), buf, 0 };

		in.xlen = stage_extra(x, &rec, &e, buf, sizeof buf, &heap);
		if (heap != NULL)
			in.x = heap;
		take_row(x, r, &in, &e);
		free(heap);
	}
}

/* The smallest power of two from 1024 over twice n. */
static size_t
lines_for(size_t n)
{
	size_t k = 1024;

	while (k < 2 * n + 2)
		k *= 2;
	return k;
}

/*
 * With more than one thread, a large table's memory is faulted in by a
 * thread of its own while the calling thread reads and takes rows:
 * faulting in the episodes, their id lines and the patients' slots (50
 * MB for 228,571 episodes) was a tenth of the calling thread's time, the
 * thread every row goes through.  The tables are made in the calling thread before
 * any row is taken, untouched (their empty slots are zero bytes, fresh
 * pages), so it never waits for them: a page it reaches first it
 * faults in itself.  Faulting in changes no byte.  The calling thread
 * joins the thread before the episodes or the lines move, and when the
 * loading ends (ready_join); a patients' table that outgrows the
 * reservation leaves the old slots to a fault-in that finds them gone,
 * which changes nothing either.
 */
#define READY_SPANS 3
struct ready {
	struct { void *p; size_t bytes; } span[READY_SPANS];
	pthread_t tid;
};

static void
make_tables(struct rd_episodes *t, size_t expect)
{
	rd_idmap_reserve(t->by_patient, expect);
	lines_init(t, lines_for(expect));
	t->indexed = true;
}

/*
 * A span faulted in a huge page at a time: madvise holds the process's
 * mmap lock while it clears the pages, and every mmap and brk of the
 * other threads (a malloc, a thread's stack) waited for the whole span;
 * the calling thread and the reading thread sat idle behind it for up to
 * two fifths of a run.  Now they wait for one page at most.
 */
#define READY_STEP ((uintptr_t)2 << 20)

static void
fault_in(char *p, size_t bytes)
{
	char *end = p + bytes;

	while (p < end) {
		char *next = (char *)(((uintptr_t)p + READY_STEP) & ~(READY_STEP - 1));

		if (next > end)
			next = end;
		(void)madvise(p, (size_t)(next - p), MADV_POPULATE_WRITE);
		p = next;
	}
}

static void *
ready_run(void *arg)
{
	struct ready *y = arg;

	for (size_t i = 0; i < READY_SPANS; i++)
		fault_in(y->span[i].p, y->span[i].bytes);
	return NULL;
}

/*
 * The tables made unless lazy; their pages and the episodes' faulted in
 * by a thread, when worth it.
 */
static void
ready_start(struct rd_episodes *t, size_t expect, bool lazy)
{
	struct ready *y;

	if (!lazy)
		make_tables(t, expect);
	if (rd_par_threads() < 2 || t->cap * sizeof *t->ep < RD_BIG_MIN)
		return;
	y = rd_calloc(1, sizeof *y);
	if (!lazy) {
		y->span[0].p = t->lines;
		y->span[0].bytes = t->nlines * sizeof *t->lines;
		rd_idmap_slots(t->by_patient, &y->span[1].p, &y->span[1].bytes);
	}
	y->span[2].p = t->ep;
	y->span[2].bytes = t->cap * sizeof *t->ep;
	if (pthread_create(&y->tid, NULL, ready_run, y) != 0) {
		free(y);
		return;
	}
	t->ready = y;
}

static void
ready_join(struct rd_episodes *t)
{
	struct ready *y = t->ready;

	if (y == NULL)
		return;
	pthread_join(y->tid, NULL);
	free(y);
	t->ready = NULL;
}

/*
 * expect: about how many rows the input has (0: not known), so that
 * the tables are made once at their size, not grown through every power
 * of two (each growth touched memory twice its size).
 */
static struct rd_episodes *
read_rows(struct rd_reader *r, bool need_clinic,
    const struct rd_episode_hooks *hooks, size_t expect, bool lookups)
{
	struct rd_episodes *t = rd_calloc(1, sizeof *t);
	struct loading x = { t, { 0 }, hooks, rd_reader_is_strict(r), expect,
	    !lookups, NULL, NULL, 0, 0 };
	struct take_ctx *tc;

	rd_episode_cols(r, &x.c, need_clinic);
	if (hooks != NULL && hooks->cols != NULL)
		hooks->cols(hooks->ctx, r);
	t->by_patient = rd_idmap_new();
	reserve_episodes(t, expect);
	ready_start(t, expect, x.lazy);
	tc = rd_calloc(1, sizeof *tc);
	tc->x = &x;
	tc->r = r;
	if (!rd_par_stage(r, stage_rows, &x, take_rows, tc))
		read_in_order(&x, r);
	ready_join(t);
	if (t->indexed)
		t->npatients = rd_idmap_count(t->by_patient);
	free(tc->f);
	free(tc->len);
	free(tc);
	index_patients(t);
	return t;
}

struct rd_episodes *
rd_episodes_load(const char *path, bool need_clinic)
{
	return rd_episodes_load_hooks(path, need_clinic, NULL, true);
}

struct rd_episodes *
rd_episodes_load_hooks(const char *path, bool need_clinic,
    const struct rd_episode_hooks *hooks, bool lookups)
{
	struct rd_reader *r = rd_open(path);
	struct rd_episodes *t;
	struct stat st;
	size_t expect = 0;

	/* A row of synth-clinic's episodes takes about 103 bytes. */
	if (path != NULL && strcmp(path, "-") != 0 && stat(path, &st) == 0 &&
	    S_ISREG(st.st_mode))
		expect = (size_t)st.st_size / 100;
	rd_reader_set_strict(r);
	t = read_rows(r, need_clinic, hooks, expect, lookups);
	rd_close(r);
	return t;
}

struct rd_episodes *
rd_episodes_read(struct rd_reader *r, bool need_clinic)
{
	return read_rows(r, need_clinic, NULL, 0, true);
}
