/*
 * Public holidays and working days.
 *
 * A holiday set is either one country's public holidays, computed from the
 * calendar for whatever year a day falls in, or a list of dates read from a
 * file.  Today's rules applied to every year: no historical changes to the
 * holiday calendars are modelled.  (Known ones: Sweden had Whit Monday
 * instead of the National Day before 2005; in Norway 1 May and 17 May have
 * been statutory holidays since 1947.)  Sweden's set includes Midsummer Eve,
 * Christmas Eve and New Year's Eve, which are not public holidays by law but
 * are closed days in practice.
 *
 * Norway (no): New Year's Day (1 Jan), Maundy Thursday, Good Friday, Easter
 * Sunday, Easter Monday, Labour Day (1 May), Constitution Day (17 May),
 * Ascension Day, Whit Sunday, Whit Monday, Christmas Day (25 Dec), Boxing
 * Day (26 Dec).
 *
 * Sweden (se): New Year's Day (1 Jan), Epiphany (6 Jan), Good Friday, Easter
 * Sunday, Easter Monday, Labour Day (1 May), Ascension Day, Whit Sunday,
 * National Day (6 Jun), Midsummer Eve (Friday 19-25 Jun), Midsummer Day
 * (Saturday 20-26 Jun), All Saints' Day (Saturday 31 Oct-6 Nov), Christmas
 * Eve, Christmas Day, Boxing Day, New Year's Eve.
 *
 * Easter-dependent days are Easter Sunday -3 (Maundy Thursday), -2 (Good
 * Friday), +1 (Easter Monday), +39 (Ascension Day), +49 (Whit Sunday) and
 * +50 (Whit Monday).
 */
#ifndef RD_HOLIDAYS_H
#define RD_HOLIDAYS_H

#include <stddef.h>

enum rd_holiday_country { RD_HOL_NONE, RD_HOL_NO, RD_HOL_SE };

/* No country has more holidays than this in one year. */
#define RD_HOL_MAX_PER_YEAR	20

/* Opaque set of holiday days. */
struct rd_holidays;

/*
 * A set holds at most one country's holidays plus any number of dates from
 * files: national holidays and a clinic's own closed days together.
 *
 * spec is "no", "se", "none" (or NULL, the same) or the path of a file of
 * dates (use "./no" for a file that is called "no").  A file has one ISO
 * date (YYYY-MM-DD) a line; anything after a comma on a line is ignored (a
 * name column); the first line may be the header "date" (or "date,...");
 * blank lines and lines that start with '#' are skipped; lines may end in LF
 * or CRLF.  A UTF-8 byte order mark at the start is skipped.
 * Returns NULL and writes "FILE:LINE:COL: what is wrong" or "FILE: reason"
 * into err (if err is not NULL) on failure.
 */
struct rd_holidays *rd_holidays_new(const char *spec, char *err, size_t errsz);
/*
 * Adds spec (as for rd_holidays_new) to the set: a file's dates join those
 * already there, "none" adds nothing, a country is taken when the set has
 * none or the same one.  A second, different country is an error ("no" and
 * "se" in one set is more likely a mistake than a clinic on the border).
 * Returns 0, or with err filled in as above -1 (a file) or -2 (a second
 * country); the set is unchanged then except for the dates of a file read
 * before the bad line.
 */
int rd_holidays_add(struct rd_holidays *, const char *spec, char *err, size_t errsz);
/*
 * The set of every spec of a repeated --holidays option (n may be 0: none)
 * into *out.  Returns 0; -1 when a file cannot be read or has a bad line;
 * -2 when two different countries are given (a usage error for the tool).
 * err is filled in on failure.
 */
int rd_holidays_open(const char *const *specs, size_t n, struct rd_holidays **out,
    char *err, size_t errsz);
void rd_holidays_free(struct rd_holidays *);

/*
 * Whether day (a day number, see date.h) is in the set; a NULL set has no
 * holidays.  Country sets keep the last couple of years they were asked
 * about, so one set must not be used from two threads at once.
 */
int rd_is_holiday(const struct rd_holidays *, int day);
/* Neither a Saturday, a Sunday nor a holiday. */
int rd_is_working_day(const struct rd_holidays *, int day);

/*
 * Day number of (Western, Gregorian) Easter Sunday of year, by the
 * anonymous Gregorian algorithm (Meeus/Jones/Butcher).  Meant for
 * 1583..9999; it computes the proleptic date for any year >= 1.
 */
int rd_easter_sunday(int year);

/*
 * The holidays of one country and year (1..9999) in date order: fills
 * days[] and names[] (English names, e.g. "Maundy Thursday"; names may be
 * NULL) with at most max entries and returns how many it filled.  When two
 * holidays fall on the same day both are listed, e.g. 17 May 2007 was both
 * Constitution Day and Ascension Day in Norway.  RD_HOL_NONE and years out
 * of range have none.
 */
int rd_holidays_of_year(enum rd_holiday_country, int year, int *days,
    const char **names, int max);

/* "no", "se" or "none" in any case to a country; -1 for anything else. */
int rd_holiday_country_parse(const char *name, enum rd_holiday_country *out);

#endif
