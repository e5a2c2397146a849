/* Unit tests of the record-free validators of common/fields.c (rd_check_*). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codes.h"
#include "date.h"
#include "fields.h"
#include "map.h"
#include "opts.h"
#include "reader.h"
#include "rejects.h"

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
 * The default id pattern is checked by byte tables, not PCRE2: the two
 * agree for every byte at the start, inside and at the end of ids of every
 * length around the 64-byte limit.  (PCRE2's $ also matches before a
 * final LF; the tables are stricter there, as an id never holds a line
 * break, so a final LF is left out.)
 */
START_TEST(ids_by_table_as_the_pattern)
{
	char err[300], id[80];
	pcre2_code *re = rd_regex_compile(RD_DEFAULT_ID_PATTERN, 0, err, sizeof err);
	long bad = 0;	/* counted: Check is slow at asserting one by one */

	ck_assert_ptr_nonnull(re);
	rd_ids_init(RD_DEFAULT_ID_PATTERN);
	for (size_t len = 1; len <= 70; len++)
		for (int c = 0; c < 256; c++) {
			size_t at[] = { 0, 1, len / 2, len - 1 };

			for (size_t k = 0; k < 4; k++) {
				if (at[k] >= len || (c == '\n' && at[k] == len - 1))
					continue;
				memset(id, 'a', len);
				id[at[k]] = (char)c;
				bad += (rd_id_check(id, len) > 0) !=
				    (rd_regex_search(re, id, len) > 0);
			}
		}
	ck_assert_int_eq(bad, 0);
	ck_assert_int_eq(rd_id_check("", 0), 0);
	pcre2_code_free(re);
}
END_TEST

/*
 * rd_get_code keeps the answers that went through --map: the same value
 * in another column gets that column's answer, a value one byte off or of
 * another length its own, and every answer is rd_check_code's.
 */
START_TEST(code_answers_kept_as_the_slow_path)
{
	static const char csv[] = "result,other,longer_than_sixteen\n"
	    "Positiv,positiv,positiv\nPositiv,positiv,positiv\nnegativ,Negativ,negativ\n"
	    "positiv,positiv,positiv\nPOS,posi,pos\npositive,negativ,Positiv\n";
	struct rd_reader_config cfg = { .delim = ',', .max_field_bytes = 1 << 20 };
	struct rd_reader *r;
	struct rd_record rec;
	struct rd_why why;

	rd_map_add("result", "^pos", "pos");
	rd_map_add("result", "^neg", "neg");
	rd_map_add("other", "^pos", "neg");	/* another column, another answer */
	rd_map_add("other", "^neg", "pos");
	rd_map_add("longer_than_sixteen", "^pos", "pos");
	rd_map_add("longer_than_sixteen", "^neg", "neg");
	r = rd_open_mem("t.csv", csv, strlen(csv), &cfg);
	for (int pass = 0; pass < 2; pass++) {
		r = pass == 0 ? r : rd_open_mem("t.csv", csv, strlen(csv), &cfg);
		while (rd_next(r, &rec) > 0)
			for (int col = 0; col < 3; col++) {
				int got = -9, want = -9;

				ck_assert(rd_get_code(r, &rec, col, &rd_result_codes, true, &got));
				ck_assert(rd_check_code(rd_header(r)->f[col], rec.f[col],
				    rec.len[col], &rd_result_codes, &want, &why));
				ck_assert_int_eq(got, want);
				ck_assert_int_eq(got, (rec.f[col][0] | 0x20) == 'p' ?
				    (col == 1 ? RD_NEG : RD_POS) :
				    (col == 1 ? RD_POS : RD_NEG));
			}
		rd_close(r);
	}
}
END_TEST

/* The number rule spelt out: sign, digits and one point, then strtod. */
static int
real_reference(const char *s, size_t len, int max_decimals, double *value)
{
	size_t i = s[0] == '-' || s[0] == '+', digits = 0, points = 0, after = 0;
	char tmp[64];

	for (; i < len; i++) {
		if (s[i] == '.')
			points++;
		else if (s[i] >= '0' && s[i] <= '9') {
			digits++;
			after += points;
		} else
			return -1;
	}
	if (digits == 0 || points > 1 || (long)after > max_decimals)
		return -1;
	memcpy(tmp, s, len);
	tmp[len] = '\0';
	*value = strtod(tmp, NULL);
	return 0;
}

/* rd_parse_real reads numbers in one pass: the same answers as the rule. */
START_TEST(reals_as_the_rule)
{
	static const char bytes[] = "0123456789.-+e 0123456789";
	unsigned long seed = 17;
	long bad = 0;	/* counted: Check is slow at asserting one by one */
	long valid = 0, long_valid = 0;

	for (int n = 0; n < 400000; n++) {
		char v[24];
		size_t len = 1 + n % 20;
		double got = -1, want = -2;
		int max_decimals = n % 7, rg, rw;

		for (size_t i = 0; i < len; i++) {
			seed = seed * 6364136223846793005UL + 1442695040888963407UL;
			/* Mostly digits, so that long and valid numbers come up. */
			v[i] = bytes[(seed >> 33) % (seed >> 62 ? 10 : sizeof bytes - 1)];
		}
		rg = rd_parse_real(v, len, max_decimals, &got);
		rw = real_reference(v, len, max_decimals, &want);
		bad += rg != rw || (rw == 0 && got != want);
		valid += rw == 0;
		long_valid += rw == 0 && len > 16;
	}
	ck_assert_int_eq(bad, 0);
	/* Both ways through: up to 15 digits by hand, more by strtod. */
	ck_assert_int_gt(valid, 20000);
	ck_assert_int_gt(long_valid, 1000);
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

/*
 * The rd_get_* functions answer in line for the usual values and call
 * their full versions for the rest: on random short values (digits,
 * letters, signs, points, blanks) every verdict and every value is that
 * of rd_check_* (the rule), and an empty field is absent.
 */
START_TEST(getters_in_line_as_the_check)
{
	static const char bytes[] = "0123456789-.+ aZ_,2026-01-31pos";
	char csv[64];
	struct rd_reader_config cfg = { .delim = ';', .max_field_bytes = 64 };
	unsigned long seed = 5;
	long bad = 0, valid = 0;

	rd_rejects_open("/dev/null");	/* bad values go on, not stop the test */
	for (int n = 0; n < 20000; n++) {
		size_t len = n % 13;
		char v[16];
		struct rd_reader *r;
		struct rd_record rec;
		struct rd_why why;
		int day = 0, want_day = 0, index = 0, want_index = 0;
		long lv = 0, want_lv = 0;
		double rv = 0, want_rv = 0;
		bool present, got, want;

		for (size_t i = 0; i < len; i++) {
			seed = seed * 6364136223846793005UL + 1442695040888963407UL;
			v[i] = bytes[(seed >> 33) % (seed >> 62 ? 10 : sizeof bytes - 1)];
		}
		if (n % 5 == 0 && len == 10)
			memcpy(v, n % 2 ? "2026-02-29" : "2024-02-29", 10);
		snprintf(csv, sizeof csv, "v;w\n%.*s;x\n", (int)len, v);
		r = rd_open_mem("t.csv", csv, strlen(csv), &cfg);
		ck_assert_int_eq(rd_next(r, &rec), 1);
		got = rd_get_id(r, &rec, 0, true);
		want = len > 0 && rd_check_id("v", v, len, &why);
		bad += got != want;
		got = rd_get_date(r, &rec, 0, true, &day);
		want = len > 0 && rd_check_date("v", v, len, RD_DATE_ISO, &want_day, &why);
		bad += got != want || (want && day != want_day);
		got = rd_get_code(r, &rec, 0, &rd_result_codes, false, &index);
		want = len == 0 || rd_check_code("v", v, len, &rd_result_codes,
		    &want_index, &why);
		bad += got != want || (want && len > 0 && index != want_index);
		got = rd_get_long(r, &rec, 0, -50, 5000, false, &lv, &present);
		want = len == 0 || rd_check_long("v", v, len, -50, 5000, &want_lv, &why);
		bad += got != want || present != (want && len > 0) ||
		    (present && lv != want_lv);
		got = rd_get_real(r, &rec, 0, -1, 40, 1, false, &rv, &present);
		want = len == 0 || rd_check_real("v", v, len, -1, 40, 1, &want_rv, &why);
		bad += got != want || present != (want && len > 0) ||
		    (present && rv != want_rv);
		valid += want && len > 0;
		/* A column the input does not have: absent, allowed when optional. */
		bad += !rd_get_id(r, &rec, -1, false) ||
		    !rd_get_date(r, &rec, -1, false, &day) || day != RD_NO_DATE ||
		    !rd_get_code(r, &rec, -1, &rd_result_codes, false, &index) ||
		    index != -1 || !rd_get_long(r, &rec, -1, 0, 9, false, &lv, &present) ||
		    present || !rd_get_real(r, &rec, -1, 0, 9, 1, false, &rv, &present) ||
		    present;
		rd_close(r);
	}
	ck_assert_int_eq(bad, 0);
	ck_assert_int_gt(valid, 1000);
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
	tcase_add_test(tc, ids_by_table_as_the_pattern);
	tcase_add_test(tc, reals_as_the_rule);
	tcase_add_test(tc, getters_in_line_as_the_check);
	tcase_add_test(tc, code_answers_kept_as_the_slow_path);
	tcase_add_test(tc, date_format_travels_with_the_reader);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
