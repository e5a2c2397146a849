#include "attach.h"

#include <stdio.h>
#include <string.h>

#include "diag.h"
#include "fields.h"
#include "rejects.h"

static bool
contains(int start, int end, int day)
{
	return day >= start && (end == RD_NO_DATE || day <= end);
}

enum rd_attach_reason
rd_attach(const struct rd_episodes *t, const char *patient, size_t plen,
    const char *episode, size_t elen, int day, const struct rd_episode **ep)
{
	const struct rd_episode *e;
	struct rd_episode_brief b;

	*ep = NULL;
	if (elen == 0) {
		e = rd_episodes_by_date(t, patient, plen, day);
		if (e == NULL)
			return RD_ATTACH_NO_EPISODE;
		*ep = e;
		return RD_ATTACH_BY_DATE;
	}
	if (!rd_episodes_by_id_brief(t, episode, elen, patient, plen, &b))
		return RD_ATTACH_UNKNOWN_ID;
	if (!b.own)
		return RD_ATTACH_OTHER_PATIENT;
	if (!contains(b.start, b.end, day))
		return RD_ATTACH_OUTSIDE;
	*ep = rd_episodes_at(t, b.row);
	return RD_ATTACH_BY_ID;
}

bool
rd_attach_count(struct rd_attach_note *note, enum rd_attach_reason reason,
    long line)
{
	if (reason == RD_ATTACH_BY_ID || reason == RD_ATTACH_BY_DATE)
		return true;
	if (reason == RD_ATTACH_OTHER_PATIENT)
		return false;
	if (rd_attach_note_total(note) == 0)
		note->first_line = line;
	note->left_out[reason]++;
	return false;
}

void
rd_attach_reject(struct rd_reader *r, const struct rd_record *rec, int episode_col)
{
	char ex[64];

	rd_reject(r, rec, episode_col, "episode_id %s belongs to another patient "
	    "in the episodes file", rd_excerpt(rec->f[episode_col],
	    rec->len[episode_col], ex, sizeof ex));
}

enum rd_attach_reason
rd_attach_check(const struct rd_episodes *t, struct rd_reader *r,
    const struct rd_record *rec, int episode_col, const char *patient,
    size_t plen, const char *episode, size_t elen, int day,
    const struct rd_episode **ep)
{
	enum rd_attach_reason reason = rd_attach(t, patient, plen, episode, elen,
	    day, ep);

	if (reason == RD_ATTACH_OTHER_PATIENT)
		rd_attach_reject(r, rec, episode_col);
	return reason;
}

struct rd_attached
rd_attached_check(const struct rd_episodes *t, struct rd_reader *r,
    const struct rd_record *rec, int episode_col, const char *patient,
    size_t plen, const char *episode, size_t elen, int day)
{
	struct rd_attached a = { rec->line, -1, RD_ATTACH_BY_ID, 0 };
	const struct rd_episode *e;

	if (t == NULL)
		return a;
	a.reason = (int)rd_attach_check(t, r, rec, episode_col, patient, plen,
	    episode, elen, day, &e);
	if (e != NULL)
		a.ep = (long)rd_episodes_row_of(t, e);
	return a;
}

void
rd_attached_by_date_rows(const struct rd_episodes *t, size_t n,
    const long *line, const char *const *patient, const size_t *plen,
    const int *day, struct rd_attached *a)
{
	long row[RD_EPISODES_BATCH];

	if (t != NULL)
		rd_episodes_by_date_rows(t, n, patient, plen, day, row);
	for (size_t i = 0; i < n; i++) {
		a[i] = (struct rd_attached){ line[i], -1, RD_ATTACH_BY_ID, 0 };
		if (t == NULL)
			continue;
		/* As rd_attach without an episode_id. */
		a[i].ep = row[i];
		a[i].reason = row[i] >= 0 ? RD_ATTACH_BY_DATE : RD_ATTACH_NO_EPISODE;
	}
}

struct rd_attached
rd_attached_by_episode(const struct rd_episodes *t, struct rd_reader *r,
    const struct rd_record *rec, int episode_col, const char *patient,
    size_t plen, const char *episode, size_t elen, int day)
{
	struct rd_attached a = rd_attached_check(t, r, rec, episode_col, patient,
	    plen, episode, elen, day);

	if (t == NULL && elen == 0)
		a.reason = RD_ATTACH_NO_EPISODE;
	return a;
}

struct rd_attached
rd_attached_until(const struct rd_episodes *t, bool by_episode, int as_of,
    struct rd_reader *r, const struct rd_record *rec, int episode_col,
    const char *patient, size_t plen, const char *episode, size_t elen, int day)
{
	struct rd_attached a = { rec->line, -1, RD_ATTACH_BY_ID, 0 };

	if (day > as_of)
		return a;
	return (by_episode ? rd_attached_by_episode : rd_attached_check)(t, r,
	    rec, episode_col, patient, plen, episode, elen, day);
}

bool
rd_attached_count(struct rd_attach_note *note, const struct rd_attached *a)
{
	return rd_attach_count(note, (enum rd_attach_reason)a->reason, a->line);
}

const struct rd_episode *
rd_attach_keep(const struct rd_episodes *t, struct rd_attach_note *note,
    struct rd_reader *r, const struct rd_record *rec, int episode_col,
    const char *patient, size_t plen, const char *episode, size_t elen, int day,
    enum rd_attach_reason *why)
{
	const struct rd_episode *e;
	enum rd_attach_reason reason = rd_attach_check(t, r, rec, episode_col,
	    patient, plen, episode, elen, day, &e);

	if (why != NULL)
		*why = reason;
	return rd_attach_count(note, reason, rec->line) ? e : NULL;
}

unsigned long
rd_attach_note_total(const struct rd_attach_note *note)
{
	unsigned long n = 0;

	for (int i = 0; i < RD_ATTACH_NREASONS; i++)
		n += note->left_out[i];
	return n;
}

void
rd_attach_note_print(const struct rd_attach_note *note, const char *path,
    const char *what)
{
	unsigned long n = rd_attach_note_total(note);
	unsigned long unknown = note->left_out[RD_ATTACH_UNKNOWN_ID];
	unsigned long outside = note->left_out[RD_ATTACH_OUTSIDE];
	char unknown_text[64] = "", outside_text[80] = "";

	if (n == 0)
		return;
	/* Why, when it is not simply a date outside every episode. */
	if (unknown > 0)
		snprintf(unknown_text, sizeof unknown_text, "; %lu name%s an unknown "
		    "episode_id", unknown, unknown == 1 ? "s" : "");
	if (outside > 0)
		snprintf(outside_text, sizeof outside_text, "; %lu %s dated outside "
		    "the episode %s name%s", outside, outside == 1 ? "is" : "are",
		    outside == 1 ? "it" : "they", outside == 1 ? "s" : "");
	rd_warn("note: %s: %lu %s%s fit%s no episode and %s left out (the first "
	    "on line %ld%s%s)", path, n, what, n == 1 ? "" : "s", n == 1 ? "s" : "",
	    n == 1 ? "was" : "were", note->first_line, unknown_text, outside_text);
}
