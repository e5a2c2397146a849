/*
 * Differential libFuzzer harness for the sorts of small groups: the input
 * is read as 64-bit words (little-endian, 8 bytes each).
 *
 * - rd_sort_words (wordsort.h) on the distinct words, in the order they
 *   first come, with AVX2 (ranked runs) and without (insertion and
 *   merges): both must give the words qsort gives.
 * - rd_collect_sort_keys (collect.h) on all the words as keys, ties and
 *   all, a row holding its position: the rows must come out in the stable
 *   order of an insertion sort, with AVX2 and without, whether the keys
 *   and positions fit one word (packed) or not; the first byte, shifting
 *   the keys left, moves them across that line.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "collect.h"
#include "scan.h"
#include "wordsort.h"

#define MAX_WORDS 512

static int
by_word(const void *pa, const void *pb)
{
	uint64_t a = *(const uint64_t *)pa, b = *(const uint64_t *)pb;

	return (a > b) - (a < b);
}

/* The distinct words of in[0, n), first comings in input order; how many. */
static size_t
distinct(const uint64_t *in, size_t n, uint64_t *out)
{
	uint64_t sorted[MAX_WORDS];
	unsigned char seen[MAX_WORDS] = { 0 };
	size_t m = 0;

	memcpy(sorted, in, n * sizeof *in);
	qsort(sorted, n, sizeof *sorted, by_word);
	for (size_t i = 0; i < n; i++) {
		const uint64_t *at = bsearch(&in[i], sorted, n, sizeof *sorted, by_word);
		size_t k = (size_t)(at - sorted);

		while (k > 0 && sorted[k - 1] == in[i])
			k--;	/* the first of equal words marks them all */
		if (!seen[k]) {
			seen[k] = 1;
			out[m++] = in[i];
		}
	}
	return m;
}

static void
words_agree(const uint64_t *in, size_t n)
{
	uint64_t a[MAX_WORDS], b[MAX_WORDS], want[MAX_WORDS], tmp[MAX_WORDS / 2 + 1];
	size_t m = distinct(in, n, a);

	memcpy(b, a, m * sizeof *a);
	memcpy(want, a, m * sizeof *a);
	qsort(want, m, sizeof *want, by_word);
	rd_scan_use_simd(1);
	rd_sort_words(a, m, tmp);
	rd_scan_use_simd(0);
	rd_sort_words(b, m, tmp);
	if (memcmp(a, want, m * sizeof *a) != 0 || memcmp(b, want, m * sizeof *b) != 0)
		abort();
}

/* Positions in the stable order of keys, by insertion. */
static void
stable_order(const uint64_t *keys, size_t n, uint32_t *pos)
{
	for (size_t i = 0; i < n; i++) {
		size_t j = i;

		for (; j > 0 && keys[pos[j - 1]] > keys[i]; j--)
			pos[j] = pos[j - 1];
		pos[j] = (uint32_t)i;
	}
}

static void
keys_agree(const uint64_t *in, size_t n, unsigned shift)
{
	uint64_t keys[MAX_WORDS];
	uint32_t want[MAX_WORDS], rows[MAX_WORDS];

	for (size_t i = 0; i < n; i++)
		keys[i] = in[i] << shift;
	stable_order(keys, n, want);
	for (int simd = 0; simd <= 1; simd++) {
		for (size_t i = 0; i < n; i++)
			rows[i] = (uint32_t)i;
		rd_scan_use_simd(simd);
		rd_collect_sort_keys(rows, n, sizeof *rows, keys);
		if (memcmp(rows, want, n * sizeof *rows) != 0)
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint64_t in[MAX_WORDS];
	size_t n;

	if (size < 1)
		return 0;
	n = (size - 1) / 8;
	if (n > MAX_WORDS)
		n = MAX_WORDS;
	memcpy(in, data + 1, n * 8);
	words_agree(in, n);
	keys_agree(in, n, data[0] % 64);
	return 0;
}
