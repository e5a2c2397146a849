/*
 * goal-track: the goal table of common/goals.c on rows in memory: groups
 * of patient and episode, goals found in short lists and in the map of
 * big groups, rd_goals_prefetch's hints, ids of one length, many groups,
 * groups of one hash, and lists longer than the pool's blocks.
 */
#include <check.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codes.h"
#include "date.h"
#include "goals.h"
#include "reader.h"

static int
D(const char *iso)
{
	int day = 0;

	ck_assert_msg(rd_date_parse(iso, strlen(iso), RD_DATE_ISO, &day) == 0,
	    "bad literal %s", iso);
	return day;
}

/* The table from rows in memory (all valid: a bad row would stop the test). */
static struct rd_goals *
table(const char *csv)
{
	struct rd_reader_config cfg = { .delim = ',', .max_field_bytes = 1 << 20 };
	struct rd_reader *r = rd_open_mem("t", csv, strlen(csv), &cfg);
	struct rd_goal_cols c;
	struct rd_record rec;
	struct rd_goals *t = rd_goals_new();

	rd_goal_cols(r, &c);
	while (rd_next_good(r, &rec) > 0)
		ck_assert(rd_goals_add(t, r, &rec, &c));
	rd_close(r);
	return t;
}

/*
 * Goals found in their group's list (at most 16 goals: P2) and in the
 * map of big groups (P1: 16 goals put there when the 17th is set, then
 * each new one), each row hinted with rd_goals_prefetch first: "G1" is
 * never "G10".
 */
START_TEST(t_table_lookup)
{
	char csv[4096], *p = csv;
	struct rd_reader_config cfg = { .delim = ',', .max_field_bytes = 1 << 20 };
	struct rd_reader *r;
	struct rd_goal_cols c;
	struct rd_record rec;
	struct rd_goal_row g;
	const struct rd_goal_row *gp = &g;
	struct rd_goals *t = rd_goals_new();
	size_t n;
	const size_t *idx;

	p += sprintf(p, "patient_id,episode_id,goal_id,date,attainment\n");
	for (int i = 1; i <= 20; i++)
		p += sprintf(p, "P1,E1,G%d,2026-01-05,\n", i);
	p += sprintf(p, "P2,E1,G10,2026-01-05,\nP2,E1,G1,2026-01-05,\n"
	    "P2,E1,G1,2026-01-09,2\nP1,E1,G1,2026-01-09,1\n"
	    "P1,E1,G10,2026-01-09,-1\nP2,E1,G10,2026-01-10,-2\n"
	    "P1,E1,G20,2026-01-11,0\nP1,E1,G17,2026-01-11,2\n"
	    "P1,E1,G18,2026-01-12,1\n");
	r = rd_open_mem("t", csv, strlen(csv), &cfg);
	rd_goal_cols(r, &c);
	while (rd_next_good(r, &rec) > 0) {
		ck_assert(rd_goal_parse(r, &rec, &c, &g));
		rd_goals_prefetch(t, &gp, 1);
		ck_assert(rd_goals_add_row(t, r, &rec, &c, &g));
	}
	rd_close(r);
	ck_assert_int_eq(rd_goals_count(t), 22);
	idx = rd_goals_of_group(t, 0, &n);
	ck_assert_int_eq(n, 20);
	ck_assert_int_eq(rd_goals_at(t, idx[0])->review[0].attainment, 1);
	ck_assert_int_eq(rd_goals_at(t, idx[9])->review[0].attainment, -1);
	ck_assert_int_eq(rd_goals_at(t, idx[16])->review[0].attainment, 2);
	ck_assert_int_eq(rd_goals_at(t, idx[19])->review[0].attainment, 0);
	ck_assert_int_eq(rd_goals_at(t, idx[17])->review[0].attainment, 1);
	ck_assert_int_eq(rd_goals_at(t, idx[18])->nreview, 0);
	idx = rd_goals_of_group(t, 1, &n);
	ck_assert_int_eq(n, 2);
	ck_assert_str_eq(rd_goals_at(t, idx[0])->goal_id, "G10");
	ck_assert_int_eq(rd_goals_at(t, idx[0])->review[0].attainment, -2);
	ck_assert_int_eq(rd_goals_at(t, idx[1])->review[0].attainment, 2);
	rd_goals_free(t);
}
END_TEST

/*
 * Ids of one length that differ in one byte (first, middle, last), of
 * every length class the comparison has (under 4, 4 to 7, 8 to 16,
 * longer), in one group and in groups of consecutive rows: each review
 * lands on its own goal.
 */
START_TEST(t_table_same_length_ids)
{
	static const char *const ids[] = { "A", "B", "ab1", "ab2", "x1yz",
	    "x2yz", "abcde1", "abcde2", "abcdef1", "bbcdef1", "g0000001",
	    "g0000002", "h000000-1-01", "h000001-1-01", "k0123456789abcde",
	    "k0123456789abcdf", "k0123456789abcdef", "k0123456789abcdeg",
	    "a0123456789abcdefghij", "b0123456789abcdefghij" };
	size_t nids = sizeof ids / sizeof ids[0];
	char csv[8192], *p = csv;
	struct rd_goals *t;
	const size_t *idx;
	size_t n;

	p += sprintf(p, "patient_id,episode_id,goal_id,date,attainment\n");
	for (size_t i = 0; i < nids; i++)
		p += sprintf(p, "P%zu,E%zu,%s,2026-01-05,\nPP,E1,%s,2026-01-05,\n",
		    i % 2, i % 2, ids[i], ids[i]);
	for (size_t i = 0; i < nids; i++)
		p += sprintf(p, "PP,E1,%s,2026-01-09,%d\nP%zu,E%zu,%s,2026-01-09,%d\n",
		    ids[i], (int)(i % 5) - 2, i % 2, i % 2, ids[i], 2 - (int)(i % 5));
	t = table(csv);
	ck_assert_int_eq(rd_goals_count(t), 2 * nids);
	for (size_t gr = 0; gr < 3; gr++) {
		idx = rd_goals_of_group(t, gr, &n);
		for (size_t k = 0; k < n; k++) {
			const struct rd_goal *g = rd_goals_at(t, idx[k]);
			size_t i = gr == 1 ? k : 2 * k + (gr == 2);
			int want = gr == 1 ? (int)(i % 5) - 2 : 2 - (int)(i % 5);

			ck_assert_str_eq(g->goal_id, ids[i]);
			ck_assert_int_eq(g->nreview, 1);
			ck_assert_int_eq(g->review[0].attainment, want);
		}
	}
	rd_goals_free(t);
}
END_TEST

/* Rows of a line-per-row CSV parsed into rows[] (records kept in recs). */
static size_t
parse_rows(struct rd_reader *r, const struct rd_goal_cols *c,
    struct rd_goal_row *rows, size_t max)
{
	struct rd_record rec;
	size_t n = 0;

	while (n < max && rd_next_good(r, &rec) > 0)
		ck_assert(rd_goal_parse(r, &rec, c, &rows[n++]));
	return n;
}

/*
 * The groups rd_goals_prefetch found are taken only by the same rows in
 * the same order: a row whose group a row before it in the batch added,
 * and rows given out of order, find their own goals.
 */
START_TEST(t_table_prefetch_hints)
{
	static const char csv[] =
	    "patient_id,episode_id,goal_id,date,attainment\n"
	    "P1,E1,G1,2026-01-05,\nP2,E2,G1,2026-01-05,\n"
	    "P3,E3,G1,2026-01-06,\nP3,E3,G1,2026-01-07,1\n"
	    "P2,E2,G1,2026-01-08,-1\nP1,E1,G1,2026-01-08,2\n";
	struct rd_reader_config cfg = { .delim = ',', .max_field_bytes = 1 << 20 };
	struct rd_reader *r = rd_open_mem("t", csv, strlen(csv), &cfg);
	struct rd_goal_cols c;
	struct rd_goal_row rows[6];
	const struct rd_goal_row *batch[4];
	struct rd_record rec = { 0 };
	struct rd_goals *t = rd_goals_new();
	size_t n;
	const size_t *idx;

	rd_goal_cols(r, &c);
	ck_assert_int_eq(parse_rows(r, &c, rows, 6), 6);
	ck_assert(rd_goals_add_row(t, r, &rec, &c, &rows[0]));
	ck_assert(rd_goals_add_row(t, r, &rec, &c, &rows[1]));
	/* P3 is new when hinted; its review follows in the batch. */
	for (int i = 0; i < 4; i++)
		batch[i] = &rows[2 + i];
	rd_goals_prefetch(t, batch, 4);
	ck_assert(rd_goals_add_row(t, r, &rec, &c, &rows[2]));
	ck_assert(rd_goals_add_row(t, r, &rec, &c, &rows[3]));
	/* Out of order: P1's row where P2's was hinted. */
	ck_assert(rd_goals_add_row(t, r, &rec, &c, &rows[5]));
	ck_assert(rd_goals_add_row(t, r, &rec, &c, &rows[4]));
	rd_close(r);
	for (size_t gr = 0; gr < 3; gr++) {
		static const int want[] = { 2, -1, 1 };

		idx = rd_goals_of_group(t, gr, &n);
		ck_assert_int_eq(n, 1);
		ck_assert_int_eq(rd_goals_at(t, idx[0])->nreview, 1);
		ck_assert_int_eq(rd_goals_at(t, idx[0])->review[0].attainment, want[gr]);
	}
	rd_goals_free(t);
}
END_TEST

/*
 * The goals rd_goals_prefetch found are taken as its groups are: a row
 * after one of its group in the batch (not looked for), and a goal set by
 * a row before in the batch (not found when hinted), find their own.
 */
START_TEST(t_table_prefetch_goal_hints)
{
	static const char csv[] =
	    "patient_id,episode_id,goal_id,date,attainment\n"
	    "P1,E1,G1,2026-01-05,\nP1,E1,G2,2026-01-05,\n"
	    "P1,E1,G2,2026-01-06,1\nP1,E1,G1,2026-01-06,-1\n"
	    "P2,E2,G1,2026-01-06,\nP1,E1,G3,2026-01-07,\n"
	    "P2,E2,G1,2026-01-07,1\nP1,E1,G3,2026-01-08,2\n";
	static const int want[] = { -1, 1, 1, 2 };	/* P1 G1, G2; P2 G1; P1 G3 */
	struct rd_reader_config cfg = { .delim = ',', .max_field_bytes = 1 << 20 };
	struct rd_reader *r = rd_open_mem("t", csv, strlen(csv), &cfg);
	struct rd_goal_cols c;
	struct rd_goal_row rows[8];
	const struct rd_goal_row *batch[6];
	struct rd_record rec = { 0 };
	struct rd_goals *t = rd_goals_new();

	rd_goal_cols(r, &c);
	ck_assert_int_eq(parse_rows(r, &c, rows, 8), 8);
	ck_assert(rd_goals_add_row(t, r, &rec, &c, &rows[0]));
	ck_assert(rd_goals_add_row(t, r, &rec, &c, &rows[1]));
	for (int i = 0; i < 6; i++)
		batch[i] = &rows[2 + i];
	rd_goals_prefetch(t, batch, 6);
	for (int i = 2; i < 8; i++)
		ck_assert(rd_goals_add_row(t, r, &rec, &c, &rows[i]));
	rd_close(r);
	ck_assert_uint_eq(rd_goals_count(t), 4);
	for (size_t i = 0; i < 4; i++) {
		const struct rd_goal *g = rd_goals_at(t, i);

		ck_assert_uint_eq(g->nreview, 1);
		ck_assert_int_eq(g->review[0].attainment, want[i]);
	}
	rd_goals_free(t);
}
END_TEST

/* Grows a text buffer for generated rows. */
struct text {
	char *p;
	size_t len, cap;
};

static void
add_text(struct text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
add_text(struct text *t, const char *fmt, ...)
{
	va_list ap;
	int n;

	for (;;) {
		va_start(ap, fmt);
		n = vsnprintf(t->p + t->len, t->cap - t->len, fmt, ap);
		va_end(ap);
		ck_assert_int_ge(n, 0);
		if ((size_t)n < t->cap - t->len)
			break;
		t->cap = t->cap ? 2 * t->cap + (size_t)n : 4096;
		t->p = realloc(t->p, t->cap);
		ck_assert_ptr_nonnull(t->p);
	}
	t->len += (size_t)n;
}

/*
 * The table from rows in memory as goals_read.c's calling thread builds
 * it: parsed a batch of 32 at a time, hinted with rd_goals_prefetch,
 * then added in order.
 */
static struct rd_goals *
table_batched(const char *csv)
{
	struct rd_reader_config cfg = { .delim = ',', .max_field_bytes = 1 << 20 };
	struct rd_reader *r = rd_open_mem("t", csv, strlen(csv), &cfg);
	struct rd_goal_cols c;
	struct rd_goal_row rows[RD_GOALS_BATCH];
	const struct rd_goal_row *batch[RD_GOALS_BATCH];
	struct rd_record rec = { 0 };
	struct rd_goals *t = rd_goals_new();
	size_t n;

	rd_goal_cols(r, &c);
	while ((n = parse_rows(r, &c, rows, RD_GOALS_BATCH)) > 0) {
		for (size_t i = 0; i < n; i++)
			batch[i] = &rows[i];
		rd_goals_prefetch(t, batch, n);
		for (size_t i = 0; i < n; i++)
			ck_assert(rd_goals_add_row(t, r, &rec, &c, &rows[i]));
	}
	rd_close(r);
	return t;
}

/*
 * 70,000 groups and goals (the group slots grow several times while rows
 * of the groups before are looked up again, and groups and goals fill
 * more than one segment): groups set in one order and reviewed in the
 * other, each review on its own group's goal, read row by row and in
 * prefetched batches.
 */
START_TEST(t_table_many_groups)
{
	enum { NGROUP = 70000 };
	struct text csv = { 0 };
	struct rd_goals *t[2];

	add_text(&csv, "patient_id,episode_id,goal_id,date,attainment\n");
	for (int i = 0; i < NGROUP; i++)
		add_text(&csv, "P%d,E%d,G1,2026-01-05,\n", i / 3, i % 3);
	for (int i = NGROUP - 1; i >= 0; i--)
		add_text(&csv, "P%d,E%d,G1,2026-01-09,%d\n", i / 3, i % 3, i % 5 - 2);
	t[0] = table(csv.p);
	t[1] = table_batched(csv.p);
	for (int k = 0; k < 2; k++) {
		char p[16], e[16];

		ck_assert_int_eq(rd_goals_group_count(t[k]), NGROUP);
		for (int i = 0; i < NGROUP; i++) {
			const struct rd_goal *g;
			const size_t *idx;
			size_t n;

			snprintf(p, sizeof p, "P%d", i / 3);
			snprintf(e, sizeof e, "E%d", i % 3);
			ck_assert_int_eq(rd_goals_find_group(t[k], p, strlen(p), e,
			    strlen(e)), i);
			ck_assert_str_eq(rd_goals_group_patient(t[k], (size_t)i), p);
			idx = rd_goals_of_group(t[k], (size_t)i, &n);
			ck_assert_int_eq(n, 1);
			g = rd_goals_at(t[k], idx[0]);
			ck_assert_int_eq(g->nreview, 1);
			ck_assert_int_eq(g->review[0].attainment, i % 5 - 2);
		}
		rd_goals_free(t[k]);
	}
	free(csv.p);
}
END_TEST

static int
by_hash(const void *a, const void *b)
{
	const uint64_t *x = a, *y = b;

	return *x < *y ? -1 : *x > *y;
}

/*
 * Two patients whose groups have one hash (found by trying ids): they
 * stay two groups, each with its own goal and review.
 */
START_TEST(t_table_same_hash)
{
	enum { TRY = 1 << 20 };
	uint64_t *h = malloc(TRY * sizeof *h);
	unsigned a = 0, b = 0;
	char pa[16], pb[16], csv[512];
	struct rd_goals *t[2];

	ck_assert_ptr_nonnull(h);
	for (unsigned i = 0; i < TRY; i++) {
		snprintf(pa, sizeof pa, "P%u", i);
		h[i] = (uint64_t)rd_goal_group_hash(pa, strlen(pa), "E", 1) << 32 | i;
	}
	qsort(h, TRY, sizeof *h, by_hash);
	for (unsigned i = 1; i < TRY && a == b; i++)
		if (h[i] >> 32 == h[i - 1] >> 32) {
			a = (unsigned)h[i - 1];
			b = (unsigned)h[i];
		}
	free(h);
	ck_assert_uint_ne(a, b);
	snprintf(pa, sizeof pa, "P%u", a);
	snprintf(pb, sizeof pb, "P%u", b);
	snprintf(csv, sizeof csv, "patient_id,episode_id,goal_id,date,attainment\n"
	    "%s,E,G1,2026-01-05,\n%s,E,G1,2026-01-05,\n%s,E,G1,2026-01-09,-2\n"
	    "%s,E,G1,2026-01-09,2\n", pa, pb, pb, pa);
	t[0] = table(csv);
	t[1] = table_batched(csv);
	for (int k = 0; k < 2; k++) {
		const size_t *idx;
		size_t n;

		ck_assert_int_eq(rd_goals_group_count(t[k]), 2);
		ck_assert_int_eq(rd_goals_find_group(t[k], pb, strlen(pb), "E", 1), 1);
		for (size_t gr = 0; gr < 2; gr++) {
			idx = rd_goals_of_group(t[k], gr, &n);
			ck_assert_int_eq(n, 1);
			ck_assert_int_eq(rd_goals_at(t[k], idx[0])->review[0].attainment,
			    gr == 0 ? 2 : -2);
		}
		rd_goals_free(t[k]);
	}
}
END_TEST

/*
 * Lists longer than the pool's blocks (reviews of two goals, taken in
 * turns, and a group of 10,000 goals): every review and goal kept, in
 * order, as the blocks they grew out of are given back and taken again,
 * and past the pool into malloc's blocks, which grow by realloc.
 */
START_TEST(t_table_long_lists)
{
	enum { N = 10000 };
	struct text csv = { 0 };
	int day0 = rd_date_from_ymd(2000, 1, 1);
	char day[11];
	struct rd_goals *t;
	const size_t *idx;
	size_t n;

	add_text(&csv, "patient_id,episode_id,goal_id,date,attainment\n"
	    "P1,E1,A,1999-12-31,\nP1,E1,B,1999-12-31,\n");
	for (int i = 0; i < N; i++) {
		rd_date_format(day0 + i, day);
		add_text(&csv, "P1,E1,A,%s,%d\nP1,E1,B,%s,%d\n", day, i % 5 - 2,
		    day, 2 - i % 5);
	}
	for (int i = 0; i < N; i++)
		add_text(&csv, "P2,E1,G%d,2026-01-05,\n", i);
	t = table(csv.p);
	idx = rd_goals_of_group(t, 0, &n);
	ck_assert_int_eq(n, 2);
	for (size_t k = 0; k < 2; k++) {
		const struct rd_goal *g = rd_goals_at(t, idx[k]);

		ck_assert_int_eq(g->nreview, N);
		for (int i = 0; i < N; i++) {
			ck_assert_int_eq(g->review[i].date, day0 + i);
			ck_assert_int_eq(g->review[i].attainment,
			    k == 0 ? i % 5 - 2 : 2 - i % 5);
		}
	}
	idx = rd_goals_of_group(t, 1, &n);
	ck_assert_int_eq(n, N);
	for (size_t k = 0; k < N; k++) {
		char id[16];

		snprintf(id, sizeof id, "G%zu", k);
		ck_assert_int_eq(idx[k], 2 + k);
		ck_assert_str_eq(rd_goals_at(t, idx[k])->goal_id, id);
	}
	rd_goals_free(t);
	free(csv.p);
}
END_TEST

START_TEST(t_table_groups)
{
	struct rd_goals *t = table(
	    "patient_id,episode_id,goal_id,domain,set_by,date,attainment,weight\n"
	    "P1,E1,G1,substance,patient,2026-01-05,,\n"
	    "P1,E2,G1,housing,joint,2026-01-06,,2.5\n"
	    "P1,E1,G1,SUBSTANCE,,2026-02-02,+1,1\n"
	    "P1,,G1,,,2026-01-07,,\n"
	    "P2,E1,G2,,,2026-01-08,,\n"
	    "P1,E1,G1,,,2026-01-20,-2,\n");
	size_t n;
	const size_t *idx;
	const struct rd_goal *g;
	struct rd_goal_state st;

	ck_assert_int_eq(rd_goals_group_count(t), 4);
	ck_assert_int_eq(rd_goals_count(t), 4);
	ck_assert_str_eq(rd_goals_group_patient(t, 0), "P1");
	ck_assert_str_eq(rd_goals_group_episode(t, 0), "E1");
	ck_assert_str_eq(rd_goals_group_episode(t, 2), "");
	ck_assert_int_eq(rd_goals_find_group(t, "P1", 2, "E2", 2), 1);
	ck_assert_int_eq(rd_goals_find_group(t, "P1", 2, "", 0), 2);
	ck_assert_int_eq(rd_goals_find_group(t, "P2", 2, "E2", 2), (size_t)-1);
	/* "P1"+"E1" and "P1E"+"1" must not meet. */
	ck_assert_int_eq(rd_goals_find_group(t, "P1E", 3, "1", 1), (size_t)-1);
	idx = rd_goals_of_group(t, 0, &n);
	ck_assert_int_eq(n, 1);
	g = rd_goals_at(t, idx[0]);
	ck_assert_str_eq(g->goal_id, "G1");
	ck_assert_int_eq(g->domain, 0);
	ck_assert_int_eq(g->set_by, RD_SET_PATIENT);
	ck_assert_double_eq(g->weight, 1);
	ck_assert_int_eq(g->nreview, 2);
	ck_assert(rd_goal_state_at(g, D("2026-03-01"), &st));
	ck_assert_int_eq(st.attainment, 1);
	ck_assert_int_eq(st.last_review, D("2026-02-02"));
	idx = rd_goals_of_group(t, 1, &n);
	ck_assert_double_eq(rd_goals_at(t, idx[0])->weight, 2.5);
	rd_goals_free(t);
}
END_TEST

static Suite *
goal_table_suite(void)
{
	Suite *s = suite_create("goal-track table");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);	/* t_table_many_groups: 280,000 rows */
	tcase_add_test(tc, t_table_groups);
	tcase_add_test(tc, t_table_lookup);
	tcase_add_test(tc, t_table_same_length_ids);
	tcase_add_test(tc, t_table_prefetch_hints);
	tcase_add_test(tc, t_table_prefetch_goal_hints);
	tcase_add_test(tc, t_table_many_groups);
	tcase_add_test(tc, t_table_same_hash);
	tcase_add_test(tc, t_table_long_lists);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(goal_table_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
