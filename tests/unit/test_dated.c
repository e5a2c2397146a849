/*
 * Unit tests of common/dated.c's rd_dated_urine_obs: the observations of
 * the kept episodes' rows, per episode row, and the notes, the same in
 * one thread and in two at every chunk size.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "collect.h"
#include "date.h"
#include "dated.h"
#include "idmap.h"
#include "opts.h"
#include "reader.h"
#include "urine.h"

/* P1: E1 in January, E2 from March.  P2: E3 in February. */
static const char episodes_csv[] =
    "patient_id,episode_id,modality,start_date,end_date,end_reason\n"
    "P1,E1,cbt,2026-01-01,2026-01-31,dropout\n"
    "P1,E2,cbt,2026-03-01,,\n"
    "P2,E3,mi,2026-02-01,2026-02-28,completed\n";

/*
 * Lines 2-3 E1 (one sample_id too long for an observation), 4 P1 in
 * February (no episode: a note), 5 E3, 6 E2, 7 an unknown patient (a
 * note), 8 E1 again, 9 after as-of (nothing), 10 E3.
 */
static const char urine_csv[] =
    "patient_id,date,substance,result,sample_id\n"
    "P1,2026-01-05,opioids,pos,s1\n"
    "P1,2026-01-05,cannabis,neg,a-sample-id-longer-than-fifteen\n"
    "P1,2026-02-15,opioids,neg,s2\n"
    "P2,2026-02-03,cocaine,missing,\n"
    "P1,2026-03-02,opioids,neg,s3\n"
    "P9,2026-03-02,opioids,neg,s4\n"
    "P1,2026-01-20,alcohol,refused,s5\n"
    "P1,2027-01-01,opioids,neg,s6\n"
    "P2,2026-02-10,alcohol,neg,s7\n";

struct result {
	struct rd_collect rows;
	struct rd_arena long_ids;
	struct rd_attach_note note;
};

/* A run's settings, an empty collection in res; the as-of day. */
static int
start(struct result *res, int threads, size_t chunk)
{
	char env[32];
	int as_of = 0;

	ck_assert_int_eq(rd_date_parse("2026-12-31", 10, RD_DATE_ISO, &as_of), 0);
	snprintf(env, sizeof env, "%zu", chunk);
	setenv("RUSDATA_CHUNK_BYTES", env, 1);
	rd_opt.threads = threads;
	rd_urine_map_init();
	memset(res, 0, sizeof *res);
	rd_collect_init(&res->rows, sizeof(struct rd_urine_obs));
	return as_of;
}

static void
run(struct result *res, const uint64_t *keep, int threads, size_t chunk)
{
	struct rd_reader_config cfg = { .delim = ',', .max_field_bytes = 1 << 20 };
	struct rd_reader *er = rd_open_mem("episodes.csv", episodes_csv,
	    strlen(episodes_csv), &cfg);
	struct rd_episodes *eps = rd_episodes_read(er, false);
	struct rd_reader *r = rd_open_mem("urine.csv", urine_csv,
	    strlen(urine_csv), &cfg);
	int as_of = start(res, threads, chunk);

	rd_dated_urine_obs(r, eps, as_of, &res->note, NULL, keep, &res->rows,
	    &res->long_ids);
	rd_collect_finish(&res->rows, rd_episodes_count(eps), NULL);
	rd_close(r);
	rd_episodes_free(eps);
	rd_close(er);
}

/* Episode row e's observations as "date:sample_id:result ...". */
static void
describe(const struct result *res, size_t e, char *out, size_t outsz)
{
	size_t n, len = 0;
	const struct rd_urine_obs *o = rd_collect_unit(&res->rows, e, &n);

	out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		size_t idlen;
		const char *id = rd_urine_obs_sample(&o[i], &idlen);

		len += (size_t)snprintf(out + len, outsz - len, "%s%d:%.*s:%d",
		    i > 0 ? " " : "", o[i].date, (int)idlen, id, o[i].result);
		ck_assert_uint_lt(len, outsz);
	}
}

static void
free_result(struct result *res)
{
	rd_collect_free(&res->rows);
	rd_arena_free(&res->long_ids);
}

START_TEST(kept_episodes_and_notes)
{
	static const uint64_t keep[] = { 5 };	/* E1 and E3, not E2 */
	struct result res;
	char text[512];
	size_t n;

	run(&res, keep, 1, 512 * 1024);
	ck_assert_uint_eq(res.rows.n, 5);
	describe(&res, 0, text, sizeof text);
	ck_assert_ptr_nonnull(strstr(text, ":a-sample-id-longer-than-fifteen:"));
	ck_assert_ptr_nonnull(strstr(text, ":s5:"));
	(void)rd_collect_unit(&res.rows, 0, &n);
	ck_assert_uint_eq(n, 3);
	(void)rd_collect_unit(&res.rows, 1, &n);
	ck_assert_uint_eq(n, 0);	/* E2 is not kept */
	(void)rd_collect_unit(&res.rows, 2, &n);
	ck_assert_uint_eq(n, 2);
	ck_assert_uint_eq(rd_attach_note_total(&res.note), 2);
	ck_assert_int_eq(res.note.first_line, 4);
	free_result(&res);
	run(&res, NULL, 1, 512 * 1024);	/* every episode */
	(void)rd_collect_unit(&res.rows, 1, &n);
	ck_assert_uint_eq(n, 1);
	free_result(&res);
}
END_TEST

START_TEST(two_threads_same_as_one)
{
	static const uint64_t keep[] = { 5 };
	struct result one, two;
	char a[512], b[512];

	run(&one, keep, 1, 512 * 1024);
	for (size_t chunk = 1; chunk < 80; chunk++) {
		run(&two, keep, 2, chunk);
		ck_assert_uint_eq(two.rows.n, one.rows.n);
		for (size_t e = 0; e < 3; e++) {
			describe(&one, e, a, sizeof a);
			describe(&two, e, b, sizeof b);
			ck_assert_str_eq(a, b);
		}
		ck_assert(memcmp(&one.note, &two.note, sizeof one.note) == 0);
		free_result(&two);
	}
	free_result(&one);
}
END_TEST

/*
 * Without episodes: every row by its patient_id (a keyed collection),
 * patient_ids longer than a batch's copy and sample_ids longer than an
 * observation's among them; two threads give one's units and rows.
 */
static const char keyed_csv[] =
    "patient_id,date,substance,result,sample_id\n"
    "P1,2026-01-05,opioids,pos,s1\n"
    "a-patient-id-of-more-than-thirty-two-bytes,2026-01-05,cannabis,neg,s2\n"
    "P2,2026-02-03,cocaine,missing,a-sample-id-longer-than-fifteen\n"
    "P1,2026-03-02,opioids,neg,\n"
    "P1,2027-01-01,opioids,neg,s6\n"
    "a-patient-id-of-more-than-thirty-two-bytes,2026-01-06,alcohol,neg,"
    "another-sample-id-longer-than-fifteen\n";

static void
run_keyed_csv(struct result *res, struct rd_idmap *ids, int threads,
    size_t chunk, const char *csv)
{
	struct rd_reader_config cfg = { .delim = ',', .max_field_bytes = 1 << 20 };
	struct rd_reader *r = rd_open_mem("urine.csv", csv, strlen(csv), &cfg);
	int as_of = start(res, threads, chunk);

	rd_collect_keyed(&res->rows, ids);
	rd_dated_urine_obs(r, NULL, as_of, &res->note, NULL, NULL, &res->rows,
	    &res->long_ids);
	rd_collect_flush(&res->rows);
	rd_collect_finish(&res->rows, rd_idmap_count(ids), NULL);
	rd_close(r);
}

static void
run_keyed(struct result *res, struct rd_idmap *ids, int threads, size_t chunk)
{
	run_keyed_csv(res, ids, threads, chunk, keyed_csv);
}

START_TEST(keyed_by_patient)
{
	struct rd_idmap *ids = rd_idmap_new();
	struct result one, two;
	char a[512], b[512];

	run_keyed(&one, ids, 1, 512 * 1024);
	ck_assert_uint_eq(rd_idmap_count(ids), 3);
	ck_assert_str_eq(rd_idmap_key(ids, 1),
	    "a-patient-id-of-more-than-thirty-two-bytes");
	ck_assert_uint_eq(one.rows.n, 5);	/* not the row after as-of */
	describe(&one, 1, a, sizeof a);
	ck_assert_ptr_nonnull(strstr(a, ":another-sample-id-longer-than-fifteen:"));
	ck_assert_uint_eq(rd_attach_note_total(&one.note), 0);
	for (size_t chunk = 1; chunk < 100; chunk++) {
		struct rd_idmap *ids2 = rd_idmap_new();

		run_keyed(&two, ids2, 2, chunk);
		ck_assert_uint_eq(rd_idmap_count(ids2), 3);
		for (size_t u = 0; u < 3; u++) {
			ck_assert_str_eq(rd_idmap_key(ids, u), rd_idmap_key(ids2, u));
			describe(&one, u, a, sizeof a);
			describe(&two, u, b, sizeof b);
			ck_assert_str_eq(a, b);
		}
		free_result(&two);
		rd_idmap_free(ids2);
	}
	free_result(&one);
	rd_idmap_free(ids);
}
END_TEST

/*
 * Keyed rows taken from two threads in batches (dated.c's take_keyed):
 * 3,000 rows of 41 patients in no order, every 13th with a sample_id
 * too long for an observation (which ends a batch), at chunk sizes from
 * a few rows to all of them: the units and every unit's rows of one
 * thread.
 */
START_TEST(keyed_batches_in_threads)
{
	enum { ROWS = 3000, PATIENTS = 41 };
	char *csv = malloc(ROWS * 64 + 64), *a = malloc(8192), *b = malloc(8192);
	size_t len = 0;
	struct rd_idmap *ids = rd_idmap_new();
	struct result one, two;
	static const size_t chunks[] = { 200, 1000, 4096, 65536, 1 << 20 };

	ck_assert_ptr_nonnull(csv);
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	len += (size_t)sprintf(csv, "patient_id,date,substance,result,sample_id\n");
	for (int i = 0; i < ROWS; i++) {
		int p = i * 17 % PATIENTS;

		len += (size_t)sprintf(csv + len, "P%d,2026-%02d-%02d,%s,%s,%s%d\n",
		    p, 1 + i % 12, 1 + i % 28, i % 3 ? "opioids" : "cannabis",
		    i % 5 ? "neg" : "pos", i % 13 ? "s" : "a-long-sample-id-", i);
	}
	run_keyed_csv(&one, ids, 1, 1 << 20, csv);
	ck_assert_uint_eq(rd_idmap_count(ids), PATIENTS);
	ck_assert_uint_eq(one.rows.n, ROWS);
	for (size_t k = 0; k < sizeof chunks / sizeof chunks[0]; k++) {
		struct rd_idmap *ids2 = rd_idmap_new();

		run_keyed_csv(&two, ids2, 2, chunks[k], csv);
		ck_assert_uint_eq(two.rows.n, ROWS);
		ck_assert_uint_eq(rd_idmap_count(ids2), PATIENTS);
		for (size_t u = 0; u < PATIENTS; u++) {
			ck_assert_str_eq(rd_idmap_key(ids, u), rd_idmap_key(ids2, u));
			describe(&one, u, a, 8192);
			describe(&two, u, b, 8192);
			ck_assert_str_eq(a, b);
		}
		free_result(&two);
		rd_idmap_free(ids2);
	}
	free_result(&one);
	rd_idmap_free(ids);
	free(csv);
	free(a);
	free(b);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("dated");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, kept_episodes_and_notes);
	tcase_add_test(tc, two_threads_same_as_one);
	tcase_add_test(tc, keyed_by_patient);
	tcase_add_test(tc, keyed_batches_in_threads);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
