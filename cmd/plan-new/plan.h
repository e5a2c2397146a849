/*
 * The dated plan of one episode (plan-new(1)): start items, the items of
 * the protocol's rows, goal reviews and end-planning, with the holiday
 * rule applied.  One plan's storage is reused for the next episode, so
 * memory stays that of the longest plan, whatever the number of episodes.
 */
#ifndef PLAN_NEW_PLAN_H
#define PLAN_NEW_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#include "holidays.h"
#include "protocol.h"

struct plan_settings {
	int review_weeks;	/* a goal review every this many weeks */
	int weekday;		/* of weekly items, 0 Monday .. 6 Sunday; -1: the start's */
	bool start_items;	/* assessment, suicide-risk, treatment-plan, crisis-plan */
	const struct rd_holidays *holidays;	/* NULL: weekends only */
};

/*
 * Order within a day: the start items in this order, then the protocol's
 * rows in protocol order (rank PLAN_RANK_ROWS + row), then goal-review,
 * then end-planning.
 */
enum {
	PLAN_RANK_ASSESSMENT,
	PLAN_RANK_SUICIDE_RISK,
	PLAN_RANK_TREATMENT_PLAN,
	PLAN_RANK_CRISIS_PLAN,
	PLAN_RANK_ROWS
};

struct plan_item {
	int date;		/* after the holiday rule */
	int planned;		/* where the rules put it */
	int activity;		/* index in rd_activity_codes */
	int rank;		/* order within a day, see above */
	unsigned seq;		/* order of creation: the last tie-break */
	const char *phase;	/* "" when no phase holds its week */
	const char *topic;	/* "" for none */
	bool dropped;		/* a holiday, and no free working day later in its week */
	bool placed;		/* the holiday rule has seen it */
};

struct plan {
	struct plan_item *item;	/* sorted by date, rank, seq */
	size_t n, cap;
	size_t *slot;		/* scratch: items made so far per protocol row */
	size_t slot_cap;
};

/*
 * Fills pl with the plan of an episode that starts on day start.  Dropped
 * items stay in the list (at their planned date) for the caller to report.
 */
void plan_build(struct plan *pl, const struct protocol *, int start,
    const struct plan_settings *);
void plan_free(struct plan *);

/* The week (1-based) of day in a plan that starts on day start. */
int plan_week(int start, int day);
/*
 * The order of items: by day (day_a, day_b: their planned day or their
 * date), then rank, then creation; <0, 0, >0 as for qsort.
 */
int plan_key_cmp(int day_a, int day_b, const struct plan_item *,
    const struct plan_item *);

#endif
