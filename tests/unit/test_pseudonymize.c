#include <check.h>
#include <errno.h>
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "key.h"
#include "pseudo.h"
#include "natid.h"
#include "writer.h"

/*
 * Every expected pseudonym below is a literal computed outside this code:
 * the RFC 4231 vectors are published, the others were computed with both
 *   printf %s VALUE | openssl dgst -sha256 -mac HMAC -macopt hexkey:KEYHEX
 * and Python's hmac.new(key, value.encode(), hashlib.sha256), which agreed,
 * and cut to the first 32 hex digits.
 */

/* The 32-byte key 00 01 02 ... 1f. */
static unsigned char key32[32];

static void
setup(void)
{
	ck_assert_int_ge(sodium_init(), 0);
	for (int i = 0; i < 32; i++)
		key32[i] = (unsigned char)i;
}

static void
hex_of(struct pseudo *p, const char *value, char *out)
{
	pseudo_hex(p, value, strlen(value), out);
	out[PSEUDO_HEX_LEN] = '\0';
}

struct vector {
	const char *value, *hex;
};

static const struct vector key32_vectors[] = {
	{ "p1", "6e5e37ff6a45c8ece9985f365090a551" },
	{ "x", "b3fb46c7f2e3cc97b59aa0d9eeb0fbc8" },
	{ "P-000123", "c3a924358b3772bf25e0ec925eef10eb" },
	{ "\xc3\x85sa \xc3\x96" "berg", "ef09f57ad3259d95d5b8b1978918495a" },
	{ "\xc3\x86rlig \xc3\x98yvind \xc3\x85sheim",
	    "ecbe7cbd36b07c2d7e5bedb5ca8decf3" },
	{ "19121212-1212", "07f749349579d1cf40e7e271bb879034" },
};

START_TEST(test_vectors)
{
	size_t caches[] = { 0, 1, 2, PSEUDO_DEFAULT_CACHE };
	char out[PSEUDO_HEX_LEN + 1];

	/* The same answers with or without a cache, asked twice. */
	for (size_t c = 0; c < sizeof caches / sizeof caches[0]; c++) {
		struct pseudo *p = pseudo_new(key32, sizeof key32, caches[c]);

		for (int round = 0; round < 2; round++)
			for (size_t i = 0; i < sizeof key32_vectors /
			    sizeof key32_vectors[0]; i++) {
				hex_of(p, key32_vectors[i].value, out);
				ck_assert_str_eq(out, key32_vectors[i].hex);
			}
		pseudo_free(p);
	}
}
END_TEST

/* RFC 4231 test cases 2 (a short key) and 6 (a key longer than a block). */
START_TEST(test_rfc4231)
{
	unsigned char big[131];
	char out[PSEUDO_HEX_LEN + 1];
	struct pseudo *p;

	p = pseudo_new((const unsigned char *)"Jefe", 4, 10);
	hex_of(p, "what do ya want for nothing?", out);
	ck_assert_str_eq(out, "5bdcc146bf60754e6a042426089575c7");
	pseudo_free(p);

	memset(big, 0xaa, sizeof big);
	p = pseudo_new(big, sizeof big, 10);
	hex_of(p, "Test Using Larger Than Block-Size Key - Hash Key First", out);
	ck_assert_str_eq(out, "60e431591ee0b67f0d8a26aacbf5b77f");
	pseudo_free(p);
}
END_TEST

START_TEST(test_cache_counts)
{
	struct pseudo *p = pseudo_new(key32, sizeof key32, 3);
	struct pseudo_stats st;
	char out[PSEUDO_HEX_LEN + 1];
	char long_value[PSEUDO_CACHE_MAX_VALUE + 2];

	hex_of(p, "a", out);
	hex_of(p, "a", out);
	hex_of(p, "b", out);
	hex_of(p, "a", out);
	pseudo_get_stats(p, &st);
	ck_assert_uint_eq(st.computed, 2);
	ck_assert_uint_eq(st.hits, 2);
	ck_assert_uint_eq(st.cached, 2);
	ck_assert_uint_eq(st.clears, 0);
	/* The third value fills it; the fourth empties it first. */
	hex_of(p, "c", out);
	hex_of(p, "d", out);
	pseudo_get_stats(p, &st);
	ck_assert_uint_eq(st.clears, 1);
	ck_assert_uint_eq(st.cached, 1);
	ck_assert_uint_eq(st.computed, 4);
	hex_of(p, "a", out);
	ck_assert_str_eq(out, "5167dd15d18166a9dd6caa3522f7026f");
	pseudo_get_stats(p, &st);
	ck_assert_uint_eq(st.computed, 5);

	/* Values over the cache's limit are hashed every time. */
	memset(long_value, 'z', sizeof long_value - 1);
	long_value[sizeof long_value - 1] = '\0';
	hex_of(p, long_value, out);
	hex_of(p, long_value, out);
	pseudo_get_stats(p, &st);
	ck_assert_uint_eq(st.computed, 7);
	ck_assert_uint_eq(st.cached, 2);
	pseudo_free(p);
}
END_TEST

/* Many distinct values through a small cache: every answer still right. */
START_TEST(test_cache_churn)
{
	struct pseudo *cached = pseudo_new(key32, sizeof key32, 7);
	struct pseudo *plain = pseudo_new(key32, sizeof key32, 0);
	struct pseudo_stats st;
	char a[PSEUDO_HEX_LEN + 1], b[PSEUDO_HEX_LEN + 1], v[32];

	for (int i = 0; i < 5000; i++) {
		snprintf(v, sizeof v, "id%d", (i * 7919) % 1013);
		hex_of(cached, v, a);
		hex_of(plain, v, b);
		ck_assert_str_eq(a, b);
	}
	pseudo_get_stats(cached, &st);
	ck_assert_uint_le(st.cached, 7);
	ck_assert_uint_gt(st.clears, 0);
	ck_assert_uint_eq(st.computed + st.hits, 5000);
	pseudo_get_stats(plain, &st);
	ck_assert_uint_eq(st.computed, 5000);
	ck_assert_uint_eq(st.cached, 0);
	pseudo_free(cached);
	pseudo_free(plain);
}
END_TEST

/* A clone hashes with its proto's key into a cache of its own. */
START_TEST(test_clone)
{
	struct pseudo *proto = pseudo_new(key32, sizeof key32, 100);
	struct pseudo *clone = pseudo_clone(proto, 3);
	struct pseudo *other = pseudo_new((const unsigned char *)"Jefe", 4, 0);
	struct pseudo *other_clone = pseudo_clone(other, 0);
	struct pseudo_stats st;
	char a[PSEUDO_HEX_LEN + 1], b[PSEUDO_HEX_LEN + 1], v[32];

	for (int i = 0; i < 50; i++) {
		snprintf(v, sizeof v, "p%06d", i % 10);
		hex_of(proto, v, a);
		hex_of(clone, v, b);
		ck_assert_str_eq(a, b);
		hex_of(other_clone, v, b);
		ck_assert_str_ne(a, b);
		hex_of(other, v, a);
		ck_assert_str_eq(a, b);
	}
	pseudo_get_stats(clone, &st);
	ck_assert_uint_le(st.cached, 3);
	ck_assert_uint_gt(st.clears, 0);
	pseudo_get_stats(proto, &st);
	ck_assert_uint_eq(st.cached, 10);
	ck_assert_uint_eq(st.clears, 0);
	pseudo_get_stats(other_clone, &st);
	ck_assert_uint_eq(st.computed, 50);
	pseudo_free(proto);
	pseudo_free(clone);
	pseudo_free(other);
	pseudo_free(other_clone);
}
END_TEST

START_TEST(test_names)
{
	struct pseudo_names a = { 0 }, b = { 0 };

	ck_assert_ptr_null(pseudo_names_add(&a, "patient_id,staff_id"));
	ck_assert_ptr_null(pseudo_names_add(&a, "episode_id"));
	ck_assert_uint_eq(a.n, 3);
	ck_assert_str_eq(a.name[0], "patient_id");
	ck_assert_str_eq(a.name[1], "staff_id");
	ck_assert_str_eq(a.name[2], "episode_id");
	ck_assert_ptr_nonnull(pseudo_names_add(&b, ""));
	ck_assert_ptr_nonnull(pseudo_names_add(&b, "a,,b"));
	ck_assert_ptr_nonnull(pseudo_names_add(&b, ",a"));
	ck_assert_ptr_nonnull(pseudo_names_add(&b, "a,"));
	pseudo_names_free(&b);
	ck_assert_ptr_null(pseudo_names_add(&b, "name,staff_id"));
	ck_assert_str_eq(pseudo_names_overlap(&a, &b), "staff_id");
	pseudo_names_free(&b);
	ck_assert_ptr_null(pseudo_names_add(&b, "name"));
	ck_assert_ptr_null(pseudo_names_overlap(&a, &b));
	pseudo_names_free(&a);
	pseudo_names_free(&b);
	ck_assert_uint_eq(a.n, 0);
}
END_TEST

/* A record over string literals (the functions never write to it). */
static struct rd_record
record(const char **fields, size_t n, size_t *lens)
{
	struct rd_record r = { .n = n, .f = (char **)fields, .len = lens,
	    .line = 2 };

	for (size_t i = 0; i < n; i++)
		lens[i] = strlen(fields[i]);
	return r;
}

static const char *header_fields[] = { "patient_id", "name", "clinic", "note" };

START_TEST(test_plan)
{
	size_t lens[4];
	struct rd_record hdr = record(header_fields, 4, lens);
	struct pseudo_names hash = { 0 }, drop = { 0 }, bad = { 0 };
	struct pseudo_plan plan = { 0 };
	const char *which = NULL;

	pseudo_names_add(&hash, "patient_id");
	pseudo_names_add(&drop, "name");
	ck_assert_ptr_null(pseudo_plan_build(&plan, &hdr, &hash, &drop, true,
	    &which));
	ck_assert_uint_eq(plan.n, 4);
	ck_assert_int_eq(plan.action[0], PSEUDO_HASH);
	ck_assert_int_eq(plan.action[1], PSEUDO_DROP);
	ck_assert_int_eq(plan.action[2], PSEUDO_KEEP);
	ck_assert_int_eq(plan.action[3], PSEUDO_KEEP);
	pseudo_plan_free(&plan);

	pseudo_names_add(&bad, "clinic,ssn");
	ck_assert_str_eq(pseudo_plan_build(&plan, &hdr, &bad, &drop, true,
	    &which), "ssn");
	ck_assert_str_eq(which, "--columns");
	ck_assert_ptr_null(plan.action);
	ck_assert_str_eq(pseudo_plan_build(&plan, &hdr, &hash, &bad, true,
	    &which), "ssn");
	ck_assert_str_eq(which, "--drop");
	/* Names are exact: case and spaces count. */
	pseudo_names_free(&bad);
	pseudo_names_add(&bad, "Patient_id");
	ck_assert_str_eq(pseudo_plan_build(&plan, &hdr, &bad, &drop, true,
	    &which), "Patient_id");
	pseudo_names_free(&hash);
	pseudo_names_free(&drop);
	pseudo_names_free(&bad);
}
END_TEST

START_TEST(test_scan)
{
	size_t hl[4], rl[4];
	struct rd_record hdr = record(header_fields, 4, hl);
	const char *fields[] = { "19121212-1212", "pnr 8112189876", "A1",
	    "fnr 010190 12480 in note" };
	struct rd_record rec = record(fields, 4, rl);
	struct pseudo_names hash = { 0 }, drop = { 0 };
	struct pseudo_plan plan;
	struct rd_natid *nid = rd_natid_new();
	enum rd_natid_kind kind;
	const char *which;
	size_t col = 99;

	ck_assert_ptr_nonnull(nid);
	pseudo_names_add(&hash, "patient_id");
	pseudo_names_add(&drop, "name");
	ck_assert_ptr_null(pseudo_plan_build(&plan, &hdr, &hash, &drop, true,
	    &which));
	/* Hashed and dropped fields never reach the output: not scanned. */
	ck_assert_int_eq(pseudo_scan(nid, &plan, &rec, &col, &kind), 1);
	ck_assert_uint_eq(col, 3);
	ck_assert_int_eq(kind, RD_NATID_NO_FNR);
	/* A wrong check digit is no hit. */
	fields[3] = "fnr 010190 12481 in note";
	rec = record(fields, 4, rl);
	ck_assert_int_eq(pseudo_scan(nid, &plan, &rec, &col, &kind), 0);
	/* Kept, so found. */
	plan.action[1] = PSEUDO_KEEP;
	ck_assert_int_eq(pseudo_scan(nid, &plan, &rec, &col, &kind), 1);
	ck_assert_uint_eq(col, 1);
	ck_assert_int_eq(kind, RD_NATID_SE_PNR);
	/* --allow-national-ids */
	plan.scan = false;
	ck_assert_int_eq(pseudo_scan(nid, &plan, &rec, &col, &kind), 0);
	pseudo_plan_free(&plan);
	pseudo_names_free(&hash);
	pseudo_names_free(&drop);
	rd_natid_free(nid);
}
END_TEST

/*
 * The cheap pre-test never turns away a field rd_natid_scan would flag:
 * random strings over digits and the separators, biased so that valid
 * numbers turn up often, and the valid spellings of test_natid.c.
 */
START_TEST(test_prefilter)
{
	static const char alphabet[] = "0123456789012345678901234567890123456789 -+x";
	static const char *spellings[] = { "19121212-1212", "121212-1212",
	    "121212+1212", "1212121212", "191212121212", "701063-2391",
	    "01019012480", "010190 12480", "41019012393", "81212121223" };
	struct rd_natid *nid = rd_natid_new();
	enum rd_natid_kind kind;
	uint64_t seed = 0x9e3779b97f4a7c15ULL;
	unsigned long hits = 0, skipped = 0;
	char buf[32];
	size_t off;

	ck_assert_ptr_nonnull(nid);
	for (size_t i = 0; i < sizeof spellings / sizeof spellings[0]; i++)
		ck_assert(pseudo_may_hold_natid(spellings[i], strlen(spellings[i])));
	for (int t = 0; t < 300000; t++) {
		size_t len;

		seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
		len = 6 + seed % 20;
		for (size_t i = 0; i < len; i++) {
			seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
			buf[i] = alphabet[(seed >> 32) % (sizeof alphabet - 1)];
		}
		if (rd_natid_scan(nid, buf, len, &kind, &off) == 1) {
			hits++;
			ck_assert_msg(pseudo_may_hold_natid(buf, len),
			    "pre-test turned away \"%.*s\"", (int)len, buf);
		} else if (!pseudo_may_hold_natid(buf, len))
			skipped++;
	}
	ck_assert_uint_gt(hits, 100);
	ck_assert_uint_gt(skipped, 1000);
	/* Short, or no six digits in a row. */
	ck_assert(!pseudo_may_hold_natid("121212-12", 9));
	ck_assert(!pseudo_may_hold_natid("2026-01-31 12:00", 16));
	ck_assert(!pseudo_may_hold_natid("12345x12345x12345", 17));
	rd_natid_free(nid);
}
END_TEST

/* Writes a header and rows through a real writer and returns the bytes. */
static char *
written(const struct pseudo_plan *plan, struct pseudo *p,
    const struct rd_record *hdr, const struct rd_record *rows, size_t nrows)
{
	struct rd_writer_config cfg = { .tsv = false };
	FILE *f = tmpfile();
	struct rd_writer *w;
	static char buf[4096];
	size_t n;

	ck_assert_ptr_nonnull(f);
	w = rd_writer_new_config(fileno(f), &cfg);
	pseudo_write_header(w, plan, hdr);
	for (size_t i = 0; i < nrows; i++)
		pseudo_write_row(w, p, plan, &rows[i]);
	rd_writer_close(w);
	rewind(f);
	n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

START_TEST(test_write)
{
	size_t hl[4], l1[4], l2[4];
	struct rd_record hdr = record(header_fields, 4, hl);
	const char *f1[] = { "p1", "\xc3\x85sa \xc3\x96" "berg", "A1", "x, y" };
	const char *f2[] = { "", "Bo", "A2", "" };
	struct rd_record rows[2];
	struct pseudo_names hash = { 0 }, drop = { 0 };
	struct pseudo_plan plan;
	struct pseudo *p = pseudo_new(key32, sizeof key32, 100);
	const char *which;

	rows[0] = record(f1, 4, l1);
	rows[1] = record(f2, 4, l2);
	pseudo_names_add(&hash, "patient_id,note");
	pseudo_names_add(&drop, "name");
	ck_assert_ptr_null(pseudo_plan_build(&plan, &hdr, &hash, &drop, true,
	    &which));
	/* "a" and "x, y" under key32 from openssl and Python; empty stays empty. */
	ck_assert_str_eq(written(&plan, p, &hdr, rows, 2),
	    "patient_id,clinic,note\n"
	    "6e5e37ff6a45c8ece9985f365090a551,A1,"
	    "d75dd701005b9889a34028aeba1390be\n"
	    ",A2,\n");
	pseudo_plan_free(&plan);
	pseudo_names_free(&hash);
	pseudo_names_free(&drop);
	pseudo_free(p);
}
END_TEST

/*
 * A column's value equal to its last one reuses its pseudonym: rows of
 * runs of repeated and alternating values, long ones too, give what
 * pseudo_hex gives for each value without a cache.
 */
START_TEST(test_write_repeats)
{
	static const char *hdr_f[] = { "patient_id", "goal_id" };
	static const char *vals[] = { "p1", "p2", "p1", "",
	    "a value longer than the sixty-four bytes a pseudonym cache entry holds" };
	size_t hl[2];
	struct rd_record hdr = record(hdr_f, 2, hl);
	struct pseudo_names hash = { 0 }, drop = { 0 };
	struct pseudo_plan plan;
	struct pseudo *p = pseudo_new(key32, sizeof key32, 100);
	struct pseudo *plain = pseudo_new(key32, sizeof key32, 0);
	const char *which;
	char want[4096], hex[PSEUDO_HEX_LEN];
	struct rd_record rows[40];
	const char *f[40][2];
	size_t lens[40][2], used;

	pseudo_names_add(&hash, "patient_id,goal_id");
	ck_assert_ptr_null(pseudo_plan_build(&plan, &hdr, &hash, &drop, false, &which));
	used = (size_t)snprintf(want, sizeof want, "patient_id,goal_id\n");
	for (size_t i = 0; i < 40; i++) {
		f[i][0] = vals[(i / 3) % 5];	/* runs of three */
		f[i][1] = vals[(i * 7) % 5];	/* no runs */
		rows[i] = record(f[i], 2, lens[i]);
		for (size_t c = 0; c < 2; c++) {
			if (c > 0)
				want[used++] = ',';
			if (lens[i][c] > 0) {
				pseudo_hex(plain, f[i][c], lens[i][c], hex);
				memcpy(want + used, hex, sizeof hex);
				used += sizeof hex;
			}
		}
		want[used++] = '\n';
	}
	want[used] = '\0';
	ck_assert_str_eq(written(&plan, p, &hdr, rows, 40), want);
	pseudo_plan_free(&plan);
	pseudo_names_free(&hash);
	pseudo_free(p);
	pseudo_free(plain);
}
END_TEST

static char tmpdir[64];

static void
setup_dir(void)
{
	setup();
	strcpy(tmpdir, "/tmp/test_pseudonymize.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void
teardown_dir(void)
{
	char cmd[128];

	snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
	ck_assert_int_eq(system(cmd), 0);
}

START_TEST(test_key_check)
{
	char why[512];

	ck_assert_int_eq(key_check("k", S_IFREG | 0600, 32, why, sizeof why), 0);
	ck_assert_int_eq(key_check("k", S_IFREG | 0400, 4096, why, sizeof why), 0);
	ck_assert_int_eq(key_check("k", S_IFREG | 0644, 32, why, sizeof why), -1);
	ck_assert_str_eq(why, "key file k is readable or writable by group or "
	    "others (mode 0644); make it private: chmod 600 k");
	ck_assert_int_eq(key_check("k", S_IFREG | 0640, 32, why, sizeof why), -1);
	ck_assert_int_eq(key_check("k", S_IFREG | 0604, 32, why, sizeof why), -1);
	ck_assert_int_eq(key_check("k", S_IFREG | 0620, 32, why, sizeof why), -1);
	ck_assert_int_eq(key_check("k", S_IFREG | 0600, 31, why, sizeof why), -1);
	ck_assert_str_eq(why, "key file k holds 31 bytes, fewer than 32; make a "
	    "new key with: pseudonymize --keygen FILE");
	ck_assert_int_eq(key_check("k", S_IFREG | 0600, 4097, why, sizeof why), -1);
	ck_assert_int_eq(key_check("k", S_IFIFO | 0600, 32, why, sizeof why), -1);
	ck_assert_str_eq(why, "key file k is not a regular file");
	ck_assert_int_eq(key_check("k", S_IFDIR | 0700, 4096, why, sizeof why), -1);
}
END_TEST

START_TEST(test_keygen_and_load)
{
	char path[128], why[512];
	unsigned char *key, *key2;
	size_t len, len2;
	struct stat st;
	int exists;
	mode_t old = umask(0);

	/* A careless umask must not widen the key's mode. */
	snprintf(path, sizeof path, "%s/key", tmpdir);
	ck_assert_int_eq(key_generate(path, &exists, why, sizeof why), 0);
	umask(old);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_uint_eq(st.st_mode & 07777, 0600);
	ck_assert_int_eq(st.st_size, KEYGEN_BYTES);
	ck_assert_int_eq(key_load(path, &key, &len, why, sizeof why), 0);
	ck_assert_uint_eq(len, KEYGEN_BYTES);

	/* Never replaced. */
	ck_assert_int_eq(key_generate(path, &exists, why, sizeof why), -1);
	ck_assert_int_eq(exists, 1);
	ck_assert_int_eq(key_load(path, &key2, &len2, why, sizeof why), 0);
	ck_assert_mem_eq(key, key2, len);
	key_free(key2, len2);

	/* Two keys are not the same key. */
	snprintf(path, sizeof path, "%s/key2", tmpdir);
	ck_assert_int_eq(key_generate(path, &exists, why, sizeof why), 0);
	ck_assert_int_eq(key_load(path, &key2, &len2, why, sizeof why), 0);
	ck_assert_int_ne(memcmp(key, key2, len), 0);
	key_free(key, len);
	key_free(key2, len2);

	ck_assert_int_eq(chmod(path, 0644), 0);
	ck_assert_int_eq(key_load(path, &key, &len, why, sizeof why), -1);
	ck_assert_ptr_nonnull(strstr(why, "chmod 600"));

	snprintf(path, sizeof path, "%s/missing", tmpdir);
	ck_assert_int_eq(key_load(path, &key, &len, why, sizeof why), -1);
	ck_assert_ptr_nonnull(strstr(why, strerror(ENOENT)));
	snprintf(path, sizeof path, "%s/no/dir/key", tmpdir);
	ck_assert_int_eq(key_generate(path, &exists, why, sizeof why), -1);
	ck_assert_int_eq(exists, 0);
}
END_TEST

static Suite *
pseudonymize_suite(void)
{
	Suite *s = suite_create("pseudonymize");
	TCase *tc = tcase_create("pseudonyms");
	TCase *tk = tcase_create("keys");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_vectors);
	tcase_add_test(tc, test_rfc4231);
	tcase_add_test(tc, test_cache_counts);
	tcase_add_test(tc, test_cache_churn);
	tcase_add_test(tc, test_clone);
	tcase_add_test(tc, test_names);
	tcase_add_test(tc, test_plan);
	tcase_add_test(tc, test_scan);
	tcase_add_test(tc, test_prefilter);
	tcase_add_test(tc, test_write);
	tcase_add_test(tc, test_write_repeats);
	suite_add_tcase(s, tc);
	tcase_add_checked_fixture(tk, setup_dir, teardown_dir);
	tcase_add_test(tk, test_key_check);
	tcase_add_test(tk, test_keygen_and_load);
	suite_add_tcase(s, tk);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(pseudonymize_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
