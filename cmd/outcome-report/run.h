/*
 * One run of outcome-report over its inputs, shared by inputs.c (the
 * run: the other inputs' rows, each attached to its episode) and
 * groups.c (the episodes' groups of --by, and the episodes and patients
 * counted in them).  Not for other tools.
 */
#ifndef OR_RUN_H
#define OR_RUN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "collect.h"
#include "date.h"
#include "episodes.h"
#include "fields.h"
#include "report.h"

/* 4 bytes a row, not 8: fewer fresh pages while loading. */
#define NO_GROUP UINT32_MAX

enum by_kind {
	BY_COLUMN, BY_CLINIC, BY_CODE, BY_AGE_GROUP, BY_START_YEAR, BY_START_QUARTER
};

struct by_col {
	enum by_kind kind;
	int col;			/* BY_COLUMN: index in the episodes file */
	const struct rd_codes *codes;	/* BY_CODE */
	size_t code_field;		/* offset of the code in struct rd_episode */
};

struct run {
	struct report *rep;
	const struct inputs *in;
	struct by_col *by;
	const struct rd_episodes *eps;
	uint32_t *group;		/* per episode row, NO_GROUP out of scope */
	size_t ngroup, group_cap;
	uint64_t *scope;		/* bit per episode row: group != NO_GROUP */
	struct ep_facts *facts;		/* per episode row; NULL: episodes only */
	bool episodes_only;		/* no other input: no facts kept */
	struct rd_collect spare;	/* the sessions', for the urine rows */
	struct urine_finish *urine;	/* urine rows read, not yet counted */
	bool counted;			/* episodes counted in their groups (groups.c) */
};

/* Episodes a thread from which their facts are made on every core. */
#define FACTS_MIN 1024

static inline bool
in_scope(const struct params *p, int start)
{
	return start <= p->as_of &&
	    (p->from == RD_NO_DATE || start >= p->from) &&
	    (p->to == RD_NO_DATE || start <= p->to);
}

/* What an episode contributes before any other input. */
static inline void
episode_facts(struct ep_facts *f, const struct rd_episode *e, int as_of)
{
	ep_facts_init(f, e->start, e->end, e->end_reason, e->referral, as_of);
}

/*
 * The episodes file read into a table (run->eps, returned) with each
 * episode's group (run->group, run->scope): found as the rows are taken
 * when a --by value is a column of its own, else after the loading on
 * every core, and with episodes alone counted there too (run->counted).
 */
struct rd_episodes *groups_load(struct run *);
/* The episodes (unless counted) and the patients counted in their groups. */
void groups_count(struct run *);
/* What groups_load made, but the table. */
void groups_free(struct run *);

#endif
