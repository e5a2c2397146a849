#include "goals_read.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "par.h"
#include "staged.h"

/*
 * A staged row: this, then the length of each field (uint32_t), then the
 * fields, each with a NUL after it, so that the calling thread can
 * reject the row with all of it (rejects.h).  No padding.
 */
struct staged {
	long line;
	double weight;
	int64_t ep;		/* the episode row rd_attach found, or -1 */
	int32_t date, domain, set_by, attainment;
	uint32_t unused;	/* zero: every staged byte is defined */
	int32_t parsed;		/* rd_goal_parse accepted it */
	int32_t reason;		/* rd_attach's, or -1: not looked up */
	uint32_t group_hash;	/* rd_goal_row's */
};

/* What both threads' steps need. */
struct reading {
	struct rd_goals *t;
	struct rd_goal_cols c;
	const struct rd_episodes *eps;
	int as_of;
	struct rd_attach_note *note;
	rd_goal_set_fn *fn;
	void *arg;
};

/* A row's episode as rd_attach finds it, looked up in the reading thread. */
struct looked {
	int reason;		/* -1: not looked up */
	long ep;
};

/*
 * Only a row that may set a goal is looked up: one with an empty
 * attainment dated by as_of (a goal attaches by the day it was set).
 */
static struct looked
look_up(const struct reading *x, const struct rd_goal_row *g)
{
	struct looked l = { -1, RD_GOAL_NO_EPISODE };
	const struct rd_episode *e;

	if (x->eps == NULL || g->attainment != RD_NO_ATTAINMENT ||
	    g->date > x->as_of)
		return l;
	l.reason = (int)rd_attach(x->eps, g->patient_id, g->patient_len,
	    g->episode_id, g->episode_len, g->date, &e);
	if (e != NULL)
		l.ep = (long)rd_episodes_row_of(x->eps, e);
	return l;
}

/*
 * attach.h's policy for goal i, which rec set: kept, left out (counted),
 * or rejected for naming another patient's episode and dropped.
 */
static void
goal_set(struct reading *x, struct rd_reader *r, const struct rd_record *rec,
    size_t i, struct looked l)
{
	long ep = RD_GOAL_NO_EPISODE;

	if (l.reason == RD_ATTACH_OTHER_PATIENT) {
		rd_attach_reject(r, rec, x->c.episode_id);
		rd_goals_drop(x->t, i);
	} else if (l.reason >= 0 &&
	    rd_attach_count(x->note, (enum rd_attach_reason)l.reason, rec->line))
		ep = l.ep;
	if (x->fn != NULL)
		x->fn(x->arg, i, ep);
}

/* A good record in input order, in the calling thread: g NULL when rejected. */
static void
take_row(struct reading *x, struct rd_reader *r, const struct rd_record *rec,
    const struct rd_goal_row *g, struct looked l)
{
	size_t i = rd_goals_count(x->t);

	if (g == NULL) {
		rd_goals_note_rejected(x->t, rec, &x->c);
		return;
	}
	if (rd_goals_add_row(x->t, r, rec, &x->c, g) && rd_goals_count(x->t) > i)
		goal_set(x, r, rec, i, l);
}

/* The calling thread's state while it takes staged rows. */
struct take_ctx {
	struct reading *x;
	struct rd_reader *r;
	/* A batch of rows rebuilt: fields of row i at f + i * cap. */
	char **f;
	size_t *len;
	size_t cap;
	struct rd_record rec[RD_GOALS_BATCH];
	struct rd_goal_row g[RD_GOALS_BATCH];
	const struct rd_goal_row *parsed[RD_GOALS_BATCH];	/* NULL: rejected */
	struct looked look[RD_GOALS_BATCH];
};

static void
stage(struct rd_writer *w, const struct rd_record *rec,
    const struct rd_goal_row *g, struct looked l)
{
	struct staged st = { rec->line, 0, l.ep, 0, -1, -1, RD_NO_ATTAINMENT,
	    0, g != NULL, l.reason, 0 };	/* hash 0 when rejected */

	if (g != NULL) {
		st.weight = g->weight;
		st.date = g->date;
		st.domain = g->domain;
		st.set_by = g->set_by;
		st.attainment = g->attainment;
		st.group_hash = g->group_hash;
	}
	rd_stage_record(w, &st, sizeof st, rec);
}

/* The steps of the reading thread for one record: parsed, looked up. */
static const struct rd_goal_row *
read_row(const struct reading *x, struct rd_reader *r,
    const struct rd_record *rec, struct rd_goal_row *g, struct looked *l)
{
	l->reason = -1;
	l->ep = RD_GOAL_NO_EPISODE;
	if (!rd_goal_parse(r, rec, &x->c, g))
		return NULL;
	*l = look_up(x, g);
	return g;
}

/* In a chunk thread: each row parsed, its bytes staged after its rejects. */
static void
stage_rows(void *arg, struct rd_reader *r, struct rd_writer *w)
{
	const struct reading *x = arg;
	struct rd_record rec;
	struct rd_goal_row g;
	struct looked l;

	while (rd_next_good(r, &rec) > 0)
		stage(w, &rec, read_row(x, r, &rec, &g, &l), l);
}

/* Staged row p back as row i of the batch; where the next one starts. */
static const char *
unstage(struct take_ctx *t, const char *p, size_t i)
{
	struct staged st;
	const struct rd_goal_cols *c = &t->x->c;
	struct rd_record *rec = &t->rec[i];
	struct rd_goal_row *g = &t->g[i];
	char **f = t->f + i * t->cap;
	size_t *len = t->len + i * t->cap;

	p = rd_unstage_record(p, &st, sizeof st, rec, f, len);
	rec->line = st.line;
	t->look[i].reason = st.reason;
	t->look[i].ep = (long)st.ep;
	t->parsed[i] = NULL;
	if (!st.parsed)
		return p;
	memset(g, 0, sizeof *g);
	g->patient_id = f[c->patient_id];
	g->patient_len = len[c->patient_id];
	g->episode_id = f[c->episode_id];
	g->episode_len = len[c->episode_id];
	g->goal_id = f[c->goal_id];
	g->goal_len = len[c->goal_id];
	g->domain = st.domain;
	g->set_by = st.set_by;
	g->date = st.date;
	g->attainment = st.attainment;
	g->weight = st.weight;
	g->group_hash = st.group_hash;
	t->parsed[i] = g;
	return p;
}

/* The rows of a batch, prefetched together, then taken one by one. */
static void
take_batch(struct take_ctx *t, size_t n)
{
	const struct rd_goal_row *rows[RD_GOALS_BATCH];
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		if (t->parsed[i] != NULL)
			rows[k++] = t->parsed[i];
	if (k > 0)
		rd_goals_prefetch(t->x->t, rows, k);
	for (size_t i = 0; i < n; i++)
		take_row(t->x, t->r, &t->rec[i], t->parsed[i], t->look[i]);
}

/* In the calling thread, in input order, a batch at a time. */
static void
take_rows(void *arg, const char *p, size_t len)
{
	struct take_ctx *t = arg;
	const char *end = p + len;
	size_t n = 0;

	while (p < end) {
		size_t nf = rd_staged_fields(p, sizeof(struct staged));

		if (nf > t->cap) {
			take_batch(t, n);	/* growing moves the batch's fields */
			n = 0;
			t->cap = nf;
			t->f = rd_realloc(t->f, RD_GOALS_BATCH * nf * sizeof *t->f);
			t->len = rd_realloc(t->len, RD_GOALS_BATCH * nf * sizeof *t->len);
		}
		p = unstage(t, p, n++);
		if (n == RD_GOALS_BATCH) {
			take_batch(t, n);
			n = 0;
		}
	}
	take_batch(t, n);
}

struct rd_goals *
rd_goals_read(struct rd_reader *r, const struct rd_episodes *eps, int as_of,
    struct rd_attach_note *note, rd_goal_set_fn *fn, void *arg)
{
	struct reading x = { rd_goals_new(), { 0 }, eps, as_of, note, fn, arg };
	struct take_ctx *t = rd_calloc(1, sizeof *t);
	struct rd_record rec;
	struct rd_goal_row g;
	struct looked l;

	rd_goal_cols(r, &x.c);
	t->x = &x;
	t->r = r;
	if (rd_par_stage(r, stage_rows, &x, take_rows, t)) {
		free(t->f);
		free(t->len);
		free(t);
		return x.t;
	}
	free(t);
	while (rd_next_good(r, &rec) > 0)
		take_row(&x, r, &rec, read_row(&x, r, &rec, &g, &l), l);
	return x.t;
}
