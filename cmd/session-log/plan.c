/*
 * The plan (plan-new's output) as a secondary input: read once to collect
 * the items due by as-of, and once more by --missed to print the rows of
 * the items missed, exactly as they are in the plan.
 */
#include "sessionlog.h"

#include <stdint.h>
#include <string.h>

#include "codes.h"
#include "diag.h"
#include "fields.h"
#include "par.h"
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

/* A due item as a reading thread hands it over; the id bytes follow. */
struct staged_item {
	struct rd_attached a;
	int date, activity;
	uint32_t patient_len, episode_len;
};

struct plan_read {
	struct sl_summary *s;
	struct plan_cols c;
	size_t rows;		/* good rows so far: the next one's number */
};

/*
 * A plan row's values and attachment (attach.h's rd_attached_until), false for a
 * bad one (the strict reader has then stopped the tool) or for a row of
 * another patient's episode (rejected, which stops it too).
 */
static bool
plan_row(const struct plan_read *x, struct rd_reader *r,
    const struct rd_record *rec, struct staged_item *it, const char **patient,
    const char **episode)
{
	const struct plan_cols *c = &x->c;

	if (!rd_get_id(r, rec, c->patient_id, true) ||
	    !rd_get_id(r, rec, c->episode_id, c->episode_required) ||
	    !rd_get_date(r, rec, c->date, true, &it->date) ||
	    !rd_get_code(r, rec, c->activity, &rd_activity_codes, true,
	    &it->activity))
		return false;
	*patient = rec->f[c->patient_id];
	it->patient_len = (uint32_t)rec->len[c->patient_id];
	*episode = c->episode_id >= 0 ? rec->f[c->episode_id] : "";
	it->episode_len = c->episode_id >= 0 ? (uint32_t)rec->len[c->episode_id] : 0;
	it->a = rd_attached_until(x->s->episodes, x->s->by_episode, x->s->as_of,
	    r, rec, c->episode_id, *patient, it->patient_len, *episode,
	    it->episode_len, it->date);
	return it->a.reason != RD_ATTACH_OTHER_PATIENT;
}

static void
plan_add(struct plan_read *x, const struct staged_item *it,
    const char *patient, const char *episode)
{
	sl_summary_add_item(x->s, patient, it->patient_len, episode,
	    it->episode_len, it->date, it->activity, x->rows++, &it->a);
}

static void
stage_items(void *arg, struct rd_reader *r, struct rd_writer *w)
{
	const struct plan_read *x = arg;
	struct rd_record rec;
	struct staged_item it;
	const char *patient, *episode;

	while (rd_next_good(r, &rec) > 0)
		if (plan_row(x, r, &rec, &it, &patient, &episode)) {
			rd_write_raw(w, (const char *)&it, sizeof it);
			rd_write_raw(w, patient, it.patient_len);
			rd_write_raw(w, episode, it.episode_len);
		}
}

static void
take_items(void *arg, const char *p, size_t len)
{
	struct plan_read *x = arg;
	const char *end = p + len;
	struct staged_item it;

	while (p < end) {
		memcpy(&it, p, sizeof it);
		p += sizeof it;
		plan_add(x, &it, p, p + it.patient_len);
		p += it.patient_len + it.episode_len;
	}
}

/*
 * Items due by as-of into the summary, numbered by their good rows; read
 * on every core (par.h) and added in input order, as in one thread.
 */
size_t
sl_plan_load(struct sl_summary *s, const char *path)
{
	struct plan_read x = { .s = s };
	struct rd_reader *r = open_plan(path, s, &x.c);
	struct rd_record rec;
	struct staged_item it;
	const char *patient, *episode;

	if (!rd_par_stage(r, stage_items, &x, take_items, &x))
		while (rd_next_good(r, &rec) > 0)
			if (plan_row(&x, r, &rec, &it, &patient, &episode))
				plan_add(&x, &it, patient, episode);
	rd_close(r);
	return x.rows;
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
