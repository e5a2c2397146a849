/*
 * goal-track's row loop on every core (par.h): goal rows are parsed and
 * validated in the chunk threads and handed, record and values, to the
 * calling thread in input order, where the goal table checks each one
 * against the rows before it (a goal set twice, a review before the goal
 * is set) exactly as one thread's loop does, rejects in line order.
 */
#ifndef GOAL_TRACK_READ_H
#define GOAL_TRACK_READ_H

#include "goals.h"
#include "reader.h"

/*
 * Called in input order for every good record of r (the reader given to
 * goal_read_rows, in the calling thread): g its values, or NULL when
 * rd_goal_parse rejected it.
 */
typedef void goal_row_fn(void *arg, struct rd_reader *r,
    const struct rd_record *rec, const struct rd_goal_row *g);

/*
 * Called before fn in the calling thread with the rows of a batch
 * (at most RD_GOALS_BATCH) that fn is about to be given values of, in
 * order: rd_goals_prefetch.  Not called in one thread.
 */
typedef void goal_hint_fn(void *arg, const struct rd_goal_row *const *g,
    size_t n);

void goal_read_rows(struct rd_reader *r, const struct rd_goal_cols *c,
    goal_row_fn *fn, goal_hint_fn *hint, void *arg);

#endif
