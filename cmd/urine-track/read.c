/*
 * The row loop of --summary and --weekly: rows parsed and validated on
 * every core (par.h) and handed to the grouping in input order in this
 * thread, so that groups, notes and output are one thread's, byte for byte.
 */
#include <stdint.h>
#include <string.h>

#include "diag.h"
#include "par.h"
#include "track.h"

bool
ut_in_threads(bool normalise, bool grouped, const struct track_opts *o)
{
	return normalise || (grouped && o->episodes_path == NULL);
}

/*
 * A parsed row as a worker hands it over: what the grouping reads without
 * --episodes (rd_urine_obs_fill), then the patient_id and sample_id bytes.
 */
struct staged {
	int date, substance, analyte, result;
	uint32_t patient_len, sample_len;
};

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

	while (rd_next_good(r, &rec) > 0) {
		if (!rd_urine_parse(r, &rec, x->c, &row) || row.date > x->as_of)
			continue;
		if (row.patient_len > UINT32_MAX || row.sample_len > UINT32_MAX)
			rd_die(RD_EXIT_DATA, "an id of more than 4 GB");
		struct staged st = { row.date, row.substance, row.analyte,
		    row.result, (uint32_t)row.patient_len, (uint32_t)row.sample_len };

		rd_write_raw(w, (const char *)&st, sizeof st);
		rd_write_raw(w, row.patient_id, row.patient_len);
		rd_write_raw(w, row.sample_id, row.sample_len);
	}
}

static void
take_rows(void *arg, const char *p, size_t len)
{
	const struct stage_ctx *x = arg;
	const char *end = p + len;
	struct staged st;

	while (p < end) {
		struct rd_urine_row row = { 0 };

		memcpy(&st, p, sizeof st);
		p += sizeof st;
		row.patient_id = p;
		row.patient_len = st.patient_len;
		p += st.patient_len;
		row.sample_id = p;
		row.sample_len = st.sample_len;
		p += st.sample_len;
		row.episode_id = "";
		row.date = st.date;
		row.substance = st.substance;
		row.analyte = st.analyte;
		row.result = st.result;
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
