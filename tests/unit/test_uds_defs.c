/*
 * Unit tests of the UDS outcome library (urine-track(1), --outcome), its
 * cells and definitions: cell printing, the table of definitions and
 * rd_uds_compute's misuse, and all 62 definitions on the worked examples
 * of CTNote 0.1.3 and on further words worked by hand.
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "uds.h"

#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))

static const char *
cell(const char *name, const char *w)
{
	static char out[64];
	int def = rd_uds_find(name);

	ck_assert_msg(def >= 0, "no definition %s", name);
	rd_uds_compute(def, w, strlen(w), out, sizeof(out));
	return out;
}

static const char *
format(enum rd_uds_type t, double v)
{
	static char out[64];

	rd_uds_format(t, v, out, sizeof(out));
	return out;
}

START_TEST(format_cells)
{
	char small[4];

	ck_assert_str_eq(format(RD_UDS_LOGICAL, 1), "TRUE");
	ck_assert_str_eq(format(RD_UDS_LOGICAL, 0), "FALSE");
	ck_assert_str_eq(format(RD_UDS_LOGICAL, NAN), "");
	ck_assert_str_eq(format(RD_UDS_INTEGER, 15), "15");
	ck_assert_str_eq(format(RD_UDS_INTEGER, 0), "0");
	ck_assert_str_eq(format(RD_UDS_INTEGER, NAN), "");
	/* Integral reals have no decimal point; never "-0". */
	ck_assert_str_eq(format(RD_UDS_REAL, 120), "120");
	ck_assert_str_eq(format(RD_UDS_REAL, 1), "1");
	ck_assert_str_eq(format(RD_UDS_REAL, -0.0), "0");
	ck_assert_str_eq(format(RD_UDS_REAL, 1 - 1.0), "0");
	/* Shortest round trip: 15, 16 or 17 digits. */
	ck_assert_str_eq(format(RD_UDS_REAL, 0.5), "0.5");
	ck_assert_str_eq(format(RD_UDS_REAL, 6.5), "6.5");
	ck_assert_str_eq(format(RD_UDS_REAL, 63.36227308603), "63.36227308603");
	ck_assert_str_eq(format(RD_UDS_REAL, 2.0 / 3), "0.6666666666666666");
	ck_assert_str_eq(format(RD_UDS_REAL, 1 - 2.0 / 3),
	    "0.33333333333333337");
	ck_assert_str_eq(format(RD_UDS_REAL, 13.0 / 30),
	    "0.43333333333333335");
	ck_assert_str_eq(format(RD_UDS_REAL, 0.1 + 0.2), "0.30000000000000004");
	ck_assert_str_eq(format(RD_UDS_REAL, NAN), "");
	ck_assert_str_eq(format(RD_UDS_REAL, INFINITY), "");
	/* Truncated as snprintf: the full length is returned. */
	ck_assert_uint_eq(rd_uds_format(RD_UDS_LOGICAL, 0, small,
	    sizeof(small)), 5);
	ck_assert_str_eq(small, "FAL");
	ck_assert_uint_eq(rd_uds_format(RD_UDS_LOGICAL, 0, NULL, 0), 5);
}
END_TEST

START_TEST(find_and_validate)
{
	ck_assert_uint_eq(rd_uds_ndefs, 62);
	ck_assert_int_eq(rd_uds_find("Ab_ctnNinetyFour_2023"), 0);
	ck_assert_int_eq(rd_uds_find("Rd_zaks_1972"), 61);
	ck_assert_int_eq(rd_uds_find("rd_zaks_1972"), -1);
	ck_assert_int_eq(rd_uds_find(""), -1);

	ck_assert_int_eq(rd_uds_invalid_at("", 0), -1);
	ck_assert_int_eq(rd_uds_invalid_at(NULL, 0), -1);
	ck_assert_int_eq(rd_uds_invalid_at("+-o*_", 5), -1);
	ck_assert_int_eq(rd_uds_invalid_at("+-x", 3), 2);
	ck_assert_int_eq(rd_uds_invalid_at("O", 1), 0);
	ck_assert_int_eq(rd_uds_invalid_at("--\0-", 4), 2);
	ck_assert_int_eq(rd_uds_invalid_at("-- ", 3), 2);
}
END_TEST

START_TEST(defs_table)
{
	size_t i, j;

	for (i = 0; i < rd_uds_ndefs; i++) {
		ck_assert_ptr_nonnull(rd_uds_defs[i].name);
		ck_assert(*rd_uds_defs[i].source != '\0');
		ck_assert(*rd_uds_defs[i].description != '\0');
		ck_assert_int_eq(rd_uds_find(rd_uds_defs[i].name), (int)i);
		for (j = 0; j < i; j++)
			ck_assert_str_ne(rd_uds_defs[i].name,
			    rd_uds_defs[j].name);
	}
}
END_TEST

START_TEST(compute_misuse)
{
	char out[64] = "x";
	double v;

	/* Unknown definitions and invalid words give an empty cell. */
	ck_assert_uint_eq(rd_uds_compute(-1, "---", 3, out, sizeof(out)), 0);
	ck_assert_str_eq(out, "");
	ck_assert_uint_eq(rd_uds_compute(62, "---", 3, out, sizeof(out)), 0);
	ck_assert_uint_eq(rd_uds_compute(1, "-x-", 3, out, sizeof(out)), 0);
	ck_assert_str_eq(out, "");
	ck_assert_int_eq(rd_uds_value(1, "-x-", 3, &v), 0);
	ck_assert(isnan(v));
	/* The word need not be NUL-terminated: only len bytes are read. */
	ck_assert_uint_eq(rd_uds_compute(rd_uds_find("Ab_fiellin_2006"),
	    "---+", 2, out, sizeof(out)), 1);
	ck_assert_str_eq(out, "2");
	ck_assert_int_eq(rd_uds_value(rd_uds_find("Rd_strang_2010"), "-", 1,
	    &v), 0);
	ck_assert_double_eq(v, 1);
}
END_TEST

START_TEST(compute_long_word)
{
	/* Longer than the stack scratch: the heap path. */
	size_t n = 3 * RD_UDS_STACK_WORD + 1, i;
	char *w = malloc(n), out[64];

	ck_assert_ptr_nonnull(w);
	for (i = 0; i < n; i++)
		w[i] = i % 3 == 0 ? 'o' : '-';
	rd_uds_compute(rd_uds_find("Ab_fiellin_2006"), w, n, out, sizeof(out));
	ck_assert_str_eq(out, "1024");
	rd_uds_compute(rd_uds_find("Rd_fudala_2003"), w, n, out, sizeof(out));
	ck_assert_str_eq(out, "1");
	rd_uds_compute(rd_uds_find("Rd_jaffe_1972"), w, n, out, sizeof(out));
	ck_assert_str_eq(out, "1");
	rd_uds_compute(rd_uds_find("Rd_eissenberg_1997"), w, n, out,
	    sizeof(out));
	ck_assert_str_eq(out, "TRUE");
	rd_uds_compute(rd_uds_find("DrT_ctnNinetyFour_2023"), w, n, out,
	    sizeof(out));
	ck_assert_str_eq(out, "1534");
	free(w);
}
END_TEST

/*
 * All 62 columns on the five words of the spec's worked examples
 * (section 5), which the spec records as output of the original R
 * functions; "" is NA.
 */
static const char *const worked_words[5] = {
	"", "_", "+-o-", "--__o--__o", "-o*_---o----+--o",
};

static const struct expect {
	const char	*name;
	const char	*cells[6];
} worked[62] = {
	{ "Ab_ctnNinetyFour_2023", { "FALSE", "FALSE", "FALSE", "FALSE", "FALSE" } },
	{ "Ab_fiellin_2006", { "0", "0", "2", "4", "10" } },
	{ "Ab_kosten_1993", { "FALSE", "FALSE", "FALSE", "FALSE", "TRUE" } },
	{ "Ab_krupitskyA_2011", { "TRUE", "TRUE", "TRUE", "FALSE", "FALSE" } },
	{ "Ab_krupitskyB_2011", { "0", "0", "0", "2", "9" } },
	{ "Ab_ling_1998", { "FALSE", "FALSE", "FALSE", "FALSE", "TRUE" } },
	{ "Ab_lofwall_2018", { "FALSE", "FALSE", "FALSE", "FALSE", "FALSE" } },
	{ "AbT_mokri_2016", { "", "1", "1", "5", "2" } },
	{ "AbE_mokri_2016", { "", "0", "1", "1", "1" } },
	{ "Ab_schottenfeld_2005", { "0", "1", "2", "8", "8" } },
	{ "AbT_schottenfeldA_2008", { "", "1", "1", "5", "2" } },
	{ "AbE_schottenfeldA_2008", { "", "0", "1", "1", "1" } },
	{ "Ab_schottenfeldB_2008", { "0", "1", "1", "4", "4" } },
	{ "AbT_shufman_1994", { "", "1", "1", "10", "3" } },
	{ "AbE_shufman_1994", { "", "0", "1", "0", "1" } },
	{ "Ab_ctnThirty_2011", { "FALSE", "FALSE", "FALSE", "FALSE", "FALSE" } },
	{ "RsT_ctnNinetyFour_2023", { "", "", "1", "7", "13" } },
	{ "RsE_ctnNinetyFour_2023", { "", "", "0", "0", "0" } },
	{ "DrT_ctnNinetyFour_2023", { "", "", "1", "7", "13" } },
	{ "DrE_ctnNinetyFour_2023", { "", "", "0", "0", "0" } },
	{ "Rs_johnson_1992", { "FALSE", "FALSE", "FALSE", "FALSE", "FALSE" } },
	{ "Rs_krupitsky_2004", { "FALSE", "FALSE", "FALSE", "FALSE", "FALSE" } },
	{ "RsT_lee_2016", { "", "", "3", "9", "3" } },
	{ "RsE_lee_2016", { "", "", "1", "0", "1" } },
	{ "RsT_ctnFiftyOne_2018", { "", "", "", "7", "13" } },
	{ "RsE_ctnFiftyOne_2018", { "", "", "", "0", "0" } },
	{ "RsT_schottenfeld_2008", { "", "", "2", "8", "14" } },
	{ "RsE_schottenfeld_2008", { "", "", "0", "0", "0" } },
	{ "Rd_comer_2006", { "0", "0", "0.5", "0.5", "0.5625" } },
	{ "Rd_eissenberg_1997", { "FALSE", "FALSE", "FALSE", "FALSE", "TRUE" } },
	{ "Rd_fiellin_2006", { "0", "0", "0.5", "0.4", "0.65625" } },
	{ "Rd_fudala_2003", { "0", "0", "0.6666666666666666", "0.5", "0.8076923076923077" } },
	{ "Rd_haight_2019", { "0", "0", "0", "0.3333333333333333", "0.8181818181818182" } },
	{ "Rd_jaffe_1972", { "0", "0", "0", "0.4", "0.84375" } },
	{ "Rd_johnson_1992", { "0", "0", "0.5", "0.4", "0.65625" } },
	{ "Rd_kostenB_1993", { "FALSE", "FALSE", "FALSE", "FALSE", "TRUE" } },
	{ "Rd_lingA_1998", { "0", "0", "0.6666666666666666", "0.5", "0.8076923076923077" } },
	{ "Rd_lingC_1998", { "0", "0", "2", "4", "10.5" } },
	{ "Rd_ling_2010", { "0", "0", "0.5", "0.4", "0.7" } },
	{ "Rd_lingA_1976", { "0", "0", "88.32", "", "" } },
	{ "Rd_lingB_1976", { "0", "0", "97.9591836734694", "", "" } },
	{ "Rd_lofwall_2018", { "0", "0", "0.13333333333333333", "0.6", "0.7333333333333333" } },
	{ "Rd_mattickA_2003", { "0", "0", "0.5", "0.4444444444444444", "0.7" } },
	{ "Rd_mattickB_2003", { "0", "0", "0.5", "0.4", "0.6538461538461539" } },
	{ "Rd_paniA_2000", { "0", "0", "0.6666666666666666", "0.5", "0.8076923076923077" } },
	{ "Rd_paniB_2000", { "0", "0", "0.5", "0.4", "0.65625" } },
	{ "Rd_petitjean_2001", { "1", "1", "0.5", "0.8", "0.71875" } },
	{ "Rd_preston_2000", { "0", "0", "0.5", "0.4", "0.6538461538461539" } },
	{ "Rd_schottenfeld_2005", { "0", "0", "0.6666666666666666", "0.5", "0.8076923076923077" } },
	{ "Ab_schwartz_2006", { "FALSE", "FALSE", "FALSE", "FALSE", "TRUE" } },
	{ "Rd_shufman_1994", { "1", "1", "0.75", "1", "0.90625" } },
	{ "Rd_soyka_2008", { "1", "1", "0.6666666666666667", "1", "0.8846153846153846" } },
	{ "Rd_strain_1993", { "1", "1", "1", "1", "0.9" } },
	{ "Rd_strain_1994", { "1", "1", "0.75", "1", "0.90625" } },
	{ "Rd_strain_1996", { "1", "1", "0.6666666666666667", "1", "0.8846153846153846" } },
	{ "Rd_strain_1999", { "1", "1", "0.75", "1", "0.90625" } },
	{ "Rd_strang_2010", { "FALSE", "FALSE", "TRUE", "FALSE", "TRUE" } },
	{ "Rd_strang_2019", { "0", "0", "0.5", "0.4", "0.7083333333333334" } },
	{ "Rd_tanum_2017", { "0", "0", "0.5", "0.4444444444444444", "0.7" } },
	{ "Rd_wolstein_2009", { "0", "0", "0.6666666666666666", "0.5", "0.8076923076923077" } },
	{ "Rd_woody_2008", { "0", "0", "0.33333333333333337", "0", "0.5" } },
	{ "Rd_zaks_1972", { "0", "1", "2", "8", "11.5" } },
};

/*
 * The same for six more words, worked by hand from the formulas: only o,
 * only _, length 1 (+ and -), 15 negative weeks, and a 17-week word whose
 * Ling 1976 scores are 120 - 120 * 5.22 / 45 and 120 - 120 * (39 / 7) /
 * 36.2.
 */
static const char *const hand_words[6] = {
	"ooooo", "_____", "+", "-", "---------------", "++++----o--------",
};

static const struct expect hand[62] = {
	{ "Ab_ctnNinetyFour_2023", { "FALSE", "FALSE", "FALSE", "FALSE", "TRUE", "TRUE" } },
	{ "Ab_fiellin_2006", { "0", "0", "0", "1", "15", "12" } },
	{ "Ab_kosten_1993", { "FALSE", "FALSE", "FALSE", "FALSE", "TRUE", "TRUE" } },
	{ "Ab_krupitskyA_2011", { "FALSE", "TRUE", "TRUE", "TRUE", "TRUE", "FALSE" } },
	{ "Ab_krupitskyB_2011", { "0", "0", "0", "0", "11", "10" } },
	{ "Ab_ling_1998", { "FALSE", "FALSE", "FALSE", "FALSE", "TRUE", "TRUE" } },
	{ "Ab_lofwall_2018", { "FALSE", "FALSE", "FALSE", "FALSE", "TRUE", "FALSE" } },
	{ "AbT_mokri_2016", { "1", "5", "1", "1", "15", "1" } },
	{ "AbE_mokri_2016", { "1", "0", "1", "0", "0", "1" } },
	{ "Ab_schottenfeld_2005", { "0", "5", "0", "1", "15", "12" } },
	{ "AbT_schottenfeldA_2008", { "1", "5", "1", "1", "15", "1" } },
	{ "AbE_schottenfeldA_2008", { "1", "0", "1", "0", "0", "1" } },
	{ "Ab_schottenfeldB_2008", { "0", "5", "0", "1", "15", "8" } },
	{ "AbT_shufman_1994", { "5", "5", "1", "1", "15", "1" } },
	{ "AbE_shufman_1994", { "0", "0", "1", "0", "0", "1" } },
	{ "Ab_ctnThirty_2011", { "FALSE", "FALSE", "FALSE", "TRUE", "TRUE", "TRUE" } },
	{ "RsT_ctnNinetyFour_2023", { "1", "2", "", "", "12", "1" } },
	{ "RsE_ctnNinetyFour_2023", { "1", "0", "", "", "0", "1" } },
	{ "DrT_ctnNinetyFour_2023", { "1", "2", "", "", "12", "14" } },
	{ "DrE_ctnNinetyFour_2023", { "1", "0", "", "", "0", "0" } },
	{ "Rs_johnson_1992", { "TRUE", "FALSE", "FALSE", "FALSE", "FALSE", "FALSE" } },
	{ "Rs_krupitsky_2004", { "TRUE", "FALSE", "FALSE", "FALSE", "FALSE", "TRUE" } },
	{ "RsT_lee_2016", { "3", "4", "", "", "14", "3" } },
	{ "RsE_lee_2016", { "1", "0", "", "", "0", "1" } },
	{ "RsT_ctnFiftyOne_2018", { "", "", "", "", "12", "14" } },
	{ "RsE_ctnFiftyOne_2018", { "", "", "", "", "0", "0" } },
	{ "RsT_schottenfeld_2008", { "1", "3", "", "", "13", "1" } },
	{ "RsE_schottenfeld_2008", { "1", "0", "", "", "0", "1" } },
	{ "Rd_comer_2006", { "0", "0", "0", "1", "1", "0.5" } },
	{ "Rd_eissenberg_1997", { "FALSE", "FALSE", "FALSE", "FALSE", "TRUE", "TRUE" } },
	{ "Rd_fiellin_2006", { "0", "0", "0", "1", "1", "0.7058823529411765" } },
	{ "Rd_fudala_2003", { "0", "0", "0", "1", "1", "0.75" } },
	{ "Rd_haight_2019", { "0", "0", "0", "0", "1", "0.9090909090909091" } },
	{ "Rd_jaffe_1972", { "0", "0", "0", "0", "1", "0.7647058823529411" } },
	{ "Rd_johnson_1992", { "0", "0", "0", "1", "1", "0.7058823529411765" } },
	{ "Rd_kostenB_1993", { "FALSE", "FALSE", "FALSE", "TRUE", "TRUE", "TRUE" } },
	{ "Rd_lingA_1998", { "0", "0", "0", "1", "1", "0.7333333333333333" } },
	{ "Rd_lingC_1998", { "0", "0", "0", "1", "15", "10" } },
	{ "Rd_ling_2010", { "0", "0", "0", "1", "1", "0.6666666666666666" } },
	{ "Rd_lingA_1976", { "0", "", "0", "0", "120", "106.08" } },
	{ "Rd_lingB_1976", { "0", "", "0", "0", "120", "101.53117600631413" } },
	{ "Rd_lofwall_2018", { "0", "0", "0", "0.06666666666666667", "1", "0.6" } },
	{ "Rd_mattickA_2003", { "0", "0", "0", "1", "1", "0.7058823529411765" } },
	{ "Rd_mattickB_2003", { "0", "0", "0", "1", "1", "0.6153846153846154" } },
	{ "Rd_paniA_2000", { "0", "0", "0", "1", "1", "0.75" } },
	{ "Rd_paniB_2000", { "0", "0", "0", "1", "1", "0.7058823529411765" } },
	{ "Rd_petitjean_2001", { "0", "1", "0", "1", "1", "0.7058823529411764" } },
	{ "Rd_preston_2000", { "0", "0", "0", "1", "1", "0.6153846153846154" } },
	{ "Rd_schottenfeld_2005", { "0", "0", "0", "1", "1", "0.75" } },
	{ "Ab_schwartz_2006", { "FALSE", "FALSE", "FALSE", "FALSE", "TRUE", "TRUE" } },
	{ "Rd_shufman_1994", { "1", "1", "0", "1", "1", "0.7647058823529411" } },
	{ "Rd_soyka_2008", { "1", "1", "0", "1", "1", "0.75" } },
	{ "Rd_strain_1993", { "1", "1", "1", "1", "1", "1" } },
	{ "Rd_strain_1994", { "1", "1", "0", "1", "1", "0.7647058823529411" } },
	{ "Rd_strain_1996", { "1", "1", "0", "1", "1", "0.75" } },
	{ "Rd_strain_1999", { "1", "1", "0", "1", "1", "0.7647058823529411" } },
	{ "Rd_strang_2010", { "FALSE", "FALSE", "FALSE", "TRUE", "TRUE", "TRUE" } },
	{ "Rd_strang_2019", { "0", "0", "0", "1", "1", "0.5833333333333334" } },
	{ "Rd_tanum_2017", { "0", "0", "0", "1", "1", "0.7058823529411765" } },
	{ "Rd_wolstein_2009", { "0", "0", "0", "1", "1", "0.75" } },
	{ "Rd_woody_2008", { "0", "0", "0", "0", "1", "0.6666666666666667" } },
	{ "Rd_zaks_1972", { "0", "5", "0", "1", "15", "12" } },
};

static void
check_table(const struct expect *e, const char *const words[], size_t nwords)
{
	size_t k;

	for (k = 0; k < nwords; k++)
		ck_assert_msg(strcmp(cell(e->name, words[k]), e->cells[k]) == 0,
		    "%s on '%s': want '%s', got '%s'", e->name, words[k],
		    e->cells[k], cell(e->name, words[k]));
}

START_TEST(defs_worked_examples)
{
	ck_assert_str_eq(worked[_i].name, rd_uds_defs[_i].name);
	check_table(&worked[_i], worked_words, NITEMS(worked_words));
}
END_TEST

START_TEST(defs_hand_worked)
{
	ck_assert_str_eq(hand[_i].name, rd_uds_defs[_i].name);
	check_table(&hand[_i], hand_words, NITEMS(hand_words));
}
END_TEST

/* Rows the spec says are identical by construction. */
START_TEST(defs_identical_rows)
{
	static const char *const same[][4] = {
		{ "AbT_mokri_2016", "AbT_schottenfeldA_2008" },
		{ "AbE_mokri_2016", "AbE_schottenfeldA_2008" },
		{ "Rd_shufman_1994", "Rd_strain_1994", "Rd_strain_1999" },
		{ "Rd_soyka_2008", "Rd_strain_1996" },
		{ "Rd_fiellin_2006", "Rd_johnson_1992", "Rd_paniB_2000" },
		{ "Rd_fudala_2003", "Rd_paniA_2000", "Rd_schottenfeld_2005",
		  "Rd_wolstein_2009" },
		{ "Rd_mattickA_2003", "Rd_tanum_2017" },
		{ "Rd_mattickB_2003", "Rd_preston_2000" },
	};
	static const char *const words[] = {
		"", "o", "_", "*", "-o*_---o----+--o", "+*_o-ooo", "*-*-*-*-*-*-*-*",
	};
	char want[64];
	size_t g, k, w;

	for (g = 0; g < NITEMS(same); g++)
		for (w = 0; w < NITEMS(words); w++) {
			snprintf(want, sizeof(want), "%s",
			    cell(same[g][0], words[w]));
			for (k = 1; k < 4 && same[g][k] != NULL; k++)
				ck_assert_str_eq(cell(same[g][k], words[w]),
				    want);
		}
}
END_TEST

/* Behaviour the notes of the CTNote definitions single out. */
START_TEST(defs_spec_notes)
{
	/* Row 1: fixed weeks 12-15, at most one o, * counts as +. */
	ck_assert_str_eq(cell("Ab_ctnNinetyFour_2023", "+++++++++++o---"), "TRUE");
	ck_assert_str_eq(cell("Ab_ctnNinetyFour_2023", "+++++++++++oo--"), "FALSE");
	ck_assert_str_eq(cell("Ab_ctnNinetyFour_2023", "+++++++++++*---"), "FALSE");
	ck_assert_str_eq(cell("Ab_ctnNinetyFour_2023", "+++++++++++_---"), "FALSE");
	ck_assert_str_eq(cell("Ab_ctnNinetyFour_2023", "--------------"), "FALSE");
	/* Row 25 is NA exactly when row 26 is. */
	ck_assert_str_eq(cell("RsT_ctnFiftyOne_2018", "+++++"), "");
	ck_assert_str_eq(cell("RsT_ctnFiftyOne_2018", "--++++"), "3");
	ck_assert_str_eq(cell("RsE_ctnFiftyOne_2018", "--++++"), "1");
	/* Row 30: FALSE below 15 weeks of retention; _ imputed by kNV. */
	ck_assert_str_eq(cell("Rd_eissenberg_1997", "--------------o"), "FALSE");
	ck_assert_str_eq(cell("Rd_eissenberg_1997", "--_-+++++++++++"), "TRUE");
	ck_assert_str_eq(cell("Rd_eissenberg_1997", "-__-+++++++++++"), "FALSE");
	/* Row 34: 0 below 8 weeks of retention. */
	ck_assert_str_eq(cell("Rd_jaffe_1972", "-------ooo"), "0");
	ck_assert_str_eq(cell("Rd_jaffe_1972", "-------+oo"), "0.9");
	/* Rows 40/41: 0 up to 3 weeks of retention, else NA with a _. */
	ck_assert_str_eq(cell("Rd_lingA_1976", "+++ooooooooooooo"), "0");
	ck_assert_str_eq(cell("Rd_lingB_1976", "_++ooooo"), "0");
	ck_assert_str_eq(cell("Rd_lingB_1976", "_+++oooo"), "");
	ck_assert_str_eq(cell("Rd_lingA_1976", "---------------_"), "120");
	/* Row 50: only a negative week 15. */
	ck_assert_str_eq(cell("Ab_schwartz_2006", "++++++++++++++*"), "FALSE");
	ck_assert_str_eq(cell("Ab_schwartz_2006", "++++++++++++++"), "FALSE");
	/* Row 61: all three lattice weeks _ leaves an empty slice: 1. */
	ck_assert_str_eq(cell("Rd_woody_2008", "____________"), "1");
	ck_assert_str_eq(cell("Rd_woody_2008", "___*___-___+"), "0.5");
	/* Section 5: proportions on an empty slice are 0. */
	ck_assert_str_eq(cell("Rd_fudala_2003", "oooo"), "0");
	ck_assert_str_eq(cell("Rd_soyka_2008", "oooo"), "1");
	ck_assert_str_eq(cell("Ab_krupitskyA_2011", "++++"), "TRUE");
}
END_TEST

static Suite *
uds_defs_suite(void)
{
	Suite *s = suite_create("uds definitions");
	TCase *tc;

	tc = tcase_create("cells");
	tcase_add_test(tc, format_cells);
	tcase_add_test(tc, find_and_validate);
	tcase_add_test(tc, defs_table);
	tcase_add_test(tc, compute_misuse);
	tcase_add_test(tc, compute_long_word);
	suite_add_tcase(s, tc);

	tc = tcase_create("definitions");
	tcase_add_loop_test(tc, defs_worked_examples, 0, NITEMS(worked));
	tcase_add_loop_test(tc, defs_hand_worked, 0, NITEMS(hand));
	tcase_add_test(tc, defs_identical_rows);
	tcase_add_test(tc, defs_spec_notes);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(uds_defs_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
