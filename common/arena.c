#include "arena.h"

#include <stdlib.h>
#include <string.h>

#include "diag.h"

#define ARENA_BLOCK ((size_t)1 << 20)

static char *
new_block(struct rd_arena *a, size_t size)
{
	char *p = rd_malloc(size);

	a->blocks = rd_realloc(a->blocks, (a->nblocks + 1) * sizeof *a->blocks);
	a->blocks[a->nblocks++] = p;
	return p;
}

char *
rd_arena_copy(struct rd_arena *a, const char *s, size_t len)
{
	char *p;

	if (len >= ARENA_BLOCK / 4)
		p = new_block(a, len + 1);	/* its own block: the current one goes on filling */
	else {
		if (a->left < len + 1) {
			a->cur = new_block(a, ARENA_BLOCK);
			a->left = ARENA_BLOCK;
		}
		p = a->cur + (ARENA_BLOCK - a->left);
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
	for (size_t i = 0; i < a->nblocks; i++)
		free(a->blocks[i]);
	free(a->blocks);
	memset(a, 0, sizeof *a);
}
