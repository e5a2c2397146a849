/*
 * Unit tests of common/collect_sort.c: stable sorts of rows by a
 * comparison (insertion, else qsort) and by 64-bit keys, in a finished
 * collection's units (rd_collect_finish, rd_collect_finish_key) and
 * outside one (rd_collect_sort, rd_collect_sort_key, rd_collect_sort_keys).
 */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>

#include "collect.h"
#include "opts.h"

struct row {
	int date;
	int seq;	/* input position, to see that ties keep their order */
};

static long comparisons;

static int
by_date(const void *pa, const void *pb)
{
	const struct row *a = pa, *b = pb;

	comparisons++;
	return (a->date > b->date) - (a->date < b->date);
}

static void
add(struct rd_collect *c, uint32_t u, int date, int seq)
{
	struct row *r = rd_collect_add(c, u);

	r->date = date;
	r->seq = seq;
}

START_TEST(no_sort_when_in_order)
{
	struct rd_collect c;
	size_t n;
	const struct row *r;

	rd_collect_init(&c, sizeof(struct row));
	for (int i = 0; i < 10000; i++)
		add(&c, (uint32_t)(i / 100), i, i);
	comparisons = 0;
	rd_collect_finish(&c, 100, by_date);
	/* One comparison a row after the first of each unit: no qsort ran. */
	ck_assert_int_eq(comparisons, 10000 - 100);
	r = rd_collect_unit(&c, 42, &n);
	ck_assert_uint_eq(n, 100);
	ck_assert_int_eq(r[0].seq, 4200);
	ck_assert_int_eq(r[99].seq, 4299);
	rd_collect_free(&c);
}
END_TEST

START_TEST(far_from_order_falls_back_to_qsort)
{
	struct rd_collect c;
	size_t n;
	const struct row *r;

	rd_collect_init(&c, sizeof(struct row));
	for (int i = 0; i < 20000; i++)
		add(&c, 0, 20000 - i, i);
	add(&c, 1, 5, 20000);
	comparisons = 0;
	rd_collect_finish(&c, 2, by_date);
	/* Reversed: insertion gives up early, far below 20000^2 / 2. */
	ck_assert_int_lt(comparisons, 2000000);
	r = rd_collect_unit(&c, 0, &n);
	ck_assert_uint_eq(n, 20000);
	for (size_t i = 0; i < n; i++)
		ck_assert_int_eq(r[i].date, (int)i + 1);
	rd_collect_free(&c);
}
END_TEST

START_TEST(sort_rows_outside_a_collection)
{
	struct row r[300];

	/* In order: one comparison a row. */
	for (int i = 0; i < 300; i++)
		r[i] = (struct row){ i / 2, i };
	comparisons = 0;
	rd_collect_sort(r, 300, sizeof *r, by_date);
	ck_assert_int_eq(comparisons, 299);
	ck_assert_int_eq(r[299].seq, 299);
	/* Reversed: sorted all the same (through qsort). */
	for (int i = 0; i < 300; i++)
		r[i] = (struct row){ 300 - i, i };
	rd_collect_sort(r, 300, sizeof *r, by_date);
	for (int i = 0; i < 300; i++)
		ck_assert_int_eq(r[i].date, i + 1);
	rd_collect_sort(r, 0, sizeof *r, by_date);
}
END_TEST

/* Rows wider than the function's stack buffer take the heap path. */
struct wide {
	int date;
	char pad[100];
};

static int
wide_by_date(const void *pa, const void *pb)
{
	const struct wide *a = pa, *b = pb;

	return (a->date > b->date) - (a->date < b->date);
}

START_TEST(sort_wide_rows)
{
	struct wide w[5] = { { 3, "c" }, { 1, "a" }, { 2, "b" }, { 5, "e" }, { 4, "d" } };

	rd_collect_sort(w, 5, sizeof *w, wide_by_date);
	for (int i = 0; i < 5; i++) {
		ck_assert_int_eq(w[i].date, i + 1);
		ck_assert_int_eq(w[i].pad[0], 'a' + i);
	}
}
END_TEST

/*
 * The keyed sort against the reference: qsort with the input position as
 * tie-break, which is the one stable order of by_date.  Keys from a small
 * range give many ties; units of many sizes, in order, nearly in order,
 * reversed and random.
 */
static uint64_t
date_key(const void *p)
{
	const struct row *r = p;

	return (uint64_t)((uint32_t)r->date ^ 0x80000000u);
}

static int
by_date_then_seq(const void *pa, const void *pb)
{
	const struct row *a = pa, *b = pb;
	int c = by_date(pa, pb);

	return c != 0 ? c : (a->seq > b->seq) - (a->seq < b->seq);
}

static int
shape_date(int shape, int i, int n, int range)
{
	switch (shape) {
	case 0:
		return i * range / n;			/* in order */
	case 1:
		return i * range / n + (rand() % 3 == 0);	/* nearly */
	case 2:
		return (n - i) * range / n - range / 2;	/* reversed, negative too */
	default:
		return rand() % range - range / 2;	/* random */
	}
}

START_TEST(keyed_sort_is_stable_cmp_order)
{
	static const int sizes[] = { 0, 1, 2, 3, 16, 17, 33, 48, 100, 1000, 5000 };
	size_t nsizes = sizeof sizes / sizeof sizes[0], total = 0;
	struct rd_collect c;
	struct row *want;
	int seq = 0;

	srand(17);
	rd_collect_init(&c, sizeof(struct row));
	/* Unit k has sizes[k % nsizes] rows of shape k / nsizes, interleaved. */
	for (size_t k = 0; k < 4 * nsizes; k++)
		total += (size_t)sizes[k % nsizes];
	want = malloc(total * sizeof *want);
	ck_assert_ptr_nonnull(want);
	for (size_t k = 0, at = 0; k < 4 * nsizes; k++) {
		int n = sizes[k % nsizes], range = (int)(k % 3 == 0 ? 5 : 1000);

		for (int i = 0; i < n; i++) {
			struct row r = { shape_date((int)(k / nsizes), i, n, range), seq++ };

			*(struct row *)rd_collect_add(&c, (uint32_t)k) = r;
			want[at++] = r;
		}
	}
	rd_collect_finish_key(&c, 4 * nsizes, date_key);
	for (size_t k = 0, at = 0; k < 4 * nsizes; k++) {
		size_t n;
		const struct row *got = rd_collect_unit(&c, k, &n);

		ck_assert_uint_eq(n, (size_t)sizes[k % nsizes]);
		qsort(want + at, n, sizeof *want, by_date_then_seq);
		for (size_t i = 0; i < n; i++) {
			ck_assert_int_eq(got[i].date, want[at + i].date);
			ck_assert_int_eq(got[i].seq, want[at + i].seq);
		}
		at += n;
	}
	rd_collect_free(&c);
	free(want);
}
END_TEST

/*
 * Units sorted on every core (rd_collect_finish_key in parts of units):
 * 3,000 units of random rows, in 1, 2 and 3 threads, each unit stably
 * in key order.
 */
START_TEST(keyed_sort_in_threads)
{
	enum { UNITS = 3000, ROWS = 60000 };

	for (int threads = 1; threads <= 3; threads++) {
		struct rd_collect c;
		int seq = 0;

		rd_opt.threads = threads;
		srand(5);
		rd_collect_init(&c, sizeof(struct row));
		for (int i = 0; i < ROWS; i++)
			add(&c, (uint32_t)(rand() % UNITS), rand() % 50, seq++);
		rd_collect_finish_key(&c, UNITS, date_key);
		for (size_t k = 0; k < UNITS; k++) {
			size_t n;
			const struct row *got = rd_collect_unit(&c, k, &n);

			for (size_t i = 1; i < n; i++)
				ck_assert(got[i - 1].date < got[i].date ||
				    (got[i - 1].date == got[i].date &&
				    got[i - 1].seq < got[i].seq));
		}
		rd_collect_free(&c);
	}
	rd_opt.threads = 0;
}
END_TEST

START_TEST(keyed_sort_outside_a_collection)
{
	struct row r[300], want[300];

	srand(5);
	for (int i = 0; i < 300; i++)
		want[i] = r[i] = (struct row){ rand() % 7, i };
	rd_collect_sort_key(r, 300, sizeof *r, date_key);
	qsort(want, 300, sizeof *want, by_date_then_seq);
	for (int i = 0; i < 300; i++)
		ck_assert_int_eq(r[i].seq, want[i].seq);
	rd_collect_sort_key(r, 0, sizeof *r, date_key);
}
END_TEST

/* Rows sorted by keys given apart from them: stable, rows moved whole. */
START_TEST(sort_by_given_keys)
{
	struct row r[300];
	uint64_t keys[300];

	srand(5);
	for (int i = 0; i < 300; i++) {
		keys[i] = (uint64_t)(rand() % 50) << 40;
		r[i].date = (int)(keys[i] >> 40);
		r[i].seq = i;
	}
	rd_collect_sort_keys(r, 300, sizeof r[0], keys);
	for (int i = 1; i < 300; i++)
		ck_assert(r[i - 1].date < r[i].date ||
		    (r[i - 1].date == r[i].date && r[i - 1].seq < r[i].seq));
	/* Keys in order: the rows stay. */
	for (int i = 0; i < 300; i++) {
		keys[i] = (uint64_t)i / 3;
		r[i].seq = 299 - i;
	}
	rd_collect_sort_keys(r, 300, sizeof r[0], keys);
	for (int i = 0; i < 300; i++)
		ck_assert_int_eq(r[i].seq, 299 - i);
}
END_TEST

/*
 * Keys whose range and positions do not fit one word together (not
 * packed: the sort of (key, position) pairs), with many ties, and keys
 * that do: both stable.
 */
START_TEST(keys_too_wide_to_pack_sorted_stably)
{
	enum { N = 300 };
	struct row r[N];
	uint64_t keys[N];

	/* Range 4 << shift; positions below 300 take 9 bits: 53 is one too many. */
	static const int shift[] = { 20, 52, 53, 61 };

	for (size_t k = 0; k < sizeof shift / sizeof shift[0]; k++) {
		srand(29);
		for (int i = 0; i < N; i++) {
			r[i].date = rand() % 5;
			r[i].seq = i;
			keys[i] = (uint64_t)r[i].date << shift[k];
		}
		rd_collect_sort_keys(r, N, sizeof r[0], keys);
		for (int i = 1; i < N; i++)
			ck_assert(r[i - 1].date < r[i].date ||
			    (r[i - 1].date == r[i].date && r[i - 1].seq < r[i].seq));
	}
}
END_TEST

static Suite *
collect_sort_suite(void)
{
	Suite *s = suite_create("collect sort");
	TCase *tc = tcase_create("collect sort");

	/* Slow under ThreadSanitizer (make check-tsan), as test_collect was. */
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, no_sort_when_in_order);
	tcase_add_test(tc, far_from_order_falls_back_to_qsort);
	tcase_add_test(tc, sort_rows_outside_a_collection);
	tcase_add_test(tc, sort_wide_rows);
	tcase_add_test(tc, keyed_sort_is_stable_cmp_order);
	tcase_add_test(tc, keyed_sort_in_threads);
	tcase_add_test(tc, keyed_sort_outside_a_collection);
	tcase_add_test(tc, sort_by_given_keys);
	tcase_add_test(tc, keys_too_wide_to_pack_sorted_stably);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(collect_sort_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
