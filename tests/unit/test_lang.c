/* Unit tests of common/lang.c: --lang values, the environment, sorting. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "lang.h"

START_TEST(parse)
{
	enum rd_lang l;

	ck_assert_int_eq(rd_lang_parse("en", &l), 0);
	ck_assert_int_eq(l, RD_LANG_EN);
	ck_assert_int_eq(rd_lang_parse("NB", &l), 0);
	ck_assert_int_eq(l, RD_LANG_NB);
	ck_assert_int_eq(rd_lang_parse("no", &l), 0);
	ck_assert_int_eq(l, RD_LANG_NB);
	ck_assert_int_eq(rd_lang_parse("nn", &l), 0);
	ck_assert_int_eq(l, RD_LANG_NB);
	ck_assert_int_eq(rd_lang_parse("sv", &l), 0);
	ck_assert_int_eq(l, RD_LANG_SV);
	ck_assert_int_eq(rd_lang_parse("se", &l), -1);
	ck_assert_int_eq(rd_lang_parse("", &l), -1);
	ck_assert_str_eq(rd_lang_code(RD_LANG_SV), "sv");
}
END_TEST

static enum rd_lang
env(const char *all, const char *messages, const char *lang)
{
	const char *names[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	const char *values[] = { all, messages, lang };

	for (int i = 0; i < 3; i++)
		if (values[i] != NULL)
			ck_assert_int_eq(setenv(names[i], values[i], 1), 0);
		else
			ck_assert_int_eq(unsetenv(names[i]), 0);
	return rd_lang_from_env();
}

START_TEST(environment)
{
	ck_assert_int_eq(env(NULL, NULL, NULL), RD_LANG_EN);
	ck_assert_int_eq(env(NULL, NULL, "nb_NO.UTF-8"), RD_LANG_NB);
	ck_assert_int_eq(env(NULL, NULL, "nn_NO.UTF-8"), RD_LANG_NB);
	ck_assert_int_eq(env(NULL, NULL, "no_NO"), RD_LANG_NB);
	ck_assert_int_eq(env(NULL, NULL, "sv_SE.UTF-8"), RD_LANG_SV);
	ck_assert_int_eq(env(NULL, NULL, "sv_FI"), RD_LANG_SV);
	ck_assert_int_eq(env(NULL, NULL, "en_GB.UTF-8"), RD_LANG_EN);
	/* LC_MESSAGES before LANG, LC_ALL before both; empty is unset. */
	ck_assert_int_eq(env(NULL, "sv_SE", "nb_NO"), RD_LANG_SV);
	ck_assert_int_eq(env("C", "sv_SE", "nb_NO"), RD_LANG_EN);
	ck_assert_int_eq(env("", "", "nb_NO"), RD_LANG_NB);
	ck_assert_int_eq(env("nb_NO.UTF-8", NULL, "sv_SE"), RD_LANG_NB);
}
END_TEST

/* words in the order of lang, each one after the one before. */
static void
sorted(enum rd_lang lang, const char *const *words, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		ck_assert_msg(rd_lang_collate(lang, words[i - 1], words[i]) < 0,
		    "%s before %s", words[i - 1], words[i]);
		ck_assert_msg(rd_lang_collate(lang, words[i], words[i - 1]) > 0,
		    "%s after %s", words[i], words[i - 1]);
	}
	for (size_t i = 0; i < n; i++)
		ck_assert_int_eq(rd_lang_collate(lang, words[i], words[i]), 0);
}

START_TEST(order)
{
	/* Ålesund, Ängelholm, Arendal, Ærøy, bodø, Örebro, Ørsta, Zeta */
	static const char *const en[] = { "", "1", "\xC3\x85lesund", "all",
	    "\xC3\x84ngelholm", "Arendal", "\xC3\x86r\xC3\xB8y", "bod\xC3\xB8",
	    "\xC3\x96rebro", "\xC3\x98rsta", "Zeta" };
	static const char *const nb[] = { "", "1", "all", "Arendal", "bod\xC3\xB8",
	    "Zeta", "\xC3\x84ngelholm", "\xC3\x86r\xC3\xB8y", "\xC3\xA6x",
	    "\xC3\x96rebro", "\xC3\x98rsta", "\xC3\x85lesund" };
	static const char *const sv[] = { "", "1", "all", "Arendal", "bod\xC3\xB8",
	    "Zeta", "\xC3\x85lesund", "\xC3\x84ngelholm", "\xC3\x86r\xC3\xB8y",
	    "\xC3\x96rebro", "\xC3\x98rsta" };

	sorted(RD_LANG_EN, en, sizeof en / sizeof en[0]);
	sorted(RD_LANG_NB, nb, sizeof nb / sizeof nb[0]);
	sorted(RD_LANG_SV, sv, sizeof sv / sizeof sv[0]);
	/* Case aside first, then bytes: "Bodø" before "bodø", both before "c". */
	ck_assert_int_lt(rd_lang_collate(RD_LANG_NB, "Bod\xC3\xB8", "bod\xC3\xB8"), 0);
	ck_assert_int_lt(rd_lang_collate(RD_LANG_NB, "bod\xC3\xB8", "C"), 0);
	ck_assert_int_lt(rd_lang_collate(RD_LANG_NB, "ab", "abc"), 0);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("lang");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, parse);
	tcase_add_test(tc, environment);
	tcase_add_test(tc, order);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
