#define _POSIX_C_SOURCE 200809L	/* mkstemp, fdopen */

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "date.h"
#include "holidays.h"

/* Day number of an ISO date literal; the literals here are all valid. */
static int
D(const char *iso)
{
	int day = 0;

	ck_assert_msg(rd_date_parse(iso, strlen(iso), RD_DATE_ISO, &day) == 0,
	    "bad literal %s", iso);
	return day;
}

/*
 * Western Easter Sunday from published tables (Wikipedia "List of dates
 * for Easter", US Naval Observatory), including the extremes: 22 March
 * (1761, 1818, 2285), 23 March (1913, 2008, 2160) and 25 April (1943, 2038,
 * 2190).
 */
static const char *const easter_table[] = {
	"1583-04-10", "1700-04-11", "1761-03-22", "1799-03-24",
	"1818-03-22",
	"1900-04-15", "1901-04-07", "1903-04-12", "1905-04-23", "1910-03-27",
	"1913-03-23", "1916-04-23", "1921-03-27", "1927-04-17", "1930-04-20",
	"1935-04-21", "1940-03-24", "1943-04-25", "1945-04-01", "1951-03-25",
	"1954-04-18", "1956-04-01", "1961-04-02", "1967-03-26", "1970-03-29",
	"1974-04-14", "1981-04-19", "1985-04-07", "1989-03-26", "1993-04-11",
	"1998-04-12", "2000-04-23", "2001-04-15", "2004-04-11", "2008-03-23",
	"2010-04-04", "2011-04-24", "2013-03-31", "2015-04-05", "2016-03-27",
	"2018-04-01", "2019-04-21", "2020-04-12", "2022-04-17", "2024-03-31",
	"2025-04-20", "2026-04-05", "2027-03-28", "2030-04-21", "2035-03-25",
	"2038-04-25", "2045-04-09", "2049-04-18", "2057-04-22", "2062-03-26",
	"2076-04-19", "2086-03-31", "2093-04-12", "2099-04-12", "2100-03-28",
	"2106-04-18", "2118-04-10", "2129-04-10", "2137-04-07", "2143-03-31",
	"2152-04-23", "2160-03-23", "2171-04-21", "2178-04-05", "2185-04-17",
	"2190-04-25", "2196-04-17", "2199-04-14", "2285-03-22",
};

START_TEST(easter_published)
{
	const char *iso = easter_table[_i];
	char got[11];

	rd_date_format(rd_easter_sunday(atoi(iso)), got);
	ck_assert_str_eq(got, iso);
}
END_TEST

START_TEST(easter_is_sunday_in_range)
{
	/* Every year of the supported span: a Sunday, 22 March..25 April. */
	for (int y = 1900; y <= 2199; y++) {
		int e = rd_easter_sunday(y);

		ck_assert_int_eq(rd_date_weekday(e), 6);
		ck_assert_int_ge(e, rd_date_from_ymd(y, 3, 22));
		ck_assert_int_le(e, rd_date_from_ymd(y, 4, 25));
	}
}
END_TEST

struct expect {
	const char *date;
	const char *name;
};

static void
check_year(enum rd_holiday_country c, int year, const struct expect *want,
    int nwant)
{
	int days[RD_HOL_MAX_PER_YEAR];
	const char *names[RD_HOL_MAX_PER_YEAR];
	char got[11];
	int n;

	n = rd_holidays_of_year(c, year, days, names, RD_HOL_MAX_PER_YEAR);
	ck_assert_int_eq(n, nwant);
	for (int i = 0; i < n; i++) {
		rd_date_format(days[i], got);
		ck_assert_str_eq(got, want[i].date);
		ck_assert_str_eq(names[i], want[i].name);
	}
}

static const struct expect no2025[] = {
	{ "2025-01-01", "New Year's Day" },
	{ "2025-04-17", "Maundy Thursday" },
	{ "2025-04-18", "Good Friday" },
	{ "2025-04-20", "Easter Sunday" },
	{ "2025-04-21", "Easter Monday" },
	{ "2025-05-01", "Labour Day" },
	{ "2025-05-17", "Constitution Day" },
	{ "2025-05-29", "Ascension Day" },
	{ "2025-06-08", "Whit Sunday" },
	{ "2025-06-09", "Whit Monday" },
	{ "2025-12-25", "Christmas Day" },
	{ "2025-12-26", "Boxing Day" },
};

static const struct expect no2026[] = {
	{ "2026-01-01", "New Year's Day" },
	{ "2026-04-02", "Maundy Thursday" },
	{ "2026-04-03", "Good Friday" },
	{ "2026-04-05", "Easter Sunday" },
	{ "2026-04-06", "Easter Monday" },
	{ "2026-05-01", "Labour Day" },
	{ "2026-05-14", "Ascension Day" },
	{ "2026-05-17", "Constitution Day" },
	{ "2026-05-24", "Whit Sunday" },
	{ "2026-05-25", "Whit Monday" },
	{ "2026-12-25", "Christmas Day" },
	{ "2026-12-26", "Boxing Day" },
};

static const struct expect se2025[] = {
	{ "2025-01-01", "New Year's Day" },
	{ "2025-01-06", "Epiphany" },
	{ "2025-04-18", "Good Friday" },
	{ "2025-04-20", "Easter Sunday" },
	{ "2025-04-21", "Easter Monday" },
	{ "2025-05-01", "Labour Day" },
	{ "2025-05-29", "Ascension Day" },
	{ "2025-06-06", "National Day" },
	{ "2025-06-08", "Whit Sunday" },
	{ "2025-06-20", "Midsummer Eve" },
	{ "2025-06-21", "Midsummer Day" },
	{ "2025-11-01", "All Saints' Day" },
	{ "2025-12-24", "Christmas Eve" },
	{ "2025-12-25", "Christmas Day" },
	{ "2025-12-26", "Boxing Day" },
	{ "2025-12-31", "New Year's Eve" },
};

static const struct expect se2026[] = {
	{ "2026-01-01", "New Year's Day" },
	{ "2026-01-06", "Epiphany" },
	{ "2026-04-03", "Good Friday" },
	{ "2026-04-05", "Easter Sunday" },
	{ "2026-04-06", "Easter Monday" },
	{ "2026-05-01", "Labour Day" },
	{ "2026-05-14", "Ascension Day" },
	{ "2026-05-24", "Whit Sunday" },
	{ "2026-06-06", "National Day" },
	{ "2026-06-19", "Midsummer Eve" },
	{ "2026-06-20", "Midsummer Day" },
	{ "2026-10-31", "All Saints' Day" },
	{ "2026-12-24", "Christmas Eve" },
	{ "2026-12-25", "Christmas Day" },
	{ "2026-12-26", "Boxing Day" },
	{ "2026-12-31", "New Year's Eve" },
};

#define NELEM(a)	((int)(sizeof(a) / sizeof((a)[0])))

START_TEST(norway_2025_2026)
{
	check_year(RD_HOL_NO, 2025, no2025, NELEM(no2025));
	check_year(RD_HOL_NO, 2026, no2026, NELEM(no2026));
}
END_TEST

START_TEST(sweden_2025_2026)
{
	check_year(RD_HOL_SE, 2025, se2025, NELEM(se2025));
	check_year(RD_HOL_SE, 2026, se2026, NELEM(se2026));
}
END_TEST

START_TEST(coinciding_holidays)
{
	/* 2008: Ascension Day fell on 1 May; 2007: on 17 May. */
	static const struct expect no2008[] = {
		{ "2008-01-01", "New Year's Day" },
		{ "2008-03-20", "Maundy Thursday" },
		{ "2008-03-21", "Good Friday" },
		{ "2008-03-23", "Easter Sunday" },
		{ "2008-03-24", "Easter Monday" },
		{ "2008-05-01", "Labour Day" },
		{ "2008-05-01", "Ascension Day" },
		{ "2008-05-11", "Whit Sunday" },
		{ "2008-05-12", "Whit Monday" },
		{ "2008-05-17", "Constitution Day" },
		{ "2008-12-25", "Christmas Day" },
		{ "2008-12-26", "Boxing Day" },
	};
	int days[RD_HOL_MAX_PER_YEAR];
	const char *names[RD_HOL_MAX_PER_YEAR];
	int n;

	check_year(RD_HOL_NO, 2008, no2008, NELEM(no2008));
	n = rd_holidays_of_year(RD_HOL_NO, 2007, days, names,
	    RD_HOL_MAX_PER_YEAR);
	ck_assert_int_eq(n, 12);
	ck_assert_int_eq(days[6], D("2007-05-17"));
	ck_assert_str_eq(names[6], "Constitution Day");
	ck_assert_int_eq(days[7], D("2007-05-17"));
	ck_assert_str_eq(names[7], "Ascension Day");
}
END_TEST

START_TEST(of_year_limits)
{
	int days[3];
	const char *names[3];

	ck_assert_int_eq(rd_holidays_of_year(RD_HOL_NONE, 2025, days, names,
	    3), 0);
	ck_assert_int_eq(rd_holidays_of_year(RD_HOL_SE, 0, days, names, 3), 0);
	ck_assert_int_eq(rd_holidays_of_year(RD_HOL_SE, 10000, days, names, 3),
	    0);
	/* A short buffer gets the first holidays of the year. */
	ck_assert_int_eq(rd_holidays_of_year(RD_HOL_SE, 2025, days, names, 3),
	    3);
	ck_assert_int_eq(days[2], D("2025-04-18"));
	ck_assert_str_eq(names[2], "Good Friday");
	ck_assert_int_eq(rd_holidays_of_year(RD_HOL_SE, 2025, NULL, NULL,
	    RD_HOL_MAX_PER_YEAR), 16);
}
END_TEST

START_TEST(midsummer_and_all_saints_every_year)
{
	for (int y = 1900; y <= 2199; y++) {
		int days[RD_HOL_MAX_PER_YEAR];
		const char *names[RD_HOL_MAX_PER_YEAR];
		int n, seen = 0;

		n = rd_holidays_of_year(RD_HOL_SE, y, days, names,
		    RD_HOL_MAX_PER_YEAR);
		ck_assert_int_eq(n, 16);
		for (int i = 0; i < n; i++) {
			int yy, m, d, wd = rd_date_weekday(days[i]);

			if (i > 0)
				ck_assert_int_le(days[i - 1], days[i]);
			rd_date_to_ymd(days[i], &yy, &m, &d);
			ck_assert_int_eq(yy, y);
			if (strcmp(names[i], "Midsummer Eve") == 0) {
				ck_assert(wd == 4 && m == 6 && d >= 19 && d <= 25);
				seen++;
			} else if (strcmp(names[i], "Midsummer Day") == 0) {
				ck_assert(wd == 5 && m == 6 && d >= 20 && d <= 26);
				seen++;
			} else if (strcmp(names[i], "All Saints' Day") == 0) {
				ck_assert(wd == 5 && ((m == 10 && d == 31) ||
				    (m == 11 && d <= 6)));
				seen++;
			}
		}
		ck_assert_int_eq(seen, 3);
	}
}
END_TEST

START_TEST(working_days)
{
	struct rd_holidays *no, *se;
	char err[256];

	ck_assert_ptr_nonnull(no = rd_holidays_new("no", err, sizeof(err)));
	ck_assert_ptr_nonnull(se = rd_holidays_new("se", err, sizeof(err)));

	/* Saturday and Sunday. */
	ck_assert(!rd_is_working_day(no, D("2025-03-08")));
	ck_assert(!rd_is_working_day(no, D("2025-03-09")));
	ck_assert(!rd_is_holiday(no, D("2025-03-08")));
	/* Ordinary weekdays. */
	ck_assert(rd_is_working_day(no, D("2025-03-10")));
	ck_assert(rd_is_working_day(se, D("2025-03-14")));
	/* Weekday holidays. */
	ck_assert(!rd_is_working_day(no, D("2025-04-17")));
	ck_assert(rd_is_holiday(no, D("2025-04-17")));
	ck_assert(rd_is_working_day(se, D("2025-04-17")));
	ck_assert(!rd_is_working_day(se, D("2025-06-06")));
	ck_assert(rd_is_working_day(no, D("2025-06-06")));
	ck_assert(!rd_is_working_day(se, D("2025-12-31")));
	ck_assert(rd_is_working_day(no, D("2025-12-31")));

	/* Across New Year and back, and far apart, to exercise the cache. */
	ck_assert(!rd_is_working_day(se, D("2025-12-31")));
	ck_assert(!rd_is_working_day(se, D("2026-01-01")));
	ck_assert(rd_is_working_day(se, D("2026-01-02")));
	ck_assert(!rd_is_working_day(se, D("2025-12-26")));
	ck_assert(rd_is_holiday(se, D("1900-04-16")));
	ck_assert(rd_is_holiday(se, D("2199-04-15")));
	ck_assert(!rd_is_holiday(se, D("2199-04-16")));
	ck_assert(rd_is_holiday(se, D("2026-01-06")));
	/* Outside years 1..9999 nothing is a holiday, and nothing breaks. */
	ck_assert(!rd_is_holiday(se, -800000));
	ck_assert(!rd_is_holiday(se, 2147483647));
	ck_assert(!rd_is_holiday(se, -2147483647 - 1));

	/* No set, or "none": only weekends are closed. */
	ck_assert(rd_is_working_day(NULL, D("2025-12-25")));
	ck_assert(!rd_is_working_day(NULL, D("2025-12-27")));
	ck_assert(!rd_is_holiday(NULL, D("2025-12-25")));

	rd_holidays_free(no);
	rd_holidays_free(se);
}
END_TEST

START_TEST(spec_none)
{
	struct rd_holidays *h;
	char err[256];

	ck_assert_ptr_nonnull(h = rd_holidays_new("none", err, sizeof(err)));
	ck_assert(!rd_is_holiday(h, D("2025-12-25")));
	ck_assert(rd_is_working_day(h, D("2025-12-25")));
	rd_holidays_free(h);
	rd_holidays_free(NULL);
}
END_TEST

/* Writes len bytes to a new temporary file; the caller frees the path. */
static char *
file_with(const char *text, size_t len)
{
	const char *dir = getenv("TMPDIR");
	size_t sz;
	char *path;
	int fd;

	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	sz = strlen(dir) + sizeof("/test_holidays.XXXXXX");
	ck_assert_ptr_nonnull(path = malloc(sz));
	snprintf(path, sz, "%s/test_holidays.XXXXXX", dir);
	ck_assert_int_ge(fd = mkstemp(path), 0);
	ck_assert_int_eq(write(fd, text, len), (ssize_t)len);
	ck_assert_int_eq(close(fd), 0);
	return path;
}

/*
 * Loads text as a holiday file.  Returns the set, or NULL with the message
 * in err minus the leading file name (which is random).
 */
static struct rd_holidays *
load(const char *text, size_t len, char *err, size_t errsz)
{
	struct rd_holidays *h;
	char *path = file_with(text, len);
	size_t plen = strlen(path);

	err[0] = '\0';
	h = rd_holidays_new(path, err, errsz);
	if (h == NULL) {
		ck_assert_msg(strncmp(err, path, plen) == 0,
		    "message does not name the file: %s", err);
		memmove(err, err + plen, strlen(err + plen) + 1);
	}
	unlink(path);
	free(path);
	return h;
}

#define LOAD(text, err)	load(text, sizeof(text) - 1, err, sizeof(err))

START_TEST(file_good)
{
	struct rd_holidays *h;
	char err[256];

	h = LOAD("2026-12-28\n2026-01-02\n2026-12-28\n2025-07-04\n", err);
	ck_assert_msg(h != NULL, "%s", err);
	ck_assert(rd_is_holiday(h, D("2026-01-02")));
	ck_assert(rd_is_holiday(h, D("2026-12-28")));
	ck_assert(rd_is_holiday(h, D("2025-07-04")));
	ck_assert(!rd_is_holiday(h, D("2026-01-01")));
	ck_assert(!rd_is_holiday(h, D("2026-12-25")));
	ck_assert(!rd_is_holiday(h, D("2024-01-01")));
	ck_assert(!rd_is_holiday(h, D("2027-01-01")));
	ck_assert(!rd_is_working_day(h, D("2026-01-02")));
	ck_assert(rd_is_working_day(h, D("2026-01-01")));
	rd_holidays_free(h);
}
END_TEST

START_TEST(file_header_names_comments_crlf)
{
	struct rd_holidays *h;
	char err[256];

	h = LOAD("date,name\r\n"
	    "# company days\r\n"
	    "\r\n"
	    "2026-01-02,Bridge day, after New Year\r\n"
	    "\n"
	    "2026-12-28,\n"
	    "2026-05-15", err);
	ck_assert_msg(h != NULL, "%s", err);
	ck_assert(rd_is_holiday(h, D("2026-01-02")));
	ck_assert(rd_is_holiday(h, D("2026-12-28")));
	ck_assert(rd_is_holiday(h, D("2026-05-15")));
	ck_assert(!rd_is_holiday(h, D("2026-05-14")));
	rd_holidays_free(h);

	/* A one-column CSV, with a spreadsheet's byte order mark. */
	h = LOAD("\xEF\xBB\xBF" "date\n2026-03-03\n", err);
	ck_assert_msg(h != NULL, "%s", err);
	ck_assert(rd_is_holiday(h, D("2026-03-03")));
	rd_holidays_free(h);

	/* Empty files and files of only a header are empty sets. */
	ck_assert_ptr_nonnull(h = LOAD("", err));
	ck_assert(rd_is_working_day(h, D("2026-01-01")));
	rd_holidays_free(h);
	ck_assert_ptr_nonnull(h = LOAD("date\r\n", err));
	rd_holidays_free(h);
}
END_TEST

START_TEST(file_bad_date)
{
	char err[256];

	ck_assert_ptr_null(LOAD("date\n2026-01-02\n\n2026-02-30\n", err));
	ck_assert_str_eq(err, ":4:1: not a calendar date");
	ck_assert_ptr_null(LOAD("# x\r\n2026-02-30,Nope\r\n", err));
	ck_assert_str_eq(err, ":2:1: not a calendar date");
}
END_TEST

START_TEST(file_bad_lines)
{
	static const char *const bad[] = {
		"2026-1-02\n",		/* not zero-padded */
		"02.01.2026\n",		/* DMY is not allowed here */
		" 2026-01-02\n",	/* leading blank */
		"2026-01-02 \n",	/* trailing blank */
		"2026-01-02;x\n",	/* not a comma */
		"\"2026-01-02\"\n",	/* quoted */
		"   \n",		/* only blanks */
		"2026-01-02x\n",
		"2026-01-02\rx\n",
	};
	char err[256];

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ck_assert_ptr_null(load(bad[i], strlen(bad[i]), err,
		    sizeof(err)));
		ck_assert_msg(strncmp(err, ":1:1: ", 6) == 0, "%s: %s", bad[i],
		    err);
	}
	/* "date" is a header only on the first line. */
	ck_assert_ptr_null(LOAD("2026-01-02\ndate\n", err));
	ck_assert_str_eq(err, ":2:1: expected a date as YYYY-MM-DD");
	/* A NUL byte where a digit should be. */
	ck_assert_ptr_null(LOAD("2026-01-02\n2026-01-\0002\n", err));
	ck_assert_str_eq(err, ":2:1: expected a date as YYYY-MM-DD");
}
END_TEST

START_TEST(file_missing)
{
	struct rd_holidays *h;
	char err[256];

	h = rd_holidays_new("/nonexistent/holidays.csv", err, sizeof(err));
	ck_assert_ptr_null(h);
	ck_assert_str_eq(err,
	    "/nonexistent/holidays.csv: No such file or directory");
	/* err may be left out. */
	ck_assert_ptr_null(rd_holidays_new("/nonexistent/x", NULL, 0));
	/* A message longer than err is cut, not overrun. */
	ck_assert_ptr_null(rd_holidays_new("/nonexistent/x", err, 5));
	ck_assert_str_eq(err, "/non");
}
END_TEST

START_TEST(country_parse)
{
	enum rd_holiday_country c;

	ck_assert_int_eq(rd_holiday_country_parse("no", &c), 0);
	ck_assert_int_eq(c, RD_HOL_NO);
	ck_assert_int_eq(rd_holiday_country_parse("se", &c), 0);
	ck_assert_int_eq(c, RD_HOL_SE);
	ck_assert_int_eq(rd_holiday_country_parse("none", &c), 0);
	ck_assert_int_eq(c, RD_HOL_NONE);
	/* Codes match in any case, like every code. */
	ck_assert_int_eq(rd_holiday_country_parse("NO", &c), 0);
	ck_assert_int_eq(c, RD_HOL_NO);
	ck_assert_int_eq(rd_holiday_country_parse("Se", &c), 0);
	ck_assert_int_eq(c, RD_HOL_SE);
	ck_assert_int_eq(rd_holiday_country_parse("", &c), -1);
	ck_assert_int_eq(rd_holiday_country_parse("nor", &c), -1);
}
END_TEST

/* A country and a file in either order: the union of both. */
START_TEST(combined_country_and_file)
{
	static const char text[] = "date\n2026-04-09\n2026-12-28\n";
	char *path = file_with(text, sizeof text - 1);
	const char *orders[2][2] = { { "no", path }, { path, "no" } };
	char err[256];

	for (int o = 0; o < 2; o++) {
		struct rd_holidays *h;

		ck_assert_int_eq(rd_holidays_open(orders[o], 2, &h, err, sizeof err), 0);
		ck_assert(rd_is_holiday(h, D("2026-04-02")));	/* Maundy Thursday */
		ck_assert(rd_is_holiday(h, D("2026-04-09")));	/* the file */
		ck_assert(rd_is_holiday(h, D("2026-12-28")));
		ck_assert(rd_is_holiday(h, D("2027-05-17")));	/* any year */
		ck_assert(!rd_is_holiday(h, D("2026-04-08")));
		ck_assert(!rd_is_holiday(h, D("2026-06-06")));	/* Sweden's */
		rd_holidays_free(h);
	}
	unlink(path);
	free(path);
}
END_TEST

START_TEST(combined_two_files_none_and_repeats)
{
	static const char a[] = "2026-01-02\n", b[] = "2026-01-05\n2026-01-02\n";
	char *pa = file_with(a, sizeof a - 1), *pb = file_with(b, sizeof b - 1);
	const char *specs[] = { pa, "none", pb, "SE", "se" };
	struct rd_holidays *h;
	char err[256];

	ck_assert_int_eq(rd_holidays_open(specs, 5, &h, err, sizeof err), 0);
	ck_assert(rd_is_holiday(h, D("2026-01-02")));
	ck_assert(rd_is_holiday(h, D("2026-01-05")));
	ck_assert(rd_is_holiday(h, D("2026-01-06")));	/* Epiphany */
	ck_assert(!rd_is_holiday(h, D("2026-01-07")));
	rd_holidays_free(h);
	/* No spec at all: only weekends. */
	ck_assert_int_eq(rd_holidays_open(NULL, 0, &h, err, sizeof err), 0);
	ck_assert(rd_is_working_day(h, D("2026-12-25")));
	rd_holidays_free(h);
	unlink(pa);
	unlink(pb);
	free(pa);
	free(pb);
}
END_TEST

START_TEST(combined_errors)
{
	const char *two[] = { "no", "se" };
	const char *missing[] = { "no", "/nonexistent/closed.csv" };
	struct rd_holidays *h = (struct rd_holidays *)1;
	char err[256];

	ck_assert_int_eq(rd_holidays_open(two, 2, &h, err, sizeof err), -2);
	ck_assert_ptr_null(h);
	ck_assert_str_eq(err, "se: the holidays of 'no' are given already "
	    "(one country a run)");
	ck_assert_int_eq(rd_holidays_open(missing, 2, &h, err, sizeof err), -1);
	ck_assert_ptr_null(h);
	ck_assert_str_eq(err, "/nonexistent/closed.csv: No such file or directory");
}
END_TEST

static Suite *
holidays_suite(void)
{
	Suite *s = suite_create("holidays");
	TCase *tc;

	tc = tcase_create("easter");
	tcase_add_loop_test(tc, easter_published, 0,
	    sizeof(easter_table) / sizeof(easter_table[0]));
	tcase_add_test(tc, easter_is_sunday_in_range);
	suite_add_tcase(s, tc);

	tc = tcase_create("countries");
	tcase_add_test(tc, norway_2025_2026);
	tcase_add_test(tc, sweden_2025_2026);
	tcase_add_test(tc, coinciding_holidays);
	tcase_add_test(tc, of_year_limits);
	tcase_add_test(tc, midsummer_and_all_saints_every_year);
	tcase_add_test(tc, working_days);
	tcase_add_test(tc, spec_none);
	tcase_add_test(tc, country_parse);
	suite_add_tcase(s, tc);

	tc = tcase_create("files");
	tcase_add_test(tc, file_good);
	tcase_add_test(tc, file_header_names_comments_crlf);
	tcase_add_test(tc, file_bad_date);
	tcase_add_test(tc, file_bad_lines);
	tcase_add_test(tc, file_missing);
	tcase_add_test(tc, combined_country_and_file);
	tcase_add_test(tc, combined_two_files_none_and_repeats);
	tcase_add_test(tc, combined_errors);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(holidays_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
