/*
 * Collecting small fixed-size rows per unit (a patient, an episode, a
 * group) and handing each unit's rows back together, in order, whatever
 * the input order: how every summary that reads rows in any order
 * (session-log, urine-track, care-check, outcome-report, goal-track)
 * groups them.
 *
 * The caller numbers its units 0, 1, 2, ... (an idmap index, an episode
 * row) and copies each row into the slot rd_collect_add returns.
 * rd_collect_finish groups the rows by unit with a counting sort, which
 * keeps the input order within a unit, and puts a unit's rows in cmp
 * order by insertion (stable; rows already in order cost one comparison
 * each, no sort), falling back to qsort for rows far from order; or by a
 * sort key (rd_collect_finish_key), which sorts rows far from order
 * without a comparator call per comparison (a unit's keys and positions
 * packed into words when they fit, for wordsort.h).  With many units (a patient
 * a unit) rows go to 256 buckets of units first, then each bucket, cache
 * sized, by unit: same result, no cache miss a row.  The grouping runs
 * on every core (par.h), in parts of the rows, then of the buckets, with
 * the same result whatever the number of parts.  Rows whose units never
 * go down (input grouped by unit) are grouped where they are, with no
 * copy.  Memory: row_size + 4 bytes a row while adding, up to
 * 2 row_size + 6 while finishing rows out of unit order, row_size a row
 * after; no allocation per row.  The rows are mappings of their own
 * (bigmem.h's rd_map_grow), on huge pages where the system gives them,
 * and buckets' pages are made a step at a time (rd_map_populate): on a
 * virtual machine a page fault a 4 KiB page cost more than the rest of
 * a summary's grouping.
 */
#ifndef RD_COLLECT_H
#define RD_COLLECT_H

#include <stddef.h>
#include <stdint.h>

#include "idmap.h"
#include "par.h"

struct rd_collect {
	size_t row_size;
	unsigned char *rows;	/* input order, then grouped by unit */
	uint32_t *unit;		/* unit of each row, while adding */
	size_t n, cap;
	size_t *off;		/* after finish: unit u is rows off[u]..off[u+1] */
	size_t nunits;
	/* Keyed adding: the last rows' keys, their units not known yet. */
	struct rd_idmap *ids;
	size_t pending;
	size_t key_at[RD_IDMAP_BATCH], key_len[RD_IDMAP_BATCH];
	char *keys;		/* their bytes */
	size_t keys_len, keys_cap;
	/* rd_collect_init_units: rows kept by bucket of units as added. */
	struct rd_collect_bucket *bucket;	/* NULL: one array, input order */
	size_t shift, nbuckets, nunits_init;
};

void rd_collect_init(struct rd_collect *, size_t row_size);
/*
 * The same for a caller that knows its units before the first row (an
 * episode row a unit): each row goes straight to its bucket of 2^shift
 * consecutive units (at most 256 buckets) with its unit's low bits, so
 * that rd_collect_finish groups a bucket at a time in place, through a
 * scratch the size of a bucket: row_size + 2 bytes a row and no copy of
 * all the rows in fresh pages (on input in no order the copy's page
 * faults were the most of outcome-report's).  Same rows, same order as
 * rd_collect_init.  Units must be below nunits, and rd_collect_finish
 * must be given the same nunits; no keyed adding.  With no units, or
 * more than 2^24, it is rd_collect_init.
 */
void rd_collect_init_units(struct rd_collect *, size_t row_size,
    size_t nunits);
/*
 * Frees old, but for a collection c just made by rd_collect_init_units
 * with as many buckets as old (the same units) its buckets' memory goes
 * to c, to be written again instead of fresh pages the kernel must
 * clear (outcome-report: the sessions' for the urine rows).  c's rows
 * are the same either way.
 */
void rd_collect_reuse(struct rd_collect *c, struct rd_collect *old);
/* A slot for one more row of unit u, to be filled by the caller. */
void *rd_collect_add(struct rd_collect *, uint32_t u);
/*
 * Keyed adding, for units named by a key (a patient id): the unit of a
 * row is its key's index in ids, numbered in order of first appearance
 * exactly as rd_idmap_intern row by row would, but RD_IDMAP_BATCH rows at
 * a time (rd_idmap_intern_batch), so that on input in no order the table
 * misses overlap.  rd_collect_keyed once after init; then
 * rd_collect_add_key gives the row's slot (the key is copied); after
 * rd_collect_flush every key added is in ids (rd_idmap_count(ids) units
 * so far).  Two collections may share ids: flush one before adding to
 * the other to keep the numbering in input order.
 */
void rd_collect_keyed(struct rd_collect *, struct rd_idmap *ids);
void *rd_collect_add_key(struct rd_collect *, const char *key, size_t len);
void rd_collect_flush(struct rd_collect *);
/*
 * n rows at once, keyed by keys[i] (lens[i] bytes; read only during the
 * call, not copied): slots for the n rows, one after the other, to be
 * filled by the caller; the same units as n calls of rd_collect_add_key.
 * For a caller whose keys are in memory of its own already (rows staged
 * by reading threads, dated.c): no copy of a key, no call a row.
 */
void *rd_collect_add_keys(struct rd_collect *, size_t n,
    const char *const *keys, const size_t *lens);
/*
 * Groups the rows of units 0..nunits-1 (every u given to rd_collect_add
 * must be below nunits; keyed rows are flushed first) and puts each unit's rows in cmp order (a qsort
 * comparator; NULL keeps the input order).  No more rows can be added.
 */
void rd_collect_finish(struct rd_collect *, size_t nunits,
    int (*cmp)(const void *, const void *));
/*
 * The rows of unit u (*n of them) after rd_collect_finish; the caller may
 * reorder them in place.  Valid until rd_collect_free.
 */
void *rd_collect_unit(const struct rd_collect *, size_t u, size_t *n);
void rd_collect_free(struct rd_collect *);
/*
 * After rd_collect_finish: par.h's rd_par_ranges over the units, cut
 * into parts of about as many rows each (rd_par_parts of the rows, at
 * least RD_COLLECT_EACH_MIN rows a part): fn(arg, part, from, to) for
 * units [from, to), the parts together [0, nunits) once each; one call
 * fn(arg, 0, 0, nunits) in the calling thread when there is one part.
 * For work per unit that needs no other unit's (each unit's samples and
 * facts): fn may change only its units' rows and state of its own units,
 * and must neither print nor end the tool.
 */
#define RD_COLLECT_EACH_MIN 4096
void rd_collect_each(const struct rd_collect *, rd_par_range_fn *fn,
    void *arg);
/*
 * Sorts n rows of size bytes into cmp order as rd_collect_finish does:
 * one comparison a row when they are in order already, insertion when
 * nearly, qsort when far from it.
 */
void rd_collect_sort(void *rows, size_t n, size_t size,
    int (*cmp)(const void *, const void *));

/*
 * A sort key standing for a comparator: it must order rows exactly as the
 * comparator does (key(a) < key(b) when cmp(a, b) < 0, equal keys when
 * cmp(a, b) == 0), so that rows sorted by key, ties in input order, are in
 * the stable cmp order.  Sorting by key costs one call a row instead of a
 * comparator call per comparison: each unit's keys are computed once, then
 * sorted with their row positions by an inlined merge sort (one pass and
 * no move when already in order).
 */
typedef uint64_t rd_collect_key(const void *row);

/* rd_collect_finish, each unit's rows sorted by key (stable). */
void rd_collect_finish_key(struct rd_collect *, size_t nunits,
    rd_collect_key *key);
/* n rows of size bytes sorted by key, ties kept in their order. */
void rd_collect_sort_key(void *rows, size_t n, size_t size, rd_collect_key *key);
/*
 * The same with the keys given: keys[i] is row i's (a key that needs
 * more than the row, such as what all the rows of a group share).
 */
void rd_collect_sort_keys(void *rows, size_t n, size_t size,
    const uint64_t *keys);
/*
 * The first 8 bytes of a NUL-terminated id as a number in their byte
 * order, zero after a shorter id: ids that differ there are in strcmp's
 * order by it (bytes compare unsigned; no id holds a NUL byte).
 */
uint64_t rd_id_prefix(const char *id);
/*
 * n rows of size bytes into cmp's order, for a cmp that orders rows by
 * an id first (strcmp's order of the id id_of gives for a row and ctx),
 * then by anything: by the ids' rd_id_prefix (rd_collect_sort_keys), then
 * by cmp among the rows whose ids share those bytes.  qsort with such a
 * cmp is a strcmp a comparison, n log n of them on rows in no order.
 */
void rd_collect_sort_by_id(void *rows, size_t n, size_t size,
    const char *(*id_of)(const void *row, const void *ctx), const void *ctx,
    int (*cmp)(const void *, const void *));

#endif
