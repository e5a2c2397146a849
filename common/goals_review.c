/*
 * A goal row checked against its goal (goals.h): a review of a goal set
 * before (review_goal), a row of a goal no row set (unset_goal) or whose
 * first row was rejected (left_out_goal), and the memory of those goals'
 * rejected first rows (rd_goals_note_rejected).  The table of goals, its
 * lookups and the adding of rows are goals.c's.
 */
#include "goals.h"
#include "goals_impl.h"

#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "diag.h"
#include "fields.h"
#include "idmap.h"
#include "rejects.h"

/* "<n>:" into out (room for 24 bytes); returns its length.  No printf: it runs a row. */
static size_t
number_prefix(size_t n, char *out)
{
	char digits[24];
	size_t len = 0, i = 0;

	do
		digits[len++] = (char)('0' + n % 10);
	while ((n /= 10) != 0);
	while (len > 0)
		out[i++] = digits[--len];
	out[i++] = ':';
	return i;
}

/*
 * The key of a goal by its ids, for goals that have no group: both
 * lengths first, so that no ids can run together into another's key.
 */
static size_t
rejected_key(struct rd_goals *t, const struct rd_goal_row *g)
{
	char plen[24], elen[24];
	size_t np = number_prefix(g->patient_len, plen);
	size_t ne = number_prefix(g->episode_len, elen);
	size_t len = np + ne + g->patient_len + g->episode_len + g->goal_len;
	char *k = key_room(t, len);

	memcpy(k, plen, np);
	memcpy(k + np, elen, ne);
	k += np + ne;
	memcpy(k, g->patient_id, g->patient_len);
	memcpy(k + g->patient_len, g->episode_id, g->episode_len);
	memcpy(k + g->patient_len + g->episode_len, g->goal_id, g->goal_len);
	t->key[len] = '\0';
	return len;
}

/* The line of the rejected first row of a goal not set, or 0. */
static long
rejected_first_line(struct rd_goals *t, const struct rd_goal_row *g)
{
	size_t len, id;

	if (t->rejected_ids == NULL)
		return 0;
	len = rejected_key(t, g);	/* first: it may move t->key */
	id = rd_idmap_find(t->rejected_ids, t->key, len);
	return id == (size_t)-1 ? 0 : t->rejected_line[id];
}

/* Rejects a row of a goal whose first row (on line) was rejected. */
bool
left_out_goal(struct rd_reader *r, const struct rd_record *rec,
    const struct rd_goal_cols *c, const struct rd_goal_row *g, long line)
{
	char ex[64];

	rd_reject(r, rec, c->goal_id, "goal %s is left out: its first row, on "
	    "line %ld, was rejected", rd_excerpt(g->goal_id, g->goal_len, ex,
	    sizeof ex), line);
	return false;
}

/* A review of a goal that no earlier row set. */
bool
unset_goal(struct rd_goals *t, struct rd_reader *r, const struct rd_record *rec,
    const struct rd_goal_cols *c, const struct rd_goal_row *g)
{
	char ex[64];
	long line = rejected_first_line(t, g);

	if (line > 0)
		return left_out_goal(r, rec, c, g, line);
	rd_reject(r, rec, c->attainment, "goal %s is reviewed before a row sets "
	    "it (the first row of a goal has an empty attainment)",
	    rd_excerpt(g->goal_id, g->goal_len, ex, sizeof ex));
	return false;
}

/* A review may repeat the goal's domain, set_by and weight, not change them. */
static bool
same_properties(struct rd_reader *r, const struct rd_record *rec,
    const struct rd_goal_cols *c, const struct rd_goal_row *g,
    const struct rd_goal *goal)
{
	int col = -1;
	const char *what = NULL;

	if (g->domain >= 0 && g->domain != goal->domain)
		col = c->domain, what = "domain";
	else if (g->set_by >= 0 && g->set_by != goal->set_by)
		col = c->set_by, what = "set_by";
	else if (g->weight > 0 && g->weight != goal->weight)
		col = c->weight, what = "weight";
	if (col < 0)
		return true;
	rd_reject(r, rec, col, "%s differs from the row that set the goal on line %ld",
	    what, goal->line);
	return false;
}

bool
review_goal(struct pool *pool, struct rd_reader *r, const struct rd_record *rec,
    const struct rd_goal_cols *c, const struct rd_goal_row *g,
    struct rd_goal *goal)
{
	char day[11];

	if (g->attainment == RD_NO_ATTAINMENT) {
		rd_reject(r, rec, c->attainment, "goal is set twice (first on line "
		    "%ld); a review needs an attainment from -2 to 2", goal->line);
		return false;
	}
	if (g->date < goal->set_date) {
		rd_date_format(goal->set_date, day);
		rd_reject(r, rec, c->date, "review is dated before the goal was set "
		    "(%s on line %ld)", day, goal->line);
		return false;
	}
	for (size_t i = 0; i < goal->nreview; i++)
		if (goal->review[i].date == g->date) {
			rd_reject(r, rec, c->date, "goal is reviewed twice on one day");
			return false;
		}
	if (!same_properties(r, rec, c, g, goal))
		return false;
	if (goal->nreview == goal->review_cap) {
		uint32_t cap = goal->review_cap ? goal->review_cap * 2 : 2;

		if (goal->review_cap > UINT32_MAX / 2)
			rd_die(RD_EXIT_DATA, "a goal with more than %lu reviews",
			    (unsigned long)UINT32_MAX / 2);

		goal->review = pool_grow(pool, goal->review, goal->review_cap *
		    sizeof *goal->review, cap * sizeof *goal->review);
		goal->review_cap = cap;
	}
	goal->review[goal->nreview].date = g->date;
	goal->review[goal->nreview].attainment = g->attainment;
	goal->nreview++;
	return true;
}

/*
 * After a row was rejected: when its ids are valid and name a goal not
 * set yet, remembers its line as the goal's first row, so that the later
 * rows of the goal are rejected naming it (left_out_goal).  Rows with a
 * bad id are not remembered: their goal's rows fail on the id too.
 */
void
rd_goals_note_rejected(struct rd_goals *t, const struct rd_record *rec,
    const struct rd_goal_cols *c)
{
	struct rd_goal_row g = {
		.patient_id = rec->f[c->patient_id], .patient_len = rec->len[c->patient_id],
		.episode_id = rec->f[c->episode_id], .episode_len = rec->len[c->episode_id],
		.goal_id = rec->f[c->goal_id], .goal_len = rec->len[c->goal_id],
	};
	size_t group, id, len;
	int is_new;

	if (rd_id_check(g.patient_id, g.patient_len) <= 0 ||
	    rd_id_check(g.goal_id, g.goal_len) <= 0 ||
	    (g.episode_len > 0 && rd_id_check(g.episode_id, g.episode_len) <= 0))
		return;
	g.group_hash = rd_goal_group_hash(g.patient_id, g.patient_len,
	    g.episode_id, g.episode_len);
	if (find_goal(t, &g, &group) != (size_t)-1)
		return;
	if (t->rejected_ids == NULL)
		t->rejected_ids = rd_idmap_new();
	len = rejected_key(t, &g);	/* first: it may move t->key */
	id = rd_idmap_intern(t->rejected_ids, t->key, len, &is_new);
	if (!is_new)
		return;
	if (id == t->rejected_cap) {
		t->rejected_cap = t->rejected_cap ? 2 * t->rejected_cap : 16;
		t->rejected_line = rd_realloc(t->rejected_line,
		    t->rejected_cap * sizeof *t->rejected_line);
	}
	t->rejected_line[id] = rec->line;
}
