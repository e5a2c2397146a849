#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "natid.h"

/*
 * Every number below is a literal.  The valid ones were checked by hand
 * (and once more by a separate script while writing), never by code in
 * this file, so a bug in natid.c cannot confirm itself.  Worked examples:
 *
 *   811218-9876, Luhn, doubling digits 1, 3, 5, 7, 9:
 *     16->7 1 2 2 2 8 18->9 8 14->5 6, sum 50, 50 % 10 == 0.
 *   701063-2391 (samordningsnummer, 1970-10-03):
 *     14->5 0 2 0 12->3 3 4 3 18->9 1, sum 30.
 *   01019012480 (fødselsnummer, 1990-01-01, individual 124):
 *     K1: 0*3+1*7+0*6+1*1+9*8+0*9+1*4+2*5+4*2 = 102, 102 % 11 = 3,
 *         11 - 3 = 8.
 *     K2: 0*5+1*4+0*3+1*2+9*7+0*6+1*5+2*4+4*3+8*2 = 110, 110 % 11 = 0,
 *         so 0.
 *   150916-0014 (serial 001, the lowest issued), Luhn:
 *     2 5 0 9 2 6 0 0 2 4, sum 30.  150916-0006 (meta test list) has the
 *     same sum, 2 5 0 9 2 6 0 0 0 6 = 30, but serial 000: never issued.
 *   41419012376 (D-nummer day 01 + 40 with H-nummer month 01 + 40):
 *     K1: 4*3+1*7+4*6+1*1+9*8+0*9+1*4+2*5+3*2 = 136, 136 % 11 = 4, 7.
 *     K2: 4*5+1*4+4*3+1*2+9*7+0*6+1*5+2*4+3*3+7*2 = 137, 137 % 11 = 5, 6.
 */

static struct rd_natid *nid;

static void
setup(void)
{
	nid = rd_natid_new();
	ck_assert_ptr_nonnull(nid);
}

static void
teardown(void)
{
	rd_natid_free(nid);
	nid = NULL;
}

static int
scan(const char *s, enum rd_natid_kind *kind, size_t *off)
{
	return rd_natid_scan(nid, s, strlen(s), kind, off);
}

struct hit {
	const char		*text;
	enum rd_natid_kind	 kind;
};

static const struct hit valid[] = {
	/* Swedish Tax Agency style test number, every spelling. */
	{ "19121212-1212", RD_NATID_SE_PNR },
	{ "121212-1212", RD_NATID_SE_PNR },
	{ "121212+1212", RD_NATID_SE_PNR },
	{ "1212121212", RD_NATID_SE_PNR },
	{ "191212121212", RD_NATID_SE_PNR },
	{ "201212121212", RD_NATID_SE_PNR },
	{ "19811218-9876", RD_NATID_SE_PNR },
	{ "811218-9876", RD_NATID_SE_PNR },
	{ "8112189876", RD_NATID_SE_PNR },
	{ "198112189876", RD_NATID_SE_PNR },
	/* 2000-02-29: the two-digit year may be 2000, a leap year. */
	{ "000229-1235", RD_NATID_SE_PNR },
	{ "20000229-1235", RD_NATID_SE_PNR },
	{ "701063-2391", RD_NATID_SE_SAMORD },
	{ "19701063-2391", RD_NATID_SE_SAMORD },
	{ "7010632391", RD_NATID_SE_SAMORD },
	{ "197010632391", RD_NATID_SE_SAMORD },
	/* Samordningsnummer from Skatteverket's test set: month 00, day 60
	 * (day 00), and 31 April, all valid. */
	{ "191500722390", RD_NATID_SE_SAMORD },
	{ "171160-2399", RD_NATID_SE_SAMORD },
	{ "19200491-2388", RD_NATID_SE_SAMORD },
	/* Norwegian; the first two from a public test-number list. */
	{ "17054026641", RD_NATID_NO_FNR },
	{ "22095314442", RD_NATID_NO_FNR },
	{ "01019012480", RD_NATID_NO_FNR },
	{ "010190 12480", RD_NATID_NO_FNR },
	{ "29020052331", RD_NATID_NO_FNR },	/* 2000-02-29 */
	{ "41019012393", RD_NATID_NO_DNR },
	{ "410190 12393", RD_NATID_NO_DNR },
	{ "01419012382", RD_NATID_NO_HNR },
	/* Day + 40 and month + 40 together; the second is fnrvalidator's. */
	{ "41419012376", RD_NATID_NO_DHNR },
	{ "414190 12376", RD_NATID_NO_DHNR },
	{ "68467038838", RD_NATID_NO_DHNR },
	/* Serial 001 is the lowest issued. */
	{ "150916-0014", RD_NATID_SE_PNR },
	{ "20150916-0014", RD_NATID_SE_PNR },
	{ "81212121223", RD_NATID_NO_FHNR },
	{ "94545456561", RD_NATID_NO_FHNR },
};

START_TEST(test_valid_alone)
{
	enum rd_natid_kind kind;
	size_t off = 99;

	ck_assert_msg(scan(valid[_i].text, &kind, &off) == 1, "%s missed",
	    valid[_i].text);
	ck_assert_int_eq(kind, valid[_i].kind);
	ck_assert_uint_eq(off, 0);
}
END_TEST

/* The same numbers inside text, with letters and punctuation touching. */
START_TEST(test_valid_embedded)
{
	static const char *fmts[] = { "pnr:%s;", "fnr %s noted", "ID%sX",
	    "(%s)", "Födelsenr: %s, åäö", "a-%s-b", "\n\t%s\r\n" };
	enum rd_natid_kind kind;
	size_t off;
	char buf[128];

	for (size_t f = 0; f < sizeof(fmts) / sizeof(fmts[0]); f++) {
		snprintf(buf, sizeof(buf), fmts[f], valid[_i].text);
		ck_assert_msg(scan(buf, &kind, &off) == 1, "missed in \"%s\"",
		    buf);
		ck_assert_int_eq(kind, valid[_i].kind);
		ck_assert_uint_eq(off, (size_t)(strstr(buf, valid[_i].text) -
		    buf));
	}
}
END_TEST

static const char *invalid[] = {
	/* Wrong check digit. */
	"19121212-1213",
	"121212-1211",
	"121212+1213",
	"1212121213",
	"191212121210",
	"8112189875",
	"701063-2392",
	"17054026642",		/* K2 off by one */
	"17054026651",		/* K1 off by one */
	"010190 12481",
	"41019012394",
	"81212121224",
	/* K1 remainder 1: "10" is not read as the digit 0. */
	"15059000907",
	/* K2 remainder 1, likewise. */
	"15059001440",
	/* Impossible dates, all with correct check digits. */
	"121312-1211",		/* month 13 */
	"120231-1211",		/* 31 February */
	"010229-1218",		/* 29 February 1901 or 2001 */
	"000229+1235",		/* 29 February 1800 or 1900 */
	"190002291235",		/* 29 February 1900 */
	"500229-1234",		/* 29 February 1950 or 2050 */
	"121200-1216",		/* day 0 */
	"701092-1216",		/* samordningsnummer day 32 */
	"701372-2397",		/* samordningsnummer month 13 */
	"17121212-1212",	/* year 1712 */
	"21121212-1212",	/* year 2112 */
	"31049012392",		/* 31 April */
	"29029012324",		/* 29 February 1990 */
	"72019012345",		/* D-nummer day 32 */
	"72419012328",		/* D- and H-nummer, day 32 */
	/* Serial 000 is never issued, though the Luhn digit holds. */
	"150916-0006",
	"150916+0006",
	"1509160006",
	"20150916-0006",
	"201509160006",
	"701063-0007",		/* samordningsnummer */
	/* Part of a longer digit run. */
	"1191212121212",	/* 13 digits, the last 12 are valid */
	"1912121212120",	/* 13 digits, the first 12 are valid */
	"11212121212",		/* 11 digits around a valid 10 */
	"12121212121",
	"119121212-1212",
	"19121212-12120",
	"1121212+1212",
	"0101901248000",
	"9010190 12480",
	"010190 124801",
	"19121212121212121212",
	/* Separators that are not spellings. */
	"121212 1212",
	"1912 1212-1212",
	"19121212+1212",
	"010190-12480",
	"010190  12480",
	"121212--1212",
	"",
};

START_TEST(test_invalid)
{
	enum rd_natid_kind kind;
	size_t off;

	ck_assert_msg(scan(invalid[_i], &kind, &off) == 0, "\"%s\" is a hit",
	    invalid[_i]);
}
END_TEST

/* A first invalid candidate must not hide a later valid one. */
START_TEST(test_later_candidate)
{
	static const char text[] = "old 19121212-1213, 1212121213 and "
	    "0000000000, new 811218-9876";
	static const char text2[] = "tel 4791234567 fnr 01019012481 dnr "
	    "41019012393";
	enum rd_natid_kind kind;
	size_t off;

	ck_assert_int_eq(scan(text, &kind, &off), 1);
	ck_assert_int_eq(kind, RD_NATID_SE_PNR);
	ck_assert_uint_eq(off, sizeof(text) - 1 - strlen("811218-9876"));
	ck_assert_int_eq(scan(text2, &kind, &off), 1);
	ck_assert_int_eq(kind, RD_NATID_NO_DNR);
	ck_assert_uint_eq(off, sizeof(text2) - 1 - strlen("41019012393"));
}
END_TEST

/* The first valid number is reported, not the first candidate. */
START_TEST(test_first_of_two)
{
	static const char text[] = "a 01019012480 b 19121212-1212";
	enum rd_natid_kind kind;
	size_t off;

	ck_assert_int_eq(scan(text, &kind, &off), 1);
	ck_assert_int_eq(kind, RD_NATID_NO_FNR);
	ck_assert_uint_eq(off, 2);
}
END_TEST

/* Only len bytes are read, and NUL or non-UTF-8 bytes are no error. */
START_TEST(test_raw_bytes)
{
	static const char nul[] = "x\0y 121212-1212";
	static const char latin1[] = "F\xf6" "delsenr \xe5\xe4\xf6 121212-1212";
	static const char bad[] = "\xff\xfe\xc3 \x80\xed\xa0\x80 0000000000";
	enum rd_natid_kind kind;
	size_t off;

	ck_assert_int_eq(rd_natid_scan(nid, nul, sizeof(nul) - 1, &kind,
	    &off), 1);
	ck_assert_uint_eq(off, 4);
	ck_assert_int_eq(scan(latin1, &kind, &off), 1);
	ck_assert_uint_eq(off, 14);
	ck_assert_int_eq(scan(bad, &kind, &off), 0);
	/* The 11th digit lies beyond len, so this is 10 digits. */
	ck_assert_int_eq(rd_natid_scan(nid, "12121212123", 10, &kind, &off),
	    1);
	ck_assert_int_eq(kind, RD_NATID_SE_PNR);
	ck_assert_int_eq(rd_natid_scan(nid, "1212121212", 9, &kind, &off), 0);
	ck_assert_int_eq(rd_natid_scan(nid, NULL, 0, &kind, &off), 0);
}
END_TEST

/* A megabyte of near misses neither fails nor hits. */
START_TEST(test_long_input)
{
	static const char unit[] = "121212-1211 1212121212121 010190 12481 ";
	size_t n = 1 << 20, ul = sizeof(unit) - 1;
	enum rd_natid_kind kind;
	size_t off;
	char *buf;

	buf = malloc(n);
	ck_assert_ptr_nonnull(buf);
	/* Whole units only: a cut one could leave a valid 10-digit tail. */
	for (size_t i = 0; i < n; i++)
		buf[i] = i < n - n % ul ? unit[i % ul] : ' ';
	ck_assert_int_eq(rd_natid_scan(nid, buf, n, &kind, &off), 0);
	memcpy(buf + n - 12, "811218-9876", 11);
	buf[n - 13] = ' ';
	buf[n - 1] = ' ';
	ck_assert_int_eq(rd_natid_scan(nid, buf, n, &kind, &off), 1);
	ck_assert_uint_eq(off, n - 12);
	free(buf);
}
END_TEST

START_TEST(test_kind_names)
{
	ck_assert_str_eq(rd_natid_kind_name(RD_NATID_SE_PNR),
	    "Swedish personnummer");
	ck_assert_str_eq(rd_natid_kind_name(RD_NATID_SE_SAMORD),
	    "Swedish samordningsnummer");
	ck_assert_str_eq(rd_natid_kind_name(RD_NATID_NO_FNR),
	    "Norwegian fødselsnummer");
	ck_assert_str_eq(rd_natid_kind_name(RD_NATID_NO_DNR),
	    "Norwegian D-nummer");
	ck_assert_str_eq(rd_natid_kind_name(RD_NATID_NO_HNR),
	    "Norwegian H-nummer");
	ck_assert_str_eq(rd_natid_kind_name(RD_NATID_NO_FHNR),
	    "Norwegian FH-nummer");
}
END_TEST

/* xorshift64: fixed seed, so the measured rates never change. */
static uint64_t
xorshift(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

#define RANDOM_TRIALS	100000

static double
random_hit_rate(int ndigits, uint64_t seed)
{
	enum rd_natid_kind kind;
	size_t off;
	char buf[16];
	int hits = 0;

	for (int t = 0; t < RANDOM_TRIALS; t++) {
		for (int i = 0; i < ndigits; i++)
			buf[i] = (char)('0' + (xorshift(&seed) >> 32) % 10);
		hits += rd_natid_scan(nid, buf, (size_t)ndigits, &kind,
		    &off) == 1;
	}
	return (double)hits / RANDOM_TRIALS;
}

/*
 * Ten random digits: the Luhn digit is right 1 time in 10, independently
 * of the rest.  MM must be 01-12 (12 in 100) and DD one of the month's days
 * or that plus 60 (2 * days in 100); over a year with 29 February valid for
 * a quarter of YY that is 365.25 / 10000; a samordningsnummer takes any
 * month 00-12 with day 60-91, 13 * 32 / 10000.  That is 7.813%, and serial
 * 000 takes away 1 in 1000 of it.  So p = 0.7805%, 780.5 of 100,000 with
 * a standard deviation of 27.8 (0.028%); the bounds sit about five
 * deviations out.  Measured: 0.8220%.
 */
START_TEST(test_random_10)
{
	double rate = random_hit_rate(10, 0x9e3779b97f4a7c15ULL);

	printf("natid: random 10-digit hit rate %.4f%%\n", rate * 100);
	ck_assert_msg(rate > 0.0060 && rate < 0.0087, "rate %f", rate);
}
END_TEST

/*
 * Eleven random digits: each mod-11 check digit is right about 1 time in
 * 11 (remainder 1 has no digit, the other ten remainders one each), both
 * 1 in 121.  Dates: fødselsnummer, D-, H- and D-with-H-nummer each take
 * 365.25 / 10000 of DDMM, 14.61% together; FH-nummer takes the 20%
 * starting with 8 or 9.  So p = 0.3461 / 121 = 0.286%, 286 of 100,000,
 * deviation 17 (0.017%); bounds about five deviations out.
 * Measured: 0.2930%.
 */
START_TEST(test_random_11)
{
	double rate = random_hit_rate(11, 0x2545f4914f6cdd1dULL);

	printf("natid: random 11-digit hit rate %.4f%%\n", rate * 100);
	ck_assert_msg(rate > 0.0020 && rate < 0.0037, "rate %f", rate);
}
END_TEST

static Suite *
natid_suite(void)
{
	Suite *s = suite_create("natid");
	TCase *tc = tcase_create("scan");
	int nvalid = sizeof(valid) / sizeof(valid[0]);
	int ninvalid = sizeof(invalid) / sizeof(invalid[0]);

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_valid_alone, 0, nvalid);
	tcase_add_loop_test(tc, test_valid_embedded, 0, nvalid);
	tcase_add_loop_test(tc, test_invalid, 0, ninvalid);
	tcase_add_test(tc, test_later_candidate);
	tcase_add_test(tc, test_first_of_two);
	tcase_add_test(tc, test_raw_bytes);
	tcase_add_test(tc, test_long_input);
	tcase_add_test(tc, test_kind_names);
	tcase_add_test(tc, test_random_10);
	tcase_add_test(tc, test_random_11);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(natid_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
