/*
 * Unit tests of the UDS outcome library (urine-track(1), --outcome):
 * every primitive's edge cases, cell printing, and all 62 definitions on
 * the worked examples of CTNote 0.1.3 and on further words worked by hand.
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "uds.h"

#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))

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

static const char *
cell(const char *name, const char *w)
{
	static char out[64];
	int def = rd_uds_find(name);

	ck_assert_msg(def >= 0, "no definition %s", name);
	rd_uds_compute(def, w, strlen(w), out, sizeof(out));
	return out;
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

static const char *
format(enum rd_uds_type t, double v)
{
	static char out[64];

	rd_uds_format(t, v, out, sizeof(out));
	return out;
}

START_TEST(format_cells)
{
	char small[4];

	ck_assert_str_eq(format(RD_UDS_LOGICAL, 1), "TRUE");
	ck_assert_str_eq(format(RD_UDS_LOGICAL, 0), "FALSE");
	ck_assert_str_eq(format(RD_UDS_LOGICAL, NAN), "");
	ck_assert_str_eq(format(RD_UDS_INTEGER, 15), "15");
	ck_assert_str_eq(format(RD_UDS_INTEGER, 0), "0");
	ck_assert_str_eq(format(RD_UDS_INTEGER, NAN), "");
	/* Integral reals have no decimal point; never "-0". */
	ck_assert_str_eq(format(RD_UDS_REAL, 120), "120");
	ck_assert_str_eq(format(RD_UDS_REAL, 1), "1");
	ck_assert_str_eq(format(RD_UDS_REAL, -0.0), "0");
	ck_assert_str_eq(format(RD_UDS_REAL, 1 - 1.0), "0");
	/* Shortest round trip: 15, 16 or 17 digits. */
	ck_assert_str_eq(format(RD_UDS_REAL, 0.5), "0.5");
	ck_assert_str_eq(format(RD_UDS_REAL, 6.5), "6.5");
	ck_assert_str_eq(format(RD_UDS_REAL, 63.36227308603), "63.36227308603");
	ck_assert_str_eq(format(RD_UDS_REAL, 2.0 / 3), "0.6666666666666666");
	ck_assert_str_eq(format(RD_UDS_REAL, 1 - 2.0 / 3),
	    "0.33333333333333337");
	ck_assert_str_eq(format(RD_UDS_REAL, 13.0 / 30),
	    "0.43333333333333335");
	ck_assert_str_eq(format(RD_UDS_REAL, 0.1 + 0.2), "0.30000000000000004");
	ck_assert_str_eq(format(RD_UDS_REAL, NAN), "");
	ck_assert_str_eq(format(RD_UDS_REAL, INFINITY), "");
	/* Truncated as snprintf: the full length is returned. */
	ck_assert_uint_eq(rd_uds_format(RD_UDS_LOGICAL, 0, small,
	    sizeof(small)), 5);
	ck_assert_str_eq(small, "FAL");
	ck_assert_uint_eq(rd_uds_format(RD_UDS_LOGICAL, 0, NULL, 0), 5);
}
END_TEST

START_TEST(find_and_validate)
{
	ck_assert_uint_eq(rd_uds_ndefs, 62);
	ck_assert_int_eq(rd_uds_find("Ab_ctnNinetyFour_2023"), 0);
	ck_assert_int_eq(rd_uds_find("Rd_zaks_1972"), 61);
	ck_assert_int_eq(rd_uds_find("rd_zaks_1972"), -1);
	ck_assert_int_eq(rd_uds_find(""), -1);

	ck_assert_int_eq(rd_uds_invalid_at("", 0), -1);
	ck_assert_int_eq(rd_uds_invalid_at(NULL, 0), -1);
	ck_assert_int_eq(rd_uds_invalid_at("+-o*_", 5), -1);
	ck_assert_int_eq(rd_uds_invalid_at("+-x", 3), 2);
	ck_assert_int_eq(rd_uds_invalid_at("O", 1), 0);
	ck_assert_int_eq(rd_uds_invalid_at("--\0-", 4), 2);
	ck_assert_int_eq(rd_uds_invalid_at("-- ", 3), 2);
}
END_TEST

START_TEST(defs_table)
{
	size_t i, j;

	for (i = 0; i < rd_uds_ndefs; i++) {
		ck_assert_ptr_nonnull(rd_uds_defs[i].name);
		ck_assert(*rd_uds_defs[i].source != '\0');
		ck_assert(*rd_uds_defs[i].description != '\0');
		ck_assert_int_eq(rd_uds_find(rd_uds_defs[i].name), (int)i);
		for (j = 0; j < i; j++)
			ck_assert_str_ne(rd_uds_defs[i].name,
			    rd_uds_defs[j].name);
	}
}
END_TEST

START_TEST(compute_misuse)
{
	char out[64] = "x";
	double v;

	/* Unknown definitions and invalid words give an empty cell. */
	ck_assert_uint_eq(rd_uds_compute(-1, "---", 3, out, sizeof(out)), 0);
	ck_assert_str_eq(out, "");
	ck_assert_uint_eq(rd_uds_compute(62, "---", 3, out, sizeof(out)), 0);
	ck_assert_uint_eq(rd_uds_compute(1, "-x-", 3, out, sizeof(out)), 0);
	ck_assert_str_eq(out, "");
	ck_assert_int_eq(rd_uds_value(1, "-x-", 3, &v), 0);
	ck_assert(isnan(v));
	/* The word need not be NUL-terminated: only len bytes are read. */
	ck_assert_uint_eq(rd_uds_compute(rd_uds_find("Ab_fiellin_2006"),
	    "---+", 2, out, sizeof(out)), 1);
	ck_assert_str_eq(out, "2");
	ck_assert_int_eq(rd_uds_value(rd_uds_find("Rd_strang_2010"), "-", 1,
	    &v), 0);
	ck_assert_double_eq(v, 1);
}
END_TEST

START_TEST(compute_long_word)
{
	/* Longer than the stack scratch: the heap path. */
	size_t n = 3 * RD_UDS_STACK_WORD + 1, i;
	char *w = malloc(n), out[64];

	ck_assert_ptr_nonnull(w);
	for (i = 0; i < n; i++)
		w[i] = i % 3 == 0 ? 'o' : '-';
	rd_uds_compute(rd_uds_find("Ab_fiellin_2006"), w, n, out, sizeof(out));
	ck_assert_str_eq(out, "1024");
	rd_uds_compute(rd_uds_find("Rd_fudala_2003"), w, n, out, sizeof(out));
	ck_assert_str_eq(out, "1");
	rd_uds_compute(rd_uds_find("Rd_jaffe_1972"), w, n, out, sizeof(out));
	ck_assert_str_eq(out, "1");
	rd_uds_compute(rd_uds_find("Rd_eissenberg_1997"), w, n, out,
	    sizeof(out));
	ck_assert_str_eq(out, "TRUE");
	rd_uds_compute(rd_uds_find("DrT_ctnNinetyFour_2023"), w, n, out,
	    sizeof(out));
	ck_assert_str_eq(out, "1534");
	free(w);
}
END_TEST

/*
 * All 62 columns on the five words of the spec's worked examples
 * (section 5), which the spec records as output of the original R
 * functions; "" is NA.
 */
static const char *const worked_words[5] = {
	"", "_", "+-o-", "--__o--__o", "-o*_---o----+--o",
};

static const struct expect {
	const char	*name;
	const char	*cells[6];
} worked[62] = {
	{ "Ab_ctnNinetyFour_2023", { "FALSE", "FALSE", "FALSE", "FALSE", "FALSE" } },
	{ "Ab_fiellin_2006", { "0", "0", "2", "4", "10" } },
	{ "Ab_kosten_1993", { "FALSE", "FALSE", "FALSE", "FALSE", "TRUE" } },
	{ "Ab_krupitskyA_2011", { "TRUE", "TRUE", "TRUE", "FALSE", "FALSE" } },
	{ "Ab_krupitskyB_2011", { "0", "0", "0", "2", "9" } },
	{ "Ab_ling_1998", { "FALSE", "FALSE", "FALSE", "FALSE", "TRUE" } },
	{ "Ab_lofwall_2018", { "FALSE", "FALSE", "FALSE", "FALSE", "FALSE" } },
	{ "AbT_mokri_2016", { "", "1", "1", "5", "2" } },
	{ "AbE_mokri_2016", { "", "0", "1", "1", "1" } },
	{ "Ab_schottenfeld_2005", { "0", "1", "2", "8", "8" } },
	{ "AbT_schottenfeldA_2008", { "", "1", "1", "5", "2" } },
	{ "AbE_schottenfeldA_2008", { "", "0", "1", "1", "1" } },
	{ "Ab_schottenfeldB_2008", { "0", "1", "1", "4", "4" } },
	{ "AbT_shufman_1994", { "", "1", "1", "10", "3" } },
	{ "AbE_shufman_1994", { "", "0", "1", "0", "1" } },
	{ "Ab_ctnThirty_2011", { "FALSE", "FALSE", "FALSE", "FALSE", "FALSE" } },
	{ "RsT_ctnNinetyFour_2023", { "", "", "1", "7", "13" } },
	{ "RsE_ctnNinetyFour_2023", { "", "", "0", "0", "0" } },
	{ "DrT_ctnNinetyFour_2023", { "", "", "1", "7", "13" } },
	{ "DrE_ctnNinetyFour_2023", { "", "", "0", "0", "0" } },
	{ "Rs_johnson_1992", { "FALSE", "FALSE", "FALSE", "FALSE", "FALSE" } },
	{ "Rs_krupitsky_2004", { "FALSE", "FALSE", "FALSE", "FALSE", "FALSE" } },
	{ "RsT_lee_2016", { "", "", "3", "9", "3" } },
	{ "RsE_lee_2016", { "", "", "1", "0", "1" } },
	{ "RsT_ctnFiftyOne_2018", { "", "", "", "7", "13" } },
	{ "RsE_ctnFiftyOne_2018", { "", "", "", "0", "0" } },
	{ "RsT_schottenfeld_2008", { "", "", "2", "8", "14" } },
	{ "RsE_schottenfeld_2008", { "", "", "0", "0", "0" } },
	{ "Rd_comer_2006", { "0", "0", "0.5", "0.5", "0.5625" } },
	{ "Rd_eissenberg_1997", { "FALSE", "FALSE", "FALSE", "FALSE", "TRUE" } },
	{ "Rd_fiellin_2006", { "0", "0", "0.5", "0.4", "0.65625" } },
	{ "Rd_fudala_2003", { "0", "0", "0.6666666666666666", "0.5", "0.8076923076923077" } },
	{ "Rd_haight_2019", { "0", "0", "0", "0.3333333333333333", "0.8181818181818182" } },
	{ "Rd_jaffe_1972", { "0", "0", "0", "0.4", "0.84375" } },
	{ "Rd_johnson_1992", { "0", "0", "0.5", "0.4", "0.65625" } },
	{ "Rd_kostenB_1993", { "FALSE", "FALSE", "FALSE", "FALSE", "TRUE" } },
	{ "Rd_lingA_1998", { "0", "0", "0.6666666666666666", "0.5", "0.8076923076923077" } },
	{ "Rd_lingC_1998", { "0", "0", "2", "4", "10.5" } },
	{ "Rd_ling_2010", { "0", "0", "0.5", "0.4", "0.7" } },
	{ "Rd_lingA_1976", { "0", "0", "88.32", "", "" } },
	{ "Rd_lingB_1976", { "0", "0", "97.9591836734694", "", "" } },
	{ "Rd_lofwall_2018", { "0", "0", "0.13333333333333333", "0.6", "0.7333333333333333" } },
	{ "Rd_mattickA_2003", { "0", "0", "0.5", "0.4444444444444444", "0.7" } },
	{ "Rd_mattickB_2003", { "0", "0", "0.5", "0.4", "0.6538461538461539" } },
	{ "Rd_paniA_2000", { "0", "0", "0.6666666666666666", "0.5", "0.8076923076923077" } },
	{ "Rd_paniB_2000", { "0", "0", "0.5", "0.4", "0.65625" } },
	{ "Rd_petitjean_2001", { "1", "1", "0.5", "0.8", "0.71875" } },
	{ "Rd_preston_2000", { "0", "0", "0.5", "0.4", "0.6538461538461539" } },
	{ "Rd_schottenfeld_2005", { "0", "0", "0.6666666666666666", "0.5", "0.8076923076923077" } },
	{ "Ab_schwartz_2006", { "FALSE", "FALSE", "FALSE", "FALSE", "TRUE" } },
	{ "Rd_shufman_1994", { "1", "1", "0.75", "1", "0.90625" } },
	{ "Rd_soyka_2008", { "1", "1", "0.6666666666666667", "1", "0.8846153846153846" } },
	{ "Rd_strain_1993", { "1", "1", "1", "1", "0.9" } },
	{ "Rd_strain_1994", { "1", "1", "0.75", "1", "0.90625" } },
	{ "Rd_strain_1996", { "1", "1", "0.6666666666666667", "1", "0.8846153846153846" } },
	{ "Rd_strain_1999", { "1", "1", "0.75", "1", "0.90625" } },
	{ "Rd_strang_2010", { "FALSE", "FALSE", "TRUE", "FALSE", "TRUE" } },
	{ "Rd_strang_2019", { "0", "0", "0.5", "0.4", "0.7083333333333334" } },
	{ "Rd_tanum_2017", { "0", "0", "0.5", "0.4444444444444444", "0.7" } },
	{ "Rd_wolstein_2009", { "0", "0", "0.6666666666666666", "0.5", "0.8076923076923077" } },
	{ "Rd_woody_2008", { "0", "0", "0.33333333333333337", "0", "0.5" } },
	{ "Rd_zaks_1972", { "0", "1", "2", "8", "11.5" } },
};

/*
 * The same for six more words, worked by hand from the formulas: only o,
 * only _, length 1 (+ and -), 15 negative weeks, and a 17-week word whose
 * Ling 1976 scores are 120 - 120 * 5.22 / 45 and 120 - 120 * (39 / 7) /
 * 36.2.
 */
static const char *const hand_words[6] = {
	"ooooo", "_____", "+", "-", "---------------", "++++----o--------",
};

static const struct expect hand[62] = {
	{ "Ab_ctnNinetyFour_2023", { "FALSE", "FALSE", "FALSE", "FALSE", "TRUE", "TRUE" } },
	{ "Ab_fiellin_2006", { "0", "0", "0", "1", "15", "12" } },
	{ "Ab_kosten_1993", { "FALSE", "FALSE", "FALSE", "FALSE", "TRUE", "TRUE" } },
	{ "Ab_krupitskyA_2011", { "FALSE", "TRUE", "TRUE", "TRUE", "TRUE", "FALSE" } },
	{ "Ab_krupitskyB_2011", { "0", "0", "0", "0", "11", "10" } },
	{ "Ab_ling_1998", { "FALSE", "FALSE", "FALSE", "FALSE", "TRUE", "TRUE" } },
	{ "Ab_lofwall_2018", { "FALSE", "FALSE", "FALSE", "FALSE", "TRUE", "FALSE" } },
	{ "AbT_mokri_2016", { "1", "5", "1", "1", "15", "1" } },
	{ "AbE_mokri_2016", { "1", "0", "1", "0", "0", "1" } },
	{ "Ab_schottenfeld_2005", { "0", "5", "0", "1", "15", "12" } },
	{ "AbT_schottenfeldA_2008", { "1", "5", "1", "1", "15", "1" } },
	{ "AbE_schottenfeldA_2008", { "1", "0", "1", "0", "0", "1" } },
	{ "Ab_schottenfeldB_2008", { "0", "5", "0", "1", "15", "8" } },
	{ "AbT_shufman_1994", { "5", "5", "1", "1", "15", "1" } },
	{ "AbE_shufman_1994", { "0", "0", "1", "0", "0", "1" } },
	{ "Ab_ctnThirty_2011", { "FALSE", "FALSE", "FALSE", "TRUE", "TRUE", "TRUE" } },
	{ "RsT_ctnNinetyFour_2023", { "1", "2", "", "", "12", "1" } },
	{ "RsE_ctnNinetyFour_2023", { "1", "0", "", "", "0", "1" } },
	{ "DrT_ctnNinetyFour_2023", { "1", "2", "", "", "12", "14" } },
	{ "DrE_ctnNinetyFour_2023", { "1", "0", "", "", "0", "0" } },
	{ "Rs_johnson_1992", { "TRUE", "FALSE", "FALSE", "FALSE", "FALSE", "FALSE" } },
	{ "Rs_krupitsky_2004", { "TRUE", "FALSE", "FALSE", "FALSE", "FALSE", "TRUE" } },
	{ "RsT_lee_2016", { "3", "4", "", "", "14", "3" } },
	{ "RsE_lee_2016", { "1", "0", "", "", "0", "1" } },
	{ "RsT_ctnFiftyOne_2018", { "", "", "", "", "12", "14" } },
	{ "RsE_ctnFiftyOne_2018", { "", "", "", "", "0", "0" } },
	{ "RsT_schottenfeld_2008", { "1", "3", "", "", "13", "1" } },
	{ "RsE_schottenfeld_2008", { "1", "0", "", "", "0", "1" } },
	{ "Rd_comer_2006", { "0", "0", "0", "1", "1", "0.5" } },
	{ "Rd_eissenberg_1997", { "FALSE", "FALSE", "FALSE", "FALSE", "TRUE", "TRUE" } },
	{ "Rd_fiellin_2006", { "0", "0", "0", "1", "1", "0.7058823529411765" } },
	{ "Rd_fudala_2003", { "0", "0", "0", "1", "1", "0.75" } },
	{ "Rd_haight_2019", { "0", "0", "0", "0", "1", "0.9090909090909091" } },
	{ "Rd_jaffe_1972", { "0", "0", "0", "0", "1", "0.7647058823529411" } },
	{ "Rd_johnson_1992", { "0", "0", "0", "1", "1", "0.7058823529411765" } },
	{ "Rd_kostenB_1993", { "FALSE", "FALSE", "FALSE", "TRUE", "TRUE", "TRUE" } },
	{ "Rd_lingA_1998", { "0", "0", "0", "1", "1", "0.7333333333333333" } },
	{ "Rd_lingC_1998", { "0", "0", "0", "1", "15", "10" } },
	{ "Rd_ling_2010", { "0", "0", "0", "1", "1", "0.6666666666666666" } },
	{ "Rd_lingA_1976", { "0", "", "0", "0", "120", "106.08" } },
	{ "Rd_lingB_1976", { "0", "", "0", "0", "120", "101.53117600631413" } },
	{ "Rd_lofwall_2018", { "0", "0", "0", "0.06666666666666667", "1", "0.6" } },
	{ "Rd_mattickA_2003", { "0", "0", "0", "1", "1", "0.7058823529411765" } },
	{ "Rd_mattickB_2003", { "0", "0", "0", "1", "1", "0.6153846153846154" } },
	{ "Rd_paniA_2000", { "0", "0", "0", "1", "1", "0.75" } },
	{ "Rd_paniB_2000", { "0", "0", "0", "1", "1", "0.7058823529411765" } },
	{ "Rd_petitjean_2001", { "0", "1", "0", "1", "1", "0.7058823529411764" } },
	{ "Rd_preston_2000", { "0", "0", "0", "1", "1", "0.6153846153846154" } },
	{ "Rd_schottenfeld_2005", { "0", "0", "0", "1", "1", "0.75" } },
	{ "Ab_schwartz_2006", { "FALSE", "FALSE", "FALSE", "FALSE", "TRUE", "TRUE" } },
	{ "Rd_shufman_1994", { "1", "1", "0", "1", "1", "0.7647058823529411" } },
	{ "Rd_soyka_2008", { "1", "1", "0", "1", "1", "0.75" } },
	{ "Rd_strain_1993", { "1", "1", "1", "1", "1", "1" } },
	{ "Rd_strain_1994", { "1", "1", "0", "1", "1", "0.7647058823529411" } },
	{ "Rd_strain_1996", { "1", "1", "0", "1", "1", "0.75" } },
	{ "Rd_strain_1999", { "1", "1", "0", "1", "1", "0.7647058823529411" } },
	{ "Rd_strang_2010", { "FALSE", "FALSE", "FALSE", "TRUE", "TRUE", "TRUE" } },
	{ "Rd_strang_2019", { "0", "0", "0", "1", "1", "0.5833333333333334" } },
	{ "Rd_tanum_2017", { "0", "0", "0", "1", "1", "0.7058823529411765" } },
	{ "Rd_wolstein_2009", { "0", "0", "0", "1", "1", "0.75" } },
	{ "Rd_woody_2008", { "0", "0", "0", "0", "1", "0.6666666666666667" } },
	{ "Rd_zaks_1972", { "0", "5", "0", "1", "15", "12" } },
};

static void
check_table(const struct expect *e, const char *const words[], size_t nwords)
{
	size_t k;

	for (k = 0; k < nwords; k++)
		ck_assert_msg(strcmp(cell(e->name, words[k]), e->cells[k]) == 0,
		    "%s on '%s': want '%s', got '%s'", e->name, words[k],
		    e->cells[k], cell(e->name, words[k]));
}

START_TEST(defs_worked_examples)
{
	ck_assert_str_eq(worked[_i].name, rd_uds_defs[_i].name);
	check_table(&worked[_i], worked_words, NITEMS(worked_words));
}
END_TEST

START_TEST(defs_hand_worked)
{
	ck_assert_str_eq(hand[_i].name, rd_uds_defs[_i].name);
	check_table(&hand[_i], hand_words, NITEMS(hand_words));
}
END_TEST

/* Rows the spec says are identical by construction. */
START_TEST(defs_identical_rows)
{
	static const char *const same[][4] = {
		{ "AbT_mokri_2016", "AbT_schottenfeldA_2008" },
		{ "AbE_mokri_2016", "AbE_schottenfeldA_2008" },
		{ "Rd_shufman_1994", "Rd_strain_1994", "Rd_strain_1999" },
		{ "Rd_soyka_2008", "Rd_strain_1996" },
		{ "Rd_fiellin_2006", "Rd_johnson_1992", "Rd_paniB_2000" },
		{ "Rd_fudala_2003", "Rd_paniA_2000", "Rd_schottenfeld_2005",
		  "Rd_wolstein_2009" },
		{ "Rd_mattickA_2003", "Rd_tanum_2017" },
		{ "Rd_mattickB_2003", "Rd_preston_2000" },
	};
	static const char *const words[] = {
		"", "o", "_", "*", "-o*_---o----+--o", "+*_o-ooo", "*-*-*-*-*-*-*-*",
	};
	char want[64];
	size_t g, k, w;

	for (g = 0; g < NITEMS(same); g++)
		for (w = 0; w < NITEMS(words); w++) {
			snprintf(want, sizeof(want), "%s",
			    cell(same[g][0], words[w]));
			for (k = 1; k < 4 && same[g][k] != NULL; k++)
				ck_assert_str_eq(cell(same[g][k], words[w]),
				    want);
		}
}
END_TEST

/* Behaviour the notes of the CTNote definitions single out. */
START_TEST(defs_spec_notes)
{
	/* Row 1: fixed weeks 12-15, at most one o, * counts as +. */
	ck_assert_str_eq(cell("Ab_ctnNinetyFour_2023", "+++++++++++o---"), "TRUE");
	ck_assert_str_eq(cell("Ab_ctnNinetyFour_2023", "+++++++++++oo--"), "FALSE");
	ck_assert_str_eq(cell("Ab_ctnNinetyFour_2023", "+++++++++++*---"), "FALSE");
	ck_assert_str_eq(cell("Ab_ctnNinetyFour_2023", "+++++++++++_---"), "FALSE");
	ck_assert_str_eq(cell("Ab_ctnNinetyFour_2023", "--------------"), "FALSE");
	/* Row 25 is NA exactly when row 26 is. */
	ck_assert_str_eq(cell("RsT_ctnFiftyOne_2018", "+++++"), "");
	ck_assert_str_eq(cell("RsT_ctnFiftyOne_2018", "--++++"), "3");
	ck_assert_str_eq(cell("RsE_ctnFiftyOne_2018", "--++++"), "1");
	/* Row 30: FALSE below 15 weeks of retention; _ imputed by kNV. */
	ck_assert_str_eq(cell("Rd_eissenberg_1997", "--------------o"), "FALSE");
	ck_assert_str_eq(cell("Rd_eissenberg_1997", "--_-+++++++++++"), "TRUE");
	ck_assert_str_eq(cell("Rd_eissenberg_1997", "-__-+++++++++++"), "FALSE");
	/* Row 34: 0 below 8 weeks of retention. */
	ck_assert_str_eq(cell("Rd_jaffe_1972", "-------ooo"), "0");
	ck_assert_str_eq(cell("Rd_jaffe_1972", "-------+oo"), "0.9");
	/* Rows 40/41: 0 up to 3 weeks of retention, else NA with a _. */
	ck_assert_str_eq(cell("Rd_lingA_1976", "+++ooooooooooooo"), "0");
	ck_assert_str_eq(cell("Rd_lingB_1976", "_++ooooo"), "0");
	ck_assert_str_eq(cell("Rd_lingB_1976", "_+++oooo"), "");
	ck_assert_str_eq(cell("Rd_lingA_1976", "---------------_"), "120");
	/* Row 50: only a negative week 15. */
	ck_assert_str_eq(cell("Ab_schwartz_2006", "++++++++++++++*"), "FALSE");
	ck_assert_str_eq(cell("Ab_schwartz_2006", "++++++++++++++"), "FALSE");
	/* Row 61: all three lattice weeks _ leaves an empty slice: 1. */
	ck_assert_str_eq(cell("Rd_woody_2008", "____________"), "1");
	ck_assert_str_eq(cell("Rd_woody_2008", "___*___-___+"), "0.5");
	/* Section 5: proportions on an empty slice are 0. */
	ck_assert_str_eq(cell("Rd_fudala_2003", "oooo"), "0");
	ck_assert_str_eq(cell("Rd_soyka_2008", "oooo"), "1");
	ck_assert_str_eq(cell("Ab_krupitskyA_2011", "++++"), "TRUE");
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

	tc = tcase_create("cells");
	tcase_add_test(tc, format_cells);
	tcase_add_test(tc, find_and_validate);
	tcase_add_test(tc, defs_table);
	tcase_add_test(tc, compute_misuse);
	tcase_add_test(tc, compute_long_word);
	suite_add_tcase(s, tc);

	tc = tcase_create("definitions");
	tcase_add_loop_test(tc, defs_worked_examples, 0, NITEMS(worked));
	tcase_add_loop_test(tc, defs_hand_worked, 0, NITEMS(hand));
	tcase_add_test(tc, defs_identical_rows);
	tcase_add_test(tc, defs_spec_notes);
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
