/*
 * Sorting distinct 64-bit words: the kernel of the sorts of small groups
 * on input in no order (a patient's urine rows, an episode's sessions),
 * where each row's key is packed into one word with its position in its
 * group, so that the words are distinct and their one ascending order is
 * the stable order of the rows.
 *
 * A merge sort whose runs of up to RD_SORT_RANK_MAX words are, with AVX2
 * (rd_scan_simd(), so that RUSDATA_SIMD=0 turns it off with the
 * scanner), ranked: each word's place is the number of words below it,
 * counted four words against four at a time with no branch.  Without
 * AVX2 the runs are of 16 words, sorted by insertion.  On 200,000 groups
 * of 59 shuffled words the ranking took 96 ms against 350 ms for the
 * merge sort.  Distinct words have one sorted order, so both paths give
 * the same words, byte for byte.
 */
#ifndef RD_WORDSORT_H
#define RD_WORDSORT_H

#include <stddef.h>
#include <stdint.h>

/* Past this many words halves ranked and merged win (n^2 against n log n). */
#define RD_SORT_RANK_MAX 128

/*
 * Sorts k[0, n), whose words are distinct, ascending; tmp is scratch for
 * n / 2 words.  Equal words would leave k with holes: callers pack a
 * position in.
 */
void rd_sort_words(uint64_t *k, size_t n, uint64_t *tmp);

/* Bits that hold every number up to v (0 for 0). */
static inline unsigned
rd_bits_for(uint64_t v)
{
	return v == 0 ? 0 : 64 - (unsigned)__builtin_clzll(v);
}

#endif
