#include "rows.h"

#include <stdio.h>
#include <string.h>

#include "codes.h"
#include "diag.h"
#include "fields.h"
#include "rejects.h"

const char *const assess_out_names[ASSESS_NOUT] = { "score", "zone", "status",
	"alert" };

void
find_columns(const struct rd_reader *r, struct columns *c)
{
	char name[16];

	c->patient_id = rd_col_required(r, "patient_id");
	c->date = rd_col_required(r, "date");
	c->instrument = rd_col_required(r, "instrument");
	c->sex = rd_col(r, "sex");
	for (int i = 0; i < ASSESS_MAX_ITEMS; i++) {
		snprintf(name, sizeof name, "q%d", i + 1);
		c->item[i] = rd_col(r, name);
	}
	/* Output of an earlier run: its columns are filled in again, not repeated. */
	for (int i = 0; i < ASSESS_NOUT; i++)
		c->out[i] = rd_col(r, assess_out_names[i]);
}

bool
score_row(struct rd_reader *r, const struct rd_record *rec,
    const struct columns *c, struct scored *out)
{
	int sex, instrument, items[ASSESS_MAX_ITEMS];

	if (!rd_get_id(r, rec, c->patient_id, true) ||
	    !rd_get_date(r, rec, c->date, true, &out->day) ||
	    !rd_get_code(r, rec, c->sex, &rd_sex_codes, false, &sex))
		return false;
	if (!assess_read_instrument(r, rec, c->instrument, &instrument) ||
	    !assess_read_items(r, rec, c->item, instrument, items))
		return false;
	out->res = assess_score(instrument, items, sex == RD_MALE);
	return true;
}

static void
put_result_field(struct rd_writer *w, const struct assess_result *res, int which)
{
	if (which == 0 && res->complete)
		rd_put_scaled(w, res->score, res->decimals);
	else if (which == 1)
		rd_put_str(w, res->zone);
	else if (which == 2)
		rd_put_str(w, res->complete ? "complete" : "incomplete");
	else if (which == 3)
		rd_put_str(w, res->alert);
	else
		rd_put_empty(w);
}

/* Input columns as they are, but the date in ISO form and results refilled. */
void
write_row(struct rd_writer *w, const struct rd_record *rec,
    const struct columns *c, const struct scored *row)
{
	for (size_t i = 0; i < rec->n; i++) {
		int which = -1;

		for (int k = 0; k < ASSESS_NOUT; k++)
			if (c->out[k] == (int)i)
				which = k;
		if (which >= 0)
			put_result_field(w, &row->res, which);
		else if ((int)i == c->date)
			rd_put_date(w, row->day);
		else
			rd_put(w, rec->f[i], rec->len[i]);
	}
	for (int k = 0; k < ASSESS_NOUT; k++)
		if (c->out[k] < 0)
			put_result_field(w, &row->res, k);
	rd_end_row(w);
}

void
write_header(struct rd_writer *w, const struct rd_reader *r, const struct columns *c)
{
	const char *extra[ASSESS_NOUT];
	size_t nextra = 0;

	for (int k = 0; k < ASSESS_NOUT; k++)
		if (c->out[k] < 0)
			extra[nextra++] = assess_out_names[k];
	rd_put_header_rec(w, rd_header(r), extra, nextra);
}

