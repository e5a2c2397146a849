/*
 * pseudonymize's rows on every core (par.h): each thread that reads rows
 * borrows a lane, a pseudonym maker with its own cache and a national
 * identity number scanner with its own PCRE2 match data, and gives it
 * back when its chunk is done.  Lanes are made when a thread finds none
 * idle, so there are at most as many as threads reading at once, and
 * each keeps its cache from chunk to chunk.  A cache gives the answers
 * the HMAC would, so which lane reads a chunk never shows in the output.
 */
#ifndef LANES_H
#define LANES_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

#include "natid.h"
#include "pseudo.h"
#include "reader.h"
#include "writer.h"

struct lane {
	struct pseudo *p;	/* NULL without --columns */
	struct rd_natid *nid;	/* NULL with --allow-national-ids */
	struct lane *next;	/* in idle */
	struct lane *next_made;	/* in made */
};

struct lanes {
	const struct pseudo_plan *plan;
	const struct pseudo *proto;	/* the key; NULL without --columns */
	size_t cache_each;		/* --cache of each lane */
	bool scan;
	pthread_mutex_t mu;
	struct lane *idle;
	/*
	 * Every lane: a chunk whose rows end the tool (strict mode) leaves
	 * its thread by longjmp (par.h) without giving its lane back.
	 */
	struct lane *made;
};

/* proto stays the caller's; cache_each is each lane's --cache. */
void lanes_init(struct lanes *, const struct pseudo_plan *,
    const struct pseudo *proto, size_t cache_each, bool scan);
struct lane *lane_take(struct lanes *);
void lane_give(struct lanes *, struct lane *);
void lanes_free(struct lanes *);

/* par.h's rows: arg is a struct lanes. */
void lanes_rows(void *arg, struct rd_reader *r, struct rd_writer *w);

/* False (row rejected) when a kept field holds a national identity number. */
bool row_is_clean(struct rd_natid *, const struct pseudo_plan *,
    struct rd_reader *r, const struct rd_record *rec);

#endif
