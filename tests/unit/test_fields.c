/* Unit tests of the record-free validators of common/fields.c (rd_check_*). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "codes.h"
#include "date.h"
#include "fields.h"
#include "opts.h"
#include "reader.h"

#define S(x) (x), strlen(x)

START_TEST(valid_values_are_parsed)
{
	struct rd_why why = { "untouched" };
	int day, index;
	long n;
	double x;

	ck_assert(rd_check_id("--patient", S("P1.a_b-2"), &why));
	ck_assert(rd_check_date("--start", S("2026-03-02"), RD_DATE_ISO, &day, &why));
	ck_assert_int_eq(day, rd_date_from_ymd(2026, 3, 2));
	ck_assert(rd_check_code("--modality", S("Twelve-Step"), &rd_modality_codes,
	    &index, &why));
	ck_assert_str_eq(rd_modality_codes.code[index], "twelve-step");
	ck_assert(rd_check_long("minutes", S("1440"), 0, 1440, &n, &why));
	ck_assert_int_eq(n, 1440);
	ck_assert(rd_check_real("ors", S("25.5"), 0, 40, 1, &x, &why));
	ck_assert_double_eq(x, 25.5);
	/* A valid value leaves the reason alone. */
	ck_assert_str_eq(why.msg, "untouched");
}
END_TEST

START_TEST(bad_values_give_a_reason_and_return)
{
	struct rd_why why;
	int day, index;
	long n;
	double x;

	ck_assert(!rd_check_id("--patient", S("P 1"), &why));
	ck_assert_str_eq(why.msg, "--patient 'P 1' does not match the id pattern "
	    "(see --id-pattern)");
	ck_assert(!rd_check_id("--episode", S(""), &why));
	ck_assert_str_eq(why.msg, "--episode '' does not match the id pattern "
	    "(see --id-pattern)");
	ck_assert(!rd_check_date("date", S("2026-02-30"), RD_DATE_ISO, &day, &why));
	ck_assert_int_eq(day, RD_NO_DATE);
	ck_assert_str_eq(why.msg, "date '2026-02-30' is not a valid date "
	    "(expected YYYY-MM-DD)");
	ck_assert(!rd_check_code("--modality", S("yoga"), &rd_modality_codes,
	    &index, &why));
	ck_assert_int_eq(index, -1);
	ck_assert_str_eq(why.msg, "--modality 'yoga' is not one of twelve-step, "
	    "relapse-prevention, network-therapy, cbt, mi, mbrp, mbt, "
	    "pharmacological, other");
	ck_assert(!rd_check_long("minutes", S("1441"), 0, 1440, &n, &why));
	ck_assert_str_eq(why.msg, "minutes '1441' is not a whole number from 0 to 1440");
	ck_assert(!rd_check_real("ors", S("25.55"), 0, 40, 1, &x, &why));
	ck_assert_str_eq(why.msg, "ors '25.55' is not a number from 0 to 40 with "
	    "at most 1 decimal");
	/* Values are cut to 40 bytes in a reason. */
	ck_assert(!rd_check_id("patient_id", S("0123456789012345678901234567890123456789"
	    "0123456789012345678901234567890123456789"), &why));
	ck_assert_ptr_nonnull(strstr(why.msg, "...'"));
}
END_TEST

/*
 * A reader carries its date format: rd_get_date reads DD.MM.YYYY when the
 * reader was opened with dmy, whatever the global options say, and
 * rd_check_date takes the format it is given.
 */
START_TEST(date_format_travels_with_the_reader)
{
	static const char csv[] = "date\n28.02.2026\n";
	struct rd_reader_config cfg = { .delim = ',', .max_field_bytes = 64,
	    .date_format = RD_DATE_DMY };
	struct rd_reader *r;
	struct rd_record rec;
	struct rd_why why;
	int day;

	rd_opt.date_format = RD_DATE_ISO;
	r = rd_open_mem("t.csv", csv, strlen(csv), &cfg);
	ck_assert_int_eq(rd_next(r, &rec), 1);
	ck_assert(rd_get_date(r, &rec, 0, true, &day));
	ck_assert_int_eq(day, rd_date_from_ymd(2026, 2, 28));
	rd_close(r);
	ck_assert(rd_check_date("date", S("28.02.2026"), RD_DATE_DMY, &day, &why));
	ck_assert_int_eq(day, rd_date_from_ymd(2026, 2, 28));
	ck_assert(!rd_check_date("date", S("28.02.2026"), RD_DATE_ISO, &day, &why));
	ck_assert_str_eq(why.msg, "date '28.02.2026' is not a valid date "
	    "(expected YYYY-MM-DD)");
	ck_assert(!rd_check_date("date", S("30.02.2026"), RD_DATE_DMY, &day, &why));
	ck_assert_str_eq(why.msg, "date '30.02.2026' is not a valid date "
	    "(expected YYYY-MM-DD or DD.MM.YYYY)");
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("fields");
	TCase *tc = tcase_create("fields");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, valid_values_are_parsed);
	tcase_add_test(tc, bad_values_give_a_reason_and_return);
	tcase_add_test(tc, date_format_travels_with_the_reader);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
