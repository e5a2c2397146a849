/*
 * goal-track's logic: the per patient/episode summary and each goal's
 * state on the as-of day, from goals of the shared table (goals.h).
 */
#ifndef GOAL_TRACK_SUMMARY_H
#define GOAL_TRACK_SUMMARY_H

#include <stdbool.h>
#include <stddef.h>

#include "episodes.h"
#include "goals.h"

#define GOAL_T_DECIMALS 2

struct goal_summary {
	size_t goals;		/* set on or before as-of */
	size_t set_by_known;	/* goals with set_by given */
	size_t set_by_patient;	/* of those, set by the patient or jointly */
	int last_review;	/* RD_NO_DATE when no goal was reviewed */
	int next_review_due;	/* earliest due day over the goals, RD_NO_DATE */
	struct rd_gas gas;	/* latest attainment of each reviewed goal */
};

void goal_summary_init(struct goal_summary *);
/*
 * Adds a goal as it stood on as_of; false when it was set later (left
 * out).  review_days 0: no review is due any more (its episode ended).
 */
bool goal_summary_add(struct goal_summary *, const struct rd_goal *, int as_of,
    int review_days);
/*
 * Whether the episode a goal attaches to (--episodes) ended on or before
 * as_of; false for NULL (no --episodes).
 */
bool goal_episode_ended(const struct rd_episode *, int as_of);
/* Share of goals set by the patient or jointly; false when unknown. */
bool goal_summary_set_by_share(const struct goal_summary *, double *share);
bool goal_summary_overdue(const struct goal_summary *, int as_of);
/*
 * The T-score with inter-goal correlation rho, and whether the goals are
 * met (T >= 50: the expected level on balance, as outcome-report counts
 * goals_met); false when no goal has been reviewed.
 */
bool goal_summary_t(const struct goal_summary *, double rho, double *t,
    bool *met);

/* A weight as short as it can be written: 1, 0.5, 2.25. */
void goal_format_weight(double weight, char out[32]);

#endif
