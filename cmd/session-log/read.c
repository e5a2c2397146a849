/*
 * The row loop of --summary and --missed: sessions parsed and validated
 * on every core (par.h), added to the summary in input order in this
 * thread, so that units, notes and output are one thread's, byte for byte.
 */
#include "sessionlog.h"

#include <string.h>

#include "par.h"

struct stage_ctx {
	const struct rd_session_cols *c;
	const struct rd_episodes *episodes;	/* --episodes, or NULL */
	int as_of;
};

/*
 * Each session kept, as bytes (rd_session_stage), with its line first.
 * With --episodes, a row the summary would attach (dated by as-of, see
 * sl_summary_add_session) to another patient's episode is rejected here,
 * in input order (rd_attach_check), and not handed over: the summary
 * attaches the others again and counts the left-out ones.
 */
static void
stage_rows(void *arg, struct rd_reader *r, struct rd_writer *w)
{
	const struct stage_ctx *x = arg;
	struct rd_record rec;
	struct rd_session row;
	const struct rd_episode *e;

	while (rd_next_good(r, &rec) > 0) {
		if (!rd_session_parse(r, &rec, x->c, &row))
			continue;
		if (x->episodes != NULL && row.date <= x->as_of &&
		    rd_attach_check(x->episodes, r, &rec, x->c->episode_id,
		    row.patient_id, row.patient_id_len, row.episode_id,
		    row.episode_id_len, row.date, &e) == RD_ATTACH_OTHER_PATIENT)
			continue;
		rd_write_raw(w, (const char *)&rec.line, sizeof rec.line);
		rd_session_stage(w, &row);
	}
}

static void
take_rows(void *arg, const char *p, size_t len)
{
	struct sl_summary *s = arg;
	const char *end = p + len;
	struct rd_session row;
	long line;

	while (p < end) {
		memcpy(&line, p, sizeof line);
		p = rd_session_unstage(p + sizeof line, &row);
		/* Rows of another patient's episode were rejected when staged. */
		(void)sl_summary_add_session(s, &row, line);
	}
}

void
sl_summary_read(struct sl_summary *s, struct rd_reader *r,
    const struct rd_session_cols *c)
{
	struct stage_ctx x = { c, s->episodes, s->as_of };
	struct rd_record rec;
	struct rd_session row;

	if (rd_par_stage(r, stage_rows, &x, take_rows, s))
		return;
	while (rd_next_good(r, &rec) > 0)
		if (rd_session_parse(r, &rec, c, &row) &&
		    sl_summary_add_session(s, &row, rec.line) == RD_ATTACH_OTHER_PATIENT)
			rd_attach_reject(r, &rec, c->episode_id);
}
