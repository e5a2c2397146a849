#include "collect.h"
#include "collect_impl.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "bigmem.h"
#include "diag.h"
#include "par.h"
#include "wordload.h"

void
rd_collect_init(struct rd_collect *c, size_t row_size)
{
	memset(c, 0, sizeof *c);
	c->row_size = row_size;
}

/*
 * The rows and their units are mappings of their own (bigmem.h's
 * rd_map_grow): doubled in place, on huge pages once large.  Growing is
 * out of line (as bucket_grow below): inlined, it made every
 * rd_collect_add save and restore registers, nearly twice its work.
 */
static __attribute__((noinline)) void
grow(struct rd_collect *c, size_t n)
{
	size_t old = c->cap;

	while (n > c->cap - c->n)
		c->cap = c->cap ? 2 * c->cap : 4096;
	c->rows = rd_map_grow(c->rows, old * c->row_size, c->cap * c->row_size,
	    true);
	c->unit = rd_map_grow(c->unit, old * sizeof *c->unit,
	    c->cap * sizeof *c->unit, true);
}

/* Room for n more rows. */
static inline void
reserve(struct rd_collect *c, size_t n)
{
	if (n > c->cap - c->n)
		grow(c, n);
}

/*
 * A bucket's room doubles from 16 rows up to BUCKET_STEP_BYTES of rows,
 * then grows by as many at a time, their pages written in one call
 * (bigmem.h's rd_map_populate) rather than a fault each: measured on
 * outcome-report over all inputs in no order, faults were 12% of the
 * time.  Its mappings double.  256 buckets hold at most a step each
 * that they do not use, and small inputs a few pages each.
 */
#define BUCKET_STEP_BYTES ((size_t)64 << 10)

/* The bucket's room as its mappings give it (a reused one's). */
static void
bucket_room(const struct rd_collect *c, struct rd_collect_bucket *b)
{
	size_t rows = b->rows_bytes / c->row_size;
	size_t low = b->low_bytes / sizeof *b->low;

	b->cap = rows < low ? rows : low;
}

/* A mapping of *mapped bytes with room for bytes: doubled if not. */
static void *
bucket_map(void *p, size_t *mapped, size_t bytes)
{
	if (bytes > *mapped) {
		size_t twice = 2 * *mapped > bytes ? 2 * *mapped : bytes;

		p = rd_map_grow(p, *mapped, twice, false);
		*mapped = twice;
	}
	return p;
}

static __attribute__((noinline)) void
bucket_grow(struct rd_collect *c, struct rd_collect_bucket *b)
{
	size_t step = BUCKET_STEP_BYTES / c->row_size + 1;
	size_t cap = b->cap + (b->cap == 0 ? 16 : b->cap < step ? b->cap : step);

	b->rows = bucket_map(b->rows, &b->rows_bytes, cap * c->row_size);
	b->low = bucket_map(b->low, &b->low_bytes, cap * sizeof *b->low);
	rd_map_populate(b->rows, b->cap * c->row_size, cap * c->row_size);
	rd_map_populate(b->low, b->cap * sizeof *b->low, cap * sizeof *b->low);
	b->cap = cap;
}

static void
bucket_free(struct rd_collect_bucket *b)
{
	rd_map_free(b->rows, b->rows_bytes);
	rd_map_free(b->low, b->low_bytes);
	memset(b, 0, sizeof *b);
}

static _Noreturn __attribute__((noinline)) void
no_such_unit(const struct rd_collect *c, uint32_t u)
{
	rd_die(RD_EXIT_DATA, "internal error: unit %lu of %lu", (unsigned long)u,
	    (unsigned long)c->nunits_init);
}

/* A row of unit u to its bucket, which has room for it. */
static inline void *
bucket_put(struct rd_collect *c, struct rd_collect_bucket *b, uint32_t u)
{
	size_t k = b->n++;

	b->low[k] = (uint16_t)(u & ((1u << c->shift) - 1));
	c->n++;
	return b->rows + k * c->row_size;
}

/* rd_collect_add when the row's bucket is full, or u is out of range. */
static __attribute__((noinline)) void *
bucket_add_slow(struct rd_collect *c, uint32_t u)
{
	struct rd_collect_bucket *b;

	if (u >= c->nunits_init)
		no_such_unit(c, u);
	b = &c->bucket[u >> c->shift];
	if (b->n == b->cap)
		bucket_grow(c, b);
	return bucket_put(c, b, u);
}

static __attribute__((noinline)) void *
add_slow(struct rd_collect *c, uint32_t u)
{
	reserve(c, 1);
	c->unit[c->n] = u;
	return c->rows + c->n++ * c->row_size;
}

/* The slow paths are calls at the end: the common row saves no register. */
void *
rd_collect_add(struct rd_collect *c, uint32_t u)
{
	struct rd_collect_bucket *b;

	if (c->bucket != NULL) {
		if (u < c->nunits_init) {
			b = &c->bucket[u >> c->shift];
			if (b->n < b->cap)
				return bucket_put(c, b, u);
		}
		return bucket_add_slow(c, u);
	}
	if (c->n < c->cap) {
		c->unit[c->n] = u;
		return c->rows + c->n++ * c->row_size;
	}
	return add_slow(c, u);
}

void
rd_collect_keyed(struct rd_collect *c, struct rd_idmap *ids)
{
	if (c->bucket != NULL)
		rd_die(RD_EXIT_DATA, "internal error: keyed rows by bucket");
	c->ids = ids;
}

void
rd_collect_flush(struct rd_collect *c)
{
	const char *keys[RD_IDMAP_BATCH];

	if (c->pending == 0)
		return;
	for (size_t i = 0; i < c->pending; i++)
		keys[i] = c->keys + c->key_at[i];
	rd_idmap_intern_batch(c->ids, c->pending, keys, c->key_len,
	    c->unit + c->n - c->pending);
	c->pending = 0;
	c->keys_len = 0;
}

/*
 * A short key copied a word at a time (the last word overlapping), not by
 * memcpy: measured, the library call on these keys, which the caller has
 * often just built (session-log), took 11% of a summary's time.
 */
static inline void
copy_key(char *dst, const char *src, size_t len)
{
	size_t i = 0;

	if (len < 8) {
		if (len >= 4) {
			rd_store32(dst, rd_load32(src));
			rd_store32(dst + len - 4, rd_load32(src + len - 4));
		} else
			for (; i < len; i++)
				dst[i] = src[i];
		return;
	}
	for (; i + 8 < len; i += 8)
		rd_store64(dst + i, rd_load64(src + i));
	rd_store64(dst + len - 8, rd_load64(src + len - 8));
}

void *
rd_collect_add_key(struct rd_collect *c, const char *key, size_t len)
{
	void *row = rd_collect_add(c, 0);	/* its unit comes with the flush */

	if (c->keys == NULL || len > c->keys_cap - c->keys_len) {
		c->keys_cap = 2 * (c->keys_len + len) + 256;
		c->keys = rd_realloc(c->keys, c->keys_cap);
	}
	copy_key(c->keys + c->keys_len, key, len);
	c->key_at[c->pending] = c->keys_len;
	c->key_len[c->pending++] = len;
	c->keys_len += len;
	if (c->pending == RD_IDMAP_BATCH)
		rd_collect_flush(c);
	return row;
}

void *
rd_collect_add_keys(struct rd_collect *c, size_t n, const char *const *keys,
    const size_t *lens)
{
	void *rows;

	rd_collect_flush(c);	/* the rows before these are numbered first */
	reserve(c, n);
	rd_idmap_intern_batch(c->ids, n, keys, lens, c->unit + c->n);
	rows = c->rows + c->n * c->row_size;
	c->n += n;
	return rows;
}

/*
 * Units from which grouping goes through buckets first: with fewer, the
 * rows' destinations are few enough streams for the caches; with more
 * (a patient a unit), writing each row straight to its unit's place is a
 * cache and TLB miss a row.
 */
#define BUCKETED_UNITS 65536
#define BUCKET_BITS 8
#define NBUCKETS (1u << BUCKET_BITS)
/*
 * The bucketed copy keeps a row's unit as its offset in its bucket, in
 * 16 bits instead of 32: 2 bytes a row less memory the kernel must clear
 * (the copy's fresh pages were the most of --summary's page faults on
 * input in no order).  Up to 2^24 units; with more, scatter_direct.
 */
#define LOW_BITS 16
/*
 * Grouping on every core (par.h): parts of the rows, at least this many
 * rows a part.  Each part counts its rows' units and buckets; a unit's
 * (and a bucket's) rows from part t go after those of parts before t, so
 * every pass keeps the input order within a unit whatever the number of
 * parts: the rows come out the same, byte for byte.
 */
#define GROUP_PART_MIN 65536

struct grouping {
	struct rd_collect *c;
	size_t nunits, shift, parts;
	size_t *row_at;		/* part t: rows [row_at[t], row_at[t + 1]) */
	size_t **count;		/* part t: rows a unit, then its next place */
	size_t (*bcount)[NBUCKETS];	/* the same a bucket */
	bool *in_order;		/* part t's units never go down */
	unsigned char *rows;	/* the bucketed pass's copy */
	uint16_t *low;		/* its rows' units less their bucket's first */
	size_t *bucket_at;	/* the second pass's parts: buckets */
};

/* Part t's units and buckets counted (count[t][u], bcount[t][b]). */
static void
count_part(void *arg, size_t t, size_t from, size_t to)
{
	struct grouping *g = arg;
	const uint32_t *unit = g->c->unit;
	size_t *count = g->count[t], *bcount = g->bcount[t];
	bool in_order = true;

	for (size_t i = from; i < to; i++) {
		count[unit[i]]++;
		bcount[unit[i] >> g->shift]++;
		in_order &= i == from || unit[i - 1] <= unit[i];
	}
	g->in_order[t] = in_order;
}

/* Part t's rows straight to their units' places. */
static void
scatter_part(void *arg, size_t t, size_t from, size_t to)
{
	struct grouping *g = arg;
	const struct rd_collect *c = g->c;
	size_t size = c->row_size, *fill = g->count[t];

	for (size_t i = from; i < to; i++)
		copy_row(g->rows + fill[c->unit[i]]++ * size, c->rows + i * size,
		    size);
}

/* Part t's rows to their buckets in the copy (bcount: the places). */
static void
bucket_part(void *arg, size_t t, size_t from, size_t to)
{
	struct grouping *g = arg;
	const struct rd_collect *c = g->c;
	size_t size = c->row_size, *bfill = g->bcount[t];

	for (size_t i = from; i < to; i++) {
		size_t at = bfill[c->unit[i] >> g->shift]++;

		copy_row(g->rows + at * size, c->rows + i * size, size);
		g->low[at] = (uint16_t)(c->unit[i] & ((1u << g->shift) - 1));
	}
}

/*
 * Buckets [from, to), a region small enough for the caches each, by unit
 * back into the rows' own array (count[0]: every unit's next place).
 */
static void
unbucket_part(void *arg, size_t t, size_t from, size_t to)
{
	struct grouping *g = arg;
	struct rd_collect *c = g->c;
	size_t size = c->row_size, *fill = g->count[0];

	(void)t;
	for (size_t b = from; b < to; b++) {
		size_t first = b << g->shift, *bfill = fill + first;
		size_t end = first + ((size_t)1 << g->shift);
		size_t lo = c->off[first], hi = c->off[end < g->nunits ? end : g->nunits];

		for (size_t i = lo; i < hi; i++)
			copy_row(c->rows + bfill[g->low[i]]++ * size,
			    g->rows + i * size, size);
	}
}

/*
 * The counts of every part summed into c->off (prefix sums: unit u is rows
 * off[u]..off[u + 1]); whether the rows are in unit order.
 */
static bool
sum_counts(struct grouping *g)
{
	struct rd_collect *c = g->c;
	bool in_order = true;

	c->off[0] = 0;
	for (size_t u = 0; u < g->nunits; u++) {
		size_t n = 0;

		for (size_t t = 0; t < g->parts; t++)
			n += g->count[t][u];
		c->off[u + 1] = c->off[u] + n;
	}
	for (size_t t = 0; t < g->parts; t++)
		in_order &= g->in_order[t] && (t == 0 || g->row_at[t] == 0 ||
		    c->unit[g->row_at[t] - 1] <= c->unit[g->row_at[t]]);
	return in_order;
}

/*
 * Rows to a new array, straight to their units' places: part t's rows of
 * unit u from off[u] + the rows of u in parts before t.
 */
static void
scatter_direct(struct grouping *g)
{
	struct rd_collect *c = g->c;

	for (size_t u = 0; u < g->nunits; u++)
		for (size_t t = 0, at = c->off[u]; t < g->parts; t++) {
			size_t n = g->count[t][u];

			g->count[t][u] = at;
			at += n;
		}
	g->rows = rd_map_grow(NULL, 0, c->cap * c->row_size, true);
	rd_par_ranges(g->row_at, g->parts, scatter_part, g);
	rd_map_free(c->rows, c->cap * c->row_size);
	c->rows = g->rows;
	g->rows = NULL;
}

/*
 * The same result in two stable passes: rows to 256 buckets of
 * consecutive units in a copy (bucket b starts where its first unit's
 * rows go), then each bucket by unit back into the rows' own array, the
 * buckets cut into parts of about as many rows.  The peak is 2 bytes a
 * row more than scatter_direct's (the copy's units, LOW_BITS each).
 */
static void
scatter_bucketed(struct grouping *g)
{
	struct rd_collect *c = g->c;
	size_t nb = ((g->nunits - 1) >> g->shift) + 1, bytes = c->n + 1;
	size_t *fill = g->count[0];

	for (size_t b = 0; b < nb; b++)
		for (size_t t = 0, at = c->off[b << g->shift]; t < g->parts; t++) {
			size_t n = g->bcount[t][b];

			g->bcount[t][b] = at;
			at += n;
		}
	g->rows = rd_map_grow(NULL, 0, bytes * c->row_size, true);
	g->low = rd_map_grow(NULL, 0, bytes * sizeof *g->low, true);
	rd_par_ranges(g->row_at, g->parts, bucket_part, g);
	rd_map_free(c->unit, c->cap * sizeof *c->unit);
	c->unit = NULL;
	memcpy(fill, c->off, g->nunits * sizeof *fill);
	g->bucket_at = rd_malloc((g->parts + 1) * sizeof *g->bucket_at);
	g->bucket_at[0] = 0;
	for (size_t t = 1, b = 0; t < g->parts; t++) {
		/* The first bucket that starts at or after part t's share. */
		while (b < nb && c->off[b << g->shift] < t * (c->n / g->parts))
			b++;
		g->bucket_at[t] = b;
	}
	g->bucket_at[g->parts] = nb;
	rd_par_ranges(g->bucket_at, g->parts, unbucket_part, g);
	rd_map_free(g->rows, bytes * c->row_size);
	rd_map_free(g->low, bytes * sizeof *g->low);
	free(g->bucket_at);
}

/* Groups the rows by unit (counting sort, stable); no sort within units. */
static void
group_rows(struct rd_collect *c, size_t nunits)
{
	struct grouping g = { .c = c, .nunits = nunits };

	rd_collect_flush(c);
	/*
	 * Give back what doubling left unused before the grouped copy is
	 * made: the peak is then the rows twice, not up to three times.
	 */
	c->rows = rd_map_grow(c->rows, c->cap * c->row_size,
	    (c->n + 1) * c->row_size, true);
	c->unit = rd_map_grow(c->unit, c->cap * sizeof *c->unit,
	    (c->n + 1) * sizeof *c->unit, true);
	c->cap = c->n + 1;
	while (nunits > 0 && ((nunits - 1) >> g.shift) >= NBUCKETS)
		g.shift++;
	g.parts = rd_par_parts(c->n, GROUP_PART_MIN);
	g.row_at = rd_malloc((g.parts + 1) * sizeof *g.row_at);
	g.count = rd_malloc(g.parts * sizeof *g.count);
	g.bcount = rd_calloc(g.parts, sizeof *g.bcount);
	g.in_order = rd_malloc(g.parts * sizeof *g.in_order);
	for (size_t t = 0; t <= g.parts; t++)
		g.row_at[t] = c->n / g.parts * t;
	g.row_at[g.parts] = c->n;
	for (size_t t = 0; t < g.parts; t++)
		g.count[t] = rd_calloc(nunits + 1, sizeof *g.count[t]);
	c->off = rd_malloc((nunits + 1) * sizeof *c->off);
	c->nunits = nunits;
	rd_par_ranges(g.row_at, g.parts, count_part, &g);
	/*
	 * Rows whose units never go down (input grouped by unit, units
	 * numbered as they came) are grouped in place already: no copy.
	 */
	if (!sum_counts(&g)) {
		if (nunits >= BUCKETED_UNITS && g.shift <= LOW_BITS)
			scatter_bucketed(&g);
		else
			scatter_direct(&g);
	}
	for (size_t t = 0; t < g.parts; t++)
		free(g.count[t]);
	free(g.count);
	free(g.bcount);
	free(g.in_order);
	free(g.row_at);
	rd_map_free(c->unit, c->cap * sizeof *c->unit);
	c->unit = NULL;
}

void
rd_collect_init_units(struct rd_collect *c, size_t row_size, size_t nunits)
{
	size_t shift = 0;

	rd_collect_init(c, row_size);
	while (nunits > 0 && ((nunits - 1) >> shift) >= NBUCKETS)
		shift++;
	if (nunits == 0 || shift > LOW_BITS)
		return;
	c->shift = shift;
	c->nbuckets = ((nunits - 1) >> shift) + 1;
	c->nunits_init = nunits;
	c->bucket = rd_calloc(c->nbuckets, sizeof *c->bucket);
}

void
rd_collect_reuse(struct rd_collect *c, struct rd_collect *old)
{
	if (c->bucket != NULL && old->bucket != NULL && c->n == 0 &&
	    c->nbuckets == old->nbuckets)
		for (size_t b = 0; b < c->nbuckets; b++) {
			bucket_free(&c->bucket[b]);	/* nothing mapped yet */
			c->bucket[b] = old->bucket[b];
			c->bucket[b].n = 0;
			bucket_room(c, &c->bucket[b]);
			memset(&old->bucket[b], 0, sizeof old->bucket[b]);
		}
	rd_collect_free(old);
}

/* The first unit of bucket b, and the one after its last. */
static size_t
bucket_first(const struct rd_collect *c, size_t b)
{
	size_t u = b << c->shift;

	return u < c->nunits ? u : c->nunits;
}

/*
 * Buckets [from, to): each unit's rows counted into off[u + 1] (the
 * units are the bucket's own), and whether the bucket's rows are in
 * unit order already (in_order[b]).
 */
struct bucketing {
	struct rd_collect *c;
	bool *in_order;
};

static void
count_buckets(void *arg, size_t part, size_t from, size_t to)
{
	const struct bucketing *g = arg;
	struct rd_collect *c = g->c;

	(void)part;
	for (size_t b = from; b < to; b++) {
		const struct rd_collect_bucket *bk = &c->bucket[b];
		size_t first = bucket_first(c, b), *count = c->off + first + 1;
		bool in_order = true;

		memset(count, 0, (bucket_first(c, b + 1) - first) * sizeof *count);
		for (size_t i = 0; i < bk->n; i++) {
			count[bk->low[i]]++;
			in_order &= i == 0 || bk->low[i - 1] <= bk->low[i];
		}
		g->in_order[b] = in_order;
	}
}

/*
 * Buckets [from, to) grouped by unit in place: the rows to a scratch of
 * the part's own, each at its unit's next place (stable), then back.
 */
static void
group_buckets(void *arg, size_t part, size_t from, size_t to)
{
	const struct bucketing *g = arg;
	struct rd_collect *c = g->c;
	size_t size = c->row_size, most = 0, *fill;
	unsigned char *tmp;

	(void)part;
	for (size_t b = from; b < to; b++)
		if (!g->in_order[b] && c->bucket[b].n > most)
			most = c->bucket[b].n;
	if (most == 0)
		return;
	tmp = rd_malloc(most * size);
	fill = rd_malloc(((size_t)1 << c->shift) * sizeof *fill);
	for (size_t b = from; b < to; b++) {
		struct rd_collect_bucket *bk = &c->bucket[b];
		size_t first = bucket_first(c, b);

		if (g->in_order[b])
			continue;
		for (size_t u = first; u < bucket_first(c, b + 1); u++)
			fill[u - first] = c->off[u] - c->off[first];
		for (size_t i = 0; i < bk->n; i++)
			copy_row(tmp + fill[bk->low[i]]++ * size, bk->rows + i * size,
			    size);
		memcpy(bk->rows, tmp, bk->n * size);
	}
	free(fill);
	free(tmp);
}

/* Bucket mode's group_rows: every bucket by unit where it is. */
static void
group_by_bucket(struct rd_collect *c, size_t nunits)
{
	struct bucketing g = { c, NULL };
	size_t parts = rd_par_parts(c->n, GROUP_PART_MIN), *bounds;

	if (nunits != c->nunits_init)
		rd_die(RD_EXIT_DATA, "internal error: %lu units, not %lu",
		    (unsigned long)nunits, (unsigned long)c->nunits_init);
	c->nunits = nunits;
	c->off = rd_malloc((nunits + 1) * sizeof *c->off);
	g.in_order = rd_malloc(c->nbuckets * sizeof *g.in_order);
	if (parts > c->nbuckets)
		parts = c->nbuckets;
	/* Parts of about as many rows: the first bucket at each share. */
	bounds = rd_malloc((parts + 1) * sizeof *bounds);
	bounds[0] = 0;
	for (size_t t = 1, b = 0, rows = 0; t < parts; t++) {
		while (b < c->nbuckets && rows < t * (c->n / parts))
			rows += c->bucket[b++].n;
		bounds[t] = b;
	}
	bounds[parts] = c->nbuckets;
	rd_par_ranges(bounds, parts, count_buckets, &g);
	c->off[0] = 0;
	for (size_t u = 0; u < nunits; u++)
		c->off[u + 1] += c->off[u];
	rd_par_ranges(bounds, parts, group_buckets, &g);
	/* The units' low bits stay mapped for rd_collect_reuse. */
	free(bounds);
	free(g.in_order);
}

static void
group(struct rd_collect *c, size_t nunits)
{
	if (c->bucket != NULL)
		group_by_bucket(c, nunits);
	else
		group_rows(c, nunits);
}

void
rd_collect_finish(struct rd_collect *c, size_t nunits,
    int (*cmp)(const void *, const void *))
{
	size_t size = c->row_size;
	unsigned char *tmp;

	group(c, nunits);
	if (cmp == NULL)
		return;
	tmp = rd_malloc(size);
	for (size_t u = 0; u < nunits; u++)
		sort_rows(unit_rows(c, u), c->off[u + 1] - c->off[u], size, cmp,
		    tmp);
	free(tmp);
}

/*
 * Units sorted on every core (par.h), RD_SORT_UNITS_MIN or more a part:
 * each unit's sort is its own, so any cut gives the same rows.
 */
#define RD_SORT_UNITS_MIN 1024

void
rd_collect_finish_key(struct rd_collect *c, size_t nunits, rd_collect_key *key)
{
	struct sort_units su = { c, key };

	group(c, nunits);
	rd_par_range(nunits, rd_par_parts(nunits, RD_SORT_UNITS_MIN), sort_units,
	    &su);
}

void *
rd_collect_unit(const struct rd_collect *c, size_t u, size_t *n)
{
	*n = c->off[u + 1] - c->off[u];
	return unit_rows(c, u);
}

void
rd_collect_free(struct rd_collect *c)
{
	for (size_t b = 0; c->bucket != NULL && b < c->nbuckets; b++)
		bucket_free(&c->bucket[b]);
	free(c->bucket);
	rd_map_free(c->rows, c->cap * c->row_size);
	rd_map_free(c->unit, c->cap * sizeof *c->unit);
	free(c->off);
	free(c->keys);
	memset(c, 0, sizeof *c);
}

/* The first unit whose rows start at or after row (c->nunits: none). */
static size_t
unit_at_row(const struct rd_collect *c, size_t row)
{
	size_t lo = 0, hi = c->nunits;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (c->off[mid] < row)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void
rd_collect_each(const struct rd_collect *c, rd_par_range_fn *fn, void *arg)
{
	size_t parts = rd_par_parts(c->n, RD_COLLECT_EACH_MIN), *bounds;

	if (parts <= 1 || c->nunits < 2) {
		fn(arg, 0, 0, c->nunits);
		return;
	}
	/* Parts of about equal rows, not units: a unit's work is its rows'. */
	bounds = rd_malloc((parts + 1) * sizeof *bounds);
	bounds[0] = 0;
	for (size_t t = 1; t < parts; t++) {
		bounds[t] = unit_at_row(c, t * (c->n / parts));
		if (bounds[t] < bounds[t - 1])
			bounds[t] = bounds[t - 1];
	}
	bounds[parts] = c->nunits;
	rd_par_ranges(bounds, parts, fn, arg);
	free(bounds);
}
