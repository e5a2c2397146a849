/* Unit tests of cmd/assess/score.c: item sets, totals and every zone edge. */
#include <check.h>
#include <stdlib.h>

#include "score.h"

/* Items summing to total with values allowed for every item of the instrument. */
static void
fill(int instrument, int total, int *items)
{
	int n = assess_item_count(instrument);

	for (int i = 0; i < ASSESS_MAX_ITEMS; i++)
		items[i] = ASSESS_MISSING;
	for (int i = 0; i < n; i++) {
		int step = assess_item_allowed(instrument, i + 1, 3) ? 1 : 2;
		int v = 0;

		while (v + step <= 4 && total >= step) {
			v += step;
			total -= step;
		}
		items[i] = v;
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
	ck_assert_int_eq(res.score, total);
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
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
