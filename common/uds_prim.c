/*
 * Primitives of the UDS outcome library (urine-track(1), --outcome).
 * They mirror the behaviour of CTNote 0.1.3 exactly, including its edge
 * cases, because the outcome columns must agree with its published values.
 */
#include "uds.h"

#include <math.h>
#include <string.h>

const char *
rd_uds_str_sub(const char *w, size_t n, long start, long end, size_t *sublen)
{
	long len = (long)n;

	if (start < 0)
		start = len + start + 1;
	if (start < 1)
		start = 1;
	if (end < 0)
		end = len + end + 1;
	if (end > len)
		end = len;
	if (start > end) {
		*sublen = 0;
		return w;
	}
	*sublen = (size_t)(end - start + 1);
	return w + (start - 1);
}

size_t
rd_uds_recode(const char *w, size_t n, char from, char to, char *out)
{
	size_t i, m = 0;

	/* Writing never overtakes reading, so out may be w. */
	for (i = 0; i < n; i++) {
		if (w[i] != from)
			out[m++] = w[i];
		else if (to != '\0')
			out[m++] = to;
	}
	return m;
}

size_t
rd_uds_pos(const char *w, size_t n, char *out)
{
	n = rd_uds_recode(w, n, 'o', '+', out);
	return rd_uds_recode(out, n, '*', '+', out);
}

double
rd_uds_count_matches(const char *w, size_t n, char match, long start,
    long end, char mixed, double mixed_weight, int proportion)
{
	size_t len, i, hits = 0, mixes = 0;
	const char *s = rd_uds_str_sub(w, n, start, end, &len);
	double c;

	/* An empty slice is 0 even as a proportion, never 0/0. */
	if (len == 0)
		return 0;
	for (i = 0; i < len; i++) {
		if (s[i] == match)
			hits++;
		if (mixed != '\0' && s[i] == mixed)
			mixes++;
	}
	c = (double)hits;
	if (mixed != '\0')
		c += mixed_weight * (double)mixes;
	return proportion ? c / (double)len : c;
}

static int
occurs(const char *s, size_t len, const char *sub)
{
	size_t sublen = strlen(sub), i;

	for (i = 0; i + sublen <= len; i++)
		if (memcmp(s + i, sub, sublen) == 0)
			return 1;
	return 0;
}

int
rd_uds_detect_subpattern(const char *w, size_t n, const char *const subs[],
    size_t nsubs, long start, long end)
{
	size_t len, k;
	const char *s = rd_uds_str_sub(w, n, start, end, &len);

	if (len == 0)
		return 0;
	for (k = 0; k < nsubs; k++)
		if (occurs(s, len, subs[k]))
			return 1;
	return 0;
}

struct rd_uds_window
rd_uds_detect_in_window(const char *w, size_t n, long width, long threshold,
    long offset, char match)
{
	struct rd_uds_window r = { 1, 0, 0 };
	size_t i, nwindows, inside = 0, wd;

	if (width < 1 || (size_t)width > n)
		return r;
	wd = (size_t)width;
	nwindows = n - wd + 1;
	r.na = 0;
	for (i = 0; i < wd; i++)
		inside += w[i] == match;
	/* Slide the window one week at a time, keeping its count of matches. */
	for (i = 0; i < nwindows; i++) {
		if (i > 0) {
			inside -= w[i - 1] == match;
			inside += w[i + wd - 1] == match;
		}
		if ((long)inside >= threshold) {
			r.event = 1;
			r.time = (long)i + 1 + offset;
			return r;
		}
	}
	r.time = (long)nwindows + offset;
	return r;
}

size_t
rd_uds_measure_retention(const char *w, size_t n)
{
	while (n > 0 && w[n - 1] == 'o')
		n--;
	return n;
}

size_t
rd_uds_measure_abstinence_period(const char *w, size_t n)
{
	size_t i, run = 0, longest = 0;

	for (i = 0; i < n; i++) {
		run = w[i] == '+' ? 0 : run + 1;
		if (run > longest)
			longest = run;
	}
	return longest;
}

size_t
rd_uds_collapse_lattice(const char *const patterns[], const size_t times[],
    size_t k, char *out, size_t outsz)
{
	size_t i, t, j, len, total = 0;

	for (i = 0; i < k; i++) {
		len = strlen(patterns[i]);
		for (t = 0; t < times[i]; t++)
			for (j = 0; j < len; j++, total++)
				if (total + 1 < outsz)
					out[total] = patterns[i][j];
	}
	if (outsz > 0)
		out[total < outsz ? total : outsz - 1] = '\0';
	return total;
}

void
rd_uds_view_by_lattice(const char *w, size_t n, const char *lattice,
    size_t m, char *out)
{
	size_t i;

	/* Padding is 'o' even after recoding: padded weeks are never '-'. */
	for (i = 0; i < m; i++) {
		out[i] = i < n ? w[i] : 'o';
		if (lattice[i] == '_')
			out[i] = '_';
	}
}

static void
impute_locf(char *w, size_t n, char missing, int inside_only)
{
	size_t first, last, i;

	for (first = 0; first < n && w[first] == missing; first++)
		;
	last = n;
	if (inside_only)
		while (last > first && w[last - 1] == missing)
			last--;
	for (i = first + 1; i < last; i++)
		if (w[i] == missing)
			w[i] = w[i - 1];
}

static void
impute_mode(char *w, size_t n, char missing)
{
	size_t i, npos = 0, nneg = 0, nskip = 0, most;
	char mode;

	for (i = 0; i < n; i++) {
		if (w[i] == missing)
			continue;
		if (w[i] == '+' || w[i] == '*')
			npos++;
		else if (w[i] == '-')
			nneg++;
		else if (w[i] == '_')
			nskip++;
	}
	most = npos > nneg ? npos : nneg;
	most = most > nskip ? most : nskip;
	/*
	 * Ties go to '+', then to '_' before '-': the reference takes the
	 * first of the sorted table, and its collation puts '_' before '-'.
	 */
	if (npos == most)
		mode = '+';
	else if (nskip == most)
		mode = '_';
	else
		mode = '-';
	for (i = 0; i < n; i++)
		if (w[i] == missing)
			w[i] = mode;
}

/* kNV value in half units (+ 2, * 1, - 0), or -1 when unknown. */
static int
knv_halves(char c)
{
	switch (c) {
	case '+':
		return 2;
	case '*':
		return 1;
	case '-':
		return 0;
	default:
		return -1;
	}
}

/*
 * Two neighbours' values in half units summed give the mean in quarter
 * units, 0..4.  Rounding to the nearest of 1, 0.5, 0 with ties to the
 * first: 0.75 -> 1 and 0.25 -> 0.5.
 */
static char
knv_symbol(int quarters)
{
	if (quarters >= 3)
		return '+';
	if (quarters >= 1)
		return '*';
	return '-';
}

static void
impute_knv(char *w, size_t n)
{
	size_t i;
	int left, self, right;

	/* Short words: the reference lets week 1 copy week 2. */
	if (n == 2 && knv_halves(w[0]) < 0 && knv_halves(w[1]) >= 0)
		w[0] = w[1];
	/* Only original values are neighbours, so remember week i - 1. */
	left = n > 0 ? knv_halves(w[0]) : -1;
	for (i = 1; i + 1 < n; i++) {
		self = knv_halves(w[i]);
		right = knv_halves(w[i + 1]);
		if (self < 0 && left >= 0 && right >= 0)
			w[i] = knv_symbol(left + right);
		left = self;
	}
	/* Whatever stays unknown, '_' included, comes back as missing. */
	for (i = 0; i < n; i++)
		if (knv_halves(w[i]) < 0)
			w[i] = 'o';
}

void
rd_uds_impute_missing_visits(char *w, size_t n, enum rd_uds_impute method,
    char missing)
{
	size_t i;

	for (i = 0; i < n && w[i] == missing; i++)
		;
	if (i == n)
		return;
	switch (method) {
	case RD_UDS_LOCF:
		impute_locf(w, n, missing, 0);
		break;
	case RD_UDS_LOCFD:
		impute_locf(w, n, missing, 1);
		break;
	case RD_UDS_MODE:
		impute_mode(w, n, missing);
		break;
	case RD_UDS_KNV:
		impute_knv(w, n);
		break;
	}
}

static double
weight_of(const struct rd_uds_weights *weights, char c)
{
	switch (c) {
	case '+':
		return weights->positive;
	case '*':
		return weights->mixed;
	case 'o':
		return weights->missing;
	default:
		return weights->negative;
	}
}

double
rd_uds_weight_positive_visits(const char *w, size_t n,
    const struct rd_uds_weights *weights, const double penalty[], size_t q)
{
	size_t i, j, total;
	long double got = 0, worst = 0;
	double p, out, most;
	char c;

	if (n == 0 || q == 0)
		return NAN;
	for (i = 0; i < n; i++)
		if (strchr("+*o-", w[i]) == NULL)
			return NAN;
	/* A word shorter than the penalty list is recycled, as R does. */
	total = n > q ? n : q;
	/*
	 * The reference sums in x87 extended precision and rounds each sum
	 * to double once; long double sums reproduce its last bits.
	 */
	for (j = 0; j < total; j++) {
		c = w[j % n];
		p = penalty[j % q];
		out = weight_of(weights, c);
		if (c == '+' || c == '*')
			out *= p;
		most = weights->positive * p;
		if (most < weights->missing)
			most = weights->missing;
		got += out;
		worst += most;
	}
	return (120.0 * (double)got) / (double)worst;
}

void
rd_uds_ramp(double a, double b, size_t k, double out[])
{
	size_t i;
	double step;

	if (k == 0)
		return;
	out[0] = a;
	if (k == 1)
		return;
	step = (b - a) / (double)(k - 1);
	for (i = 1; i + 1 < k; i++)
		out[i] = a + (double)i * step;
	out[k - 1] = b;
}
