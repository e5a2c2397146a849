/* Normalised output of a validated session row. */
#include "sessionlog.h"

#include <stdbool.h>
#include <string.h>

#include "codes.h"
#include "wordload.h"

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

/* The field of col (absent: col < 0) is the code as the list spells it. */
static bool
code_as_is(const struct rd_record *rec, int col, const struct rd_codes *codes,
    int index)
{
	size_t len = rec->len[col];
	uint64_t a[2], b[2];

	if (len != rd_code_len(codes, index))
		return false;
	if (len > 16)
		return memcmp(rec->f[col], codes->code[index], len) == 0;
	/* Codes are short: two word compares (wordload.h) rather than memcmp. */
	rd_short_words(rec->f[col], len, a);
	rd_short_words(codes->code[index], len, b);
	return a[0] == b[0] && a[1] == b[1];
}

/* A whole number as rd_put_long writes it: no sign, no leading zero. */
static bool
long_as_is(const struct rd_record *rec, int col, long v)
{
	if (col < 0 || v < 0)
		return true;	/* absent, or empty in and out */
	return (rec->f[col][0] >= '1' && rec->f[col][0] <= '9') ||
	    (rec->len[col] == 1 && v == 0);
}

/*
 * A score as rd_put_scaled writes it: one decimal, no sign, no leading
 * zero.  In line: it runs twice a row, mostly on an empty score.
 */
static inline bool
score_as_is(const struct rd_record *rec, int col, int tenths)
{
	const char *f;
	size_t len;

	if (col < 0 || tenths < 0)
		return true;
	f = rec->f[col];
	len = rec->len[col];
	return len >= 3 && f[len - 2] == '.' &&
	    ((f[0] >= '1' && f[0] <= '9') || (f[0] == '0' && len == 3));
}

/*
 * Whether every field comes out as it came in (the usual row: codes in
 * lower case, ISO dates, plain numbers), so that the row can go out as
 * read (rd_put_as_read) or in one copy (rd_put_plain).  Each test is the
 * exact condition under which its column's rule below writes the input
 * bytes back.
 */
static bool
row_as_is(const struct rd_record *rec, const struct rd_session_cols *c,
    const struct rd_session *s)
{
	return rec->plain_sep != '\0' &&
	    rec->len[c->date] == 10 && rec->f[c->date][4] == '-' &&
	    (s->codes_as_spelled ||
	    (code_as_is(rec, c->activity, &rd_activity_codes, s->activity) &&
	    code_as_is(rec, c->attendance, &rd_attendance_codes, s->attendance))) &&
	    long_as_is(rec, c->minutes, s->minutes) &&
	    long_as_is(rec, c->participants, s->participants) &&
	    score_as_is(rec, c->ors, s->ors10) && score_as_is(rec, c->srs, s->srs10);
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
	if (order == NULL && row_as_is(rec, c, s)) {
		if (rd_put_as_read(w, rec))
			return;	/* no copy at all (rd_writer_pass) */
		if (rd_put_plain(w, rec)) {
			rd_end_row(w);
			return;
		}
	}
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
