#include "arena.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bigmem.h"
#include "diag.h"

#define ARENA_BLOCK ((size_t)1 << 20)
/*
 * Blocks after the first are a huge page each (bigmem.h): a large arena
 * (a table's keys, megabytes of them) took a page fault every 4 KiB,
 * and in a virtual machine each costs several times the clearing of
 * its bytes.  Such a block is kept in blocks[] with its lowest bit set
 * (rd_big_alloc gives it 2 MiB-aligned), for rd_arena_free to tell.
 */
#define ARENA_BIG RD_BIG_MIN

/* A new block of size bytes, or (big) of ARENA_BIG on huge pages. */
static char *
new_block(struct rd_arena *a, size_t size, bool big)
{
	char *p = big ? rd_big_alloc(ARENA_BIG) : rd_malloc(size);

	a->blocks = rd_realloc(a->blocks, (a->nblocks + 1) * sizeof *a->blocks);
	a->blocks[a->nblocks++] = big ? p + 1 : p;
	return p;
}

char *
rd_arena_copy(struct rd_arena *a, const char *s, size_t len)
{
	char *p;

	if (len >= ARENA_BLOCK / 4)
		p = new_block(a, len + 1, false);	/* its own block: the current one goes on filling */
	else {
		if (a->left < len + 1) {
			bool big = a->cur != NULL;

			a->cur = new_block(a, ARENA_BLOCK, big);
			a->left = big ? ARENA_BIG : ARENA_BLOCK;
		}
		p = a->cur;
		a->cur += len + 1;
		a->left -= len + 1;
	}
	if (len > 0)
		memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

void
rd_arena_free(struct rd_arena *a)
{
	for (size_t i = 0; i < a->nblocks; i++) {
		char *b = a->blocks[i];

		if ((uintptr_t)b & 1)
			rd_big_free(b - 1, ARENA_BIG);
		else
			free(b);
	}
	free(a->blocks);
	memset(a, 0, sizeof *a);
}
