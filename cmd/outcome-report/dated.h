/*
 * The dated rows of --sessions and --urine: parsed, checked and attached
 * to their episodes on every core (par.h's rd_par_stage; a row of another
 * patient's episode is rejected there, in input order), then collected
 * per episode row in input order in the calling thread, so that the rows,
 * the notes and the report are those of one thread, byte for byte.
 */
#ifndef OR_DATED_H
#define OR_DATED_H

#include <stddef.h>

#include "arena.h"
#include "attach.h"
#include "collect.h"
#include "episodes.h"
#include "reader.h"
#include "urine.h"

#define OR_NO_GROUP ((size_t)-1)

struct or_dated {
	/* Set by the caller. */
	const struct rd_episodes *eps;
	const size_t *group;		/* per episode row; OR_NO_GROUP: out of scope */
	int as_of;			/* later rows are left out */
	const struct rd_prescribed *rx;	/* urine only; may be NULL */
	/* Filled: rows per episode row (rd_session_event or rd_urine_obs). */
	struct rd_collect rows;
	struct rd_arena long_ids;	/* sample_ids too long for an observation */
	struct rd_attach_note note;	/* rows that fit no episode */
};

/* Collects the sessions of r (strict) as rd_session_events. */
void or_read_sessions(struct or_dated *, struct rd_reader *r);
/* Collects the samples of r (strict) as rd_urine_obs. */
void or_read_urine(struct or_dated *, struct rd_reader *r);

#endif
