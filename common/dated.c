#include "dated.h"

#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "par.h"
#include "rejects.h"

struct dated {
	const struct rd_episodes *eps;
	int as_of;
	struct rd_attach_note *note;
	struct rd_session_cols sc;
	struct rd_urine_cols uc;
	rd_dated_session_fn *session_fn;
	void *arg;
	/* rd_dated_session_events: events of the episodes kept, to rows. */
	const uint64_t *keep;
	struct rd_collect *events;
};

static inline bool
kept(const uint64_t *keep, size_t ep)
{
	return keep == NULL || (keep[ep / 64] >> ep % 64 & 1) != 0;
}

/*
 * What a reading thread does with an attached row of rd_dated_urine_obs
 * or rd_dated_session_events: a row of an episode kept is staged for
 * the calling thread (KEPT), a row that fits no episode is a note
 * (LEFT_OUT); the rest (of an episode not kept, or rejected as another
 * patient's) is nothing to the calling thread.  Without episodes every
 * row is kept (by its patient_id).
 */
enum row_fate { ROW_NONE, ROW_KEPT, ROW_LEFT_OUT };

static enum row_fate
row_fate(const struct dated *d, const struct rd_attached *a)
{
	if (d->eps == NULL)
		return ROW_KEPT;
	if (a->reason == RD_ATTACH_BY_ID || a->reason == RD_ATTACH_BY_DATE)
		return a->ep >= 0 && kept(d->keep, (size_t)a->ep) ? ROW_KEPT :
		    ROW_NONE;
	return a->reason == RD_ATTACH_OTHER_PATIENT ? ROW_NONE : ROW_LEFT_OUT;
}

/*
 * Counts a's reason: false for a rejected row, else true with *ep the
 * episode row (RD_DATED_NONE: left out, counted).  The row is a's, not
 * the episode's: reading the episode would be a cache miss a row.
 */
static bool
counted(const struct dated *d, const struct rd_attached *a, size_t *ep)
{
	*ep = RD_DATED_NONE;
	if (rd_attached_count(d->note, a)) {
		if (a->ep >= 0)
			*ep = (size_t)a->ep;
		return true;
	}
	return a->reason != RD_ATTACH_OTHER_PATIENT;
}

/*
 * A row's attachment for the collecting thread.  Without episodes it is
 * the same for every row (by id, no episode, its line never read): not
 * staged at all, a third of a urine row's bytes.
 */
static void
stage_attached(const struct dated *d, struct rd_writer *w,
    const struct rd_attached *a)
{
	if (d->eps != NULL)
		rd_write_raw(w, (const char *)a, sizeof *a);
}

static const char *
take_attached(const struct dated *d, const char *p, struct rd_attached *a)
{
	if (d->eps == NULL) {
		*a = (struct rd_attached){ 0, -1, RD_ATTACH_BY_ID, 0 };
		return p;
	}
	memcpy(a, p, sizeof *a);
	return p + sizeof *a;
}

/* Whether a row is a good session up to as-of, which is then attached. */
static bool
session_parse(const struct dated *d, struct rd_reader *r,
    const struct rd_record *rec, struct rd_session *s)
{
	return rd_session_parse(r, rec, &d->sc, s) && s->date <= d->as_of;
}

static bool
session_row(const struct dated *d, struct rd_reader *r,
    const struct rd_record *rec, struct rd_session *s, struct rd_attached *a)
{
	if (!session_parse(d, r, rec, s))
		return false;
	*a = rd_attached_check(d->eps, r, rec, d->sc.episode_id, s->patient_id,
	    s->patient_id_len, s->episode_id, s->episode_id_len, s->date);
	return true;
}

static void
session_take(const struct dated *d, const struct rd_attached *a,
    const struct rd_session *s)
{
	size_t ep;

	if (!counted(d, a, &ep))
		return;
	if (d->events == NULL)
		d->session_fn(d->arg, s, ep);
	else if (ep != RD_DATED_NONE && kept(d->keep, ep))
		*(struct rd_session_event *)rd_collect_add(d->events,
		    (uint32_t)ep) = rd_session_event(s);
}

/*
 * rd_dated_session_events stages a row as one of these: a row of an
 * episode kept as its episode row and event; a row that fits no episode
 * as EVENT_LEFT_OUT, its reason and line, to be counted; nothing for
 * the rest (an episode not kept; another patient's, rejected already).
 * The calling thread then does what session_take would, 16 bytes a row.
 */
#define EVENT_LEFT_OUT UINT32_MAX

struct staged_event {
	uint32_t ep;		/* the episode row, or EVENT_LEFT_OUT */
	int32_t reason;		/* EVENT_LEFT_OUT: enum rd_attach_reason */
	union {
		struct rd_session_event ev;
		int64_t line;	/* EVENT_LEFT_OUT */
	} u;
};

static void
stage_event(const struct dated *d, struct rd_writer *w,
    const struct rd_attached *a, const struct rd_session *s)
{
	struct staged_event st;

	memset(&st, 0, sizeof st);	/* staged bytes are all defined */
	switch (row_fate(d, a)) {
	case ROW_KEPT:
		st.ep = (uint32_t)a->ep;
		st.u.ev = rd_session_event(s);
		break;
	case ROW_LEFT_OUT:
		st.ep = EVENT_LEFT_OUT;
		st.reason = a->reason;
		st.u.line = a->line;
		break;
	case ROW_NONE:
		return;
	}
	rd_write_raw(w, (const char *)&st, sizeof st);
}

static void
take_events(void *arg, const char *p, size_t len)
{
	const struct dated *d = arg;
	const char *end = p + len;
	struct staged_event st;

	while (p < end) {
		memcpy(&st, p, sizeof st);
		p += sizeof st;
		if (st.ep == EVENT_LEFT_OUT)
			(void)rd_attach_count(d->note,
			    (enum rd_attach_reason)st.reason, (long)st.u.line);
		else
			*(struct rd_session_event *)rd_collect_add(d->events,
			    st.ep) = st.u.ev;
	}
}

/*
 * Session rows attached RD_EPISODES_BATCH at a time in a reading thread:
 * each row's episode line (or patient slot) is fetched when the row is
 * read, and the rows are attached and staged when the batch is full, so
 * that on rows in no order the cache misses overlap.  A row is held with
 * a copy of its field pointers, which stay valid only for a record that
 * is the chunk's own bytes (plain_sep); any other row first finishes the
 * batch and is attached alone.  Before any later row's reject the rows
 * held are finished (reject_hook), so rejects and staged rows keep
 * their input order exactly.
 */
#define BATCH_WIDTH 32	/* the columns of a file whose rows are held */

struct session_batch {
	const struct dated *d;
	struct rd_reader *r;
	struct rd_writer *w;
	size_t n, width;
	bool finishing;
	void (*hook_fn)(void *);	/* the thread's hook, called after */
	void *hook_arg;
	struct rd_session s[RD_EPISODES_BATCH];
	struct rd_record rec[RD_EPISODES_BATCH];
	char *f[RD_EPISODES_BATCH * BATCH_WIDTH];	/* width pointers a row */
	size_t len[RD_EPISODES_BATCH * BATCH_WIDTH];
};

static void
stage_session(const struct dated *d, struct rd_reader *r, struct rd_writer *w,
    const struct rd_record *rec, const struct rd_session *s)
{
	struct rd_attached a = rd_attached_check(d->eps, r, rec,
	    d->sc.episode_id, s->patient_id, s->patient_id_len, s->episode_id,
	    s->episode_id_len, s->date);

	if (d->events != NULL) {
		stage_event(d, w, &a, s);
		return;
	}
	stage_attached(d, w, &a);
	rd_session_stage(w, s);
}

static void
finish_batch(struct session_batch *b)
{
	size_t n = b->n;

	b->n = 0;
	b->finishing = true;
	for (size_t i = 0; i < n; i++)
		stage_session(b->d, b->r, b->w, &b->rec[i], &b->s[i]);
	b->finishing = false;
}

static void
reject_hook(void *arg)
{
	struct session_batch *b = arg;

	if (!b->finishing && b->n > 0)
		finish_batch(b);
	if (b->hook_fn != NULL)
		b->hook_fn(b->hook_arg);
}

static void
hold_session(struct session_batch *b, const struct rd_record *rec,
    const struct rd_session *s)
{
	size_t k = b->n++;

	memcpy(b->f + k * b->width, rec->f, rec->n * sizeof *rec->f);
	memcpy(b->len + k * b->width, rec->len, rec->n * sizeof *rec->len);
	b->rec[k] = *rec;
	b->rec[k].f = b->f + k * b->width;
	b->rec[k].len = b->len + k * b->width;
	b->s[k] = *s;
	rd_episodes_prefetch(b->d->eps, s->episode_id, s->episode_id_len,
	    s->patient_id, s->patient_id_len);
	if (b->n == RD_EPISODES_BATCH)
		finish_batch(b);
}

static void
stage_sessions(void *arg, struct rd_reader *r, struct rd_writer *w)
{
	const struct dated *d = arg;
	struct session_batch b;
	struct rd_record rec;
	struct rd_session s;
	size_t width = rd_header(r)->n;

	if (d->eps == NULL || !rd_chunk_reader_is(r) || width > BATCH_WIDTH) {
		while (rd_next_good(r, &rec) > 0)
			if (session_parse(d, r, &rec, &s))
				stage_session(d, r, w, &rec, &s);
		return;
	}
	b.d = d;
	b.r = r;
	b.w = w;
	b.n = 0;
	b.width = width;
	b.finishing = false;
	rd_rejects_get_hook(&b.hook_fn, &b.hook_arg);
	rd_rejects_set_hook(reject_hook, &b);
	while (rd_next_good(r, &rec) > 0) {
		if (!session_parse(d, r, &rec, &s))
			continue;
		if (rec.plain_sep != 0 && rec.n <= b.width) {
			hold_session(&b, &rec, &s);
			continue;
		}
		finish_batch(&b);
		stage_session(d, r, w, &rec, &s);
	}
	finish_batch(&b);
	rd_rejects_set_hook(b.hook_fn, b.hook_arg);
}

static void
take_sessions(void *arg, const char *p, size_t len)
{
	const struct dated *d = arg;
	const char *end = p + len;
	struct rd_session s;
	struct rd_attached a;

	while (p < end) {
		p = rd_session_unstage(take_attached(d, p, &a), &s);
		session_take(d, &a, &s);
	}
}

static void
dated_sessions(struct rd_reader *r, struct dated *dp)
{
	const struct dated d = *dp;
	struct rd_record rec;
	struct rd_session s;
	struct rd_attached a;

	if (rd_par_stage(r, stage_sessions, dp, d.events != NULL ? take_events :
	    take_sessions, dp))
		return;
	while (rd_next_good(r, &rec) > 0)
		if (session_row(&d, r, &rec, &s, &a)) {
			/* As a worker's copy has it: the same for fn either way. */
			s.topic = s.staff_id = NULL;
			s.topic_len = s.staff_id_len = 0;
			session_take(&d, &a, &s);
		}
}

void
rd_dated_sessions(struct rd_reader *r, const struct rd_episodes *eps,
    int as_of, struct rd_attach_note *note, rd_dated_session_fn *fn, void *arg)
{
	struct dated d = { .eps = eps, .as_of = as_of, .note = note,
	    .session_fn = fn, .arg = arg };

	rd_session_cols(r, &d.sc);
	dated_sessions(r, &d);
}

void
rd_dated_session_events(struct rd_reader *r, const struct rd_episodes *eps,
    int as_of, struct rd_attach_note *note, const uint64_t *keep,
    struct rd_collect *events)
{
	struct dated d = { .eps = eps, .as_of = as_of, .note = note,
	    .keep = keep, .events = events };

	if (eps == NULL)
		rd_die(RD_EXIT_DATA, "internal error: session events without "
		    "episodes");
	rd_session_cols(r, &d.sc);
	dated_sessions(r, &d);
}

/* rd_dated_urine_obs: a kept row becomes its observation (row_fate). */
struct obs_dated {
	struct dated d;
	const struct rd_prescribed *rx;
	struct rd_collect *rows;
	struct rd_arena *long_ids;
};

/*
 * Staged: a kept row is its episode row (below OBS_TAG_LEFT_OUT) and its
 * observation, followed by the length and bytes of a sample_id too long
 * for it; a left-out row is OBS_TAG_LEFT_OUT and its reason and line.
 */
#define OBS_TAG_LEFT_OUT UINT32_MAX
#define OBS_BATCH_ID 32		/* patient_ids up to this long wait in a batch */

struct staged_left_out {
	uint32_t tag;
	int32_t reason;
	int64_t line;
};

/* Bytes of a staged row whose length does not fit in it: length, bytes. */
static void
stage_bytes(struct rd_writer *w, const char *p, size_t len)
{
	uint32_t n = (uint32_t)len;

	if (len > UINT32_MAX)
		rd_die(RD_EXIT_DATA, "an id of more than 4 GB");
	rd_write_raw(w, (const char *)&n, sizeof n);
	rd_write_raw(w, p, n);
}

/*
 * Without episodes a row goes to its patient's unit: staged as its
 * patient_id (stage_bytes) and its observation, added by key.
 */
static void
put_keyed(const struct obs_dated *o, struct rd_writer *w,
    const struct rd_urine_obs *ob, const struct rd_urine_row *u)
{
	struct rd_urine_obs *slot;
	char buf[sizeof(uint32_t) + OBS_BATCH_ID + sizeof(struct rd_urine_obs)];
	uint32_t plen = (uint32_t)u->patient_len;

	if (w == NULL) {
		slot = rd_collect_add_key(o->rows, u->patient_id, u->patient_len);
		*slot = *ob;
		if (ob->sample_len == RD_SAMPLE_LONG)
			rd_urine_obs_long_id(slot, u->sample_id, u->sample_len,
			    o->long_ids);
		return;
	}
	if (u->patient_len <= OBS_BATCH_ID) {
		/* One write for the common row. */
		memcpy(buf, &plen, sizeof plen);
		memcpy(buf + sizeof plen, u->patient_id, plen);
		memcpy(buf + sizeof plen + plen, ob, sizeof *ob);
		rd_write_raw(w, buf, sizeof plen + plen + sizeof *ob);
	} else {
		stage_bytes(w, u->patient_id, u->patient_len);
		rd_write_raw(w, (const char *)ob, sizeof *ob);
	}
	if (ob->sample_len == RD_SAMPLE_LONG)
		stage_bytes(w, u->sample_id, u->sample_len);
}

/*
 * A kept row's observation, a note, or nothing: staged for the calling
 * thread (w), or put in place by it (w NULL).  long_id is the row's
 * sample_id when it is too long for the observation.
 */
static void
put_obs(const struct obs_dated *o, struct rd_writer *w,
    const struct rd_urine_obs *ob, const struct rd_attached *a,
    const struct rd_urine_row *u)
{
	char buf[sizeof(uint32_t) + sizeof(struct rd_urine_obs)];
	struct rd_urine_obs *slot;
	uint32_t ep;

	switch (row_fate(&o->d, a)) {
	case ROW_NONE:
		return;
	case ROW_LEFT_OUT: {
		struct staged_left_out l = { OBS_TAG_LEFT_OUT, a->reason, a->line };

		if (w == NULL)
			(void)rd_attached_count(o->d.note, a);
		else
			rd_write_raw(w, (const char *)&l, sizeof l);
		return;
	}
	case ROW_KEPT:
		break;
	}
	if (o->d.eps == NULL) {
		put_keyed(o, w, ob, u);
		return;
	}
	if ((unsigned long)a->ep >= OBS_TAG_LEFT_OUT)
		rd_die(RD_EXIT_DATA, "more than 4 billion episodes");
	ep = (uint32_t)a->ep;
	if (w == NULL) {
		slot = rd_collect_add(o->rows, ep);
		*slot = *ob;
		if (ob->sample_len == RD_SAMPLE_LONG)
			rd_urine_obs_long_id(slot, u->sample_id, u->sample_len,
			    o->long_ids);
		return;
	}
	memcpy(buf, &ep, sizeof ep);
	memcpy(buf + sizeof ep, ob, sizeof *ob);
	rd_write_raw(w, buf, sizeof buf);
	if (ob->sample_len == RD_SAMPLE_LONG)
		stage_bytes(w, u->sample_id, u->sample_len);
}

/*
 * Rows attached by date, RD_EPISODES_BATCH at a time (attach.h's
 * rd_attached_by_date_rows): on input in no order each row's patient and
 * episodes were a chain of cache misses, now overlapped with the batch's.
 * A row waits here with a copy of its patient_id; one whose patient_id or
 * sample_id is too long for that is attached alone, after the rows
 * waiting, so the rows stay in input order.
 */
struct obs_batch {
	size_t n;
	struct rd_urine_obs ob[RD_EPISODES_BATCH];
	long line[RD_EPISODES_BATCH];
	int day[RD_EPISODES_BATCH];
	size_t plen[RD_EPISODES_BATCH];
	char patient[RD_EPISODES_BATCH][OBS_BATCH_ID];
};

static void
flush_obs(const struct obs_dated *o, struct obs_batch *b, struct rd_writer *w)
{
	const char *patient[RD_EPISODES_BATCH];
	struct rd_attached a[RD_EPISODES_BATCH];

	if (b->n == 0)
		return;
	for (size_t i = 0; i < b->n; i++)
		patient[i] = b->patient[i];
	rd_attached_by_date_rows(o->d.eps, b->n, b->line, patient, b->plen,
	    b->day, a);
	for (size_t i = 0; i < b->n; i++)
		put_obs(o, w, &b->ob[i], &a[i], NULL);
	b->n = 0;
}

/* One record: b is NULL when rows are attached one by one. */
static void
obs_record(const struct obs_dated *o, struct obs_batch *b, struct rd_reader *r,
    const struct rd_record *rec, struct rd_urine_memo *memo, struct rd_writer *w)
{
	struct rd_urine_row u;
	struct rd_urine_obs ob;
	struct rd_attached a;
	size_t k;

	if (!rd_urine_parse_memo(r, rec, &o->d.uc, memo, &u) || u.date > o->d.as_of)
		return;
	rd_urine_obs_fill(&ob, &u, o->rx, NULL);
	if (b != NULL && u.patient_len <= OBS_BATCH_ID &&
	    ob.sample_len != RD_SAMPLE_LONG) {
		k = b->n++;
		b->ob[k] = ob;
		b->line[k] = rec->line;
		b->day[k] = u.date;
		b->plen[k] = u.patient_len;
		memcpy(b->patient[k], u.patient_id, u.patient_len);
		if (b->n == RD_EPISODES_BATCH)
			flush_obs(o, b, w);
		return;
	}
	if (b != NULL)
		flush_obs(o, b, w);
	if (o->d.eps == NULL) {
		/* Kept by patient_id whatever its attachment: no call a row. */
		put_keyed(o, w, &ob, &u);
		return;
	}
	a = rd_attached_check(o->d.eps, r, rec, o->d.uc.episode_id, u.patient_id,
	    u.patient_len, u.episode_id, u.episode_len, u.date);
	put_obs(o, w, &ob, &a, &u);
}

/*
 * The rows of r to w (NULL: to the collection).  By date in batches when
 * the input has no episode_id: then no row can be rejected as another
 * patient's, and attaching a row later than its parse moves no message.
 */
static void
obs_rows(const struct obs_dated *o, struct rd_reader *r, struct rd_writer *w)
{
	struct obs_batch batch, *b = NULL;
	struct rd_record rec;
	struct rd_urine_memo memo;	/* on the stack: see urine.h */

	rd_urine_memo_init(&memo, &o->d.uc);
	if (o->d.eps != NULL && o->d.uc.episode_id < 0) {
		batch.n = 0;
		b = &batch;
	}
	while (rd_next_good(r, &rec) > 0)
		obs_record(o, b, r, &rec, &memo, w);
	if (b != NULL)
		flush_obs(o, b, w);
}

static void
stage_obs(void *arg, struct rd_reader *r, struct rd_writer *w)
{
	obs_rows(arg, r, w);
}

/*
 * Keyed rows (put_keyed's) from p on, up to RD_IDMAP_BATCH of them, a
 * row with a long sample_id last: added together, their keys read where
 * they are staged (rd_collect_add_keys), so that the calling thread
 * copies no key and makes no call a row.  Returns where the next row is.
 */
static const char *
take_keyed(const struct obs_dated *o, const char *p, const char *end)
{
	const char *keys[RD_IDMAP_BATCH], *long_id = NULL;
	size_t lens[RD_IDMAP_BATCH], n = 0;
	struct rd_urine_obs ob[RD_IDMAP_BATCH], *slots;
	uint32_t len, idlen = 0;

	do {	/* p < end: at least one row */
		memcpy(&len, p, sizeof len);
		keys[n] = p + sizeof len;
		lens[n] = len;
		p += sizeof len + len;
		memcpy(&ob[n], p, sizeof ob[n]);
		p += sizeof ob[n];
		if (ob[n++].sample_len == RD_SAMPLE_LONG) {
			memcpy(&idlen, p, sizeof idlen);
			long_id = p + sizeof idlen;
			p += sizeof idlen + idlen;
		}
	} while (p < end && n < RD_IDMAP_BATCH && long_id == NULL);
	slots = rd_collect_add_keys(o->rows, n, keys, lens);
	memcpy(slots, ob, n * sizeof *ob);
	if (long_id != NULL)
		rd_urine_obs_long_id(&slots[n - 1], long_id, idlen, o->long_ids);
	return p;
}

static void
take_obs(void *arg, const char *p, size_t len)
{
	const struct obs_dated *o = arg;
	const char *end = p + len;

	if (o->d.eps == NULL) {
		/* Keyed: every row is a patient_id's length, bytes and observation. */
		while (p < end)
			p = take_keyed(o, p, end);
		return;
	}
	while (p < end) {
		struct rd_urine_obs *ob;
		uint32_t ep, idlen;

		memcpy(&ep, p, sizeof ep);
		if (ep == OBS_TAG_LEFT_OUT) {
			struct staged_left_out l;

			memcpy(&l, p, sizeof l);
			p += sizeof l;
			(void)rd_attached_count(o->d.note, &(struct rd_attached){
			    (long)l.line, -1, l.reason, 0 });
			continue;
		}
		ob = rd_collect_add(o->rows, ep);
		p += sizeof ep;
		memcpy(ob, p, sizeof *ob);
		p += sizeof *ob;
		if (ob->sample_len == RD_SAMPLE_LONG) {
			memcpy(&idlen, p, sizeof idlen);
			rd_urine_obs_long_id(ob, p + sizeof idlen, idlen, o->long_ids);
			p += sizeof idlen + idlen;
		}
	}
}

void
rd_dated_urine_obs(struct rd_reader *r, const struct rd_episodes *eps,
    int as_of, struct rd_attach_note *note, const struct rd_prescribed *rx,
    const uint64_t *keep, struct rd_collect *rows,
    struct rd_arena *long_ids)
{
	struct obs_dated o = { .d = { .eps = eps, .as_of = as_of, .note = note,
	    .keep = keep }, .rx = rx, .rows = rows, .long_ids = long_ids };

	rd_urine_cols(r, &o.d.uc);
	if (!rd_par_stage(r, stage_obs, &o, take_obs, &o))
		obs_rows(&o, r, NULL);
}
