/*
 * An arena of byte strings: copies that stay at the same address until
 * rd_arena_free, for hash keys and for the rare value too long for a
 * fixed-size row (a long sample_id).  A zeroed struct is an empty arena.
 * Strings are copied into a 1 MiB block, then 2 MiB blocks on huge pages
 * (bigmem.h); one of a quarter of a MiB or more gets a block of its own.
 * Memory: the bytes plus one NUL a string; no per-string header.
 */
#ifndef RD_ARENA_H
#define RD_ARENA_H

#include <stddef.h>

struct rd_arena {
	char **blocks;
	size_t nblocks;
	char *cur;		/* where the block being filled is free */
	size_t left;		/* bytes free there */
};

/* A NUL-terminated copy of s[0..len-1], owned by the arena. */
char *rd_arena_copy(struct rd_arena *, const char *s, size_t len);
/* Frees every copy; the arena is empty again. */
void rd_arena_free(struct rd_arena *);

#endif
