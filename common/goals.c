#include "goals.h"
#include "goals_impl.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "bigmem.h"
#include "codes.h"
#include "date.h"
#include "diag.h"
#include "fields.h"
#include "idmap.h"
#include "rejects.h"
#include "wordload.h"

_Static_assert(sizeof(struct rd_goal) == 64, "a goal is one cache line");

struct goal_group {
	char *patient_id, *episode_id;
	uint32_t patient_len, episode_len;
	size_t *goal;		/* in pool memory (see struct pool) */
	size_t ngoal, goal_cap;
};

/*
 * Groups are found by the hash their rows carry (rd_goal_row's
 * group_hash, made in the reading threads): the calling thread builds
 * and hashes no key a row.  Open addressing, at most half the slots used.
 */
struct group_slot {
	uint32_t hash;
	uint32_t group;		/* the group's number + 1; 0: empty */
};

#define FIRST_SLOTS 1024

/*
 * A goal is found in its group's list while the group has few goals
 * (FEW_GOALS): the goals of a group are set together, so the list, the
 * goals and their ids sit side by side in memory, and no table of every
 * goal is made (one was 64 MiB of fresh pages on 591,357 goals, most of
 * the calling thread's time spent on the kernel clearing them).  The
 * goals of a group with more are also in big_ids, so that no group's
 * list is searched at length.
 */
#define FEW_GOALS 16

static inline struct goal_group *
group_at(const struct rd_goals *t, size_t i)
{
	return &t->group[i >> GROUP_SEG_SHIFT][i & (GROUP_SEG - 1)];
}

/*
 * Whether n bytes at a and b are the same: ids are short, and a call to
 * memcmp a comparison was a tenth of the calling thread; two loads that
 * overlap cover 4 to 16 bytes.
 */
static inline bool
same_bytes(const char *a, const char *b, size_t n)
{
	if (n >= 8 && n <= 16)
		return rd_load64(a) == rd_load64(b) &&
		    rd_load64(a + n - 8) == rd_load64(b + n - 8);
	if (n >= 4 && n < 8)
		return rd_load32(a) == rd_load32(b) &&
		    rd_load32(a + n - 4) == rd_load32(b + n - 4);
	return memcmp(a, b, n) == 0;
}

/* n empty group slots (bigmem.h). */
static struct group_slot *
new_slots(size_t n)
{
	struct group_slot *slot = rd_big_alloc(n * sizeof *slot);

	memset(slot, 0, n * sizeof *slot);
	return slot;
}

/* The free list of blocks of bytes (a power of two, 16 to POOL_MAX). */
static void **
pool_list(struct pool *p, size_t bytes)
{
	return &p->free[__builtin_ctzll(bytes) - 4];
}

static void *
pool_take(struct pool *p, size_t bytes)
{
	void **list = pool_list(p, bytes), *b = *list;

	if (b != NULL) {
		memcpy(list, b, sizeof b);	/* the next block given back */
		return b;
	}
	if (p->left < bytes) {
		p->chunk = rd_realloc(p->chunk,
		    (p->nchunk + 1) * sizeof *p->chunk);
		p->cur = p->chunk[p->nchunk++] = rd_big_alloc(POOL_CHUNK);
		p->left = POOL_CHUNK;
	}
	b = p->cur;
	p->cur += bytes;
	p->left -= bytes;
	return b;
}

static void
pool_give(struct pool *p, void *b, size_t bytes)
{
	void **list = pool_list(p, bytes);

	memcpy(b, list, sizeof *list);
	*list = b;
}

/*
 * Block b of old bytes (0: none) as one of new bytes, its contents kept;
 * both are powers of two from 16, new the larger.
 */
void *
pool_grow(struct pool *p, void *b, size_t old, size_t new)
{
	void *m;

	if (old > POOL_MAX)
		return rd_realloc(b, new);
	m = new > POOL_MAX ? rd_malloc(new) : pool_take(p, new);
	if (old > 0) {
		memcpy(m, b, old);
		pool_give(p, b, old);
	}
	return m;
}

/* Frees a block of bytes when it is malloc's (the chunks hold the rest). */
static void
pool_free(void *b, size_t bytes)
{
	if (bytes > POOL_MAX)
		free(b);
}

struct rd_goals *
rd_goals_new(void)
{
	struct rd_goals *t = rd_calloc(1, sizeof *t);

	t->slot = new_slots(FIRST_SLOTS);
	t->slot_mask = FIRST_SLOTS - 1;
	t->big_ids = rd_idmap_new();
	t->last_group = (size_t)-1;
	return t;
}

void
rd_goals_free(struct rd_goals *t)
{
	if (t == NULL)
		return;
	for (size_t i = 0; i < t->ngroup; i++)
		pool_free(group_at(t, i)->goal,
		    group_at(t, i)->goal_cap * sizeof(size_t));
	rd_arena_free(&t->ids);
	for (size_t i = 0; i < t->ngoal; i++)
		pool_free(goal_at(t, i)->review, goal_at(t, i)->review_cap *
		    sizeof(struct rd_goal_review));
	for (size_t i = 0; i < t->pool.nchunk; i++)
		rd_big_free(t->pool.chunk[i], POOL_CHUNK);
	free(t->pool.chunk);
	rd_big_free(t->slot, (t->slot_mask + 1) * sizeof *t->slot);
	for (size_t i = 0; i < t->ngroup; i += GROUP_SEG)
		rd_big_free(t->group[i >> GROUP_SEG_SHIFT],
		    GROUP_SEG * sizeof **t->group);
	for (size_t i = 0; i < t->ngoal; i += GOAL_SEG)
		rd_big_free(t->goal[i >> GOAL_SEG_SHIFT],
		    GOAL_SEG * sizeof **t->goal);
	free(t->group);
	free(t->goal);
	free(t->big_goal);
	free(t->key);
	free(t->rejected_line);
	rd_idmap_free(t->rejected_ids);
	rd_idmap_free(t->big_ids);
	free(t);
}

/* Makes room for len bytes in the key scratch buffer. */
char *
key_room(struct rd_goals *t, size_t len)
{
	if (len + 1 > t->key_cap) {
		t->key_cap = (len + 1) * 2;
		t->key = rd_realloc(t->key, t->key_cap);
	}
	return t->key;
}

/* Whether group gr is of patient p and episode e. */
static inline bool
group_is(const struct goal_group *gr, const char *p, size_t plen,
    const char *e, size_t elen)
{
	return gr->patient_len == plen && gr->episode_len == elen &&
	    same_bytes(gr->patient_id, p, plen) && same_bytes(gr->episode_id, e, elen);
}

/* The group of hash, patient p and episode e, or (size_t)-1. */
static inline size_t
find_hashed(const struct rd_goals *t, uint32_t hash, const char *p,
    size_t plen, const char *e, size_t elen)
{
	for (size_t i = hash & t->slot_mask;; i = (i + 1) & t->slot_mask) {
		const struct group_slot *s = &t->slot[i];

		if (s->group == 0)
			return (size_t)-1;
		if (s->hash == hash && group_is(group_at(t, s->group - 1), p, plen, e, elen))
			return s->group - 1;
	}
}

/* The group a slot of hash names first, found or not (for prefetching). */
static inline size_t
first_with_hash(const struct rd_goals *t, uint32_t hash)
{
	for (size_t i = hash & t->slot_mask;; i = (i + 1) & t->slot_mask) {
		const struct group_slot *s = &t->slot[i];

		if (s->group == 0 || s->hash == hash)
			return (size_t)s->group - 1;
	}
}

/* Puts a group's number in an empty slot for hash. */
static void
put_slot(struct group_slot *slot, size_t mask, uint32_t hash, uint32_t group)
{
	size_t i = hash & mask;

	while (slot[i].group != 0)
		i = (i + 1) & mask;
	slot[i].hash = hash;
	slot[i].group = group;
}

/* Twice the slots, when the next group would fill more than half. */
static void
grow_slots(struct rd_goals *t)
{
	size_t n = t->slot_mask + 1;
	struct group_slot *slot;

	if (2 * (t->ngroup + 1) <= n)
		return;
	slot = new_slots(2 * n);
	for (size_t i = 0; i < n; i++)
		if (t->slot[i].group != 0)
			put_slot(slot, 2 * n - 1, t->slot[i].hash, t->slot[i].group);
	rd_big_free(t->slot, n * sizeof *t->slot);
	t->slot = slot;
	t->slot_mask = 2 * n - 1;
}

size_t
rd_goals_find_group(struct rd_goals *t, const char *patient_id,
    size_t patient_len, const char *episode_id, size_t episode_len)
{
	return find_hashed(t, rd_goal_group_hash(patient_id, patient_len,
	    episode_id, episode_len), patient_id, patient_len, episode_id,
	    episode_len);
}

/* A new group for row g, whose group is not in the table. */
static size_t
add_group(struct rd_goals *t, const struct rd_goal_row *g)
{
	size_t id = t->ngroup;

	if (id >= UINT32_MAX - 1)
		rd_die(RD_EXIT_DATA, "more than %lu patient and episode pairs",
		    (unsigned long)UINT32_MAX - 2);
	grow_slots(t);
	if (id % GROUP_SEG == 0) {
		t->group = rd_realloc(t->group, (id / GROUP_SEG + 1) * sizeof *t->group);
		t->group[id / GROUP_SEG] = rd_big_alloc(GROUP_SEG * sizeof **t->group);
	}
	memset(group_at(t, id), 0, sizeof(struct goal_group));
	group_at(t, id)->patient_id = rd_arena_copy(&t->ids, g->patient_id,
	    g->patient_len);
	group_at(t, id)->episode_id = rd_arena_copy(&t->ids, g->episode_id,
	    g->episode_len);
	group_at(t, id)->patient_len = (uint32_t)g->patient_len;
	group_at(t, id)->episode_len = (uint32_t)g->episode_len;
	put_slot(t->slot, t->slot_mask, g->group_hash, (uint32_t)id + 1);
	t->ngroup++;
	return id;
}

/*
 * The key of a goal: its group number's bytes (fixed width, so no digits
 * to write a row and no separator to search for), then its id.
 */
#define GOAL_KEY_PREFIX sizeof(size_t)

static size_t
goal_key(struct rd_goals *t, size_t group, const struct rd_goal_row *g)
{
	char *k = key_room(t, GOAL_KEY_PREFIX + g->goal_len);

	memcpy(k, &group, GOAL_KEY_PREFIX);
	memcpy(k + GOAL_KEY_PREFIX, g->goal_id, g->goal_len);
	k[GOAL_KEY_PREFIX + g->goal_len] = '\0';
	return GOAL_KEY_PREFIX + g->goal_len;
}

static void
group_add_goal(struct pool *pool, struct goal_group *gr, size_t goal)
{
	if (gr->ngoal == gr->goal_cap) {
		size_t cap = gr->goal_cap ? gr->goal_cap * 2 : 4;

		gr->goal = pool_grow(pool, gr->goal, gr->goal_cap * sizeof *gr->goal,
		    cap * sizeof *gr->goal);
		gr->goal_cap = cap;
	}
	gr->goal[gr->ngoal++] = goal;
}

/* Puts goal id, of a group with more than FEW_GOALS goals, in big_ids. */
static void
add_big(struct rd_goals *t, size_t id)
{
	const struct rd_goal *goal = goal_at(t, id);
	struct rd_goal_row g = { .goal_id = goal->goal_id,
	    .goal_len = goal->id_len };
	size_t len = goal_key(t, goal->group, &g);
	int is_new;
	size_t k = rd_idmap_intern(t->big_ids, t->key, len, &is_new);

	if (k >= t->big_cap) {
		t->big_cap = t->big_cap ? t->big_cap * 2 : 64;
		t->big_goal = rd_realloc(t->big_goal, t->big_cap * sizeof *t->big_goal);
	}
	t->big_goal[k] = id;
}

/* A row that sets a new goal. */
static void
set_goal(struct rd_goals *t, const struct rd_record *rec,
    const struct rd_goal_row *g, size_t group)
{
	size_t id = t->ngoal;
	struct rd_goal *goal;
	struct goal_group *gr = group_at(t, group);

	if (id % GOAL_SEG == 0) {
		t->goal = rd_realloc(t->goal, (id / GOAL_SEG + 1) * sizeof *t->goal);
		t->goal[id / GOAL_SEG] = rd_big_alloc(GOAL_SEG * sizeof **t->goal);
	}
	t->ngoal++;
	goal = goal_at(t, id);
	memset(goal, 0, sizeof *goal);
	goal->group = group;
	goal->goal_id = rd_arena_copy(&t->ids, g->goal_id, g->goal_len);
	goal->id_len = (uint32_t)g->goal_len;
	goal->domain = (int16_t)g->domain;
	goal->set_by = (int16_t)g->set_by;
	goal->weight = g->weight > 0 ? g->weight : 1;
	goal->set_date = g->date;
	goal->line = rec->line;
	group_add_goal(&t->pool, gr, id);
	/* A group grown big: its goals so far, then each new one. */
	if (gr->ngoal == FEW_GOALS + 1)
		for (size_t k = 0; k < gr->ngoal; k++)
			add_big(t, gr->goal[k]);
	else if (gr->ngoal > FEW_GOALS + 1)
		add_big(t, id);
}

/* Goal id of group gr in its list, or (size_t)-1. */
static inline size_t
find_in_list(const struct rd_goals *t, const struct goal_group *gr,
    const char *goal_id, size_t len)
{
	for (size_t k = 0; k < gr->ngoal; k++) {
		const struct rd_goal *goal = goal_at(t, gr->goal[k]);

		if (goal->id_len == len && same_bytes(goal->goal_id, goal_id, len))
			return gr->goal[k];
	}
	return (size_t)-1;
}

/*
 * The group of a row, or (size_t)-1.  Rows of one patient and episode
 * usually come together: the group of the row before is compared first,
 * without making a key.
 */
static inline size_t
group_of(struct rd_goals *t, const struct rd_goal_row *g)
{
	const struct goal_group *gr;

	if (t->last_group != (size_t)-1) {
		gr = group_at(t, t->last_group);
		if (group_is(gr, g->patient_id, g->patient_len, g->episode_id,
		    g->episode_len))
			return t->last_group;
	}
	return find_hashed(t, g->group_hash, g->patient_id, g->patient_len,
	    g->episode_id, g->episode_len);
}

/* The goal of a row of group (or (size_t)-1: none), or (size_t)-1. */
static inline size_t
find_in_group(struct rd_goals *t, const struct rd_goal_row *g, size_t group)
{
	size_t len, k;
	const struct goal_group *gr;

	if (group == (size_t)-1)
		return (size_t)-1;
	gr = group_at(t, group);
	if (gr->ngoal <= FEW_GOALS)
		return find_in_list(t, gr, g->goal_id, g->goal_len);
	len = goal_key(t, group, g);	/* first: it may move t->key */
	k = rd_idmap_find(t->big_ids, t->key, len);
	return k == (size_t)-1 ? k : t->big_goal[k];
}

/*
 * The goal of a row, or (size_t)-1; *group is its group or (size_t)-1.
 * The goal is in the group's list, or in big_ids for a big group.
 */
size_t
find_goal(struct rd_goals *t, const struct rd_goal_row *g, size_t *group)
{
	*group = group_of(t, g);
	return find_in_group(t, g, *group);
}

/* Whether rows a and b are of one patient and episode. */
static bool
same_group_rows(const struct rd_goal_row *a, const struct rd_goal_row *b)
{
	return a->patient_len == b->patient_len && a->episode_len == b->episode_len &&
	    same_bytes(a->patient_id, b->patient_id, a->patient_len) &&
	    same_bytes(a->episode_id, b->episode_id, a->episode_len);
}

/*
 * In passes over the batch, each fetching what the next one reads: the
 * group slots; the groups their hashes name first; the groups' ids and
 * lists (or a big group's slot in big_ids); the goals in the lists;
 * their ids; the reviews of the goals found.  Lookups that find nothing
 * (a row that adds a group or a goal) only fetch less; nothing is
 * changed.  A row of the group of the row before it is left out: its
 * group's memory is fetched for that row.
 */
void
rd_goals_prefetch(struct rd_goals *t, const struct rd_goal_row *const *rows,
    size_t n)
{
	const struct rd_goal_row *g[RD_GOALS_BATCH];
	const struct goal_group *gr[RD_GOALS_BATCH];
	size_t grn[RD_GOALS_BATCH];	/* gr's numbers */
	size_t goal[RD_GOALS_BATCH];	/* g[i]'s goal, or -1 */
	size_t of[RD_GOALS_BATCH];	/* row i's entry in g */
	size_t group, len, m = 0, nrows = n < RD_GOALS_BATCH ? n : RD_GOALS_BATCH;

	for (size_t i = 0; i < nrows; i++) {
		if (i == 0 || rows[i]->group_hash != rows[i - 1]->group_hash ||
		    !same_group_rows(rows[i], rows[i - 1]))
			g[m++] = rows[i];
		of[i] = m - 1;
	}
	n = m;
	for (size_t i = 0; i < n; i++)
		__builtin_prefetch(&t->slot[g[i]->group_hash & t->slot_mask]);
	for (size_t i = 0; i < n; i++) {
		group = first_with_hash(t, g[i]->group_hash);
		gr[i] = group == (size_t)-1 ? NULL : group_at(t, group);
		if (gr[i] != NULL)
			__builtin_prefetch(gr[i]);
	}
	for (size_t i = 0; i < n; i++)
		if (gr[i] != NULL) {
			__builtin_prefetch(gr[i]->patient_id);
			__builtin_prefetch(gr[i]->goal);
		}
	for (size_t i = 0; i < n; i++) {
		group = find_hashed(t, g[i]->group_hash, g[i]->patient_id,
		    g[i]->patient_len, g[i]->episode_id, g[i]->episode_len);
		grn[i] = group;
		gr[i] = group == (size_t)-1 ? NULL : group_at(t, group);
		if (gr[i] == NULL)
			continue;
		if (gr[i]->ngoal <= FEW_GOALS) {
			for (size_t k = 0; k < gr[i]->ngoal; k++)
				__builtin_prefetch(goal_at(t, gr[i]->goal[k]));
			continue;
		}
		len = goal_key(t, group, g[i]);
		rd_idmap_prefetch(t->big_ids, t->key, len);
	}
	for (size_t i = 0; i < n; i++)
		if (gr[i] != NULL && gr[i]->ngoal <= FEW_GOALS)
			for (size_t k = 0; k < gr[i]->ngoal; k++)
				__builtin_prefetch(goal_at(t, gr[i]->goal[k])->goal_id);
	for (size_t i = 0; i < n; i++) {
		goal[i] = gr[i] == NULL ? (size_t)-1 : find_in_group(t, g[i], grn[i]);
		if (goal[i] != (size_t)-1 && goal_at(t, goal[i])->review != NULL)
			__builtin_prefetch(goal_at(t, goal[i])->review);
	}
	/* A row after one of its group was not looked for: its goal is not known. */
	for (size_t i = 0; i < nrows; i++) {
		t->hint_row[i] = rows[i];
		t->hint_group[i] = grn[of[i]];
		t->hint_goal[i] = rows[i] == g[of[i]] ? goal[of[i]] : (size_t)-1;
	}
	t->hint_n = nrows;
	t->hint_pos = 0;
}

/*
 * The group of row, by the hint of rd_goals_prefetch when row is the
 * next of its batch, and *goal its goal when the hint has it (else -1);
 * any other row ends the hints (they are only good for the rows in the
 * order given).
 */
static size_t
hinted_group(struct rd_goals *t, const struct rd_goal_row *row, size_t *goal)
{
	size_t group;

	*goal = (size_t)-1;
	if (t->hint_pos < t->hint_n && t->hint_row[t->hint_pos] == row) {
		*goal = t->hint_goal[t->hint_pos];
		group = t->hint_group[t->hint_pos++];
		if (group != (size_t)-1)
			return group;
	} else
		t->hint_n = 0;
	return group_of(t, row);
}

bool
rd_goals_add(struct rd_goals *t, struct rd_reader *r, const struct rd_record *rec,
    const struct rd_goal_cols *c)
{
	struct rd_goal_row g;

	if (!rd_goal_parse(r, rec, c, &g)) {
		rd_goals_note_rejected(t, rec, c);
		return false;
	}
	return rd_goals_add_row(t, r, rec, c, &g);
}

bool
rd_goals_add_row(struct rd_goals *t, struct rd_reader *r,
    const struct rd_record *rec, const struct rd_goal_cols *c,
    const struct rd_goal_row *row)
{
	struct rd_goal_row g = *row;
	size_t id, group = hinted_group(t, row, &id);

	if (id == (size_t)-1)
		id = find_in_group(t, &g, group);
	if (id == (size_t)-1) {
		if (g.attainment != RD_NO_ATTAINMENT)
			return unset_goal(t, r, rec, c, &g);
		if (group == (size_t)-1)
			group = add_group(t, &g);
		set_goal(t, rec, &g, group);
		t->last_group = group;
		return true;
	}
	t->last_group = group;
	if (goal_at(t, id)->dropped)
		return left_out_goal(r, rec, c, &g, goal_at(t, id)->line);
	return review_goal(&t->pool, r, rec, c, &g, goal_at(t, id));
}

void
rd_goals_drop(struct rd_goals *t, size_t i)
{
	goal_at(t, i)->dropped = true;
}

struct rd_goals *
rd_goals_load(const char *path)
{
	struct rd_goals *t = rd_goals_new();
	struct rd_reader *r = rd_open(path);
	struct rd_goal_cols c;
	struct rd_record rec;

	rd_reader_set_strict(r);
	rd_goal_cols(r, &c);
	while (rd_next_good(r, &rec) > 0)
		(void)rd_goals_add(t, r, &rec, &c);
	rd_close(r);
	return t;
}

size_t
rd_goals_count(const struct rd_goals *t)
{
	return t->ngoal;
}

const struct rd_goal *
rd_goals_at(const struct rd_goals *t, size_t i)
{
	return goal_at(t, i);
}

size_t
rd_goals_group_count(const struct rd_goals *t)
{
	return t->ngroup;
}

const char *
rd_goals_group_patient(const struct rd_goals *t, size_t group)
{
	return group_at(t, group)->patient_id;
}

const char *
rd_goals_group_episode(const struct rd_goals *t, size_t group)
{
	return group_at(t, group)->episode_id;
}

const size_t *
rd_goals_of_group(const struct rd_goals *t, size_t group, size_t *n)
{
	*n = group_at(t, group)->ngoal;
	return group_at(t, group)->goal;
}
