/*
 * Unaligned word loads (and stores) for comparing, hashing and copying
 * short byte strings a word at a time (code lists, hash keys, the writer's
 * test for bytes that need quoting): memcpy, which compilers turn into one
 * load.
 */
#ifndef RD_WORDLOAD_H
#define RD_WORDLOAD_H

#include <stdbool.h>
#include <stddef.h>
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

/*
 * key[from, len) (fewer than 8 bytes; from a multiple of 8) as a word,
 * zero after len, from loads within key[0, len) only: one load that ends
 * at len, shifted, when the key has 8 bytes, else two or a few bytes.
 * Not a memcpy of a variable length into a zeroed word: that is a call
 * whose small stores the load of the word cannot take from the store
 * buffer, so the load waited for every store before it (and on a row
 * whose table stores miss, that was most of a row's time).
 */
static inline uint64_t
rd_tail_word(const char *key, size_t len, size_t from)
{
	const unsigned char *p = (const unsigned char *)key + from;
	size_t n = len - from;
	uint64_t lo, hi;

	if (n == 0)
		return 0;
	if (len >= 8)
		return rd_load64(key + len - 8) >> (8 * (8 - n));
	if (n >= 4) {
		/* from is 0: bytes [0, 4), then [4, n) from a load ending at n */
		lo = rd_load32(key);
		hi = rd_load32(key + len - 4);
		return lo | (hi >> (8 * (8 - n))) << 32;
	}
	lo = p[0];
	if (n > 1)
		lo |= (uint64_t)p[1] << 8;
	if (n > 2)
		lo |= (uint64_t)p[2] << 16;
	return lo;
}

/* Word i of key (len bytes) zero after its end (rd_tail_word). */
static inline uint64_t
rd_key_word(const char *key, size_t len, size_t i)
{
	if (len >= 8 * i + 8)
		return rd_load64(key + 8 * i);
	return len > 8 * i ? rd_tail_word(key, len, 8 * i) : 0;
}

/*
 * len bytes from s to d; up to 32 as overlapping word copies: a memcpy
 * of a length the compiler cannot know is a call, or, into a buffer of
 * known size, a rep movs whose start-up cost is many times the copy of
 * an id (a third of the staging of episode rows).  Longer: memcpy.
 */
static inline void
rd_copy_short(char *d, const char *s, size_t len)
{
	if (len > 32)
		memcpy(d, s, len);
	else if (len >= 16) {
		memcpy(d, s, 16);
		memcpy(d + len - 16, s + len - 16, 16);
	} else if (len >= 8) {
		uint64_t a = rd_load64(s), b = rd_load64(s + len - 8);

		memcpy(d, &a, 8);
		memcpy(d + len - 8, &b, 8);
	} else if (len >= 4) {
		uint32_t a = rd_load32(s), b = rd_load32(s + len - 4);

		memcpy(d, &a, 4);
		memcpy(d + len - 4, &b, 4);
	} else if (len > 0) {
		d[0] = s[0];
		d[len >> 1] = s[len >> 1];
		d[len - 1] = s[len - 1];
	}
}

/*
 * Whether a and b hold the same len bytes: up to 32 as overlapping word
 * compares (a memcmp of a length the compiler cannot know is a call, on
 * every slot a table's probe passes); longer: memcmp.
 */
static inline bool
rd_same_short(const char *a, const char *b, size_t len)
{
	if (len > 32)
		return memcmp(a, b, len) == 0;
	if (len > 16)
		return ((rd_load64(a) ^ rd_load64(b)) |
		    (rd_load64(a + 8) ^ rd_load64(b + 8)) |
		    (rd_load64(a + len - 16) ^ rd_load64(b + len - 16)) |
		    (rd_load64(a + len - 8) ^ rd_load64(b + len - 8))) == 0;
	if (len >= 8)
		return ((rd_load64(a) ^ rd_load64(b)) |
		    (rd_load64(a + len - 8) ^ rd_load64(b + len - 8))) == 0;
	if (len >= 4)
		return ((rd_load32(a) ^ rd_load32(b)) |
		    (rd_load32(a + len - 4) ^ rd_load32(b + len - 4))) == 0;
	return len == 0 || (a[0] == b[0] && a[len >> 1] == b[len >> 1] &&
	    a[len - 1] == b[len - 1]);
}

/*
 * a (alen bytes) ordered against b (blen): byte by byte as unsigned, a
 * prefix first; below, at or above 0 as memcmp and then the lengths
 * order them.  For texts without NUL bytes (ids: the reader rejects
 * them): up to 16 bytes as two compares of big-endian words, zero after
 * the end (a memcmp call a row was a fifth of a load's calling thread).
 */
static inline int
rd_order_short(const char *a, size_t alen, const char *b, size_t blen)
{
	if (alen <= 16 && blen <= 16) {
		for (size_t i = 0; i < 2; i++) {
			uint64_t x = __builtin_bswap64(rd_key_word(a, alen, i));
			uint64_t y = __builtin_bswap64(rd_key_word(b, blen, i));

			if (x != y)
				return x < y ? -1 : 1;
		}
	} else {
		int c = memcmp(a, b, alen < blen ? alen : blen);

		if (c != 0)
			return c;
	}
	return (alen > blen) - (alen < blen);
}

#endif
