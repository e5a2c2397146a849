#include "wordsort.h"

#include <stdbool.h>
#include <string.h>

#include "scan.h"

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define HAVE_AVX2_PATH 1
#endif

#ifdef HAVE_AVX2_PATH
#define SIGN 0x8000000000000000ULL

/* The four 64-bit lanes of acc added. */
__attribute__((target("avx2"))) static inline size_t
lanes_sum(__m256i acc)
{
	__m128i s = _mm_add_epi64(_mm256_castsi256_si128(acc),
	    _mm256_extracti128_si256(acc, 1));

	return (size_t)_mm_cvtsi128_si64(s) + (size_t)_mm_extract_epi64(s, 1);
}

/*
 * Each word goes to the place given by how many words are below it.  AVX2
 * compares signed lanes only: with the sign bit flipped, signed order is
 * the words' unsigned order.  The padding after the words is the largest
 * signed value, never below a word, so it is never counted.
 */
__attribute__((target("avx2"))) static void
rank_sort(uint64_t *k, size_t n)
{
	uint64_t flipped[RD_SORT_RANK_MAX + 8], out[RD_SORT_RANK_MAX];
	size_t nv = (n + 3) / 4;

	for (size_t i = 0; i < n; i++)
		flipped[i] = k[i] ^ SIGN;
	for (size_t i = n; i < 4 * nv + 4; i++)
		flipped[i] = SIGN - 1;
	for (size_t i = 0; i < n; i += 4) {
		const long long *x = (const long long *)flipped + i;
		__m256i x0 = _mm256_set1_epi64x(x[0]), x1 = _mm256_set1_epi64x(x[1]);
		__m256i x2 = _mm256_set1_epi64x(x[2]), x3 = _mm256_set1_epi64x(x[3]);
		__m256i a0 = _mm256_setzero_si256(), a1 = a0, a2 = a0, a3 = a0;

		for (size_t v = 0; v < nv; v++) {
			__m256i y = _mm256_loadu_si256((const __m256i *)(flipped + 4 * v));

			/* A lane that is below counts -1 less: subtracted, +1. */
			a0 = _mm256_sub_epi64(a0, _mm256_cmpgt_epi64(x0, y));
			a1 = _mm256_sub_epi64(a1, _mm256_cmpgt_epi64(x1, y));
			a2 = _mm256_sub_epi64(a2, _mm256_cmpgt_epi64(x2, y));
			a3 = _mm256_sub_epi64(a3, _mm256_cmpgt_epi64(x3, y));
		}
		out[lanes_sum(a0)] = k[i];
		if (i + 1 < n)
			out[lanes_sum(a1)] = k[i + 1];
		if (i + 2 < n)
			out[lanes_sum(a2)] = k[i + 2];
		if (i + 3 < n)
			out[lanes_sum(a3)] = k[i + 3];
	}
	memcpy(k, out, n * sizeof *k);
}
#endif

/*
 * Sorts n distinct words: a merge sort through tmp (n / 2 words) that
 * skips the merge of halves in order, down to runs of RD_SORT_RANK_MAX
 * words ranked (rank: with AVX2) or of 16 sorted by insertion.
 */
static void
merge_sort(uint64_t *k, size_t n, uint64_t *tmp, bool rank)
{
	size_t m = n / 2, i = 0, j = m, o = 0;

#ifdef HAVE_AVX2_PATH
	if (rank && n <= RD_SORT_RANK_MAX) {
		rank_sort(k, n);
		return;
	}
#endif
	if (n <= 16) {
		for (size_t a = 1; a < n; a++) {
			uint64_t cur = k[a];
			size_t b = a;

			for (; b > 0 && cur < k[b - 1]; b--)
				k[b] = k[b - 1];
			k[b] = cur;
		}
		return;
	}
	merge_sort(k, m, tmp, rank);
	merge_sort(k + m, n - m, tmp, rank);
	if (k[m - 1] < k[m])
		return;
	memcpy(tmp, k, m * sizeof *k);
	while (i < m && j < n)	/* the right half moves left only */
		k[o++] = k[j] < tmp[i] ? k[j++] : tmp[i++];
	while (i < m)
		k[o++] = tmp[i++];
}

void
rd_sort_words(uint64_t *k, size_t n, uint64_t *tmp)
{
	if (n > 1)
		merge_sort(k, n, tmp, rd_scan_simd());
}
