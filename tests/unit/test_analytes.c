/*
 * common/analytes.c and the prescription rule of common/urine.c: lab names
 * to analytes and classes, which medicine an analyte can come from, and
 * which rows a prescription excuses.  Expected values are worked out in
 * the comments from urine-track(1) ANALYTES and PRESCRIPTIONS.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analytes.h"
#include "codes.h"
#include "date.h"
#include "opts.h"
#include "urine.h"

static int
D(const char *iso)
{
	int day = 0;

	ck_assert_msg(rd_date_parse(iso, strlen(iso), RD_DATE_ISO, &day) == 0,
	    "bad literal %s", iso);
	return day;
}

static int
class_of(const char *name)
{
	return rd_code_index(&rd_substance_codes, name, strlen(name));
}

/* "analyte/class" of a lab name, "class" when only a class, "(none)". */
static const char *
lab(const char *value)
{
	static char out[128];
	const char *code;
	int klass, analyte;

	rd_urine_map_init();
	if (rd_substance_lookup(value, strlen(value), &klass, &analyte, &code) != 1)
		return "(none)";
	if (analyte < 0)
		snprintf(out, sizeof out, "%s", rd_substance_codes.code[klass]);
	else
		snprintf(out, sizeof out, "%s/%s", rd_analyte_name(analyte),
		    rd_substance_codes.code[klass]);
	return out;
}

START_TEST(lab_names_to_analytes)
{
	ck_assert_str_eq(lab("U-Buprenorfin"), "buprenorphine/opioids");
	/* A metabolite whose name holds its parent's comes first. */
	ck_assert_str_eq(lab("U-Norbuprenorfin"), "norbuprenorphine/opioids");
	ck_assert_str_eq(lab("Metadon"), "methadone/opioids");
	ck_assert_str_eq(lab("EDDP"), "eddp/opioids");
	ck_assert_str_eq(lab("heroin"), "6-mam/opioids");
	ck_assert_str_eq(lab("6-MAM"), "6-mam/opioids");
	ck_assert_str_eq(lab("6-monoacetylmorfin"), "6-mam/opioids");
	ck_assert_str_eq(lab("Morfin"), "morphine/opioids");
	ck_assert_str_eq(lab("fentanyl"), "fentanyl/opioids");
	ck_assert_str_eq(lab("U-Metamfetamin"), "methamphetamine/stimulants");
	ck_assert_str_eq(lab("U-Amfetamin"), "amphetamine/stimulants");
	ck_assert_str_eq(lab("THC-COOH"), "thc/cannabis");
	ck_assert_str_eq(lab("Etylglukuronid (EtG)"), "etg/alcohol");
	ck_assert_str_eq(lab("B-PEth"), "peth/alcohol");
	ck_assert_str_eq(lab("Nordiazepam"), "nordiazepam/benzodiazepines");
	ck_assert_str_eq(lab("7-aminoklonazepam"), "7-aminoclonazepam/benzodiazepines");
	ck_assert_str_eq(lab("Flunitrazepam"), "flunitrazepam/benzodiazepines");
	ck_assert_str_eq(lab("S-GHB"), "ghb/ghb");
	/* Tests that name only a class, and the class codes themselves. */
	ck_assert_str_eq(lab("Opiater"), "opioids");
	ck_assert_str_eq(lab("Bensodiazepiner"), "benzodiazepines");
	ck_assert_str_eq(lab("ghb"), "ghb");
	ck_assert_str_eq(lab("Kokain"), "cocaine");
	ck_assert_str_eq(lab("Kreatinin"), "(none)");
	/* An exact analyte name, any case. */
	ck_assert_str_eq(lab("NORBUPRENORPHINE"), "norbuprenorphine/opioids");
}
END_TEST

/* Every name the man page lists for a row maps to that row. */
START_TEST(documented_examples)
{
	for (size_t i = 0; i < rd_analyte_nmap; i++) {
		const struct rd_analyte_row *m = &rd_analyte_map[i];
		char *copy = strdup(m->examples), *save = NULL, want[128];

		if (m->klass != NULL)
			snprintf(want, sizeof want, "%s/%s", m->code, m->klass);
		else
			snprintf(want, sizeof want, "%s", m->code);
		for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
			char *paren;

			while (*t == ' ')
				t++;
			if ((paren = strchr(t, '(')) != NULL)
				*paren = '\0';
			ck_assert_msg(strcmp(lab(t), want) == 0, "'%s' is %s, documented "
			    "as %s", t, lab(t), want);
		}
		free(copy);
	}
	for (size_t i = 0; i < rd_medicine_nmap; i++) {
		const struct rd_medicine_row *m = &rd_medicine_map[i];
		char *copy = strdup(m->examples), *save = NULL;

		for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
			const char *medicine, *code;
			size_t len;
			int klass;

			while (*t == ' ')
				t++;
			ck_assert_int_eq(rd_prescribed_lookup(t, strlen(t), &klass,
			    &medicine, &len, &code), 1);
			ck_assert_msg(medicine != NULL && len == strlen(m->code) &&
			    memcmp(medicine, m->code, len) == 0, "prescribed '%s' is "
			    "not %s", t, m->code);
		}
		free(copy);
	}
}
END_TEST

START_TEST(table_is_consistent)
{
	rd_urine_map_init();
	ck_assert_uint_gt(rd_analyte_count(), 30);
	for (size_t i = 0; i < rd_analyte_count(); i++) {
		const char *name = rd_analyte_name((int)i);

		ck_assert_int_ge(rd_analyte_class((int)i), 0);
		/* Names are lower-case, unique, and every analyte comes from itself. */
		for (const char *p = name; *p; p++)
			ck_assert_msg(!(*p >= 'A' && *p <= 'Z'), "%s", name);
		ck_assert_int_eq(rd_analyte_find(name, strlen(name)), (int)i);
		ck_assert(rd_analyte_comes_from((int)i, name, strlen(name)));
	}
}
END_TEST

static bool
from(const char *analyte, const char *medicine)
{
	int a;

	rd_urine_map_init();
	a = rd_analyte_find(analyte, strlen(analyte));
	ck_assert_msg(a >= 0, "no analyte %s", analyte);
	return rd_analyte_comes_from(a, medicine, strlen(medicine));
}

START_TEST(analytes_come_from_medicines)
{
	ck_assert(from("buprenorphine", "buprenorphine"));
	ck_assert(from("norbuprenorphine", "buprenorphine"));
	ck_assert(!from("fentanyl", "buprenorphine"));
	ck_assert(!from("6-mam", "buprenorphine"));
	ck_assert(from("eddp", "methadone"));
	ck_assert(!from("buprenorphine", "methadone"));
	ck_assert(from("6-mam", "diacetylmorphine"));
	ck_assert(from("morphine", "diacetylmorphine"));
	ck_assert(from("morphine", "codeine"));
	/* Morphine never leaves 6-MAM: only heroin does. */
	ck_assert(!from("6-mam", "morphine"));
	ck_assert(from("oxazepam", "diazepam"));
	ck_assert(from("nordiazepam", "diazepam"));
	ck_assert(!from("diazepam", "oxazepam"));
	ck_assert(from("amphetamine", "lisdexamfetamine"));
	ck_assert(!from("methamphetamine", "lisdexamfetamine"));
	ck_assert(from("ghb", "sodium-oxybate"));
	ck_assert(rd_medicine_known("diacetylmorphine", 16));
	ck_assert(!rd_medicine_known("naloxone", 8));
}
END_TEST

/* A prescriptions file in a temporary folder, loaded. */
static struct rd_prescribed *
load(const char *text)
{
	char path[] = "/tmp/test_analytes_XXXXXX";
	int fd = mkstemp(path);
	struct rd_prescribed *p;

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	rd_urine_map_init();
	p = rd_prescribed_load(path);
	unlink(path);
	return p;
}

static bool
excused(const struct rd_prescribed *p, const char *patient, const char *date,
    const char *analyte_or_class)
{
	int a = rd_analyte_find(analyte_or_class, strlen(analyte_or_class));
	int klass = a >= 0 ? rd_analyte_class(a) : class_of(analyte_or_class);

	ck_assert_int_ge(klass, 0);
	return rd_prescribed_excuses(p, patient, strlen(patient), D(date), klass, a);
}

START_TEST(prescription_rule)
{
	struct rd_prescribed *p = load("patient_id,substance,from,to\n"
	    "P2,buprenorfin,,\n"
	    "M1,Metadon,,\n"
	    "T1,Subutex,2026-01-01,2026-01-10\n"
	    "T1,metadon,2026-01-20,\n"
	    "C1,opioids,,\n"
	    "H1,heroin,,\n"
	    "A1,Antabus,,\n");

	/* A medicine excuses its own analytes and metabolites only. */
	ck_assert(excused(p, "P2", "2026-01-05", "buprenorphine"));
	ck_assert(excused(p, "P2", "2026-01-05", "norbuprenorphine"));
	ck_assert(!excused(p, "P2", "2026-01-05", "fentanyl"));
	ck_assert(!excused(p, "P2", "2026-01-05", "6-mam"));
	/* A class-only opioid row could be anything: not excused. */
	ck_assert(!excused(p, "P2", "2026-01-05", "opioids"));
	ck_assert(excused(p, "M1", "2026-01-05", "eddp"));
	ck_assert(excused(p, "M1", "2026-01-05", "methadone"));
	ck_assert(!excused(p, "M1", "2026-01-05", "buprenorphine"));
	/* Dates are inclusive; outside them the medicine counts. */
	ck_assert(!excused(p, "T1", "2025-12-31", "buprenorphine"));
	ck_assert(excused(p, "T1", "2026-01-01", "buprenorphine"));
	ck_assert(excused(p, "T1", "2026-01-10", "buprenorphine"));
	ck_assert(!excused(p, "T1", "2026-01-11", "buprenorphine"));
	ck_assert(!excused(p, "T1", "2026-01-19", "eddp"));
	ck_assert(excused(p, "T1", "2026-01-20", "eddp"));
	ck_assert(excused(p, "T1", "2030-01-01", "eddp"));
	/* A class excuses the class, as before analytes. */
	ck_assert(excused(p, "C1", "2026-01-05", "fentanyl"));
	ck_assert(excused(p, "C1", "2026-01-05", "opioids"));
	ck_assert(!excused(p, "C1", "2026-01-05", "thc"));
	/* Heroin-assisted treatment: diacetylmorphine leaves 6-MAM and morphine. */
	ck_assert(excused(p, "H1", "2026-01-05", "6-mam"));
	ck_assert(excused(p, "H1", "2026-01-05", "morphine"));
	ck_assert(!excused(p, "H1", "2026-01-05", "fentanyl"));
	/* Disulfiram leaves nothing the table knows: nothing is excused. */
	for (size_t a = 0; a < rd_analyte_count(); a++)
		ck_assert(!rd_prescribed_excuses(p, "A1", 2, D("2026-01-05"),
		    rd_analyte_class((int)a), (int)a));
	/* Nobody else, and no prescriptions at all. */
	ck_assert(!excused(p, "X9", "2026-01-05", "buprenorphine"));
	ck_assert(!excused(NULL, "P2", "2026-01-05", "buprenorphine"));
	rd_prescribed_free(p);
}
END_TEST

/* The example: buprenorphine weekly, fentanyl once, heroin once. */
START_TEST(sample_judgement_example)
{
	static const struct { const char *date, *lab; } rows[] = {
		{ "2026-01-05", "buprenorfin" }, { "2026-01-12", "fentanyl" },
		{ "2026-01-12", "buprenorfin" }, { "2026-01-19", "heroin" },
	};
	struct rd_prescribed *p = load("patient_id,substance\nP2,buprenorfin\n");
	struct rd_urine_obs obs[4];
	struct rd_sample s[4];
	size_t n;

	for (size_t i = 0; i < 4; i++) {
		struct rd_urine_row u = { .patient_id = "P2", .patient_len = 2,
		    .date = D(rows[i].date), .result = RD_POS };
		const char *code;

		ck_assert_int_eq(rd_substance_lookup(rows[i].lab, strlen(rows[i].lab),
		    &u.substance, &u.analyte, &code), 1);
		rd_urine_obs_fill(&obs[i], &u, p, NULL);	/* no sample_id: no arena needed */
	}
	n = rd_urine_samples(obs, 4, s);
	ck_assert_uint_eq(n, 3);
	ck_assert_int_eq(s[0].status, RD_SAMPLE_NEG);
	ck_assert(s[0].prescribed_pos);
	ck_assert_int_eq(s[1].status, RD_SAMPLE_POS);
	ck_assert_uint_eq(s[1].positive_substances, 1u << class_of("opioids"));
	ck_assert_int_eq(s[2].status, RD_SAMPLE_POS);
	rd_prescribed_free(p);
}
END_TEST

/* What made a sample positive, by analyte when the row has one, else class. */
START_TEST(sample_positive_names)
{
	static const struct { const char *lab; int result; } rows[] = {
		{ "kokain", RD_POS }, { "U-Fentanyl", RD_POS }, { "opiater", RD_POS },
		{ "U-Buprenorfin", RD_POS }, { "6-MAM", RD_POS }, { "U-Fentanyl", RD_POS },
		{ "amfetamin", RD_NEG },
	};
	struct rd_prescribed *p = load("patient_id,substance\nP2,buprenorfin\n");
	struct rd_urine_obs obs[7];
	struct rd_sample s[1];
	char names[64], tiny[12];

	for (size_t i = 0; i < 7; i++) {
		struct rd_urine_row u = { .patient_id = "P2", .patient_len = 2,
		    .date = D("2026-01-12"), .result = rows[i].result };
		const char *code;

		ck_assert_int_eq(rd_substance_lookup(rows[i].lab, strlen(rows[i].lab),
		    &u.substance, &u.analyte, &code), 1);
		rd_urine_obs_fill(&obs[i], &u, p, NULL);	/* no sample_id: no arena needed */
	}
	ck_assert_uint_eq(rd_urine_samples(obs, 7, s), 1);
	ck_assert_uint_eq(s[0].first_obs, 0);
	ck_assert_uint_eq(s[0].nobs, 7);
	/* Whatever the row order: classes in code order, the class-only row
	 * first, each name once; buprenorphine is excused, amphetamine neg. */
	rd_sample_positive_names(obs, &s[0], -1, names, sizeof names);
	ck_assert_str_eq(names, "opioids, 6-mam, fentanyl, cocaine");
	rd_sample_positive_names(obs, &s[0], class_of("opioids"), names,
	    sizeof names);
	ck_assert_str_eq(names, "6-mam, fentanyl");
	rd_sample_positive_names(obs, &s[0], class_of("stimulants"), names,
	    sizeof names);
	ck_assert_str_eq(names, "");
	/* A name that does not fit is left off whole. */
	rd_sample_positive_names(obs, &s[0], -1, tiny, sizeof tiny);
	ck_assert_str_eq(tiny, "opioids");
	rd_prescribed_free(p);
}
END_TEST

START_TEST(prescribed_names)
{
	const char *medicine, *code;
	size_t len;
	int klass;

	rd_urine_map_init();
	ck_assert_int_eq(rd_prescribed_lookup("Subutex", 7, &klass, &medicine,
	    &len, &code), 1);
	ck_assert(len == 13 && memcmp(medicine, "buprenorphine", 13) == 0);
	ck_assert_int_eq(rd_prescribed_lookup("opioids", 7, &klass, &medicine,
	    &len, &code), 1);
	ck_assert(medicine == NULL);
	ck_assert_int_eq(klass, class_of("opioids"));
	ck_assert_int_eq(rd_prescribed_lookup("Kreatinin", 9, &klass, &medicine,
	    &len, &code), 0);
	/* A medicine that leaves no analyte of the table is known and excuses nothing. */
	ck_assert_int_eq(rd_prescribed_lookup("Naltrexon", 9, &klass, &medicine,
	    &len, &code), 1);
	ck_assert(len == 10 && memcmp(medicine, "naltrexone", 10) == 0);
	ck_assert(!rd_medicine_known("naltrexone", 10));
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("analytes");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	rd_opts_init("test_analytes", "");
	tcase_add_test(tc, lab_names_to_analytes);
	tcase_add_test(tc, documented_examples);
	tcase_add_test(tc, table_is_consistent);
	tcase_add_test(tc, analytes_come_from_medicines);
	tcase_add_test(tc, prescription_rule);
	tcase_add_test(tc, sample_judgement_example);
	tcase_add_test(tc, sample_positive_names);
	tcase_add_test(tc, prescribed_names);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
