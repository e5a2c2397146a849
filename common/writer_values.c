/*
 * Values the writer formats itself (writer.h): strings, whole numbers,
 * fixed and scaled decimals, dates, and a record field by field.  Each
 * goes out through rd_put or rd_put_clean, which quote and place it.
 */
#include "writer.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "date.h"
#include "diag.h"
#include "fields.h"

void
rd_put_str(struct rd_writer *w, const char *s)
{
	rd_put(w, s, strlen(s));
}

void
rd_put_long(struct rd_writer *w, long long v)
{
	char tmp[24], *p = tmp + sizeof tmp;
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;

	if (v >= 0 && v < 100) {	/* minutes, counts: most numbers written */
		tmp[0] = (char)('0' + v / 10);
		tmp[1] = (char)('0' + v % 10);
		rd_put_clean(w, tmp + (v < 10), 2 - (size_t)(v < 10));
		return;
	}
	/* By hand: counts are written on every row of every summary. */
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u > 0);
	if (v < 0)
		*--p = '-';
	rd_put_clean(w, p, (size_t)(tmp + sizeof tmp - p));
}

void
rd_put_fixed(struct rd_writer *w, double v, int decimals)
{
	static const double scale[] = { 1, 10, 100, 1e3, 1e4, 1e5, 1e6 };
	char tmp[400];	/* DBL_MAX has 309 digits */
	int n;

	/*
	 * printf rounds v's exact value.  Below 1e9 units, v * 10^decimals is
	 * within 1.2e-7 of it, so where that is not within 1e-6 of a half
	 * its nearest integer is printf's: write it as scaled units (a zero,
	 * of either sign, is "0.00" as below).  Ties, big values, inf and
	 * nan take printf.
	 */
	if (decimals >= 0 && decimals <= 6) {
		double x = v * scale[decimals], r = nearbyint(x);

		if (fabs(x) < 1e9 && fabs(fabs(x - r) - 0.5) > 1e-6) {
			rd_put_scaled(w, (long long)r, decimals);
			return;
		}
	}
	n = snprintf(tmp, sizeof tmp, "%.*f", decimals, v);
	if (n < 0 || (size_t)n >= sizeof tmp)
		rd_die(RD_EXIT_DATA, "a number with %d decimals does not fit in "
		    "%zu bytes", decimals, sizeof tmp);

	/* "-0.0000" would read as a negative share. */
	if (n > 0 && tmp[0] == '-' && strspn(tmp + 1, "0.") == (size_t)n - 1) {
		rd_put_clean(w, tmp + 1, (size_t)n - 1);
		return;
	}
	/* inf and nan are letters too: clean. */
	rd_put_clean(w, tmp, (size_t)n);
}

void
rd_put_scaled(struct rd_writer *w, long long units, int decimals)
{
	char tmp[48], *p = tmp + sizeof tmp;
	unsigned long long u = units < 0 ? 0ULL - (unsigned long long)units :
	    (unsigned long long)units;

	if (decimals == 1 && units >= 0 && units < 1000) {	/* scores: "25.5" */
		tmp[0] = (char)('0' + units / 100);
		tmp[1] = (char)('0' + units / 10 % 10);
		tmp[2] = '.';
		tmp[3] = (char)('0' + units % 10);
		rd_put_clean(w, tmp + (units < 100), 4 - (size_t)(units < 100));
		return;
	}

	for (int i = 0; i < decimals; i++) {
		*--p = (char)('0' + u % 10);
		u /= 10;
	}
	if (decimals > 0)
		*--p = '.';
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u > 0);
	if (units < 0)
		*--p = '-';
	rd_put_clean(w, p, (size_t)(tmp + sizeof tmp - p));
}

void
rd_put_date(struct rd_writer *w, int day)
{
	char tmp[11];

	rd_date_format(day, tmp);
	rd_put_clean(w, tmp, 10);
}

void
rd_put_date_or_empty(struct rd_writer *w, int day)
{
	if (day == RD_NO_DATE)
		rd_put_empty(w);
	else
		rd_put_date(w, day);
}

void
rd_put_record(struct rd_writer *w, const struct rd_record *rec)
{
	for (size_t i = 0; i < rec->n; i++)
		rd_put(w, rec->f[i], rec->len[i]);
}
