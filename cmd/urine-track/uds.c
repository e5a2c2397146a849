/*
 * The 62 outcome definitions of urine-track(1) (--outcome), one
 * function per column named after it, each a transcription of the
 * column's formula.  W is the raw word w of n symbols; buf is scratch
 * room for n symbols.  A definition returns its value as a double: 1 or 0
 * for TRUE or FALSE, NAN for not available.
 */
#include "uds.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define ALL		1, -1	/* start, end of the whole word */
#define NO_MIXED	'\0', 0.0

typedef double	 definition(const char *, size_t, char *);

static double
count(const char *w, size_t n, char match, long start, long end)
{
	return rd_uds_count_matches(w, n, match, start, end, NO_MIXED, 0);
}

/* Share of weeks that are match, a mixed week counting one half. */
static double
half_share(const char *w, size_t n, char match, long start, long end)
{
	return rd_uds_count_matches(w, n, match, start, end, '*', 0.5, 1);
}

static int
detect(const char *w, size_t n, const char *sub, long start, long end)
{
	return rd_uds_detect_subpattern(w, n, &sub, 1, start, end);
}

static size_t
without_missing(const char *w, size_t n, char *buf)
{
	return rd_uds_recode(w, n, 'o', '\0', buf);
}

static double
time_of(struct rd_uds_window r)
{
	return r.na ? NAN : (double)r.time;
}

static double
event_of(struct rd_uds_window r)
{
	return r.na ? NAN : (double)r.event;
}

/* detect_in_window(pos(W), width, threshold) with the default offset. */
static struct rd_uds_window
pos_window(const char *w, size_t n, char *buf, long width, long threshold)
{
	size_t m = rd_uds_pos(w, n, buf);

	return rd_uds_detect_in_window(buf, m, width, threshold,
	    width - threshold, '+');
}

/* Abstinence (spec rows 1-16). */

static double
Ab_ctnNinetyFour_2023(const char *w, size_t n, char *buf)
{
	static const char *const runs[] =
	    { "----", "o---", "-o--", "--o-", "---o" };
	size_t m = rd_uds_recode(w, n, '*', '+', buf);

	return rd_uds_detect_subpattern(buf, m, runs, 5, 12, 15);
}

static double
Ab_fiellin_2006(const char *w, size_t n, char *buf)
{
	size_t m = rd_uds_pos(w, n, buf);

	return count(buf, m, '-', ALL);
}

static double
Ab_kosten_1993(const char *w, size_t n, char *buf)
{
	(void)buf;
	return detect(w, n, "---", ALL);
}

static double
Ab_krupitskyA_2011(const char *w, size_t n, char *buf)
{
	size_t m = rd_uds_pos(w, n, buf);

	return rd_uds_count_matches(buf, m, '+', 5, 15, NO_MIXED, 1) == 0;
}

static double
Ab_krupitskyB_2011(const char *w, size_t n, char *buf)
{
	size_t m = rd_uds_pos(w, n, buf);

	return count(buf, m, '-', 5, 15);
}

static double
Ab_ling_1998(const char *w, size_t n, char *buf)
{
	(void)buf;
	return detect(w, n, "----", ALL);
}

/*
 * The Lofwall lattice view of an already recoded word, with the weeks
 * not scheduled ('_') carrying the last result forward.
 */
static void
lofwall_view(const char *recoded, size_t m, char lattice[15])
{
	rd_uds_view_by_lattice(recoded, m, RD_UDS_LOFWALL_LATTICE, 15, lattice);
	rd_uds_impute_missing_visits(lattice, 15, RD_UDS_LOCF, '_');
}

static double
Ab_lofwall_2018(const char *w, size_t n, char *buf)
{
	char l[15];
	size_t m = rd_uds_pos(w, n, buf);

	lofwall_view(buf, m, l);
	return rd_uds_count_matches(l, 15, '-', 5, 7, NO_MIXED, 1) >= 2.0 / 3.0 &&
	    count(l, 15, '-', 8, 8) == 1 &&
	    rd_uds_count_matches(l, 15, '-', 9, 15, NO_MIXED, 1) >= 5.0 / 6.0;
}

static double
AbT_mokri_2016(const char *w, size_t n, char *buf)
{
	return time_of(pos_window(w, n, buf, 1, 1));
}

static double
AbE_mokri_2016(const char *w, size_t n, char *buf)
{
	return event_of(pos_window(w, n, buf, 1, 1));
}

static double
Ab_schottenfeld_2005(const char *w, size_t n, char *buf)
{
	size_t m = without_missing(w, n, buf);

	m = rd_uds_recode(buf, m, '*', '+', buf);
	return (double)rd_uds_measure_abstinence_period(buf, m);
}

static double
AbT_schottenfeldA_2008(const char *w, size_t n, char *buf)
{
	return time_of(pos_window(w, n, buf, 1, 1));
}

static double
AbE_schottenfeldA_2008(const char *w, size_t n, char *buf)
{
	return event_of(pos_window(w, n, buf, 1, 1));
}

static double
Ab_schottenfeldB_2008(const char *w, size_t n, char *buf)
{
	size_t m = rd_uds_pos(w, n, buf);

	return (double)rd_uds_measure_abstinence_period(buf, m);
}

/* Missing weeks count as negative here, unlike everywhere else. */
static struct rd_uds_window
shufman_1994(const char *w, size_t n, char *buf)
{
	size_t m = rd_uds_recode(w, n, 'o', '-', buf);

	m = rd_uds_recode(buf, m, '*', '+', buf);
	return rd_uds_detect_in_window(buf, m, 1, 1, 0, '+');
}

static double
AbT_shufman_1994(const char *w, size_t n, char *buf)
{
	return time_of(shufman_1994(w, n, buf));
}

static double
AbE_shufman_1994(const char *w, size_t n, char *buf)
{
	return event_of(shufman_1994(w, n, buf));
}

static double
Ab_ctnThirty_2011(const char *w, size_t n, char *buf)
{
	size_t m = rd_uds_pos(w, n, buf);

	return detect(buf, m, "-", -1, -1) && count(buf, m, '+', -4, -2) <= 1;
}

/* Relapse and dropout (spec rows 17-28). */

static double
RsT_ctnNinetyFour_2023(const char *w, size_t n, char *buf)
{
	return time_of(pos_window(w, n, buf, 4, 4));
}

static double
RsE_ctnNinetyFour_2023(const char *w, size_t n, char *buf)
{
	return event_of(pos_window(w, n, buf, 4, 4));
}

static double
DrT_ctnNinetyFour_2023(const char *w, size_t n, char *buf)
{
	(void)buf;
	return time_of(rd_uds_detect_in_window(w, n, 4, 4, 0, 'o'));
}

static double
DrE_ctnNinetyFour_2023(const char *w, size_t n, char *buf)
{
	(void)buf;
	return event_of(rd_uds_detect_in_window(w, n, 4, 4, 0, 'o'));
}

static double
Rs_johnson_1992(const char *w, size_t n, char *buf)
{
	size_t m = rd_uds_pos(w, n, buf);

	return detect(buf, m, "++", 4, -1);
}

static double
Rs_krupitsky_2004(const char *w, size_t n, char *buf)
{
	size_t m = rd_uds_pos(w, n, buf);

	return detect(buf, m, "+++", ALL);
}

static double
RsT_lee_2016(const char *w, size_t n, char *buf)
{
	return time_of(pos_window(w, n, buf, 4, 2));
}

static double
RsE_lee_2016(const char *w, size_t n, char *buf)
{
	return event_of(pos_window(w, n, buf, 4, 2));
}

/* Weeks 3 onwards; the caller shifts the time back by the 2 weeks cut. */
static struct rd_uds_window
ctnFiftyOne_2018(const char *w, size_t n, char *buf)
{
	size_t m = rd_uds_pos(w, n, buf), len;
	const char *s = rd_uds_str_sub(buf, m, 3, -1, &len);

	return rd_uds_detect_in_window(s, len, 4, 4, 0, '+');
}

static double
RsT_ctnFiftyOne_2018(const char *w, size_t n, char *buf)
{
	return time_of(ctnFiftyOne_2018(w, n, buf)) + 2;
}

static double
RsE_ctnFiftyOne_2018(const char *w, size_t n, char *buf)
{
	return event_of(ctnFiftyOne_2018(w, n, buf));
}

static double
RsT_schottenfeld_2008(const char *w, size_t n, char *buf)
{
	return time_of(pos_window(w, n, buf, 3, 3));
}

static double
RsE_schottenfeld_2008(const char *w, size_t n, char *buf)
{
	return event_of(pos_window(w, n, buf, 3, 3));
}

/* Reduction (spec rows 29-62). */

static double
Rd_comer_2006(const char *w, size_t n, char *buf)
{
	(void)buf;
	return half_share(w, n, '-', 1, 8);
}

static double
Rd_eissenberg_1997(const char *w, size_t n, char *buf)
{
	if (rd_uds_measure_retention(w, n) < 15)
		return 0;
	memcpy(buf, w, n);
	rd_uds_impute_missing_visits(buf, n, RD_UDS_KNV, 'o');
	return detect(buf, n, "----", 1, 15);
}

static double
Rd_fiellin_2006(const char *w, size_t n, char *buf)
{
	(void)buf;
	return half_share(w, n, '-', ALL);
}

static double
Rd_fudala_2003(const char *w, size_t n, char *buf)
{
	size_t m = without_missing(w, n, buf);

	return half_share(buf, m, '-', ALL);
}

static double
Rd_haight_2019(const char *w, size_t n, char *buf)
{
	(void)buf;
	return half_share(w, n, '-', 5, 15);
}

static double
Rd_jaffe_1972(const char *w, size_t n, char *buf)
{
	if (rd_uds_measure_retention(w, n) < 8)
		return 0;
	memcpy(buf, w, n);
	rd_uds_impute_missing_visits(buf, n, RD_UDS_MODE, 'o');
	return half_share(buf, n, '-', ALL);
}

static double
Rd_johnson_1992(const char *w, size_t n, char *buf)
{
	(void)buf;
	return half_share(w, n, '-', ALL);
}

static double
Rd_kostenB_1993(const char *w, size_t n, char *buf)
{
	size_t m = without_missing(w, n, buf);

	return half_share(buf, m, '-', 1, 15) >= 0.7;
}

static double
Rd_lingA_1998(const char *w, size_t n, char *buf)
{
	size_t m = without_missing(w, n, buf);

	return half_share(buf, m, '-', 1, 15);
}

static double
Rd_lingC_1998(const char *w, size_t n, char *buf)
{
	(void)buf;
	return rd_uds_count_matches(w, n, '-', 1, 15, '*', 0.5, 0);
}

static double
Rd_ling_2010(const char *w, size_t n, char *buf)
{
	(void)buf;
	return half_share(w, n, '-', 1, 15);
}

static double
Rd_lingA_1976(const char *w, size_t n, char *buf)
{
	static const struct rd_uds_weights weights = { 1.0, 0.5, 0.22, 0.0 };
	static const double step[15] =
	    { 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 5 };
	size_t len;
	const char *t = rd_uds_str_sub(w, n, 1, 15, &len);

	(void)buf;
	if (rd_uds_measure_retention(w, n) <= 3)
		return 0;
	return 120 - rd_uds_weight_positive_visits(t, len, &weights, step, 15);
}

static double
Rd_lingB_1976(const char *w, size_t n, char *buf)
{
	static const struct rd_uds_weights weights = { 0.8, 0.4, 1.0, 0.0 };
	double ramp[15];
	size_t len;
	const char *t = rd_uds_str_sub(w, n, 1, 15, &len);

	(void)buf;
	if (rd_uds_measure_retention(w, n) <= 3)
		return 0;
	rd_uds_ramp(1, 5, len, ramp);
	return 120 - rd_uds_weight_positive_visits(t, len, &weights, ramp, len);
}

static double
Rd_lofwall_2018(const char *w, size_t n, char *buf)
{
	char l[15];
	size_t m = rd_uds_recode(w, n, 'o', '+', buf);

	lofwall_view(buf, m, l);
	return half_share(l, 15, '-', 1, 15);
}

static double
Rd_mattickA_2003(const char *w, size_t n, char *buf)
{
	(void)buf;
	return half_share(w, n, '-', 1, (long)rd_uds_measure_retention(w, n));
}

static double
Rd_mattickB_2003(const char *w, size_t n, char *buf)
{
	(void)buf;
	return half_share(w, n, '-', 1, 13);
}

static double
Rd_paniA_2000(const char *w, size_t n, char *buf)
{
	size_t m = without_missing(w, n, buf);

	return half_share(buf, m, '-', ALL);
}

static double
Rd_paniB_2000(const char *w, size_t n, char *buf)
{
	(void)buf;
	return half_share(w, n, '-', ALL);
}

static double
Rd_petitjean_2001(const char *w, size_t n, char *buf)
{
	size_t m = rd_uds_recode(w, n, 'o', '+', buf);

	return 1 - half_share(buf, m, '+', ALL);
}

static double
Rd_preston_2000(const char *w, size_t n, char *buf)
{
	(void)buf;
	return half_share(w, n, '-', 1, 13);
}

static double
Rd_schottenfeld_2005(const char *w, size_t n, char *buf)
{
	size_t m = without_missing(w, n, buf);

	return half_share(buf, m, '-', ALL);
}

static double
Ab_schwartz_2006(const char *w, size_t n, char *buf)
{
	(void)buf;
	return rd_uds_count_matches(w, n, '-', 15, 15, '*', 0.5, 0) == 1;
}

static double
Rd_shufman_1994(const char *w, size_t n, char *buf)
{
	(void)buf;
	return 1 - half_share(w, n, '+', ALL);
}

static double
Rd_soyka_2008(const char *w, size_t n, char *buf)
{
	size_t m = without_missing(w, n, buf);

	return 1 - half_share(buf, m, '+', ALL);
}

static double
Rd_strain_1993(const char *w, size_t n, char *buf)
{
	(void)buf;
	return 1 - half_share(w, n, '+', 6, 15);
}

static double
Rd_strain_1994(const char *w, size_t n, char *buf)
{
	(void)buf;
	return 1 - half_share(w, n, '+', ALL);
}

static double
Rd_strain_1996(const char *w, size_t n, char *buf)
{
	size_t m = without_missing(w, n, buf);

	return 1 - half_share(buf, m, '+', ALL);
}

static double
Rd_strain_1999(const char *w, size_t n, char *buf)
{
	(void)buf;
	return 1 - half_share(w, n, '+', ALL);
}

static double
Rd_strang_2010(const char *w, size_t n, char *buf)
{
	(void)buf;
	return half_share(w, n, '-', -12, -1) >= 0.5;
}

static double
Rd_strang_2019(const char *w, size_t n, char *buf)
{
	(void)buf;
	return half_share(w, n, '-', 1, 12);
}

static double
Rd_tanum_2017(const char *w, size_t n, char *buf)
{
	(void)buf;
	return half_share(w, n, '-', 1, (long)rd_uds_measure_retention(w, n));
}

static double
Rd_wolstein_2009(const char *w, size_t n, char *buf)
{
	size_t m = without_missing(w, n, buf);

	return half_share(buf, m, '-', ALL);
}

static double
Rd_woody_2008(const char *w, size_t n, char *buf)
{
	char v[12];
	size_t m;

	(void)buf;
	rd_uds_view_by_lattice(w, n, RD_UDS_WOODY_LATTICE, 12, v);
	m = rd_uds_recode(v, 12, '_', '\0', v);
	m = rd_uds_recode(v, m, 'o', '+', v);
	return 1 - half_share(v, m, '+', ALL);
}

static double
Rd_zaks_1972(const char *w, size_t n, char *buf)
{
	size_t m = without_missing(w, n, buf);

	return (double)m - rd_uds_count_matches(buf, m, '+', ALL, '*', 0.5, 0);
}

#define LOGICAL	RD_UDS_LOGICAL
#define INTEGER	RD_UDS_INTEGER
#define REAL	RD_UDS_REAL

/* Same order as rd_uds_defs below. */
static definition *const evaluate[] = {
	Ab_ctnNinetyFour_2023, Ab_fiellin_2006, Ab_kosten_1993,
	Ab_krupitskyA_2011, Ab_krupitskyB_2011, Ab_ling_1998, Ab_lofwall_2018,
	AbT_mokri_2016, AbE_mokri_2016, Ab_schottenfeld_2005,
	AbT_schottenfeldA_2008, AbE_schottenfeldA_2008, Ab_schottenfeldB_2008,
	AbT_shufman_1994, AbE_shufman_1994, Ab_ctnThirty_2011,
	RsT_ctnNinetyFour_2023, RsE_ctnNinetyFour_2023, DrT_ctnNinetyFour_2023,
	DrE_ctnNinetyFour_2023, Rs_johnson_1992, Rs_krupitsky_2004,
	RsT_lee_2016, RsE_lee_2016, RsT_ctnFiftyOne_2018, RsE_ctnFiftyOne_2018,
	RsT_schottenfeld_2008, RsE_schottenfeld_2008,
	Rd_comer_2006, Rd_eissenberg_1997, Rd_fiellin_2006, Rd_fudala_2003,
	Rd_haight_2019, Rd_jaffe_1972, Rd_johnson_1992, Rd_kostenB_1993,
	Rd_lingA_1998, Rd_lingC_1998, Rd_ling_2010, Rd_lingA_1976,
	Rd_lingB_1976, Rd_lofwall_2018, Rd_mattickA_2003, Rd_mattickB_2003,
	Rd_paniA_2000, Rd_paniB_2000, Rd_petitjean_2001, Rd_preston_2000,
	Rd_schottenfeld_2005, Ab_schwartz_2006, Rd_shufman_1994, Rd_soyka_2008,
	Rd_strain_1993, Rd_strain_1994, Rd_strain_1996, Rd_strain_1999,
	Rd_strang_2010, Rd_strang_2019, Rd_tanum_2017, Rd_wolstein_2009,
	Rd_woody_2008, Rd_zaks_1972,
};

const struct rd_uds_def rd_uds_defs[] = {
	{ "Ab_ctnNinetyFour_2023", "CTN-0094 team (2023)",
	  "weeks 12-15 negative, at most one missing; mixed is positive",
	  LOGICAL },
	{ "Ab_fiellin_2006", "Fiellin et al. 2006",
	  "negative weeks; missing and mixed are positive", INTEGER },
	{ "Ab_kosten_1993", "Kosten et al. 1993",
	  "3 consecutive negative weeks", LOGICAL },
	{ "Ab_krupitskyA_2011", "Krupitsky et al. 2011 (A)",
	  "no positive week in weeks 5-15; missing and mixed are positive",
	  LOGICAL },
	{ "Ab_krupitskyB_2011", "Krupitsky et al. 2011 (B)",
	  "negative weeks in weeks 5-15; missing and mixed are positive",
	  INTEGER },
	{ "Ab_ling_1998", "Ling et al. 1998",
	  "4 consecutive negative weeks", LOGICAL },
	{ "Ab_lofwall_2018", "Lofwall et al. 2018",
	  "on the Lofwall schedule: 2 of weeks 5-7, week 8 and 6 of weeks "
	  "9-15 negative; missing and mixed are positive", LOGICAL },
	{ "AbT_mokri_2016", "Mokri et al. 2016",
	  "week of the first positive, missing or mixed week", INTEGER },
	{ "AbE_mokri_2016", "Mokri et al. 2016",
	  "1 if a week is positive, missing or mixed", INTEGER },
	{ "Ab_schottenfeld_2005", "Schottenfeld et al. 2005",
	  "longest run of non-positive weeks, missing weeks deleted; mixed is "
	  "positive", INTEGER },
	{ "AbT_schottenfeldA_2008", "Schottenfeld, Chawarski & Mazlan 2008 (A)",
	  "week of the first positive, missing or mixed week", INTEGER },
	{ "AbE_schottenfeldA_2008", "Schottenfeld, Chawarski & Mazlan 2008 (A)",
	  "1 if a week is positive, missing or mixed", INTEGER },
	{ "Ab_schottenfeldB_2008", "Schottenfeld et al. 2008 (B)",
	  "longest run of negative weeks; missing and mixed are positive",
	  INTEGER },
	{ "AbT_shufman_1994", "Shufman et al. 1994",
	  "week of the first positive or mixed week; missing is negative",
	  INTEGER },
	{ "AbE_shufman_1994", "Shufman et al. 1994",
	  "1 if a week is positive or mixed; missing is negative", INTEGER },
	{ "Ab_ctnThirty_2011", "Weiss et al. 2011 (CTN-0030)",
	  "last week negative, at most one positive in the 3 before; missing "
	  "and mixed are positive", LOGICAL },
	{ "RsT_ctnNinetyFour_2023", "CTN-0094 team (2023), relapse",
	  "week of relapse: 4 consecutive positive weeks; missing and mixed "
	  "are positive", INTEGER },
	{ "RsE_ctnNinetyFour_2023", "CTN-0094 team (2023), relapse",
	  "1 if 4 consecutive weeks are positive; missing and mixed are "
	  "positive", INTEGER },
	{ "DrT_ctnNinetyFour_2023", "CTN-0094 team (2023), dropout",
	  "week of dropout: first of 4 consecutive missing weeks", INTEGER },
	{ "DrE_ctnNinetyFour_2023", "CTN-0094 team (2023), dropout",
	  "1 if 4 consecutive weeks are missing", INTEGER },
	{ "Rs_johnson_1992", "Johnson, Jaffe & Fudala 1992",
	  "2 consecutive positive weeks from week 4; missing and mixed are "
	  "positive", LOGICAL },
	{ "Rs_krupitsky_2004", "Krupitsky et al. 2004 (also 2006)",
	  "3 consecutive positive weeks; missing and mixed are positive",
	  LOGICAL },
	{ "RsT_lee_2016", "Lee et al. 2016",
	  "week of relapse: 2 positive weeks within 4; missing and mixed are "
	  "positive", INTEGER },
	{ "RsE_lee_2016", "Lee et al. 2016",
	  "1 if 2 of 4 consecutive weeks are positive; missing and mixed are "
	  "positive", INTEGER },
	{ "RsT_ctnFiftyOne_2018", "Lee et al. 2018 (CTN-0051)",
	  "week of relapse: 4 consecutive positive weeks from week 3; missing "
	  "and mixed are positive", INTEGER },
	{ "RsE_ctnFiftyOne_2018", "Lee et al. 2018 (CTN-0051)",
	  "1 if 4 consecutive weeks from week 3 are positive; missing and "
	  "mixed are positive", INTEGER },
	{ "RsT_schottenfeld_2008", "Schottenfeld et al. 2008",
	  "week of relapse: 3 consecutive positive weeks; missing and mixed "
	  "are positive", INTEGER },
	{ "RsE_schottenfeld_2008", "Schottenfeld et al. 2008",
	  "1 if 3 consecutive weeks are positive; missing and mixed are "
	  "positive", INTEGER },
	{ "Rd_comer_2006", "Comer et al. 2006",
	  "share of negative weeks in weeks 1-8; mixed is half", REAL },
	{ "Rd_eissenberg_1997", "Eissenberg et al. 1997",
	  "retained 15 weeks and 4 consecutive negative weeks in weeks 1-15, "
	  "missing weeks imputed from their neighbours", LOGICAL },
	{ "Rd_fiellin_2006", "Fiellin et al. 2006",
	  "share of negative weeks; mixed is half", REAL },
	{ "Rd_fudala_2003", "Fudala et al. 2003",
	  "share of negative weeks, missing weeks deleted; mixed is half",
	  REAL },
	{ "Rd_haight_2019", "Haight et al. 2019",
	  "share of negative weeks in weeks 5-15; mixed is half", REAL },
	{ "Rd_jaffe_1972", "Jaffe et al. 1972",
	  "share of negative weeks, missing weeks given the most common "
	  "result; 0 unless retained 8 weeks; mixed is half", REAL },
	{ "Rd_johnson_1992", "Johnson et al. 1992",
	  "share of negative weeks; mixed is half", REAL },
	{ "Rd_kostenB_1993", "Kosten et al. 1993 (B)",
	  "at least 70% negative in the first 15 attended weeks; mixed is "
	  "half", LOGICAL },
	{ "Rd_lingA_1998", "Ling et al. 1998 (A)",
	  "share of negative weeks in the first 15 attended weeks; mixed is "
	  "half", REAL },
	{ "Rd_lingC_1998", "Ling et al. 1998 (C)",
	  "negative weeks in weeks 1-15; mixed is half", REAL },
	{ "Rd_ling_2010", "Ling et al. 2010",
	  "share of negative weeks in weeks 1-15; mixed is half", REAL },
	{ "Rd_lingA_1976", "Ling, Charuvastra, Kaim & Klett 1976",
	  "weighted score of weeks 1-15 with a step penalty; 0 unless "
	  "retained 4 weeks", REAL },
	{ "Rd_lingB_1976", "Ling et al. 1976, CTNote variant (B)",
	  "weighted score of weeks 1-15 with a ramp penalty; 0 unless "
	  "retained 4 weeks", REAL },
	{ "Rd_lofwall_2018", "Lofwall et al. 2018",
	  "share of negative weeks on the Lofwall schedule; missing is "
	  "positive, mixed is half", REAL },
	{ "Rd_mattickA_2003", "Mattick et al. 2003 (A)",
	  "share of negative weeks up to the last attended week; mixed is "
	  "half", REAL },
	{ "Rd_mattickB_2003", "Mattick et al. 2003 (B)",
	  "share of negative weeks in weeks 1-13; mixed is half", REAL },
	{ "Rd_paniA_2000", "Pani et al. 2000 (A)",
	  "share of negative weeks, missing weeks deleted; mixed is half",
	  REAL },
	{ "Rd_paniB_2000", "Pani et al. 2000 (B)",
	  "share of negative weeks; mixed is half", REAL },
	{ "Rd_petitjean_2001", "Petitjean et al. 2001",
	  "1 - share of positive weeks; missing is positive, mixed is half",
	  REAL },
	{ "Rd_preston_2000", "Preston, Umbricht & Epstein 2000",
	  "share of negative weeks in weeks 1-13; mixed is half", REAL },
	{ "Rd_schottenfeld_2005", "Schottenfeld et al. 2005",
	  "share of negative weeks, missing weeks deleted; mixed is half",
	  REAL },
	{ "Ab_schwartz_2006", "Schwartz et al. 2006",
	  "week 15 negative", LOGICAL },
	{ "Rd_shufman_1994", "Shufman et al. 1994",
	  "1 - share of positive weeks; mixed is half", REAL },
	{ "Rd_soyka_2008", "Soyka, Zingg, Koller & Kuefner 2008",
	  "1 - share of positive weeks, missing weeks deleted; mixed is half",
	  REAL },
	{ "Rd_strain_1993", "Strain, Stitzer, Liebson & Bigelow 1993",
	  "1 - share of positive weeks in weeks 6-15; mixed is half", REAL },
	{ "Rd_strain_1994", "Strain, Stitzer, Liebson & Bigelow 1994",
	  "1 - share of positive weeks; mixed is half", REAL },
	{ "Rd_strain_1996", "Strain, Stitzer, Liebson & Bigelow 1996",
	  "1 - share of positive weeks, missing weeks deleted; mixed is half",
	  REAL },
	{ "Rd_strain_1999", "Strain, Bigelow, Liebson & Stitzer 1999",
	  "1 - share of positive weeks; mixed is half", REAL },
	{ "Rd_strang_2010", "Strang et al. 2010",
	  "at least half of the last 12 weeks negative; mixed is half",
	  LOGICAL },
	{ "Rd_strang_2019", "Strang et al. 2019",
	  "share of negative weeks in weeks 1-12; mixed is half", REAL },
	{ "Rd_tanum_2017", "Tanum et al. 2017",
	  "share of negative weeks up to the last attended week; mixed is "
	  "half", REAL },
	{ "Rd_wolstein_2009", "Wolstein et al. 2009",
	  "share of negative weeks, missing weeks deleted; mixed is half",
	  REAL },
	{ "Rd_woody_2008", "Woody et al. 2008",
	  "1 - share of positive results in weeks 4, 8 and 12; missing is "
	  "positive, mixed is half", REAL },
	{ "Rd_zaks_1972", "Zaks, Fink & Freedman 1972",
	  "attended weeks minus positive weeks; mixed is half", REAL },
};

const size_t rd_uds_ndefs = sizeof(rd_uds_defs) / sizeof(rd_uds_defs[0]);

_Static_assert(sizeof(evaluate) / sizeof(evaluate[0]) ==
    sizeof(rd_uds_defs) / sizeof(rd_uds_defs[0]),
    "one evaluator per definition");

int
rd_uds_value(int def, const char *word, size_t len, double *value)
{
	char stack[RD_UDS_STACK_WORD], *buf = stack;

	*value = NAN;
	if (def < 0 || (size_t)def >= rd_uds_ndefs ||
	    rd_uds_invalid_at(word, len) != -1)
		return 0;
	if (len > sizeof(stack) && (buf = malloc(len)) == NULL)
		return -1;
	*value = evaluate[def](word, len, buf);
	if (buf != stack)
		free(buf);
	return 0;
}
