/*
 * Calendar dates as whole days since 1970-01-01 (proleptic Gregorian).
 * No time zone or locale is involved anywhere: a date is a day number, so
 * arithmetic is plain integer arithmetic.  The calendar functions take
 * years 1..9999; a date in a file or an option (rd_date_parse) must have a
 * year from RD_YEAR_MIN to RD_YEAR_MAX, the range birth_year has too, so
 * that a typo such as 0226 or 20226 never passes for a real date.
 */
#ifndef RD_DATE_H
#define RD_DATE_H

#include <stddef.h>
#include <stdint.h>

#include "wordload.h"

enum rd_date_format { RD_DATE_ISO, RD_DATE_DMY };

#define RD_YEAR_MIN 1900
#define RD_YEAR_MAX 2199

/* Day number of a calendar date; the caller has checked rd_date_valid(). */
int rd_date_from_ymd(int year, int month, int day);
void rd_date_to_ymd(int days, int *year, int *month, int *day);
int rd_date_valid(int year, int month, int day);
int rd_days_in_month(int year, int month);
/* 0 = Monday .. 6 = Sunday. */
int rd_date_weekday(int days);
/*
 * Parse "YYYY-MM-DD" (and "DD.MM.YYYY" when fmt is RD_DATE_DMY) of exactly
 * len bytes.  Returns 0 and stores the day number, -1 if the text is not
 * a real calendar date, -2 if it is one outside years RD_YEAR_MIN..RD_YEAR_MAX.
 */
int rd_date_parse(const char *text, size_t len, enum rd_date_format fmt, int *days);
/*
 * Months of ISO dates that parsed, per thread, found by their "YYYY-MM-"
 * bytes: rows of shuffled extracts jump between a few years of months, so
 * one remembered month (the grouped case) is not enough.  A month's slot
 * is chosen by the year's last digit and the month's two digits, so any
 * ten years of months have a slot each.  A slot holds only a month of a
 * date that parsed (rd_date_parse returned 0): its year is in range, so a
 * day in it is valid exactly when it is from 1 to the month's length.
 * Filled by rd_date_parse, read in line by rd_date_iso_known.
 */
#define RD_MONTH_SLOTS 512
struct rd_month_slot {
	uint64_t head;		/* bytes 0-7, "YYYY-MM-"; 0: empty */
	int day0;		/* day number of the month's day 0 */
	int length;		/* days in the month */
};
extern _Thread_local struct rd_month_slot rd_month_slots[RD_MONTH_SLOTS];

static inline struct rd_month_slot *
rd_month_slot(uint64_t head)
{
	/* Low nibbles of bytes 3 (year's last digit), 5 and 6 (month). */
	unsigned year1 = (unsigned)(head >> 24) & 0xf;
	unsigned month10 = (unsigned)(head >> 40) & 0x1;
	unsigned month1 = (unsigned)(head >> 48) & 0xf;

	return &rd_month_slots[year1 << 5 | month10 << 4 | month1];
}

/*
 * rd_date_parse(s, 10, any format, days) in line, for a date of a month
 * already in its slot: 0 and the day number, or -1 when rd_date_parse
 * must decide (another month, or not a date at all).  The slot's head
 * holds both dashes, so a match is an ISO date of that month.
 */
static inline int
rd_date_iso_known(const char *s, int *days)
{
	uint64_t head = rd_load64(s);
	const struct rd_month_slot *slot = rd_month_slot(head);
	unsigned tens = (unsigned char)s[8] - (unsigned)'0',
	    ones = (unsigned char)s[9] - (unsigned)'0', day = tens * 10 + ones;

	if (head != slot->head || tens > 9 || ones > 9 ||
	    day - 1 >= (unsigned)slot->length)	/* day 0 wraps round */
		return -1;
	*days = slot->day0 + (int)day;
	return 0;
}

/* Writes "YYYY-MM-DD" and a NUL into out (at least 11 bytes). */
void rd_date_format(int days, char out[11]);
/* Today's local date, for the default of --as-of. */
int rd_date_today(void);

#endif
