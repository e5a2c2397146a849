#include "summary.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codes.h"
#include "fields.h"

void
goal_summary_init(struct goal_summary *s)
{
	memset(s, 0, sizeof *s);
	s->last_review = RD_NO_DATE;
	s->next_review_due = RD_NO_DATE;
}

bool
goal_summary_add(struct goal_summary *s, const struct rd_goal *goal, int as_of,
    int review_days)
{
	struct rd_goal_state st;
	int due;

	if (!rd_goal_state_at(goal, as_of, &st))
		return false;
	s->goals++;
	if (goal->set_by >= 0) {
		s->set_by_known++;
		if (goal->set_by == RD_SET_PATIENT || goal->set_by == RD_SET_JOINT)
			s->set_by_patient++;
	}
	if (st.last_review != RD_NO_DATE) {
		rd_gas_add(&s->gas, goal->weight, st.attainment);
		if (s->last_review == RD_NO_DATE || st.last_review > s->last_review)
			s->last_review = st.last_review;
	}
	if (review_days <= 0)
		return true;
	due = rd_goal_next_due(&st, review_days);
	if (s->next_review_due == RD_NO_DATE || due < s->next_review_due)
		s->next_review_due = due;
	return true;
}

bool
goal_episode_ended(const struct rd_episode *e, int as_of)
{
	return e != NULL && e->end != RD_NO_DATE && e->end <= as_of;
}

bool
goal_summary_set_by_share(const struct goal_summary *s, double *share)
{
	if (s->set_by_known == 0)
		return false;
	*share = (double)s->set_by_patient / (double)s->set_by_known;
	return true;
}

bool
goal_summary_overdue(const struct goal_summary *s, int as_of)
{
	/* The same rule as rd_goal_overdue: late only after the due day. */
	return s->next_review_due != RD_NO_DATE && as_of > s->next_review_due;
}

bool
goal_summary_t(const struct goal_summary *s, double rho, double *t, bool *met)
{
	char printed[64];

	if (!rd_gas_t(&s->gas, rho, t))
		return false;
	/* Judged as printed, so that a T shown as 50.00 is never "not met". */
	snprintf(printed, sizeof printed, "%.*f", GOAL_T_DECIMALS, *t);
	*met = strtod(printed, NULL) >= 50.0;
	return true;
}

void
goal_format_weight(double weight, char out[32])
{
	size_t len;

	snprintf(out, 32, "%.*f", RD_GOAL_WEIGHT_DECIMALS, weight);
	len = strlen(out);
	while (len > 0 && out[len - 1] == '0')
		out[--len] = '\0';
	if (len > 0 && out[len - 1] == '.')
		out[--len] = '\0';
}
