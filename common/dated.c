#include "dated.h"

#include <string.h>

#include "diag.h"
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

/*
 * rd_dated_urine_obs.  What the reading thread does with a row: a row of
 * an episode kept becomes its observation (KEPT), a row that fits no
 * episode is a note (LEFT_OUT); the rest (of an episode not kept, or
 * rejected as another patient's) is nothing to the calling thread.
 */
struct obs_dated {
	struct dated d;
	const struct rd_prescribed *rx;
	const unsigned char *keep;
	struct rd_collect *rows;
	struct rd_arena *long_ids;
};

enum obs_fate { OBS_NONE, OBS_KEPT, OBS_LEFT_OUT };

static enum obs_fate
obs_fate(const struct obs_dated *o, const struct rd_attached *a)
{
	if (a->reason == RD_ATTACH_BY_ID || a->reason == RD_ATTACH_BY_DATE) {
		if (a->ep < 0 || (o->keep != NULL && o->keep[a->ep] == 0))
			return OBS_NONE;
		return OBS_KEPT;
	}
	return a->reason == RD_ATTACH_OTHER_PATIENT ? OBS_NONE : OBS_LEFT_OUT;
}

/*
 * Staged: a kept row is its episode row (below OBS_TAG_LEFT_OUT) and its
 * observation, followed by the length and bytes of a sample_id too long
 * for it; a left-out row is OBS_TAG_LEFT_OUT and its reason and line.
 */
#define OBS_TAG_LEFT_OUT UINT32_MAX

struct staged_left_out {
	uint32_t tag;
	int32_t reason;
	int64_t line;
};

static void
stage_obs_row(const struct obs_dated *o, struct rd_writer *w,
    const struct rd_urine_row *u, const struct rd_attached *a)
{
	char buf[sizeof(uint32_t) + sizeof(struct rd_urine_obs)];
	struct rd_urine_obs ob;
	uint32_t ep, len;

	switch (obs_fate(o, a)) {
	case OBS_NONE:
		return;
	case OBS_LEFT_OUT: {
		struct staged_left_out l = { OBS_TAG_LEFT_OUT, a->reason, a->line };

		rd_write_raw(w, (const char *)&l, sizeof l);
		return;
	}
	case OBS_KEPT:
		break;
	}
	if ((unsigned long)a->ep >= OBS_TAG_LEFT_OUT)
		rd_die(RD_EXIT_DATA, "more than 4 billion episodes");
	ep = (uint32_t)a->ep;
	rd_urine_obs_fill(&ob, u, o->rx, NULL);
	memcpy(buf, &ep, sizeof ep);
	memcpy(buf + sizeof ep, &ob, sizeof ob);
	rd_write_raw(w, buf, sizeof buf);
	if (ob.sample_len == RD_SAMPLE_LONG) {
		if (u->sample_len > UINT32_MAX)
			rd_die(RD_EXIT_DATA, "a sample_id of more than 4 GB");
		len = (uint32_t)u->sample_len;
		rd_write_raw(w, (const char *)&len, sizeof len);
		rd_write_raw(w, u->sample_id, len);
	}
}

static void
stage_obs(void *arg, struct rd_reader *r, struct rd_writer *w)
{
	const struct obs_dated *o = arg;
	struct rd_urine_row u;
	struct rd_record rec;
	struct rd_attached a;

	while (rd_next_good(r, &rec) > 0)
		if (urine_row(&o->d, r, &rec, &u, &a))
			stage_obs_row(o, w, &u, &a);
}

static void
take_obs(void *arg, const char *p, size_t len)
{
	const struct obs_dated *o = arg;
	const char *end = p + len;

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
		memcpy(ob, p + sizeof ep, sizeof *ob);
		p += sizeof ep + sizeof *ob;
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
    const unsigned char *keep, struct rd_collect *rows,
    struct rd_arena *long_ids)
{
	struct obs_dated o = { .d = { .eps = eps, .as_of = as_of, .note = note },
	    .rx = rx, .keep = keep, .rows = rows, .long_ids = long_ids };
	struct rd_urine_row u;
	struct rd_record rec;
	struct rd_attached a;

	rd_urine_cols(r, &o.d.uc);
	if (rd_par_stage(r, stage_obs, &o, take_obs, &o))
		return;
	while (rd_next_good(r, &rec) > 0) {
		if (!urine_row(&o.d, r, &rec, &u, &a))
			continue;
		switch (obs_fate(&o, &a)) {
		case OBS_KEPT:
			rd_urine_obs_fill(rd_collect_add(rows, (uint32_t)a.ep), &u,
			    rx, long_ids);
			break;
		case OBS_LEFT_OUT:
			(void)rd_attached_count(note, &a);
			break;
		case OBS_NONE:
			break;
		}
	}
}
