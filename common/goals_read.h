/*
 * Reading a goals file into a goal table (goals.h) on every core, the one
 * reader of goal rows for goal-track, outcome-report and care-check.
 *
 * In the chunk threads of par.h's rd_par_stage each row is parsed and
 * validated (rd_goal_parse) and, when an episode table is given, the
 * episode of a row that may set a goal (empty attainment, dated on or
 * before as_of) is looked up there (rd_attach: read-only on the table,
 * one hash probe a row off the calling thread).  The calling thread then
 * takes the rows in input order and checks each against the rows before
 * it (rd_goals_add_row, rd_goals_note_rejected: a goal set twice, a review
 * before the goal is set), and applies attach.h's policy to every goal the
 * table sets: a goal whose row names another patient's episode is
 * rejected there (rd_attach_reject) and dropped (rd_goals_drop, so its
 * later rows are rejected too); one that fits no episode is counted in
 * note.  Whether a row sets a goal depends on the rows before it, so the
 * policy cannot be applied in a worker the way dated.h does for sessions;
 * only the lookup is.  The table, the rejects (in line order), the notes,
 * the messages and the exit status are those of one thread's row loop,
 * byte for byte; with one thread that loop runs, through the same steps.
 *
 * fn(arg, goal, ep), when fn is not NULL, is called in the calling thread
 * once for every goal the table sets, in the order they are set (goal is
 * its index for rd_goals_at): ep is its episode's row (rd_episodes_at),
 * or RD_GOAL_NO_EPISODE when eps is NULL, the goal was set after as_of,
 * fits no episode, or its row was rejected for naming another patient's
 * episode.  fn must not reject rows or end the tool.
 */
#ifndef RD_GOALS_READ_H
#define RD_GOALS_READ_H

#include <stddef.h>

#include "attach.h"
#include "episodes.h"
#include "goals.h"
#include "reader.h"

#define RD_GOAL_NO_EPISODE (-1L)

typedef void rd_goal_set_fn(void *arg, size_t goal, long ep);

/*
 * The goals of r, whose header has been read (the columns are found
 * here: rd_goal_cols), into a new table; r stays open for its name.
 */
struct rd_goals *rd_goals_read(struct rd_reader *r,
    const struct rd_episodes *eps, int as_of, struct rd_attach_note *note,
    rd_goal_set_fn *fn, void *arg);

#endif
