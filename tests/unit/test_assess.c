/* Unit tests of cmd/assess/score.c: item sets, totals and every zone edge. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "instrument.h"

/* Items summing to total with values allowed for every item of the instrument. */
static void
fill(int instrument, int total, int *items)
{
	int n = assess_item_count(instrument);

	for (int i = 0; i < ASSESS_MAX_ITEMS; i++)
		items[i] = ASSESS_MISSING;
	/* Every item's lowest answer first (SCL-10 answers start at 1). */
	for (int i = 0; i < n; i++) {
		items[i] = assess_item_allowed(instrument, i + 1, 0) ? 0 : 1;
		total -= items[i];
	}
	for (int i = 0; i < n; i++) {
		int step = assess_item_allowed(instrument, i + 1, 3) ? 1 : 2;
		int top = assess_item_allowed(instrument, i + 1, 4) ? 4 : 3;

		while (items[i] + step <= top && total >= step) {
			items[i] += step;
			total -= step;
		}
	}
	ck_assert_int_eq(total, 0);
}

static const char *
zone(int instrument, int total, bool male)
{
	int items[ASSESS_MAX_ITEMS];
	struct assess_result res;

	fill(instrument, total, items);
	res = assess_score(instrument, items, male);
	ck_assert(res.complete);
	if (instrument == ASSESS_SCL_10) {
		ck_assert_int_eq(res.decimals, 2);
		ck_assert_int_eq(res.score, total * 10);	/* mean in hundredths */
	} else {
		ck_assert_int_eq(res.decimals, 0);
		ck_assert_int_eq(res.score, total);
	}
	return res.zone;
}

START_TEST(audit_zones)
{
	ck_assert_str_eq(zone(ASSESS_AUDIT, 0, true), "I");
	ck_assert_str_eq(zone(ASSESS_AUDIT, 7, true), "I");
	ck_assert_str_eq(zone(ASSESS_AUDIT, 8, false), "II");
	ck_assert_str_eq(zone(ASSESS_AUDIT, 15, true), "II");
	ck_assert_str_eq(zone(ASSESS_AUDIT, 16, true), "III");
	ck_assert_str_eq(zone(ASSESS_AUDIT, 19, false), "III");
	ck_assert_str_eq(zone(ASSESS_AUDIT, 20, true), "IV");
	ck_assert_str_eq(zone(ASSESS_AUDIT, 40, true), "IV");
}
END_TEST

START_TEST(audit_c_by_sex)
{
	ck_assert_str_eq(zone(ASSESS_AUDIT_C, 3, true), "negative");
	ck_assert_str_eq(zone(ASSESS_AUDIT_C, 4, true), "positive");
	ck_assert_str_eq(zone(ASSESS_AUDIT_C, 2, false), "negative");
	ck_assert_str_eq(zone(ASSESS_AUDIT_C, 3, false), "positive");
	ck_assert_str_eq(zone(ASSESS_AUDIT_C, 12, false), "positive");
}
END_TEST

START_TEST(dudit_by_sex)
{
	ck_assert_str_eq(zone(ASSESS_DUDIT, 5, true), "low");
	ck_assert_str_eq(zone(ASSESS_DUDIT, 6, true), "problems");
	ck_assert_str_eq(zone(ASSESS_DUDIT, 1, false), "low");
	ck_assert_str_eq(zone(ASSESS_DUDIT, 2, false), "problems");
	ck_assert_str_eq(zone(ASSESS_DUDIT, 24, true), "problems");
	ck_assert_str_eq(zone(ASSESS_DUDIT, 25, true), "dependence");
	ck_assert_str_eq(zone(ASSESS_DUDIT, 25, false), "dependence");
	ck_assert_str_eq(zone(ASSESS_DUDIT, 44, true), "dependence");
}
END_TEST

START_TEST(item_sets)
{
	ck_assert(assess_item_allowed(ASSESS_AUDIT, 8, 3));
	ck_assert(!assess_item_allowed(ASSESS_AUDIT, 9, 3));
	ck_assert(assess_item_allowed(ASSESS_AUDIT, 10, 4));
	ck_assert(!assess_item_allowed(ASSESS_AUDIT, 11, 0));
	ck_assert(!assess_item_allowed(ASSESS_AUDIT_C, 4, 0));
	ck_assert(assess_item_allowed(ASSESS_DUDIT, 9, 1));
	ck_assert(!assess_item_allowed(ASSESS_DUDIT, 10, 1));
	ck_assert(!assess_item_allowed(ASSESS_DUDIT, 11, 5));
	ck_assert(!assess_item_allowed(ASSESS_DUDIT, 1, -1));
	ck_assert_int_eq(assess_instrument("Audit-C", 7), ASSESS_AUDIT_C);
	ck_assert_int_eq(assess_instrument("AUDITC", 6), -1);
}
END_TEST

START_TEST(missing_item_is_incomplete)
{
	int items[ASSESS_MAX_ITEMS];
	struct assess_result res;

	fill(ASSESS_DUDIT, 30, items);
	items[10] = ASSESS_MISSING;
	res = assess_score(ASSESS_DUDIT, items, true);
	ck_assert(!res.complete);
	ck_assert_str_eq(res.zone, "");
}
END_TEST

START_TEST(scl10_mean_cutoff)
{
	/* Sums 18 and 19 are means 1.80 and 1.90, either side of 1.85. */
	ck_assert_str_eq(zone(ASSESS_SCL_10, 10, true), "negative");
	ck_assert_str_eq(zone(ASSESS_SCL_10, 18, false), "negative");
	ck_assert_str_eq(zone(ASSESS_SCL_10, 19, true), "positive");
	ck_assert_str_eq(zone(ASSESS_SCL_10, 19, false), "positive");
	ck_assert_str_eq(zone(ASSESS_SCL_10, 40, false), "positive");
}
END_TEST

START_TEST(phq9_bands)
{
	static const struct { int total; const char *zone; } edge[] = {
		{ 0, "minimal" }, { 4, "minimal" }, { 5, "mild" }, { 9, "mild" },
		{ 10, "moderate" }, { 14, "moderate" },
		{ 15, "moderately-severe" }, { 19, "moderately-severe" },
		{ 20, "severe" }, { 27, "severe" },
	};

	for (size_t i = 0; i < sizeof edge / sizeof edge[0]; i++)
		ck_assert_str_eq(zone(ASSESS_PHQ_9, edge[i].total, i % 2),
		    edge[i].zone);
}
END_TEST

START_TEST(gad7_bands)
{
	static const struct { int total; const char *zone; } edge[] = {
		{ 0, "minimal" }, { 4, "minimal" }, { 5, "mild" }, { 9, "mild" },
		{ 10, "moderate" }, { 14, "moderate" }, { 15, "severe" },
		{ 21, "severe" },
	};

	for (size_t i = 0; i < sizeof edge / sizeof edge[0]; i++)
		ck_assert_str_eq(zone(ASSESS_GAD_7, edge[i].total, i % 2),
		    edge[i].zone);
}
END_TEST

START_TEST(new_item_sets)
{
	ck_assert(!assess_item_allowed(ASSESS_SCL_10, 1, 0));
	ck_assert(assess_item_allowed(ASSESS_SCL_10, 1, 1));
	ck_assert(assess_item_allowed(ASSESS_SCL_10, 10, 4));
	ck_assert(!assess_item_allowed(ASSESS_SCL_10, 10, 5));
	ck_assert(!assess_item_allowed(ASSESS_SCL_10, 11, 1));
	ck_assert(assess_item_allowed(ASSESS_PHQ_9, 9, 3));
	ck_assert(!assess_item_allowed(ASSESS_PHQ_9, 9, 4));
	ck_assert(!assess_item_allowed(ASSESS_PHQ_9, 10, 0));
	ck_assert(assess_item_allowed(ASSESS_GAD_7, 7, 0));
	ck_assert(!assess_item_allowed(ASSESS_GAD_7, 1, 4));
	ck_assert(!assess_item_allowed(ASSESS_GAD_7, 8, 0));
	ck_assert_str_eq(assess_item_values(ASSESS_SCL_10, 1), "1 to 4");
	ck_assert_str_eq(assess_item_values(ASSESS_GAD_7, 1), "0 to 3");
	ck_assert_int_eq(assess_instrument("phq-9", 5), ASSESS_PHQ_9);
	ck_assert_int_eq(assess_instrument("Scl-10", 6), ASSESS_SCL_10);
	ck_assert_int_eq(assess_instrument("GAD-7", 5), ASSESS_GAD_7);
	ck_assert_int_eq(assess_instrument("PHQ9", 4), -1);
}
END_TEST

/* Items from a string: a digit is an answer, '.' a missing item. */
static struct assess_result
score_of(int instrument, const char *answers)
{
	int items[ASSESS_MAX_ITEMS];
	size_t n = strlen(answers);

	/* Past the end of answers every item is missing (never read beyond it). */
	for (int i = 0; i < ASSESS_MAX_ITEMS; i++)
		items[i] = (size_t)i >= n || answers[i] == '.' ?
		    ASSESS_MISSING : answers[i] - '0';
	return assess_score(instrument, items, true);
}

START_TEST(phq9_item9_alert)
{
	ck_assert_str_eq(score_of(ASSESS_PHQ_9, "000000000").alert, "");
	ck_assert_str_eq(score_of(ASSESS_PHQ_9, "000000001").alert, "self-harm");
	ck_assert_str_eq(score_of(ASSESS_PHQ_9, "333333333").alert, "self-harm");
	/* An answered item 9 is reported also when another item is missing. */
	ck_assert(!score_of(ASSESS_PHQ_9, "0.0000002").complete);
	ck_assert_str_eq(score_of(ASSESS_PHQ_9, "0.0000002").alert, "self-harm");
	ck_assert_str_eq(score_of(ASSESS_PHQ_9, "11111111.").alert, "");
	/* Item 9 of other instruments is no alert. */
	ck_assert_str_eq(score_of(ASSESS_AUDIT, "1111111144").alert, "");
}
END_TEST

START_TEST(audit_interview_skips)
{
	struct assess_result res;

	/* q1 = 0: q2-q8 skipped, q9 and q10 still asked. */
	res = score_of(ASSESS_AUDIT, "0.......02");
	ck_assert(res.complete);
	ck_assert_int_eq(res.score, 2);
	ck_assert_str_eq(res.zone, "I");
	/* q2 and q3 both 0: q4-q8 skipped. */
	res = score_of(ASSESS_AUDIT, "300.....44");
	ck_assert(res.complete);
	ck_assert_int_eq(res.score, 11);
	ck_assert_str_eq(res.zone, "II");
	/* An answer given anyway is scored as given. */
	res = score_of(ASSESS_AUDIT, "02......00");
	ck_assert(res.complete);
	ck_assert_int_eq(res.score, 2);
	/* No rule skips q9 or q10. */
	ck_assert(!score_of(ASSESS_AUDIT, "0........2").complete);
	ck_assert(!score_of(ASSESS_AUDIT, "0.......2.").complete);
	/* q2 or q3 above 0 asks q4-q8. */
	ck_assert(!score_of(ASSESS_AUDIT, "310.....00").complete);
	ck_assert(!score_of(ASSESS_AUDIT, "301.....00").complete);
	/* q1 missing, or q2 missing with q3 0, skips nothing. */
	ck_assert(!score_of(ASSESS_AUDIT, ".000000000").complete);
	ck_assert(!score_of(ASSESS_AUDIT, "3.0.....00").complete);
	/* AUDIT-C is not the interview form: q1 0 does not skip q2, q3. */
	ck_assert(!score_of(ASSESS_AUDIT_C, "0..").complete);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("assess");
	TCase *tc = tcase_create("score");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, audit_zones);
	tcase_add_test(tc, audit_c_by_sex);
	tcase_add_test(tc, dudit_by_sex);
	tcase_add_test(tc, item_sets);
	tcase_add_test(tc, missing_item_is_incomplete);
	tcase_add_test(tc, scl10_mean_cutoff);
	tcase_add_test(tc, phq9_bands);
	tcase_add_test(tc, gad7_bands);
	tcase_add_test(tc, new_item_sets);
	tcase_add_test(tc, phq9_item9_alert);
	tcase_add_test(tc, audit_interview_skips);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
