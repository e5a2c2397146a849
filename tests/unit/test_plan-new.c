/*
 * plan-new's logic: weekday lists, protocols read from CSV text, and the
 * plans built from them.  Complete plans are pinned by the command-line
 * tests in testdata/plan-new/; these tests check the rules one at a time.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "codes.h"
#include "date.h"
#include "holidays.h"
#include "opts.h"
#include "plan.h"
#include "protocol.h"
#include "reader.h"

static int
D(const char *iso)
{
	int day = 0;

	ck_assert_msg(rd_date_parse(iso, strlen(iso), RD_DATE_ISO, &day) == 0,
	    "bad literal %s", iso);
	return day;
}

static const char *
iso(int day)
{
	static char out[4][11];
	static int next;

	next = (next + 1) % 4;
	rd_date_format(day, out[next]);
	return out[next];
}

static void
read_text(struct proto_set *set, const char *csv)
{
	struct rd_reader_config cfg = { .delim = ',' };
	struct rd_reader *r = rd_open_mem("test.csv", csv, strlen(csv), &cfg);

	proto_read(set, r, "test.csv");
	rd_close(r);
}

static const struct protocol *
builtin(struct proto_set *set, const char *name)
{
	struct proto_builtin_opts o = { .intensive_weeks = 4, .aftercare_weeks = 52 };
	int m = rd_code_index(&rd_modality_codes, name, strlen(name));

	proto_add_builtins(set, &o);
	return proto_find(set, m);
}

static struct plan_settings
defaults(const struct rd_holidays *h)
{
	struct plan_settings s = { .review_weeks = 4, .weekday = -1,
	    .start_items = true, .holidays = h };

	return s;
}

/* The index-th item (0-based) of activity act in the plan, or NULL. */
static const struct plan_item *
nth(const struct plan *pl, int act, int index)
{
	for (size_t i = 0; i < pl->n; i++)
		if (pl->item[i].activity == act && !pl->item[i].dropped && index-- == 0)
			return &pl->item[i];
	return NULL;
}

static int
count(const struct plan *pl, int act, bool dropped)
{
	int n = 0;

	for (size_t i = 0; i < pl->n; i++)
		n += pl->item[i].activity == act && pl->item[i].dropped == dropped;
	return n;
}

START_TEST(weekday_names)
{
	ck_assert_int_eq(proto_weekday("mon", 3), 0);
	ck_assert_int_eq(proto_weekday("SUN", 3), 6);
	ck_assert_int_eq(proto_weekday("Thu", 3), 3);
	ck_assert_int_eq(proto_weekday("monday", 6), -1);
	ck_assert_int_eq(proto_weekday("mo", 2), -1);
	ck_assert_str_eq(proto_weekday_name(4), "fri");
}
END_TEST

/* Norwegian and Swedish day names, UTF-8, in any case. */
START_TEST(weekday_names_nordic)
{
	static const struct { const char *name; int day; } names[] = {
		{ "man", 0 }, { "tir", 1 }, { "ons", 2 }, { "tor", 3 }, { "fre", 4 },
		{ "l\xC3\xB8r", 5 }, { "s\xC3\xB8n", 6 },		/* lør søn */
		{ "m\xC3\xA5n", 0 }, { "tis", 1 },			/* mån */
		{ "l\xC3\xB6r", 5 }, { "s\xC3\xB6n", 6 },		/* lör sön */
		{ "M\xC3\x85N", 0 }, { "L\xC3\x98R", 5 }, { "S\xC3\x96N", 6 },	/* MÅN LØR SÖN */
		{ "TIR", 1 }, { "Fre", 4 },
		{ "mandag", -1 }, { "m\xC3\xA5", -1 }, { "l\xC3\x97r", -1 },	/* l×r */
		{ "s\xC3\xB8", -1 }, { "", -1 },
	};

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		ck_assert_msg(proto_weekday(names[i].name, strlen(names[i].name)) ==
		    names[i].day, "%s", names[i].name);
}
END_TEST

static const struct {
	const char *text;
	int ok;
	bool weekly;
	unsigned days;
	const char *canonical;
} days_cases[] = {
	{ "weekly", 1, true, 0, "weekly" },
	{ "WEEKLY", 1, true, 0, "weekly" },
	{ "mon-fri", 1, false, 0x1f, "mon-fri" },
	{ "mon,thu", 1, false, 0x09, "mon,thu" },
	{ "man-fre", 1, false, 0x1f, "mon-fri" },
	{ "m\xC3\xA5n,ons-fre", 1, false, 0x1d, "mon,wed-fri" },
	{ "l\xC3\xB8r,s\xC3\xB6n", 1, false, 0x60, "sat,sun" },
	{ "tis-tor,tir", 0, false, 0, NULL },	/* Tuesday twice */
	{ "thu,mon", 1, false, 0x09, "mon,thu" },
	{ "sat", 1, false, 0x20, "sat" },
	{ "mon-sun", 1, false, 0x7f, "mon-sun" },
	{ "mon-tue", 1, false, 0x03, "mon,tue" },
	{ "mon,wed-fri,sun", 1, false, 0x5d, "mon,wed-fri,sun" },
	{ "Mon-Wed", 1, false, 0x07, "mon-wed" },
	{ "", 0, false, 0, NULL },
	{ "fri-mon", 0, false, 0, NULL },
	{ "mon,,thu", 0, false, 0, NULL },
	{ "mon,", 0, false, 0, NULL },
	{ ",mon", 0, false, 0, NULL },
	{ "mon,mon", 0, false, 0, NULL },
	{ "mon-wed,tue", 0, false, 0, NULL },
	{ "mon thu", 0, false, 0, NULL },
	{ "monday", 0, false, 0, NULL },
	{ "weekly,mon", 0, false, 0, NULL },
	{ "daily", 0, false, 0, NULL },
	{ "mon-", 0, false, 0, NULL },
};

START_TEST(days_lists)
{
	const char *text = days_cases[_i].text;
	bool weekly;
	unsigned days;
	char out[32];
	int got = proto_parse_days(text, strlen(text), &weekly, &days);

	ck_assert_msg((got == 0) == days_cases[_i].ok, "'%s'", text);
	if (!days_cases[_i].ok)
		return;
	ck_assert(weekly == days_cases[_i].weekly);
	ck_assert_uint_eq(days, days_cases[_i].days);
	proto_format_days(weekly, days, out);
	ck_assert_str_eq(out, days_cases[_i].canonical);
}
END_TEST

START_TEST(builtin_protocols)
{
	struct proto_set set = { 0 };
	const struct protocol *p = builtin(&set, "twelve-step");

	ck_assert_uint_eq(set.n, 3);
	ck_assert_int_eq(p->weeks, 56);
	ck_assert_uint_eq(p->nphase, 2);
	ck_assert_str_eq(p->phase[1].name, "aftercare");
	ck_assert_int_eq(p->phase[1].week_from, 5);
	ck_assert_int_eq(p->phase[1].week_to, 56);
	ck_assert_uint_eq(p->row[0].ntopic, 5);
	ck_assert_str_eq(proto_phase_of_week(p, 4), "intensive");
	ck_assert_str_eq(proto_phase_of_week(p, 5), "aftercare");
	ck_assert_str_eq(proto_phase_of_week(p, 57), "");
	p = proto_find(&set, 2);	/* network-therapy */
	ck_assert_int_eq(p->weeks, 24);
	ck_assert_uint_eq(p->row[0].nactivity, 2);
	ck_assert_uint_eq(p->row[0].days, 0x09);
	ck_assert_ptr_null(proto_find(&set, 3));	/* cbt */
	proto_set_free(&set);
}
END_TEST

START_TEST(builtin_options)
{
	struct proto_builtin_opts o = { .intensive_weeks = 6, .aftercare_weeks = 0 };
	struct proto_set set = { 0 };
	const struct protocol *p;

	proto_add_builtins(&set, &o);
	p = proto_find(&set, 0);
	ck_assert_int_eq(p->weeks, 6);
	ck_assert_uint_eq(p->nrow, 3);
	ck_assert_uint_eq(p->nphase, 1);
	proto_set_free(&set);
}
END_TEST

START_TEST(file_replaces_builtin)
{
	struct proto_set set = { 0 };
	const struct protocol *p = builtin(&set, "twelve-step");

	(void)p;
	read_text(&set, "protocol,phase,week_from,week_to,days,activity,topics,note\n"
	    "Twelve-Step,only,1,2,weekly,GROUP,a|b,ignored\n"
	    "cbt,sessions,1,12,weekly,individual,,\n");
	ck_assert_uint_eq(set.n, 4);
	p = proto_find(&set, 0);
	ck_assert_str_eq(p->source, "test.csv");
	ck_assert_str_eq(p->name, "twelve-step");
	ck_assert_int_eq(p->weeks, 2);
	ck_assert_int_eq(p->row[0].activity[0], RD_ACT_GROUP);
	ck_assert_str_eq(p->row[0].topic[1], "b");
	ck_assert_int_eq(proto_find(&set, 3)->weeks, 12);
	ck_assert_uint_eq(proto_find(&set, 3)->row[0].ntopic, 0);
	proto_set_free(&set);
}
END_TEST

START_TEST(phases_may_interleave_without_overlap)
{
	struct proto_set set = { 0 };
	const struct protocol *p;

	read_text(&set, "protocol,phase,week_from,week_to,days,activity,topics\n"
	    "mi,a,1,2,weekly,individual,\n"
	    "mi,b,5,6,weekly,individual,\n"
	    "mi,a,3,4,mon,group,\n");
	p = proto_find(&set, 4);
	ck_assert_uint_eq(p->nphase, 2);
	ck_assert_int_eq(p->phase[0].week_to, 4);
	ck_assert_str_eq(proto_phase_of_week(p, 3), "a");
	ck_assert_str_eq(proto_phase_of_week(p, 6), "b");
	proto_set_free(&set);
}
END_TEST

/* Errors stop the tool (exit 1); the messages are pinned by CLI tests. */
START_TEST(overlapping_phases_exit)
{
	struct proto_set set = { 0 };

	read_text(&set, "protocol,phase,week_from,week_to,days,activity,topics\n"
	    "mi,a,1,4,weekly,individual,\n"
	    "mi,b,4,6,weekly,individual,\n");
}
END_TEST

START_TEST(unknown_activity_exit)
{
	struct proto_set set = { 0 };

	read_text(&set, "protocol,phase,week_from,week_to,days,activity,topics\n"
	    "mi,a,1,4,weekly,individual|lecture,\n");
}
END_TEST

START_TEST(relapse_prevention_plain)
{
	struct proto_set set = { 0 };
	const struct protocol *p = builtin(&set, "relapse-prevention");
	struct plan_settings s = defaults(NULL);
	struct plan pl = { 0 };

	plan_build(&pl, p, D("2026-03-04"), &s);	/* a Wednesday */
	/* 4 start items, 8 groups, 1 goal review (week 5), end-planning */
	ck_assert_uint_eq(pl.n, 14);
	ck_assert_str_eq(iso(pl.item[0].date), "2026-03-04");
	ck_assert_int_eq(pl.item[0].activity, RD_ACT_ASSESSMENT);
	ck_assert_int_eq(pl.item[1].activity, RD_ACT_SUICIDE_RISK);
	ck_assert_int_eq(pl.item[2].activity, RD_ACT_GROUP);
	ck_assert_str_eq(pl.item[2].topic, "functional-analysis");
	ck_assert_str_eq(iso(nth(&pl, RD_ACT_TREATMENT_PLAN, 0)->date), "2026-03-05");
	ck_assert_str_eq(iso(nth(&pl, RD_ACT_GROUP, 7)->date), "2026-04-22");
	ck_assert_str_eq(nth(&pl, RD_ACT_GROUP, 7)->topic, "balanced-lifestyle");
	ck_assert_str_eq(iso(nth(&pl, RD_ACT_GOAL_REVIEW, 0)->date), "2026-04-01");
	ck_assert_int_eq(count(&pl, RD_ACT_GOAL_REVIEW, false), 1);
	ck_assert_str_eq(iso(nth(&pl, RD_ACT_END_PLANNING, 0)->date), "2026-04-08");
	/* The storage is reused: a second plan starts from nothing. */
	s.start_items = false;
	plan_build(&pl, p, D("2026-03-06"), &s);
	ck_assert_uint_eq(pl.n, 10);
	ck_assert_int_eq(pl.item[0].activity, RD_ACT_GROUP);
	plan_free(&pl);
	proto_set_free(&set);
}
END_TEST

START_TEST(treatment_plan_on_next_weekday)
{
	struct proto_set set = { 0 };
	const struct protocol *p = builtin(&set, "relapse-prevention");
	struct plan_settings s = defaults(NULL);
	struct plan pl = { 0 };

	/* Friday start: Monday; Saturday start: Monday (day 1 moves there too). */
	plan_build(&pl, p, D("2026-03-06"), &s);
	ck_assert_str_eq(iso(nth(&pl, RD_ACT_CRISIS_PLAN, 0)->date), "2026-03-09");
	plan_build(&pl, p, D("2026-03-07"), &s);
	ck_assert_str_eq(iso(nth(&pl, RD_ACT_ASSESSMENT, 0)->date), "2026-03-09");
	ck_assert_str_eq(iso(nth(&pl, RD_ACT_CRISIS_PLAN, 0)->date), "2026-03-09");
	/* Weekly groups on Saturdays move to the Monday of their week. */
	ck_assert_str_eq(iso(nth(&pl, RD_ACT_GROUP, 1)->date), "2026-03-16");
	ck_assert_int_eq(count(&pl, RD_ACT_GROUP, true), 0);
	plan_free(&pl);
	proto_set_free(&set);
}
END_TEST

START_TEST(weekly_on_another_weekday)
{
	struct proto_set set = { 0 };
	const struct protocol *p = builtin(&set, "relapse-prevention");
	struct plan_settings s = defaults(NULL);
	struct plan pl = { 0 };

	/* Wednesday start, groups on Mondays: the first Monday of week 1. */
	s.weekday = 0;
	plan_build(&pl, p, D("2026-03-04"), &s);
	ck_assert_str_eq(iso(nth(&pl, RD_ACT_GROUP, 0)->date), "2026-03-09");
	ck_assert_str_eq(iso(nth(&pl, RD_ACT_GROUP, 7)->date), "2026-04-27");
	/* Reviews stay on the first day of weeks 5, 9, ...; end-planning follows the last group. */
	ck_assert_str_eq(iso(nth(&pl, RD_ACT_GOAL_REVIEW, 0)->date), "2026-04-01");
	ck_assert_str_eq(iso(nth(&pl, RD_ACT_END_PLANNING, 0)->date), "2026-04-13");
	plan_free(&pl);
	proto_set_free(&set);
}
END_TEST

START_TEST(network_alternates_and_moves)
{
	struct proto_set set = { 0 };
	const struct protocol *p = builtin(&set, "network-therapy");
	struct rd_holidays *no = rd_holidays_new("no", NULL, 0);
	struct plan_settings s = defaults(no);
	struct plan pl = { 0 };
	const struct plan_item *it;

	/* Wednesday 2026-03-04; week 5 is 1-7 April, Easter in Norway. */
	plan_build(&pl, p, D("2026-03-04"), &s);
	ck_assert_int_eq(nth(&pl, RD_ACT_INDIVIDUAL, 0)->date, D("2026-03-05"));
	ck_assert_int_eq(nth(&pl, RD_ACT_NETWORK, 0)->date, D("2026-03-09"));
	/* Maundy Thursday and Easter Monday: both to Tuesday 7 April. */
	it = nth(&pl, RD_ACT_INDIVIDUAL, 4);
	ck_assert_int_eq(it->planned, D("2026-04-02"));
	ck_assert_int_eq(it->date, D("2026-04-07"));
	it = nth(&pl, RD_ACT_NETWORK, 4);
	ck_assert_int_eq(it->planned, D("2026-04-06"));
	ck_assert_int_eq(it->date, D("2026-04-07"));
	ck_assert_str_eq(it->phase, "mobilisation");
	/* In date order, and individual before network on the shared day. */
	for (size_t i = 1; i < pl.n; i++)
		ck_assert_int_le(pl.item[i - 1].date, pl.item[i].date);
	ck_assert_ptr_eq(it - 1, nth(&pl, RD_ACT_INDIVIDUAL, 4));
	ck_assert_int_eq(count(&pl, RD_ACT_INDIVIDUAL, false) +
	    count(&pl, RD_ACT_NETWORK, false), 48);
	ck_assert_int_eq(count(&pl, RD_ACT_GOAL_REVIEW, false), 5);
	plan_free(&pl);
	rd_holidays_free(no);
	proto_set_free(&set);
}
END_TEST

START_TEST(twelve_step_drops_when_week_is_full)
{
	struct proto_set set = { 0 };
	const struct protocol *p = builtin(&set, "twelve-step");
	struct rd_holidays *no = rd_holidays_new("no", NULL, 0);
	struct plan_settings s = defaults(no);
	struct plan pl = { 0 };
	const struct plan_item *it;

	/* Monday 2026-03-30: Easter falls in weeks 1 and 2. */
	plan_build(&pl, p, D("2026-03-30"), &s);
	ck_assert_int_eq(count(&pl, RD_ACT_GROUP, true), 3);
	/* Family and self-help of Easter Monday go to Tuesday. */
	it = nth(&pl, RD_ACT_FAMILY, 1);
	ck_assert_int_eq(it->date, D("2026-04-07"));
	/* The topics of the dropped groups are not handed on. */
	it = nth(&pl, RD_ACT_GROUP, 3);
	ck_assert_int_eq(it->date, D("2026-04-07"));
	ck_assert_str_eq(it->topic, "step-2");
	plan_free(&pl);
	rd_holidays_free(no);
	proto_set_free(&set);
}
END_TEST

START_TEST(short_plan_end_planning_on_day_one)
{
	struct proto_set set = { 0 };
	struct plan_settings s = defaults(NULL);
	struct plan pl = { 0 };

	read_text(&set, "protocol,phase,week_from,week_to,days,activity,topics\n"
	    "mi,single,1,1,\"mon,wed\",individual,\n");
	s.start_items = false;
	plan_build(&pl, proto_find(&set, 4), D("2026-03-02"), &s);
	ck_assert_uint_eq(pl.n, 3);
	ck_assert_int_eq(pl.item[0].activity, RD_ACT_INDIVIDUAL);
	ck_assert_int_eq(pl.item[1].activity, RD_ACT_END_PLANNING);
	ck_assert_int_eq(pl.item[1].date, D("2026-03-02"));
	ck_assert_str_eq(pl.item[1].phase, "single");
	ck_assert_int_eq(count(&pl, RD_ACT_GOAL_REVIEW, false), 0);
	plan_free(&pl);
	proto_set_free(&set);
}
END_TEST

START_TEST(goal_review_on_holiday_moves)
{
	struct proto_set set = { 0 };
	const struct protocol *p = builtin(&set, "relapse-prevention");
	struct rd_holidays *se = rd_holidays_new("se", NULL, 0);
	struct plan_settings s = defaults(se);
	struct plan pl = { 0 };

	/* Week 5 of a start on Friday 2026-03-06 begins on Good Friday. */
	plan_build(&pl, p, D("2026-03-06"), &s);
	ck_assert_int_eq(nth(&pl, RD_ACT_GOAL_REVIEW, 0)->planned, D("2026-04-03"));
	ck_assert_int_eq(nth(&pl, RD_ACT_GOAL_REVIEW, 0)->date, D("2026-04-07"));
	ck_assert_int_eq(nth(&pl, RD_ACT_GROUP, 4)->date, D("2026-04-07"));
	plan_free(&pl);
	rd_holidays_free(se);
	proto_set_free(&set);
}
END_TEST

static Suite *
plan_new_suite(void)
{
	Suite *s = suite_create("plan-new");
	TCase *tc;

	tc = tcase_create("protocols");
	tcase_add_test(tc, weekday_names);
	tcase_add_test(tc, weekday_names_nordic);
	tcase_add_loop_test(tc, days_lists, 0, sizeof days_cases / sizeof days_cases[0]);
	tcase_add_test(tc, builtin_protocols);
	tcase_add_test(tc, builtin_options);
	tcase_add_test(tc, file_replaces_builtin);
	tcase_add_test(tc, phases_may_interleave_without_overlap);
	tcase_add_exit_test(tc, overlapping_phases_exit, 1);
	tcase_add_exit_test(tc, unknown_activity_exit, 1);
	suite_add_tcase(s, tc);

	tc = tcase_create("plans");
	tcase_add_test(tc, relapse_prevention_plain);
	tcase_add_test(tc, treatment_plan_on_next_weekday);
	tcase_add_test(tc, weekly_on_another_weekday);
	tcase_add_test(tc, network_alternates_and_moves);
	tcase_add_test(tc, twelve_step_drops_when_week_is_full);
	tcase_add_test(tc, short_plan_end_planning_on_day_one);
	tcase_add_test(tc, goal_review_on_holiday_moves);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(plan_new_suite());
	int failed;

	rd_opts_init("test_plan-new", "");
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
