#define _POSIX_C_SOURCE 200809L	/* getline */

#include "holidays.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "date.h"

/*
 * A country's holidays for one year.  Computing a year takes an Easter
 * calculation and a sort, so lookups remember the last few years instead of
 * redoing that for every day; a table for all years would be far larger
 * than anything a run needs.
 */
struct year_days {
	int first, last;	/* 1 Jan and 31 Dec; first > last when unused */
	int n;
	int days[RD_HOL_MAX_PER_YEAR];
};

/*
 * Two slots, so that walking day by day across New Year, or going back and
 * forth between the two years of a plan that spans it, never recomputes.
 */
#define NCACHED	2

struct year_cache {
	struct year_days year[NCACHED];
	int next;		/* slot to reuse on a miss */
};

struct rd_holidays {
	enum rd_holiday_country country;
	int *dates;		/* from a file: sorted, no duplicates */
	size_t ndates, cap;
	/*
	 * Behind a pointer so that lookups, which take a const set, can fill
	 * it without casting the const away.
	 */
	struct year_cache *cache;
};

enum rule_kind {
	FIXED,			/* month, day */
	EASTER,			/* offset days from Easter Sunday */
	WEEKDAY_FROM		/* first weekday (0 = Mon) on or after month, day */
};

struct rule {
	const char *name;
	enum rule_kind kind;
	int month, day;
	int arg;		/* EASTER: offset; WEEKDAY_FROM: weekday */
};

static const struct rule norway[] = {
	{ "New Year's Day", FIXED, 1, 1, 0 },
	{ "Maundy Thursday", EASTER, 0, 0, -3 },
	{ "Good Friday", EASTER, 0, 0, -2 },
	{ "Easter Sunday", EASTER, 0, 0, 0 },
	{ "Easter Monday", EASTER, 0, 0, 1 },
	{ "Labour Day", FIXED, 5, 1, 0 },
	{ "Constitution Day", FIXED, 5, 17, 0 },
	{ "Ascension Day", EASTER, 0, 0, 39 },
	{ "Whit Sunday", EASTER, 0, 0, 49 },
	{ "Whit Monday", EASTER, 0, 0, 50 },
	{ "Christmas Day", FIXED, 12, 25, 0 },
	{ "Boxing Day", FIXED, 12, 26, 0 },
};

static const struct rule sweden[] = {
	{ "New Year's Day", FIXED, 1, 1, 0 },
	{ "Epiphany", FIXED, 1, 6, 0 },
	{ "Good Friday", EASTER, 0, 0, -2 },
	{ "Easter Sunday", EASTER, 0, 0, 0 },
	{ "Easter Monday", EASTER, 0, 0, 1 },
	{ "Labour Day", FIXED, 5, 1, 0 },
	{ "Ascension Day", EASTER, 0, 0, 39 },
	{ "Whit Sunday", EASTER, 0, 0, 49 },
	{ "National Day", FIXED, 6, 6, 0 },
	{ "Midsummer Eve", WEEKDAY_FROM, 6, 19, 4 },
	{ "Midsummer Day", WEEKDAY_FROM, 6, 20, 5 },
	{ "All Saints' Day", WEEKDAY_FROM, 10, 31, 5 },
	{ "Christmas Eve", FIXED, 12, 24, 0 },
	{ "Christmas Day", FIXED, 12, 25, 0 },
	{ "Boxing Day", FIXED, 12, 26, 0 },
	{ "New Year's Eve", FIXED, 12, 31, 0 },
};

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* Writes a message into err, which may be NULL. */
static void
seterr(char *err, size_t errsz, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL || errsz == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errsz, fmt, ap);
	va_end(ap);
}

int
rd_easter_sunday(int year)
{
	int a = year % 19;
	int b = year / 100, c = year % 100;
	int d = b / 4, e = b % 4;
	int f = (b + 8) / 25;
	int g = (b - f + 1) / 3;
	int h = (19 * a + b - d - g + 15) % 30;
	int i = c / 4, k = c % 4;
	int l = (32 + 2 * e + 2 * i - h - k) % 7;
	int m = (a + 11 * h + 22 * l) / 451;
	int month = (h + l - 7 * m + 114) / 31;
	int day = (h + l - 7 * m + 114) % 31 + 1;

	return rd_date_from_ymd(year, month, day);
}

static int
rule_day(const struct rule *r, int year, int easter)
{
	int day;

	switch (r->kind) {
	case EASTER:
		return easter + r->arg;
	case WEEKDAY_FROM:
		day = rd_date_from_ymd(year, r->month, r->day);
		return day + (r->arg - rd_date_weekday(day) + 7) % 7;
	case FIXED:
		break;
	}
	return rd_date_from_ymd(year, r->month, r->day);
}

int
rd_holidays_of_year(enum rd_holiday_country country, int year, int *days,
    const char **names, int max)
{
	const struct rule *rules;
	const char *name[RD_HOL_MAX_PER_YEAR];
	int day[RD_HOL_MAX_PER_YEAR];
	int n, easter;

	switch (country) {
	case RD_HOL_NO:
		rules = norway;
		n = NELEM(norway);
		break;
	case RD_HOL_SE:
		rules = sweden;
		n = NELEM(sweden);
		break;
	default:
		return 0;
	}
	if (year < 1 || year > 9999)
		return 0;

	/*
	 * Insertion sort: stable, so holidays on the same day keep table
	 * order, and the moving feasts land between the fixed ones.
	 */
	easter = rd_easter_sunday(year);
	for (int i = 0; i < n; i++) {
		int d = rule_day(&rules[i], year, easter), j;

		for (j = i; j > 0 && day[j - 1] > d; j--) {
			day[j] = day[j - 1];
			name[j] = name[j - 1];
		}
		day[j] = d;
		name[j] = rules[i].name;
	}

	if (n > max)
		n = max < 0 ? 0 : max;
	for (int i = 0; i < n; i++) {
		if (days != NULL)
			days[i] = day[i];
		if (names != NULL)
			names[i] = name[i];
	}
	return n;
}

int
rd_holiday_country_parse(const char *s, enum rd_holiday_country *out)
{
	/* Country codes match in any case, like every code. */
	if (strcasecmp(s, "no") == 0)
		*out = RD_HOL_NO;
	else if (strcasecmp(s, "se") == 0)
		*out = RD_HOL_SE;
	else if (strcasecmp(s, "none") == 0)
		*out = RD_HOL_NONE;
	else
		return -1;
	return 0;
}

/* The slot that holds day's year, computing it into the oldest if needed. */
static const struct year_days *
year_for(struct year_cache *c, enum rd_holiday_country country, int day)
{
	struct year_days *yd;
	int y, m, d;

	for (int i = 0; i < NCACHED; i++)
		if (day >= c->year[i].first && day <= c->year[i].last)
			return &c->year[i];

	rd_date_to_ymd(day, &y, &m, &d);
	yd = &c->year[c->next];
	c->next = (c->next + 1) % NCACHED;
	yd->first = rd_date_from_ymd(y, 1, 1);
	yd->last = rd_date_from_ymd(y, 12, 31);
	yd->n = rd_holidays_of_year(country, y, yd->days, NULL,
	    RD_HOL_MAX_PER_YEAR);
	return yd;
}

static int
in_file(const struct rd_holidays *h, int day)
{
	size_t lo = 0, hi = h->ndates;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (h->dates[mid] == day)
			return 1;
		if (h->dates[mid] < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

int
rd_is_holiday(const struct rd_holidays *h, int day)
{
	const struct year_days *yd;

	if (h == NULL)
		return 0;
	if (in_file(h, day))
		return 1;
	if (h->cache == NULL)
		return 0;
	/* Outside years 1..9999 the date conversions could overflow. */
	if (day < rd_date_from_ymd(1, 1, 1) ||
	    day > rd_date_from_ymd(9999, 12, 31))
		return 0;
	yd = year_for(h->cache, h->country, day);
	for (int i = 0; i < yd->n; i++)
		if (yd->days[i] == day)
			return 1;
	return 0;
}

int
rd_is_working_day(const struct rd_holidays *h, int day)
{
	return rd_date_weekday(day) < 5 && !rd_is_holiday(h, day);
}

static int
append(struct rd_holidays *h, int day)
{
	int *p;
	size_t cap;

	if (h->ndates == h->cap) {
		if (h->cap > SIZE_MAX / 2 / sizeof(*p)) {
			errno = ENOMEM;
			return -1;
		}
		cap = h->cap ? h->cap * 2 : 64;
		if ((p = realloc(h->dates, cap * sizeof(*p))) == NULL)
			return -1;
		h->dates = p;
		h->cap = cap;
	}
	h->dates[h->ndates++] = day;
	return 0;
}

/* Whether s looks like YYYY-MM-DD, so a failed parse means no such day. */
static int
iso_shaped(const char *s, size_t len)
{
	if (len != 10)
		return 0;
	for (size_t i = 0; i < len; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/*
 * Checks one line of a holiday file, without its line end, and appends its
 * date.  Returns 0, or -1 with err filled in.
 */
static int
add_line(struct rd_holidays *h, const char *path, size_t lineno,
    const char *s, size_t len, char *err, size_t errsz)
{
	const char *comma;
	size_t flen;
	int day;

	/* A spreadsheet's UTF-8 byte order mark is not part of the text. */
	if (lineno == 1 && len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
		s += 3;
		len -= 3;
	}
	if (len == 0 || s[0] == '#')
		return 0;
	comma = memchr(s, ',', len);
	flen = comma != NULL ? (size_t)(comma - s) : len;
	if (lineno == 1 && flen == 4 && memcmp(s, "date", 4) == 0)
		return 0;
	if (rd_date_parse(s, flen, RD_DATE_ISO, &day) != 0) {
		seterr(err, errsz, "%s:%zu:1: %s", path, lineno,
		    iso_shaped(s, flen) ? "not a calendar date" :
		    "expected a date as YYYY-MM-DD");
		return -1;
	}
	if (append(h, day) == -1) {
		seterr(err, errsz, "%s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

static int
cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

/* Sorts the dates and drops repeats, so that lookups can bisect. */
static void
sort_dates(struct rd_holidays *h)
{
	size_t n = 0;

	if (h->ndates == 0)
		return;
	qsort(h->dates, h->ndates, sizeof(h->dates[0]), cmp_int);
	for (size_t i = 1; i < h->ndates; i++)
		if (h->dates[i] != h->dates[n])
			h->dates[++n] = h->dates[i];
	h->ndates = n + 1;
}

static int
read_file(struct rd_holidays *h, const char *path, char *err, size_t errsz)
{
	FILE *fp;
	char *line = NULL;
	size_t cap = 0, lineno = 0;
	ssize_t n;
	int rc = 0;

	if ((fp = fopen(path, "r")) == NULL) {
		seterr(err, errsz, "%s: %s", path, strerror(errno));
		return -1;
	}
	while ((n = getline(&line, &cap, fp)) != -1) {
		size_t len = (size_t)n;

		lineno++;
		if (len > 0 && line[len - 1] == '\n')
			len--;
		if (len > 0 && line[len - 1] == '\r')
			len--;
		if ((rc = add_line(h, path, lineno, line, len, err, errsz)) == -1)
			break;
	}
	if (rc == 0 && ferror(fp)) {
		seterr(err, errsz, "%s: %s", path, strerror(errno));
		rc = -1;
	}
	free(line);
	fclose(fp);
	if (rc == 0)
		sort_dates(h);
	return rc;
}

/* The country's year cache, allocated when a country joins the set. */
static int
add_country(struct rd_holidays *h, enum rd_holiday_country country,
    const char *spec, char *err, size_t errsz)
{
	if (country == RD_HOL_NONE || country == h->country)
		return 0;
	if (h->country != RD_HOL_NONE) {
		seterr(err, errsz, "%s: the holidays of '%s' are given already "
		    "(one country a run)", spec, h->country == RD_HOL_NO ? "no" : "se");
		return -2;
	}
	if ((h->cache = malloc(sizeof(*h->cache))) == NULL) {
		seterr(err, errsz, "%s: %s", spec, strerror(errno));
		return -1;
	}
	for (int i = 0; i < NCACHED; i++) {
		h->cache->year[i].first = 1;
		h->cache->year[i].last = 0;
		h->cache->year[i].n = 0;
	}
	h->cache->next = 0;
	h->country = country;
	return 0;
}

int
rd_holidays_add(struct rd_holidays *h, const char *spec, char *err, size_t errsz)
{
	enum rd_holiday_country country;

	if (spec == NULL)
		spec = "none";
	if (rd_holiday_country_parse(spec, &country) == -1)
		return read_file(h, spec, err, errsz);
	return add_country(h, country, spec, err, errsz);
}

struct rd_holidays *
rd_holidays_new(const char *spec, char *err, size_t errsz)
{
	struct rd_holidays *h;

	if ((h = calloc(1, sizeof(*h))) == NULL) {
		seterr(err, errsz, "%s: %s", spec != NULL ? spec : "none",
		    strerror(errno));
		return NULL;
	}
	if (rd_holidays_add(h, spec, err, errsz) != 0) {
		rd_holidays_free(h);
		return NULL;
	}
	return h;
}

int
rd_holidays_open(const char *const *specs, size_t n, struct rd_holidays **out,
    char *err, size_t errsz)
{
	int rc = 0;

	if ((*out = rd_holidays_new(NULL, err, errsz)) == NULL)
		return -1;
	for (size_t i = 0; rc == 0 && i < n; i++)
		rc = rd_holidays_add(*out, specs[i], err, errsz);
	if (rc != 0) {
		rd_holidays_free(*out);
		*out = NULL;
	}
	return rc;
}

void
rd_holidays_free(struct rd_holidays *h)
{
	if (h == NULL)
		return;
	free(h->dates);
	free(h->cache);
	free(h);
}
