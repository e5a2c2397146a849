#include "bigmem.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "diag.h"

/* munmap takes whole pages. */
static size_t
page_round(size_t bytes)
{
	return (bytes + 4095) & ~(size_t)4095;
}

void *
rd_big_alloc(size_t bytes)
{
	size_t lead;
	char *p;

	if (bytes < RD_BIG_MIN)
		return rd_malloc(bytes);
	bytes = page_round(bytes);
	p = mmap(NULL, bytes + RD_BIG_MIN, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		rd_die(RD_EXIT_DATA, "out of memory");
	/* Keep the aligned part only. */
	lead = (RD_BIG_MIN - (uintptr_t)p % RD_BIG_MIN) % RD_BIG_MIN;
	if (lead > 0)
		(void)munmap(p, lead);
	(void)munmap(p + lead + bytes, RD_BIG_MIN - lead);
	(void)madvise(p + lead, bytes, MADV_HUGEPAGE);
	return p + lead;
}

void *
rd_big_zalloc(size_t bytes)
{
	/* From RD_BIG_MIN rd_big_alloc's pages come fresh from mmap: zero. */
	return bytes < RD_BIG_MIN ? rd_calloc(1, bytes) : rd_big_alloc(bytes);
}

void
rd_big_free(void *p, size_t bytes)
{
	if (p == NULL)
		return;
	if (bytes < RD_BIG_MIN)
		free(p);
	else
		(void)munmap(p, page_round(bytes));
}

void *
rd_big_realloc(void *p, size_t old, size_t bytes)
{
	void *q;

	if (old < RD_BIG_MIN && bytes < RD_BIG_MIN)
		return rd_realloc(p, bytes);
	q = rd_big_alloc(bytes);
	if (p != NULL)
		memcpy(q, p, old < bytes ? old : bytes);
	rd_big_free(p, old);
	return q;
}

/*
 * Under AddressSanitizer the heap, so that its red zones still watch the
 * ends of the arrays (a mapping has none).
 */
#ifdef __SANITIZE_ADDRESS__
void *
rd_map_grow(void *p, size_t old, size_t bytes, bool huge)
{
	(void)old;
	(void)huge;
	return rd_realloc(p, bytes > 0 ? bytes : 1);
}

void
rd_map_free(void *p, size_t bytes)
{
	(void)bytes;
	free(p);
}

void
rd_map_populate(void *p, size_t from, size_t to)
{
	(void)p;
	(void)from;
	(void)to;
}
#else

void *
rd_map_grow(void *p, size_t old, size_t bytes, bool huge)
{
	void *m;

	old = page_round(old);
	bytes = page_round(bytes > 0 ? bytes : 1);
	if (p != NULL && old == bytes)
		return p;
	m = p == NULL ? mmap(NULL, bytes, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) :
	    mremap(p, old, bytes, MREMAP_MAYMOVE);
	if (m == MAP_FAILED)
		rd_die(RD_EXIT_DATA, "out of memory");
	/* A hint: where the system gives no huge pages, small ones. */
	if (huge && bytes >= RD_BIG_MIN)
		(void)madvise(m, bytes, MADV_HUGEPAGE);
	return m;
}

void
rd_map_free(void *p, size_t bytes)
{
	if (p != NULL)
		(void)munmap(p, page_round(bytes > 0 ? bytes : 1));
}

void
rd_map_populate(void *p, size_t from, size_t to)
{
	size_t first = from & ~(size_t)4095, end = page_round(to);

	if (p != NULL && end > first)
		(void)madvise((char *)p + first, end - first, MADV_POPULATE_WRITE);
}
#endif
