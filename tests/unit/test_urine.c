/*
 * common/urine.c's reading of rows: the built-in map of lab names and
 * result words, and the memo of the code columns' spellings
 * (rd_urine_parse_memo) against the plain parse.
 */
#include <check.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analytes.h"
#include "codes.h"
#include "map.h"
#include "reader.h"
#include "urine.h"

static const char *
mapped(const char *column, const char *value)
{
	const char *code = NULL;

	rd_urine_map_init();
	if (rd_map_apply(column, value, strlen(value), &code) != 1)
		return "(none)";
	return code;
}

/* The class a lab name maps to through the analyte table. */
static const char *
klass_of(const char *value)
{
	const char *code;
	int klass, analyte;

	rd_urine_map_init();
	if (rd_substance_lookup(value, strlen(value), &klass, &analyte, &code) != 1)
		return "(none)";
	return rd_substance_codes.code[klass];
}

START_TEST(map_lab_labels)
{
	ck_assert_str_eq(klass_of("Etylglukuronid (EtG)"), "alcohol");
	ck_assert_str_eq(klass_of("U-Amfetamin"), "stimulants");
	ck_assert_str_eq(klass_of("U-Metamfetamin"), "stimulants");
	ck_assert_str_eq(klass_of("THC-COOH"), "cannabis");
	ck_assert_str_eq(klass_of("B-PEth"), "alcohol");
	ck_assert_str_eq(klass_of("Buprenorfin"), "opioids");
	ck_assert_str_eq(klass_of("BENSOYLEKGONIN"), "cocaine");
	ck_assert_str_eq(klass_of("Benzoylecgonine"), "cocaine");
	ck_assert_str_eq(klass_of("7-aminoklonazepam"), "benzodiazepines");
	ck_assert_str_eq(klass_of("S-GHB"), "ghb");
	ck_assert_str_eq(klass_of("Pregabalin (Lyrica)"), "gabapentinoids");
	/* Bounded abbreviations do not fire inside other words. */
	ck_assert_str_eq(klass_of("Metanol"), "(none)");
	ck_assert_str_eq(klass_of("Kreatinin"), "(none)");
	ck_assert_str_eq(klass_of("methanol"), "(none)");
	ck_assert_str_eq(mapped("result", "Ej påvisad"), "neg");
	ck_assert_str_eq(mapped("result", "PÅVIST"), "pos");
	ck_assert_str_eq(mapped("result", "IKKE PÅVIST"), "neg");
	ck_assert_str_eq(mapped("result", "negative (< 200 ng/ml)"), "neg");
	ck_assert_str_eq(mapped("result", "Positivt"), "pos");
	ck_assert_str_eq(mapped("result", "Nektet"), "refused");
	ck_assert_str_eq(mapped("result", "Utspädd"), "invalid");
	ck_assert_str_eq(mapped("result", "non-negative"), "(none)");
	ck_assert_str_eq(mapped("supervised", "Ja"), "yes");
	ck_assert_str_eq(mapped("random", "Nei"), "no");
}
END_TEST

/* Every name the man page lists for a row maps to that row's code. */
START_TEST(map_documented_examples)
{
	for (size_t i = 0; i < rd_urine_nmap; i++) {
		const struct rd_urine_map_row *m = &rd_urine_map[i];
		char *copy = strdup(m->examples), *save = NULL;

		for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
			while (*t == ' ')
				t++;
			/* Some examples are words of a list ("amphetamine(s)"). */
			char *paren = strchr(t, '(');
			if (paren != NULL && strcmp(m->column, "substance") == 0)
				*paren = '\0';
			ck_assert_msg(strcmp(mapped(m->column, t), m->code) == 0,
			    "%s '%s' maps to %s, documented as %s", m->column, t,
			    mapped(m->column, t), m->code);
		}
		free(copy);
	}
}
END_TEST

/*
 * rd_urine_parse_memo gives every row the codes rd_urine_parse gives it:
 * 20,000 rows of code fields drawn from spellings of 1 to 21 bytes (spans
 * of the code columns from 7 to over 32 bytes: every way memo_words loads
 * them, and past them), read as lines and as quoted fields (no memo), in
 * the layouts with and without an analyte column.
 */
static const char *const memo_substances[] = { "EtG", "etg", "alcohol",
	"ALCOHOL", "Cannabinoider", "U-Amfetamin", "Etylglukuronid (EtG)",
	"THC-COOH", "Buprenorfin", "BENSOYLEKGONIN", "Pregabalin (Lyrica)",
	"7-aminoklonazepam", "S-GHB", "opioids", "Opiater", "Bensodiazepiner" };
static const char *const memo_results[] = { "pos", "POS", "positiv",
	"negativ", "neg", "+", "-", "missing", "saknas", "ej p\xc3\xa5visad",
	"refused", "invalid" };
static const char *const memo_yes_no[] = { "", "yes", "no", "ja", "nej", "Y",
	"n", "1", "0", "true", "False" };
#define PICK(a, x) ((a)[(x) % (sizeof(a) / sizeof((a)[0]))])

static char *
memo_rows(int rows, bool analyte, bool quoted)
{
	size_t cap = (size_t)rows * 128 + 128, len = 0;
	char *text = malloc(cap);
	unsigned x = 12345;
	const char *q = quoted ? "\"" : "";

	ck_assert_ptr_nonnull(text);
	len += (size_t)sprintf(text, "patient_id,date,substance,%sresult,supervised,"
	    "random,sample_id\n", analyte ? "analyte," : "");
	for (int i = 0; i < rows; i++) {
		x = x * 1103515245u + 12345u;
		size_t sub = (x >> 8) % (sizeof memo_substances / sizeof memo_substances[0]);

		len += (size_t)sprintf(text + len, "%sp%d%s,2024-01-0%d,%s%s%s,", q,
		    i % 7, q, 1 + i % 9, q, memo_substances[sub], q);
		/* etg where the substance is alcohol's: else the row is bad. */
		if (analyte)
			len += (size_t)sprintf(text + len, "%s,", x % 5 == 0 &&
			    (sub <= 3 || sub == 6) ? "etg" : "");
		len += (size_t)sprintf(text + len, "%s%s%s,%s,%s,s%d\n", q,
		    PICK(memo_results, x >> 13), q, PICK(memo_yes_no, x >> 17),
		    PICK(memo_yes_no, x >> 21), i);
	}
	return text;
}

static void
memo_compare(bool analyte, bool quoted)
{
	struct rd_reader_config cfg = { .delim = ',' };
	char *text = memo_rows(20000, analyte, quoted);
	struct rd_reader *a = rd_open_mem("a", text, strlen(text), &cfg);
	struct rd_reader *b = rd_open_mem("b", text, strlen(text), &cfg);
	struct rd_urine_cols c;
	struct rd_urine_memo *m;
	struct rd_record ra, rb;
	struct rd_urine_row ua, ub, first[RD_URINE_SPELLINGS];
	long differ = 0, numbered = 0;
	bool seen[RD_URINE_SPELLINGS] = { false };

	rd_urine_map_init();
	rd_codes_prepare();	/* as the tools do: else the first row's spelled bits differ */
	rd_urine_cols(a, &c);
	m = malloc(sizeof *m);
	ck_assert_ptr_nonnull(m);
	rd_urine_memo_init(m, &c);
	while (rd_next(a, &ra) == 1) {
		ck_assert_int_eq(rd_next(b, &rb), 1);
		ck_assert(rd_urine_parse(a, &ra, &c, &ua));
		ck_assert(rd_urine_parse_memo(b, &rb, &c, m, &ub));
		differ += ua.substance != ub.substance || ua.analyte != ub.analyte ||
		    ua.result != ub.result || ua.supervised != ub.supervised ||
		    ua.random != ub.random || ua.spelled != ub.spelled ||
		    ua.date != ub.date || ua.sample_len != ub.sample_len;
		ck_assert_int_eq(ua.spelling, -1);	/* no memo, no number */
		if (ub.spelling < 0)
			continue;
		/* A number stands for one set of codes. */
		ck_assert_int_lt(ub.spelling, RD_URINE_SPELLINGS);
		numbered++;
		if (!seen[ub.spelling]) {
			seen[ub.spelling] = true;
			first[ub.spelling] = ub;
			continue;
		}
		ua = first[ub.spelling];
		differ += ua.substance != ub.substance || ua.analyte != ub.analyte ||
		    ua.result != ub.result || ua.supervised != ub.supervised ||
		    ua.random != ub.random;
	}
	ck_assert_int_eq(differ, 0);
	/*
	 * Quoted fields are not the line as read: nothing kept.  Lines: the
	 * rows draw more spellings than the memo keeps, so it fills.
	 */
	if (quoted)
		ck_assert_int_eq(numbered, 0);
	else
		ck_assert_int_ge(numbered, RD_URINE_SPELLINGS);
	free(m);
	rd_close(a);
	rd_close(b);
	free(text);
}

START_TEST(memo_same_codes)
{
	memo_compare(false, false);
	memo_compare(true, false);
	memo_compare(false, true);
}
END_TEST

static Suite *
urine_rows_suite(void)
{
	Suite *s = suite_create("urine rows");
	TCase *tc = tcase_create("map and memo");

	tcase_add_test(tc, map_lab_labels);
	tcase_add_test(tc, map_documented_examples);
	tcase_add_test(tc, memo_same_codes);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(urine_rows_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
