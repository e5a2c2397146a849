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
/* Writes "YYYY-MM-DD" and a NUL into out (at least 11 bytes). */
void rd_date_format(int days, char out[11]);
/* Today's local date, for the default of --as-of. */
int rd_date_today(void);

#endif
