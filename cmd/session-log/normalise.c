/* Normalised output of a validated session row. */
#include "sessionlog.h"

#include "codes.h"

static void
put_long_or_empty(struct rd_writer *w, long v)
{
	if (v < 0)
		rd_put_empty(w);
	else
		rd_put_long(w, v);
}

static void
put_score(struct rd_writer *w, int tenths)
{
	if (tenths < 0)
		rd_put_empty(w);
	else
		rd_put_scaled(w, tenths, 1);
}

/* A valid date already in ISO form goes out as it is: no reformatting. */
static void
put_date(struct rd_writer *w, const char *text, size_t len, int day)
{
	if (len == 10 && text[4] == '-')
		rd_put_clean(w, text, len);
	else
		rd_put_date(w, day);
}

/*
 * Codes come out in their lower-case spelling (after --map), dates in ISO,
 * numbers without signs or leading zeros, scores with one decimal; every
 * other field, extra columns included, goes out as it came in.
 */
void
sl_put_normalised(struct rd_writer *w, const struct rd_record *rec,
    const struct rd_session_cols *c, const struct rd_session *s,
    const size_t *order)
{
	for (size_t k = 0; k < rec->n; k++) {
		size_t i = order != NULL ? order[k] : k;
		int col = (int)i;

		if (col == c->date)
			put_date(w, rec->f[i], rec->len[i], s->date);
		else if (col == c->activity)
			rd_put_clean(w, rd_activity_codes.code[s->activity],
			    rd_code_len(&rd_activity_codes, s->activity));
		else if (col == c->attendance)
			rd_put_clean(w, rd_attendance_codes.code[s->attendance],
			    rd_code_len(&rd_attendance_codes, s->attendance));
		else if (col == c->minutes)
			put_long_or_empty(w, s->minutes);
		else if (col == c->participants)
			put_long_or_empty(w, s->participants);
		else if (col == c->ors)
			put_score(w, s->ors10);
		else if (col == c->srs)
			put_score(w, s->srs10);
		else
			rd_put(w, rec->f[i], rec->len[i]);
	}
	rd_end_row(w);
}
