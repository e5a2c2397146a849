/*
 * The goal table's insides, shared by goals.c (the table: its memory,
 * groups, lookups, prefetching and the adding of rows) and goals_review.c
 * (a row checked against its goal: reviews, goals not set, rejected first
 * rows).  Not for tools: they use goals.h.
 */
#ifndef RD_GOALS_IMPL_H
#define RD_GOALS_IMPL_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "goals.h"

/*
 * Groups and goals are kept in segments of a huge page or so (bigmem.h),
 * one added when the last is full: nothing is copied, or cleared by the
 * kernel, twice (doubling one array of 591,357 goals cleared and copied
 * 2.7 times its bytes, and held two copies at its peak), and an element
 * stays where it is.
 */
#define GOAL_SEG_SHIFT 15		/* 32,768 goals of 64 bytes: 2 MiB */
#define GOAL_SEG ((size_t)1 << GOAL_SEG_SHIFT)
#define GROUP_SEG_SHIFT 16		/* 65,536 groups of 48 bytes: 3 MiB */
#define GROUP_SEG ((size_t)1 << GROUP_SEG_SHIFT)

/*
 * Reviews and the groups' lists of goals grow by doubling, in blocks of
 * 16, 32, ... POOL_MAX bytes cut from chunks; a block given back when
 * its owner grows is kept for the next of its size.  malloc's per-block
 * work was a tenth of the calling thread, and freeing the table frees
 * chunks, not a block a goal.  Longer blocks are malloc's own.  The
 * chunks, like the slots and the arrays of groups and goals, are on huge
 * pages (bigmem.h): on input in no order each row's lookups land on
 * pages of their own.
 */
#define POOL_CLASSES 12			/* 16 bytes .. POOL_MAX */
#define POOL_MAX ((size_t)16 << (POOL_CLASSES - 1))
#define POOL_CHUNK RD_BIG_MIN

struct pool {
	void *free[POOL_CLASSES];	/* blocks given back, linked */
	char **chunk;
	size_t nchunk;
	char *cur;			/* the chunk being cut */
	size_t left;			/* bytes not cut in it */
};

struct rd_goals {
	struct group_slot *slot;
	size_t slot_mask;		/* slots - 1 (a power of two) */
	size_t ngroup;
	struct pool pool;
	struct rd_idmap *big_ids;	/* "<group><goal_id>": goals of big groups */
	size_t *big_goal;		/* by big_ids index: the goal */
	size_t big_cap;
	struct goal_group **group;	/* segments of GROUP_SEG groups */
	struct rd_goal **goal;		/* segments of GOAL_SEG, in order set */
	size_t ngoal;
	struct rd_arena ids;		/* the groups' and goals' ids */
	size_t last_group;		/* group of the row before, or -1 */
	/*
	 * The groups and goals rd_goals_prefetch found for the rows of its
	 * batch (-1: not found then, or a goal not looked for), taken by
	 * rd_goals_add_row while it is given those rows in order: groups and
	 * goals are never removed, so one found stays the row's; one not
	 * found may have been added since.
	 */
	const struct rd_goal_row *hint_row[RD_GOALS_BATCH];
	size_t hint_group[RD_GOALS_BATCH], hint_goal[RD_GOALS_BATCH];
	size_t hint_n, hint_pos;
	char *key;			/* scratch for building keys */
	size_t key_cap;
	/* Goals not set whose first row was rejected (rejected_key -> line). */
	struct rd_idmap *rejected_ids;	/* NULL until one is */
	long *rejected_line;
	size_t rejected_cap;
};

static inline struct rd_goal *
goal_at(const struct rd_goals *t, size_t i)
{
	return &t->goal[i >> GOAL_SEG_SHIFT][i & (GOAL_SEG - 1)];
}

/*
 * goals.c, for goals_review.c.  key_room: the key scratch buffer t->key
 * with room for len bytes and a NUL (it may move).  pool_grow: block b of
 * old bytes (0: none) as one of new bytes from p, its contents kept.
 * find_goal: the goal of row g, or (size_t)-1; *group its group or
 * (size_t)-1 (it builds keys in t->key).
 */
char *key_room(struct rd_goals *t, size_t len);
void *pool_grow(struct pool *p, void *b, size_t old, size_t new);
size_t find_goal(struct rd_goals *t, const struct rd_goal_row *g, size_t *group);

/*
 * goals_review.c, for rd_goals_add_row.  Each rejects the row (rd_reject)
 * and returns false, or (review_goal) adds the review and returns true.
 * left_out_goal: a row of a goal whose first row, on line, was rejected.
 * unset_goal: a review of a goal no earlier row set.  review_goal: a row
 * of goal, set before.
 */
bool left_out_goal(struct rd_reader *r, const struct rd_record *rec,
    const struct rd_goal_cols *c, const struct rd_goal_row *g, long line);
bool unset_goal(struct rd_goals *t, struct rd_reader *r, const struct rd_record *rec,
    const struct rd_goal_cols *c, const struct rd_goal_row *g);
bool review_goal(struct pool *pool, struct rd_reader *r, const struct rd_record *rec,
    const struct rd_goal_cols *c, const struct rd_goal_row *g,
    struct rd_goal *goal);

#endif
