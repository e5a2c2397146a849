/*
 * Unit tests of common/collect.c: rows per unit, in order.  The sorts of
 * common/collect_sort.c are tested in test_collect_sort.c.
 */
#include <check.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collect.h"
#include "opts.h"

struct row {
	int date;
	int seq;	/* input position, to see that ties keep their order */
};

static int
by_date(const void *pa, const void *pb)
{
	const struct row *a = pa, *b = pb;

	return (a->date > b->date) - (a->date < b->date);
}

/* The rows' key for rd_collect_finish_key: dates, in signed order. */
static uint64_t
date_key(const void *p)
{
	const struct row *r = p;

	return (uint64_t)((uint32_t)r->date ^ 0x80000000u);
}

static void
add(struct rd_collect *c, uint32_t u, int date, int seq)
{
	struct row *r = rd_collect_add(c, u);

	r->date = date;
	r->seq = seq;
}

START_TEST(grouped_and_in_date_order)
{
	struct rd_collect c;
	const struct row *r;
	size_t n;

	rd_collect_init(&c, sizeof(struct row));
	/* Unit 2 out of order, units 0 and 2 interleaved, unit 1 empty. */
	add(&c, 2, 30, 0);
	add(&c, 0, 5, 1);
	add(&c, 2, 10, 2);
	add(&c, 0, 7, 3);
	add(&c, 2, 20, 4);
	add(&c, 0, 7, 5);
	rd_collect_finish(&c, 4, by_date);
	r = rd_collect_unit(&c, 0, &n);
	ck_assert_uint_eq(n, 3);
	ck_assert_int_eq(r[0].seq, 1);
	ck_assert_int_eq(r[1].seq, 3);	/* a tie keeps the input order */
	ck_assert_int_eq(r[2].seq, 5);
	(void)rd_collect_unit(&c, 1, &n);
	ck_assert_uint_eq(n, 0);
	r = rd_collect_unit(&c, 2, &n);
	ck_assert_uint_eq(n, 3);
	ck_assert_int_eq(r[0].date, 10);
	ck_assert_int_eq(r[1].date, 20);
	ck_assert_int_eq(r[2].date, 30);
	(void)rd_collect_unit(&c, 3, &n);
	ck_assert_uint_eq(n, 0);
	rd_collect_free(&c);
}
END_TEST

START_TEST(null_cmp_keeps_input_order)
{
	struct rd_collect c;
	size_t n;
	const struct row *r;

	rd_collect_init(&c, sizeof(struct row));
	add(&c, 1, 9, 0);
	add(&c, 0, 3, 1);
	add(&c, 1, 1, 2);
	rd_collect_finish(&c, 2, NULL);
	r = rd_collect_unit(&c, 1, &n);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(r[0].date, 9);
	ck_assert_int_eq(r[1].date, 1);
	rd_collect_free(&c);
}
END_TEST

START_TEST(nothing_collected)
{
	struct rd_collect c;
	size_t n;

	rd_collect_init(&c, sizeof(struct row));
	rd_collect_finish(&c, 3, by_date);
	(void)rd_collect_unit(&c, 2, &n);
	ck_assert_uint_eq(n, 0);
	rd_collect_free(&c);
	rd_collect_init(&c, sizeof(struct row));
	rd_collect_finish(&c, 0, NULL);
	rd_collect_free(&c);
}
END_TEST

/*
 * Many units (past the count from which rows go through buckets) and
 * fewer (each row straight to its unit's place), grouped in 1, 2 and 3
 * threads (parts of the rows, each counted and moved by its own
 * thread): every unit's rows, all of them, in input order.
 */
static void
check_units_grouped_in_input_order(uint32_t nunits, int threads, bool by_bucket)
{
	const int nrows = 200000;	/* three parts of GROUP_PART_MIN rows */
	struct rd_collect c;
	uint32_t *unit_of = malloc((size_t)nrows * sizeof *unit_of);
	size_t *count = calloc(nunits, sizeof *count), wrong = 0;

	ck_assert_ptr_nonnull(unit_of);
	ck_assert_ptr_nonnull(count);
	rd_opt.threads = threads;
	srand(3);
	if (by_bucket)
		rd_collect_init_units(&c, sizeof(struct row), nunits);
	else
		rd_collect_init(&c, sizeof(struct row));
	for (int i = 0; i < nrows; i++) {
		/* Units of very different sizes, the last one too. */
		uint32_t u = i % 10 == 0 ? nunits - 1 : (uint32_t)(rand() % 7000) *
		    (uint32_t)(rand() % 29);

		u %= nunits;
		unit_of[i] = u;
		count[u]++;
		add(&c, u, i, i);
	}
	rd_collect_finish(&c, nunits, NULL);
	/* Counted, not asserted a row: Check's asserts are slow by the million. */
	for (uint32_t u = 0; u < nunits; u++) {
		size_t n;
		const struct row *r = rd_collect_unit(&c, u, &n);

		wrong += n != count[u];
		for (size_t i = 0; i < n; i++)
			wrong += unit_of[r[i].seq] != u || (i > 0 && r[i - 1].seq >= r[i].seq);
	}
	ck_assert_uint_eq(wrong, 0);
	rd_collect_free(&c);
	free(unit_of);
	free(count);
	rd_opt.threads = 0;
}

START_TEST(many_units_grouped_in_input_order)
{
	for (int threads = 1; threads <= 3; threads++)
		for (int by_bucket = 0; by_bucket <= 1; by_bucket++) {
			check_units_grouped_in_input_order(200003, threads, by_bucket);
			check_units_grouped_in_input_order(5000, threads, by_bucket);
		}
}
END_TEST

/*
 * Rows whose units never go down (grouped input) are grouped where they
 * are, with many units (the bucketed path otherwise) and few, units
 * without rows between and after them; one row out of order at the end
 * makes the usual grouping run, with the same result.
 */
static void
check_in_order_units(uint32_t nunits, uint32_t step, bool last_out_of_order,
    bool by_bucket)
{
	struct rd_collect c;
	int seq = 0;
	size_t n;
	const struct row *r;

	if (by_bucket)
		rd_collect_init_units(&c, sizeof(struct row), nunits);
	else
		rd_collect_init(&c, sizeof(struct row));
	for (uint32_t u = 0; u + step < nunits; u += step)
		for (uint32_t k = 0; k < u % 4; k++)
			add(&c, u, (int)u, seq++);
	if (last_out_of_order)
		add(&c, 0, 0, seq++);
	rd_collect_finish(&c, nunits, NULL);
	for (uint32_t u = 0, wrong = 0; u < nunits; u++) {
		r = rd_collect_unit(&c, u, &n);
		if (u == 0 && last_out_of_order) {
			ck_assert_uint_eq(n, 1);
			ck_assert_int_eq(r[0].seq, seq - 1);
			continue;
		}
		wrong += n != (u % step == 0 && u + step < nunits ? u % 4 : 0);
		for (size_t i = 0; i < n; i++)
			wrong += r[i].date != (int)u || (i > 0 && r[i].seq != r[i - 1].seq + 1);
		ck_assert_uint_eq(wrong, 0);
	}
	rd_collect_free(&c);
}

/*
 * An id map through its growth onto huge-page slots (2 MiB and more): every
 * key keeps its index, found again after each growth.
 */
START_TEST(idmap_large_table)
{
	struct rd_idmap *m = rd_idmap_new();
	char key[32];
	size_t wrong = 0;

	for (int i = 0; i < 300000; i++) {
		int len = snprintf(key, sizeof key, "p%07ld%s", (long)i * 7919 % 1000003,
		    i % 3 ? "" : "-with-a-longer-tail");

		wrong += rd_idmap_intern(m, key, (size_t)len, NULL) != (size_t)i;
	}
	ck_assert_uint_eq(rd_idmap_count(m), 300000);
	for (int i = 0; i < 300000; i++) {
		int len = snprintf(key, sizeof key, "p%07ld%s", (long)i * 7919 % 1000003,
		    i % 3 ? "" : "-with-a-longer-tail");

		wrong += rd_idmap_find(m, key, (size_t)len) != (size_t)i;
	}
	ck_assert_uint_eq(wrong, 0);
	ck_assert_uint_eq(rd_idmap_find(m, "p", 1), (size_t)-1);
	rd_idmap_free(m);
}
END_TEST

START_TEST(units_in_order_grouped_in_place)
{
	for (int by_bucket = 0; by_bucket <= 1; by_bucket++) {
		check_in_order_units(100, 3, false, by_bucket);
		check_in_order_units(100, 3, true, by_bucket);
		check_in_order_units(70001, 5, false, by_bucket);
		check_in_order_units(70001, 5, true, by_bucket);
	}
}
END_TEST

/*
 * Rows kept by bucket as added (rd_collect_init_units) come out as the
 * rows of one array do, byte for byte, for every way of finishing: unit
 * counts from one unit a bucket to 2^16 a bucket and past the bucketed
 * limit (2^24 units: one array), rows in no order, some units empty, one
 * bucket's rows in order already; 1, 2 and 3 threads.
 */
static void
fill_both(struct rd_collect *plain, struct rd_collect *bucketed,
    uint32_t nunits, int nrows)
{
	rd_collect_init(plain, sizeof(struct row));
	rd_collect_init_units(bucketed, sizeof(struct row), nunits);
	/* The units of the first bucket (all, with one array). */
	uint32_t first = bucketed->bucket != NULL ? 1u << bucketed->shift : nunits;

	for (int i = 0; i < nrows; i++) {
		/*
		 * A quarter of the rows to every unit in order, the rest in no
		 * order but never to the first bucket, which stays in order.
		 */
		uint64_t u = i < nrows / 4 ? (uint64_t)i * nunits / (uint64_t)(nrows / 4) :
		    (uint64_t)rand() * 7919u % nunits;
		int date = rand() % 40;

		if (i >= nrows / 4 && u < first && nunits > first)
			u = first + u % (nunits - first);
		add(plain, (uint32_t)u, date, i);
		add(bucketed, (uint32_t)u, date, i);
	}
}

static void
check_same_units(const struct rd_collect *a, const struct rd_collect *b,
    uint32_t nunits)
{
	size_t wrong = 0;

	for (uint32_t u = 0; u < nunits; u++) {
		size_t na, nb;
		const struct row *ra = rd_collect_unit(a, u, &na);
		const struct row *rb = rd_collect_unit(b, u, &nb);

		wrong += na != nb || (na > 0 && memcmp(ra, rb, na * sizeof *ra) != 0);
	}
	ck_assert_uint_eq(wrong, 0);
}

START_TEST(units_by_bucket_as_in_one_array)
{
	static const uint32_t units[] = { 1, 7, 300, 5000, 70001, 200003,
	    (uint32_t)1 << 24, ((uint32_t)1 << 24) + 1 };

	for (int threads = 1; threads <= 3; threads++)
		for (size_t k = 0; k < sizeof units / sizeof units[0]; k++)
			for (int how = 0; how < 3; how++) {
				struct rd_collect a, b;
				int nrows = units[k] >= 70001 ? 150000 : 20000;

				/* The limit's two sides: once (128 MiB of counts each). */
				if (units[k] >= 1u << 24 && (threads > 1 || how > 0))
					continue;

				rd_opt.threads = threads;
				srand((unsigned)(k + 11));
				fill_both(&a, &b, units[k], nrows);
				ck_assert(b.bucket != NULL || units[k] > (1u << 24));
				if (how == 0) {
					rd_collect_finish(&a, units[k], NULL);
					rd_collect_finish(&b, units[k], NULL);
				} else if (how == 1) {
					rd_collect_finish(&a, units[k], by_date);
					rd_collect_finish(&b, units[k], by_date);
				} else {
					rd_collect_finish_key(&a, units[k], date_key);
					rd_collect_finish_key(&b, units[k], date_key);
				}
				check_same_units(&a, &b, units[k]);
				rd_collect_free(&a);
				rd_collect_free(&b);
			}
	rd_opt.threads = 0;
}
END_TEST

/*
 * Keyed adding: units numbered as rd_idmap_intern row by row would, over
 * two collections sharing the ids (the first flushed before the second
 * adds), and every row in its key's unit, in input order.
 */
START_TEST(keyed_units_in_order_of_first_key)
{
	struct rd_idmap *ids = rd_idmap_new(), *want = rd_idmap_new();
	struct rd_collect a, b;
	char key[16];
	int nrows = 5000, is_new;

	srand(9);
	rd_collect_init(&a, sizeof(struct row));
	rd_collect_init(&b, sizeof(struct row));
	rd_collect_keyed(&a, ids);
	rd_collect_keyed(&b, ids);
	for (int i = 0; i < 2 * nrows; i++) {
		/* Runs of one key now and then, else any of 700 keys. */
		static int last;
		int k = i % 5 == 0 ? last : rand() % 700;
		int len = snprintf(key, sizeof key, "p%d", k);
		struct rd_collect *c = i < nrows ? &a : &b;
		struct row *r;

		last = k;
		if (i == nrows)
			rd_collect_flush(&a);
		r = rd_collect_add_key(c, key, (size_t)len);
		r->date = (int)rd_idmap_intern(want, key, (size_t)len, &is_new);
		r->seq = i;
	}
	rd_collect_flush(&b);
	ck_assert_uint_eq(rd_idmap_count(ids), rd_idmap_count(want));
	rd_collect_finish(&a, rd_idmap_count(ids), NULL);
	rd_collect_finish(&b, rd_idmap_count(ids), NULL);
	for (size_t u = 0; u < rd_idmap_count(ids); u++) {
		size_t n, m;
		const struct row *ra = rd_collect_unit(&a, u, &n);
		const struct row *rb = rd_collect_unit(&b, u, &m);

		ck_assert_str_eq(rd_idmap_key(ids, u), rd_idmap_key(want, u));
		ck_assert_uint_gt(n + m, 0);
		for (size_t i = 0; i < n; i++)
			ck_assert(ra[i].date == (int)u && (i == 0 || ra[i - 1].seq < ra[i].seq));
		for (size_t i = 0; i < m; i++)
			ck_assert(rb[i].date == (int)u && (i == 0 || rb[i - 1].seq < rb[i].seq));
	}
	rd_collect_free(&a);
	rd_collect_free(&b);
	rd_idmap_free(ids);
	rd_idmap_free(want);
}
END_TEST

/* rd_collect_each: what one call sees of its ranges. */
struct each_seen {
	const struct rd_collect *c;
	unsigned char *visits;	/* per unit, from every call */
	size_t rows[2];		/* the first range's rows, the other's */
};

static void
see_range(void *arg, size_t part, size_t from, size_t to)
{
	struct each_seen *s = arg;
	size_t rows = 0, n;

	for (size_t u = from; u < to; u++) {
		(void)rd_collect_unit(s->c, u, &n);
		rows += n;
		s->visits[u]++;
	}
	/* Two parts at most (two threads): each writes its own slot. */
	ck_assert_uint_lt(part, 2);
	ck_assert((part == 0) == (from == 0));
	s->rows[part] = rows;
}

START_TEST(each_unit_once_in_balanced_ranges)
{
	struct rd_collect c;
	size_t nunits = 3001, nrows = 3 * RD_COLLECT_EACH_MIN;
	struct each_seen s = { .c = &c };

	rd_collect_init(&c, sizeof(struct row));
	for (size_t i = 0; i < nrows; i++)
		add(&c, (uint32_t)(i * 7919 % nunits), (int)i, (int)i);
	rd_collect_finish(&c, nunits, NULL);
	s.visits = calloc(nunits, 1);
	ck_assert_ptr_nonnull(s.visits);
	rd_opt.threads = 2;
	rd_collect_each(&c, see_range, &s);
	for (size_t u = 0; u < nunits; u++)
		ck_assert_int_eq(s.visits[u], 1);
	ck_assert_uint_eq(s.rows[0] + s.rows[1], nrows);
	ck_assert_uint_gt(s.rows[0], nrows / 2 - 10);
	ck_assert_uint_lt(s.rows[0], nrows / 2 + 10);
	/* Too few rows for two threads: one call with every unit. */
	memset(s.visits, 0, nunits);
	rd_collect_free(&c);
	rd_collect_init(&c, sizeof(struct row));
	for (size_t i = 0; i < RD_COLLECT_EACH_MIN; i++)
		add(&c, (uint32_t)(i % nunits), (int)i, (int)i);
	rd_collect_finish(&c, nunits, NULL);
	s.rows[0] = s.rows[1] = 0;
	rd_collect_each(&c, see_range, &s);
	ck_assert_uint_eq(s.rows[0], RD_COLLECT_EACH_MIN);
	ck_assert_uint_eq(s.rows[1], 0);
	for (size_t u = 0; u < nunits; u++)
		ck_assert_int_eq(s.visits[u], 1);
	free(s.visits);
	rd_collect_free(&c);
}
END_TEST

/*
 * A collection made on another's memory (rd_collect_reuse: smaller rows
 * before, wider after, and one with other units, whose memory is only
 * freed) holds the rows a collection of its own does, byte for byte.
 */
struct reused_row {
	struct row r;
	char pad[16];
};

START_TEST(reused_buckets_hold_the_same_rows)
{
	enum { UNITS = 70001, ROWS = 400000 };	/* reused buckets grow */
	struct rd_collect old, other, a, b;

	srand(17);
	rd_collect_init_units(&old, sizeof(int), UNITS);
	rd_collect_init_units(&other, sizeof(int), 300);
	for (int i = 0; i < ROWS / 2; i++) {
		*(int *)rd_collect_add(&old, (uint32_t)rand() % UNITS) = i;
		*(int *)rd_collect_add(&other, (uint32_t)rand() % 300) = i;
	}
	rd_collect_finish(&old, UNITS, NULL);
	rd_collect_finish(&other, 300, NULL);
	for (int pass = 0; pass < 2; pass++) {
		rd_collect_init(&a, sizeof(struct reused_row));
		rd_collect_init_units(&b, sizeof(struct reused_row), UNITS);
		rd_collect_reuse(&b, pass == 0 ? &old : &other);
		ck_assert_uint_eq(b.n, 0);
		for (int i = 0; i < ROWS; i++) {
			uint32_t u = (uint32_t)rand() % UNITS;
			struct reused_row w;

			memset(&w, i & 0xff, sizeof w);
			w.r.date = rand() % 40;
			w.r.seq = i;
			*(struct reused_row *)rd_collect_add(&a, u) = w;
			*(struct reused_row *)rd_collect_add(&b, u) = w;
		}
		rd_collect_finish(&a, UNITS, NULL);
		rd_collect_finish(&b, UNITS, NULL);
		for (uint32_t u = 0, wrong = 0; u < UNITS; u++) {
			size_t na, nb;
			const struct reused_row *ra = rd_collect_unit(&a, u, &na);
			const struct reused_row *rb = rd_collect_unit(&b, u, &nb);

			wrong += na != nb || (na > 0 && memcmp(ra, rb, na * sizeof *ra) != 0);
			if (u + 1 == UNITS)
				ck_assert_uint_eq(wrong, 0);
		}
		rd_collect_free(&a);
		rd_collect_free(&b);
	}
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("collect");
	TCase *tc = tcase_create("collect");
	SRunner *sr;
	int failed;

	/* Millions of rows, and slow under ThreadSanitizer (make check-tsan). */
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, grouped_and_in_date_order);
	tcase_add_test(tc, null_cmp_keeps_input_order);
	tcase_add_test(tc, nothing_collected);
	tcase_add_test(tc, each_unit_once_in_balanced_ranges);
	tcase_add_test(tc, many_units_grouped_in_input_order);
	tcase_add_test(tc, keyed_units_in_order_of_first_key);
	tcase_add_test(tc, units_in_order_grouped_in_place);
	tcase_add_test(tc, units_by_bucket_as_in_one_array);
	tcase_add_test(tc, reused_buckets_hold_the_same_rows);
	tcase_add_test(tc, idmap_large_table);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
