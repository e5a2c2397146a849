/*
 * Unit tests of common/scan.c and of the reader on top of it: the AVX2 and
 * the portable scan give the index and the bit masks a byte loop gives,
 * and files read
 * through either scan, or through libcsv alone, give the same records.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "reader.h"
#include "scan.h"

static int
structural(unsigned char c, char sep)
{
	return c == (unsigned char)sep || c == '\n' || c == '"' || c == '\r' ||
	    c == 0 || c >= 0x80;
}

/* The index of buf[from, to) with simd on or off, against a byte loop. */
static void
check_scan(const char *buf, size_t from, size_t to, char sep)
{
	for (int simd = 0; simd <= 1; simd++) {
		struct rd_scan_index ix = { 0 };
		size_t k = 0;

		rd_scan_use_simd(simd);
		rd_scan(&ix, buf, from, to, sep);
		for (size_t i = from; i < to; i++)
			if (structural((unsigned char)buf[i], sep)) {
				ck_assert_uint_lt(k, ix.n);
				ck_assert_uint_eq(ix.pos[k], i);
				k++;
			}
		ck_assert_uint_eq(k, ix.n);
		rd_scan_free(&ix);
	}
}

/*
 * The bit masks of buf[from, to) with simd on or off, against a byte loop:
 * every byte of the words from from's on, none from to on.
 */
static void
check_bits(const char *buf, size_t from, size_t to, char sep)
{
	for (int simd = 0; simd <= 1; simd++) {
		struct rd_scan_bits bits = { 0 };

		rd_scan_use_simd(simd);
		rd_scan_bits(&bits, buf, from, to, sep);
		ck_assert_uint_eq(bits.to, to);
		for (size_t i = from / 64 * 64; i < (to + 63) / 64 * 64; i++) {
			int in = i < to, is_sep = in && buf[i] == sep;
			int other = in && !is_sep && structural((unsigned char)buf[i], sep);

			ck_assert_int_eq((int)(bits.sep[i / 64] >> (i % 64) & 1), is_sep);
			ck_assert_int_eq((int)(bits.other[i / 64] >> (i % 64) & 1), other);
		}
		rd_scan_bits_free(&bits);
	}
}

/* Every structural byte at every offset of a 64-byte block, every start. */
START_TEST(scan_every_byte_everywhere)
{
	const char special[] = { ',', ';', '\t', '\n', '"', '\r', 0, (char)0x80,
	    (char)0xC3, (char)0xFF, 'a', 0x7F };
	char buf[100];

	for (size_t s = 0; s < sizeof special; s++)
		for (size_t at = 0; at < 64; at++) {
			memset(buf, 'x', sizeof buf);
			buf[at] = special[s];
			buf[(at * 7 + 3) % 64] = ',';
			for (size_t from = 0; from < 9; from++) {
				check_scan(buf, from, 64, ',');
				check_scan(buf, from, 71 - from, '\t');
				check_bits(buf, from, 64, ',');
				check_bits(buf, from, 71 - from, '\t');
				check_bits(buf, 64 - from, 100 - from, ';');
			}
		}
}
END_TEST

START_TEST(scan_random_blocks)
{
	static char buf[1 << 16];
	unsigned seed = 17;

	for (int round = 0; round < 20; round++) {
		for (size_t i = 0; i < sizeof buf; i++) {
			seed = seed * 1103515245u + 12345u;
			unsigned v = (seed >> 16) & 0xFF;
			buf[i] = (char)(v < 200 ? 'a' + v % 26 : v);
		}
		check_scan(buf, (size_t)round, sizeof buf - (size_t)round, ',');
		check_scan(buf, 0, sizeof buf, ';');
		check_bits(buf, (size_t)round * 13, sizeof buf - (size_t)round, ',');
		check_bits(buf, 0, sizeof buf, '\t');
	}
}
END_TEST

/* Writes text to a temporary file and returns its path (static buffer). */
static const char *
temp_file(const char *text, size_t len)
{
	static char path[64];
	int fd;

	strcpy(path, "/tmp/rd-scan-XXXXXX");
	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, text, len), (long)len);
	close(fd);
	return path;
}

/*
 * Lines of random fields, some quoted (with commas, quotes, line breaks),
 * some with CR, NUL, non-ASCII or invalid UTF-8, some long: well past a
 * read chunk, so the index is rebuilt and moved as the buffer is.
 */
static char *
random_csv(size_t target, unsigned seed, char sep, size_t *len)
{
	char *t = malloc(target + 4096);
	size_t n = 0;
	const unsigned seed0 = seed;

	ck_assert_ptr_nonnull(t);
	while (n < target) {
		seed = seed * 1103515245u + 12345u;
		unsigned r = seed >> 8;
		int fields = 1 + (int)(r % 7);

		for (int f = 0; f < fields; f++) {
			seed = seed * 1103515245u + 12345u;
			unsigned v = seed >> 8;
			if (f > 0)
				t[n++] = sep;
			/* Seeds from 3 on: few odd fields, long runs of plain lines. */
			switch (v % (seed0 < 3 ? 23 : 230)) {
			case 0:
				n += (size_t)sprintf(t + n, "\"q%c\"\"x\n y\"", sep);
				break;
			case 1:
				t[n++] = '\r';
				break;
			case 2:
				memcpy(t + n, "\xC3\xA5", 2), n += 2;
				break;
			case 3:
				t[n++] = (char)0xC3;	/* invalid UTF-8 */
				break;
			case 4:
				t[n++] = '\0';
				break;
			case 5:
				t[n++] = '"';	/* a stray quote */
				break;
			case 6:
				for (int i = 0; i < 200; i++)
					t[n++] = 'L';
				break;
			default:
				for (unsigned i = 0; i < v % 9; i++)
					t[n++] = (char)('a' + (v >> 4) % 26);
			}
		}
		t[n++] = r % 31 == 0 ? '\r' : '\n';
		if (r % 31 == 0)
			t[n++] = '\n';
		if (r % 37 == 0)
			t[n++] = '\n';	/* an empty line */
	}
	*len = n;
	return t;
}

/* a and b, records of the same line: the same fields, line and verdict. */
static void
same_records(int got_a, const struct rd_record *a, int got_b,
    const struct rd_record *b)
{
	ck_assert_int_eq(got_a, got_b);
	if (got_a == 0)
		return;
	ck_assert_int_eq(a->line, b->line);
	ck_assert_uint_eq(a->n, b->n);
	for (size_t i = 0; i < a->n; i++) {
		ck_assert_uint_eq(a->len[i], b->len[i]);
		ck_assert_int_eq(memcmp(a->f[i], b->f[i], a->len[i]), 0);
	}
}

/*
 * A record with plain_sep (rows as read, writer.h) is its line: each
 * field right after the one before and the NUL that was its separator.
 */
static void
plain_record(const struct rd_record *rec, char sep)
{
	ck_assert_int_eq(rec->plain_sep, sep);
	for (size_t i = 0; i + 1 < rec->n; i++) {
		ck_assert_ptr_eq(rec->f[i + 1], rec->f[i] + rec->len[i] + 1);
		ck_assert_int_eq(rec->f[i][rec->len[i]], '\0');
	}
}

/*
 * The records of path four ways: AVX2 in batches (x), portable in
 * batches (y), AVX2 the general way (w: the index, RUSDATA_BATCH=0), and
 * for CSV libcsv (z).  w also gives the same errors.
 */
static void
read_all_ways(const char *path, int tsv, size_t expect)
{
	struct rd_reader_config cfg = { .tsv = tsv, .delim = tsv ? '\t' : ',',
	    .no_header = true, .max_field_bytes = 150, .expect_fields = expect };
	struct rd_reader_config slow_cfg = cfg;
	struct rd_reader *x, *y, *z, *w;
	struct rd_record a, b, c, d;
	int got_a, got_b, got_c, got_d;
	long records = 0;

	slow_cfg.no_fast_path = true;
	x = rd_open_config(path, &cfg);
	y = rd_open_config(path, &cfg);
	z = rd_open_config(path, &slow_cfg);
	rd_reader_use_batch(0);
	w = rd_open_config(path, &cfg);
	rd_reader_use_batch(1);
	do {
		rd_scan_use_simd(1);
		got_a = rd_next(x, &a);
		got_d = rd_next(w, &d);
		rd_scan_use_simd(0);
		got_b = rd_next(y, &b);
		got_c = rd_next(z, &c);
		same_records(got_a, &a, got_b, &b);
		same_records(got_a, &a, got_d, &d);
		if (!tsv)
			same_records(got_a, &a, got_c, &c);
		if (got_a == 0)
			break;
		records++;
		if (a.plain_sep != '\0')
			plain_record(&a, tsv ? '\t' : ',');
		if (got_a < 0) {
			ck_assert_int_eq(rd_error(x)->line, rd_error(w)->line);
			ck_assert_int_eq(rd_error(x)->col, rd_error(w)->col);
			ck_assert_str_eq(rd_error(x)->msg, rd_error(w)->msg);
		}
	} while (got_a != 0);
	ck_assert_int_gt(records, 1000);
	rd_close(x);
	rd_close(y);
	rd_close(z);
	rd_close(w);
}

/* rd_scan_count on both paths: every length and start, runs past 255 words. */
START_TEST(count_bytes_every_path)
{
	static char buf[5000];

	srand(11);
	for (size_t i = 0; i < sizeof buf; i++)
		buf[i] = "\n\"a,\xff"[rand() % 5];
	memset(buf + 3000, '\n', 2100 - 100);
	for (int simd = 0; simd <= 1; simd++) {
		rd_scan_use_simd(simd);
		for (size_t from = 0; from < 40; from += 3)
			for (size_t n = 0; from + n <= sizeof buf; n += n < 80 ? 1 : 97) {
				size_t want = 0;

				for (size_t i = from; i < from + n; i++)
					want += buf[i] == '\n';
				ck_assert_uint_eq(rd_scan_count(buf + from, n, '\n'), want);
			}
		ck_assert_uint_eq(rd_scan_count(buf, sizeof buf, '\xff'),
		    rd_scan_count(buf, sizeof buf, '\xff'));
	}
	rd_scan_use_simd(1);
}
END_TEST

START_TEST(reader_same_records_every_path)
{
	for (unsigned seed = 1; seed <= 4; seed++) {
		size_t len;
		char *csv = random_csv(400 * 1024, seed, ',', &len);
		const char *path = temp_file(csv, len);

		read_all_ways(path, 0, 0);
		read_all_ways(path, 0, 4);
		unlink(path);
		free(csv);
		csv = random_csv(400 * 1024, seed, '\t', &len);
		path = temp_file(csv, len);
		read_all_ways(path, 1, 0);
		unlink(path);
		free(csv);
	}
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("scan");
	TCase *tc = tcase_create("scan");
	SRunner *sr;
	int failed;

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, scan_every_byte_everywhere);
	tcase_add_test(tc, scan_random_blocks);
	tcase_add_test(tc, reader_same_records_every_path);
	tcase_add_test(tc, count_bytes_every_path);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
