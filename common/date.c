#include "date.h"

#include <stdint.h>
#include <string.h>
#include <time.h>

#include "wordload.h"

/*
 * Day-number conversions after Howard Hinnant's "days_from_civil" and
 * "civil_from_days": exact for the whole proleptic Gregorian calendar with
 * integer arithmetic only.
 */
int
rd_date_from_ymd(int year, int month, int day)
{
	int y = year - (month <= 2);
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

void
rd_date_to_ymd(int days, int *year, int *month, int *day)
{
	int z = days + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	int m = mp + (mp < 10 ? 3 : -9);

	*day = doy - (153 * mp + 2) / 5 + 1;
	*month = m;
	*year = yoe + era * 400 + (m <= 2);
}

static int
is_leap(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int
rd_days_in_month(int year, int month)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (month == 2 && is_leap(year))
		return 29;
	return days[month - 1];
}

int
rd_date_valid(int year, int month, int day)
{
	return year >= 1 && year <= 9999 && month >= 1 && month <= 12 &&
	    day >= 1 && day <= rd_days_in_month(year, month);
}

int
rd_date_weekday(int days)
{
	/* 1970-01-01 was a Thursday (3 when Monday is 0). */
	int wd = (days + 3) % 7;

	return wd < 0 ? wd + 7 : wd;
}

/* Reads exactly n decimal digits; -1 if any byte is not a digit. */
static int
digits(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* Two decimal digits at s, or -1. */
static inline int
two_digits(const char *s)
{
	unsigned a = (unsigned char)s[0] - (unsigned)'0', b = (unsigned char)s[1] - (unsigned)'0';

	return a > 9 || b > 9 ? -1 : (int)(a * 10 + b);
}

_Thread_local struct rd_month_slot rd_month_slots[RD_MONTH_SLOTS];

/* Year, month and day of a date whose month is not in its slot. */
static int
iso_fields(const char *s, int *y, int *m, int *d)
{
	int century = two_digits(s), year = two_digits(s + 2);

	*y = century < 0 || year < 0 ? -1 : century * 100 + year;
	*m = two_digits(s + 5);
	*d = two_digits(s + 8);
	return *y < 0 || *m < 0 || *d < 0 ? -1 : 0;
}

int
rd_date_parse(const char *s, size_t len, enum rd_date_format fmt, int *days)
{
	int y, m, d, iso;
	uint64_t head = 0;
	struct rd_month_slot *slot = NULL;

	if (len != 10)
		return -1;
	iso = s[4] == '-' && s[7] == '-';
	if (iso) {
		if (rd_date_iso_known(s, days) == 0)
			return 0;
		head = rd_load64(s);
		slot = rd_month_slot(head);
		if (head == slot->head)
			return -1;	/* a month that parsed, a day not in it */
		if (iso_fields(s, &y, &m, &d) < 0)
			return -1;
	} else if (fmt == RD_DATE_DMY && s[2] == '.' && s[5] == '.') {
		d = digits(s, 2);
		m = digits(s + 3, 2);
		y = digits(s + 6, 4);
		if (y < 0 || m < 0 || d < 0)
			return -1;
	} else
		return -1;
	if (!rd_date_valid(y, m, d))
		return -1;
	if (y < RD_YEAR_MIN || y > RD_YEAR_MAX)
		return -2;
	*days = rd_date_from_ymd(y, m, d);
	if (slot != NULL) {
		slot->head = head;
		slot->day0 = *days - d;
		slot->length = rd_days_in_month(y, m);
	}
	return 0;
}

void
rd_date_format(int days, char out[11])
{
	int y, m, d;

	rd_date_to_ymd(days, &y, &m, &d);
	out[0] = (char)('0' + y / 1000 % 10);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
}

int
rd_date_today(void)
{
	time_t now = time(NULL);
	struct tm tm;

	if (localtime_r(&now, &tm) == NULL)
		return 0;
	return rd_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}
