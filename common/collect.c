#include "collect.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"

void
rd_collect_init(struct rd_collect *c, size_t row_size)
{
	memset(c, 0, sizeof *c);
	c->row_size = row_size;
}

void *
rd_collect_add(struct rd_collect *c, uint32_t u)
{
	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 4096;
		c->rows = rd_realloc(c->rows, c->cap * c->row_size);
		c->unit = rd_realloc(c->unit, c->cap * sizeof *c->unit);
	}
	c->unit[c->n] = u;
	return c->rows + c->n++ * c->row_size;
}

/* A row copy the compiler can inline for the row sizes the tools use. */
static inline void
copy_row(unsigned char *dst, const unsigned char *src, size_t size)
{
	switch (size) {
	case 8:
		memcpy(dst, src, 8);
		break;
	case 12:
		memcpy(dst, src, 12);
		break;
	case 16:
		memcpy(dst, src, 16);
		break;
	default:
		memcpy(dst, src, size);
	}
}

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

static void
sort_rows(unsigned char *rows, size_t n, size_t size,
    int (*cmp)(const void *, const void *), unsigned char *tmp)
{
	if (!insertion_sort(rows, n, size, cmp, tmp))
		qsort(rows, n, size, cmp);
}

void
rd_collect_finish(struct rd_collect *c, size_t nunits,
    int (*cmp)(const void *, const void *))
{
	size_t size = c->row_size;
	size_t *fill = rd_malloc((nunits + 1) * sizeof *fill);
	unsigned char *grouped, *tmp;

	/*
	 * Give back what doubling left unused before the grouped copy is
	 * made: the peak is then the rows twice, not up to three times.
	 */
	if (c->cap > c->n + 1) {
		c->rows = rd_realloc(c->rows, (c->n + 1) * size);
		c->unit = rd_realloc(c->unit, (c->n + 1) * sizeof *c->unit);
		c->cap = c->n + 1;
	}
	grouped = rd_malloc((c->n + 1) * size);

	/* Counting sort by unit: off[u + 1] counts, then prefix sums. */
	c->off = rd_calloc(nunits + 1, sizeof *c->off);
	c->nunits = nunits;
	for (size_t i = 0; i < c->n; i++)
		c->off[c->unit[i] + 1]++;
	for (size_t u = 0; u < nunits; u++)
		c->off[u + 1] += c->off[u];
	memcpy(fill, c->off, (nunits + 1) * sizeof *fill);
	for (size_t i = 0; i < c->n; i++)
		copy_row(grouped + fill[c->unit[i]]++ * size, c->rows + i * size, size);
	free(fill);
	free(c->rows);
	free(c->unit);
	c->rows = grouped;
	c->unit = NULL;
	if (cmp == NULL)
		return;
	tmp = rd_malloc(size);
	for (size_t u = 0; u < nunits; u++)
		sort_rows(c->rows + c->off[u] * size, c->off[u + 1] - c->off[u],
		    size, cmp, tmp);
	free(tmp);
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

void *
rd_collect_unit(const struct rd_collect *c, size_t u, size_t *n)
{
	*n = c->off[u + 1] - c->off[u];
	return c->rows + c->off[u] * c->row_size;
}

void
rd_collect_free(struct rd_collect *c)
{
	free(c->rows);
	free(c->unit);
	free(c->off);
	memset(c, 0, sizeof *c);
}
