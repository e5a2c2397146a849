/*
 * Unaligned word loads (and stores) for comparing, hashing and copying
 * short byte strings a word at a time (code lists, hash keys, the writer's
 * test for bytes that need quoting): memcpy, which compilers turn into one
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

static inline void
rd_store64(char *p, uint64_t v)
{
	memcpy(p, &v, 8);
}

static inline uint32_t
rd_load32(const char *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return v;
}

static inline void
rd_store32(char *p, uint32_t v)
{
	memcpy(p, &v, 4);
}

/*
 * The bytes of s (len 1 to 16) as two words, some bytes maybe twice (the
 * loads overlap): two texts of the same length are equal exactly when
 * their words are, so a short value is compared or hashed in two steps.
 */
static inline void
rd_short_words(const char *s, size_t len, uint64_t w[2])
{
	const unsigned char *p = (const unsigned char *)s;

	if (len >= 8) {
		w[0] = rd_load64(s);
		w[1] = rd_load64(s + len - 8);
	} else if (len >= 4) {
		w[0] = rd_load32(s);
		w[1] = rd_load32(s + len - 4);
	} else {
		w[0] = p[0] | (uint64_t)p[len >> 1] << 8 | (uint64_t)p[len - 1] << 16;
		w[1] = 0;
	}
}

#endif
