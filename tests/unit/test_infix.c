/*
 * Unit tests of the input fix-ups (common/infix.c: --trim, --iexcel), the
 * missing-column hints (common/colhint.c) and the reader's "sep=" line.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "colhint.h"
#include "infix.h"
#include "reader.h"

/* The field text after the fix-ups, from a writable copy. */
static const char *
fixed(const char *text, bool trim, bool excel)
{
	static char buf[128];
	char *s;
	size_t len = strlen(text);

	ck_assert_uint_lt(len, sizeof buf);
	memcpy(buf, text, len + 1);
	s = rd_infix_field(buf, &len, trim, excel);
	ck_assert_uint_eq(strlen(s), len);
	return s;
}

START_TEST(trim_values)
{
	ck_assert_str_eq(fixed("  p1 ", true, false), "p1");
	ck_assert_str_eq(fixed("\t2026-03-01\t", true, false), "2026-03-01");
	ck_assert_str_eq(fixed("a b", true, false), "a b");
	ck_assert_str_eq(fixed("   ", true, false), "");
	ck_assert_str_eq(fixed("", true, false), "");
	ck_assert_str_eq(fixed(" x ", false, false), " x ");
}
END_TEST

/* The inverse of each --excel rule of the writer. */
START_TEST(excel_back)
{
	ck_assert_str_eq(fixed("0,8125", false, true), "0.8125");
	ck_assert_str_eq(fixed("-3,5", false, true), "-3.5");
	ck_assert_str_eq(fixed("12", false, true), "12");
	ck_assert_str_eq(fixed("-2", false, true), "-2");
	ck_assert_str_eq(fixed("'=SUM(A1)", false, true), "=SUM(A1)");
	ck_assert_str_eq(fixed("'+-o+", false, true), "+-o+");
	ck_assert_str_eq(fixed("'-", false, true), "-");
	ck_assert_str_eq(fixed("'@x", false, true), "@x");
	/* Left alone: not a guard, not a decimal number. */
	ck_assert_str_eq(fixed("'", false, true), "'");
	ck_assert_str_eq(fixed("'abc", false, true), "'abc");
	ck_assert_str_eq(fixed("mon,thu", false, true), "mon,thu");
	ck_assert_str_eq(fixed("1,", false, true), "1,");
	ck_assert_str_eq(fixed(",5", false, true), ",5");
	ck_assert_str_eq(fixed("1,2,3", false, true), "1,2,3");
	ck_assert_str_eq(fixed("--1,5", false, true), "--1,5");
	/* Both: trimmed first. */
	ck_assert_str_eq(fixed(" 1,5 ", true, true), "1.5");
	ck_assert_str_eq(fixed(" '+- ", true, true), "+-");
}
END_TEST

static char *
hint(const char *header_line, bool tsv, const char *name)
{
	struct rd_reader_config cfg = { .delim = ',', .tsv = tsv };
	struct rd_reader *r = rd_open_mem("t", header_line, strlen(header_line), &cfg);
	static char out[160];

	rd_col_hint(rd_header(r), tsv, name, out, sizeof out);
	rd_close(r);
	return out;
}

START_TEST(hints)
{
	ck_assert_str_eq(hint("patient_id;date\n", false, "patient_id"),
	    " (the header is one field with ';' in it: try -d ';')");
	ck_assert_str_eq(hint("patient_id\tdate\n", false, "patient_id"),
	    " (the header is one field with tabs in it: try --itsv)");
	ck_assert_str_eq(hint("Patient_ID,date\n", false, "patient_id"),
	    " (did you mean 'Patient_ID'?)");
	ck_assert_str_eq(hint("date, PATIENT_ID\n", false, "patient_id"),
	    " (did you mean ' PATIENT_ID'? --trim drops the spaces)");
	ck_assert_str_eq(hint("date\tpatient_id \n", true, "patient_id"),
	    " (did you mean 'patient_id '? --trim drops the spaces)");
	/* Nothing close: no guess. */
	ck_assert_str_eq(hint("patient,date\n", false, "patient_id"), "");
	ck_assert_str_eq(hint("patient_ids,date\n", false, "patient_id"), "");
	/* A one-column TSV header with ';' is not a delimiter mix-up. */
	ck_assert_str_eq(hint("a;b\n", true, "patient_id"), "");
}
END_TEST

/* The header of text read as CSV with delimiter delim, fields joined by '|'. */
static char *
header_of(const char *text, char delim)
{
	struct rd_reader_config cfg = { .delim = delim };
	struct rd_reader *r = rd_open_mem("t", text, strlen(text), &cfg);
	const struct rd_record *h = rd_header(r);
	struct rd_record rec;
	static char out[256];
	size_t o = 0;

	for (size_t i = 0; i < h->n; i++)
		o += (size_t)snprintf(out + o, sizeof out - o, "%s%s", i ? "|" : "", h->f[i]);
	o += (size_t)snprintf(out + o, sizeof out - o, "@%ld", h->line);
	if (rd_next(r, &rec) > 0)
		snprintf(out + o, sizeof out - o, " %s/%zu", rec.f[0], rec.n);
	rd_close(r);
	return out;
}

START_TEST(sep_line)
{
	ck_assert_str_eq(header_of("sep=;\na;b\n1;2\n", ','), "a|b@2 1/2");
	ck_assert_str_eq(header_of("sep=;\r\na;b\r\n1;2\r\n", ','), "a|b@2 1/2");
	ck_assert_str_eq(header_of("\xEF\xBB\xBFsep=;\na;b\n1;2\n", ','), "a|b@2 1/2");
	/* Already the delimiter: "sep=" and "" with -d ';'. */
	ck_assert_str_eq(header_of("sep=;\na;b\n1;2\n", ';'), "a|b@2 1/2");
	ck_assert_str_eq(header_of("sep=,\na,b\n1,2\n", ';'), "a|b@2 1/2");
	/* Quoted fields after the switch go through libcsv with ';'. */
	ck_assert_str_eq(header_of("sep=;\na;b\n\"x;y\";2\n", ','), "a|b@2 x;y/2");
	/* Only the first line; "sep=" with more is a header. */
	ck_assert_str_eq(header_of("a,b\nsep=;,1\n", ','), "a|b@1 sep=;/2");
	ck_assert_str_eq(header_of("sep=;x\n1\n", ','), "sep=;x@1 1/1");
}
END_TEST

static Suite *
infix_suite(void)
{
	Suite *s = suite_create("infix");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, trim_values);
	tcase_add_test(tc, excel_back);
	tcase_add_test(tc, hints);
	tcase_add_test(tc, sep_line);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(infix_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
