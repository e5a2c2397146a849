/*
 * Unaligned word loads for comparing and hashing short byte strings a word
 * at a time (code lists, hash keys): memcpy, which compilers turn into one
 * load.
 */
#ifndef RD_WORDLOAD_H
#define RD_WORDLOAD_H

#include <stdint.h>
#include <string.h>

static inline uint64_t
rd_load64(const char *p)
{
	uint64_t v;

	memcpy(&v, p, 8);
	return v;
}

static inline uint32_t
rd_load32(const char *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return v;
}

#endif
