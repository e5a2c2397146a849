/* Unit tests of wordsort.h: sorting distinct words, with AVX2 and without. */
#include <check.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "scan.h"
#include "wordsort.h"

static int
by_word(const void *pa, const void *pb)
{
	uint64_t a = *(const uint64_t *)pa, b = *(const uint64_t *)pb;

	return (a > b) - (a < b);
}

/* A 64-bit random number. */
static uint64_t
rand64(void)
{
	return (uint64_t)rand() << 42 ^ (uint64_t)rand() << 21 ^ (uint64_t)rand();
}

/*
 * rd_sort_words with AVX2 (ranked runs) and without (insertion and
 * merges) against qsort, on every size from 0 to 600 and words of a
 * narrow range, with the top bit set, and of all 64 bits: distinct words,
 * one order, the same words.
 */
START_TEST(words_sorted_alike_with_and_without_avx2)
{
	enum { MAX = 600 };
	uint64_t in[MAX], a[MAX], b[MAX], tmp[MAX / 2 + 1];
	size_t wrong = 0;

	srand(23);
	for (size_t n = 0; n <= MAX; n += n < 300 ? 1 : 37)
		for (int shape = 0; shape < 3; shape++) {
			for (size_t i = 0; i < n; i++) {
				uint64_t w = shape == 0 ? (uint64_t)(rand() % 40) << 10 :
				    shape == 1 ? 1ULL << 63 | (uint64_t)(rand() % 3) << 40 :
				    rand64() << 10;

				in[i] = w | i;	/* distinct */
			}
			memcpy(a, in, n * sizeof *in);
			memcpy(b, in, n * sizeof *in);
			rd_scan_use_simd(1);
			rd_sort_words(a, n, tmp);
			rd_scan_use_simd(0);
			rd_sort_words(b, n, tmp);
			qsort(in, n, sizeof *in, by_word);
			wrong += memcmp(a, in, n * sizeof *in) != 0;
			wrong += memcmp(b, in, n * sizeof *in) != 0;
		}
	rd_scan_use_simd(1);
	ck_assert_uint_eq(wrong, 0);
}
END_TEST

static void *
sort_some_words(void *arg)
{
	uint64_t k[40], tmp[20];
	bool *sorted = arg;

	for (int i = 0; i < 40; i++)
		k[i] = (uint64_t)(i * 37 % 40);
	rd_sort_words(k, 40, tmp);
	*sorted = true;
	for (int i = 1; i < 40; i++)
		*sorted = *sorted && k[i - 1] < k[i];
	return NULL;
}

/*
 * The first sorts of a process may run in two threads at once (a
 * collection's units sorted on every core), each asking whether to use
 * AVX2 before anything else has: make check-tsan holds that to no race.
 */
START_TEST(words_sorted_in_threads_before_the_path_is_decided)
{
	pthread_t t[2];
	bool sorted[2] = { false, false };

	for (int i = 0; i < 2; i++)
		ck_assert_int_eq(pthread_create(&t[i], NULL, sort_some_words,
		    &sorted[i]), 0);
	for (int i = 0; i < 2; i++)
		ck_assert_int_eq(pthread_join(t[i], NULL), 0);
	ck_assert(sorted[0] && sorted[1]);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("wordsort");
	TCase *tc = tcase_create("wordsort");
	SRunner *sr;
	int failed;

	/* Slow under ThreadSanitizer (make check-tsan). */
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, words_sorted_alike_with_and_without_avx2);
	tcase_add_test(tc, words_sorted_in_threads_before_the_path_is_decided);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
