/*
 * care-check: each check fires one day after its threshold and not on the
 * threshold day (count thresholds: at N, not at N - 1), stays silent when
 * the record shows what the guideline expects, and findings sort by
 * clinic, severity, patient.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "codes.h"
#include "date.h"
#include "episodes.h"
#include "fields.h"
#include "sessions.h"
#include "urine.h"
#include "rules.h"
#include "words.h"

static int
D(const char *iso)
{
	int day = 0;

	ck_assert_msg(rd_date_parse(iso, strlen(iso), RD_DATE_ISO, &day) == 0,
	    "bad literal %s", iso);
	return day;
}

static struct check_thresholds
defaults(void)
{
	struct check_thresholds t;

	check_thresholds_default(&t);
	return t;
}

START_TEST(t_names_and_order)
{
	ck_assert_int_eq(check_by_name("relapse", 7), CHECK_RELAPSE);
	ck_assert_int_eq(check_by_name("goal-review", 11), CHECK_GOAL_REVIEW);
	ck_assert_int_eq(check_by_name("goals", 5), CHECK_GOALS);
	ck_assert_int_eq(check_by_name("goal", 4), -1);
	ck_assert_int_eq(check_by_name("Relapse", 7), -1);
	ck_assert_str_eq(check_info[CHECK_TREATMENT_PLAN].guideline, "NO 2.4");
	ck_assert_str_eq(check_info[CHECK_CRISIS_PLAN].guideline, "NO 2.7");
	ck_assert_str_eq(check_info[CHECK_SUICIDE_RISK].guideline, "NO 8.1");
	ck_assert_str_eq(check_info[CHECK_GOALS].guideline, "NO 2.5");
	ck_assert_str_eq(check_info[CHECK_GOAL_REVIEW].guideline, "NO 2.8");
	ck_assert_str_eq(check_info[CHECK_NO_SHOW_RUN].guideline, "NO 5.1");
	ck_assert_str_eq(check_info[CHECK_NO_CONTACT].guideline, "NO 5.1");
	ck_assert_str_eq(check_info[CHECK_RELAPSE].guideline, "seed 002");
	ck_assert_str_eq(check_info[CHECK_WAITING].guideline, "NO 2.1");
	ck_assert_str_eq(check_info[CHECK_ALLIANCE].guideline, "NO 2.3");
	ck_assert_str_eq(check_info[CHECK_FEEDBACK].guideline, "NO 1.2");
	ck_assert_str_eq(check_info[CHECK_SCREENING].guideline, "NO 3.1");
	ck_assert_str_eq(check_info[CHECK_NETWORK].guideline, "NO 6.1");
	ck_assert_str_eq(check_info[CHECK_YOUTH_FAMILY].guideline, "NO 7.4");
	ck_assert_str_eq(check_info[CHECK_OVERDOSE].guideline, "NO 8.2");
	ck_assert_str_eq(check_info[CHECK_DROPOUT_FOLLOWUP].guideline, "NO 5.4");
	/* The most urgent first: overdose before everything else. */
	ck_assert_int_eq(CHECK_OVERDOSE, 0);
	ck_assert_int_lt(CHECK_SUICIDE_RISK, CHECK_RELAPSE);
	ck_assert_int_eq(check_by_name("youth-family", 12), CHECK_YOUTH_FAMILY);
}
END_TEST

START_TEST(t_guideline_thresholds)
{
	struct check_thresholds t = defaults();
	int since = 0;

	/* A gap of 14 days is in time, 15 late. */
	ck_assert(!check_gap(D("2026-01-01"), 14, D("2026-01-15"), &since));
	ck_assert(check_gap(D("2026-01-01"), 14, D("2026-01-16"), &since));
	ck_assert_int_eq(since, D("2026-01-16"));
	/* Waiting: referred, not started (or start after as-of). */
	ck_assert(!check_waiting(D("2026-01-01"), RD_NOT_STARTED, 14, D("2026-01-15"), &since));
	ck_assert(check_waiting(D("2026-01-01"), RD_NOT_STARTED, 14, D("2026-01-16"), &since));
	ck_assert(check_waiting(D("2026-01-01"), D("2026-02-01"), 14, D("2026-01-16"), &since));
	ck_assert(!check_waiting(D("2026-01-01"), D("2026-01-16"), 14, D("2026-01-16"), &since));
	ck_assert(!check_waiting(RD_NO_DATE, RD_NOT_STARTED, 14, D("2026-01-16"), &since));
	/* SRS: both below the cut-off; at it is not below. */
	ck_assert(check_alliance(359, 350, t.srs_cutoff10));
	ck_assert(!check_alliance(360, 350, t.srs_cutoff10));
	ck_assert(!check_alliance(350, -1, t.srs_cutoff10));
	/* ORS: 5.0 below the first is reliable deterioration, 4.9 not. */
	ck_assert(check_ors_deteriorated(200, 150, t.ors_drop10));
	ck_assert(!check_ors_deteriorated(200, 151, t.ors_drop10));
	ck_assert(!check_ors_deteriorated(-1, 100, t.ors_drop10));
	/* Under 25 in the start year. */
	ck_assert(check_young(D("2026-01-01"), 2002, t.youth_age));
	ck_assert(!check_young(D("2026-12-31"), 2001, t.youth_age));
	ck_assert(!check_young(D("2026-01-01"), 0, t.youth_age));
}
END_TEST

START_TEST(t_due_after_start_boundary)
{
	int start = D("2026-01-01"), since = 0;

	/* Within 14 days: day 14 (2026-01-15) is in time, day 15 is late. */
	ck_assert(!check_due_after_start(start, RD_NO_DATE, 14, D("2026-01-15"), &since));
	ck_assert(check_due_after_start(start, RD_NO_DATE, 14, D("2026-01-16"), &since));
	ck_assert_int_eq(since, D("2026-01-16"));
	/* Goals within 28 days. */
	ck_assert(!check_due_after_start(start, RD_NO_DATE, 28, D("2026-01-29"), &since));
	ck_assert(check_due_after_start(start, RD_NO_DATE, 28, D("2026-01-30"), &since));
	ck_assert_int_eq(since, D("2026-01-30"));
}
END_TEST

START_TEST(t_due_after_start_silent_when_done)
{
	int start = D("2026-01-01"), since;

	ck_assert(!check_due_after_start(start, D("2026-01-15"), 14, D("2026-03-01"), &since));
	ck_assert(!check_due_after_start(start, D("2025-12-30"), 14, D("2026-03-01"), &since));
	/* Done late is done: nothing left to act on. */
	ck_assert(!check_due_after_start(start, D("2026-01-20"), 14, D("2026-03-01"), &since));
	/* Done after as-of does not count yet. */
	ck_assert(check_due_after_start(start, D("2026-01-20"), 14, D("2026-01-19"), &since));
}
END_TEST

static struct rd_session_event
ev(const char *day, int activity, int attendance)
{
	struct rd_session_event e = { D(day), (signed char)activity,
	    (signed char)attendance, -1 };

	return e;
}

START_TEST(t_no_show_run_count_threshold)
{
	struct check_thresholds t = defaults();
	struct rd_session_event e[] = {
		ev("2026-01-02", RD_ACT_GROUP, RD_ATTENDED),
		ev("2026-01-05", RD_ACT_GROUP, RD_NO_SHOW),
		ev("2026-01-06", RD_ACT_GROUP, RD_CANCELLED),	/* does not break it */
		ev("2026-01-07", RD_ACT_SELF_HELP, RD_NO_SHOW),	/* ignored */
		ev("2026-01-08", RD_ACT_GROUP, RD_NO_SHOW),
		ev("2026-01-09", RD_ACT_GROUP, RD_NO_SHOW),
	};
	struct contact_result res;
	int start = D("2026-01-01"), as_of = D("2026-01-10");

	check_contact(e, 2, start, as_of, &t, &res);
	ck_assert_int_eq(res.no_show_run, 1);
	ck_assert(!check_no_show_run(&res, &t));
	check_contact(e, 5, start, as_of, &t, &res);
	ck_assert_int_eq(res.no_show_run, 2);
	ck_assert(check_no_show_run(&res, &t));
	ck_assert_int_eq(res.run_since, D("2026-01-08"));
	check_contact(e, 6, start, as_of, &t, &res);
	ck_assert_int_eq(res.no_show_run, 3);
	ck_assert_int_eq(res.run_since, D("2026-01-08"));
	t.no_show_run = 3;
	check_contact(e, 6, start, as_of, &t, &res);
	ck_assert(check_no_show_run(&res, &t));
	ck_assert_int_eq(res.run_since, D("2026-01-09"));
}
END_TEST

START_TEST(t_no_show_run_silent_after_attendance)
{
	struct check_thresholds t = defaults();
	struct rd_session_event e[] = {
		ev("2026-01-05", RD_ACT_GROUP, RD_NO_SHOW),
		ev("2026-01-06", RD_ACT_GROUP, RD_NO_SHOW),
		ev("2026-01-07", RD_ACT_GROUP, RD_NO_SHOW),
		/* Same day: the no-show sorts first, attendance ends the run. */
		ev("2026-01-08", RD_ACT_GROUP, RD_NO_SHOW),
		ev("2026-01-08", RD_ACT_INDIVIDUAL, RD_ATTENDED),
		ev("2026-01-09", RD_ACT_GROUP, RD_NO_SHOW),
	};
	struct contact_result res;

	check_contact(e, 6, D("2026-01-01"), D("2026-01-10"), &t, &res);
	ck_assert_int_eq(res.no_show_run, 1);
	ck_assert(!check_no_show_run(&res, &t));
}
END_TEST

START_TEST(t_no_contact_boundary)
{
	struct check_thresholds t = defaults();
	struct rd_session_event e[] = {
		ev("2026-01-05", RD_ACT_GROUP, RD_ATTENDED),
		ev("2026-01-10", RD_ACT_GROUP, RD_NO_SHOW),
		ev("2026-01-12", RD_ACT_SELF_HELP, RD_ATTENDED),	/* not contact */
		ev("2026-01-13", RD_ACT_GROUP, RD_CLINIC_CANCELLED),
	};
	struct contact_result res;
	int start = D("2026-01-01");

	/* 14 days after 2026-01-05 is 2026-01-19: in time; 01-20 fires. */
	check_contact(e, 4, start, D("2026-01-19"), &t, &res);
	ck_assert_int_eq(res.days_since_contact, 14);
	ck_assert(!check_no_contact(&res, &t));
	check_contact(e, 4, start, D("2026-01-20"), &t, &res);
	ck_assert_int_eq(res.days_since_contact, 15);
	ck_assert(check_no_contact(&res, &t));
	ck_assert_int_eq(res.contact_since, D("2026-01-20"));
	ck_assert_int_eq(res.last_attended, D("2026-01-05"));
}
END_TEST

START_TEST(t_no_contact_from_start)
{
	struct check_thresholds t = defaults();
	struct contact_result res;
	int start = D("2026-01-01");

	/* No session at all: counted from the start. */
	check_contact(NULL, 0, start, D("2026-01-15"), &t, &res);
	ck_assert(!check_no_contact(&res, &t));
	check_contact(NULL, 0, start, D("2026-01-16"), &t, &res);
	ck_assert(check_no_contact(&res, &t));
	ck_assert_int_eq(res.contact_since, D("2026-01-16"));
	ck_assert_int_eq(res.last_attended, RD_NO_DATE);
	ck_assert(!check_no_show_run(&res, &t));
}
END_TEST

static struct rd_sample
sample(const char *day, enum rd_sample_status status)
{
	struct rd_sample s;

	memset(&s, 0, sizeof s);
	s.date = D(day);
	s.status = status;
	return s;
}

START_TEST(t_relapse_count_threshold)
{
	struct check_thresholds t = defaults();
	struct rd_sample s[] = {
		sample("2026-01-01", RD_SAMPLE_POS),
		sample("2026-01-08", RD_SAMPLE_NEG),
		sample("2026-01-15", RD_SAMPLE_NEG),
		sample("2026-01-22", RD_SAMPLE_NEG),
		sample("2026-01-29", RD_SAMPLE_POS),
	};
	struct rd_sample two[] = { s[0], s[2], s[3], s[4] };
	size_t latest;
	long negatives;

	ck_assert(check_relapse(s, 5, &t, &latest, &negatives));
	ck_assert_int_eq(latest, 4);
	ck_assert_int_eq(negatives, 3);
	/* Two negatives before the positive: not yet a relapse. */
	ck_assert(!check_relapse(two, 4, &t, &latest, &negatives));
	ck_assert_int_eq(negatives, 2);
	/* The latest sample negative: silent. */
	ck_assert(!check_relapse(s, 4, &t, &latest, &negatives));
	ck_assert(!check_relapse(s, 0, &t, &latest, &negatives));
	/* A positive with nothing before it. */
	ck_assert(!check_relapse(s, 1, &t, &latest, &negatives));
}
END_TEST

static struct rd_sample
opioid(const char *day)
{
	struct rd_sample s = sample(day, RD_SAMPLE_POS);

	s.positive_substances = 1u << RD_SUB_OPIOIDS;
	return s;
}

START_TEST(t_overdose)
{
	struct check_thresholds t = defaults();
	struct rd_sample s[] = {
		sample("2026-01-08", RD_SAMPLE_NEG),
		sample("2026-01-15", RD_SAMPLE_NEG),
		sample("2026-01-22", RD_SAMPLE_NEG),
		opioid("2026-01-29"),
		sample("2026-02-01", RD_SAMPLE_MISSING),
	};
	struct rd_sample cocaine = sample("2026-01-29", RD_SAMPLE_POS);
	int ends[] = { D("2026-01-01"), D("2026-01-02") };
	size_t latest;
	long negatives;
	int after;

	/* Three negatives, then opioids; the missing sample after is passed over. */
	ck_assert(check_overdose(s, 5, &t, NULL, 0, &latest, &negatives, &after));
	ck_assert_int_eq(latest, 3);
	ck_assert_int_eq(negatives, 3);
	ck_assert_int_eq(after, RD_NO_DATE);
	/* Two negatives: only an inpatient stay ended within 28 days makes it. */
	ck_assert(!check_overdose(s + 1, 3, &t, NULL, 0, &latest, &negatives, &after));
	ck_assert(check_overdose(s + 1, 3, &t, ends + 1, 1, &latest, &negatives, &after));
	ck_assert_int_eq(after, D("2026-01-02"));	/* 27 days */
	ck_assert(check_overdose(s + 1, 3, &t, ends, 1, &latest, &negatives, &after));
	ck_assert_int_eq(after, D("2026-01-01"));	/* 28 days: in the window */
	t.overdose_days = 27;
	ck_assert(!check_overdose(s + 1, 3, &t, ends, 1, &latest, &negatives, &after));
	/* A positive for something else is no overdose finding. */
	s[3] = cocaine;
	ck_assert(!check_overdose(s, 4, &t, NULL, 0, &latest, &negatives, &after));
}
END_TEST

START_TEST(t_relapse_missing_rules)
{
	struct check_thresholds t = defaults();
	struct rd_sample s[] = {
		sample("2026-01-08", RD_SAMPLE_NEG),
		sample("2026-01-15", RD_SAMPLE_NEG),
		sample("2026-01-18", RD_SAMPLE_MISSING),
		sample("2026-01-22", RD_SAMPLE_NEG),
		sample("2026-01-29", RD_SAMPLE_MISSING),
	};
	size_t latest;
	long negatives;

	/* Missing as positive: the latest (missing) is positive after 1 negative. */
	ck_assert(!check_relapse(s, 5, &t, &latest, &negatives));
	ck_assert_int_eq(negatives, 1);
	/* Ignored: the latest counted sample is negative. */
	t.missing = RD_MISSING_IGNORE;
	ck_assert(!check_relapse(s, 5, &t, &latest, &negatives));
	/* A positive after them, missing ones passed over: 3 negatives. */
	struct rd_sample u[] = { s[0], s[1], s[2], s[3],
	    sample("2026-01-29", RD_SAMPLE_POS), sample("2026-02-01", RD_SAMPLE_MISSING) };
	ck_assert(check_relapse(u, 6, &t, &latest, &negatives));
	ck_assert_int_eq(latest, 4);
	ck_assert_int_eq(negatives, 3);
	/* Missing as positive: three negatives, then a missing sample. */
	t.missing = RD_MISSING_POSITIVE;
	struct rd_sample v[] = { s[0], s[1], s[3], s[4] };
	ck_assert(check_relapse(v, 4, &t, &latest, &negatives));
	ck_assert_int_eq(latest, 3);
}
END_TEST

START_TEST(t_finding_order)
{
	struct rd_episode a, b, c;
	struct finding f[4];

	memset(&a, 0, sizeof a);
	a.patient_id = "P2", a.episode_id = "E2", a.clinic = "oslo";
	b = a;
	b.patient_id = "P1", b.episode_id = "E1";
	c = a;
	c.clinic = "bergen", c.patient_id = "P9", c.episode_id = "E9";
	f[0] = (struct finding){ &a, CHECK_GOALS, 10, "x" };
	f[1] = (struct finding){ &b, CHECK_GOAL_REVIEW, 5, "x" };
	f[2] = (struct finding){ &a, CHECK_SUICIDE_RISK, 20, "x" };
	f[3] = (struct finding){ &c, CHECK_GOAL_REVIEW, 1, "x" };
	qsort(f, 4, sizeof f[0], finding_cmp);
	/* bergen first; then in oslo suicide-risk before goals before goal-review. */
	ck_assert_ptr_eq(f[0].episode, &c);
	ck_assert_int_eq(f[1].check, CHECK_SUICIDE_RISK);
	ck_assert_int_eq(f[2].check, CHECK_GOALS);
	ck_assert_int_eq(f[3].check, CHECK_GOAL_REVIEW);
	ck_assert_ptr_eq(f[3].episode, &b);
}
END_TEST

/* The printf conversions of a format, in order ("sld" for "%s %ld"). */
static void
conversions(const char *fmt, char *out, size_t outsz)
{
	size_t o = 0;

	for (const char *p = fmt; *p; p++) {
		if (*p != '%')
			continue;
		p++;
		while (*p == 'l')
			out[o < outsz - 1 ? o++ : o] = *p++;
		out[o < outsz - 1 ? o++ : o] = *p;
		if (*p == '\0')
			break;
	}
	out[o] = '\0';
}

/* Every language's words are there, and its details take English's arguments. */
START_TEST(t_words_every_language)
{
	for (int l = 0; l < RD_NLANGS; l++) {
		const struct care_words *cw = &care_words[l];

		for (int d = 0; d < NDETAILS; d++) {
			char want[16], got[16];

			ck_assert_ptr_nonnull(cw->detail[d]);
			conversions(care_words[RD_LANG_EN].detail[d], want, sizeof want);
			conversions(cw->detail[d], got, sizeof got);
			ck_assert_msg(strcmp(want, got) == 0, "lang %d detail %d: %s vs %s",
			    l, d, got, want);
		}
		for (int c = 0; c < NCHECKS; c++) {
			ck_assert_ptr_nonnull(cw->check[c]);
			ck_assert_ptr_nonnull(cw->guideline[c]);
			/* Written out after the code of the csv column. */
			ck_assert_msg(strncmp(cw->guideline[c], check_info[c].guideline,
			    strlen(check_info[c].guideline)) == 0, "%s", cw->guideline[c]);
		}
		ck_assert_ptr_nonnull(cw->title);
		ck_assert_ptr_nonnull(cw->none);
	}
	ck_assert_str_eq(care_words[RD_LANG_NB].guideline[CHECK_CRISIS_PLAN],
	    "NO 2.7 Kriseplan");
}
END_TEST

static Suite *
care_check_suite(void)
{
	Suite *s = suite_create("care-check");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, t_names_and_order);
	tcase_add_test(tc, t_words_every_language);
	tcase_add_test(tc, t_due_after_start_boundary);
	tcase_add_test(tc, t_due_after_start_silent_when_done);
	tcase_add_test(tc, t_no_show_run_count_threshold);
	tcase_add_test(tc, t_no_show_run_silent_after_attendance);
	tcase_add_test(tc, t_no_contact_boundary);
	tcase_add_test(tc, t_no_contact_from_start);
	tcase_add_test(tc, t_relapse_count_threshold);
	tcase_add_test(tc, t_relapse_missing_rules);
	tcase_add_test(tc, t_finding_order);
	tcase_add_test(tc, t_guideline_thresholds);
	tcase_add_test(tc, t_overdose);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(care_check_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
