/*
 * The collection's insides shared by collect.c (collecting rows, grouping
 * them by unit, walking the units) and collect_sort.c (sorting rows: by a
 * comparison, by 64-bit keys, by id prefix, a finished collection's units
 * by key).  Not for tools: they use collect.h.  Contract: collect.c owns
 * struct rd_collect and its buckets; collect_sort.c only reads a finished
 * collection's units (unit_rows) and sorts rows in place.
 */
#ifndef RD_COLLECT_IMPL_H
#define RD_COLLECT_IMPL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "collect.h"

/*
 * Bucket mode (rd_collect_init_units): a bucket's rows and their units'
 * low bits, each in a mapping of its own grown by mremap, which moves no
 * byte and faults in no page twice (a heap block grown by realloc is a
 * copy into fresh pages).
 */
struct rd_collect_bucket {
	unsigned char *rows;
	uint16_t *low;
	size_t n, cap;
	size_t rows_bytes, low_bytes;	/* mapped (reused ones: more than cap) */
};

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
	case 24:	/* a urine observation: a libc call a row was 5% of --summary */
		memcpy(dst, src, 24);
		break;
	default:
		memcpy(dst, src, size);
	}
}

/* The rows of unit u after finishing. */
static inline unsigned char *
unit_rows(const struct rd_collect *c, size_t u)
{
	size_t b, first;

	if (c->bucket == NULL)
		return c->rows + c->off[u] * c->row_size;
	b = u >> c->shift;
	first = b << c->shift;
	if (c->bucket[b].rows == NULL)
		return (unsigned char *)c->bucket;	/* no rows: any address */
	return c->bucket[b].rows + (c->off[u] - c->off[first]) * c->row_size;
}

void sort_rows(unsigned char *rows, size_t n, size_t size,
    int (*cmp)(const void *, const void *), unsigned char *tmp);

struct sort_units {
	struct rd_collect *c;
	rd_collect_key *key;
};

/* An rd_par_range_fn (par.h) over units; arg is a struct sort_units. */
void sort_units(void *arg, size_t part, size_t from, size_t to);

#endif /* RD_COLLECT_IMPL_H */
