/*
 * patient-split: the shard hash is SipHash-2-4 (the reference vectors of
 * Aumasson and Bernstein), the published test vectors of the shard key
 * (computed independently with a plain Python SipHash), the folder and
 * file names, and a split of a small table: every row once, a patient's
 * rows together, empty shards header-only.
 */
#include <check.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fields.h"
#include "opts.h"
#include "reader.h"
#include "split.h"

START_TEST(t_siphash_reference_vectors)
{
	unsigned char key[16], msg[15], out[8];
	static const unsigned char empty[8] = { 0x31, 0x0e, 0x0e, 0xdd, 0x47, 0xdb, 0x6f, 0x72 };
	static const unsigned char fifteen[8] = { 0xe5, 0x45, 0xbe, 0x49, 0x61, 0xca, 0x29, 0xa1 };

	for (int i = 0; i < 16; i++)
		key[i] = (unsigned char)i;
	for (int i = 0; i < 15; i++)
		msg[i] = (unsigned char)i;
	crypto_shorthash(out, msg, 0, key);
	ck_assert_mem_eq(out, empty, 8);
	crypto_shorthash(out, msg, 15, key);
	ck_assert_mem_eq(out, fifteen, 8);
}
END_TEST

/* The vectors of patient-split(1). */
START_TEST(t_shard_key_vectors)
{
	static const struct {
		const char *id;
		uint64_t hash;
		unsigned of8, of16, of3;
	} v[] = {
		{ "p000001", 0x7f1bb050b4948e60ULL, 1, 1, 2 },
		{ "p000002", 0xdf0885ee85cbe1d4ULL, 5, 5, 2 },
		{ "p000123", 0x42e0535d5a3182beULL, 7, 15, 2 },
		{ "patient-42", 0x00cd3c631ed08d3dULL, 6, 14, 1 },
		{ "P1", 0x02176c7de3a915c8ULL, 1, 9, 3 },
	};

	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		size_t len = strlen(v[i].id);

		ck_assert_uint_eq(split_hash(v[i].id, len), v[i].hash);
		ck_assert_uint_eq(split_shard(v[i].id, len, 8), v[i].of8);
		ck_assert_uint_eq(split_shard(v[i].id, len, 16), v[i].of16);
		ck_assert_uint_eq(split_shard(v[i].id, len, 3), v[i].of3);
		ck_assert_uint_eq(split_shard(v[i].id, len, 1), 1);
	}
}
END_TEST

START_TEST(t_dir_names)
{
	char buf[SPLIT_DIR_MAX];

	ck_assert_str_eq(split_dir_name(3, 8, buf, sizeof buf), "shard-03-of-08");
	ck_assert_str_eq(split_dir_name(1, 1, buf, sizeof buf), "shard-01-of-01");
	ck_assert_str_eq(split_dir_name(16, 16, buf, sizeof buf), "shard-16-of-16");
	ck_assert_str_eq(split_dir_name(7, 120, buf, sizeof buf), "shard-007-of-120");
	ck_assert_str_eq(split_dir_name(1000, 1000, buf, sizeof buf), "shard-1000-of-1000");
}
END_TEST

static void
name_is(const char *path, int tsv, const char *want)
{
	char *got = split_table_name(path, tsv);

	if (want == NULL)
		ck_assert_ptr_null(got);
	else {
		ck_assert_ptr_nonnull(got);
		ck_assert_str_eq(got, want);
	}
	free(got);
}

START_TEST(t_table_names)
{
	name_is("data/sessions.csv", 0, "sessions.csv");
	name_is("data/sessions.csv", 1, "sessions.tsv");
	name_is("urine.tsv", 0, "urine.csv");
	name_is("/x/y/episodes", 1, "episodes");
	name_is("a.csv.gz", 0, "a.csv.gz");
	name_is(".csv", 1, ".csv");
	name_is("-", 0, NULL);
	name_is("dir/", 0, NULL);
	name_is("..", 0, NULL);
}
END_TEST

static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf = calloc(1, 65536);
	size_t n;

	ck_assert_ptr_nonnull(f);
	n = fread(buf, 1, 65535, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

START_TEST(t_split_table)
{
	static const char csv[] =
	    "date,patient_id,note\n"
	    "2026-01-01,p000001,a\n"
	    "2026-01-02,p000002,\"b,c\"\n"
	    "2026-01-03,p000001,d\n"
	    "2026-01-04,p000123,e\n";
	struct rd_reader_config cfg = { .delim = ',', .max_field_bytes = 1 << 20 };
	struct rd_reader *r = rd_open_mem("t.csv", csv, sizeof csv - 1, &cfg);
	char dir[] = "/tmp/test_patient-split.XXXXXX", path[256];
	struct split_counts counts;
	static const char *const want[8] = {
		"date,patient_id,note\n2026-01-01,p000001,a\n2026-01-03,p000001,d\n",
		"date,patient_id,note\n", "date,patient_id,note\n", "date,patient_id,note\n",
		"date,patient_id,note\n2026-01-02,p000002,\"b,c\"\n",
		"date,patient_id,note\n",
		"date,patient_id,note\n2026-01-04,p000123,e\n",
		"date,patient_id,note\n",
	};

	ck_assert_ptr_nonnull(mkdtemp(dir));
	split_make_dirs(dir, 8);
	split_table(r, rd_col(r, "patient_id"), dir, "t.csv", 8, 0, &counts);
	rd_close(r);
	ck_assert_uint_eq(counts.rows, 4);
	for (unsigned s = 1; s <= 8; s++) {
		char sub[SPLIT_DIR_MAX], *text;

		snprintf(path, sizeof path, "%s/%s/t.csv", dir,
		    split_dir_name(s, 8, sub, sizeof sub));
		text = slurp(path);
		ck_assert_str_eq(text, want[s - 1]);
		ck_assert_uint_eq(counts.per_shard[s - 1], s == 1 ? 2 : s == 5 || s == 7);
		free(text);
		ck_assert_int_eq(unlink(path), 0);
		snprintf(path, sizeof path, "%s/%s", dir, sub);
		ck_assert_int_eq(rmdir(path), 0);
	}
	ck_assert_int_eq(rmdir(dir), 0);
	free(counts.per_shard);
}
END_TEST

static Suite *
patient_split_suite(void)
{
	Suite *s = suite_create("patient-split");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, t_siphash_reference_vectors);
	tcase_add_test(tc, t_shard_key_vectors);
	tcase_add_test(tc, t_dir_names);
	tcase_add_test(tc, t_table_names);
	tcase_add_test(tc, t_split_table);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(patient_split_suite());
	int failed;

	if (sodium_init() < 0)
		return EXIT_FAILURE;
	rd_opts_init("test_patient-split", "");
	rd_ids_init(RD_DEFAULT_ID_PATTERN);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
