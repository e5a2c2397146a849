/*
 * Unit tests of common/writer.c's memory writers (par.h's chunks: take,
 * swap, raw bytes) and of rows written as read (rd_writer_pass,
 * rd_put_as_read); test_writer.c has quoting, numbers and refusals.
 */
#include <check.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fields.h"
#include "reader.h"
#include "writer.h"

/*
 * A memory writer (par.h's chunks) holds exactly what a file writer
 * writes: rows of short values past many buffers, values larger than a
 * buffer, raw bytes, across two takes (the second from a fresh start).
 */
static void
put_mixed(struct rd_writer *w, int round)
{
	static char big[150000];

	memset(big, 'y', sizeof big);
	for (int i = 0; i < 30000; i++) {
		rd_put_long(w, i * round);
		rd_put_str(w, i % 11 ? "short" : "needs \"quotes\"");
		if (i % 9000 == 5)
			rd_put(w, big, sizeof big - (size_t)i);
		rd_end_row(w);
		if (i % 7000 == 3)
			rd_write_raw(w, "raw,bytes\n", 10);
	}
}

START_TEST(mem_as_file)
{
	struct rd_writer_config cfg = { 0 };
	FILE *tmp = tmpfile();
	struct rd_writer *f = rd_writer_new_config(fileno(tmp), &cfg);
	struct rd_writer *m = rd_writer_new_mem(&cfg);
	size_t len[2], flen;
	unsigned long rows[2];
	char *mem[2], *file;

	for (int round = 0; round < 2; round++) {
		put_mixed(f, round + 1);
		put_mixed(m, round + 1);
		ck_assert_uint_eq(rd_writer_mem_len(m) > 0, 1);
		mem[round] = rd_writer_mem_take(m, &len[round], &rows[round]);
		ck_assert_uint_eq(rd_writer_mem_len(m), 0);
		ck_assert_uint_eq(rows[round], 30000);
	}
	rd_writer_close(f);
	rd_writer_close(m);
	flen = (size_t)lseek(fileno(tmp), 0, SEEK_END);
	file = malloc(flen);
	ck_assert_ptr_nonnull(file);
	ck_assert_int_eq(pread(fileno(tmp), file, flen, 0), (ssize_t)flen);
	ck_assert_uint_eq(len[0] + len[1], flen);
	ck_assert(memcmp(mem[0], file, len[0]) == 0);
	ck_assert(memcmp(mem[1], file + len[0], len[1]) == 0);
	free(mem[0]);
	free(mem[1]);
	free(file);
	fclose(tmp);
}
END_TEST

/*
 * rd_writer_mem_swap: each round's bytes are those a file writer got,
 * whichever buffer the round went into, and the buffers passed round
 * are the two swapped in (none made afresh once both exist).
 */
START_TEST(mem_swap_as_file)
{
	struct rd_writer_config cfg = { 0 };
	FILE *tmp = tmpfile();
	struct rd_writer *f = rd_writer_new_config(fileno(tmp), &cfg);
	struct rd_writer *m = rd_writer_new_mem(&cfg);
	char *held = NULL, *file, *first = NULL;
	size_t cap = 0, len, flen, at = 0;
	unsigned long rows;

	ck_assert_ptr_nonnull(tmp);
	for (int round = 0; round < 4; round++) {
		/* The same rows each round: a buffer never outgrows its first use. */
		put_mixed(f, 2);
		rd_writer_flush(f);
		put_mixed(m, 2);
		rd_writer_mem_swap(m, &held, &cap, &len, &rows);
		ck_assert_uint_eq(rd_writer_mem_len(m), 0);
		ck_assert_uint_eq(rows, 30000);
		ck_assert_uint_ge(cap, len);
		flen = (size_t)lseek(fileno(tmp), 0, SEEK_END);
		file = malloc(flen - at);
		ck_assert_ptr_nonnull(file);
		ck_assert_int_eq(pread(fileno(tmp), file, flen - at, (off_t)at),
		    (ssize_t)(flen - at));
		ck_assert_uint_eq(len, flen - at);
		ck_assert(memcmp(held, file, len) == 0);
		free(file);
		at = flen;
		if (round == 0)
			first = held;
		if (round == 2)
			ck_assert_ptr_eq(held, first);	/* back from round 1's swap */
	}
	rd_writer_close(f);
	rd_writer_close(m);
	free(held);
	fclose(tmp);
}
END_TEST

/*
 * rd_write_raw's in-line copies: every length from 0 to 40 (each way of
 * overlapping words, and the slow path past 32), from every offset of
 * the source, over many buffers, give the bytes given.
 */
START_TEST(raw_every_length)
{
	struct rd_writer_config cfg = { 0 };
	struct rd_writer *m = rd_writer_new_mem(&cfg);
	char src[64], *want = malloc(1 << 22), *got;
	size_t n = 0, len;
	unsigned long rows;

	ck_assert_ptr_nonnull(want);
	for (int i = 0; i < 64; i++)
		src[i] = (char)('A' + i % 50);
	for (int round = 0; round < 300; round++)
		for (size_t l = 0; l <= 40; l++) {
			size_t at = (size_t)round % 24;

			rd_write_raw(m, src + at, l);
			memcpy(want + n, src + at, l);
			n += l;
		}
	got = rd_writer_mem_take(m, &len, &rows);
	ck_assert_uint_eq(len, n);
	ck_assert(memcmp(got, want, n) == 0);
	free(got);
	free(want);
	rd_writer_close(m);
}
END_TEST

/*
 * Input for as_read_rows: rows of one to six fields of every length, a
 * few with a field of 20,000 or 40,000 bytes (longer than a step of the
 * reader's index, scan.h), with empty lines and CRLF lines now and then and,
 * in CSV, a quoted first field (rows that cannot go out as read); *want
 * gets what as_read_rows writes for it: row i (counted over records)
 * field by field with its first field X when i % 7 == 3, else as it came
 * (quotes and CR gone).
 */
static char *
as_read_input(size_t rows, char sep, char **want, size_t *len)
{
	size_t cap = rows * 100 + (rows / 997 + 1) * 60200, n = 0, m = 0;
	char *in = malloc(cap), *out = malloc(cap);

	ck_assert(in != NULL && out != NULL);
	for (size_t i = 0; i < rows; i++) {
		size_t fields = 1 + i % 6, width = i % 997 == 5 ? 20000 : 1 + i % 13;
		int quoted = sep == ',' && i % 23 == 11;

		if (i % 31 == 7)
			in[n++] = '\n';	/* an empty line: skipped */
		if (quoted)
			in[n++] = '"';
		for (size_t f = 0; f < fields; f++) {
			size_t flen = f == 1 ? width : i % 997 == 500 && f == 0 ?
			    40000 : f % 3 + (f == 0);

			if (f == 1 && quoted)
				in[n++] = '"';
			if (f > 0) {
				in[n++] = sep;
				out[m++] = sep;
			}
			for (size_t b = 0; b < flen; b++) {
				char c = (char)('a' + (i + b + f) % 26);

				in[n++] = c;
				if (f > 0 || i % 7 != 3)
					out[m++] = c;
			}
			if (f == 0 && i % 7 == 3)
				out[m++] = 'X';
		}
		if (quoted && fields == 1)
			in[n++] = '"';
		if (i % 29 == 13)
			in[n++] = '\r';	/* CRLF: not plain, the same record */
		in[n++] = '\n';
		out[m++] = '\n';
	}
	out[m] = '\0';
	in[n] = '\0';
	*want = out;
	*len = n;
	return in;
}

/* The rows of r to w as a tool's row loop writes them (as_read_input). */
static void
as_read_rows(struct rd_reader *r, struct rd_writer *w)
{
	struct rd_record rec;

	rd_writer_pass(w, r);
	for (size_t i = 0; rd_next(r, &rec) > 0; i++) {
		if (i % 7 == 3) {
			rd_put_str(w, "X");
			for (size_t f = 1; f < rec.n; f++)
				rd_put(w, rec.f[f], rec.len[f]);
			rd_end_row(w);
		} else if (!rd_put_as_read(w, &rec)) {
			rd_put_record(w, &rec);
			rd_end_row(w);
		}
	}
	rd_writer_pass(w, NULL);
}

/*
 * Rows as read (rd_put_as_read) over many reads of a file, between rows
 * written field by field, to a file and to memory: the bytes of rows
 * written one by one, in order, and the row count.
 */
START_TEST(as_read_rows_in_order)
{
	for (int t = 0; t <= 1; t++) {
		struct rd_reader_config rcfg = { .tsv = t, .no_header = true };
		struct rd_writer_config wcfg = { .tsv = t };
		char *want, *in, *got, *mem, path[] = "/tmp/rd_as_read_XXXXXX";
		size_t len, mlen;
		unsigned long rows;
		int fd = mkstemp(path);
		FILE *tmp = tmpfile();
		struct rd_reader *r;
		struct rd_writer *w;

		ck_assert(fd >= 0 && tmp != NULL);
		in = as_read_input(150000, t ? '\t' : ',', &want, &len);
		ck_assert_int_eq(write(fd, in, len), (ssize_t)len);
		close(fd);
		for (int to_mem = 0; to_mem <= 1; to_mem++) {
			r = rd_open_config(path, &rcfg);
			w = to_mem ? rd_writer_new_mem(&wcfg) :
			    rd_writer_new_config(fileno(tmp), &wcfg);
			as_read_rows(r, w);
			if (to_mem) {
				mem = rd_writer_mem_take(w, &mlen, &rows);
				ck_assert_uint_eq(rows, 150000);
				ck_assert_uint_eq(mlen, strlen(want));
				ck_assert(memcmp(mem, want, mlen) == 0);
				free(mem);
			}
			rd_writer_close(w);
			rd_close(r);
		}
		mlen = (size_t)lseek(fileno(tmp), 0, SEEK_END);
		got = malloc(mlen + 1);
		ck_assert_ptr_nonnull(got);
		ck_assert_int_eq(pread(fileno(tmp), got, mlen, 0), (ssize_t)mlen);
		got[mlen] = '\0';
		ck_assert_uint_eq(mlen, strlen(want));
		ck_assert(strcmp(got, want) == 0);
		unlink(path);
		fclose(tmp);
		free(got);
		free(in);
		free(want);
	}
}
END_TEST

/*
 * A record of another reader, or with the writer not passing: not as
 * read (false, nothing written).
 */
START_TEST(as_read_only_from_the_reader)
{
	struct rd_reader_config rcfg = { .no_header = true };
	struct rd_writer_config wcfg = { 0 };
	struct rd_reader *a = rd_open_mem("a", "x,y\n", 4, &rcfg);
	struct rd_reader *b = rd_open_mem("b", "u,v\n", 4, &rcfg);
	struct rd_writer *w = rd_writer_new_mem(&wcfg);
	struct rd_record ra, rb;
	unsigned long rows;
	size_t len;
	char *mem;

	ck_assert_int_eq(rd_next(a, &ra), 1);
	ck_assert_int_eq(rd_next(b, &rb), 1);
	ck_assert(!rd_put_as_read(w, &ra));
	rd_writer_pass(w, a);
	ck_assert(!rd_put_as_read(w, &rb));
	ck_assert(rd_put_as_read(w, &ra));
	ck_assert_uint_eq(rd_writer_mem_len(w), 4);	/* held rows count */
	rd_writer_pass(w, NULL);
	mem = rd_writer_mem_take(w, &len, &rows);
	ck_assert_uint_eq(rows, 1);
	ck_assert_uint_eq(len, 4);
	ck_assert(memcmp(mem, "x,y\n", 4) == 0);
	free(mem);
	rd_writer_close(w);
	rd_close(a);
	rd_close(b);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("writer_mem");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, mem_as_file);
	tcase_add_test(tc, mem_swap_as_file);
	tcase_add_test(tc, raw_every_length);
	tcase_add_test(tc, as_read_rows_in_order);
	tcase_add_test(tc, as_read_only_from_the_reader);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
