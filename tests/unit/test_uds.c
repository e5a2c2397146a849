/*
 * Unit tests of the UDS outcome library (urine-track(1), --outcome):
 * every primitive's edge cases. Cell printing and the 62 definitions are
 * tested in test_uds_defs.c.
 */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "uds.h"

/* Results of word-valued primitives as C strings for ck_assert_str_eq. */
static char text[256];

static const char *
as_text(const char *w, size_t n)
{
	ck_assert_uint_lt(n, sizeof(text));
	memcpy(text, w, n);
	text[n] = '\0';
	return text;
}

static const char *
str_sub(const char *w, long start, long end)
{
	size_t len;
	const char *s = rd_uds_str_sub(w, strlen(w), start, end, &len);

	return as_text(s, len);
}

static const char *
recode(const char *w, char from, char to)
{
	char out[256];

	return as_text(out, rd_uds_recode(w, strlen(w), from, to, out));
}

static const char *
impute(const char *w, enum rd_uds_impute method, char missing)
{
	size_t n = strlen(w);

	as_text(w, n);
	rd_uds_impute_missing_visits(text, n, method, missing);
	return text;
}

static const char *
view(const char *w, const char *lattice)
{
	char out[64];
	size_t m = strlen(lattice);

	rd_uds_view_by_lattice(w, strlen(w), lattice, m, out);
	return as_text(out, m);
}

static double
count(const char *w, char match, long start, long end, char mixed,
    int proportion)
{
	return rd_uds_count_matches(w, strlen(w), match, start, end, mixed,
	    0.5, proportion);
}

static int
detect(const char *w, const char *sub, long start, long end)
{
	return rd_uds_detect_subpattern(w, strlen(w), &sub, 1, start, end);
}

static struct rd_uds_window
window(const char *w, long width, long threshold, char match)
{
	return rd_uds_detect_in_window(w, strlen(w), width, threshold,
	    width - threshold, match);
}

START_TEST(str_sub_spec_examples)
{
	ck_assert_str_eq(str_sub("-+-", 2, 15), "+-");
	ck_assert_str_eq(str_sub("-+-", 15, 15), "");
	ck_assert_str_eq(str_sub("-+-", 1, 0), "");
	ck_assert_str_eq(str_sub("abc", -12, -1), "abc");
	ck_assert_str_eq(str_sub("abc", -4, -2), "ab");
	ck_assert_str_eq(str_sub("abc", -5, -4), "");
}
END_TEST

START_TEST(str_sub_edges)
{
	size_t len = 99;

	ck_assert_str_eq(str_sub("", 1, -1), "");
	ck_assert_str_eq(str_sub("", -1, -1), "");
	ck_assert_str_eq(str_sub("", 12, 15), "");
	ck_assert_ptr_null(rd_uds_str_sub(NULL, 0, 1, 15, &len));
	ck_assert_uint_eq(len, 0);
	ck_assert_str_eq(str_sub("+", 1, 1), "+");
	ck_assert_str_eq(str_sub("+", -1, -1), "+");
	ck_assert_str_eq(str_sub("+", 2, 2), "");
	ck_assert_str_eq(str_sub("+-o*_", 1, -1), "+-o*_");
	ck_assert_str_eq(str_sub("+-o*_", -1, -1), "_");
	ck_assert_str_eq(str_sub("+-o*_", 0, 2), "+-");
	ck_assert_str_eq(str_sub("+-o*_", 4, 2), "");
	ck_assert_str_eq(str_sub("+-o*_", 3, -6), "");
	ck_assert_str_eq(str_sub("+-o*_", -4, -2), "-o*");
}
END_TEST

START_TEST(recode_and_pos)
{
	char w[] = "o*+-_o";
	size_t n;

	ck_assert_str_eq(recode("o*+-_o", 'o', '+'), "+*+-_+");
	ck_assert_str_eq(recode("o*+-_o", 'o', '\0'), "*+-_");
	ck_assert_str_eq(recode("o*+-_o", '_', '\0'), "o*+-o");
	ck_assert_str_eq(recode("----", 'o', '\0'), "----");
	ck_assert_str_eq(recode("oooo", 'o', '\0'), "");
	ck_assert_str_eq(recode("", 'o', '+'), "");
	ck_assert_uint_eq(rd_uds_recode(NULL, 0, 'o', '+', NULL), 0);
	/* In place, deleting. */
	n = rd_uds_recode(w, strlen(w), 'o', '\0', w);
	ck_assert_str_eq(as_text(w, n), "*+-_");
	n = rd_uds_pos(w, n, w);
	ck_assert_str_eq(as_text(w, n), "++-_");
}
END_TEST

START_TEST(count_matches_edges)
{
	/* An empty slice is 0 even as a proportion. */
	ck_assert_double_eq(count("", '-', 1, -1, '\0', 0), 0);
	ck_assert_double_eq(count("", '-', 1, -1, '\0', 1), 0);
	ck_assert_double_eq(count("", '-', 1, -1, '*', 1), 0);
	ck_assert_double_eq(count("---", '-', 5, 15, '\0', 1), 0);
	ck_assert_double_eq(count("---", '-', 1, 0, '*', 1), 0);
	/* Length 1. */
	ck_assert_double_eq(count("-", '-', 1, -1, '\0', 1), 1);
	ck_assert_double_eq(count("*", '-', 1, -1, '*', 1), 0.5);
	ck_assert_double_eq(count("*", '-', 1, -1, '\0', 1), 0);
	/* Clipped slice: the denominator is the clipped length. */
	ck_assert_double_eq(count("+--", '-', 2, 15, '\0', 1), 1);
	/* Every symbol is in the denominator, o and _ included. */
	ck_assert_double_eq(count("-o_*", '-', 1, -1, '\0', 1), 0.25);
	ck_assert_double_eq(count("-o_*", '-', 1, -1, '*', 1), 0.375);
	ck_assert_double_eq(count("-o_*", '-', 1, -1, '*', 0), 1.5);
	ck_assert_double_eq(count("-o_*--", '-', -3, -1, '\0', 0), 2);
	ck_assert_double_eq(count("+*+", '+', 1, -1, '*', 1), 2.5 / 3);
	ck_assert_double_eq(rd_uds_count_matches("**", 2, '-', 1, -1, '*',
	    0.25, 0), 0.5);
}
END_TEST

START_TEST(detect_subpattern_edges)
{
	static const char *const runs[] = { "----", "o---", "-o--" };

	ck_assert(!detect("", "-", 1, -1));
	ck_assert(!detect("---", "-", 4, 15));
	ck_assert(!detect("---", "----", 1, -1));
	ck_assert(detect("---", "---", 1, 15));
	ck_assert(detect("+", "+", 1, 1));
	ck_assert(!detect("+", "+", -2, -2));
	/* Literal symbols: _, o and * break a run. */
	ck_assert(!detect("--_--", "---", 1, -1));
	ck_assert(!detect("--o--", "---", 1, -1));
	ck_assert(!detect("--*--", "---", 1, -1));
	ck_assert(detect("--_---", "---", 1, -1));
	/* The run must lie inside the slice. */
	ck_assert(!detect("+----", "----", 1, 4));
	ck_assert(detect("+----", "----", 2, 5));
	ck_assert(detect("+----", "----", -4, -1));
	ck_assert(rd_uds_detect_subpattern("+-o--", 5, runs, 3, 2, 5));
	ck_assert(!rd_uds_detect_subpattern("+-oo-", 5, runs, 3, 2, 5));
	ck_assert(!rd_uds_detect_subpattern("----", 4, runs, 0, 1, -1));
}
END_TEST

START_TEST(detect_in_window_edges)
{
	struct rd_uds_window r;

	/* Shorter than one window, the empty word included: NA. */
	r = window("", 1, 1, '+');
	ck_assert(r.na);
	r = rd_uds_detect_in_window(NULL, 0, 4, 4, 0, '+');
	ck_assert(r.na);
	r = window("+++", 4, 4, '+');
	ck_assert(r.na);
	/* Exactly one window. */
	r = window("++++", 4, 4, '+');
	ck_assert(!r.na && r.event == 1 && r.time == 1);
	r = window("+++-", 4, 4, '+');
	ck_assert(!r.na && r.event == 0 && r.time == 1);
	/* Event at the first hitting window plus the offset. */
	r = window("--+-+--", 4, 2, '+');
	ck_assert(r.event == 1 && r.time == 2 + 2);
	r = window("---+--+", 4, 2, '+');
	ck_assert(r.event == 1 && r.time == 4 + 2);
	/* Censored at the last window: n - threshold + 1. */
	r = window("-+--+--", 3, 2, '+');
	ck_assert(r.event == 0 && r.time == 6);
	r = window("-----", 1, 1, '+');
	ck_assert(r.event == 0 && r.time == 5);
	/* Only the exact symbol counts. */
	r = window("**__**", 1, 1, '+');
	ck_assert(r.event == 0 && r.time == 6);
	r = window("-oooo-", 4, 4, 'o');
	ck_assert(r.event == 1 && r.time == 2);
	r = window("-ooo_o", 4, 4, 'o');
	ck_assert(r.event == 0 && r.time == 3);
	/* An explicit offset. */
	r = rd_uds_detect_in_window("-+", 2, 1, 1, 0, '+');
	ck_assert(r.event == 1 && r.time == 2);
	r = rd_uds_detect_in_window("--", 2, 1, 1, 7, '+');
	ck_assert(r.event == 0 && r.time == 9);
}
END_TEST

START_TEST(retention_and_abstinence_period)
{
	ck_assert_uint_eq(rd_uds_measure_retention("", 0), 0);
	ck_assert_uint_eq(rd_uds_measure_retention("oooo", 4), 0);
	ck_assert_uint_eq(rd_uds_measure_retention("o", 1), 0);
	ck_assert_uint_eq(rd_uds_measure_retention("+", 1), 1);
	ck_assert_uint_eq(rd_uds_measure_retention("-oo+oo", 6), 4);
	ck_assert_uint_eq(rd_uds_measure_retention("-oo_oo", 6), 4);
	ck_assert_uint_eq(rd_uds_measure_retention("oo*", 3), 3);

	ck_assert_uint_eq(rd_uds_measure_abstinence_period("", 0), 0);
	ck_assert_uint_eq(rd_uds_measure_abstinence_period("+++", 3), 0);
	ck_assert_uint_eq(rd_uds_measure_abstinence_period("-", 1), 1);
	ck_assert_uint_eq(rd_uds_measure_abstinence_period("--+---+-", 8), 3);
	/* o, _ and * all extend a run. */
	ck_assert_uint_eq(rd_uds_measure_abstinence_period("+-o_*-+", 7), 5);
	ck_assert_uint_eq(rd_uds_measure_abstinence_period("____", 4), 4);
}
END_TEST

START_TEST(lattices)
{
	static const char *const lofwall[] = { "o", "_o" };
	static const size_t lofwall_times[] = { 7, 4 };
	static const char *const woody[] = { "___o" };
	static const size_t woody_times[] = { 3 };
	char out[32];

	ck_assert_uint_eq(rd_uds_collapse_lattice(lofwall, lofwall_times, 2,
	    out, sizeof(out)), 15);
	ck_assert_str_eq(out, RD_UDS_LOFWALL_LATTICE);
	ck_assert_uint_eq(rd_uds_collapse_lattice(woody, woody_times, 1, out,
	    sizeof(out)), 12);
	ck_assert_str_eq(out, RD_UDS_WOODY_LATTICE);
	/* Truncated as snprintf would be. */
	ck_assert_uint_eq(rd_uds_collapse_lattice(woody, woody_times, 1, out,
	    5), 12);
	ck_assert_str_eq(out, "___o");
	ck_assert_uint_eq(rd_uds_collapse_lattice(woody, woody_times, 0, out,
	    sizeof(out)), 0);
	ck_assert_str_eq(out, "");
}
END_TEST

START_TEST(view_by_lattice_edges)
{
	/* Padded with o, truncated, _ put at the lattice's _ weeks. */
	ck_assert_str_eq(view("", RD_UDS_WOODY_LATTICE), "___o___o___o");
	ck_assert_str_eq(view("+", RD_UDS_LOFWALL_LATTICE),
	    "+oooooo_o_o_o_o");
	ck_assert_str_eq(view("----------------------", RD_UDS_WOODY_LATTICE),
	    "___-___-___-");
	ck_assert_str_eq(view("+++-+++*+++_+", RD_UDS_WOODY_LATTICE),
	    "___-___*___" "_");
	ck_assert_str_eq(view("-+-+-+-+-+-+-+-+", RD_UDS_LOFWALL_LATTICE),
	    "-+-+-+-_-_-_-_-");
	ck_assert_str_eq(view("-", ""), "");
}
END_TEST

START_TEST(impute_locf)
{
	ck_assert_str_eq(impute("", RD_UDS_LOCF, '_'), "");
	ck_assert_str_eq(impute("___", RD_UDS_LOCF, '_'), "___");
	ck_assert_str_eq(impute("_", RD_UDS_LOCF, '_'), "_");
	ck_assert_str_eq(impute("-", RD_UDS_LOCF, '_'), "-");
	/* Leading runs stay; inner and trailing runs take the last value. */
	ck_assert_str_eq(impute("__-_+__o_", RD_UDS_LOCF, '_'), "__--+++oo");
	ck_assert_str_eq(impute("-_+_*_", RD_UDS_LOCF, '_'), "--++**");
	ck_assert_str_eq(impute("o-oo+", RD_UDS_LOCF, 'o'), "o---+");
	/* locfD leaves leading and trailing runs. */
	ck_assert_str_eq(impute("__-_+__", RD_UDS_LOCFD, '_'), "__--+__");
	ck_assert_str_eq(impute("___", RD_UDS_LOCFD, '_'), "___");
	ck_assert_str_eq(impute("_-_", RD_UDS_LOCFD, '_'), "_-_");
}
END_TEST

START_TEST(impute_mode)
{
	ck_assert_str_eq(impute("", RD_UDS_MODE, 'o'), "");
	ck_assert_str_eq(impute("ooo", RD_UDS_MODE, 'o'), "ooo");
	ck_assert_str_eq(impute("o--+o", RD_UDS_MODE, 'o'), "---+-");
	/* Ties go to +, and * counts as + but stays *. */
	ck_assert_str_eq(impute("o-+o", RD_UDS_MODE, 'o'), "+-++");
	ck_assert_str_eq(impute("o-*o", RD_UDS_MODE, 'o'), "+-*+");
	ck_assert_str_eq(impute("o--*+o", RD_UDS_MODE, 'o'), "+--*++");
	ck_assert_str_eq(impute("o---*+o", RD_UDS_MODE, 'o'), "----*+-");
	/* A tie of - and _ goes to _; _ can win outright. */
	ck_assert_str_eq(impute("--__o--__o", RD_UDS_MODE, 'o'), "--___--___");
	ck_assert_str_eq(impute("-_o", RD_UDS_MODE, 'o'), "-__");
	ck_assert_str_eq(impute("__-o", RD_UDS_MODE, 'o'), "__-_");
	ck_assert_str_eq(impute("_o", RD_UDS_MODE, 'o'), "__");
	ck_assert_str_eq(impute("o+", RD_UDS_MODE, 'o'), "++");
}
END_TEST

START_TEST(impute_knv)
{
	/* Unchanged: empty and only-o words. */
	ck_assert_str_eq(impute("", RD_UDS_KNV, 'o'), "");
	ck_assert_str_eq(impute("oooo", RD_UDS_KNV, 'o'), "oooo");
	/* Means of two known neighbours, rounded with ties upwards. */
	ck_assert_str_eq(impute("-o-", RD_UDS_KNV, 'o'), "---");
	ck_assert_str_eq(impute("-_-", RD_UDS_KNV, 'o'), "---");
	ck_assert_str_eq(impute("+o-", RD_UDS_KNV, 'o'), "+*-");
	ck_assert_str_eq(impute("+o*", RD_UDS_KNV, 'o'), "++*");
	ck_assert_str_eq(impute("*o-", RD_UDS_KNV, 'o'), "**-");
	ck_assert_str_eq(impute("*o*", RD_UDS_KNV, 'o'), "***");
	ck_assert_str_eq(impute("+o+", RD_UDS_KNV, 'o'), "+++");
	/* Imputed values are never neighbours. */
	ck_assert_str_eq(impute("-oo-", RD_UDS_KNV, 'o'), "-oo-");
	ck_assert_str_eq(impute("-o-o-", RD_UDS_KNV, 'o'), "-----");
	/* The ends are not candidates; a lasting _ comes back as o. */
	ck_assert_str_eq(impute("o-o", RD_UDS_KNV, 'o'), "o-o");
	ck_assert_str_eq(impute("_--_", RD_UDS_KNV, 'o'), "o--o");
	ck_assert_str_eq(impute("___", RD_UDS_KNV, 'o'), "ooo");
	ck_assert_str_eq(impute("_", RD_UDS_KNV, 'o'), "o");
	ck_assert_str_eq(impute("-_o_-", RD_UDS_KNV, 'o'), "-ooo-");
	/* Two weeks: week 1 copies week 2, week 2 never changes. */
	ck_assert_str_eq(impute("o+", RD_UDS_KNV, 'o'), "++");
	ck_assert_str_eq(impute("o*", RD_UDS_KNV, 'o'), "**");
	ck_assert_str_eq(impute("_-", RD_UDS_KNV, 'o'), "--");
	ck_assert_str_eq(impute("+o", RD_UDS_KNV, 'o'), "+o");
	ck_assert_str_eq(impute("+_", RD_UDS_KNV, 'o'), "+o");
	ck_assert_str_eq(impute("o_", RD_UDS_KNV, 'o'), "oo");
	ck_assert_str_eq(impute("-", RD_UDS_KNV, 'o'), "-");
}
END_TEST

static const struct rd_uds_weights ling_a = { 1.0, 0.5, 0.22, 0.0 };
static const double ling_a_step[15] =
    { 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 5 };

START_TEST(weight_positive_visits)
{
	static const struct rd_uds_weights ling_b = { 0.8, 0.4, 1.0, 0.0 };
	double ramp[4], v;

	/* Not available: empty word, a _ anywhere. */
	ck_assert(isnan(rd_uds_weight_positive_visits("", 0, &ling_a,
	    ling_a_step, 15)));
	ck_assert(isnan(rd_uds_weight_positive_visits("---_", 4, &ling_a,
	    ling_a_step, 15)));
	/* All negative scores 0, all positive 120. */
	ck_assert_double_eq(rd_uds_weight_positive_visits("---------------",
	    15, &ling_a, ling_a_step, 15), 0);
	ck_assert_double_eq(rd_uds_weight_positive_visits("+++++++++++++++",
	    15, &ling_a, ling_a_step, 15), 120);
	/* A short word is repeated cyclically to the penalty's length. */
	ck_assert_double_eq(rd_uds_weight_positive_visits("+-o-", 4, &ling_a,
	    ling_a_step, 15), rd_uds_weight_positive_visits("+-o-+-o-+-o-+-o",
	    15, &ling_a, ling_a_step, 15));
	ck_assert_double_eq(rd_uds_weight_positive_visits("+", 1, &ling_a,
	    ling_a_step, 15), 120);
	/* By hand: 120 * (1 + 0.22) / (1 + 1 + 1 + 2 + 2). */
	ck_assert_double_eq_tol(rd_uds_weight_positive_visits("+-o--", 5,
	    &ling_a, ling_a_step, 5), 120 * 1.22 / 7, 1e-12);
	/* Ramp penalty 1, 7/3, 11/3, 5; worst of week 1 is the 1.0 of o. */
	rd_uds_ramp(1, 5, 4, ramp);
	v = rd_uds_weight_positive_visits("-+*o", 4, &ling_b, ramp, 4);
	ck_assert_double_eq_tol(v, 120 * (0.8 * 7 / 3 + 0.4 * 11 / 3 + 1) /
	    (1 + 0.8 * (7.0 / 3 + 11.0 / 3 + 5)), 1e-12);
}
END_TEST

START_TEST(ramp)
{
	double p[5] = { -1, -1, -1, -1, -1 };

	rd_uds_ramp(1, 5, 0, p);
	ck_assert_double_eq(p[0], -1);
	rd_uds_ramp(1, 5, 1, p);
	ck_assert_double_eq(p[0], 1);
	ck_assert_double_eq(p[1], -1);
	rd_uds_ramp(1, 5, 2, p);
	ck_assert(p[0] == 1 && p[1] == 5 && p[2] == -1);
	rd_uds_ramp(1, 5, 5, p);
	ck_assert(p[0] == 1 && p[1] == 2 && p[2] == 3 && p[3] == 4 &&
	    p[4] == 5);
	rd_uds_ramp(1, 5, 4, p);
	ck_assert(p[0] == 1 && p[1] == 1 + 4.0 / 3 && p[2] == 1 + 2 * (4.0 / 3)
	    && p[3] == 5);
}
END_TEST

static Suite *
uds_suite(void)
{
	Suite *s = suite_create("uds");
	TCase *tc;

	tc = tcase_create("primitives");
	tcase_add_test(tc, str_sub_spec_examples);
	tcase_add_test(tc, str_sub_edges);
	tcase_add_test(tc, recode_and_pos);
	tcase_add_test(tc, count_matches_edges);
	tcase_add_test(tc, detect_subpattern_edges);
	tcase_add_test(tc, detect_in_window_edges);
	tcase_add_test(tc, retention_and_abstinence_period);
	tcase_add_test(tc, lattices);
	tcase_add_test(tc, view_by_lattice_edges);
	tcase_add_test(tc, impute_locf);
	tcase_add_test(tc, impute_mode);
	tcase_add_test(tc, impute_knv);
	tcase_add_test(tc, weight_positive_visits);
	tcase_add_test(tc, ramp);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(uds_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
