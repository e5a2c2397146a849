/*
 * The row loop of --summary and --weekly: rows parsed and validated on
 * every core (par.h) and handed to the grouping in input order in this
 * thread, so that groups, notes and output are one thread's, byte for byte.
 */
#include "par.h"
#include "track.h"

bool
ut_in_threads(bool normalise, bool grouped, const struct track_opts *o)
{
	return normalise || (grouped && o->episodes_path == NULL);
}

struct stage_ctx {
	const struct rd_urine_cols *c;
	int as_of;
	ut_add_fn *add;
	void *arg;
};

static void
stage_rows(void *arg, struct rd_reader *r, struct rd_writer *w)
{
	const struct stage_ctx *x = arg;
	struct rd_urine_row row;
	struct rd_record rec;

	while (rd_next_good(r, &rec) > 0)
		if (rd_urine_parse(r, &rec, x->c, &row) && row.date <= x->as_of)
			rd_urine_stage(w, &row);
}

static void
take_rows(void *arg, const char *p, size_t len)
{
	const struct stage_ctx *x = arg;
	const char *end = p + len;
	struct rd_urine_row row;

	while (p < end) {
		p = rd_urine_unstage(p, &row);
		x->add(x->arg, NULL, NULL, &row);
	}
}

void
ut_read_rows(struct rd_reader *r, const struct rd_urine_cols *c,
    const struct track_opts *o, ut_add_fn *add, void *arg)
{
	struct stage_ctx x = { c, o->as_of, add, arg };
	struct rd_urine_row row;
	struct rd_record rec;

	if (ut_in_threads(false, true, o) &&
	    rd_par_stage(r, stage_rows, &x, take_rows, &x))
		return;
	while (rd_next_good(r, &rec) > 0) {
		if (!rd_urine_parse(r, &rec, c, &row))
			continue;
		/* Rows dated after as-of are left out of summaries. */
		if (row.date > o->as_of)
			continue;
		add(arg, r, &rec, &row);
	}
}
