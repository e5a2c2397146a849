#include "dated.h"

#include <string.h>

#include "par.h"
#include "sessions.h"

/* How a row attached, decided in the reading thread; its values follow. */
struct attached {
	long line;
	long ep;		/* episode row, -1: none */
	int reason;		/* enum rd_attach_reason */
	int unused;
};

struct dated_read {
	struct or_dated *d;
	struct rd_session_cols sc;
	struct rd_urine_cols uc;
};

static struct attached
attach(const struct or_dated *d, struct rd_reader *r, const struct rd_record *rec,
    int episode_col, const char *patient, size_t plen, const char *episode,
    size_t elen, int day)
{
	const struct rd_episode *e;
	struct attached a = { rec->line, -1, 0, 0 };

	a.reason = (int)rd_attach_check(d->eps, r, rec, episode_col, patient, plen,
	    episode, elen, day, &e);
	if (e != NULL)
		a.ep = (long)e->row;
	return a;
}

/* The episode row a row is collected under, or -1 (counted in the note). */
static long
kept(struct or_dated *d, const struct attached *a)
{
	if (!rd_attach_count(&d->note, (enum rd_attach_reason)a->reason, a->line) ||
	    d->group[a->ep] == OR_NO_GROUP)
		return -1;
	return a->ep;
}

static bool
session_row(const struct dated_read *x, struct rd_reader *r,
    const struct rd_record *rec, struct rd_session *s, struct attached *a)
{
	if (!rd_session_parse(r, rec, &x->sc, s) || s->date > x->d->as_of)
		return false;
	*a = attach(x->d, r, rec, x->sc.episode_id, s->patient_id,
	    s->patient_id_len, s->episode_id, s->episode_id_len, s->date);
	return true;
}

static void
session_keep(struct or_dated *d, const struct attached *a,
    const struct rd_session *s)
{
	long e = kept(d, a);

	if (e >= 0)
		*(struct rd_session_event *)rd_collect_add(&d->rows, (uint32_t)e) =
		    rd_session_event(s);
}

static void
stage_sessions(void *arg, struct rd_reader *r, struct rd_writer *w)
{
	const struct dated_read *x = arg;
	struct rd_record rec;
	struct rd_session s;
	struct attached a;

	while (rd_next_good(r, &rec) > 0)
		if (session_row(x, r, &rec, &s, &a)) {
			rd_write_raw(w, (const char *)&a, sizeof a);
			rd_session_stage(w, &s);
		}
}

static void
take_sessions(void *arg, const char *p, size_t len)
{
	const struct dated_read *x = arg;
	const char *end = p + len;
	struct rd_session s;
	struct attached a;

	while (p < end) {
		memcpy(&a, p, sizeof a);
		p = rd_session_unstage(p + sizeof a, &s);
		session_keep(x->d, &a, &s);
	}
}

void
or_read_sessions(struct or_dated *d, struct rd_reader *r)
{
	struct dated_read x = { .d = d };
	struct rd_record rec;
	struct rd_session s;
	struct attached a;

	rd_collect_init(&d->rows, sizeof(struct rd_session_event));
	rd_session_cols(r, &x.sc);
	if (rd_par_stage(r, stage_sessions, &x, take_sessions, &x))
		return;
	while (rd_next_good(r, &rec) > 0)
		if (session_row(&x, r, &rec, &s, &a))
			session_keep(d, &a, &s);
}

static bool
urine_row(const struct dated_read *x, struct rd_reader *r,
    const struct rd_record *rec, struct rd_urine_row *u, struct attached *a)
{
	if (!rd_urine_parse(r, rec, &x->uc, u) || u->date > x->d->as_of)
		return false;
	*a = attach(x->d, r, rec, x->uc.episode_id, u->patient_id, u->patient_len,
	    u->episode_id, u->episode_len, u->date);
	return true;
}

static void
urine_keep(struct or_dated *d, const struct attached *a,
    const struct rd_urine_row *u)
{
	long e = kept(d, a);

	if (e >= 0)
		rd_urine_obs_fill(rd_collect_add(&d->rows, (uint32_t)e), u, d->rx,
		    &d->long_ids);
}

static void
stage_urine(void *arg, struct rd_reader *r, struct rd_writer *w)
{
	const struct dated_read *x = arg;
	struct rd_urine_row u;
	struct rd_record rec;
	struct attached a;

	while (rd_next_good(r, &rec) > 0)
		if (urine_row(x, r, &rec, &u, &a)) {
			rd_write_raw(w, (const char *)&a, sizeof a);
			rd_urine_stage(w, &u);
		}
}

static void
take_urine(void *arg, const char *p, size_t len)
{
	const struct dated_read *x = arg;
	const char *end = p + len;
	struct rd_urine_row u;
	struct attached a;

	while (p < end) {
		memcpy(&a, p, sizeof a);
		p = rd_urine_unstage(p + sizeof a, &u);
		urine_keep(x->d, &a, &u);
	}
}

void
or_read_urine(struct or_dated *d, struct rd_reader *r)
{
	struct dated_read x = { .d = d };
	struct rd_urine_row u;
	struct rd_record rec;
	struct attached a;

	rd_collect_init(&d->rows, sizeof(struct rd_urine_obs));
	rd_urine_cols(r, &x.uc);
	if (rd_par_stage(r, stage_urine, &x, take_urine, &x))
		return;
	while (rd_next_good(r, &rec) > 0)
		if (urine_row(&x, r, &rec, &u, &a))
			urine_keep(d, &a, &u);
}
