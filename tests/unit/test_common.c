/* Unit tests of the small common/ modules: dates, codes, maps, ids, numbers, utf8. */
#include <check.h>
#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "arena.h"
#include "bigmem.h"
#include "codes.h"
#include "date.h"
#include "fields.h"
#include "idmap.h"
#include "map.h"
#include "utf8.h"
#include "wordload.h"

static int
day(const char *iso)
{
	int d = 0;

	ck_assert_int_eq(rd_date_parse(iso, strlen(iso), RD_DATE_ISO, &d), 0);
	return d;
}

START_TEST(dates_parse_and_validate)
{
	int d;

	ck_assert_int_eq(day("1970-01-01"), 0);
	ck_assert_int_eq(day("2000-03-01") - day("2000-02-28"), 2);	/* leap year */
	ck_assert_int_eq(day("1900-03-01") - day("1900-02-28"), 1);	/* not leap */
	ck_assert_int_eq(day("2026-01-01") - day("2025-01-01"), 365);
	ck_assert_int_eq(rd_date_parse("2026-02-30", 10, RD_DATE_ISO, &d), -1);
	ck_assert_int_eq(rd_date_parse("2026-13-01", 10, RD_DATE_ISO, &d), -1);
	ck_assert_int_eq(rd_date_parse("2026-1-01", 9, RD_DATE_ISO, &d), -1);
	ck_assert_int_eq(rd_date_parse("2026-01-0x", 10, RD_DATE_ISO, &d), -1);
	ck_assert_int_eq(rd_date_parse("17.05.2026", 10, RD_DATE_ISO, &d), -1);
	ck_assert_int_eq(rd_date_parse("17.05.2026", 10, RD_DATE_DMY, &d), 0);
	ck_assert_int_eq(d, day("2026-05-17"));
	ck_assert_int_eq(rd_date_parse("29.02.2025", 10, RD_DATE_DMY, &d), -1);
	/* Real calendar dates, but years no file of ours has. */
	ck_assert_int_eq(rd_date_parse("1899-12-31", 10, RD_DATE_ISO, &d), -2);
	ck_assert_int_eq(rd_date_parse("2200-01-01", 10, RD_DATE_ISO, &d), -2);
	ck_assert_int_eq(rd_date_parse("0226-03-02", 10, RD_DATE_ISO, &d), -2);
	ck_assert_int_eq(rd_date_parse("01.01.9999", 10, RD_DATE_DMY, &d), -2);
	ck_assert_int_eq(day("1900-01-01") + 1, day("1900-01-02"));
	ck_assert_int_eq(day("2199-12-31") - 1, day("2199-12-30"));
}
END_TEST

START_TEST(dates_format_and_weekday)
{
	char buf[11];

	rd_date_format(day("2026-11-22"), buf);
	ck_assert_str_eq(buf, "2026-11-22");
	rd_date_format(-1, buf);
	ck_assert_str_eq(buf, "1969-12-31");
	ck_assert_int_eq(rd_date_weekday(day("2026-11-22")), 6);	/* Sunday */
	ck_assert_int_eq(rd_date_weekday(day("2026-11-23")), 0);	/* Monday */
	ck_assert_int_eq(rd_date_weekday(day("1969-12-29")), 0);	/* before the epoch */
	for (int d = rd_date_from_ymd(1899, 12, 25); d < rd_date_from_ymd(2200, 1, 10); d += 13) {
		int y, m, dd;

		rd_date_to_ymd(d, &y, &m, &dd);
		ck_assert_int_eq(rd_date_from_ymd(y, m, dd), d);
	}
}
END_TEST

/* What rd_date_parse must answer for ISO text, the rule spelt out plainly. */
static int
iso_reference(const char *s, int *days)
{
	int y, m, d;

	for (int i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : !isdigit((unsigned char)s[i]))
			return -1;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (!rd_date_valid(y, m, d))
		return -1;
	if (y < RD_YEAR_MIN || y > RD_YEAR_MAX)
		return -2;
	*days = rd_date_from_ymd(y, m, d);
	return 0;
}

/*
 * rd_date_parse keeps the month of the last date that parsed: the same
 * text twice, a text one byte off (day, month or year), a bad one in
 * between all get the plain rule's answer.
 */
START_TEST(dates_repeated_and_one_byte_off)
{
	static const char ends[] = "0123456789:/ ";

	long bad = 0;	/* counted, not asserted one by one: Check is slow at that */

	for (int d = rd_date_from_ymd(1899, 12, 1); d < rd_date_from_ymd(2200, 2, 1); d += 7) {
		char s[11];

		rd_date_format(d, s);
		for (int k = 0; k < 2; k++)
			for (const char *e = ends; *e != '\0'; e++)
				for (const int *at = (const int[]){ 9, 8, 6, 5, 3, 0, -1 };
				    *at >= 0; at++) {
					char t[11];
					int want = -7, got = -7, rw, rg;

					memcpy(t, s, 11);
					t[*at] = *e;
					rw = iso_reference(t, &want);
					rg = rd_date_parse(t, 10, RD_DATE_ISO, &got);
					bad += rg != rw || (rw == 0 && got != want);
					rw = iso_reference(s, &want);
					rg = rd_date_parse(s, 10, RD_DATE_ISO, &got);
					bad += rg != rw || (rw == 0 && got != want);
				}
	}
	ck_assert_int_eq(bad, 0);
}
END_TEST

/*
 * Dates in shuffled order, as a shuffled extract gives them: months far
 * apart share a remembered slot (1926-04 and 2026-04), and a month's day
 * 31 or 29 must still be held to that month's own length.
 */
START_TEST(dates_shuffled_months)
{
	int first = rd_date_from_ymd(1895, 1, 1), n = rd_date_from_ymd(2205, 1, 1) - first;
	long bad = 0, parsed = 0;

	for (long i = 0; i < 3L * n; i++) {
		int d = first + (int)(i * 7919 % n), want = -7, got = -7, rw, rg;
		char s[11];

		rd_date_format(d, s);
		if (i % 3 == 1)		/* the 31st of the month, real or not */
			memcpy(s + 8, "31", 2);
		else if (i % 3 == 2)
			memcpy(s + 8, "29", 2);
		rw = iso_reference(s, &want);
		rg = rd_date_parse(s, 10, RD_DATE_ISO, &got);
		bad += rg != rw || (rw == 0 && got != want);
		parsed += rg == 0;
	}
	ck_assert_int_eq(bad, 0);
	ck_assert_int_gt(parsed, n);
}
END_TEST

START_TEST(codes_case_insensitive)
{
	ck_assert_int_eq(rd_code_index(&rd_attendance_codes, "No-Show", 7), RD_NO_SHOW);
	ck_assert_int_eq(rd_code_index(&rd_attendance_codes, "no-sho", 6), -1);
	ck_assert_int_eq(rd_code_index(&rd_attendance_codes, "no-shows", 8), -1);
	ck_assert_int_eq(rd_code_index(&rd_primary_codes, "GAMBLING", 8), 10);
	ck_assert_int_eq(rd_code_index(&rd_substance_codes, "gambling", 8), -1);
	/* Every code of every list, in any case, through the lookup table. */
	const struct rd_codes *lists[] = { &rd_modality_codes, &rd_setting_codes,
	    &rd_end_reason_codes, &rd_substance_codes, &rd_primary_codes, &rd_sex_codes,
	    &rd_activity_codes, &rd_attendance_codes, &rd_result_codes,
	    &rd_domain_codes, &rd_set_by_codes, &rd_yes_no_codes };
	for (size_t l = 0; l < sizeof lists / sizeof lists[0]; l++)
		for (size_t i = 0; i < lists[l]->n; i++) {
			char up[64];
			size_t n = strlen(lists[l]->code[i]);
			for (size_t k = 0; k <= n; k++)
				up[k] = (char)(k % 2 ? lists[l]->code[i][k] :
				    toupper((unsigned char)lists[l]->code[i][k]));
			ck_assert_int_eq(rd_code_index(lists[l], lists[l]->code[i], n), (int)i);
			ck_assert_int_eq(rd_code_index(lists[l], up, n), (int)i);
			ck_assert_int_eq(rd_code_index(lists[l], up, n - 1), -1);
			/*
			 * An exact match only for the spelling of the list, and
			 * found at once unless the code shares a slot of the lookup
			 * (none of the session or urine codes, which every row
			 * has, does).
			 */
			int exact = rd_code_index_exact(lists[l], lists[l]->code[i], n);
			ck_assert(exact == (int)i || (exact == -1 &&
			    lists[l] != &rd_activity_codes &&
			    lists[l] != &rd_attendance_codes &&
			    lists[l] != &rd_substance_codes &&
			    lists[l] != &rd_result_codes &&
			    lists[l] != &rd_yes_no_codes));
			ck_assert_int_eq(rd_code_index_exact(lists[l], up, n), -1);
			ck_assert_int_eq(rd_code_index_exact(lists[l], up, n - 1), -1);
			/* One byte off anywhere: no code (words are compared whole). */
			for (size_t k = 0; k < n; k++) {
				memcpy(up, lists[l]->code[i], n + 1);
				up[k] = up[k] == '-' ? '\r' : '~';
				ck_assert_int_eq(rd_code_index(lists[l], up, n), -1);
				ck_assert_int_eq(rd_code_index_exact(lists[l], up, n), -1);
			}
		}
	ck_assert_int_eq(rd_code_index(&rd_activity_codes, "", 0), -1);
	ck_assert_str_eq(rd_codes_joined(&rd_attendance_codes),
	    "attended, no-show, cancelled, clinic-cancelled");
}
END_TEST

START_TEST(maps_first_match_wins)
{
	const char *code = NULL;
	char path[] = "/tmp/rd-map-XXXXXX";
	int fd = mkstemp(path);
	const char *text = "column,pattern,code\nsubstance,^amf,stimulants\n"
	    "substance,etg|etylglukuronid,alcohol\nsubstance,.,other\n";

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, text, strlen(text)), (long)strlen(text));
	close(fd);
	rd_map_load(path);
	unlink(path);
	rd_map_add("substance", "kokain", "cocaine");
	ck_assert_int_eq(rd_map_apply("substance", "AMFETAMIN", 9, &code), 1);
	ck_assert_str_eq(code, "stimulants");
	ck_assert_int_eq(rd_map_apply("substance", "Etylglukuronid (EtG)", 20, &code), 1);
	ck_assert_str_eq(code, "alcohol");
	/* The user's catch-all row comes before the built-in one. */
	ck_assert_int_eq(rd_map_apply("substance", "kokain", 6, &code), 1);
	ck_assert_str_eq(code, "other");
	ck_assert_int_eq(rd_map_apply("result", "kokain", 6, &code), 0);
	ck_assert_int_eq(rd_map_has("substance"), 1);
	ck_assert_int_eq(rd_map_has("result"), 0);
}
END_TEST

/* The exact-match cache answers as the patterns do, and new rows clear it. */
START_TEST(maps_cache_same_answers)
{
	const char *code = NULL;
	char column[] = "result";	/* a different pointer, the same name */

	rd_map_add("result", "^neg", "neg");
	for (int i = 0; i < 3; i++) {
		code = NULL;
		ck_assert_int_eq(rd_map_apply("result", "Negativ", 7, &code), 1);
		ck_assert_str_eq(code, "neg");
		ck_assert_int_eq(rd_map_apply(column, "positiv", 7, &code), 0);
		/* Same bytes in another column: its own answer. */
		ck_assert_int_eq(rd_map_apply("random", "Negativ", 7, &code), 0);
		/* A prefix and an extension of a cached value are other values. */
		ck_assert_int_eq(rd_map_apply("result", "Nega", 4, &code), 1);
		ck_assert_int_eq(rd_map_apply("result", "xNegativ", 8, &code), 0);
	}
	/* A value with a NUL byte is not the value cut at it. */
	ck_assert_int_eq(rd_map_apply("result", "pos\0neg", 7, &code), 0);
	rd_map_add("result", "^pos", "pos");
	ck_assert_int_eq(rd_map_apply("result", "positiv", 7, &code), 1);
	ck_assert_str_eq(code, "pos");
	ck_assert_int_eq(rd_map_apply("result", "pos\0neg", 7, &code), 1);
	/* Long values bypass the cache and still match. */
	char longv[300];
	memset(longv, 'x', sizeof longv);
	memcpy(longv, "neg", 3);
	ck_assert_int_eq(rd_map_apply("result", longv, sizeof longv, &code), 1);
	ck_assert_str_eq(code, "neg");
}
END_TEST

START_TEST(regex_limits)
{
	char err[300];
	pcre2_code *re = rd_regex_compile("^(a+)+$", 0, err, sizeof err);
	char subject[64];

	ck_assert_ptr_nonnull(re);
	memset(subject, 'a', 40);
	subject[40] = 'b';
	/* Catastrophic backtracking hits the match limit instead of hanging. */
	ck_assert_int_eq(rd_regex_search(re, subject, 41), -1);
	ck_assert_int_eq(rd_regex_search(re, subject, 40), 1);
	pcre2_code_free(re);
	ck_assert_ptr_null(rd_regex_compile("(", 0, err, sizeof err));
	ck_assert_ptr_nonnull(strstr(err, "offset"));
}
END_TEST

START_TEST(ids_default_and_custom)
{
	rd_ids_init(RD_DEFAULT_ID_PATTERN);
	ck_assert_int_eq(rd_id_check("p001", 4), 1);
	ck_assert_int_eq(rd_id_check("P-1.a_b", 7), 1);
	ck_assert_int_eq(rd_id_check("-p1", 3), 0);
	ck_assert_int_eq(rd_id_check("p 1", 3), 0);
	ck_assert_int_eq(rd_id_check("", 0), 0);
	char long_id[66];
	memset(long_id, 'a', 65);
	ck_assert_int_eq(rd_id_check(long_id, 64), 1);
	ck_assert_int_eq(rd_id_check(long_id, 65), 0);
	rd_ids_init("^[0-9]{6}$");
	ck_assert_int_eq(rd_id_check("123456", 6), 1);
	ck_assert_int_eq(rd_id_check("p00001", 6), 0);
	rd_ids_init(RD_DEFAULT_ID_PATTERN);
}
END_TEST

/* The default id pattern spelled out a byte at a time, for the test below. */
static int
id_by_bytes(const char *s, size_t len)
{
	if (len < 1 || len > 64)
		return 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		int alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		    (c >= 'A' && c <= 'Z');

		if (!alnum && (i == 0 || (c != '_' && c != '.' && c != '-')))
			return 0;
	}
	return 1;
}

/*
 * The default id check (fields.h, a way a length: 16 bytes a step past 16)
 * agrees with the pattern spelled out on every byte at every place of ids
 * of 1 to 66 bytes, with bad bytes right after the id that no check may
 * see.
 */
START_TEST(ids_default_every_byte_and_place)
{
	char buf[90];
	long differ = 0;	/* counted: Check is slow at asserting one by one */

	rd_ids_init(RD_DEFAULT_ID_PATTERN);
	for (size_t len = 1; len <= 66; len++)
		for (size_t at = 0; at < len; at++)
			for (int c = 0; c < 256; c++) {
				memset(buf, ' ', sizeof buf);
				memset(buf, 'k', len);
				buf[len / 2] = len % 3 == 0 ? '7' : '_';
				buf[at] = (char)c;
				differ += rd_id_check(buf, len) != id_by_bytes(buf, len);
			}
	ck_assert_int_eq(differ, 0);
}
END_TEST

START_TEST(numbers_parse)
{
	long v;
	double x;

	ck_assert_int_eq(rd_parse_long("1440", 4, &v), 0);
	ck_assert_int_eq(v, 1440);
	ck_assert_int_eq(rd_parse_long("-3", 2, &v), 0);
	ck_assert_int_eq(v, -3);
	ck_assert_int_eq(rd_parse_long("1.0", 3, &v), -1);
	ck_assert_int_eq(rd_parse_long("", 0, &v), -1);
	ck_assert_int_eq(rd_parse_long("99999999999999999999", 20, &v), -1);
	ck_assert_int_eq(rd_parse_real("23.5", 4, 1, &x), 0);
	ck_assert(x == 23.5);
	ck_assert_int_eq(rd_parse_real("23.55", 5, 1, &x), -1);
	ck_assert_int_eq(rd_parse_real("1e3", 3, 1, &x), -1);
	ck_assert_int_eq(rd_parse_real("nan", 3, 1, &x), -1);
	ck_assert_int_eq(rd_parse_real(".", 1, 1, &x), -1);
	ck_assert_int_eq(rd_parse_real("1.2.3", 5, 3, &x), -1);
	/* The fast path gives strtod's value, bit for bit. */
	unsigned long long state = 42;
	for (int i = 0; i < 200000; i++) {
		char text[40];
		double want;
		state = state * 6364136223846793005ULL + 1442695040888963407ULL;
		int decimals = (int)(state >> 60) % 8;
		long long m = (long long)(state >> 17) % 100000000000LL;
		int n = snprintf(text, sizeof text, "%s%lld.%0*lld", (state & 1) ? "-" : "",
		    m / 1000000, decimals, m % 1000000 % (decimals ? 1 : 1));
		if (decimals == 0)
			n = snprintf(text, sizeof text, "%lld", m);
		want = strtod(text, NULL);
		ck_assert_int_eq(rd_parse_real(text, (size_t)n, 8, &x), 0);
		ck_assert(x == want);
	}
	ck_assert_int_eq(rd_parse_real("12345678901234567.5", 19, 1, &x), 0);
	ck_assert(x == 12345678901234567.5);
}
END_TEST

#ifndef __SANITIZE_ADDRESS__	/* rd_map_grow is the heap there (bigmem.c) */
/*
 * Whether the mapping holding p has the huge-page advice ("hg" among its
 * VmFlags in /proc/self/smaps); -1 when smaps does not tell.
 */
static int
advised_huge(const void *p)
{
	FILE *f = fopen("/proc/self/smaps", "r");
	char line[512];
	int in = 0, found = -1;
	uintptr_t a = (uintptr_t)p;

	if (f == NULL)
		return -1;
	while (fgets(line, sizeof line, f) != NULL) {
		unsigned long lo, hi;

		if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2)
			in = a >= lo && a < hi;
		else if (in && strncmp(line, "VmFlags:", 8) == 0) {
			found = strstr(line, " hg") != NULL;
			break;
		}
	}
	fclose(f);
	return found;
}
#endif

/*
 * An array grown by rd_map_grow from a few bytes to megabytes, a page
 * at a time and by doubling, then shrunk, keeps its values; from
 * RD_BIG_MIN it is advised onto huge pages when asked, and not when not.
 */
static void
check_map_grow(bool huge)
{
	unsigned *v = NULL;
	size_t cap = 0, wrong = 0;

	for (size_t n = 0; n < 1500000; n++) {
		if (n == cap) {
			size_t more = cap < 4096 ? cap + 1000 : 2 * cap;

			v = rd_map_grow(v, cap * sizeof *v, more * sizeof *v, huge);
			cap = more;
		}
		v[n] = (unsigned)(n * 2654435761u);
	}
	ck_assert_uint_ge(cap * sizeof *v, RD_BIG_MIN);
	for (size_t n = 0; n < 1500000; n++)
		wrong += v[n] != (unsigned)(n * 2654435761u);
	ck_assert_uint_eq(wrong, 0);
#ifndef __SANITIZE_ADDRESS__
	if (advised_huge(v) >= 0)
		ck_assert_int_eq(advised_huge(v), huge);
#endif
	v = rd_map_grow(v, cap * sizeof *v, 1000 * sizeof *v, huge);
	for (size_t n = 0; n < 1000; n++)
		ck_assert_uint_eq(v[n], (unsigned)(n * 2654435761u));
	rd_map_free(v, 1000 * sizeof *v);
	rd_map_free(NULL, 0);
}

START_TEST(map_grow_keeps_values)
{
	check_map_grow(true);
	check_map_grow(false);
}
END_TEST

/*
 * rd_map_populate makes the pages of the bytes it is given, and no
 * others (mincore: resident); on a kernel without MADV_POPULATE_WRITE
 * (before Linux 5.14) it makes none, and only that is allowed.
 */
START_TEST(map_populate_makes_those_pages)
{
#ifndef __SANITIZE_ADDRESS__	/* the heap there: nothing to populate */
	size_t page = 4096, npages = 64;
	unsigned char *p = rd_map_grow(NULL, 0, npages * page, false);
	unsigned char in[64];
	size_t made = 0, wrong = 0;

	rd_map_populate(p, 5 * page + 100, 9 * page + 1);
	ck_assert_int_eq(mincore(p, npages * page, in), 0);
	for (size_t i = 0; i < npages; i++) {
		bool want = i >= 5 && i < 10;

		made += in[i] & 1;
		wrong += (in[i] & 1) != want;
	}
	if (made > 0)
		ck_assert_uint_eq(wrong, 0);
	rd_map_free(p, npages * page);
#endif
}
END_TEST

/*
 * An array grown by rd_big_realloc from a few bytes to megabytes (past
 * RD_BIG_MIN, onto huge pages) and shrunk again keeps its values.
 */
START_TEST(big_realloc_keeps_values)
{
	unsigned *v = NULL;
	size_t cap = 0;

	for (size_t n = 0; n < 1500000; n++) {
		if (n == cap) {
			size_t more = cap ? 2 * cap : 100;

			v = rd_big_realloc(v, cap * sizeof *v, more * sizeof *v);
			cap = more;
		}
		v[n] = (unsigned)(n * 2654435761u);
	}
	ck_assert_uint_ge(cap * sizeof *v, RD_BIG_MIN);
	for (size_t n = 0; n < 1500000; n++)
		ck_assert_uint_eq(v[n], (unsigned)(n * 2654435761u));
	v = rd_big_realloc(v, cap * sizeof *v, 1000 * sizeof *v);
	for (size_t n = 0; n < 1000; n++)
		ck_assert_uint_eq(v[n], (unsigned)(n * 2654435761u));
	rd_big_free(v, 1000 * sizeof *v);
}
END_TEST

START_TEST(arena_copies_stay_put)
{
	struct rd_arena a = { 0 };
	char *first = rd_arena_copy(&a, "p000001", 7), *big, *after, *empty;
	char *text = malloc(1 << 20);
	char *many[3000];

	ck_assert_ptr_nonnull(text);
	memset(text, 'z', 1 << 20);
	ck_assert_str_eq(first, "p000001");
	/* Enough small copies to fill several blocks: every one stays intact. */
	for (int i = 0; i < 3000; i++) {
		char key[600];

		memset(key, 'a' + i % 26, sizeof key);
		many[i] = rd_arena_copy(&a, key, 500 + (size_t)(i % 100));
	}
	/* Longer than a block: a block of its own, the current one goes on. */
	big = rd_arena_copy(&a, text, 1 << 20);
	after = rd_arena_copy(&a, "x\0y", 3);
	empty = rd_arena_copy(&a, NULL, 0);
	ck_assert_str_eq(first, "p000001");
	for (int i = 0; i < 3000; i++) {
		ck_assert_uint_eq(strlen(many[i]), 500 + (size_t)(i % 100));
		ck_assert_int_eq(many[i][0], 'a' + i % 26);
	}
	ck_assert_int_eq(memcmp(big, text, 1 << 20), 0);
	ck_assert_int_eq(big[1 << 20], '\0');
	ck_assert_int_eq(memcmp(after, "x\0y", 4), 0);
	ck_assert_str_eq(empty, "");
	rd_arena_free(&a);
	ck_assert_uint_eq(a.nblocks, 0);
	ck_assert_str_eq(rd_arena_copy(&a, "again", 5), "again");	/* usable after free */
	rd_arena_free(&a);
	free(text);
	/* Blocks of 2 MiB filled to their last byte, each copy intact. */
	enum { TINY = 3 << 20 };
	char **tiny = malloc(TINY * sizeof *tiny);

	ck_assert_ptr_nonnull(tiny);
	for (int i = 0; i < TINY; i++)
		tiny[i] = rd_arena_copy(&a, &"abcdefgh"[i % 8], 1);
	for (int i = 0; i < TINY; i++)
		ck_assert(tiny[i][0] == "abcdefgh"[i % 8] && tiny[i][1] == '\0');
	ck_assert_uint_ge(a.nblocks, 3);
	rd_arena_free(&a);
	free(tiny);
}
END_TEST

START_TEST(idmap_dense_indexes)
{
	struct rd_idmap *m = rd_idmap_new();
	char key[32];
	int is_new;

	for (int i = 0; i < 5000; i++) {
		int n = snprintf(key, sizeof key, "p%05d", i);
		ck_assert_uint_eq(rd_idmap_intern(m, key, (size_t)n, &is_new), (size_t)i);
		ck_assert_int_eq(is_new, 1);
	}
	ck_assert_uint_eq(rd_idmap_intern(m, "p00042", 6, &is_new), 42);
	ck_assert_int_eq(is_new, 0);
	ck_assert_uint_eq(rd_idmap_find(m, "p00042x", 7), (size_t)-1);
	ck_assert_uint_eq(rd_idmap_find(m, "p0004", 5), (size_t)-1);
	ck_assert_str_eq(rd_idmap_key(m, 4999), "p04999");
	ck_assert_uint_eq(rd_idmap_count(m), 5000);
	rd_idmap_free(m);
}
END_TEST

/*
 * A key's hash made apart (rd_idmap_hash, in a reading thread) gives the
 * indexes rd_idmap_intern gives: keys of every length around the inline
 * limit and long ones, each interned by one way and found by the other,
 * runs of one key, a table that grows.
 */
START_TEST(idmap_hash_made_apart)
{
	struct rd_idmap *one = rd_idmap_new(), *two = rd_idmap_new();
	char key[64];
	int is_new;

	for (int i = 0; i < 3000; i++) {
		int n = snprintf(key, sizeof key, "%0*d", 1 + i % 40, i / 2);
		uint32_t h = rd_idmap_hash(key, (size_t)n);
		size_t a = rd_idmap_intern(one, key, (size_t)n, NULL);
		size_t b = rd_idmap_intern_hash(two, key, (size_t)n, h, &is_new);

		rd_idmap_prefetch_hash(two, h);
		ck_assert_uint_eq(a, b);
		ck_assert_uint_eq(rd_idmap_find(two, key, (size_t)n), b);
		ck_assert_uint_eq(rd_idmap_intern_hash(one, key, (size_t)n, h,
		    &is_new), a);
		ck_assert_int_eq(is_new, 0);
	}
	ck_assert_uint_eq(rd_idmap_count(one), rd_idmap_count(two));
	rd_idmap_free(one);
	rd_idmap_free(two);
}
END_TEST

/*
 * Batches give the indexes one rd_idmap_intern a key gives: keys of every
 * length around the inline limit and long ones, runs of one key (the
 * previous-key shortcut, across batch borders too), keys seen before, a
 * table growing within a batch; batch sizes up to past RD_IDMAP_BATCH.
 */
START_TEST(idmap_batch_as_one_by_one)
{
	struct rd_idmap *one = rd_idmap_new(), *batch = rd_idmap_new();
	enum { N = 20000 };
	static char text[N][48];
	const char *keys[N];
	size_t lens[N], at = 0;
	uint32_t index[N];
	int is_new;

	srand(11);
	for (size_t i = 0; i < N; i++) {
		size_t len = 1 + (size_t)rand() % 40;

		if (i > 0 && rand() % 4 == 0) {	/* the key before again */
			keys[i] = keys[i - 1];
			lens[i] = lens[i - 1];
			continue;
		}
		for (size_t j = 0; j < len; j++)
			text[i][j] = (char)('a' + rand() % (j < len - 1 ? 26 : 2));
		/* Few distinct short keys, so that many are seen before. */
		if (len < 5)
			len = 1 + (size_t)rand() % 2;
		keys[i] = text[i];
		lens[i] = len;
	}
	while (at < N) {
		size_t n = 1 + (size_t)rand() % (2 * RD_IDMAP_BATCH + 3);

		if (n > N - at)
			n = N - at;
		rd_idmap_intern_batch(batch, n, keys + at, lens + at, index + at);
		at += n;
	}
	for (size_t i = 0; i < N; i++)
		ck_assert_uint_eq(index[i], rd_idmap_intern(one, keys[i], lens[i], &is_new));
	ck_assert_uint_eq(rd_idmap_count(batch), rd_idmap_count(one));
	ck_assert_uint_gt(rd_idmap_count(one), 10000);
	for (size_t i = 0; i < rd_idmap_count(one); i++)
		ck_assert_str_eq(rd_idmap_key(batch, i), rd_idmap_key(one, i));
	rd_idmap_free(one);
	rd_idmap_free(batch);
}
END_TEST

/*
 * Keys of every length around the inline limit, differing in one byte at
 * every position (short keys are compared as overlapping words), asked
 * again in order and in reverse (the previous-key shortcut).
 */
START_TEST(idmap_every_length_and_byte)
{
	struct rd_idmap *m = rd_idmap_new();
	char key[40];
	size_t n = 0;
	int is_new;

	rd_idmap_reserve(m, 3000);	/* no growing from here; keys still found */

	for (size_t len = 0; len <= sizeof key; len++)
		for (size_t at = 0; at <= len; at++) {
			memset(key, 'a', sizeof key);
			if (at < len)
				key[at] = 'b';
			else if (at > 0)
				continue;	/* the all-'a' key: once a length */
			ck_assert_uint_eq(rd_idmap_intern(m, key, len, &is_new), n);
			ck_assert_int_eq(is_new, 1);
			ck_assert_uint_eq(rd_idmap_intern(m, key, len, &is_new), n);
			ck_assert_int_eq(is_new, 0);
			ck_assert_uint_eq(strlen(rd_idmap_key(m, n)), len);
			ck_assert_int_eq(memcmp(rd_idmap_key(m, n), key, len), 0);
			n++;
		}
	for (size_t i = n; i-- > 0;) {
		const char *k = rd_idmap_key(m, i);
		ck_assert_uint_eq(rd_idmap_find(m, k, strlen(k)), i);
		ck_assert_uint_eq(rd_idmap_intern(m, k, strlen(k), &is_new), i);
		ck_assert_int_eq(is_new, 0);
	}
	ck_assert_uint_eq(rd_idmap_count(m), n);
	ck_assert_uint_eq(rd_idmap_find(m, "b", 1), 1);
	ck_assert_uint_eq(rd_idmap_find(m, "c", 1), (size_t)-1);
	ck_assert_uint_eq(rd_idmap_find(m, "ab\0", 3), (size_t)-1);
	rd_idmap_free(m);
}
END_TEST

/* rd_hash_bytes as it was, with the tail copied into a zeroed word. */
static uint64_t
hash_by_copy(const void *data, size_t len)
{
	const unsigned char *p = data;
	uint64_t h = 0x9e3779b97f4a7c15ULL ^ (len * 0xff51afd7ed558ccdULL), w;

	for (; len >= 8; p += 8, len -= 8) {
		memcpy(&w, p, 8);
		h = (h ^ w) * 0x100000001b3ULL;
		h ^= h >> 29;
	}
	w = 0;
	memcpy(&w, p, len);
	h = (h ^ w) * 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return h;
}

/*
 * A key's words from loads (rd_tail_word, rd_key_word) are the words of
 * a zeroed copy, at every length and with every byte value at the ends;
 * each key has a heap block of its own, exactly its size, so that a load
 * outside it fails under AddressSanitizer (make check-asan).  The hash
 * of bytes built on them is the one it was.
 */
START_TEST(key_words_from_loads_as_from_a_copy)
{
	srand(5);
	for (size_t len = 0; len <= 40; len++)
		for (int round = 0; round < 200; round++) {
			char *key = malloc(len > 0 ? len : 1), padded[48] = { 0 };
			uint64_t want;

			ck_assert_ptr_nonnull(key);
			for (size_t j = 0; j < len; j++)
				key[j] = (char)(round < 2 ? (round ? 0xff : 0) : rand());
			memcpy(padded, key, len);
			for (size_t i = 0; i < 5; i++) {
				memcpy(&want, padded + 8 * i, 8);
				ck_assert_uint_eq(rd_key_word(key, len, i), want);
			}
			memcpy(&want, padded + len / 8 * 8, 8);
			ck_assert_uint_eq(rd_tail_word(key, len, len / 8 * 8), want);
			ck_assert_uint_eq(rd_hash_bytes(key, len), hash_by_copy(key, len));
			free(key);
		}
}
END_TEST

/* rd_same_short against memcmp: every length to 40, a byte changed at each place. */
START_TEST(same_short_as_memcmp)
{
	srand(6);
	for (size_t len = 0; len <= 40; len++)
		for (int round = 0; round < 20; round++) {
			char a[48], b[48];

			for (size_t j = 0; j < sizeof a; j++)
				a[j] = (char)rand();
			memcpy(b, a, sizeof b);
			b[len] ^= 1;	/* past the end: never read */
			ck_assert(rd_same_short(a, b, len));
			for (size_t j = 0; j < len; j++) {
				b[j] ^= (char)(1 << round % 8);
				ck_assert(!rd_same_short(a, b, len));
				ck_assert(!rd_same_short(b, a, len));
				b[j] = a[j];
			}
		}
}
END_TEST

/* The sign memcmp and then the lengths give. */
static int
order_by_memcmp(const char *a, size_t alen, const char *b, size_t blen)
{
	int c = memcmp(a, b, alen < blen ? alen : blen);

	if (c != 0)
		return c < 0 ? -1 : 1;
	return (alen > blen) - (alen < blen);
}

static int
sign(int v)
{
	return (v > 0) - (v < 0);
}

/* Random texts without NUL, of lengths 0 to 20, many sharing a prefix. */
START_TEST(order_short_as_memcmp)
{
	srand(7);
	for (int round = 0; round < 200000; round++) {
		char a[24], b[24];
		size_t alen = (size_t)rand() % 21, blen = (size_t)rand() % 21;

		for (size_t j = 0; j < sizeof a; j++) {
			a[j] = (char)(1 + rand() % 255);
			b[j] = rand() % 4 == 0 ? (char)(1 + rand() % 255) : a[j];
		}
		ck_assert_int_eq(sign(rd_order_short(a, alen, b, blen)),
		    order_by_memcmp(a, alen, b, blen));
		ck_assert_int_eq(sign(rd_order_short(a, alen, a, alen)), 0);
	}
}
END_TEST

START_TEST(utf8_check)
{
	int nul;

	ck_assert_int_eq(rd_utf8_check("plain ascii text, long enough", 29, &nul), -1);
	ck_assert_int_eq(rd_utf8_check("G\xC3\xB6teborg \xE2\x82\xAC \xF0\x9F\x98\x80", 18, &nul), -1);
	ck_assert_int_eq(rd_utf8_check("ab\xC0\xAF", 4, &nul), 2);	/* overlong */
	ck_assert_int_eq(rd_utf8_check("ab\xED\xA0\x80", 5, &nul), 2);	/* surrogate */
	ck_assert_int_eq(rd_utf8_check("abcdefgh\xE2\x82", 10, &nul), 8);	/* truncated */
	ck_assert_int_eq(rd_utf8_check("abcdefghij\0k", 12, &nul), 10);
	ck_assert_int_eq(nul, 1);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("common");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	/* numbers_parse checks 200,000 values: seconds under ASan on a busy machine. */
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, dates_parse_and_validate);
	tcase_add_test(tc, dates_repeated_and_one_byte_off);
	tcase_add_test(tc, dates_shuffled_months);
	tcase_add_test(tc, dates_format_and_weekday);
	tcase_add_test(tc, codes_case_insensitive);
	tcase_add_test(tc, maps_first_match_wins);
	tcase_add_test(tc, regex_limits);
	tcase_add_test(tc, ids_default_and_custom);
	tcase_add_test(tc, ids_default_every_byte_and_place);
	tcase_add_test(tc, numbers_parse);
	tcase_add_test(tc, arena_copies_stay_put);
	tcase_add_test(tc, big_realloc_keeps_values);
	tcase_add_test(tc, map_grow_keeps_values);
	tcase_add_test(tc, map_populate_makes_those_pages);
	tcase_add_test(tc, idmap_dense_indexes);
	tcase_add_test(tc, idmap_every_length_and_byte);
	tcase_add_test(tc, idmap_batch_as_one_by_one);
	tcase_add_test(tc, idmap_hash_made_apart);
	tcase_add_test(tc, key_words_from_loads_as_from_a_copy);
	tcase_add_test(tc, maps_cache_same_answers);
	tcase_add_test(tc, same_short_as_memcmp);
	tcase_add_test(tc, order_short_as_memcmp);
	tcase_add_test(tc, utf8_check);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
