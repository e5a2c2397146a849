/*
 * The table of a file's episodes (episodes.h): an episode_id's line,
 * the patients' episodes by date, and the lookups the other tools
 * make.  Its loading on every core (rows parsed in the reading threads,
 * added in input order) is episodes_load.c's; one episode row's parsing
 * is episode_row.c's.
 */
#include "episodes.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "diag.h"
#include "arena.h"
#include "bigmem.h"
#include "episodes_impl.h"
#include "fields.h"
#include "idmap.h"

/* Whether line l's episode is the episode of patient (plen bytes). */
static bool
line_patient_is(const struct rd_episodes *t, const struct id_line *l,
    const char *patient, size_t plen)
{
	if (l->plen != len_byte(plen))
		return false;
	return line_inline(l) ? memcmp(l->key + l->idlen, patient, plen) == 0 :
	    same_str(t->ep[line_row(l)].patient_id, patient, plen);
}

/* Tables are made in one thread, before any thread looks one up. */
static unsigned long lines_made;

void
lines_init(struct rd_episodes *t, size_t n)
{
	t->serial = ++lines_made;	/* before any thread looks one up */
	t->nlines = n;
	/* Zero bytes are empty slots: no pass over megabytes marks them. */
	t->lines = rd_big_zalloc(n * sizeof *t->lines);
}

/*
 * A table loaded without lookups (rd_episodes_load_hooks) may have no id
 * tables: a lookup in it is a tool's mistake, not an episode not found.
 */
static inline void
need_index(const struct rd_episodes *t)
{
	if (!t->indexed)
		rd_die(RD_EXIT_DATA, "internal error: episodes looked up in a "
		    "table loaded without lookups");
}

static const struct id_line *
find_line(const struct rd_episodes *t, const char *id, size_t len)
{
	const struct id_line *l;

	need_index(t);
	l = &t->lines[line_slot(t, id, len, line_hash(id, len))];
	return l->row1 == 0 ? NULL : l;
}

static void
put_line(struct rd_episodes *t, const struct id_line *l)
{
	const char *id = t->ep[line_row(l)].episode_id;
	size_t mask = t->nlines - 1, j = line_hash(id, strlen(id)) & mask;

	while (t->lines[j].row1 != 0)
		j = (j + 1) & mask;
	t->lines[j] = *l;
}

void
grow_lines(struct rd_episodes *t)
{
	struct id_line *old = t->lines;
	size_t nold = t->nlines;

	lines_init(t, 2 * nold);
	for (size_t i = 0; i < nold; i++)
		if (old[i].row1 != 0)
			put_line(t, &old[i]);
	rd_big_free(old, nold * sizeof *old);
}

void
rd_episodes_free(struct rd_episodes *t)
{
	if (t == NULL)
		return;
	rd_big_free(t->patient_of, t->cap * sizeof *t->patient_of);
	free(t->first);
	rd_big_free(t->spans, (t->n + 1) * sizeof *t->spans);
	rd_big_free(t->ep, t->cap * sizeof *t->ep);
	free(t->sorted);
	rd_big_free(t->lines, t->nlines * sizeof *t->lines);
	rd_arena_free(&t->ids);
	rd_idmap_free(t->by_patient);
	free(t);
}

size_t
rd_episodes_count(const struct rd_episodes *t)
{
	return t->n;
}

const struct rd_episode *
rd_episodes_at(const struct rd_episodes *t, size_t i)
{
	return &t->ep[i];
}

size_t
rd_episodes_row_of(const struct rd_episodes *t, const struct rd_episode *e)
{
	return (size_t)(e - t->ep);
}

/*
 * The line found last in this thread: rows of one episode come together,
 * and each would hash its id and probe again.  Its table's serial tells
 * a table (or a table grown) from the one it was found in.
 */
static _Thread_local struct {
	unsigned long serial;
	const struct id_line *line;
	size_t len;
	char id[LINE_KEY];
} found_last;

/* find_line for lookups after loading, through found_last. */
static const struct id_line *
find_line_again(const struct rd_episodes *t, const char *id, size_t len)
{
	const struct id_line *l;

	if (found_last.serial == t->serial && found_last.len == len &&
	    memcmp(found_last.id, id, len) == 0)
		return found_last.line;
	l = find_line(t, id, len);
	if (l != NULL && len <= LINE_KEY) {
		found_last.serial = t->serial;
		found_last.line = l;
		found_last.len = len;
		memcpy(found_last.id, id, len);
	}
	return l;
}

const struct rd_episode *
rd_episodes_by_id(const struct rd_episodes *t, const char *id, size_t len)
{
	const struct id_line *l = find_line_again(t, id, len);

	return l == NULL ? NULL : &t->ep[line_row(l)];
}

bool
rd_episodes_by_id_brief(const struct rd_episodes *t, const char *id, size_t len,
    const char *patient, size_t plen, struct rd_episode_brief *out)
{
	const struct id_line *l = find_line_again(t, id, len);

	if (l == NULL)
		return false;
	out->row = line_row(l);
	out->start = l->start;
	out->end = l->end;
	out->own = line_patient_is(t, l, patient, plen);
	return true;
}

void
rd_episodes_prefetch(const struct rd_episodes *t, const char *episode_id,
    size_t elen, const char *patient_id, size_t plen)
{
	need_index(t);
	if (elen > 0)
		__builtin_prefetch(&t->lines[line_hash(episode_id, elen) &
		    (t->nlines - 1)]);
	else
		rd_idmap_prefetch(t->by_patient, patient_id, plen);
}

/* Patient p's episode that contains day, the latest started; NULL if none. */
static const struct dated_span *
best_span(const struct rd_episodes *t, size_t p, int day)
{
	const struct dated_span *best = NULL;

	for (uint32_t i = t->first[p]; i < t->first[p + 1]; i++) {
		const struct dated_span *e = &t->spans[i];

		if (day < e->start || (e->end != RD_NO_DATE && day > e->end))
			continue;
		if (best == NULL || e->start > best->start ||
		    (e->start == best->start && e->row > best->row))
			best = e;
	}
	return best;
}

const struct rd_episode *
rd_episodes_by_date(const struct rd_episodes *t, const char *patient_id,
    size_t len, int day)
{
	const struct dated_span *best;
	size_t p;

	need_index(t);
	p = rd_idmap_find(t->by_patient, patient_id, len);
	if (p == (size_t)-1)
		return NULL;
	best = best_span(t, p, day);
	return best != NULL ? &t->ep[best->row] : NULL;
}

void
rd_episodes_by_date_rows(const struct rd_episodes *t, size_t n,
    const char *const *patient_id, const size_t *len, const int *day,
    long *row)
{
	size_t p[RD_EPISODES_BATCH];

	if (n > RD_EPISODES_BATCH)
		rd_die(RD_EXIT_DATA, "internal error: batch of %zu rows", n);
	need_index(t);
	for (size_t i = 0; i < n; i++)
		rd_idmap_prefetch(t->by_patient, patient_id[i], len[i]);
	for (size_t i = 0; i < n; i++) {
		p[i] = rd_idmap_find(t->by_patient, patient_id[i], len[i]);
		if (p[i] != (size_t)-1)
			__builtin_prefetch(&t->first[p[i]]);
	}
	for (size_t i = 0; i < n; i++)
		if (p[i] != (size_t)-1)
			__builtin_prefetch(&t->spans[t->first[p[i]]]);
	for (size_t i = 0; i < n; i++) {
		const struct dated_span *best = p[i] != (size_t)-1 ?
		    best_span(t, p[i], day[i]) : NULL;

		row[i] = best != NULL ? (long)best->row : -1;
	}
}

static int
by_start(const void *a, const void *b)
{
	const struct rd_episode *x = *(const struct rd_episode *const *)a;
	const struct rd_episode *y = *(const struct rd_episode *const *)b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->row < y->row ? -1 : x->row > y->row;
}

size_t
rd_episodes_patients(const struct rd_episodes *t)
{
	return t->npatients;
}

size_t
rd_episodes_patient_size(const struct rd_episodes *t, size_t p)
{
	return t->first[p + 1] - t->first[p];
}

size_t
rd_episodes_patient_row(const struct rd_episodes *t, size_t p, size_t i)
{
	return t->spans[t->first[p] + i].row;
}

const struct rd_episode *const *
rd_episodes_of_patient(const struct rd_episodes *t, const char *patient_id,
    size_t len, size_t *n)
{
	struct rd_episodes *mt = (struct rd_episodes *)t;
	size_t p;

	need_index(t);
	p = rd_idmap_find(t->by_patient, patient_id, len);
	*n = 0;
	if (p == (size_t)-1)
		return NULL;
	size_t k = t->first[p + 1] - t->first[p];

	if (mt->sorted_cap < k) {
		mt->sorted_cap = k;
		mt->sorted = rd_realloc(mt->sorted, mt->sorted_cap * sizeof *mt->sorted);
	}
	for (size_t i = 0; i < k; i++)
		mt->sorted[i] = &t->ep[t->spans[t->first[p] + i].row];
	qsort(mt->sorted, k, sizeof *mt->sorted, by_start);
	*n = k;
	return mt->sorted;
}
