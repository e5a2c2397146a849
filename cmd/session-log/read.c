/*
 * The row loop of --summary and --missed: sessions parsed, validated and
 * attached (attach.h's rd_attached_until: a row of another patient's
 * episode is rejected there) on every core (par.h), added to the summary in input
 * order in this thread, so that units, notes and output are one
 * thread's, byte for byte.
 */
#include "sessionlog.h"

#include <string.h>

#include "par.h"

struct stage_ctx {
	const struct sl_summary *s;
	const struct rd_session_cols *c;
};

/* A session's values and attachment, false for a bad or rejected row. */
static bool
session_row(const struct stage_ctx *x, struct rd_reader *r,
    const struct rd_record *rec, struct rd_session *row, struct rd_attached *a)
{
	if (!rd_session_parse(r, rec, x->c, row))
		return false;
	*a = rd_attached_until(x->s->episodes, x->s->by_episode, x->s->as_of, r,
	    rec, x->c->episode_id, row->patient_id, row->patient_id_len,
	    row->episode_id, row->episode_id_len, row->date);
	return a->reason != RD_ATTACH_OTHER_PATIENT;
}

/* Each session kept, as bytes: its attachment, then rd_session_stage. */
static void
stage_rows(void *arg, struct rd_reader *r, struct rd_writer *w)
{
	const struct stage_ctx *x = arg;
	struct rd_record rec;
	struct rd_session row;
	struct rd_attached a;

	while (rd_next_good(r, &rec) > 0)
		if (session_row(x, r, &rec, &row, &a)) {
			rd_write_raw(w, (const char *)&a, sizeof a);
			rd_session_stage(w, &row);
		}
}

static void
take_rows(void *arg, const char *p, size_t len)
{
	struct sl_summary *s = arg;
	const char *end = p + len;
	struct rd_session row;
	struct rd_attached a;

	while (p < end) {
		memcpy(&a, p, sizeof a);
		p = rd_session_unstage(p + sizeof a, &row);
		sl_summary_add_session(s, &row, &a);
	}
}

void
sl_summary_read(struct sl_summary *s, struct rd_reader *r,
    const struct rd_session_cols *c)
{
	struct stage_ctx x = { s, c };
	struct rd_record rec;
	struct rd_session row;
	struct rd_attached a;

	if (rd_par_stage(r, stage_rows, &x, take_rows, s))
		return;
	while (rd_next_good(r, &rec) > 0)
		if (session_row(&x, r, &rec, &row, &a))
			sl_summary_add_session(s, &row, &a);
}
