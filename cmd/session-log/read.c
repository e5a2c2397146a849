/*
 * The row loop of --summary and --missed: sessions parsed and validated
 * on every core (par.h), added to the summary in input order in this
 * thread, so that units, notes and output are one thread's, byte for byte.
 */
#include "sessionlog.h"

#include <string.h>

#include "par.h"

/* Each session kept, as bytes (rd_session_stage), with its line first. */
static void
stage_rows(void *arg, struct rd_reader *r, struct rd_writer *w)
{
	const struct rd_session_cols *c = arg;
	struct rd_record rec;
	struct rd_session row;

	while (rd_next_good(r, &rec) > 0)
		if (rd_session_parse(r, &rec, c, &row)) {
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
		/* Without --episodes no row is another patient's: nothing to reject. */
		(void)sl_summary_add_session(s, &row, line);
	}
}

void
sl_summary_read(struct sl_summary *s, struct rd_reader *r,
    const struct rd_session_cols *c)
{
	struct rd_record rec;
	struct rd_session row;

	/* A row of another patient's episode is rejected here, in input order. */
	if (s->episodes == NULL &&
	    rd_par_stage(r, stage_rows, (void *)c, take_rows, s))
		return;
	while (rd_next_good(r, &rec) > 0)
		if (rd_session_parse(r, &rec, c, &row) &&
		    sl_summary_add_session(s, &row, rec.line) == RD_ATTACH_OTHER_PATIENT)
			rd_attach_reject(r, &rec, c->episode_id);
}
