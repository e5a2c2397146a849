#include "read.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "par.h"

/*
 * A staged row: this, then the length of each field (uint32_t), then the
 * fields, each with a NUL after it, so that the calling thread can
 * reject the row with all of it (rejects.h).  No padding.
 */
struct staged {
	long line;
	double weight;
	int32_t date, domain, set_by, attainment;
	uint32_t nfields;
	int32_t parsed;		/* rd_goal_parse accepted it */
};

struct stage_ctx {
	const struct rd_goal_cols *c;
};

struct take_ctx {
	const struct rd_goal_cols *c;
	struct rd_reader *r;
	goal_row_fn *fn;
	void *arg;
	char **f;		/* the record being rebuilt */
	size_t *len;
	size_t cap;
};

static void
stage(struct rd_writer *w, const struct rd_record *rec,
    const struct rd_goal_row *g)
{
	struct staged st = { rec->line, 0, 0, -1, -1, RD_NO_ATTAINMENT,
	    (uint32_t)rec->n, g != NULL };

	if (g != NULL) {
		st.weight = g->weight;
		st.date = g->date;
		st.domain = g->domain;
		st.set_by = g->set_by;
		st.attainment = g->attainment;
	}
	rd_write_raw(w, (const char *)&st, sizeof st);
	for (size_t i = 0; i < rec->n; i++) {
		uint32_t len = (uint32_t)rec->len[i];

		if (rec->len[i] > UINT32_MAX)
			rd_die(RD_EXIT_DATA, "a field of more than 4 GB");
		rd_write_raw(w, (const char *)&len, sizeof len);
	}
	for (size_t i = 0; i < rec->n; i++)
		rd_write_raw(w, rec->f[i], rec->len[i] + 1);
}

/* In a chunk thread: each row parsed, its bytes staged after its rejects. */
static void
stage_rows(void *arg, struct rd_reader *r, struct rd_writer *w)
{
	const struct stage_ctx *x = arg;
	struct rd_record rec;
	struct rd_goal_row g;

	while (rd_next_good(r, &rec) > 0)
		stage(w, &rec, rd_goal_parse(r, &rec, x->c, &g) ? &g : NULL);
}

/* One staged row back into *rec and *g; where the next one starts. */
static const char *
unstage(struct take_ctx *x, const char *p, struct rd_record *rec,
    struct rd_goal_row *g, bool *parsed)
{
	struct staged st;
	const struct rd_goal_cols *c = x->c;

	memcpy(&st, p, sizeof st);
	p += sizeof st;
	if (st.nfields > x->cap) {
		x->cap = st.nfields;
		x->f = rd_realloc(x->f, x->cap * sizeof *x->f);
		x->len = rd_realloc(x->len, x->cap * sizeof *x->len);
	}
	for (size_t i = 0; i < st.nfields; i++) {
		uint32_t len;

		memcpy(&len, p + i * sizeof len, sizeof len);
		x->len[i] = len;
	}
	p += st.nfields * sizeof(uint32_t);
	for (size_t i = 0; i < st.nfields; i++) {
		x->f[i] = (char *)p;	/* the staged bytes are the caller's own */
		p += x->len[i] + 1;
	}
	memset(rec, 0, sizeof *rec);
	rec->n = st.nfields;
	rec->f = x->f;
	rec->len = x->len;
	rec->line = st.line;
	*parsed = st.parsed != 0;
	if (!*parsed)
		return p;
	memset(g, 0, sizeof *g);
	g->patient_id = rec->f[c->patient_id];
	g->patient_len = rec->len[c->patient_id];
	g->episode_id = rec->f[c->episode_id];
	g->episode_len = rec->len[c->episode_id];
	g->goal_id = rec->f[c->goal_id];
	g->goal_len = rec->len[c->goal_id];
	g->domain = st.domain;
	g->set_by = st.set_by;
	g->date = st.date;
	g->attainment = st.attainment;
	g->weight = st.weight;
	return p;
}

/* In the calling thread, in input order. */
static void
take_rows(void *arg, const char *p, size_t len)
{
	struct take_ctx *x = arg;
	const char *end = p + len;
	struct rd_record rec;
	struct rd_goal_row g;
	bool parsed;

	while (p < end) {
		p = unstage(x, p, &rec, &g, &parsed);
		x->fn(x->arg, x->r, &rec, parsed ? &g : NULL);
	}
}

void
goal_read_rows(struct rd_reader *r, const struct rd_goal_cols *c,
    goal_row_fn *fn, void *arg)
{
	struct stage_ctx s = { c };
	struct take_ctx x = { .c = c, .r = r, .fn = fn, .arg = arg };
	struct rd_record rec;
	struct rd_goal_row g;

	if (rd_par_stage(r, stage_rows, &s, take_rows, &x)) {
		free(x.f);
		free(x.len);
		return;
	}
	while (rd_next_good(r, &rec) > 0)
		fn(arg, r, &rec, rd_goal_parse(r, &rec, c, &g) ? &g : NULL);
}
