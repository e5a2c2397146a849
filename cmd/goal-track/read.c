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
	goal_hint_fn *hint;
	void *arg;
	/* A batch of rows rebuilt: fields of row i at f + i * cap. */
	char **f;
	size_t *len;
	size_t cap;
	struct rd_record rec[RD_GOALS_BATCH];
	struct rd_goal_row g[RD_GOALS_BATCH];
	const struct rd_goal_row *parsed[RD_GOALS_BATCH];	/* NULL: rejected */
};

/* Room for the usual row in one piece (its bytes are about twice the line's). */
#define ROW_BYTES 2048

static void
stage(struct rd_writer *w, const struct rd_record *rec,
    const struct rd_goal_row *g)
{
	struct staged st = { rec->line, 0, 0, -1, -1, RD_NO_ATTAINMENT,
	    (uint32_t)rec->n, g != NULL };
	size_t len = sizeof st + rec->n * sizeof(uint32_t);
	char buf[ROW_BYTES], *p = buf;

	if (g != NULL) {
		st.weight = g->weight;
		st.date = g->date;
		st.domain = g->domain;
		st.set_by = g->set_by;
		st.attainment = g->attainment;
	}
	for (size_t i = 0; i < rec->n; i++) {
		if (rec->len[i] > UINT32_MAX)
			rd_die(RD_EXIT_DATA, "a field of more than 4 GB");
		len += rec->len[i] + 1;
	}
	/*
	 * The usual row in one write (the writer's per-call cost was a tenth
	 * of a thread), on the stack: a bad row may end the thread's chunk
	 * at any reject (par.h), with nothing to free.
	 */
	if (len > sizeof buf) {
		rd_write_raw(w, (const char *)&st, sizeof st);
		for (size_t i = 0; i < rec->n; i++) {
			uint32_t n = (uint32_t)rec->len[i];

			rd_write_raw(w, (const char *)&n, sizeof n);
		}
		for (size_t i = 0; i < rec->n; i++)
			rd_write_raw(w, rec->f[i], rec->len[i] + 1);
		return;
	}
	memcpy(p, &st, sizeof st);
	p += sizeof st;
	for (size_t i = 0; i < rec->n; i++) {
		uint32_t n = (uint32_t)rec->len[i];

		memcpy(p, &n, sizeof n);
		p += sizeof n;
	}
	for (size_t i = 0; i < rec->n; i++) {
		memcpy(p, rec->f[i], rec->len[i] + 1);
		p += rec->len[i] + 1;
	}
	rd_write_raw(w, buf, len);
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

/* Staged row p back as row i of the batch; where the next one starts. */
static const char *
unstage(struct take_ctx *x, const char *p, size_t i)
{
	struct staged st;
	const struct rd_goal_cols *c = x->c;
	struct rd_record *rec = &x->rec[i];
	struct rd_goal_row *g = &x->g[i];
	char **f = x->f + i * x->cap;
	size_t *len = x->len + i * x->cap;

	memcpy(&st, p, sizeof st);
	p += sizeof st;
	for (size_t k = 0; k < st.nfields; k++) {
		uint32_t n;

		memcpy(&n, p + k * sizeof n, sizeof n);
		len[k] = n;
	}
	p += st.nfields * sizeof(uint32_t);
	for (size_t k = 0; k < st.nfields; k++) {
		f[k] = (char *)p;	/* the staged bytes are the caller's own */
		p += len[k] + 1;
	}
	memset(rec, 0, sizeof *rec);
	rec->n = st.nfields;
	rec->f = f;
	rec->len = len;
	rec->line = st.line;
	x->parsed[i] = NULL;
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
	x->parsed[i] = g;
	return p;
}

/* Fields a staged row has. */
static size_t
staged_fields(const char *p)
{
	struct staged st;

	memcpy(&st, p, sizeof st);
	return st.nfields;
}

/* The rows of a batch, hinted together, then handed over one by one. */
static void
take_batch(struct take_ctx *x, size_t n)
{
	const struct rd_goal_row *rows[RD_GOALS_BATCH];
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		if (x->parsed[i] != NULL)
			rows[k++] = x->parsed[i];
	if (k > 0)
		x->hint(x->arg, rows, k);
	for (size_t i = 0; i < n; i++)
		x->fn(x->arg, x->r, &x->rec[i], x->parsed[i]);
}

/* In the calling thread, in input order, a batch at a time. */
static void
take_rows(void *arg, const char *p, size_t len)
{
	struct take_ctx *x = arg;
	const char *end = p + len;
	size_t n = 0;

	while (p < end) {
		size_t nf = staged_fields(p);

		if (nf > x->cap) {
			take_batch(x, n);	/* growing moves the batch's fields */
			n = 0;
			x->cap = nf;
			x->f = rd_realloc(x->f, RD_GOALS_BATCH * nf * sizeof *x->f);
			x->len = rd_realloc(x->len, RD_GOALS_BATCH * nf * sizeof *x->len);
		}
		p = unstage(x, p, n++);
		if (n == RD_GOALS_BATCH) {
			take_batch(x, n);
			n = 0;
		}
	}
	take_batch(x, n);
}

void
goal_read_rows(struct rd_reader *r, const struct rd_goal_cols *c,
    goal_row_fn *fn, goal_hint_fn *hint, void *arg)
{
	struct stage_ctx s = { c };
	struct take_ctx *x = rd_calloc(1, sizeof *x);
	struct rd_record rec;
	struct rd_goal_row g;

	x->c = c;
	x->r = r;
	x->fn = fn;
	x->hint = hint;
	x->arg = arg;
	if (rd_par_stage(r, stage_rows, &s, take_rows, x)) {
		free(x->f);
		free(x->len);
		free(x);
		return;
	}
	free(x);
	while (rd_next_good(r, &rec) > 0)
		fn(arg, r, &rec, rd_goal_parse(r, &rec, c, &g) ? &g : NULL);
}
