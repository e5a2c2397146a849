/*
 * goal-track: the T-score of common/goals.c on worked examples, goal
 * state and review boundaries, and the summary columns.  The goal table
 * is test_goal-track_table.c's.
 */
#include <check.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "codes.h"
#include "date.h"
#include "fields.h"
#include "goals.h"
#include "summary.h"

static int
D(const char *iso)
{
	int day = 0;

	ck_assert_msg(rd_date_parse(iso, strlen(iso), RD_DATE_ISO, &day) == 0,
	    "bad literal %s", iso);
	return day;
}

/* T-score of n goals with weights w and attainment x. */
static double
T(const double *w, const int *x, size_t n, double rho)
{
	struct rd_gas g = { 0, 0, 0, 0 };
	double t = -1;

	for (size_t i = 0; i < n; i++)
		rd_gas_add(&g, w[i], x[i]);
	ck_assert(rd_gas_t(&g, rho, &t));
	return t;
}

START_TEST(t_all_at_zero_is_50)
{
	double w[] = { 1, 2, 3.5 };
	int x[] = { 0, 0, 0 };

	ck_assert_double_eq(T(w, x, 3, 0.3), 50.0);
	ck_assert_double_eq(T(w, x, 1, 0.3), 50.0);
	ck_assert_double_eq(T(w, x, 3, 0.0), 50.0);
}
END_TEST

START_TEST(t_two_equal_goals_plus_one)
{
	double w[] = { 1, 1 };
	int x[] = { 1, 1 };

	/* 50 + 10 * 2 / sqrt(0.7 * 2 + 0.3 * 4) = 50 + 20 / sqrt(2.6) = 62.4035 */
	ck_assert_double_eq_tol(T(w, x, 2, 0.3), 62.4035, 0.0001);
}
END_TEST

START_TEST(t_weighted)
{
	double w[] = { 2, 1 };
	int x[] = { 0, -1 };
	double w3[] = { 3, 1, 1 };
	int x3[] = { 2, -2, 1 };

	/* 50 + 10 * -1 / sqrt(0.7 * 5 + 0.3 * 9) = 50 - 10 / sqrt(6.2) = 45.9839 */
	ck_assert_double_eq_tol(T(w, x, 2, 0.3), 45.9839, 0.0001);
	/* sum wx = 6 - 2 + 1 = 5; 0.7 * 11 + 0.3 * 25 = 15.2; 50 + 50 / 3.8987 = 62.8248 */
	ck_assert_double_eq_tol(T(w3, x3, 3, 0.3), 62.8248, 0.0001);
}
END_TEST

START_TEST(t_single_goal_and_rho)
{
	double w[] = { 1 };
	int x[] = { 2 };
	double w2[] = { 1, 1 };
	int x2[] = { 1, 1 };

	/* One goal: the denominator is w whatever rho; T = 50 + 10 * x. */
	ck_assert_double_eq_tol(T(w, x, 1, 0.3), 70.0, 1e-9);
	ck_assert_double_eq_tol(T(w, x, 1, 0.0), 70.0, 1e-9);
	/* rho 0: 50 + 10 * 2 / sqrt(2) = 64.1421; rho 1: 50 + 10 * 2 / 2 = 60 */
	ck_assert_double_eq_tol(T(w2, x2, 2, 0.0), 64.1421, 0.0001);
	ck_assert_double_eq_tol(T(w2, x2, 2, 1.0), 60.0, 1e-9);
}
END_TEST

START_TEST(t_unknown_and_merge)
{
	struct rd_gas a = { 0, 0, 0, 0 }, b = { 0, 0, 0, 0 };
	double t;

	ck_assert(!rd_gas_t(&a, 0.3, &t));
	rd_gas_add(&a, 1, 1);
	rd_gas_add(&b, 1, 1);
	rd_gas_merge(&a, &b);
	ck_assert(rd_gas_t(&a, 0.3, &t));
	ck_assert_double_eq_tol(t, 62.4035, 0.0001);
}
END_TEST

/* A goal set on set_date with reviews (date, attainment) pairs. */
static struct rd_goal
goal(const char *set_date, struct rd_goal_review *rv, size_t n, double weight)
{
	struct rd_goal g;

	memset(&g, 0, sizeof g);
	g.goal_id = "G";
	g.domain = -1;
	g.set_by = -1;
	g.weight = weight;
	g.set_date = D(set_date);
	g.review = rv;
	g.nreview = n;
	return g;
}

START_TEST(t_state_latest_by_date)
{
	struct rd_goal_review rv[] = {
		{ D("2026-03-01"), 2 }, { D("2026-02-01"), -1 }, { D("2026-04-01"), 0 },
	};
	struct rd_goal g = goal("2026-01-05", rv, 3, 1);
	struct rd_goal_state st;

	/* Input order is not date order: the latest review by date wins. */
	ck_assert(rd_goal_state_at(&g, D("2026-03-15"), &st));
	ck_assert_int_eq(st.reviews, 2);
	ck_assert_int_eq(st.last_review, D("2026-03-01"));
	ck_assert_int_eq(st.attainment, 2);
	/* Rows after as-of are left out. */
	ck_assert(rd_goal_state_at(&g, D("2026-02-01"), &st));
	ck_assert_int_eq(st.reviews, 1);
	ck_assert_int_eq(st.attainment, -1);
	ck_assert(rd_goal_state_at(&g, D("2026-01-05"), &st));
	ck_assert_int_eq(st.reviews, 0);
	ck_assert_int_eq(st.last_review, RD_NO_DATE);
	/* Not set yet. */
	ck_assert(!rd_goal_state_at(&g, D("2026-01-04"), &st));
}
END_TEST

START_TEST(t_overdue_boundary)
{
	struct rd_goal_review rv[] = { { D("2026-02-02"), 1 } };
	struct rd_goal g = goal("2026-01-05", rv, 1, 1);
	struct rd_goal_state st;

	/* Never reviewed: due 28 days after it was set (2026-02-02). */
	ck_assert(rd_goal_state_at(&g, D("2026-02-01"), &st));
	ck_assert_int_eq(rd_goal_next_due(&st, 28), D("2026-02-02"));
	ck_assert(rd_goal_state_at(&g, D("2026-01-31"), &st));
	ck_assert(!rd_goal_overdue(&st, 28, D("2026-02-01")));
	ck_assert(!rd_goal_overdue(&st, 28, D("2026-02-02")));	/* day 28: in time */
	ck_assert(rd_goal_overdue(&st, 28, D("2026-02-03")));	/* day 29: late */
	/* Reviewed 2026-02-02: next due 2026-03-02. */
	ck_assert(rd_goal_state_at(&g, D("2026-03-02"), &st));
	ck_assert_int_eq(rd_goal_next_due(&st, 28), D("2026-03-02"));
	ck_assert(!rd_goal_overdue(&st, 28, D("2026-03-02")));
	ck_assert(rd_goal_state_at(&g, D("2026-03-03"), &st));
	ck_assert(rd_goal_overdue(&st, 28, D("2026-03-03")));
	ck_assert(!rd_goal_overdue(&st, 7, D("2026-02-09")));
	ck_assert(rd_goal_overdue(&st, 7, D("2026-02-10")));
}
END_TEST

START_TEST(t_summary_columns)
{
	struct rd_goal_review rv1[] = { { D("2026-02-02"), 1 } };
	struct rd_goal_review rv2[] = { { D("2026-02-09"), 1 } };
	struct rd_goal g1 = goal("2026-01-05", rv1, 1, 1);
	struct rd_goal g2 = goal("2026-01-12", rv2, 1, 1);
	struct rd_goal g3 = goal("2026-02-20", NULL, 0, 2);	/* not reviewed */
	struct rd_goal g4 = goal("2026-04-01", NULL, 0, 1);	/* after as-of */
	struct goal_summary s;
	double share, t;
	bool met;
	int as_of = D("2026-03-02");

	g1.set_by = RD_SET_PATIENT;
	g2.set_by = RD_SET_CLINICIAN;
	g3.set_by = RD_SET_JOINT;
	goal_summary_init(&s);
	ck_assert(goal_summary_add(&s, &g1, as_of, 28));
	ck_assert(goal_summary_add(&s, &g2, as_of, 28));
	ck_assert(goal_summary_add(&s, &g3, as_of, 28));
	ck_assert(!goal_summary_add(&s, &g4, as_of, 28));
	ck_assert_int_eq(s.goals, 3);
	ck_assert(goal_summary_set_by_share(&s, &share));
	ck_assert_double_eq_tol(share, 2.0 / 3.0, 1e-12);
	ck_assert_int_eq(s.last_review, D("2026-02-09"));
	/* g1 due 2026-03-02, g2 2026-03-09, g3 2026-03-20: the earliest. */
	ck_assert_int_eq(s.next_review_due, D("2026-03-02"));
	ck_assert(!goal_summary_overdue(&s, as_of));
	ck_assert(goal_summary_overdue(&s, as_of + 1));
	/* Only reviewed goals enter T: g1 and g2 at +1. */
	ck_assert(goal_summary_t(&s, 0.3, &t, &met));
	ck_assert_double_eq_tol(t, 62.4035, 0.0001);
	ck_assert(met);
}
END_TEST

START_TEST(t_summary_unknowns)
{
	struct rd_goal g = goal("2026-01-05", NULL, 0, 1);
	struct rd_goal_review rv[] = { { D("2026-02-01"), -1 } };
	struct rd_goal h = goal("2026-01-05", rv, 1, 1);
	struct goal_summary s;
	double share, t;
	bool met = true;

	goal_summary_init(&s);
	ck_assert(goal_summary_add(&s, &g, D("2026-02-01"), 28));
	ck_assert(!goal_summary_set_by_share(&s, &share));
	ck_assert_int_eq(s.last_review, RD_NO_DATE);
	ck_assert(!goal_summary_t(&s, 0.3, &t, &met));
	ck_assert(goal_summary_add(&s, &h, D("2026-02-01"), 28));
	ck_assert(goal_summary_t(&s, 0.3, &t, &met));
	ck_assert_double_eq_tol(t, 40.0, 1e-9);
	ck_assert(!met);
}
END_TEST

START_TEST(t_summary_episode_ended)
{
	struct rd_goal_review rv[] = { { D("2026-01-20"), 1 } };
	struct rd_goal g = goal("2026-01-05", rv, 1, 1);
	struct rd_goal h = goal("2026-01-10", NULL, 0, 1);
	struct goal_summary s;
	double t;
	bool met;

	/* review_days 0: the episode ended, nothing is due, T still counts. */
	goal_summary_init(&s);
	ck_assert(goal_summary_add(&s, &g, D("2026-03-01"), 0));
	ck_assert(goal_summary_add(&s, &h, D("2026-03-01"), 0));
	ck_assert_int_eq(s.goals, 2);
	ck_assert_int_eq(s.next_review_due, RD_NO_DATE);
	ck_assert(!goal_summary_overdue(&s, D("2026-03-01")));
	ck_assert(goal_summary_t(&s, 0.3, &t, &met));
	ck_assert_double_eq_tol(t, 60.0, 1e-9);
	ck_assert(!goal_episode_ended(NULL, D("2026-03-01")));
	ck_assert(goal_episode_ended(&(struct rd_episode){ .start = D("2026-01-01"),
	    .end = D("2026-03-01") }, D("2026-03-01")));
	ck_assert(!goal_episode_ended(&(struct rd_episode){ .start = D("2026-01-01"),
	    .end = D("2026-03-02") }, D("2026-03-01")));
	ck_assert(!goal_episode_ended(&(struct rd_episode){ .start = D("2026-01-01"),
	    .end = RD_NO_DATE }, D("2026-03-01")));
}
END_TEST

START_TEST(t_met_at_exactly_50)
{
	struct rd_goal_review a[] = { { D("2026-02-01"), 1 } };
	struct rd_goal_review b[] = { { D("2026-02-01"), -1 } };
	struct rd_goal g = goal("2026-01-05", a, 1, 1);
	struct rd_goal h = goal("2026-01-05", b, 1, 1);
	struct goal_summary s;
	double t;
	bool met = false;

	goal_summary_init(&s);
	goal_summary_add(&s, &g, D("2026-03-01"), 28);
	goal_summary_add(&s, &h, D("2026-03-01"), 28);
	ck_assert(goal_summary_t(&s, 0.3, &t, &met));
	ck_assert_double_eq(t, 50.0);
	ck_assert(met);
}
END_TEST

START_TEST(t_format_weight)
{
	char out[32];

	goal_format_weight(1, out);
	ck_assert_str_eq(out, "1");
	goal_format_weight(0.5, out);
	ck_assert_str_eq(out, "0.5");
	goal_format_weight(2.25, out);
	ck_assert_str_eq(out, "2.25");
	goal_format_weight(10, out);
	ck_assert_str_eq(out, "10");
	goal_format_weight(0.0001, out);
	ck_assert_str_eq(out, "0.0001");
}
END_TEST

static Suite *
goal_track_suite(void)
{
	Suite *s = suite_create("goal-track");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, t_all_at_zero_is_50);
	tcase_add_test(tc, t_two_equal_goals_plus_one);
	tcase_add_test(tc, t_weighted);
	tcase_add_test(tc, t_single_goal_and_rho);
	tcase_add_test(tc, t_unknown_and_merge);
	tcase_add_test(tc, t_state_latest_by_date);
	tcase_add_test(tc, t_overdue_boundary);
	tcase_add_test(tc, t_summary_columns);
	tcase_add_test(tc, t_summary_unknowns);
	tcase_add_test(tc, t_summary_episode_ended);
	tcase_add_test(tc, t_met_at_exactly_50);
	tcase_add_test(tc, t_format_weight);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(goal_track_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
