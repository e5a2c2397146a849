#include "dated.h"

#include <string.h>

#include "par.h"

struct dated {
	const struct rd_episodes *eps;
	int as_of;
	struct rd_attach_note *note;
	struct rd_session_cols sc;
	struct rd_urine_cols uc;
	rd_dated_session_fn *session_fn;
	rd_dated_urine_fn *urine_fn;
	void *arg;
};

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

static bool
session_row(const struct dated *d, struct rd_reader *r,
    const struct rd_record *rec, struct rd_session *s, struct rd_attached *a)
{
	if (!rd_session_parse(r, rec, &d->sc, s) || s->date > d->as_of)
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

	if (counted(d, a, &ep))
		d->session_fn(d->arg, s, ep);
}

static void
stage_sessions(void *arg, struct rd_reader *r, struct rd_writer *w)
{
	const struct dated *d = arg;
	struct rd_record rec;
	struct rd_session s;
	struct rd_attached a;

	while (rd_next_good(r, &rec) > 0)
		if (session_row(d, r, &rec, &s, &a)) {
			stage_attached(d, w, &a);
			rd_session_stage(w, &s);
		}
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

void
rd_dated_sessions(struct rd_reader *r, const struct rd_episodes *eps,
    int as_of, struct rd_attach_note *note, rd_dated_session_fn *fn, void *arg)
{
	struct dated d = { .eps = eps, .as_of = as_of, .note = note,
	    .session_fn = fn, .arg = arg };
	struct rd_record rec;
	struct rd_session s;
	struct rd_attached a;

	rd_session_cols(r, &d.sc);
	if (rd_par_stage(r, stage_sessions, &d, take_sessions, &d))
		return;
	while (rd_next_good(r, &rec) > 0)
		if (session_row(&d, r, &rec, &s, &a)) {
			/* As a worker's copy has it: the same for fn either way. */
			s.topic = s.staff_id = NULL;
			s.topic_len = s.staff_id_len = 0;
			session_take(&d, &a, &s);
		}
}

static bool
urine_row(const struct dated *d, struct rd_reader *r,
    const struct rd_record *rec, struct rd_urine_row *u, struct rd_attached *a)
{
	if (!rd_urine_parse(r, rec, &d->uc, u) || u->date > d->as_of)
		return false;
	*a = rd_attached_check(d->eps, r, rec, d->uc.episode_id, u->patient_id,
	    u->patient_len, u->episode_id, u->episode_len, u->date);
	return true;
}

static void
urine_take(const struct dated *d, const struct rd_attached *a,
    const struct rd_urine_row *u)
{
	size_t ep;

	if (counted(d, a, &ep))
		d->urine_fn(d->arg, u, ep);
}

static void
stage_urine(void *arg, struct rd_reader *r, struct rd_writer *w)
{
	const struct dated *d = arg;
	struct rd_urine_row u;
	struct rd_record rec;
	struct rd_attached a;

	while (rd_next_good(r, &rec) > 0)
		if (urine_row(d, r, &rec, &u, &a)) {
			stage_attached(d, w, &a);
			rd_urine_stage(w, &u);
		}
}

static void
take_urine(void *arg, const char *p, size_t len)
{
	const struct dated *d = arg;
	const char *end = p + len;
	struct rd_urine_row u;
	struct rd_attached a;

	while (p < end) {
		p = rd_urine_unstage(take_attached(d, p, &a), &u);
		urine_take(d, &a, &u);
	}
}

void
rd_dated_urine(struct rd_reader *r, const struct rd_episodes *eps, int as_of,
    struct rd_attach_note *note, rd_dated_urine_fn *fn, void *arg)
{
	struct dated d = { .eps = eps, .as_of = as_of, .note = note,
	    .urine_fn = fn, .arg = arg };
	struct rd_urine_row u;
	struct rd_record rec;
	struct rd_attached a;

	rd_urine_cols(r, &d.uc);
	if (rd_par_stage(r, stage_urine, &d, take_urine, &d))
		return;
	while (rd_next_good(r, &rec) > 0)
		if (urine_row(&d, r, &rec, &u, &a))
			urine_take(&d, &a, &u);
}
