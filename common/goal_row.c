/*
 * One goal row and one goal's state (goals.h): the goal columns, a row
 * parsed and checked, its group's hash, the GAS T-score of a set of
 * goals and a goal's attainment and review dates on a day.  The table of
 * goals a file holds, and the checks between its rows, are goals.c's.
 */
#include "goals.h"

#include <math.h>
#include <string.h>

#include "codes.h"
#include "date.h"
#include "diag.h"
#include "fields.h"
#include "idmap.h"
#include "rejects.h"

void
rd_goal_cols(const struct rd_reader *r, struct rd_goal_cols *c)
{
	c->patient_id = rd_col_required(r, "patient_id");
	c->episode_id = rd_col_required(r, "episode_id");
	c->goal_id = rd_col_required(r, "goal_id");
	c->date = rd_col_required(r, "date");
	c->attainment = rd_col_required(r, "attainment");
	c->domain = rd_col(r, "domain");
	c->set_by = rd_col(r, "set_by");
	c->weight = rd_col(r, "weight");
}

static bool
parse_weight(struct rd_reader *r, const struct rd_record *rec, int col,
    double *weight)
{
	char ex[64];

	*weight = 0;
	if (col < 0 || rec->len[col] == 0)
		return true;
	if (rd_parse_real(rec->f[col], rec->len[col], RD_GOAL_WEIGHT_DECIMALS,
	    weight) == 0 && *weight > 0 && *weight <= RD_GOAL_MAX_WEIGHT)
		return true;
	rd_reject(r, rec, col, "weight %s is not a number above 0 and up to %g "
	    "with at most %d decimals", rd_excerpt(rec->f[col], rec->len[col],
	    ex, sizeof ex), RD_GOAL_MAX_WEIGHT, RD_GOAL_WEIGHT_DECIMALS);
	*weight = 0;
	return false;
}

bool
rd_goal_parse(struct rd_reader *r, const struct rd_record *rec,
    const struct rd_goal_cols *c, struct rd_goal_row *g)
{
	long attainment;
	bool present;

	memset(g, 0, sizeof *g);
	g->attainment = RD_NO_ATTAINMENT;
	if (!rd_get_id(r, rec, c->patient_id, true) ||
	    !rd_get_id(r, rec, c->episode_id, false) ||
	    !rd_get_id(r, rec, c->goal_id, true) ||
	    !rd_get_date(r, rec, c->date, true, &g->date) ||
	    !rd_get_code(r, rec, c->domain, &rd_domain_codes, false, &g->domain) ||
	    !rd_get_code(r, rec, c->set_by, &rd_set_by_codes, false, &g->set_by) ||
	    !rd_get_long(r, rec, c->attainment, -2, 2, false, &attainment, &present) ||
	    !parse_weight(r, rec, c->weight, &g->weight))
		return false;
	if (present)
		g->attainment = (int)attainment;
	g->patient_id = rec->f[c->patient_id];
	g->patient_len = rec->len[c->patient_id];
	g->episode_id = rec->f[c->episode_id];
	g->episode_len = rec->len[c->episode_id];
	g->goal_id = rec->f[c->goal_id];
	g->goal_len = rec->len[c->goal_id];
	g->group_hash = rd_goal_group_hash(g->patient_id, g->patient_len,
	    g->episode_id, g->episode_len);
	return true;
}

uint32_t
rd_goal_group_hash(const char *patient_id, size_t patient_len,
    const char *episode_id, size_t episode_len)
{
	uint64_t h = rd_hash_bytes(patient_id, patient_len) *
	    0x9e3779b97f4a7c15ULL ^ rd_hash_bytes(episode_id, episode_len);

	return (uint32_t)(h ^ h >> 32);
}

void
rd_gas_add(struct rd_gas *g, double weight, int attainment)
{
	g->sum_wx += weight * attainment;
	g->sum_w += weight;
	g->sum_w2 += weight * weight;
	g->n++;
}

void
rd_gas_merge(struct rd_gas *into, const struct rd_gas *from)
{
	into->sum_wx += from->sum_wx;
	into->sum_w += from->sum_w;
	into->sum_w2 += from->sum_w2;
	into->n += from->n;
}

bool
rd_gas_t(const struct rd_gas *g, double rho, double *t)
{
	double denom;

	if (g->n == 0)
		return false;
	denom = sqrt((1 - rho) * g->sum_w2 + rho * g->sum_w * g->sum_w);
	if (!(denom > 0))
		return false;
	*t = 50 + 10 * g->sum_wx / denom;
	return true;
}

bool
rd_goal_state_at(const struct rd_goal *goal, int day, struct rd_goal_state *s)
{
	s->set_date = goal->set_date;
	s->reviews = 0;
	s->last_review = RD_NO_DATE;
	s->attainment = RD_NO_ATTAINMENT;
	if (goal->set_date > day)
		return false;
	for (size_t i = 0; i < goal->nreview; i++) {
		const struct rd_goal_review *rv = &goal->review[i];

		if (rv->date > day)
			continue;
		s->reviews++;
		if (s->last_review == RD_NO_DATE || rv->date > s->last_review) {
			s->last_review = rv->date;
			s->attainment = rv->attainment;
		}
	}
	return true;
}

int
rd_goal_next_due(const struct rd_goal_state *s, int review_days)
{
	return (s->last_review != RD_NO_DATE ? s->last_review : s->set_date) +
	    review_days;
}

bool
rd_goal_overdue(const struct rd_goal_state *s, int review_days, int as_of)
{
	return as_of > rd_goal_next_due(s, review_days);
}
