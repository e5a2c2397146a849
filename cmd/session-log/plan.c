/*
 * The plan (plan-new's output) as a secondary input: read once to collect
 * the items due by as-of, and once more by --missed to print the rows of
 * the items missed, exactly as they are in the plan.
 */
#include "sessionlog.h"

#include "codes.h"
#include "diag.h"
#include "fields.h"
#include "rejects.h"

struct plan_cols {
	int patient_id, episode_id, date, activity;
	bool episode_required;
};

static struct rd_reader *
open_plan(const char *path, const struct sl_summary *s, struct plan_cols *c)
{
	struct rd_reader *r = rd_open(path);

	rd_reader_set_strict(r);
	/* Without --episodes, only the plan's own episode_id can say which. */
	c->episode_required = s->by_episode && s->episodes == NULL;
	c->patient_id = rd_col_required(r, "patient_id");
	c->date = rd_col_required(r, "date");
	c->activity = rd_col_required(r, "activity");
	c->episode_id = c->episode_required ? rd_col_required(r, "episode_id") :
	    rd_col(r, "episode_id");
	return r;
}

size_t
sl_plan_load(struct sl_summary *s, const char *path)
{
	struct plan_cols c;
	struct rd_reader *r = open_plan(path, s, &c);
	struct rd_record rec;
	size_t row = 0;

	while (rd_next_good(r, &rec) > 0) {
		int date, activity;
		const char *episode = "";
		size_t episode_len = 0;

		/* Strict reader: a bad value has already stopped the tool. */
		if (!rd_get_id(r, &rec, c.patient_id, true) ||
		    !rd_get_id(r, &rec, c.episode_id, c.episode_required) ||
		    !rd_get_date(r, &rec, c.date, true, &date) ||
		    !rd_get_code(r, &rec, c.activity, &rd_activity_codes, true,
		    &activity))
			continue;
		if (c.episode_id >= 0) {
			episode = rec.f[c.episode_id];
			episode_len = rec.len[c.episode_id];
		}
		if (sl_summary_add_item(s, rec.f[c.patient_id], rec.len[c.patient_id],
		    episode, episode_len, date, activity, row, rec.line) ==
		    RD_ATTACH_OTHER_PATIENT)
			rd_attach_reject(r, &rec, c.episode_id);
		row++;
	}
	rd_close(r);
	return row;
}

/* A plan row as it is, but with an ISO date and a lower-case activity. */
static void
put_plan_row(struct rd_writer *w, struct rd_reader *r,
    const struct rd_record *rec, const struct plan_cols *c)
{
	int date, activity;

	if (!rd_get_date(r, rec, c->date, true, &date) ||
	    !rd_get_code(r, rec, c->activity, &rd_activity_codes, true, &activity))
		return;
	for (size_t i = 0; i < rec->n; i++) {
		if ((int)i == c->date)
			rd_put_date(w, date);
		else if ((int)i == c->activity)
			rd_put_str(w, rd_activity_codes.code[activity]);
		else
			rd_put(w, rec->f[i], rec->len[i]);
	}
	rd_end_row(w);
}

void
sl_plan_write_missed(struct rd_writer *w, const struct sl_summary *s,
    const char *path)
{
	struct plan_cols c;
	struct rd_reader *r = open_plan(path, s, &c);
	struct rd_record rec;
	size_t row = 0;

	rd_put_header_rec(w, rd_header(r), NULL, 0);
	while (rd_next_good(r, &rec) > 0) {
		if (row < s->plan_rows && s->missed[row])
			put_plan_row(w, r, &rec, &c);
		row++;
	}
	if (row != s->plan_rows)
		rd_die(RD_EXIT_DATA, "%s changed while it was read", path);
	rd_close(r);
}
