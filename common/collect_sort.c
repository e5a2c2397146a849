/*
 * Sorting rows, apart from collecting them (collect.c): stable sorts by a
 * comparison (insertion, else qsort), by 64-bit keys (the keys packed
 * with their positions into words for rd_sort_words when they fit, else
 * a merge sort of (key, position) pairs; then the rows moved once), by id
 * prefix then comparison, and a finished collection's units each by key.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "collect_impl.h"
#include "diag.h"
#include "wordsort.h"


/*
 * Sorts n rows by insertion, which costs one comparison a row when they
 * are in order already and little more when a few rows of one day come in
 * another order; stable.  Gives up (false, the rows still a permutation)
 * after more moves than the limit, so that rows far from order fall back
 * to qsort instead of taking quadratic time.
 */
static bool
insertion_sort(unsigned char *rows, size_t n, size_t size,
    int (*cmp)(const void *, const void *), unsigned char *tmp)
{
	size_t moves = 0, limit = 4 * n + 16;

	for (size_t i = 1; i < n; i++) {
		unsigned char *cur = rows + i * size;
		size_t j = i - 1;

		if (cmp(cur - size, cur) <= 0)
			continue;
		while (j > 0 && cmp(rows + (j - 1) * size, cur) > 0)
			j--;
		moves += i - j;
		if (moves > limit)
			return false;
		copy_row(tmp, cur, size);
		memmove(rows + (j + 1) * size, rows + j * size, (i - j) * size);
		copy_row(rows + j * size, tmp, size);
	}
	return true;
}

void
sort_rows(unsigned char *rows, size_t n, size_t size,
    int (*cmp)(const void *, const void *), unsigned char *tmp)
{
	if (!insertion_sort(rows, n, size, cmp, tmp))
		qsort(rows, n, size, cmp);
}

/* A row's key and its position in its unit: (key, at) orders rows stably. */
struct keyed {
	uint64_t key;
	size_t at;
};

static inline bool
keyed_before(const struct keyed *a, const struct keyed *b)
{
	return a->key < b->key || (a->key == b->key && a->at < b->at);
}

/*
 * Sorts by (key, at), unique, so any correct sort gives the one stable
 * order: insertion for short runs, else a merge sort through tmp (n / 2
 * entries) that skips the merge of halves already in order.
 */
static void
sort_keyed(struct keyed *k, size_t n, struct keyed *tmp)
{
	if (n <= 16) {
		for (size_t i = 1; i < n; i++) {
			struct keyed cur = k[i];
			size_t j = i;

			for (; j > 0 && keyed_before(&cur, &k[j - 1]); j--)
				k[j] = k[j - 1];
			k[j] = cur;
		}
		return;
	}
	size_t m = n / 2, i = 0, j = m, o = 0;

	sort_keyed(k, m, tmp);
	sort_keyed(k + m, n - m, tmp);
	if (!keyed_before(&k[m], &k[m - 1]))
		return;
	memcpy(tmp, k, m * sizeof *k);
	/* The right half's rows move left only, never over unread ones. */
	while (i < m && j < n)
		k[o++] = keyed_before(&k[j], &tmp[i]) ? k[j++] : tmp[i++];
	while (i < m)
		k[o++] = tmp[i++];
}

/* Scratch space of a keyed sort, grown to the largest unit. */
struct key_scratch {
	struct keyed *k, *tmp;
	uint64_t *words;	/* packed keys, then rd_sort_words' scratch */
	unsigned char *rows;
	size_t cap;
};

static void
scratch_reserve(struct key_scratch *x, size_t n, size_t size)
{
	if (n <= x->cap)
		return;
	x->cap = n;
	x->k = rd_realloc(x->k, n * sizeof *x->k);
	x->tmp = rd_realloc(x->tmp, (n / 2 + 1) * sizeof *x->tmp);
	x->words = rd_realloc(x->words, (n + n / 2 + 1) * sizeof *x->words);
	x->rows = rd_realloc(x->rows, n * size);
}

static void
scratch_free(struct key_scratch *x)
{
	free(x->k);
	free(x->tmp);
	free(x->words);
	free(x->rows);
}

/*
 * x->k[0, n), each at its own position (at == i), put in (key, at) order
 * through one word a key when the keys' range and the positions fit 64
 * bits together: (key - least) above the position.  The words are then
 * distinct and ordered as (key, at) is, for rd_sort_words (on input in no
 * order, an episode's sessions sorted this way took a third of the time
 * of sort_keyed).  False, x->k untouched, when they do not fit.
 */
static bool
sort_packed(struct key_scratch *x, size_t n)
{
	uint64_t least = x->k[0].key, most = least;
	unsigned ib = rd_bits_for(n - 1);

	for (size_t i = 1; i < n; i++) {
		least = x->k[i].key < least ? x->k[i].key : least;
		most = x->k[i].key > most ? x->k[i].key : most;
	}
	if (rd_bits_for(most - least) + ib > 64)
		return false;
	for (size_t i = 0; i < n; i++)
		x->words[i] = (x->k[i].key - least) << ib | i;
	rd_sort_words(x->words, n, x->words + n);
	for (size_t i = 0; i < n; i++)
		x->k[i].at = (size_t)(x->words[i] & ((1ULL << ib) - 1));
	return true;
}

/*
 * Sorts a unit's rows by key: the keys once, with their positions; when
 * they are in order already (grouped input), nothing more; else a merge
 * sort of the keys, then the rows moved once to their places.
 */
/* The rows in the order of the keys in x->k (sorted is whether they are). */
static void
sort_rows_keyed(unsigned char *rows, size_t n, size_t size, bool sorted,
    struct key_scratch *x)
{
	if (sorted)
		return;
	if (!sort_packed(x, n))
		sort_keyed(x->k, n, x->tmp);
	for (size_t i = 0; i < n; i++)
		copy_row(x->rows + i * size, rows + x->k[i].at * size, size);
	memcpy(rows, x->rows, n * size);
}

static void
sort_rows_key(unsigned char *rows, size_t n, size_t size, rd_collect_key *key,
    struct key_scratch *x)
{
	bool sorted = true;

	if (n < 2)
		return;
	scratch_reserve(x, n, size);
	for (size_t i = 0; i < n; i++) {
		x->k[i].key = key(rows + i * size);
		x->k[i].at = i;
		sorted &= i == 0 || x->k[i - 1].key <= x->k[i].key;
	}
	sort_rows_keyed(rows, n, size, sorted, x);
}

void
rd_collect_sort_key(void *rows, size_t n, size_t size, rd_collect_key *key)
{
	struct key_scratch x = { 0 };

	sort_rows_key(rows, n, size, key, &x);
	scratch_free(&x);
}

void
rd_collect_sort_keys(void *rows, size_t n, size_t size, const uint64_t *keys)
{
	struct key_scratch x = { 0 };
	bool sorted = true;

	for (size_t i = 1; i < n; i++)
		sorted &= keys[i - 1] <= keys[i];
	if (sorted)
		return;	/* no scratch at all for rows in order */
	scratch_reserve(&x, n, size);
	for (size_t i = 0; i < n; i++) {
		x.k[i].key = keys[i];
		x.k[i].at = i;
	}
	sort_rows_keyed(rows, n, size, false, &x);
	scratch_free(&x);
}

/* Sorts units [from, to) by key, with a scratch of the part's own. */
void
sort_units(void *arg, size_t part, size_t from, size_t to)
{
	const struct sort_units *su = arg;
	struct rd_collect *c = su->c;
	struct key_scratch x = { 0 };

	(void)part;
	for (size_t u = from; u < to; u++)
		sort_rows_key(unit_rows(c, u), c->off[u + 1] - c->off[u],
		    c->row_size, su->key, &x);
	scratch_free(&x);
}

void
rd_collect_sort(void *rows, size_t n, size_t size,
    int (*cmp)(const void *, const void *))
{
	unsigned char small[64], *tmp = size <= sizeof small ? small : rd_malloc(size);

	sort_rows(rows, n, size, cmp, tmp);
	if (tmp != small)
		free(tmp);
}

uint64_t
rd_id_prefix(const char *id)
{
	uint64_t v = 0;

	for (size_t i = 0; i < 8 && id[i] != '\0'; i++)
		v |= (uint64_t)(unsigned char)id[i] << (56 - 8 * i);
	return v;
}

void
rd_collect_sort_by_id(void *rows, size_t n, size_t size,
    const char *(*id_of)(const void *row, const void *ctx), const void *ctx,
    int (*cmp)(const void *, const void *))
{
	unsigned char *r = rows;
	uint64_t *keys = rd_malloc((n + 1) * sizeof *keys);

	for (size_t i = 0; i < n; i++)
		keys[i] = rd_id_prefix(id_of(r + i * size, ctx));
	rd_collect_sort_keys(rows, n, size, keys);
	for (size_t i = 0; i < n; i++)
		keys[i] = rd_id_prefix(id_of(r + i * size, ctx));
	for (size_t i = 0, j; i < n; i = j) {
		for (j = i + 1; j < n && keys[j] == keys[i]; j++)
			;
		if (j - i > 1)
			rd_collect_sort(r + i * size, j - i, size, cmp);
	}
	free(keys);
}
