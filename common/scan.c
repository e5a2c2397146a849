#include "scan.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define HAVE_AVX2_PATH 1
#endif

/*
 * -1: not decided yet.  Atomic, because the first to ask may be any
 * thread (a sort in wordsort.c runs in the finishing threads): every
 * thread decides alike.
 */
static atomic_int simd = -1;

void
rd_scan_use_simd(int on)
{
#ifdef HAVE_AVX2_PATH
	__builtin_cpu_init();
	/* Every CPU with AVX2 has these too, but ask: the path uses them. */
	atomic_store_explicit(&simd, on && __builtin_cpu_supports("avx2") &&
	    __builtin_cpu_supports("popcnt") && __builtin_cpu_supports("bmi"),
	    memory_order_relaxed);
#else
	(void)on;
	atomic_store_explicit(&simd, 0, memory_order_relaxed);
#endif
}

int
rd_scan_simd(void)
{
	if (atomic_load_explicit(&simd, memory_order_relaxed) < 0) {
		const char *env = getenv("RUSDATA_SIMD");

		rd_scan_use_simd(env == NULL || strcmp(env, "0") != 0);
	}
	return atomic_load_explicit(&simd, memory_order_relaxed);
}

/* High bit set in each byte of w that is zero, exactly (no false hits). */
static uint64_t
zero_bytes(uint64_t w)
{
	const uint64_t low7 = 0x7F7F7F7F7F7F7F7FULL;

	return ~(((w & low7) + low7) | w) & ~low7;
}

/*
 * The high bit of each byte of w that is structural but not the separator
 * (LF, double quote, CR, NUL, from 0x80 up): one rule for the index and
 * the bit masks, as structural() is for a byte.
 */
static uint64_t
other_hits(uint64_t w)
{
	const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;

	return zero_bytes(w ^ ones * '\n') | zero_bytes(w ^ ones * '"') |
	    zero_bytes(w ^ ones * '\r') | zero_bytes(w) | (w & high);
}

static int
structural(unsigned char c, unsigned char sep)
{
	return c == sep || c == '\n' || c == '"' || c == '\r' || c == 0 || c >= 0x80;
}

/* Eight bytes a step: the hits of each kind as high bits, then their offsets. */
static size_t
scan_portable(uint32_t *out, const char *buf, size_t from, size_t to, char sep)
{
	size_t n = 0, i = from;

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	const uint64_t s = 0x0101010101010101ULL * (unsigned char)sep;

	for (; i + 8 <= to; i += 8) {
		uint64_t w, hits;

		memcpy(&w, buf + i, 8);
		hits = zero_bytes(w ^ s) | other_hits(w);
		for (; hits != 0; hits &= hits - 1)
			out[n++] = (uint32_t)(i + ((size_t)__builtin_ctzll(hits) >> 3));
	}
#endif
	for (; i < to; i++)
		if (structural((unsigned char)buf[i], (unsigned char)sep))
			out[n++] = (uint32_t)i;
	return n;
}

#ifdef HAVE_AVX2_PATH
/* other_hits for 32 bytes: a bit a byte. */
__attribute__((target("avx2"))) static inline uint32_t
other_avx2(__m256i v)
{
	const __m256i vnl = _mm256_set1_epi8('\n'), vq = _mm256_set1_epi8('"'),
	    vcr = _mm256_set1_epi8('\r'), vz = _mm256_setzero_si256();
	__m256i m = _mm256_or_si256(
	    _mm256_or_si256(_mm256_cmpeq_epi8(v, vnl), _mm256_cmpeq_epi8(v, vq)),
	    _mm256_or_si256(_mm256_cmpeq_epi8(v, vcr), _mm256_cmpeq_epi8(v, vz)));

	/* movemask of v itself: the bytes from 0x80 up. */
	return (uint32_t)_mm256_movemask_epi8(m) | (uint32_t)_mm256_movemask_epi8(v);
}

/*
 * 32 bytes a step: one mask of every structural byte, then its offsets.
 * The first eight offsets of a step are written whatever the count (the
 * ones past it are written over by the next step, or lie past the end, in
 * the room rd_scan keeps): a step rarely has more, so the loop over them
 * ends at the same place every time instead of after a branch that the
 * CPU cannot foresee.
 */
__attribute__((target("avx2,popcnt,bmi"))) static size_t
scan_avx2(uint32_t *out, const char *buf, size_t from, size_t to, char sep)
{
	const __m256i vs = _mm256_set1_epi8(sep);
	size_t n = 0, i = from;

	for (; i + 32 <= to; i += 32) {
		__m256i v = _mm256_loadu_si256((const __m256i *)(const void *)(buf + i));
		uint32_t bits = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, vs)) |
		    other_avx2(v);
		unsigned count = (unsigned)__builtin_popcount(bits);
		uint32_t *o = out + n, at = (uint32_t)i;

		/* tzcnt of 0 is 32: the offsets past count are harmless. */
#pragma GCC unroll 8
		for (unsigned k = 0; k < 8; k++, bits &= bits - 1)
			o[k] = at + (uint32_t)_tzcnt_u32(bits);
		for (unsigned k = 8; k < count; k++, bits &= bits - 1)
			o[k] = at + (uint32_t)_tzcnt_u32(bits);
		n += count;
	}
	return n + scan_portable(out + n, buf, i, to, sep);
}
#endif

/*
 * Eight bytes a step, each match a 1 in its byte of a counter that is
 * summed before a byte can overflow.
 */
static size_t
count_portable(const char *s, size_t n, char c)
{
	const uint64_t ones = 0x0101010101010101ULL, low7 = 0x7F7F7F7F7F7F7F7FULL;
	const uint64_t pat = ones * (unsigned char)c;
	size_t k = 0, i = 0;

	while (i + 8 <= n) {
		uint64_t acc = 0;

		for (size_t steps = 0; steps < 255 && i + 8 <= n; steps++, i += 8) {
			uint64_t w;

			memcpy(&w, s + i, 8);
			w ^= pat;
			/* High bit of each zero byte, exactly; moved down to a 1. */
			acc += (~(((w & low7) + low7) | w) & ~low7) >> 7;
		}
		/*
		 * The bytes summed in 16-bit lanes: a sum of all eight in one
		 * byte (acc * ones >> 56) would wrap past 255 matches.
		 */
		acc = (acc & 0x00FF00FF00FF00FFULL) + ((acc >> 8) & 0x00FF00FF00FF00FFULL);
		k += (size_t)((acc * 0x0001000100010001ULL) >> 48);
	}
	for (; i < n; i++)
		k += s[i] == c;
	return k;
}

#ifdef HAVE_AVX2_PATH
/* 32 bytes a step: a compare, a mask, a population count. */
__attribute__((target("avx2,popcnt"))) static size_t
count_avx2(const char *s, size_t n, char c)
{
	const __m256i vc = _mm256_set1_epi8(c);
	size_t k = 0, i = 0;

	for (; i + 32 <= n; i += 32) {
		__m256i v = _mm256_loadu_si256((const __m256i *)(const void *)(s + i));

		k += (size_t)__builtin_popcount((uint32_t)_mm256_movemask_epi8(
		    _mm256_cmpeq_epi8(v, vc)));
	}
	return k + count_portable(s + i, n - i, c);
}
#endif

size_t
rd_scan_count(const char *s, size_t n, char c)
{
#ifdef HAVE_AVX2_PATH
	if (rd_scan_simd())
		return count_avx2(s, n, c);
#endif
	return count_portable(s, n, c);
}

void
rd_scan(struct rd_scan_index *ix, const char *buf, size_t from, size_t to,
    char sep)
{
	/* An entry a byte at most, and room for scan_avx2's eight a step. */
	size_t need = ix->n + (to - from) + 8;

	if (to > UINT32_MAX)
		rd_die(RD_EXIT_DATA, "internal error: scan offset past 32 bits");
	if (need > ix->cap) {
		ix->cap = need + need / 2 + 64;
		ix->pos = rd_realloc(ix->pos, ix->cap * sizeof *ix->pos);
	}
#ifdef HAVE_AVX2_PATH
	if (rd_scan_simd()) {
		ix->n += scan_avx2(ix->pos + ix->n, buf, from, to, sep);
		return;
	}
#endif
	(void)rd_scan_simd();
	ix->n += scan_portable(ix->pos + ix->n, buf, from, to, sep);
}

void
rd_scan_free(struct rd_scan_index *ix)
{
	free(ix->pos);
	ix->pos = NULL;
	ix->n = ix->cap = 0;
}

/* The bits of each byte of a word that is zero (zero_bytes), packed. */
static uint64_t
pack_high(uint64_t hits)
{
	/* One bit a byte (bit 7) moved to bits 56-63, in byte order. */
	return ((hits >> 7) * 0x0102040810204080ULL) >> 56;
}

static void
bits_portable(const char *p, char sep, uint64_t *sep_bits, uint64_t *other_bits)
{
	const uint64_t s = 0x0101010101010101ULL * (unsigned char)sep;
	uint64_t sb = 0, ob = 0;

	for (int k = 0; k < 8; k++) {
		uint64_t w;

		memcpy(&w, p + 8 * k, 8);
		sb |= pack_high(zero_bytes(w ^ s)) << (8 * k);
		ob |= pack_high(other_hits(w)) << (8 * k);
	}
	*sep_bits = sb;
	*other_bits = ob;
}

#ifdef HAVE_AVX2_PATH
__attribute__((target("avx2"))) static void
bits_avx2(const char *buf, size_t w, size_t to_word, char sep, uint64_t *sep_bits,
    uint64_t *other_bits)
{
	const __m256i vs = _mm256_set1_epi8(sep);

	for (; w < to_word; w++) {
		const char *p = buf + 64 * w;
		__m256i a = _mm256_loadu_si256((const __m256i *)(const void *)p);
		__m256i b = _mm256_loadu_si256((const __m256i *)(const void *)(p + 32));

		sep_bits[w] = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(a, vs)) |
		    (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(b, vs)) << 32;
		other_bits[w] = other_avx2(a) | (uint64_t)other_avx2(b) << 32;
	}
}
#endif

void
rd_scan_bits(struct rd_scan_bits *bits, const char *buf, size_t from,
    size_t to, char sep)
{
	size_t w = from / 64, full = to / 64, words = (to + 63) / 64;

	if (words > bits->cap) {
		bits->cap = words + words / 2 + 16;
		bits->sep = rd_realloc(bits->sep, bits->cap * sizeof *bits->sep);
		bits->other = rd_realloc(bits->other, bits->cap * sizeof *bits->other);
	}
#ifdef HAVE_AVX2_PATH
	if (rd_scan_simd() && w < full) {
		bits_avx2(buf, w, full, sep, bits->sep, bits->other);
		w = full;
	}
#endif
	for (; w < full; w++)
		bits_portable(buf + 64 * w, sep, &bits->sep[w], &bits->other[w]);
	if (full < words) {
		/* The last word's bytes up to to, then bytes that are neither kind. */
		char tail[64];

		memset(tail, 'a', sizeof tail);
		memcpy(tail, buf + 64 * full, to - 64 * full);
		bits_portable(tail, sep, &bits->sep[full], &bits->other[full]);
	}
	bits->to = to;
}

void
rd_scan_bits_free(struct rd_scan_bits *bits)
{
	free(bits->sep);
	free(bits->other);
	bits->sep = bits->other = NULL;
	bits->to = bits->cap = 0;
}
