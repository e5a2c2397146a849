/*
 * Goals (rusdata(7)): one row per goal per review.  The first row of a
 * goal sets it (attainment empty); every later row reviews it with a Goal
 * Attainment Scaling level from -2 to +2.  A goal is known by patient_id,
 * episode_id and goal_id together (episode_id may be empty: the caller
 * attaches such goals to the episode that contains the day they were set).
 *
 * Errors of a goal's rows, beyond bad values: a review before any row set
 * the goal or dated before the day it was set, a second row setting it, a
 * goal reviewed twice on one day, and a domain, set_by or weight on a
 * review that differs from the row that set it (they may be repeated or
 * left empty there).  Rows of a goal may come in any date order after the
 * row that sets it.  A goal whose first row was rejected is not kept, and
 * neither is any later row of it: each is rejected naming that first row,
 * so that a review never stays behind in the table for a goal that is not
 * shown (with --rejects every line is in the output or the rejects file).
 *
 * The goal table holds per-goal state only (a few bytes per review):
 * goal-track, care-check and outcome-report read goals through it, so
 * there is one reader of goal rows.  Summaries look at a goal as it stood
 * on a given day (--as-of): rows dated later are left out.
 */
#ifndef RD_GOALS_H
#define RD_GOALS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "reader.h"

#define RD_GAS_RHO 0.3			/* inter-goal correlation, Kiresuk-Sherman */
#define RD_GOAL_REVIEW_DAYS 28		/* goal-track --review-days */
#define RD_GOAL_MAX_WEIGHT 1000.0
#define RD_GOAL_WEIGHT_DECIMALS 4
#define RD_NO_ATTAINMENT (-100)		/* the row sets the goal */

struct rd_goal_cols {
	int patient_id, episode_id, goal_id, domain, set_by, date, attainment,
	    weight;
};

/* One validated row; strings point into the record. */
struct rd_goal_row {
	const char *patient_id, *episode_id, *goal_id;
	size_t patient_len, episode_len, goal_len;
	int domain, set_by;	/* codes.h indexes, -1 when empty */
	int date;
	int attainment;		/* -2..2, RD_NO_ATTAINMENT when empty */
	double weight;		/* 0 when empty (the goal's weight is then 1) */
	/*
	 * rd_goal_group_hash of patient_id and episode_id, made with the row
	 * (in the reading threads) so that the goal table hashes no key.
	 */
	uint32_t group_hash;
};

/* The hash the goal table finds a patient's and episode's group by. */
uint32_t rd_goal_group_hash(const char *patient_id, size_t patient_len,
    const char *episode_id, size_t episode_len);

/*
 * Finds the columns: patient_id, episode_id, goal_id, date and attainment
 * are required (exit 2 when missing); domain, set_by and weight optional.
 */
void rd_goal_cols(const struct rd_reader *, struct rd_goal_cols *);
/* Validates the values of one row (rejecting it through rd_reject). */
bool rd_goal_parse(struct rd_reader *, const struct rd_record *,
    const struct rd_goal_cols *, struct rd_goal_row *);

/*
 * The Kiresuk-Sherman T-score over goals with weights w and attainment x:
 *   T = 50 + 10 * sum(w*x) / sqrt((1 - rho) * sum(w^2) + rho * (sum w)^2)
 * The sums are kept so that partial results merge (outcome-report).
 */
struct rd_gas {
	double sum_wx, sum_w, sum_w2;
	size_t n;
};

void rd_gas_add(struct rd_gas *, double weight, int attainment);
void rd_gas_merge(struct rd_gas *into, const struct rd_gas *from);
/* False (T unknown) when no goal was added. */
bool rd_gas_t(const struct rd_gas *, double rho, double *t);

struct rd_goal_review {
	int date;
	int attainment;
};

/* 64 bytes: a goal table holds one a goal. */
struct rd_goal {
	size_t group;		/* its patient/episode, see rd_goals_group_* */
	const char *goal_id;
	double weight;		/* 1 when not given */
	long line;		/* line of the row that set it */
	struct rd_goal_review *review;	/* in input order */
	int16_t domain, set_by;	/* codes.h indexes, -1 when unknown */
	int set_date;
	uint32_t nreview, review_cap;
	uint32_t id_len;	/* of goal_id, compared before its bytes */
	bool dropped;		/* rd_goals_drop: left out with its later rows */
};

/* A goal as it stood on a day. */
struct rd_goal_state {
	int set_date;
	size_t reviews;		/* reviews on or before the day */
	int last_review;	/* RD_NO_DATE when none */
	int attainment;		/* of last_review, RD_NO_ATTAINMENT when none */
};

/* False when the goal was set after day (it did not exist yet). */
bool rd_goal_state_at(const struct rd_goal *, int day, struct rd_goal_state *);
/* The day the next review is due: review_days after the last review, or
 * after the day the goal was set when it has had none. */
int rd_goal_next_due(const struct rd_goal_state *, int review_days);
/* Overdue on as_of: a day threshold is broken only after it (rusdata(7)). */
bool rd_goal_overdue(const struct rd_goal_state *, int review_days, int as_of);

struct rd_goals;

struct rd_goals *rd_goals_new(void);
void rd_goals_free(struct rd_goals *);
/*
 * Validates one row (values and the rules above) and adds it; false when
 * it was rejected.  goal-track streams its input through this.
 */
bool rd_goals_add(struct rd_goals *, struct rd_reader *, const struct rd_record *,
    const struct rd_goal_cols *);
/*
 * rd_goals_add in two steps, for rows parsed in another thread (par.h):
 * rd_goals_add_row checks and adds a row that rd_goal_parse accepted
 * (g points into rec); rd_goals_note_rejected notes a row it rejected,
 * whose goal's later rows are then left out.
 */
bool rd_goals_add_row(struct rd_goals *, struct rd_reader *,
    const struct rd_record *, const struct rd_goal_cols *,
    const struct rd_goal_row *g);
void rd_goals_note_rejected(struct rd_goals *, const struct rd_record *,
    const struct rd_goal_cols *);
/*
 * Hints for the parsed rows g[0..n) (at most RD_GOALS_BATCH of them)
 * about to be added in order: the memory their lookups will read is
 * fetched for all of them at once, so that on input in no order their
 * cache misses overlap instead of coming one row after another.
 * Changes nothing in the table; the groups and goals it found are kept
 * for rd_goals_add_row when it is then given the same rows (the same
 * pointers, unchanged) in order, so that they are not looked up again.
 * Any other row given ends that.
 */
#define RD_GOALS_BATCH 32
void rd_goals_prefetch(struct rd_goals *, const struct rd_goal_row *const *g,
    size_t n);
/*
 * Leaves goal i out after rd_goals_add kept the row that set it, when
 * the caller then rejected that row (goal-track: its episode_id names
 * another patient's episode): every later row of the goal is rejected,
 * naming the line of the row that set it.  The goal stays in the table
 * (its index is stable); the caller no longer shows it.
 */
void rd_goals_drop(struct rd_goals *, size_t i);
/* Reads a whole goals file; every bad row is fatal (a secondary input). */
struct rd_goals *rd_goals_load(const char *path);

/* Goals in the order they were set. */
size_t rd_goals_count(const struct rd_goals *);
const struct rd_goal *rd_goals_at(const struct rd_goals *, size_t i);

/* Patient/episode groups in order of first appearance. */
size_t rd_goals_group_count(const struct rd_goals *);
const char *rd_goals_group_patient(const struct rd_goals *, size_t group);
const char *rd_goals_group_episode(const struct rd_goals *, size_t group);	/* "" when empty */
/* The goals of a group (*n of them) as indexes for rd_goals_at. */
const size_t *rd_goals_of_group(const struct rd_goals *, size_t group, size_t *n);
/* The group of a patient and episode, or (size_t)-1 (uses a scratch key). */
size_t rd_goals_find_group(struct rd_goals *, const char *patient_id,
    size_t patient_len, const char *episode_id, size_t episode_len);

#endif
